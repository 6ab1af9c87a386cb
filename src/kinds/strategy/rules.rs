//! Strategies, action plans, workplans and M&E frameworks (DOCUMENT-KINDS.md
//! 6.6). Costs are totalled here per axis, per lead institution and overall.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Value, json};

use crate::kinds::rules::{MonthIndex, Rules, month_span, str_of, strs_of};
use crate::kinds::validate::Path;
use crate::model::Status;

pub(crate) fn check(r: &mut Rules<'_, '_>) {
    let subtype = r.subtype().unwrap_or("");
    let has_parts = r.has("parts");
    if subtype == "strategy" {
        r.require("axes", true, "a strategy is organised in axes and objectives");
    }
    if matches!(subtype, "strategy" | "action-plan" | "workplan") && !has_parts {
        r.require(
            "action_plan",
            true,
            "priorities, responsibilities and deadlines (or `parts` linking the action plan)",
        );
    }
    if matches!(subtype, "strategy" | "me-framework") && !has_parts {
        r.require("results", true, "the results framework (or `parts` linking the M&E framework)");
    }
    if subtype == "strategy" {
        let cross: Vec<&str> = r
            .fields
            .get("cross_cutting")
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let missing: Vec<&str> = ["gender", "environment", "human-rights", "intersectoral"]
            .into_iter()
            .filter(|c| !cross.contains(c))
            .collect();
        if r.has("cross_cutting") && !missing.is_empty() {
            r.f.warning(
                Path::key("cross_cutting"),
                format!("cross-cutting issues not addressed: {}", missing.join(", ")),
                "the terms of reference expect gender, environment, human rights and intersectoral coherence"
                    .to_owned(),
            );
        }
    }
    if r.at_least_validated() {
        r.require("validation", true, "a validated strategy names its validation report and date");
    }
    if r.status() == Some(Status::Adopted) {
        r.require("adoption", true, "an adopted strategy names the authority, the act and its date");
    }

    let period = r.fields.get("period").and_then(|p| {
        let start = month_span(p.get("start")?)?.0;
        let end = month_span(p.get("end")?)?.1;
        Some((start, end))
    });
    if let Some((start, end)) = period
        && start > end
    {
        r.f.error(Path::key("period").field("end"), "the period ends before it starts", None);
    }
    if subtype == "workplan"
        && let Some((start, end)) = period
        && end - start + 1 != 12
    {
        r.f.error(
            Path::key("period"),
            format!("a workplan covers 12 months; this period covers {}", end - start + 1),
            "e.g. `period: { start: \"2026-07\", end: \"2027-06\" }`".to_owned(),
        );
    }

    // Axes and objectives.
    let axes = r.rows("axes");
    let axis_ids = r.unique_ids(&axes, "axis");
    let mut objectives: BTreeMap<String, String> = BTreeMap::new(); // objective -> axis
    let mut objective_rows = Vec::new();
    for (path, axis) in &axes {
        let rows = crate::kinds::rules::rows_of(axis.get("objectives"), &path.field("objectives"));
        for id in r.unique_ids(&rows, "objective") {
            if objectives.insert(id.clone(), str_of(axis, "id").unwrap_or("").to_owned()).is_some() {
                r.f.error(path.field("objectives"), format!("the objective id `{id}` is used in two axes"), None);
            }
        }
        objective_rows.extend(rows);
    }
    let objective_ids: Vec<String> = objectives.keys().cloned().collect();

    // Results framework.
    let results = r.rows("results");
    let result_ids = r.unique_ids(&results, "result");
    let level_of: BTreeMap<&str, &str> =
        results.iter().filter_map(|(_, row)| Some((str_of(row, "id")?, str_of(row, "level")?))).collect();
    let mut indicator_ids = Vec::new();
    for (path, result) in &results {
        let level = str_of(result, "level").unwrap_or("");
        match (level, str_of(result, "parent")) {
            ("impact", _) => {}
            (_, None) => r.f.error(
                path.clone(),
                format!("the {level} `{}` has no `parent`", str_of(result, "id").unwrap_or("?")),
                "outputs contribute to an outcome, outcomes to the impact".to_owned(),
            ),
            (_, Some(parent)) => {
                r.known_ref(path.field("parent"), parent, &result_ids, "result", "results");
                let expected = if level == "output" { "outcome" } else { "impact" };
                if let Some(parent_level) = level_of.get(parent)
                    && *parent_level != expected
                {
                    r.f.error(
                        path.field("parent"),
                        format!(
                            "the parent of {} {level} must be {} {expected}, and `{parent}` is {} {parent_level}",
                            crate::kinds::rules::article(level),
                            crate::kinds::rules::article(expected),
                            crate::kinds::rules::article(parent_level)
                        ),
                        None,
                    );
                }
            }
        }
        let indicators = crate::kinds::rules::rows_of(result.get("indicators"), &path.field("indicators"));
        if indicators.is_empty() && result.contains_key("indicators") {
            r.f.error(path.field("indicators"), "a result needs at least one indicator", None);
        }
        for (at, indicator) in &indicators {
            if let Some(id) = str_of(indicator, "id") {
                if indicator_ids.iter().any(|i| i == id) {
                    r.f.error(at.field("id"), format!("the indicator id `{id}` is used twice"), None);
                }
                indicator_ids.push(id.to_owned());
            }
            check_indicator(r, at, indicator, period);
        }
    }

    // Action plan.
    let actions = r.rows("action_plan");
    r.unique_ids(&actions, "action");
    let output_ids: Vec<String> =
        level_of.iter().filter(|(_, l)| **l == "output").map(|(id, _)| (*id).to_owned()).collect();
    let currency = r.text("currency").unwrap_or("XAF");
    let mut by_axis: BTreeMap<String, f64> = BTreeMap::new();
    let mut by_lead: BTreeMap<String, f64> = BTreeMap::new();
    let mut total = 0.0;
    let mut costed = 0;
    let mut busy_months = BTreeSet::new();
    let mut objectives_with_action = BTreeSet::new();
    let mut outputs_with_action = BTreeSet::new();
    let mut spans = Vec::new();
    for (path, action) in &actions {
        if subtype == "strategy" {
            for key in ["axis", "objective"] {
                if !action.contains_key(key) {
                    r.f.error(
                        path.clone(),
                        format!("missing `{key}` in {path}"),
                        "in a strategy, every action belongs to an axis and an objective".to_owned(),
                    );
                }
            }
        }
        if let Some(axis) = str_of(action, "axis") {
            r.known_ref(path.field("axis"), axis, &axis_ids, "axis", "axes");
        }
        if let Some(objective) = str_of(action, "objective") {
            objectives_with_action.insert(objective.to_owned());
            r.known_ref(path.field("objective"), objective, &objective_ids, "objective", "axes");
            if let (Some(axis), Some(owner)) = (str_of(action, "axis"), objectives.get(objective))
                && axis != owner
                && axis_ids.iter().any(|a| a == axis)
            {
                r.f.error(
                    path.field("objective"),
                    format!("the objective `{objective}` belongs to the axis `{owner}`, not `{axis}`"),
                    None,
                );
            }
        }
        match str_of(action, "output") {
            Some(output) => {
                outputs_with_action.insert(output.to_owned());
                if !results.is_empty() {
                    r.known_ref(path.field("output"), output, &output_ids, "output", "results");
                }
            }
            None if !results.is_empty() => r.f.warning(
                path.clone(),
                format!(
                    "the action `{}` delivers no output of the results framework",
                    str_of(action, "id").unwrap_or("?")
                ),
                "add `output: <output id>`".to_owned(),
            ),
            None => {}
        }
        for (i, id) in strs_of(action, "indicators").into_iter().enumerate() {
            if !results.is_empty() {
                r.known_ref(path.field("indicators").index(i), id, &indicator_ids, "indicator", "results");
            }
        }
        let start = action.get("start").and_then(month_span);
        let end = action.get("end").and_then(month_span);
        if let (Some(s), Some(e)) = (start, end) {
            if s.0 > e.1 {
                r.f.error(path.field("end"), "the action ends before it starts", None);
            }
            if let Some((ps, pe)) = period
                && (s.0 < ps || e.1 > pe)
            {
                r.f.error(
                    path.clone(),
                    format!("the action `{}` runs outside the period", str_of(action, "id").unwrap_or("?")),
                    "move its `start` and `end` inside `period`".to_owned(),
                );
            }
            busy_months.extend(s.0..=e.1);
            spans.push(json!({"start": s.0, "end": e.1}));
        } else {
            spans.push(Value::Null);
        }
        match action.get("cost") {
            Some(cost) => {
                let (amount, cur) = match cost {
                    Value::Object(money) => (
                        money.get("amount").and_then(Value::as_f64),
                        money.get("currency").and_then(Value::as_str).unwrap_or(currency),
                    ),
                    other => (other.as_f64(), currency),
                };
                if cur != currency {
                    r.f.error(
                        path.field("cost"),
                        format!("this cost is in {cur}, the plan's costs in {currency}"),
                        "use one currency per table (`currency:` of the document)".to_owned(),
                    );
                }
                if let Some(amount) = amount {
                    costed += 1;
                    total += amount;
                    *by_axis.entry(str_of(action, "axis").unwrap_or("").to_owned()).or_default() += amount;
                    *by_lead.entry(str_of(action, "lead").unwrap_or("").to_owned()).or_default() += amount;
                }
            }
            None if subtype == "strategy" && r.at_least_validated() => {
                r.f.error(
                    path.clone(),
                    format!("the action `{}` has no cost", str_of(action, "id").unwrap_or("?")),
                    "a validated strategy is costed".to_owned(),
                );
            }
            None => {}
        }
    }
    if !actions.is_empty() {
        for (path, objective) in &objective_rows {
            if let Some(id) = str_of(objective, "id")
                && !objectives_with_action.contains(id)
            {
                r.f.warning(path.field("id"), format!("no action serves the objective `{id}`"), None);
            }
        }
        for (path, result) in &results {
            if let (Some(id), Some("output")) = (str_of(result, "id"), str_of(result, "level"))
                && !outputs_with_action.contains(id)
            {
                r.f.warning(path.field("id"), format!("no action delivers the output `{id}`"), None);
            }
        }
    }
    if subtype == "workplan"
        && let Some((start, end)) = period
        && !actions.is_empty()
    {
        let idle: Vec<String> = (start..=end).filter(|m| !busy_months.contains(m)).map(month_name).collect();
        if !idle.is_empty() {
            r.f.warning(Path::key("action_plan"), format!("no activity in {}", idle.join(", ")), None);
        }
    }
    if costed > 0 {
        r.computed.insert(
            "costs".into(),
            json!({ "currency": currency, "total": total, "by_axis": by_axis, "by_lead": by_lead, "actions_costed": costed }),
        );
    }
    if let Some((start, end)) = period {
        r.computed.insert("period".into(), json!({"start": start, "end": end}));
    }
    r.computed.insert("action_spans".into(), Value::Array(spans));

    deliverables(r);
}

