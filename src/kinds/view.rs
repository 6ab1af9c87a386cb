//! What each kind shows on its page (DOCUMENT-KINDS.md): the kind's fields
//! and computed values made ready for the templates of `templates/kinds/`:
//! labels in the page's language, numbers and dates written its way,
//! institutions by their names, links made relative, charts drawn.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::KindData;
use super::typed::{self, List, typed};
use crate::date::Date;
use crate::format;
use crate::i18n::Strings;
use crate::model::{Body, FrontMatter, Glossary};

/// What a kind's view reads: the document shown, the site's glossary, the
/// UI words of its language and where its field links go. The template
/// stage fills it from the resolved site (`template::Contexts::view_context`),
/// so the kinds need nothing of the stages after them.
pub struct ViewContext<'a> {
    pub lang: &'a str,
    pub key: &'a str,
    pub front: &'a FrontMatter,
    pub body: &'a Body,
    pub kind: &'a KindData,
    /// Values computed from other documents (`resolve::Site::linked`).
    pub linked: Option<&'a serde_json::Map<String, Value>>,
    pub glossary: &'a Glossary,
    pub strings: &'a Strings,
    /// Where each of the kind's field links (`kind.links`, in that order)
    /// goes from the file being written.
    pub field_links: Vec<FieldLink>,
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

/// A link written in a field, resolved for the file being written.
#[derive(Debug, Clone)]
pub struct FieldLink {
    /// Relative to that file.
    pub href: String,
    /// The title of the page it leads to, when it leads to a page.
    pub title: Option<String>,
}

impl ViewContext<'_> {
    pub fn text(&self, text: &str) -> String {
        crate::format::typography::for_language(self.lang, text)
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

    /// An institution or body: its abbreviation (with the full name) when the
    /// glossary has one, else its name, else the text as written.
    pub fn who(&self, id: &str) -> Who {
        let mut who = institution(self.glossary, id, self.lang);
        if who.abbr && !self.expanded.borrow_mut().insert(id.to_owned()) {
            who.abbr = false;
        }
        who
    }

    pub fn whos(&self, ids: &[String]) -> Vec<Who> {
        ids.iter().map(|id| self.who(id)).collect()
    }

    /// The resolved URL of a link written in a field, by its value.
    pub fn href(&self, dest: &str) -> Option<String> {
        self.field_link(dest).map(|link| link.href.clone())
    }

    fn field_link(&self, dest: &str) -> Option<&FieldLink> {
        let i = self.kind.links.iter().position(|l| l.dest == dest)?;
        self.field_links.get(i)
    }

    /// The title of the first row with this `id`, in the page's typography,
    /// or the id.
    pub fn title_of<T: Titled>(&self, rows: &[T], id: &str) -> String {
        rows.iter().find(|r| r.id() == Some(id)).and_then(Titled::title).map_or(id.to_owned(), |t| self.text(t))
    }

    /// A date written `YYYY-MM-DD`, in the page's language.
    pub fn day(&self, text: Option<&str>) -> Option<String> {
        text.and_then(Date::parse).map(|d| format::date_long(d, self.lang))
    }

    pub fn minutes(&self, minutes: u64) -> String {
        if minutes < 60 {
            return format!("{minutes} {}", self.word("minutes_short"));
        }
        self.strings
            .fill("k.hours_minutes", &[("h", &(minutes / 60).to_string()), ("m", &format!("{:02}", minutes % 60))])
    }
}

/// A row of a list field named by its `id` and shown by its title (a
/// module's materials, an SOP's roles and annexes, a strategy's axes).
pub trait Titled {
    fn id(&self) -> Option<&str>;
    fn title(&self) -> Option<&str>;
}

/// [`Titled`] for rows whose `id` and `title` are `Option<String>` fields.
macro_rules! titled {
    ($($row:ty),+) => {
        $(impl $crate::kinds::view::Titled for $row {
            fn id(&self) -> Option<&str> {
                self.id.as_deref()
            }
            fn title(&self) -> Option<&str> {
                self.title.as_deref()
            }
        })+
    };
}
pub(crate) use titled;

