//! What a strategy's page shows from its fields.

#![allow(unused_imports)]
use serde_json::{Map, Value, json};

use crate::date::Date;
use crate::format;
use crate::kinds::view::*;
use crate::render::charts;

pub(super) fn view(cx: &ViewContext<'_>) -> Value {
    let f = cx.fields();
    let lang = cx.lang().to_owned();
    let colon = cx.strings.get("colon");
    let currency = f.get("currency").and_then(Value::as_str).unwrap_or("XAF");
    let money = |amount: f64| format::money(amount, currency, &lang);
    let axes = cx.rows("axes");
    let axis_title = |id: &str| cx.title_of(&axes, id);
    let when = |v: Option<&Value>| -> Option<String> {
        let text = v.and_then(Value::as_str)?;
        if let Some(date) = Date::parse(text) {
            return Some(format::date_long(date, &lang));
        }
        if let Some((year, q)) = text.split_once("-Q") {
            return Some(format!("{} {year}", format::quarter(q.parse().ok()?, &lang)));
        }
        let (year, month) = text.split_once('-')?;
        Some(format::month_year(year.parse().ok()?, month.parse().ok()?, &lang))
    };
    let costs = cx.computed().get("costs");
    let actions = cx.rows("action_plan");
    let spans = cx.computed().get("action_spans").and_then(Value::as_array);
    // Actions grouped by axis, in the order of the axes, with subtotals.
    let mut groups: Vec<(String, Vec<Value>, f64)> = Vec::new();
    let mut gantt = Vec::new();
    // Actions numbered as readers see the axes and objectives numbered
    // (axis.objective.action: 1.2.1), whatever their ids.
    let mut per_objective: Vec<(String, usize)> = Vec::new();
    let number_of = |action: &Map<String, Value>, per_objective: &mut Vec<(String, usize)>| -> String {
        let id = s(action, "id").unwrap_or("");
        let axis = s(action, "axis").and_then(|a| axes.iter().position(|x| s(x, "id") == Some(a)));
        let objective = axis.and_then(|a| {
            let wanted = s(action, "objective")?;
            rows(axes[a].get("objectives")).iter().position(|o| s(o, "id") == Some(wanted))
        });
        let (Some(axis), Some(objective)) = (axis, objective) else { return id.to_owned() };
        let key = format!("{axis}.{objective}");
        let n = match per_objective.iter_mut().find(|(k, _)| *k == key) {
            Some((_, n)) => {
                *n += 1;
                *n
            }
            None => {
                per_objective.push((key, 1));
                1
            }
        };
        format!("{}.{}.{n}", axis + 1, objective + 1)
    };
    for (i, action) in actions.iter().enumerate() {
        let number = number_of(action, &mut per_objective);
        let axis = s(action, "axis").unwrap_or("").to_owned();
        let cost = action.get("cost").and_then(|c| c.as_f64().or_else(|| c.get("amount").and_then(Value::as_f64)));
        let title = cx.text(s(action, "action").unwrap_or(""));
        let row = json!({
            "id": number,
            "action": title,
            "lead": cx.who(s(action, "lead").unwrap_or("")),
            "partners": cx.whos(action.get("partners")),
            "start": when(action.get("start")),
            "end": when(action.get("end")),
            "priority": s(action, "priority").map(|p| cx.label("priorities", p)),
            "cost": cost.map(money),
        });
        let group_title = if axis.is_empty() { String::new() } else { axis_title(&axis) };
        if let Some(span) = spans.and_then(|s| s.get(i)).filter(|s| !s.is_null()) {
            gantt.push(charts::Span {
                label: format!("{number} {title}"),
                group: group_title.clone(),
                start: span["start"].as_i64().unwrap_or(0),
                end: span["end"].as_i64().unwrap_or(0),
            });
        }
        match groups.iter_mut().find(|(g, _, _)| *g == group_title) {
            Some((_, list, sum)) => {
                list.push(row);
                *sum += cost.unwrap_or(0.0);
            }
            None => groups.push((group_title, vec![row], cost.unwrap_or(0.0))),
        }
    }
    let period = cx.computed().get("period");
    let milestones: Vec<(String, i64)> = cx
        .rows("deliverables")
        .iter()
        .filter_map(|d| {
            let due = Date::parse(s(d, "due")?)?;
            Some((cx.text(s(d, "title").unwrap_or("")), i64::from(due.year) * 12 + i64::from(due.month) - 1))
        })
        .collect();
    let timeline = period.filter(|_| !gantt.is_empty()).map(|p| {
        let range = (p["start"].as_i64().unwrap_or(0), p["end"].as_i64().unwrap_or(0));
        let milestones: Vec<(String, i64)> =
            milestones.iter().filter(|(_, m)| *m >= range.0 && *m <= range.1).cloned().collect();
        charts::timeline(
            &format!("{}timeline-{}", cx.anchor, cx.page.lang),
            &cx.word("timeline"),
            &cx.word("timeline_desc"),
            range,
            &gantt,
            &milestones,
            &lang,
        )
    });
    let results: Vec<Value> = cx
        .rows("results")
        .iter()
        .map(|r| {
            json!({
                "id": s(r, "id"),
                "level": cx.label("levels", s(r, "level").unwrap_or("")),
                "statement": cx.text(s(r, "statement").unwrap_or("")),
                "indicators": rows(r.get("indicators")).iter().map(|ind| {
                    let baseline = ind.get("baseline").filter(|b| !b.is_null());
                    json!({
                        "text": cx.text(s(ind, "text").unwrap_or("")),
                        "unit": s(ind, "unit").map(|u| cx.label("units", u)),
                        "baseline": baseline.map(|b| format!("{} ({})", number_text(b.get("value"), &lang), b.get("year").map(Value::to_string).unwrap_or_default())),
                        "baseline_note": s(ind, "baseline_note").map(|t| cx.text(t)),
                        "targets": rows(ind.get("targets")).iter().map(|t| format!("{}{} {}", t.get("year").map(Value::to_string).unwrap_or_default(), colon, number_text(t.get("value"), &lang))).collect::<Vec<_>>().join(" · "),
                        "source": s(ind, "source").map(|t| cx.text(t)),
                        "frequency": s(ind, "frequency").map(|f| cx.label("frequencies", f)),
                        "responsible": cx.who(s(ind, "responsible").unwrap_or("")),
                        "disaggregation": strs(ind.get("disaggregation")).into_iter().map(|d| cx.label("disaggregations", d)).collect::<Vec<_>>().join(", "),
                    })
                }).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({
        "period": f.get("period").map(|p| format!("{}–{}", period_text(p.get("start"), &lang), period_text(p.get("end"), &lang))),
        "axes": axes.iter().map(|a| json!({
            "id": s(a, "id"),
            "title": cx.text(s(a, "title").unwrap_or("")),
            "objectives": rows(a.get("objectives")).iter().map(|o| json!({"id": s(o, "id"), "title": cx.text(s(o, "title").unwrap_or(""))})).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "action_groups": groups.into_iter().map(|(title, actions, sum)| json!({
            "title": title,
            "actions": actions,
            "subtotal": costs.map(|_| money(sum)),
            "subtotal_label": cx.strings.fill("k.subtotal", &[("axis", &title)]),
        })).collect::<Vec<_>>(),
        "has_costs": costs.is_some(),
        "total_cost": costs.and_then(|c| c["total"].as_f64()).map(money),
        "by_lead": costs.and_then(|c| c["by_lead"].as_object()).map(|m| m.iter().map(|(lead, v)| json!({"lead": cx.who(lead), "cost": money(v.as_f64().unwrap_or(0.0))})).collect::<Vec<_>>()),
        "results": results,
        "timeline": timeline,
        "deliverables": cx.rows("deliverables").iter().map(|d| json!({
            "title": cx.text(s(d, "title").unwrap_or("")),
            "due": cx.date(d.get("due")),
            "share": d.get("share_pct").and_then(Value::as_f64).map(|p| format::percent(p / 100.0, 0, &lang)),
        })).collect::<Vec<_>>(),
    })
}
pub(crate) fn number_text(value: Option<&Value>, lang: &str) -> String {
    match value {
        Some(Value::Number(n)) => format::number(n.as_f64().unwrap_or(0.0), 2, lang),
        Some(Value::String(t)) => t.clone(),
        _ => String::new(),
    }
}
pub(crate) fn period_text(value: Option<&Value>, lang: &str) -> String {
    match value {
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::String(t)) => match t.split_once('-') {
            Some((y, m)) => match (y.parse(), m.parse()) {
                (Ok(y), Ok(m)) => format::month_year(y, m, lang),
                _ => t.clone(),
            },
            None => t.clone(),
        },
        _ => String::new(),
    }
}
