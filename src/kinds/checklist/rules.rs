//! Checklists and their assessments (DOCUMENT-KINDS.md 7.3). The scores of
//! an assessment need its template, another document: they are computed in
//! `resolve::cross` with [`scores`].

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use crate::kinds::rules::{Rules, str_of};
use crate::kinds::validate::Path;

/// The default scale: yes 1, partial 0.5, no 0, na not scored.
pub fn default_scale() -> Vec<(String, Option<f64>)> {
    vec![("yes".into(), Some(1.0)), ("partial".into(), Some(0.5)), ("no".into(), Some(0.0)), ("na".into(), None)]
}

/// The scale of a checklist's fields.
pub fn scale_of(fields: &Map<String, Value>) -> Vec<(String, Option<f64>)> {
    match fields.get("scale").and_then(Value::as_array) {
        Some(rows) => rows
            .iter()
            .filter_map(|row| Some((row.get("value")?.as_str()?.to_owned(), row.get("score").and_then(Value::as_f64))))
            .collect(),
        None => default_scale(),
    }
}

pub(super) fn check(r: &mut Rules<'_, '_>) {
    let scale = r.rows("scale");
    let mut seen = Vec::new();
    for (path, row) in &scale {
        if let Some(value) = str_of(row, "value") {
            if seen.contains(&value) {
                r.f.error(path.field("value"), format!("the scale value `{value}` is listed twice"), None);
            }
            seen.push(value);
        }
    }
    match r.subtype() {
        Some("template") => template(r),
        Some("assessment") => assessment(r),
        _ => {}
    }
}

fn template(r: &mut Rules<'_, '_>) {
    r.require("areas", true, "a checklist's items are grouped in areas");
    r.require("items", true, "a checklist lists its items");
    r.require("groups", false, "areas are grouped (operations, training, outreach)");
    r.require("threshold", false, "the overall score below which an assessment calls for action");
    let groups = r.rows("groups");
    let group_ids = r.unique_ids(&groups, "group");
    let areas = r.rows("areas");
    let area_ids = r.unique_ids(&areas, "area");
    if !groups.is_empty() {
        for (path, area) in &areas {
            if let Some(group) = str_of(area, "group") {
                r.known_ref(path.field("group"), group, &group_ids, "group", "groups");
            }
        }
    }
    let items = r.rows("items");
    r.unique_ids(&items, "item");
    for (path, item) in &items {
        if let Some(area) = str_of(item, "area") {
            r.known_ref(path.field("area"), area, &area_ids, "area", "areas");
        }
    }
    for (path, area) in &areas {
        let id = str_of(area, "id").unwrap_or("");
        if !items.iter().any(|(_, item)| str_of(item, "area") == Some(id)) {
            r.f.warning(path.field("id"), format!("the area `{id}` has no item"), None);
        }
    }
}

fn assessment(r: &mut Rules<'_, '_>) {
    for (name, why) in [
        ("template", "an assessment names the checklist and version it applies"),
        ("site", "an assessment names the centre assessed"),
        ("assessed_on", "an assessment is dated"),
        ("assessors", "an assessment names its assessors' roles"),
        ("responses", "an assessment records an answer per item"),
    ] {
        r.require(name, true, why);
    }
    let scale = scale_of(r.fields);
    let values: Vec<String> = scale.iter().map(|(v, _)| v.clone()).collect();
    let Some(responses) = r.fields.get("responses").and_then(Value::as_object) else { return };
    for (item, response) in responses {
        let at = Path::key("responses").field(item);
        let Some(value) = response.get("value").and_then(Value::as_str) else { continue };
        r.known_ref(at.field("value"), value, &values, "scale value", "scale");
        if matches!(value, "no" | "partial") {
            for key in ["action", "due", "responsible"] {
                if response.get(key).is_none_or(Value::is_null) {
                    r.f.error(
                        at.clone(),
                        format!("the answer `{value}` to `{item}` needs an `{key}`"),
                        "each gap gets an action, a due date and who is responsible".to_owned(),
                    );
                }
            }
        }
    }
}

/// Scores of an assessment against its template: per area, per group and
/// overall, each the mean score of the answered items, `na` excluded.
pub fn scores(template: &Map<String, Value>, assessment: &Map<String, Value>) -> Value {
    let scale: BTreeMap<String, Option<f64>> = scale_of(template).into_iter().collect();
    let responses = assessment.get("responses").and_then(Value::as_object);
    let area_group: BTreeMap<&str, &str> = template
        .get("areas")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|row| {
                    Some((row.get("id")?.as_str()?, row.get("group").and_then(Value::as_str).unwrap_or("")))
                })
                .collect()
        })
        .unwrap_or_default();
    let mut sums: BTreeMap<(&str, &str), (f64, u32)> = BTreeMap::new();
    let mut gaps = Vec::new();
    let mut total = (0.0, 0);
    let items = template.get("items").and_then(Value::as_array).cloned().unwrap_or_default();
    for item in &items {
        let (Some(id), Some(area)) = (item.get("id").and_then(Value::as_str), item.get("area").and_then(Value::as_str))
        else {
            continue;
        };
        let value = responses.and_then(|r| r.get(id)).and_then(|r| r.get("value")).and_then(Value::as_str);
        let Some(score) = value.and_then(|v| scale.get(v).copied().flatten()) else { continue };
        let group = area_group.get(area).copied().unwrap_or("");
        for key in [("area", area), ("group", group)] {
            let entry = sums.entry(key).or_insert((0.0, 0));
            entry.0 += score;
            entry.1 += 1;
        }
        total.0 += score;
        total.1 += 1;
        // A critical item only partly met is still a gap: the threshold
        // is full compliance, as an assessor reads it.
        if score < 1.0 && item.get("critical").and_then(Value::as_bool) == Some(true) {
            gaps.push(json!(id));
        }
    }
    let share = |(sum, n): (f64, u32)| if n == 0 { Value::Null } else { json!(sum / f64::from(n)) };
    let pick = |kind: &str| -> Map<String, Value> {
        sums.iter().filter(|((k, _), _)| *k == kind).map(|((_, id), v)| ((*id).to_owned(), share(*v))).collect()
    };
    json!({ "areas": pick("area"), "groups": pick("group"), "overall": share(total), "critical_gaps": gaps })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn na_is_left_out_of_every_score() {
        let template = json!({
            "areas": [{"id": "a", "group": "operations"}, {"id": "b", "group": "training"}],
            "items": [
                {"id": "a1", "area": "a", "critical": true}, {"id": "a2", "area": "a"},
                {"id": "a3", "area": "a"}, {"id": "b1", "area": "b"}
            ]
        });
        let assessment = json!({ "responses": {
            "a1": {"value": "no"}, "a2": {"value": "partial"}, "a3": {"value": "na"}, "b1": {"value": "yes"}
        }});
        let partly = json!({ "responses": { "a1": {"value": "partial"} } });
        let partly = scores(template.as_object().unwrap(), partly.as_object().unwrap());
        assert_eq!(partly["critical_gaps"], json!(["a1"]), "a critical item only partly met is a gap");
        let scores = scores(template.as_object().unwrap(), assessment.as_object().unwrap());
        assert_eq!(scores["areas"]["a"], 0.25);
        assert_eq!(scores["groups"]["training"], 1.0);
        assert_eq!(scores["overall"], 0.5);
        assert_eq!(scores["critical_gaps"], json!(["a1"]));
    }
}
