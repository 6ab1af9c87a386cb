//! Versions and translations in the page context: the switch between
//! versions of the whole site and the notice on an older one, a redline's
//! two versions and its text, and the translation status page (where each
//! document's translation stands, and the sections to translate again).

use serde::Serialize;

use super::context::{Contexts, Link, Notice};
use super::print::{css_string, page_counter};
use crate::resolve::switch::VersionLink;
use crate::resolve::{Page, PageKind, urls};

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

impl<'a> Contexts<'a> {
    /// The version a document shows, current or earlier.
    pub(super) fn version_label(&self, doc: usize) -> String {
        self.site.docs[doc].version_label().unwrap_or_default().to_owned()
    }

    /// The versions a redline compares, with links to both and to every step.
    pub(super) fn compare(&self, page: &Page) -> Option<Compare> {
        let site = self.site;
        let (old, new) = page.compare?;
        let newer = page.current?;
        let current = site.pages[newer].current.unwrap_or(newer);
        let link = |doc: usize| Link {
            title: self.version_label(doc),
            href: self.version_page(doc).map(|p| urls::relative(&page.path, &p.path)).unwrap_or_default(),
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
        let summary = self
            .view_context(&site.pages[newer], &page.path, "s-")
            .map_or(serde_json::Value::Array(Vec::new()), |view| crate::kinds::view::changes(&view));
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

    /// The page that shows a version of a document: the document's own, or
    /// an earlier version's.
    fn version_page(&self, doc: usize) -> Option<&Page> {
        self.site.pages.iter().find(|p| p.doc == Some(doc) && matches!(p.kind, PageKind::Document | PageKind::Version))
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
        let (older, newer) = (self.version_page(old), self.version_page(new));
        let section_href = |in_newer: bool, id: &str| {
            let shown = if in_newer { newer? } else { older? };
            // The section before the first heading (id "") is the page's top.
            let fragment = (!id.is_empty()).then_some(id);
            Some(urls::relative_at(&page.path, fragment.map_or(&shown.path, |id| shown.file_holding(id)), fragment))
        };
        self.site
            .redlines
            .get(&(old, new))
            .map(|r| r.html(&page.lang, &label, &percent, &number, &section_href))
            .unwrap_or_default()
    }

    /// Every document of the site, in the order of its sections, with the
    /// state of its version in `page`'s language: the original, up to
    /// date, out of date (with the sections to translate again), missing.
    pub(super) fn translation_rows(&self, page: &Page) -> Vec<TranslationRow> {
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

    pub(super) fn site_versions(&self, page: &Page, links: &[VersionLink]) -> Vec<SiteVersionLink> {
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

    pub(super) fn older_site(&self, page: &Page, links: &[VersionLink]) -> Option<Notice> {
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
}
