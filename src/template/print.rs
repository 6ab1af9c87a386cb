//! The print context: what `templates/print.html` lays out for a
//! document's print edition or a bundle's print file (cover, contents,
//! acronyms, the strings of the page margin boxes, the parts). What a kind
//! adds on paper comes from its `KindSpec::print_extras`.

use serde::Serialize;

use super::context::{Contexts, DocumentInfo, Notice, TocEntry};
use super::i18n::Strings;
use crate::kinds::print::{AttendanceSheet, PrintExtras, StateHeader};
use crate::kinds::spec::spec;
use crate::model::Kind;
use crate::parse::Document;
use crate::render::{BodyPart, RenderedBody};
use crate::resolve::print::PrintBundle;
use crate::resolve::{Page, urls};

#[derive(Serialize)]
pub struct Acronym {
    pub abbr: String,
    pub name: String,
}

/// One document in a print file.
#[derive(Serialize)]
pub struct PrintPart {
    /// The part's anchor: `p2` in a bundle, `r-document` for one document.
    pub id: String,
    pub lang: String,
    pub title: String,
    pub doc: DocumentInfo,
    pub toc: Vec<TocEntry>,
    pub acronyms: Vec<Acronym>,
    pub body: String,
    #[serde(skip)]
    pub has_code: bool,
    pub notices: Vec<Notice>,
    /// What the document's kind shows, as on its page.
    pub kind: Option<serde_json::Value>,
    pub body_parts: Vec<BodyPart>,
    pub placed: Vec<String>,
    /// In a bundle, the mark drawn down every page of a draft part (CSS
    /// `url(…)` of an SVG): only that part's pages carry it, never a form's.
    pub watermark: Option<String>,
}

#[derive(Serialize)]
pub struct PrintContext<'a> {
    pub lang: &'a str,
    pub t: &'a serde_json::Value,
    pub root: String,
    pub head_title: String,
    /// The cover: a document's, or the bundle's.
    pub cover_kind: String,
    pub cover_title: String,
    pub cover_summary: Option<String>,
    pub cover: DocumentInfo,
    pub draft: bool,
    pub is_bundle: bool,
    /// Contents of a bundle: its parts.
    pub bundle_toc: Vec<TocEntry>,
    pub parts: Vec<PrintPart>,
    /// CSS for the page margin boxes: running header and footer. Built
    /// here because their words differ per document and language.
    pub page_css: String,
    pub back_href: Option<String>,
    pub has_code: bool,
    /// For a module's edition: "Facilitator edition" or "Participant edition".
    pub edition: Option<String>,
    /// The bilingual header of the Republic of Cameroon (`state_header: true`).
    pub state_header: Option<StateHeader>,
    /// A module edition's blank attendance sheet: rows and days.
    pub attendance_sheet: Option<AttendanceSheet>,
}

/// Text as a CSS string literal, safe inside `<style>`.
pub(super) fn css_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("\\3c "),
            '\n' => out.push(' '),
            _ => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `"Page " counter(page) " of " counter(pages)` from "Page {page} of {pages}".
pub(super) fn page_counter(template: &str) -> String {
    let mut parts = Vec::new();
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        let Some(end) = rest[start..].find('}') else { break };
        if start > 0 {
            parts.push(css_string(&rest[..start]));
        }
        match &rest[start + 1..start + end] {
            "page" => parts.push("counter(page)".to_owned()),
            "pages" => parts.push("counter(pages)".to_owned()),
            other => parts.push(css_string(other)),
        }
        rest = &rest[start + end + 1..];
    }
    if !rest.is_empty() {
        parts.push(css_string(rest));
    }
    parts.join(" ")
}

