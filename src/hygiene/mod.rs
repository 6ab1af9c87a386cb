//! Content hygiene (DOCUMENT-KINDS.md 0.1): what copy-pasted working documents
//! bring with them and a reader must never see.
//!
//! [`check`] looks at one text (a Markdown body, front matter, a CSV file) and
//! returns every problem with its position in the file:
//!
//! 1. mis-decoded text: Thai characters where UTF-8 was read as Windows-874,
//!    `Ã©`-style sequences where it was read as Latin-1, U+FFFD (error);
//! 2. placeholders left in: `xxx`, `TBD`, `[…]`, "Lorem ipsum" ... (error, or
//!    warning while the document is a draft or has no status);
//! 3. personal data: phone numbers and e-mail addresses (error in data files,
//!    warning in prose);
//! 4. numbers grouped the other language's way, `1,674` on a French page or
//!    `1 674` on an English one (warning, prose only);
//! 5. scraping residue: "Recommended for you", a file name standing alone
//!    (warning, prose only).
//!
//! Each check is a module of its own (`mojibake`, `placeholders`,
//! `personal`, `numbers`, `residue`); [`repeated_paragraphs`] compares the
//! paragraphs of a whole body. This module holds what they share: the
//! reading of a text line by line, the code spans and fences that prose
//! checks leave alone, and the cheap first pass (`worth_checking`) built
//! from the checks' own lists.
//!
//! Everything here is pure: no I/O, no configuration beyond [`TextCheck`].
//! The text is read line by line; no check looks across a line break.

mod mojibake;
mod numbers;
mod personal;
mod placeholders;
mod repeated;
mod residue;

use std::ops::Range;
use std::sync::LazyLock;

use crate::diagnostics::{Diagnostic, Severity};
use crate::fold::fold_char_into;

pub use repeated::repeated_paragraphs;

/// What kind of text is being checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// Markdown prose: code spans and fenced code blocks are left alone by the
    /// placeholder, number and residue checks; personal data is a warning.
    Prose,
    /// Table data (CSV, YAML): every character counts, personal data is an error.
    DataFile,
}

/// How far a document has gone, for the placeholder check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// `draft` or `review`: placeholders are warnings.
    Draft,
    /// No `status`: a page of ordinary documentation, which has no drafts;
    /// placeholders are warnings (every other check treats it as published).
    NoStatus,
    /// `validated`, `adopted`, `archived`, and data files: placeholders are errors.
    Published,
}

/// Where the text comes from and how strict to be with it.
#[derive(Debug, Clone, Copy)]
pub struct TextCheck<'a> {
    /// As shown in diagnostics, e.g. "content/sops/x.en.md".
    pub file: &'a str,
    /// "en" or "fr"; any other value skips the number check.
    pub lang: &'a str,
    /// Where the document stands: placeholders are errors only once it is published.
    pub stage: Stage,
    /// Lines of the file before the text starts (front matter), added to line numbers.
    pub lines_before: usize,
    pub source: Source,
    /// Mail domains of the glossary's institutions (`iom.int`): an address
    /// there is the institution's, not a private person's, in prose.
    /// The e-mail domains of the glossary's institutions, in lower case
    /// (in prose only: in a data file every address is a person's).
    pub institution_domains: &'a [String],
}

/// Invisible characters of a Markdown body that no page should carry:
/// control characters (NUL, bell, escape ...) and byte order marks past the
/// start of the file (left where files saved with one were joined or
/// pasted). They split words for search and links, and show nowhere. The
/// first of each character is reported, with how many more there are.
/// `controls`: whether to look for control characters too (front matter
/// leaves them to the YAML parser, which refuses them).
pub fn invisible_characters(text: &str, file: &str, lines_before: usize, controls: bool) -> Vec<Diagnostic> {
    let invisible =
        |c: char| (controls && c.is_ascii_control() && c != '\t' && c != '\n' && c != '\r') || c == '\u{feff}';
    if !text.bytes().any(|b| b.is_ascii_control() && !matches!(b, b'\t' | b'\n' | b'\r')) && !text.contains('\u{feff}')
    {
        return Vec::new();
    }
    let mut found: Vec<(char, usize, usize)> = Vec::new(); // character, offset, how many
    for (offset, c) in text.char_indices().filter(|&(_, c)| invisible(c)) {
        match found.iter_mut().find(|(seen, _, _)| *seen == c) {
            Some((_, _, count)) => *count += 1,
            None => found.push((c, offset, 1)),
        }
    }
    found
        .into_iter()
        .map(|(c, offset, count)| {
            let (line, column) = crate::diagnostics::line_col(text, offset);
            let more = match count {
                1 => String::new(),
                n => format!(" ({} more in this file)", n - 1),
            };
            let hint = match c {
                '\0' => "a Markdown file full of NUL bytes was saved as UTF-16: save it as UTF-8; otherwise delete the character",
                '\u{feff}' => "delete it (most editors show it once asked to show invisible characters): it comes from joining or pasting files saved with a byte order mark",
                _ => "delete it (most editors show it once asked to show invisible characters): it comes with text pasted from another program",
            };
            Diagnostic::error(
                file,
                line + lines_before,
                column,
                format!("invisible character {} in the text{more}", crate::yaml::char_name(c)),
            )
            .with_hint(hint)
        })
        .collect()
}

