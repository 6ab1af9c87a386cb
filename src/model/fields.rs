//! The typed common front matter of every document, and its value types.
//! The table of fields (names, types, descriptions) is `kinds::schema`.

use crate::date::Date;

use serde::{Deserialize, Deserializer, Serialize};

pub const KINDS: &[&str] = &["sop", "brief", "module", "strategy", "checklist", "report", "page"];
pub const STATUSES: &[&str] = &["draft", "review", "validated", "adopted", "archived"];

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Sop,
    Brief,
    Module,
    Strategy,
    Checklist,
    Report,
    #[default]
    Page,
}

impl Kind {
    /// The kind named `name` in front matter (`sop`, `module` …).
    pub fn parse(name: &str) -> Option<Kind> {
        [Kind::Sop, Kind::Brief, Kind::Module, Kind::Strategy, Kind::Checklist, Kind::Report, Kind::Page]
            .into_iter()
            .find(|k| k.as_str() == name)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Sop => "sop",
            Kind::Brief => "brief",
            Kind::Module => "module",
            Kind::Strategy => "strategy",
            Kind::Checklist => "checklist",
            Kind::Report => "report",
            Kind::Page => "page",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Draft,
    Review,
    Validated,
    Adopted,
    Archived,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Review => "review",
            Status::Validated => "validated",
            Status::Adopted => "adopted",
            Status::Archived => "archived",
        }
    }

    /// Drafts are published, but marked as such on screen and on paper.
    pub fn is_draft(self) -> bool {
        matches!(self, Status::Draft | Status::Review)
    }
}

/// Versions are text ("0.10" is not "0.1"), but authors often write a bare
/// number; accept it as written by YAML's float form.
fn version_text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        Text(String),
        Integer(i64),
        Float(f64),
    }
    Ok(Option::<Raw>::deserialize(deserializer)?.map(|raw| match raw {
        Raw::Text(text) => text,
        Raw::Integer(n) => n.to_string(),
        Raw::Float(x) => format!("{x:?}"),
    }))
}

/// The typed common front matter. Field names match `kinds::schema::COMMON`.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct FrontMatter {
    pub title: Option<String>,
    #[serde(default)]
    pub kind: Kind,
    pub summary: Option<String>,
    pub status: Option<Status>,
    #[serde(default, deserialize_with = "version_text")]
    pub version: Option<String>,
    pub date: Option<Date>,
    pub updated: Option<Date>,
    pub owner: Option<String>,
    #[serde(default)]
    pub authors: Vec<String>,
    #[serde(default)]
    pub audience: Vec<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    pub weight: Option<i64>,
    pub slug: Option<String>,
    #[serde(default, deserialize_with = "version_text")]
    pub source_version: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_and_the_struct_name_the_same_fields() {
        let value = serde_json::to_value(FrontMatter::default()).unwrap();
        let mut from_struct: Vec<&str> = value.as_object().unwrap().keys().map(String::as_str).collect();
        let mut from_table: Vec<&str> = crate::kinds::schema::COMMON.iter().map(|f| f.name).collect();
        from_struct.sort();
        from_table.sort();
        assert_eq!(from_struct, from_table);
    }

    #[test]
    fn dates_are_checked() {
        assert_eq!(Date::parse("2026-10-14"), Some(Date { year: 2026, month: 10, day: 14 }));
        assert_eq!(Date::parse("2026-02-30"), None);
        assert_eq!(Date::parse("14/10/2026"), None);
    }
}
