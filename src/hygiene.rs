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
//! Everything here is pure: no I/O, no configuration beyond [`TextCheck`].
//! The text is read line by line; no check looks across a line break.

use std::ops::Range;

use crate::diagnostics::{Diagnostic, Severity};

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
        let code = code_mask(&chars, &mut fence, cx.source);
        let line = Line { index, chars, code };
        misdecoded(&line, &mut findings);
        placeholders(&line, cx, &mut findings);
        let personal = personal_data(&line, cx, &mut findings);
        if cx.source == Source::Prose {
            foreign_numbers(&line, cx.lang, &personal, &mut findings);
            scraping_residue(&line, &mut findings);
        }
    }
    // Stable: at one position, the order of the checks above is kept.
    findings.sort_by_key(|f| (f.line, f.column));
    findings.into_iter().map(|f| f.into_diagnostic(cx)).collect()
}

/// Whether a line holds anything that one of the checks could report: a
/// character mojibake leaves, a placeholder's letters, an `@` or enough
/// digits for personal data, digits grouped by a separator, or the shape of
/// scraping residue. A cheap pass that lets most lines be skipped.
fn worth_checking(raw: &str) -> bool {
    // Digits in one run, separators allowed between them (a phone number).
    let (mut run, mut longest_run) = (0, 0);
    let mut grouped = false;
    let mut previous_digit = false;
    let mut separator_after_digit = false;
    let mut after_lead = false;
    for c in raw.chars() {
        // `â`, `Â` are French letters; mojibake follows them with a byte of
        // U+0080-U+00FF (or the Windows-1252 `€`).
        if after_lead && (('\u{80}'..='\u{ff}').contains(&c) || c == '€' || c == ' ') {
            return true;
        }
        after_lead = matches!(c, 'â' | 'Â');
        match c {
            '\u{0E00}'..='\u{0E7F}' | '\u{FFFD}' | 'Ã' | 'Å' | 'ð' | '@' => return true,
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
    // Placeholders and residue, in a copy with ASCII letters in lower case
    // (`str::contains` is far faster than comparing every window); the
    // accented capitals as French writes them.
    const MARKERS: &[&str] = &[
        "xxx",
        "tbd",
        "tbc",
        "fixme",
        "todo",
        "[…]",
        "[...]",
        "lorem ipsum",
        "add in details",
        "to be completed",
        "insert here",
        "a completer",
        "à compléter",
        "À complÉter",
        "a inserer",
        "à insérer",
        "À insÉrer",
        "recommended for you",
        "recommandé pour vous",
    ];
    let lower = raw.to_ascii_lowercase();
    if MARKERS.iter().any(|m| lower.contains(m)) {
        return true;
    }
    let trimmed = raw.trim();
    !trimmed.is_empty() && !trimmed.contains(' ') && (trimmed.contains('_') || trimmed.contains('.'))
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

// ---------------------------------------------------------------------------
// 1. Mis-decoded text

/// A mis-decoded passage: where it ends, what to say about it.
struct Mangled {
    end: usize,
    message: String,
    hint: String,
}

/// Thai characters, mojibake from Latin-1 and U+FFFD; one finding per
/// occurrence. Checked everywhere, code included: a mangled character is
/// wrong wherever it is.
fn misdecoded(line: &Line, out: &mut Vec<Finding>) {
    let chars = &line.chars;
    let mut i = 0;
    while i < chars.len() {
        let found = if is_thai(chars[i]) {
            Some(thai_mojibake(chars, i))
        } else if chars[i] == '\u{FFFD}' {
            Some(replacement_characters(chars, i))
        } else {
            latin1_mojibake(chars, i)
        };
        match found {
            Some(mangled) => {
                out.push(line.finding(i, Severity::Error, mangled.message, mangled.hint));
                i = mangled.end.max(i + 1);
            }
            None => i += 1,
        }
    }
}

fn is_thai(c: char) -> bool {
    ('\u{0E00}'..='\u{0E7F}').contains(&c)
}

/// The byte a Thai character stands for in TIS-620 / Windows-874, where
/// 0xA1..=0xFB are U+0E01..=U+0E5B.
fn tis620_byte(c: char) -> Option<u8> {
    let code = c as u32;
    (0x0E01..=0x0E5B).contains(&code).then(|| (code - 0x0E00 + 0xA0) as u8)
}

/// The length of the UTF-8 sequence a lead byte announces.
fn utf8_len(lead: u8) -> Option<usize> {
    match lead {
        0xC2..=0xDF => Some(2),
        0xE0..=0xEF => Some(3),
        0xF0..=0xF4 => Some(4),
        _ => None,
    }
}

/// A UTF-8 continuation byte (0x80..=0xBF) as a Windows-874 or ISO-8859-11
/// reading shows it: a Thai letter for 0xA1..=0xBF, otherwise the code page's
/// punctuation or a C1 control.
fn thai_continuation(c: char) -> Option<u8> {
    let byte = match c {
        '\u{0E01}'..='\u{0E1F}' => tis620_byte(c)?,
        '\u{0080}'..='\u{00A0}' => c as u8,
        '€' => 0x80,
        '…' => 0x85,
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        _ => return None,
    };
    Some(byte)
}

/// A UTF-8 continuation byte as a Windows-1252 (or Latin-1) reading shows it.
fn cp1252_continuation(c: char) -> Option<u8> {
    if ('\u{0080}'..='\u{00BF}').contains(&c) {
        // Latin-1 proper, and the bytes Windows-1252 leaves undefined.
        return Some(c as u8);
    }
    let byte = match c {
        '€' => 0x80,
        '‚' => 0x82,
        'ƒ' => 0x83,
        '„' => 0x84,
        '…' => 0x85,
        '†' => 0x86,
        '‡' => 0x87,
        'ˆ' => 0x88,
        '‰' => 0x89,
        'Š' => 0x8A,
        '‹' => 0x8B,
        'Œ' => 0x8C,
        'Ž' => 0x8E,
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        '˜' => 0x98,
        '™' => 0x99,
        'š' => 0x9A,
        '›' => 0x9B,
        'œ' => 0x9C,
        'ž' => 0x9E,
        'Ÿ' => 0x9F,
        _ => return None,
    };
    Some(byte)
}

/// The character complete UTF-8 `bytes` encode, if it is one an author could
/// have meant (not a control or an invisible format character).
fn rebuild(bytes: &[u8]) -> Option<char> {
    let mut decoded = std::str::from_utf8(bytes).ok()?.chars();
    let c = decoded.next()?;
    let invisible = c.is_control()
        || matches!(c, '\u{AD}' | '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}' | '\u{2060}'..='\u{206F}');
    (decoded.next().is_none() && !invisible).then_some(c)
}

/// How a hint names an intended character.
fn describe(c: char) -> String {
    match c {
        '\u{A0}' => "a no-break space (U+00A0)".to_owned(),
        '\u{202F}' => "a narrow no-break space (U+202F)".to_owned(),
        c if c.is_whitespace() => format!("a space (U+{:04X})", c as u32),
        c => format!("`{c}`"),
    }
}

/// UTF-8 read as Thai (Windows-874): each byte became a Thai letter, and the
/// bytes 0x80..=0xA0 were often dropped on the way. `é` (C3 A9) arrives as
/// `รฉ`, `…` (E2 80 A6) as `โฆ`, `—` and `’` (E2 80 94/99) as a bare `โ`, a
/// no-break space (C2 A0) as a bare `ย`. The bytes are rebuilt from the
/// letters to name the intended character.
fn thai_mojibake(chars: &[char], start: usize) -> Mangled {
    let lead = tis620_byte(chars[start]).and_then(|b| utf8_len(b).map(|len| (b, len)));
    let Some((lead, len)) = lead else {
        // Not a lead byte: take the run of such letters as one occurrence.
        let is_lead = |c: char| tis620_byte(c).and_then(utf8_len).is_some();
        let run = chars[start + 1..].iter().take_while(|&&c| is_thai(c) && !is_lead(c)).count();
        let end = start + 1 + run;
        return Mangled { end, message: thai_message(&chars[start..end]), hint: unknown_thai_hint() };
    };
    let mut bytes = vec![lead];
    let mut end = start + 1;
    while bytes.len() < len
        && let Some(byte) = chars.get(end).copied().and_then(thai_continuation)
    {
        bytes.push(byte);
        end += 1;
    }
    let seen = &chars[start..end];
    let message = thai_message(seen);
    let replace = |what: String, note: &str| {
        format!("replace `{}` with {what}: UTF-8 text read as Thai (Windows-874) by a copy-paste{note}", shown(seen))
    };
    let hint = match (lead, bytes.len()) {
        (_, n) if n == len => rebuild(&bytes).map(|c| replace(describe(c), "")),
        // The middle byte 0x80 of General Punctuation (`…`, `•`, `‰`) is
        // undefined in Windows-874 and gets dropped.
        (0xE2, 2) => rebuild(&[0xE2, 0x80, bytes[1]]).map(|c| replace(describe(c), "")),
        (0xC2, 1) => Some(replace(
            "a space, or a no-break space (U+00A0) where the line must not break".to_owned(),
            "; `ย` is what is left of a no-break space",
        )),
        (0xE2, 1) => Some(bare_e2_hint(chars, start)),
        _ => None,
    };
    Mangled { end, message, hint: hint.unwrap_or_else(unknown_thai_hint) }
}

fn thai_message(seen: &[char]) -> String {
    format!("mis-decoded text `{}`: Thai characters cannot occur in English or French text", shown(seen))
}

fn unknown_thai_hint() -> String {
    "UTF-8 text was read as Thai (Windows-874) by a copy-paste; retype this passage from the original document"
        .to_owned()
}

/// A bare `โ` is what is left of `—`, `–`, `’`, `“` or `”` (E2 80 xx) once the
/// last two bytes were dropped; the neighbours tell which is likely:
/// `10โ12` is a range, `Cameroonโs` and `dโun` are apostrophes.
fn bare_e2_hint(chars: &[char], at: usize) -> String {
    let before = at.checked_sub(1).map(|i| chars[i]);
    let after = chars.get(at + 1).copied();
    let word_after: String =
        chars[at + 1..].iter().take_while(|c| c.is_alphabetic()).flat_map(|c| c.to_lowercase()).collect();
    let word_before: String = {
        let letters: Vec<char> = chars[..at].iter().rev().take_while(|c| c.is_alphabetic()).copied().collect();
        letters.iter().rev().flat_map(|c| c.to_lowercase()).collect()
    };
    let letter_before = before.is_some_and(char::is_alphabetic);
    let guess = if before.is_some_and(|c| c.is_ascii_digit()) && after.is_some_and(|c| c.is_ascii_digit()) {
        "`–` (en dash, as in a range)"
    } else if letter_before
        && (["s", "t", "d", "m", "ll", "re", "ve"].contains(&word_after.as_str())
            || (word_before.ends_with('s') && after.is_none_or(char::is_whitespace))
            || (["l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quelqu"]
                .contains(&word_before.as_str())
                && after.is_some_and(char::is_alphabetic)))
    {
        "`’` (apostrophe)"
    } else {
        "`—` (em dash)"
    };
    format!(
        "`โ` is what a copy-paste reading UTF-8 as Thai leaves of an em dash `—` (or of `–`, `’`, `“`, `”`); \
         here most likely {guess}: replace it"
    )
}

/// UTF-8 read as Latin-1 or Windows-1252: `é` (C3 A9) arrives as `Ã©`, `’`
/// (E2 80 99) as `â€™`, a no-break space (C2 A0) as `Â` and a no-break space.
///
/// Only the lead letters `Â`, `Ã`, `Å`, `â` and `ð` are considered. The other
/// Latin-1 letters that are also lead bytes (`à`, `é`, `ô` ...) are ordinary
/// French and would rebuild valid sequences from correct text: `voilà »` with
/// its no-break space is E0 A0 BB.
fn latin1_mojibake(chars: &[char], start: usize) -> Option<Mangled> {
    let (lead, len) = match chars[start] {
        'Â' => (0xC2, 2),
        'Ã' => (0xC3, 2),
        'Å' => (0xC5, 2),
        'â' => (0xE2, 3),
        'ð' => (0xF0, 4),
        _ => return None,
    };
    let mut bytes = vec![lead];
    let mut end = start + 1;
    while bytes.len() < len
        && let Some(byte) = chars.get(end).copied().and_then(cp1252_continuation)
    {
        bytes.push(byte);
        end += 1;
    }
    // `â` is a French letter too: only the punctuation block (E2 80..9F:
    // quotes, dashes, `…`, `€`, arrows) counts, never `â` before `»` or `°`.
    if lead == 0xE2 && bytes.get(1).is_some_and(|&b| b > 0x9F) {
        return None;
    }
    let after = chars.get(end).copied();
    let (quoted, intended) = match (chars[start], bytes.len()) {
        (_, n) if n == len => (shown(&chars[start..end]), rebuild(&bytes).map(describe)),
        // The second byte of `à` (C3 A0) is a no-break space, which copy-paste
        // often turns into a plain one: `Ã ` is `à`, `Â ` a no-break space.
        ('Ã', 1) if after == Some(' ') => ("Ã ".to_owned(), Some("`à` (keep the space after it)".to_owned())),
        ('Â', 1) if after == Some(' ') => {
            ("Â ".to_owned(), Some("nothing: it is what is left of a no-break space (U+00A0)".to_owned()))
        }
        // The last byte of `”` (E2 80 9D) is undefined in Windows-1252 and is
        // lost: a bare `â€` is most often a closing quote.
        ('â', 2) if bytes[1] == 0x80 => {
            (shown(&chars[start..end]), Some("`”` (most likely: the last byte of the character was lost)".to_owned()))
        }
        _ => return None,
    };
    let message = format!("mis-decoded text `{quoted}`: UTF-8 text read as Latin-1 (Windows-1252)");
    let hint = match intended {
        Some(intended) => format!("replace `{}` with {intended}", shown(&chars[start..end])),
        None => "retype this character from the original document".to_owned(),
    };
    Some(Mangled { end, message, hint })
}

/// U+FFFD, where a character could not be decoded at all; a run is one occurrence.
fn replacement_characters(chars: &[char], start: usize) -> Mangled {
    let end = start + chars[start..].iter().take_while(|&&c| c == '\u{FFFD}').count();
    Mangled {
        end,
        message: format!("replacement character `{}`: a character was lost in a conversion", shown(&chars[start..end])),
        hint: "retype the intended character from the original document (often an accented letter, a dash or a quote)"
            .to_owned(),
    }
}

// ---------------------------------------------------------------------------
// 2. Placeholders

/// Placeholder phrases, folded (lowercase, accents removed), and whether they
/// count only when standing alone.
const PHRASES: &[(&[&str], bool)] = &[
    (&["lorem", "ipsum"], false),
    (&["add", "in", "details"], false),
    // Instructions that are also ordinary sentences ("the form is to be
    // completed by the caseworker", "le formulaire à compléter par ...") are
    // placeholders only when nothing but punctuation surrounds them:
    // "Date : à compléter", "(to be completed)", "- insert here".
    (&["to", "be", "completed"], true),
    (&["a", "completer"], true),
    (&["insert", "here"], true),
    (&["a", "inserer"], true),
];

/// Placeholders outside code; errors, or warnings in a draft.
fn placeholders(line: &Line, cx: &TextCheck<'_>, out: &mut Vec<Finding>) {
    let chars = &line.chars;
    let mut found: Vec<Range<usize>> = Vec::new();
    let words = words(chars);
    for (k, word) in words.iter().enumerate() {
        let text = &chars[word.clone()];
        // `XXX` also stands for a number in a quoted interface label
        // ("Select the XXX results"): there it is the label's own text.
        let quoted_label = text.iter().all(|&c| c == 'x' || c == 'X')
            && inside_quotes(chars, word)
            && !stands_for_missing_text(chars, &words, word);
        if is_placeholder_word(text) && !quoted_label {
            found.push(word.clone());
        }
        for (phrase, alone) in PHRASES {
            if let Some(range) = phrase_at(chars, &words, k, phrase)
                && (!alone || stands_alone(chars, &range))
            {
                found.push(range);
            }
        }
    }
    for pattern in ["[…]", "[...]"] {
        let pattern: Vec<char> = pattern.chars().collect();
        // `[…]` marks an omission inside a quotation in English and French
        // alike; it is a placeholder only where it stands for missing text.
        found.extend(
            chars
                .windows(pattern.len())
                .enumerate()
                .filter(|(_, w)| *w == pattern)
                .map(|(i, _)| i..i + pattern.len())
                .filter(|range| stands_for_missing_text(chars, &words, range)),
        );
    }
    found.sort_by_key(|r| r.start);
    let severity = if cx.stage == Stage::Published { Severity::Error } else { Severity::Warning };
    let hint = match cx.stage {
        Stage::Draft => {
            "replace it with the final text; it becomes an error once the status is no longer draft or review"
        }
        Stage::NoStatus => {
            "replace it with the final text; it becomes an error once the document has a `status` \
                            other than draft or review"
        }
        Stage::Published => {
            "replace it with the final text before publishing (placeholders are only warnings while \
                             the status is draft or review)"
        }
    };
    for range in found.into_iter().filter(|r| !line.code[r.start]) {
        let message = format!("placeholder `{}` left in the text", line.text(range.clone()));
        out.push(line.finding(range.start, severity, message, hint.to_owned()));
    }
}

/// Runs of letters and digits: what counts as a word for whole-word matches.
fn words(chars: &[char]) -> Vec<Range<usize>> {
    let mut words = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let len = chars[i..].iter().take_while(|c| c.is_alphanumeric()).count();
        if len > 0 {
            words.push(i..i + len);
            i += len;
        } else {
            i += 1;
        }
    }
    words
}

fn is_placeholder_word(word: &[char]) -> bool {
    // The named placeholders have 3 to 5 letters; only runs of x are longer.
    if word.len() < 3 || (word.len() > 5 && !word.iter().all(|&c| c == 'x' || c == 'X')) {
        return false;
    }
    let text: String = word.iter().collect();
    // Three or more x in any case (`xxx`, `XXXX`), but not `xxxl` or `xxiii`.
    (word.len() >= 3 && word.iter().all(|&c| c == 'x' || c == 'X'))
        || ["TBD", "TBC", "FIXME"].iter().any(|p| text.eq_ignore_ascii_case(p))
        // `todo` is a Spanish and Portuguese word: only the capitals mark a placeholder.
        || text == "TODO"
}

/// Lowercase without accents, so that `A COMPLETER` matches `à compléter`.
fn folded(chars: &[char]) -> String {
    let mut out = String::with_capacity(chars.len());
    chars.iter().for_each(|c| fold_char_into(*c, &mut out));
    out
}

/// Lower case without accents, `œ` and `æ` written out: the one folding of
/// the project, the one `static/search.js` applies to a query (which
/// decomposes a letter and drops its accent: letters that do not decompose,
/// such as `ø` or `ł`, stay as they are, there as here).
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

pub fn fold_into(text: &str, out: &mut String) {
    text.chars().for_each(|c| fold_char_into(c, out));
}

fn fold_char_into(c: char, out: &mut String) {
    for lower in c.to_lowercase() {
        match lower {
            'œ' => out.push_str("oe"),
            'æ' => out.push_str("ae"),
            c => out.push(fold_accent(c)),
        }
    }
}

/// A lower-case letter without its accent: `é` -> `e`, `ã` -> `a`. The
/// letters of Latin-1 and Latin Extended-A (and B's few in use) whose
/// Unicode decomposition is a base letter and accents.
pub fn fold_accent(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' | 'ǎ' | 'ǟ' | 'ǡ' | 'ǻ' | 'ȁ' | 'ȃ' | 'ȧ' => {
            'a'
        }
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => 'c',
        'ď' => 'd',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' | 'ȅ' | 'ȇ' | 'ȩ' => 'e',
        'ĝ' | 'ğ' | 'ġ' | 'ģ' | 'ǧ' | 'ǵ' => 'g',
        'ĥ' | 'ȟ' => 'h',
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ǐ' | 'ȉ' | 'ȋ' => 'i',
        'ĵ' | 'ǰ' => 'j',
        'ķ' | 'ǩ' => 'k',
        'ĺ' | 'ļ' | 'ľ' => 'l',
        'ñ' | 'ń' | 'ņ' | 'ň' | 'ǹ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ō' | 'ŏ' | 'ő' | 'ơ' | 'ǒ' | 'ǫ' | 'ǭ' | 'ȍ' | 'ȏ' | 'ȫ' | 'ȭ' | 'ȯ' | 'ȱ' => {
            'o'
        }
        'ŕ' | 'ŗ' | 'ř' | 'ȑ' | 'ȓ' => 'r',
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => 's',
        'ţ' | 'ť' | 'ț' => 't',
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' | 'ư' | 'ǔ' | 'ǖ' | 'ǘ' | 'ǚ' | 'ǜ' | 'ȕ' | 'ȗ' => {
            'u'
        }
        'ŵ' => 'w',
        'ý' | 'ÿ' | 'ŷ' | 'ȳ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        c => c,
    }
}

