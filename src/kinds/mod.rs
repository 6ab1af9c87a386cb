//! Document kinds (DOCUMENT-KINDS.md): each kind's fields, their types, the
//! rules that tie them together, and the values computed from them.
//!
//! The parse stage calls [`check`] for every document: the kind's fields
//! are read (CSV tables included), type-checked against [`schema`], checked
//! by the kind's rules (ids, references, sums, statuses, section skeleton)
//! and kept, with the computed values (clock times, totals, scores), as
//! [`KindData`]. Checks that need another document (translations' parity,
//! links written in fields, an assessment's template) run in the resolve
//! stage (`resolve::cross`).

pub mod json_schema;
pub mod photos;
pub mod print;
mod references;
mod rules;
pub use rules::{Version, checklist_scores, month_span, quiz_coverage, scale_of};
mod brief;
mod checklist;
mod module;
mod report;
pub mod schema;
mod sop;
pub mod spec;
mod strategy;
pub mod tables;
pub(crate) mod typed;
pub mod validate;
pub mod view;

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::date::Date;
use crate::diagnostics::{Diagnostic, Severity};
use crate::model::{Body, FrontMatter, Glossary, LinkRef};
use crate::yaml::{self, Step};
use schema::Ty;
use tables::CsvSource;
use validate::{Finding, Path, Seg, Validator};

/// A document's kind-specific fields, checked, and what was computed from them.
#[derive(Debug, Clone, Default)]
pub struct KindData {
    /// The kind's fields as written, with CSV tables read into rows of the
    /// document's language.
    pub fields: Map<String, Value>,
    /// Derived values, never typed by authors: clock times, totals, shares, scores.
    pub computed: Map<String, Value>,
    /// Tables read from CSV files, by field name.
    pub csv: BTreeMap<String, CsvSource>,
    /// Links written in fields (`related`, `refs` …), checked like body links.
    pub links: Vec<LinkRef>,
    /// Where each of `links` is in the fields.
    pub link_paths: Vec<Path>,
    /// The front matter text, to place problems found later.
    pub front_text: String,
    /// What the body's `[@id]` citations may point to, in the order they are numbered.
    pub references: Vec<Reference>,
}

/// One entry of a document's `references` (inline, or from a CSL-JSON file).
#[derive(Debug, Clone, PartialEq)]
pub struct Reference {
    pub id: String,
    /// As printed in the list.
    pub text: String,
    pub url: Option<String>,
}

impl KindData {
    /// File, line and column of the value at `path`.
    pub fn place(&self, display: &str, lang: &str, path: &Path) -> (String, usize, usize) {
        if let [Seg::Key(field), Seg::Index(row), rest @ ..] = path.0.as_slice()
            && let Some(source) = self.csv.get(field)
        {
            let column = match rest.first() {
                Some(Seg::Key(name)) => Some(name.as_str()),
                _ => None,
            };
            let (line, col) = source.position(*row, column, lang);
            return (source.display.clone(), line, col);
        }
        let steps: Vec<Step<'_>> = path
            .0
            .iter()
            .map(|seg| match seg {
                Seg::Key(k) => Step::Key(k),
                Seg::Index(i) => Step::Index(*i),
            })
            .collect();
        let (line, col) = yaml::locate(&self.front_text, &steps);
        (display.to_owned(), line + 1, col)
    }

    pub fn diagnostic(&self, display: &str, lang: &str, finding: Finding) -> Diagnostic {
        let (file, line, column) = self.place(display, lang, &finding.path);
        let diagnostic = match finding.severity {
            Severity::Error => Diagnostic::error(file, line, column, finding.message),
            Severity::Warning => Diagnostic::warning(file, line, column, finding.message),
        };
        diagnostic.with_optional_hint(finding.hint)
    }
}

/// What the kind checks of one document need to know.
pub struct Context<'a> {
    pub display: &'a str,
    pub lang: &'a str,
    /// The document's folder when it is a bundle (`index.<lang>.md`).
    pub bundle_dir: Option<&'a std::path::Path>,
    pub front_text: &'a str,
    pub front: &'a FrontMatter,
    pub body: &'a Body,
    pub glossary: &'a Glossary,
    pub today: Date,
    pub checks: &'a crate::config::Checks,
}

