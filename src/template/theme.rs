//! The theme: templates, static files and UI strings. The default theme is
//! compiled into the binary; a site's own `themes/default/<file>` replaces
//! that one file (or adds a new one).

use std::collections::BTreeMap;
use std::path::Path;

use include_dir::{Dir, include_dir};
use walkdir::WalkDir;

use crate::diagnostics::{Diagnostic, Diagnostics, display_path};

static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");
pub const THEME_DIR: &str = "themes/default";

/// One file of the theme and where it came from, for error messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemeFile {
    pub bytes: Vec<u8>,
    /// `themes/default/templates/page.html` for a site's file, or
    /// `(built-in theme) templates/page.html`.
    pub display: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Theme {
    /// By path inside the theme: `templates/page.html`, `static/style.css`.
    pub files: BTreeMap<String, ThemeFile>,
}

impl Theme {
    pub fn load(root: &Path, diagnostics: &mut Diagnostics) -> Theme {
        let mut files = BTreeMap::new();
        collect_embedded(&DEFAULT_THEME, &mut files);
        let site_theme = root.join(THEME_DIR);
        if site_theme.is_dir() {
            for entry in WalkDir::new(&site_theme).sort_by_file_name() {
                let entry = match entry {
                    Ok(entry) => entry,
                    Err(err) => {
                        diagnostics.push(Diagnostic::error(THEME_DIR, 0, 0, format!("cannot read the theme: {err}")));
                        continue;
                    }
                };
                if !entry.file_type().is_file() {
                    continue;
                }
                let inner = display_path(&site_theme, entry.path());
                let display = display_path(root, entry.path());
                match std::fs::read(entry.path()) {
                    Ok(bytes) => {
                        files.insert(inner, ThemeFile { bytes, display });
                    }
                    Err(err) => diagnostics.push(Diagnostic::error(display, 0, 0, format!("cannot read: {err}"))),
                }
            }
        }
        Theme { files }
    }

    /// Files under `prefix/`, by their path below it.
    pub fn under<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = (&'a str, &'a ThemeFile)> + 'a {
        self.files.iter().filter_map(move |(path, file)| {
            path.strip_prefix(prefix).and_then(|p| p.strip_prefix('/')).map(|p| (p, file))
        })
    }
}

fn collect_embedded(dir: &Dir<'static>, files: &mut BTreeMap<String, ThemeFile>) {
    for file in dir.files() {
        let path = file.path().to_string_lossy().replace('\\', "/");
        files.insert(
            path.clone(),
            ThemeFile { bytes: file.contents().to_vec(), display: format!("(built-in theme) {path}") },
        );
    }
    for sub in dir.dirs() {
        collect_embedded(sub, files);
    }
}
