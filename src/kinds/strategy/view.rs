//! What a strategy's page shows from its fields.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::{Value, json};

use crate::charts;
use crate::date::Date;
use crate::format;
use crate::kinds::typed::{self, List, typed};
use crate::kinds::view::{NumberOrText, ViewContext};

typed! {
    struct Fields {
        period: Option<Period>,
        currency: Option<String>,
        axes: List<Axis>,
        action_plan: List<Action>,
        results: List<ResultRow>,
        deliverables: List<Deliverable>,
    }

    /// The years (`2026`) or months (`2026-01`) covered.
    struct Period {
        start: Option<NumberOrText>,
        end: Option<NumberOrText>,
    }

    struct Axis {
        id: Option<String>,
        title: Option<String>,
        objectives: List<AxisObjective>,
    }

    struct AxisObjective {
        id: Option<String>,
        title: Option<String>,
    }

    struct Action {
        id: Option<String>,
        axis: Option<String>,
        objective: Option<String>,
        action: Option<String>,
        lead: Option<String>,
        partners: List<String>,
        start: Option<String>,
        end: Option<String>,
        priority: Option<String>,
        cost: Option<Cost>,
    }

    struct ResultRow {
        id: Option<String>,
        level: Option<String>,
        statement: Option<String>,
        indicators: List<Indicator>,
    }

    struct Indicator {
        text: Option<String>,
        unit: Option<String>,
        baseline: Option<Baseline>,
        baseline_note: Option<String>,
        targets: List<Target>,
        source: Option<String>,
        frequency: Option<String>,
        responsible: Option<String>,
        disaggregation: List<String>,
    }

    struct Baseline {
        value: Option<NumberOrText>,
        year: Option<i64>,
    }

    struct Target {
        year: Option<i64>,
        value: Option<NumberOrText>,
    }

    struct Deliverable {
        title: Option<String>,
        due: Option<String>,
        share_pct: Option<f64>,
    }

    struct Computed {
        costs: Option<Costs>,
        /// Each action's months (`MonthIndex`), in the order of the plan;
        /// none for an action whose dates are not known.
        action_spans: Vec<Option<Months>>,
        period: Option<Months>,
    }

    /// The costs summed by the rules, when some action is costed.
    struct Costs {
        total: Option<f64>,
        by_lead: Option<BTreeMap<String, f64>>,
    }

    struct Months {
        start: i64,
        end: i64,
    }
}

/// An action's cost: an amount in the document's currency, or an amount
/// with its currency.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
enum Cost {
    Amount(f64),
    Money { amount: f64 },
}

impl Cost {
    fn amount(&self) -> f64 {
        match self {
            Cost::Amount(amount) | Cost::Money { amount } => *amount,
        }
    }
}

crate::kinds::view::titled!(Axis);

