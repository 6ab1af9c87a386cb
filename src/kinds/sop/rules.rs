//! Standard operating procedures (DOCUMENT-KINDS.md 3.5).

use std::collections::{BTreeSet, VecDeque};

use serde_json::json;

use crate::kinds::rules::{Rules, Version, date_of, days_between, str_of, strs_of};
use crate::kinds::validate::Path;
use crate::model::Status;

pub(crate) fn check(r: &mut Rules<'_, '_>) {
    let roles = r.rows("roles");
    let role_ids = r.unique_ids(&roles, "role");
    let steps = r.rows("procedure");
    let step_ids = r.unique_ids(&steps, "step");
    let annexes = r.rows("annexes");
    let annex_ids = r.unique_ids(&annexes, "annex");
    let services = r.rows("services");
    let service_ids = r.unique_ids(&services, "service");

    if roles.is_empty() && r.has("roles") {
        r.f.error(Path::key("roles"), "`roles` is empty", "name at least one role".to_owned());
    }
    if steps.is_empty() && r.has("procedure") {
        r.f.error(Path::key("procedure"), "`procedure` is empty", "list at least one step".to_owned());
    }

    // Steps: actors, forms, next, headings.
    let mut used_roles = BTreeSet::new();
    let mut names_a_form = false;
    for (path, step) in &steps {
        if let Some(actor) = str_of(step, "actor") {
            used_roles.insert(actor);
            r.known_ref(path.field("actor"), actor, &role_ids, "role", "roles");
        }
        for (i, form) in strs_of(step, "forms").into_iter().enumerate() {
            names_a_form = true;
            r.known_ref(path.field("forms").index(i), form, &annex_ids, "annex", "annexes");
        }
        for (i, next) in strs_of(step, "next").into_iter().enumerate() {
            r.known_ref(path.field("next").index(i), next, &step_ids, "step", "procedure");
        }
        if let Some(id) = str_of(step, "id")
            && !r.cx.body.has_id(id)
        {
            let title = str_of(step, "title").unwrap_or("…");
            r.f.error(
                path.field("id"),
                format!("the step `{id}` has no heading in the text"),
                format!("add `### {title} {{#{id}}}` under the procedure section"),
            );
        }
    }
    for heading in &r.cx.body.headings {
        if heading.explicit && heading.id.starts_with("step-") && !step_ids.contains(&heading.id) {
            r.body.push(
                crate::diagnostics::Diagnostic::error(
                    r.cx.display,
                    heading.line,
                    1,
                    format!("the heading `{}` is not a step of `procedure`", heading.id),
                )
                .with_hint(format!(
                    "add `- {{ id: {}, title: …, actor: … }}` to `procedure`, or rename the heading id",
                    heading.id
                )),
            );
        }
    }
    for (path, role) in &roles {
        if let Some(id) = str_of(role, "id")
            && !steps.is_empty()
            && !used_roles.contains(id)
        {
            r.f.warning(path.field("id"), format!("no step is done by the role `{id}`"), None);
        }
    }
    unreachable_steps(r, &steps);
    if names_a_form && annexes.is_empty() {
        r.require("annexes", true, "steps name forms");
    }
    for (path, annex) in &annexes {
        if let Some(file) = str_of(annex, "file") {
            let exists = r.cx.bundle_dir.as_ref().is_some_and(|dir| dir.join(file).is_file());
            if !exists {
                let hint = if r.cx.bundle_dir.is_none() {
                    "annex files sit in the document's folder: move `x.en.md` to `x/index.en.md` and put the file beside it"
                } else {
                    "put the file in the document's folder, or correct its name"
                };
                r.f.error(path.field("file"), format!("the annex file `{file}` does not exist"), hint.to_owned());
            }
        }
    }

    // Services and routes.
    let needs_services = matches!(r.subtype(), Some("referral-pathway" | "return-reintegration"));
    r.require("services", needs_services, "the service directory of the referral pathway");
    let mut reached = BTreeSet::new();
    for (path, route) in r.rows("routes") {
        if let Some(from) = str_of(route, "from") {
            r.known_ref(path.field("from"), from, &step_ids, "step", "procedure");
        }
        if let Some(to) = str_of(route, "to") {
            reached.insert(to.to_owned());
            r.known_ref(path.field("to"), to, &service_ids, "service", "services");
        }
    }
    let has_routes = r.has("routes");
    let today = r.cx.today;
    // Readers of the page and the print see which entries are due for a check.
    let mut stale = Vec::new();
    for (path, service) in &services {
        let id = str_of(service, "id").unwrap_or("");
        if has_routes && !reached.contains(id) {
            r.f.warning(
                path.field("id"),
                format!("no route leads to the service `{id}`"),
                "add a route from the step that refers to it, or remove the service".to_owned(),
            );
        }
        match date_of(service.get("verified_on")) {
            Some(date) if days_between(date, today) > r.cx.checks.service_stale_days => {
                stale.push(id.to_owned());
                r.f.warning(
                    path.field("verified_on"),
                    format!("the service `{id}` was last verified on {date}, {} days ago", days_between(date, today)),
                    format!(
                        "call the service, check the entry and update `verified_on` (entries older than {} days are flagged: `checks: {{ service_stale_days: N }}` in site.yaml)",
                        r.cx.checks.service_stale_days
                    ),
                )
            }
            _ => {}
        }
    }
    r.computed.insert("stale_services".into(), json!(stale));

    revision_history(r);
    principles(r);

    // Approval and dates by status.
    if r.at_least_validated() {
        r.require("approval", true, "validated procedures say who validated them");
        r.require("effective_date", true, "validated procedures say from when they apply");
    }
    if r.status() == Some(Status::Adopted) {
        r.require("review_due", true, "adopted procedures have a review date");
    }
    let effective = date_of(r.fields.get("effective_date"));
    let review = date_of(r.fields.get("review_due"));
    if let (Some(effective), Some(review)) = (effective, review)
        && review <= effective
    {
        r.f.error(
            Path::key("review_due"),
            format!("the review date {review} is not after the effective date {effective}"),
            None,
        );
    }
    if let Some(review) = review
        && review < today
        && r.at_least_validated()
    {
        r.f.warning(
            Path::key("review_due"),
            format!("the review of these procedures was due on {review}"),
            "review them, then record the revision in `revision_history` and set the next `review_due`".to_owned(),
        );
    }

    r.computed.insert("steps".into(), json!(step_ids));
}

