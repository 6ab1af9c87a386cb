//! The one module that knows serde_yaml (archived upstream: swapping it must
//! stay a one-file change). It turns YAML text into typed values and YAML
//! problems into diagnostics at the right line of the right file.

use serde::de::DeserializeOwned;

use crate::diagnostics::{Diagnostic, did_you_mean};

/// Where a YAML text sits: its file, and how many lines of that file come
/// before the text's first line (front matter starts after `---`).
#[derive(Debug, Clone, Copy)]
pub struct Origin<'a> {
    pub file: &'a str,
    pub lines_before: usize,
}

/// Parses a mapping of fields into `T`. Every key not in `known` is reported
/// at its own line with the nearest known key, then `T` is read (ignoring the
/// unknown keys) so that type errors are reported in the same run.
pub fn parse_fields<T: DeserializeOwned>(text: &str, known: &[&str], origin: Origin<'_>) -> Result<T, Vec<Diagnostic>> {
    let value: serde_yaml::Value = match serde_yaml::from_str(text) {
        Ok(value) => value,
        Err(err) => return Err(vec![error_to_diagnostic(&err, text, origin)]),
    };
    let mut problems = Vec::new();
    let mapping = match value {
        serde_yaml::Value::Null => serde_yaml::Mapping::new(),
        serde_yaml::Value::Mapping(mapping) => mapping,
        _ => {
            return Err(vec![
                Diagnostic::error(
                    origin.file,
                    origin.lines_before + 1,
                    1,
                    "expected fields written as `name: value` lines",
                )
                .with_hint("front matter and settings files are YAML mappings, e.g. `title: \"Referral pathways\"`"),
            ]);
        }
    };
    for key in mapping.keys() {
        let Some(name) = key.as_str() else {
            problems.push(Diagnostic::error(
                origin.file,
                origin.lines_before + 1,
                1,
                format!("field names must be text, found `{}`", scalar_text(key)),
            ));
            continue;
        };
        if !known.contains(&name) {
            let (line, column) = key_position(text, name);
            problems.push(
                Diagnostic::error(origin.file, line + origin.lines_before, column, format!("unknown field `{name}`"))
                    .with_hint(match did_you_mean(name, known.iter().copied()) {
                        Some(suggestion) => suggestion,
                        None => format!("known fields: {}", known.join(", ")),
                    }),
            );
        }
    }
    let typed = if mapping.is_empty() {
        serde_yaml::from_value(serde_yaml::Value::Mapping(mapping))
    } else {
        serde_yaml::from_str(text)
    };
    match typed {
        Ok(typed) if problems.is_empty() => Ok(typed),
        Ok(_) => Err(problems),
        Err(err) => {
            problems.push(error_to_diagnostic(&err, text, origin));
            Err(problems)
        }
    }
}

/// Parses any YAML document (a data file) into a JSON-like value.
pub fn parse_value(text: &str, origin: Origin<'_>) -> Result<serde_json::Value, Diagnostic> {
    serde_yaml::from_str(text).map_err(|err| error_to_diagnostic(&err, text, origin))
}

/// Parses any YAML into `T`, for data whose own keys are checked by serde
/// (`deny_unknown_fields`); the message then gains a suggestion.
pub fn parse_typed<T: DeserializeOwned>(text: &str, origin: Origin<'_>) -> Result<T, Diagnostic> {
    serde_yaml::from_str(text).map_err(|err| error_to_diagnostic(&err, text, origin))
}

fn scalar_text(value: &serde_yaml::Value) -> String {
    serde_yaml::to_string(value).map(|s| s.trim().to_owned()).unwrap_or_default()
}

/// Line and column of a top-level key, found in the text because parsed
/// values forget where they came from.
fn key_position(text: &str, name: &str) -> (usize, usize) {
    for (index, line) in text.lines().enumerate() {
        let unquoted = line.trim_start_matches(['"', '\'']);
        if let Some(rest) = unquoted.strip_prefix(name) {
            let rest = rest.trim_start_matches(['"', '\'']).trim_start();
            if rest.starts_with(':') && !line.starts_with([' ', '\t']) {
                return (index + 1, 1);
            }
        }
    }
    (1, 1)
}

fn error_to_diagnostic(err: &serde_yaml::Error, text: &str, origin: Origin<'_>) -> Diagnostic {
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
    let hint = hint_for(&message);
    Diagnostic::error(origin.file, line + origin.lines_before, column, message).with_optional_hint(hint)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Fields {
        title: Option<String>,
        weight: Option<i64>,
    }

    const ORIGIN: Origin<'static> = Origin { file: "a.md", lines_before: 1 };

    #[test]
    fn unknown_keys_and_type_errors_are_reported_together() {
        let problems = parse_fields::<Fields>("titel: x\nweight: heavy\n", &["title", "weight"], ORIGIN).unwrap_err();
        assert_eq!(problems.len(), 2);
        assert_eq!((problems[0].line, problems[0].message.as_str()), (2, "unknown field `titel`"));
        assert_eq!(problems[0].hint.as_deref(), Some("did you mean `title`?"));
        assert_eq!(problems[1].line, 3);
        assert!(!problems[1].message.contains("at line"), "{}", problems[1].message);
    }

    #[test]
    fn syntax_errors_point_into_the_file() {
        let problems = parse_fields::<Fields>("title: x\n  weight: [1\n", &["title", "weight"], ORIGIN).unwrap_err();
        assert!(problems[0].line >= 2, "{:?}", problems[0]);
    }
}
