//! A document cut into sections (`resolve::parts`) laid out as pages: each
//! with the document's title, the list of its sections with the current
//! one marked, the section's body, and links to the sections before and
//! after. The kind's blocks that come before the body open the first page;
//! those after it close the last.

use std::collections::HashSet;

use serde::Serialize;

use super::Templates;
use super::context::{Contexts, LanguageLink, Link, PageContext, TocEntry};
use crate::diagnostics::Diagnostic;
use crate::render::BodyPart;
use crate::resolve::{Page, urls};

/// Which of a document's pages a page context lays out: the first opens
/// with the kind's blocks before the body, the last closes with those after.
#[derive(Serialize, Clone)]
pub struct PartInfo {
    pub first: bool,
    pub last: bool,
}

impl Contexts<'_> {
    /// Lays out each section's page with the theme's `template`, in order:
    /// `cx` is the page's context with its body cut before each section
    /// (`RenderContext::cut_before`), made a template context once (a
    /// kind's view is large); each page changes only what is its own.
    /// Returns each page's path and HTML, same-page links already
    /// retargeted.
    pub(super) fn lay_out_parts(
        &self,
        templates: &Templates,
        template: &str,
        page: &Page,
        mut cx: PageContext<'_>,
    ) -> Result<Vec<(String, String)>, Diagnostic> {
        let mut groups: Vec<Vec<BodyPart>> = vec![Vec::new(); page.parts.len()];
        let mut current = 0;
        let body_parts = match std::mem::take(&mut cx.body_parts) {
            parts if parts.is_empty() => {
                vec![BodyPart { html: std::mem::take(&mut cx.body), block: None, section: None }]
            }
            parts => parts,
        };
        cx.body = String::new();
        for part in body_parts {
            let starts =
                part.section.as_deref().and_then(|id| page.parts.iter().position(|p| p.start.as_deref() == Some(id)));
            if let Some(k) = starts {
                current = k;
            }
            groups[current].push(part);
        }
        let count = page.parts.len();
        let (prev, next) = (cx.prev.take(), cx.next.take());
        let (languages, alternates) = (std::mem::take(&mut cx.languages), std::mem::take(&mut cx.alternates));
        let mut context = templates.context(template, &cx)?;
        let link = |n: usize| Link {
            title: Self::prose(&page.lang, &page.parts[n].title),
            href: urls::relative(&page.path, &page.parts[n].path),
            current: false,
        };
        let mut made = Vec::with_capacity(count);
        for (k, (part, group)) in page.parts.iter().zip(groups).enumerate() {
            let title = Self::prose(&page.lang, &part.title);
            // Every section, linked where it is read: this page's own
            // within it, the first of them marked as the page shown.
            let toc: Vec<TocEntry> = page
                .parts
                .iter()
                .enumerate()
                .flat_map(|(n, part)| part.sections.iter().enumerate().map(move |(i, (id, title))| (n, i, id, title)))
                .map(|(n, i, id, title)| TocEntry {
                    href: if n == k {
                        format!("#{}", urls::encode(id))
                    } else {
                        let (file, at) = page.place_of(id);
                        urls::relative_at(&page.path, file, at)
                    },
                    title: Self::prose(&page.lang, title),
                    level: 2,
                    current: n == k && i == 0,
                    here: n == k && i > 0,
                })
                .collect();
            context.insert("body_parts", &group);
            context.insert("toc", &toc);
            let head_title = if k == 0 { cx.head_title.clone() } else { format!("{title} · {}", cx.head_title) };
            context.insert("head_title", &head_title);
            let canonical = self.site.config.base_url.as_deref().map(|base| urls::absolute(base, &part.path));
            context.insert("canonical", &canonical);
            context.insert("prev", &if k == 0 { prev.clone() } else { Some(link(k - 1)) });
            context.insert("next", &if k + 1 == count { next.clone() } else { Some(link(k + 1)) });
            if let Some(switch) = &self.site.switch {
                // The version switch, too, lands on the same section.
                let links = switch.links_from(page, &part.path, part.start.as_deref());
                context.insert("site_versions", &self.site_versions(page, &links));
                context.insert("older_site", &self.older_site(page, &links));
            }
            context.insert("languages", &self.switch_to_part(page, k, &languages));
            context.insert("alternates", &self.switch_to_part(page, k, &alternates));
            context.insert("part", &PartInfo { first: k == 0, last: k + 1 == count });
            made.push((part.path.clone(), templates.render_with(template, &context, &part.path)?));
        }
        retarget(&mut made);
        Ok(made)
    }

    /// The language switch of a section's page lands on the same section
    /// in the other language: the page that holds the same heading (kinds
    /// share section ids), or the heading on a translation read on one
    /// page; else the section's page at the same place, else the
    /// document's first.
    fn switch_to_part(&self, page: &Page, k: usize, links: &[LanguageLink]) -> Vec<LanguageLink> {
        let mut links = links.to_vec();
        let shown: Vec<String> = page.parts[k].sections.iter().map(|(id, _)| id.clone()).collect();
        for link in &mut links {
            let Some(&other) = page.translations.get(&link.lang) else { continue };
            let other = &self.site.pages[other];
            link.sections = self.sections_in(&shown, other);
            let holds = |id: &str| self.site.page_doc(other).is_some_and(|d| d.body.has_id(id));
            link.href = match page.parts[k].start.as_deref() {
                Some(id) if holds(id) => {
                    let (file, at) = other.place_of(id);
                    urls::relative_at(&page.path, file, at)
                }
                _ => urls::relative(&page.path, other.parts.get(k).map_or(other.path.as_str(), |p| p.path.as_str())),
            };
        }
        links
    }
}

