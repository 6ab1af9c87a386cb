//! Orientation and training modules (DOCUMENT-KINDS.md section 4).

pub(crate) mod rules;
mod view;

use super::print::{self, PrintExtras};
use super::rules::Rules;
use super::schema::*;
use super::spec::{Draft, DraftText, KindSpec, TODO};
use super::view::ViewContext;

pub struct Module;

impl KindSpec for Module {
    fn fields(&self) -> &'static [Field] {
        FIELDS
    }

    fn check(&self, r: &mut Rules<'_, '_>) {
        rules::check(r);
    }

    fn view(&self, cx: &ViewContext<'_>) -> Option<serde_json::Value> {
        Some(view::view(cx))
    }

    /// A module's editions end with a blank attendance sheet.
    fn print_extras(&self, cx: &ViewContext<'_>, edition: Option<&str>) -> PrintExtras {
        PrintExtras { attendance_sheet: edition.map(|_| view::attendance_sheet(cx)), ..print::extras(cx) }
    }

    fn draft(&self, d: &Draft<'_>) -> DraftText {
        let todo = TODO;
        DraftText {
            title: d.t("New training module", "Nouveau module de formation"),
            fields: format!(
                "subtype: orientation\naudience: [{todo}]\ndelivery: in-person\nstart_time: \"09:00\"\nobjectives:\n  - {{ id: o1, text: \"{todo}\" }}\nkeypoints: [\"{todo}\"]\nagenda:\n  - {{ id: s1, title: \"{todo}\", minutes: 30, method: presentation, objectives: [o1] }}\n"
            ),
            subtype: None,
        }
    }
}

pub const FIELDS: &[Field] = &[
    rec("subtype", Ty::Choice(&["orientation", "training", "awareness", "tot"]), "The kind of session."),
    req("delivery", Ty::Choice(&["in-person", "online", "hybrid"]), "How it is delivered."),
    opt("duration", Ty::Minutes, "Total minutes; computed from the agenda when absent."),
    rec("start_time", Ty::Clock, "Start of the session, \"HH:MM\"."),
    opt("days", POSITIVE, "Number of days."),
    rec(
        "group_size",
        Ty::Object(&[req("min", POSITIVE, "Fewest participants."), req("max", POSITIVE, "Most participants.")]),
        "How many participants; sets the number of copies to print.",
    ),
    opt("prerequisites", TEXTS, "What participants need beforehand."),
    rec("questions", TEXTS, "One to three framing questions."),
    req(
        "objectives",
        Ty::List(&Ty::Object(&[
            req("id", Ty::Id, "Stable id, named by agenda segments and quiz questions."),
            req("text", Ty::Text, "What participants will be able to do."),
        ])),
        "Learning objectives.",
    ),
    req("keypoints", TEXTS, "What participants should keep."),
    req("agenda", Ty::Table(AGENDA_ROW), "The segments in order; clock times are computed."),
    rec(
        "materials",
        Ty::List(&Ty::Object(&[
            req("id", Ty::Id, "Stable id, named by agenda segments."),
            req("title", Ty::Text, "Title."),
            req(
                "type",
                Ty::Choice(&["handout", "slides", "flipchart", "video", "form", "case-study", "other"]),
                "What it is.",
            ),
            opt("file", Ty::File, "The file of the bundle."),
            opt("edition", Ty::Choice(&["facilitator", "participant", "both"]), "Which edition it belongs to."),
            opt("copies", Ty::Choice(&["one", "per-group", "per-participant"]), "How many to print."),
            opt(
                "group_of",
                Ty::Integer { min: 2 },
                "Participants per group, for copies per group (a role-play in threes: 3); 5 when absent.",
            ),
        ])),
        "Materials and handouts.",
    ),
    rec(
        "assessment",
        Ty::Object(&[
            opt("pre_test", Ty::File, "Pre-test."),
            opt("post_test", Ty::File, "Post-test."),
            opt("evaluation", Ty::Id, "The material id of the evaluation form."),
        ]),
        "How learning is checked.",
    ),
];
