//! The typed values templates see. Everything a template prints is computed
//! here (relative links, labels, dates), so templates only lay things out.

use serde::Serialize;

use super::i18n::Strings;
use crate::parse::Document;
use crate::parse::Kind;
use crate::render::typography;
use crate::resolve::print::PrintBundle;
use crate::resolve::switch::VersionLink;
use crate::resolve::{Page, PageKind, Site, urls};

#[derive(Serialize)]
pub struct Link {
    pub title: String,
    pub href: String,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub current: bool,
}

#[derive(Serialize)]
pub struct LanguageLink {
    pub lang: String,
    pub name: String,
    pub href: String,
    pub current: bool,
    /// Set when the document has no translation in this language and the
    /// link lands on the section instead: says so in that language.
    pub fallback_note: Option<String>,
}

#[derive(Serialize)]
pub struct Notice {
    pub class: &'static str,
    pub lang: String,
    pub text: String,
    pub link: Option<Link>,
}

/// One document on a translation status page.
#[derive(Serialize)]
pub struct TranslationRow {
    /// In the page's language when the document has it, else in the language it has.
    pub title: String,
    pub lang: String,
    pub href: String,
    pub section: String,
    pub version: String,
    /// `original`, `up_to_date`, `out_of_date` or `missing`.
    pub state: &'static str,
    pub state_label: String,
    /// For an out-of-date translation: the sections to translate again.
    pub sections: Vec<Link>,
    /// The source's redline since the version translated.
    pub changes: Option<String>,
}

/// One version of the whole site, in a page's version switch.
#[derive(Serialize)]
pub struct SiteVersionLink {
    pub label: String,
    pub href: String,
    pub current: bool,
    /// The date of its commit, in the page's language.
    pub date: Option<String>,
}

#[derive(Serialize)]
pub struct ListEntry {
    pub title: String,
    pub href: String,
    pub summary: Option<String>,
    pub kind: Option<String>,
    pub status: Option<String>,
    /// The status's badge, as on the document's page.
    pub mark: Option<String>,
    pub status_class: Option<String>,
    pub draft: bool,
    pub version: Option<String>,
    pub date: Option<String>,
    /// The language of the target page.
    pub lang: String,
    /// For a document that exists only in another language: set, with a note
    /// in the reader's language.
    pub foreign: bool,
    pub only_in: Option<String>,
}

#[derive(Serialize, Default)]
pub struct DocumentInfo {
    pub kind: String,
    pub kind_label: String,
    pub summary: Option<String>,
    pub status: Option<String>,
    pub status_label: Option<String>,
    /// The one badge a status shows (DRAFT, IN REVIEW, VALIDATED, ARCHIVED;
    /// none for an adopted text), in the same words as `status_label`.
    pub mark: Option<String>,
    pub draft: bool,
    pub archived: bool,
    pub version: Option<String>,
    pub owner: Option<String>,
    pub date: Option<String>,
    pub updated: Option<String>,
    pub authors: Vec<String>,
    pub audience: Vec<String>,
    pub tags: Vec<String>,
}

#[derive(Serialize)]
pub struct PageContext<'a> {
    pub lang: &'a str,
    pub t: &'a serde_json::Value,
    /// `../` up to the site's root, for theme assets.
    pub root: String,
    pub site_title: String,
    pub title: String,
    pub head_title: String,
    pub description: Option<String>,
    pub canonical: Option<String>,
    pub home: Link,
    pub alternates: Vec<LanguageLink>,
    pub languages: Vec<LanguageLink>,
    pub nav: Vec<Link>,
    pub breadcrumbs: Vec<Link>,
    pub doc: DocumentInfo,
    pub body: String,
    /// Whether the body holds highlighted code (and needs its stylesheet).
    pub has_code: bool,
    /// The print edition, and its PDF when one was made.
    pub print_href: Option<String>,
    pub pdf: Option<PdfLink>,
    pub notices: Vec<Notice>,
    pub children: Vec<ListEntry>,
    pub subsections: Vec<ListEntry>,
    pub prev: Option<Link>,
    pub next: Option<Link>,
    /// The glossary page of this language, for the footer.
    pub glossary_href: Option<String>,
    /// The translation status page of this language, for the footer.
    pub translations_href: Option<String>,
    /// The search page of the page's language.
    pub search_href: Option<String>,
    /// The versions of the whole site, when site.yaml lists some: each
    /// with this page's place in it.
    pub site_versions: Vec<SiteVersionLink>,
    /// On a page of an earlier version of the site: what it is, and the
    /// same page in the current version.
    pub older_site: Option<Notice>,
    /// The Atom feed of the page's language.
    pub feed_href: String,
    /// A module's facilitator and participant editions.
    pub editions: Vec<Link>,
    /// What the document's kind shows (`templates/kinds.html`), from its fields.
    pub kind: Option<serde_json::Value>,
    /// On a home page: the documents of this language by kind.
    pub by_kind: Vec<KindGroup>,
    /// The body cut where the kind's blocks go (empty: print `body` whole).
    pub body_parts: Vec<BodyPart>,
    /// The blocks placed inside the body.
    pub placed: Vec<String>,
    /// On the glossary page: its entries, sorted.
    pub glossary: Vec<GlossaryEntry>,
    /// On a translation status page: every document, and where its
    /// translation into the page's language stands.
    pub translations: Vec<TranslationRow>,
    /// On a document page: its earlier versions, oldest first ("0.1").
    pub versions: Vec<Link>,
    /// On a document or version page: what changed since the version before.
    pub changes: Option<Link>,
    /// On a redline: the two versions compared, and every redline of the document.
    pub compare: Option<Compare>,
    /// "On this page": the sections of a long document (empty for short ones).
    pub toc: Vec<TocEntry>,
}

