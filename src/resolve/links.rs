//! Links written in Markdown (to source files, relative to the current file)
//! -> relative URLs of output pages and files, checked: a link to a missing
//! document, file or heading is an error at its line.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use super::{Page, PageKind, urls};
use crate::config::Config;
use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::load::Asset;
use crate::model::{Kind, LinkRef};
use crate::parse::Document;

/// Where one link of a body goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkTarget {
    /// Another site, or a scheme such as `mailto:`: kept as written.
    External(String),
    /// A heading of the page the link is on.
    SamePage(String),
    /// A page of the site, maybe a heading in it.
    Page { page: usize, fragment: Option<String> },
    /// A file of the output, by its path from the site's root.
    File(String),
}

/// One link of a body, resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedLink {
    pub target: LinkTarget,
    /// Set when the link was written without a language and the target
    /// exists only in another language.
    pub fallback_lang: Option<String>,
}

impl ResolvedLink {
    /// The URL of the link in a file written at `from` (an output path).
    pub fn href(&self, from: &str, pages: &[Page]) -> String {
        match &self.target {
            LinkTarget::External(url) => url.clone(),
            LinkTarget::SamePage(fragment) => format!("#{}", urls::encode(fragment)),
            LinkTarget::Page { page, fragment } => {
                let page = &pages[*page];
                let file = fragment.as_deref().map_or(page.path.as_str(), |id| page.file_holding(id));
                urls::relative_at(from, file, fragment.as_deref())
            }
            LinkTarget::File(path) => urls::relative(from, path),
        }
    }
}

/// Where each thing a link can name is published.
pub struct LinkIndex<'a> {
    pages: &'a [Page],
    docs: &'a [Arc<Document>],
    /// (key, lang) -> page, for documents.
    documents: HashMap<(&'a str, &'a str), usize>,
    /// (key, lang) -> page, for sections and home pages.
    sections: HashMap<(&'a str, &'a str), usize>,
    assets: HashMap<&'a str, &'a Asset>,
    languages: &'a [String],
    photo_consent: bool,
    /// Ids of the print bundles of site.yaml: `print/<id>.html` links to one.
    bundles: Vec<&'a str>,
}

impl<'a> LinkIndex<'a> {
    pub fn new(pages: &'a [Page], docs: &'a [Arc<Document>], assets: &'a [Asset], config: &'a Config) -> Self {
        let mut documents = HashMap::new();
        let mut sections = HashMap::new();
        for (i, page) in pages.iter().enumerate() {
            let map = if page.kind == PageKind::Document { &mut documents } else { &mut sections };
            map.entry((page.key.as_str(), page.lang.as_str())).or_insert(i);
        }
        let assets = assets.iter().map(|a| (a.content_path.as_str(), a)).collect();
        let photo_consent = config.checks.photo_consent;
        let bundles = config.bundles.iter().map(|b| b.id.as_str()).collect();
        LinkIndex { pages, docs, documents, sections, assets, languages: &config.languages, photo_consent, bundles }
    }

    pub fn resolve_body(&self, page: &Page, doc: &Document) -> (Vec<ResolvedLink>, Vec<Diagnostic>) {
        self.resolve_all(page, doc, &doc.body.links)
    }

    /// The links written in the document's fields (`related`, `refs` …).
    pub fn resolve_fields(&self, page: &Page, doc: &Document) -> (Vec<ResolvedLink>, Vec<Diagnostic>) {
        self.resolve_all(page, doc, &doc.kind.links)
    }

    fn resolve_all(&self, page: &Page, doc: &Document, refs: &[LinkRef]) -> (Vec<ResolvedLink>, Vec<Diagnostic>) {
        let mut links = Vec::with_capacity(refs.len());
        let mut problems = Vec::new();
        for link in refs {
            match self.resolve(page, doc, link) {
                Ok(resolved) => {
                    problems.extend(self.photo_without_consent(doc, link, &resolved));
                    problems.extend(image_from_another_host(doc, link, &resolved));
                    links.push(resolved);
                }
                Err(problem) => {
                    problems.push(problem);
                    links.push(ResolvedLink { target: LinkTarget::External(link.dest.clone()), fallback_lang: None });
                }
            }
        }
        (links, problems)
    }

