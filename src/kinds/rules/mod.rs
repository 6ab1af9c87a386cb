//! The rules of each kind beyond types (DOCUMENT-KINDS.md sections 1-8):
//! ids unique and references resolved within the document, sums computed,
//! status and version consistent, the section skeleton present. Each kind's
//! file also computes what its pages show (clock times, totals, scores).

pub(crate) mod skeleton;

use std::collections::BTreeSet;

use serde_json::{Map, Value};

use super::validate::{Findings, Path};
use super::{Context, KindData};
use crate::date::Date;
use crate::diagnostics::{Diagnostic, did_you_mean};
pub use crate::kinds::checklist::rules::{scale_of, scores as checklist_scores};
pub use crate::kinds::module::rules::quiz_coverage;
use crate::model::Status;

pub(crate) fn check(
    kind: crate::model::Kind,
    cx: &Context<'_>,
    data: &mut KindData,
    misspelt: &[&str],
    findings: &mut Findings,
    body_problems: &mut Vec<Diagnostic>,
) {
    let mut computed = Map::new();
    let mut r = Rules { cx, fields: &data.fields, misspelt, computed: &mut computed, f: findings, body: body_problems };
    r.common();
    let spec = super::spec::spec(kind);
    spec.check(&mut r);
    r.skeleton(spec.skeleton(r.subtype()));
    data.computed = computed;
}

pub struct Rules<'a, 'b> {
    pub cx: &'a Context<'b>,
    pub fields: &'a Map<String, Value>,
    /// Fields written with a typo (reported as unknown): not also missing.
    pub misspelt: &'a [&'a str],
    pub computed: &'a mut Map<String, Value>,
    pub f: &'a mut Findings,
    pub body: &'a mut Vec<Diagnostic>,
}

/// A row of a list of objects, with its path.
pub(crate) type Row<'a> = (Path, &'a Map<String, Value>);

impl<'a> Rules<'a, '_> {
    pub fn has(&self, name: &str) -> bool {
        self.fields.get(name).is_some_and(|v| !v.is_null())
    }

    pub fn text(&self, name: &str) -> Option<&'a str> {
        self.fields.get(name).and_then(Value::as_str)
    }

    pub fn subtype(&self) -> Option<&'a str> {
        self.text("subtype")
    }

    pub fn status(&self) -> Option<Status> {
        self.cx.front.status
    }

    /// From `validated` on (validated, adopted, archived).
    pub fn at_least_validated(&self) -> bool {
        matches!(self.status(), Some(Status::Validated | Status::Adopted | Status::Archived))
    }

    /// The rows of a list of objects; other values give no rows (their type
    /// error has been reported).
    pub fn rows(&self, name: &str) -> Vec<Row<'a>> {
        rows_of(self.fields.get(name), &Path::key(name))
    }

    /// Reports a missing field that this document's status or subtype requires.
    pub fn require(&mut self, name: &str, error: bool, why: &str) {
        if self.has(name) || self.misspelt.contains(&name) {
            return;
        }
        let message = format!("missing `{name}`: {why}");
        let hint = super::schema::all_fields(self.cx.front.kind.as_str())
            .into_iter()
            .find(|f| f.name == name)
            .map(|f| format!("{name}: {}", f.doc));
        if error {
            self.f.error(Path::default(), message, hint);
        } else {
            self.f.warning(Path::default(), message, hint);
        }
    }

    /// Checks that the `id`s of `rows` are unique; returns them in order.
    pub fn unique_ids(&mut self, rows: &[Row<'_>], what: &str) -> Vec<String> {
        let mut seen = BTreeSet::new();
        let mut ids = Vec::new();
        for (path, row) in rows {
            let Some(id) = row.get("id").and_then(Value::as_str) else { continue };
            if !seen.insert(id.to_owned()) {
                self.f.error(
                    path.field("id"),
                    format!("the {what} id `{id}` is used twice"),
                    "ids must be unique in their list; give this one another id".to_owned(),
                );
            }
            ids.push(id.to_owned());
        }
        ids
    }

    /// Reports a reference to an id that `known` does not have.
    pub fn known_ref(&mut self, at: Path, id: &str, known: &[String], what: &str, field: &str) {
        if known.iter().any(|k| k == id) {
            return;
        }
        let hint = did_you_mean(id, known.iter().map(String::as_str)).unwrap_or_else(|| {
            if known.is_empty() {
                format!("no {what} is defined: add it to `{field}`")
            } else {
                format!("known {what} ids: {}", known.join(", "))
            }
        });
        self.f.error(at, format!("`{id}` is not {} {what} of `{field}`", article(what)), hint);
    }

    /// The status and version rules of section 1.2, shared by every kind.
    fn common(&mut self) {
        let front = self.cx.front;
        if let (Some(status), Some(version)) = (front.status, front.version.as_deref())
            && self.cx.checks.version_numbering
            && let Some(number) = Version::parse(version)
        {
            let one = Version(vec![1, 0]);
            let problem = match status {
                Status::Validated | Status::Adopted if number < one => Some(format!(
                    "{} `{}` document has version {version}: versions below 1.0 are drafts",
                    capitalised(article(status.as_str())),
                    status.as_str()
                )),
                Status::Draft | Status::Review if number >= one => Some(format!(
                    "{} `{}` document has version {version}: 1.0 is the version of the validated text",
                    capitalised(article(status.as_str())),
                    status.as_str()
                )),
                _ => None,
            };
            if let Some(message) = problem {
                self.f.error(
                    Path::key("version"),
                    message,
                    "use 0.x while draft or review, 1.0 at validation, 1.1 ... for later revisions".to_owned(),
                );
            }
        }
        let version = front.version.as_deref().and_then(Version::parse);
        if !self.has("changes") && version.as_ref().is_some_and(|v| *v > Version(vec![0, 1])) {
            self.f.warning(
                Path::key("version"),
                "no `changes` since the previous version".to_owned(),
                "list what changed for reviewers: `changes: [{ section: <heading id>, summary: \"...\" }]`".to_owned(),
            );
        }
        for (path, row) in self.rows("changes") {
            if let Some(section) = row.get("section").and_then(Value::as_str)
                && !self.cx.body.has_id(section)
            {
                let ids = self.cx.body.headings.iter().filter(|h| h.explicit).map(|h| h.id.as_str());
                let hint = did_you_mean(section, ids).unwrap_or_else(|| "name the `{#id}` of a heading".to_owned());
                self.f.error(path.field("section"), format!("no section `{section}` in this document"), hint);
            }
        }
    }

    /// Required and recommended sections of the kind (heading ids).
    fn skeleton(&mut self, sections: Option<&'static [skeleton::Section]>) {
        let Some(sections) = sections else { return };
        let lang = self.cx.lang;
        for section in sections {
            let required = section.required(self);
            let Some(required) = required else { continue };
            if self.cx.body.has_id(section.id) {
                continue;
            }
            let title = if crate::format::is_french(lang) { section.fr } else { section.en };
            let message = format!("no section `{}` ({title})", section.id);
            let hint = format!("add a heading `## {title} {{#{}}}`", section.id);
            let line = self.cx.body.headings.first().map_or(1, |h| h.line);
            self.body.push(if required {
                Diagnostic::error(self.cx.display, line, 1, message).with_hint(hint)
            } else {
                Diagnostic::warning(self.cx.display, line, 1, message).with_hint(hint)
            });
        }
    }
}

