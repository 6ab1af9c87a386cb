//! serde_yaml's errors said in the author's terms, at their line and column.

use super::{NOT_A_NUMBER_HINT, Origin};
use crate::diagnostics::{Diagnostic, did_you_mean};

pub(super) fn error_to_diagnostic(err: &serde_yaml::Error, text: &str, origin: Origin<'_>) -> Diagnostic {
    let raw = err.to_string();
    let message = strip_positions(&raw);
    let (line, column) = match err.location() {
        // Errors raised by a field's own check (a bad date) point at the
        // start of the mapping: find the offending value instead.
        Some(location) if (location.line(), location.column()) == (1, 1) => {
            quoted_value_position(&message, text).unwrap_or((1, 1))
        }
        Some(location) => (location.line(), location.column()),
        None => (text.lines().count().max(1), 1),
    };
    if let Some((line, column, message, hint)) = explained(&message, text, (line, column)) {
        return Diagnostic::error(origin.file, line + origin.lines_before, column, message).with_hint(hint);
    }
    let hint = hint_for(&message);
    Diagnostic::error(origin.file, line + origin.lines_before, column, message).with_optional_hint(hint)
}

/// serde_yaml messages that say what went wrong in its own terms, said in
/// the author's, with where and what to do: position, message, hint.
fn explained(message: &str, text: &str, (line, column): (usize, usize)) -> Option<(usize, usize, String, String)> {
    // A field's name, as serde_yaml puts it before the message (`weight: `).
    let field = |at: usize| one_based(message[..at].trim_end_matches(": "));
    let within = |at: usize| match field(at) {
        f if f.is_empty() => String::new(),
        f => format!(" in `{f}`"),
    };
    if message.contains("repetition limit exceeded") {
        let (line, column) = first_alias(text).unwrap_or((line, column));
        return Some((
            line,
            column,
            "this YAML expands too far: its aliases (`*name`) repeat anchored values (`&name`) over and over (an alias bomb)".to_owned(),
            "write the values out instead of aliases of aliases; front matter and data files need no anchors".to_owned(),
        ));
    }
    if message.contains("recursion limit exceeded") {
        return Some((
            line,
            column,
            "lists and mappings are nested too deep here (more than 128 levels)".to_owned(),
            "check that each `[` and `{` closes where it should; a field needs a few levels at most".to_owned(),
        ));
    }
    for marker in ["invalid type: integer `", "invalid value: integer `"] {
        if let Some(at) = message.find(marker)
            && (message.contains("as u128") || message.contains("as i128"))
        {
            let number = message[at + marker.len()..].split('`').next().unwrap_or_default();
            return Some((
                line,
                column,
                format!("the number `{number}`{} is too large", within(at)),
                "numbers hold up to 18 digits; a code or an identifier made of digits is text: quote it, `\"…\"`"
                    .to_owned(),
            ));
        }
    }
    if let Some(at) = message.find("JSON number out of range") {
        let number: String = text
            .lines()
            .nth(line.saturating_sub(1))
            .unwrap_or_default()
            .chars()
            .skip(column.saturating_sub(1))
            .take_while(|c| c.is_ascii_digit() || matches!(c, '-' | '+' | '.' | 'e' | 'E' | '_'))
            .collect();
        let number = if number.is_empty() { "a number".to_owned() } else { format!("the number `{number}`") };
        return Some((
            line,
            column,
            format!("{number}{} is too large", within(at)),
            "numbers hold up to 18 digits; a code or an identifier made of digits is text: quote it, `\"…\"`"
                .to_owned(),
        ));
    }
    for (written, shown) in [("`NaN`", ".nan"), ("`inf`", ".inf"), ("`-inf`", "-.inf")] {
        if message.contains(&format!("floating point {written}"))
            && let Some(at) = message.find("invalid type")
        {
            let f = field(at);
            let subject = if f.is_empty() { String::new() } else { format!("`{f}` is ") };
            return Some((
                line,
                column,
                format!("{subject}`{shown}`, which is not a number"),
                NOT_A_NUMBER_HINT.to_owned(),
            ));
        }
    }
    if message.contains("control characters are not allowed") {
        let (offset, c) = text.char_indices().find(|&(_, c)| !yaml_printable(c))?;
        let (line, column) = crate::diagnostics::line_col(text, offset);
        return Some((
            line,
            column,
            format!("the control character {} is not allowed in YAML", char_name(c)),
            "it is invisible: delete it (it comes with text pasted from another program); write a tab or a line break as such".to_owned(),
        ));
    }
    if message.contains("found character that cannot start any token") {
        let raw = text.lines().nth(line.saturating_sub(1)).unwrap_or_default();
        if raw.trim_start_matches(' ').starts_with('\t') {
            let column = raw.chars().take_while(|&c| c == ' ').count() + 1;
            return Some((
                line,
                column,
                "a tab in the indentation: YAML indents with spaces only".to_owned(),
                "replace the tabs at the start of this line with spaces (set the editor to insert spaces for YAML and Markdown)".to_owned(),
            ));
        }
    }
    None
}

