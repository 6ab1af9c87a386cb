//! `site.yaml` -> [`Config`].

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::date::Date;
use crate::diagnostics::{Diagnostic, Diagnostics, Severity};
use crate::yaml::{self, Origin};

pub const FILE_NAME: &str = "site.yaml";
const KNOWN_KEYS: &[&str] = &["title", "languages", "base_url", "versions", "bundles", "checks", "split_over"];

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
    /// Which edition of its modules a bundle prints: a trainer's pack needs
    /// the facilitator's notes and answers, a handout pack must not have them.
    #[serde(default)]
    pub edition: BundleEdition,
    /// Where its id and each of its documents are written in site.yaml,
    /// for the errors found once the pages are known.
    #[serde(skip)]
    pub lines: BundleLines,
}

/// Lines of site.yaml (1-based) that a bundle's errors point at.
#[derive(Debug, Clone, Default)]
pub struct BundleLines {
    pub id: usize,
    /// One per entry of `documents`.
    pub documents: Vec<usize>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BundleEdition {
    #[default]
    Participant,
    Facilitator,
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
    /// Warn on a report's photo whose consent is not recorded.
    pub photo_consent: bool,
    /// How a page without a `kind` whose explicit section ids differ from
    /// its translation's is reported: once per pair of files (documents
    /// with a kind always get an error per id: their sections are shared).
    pub page_section_ids: Level,
    /// Warnings the authors keep on purpose, each with its reason.
    pub accept: Vec<Acceptance>,
}

/// How strongly a check that a site may tune is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
    Off,
}

/// A warning kept on purpose (`checks: { accept: [...] }`): it is still
/// found, but no longer printed or counted, so that `check --strict` can pass
/// on a site whose remaining warnings are known and explained. Like a lint
/// `expect` with a reason: one that matches nothing is reported, and one
/// with an `until` date stops applying after it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Acceptance {
    /// Part of the warning's text, as printed (`was last verified on`).
    pub warning: String,
    /// The file, or a folder, as printed (`content/sops/`), where `*` stands
    /// for any part of a name and `**` for any folders; every file when absent.
    #[serde(default)]
    pub path: Option<String>,
    /// Why the warning stays: printed with it by `check --show-accepted`.
    #[serde(default)]
    pub reason: String,
    /// Last day the acceptance holds (`YYYY-MM-DD`).
    #[serde(default)]
    pub until: Option<String>,
    /// Where it is written in site.yaml, for the problems about it.
    #[serde(skip)]
    pub line: usize,
}

impl Acceptance {
    /// Whether it covers the warning `message` about `file`.
    pub fn covers(&self, file: &str, message: &str) -> bool {
        let in_path = match self.path.as_deref().map(|p| p.trim_end_matches('/')) {
            None | Some("") => true,
            // The file itself, or one of the folders it is in.
            Some(path) => Wildcard::new(path).matches_file_or_folder(file),
        };
        in_path && message.contains(self.warning.as_str())
    }

    /// The last day it holds, if it has one.
    pub fn until_date(&self) -> Option<crate::date::Date> {
        self.until.as_deref().and_then(crate::date::Date::parse)
    }
}

