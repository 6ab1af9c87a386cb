//! The order of the stages, and the only place that knows it:
//! load -> parse -> resolve -> render + template -> write.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::render::Highlighter;
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
    pub written: bool,
}

pub fn build(options: &BuildOptions) -> Report {
    let started = Instant::now();
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
    let (highlighter, theme) = rayon::join(Highlighter::new, || {
        let mut found = Diagnostics::default();
        (Theme::load(&options.root, &mut found), found)
    });
    let (theme, theme_problems) = theme;
    diagnostics.extend(theme_problems.sorted());
    let templates = Templates::compile(theme, &config.languages, diagnostics);

    let sources = load::load(&options.root, config, diagnostics);
    let documents = parse::parse(sources, diagnostics);
    let site = resolve::resolve(documents, diagnostics);
    for page in &site.pages {
        if page.kind == PageKind::Document {
            *report.pages.entry(page.lang.clone()).or_default() += 1;
        }
    }
    let Some(templates) = templates else {
        report.elapsed = started.elapsed();
        return report;
    };
    let mut files = templates.render_site(&site, &highlighter, diagnostics);
    files.push(feeds::catalogue(&site));
    files.extend(feeds::sitemap(&site));

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
    }
    report.elapsed = started.elapsed();
    report
}
