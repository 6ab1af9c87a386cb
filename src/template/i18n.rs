//! UI strings per language, from the theme's `i18n/<lang>.yaml`: templates
//! read them as `t`, so no UI word is written in a template.

use std::collections::BTreeMap;

use serde_json::Value;

use super::theme::Theme;
use crate::date::Date;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::render::{Labels, typography};
use crate::yaml::{self, Origin};

#[derive(Debug, Clone)]
pub struct Strings {
    pub lang: String,
    /// The whole file, for templates.
    pub tree: Value,
    /// The same without the words of the kinds' blocks (`k`): what pages
    /// without such blocks need. Every page's context carries its words, so
    /// the smaller tree keeps plain pages cheap to lay out.
    pub plain_tree: Value,
    /// Every text by its dotted path (`containers.note`), for the renderer.
    pub labels: Labels,
}

impl Strings {
    /// The text at a dotted path, or the path itself (visible, so a missing
    /// string is noticed rather than left blank).
    pub fn get(&self, key: &str) -> String {
        self.labels.get(key).cloned().unwrap_or_else(|| key.to_owned())
    }

    /// The text at `key` with `{name}` placeholders filled.
    pub fn fill(&self, key: &str, values: &[(&str, &str)]) -> String {
        let mut text = self.get(key);
        for (name, value) in values {
            text = text.replace(&format!("{{{name}}}"), value);
        }
        text
    }

    /// "14 October 2026", "1er octobre 2026": `format::date_long`, the one
    /// date format of pages, kind blocks and print alike.
    pub fn format_date(&self, date: Date) -> String {
        crate::format::date_long(date, &self.lang)
    }
}

pub fn load(theme: &Theme, languages: &[String], diagnostics: &mut Diagnostics) -> BTreeMap<String, Strings> {
    let mut all = BTreeMap::new();
    for lang in languages {
        let path = format!("i18n/{lang}.yaml");
        let Some(file) = theme.files.get(&path) else {
            diagnostics.push(
                Diagnostic::error(
                    format!("themes/default/{path}"),
                    0,
                    0,
                    format!("the theme has no UI strings for `{lang}`"),
                )
                .with_hint(format!("copy themes/default/i18n/en.yaml to themes/default/{path} and translate it")),
            );
            continue;
        };
        let text = String::from_utf8_lossy(&file.bytes).replace("\r\n", "\n");
        let mut tree = match yaml::parse_value(&text, Origin { file: &file.display, lines_before: 0 }) {
            Ok(tree) => tree,
            Err(problem) => {
                diagnostics.push(problem);
                continue;
            }
        };
        apply_typography(lang, &mut tree);
        let mut labels = Labels::new();
        flatten("", &tree, &mut labels);
        let mut plain_tree = tree.clone();
        if let Value::Object(map) = &mut plain_tree {
            map.remove("k");
        }
        all.insert(lang.clone(), Strings { lang: lang.clone(), tree, plain_tree, labels });
    }
    if let Some(first) = languages.first().and_then(|l| all.get(l)) {
        for strings in all.values().filter(|s| s.lang != first.lang) {
            let missing: Vec<&str> =
                first.labels.keys().filter(|k| !strings.labels.contains_key(*k)).map(String::as_str).collect();
            if !missing.is_empty() {
                let display = theme
                    .files
                    .get(&format!("i18n/{}.yaml", strings.lang))
                    .map_or_else(String::new, |f| f.display.clone());
                diagnostics.push(
                    Diagnostic::warning(display, 0, 0, format!("UI strings missing: {}", missing.join(", ")))
                        .with_hint(format!("translate them from i18n/{}.yaml", first.lang)),
                );
            }
        }
    }
    all
}

fn apply_typography(lang: &str, value: &mut Value) {
    match value {
        Value::String(text) => *text = typography::for_language(lang, text),
        Value::Array(items) => items.iter_mut().for_each(|v| apply_typography(lang, v)),
        Value::Object(map) => map.values_mut().for_each(|v| apply_typography(lang, v)),
        _ => {}
    }
}

fn flatten(prefix: &str, value: &Value, out: &mut Labels) {
    let join = |key: &str| if prefix.is_empty() { key.to_owned() } else { format!("{prefix}.{key}") };
    match value {
        Value::String(text) => {
            out.insert(prefix.to_owned(), text.clone());
        }
        Value::Object(map) => map.iter().for_each(|(k, v)| flatten(&join(k), v, out)),
        // Lists are numbered from 1, like months.
        Value::Array(items) => items.iter().enumerate().for_each(|(i, v)| flatten(&join(&(i + 1).to_string()), v, out)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bundled(languages: &[&str]) -> (BTreeMap<String, Strings>, Vec<Diagnostic>) {
        let mut found = Diagnostics::default();
        let theme = Theme::load(std::path::Path::new("/nonexistent-site"), &mut found);
        let languages: Vec<String> = languages.iter().map(|l| (*l).to_owned()).collect();
        let strings = load(&theme, &languages, &mut found);
        (strings, found.sorted())
    }

    #[test]
    fn the_bundled_theme_says_every_word_in_english_and_french_with_french_spacing() {
        let (strings, problems) = bundled(&["en", "fr"]);
        assert!(problems.is_empty(), "{problems:?}");
        let (en, fr) = (&strings["en"].labels, &strings["fr"].labels);
        let only_en: Vec<&String> = en.keys().filter(|k| !fr.contains_key(*k)).collect();
        let only_fr: Vec<&String> = fr.keys().filter(|k| !en.contains_key(*k)).collect();
        assert!(only_en.is_empty() && only_fr.is_empty(), "en only: {only_en:?}; fr only: {only_fr:?}");
        // French labels get their no-break space before `:` `?` `!` once loaded.
        let spaced = fr.values().filter(|v| v.contains([':', '?', '!'])).all(|v| {
            let chars: Vec<char> = v.chars().collect();
            chars.windows(2).all(|w| !matches!(w[1], ':' | '?' | '!') || w[0] != ' ')
        });
        assert!(spaced, "a French label keeps an ordinary space before a colon");
    }

    #[test]
    fn a_language_the_theme_does_not_speak_is_an_error_naming_the_file_to_write() {
        let (strings, problems) = bundled(&["en", "sw"]);
        assert!(strings.contains_key("en") && !strings.contains_key("sw"));
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].file, "themes/default/i18n/sw.yaml");
        assert!(problems[0].hint.as_deref().is_some_and(|h| h.contains("i18n/en.yaml")), "{problems:?}");
    }
}