/// A value written as a number or as a text (a version `0.1` or "1.0", an
/// SOP's `doc_id`, an indicator's value): kept as written.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(untagged)]
pub enum NumberOrText {
    Number(serde_json::Number),
    Text(String),
}

impl std::fmt::Display for NumberOrText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NumberOrText::Number(n) => n.fmt(f),
            NumberOrText::Text(t) => f.write_str(t),
        }
    }
}

/// An institution or body as a page shows it (`templates/kinds.html`'s
/// `who`): its short form, its full name, and whether the short form is
/// an abbreviation to spell out.
#[derive(Debug, Clone, Serialize)]
pub struct Who {
    pub short: String,
    pub name: String,
    pub abbr: bool,
}

pub fn institution(glossary: &Glossary, id: &str, lang: &str) -> Who {
    match glossary.entries.get(id) {
        Some(entry) => {
            let name = entry.name.get(lang).or_else(|| entry.name.values().next()).cloned().unwrap_or_default();
            let abbr = entry.abbr.as_ref().and_then(|a| a.get(lang)).filter(|a| **a != name).cloned();
            let name = crate::format::typography::for_language(lang, &name);
            Who { short: abbr.clone().unwrap_or_else(|| name.clone()), name, abbr: abbr.is_some() }
        }
        None => {
            let name = crate::format::typography::for_language(lang, id);
            Who { short: name.clone(), name, abbr: false }
        }
    }
}

typed! {
    /// The fields every kind's view shows.
    struct Common {
        changes: List<Change>,
        related: List<String>,
    }

    /// What changed in a section since the version before.
    struct Change {
        section: Option<String>,
        summary: Option<String>,
        source: Option<String>,
    }
}

