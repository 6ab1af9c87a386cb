//! PDFs of the print files, made by a browser engine already on the
//! machine: WeasyPrint (preferred: it fills the contents' page numbers and
//! writes title, language and author into the PDF) or headless Chromium.
//!
//! Chromium is started once and driven over the DevTools protocol on a
//! pipe (`--remote-debugging-pipe`: messages are JSON ended by a NUL byte,
//! read from the browser's fd 4 and written to its fd 3), printing in a
//! few tabs at once, tagged and with an outline. WeasyPrint runs as one
//! process per file, a few at a time, as PDF/UA-1 (tagged).
//!
//! Every PDF is kept in a cache beside the output folder
//! (`build/.cache/pdf/`), named by a hash of the engine, the print file and
//! the files it uses (stylesheets, images, scripts, and what the
//! stylesheets load): a print file whose hash is in the cache is copied
//! from it instead of printed.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use rayon::prelude::*;
use serde_json::{Value, json};

/// A PDF made of a print file: its path, pages and size.
#[derive(Debug, Clone)]
pub struct PdfInfo {
    pub path: String,
    pub pages: usize,
    pub bytes: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EngineChoice {
    /// WeasyPrint if installed, else Chromium.
    Auto,
    Chromium,
    WeasyPrint,
}

#[derive(Debug, Clone)]
pub enum Engine {
    Chromium(PathBuf),
    WeasyPrint(PathBuf),
}

const CHROMIUM_NAMES: &[&str] = &["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];
/// A print file that takes longer than this is given up on.
const TIMEOUT: Duration = Duration::from_secs(180);
/// Bumped when the way PDFs are made changes, so that older ones are not reused.
const CACHE_VERSION: &str = "pdf-cache-2";
/// Cached PDFs no build has used for this long are deleted.
const CACHE_KEEP: Duration = Duration::from_secs(30 * 24 * 3600);

/// Where PDFs are kept between builds: `.cache/pdf/` in the folder that
/// holds the output (`build/.cache/pdf/` for `build/site`), never inside it.
pub fn cache_dir(out_parent: &Path) -> PathBuf {
    out_parent.join(".cache").join("pdf")
}

fn find_program(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).flat_map(|dir| names.iter().map(move |name| dir.join(name))).find(|p| p.is_file())
}

/// What a run of [`make_all`] did.
#[derive(Debug, Default)]
pub struct Made {
    /// One result per job, in the jobs' order.
    pub results: Vec<Result<PdfInfo, String>>,
    /// How many were printed (the others came from the cache).
    pub printed: usize,
}

impl Engine {
    /// The engine to use, or what to install.
    pub fn find(choice: EngineChoice) -> Result<Engine, String> {
        let weasyprint = || find_program(&["weasyprint"]).map(Engine::WeasyPrint);
        let chromium = || find_program(CHROMIUM_NAMES).map(Engine::Chromium);
        let found = match choice {
            EngineChoice::Auto => weasyprint().or_else(chromium),
            EngineChoice::Chromium => chromium(),
            EngineChoice::WeasyPrint => weasyprint(),
        };
        found.ok_or_else(|| {
            "no PDF engine found: install Chromium (Debian/Ubuntu: `apt-get install chromium`) or WeasyPrint \
             (`apt-get install weasyprint` or `pip install weasyprint`), then run the build again"
                .to_owned()
        })
    }

    pub fn name(&self) -> &'static str {
        match self {
            Engine::Chromium(_) => "Chromium",
            Engine::WeasyPrint(_) => "WeasyPrint",
        }
    }
}

/// Prints every `(html, pdf)` pair (output paths inside `dir`) that the
/// cache (a folder, when given) does not already hold.
pub fn make_all(
    engine: &Engine,
    dir: &Path,
    jobs: &[(String, String)],
    cache: Option<&Path>,
    progress: Option<fn(&str, usize, usize)>,
) -> Made {
    let cache = cache.filter(|c| std::fs::create_dir_all(c).is_ok());
    let keys: Vec<Option<String>> = match cache {
        Some(_) => {
            let files = FileDigests::default();
            jobs.par_iter().map(|(html, _)| cache_key(engine, dir, html, &files)).collect()
        }
        None => vec![None; jobs.len()],
    };
    // What the cache holds is copied in (and counted, by `pdfinfo`) in parallel.
    let mut results: Vec<Option<Result<PdfInfo, String>>> = jobs
        .par_iter()
        .zip(&keys)
        .map(|((_, pdf), key)| {
            let cached = cache.zip(key.as_ref()).map(|(c, key)| c.join(format!("{key}.pdf")))?;
            if !cached.is_file() || std::fs::copy(&cached, dir.join(pdf)).is_err() {
                return None;
            }
            // Touched, so that pruning keeps what builds still use.
            let _ = std::fs::File::options().append(true).open(&cached).and_then(|f| f.set_modified(SystemTime::now()));
            Some(info(dir, pdf))
        })
        .collect();
    let to_print: Vec<usize> = (0..jobs.len()).filter(|&i| results[i].is_none()).collect();
    let done = std::sync::atomic::AtomicUsize::new(jobs.len() - to_print.len());
    let report = || {
        if let Some(report) = progress {
            report("PDF", done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1, jobs.len());
        }
    };
    let printing: Vec<(String, String)> = to_print.iter().map(|&i| jobs[i].clone()).collect();
    let printed = match engine {
        Engine::Chromium(program) => chromium::print_all(program, dir, &printing, &report),
        Engine::WeasyPrint(program) => weasyprint_all(program, dir, &printing, &report),
    };
    for (&i, result) in to_print.iter().zip(printed) {
        if let (Ok(_), Some(cache), Some(key)) = (&result, cache, &keys[i]) {
            // Through a temporary name, so that a stopped build leaves no half file.
            let part = cache.join(format!("{key}.part"));
            if std::fs::copy(dir.join(&jobs[i].1), &part).is_ok() {
                let _ = std::fs::rename(&part, cache.join(format!("{key}.pdf")));
            }
        }
        results[i] = Some(result);
    }
    if let Some(cache) = cache {
        prune(cache);
    }
    Made {
        results: results.into_iter().map(|r| r.unwrap_or_else(|| Err("not printed".to_owned()))).collect(),
        printed: to_print.len(),
    }
}