/// The range of `phrase` when it starts at word `k`, its words separated by
/// whitespace only.
fn phrase_at(chars: &[char], words: &[Range<usize>], k: usize, phrase: &[&str]) -> Option<Range<usize>> {
    let candidate = words.get(k..k + phrase.len())?;
    for (n, (word, want)) in candidate.iter().zip(phrase).enumerate() {
        if folded(&chars[word.clone()]) != *want {
            return None;
        }
        if n > 0 {
            let gap = &chars[candidate[n - 1].end..word.start];
            if !gap.iter().all(|c| c.is_whitespace()) {
                return None;
            }
        }
    }
    Some(candidate[0].start..candidate[phrase.len() - 1].end)
}

/// Nothing but opening punctuation before `range` on its line (or a list
/// item's number, `3.`), nothing but closing punctuation after it: alone in
/// a paragraph, a list item, a table cell or a heading.
fn stands_alone(chars: &[char], range: &Range<usize>) -> bool {
    let before = chars[..range.start].iter().rev().find(|c| !c.is_whitespace());
    let after = chars[range.end..].iter().find(|c| !c.is_whitespace());
    let lead: String = chars[..range.start].iter().collect();
    let lead = lead.trim();
    let numbered =
        lead.len() > 1 && lead.ends_with(['.', ')']) && lead[..lead.len() - 1].chars().all(|c| c.is_ascii_digit());
    (numbered || before.is_none_or(|c| "([{<|:;-–—*_>•#+\"“«".contains(*c)))
        && after.is_none_or(|c| ")]}>|.…!;:*_\"”»".contains(*c))
}

