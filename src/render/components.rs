//! Components to HTML, at build time and without script (DESIGN.md): `quiz`,
//! `table`, `chart`, `timeline`, `map` and `form` (whose one line of script
//! opens the browser's print dialog). Their YAML was checked and given
//! its data in `parse::components`. Charts and maps are inline SVG with a
//! `<title>` and `<desc>`, and their data as a table for screen readers.

use serde_json::Value;

use super::{Edition, RenderContext};
use crate::charts;
use crate::format;
use crate::html::{Attrs, Writer};

pub fn render(name: &str, value: &Value, line: usize, cx: &RenderContext<'_>) -> String {
    if value.is_null() {
        return String::new();
    }
    // Ids unique on the page: the component's line in its file.
    let id = match cx.scope {
        Some(scope) => scope.id(&format!("{name}-{line}")),
        None => format!("{name}-{line}"),
    };
    match name {
        "quiz" => quiz(value, &id, cx),
        "table" => table(value, cx),
        "chart" => chart(value, &id, cx),
        "timeline" => timeline(value, &id, cx),
        "map" => map(value, &id, cx),
        "form" => form(value, &id, cx),
        _ => String::new(),
    }
}

fn text<'a>(value: &'a Value, key: &str) -> Option<&'a str> {
    value.get(key).and_then(Value::as_str)
}

/// The text at `key`, in the page's typography (empty when there is none).
fn prose(cx: &RenderContext<'_>, value: &Value, key: &str) -> String {
    cx.prose(text(value, key).unwrap_or(""))
}

/// A list of texts (options, column names), each in the page's typography.
fn texts(cx: &RenderContext<'_>, value: &Value, key: &str) -> Vec<String> {
    value
        .get(key)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(|o| cx.prose(o))
        .collect()
}

/// "Source: …" under a figure or a table, when its data names one.
fn source_line(html: &mut Writer, cx: &RenderContext<'_>, source: Option<&str>, year: Option<i64>) {
    if let Some(source) = source {
        let year = year.map(|y| format!(", {y}")).unwrap_or_default();
        html.element(
            "p",
            &[("class", &"source")],
            format_args!("{}{} {}{year}", cx.label("k.source"), cx.label("colon"), cx.prose(source)),
        );
    }
}

/// Questions for everyone; answers only in the facilitator edition, or
/// behind "Check your answer" on the screen page when the author allows it.
fn quiz(value: &Value, id: &str, cx: &RenderContext<'_>) -> String {
    let mut html = Writer::new();
    html.start("section", &[("class", &"quiz"), ("id", &id)]);
    if text(value, "title").is_some() {
        html.element("h3", &[("class", &"quiz-title")], prose(cx, value, "title"));
    }
    let self_check = value.get("self_check").and_then(Value::as_bool) == Some(true) && cx.edition == Edition::Screen;
    html.start("ol", &[("class", &"quiz-questions")]);
    for q in value.get("questions").and_then(Value::as_array).into_iter().flatten() {
        let kind = text(q, "type").unwrap_or("short");
        let objective = text(q, "objective").unwrap_or("");
        html.start("li", &[("class", &"quiz-question"), ("data-objective", &objective)])
            .start("p", &[("class", &"quiz-text")])
            .text(prose(cx, q, "text"))
            .text(" ")
            .element("span", &[("class", &"quiz-objective")], format_args!("({} {objective})", cx.label("k.objective")))
            .end("p");
        let options: Vec<String> = match kind {
            "true-false" => vec![cx.label("k.true"), cx.label("k.false")],
            _ => texts(cx, q, "options"),
        };
        if kind == "short" {
            for _ in 0..2 {
                html.element("p", &[("class", &"write-line"), ("aria-hidden", &"true")], "");
            }
        } else {
            html.start("ul", &[("class", &"quiz-options")]);
            for option in &options {
                html.start("li", &[])
                    .element("span", &[("class", &"box"), ("aria-hidden", &"true")], "☐")
                    .text(" ")
                    .text(option)
                    .end("li");
            }
            html.end("ul");
        }
        // Option numbers count from 1; a wrong number was reported by the check.
        let option = |n: Option<u64>| n.and_then(|n| (n as usize).checked_sub(1)).and_then(|i| options.get(i));
        let answer = match (kind, q.get("answer")) {
            ("single", Some(Value::Number(n))) => option(n.as_u64()).cloned().unwrap_or_default(),
            ("multiple", Some(Value::Array(list))) => {
                list.iter().filter_map(|n| option(n.as_u64()).cloned()).collect::<Vec<_>>().join(" ; ")
            }
            ("true-false", Some(Value::Bool(b))) => cx.label(if *b { "k.true" } else { "k.false" }),
            (_, Some(Value::String(s))) => cx.prose(s),
            _ => String::new(),
        };
        let explanation = text(q, "explanation").map(|e| format!(" {}", cx.prose(e))).unwrap_or_default();
        match cx.edition {
            Edition::Facilitator | Edition::Full => {
                html.start("div", &[("class", &"quiz-answer"), ("data-edition", &"facilitator")])
                    .element("strong", &[], format_args!("{}{}", cx.label("k.answer"), cx.label("colon")))
                    .text(format_args!(" {answer}{explanation}"))
                    .end("div");
            }
            Edition::Screen if self_check => {
                html.start("details", &[("class", &"quiz-self-check")])
                    .element("summary", &[], cx.label("k.check_answer"))
                    .element("p", &[], format_args!("{answer}{explanation}"))
                    .end("details");
            }
            _ => {}
        }
        html.end("li");
    }
    html.end("ol").end("section").markup("\n");
    html.finish()
}

