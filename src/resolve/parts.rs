//! A long document is read on screen a section at a time, the way GOV.UK
//! publishes its guides: its page (`index.html`) holds the header, the
//! contents and the first section; each later second-level section has a
//! page beside it (`<section-id>.html`), shared by short sections in a row. A page then stays
//! light enough to open at once from a USB stick on an old laptop, and
//! the whole document is still one file to print (`print.html`).
//!
//! Which sections go where is decided here, from the document itself, so
//! that a link from any page to `doc.md#heading` can name the file that
//! holds the heading (`ResolvedLink::href`).

use crate::model::{Body, TopSection};
use crate::parse::Document;

use super::{Page, PageKind, urls};

/// Fewer sections than this are not worth a page each.
const MIN_SECTIONS: usize = 3;

/// Short sections in a row share a page up to this many bytes of text: a
/// page of a few lines is not worth a click. A section where the kind
/// shows a block made from its fields (a table, a chart) has a page of its
/// own, since the block can weigh far more than its text, and so does the
/// first section.
const PAGE_TEXT: usize = 6_000;

/// One page of a document cut into sections.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// Its output path; the first part is the document's own page.
    pub path: String,
    /// The second-level heading it starts with (none for the first part,
    /// which starts with the document).
    pub start: Option<String>,
    /// The title of its first section.
    pub title: String,
    /// Its second-level sections: id and title.
    pub sections: Vec<(String, String)>,
    /// The ids of the headings it holds.
    pub ids: Vec<String>,
}

/// The pages a document's page is cut into when it is longer than
/// `split_over`: none when it is read whole.
pub fn of(page: &Page, doc: &Document, split_over: Option<usize>) -> Vec<Part> {
    let long = split_over.is_some_and(|limit| doc.source_bytes > limit);
    if !matches!(page.kind, PageKind::Document | PageKind::Version) || !long {
        return Vec::new();
    }
    cut(page, &doc.body, &|id| crate::kinds::shows_block_after(doc.front.kind, id))
}

/// The pages of `body`'s top-level sections, from `page`'s own: short ones
/// in a row share a page, one with a block (`with_block`) has its own.
fn cut(page: &Page, body: &Body, with_block: &dyn Fn(&str) -> bool) -> Vec<Part> {
    let sections = body.top_sections();
    if sections.len() < MIN_SECTIONS {
        return Vec::new();
    }
    let Some(dir) = page.path.strip_suffix("index.html") else {
        return Vec::new();
    };
    let mut groups: Vec<Vec<TopSection<'_>>> = Vec::new();
    let mut bytes = 0;
    for section in sections {
        // The first page keeps its first section alone: it holds the
        // document's header, notices and the blocks shown before the body
        // (a checklist's form).
        let alone = groups.len() < 2;
        match groups.last_mut() {
            Some(group)
                if !alone
                    && !with_block(section.id)
                    && !group.iter().any(|s| with_block(s.id))
                    && bytes + section.bytes <= PAGE_TEXT =>
            {
                group.push(section);
                bytes += section.bytes;
            }
            _ => {
                groups.push(vec![section]);
                bytes = section.bytes;
            }
        }
    }
    if groups.len() < 2 {
        return Vec::new();
    }
    let title_of = |id: &str| body.headings.iter().find(|h| h.id == id).map(|h| h.text.clone()).unwrap_or_default();
    let mut parts: Vec<Part> = Vec::with_capacity(groups.len());
    // File names already given, as a file system that ignores case sees them.
    let mut taken = std::collections::HashSet::new();
    for (n, group) in groups.iter().enumerate() {
        let id = group[0].id;
        let (path, start) = if n == 0 {
            (page.path.clone(), None)
        } else {
            let mut stem = file_stem(id, n);
            let mut again = 0;
            while !taken.insert(stem.to_lowercase()) {
                again += 1;
                stem = if again == 1 { format!("part-{}", n + 1) } else { format!("part-{}-{again}", n + 1) };
            }
            (format!("{dir}{stem}.html"), Some(id.to_owned()))
        };
        let sections = group.iter().map(|s| (s.id.to_owned(), title_of(s.id))).collect();
        parts.push(Part { path, start, title: title_of(id), sections, ids: Vec::new() });
    }
    let mut current = 0;
    for heading in &body.headings {
        if parts.get(current + 1).is_some_and(|next| next.start.as_deref() == Some(heading.id.as_str())) {
            current += 1;
        }
        parts[current].ids.push(heading.id.clone());
    }
    parts
}

