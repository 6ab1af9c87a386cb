//! Helpers shared by the tests: run the binary, build fixtures into
//! temporary folders, read pages as parsed HTML, and crawl a built site.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use scraper::{Html, Selector};

pub fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(path)
}

pub struct Run {
    pub status: i32,
    pub stderr: String,
    pub stdout: String,
}

pub fn relais(args: &[&str]) -> Run {
    relais_with(args, &[])
}

/// The binary with these environment variables set (`SOURCE_DATE_EPOCH`, `PATH` …).
pub fn relais_with(args: &[&str], env: &[(&str, &str)]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_relais"))
        .args(args)
        .envs(env.iter().copied())
        .output()
        .expect("the relais binary runs");
    Run {
        status: output.status.code().unwrap_or(-1),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
    }
}

/// A site built into a temporary folder, removed when dropped.
pub struct Built {
    /// The folder removed with the build (none for the bundled site, built
    /// once into cargo's folder for tests).
    _dir: Option<tempfile::TempDir>,
    pub out: PathBuf,
    pub run: Run,
}

/// 2026-12-01: the date checks of the bundled content (stale directory
/// entries, accepted warnings with an end date) see the same day every run;
/// `relais check` on the real date is for the authors.
pub const TODAY: &str = "1796083200";

/// The bundled `content/` (git history and all, so version pages, site
/// versions and redlines are there), built once for every test that reads
/// it: a full build takes seconds, and nine tests only read its output.
pub fn bundled_site() -> &'static Built {
    static BUILT: std::sync::OnceLock<Built> = std::sync::OnceLock::new();
    BUILT.get_or_init(|| {
        // Replaced by the next run, like any site relais wrote.
        let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("bundled-site");
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let run = relais_with(
            &["build", "--root", root.to_str().unwrap(), "--out", out.to_str().unwrap()],
            &[("SOURCE_DATE_EPOCH", TODAY)],
        );
        assert_eq!(run.status, 0, "building content/ failed:\n{}", run.stderr);
        Built { _dir: None, out, run }
    })
}

impl Built {
    pub fn page(&self, path: &str) -> Html {
        read_page(&self.out.join(path))
    }

    /// A document as one page: the `<main>` of its page and of each of its
    /// sections' pages when it is cut into sections, in order.
    pub fn document(&self, path: &str) -> Html {
        let mains: String = document_files(&self.out.join(path))
            .iter()
            .map(|file| select(&read_page(file), "main").into_iter().map(|m| m.html()).collect::<String>())
            .collect();
        Html::parse_document(&format!("<!DOCTYPE html><html><body>{mains}</body></html>"))
    }
}

/// The files a document is read in: its page and, when it is cut into
/// sections, the page of each later section, as its contents list gives them.
pub fn document_files(page: &Path) -> Vec<PathBuf> {
    let html = read_page(page);
    let mut files = vec![page.to_path_buf()];
    for link in select(&html, "nav.part-toc a[href]") {
        let (file, _) = follow(page, attr(link, "href"));
        if !files.contains(&file) {
            files.push(file);
        }
    }
    files
}

pub fn build_fixture(name: &str, extra: &[&str]) -> Built {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let root = fixture(name);
    let mut args = vec!["build", "--root", root.to_str().unwrap(), "--out", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    let run = relais(&args);
    assert_eq!(run.status, 0, "building {name} failed:\n{}", run.stderr);
    Built { _dir: Some(dir), out, run }
}

pub fn read_page(path: &Path) -> Html {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    Html::parse_document(&text)
}

pub fn select<'a>(html: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    html.select(&Selector::parse(css).unwrap()).collect()
}

pub fn one<'a>(html: &'a Html, css: &str) -> scraper::ElementRef<'a> {
    let found = select(html, css);
    assert_eq!(found.len(), 1, "expected one `{css}`, found {}", found.len());
    found[0]
}

pub fn text(element: scraper::ElementRef<'_>) -> String {
    element.text().collect::<String>()
}

pub fn attr<'a>(element: scraper::ElementRef<'a>, name: &str) -> &'a str {
    element.value().attr(name).unwrap_or_else(|| panic!("no `{name}` on {:?}", element.value()))
}

/// The file a relative URL on page `from` points to, and its fragment.
pub fn follow(from: &Path, href: &str) -> (PathBuf, Option<String>) {
    let (path, fragment) = match href.split_once('#') {
        Some((p, f)) => (p, Some(f.to_owned())),
        None => (href, None),
    };
    let target = if path.is_empty() { from.to_path_buf() } else { from.parent().unwrap().join(decode(path)) };
    (normalize(&target), fragment)
}

fn decode(path: &str) -> String {
    relais::resolve::urls::decode(path)
}

fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

