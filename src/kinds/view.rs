//! What each kind shows on its page (DOCUMENT-KINDS.md): the kind's fields
//! and computed values made ready for the templates of `templates/kinds/`:
//! labels in the page's language, numbers and dates written its way,
//! institutions by their names, links made relative, charts drawn.

use serde_json::{Map, Value, json};

use super::typed::{self, List, typed};
use crate::format;
use crate::parse::{Date, Document, Glossary};
use crate::render::{self, charts};
use crate::resolve::{Page, Site};
use crate::template::i18n::Strings;

pub struct ViewContext<'a> {
    pub site: &'a Site,
    pub page: &'a Page,
    pub doc: &'a Document,
    pub strings: &'a Strings,
    /// The output path of the file being written (links are relative to it).
    pub from: &'a str,
    /// What the body's ids start with in that file: `p2-` for the second
    /// part of a print bundle, else nothing. Links to the body's headings
    /// and the ids of charts carry it.
    pub anchor: &'a str,
    /// Abbreviations already spelt out in this view: each is written as
    /// `<abbr title>` once, then plainly (the glossary and the print
    /// edition's acronyms spell them all). The strategy's tables repeat
    /// MINREX some 30 times; its title attributes were 6 KB of the page.
    pub expanded: std::cell::RefCell<std::collections::HashSet<String>>,
}

impl ViewContext<'_> {
    pub fn lang(&self) -> &str {
        &self.doc.lang
    }

    fn fields(&self) -> &Map<String, Value> {
        &self.doc.kind.fields
    }

    fn computed(&self) -> &Map<String, Value> {
        &self.doc.kind.computed
    }

    fn rows(&self, name: &str) -> Vec<&Map<String, Value>> {
        rows(self.fields().get(name))
    }

    pub fn text(&self, text: &str) -> String {
        render::typography::for_language(self.lang(), text)
    }

    pub fn label(&self, group: &str, value: &str) -> String {
        let key = format!("k.{group}.{value}");
        match self.strings.labels.get(&key) {
            Some(label) => label.clone(),
            None => value.to_owned(),
        }
    }

    pub fn word(&self, key: &str) -> String {
        self.strings.get(&format!("k.{key}"))
    }

    fn date(&self, value: Option<&Value>) -> Option<String> {
        value.and_then(Value::as_str).and_then(Date::parse).map(|d| format::date_long(d, self.lang()))
    }

    /// An institution or body: its abbreviation (with the full name) when the
    /// glossary has one, else its name, else the text as written.
    pub fn who(&self, id: &str) -> Value {
        let mut who = institution(&self.site.glossary, id, self.lang());
        if who["abbr"] == Value::Bool(true) && !self.expanded.borrow_mut().insert(id.to_owned()) {
            who["abbr"] = Value::Bool(false);
        }
        who
    }

    pub fn whos(&self, value: Option<&Value>) -> Vec<Value> {
        strs(value).into_iter().map(|id| self.who(id)).collect()
    }

    /// The resolved URL of a link written in a field, by its value.
    pub fn href(&self, dest: &str) -> Option<String> {
        let i = self.doc.kind.links.iter().position(|l| l.dest == dest)?;
        let link = self.page.field_links.get(i)?;
        Some(link.href(self.from, &self.site.pages))
    }

    /// The `title` of the row with this `id`, in the page's typography, or the id.
    pub fn title_of(&self, rows: &[&Map<String, Value>], id: &str) -> String {
        rows.iter().find(|r| s(r, "id") == Some(id)).and_then(|r| s(r, "title")).map_or(id.to_owned(), |t| self.text(t))
    }

    /// A date written `YYYY-MM-DD`, in the page's language.
    pub fn day(&self, text: Option<&str>) -> Option<String> {
        text.and_then(Date::parse).map(|d| format::date_long(d, self.lang()))
    }

    pub fn minutes(&self, minutes: u64) -> String {
        if minutes < 60 {
            return format!("{minutes} {}", self.word("minutes_short"));
        }
        self.strings
            .fill("k.hours_minutes", &[("h", &(minutes / 60).to_string()), ("m", &format!("{:02}", minutes % 60))])
    }
}

