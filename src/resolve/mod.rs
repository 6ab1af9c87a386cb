//! Documents -> [`Site`]: which pages exist, at which output paths, how they
//! relate (translations, sections, neighbours), and where every link in
//! every body goes. This stage computes every URL and produces no HTML.

mod compare;
mod cross;
pub mod links;
pub use links::{LinkTarget, ResolvedLink};
pub mod parts;
pub mod print;
pub mod switch;
pub mod urls;
mod versions;

use versions::{add_versions, sections_to_translate, unnamed_changes};

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::Role;
use crate::model::Glossary;
use crate::parse::{Document, Documents};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    Home,
    Section,
    Document,
    /// The glossary of one language, made from `_data/glossary.yaml`.
    Glossary,
    /// The search page of one language (its index is `<lang>/search-index.js`).
    Search,
    /// An earlier version of a document, read from git:
    /// `<document>/v/<version>/index.html`.
    Version,
    /// What changed between two versions of a document (`changes.html`
    /// beside the newer one).
    Changes,
    /// Where the translations of one language stand, document by document
    /// (`<lang>/translations/index.html`, on a site of several languages).
    Translations,
}

/// The key of the glossary pages (not a content path: it starts with `_`).
pub const GLOSSARY_KEY: &str = "_glossary";
/// The key of the search pages.
pub const SEARCH_KEY: &str = "_search";
/// The key of the translation status pages.
pub const TRANSLATIONS_KEY: &str = "_translations";

/// A translation made from an older version of its source.
#[derive(Debug, Clone, PartialEq)]
pub struct Outdated {
    pub source_page: usize,
    pub source_version: String,
    pub translated_from: String,
    /// The sections of the source that changed since `translated_from`
    /// (id, title in the source), when that version is in the history.
    pub sections: Vec<(String, String)>,
    /// The redline that starts at `translated_from`, when there is one.
    pub changes: Option<usize>,
}

#[derive(Debug)]
pub struct Page {
    pub kind: PageKind,
    pub lang: String,
    pub key: String,
    /// Output path from the site's root: `en/sops/x/index.html`.
    pub path: String,
    pub title: String,
    /// The document shown on this page; for a section or home page, its
    /// `_index.<lang>.md` when there is one.
    pub doc: Option<usize>,
    /// The section (or home) page this page belongs to.
    pub parent: Option<usize>,
    /// The same document or section in the other languages.
    pub translations: BTreeMap<String, usize>,
    /// Documents of this section in this language, in reading order.
    pub children: Vec<usize>,
    pub subsections: Vec<usize>,
    /// Documents of this section that exist only in other languages.
    pub foreign_children: Vec<usize>,
    pub prev: Option<usize>,
    pub next: Option<usize>,
    /// One per link of the body, in order.
    pub links: Vec<ResolvedLink>,
    /// One per link written in the document's fields (`KindData::links`).
    pub field_links: Vec<ResolvedLink>,
    pub outdated: Option<Outdated>,
    /// On a document page, its earlier versions' pages, oldest first; on
    /// a version page, the current document's page.
    pub versions: Vec<usize>,
    pub current: Option<usize>,
    /// On a document or version page: the page of what changed since the
    /// version before. On that page: the documents compared (older, newer).
    pub changes: Option<usize>,
    pub compare: Option<(usize, usize)>,
    /// A long document's pages, one per section (`parts::of`); empty when
    /// it is read on one page.
    pub parts: Vec<parts::Part>,
    order: (i64, String),
}

/// The whole site, ready to render.
#[derive(Debug)]
pub struct Site {
    pub root: PathBuf,
    pub config: Config,
    pub docs: Vec<Arc<Document>>,
    pub pages: Vec<Page>,
    pub glossary: Glossary,
    /// Home page of each language.
    pub homes: BTreeMap<String, usize>,
    /// Glossary page of each language, when the site has a glossary.
    pub glossaries: BTreeMap<String, usize>,
    /// Search page of each language.
    pub searches: BTreeMap<String, usize>,
    /// Translation status page of each language, on a site of several.
    pub translation_pages: BTreeMap<String, usize>,
    /// Files copied as they are: source -> output path.
    pub copies: Vec<(PathBuf, String)>,
    /// Print files of several documents (`bundles:` of site.yaml).
    pub bundles: Vec<print::PrintBundle>,
    /// What changed between two versions of a document (their indexes in
    /// `docs`), for every `PageKind::Changes` page.
    pub redlines: HashMap<(usize, usize), crate::redline::Redline>,
    /// The versions of the whole site, when site.yaml lists some.
    pub switch: Option<switch::Switch>,
    /// Values computed from other documents, by document (its index in
    /// `docs`): an assessment's scores, made with its checklist's items.
    /// Kept here, beside the documents that `parse` made, not in them.
    pub linked: HashMap<usize, serde_json::Map<String, serde_json::Value>>,
}

