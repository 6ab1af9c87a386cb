//! The order of the stages, and the only place that knows it:
//! load -> parse -> resolve -> render + template -> write.

mod memo;

pub use memo::Memo;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::config::{Acceptance, Config};
use crate::date::Date;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::pdf::PdfInfo;
use crate::pdf::{self, Engine, EngineChoice};
use crate::render::{self, Highlighter};
use crate::resolve::PageKind;
use crate::template::{Layout, Templates, Theme};
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
    /// The day the checks take as today ("review is overdue"): read once,
    /// by [`crate::date::today`], for the whole run.
    pub today: Date,
}

impl BuildOptions {
    /// A `check` of the site at `root` today: nothing written, no PDF.
    pub fn check(root: PathBuf) -> BuildOptions {
        BuildOptions {
            root,
            out: None,
            base_url: None,
            write: false,
            pdf: None,
            progress: None,
            force: false,
            today: crate::date::today(),
        }
    }

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
    /// When a rebuild of `serve` laid out only the pages of what changed:
    /// how many files it wrote again (the others were the same).
    pub rewritten: Option<usize>,
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
    let (mut report, acceptances) = run(options, None);
    crate::config::apply_acceptances(&acceptances, &mut report.diagnostics, options.today);
    report
}

/// A build of `relais serve`, which keeps in `memo` what the next build
/// may reuse: the files whose text did not change are not parsed again,
/// and when `changed` (the files that changed since the last build, when
/// known) are Markdown files whose edits no other page shows, only their
/// pages are laid out again and only the files whose bytes changed are
/// written, in place. The output is the same as [`build`]'s.
pub fn rebuild(options: &BuildOptions, memo: &mut Memo, changed: Option<&[PathBuf]>) -> Report {
    let changes = changed.and_then(|paths| memo::Changes::of(paths, &options.root));
    let (mut report, acceptances) = run(options, Some((memo, changes)));
    crate::config::apply_acceptances(&acceptances, &mut report.diagnostics, options.today);
    report
}