fn rows(value: Option<&Value>) -> Vec<&Map<String, Value>> {
    value.and_then(Value::as_array).map(|a| a.iter().filter_map(Value::as_object).collect()).unwrap_or_default()
}

fn strs(value: Option<&Value>) -> Vec<&str> {
    value.and_then(Value::as_array).map(|a| a.iter().filter_map(Value::as_str).collect()).unwrap_or_default()
}

fn s<'a>(row: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
    row.get(key).and_then(Value::as_str)
}

pub fn institution(glossary: &Glossary, id: &str, lang: &str) -> Value {
    match glossary.entries.get(id) {
        Some(entry) => {
            let name = entry.name.get(lang).or_else(|| entry.name.values().next()).cloned().unwrap_or_default();
            let abbr = entry.abbr.as_ref().and_then(|a| a.get(lang)).filter(|a| **a != name).cloned();
            let name = render::typography::for_language(lang, &name);
            json!({ "short": abbr.clone().unwrap_or_else(|| name.clone()), "name": name, "abbr": abbr.is_some() })
        }
        None => {
            let name = render::typography::for_language(lang, id);
            json!({ "short": name, "name": name, "abbr": false })
        }
    }
}

/// The view of a document's kind, or None for pages.
pub fn view(cx: &ViewContext<'_>) -> Option<Value> {
    let mut view = super::spec::spec(cx.doc.front.kind).view(cx)?;
    if let Value::Object(map) = &mut view {
        map.insert("kind".into(), json!(cx.doc.front.kind.as_str()));
        map.insert("anchor".into(), json!(cx.anchor));
        map.insert("changes".into(), changes(cx));
        let related: Vec<Value> = strs(cx.fields().get("related"))
            .into_iter()
            .filter_map(|dest| {
                let href = cx.href(dest)?;
                let title = link_title(cx, dest).unwrap_or_else(|| dest.to_owned());
                Some(json!({ "href": href, "title": title }))
            })
            .collect();
        map.insert("related".into(), Value::Array(related));
    }
    Some(view)
}

/// The views of the kinds not yet in a folder of their own.
pub(super) fn legacy_view(kind: &str, cx: &ViewContext<'_>) -> Option<Value> {
    Some(match kind {
        "module" => module(cx),
        "sop" => sop(cx),
        "strategy" => strategy(cx),
        "report" => report(cx),
        _ => return None,
    })
}

/// The title of the page a field's link points to.
pub fn link_title(cx: &ViewContext<'_>, dest: &str) -> Option<String> {
    let i = cx.doc.kind.links.iter().position(|l| l.dest == dest)?;
    match &cx.page.field_links.get(i)?.target {
        crate::resolve::LinkTarget::Page { page, .. } => Some(cx.text(&cx.site.pages[*page].title)),
        _ => None,
    }
}

pub fn changes(cx: &ViewContext<'_>) -> Value {
    let headings = &cx.doc.body.headings;
    Value::Array(
        cx.rows("changes")
            .into_iter()
            .map(|row| {
                let section = s(row, "section").unwrap_or("");
                let title = headings.iter().find(|h| h.id == section).map_or(section.to_owned(), |h| h.text.clone());
                json!({
                    "section": cx.text(&title),
                    "href": format!("#{}{section}", cx.anchor),
                    "summary": cx.text(s(row, "summary").unwrap_or("")),
                    "source": s(row, "source").and_then(|d| cx.href(d)),
                })
            })
            .collect(),
    )
}

