//! Output files -> the output folder. Writes everything into
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

/// The file every build writes at the root of its output. Its presence is
/// what lets the next build replace the folder: relais never deletes a folder
/// it did not write.
pub const MARKER: &str = ".relais-site";

const MARKER_TEXT: &str = "This folder was written by `relais build`. The next build replaces it whole;\nrelais replaces only folders that hold this file (or empty ones).\n";

/// Why an output folder cannot be used: said before anything is built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub message: String,
    pub hint: String,
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "error: {}\n  hint: {}", self.message, self.hint)
    }
}

/// Whether `out` may receive the site built from `root`: a build replaces its
/// output whole, so the output must be a folder relais wrote (it holds
/// [`MARKER`]), an empty folder, or a path where nothing is. It is never a
/// file, never the site's folder or a folder holding it, and never inside
/// the sources (`content/`, `themes/`). `force` lets a non-empty folder
/// without the marker be replaced, never the sources.
pub fn check_output(out: &Path, root: &Path, force: bool) -> Result<(), Refusal> {
    let shown = out.display();
    let refuse = |message: String, hint: &str| Err(Refusal { message, hint: hint.to_owned() });
    let out_real = real_path(out);
    let root_real = real_path(root);
    if root_real.starts_with(&out_real) {
        let what = if out_real == root_real { "is the site's folder" } else { "holds the site's folder" };
        return refuse(
            format!("--out {shown} {what}: the build replaces its output whole, which would delete the sources"),
            "leave --out out to build into <root>/build/site, or name a new folder such as build/site",
        );
    }
    for sources in [crate::load::CONTENT_DIR, "themes"] {
        if out_real.starts_with(root_real.join(sources)) {
            return refuse(
                format!(
                    "--out {shown} is inside the site's {sources}/ folder: the output would replace sources and be read again as content"
                ),
                "build outside the sources, e.g. into build/site",
            );
        }
    }
    let Ok(meta) = std::fs::symlink_metadata(out) else {
        return Ok(());
    };
    if meta.file_type().is_symlink() {
        return refuse(
            format!("--out {shown} is a symbolic link: the build would replace the link, not the folder it points to"),
            "give the folder it points to as --out",
        );
    }
    if !meta.is_dir() {
        return refuse(
            format!("--out {shown} is a file, not a folder: the build would replace it with the site"),
            "name a folder for the site, e.g. build/site",
        );
    }
    if force || out.join(MARKER).is_file() {
        return Ok(());
    }
    let empty = std::fs::read_dir(out).map(|mut entries| entries.next().is_none()).unwrap_or(false);
    if empty {
        return Ok(());
    }
    refuse(
        format!(
            "--out {shown} already holds files that relais did not write (it has no {MARKER} file): the build replaces its output whole, so it would delete them"
        ),
        "name a new or empty folder; if this folder is an old build you no longer need, delete it yourself or pass --force",
    )
}

/// `path` made absolute with every link of its existing part resolved, so
/// that two spellings of one place compare equal (`./a/../b`, a link to `b`).
fn real_path(path: &Path) -> PathBuf {
    let absolute =
        if path.is_absolute() { path.to_path_buf() } else { std::env::current_dir().unwrap_or_default().join(path) };
    // Resolve `.` and `..` by hand: the path may not exist yet.
    let mut lexical = PathBuf::new();
    for part in absolute.components() {
        match part {
            std::path::Component::ParentDir => {
                lexical.pop();
            }
            std::path::Component::CurDir => {}
            other => lexical.push(other),
        }
    }
    // The longest part that exists, with its links resolved, then the rest.
    let mut existing = lexical.clone();
    let mut rest = Vec::new();
    while !existing.as_os_str().is_empty() {
        if let Ok(real) = existing.canonicalize() {
            return rest.iter().rev().fold(real, |p: PathBuf, part| p.join(part));
        }
        match existing.file_name() {
            Some(name) => rest.push(name.to_owned()),
            None => break,
        }
        existing.pop();
    }
    lexical
}

/// Two outputs that would be written to one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clash {
    pub path: String,
    /// Where each comes from, as given to [`clashes`].
    pub first: String,
    pub second: String,
}

/// Every pair of outputs, generated or copied, that would land on one file.
/// Paths are compared as the file systems of USB sticks, Windows and macOS
/// compare them (capitals aside, `a//b` as `a/b`), so that a site that
/// builds here never loses a file where it is read.
pub fn clashes<'a>(outputs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Vec<Clash> {
    let mut seen: std::collections::HashMap<String, (&str, &str)> = std::collections::HashMap::new();
    let mut found = Vec::new();
    for (path, source) in outputs {
        let key = path.split('/').filter(|p| !p.is_empty() && *p != ".").collect::<Vec<_>>().join("/").to_lowercase();
        match seen.get(&key) {
            Some(&(first_path, first)) if first_path != path || first != source => {
                found.push(Clash { path: first_path.to_owned(), first: first.to_owned(), second: source.to_owned() })
            }
            Some(_) => {}
            None => {
                seen.insert(key, (path, source));
            }
        }
    }
    found
}

