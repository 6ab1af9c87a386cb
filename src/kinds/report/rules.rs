//! Reports (DOCUMENT-KINDS.md 8.5): the event, and attendance by sex and
//! institution, totalled here.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::EVENT_SUBTYPES;
use crate::kinds::rules::{Rules, date_of, days_between, str_of};
use crate::kinds::validate::Path;

pub(crate) fn check(r: &mut Rules<'_, '_>) {
    let subtype = r.subtype().unwrap_or("");
    let event_report = EVENT_SUBTYPES.contains(&subtype);
    if event_report {
        r.require("participant_groups", false, "an event report names the groups invited");
        r.require("event", true, "an event report says when, where and by whom the event was held");
        r.require("attendance", true, "an event report gives attendance by sex and institution");
    }
    if subtype == "validation-workshop" {
        r.require("decision", true, "a validation workshop report records what was validated");
        r.require("recommendations", true, "a validation workshop report records its recommendations");
    }
    if matches!(subtype, "validation-workshop" | "review-workshop") {
        r.require("feeds_into", true, "say which document this workshop validated or reviewed");
    }
    crate::kinds::brief::rules::recommendations(r);

    // The event's length in days, when its dates are right.
    let mut days = None;
    if let Some(event) = r.fields.get("event") {
        let (start, end) = (date_of(event.get("start")), date_of(event.get("end")));
        if let (Some(start), Some(end)) = (start, end) {
            if end < start {
                r.f.error(
                    Path::key("event").field("end"),
                    format!("the event ends ({end}) before it starts ({start})"),
                    None,
                );
            } else {
                days = Some(days_between(start, end) + 1);
            }
        }
    }

    let rows = r.rows("attendance");
    let mut by_institution: BTreeMap<String, [u64; 3]> = BTreeMap::new();
    let mut by_category: BTreeMap<String, [u64; 3]> = BTreeMap::new();
    let mut by_day: BTreeMap<u64, [u64; 3]> = BTreeMap::new();
    let mut overall = [0u64; 3];
    // Each free-text institution is pointed out once, at its first row.
    let mut free_text = std::collections::BTreeSet::new();
    for (path, row) in &rows {
        let counts = ["women", "men", "not_recorded"].map(|k| row.get(k).and_then(Value::as_u64).unwrap_or(0));
        // Counts too large to add stop at the largest one (the row is
        // still checked and reported, never a panic).
        let sum = counts.iter().fold(0u64, |sum, n| sum.saturating_add(*n));
        if let Some(total) = row.get("total").and_then(Value::as_u64)
            && total != sum
        {
            r.f.error(
                path.field("total"),
                format!("`total` is {total}, but women + men + not recorded = {sum}"),
                "remove the `total` column: totals are computed".to_owned(),
            );
        }
        let day = row.get("day").and_then(Value::as_u64).unwrap_or(1);
        if let Some(days) = days
            && day as i64 > days
        {
            r.f.error(path.field("day"), format!("day {day} is after the event's last day ({days})"), None);
        }
        if let Some(institution) = str_of(row, "institution")
            && !r.cx.glossary.is_empty()
            && !r.cx.glossary.entries.contains_key(institution)
            && free_text.insert(institution)
        {
            r.f.warning(
                path.field("institution"),
                format!("`{institution}` is not in the glossary"),
                "bodies that come back from one event to the next deserve a glossary entry; free text is accepted"
                    .to_owned(),
            );
        }
        let add = |slot: &mut [u64; 3]| (0..3).for_each(|i| slot[i] = slot[i].saturating_add(counts[i]));
        add(by_institution.entry(str_of(row, "institution").unwrap_or("").to_owned()).or_default());
        add(by_category.entry(str_of(row, "category").unwrap_or("").to_owned()).or_default());
        add(by_day.entry(day).or_default());
        add(&mut overall);
    }
    if !rows.is_empty() {
        let groups: Vec<&str> = r
            .fields
            .get("participant_groups")
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        for (i, group) in groups.iter().enumerate() {
            if !by_category.contains_key(*group) {
                r.f.warning(
                    Path::key("participant_groups").index(i),
                    format!("the group `{group}` was invited but no one of it attended"),
                    None,
                );
            }
        }
        let known = overall[0].saturating_add(overall[1]);
        if let Some(min) = r.cx.checks.women_share_min
            && known > 0
            && (overall[0] as f64 / known as f64) < min
        {
            r.f.warning(
                Path::key("attendance"),
                format!(
                    "women were {:.0} % of the participants whose sex is recorded, below the {:.0} % set in site.yaml",
                    100.0 * overall[0] as f64 / known as f64,
                    100.0 * min
                ),
                "invite more women, and say in the participation section why the share is low".to_owned(),
            );
        }
        let line = |counts: &[u64; 3]| {
            let total = counts.iter().fold(0u64, |sum, n| sum.saturating_add(*n));
            // Among the participants whose sex is recorded, as the women_share_min check judges it.
            let known = counts[0].saturating_add(counts[1]);
            let share = if known == 0 { Value::Null } else { json!(counts[0] as f64 / known as f64) };
            json!({ "women": counts[0], "men": counts[1], "not_recorded": counts[2], "total": total, "share_women": share })
        };
        r.computed.insert(
            "attendance".into(),
            json!({
                "by_institution": by_institution.iter().map(|(k, v)| (k.clone(), line(v))).collect::<serde_json::Map<_, _>>(),
                "by_category": by_category.iter().map(|(k, v)| (k.clone(), line(v))).collect::<serde_json::Map<_, _>>(),
                "by_day": by_day.iter().map(|(k, v)| (k.to_string(), line(v))).collect::<serde_json::Map<_, _>>(),
                "total": line(&overall),
            }),
        );
    }
    let agenda = r.rows("agenda");
    // A report's agenda may name the objectives and materials of a module it reports on: not checked here.
    let _ = crate::kinds::module::rules::agenda_schedule(r, "agenda", &agenda, None, None);
}