fn cell(value: &Value, cx: &RenderContext<'_>) -> (String, bool) {
    match value {
        Value::Number(n) => (format::number(n.as_f64().unwrap_or(0.0), 2, cx.lang), true),
        Value::String(s) => (cx.prose(s), false),
        Value::Null => (String::new(), false),
        other => (other.to_string(), false),
    }
}

/// A CSV file as a table, numbers written the page's way.
fn table(value: &Value, cx: &RenderContext<'_>) -> String {
    let rows: Vec<&serde_json::Map<String, Value>> =
        value.get("rows").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_object).collect();
    let columns: Vec<String> = match value.get("columns").and_then(Value::as_array) {
        Some(list) => list.iter().filter_map(Value::as_str).map(str::to_owned).collect(),
        None => rows.first().map(|r| r.keys().cloned().collect()).unwrap_or_default(),
    };
    let mut html = Writer::new();
    html.start("div", &[("class", &"data-table")]).start("table", &[]);
    if text(value, "caption").is_some() {
        html.element("caption", &[], prose(cx, value, "caption"));
    }
    html.start("thead", &[]).start("tr", &[]);
    for column in &columns {
        html.element("th", &[("scope", &"col")], column.replace('_', " "));
    }
    html.end("tr").end("thead").start("tbody", &[]);
    for row in rows {
        html.start("tr", &[]);
        for column in &columns {
            let (text, numeric) = cell(row.get(column).unwrap_or(&Value::Null), cx);
            html.element("td", if numeric { &[("class", &"num")] } else { &[] }, text);
        }
        html.end("tr");
    }
    html.end("tbody").end("table");
    source_line(&mut html, cx, text(value, "source"), None);
    html.end("div").markup("\n");
    html.finish()
}

/// A figure's caption (numbered by the stylesheet: "Figure 2."), or none
/// for a chart without a title.
fn caption(html: &mut Writer, title: &str) {
    if !title.is_empty() {
        html.element("figcaption", &[], title);
    }
}

/// The same figures as a table of class `class`, for screen readers
/// (visually hidden on screen).
fn data_table(html: &mut Writer, class: &str, caption: &str, header: &[String], rows: &[(String, Vec<String>)]) {
    // In a box of its own: a table does not shrink below its content, so the
    // box, not the table, is the one pixel that hides it from sight.
    html.start("div", &[("class", &"visually-hidden")])
        .start("table", &[("class", &class)])
        .element("caption", &[], caption)
        .start("thead", &[])
        .start("tr", &[]);
    for h in header {
        html.element("th", &[("scope", &"col")], h);
    }
    html.end("tr").end("thead").start("tbody", &[]);
    for (label, cells) in rows {
        html.start("tr", &[]).element("th", &[("scope", &"row")], label);
        for c in cells {
            html.element("td", &[], c);
        }
        html.end("tr");
    }
    html.end("tbody").end("table").end("div");
}