/// A serde path (`rows[0].total`) numbered as messages number items, from 1.
fn one_based(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut rest = path;
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..=open]);
        rest = &rest[open + 1..];
        let digits = rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len());
        match rest[..digits].parse::<usize>() {
            Ok(n) if rest[digits..].starts_with(']') => out.push_str(&(n + 1).to_string()),
            _ => out.push_str(&rest[..digits]),
        }
        rest = &rest[digits..];
    }
    out.push_str(rest);
    out
}

/// Line and column of the first alias (`*name`) of an anchor of the text.
fn first_alias(text: &str) -> Option<(usize, usize)> {
    let name_at =
        |rest: &str| -> String { rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '-').collect() };
    let anchors: Vec<String> =
        text.match_indices('&').map(|(i, _)| name_at(&text[i + 1..])).filter(|n| !n.is_empty()).collect();
    let (offset, _) = text.match_indices('*').find(|(i, _)| anchors.contains(&name_at(&text[i + 1..])))?;
    Some(crate::diagnostics::line_col(text, offset))
}

/// Whether YAML allows `c` as is (YAML 1.2, 5.1: printable characters).
fn yaml_printable(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{85}' | ' '..='~' | '\u{a0}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
}

/// A character as messages name it: `U+0007 (bell)`.
pub fn char_name(c: char) -> String {
    let name = match c {
        '\0' => Some("NUL"),
        '\u{7}' => Some("bell"),
        '\u{8}' => Some("backspace"),
        '\u{b}' => Some("vertical tab"),
        '\u{c}' => Some("form feed"),
        '\u{1b}' => Some("escape"),
        '\u{7f}' => Some("delete"),
        '\u{feff}' => Some("byte order mark"),
        _ => None,
    };
    match name {
        Some(name) => format!("U+{:04X} ({name})", c as u32),
        None => format!("U+{:04X}", c as u32),
    }
}

/// Where the first `value` quoted in a message stands in the text, when it
/// stands there once.
fn quoted_value_position(message: &str, text: &str) -> Option<(usize, usize)> {
    let value = message.split('`').nth(1).filter(|v| !v.is_empty())?;
    let mut found = text.match_indices(value);
    let (offset, _) = found.next()?;
    if found.next().is_some() {
        return None;
    }
    Some(crate::diagnostics::line_col(text, offset))
}

/// serde_yaml appends "at line N column M" with positions inside the YAML
/// text; the diagnostic carries the position in the file instead.
fn strip_positions(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(at) = rest.find(" at line ") {
        out.push_str(&rest[..at]);
        let tail = &rest[at + " at line ".len()..];
        let skip = tail
            .char_indices()
            .find(|&(_, c)| !(c.is_ascii_digit() || c == ' ' || "column".contains(c)))
            .map_or(tail.len(), |(i, _)| i);
        rest = &tail[skip..];
    }
    out.push_str(rest);
    out.trim().trim_end_matches(',').to_owned()
}

fn hint_for(message: &str) -> Option<String> {
    for marker in ["unknown field `", "unknown variant `"] {
        if let Some(start) = message.find(marker) {
            let after = &message[start + marker.len()..];
            let name = after.split('`').next().unwrap_or_default();
            let expected: Vec<&str> =
                after.split("expected").nth(1).unwrap_or_default().split('`').skip(1).step_by(2).collect();
            return Some(match did_you_mean(name, expected.iter().copied()) {
                Some(suggestion) => suggestion,
                None => format!("expected one of: {}", expected.join(", ")),
            });
        }
    }
    if message.contains("invalid type") {
        return Some(
            "check the value's type: text may need quotes, a list is written `[a, b]` or as `- a` lines".to_owned(),
        );
    }
    if message.contains("did not find expected")
        || message.contains("mapping values are not allowed")
        || message.contains("found character")
    {
        return Some("check the indentation and quoting on this line: a value containing `: ` or starting with `[`, `{`, `*`, `&`, `!`, `%`, `@` or `#` must be quoted".to_owned());
    }
    None
}
