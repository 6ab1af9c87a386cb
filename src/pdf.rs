//! PDFs of the print files, made by a browser engine already on the
//! machine: WeasyPrint (preferred: it fills the contents' page numbers and
//! writes title, language and author into the PDF) or headless Chromium.
//! Engines run as separate processes, a few at a time.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::template::PdfInfo;

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

fn find_program(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).flat_map(|dir| names.iter().map(move |name| dir.join(name))).find(|p| p.is_file())
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

    fn command(&self, html: &Path, pdf: &Path, profile: &Path) -> Command {
        match self {
            Engine::WeasyPrint(program) => {
                let mut command = Command::new(program);
                command.arg("--quiet").arg(html).arg(pdf);
                command
            }
            Engine::Chromium(program) => {
                let mut command = Command::new(program);
                command
                    .args([
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--disable-quic",
                        "--no-first-run",
                        "--no-pdf-header-footer",
                    ])
                    .arg(format!("--user-data-dir={}", profile.display()))
                    .arg(format!("--print-to-pdf={}", pdf.display()))
                    .arg(format!("file://{}", html.display()));
                command
            }
        }
    }

    /// Prints one HTML file of `dir` to a PDF beside it.
    fn print(&self, dir: &Path, html: &str, pdf: &str) -> Result<PdfInfo, String> {
        let html_path = std::fs::canonicalize(dir.join(html)).map_err(|e| format!("{html}: {e}"))?;
        let pdf_path = dir.join(pdf);
        let profile = std::env::temp_dir().join(format!("relais-pdf-{}-{}", std::process::id(), pdf.replace('/', "_")));
        let mut child = self
            .command(&html_path, &pdf_path, &profile)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", self.name()))?;
        let started = Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
                break status;
            }
            if started.elapsed() > TIMEOUT {
                let _ = child.kill();
                let _ = std::fs::remove_dir_all(&profile);
                return Err(format!("{} took more than {} s on {html}", self.name(), TIMEOUT.as_secs()));
            }
            std::thread::sleep(Duration::from_millis(50));
        };
        let _ = std::fs::remove_dir_all(&profile);
        let bytes = std::fs::metadata(&pdf_path).map(|m| m.len()).unwrap_or(0);
        if !status.success() || bytes == 0 {
            let mut stderr = String::new();
            if let Some(mut pipe) = child.stderr.take() {
                let _ = std::io::Read::read_to_string(&mut pipe, &mut stderr);
            }
            let last = stderr.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("no output");
            return Err(format!("{} could not print {html}: {last}", self.name()));
        }
        Ok(PdfInfo { path: pdf.to_owned(), pages: count_pages(&pdf_path), bytes })
    }
}

/// Prints every `(html, pdf)` pair (output paths inside `dir`), a few
/// engines at a time.
pub fn make_all(
    engine: &Engine,
    dir: &Path,
    jobs: &[(String, String)],
    progress: Option<fn(&str, usize, usize)>,
) -> Vec<Result<PdfInfo, String>> {
    let parallel = std::thread::available_parallelism().map_or(2, |n| n.get()).clamp(1, 4);
    let done = std::sync::atomic::AtomicUsize::new(0);
    let print = |(html, pdf): &(String, String)| {
        let result = engine.print(dir, html, pdf);
        if let Some(report) = progress {
            report("PDF", done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1, jobs.len());
        }
        result
    };
    match rayon::ThreadPoolBuilder::new().num_threads(parallel).build() {
        Ok(pool) => pool.install(|| jobs.par_iter().map(print).collect()),
        Err(_) => jobs.iter().map(print).collect(),
    }
}

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
