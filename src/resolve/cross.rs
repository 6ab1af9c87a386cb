//! Checks of the kinds that need more than one document, run by the
//! resolve stage: translations in step (same section ids, same non-text
//! values), links written in fields, an assessment against its template,
//! and the traceability between reports and the documents they feed.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde_json::Value;

use super::{LinkTarget, Page, ResolvedLink};
use crate::config::Level;
use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::kinds::schema::{self, Field, Ty};
use crate::kinds::validate::{Path, Seg};
use crate::model::Kind;
use crate::parse::Document;

/// Values computed here for a document: (document index, name, value).
pub type Computed = Vec<(usize, &'static str, Value)>;

/// Same ids and non-text values in every language of a document, and the
/// same section ids. `groups` lists the documents of each key, source first;
/// `pages` says how pages without a kind are told that their ids differ.
pub fn translations(docs: &[Arc<Document>], groups: &[Vec<usize>], pages: Level, problems: &mut Vec<Diagnostic>) {
    for group in groups {
        let Some((&source, translations)) = group.split_first() else { continue };
        let a = &docs[source];
        for &t in translations {
            let b = &docs[t];
            if a.front.kind == Kind::Page && b.front.kind == Kind::Page {
                page_sections(a, b, pages, problems);
            } else {
                sections(a, b, problems);
                sections(b, a, problems);
            }
            if a.front.kind != b.front.kind {
                continue;
            }
            let fields: Vec<&Field> = schema::all_fields(a.front.kind.as_str())
                .into_iter()
                .filter(|f| !schema::COMMON.iter().any(|c| c.name == f.name))
                .collect();
            for field in fields {
                let (x, y) = (a.kind.fields.get(field.name), b.kind.fields.get(field.name));
                // One CSV file serves both languages: nothing can drift.
                let same_file = a
                    .kind
                    .csv
                    .get(field.name)
                    .zip(b.kind.csv.get(field.name))
                    .is_some_and(|(p, q)| p.display == q.display);
                if same_file {
                    continue;
                }
                let mut found = Vec::new();
                match (x, y) {
                    (Some(x), Some(y)) => parity(x, y, &field.ty, &Path::key(field.name), &mut found),
                    (Some(_), None) if !is_text(&field.ty) => {
                        found.push((Path::default(), format!("`{}` is missing here", field.name)))
                    }
                    (None, Some(_)) if !is_text(&field.ty) => {
                        found.push((Path::key(field.name), format!("`{}` is not in {}", field.name, a.display)))
                    }
                    _ => {}
                }
                for (path, message) in found {
                    let (file, line, col) = b.kind.place(&b.display, &b.lang, &path);
                    problems.push(
                        Diagnostic::error(
                            file,
                            line,
                            col,
                            format!("{message} (translation out of step with {})", a.display),
                        )
                        .with_hint(
                            "ids, numbers, dates and choices are the same in every language; only text is translated",
                        ),
                    );
                }
            }
        }
    }
}

fn is_text(ty: &Ty) -> bool {
    matches!(ty, Ty::Text | Ty::Link | Ty::RefOrText)
}

/// Differences between `a` (the source) and `b` (a translation) in values that are not text.
fn parity(a: &Value, b: &Value, ty: &Ty, at: &Path, out: &mut Vec<(Path, String)>) {
    match ty {
        Ty::Text | Ty::Link => {}
        Ty::RefOrText => {
            let (x, y) = (a.as_str().unwrap_or(""), b.as_str().unwrap_or(""));
            if crate::kinds::validate::is_id(x) && crate::kinds::validate::is_id(y) && x != y {
                out.push((at.clone(), format!("`{at}` is `{y}` here and `{x}` in the source")));
            }
        }
        Ty::List(item) => list(a, b, item, at, out),
        Ty::Table(columns) => list(a, b, &Ty::Object(columns), at, out),
        Ty::Object(fields) => {
            let (Some(x), Some(y)) = (a.as_object(), b.as_object()) else { return };
            for field in fields.iter() {
                match (x.get(field.name), y.get(field.name)) {
                    (Some(p), Some(q)) => parity(p, q, &field.ty, &at.field(field.name), out),
                    (Some(p), None) if !is_text(&field.ty) => out.push((
                        at.clone(),
                        format!("`{}` is missing in {at}; the source has `{}`", field.name, short(p)),
                    )),
                    (None, Some(_)) if !is_text(&field.ty) => {
                        out.push((at.field(field.name), format!("`{}` is not in the source's {at}", field.name)))
                    }
                    _ => {}
                }
            }
        }
        Ty::Map(item) => {
            let (Some(x), Some(y)) = (a.as_object(), b.as_object()) else { return };
            for (key, p) in x {
                match y.get(key) {
                    Some(q) => parity(p, q, item, &at.field(key), out),
                    None => out.push((at.clone(), format!("`{key}` is missing in {at}"))),
                }
            }
            for key in y.keys().filter(|k| !x.contains_key(*k)) {
                out.push((at.field(key), format!("`{key}` is not in the source's {at}")));
            }
        }
        Ty::Either(alternatives) => {
            let same_shape = alternatives.iter().find(|alt| match alt {
                Ty::Object(_) => a.is_object() && b.is_object(),
                Ty::List(_) => a.is_array() && b.is_array(),
                Ty::Text => a.is_string() && b.is_string(),
                _ => false,
            });
            match same_shape {
                Some(alt) => parity(a, b, alt, at, out),
                None if a != b => {
                    out.push((at.clone(), format!("`{at}` is `{}` here and `{}` in the source", short(b), short(a))))
                }
                None => {}
            }
        }
        _ => {
            let equal = match (a, b) {
                (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
                _ => a == b,
            };
            if !equal {
                out.push((at.clone(), format!("`{at}` is `{}` here and `{}` in the source", short(b), short(a))));
            }
        }
    }
}

fn list(a: &Value, b: &Value, item: &Ty, at: &Path, out: &mut Vec<(Path, String)>) {
    let (Some(x), Some(y)) = (a.as_array(), b.as_array()) else { return };
    let ids = |rows: &[Value]| -> Vec<String> {
        rows.iter().filter_map(|r| r.get("id")?.as_str().map(str::to_owned)).collect()
    };
    let (ix, iy) = (ids(x), ids(y));
    if !ix.is_empty() && ix != iy {
        let first = ix.iter().zip(&iy).position(|(p, q)| p != q).unwrap_or(ix.len().min(iy.len()));
        let message = match (ix.get(first), iy.get(first)) {
            (Some(p), Some(q)) => format!("row {} of `{at}` is `{q}` here and `{p}` in the source", first + 1),
            (Some(p), None) => format!("`{at}` lacks the row `{p}` of the source"),
            (None, Some(q)) => format!("`{at}` has a row `{q}` that the source does not"),
            (None, None) => format!("`{at}` has other rows than the source"),
        };
        out.push((if first < y.len() { at.index(first) } else { at.clone() }, message));
        return;
    }
    if x.len() != y.len() {
        out.push((at.clone(), format!("`{at}` has {} entries here and {} in the source", y.len(), x.len())));
        return;
    }
    for (i, (p, q)) in x.iter().zip(y).enumerate() {
        parity(p, q, item, &at.index(i), out);
    }
}

fn short(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => {
            let text = other.to_string();
            if text.len() > 40 { format!("{}…", &text[..text.floor_char_boundary(40)]) } else { text }
        }
    }
}

/// Section ids (written `{#id}`) that `a` has and `b` lacks, reported on `b`.
fn sections(a: &Document, b: &Document, problems: &mut Vec<Diagnostic>) {
    for heading in a.body.headings.iter().filter(|h| h.explicit) {
        if b.body.headings.iter().any(|h| h.explicit && h.id == heading.id) {
            continue;
        }
        let ids = b.body.headings.iter().filter(|h| h.explicit).map(|h| h.id.as_str());
        let hint = match did_you_mean(&heading.id, ids) {
            Some(near) => format!("{near} (section ids are the same in every language)"),
            None => format!("add `{{#{}}}` to the heading that translates \"{}\"", heading.id, heading.text),
        };
        let line = b.body.headings.first().map_or(1, |h| h.line);
        problems.push(
            Diagnostic::error(
                &b.display,
                line,
                1,
                format!("no section `{}`, which {} has at line {}", heading.id, a.display, heading.line),
            )
            .with_hint(hint),
        );
    }
}

/// Explicit heading ids of a plain page and its translation: authors of
/// ordinary documentation write `{#id}` in their own language to keep an
/// anchor stable (`{#send-a-message}` / `{#envoyer-un-message}`), which is no
/// translation out of step. One problem for the pair, on the translation,
/// naming every id that the other file lacks.
fn page_sections(a: &Document, b: &Document, level: Level, problems: &mut Vec<Diagnostic>) {
    if level == Level::Off {
        return;
    }
    let ids = |d: &Document| -> Vec<String> {
        d.body.headings.iter().filter(|h| h.explicit).map(|h| format!("`{}`", h.id)).collect()
    };
    let (in_a, in_b) = (ids(a), ids(b));
    let only_a: Vec<&str> = in_a.iter().filter(|id| !in_b.contains(id)).map(String::as_str).collect();
    let only_b: Vec<&str> = in_b.iter().filter(|id| !in_a.contains(id)).map(String::as_str).collect();
    if only_a.is_empty() && only_b.is_empty() {
        return;
    }
    let mut parts = Vec::new();
    if !only_b.is_empty() {
        parts.push(format!("{} here", only_b.join(", ")));
    }
    if !only_a.is_empty() {
        parts.push(format!("{} in {}", only_a.join(", "), a.display));
    }
    let message = format!("section ids differ from {}: only {}", a.display, parts.join("; only "));
    let line = b.body.headings.iter().find(|h| h.explicit).map_or(1, |h| h.line);
    let diagnostic = match level {
        Level::Error => Diagnostic::error(&b.display, line, 1, message),
        _ => Diagnostic::warning(&b.display, line, 1, message),
    };
    problems.push(diagnostic.with_hint(
        "links to these anchors work in one language only; give the headings the same `{#id}` in both files \
         where a link crosses languages, or set `checks: { page_section_ids: off }` in site.yaml \
         (documents with a `kind` always share their section ids)",
    ));
}

/// The document a field's link points to, if it resolved to a page.
fn target_doc(doc: &Document, links: &[ResolvedLink], pages: &[Page], path: &Path) -> Option<usize> {
    let i = doc.kind.link_paths.iter().position(|p| p == path)?;
    match &links.get(i)?.target {
        LinkTarget::Page { page, .. } => pages[*page].doc,
        _ => None,
    }
}

/// The documents the links of a list field point to.
fn targets(doc: &Document, links: &[ResolvedLink], pages: &[Page], field: &str) -> Vec<(Path, usize)> {
    doc.kind
        .link_paths
        .iter()
        .zip(links)
        .filter(|(path, _)| matches!(path.0.first(), Some(Seg::Key(k)) if k == field))
        .filter_map(|(path, link)| match &link.target {
            LinkTarget::Page { page, .. } => pages[*page].doc.map(|d| (path.clone(), d)),
            _ => None,
        })
        .collect()
}

/// Checks between documents linked by fields; returns values to store.
/// `field_links[d]` are the resolved links of document `d`'s fields.
pub fn linked(
    docs: &[Arc<Document>],
    pages: &[Page],
    field_links: &[Vec<ResolvedLink>],
    problems: &mut Vec<Diagnostic>,
) -> Computed {
    let mut computed = Computed::new();
    let key = |d: usize| docs[d].key.as_str();
    for (d, doc) in docs.iter().enumerate() {
        let links = &field_links[d];
        let place = |path: &Path| doc.kind.place(&doc.display, &doc.lang, path);
        let kind_of =
            |t: usize| (docs[t].front.kind.as_str(), docs[t].kind.fields.get("subtype").and_then(Value::as_str));

        // A strategy's validation report.
        let report_path = Path::key("validation").field("report");
        if let Some(t) = target_doc(doc, links, pages, &report_path) {
            let (file, line, col) = place(&report_path);
            if kind_of(t) != ("report", Some("validation-workshop")) {
                problems.push(
                    Diagnostic::error(
                        file,
                        line,
                        col,
                        format!("{} is not the report of a validation workshop", docs[t].display),
                    )
                    .with_hint("link the report with `kind: report` and `subtype: validation-workshop`"),
                );
            } else if !targets(&docs[t], &field_links[t], pages, "feeds_into").iter().any(|(_, x)| key(*x) == doc.key) {
                problems.push(Diagnostic::warning(
                    file,
                    line,
                    col,
                    format!("{} does not list this document in its `feeds_into`", docs[t].display),
                ));
            }
        }
        // informed_by <-> feeds_into: each names the other.
        for (field, back, what) in [("informed_by", "feeds_into", "document"), ("feeds_into", "informed_by", "report")]
        {
            for (path, t) in targets(doc, links, pages, field) {
                if !targets(&docs[t], &field_links[t], pages, back).iter().any(|(_, x)| key(*x) == doc.key) {
                    let (file, line, col) = place(&path);
                    let message = format!("{} does not list this {what} in its `{back}`", docs[t].display);
                    problems.push(
                        Diagnostic::warning(file, line, col, message)
                            .with_hint("the two documents should point to each other"),
                    );
                }
            }
        }
        // An assessment against its template.
        let template_path = Path::key("template").field("doc");
        if kind_of(d) == ("checklist", Some("assessment"))
            && let Some(t) = target_doc(doc, links, pages, &template_path)
        {
            let (file, line, col) = place(&template_path);
            if kind_of(t) != ("checklist", Some("template")) {
                problems.push(
                    Diagnostic::error(file, line, col, format!("{} is not a checklist template", docs[t].display))
                        .with_hint("link the checklist with `subtype: template`"),
                );
                continue;
            }
            computed.extend(assessment(doc, &docs[t], problems).map(|v| (d, "scores", v)));
        }
    }
    computed
}

fn assessment(doc: &Document, template: &Document, problems: &mut Vec<Diagnostic>) -> Option<Value> {
    let place = |path: &Path| doc.kind.place(&doc.display, &doc.lang, path);
    let wanted = doc.kind.fields.get("template").and_then(|t| t.get("version")).and_then(crate::kinds::Version::of);
    let current = template.front.version.as_deref().and_then(crate::kinds::Version::parse);
    if let (Some(wanted), Some(current)) = (&wanted, &current)
        && wanted != current
    {
        let (file, line, col) = place(&Path::key("template").field("version"));
        problems.push(
            Diagnostic::warning(
                file,
                line,
                col,
                format!(
                    "this assessment used version {} of the checklist, which is now at version {}",
                    join(wanted),
                    join(current)
                ),
            )
            .with_hint("the items may have changed: check the responses against the current template"),
        );
    }
    let responses = doc.kind.fields.get("responses").and_then(Value::as_object)?;
    let items: Vec<&str> = template
        .kind
        .fields
        .get("items")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(|i| i.get("id")?.as_str()).collect())
        .unwrap_or_default();
    for item in &items {
        if !responses.contains_key(*item) {
            let (file, line, col) = place(&Path::key("responses"));
            problems.push(
                Diagnostic::error(file, line, col, format!("no response to the item `{item}` of {}", template.display))
                    .with_hint(format!("add `{item}: {{ value: yes|partial|no|na }}`")),
            );
        }
    }
    for key in responses.keys() {
        if !items.contains(&key.as_str()) {
            let (file, line, col) = place(&Path::key("responses").field(key));
            let hint = did_you_mean(key, items.iter().copied())
                .unwrap_or_else(|| "respond only to items of the template".to_owned());
            problems.push(
                Diagnostic::error(file, line, col, format!("`{key}` is not an item of {}", template.display))
                    .with_hint(hint),
            );
        }
    }
    let scores = crate::kinds::checklist_scores(&template.kind.fields, &doc.kind.fields);
    for gap in scores["critical_gaps"].as_array().into_iter().flatten().filter_map(Value::as_str) {
        let (file, line, col) = place(&Path::key("responses").field(gap));
        let answer = responses.get(gap).and_then(|r| r.get("value")).and_then(Value::as_str).unwrap_or("no");
        problems.push(
            Diagnostic::warning(file, line, col, format!("critical gap: `{gap}` is answered `{answer}`"))
                .with_hint("critical items come first in the action plan, whatever the score"),
        );
    }
    let threshold =
        doc.kind.fields.get("threshold").or_else(|| template.kind.fields.get("threshold")).and_then(Value::as_f64);
    if let (Some(threshold), Some(overall)) = (threshold, scores["overall"].as_f64())
        && overall < threshold
    {
        let (file, line, col) = place(&Path::key("responses"));
        problems.push(Diagnostic::warning(
            file,
            line,
            col,
            format!("overall score {:.0} % is below the threshold of {:.0} %", overall * 100.0, threshold * 100.0),
        ));
    }
    // Names of areas, groups and items in the assessment's language, for its page.
    let titles = |field: &str, key: &str| -> serde_json::Map<String, Value> {
        template
            .kind
            .fields
            .get(field)
            .and_then(Value::as_array)
            .map(|rows| {
                rows.iter().filter_map(|r| Some((r.get("id")?.as_str()?.to_owned(), r.get(key)?.clone()))).collect()
            })
            .unwrap_or_default()
    };
    let mut scores = scores;
    scores["area_titles"] = Value::Object(titles("areas", "title"));
    scores["group_titles"] = Value::Object(titles("groups", "title"));
    scores["item_texts"] = Value::Object(titles("items", "text"));
    let critical: Vec<Value> = template
        .kind
        .fields
        .get("items")
        .and_then(Value::as_array)
        .map(|rows| {
            rows.iter()
                .filter(|r| r.get("critical") == Some(&Value::Bool(true)))
                .filter_map(|r| r.get("id").cloned())
                .collect()
        })
        .unwrap_or_default();
    scores["critical_items"] = Value::Array(critical);
    // Areas and groups in the template's order (maps are sorted by id).
    let order = |field: &str| -> Value {
        template.kind.fields.get(field).and_then(Value::as_array).map_or(Value::Array(Vec::new()), |rows| {
            Value::Array(rows.iter().filter_map(|r| r.get("id").cloned()).collect())
        })
    };
    scores["area_order"] = order("areas");
    scores["group_order"] = order("groups");
    Some(scores)
}

