//! content/ -> [`Sources`]: which files are pages, in which language, under
//! which translation key; the text of each, and the files copied beside them.
//! Nothing here interprets front matter or Markdown.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics, did_you_mean, display_path};
use crate::yaml::{self, Origin};

pub const CONTENT_DIR: &str = "content";
pub const DATA_DIR: &str = "_data";

/// What a Markdown file is in the site's tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// `name.<lang>.md`
    Document,
    /// `index.<lang>.md` of a folder that is a document (a bundle).
    Bundle,
    /// `_index.<lang>.md`: the page of its folder (the home page at the top).
    Section,
}

#[derive(Debug, Clone)]
pub struct SourceFile {
    /// As shown in diagnostics: `content/sops/x.en.md`.
    pub display: String,
    /// Path under content/, `/`-separated: `sops/x.en.md`.
    pub content_path: String,
    /// Translation key: the path without language and extension (`sops/x`);
    /// for a section or bundle, its folder (`sops`, `""` for the home page).
    pub key: String,
    pub lang: String,
    pub role: Role,
    /// UTF-8, without BOM, with `\n` line ends.
    pub text: String,
}

/// A file that is not a page, copied to the output.
#[derive(Debug, Clone)]
pub struct Asset {
    pub path: PathBuf,
    /// Path under content/, `/`-separated.
    pub content_path: String,
    /// The key of the bundle it belongs to, if any.
    pub bundle: Option<String>,
}

#[derive(Debug, Clone)]
pub struct DataFile {
    pub display: String,
    pub text: String,
    pub value: serde_json::Value,
}

/// Which earlier version a document is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Superseded {
    pub version: String,
    pub status: Option<String>,
    /// The last commit that carried this version, and its time (seconds).
    pub commit: String,
    pub time: i64,
    /// For a bundle: a folder holding `content/<bundle>/` as it stood in
    /// that commit, whose CSV tables the version reads.
    pub files: Option<PathBuf>,
}

/// Everything read from disk for one build.
#[derive(Debug)]
pub struct Sources {
    pub root: PathBuf,
    pub config: Config,
    pub files: Vec<SourceFile>,
    pub assets: Vec<Asset>,
    /// `_data/<name>.yaml` by name.
    pub data: BTreeMap<String, DataFile>,
    /// Earlier versions of document files, from git (`history`): each a
    /// copy of its file as it stood, and which version it was.
    pub past: Vec<(SourceFile, Superseded)>,
    /// The folders holding earlier versions' bundle files, removed when
    /// the sources are parsed.
    pub past_files: Vec<tempfile::TempDir>,
}

impl Sources {
    /// A site with nothing read yet.
    fn empty(root: &Path, config: Config) -> Sources {
        Sources {
            root: root.to_path_buf(),
            config,
            files: Vec::new(),
            assets: Vec::new(),
            data: BTreeMap::new(),
            past: Vec::new(),
            past_files: Vec::new(),
        }
    }
}

pub fn load(root: &Path, config: Config, diagnostics: &mut Diagnostics) -> Sources {
    load_reusing(root, config, diagnostics, &|_| None)
}