/// Words that ask for text to be written, folded: a placeholder beside one
/// of them stands for missing text ("xxx Add in details xxx", "[…] à compléter").
const INSTRUCTIONS: &[&str] =
    &["add", "insert", "fill", "complete", "completed", "details", "ajouter", "inserer", "completer", "remplir"];

/// Where a marker that may also be ordinary text (`[…]`, `XXX`) stands
/// for missing text: alone, or within three words of an instruction.
fn stands_for_missing_text(chars: &[char], words: &[Range<usize>], range: &Range<usize>) -> bool {
    if stands_alone(chars, range) {
        return true;
    }
    let first_after = words.partition_point(|w| w.start < range.end);
    let last_before = words.partition_point(|w| w.end <= range.start);
    let near = words[last_before.saturating_sub(3)..last_before].iter().chain(words[first_after..].iter().take(3));
    near.into_iter().any(|w| INSTRUCTIONS.contains(&folded(&chars[w.clone()]).as_str()))
}

/// Whether `range` is inside quotation marks (`"…"`, `“…”`, `«…»`) or bold
/// (`**…**`, how documentation writes an interface label) on its line.
fn inside_quotes(chars: &[char], range: &Range<usize>) -> bool {
    let (before, after) = (&chars[..range.start], &chars[range.end..]);
    let open = |o: char, c: char| {
        let last_open = before.iter().rposition(|&x| x == o);
        let last_close = before.iter().rposition(|&x| x == c);
        last_open.is_some_and(|i| last_close.is_none_or(|j| j < i)) && after.contains(&c)
    };
    let pairs = |s: &[char]| s.windows(2).filter(|w| w == &['*', '*']).count();
    let straight = before.iter().filter(|&&c| c == '"').count() % 2 == 1 && after.contains(&'"');
    straight || open('“', '”') || open('«', '»') || (pairs(before) % 2 == 1 && pairs(after) > 0)
}