/// A new site written beside the output, not yet in its place. Dropped
/// without [`Staging::commit`], it is removed and the output stays as it was.
pub struct Staging {
    pub dir: PathBuf,
    out: PathBuf,
    /// Replace the output even if relais did not write it (`--force`).
    force: bool,
    committed: bool,
    /// When files are expected to repeat (the site has versions): each
    /// file written so far by its length and hash, so that a file with the
    /// same bytes is linked to it instead of written again.
    twins: Option<Twins>,
}

struct Twins {
    hasher: std::hash::RandomState,
    written: std::sync::Mutex<std::collections::HashMap<(usize, u64), String>>,
}

/// The name of a staging folder beside `out`: `.site.new-<pid>`.
fn staging_name(out: &Path, what: &str, pid: u32) -> String {
    let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "site".to_owned());
    format!(".{name}.{what}-{pid}")
}

/// Starts a site in a temporary folder next to `out`, into which files
/// are written as they are made. With `twins`, a file whose bytes were
/// already written is a hard link to the first (the theme's files of each
/// site version, a page that did not change between versions): writing
/// the bytes again is most of what a site with versions costs.
pub fn begin(out: &Path, force: bool, twins: bool) -> std::io::Result<Staging> {
    let parent = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent)?;
    remove_stale_staging(out);
    let dir = parent.join(staging_name(out, "new", std::process::id()));
    if dir.exists() {
        std::fs::remove_dir_all(&dir)?;
    }
    let twins = twins.then(|| Twins { hasher: std::hash::RandomState::new(), written: Default::default() });
    let staging = Staging { dir, out: out.to_path_buf(), force, committed: false, twins };
    std::fs::create_dir_all(&staging.dir)?;
    std::fs::write(staging.dir.join(MARKER), MARKER_TEXT)?;
    Ok(staging)
}

