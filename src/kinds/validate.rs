//! Type checks of front matter against the field tables of [`super::schema`].
//!
//! Values are checked as parsed (JSON-like), and every problem is kept with
//! the path of the value (`procedure[3].actor`), so that all of a file's
//! problems are reported at once and each can be placed at its own line.

use std::fmt;

use serde_json::{Map, Value};

use super::schema::{Field, RefTo, Req, Ty};
use crate::diagnostics::{Severity, did_you_mean};
use crate::model::glossary::{EntryKind, Glossary};

/// One step of a path into front matter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    Key(String),
    Index(usize),
}

/// Where a value sits: `procedure[3].actor`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Path(pub Vec<Seg>);

impl Path {
    pub fn key(name: &str) -> Path {
        Path(vec![Seg::Key(name.to_owned())])
    }

    pub fn field(&self, name: &str) -> Path {
        let mut segs = self.0.clone();
        segs.push(Seg::Key(name.to_owned()));
        Path(segs)
    }

    pub fn index(&self, i: usize) -> Path {
        let mut segs = self.0.clone();
        segs.push(Seg::Index(i));
        Path(segs)
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, seg) in self.0.iter().enumerate() {
            match seg {
                Seg::Key(k) if i == 0 => write!(f, "{k}")?,
                Seg::Key(k) => write!(f, ".{k}")?,
                Seg::Index(n) => write!(f, "[{}]", n + 1)?,
            }
        }
        Ok(())
    }
}

/// A problem with a front matter value, placed by its path.
#[derive(Debug, Clone)]
pub struct Finding {
    pub path: Path,
    pub severity: Severity,
    pub message: String,
    pub hint: Option<String>,
}

/// Collects findings; shared by the type checks and the kinds' rules.
#[derive(Debug, Default)]
pub struct Findings(pub Vec<Finding>);

impl Findings {
    pub fn error(&mut self, path: Path, message: impl Into<String>, hint: impl Into<Option<String>>) {
        self.0.push(Finding { path, severity: Severity::Error, message: message.into(), hint: hint.into() });
    }

    pub fn warning(&mut self, path: Path, message: impl Into<String>, hint: impl Into<Option<String>>) {
        self.0.push(Finding { path, severity: Severity::Warning, message: message.into(), hint: hint.into() });
    }

    pub fn has_errors(&self) -> bool {
        self.0.iter().any(|f| f.severity == Severity::Error)
    }
}

/// `[a-z0-9][a-z0-9._-]*`
pub fn is_id(text: &str) -> bool {
    let mut chars = text.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'))
}

pub fn is_clock(text: &str) -> bool {
    let Some((h, m)) = text.split_once(':') else { return false };
    h.len() == 2 && m.len() == 2 && h.parse::<u8>().is_ok_and(|h| h < 24) && m.parse::<u8>().is_ok_and(|m| m < 60)
}

/// `YYYY-MM`
pub fn is_month(text: &str) -> bool {
    let Some((y, m)) = text.split_once('-') else { return false };
    y.len() == 4 && y.parse::<u16>().is_ok() && m.len() == 2 && m.parse::<u8>().is_ok_and(|m| (1..=12).contains(&m))
}

/// `YYYY-Qn`
pub fn is_quarter(text: &str) -> bool {
    let Some((y, q)) = text.split_once("-Q") else { return false };
    y.len() == 4 && y.parse::<u16>().is_ok() && matches!(q, "1" | "2" | "3" | "4")
}

fn is_date(text: &str) -> bool {
    crate::date::Date::parse(text).is_some() && text.len() == 10
}