impl Page {
    fn new(
        kind: PageKind,
        lang: &str,
        key: &str,
        path: String,
        title: String,
        doc: Option<usize>,
        weight: i64,
    ) -> Page {
        Page {
            kind,
            lang: lang.to_owned(),
            key: key.to_owned(),
            path,
            order: (weight, title.to_lowercase()),
            title,
            doc,
            parent: None,
            translations: BTreeMap::new(),
            children: Vec::new(),
            subsections: Vec::new(),
            foreign_children: Vec::new(),
            prev: None,
            next: None,
            links: Vec::new(),
            field_links: Vec::new(),
            outdated: None,
            versions: Vec::new(),
            current: None,
            changes: None,
            compare: None,
            parts: Vec::new(),
        }
    }
}

impl Site {
    pub fn page_doc(&self, page: &Page) -> Option<&Document> {
        page.doc.map(|i| &*self.docs[i])
    }

    /// Whether `page` shows a training module (which has a facilitator's
    /// and a participants' edition).
    pub fn is_module(&self, page: &Page) -> bool {
        self.page_doc(page).is_some_and(|d| d.front.kind == crate::model::Kind::Module)
    }

    /// The document pages of one language, with their documents.
    pub fn documents<'a>(&'a self, lang: &'a str) -> impl Iterator<Item = (&'a Page, &'a Document)> + 'a {
        self.pages
            .iter()
            .filter(move |p| p.kind == PageKind::Document && p.lang == lang)
            .filter_map(|p| Some((p, self.page_doc(p)?)))
    }
}

pub fn resolve(documents: Documents, diagnostics: &mut Diagnostics) -> Site {
    let Documents { root, config, mut docs, assets, glossary, past, .. } = documents;
    let mut builder = Builder {
        config: &config,
        docs: &docs,
        pages: Vec::new(),
        problems: Vec::new(),
        has_glossary: !glossary.is_empty(),
    };
    builder.make_pages();
    builder.check_paths();
    builder.relate();
    builder.check_translations();
    let Builder { mut pages, mut problems, .. } = builder;

    let copies = links::asset_copies(&assets, &pages, &docs);
    let index = links::LinkIndex::new(&pages, &docs, &assets, &config);
    type Resolved = (Vec<ResolvedLink>, Vec<Diagnostic>);
    let resolved: Vec<(Resolved, Resolved)> = pages
        .par_iter()
        .map(|page| match page.doc {
            Some(doc) => (index.resolve_body(page, &docs[doc]), index.resolve_fields(page, &docs[doc])),
            None => Default::default(),
        })
        .collect();
    let mut field_links = vec![Vec::new(); docs.len()];
    for (page, ((links, found), (in_fields, found_in_fields))) in pages.iter_mut().zip(resolved) {
        page.links = links;
        if let Some(doc) = page.doc {
            field_links[doc] = in_fields.clone();
        }
        page.field_links = in_fields;
        problems.extend(found);
        problems.extend(found_in_fields);
    }
    let groups = cross::translation_groups(&docs, &config.languages);
    cross::translations(&docs, &groups, config.checks.page_section_ids, &mut problems);
    cross::once_per_translation(&docs, &groups, diagnostics);
    let computed = cross::linked(&docs, &pages, &field_links, &mut problems);
    let mut linked: HashMap<usize, serde_json::Map<String, serde_json::Value>> = HashMap::new();
    for (doc, name, value) in computed {
        linked.entry(doc).or_default().insert(name.to_owned(), value);
    }
    diagnostics.extend(problems);
    let homes =
        pages.iter().enumerate().filter(|(_, p)| p.kind == PageKind::Home).map(|(i, p)| (p.lang.clone(), i)).collect();
    let mut found = Vec::new();
    let bundles = print::bundles(&config, &pages, &mut found);
    diagnostics.extend(found);
    let of_kind = |kind: PageKind| -> BTreeMap<String, usize> {
        pages.iter().enumerate().filter(|(_, p)| p.kind == kind).map(|(i, p)| (p.lang.clone(), i)).collect()
    };
    let glossaries = of_kind(PageKind::Glossary);
    let searches = of_kind(PageKind::Search);
    let translation_pages = of_kind(PageKind::Translations);
    add_versions(&mut docs, &mut pages, past, &assets, &config);
    for page in &mut pages {
        if let Some(doc) = page.doc {
            page.parts = parts::of(page, &docs[doc], config.split_over);
        }
    }
    // Each pair of versions is compared once, for its page and for the checks.
    let redlines: HashMap<(usize, usize), (usize, crate::redline::Redline)> = pages
        .par_iter()
        .enumerate()
        .filter(|(_, p)| p.kind == PageKind::Changes)
        .filter_map(|(i, p)| {
            p.compare.map(|(old, new)| ((old, new), (i, crate::redline::compare(&docs[old], &docs[new]))))
        })
        .collect();
    diagnostics.extend(unnamed_changes(&docs, &pages, &redlines));
    diagnostics.extend(sections_to_translate(&docs, &mut pages, &redlines));
    Site {
        root,
        config,
        docs,
        pages,
        glossary,
        homes,
        glossaries,
        searches,
        translation_pages,
        copies,
        bundles,
        redlines: redlines.into_iter().map(|(pair, (_, redline))| (pair, redline)).collect(),
        switch: None,
        linked,
    }
}