/// Same-page links (`href="#id"`) of each section's page whose target is on
/// another section's page are made to name that page's file: a body's own
/// links, its footnotes and citations, and the kind's blocks alike.
pub fn retarget(pages: &mut [(String, String)]) {
    // The ids of each page; a link to one the page has itself (the skip
    // link's `#r-main`, which every page has) stays as it is.
    let ids: Vec<HashSet<String>> = pages
        .iter()
        .map(|(_, html)| {
            let mut ids = HashSet::new();
            for_each_attribute(html, |name, value| {
                if name.eq_ignore_ascii_case("id") {
                    ids.insert(value.to_owned());
                }
                None
            });
            ids
        })
        .collect();
    let file_of = |path: &str| path.rsplit('/').next().unwrap_or(path).to_owned();
    let files: Vec<String> = pages.iter().map(|(path, _)| file_of(path)).collect();
    for (n, (_, html)) in pages.iter_mut().enumerate() {
        let edits = for_each_attribute(html, |name, value| {
            let id = urls::decode(value.strip_prefix('#').filter(|_| name.eq_ignore_ascii_case("href"))?);
            if ids[n].contains(&id) {
                return None;
            }
            let holder = ids.iter().position(|page| page.contains(&id))?;
            Some(format!("{}{value}", urls::encode(&files[holder])))
        });
        for (range, value) in edits.into_iter().rev() {
            html.replace_range(range, &value);
        }
    }
}