fn info(dir: &Path, pdf: &str) -> Result<PdfInfo, String> {
    let path = dir.join(pdf);
    let bytes = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    if bytes == 0 {
        return Err(format!("{pdf} is empty"));
    }
    Ok(PdfInfo { path: pdf.to_owned(), pages: count_pages(&path), bytes })
}

/// The files a print file loads, hashed once per build: a module's print
/// file, its editions and the bundles that hold it share their images and
/// stylesheets. By path (made without `..`): its digest, and for a
/// stylesheet the files it loads in turn.
#[derive(Default)]
struct FileDigests(Mutex<std::collections::HashMap<PathBuf, Option<Arc<FileDigest>>>>);

struct FileDigest {
    sha1: Vec<u8>,
    loads: Vec<PathBuf>,
}

impl FileDigests {
    fn get(&self, path: &Path) -> Option<Arc<FileDigest>> {
        if let Some(known) = self.0.lock().ok()?.get(path) {
            return known.clone();
        }
        // Read outside the lock; two threads may read one file once each.
        let made = std::fs::read(path).ok().map(|bytes| {
            use sha1::{Digest, Sha1};
            let loads = match path.extension().is_some_and(|e| e == "css") {
                true => referenced(&String::from_utf8_lossy(&bytes), &["url("])
                    .into_iter()
                    .filter_map(|r| local_file(path, &r))
                    .collect(),
                false => Vec::new(),
            };
            Arc::new(FileDigest { sha1: Sha1::digest(&bytes).to_vec(), loads })
        });
        self.0.lock().ok()?.insert(path.to_path_buf(), made.clone());
        made
    }
}

/// A hash of what a PDF is made from: the engine, the print file, and each
/// file the engine loads for it (`src`, stylesheets, images and fonts named
/// by `href`, not pages nor downloads), with what stylesheets load by
/// `url(…)`. `None` when the print file cannot be read.
fn cache_key(engine: &Engine, dir: &Path, html: &str, files: &FileDigests) -> Option<String> {
    use sha1::{Digest, Sha1};
    const LOADED: &[&str] = &["css", "png", "jpg", "jpeg", "gif", "svg", "webp", "woff", "woff2", "ttf", "otf"];
    let html_path = dir.join(html);
    let text = std::fs::read_to_string(&html_path).ok()?;
    let mut hasher = Sha1::new();
    hasher.update(CACHE_VERSION.as_bytes());
    hasher.update(engine.name().as_bytes());
    hasher.update([0]);
    hasher.update(text.as_bytes());
    let loaded = |p: &PathBuf| p.extension().and_then(|e| e.to_str()).is_some_and(|e| LOADED.contains(&e));
    let mut queue: Vec<PathBuf> = referenced(&text, &["src="])
        .into_iter()
        .filter_map(|r| local_file(&html_path, &r))
        .filter(|p| p.extension().is_none_or(|e| e != "html"))
        .chain(referenced(&text, &["href="]).into_iter().filter_map(|r| local_file(&html_path, &r)).filter(loaded))
        .collect();
    let mut seen = std::collections::BTreeMap::new();
    while let Some(path) = queue.pop() {
        if seen.contains_key(&path) {
            continue;
        }
        let Some(digest) = files.get(&path) else { continue };
        queue.extend(digest.loads.iter().cloned());
        seen.insert(path, digest);
    }
    for (path, digest) in &seen {
        hasher.update(path.strip_prefix(dir).unwrap_or(path).to_string_lossy().as_bytes());
        hasher.update([0]);
        hasher.update(&digest.sha1);
    }
    Some(hasher.finalize().iter().map(|b| format!("{b:02x}")).collect())
}