/// Removes the staging folders that a build killed before it finished left
/// beside `out` (`.site.new-<pid>`, `.site.old-<pid>` of a process that is
/// gone). A live build's folders are left alone.
fn remove_stale_staging(out: &Path) {
    let (Some(parent), Some(name)) = (out.parent(), out.file_name()) else {
        return;
    };
    let parent = if parent.as_os_str().is_empty() { Path::new(".") } else { parent };
    let prefix = format!(".{}.", name.to_string_lossy());
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = file_name.strip_prefix(&prefix) else {
            continue;
        };
        let pid = rest.strip_prefix("new-").or_else(|| rest.strip_prefix("old-")).and_then(|p| p.parse::<u32>().ok());
        if let Some(pid) = pid
            && pid != std::process::id()
            && !process_is_alive(pid)
        {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

#[cfg(unix)]
fn process_is_alive(pid: u32) -> bool {
    let Some(pid) = i32::try_from(pid).ok().and_then(rustix::process::Pid::from_raw) else {
        return false;
    };
    // EPERM: it exists, and belongs to someone else.
    !matches!(rustix::process::test_kill_process(pid), Err(rustix::io::Errno::SRCH))
}

#[cfg(not(unix))]
fn process_is_alive(_pid: u32) -> bool {
    // Without a way to ask, a folder is assumed in use.
    true
}

impl Staging {
    /// Writes one file of the site (see [`begin`] for twins).
    pub fn put(&self, file: &OutputFile) -> std::io::Result<()> {
        let path = self.place(&file.path)?;
        let Some(twins) = &self.twins else {
            return std::fs::write(&path, &file.bytes);
        };
        use std::hash::BuildHasher;
        let key = (file.bytes.len(), twins.hasher.hash_one(&file.bytes));
        let first = twins.written.lock().ok().and_then(|written| written.get(&key).cloned());
        if let Some(first) = first {
            let first = self.dir.join(first);
            // The hash only says where to look; the bytes decide.
            if std::fs::read(&first).is_ok_and(|bytes| bytes == file.bytes) && std::fs::hard_link(&first, &path).is_ok()
            {
                return Ok(());
            }
        }
        std::fs::write(&path, &file.bytes)?;
        if let Ok(mut written) = twins.written.lock() {
            written.entry(key).or_insert_with(|| file.path.clone());
        }
        Ok(())
    }

    /// Copies files of content/ into the staged site.
    pub fn copy(&self, copies: &[(PathBuf, String)]) -> std::io::Result<()> {
        for (_, to) in copies {
            if let Some(parent) = self.dir.join(to).parent() {
                std::fs::create_dir_all(parent)?;
            }
        }
        copies.par_iter().try_for_each(|(from, to)| std::fs::copy(from, self.dir.join(to)).map(|_| ()))
    }

    /// Where a file of the site goes in the staging folder, its folder made.
    fn place(&self, path: &str) -> std::io::Result<PathBuf> {
        let path = self.dir.join(path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        Ok(path)
    }

    /// Puts the staged site in place of the output. Where the platform can
    /// (Linux), the two folders trade places in one atomic step, so that the
    /// output path always holds a whole site, even for a reader (`serve`)
    /// or a build killed at that moment; elsewhere it takes two renames.
    /// Refuses to replace a folder that relais did not write.
    pub fn commit(mut self) -> std::io::Result<()> {
        match std::fs::symlink_metadata(&self.out) {
            Err(_) => std::fs::rename(&self.dir, &self.out)?,
            Ok(meta) => {
                let ours = meta.is_dir()
                    && (self.force
                        || self.out.join(MARKER).is_file()
                        || std::fs::read_dir(&self.out).is_ok_and(|mut e| e.next().is_none()));
                if !ours {
                    return Err(std::io::Error::other(format!(
                        "{} was not written by relais (no {MARKER} in it): it is left as it was",
                        self.out.display()
                    )));
                }
                self.replace()?;
            }
        }
        self.committed = true;
        Ok(())
    }

    #[cfg(any(target_os = "linux", target_os = "android"))]
    fn replace(&self) -> std::io::Result<()> {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        match renameat_with(CWD, &self.dir, CWD, &self.out, RenameFlags::EXCHANGE) {
            // The previous site now sits in the staging folder.
            Ok(()) => {
                let _ = std::fs::remove_dir_all(&self.dir);
                Ok(())
            }
            // A file system without the exchange (some network and FUSE ones).
            Err(rustix::io::Errno::INVAL | rustix::io::Errno::NOSYS | rustix::io::Errno::OPNOTSUPP) => {
                self.replace_in_two_steps()
            }
            Err(err) => Err(err.into()),
        }
    }

    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    fn replace(&self) -> std::io::Result<()> {
        self.replace_in_two_steps()
    }

    /// The output moves aside, the new site takes its place, the old one is
    /// removed. Killed in between, the next build finds the old site under
    /// `.site.old-<pid>` and removes it.
    fn replace_in_two_steps(&self) -> std::io::Result<()> {
        let previous = self.out.with_file_name(staging_name(&self.out, "old", std::process::id()));
        std::fs::rename(&self.out, &previous)?;
        if let Err(err) = std::fs::rename(&self.dir, &self.out) {
            let _ = std::fs::rename(&previous, &self.out);
            return Err(err);
        }
        let _ = std::fs::remove_dir_all(&previous);
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_with_the_same_bytes_are_written_once_and_linked() {
        let dir = tempfile_dir("twins");
        let file = |path: &str, bytes: &str| OutputFile { path: path.to_owned(), bytes: bytes.as_bytes().to_vec() };
        let files = [file("a/index.html", "same"), file("b/index.html", "diff"), file("v/1/a/index.html", "same")];
        let staging = begin(&dir.join("out"), false, true).unwrap();
        files.iter().for_each(|file| staging.put(file).unwrap());
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let links = |path: &str| std::fs::metadata(staging.dir.join(path)).unwrap().nlink();
            assert_eq!((links("a/index.html"), links("b/index.html"), links("v/1/a/index.html")), (2, 1, 2));
        }
        staging.commit().unwrap();
        let read = |path: &str| std::fs::read_to_string(dir.join("out").join(path)).unwrap();
        assert_eq!(
            (read("a/index.html"), read("b/index.html"), read("v/1/a/index.html")),
            ("same".into(), "diff".into(), "same".into())
        );
    }

    #[test]
    fn outputs_that_land_on_one_file_clash_capitals_aside() {
        let found = clashes([
            ("en/a/index.html", "content/a.en.md"),
            ("en/a/Photo.png", "content/a/Photo.png"),
            ("en/a/photo.png", "content/a/photo.png"),
            ("en/b//index.html", "content/b.en.md"),
            ("en/b/index.html", "content/b/_index.en.md"),
            ("en/c/index.html", "content/c.en.md"),
        ]);
        let pairs: Vec<(&str, &str)> = found.iter().map(|c| (c.first.as_str(), c.second.as_str())).collect();
        assert_eq!(
            pairs,
            [("content/a/Photo.png", "content/a/photo.png"), ("content/b.en.md", "content/b/_index.en.md")]
        );
    }

    #[test]
    fn only_an_output_relais_wrote_or_an_empty_one_is_replaced() {
        let dir = tempfile_dir("check-output");
        let root = dir.join("site");
        std::fs::create_dir_all(root.join("content")).unwrap();
        std::fs::create_dir_all(dir.join("theirs")).unwrap();
        std::fs::write(dir.join("theirs/notes.txt"), "x").unwrap();
        std::fs::create_dir_all(dir.join("ours")).unwrap();
        std::fs::write(dir.join("ours").join(MARKER), "").unwrap();
        std::fs::create_dir_all(dir.join("empty")).unwrap();
        assert!(check_output(&root.join("build/site"), &root, false).is_ok());
        assert!(check_output(&dir.join("ours"), &root, false).is_ok());
        assert!(check_output(&dir.join("empty"), &root, false).is_ok());
        assert!(check_output(&dir.join("theirs"), &root, false).is_err());
        assert!(check_output(&dir.join("theirs"), &root, true).is_ok());
        for sources in [root.clone(), dir.clone(), root.join("content"), root.join("content/x"), root.join("themes")] {
            assert!(check_output(&sources, &root, true).is_err(), "{}", sources.display());
        }
        assert!(check_output(&dir.join("theirs/notes.txt"), &root, true).is_err(), "a file");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    fn tempfile_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("relais-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }
}
