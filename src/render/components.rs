//! Components to HTML, at build time and without script (DESIGN.md): `quiz`,
//! `table`, `chart`, `timeline`, `map` and `form` (whose one line of script
//! opens the browser's print dialog). Their YAML was checked and given
//! its data in `parse::components`. Charts and maps are inline SVG with a
//! `<title>` and `<desc>`, and their data as a table for screen readers.

use std::fmt::Write;

use serde_json::Value;

use super::{Edition, RenderContext};
use crate::charts;
use crate::format;
use crate::html::escape;

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

fn prose(cx: &RenderContext<'_>, value: &Value, key: &str) -> String {
    escape(&cx.prose(text(value, key).unwrap_or("")))
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

fn source_line(cx: &RenderContext<'_>, source: Option<&str>, year: Option<i64>) -> String {
    match source {
        Some(source) => {
            let year = year.map(|y| format!(", {y}")).unwrap_or_default();
            format!(
                "<p class=\"source\">{}{} {}{year}</p>",
                escape(&cx.label("k.source")),
                escape(&cx.label("colon")),
                escape(&cx.prose(source))
            )
        }
        None => String::new(),
    }
}

/// Questions for everyone; answers only in the facilitator edition, or
/// behind "Check your answer" on the screen page when the author allows it.
fn quiz(value: &Value, id: &str, cx: &RenderContext<'_>) -> String {
    let mut html = format!("<section class=\"quiz\" id=\"{id}\">");
    if text(value, "title").is_some() {
        let _ = write!(html, "<h3 class=\"quiz-title\">{}</h3>", prose(cx, value, "title"));
    }
    let self_check = value.get("self_check").and_then(Value::as_bool) == Some(true) && cx.edition == Edition::Screen;
    html.push_str("<ol class=\"quiz-questions\">");
    for q in value.get("questions").and_then(Value::as_array).into_iter().flatten() {
        let kind = text(q, "type").unwrap_or("short");
        let _ = write!(
            html,
            "<li class=\"quiz-question\" data-objective=\"{}\"><p class=\"quiz-text\">{} <span class=\"quiz-objective\">({} {})</span></p>",
            escape(text(q, "objective").unwrap_or("")),
            prose(cx, q, "text"),
            escape(&cx.label("k.objective")),
            escape(text(q, "objective").unwrap_or(""))
        );
        let options: Vec<String> = match kind {
            "true-false" => vec![cx.label("k.true"), cx.label("k.false")],
            _ => texts(cx, q, "options"),
        };
        if kind == "short" {
            html.push_str(
                "<p class=\"write-line\" aria-hidden=\"true\"></p><p class=\"write-line\" aria-hidden=\"true\"></p>",
            );
        } else {
            html.push_str("<ul class=\"quiz-options\">");
            for option in &options {
                let _ = write!(html, "<li><span class=\"box\" aria-hidden=\"true\">☐</span> {}</li>", escape(option));
            }
            html.push_str("</ul>");
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
        let explanation = text(q, "explanation").map(|e| format!(" {}", escape(&cx.prose(e)))).unwrap_or_default();
        match cx.edition {
            Edition::Facilitator | Edition::Full => {
                let _ = write!(
                    html,
                    "<div class=\"quiz-answer\" data-edition=\"facilitator\"><strong>{}{}</strong> {}{explanation}</div>",
                    escape(&cx.label("k.answer")),
                    escape(&cx.label("colon")),
                    escape(&answer)
                );
            }
            Edition::Screen if self_check => {
                let _ = write!(
                    html,
                    "<details class=\"quiz-self-check\"><summary>{}</summary><p>{}{explanation}</p></details>",
                    escape(&cx.label("k.check_answer")),
                    escape(&answer)
                );
            }
            _ => {}
        }
        html.push_str("</li>");
    }
    html.push_str("</ol></section>\n");
    html
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
    let mut html = String::from("<div class=\"data-table\"><table>");
    if text(value, "caption").is_some() {
        let _ = write!(html, "<caption>{}</caption>", prose(cx, value, "caption"));
    }
    html.push_str("<thead><tr>");
    for column in &columns {
        let _ = write!(html, "<th scope=\"col\">{}</th>", escape(&column.replace('_', " ")));
    }
    html.push_str("</tr></thead><tbody>");
    for row in rows {
        html.push_str("<tr>");
        for column in &columns {
            let (text, numeric) = cell(row.get(column).unwrap_or(&Value::Null), cx);
            let class = if numeric { " class=\"num\"" } else { "" };
            let _ = write!(html, "<td{class}>{}</td>", escape(&text));
        }
        html.push_str("</tr>");
    }
    html.push_str("</tbody></table>");
    html.push_str(&source_line(cx, text(value, "source"), None));
    html.push_str("</div>\n");
    html
}

/// A figure's caption (numbered by the stylesheet: "Figure 2."), or none
/// for a chart without a title.
fn caption(title: &str) -> String {
    if title.is_empty() { String::new() } else { format!("<figcaption>{}</figcaption>", escape(title)) }
}

/// The same figures as a table, for screen readers (visually hidden on screen).
fn data_table(caption: &str, header: &[String], rows: &[(String, Vec<String>)]) -> String {
    // In a box of its own: a table does not shrink below its content, so the
    // box, not the table, is the one pixel that hides it from sight.
    let mut html = format!(
        "<div class=\"visually-hidden\"><table class=\"chart-data\"><caption>{}</caption><thead><tr>",
        escape(caption)
    );
    for h in header {
        let _ = write!(html, "<th scope=\"col\">{}</th>", escape(h));
    }
    html.push_str("</tr></thead><tbody>");
    for (label, cells) in rows {
        let _ = write!(html, "<tr><th scope=\"row\">{}</th>", escape(label));
        for c in cells {
            let _ = write!(html, "<td>{}</td>", escape(c));
        }
        html.push_str("</tr>");
    }
    html.push_str("</tbody></table></div>");
    html
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
    format!(
        "<figure class=\"chart-figure\">{}{svg}{}{}</figure>\n",
        caption(&title),
        data_table(&title, &header, &rows),
        source_line(cx, text(value, "source"), None)
    )
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
    format!("<figure class=\"chart-figure\">{}{svg}{}</figure>\n", caption(&title), data_table(&title, &header, &rows))
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
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"100%\" role=\"img\" aria-labelledby=\"{id}-t {id}-d\" class=\"map\"><title id=\"{id}-t\">{}</title><desc id=\"{id}-d\">{}</desc><image href=\"{}\" width=\"{w}\" height=\"{h}\"/><g stroke=\"#fff\" stroke-width=\".4\">",
        escape(&title),
        escape(&desc),
        escape(&crate::resolve::urls::relative(cx.from, crate::world::BASE_MAP)),
        w = world.width,
        h = world.view_height(),
    );
    // The countries without data are those of the base map, under these.
    let mut coloured: Vec<(&String, &crate::world::Country, i64)> =
        data.iter().filter_map(|d| Some((&d.0, world.countries.get(&d.0)?, d.3))).collect();
    coloured.sort_by_key(|c| c.0);
    for (_, country, value) in coloured {
        let fill = MAP_CLASSES[class_of(value)];
        let _ = write!(
            svg,
            "<path d=\"{}\" fill=\"{fill}\"><title>{}</title></path>",
            country.d,
            escape(&cx.prose(country.name_in(cx.lang)))
        );
    }
    svg.push_str("</g></svg>");
    // Legend.
    let mut legend = String::from("<ul class=\"map-legend\">");
    let mut low = 1;
    for (i, limit) in limits.iter().enumerate() {
        let _ = write!(
            legend,
            "<li><span class=\"swatch\" style=\"background:{}\"></span> {}–{}</li>",
            MAP_CLASSES[i],
            format::integer(low, cx.lang),
            format::integer(*limit, cx.lang)
        );
        low = limit + 1;
    }
    let _ = write!(
        legend,
        "<li><span class=\"swatch\" style=\"background:{}\"></span> {}</li></ul>",
        crate::world::NO_DATA,
        escape(&cx.label("k.no_data"))
    );
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
    let mut table = data_table(&title, &header, &rows);
    table = table.replacen("class=\"chart-data\"", "class=\"map-data\"", 1);

    format!(
        "<figure class=\"map-figure\"><figcaption>{}</figcaption>{svg}{legend}{table}{}<p class=\"disclaimer\">{}</p></figure>\n",
        escape(&title),
        source_line(cx, text(value, "source"), year),
        escape(&cx.label("k.map_disclaimer"))
    )
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
    let label = |key: &str| escape(&cx.label(key));
    let wide = if value.get("landscape").and_then(Value::as_bool) == Some(true) { " form-wide" } else { "" };
    let mut html = format!(
        "<section class=\"form{wide}\" id=\"{id}\" aria-labelledby=\"{id}-title\"><h2 class=\"form-title\" id=\"{id}-title\">{}</h2>",
        prose(cx, value, "title")
    );
    if text(value, "intro").is_some() {
        let _ = write!(html, "<p class=\"form-intro\">{}</p>", prose(cx, value, "intro"));
    }
    let _ = write!(
        html,
        "<p class=\"form-private screen-only\">{}</p><div class=\"form-privacy\"><p><strong>{}</strong> {}</p></div>",
        label("k.form_private"),
        label("k.form_privacy"),
        prose(cx, value, "privacy")
    );
    let sections = value.get("sections").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
    let any_required = sections
        .iter()
        .flat_map(|s| s.get("fields").and_then(Value::as_array).into_iter().flatten())
        .any(|f| f.get("required").and_then(Value::as_bool) == Some(true));
    if any_required {
        let _ = write!(
            html,
            "<p class=\"form-required-note\"><span class=\"form-req\">*</span> {}</p>",
            label("k.form_required")
        );
    }
    for section in sections {
        let _ = write!(html, "<fieldset class=\"form-section\"><legend>{}</legend>", prose(cx, section, "title"));
        for field in section.get("fields").and_then(Value::as_array).into_iter().flatten() {
            form_field(&mut html, field, id, cx);
        }
        html.push_str("</fieldset>");
    }
    let _ = write!(
        html,
        "<p class=\"form-actions screen-only\"><button type=\"button\" class=\"form-print\" onclick=\"window.print()\">{}</button></p>",
        label("k.form_print")
    );
    let _ = write!(
        html,
        "<footer class=\"form-footer\"><span class=\"form-reference\">{} {}</span> <span class=\"form-version\">{} {}</span></footer></section>",
        label("k.form_reference"),
        escape(text(value, "reference").unwrap_or("")),
        label("k.form_version"),
        escape(
            &value.get("version").map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned)).unwrap_or_default()
        ),
    );
    html
}