/// A chart's figure: its caption, its SVG, its data as a table and its
/// source, when it names one.
fn chart_figure(
    cx: &RenderContext<'_>,
    source: Option<&str>,
    title: &str,
    svg: &str,
    header: &[String],
    rows: &[(String, Vec<String>)],
) -> String {
    let mut html = Writer::new();
    html.start("figure", &[("class", &"chart-figure")]);
    caption(&mut html, title);
    html.markup(svg);
    data_table(&mut html, "chart-data", title, header, rows);
    source_line(&mut html, cx, source, None);
    html.end("figure").markup("\n");
    html.finish()
}

/// A category as readers know it: participant groups by their name.
fn category_label(label: &str, cx: &RenderContext<'_>) -> String {
    cx.labels.get(&format!("k.groups.{label}")).cloned().unwrap_or_else(|| cx.prose(label))
}

fn chart(value: &Value, id: &str, cx: &RenderContext<'_>) -> String {
    let title = cx.prose(text(value, "title").unwrap_or(""));
    let series: Vec<String> = value
        .get("series")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(str::to_owned)
        .collect();
    let labels: Vec<String> = series
        .iter()
        .map(|s| {
            value
                .get("labels")
                .and_then(|l| l.get(s))
                .and_then(Value::as_str)
                .map_or_else(|| s.replace('_', " "), |l| cx.prose(l))
        })
        .collect();
    let mut bars: Vec<charts::Bar> = Vec::new();
    for bar in value.get("bars").and_then(Value::as_array).into_iter().flatten() {
        let values: Vec<u64> =
            bar["values"].as_array().into_iter().flatten().map(|v| v.as_f64().unwrap_or(0.0).round() as u64).collect();
        let mut three = [0u64; 3];
        for (i, v) in values.iter().take(3).enumerate() {
            three[i] = *v;
        }
        bars.push(charts::Bar { label: category_label(bar["label"].as_str().unwrap_or(""), cx), values: three });
    }
    let names: [&str; 3] = [
        labels.first().map_or("", String::as_str),
        labels.get(1).map_or("", String::as_str),
        labels.get(2).map_or("", String::as_str),
    ];
    let colon = cx.label("colon");
    let desc = format!("{}{colon} {}", cx.label("k.chart_of"), labels.join(", "));
    let svg = charts::stacked_bars(id, &title, &desc, names, bars, cx.lang, &colon);
    let mut rows: Vec<(String, Vec<String>)> = value
        .get("bars")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|b| {
            let values: Vec<String> = b["values"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|v| format::number(v.as_f64().unwrap_or(0.0), 2, cx.lang))
                .collect();
            (category_label(b["label"].as_str().unwrap_or(""), cx), values)
        })
        .collect();
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    let mut header = vec![String::new()];
    header.extend(labels.iter().cloned());
    chart_figure(cx, text(value, "source"), &title, &svg, &header, &rows)
}

fn timeline(value: &Value, id: &str, cx: &RenderContext<'_>) -> String {
    let spans: Vec<charts::Span> = value
        .get("spans")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|s| charts::Span {
            label: cx.prose(s["label"].as_str().unwrap_or("")),
            group: cx.prose(s["group"].as_str().unwrap_or("")),
            start: s["start_month"].as_i64().unwrap_or(0),
            end: s["end_month"].as_i64().unwrap_or(0),
        })
        .collect();
    if spans.is_empty() {
        return String::new();
    }
    let milestones: Vec<(String, i64)> = value
        .get("milestones")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|m| {
            let date = crate::date::Date::parse(m.get("date")?.as_str()?)?;
            Some((cx.prose(m.get("label")?.as_str()?), i64::from(date.year) * 12 + i64::from(date.month) - 1))
        })
        .collect();
    let start = spans.iter().map(|s| s.start).chain(milestones.iter().map(|m| m.1)).min().unwrap_or(0);
    let end = spans.iter().map(|s| s.end).chain(milestones.iter().map(|m| m.1)).max().unwrap_or(0);
    // Whole years, so that the labels line up.
    let period = (start - start.rem_euclid(12), end - end.rem_euclid(12) + 11);
    let title = cx.prose(text(value, "title").unwrap_or(""));
    let svg = charts::timeline(id, &title, &cx.label("k.timeline_desc"), period, &spans, &milestones, cx.lang);
    let when = |m: i64| format::month_year(m / 12, (m % 12 + 1) as u8, cx.lang);
    let rows: Vec<(String, Vec<String>)> =
        spans.iter().map(|s| (s.label.clone(), vec![when(s.start), when(s.end)])).collect();
    let header = vec![String::new(), cx.label("k.start"), cx.label("k.end")];
    chart_figure(cx, None, &title, &svg, &header, &rows)
}