/// [`load`], taking the text of a file from `known` (by its path under
/// content/) when it has it: `relais serve` knows the files that did not
/// change since its last build.
pub fn load_reusing(
    root: &Path,
    config: Config,
    diagnostics: &mut Diagnostics,
    known: &(dyn Fn(&str) -> Option<String> + Sync),
) -> Sources {
    let content = root.join(CONTENT_DIR);
    let mut sources = Sources::empty(root, config);
    if !content.is_dir() {
        diagnostics.push(Diagnostic::error(CONTENT_DIR, 0, 0, "no content folder").with_hint(format!(
            "create {CONTENT_DIR}/ with an _index.<lang>.md home page per language, or pass --root"
        )));
        return sources;
    }
    // Links are followed when they lead to a file of the site, and reported
    // when they lead out of it: what is outside the site's folder is never
    // published, and never skipped without a word.
    let site = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let mut outside: Vec<(PathBuf, PathBuf)> = Vec::new();
    let entries: Vec<walkdir::DirEntry> = WalkDir::new(&content)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            if entry.depth() > 0 && !is_published_name(&entry.file_name().to_string_lossy()) {
                return false;
            }
            // Only a link can lead out (a file inside a linked folder is
            // reached through that folder's link, checked first).
            if !entry.path_is_symlink() {
                return true;
            }
            match link_outside(&site, entry.path()) {
                Some(target) => {
                    outside.push((entry.path().to_path_buf(), target));
                    false
                }
                None => true,
            }
        })
        .filter_map(|entry| match entry {
            Ok(entry) => Some(entry),
            Err(err) => {
                let path = err.path().map(|p| display_path(root, p)).unwrap_or_else(|| CONTENT_DIR.to_owned());
                diagnostics.push(Diagnostic::error(path, 0, 0, format!("cannot read: {err}")));
                None
            }
        })
        .filter(|entry| entry.file_type().is_file())
        .collect();
    let (entries, unreadable): (Vec<_>, Vec<_>) =
        entries.into_iter().partition(|entry| entry.file_name().to_str().is_some());
    for entry in unreadable {
        diagnostics.push(
            Diagnostic::error(display_path(root, entry.path()), 0, 0, "the file name is not valid UTF-8, so it cannot be a page or a link of the site")
                .with_hint("rename the file with letters that show correctly (the name was probably made on a system with another encoding)"),
        );
    }
    for (link, target) in outside {
        diagnostics.push(outside_link_problem(root, &link, &target));
    }
    let found: Vec<Found> = entries
        .into_iter()
        .map(|entry| Found { content_path: content_path(&content, entry.path()), path: entry.into_path() })
        .collect();
    assemble(&mut sources, found, diagnostics, |found, display, diagnostics| {
        known(&found.content_path).or_else(|| read_text(&found.path, display, diagnostics))
    });
    load_data(root, &content, &mut sources.data, diagnostics);
    sources
}

/// A file of content/: where it is on disk and its path under content/.
struct Found {
    path: PathBuf,
    content_path: String,
}

/// Where a file's text comes from: its bytes, or a text already read (and
/// normalised) for another build that had the same file.
pub enum TreeText {
    Bytes(Vec<u8>),
    Text(String),
}

/// [`load`] for files that are not on disk: content/ as it stood at a git
/// ref, given by path under content/. The pages' texts are read from
/// memory; the other files (copied to the output, or read by the pages:
/// CSV tables, `_data/`) are written under `dir/content/` first.
pub fn load_tree(
    dir: &Path,
    config: Config,
    files: Vec<(String, TreeText)>,
    diagnostics: &mut Diagnostics,
) -> std::io::Result<Sources> {
    let content = dir.join(CONTENT_DIR);
    let published = |path: &str| path.split('/').all(is_published_name);
    let bundle_dirs = bundle_dirs(files.iter().map(|(path, _)| path.as_str()).filter(|path| published(path)));
    let mut texts: BTreeMap<String, TreeText> = BTreeMap::new();
    for (path, text) in files {
        let is_page = published(&path) && is_page_path(&path, &bundle_dirs);
        if is_page {
            texts.insert(path, text);
            continue;
        }
        let target = content.join(&path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)?;
        }
        match text {
            TreeText::Bytes(bytes) => std::fs::write(target, bytes)?,
            TreeText::Text(text) => std::fs::write(target, text)?,
        }
        if published(&path) {
            texts.insert(path, TreeText::Bytes(Vec::new()));
        }
    }
    let mut sources = Sources::empty(dir, config);
    let found: Vec<Found> =
        texts.keys().map(|path| Found { path: content.join(path), content_path: path.clone() }).collect();
    assemble(&mut sources, found, diagnostics, |found, display, diagnostics| {
        match texts.remove(&found.content_path)? {
            TreeText::Text(text) => Some(text),
            TreeText::Bytes(bytes) => decode_text(bytes, display, diagnostics),
        }
    });
    load_data(dir, &content, &mut sources.data, diagnostics);
    Ok(sources)
}

/// The folders that are bundles: those holding an `index.<lang>.md`.
fn bundle_dirs<'a>(paths: impl Iterator<Item = &'a str>) -> BTreeSet<String> {
    paths
        .filter_map(|path| {
            let (dir, name) = path.rsplit_once('/').unwrap_or(("", path));
            (name.starts_with("index.") && name.ends_with(".md") && !dir.is_empty()).then(|| dir.to_owned())
        })
        .collect()
}

