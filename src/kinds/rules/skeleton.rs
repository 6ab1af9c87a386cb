//! The sections each kind is expected to have, by heading id, with their
//! headings in both languages (DOCUMENT-KINDS.md 3.4, 5.3, 6.5, 8.4).

use super::Rules;

/// When a section is expected.
#[derive(Debug, Clone, Copy)]
pub enum Need {
    /// Missing: error.
    Required,
    /// Missing: warning.
    Recommended,
    /// Required for these subtypes, recommended otherwise.
    RequiredFor(&'static [&'static str]),
    /// Required when the document is expected to run to 8 pages or more.
    RequiredWhenLong,
    /// Written by the generator from the front matter: not looked for.
    Generated,
}

#[derive(Debug, Clone, Copy)]
pub struct Section {
    pub id: &'static str,
    pub en: &'static str,
    pub fr: &'static str,
    pub need: Need,
}

impl Section {
    /// Some(true) if required, Some(false) if recommended, None if not looked for.
    pub(super) fn required(&self, rules: &Rules<'_, '_>) -> Option<bool> {
        match self.need {
            Need::Required => Some(true),
            Need::Recommended => Some(false),
            Need::RequiredFor(subtypes) => Some(rules.subtype().is_some_and(|s| subtypes.contains(&s))),
            Need::RequiredWhenLong => {
                Some(crate::kinds::brief::rules::expected_pages(rules).is_some_and(|(_, max)| max >= 8))
            }
            Need::Generated => None,
        }
    }
}

pub const fn s(id: &'static str, en: &'static str, fr: &'static str, need: Need) -> Section {
    Section { id, en, fr, need }
}

use Need::{Generated, Recommended, Required, RequiredFor};

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

/// The sections expected of a document of `kind` and `subtype`, if the kind has a skeleton.
pub fn skeleton_for(kind: &str, subtype: Option<&str>) -> Option<&'static [Section]> {
    match (kind, subtype) {
        ("sop", _) => Some(SOP),
        ("strategy", Some("strategy")) => Some(STRATEGY),
        ("report", Some(s)) if crate::kinds::schema::EVENT_SUBTYPES.contains(&s) => Some(EVENT_REPORT),
        ("report", Some("research" | "mapping")) => Some(STUDY_REPORT),
        _ => None,
    }
}
