//! Parsed bodies -> HTML. Each transform works on Markdown events: links get
//! their resolved URLs, `:::` containers and GitHub alerts become asides,
//! code is highlighted, footnotes move to the end, French prose gets its
//! spacing. This stage never sees Tera or the file system.

mod body;
pub mod components;
pub mod highlight;

pub use body::render_body;

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;

use pulldown_cmark::{BlockQuoteKind, CowStr, Event, Tag, TagEnd};

use crate::format::typography;
use crate::html::Writer;
use crate::i18n::Labels;
use crate::model::{Block, Body};
use crate::resolve::print::PrintBundle;
use crate::resolve::{LinkTarget, Page, ResolvedLink, Site, urls};
pub use highlight::Highlighter;

pub struct RenderContext<'a> {
    pub lang: &'a str,
    pub links: &'a [ResolvedLink],
    /// The output path of the file the body is written into, which links
    /// are made relative to.
    pub from: &'a str,
    pub pages: &'a [Page],
    /// Set when the body is one part of a print bundle.
    pub scope: Option<&'a PrintScope>,
    pub highlighter: &'a Highlighter,
    pub labels: &'a Labels,
    /// Glossary abbreviations of the page's language -> full name.
    pub abbreviations: &'a Abbreviations,
    pub edition: Edition,
    /// Whether the kind shows a block after the heading with this id.
    pub blocks_after: &'a dyn Fn(&str) -> bool,
    /// Whether the section of the heading with this id starts a page of
    /// its own (`resolve::parts`): the body is cut before it.
    pub cut_before: &'a dyn Fn(&str) -> bool,
    /// What `[@id]` citations point to, numbered in this order.
    pub references: &'a [crate::kinds::Reference],
    /// On a translation whose source changed since: which of its sections
    /// to mark, under their headings (not in a print bundle).
    pub outdated: Option<&'a crate::resolve::Outdated>,
}

/// Which readers a body is rendered for: a module's participant edition
/// leaves out every `facilitator` container; its facilitator edition keeps
/// everything and marks the participants' texts as such.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edition {
    /// Any document but a module: every container shown.
    Full,
    /// A module's web page: the participant edition, plus the answers of
    /// quizzes whose author allows readers to check themselves.
    Screen,
    Participant,
    Facilitator,
}

/// The bodies of one page: the page's own, and for a module its facilitator
/// and participant editions.
#[derive(Debug, Clone, Default)]
pub struct PageBodies {
    pub main: RenderedBody,
    pub facilitator: Option<RenderedBody>,
    pub participant: Option<RenderedBody>,
    /// The print file's body when it is not the page's: a document read a
    /// section at a time prints whole, its footnotes at the end.
    pub print: Option<RenderedBody>,
}

/// A body rendered to HTML, in parts: the body is cut after the heading
/// of each section where the document's kind shows a block made from its
/// fields (`kinds::shows_block_after`), and the template puts that block
/// between the parts; and, on a long document's page, before each section
/// that has a page of its own (`resolve::parts`), each such section ending
/// with the footnotes it refers to first.
#[derive(Debug, Clone, Default)]
pub struct RenderedBody {
    /// At least one; every part but the last names the block after it.
    pub parts: Vec<BodyPart>,
    /// Whether it holds a highlighted code block (its page then links the
    /// syntax colours).
    pub has_code: bool,
}

/// A stretch of a body, and the kind's block that follows it, if any.
#[derive(Debug, Clone, serde::Serialize)]
pub struct BodyPart {
    pub html: String,
    pub block: Option<String>,
    /// The section whose page this stretch starts (`resolve::parts`).
    pub section: Option<String>,
}

impl RenderedBody {
    /// HTML made elsewhere (a redline), as one part.
    pub fn whole(html: String) -> RenderedBody {
        RenderedBody { parts: vec![BodyPart { html, block: None, section: None }], has_code: false }
    }