/// The view of a document's kind, or None for pages.
pub fn view(cx: &ViewContext<'_>) -> Option<Value> {
    let mut view = super::spec::spec(cx.front.kind).view(cx)?;
    if let Value::Object(map) = &mut view {
        let common: Common = typed::read(&cx.kind.fields);
        map.insert("kind".into(), json!(cx.front.kind.as_str()));
        map.insert("anchor".into(), json!(cx.anchor));
        map.insert("changes".into(), changes_of(cx, &common.changes));
        let related: Vec<Value> = common
            .related
            .iter()
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
    cx.field_link(dest)?.title.as_deref().map(|title| cx.text(title))
}

/// The document's `changes`, each linked to its section.
pub fn changes(cx: &ViewContext<'_>) -> Value {
    let common: Common = typed::read(&cx.kind.fields);
    changes_of(cx, &common.changes)
}

fn changes_of(cx: &ViewContext<'_>, changes: &[Change]) -> Value {
    let headings = &cx.body.headings;
    Value::Array(
        changes
            .iter()
            .map(|change| {
                let section = change.section.as_deref().unwrap_or("");
                let title = headings.iter().find(|h| h.id == section).map_or(section.to_owned(), |h| h.text.clone());
                json!({
                    "section": cx.text(&title),
                    "href": format!("#{}{section}", cx.anchor),
                    "summary": cx.text(change.summary.as_deref().unwrap_or("")),
                    "source": change.source.as_deref().and_then(|d| cx.href(d)),
                })
            })
            .collect(),
    )
}

/// Which of an agenda's optional columns are shown, and how many columns
/// there are.
#[derive(Debug, Clone, Copy, serde::Serialize)]
pub struct AgendaColumns {
    pub objectives: bool,
    pub materials: bool,
    pub lead: bool,
    pub count: usize,
}

impl AgendaColumns {
    fn of(objectives: bool, materials: bool, lead: bool) -> AgendaColumns {
        let count = 4 + usize::from(objectives) + usize::from(materials) + usize::from(lead);
        AgendaColumns { objectives, materials, lead, count }
    }

    /// The columns of the participants' edition, which lists no materials
    /// (they are the facilitator's to prepare).
    pub fn without_materials(self) -> AgendaColumns {
        AgendaColumns::of(self.objectives, false, self.lead)
    }
}

/// The agenda's optional columns that hold something in some row (a
/// column empty in every row is left out).
pub fn agenda_columns(agenda: &[Value]) -> AgendaColumns {
    let any = |key: &str| agenda.iter().any(|a| a[key].as_str().is_some_and(|t| !t.is_empty()));
    AgendaColumns::of(any("objectives"), any("materials"), any("lead"))
}

typed! {
    /// The agenda of a module or an event, and the objectives it names.
    struct AgendaFields {
        agenda: List<Segment>,
        objectives: List<Objective>,
    }

    struct Segment {
        day: Option<u64>,
        minutes: Option<NumberOrText>,
        title: Option<String>,
        method: Option<String>,
        lead: Option<String>,
        objectives: List<String>,
        materials: List<String>,
    }

    /// A learning objective (a module's, or those an event's agenda names).
    pub struct Objective {
        pub id: Option<String>,
        pub text: Option<String>,
    }

    struct AgendaComputed {
        agenda: Option<Schedule>,
    }

    /// The clock times the rules computed (`module::rules::agenda_schedule`).
    struct Schedule {
        segments: Vec<Clock>,
        days: List<DayLength>,
    }

    /// A segment's start and end, `HH:MM`, when the start time is known.
    struct Clock {
        start: Option<String>,
        end: Option<String>,
    }

    struct DayLength {
        day: u64,
        minutes: u64,
    }
}

/// Agenda rows with their computed clock times, and each day's length.
pub(crate) fn agenda_view(cx: &ViewContext<'_>, material_title: &dyn Fn(&str) -> String) -> (Vec<Value>, Vec<Value>) {
    let f: AgendaFields = typed::read(&cx.kind.fields);
    let schedule = typed::read::<AgendaComputed>(&cx.kind.computed).agenda.unwrap_or_default();
    // Objectives as readers see them numbered in the list (1–5), not their ids.
    let objective_number = |id: &str| {
        f.objectives
            .iter()
            .position(|o| o.id.as_deref() == Some(id))
            .map_or_else(|| id.to_owned(), |n| (n + 1).to_string())
    };
    let day_of = |row: &Segment| row.day.unwrap_or(1);
    let agenda: Vec<Value> = f
        .agenda
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let at = schedule.segments.get(i);
            let day = day_of(row);
            let previous = i.checked_sub(1).and_then(|p| f.agenda.get(p)).map(day_of);
            json!({
                "new_day": previous != Some(day),
                "day_label": cx.strings.fill("k.day", &[("day", &day.to_string())]),
                "start": at.and_then(|a| a.start.as_deref()).map(|t| format::clock(t, cx.lang)),
                "end": at.and_then(|a| a.end.as_deref()).map(|t| format::clock(t, cx.lang)),
                "day": day,
                "minutes": row.minutes,
                "title": cx.text(row.title.as_deref().unwrap_or("")),
                "method": cx.label("methods", row.method.as_deref().unwrap_or("")),
                "is_break": row.method.as_deref() == Some("break"),
                "lead": row.lead.as_ref().map(|l| cx.text(l)),
                "objectives": row.objectives.iter().map(|id| objective_number(id.as_str())).collect::<Vec<_>>().join(", "),
                "materials": row.materials.iter().map(|id| material_title(id.as_str())).collect::<Vec<_>>().join(", "),
            })
        })
        .collect();
    let days: Vec<Value> = schedule
        .days
        .iter()
        .map(|day| {
            json!({
                "day": day.day,
                "label": cx.strings.fill("k.day", &[("day", &day.day.to_string())]),
                "duration": cx.minutes(day.minutes),
            })
        })
        .collect();
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
