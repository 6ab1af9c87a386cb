//! Event and study reports (DOCUMENT-KINDS.md section 8).

pub(crate) mod rules;
mod view;

use super::rules::Rules;
use super::rules::skeleton::Need::{Recommended, Required};
use super::rules::skeleton::{Section, s};
use super::schema::*;
use super::spec::{Draft, DraftText, KindSpec, TODO};
use super::view::ViewContext;

pub struct Report;

impl KindSpec for Report {
    fn fields(&self) -> &'static [Field] {
        FIELDS
    }

    fn skeleton(&self, subtype: Option<&str>) -> Option<&'static [Section]> {
        match subtype {
            Some(s) if EVENT_SUBTYPES.contains(&s) => Some(EVENT_REPORT),
            Some("research" | "mapping") => Some(STUDY_REPORT),
            _ => None,
        }
    }

    fn check(&self, r: &mut Rules<'_, '_>) {
        rules::check(r);
    }

    fn shows_block_after(&self, heading_id: &str) -> bool {
        matches!(heading_id, "participation" | "findings" | "recommendations" | "annexes")
    }

    fn view(&self, cx: &ViewContext<'_>) -> Option<serde_json::Value> {
        Some(view::view(cx))
    }

    fn draft(&self, d: &Draft<'_>) -> DraftText {
        let (todo, owner, today) = (TODO, d.owner, d.today);
        DraftText {
            title: d.t("New report", "Nouveau rapport"),
            fields: format!(
                "subtype: consultation\nevent: {{ start: {today}, end: {today}, city: \"{todo}\", mode: in-person, organisers: [{owner}] }}\nparticipant_groups: [other]\nattendance:\n  - {{ institution: {owner}, category: other, women: 0, men: 0, not_recorded: 0 }}\n"
            ),
            subtype: Some("consultation"),
        }
    }
}

pub const PARTICIPANT_GROUPS: &[&str] = &[
    "diaspora",
    "parliament",
    "private-sector",
    "civil-society",
    "women-associations",
    "youth-organisations",
    "academia",
    "ctd",
    "line-ministries",
    "ptf",
    "un-system",
    "media",
    "returnees",
    "other",
];

pub const EVENT_SUBTYPES: &[&str] =
    &["consultation", "workshop", "validation-workshop", "review-workshop", "round-table", "training", "online-forum"];

pub const ATTENDANCE_ROW: &[Field] = &[
    req("institution", Ty::RefOrText, "A glossary id, or the body's name."),
    req("category", Ty::Choice(PARTICIPANT_GROUPS), "The participant group."),
    req("women", NON_NEGATIVE, "Women present."),
    req("men", NON_NEGATIVE, "Men present."),
    req("not_recorded", NON_NEGATIVE, "Sex not recorded."),
    opt("total", NON_NEGATIVE, "If given, must equal women + men + not_recorded."),
    opt("day", POSITIVE, "Day of the event."),
    opt("online", Ty::Bool, "Took part online."),
];

pub const FIELDS: &[Field] = &[
    req(
        "subtype",
        Ty::Choice(&[
            "consultation",
            "workshop",
            "validation-workshop",
            "review-workshop",
            "round-table",
            "training",
            "online-forum",
            "research",
            "mapping",
            "desk-review",
            "progress",
            "final",
        ]),
        "The kind of report; the first seven are event reports.",
    ),
    opt(
        "event",
        Ty::Object(&[
            req("start", Ty::Date, "First day."),
            req("end", Ty::Date, "Last day."),
            rec("city", Ty::Text, "City."),
            opt("venue", Ty::Text, "Venue."),
            req("mode", Ty::Choice(&["in-person", "online", "hybrid"]), "How people took part."),
            req("organisers", Ty::List(&Ty::Ref(RefTo::Any)), "Organising institutions."),
            opt("chair", Ty::Text, "Chair (a function)."),
            opt("facilitators", TEXTS, "Facilitators (functions)."),
            opt("rapporteur", Ty::Text, "Rapporteur (a function)."),
        ]),
        "The event (required for event reports).",
    ),
    opt("participant_groups", Ty::List(&Ty::Choice(PARTICIPANT_GROUPS)), "Groups invited (expected in event reports)."),
    opt("attendance", Ty::Table(ATTENDANCE_ROW), "Attendance by institution and sex: rows, or a CSV file."),
    opt("agenda", Ty::Table(AGENDA_ROW), "The agenda; clock times are computed."),
    opt("start_time", Ty::Clock, "Start of the first day, \"HH:MM\"."),
    rec(
        "findings",
        Ty::Object(&[
            opt("expectations", TEXTS, "Expectations."),
            opt("priorities", TEXTS, "Priorities."),
            opt("challenges", TEXTS, "Challenges."),
            opt("convergences", TEXTS, "Points of convergence."),
            opt("divergences", TEXTS, "Points of divergence."),
        ]),
        "What participants said.",
    ),
    opt("recommendations", RECOMMENDATIONS, "Recommendations with their addressees."),
    opt("feeds_into", LINKS, "The documents this report informs."),
    opt("decision", Ty::Text, "What was validated (validation workshops)."),
    opt("length", LENGTH, "Expected length in pages."),
];

const EVENT_REPORT: &[Section] = &[
    s("summary", "Summary", "Résumé", Required),
    s("context", "Background and objectives", "Contexte et objectifs", Required),
    s("method", "Format and methodology", "Format et méthodologie", Required),
    s("participation", "Participation", "Participation", Required),
    s("proceedings", "Proceedings", "Déroulement des travaux", Required),
    s("findings", "Key findings", "Principaux résultats", Required),
    s("recommendations", "Recommendations", "Recommandations", Required),
    s("next-steps", "Next steps", "Prochaines étapes", Recommended),
    s("annexes", "Annexes", "Annexes", Recommended),
];

const STUDY_REPORT: &[Section] = &[
    s("summary", "Summary", "Résumé", Required),
    s("introduction", "Introduction", "Introduction", Required),
    s("methodology", "Methodology", "Méthodologie", Required),
    s("findings", "Findings", "Résultats", Required),
    s("conclusions", "Conclusions", "Conclusions", Required),
    s("recommendations", "Recommendations", "Recommandations", Required),
    s("references", "References", "Références", Recommended),
    s("annexes", "Annexes", "Annexes", Recommended),
];