/// Every hygiene problem of `text`, with 1-based line and column (column
/// counted in characters) in the file, in reading order.
pub fn check(text: &str, cx: &TextCheck<'_>) -> Vec<Diagnostic> {
    let mut findings = Vec::new();
    let mut fence = None;
    let indented = if cx.source == Source::Prose { indented_code_lines(text) } else { Vec::new() };
    for (index, raw) in text.split('\n').enumerate() {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        let trimmed = raw.trim_start();
        let fence_line = trimmed.starts_with("```") || trimmed.starts_with("~~~");
        // Most lines hold nothing any check looks for: skip them cheaply
        // (fence lines are always read, to know what is code).
        if !fence_line && !worth_checking(raw) {
            continue;
        }
        let chars: Vec<char> = raw.chars().collect();
        let mut code = code_mask(&chars, &mut fence, cx.source);
        if indented.get(index).copied().unwrap_or(false) {
            code.fill(true);
        }
        let line = Line { index, chars, code };
        mojibake::misdecoded(&line, &mut findings);
        placeholders::placeholders(&line, cx, &mut findings);
        let personal = personal::personal_data(&line, cx, &mut findings);
        if cx.source == Source::Prose {
            numbers::foreign_numbers(&line, cx.lang, &personal, &mut findings);
            residue::scraping_residue(&line, &mut findings);
        }
    }
    // Stable: at one position, the order of the checks above is kept.
    findings.sort_by_key(|f| (f.line, f.column));
    findings.into_iter().map(|f| f.into_diagnostic(cx)).collect()
}

/// Whether a line holds anything that one of the checks could report: a
/// character mojibake leaves, a placeholder or a line of residue, an `@` or
/// enough digits for personal data, digits grouped by a separator, or the
/// shape of a file name. A cheap pass that lets most lines be skipped; the
/// characters and phrases it looks for are the checks' own
/// (`mojibake::suspect`, `placeholders::markers`, `residue::RESIDUE_LINES`,
/// `residue::may_be_file_name`), so that a phrase added to a check is never
/// skipped here.
fn worth_checking(raw: &str) -> bool {
    // Digits in one run, separators allowed between them (a phone number).
    let (mut run, mut longest_run) = (0, 0);
    let mut grouped = false;
    let mut previous_digit = false;
    let mut separator_after_digit = false;
    let mut previous = None;
    for c in raw.chars() {
        if mojibake::suspect(c) || previous.is_some_and(|p| mojibake::suspect_pair(p, c)) {
            return true;
        }
        previous = Some(c);
        match c {
            '@' => return true,
            '0'..='9' => {
                run += 1;
                longest_run = longest_run.max(run);
                grouped |= separator_after_digit;
                previous_digit = true;
                separator_after_digit = false;
            }
            ',' | ' ' | '.' | '-' | '\u{a0}' | '\u{202f}' | '\u{2009}' => {
                separator_after_digit = previous_digit && c != '.' && c != '-';
                if !previous_digit {
                    run = 0;
                }
                previous_digit = false;
            }
            '+' | '(' | ')' => previous_digit = false,
            _ => {
                run = 0;
                previous_digit = false;
                separator_after_digit = false;
            }
        }
    }
    if grouped || longest_run >= 8 {
        return true;
    }
    // `str::contains` on a folded copy is far faster than comparing every window.
    let key = marker_key(raw);
    MARKERS.iter().any(|m| key.contains(m.as_str())) || residue::may_be_file_name(raw.trim())
}