pub(super) fn view(cx: &ViewContext<'_>) -> Value {
    let f: Fields = typed::read(&cx.kind.fields);
    let computed: Computed = typed::read(&cx.kind.computed);
    let lang = cx.lang.to_owned();
    let colon = cx.strings.get("colon");
    let currency = f.currency.as_deref().unwrap_or("XAF");
    let money = |amount: f64| format::money(amount, currency, &lang);
    let axes = &f.axes;
    let axis_title = |id: &str| cx.title_of(axes, id);
    let when = |text: Option<&str>| -> Option<String> {
        let text = text?;
        if let Some(date) = Date::parse(text) {
            return Some(format::date_long(date, &lang));
        }
        if let Some((year, q)) = text.split_once("-Q") {
            return Some(format!("{} {year}", format::quarter(q.parse().ok()?, &lang)));
        }
        let (year, month) = text.split_once('-')?;
        Some(format::month_year(year.parse().ok()?, month.parse().ok()?, &lang))
    };
    let costs = computed.costs.as_ref();
    // Actions grouped by axis, in the order of the axes, with subtotals.
    let mut groups: Vec<(String, Vec<Value>, f64)> = Vec::new();
    let mut gantt = Vec::new();
    // Actions numbered as readers see the axes and objectives numbered
    // (axis.objective.action: 1.2.1), whatever their ids.
    let mut per_objective: Vec<(String, usize)> = Vec::new();
    let number_of = |action: &Action, per_objective: &mut Vec<(String, usize)>| -> String {
        let id = action.id.as_deref().unwrap_or("");
        let axis = action.axis.as_deref().and_then(|a| axes.iter().position(|x| x.id.as_deref() == Some(a)));
        let objective = axis.and_then(|a| {
            let wanted = action.objective.as_deref()?;
            axes[a].objectives.iter().position(|o| o.id.as_deref() == Some(wanted))
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
    for (i, action) in f.action_plan.iter().enumerate() {
        let number = number_of(action, &mut per_objective);
        let axis = action.axis.clone().unwrap_or_default();
        let cost = action.cost.as_ref().map(Cost::amount);
        let title = cx.text(action.action.as_deref().unwrap_or(""));
        let row = json!({
            "id": number,
            "action": title,
            "lead": cx.who(action.lead.as_deref().unwrap_or("")),
            "partners": cx.whos(&action.partners),
            "start": when(action.start.as_deref()),
            "end": when(action.end.as_deref()),
            "priority": action.priority.as_ref().map(|p| cx.label("priorities", p)),
            "cost": cost.map(money),
        });
        let group_title = if axis.is_empty() { String::new() } else { axis_title(&axis) };
        if let Some(Some(span)) = computed.action_spans.get(i) {
            gantt.push(charts::Span {
                label: format!("{number} {title}"),
                group: group_title.clone(),
                start: span.start,
                end: span.end,
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
    let milestones: Vec<(String, i64)> = f
        .deliverables
        .iter()
        .filter_map(|d| {
            let due = Date::parse(d.due.as_deref()?)?;
            Some((cx.text(d.title.as_deref().unwrap_or("")), i64::from(due.year) * 12 + i64::from(due.month) - 1))
        })
        .collect();
    let timeline = computed.period.as_ref().filter(|_| !gantt.is_empty()).map(|p| {
        let range = (p.start, p.end);
        let milestones: Vec<(String, i64)> =
            milestones.iter().filter(|(_, m)| *m >= range.0 && *m <= range.1).cloned().collect();
        charts::timeline(
            &format!("{}timeline-{}", cx.anchor, cx.lang),
            &cx.word("timeline"),
            &cx.word("timeline_desc"),
            range,
            &gantt,
            &milestones,
            &lang,
        )
    });
    let results: Vec<Value> = f
        .results
        .iter()
        .map(|r| {
            json!({
                "id": r.id,
                "level": cx.label("levels", r.level.as_deref().unwrap_or("")),
                "statement": cx.text(r.statement.as_deref().unwrap_or("")),
                "indicators": r.indicators.iter().map(|ind| {
                    json!({
                        "text": cx.text(ind.text.as_deref().unwrap_or("")),
                        "unit": ind.unit.as_ref().map(|u| cx.label("units", u)),
                        "baseline": ind.baseline.as_ref().map(|b| format!("{} ({})", number_text(b.value.as_ref(), &lang), year_text(b.year))),
                        "baseline_note": ind.baseline_note.as_ref().map(|t| cx.text(t)),
                        "targets": ind.targets.iter().map(|t| format!("{}{} {}", year_text(t.year), colon, number_text(t.value.as_ref(), &lang))).collect::<Vec<_>>().join(" · "),
                        "source": ind.source.as_ref().map(|t| cx.text(t)),
                        "frequency": ind.frequency.as_ref().map(|f| cx.label("frequencies", f)),
                        "responsible": cx.who(ind.responsible.as_deref().unwrap_or("")),
                        "disaggregation": ind.disaggregation.iter().map(|d| cx.label("disaggregations", d)).collect::<Vec<_>>().join(", "),
                    })
                }).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({
        "period": f.period.as_ref().map(|p| format!("{}–{}", period_text(p.start.as_ref(), &lang), period_text(p.end.as_ref(), &lang))),
        "axes": axes.iter().map(|a| json!({
            "id": a.id,
            "title": cx.text(a.title.as_deref().unwrap_or("")),
            "objectives": a.objectives.iter().map(|o| json!({"id": o.id, "title": cx.text(o.title.as_deref().unwrap_or(""))})).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "action_groups": groups.into_iter().map(|(title, actions, sum)| json!({
            "title": title,
            "actions": actions,
            "subtotal": costs.map(|_| money(sum)),
            "subtotal_label": cx.strings.fill("k.subtotal", &[("axis", &title)]),
        })).collect::<Vec<_>>(),
        "has_costs": costs.is_some(),
        "total_cost": costs.and_then(|c| c.total).map(money),
        "by_lead": costs.and_then(|c| c.by_lead.as_ref()).map(|m| m.iter().map(|(lead, amount)| json!({"lead": cx.who(lead), "cost": money(*amount)})).collect::<Vec<_>>()),
        "results": results,
        "timeline": timeline,
        "deliverables": f.deliverables.iter().map(|d| json!({
            "title": cx.text(d.title.as_deref().unwrap_or("")),
            "due": cx.day(d.due.as_deref()),
            "share": d.share_pct.map(|p| format::percent(p / 100.0, 0, &lang)),
        })).collect::<Vec<_>>(),
    })
}

/// A baseline's or a target's value: a number in the page's language, or the text as written.
fn number_text(value: Option<&NumberOrText>, lang: &str) -> String {
    match value {
        Some(NumberOrText::Number(n)) => format::number(n.as_f64().unwrap_or(0.0), 2, lang),
        Some(NumberOrText::Text(t)) => t.clone(),
        None => String::new(),
    }
}

fn year_text(year: Option<i64>) -> String {
    year.map(|y| y.to_string()).unwrap_or_default()
}

/// A period's year, or its month (`2026-01`) in the page's language.
fn period_text(value: Option<&NumberOrText>, lang: &str) -> String {
    match value {
        Some(NumberOrText::Number(n)) => n.to_string(),
        Some(NumberOrText::Text(t)) => match t.split_once('-') {
            Some((y, m)) => match (y.parse(), m.parse()) {
                (Ok(y), Ok(m)) => format::month_year(y, m, lang),
                _ => t.clone(),
            },
            None => t.clone(),
        },
        None => String::new(),
    }
}