// ---------------------------------------------------------------------------
// 3. Personal data

/// Phone numbers and e-mail addresses; returns their ranges so that the number
/// check does not report them a second time. Code is checked too: an address
/// in a code span is published all the same.
fn personal_data(line: &Line, cx: &TextCheck<'_>, out: &mut Vec<Finding>) -> Vec<Range<usize>> {
    let (severity, hint) = match cx.source {
        Source::DataFile => (
            Severity::Error,
            "personal data must not be published: remove it (the signed sheets stay in the programme's files; \
             the site publishes counts only)",
        ),
        Source::Prose => (
            Severity::Warning,
            "a person's contact details must not be published: remove them, or give a function and an \
             institutional contact instead",
        ),
    };
    let email_hint = match cx.source {
        Source::DataFile => {
            "a person's address must not be published: remove it (the signed sheets stay in the \
                             programme's files; the site publishes counts only). Role and service addresses \
                             (`info@`, `contact@`, `support@` …) are not reported"
        }
        Source::Prose => {
            "a person's address must not be published: give a role or service address instead \
                          (`info@`, `contact@`, `support@` …, which are not reported, nor are addresses at the \
                          mail domain of an institution of the glossary, listed in its `domains`)"
        }
    };
    let emails = emails(&line.chars);
    let institutional = |range: &Range<usize>| {
        let address = line.text(range.clone()).to_lowercase();
        let (local, domain) = address.split_once('@').unwrap_or_default();
        is_role_address(local)
            || (cx.source == Source::Prose
                && cx.institution_domains.iter().any(|d| {
                    domain.strip_suffix(d.as_str()).is_some_and(|rest| rest.is_empty() || rest.ends_with('.'))
                }))
    };
    let phones: Vec<Range<usize>> = phone_numbers(&line.chars)
        .into_iter()
        .filter(|phone| !emails.iter().any(|email| overlaps(email, phone)))
        .collect();
    let mut spans = Vec::new();
    for range in emails {
        if !institutional(&range) {
            let message =
                format!("a person's e-mail address `{}` in published content", shown(&line.chars[range.clone()]));
            out.push(line.finding(range.start, severity, message, email_hint.to_owned()));
        }
        spans.push(range);
    }
    for range in phones {
        let message = format!("phone number `{}` in published content", shown(&line.chars[range.clone()]));
        out.push(line.finding(range.start, severity, message, hint.to_owned()));
        spans.push(range);
    }
    spans
}

/// The local parts of addresses that belong to a function, not a person:
/// `info@`, `contact@`, `support-fr@`, `secretariat.dg@`.
fn is_role_address(local: &str) -> bool {
    const ROLES: &[&str] = &[
        "info",
        "infos",
        "information",
        "contact",
        "contacts",
        "support",
        "help",
        "helpdesk",
        "hello",
        "admin",
        "office",
        "secretariat",
        "secretariat-general",
        "communication",
        "communications",
        "press",
        "presse",
        "media",
        "webmaster",
        "postmaster",
        "noreply",
        "no-reply",
        "team",
        "feedback",
        "security",
        "privacy",
        "enquiries",
        "inquiries",
        "accueil",
        "courrier",
        "service",
        "services",
        "bureau",
        "direction",
        "documentation",
        "abuse",
        "registry",
        "reception",
        "hotline",
        "protection",
        "complaints",
        "plaintes",
    ];
    let head = local.split(['.', '-', '_', '+']).next().unwrap_or(local);
    ROLES.contains(&local) || ROLES.contains(&head)
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// `local@domain.tld`, found from each `@` outwards. Addresses at the
/// documentation domains (example.org ...) are examples, not personal data.
fn emails(chars: &[char]) -> Vec<Range<usize>> {
    let is_local = |c: &char| c.is_alphanumeric() || "._%+-".contains(*c);
    let is_domain = |c: &char| c.is_alphanumeric() || *c == '.' || *c == '-';
    let mut found: Vec<Range<usize>> = Vec::new();
    for at in (0..chars.len()).filter(|&i| chars[i] == '@') {
        let mut start = at - chars[..at].iter().rev().take_while(|c| is_local(c)).count();
        while start < at && chars[start] == '.' {
            start += 1;
        }
        let mut end = at + 1 + chars[at + 1..].iter().take_while(|c| is_domain(c)).count();
        while end > at + 1 && matches!(chars[end - 1], '.' | '-') {
            end -= 1;
        }
        let domain: String = chars[at + 1..end].iter().collect::<String>().to_lowercase();
        let Some((host, tld)) = domain.rsplit_once('.') else { continue };
        let valid = start < at
            && !host.is_empty()
            && tld.len() >= 2
            && tld.chars().all(|c| c.is_ascii_alphabetic())
            && found.last().is_none_or(|last| last.end <= start);
        let example = ["example.org", "example.com", "example.net"]
            .iter()
            .any(|e| domain == *e || domain.ends_with(&format!(".{e}")));
        if valid && !example {
            found.push(start..end);
        }
    }
    found
}

/// Separators inside a written phone number: `677 12 34 56`, `6.77.12.34.56`,
/// `677-12-34-56`, and the no-break spaces.
const PHONE_SEPARATORS: [char; 6] = [' ', '\u{A0}', '\u{202F}', '\u{2009}', '.', '-'];

/// A run of digit groups joined by single separators, maybe after a `+`.
struct DigitRun {
    range: Range<usize>,
    digits: String,
    groups: Vec<usize>,
    plus: bool,
}

fn phone_numbers(chars: &[char]) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let plus = chars[i] == '+' && chars.get(i + 1).is_some_and(char::is_ascii_digit);
        if !(plus || chars[i].is_ascii_digit()) || continues_number(chars, i) {
            i += 1;
            continue;
        }
        let run = digit_run(chars, i, plus);
        if is_phone(&run, chars) {
            found.push(run.range.clone());
        }
        i = run.range.end.max(i + 1);
    }
    found
}

/// Whether position `i` is inside a longer token: after a letter or digit, or
/// after `2013/` or `1.` (reference numbers, decimals, versions).
fn continues_number(chars: &[char], i: usize) -> bool {
    let Some(&before) = i.checked_sub(1).and_then(|p| chars.get(p)) else { return false };
    before.is_alphanumeric()
        || before == '+'
        || (matches!(before, '.' | ',' | '/' | '-' | ':') && i >= 2 && chars[i - 2].is_ascii_digit())
}

