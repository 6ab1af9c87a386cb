//! Charts drawn at build time as inline SVG: stacked bars (attendance by
//! sex), a Gantt timeline (action plans and workplans) and the referral
//! pathway (steps to services). Every chart has a `<title>` and a `<desc>`;
//! the pages also print the same data as a table, so that nothing depends on
//! colour or on seeing the picture. Fills differ in lightness and pattern,
//! so the series stay apart when printed in grey.

mod metrics;

use crate::format;
use crate::html::Writer;

/// Series fills: dark, light, hatched; distinct in greyscale.
const FILLS: [&str; 2] = ["#1f4e79", "#9dc3e6"];

/// The fill of series `i` in the chart `id` (the third is a hatch pattern).
fn fill(id: &str, i: usize) -> String {
    match i {
        0 | 1 => FILLS[i].to_owned(),
        _ => format!("url(#{id}-hatch)"),
    }
}
/// An `<svg>` figure opened: its box, its class, and the title and
/// description that name it to screen readers (charts and maps alike).
/// `more` are its other attributes.
pub fn start_svg(
    svg: &mut Writer,
    (width, height): (impl std::fmt::Display, impl std::fmt::Display),
    (id, class): (&str, &str),
    (title, desc): (&str, &str),
    more: crate::html::Attrs<'_>,
) {
    let view_box = format!("0 0 {width} {height}");
    let labelled_by = format!("{id}-t {id}-d");
    let own: crate::html::Attrs<'_> = &[
        ("xmlns", &"http://www.w3.org/2000/svg"),
        ("viewBox", &view_box),
        ("width", &"100%"),
        ("role", &"img"),
        ("aria-labelledby", &labelled_by),
        ("class", &class),
    ];
    svg.start_groups("svg", &[own, more]).element("title", &[("id", &format_args!("{id}-t"))], title).element(
        "desc",
        &[("id", &format_args!("{id}-d"))],
        desc,
    );
}

/// The chart's `<svg>` opened, with its title, description and the hatch
/// pattern of a third series.
fn open(width: u32, height: u32, id: &str, title: &str, desc: &str) -> Writer {
    let mut svg = Writer::with_capacity(4096);
    let font: crate::html::Attrs<'_> = &[("font-family", &"system-ui, sans-serif"), ("font-size", &12)];
    start_svg(&mut svg, (width, height), (id, "chart"), (title, desc), font);
    svg.start("defs", &[])
        .start(
            "pattern",
            &[
                ("id", &format_args!("{id}-hatch")),
                ("width", &6),
                ("height", &6),
                ("patternUnits", &"userSpaceOnUse"),
                ("patternTransform", &"rotate(45)"),
            ],
        )
        .empty("rect", &[("width", &6), ("height", &6), ("fill", &"#fff")])
        .empty("line", &[("x1", &0), ("y1", &0), ("x2", &0), ("y2", &6), ("stroke", &"#555"), ("stroke-width", &2)])
        .end("pattern")
        .end("defs");
    svg
}

/// One bar of a stacked bar chart.
pub struct Bar {
    pub label: String,
    pub values: [u64; 3],
}

impl Bar {
    /// Counts too large to add stop at the largest one (a typo in a table
    /// is reported by its checks; the chart must still be drawn).
    fn total(&self) -> u64 {
        self.values.iter().fold(0, |sum, v| sum.saturating_add(*v))
    }
}