/// "a" or "an" before `word`.
pub(crate) fn article(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'u']) { "an" } else { "a" }
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map(|c| c.to_uppercase().collect::<String>() + chars.as_str()).unwrap_or_default()
}

/// The rows of a list of objects at `path`.
pub(crate) fn rows_of<'a>(value: Option<&'a Value>, path: &Path) -> Vec<Row<'a>> {
    match value {
        Some(Value::Array(items)) => {
            items.iter().enumerate().filter_map(|(i, v)| v.as_object().map(|m| (path.index(i), m))).collect()
        }
        _ => Vec::new(),
    }
}

pub(crate) fn str_of<'a>(row: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
    row.get(key).and_then(Value::as_str)
}

pub(crate) fn strs_of<'a>(row: &'a Map<String, Value>, key: &str) -> Vec<&'a str> {
    row.get(key).and_then(Value::as_array).map(|a| a.iter().filter_map(Value::as_str).collect()).unwrap_or_default()
}

/// A version number compared part by part: 0.10 > 0.9.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Version(pub Vec<u32>);

impl Version {
    pub fn parse(text: &str) -> Option<Version> {
        text.trim().split('.').map(|p| p.parse().ok()).collect::<Option<Vec<u32>>>().map(Version)
    }

    /// A version as written in YAML: text, or a bare number.
    pub fn of(value: &Value) -> Option<Version> {
        match value {
            Value::String(s) => Version::parse(s),
            Value::Number(n) => Version::parse(&n.to_string()),
            _ => None,
        }
    }
}

/// A month as a number (year * 12 + month - 1), for periods and timelines.
pub type MonthIndex = i64;

/// The first and last month of a year, a month, a quarter or a date.
pub fn month_span(value: &Value) -> Option<(MonthIndex, MonthIndex)> {
    if let Some(year) = value.as_i64() {
        return Some((year * 12, year * 12 + 11));
    }
    let text = value.as_str()?;
    let year: i64 = text.get(..4)?.parse().ok()?;
    let rest = text.get(4..)?;
    if let Some(q) = rest.strip_prefix("-Q") {
        let q: i64 = q.parse().ok().filter(|q| (1..=4).contains(q))?;
        return Some((year * 12 + (q - 1) * 3, year * 12 + q * 3 - 1));
    }
    let month: i64 = rest.get(1..3)?.parse().ok().filter(|m| (1..=12).contains(m))?;
    Some((year * 12 + month - 1, year * 12 + month - 1))
}

pub fn date_of(value: Option<&Value>) -> Option<Date> {
    value.and_then(Value::as_str).and_then(Date::parse)
}

/// Days between two dates (b - a).
pub fn days_between(a: Date, b: Date) -> i64 {
    b.days_since_epoch() - a.days_since_epoch()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_compare_by_parts() {
        assert!(Version::parse("0.10").unwrap() > Version::parse("0.9").unwrap());
        assert!(Version::parse("1.0").unwrap() >= Version(vec![1, 0]));
        assert!(Version::parse("draft").is_none());
    }

    #[test]
    fn spans_of_periods() {
        assert_eq!(month_span(&Value::from(2027)), Some((2027 * 12, 2027 * 12 + 11)));
        assert_eq!(month_span(&Value::from("2027-Q2")), Some((2027 * 12 + 3, 2027 * 12 + 5)));
        assert_eq!(month_span(&Value::from("2026-07")), Some((2026 * 12 + 6, 2026 * 12 + 6)));
        assert_eq!(month_span(&Value::from("2026-07-31")), Some((2026 * 12 + 6, 2026 * 12 + 6)));
        assert_eq!(month_span(&Value::from("2027-Q5")), None);
        assert_eq!(month_span(&Value::from("2027-13")), None);
    }

    #[test]
    fn days_between_dates() {
        let d = |s| Date::parse(s).unwrap();
        assert_eq!(days_between(d("2026-01-01"), d("2026-12-31")), 364);
        assert_eq!(days_between(d("1970-01-01"), d("2024-02-29")), 19_782);
    }
}