    fn resolve(&self, page: &Page, doc: &Document, link: &LinkRef) -> Result<ResolvedLink, Diagnostic> {
        let dest = link.dest.trim();
        let error = |message: String| Diagnostic::error(&doc.display, link.line, link.column, message);
        let external = dest.starts_with("//") || dest.split_once(':').is_some_and(|(scheme, _)| is_scheme(scheme));
        if external {
            return Ok(ResolvedLink { target: LinkTarget::External(dest.to_owned()), fallback_lang: None });
        }
        if dest.is_empty() {
            // `[text]()` names no file that could be missing: the link leads
            // back to its own page, which breaks nothing but says nothing.
            return Err(Diagnostic::warning(&doc.display, link.line, link.column, "empty link: it leads nowhere")
                .with_hint("write the path of the file or the address to link to between the parentheses"));
        }
        if dest.starts_with('/') {
            return Err(error(format!(
                "the link `{dest}` starts with `/`, which breaks the site when opened from a folder or USB stick"
            ))
            .with_hint("write the path relative to this file, e.g. `../sops/gender-sensitive-return.md`"));
        }
        let (path, fragment) = match dest.split_once('#') {
            Some((path, fragment)) => (path, Some(urls::decode(fragment))),
            None => (dest, None),
        };
        let path = path.split('?').next().unwrap_or(path);
        if path.is_empty() {
            let fragment = fragment.unwrap_or_default();
            self.check_anchor(doc, &fragment).map_err(|hint| {
                error(format!("broken anchor: no heading `#{fragment}` in this document")).with_hint(hint)
            })?;
            return Ok(ResolvedLink { target: LinkTarget::SamePage(fragment), fallback_lang: None });
        }
        let base = doc.content_path.rsplit_once('/').map_or("", |(dir, _)| dir);
        let target = normalize(base, &urls::decode(path)).ok_or_else(|| {
            error(format!("the link `{dest}` points outside the content folder"))
                .with_hint("link only to files under content/")
        })?;
        if let Some(stripped) = target.strip_suffix(".md") {
            return self.resolve_page(page, doc, link, stripped, fragment.as_deref());
        }
        let folder = target.trim_end_matches('/');
        if let Some(&section) = self.sections.get(&(folder, page.lang.as_str())) {
            return Ok(ResolvedLink {
                target: LinkTarget::Page { page: section, fragment: None },
                fallback_lang: None,
            });
        }
        // A print bundle of site.yaml, written as the file it prints to.
        if let Some(id) = target.strip_prefix("print/").and_then(|t| t.strip_suffix(".html"))
            && self.bundles.contains(&id)
        {
            let path = format!("{}/print/{id}.html", page.lang);
            return Ok(ResolvedLink { target: LinkTarget::File(path), fallback_lang: None });
        }
        match self.assets.get(target.as_str()) {
            Some(asset) => {
                Ok(ResolvedLink { target: LinkTarget::File(self.asset_output(asset, &page.lang)), fallback_lang: None })
            }
            None => Err(error(format!("broken link: content/{target} does not exist")).with_hint(
                did_you_mean(&target, self.assets.keys().copied())
                    .unwrap_or_else(|| "check the file name and the path, which is relative to this file".to_owned()),
            )),
        }
    }

    /// A report's photo whose consent is recorded neither in its title nor
    /// in the file's metadata (`kinds::photos`).
    fn photo_without_consent(&self, doc: &Document, link: &LinkRef, resolved: &ResolvedLink) -> Option<Diagnostic> {
        use crate::kinds::photos;
        let title = link.image_title.as_deref()?;
        let wanted = self.photo_consent
            && doc.front.kind == Kind::Report
            && photos::is_photo(link.dest.split(['#', '?']).next().unwrap_or(""));
        if !wanted || !matches!(resolved.target, LinkTarget::File(_)) || photos::title_records_consent(title) {
            return None;
        }
        // The file the link resolved to, without its `?query` or `#fragment`.
        let written = link.dest.trim().split(['#', '?']).next().unwrap_or("");
        let base = doc.content_path.rsplit_once('/').map_or("", |(dir, _)| dir);
        let asset = normalize(base, &urls::decode(written)).and_then(|p| self.assets.get(p.as_str()).copied())?;
        if photos::file_records_consent(&asset.path) {
            return None;
        }
        Some(
            Diagnostic::warning(&doc.display, link.line, link.column, format!("no recorded consent for the photo `{}`", link.dest))
                .with_hint(format!(
                    "publish photos of people only with their consent, and record it: `![…]({} \"consent: true\")`, or in the file (IPTC Model Release Status); a photo without people: \"people: none\"",
                    link.dest
                )),
        )
    }