/// Horizontal stacked bars, largest total first, each total written at the
/// end of its bar, and a legend.
/// `colon` is the page's ("Women: 20", « Femmes : 20 »).
pub fn stacked_bars(
    id: &str,
    title: &str,
    desc: &str,
    series: [&str; 3],
    mut bars: Vec<Bar>,
    lang: &str,
    colon: &str,
) -> String {
    bars.sort_by(|a, b| b.total().cmp(&a.total()).then(a.label.cmp(&b.label)));
    let label_width = 190.0;
    let plot_width = 440.0;
    let top = 34.0;
    let max = bars.iter().map(Bar::total).max().unwrap_or(1).max(1) as f64;
    // Labels wrap in their column; a bar sits in the middle of its row.
    let line = 14.0;
    let labels: Vec<Vec<String>> =
        bars.iter().map(|b| metrics::wrap(&b.label, label_width - 12.0, 12.0, false)).collect();
    let rows: Vec<f64> = labels.iter().map(|l| 26.0_f64.max(line * l.len() as f64 + 12.0)).collect();
    let height = top + rows.iter().sum::<f64>() + 10.0;
    let mut svg = open(680, height as u32, id, title, desc);
    // Legend.
    let mut x = label_width;
    for (i, name) in series.iter().enumerate() {
        svg.empty(
            "rect",
            &[
                ("x", &x),
                ("y", &6),
                ("width", &12),
                ("height", &12),
                ("fill", &fill(id, i)),
                ("stroke", &"#333"),
                ("stroke-width", &".5"),
            ],
        )
        .element("text", &[("x", &(x + 16.0)), ("y", &16)], name);
        x += 36.0 + metrics::width(name, 12.0, false);
    }
    let mut row_top = top;
    for ((bar, lines), row) in bars.iter().zip(&labels).zip(&rows) {
        let y = row_top + (row - 20.0) / 2.0;
        let first_line = row_top + (row - line * lines.len() as f64) / 2.0 + 11.0;
        lines_text(&mut svg, (label_width - 8.0, first_line), line, lines, &[("text-anchor", &"end")]);
        row_top += row;
        let mut x = label_width;
        for (i, value) in bar.values.iter().enumerate() {
            let w = plot_width * *value as f64 / max;
            if w > 0.0 {
                svg.start(
                    "rect",
                    &[
                        ("x", &format_args!("{x:.1}")),
                        ("y", &y),
                        ("width", &format_args!("{w:.1}")),
                        ("height", &20),
                        ("fill", &fill(id, i)),
                        ("stroke", &"#333"),
                        ("stroke-width", &".5"),
                    ],
                )
                .element("title", &[], format_args!("{}{colon} {value}", series[i]))
                .end("rect");
            }
            x += w;
        }
        let total = i64::try_from(bar.total()).unwrap_or(i64::MAX);
        svg.element(
            "text",
            &[("x", &format_args!("{:.1}", x + 6.0)), ("y", &(y + 15.0)), ("font-weight", &"bold")],
            format::integer(total, lang),
        );
    }
    svg.end("svg");
    svg.finish()
}

/// A row of a timeline: months are indexes (year * 12 + month - 1).
pub struct Span {
    pub label: String,
    pub group: String,
    pub start: i64,
    pub end: i64,
}

