//! The front matter of every kind as one table of fields (DOCUMENT-KINDS.md).
//!
//! The same table drives three things: which names are known (unknown ones
//! are rejected with the nearest known name), the type checks of
//! [`super::validate`], and the JSON Schema that `relais schema` prints for
//! editors ([`super::json_schema`]). Requirements that depend on the status
//! or the subtype ("E from `validated`") are not in the table: the kind's own
//! rules in `super::rules` check them.

use crate::model::fields::{KINDS, STATUSES};

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
    crate::model::Kind::parse(kind).map_or(&[], |kind| super::spec::spec(kind).fields())
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