/// The build itself; it also hands back the warnings site.yaml accepts.
fn run(options: &BuildOptions, mut memo: Option<(&mut Memo, Option<memo::Changes>)>) -> (Report, Vec<Acceptance>) {
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
    // What `serve` knows of files that did not change since its last build.
    let unchanged = memo.as_ref().and_then(|(memo, changes)| Some(memo.unchanged(changes.as_ref()?)));
    let known = |path: &str| unchanged.as_ref().and_then(|known| known(path));
    // The theme loads while content/ is read.
    let ((theme, theme_problems), (mut sources, load_problems)) = rayon::join(
        || {
            let mut found = Diagnostics::default();
            (Theme::load(&options.root, &mut found), found)
        },
        || {
            let mut found = Diagnostics::default();
            let sources = load::load_reusing(&options.root, config, &mut found, &known);
            (sources, found)
        },
    );
    // (The texts are borrowed from the memo until here.)
    drop(unchanged);
    diagnostics.extend(theme_problems.sorted());
    diagnostics.extend(load_problems.sorted());
    let templates = Templates::compile(theme, &sources.config.languages, diagnostics);
    let highlighter = Highlighter::new();
    clock.lap("load");
    diagnostics.extend(crate::history::attach(&mut sources));
    clock.lap("history");

    // Site versions reuse what this build parsed, file by file.
    // (`check` only asks whether their refs are there.)
    let keep = if options.write { SiteInputs::of(&sources) } else { None };
    // What the last build of `serve` wrote, if it did: taken, so that a
    // build that stops before writing leaves the next one to build all.
    let last = memo.as_mut().and_then(|(memo, _)| memo.last.take());
    let (documents, fresh) = match memo.as_mut() {
        Some((memo, _)) => parse::parse_cached(sources, options.today, diagnostics, &mut memo.parse),
        None => (parse::parse(sources, options.today, diagnostics), Vec::new()),
    };
    let keep = keep.map(|keep| keep.parsed(&documents.docs));
    clock.lap("parse");
    let mut site = resolve::resolve(documents, diagnostics);
    clock.lap("resolve");
    // The keys whose pages alone are laid out again, when no other page
    // shows what changed.
    let keys = match (&last, &memo) {
        (Some(last), Some((_, Some(changes))))
            if options.write && options.pdf.is_none() && !diagnostics.has_errors() =>
        {
            last.keys(&site, &fresh, changes)
        }
        _ => None,
    };
    let older = match &keep {
        // The earlier versions of the site are as they were written.
        Some(_) if let (Some(_), Some(last)) = (&keys, &last) => {
            site.switch = last.site.switch.clone();
            Vec::new()
        }
        Some(keep) => site_versions(&mut site, keep, options, diagnostics),
        None => {
            for version in &site.config.versions {
                if let Err(why) = crate::history::check_ref(&options.root, &version.git_ref) {
                    diagnostics.push(version_skipped(version, why));
                }
            }
            Vec::new()
        }
    };
    clock.lap("versions");
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
    let bundle_bodies: Vec<Vec<render::RenderedBody>> =
        site.bundles.iter().map(|b| render::render_bundle(&site, b, &highlighter, &labels)).collect();
    clock.lap("render");
    // Files that report no problem are made only when they will be written
    // (not for `check`, nor for a build that already failed). Pages are
    // written as they are laid out, so that none waits in memory for the
    // others; a build that fails after that leaves its staging folder, never
    // the output.
    let publish = options.write && !diagnostics.has_errors();
    let out = options.out_dir();
    let cannot_write = |err: std::io::Error| {
        Diagnostic::error(out.display().to_string(), 0, 0, format!("cannot write the site: {err}"))
    };
    if let (Some(keys), Some(last), Some((memo, _))) = (&keys, &last, memo.as_mut()) {
        let layout = Layout { keys: Some(keys), ..Layout::default() };
        let files = Mutex::new(Vec::new());
        let collect = |file| {
            if let Ok(mut files) = files.lock() {
                files.push(file);
            }
        };
        let bodies = render::Bodies::new(&site, &highlighter, &labels);
        let (mut paths, indexes) = rayon::join(
            || templates.render_site(&site, &bodies, bundle_bodies, &layout, diagnostics, &collect),
            || search::indexes_cached(&site, &mut memo.search, Some(keys)),
        );
        drop(bodies);
        // The index files made, and the paths of all of them (some stay as they were).
        let search::Made { files: mut others, paths: search_files } = indexes;
        let whole_site = site_files(&site);
        paths.extend(search_files.iter().cloned());
        paths.extend(whole_site.iter().map(|f| f.path.clone()));
        others.extend(whole_site);
        clock.lap("template");
        diagnostics.extend(output_clashes(&site, &paths, false));
        if !diagnostics.has_errors() {
            let mut files = files.into_inner().unwrap_or_default();
            files.extend(others);
            match last.write_changed(&out, files, &search_files) {
                Ok(written) => {
                    report.written = true;
                    report.rewritten = Some(written);
                    memo.last = Some(memo::Last { site, search_files });
                }
                Err(err) => diagnostics.push(cannot_write(err)),
            }
        }
        clock.lap("write");
        report.elapsed = started.elapsed();
        report.timings = clock.laps;
        return (report, acceptances);
    }
    let staging = match publish.then(|| write::begin(&out, options.force, !older.is_empty())) {
        Some(Ok(staging)) => Some(staging),
        Some(Err(err)) => {
            diagnostics.push(cannot_write(err));
            report.elapsed = started.elapsed();
            return (report, acceptances);
        }
        None => None,
    };
    let made = Made { staging: staging.as_ref(), failed: Mutex::default() };
    let bodies = render::Bodies::new(&site, &highlighter, &labels);
    let search_cache = memo.as_mut().map(|(memo, _)| &mut memo.search);
    // With PDFs, the print files first: the pages, which link the PDFs with
    // their sizes, are laid out once the PDFs are made.
    let pdfs_first = engine.is_some() && publish;
    let first =
        Layout { files: if pdfs_first { render::Files::Print } else { render::Files::All }, ..Layout::default() };
    // The search indexes while the pages are laid out.
    let (mut paths, indexes) = rayon::join(
        || templates.render_site(&site, &bodies, bundle_bodies, &first, diagnostics, &|f| made.emit(f)),
        || match (publish, search_cache) {
            (false, _) => Vec::new(),
            (true, Some(cache)) => search::indexes_cached(&site, cache, None).files,
            (true, None) => search::indexes(&site),
        },
    );
    let search_files: Vec<String> = indexes.iter().map(|f| f.path.clone()).collect();
    if publish {
        let mut files = indexes;
        paths.extend(files.iter().map(|f| f.path.clone()));
        files.into_iter().for_each(|f| made.emit(f));
        for older in &older {
            paths.extend(older.render(&templates, &highlighter, &labels, &|f| made.emit(f)));
        }
        files = site_files(&site);
        paths.extend(files.iter().map(|f| f.path.clone()));
        files.into_iter().for_each(|f| made.emit(f));
    }
    clock.lap("template");
    let failed = made.failed;
    diagnostics.extend(output_clashes(&site, &paths, engine.is_some()));
    if let Some(err) = failed.into_inner().ok().flatten() {
        diagnostics.push(cannot_write(err));
    }
    let Some(staging) = staging.filter(|_| !diagnostics.has_errors()) else {
        if pdfs_first {
            // No PDF will be made: the pages are laid out all the same, so
            // that their problems are reported with the others.
            let layout = Layout { files: render::Files::Pages, ..Layout::default() };
            templates.render_site(&site, &bodies, Vec::new(), &layout, diagnostics, &|_| {});
        }
        report.elapsed = started.elapsed();
        report.timings = clock.laps;
        return (report, acceptances);
    };
    let mut copies = site.copies.clone();
    for older in &older {
        let prefix = older.prefix();
        copies.extend(older.site.copies.iter().map(|(from, to)| (from.clone(), format!("{prefix}{to}"))));
    }
    if let Err(err) = staging.copy(&copies) {
        diagnostics.push(cannot_write(err));
        report.elapsed = started.elapsed();
        return (report, acceptances);
    }
    clock.lap("write");
    if let Some(engine) = &engine {
        let cache = out.parent().map(pdf::cache_dir);
        let (pdfs, printed) = make_pdfs(&site, engine, &staging.dir, cache.as_deref(), options.progress, diagnostics);
        report.pdfs_printed = printed;
        report.pdfs = pdfs.values().cloned().collect();
        clock.lap("pdf");
        // The pages, now that they can link their PDFs with their sizes.
        let made = Made { staging: Some(&staging), failed: Mutex::default() };
        let layout = Layout { pdfs: Some(&pdfs), files: render::Files::Pages, ..Layout::default() };
        templates.render_site(&site, &bodies, Vec::new(), &layout, diagnostics, &|f| made.emit(f));
        if let Some(err) = made.failed.into_inner().ok().flatten() {
            diagnostics.push(cannot_write(err));
        }
        clock.lap("pages");
    }
    if !diagnostics.has_errors() {
        match staging.commit() {
            Ok(()) => report.written = true,
            Err(err) => diagnostics.push(cannot_write(err)),
        }
    }
    drop(bodies);
    if let Some((memo, _)) = memo
        && report.written
    {
        memo.last = Some(memo::Last { site, search_files });
    }
    report.elapsed = started.elapsed();
    report.timings = clock.laps;
    (report, acceptances)
}

