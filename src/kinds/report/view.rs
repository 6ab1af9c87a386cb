//! What a report's page shows from its fields.

#![allow(unused_imports)]
use serde_json::{Map, Value, json};

use crate::date::Date;
use crate::format;
use crate::kinds::typed;
use crate::kinds::view::*;
use crate::render::charts;

pub(super) fn view(cx: &ViewContext<'_>) -> Value {
    let (agenda, days) = agenda_view(cx, &|id: &str| id.to_owned());
    let f = cx.fields();
    let lang = cx.lang().to_owned();
    let attendance = cx.computed().get("attendance");
    let line = |key: &str, v: &Value| {
        json!({
            "label": key,
            "women": format::integer(v["women"].as_i64().unwrap_or(0), &lang),
            "men": format::integer(v["men"].as_i64().unwrap_or(0), &lang),
            "not_recorded": format::integer(v["not_recorded"].as_i64().unwrap_or(0), &lang),
            "total": format::integer(v["total"].as_i64().unwrap_or(0), &lang),
            "share_women": v["share_women"].as_f64().map(|x| format::percent(x, 0, &lang)),
        })
    };
    // Largest first, as in the chart.
    let mut by_category: Vec<(String, Value)> = attendance
        .and_then(|a| a["by_category"].as_object())
        .map(|m| m.iter().map(|(k, v)| (cx.label("groups", k), v.clone())).collect())
        .unwrap_or_default();
    by_category.sort_by_key(|(label, v)| (std::cmp::Reverse(v["total"].as_u64().unwrap_or(0)), label.clone()));
    let chart = (!by_category.is_empty()).then(|| {
        let bars = by_category
            .iter()
            .map(|(label, v)| charts::Bar {
                label: label.clone(),
                values: ["women", "men", "not_recorded"].map(|k| v[k].as_u64().unwrap_or(0)),
            })
            .collect();
        charts::stacked_bars(
            &format!("{}attendance-{}", cx.anchor, cx.page.lang),
            &cx.word("chart_title"),
            &cx.word("chart_desc"),
            [&cx.word("women"), &cx.word("men"), &cx.word("not_recorded")],
            bars,
            &lang,
            &cx.strings.get("colon"),
        )
    });
    let institutions: Vec<Value> = attendance
        .and_then(|a| a["by_institution"].as_object())
        .map(|m| {
            let mut rows: Vec<(&String, &Value)> = m.iter().collect();
            rows.sort_by_key(|(_, v)| std::cmp::Reverse(v["total"].as_u64().unwrap_or(0)));
            rows.into_iter()
                .map(|(k, v)| {
                    let mut row = line(k, v);
                    row["institution"] = cx.who(k);
                    row
                })
                .collect()
        })
        .unwrap_or_default();
    let event = f.get("event");
    let findings = f.get("findings").and_then(Value::as_object).map(|m| {
        ["expectations", "priorities", "challenges", "convergences", "divergences"]
            .iter()
            .filter_map(|k| {
                let items = strs(m.get(*k));
                (!items.is_empty()).then(|| json!({"title": cx.label("findings_parts", k), "items": items.into_iter().map(|t| cx.text(t)).collect::<Vec<_>>()}))
            })
            .collect::<Vec<_>>()
    });
    let place_of = |e: &Value| -> String {
        [e.get("venue"), e.get("city")]
            .iter()
            .filter_map(|v| v.and_then(Value::as_str))
            .map(|t| cx.text(t))
            .collect::<Vec<_>>()
            .join(", ")
    };
    json!({
        "event": event.map(|e| json!({
            "dates": match (e.get("start").and_then(Value::as_str).and_then(Date::parse), e.get("end").and_then(Value::as_str).and_then(Date::parse)) {
                (Some(a), Some(b)) => Some(format::date_range(a, b, &lang)),
                _ => None,
            },
            "place": place_of(e),
            "mode": e.get("mode").and_then(Value::as_str).map(|m| cx.label("modes", m)),
            "organisers": cx.whos(e.get("organisers")),
            "chair": e.get("chair").and_then(Value::as_str).map(|t| cx.text(t)),
            "rapporteur": e.get("rapporteur").and_then(Value::as_str).map(|t| cx.text(t)),
        })),
        "categories": by_category.iter().map(|(label, v)| line(label, v)).collect::<Vec<_>>(),
        "institutions": institutions,
        "total": attendance.map(|a| line(&cx.word("total"), &a["total"])),
        "chart": chart,
        "findings": findings,
        "recommendations": recommendations(cx, &typed::list(f.get("recommendations"))),
        "agenda_columns": agenda_columns(&agenda),
        "agenda": agenda,
        "multi_day": days.len() > 1,
        "duration": cx.computed().get("agenda").and_then(|a| a["total"].as_u64()).map(|m| cx.minutes(m)),
        "decision": f.get("decision").and_then(Value::as_str).map(|t| cx.text(t)),
    })
}