impl Default for Checks {
    fn default() -> Self {
        Checks {
            version_numbering: true,
            service_stale_days: 183,
            women_share_min: None,
            photo_consent: true,
            page_section_ids: Level::Warning,
            accept: Vec::new(),
        }
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
    split_over: Option<SplitOver>,
}

/// A document longer than this (its front matter and body, in bytes) is
/// read one section per page (`resolve::parts`), unless `split_over:` says
/// otherwise. Tables and figures made from the fields make a page about
/// twice as heavy as its source: from 16 KB, the pages of the bundled
/// documents stay under 40 KB of HTML.
pub const SPLIT_OVER: usize = 16_000;

/// `split_over:` a number of bytes, or `false` to read every document on one page.
#[derive(Debug)]
enum SplitOver {
    Bytes(usize),
    Never(bool),
}

impl<'de> Deserialize<'de> for SplitOver {
    /// By hand, so that a wrong value is named with what is expected (an
    /// untagged enum says only that no variant matched).
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Expected;
        impl serde::de::Visitor<'_> for Expected {
            type Value = SplitOver;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a number of bytes, such as 16000, or `false` to read every document on one page")
            }
            fn visit_u64<E: serde::de::Error>(self, bytes: u64) -> Result<SplitOver, E> {
                Ok(SplitOver::Bytes(usize::try_from(bytes).unwrap_or(usize::MAX)))
            }
            fn visit_bool<E: serde::de::Error>(self, split: bool) -> Result<SplitOver, E> {
                Ok(SplitOver::Never(split))
            }
        }
        deserializer.deserialize_any(Expected)
    }
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
    /// A document longer than this (bytes of front matter and body) is
    /// read one section per page (`resolve::parts`); `None`: never.
    pub split_over: Option<usize>,
}

/// A path pattern of `checks.accept`, where `*` stands for any run of
/// characters but `/`, and `**` for any run at all. It is matched by
/// following every place the pattern can be at once, one character of the
/// path after the other: time grows with the pattern's length times the
/// path's, however many stars there are (trying each way a star can match,
/// one after the other, took minutes for ten `**`).
struct Wildcard {
    tokens: Vec<Token>,
}

#[derive(Clone, Copy, PartialEq)]
enum Token {
    Byte(u8),
    /// `*`: any run of characters within a name.
    Star,
    /// `**`: any run of characters, `/` included.
    Stars,
}

impl Wildcard {
    fn new(pattern: &str) -> Self {
        let bytes = pattern.as_bytes();
        let mut tokens = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i..] {
                [b'*', b'*', ..] => {
                    tokens.push(Token::Stars);
                    i += 2;
                }
                [b'*', ..] => {
                    tokens.push(Token::Star);
                    i += 1;
                }
                _ => {
                    tokens.push(Token::Byte(bytes[i]));
                    i += 1;
                }
            }
        }
        Wildcard { tokens }
    }

    /// Adds the places reached from those in `at` by letting stars match
    /// nothing.
    fn close(&self, at: &mut [bool]) {
        for i in 0..self.tokens.len() {
            if at[i] && matches!(self.tokens[i], Token::Star | Token::Stars) {
                at[i + 1] = true;
            }
        }
    }

    /// Whether the pattern matches `file` whole, or one of the folders it is
    /// in (`content/sops` matches `content/sops/a.en.md`).
    fn matches_file_or_folder(&self, file: &str) -> bool {
        let end = self.tokens.len();
        let mut at = vec![false; end + 1];
        at[0] = true;
        self.close(&mut at);
        let mut next = vec![false; end + 1];
        for &c in file.as_bytes() {
            if c == b'/' && at[end] {
                return true;
            }
            next.iter_mut().for_each(|n| *n = false);
            for (i, token) in self.tokens.iter().enumerate() {
                if !at[i] {
                    continue;
                }
                match *token {
                    Token::Byte(b) if b == c => next[i + 1] = true,
                    Token::Byte(_) => {}
                    Token::Star if c == b'/' => {}
                    Token::Star | Token::Stars => next[i] = true,
                }
            }
            self.close(&mut next);
            std::mem::swap(&mut at, &mut next);
            if !at.contains(&true) {
                return false;
            }
        }
        at[end]
    }
}