struct Builder<'a> {
    config: &'a Config,
    docs: &'a [Arc<Document>],
    pages: Vec<Page>,
    problems: Vec<Diagnostic>,
    has_glossary: bool,
}

fn parent_key(key: &str) -> Option<&str> {
    if key.is_empty() {
        return None;
    }
    Some(key.rsplit_once('/').map_or("", |(dir, _)| dir))
}

fn last_segment(key: &str) -> &str {
    key.rsplit('/').next().unwrap_or(key)
}

/// `referral-pathways` -> `Referral pathways`, for a section without a page.
fn humanize(segment: &str) -> String {
    let text = segment.replace(['-', '_'], " ");
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().collect::<String>() + chars.as_str()).unwrap_or_default()
}

impl Builder<'_> {
    fn make_pages(&mut self) {
        let docs = self.docs;
        let section_docs: HashMap<(&str, &str), usize> = docs
            .iter()
            .enumerate()
            .filter(|(_, d)| d.role == Role::Section)
            .map(|(i, d)| ((d.key.as_str(), d.lang.as_str()), i))
            .collect();
        let mut section_keys: BTreeSet<&str> = BTreeSet::from([""]);
        for doc in docs {
            let mut key = if doc.role == Role::Section { Some(doc.key.as_str()) } else { parent_key(&doc.key) };
            while let Some(k) = key {
                section_keys.insert(k);
                key = parent_key(k);
            }
        }
        // Folder of every section in every language, parents before children.
        let mut section_dirs: HashMap<(&str, &str), String> = HashMap::new();
        for lang in &self.config.languages {
            for &key in &section_keys {
                let own = section_docs.get(&(key, lang.as_str())).copied();
                let segment =
                    own.and_then(|i| docs[i].front.slug.clone()).unwrap_or_else(|| last_segment(key).to_owned());
                let dir = match parent_key(key) {
                    None => format!("{lang}/"),
                    Some(parent) => format!("{}{segment}/", section_dirs[&(parent, lang.as_str())]),
                };
                section_dirs.insert((key, lang.as_str()), dir.clone());
                let any = own.or_else(|| {
                    self.config.languages.iter().find_map(|l| section_docs.get(&(key, l.as_str())).copied())
                });
                let title = match (key, any) {
                    ("", None) => self.config.title.get(lang).to_owned(),
                    (_, Some(i)) => docs[i].title.clone(),
                    (_, None) => humanize(last_segment(key)),
                };
                if own.is_none()
                    && let Some(other) = any
                {
                    let file =
                        docs[other].display.replacen(&format!(".{}.md", docs[other].lang), &format!(".{lang}.md"), 1);
                    self.problems.push(
                        Diagnostic::warning(
                            &docs[other].display,
                            0,
                            0,
                            format!("no `{lang}` page for this section: {file} is missing"),
                        )
                        .with_hint(format!(
                            "the `{lang}` section page uses the title of {} until it exists",
                            docs[other].display
                        )),
                    );
                }
                let weight = any.and_then(|i| docs[i].front.weight).unwrap_or(i64::MAX);
                let kind = if key.is_empty() { PageKind::Home } else { PageKind::Section };
                let path = format!("{dir}index.html");
                self.pages.push(Page::new(kind, lang, key, path, title, own, weight));
            }
        }
        if self.has_glossary {
            for lang in &self.config.languages {
                let path = format!("{lang}/glossary/index.html");
                self.pages.push(Page::new(PageKind::Glossary, lang, GLOSSARY_KEY, path, String::new(), None, i64::MAX));
            }
        }
        for lang in &self.config.languages {
            let path = format!("{lang}/search/index.html");
            self.pages.push(Page::new(PageKind::Search, lang, SEARCH_KEY, path, String::new(), None, i64::MAX));
        }
        if self.config.languages.len() > 1 {
            for lang in &self.config.languages {
                let path = format!("{lang}/translations/index.html");
                let page =
                    Page::new(PageKind::Translations, lang, TRANSLATIONS_KEY, path, String::new(), None, i64::MAX);
                self.pages.push(page);
            }
        }
        for (i, doc) in docs.iter().enumerate().filter(|(_, d)| d.role != Role::Section) {
            let section = parent_key(&doc.key).unwrap_or("");
            let segment = doc.front.slug.clone().unwrap_or_else(|| last_segment(&doc.key).to_owned());
            let dir = format!("{}{segment}/", section_dirs[&(section, doc.lang.as_str())]);
            let (path, weight) = (format!("{dir}index.html"), doc.front.weight.unwrap_or(i64::MAX));
            self.pages.push(Page::new(
                PageKind::Document,
                &doc.lang,
                &doc.key,
                path,
                doc.title.clone(),
                Some(i),
                weight,
            ));
        }
    }

    /// Two pages at one output path would overwrite each other.
    fn check_paths(&mut self) {
        let mut seen: HashMap<&str, usize> = HashMap::new();
        let mut keys: HashMap<(&str, &str), usize> = HashMap::new();
        let mut clashes = Vec::new();
        for (i, page) in self.pages.iter().enumerate() {
            if page.kind == PageKind::Document {
                if let Some(&first) = keys.get(&(page.key.as_str(), page.lang.as_str())) {
                    clashes.push((first, i, format!("two files are the `{}` document `{}`", page.lang, page.key)));
                    continue;
                }
                keys.insert((&page.key, &page.lang), i);
            }
            if let Some(&first) = seen.get(page.path.as_str()) {
                clashes.push((first, i, format!("two pages would be written to {}", page.path)));
            } else {
                seen.insert(&page.path, i);
            }
        }
        for (first, second, message) in clashes {
            let name = |i: usize| {
                self.pages[i]
                    .doc
                    .map_or_else(|| format!("the section `{}`", self.pages[i].key), |d| self.docs[d].display.clone())
            };
            let file =
                self.pages[second].doc.map_or_else(|| self.pages[second].key.clone(), |d| self.docs[d].display.clone());
            let line = self.pages[second].doc.map_or(0, |d| self.docs[d].field_line("slug"));
            self.problems.push(
                Diagnostic::error(file, line, 1, format!("{message}: this file and {}", name(first)))
                    .with_hint("give one of them another file name or `slug:`"),
            );
            // Keep the build going with a unique path for the later page.
            let path = format!("{}-{second}/index.html", self.pages[second].path.trim_end_matches("/index.html"));
            self.pages[second].path = path;
        }
    }

    fn relate(&mut self) {
        let by_key: HashMap<(String, String), usize> =
            self.pages.iter().enumerate().map(|(i, p)| ((p.key.clone(), p.lang.clone()), i)).collect();
        let sections: HashMap<(String, String), usize> = self
            .pages
            .iter()
            .enumerate()
            .filter(|(_, p)| p.kind != PageKind::Document)
            .map(|(i, p)| ((p.key.clone(), p.lang.clone()), i))
            .collect();
        for i in 0..self.pages.len() {
            let page = &self.pages[i];
            let parent = parent_key(&page.key).and_then(|k| sections.get(&(k.to_owned(), page.lang.clone())).copied());
            let is_doc = page.kind == PageKind::Document;
            let translations: BTreeMap<String, usize> = self
                .config
                .languages
                .iter()
                .filter(|l| **l != page.lang)
                .filter_map(|l| {
                    let other = if is_doc {
                        by_key.get(&(page.key.clone(), l.clone()))
                    } else {
                        sections.get(&(page.key.clone(), l.clone()))
                    };
                    other.filter(|&&o| (self.pages[o].kind == PageKind::Document) == is_doc).map(|&o| (l.clone(), o))
                })
                .collect();
            let page = &mut self.pages[i];
            page.parent = parent;
            page.translations = translations;
        }
        for i in 0..self.pages.len() {
            if let Some(parent) = self.pages[i].parent {
                match self.pages[i].kind {
                    PageKind::Document => self.pages[parent].children.push(i),
                    PageKind::Glossary | PageKind::Search | PageKind::Translations => {}
                    _ => self.pages[parent].subsections.push(i),
                }
            }
        }
        let orders: Vec<(i64, String)> = self.pages.iter().map(|p| p.order.clone()).collect();
        for page in &mut self.pages {
            page.children.sort_by(|a, b| orders[*a].cmp(&orders[*b]));
            page.subsections.sort_by(|a, b| orders[*a].cmp(&orders[*b]));
        }
        for s in 0..self.pages.len() {
            let children = self.pages[s].children.clone();
            for (n, &child) in children.iter().enumerate() {
                self.pages[child].prev = n.checked_sub(1).map(|p| children[p]);
                self.pages[child].next = children.get(n + 1).copied();
            }
            // Documents of this section that this language lacks.
            let lang = self.pages[s].lang.clone();
            let mut foreign: Vec<usize> = Vec::new();
            for other_lang in self.config.languages.iter().filter(|l| **l != lang) {
                let Some(&twin) = self.pages[s].translations.get(other_lang) else { continue };
                for &child in &self.pages[twin].children {
                    let child_page = &self.pages[child];
                    let translated = child_page.translations.contains_key(&lang);
                    let listed = foreign.iter().any(|&f| self.pages[f].key == child_page.key);
                    if !translated && !listed {
                        foreign.push(child);
                    }
                }
            }
            self.pages[s].foreign_children = foreign;
        }
    }

    /// Missing translations, and translations made from an older version.
    fn check_translations(&mut self) {
        let languages = &self.config.languages;
        for i in 0..self.pages.len() {
            let page = &self.pages[i];
            if page.kind != PageKind::Document {
                continue;
            }
            let doc = &self.docs[page.doc.unwrap_or_default()];
            for lang in languages.iter().filter(|l| **l != page.lang && !page.translations.contains_key(*l)) {
                // Reported once, on the file of the first language that has it.
                let first_present = languages.iter().find(|l| **l == page.lang || page.translations.contains_key(*l));
                if first_present == Some(&page.lang) {
                    let missing = doc.display.replacen(&format!(".{}.md", page.lang), &format!(".{lang}.md"), 1);
                    self.problems.push(
                        Diagnostic::warning(
                            &doc.display,
                            0,
                            0,
                            format!("no `{lang}` translation: {missing} does not exist"),
                        )
                        .with_hint(
                            "readers of the other language see this document marked as available in this language only",
                        ),
                    );
                }
            }
            let Some(translated_from) = doc.front.source_version.clone() else { continue };
            let source = page.translations.values().copied().find(|&t| {
                let other = &self.docs[self.pages[t].doc.unwrap_or_default()];
                other.front.source_version.is_none()
            });
            let Some(source) = source else { continue };
            let source_doc = &self.docs[self.pages[source].doc.unwrap_or_default()];
            let Some(source_version) = source_doc.front.version.clone() else {
                self.problems.push(
                    Diagnostic::warning(
                        &doc.display,
                        doc.field_line("source_version"),
                        1,
                        format!("{} has no `version` to compare with", source_doc.display),
                    )
                    .with_hint("give the source document a `version:`"),
                );
                continue;
            };
            if source_version != translated_from {
                self.problems.push(
                    Diagnostic::warning(
                        &doc.display,
                        doc.field_line("source_version"),
                        1,
                        format!("this translation was made from version {translated_from} of {}, which is now at version {source_version}", source_doc.display),
                    )
                    .with_hint(format!("bring the translation up to date, then set `source_version: \"{source_version}\"`")),
                );
                self.pages[i].outdated = Some(Outdated {
                    source_page: source,
                    source_version,
                    translated_from,
                    sections: Vec::new(),
                    changes: None,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The site made of `files` (paths under `content/`), loaded, parsed
    /// and resolved in process, with what those stages reported.
    fn resolved(files: &[(&str, &str)]) -> (Site, Vec<Diagnostic>) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(root.join("site.yaml"), "title: Hub\nlanguages: [en, fr]\n").unwrap();
        for (path, text) in files {
            let path = root.join("content").join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        let mut found = Diagnostics::default();
        let config = Config::load(root).unwrap();
        let sources = crate::load::load(root, config, &mut found);
        let documents = crate::parse::parse(sources, crate::date::today(), &mut found);
        let site = resolve(documents, &mut found);
        (site, found.sorted())
    }

    fn page<'a>(site: &'a Site, path: &str) -> &'a Page {
        site.pages
            .iter()
            .find(|p| p.path == path)
            .unwrap_or_else(|| panic!("no page {path} in {:?}", site.pages.iter().map(|p| &p.path).collect::<Vec<_>>()))
    }

    #[test]
    fn a_document_in_two_languages_gets_a_page_in_each_linked_to_the_other_under_its_section() {
        let (site, problems) = resolved(&[
            ("guides/_index.en.md", "---\ntitle: Guides\n---\n"),
            ("guides/_index.fr.md", "---\ntitle: Guides\nslug: guides-pratiques\n---\n"),
            ("guides/first.en.md", "---\ntitle: First\n---\nText.\n"),
            ("guides/first.fr.md", "---\ntitle: Premier\nslug: premier\n---\nTexte.\n"),
        ]);
        assert!(problems.is_empty(), "{problems:?}");
        let en = page(&site, "en/guides/first/index.html");
        let fr = page(&site, "fr/guides-pratiques/premier/index.html");
        assert_eq!(site.pages[en.translations["fr"]].path, fr.path);
        assert_eq!(site.pages[fr.translations["en"]].path, en.path);
        assert_eq!(site.pages[en.parent.unwrap()].path, "en/guides/index.html");
        assert_eq!(site.homes.len(), 2);
    }

    #[test]
    fn a_broken_link_and_a_missing_anchor_are_reported_where_they_are_written() {
        let (_, problems) = resolved(&[
            ("a.en.md", "---\ntitle: A\n---\nSee [b](b.en.md) and [c](c.en.md#nowhere).\n"),
            ("c.en.md", "---\ntitle: C\n---\n## Somewhere\n"),
        ]);
        let shown: Vec<String> = problems.iter().map(|d| format!("{}:{}: {}", d.file, d.line, d.message)).collect();
        assert!(shown.iter().any(|p| p.starts_with("content/a.en.md:4: broken link")), "{shown:?}");
        assert!(shown.iter().any(|p| p.starts_with("content/a.en.md:4:") && p.contains("nowhere")), "{shown:?}");
    }

    #[test]
    fn two_documents_that_would_be_written_to_one_file_are_an_error() {
        let (_, problems) = resolved(&[
            ("x.en.md", "---\ntitle: X\nslug: same\n---\n"),
            ("y.en.md", "---\ntitle: Y\nslug: same\n---\n"),
        ]);
        assert!(
            problems
                .iter()
                .any(|d| d.severity == crate::diagnostics::Severity::Error && d.message.contains("en/same/index.html")),
            "{problems:?}"
        );
    }

    #[test]
    fn translations_whose_sections_differ_are_told_which_id_is_missing() {
        let sop = |lang: &str, sections: &str| format!("---\ntitle: S {lang}\nkind: page\n---\n{sections}");
        let (_, problems) = resolved(&[
            ("s.en.md", &sop("en", "## One {#one}\n\n## Two {#two}\n")),
            ("s.fr.md", &sop("fr", "## Un {#one}\n")),
        ]);
        assert!(
            problems.iter().any(|d| d.file == "content/s.fr.md" && d.message.contains("two")),
            "the French page lacks the section `two`: {problems:?}"
        );
    }
}
