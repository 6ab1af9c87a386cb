//! Components: fenced blocks whose info string names a component hold YAML
//! and render to HTML at build time (DESIGN.md). Here each one is read,
//! checked against its table of fields (the same types as front matter) and
//! given its data: a CSV file of the document's folder is read into rows of
//! the page's language, a timeline may take the document's action plan.
//! Rendering is `render::components`.

use std::path::Path;

use serde_json::{Map, Value, json};

use crate::diagnostics::{Diagnostic, Severity, did_you_mean};
use crate::kinds::schema::{Field, Req, Ty};
use crate::kinds::validate::{Findings, Path as FieldPath, Seg, Validator};
use crate::model::Glossary;
use crate::yaml::{self, Origin, Step};

pub const COMPONENTS: &[&str] = &["quiz", "chart", "table", "timeline", "map", "form"];

const fn field(name: &'static str, ty: Ty, req: Req, doc: &'static str) -> Field {
    Field { name, ty, req, doc }
}

use Req::{Optional as O, Required as R};

const TEXTS: Ty = Ty::List(&Ty::Text);
const PLAINS: Ty = Ty::List(&Ty::Plain);

const QUESTION: Ty = Ty::Object(&[
    field("id", Ty::Id, R, "Stable id of the question."),
    field("objective", Ty::Id, R, "The module objective it assesses."),
    field("type", Ty::Choice(&["single", "multiple", "true-false", "short"]), R, "Kind of question."),
    field("text", Ty::Text, R, "The question."),
    field("options", TEXTS, O, "Choices, for single and multiple choice."),
    field(
        "answer",
        Ty::Either(&[Ty::Integer { min: 1 }, Ty::List(&Ty::Integer { min: 1 }), Ty::Bool, Ty::Text]),
        R,
        "Number of the right option (1 = first), numbers for multiple choice, true/false, or a model answer.",
    ),
    field("explanation", Ty::Text, O, "Why, for the facilitator."),
]);

const QUIZ: &[Field] = &[
    field("title", Ty::Text, O, "Title shown above the questions."),
    field("kind", Ty::Choice(&["pre-test", "post-test", "check"]), O, "Pre-test, post-test or check."),
    field("self_check", Ty::Bool, O, "Let readers of the web page reveal the answers themselves."),
    field("questions", Ty::List(&QUESTION), R, "The questions."),
];

const TABLE: &[Field] = &[
    field("file", Ty::File, R, "A CSV file of the document's folder."),
    field("columns", PLAINS, O, "Columns to show, in order (default: all)."),
    field("caption", Ty::Text, O, "Caption above the table."),
    field("source", Ty::Text, O, "Source line under the table."),
];

const CHART: &[Field] = &[
    field("type", Ty::Choice(&["bar", "stacked"]), R, "Bars of one series, or stacked series."),
    field("title", Ty::Text, R, "Title of the chart."),
    field("source", Ty::Text, O, "Source line under the chart."),
    field("data", Ty::File, O, "A CSV file of the document's folder (or `rows`)."),
    field(
        "rows",
        Ty::List(&Ty::Map(&Ty::Either(&[Ty::Number { min: None, max: None }, Ty::Text]))),
        O,
        "Rows written here.",
    ),
    field("category", Ty::Plain, R, "The column whose values are the bars."),
    field("series", PLAINS, R, "Numeric columns, summed per category."),
    field("labels", Ty::Map(&Ty::Text), O, "Names of the series, in this language."),
];

const SPAN: Ty = Ty::Object(&[
    field("label", Ty::Text, R, "What is done."),
    field("start", Ty::When, R, "Start month or quarter."),
    field("end", Ty::When, R, "End month, quarter or date."),
    field("group", Ty::Text, O, "Group (axis)."),
]);