/// What is wrong with one `checks.accept` entry: it must say why, and what.
fn acceptance_problems(acceptance: &Acceptance) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let at = |message: String, hint: &str| Diagnostic::error(FILE_NAME, acceptance.line, 1, message).with_hint(hint);
    if acceptance.warning.trim().is_empty() {
        problems.push(at(
            "an accepted warning needs the `warning` text it matches".into(),
            "copy part of the warning as printed, e.g. `warning: \"was last verified on\"`",
        ));
    }
    if acceptance.reason.trim().is_empty() {
        problems.push(at(
            format!("the accepted warning `{}` gives no `reason`", acceptance.warning),
            "say why the warning stays, for the next author: `reason: \"…\"`",
        ));
    }
    if let Some(until) = &acceptance.until
        && acceptance.until_date().is_none()
    {
        problems.push(at(format!("`until: {until}` is not a date"), "write it as YYYY-MM-DD"));
    }
    problems
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
        let line_of = |key: &str| yaml::locate(text, &[yaml::Step::Key(key)]).0;
        let languages = raw.languages.unwrap_or_default();
        if languages.is_empty() {
            problems.push(
                Diagnostic::error(FILE_NAME, line_of("languages"), 1, "no languages: the site needs at least one")
                    .with_hint("add `languages: [en, fr]` (the first is the default language)"),
            );
        }
        for (i, lang) in languages.iter().enumerate() {
            if languages[..i].contains(lang) {
                let (line, column) = yaml::locate(text, &[yaml::Step::Key("languages"), yaml::Step::Index(i)]);
                problems.push(
                    Diagnostic::error(FILE_NAME, line, column, format!("`{lang}` is listed twice in `languages`"))
                        .with_hint("list each language once; the first is the default language"),
                );
                continue;
            }
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
        let mut checks = raw.checks;
        for (index, acceptance) in checks.accept.iter_mut().enumerate() {
            use yaml::Step;
            acceptance.line = yaml::locate(text, &[Step::Key("checks"), Step::Key("accept"), Step::Index(index)]).0;
            problems.extend(acceptance_problems(acceptance));
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
            bundles: bundles_with_lines(raw.bundles, text),
            checks,
            split_over: match raw.split_over {
                None | Some(SplitOver::Never(true)) => Some(SPLIT_OVER),
                Some(SplitOver::Bytes(bytes)) => Some(bytes),
                Some(SplitOver::Never(false)) => None,
            },
        })
    }
}