    /// A link to a Markdown source: `x.md`, `x.fr.md`, `_index.md`, `b/index.md`.
    fn resolve_page(
        &self,
        page: &Page,
        doc: &Document,
        link: &LinkRef,
        stem_path: &str,
        fragment: Option<&str>,
    ) -> Result<ResolvedLink, Diagnostic> {
        let (stem_path, explicit_lang) = match stem_path.rsplit_once('.') {
            Some((rest, lang)) if self.languages.iter().any(|l| l == lang) => (rest, Some(lang)),
            _ => (stem_path, None),
        };
        let (dir, name) = stem_path.rsplit_once('/').unwrap_or(("", stem_path));
        let (key, is_section) = match name {
            "_index" => (dir, true),
            "index" if self.documents.keys().any(|(k, _)| *k == dir) => (dir, false),
            _ => (stem_path, false),
        };
        let map = if is_section { &self.sections } else { &self.documents };
        let wanted = explicit_lang.unwrap_or(&page.lang);
        let found = map.get(&(key, wanted)).map(|&p| (p, None)).or_else(|| {
            if explicit_lang.is_some() {
                return None;
            }
            self.languages.iter().find_map(|l| map.get(&(key, l.as_str())).map(|&p| (p, Some(l.clone()))))
        });
        let error = |message: String| Diagnostic::error(&doc.display, link.line, link.column, message);
        let Some((target, fallback_lang)) = found else {
            let file = format!("content/{key}{}.{wanted}.md", if is_section { "/_index" } else { "" });
            return Err(error(format!("broken link: no document at {file}")).with_hint(self.nearest_document(key)));
        };
        let target_page = &self.pages[target];
        if let Some(fragment) = fragment {
            let target_doc = target_page.doc.map(|d| &self.docs[d]);
            let checked = match target_doc {
                Some(target_doc) => self.check_anchor(target_doc, fragment),
                None => Err("this section has no page of its own, so no headings".to_owned()),
            };
            checked.map_err(|hint| {
                let file = target_doc.map_or_else(|| format!("the section `{key}`"), |d| d.display.clone());
                error(format!("broken anchor: no heading `#{fragment}` in {file}")).with_hint(hint)
            })?;
        }
        let fragment = fragment.filter(|f| !f.is_empty()).map(str::to_owned);
        let target = match fragment {
            Some(fragment) if std::ptr::eq(target_page, page) => LinkTarget::SamePage(fragment),
            fragment => LinkTarget::Page { page: target, fragment },
        };
        Ok(ResolvedLink { target, fallback_lang })
    }

    /// A hint for a link to a missing document: a document of the same
    /// folder with a near name, written as the link should be.
    fn nearest_document(&self, key: &str) -> String {
        let (dir, name) = key.rsplit_once('/').unwrap_or(("", key));
        let siblings = self.documents.keys().filter_map(|(k, _)| {
            let (d, n) = k.rsplit_once('/').unwrap_or(("", k));
            (d == dir).then_some(n)
        });
        match crate::diagnostics::nearest(name, siblings) {
            Some(near) => format!(
                "did you mean `{near}.md`? (links are relative to this file; the language suffix may be left out)"
            ),
            None => "check the path, which is relative to this file; the language suffix may be left out".to_owned(),
        }
    }