/// Sequential blues: lightness differs enough to stay apart in grey print.
const MAP_CLASSES: [&str; 5] = ["#deebf7", "#9ecae1", "#6baed6", "#3182bd", "#08519c"];

fn map(value: &Value, id: &str, cx: &RenderContext<'_>) -> String {
    let world = crate::world::world();
    let key = text(value, "value").unwrap_or("total");
    let suppress = value.get("suppress_below").and_then(Value::as_i64).unwrap_or(5);
    let mut data: Vec<(String, i64, i64, i64)> = Vec::new(); // code, women, men, value
    for row in value.get("rows").and_then(Value::as_array).into_iter().flatten() {
        let Some(code) = row.get("country").and_then(Value::as_str) else { continue };
        let n = |k: &str| row.get(k).and_then(Value::as_i64);
        let (women, men) = (n("women").unwrap_or(0), n("men").unwrap_or(0));
        let total = n("total").unwrap_or(women + men);
        let shown = match key {
            "women" => women,
            "men" => men,
            _ => total,
        };
        data.push((code.to_owned(), women, men, shown));
    }
    let max = data.iter().map(|d| d.3).max().unwrap_or(1).max(1);
    let limits = class_limits(max, suppress);
    let class_of = |v: i64| limits.iter().position(|l| v <= *l).unwrap_or(limits.len() - 1);
    let title = cx.prose(text(value, "title").unwrap_or(""));
    let year = value.get("year").and_then(Value::as_i64);
    let desc = format!("{} ({})", cx.label("k.map_desc"), data.len());
    let (w, h) = (world.width, world.view_height());
    let mut html = Writer::new();
    html.start("figure", &[("class", &"map-figure")]).element("figcaption", &[], &title);
    charts::start_svg(&mut html, (w, h), (id, "map"), (&title, &desc), &[]);
    html.empty(
        "image",
        &[("href", &crate::resolve::urls::relative(cx.from, crate::world::BASE_MAP)), ("width", &w), ("height", &h)],
    )
    .start("g", &[("stroke", &"#fff"), ("stroke-width", &".4")]);
    // The countries without data are those of the base map, under these.
    let mut coloured: Vec<(&String, &crate::world::Country, i64)> =
        data.iter().filter_map(|d| Some((&d.0, world.countries.get(&d.0)?, d.3))).collect();
    coloured.sort_by_key(|c| c.0);
    for (_, country, value) in coloured {
        html.start("path", &[("d", &country.d), ("fill", &MAP_CLASSES[class_of(value)])])
            .element("title", &[], cx.prose(country.name_in(cx.lang)))
            .end("path");
    }
    html.end("g").end("svg");
    // Legend.
    html.start("ul", &[("class", &"map-legend")]);
    let mut low = 1;
    let swatch = |html: &mut Writer, colour: &str, label: &str| {
        html.start("li", &[])
            .element("span", &[("class", &"swatch"), ("style", &format_args!("background:{colour}"))], "")
            .text(format_args!(" {label}"))
            .end("li");
    };
    for (i, limit) in limits.iter().enumerate() {
        let range = format!("{}–{}", format::integer(low, cx.lang), format::integer(*limit, cx.lang));
        swatch(&mut html, MAP_CLASSES[i], &range);
        low = limit + 1;
    }
    swatch(&mut html, crate::world::NO_DATA, &cx.label("k.no_data"));
    html.end("ul");
    // The figures; small counts of the programme's own data are hidden.
    let shown = |v: i64| if v > 0 && v < suppress { format!("< {suppress}") } else { format::integer(v, cx.lang) };
    let mut rows: Vec<(String, Vec<String>)> = data
        .iter()
        .map(|(code, women, men, total)| {
            let name = cx.prose(world.countries.get(code).map_or(code.as_str(), |c| c.name_in(cx.lang)));
            (name, vec![shown(*women), shown(*men), shown(*total)])
        })
        .collect();
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    let header = vec![cx.label("k.country"), cx.label("k.women"), cx.label("k.men"), cx.label("k.total")];
    data_table(&mut html, "map-data", &title, &header, &rows);
    source_line(&mut html, cx, text(value, "source"), year);
    html.element("p", &[("class", &"disclaimer")], cx.label("k.map_disclaimer")).end("figure").markup("\n");
    html.finish()
}