/// A Gantt chart over `period` (first and last month), rows grouped,
/// month labels in the page's language, milestones as diamonds.
pub fn timeline(
    id: &str,
    title: &str,
    desc: &str,
    period: (i64, i64),
    spans: &[Span],
    milestones: &[(String, i64)],
    lang: &str,
) -> String {
    let months = (period.1 - period.0 + 1).max(1);
    let label_width = 300.0;
    let width = 700.0;
    let plot = width - label_width - 10.0;
    let column = plot / months as f64;
    let row: f64 = 20.0;
    let top = 40.0;
    let groups: Vec<&str> = {
        let mut seen = Vec::new();
        for span in spans {
            if !seen.contains(&span.group.as_str()) {
                seen.push(span.group.as_str());
            }
        }
        seen
    };
    // Labels are wrapped in their column, never cut; a row is as tall as its lines.
    let line = 14.0;
    let group_lines: Vec<Vec<String>> = groups
        .iter()
        .map(|g| if g.is_empty() { Vec::new() } else { metrics::wrap(g, label_width - 8.0, 12.0, true) })
        .collect();
    let span_lines: Vec<Vec<String>> =
        spans.iter().map(|s| metrics::wrap(&s.label, label_width - 18.0, 12.0, false)).collect();
    let tall = |lines: usize| row.max(line * lines as f64 + 6.0);
    let rows_height: f64 = group_lines.iter().filter(|l| !l.is_empty()).map(|l| tall(l.len())).sum::<f64>()
        + span_lines.iter().map(|l| tall(l.len())).sum::<f64>()
        + if milestones.is_empty() { 0.0 } else { row };
    let height = top + rows_height + 8.0;
    let mut svg = open(width as u32, height as u32, id, title, desc);
    // Month and year labels; show every month up to 24, else every quarter.
    let step = if months <= 24 {
        1
    } else if months <= 60 {
        3
    } else {
        12
    };
    for m in 0..months {
        let month = period.0 + m;
        let x = label_width + column * m as f64;
        let (year, month_of_year) = (month / 12, (month % 12 + 1) as u8);
        if month_of_year == 1 || m == 0 {
            let x = format_args!("{x:.1}");
            svg.element("text", &[("x", &x), ("y", &14), ("font-weight", &"bold")], year).empty(
                "line",
                &[("x1", &x), ("y1", &18), ("x2", &x), ("y2", &height), ("stroke", &"#999"), ("stroke-width", &".5")],
            );
        }
        if m % step == 0 && step < 12 {
            let label = if step == 1 {
                format::month_abbr(month_of_year, lang).to_owned()
            } else {
                format::quarter((month_of_year - 1) / 3 + 1, lang)
            };
            svg.element(
                "text",
                &[("x", &format_args!("{:.1}", x + 1.0)), ("y", &32), ("font-size", &10), ("fill", &"#444")],
                label,
            );
        }
    }
    let mut y = top;
    for (group, lines) in groups.iter().zip(&group_lines) {
        if !group.is_empty() {
            lines_text(&mut svg, (4.0, y + 14.0), line, lines, &[("font-weight", &"bold")]);
            y += tall(lines.len());
        }
        for (span, lines) in spans.iter().zip(&span_lines).filter(|(s, _)| s.group == *group) {
            let x = label_width + column * (span.start - period.0) as f64;
            let w = column * (span.end - span.start + 1) as f64;
            lines_text(&mut svg, (12.0, y + 14.0), line, lines, &[]);
            svg.start(
                "rect",
                &[
                    ("x", &format_args!("{x:.1}")),
                    ("y", &(y + 4.0)),
                    ("width", &format_args!("{w:.1}")),
                    ("height", &12),
                    ("rx", &2),
                    ("fill", &FILLS[0]),
                    ("stroke", &"#333"),
                    ("stroke-width", &".5"),
                ],
            )
            .element("title", &[], &span.label)
            .end("rect");
            y += tall(lines.len());
        }
    }
    for (label, month) in milestones {
        let x = label_width + column * (month - period.0) as f64 + column / 2.0;
        svg.start(
            "path",
            &[
                ("d", &format_args!("M{x:.1} {} l6 6 l-6 6 l-6 -6 z", y + 2.0)),
                ("fill", &"#c55a11"),
                ("stroke", &"#333"),
                ("stroke-width", &".5"),
            ],
        )
        .element("title", &[], label)
        .end("path");
    }
    svg.end("svg");
    svg.finish()
}

/// Widths of the referral pathway's boxes: steps, services.
const STEP_WIDTH: f64 = 250.0;
const SERVICE_WIDTH: f64 = 246.0;
const SERVICE_X: f64 = 470.0;

/// A box of the referral diagram: its label and the services it stands for.
type ServiceBox<'a> = (&'a str, Vec<&'a str>);

/// Lines of a wrapped label, the first at (`x`, `y`), one `<tspan>` each;
/// `more` are the `<text>`'s other attributes.
fn lines_text(svg: &mut Writer, (x, y): (f64, f64), line: f64, lines: &[String], more: crate::html::Attrs<'_>) {
    svg.start_groups("text", &[&[("x", &x), ("y", &format_args!("{y:.1}"))], more]);
    for (i, content) in lines.iter().enumerate() {
        let dy = if i == 0 { 0.0 } else { line };
        svg.element("tspan", &[("x", &x), ("dy", &dy)], content);
    }
    svg.end("text");
}

/// A box of the referral pathway at `(x, y)`, of `(width, height)`,
/// `(fill, stroke)`, with its lines of text inside.
fn text_box(
    svg: &mut Writer,
    (x, y): (f64, f64),
    (width, h): (f64, f64),
    colours: (&str, &str),
    line: f64,
    lines: &[String],
) {
    svg.empty(
        "rect",
        &[
            ("x", &x),
            ("y", &format_args!("{y:.1}")),
            ("width", &width),
            ("height", &format_args!("{h:.1}")),
            ("rx", &3),
            ("fill", &colours.0),
            ("stroke", &colours.1),
        ],
    );
    lines_text(svg, (x + 6.0, y + 15.0), line, lines, &[]);
}

