//! Writes a synthetic bilingual corpus for benchmarking relais against Hugo.
//!
//! ```text
//! cargo run --release --example gen_corpus -- --docs N --out DIR [--seed S] [--kinds]
//! ```
//!
//! Writes, deterministically from the seed (default 1):
//! - `DIR/relais/`: `site.yaml` and `content/` with N documents per language
//!   (`doc-NNNN.en.md` / `doc-NNNN.fr.md`) spread over `section-01`..`section-10`,
//!   a section page per section and language and a home page per language;
//! - `DIR/hugo/`: the same text in Hugo's layout (`content/en`, `content/fr`),
//!   with links rewritten to Hugo's output URLs, a `hugo.toml` and minimal layouts.
//!
//! With `--kinds`, half the documents are of the kinds relais checks and
//! lays out (one in ten each: SOPs with roles, steps, routes and a service
//! directory; modules with an agenda and materials; workplans with an action
//! plan and a timeline; briefs with recommendations; checklists with items
//! and a scale). Their front matter and skeleton sections come from the
//! valid examples of `tests/fixtures/kinds/valid` (titles, ids and slugs
//! made unique, links to documents outside the corpus dropped), followed by
//! the same generated prose as the plain pages; each is a folder
//! (`doc-NNNN/index.<lang>.md`) holding the files it names.
//!
//! `DIR/relais` and `DIR/hugo` are replaced whole if they exist. Only std is
//! used: the random numbers come from a splitmix64 generator.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const SECTIONS: usize = 10;

// ---------------------------------------------------------------------------
// Random numbers

