//! The theme's UI strings, read from its `i18n/<lang>.yaml` files, one
//! [`Strings`] per language of the site.

use std::collections::BTreeMap;

use super::theme::Theme;
use crate::diagnostics::{Diagnostic, Diagnostics};
pub use crate::i18n::Strings;
use crate::yaml::{self, Origin};

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
        let tree = match yaml::parse_value(&text, Origin { file: &file.display, lines_before: 0 }) {
            Ok(tree) => tree,
            Err(problem) => {
                diagnostics.push(problem);
                continue;
            }
        };
        all.insert(lang.clone(), Strings::from_tree(lang, tree));
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