/// The citations of a document whose kind has no fields of its own: each
/// cites no reference, since only kinds with `references` have any.
pub fn citations_only(cx: &Context<'_>, problems: &mut Vec<Diagnostic>) -> KindData {
    let mut data = KindData::default();
    references::check(cx, &mut data, problems);
    data
}

/// Checks the kind-specific fields of a document (`raw` is its whole front
/// matter) and computes what its pages show.
pub fn check(cx: &Context<'_>, raw: &Map<String, Value>, problems: &mut Vec<Diagnostic>) -> KindData {
    let kind = cx.front.kind.as_str();
    let fields: Vec<&schema::Field> =
        schema::all_fields(kind).into_iter().filter(|f| !schema::COMMON.iter().any(|c| c.name == f.name)).collect();
    let mut data = KindData { front_text: cx.front_text.to_owned(), ..KindData::default() };
    for field in &fields {
        let Some(value) = raw.get(field.name) else { continue };
        let mut value = value.clone();
        if let (Ty::Table(columns), Value::String(name)) = (&field.ty, &value) {
            match read_table(cx, field.name, name, columns, &data) {
                Ok((rows, source)) => {
                    data.csv.insert(field.name.to_owned(), source);
                    value = Value::Array(rows);
                }
                Err(found) => problems.extend(found),
            }
        }
        data.fields.insert(field.name.to_owned(), value);
    }
    // A misspelt field is reported as unknown, with the right name (parse
    // stage): not also as missing, by the types or by the kind's rules.
    let known = schema::all_fields(kind);
    let misspelt: Vec<&'static str> = raw
        .keys()
        .filter(|k| !known.iter().any(|f| f.name == k.as_str()))
        .filter_map(|k| crate::diagnostics::nearest(k, fields.iter().map(|f| f.name)))
        .collect();
    let mut validator = Validator::new(cx.glossary);
    validator.misspelt = misspelt.clone();
    validator.fields(&data.fields, &fields, &Path::default());
    let mut findings = validator.findings;
    let mut body_problems = Vec::new();
    rules::check(cx.front.kind, cx, &mut data, &misspelt, &mut findings, &mut body_problems);
    comment_matrix(cx, &mut data, problems);
    references::check(cx, &mut data, problems);
    collect_links(&fields, &mut data);
    for finding in findings.0 {
        problems.push(data.diagnostic(cx.display, cx.lang, finding));
    }
    problems.extend(body_problems);
    data
}

fn read_table(
    cx: &Context<'_>,
    field: &str,
    name: &str,
    columns: &[schema::Field],
    data: &KindData,
) -> Result<(Vec<Value>, CsvSource), Vec<Diagnostic>> {
    let (file, line, col) = data.place(cx.display, cx.lang, &Path::key(field));
    let (path, display) =
        tables::locate(cx.bundle_dir, cx.display, (name, "csv"), &format!("{field}: {name}"), (&file, line, col))
            .map_err(|d| vec![d])?;
    tables::read(&path, &display, columns, cx.lang)
}

