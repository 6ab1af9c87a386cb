//! A document's `references` and the body's `[@id]` citations of them
//! (DOCUMENT-KINDS 5.4: a reference never cited, a citation to no
//! reference). References are written inline (`[{ id, text, url }]`) or
//! kept in a CSL-JSON file of the bundle, as reference managers (Zotero,
//! Mendeley) export them.

use serde_json::Value;

use super::validate::Path;
use super::{Context, KindData, Reference, tables};
use crate::diagnostics::{Diagnostic, did_you_mean};

pub fn check(cx: &Context<'_>, data: &mut KindData, problems: &mut Vec<Diagnostic>) {
    let references = match data.fields.get("references") {
        Some(Value::Array(rows)) => rows.iter().filter_map(inline).collect(),
        Some(Value::String(name)) => csl_file(cx, data, name, problems),
        _ => Vec::new(),
    };
    let ids: Vec<&str> = references.iter().map(|r| r.id.as_str()).collect();
    let takes_references = super::schema::all_fields(cx.front.kind.as_str()).iter().any(|f| f.name == "references");
    // In order of first citation, as numbered citations are.
    let mut cited: Vec<&str> = Vec::new();
    for (cites, line, column) in cx.body.citations() {
        for id in cites {
            if ids.contains(&id.as_str()) {
                if !cited.contains(&id.as_str()) {
                    cited.push(id.as_str());
                }
                continue;
            }
            let hint = match did_you_mean(id, ids.iter().copied()) {
                Some(near) => near,
                None if !ids.is_empty() => format!("the references are: {}", ids.join(", ")),
                None if takes_references => {
                    "add `references: [{ id: …, text: \"…\" }]` to the front matter, or a CSL-JSON file".to_owned()
                }
                None => format!(
                    "a `{}` has no `references` list (briefs have one): name the source in the text, or in a footnote `[^1]`",
                    cx.front.kind.as_str()
                ),
            };
            problems.push(
                Diagnostic::warning(cx.display, line, column, format!("`[@{id}]` cites no reference")).with_hint(hint),
            );
        }
    }
    for (index, reference) in references.iter().enumerate() {
        if cited.contains(&reference.id.as_str()) {
            continue;
        }
        let path = match data.fields.get("references") {
            Some(Value::Array(_)) => Path::key("references").index(index).field("id"),
            _ => Path::key("references"),
        };
        let (file, line, column) = data.place(cx.display, cx.lang, &path);
        problems.push(
            Diagnostic::warning(file, line, column, format!("the reference `{}` is never cited", reference.id))
                .with_hint(format!("cite it where the text relies on it, `[@{}]`, or remove it", reference.id)),
        );
    }
    let order: Vec<String> = cited.into_iter().map(str::to_owned).collect();
    let mut references = references;
    // Cited ones first, numbered as they come in the text; then the rest as written.
    references.sort_by_key(|r| order.iter().position(|id| *id == r.id).unwrap_or(usize::MAX));
    data.references = references;
}

/// A row written in the front matter (its type was checked by the schema).
fn inline(row: &Value) -> Option<Reference> {
    Some(Reference {
        id: row.get("id")?.as_str()?.to_owned(),
        text: row.get("text")?.as_str()?.to_owned(),
        url: row.get("url").and_then(Value::as_str).map(str::to_owned),
    })
}

fn csl_file(cx: &Context<'_>, data: &KindData, name: &str, problems: &mut Vec<Diagnostic>) -> Vec<Reference> {
    let (file, line, column) = data.place(cx.display, cx.lang, &Path::key("references"));
    let located = tables::locate(
        cx.bundle_dir,
        cx.display,
        (name, "json"),
        &format!("references: {name}"),
        (&file, line, column),
    );
    let (path, display) = match located {
        Ok(found) => found,
        Err(problem) => {
            problems.push(problem);
            return Vec::new();
        }
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(err) => {
            problems.push(Diagnostic::error(display, 0, 0, format!("cannot read the references: {err}")));
            return Vec::new();
        }
    };
    let items: Vec<Value> = match serde_json::from_str(text.trim_start_matches('\u{feff}')) {
        Ok(Value::Array(items)) => items,
        Ok(_) => {
            problems.push(
                Diagnostic::error(display, 1, 1, "a CSL-JSON file holds a list of references: `[ { \"id\": … }, … ]`")
                    .with_hint("export the references as CSL JSON from the reference manager"),
            );
            return Vec::new();
        }
        Err(err) => {
            problems.push(
                Diagnostic::error(display, err.line(), err.column(), format!("not valid JSON: {err}"))
                    .with_hint("export the references as CSL JSON from the reference manager"),
            );
            return Vec::new();
        }
    };
    let mut references = Vec::new();
    for (index, item) in items.iter().enumerate() {
        let id = match item.get("id") {
            Some(Value::String(id)) => id.clone(),
            Some(Value::Number(id)) => id.to_string(),
            _ => {
                problems.push(Diagnostic::error(
                    display.clone(),
                    0,
                    0,
                    format!("reference {} of the file has no `id`, so it cannot be cited", index + 1),
                ));
                continue;
            }
        };
        let url = item
            .get("URL")
            .and_then(Value::as_str)
            .map(str::to_owned)
            .or_else(|| item.get("DOI").and_then(Value::as_str).map(|doi| format!("https://doi.org/{doi}")));
        references.push(Reference { id, text: csl_text(item), url });
    }
    references
}

/// A CSL-JSON item as one line: authors, title, container, publisher, year.
fn csl_text(item: &Value) -> String {
    let field = |name: &str| item.get(name).and_then(Value::as_str).map(str::trim).filter(|t| !t.is_empty());
    let authors: Vec<String> = item
        .get("author")
        .and_then(Value::as_array)
        .map(|list| {
            list.iter()
                .filter_map(|a| {
                    let literal = a.get("literal").and_then(Value::as_str).map(str::to_owned);
                    let family = a.get("family").and_then(Value::as_str);
                    let given = a.get("given").and_then(Value::as_str);
                    literal.or_else(|| match (family, given) {
                        (Some(f), Some(g)) => Some(format!("{f} {g}")),
                        (Some(f), None) => Some(f.to_owned()),
                        _ => None,
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    let year = item
        .pointer("/issued/date-parts/0/0")
        .and_then(|y| y.as_i64().map(|y| y.to_string()).or_else(|| y.as_str().map(str::to_owned)))
        .or_else(|| item.pointer("/issued/literal").and_then(Value::as_str).map(str::to_owned));
    let authors = (!authors.is_empty()).then(|| authors.join(", "));
    let parts: Vec<String> = [
        authors,
        field("title").map(str::to_owned),
        field("container-title").map(str::to_owned),
        field("publisher").map(str::to_owned),
        year,
    ]
    .into_iter()
    .flatten()
    .collect();
    let mut text = parts.join(", ");
    if !text.ends_with('.') {
        text.push('.');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_csl_item_reads_as_one_line() {
        let item = serde_json::json!({
            "id": "handbook", "type": "book", "title": "Reintegration Handbook",
            "author": [{ "literal": "IOM" }], "publisher": "IOM", "issued": { "date-parts": [[2019]] }
        });
        assert_eq!(csl_text(&item), "IOM, Reintegration Handbook, IOM, 2019.");
        let item = serde_json::json!({
            "id": 7, "title": "Remittances and return.", "author": [{ "family": "Author", "given": "A." }, { "family": "Writer" }]
        });
        assert_eq!(csl_text(&item), "Author A., Writer, Remittances and return.");
    }
}