/// The referral pathway: steps on the left, services on the right grouped
/// by type, a line for each route.
pub fn referral(
    id: &str,
    title: &str,
    desc: &str,
    steps: &[(String, String)],
    groups: &[(String, Vec<(String, String)>)],
    routes: &[(String, String)],
) -> String {
    // Services of one group with the same label (one institution, two
    // offices of it) are one box; boxes are as tall as their wrapped labels.
    let merged: Vec<(&str, Vec<ServiceBox>)> = groups
        .iter()
        .map(|(group, services)| {
            let mut boxes: Vec<ServiceBox> = Vec::new();
            for (service_id, label) in services {
                match boxes.iter_mut().find(|(l, _)| l == label) {
                    Some((_, ids)) => ids.push(service_id),
                    None => boxes.push((label, vec![service_id])),
                }
            }
            (group.as_str(), boxes)
        })
        .collect();
    let (line, gap, top) = (14.0, 4.0, 12.0);
    let box_height = |lines: usize| line * lines as f64 + 6.0;
    let step_lines: Vec<Vec<String>> =
        steps.iter().map(|(_, l)| metrics::wrap(l, STEP_WIDTH - 12.0, 12.0, false)).collect();
    let group_lines: Vec<(Vec<String>, Vec<Vec<String>>)> = merged
        .iter()
        .map(|(g, boxes)| {
            let boxes = boxes.iter().map(|(l, _)| metrics::wrap(l, SERVICE_WIDTH - 12.0, 12.0, false)).collect();
            (metrics::wrap(g, SERVICE_WIDTH, 12.0, true), boxes)
        })
        .collect();
    let steps_height: f64 = step_lines.iter().map(|l| box_height(l.len()) + gap).sum();
    let services_height: f64 = group_lines
        .iter()
        .map(|(g, s)| line * g.len() as f64 + gap + s.iter().map(|l| box_height(l.len()) + gap).sum::<f64>())
        .sum();
    let height = top + steps_height.max(services_height) + 10.0;
    let mut svg = open(720, height as u32, id, title, desc);
    svg.start("defs", &[])
        .start(
            "marker",
            &[
                ("id", &format_args!("{id}-arrow")),
                ("viewBox", &"0 0 8 8"),
                ("refX", &8),
                ("refY", &4),
                ("markerWidth", &7),
                ("markerHeight", &7),
                ("orient", &"auto"),
            ],
        )
        .empty("path", &[("d", &"M0 0 L8 4 L0 8 z"), ("fill", &"#555")])
        .end("marker")
        .end("defs");
    let mut step_y = std::collections::HashMap::new();
    let mut y = top;
    for ((step_id, _), lines) in steps.iter().zip(&step_lines) {
        let h = box_height(lines.len());
        step_y.insert(step_id.as_str(), y + h / 2.0);
        text_box(&mut svg, (4.0, y), (STEP_WIDTH, h), ("#deebf7", "#1f4e79"), line, lines);
        y += h + gap;
    }
    // Where each box is (its middle), and where each group's boxes start and end.
    let mut box_y: Vec<Vec<f64>> = Vec::new();
    let mut group_span: Vec<(f64, f64)> = Vec::new();
    let mut y = top;
    for ((_, boxes), (heading, lines)) in merged.iter().zip(&group_lines) {
        lines_text(&mut svg, (SERVICE_X, y + 13.0), line, heading, &[("font-weight", &"bold")]);
        y += line * heading.len() as f64 + gap;
        let first = y;
        let mut middles = Vec::new();
        for (_, box_lines) in boxes.iter().zip(lines) {
            let h = box_height(box_lines.len());
            middles.push(y + h / 2.0);
            text_box(&mut svg, (SERVICE_X, y), (SERVICE_WIDTH, h), ("#fff", "#333"), line, box_lines);
            y += h + gap;
        }
        box_y.push(middles);
        group_span.push((first, y - gap));
    }
    // One arrow per step and box; a step that leads to every box of a group
    // has one arrow to the group, drawn as a bracket along its boxes.
    let from_x = 4.0 + STEP_WIDTH;
    let arrow = |svg: &mut Writer, y1: f64, x2: f64, y2: f64| {
        svg.empty(
            "path",
            &[
                ("d", &format_args!("M{from_x} {y1:.1} C360 {y1:.1} 364 {y2:.1} {x2} {y2:.1}")),
                ("fill", &"none"),
                ("stroke", &"#555"),
                ("stroke-width", &1),
                ("marker-end", &format_args!("url(#{id}-arrow)")),
            ],
        );
    };
    let mut bracketed = vec![false; merged.len()];
    // A step that leads to every service has one arrow to a bracket along
    // the whole column.
    let mut bracketed_all = false;
    for (step_id, _) in steps {
        let Some(&y1) = step_y.get(step_id.as_str()) else { continue };
        let reached_in = |boxes: &[ServiceBox]| -> Vec<usize> {
            (0..boxes.len())
                .filter(|&b| routes.iter().any(|(from, to)| from == step_id && boxes[b].1.contains(&to.as_str())))
                .collect()
        };
        if merged.len() > 1 && merged.iter().all(|(_, boxes)| reached_in(boxes).len() == boxes.len()) {
            let (first, last) = (group_span[0].0, group_span[merged.len() - 1].1);
            arrow(&mut svg, y1, SERVICE_X - 16.0, (first + last) / 2.0);
            bracketed_all = true;
            continue;
        }
        for (g, (_, boxes)) in merged.iter().enumerate() {
            let reached = reached_in(boxes);
            if reached.len() == boxes.len() && boxes.len() > 1 {
                let (first, last) = group_span[g];
                arrow(&mut svg, y1, SERVICE_X - 8.0, (first + last) / 2.0);
                bracketed[g] = true;
            } else {
                reached.iter().for_each(|&b| arrow(&mut svg, y1, SERVICE_X, box_y[g][b]));
            }
        }
    }
    let bracket = |svg: &mut Writer, x: f64, (first, last): (f64, f64)| {
        svg.empty(
            "path",
            &[
                ("d", &format_args!("M{x} {first:.1} h-4 V{last:.1} h4")),
                ("fill", &"none"),
                ("stroke", &"#555"),
                ("stroke-width", &1.2),
            ],
        );
    };
    for (g, _) in bracketed.iter().enumerate().filter(|(_, b)| **b) {
        bracket(&mut svg, SERVICE_X - 2.0, group_span[g]);
    }
    if bracketed_all {
        bracket(&mut svg, SERVICE_X - 10.0, (group_span[0].0, group_span[merged.len() - 1].1));
    }
    svg.end("svg");
    svg.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_are_sorted_by_total_and_labelled() {
        let bars =
            vec![Bar { label: "Small".into(), values: [1, 1, 0] }, Bar { label: "Large".into(), values: [5, 3, 1] }];
        let svg = stacked_bars("c", "Title", "Desc", ["Women", "Men", "Not recorded"], bars, "en", ":");
        assert!(svg.find("Large").unwrap() < svg.find("Small").unwrap());
        assert!(svg.contains("<title id=\"c-t\">Title</title>") && svg.contains(">9</text>"));
    }

    #[test]
    fn counts_too_large_to_add_still_make_a_chart() {
        // A count of 1e27 in attendance.csv arrives as the largest u64.
        let bars = vec![
            Bar { label: "Typo".into(), values: [u64::MAX, 4, 0] },
            Bar { label: "Fine".into(), values: [3, 4, 0] },
        ];
        let svg = stacked_bars("c", "Title", "Desc", ["Women", "Men", "Not recorded"], bars, "en", ":");
        assert!(svg.find("Typo").unwrap() < svg.find("Fine").unwrap());
    }

    #[test]
    fn a_timeline_labels_months_in_the_page_language() {
        let spans = [Span { label: "A".into(), group: "Axis".into(), start: 2027 * 12, end: 2027 * 12 + 2 }];
        let svg = timeline("t", "T", "D", (2027 * 12, 2027 * 12 + 11), &spans, &[], "fr");
        assert!(svg.contains(">févr.<") && svg.contains(">2027<"));
    }

    /// Every line of a chart's text: its x, its words, and whether bold.
    fn text_lines(svg: &str) -> Vec<(f64, String, bool)> {
        let html = svg.replace("&amp;", "&");
        let mut found = Vec::new();
        for text in html.split("<text ").skip(1) {
            let bold = text.split('>').next().is_some_and(|open| open.contains("bold"));
            for tspan in text.split("<tspan x=\"").skip(1) {
                let x: f64 = tspan.split('"').next().unwrap().parse().unwrap();
                let words = tspan.split('>').nth(1).unwrap().split('<').next().unwrap();
                found.push((x, words.to_owned(), bold));
            }
        }
        found
    }

    #[test]
    fn long_labels_wrap_inside_their_boxes_and_routes_end_in_arrows() {
        let step = "Accueil et identification en toute sécurité des femmes et des filles à leur arrivée".to_owned();
        let service = "MINPROFF – Centre de promotion de la femme et de la famille de Douala 5e".to_owned();
        let svg = referral(
            "r",
            "T",
            "D",
            &[("s1".into(), step.clone())],
            &[("Violences basées sur le genre et protection".into(), vec![("v1".into(), service.clone())])],
            &[("s1".into(), "v1".into())],
        );
        assert!(svg.contains("marker-end=\"url(#r-arrow)\"") && svg.contains("<marker id=\"r-arrow\""));
        let lines = text_lines(&svg);
        assert!(!svg.contains('…') && lines.len() > 3, "{lines:?}");
        for (x, words, bold) in &lines {
            let right = if *x < SERVICE_X { 4.0 + STEP_WIDTH } else { SERVICE_X + SERVICE_WIDTH };
            assert!(x + metrics::width(words, 12.0, *bold) <= right, "{words:?} leaves its box");
        }
        let label = "1.1.1 Concevoir et lancer une base de données numérique de la diaspora ventilée par sexe";
        let spans =
            [Span {
                label: label.into(), group: "Connaître la diaspora".into(), start: 2027 * 12, end: 2027 * 12 + 5
            }];
        let svg = timeline("t", "T", "D", (2027 * 12, 2031 * 12 + 11), &spans, &[], "fr");
        let lines = text_lines(&svg);
        assert_eq!(
            lines.iter().filter(|(x, _, _)| *x == 12.0).map(|l| l.1.as_str()).collect::<Vec<_>>().join(" "),
            label
        );
        assert!(lines.iter().all(|(x, words, bold)| x + metrics::width(words, 12.0, *bold) <= 300.0), "{lines:?}");
    }

    #[test]
    fn one_institution_is_one_box_and_a_step_leading_to_a_whole_group_has_one_arrow() {
        let services = |labels: &[(&str, &str)]| labels.iter().map(|(i, l)| (i.to_string(), l.to_string())).collect();
        let groups = vec![
            (
                "Health".to_owned(),
                services(&[("h1", "MINSANTE – Centre"), ("h2", "MINSANTE – Centre"), ("h3", "MINSANTE – Littoral")]),
            ),
            ("Legal".to_owned(), services(&[("l1", "MINJUSTICE – Centre"), ("l2", "MINJUSTICE – Littoral")])),
        ];
        let steps = [("s1".to_owned(), "Refer".to_owned()), ("s2".to_owned(), "Follow up".to_owned())];
        let routes: Vec<(String, String)> = [("s1", "h1"), ("s1", "h2"), ("s1", "h3"), ("s2", "l1")]
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        let svg = referral("r", "T", "D", &steps, &groups, &routes);
        assert_eq!(svg.matches(">MINSANTE – Centre<").count(), 1, "{svg}");
        // s1 reaches all of Health: one arrow and a bracket; s2 one box of Legal.
        assert_eq!(svg.matches("marker-end=").count(), 2, "{svg}");
        assert_eq!(svg.matches("h-4 V").count(), 1);
        // A step to every service: one arrow to a bracket along the column.
        let mut routes = routes;
        routes.extend(["h1", "h2", "h3", "l1", "l2"].map(|to| ("s2".to_owned(), to.to_owned())));
        let svg = referral("r", "T", "D", &steps, &groups, &routes);
        assert_eq!(svg.matches("marker-end=").count(), 2, "{svg}");
        assert_eq!(svg.matches("h-4 V").count(), 2);
    }
}
