//! `site.yaml` -> [`Config`].

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::diagnostics::Diagnostic;
use crate::yaml::{self, Origin};

pub const FILE_NAME: &str = "site.yaml";
const KNOWN_KEYS: &[&str] = &["title", "languages", "base_url", "versions", "bundles", "checks"];

/// A text given once for every language, or per language.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Localized {
    Same(String),
    PerLanguage(BTreeMap<String, String>),
}

impl Localized {
    /// The text in `lang`, else in the first language that has one.
    pub fn get(&self, lang: &str) -> &str {
        match self {
            Localized::Same(text) => text,
            Localized::PerLanguage(map) => map.get(lang).or_else(|| map.values().next()).map_or("", String::as_str),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VersionRef {
    pub name: String,
    #[serde(rename = "ref")]
    pub git_ref: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BundleSpec {
    pub id: String,
    pub title: Localized,
    pub documents: Vec<String>,
}

/// Settings of the content checks (`checks:` in site.yaml).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Checks {
    /// `0.x` while draft or review, `1.0` from validation (DOCUMENT-KINDS 1.2).
    pub version_numbering: bool,
    /// A service directory entry not verified for this many days is flagged.
    pub service_stale_days: i64,
    /// Warn when the share of women among participants is below this (0-1).
    pub women_share_min: Option<f64>,
}

impl Default for Checks {
    fn default() -> Self {
        Checks { version_numbering: true, service_stale_days: 183, women_share_min: None }
    }
}

#[derive(Debug, Deserialize)]
struct RawConfig {
    title: Option<Localized>,
    languages: Option<Vec<String>>,
    base_url: Option<String>,
    #[serde(default)]
    versions: Vec<VersionRef>,
    #[serde(default)]
    bundles: Vec<BundleSpec>,
    #[serde(default)]
    checks: Checks,
}

/// The site's settings.
#[derive(Debug, Clone)]
pub struct Config {
    /// The site's folder.
    pub root: std::path::PathBuf,
    pub title: Localized,
    /// The first is the default language.
    pub languages: Vec<String>,
    /// Always ends with `/` when set.
    pub base_url: Option<String>,
    pub versions: Vec<VersionRef>,
    pub bundles: Vec<BundleSpec>,
    pub checks: Checks,
}

impl Config {
    pub fn default_language(&self) -> &str {
        &self.languages[0]
    }

    /// Reads `site.yaml` in `root`. Problems come back as diagnostics.
    pub fn load(root: &Path) -> Result<Config, Vec<Diagnostic>> {
        let path = root.join(FILE_NAME);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(err) => {
                return Err(vec![
                    Diagnostic::error(FILE_NAME, 0, 0, format!("cannot read the site settings {}: {err}", path.display())).with_hint(format!(
                        "run relais in the site's folder or pass --root; {FILE_NAME} needs at least `title:` and `languages: [en, fr]`"
                    )),
                ]);
            }
        };
        let text = text.trim_start_matches('\u{feff}').replace("\r\n", "\n");
        let origin = Origin { file: FILE_NAME, lines_before: 0 };
        let raw: RawConfig = yaml::parse_fields(&text, KNOWN_KEYS, origin)?;
        Self::validate(raw, &text, root)
    }

    fn validate(raw: RawConfig, text: &str, root: &Path) -> Result<Config, Vec<Diagnostic>> {
        let mut problems = Vec::new();
        let line_of = |key: &str| text.lines().position(|l| l.starts_with(key)).map_or(1, |i| i + 1);
        let languages = raw.languages.unwrap_or_default();
        if languages.is_empty() {
            problems.push(
                Diagnostic::error(FILE_NAME, line_of("languages"), 1, "no languages: the site needs at least one")
                    .with_hint("add `languages: [en, fr]` (the first is the default language)"),
            );
        }
        for lang in &languages {
            let well_formed = (2..=3).contains(&lang.len()) && lang.chars().all(|c| c.is_ascii_lowercase());
            if !well_formed {
                problems.push(
                    Diagnostic::error(FILE_NAME, line_of("languages"), 1, format!("`{lang}` is not a language code"))
                        .with_hint("use two-letter lower-case codes such as `en` and `fr`"),
                );
            }
        }
        let title = match raw.title {
            Some(title) => title,
            None => {
                problems.push(
                    Diagnostic::error(FILE_NAME, 1, 1, "missing `title`")
                        .with_hint("add `title: { en: \"…\", fr: \"…\" }`"),
                );
                Localized::Same(String::new())
            }
        };
        if let Localized::PerLanguage(map) = &title {
            for lang in &languages {
                if !map.contains_key(lang) {
                    problems.push(
                        Diagnostic::error(FILE_NAME, line_of("title"), 1, format!("the title has no `{lang}` text"))
                            .with_hint(format!("add `{lang}: \"…\"` to `title`")),
                    );
                }
            }
        }
        let base_url = raw.base_url.map(|url| if url.ends_with('/') { url } else { format!("{url}/") });
        if let Some(url) = &base_url
            && !(url.starts_with("https://") || url.starts_with("http://"))
        {
            problems.push(
                Diagnostic::error(
                    FILE_NAME,
                    line_of("base_url"),
                    1,
                    format!("`base_url` must be an absolute http(s) URL, found `{url}`"),
                )
                .with_hint(
                    "for example `base_url: \"https://example.org/hub/\"`; leave it out for a site used offline",
                ),
            );
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Config {
            root: root.to_path_buf(),
            title,
            languages,
            base_url,
            versions: raw.versions,
            bundles: raw.bundles,
            checks: raw.checks,
        })
    }
}