const TIMELINE: &[Field] = &[
    field("title", Ty::Text, R, "Title of the timeline."),
    field("from", Ty::Choice(&["action_plan"]), O, "Take the rows from the document's action plan."),
    field("rows", Ty::List(&SPAN), O, "Rows written here."),
    field(
        "milestones",
        Ty::List(&Ty::Object(&[field("label", Ty::Text, R, "Milestone."), field("date", Ty::Date, R, "Its date.")])),
        O,
        "Milestones (diamonds).",
    ),
];

const COUNTRY_ROW: Ty = Ty::Object(&[
    field("country", Ty::Plain, R, "ISO 3166-1 alpha-3 code, e.g. FRA."),
    field("women", Ty::Integer { min: 0 }, O, "Women."),
    field("men", Ty::Integer { min: 0 }, O, "Men."),
    field("total", Ty::Integer { min: 0 }, O, "Total; must equal women + men when both are given."),
]);

const MAP: &[Field] = &[
    field("title", Ty::Text, R, "Title of the map."),
    field("source", Ty::Text, R, "Where the figures come from: a map without its source is not publishable."),
    field("year", Ty::Integer { min: 1900 }, R, "Year of the figures."),
    field("data", Ty::File, O, "A CSV file of the document's folder: country, women, men, total."),
    field("rows", Ty::List(&COUNTRY_ROW), O, "Rows written here."),
    field("value", Ty::Choice(&["total", "women", "men"]), O, "What the colours show (default total)."),
    field("suppress_below", Ty::Integer { min: 0 }, O, "Counts below this print as \"< N\" (default 5)."),
];

/// The kinds of field a form can ask for; each prints with room to write.
pub const FORM_FIELD_TYPES: &[&str] = &["text", "long-text", "date", "choice", "yes-no", "signature", "table"];

const FORM_FIELD: Ty = Ty::Object(&[
    field("id", Ty::Id, R, "Stable id of the field, the same in every language."),
    field("label", Ty::Text, R, "What the field asks, in this language."),
    field("type", Ty::Choice(FORM_FIELD_TYPES), R, "text, long-text, date, choice, yes-no, signature or table."),
    field("required", Ty::Bool, O, "Marked as required on screen and on paper."),
    field("help", Ty::Text, O, "A line under the label."),
    field("options", TEXTS, O, "The choices of a `choice` field."),
    field("multiple", Ty::Bool, O, "Several choices may be ticked (default: one)."),
    field("lines", Ty::Integer { min: 1 }, O, "Lines to write on, for `long-text` (default 4)."),
    field("columns", TEXTS, O, "Column headings of a `table` field."),
    field("rows", Ty::Integer { min: 1 }, O, "Blank rows of a `table` field (default 10)."),
]);

const FORM_SECTION: Ty = Ty::Object(&[
    field("title", Ty::Text, R, "Heading of the section."),
    field("fields", Ty::List(&FORM_FIELD), R, "Its fields, in order."),
]);

const FORM: &[Field] = &[
    field("title", Ty::Text, R, "Title printed at the top of the form."),
    field("reference", Ty::Plain, R, "Reference printed in the form's footer, e.g. RRR-SOP-01-A."),
    field("version", Ty::Version, R, "Version printed in the form's footer."),
    field("intro", Ty::Text, O, "A sentence on who fills the form in and when."),
    field("privacy", Ty::Text, R, "Consent and data protection: what the form holds and who may see it."),
    field("landscape", Ty::Bool, O, "Print across the page (wide tables such as an attendance sheet)."),
    field("sections", Ty::List(&FORM_SECTION), R, "The sections of the form."),
];

pub fn fields_of(name: &str) -> &'static [Field] {
    match name {
        "quiz" => QUIZ,
        "table" => TABLE,
        "chart" => CHART,
        "timeline" => TIMELINE,
        "map" => MAP,
        "form" => FORM,
        _ => &[],
    }
}

