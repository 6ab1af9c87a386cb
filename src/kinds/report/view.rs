//! What a report's page shows from its fields.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::{Value, json};

use crate::charts;
use crate::date::Date;
use crate::format;
use crate::kinds::typed::{self, List, typed};
use crate::kinds::view::{Recommendation, ViewContext, Who, agenda_columns, agenda_view, recommendations};

typed! {
    struct Fields {
        event: Option<Event>,
        findings: Option<Findings>,
        recommendations: List<Recommendation>,
        decision: Option<String>,
    }

    struct Event {
        start: Option<String>,
        end: Option<String>,
        venue: Option<String>,
        city: Option<String>,
        mode: Option<String>,
        organisers: List<String>,
        chair: Option<String>,
        rapporteur: Option<String>,
    }

    struct Findings {
        expectations: List<String>,
        priorities: List<String>,
        challenges: List<String>,
        convergences: List<String>,
        divergences: List<String>,
    }

    struct Computed {
        attendance: Option<Attendance>,
        agenda: Option<AgendaTotal>,
    }

    /// Attendance summed by the rules: by participant group, by
    /// institution and overall.
    struct Attendance {
        by_category: BTreeMap<String, Line>,
        by_institution: BTreeMap<String, Line>,
        total: Line,
    }

    struct Line {
        women: u64,
        men: u64,
        not_recorded: u64,
        total: u64,
        share_women: Option<f64>,
    }

    struct AgendaTotal {
        total: Option<u64>,
    }
}

/// A line of the attendance tables, its counts written the page's way.
#[derive(Serialize)]
struct AttendanceRow {
    label: String,
    women: String,
    men: String,
    not_recorded: String,
    total: String,
    share_women: Option<String>,
    /// In the table by institution.
    #[serde(skip_serializing_if = "Option::is_none")]
    institution: Option<Who>,
}

pub(super) fn view(cx: &ViewContext<'_>) -> Value {
    let (agenda, days) = agenda_view(cx, &|id: &str| id.to_owned());
    let f: Fields = typed::read(&cx.kind.fields);
    let computed: Computed = typed::read(&cx.kind.computed);
    let lang = cx.lang.to_owned();
    let attendance = computed.attendance.as_ref();
    let count = |n: u64| format::integer(i64::try_from(n).unwrap_or(0), &lang);
    let line = |key: &str, v: &Line| AttendanceRow {
        label: key.to_owned(),
        women: count(v.women),
        men: count(v.men),
        not_recorded: count(v.not_recorded),
        total: count(v.total),
        share_women: v.share_women.map(|x| format::percent(x, 0, &lang)),
        institution: None,
    };
    // Largest first, as in the chart.
    let mut by_category: Vec<(String, &Line)> =
        attendance.map(|a| a.by_category.iter().map(|(k, v)| (cx.label("groups", k), v)).collect()).unwrap_or_default();
    by_category.sort_by_key(|(label, v)| (std::cmp::Reverse(v.total), label.clone()));
    let chart = (!by_category.is_empty()).then(|| {
        let bars = by_category
            .iter()
            .map(|(label, v)| charts::Bar { label: label.clone(), values: [v.women, v.men, v.not_recorded] })
            .collect();
        charts::stacked_bars(
            &format!("{}attendance-{}", cx.anchor, cx.lang),
            &cx.word("chart_title"),
            &cx.word("chart_desc"),
            [&cx.word("women"), &cx.word("men"), &cx.word("not_recorded")],
            bars,
            &lang,
            &cx.strings.get("colon"),
        )
    });
    let institutions: Vec<AttendanceRow> = attendance
        .map(|a| {
            let mut rows: Vec<(&String, &Line)> = a.by_institution.iter().collect();
            rows.sort_by_key(|(_, v)| std::cmp::Reverse(v.total));
            rows.into_iter().map(|(k, v)| AttendanceRow { institution: Some(cx.who(k)), ..line(k, v) }).collect()
        })
        .unwrap_or_default();
    let findings = f.findings.as_ref().map(|m| {
        [
            ("expectations", &m.expectations),
            ("priorities", &m.priorities),
            ("challenges", &m.challenges),
            ("convergences", &m.convergences),
            ("divergences", &m.divergences),
        ]
        .into_iter()
        .filter(|(_, items)| !items.is_empty())
        .map(|(part, items)| json!({"title": cx.label("findings_parts", part), "items": items.iter().map(|t| cx.text(t)).collect::<Vec<_>>()}))
        .collect::<Vec<_>>()
    });
    let place_of = |e: &Event| -> String {
        [&e.venue, &e.city].into_iter().flatten().map(|t| cx.text(t)).collect::<Vec<_>>().join(", ")
    };
    json!({
        "event": f.event.as_ref().map(|e| json!({
            "dates": match (e.start.as_deref().and_then(Date::parse), e.end.as_deref().and_then(Date::parse)) {
                (Some(a), Some(b)) => Some(format::date_range(a, b, &lang)),
                _ => None,
            },
            "place": place_of(e),
            "mode": e.mode.as_ref().map(|m| cx.label("modes", m)),
            "organisers": cx.whos(&e.organisers),
            "chair": e.chair.as_ref().map(|t| cx.text(t)),
            "rapporteur": e.rapporteur.as_ref().map(|t| cx.text(t)),
        })),
        "categories": by_category.iter().map(|(label, v)| line(label, v)).collect::<Vec<_>>(),
        "institutions": institutions,
        "total": attendance.map(|a| line(&cx.word("total"), &a.total)),
        "chart": chart,
        "findings": findings,
        "recommendations": recommendations(cx, &f.recommendations),
        "agenda_columns": agenda_columns(&agenda),
        "agenda": agenda,
        "multi_day": days.len() > 1,
        "duration": computed.agenda.and_then(|a| a.total).map(|m| cx.minutes(m)),
        "decision": f.decision.as_ref().map(|t| cx.text(t)),
    })
}