fn digit_run(chars: &[char], start: usize, plus: bool) -> DigitRun {
    let mut j = start + usize::from(plus);
    let mut digits = String::new();
    let mut groups = Vec::new();
    loop {
        let len = chars[j..].iter().take_while(|c| c.is_ascii_digit()).count();
        digits.extend(&chars[j..j + len]);
        groups.push(len);
        j += len;
        // One separator followed by a digit continues the number.
        if j + 1 < chars.len() && PHONE_SEPARATORS.contains(&chars[j]) && chars[j + 1].is_ascii_digit() {
            j += 1;
        } else {
            break;
        }
    }
    DigitRun { range: start..j, digits, groups, plus }
}

/// International numbers (`+` and 8 to 15 digits, or 00 / 237 without the
/// `+`), and Cameroonian mobiles: 9 digits starting with 6. Years, dates,
/// `2013/112` and amounts such as `1 200 000` never have that shape; the one
/// collision, an amount of hundreds of millions grouped by three
/// (`650 000 000 FCFA`), is told apart by its currency or its round last group.
fn is_phone(run: &DigitRun, chars: &[char]) -> bool {
    let n = run.digits.len();
    if run.plus {
        return (8..=15).contains(&n);
    }
    if (run.digits.starts_with("00") && (11..=15).contains(&n)) || (run.digits.starts_with("2376") && n == 12) {
        return true;
    }
    n == 9 && run.digits.starts_with('6') && !looks_like_amount(run, chars)
}

fn looks_like_amount(run: &DigitRun, chars: &[char]) -> bool {
    const CURRENCIES: [&str; 11] = ["fcfa", "xaf", "cfa", "f", "francs", "usd", "eur", "dollars", "euros", "$", "€"];
    if run.groups != [3, 3, 3] {
        return false;
    }
    let next: String = {
        let rest = &chars[run.range.end..];
        let skip = rest.iter().take_while(|c| c.is_whitespace()).count();
        let word = rest[skip..].iter().take_while(|c| c.is_alphanumeric()).count().max(1);
        rest[skip..].iter().take(word).flat_map(|c| c.to_lowercase()).collect()
    };
    let previous: String = {
        let before = &chars[..run.range.start];
        let skip = before.iter().rev().take_while(|c| c.is_whitespace()).count();
        let before = &before[..before.len() - skip];
        let word = before.iter().rev().take_while(|c| c.is_alphanumeric()).count().max(1);
        before[before.len().saturating_sub(word)..].iter().flat_map(|c| c.to_lowercase()).collect()
    };
    run.digits.ends_with("000") || CURRENCIES.contains(&next.as_str()) || CURRENCIES.contains(&previous.as_str())
}

// ---------------------------------------------------------------------------
// 4. Numbers grouped the other language's way

/// `1,674` on a French page, `1 674` on an English one (DOCUMENT-KINDS.md
/// 10.2). A grouped number is a first group of 1 to 3 digits followed by
/// groups of exactly 3; code, URLs and the personal data already reported are
/// left alone.
fn foreign_numbers(line: &Line, lang: &str, personal: &[Range<usize>], out: &mut Vec<Finding>) {
    let separators: &[char] = match lang {
        "fr" => &[','],
        "en" => &[' ', '\u{A0}', '\u{202F}', '\u{2009}'],
        _ => return,
    };
    let chars = &line.chars;
    let urls = urls(chars);
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() || inside_number(chars, i, separators) {
            i += 1;
            continue;
        }
        let first = chars[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        let mut end = i + first;
        let mut groups = Vec::new();
        while end < chars.len() && separators.contains(&chars[end]) && three_digits_at(chars, end + 1) {
            groups.push(chars[end + 1..end + 4].iter().collect::<String>());
            end += 4;
        }
        let range = i..end;
        // Followed by a separator and a group of another length (`15 2021`,
        // `1,234,5`): not one grouped number.
        let ragged = end + 1 < chars.len() && separators.contains(&chars[end]) && chars[end + 1].is_ascii_digit();
        // `0,250` is a French decimal, not a thousand grouping.
        let decimal = lang == "fr" && first == 1 && chars[i] == '0';
        let skipped =
            range.clone().any(|k| line.code[k]) || urls.iter().chain(personal).any(|other| overlaps(other, &range));
        if !groups.is_empty() && first <= 3 && !ragged && !decimal && !skipped {
            let head: String = chars[i..i + first].iter().collect();
            let quoted = shown(&chars[range.clone()]);
            let (message, hint) = if lang == "fr" {
                (
                    format!("number `{quoted}` is grouped the English way on a French page"),
                    format!(
                        "write `{}` (groups separated by a narrow no-break space, U+202F); in French the comma is \
                         the decimal mark",
                        std::iter::once(head).chain(groups).collect::<Vec<_>>().join("\u{202F}")
                    ),
                )
            } else {
                (
                    format!("number `{quoted}` is grouped the French way on an English page"),
                    format!(
                        "write `{}`: English groups digits with a comma",
                        std::iter::once(head).chain(groups).collect::<Vec<_>>().join(",")
                    ),
                )
            };
            out.push(line.finding(i, Severity::Warning, message, hint));
        }
        i = end.max(i + first);
    }
}

/// Whether the digit at `i` continues a token: after a letter or digit, or
/// after a separator or decimal mark that follows a digit (`2020 123 456`
/// starts at `2020`, `1.250` is a decimal).
fn inside_number(chars: &[char], i: usize, separators: &[char]) -> bool {
    let Some(&before) = i.checked_sub(1).and_then(|p| chars.get(p)) else { return false };
    before.is_alphanumeric()
        || (i >= 2
            && chars[i - 2].is_ascii_digit()
            && (separators.contains(&before) || matches!(before, '.' | ',' | '/' | '-' | ':')))
}

/// Exactly three digits at `at`, not followed by a fourth.
fn three_digits_at(chars: &[char], at: usize) -> bool {
    at + 3 <= chars.len()
        && chars[at..at + 3].iter().all(char::is_ascii_digit)
        && !chars.get(at + 3).is_some_and(char::is_ascii_digit)
}

/// `http://`, `https://` and `www.` addresses, up to a space or a closing sign.
fn urls(chars: &[char]) -> Vec<Range<usize>> {
    let starts_with = |i: usize, prefix: &str| prefix.chars().enumerate().all(|(k, p)| chars.get(i + k) == Some(&p));
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let at_start = i == 0 || !chars[i - 1].is_alphanumeric();
        if at_start && (starts_with(i, "http://") || starts_with(i, "https://") || starts_with(i, "www.")) {
            let len = chars[i..].iter().take_while(|c| !c.is_whitespace() && !")>]\"'".contains(**c)).count();
            found.push(i..i + len);
            i += len;
        } else {
            i += 1;
        }
    }
    found
}

// ---------------------------------------------------------------------------
// 5. Scraping residue

/// Lines of a web page's interface copied along with the document.
const RESIDUE_LINES: [&str; 2] = ["recommended for you", "recommandé pour vous"];

/// Extensions of the office documents whose names turn up as residue.
const DOCUMENT_EXTENSIONS: [&str; 8] = [".pdf", ".docx", ".doc", ".xlsx", ".xls", ".pptx", ".ppt", ".odt"];