/// What a component needs to be checked and given its data.
pub struct ComponentContext<'a> {
    pub display: &'a str,
    pub lang: &'a str,
    pub bundle_dir: Option<&'a Path>,
    pub glossary: &'a Glossary,
    /// The document's kind fields (objectives of a module, action plan).
    pub kind_fields: &'a Map<String, Value>,
    pub kind_computed: &'a Map<String, Value>,
    /// ISO alpha-3 codes the map can draw.
    pub countries: &'a dyn Fn(&str) -> bool,
}

/// Reads the YAML of a component that starts at file line `line` (the
/// fence's line), checks it and returns its value with its data.
pub fn prepare(
    name: &str,
    text: &str,
    line: usize,
    cx: &ComponentContext<'_>,
    problems: &mut Vec<Diagnostic>,
) -> Value {
    let origin = Origin { file: cx.display, lines_before: line };
    let value = match yaml::parse_value(text, origin) {
        Ok(Value::Object(map)) => map,
        Ok(_) => {
            problems.push(
                Diagnostic::error(
                    cx.display,
                    line + 1,
                    1,
                    format!("a `{name}` block holds fields written as `name: value`"),
                )
                .with_hint("see the README for the fields of each component"),
            );
            return Value::Null;
        }
        Err(problem) => {
            problems.push(problem);
            return Value::Null;
        }
    };
    let fields: Vec<&Field> = fields_of(name).iter().collect();
    let mut validator = Validator::new(cx.glossary);
    validator.fields(&value, &fields, &FieldPath::default());
    let mut findings = validator.findings;
    let mut value = value;
    // Rows read from a CSV file: its name and each row's line, to place problems there.
    let mut csv: Option<(String, Vec<usize>)> = None;
    match name {
        "quiz" => quiz(&value, cx, &mut findings),
        "table" | "chart" | "map" => {
            let key = if name == "table" { "file" } else { "data" };
            let mut columns_missing = false;
            if let Some(file) = value.get(key).and_then(Value::as_str).map(str::to_owned) {
                match read_csv(&file, cx, line) {
                    Ok((rows, display, lines)) => {
                        columns_missing = missing_columns(name, &value, &rows, &display, &mut findings);
                        value.insert("rows".into(), Value::Array(rows));
                        csv = Some((display, lines));
                    }
                    Err(found) => problems.extend(found),
                }
            } else if name != "table" && !value.contains_key("rows") {
                findings.error(FieldPath::default(), format!("a {name} needs `data` (a CSV file) or `rows`"), None);
            }
            if name == "chart" {
                chart(&mut value, &mut findings, !columns_missing);
            }
            if name == "map" {
                map(&mut value, cx, &mut findings);
            }
        }
        "timeline" => timeline(&mut value, cx, &mut findings),
        "form" => form(&value, &mut findings),
        _ => {}
    }
    for finding in findings.0 {
        let steps: Vec<Step<'_>> = finding
            .path
            .0
            .iter()
            .map(|s| match s {
                Seg::Key(k) => Step::Key(k),
                Seg::Index(i) => Step::Index(*i),
            })
            .collect();
        let (file, l, c) = match (&csv, finding.path.0.as_slice()) {
            (Some((display, lines)), [Seg::Key(k), Seg::Index(i), ..]) if k == "rows" => {
                (display.as_str(), lines.get(*i).copied().unwrap_or(1), 1)
            }
            _ => {
                let (l, c) = yaml::locate(text, &steps);
                (cx.display, line + l, c)
            }
        };
        let diagnostic = match finding.severity {
            Severity::Error => Diagnostic::error(file, l, c, format!("{name}: {}", finding.message)),
            Severity::Warning => Diagnostic::warning(file, l, c, format!("{name}: {}", finding.message)),
        };
        problems.push(diagnostic.with_optional_hint(finding.hint));
    }
    Value::Object(value)
}

