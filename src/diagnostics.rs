//! Problems found in a run, each with its file, line and column.
//!
//! Every stage pushes into one [`Diagnostics`] collection instead of returning
//! at the first problem, so that a run reports everything an author must fix.
//! The binary decides how to print them and which exit code follows.

use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// How many characters of a text a message quotes: enough to find it, and a
/// whole line of placeholder or a megabyte-long value stays out of the way.
pub const QUOTE_LIMIT: usize = 60;

/// `text` as a message quotes it: cut after [`QUOTE_LIMIT`] characters,
/// with `…` where it was cut.
pub fn excerpt(text: &str) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(QUOTE_LIMIT) {
        None => std::borrow::Cow::Borrowed(text),
        Some((end, _)) => std::borrow::Cow::Owned(format!("{}…", text[..end].trim_end())),
    }
}

/// A message with every quoted text (between backticks or double quotes)
/// cut by [`excerpt`]: applied to every diagnostic, so that no message
/// echoes a long user text, wherever it was made.
fn shorten_quotes(message: String) -> String {
    if message.chars().count() <= QUOTE_LIMIT {
        return message;
    }
    let mut out = String::with_capacity(message.len().min(1024));
    let mut rest = message.as_str();
    while let Some(open) = rest.find(['`', '"']) {
        let quote = &rest[open..open + 1];
        out.push_str(&rest[..open + 1]);
        let inside = &rest[open + 1..];
        let (quoted, after) = match inside.find(quote) {
            Some(close) => (&inside[..close], &inside[close..]),
            None => (inside, ""),
        };
        out.push_str(&excerpt(quoted));
        if after.is_empty() {
            return out;
        }
        out.push_str(quote);
        rest = &after[1..];
    }
    out.push_str(rest);
    out
}

/// One problem: where it is, what is wrong, and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path relative to the site root, with `/` separators.
    pub file: String,
    /// 1-based; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based, counted in characters.
    pub column: usize,
    pub message: String,
    pub hint: Option<String>,
    /// Why the site keeps this warning (`checks.accept` in site.yaml); an
    /// accepted warning is neither printed nor counted unless asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub accepted: Option<String>,
}

impl Diagnostic {
    pub fn error(file: impl Into<String>, line: usize, column: usize, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.into(),
            line,
            column,
            message: shorten_quotes(message.into()),
            hint: None,
            accepted: None,
        }
    }

    pub fn warning(file: impl Into<String>, line: usize, column: usize, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(file, line, column, message) }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn with_optional_hint(mut self, hint: Option<String>) -> Self {
        self.hint = hint;
        self
    }

    /// Moves a position found inside an embedded text (front matter, a data
    /// block) to the position in the whole file.
    pub fn shifted(mut self, lines_before: usize) -> Self {
        if self.line > 0 {
            self.line += lines_before;
        }
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{}", self.file)?;
        if self.line > 0 {
            write!(f, ":{}:{}", self.line, self.column.max(1))?;
        }
        let accepted = if self.accepted.is_some() { "accepted " } else { "" };
        write!(f, ": {accepted}{level}: {}", self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        if let Some(reason) = &self.accepted {
            write!(f, "\n  accepted: {reason}")?;
        }
        Ok(())
    }
}

/// All the problems of one run.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    pub fn extend(&mut self, more: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(more);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    /// How many problems of this severity are reported (the same problem
    /// found twice, e.g. in a CSV shared by both languages, counts once);
    /// accepted warnings are not.
    pub fn count(&self, severity: Severity) -> usize {
        self.sorted().iter().filter(|d| d.severity == severity && d.accepted.is_none()).count()
    }

    /// How many warnings site.yaml accepts.
    pub fn count_accepted(&self) -> usize {
        self.sorted().iter().filter(|d| d.accepted.is_some()).count()
    }

    /// Every problem, to mark (`config::apply_acceptances`).
    pub fn iter_mut(&mut self) -> impl Iterator<Item = &mut Diagnostic> {
        self.items.iter_mut()
    }

    /// Keeps the problems for which `keep` is true.
    pub fn retain(&mut self, keep: impl FnMut(&Diagnostic) -> bool) {
        self.items.retain(keep);
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// In reading order: by file, then position; errors before warnings at
    /// the same place. Duplicates (the same problem found twice) are dropped.
    pub fn sorted(&self) -> Vec<Diagnostic> {
        let mut items = self.items.clone();
        items.sort_by(|a, b| {
            (&a.file, a.line, a.column, a.severity, &a.message)
                .cmp(&(&b.file, b.line, b.column, b.severity, &b.message))
        });
        items.dedup();
        items
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(&self.sorted()).unwrap_or_else(|_| "[]".to_owned())
    }
}

/// The nearest of `known` to `name`, if it is close enough to be a likely typo.
pub fn nearest<'a>(name: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let name = name.to_lowercase();
    known
        .into_iter()
        .map(|k| (strsim::jaro_winkler(&name, &k.to_lowercase()), k))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}

/// "did you mean `x`?" for a hint, when a near name exists.
pub fn did_you_mean<'a>(name: &str, known: impl IntoIterator<Item = &'a str>) -> Option<String> {
    nearest(name, known).map(|k| format!("did you mean `{k}`?"))
}

/// A path shown to the user: relative to the site root, `/`-separated.
pub fn display_path(root: &Path, path: &Path) -> String {
    let rel: PathBuf = path.strip_prefix(root).map(Path::to_path_buf).unwrap_or_else(|_| path.to_path_buf());
    rel.to_string_lossy().replace('\\', "/")
}

/// Line and column (1-based, column in characters) of a byte offset in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..text.floor_char_boundary(offset)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_a_near_name_and_not_a_far_one() {
        assert_eq!(nearest("titel", ["title", "summary"]), Some("title"));
        assert_eq!(nearest("colour", ["title", "summary"]), None);
    }

    #[test]
    fn quoted_texts_are_cut_in_messages() {
        let long = "x".repeat(1_000_000);
        let d = Diagnostic::error("a.md", 1, 1, format!("placeholder `{long}` left in the text"));
        assert_eq!(d.message, format!("placeholder `{}…` left in the text", "x".repeat(QUOTE_LIMIT)));
        let d = Diagnostic::error("a.md", 1, 1, format!("invalid type: string \"{long}\", expected a date"));
        assert!(d.message.ends_with("…\", expected a date") && d.message.len() < 120, "{}", d.message);
        let d = Diagnostic::error("a.md", 1, 1, format!("unclosed `{long}"));
        assert_eq!(d.message.chars().count(), "unclosed `".len() + QUOTE_LIMIT + 1);
        let short = "kind: unknown variant `sopp`, expected one of `sop`, `brief`, `module`, `strategy`, `page`";
        assert_eq!(Diagnostic::error("a.md", 1, 1, short).message, short);
        assert_eq!(excerpt("é".repeat(61).as_str()), format!("{}…", "é".repeat(60)));
    }

    #[test]
    fn positions_count_characters() {
        assert_eq!(line_col("ab\ncé d", 6), (2, 3));
        assert_eq!(line_col("x", 0), (1, 1));
    }
}