/// How a type is named in messages: "a date (YYYY-MM-DD)".
pub fn describe(ty: &Ty) -> String {
    match ty {
        Ty::Text | Ty::Plain => "text".into(),
        Ty::Id => "an id (lower-case letters, digits, `.`, `_`, `-`), e.g. `step-4`".into(),
        Ty::Ref(RefTo::Institution) => "the glossary id of an institution, e.g. `minas`".into(),
        Ty::Ref(RefTo::Any) => "a glossary id, e.g. `minrex`".into(),
        Ty::RefOrText => "a glossary id or a name".into(),
        Ty::Date => "a date (YYYY-MM-DD)".into(),
        Ty::YearOrMonth => "a year (2027) or a month (\"2026-07\")".into(),
        Ty::When => "a month (\"2027-03\"), a quarter (\"2027-Q1\") or a date (2027-03-31)".into(),
        Ty::Clock => "a time of day, \"HH:MM\"".into(),
        Ty::Minutes => "a whole number of minutes".into(),
        Ty::Integer { min } if *min == i64::MIN => "a whole number".into(),
        Ty::Integer { min } => format!("a whole number of at least {min}"),
        Ty::Number { min: Some(a), max: Some(b) } => format!("a number from {a} to {b}"),
        Ty::Number { min: Some(a), max: None } => format!("a number of at least {a}"),
        Ty::Number { .. } => "a number".into(),
        Ty::Bool => "`true` or `false`".into(),
        Ty::Version => "a version such as \"1.0\"".into(),
        Ty::Link => "a link to a source file, e.g. `../sops/gender-sensitive-return.md`".into(),
        Ty::File => "the name of a file of the document's folder".into(),
        Ty::Choice(words) => format!("one of {}", words.join(", ")),
        Ty::List(_) => "a list (`[a, b]` or `- ` lines)".into(),
        Ty::Object(_) => "fields written as `name: value`".into(),
        Ty::Map(_) => "a mapping of ids to values".into(),
        Ty::Table(_) => "rows (a list) or the name of a CSV file of the document's folder".into(),
        Ty::Either(alternatives) => alternatives.iter().map(describe).collect::<Vec<_>>().join(", or "),
        Ty::Null => "`null`".into(),
    }
}

fn accepts_null(ty: &Ty) -> bool {
    match ty {
        Ty::Null => true,
        Ty::Either(alternatives) => alternatives.iter().any(accepts_null),
        _ => false,
    }
}

/// What a column missing in rows of a table is for; in a row, a list may
/// be written empty to say, on purpose, that there is nothing to list.
fn recommended_hint(field: &Field) -> String {
    match field.ty {
        Ty::List(_) => format!("{}: {} Write `{}: []` where there is none.", field.name, field.doc, field.name),
        _ => format!("{}: {}", field.name, field.doc),
    }
}

fn shown(value: &Value) -> String {
    match value {
        Value::String(s) => format!("`{s}`"),
        Value::Array(_) => "a list".into(),
        Value::Object(_) => "a mapping".into(),
        other => format!("`{other}`"),
    }
}

pub struct Validator<'a> {
    pub glossary: &'a Glossary,
    pub findings: Findings,
    /// Top-level fields written with a typo: reported as unknown with their
    /// right name, so not also as missing.
    pub misspelt: Vec<&'static str>,
}

impl<'a> Validator<'a> {
    pub fn new(glossary: &'a Glossary) -> Self {
        Validator { glossary, findings: Findings::default(), misspelt: Vec::new() }
    }

    /// Checks a mapping against its fields: unknown names, missing ones, and
    /// each value's type.
    pub fn fields(&mut self, map: &Map<String, Value>, fields: &[&Field], at: &Path) {
        for name in self.object(map, fields, at) {
            let field = fields.iter().find(|f| f.name == name).expect("a field of the table");
            let place = if at.0.is_empty() { String::new() } else { format!(" in {at}") };
            self.findings.warning(at.clone(), format!("missing `{name}`{place}"), format!("{name}: {}", field.doc));
        }
    }