/// The files made from the whole site, beside its pages and search
/// indexes: the table of versions, the catalogue, the feeds, the sitemap.
fn site_files(site: &resolve::Site) -> Vec<write::OutputFile> {
    let mut files = Vec::new();
    if let Some(switch) = &site.switch {
        let json = resolve::switch::catalogue(&switch.versions);
        files.push(write::OutputFile { path: "versions.json".to_owned(), bytes: json.into_bytes() });
    }
    files.push(feeds::catalogue(site));
    files.extend(feeds::atom(site));
    files.extend(feeds::sitemap(site));
    files
}

/// Where the files of a build go as they are made: into the staging
/// folder when the build writes; the first write that failed.
struct Made<'a> {
    staging: Option<&'a write::Staging>,
    failed: Mutex<Option<std::io::Error>>,
}

impl Made<'_> {
    fn emit(&self, file: write::OutputFile) {
        if let Some(staging) = self.staging
            && let Err(err) = staging.put(&file)
            && let Ok(mut failed) = self.failed.lock()
        {
            failed.get_or_insert(err);
        }
    }
}

/// What a build keeps of its sources when site.yaml lists versions of the
/// site: the blob id of each file (to reuse its parse) and the data files.
struct SiteInputs {
    refs: Vec<crate::config::VersionRef>,
    blobs: HashMap<String, String>,
    /// The text of each Markdown file by its blob id: a version holding the
    /// same blob takes it from here instead of from git.
    texts: HashMap<String, String>,
    data: BTreeMap<String, String>,
    parsed: parse::Parsed,
}

