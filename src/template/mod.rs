//! Site -> pages: each body rendered, then laid out by a Tera template of
//! the theme. Templates are compiled once per build (and kept for the next
//! build of the same theme).

pub mod context;
pub mod i18n;
pub mod lists;
mod minify;
mod parts;
pub mod print;
mod redline;
pub mod theme;
pub mod versions;

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, PoisonError};

use rayon::prelude::*;
use serde::Serialize;
use tera::Tera;

use crate::diagnostics::{Diagnostic, Diagnostics};
pub use crate::pdf::PdfInfo;
use crate::render::{self, Highlighter};
use crate::resolve::{PageKind, Site, urls};
use crate::write::OutputFile;
use context::{Contexts, Link};
pub use i18n::Strings;
pub use theme::Theme;

/// Which pages [`Templates::render_site`] lays out, and what they link to.
#[derive(Default)]
pub struct Layout<'a> {
    /// The PDF made of each print file, by the print file's path.
    pub pdfs: Option<&'a HashMap<String, PdfInfo>>,
    /// Only the pages of these keys (every language, every version): a
    /// rebuild after edits that no other page shows.
    pub keys: Option<&'a std::collections::HashSet<String>>,
    pub files: render::Files,
}

/// The compiled theme, ready to lay out pages.
pub struct Templates {
    tera: Tera,
    theme: Theme,
    strings: BTreeMap<String, Strings>,
    /// The theme's static files (stylesheets minified), the syntax
    /// colours and the base map: the same for every build of the theme.
    statics: Vec<OutputFile>,
}

impl Templates {
    /// Compiles every template and reads the UI strings; problems are
    /// reported with the template's file.
    ///
    /// The last templates compiled without a problem are kept for the next
    /// build with the same theme and languages: parsing every template
    /// (twice) is most of loading, and `serve` rebuilds, like the fuzz
    /// harness, compile the same theme again and again.
    /// They are shared (`Arc`), not copied: a copy of the parsed templates
    /// and the theme's files cost a `serve` rebuild more than the rest of
    /// laying out one page.
    pub fn compile(theme: Theme, languages: &[String], diagnostics: &mut Diagnostics) -> Option<Arc<Templates>> {
        static LAST: Mutex<Option<(Vec<String>, Arc<Templates>)>> = Mutex::new(None);
        let last = || LAST.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some((langs, templates)) = &*last()
            && langs == languages
            && templates.theme == theme
        {
            return Some(Arc::clone(templates));
        }
        let mut found = Diagnostics::default();
        let compiled = Templates::compile_anew(theme, languages, &mut found).map(Arc::new);
        if found.is_empty()
            && let Some(templates) = &compiled
        {
            *last() = Some((languages.to_vec(), Arc::clone(templates)));
        }
        diagnostics.extend(found.sorted());
        compiled
    }

    fn compile_anew(theme: Theme, languages: &[String], diagnostics: &mut Diagnostics) -> Option<Templates> {
        let strings = i18n::load(&theme, languages, diagnostics);
        let mut tera = Tera::default();
        // Tera's own escaping also writes `/` as `&#x2F;`, which bloats every
        // relative URL; quotes, `<`, `>` and `&` are what must be escaped.
        tera.set_escape_fn(crate::html::escape);
        let sources: Vec<(&str, String)> = theme
            .under("templates")
            .map(|(name, file)| (name, String::from_utf8_lossy(&file.bytes).into_owned()))
            .collect();
        // Minified once, so that pages need no minifying (a template whose
        // tags stand between attributes is used as written). Only when the
        // minified templates do not compile are they compiled as written:
        // to report the error at the author's line, or to use them as they
        // are if minifying broke them. Tera parses each template once.
        let minified: Vec<(&str, String)> = sources
            .iter()
            .map(|(name, text)| {
                (*name, if minify::can_minify_template(text) { minify::minify_template(text) } else { text.clone() })
            })
            .collect();
        let ok = tera.add_raw_templates(minified.iter().map(|(name, text)| (*name, text.as_str()))).is_ok() || {
            tera = Tera::default();
            tera.set_escape_fn(crate::html::escape);
            match tera.add_raw_templates(sources.iter().map(|(name, text)| (*name, text.as_str()))) {
                Ok(()) => true,
                Err(err) => {
                    // Tera names the template that failed as 'name'.
                    let text = error_text(&err);
                    let culprit =
                        sources.iter().map(|(name, _)| *name).find(|name| text.contains(&format!("'{name}'")));
                    let display = culprit
                        .and_then(|name| theme.files.get(&format!("templates/{name}")))
                        .map_or_else(|| theme::THEME_DIR.to_owned(), |f| f.display.clone());
                    diagnostics.push(template_error(&display, &err));
                    false
                }
            }
        };
        let statics = static_files(&theme);
        (ok && strings.len() == languages.len()).then_some(Templates { tera, theme, strings, statics })
    }