/// The upper limits of the map's classes: equal steps of the largest
/// value, rounded to two figures, none below `suppress - 1` (counts under
/// the threshold share the first class, so the shading does not tell what
/// the table hides), each above the one before (at most five).
fn class_limits(max: i64, suppress: i64) -> Vec<i64> {
    let mut limits: Vec<i64> = (1..=5)
        .map(|i| round_two_figures((i128::from(max) * i128::from(i) / 5) as i64).max(suppress - 1).max(1))
        .collect();
    limits.dedup();
    limits
}

fn round_two_figures(n: i64) -> i64 {
    if n < 100 {
        return n.max(1);
    }
    let magnitude = 10_i64.pow((n as f64).log10().floor() as u32 - 1);
    (n + magnitude - 1) / magnitude * magnitude
}

/// A form to fill in on screen and print, or to print blank and fill by
/// hand. Its fields sit in no `<form>` element, so nothing can be submitted,
/// and its only script is the print button: nothing typed is stored or sent.
/// Print sizes (lines, boxes) are in millimetres in the stylesheets.
fn form(value: &Value, id: &str, cx: &RenderContext<'_>) -> String {
    let landscape = value.get("landscape").and_then(Value::as_bool) == Some(true);
    let mut html = Writer::new();
    html.start(
        "section",
        &[
            ("class", &if landscape { "form form-wide" } else { "form" }),
            ("id", &id),
            ("aria-labelledby", &format_args!("{id}-title")),
        ],
    )
    .element("h2", &[("class", &"form-title"), ("id", &format_args!("{id}-title"))], prose(cx, value, "title"));
    if text(value, "intro").is_some() {
        html.element("p", &[("class", &"form-intro")], prose(cx, value, "intro"));
    }
    html.element("p", &[("class", &"form-private screen-only")], cx.label("k.form_private"))
        .start("div", &[("class", &"form-privacy")])
        .start("p", &[])
        .element("strong", &[], cx.label("k.form_privacy"))
        .text(format_args!(" {}", prose(cx, value, "privacy")))
        .end("p")
        .end("div");
    let sections = value.get("sections").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
    let any_required = sections
        .iter()
        .flat_map(|s| s.get("fields").and_then(Value::as_array).into_iter().flatten())
        .any(|f| f.get("required").and_then(Value::as_bool) == Some(true));
    if any_required {
        html.start("p", &[("class", &"form-required-note")])
            .element("span", &[("class", &"form-req")], "*")
            .text(format_args!(" {}", cx.label("k.form_required")))
            .end("p");
    }
    for section in sections {
        html.start("fieldset", &[("class", &"form-section")]).element("legend", &[], prose(cx, section, "title"));
        for field in section.get("fields").and_then(Value::as_array).into_iter().flatten() {
            form_field(&mut html, field, id, cx);
        }
        html.end("fieldset");
    }
    let version = value.get("version").map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned));
    html.start("p", &[("class", &"form-actions screen-only")])
        .element(
            "button",
            &[("type", &"button"), ("class", &"form-print"), ("onclick", &"window.print()")],
            cx.label("k.form_print"),
        )
        .end("p")
        .start("footer", &[("class", &"form-footer")])
        .element(
            "span",
            &[("class", &"form-reference")],
            format_args!("{} {}", cx.label("k.form_reference"), text(value, "reference").unwrap_or("")),
        )
        .text(" ")
        .element(
            "span",
            &[("class", &"form-version")],
            format_args!("{} {}", cx.label("k.form_version"), version.unwrap_or_default()),
        )
        .end("footer")
        .end("section");
    html.finish()
}

