//! Standard operating procedures (DOCUMENT-KINDS.md section 3).

pub(crate) mod rules;
mod view;

use super::rules::Rules;
use super::rules::skeleton::Need::{Recommended, Required, RequiredFor};
use super::rules::skeleton::{Section, s};
use super::schema::*;
use super::spec::{Draft, DraftText, KindSpec, TODO};
use super::view::ViewContext;
use crate::model::fields::STATUSES;

pub struct Sop;

impl KindSpec for Sop {
    fn fields(&self) -> &'static [Field] {
        FIELDS
    }

    fn skeleton(&self, _subtype: Option<&str>) -> Option<&'static [Section]> {
        Some(SOP)
    }

    fn check(&self, r: &mut Rules<'_, '_>) {
        rules::check(r);
    }

    fn shows_block_after(&self, heading_id: &str) -> bool {
        matches!(heading_id, "roles" | "referral" | "directory") || heading_id.starts_with("step-")
    }

    fn view(&self, cx: &ViewContext<'_>) -> Option<serde_json::Value> {
        Some(view::view(cx))
    }

    fn draft(&self, d: &Draft<'_>) -> DraftText {
        let (todo, owner, today) = (TODO, d.owner, d.today);
        DraftText {
            title: d.t("New standard operating procedures", "Nouvelles procédures opérationnelles standard"),
            fields: format!(
                "subtype: other\ndoc_id: \"{todo}\"\nrevision_history:\n  - {{ version: \"0.1\", date: {today}, status: draft, summary: \"{}\" }}\nroles:\n  - {{ id: role-1, actor: {owner}, title: \"{todo}\" }}\nprocedure:\n  - {{ id: step-1, title: \"{todo}\", actor: role-1 }}\n",
                d.t("First draft", "Premier projet")
            ),
            subtype: None,
        }
    }

    fn draft_below(&self, section_id: &str) -> Option<String> {
        (section_id == "procedure").then(|| format!("### {TODO} {{#step-1}}\n\n{TODO}\n\n"))
    }
}

pub const SERVICE_TYPES: &[&str] =
    &["health", "psychosocial", "legal", "safety", "shelter", "economic", "documentation", "child-protection"];

pub const SERVICE_ROW: &[Field] = &[
    req("id", Ty::Id, "Stable id of the service."),
    req("type", Ty::Choice(SERVICE_TYPES), "The kind of service."),
    req("provider", Ty::RefOrText, "A glossary id, or the provider's name."),
    req("region", Ty::Text, "One of the regions covered."),
    rec("location", Ty::Text, "Where it is."),
    rec("access", Ty::Text, "Opening days and hours."),
    rec("cost", Ty::Choice(&["free", "subsidised", "paid"]), "What it costs the returnee."),
    opt("languages", TEXTS, "Languages spoken."),
    rec("contact", Ty::Text, "A function and an institutional number, never a private person's."),
    rec("verified_on", Ty::Date, "When the entry was last checked."),
];

pub const FIELDS: &[Field] = &[
    rec(
        "subtype",
        Ty::Choice(&["return-reintegration", "referral-pathway", "case-management", "interview-protocol", "other"]),
        "The kind of procedures.",
    ),
    req("doc_id", Ty::Plain, "Reference of the document, the same in both languages, e.g. \"RRR-SOP-01\"."),
    opt("effective_date", Ty::Date, "Date from which the procedures apply (required from `validated`)."),
    opt("review_due", Ty::Date, "Date of the next review (required at `adopted`)."),
    opt(
        "approval",
        Ty::Object(&[
            req("by", INSTITUTIONS, "The approving institutions."),
            req("date", Ty::Date, "Date of approval or validation."),
            req("reference", Ty::Text, "The workshop, act or decision."),
        ]),
        "Who validated or approved the procedures (required from `validated`).",
    ),
    rec("signatories", INSTITUTIONS, "The institutions that sign the procedures."),
    req(
        "revision_history",
        Ty::List(&Ty::Object(&[
            req("version", Ty::Version, "Version of the revision."),
            req("date", Ty::Date, "Its date."),
            req("status", Ty::Choice(STATUSES), "Its status."),
            req("summary", Ty::Text, "What changed."),
        ])),
        "Every version so far, oldest first; the last one is this version.",
    ),
    rec(
        "scope",
        Ty::Object(&[
            opt("regions", TEXTS, "Regions covered."),
            opt("groups", TEXTS, "Groups served."),
            opt("services", TEXTS, "Services concerned."),
        ]),
        "Where and for whom the procedures apply.",
    ),
    req(
        "roles",
        Ty::List(&Ty::Object(&[
            req("id", Ty::Id, "Stable id of the role, named by steps."),
            req("actor", Ty::RefOrText, "The institution (glossary id) or body that holds the role."),
            req("title", Ty::Text, "Title of the role."),
            opt("duties", TEXTS, "What the role does."),
        ])),
        "Who does what.",
    ),
    req(
        "procedure",
        Ty::List(&Ty::Object(&[
            req("id", Ty::Id, "Stable id of the step; the heading of the step carries it: `{#step-4}`."),
            req("title", Ty::Text, "Title of the step."),
            req("actor", Ty::Id, "The `roles` id of who does it."),
            opt("within", Ty::Text, "Time limit, e.g. \"24 h\"."),
            opt("forms", IDS, "The `annexes` ids of the forms used."),
            opt("next", IDS, "The steps that follow."),
        ])),
        "The steps, in order.",
    ),
    opt("services", Ty::Table(SERVICE_ROW), "The service directory: rows, or a CSV file of the bundle."),
    rec(
        "routes",
        Ty::List(&Ty::Object(&[
            req("from", Ty::Id, "A procedure step."),
            req("to", Ty::Id, "A service."),
            opt("when", Ty::Text, "The need that leads there."),
        ])),
        "The referral pathway: which step refers to which service.",
    ),
    rec(
        "annexes",
        Ty::List(&Ty::Object(&[
            req("id", Ty::Id, "Stable id, named by steps' `forms`."),
            req("title", Ty::Text, "Title of the annex."),
            opt("file", Ty::File, "The file of the bundle."),
            req("type", Ty::Choice(&["form", "tool", "directory", "diagram", "checklist"]), "What it is."),
        ])),
        "Forms and tools annexed to the procedures.",
    ),
];

const SOP: &[Section] = &[
    s("purpose", "Purpose", "Objet", Required),
    s("scope", "Scope", "Champ d'application", Required),
    s("definitions", "Definitions and acronyms", "Définitions et sigles", Required),
    s("principles", "Guiding principles", "Principes directeurs", Required),
    s("framework", "Legal and policy framework", "Cadre juridique et politique", Recommended),
    s("roles", "Roles and responsibilities", "Rôles et responsabilités", Required),
    s("procedure", "Procedure", "Procédure", Required),
    s(
        "referral",
        "Referral pathway",
        "Circuit de référencement",
        RequiredFor(&["return-reintegration", "referral-pathway"]),
    ),
    s(
        "information",
        "Information management, consent and confidentiality",
        "Gestion de l'information, consentement et confidentialité",
        Required,
    ),
    s("consent", "Informed consent", "Consentement éclairé", Recommended),
    s("confidentiality", "Confidentiality", "Confidentialité", Recommended),
    s("data-sharing", "Data sharing", "Partage des données", Recommended),
    s("coordination", "Coordination", "Coordination", Recommended),
    s(
        "monitoring",
        "Monitoring and review of these procedures",
        "Suivi et révision des présentes procédures",
        Required,
    ),
    s("annexes", "Annexes", "Annexes", Recommended),
];
