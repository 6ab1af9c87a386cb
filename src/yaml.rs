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
        other => return Err(vec![not_a_mapping(&other, origin)]),
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
        other => return failed(vec![not_a_mapping(&other, origin)]),
    };
    let (known, with_fields) = known(mapping.get("kind").and_then(serde_yaml::Value::as_str));
    let mut problems = unknown_keys(&mapping, &known, text, origin);
    // As JSON (keys must be text, which unknown_keys reported otherwise).
    // JSON has no NaN or infinity (they would become `null`): they stay as
    // written, as text, for the field checks to report.
    let fields = match with_fields.then(|| {
        if may_hold_non_finite(text) {
            let mut copy = serde_yaml::Value::Mapping(mapping.clone());
            spell_non_finite(&mut copy);
            serde_json::to_value(&copy)
        } else {
            serde_json::to_value(&mapping)
        }
    }) {
        Some(Ok(serde_json::Value::Object(map))) => Some(map),
        _ => None,
    };
    match serde_yaml::from_value::<T>(serde_yaml::Value::Mapping(mapping)) {
        Ok(typed) => Front { typed: Some(typed), fields, problems },
        // Read the text again: to say where the type error is, or because
        // a parsed value forgot how a scalar was written (`title: 1.10` is a
        // number to the mapping, and the text `1.10` to a string field).
        Err(_) => match serde_yaml::from_str::<T>(text) {
            Ok(typed) => Front { typed: Some(typed), fields, problems },
            Err(err) => {
                problems.push(error_to_diagnostic(&err, text, origin));
                Front { typed: None, fields, problems }
            }
        },
    }
}

fn not_a_mapping(value: &serde_yaml::Value, origin: Origin<'_>) -> Diagnostic {
    let found = match value {
        serde_yaml::Value::Sequence(_) => "a list (lines starting with `- `)",
        serde_yaml::Value::String(_) => "a line of text",
        serde_yaml::Value::Number(_) => "a number",
        serde_yaml::Value::Bool(_) => "`true` or `false`",
        _ => "a single value",
    };
    Diagnostic::error(
        origin.file,
        origin.lines_before + 1,
        1,
        format!("expected fields written as `name: value` lines, found {found}"),
    )
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
    let value = serde_yaml::from_str(text).map_err(|err| error_to_diagnostic(&err, text, origin))?;
    // JSON has no NaN or infinity: they would become `null` without a word.
    if may_hold_non_finite(text)
        && let Ok(yaml) = serde_yaml::from_str::<serde_yaml::Value>(text)
        && let Some(problem) = non_finite_numbers(&yaml, text, origin).into_iter().next()
    {
        return Err(problem);
    }
    Ok(value)
}

/// Whether `text` may hold `.nan` or `.inf` (a cheap test before looking).
fn may_hold_non_finite(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    lower.contains(".nan") || lower.contains(".inf")
}

pub const NOT_A_NUMBER_HINT: &str =
    "write the number, or leave the field out while it is not known (text that reads `.nan` needs quotes)";

/// Each `.nan` and `.inf` of a value replaced by the text written.
fn spell_non_finite(value: &mut serde_yaml::Value) {
    match value {
        serde_yaml::Value::Number(n) => {
            if let Some(f) = n.as_f64().filter(|f| !f.is_finite()) {
                *value = serde_yaml::Value::String(non_finite_text(f).to_owned());
            }
        }
        serde_yaml::Value::Sequence(items) => items.iter_mut().for_each(spell_non_finite),
        serde_yaml::Value::Mapping(mapping) => mapping.values_mut().for_each(spell_non_finite),
        serde_yaml::Value::Tagged(tagged) => spell_non_finite(&mut tagged.value),
        _ => {}
    }
}

/// How YAML writes a number that is not finite.
fn non_finite_text(f: f64) -> &'static str {
    if f.is_nan() {
        ".nan"
    } else if f > 0.0 {
        ".inf"
    } else {
        "-.inf"
    }
}

/// Whether `text` is how YAML writes a number that is not finite.
pub fn is_non_finite_text(text: &str) -> bool {
    matches!(text, ".nan" | ".inf" | "-.inf")
}