/// splitmix64: tiny, fast, and good enough for picking words.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        let mut rng = Rng(seed ^ 0x5DEE_CE66_D1A4_F87B);
        rng.next_u64();
        rng
    }

    /// A generator of its own for one item (document, section), so that the
    /// text of one item does not depend on how many others came before it.
    fn for_item(seed: u64, stream: u64, item: u64) -> Self {
        Rng::new(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ stream.wrapping_mul(0xD1B5_4A32_D192_ED03) ^ item)
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// 0..n
    fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// lo..=hi
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

// ---------------------------------------------------------------------------
// Vocabulary: (English, French) pairs, so that both files of a document say
// the same thing.

type Pair = (&'static str, &'static str);

const SUBJECTS: &[Pair] = &[
    ("the caseworker", "le conseiller en insertion"),
    ("each reintegration centre", "chaque centre de réintégration"),
    ("the ministry focal point", "le point focal du ministère"),
    ("the diaspora association", "l'association de la diaspora"),
    ("the returnee", "la personne de retour"),
    ("the technical working group", "le groupe de travail technique"),
    ("the local authority", "la collectivité territoriale décentralisée"),
    ("the referral partner", "le partenaire de référencement"),
    ("the programme team", "l'équipe du programme"),
    ("the community leader", "le responsable communautaire"),
    ("the social worker", "le travailleur social"),
    ("the mentor from the diaspora", "le mentor issu de la diaspora"),
    ("the protection officer", "le chargé de protection"),
    ("the regional delegation", "la délégation régionale"),
];

const VERBS: &[Pair] = &[
    ("reviews", "examine"),
    ("documents", "documente"),
    ("coordinates", "coordonne"),
    ("supports", "appuie"),
    ("assesses", "évalue"),
    ("finances", "finance"),
    ("monitors", "suit"),
    ("validates", "valide"),
    ("records", "enregistre"),
    ("adapts", "adapte"),
    ("presents", "présente"),
    ("updates", "met à jour"),
];

const OBJECTS: &[Pair] = &[
    ("the reintegration plan", "le plan de réintégration"),
    ("the vulnerability assessment", "l'évaluation de la vulnérabilité"),
    ("the economic project", "le projet économique"),
    ("the referral pathway", "le circuit de référencement"),
    ("the psychosocial support", "l'appui psychosocial"),
    ("the remittance scheme", "le dispositif d'envois de fonds"),
    ("the remote mentoring arrangement", "le mentorat à distance"),
    ("the individual case file", "le dossier individuel"),
    ("the vocational training", "la formation professionnelle"),
    ("the community project", "le projet communautaire"),
    ("the safe migration message", "le message sur la migration sûre"),
    ("the monitoring report", "le rapport de suivi"),
    ("the skills transfer", "le transfert de compétences"),
    ("the co-investment agreement", "l'accord de co-investissement"),
];

const COMPLEMENTS: &[Pair] = &[
    ("within ten working days", "dans un délai de dix jours ouvrables"),
    ("before the return", "avant le retour"),
    ("in close cooperation with the ministry", "en étroite coopération avec le ministère"),
    ("with the informed consent of the person concerned", "avec le consentement éclairé de la personne concernée"),
    ("at the reintegration centre in Douala", "au centre de réintégration de Douala"),
    ("during the first three months", "pendant les trois premiers mois"),
    ("according to the standard operating procedure", "selon la procédure opérationnelle normalisée"),
    ("for women and girls in particular", "en particulier pour les femmes et les filles"),
    ("through the diaspora network", "grâce au réseau de la diaspora"),
    ("at the end of each quarter", "à la fin de chaque trimestre"),
    ("in Yaoundé and Bafoussam", "à Yaoundé et à Bafoussam"),
    ("without delay", "sans délai"),
    ("in the language the returnee prefers", "dans la langue que préfère la personne de retour"),
    ("with the support of IOM", "avec l'appui de l'OIM"),
];

const CONNECTORS: &[Pair] = &[
    ("In practice, ", "En pratique, "),
    ("As a rule, ", "En règle générale, "),
    ("Where possible, ", "Dans la mesure du possible, "),
    ("For this reason, ", "C'est pourquoi "),
    ("From the first interview, ", "Dès le premier entretien, "),
    ("In every region, ", "Dans chaque région, "),
];

const PRINCIPLES: &[Pair] = &[
    ("no assistance without informed consent", "aucune assistance sans consentement éclairé"),
    ("leave no one behind", "ne laisser personne de côté"),
    ("safety comes first", "la sécurité d'abord"),
    ("one file, one person, one follow-up", "un dossier, une personne, un suivi"),
    ("equal treatment of women and men", "l'égalité de traitement entre femmes et hommes"),
    ("nothing about returnees without returnees", "rien pour les personnes de retour sans elles"),
];

const HEADINGS: &[Pair] = &[
    ("Purpose", "Objet"),
    ("Scope", "Champ d'application"),
    ("Roles and responsibilities", "Rôles et responsabilités"),
    ("Procedure", "Procédure"),
    ("Eligibility criteria", "Critères d'éligibilité"),
    ("Monitoring and follow-up", "Suivi et accompagnement"),
    ("Gender considerations", "Prise en compte du genre"),
    ("Data protection", "Protection des données"),
    ("Budget and financing", "Budget et financement"),
    ("Key messages", "Messages clés"),
    ("Recommendations", "Recommandations"),
    ("Lessons learnt", "Enseignements tirés"),
    ("Risks and mitigation", "Risques et mesures d'atténuation"),
    ("Coordination", "Coordination"),
    ("Referral to specialised services", "Référencement vers les services spécialisés"),
    ("Role of the diaspora", "Rôle de la diaspora"),
];

const TOPICS: &[Pair] = &[
    ("Reintegration assistance", "Assistance à la réintégration"),
    ("Diaspora mentoring", "Mentorat de la diaspora"),
    ("Referral pathways", "Circuits de référencement"),
    ("Psychosocial support", "Appui psychosocial"),
    ("Review of economic projects", "Examen des projets économiques"),
    ("Remittance channels", "Canaux d'envois de fonds"),
    ("Vocational training", "Formation professionnelle"),
    ("Community reintegration", "Réintégration communautaire"),
    ("Return counselling", "Conseil au retour"),
    ("Case management", "Gestion des dossiers"),
];

const QUALIFIERS: &[Pair] = &[
    ("in Douala", "à Douala"),
    ("for women returnees", "pour les migrantes de retour"),
    ("in Yaoundé", "à Yaoundé"),
    ("at the reintegration centre", "au centre de réintégration"),
    ("with ministry partners", "avec les ministères partenaires"),
    ("for young returnees", "pour les jeunes de retour"),
    ("in the West region", "dans la région de l'Ouest"),
];

const SECTION_TOPICS: &[Pair] = &[
    ("Return counselling", "Conseil au retour"),
    ("Reception and arrival", "Accueil et arrivée"),
    ("Vulnerability assessment", "Évaluation de la vulnérabilité"),
    ("Economic reintegration", "Réintégration économique"),
    ("Social reintegration", "Réintégration sociale"),
    ("Psychosocial support", "Appui psychosocial"),
    ("Diaspora engagement", "Engagement de la diaspora"),
    ("Remittances and investment", "Envois de fonds et investissement"),
    ("Monitoring and evaluation", "Suivi et évaluation"),
    ("Coordination with ministries", "Coordination avec les ministères"),
];

const INSTITUTIONS: &[Pair] = &[
    ("MINAS", "MINAS"),
    ("MINPROFF", "MINPROFF"),
    ("MINJEC", "MINJEC"),
    ("MINEFOP", "MINEFOP"),
    ("MINREX", "MINREX"),
    ("IOM", "OIM"),
    ("Diaspora association", "Association de la diaspora"),
    ("Reintegration centre", "Centre de réintégration"),
    ("Municipality", "Commune"),
    ("Health centre", "Centre de santé"),
];

const TAGS: &[Pair] = &[
    ("reintegration", "réintégration"),
    ("diaspora", "diaspora"),
    ("remittances", "envois-de-fonds"),
    ("mentoring", "mentorat"),
    ("gender", "genre"),
    ("referral", "référencement"),
    ("psychosocial", "psychosocial"),
    ("training", "formation"),
    ("returnees", "personnes-de-retour"),
    ("protection", "protection"),
];

const LINK_TEXTS: &[Pair] = &[
    ("the related procedure", "la procédure associée"),
    ("the corresponding brief", "la note correspondante"),
    ("the section on follow-up", "la partie consacrée au suivi"),
    ("the checklist for centres", "la liste de contrôle des centres"),
    ("the orientation module", "le module d'orientation"),
];

/// Plain pages: each other kind requires its own fields and sections
/// (DOCUMENT-KINDS.md), which a random corpus does not have; the Hugo side
/// renders pages alike.
const KINDS: &[&str] = &["page"];

/// A document of a kind: its files in both languages (from the valid
/// examples), and the files beside them.
struct KindTemplate {
    en: &'static str,
    fr: &'static str,
    companions: &'static [(&'static str, &'static str)],
}

macro_rules! example {
    ($path:literal) => {
        include_str!(concat!("../tests/fixtures/kinds/valid/content/", $path))
    };
}

const KIND_TEMPLATES: &[KindTemplate] = &[
    KindTemplate {
        en: example!("sops/procedures/index.en.md"),
        fr: example!("sops/procedures/index.fr.md"),
        companions: &[
            ("services.csv", example!("sops/procedures/services.csv")),
            ("consent-form.txt", example!("sops/procedures/consent-form.txt")),
            ("referral-form.txt", example!("sops/procedures/referral-form.txt")),
        ],
    },
    KindTemplate {
        en: example!("modules/referral-orientation/index.en.md"),
        fr: example!("modules/referral-orientation/index.fr.md"),
        companions: &[
            ("evaluation-form.txt", example!("modules/referral-orientation/evaluation-form.txt")),
            ("handout-referral.txt", example!("modules/referral-orientation/handout-referral.txt")),
            ("post-test.txt", example!("modules/referral-orientation/post-test.txt")),
            ("pre-test.txt", example!("modules/referral-orientation/pre-test.txt")),
        ],
    },
    KindTemplate {
        en: example!("strategy/annual-workplan.en.md"),
        fr: example!("strategy/annual-workplan.fr.md"),
        companions: &[],
    },
    KindTemplate {
        en: example!("briefs/referral-services.en.md"),
        fr: example!("briefs/referral-services.fr.md"),
        companions: &[],
    },
    KindTemplate {
        en: example!("checklists/gender-centre.en.md"),
        fr: example!("checklists/gender-centre.fr.md"),
        companions: &[],
    },
];

/// Front matter keys that point at documents of the examples, not of the corpus.
const LINK_KEYS: &[&str] =
    &["related", "informed_by", "parts", "template", "validation", "feeds_into", "slug", "source_version"];

/// The template of document `doc` with `--kinds`: every other document, in turn.
fn kind_of(doc: usize) -> Option<&'static KindTemplate> {
    if doc % 10 < KIND_TEMPLATES.len() { Some(&KIND_TEMPLATES[doc % 10]) } else { None }
}

