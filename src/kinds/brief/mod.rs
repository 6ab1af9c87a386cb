//! Policy briefs and notes (DOCUMENT-KINDS.md section 5).

pub(super) mod rules;
mod view;

use super::rules::Rules;
use super::rules::skeleton::{Need::*, Section, s};
use super::schema::*;
use super::spec::{Draft, DraftText, KindSpec, TODO};
use super::view::ViewContext;

pub struct Brief;

impl KindSpec for Brief {
    fn fields(&self) -> &'static [Field] {
        FIELDS
    }

    fn skeleton(&self, _subtype: Option<&str>) -> Option<&'static [Section]> {
        Some(SECTIONS)
    }

    fn check(&self, r: &mut Rules<'_, '_>) {
        rules::check(r);
    }

    fn shows_block_after(&self, heading_id: &str) -> bool {
        heading_id == "recommendations"
    }

    fn view(&self, cx: &ViewContext<'_>) -> Option<serde_json::Value> {
        Some(view::view(cx))
    }

    fn draft(&self, d: &Draft<'_>) -> DraftText {
        let (todo, owner) = (TODO, d.owner);
        DraftText {
            title: d.t("New policy brief", "Nouvelle note d'orientation"),
            fields: format!(
                "subtype: policy-brief\nkey_messages: [\"{todo}\", \"{todo}\", \"{todo}\"]\nrecommendations:\n  - {{ id: r1, text: \"{todo}\", to: [{owner}], horizon: short, priority: high }}\n"
            ),
            subtype: None,
        }
    }
}

pub const FIELDS: &[Field] = &[
    req(
        "subtype",
        Ty::Choice(&[
            "policy-brief",
            "analytical-note",
            "strategic-note",
            "integration-note",
            "concept-note",
            "guidance-note",
        ]),
        "The kind of brief; sets the expected length.",
    ),
    req("key_messages", TEXTS, "Three to five messages that can be read alone."),
    opt("recommendations", RECOMMENDATIONS, "Recommendations with their addressees."),
    opt("length", LENGTH, "Expected length; defaults from the subtype."),
    rec(
        "references",
        Ty::Either(&[
            Ty::File,
            Ty::List(&Ty::Object(&[
                req("id", Ty::Id, "Id used to cite it."),
                req("text", Ty::Text, "The reference."),
                opt("url", Ty::Plain, "Where to find it."),
            ])),
        ]),
        "References: rows, or a CSL-JSON file of the bundle.",
    ),
    opt("geography", TEXTS, "Places the brief is about."),
];

const SECTIONS: &[Section] = &[
    s("key-messages", "Key messages", "Messages clés", Generated),
    s("summary", "Summary", "Résumé", RequiredWhenLong),
    s("introduction", "Introduction and context", "Introduction et contexte", Required),
    s("analysis", "Findings and analysis", "Constats et analyse", Required),
    s("options", "Policy options", "Options de politique publique", Recommended),
    s("recommendations", "Recommendations", "Recommandations", Required),
    s("conclusion", "Conclusion", "Conclusion", Recommended),
    s("references", "References", "Références", Recommended),
    s("method", "How this brief was prepared", "Méthodologie", Recommended),
];