    /// Rows of a table: a recommended column missing in several rows is
    /// reported once, at the first of them.
    fn rows(&mut self, rows: &[Value], fields: &[&Field], at: &Path) {
        let mut missing: Vec<(&'static str, usize, usize)> = Vec::new(); // name, first row, count
        for (i, row) in rows.iter().enumerate() {
            match row.as_object() {
                Some(map) => {
                    for name in self.object(map, fields, &at.index(i)) {
                        match missing.iter_mut().find(|(n, _, _)| *n == name) {
                            Some(entry) => entry.2 += 1,
                            None => missing.push((name, i, 1)),
                        }
                    }
                }
                None => self.mismatch(row, &Ty::Object(&[]), &at.index(i)),
            }
        }
        for (name, first, count) in missing {
            let field = fields.iter().find(|f| f.name == name).expect("a field of the table");
            let message = if count == 1 {
                format!("missing `{name}` in {}", at.index(first))
            } else {
                format!(
                    "missing `{name}` in {count} of the {} rows of `{at}`, the first at {}",
                    rows.len(),
                    at.index(first)
                )
            };
            self.findings.warning(at.index(first), message, recommended_hint(field));
        }
    }

    /// Checks an object; returns its missing recommended fields.
    fn object(&mut self, map: &Map<String, Value>, fields: &[&Field], at: &Path) -> Vec<&'static str> {
        let mut recommended = Vec::new();
        for (name, value) in map {
            match fields.iter().find(|f| f.name == name) {
                Some(field) => self.value(value, &field.ty, &at.field(name)),
                None => {
                    let hint = did_you_mean(name, fields.iter().map(|f| f.name)).unwrap_or_else(|| {
                        format!("known here: {}", fields.iter().map(|f| f.name).collect::<Vec<_>>().join(", "))
                    });
                    self.findings.error(at.field(name), format!("unknown field `{name}`"), hint);
                }
            }
        }
        for field in fields {
            let missing = match map.get(field.name) {
                None => true,
                Some(Value::Null) => !accepts_null(&field.ty),
                Some(_) => false,
            };
            if !missing || field.req == Req::Optional || (at.0.is_empty() && self.misspelt.contains(&field.name)) {
                continue;
            }
            if field.req == Req::Required {
                let place = if at.0.is_empty() { String::new() } else { format!(" in {at}") };
                let message = format!("missing `{}`{place}", field.name);
                self.findings.error(at.clone(), message, format!("{}: {}", field.name, field.doc));
            } else {
                recommended.push(field.name);
            }
        }
        recommended
    }

    fn mismatch(&mut self, value: &Value, ty: &Ty, at: &Path) {
        // `.nan` and `.inf` reach the checks as the text written.
        if let Some(written) = value.as_str().filter(|t| crate::yaml::is_non_finite_text(t)) {
            let hint = crate::yaml::NOT_A_NUMBER_HINT.to_owned();
            self.findings.error(at.clone(), format!("`{at}` is `{written}`, which is not a number"), hint);
            return;
        }
        self.findings.error(at.clone(), format!("`{at}` is {}, expected {}", shown(value), describe(ty)), None);
    }

    /// Whether `value` fits `ty`, without reporting (for alternatives).
    fn fits(&self, value: &Value, ty: &Ty) -> bool {
        let mut probe = Validator::new(self.glossary);
        probe.value(value, ty, &Path::default());
        !probe.findings.has_errors()
    }