/// The phrases of the placeholder and residue checks, as [`marker_key`] writes them.
static MARKERS: LazyLock<Vec<String>> = LazyLock::new(|| {
    placeholders::markers().chain(residue::RESIDUE_LINES.map(str::to_owned)).map(|m| marker_key(&m)).collect()
});

/// A line as the first pass compares it with [`MARKERS`]: folded one
/// character at a time (`À COMPLÉTER` is `a completer`), each run of
/// whitespace one space (the checks allow any whitespace between the words
/// of a phrase).
fn marker_key(text: &str) -> String {
    let mut key = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            if !space {
                key.push(' ');
            }
            space = true;
            continue;
        }
        space = false;
        if c.is_ascii() {
            key.push(c.to_ascii_lowercase());
        } else {
            fold_char_into(c, &mut key);
        }
    }
    key
}

// ---------------------------------------------------------------------------
// Lines and findings

/// One line of the text, as characters so that columns are character counts.
struct Line {
    /// 0-based, within the text.
    index: usize,
    chars: Vec<char>,
    /// `true` for the characters of a code span or a fenced code block (prose only).
    code: Vec<bool>,
}

impl Line {
    fn text(&self, range: Range<usize>) -> String {
        self.chars[range].iter().collect()
    }

    fn finding(&self, column: usize, severity: Severity, message: String, hint: String) -> Finding {
        Finding { line: self.index, column, severity, message, hint }
    }
}

/// A problem at a 0-based line and column of the text.
struct Finding {
    line: usize,
    column: usize,
    severity: Severity,
    message: String,
    hint: String,
}

impl Finding {
    fn into_diagnostic(self, cx: &TextCheck<'_>) -> Diagnostic {
        let (line, column) = (cx.lines_before + self.line + 1, self.column + 1);
        let diagnostic = match self.severity {
            Severity::Error => Diagnostic::error(cx.file, line, column, self.message),
            Severity::Warning => Diagnostic::warning(cx.file, line, column, self.message),
        };
        diagnostic.with_hint(self.hint)
    }
}