fn bundles_with_lines(mut bundles: Vec<BundleSpec>, text: &str) -> Vec<BundleSpec> {
    use yaml::Step::{Index, Key};
    for (i, bundle) in bundles.iter_mut().enumerate() {
        let line = |path: &[yaml::Step<'_>]| yaml::locate(text, path).0;
        bundle.lines.id = line(&[Key("bundles"), Index(i), Key("id")]);
        bundle.lines.documents = (0..bundle.documents.len())
            .map(|j| line(&[Key("bundles"), Index(i), Key("documents"), Index(j)]))
            .collect();
    }
    bundles
}

/// Marks the warnings of `diagnostics` that `acceptances` (`checks.accept`) cover as accepted, and reports
/// the acceptances that no longer serve: past their `until`, or matching
/// no warning (only said when nothing stopped the run early, since then
/// later stages did not look for their warnings).
pub fn apply_acceptances(acceptances: &[Acceptance], diagnostics: &mut Diagnostics, today: Date) {
    let file = FILE_NAME;
    let complete = !diagnostics.has_errors();
    let mut problems = Vec::new();
    for acceptance in acceptances {
        if let Some(until) = acceptance.until_date()
            && until < today
        {
            problems.push(
                Diagnostic::warning(
                    file,
                    acceptance.line,
                    1,
                    format!("the acceptance of `{}` ended on {until}", acceptance.warning),
                )
                .with_hint("deal with the warnings it covered, or move `until` on and say why in `reason`"),
            );
            continue;
        }
        let mut used = false;
        for item in diagnostics.iter_mut() {
            if item.severity == Severity::Warning && acceptance.covers(&item.file, &item.message) {
                // A narrower entry after a broader one still serves; the first reason is kept.
                item.accepted.get_or_insert_with(|| acceptance.reason.clone());
                used = true;
            }
        }
        if !used && complete {
            problems.push(
                Diagnostic::warning(
                    file,
                    acceptance.line,
                    1,
                    format!("the accepted warning `{}` is no longer found", acceptance.warning),
                )
                .with_hint("remove this entry of `checks.accept`: what it excused is fixed (or check its `path`)"),
            );
        }
    }
    diagnostics.extend(problems);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_acceptances_of_one_warning_both_serve_and_the_first_reason_stays() {
        let acceptance = |path: &str, reason: &str| Acceptance {
            warning: "last verified".into(),
            path: Some(path.into()),
            reason: reason.into(),
            until: None,
            line: 1,
        };
        let mut found = Diagnostics::default();
        found.push(Diagnostic::warning("content/sops/a.en.md", 3, 1, "the service `x` was last verified on …"));
        apply_acceptances(
            &[acceptance("content/", "broad"), acceptance("content/sops/", "narrow")],
            &mut found,
            Date::parse("2026-12-01").unwrap(),
        );
        let all = found.sorted();
        assert_eq!(all.len(), 1, "no acceptance is reported unused: {all:?}");
        assert_eq!(all[0].accepted.as_deref(), Some("broad"));
    }

    fn acceptance(path: Option<&str>) -> Acceptance {
        Acceptance {
            warning: "last verified".into(),
            path: path.map(str::to_owned),
            reason: "r".into(),
            until: None,
            line: 1,
        }
    }

    #[test]
    fn an_acceptance_covers_its_file_or_folder_and_the_text_it_quotes() {
        let message = "the service `x` was last verified on 2026-04-27";
        assert!(acceptance(None).covers("content/a.en.md", message));
        assert!(acceptance(Some("content/sops/")).covers("content/sops/a/services.csv", message));
        assert!(acceptance(Some("content/sops")).covers("content/sops/a.en.md", message));
        assert!(acceptance(Some("content/sops/a.en.md")).covers("content/sops/a.en.md", message));
        assert!(!acceptance(Some("content/sop")).covers("content/sops/a.en.md", message), "whole names only");
        assert!(!acceptance(None).covers("content/a.en.md", "no step is done by the role `x`"));
        let document = acceptance(Some("content/checklists/example.*.md"));
        assert!(document.covers("content/checklists/example.fr.md", message));
        assert!(!document.covers("content/checklists/example-2.fr.md", message));
        assert!(!acceptance(Some("content/*.md")).covers("content/sops/a.en.md", message), "`*` stays in its folder");
        assert!(acceptance(Some("content/**/services.csv")).covers("content/sops/a/services.csv", message));
        assert!(!acceptance(Some("content/**/services.csv")).covers("content/services.csv", message));
        assert!(acceptance(Some("content/s*")).covers("content/sops/a.en.md", message), "a folder by pattern");
        assert!(acceptance(Some("content/**.md")).covers("content/sops/a.en.md", message));
        assert!(!acceptance(Some("content/**.md")).covers("content/sops/a.en.mdx", message));
    }

    #[test]
    fn a_language_listed_twice_is_reported_in_site_yaml() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FILE_NAME), "title: T\nlanguages: [en, fr, en]\n").unwrap();
        let problems = Config::load(dir.path()).unwrap_err();
        let found: Vec<(usize, usize, &str)> =
            problems.iter().map(|p| (p.line, p.column, p.message.as_str())).collect();
        assert_eq!(found, [(2, 21, "`en` is listed twice in `languages`")]);
    }

    #[test]
    fn many_double_stars_do_not_take_exponential_time() {
        let message = "the service `x` was last verified on 2026-04-27";
        let pattern = format!("content/{}x.csv", "**/".repeat(12));
        let deep = format!("content/{}services.csv", "a/".repeat(30));
        assert!(!acceptance(Some(&pattern)).covers(&deep, message));
        let shallow = format!("content/{}x.csv", "a/".repeat(12));
        assert!(acceptance(Some(&pattern)).covers(&shallow, message));
        let stars = format!("content/{}", "**".repeat(12));
        assert!(!acceptance(Some(&format!("{stars}z"))).covers(&format!("content/{}", "a".repeat(200)), message));
    }
}
