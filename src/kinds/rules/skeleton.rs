//! The sections each kind is expected to have, by heading id, with their
//! headings in both languages (DOCUMENT-KINDS.md 3.4, 5.3, 6.5, 8.4).

use super::Rules;

/// When a section is expected.
#[derive(Debug, Clone, Copy)]
pub enum Need {
    /// Missing: error.
    Required,
    /// Missing: warning.
    Recommended,
    /// Required for these subtypes, recommended otherwise.
    RequiredFor(&'static [&'static str]),
    /// Required when the document is expected to run to 8 pages or more.
    RequiredWhenLong,
    /// Written by the generator from the front matter: not looked for.
    Generated,
}

#[derive(Debug, Clone, Copy)]
pub struct Section {
    pub id: &'static str,
    pub en: &'static str,
    pub fr: &'static str,
    pub need: Need,
}

impl Section {
    /// Some(true) if required, Some(false) if recommended, None if not looked for.
    pub(super) fn required(&self, rules: &Rules<'_, '_>) -> Option<bool> {
        match self.need {
            Need::Required => Some(true),
            Need::Recommended => Some(false),
            Need::RequiredFor(subtypes) => Some(rules.subtype().is_some_and(|s| subtypes.contains(&s))),
            Need::RequiredWhenLong => {
                Some(crate::kinds::brief::rules::expected_pages(rules).is_some_and(|(_, max)| max >= 8))
            }
            Need::Generated => None,
        }
    }
}

pub const fn s(id: &'static str, en: &'static str, fr: &'static str, need: Need) -> Section {
    Section { id, en, fr, need }
}
