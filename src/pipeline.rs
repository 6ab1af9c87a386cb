//! The order of the stages, and the only place that knows it:
//! load -> parse -> resolve -> render + template -> write.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::config::{Acceptance, Config};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::pdf::{self, Engine, EngineChoice};
use crate::render::{self, Highlighter};
use crate::resolve::PageKind;
use crate::template::PdfInfo;
use crate::template::{Templates, Theme};
use crate::{feeds, load, parse, resolve, search, write};

/// What to build, and whether to write it.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Defaults to `<root>/build/site`.
    pub out: Option<PathBuf>,
    /// Overrides `base_url` of site.yaml.
    pub base_url: Option<String>,
    /// `false` for `check`: every stage runs, nothing is written.
    pub write: bool,
    /// Also print every print file to PDF, with this engine.
    pub pdf: Option<EngineChoice>,
    /// Told how a long stage advances (`"PDF"`, done, total); the command
    /// line shows it on a terminal only.
    pub progress: Option<fn(&str, usize, usize)>,
    /// Replace the output even if relais did not write it (`--force`).
    pub force: bool,
}

impl BuildOptions {
    pub fn out_dir(&self) -> PathBuf {
        self.out.clone().unwrap_or_else(|| self.root.join("build").join("site"))
    }
}

/// What a run found and did.
#[derive(Debug, Default)]
pub struct Report {
    pub diagnostics: Diagnostics,
    /// Pages of documents, sections and home, per language.
    pub pages: BTreeMap<String, usize>,
    pub elapsed: Duration,
    /// The PDFs made, when asked for.
    pub pdfs: Vec<PdfInfo>,
    /// How many of them were printed (the others were unchanged, from the cache).
    pub pdfs_printed: usize,
    /// Time spent in each stage, in order.
    pub timings: Vec<(&'static str, Duration)>,
    pub written: bool,
}

/// Measures the stages one after the other.
struct Stopwatch {
    last: Instant,
    laps: Vec<(&'static str, Duration)>,
}

impl Stopwatch {
    fn lap(&mut self, stage: &'static str) {
        let now = Instant::now();
        self.laps.push((stage, now - self.last));
        self.last = now;
    }
}

pub fn build(options: &BuildOptions) -> Report {
    let (mut report, acceptances) = run(options);
    report.diagnostics.accept(&acceptances, crate::kinds::today());
    report
}

/// The build itself; it also hands back the warnings site.yaml accepts.
fn run(options: &BuildOptions) -> (Report, Vec<Acceptance>) {
    let started = Instant::now();
    let mut clock = Stopwatch { last: started, laps: Vec::new() };
    let mut report = Report::default();
    let diagnostics = &mut report.diagnostics;
    let mut config = match Config::load(&options.root) {
        Ok(config) => config,
        Err(problems) => {
            diagnostics.extend(problems);
            report.elapsed = started.elapsed();
            return (report, Vec::new());
        }
    };
    let acceptances = config.checks.accept.clone();
    if let Some(url) = &options.base_url {
        config.base_url = Some(if url.ends_with('/') { url.clone() } else { format!("{url}/") });
    }
    // The syntaxes and the theme load while content/ is read.
    let ((highlighter, theme), sources) = rayon::join(
        || {
            let mut found = Diagnostics::default();
            let (highlighter, theme) = rayon::join(Highlighter::new, || Theme::load(&options.root, &mut found));
            (highlighter, (theme, found))
        },
        || {
            let mut found = Diagnostics::default();
            let sources = load::load(&options.root, config, &mut found);
            (sources, found)
        },
    );
    let ((theme, theme_problems), (mut sources, load_problems)) = (theme, sources);
    diagnostics.extend(theme_problems.sorted());
    diagnostics.extend(load_problems.sorted());
    let templates = Templates::compile(theme, &sources.config.languages, diagnostics);
    clock.lap("load");
    diagnostics.extend(crate::history::attach(&mut sources));
    clock.lap("history");

    let documents = parse::parse(sources, diagnostics);
    clock.lap("parse");
    let site = resolve::resolve(documents, diagnostics);
    clock.lap("resolve");
    for page in &site.pages {
        if page.kind == PageKind::Document {
            *report.pages.entry(page.lang.clone()).or_default() += 1;
        }
    }
    let Some(templates) = templates else {
        report.elapsed = started.elapsed();
        report.timings = clock.laps;
        return (report, acceptances);
    };
    let engine = match options.pdf.map(Engine::find) {
        Some(Ok(engine)) => Some(engine),
        Some(Err(message)) => {
            diagnostics.push(Diagnostic::error("--pdf", 0, 0, message));
            None
        }
        None => None,
    };
    let labels = templates.labels();
    let bodies = render::render_pages(&site, &highlighter, &labels);
    let bundle_bodies: Vec<Vec<String>> =
        site.bundles.iter().map(|b| render::render_bundle(&site, b, &highlighter, &labels)).collect();
    clock.lap("render");
    // With PDFs, pages are laid out again once the PDFs' sizes are known.
    let again = engine.as_ref().map(|_| (bodies.clone(), bundle_bodies.clone()));
    // Files that report no problem are made only when they will be written
    // (not for `check`, nor for a build that already failed); the search
    // indexes while the pages are laid out.
    let publish = options.write && !diagnostics.has_errors();
    let (mut files, indexes) = rayon::join(
        || templates.render_site(&site, bodies, bundle_bodies, &HashMap::new(), diagnostics),
        || if publish { search::indexes(&site) } else { Vec::new() },
    );
    if publish {
        files.extend(indexes);
        files.push(feeds::catalogue(&site));
        files.extend(feeds::atom(&site));
        files.extend(feeds::sitemap(&site));
    }
    clock.lap("template");
    diagnostics.extend(output_clashes(&site, &files, engine.is_some()));

    if !options.write || diagnostics.has_errors() {
        report.elapsed = started.elapsed();
        report.timings = clock.laps;
        return (report, acceptances);
    }
    let out = options.out_dir();
    let cannot_write = |err: std::io::Error| {
        Diagnostic::error(out.display().to_string(), 0, 0, format!("cannot write the site: {err}"))
    };
    let staging = match write::stage(&out, &files, &site.copies, options.force) {
        Ok(staging) => staging,
        Err(err) => {
            diagnostics.push(cannot_write(err));
            report.elapsed = started.elapsed();
            return (report, acceptances);
        }
    };
    clock.lap("write");
    if let (Some(engine), Some((bodies, bundle_bodies))) = (&engine, again) {
        let cache = out.parent().map(pdf::cache_dir);
        let (pdfs, printed) = make_pdfs(&site, engine, &staging.dir, cache.as_deref(), options.progress, diagnostics);
        report.pdfs_printed = printed;
        report.pdfs = pdfs.values().cloned().collect();
        let mut pages = templates.render_site(&site, bodies, bundle_bodies, &pdfs, diagnostics);
        pages.retain(|f| f.path.ends_with("/index.html"));
        if let Err(err) = staging.write(&pages) {
            diagnostics.push(cannot_write(err));
        }
        clock.lap("pdf");
    }
    if !diagnostics.has_errors() {
        match staging.commit() {
            Ok(()) => report.written = true,
            Err(err) => diagnostics.push(cannot_write(err)),
        }
    }
    report.elapsed = started.elapsed();
    report.timings = clock.laps;
    (report, acceptances)
}

/// Outputs that would overwrite each other (a bundle's `index.html`, a
/// `slug` that lands on another page, names that differ only in capitals),
/// each reported at the content file it comes from.
fn output_clashes(site: &resolve::Site, files: &[write::OutputFile], pdfs: bool) -> Vec<Diagnostic> {
    let mut origin: HashMap<String, String> = HashMap::new();
    for page in &site.pages {
        let source = match site.page_doc(page) {
            Some(doc) => doc.display.clone(),
            None => format!("the `{}` page of the section `{}`", page.lang, page.key),
        };
        let module = site.page_doc(page).is_some_and(|d| d.front.kind == crate::parse::Kind::Module);
        let mut paths = vec![page.path.clone()];
        paths.extend(page.print_path());
        if pdfs {
            paths.extend(page.pdf_path());
        }
        if module {
            paths.extend(page.edition_paths().map_or_else(Vec::new, |(f, p)| vec![f, p]));
            if pdfs {
                paths.extend(["facilitator", "participant"].iter().filter_map(|e| page.edition_pdf_path(e)));
            }
        }
        for path in paths {
            origin.entry(path).or_insert_with(|| source.clone());
        }
    }
    for bundle in &site.bundles {
        origin.insert(bundle.path.clone(), format!("{} (bundle `{}`)", crate::config::FILE_NAME, bundle.id));
    }
    let own = "relais' own file".to_owned();
    let copied: Vec<(String, String)> =
        site.copies.iter().map(|(from, to)| (to.clone(), crate::diagnostics::display_path(&site.root, from))).collect();
    let mut outputs: Vec<(&str, &str)> = vec![(write::MARKER, own.as_str())];
    outputs.extend(files.iter().map(|f| (f.path.as_str(), origin.get(&f.path).unwrap_or(&own).as_str())));
    if pdfs {
        let made: Vec<&str> = origin.keys().filter(|p| p.ends_with(".pdf")).map(String::as_str).collect();
        outputs.extend(made.into_iter().map(|p| (p, origin[p].as_str())));
    }
    outputs.extend(copied.iter().map(|(to, from)| (to.as_str(), from.as_str())));
    write::clashes(outputs)
        .into_iter()
        .map(|clash| {
            // Reported at a file the author can change.
            let is_file = |s: &str| s.starts_with(crate::load::CONTENT_DIR) || s.starts_with(crate::config::FILE_NAME);
            let file = [&clash.second, &clash.first]
                .into_iter()
                .find(|s| is_file(s))
                .map_or(crate::load::CONTENT_DIR, |s| s.split(' ').next().unwrap_or(s))
                .to_owned();
            let hint = if clash.first.to_lowercase() == clash.second.to_lowercase() {
                "names that differ only in capitals are one file on a USB stick and on Windows: rename one of them"
                    .to_owned()
            } else if file.ends_with(".md") {
                "give the document another file name or `slug:`".to_owned()
            } else {
                format!("rename {file}: relais writes {} itself", clash.path)
            };
            Diagnostic::error(
                &file,
                0,
                0,
                format!(
                    "{} and {} would both be written to {}: one would replace the other",
                    clash.first, clash.second, clash.path
                ),
            )
            .with_hint(hint)
        })
        .collect()
}

/// Prints every document's print edition and every bundle to PDF, inside
/// the staged site; returns them by the print file they come from.
fn make_pdfs(
    site: &resolve::Site,
    engine: &Engine,
    dir: &std::path::Path,
    cache: Option<&std::path::Path>,
    progress: Option<fn(&str, usize, usize)>,
    diagnostics: &mut Diagnostics,
) -> (HashMap<String, PdfInfo>, usize) {
    let mut jobs: Vec<(String, String)> =
        site.pages.iter().filter_map(|p| Some((p.print_path()?, p.pdf_path()?))).collect();
    jobs.extend(site.bundles.iter().map(|b| (b.path.clone(), resolve::print::bundle_pdf_path(b))));
    // A module's facilitator and participant editions.
    for page in
        site.pages.iter().filter(|p| site.page_doc(p).is_some_and(|d| d.front.kind == crate::parse::Kind::Module))
    {
        if let Some((facilitator, participant)) = page.edition_paths() {
            for (html, edition) in [(facilitator, "facilitator"), (participant, "participant")] {
                jobs.extend(page.edition_pdf_path(edition).map(|pdf| (html, pdf)));
            }
        }
    }
    let made = pdf::make_all(engine, dir, &jobs, cache, progress);
    let printed = made.printed;
    let mut infos = HashMap::new();
    for ((html, _), result) in jobs.iter().zip(made.results) {
        match result {
            Ok(info) => {
                infos.insert(html.clone(), info);
            }
            Err(message) => diagnostics.push(Diagnostic::error(html.clone(), 0, 0, message)),
        }
    }
    (infos, printed)
}