/// An example document made into one of the corpus: its own title and
/// `doc_id`, no links outside the corpus, then the generated text.
fn from_template(template: &str, title: &str, number: usize, body: &str) -> String {
    let text = template.strip_prefix("---\n").unwrap_or(template);
    let (front, rest) = text.split_once("\n---\n").unwrap_or((text, ""));
    let mut out = String::from("---\n");
    let mut skipping = false;
    for line in front.lines() {
        let top = !line.starts_with(' ') && !line.starts_with('-');
        if top {
            let key = line.split(':').next().unwrap_or("");
            skipping = LINK_KEYS.contains(&key);
            if skipping {
                continue;
            }
            if key == "title" {
                let _ = writeln!(out, "title: {}", quoted(title));
                continue;
            }
            if key == "doc_id" {
                let _ = writeln!(out, "doc_id: \"RRR-SOP-{number:05}\"");
                continue;
            }
            if key == "length" {
                // The generated text makes it longer than the example.
                out.push_str("length: { pages: [1, 12] }\n");
                continue;
            }
        } else if skipping || ["refs:", "source:"].iter().any(|k| line.trim_start().starts_with(k)) {
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out.push_str("---\n");
    out.push_str(&unlinked(rest));
    out.push_str("\n\n");
    out.push_str(body);
    out
}

/// Markdown links to other documents replaced by their text.
fn unlinked(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        let Some(close) = rest[open..].find("](").map(|i| open + i) else { break };
        let Some(end) = rest[close..].find(')').map(|i| close + i) else { break };
        let target = &rest[close + 2..end];
        if target.contains(".md") && !rest[open + 1..close].contains('[') {
            out.push_str(&rest[..open]);
            out.push_str(&rest[open + 1..close]);
        } else {
            out.push_str(&rest[..=end]);
        }
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}

const CENTRES: &[&str] = &["Douala", "Yaoundé", "Bafoussam", "Garoua", "Bamenda"];
const STEPS: &[&str] = &["assessment", "counselling", "referral", "training", "grant", "follow_up"];

// ---------------------------------------------------------------------------
// Text in both languages at once

#[derive(Default, Clone)]
struct Bi {
    en: String,
    fr: String,
}

impl Bi {
    fn push(&mut self, en: &str, fr: &str) {
        self.en.push_str(en);
        self.fr.push_str(fr);
    }

    fn push_both(&mut self, s: &str) {
        self.push(s, s);
    }

    fn append(&mut self, other: &Bi) {
        self.push(&other.en, &other.fr);
    }

    /// Words of both languages, averaged (French runs about 17 % longer
    /// than English).
    fn words(&self) -> usize {
        (count_words(&self.en) + count_words(&self.fr)) / 2
    }
}

fn count_words(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| !w.starts_with("{#") && !w.starts_with("[^") && w.chars().any(char::is_alphanumeric))
        .count()
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn cap(pair: Pair) -> (String, String) {
    (capitalize(pair.0), capitalize(pair.1))
}

/// One sentence, ending with a space.
fn sentence(rng: &mut Rng) -> Bi {
    let mut s = Bi::default();
    let subject = rng.pick(SUBJECTS);
    let verb = rng.pick(VERBS);
    let object = rng.pick(OBJECTS);
    let complement = rng.pick(COMPLEMENTS);
    match rng.below(10) {
        0 => {
            let principle = rng.pick(PRINCIPLES);
            let (se, sf) = cap(subject);
            s.en = format!("{se} recalls the principle: \"{}\". ", principle.0);
            s.fr = format!("{sf} rappelle le principe : « {} ». ", principle.1);
        }
        1 | 2 => {
            let n = rng.range(12, 480);
            let (se, sf) = cap(subject);
            s.en = format!("{se} {} {} for {n} returnees {}. ", verb.0, object.0, complement.0);
            s.fr = format!("{sf} {} {} pour {n} personnes de retour {}. ", verb.1, object.1, complement.1);
        }
        3..=5 => {
            let connector = rng.pick(CONNECTORS);
            s.en = format!("{}{} {} {} {}. ", connector.0, subject.0, verb.0, object.0, complement.0);
            s.fr = format!("{}{} {} {} {}. ", connector.1, subject.1, verb.1, object.1, complement.1);
        }
        6 => {
            let (first, second) = (rng.pick(OBJECTS), rng.pick(OBJECTS));
            let (oe, of) = cap(object);
            s.en = format!("{oe} has two parts: {} and {}. ", first.0, second.0);
            s.fr = format!("{of} comporte deux volets : {} et {}. ", first.1, second.1);
        }
        _ => {
            let (se, sf) = cap(subject);
            s.en = format!("{se} {} {} {}. ", verb.0, object.0, complement.0);
            s.fr = format!("{sf} {} {} {}. ", verb.1, object.1, complement.1);
        }
    }
    s
}

/// Sentences adding up to about `quota` words (at least one).
fn sentences(rng: &mut Rng, quota: usize) -> Bi {
    let mut text = Bi::default();
    let mut words = 0;
    loop {
        let next = sentence(rng);
        let next_words = next.words();
        if words > 0 && words + next_words / 2 > quota {
            break;
        }
        text.append(&next);
        words += next_words;
    }
    text.en.truncate(text.en.trim_end().len());
    text.fr.truncate(text.fr.trim_end().len());
    text
}

// ---------------------------------------------------------------------------
// The corpus

struct Corpus {
    docs: usize,
    seed: u64,
    width: usize,
    /// Number of headings of each document, so that anchors point at
    /// headings that exist.
    headings: Vec<usize>,
    /// Half the documents are of a kind (`--kinds`), each in a folder.
    kinds: bool,
}

/// Where a link goes: a document and maybe a heading.
struct Target {
    doc: usize,
    heading: Option<usize>,
}

impl Corpus {
    fn new(docs: usize, seed: u64) -> Self {
        let width = docs.to_string().len().max(4);
        let headings = (0..docs).map(|d| Rng::for_item(seed, 1, d as u64).range(4, 8)).collect();
        Corpus { docs, seed, width, headings, kinds: false }
    }

    fn section_of(&self, doc: usize) -> usize {
        doc % SECTIONS + 1
    }

    fn name(&self, doc: usize) -> String {
        format!("doc-{:0w$}", doc + 1, w = self.width)
    }

    fn section_dir(section: usize) -> String {
        format!("section-{section:02}")
    }

    /// A document of the same section other than `doc`, if there is one.
    fn same_section(&self, rng: &mut Rng, doc: usize) -> usize {
        let in_section = self.docs.saturating_sub(doc % SECTIONS).div_ceil(SECTIONS);
        if in_section < 2 {
            return self.other_doc(rng, doc);
        }
        loop {
            let other = doc % SECTIONS + SECTIONS * rng.below(in_section);
            if other != doc {
                return other;
            }
        }
    }

    /// A document of another section if there is one, else any other document.
    fn other_section(&self, rng: &mut Rng, doc: usize) -> usize {
        if self.docs <= 1 {
            return doc;
        }
        for _ in 0..64 {
            let other = rng.below(self.docs);
            if self.section_of(other) != self.section_of(doc) {
                return other;
            }
        }
        self.other_doc(rng, doc)
    }

    fn other_doc(&self, rng: &mut Rng, doc: usize) -> usize {
        if self.docs <= 1 {
            return doc;
        }
        (doc + 1 + rng.below(self.docs - 1)) % self.docs
    }

    /// Whether document `doc` is of a kind, in a folder of its own.
    fn kind(&self, doc: usize) -> Option<&'static KindTemplate> {
        if self.kinds { kind_of(doc) } else { None }
    }

    /// The link as relais wants it: the source file, relative to `from`.
    fn relais_link(&self, from: usize, to: &Target) -> String {
        let up = if self.kind(from).is_some() { "../" } else { "" };
        let file = if self.kind(to.doc).is_some() { "/index.md" } else { ".md" };
        let mut dest = if self.section_of(from) == self.section_of(to.doc) {
            format!("{up}{}{file}", self.name(to.doc))
        } else {
            format!("{up}../{}/{}{file}", Self::section_dir(self.section_of(to.doc)), self.name(to.doc))
        };
        if let Some(h) = to.heading {
            let _ = write!(dest, "#h-{h}");
        }
        dest
    }

    /// The link as Hugo publishes it: the output URL, relative to the page
    /// `/<lang>/section-XX/doc-NNNN/`.
    fn hugo_link(&self, from: usize, to: &Target) -> String {
        let mut dest = if self.section_of(from) == self.section_of(to.doc) {
            format!("../{}/", self.name(to.doc))
        } else {
            format!("../../{}/{}/", Self::section_dir(self.section_of(to.doc)), self.name(to.doc))
        };
        if let Some(h) = to.heading {
            let _ = write!(dest, "#h-{h}");
        }
        dest
    }
}

/// One document in both languages: front matter fields and a body whose
/// link destinations are placeholders `@@LINKi@@`.
struct Doc {
    title: Bi,
    summary: Bi,
    kind: &'static str,
    date: String,
    tags: (Vec<&'static str>, Vec<&'static str>),
    weight: usize,
    body: Bi,
    targets: Vec<Target>,
}

fn generate_doc(corpus: &Corpus, doc: usize) -> Doc {
    let mut rng = Rng::for_item(corpus.seed, 2, doc as u64);
    let heading_count = corpus.headings[doc];
    let number = doc + 1;

    // Front matter.
    let topic = rng.pick(TOPICS);
    let qualifier = rng.pick(QUALIFIERS);
    let title = Bi {
        en: format!("{} {} (no. {number})", topic.0, qualifier.0),
        fr: format!("{} {} (n° {number})", topic.1, qualifier.1),
    };
    let summary = sentences(&mut rng, 14);
    let kind = rng.pick(KINDS);
    let date = format!("{}-{:02}-{:02}", rng.range(2023, 2025), rng.range(1, 12), rng.range(1, 28));
    let mut tag_indexes: Vec<usize> = Vec::new();
    let tag_count = rng.range(2, 4);
    while tag_indexes.len() < tag_count {
        let t = rng.below(TAGS.len());
        if !tag_indexes.contains(&t) {
            tag_indexes.push(t);
        }
    }
    let tags = (tag_indexes.iter().map(|&t| TAGS[t].0).collect(), tag_indexes.iter().map(|&t| TAGS[t].1).collect());
    // Averaged over both languages; with French about 17 % longer than
    // English, both files land within 600-900 words.
    let target_words = rng.range(700, 800);

    // Links: one in the same section, one in another section, one with an
    // anchor to a heading of its target.
    let same = corpus.same_section(&mut rng, doc);
    let other = corpus.other_section(&mut rng, doc);
    let anchored =
        if rng.chance(50) { corpus.other_section(&mut rng, doc) } else { corpus.same_section(&mut rng, doc) };
    let anchor = rng.range(1, corpus.headings[anchored]);
    let targets = vec![
        Target { doc: same, heading: None },
        Target { doc: other, heading: None },
        Target { doc: anchored, heading: Some(anchor) },
    ];

    // Structure: headings and the fixed blocks under them.
    let mut heading_topics: Vec<usize> = Vec::new();
    while heading_topics.len() < heading_count {
        let h = rng.below(HEADINGS.len());
        if !heading_topics.contains(&h) {
            heading_topics.push(h);
        }
    }
    let mut blocks_after: Vec<Bi> = vec![Bi::default(); heading_count];
    let mut paragraphs_under: Vec<usize> = Vec::with_capacity(heading_count);
    let mut levels: Vec<usize> = Vec::with_capacity(heading_count);
    for h in 0..heading_count {
        levels.push(if h == 0 || levels[h - 1] == 3 || !rng.chance(35) { 2 } else { 3 });
        paragraphs_under.push(rng.range(1, 2));
    }

    // Bullet list under the first heading.
    let mut list = Bi::default();
    let items = rng.range(3, 6);
    for i in 1..=items {
        let (oe, of) = cap(rng.pick(OBJECTS));
        let c = rng.pick(COMPLEMENTS);
        let (end_en, end_fr) = if i == items { (".", ".") } else { (";", " ;") };
        list.en += &format!("- {oe} {}{end_en}\n", c.0);
        list.fr += &format!("- {of} {}{end_fr}\n", c.1);
    }
    list.push_both("\n");
    blocks_after[0] = list;

    // Numbered list under the second heading.
    let mut steps = Bi::default();
    for i in 1..=rng.range(3, 6) {
        let (se, sf) = cap(rng.pick(SUBJECTS));
        let v = rng.pick(VERBS);
        let o = rng.pick(OBJECTS);
        steps.en += &format!("{i}. {se} {} {}.\n", v.0, o.0);
        steps.fr += &format!("{i}. {sf} {} {}.\n", v.1, o.1);
    }
    steps.push_both("\n");
    blocks_after[1] = steps;

    // Table under the third heading.
    let mut table = Bi::default();
    table.push("| Step | Responsible | Deadline | Output |\n", "| Étape | Responsable | Délai | Résultat |\n");
    table.push_both("| ---: | --- | ---: | --- |\n");
    for i in 1..=rng.range(5, 10) {
        let inst = rng.pick(INSTITUTIONS);
        let days = rng.range(2, 60);
        let (oe, of) = cap(rng.pick(OBJECTS));
        table.en += &format!("| {i} | {} | {days} days | {oe} |\n", inst.0);
        table.fr += &format!("| {i} | {} | {days} jours | {of} |\n", inst.1);
    }
    table.push_both("\n");
    blocks_after[2] = table;

    // A code block in every third document, under the fourth heading.
    if doc.is_multiple_of(3) {
        let centre = rng.pick(CENTRES);
        let year = rng.range(2024, 2026);
        let case = rng.range(1, 99_999);
        let budget = rng.range(100, 900) * 1000;
        let mut chosen: Vec<&str> = Vec::new();
        for _ in 0..rng.range(2, 4) {
            let s = rng.pick(STEPS);
            if !chosen.contains(&s) {
                chosen.push(s);
            }
        }
        let mut code = Bi::default();
        if doc.is_multiple_of(2) {
            code.push("```yaml\n# Case record (illustrative)\n", "```yaml\n# Fiche de suivi (exemple)\n");
            let mut rest = format!("case_id: RRR-{year}-{case:05}\ncentre: {centre}\nsteps:\n");
            for s in &chosen {
                let _ = writeln!(rest, "  - {s}");
            }
            let _ = write!(rest, "budget_xaf: {budget}\nconsent: true\n```\n\n");
            code.push_both(&rest);
        } else {
            let list = chosen.iter().map(|s| format!("\"{s}\"")).collect::<Vec<_>>().join(", ");
            code.push_both(&format!(
                "```json\n{{\n  \"case_id\": \"RRR-{year}-{case:05}\",\n  \"centre\": \"{centre}\",\n  \"steps\": [{list}],\n  \"budget_xaf\": {budget},\n  \"consent\": true\n}}\n```\n\n"
            ));
        }
        blocks_after[3] = code;
    }

    // Headings.
    let headings: Vec<Bi> = (0..heading_count)
        .map(|h| {
            let hashes = "#".repeat(levels[h]);
            let text = HEADINGS[heading_topics[h]];
            Bi {
                en: format!("{hashes} {} {{#h-{}}}\n\n", text.0, h + 1),
                fr: format!("{hashes} {} {{#h-{}}}\n\n", text.1, h + 1),
            }
        })
        .collect();

    // Prose: what the fixed parts leave of the word budget, shared out over
    // the paragraphs as they are written, so that the total lands close to
    // the target.
    let link_and_footnote_words = 3 * 8 + 10;
    let mut fixed_left: usize =
        headings.iter().chain(&blocks_after).map(Bi::words).sum::<usize>() + link_and_footnote_words;
    let mut paragraphs_left = 1 + paragraphs_under.iter().sum::<usize>();
    let mut body = Bi::default();
    let quota = |body: &Bi, fixed_left: usize, paragraphs_left: usize| {
        target_words.saturating_sub(body.words() + fixed_left) / paragraphs_left.max(1)
    };

    let q = quota(&body, fixed_left, paragraphs_left);
    body.append(&sentences(&mut rng, q));
    body.push_both("\n\n");
    paragraphs_left -= 1;
    for h in 0..heading_count {
        fixed_left -= headings[h].words();
        body.append(&headings[h]);
        for p in 0..paragraphs_under[h] {
            let q = quota(&body, fixed_left, paragraphs_left);
            let mut paragraph = sentences(&mut rng, q);
            if p == 0 && h < targets.len() {
                let text = rng.pick(LINK_TEXTS);
                if rng.chance(50) {
                    paragraph.en += &format!(" See [{}](@@LINK{h}@@) for details.", text.0);
                    paragraph.fr += &format!(" Voir [{}](@@LINK{h}@@) pour plus de détails.", text.1);
                } else {
                    paragraph.en += &format!(" This point is developed in [{}](@@LINK{h}@@).", text.0);
                    paragraph.fr += &format!(" Ce point est développé dans [{}](@@LINK{h}@@).", text.1);
                }
                fixed_left = fixed_left.saturating_sub(8);
            }
            if p == 0 && h == heading_count - 1 {
                paragraph.push_both("[^1]");
            }
            body.append(&paragraph);
            body.push_both("\n\n");
            paragraphs_left -= 1;
        }
        fixed_left = fixed_left.saturating_sub(blocks_after[h].words());
        body.append(&blocks_after[h]);
    }
    let source_year = rng.range(2019, 2025);
    body.en += &format!("[^1]: Source: programme monitoring data, {source_year}; figures are illustrative.\n");
    body.fr +=
        &format!("[^1]: Source : données de suivi du programme, {source_year} ; chiffres donnés à titre d'exemple.\n");

    Doc { title, summary, kind, date, tags, weight: number, body, targets }
}

// ---------------------------------------------------------------------------
// Writing

struct Writer {
    files: usize,
}

impl Writer {
    fn write(&mut self, path: &Path, text: &str) -> std::io::Result<()> {
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(path, text)?;
        self.files += 1;
        Ok(())
    }
}

/// A YAML double-quoted string.
fn quoted(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn tag_list(tags: &[&str]) -> String {
    format!("[{}]", tags.iter().map(|t| quoted(t)).collect::<Vec<_>>().join(", "))
}

fn front_matter(title: &str, summary: &str, extra: &str) -> String {
    format!("---\ntitle: {}\nsummary: {}\n{extra}---\n\n", quoted(title), quoted(summary))
}

fn with_links(body: &str, links: &[String]) -> String {
    let mut out = body.to_owned();
    for (i, link) in links.iter().enumerate() {
        out = out.replace(&format!("@@LINK{i}@@"), link);
    }
    out
}

const HUGO_BASEOF: &str = r#"<!doctype html>
<html lang="{{ .Language.Lang }}">
<head>
<meta charset="utf-8">
<title>{{ .Title }} · {{ site.Title }}</title>
</head>
<body>
<header><a href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a></header>
<main>
{{ block "main" . }}{{ end }}
</main>
</body>
</html>
"#;

const HUGO_SINGLE: &str = r#"{{ define "main" }}
<article class="document kind-{{ .Params.kind }}">
<h1>{{ .Title }}</h1>
{{ .Content }}
</article>
{{ end }}
"#;

const HUGO_LIST: &str = r#"{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
<ul>
{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{ end }}</ul>
{{ end }}
"#;

fn run(docs: usize, out: &Path, seed: u64, kinds: bool) -> std::io::Result<usize> {
    let relais = out.join("relais");
    let hugo = out.join("hugo");
    for dir in [&relais, &hugo] {
        if dir.exists() {
            fs::remove_dir_all(dir)?;
        }
    }
    let mut w = Writer { files: 0 };
    let mut corpus = Corpus::new(docs, seed);
    corpus.kinds = kinds;
    let langs = ["en", "fr"];
    let pick = |bi: &Bi, lang: &str| if lang == "en" { bi.en.clone() } else { bi.fr.clone() };

    // Site configuration.
    w.write(&relais.join("site.yaml"), "title: { en: \"Bench\", fr: \"Banc d'essai\" }\nlanguages: [en, fr]\n")?;
    w.write(
        &hugo.join("hugo.toml"),
        r#"baseURL = "/"
title = "Bench"
defaultContentLanguage = "en"
defaultContentLanguageInSubdir = true
disableKinds = ["taxonomy", "term", "RSS", "sitemap"]
buildFuture = true

[languages.en]
contentDir = "content/en"
label = "English"
title = "Bench"
weight = 1

[languages.fr]
contentDir = "content/fr"
label = "Français"
title = "Banc d'essai"
weight = 2

[markup.highlight]
noClasses = false
"#,
    )?;
    let layouts = hugo.join("layouts");
    w.write(&layouts.join("_default/baseof.html"), HUGO_BASEOF)?;
    w.write(&layouts.join("_default/single.html"), HUGO_SINGLE)?;
    w.write(&layouts.join("_default/list.html"), HUGO_LIST)?;
    w.write(&layouts.join("index.html"), HUGO_LIST)?;

    // Home pages.
    let mut home_rng = Rng::for_item(seed, 3, 0);
    let intro = sentences(&mut home_rng, 60);
    let mut home = Bi::default();
    home.append(&intro);
    home.push_both("\n\n");
    home.push("## Sections {#sections}\n\n", "## Sections {#sections}\n\n");
    let home_summary = sentences(&mut home_rng, 14);
    for lang in langs {
        let en = lang == "en";
        let title = if en { "Benchmark corpus" } else { "Corpus du banc d'essai" };
        let mut relais_body = pick(&home, lang);
        let mut hugo_body = relais_body.clone();
        for s in 1..=SECTIONS {
            let topic = SECTION_TOPICS[s - 1];
            let name = if en { topic.0 } else { topic.1 };
            let dir = Corpus::section_dir(s);
            let _ = writeln!(relais_body, "- [{name}]({dir}/_index.md)");
            let _ = writeln!(hugo_body, "- [{name}]({dir}/)");
        }
        let fm = front_matter(title, &pick(&home_summary, lang), "");
        w.write(&relais.join(format!("content/_index.{lang}.md")), &format!("{fm}{relais_body}"))?;
        w.write(&hugo.join(format!("content/{lang}/_index.md")), &format!("{fm}{hugo_body}"))?;
    }

    // Section pages.
    for s in 1..=SECTIONS {
        let mut rng = Rng::for_item(seed, 4, s as u64);
        let topic = SECTION_TOPICS[s - 1];
        let summary = sentences(&mut rng, 14);
        let text = sentences(&mut rng, 80);
        let dir = Corpus::section_dir(s);
        for lang in langs {
            let title = if lang == "en" { topic.0 } else { topic.1 };
            let fm = front_matter(title, &pick(&summary, lang), &format!("weight: {s}\n"));
            let body = format!("{fm}{}\n", pick(&text, lang));
            w.write(&relais.join(format!("content/{dir}/_index.{lang}.md")), &body)?;
            w.write(&hugo.join(format!("content/{lang}/{dir}/_index.md")), &body)?;
        }
    }

    // Documents.
    for d in 0..docs {
        let doc = generate_doc(&corpus, d);
        let dir = Corpus::section_dir(corpus.section_of(d));
        let name = corpus.name(d);
        let relais_links: Vec<String> = doc.targets.iter().map(|t| corpus.relais_link(d, t)).collect();
        let hugo_links: Vec<String> = doc.targets.iter().map(|t| corpus.hugo_link(d, t)).collect();
        if let Some(template) = corpus.kind(d) {
            let folder = relais.join(format!("content/{dir}/{name}"));
            for (file, text) in template.companions {
                w.write(&folder.join(file), text)?;
            }
            for lang in langs {
                let title = pick(&doc.title, lang);
                // Tables of a kind's document say where their figures come from.
                let line = if lang == "en" { "Source: illustrative data." } else { "Source : données d'exemple." };
                let body = pick(&doc.body, lang).replace("|\n\n", &format!("|\n\n{line}\n\n"));
                let source = if lang == "en" { template.en } else { template.fr };
                let relais_text = from_template(source, &title, d + 1, &with_links(&body, &relais_links));
                w.write(&folder.join(format!("index.{lang}.md")), &relais_text)?;
                let hugo_text = from_template(source, &title, d + 1, &with_links(&body, &hugo_links));
                w.write(&hugo.join(format!("content/{lang}/{dir}/{name}/index.md")), &hugo_text)?;
            }
            continue;
        }
        for lang in langs {
            let tags = if lang == "en" { &doc.tags.0 } else { &doc.tags.1 };
            let extra =
                format!("kind: {}\ndate: {}\ntags: {}\nweight: {}\n", doc.kind, doc.date, tag_list(tags), doc.weight);
            let fm = front_matter(&pick(&doc.title, lang), &pick(&doc.summary, lang), &extra);
            let body = pick(&doc.body, lang);
            w.write(
                &relais.join(format!("content/{dir}/{name}.{lang}.md")),
                &format!("{fm}{}", with_links(&body, &relais_links)),
            )?;
            w.write(
                &hugo.join(format!("content/{lang}/{dir}/{name}.md")),
                &format!("{fm}{}", with_links(&body, &hugo_links)),
            )?;
        }
    }
    Ok(w.files)
}

const USAGE: &str = "usage: gen_corpus --docs N --out DIR [--seed S] [--kinds]\n\
    Writes N documents per language (en, fr) to DIR/relais and the same content to DIR/hugo;\n\
    with --kinds, half of them are SOPs, modules, workplans, briefs and checklists.";

fn parse_args() -> Result<(usize, PathBuf, u64, bool), String> {
    let mut docs = None;
    let mut kinds = false;
    let mut out = None;
    let mut seed = 1u64;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let (name, inline) = match arg.split_once('=') {
            Some((n, v)) => (n.to_owned(), Some(v.to_owned())),
            None => (arg.clone(), None),
        };
        if name == "-h" || name == "--help" {
            return Err(String::new());
        }
        if name == "--kinds" {
            kinds = true;
            continue;
        }
        let mut value = || inline.clone().or_else(|| args.next()).ok_or(format!("{name} needs a value"));
        match name.as_str() {
            "--docs" => docs = Some(value()?.parse::<usize>().map_err(|e| format!("--docs: {e}"))?),
            "--out" => out = Some(PathBuf::from(value()?)),
            "--seed" => seed = value()?.parse::<u64>().map_err(|e| format!("--seed: {e}"))?,
            _ => return Err(format!("unknown argument `{arg}`")),
        }
    }
    let docs = docs.ok_or("--docs is required")?;
    if docs == 0 {
        return Err("--docs must be at least 1".to_owned());
    }
    Ok((docs, out.ok_or("--out is required")?, seed, kinds))
}

fn main() -> ExitCode {
    let (docs, out, seed, kinds) = match parse_args() {
        Ok(args) => args,
        Err(message) => {
            if message.is_empty() {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            eprintln!("gen_corpus: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(docs, &out, seed, kinds) {
        Ok(files) => {
            println!(
                "{files} files written to {} ({docs} documents per language, {} pages per tool, seed {seed})",
                out.display(),
                docs * 2
            );
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("gen_corpus: {err}");
            ExitCode::FAILURE
        }
    }
}
