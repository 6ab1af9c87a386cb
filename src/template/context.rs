//! The typed values templates see. Everything a template prints is computed
//! here (relative links, labels, dates), so templates only lay things out:
//! the page context and what every page shows (links, notices, the
//! document's card); with, beside it, the lists (`lists.rs`), versions and
//! translations (`versions.rs`) and the print context (`print.rs`).

use serde::Serialize;

use super::i18n::Strings;
use super::lists::{GlossaryEntry, KindGroup, ListEntry, status_mark};
use super::versions::{Compare, SiteVersionLink, TranslationRow};
use crate::format::typography;
use crate::kinds::view::{FieldLink, ViewContext};
use crate::parse::Document;
use crate::render::{BodyPart, RenderedBody};
use crate::resolve::{LinkTarget, Page, PageKind, Site, urls};

#[derive(Serialize, Clone)]
pub struct Link {
    pub title: String,
    pub href: String,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub current: bool,
}

#[derive(Serialize, Clone)]
pub struct LanguageLink {
    pub lang: String,
    pub name: String,
    pub href: String,
    pub current: bool,
    /// Set when the document has no translation in this language and the
    /// link lands on the section instead: says so in that language.
    pub fallback_note: Option<String>,
    /// When the translation is read a section at a time: where each section
    /// of this page is there (`resolve::parts`), for `page.js`.
    pub sections: Option<String>,
}

#[derive(Serialize)]
pub struct Notice {
    pub class: &'static str,
    pub lang: String,
    pub text: String,
    pub link: Option<Link>,
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
    /// "On this page": the sections of a long document (empty for short
    /// ones); on a document cut into sections, the pages of its sections.
    pub toc: Vec<TocEntry>,
    /// On a document cut into sections: which one this page shows.
    pub part: Option<super::parts::PartInfo>,
}

#[derive(Serialize, Clone)]
pub struct PdfLink {
    pub href: String,
    pub label: String,
}

/// A document with this many sections or more lists them at its top
/// ("On this page"): the SOPs, strategies and reports, not a two-section brief.
pub const TOC_MIN_SECTIONS: usize = 5;

#[derive(Serialize)]
pub struct TocEntry {
    pub href: String,
    pub title: String,
    pub level: u8,
    /// The section whose page this is, on a document cut into sections.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub current: bool,
    /// Another section of that page (short sections share one).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub here: bool,
}

/// Builds contexts for the pages of one site.
pub struct Contexts<'a> {
    pub site: &'a Site,
    pub strings: &'a std::collections::BTreeMap<String, Strings>,
}

