//! What each kind shows on its page (DOCUMENT-KINDS.md): the kind's fields
//! and computed values made ready for the templates of `templates/kinds/`:
//! labels in the page's language, numbers and dates written its way,
//! institutions by their names, links made relative, charts drawn.

use serde_json::{Map, Value, json};

use super::typed::{List, typed};
use crate::date::Date;
use crate::format;
use crate::parse::{Document, Glossary};
use crate::render;
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

    pub fn fields(&self) -> &Map<String, Value> {
        &self.doc.kind.fields
    }

    pub fn computed(&self) -> &Map<String, Value> {
        &self.doc.kind.computed
    }

    pub fn rows(&self, name: &str) -> Vec<&Map<String, Value>> {
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

    pub fn date(&self, value: Option<&Value>) -> Option<String> {
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

pub(crate) fn rows(value: Option<&Value>) -> Vec<&Map<String, Value>> {
    value.and_then(Value::as_array).map(|a| a.iter().filter_map(Value::as_object).collect()).unwrap_or_default()
}

pub(crate) fn strs(value: Option<&Value>) -> Vec<&str> {
    value.and_then(Value::as_array).map(|a| a.iter().filter_map(Value::as_str).collect()).unwrap_or_default()
}

pub(crate) fn s<'a>(row: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
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

/// Which of an agenda's optional columns hold something in some row (a
/// column empty in every row is left out), and how many columns there are.
pub fn agenda_columns(agenda: &[Value]) -> Value {
    let any = |key: &str| agenda.iter().any(|a| a[key].as_str().is_some_and(|t| !t.is_empty()));
    let (objectives, materials, lead) = (any("objectives"), any("materials"), any("lead"));
    let count = 4 + usize::from(objectives) + usize::from(materials) + usize::from(lead);
    json!({ "objectives": objectives, "materials": materials, "lead": lead, "count": count })
}

/// Agenda rows with their computed clock times, and each day's length.
pub(crate) fn agenda_view(cx: &ViewContext<'_>, material_title: &dyn Fn(&str) -> String) -> (Vec<Value>, Vec<Value>) {
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
