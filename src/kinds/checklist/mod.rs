//! Checklists and their assessments (DOCUMENT-KINDS.md section 7).

pub(crate) mod rules;
mod view;

use super::rules::Rules;
use super::schema::*;
use super::spec::{Draft, DraftText, KindSpec, TODO};
use super::view::ViewContext;

pub struct Checklist;

impl KindSpec for Checklist {
    fn fields(&self) -> &'static [Field] {
        FIELDS
    }

    fn check(&self, r: &mut Rules<'_, '_>) {
        rules::check(r);
    }

    fn view(&self, cx: &ViewContext<'_>) -> Option<serde_json::Value> {
        Some(view::view(cx))
    }

    fn draft(&self, d: &Draft<'_>) -> DraftText {
        let todo = TODO;
        DraftText {
            title: d.t("New checklist", "Nouvelle liste de contrôle"),
            fields: format!(
                "subtype: template\nareas:\n  - {{ id: area-1, group: operations, title: \"{todo}\" }}\ngroups:\n  - {{ id: operations, title: \"{}\" }}\nitems:\n  - {{ id: item-1, area: area-1, text: \"{todo}\" }}\nthreshold: 0.7\n",
                d.t("Operations", "Fonctionnement")
            ),
            subtype: None,
        }
    }
}

pub const ITEM_ROW: &[Field] = &[
    req("id", Ty::Id, "Stable id of the item."),
    req("area", Ty::Id, "Its area."),
    req("text", Ty::Text, "What is checked."),
    opt("guidance", Ty::Text, "How to judge it."),
    opt("evidence", Ty::Text, "What to look at."),
    opt("critical", Ty::Bool, "A `no` here is a critical gap."),
    opt("refs", LINKS, "What the item enforces, e.g. an SOP step."),
];

pub const FIELDS: &[Field] = &[
    req("subtype", Ty::Choice(&["template", "assessment"]), "The checklist itself, or one filled instance."),
    opt(
        "scale",
        Ty::List(&Ty::Object(&[
            req("value", Ty::Id, "The answer."),
            req("score", Ty::Either(&[SHARE, Ty::Null]), "Its score in [0, 1], or null to leave it out."),
        ])),
        "Answers and scores; default yes (1), partial (0.5), no (0), na (not scored).",
    ),
    opt(
        "groups",
        Ty::List(&Ty::Object(&[req("id", Ty::Id, "Stable id."), req("title", Ty::Text, "Title.")])),
        "Groups of areas: operations, training, outreach (expected in a template).",
    ),
    opt(
        "areas",
        Ty::List(&Ty::Object(&[
            req("id", Ty::Id, "Stable id."),
            req("group", Ty::Id, "Its group."),
            req("title", Ty::Text, "Title."),
        ])),
        "Areas of the checklist (required in a template).",
    ),
    opt("items", Ty::Table(ITEM_ROW), "The items (required in a template): rows, or a CSV file of the bundle."),
    opt("threshold", SHARE, "Overall score below which an assessment warns (expected in a template)."),
    opt(
        "template",
        Ty::Object(&[req("doc", Ty::Link, "The checklist template."), req("version", Ty::Version, "Its version.")]),
        "The template assessed (assessment).",
    ),
    opt("site", Ty::Text, "The centre assessed (assessment)."),
    opt("assessed_on", Ty::Date, "Date of the assessment."),
    opt("assessors", TEXTS, "Assessors' roles, not names."),
    opt(
        "responses",
        Ty::Map(&Ty::Object(&[
            req("value", Ty::Id, "The answer: a value of the scale."),
            opt("note", Ty::Text, "Evidence and comments."),
            opt("action", Ty::Text, "What will be done (required for `no` and `partial`)."),
            opt("due", Ty::Date, "By when."),
            opt("responsible", Ty::RefOrText, "Who."),
        ])),
        "The answers, by item id (assessment).",
    ),
];
