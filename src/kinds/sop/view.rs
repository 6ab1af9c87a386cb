//! What a sop's page shows from its fields.

use serde_json::{Value, json};

use crate::charts;
use crate::kinds::typed::{self, List, typed};
use crate::kinds::view::{NumberOrText, ViewContext};

typed! {
    struct Fields {
        doc_id: Option<NumberOrText>,
        effective_date: Option<String>,
        review_due: Option<String>,
        approval: Option<Approval>,
        signatories: List<String>,
        revision_history: List<Revision>,
        roles: List<Role>,
        procedure: List<Step>,
        services: List<Service>,
        routes: List<Route>,
        annexes: List<Annex>,
    }

    struct Approval {
        by: List<String>,
        date: Option<String>,
        reference: Option<String>,
    }

    struct Revision {
        version: Option<NumberOrText>,
        date: Option<String>,
        status: Option<String>,
        summary: Option<String>,
    }

    struct Role {
        id: Option<String>,
        actor: Option<String>,
        title: Option<String>,
        duties: List<String>,
    }

    struct Step {
        id: Option<String>,
        title: Option<String>,
        actor: Option<String>,
        within: Option<String>,
        forms: List<String>,
    }

    struct Service {
        id: Option<String>,
        r#type: Option<String>,
        provider: Option<String>,
        region: Option<String>,
        location: Option<String>,
        access: Option<String>,
        cost: Option<String>,
        contact: Option<String>,
        verified_on: Option<String>,
    }

    struct Route {
        from: Option<String>,
        to: Option<String>,
    }

    struct Annex {
        id: Option<String>,
        title: Option<String>,
    }

    struct Computed {
        /// The services not verified for too long, by id.
        stale_services: List<String>,
    }
}

crate::kinds::view::titled!(Role, Annex);

pub(super) fn view(cx: &ViewContext<'_>) -> Value {
    let f: Fields = typed::read(&cx.kind.fields);
    let computed: Computed = typed::read(&cx.kind.computed);
    let role_title = |id: &str| cx.title_of(&f.roles, id);
    let annex_title = |id: &str| cx.title_of(&f.annexes, id);
    let is_stale = |id: Option<&str>| id.is_some_and(|id| computed.stale_services.iter().any(|s| s == id));
    // Directory grouped by region, then the diagram grouped by type.
    let mut regions: Vec<(String, Vec<Value>)> = Vec::new();
    for service in f.services.iter() {
        let region = cx.text(service.region.as_deref().unwrap_or(""));
        let entry = json!({
            "id": service.id,
            "type": cx.label("service_types", service.r#type.as_deref().unwrap_or("")),
            "provider": cx.who(service.provider.as_deref().unwrap_or("")),
            "location": service.location.as_ref().map(|t| cx.text(t)),
            "access": service.access.as_ref().map(|t| cx.text(t)),
            "cost": service.cost.as_ref().map(|c| cx.label("costs", c)),
            "contact": service.contact.as_ref().map(|t| cx.text(t)),
            "verified_on": cx.day(service.verified_on.as_deref()),
            "stale": is_stale(service.id.as_deref()),
        });
        match regions.iter_mut().find(|(r, _)| *r == region) {
            Some((_, list)) => list.push(entry),
            None => regions.push((region, vec![entry])),
        }
    }
    let routes: Vec<(String, String)> =
        f.routes.iter().filter_map(|r| Some((r.from.clone()?, r.to.clone()?))).collect();
    let diagram = (!routes.is_empty()).then(|| {
        let used_steps: Vec<(String, String)> = f
            .procedure
            .iter()
            .filter_map(|st| {
                let id = st.id.as_deref()?;
                routes
                    .iter()
                    .any(|(from, _)| from == id)
                    .then(|| (id.to_owned(), cx.text(st.title.as_deref().unwrap_or(id))))
            })
            .collect();
        let mut groups: Vec<(String, Vec<(String, String)>)> = Vec::new();
        for service in f.services.iter() {
            let Some(id) = service.id.as_deref() else { continue };
            if !routes.iter().any(|(_, to)| to == id) {
                continue;
            }
            let ty = cx.label("service_types", service.r#type.as_deref().unwrap_or(""));
            let provider = cx.who(service.provider.as_deref().unwrap_or(""));
            let region = service.region.as_deref().unwrap_or("");
            let label = format!("{} – {}", provider.short, region);
            match groups.iter_mut().find(|(g, _)| *g == ty) {
                Some((_, list)) => list.push((id.to_owned(), label)),
                None => groups.push((ty, vec![(id.to_owned(), label)])),
            }
        }
        charts::referral(
            &format!("{}referral-{}", cx.anchor, cx.lang),
            &cx.word("referral_diagram"),
            &cx.word("referral_diagram_desc"),
            &used_steps,
            &groups,
            &routes,
        )
    });
    let approval = f.approval.as_ref();
    json!({
        "doc_id": f.doc_id,
        "effective_date": cx.day(f.effective_date.as_deref()),
        "review_due": cx.day(f.review_due.as_deref()),
        "approved_by": approval.map(|a| cx.whos(&a.by)),
        "approval_date": approval.and_then(|a| cx.day(a.date.as_deref())),
        "approval_reference": approval.and_then(|a| a.reference.as_ref()).map(|t| cx.text(t)),
        "signatories": cx.whos(&f.signatories),
        "revisions": f.revision_history.iter().map(|r| json!({
            "version": r.version.as_ref().map(NumberOrText::to_string),
            "date": cx.day(r.date.as_deref()),
            "status": r.status.as_ref().map(|st| cx.strings.get(&format!("statuses.{st}"))),
            "summary": cx.text(r.summary.as_deref().unwrap_or("")),
        })).collect::<Vec<_>>(),
        "roles": f.roles.iter().map(|r| json!({
            "title": cx.text(r.title.as_deref().unwrap_or("")),
            "actor": cx.who(r.actor.as_deref().unwrap_or("")),
            "duties": r.duties.iter().map(|d| cx.text(d)).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        // Each step's actor and time limit, shown under its heading.
        "steps": f.procedure.iter().map(|st| json!({
            "id": st.id,
            "title": cx.text(st.title.as_deref().unwrap_or("")),
            "actor": role_title(st.actor.as_deref().unwrap_or("")),
            "within": st.within.as_ref().map(|t| cx.text(t)),
            "forms": st.forms.iter().map(|id| annex_title(id)).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "diagram": diagram,
        "directory": regions.into_iter().map(|(region, entries)| json!({"region": region, "services": entries})).collect::<Vec<_>>(),
    })
}