    /// The body whole, and its parts with the ids of the blocks placed
    /// between them when it is cut (none when it is not).
    pub fn into_whole_and_parts(mut self) -> (String, Vec<BodyPart>, Vec<String>) {
        if self.parts.len() <= 1 {
            return (self.parts.pop().map(|p| p.html).unwrap_or_default(), Vec::new(), Vec::new());
        }
        let whole = self.parts.iter().map(|p| p.html.as_str()).collect();
        let placed = self.parts.iter().filter_map(|p| p.block.clone()).collect();
        (whole, self.parts, placed)
    }
}

/// Which files of the site are made (`template::Templates::render_site`),
/// and so which bodies are rendered. A build that prints PDFs
/// makes the print files first, prints them, then lays out the pages that
/// link the PDFs with their page counts and sizes: each file once.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub enum Files {
    /// Every file.
    #[default]
    All,
    /// The print files (a document's, a module's editions, the bundles)
    /// and the theme's static files they use. The paths returned are those
    /// of every file, pages included, for the clash check.
    Print,
    /// The rest: the pages, the language choice and the 404 page.
    Pages,
}

/// Abbreviation as printed -> full name, in one language.
pub type Abbreviations = HashMap<String, String>;

/// The glossary's abbreviations, per language.
pub fn abbreviations(glossary: &crate::model::Glossary, languages: &[String]) -> BTreeMap<String, Abbreviations> {
    languages
        .iter()
        .map(|lang| {
            let map = glossary
                .entries
                .values()
                .filter_map(|entry| {
                    let abbr = entry.abbr.as_ref()?.get(lang)?;
                    let name = entry.name.get(lang).or_else(|| entry.name.values().next())?;
                    (abbr != name).then(|| (abbr.clone(), name.clone()))
                })
                .collect();
            (lang.clone(), map)
        })
        .collect()
}

impl RenderContext<'_> {
    fn label(&self, key: &str) -> String {
        self.labels.get(key).cloned().unwrap_or_else(|| key.rsplit('.').next().unwrap_or(key).to_owned())
    }

    /// An id of this body as written into its file (prefixed in a bundle).
    fn scoped(&self, id: &str) -> String {
        self.scope.map_or_else(|| id.to_owned(), |scope| scope.id(id))
    }

    /// Prose in the page's language, with its typography.
    pub fn prose(&self, text: &str) -> String {
        typography::for_language(self.lang, text)
    }
}

/// Ids and links of a body printed with other documents in one file: its
/// ids get a prefix, and links to the other parts point inside the file.
#[derive(Debug, Clone, Default)]
pub struct PrintScope {
    /// Prefix of this part's ids, e.g. `p2-`; the part itself is `#p2`.
    pub prefix: String,
    /// Prefix of each page printed in the same file.
    pub members: HashMap<usize, String>,
}

impl PrintScope {
    fn id(&self, id: &str) -> String {
        format!("{}{id}", self.prefix)
    }
}

/// Renders pages' bodies one page at a time, so that a page can be laid
/// out and written while others are rendered, and none waits for the rest.
pub struct Bodies<'a> {
    shared: Shared<'a>,
}

impl<'a> Bodies<'a> {
    pub fn new(site: &'a Site, highlighter: &'a Highlighter, labels: &'a BTreeMap<String, &'a Labels>) -> Bodies<'a> {
        let abbreviations = abbreviations(&site.glossary, &site.config.languages);
        Bodies { shared: Shared { site, highlighter, labels, abbreviations } }
    }

    /// The body of `page` (empty for a page without one), and a module's
    /// two editions, as far as `files` needs them.
    pub fn of(&self, page: &Page, files: Files) -> PageBodies {
        let site = self.shared.site;
        let is_module = site.is_module(page);
        let render = |edition, cut| render_page(&self.shared, page, &page.path, None, edition, cut);
        if is_module {
            let editions = files != Files::Pages;
            PageBodies {
                main: if files == Files::Print { RenderedBody::default() } else { render(Edition::Screen, true) },
                facilitator: editions.then(|| render(Edition::Facilitator, false)),
                participant: editions.then(|| render(Edition::Participant, false)),
                print: None,
            }
        } else {
            // A page cut into sections prints a body of its own, whole;
            // any other prints its page's.
            let cut = !page.parts.is_empty();
            PageBodies {
                main: if cut && files == Files::Print { RenderedBody::default() } else { render(Edition::Full, true) },
                facilitator: None,
                participant: None,
                print: (cut && files != Files::Pages).then(|| render(Edition::Full, false)),
            }
        }
    }
}