fn form_field(html: &mut Writer, field: &Value, form_id: &str, cx: &RenderContext<'_>) {
    let id = format!("{form_id}-{}", text(field, "id").unwrap_or(""));
    let kind = text(field, "type").unwrap_or("text");
    let required = field.get("required").and_then(Value::as_bool) == Some(true);
    let class = format!("form-field form-{kind}");
    // The field's label (`tag`, with `attrs`), its required mark and its help.
    let label = |html: &mut Writer, tag: &str, attrs: Attrs<'_>| {
        html.start(tag, attrs).text(prose(cx, field, "label"));
        if required {
            html.element("span", &[("class", &"form-req"), ("aria-hidden", &"true")], "*");
        }
        html.end(tag);
        if text(field, "help").is_some() {
            html.element("span", &[("class", &"form-help")], prose(cx, field, "help"));
        }
    };
    // On the element that takes the answer, when one is required.
    let aria: Attrs<'_> = if required { &[("aria-required", &"true")] } else { &[] };
    match kind {
        "choice" | "yes-no" => {
            let options: Vec<String> =
                if kind == "yes-no" { vec![cx.label("k.yes"), cx.label("k.no")] } else { texts(cx, field, "options") };
            let input = if field.get("multiple").and_then(Value::as_bool) == Some(true) { "checkbox" } else { "radio" };
            // ARIA allows `aria-required` on a group of radio buttons, not on one of check boxes.
            match input {
                "radio" => html.start_groups("fieldset", &[&[("class", &class), ("role", &"radiogroup")], aria]),
                _ => html.start("fieldset", &[("class", &class)]),
            };
            label(html, "legend", &[]);
            html.start("span", &[("class", &"form-options")]);
            for (i, option) in options.iter().enumerate() {
                html.start("label", &[("class", &"form-option")])
                    .start("input", &[("type", &input), ("name", &id), ("id", &format_args!("{id}-{}", i + 1))])
                    .text(format_args!(" {option}"))
                    .end("label");
            }
            html.end("span").end("fieldset");
        }
        "long-text" => {
            let lines = field.get("lines").and_then(Value::as_u64).unwrap_or(4);
            html.start("div", &[("class", &class)]);
            label(html, "label", &[("for", &id)]);
            let lines_style = format!("--lines:{lines}");
            html.start_groups("textarea", &[&[("id", &id), ("rows", &lines), ("style", &lines_style)], aria])
                .end("textarea")
                .end("div");
        }
        "signature" => {
            html.start("div", &[("class", &class)]);
            label(html, "span", &[("class", &"form-label"), ("id", &id)]);
            html.element("span", &[("class", &"form-sign-box"), ("role", &"img"), ("aria-labelledby", &id)], "")
                .end("div");
        }
        "table" => {
            let columns = texts(cx, field, "columns");
            let rows = field.get("rows").and_then(Value::as_u64).unwrap_or(10);
            html.start("div", &[("class", &class)]);
            label(html, "p", &[("class", &"form-label"), ("id", &id)]);
            html.start(
                "div",
                &[("class", &"table-scroll"), ("role", &"region"), ("tabindex", &0), ("aria-labelledby", &id)],
            )
            .start("table", &[("class", &"form-grid"), ("aria-labelledby", &id)])
            .start("thead", &[])
            .start("tr", &[])
            .element("th", &[("scope", &"col"), ("class", &"num")], cx.label("k.number_short"));
            for column in &columns {
                html.element("th", &[("scope", &"col")], column);
            }
            html.end("tr").end("thead").start("tbody", &[]);
            for row in 1..=rows {
                html.start("tr", &[]).element("td", &[("class", &"num")], row);
                for column in &columns {
                    html.start("td", &[])
                        .start("input", &[("type", &"text"), ("aria-label", &format_args!("{column} {row}"))])
                        .end("td");
                }
                html.end("tr");
            }
            html.end("tbody").end("table").end("div").end("div");
        }
        _ => {
            html.start("div", &[("class", &class)]);
            label(html, "label", &[("for", &id)]);
            // A date is written day first in both languages of Cameroon; a
            // browser's date picker would print its own locale's order on paper.
            let date_format = cx.label("k.form_date_format");
            let date: Attrs<'_> =
                if kind == "date" { &[("inputmode", &"numeric"), ("placeholder", &date_format)] } else { &[] };
            html.start_groups("input", &[&[("type", &"text"), ("id", &id)], date, aria]).end("div");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn map_classes_never_repeat_and_keep_small_counts_together() {
        assert_eq!(class_limits(3, 5), [4]);
        assert_eq!(class_limits(100, 5), [20, 40, 60, 80, 100]);
        assert_eq!(class_limits(12, 5), [4, 7, 9, 12]);
        assert_eq!(class_limits(2, 1), [1, 2]);
    }

    #[test]
    fn class_limits_are_round() {
        assert_eq!(round_two_figures(12_345), 13_000);
        assert_eq!(round_two_figures(87), 87);
        assert_eq!(round_two_figures(0), 1);
    }
}