    fn render<C: Serialize>(&self, name: &str, context: &C, page_path: &str) -> Result<String, Diagnostic> {
        self.render_with(name, &self.context(name, context)?, page_path)
    }

    /// `context` as the template `name` reads it.
    fn context<C: Serialize>(&self, name: &str, context: &C) -> Result<tera::Context, Diagnostic> {
        tera::Context::from_serialize(context).map_err(|err| template_error(&self.display(name), &err))
    }

    fn render_with(&self, name: &str, context: &tera::Context, page_path: &str) -> Result<String, Diagnostic> {
        self.tera.render(name, context).map_err(|err| {
            let mut problem = template_error(&self.display(name), &err);
            problem.message = format!("{} (while making {page_path})", problem.message);
            problem
        })
    }

    fn display(&self, name: &str) -> String {
        self.theme.files.get(&format!("templates/{name}")).map_or_else(|| name.to_owned(), |f| f.display.clone())
    }

    /// The UI words bodies need, per language.
    pub fn labels(&self) -> BTreeMap<String, &crate::i18n::Labels> {
        self.strings.iter().map(|(lang, strings)| (lang.clone(), &strings.labels)).collect()
    }

    /// Every page of the site laid out around its body, each document's
    /// print edition, the print bundles (their parts' bodies in
    /// `bundle_bodies`), the language choice, the 404 page and the theme's
    /// static files; with `layout.keys`, only the pages of those keys
    /// among the pages. `layout.pdfs` names the PDF made of each print
    /// file, when there is one. Each page is laid out as soon as its body
    /// is rendered (`bodies`), and each file made goes to `emit` (which may
    /// write it at once): no page waits in memory for the others. Returns
    /// the paths of the files, in the order of `site.pages`, those of the
    /// pages left out too.
    pub fn render_site(
        &self,
        site: &Site,
        bodies: &render::Bodies<'_>,
        bundle_bodies: Vec<Vec<render::RenderedBody>>,
        layout: &Layout<'_>,
        diagnostics: &mut Diagnostics,
        emit: &(dyn Fn(OutputFile) + Sync),
    ) -> Vec<String> {
        let contexts = Contexts { site, strings: &self.strings };
        let no_pdfs = HashMap::new();
        let pdfs = layout.pdfs.unwrap_or(&no_pdfs);
        let made: Vec<Result<Vec<String>, Diagnostic>> = site
            .pages
            .par_iter()
            .map(|page| match layout.keys {
                Some(keys) if !keys.contains(&page.key) => Err(page),
                _ if layout.files == render::Files::Print && page.print_path().is_none() => Err(page),
                _ => Ok((page, bodies.of(page, layout.files))),
            })
            .map(|wanted| {
                // A page left out keeps the files it made last time.
                let (page, body) = match wanted {
                    Ok(wanted) => wanted,
                    Err(page) => return Ok((Vec::new(), site.page_files(page))),
                };
                let template = match page.kind {
                    PageKind::Home => "home.html",
                    PageKind::Section => "section.html",
                    PageKind::Document | PageKind::Version => "page.html",
                    PageKind::Changes => "changes.html",
                    PageKind::Glossary => "glossary.html",
                    PageKind::Search => "search.html",
                    PageKind::Translations => "translations.html",
                };
                let render::PageBodies { main: mut body, facilitator, participant, print } = body;
                let (print_files, page_file) =
                    (layout.files != render::Files::Pages, layout.files != render::Files::Print);
                // The kind's view (tables, charts) is made once: the page, its
                // print edition and a module's editions share a folder, so
                // its links are the same in all of them.
                let view = contexts.kind_view(page, &page.path, "");
                let mut out = Vec::with_capacity(2);
                if print_files && let Some(print_path) = page.print_path() {
                    // A module prints its participant edition.
                    let print_view =
                        if participant.is_some() { for_edition(&view, "participant") } else { view.clone() };
                    let print_body = match (&participant, print) {
                        (Some(participant), _) => participant.clone(),
                        (None, Some(print)) => print,
                        (None, None) if page_file => body.clone(),
                        (None, None) => std::mem::take(&mut body),
                    };
                    let html = self.render(
                        "print.html",
                        &contexts.print(page, print_body, &print_path, None, print_view),
                        &print_path,
                    )?;
                    out.push(OutputFile { path: print_path, bytes: html.into_bytes() });
                }
                // A module's two editions, made for paper, beside its page.
                if let (Some(facilitator), Some(participant), Some((facilitator_path, participant_path))) =
                    (facilitator, participant, page.edition_paths())
                {
                    for (path, edition_body, edition) in
                        [(facilitator_path, facilitator, "facilitator"), (participant_path, participant, "participant")]
                    {
                        let context =
                            contexts.print(page, edition_body, &path, Some(edition), for_edition(&view, edition));
                        let html = self.render("print.html", &context, &path)?;
                        out.push(OutputFile { path, bytes: html.into_bytes() });
                    }
                }
                if !page_file {
                    // The page itself comes after the PDFs; its path is counted now.
                    let rest = site.page_files(page).into_iter().filter(|p| out.iter().all(|f| f.path != *p)).collect();
                    return Ok((out, rest));
                }
                // Links to a module's two editions and to their PDFs.
                let editions = match page.edition_paths() {
                    Some((facilitator_path, participant_path)) if site.is_module(page) => {
                        let mut links = Vec::new();
                        for (path, edition) in [(&facilitator_path, "facilitator"), (&participant_path, "participant")]
                        {
                            links.push(contexts.edition_link(page, path, edition));
                            if let Some(pdf) = pdfs.get(path) {
                                let name = self.strings[&page.lang].get(&format!("k.{edition}_edition"));
                                let pdf_link = self.pdf_link(&page.path, &page.lang, pdf, &name);
                                links.push(context::Link {
                                    title: pdf_link.label,
                                    href: pdf_link.href,
                                    current: false,
                                });
                            }
                        }
                        links
                    }
                    _ => Vec::new(),
                };
                let body = if page.kind == PageKind::Changes {
                    render::RenderedBody::whole(contexts.redline(page))
                } else {
                    body
                };
                let mut context = contexts.page(page, body, view);
                context.editions = editions;
                let pdf = page.print_path().and_then(|p| pdfs.get(&p));
                let name = self.strings[&page.lang].get("print.edition");
                context.pdf = pdf.map(|pdf| self.pdf_link(&page.path, &page.lang, pdf, &name));
                if page.parts.is_empty() {
                    let html = self.render(template, &context, &page.path)?;
                    out.push(OutputFile { path: page.path.clone(), bytes: html.into_bytes() });
                } else {
                    let made = contexts.lay_out_parts(self, template, page, context)?;
                    out.extend(made.into_iter().map(|(path, html)| OutputFile { path, bytes: html.into_bytes() }));
                }
                Ok((out, Vec::new()))
            })
            .chain(site.bundles.par_iter().zip(bundle_bodies).filter(|_| layout.files != render::Files::Pages).map(
                |(bundle, bodies)| {
                    let html = self.render("print.html", &contexts.print_bundle(bundle, bodies), &bundle.path)?;
                    Ok((vec![OutputFile { path: bundle.path.clone(), bytes: html.into_bytes() }], Vec::new()))
                },
            ))
            .map(|made| {
                made.map(|(files, kept)| {
                    let mut paths: Vec<String> = files.iter().map(|f| f.path.clone()).collect();
                    paths.extend(kept);
                    files.into_iter().for_each(emit);
                    paths
                })
            })
            .collect();
        // The paths in the order of the pages, whatever order they were
        // written in: clashes are reported the same way every time.
        let mut paths = Vec::with_capacity(made.len() * 2 + 16);
        for result in made {
            match result {
                Ok(made) => paths.extend(made),
                Err(problem) => diagnostics.push(problem),
            }
        }
        let mut files = Vec::with_capacity(8);
        for (path, context) in [("index.html", "languages.html"), ("404.html", "404.html")] {
            if layout.files == render::Files::Print {
                paths.push(path.to_owned());
                continue;
            }
            match self.render(context, &self.root_context(site, path), path) {
                Ok(html) => files.push(OutputFile { path: path.to_owned(), bytes: html.into_bytes() }),
                Err(problem) => diagnostics.push(problem),
            }
        }
        if layout.files != render::Files::Pages {
            files.extend(self.statics.iter().cloned());
        }
        paths.extend(files.iter().map(|f| f.path.clone()));
        files.into_iter().for_each(emit);
        paths
    }