impl SiteInputs {
    fn of(sources: &load::Sources) -> Option<SiteInputs> {
        let refs = sources.config.versions.clone();
        if refs.is_empty() {
            return None;
        }
        let blobs: HashMap<String, String> =
            sources.files.iter().map(|f| (f.content_path.clone(), crate::history::blob_id(&f.text))).collect();
        let texts = sources.files.iter().map(|f| (blobs[&f.content_path].clone(), f.text.clone())).collect();
        let data = sources.data.iter().map(|(name, file)| (name.clone(), file.text.clone())).collect();
        Some(SiteInputs { refs, blobs, texts, data, parsed: parse::Parsed::default() })
    }

    /// Keeps what the build parsed, for the versions to reuse.
    fn parsed(self, docs: &[std::sync::Arc<parse::Document>]) -> SiteInputs {
        SiteInputs { parsed: parse::Parsed::keep(docs, &self.blobs), ..self }
    }
}

/// A site version that could not be built, said once.
fn version_skipped(version: &crate::config::VersionRef, why: String) -> Diagnostic {
    Diagnostic::warning(crate::config::FILE_NAME, 0, 0, format!("the site version `{}` was skipped: {why}", version.name))
        .with_hint(format!("check `ref: {}` under `versions:` (`git tag` and `git branch -a` list the refs), or build from a clone that has it (`git fetch --tags`)", version.git_ref))
}

/// An earlier version of the whole site, resolved, and the folder its
/// files were read into (it holds the files its pages copy).
struct OlderSite {
    site: resolve::Site,
    _files: tempfile::TempDir,
}

impl OlderSite {
    fn prefix(&self) -> String {
        self.site.switch.as_ref().map(|s| s.this().prefix.clone()).unwrap_or_default()
    }

    /// Its pages, search indexes, feeds and theme files, under `v/<name>/`,
    /// handed to `emit`; returns their paths. What an old version gets
    /// wrong is history: its problems are not reported.
    fn render(
        &self,
        templates: &Templates,
        highlighter: &Highlighter,
        labels: &BTreeMap<String, &crate::i18n::Labels>,
        emit: &(dyn Fn(write::OutputFile) + Sync),
    ) -> Vec<String> {
        let mut dropped = Diagnostics::default();
        let prefix = self.prefix();
        let under_prefix = |mut file: write::OutputFile| {
            if file.path != "404.html" {
                file.path.insert_str(0, &prefix);
                emit(file);
            }
        };
        let bodies = render::Bodies::new(&self.site, highlighter, labels);
        let bundle_bodies: Vec<Vec<render::RenderedBody>> =
            self.site.bundles.iter().map(|b| render::render_bundle(&self.site, b, highlighter, labels)).collect();
        let mut paths =
            templates.render_site(&self.site, &bodies, bundle_bodies, &Layout::default(), &mut dropped, &under_prefix);
        paths.retain(|p| p != "404.html");
        let mut others = search::indexes(&self.site);
        others.extend(feeds::atom(&self.site));
        paths.extend(others.iter().map(|f| f.path.clone()));
        others.into_iter().for_each(under_prefix);
        paths.into_iter().map(|p| format!("{prefix}{p}")).collect()
    }
}