/// The two versions a redline compares.
#[derive(Serialize)]
pub struct Compare {
    pub old: Link,
    pub new: Link,
    /// The newer version's `changes` summary.
    pub summary: serde_json::Value,
    /// Every step of the document's history, this one `current`.
    pub steps: Vec<Link>,
    /// The printed redline's page: A4, "Redline 0.1 → 0.2" and the
    /// document's title in the running header, page numbers at the foot.
    pub page_css: String,
}

#[derive(Serialize)]
pub struct StateHeader {
    /// The ministry's name in French and in English, under each motto.
    pub fr: Option<String>,
    pub en: Option<String>,
}

#[derive(Serialize)]
pub struct AttendanceSheet {
    pub rows: Vec<usize>,
    pub days: Vec<usize>,
}

#[derive(Serialize)]
pub struct KindGroup {
    pub kind: String,
    pub label: String,
    pub entries: Vec<ListEntry>,
}

#[derive(Serialize)]
pub struct GlossaryEntry {
    pub id: String,
    pub abbr: Option<String>,
    pub name: String,
    /// The name in the other languages, for translators and readers of both.
    pub other_names: Vec<LanguageName>,
    pub kind_label: String,
}

#[derive(Serialize)]
pub struct LanguageName {
    pub lang: String,
    pub name: String,
}

#[derive(Serialize, Clone)]
pub struct PdfLink {
    pub href: String,
    pub label: String,
}

/// A PDF made of a print file: its path, pages and size.
#[derive(Debug, Clone)]
pub struct PdfInfo {
    pub path: String,
    pub pages: usize,
    pub bytes: u64,
}

/// A document with this many sections or more lists them at its top
/// ("On this page"): the SOPs, strategies and reports, not a two-section brief.
pub const TOC_MIN_SECTIONS: usize = 5;

#[derive(Serialize)]
pub struct TocEntry {
    pub href: String,
    pub title: String,
    pub level: u8,
}

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
    pub notices: Vec<Notice>,
    /// What the document's kind shows, as on its page.
    pub kind: Option<serde_json::Value>,
    pub body_parts: Vec<BodyPart>,
    pub placed: Vec<String>,
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

/// A stretch of a body, and the kind's block that follows it, if any.
#[derive(Serialize)]
pub struct BodyPart {
    pub html: String,
    pub block: Option<String>,
}

/// Splits a body at the marks the renderer left after the headings of
/// sections that show a block made from the fields. Returns no parts when
/// there is no mark (the body is printed whole), and the blocks placed.
fn split_body(body: &str) -> (Vec<BodyPart>, Vec<String>) {
    let mark = crate::render::BLOCK_MARK;
    if !body.contains(mark) {
        return (Vec::new(), Vec::new());
    }
    let (mut parts, mut placed) = (Vec::new(), Vec::new());
    let mut rest = body;
    while let Some(i) = rest.find(mark) {
        let after = &rest[i + mark.len()..];
        let Some(end) = after.find("-->") else { break };
        let id = after[..end].to_owned();
        parts.push(BodyPart { html: rest[..i].to_owned(), block: Some(id.clone()) });
        placed.push(id);
        rest = &after[end + 3..];
    }
    parts.push(BodyPart { html: rest.to_owned(), block: None });
    (parts, placed)
}

/// Whether rendered HTML holds a highlighted code block.
fn has_code(body: &str) -> bool {
    body.contains("<pre class=\"code\">")
}

