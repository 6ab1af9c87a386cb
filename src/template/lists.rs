//! The lists a page shows: a section's documents and subsections, the
//! home page's documents by kind, the glossary's entries.

use serde::Serialize;

use super::context::Contexts;
use super::i18n::Strings;
use crate::resolve::{Page, PageKind, urls};

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

impl<'a> Contexts<'a> {
    /// Every document of the page's language, grouped by kind in the order
    /// readers look for them (plain pages last), each with its status and
    /// version; within a kind in the authors' `weight` order, as on section
    /// pages, then by title.
    pub(super) fn by_kind(&self, home: &Page) -> Vec<KindGroup> {
        use crate::model::Kind;
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

    pub(super) fn glossary_entries(&self, lang: &str) -> Vec<GlossaryEntry> {
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

    pub(super) fn entry(&self, from: &Page, to: usize, foreign: bool) -> ListEntry {
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
                .filter(|f| f.kind != crate::model::Kind::Page)
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
pub(super) fn status_mark(status: crate::model::Status, strings: &Strings) -> Option<String> {
    (status != crate::model::Status::Adopted).then(|| strings.get(&format!("status_marks.{}", status.as_str())))
}

fn entry_kind(kind: crate::model::glossary::EntryKind) -> &'static str {
    use crate::model::glossary::EntryKind;
    match kind {
        EntryKind::Institution => "institution",
        EntryKind::Programme => "programme",
        EntryKind::Term => "term",
    }
}