/// The values after each marker (`src=`, `url(`), quoted or not.
fn referenced(text: &str, markers: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for marker in markers {
        for (at, _) in text.match_indices(marker) {
            let rest = text[at + marker.len()..].trim_start();
            let (quote, rest) = match rest.chars().next() {
                Some(q @ ('"' | '\'')) => (Some(q), &rest[1..]),
                _ => (None, rest),
            };
            let end = rest
                .find(|c: char| match quote {
                    Some(q) => c == q,
                    None => c.is_whitespace() || c == '>' || c == ')',
                })
                .unwrap_or(rest.len());
            found.push(rest[..end].to_owned());
        }
    }
    found
}

/// A relative reference as a file beside `from`, if it is one.
fn local_file(from: &Path, reference: &str) -> Option<PathBuf> {
    let reference = reference.split(['#', '?']).next()?;
    if reference.is_empty() || reference.contains(':') || reference.starts_with('/') {
        return None;
    }
    // Without `..`, so that one file reached two ways is one file.
    let mut path = from.parent()?.to_path_buf();
    for part in Path::new(reference).components() {
        match part {
            std::path::Component::ParentDir => {
                path.pop();
            }
            std::path::Component::Normal(name) => path.push(name),
            _ => {}
        }
    }
    path.is_file().then_some(path)
}

/// Deletes cached PDFs no build has used for a month.
fn prune(cache: &Path) {
    let Ok(entries) = std::fs::read_dir(cache) else { return };
    for entry in entries.flatten() {
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > CACHE_KEEP);
        if old {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// One WeasyPrint process per file, a few at a time.
fn weasyprint_all(
    program: &Path,
    dir: &Path,
    jobs: &[(String, String)],
    report: &(dyn Fn() + Sync),
) -> Vec<Result<PdfInfo, String>> {
    let parallel = std::thread::available_parallelism().map_or(2, |n| n.get()).clamp(1, 4);
    let print = |(html, pdf): &(String, String)| {
        let result = weasyprint(program, dir, html, pdf);
        report();
        result
    };
    match rayon::ThreadPoolBuilder::new().num_threads(parallel).build() {
        Ok(pool) => pool.install(|| jobs.par_iter().map(print).collect()),
        Err(_) => jobs.iter().map(print).collect(),
    }
}

fn weasyprint(program: &Path, dir: &Path, html: &str, pdf: &str) -> Result<PdfInfo, String> {
    let html_path = std::fs::canonicalize(dir.join(html)).map_err(|e| format!("{html}: {e}"))?;
    let pdf_path = dir.join(pdf);
    let mut child = Command::new(program)
        .args(["--quiet", "--pdf-variant", "pdf/ua-1"])
        .arg(&html_path)
        .arg(&pdf_path)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start WeasyPrint: {e}"))?;
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            break status;
        }
        if started.elapsed() > TIMEOUT {
            let _ = child.kill();
            return Err(format!("WeasyPrint took more than {} s on {html}", TIMEOUT.as_secs()));
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let bytes = std::fs::metadata(&pdf_path).map(|m| m.len()).unwrap_or(0);
    if !status.success() || bytes == 0 {
        let mut stderr = String::new();
        if let Some(mut pipe) = child.stderr.take() {
            let _ = pipe.read_to_string(&mut stderr);
        }
        let last = stderr.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("no output");
        return Err(format!("WeasyPrint could not print {html}: {last}"));
    }
    info(dir, pdf)
}

mod chromium;

/// The number of pages: from `pdfinfo` when it is installed, else by
/// counting page objects.
fn count_pages(pdf: &Path) -> usize {
    let from_pdfinfo = Command::new("pdfinfo").arg(pdf).output().ok().and_then(|out| {
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        text.lines().find_map(|l| l.strip_prefix("Pages:").and_then(|n| n.trim().parse().ok()))
    });
    from_pdfinfo.unwrap_or_else(|| {
        let bytes = std::fs::read(pdf).unwrap_or_default();
        let text = String::from_utf8_lossy(&bytes);
        ["/Type /Page", "/Type/Page"]
            .iter()
            .map(|marker| {
                text.match_indices(marker).filter(|(i, _)| !text[i + marker.len()..].starts_with('s')).count()
            })
            .sum()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_decodes_what_the_protocol_sends() {
        assert_eq!(chromium::base64("JVBERi0xLjQK").unwrap(), b"%PDF-1.4\n");
        assert_eq!(chromium::base64("YWI=").unwrap(), b"ab");
        assert!(chromium::base64("a*b").is_none());
    }

    #[test]
    fn references_are_found_quoted_or_not() {
        let html = r#"<link href="../static/print.css"><img src=a.png alt=x><a href='#top'>"#;
        assert_eq!(referenced(html, &["src=", "href="]), ["a.png", "../static/print.css", "#top"]);
        assert_eq!(referenced("a{background:url( 'x.svg' )} b{src:url(f.woff2)}", &["url("]), ["x.svg", "f.woff2"]);
    }
}