/// Text as a CSS string literal, safe inside `<style>`.
fn css_string(text: &str) -> String {
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
fn page_counter(template: &str) -> String {
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

/// Builds contexts for the pages of one site.
pub struct Contexts<'a> {
    pub site: &'a Site,
    pub strings: &'a std::collections::BTreeMap<String, Strings>,
}

impl<'a> Contexts<'a> {
    fn strings(&self, lang: &str) -> &'a Strings {
        &self.strings[lang]
    }

    /// The version a document shows, current or earlier.
    fn version_label(&self, doc: usize) -> String {
        self.site.docs[doc].version_label().unwrap_or_default().to_owned()
    }

    /// The versions a redline compares, with links to both and to every step.
    fn compare(&self, page: &Page) -> Option<Compare> {
        let site = self.site;
        let (old, new) = page.compare?;
        let newer = page.current?;
        let current = site.pages[newer].current.unwrap_or(newer);
        let page_of = |doc: usize| site.pages.iter().position(|p| p.doc == Some(doc) && p.kind != PageKind::Changes);
        let link = |doc: usize| Link {
            title: self.version_label(doc),
            href: page_of(doc).map(|p| urls::relative(&page.path, &site.pages[p].path)).unwrap_or_default(),
            current: false,
        };
        // Every pair of versions of the document, by the newer then the older.
        let chain: Vec<usize> = site.pages[current].versions.iter().copied().chain(std::iter::once(current)).collect();
        let rank = |doc: usize| chain.iter().position(|&p| site.pages[p].doc == Some(doc)).unwrap_or(usize::MAX);
        let mut pairs: Vec<(usize, usize, usize)> = site
            .pages
            .iter()
            .enumerate()
            .filter(|(_, p)| p.kind == PageKind::Changes && p.current.is_some_and(|c| chain.contains(&c)))
            .filter_map(|(i, p)| p.compare.map(|(a, b)| (rank(b), rank(a), i)))
            .collect();
        pairs.sort_unstable_by(|x, y| x.0.cmp(&y.0).then(y.1.cmp(&x.1)));
        let steps = pairs
            .into_iter()
            .filter_map(|(_, _, c)| {
                let (a, b) = site.pages[c].compare?;
                Some(Link {
                    title: format!("{} → {}", self.version_label(a), self.version_label(b)),
                    href: urls::relative(&page.path, &site.pages[c].path),
                    current: std::ptr::eq(&site.pages[c], page),
                })
            })
            .collect();
        // The newer version's `changes`, as its page shows them, linked to the redline's sections.
        let view = crate::kinds::view::ViewContext {
            site,
            page: &site.pages[newer],
            doc: &site.docs[new],
            strings: self.strings(&page.lang),
            from: &page.path,
            anchor: "s-",
            expanded: Default::default(),
        };
        let summary = crate::kinds::view::changes(&view);
        let strings = self.strings(&page.lang);
        let header = strings
            .fill("versions.print_header", &[("old", &self.version_label(old)), ("new", &self.version_label(new))]);
        let header = Self::prose(&page.lang, &format!("{header} · {}", site.docs[new].title));
        let page_css = format!(
            "@media print {{ @page {{ size: A4; margin: 20mm 16mm; @top-center {{ content: {}; font-size: 9pt; }} @bottom-right {{ content: {}; font-size: 9pt; }} }} }}",
            css_string(&crate::format::shorten(&header, 90)),
            page_counter(&strings.get("print.page_of"))
        );
        Some(Compare { old: link(old), new: link(new), summary, steps, page_css })
    }

    /// The redline of a `changes.html` page, as HTML.
    pub fn redline(&self, page: &Page) -> String {
        let Some((old, new)) = page.compare else {
            return String::new();
        };
        let strings = self.strings(&page.lang);
        let label = |key: &str| strings.get(&format!("versions.{key}"));
        let lang = page.lang.clone();
        let in_words = lang.clone();
        let percent = move |share: f64| crate::format::percent(share, 0, &lang);
        let number = move |n: f64| crate::format::number(n, 0, &in_words);
        self.site.redlines.get(&(old, new)).map(|r| r.html(&page.lang, &label, &percent, &number)).unwrap_or_default()
    }

    fn doc(&self, page: &Page) -> Option<&'a Document> {
        page.doc.map(|d| &self.site.docs[d])
    }

    /// Text in a page's language, with French spacing where it applies.
    fn prose(lang: &str, text: &str) -> String {
        typography::for_language(lang, text)
    }

    fn link(&self, from: &Page, to: usize) -> Link {
        let target = &self.site.pages[to];
        Link {
            title: Self::prose(&target.lang, &target.title),
            href: urls::relative(&from.path, &target.path),
            current: std::ptr::eq(from, target),
        }
    }

    pub fn page(&self, page: &'a Page, body: String, kind: Option<serde_json::Value>) -> PageContext<'a> {
        let site = self.site;
        let version_links = site.switch.as_ref().map(|s| s.links(page)).unwrap_or_default();
        let strings = self.strings(&page.lang);
        let site_title = Self::prose(&page.lang, site.config.title.get(&page.lang));
        let title = Self::prose(&page.lang, &self.page_title(page));
        let home_index = site.homes[&page.lang];
        let head_title =
            if page.kind == PageKind::Home { site_title.clone() } else { format!("{title} · {site_title}") };
        let doc = self.doc(page);
        let (body_parts, placed) = split_body(&body);
        PageContext {
            lang: &page.lang,
            t: if kind.is_some() { &strings.tree } else { &strings.plain_tree },
            root: urls::to_root(&page.path),
            description: doc.and_then(|d| d.front.summary.as_deref()).map(|s| Self::prose(&page.lang, s)),
            canonical: site.config.base_url.as_deref().map(|base| urls::absolute(base, &page.path)),
            home: self.link(page, home_index),
            alternates: page
                .translations
                .iter()
                .map(|(lang, &other)| LanguageLink {
                    lang: lang.clone(),
                    name: self.strings(lang).get("language_name"),
                    href: urls::relative(&page.path, &site.pages[other].path),
                    current: false,
                    fallback_note: None,
                })
                .collect(),
            languages: self.language_switch(page),
            nav: self.nav(page, home_index),
            breadcrumbs: self.breadcrumbs(page),
            doc: doc.map(|d| self.document_info(d, strings)).unwrap_or_default(),
            has_code: has_code(&body),
            body_parts,
            placed,
            body,
            print_href: page.print_path().map(|p| urls::relative(&page.path, &p)),
            pdf: None,
            notices: self.notices(page, doc),
            children: page
                .children
                .iter()
                .map(|&c| self.entry(page, c, false))
                .chain(page.foreign_children.iter().map(|&c| self.entry(page, c, true)))
                .collect(),
            subsections: page.subsections.iter().map(|&s| self.entry(page, s, false)).collect(),
            prev: page.prev.map(|p| self.link(page, p)),
            next: page.next.map(|n| self.link(page, n)),
            glossary_href: site.glossaries.get(&page.lang).map(|&g| urls::relative(&page.path, &site.pages[g].path)),
            translations_href: site
                .translation_pages
                .get(&page.lang)
                .map(|&g| urls::relative(&page.path, &site.pages[g].path)),
            search_href: site.searches.get(&page.lang).map(|&g| urls::relative(&page.path, &site.pages[g].path)),
            site_versions: self.site_versions(page, &version_links),
            older_site: self.older_site(page, &version_links),
            feed_href: urls::relative(&page.path, &format!("{}/feed.xml", page.lang)),
            editions: Vec::new(),
            by_kind: if page.kind == PageKind::Home { self.by_kind(page) } else { Vec::new() },
            kind,
            glossary: if page.kind == PageKind::Glossary { self.glossary_entries(&page.lang) } else { Vec::new() },
            translations: if page.kind == PageKind::Translations { self.translation_rows(page) } else { Vec::new() },
            changes: page.changes.map(|c| {
                let older = site.pages[c].compare.map(|(old, _)| self.version_label(old)).unwrap_or_default();
                Link {
                    title: strings.fill("versions.changes_since", &[("version", &older)]),
                    href: urls::relative(&page.path, &site.pages[c].path),
                    current: false,
                }
            }),
            compare: self.compare(page),
            toc: doc.map(|d| Self::on_this_page(&page.lang, d)).unwrap_or_default(),
            versions: page
                .versions
                .iter()
                .map(|&v| Link {
                    title: site.pages[v].doc.map(|d| self.version_label(d)).unwrap_or_default(),
                    href: urls::relative(&page.path, &site.pages[v].path),
                    current: false,
                })
                .collect(),
            site_title,
            title,
            head_title,
        }
    }

    /// The sections of a document long enough to need a list of them
    /// (`TOC_MIN_SECTIONS` or more): its second-level headings.
    fn on_this_page(lang: &str, doc: &Document) -> Vec<TocEntry> {
        let sections: Vec<TocEntry> = doc
            .body
            .headings
            .iter()
            .filter(|h| h.level == 2)
            .map(|h| TocEntry { href: format!("#{}", h.id), title: Self::prose(lang, &h.text), level: h.level })
            .collect();
        if sections.len() >= TOC_MIN_SECTIONS { sections } else { Vec::new() }
    }

    /// The view of a document's kind for the file `from`, whose body ids start with `anchor`.
    pub fn kind_view(&self, page: &'a Page, from: &str, anchor: &str) -> Option<serde_json::Value> {
        let doc = self.doc(page)?;
        let strings = self.strings(&page.lang);
        let cx = crate::kinds::view::ViewContext {
            site: self.site,
            page,
            doc,
            strings,
            from,
            anchor,
            expanded: Default::default(),
        };
        crate::kinds::view::view(&cx)
    }

    /// Every document of the page's language, grouped by kind in the order
    /// readers look for them (plain pages last), each with its status and
    /// version; within a kind in the authors' `weight` order, as on section
    /// pages, then by title.
    fn by_kind(&self, home: &Page) -> Vec<KindGroup> {
        use crate::parse::Kind;
        let order = [Kind::Sop, Kind::Checklist, Kind::Module, Kind::Brief, Kind::Strategy, Kind::Report, Kind::Page];
        let strings = self.strings(&home.lang);
        order
            .iter()
            .filter_map(|kind| {
                let mut pages: Vec<usize> = self
                    .site
                    .pages
                    .iter()
                    .enumerate()
                    .filter(|(_, p)| p.kind == PageKind::Document && p.lang == home.lang)
                    .filter(|(_, p)| self.doc(p).is_some_and(|d| d.front.kind == *kind))
                    .map(|(i, _)| i)
                    .collect();
                // By title, accents aside ("État" with the "E"s, not after "Z").
                pages.sort_by_cached_key(|&i| {
                    let page = &self.site.pages[i];
                    let weight = self.doc(page).and_then(|d| d.front.weight).unwrap_or(i64::MAX);
                    (weight, crate::fold::fold(&page.title))
                });
                (!pages.is_empty()).then(|| KindGroup {
                    kind: kind.as_str().to_owned(),
                    label: strings.get(&format!("kinds_plural.{}", kind.as_str())),
                    entries: pages.into_iter().map(|i| self.entry(home, i, false)).collect(),
                })
            })
            .collect()
    }

    /// The government header of a document that asks for it, with its
    /// owner's name in both languages (DOCUMENT-KINDS 6.7).
    fn state_header(&self, page: &Page) -> Option<StateHeader> {
        let doc = self.doc(page)?;
        if doc.kind.fields.get("state_header").and_then(serde_json::Value::as_bool) != Some(true) {
            return None;
        }
        let owner = doc.front.owner.as_deref().and_then(|id| self.site.glossary.entries.get(id));
        let name = |lang: &str| owner.and_then(|e| e.name.get(lang)).map(|n| n.to_uppercase());
        Some(StateHeader { fr: name("fr"), en: name("en") })
    }

    /// A module's blank attendance sheet: one row per participant at most
    /// (20 without a group size), a signature column per day.
    fn attendance_sheet(&self, page: &Page) -> Option<AttendanceSheet> {
        let doc = self.doc(page)?;
        if doc.front.kind != crate::parse::Kind::Module {
            return None;
        }
        let fields = &doc.kind.fields;
        let rows =
            fields.get("group_size").and_then(|g| g.get("max")).and_then(serde_json::Value::as_u64).unwrap_or(20);
        let days = fields.get("days").and_then(serde_json::Value::as_u64).unwrap_or(1);
        Some(AttendanceSheet { rows: (1..=rows as usize).collect(), days: (1..=days as usize).collect() })
    }

    /// A link to one of a module's editions.
    pub fn edition_link(&self, page: &Page, path: &str, edition: &str) -> Link {
        Link {
            title: self.strings(&page.lang).get(&format!("k.{edition}_edition")),
            href: urls::relative(&page.path, path),
            current: false,
        }
    }

    /// A page's title; the glossary's comes from the theme's words.
    fn page_title(&self, page: &Page) -> String {
        match page.kind {
            PageKind::Glossary => self.strings(&page.lang).get("glossary.title"),
            PageKind::Search => self.strings(&page.lang).get("search.title"),
            PageKind::Translations => self.strings(&page.lang).get("translations.title"),
            _ => page.title.clone(),
        }
    }

    /// Every document of the site, in the order of its sections, with the
    /// state of its version in `page`'s language: the original, up to
    /// date, out of date (with the sections to translate again), missing.
    fn translation_rows(&self, page: &Page) -> Vec<TranslationRow> {
        let site = self.site;
        let strings = self.strings(&page.lang);
        // The pages of each document, in every language, by its key.
        let mut by_key: std::collections::BTreeMap<&str, Vec<usize>> = std::collections::BTreeMap::new();
        for (i, p) in site.pages.iter().enumerate().filter(|(_, p)| p.kind == PageKind::Document) {
            by_key.entry(p.key.as_str()).or_default().push(i);
        }
        by_key
            .into_values()
            .filter_map(|of_key| {
                let here = of_key.iter().copied().find(|&i| site.pages[i].lang == page.lang);
                let shown = here.or_else(|| of_key.first().copied())?;
                let target = &site.pages[shown];
                let doc = site.page_doc(target);
                let (state, sections, changes) = match here {
                    None => ("missing", Vec::new(), None),
                    Some(i) => match &site.pages[i].outdated {
                        Some(outdated) => {
                            let own = site.page_doc(&site.pages[i]);
                            let sections = outdated
                                .sections
                                .iter()
                                .map(|(id, title)| {
                                    let heading = own.and_then(|d| d.body.headings.iter().find(|h| h.id == *id));
                                    Link {
                                        title: Self::prose(
                                            &page.lang,
                                            heading.map_or(title.as_str(), |h| h.text.as_str()),
                                        ),
                                        href: format!(
                                            "{}#{}",
                                            urls::relative(&page.path, &site.pages[i].path),
                                            urls::encode(id)
                                        ),
                                        current: false,
                                    }
                                })
                                .collect();
                            let changes = outdated.changes.map(|c| urls::relative(&page.path, &site.pages[c].path));
                            ("out_of_date", sections, changes)
                        }
                        None if doc.is_some_and(|d| d.front.source_version.is_some()) => {
                            ("up_to_date", Vec::new(), None)
                        }
                        None => ("original", Vec::new(), None),
                    },
                };
                Some(TranslationRow {
                    title: Self::prose(&target.lang, &target.title),
                    lang: target.lang.clone(),
                    href: urls::relative(&page.path, &target.path),
                    section: target.parent.map(|p| Self::prose(&page.lang, &site.pages[p].title)).unwrap_or_default(),
                    version: doc.and_then(|d| d.front.version.clone()).unwrap_or_default(),
                    state,
                    state_label: strings.get(&format!("translations.{state}")),
                    sections,
                    changes,
                })
            })
            .collect()
    }

    fn glossary_entries(&self, lang: &str) -> Vec<GlossaryEntry> {
        let strings = self.strings(lang);
        let mut entries: Vec<GlossaryEntry> = self
            .site
            .glossary
            .entries
            .values()
            .map(|entry| {
                let name = entry.name.get(lang).or_else(|| entry.name.values().next()).cloned().unwrap_or_default();
                GlossaryEntry {
                    id: entry.id.clone(),
                    abbr: entry.abbr.as_ref().and_then(|a| a.get(lang)).filter(|a| **a != name).cloned(),
                    other_names: entry
                        .name
                        .iter()
                        .filter(|(l, n)| l.as_str() != lang && **n != name)
                        .map(|(l, n)| LanguageName { lang: l.clone(), name: Self::prose(l, n) })
                        .collect(),
                    name: Self::prose(lang, &name),
                    kind_label: strings.get(&format!("glossary.kinds.{}", entry_kind(entry.kind))),
                }
            })
            .collect();
        // Case and accents ignored: "Économie" sorts with "E".
        let sort_key = |e: &GlossaryEntry| crate::fold::fold(e.abbr.as_deref().unwrap_or(&e.name));
        entries.sort_by_key(sort_key);
        entries
    }

    /// The print edition of one document page, at `path`.
    /// `kind` is the document's kind view, made for a file of the page's folder.
    pub fn print(
        &self,
        page: &'a Page,
        body: String,
        path: &str,
        edition: Option<&str>,
        kind: Option<serde_json::Value>,
    ) -> PrintContext<'a> {
        let mut part = self.print_part(page, body, String::new());
        part.kind = kind;
        let strings = self.strings(&page.lang);
        let cover = self.doc(page).map(|d| self.document_info(d, strings)).unwrap_or_default();
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
            has_code: has_code(&part.body),
            edition: edition_name,
            state_header: self.state_header(page),
            attendance_sheet: edition.and_then(|_| self.attendance_sheet(page)),
            cover,
            parts: vec![part],
        }
    }

    /// The print file of a bundle: a shared cover and contents, then each
    /// document (each language's edition in turn for a bilingual bundle).
    pub fn print_bundle(&self, bundle: &'a PrintBundle, bodies: Vec<String>) -> PrintContext<'a> {
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
                part
            })
            .collect();
        let bundle_toc =
            parts.iter().map(|p| TocEntry { href: format!("#{}", p.id), title: p.title.clone(), level: 1 }).collect();
        let draft = parts.iter().any(|p| p.doc.draft);
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
            has_code: parts.iter().any(|p| has_code(&p.body)),
            edition: None,
            state_header: None,
            attendance_sheet: None,
            parts,
        }
    }

    fn print_part(&self, page: &'a Page, body: String, id: String) -> PrintPart {
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
        let (body_parts, placed) = split_body(&body);
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
            notices,
            kind: None,
        }
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

    fn site_versions(&self, page: &Page, links: &[VersionLink]) -> Vec<SiteVersionLink> {
        let strings = self.strings(&page.lang);
        links
            .iter()
            .map(|link| SiteVersionLink {
                label: link.name.clone().unwrap_or_else(|| strings.get("versions.site_current")),
                date: link.date.map(|d| strings.format_date(d)),
                href: link.href.clone(),
                current: link.current,
            })
            .collect()
    }

    fn older_site(&self, page: &Page, links: &[VersionLink]) -> Option<Notice> {
        let this = links.iter().find(|l| l.current)?;
        let name = this.name.as_deref()?;
        let strings = self.strings(&page.lang);
        let date = this.date.map(|d| strings.format_date(d)).unwrap_or_default();
        let current = links.iter().find(|l| l.name.is_none())?.clone();
        Some(Notice {
            class: "older-site",
            lang: page.lang.clone(),
            text: Self::prose(&page.lang, &strings.fill("versions.older_site", &[("name", name), ("date", &date)])),
            link: Some(Link {
                title: Self::prose(&page.lang, &strings.get("versions.go_current")),
                href: current.href,
                current: false,
            }),
        })
    }

    /// One link per language; where the document has no translation, the
    /// link goes to that language's section page and says so.
    fn language_switch(&self, page: &Page) -> Vec<LanguageLink> {
        let site = self.site;
        site.config
            .languages
            .iter()
            .map(|lang| {
                let strings = self.strings(lang);
                let name = strings.get("language_name");
                if *lang == page.lang {
                    return LanguageLink {
                        lang: lang.clone(),
                        name,
                        href: "#".to_owned(),
                        current: true,
                        fallback_note: None,
                    };
                }
                if let Some(&other) = page.translations.get(lang) {
                    return LanguageLink {
                        lang: lang.clone(),
                        name,
                        href: urls::relative(&page.path, &site.pages[other].path),
                        current: false,
                        fallback_note: None,
                    };
                }
                let landing =
                    page.parent.and_then(|p| site.pages[p].translations.get(lang).copied()).unwrap_or(site.homes[lang]);
                LanguageLink {
                    lang: lang.clone(),
                    name,
                    href: urls::relative(&page.path, &site.pages[landing].path),
                    current: false,
                    fallback_note: Some(strings.get("switch_fallback")),
                }
            })
            .collect()
    }

    fn nav(&self, page: &Page, home: usize) -> Vec<Link> {
        let ancestors = self.ancestors(page);
        self.site.pages[home]
            .subsections
            .iter()
            .map(|&s| {
                let mut link = self.link(page, s);
                link.current = ancestors.contains(&s) || std::ptr::eq(&self.site.pages[s], page);
                link
            })
            .collect()
    }

    fn ancestors(&self, page: &Page) -> Vec<usize> {
        let mut chain = Vec::new();
        let mut parent = page.parent;
        while let Some(p) = parent {
            chain.push(p);
            parent = self.site.pages[p].parent;
        }
        chain.reverse();
        chain
    }

    fn breadcrumbs(&self, page: &Page) -> Vec<Link> {
        if page.kind == PageKind::Home {
            return Vec::new();
        }
        let mut crumbs: Vec<Link> = self.ancestors(page).into_iter().map(|p| self.link(page, p)).collect();
        crumbs.push(Link {
            title: Self::prose(&page.lang, &self.page_title(page)),
            href: "#".to_owned(),
            current: true,
        });
        crumbs
    }

    fn document_info(&self, doc: &Document, strings: &Strings) -> DocumentInfo {
        let front = &doc.front;
        let lang = doc.lang.as_str();
        DocumentInfo {
            kind: front.kind.as_str().to_owned(),
            kind_label: strings.get(&format!("kinds.{}", front.kind.as_str())),
            summary: front.summary.as_deref().map(|s| Self::prose(lang, s)),
            status: front.status.map(|s| s.as_str().to_owned()),
            status_label: front.status.map(|s| strings.get(&format!("statuses.{}", s.as_str()))),
            mark: front.status.and_then(|s| status_mark(s, strings)),
            draft: front.status.is_some_and(|s| s.is_draft()),
            archived: front.status == Some(crate::parse::Status::Archived),
            version: front.version.clone(),
            owner: front.owner.as_deref().map(|id| Self::prose(lang, self.site.glossary.name(id, lang).unwrap_or(id))),
            date: front.date.map(|d| strings.format_date(d)),
            updated: front.updated.map(|d| strings.format_date(d)),
            authors: front.authors.iter().map(|a| Self::prose(lang, a)).collect(),
            audience: front.audience.iter().map(|a| Self::prose(lang, a)).collect(),
            tags: front.tags.iter().map(|t| Self::prose(&doc.lang, t)).collect(),
        }
    }

    fn notices(&self, page: &Page, doc: Option<&Document>) -> Vec<Notice> {
        let site = self.site;
        let strings = self.strings(&page.lang);
        let mut notices = Vec::new();
        let Some(doc) = doc else { return notices };
        if let (Some(superseded), Some(current)) = (&doc.superseded, page.current) {
            let date = strings.format_date(crate::date::of_seconds(superseded.time));
            let current_version = site.page_doc(&site.pages[current]).and_then(|d| d.front.version.clone());
            notices.push(Notice {
                class: "superseded",
                lang: page.lang.clone(),
                text: Self::prose(
                    &page.lang,
                    &strings.fill("versions.superseded", &[("version", &superseded.version), ("date", &date)]),
                ),
                link: Some(Link {
                    title: Self::prose(
                        &page.lang,
                        &strings
                            .fill("versions.read_current", &[("version", current_version.as_deref().unwrap_or(""))]),
                    ),
                    href: urls::relative(&page.path, &site.pages[current].path),
                    current: false,
                }),
            });
        }
        if page.kind == PageKind::Document {
            for lang in site.config.languages.iter().filter(|l| **l != page.lang && !page.translations.contains_key(*l))
            {
                notices.push(Notice {
                    class: "translation-missing",
                    lang: page.lang.clone(),
                    text: strings.get(&format!("no_translation.{lang}")),
                    link: None,
                });
                notices.push(Notice {
                    class: "translation-missing",
                    lang: lang.clone(),
                    text: self.strings(lang).get(&format!("only_in_page.{}", page.lang)),
                    link: None,
                });
            }
        }
        if let Some(outdated) = &page.outdated {
            let source = &site.pages[outdated.source_page];
            let source_language = strings.get(&format!("language_names.{}", source.lang));
            notices.push(Notice {
                class: "translation-outdated",
                lang: page.lang.clone(),
                text: strings.fill(
                    "outdated_notice",
                    &[
                        ("from", &outdated.translated_from),
                        ("now", &outdated.source_version),
                        ("source", &source_language),
                    ],
                ),
                link: Some(Link {
                    title: strings.get("read_original"),
                    href: urls::relative(&page.path, &source.path),
                    current: false,
                }),
            });
            if !outdated.sections.is_empty() {
                // The translation's own sections: ids are shared across languages.
                let titles: Vec<String> = outdated
                    .sections
                    .iter()
                    .map(|(id, title)| {
                        doc.body.headings.iter().find(|h| h.id == *id).map_or_else(|| title.clone(), |h| h.text.clone())
                    })
                    .collect();
                notices.push(Notice {
                    class: "translation-outdated",
                    lang: page.lang.clone(),
                    text: Self::prose(
                        &page.lang,
                        &strings.fill(
                            "versions.sections_changed",
                            &[
                                ("source", &source_language),
                                ("from", &outdated.translated_from),
                                ("now", &outdated.source_version),
                                ("sections", &titles.join("; ")),
                            ],
                        ),
                    ),
                    link: outdated.changes.map(|c| Link {
                        title: strings.get("versions.see_changes"),
                        href: urls::relative(&page.path, &site.pages[c].path),
                        current: false,
                    }),
                });
            }
        }
        // An earlier version says it was superseded; "may change" no longer holds.
        // Each status has its own words: a draft is not "circulated for review".
        match doc.front.status.filter(|_| doc.superseded.is_none()) {
            Some(
                status @ (crate::parse::Status::Draft | crate::parse::Status::Review | crate::parse::Status::Validated),
            ) => {
                notices.push(Notice {
                    class: if status.is_draft() { "draft" } else { "validated" },
                    lang: page.lang.clone(),
                    text: strings.get(&format!("status_notices.{}", status.as_str())),
                    link: None,
                });
            }
            Some(crate::parse::Status::Archived) => {
                notices.push(Notice {
                    class: "archived",
                    lang: page.lang.clone(),
                    text: strings.get("archived_notice"),
                    link: None,
                });
            }
            _ => {}
        }
        notices
    }

    fn entry(&self, from: &Page, to: usize, foreign: bool) -> ListEntry {
        let site = self.site;
        let target = &site.pages[to];
        let strings = self.strings(&from.lang);
        let doc = self.doc(target);
        let front = doc.map(|d| &d.front);
        ListEntry {
            title: Self::prose(&target.lang, &target.title),
            href: urls::relative(&from.path, &target.path),
            summary: front.and_then(|f| f.summary.as_deref()).map(|s| Self::prose(&target.lang, s)),
            kind: front
                .filter(|f| f.kind != crate::parse::Kind::Page)
                .map(|f| strings.get(&format!("kinds.{}", f.kind.as_str()))),
            status: front.and_then(|f| f.status).map(|s| strings.get(&format!("statuses.{}", s.as_str()))),
            mark: front.and_then(|f| f.status).and_then(|s| status_mark(s, strings)),
            status_class: front.and_then(|f| f.status).map(|s| s.as_str().to_owned()),
            draft: front.and_then(|f| f.status).is_some_and(|s| s.is_draft()),
            version: front.and_then(|f| f.version.clone()),
            date: front.and_then(|f| f.updated.or(f.date)).map(|d| strings.format_date(d)),
            lang: target.lang.clone(),
            foreign,
            only_in: foreign.then(|| strings.get(&format!("only_in.{}", target.lang))),
        }
    }
}

/// The badge of a status; an adopted text needs none.
fn status_mark(status: crate::parse::Status, strings: &Strings) -> Option<String> {
    (status != crate::parse::Status::Adopted).then(|| strings.get(&format!("status_marks.{}", status.as_str())))
}

fn entry_kind(kind: crate::parse::glossary::EntryKind) -> &'static str {
    use crate::parse::glossary::EntryKind;
    match kind {
        EntryKind::Institution => "institution",
        EntryKind::Programme => "programme",
        EntryKind::Term => "term",
    }
}