fn quiz(value: &Map<String, Value>, cx: &ComponentContext<'_>, f: &mut Findings) {
    let objectives: Vec<&str> = cx
        .kind_fields
        .get("objectives")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(|o| o.get("id")?.as_str()).collect())
        .unwrap_or_default();
    let questions = value.get("questions").and_then(Value::as_array).cloned().unwrap_or_default();
    let mut ids = Vec::new();
    for (i, q) in questions.iter().enumerate() {
        let at = FieldPath::key("questions").index(i);
        if let Some(id) = q.get("id").and_then(Value::as_str) {
            if ids.contains(&id) {
                f.error(at.field("id"), format!("the question id `{id}` is used twice"), None);
            }
            ids.push(id);
        }
        if let Some(objective) = q.get("objective").and_then(Value::as_str)
            && !objectives.is_empty()
            && !objectives.contains(&objective)
        {
            let hint = did_you_mean(objective, objectives.iter().copied())
                .unwrap_or_else(|| format!("the module's objectives: {}", objectives.join(", ")));
            f.error(at.field("objective"), format!("`{objective}` is not an objective of this module"), hint);
        }
        let options = q.get("options").and_then(Value::as_array).map_or(0, Vec::len) as u64;
        let answer = q.get("answer");
        let ok = match q.get("type").and_then(Value::as_str) {
            Some("single") => answer.and_then(Value::as_u64).is_some_and(|n| (1..=options).contains(&n)),
            Some("multiple") => answer.and_then(Value::as_array).is_some_and(|a| {
                !a.is_empty() && a.iter().all(|n| n.as_u64().is_some_and(|n| (1..=options).contains(&n)))
            }),
            Some("true-false") => answer.is_some_and(Value::is_boolean),
            Some("short") => answer.is_some_and(Value::is_string),
            _ => true,
        };
        if !ok {
            let hint = match q.get("type").and_then(Value::as_str) {
                Some("single") => "the number of the right option: 1 for the first of `options`",
                Some("multiple") => "the numbers of the right options, e.g. [1, 3]",
                Some("true-false") => "`true` or `false`",
                _ => "a model answer",
            };
            f.error(at.field("answer"), "the answer does not fit the question", hint.to_owned());
        }
        if matches!(q.get("type").and_then(Value::as_str), Some("single" | "multiple")) && options < 2 {
            f.error(at.field("options"), "a choice question needs two options or more", None);
        }
    }
}

/// What the field table cannot say: ids unique in the form, choices with
/// something to choose, tables with columns, and no option where none is read.
fn form(value: &Map<String, Value>, f: &mut Findings) {
    let mut ids: Vec<&str> = Vec::new();
    let sections = value.get("sections").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
    for (s, section) in sections.iter().enumerate() {
        let fields = section.get("fields").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
        for (i, item) in fields.iter().enumerate() {
            let at = FieldPath::key("sections").index(s).field("fields").index(i);
            if let Some(id) = item.get("id").and_then(Value::as_str) {
                if ids.contains(&id) {
                    f.error(at.field("id"), format!("the field id `{id}` is used twice in this form"), None);
                }
                ids.push(id);
            }
            let kind = item.get("type").and_then(Value::as_str).unwrap_or("");
            let count = |key: &str| item.get(key).and_then(Value::as_array).map(Vec::len);
            match (kind, count("options"), count("columns")) {
                ("choice", options, _) if options.unwrap_or(0) < 2 => f.error(
                    at.field("options"),
                    "a `choice` field needs two options or more",
                    "list them under `options`; for yes or no, use `type: yes-no`".to_owned(),
                ),
                ("table", _, columns) if columns.unwrap_or(0) == 0 => {
                    f.error(at.field("columns"), "a `table` field needs its `columns`", None)
                }
                (other, Some(_), _) if other != "choice" => f.warning(
                    at.field("options"),
                    format!("`options` are read only for a `choice` field, not `{other}`"),
                    None,
                ),
                _ => {}
            }
        }
    }
}

type CsvRows = (Vec<Value>, String, Vec<usize>);