/// Characters quoted in a message, with the invisible ones (no-break spaces,
/// control characters) spelled out so that the author can see them.
fn shown(chars: &[char]) -> String {
    chars
        .iter()
        .map(|&c| {
            if c.is_control() || (c.is_whitespace() && c != ' ') || c == '\u{AD}' {
                format!("<U+{:04X}>", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect()
}

// ---------------------------------------------------------------------------
// Code spans and fenced code blocks

/// An open fenced code block: its marker (`` ` `` or `~`) and how many.
#[derive(Debug, Clone, Copy)]
struct Fence {
    marker: char,
    len: usize,
}

/// The fence a line starts with, and where its marker run ends.
fn fence_of(chars: &[char]) -> Option<(Fence, usize)> {
    let indent = chars.iter().take_while(|&&c| c == ' ').count();
    if indent > 3 {
        return None;
    }
    let marker = *chars.get(indent)?;
    if marker != '`' && marker != '~' {
        return None;
    }
    let len = chars[indent..].iter().take_while(|&&c| c == marker).count();
    let after = indent + len;
    // CommonMark: the info string of a backtick fence may not contain a backtick
    // (otherwise "```a` b`" is inline code).
    let fence = len >= 3 && !(marker == '`' && chars[after..].contains(&'`'));
    fence.then_some((Fence { marker, len }, after))
}

/// The lines of `text` inside an indented code block (four spaces in), as
/// Markdown reads them: a line so indented may also be a list item's
/// paragraph, which only a parser tells apart. Most texts have no line
/// indented that far and are not parsed here.
fn indented_code_lines(text: &str) -> Vec<bool> {
    use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag};
    // An indented code block cannot interrupt a paragraph: it starts after a
    // blank line (or at the top).
    let indented = |line: &str| line.starts_with("    ") || line.starts_with('\t');
    let mut previous_blank = true;
    let may_hold_one = text.split('\n').any(|line| {
        let found = previous_blank && indented(line) && !line.trim().is_empty();
        previous_blank = line.trim().is_empty();
        found
    });
    if !may_hold_one {
        return Vec::new();
    }
    let mut starts: Vec<usize> = vec![0];
    starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
    let mut lines = vec![false; starts.len()];
    for (event, range) in Parser::new(text).into_offset_iter() {
        if let Event::Start(Tag::CodeBlock(CodeBlockKind::Indented)) = event {
            let first = starts.partition_point(|&s| s <= range.start) - 1;
            let last = starts.partition_point(|&s| s < range.end.max(range.start + 1)) - 1;
            lines[first..=last].fill(true);
        }
    }
    lines
}

/// Which characters of a line are code, following the fence state across lines.
fn code_mask(chars: &[char], open: &mut Option<Fence>, source: Source) -> Vec<bool> {
    if source == Source::DataFile {
        return vec![false; chars.len()];
    }
    if let Some(fence) = *open {
        // The closing fence has the same marker, at least as many, and nothing after it.
        if let Some((close, after)) = fence_of(chars)
            && close.marker == fence.marker
            && close.len >= fence.len
            && chars[after..].iter().all(|c| c.is_whitespace())
        {
            *open = None;
        }
        return vec![true; chars.len()];
    }
    if let Some((fence, _)) = fence_of(chars) {
        *open = Some(fence);
        return vec![true; chars.len()];
    }
    code_spans(chars)
}

/// Inline code spans: a run of n backticks up to the next run of exactly n.
fn code_spans(chars: &[char]) -> Vec<bool> {
    let run = |at: usize| chars[at..].iter().take_while(|&&c| c == '`').count();
    let mut mask = vec![false; chars.len()];
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != '`' {
            i += 1;
            continue;
        }
        let open = run(i);
        let mut j = i + open;
        let mut close = None;
        while j < chars.len() {
            if chars[j] == '`' {
                let n = run(j);
                if n == open {
                    close = Some(j + n);
                    break;
                }
                j += n;
            } else {
                j += 1;
            }
        }
        match close {
            Some(end) => {
                mask[i..end].fill(true);
                i = end;
            }
            // An unmatched run is literal text.
            None => i += open,
        }
    }
    mask
}

/// Whether two ranges of a line share a character.
fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// What the tests of every check share.
#[cfg(test)]
mod test_support {
    use super::*;

    pub(super) fn cx(lang: &'static str, source: Source) -> TextCheck<'static> {
        TextCheck {
            file: "content/sops/x.en.md",
            lang,
            stage: Stage::Published,
            lines_before: 0,
            source,
            institution_domains: &[],
        }
    }

    pub(super) fn prose(text: &str) -> Vec<Diagnostic> {
        check(text, &cx("en", Source::Prose))
    }

    pub(super) fn prose_fr(text: &str) -> Vec<Diagnostic> {
        check(text, &cx("fr", Source::Prose))
    }

    pub(super) fn data(text: &str) -> Vec<Diagnostic> {
        check(text, &cx("en", Source::DataFile))
    }

    /// (line, column) of each diagnostic whose message contains `what`.
    pub(super) fn at(diagnostics: &[Diagnostic], what: &str) -> Vec<(usize, usize)> {
        diagnostics.iter().filter(|d| d.message.contains(what)).map(|d| (d.line, d.column)).collect()
    }

    pub(super) fn hints(diagnostics: &[Diagnostic]) -> Vec<String> {
        diagnostics.iter().map(|d| d.hint.clone().unwrap_or_default()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::test_support::*;
    use super::*;

    #[test]
    fn invisible_characters_are_named_once_each() {
        assert!(invisible_characters("plain\ttext\r\n", "a.md", 0, true).is_empty());
        let found = invisible_characters("Hello \u{feff}world\nbell \u{7} and \u{7}\n", "a.md", 3, true);
        let found: Vec<(usize, usize, &str)> = found.iter().map(|d| (d.line, d.column, d.message.as_str())).collect();
        assert_eq!(
            found,
            [
                (4, 7, "invisible character U+FEFF (byte order mark) in the text"),
                (5, 6, "invisible character U+0007 (bell) in the text (1 more in this file)"),
            ]
        );
        assert_eq!(invisible_characters("title: \"a\u{7}\u{feff}b\"\n", "a.md", 1, false).len(), 1);
    }

    // --- code spans and fences -------------------------------------------

    #[test]
    fn an_indented_code_block_is_code_but_a_list_item_indented_as_far_is_prose() {
        let text = "Before:\n\n    Lorem ipsum dolor sit amet\n    TBD\n\nAfter, TBD.\n\n- item\n\n    Lorem ipsum in the item\n";
        let found = prose(text);
        assert_eq!(at(&found, "placeholder"), vec![(6, 8), (10, 5)], "{found:#?}");
    }

    #[test]
    fn placeholders_in_code_are_left_alone_in_prose() {
        let text =
            "Use `TODO` or ``a `xxx` b`` here.\n```yaml\nbudget: TBD\n```\n~~~~\nxxx\n~~~\nstill code\n~~~~\nTBD after";
        let found = prose(text);
        assert_eq!(at(&found, "placeholder"), vec![(10, 1)], "{found:#?}");
        // An unmatched backtick is literal text.
        assert_eq!(at(&prose("a ` TODO"), "placeholder"), vec![(1, 5)]);
        // Data files have no code.
        assert_eq!(at(&data("`TBD`"), "placeholder"), vec![(1, 2)]);
    }

    #[test]
    fn indented_four_spaces_is_not_a_fence() {
        let found = prose("    ```\nTBD");
        assert_eq!(at(&found, "placeholder"), vec![(2, 1)]);
    }

    // --- the first pass ---------------------------------------------------

    #[test]
    fn every_phrase_of_every_check_passes_the_first_pass() {
        let phrases: Vec<String> = placeholders::markers().chain(residue::RESIDUE_LINES.map(str::to_owned)).collect();
        assert!(phrases.len() >= 15, "{phrases:?}");
        for phrase in &phrases {
            // Alone on a line, as its check reports it ...
            assert_eq!(prose_fr(phrase).len(), 1, "{phrase:?}: {:#?}", prose_fr(phrase));
            // ... and written as authors write it.
            let written = [
                phrase.clone(),
                phrase.to_uppercase(),
                format!("- {phrase} :"),
                phrase.replace(' ', "\u{a0}"),
                phrase.replace(' ', "  "),
            ];
            for line in written {
                assert!(worth_checking(&line), "{line:?}");
            }
        }
        // The phrases are kept folded; authors write their accents.
        for line in ["À COMPLÉTER", "à compléter", "À insérer", "Recommandé pour vous", "Lorem\tIpsum"] {
            assert!(worth_checking(line), "{line:?}");
        }
    }

    #[test]
    fn the_first_pass_skips_nothing_a_check_reports() {
        // A no-break space between the words of a phrase, and `✓` read as
        // Latin-1 (its second byte is `œ` in Windows-1252).
        assert_eq!(at(&prose_fr("Date\u{a0}: à\u{a0}compléter"), "placeholder"), vec![(1, 8)]);
        assert_eq!(at(&prose_fr("Validé âœ“"), "mis-decoded"), vec![(1, 8)]);
        assert!(!worth_checking("A plain line of prose, with no digit group, names or residue."));
    }

    // --- positions --------------------------------------------------------

    #[test]
    fn positions_add_the_front_matter_and_count_characters() {
        let cx = TextCheck { lines_before: 4, ..cx("fr", Source::Prose) };
        let found = check("Première ligne.\nLes éléments « àé » : TBD", &cx);
        assert_eq!(found.len(), 1);
        let d = &found[0];
        assert_eq!((d.file.as_str(), d.line, d.column), ("content/sops/x.en.md", 6, 23));
        assert_eq!(d.message, "placeholder `TBD` left in the text");
    }

    #[test]
    fn crlf_line_endings_and_sorted_output() {
        let found = prose("xxx\r\nTBD 677 12 34 56 Ã©\r\n");
        let positions: Vec<(usize, usize)> = found.iter().map(|d| (d.line, d.column)).collect();
        assert_eq!(positions, vec![(1, 1), (2, 1), (2, 5), (2, 18)]);
        assert!(prose("Recommended for you\r\n").len() == 1);
    }

    #[test]
    fn a_clean_text_has_no_findings() {
        let text = "# Scope {#scope}\n\nThis SOP covers the referral of returnees to MINAS and MINPROFF services in 2026.\n\
                    It follows Decree No 2013/112 and budgets USD 1.2 billion, FCFA 1,500,000.";
        assert!(prose(text).is_empty(), "{:#?}", prose(text));
        assert!(prose("").is_empty());
    }
}