impl<'a> Contexts<'a> {
    /// The print edition of one document page, at `path`.
    /// `kind` is the document's kind view, made for a file of the page's folder.
    pub fn print(
        &self,
        page: &'a Page,
        body: RenderedBody,
        path: &str,
        edition: Option<&str>,
        kind: Option<serde_json::Value>,
    ) -> PrintContext<'a> {
        let mut part = self.print_part(page, body, String::new());
        part.kind = kind;
        let strings = self.strings(&page.lang);
        let cover = self.doc(page).map(|d| self.document_info(d, strings)).unwrap_or_default();
        let extras = self.print_extras(page, path, edition);
        // Every printed page says which edition it belongs to: a page with
        // the quiz answers must not pass for a participant's.
        let edition_name = edition.map(|e| strings.get(&format!("k.{e}_edition")));
        let footer = [
            Some(part.title.clone()),
            edition_name.clone(),
            cover.version.as_ref().map(|v| format!("{} {v}", strings.get("version"))),
            cover.status_label.clone(),
        ];
        PrintContext {
            lang: &page.lang,
            t: if part.kind.is_some() { &strings.tree } else { &strings.plain_tree },
            root: urls::to_root(path),
            head_title: part.title.clone(),
            cover_kind: if cover.kind == "page" { String::new() } else { cover.kind_label.clone() },
            cover_title: part.title.clone(),
            cover_summary: cover.summary.clone(),
            draft: cover.draft,
            is_bundle: false,
            bundle_toc: Vec::new(),
            page_css: Self::page_css(
                &part.title,
                &footer.into_iter().flatten().collect::<Vec<_>>().join(" · "),
                strings,
            ),
            back_href: Some(urls::relative(path, &page.path)),
            has_code: part.has_code,
            edition: edition_name,
            state_header: extras.state_header,
            attendance_sheet: extras.attendance_sheet,
            cover,
            parts: vec![part],
        }
    }

    /// The print file of a bundle: a shared cover and contents, then each
    /// document (each language's edition in turn for a bilingual bundle).
    pub fn print_bundle(&self, bundle: &'a PrintBundle, bodies: Vec<RenderedBody>) -> PrintContext<'a> {
        let lang = bundle.lang.as_deref().unwrap_or_else(|| self.site.config.default_language());
        let strings = self.strings(lang);
        let parts: Vec<PrintPart> = bundle
            .parts
            .iter()
            .zip(bodies)
            .enumerate()
            .map(|(n, (&page, body))| {
                let mut part = self.print_part(&self.site.pages[page], body, format!("p{}", n + 1));
                // The part's body ids are scoped as `p2-…`: so are the view's links.
                part.kind = self.kind_view(&self.site.pages[page], &bundle.path, &format!("{}-", part.id));
                if part.doc.draft {
                    let mark = part.doc.mark.clone().unwrap_or_else(|| strings.get("draft_mark"));
                    part.watermark = Some(watermark_image(&mark));
                }
                part
            })
            .collect();
        let bundle_toc = parts
            .iter()
            .map(|p| TocEntry {
                href: format!("#{}", p.id),
                title: p.title.clone(),
                level: 1,
                current: false,
                here: false,
            })
            .collect();
        // A bundle's watermark is drawn by each draft part, not across the
        // whole file: the forms and the published texts it holds carry none.
        let draft = false;
        PrintContext {
            lang,
            t: &strings.tree,
            root: urls::to_root(&bundle.path),
            head_title: bundle.title.clone(),
            cover_kind: String::new(),
            cover_title: Self::prose(lang, &bundle.title),
            cover_summary: None,
            cover: DocumentInfo::default(),
            draft,
            is_bundle: true,
            bundle_toc,
            page_css: Self::page_css(&bundle.title, &bundle.title, strings),
            back_href: None,
            has_code: parts.iter().any(|p| p.has_code),
            edition: None,
            state_header: None,
            attendance_sheet: None,
            parts,
        }
    }

    fn print_part(&self, page: &'a Page, body: RenderedBody, id: String) -> PrintPart {
        let strings = self.strings(&page.lang);
        let doc = self.doc(page);
        let prefix = if id.is_empty() { String::new() } else { format!("{id}-") };
        let toc = doc
            .map(|d| {
                d.body
                    .headings
                    .iter()
                    .filter(|h| h.level <= 3)
                    .map(|h| TocEntry {
                        href: format!("#{prefix}{}", h.id),
                        title: Self::prose(&page.lang, &h.text),
                        level: h.level,
                        current: false,
                        here: false,
                    })
                    .collect()
            })
            .unwrap_or_default();
        let long = doc.is_some_and(|d| matches!(d.front.kind, Kind::Sop | Kind::Strategy | Kind::Report));
        let acronyms = match doc {
            Some(d) if long => self.acronyms(d),
            _ => Vec::new(),
        };
        // On paper, notices in the document's language, without links.
        let mut notices = self.notices(page, doc);
        notices.retain(|n| n.lang == page.lang);
        notices.iter_mut().for_each(|n| n.link = None);
        let has_code = body.has_code;
        let (body, body_parts, placed) = body.into_whole_and_parts();
        PrintPart {
            id: if id.is_empty() { "r-document".to_owned() } else { id },
            lang: page.lang.clone(),
            title: Self::prose(&page.lang, &page.title),
            doc: doc.map(|d| self.document_info(d, strings)).unwrap_or_default(),
            toc,
            acronyms,
            body_parts,
            placed,
            body,
            has_code,
            notices,
            kind: None,
            watermark: None,
        }
    }

    /// What the document's kind adds to its print file for the file
    /// `path` (`KindSpec::print_extras`): the state header, a module
    /// edition's attendance sheet.
    fn print_extras(&self, page: &'a Page, path: &str, edition: Option<&str>) -> PrintExtras {
        let Some(cx) = self.view_context(page, path, "") else { return PrintExtras::default() };
        spec(cx.front.kind).print_extras(&cx, edition)
    }

    /// Glossary entries whose abbreviation the document uses.
    fn acronyms(&self, doc: &Document) -> Vec<Acronym> {
        let words = doc.body.words();
        let mut found: Vec<Acronym> = self
            .site
            .glossary
            .entries
            .values()
            .filter_map(|entry| {
                let abbr = entry.abbr.as_ref()?.get(&doc.lang)?;
                let used = words.match_indices(abbr.as_str()).any(|(i, _)| {
                    let before = words[..i].chars().next_back();
                    let after = words[i + abbr.len()..].chars().next();
                    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
                });
                used.then(|| Acronym {
                    abbr: abbr.clone(),
                    name: Self::prose(&doc.lang, self.site.glossary.name(&entry.id, &doc.lang).unwrap_or_default()),
                })
            })
            .collect();
        found.sort_by(|a, b| a.abbr.cmp(&b.abbr));
        found.dedup_by(|a, b| a.abbr == b.abbr);
        found
    }

    fn page_css(header: &str, footer: &str, strings: &Strings) -> String {
        // Long titles are shortened in the margins, so that "Page N of M"
        // keeps its line (the cover carries the full title).
        let short = crate::format::shorten;
        let (title, rest) = footer.split_once(" · ").unwrap_or((footer, ""));
        let footer = if rest.is_empty() { short(title, 70) } else { format!("{} · {rest}", short(title, 60)) };
        format!(
            "@page {{ @top-center {{ content: {}; }} @bottom-left {{ content: {}; }} @bottom-right {{ content: {}; white-space: nowrap; }} }} \
             @page :first {{ @top-center {{ content: none; }} @bottom-left {{ content: none; }} @bottom-right {{ content: none; }} }}",
            css_string(&short(header, 90)),
            css_string(&footer),
            page_counter(&strings.get("print.page_of"))
        )
    }
}

