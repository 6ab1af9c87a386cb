//! Output files -> the output folder. Minifies HTML, writes everything into
//! a temporary folder beside the output, and swaps it in only when all of it
//! was written: a failed build leaves the previous site as it was. Knows
//! nothing about documents or languages.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

/// A file to write, by its path from the output's root.
#[derive(Debug, Clone)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Minifies every HTML file, in parallel.
pub fn minify(files: &mut [OutputFile]) {
    let mut cfg = minify_html::Cfg::new();
    cfg.minify_css = true;
    cfg.minify_js = false;
    cfg.keep_html_and_head_opening_tags = true;
    cfg.keep_closing_tags = true;
    files.par_iter_mut().filter(|f| f.path.ends_with(".html")).for_each(|file| {
        file.bytes = minify_html::minify(&file.bytes, &cfg);
    });
}

/// Writes `files` and copies `copies` (source, output path) into `out`,
/// replacing what was there only if everything succeeded.
pub fn write_site(out: &Path, files: &[OutputFile], copies: &[(PathBuf, String)]) -> std::io::Result<()> {
    let parent = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent)?;
    let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "site".to_owned());
    let staging = parent.join(format!(".{name}.new-{}", std::process::id()));
    if staging.exists() {
        std::fs::remove_dir_all(&staging)?;
    }
    let written = write_all(&staging, files, copies);
    if let Err(err) = written {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(err);
    }
    let previous = parent.join(format!(".{name}.old-{}", std::process::id()));
    if out.exists() {
        std::fs::rename(out, &previous)?;
    }
    if let Err(err) = std::fs::rename(&staging, out) {
        // Put the previous site back.
        if previous.exists() {
            let _ = std::fs::rename(&previous, out);
        }
        let _ = std::fs::remove_dir_all(&staging);
        return Err(err);
    }
    if previous.exists() {
        std::fs::remove_dir_all(&previous)?;
    }
    Ok(())
}

fn write_all(staging: &Path, files: &[OutputFile], copies: &[(PathBuf, String)]) -> std::io::Result<()> {
    let mut dirs: Vec<PathBuf> = files
        .iter()
        .map(|f| f.path.as_str())
        .chain(copies.iter().map(|(_, p)| p.as_str()))
        .filter_map(|p| staging.join(p).parent().map(Path::to_path_buf))
        .collect();
    dirs.sort();
    dirs.dedup();
    for dir in &dirs {
        std::fs::create_dir_all(dir)?;
    }
    files.par_iter().try_for_each(|file| std::fs::write(staging.join(&file.path), &file.bytes))?;
    copies.par_iter().try_for_each(|(from, to)| std::fs::copy(from, staging.join(to)).map(|_| ()))?;
    Ok(())
}
