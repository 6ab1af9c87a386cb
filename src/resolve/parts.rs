//! A long document is read on screen one section at a time, the way GOV.UK
//! publishes its guides: its page (`index.html`) holds the header, the
//! contents and the first section; each later second-level section has a
//! page of its own beside it (`<section-id>.html`). A page then stays
//! light enough to open at once from a USB stick on an old laptop, and
//! the whole document is still one file to print (`print.html`).
//!
//! Which sections go where is decided here, from the document itself, so
//! that a link from any page to `doc.md#heading` can name the file that
//! holds the heading (`ResolvedLink::href`).

use crate::parse::Document;

use super::{Page, PageKind, urls};

/// Fewer sections than this are not worth a page each.
const MIN_SECTIONS: usize = 3;

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
    cut(page, &doc.body)
}

/// A page per top-level section of `body`, from `page`'s own.
fn cut(page: &Page, body: &crate::model::Body) -> Vec<Part> {
    let starts = body.top_sections();
    if starts.len() < MIN_SECTIONS {
        return Vec::new();
    }
    let Some(dir) = page.path.strip_suffix("index.html") else {
        return Vec::new();
    };
    let title_of = |id: &str| body.headings.iter().find(|h| h.id == id).map(|h| h.text.clone()).unwrap_or_default();
    let mut parts: Vec<Part> = Vec::with_capacity(starts.len());
    // File names already given, as a file system that ignores case sees them.
    let mut taken = std::collections::HashSet::new();
    for (n, id) in starts.iter().enumerate() {
        let (path, start) = if n == 0 {
            (page.path.clone(), None)
        } else {
            let mut stem = file_stem(id, n);
            let mut again = 0;
            while !taken.insert(stem.to_lowercase()) {
                again += 1;
                stem = if again == 1 { format!("part-{}", n + 1) } else { format!("part-{}-{again}", n + 1) };
            }
            (format!("{dir}{stem}.html"), Some((*id).to_owned()))
        };
        parts.push(Part { path, start, title: title_of(id), ids: Vec::new() });
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
        self.parts.iter().find(|part| part.ids.iter().any(|i| i == id)).map_or(&self.path, |part| &part.path)
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
        let files: Vec<String> = super::cut(&page, &body).into_iter().map(|p| p.path).collect();
        assert_eq!(
            files,
            ["en/x/index.html", "en/x/Two.html", "en/x/part-3.html", "en/x/part-4.html", "en/x/part-5.html"]
        );
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
