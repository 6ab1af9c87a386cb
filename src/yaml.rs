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
    let mapping = match value {
        serde_yaml::Value::Null => serde_yaml::Mapping::new(),
        serde_yaml::Value::Mapping(mapping) => mapping,
        _ => return Err(vec![not_a_mapping(origin)]),
    };
    let mut problems = unknown_keys(&mapping, known, text, origin);
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

/// Front matter read once: `T` (the common fields) and, when the kind has
/// fields of its own, the whole mapping as JSON. `known` gives, for the
/// document's `kind`, the names it may use and whether it has such fields.
pub struct Front<T> {
    pub typed: Option<T>,
    pub fields: Option<serde_json::Map<String, serde_json::Value>>,
    pub problems: Vec<Diagnostic>,
}

pub fn read_front<T: DeserializeOwned>(
    text: &str,
    known: impl Fn(Option<&str>) -> (Vec<&'static str>, bool),
    origin: Origin<'_>,
) -> Front<T> {
    let failed = |problems| Front { typed: None, fields: None, problems };
    let value: serde_yaml::Value = match serde_yaml::from_str(text) {
        Ok(value) => value,
        Err(err) => return failed(vec![error_to_diagnostic(&err, text, origin)]),
    };
    let mapping = match value {
        serde_yaml::Value::Null => serde_yaml::Mapping::new(),
        serde_yaml::Value::Mapping(mapping) => mapping,
        _ => return failed(vec![not_a_mapping(origin)]),
    };
    let (known, with_fields) = known(mapping.get("kind").and_then(serde_yaml::Value::as_str));
    let mut problems = unknown_keys(&mapping, &known, text, origin);
    // As JSON (keys must be text, which unknown_keys reported otherwise).
    let fields = match with_fields.then(|| serde_json::to_value(&mapping)) {
        Some(Ok(serde_json::Value::Object(map))) => Some(map),
        _ => None,
    };
    match serde_yaml::from_value::<T>(serde_yaml::Value::Mapping(mapping)) {
        Ok(typed) => Front { typed: Some(typed), fields, problems },
        Err(_) => {
            // Read the text again only to say where the type error is.
            if let Err(err) = serde_yaml::from_str::<T>(text) {
                problems.push(error_to_diagnostic(&err, text, origin));
            }
            Front { typed: None, fields, problems }
        }
    }
}

fn not_a_mapping(origin: Origin<'_>) -> Diagnostic {
    Diagnostic::error(origin.file, origin.lines_before + 1, 1, "expected fields written as `name: value` lines")
        .with_hint("front matter and settings files are YAML mappings, e.g. `title: \"Referral pathways\"`")
}

/// Each key that is not text or not in `known`, at its own line.
fn unknown_keys(mapping: &serde_yaml::Mapping, known: &[&str], text: &str, origin: Origin<'_>) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
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
    problems
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

/// One step of a path into a YAML text.
#[derive(Debug, Clone, Copy)]
pub enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

/// Line and column (1-based, in `text`) of the value at `path`, found in the
/// text because parsed values forget where they came from. Block and flow
/// styles are both followed; where the path cannot be followed further, the
/// deepest position found is returned.
pub fn locate(text: &str, path: &[Step<'_>]) -> (usize, usize) {
    let lines: Vec<LineView<'_>> = text.lines().map(LineView::new).collect();
    let mut range = 0..lines.len();
    let mut found = (1, 1);
    // Inside a flow collection (`{ a: 1 }`, `[x, y]`): its line and the
    // column where the current value starts.
    let mut flow: Option<(usize, usize)> = None;
    for step in path {
        if let Some((line, col)) = flow {
            let raw = text.lines().nth(line).unwrap_or("");
            match flow_step(raw, col, *step) {
                Some(col) => {
                    flow = Some((line, col));
                    found = (line + 1, raw[..col].chars().count() + 1);
                    continue;
                }
                None => return found,
            }
        }
        match *step {
            Step::Key(key) => {
                let Some(line) =
                    range.clone().filter(|&i| lines[i].key() == Some(key)).min_by_key(|&i| lines[i].indent)
                else {
                    return found;
                };
                let view = &lines[line];
                let col = view.start + view.content.find(':').map_or(0, |c| c + 1);
                let rest = view.content.split_once(':').map_or("", |(_, r)| r);
                let value_col = col + (rest.len() - rest.trim_start().len());
                found = (line + 1, text.lines().nth(line).map_or(1, |raw| raw[..view.start].chars().count() + 1));
                if rest.trim_start().starts_with(['{', '[']) {
                    flow = Some((line, value_col));
                    continue;
                }
                let end = (line + 1..range.end)
                    .find(|&i| !lines[i].blank() && lines[i].ends_block_of(view.indent))
                    .unwrap_or(range.end);
                range = line + 1..end;
            }
            Step::Index(index) => {
                let dashes: Vec<usize> = range.clone().filter(|&i| lines[i].dash.is_some()).collect();
                let Some(depth) = dashes.iter().filter_map(|&i| lines[i].dash).min() else {
                    return found;
                };
                let items: Vec<usize> = dashes.into_iter().filter(|&i| lines[i].dash == Some(depth)).collect();
                let Some(&line) = items.get(index) else {
                    return found;
                };
                let view = &lines[line];
                found = (line + 1, depth + 1);
                if view.content.starts_with(['{', '[']) {
                    flow = Some((line, view.start));
                    continue;
                }
                let end = items.get(index + 1).copied().unwrap_or(range.end);
                range = line..end;
            }
        }
    }
    found
}

/// A line of block YAML: where its content starts once `- ` markers are
/// taken as indentation, and where its first `- ` is.
struct LineView<'a> {
    indent: usize,
    /// Byte offset of the content in the line.
    start: usize,
    dash: Option<usize>,
    content: &'a str,
}

impl<'a> LineView<'a> {
    fn new(line: &'a str) -> Self {
        let mut start = line.len() - line.trim_start_matches(' ').len();
        let mut dash = None;
        loop {
            let rest = &line[start..];
            if rest.starts_with("- ") || rest == "-" {
                dash.get_or_insert(start);
                start += 1;
                start += line[start..].len() - line[start..].trim_start_matches(' ').len();
            } else {
                break;
            }
        }
        LineView { indent: start, start, dash, content: &line[start..] }
    }

    fn blank(&self) -> bool {
        self.content.trim().is_empty() || self.content.starts_with('#')
    }

    /// The key this line starts with, unquoted.
    fn key(&self) -> Option<&'a str> {
        let (key, _) = self.content.split_once(':')?;
        let key = key.trim().trim_matches(['"', '\'']);
        (!key.is_empty() && !key.contains([' ', '{', '['])).then_some(key)
    }

    /// Whether this line is past the block of a key at `indent`: a sibling
    /// or an outer key, or an item of an outer list.
    fn ends_block_of(&self, indent: usize) -> bool {
        match self.dash {
            Some(dash) => dash < indent,
            None => self.indent <= indent,
        }
    }
}

/// In a flow collection starting at byte `col` of `line`: the byte column of
/// the value at `step`.
fn flow_step(line: &str, col: usize, step: Step<'_>) -> Option<usize> {
    let open = line[col..].find(['{', '['])? + col;
    let mut depth = 0;
    let mut quote: Option<char> = None;
    let mut element = 0;
    let mut element_start = open + 1;
    for (i, c) in line[open..].char_indices() {
        let i = i + open;
        if let Some(q) = quote {
            if c == q {
                quote = None;
            }
            continue;
        }
        match c {
            '"' | '\'' => quote = Some(c),
            '{' | '[' => depth += 1,
            '}' | ']' => {
                depth -= 1;
                if depth == 0 {
                    return None;
                }
            }
            ',' if depth == 1 => {
                element += 1;
                element_start = i + 1;
            }
            _ => {}
        }
        if depth == 1 && i == element_start {
            let item = &line[i..];
            let lead = item.len() - item.trim_start().len();
            match step {
                Step::Index(n) if n == element => return Some(i + lead),
                Step::Key(key) => {
                    let entry = item.trim_start();
                    if let Some(rest) = entry.strip_prefix(key)
                        && rest.trim_start().starts_with(':')
                    {
                        let after = rest.trim_start()[1..].len();
                        let value = line.len() - after;
                        let value = value + (line[value..].len() - line[value..].trim_start().len());
                        return Some(value);
                    }
                }
                _ => {}
            }
        }
    }
    None
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

    #[test]
    fn values_are_located_in_block_and_flow_styles() {
        let text = "title: T\nroles:\n- id: cm\n  actor: iom\n- id: psy\n  actor: minas\nagenda:\n  - { id: a, minutes: 0, objectives: [o1, o9] }\n  - id: b\n    method: talk\nscope:\n  groups: [women]\n";
        let at = |path: &[Step<'_>]| locate(text, path);
        assert_eq!(at(&[Step::Key("roles"), Step::Index(1), Step::Key("actor")]), (6, 3));
        assert_eq!(at(&[Step::Key("agenda"), Step::Index(0), Step::Key("minutes")]), (8, 23));
        assert_eq!(at(&[Step::Key("agenda"), Step::Index(0), Step::Key("objectives"), Step::Index(1)]), (8, 43));
        assert_eq!(at(&[Step::Key("agenda"), Step::Index(1), Step::Key("method")]), (10, 5));
        assert_eq!(at(&[Step::Key("scope"), Step::Key("groups")]), (12, 3));
        // A path that cannot be followed stops at the deepest place found.
        assert_eq!(at(&[Step::Key("roles"), Step::Index(7)]), (2, 1));
    }
}