    /// "Facilitator edition (PDF, 12 pages, 340 KB)", in the page's language:
    /// each edition's link says which one it is.
    fn pdf_link(&self, from: &str, lang: &str, pdf: &PdfInfo, edition: &str) -> context::PdfLink {
        let strings = &self.strings[lang];
        let kb = pdf.bytes.div_ceil(1024);
        let size = if kb >= 1024 { format!("{:.1} MB", kb as f64 / 1024.0) } else { format!("{kb} KB") };
        let size = if crate::format::is_french(lang) {
            size.replace('.', ",").replace("KB", "Ko").replace("MB", "Mo")
        } else {
            size
        };
        context::PdfLink {
            href: urls::relative(from, &pdf.path),
            label: strings.fill(
                "print.download_pdf",
                &[("edition", edition), ("pages", &pdf.pages.to_string()), ("size", &size)],
            ),
        }
    }

    /// The pages at the site's root: the language choice and 404.
    fn root_context<'a>(&'a self, site: &'a Site, path: &str) -> RootContext<'a> {
        let lang = site.config.default_language();
        let strings = &self.strings[lang];
        RootContext {
            lang,
            t: &strings.tree,
            root: urls::to_root(path),
            site_title: site.config.title.get(lang).to_owned(),
            languages: site
                .config
                .languages
                .iter()
                .map(|l| RootLanguage {
                    lang: l.clone(),
                    name: self.strings[l].get("language_name"),
                    site_title: site.config.title.get(l).to_owned(),
                    enter: self.strings[l].get("enter"),
                    not_found: self.strings[l].get("not_found_text"),
                    home: Link {
                        title: self.strings[l].get("home"),
                        href: urls::relative(path, &site.pages[site.homes[l]].path),
                        current: false,
                    },
                })
                .collect(),
        }
    }
}