    fn check_anchor(&self, doc: &Document, fragment: &str) -> Result<(), String> {
        if doc.body.has_id(fragment) || fragment.is_empty() {
            return Ok(());
        }
        let ids = doc.body.headings.iter().map(|h| h.id.as_str());
        Err(did_you_mean(fragment, ids).unwrap_or_else(|| {
            let list: Vec<String> = doc.body.headings.iter().take(8).map(|h| format!("#{}", h.id)).collect();
            if list.is_empty() {
                "that document has no headings".to_owned()
            } else {
                format!("its headings are {}", list.join(", "))
            }
        }))
    }

    fn asset_output(&self, asset: &Asset, lang: &str) -> String {
        match &asset.bundle {
            Some(bundle) => {
                let page = self
                    .documents
                    .get(&(bundle.as_str(), lang))
                    .or_else(|| self.languages.iter().find_map(|l| self.documents.get(&(bundle.as_str(), l.as_str()))));
                match page {
                    Some(&page) => bundle_asset_path(&self.pages[page].path, bundle, &asset.content_path),
                    None => loose_asset_path(&asset.content_path),
                }
            }
            None => loose_asset_path(&asset.content_path),
        }
    }
}

/// An image written as another site's address is fetched from there by
/// every reader: missing when the site is opened offline, and the host
/// learns who reads the page (a link to another site is the reader's choice).
fn image_from_another_host(doc: &Document, link: &LinkRef, resolved: &ResolvedLink) -> Option<Diagnostic> {
    let LinkTarget::External(url) = &resolved.target else { return None };
    let remote = url.starts_with("//") || url.to_ascii_lowercase().starts_with("http");
    (link.image_title.is_some() && remote).then(|| {
        Diagnostic::warning(
            &doc.display,
            link.line,
            link.column,
            format!(
                "the image `{}` is loaded from another site: it is missing when the site is opened offline",
                crate::diagnostics::excerpt(url)
            ),
        )
        .with_hint("save the image beside the document (make it a folder: name/index.<lang>.md) and link to the file")
    })
}

fn is_scheme(text: &str) -> bool {
    !text.is_empty()
        && text.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        && text.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
}

/// Joins a relative path to a folder under content/, resolving `.` and `..`.
fn normalize(base: &str, path: &str) -> Option<String> {
    let mut parts: Vec<&str> = base.split('/').filter(|s| !s.is_empty()).collect();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            _ => parts.push(part),
        }
    }
    let mut joined = parts.join("/");
    if path.ends_with('/') {
        joined.push('/');
    }
    Some(joined)
}

fn bundle_asset_path(page_path: &str, bundle: &str, content_path: &str) -> String {
    let dir = page_path.trim_end_matches("index.html");
    let inner = content_path.strip_prefix(bundle).unwrap_or(content_path).trim_start_matches('/');
    format!("{dir}{inner}")
}

/// Files outside bundles keep their path under `files/`.
fn loose_asset_path(content_path: &str) -> String {
    format!("files/{content_path}")
}

/// Every file to copy: a bundle's files beside each of its pages, other
/// files once under `files/`.
pub fn asset_copies(assets: &[Asset], pages: &[Page], docs: &[Arc<Document>]) -> Vec<(PathBuf, String)> {
    let mut copies = Vec::new();
    for asset in assets {
        match &asset.bundle {
            Some(bundle) => {
                let bundle_pages = pages.iter().filter(|p| {
                    p.kind == PageKind::Document && p.key == *bundle && p.doc.is_some_and(|d| docs[d].key == *bundle)
                });
                for page in bundle_pages {
                    copies.push((asset.path.clone(), bundle_asset_path(&page.path, bundle, &asset.content_path)));
                }
            }
            None => copies.push((asset.path.clone(), loose_asset_path(&asset.content_path))),
        }
    }
    copies
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_normalised_within_content() {
        assert_eq!(normalize("sops", "../checklists/x.md").as_deref(), Some("checklists/x.md"));
        assert_eq!(normalize("", "../x.md"), None);
        assert_eq!(normalize("sops/b", "./a.csv").as_deref(), Some("sops/b/a.csv"));
    }

    #[test]
    fn schemes_are_recognised() {
        assert!(is_scheme("https") && is_scheme("mailto"));
        assert!(!is_scheme("step 4") && !is_scheme(""));
    }
}
