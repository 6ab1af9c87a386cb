//! Where print editions go: `print.html` beside every document page, a PDF
//! beside it, and one print file per bundle of `site.yaml` and language
//! (plus a bilingual one that prints each language's edition in turn).

use std::collections::HashMap;

use super::{Page, PageKind};
use crate::config::{self, Config};
use crate::diagnostics::{Diagnostic, did_you_mean};

/// A print file made of several documents.
#[derive(Debug, Clone)]
pub struct PrintBundle {
    pub id: String,
    /// `None` for the bilingual bundle.
    pub lang: Option<String>,
    pub title: String,
    /// Output path: `en/print/<id>.html`, or `print/<id>.html`.
    pub path: String,
    /// Document pages, in print order.
    pub parts: Vec<usize>,
    /// Modules print in their facilitator edition (else participant).
    pub facilitator: bool,
}

impl Page {
    /// The print edition of a document page: `…/print.html`.
    pub fn print_path(&self) -> Option<String> {
        matches!(self.kind, PageKind::Document | PageKind::Version)
            .then(|| self.path.replace("/index.html", "/print.html"))
    }

    /// A module's editions beside its page: `…/facilitator.html`, `…/participant.html`.
    /// (Every document page has the paths; only modules are written there.)
    pub fn edition_paths(&self) -> Option<(String, String)> {
        let dir = self.path.strip_suffix("/index.html")?;
        (self.kind == PageKind::Document)
            .then(|| (format!("{dir}/facilitator.html"), format!("{dir}/participant.html")))
    }

    /// The PDF of a module's edition: `…/<slug>.facilitator.<lang>.pdf`.
    pub fn edition_pdf_path(&self, edition: &str) -> Option<String> {
        let dir = self.path.strip_suffix("/index.html")?;
        let slug = dir.rsplit('/').next()?;
        (self.kind == PageKind::Document).then(|| format!("{dir}/{slug}.{edition}.{}.pdf", self.lang))
    }

    /// The PDF of a document page: `…/<slug>.<lang>.pdf`.
    pub fn pdf_path(&self) -> Option<String> {
        let dir = self.path.strip_suffix("/index.html")?;
        let slug = dir.rsplit('/').next()?;
        (self.kind == PageKind::Document).then(|| format!("{dir}/{slug}.{}.pdf", self.lang))
    }
}

impl super::Site {
    /// The HTML files a page makes, in the order they are laid out: its
    /// print edition, a module's two editions, the page itself, then
    /// the pages of its later sections when it is cut.
    pub fn page_files(&self, page: &Page) -> Vec<String> {
        let mut files: Vec<String> = page.print_path().into_iter().collect();
        if self.is_module(page)
            && let Some((facilitator, participant)) = page.edition_paths()
        {
            files.extend([facilitator, participant]);
        }
        files.push(page.path.clone());
        files.extend(page.parts.iter().skip(1).map(|part| part.path.clone()));
        files
    }
}

/// The PDF beside a print file: `en/print/x.html` -> `en/print/x.en.pdf`.
pub fn bundle_pdf_path(bundle: &PrintBundle) -> String {
    let stem = bundle.path.trim_end_matches(".html");
    format!("{stem}.{}.pdf", bundle.lang.as_deref().unwrap_or("bilingual"))
}

pub fn bundles(config: &Config, pages: &[Page], problems: &mut Vec<Diagnostic>) -> Vec<PrintBundle> {
    let documents: HashMap<(&str, &str), usize> = pages
        .iter()
        .enumerate()
        .filter(|(_, p)| p.kind == PageKind::Document)
        .map(|(i, p)| ((p.key.as_str(), p.lang.as_str()), i))
        .collect();
    let mut bundles = Vec::new();
    let mut ids: HashMap<&str, &str> = HashMap::new();
    for spec in &config.bundles {
        let id_line = spec.lines.id;
        // The id names the bundle's files: it must stay a plain file name.
        if let Some(problem) = super::urls::segment_problem(&spec.id) {
            problems.push(
                Diagnostic::error(config::FILE_NAME, id_line, 1, format!("the bundle id `{}` cannot name a file: {problem}", spec.id))
                    .with_hint("a bundle id is a short name in lower case with hyphens, e.g. `trainers-pack`; it becomes print/<id>.html"),
            );
            continue;
        }
        if let Some(first) = ids.insert(spec.id.as_str(), spec.id.as_str()) {
            problems.push(
                Diagnostic::error(
                    config::FILE_NAME,
                    id_line,
                    1,
                    format!("two bundles have the id `{first}`: the second would overwrite the first's print file"),
                )
                .with_hint("give each bundle its own id"),
            );
            continue;
        }
        for (key, &line) in spec.documents.iter().zip(&spec.lines.documents) {
            if !config.languages.iter().any(|l| documents.contains_key(&(key.as_str(), l.as_str()))) {
                let keys = documents.keys().map(|(k, _)| *k);
                problems.push(
                    Diagnostic::error(config::FILE_NAME, line, 1, format!("the bundle `{}` names `{key}`, which is not a document", spec.id))
                        .with_hint(did_you_mean(key, keys).unwrap_or_else(|| "name documents by their path under content/ without language, e.g. `sops/gender-sensitive-return`".to_owned())),
                );
            }
        }
        let mut all_parts = Vec::new();
        for lang in &config.languages {
            let parts: Vec<usize> = spec
                .documents
                .iter()
                .filter_map(|key| documents.get(&(key.as_str(), lang.as_str())).copied())
                .collect();
            all_parts.extend(parts.iter().copied());
            bundles.push(PrintBundle {
                id: spec.id.clone(),
                lang: Some(lang.clone()),
                title: spec.title.get(lang).to_owned(),
                path: format!("{lang}/print/{}.html", spec.id),
                parts,
                facilitator: spec.edition == config::BundleEdition::Facilitator,
            });
        }
        if config.languages.len() > 1 {
            let title = config.languages.iter().map(|l| spec.title.get(l)).collect::<Vec<_>>().join(" / ");
            bundles.push(PrintBundle {
                id: spec.id.clone(),
                lang: None,
                title,
                path: format!("print/{}.html", spec.id),
                parts: all_parts,
                facilitator: spec.edition == config::BundleEdition::Facilitator,
            });
        }
    }
    bundles
}