/// Whole lines that are residue of a scraped page (prose only; code is not residue).
fn scraping_residue(line: &Line, out: &mut Vec<Finding>) {
    if line.code.iter().any(|&c| c) {
        return;
    }
    let text: String = line.chars.iter().collect();
    let trimmed = text.trim();
    let column = line.chars.iter().take_while(|c| c.is_whitespace()).count();
    let (message, hint) = if RESIDUE_LINES.contains(&trimmed.to_lowercase().as_str()) {
        (
            format!("scraping residue `{trimmed}`: a line of a web page's interface, not of the document"),
            "delete the line",
        )
    } else if looks_like_file_name(trimmed) {
        (
            format!("a file name standing alone, `{trimmed}`: residue of a copied citation"),
            "delete it, or write the reference in full (title, author, year) or as a link to the document",
        )
    } else {
        return;
    };
    out.push(line.finding(column, Severity::Warning, message, hint.to_owned()));
}

/// No spaces, only letters, digits and `_-.…`, and either a document
/// extension (`Report_2023.pdf`) or words joined by underscores
/// (`Diaspora_Remittances_IDF_Camero…`). Underscores must join letters or
/// digits, so that Markdown emphasis (`__Note__`) is not a file name.
fn looks_like_file_name(text: &str) -> bool {
    if text.is_empty() || !text.chars().all(|c| c.is_alphanumeric() || "_-.…".contains(c)) {
        return false;
    }
    let lower = text.to_lowercase();
    if DOCUMENT_EXTENSIONS.iter().any(|ext| lower.len() > ext.len() && lower.ends_with(ext)) {
        return true;
    }
    let chars: Vec<char> = text.chars().collect();
    let joins = chars.windows(3).filter(|w| w[1] == '_' && w[0].is_alphanumeric() && w[2].is_alphanumeric()).count();
    joins >= 2 || (joins >= 1 && (text.ends_with('…') || text.ends_with("...")))
}

/// Paragraphs and lists that appear twice in a body: copy-paste between
/// drafts leaves them (seed 002 repeats its lists of values and skills).
/// Short ones (headings' neighbours, "See above.") are not compared.
pub fn repeated_paragraphs(body: &str, file: &str, lines_before: usize) -> Vec<Diagnostic> {
    const MIN_CHARS: usize = 80;
    // Paragraphs are compared by a hash of their words, lower-cased: no
    // copy of the text is made, which matters on every page of a large site.
    let mut seen: std::collections::HashMap<u64, usize> = std::collections::HashMap::new();
    let mut problems = Vec::new();
    let mut block: Option<(usize, usize, usize)> = None; // first line, byte start, byte end
    let mut in_fence = false;
    let mut flush = |block: &mut Option<(usize, usize, usize)>, problems: &mut Vec<Diagnostic>| {
        let Some((line, start, end)) = block.take() else { return };
        let text = &body[start..end];
        if text.len() < MIN_CHARS || text.trim_start().starts_with('|') {
            return;
        }
        let Some(hash) = words_hash(text, MIN_CHARS) else { return };
        match seen.get(&hash) {
            Some(first) => problems.push(
                Diagnostic::warning(file, line, 1, format!("this paragraph repeats the one at line {first}"))
                    .with_hint("copy-paste between drafts often leaves a paragraph or list twice: keep one"),
            ),
            None => {
                seen.insert(hash, line);
            }
        }
    };
    for (index, line) in body.lines().enumerate() {
        let number = lines_before + index + 1;
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_fence = !in_fence;
            continue;
        }
        if in_fence || trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with(":::") {
            flush(&mut block, &mut problems);
            continue;
        }
        let start = line.as_ptr() as usize - body.as_ptr() as usize;
        let end = start + line.len();
        match &mut block {
            Some((_, _, block_end)) => *block_end = end,
            None => block = Some((number, start, end)),
        }
    }
    flush(&mut block, &mut problems);
    problems
}