/// Whether the file at this path under content/ is a page (a Markdown
/// file not inside a bundle, or a bundle's `index.<lang>.md`).
fn is_page_path(content_path: &str, bundle_dirs: &BTreeSet<String>) -> bool {
    let name = content_path.rsplit_once('/').map_or(content_path, |(_, name)| name);
    if !name.ends_with(".md") {
        return false;
    }
    match enclosing_bundle(content_path, bundle_dirs) {
        Some(bundle) => bundle == parent_of(content_path) && name.starts_with("index."),
        None => true,
    }
}

/// Sorts the files of content/ into pages (with their texts, from
/// `text_of`) and assets.
fn assemble(
    sources: &mut Sources,
    found: Vec<Found>,
    diagnostics: &mut Diagnostics,
    mut text_of: impl FnMut(&Found, &str, &mut Diagnostics) -> Option<String>,
) {
    let root = sources.root.clone();
    let bundle_dirs = bundle_dirs(found.iter().map(|f| f.content_path.as_str()));
    for found in found {
        let display = display_path(&root, &found.path);
        let content_path = found.content_path.clone();
        let name = content_path.rsplit_once('/').map_or(content_path.as_str(), |(_, name)| name).to_owned();
        let dir = parent_of(&content_path);
        let bundle = enclosing_bundle(&content_path, &bundle_dirs);
        if !is_page_path(&content_path, &bundle_dirs) {
            if name.ends_with(".md") {
                diagnostics.push(
                    Diagnostic::warning(&display, 0, 0, "this Markdown file is inside a bundle, so it is copied as a file, not made a page")
                        .with_hint("a bundle's pages are its index.<lang>.md files; move other documents out of the bundle's folder"),
                );
            }
            sources.assets.push(Asset { path: found.path, content_path, bundle });
            continue;
        }
        let is_bundle_index = bundle.is_some();
        let Some((stem, lang)) = split_language(&name, &display, &sources.config.languages, diagnostics) else {
            continue;
        };
        let Some(text) = text_of(&found, &display, diagnostics) else {
            continue;
        };
        let (role, key) = match stem {
            "_index" => (Role::Section, dir.to_owned()),
            "index" if is_bundle_index => (Role::Bundle, dir.to_owned()),
            _ => (Role::Document, join_key(dir, stem)),
        };
        sources.files.push(SourceFile { display, content_path, key, lang: lang.to_owned(), role, text });
    }
}

/// Where `path` really leads, when that is outside the site's folder
/// `site` (canonical): through a link of its own or of a folder above it.
pub fn link_outside(site: &Path, path: &Path) -> Option<PathBuf> {
    let real = path.canonicalize().ok()?;
    (!real.starts_with(site)).then_some(real)
}

fn outside_link_problem(root: &Path, link: &Path, target: &Path) -> Diagnostic {
    Diagnostic::error(
        display_path(root, link),
        0,
        0,
        format!(
            "this is a link to {}, outside the site's folder: relais does not read or publish it",
            target.display()
        ),
    )
    .with_hint("copy the file into the site's folder, or make the link point to a file inside it")
}

/// Names starting with `_` are not published (except section pages), nor
/// hidden files such as `.gitkeep`.
fn is_published_name(name: &str) -> bool {
    !(name.starts_with('.') || (name.starts_with('_') && !name.starts_with("_index.")))
}

fn content_path(content: &Path, path: &Path) -> String {
    display_path(content, path)
}

fn parent_of(content_path: &str) -> &str {
    content_path.rsplit_once('/').map_or("", |(dir, _)| dir)
}

fn join_key(dir: &str, stem: &str) -> String {
    if dir.is_empty() { stem.to_owned() } else { format!("{dir}/{stem}") }
}

fn enclosing_bundle(content_path: &str, bundle_dirs: &BTreeSet<String>) -> Option<String> {
    let mut dir = parent_of(content_path);
    while !dir.is_empty() {
        if bundle_dirs.contains(dir) {
            return Some(dir.to_owned());
        }
        dir = parent_of(dir);
    }
    None
}