fn module(cx: &ViewContext<'_>) -> Value {
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

/// Which of an agenda's optional columns hold something in some row (a
/// column empty in every row is left out), and how many columns there are.
pub fn agenda_columns(agenda: &[Value]) -> Value {
    let any = |key: &str| agenda.iter().any(|a| a[key].as_str().is_some_and(|t| !t.is_empty()));
    let (objectives, materials, lead) = (any("objectives"), any("materials"), any("lead"));
    let count = 4 + usize::from(objectives) + usize::from(materials) + usize::from(lead);
    json!({ "objectives": objectives, "materials": materials, "lead": lead, "count": count })
}

/// Agenda rows with their computed clock times, and each day's length.
fn agenda_view(cx: &ViewContext<'_>, material_title: &dyn Fn(&str) -> String) -> (Vec<Value>, Vec<Value>) {
    let schedule = cx.computed().get("agenda");
    let segments = schedule.and_then(|s| s.get("segments")).and_then(Value::as_array);
    let rows = cx.rows("agenda");
    // Objectives as readers see them numbered in the list (1–5), not their ids.
    let objectives = cx.rows("objectives");
    let objective_number = |id: &str| {
        objectives.iter().position(|o| s(o, "id") == Some(id)).map_or_else(|| id.to_owned(), |n| (n + 1).to_string())
    };
    let day_of = |row: &Map<String, Value>| row.get("day").and_then(Value::as_u64).unwrap_or(1);
    let agenda: Vec<Value> = rows
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let at = segments.and_then(|s| s.get(i));
            let day = day_of(row);
            let previous = i.checked_sub(1).and_then(|p| rows.get(p)).map(|r| day_of(r));
            json!({
                "new_day": previous != Some(day),
                "day_label": cx.strings.fill("k.day", &[("day", &day.to_string())]),
                "start": at.and_then(|a| a["start"].as_str()).map(|t| format::clock(t, cx.lang())),
                "end": at.and_then(|a| a["end"].as_str()).map(|t| format::clock(t, cx.lang())),
                "day": day,
                "minutes": row.get("minutes"),
                "title": cx.text(s(row, "title").unwrap_or("")),
                "method": cx.label("methods", s(row, "method").unwrap_or("")),
                "is_break": s(row, "method") == Some("break"),
                "lead": s(row, "lead").map(|l| cx.text(l)),
                "objectives": strs(row.get("objectives")).into_iter().map(objective_number).collect::<Vec<_>>().join(", "),
                "materials": strs(row.get("materials")).into_iter().map(material_title).collect::<Vec<_>>().join(", "),
            })
        })
        .collect();
    let days: Vec<Value> = schedule
        .and_then(|s| s.get("days"))
        .and_then(Value::as_array)
        .map(|d| {
            d.iter()
                .map(|day| {
                    json!({
                        "day": day["day"],
                        "label": cx.strings.fill("k.day", &[("day", &day["day"].to_string())]),
                        "duration": cx.minutes(day["minutes"].as_u64().unwrap_or(0)),
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    (agenda, days)
}

fn sop(cx: &ViewContext<'_>) -> Value {
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

typed! {
    /// A recommendation with its addressees (DOCUMENT-KINDS.md section 2).
    pub struct Recommendation {
        pub id: Option<String>,
        pub text: Option<String>,
        pub to: List<String>,
        pub horizon: Option<String>,
        pub priority: Option<String>,
    }
}

/// Recommendations with their addressees, horizons and priorities.
pub fn recommendations(cx: &ViewContext<'_>, rows: &[Recommendation]) -> Vec<Value> {
    rows.iter()
        .map(|r| {
            json!({
                "id": r.id,
                "text": cx.text(r.text.as_deref().unwrap_or("")),
                "to": r.to.iter().map(|id| cx.who(id)).collect::<Vec<_>>(),
                "horizon": r.horizon.as_ref().map(|h| cx.label("horizons", h)),
                "priority": r.priority.as_ref().map(|p| cx.label("priorities", p)),
            })
        })
        .collect()
}

fn strategy(cx: &ViewContext<'_>) -> Value {
    let f = cx.fields();
    let lang = cx.lang().to_owned();
    let colon = cx.strings.get("colon");
    let currency = f.get("currency").and_then(Value::as_str).unwrap_or("XAF");
    let money = |amount: f64| format::money(amount, currency, &lang);
    let axes = cx.rows("axes");
    let axis_title = |id: &str| cx.title_of(&axes, id);
    let when = |v: Option<&Value>| -> Option<String> {
        let text = v.and_then(Value::as_str)?;
        if let Some(date) = Date::parse(text) {
            return Some(format::date_long(date, &lang));
        }
        if let Some((year, q)) = text.split_once("-Q") {
            return Some(format!("{} {year}", format::quarter(q.parse().ok()?, &lang)));
        }
        let (year, month) = text.split_once('-')?;
        Some(format::month_year(year.parse().ok()?, month.parse().ok()?, &lang))
    };
    let costs = cx.computed().get("costs");
    let actions = cx.rows("action_plan");
    let spans = cx.computed().get("action_spans").and_then(Value::as_array);
    // Actions grouped by axis, in the order of the axes, with subtotals.
    let mut groups: Vec<(String, Vec<Value>, f64)> = Vec::new();
    let mut gantt = Vec::new();
    // Actions numbered as readers see the axes and objectives numbered
    // (axis.objective.action: 1.2.1), whatever their ids.
    let mut per_objective: Vec<(String, usize)> = Vec::new();
    let number_of = |action: &Map<String, Value>, per_objective: &mut Vec<(String, usize)>| -> String {
        let id = s(action, "id").unwrap_or("");
        let axis = s(action, "axis").and_then(|a| axes.iter().position(|x| s(x, "id") == Some(a)));
        let objective = axis.and_then(|a| {
            let wanted = s(action, "objective")?;
            rows(axes[a].get("objectives")).iter().position(|o| s(o, "id") == Some(wanted))
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
    for (i, action) in actions.iter().enumerate() {
        let number = number_of(action, &mut per_objective);
        let axis = s(action, "axis").unwrap_or("").to_owned();
        let cost = action.get("cost").and_then(|c| c.as_f64().or_else(|| c.get("amount").and_then(Value::as_f64)));
        let title = cx.text(s(action, "action").unwrap_or(""));
        let row = json!({
            "id": number,
            "action": title,
            "lead": cx.who(s(action, "lead").unwrap_or("")),
            "partners": cx.whos(action.get("partners")),
            "start": when(action.get("start")),
            "end": when(action.get("end")),
            "priority": s(action, "priority").map(|p| cx.label("priorities", p)),
            "cost": cost.map(money),
        });
        let group_title = if axis.is_empty() { String::new() } else { axis_title(&axis) };
        if let Some(span) = spans.and_then(|s| s.get(i)).filter(|s| !s.is_null()) {
            gantt.push(charts::Span {
                label: format!("{number} {title}"),
                group: group_title.clone(),
                start: span["start"].as_i64().unwrap_or(0),
                end: span["end"].as_i64().unwrap_or(0),
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
    let period = cx.computed().get("period");
    let milestones: Vec<(String, i64)> = cx
        .rows("deliverables")
        .iter()
        .filter_map(|d| {
            let due = Date::parse(s(d, "due")?)?;
            Some((cx.text(s(d, "title").unwrap_or("")), i64::from(due.year) * 12 + i64::from(due.month) - 1))
        })
        .collect();
    let timeline = period.filter(|_| !gantt.is_empty()).map(|p| {
        let range = (p["start"].as_i64().unwrap_or(0), p["end"].as_i64().unwrap_or(0));
        let milestones: Vec<(String, i64)> =
            milestones.iter().filter(|(_, m)| *m >= range.0 && *m <= range.1).cloned().collect();
        charts::timeline(
            &format!("{}timeline-{}", cx.anchor, cx.page.lang),
            &cx.word("timeline"),
            &cx.word("timeline_desc"),
            range,
            &gantt,
            &milestones,
            &lang,
        )
    });
    let results: Vec<Value> = cx
        .rows("results")
        .iter()
        .map(|r| {
            json!({
                "id": s(r, "id"),
                "level": cx.label("levels", s(r, "level").unwrap_or("")),
                "statement": cx.text(s(r, "statement").unwrap_or("")),
                "indicators": rows(r.get("indicators")).iter().map(|ind| {
                    let baseline = ind.get("baseline").filter(|b| !b.is_null());
                    json!({
                        "text": cx.text(s(ind, "text").unwrap_or("")),
                        "unit": s(ind, "unit").map(|u| cx.label("units", u)),
                        "baseline": baseline.map(|b| format!("{} ({})", number_text(b.get("value"), &lang), b.get("year").map(Value::to_string).unwrap_or_default())),
                        "baseline_note": s(ind, "baseline_note").map(|t| cx.text(t)),
                        "targets": rows(ind.get("targets")).iter().map(|t| format!("{}{} {}", t.get("year").map(Value::to_string).unwrap_or_default(), colon, number_text(t.get("value"), &lang))).collect::<Vec<_>>().join(" · "),
                        "source": s(ind, "source").map(|t| cx.text(t)),
                        "frequency": s(ind, "frequency").map(|f| cx.label("frequencies", f)),
                        "responsible": cx.who(s(ind, "responsible").unwrap_or("")),
                        "disaggregation": strs(ind.get("disaggregation")).into_iter().map(|d| cx.label("disaggregations", d)).collect::<Vec<_>>().join(", "),
                    })
                }).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({
        "period": f.get("period").map(|p| format!("{}–{}", period_text(p.get("start"), &lang), period_text(p.get("end"), &lang))),
        "axes": axes.iter().map(|a| json!({
            "id": s(a, "id"),
            "title": cx.text(s(a, "title").unwrap_or("")),
            "objectives": rows(a.get("objectives")).iter().map(|o| json!({"id": s(o, "id"), "title": cx.text(s(o, "title").unwrap_or(""))})).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "action_groups": groups.into_iter().map(|(title, actions, sum)| json!({
            "title": title,
            "actions": actions,
            "subtotal": costs.map(|_| money(sum)),
            "subtotal_label": cx.strings.fill("k.subtotal", &[("axis", &title)]),
        })).collect::<Vec<_>>(),
        "has_costs": costs.is_some(),
        "total_cost": costs.and_then(|c| c["total"].as_f64()).map(money),
        "by_lead": costs.and_then(|c| c["by_lead"].as_object()).map(|m| m.iter().map(|(lead, v)| json!({"lead": cx.who(lead), "cost": money(v.as_f64().unwrap_or(0.0))})).collect::<Vec<_>>()),
        "results": results,
        "timeline": timeline,
        "deliverables": cx.rows("deliverables").iter().map(|d| json!({
            "title": cx.text(s(d, "title").unwrap_or("")),
            "due": cx.date(d.get("due")),
            "share": d.get("share_pct").and_then(Value::as_f64).map(|p| format::percent(p / 100.0, 0, &lang)),
        })).collect::<Vec<_>>(),
    })
}

fn number_text(value: Option<&Value>, lang: &str) -> String {
    match value {
        Some(Value::Number(n)) => format::number(n.as_f64().unwrap_or(0.0), 2, lang),
        Some(Value::String(t)) => t.clone(),
        _ => String::new(),
    }
}

fn period_text(value: Option<&Value>, lang: &str) -> String {
    match value {
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::String(t)) => match t.split_once('-') {
            Some((y, m)) => match (y.parse(), m.parse()) {
                (Ok(y), Ok(m)) => format::month_year(y, m, lang),
                _ => t.clone(),
            },
            None => t.clone(),
        },
        _ => String::new(),
    }
}

fn report(cx: &ViewContext<'_>) -> Value {
    let (agenda, days) = agenda_view(cx, &|id: &str| id.to_owned());
    let f = cx.fields();
    let lang = cx.lang().to_owned();
    let attendance = cx.computed().get("attendance");
    let line = |key: &str, v: &Value| {
        json!({
            "label": key,
            "women": format::integer(v["women"].as_i64().unwrap_or(0), &lang),
            "men": format::integer(v["men"].as_i64().unwrap_or(0), &lang),
            "not_recorded": format::integer(v["not_recorded"].as_i64().unwrap_or(0), &lang),
            "total": format::integer(v["total"].as_i64().unwrap_or(0), &lang),
            "share_women": v["share_women"].as_f64().map(|x| format::percent(x, 0, &lang)),
        })
    };
    // Largest first, as in the chart.
    let mut by_category: Vec<(String, Value)> = attendance
        .and_then(|a| a["by_category"].as_object())
        .map(|m| m.iter().map(|(k, v)| (cx.label("groups", k), v.clone())).collect())
        .unwrap_or_default();
    by_category.sort_by_key(|(label, v)| (std::cmp::Reverse(v["total"].as_u64().unwrap_or(0)), label.clone()));
    let chart = (!by_category.is_empty()).then(|| {
        let bars = by_category
            .iter()
            .map(|(label, v)| charts::Bar {
                label: label.clone(),
                values: ["women", "men", "not_recorded"].map(|k| v[k].as_u64().unwrap_or(0)),
            })
            .collect();
        charts::stacked_bars(
            &format!("{}attendance-{}", cx.anchor, cx.page.lang),
            &cx.word("chart_title"),
            &cx.word("chart_desc"),
            [&cx.word("women"), &cx.word("men"), &cx.word("not_recorded")],
            bars,
            &lang,
            &cx.strings.get("colon"),
        )
    });
    let institutions: Vec<Value> = attendance
        .and_then(|a| a["by_institution"].as_object())
        .map(|m| {
            let mut rows: Vec<(&String, &Value)> = m.iter().collect();
            rows.sort_by_key(|(_, v)| std::cmp::Reverse(v["total"].as_u64().unwrap_or(0)));
            rows.into_iter()
                .map(|(k, v)| {
                    let mut row = line(k, v);
                    row["institution"] = cx.who(k);
                    row
                })
                .collect()
        })
        .unwrap_or_default();
    let event = f.get("event");
    let findings = f.get("findings").and_then(Value::as_object).map(|m| {
        ["expectations", "priorities", "challenges", "convergences", "divergences"]
            .iter()
            .filter_map(|k| {
                let items = strs(m.get(*k));
                (!items.is_empty()).then(|| json!({"title": cx.label("findings_parts", k), "items": items.into_iter().map(|t| cx.text(t)).collect::<Vec<_>>()}))
            })
            .collect::<Vec<_>>()
    });
    let place_of = |e: &Value| -> String {
        [e.get("venue"), e.get("city")]
            .iter()
            .filter_map(|v| v.and_then(Value::as_str))
            .map(|t| cx.text(t))
            .collect::<Vec<_>>()
            .join(", ")
    };
    json!({
        "event": event.map(|e| json!({
            "dates": match (e.get("start").and_then(Value::as_str).and_then(Date::parse), e.get("end").and_then(Value::as_str).and_then(Date::parse)) {
                (Some(a), Some(b)) => Some(format::date_range(a, b, &lang)),
                _ => None,
            },
            "place": place_of(e),
            "mode": e.get("mode").and_then(Value::as_str).map(|m| cx.label("modes", m)),
            "organisers": cx.whos(e.get("organisers")),
            "chair": e.get("chair").and_then(Value::as_str).map(|t| cx.text(t)),
            "rapporteur": e.get("rapporteur").and_then(Value::as_str).map(|t| cx.text(t)),
        })),
        "categories": by_category.iter().map(|(label, v)| line(label, v)).collect::<Vec<_>>(),
        "institutions": institutions,
        "total": attendance.map(|a| line(&cx.word("total"), &a["total"])),
        "chart": chart,
        "findings": findings,
        "recommendations": recommendations(cx, &typed::list(f.get("recommendations"))),
        "agenda_columns": agenda_columns(&agenda),
        "agenda": agenda,
        "multi_day": days.len() > 1,
        "duration": cx.computed().get("agenda").and_then(|a| a["total"].as_u64()).map(|m| cx.minutes(m)),
        "decision": f.get("decision").and_then(Value::as_str).map(|t| cx.text(t)),
    })
}
