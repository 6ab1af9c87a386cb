//! The pages of earlier versions, their redlines, and what versions tell
//! the checks: a change the summary does not name, a translation whose
//! source changed since.

use super::*;
use std::sync::Arc;

/// For a translation made from an earlier version of its source: which of
/// the source's sections changed since, from the source's history, with
/// the redline that starts there; said once per document.
pub(super) fn sections_to_translate(
    docs: &[Arc<Document>],
    pages: &mut [Page],
    redlines: &HashMap<(usize, usize), (usize, crate::redline::Redline)>,
) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for i in 0..pages.len() {
        let Some(outdated) = &pages[i].outdated else {
            continue;
        };
        let source = &pages[outdated.source_page];
        let version_of = |p: usize| pages[p].doc.and_then(|d| docs[d].superseded.as_ref()).map(|s| s.version.as_str());
        let Some(&then) = source.versions.iter().find(|&&v| version_of(v) == Some(outdated.translated_from.as_str()))
        else {
            continue;
        };
        let (Some(old), Some(new)) = (pages[then].doc, source.doc) else {
            continue;
        };
        // The redline from that version to the source as it is now.
        let Some((changes, redline)) = redlines.get(&(old, new)) else {
            continue;
        };
        let sections: Vec<(String, String)> = redline
            .sections
            .iter()
            .filter(|s| s.state != crate::redline::SectionState::Unchanged && !s.id.is_empty())
            .map(|s| (s.id.clone(), s.title.clone()))
            .collect();
        let changes = Some(*changes);
        if let Some(doc) = pages[i].doc.map(|d| &docs[d])
            && !sections.is_empty()
        {
            let ids: Vec<String> = sections.iter().map(|(id, _)| format!("`{id}`")).collect();
            problems.push(
                Diagnostic::warning(&doc.display, doc.field_line("source_version"), 1, format!(
                    "sections of {} changed since version {} that this translation follows: {}",
                    docs[new].display,
                    outdated.translated_from,
                    ids.join(", ")
                ))
                .with_hint("translate what changed in those sections (the source's changes.html shows it), then raise `source_version`"),
            );
        }
        if let Some(outdated) = &mut pages[i].outdated {
            outdated.sections = sections;
            outdated.changes = changes;
        }
    }
    problems
}

/// A document with a kind whose sections changed since its previous version
/// while its `changes` summary names none of them: reviewers read the
/// summary, so it must say where the text moved.
pub(super) fn unnamed_changes(
    docs: &[Arc<Document>],
    pages: &[Page],
    redlines: &HashMap<(usize, usize), (usize, crate::redline::Redline)>,
) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for page in pages.iter().filter(|p| p.kind == PageKind::Document) {
        let (Some(doc), Some(&previous)) = (page.doc.map(|d| &docs[d]), page.versions.last()) else {
            continue;
        };
        let (Some(old), Some(new)) = (pages[previous].doc, page.doc) else {
            continue;
        };
        let (before, Some((_, redline))) = (&docs[old], redlines.get(&(old, new))) else {
            continue;
        };
        if doc.front.kind == crate::model::Kind::Page {
            continue;
        }
        let named: BTreeSet<&str> = doc
            .kind
            .fields
            .get("changes")
            .and_then(serde_json::Value::as_array)
            .map(|rows| rows.iter().filter_map(|r| r.get("section")?.as_str()).collect())
            .unwrap_or_default();
        let unnamed: Vec<String> = redline
            .sections
            .iter()
            .filter(|s| s.state != crate::redline::SectionState::Unchanged && !s.id.is_empty())
            .filter(|s| !named.contains(s.id.as_str()))
            .map(|s| format!("`{}`", s.id))
            .collect();
        if unnamed.is_empty() {
            continue;
        }
        let version = before.superseded.as_ref().map_or("", |s| s.version.as_str());
        problems.push(
            Diagnostic::warning(&doc.display, doc.field_line("changes"), 1, format!(
                "sections changed since version {version} that `changes` does not name: {}",
                unnamed.join(", ")
            ))
            .with_hint("add a line to `changes` for each (`section: <id>`, `summary: what changed`), so that reviewers can trust the summary; the redline (changes.html) shows what moved"),
        );
    }
    problems
}

