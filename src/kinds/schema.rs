//! The front matter of every kind as one table of fields (DOCUMENT-KINDS.md).
//!
//! The same table drives three things: which names are known (unknown ones
//! are rejected with the nearest known name), the type checks of
//! [`super::validate`], and the JSON Schema that `relais schema` prints for
//! editors ([`super::json_schema`]). Requirements that depend on the status
//! or the subtype ("E from `validated`") are not in the table: the kind's own
//! rules in `super::rules` check them.

use crate::parse::fields::{KINDS, STATUSES};

/// How a missing field is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Req {
    /// Missing: error.
    Required,
    /// Missing: warning.
    Recommended,
    Optional,
}

/// Which glossary entries a reference may name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefTo {
    Any,
    Institution,
}

/// The type of a value, as authors write it.
#[derive(Debug, Clone, Copy)]
pub enum Ty {
    /// Text in the language of the file (translated; not compared across languages).
    Text,
    /// A string that is the same in every language (a document id, a unit).
    Plain,
    /// `[a-z0-9][a-z0-9._-]*`, identical in every translation.
    Id,
    /// A glossary id.
    Ref(RefTo),
    /// A glossary id, or free text for a body the glossary does not list.
    RefOrText,
    /// `YYYY-MM-DD`
    Date,
    /// `YYYY` or `YYYY-MM` (the bounds of a strategy's period).
    YearOrMonth,
    /// `YYYY-MM`, `YYYY-Qn` or `YYYY-MM-DD` (when an action starts or ends).
    When,
    /// `HH:MM`, 24-hour.
    Clock,
    /// A positive whole number of minutes.
    Minutes,
    /// A whole number not below `min`.
    Integer {
        min: i64,
    },
    /// A number within bounds.
    Number {
        min: Option<f64>,
        max: Option<f64>,
    },
    Bool,
    /// `"0.3"`; a bare number is accepted.
    Version,
    /// A link to a source file, as in the Markdown: `../sops/x.md#step-4`.
    Link,
    /// A file of the document's bundle.
    File,
    Choice(&'static [&'static str]),
    List(&'static Ty),
    Object(&'static [Field]),
    /// A mapping from ids to values (checklist responses).
    Map(&'static Ty),
    /// Rows written inline, or the name of a CSV file of the document's bundle.
    Table(&'static [Field]),
    /// The first alternative that fits.
    Either(&'static [Ty]),
    Null,
}

#[derive(Debug, Clone, Copy)]
pub struct Field {
    pub name: &'static str,
    pub ty: Ty,
    pub req: Req,
    pub doc: &'static str,
}

pub const fn req(name: &'static str, ty: Ty, doc: &'static str) -> Field {
    Field { name, ty, req: Req::Required, doc }
}

pub const fn rec(name: &'static str, ty: Ty, doc: &'static str) -> Field {
    Field { name, ty, req: Req::Recommended, doc }
}

pub const fn opt(name: &'static str, ty: Ty, doc: &'static str) -> Field {
    Field { name, ty, req: Req::Optional, doc }
}

pub const INSTITUTION: Ty = Ty::Ref(RefTo::Institution);
pub const INSTITUTIONS: Ty = Ty::List(&INSTITUTION);
pub const TEXTS: Ty = Ty::List(&Ty::Text);
pub const IDS: Ty = Ty::List(&Ty::Id);
pub const LINKS: Ty = Ty::List(&Ty::Link);
pub const NON_NEGATIVE: Ty = Ty::Integer { min: 0 };
pub const POSITIVE: Ty = Ty::Integer { min: 1 };
pub const SHARE: Ty = Ty::Number { min: Some(0.0), max: Some(1.0) };

/// The fields of DESIGN.md that every document may have.
pub const COMMON: &[Field] = &[
    req("title", Ty::Text, "The document's title in the file's language."),
    opt("kind", Ty::Choice(KINDS), "Picks the template and the validations; default `page`."),
    opt("summary", Ty::Text, "One or two sentences, used in lists, search results and the meta description."),
    opt("status", Ty::Choice(STATUSES), "`draft` and `review` carry a DRAFT mark; `archived` a notice."),
    opt("version", Ty::Version, "The document's version, e.g. \"0.3\"."),
    opt("date", Ty::Date, "Date of this version, YYYY-MM-DD."),
    opt("updated", Ty::Date, "Date of the last change, YYYY-MM-DD."),
    opt("owner", INSTITUTION, "The responsible institution: a glossary id such as `minproff`."),
    opt("authors", TEXTS, "Authors (institutions or teams)."),
    opt("audience", TEXTS, "Who the document is for."),
    opt("tags", TEXTS, "Keywords."),
    opt("weight", Ty::Integer { min: i64::MIN }, "Order within its section; lower comes first."),
    opt("slug", Ty::Plain, "The URL segment; defaults to the file name."),
    opt("source_version", Ty::Version, "On a translation: the `version` of the document it was translated from."),
];

/// Fields of every kind except `page` (DOCUMENT-KINDS.md section 12), after `subtype`.
pub const SHARED: &[Field] = &[
    opt(
        "changes",
        Ty::List(&Ty::Object(&[
            req("section", Ty::Id, "The id of the section that changed."),
            req("summary", Ty::Text, "What changed."),
            opt("source", Ty::Link, "The review or consultation report that asked for it."),
        ])),
        "What changed in this draft, printed at the top of the draft.",
    ),
    opt("informed_by", LINKS, "The consultation reports that fed this document."),
    opt("state_header", Ty::Bool, "Print the bilingual header of the Republic of Cameroon on the cover."),
    opt("related", LINKS, "Related documents: the checklist of an SOP, the SOP a module teaches."),
];

// --- Shared structures (section 2) -----------------------------------------

pub const METHODS: &[&str] = &[
    "opening",
    "presentation",
    "plenary",
    "group-work",
    "case-study",
    "role-play",
    "demonstration",
    "quiz",
    "energizer",
    "video",
    "reflection",
    "break",
    "closing",
];

pub const AGENDA_ROW: &[Field] = &[
    req("id", Ty::Id, "Stable id of the segment."),
    req("title", Ty::Text, "What happens."),
    req("minutes", Ty::Minutes, "Length in minutes; clock times are computed."),
    req("method", Ty::Choice(METHODS), "How it is run."),
    opt("objectives", IDS, "Learning objectives covered."),
    opt("materials", IDS, "Materials used."),
    opt("lead", Ty::Text, "Facilitator or speaker role (never a private person's contact)."),
    opt("day", POSITIVE, "Day of a multi-day event; default 1."),
];

pub const HORIZONS: &[&str] = &["short", "medium", "long"];
pub const PRIORITIES: &[&str] = &["high", "medium", "low"];

pub const RECOMMENDATION: Ty = Ty::Object(&[
    req("id", Ty::Id, "Stable id, so that later documents can answer it."),
    req("text", Ty::Text, "The recommendation."),
    req("to", Ty::List(&Ty::RefOrText), "Who it is addressed to: glossary ids or groups."),
    opt("horizon", Ty::Choice(HORIZONS), "short, medium or long term."),
    opt("priority", Ty::Choice(PRIORITIES), "high, medium or low."),
]);
pub const RECOMMENDATIONS: Ty = Ty::List(&RECOMMENDATION);

pub const LENGTH: Ty = Ty::Object(&[req("pages", Ty::List(&POSITIVE), "Expected length in A4 pages: [min, max].")]);

// --- sop (section 3) --------------------------------------------------------

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

pub const SOP: &[Field] = &[
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

// --- module (section 4) -----------------------------------------------------

pub const MODULE: &[Field] = &[
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

// --- strategy (section 6) ---------------------------------------------------

pub const CURRENCIES: &[&str] = &["XAF", "USD", "EUR"];

pub const MONEY: Ty = Ty::Object(&[
    req("amount", Ty::Number { min: Some(0.0), max: None }, "Amount."),
    req("currency", Ty::Choice(CURRENCIES), "XAF, USD or EUR."),
]);

pub const ACTION_ROW: &[Field] = &[
    req("id", Ty::Id, "Stable id, e.g. `1.2.3` (axis.objective.action)."),
    opt("axis", Ty::Id, "The axis (required in a strategy)."),
    opt("objective", Ty::Id, "The objective of the axis (required in a strategy)."),
    req("action", Ty::Text, "The action."),
    opt("output", Ty::Id, "The result (level output) it delivers; expected once `results` exist."),
    req("lead", INSTITUTION, "The one accountable institution."),
    rec("partners", Ty::List(&Ty::Ref(RefTo::Any)), "Associated institutions."),
    req("start", Ty::When, "Start: YYYY-MM or YYYY-Qn."),
    req("end", Ty::When, "Deadline: YYYY-MM, YYYY-Qn or a date."),
    req("priority", Ty::Choice(PRIORITIES), "high, medium or low."),
    rec("cost", Ty::Either(&[Ty::Number { min: Some(0.0), max: None }, MONEY]), "Cost in the document's currency."),
    rec("funding", Ty::RefOrText, "Who funds it."),
    opt("indicators", IDS, "Indicators of the results framework."),
];

pub const INDICATOR: Ty = Ty::Object(&[
    req("id", Ty::Id, "Stable id."),
    req("text", Ty::Text, "What is measured."),
    req("unit", Ty::Plain, "`people` for counts of persons, `number`, `percent`, `XAF`, `yes/no` ..."),
    opt(
        "disaggregation",
        Ty::List(&Ty::Choice(&["sex", "age", "region", "country-of-residence", "category"])),
        "Breakdowns; `sex` is required for counts of people.",
    ),
    req(
        "baseline",
        Ty::Either(&[
            Ty::Object(&[
                req("value", Ty::Either(&[Ty::Number { min: None, max: None }, Ty::Text]), "Value."),
                req("year", Ty::Integer { min: 1900 }, "Year."),
                req("source", Ty::Text, "Source."),
            ]),
            Ty::Null,
        ]),
        "Value, year and source; `null` with a `baseline_note` when not known yet.",
    ),
    opt("baseline_note", Ty::Text, "Why the baseline is not known yet, and who will set it."),
    req(
        "targets",
        Ty::List(&Ty::Object(&[
            req("year", Ty::Integer { min: 1900 }, "Year."),
            req("value", Ty::Number { min: None, max: None }, "Target."),
        ])),
        "Targets by year, inside the period.",
    ),
    req("source", Ty::Text, "Means of verification."),
    rec("method", Ty::Text, "How the data are collected."),
    req("frequency", Ty::Choice(&["monthly", "quarterly", "biannual", "annual", "midline", "endline"]), "How often."),
    req("responsible", INSTITUTION, "Who collects the data."),
    rec("direction", Ty::Choice(&["increase", "decrease", "maintain"]), "The desired direction."),
]);

pub const RESULT_ROW: &[Field] = &[
    req("id", Ty::Id, "Stable id: `I1`, `OC1`, `OP1.1` (lowercase)."),
    req("level", Ty::Choice(&["impact", "outcome", "output"]), "Level of the result."),
    opt("parent", Ty::Id, "The result it contributes to (output -> outcome -> impact)."),
    req("statement", Ty::Text, "The result."),
    req("indicators", Ty::List(&INDICATOR), "At least one indicator."),
    rec("assumptions", TEXTS, "Assumptions."),
];

pub const STRATEGY: &[Field] = &[
    req("subtype", Ty::Choice(&["strategy", "action-plan", "workplan", "me-framework"]), "The kind of document."),
    req(
        "period",
        Ty::Object(&[req("start", Ty::YearOrMonth, "First year or month."), req("end", Ty::YearOrMonth, "Last.")]),
        "The period covered.",
    ),
    opt(
        "axes",
        Ty::List(&Ty::Object(&[
            req("id", Ty::Id, "Stable id of the axis."),
            req("title", Ty::Text, "Title."),
            req(
                "objectives",
                Ty::List(&Ty::Object(&[req("id", Ty::Id, "Stable id."), req("title", Ty::Text, "Title.")])),
                "Its objectives.",
            ),
        ])),
        "Strategic axes and their objectives (required in a strategy).",
    ),
    opt("action_plan", Ty::Table(ACTION_ROW), "The actions: rows, or a CSV file of the bundle."),
    opt("results", Ty::Table(RESULT_ROW), "The results framework: rows, or a CSV file of the bundle."),
    opt("parts", LINKS, "Separate documents holding the action plan or the results framework."),
    rec("alignment", Ty::List(&Ty::Ref(RefTo::Any)), "Frameworks it aligns with: glossary ids."),
    rec(
        "cross_cutting",
        Ty::List(&Ty::Choice(&["gender", "environment", "human-rights", "intersectoral"])),
        "Cross-cutting issues addressed.",
    ),
    opt(
        "validation",
        Ty::Object(&[
            req("report", Ty::Link, "The validation workshop's report."),
            req("date", Ty::Date, "Date of validation."),
        ]),
        "Required from `validated`.",
    ),
    opt(
        "adoption",
        Ty::Object(&[
            req("authority", Ty::Text, "Who adopted it."),
            req("instrument", Ty::Text, "The act, e.g. a decree."),
            req("date", Ty::Date, "Date of adoption."),
        ]),
        "Required at `adopted`.",
    ),
    opt("currency", Ty::Choice(CURRENCIES), "Currency of costs; default XAF."),
    opt(
        "deliverables",
        Ty::List(&Ty::Object(&[
            req("id", Ty::Id, "Stable id."),
            req("title", Ty::Text, "The deliverable."),
            req("due", Ty::Date, "Due date."),
            req("share_pct", Ty::Number { min: Some(0.0), max: Some(100.0) }, "Share of payment, in percent."),
        ])),
        "Deliverables and payment tranches; shares sum to 100.",
    ),
];

// --- report (section 8) -----------------------------------------------------

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

pub const REPORT: &[Field] = &[
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

/// `comments.csv` of a document's folder: the comment-resolution matrix
/// of a review (DOCUMENT-KINDS 1.3).
pub const COMMENT_ROW: &[Field] = &[
    req("id", Ty::Id, "Stable id of the comment."),
    req("section", Ty::Id, "The section commented on (a heading id)."),
    req("from", Ty::RefOrText, "Who commented: a glossary id or a name of a body."),
    req("comment", Ty::Text, "The comment."),
    req("decision", Ty::Choice(&["accepted", "partly", "rejected", "noted"]), "What was decided."),
    opt("response", Ty::Text, "The answer to the comment (required when rejected)."),
    opt("draft", Ty::Version, "The draft the comment was made on."),
];

/// The kind-specific fields of `kind`, in the order of DOCUMENT-KINDS.md.
pub fn kind_fields(kind: &str) -> &'static [Field] {
    crate::parse::Kind::parse(kind).map_or(&[], |kind| super::spec::spec(kind).fields())
}

/// The fields of the kinds not yet in a folder of their own.
pub(super) fn legacy_fields(kind: &str) -> &'static [Field] {
    match kind {
        "sop" => SOP,
        "module" => MODULE,
        "strategy" => STRATEGY,
        "report" => REPORT,
        _ => &[],
    }
}

/// Every field a document of `kind` may have: the common ones, the kind's
/// own, then those shared by every kind but `page`.
pub fn all_fields(kind: &str) -> Vec<&'static Field> {
    let mut fields: Vec<&'static Field> = COMMON.iter().collect();
    fields.extend(kind_fields(kind));
    if !kind_fields(kind).is_empty() {
        fields.extend(SHARED);
    }
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(fields: &[&Field]) -> Vec<&'static str> {
        fields.iter().map(|f| f.name).collect()
    }

    /// The field index of DOCUMENT-KINDS.md section 12, as written there.
    #[test]
    fn every_kind_has_the_fields_of_the_index() {
        let index = [
            (
                "sop",
                "doc_id effective_date review_due approval signatories revision_history scope roles procedure services routes annexes",
            ),
            (
                "module",
                "delivery duration start_time days group_size prerequisites questions objectives keypoints agenda materials assessment",
            ),
            ("brief", "key_messages recommendations length references geography"),
            (
                "strategy",
                "period axes action_plan results parts alignment cross_cutting validation adoption currency deliverables",
            ),
            ("checklist", "scale groups areas items threshold template site assessed_on assessors responses"),
            (
                "report",
                "event participant_groups attendance agenda start_time findings recommendations feeds_into decision length",
            ),
        ];
        for (kind, listed) in index {
            let mut expected: Vec<&str> = listed.split(' ').collect();
            expected.extend(["subtype", "changes", "informed_by", "state_header", "related"]);
            expected.sort();
            let mut got: Vec<&str> = names(&all_fields(kind)).into_iter().filter(|n| !is_common(n)).collect();
            got.sort();
            assert_eq!(got, expected, "{kind}");
        }
        assert_eq!(all_fields("page").len(), COMMON.len());
    }

    fn is_common(name: &str) -> bool {
        COMMON.iter().any(|f| f.name == name)
    }
}