/// The comment-resolution matrix of a review, `comments.csv` beside the
/// document: every comment decided, every rejection answered.
fn comment_matrix(cx: &Context<'_>, data: &mut KindData, problems: &mut Vec<Diagnostic>) {
    // Only when the folder has one (checked first: most have none).
    const NAME: &str = "comments.csv";
    if !cx.bundle_dir.is_some_and(|dir| dir.join(NAME).is_file()) {
        return;
    }
    let Ok((path, display)) = tables::locate(cx.bundle_dir, cx.display, (NAME, "csv"), NAME, (cx.display, 1, 1)) else {
        return;
    };
    let (rows, source) = match tables::read(&path, &display, schema::COMMENT_ROW, cx.lang) {
        Ok(read) => read,
        Err(found) => {
            problems.extend(found);
            return;
        }
    };
    let mut validator = Validator::new(cx.glossary);
    validator.value(&Value::Array(rows.clone()), &Ty::Table(schema::COMMENT_ROW), &Path::key("comments"));
    let mut findings = validator.findings;
    for (i, row) in rows.iter().enumerate() {
        let at = Path::key("comments").index(i);
        let id = row.get("id").and_then(Value::as_str).unwrap_or("?");
        if row.get("decision").and_then(Value::as_str) == Some("rejected") && row.get("response").is_none() {
            findings.error(
                at.field("response"),
                format!("the comment `{id}` is rejected without a response"),
                "say why, in `response`: the commenter reads it".to_owned(),
            );
        }
        if let Some(section) = row.get("section").and_then(Value::as_str)
            && !cx.body.has_id(section)
        {
            findings.warning(
                at.field("section"),
                format!("the comment `{id}` is on a section `{section}` this document does not have"),
                None,
            );
        }
    }
    data.csv.insert("comments".to_owned(), source);
    // Placed without a language, so that both languages report a problem at the same cell, once.
    for finding in findings.0 {
        problems.push(data.diagnostic(cx.display, "", finding));
    }
    data.computed.insert("comments".to_owned(), Value::Array(rows));
}

/// Gathers the values of type [`Ty::Link`] with their positions.
fn collect_links(fields: &[&schema::Field], data: &mut KindData) {
    fn walk(value: &Value, ty: &Ty, path: Path, out: &mut Vec<Path>) {
        match (ty, value) {
            (Ty::Link, Value::String(_)) => out.push(path),
            (Ty::List(item), Value::Array(items)) => {
                for (i, v) in items.iter().enumerate() {
                    walk(v, item, path.index(i), out);
                }
            }
            (Ty::Table(columns) | Ty::Object(columns), _) => {
                let rows: Vec<(Path, &Value)> = match value {
                    Value::Array(rows) => rows.iter().enumerate().map(|(i, r)| (path.index(i), r)).collect(),
                    other => vec![(path.clone(), other)],
                };
                for (at, row) in rows {
                    for column in columns.iter() {
                        if let Some(v) = row.get(column.name) {
                            walk(v, &column.ty, at.field(column.name), out);
                        }
                    }
                }
            }
            (Ty::Map(item), Value::Object(map)) => {
                for (k, v) in map {
                    walk(v, item, path.field(k), out);
                }
            }
            (Ty::Either(alternatives), _) => {
                for alt in alternatives.iter() {
                    walk(value, alt, path.clone(), out);
                }
            }
            _ => {}
        }
    }
    let mut paths = Vec::new();
    for field in fields {
        if let Some(value) = data.fields.get(field.name) {
            walk(value, &field.ty, Path::key(field.name), &mut paths);
        }
    }
    for path in paths {
        let value = lookup(&data.fields, &path).and_then(Value::as_str).unwrap_or_default().to_owned();
        let (_, line, column) = data.place("", "", &path);
        if !data.csv.contains_key(match &path.0[0] {
            Seg::Key(k) => k.as_str(),
            Seg::Index(_) => "",
        }) {
            data.links.push(LinkRef { dest: value, line, column, image_title: None });
            data.link_paths.push(path);
        }
    }
}

/// The sections after whose heading a kind's page shows a block made from
/// its fields (the agenda under "Proceedings", the action plan under
/// "Implementation" …); blocks whose section is missing go after the body.
pub fn shows_block_after(kind: crate::model::Kind, heading_id: &str) -> bool {
    spec::spec(kind).shows_block_after(heading_id)
}

/// The value at `path` in `fields`.
pub fn lookup<'a>(fields: &'a Map<String, Value>, path: &Path) -> Option<&'a Value> {
    let mut segs = path.0.iter();
    let mut value = match segs.next()? {
        Seg::Key(k) => fields.get(k)?,
        Seg::Index(_) => return None,
    };
    for seg in segs {
        value = match seg {
            Seg::Key(k) => value.get(k)?,
            Seg::Index(i) => value.get(*i)?,
        };
    }
    Some(value)
}