fn month_name(index: MonthIndex) -> String {
    format!("{}-{:02}", index / 12, index % 12 + 1)
}

fn check_indicator(
    r: &mut Rules<'_, '_>,
    at: &Path,
    indicator: &serde_json::Map<String, Value>,
    period: Option<(MonthIndex, MonthIndex)>,
) {
    let id = str_of(indicator, "id").unwrap_or("?");
    if str_of(indicator, "unit") == Some("people") && !strs_of(indicator, "disaggregation").contains(&"sex") {
        r.f.error(
            at.field("disaggregation"),
            format!("the indicator `{id}` counts people but is not disaggregated by sex"),
            "add `disaggregation: [sex]`: the framework must be gender-sensitive".to_owned(),
        );
    }
    if indicator.get("baseline").is_some_and(Value::is_null) && !indicator.contains_key("baseline_note") {
        r.f.warning(
            at.field("baseline"),
            format!("the indicator `{id}` has no baseline and no `baseline_note`"),
            "say when and how the baseline will be set, e.g. \"set by the diaspora mapping\"".to_owned(),
        );
    }
    let targets = crate::kinds::rules::rows_of(indicator.get("targets"), &at.field("targets"));
    if targets.is_empty() && indicator.contains_key("targets") {
        r.f.error(at.field("targets"), format!("the indicator `{id}` has no target"), None);
    }
    let mut previous_year = None;
    for (path, target) in &targets {
        let Some(year) = target.get("year").and_then(Value::as_i64) else { continue };
        if let Some((start, end)) = period
            && (year * 12 + 11 < start || year * 12 > end)
        {
            r.f.error(path.field("year"), format!("the target year {year} is outside the period"), None);
        }
        if previous_year.is_some_and(|p| year <= p) {
            r.f.error(path.field("year"), "target years must increase", None);
        }
        previous_year = Some(year);
    }
    let baseline = indicator.get("baseline").and_then(|b| b.get("value")).and_then(Value::as_f64);
    let direction = str_of(indicator, "direction");
    if let (Some(baseline), Some(direction)) = (baseline, direction) {
        for (path, target) in &targets {
            let Some(value) = target.get("value").and_then(Value::as_f64) else { continue };
            let against = match direction {
                "increase" => value < baseline,
                "decrease" => value > baseline,
                _ => false,
            };
            if against {
                r.f.warning(
                    path.field("value"),
                    format!(
                        "the target {value} moves against the direction `{direction}` from the baseline {baseline}"
                    ),
                    None,
                );
            }
        }
    }
}

/// Shares of payment sum to 100.
fn deliverables(r: &mut Rules<'_, '_>) {
    let rows = r.rows("deliverables");
    if rows.is_empty() {
        return;
    }
    r.unique_ids(&rows, "deliverable");
    let sum: f64 = rows.iter().filter_map(|(_, row)| row.get("share_pct").and_then(Value::as_f64)).sum();
    if (sum - 100.0).abs() > 1e-6 {
        r.f.error(
            Path::key("deliverables"),
            format!("the deliverables' shares add up to {sum} %, not 100 %"),
            "correct `share_pct` so that the tranches add up to 100".to_owned(),
        );
    }
}