/// Each `.nan` and `.inf` of a value, at its line: JSON, and so the pages,
/// cannot hold them (they became `null`), and no field means them.
fn non_finite_numbers(value: &serde_yaml::Value, text: &str, origin: Origin<'_>) -> Vec<Diagnostic> {
    fn walk<'v>(value: &'v serde_yaml::Value, path: &mut Vec<Step<'v>>, found: &mut Vec<(Vec<Step<'v>>, f64)>) {
        match value {
            serde_yaml::Value::Number(n) => {
                if let Some(f) = n.as_f64().filter(|f| !f.is_finite()) {
                    found.push((path.clone(), f));
                }
            }
            serde_yaml::Value::Sequence(items) => {
                for (i, item) in items.iter().enumerate() {
                    path.push(Step::Index(i));
                    walk(item, path, found);
                    path.pop();
                }
            }
            serde_yaml::Value::Mapping(mapping) => {
                for (key, item) in mapping {
                    if let Some(key) = key.as_str() {
                        path.push(Step::Key(key));
                        walk(item, path, found);
                        path.pop();
                    }
                }
            }
            serde_yaml::Value::Tagged(tagged) => walk(&tagged.value, path, found),
            _ => {}
        }
    }
    let mut found = Vec::new();
    walk(value, &mut Vec::new(), &mut found);
    found
        .into_iter()
        .map(|(path, f)| {
            let (line, column) = locate(text, &path);
            let written = non_finite_text(f);
            let name = path_text(&path);
            let subject = if name.is_empty() { String::new() } else { format!("`{name}` is ") };
            Diagnostic::error(
                origin.file,
                line + origin.lines_before,
                column,
                format!("{subject}`{written}`, which is not a number"),
            )
            .with_hint(NOT_A_NUMBER_HINT)
        })
        .collect()
}

/// A path as messages write it: `rows[2].women`.
fn path_text(path: &[Step<'_>]) -> String {
    let mut out = String::new();
    for step in path {
        match step {
            Step::Key(key) if out.is_empty() => out.push_str(key),
            Step::Key(key) => {
                out.push('.');
                out.push_str(key);
            }
            Step::Index(i) => out.push_str(&format!("[{}]", i + 1)),
        }
    }
    out
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

    fn value_problem(text: &str) -> (usize, usize, String, String) {
        let problem = parse_value(text, ORIGIN).unwrap_err();
        (problem.line, problem.column, problem.message, problem.hint.unwrap_or_default())
    }

    #[test]
    fn a_text_field_keeps_a_number_as_written() {
        let known = |_: Option<&str>| (vec!["title", "weight"], false);
        let front = read_front::<Fields>("title: 1.10\nweight: 2\n", known, ORIGIN);
        assert!(front.problems.is_empty(), "{:?}", front.problems);
        assert_eq!(front.typed.unwrap().title.as_deref(), Some("1.10"));
    }

    #[test]
    fn limits_of_the_parser_are_said_in_the_authors_terms() {
        let mut bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n".to_owned();
        for (name, previous) in "bcdefghij".chars().zip("abcdefghi".chars()) {
            let items = vec![format!("*{previous}"); 9].join(", ");
            bomb.push_str(&format!("{name}: &{name} [{items}]\n"));
        }
        let (line, column, message, _) = value_problem(&bomb);
        assert_eq!((line, column), (3, 8), "the first alias, in the file");
        assert!(message.contains("alias bomb"), "{message}");
        let deep = format!("tags: {}{}\n", "[".repeat(200), "]".repeat(200));
        let (line, _, message, hint) = value_problem(&deep);
        assert_eq!(line, 2);
        assert!(message.contains("nested too deep") && hint.contains('['), "{message}");
    }

    #[test]
    fn numbers_that_do_not_fit_are_named() {
        let (line, column, message, hint) = value_problem("year: 123456789012345678901234567890\n");
        assert_eq!((line, column), (2, 7));
        assert_eq!(message, "the number `123456789012345678901234567890` in `year` is too large");
        let (_, _, message, _) = value_problem("rows:\n  - { total: 123456789012345678901234567890 }\n");
        assert_eq!(message, "the number `123456789012345678901234567890` in `rows[1].total` is too large");
        assert!(hint.contains("quote"), "{hint}");
        let (line, column, message, _) = value_problem("rows:\n  - { women: .nan, men: 3 }\n");
        assert_eq!((line, column, message.as_str()), (3, 14, "`rows[1].women` is `.nan`, which is not a number"));
        let problems = parse_fields::<Fields>("title: x\nweight: .inf\n", &["title", "weight"], ORIGIN).unwrap_err();
        assert_eq!((problems[0].line, problems[0].message.as_str()), (3, "`weight` is `.inf`, which is not a number"));
    }

    #[test]
    fn invisible_characters_are_named_at_their_place() {
        let (line, column, message, _) = value_problem("title: x\nsummary: \"a \u{7} b\"\n");
        assert_eq!((line, column), (3, 13));
        assert_eq!(message, "the control character U+0007 (bell) is not allowed in YAML");
        let (line, column, message, _) = value_problem("tags:\n\t- a\n");
        assert_eq!((line, column, message.as_str()), (3, 1, "a tab in the indentation: YAML indents with spaces only"));
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