/// Words that name the guiding principles of these procedures (3.4), in
/// either language.
const PRINCIPLES: &[&str] = &[
    "safety",
    "confidential",
    "consent",
    "non-discrimination",
    "do no harm",
    "best interests",
    "migrant-centred",
    "sécurité",
    "confidentialité",
    "consentement",
    "non-discrimination",
    "ne pas nuire",
    "intérêt supérieur",
    "centrée sur la personne",
    "centrée sur le migrant",
];

/// W when the principles section names none of the usual principles.
fn principles(r: &mut Rules<'_, '_>) {
    use crate::model::Block;
    use pulldown_cmark::{Event, Tag};
    let Some(heading) = r.cx.body.headings.iter().find(|h| h.id == "principles") else { return };
    let mut text = String::new();
    let mut inside: Option<u8> = None;
    for block in &r.cx.body.blocks {
        match block {
            Block::Event(Event::Start(Tag::Heading { level, id, .. })) => {
                let level = *level as u8;
                if id.as_deref() == Some("principles") {
                    inside = Some(level);
                } else if inside.is_some_and(|l| level <= l) {
                    break;
                }
            }
            Block::Event(Event::Text(t)) if inside.is_some() => text.push_str(&t.to_lowercase()),
            _ => {}
        }
    }
    if !PRINCIPLES.iter().any(|p| text.contains(p)) {
        r.body.push(
            crate::diagnostics::Diagnostic::warning(r.cx.display, heading.line, 1, "the guiding principles name none of safety, confidentiality, informed consent, non-discrimination, do no harm, the best interests of the child")
                .with_hint("say which principles the procedures apply, as the IASC guide to GBV SOPs does"),
        );
    }
}

/// Steps that cannot be reached from the first one. A step without `next`
/// leads to the step after it.
fn unreachable_steps(r: &mut Rules<'_, '_>, steps: &[crate::kinds::rules::Row<'_>]) {
    let ids: Vec<&str> = steps.iter().filter_map(|(_, s)| str_of(s, "id")).collect();
    if ids.len() != steps.len() || ids.is_empty() {
        return;
    }
    let successors = |i: usize| -> Vec<usize> {
        let next = strs_of(steps[i].1, "next");
        if steps[i].1.contains_key("next") {
            next.iter().filter_map(|n| ids.iter().position(|id| id == n)).collect()
        } else if i + 1 < ids.len() {
            vec![i + 1]
        } else {
            vec![]
        }
    };
    let mut seen = vec![false; ids.len()];
    let mut queue = VecDeque::from([0]);
    seen[0] = true;
    while let Some(i) = queue.pop_front() {
        for j in successors(i) {
            if !seen[j] {
                seen[j] = true;
                queue.push_back(j);
            }
        }
    }
    for (i, (path, _)) in steps.iter().enumerate() {
        if !seen[i] {
            r.f.warning(
                path.field("id"),
                format!("the step `{}` cannot be reached from the first step", ids[i]),
                "name it in the `next` of an earlier step".to_owned(),
            );
        }
    }
}

/// Sorted by date, versions increasing, the last one this version.
fn revision_history(r: &mut Rules<'_, '_>) {
    let rows = r.rows("revision_history");
    if rows.is_empty() {
        if r.has("revision_history") {
            r.f.error(
                Path::key("revision_history"),
                "`revision_history` is empty",
                "list at least this version".to_owned(),
            );
        }
        return;
    }
    let mut previous: Option<(Option<crate::date::Date>, Option<Version>)> = None;
    for (path, row) in &rows {
        let date = date_of(row.get("date"));
        let version = row.get("version").and_then(Version::of);
        if let Some((prev_date, prev_version)) = &previous {
            if let (Some(a), Some(b)) = (prev_date, date)
                && b < *a
            {
                r.f.error(
                    path.field("date"),
                    format!("revision dated {b} comes after one dated {a}"),
                    "list revisions oldest first".to_owned(),
                );
            }
            if let (Some(a), Some(b)) = (prev_version, &version)
                && b <= a
            {
                r.f.error(path.field("version"), "versions must increase from one revision to the next", None);
            }
        }
        previous = Some((date, version));
    }
    let (path, last) = rows.last().expect("not empty");
    let front = r.cx.front;
    let last_version = last.get("version").and_then(Version::of);
    if let Some(version) = front.version.as_deref()
        && last_version.as_ref() != Version::parse(version).as_ref()
    {
        r.f.error(
            path.field("version"),
            format!("the last revision is not this version ({version})"),
            format!("add `- {{ version: \"{version}\", date: …, status: …, summary: … }}` at the end"),
        );
    }
    if let Some(status) = front.status
        && str_of(last, "status").is_some_and(|s| s != status.as_str())
    {
        r.f.error(
            path.field("status"),
            format!("the last revision's status is not the document's (`{}`)", status.as_str()),
            None,
        );
    }
}
