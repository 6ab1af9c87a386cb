//! What a module's page shows from its fields.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use crate::format;
use crate::kinds::print::AttendanceSheet;
use crate::kinds::typed::{self, List, typed};
use crate::kinds::view::{Objective, ViewContext, agenda_columns, agenda_view};

typed! {
    struct Fields {
        delivery: Option<String>,
        start_time: Option<String>,
        group_size: Option<GroupSize>,
        questions: List<String>,
        prerequisites: List<String>,
        objectives: List<Objective>,
        keypoints: List<String>,
        materials: List<Material>,
    }

    /// How many participants: also the rows of the blank attendance sheet.
    struct GroupSize {
        min: Option<u64>,
        max: Option<u64>,
    }

    struct Material {
        id: Option<String>,
        title: Option<String>,
        r#type: Option<String>,
        file: Option<String>,
        edition: Option<String>,
        copies: Option<String>,
        group_of: Option<u64>,
    }

    struct Computed {
        duration: Option<u64>,
        /// Copies to print of each material, by id.
        copies: BTreeMap<String, u64>,
    }
}

crate::kinds::view::titled!(Material);

pub(super) fn view(cx: &ViewContext<'_>) -> Value {
    let f: Fields = typed::read(&cx.kind.fields);
    let computed: Computed = typed::read(&cx.kind.computed);
    let material_title = |id: &str| cx.title_of(&f.materials, id);
    let (agenda, days) = agenda_view(cx, &material_title);
    let texts = |items: &[String]| items.iter().map(|q| cx.text(q)).collect::<Vec<_>>();
    json!({
        "delivery": f.delivery.as_ref().map(|d| cx.label("delivery_values", d)),
        "duration": computed.duration.map(|m| cx.minutes(m)),
        "start_time": f.start_time.as_ref().map(|t| format::clock(t, cx.lang)),
        "days": days,
        "group_size": f.group_size.as_ref().and_then(|g| Some(format!("{}–{}", g.min?, g.max?))),
        "audience": cx.front.audience.iter().map(|a| cx.text(a)).collect::<Vec<_>>(),
        "questions": texts(&f.questions),
        "prerequisites": texts(&f.prerequisites),
        "objectives": f.objectives.iter().map(|o| json!({"id": o.id, "text": cx.text(o.text.as_deref().unwrap_or(""))})).collect::<Vec<_>>(),
        "keypoints": texts(&f.keypoints),
        "materials": f.materials.iter().map(|m| {
            let id = m.id.as_deref().unwrap_or("");
            json!({
                "title": cx.text(m.title.as_deref().unwrap_or("")),
                "type": cx.label("material_types", m.r#type.as_deref().unwrap_or("other")),
                "edition": m.edition.as_deref().map(|e| match e { "facilitator" => cx.word("facilitator_edition"), "participant" => cx.word("participant_edition"), _ => String::new() }),
                "copies": computed.copies.get(id),
                "copies_rule": m.copies.as_deref().map(|c| match (c, m.group_of) {
                    ("per-group", Some(n)) => cx.strings.fill("k.copies_per_group_of", &[("n", &n.to_string())]),
                    _ => cx.label("copies_values", c),
                }),
                "href": m.file.as_deref().and_then(|file| cx.href(file)),
            })
        }).collect::<Vec<_>>(),
        "agenda_columns": agenda_columns(&agenda),
        "participant_agenda_columns": agenda_columns(&agenda).without_materials(),
        "agenda": agenda,
        "multi_day": days.len() > 1,
    })
}

typed! {
    /// What the blank attendance sheet is made from.
    struct SheetFields {
        group_size: Option<GroupSize>,
        days: Option<u64>,
    }
}

/// A module's blank attendance sheet: one row per participant at most
/// (20 without a group size), a signature column per day.
pub(super) fn attendance_sheet(cx: &ViewContext<'_>) -> AttendanceSheet {
    let f: SheetFields = typed::read(&cx.kind.fields);
    let rows = f.group_size.and_then(|g| g.max).unwrap_or(20);
    let days = f.days.unwrap_or(1);
    AttendanceSheet { rows: (1..=rows as usize).collect(), days: (1..=days as usize).collect() }
}