#[derive(Serialize)]
struct RootLanguage {
    lang: String,
    name: String,
    site_title: String,
    enter: String,
    not_found: String,
    home: Link,
}

#[derive(Serialize)]
struct RootContext<'a> {
    lang: &'a str,
    t: &'a serde_json::Value,
    root: String,
    site_title: String,
    languages: Vec<RootLanguage>,
}

fn error_text(err: &tera::Error) -> String {
    let mut text = err.to_string();
    let mut source = std::error::Error::source(err);
    while let Some(inner) = source {
        text.push_str(": ");
        text.push_str(&inner.to_string());
        source = inner.source();
    }
    text
}

/// A Tera error as a diagnostic, with the line Tera names when it does.
fn template_error(display: &str, err: &tera::Error) -> Diagnostic {
    let text = error_text(err);
    let (line, column) = text
        .split("--> ")
        .nth(1)
        .and_then(|rest| {
            let mut numbers = rest.split(|c: char| !c.is_ascii_digit()).filter(|s| !s.is_empty());
            Some((numbers.next()?.parse().ok()?, numbers.next()?.parse().ok()?))
        })
        .unwrap_or((0, 0));
    // Keep Tera's words, not its drawing of the line (` 3 | …`, `^---`).
    let message = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("-->") && !l.starts_with('|'))
        .filter(|l| !l.split_once(" |").is_some_and(|(n, _)| n.chars().all(|c| c.is_ascii_digit())))
        .map(|l| l.split(" --> ").next().unwrap_or(l).trim_start_matches("= "))
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    Diagnostic::error(display, line, column, format!("template error: {message}"))
        .with_hint("fix the template, or delete your copy of it to use the built-in one")
}