pub fn html_files(out: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> =
        walk(out).into_iter().filter(|p| p.extension().is_some_and(|e| e == "html")).collect();
    files.sort();
    files
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() { files.extend(walk(&path)) } else { files.push(path) }
    }
    files
}

/// Follows every `href` and `src` of every page as a browser on `file://`
/// would; returns what does not resolve to a file, or to an id in it.
#[must_use = "the problems found must be asserted"]
pub fn crawl(out: &Path) -> Vec<String> {
    let pages = html_files(out);
    let mut ids: BTreeMap<PathBuf, HashSet<String>> = BTreeMap::new();
    let parsed: Vec<(PathBuf, Html)> = pages.iter().map(|p| (p.clone(), read_page(p))).collect();
    for (path, html) in &parsed {
        let set = select(html, "[id]").iter().map(|e| attr(*e, "id").to_owned()).collect();
        ids.insert(normalize(path), set);
    }
    let mut problems = Vec::new();
    for (path, html) in &parsed {
        let rel = path.strip_prefix(out).unwrap().display().to_string();
        for element in select(html, "[href], [src]") {
            let tag = element.value().name();
            let value = element.value().attr("href").or(element.value().attr("src")).unwrap();
            let external = value.starts_with("//") || value.split_once(':').is_some_and(|(s, _)| !s.contains('/'));
            if external {
                let allowed = tag == "a"
                    || (tag == "link"
                        && element.value().attr("rel").is_some_and(|r| r == "canonical" || r == "alternate"));
                if !allowed {
                    problems.push(format!("{rel}: <{tag}> loads {value} from another host"));
                }
                continue;
            }
            if value.starts_with('/') {
                problems.push(format!("{rel}: root-absolute {value}"));
                continue;
            }
            let (target, fragment) = follow(path, value);
            if target.is_dir() {
                problems.push(format!("{rel}: {value} is a folder"));
            } else if !target.is_file() {
                problems.push(format!("{rel}: {value} does not exist"));
            } else if let Some(fragment) = fragment.filter(|f| !f.is_empty())
                && target.extension().is_some_and(|e| e == "html")
                && !ids.get(&target).is_some_and(|s| s.contains(&decode(&fragment)))
            {
                problems.push(format!("{rel}: no #{fragment} in {}", target.display()));
            }
        }
    }
    problems
}

/// Makes `root` a git repository with everything in one commit, as authors
/// keep a site: its documents then have a history (of one version), and no
/// warning says that versions were skipped.
pub fn commit_all(root: &Path) {
    for args in [&["init", "-q"][..], &["add", "-A"], &["commit", "-qm", "site"]] {
        let run = Command::new("git")
            .args(["-c", "user.name=Author", "-c", "user.email=author@example.org", "-c", "commit.gpgsign=false"])
            .args(args)
            .current_dir(root)
            .output()
            .expect("git runs");
        assert!(run.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&run.stderr));
    }
}

/// Copies a fixture site into a temporary folder as a git repository of one
/// commit, the way its authors keep it.
pub fn copy_site(from: &Path, to: &Path) {
    copy_dir(from, to);
    commit_all(to);
}

/// Copies a fixture site, to edit it in a temporary folder.
pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A program some tests need beside relais: its names on the PATH, and the
/// Debian package that installs it.
pub struct Tool {
    pub names: &'static [&'static str],
    pub package: &'static str,
}

pub const CHROMIUM: Tool =
    Tool { names: &["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"], package: "chromium" };
pub const WEASYPRINT: Tool = Tool { names: &["weasyprint"], package: "weasyprint" };
pub const POPPLER: Tool = Tool { names: &["pdftotext"], package: "poppler-utils" };
pub const PANDOC: Tool = Tool { names: &["pandoc"], package: "pandoc" };

/// Whether the test must stop here for want of one of `tools`: run by hand
/// on a machine without them, the test says so on stderr and passes
/// skipped; under CI (`CI` set, as `.ci/run` sets it) a missing tool fails
/// the test, so that nothing passes there without having run.
pub fn skipped_without(tools: &[Tool]) -> bool {
    let on_path = |name: &str| {
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()).any(|d| d.join(name).is_file())
    };
    let missing: Vec<&Tool> = tools.iter().filter(|t| !t.names.iter().any(|n| on_path(n))).collect();
    if missing.is_empty() {
        return false;
    }
    let packages: Vec<&str> = missing.iter().map(|t| t.package).collect();
    let why = format!("needs {} (apt-get install -y {})", packages.join(", "), packages.join(" "));
    let ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0");
    assert!(!ci, "{why}: CI requires it");
    let test = std::thread::current().name().unwrap_or("this test").to_owned();
    eprintln!("SKIPPED {test}: {why}");
    true
}
