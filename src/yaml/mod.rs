//! The one module that knows serde_yaml (archived upstream: swapping it must
//! stay a one-file change). It turns YAML text into typed values and YAML
//! problems into diagnostics at the right line of the right file.

use serde::de::DeserializeOwned;

use crate::diagnostics::{Diagnostic, did_you_mean};

mod explain;
mod locate;

pub use explain::char_name;
use explain::error_to_diagnostic;
pub use locate::{Step, locate, top_level_keys};

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
            let (line, column) = locate(text, &[Step::Key(name)]);
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

fn scalar_text(value: &serde_yaml::Value) -> String {
    serde_yaml::to_string(value).map(|s| s.trim().to_owned()).unwrap_or_default()
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
    fn an_unknown_key_is_found_quoted_or_with_spaces_and_not_in_a_nested_map() {
        let text = "links:\n  Date of review: x\ntitle: t\n\"Date of review\": 2026-01-01\n";
        let problems = parse_fields::<serde_yaml::Value>(text, &["title", "links"], ORIGIN).unwrap_err();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!((problems[0].line, problems[0].column), (5, 1), "{problems:?}");
        assert_eq!(top_level_keys(text), [("links".into(), 1), ("title".into(), 3), ("Date of review".into(), 4)]);
        assert_eq!(top_level_keys("# title: commented\n- item: x\nweight: 2\n"), [("weight".to_owned(), 3)]);
        let quoted = parse_fields::<serde_yaml::Value>("title: t\n\"Review: notes\": y\n", &["title"], ORIGIN);
        assert_eq!(quoted.unwrap_err()[0].line, 3, "a quoted key may hold a colon");
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