fn read_csv(file: &str, cx: &ComponentContext<'_>, line: usize) -> Result<CsvRows, Vec<Diagnostic>> {
    let (path, display) =
        crate::kinds::tables::locate(cx.bundle_dir, cx.display, (file, "csv"), file, (cx.display, line + 1, 1))
            .map_err(|d| vec![d])?;
    let (rows, lines) = crate::kinds::tables::read_untyped(&path, &display, cx.lang)?;
    Ok((rows, display, lines))
}

/// Columns a table shows or a chart draws that its CSV file does not have:
/// without this they come out as empty cells and zero bars.
/// Whether some were reported.
fn missing_columns(name: &str, value: &Map<String, Value>, rows: &[Value], display: &str, f: &mut Findings) -> bool {
    let Some(first) = rows.first().and_then(Value::as_object) else {
        return false;
    };
    let names = |key: &str| -> Vec<String> {
        match value.get(key) {
            Some(Value::String(one)) => vec![one.clone()],
            Some(Value::Array(list)) => list.iter().filter_map(Value::as_str).map(str::to_owned).collect(),
            _ => Vec::new(),
        }
    };
    let keys: &[&str] = match name {
        "table" => &["columns"],
        "chart" => &["category", "series"],
        _ => &[],
    };
    let file = display.rsplit('/').next().unwrap_or(display);
    let known: Vec<&str> = first.keys().map(String::as_str).collect();
    let mut reported = false;
    for key in keys {
        let missing: Vec<String> = names(key).into_iter().filter(|n| !first.contains_key(n)).collect();
        if missing.is_empty() {
            continue;
        }
        let list = missing.iter().map(|m| format!("`{m}`")).collect::<Vec<_>>().join(", ");
        let plural = if missing.len() > 1 { "s" } else { "" };
        let hint = match (missing.len(), did_you_mean(&missing[0], known.iter().copied())) {
            (1, Some(suggestion)) => suggestion,
            _ => format!("the columns of `{file}`: {}", known.join(", ")),
        };
        f.error(FieldPath::key(key), format!("`{file}` has no column{plural} {list}"), hint);
        reported = true;
    }
    reported
}

/// Sums the series per category, in `bars`: [{label, values: [..]}].
/// `report_rows`: whether to report each row without the category (not
/// when the file has no such column, which is reported once).
fn chart(value: &mut Map<String, Value>, f: &mut Findings, report_rows: bool) {
    let rows = value.get("rows").and_then(Value::as_array).cloned().unwrap_or_default();
    let category = value.get("category").and_then(Value::as_str).unwrap_or("").to_owned();
    let series: Vec<String> = value
        .get("series")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(|s| s.as_str().map(str::to_owned)).collect())
        .unwrap_or_default();
    if series.len() > 3 {
        f.error(FieldPath::key("series"), "a chart shows three series at most, to stay readable in grey print", None);
    }
    let mut bars: Vec<(String, Vec<f64>)> = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let Some(label) = row.get(&category).map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned)) else {
            if !report_rows {
                continue;
            }
            f.error(FieldPath::key("rows").index(i), format!("this row has no `{category}` column"), None);
            continue;
        };
        let mut values = Vec::with_capacity(series.len());
        for name in &series {
            // An empty cell counts as nothing; text where a figure belongs
            // would be drawn as 0 without a word.
            let value = match row.get(name) {
                None | Some(Value::Null) => 0.0,
                Some(Value::String(text)) if text.trim().is_empty() => 0.0,
                Some(v) => match v.as_f64() {
                    Some(number) => number,
                    None => {
                        let shown = v.as_str().map_or_else(|| v.to_string(), str::to_owned);
                        f.error(
                            FieldPath::key("rows").index(i).field(name),
                            format!("`{shown}` in the `{name}` column is not a number"),
                            "write the figure in digits (12, 3.5); leave the cell empty for none".to_owned(),
                        );
                        0.0
                    }
                },
            };
            values.push(value);
        }
        match bars.iter_mut().find(|(l, _)| *l == label) {
            Some((_, sums)) => sums.iter_mut().zip(&values).for_each(|(a, b)| *a += b),
            None => bars.push((label, values)),
        }
    }
    value.insert(
        "bars".into(),
        json!(bars.into_iter().map(|(l, v)| json!({"label": l, "values": v})).collect::<Vec<_>>()),
    );
}

