//! A checklist's page: its items by group and area, and an assessment's
//! scores and action plan.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use crate::format;
use crate::kinds::typed::{self, List, typed};
use crate::kinds::view::{ViewContext, link_title};

typed! {
    struct Fields {
        subtype: Option<String>,
        groups: List<Group>,
        areas: List<Area>,
        items: List<Item>,
        threshold: Option<f64>,
        site: Option<String>,
        assessed_on: Option<String>,
        assessors: List<String>,
        responses: BTreeMap<String, Response>,
    }

    struct Group {
        id: Option<String>,
        title: Option<String>,
    }

    struct Area {
        id: Option<String>,
        group: Option<String>,
        title: Option<String>,
    }

    struct Item {
        id: Option<String>,
        area: Option<String>,
        text: Option<String>,
        guidance: Option<String>,
        evidence: Option<String>,
        critical: Option<bool>,
        refs: List<String>,
    }

    struct Response {
        value: Option<String>,
        action: Option<String>,
        due: Option<String>,
        responsible: Option<String>,
    }

    /// What `resolve::cross` computed with the assessment's checklist.
    struct Linked {
        scores: Option<Scores>,
    }

    /// An assessment's scores (`resolve::cross`), by id; `None` where nothing is scored.
    struct Scores {
        overall: Option<f64>,
        areas: BTreeMap<String, Option<f64>>,
        groups: BTreeMap<String, Option<f64>>,
        area_order: List<String>,
        group_order: List<String>,
        area_titles: BTreeMap<String, Option<String>>,
        group_titles: BTreeMap<String, Option<String>>,
        item_texts: BTreeMap<String, Option<String>>,
        critical_items: List<String>,
        critical_gaps: Option<List<String>>,
    }
}

pub(super) fn view(cx: &ViewContext<'_>) -> Value {
    let f: Fields = typed::read(&cx.kind.fields);
    let linked: Linked = cx.linked.map(typed::read).unwrap_or_default();
    let lang = cx.lang.to_owned();
    let scale: Vec<Value> = super::rules::scale_of(&cx.kind.fields)
        .into_iter()
        .map(|(value, score)| json!({ "value": value, "label": cx.label("scale", &value), "score": score }))
        .collect();
    let area_view = |area: &Area| {
        let id = area.id.as_deref().unwrap_or("");
        json!({
            "id": id,
            "group": area.group,
            "title": cx.text(area.title.as_deref().unwrap_or("")),
            "items": f.items.iter().filter(|i| i.area.as_deref() == Some(id)).map(|i| json!({
                "id": i.id,
                "text": cx.text(i.text.as_deref().unwrap_or("")),
                "guidance": i.guidance.as_ref().map(|t| cx.text(t)),
                "evidence": i.evidence.as_ref().map(|t| cx.text(t)),
                "critical": i.critical.unwrap_or(false),
                "refs": i.refs.iter().filter_map(|d| Some(json!({"href": cx.href(d)?, "title": link_title(cx, d).unwrap_or_else(|| d.to_owned())}))).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
        })
    };
    let grouped: Vec<Value> = if f.groups.is_empty() {
        vec![json!({ "id": "", "title": "", "areas": f.areas.iter().map(area_view).collect::<Vec<_>>() })]
    } else {
        f.groups
            .iter()
            .map(|g| {
                let id = g.id.as_deref().unwrap_or("");
                json!({
                    "id": id,
                    "title": cx.text(g.title.as_deref().unwrap_or("")),
                    "areas": f.areas.iter().filter(|a| a.group.as_deref() == Some(id)).map(area_view).collect::<Vec<_>>(),
                })
            })
            .collect()
    };
    let pct = |v: Option<f64>| v.map(|x| format::percent(x, 0, &lang));
    let assessment = linked.scores.map(|scores| {
        let title_of = |titles: &BTreeMap<String, Option<String>>, id: &str| -> String {
            titles.get(id).and_then(Option::as_deref).map_or_else(|| id.to_owned(), |t| cx.text(t))
        };
        let mut gaps: Vec<_> =
            f.responses.iter().filter(|(_, v)| matches!(v.value.as_deref(), Some("no" | "partial"))).collect();
        // Critical gaps first, whatever the score.
        gaps.sort_by_key(|(item, _)| !scores.critical_items.contains(*item));
        let actions: Vec<Value> = gaps
            .into_iter()
            .map(|(item, v)| {
                json!({
                    "critical": scores.critical_items.contains(item),
                    "item": format!("{} {}", item.to_uppercase(), title_of(&scores.item_texts, item)),
                    "answer": cx.label("scale", v.value.as_deref().unwrap_or("")),
                    "action": v.action.as_ref().map(|t| cx.text(t)),
                    "due": cx.day(v.due.as_deref()),
                    "responsible": v.responsible.as_ref().map(|id| cx.who(id)),
                })
            })
            .collect();
        json!({
            "site": f.site.as_ref().map(|t| cx.text(t)),
            "assessed_on": cx.day(f.assessed_on.as_deref()),
            "assessors": f.assessors.iter().map(|t| cx.text(t)).collect::<Vec<_>>(),
            "overall": pct(scores.overall),
            "areas": in_order(&scores.area_order, &scores.areas).into_iter().map(|(k, v)| json!({"id": title_of(&scores.area_titles, &k), "score": pct(v)})).collect::<Vec<_>>(),
            "groups": in_order(&scores.group_order, &scores.groups).into_iter().map(|(k, v)| json!({"id": title_of(&scores.group_titles, &k), "score": pct(v)})).collect::<Vec<_>>(),
            "critical_gaps": scores.critical_gaps.as_ref().map(|gaps| gaps.iter().map(|g| format!("{} {}", g.to_uppercase(), title_of(&scores.item_texts, g))).collect::<Vec<_>>()),
            "actions": actions,
        })
    });
    json!({
        "key": cx.key,
        "version": cx.front.version,
        "template": f.subtype.as_deref() == Some("template"),
        "scale": scale,
        "groups": grouped,
        "threshold": f.threshold,
        "assessment": assessment,
    })
}

/// The entries of `map` in the order of the ids in `order`, then the rest.
fn in_order(order: &[String], map: &BTreeMap<String, Option<f64>>) -> Vec<(String, Option<f64>)> {
    let mut out: Vec<(String, Option<f64>)> = order.iter().filter_map(|id| Some((id.clone(), *map.get(id)?))).collect();
    out.extend(map.iter().filter(|(k, _)| !order.contains(k)).map(|(k, v)| (k.clone(), *v)));
    out
}
