//! What a module's page shows from its fields.

#![allow(unused_imports)]
use serde_json::{Map, Value, json};

use crate::date::Date;
use crate::format;
use crate::kinds::view::*;
use crate::render::charts;

pub(super) fn view(cx: &ViewContext<'_>) -> Value {
    let f = cx.fields();
    let materials = cx.rows("materials");
    let material_title = |id: &str| cx.title_of(&materials, id);
    let (agenda, days) = agenda_view(cx, &material_title);
    let copies = cx.computed().get("copies");
    let group = f.get("group_size");
    json!({
        "delivery": f.get("delivery").and_then(Value::as_str).map(|d| cx.label("delivery_values", d)),
        "duration": cx.computed().get("duration").and_then(Value::as_u64).map(|m| cx.minutes(m)),
        "start_time": f.get("start_time").and_then(Value::as_str).map(|t| format::clock(t, cx.lang())),
        "days": days,
        "group_size": group.map(|g| format!("{}–{}", g["min"], g["max"])),
        "audience": cx.doc.front.audience.iter().map(|a| cx.text(a)).collect::<Vec<_>>(),
        "questions": strs(f.get("questions")).into_iter().map(|q| cx.text(q)).collect::<Vec<_>>(),
        "prerequisites": strs(f.get("prerequisites")).into_iter().map(|q| cx.text(q)).collect::<Vec<_>>(),
        "objectives": cx.rows("objectives").iter().map(|o| json!({"id": s(o, "id"), "text": cx.text(s(o, "text").unwrap_or(""))})).collect::<Vec<_>>(),
        "keypoints": strs(f.get("keypoints")).into_iter().map(|q| cx.text(q)).collect::<Vec<_>>(),
        "materials": materials.iter().map(|m| {
            let id = s(m, "id").unwrap_or("");
            json!({
                "title": cx.text(s(m, "title").unwrap_or("")),
                "type": cx.label("material_types", s(m, "type").unwrap_or("other")),
                "edition": s(m, "edition").map(|e| match e { "facilitator" => cx.word("facilitator_edition"), "participant" => cx.word("participant_edition"), _ => String::new() }),
                "copies": copies.and_then(|c| c.get(id)),
                "copies_rule": s(m, "copies").map(|c| match (c, m.get("group_of").and_then(Value::as_u64)) {
                    ("per-group", Some(n)) => cx.strings.fill("k.copies_per_group_of", &[("n", &n.to_string())]),
                    _ => cx.label("copies_values", c),
                }),
                "href": s(m, "file").and_then(|file| cx.href(file)),
            })
        }).collect::<Vec<_>>(),
        "agenda_columns": agenda_columns(&agenda),
        "agenda": agenda,
        "multi_day": days.len() > 1,
    })
}
