//! `_data/glossary.yaml` -> [`Glossary`]: the institutions, programmes and
//! terms that front matter refers to by id.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::diagnostics::Diagnostic;
use crate::load::DataFile;
use crate::yaml::{self, Origin};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub id: String,
    pub abbr: Option<BTreeMap<String, String>>,
    pub name: BTreeMap<String, String>,
    pub kind: EntryKind,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub verified: Option<bool>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntryKind {
    Institution,
    Programme,
    Term,
}

#[derive(Debug, Clone, Default)]
pub struct Glossary {
    pub entries: BTreeMap<String, Entry>,
}

impl Glossary {
    pub fn from_data(file: Option<&DataFile>, problems: &mut Vec<Diagnostic>) -> Glossary {
        let Some(file) = file else {
            return Glossary::default();
        };
        let origin = Origin { file: &file.display, lines_before: 0 };
        let list: Vec<Entry> = match yaml::parse_typed(&file.text, origin) {
            Ok(list) => list,
            Err(problem) => {
                problems.push(problem);
                return Glossary::default();
            }
        };
        let mut entries = BTreeMap::new();
        for entry in list {
            if entries.contains_key(&entry.id) {
                let line = file
                    .text
                    .lines()
                    .position(|l| l.trim_start_matches("- ").trim() == format!("id: {}", entry.id))
                    .map_or(0, |i| i + 1);
                problems.push(Diagnostic::error(
                    &file.display,
                    line,
                    1,
                    format!("the glossary id `{}` is defined twice", entry.id),
                ));
            }
            entries.insert(entry.id.clone(), entry);
        }
        Glossary { entries }
    }

    /// The entry's name in `lang`, else in any language.
    pub fn name(&self, id: &str, lang: &str) -> Option<&str> {
        let entry = self.entries.get(id)?;
        entry.name.get(lang).or_else(|| entry.name.values().next()).map(String::as_str)
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}