    pub fn value(&mut self, value: &Value, ty: &Ty, at: &Path) {
        let text = value.as_str();
        match ty {
            Ty::Text | Ty::Plain => {
                if text.is_none_or(|t| t.trim().is_empty()) && !value.is_number() {
                    if text.is_some() {
                        self.findings.error(
                            at.clone(),
                            format!("`{at}` is empty"),
                            "write the text, or remove the field".to_owned(),
                        );
                    } else {
                        self.mismatch(value, ty, at);
                    }
                }
            }
            Ty::Id => {
                if !text.is_some_and(is_id) {
                    // An example made of the text, when something is left of it.
                    let hint = text.map(|t| match slug::slugify(t) {
                        example if example.is_empty() => {
                            "use lower-case letters, digits and hyphens, such as `step-1`".to_owned()
                        }
                        example => format!("e.g. `{example}`"),
                    });
                    self.findings.error(
                        at.clone(),
                        format!("`{at}` is {}, expected {}", shown(value), describe(ty)),
                        hint,
                    );
                }
            }
            Ty::Ref(to) => match text {
                Some(id) => self.glossary_ref(id, *to, at),
                None => self.mismatch(value, ty, at),
            },
            Ty::RefOrText => match text {
                Some(t) if is_id(t) && !self.glossary.is_empty() && !self.glossary.entries.contains_key(t) => {
                    let hint = did_you_mean(t, self.glossary.entries.keys().map(String::as_str)).unwrap_or_else(|| {
                        "add the body to content/_data/glossary.yaml, or write its full name".to_owned()
                    });
                    self.findings.warning(at.clone(), format!("`{t}` is not a glossary id"), hint);
                }
                Some(_) => {}
                None => self.mismatch(value, ty, at),
            },
            Ty::Date => {
                if !text.is_some_and(is_date) {
                    self.mismatch(value, ty, at);
                }
            }
            Ty::YearOrMonth => {
                let ok = value.as_u64().is_some_and(|y| (1900..=2999).contains(&y)) || text.is_some_and(is_month);
                if !ok {
                    self.mismatch(value, ty, at);
                }
            }
            Ty::When => {
                if !text.is_some_and(|t| is_month(t) || is_quarter(t) || is_date(t)) {
                    self.mismatch(value, ty, at);
                }
            }
            Ty::Clock => {
                if !text.is_some_and(is_clock) {
                    self.mismatch(value, ty, at);
                }
            }
            Ty::Minutes => {
                if value.as_u64().is_none_or(|m| m == 0) {
                    self.mismatch(value, ty, at);
                }
            }
            Ty::Integer { min } => {
                if value.as_i64().is_none_or(|n| n < *min) {
                    self.mismatch(value, ty, at);
                }
            }
            Ty::Number { min, max } => {
                let ok = value.as_f64().is_some_and(|x| min.is_none_or(|m| x >= m) && max.is_none_or(|m| x <= m));
                if !ok {
                    self.mismatch(value, ty, at);
                }
            }
            Ty::Bool => {
                if !value.is_boolean() {
                    self.mismatch(value, ty, at);
                }
            }
            Ty::Version => {
                if !(value.is_number() || text.is_some_and(|t| !t.trim().is_empty())) {
                    self.mismatch(value, ty, at);
                }
            }
            Ty::Link => {
                if text.is_none_or(|t| t.trim().is_empty()) {
                    self.mismatch(value, ty, at);
                }
            }
            Ty::File => {
                if !text.is_some_and(|t| !t.trim().is_empty() && !t.contains("..")) {
                    self.mismatch(value, ty, at);
                }
            }
            Ty::Choice(words) => match text {
                Some(t) if words.contains(&t) => {}
                Some(t) => {
                    let hint = did_you_mean(t, words.iter().copied())
                        .unwrap_or_else(|| format!("one of: {}", words.join(", ")));
                    self.findings.error(at.clone(), format!("`{at}` is `{t}`, which is not a known value"), hint);
                }
                None => self.mismatch(value, ty, at),
            },
            Ty::List(Ty::Object(fields)) => match value.as_array() {
                Some(rows) => self.rows(rows, &fields.iter().collect::<Vec<_>>(), at),
                None => self.mismatch(value, ty, at),
            },
            Ty::List(item) => match value.as_array() {
                Some(items) => {
                    for (i, v) in items.iter().enumerate() {
                        self.value(v, item, &at.index(i));
                    }
                }
                None => self.mismatch(value, ty, at),
            },
            Ty::Object(fields) => match value.as_object() {
                Some(map) => self.fields(map, &fields.iter().collect::<Vec<_>>(), at),
                None => self.mismatch(value, ty, at),
            },
            Ty::Map(item) => match value.as_object() {
                Some(map) => {
                    for (key, v) in map {
                        if !is_id(key) {
                            self.findings.error(at.field(key), format!("`{key}` is not an id"), None);
                        }
                        self.value(v, item, &at.field(key));
                    }
                }
                None => self.mismatch(value, ty, at),
            },
            Ty::Table(fields) => match value {
                Value::Array(rows) => self.rows(rows, &fields.iter().collect::<Vec<_>>(), at),
                // A CSV file name left here could not be read; that was reported.
                Value::String(_) => {}
                _ => self.mismatch(value, ty, at),
            },
            Ty::Either(alternatives) => {
                if !alternatives.iter().any(|alt| self.fits(value, alt)) {
                    // Report against the alternative of the same shape, if one.
                    let same_shape = alternatives.iter().find(|alt| {
                        matches!((alt, value), (Ty::Object(_), Value::Object(_)) | (Ty::List(_), Value::Array(_)))
                    });
                    match same_shape {
                        Some(alt) => self.value(value, alt, at),
                        None => self.mismatch(value, ty, at),
                    }
                }
            }
            Ty::Null => {
                if !value.is_null() {
                    self.mismatch(value, ty, at);
                }
            }
        }
    }