fn form_field(html: &mut String, field: &Value, form_id: &str, cx: &RenderContext<'_>) {
    let id = format!("{form_id}-{}", text(field, "id").unwrap_or(""));
    let kind = text(field, "type").unwrap_or("text");
    let required = field.get("required").and_then(Value::as_bool) == Some(true);
    let mark = if required { "<span class=\"form-req\" aria-hidden=\"true\">*</span>" } else { "" };
    let aria = if required { " aria-required=\"true\"" } else { "" };
    let label = prose(cx, field, "label");
    let help = match text(field, "help") {
        Some(_) => format!("<span class=\"form-help\">{}</span>", prose(cx, field, "help")),
        None => String::new(),
    };
    let class = format!("form-field form-{kind}");
    match kind {
        "choice" | "yes-no" => {
            let options: Vec<String> =
                if kind == "yes-no" { vec![cx.label("k.yes"), cx.label("k.no")] } else { texts(cx, field, "options") };
            let input = if field.get("multiple").and_then(Value::as_bool) == Some(true) { "checkbox" } else { "radio" };
            // ARIA allows `aria-required` on a group of radio buttons, not on one of check boxes.
            let group = if input == "radio" { format!(" role=\"radiogroup\"{aria}") } else { String::new() };
            let _ = write!(
                html,
                "<fieldset class=\"{class}\"{group}><legend>{label}{mark}</legend>{help}<span class=\"form-options\">"
            );
            for (i, option) in options.iter().enumerate() {
                let _ = write!(
                    html,
                    "<label class=\"form-option\"><input type=\"{input}\" name=\"{id}\" id=\"{id}-{n}\"> {}</label>",
                    escape(option),
                    n = i + 1
                );
            }
            html.push_str("</span></fieldset>");
        }
        "long-text" => {
            let lines = field.get("lines").and_then(Value::as_u64).unwrap_or(4);
            let _ = write!(
                html,
                "<div class=\"{class}\"><label for=\"{id}\">{label}{mark}</label>{help}<textarea id=\"{id}\" rows=\"{lines}\" style=\"--lines:{lines}\"{aria}></textarea></div>"
            );
        }
        "signature" => {
            let _ = write!(
                html,
                "<div class=\"{class}\"><span class=\"form-label\" id=\"{id}\">{label}{mark}</span>{help}<span class=\"form-sign-box\" role=\"img\" aria-labelledby=\"{id}\"></span></div>"
            );
        }
        "table" => {
            let columns: Vec<String> = texts(cx, field, "columns").iter().map(|c| escape(c)).collect();
            let rows = field.get("rows").and_then(Value::as_u64).unwrap_or(10);
            let _ = write!(
                html,
                "<div class=\"{class}\"><p class=\"form-label\" id=\"{id}\">{label}{mark}</p>{help}<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-labelledby=\"{id}\"><table class=\"form-grid\" aria-labelledby=\"{id}\"><thead><tr><th scope=\"col\" class=\"num\">{}</th>",
                escape(&cx.label("k.number_short"))
            );
            for column in &columns {
                let _ = write!(html, "<th scope=\"col\">{column}</th>");
            }
            html.push_str("</tr></thead><tbody>");
            for row in 1..=rows {
                let _ = write!(html, "<tr><td class=\"num\">{row}</td>");
                for column in &columns {
                    let _ = write!(html, "<td><input type=\"text\" aria-label=\"{column} {row}\"></td>");
                }
                html.push_str("</tr>");
            }
            html.push_str("</tbody></table></div></div>");
        }
        _ => {
            // A date is written day first in both languages of Cameroon; a
            // browser's date picker would print its own locale's order on paper.
            let date = if kind == "date" {
                format!(" inputmode=\"numeric\" placeholder=\"{}\"", escape(&cx.label("k.form_date_format")))
            } else {
                String::new()
            };
            let _ = write!(
                html,
                "<div class=\"{class}\"><label for=\"{id}\">{label}{mark}</label>{help}<input type=\"text\" id=\"{id}\"{date}{aria}></div>"
            );
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