/// `gender-sensitive-return.fr.md` -> (`gender-sensitive-return`, `fr`).
fn split_language<'a>(
    name: &'a str,
    display: &str,
    languages: &[String],
    diagnostics: &mut Diagnostics,
) -> Option<(&'a str, &'a str)> {
    let base = name.strip_suffix(".md")?;
    let listed = languages.join(", ");
    let Some((stem, lang)) = base.rsplit_once('.') else {
        let example = languages.iter().map(|l| format!("{base}.{l}.md")).collect::<Vec<_>>().join(" or ");
        diagnostics.push(
            Diagnostic::error(display, 0, 0, "the file name does not say its language")
                .with_hint(format!("rename it {example}")),
        );
        return None;
    };
    if !languages.iter().any(|l| l == lang) {
        let hint = match did_you_mean(lang, languages.iter().map(String::as_str)) {
            Some(suggestion) => {
                format!("{suggestion} The site's languages ({}) are {listed}", crate::config::FILE_NAME)
            }
            None => format!(
                "the site's languages ({}) are {listed}; add `{lang}` there or rename the file",
                crate::config::FILE_NAME
            ),
        };
        diagnostics
            .push(Diagnostic::error(display, 0, 0, format!("unknown language suffix `.{lang}`")).with_hint(hint));
        return None;
    }
    Some((stem, lang))
}

/// Reads a text file as UTF-8, accepting a byte-order mark and CRLF line ends.
pub fn read_text(path: &Path, display: &str, diagnostics: &mut Diagnostics) -> Option<String> {
    match std::fs::read(path) {
        Ok(bytes) => decode_text(bytes, display, diagnostics),
        Err(err) => {
            diagnostics.push(Diagnostic::error(display, 0, 0, format!("cannot read: {err}")));
            None
        }
    }
}

/// A file's bytes as text (see [`read_text`]).
pub fn decode_text(bytes: Vec<u8>, display: &str, diagnostics: &mut Diagnostics) -> Option<String> {
    match String::from_utf8(bytes) {
        Ok(text) => Some(normalize_text(text)),
        Err(err) => {
            let valid = &err.as_bytes()[..err.utf8_error().valid_up_to()];
            let valid = std::str::from_utf8(valid).unwrap_or_default();
            let (line, column) = crate::diagnostics::line_col(valid, valid.len());
            diagnostics.push(
                Diagnostic::error(display, line, column, "the file is not valid UTF-8")
                    .with_hint("save it as UTF-8 (most editors: \"Save with encoding\" > UTF-8); text copied from Windows-1252 documents often arrives like this"),
            );
            None
        }
    }
}

fn normalize_text(text: String) -> String {
    let text = text.strip_prefix('\u{feff}').map(str::to_owned).unwrap_or(text);
    if text.contains('\r') { text.replace("\r\n", "\n").replace('\r', "\n") } else { text }
}

fn load_data(root: &Path, content: &Path, data: &mut BTreeMap<String, DataFile>, diagnostics: &mut Diagnostics) {
    let dir = content.join(DATA_DIR);
    let Ok(read_dir) = std::fs::read_dir(&dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = read_dir.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    let site = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    for path in paths {
        let is_yaml = matches!(path.extension().and_then(|e| e.to_str()), Some("yaml" | "yml"));
        if !is_yaml {
            continue;
        }
        if let Some(target) = link_outside(&site, &path) {
            diagnostics.push(outside_link_problem(root, &path, &target));
            continue;
        }
        let display = display_path(root, &path);
        let Some(text) = read_text(&path, &display, diagnostics) else {
            continue;
        };
        let name = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        match yaml::parse_value(&text, Origin { file: &display, lines_before: 0 }) {
            Ok(value) => {
                data.insert(name, DataFile { display, text, value });
            }
            Err(diagnostic) => diagnostics.push(diagnostic),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_normalised() {
        assert_eq!(normalize_text("\u{feff}a\r\nb\r\n".to_owned()), "a\nb\n");
    }

    #[test]
    fn underscore_names_are_skipped_except_section_pages() {
        assert!(is_published_name("_index.en.md"));
        assert!(!is_published_name("_data"));
        assert!(!is_published_name(".gitkeep"));
        assert!(is_published_name("doc.en.md"));
    }
}
