//! National strategies, action plans and their frameworks (DOCUMENT-KINDS.md section 6).

pub(crate) mod rules;
mod view;

use super::rules::Rules;
use super::rules::skeleton::Need::{Generated, Recommended, Required};
use super::rules::skeleton::{Section, s};
use super::schema::*;
use super::spec::{Draft, DraftText, KindSpec, TODO};
use super::view::ViewContext;

pub struct Strategy;

impl KindSpec for Strategy {
    fn fields(&self) -> &'static [Field] {
        FIELDS
    }

    fn skeleton(&self, subtype: Option<&str>) -> Option<&'static [Section]> {
        (subtype == Some("strategy")).then_some(STRATEGY)
    }

    fn check(&self, r: &mut Rules<'_, '_>) {
        rules::check(r);
    }

    fn shows_block_after(&self, heading_id: &str) -> bool {
        matches!(heading_id, "axes" | "implementation" | "monitoring")
    }

    fn view(&self, cx: &ViewContext<'_>) -> Option<serde_json::Value> {
        Some(view::view(cx))
    }

    fn draft(&self, d: &Draft<'_>) -> DraftText {
        let (todo, owner, today) = (TODO, d.owner, d.today);
        DraftText {
            title: d.t("New strategy", "Nouvelle stratégie"),
            fields: {
                let year = i64::from(today.year) + 1;
                format!(
                    "subtype: strategy\nperiod: {{ start: {year}, end: {} }}\naxes:\n  - {{ id: a1, title: \"{todo}\", objectives: [{{ id: a1.1, title: \"{todo}\" }}] }}\naction_plan:\n  - {{ id: \"1.1.1\", axis: a1, objective: a1.1, action: \"{todo}\", lead: {owner}, start: \"{year}-Q1\", end: \"{year}-Q4\", priority: high }}\nresults:\n  - id: i1\n    level: impact\n    statement: \"{todo}\"\n    indicators:\n      - {{ id: ind-1, text: \"{todo}\", unit: number, baseline: null, baseline_note: \"{todo}\", targets: [{{ year: {}, value: 1 }}], source: \"{todo}\", frequency: annual, responsible: {owner} }}\n",
                    year + 4,
                    year + 4
                )
            },
            subtype: Some("strategy"),
        }
    }
}

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

pub const FIELDS: &[Field] = &[
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

const STRATEGY: &[Section] = &[
    s("foreword", "Foreword", "Préface", Recommended),
    s("summary", "Executive summary", "Résumé exécutif", Required),
    s("introduction", "Introduction", "Introduction", Required),
    s("situation", "Situation analysis", "Analyse de la situation", Required),
    s("vision", "Vision, mission and guiding principles", "Vision, mission et principes directeurs", Required),
    s("axes", "Strategic axes and objectives", "Axes stratégiques et objectifs", Generated),
    s("cross-cutting", "Cross-cutting issues", "Questions transversales", Required),
    s("institutional", "Institutional and coordination framework", "Cadre institutionnel et de coordination", Required),
    s("financing", "Financing and resource mobilisation", "Financement et mobilisation des ressources", Required),
    s("implementation", "Implementation and action plan", "Mise en œuvre et plan d'action", Required),
    s("monitoring", "Monitoring and evaluation framework", "Cadre de suivi-évaluation", Required),
    s("risks", "Risks and mitigation", "Risques et mesures d'atténuation", Recommended),
    s("annexes", "Annexes", "Annexes", Recommended),
];