/// Renders the bodies of a print bundle's parts, each with its ids scoped so
/// that they stay unique in the one file, and links between parts inside it.
pub fn render_bundle(
    site: &Site,
    bundle: &PrintBundle,
    highlighter: &Highlighter,
    labels: &BTreeMap<String, &Labels>,
) -> Vec<RenderedBody> {
    let members: HashMap<usize, String> =
        bundle.parts.iter().enumerate().map(|(n, &page)| (page, format!("p{}-", n + 1))).collect();
    let shared =
        Shared { site, highlighter, labels, abbreviations: abbreviations(&site.glossary, &site.config.languages) };
    bundle
        .parts
        .par_iter()
        .map(|&part| {
            let scope = PrintScope { prefix: members[&part].clone(), members: members.clone() };
            let is_module = site.is_module(&site.pages[part]);
            let edition = match (is_module, bundle.facilitator) {
                (true, true) => Edition::Facilitator,
                (true, false) => Edition::Participant,
                (false, _) => Edition::Full,
            };
            render_page(&shared, &site.pages[part], &bundle.path, Some(&scope), edition, false)
        })
        .collect()
}

/// The line under a section of a translation whose source changed since:
/// "This section changed in the English original since this translation
/// (0.2 → 0.3). See the changes." linking to that section of the redline.
/// On screen only: on paper the link leads nowhere.
fn section_outdated(cx: &RenderContext<'_>, outdated: &crate::resolve::Outdated, id: &str) -> String {
    let source_lang = &cx.pages[outdated.source_page].lang;
    let text = cx
        .label("versions.section_changed")
        .replace("{source}", &cx.label(&format!("language_names.{source_lang}")))
        .replace("{from}", &outdated.translated_from)
        .replace("{now}", &outdated.source_version);
    let mut html = Writer::new();
    html.start("p", &[("class", &"section-outdated screen-only")]).text(cx.prose(&text));
    if let Some(changes) = outdated.changes {
        let href = format!("{}#s-{}", urls::relative(cx.from, &cx.pages[changes].path), urls::encode(id));
        html.text(" ").element("a", &[("href", &href)], cx.label("versions.see_changes"));
    }
    html.end("p");
    html.finish()
}

/// What every body of one run is rendered with.
struct Shared<'a> {
    site: &'a Site,
    highlighter: &'a Highlighter,
    labels: &'a BTreeMap<String, &'a Labels>,
    abbreviations: BTreeMap<String, Abbreviations>,
}

fn render_page(
    shared: &Shared<'_>,
    page: &Page,
    from: &str,
    scope: Option<&PrintScope>,
    edition: Edition,
    cut: bool,
) -> RenderedBody {
    let no_abbreviations = Abbreviations::new();
    match (shared.site.page_doc(page), shared.labels.get(&page.lang)) {
        (Some(doc), Some(labels)) => {
            let cx = RenderContext {
                lang: &page.lang,
                links: &page.links,
                from,
                pages: &shared.site.pages,
                scope,
                highlighter: shared.highlighter,
                labels,
                abbreviations: shared.abbreviations.get(&page.lang).unwrap_or(&no_abbreviations),
                edition,
                blocks_after: &|id| crate::kinds::shows_block_after(doc.front.kind, id),
                // Only the page read on screen is cut; print files stay whole.
                cut_before: &|id| cut && page.parts.iter().any(|part| part.start.as_deref() == Some(id)),
                references: &doc.kind.references,
                outdated: page.outdated.as_ref().filter(|_| scope.is_none()),
            };
            render_body(&doc.body, &cx)
        }
        _ => RenderedBody::whole(String::new()),
    }
}