    fn glossary_ref(&mut self, id: &str, to: RefTo, at: &Path) {
        if self.glossary.is_empty() {
            return;
        }
        match self.glossary.entries.get(id) {
            None => {
                let hint = did_you_mean(id, self.glossary.entries.keys().map(String::as_str))
                    .unwrap_or_else(|| "add an entry to content/_data/glossary.yaml, or use one of its ids".to_owned());
                self.findings.error(at.clone(), format!("`{id}` is not in the glossary"), hint);
            }
            Some(entry) if to == RefTo::Institution && entry.kind != EntryKind::Institution => {
                self.findings.error(
                    at.clone(),
                    format!("`{id}` is not an institution (the glossary says `{}`)", entry_kind(entry.kind)),
                    "name an entry of `kind: institution` here".to_owned(),
                );
            }
            Some(_) => {}
        }
    }
}

fn entry_kind(kind: EntryKind) -> &'static str {
    match kind {
        EntryKind::Institution => "institution",
        EntryKind::Programme => "programme",
        EntryKind::Term => "term",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kinds::schema::all_fields;

    fn check(kind: &str, yaml: &str) -> Vec<String> {
        let value: Value = serde_yaml::from_str(yaml).unwrap();
        let glossary = Glossary::default();
        let mut v = Validator::new(&glossary);
        v.fields(value.as_object().unwrap(), &all_fields(kind), &Path::default());
        v.findings.0.iter().map(|f| format!("{:?} {}: {}", f.severity, f.path, f.message)).collect()
    }

    #[test]
    fn nested_problems_are_placed_by_path() {
        let found = check(
            "module",
            "title: T\ndelivery: in-person\nobjectives: [{id: o1, text: x}]\nkeypoints: [k]\n\
             agenda:\n  - {id: a, title: A, minutes: 0, method: talk}\n",
        );
        assert!(
            found.contains(
                &"Error agenda[1].minutes: `agenda[1].minutes` is `0`, expected a whole number of minutes".to_owned()
            ),
            "{found:?}"
        );
        assert!(
            found.iter().any(|f| f.starts_with("Error agenda[1].method: `agenda[1].method` is `talk`")),
            "{found:?}"
        );
        assert!(found.iter().any(|f| f == "Warning : missing `start_time`"), "{found:?}");
    }

    #[test]
    fn unknown_fields_are_errors_with_their_path() {
        let found = check(
            "brief",
            "title: T\nsubtype: policy-brief\nkey_messages: [a]\nreferences: r.json\nrecomendations: []\n",
        );
        assert_eq!(found, vec!["Error recomendations: unknown field `recomendations`"]);
    }

    #[test]
    fn alternatives_accept_either_shape() {
        assert!(
            check("brief", "title: T\nsubtype: policy-brief\nkey_messages: [a]\nreferences: refs.json\n").is_empty()
        );
        let found = check("brief", "title: T\nsubtype: policy-brief\nkey_messages: [a]\nreferences: [{id: r1}]\n");
        assert_eq!(found, vec!["Error references[1]: missing `text` in references[1]"]);
    }

    #[test]
    fn formats() {
        assert!(is_id("1.2.3") && is_id("step-4") && !is_id("Step 4") && !is_id(""));
        assert!(is_clock("09:30") && !is_clock("9:30") && !is_clock("24:00"));
        assert!(is_month("2027-03") && !is_month("2027-13"));
        assert!(is_quarter("2027-Q4") && !is_quarter("2027-Q5"));
    }
}