/// A hash of `text`'s words lower-cased and one space apart, if they hold
/// at least `min_bytes` bytes.
fn words_hash(text: &str, min_bytes: usize) -> Option<u64> {
    // A multiply-rotate hash eight bytes at a time (as rustc's FxHasher):
    // a collision would only mean one warning too many in one document.
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mix = |hash: u64, word: u64| (hash.rotate_left(5) ^ word).wrapping_mul(K);
    let mut hash = 0u64;
    let mut bytes = 0;
    for word in text.split_whitespace() {
        // Only a word with a capital outside ASCII needs a lower-cased copy.
        let lowered;
        let word = if word.is_ascii() || !word.chars().any(char::is_uppercase) {
            word
        } else {
            lowered = word.to_lowercase();
            lowered.as_str()
        };
        let lower = |bytes: &[u8]| {
            let mut out = [0u8; 8];
            out.iter_mut().zip(bytes).for_each(|(o, b)| *o = b.to_ascii_lowercase());
            u64::from_le_bytes(out)
        };
        let mut chunks = word.as_bytes().chunks_exact(8);
        for chunk in &mut chunks {
            hash = mix(hash, lower(chunk));
        }
        let tail = lower(chunks.remainder());
        // The tail's length keeps "ab c" and "a bc" apart.
        hash = mix(mix(hash, tail), chunks.remainder().len() as u64 + 0x100);
        bytes += word.len() + 1;
    }
    (bytes > min_bytes).then_some(hash)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_repeated_paragraph_or_list_is_reported_once_at_its_second_place() {
        let list = "- Integrity, respect and accountability in every action\n- Inclusion of women and young people in decisions\n";
        let shouted = list.replace("Integrity", "INTEGRITY");
        let body = format!("Intro.\n\n{list}\n## Later\n\n{shouted}\n```\n{list}```\n");
        let found = repeated_paragraphs(&body, "a.md", 10);
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].line, found[0].message.as_str()), (18, "this paragraph repeats the one at line 13"));
    }

    fn cx(lang: &'static str, source: Source) -> TextCheck<'static> {
        TextCheck {
            file: "content/sops/x.en.md",
            lang,
            stage: Stage::Published,
            lines_before: 0,
            source,
            institution_domains: &[],
        }
    }

    fn prose(text: &str) -> Vec<Diagnostic> {
        check(text, &cx("en", Source::Prose))
    }

    fn prose_fr(text: &str) -> Vec<Diagnostic> {
        check(text, &cx("fr", Source::Prose))
    }

    fn data(text: &str) -> Vec<Diagnostic> {
        check(text, &cx("en", Source::DataFile))
    }

    /// (line, column) of each diagnostic whose message contains `what`.
    fn at(diagnostics: &[Diagnostic], what: &str) -> Vec<(usize, usize)> {
        diagnostics.iter().filter(|d| d.message.contains(what)).map(|d| (d.line, d.column)).collect()
    }

    fn hints(diagnostics: &[Diagnostic]) -> Vec<String> {
        diagnostics.iter().map(|d| d.hint.clone().unwrap_or_default()).collect()
    }

    // --- 1. mis-decoded text ----------------------------------------------

    #[test]
    fn seed_001_thai_mojibake_is_found_with_the_intended_characters() {
        // Copied from seed 001 (line 6 and line 4).
        let text = "At policy level, the Government of Cameroonโthrough MINREX and the Comitรฉ Nationalโhas committed to building aย National Diaspora Engagement Strategy\nDiaspora_Remittances_IDF_Cameroโฆ";
        let found = prose(text);
        let errors: Vec<&Diagnostic> = found.iter().filter(|d| d.severity == Severity::Error).collect();
        assert_eq!(errors.len(), 5, "{found:#?}");
        assert!(errors.iter().all(|d| d.message.starts_with("mis-decoded text")));
        assert_eq!(at(&found, "`โ`"), vec![(1, 44), (1, 84)]);
        assert_eq!(at(&found, "`รฉ`"), vec![(1, 73)]);
        assert!(errors[0].hint.as_deref().unwrap().contains("`—`"));
        assert!(errors[1].hint.as_deref().unwrap().contains("with `é`"));
        assert!(errors[3].hint.as_deref().unwrap().contains("no-break space"));
        assert_eq!(at(&found, "`โฆ`"), vec![(2, 32)]);
        assert!(errors[4].hint.as_deref().unwrap().contains("with `…`"));
        // The citation line is also residue.
        assert_eq!(at(&found, "file name standing alone"), vec![(2, 1)]);
    }

    #[test]
    fn seed_002_apostrophes_ranges_and_no_break_spaces() {
        // Copied from seed 002 (lines 8 and 34, shortened).
        let text =
            "Thisย internship will contribute to IOMโs efforts to:\nA policy brief (10โ12 pages) on women’s roles.";
        let found = prose(text);
        assert_eq!(found.len(), 3, "{found:#?}");
        assert_eq!((found[0].line, found[0].column), (1, 5));
        assert!(found[0].hint.as_deref().unwrap().contains("no-break space"));
        assert_eq!((found[1].line, found[1].column), (1, 40));
        assert!(found[1].hint.as_deref().unwrap().contains("most likely `’`"));
        assert_eq!((found[2].line, found[2].column), (2, 19));
        assert!(found[2].hint.as_deref().unwrap().contains("most likely `–`"));
    }

    #[test]
    fn bare_e2_guesses_follow_the_neighbours() {
        let hint = |text: &str| hints(&prose(text)).remove(0);
        assert!(hint("the Reintegration Assistant โ Diaspora").contains("most likely `—`"));
        assert!(hint("annuallyโresources").contains("most likely `—`"));
        assert!(hint("four yearsโ experience").contains("most likely `’`"));
        assert!(hint("le programme dโun centre").contains("most likely `’`"));
        assert!(hint("itโs").contains("most likely `’`"));
    }

    #[test]
    fn windows_874_with_punctuation_kept_rebuilds_the_whole_character() {
        // E2 80 94 read as Windows-874: 0x80 is `€`, 0x94 is `”`.
        let found = prose("nexus\u{E42}€”peace");
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(found[0].hint.as_deref().unwrap().contains("with `—`"));
    }

    #[test]
    fn thai_letters_that_rebuild_nothing_are_one_occurrence() {
        let found = prose("text ฉฉฉ here");
        assert_eq!(at(&found, "mis-decoded"), vec![(1, 6)]);
        assert!(found[0].hint.as_deref().unwrap().contains("retype"));
    }

    #[test]
    fn latin1_mojibake_names_the_intended_character() {
        let cases = [
            ("Ã©", "`é`"),
            ("Ã¨", "`è`"),
            ("Ã§", "`ç`"),
            ("Ã‰", "`É`"),
            ("â€™", "`’`"),
            ("â€œ", "`“`"),
            ("â€“", "`–`"),
            ("â€”", "`—`"),
            ("Å“", "`œ`"),
            ("Â\u{A0}", "no-break space"),
            ("Â«", "`«`"),
            ("ðŸ˜€", "`😀`"),
        ];
        for (mangled, intended) in cases {
            let found = prose(&format!("Le mot {mangled}x"));
            assert_eq!(found.len(), 1, "{mangled}: {found:#?}");
            assert_eq!((found[0].line, found[0].column), (1, 8), "{mangled}");
            assert!(found[0].message.contains("Latin-1"), "{mangled}");
            assert!(found[0].hint.as_deref().unwrap().contains(intended), "{mangled}: {:?}", found[0].hint);
        }
    }

    #[test]
    fn latin1_mojibake_with_lost_bytes() {
        let found = prose("Ã  complÃ©ter, â€ quoted, Â space");
        assert_eq!(found.len(), 4, "{found:#?}");
        let hints = hints(&found);
        assert!(found[0].message.contains("`Ã `") && hints[0].contains("`à`"));
        assert!(hints[1].contains("`é`"));
        assert!(hints[2].contains("`”`"));
        assert!(found[3].message.contains("`Â `") && hints[3].contains("no-break space"));
    }

    #[test]
    fn correct_french_and_english_are_not_mojibake() {
        let text = "Château, âge, déjà ; « voilà\u{A0}» ÂGE, CHÂTEAU, naïve, cœur, l’âme — 10–12 … São Paulo";
        assert!(prose_fr(text).is_empty(), "{:#?}", prose_fr(text));
        assert!(prose("Ã\nÂ").is_empty());
    }

    #[test]
    fn replacement_characters_are_one_occurrence_per_run() {
        let found = data("Comit\u{FFFD}\u{FFFD} and r\u{FFFD}gion");
        assert_eq!(at(&found, "replacement character"), vec![(1, 6), (1, 14)]);
        assert!(found.iter().all(|d| d.severity == Severity::Error));
    }

    #[test]
    fn mojibake_is_found_inside_code_too() {
        assert_eq!(prose("`Ã©`\n```\nIOMโs\n```").len(), 2);
    }

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

    // --- 2. placeholders --------------------------------------------------

    #[test]
    fn seed_002_placeholder_triple() {
        // From seed 002 line 34.
        let found = prose("ย Languages xxx Add in details xxx IOMโs official languages");
        let placeholders = at(&found, "placeholder");
        assert_eq!(placeholders, vec![(1, 13), (1, 17), (1, 32)]);
        assert!(found.iter().filter(|d| d.message.contains("placeholder")).all(|d| d.severity == Severity::Error));
        assert!(found.iter().any(|d| d.message == "placeholder `Add in details` left in the text"));
    }

    #[test]
    fn placeholder_words_are_whole_words() {
        let found = prose("XXX, xxxx, TBD. TBC? FIXME: TODO tbd");
        assert_eq!(at(&found, "placeholder").len(), 7, "{found:#?}");
        let none = prose("Sizes xxxl and XXL, chapter xxiii, TODOS, todo el mundo, TBDs, Lorem, ipsum, boxxx");
        assert!(none.is_empty(), "{none:#?}");
    }

    #[test]
    fn bracketed_ellipsis_and_lorem_ipsum() {
        let found = prose("[...]\n- […]\n| a | […] |\n## […]\n3. […]\n[…] (add the figure)\nthen LOREM ipsum dolor");
        let expected = vec![(1, 1), (2, 3), (3, 7), (4, 4), (5, 4), (6, 1), (7, 6)];
        assert_eq!(at(&found, "placeholder"), expected, "{found:#?}");
        assert!(found[6].message.contains("`LOREM ipsum`"));
        assert!(prose("[..] or [ … ] or ... or …").is_empty());
    }

    #[test]
    fn an_omission_inside_a_quotation_is_no_placeholder() {
        let quotes = "The report says \"returnees [...] need support\" and « les migrants […] ont besoin ».\n\
                      > We met […] partners in Douala.";
        assert!(prose(quotes).is_empty(), "{:#?}", prose(quotes));
        assert_eq!(at(&prose("Insert […] here"), "placeholder"), vec![(1, 8)]);
    }

    #[test]
    fn xxx_in_a_quoted_interface_label_is_the_label() {
        let labels = "Click \"Select the XXX results\", then **Export XXX rows** or « Voir les XXX résultats ».";
        assert!(prose(labels).is_empty(), "{:#?}", prose(labels));
        let found = prose("The budget is xxx FCFA.\n\"xxx\"\n\"Add xxx here\"");
        assert_eq!(at(&found, "placeholder"), vec![(1, 15), (2, 2), (3, 6)], "{found:#?}");
    }

    #[test]
    fn instruction_phrases_only_when_standing_alone() {
        let found =
            prose_fr("Date : à compléter\n- A COMPLETER\n(to be completed)\n[insert here]\n| Nom | à insérer |");
        assert_eq!(at(&found, "placeholder"), vec![(1, 8), (2, 3), (3, 2), (4, 2), (5, 9)]);
        let sentences = "The form is to be completed by the caseworker.\nLe formulaire à compléter par le bénéficiaire.\nInsert here the name of the centre, a completer-finisher.";
        assert!(prose(sentences).is_empty(), "{:#?}", prose(sentences));
    }

    #[test]
    fn placeholders_are_warnings_in_drafts() {
        let draft = TextCheck { stage: Stage::Draft, ..cx("en", Source::Prose) };
        let found = check("Budget: TBD", &draft);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Warning);
        assert!(found[0].hint.as_deref().unwrap().contains("becomes an error"));
        assert_eq!(prose("Budget: TBD")[0].severity, Severity::Error);
        // A page without a status (ordinary documentation) has no drafts: a warning too.
        let page = TextCheck { stage: Stage::NoStatus, ..cx("en", Source::Prose) };
        let found = check("Lorem ipsum dolor sit amet", &page);
        assert_eq!(found[0].severity, Severity::Warning);
        assert!(found[0].hint.as_deref().unwrap().contains("once the document has a `status`"));
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

    // --- 3. personal data -------------------------------------------------

    #[test]
    fn phone_numbers_in_their_usual_shapes() {
        let text = "Call +237 677 12 34 56 or 677 12 34 56, 677123456, 6.77.12.34.56, 699-12-34-56, \
                    +33 1 23 45 67 89, 00237677123456, 237 677 12 34 56, 677 123 456.";
        let found = prose(text);
        let phones = at(&found, "phone number");
        assert_eq!(phones.len(), 9, "{found:#?}");
        assert_eq!(phones[0], (1, 6));
        assert!(found[0].message.contains("`+237 677 12 34 56`"));
        assert!(found.iter().all(|d| d.severity == Severity::Warning));
    }

    #[test]
    fn years_dates_references_amounts_and_versions_are_not_phones() {
        let text = "Decree No 2013/112 of 2020-2030, on 2024-05-06, 10/02/2026, 1 200 000 FCFA, 650 000 000 FCFA, \
                    600 000 000, USD 612 345 678, version 6.2.1, SND30 2020-2030, 12,500,000, ISBN 978-2-07-036822-8, \
                    6 500 000 000, 1+2, C++";
        let found = prose_fr(text);
        assert!(at(&found, "phone").is_empty(), "{found:#?}");
    }

    #[test]
    fn email_addresses() {
        let found = prose("Write to jean.dupont@mail.cm, or <mailto:a_b+c@iom.int>. Follow @IOM, not me@localhost.");
        assert_eq!(at(&found, "e-mail address"), vec![(1, 10), (1, 42)]);
        assert!(found[0].message.contains("`jean.dupont@mail.cm`"));
        assert!(prose("See name@example.org and x@docs.example.com").is_empty());
    }

    #[test]
    fn role_and_institution_addresses_are_not_a_persons() {
        let domains = ["iom.int".to_owned()];
        let prose = TextCheck { institution_domains: &domains, ..cx("en", Source::Prose) };
        let text = "Write to info@mail.cm, contact@minas.cm, support-fr@x.org, jdupont@iom.int or jean.dupont@mail.cm.";
        let found = check(text, &prose);
        assert_eq!(at(&found, "e-mail address"), vec![(1, 79)], "{found:#?}");
        assert!(found[0].hint.as_deref().unwrap().contains("`info@`, `contact@`, `support@`"));
        // In an attendance list, a person's address at an institution is still a person's.
        let data = TextCheck { institution_domains: &domains, ..cx("", Source::DataFile) };
        assert_eq!(at(&check("name,email\nJ,jdupont@iom.int\nK,info@iom.int", &data), "e-mail"), vec![(2, 3)]);
    }

    #[test]
    fn personal_data_is_an_error_in_data_files() {
        let found = data("institution,phone\nminrex,+237 699 00 11 22\nminas,chef@minas.cm");
        assert_eq!(at(&found, "phone number"), vec![(2, 8)]);
        assert_eq!(at(&found, "e-mail address"), vec![(3, 7)]);
        assert!(found.iter().all(|d| d.severity == Severity::Error));
    }

    #[test]
    fn digits_of_an_address_are_not_a_phone_as_well() {
        let found = data("677123456@mail.cm");
        assert_eq!(found.len(), 1);
        assert!(found[0].message.starts_with("a person's e-mail address"));
    }

    // --- 4. numbers -------------------------------------------------------

    #[test]
    fn english_grouping_on_a_french_page() {
        let found = prose_fr("Il y a 1,674 retours et 12,500,000 FCFA.");
        assert_eq!(at(&found, "grouped the English way"), vec![(1, 8), (1, 25)]);
        assert_eq!(
            found[0].hint.as_deref().unwrap(),
            "write `1\u{202F}674` (groups separated by a narrow no-break space, U+202F); in French the comma is the decimal mark"
        );
        assert!(found[1].hint.as_deref().unwrap().starts_with("write `12\u{202F}500\u{202F}000`"));
        assert!(found.iter().all(|d| d.severity == Severity::Warning));
    }

    #[test]
    fn french_decimals_are_not_groupings() {
        let text = "1,5 %, 0,25, 0,250, 1,2 milliard, 3,14159, 1 674 et 2020–2030, article 1,234,5";
        assert!(prose_fr(text).is_empty(), "{:#?}", prose_fr(text));
    }

    #[test]
    fn french_grouping_on_an_english_page() {
        let found = prose("We met 1 674 people, 12\u{A0}500 women and 3\u{202F}000\u{202F}000 in total.");
        assert_eq!(at(&found, "grouped the French way"), vec![(1, 8), (1, 22), (1, 39)]);
        assert_eq!(found[0].hint.as_deref().unwrap(), "write `1,674`: English groups digits with a comma");
        assert!(found[2].message.contains("`3<U+202F>000<U+202F>000`"));
        assert!(found[2].hint.as_deref().unwrap().starts_with("write `3,000,000`"));
    }

    #[test]
    fn english_years_dates_and_lists_are_not_groupings() {
        let text =
            "In 2020 2021 and 15 2021, on 10 February 2026, 1,674 people, USD 1.2 billion, 2020 123 456, 12 1234.";
        assert!(prose(text).is_empty(), "{:#?}", prose(text));
    }

    #[test]
    fn numbers_are_checked_in_prose_of_known_languages_only() {
        assert!(data("1 674").is_empty());
        assert!(check("1 674 and 1,674", &cx("de", Source::Prose)).is_empty());
        assert!(prose("`1 674` and https://example.org/a?b=1 674x").is_empty());
        // A phone number grouped by three is reported once, as a phone number.
        let found = prose("Call 677 123 456.");
        assert_eq!(found.len(), 1);
        assert!(found[0].message.starts_with("phone number"));
    }

    // --- 5. scraping residue ----------------------------------------------

    #[test]
    fn interface_lines_are_residue() {
        let found = prose("Text.\nRecommended for you\n  Recommandé pour vous  \nRecommended for you and your family.");
        assert_eq!(at(&found, "scraping residue"), vec![(2, 1), (3, 3)]);
        assert!(found.iter().all(|d| d.severity == Severity::Warning && d.hint.as_deref() == Some("delete the line")));
    }

    #[test]
    fn file_names_standing_alone_are_residue() {
        let found =
            prose("Annual_Report_2023.pdf\nnote.DOCX\nDiaspora_Remittances…\nDiaspora_Remittances_IDF_Camero...");
        assert_eq!(at(&found, "file name standing alone"), vec![(1, 1), (2, 1), (3, 1), (4, 1)]);
        let not_files = "See report.pdf here.\nhttps://iom.int/a_b_c.pdf\n__Important__\n_Note_\nsnake_case\n[Report](files/a_b_c.pdf)\n.pdf\n| a_b_c.pdf |";
        assert!(prose(not_files).is_empty(), "{:#?}", prose(not_files));
    }

    #[test]
    fn residue_is_a_prose_check() {
        assert!(data("Recommended for you\nAnnual_Report_2023.pdf").is_empty());
        assert!(prose("```\nAnnual_Report_2023.pdf\n```").is_empty());
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