/// A page for each earlier version of a document, under the current one
/// (`…/x/v/0.1/index.html`), added once everything else is resolved: no
/// list, index, feed or check of the current site sees them. Their links
/// go to the current site; what no longer resolves is left as it was
/// written, without a word (an old text is not the author's to fix now).
pub(super) fn add_versions(
    docs: &mut Vec<Arc<Document>>,
    pages: &mut Vec<Page>,
    past: Vec<Document>,
    assets: &[crate::load::Asset],
    config: &Config,
) {
    if past.is_empty() {
        return;
    }
    let current: HashMap<(String, String), usize> = pages
        .iter()
        .enumerate()
        .filter(|(_, p)| p.kind == PageKind::Document)
        .map(|(i, p)| ((p.key.clone(), p.lang.clone()), i))
        .collect();
    let mut made = Vec::new();
    for doc in past {
        let Some(version) = doc.superseded.as_ref().map(|s| s.version.clone()) else {
            continue;
        };
        let Some(&of) = current.get(&(doc.key.clone(), doc.lang.clone())) else {
            continue;
        };
        if urls::segment_problem(&version).is_some() {
            continue;
        }
        let dir = pages[of].path.trim_end_matches("index.html");
        let path = format!("{dir}v/{version}/index.html");
        let mut page = Page::new(PageKind::Version, &doc.lang, &doc.key, path, doc.title.clone(), None, i64::MAX);
        page.parent = pages[of].parent;
        page.current = Some(of);
        made.push((page, doc));
    }
    let index = links::LinkIndex::new(pages, docs, assets, config);
    let resolved: Vec<(Vec<ResolvedLink>, Vec<ResolvedLink>)> = made
        .par_iter()
        .map(|(page, doc)| (index.resolve_body(page, doc).0, index.resolve_fields(page, doc).0))
        .collect();
    let first = pages.len();
    for (i, ((mut page, doc), (links, field_links))) in made.into_iter().zip(resolved).enumerate() {
        page.doc = Some(docs.len());
        page.links = links;
        page.field_links = field_links;
        docs.push(Arc::new(doc));
        if let Some(of) = page.current {
            pages[of].versions.push(first + i);
        }
        pages.push(page);
    }
    // Versions in order, and each linked to the same version in the other languages.
    let by_version: HashMap<(String, String, String), usize> = (first..pages.len())
        .filter_map(|i| {
            let version = docs[pages[i].doc?].superseded.as_ref()?.version.clone();
            Some(((pages[i].key.clone(), version, pages[i].lang.clone()), i))
        })
        .collect();
    for page in &mut pages[first..] {
        let Some(version) = page.doc.and_then(|d| docs[d].superseded.as_ref()).map(|s| s.version.clone()) else {
            continue;
        };
        page.translations = config
            .languages
            .iter()
            .filter(|l| **l != page.lang)
            .filter_map(|l| by_version.get(&(page.key.clone(), version.clone(), l.clone())).map(|&o| (l.clone(), o)))
            .collect();
    }
    for i in 0..first {
        let mut versions = std::mem::take(&mut pages[i].versions);
        versions.sort_by_key(|&v| pages[v].doc.and_then(|d| docs[d].superseded.as_ref()).map_or(0, |s| s.time));
        // A redline for each pair of versions, beside the newer: from the
        // version just before in `changes.html` (0.1 -> 0.2 beside 0.2, the
        // last -> now beside the document), from an older one in
        // `changes-<version>.html`, so that a reviewer can compare any two.
        let mut steps: Vec<usize> = versions.clone();
        steps.push(i);
        for (n, &newer) in steps.iter().enumerate() {
            for (m, &older) in steps[..n].iter().enumerate().rev() {
                let (Some(old_doc), Some(new_doc)) = (pages[older].doc, pages[newer].doc) else {
                    continue;
                };
                let Some(old_version) = docs[old_doc].superseded.as_ref().map(|s| s.version.clone()) else {
                    continue;
                };
                let dir = pages[newer].path.trim_end_matches("index.html").to_owned();
                let file = if m + 1 == n { "changes.html".to_owned() } else { format!("changes-{old_version}.html") };
                let title = pages[newer].title.clone();
                let mut page = Page::new(
                    PageKind::Changes,
                    &pages[newer].lang.clone(),
                    &pages[newer].key.clone(),
                    format!("{dir}{file}"),
                    title,
                    None,
                    i64::MAX,
                );
                page.parent = pages[newer].parent;
                page.current = Some(newer);
                page.compare = Some((old_doc, new_doc));
                if m + 1 == n {
                    pages[newer].changes = Some(pages.len());
                }
                pages.push(page);
            }
        }
        pages[i].versions = versions;
    }
    // Each redline is linked to the same step in the other languages.
    let step = |p: &Page| -> Option<(String, String, String)> {
        let (old, new) = p.compare?;
        let label = |d: usize| docs[d].version_label().map(str::to_owned);
        Some((p.key.clone(), label(old)?, label(new)?))
    };
    let steps: HashMap<(String, String, String, String), usize> = pages
        .iter()
        .enumerate()
        .filter(|(_, p)| p.kind == PageKind::Changes)
        .filter_map(|(i, p)| step(p).map(|(key, old, new)| ((key, old, new, p.lang.clone()), i)))
        .collect();
    for page in pages.iter_mut().filter(|p| p.kind == PageKind::Changes) {
        let Some((key, old, new)) = step(page) else {
            continue;
        };
        let lang = page.lang.clone();
        page.translations = config
            .languages
            .iter()
            .filter(|l| **l != lang)
            .filter_map(|l| steps.get(&(key.clone(), old.clone(), new.clone(), l.clone())).map(|&o| (l.clone(), o)))
            .collect();
    }
}