impl<'a> Contexts<'a> {
    pub(super) fn strings(&self, lang: &str) -> &'a Strings {
        &self.strings[lang]
    }

    pub(super) fn doc(&self, page: &Page) -> Option<&'a Document> {
        page.doc.map(|d| &*self.site.docs[d])
    }

    /// Text in a page's language, with French spacing where it applies.
    pub(super) fn prose(lang: &str, text: &str) -> String {
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

    pub fn page(&self, page: &'a Page, body: RenderedBody, kind: Option<serde_json::Value>) -> PageContext<'a> {
        let site = self.site;
        let version_links = site.switch.as_ref().map(|s| s.links(page)).unwrap_or_default();
        let strings = self.strings(&page.lang);
        let site_title = Self::prose(&page.lang, site.config.title.get(&page.lang));
        let title = Self::prose(&page.lang, &self.page_title(page));
        let home_index = site.homes[&page.lang];
        let head_title =
            if page.kind == PageKind::Home { site_title.clone() } else { format!("{title} · {site_title}") };
        let doc = self.doc(page);
        let has_code = body.has_code;
        let (body, body_parts, placed) = body.into_whole_and_parts();
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
                    sections: None,
                })
                .collect(),
            languages: self.language_switch(page),
            nav: self.nav(page, home_index),
            breadcrumbs: self.breadcrumbs(page),
            doc: doc.map(|d| self.document_info(d, strings)).unwrap_or_default(),
            has_code,
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
            part: None,
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
            .map(|h| TocEntry {
                href: format!("#{}", h.id),
                title: Self::prose(lang, &h.text),
                level: h.level,
                current: false,
                here: false,
            })
            .collect();
        if sections.len() >= TOC_MIN_SECTIONS { sections } else { Vec::new() }
    }

    /// The view of a document's kind for the file `from`, whose body ids start with `anchor`.
    pub fn kind_view(&self, page: &'a Page, from: &str, anchor: &str) -> Option<serde_json::Value> {
        let cx = self.view_context(page, from, anchor)?;
        crate::kinds::view::view(&cx)
    }

    /// What the kind's view of `page`'s document reads, for the file
    /// `from` (the page's own, its print file, a compare page) whose body
    /// ids start with `anchor`.
    pub(super) fn view_context<'b>(&self, page: &'a Page, from: &str, anchor: &'b str) -> Option<ViewContext<'b>>
    where
        'a: 'b,
    {
        let doc = self.doc(page)?;
        let field_links = page
            .field_links
            .iter()
            .map(|link| {
                let title = match &link.target {
                    LinkTarget::Page { page, .. } => Some(self.site.pages[*page].title.clone()),
                    _ => None,
                };
                FieldLink { href: link.href(from, &self.site.pages), title }
            })
            .collect();
        Some(ViewContext {
            lang: &doc.lang,
            key: &doc.key,
            front: &doc.front,
            body: &doc.body,
            kind: &doc.kind,
            linked: page.doc.and_then(|d| self.site.linked.get(&d)),
            glossary: &self.site.glossary,
            strings: self.strings(&page.lang),
            field_links,
            anchor,
            expanded: Default::default(),
        })
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
                        sections: None,
                    };
                }
                if let Some(&other) = page.translations.get(lang) {
                    let other = &site.pages[other];
                    return LanguageLink {
                        lang: lang.clone(),
                        name,
                        href: urls::relative(&page.path, &other.path),
                        current: false,
                        fallback_note: None,
                        // Only a translation cut into pages needs them (most are not).
                        sections: (!other.parts.is_empty())
                            .then(|| self.sections_in(&self.page_doc_sections(page), other))
                            .flatten(),
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
                    sections: None,
                }
            })
            .collect()
    }

    /// The top-level sections of the document a page shows whole.
    fn page_doc_sections(&self, page: &Page) -> Vec<String> {
        match (page.kind, self.doc(page)) {
            (PageKind::Document | PageKind::Version, Some(doc)) if page.parts.is_empty() => {
                doc.body.top_sections().iter().map(|s| s.id.to_owned()).collect()
            }
            _ => Vec::new(),
        }
    }

    /// Where each of `sections` is read in `other`, the same document in
    /// another language, when `other` is cut into pages: `id=file|id=file`,
    /// both percent-encoded, the file named in the folder of `other`'s pages.
    pub(super) fn sections_in(&self, sections: &[String], other: &Page) -> Option<String> {
        if other.parts.is_empty() || sections.is_empty() {
            return None;
        }
        let doc = self.site.page_doc(other)?;
        let pairs: Vec<String> = sections
            .iter()
            .filter(|id| doc.body.has_id(id))
            .map(|id| {
                // The file's name: the pages of a document share a folder.
                let file = other.file_holding(id).rsplit('/').next().unwrap_or_default();
                format!("{}={}", urls::encode(id), urls::encode(file))
            })
            .collect();
        (!pairs.is_empty()).then(|| pairs.join("|"))
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

    pub(super) fn document_info(&self, doc: &Document, strings: &Strings) -> DocumentInfo {
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
            archived: front.status == Some(crate::model::Status::Archived),
            version: front.version.clone(),
            owner: front.owner.as_deref().map(|id| Self::prose(lang, self.site.glossary.name(id, lang).unwrap_or(id))),
            date: front.date.map(|d| strings.format_date(d)),
            updated: front.updated.map(|d| strings.format_date(d)),
            authors: front.authors.iter().map(|a| Self::prose(lang, a)).collect(),
            audience: front.audience.iter().map(|a| Self::prose(lang, a)).collect(),
            tags: front.tags.iter().map(|t| Self::prose(&doc.lang, t)).collect(),
        }
    }

    pub(super) fn notices(&self, page: &Page, doc: Option<&Document>) -> Vec<Notice> {
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
                status @ (crate::model::Status::Draft | crate::model::Status::Review | crate::model::Status::Validated),
            ) => {
                notices.push(Notice {
                    class: if status.is_draft() { "draft" } else { "validated" },
                    lang: page.lang.clone(),
                    text: strings.get(&format!("status_notices.{}", status.as_str())),
                    link: None,
                });
            }
            Some(crate::model::Status::Archived) => {
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
}