/// Calls `visit` with the name and value of every attribute of every tag
/// of `html` (not in comments, scripts or styles); collects the value
/// ranges for which it returns a replacement.
fn for_each_attribute(
    html: &str,
    mut visit: impl FnMut(&str, &str) -> Option<String>,
) -> Vec<(std::ops::Range<usize>, String)> {
    let bytes = html.as_bytes();
    let mut edits = Vec::new();
    let mut i = 0;
    while let Some(offset) = html[i..].find('<') {
        i += offset + 1;
        if html[i..].starts_with("!--") {
            i = html[i..].find("-->").map_or(bytes.len(), |end| i + end + 3);
            continue;
        }
        let name_end = i + html[i..].find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(html.len() - i);
        let tag = html[i..name_end].to_ascii_lowercase();
        if tag.is_empty() {
            continue;
        }
        i = name_end;
        // Attributes, up to the tag's end.
        loop {
            while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
                i += 1;
            }
            if i >= bytes.len() || bytes[i] == b'>' {
                break;
            }
            let start = i;
            while i < bytes.len() && !bytes[i].is_ascii_whitespace() && !matches!(bytes[i], b'=' | b'>' | b'/') {
                i += 1;
            }
            let name = &html[start..i];
            if i < bytes.len() && bytes[i] == b'=' {
                i += 1;
                let (range, after) = match bytes.get(i) {
                    Some(&quote @ (b'"' | b'\'')) => {
                        let end = html[i + 1..].find(quote as char).map_or(bytes.len(), |e| i + 1 + e);
                        (i + 1..end, (end + 1).min(bytes.len()))
                    }
                    _ => {
                        let end = html[i..]
                            .find(|c: char| c.is_ascii_whitespace() || c == '>')
                            .map_or(bytes.len(), |e| i + e);
                        (i..end, end)
                    }
                };
                if let Some(value) = visit(name, &html[range.clone()]) {
                    edits.push((range, value));
                }
                i = after;
            } else if name.is_empty() {
                i += 1;
            }
        }
        // The text of a script or a style holds no tags.
        if tag == "script" || tag == "style" {
            let close = format!("</{tag}");
            i = html[i..].to_ascii_lowercase().find(&close).map_or(bytes.len(), |end| i + end);
        }
    }
    edits
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_to_a_heading_on_another_section_page_names_that_page() {
        let mut pages = vec![
            (
                "en/x/index.html".to_owned(),
                r##"<h2 id="a">A</h2><p>See <a href="#b">B</a>, <a href=#a>A</a> and <a href="#none">?</a>.</p><script>var s = '<a href="#b">';</script><main id=main>"##
                    .to_owned(),
            ),
            ("en/x/b.html".to_owned(), r##"<h2 id=b>B</h2><sup><a href="#a">1</a></sup><a href=#main>skip</a><main id=main>"##.to_owned()),
        ];
        retarget(&mut pages);
        assert_eq!(
            pages[0].1,
            r##"<h2 id="a">A</h2><p>See <a href="b.html#b">B</a>, <a href=#a>A</a> and <a href="#none">?</a>.</p><script>var s = '<a href="#b">';</script><main id=main>"##
        );
        // An id the page has itself (every page's `<main>`) stays on the page.
        assert_eq!(
            pages[1].1,
            r##"<h2 id=b>B</h2><sup><a href="index.html#a">1</a></sup><a href=#main>skip</a><main id=main>"##
        );
    }

    proptest::proptest! {
        /// Whatever an author's raw HTML holds, reading it neither panics
        /// nor loops: pieces of tags, quotes, comments and scripts at random.
        #[test]
        fn any_markup_is_read_without_a_panic(pieces in proptest::collection::vec(0usize..17, 0..120)) {
            const PIECES: [&str; 17] =
                ["<", ">", "=", "\"", "'", "/", "<!--", "-->", "a", "é", " id", " href", "#x", " ", "script", "\n", "</"];
            let html: String = pieces.iter().map(|&p| PIECES[p]).collect();
            let mut pages = vec![("a/index.html".to_owned(), html.clone()), ("a/x.html".to_owned(), format!("<p id=x>{html}"))];
            retarget(&mut pages);
        }
    }

    #[test]
    fn attributes_are_read_whatever_their_quotes() {
        let mut seen = Vec::new();
        for_each_attribute(
            r#"<p class=a id='b' data-x="c d" hidden><!-- <a href=x> --><br/><i title="&quot;>">"#,
            |n, v| {
                seen.push(format!("{n}={v}"));
                None
            },
        );
        assert_eq!(seen, ["class=a", "id=b", "data-x=c d", "title=&quot;>"]);
    }
}
