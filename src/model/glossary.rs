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
    /// An institution's mail domains (`iom.int`): addresses there are the
    /// institution's, so the personal-data check leaves them in prose.
    #[serde(default)]
    pub domains: Vec<String>,
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
        for (index, entry) in list.into_iter().enumerate() {
            if entries.contains_key(&entry.id) {
                use crate::yaml::Step;
                let (line, column) = crate::yaml::locate(&file.text, &[Step::Index(index), Step::Key("id")]);
                let first_line = file
                    .text
                    .lines()
                    .position(|l| l.trim_start_matches("- ").trim() == format!("id: {}", entry.id))
                    .map_or(0, |i| i + 1);
                problems.push(
                    Diagnostic::error(
                        &file.display,
                        line,
                        column,
                        format!("the glossary id `{}` is defined twice", entry.id),
                    )
                    .with_hint(format!(
                        "it is first defined at line {first_line}: merge the two entries, or give this one another id"
                    )),
                );
            }
            entries.insert(entry.id.clone(), entry);
        }
        Glossary { entries }
    }

    /// The mail domains of the institutions, for the personal-data check.
    pub fn institution_domains(&self) -> Vec<String> {
        self.entries
            .values()
            .filter(|e| e.kind == EntryKind::Institution)
            .flat_map(|e| e.domains.iter().map(|d| d.to_lowercase()))
            .collect()
    }

    /// The entry's name in `lang`, else in any language.
    pub fn name(&self, id: &str, lang: &str) -> Option<&str> {
        let entry = self.entries.get(id)?;
        entry.name.get(lang).or_else(|| entry.name.values().next()).map(String::as_str)
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Every abbreviation, in any language.
    pub fn abbreviations(&self) -> std::collections::HashSet<&str> {
        self.entries.values().filter_map(|e| e.abbr.as_ref()).flat_map(|a| a.values().map(String::as_str)).collect()
    }

    /// Entries that lack a name or an abbreviation in one of the site's languages.
    pub fn check_languages(&self, file: &DataFile, languages: &[String], problems: &mut Vec<Diagnostic>) {
        for entry in self.entries.values() {
            let line = file
                .text
                .lines()
                .position(|l| l.trim_start_matches("- ").trim() == format!("id: {}", entry.id))
                .map_or(0, |i| i + 1);
            for lang in languages {
                if !entry.name.contains_key(lang) {
                    problems.push(
                        Diagnostic::error(
                            &file.display,
                            line,
                            1,
                            format!("the entry `{}` has no `{lang}` name", entry.id),
                        )
                        .with_hint(format!("add `{lang}: …` to its `name`")),
                    );
                }
                if entry.abbr.as_ref().is_some_and(|a| !a.contains_key(lang)) {
                    problems.push(
                        Diagnostic::error(
                            &file.display,
                            line,
                            1,
                            format!("the entry `{}` has no `{lang}` abbreviation", entry.id),
                        )
                        .with_hint("give the abbreviation in every language, even when it is the same"),
                    );
                }
            }
        }
    }
}

/// Words that look like acronyms but need no glossary entry.
const COMMON_ACRONYMS: &[&str] = &[
    "PDF", "CSV", "HTML", "URL", "USB", "ISO", "UTF", "JSON", "YAML", "FAQ", "ID", "OK", "TV", "SMS", "GPS", "DRAFT",
    "PROJET", "USD", "EUR", "XAF", "CFA", "FCFA",
];

fn has_two_capitals(line: &str) -> bool {
    let mut previous = false;
    for c in line.chars() {
        let capital = c.is_uppercase();
        if capital && previous {
            return true;
        }
        previous = capital;
    }
    false
}

/// Three capitals or more, no digit (reference numbers are not acronyms),
/// not known, not a compound of known ones (`EU-IOM`).
fn is_unknown_acronym(word: &str, known: &std::collections::HashSet<&str>) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    let acronym = letters >= 3 && word.chars().all(|c| c.is_uppercase() || c == '-' || c == '&');
    acronym
        && !known.contains(word)
        && !COMMON_ACRONYMS.contains(&word)
        && !is_roman_numeral(word)
        // Placeholders have their own check, which says what to do with them.
        && !["TODO", "TBD", "TBC", "FIXME"].contains(&word)
        && !word.split('-').all(|part| known.contains(part) || COMMON_ACRONYMS.contains(&part))
}

fn is_roman_numeral(word: &str) -> bool {
    word.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C' | 'D' | 'M'))
}

/// Warnings for all-capital words of three letters or more, in the prose of
/// a body, that the glossary does not know: each once, at its first use.
pub fn unknown_acronyms(
    body: &str,
    file: &str,
    lines_before: usize,
    known: &std::collections::HashSet<&str>,
) -> Vec<Diagnostic> {
    let mut reported = std::collections::HashSet::new();
    let mut problems = Vec::new();
    let mut fence: Option<&str> = None;
    for (index, line) in body.lines().enumerate() {
        let trimmed = line.trim_start();
        if let Some(marker) = fence {
            if trimmed.starts_with(marker) {
                fence = None;
            }
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fence = Some(&trimmed[..3]);
            continue;
        }
        // Most lines hold no run of two capitals: nothing to look at.
        if !has_two_capitals(line) {
            continue;
        }
        let mut in_code = false;
        let mut in_target = 0usize;
        let mut start: Option<usize> = None;
        let chars: Vec<(usize, char)> = line.char_indices().chain(std::iter::once((line.len(), ' '))).collect();
        for (n, &(i, c)) in chars.iter().enumerate() {
            let word_char = c.is_alphanumeric() || c == '-' || c == '&';
            match (word_char, start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    start = None;
                    let word = line[s..i].trim_matches('-');
                    if !in_code && in_target == 0 && !line[..s].ends_with("{#") && !line[..s].ends_with("[!") {
                        let column = line[..s].chars().count() + 1;
                        if is_unknown_acronym(word, known) && reported.insert(word.to_owned()) {
                            problems.push(
                                Diagnostic::warning(file, lines_before + index + 1, column, format!("`{word}` looks like an acronym the glossary does not know"))
                                    .with_hint("add it to content/_data/glossary.yaml (abbr and name in each language), so that readers get its full name"),
                            );
                        }
                    }
                }
                _ => {}
            }
            match c {
                '`' => in_code = !in_code,
                '(' if n > 0 && chars[n - 1].1 == ']' => in_target += 1,
                ')' if in_target > 0 => in_target -= 1,
                _ => {}
            }
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_acronyms_are_reported_once_outside_code_and_links() {
        let known = std::collections::HashSet::from(["MINAS"]);
        let body = "MINAS and UNHCR meet. UNHCR again.\n`CODE` and [a](FOO.md) PDF III\n```\nNOPE\n```\nM&E is fine? MINAS-ABCD too; RRR-01 not.\n";
        let found: Vec<String> = unknown_acronyms(body, "a.md", 10, &known)
            .iter()
            .map(|d| format!("{}:{} {}", d.line, d.column, d.message))
            .collect();
        assert_eq!(
            found,
            vec![
                "11:11 `UNHCR` looks like an acronym the glossary does not know",
                "16:14 `MINAS-ABCD` looks like an acronym the glossary does not know",
            ]
        );
    }
}
