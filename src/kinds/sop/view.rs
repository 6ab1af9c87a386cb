//! What a sop's page shows from its fields.

#![allow(unused_imports)]
use serde_json::{Map, Value, json};

use crate::date::Date;
use crate::format;
use crate::kinds::view::*;
use crate::render::charts;

pub(super) fn view(cx: &ViewContext<'_>) -> Value {
    let f = cx.fields();
    let roles = cx.rows("roles");
    let role_title = |id: &str| cx.title_of(&roles, id);
    let annexes = cx.rows("annexes");
    let annex_title = |id: &str| cx.title_of(&annexes, id);
    let steps = cx.rows("procedure");
    let services = cx.rows("services");
    let stale = cx.computed().get("stale_services").and_then(Value::as_array);
    let is_stale = |id: Option<&str>| stale.is_some_and(|ids| ids.iter().any(|s| s.as_str() == id));
    // Directory grouped by region, then the diagram grouped by type.
    let mut regions: Vec<(String, Vec<Value>)> = Vec::new();
    for service in &services {
        let region = cx.text(s(service, "region").unwrap_or(""));
        let entry = json!({
            "id": s(service, "id"),
            "type": cx.label("service_types", s(service, "type").unwrap_or("")),
            "provider": cx.who(s(service, "provider").unwrap_or("")),
            "location": s(service, "location").map(|t| cx.text(t)),
            "access": s(service, "access").map(|t| cx.text(t)),
            "cost": s(service, "cost").map(|c| cx.label("costs", c)),
            "contact": s(service, "contact").map(|t| cx.text(t)),
            "verified_on": cx.date(service.get("verified_on")),
            "stale": is_stale(s(service, "id")),
        });
        match regions.iter_mut().find(|(r, _)| *r == region) {
            Some((_, list)) => list.push(entry),
            None => regions.push((region, vec![entry])),
        }
    }
    let routes: Vec<(String, String)> =
        cx.rows("routes").iter().filter_map(|r| Some((s(r, "from")?.to_owned(), s(r, "to")?.to_owned()))).collect();
    let diagram = (!routes.is_empty()).then(|| {
        let used_steps: Vec<(String, String)> = steps
            .iter()
            .filter_map(|st| {
                let id = s(st, "id")?;
                routes
                    .iter()
                    .any(|(from, _)| from == id)
                    .then(|| (id.to_owned(), cx.text(s(st, "title").unwrap_or(id))))
            })
            .collect();
        let mut groups: Vec<(String, Vec<(String, String)>)> = Vec::new();
        for service in &services {
            let Some(id) = s(service, "id") else { continue };
            if !routes.iter().any(|(_, to)| to == id) {
                continue;
            }
            let ty = cx.label("service_types", s(service, "type").unwrap_or(""));
            let provider = cx.who(s(service, "provider").unwrap_or(""));
            let region = s(service, "region").unwrap_or("");
            let label = format!("{} – {}", provider["short"].as_str().unwrap_or(id), region);
            match groups.iter_mut().find(|(g, _)| *g == ty) {
                Some((_, list)) => list.push((id.to_owned(), label)),
                None => groups.push((ty, vec![(id.to_owned(), label)])),
            }
        }
        charts::referral(
            &format!("{}referral-{}", cx.anchor, cx.page.lang),
            &cx.word("referral_diagram"),
            &cx.word("referral_diagram_desc"),
            &used_steps,
            &groups,
            &routes,
        )
    });
    let approval = f.get("approval");
    json!({
        "doc_id": f.get("doc_id"),
        "effective_date": cx.date(f.get("effective_date")),
        "review_due": cx.date(f.get("review_due")),
        "approved_by": approval.map(|a| cx.whos(a.get("by"))),
        "approval_date": approval.and_then(|a| cx.date(a.get("date"))),
        "approval_reference": approval.and_then(|a| a.get("reference")).and_then(Value::as_str).map(|t| cx.text(t)),
        "signatories": cx.whos(f.get("signatories")),
        "revisions": cx.rows("revision_history").iter().map(|r| json!({
            "version": r.get("version").map(|v| v.as_str().map(str::to_owned).unwrap_or_else(|| v.to_string())),
            "date": cx.date(r.get("date")),
            "status": s(r, "status").map(|st| cx.strings.get(&format!("statuses.{st}"))),
            "summary": cx.text(s(r, "summary").unwrap_or("")),
        })).collect::<Vec<_>>(),
        "roles": roles.iter().map(|r| json!({
            "title": cx.text(s(r, "title").unwrap_or("")),
            "actor": cx.who(s(r, "actor").unwrap_or("")),
            "duties": strs(r.get("duties")).into_iter().map(|d| cx.text(d)).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        // Each step's actor and time limit, shown under its heading.
        "steps": steps.iter().map(|st| json!({
            "id": s(st, "id"),
            "title": cx.text(s(st, "title").unwrap_or("")),
            "actor": role_title(s(st, "actor").unwrap_or("")),
            "within": s(st, "within").map(|t| cx.text(t)),
            "forms": strs(st.get("forms")).into_iter().map(annex_title).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "diagram": diagram,
        "directory": regions.into_iter().map(|(region, entries)| json!({"region": region, "services": entries})).collect::<Vec<_>>(),
    })
}