fn join(v: &crate::kinds::Version) -> String {
    v.0.iter().map(u32::to_string).collect::<Vec<_>>().join(".")
}

/// A warning about front matter values that both languages share (a stale
/// service, an unused role) is said once, on the source file, not again on
/// each translation. Errors stay on every file, so that each one gets
/// fixed, and so do warnings about the text of the body (a missing source
/// line), which each language has on its own.
pub fn once_per_translation(
    docs: &[Arc<Document>],
    groups: &[Vec<usize>],
    diagnostics: &mut crate::diagnostics::Diagnostics,
) {
    use crate::diagnostics::Severity;
    use std::collections::HashSet;
    // Translation file -> (its source file, the last line of its front matter).
    let source_of: BTreeMap<&str, (&str, usize)> = groups
        .iter()
        .flat_map(|g| {
            g[1..].iter().map(move |&t| {
                let front_end = docs[t].kind.front_text.lines().count() + 2;
                (docs[t].display.as_str(), (docs[g[0]].display.as_str(), front_end))
            })
        })
        .collect();
    let sources: HashSet<&str> = source_of.values().map(|(s, _)| *s).collect();
    let on_sources: HashSet<(String, String)> = diagnostics
        .sorted()
        .into_iter()
        .filter(|d| d.severity == Severity::Warning && sources.contains(d.file.as_str()))
        .map(|d| (d.file, d.message))
        .collect();
    diagnostics.retain(|d| {
        let Some((source, front_end)) = source_of.get(d.file.as_str()) else { return true };
        d.severity == Severity::Error
            || d.line > *front_end
            || !on_sources.contains(&((*source).to_owned(), d.message.clone()))
    });
}

/// Documents grouped by key, the source (no `source_version`, else the
/// first language) first.
pub fn translation_groups(docs: &[Arc<Document>], languages: &[String]) -> Vec<Vec<usize>> {
    let mut by_key: BTreeMap<(&str, bool), Vec<usize>> = BTreeMap::new();
    for (i, doc) in docs.iter().enumerate() {
        let section = matches!(doc.role, crate::load::Role::Section);
        by_key.entry((doc.key.as_str(), section)).or_default().push(i);
    }
    by_key
        .into_values()
        .filter(|g| g.len() > 1)
        .map(|mut g| {
            g.sort_by_key(|&i| {
                let doc = &docs[i];
                (
                    doc.front.source_version.is_some(),
                    languages.iter().position(|l| *l == doc.lang).unwrap_or(usize::MAX),
                )
            });
            g
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_value_is_cut_between_characters() {
        // `["` then 37 letters: byte 40 falls inside `É`.
        let value = serde_json::json!([format!("{}Éric", "a".repeat(37))]);
        assert_eq!(short(&value), format!("[\"{}…", "a".repeat(37)));
        assert_eq!(short(&serde_json::json!("Élodie")), "Élodie");
    }
}
