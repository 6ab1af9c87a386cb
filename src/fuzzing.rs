//! The entry point of the fuzz harness (`tests/integration/fuzz.rs`, and
//! `fuzz/` for `cargo fuzz`): a whole site given as bytes goes through every
//! stage that `relais check` runs, and comes back as its diagnostics.
//!
//! The rule it checks: bad input never panics and never hangs, it gets a
//! diagnostic. A case takes milliseconds: the files are written to a fresh
//! temporary folder (removed afterwards, also when a stage panics), and the
//! syntaxes of the highlighter load once per process.

use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::diagnostics::Diagnostic;
use crate::pipeline::{BuildOptions, build};

/// Runs load, parse, resolve, render and template (the `check` path:
/// nothing is written) on a site made of `files`: paths relative to the
/// site's folder (`site.yaml`, `content/sops/x.en.md`, …) and their bytes.
///
/// # Panics
///
/// When a path is absolute or climbs out with `..` (a mistake of the
/// caller, not of the site), or the temporary folder cannot be written.
pub fn check_site(files: &[(&str, &[u8])]) -> Vec<Diagnostic> {
    let site = TempSite::new();
    for (path, bytes) in files {
        let relative = Path::new(path);
        assert!(
            relative.components().all(|c| matches!(c, Component::Normal(_))),
            "fuzzing::check_site takes paths inside the site, not `{path}`"
        );
        let target = site.0.join(relative);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).expect("the temporary site can be written");
        }
        std::fs::write(&target, bytes).expect("the temporary site can be written");
    }
    let options = BuildOptions { out: Some(site.0.join("build").join("site")), ..BuildOptions::check(site.0.clone()) };
    build(&options).diagnostics.sorted()
}

/// A folder of its own under the system's temporary folder, removed when
/// dropped.
struct TempSite(PathBuf);

impl TempSite {
    fn new() -> TempSite {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("relais-fuzz-{}-{n}", std::process::id()));
        // A folder left by an earlier process with the same id.
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("the temporary site can be written");
        TempSite(dir)
    }
}

impl Drop for TempSite {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_site_given_as_bytes_is_checked_and_its_folder_removed() {
        let found = check_site(&[
            ("site.yaml", b"title: T\nlanguages: [en]\n"),
            ("content/_index.en.md", b"---\ntitle: Home\n---\n\nHello [x](missing.md).\n"),
        ]);
        assert!(found.iter().any(|d| d.message.contains("broken link")), "{found:#?}");
        let left = std::fs::read_dir(std::env::temp_dir())
            .unwrap()
            .filter_map(Result::ok)
            .any(|e| e.file_name().to_string_lossy().starts_with(&format!("relais-fuzz-{}-", std::process::id())));
        assert!(!left, "the temporary site is removed");
    }
}
