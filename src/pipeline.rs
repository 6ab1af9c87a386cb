//! The order of the stages, and the only place that knows it:
//! load -> parse -> resolve -> render + template -> write.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::render::{self, Highlighter};
use crate::resolve::PageKind;
use crate::template::{Templates, Theme};
use crate::{feeds, load, parse, resolve, write};

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
    let started = Instant::now();
    let mut clock = Stopwatch { last: started, laps: Vec::new() };
    let mut report = Report::default();
    let diagnostics = &mut report.diagnostics;
    let mut config = match Config::load(&options.root) {
        Ok(config) => config,
        Err(problems) => {
            diagnostics.extend(problems);
            report.elapsed = started.elapsed();
            return report;
        }
    };
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
    let ((theme, theme_problems), (sources, load_problems)) = (theme, sources);
    diagnostics.extend(theme_problems.sorted());
    diagnostics.extend(load_problems.sorted());
    let templates = Templates::compile(theme, &sources.config.languages, diagnostics);
    clock.lap("load");

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
        return report;
    };
    let bodies = render::render_pages(&site, &highlighter, &templates.labels());
    clock.lap("render");
    let mut files = templates.render_site(&site, bodies, diagnostics);
    files.push(feeds::catalogue(&site));
    files.extend(feeds::sitemap(&site));
    clock.lap("template");

    if options.write && !diagnostics.has_errors() {
        write::minify(&mut files);
        let out = options.out_dir();
        match write::write_site(&out, &files, &site.copies) {
            Ok(()) => report.written = true,
            Err(err) => diagnostics.push(Diagnostic::error(
                out.display().to_string(),
                0,
                0,
                format!("cannot write the site: {err}"),
            )),
        }
        clock.lap("write");
    }
    report.elapsed = started.elapsed();
    report.timings = clock.laps;
    report
}