/// The CSS image of a watermark: the mark, large, slanted and faint, in an
/// SVG tile as tall as an A4 page's text, repeated down a part.
fn watermark_image(mark: &str) -> String {
    let text = crate::html::escape(mark);
    // A longer mark is drawn smaller, so that it stays inside the tile.
    let size = (900 / mark.chars().count().max(1)).min(120);
    let svg = format!(
        "<svg xmlns='http://www.w3.org/2000/svg' width='600' height='870'><text x='300' y='435' \
         transform='rotate(-30 300 435)' text-anchor='middle' dominant-baseline='middle' \
         font-family='sans-serif' font-size='{size}' font-weight='700' fill='#a3001b' \
         fill-opacity='0.12'>{text}</text></svg>"
    );
    let url = crate::resolve::urls::encode(&svg);
    format!("url(\"data:image/svg+xml,{url}\")")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_running_header_cannot_close_the_style_element_nor_its_string() {
        assert_eq!(css_string("Plan \"A\" \\ B"), "\"Plan \\\"A\\\" \\\\ B\"");
        let hostile = css_string("x</style><script>alert(1)</script>");
        assert!(!hostile.contains('<'), "{hostile}");
        assert_eq!(css_string("two\nlines"), "\"two lines\"");
    }

    #[test]
    fn a_page_counter_is_made_from_the_words_of_each_language() {
        assert_eq!(page_counter("Page {page} of {pages}"), "\"Page \" counter(page) \" of \" counter(pages)");
        assert_eq!(page_counter("{page}/{pages}"), "counter(page) \"/\" counter(pages)");
        assert_eq!(page_counter("Page {page} sur {pages}"), "\"Page \" counter(page) \" sur \" counter(pages)");
    }
}
