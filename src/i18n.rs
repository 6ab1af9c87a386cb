//! UI strings per language (the theme's `i18n/<lang>.yaml`): templates
//! read them as `t`, the renderer and the kinds' views by their dotted
//! path, so no UI word is written in code or in a template.

use std::collections::HashMap;

use serde_json::Value;

use crate::date::Date;
use crate::format::typography;

/// Every text of a language by its dotted path (`containers.note`).
pub type Labels = HashMap<String, String>;

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

    /// The words of `lang` from the tree of its YAML file, with the
    /// language's typography applied to every text.
    pub fn from_tree(lang: &str, mut tree: Value) -> Strings {
        apply_typography(lang, &mut tree);
        let mut labels = Labels::new();
        flatten("", &tree, &mut labels);
        let mut plain_tree = tree.clone();
        if let Value::Object(map) = &mut plain_tree {
            map.remove("k");
        }
        Strings { lang: lang.to_owned(), tree, plain_tree, labels }
    }

    /// "14 October 2026", "1er octobre 2026": `format::date_long`, the one
    /// date format of pages, kind blocks and print alike.
    pub fn format_date(&self, date: Date) -> String {
        crate::format::date_long(date, &self.lang)
    }
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