/// A kind's view for one of a module's editions: the templates leave out
/// what only the facilitator needs (materials to prepare, copy counts, the
/// agenda's materials column) from the participant's.
fn for_edition(view: &Option<serde_json::Value>, edition: &str) -> Option<serde_json::Value> {
    let mut view = view.clone();
    if let Some(serde_json::Value::Object(fields)) = &mut view {
        fields.insert("edition".to_owned(), serde_json::Value::from(edition));
    }
    view
}

/// The files a theme adds to every site: its static files (stylesheets
/// minified), the syntax colours, the outlines maps draw on.
fn static_files(theme: &Theme) -> Vec<OutputFile> {
    let mut files: Vec<OutputFile> = theme
        .under("static")
        .map(|(path, file)| {
            let bytes = match path.ends_with(".css") {
                true => minify::minify_css(&String::from_utf8_lossy(&file.bytes)).into_bytes(),
                false => file.bytes.clone(),
            };
            OutputFile { path: format!("static/{path}"), bytes }
        })
        .collect();
    let syntax = minify::minify_css(&Highlighter::stylesheet());
    files.push(OutputFile { path: "static/syntax.css".to_owned(), bytes: syntax.into_bytes() });
    let base_map = crate::world::world().base_map();
    files.push(OutputFile { path: crate::world::BASE_MAP.to_owned(), bytes: base_map.into_bytes() });
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bundled() -> Arc<Templates> {
        let mut found = Diagnostics::default();
        let theme = Theme::load(std::path::Path::new("/nonexistent-site"), &mut found);
        let templates = Templates::compile(theme, &["en".to_owned(), "fr".to_owned()], &mut found);
        assert!(found.sorted().is_empty());
        templates.expect("the bundled theme compiles")
    }

    #[test]
    fn a_pdf_link_names_its_edition_pages_and_size_in_the_page_language() {
        let templates = bundled();
        let pdf = PdfInfo { path: "en/sops/x/x.en.pdf".to_owned(), pages: 12, bytes: 1_700_000 };
        let en = templates.pdf_link("en/sops/x/index.html", "en", &pdf, "Facilitator edition");
        assert_eq!(en.href, "x.en.pdf");
        assert!(en.label.contains("Facilitator edition") && en.label.contains("12"), "{}", en.label);
        assert!(en.label.contains("1.6 MB"), "{}", en.label);
        let small = PdfInfo { bytes: 340 * 1024, ..pdf };
        let fr = templates.pdf_link("fr/procedures/x/index.html", "fr", &small, "Édition de l’animateur");
        assert!(fr.label.contains("340 Ko") && fr.label.contains("Édition de l’animateur"), "{}", fr.label);
        let large = PdfInfo { bytes: 1_700_000, ..small };
        assert!(templates.pdf_link("fr/x/index.html", "fr", &large, "PDF").label.contains("1,6 Mo"));
    }

    #[test]
    fn an_edition_view_says_which_edition_it_is_and_a_page_without_a_kind_has_none() {
        let page = serde_json::json!({ "kind": "module" });
        let view = Some(page.clone());
        assert_eq!(for_edition(&view, "participant").unwrap()["edition"], "participant");
        assert_eq!(view, Some(page), "the page's own view is left as it was");
        assert_eq!(for_edition(&None, "facilitator"), None);
    }
}