fn map(value: &mut Map<String, Value>, cx: &ComponentContext<'_>, f: &mut Findings) {
    let rows = value.get("rows").and_then(Value::as_array).cloned().unwrap_or_default();
    for (i, row) in rows.iter().enumerate() {
        let at = FieldPath::key("rows").index(i);
        match row.get("country").and_then(Value::as_str) {
            Some(code) if !(cx.countries)(code) => f.error(
                at.field("country"),
                format!("`{code}` is not an ISO 3166-1 alpha-3 code the map knows"),
                "use the three-letter code, e.g. FRA, DEU, USA, ARE".to_owned(),
            ),
            None => f.error(at.clone(), "this row has no `country`", None),
            _ => {}
        }
        let n = |k: &str| row.get(k).and_then(Value::as_u64);
        if let (Some(w), Some(m), Some(t)) = (n("women"), n("men"), n("total"))
            && w + m != t
        {
            f.error(
                at.field("total"),
                format!("`total` is {t}, but women + men = {}", w + m),
                "remove `total`: it is computed".to_owned(),
            );
        }
    }
}

fn timeline(value: &mut Map<String, Value>, cx: &ComponentContext<'_>, f: &mut Findings) {
    if value.get("from").and_then(Value::as_str) == Some("action_plan") {
        let actions = cx.kind_fields.get("action_plan").and_then(Value::as_array);
        let spans = cx.kind_computed.get("action_spans").and_then(Value::as_array);
        let (Some(actions), Some(spans)) = (actions, spans) else {
            f.error(FieldPath::key("from"), "this document has no action plan", None);
            return;
        };
        let rows: Vec<Value> = actions
            .iter()
            .zip(spans)
            .filter(|(_, s)| !s.is_null())
            .map(|(a, s)| {
                json!({
                    "label": format!("{} {}", a.get("id").and_then(Value::as_str).unwrap_or(""), a.get("action").and_then(Value::as_str).unwrap_or("")),
                    "group": a.get("axis").and_then(Value::as_str).unwrap_or(""),
                    "start_month": s["start"], "end_month": s["end"],
                })
            })
            .collect();
        value.insert("spans".into(), Value::Array(rows));
        return;
    }
    let Some(rows) = value.get("rows").and_then(Value::as_array).cloned() else {
        f.error(FieldPath::default(), "a timeline needs `rows` or `from: action_plan`", None);
        return;
    };
    for (i, r) in rows.iter().enumerate() {
        let span = |key: &str| r.get(key).and_then(crate::kinds::month_span);
        if let (Some(start), Some(end)) = (span("start"), span("end"))
            && start.0 > end.1
        {
            let shown = |key: &str| r.get(key).map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned));
            f.error(
                FieldPath::key("rows").index(i).field("end"),
                format!(
                    "this row ends ({}) before it starts ({})",
                    shown("end").unwrap_or_default(),
                    shown("start").unwrap_or_default()
                ),
                "check the years, or swap `start` and `end`".to_owned(),
            );
        }
    }
    let spans: Vec<Value> = rows
        .iter()
        .filter_map(|r| {
            let start = crate::kinds::month_span(r.get("start")?)?.0;
            let end = crate::kinds::month_span(r.get("end")?)?.1;
            Some(json!({"label": r.get("label"), "group": r.get("group").and_then(Value::as_str).unwrap_or(""), "start_month": start, "end_month": end}))
        })
        .collect();
    value.insert("spans".into(), Value::Array(spans));
}