/// A section's file name: its id, unless the id cannot name a file or
/// names one the document already has (its print file, a module's
/// editions, a redline), then its number.
fn file_stem(id: &str, n: usize) -> String {
    let lower = id.to_lowercase();
    let taken = ["index", "print", "facilitator", "participant", "404"].contains(&lower.as_str())
        || lower.starts_with("changes")
        || lower.len() > 100
        || urls::segment_problem(id).is_some();
    if taken { format!("part-{}", n + 1) } else { id.to_owned() }
}

impl Page {
    /// The file of this page that holds the heading `id`: a section's own
    /// page when the document is cut, else the page itself.
    pub fn file_holding(&self, id: &str) -> &str {
        self.place_of(id).0
    }

    /// Where the heading `id` is read: the file that holds it, and the
    /// heading to land on when it does not open that file (a section
    /// further down a page, or any heading of a page read whole).
    pub fn place_of<'a, 'b>(&'a self, id: &'b str) -> (&'a str, Option<&'b str>) {
        match self.parts.iter().find(|part| part.ids.iter().any(|i| i == id)) {
            Some(part) if part.sections.first().is_some_and(|(first, _)| first == id) => (&part.path, None),
            Some(part) => (&part.path, Some(id)),
            None => (&self.path, Some(id)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_whose_ids_differ_only_by_case_get_files_of_their_own() {
        let mut text = String::new();
        for id in ["one", "Two", "two", "print", "part-4"] {
            text.push_str(&format!("## Section {{#{id}}}\n\n{}\n\n", "Words. ".repeat(600)));
        }
        let mut problems = Vec::new();
        let body = crate::parse::markdown::parse(&text, "x.md", 0, &mut problems);
        let page = Page::new(PageKind::Document, "en", "x", "en/x/index.html".into(), "X".into(), Some(0), 0);
        let files: Vec<String> = super::cut(&page, &body, &|_| false).into_iter().map(|p| p.path).collect();
        assert_eq!(
            files,
            ["en/x/index.html", "en/x/Two.html", "en/x/part-3.html", "en/x/part-4.html", "en/x/part-5.html"]
        );
    }

    #[test]
    fn short_sections_share_a_page_but_the_first_and_those_with_a_block_have_their_own() {
        let mut text = String::new();
        for (id, words) in [("a", 100), ("b", 100), ("c", 100), ("d", 100), ("table", 10), ("e", 100), ("f", 1000)] {
            text.push_str(&format!("## {id} {{#{id}}}\n\n{}\n\n", "Word. ".repeat(words)));
        }
        let mut problems = Vec::new();
        let body = crate::parse::markdown::parse(&text, "x.md", 0, &mut problems);
        let page = Page::new(PageKind::Document, "en", "x", "en/x/index.html".into(), "X".into(), Some(0), 0);
        let parts = super::cut(&page, &body, &|id| id == "table");
        let sections: Vec<Vec<&str>> =
            parts.iter().map(|p| p.sections.iter().map(|(id, _)| id.as_str()).collect()).collect();
        assert_eq!(sections, [vec!["a"], vec!["b", "c", "d"], vec!["table"], vec!["e"], vec!["f"]]);
        let files: Vec<&str> = parts.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(files, ["en/x/index.html", "en/x/b.html", "en/x/table.html", "en/x/e.html", "en/x/f.html"]);
    }

    #[test]
    fn a_section_id_that_names_another_file_is_numbered() {
        assert_eq!(file_stem("roles", 1), "roles");
        assert_eq!(file_stem("print", 1), "part-2");
        assert_eq!(file_stem("Index", 2), "part-3");
        assert_eq!(file_stem("changes-0.1", 3), "part-4");
        assert_eq!(file_stem("a:b", 1), "part-2");
    }
}