/// Builds each git ref of `versions:` (site.yaml) up to its resolved site,
/// with this build's settings and theme, and gives every site, this one
/// too, the switch between them. A ref that cannot be read is skipped
/// with a warning, like the versions of a shallow clone.
fn site_versions(
    site: &mut resolve::Site,
    inputs: &SiteInputs,
    options: &BuildOptions,
    diagnostics: &mut Diagnostics,
) -> Vec<OlderSite> {
    let mut versions = vec![resolve::switch::SiteVersion::of(site, None, String::new())];
    let mut older = Vec::new();
    let known: HashSet<String> = inputs.texts.keys().cloned().collect();
    for version in &inputs.refs {
        let skipped = |why: String| version_skipped(version, why);
        let tree = match crate::history::read_ref(&options.root, &version.git_ref, &known) {
            Ok(tree) => tree,
            Err(why) => {
                diagnostics.push(skipped(why));
                continue;
            }
        };
        let Ok(files) = tempfile::Builder::new().prefix("relais-version-").tempdir() else {
            diagnostics.push(skipped("cannot make a temporary folder".to_owned()));
            continue;
        };
        let blobs = tree.blobs();
        let prefix = format!("v/{}/", version.name);
        let mut config = site.config.clone();
        config.root = files.path().to_path_buf();
        config.versions = Vec::new();
        config.base_url = config.base_url.map(|url| format!("{url}{prefix}"));
        let mut dropped = Diagnostics::default();
        let texts = tree.files.into_iter().map(|(path, blob, bytes)| {
            let text = match inputs.texts.get(&blob) {
                Some(text) if bytes.is_empty() => load::TreeText::Text(text.clone()),
                _ => load::TreeText::Bytes(bytes),
            };
            (path, text)
        });
        let sources = match load::load_tree(files.path(), config, texts.collect(), &mut dropped) {
            Ok(sources) => sources,
            Err(err) => {
                diagnostics.push(skipped(format!("cannot read its files: {err}")));
                continue;
            }
        };
        let same_data = sources.data.len() == inputs.data.len()
            && sources.data.iter().all(|(name, file)| inputs.data.get(name) == Some(&file.text));
        let reuse = same_data.then_some(parse::Reuse { parsed: &inputs.parsed, blobs: &blobs });
        let documents = parse::parse_reusing(sources, options.today, &mut dropped, reuse);
        let old = resolve::resolve(documents, &mut dropped);
        if old.homes.is_empty() {
            diagnostics.push(skipped(format!("content/ at `{}` has no home page", version.git_ref)));
            continue;
        }
        let mut entry = resolve::switch::SiteVersion::of(&old, Some(version.name.clone()), prefix);
        entry.git_ref = Some(version.git_ref.clone());
        entry.commit = Some(tree.commit.clone());
        entry.time = Some(tree.time);
        versions.push(entry);
        older.push(OlderSite { site: old, _files: files });
    }
    let versions = std::sync::Arc::new(versions);
    site.switch = Some(resolve::switch::Switch { versions: versions.clone(), this: 0 });
    for (i, older) in older.iter_mut().enumerate() {
        older.site.switch = Some(resolve::switch::Switch { versions: versions.clone(), this: i + 1 });
    }
    older
}

/// Outputs that would overwrite each other (a bundle's `index.html`, a
/// `slug` that lands on another page, names that differ only in capitals),
/// each reported at the content file it comes from.
fn output_clashes(site: &resolve::Site, files: &[String], pdfs: bool) -> Vec<Diagnostic> {
    let mut origin: HashMap<String, String> = HashMap::new();
    for page in &site.pages {
        let source = match site.page_doc(page) {
            Some(doc) => doc.display.clone(),
            None => format!("the `{}` page of the section `{}`", page.lang, page.key),
        };
        let module = site.is_module(page);
        let mut paths = site.page_files(page);
        if pdfs {
            paths.extend(page.pdf_path());
            if module {
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
    outputs.extend(files.iter().map(|path| (path.as_str(), origin.get(path).unwrap_or(&own).as_str())));
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
    for page in site.pages.iter().filter(|p| site.is_module(p)) {
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
