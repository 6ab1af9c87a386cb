//! The git history of content/ -> every earlier version of every document
//! file: git is the only source of versions, authors never keep copies.
//!
//! A version of a document is a value its `version` field has carried; it
//! stands as the file stood in the last commit that carried that value. The
//! working tree is the current version, so the versions read here are the
//! earlier ones.
//!
//! The history is read with the `git` program in two processes for the
//! whole site, whatever its size: one `git log --raw` lists every commit
//! that touched content/ with the blob of each file it changed, and one
//! `git cat-file --batch` reads the blobs. The program reads every
//! repository format (packs, worktrees, alternates, SHA-256) and costs no
//! compile time; a folder that is not a repository, a shallow clone or a
//! machine without git builds the current version with one warning.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};

/// One earlier version of a document file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Past {
    pub version: String,
    pub status: Option<String>,
    /// The last commit that carried this version, and its date (seconds).
    pub commit: String,
    pub time: i64,
    /// The file's text in that commit.
    pub text: String,
}

/// What the history holds for the files asked about.
#[derive(Debug, Default)]
pub struct History {
    /// Earlier versions by path under content/ (`sops/x.en.md`), oldest first.
    pub files: BTreeMap<String, Vec<Past>>,
    /// For a file whose current version was committed as validated or
    /// adopted: the first such commit and its text. A text changed since
    /// then under the same number is reported.
    pub validated: BTreeMap<String, Past>,
    /// Why versions were not read, when they were not (said once, as a warning).
    pub skipped: Option<String>,
    /// The repository's top folder and content/'s path in it.
    repository: Option<(std::path::PathBuf, String)>,
}

impl History {
    /// A folder holding `content/<folder>/` as it stood at `commit`.
    fn folder_at(&self, commit: &str, folder: &str) -> Result<tempfile::TempDir, String> {
        let (top, prefix) = self.repository.as_ref().ok_or("no repository")?;
        let files = files_at(top, commit, prefix, &format!("{folder}/"), &HashSet::new())?;
        let dir = tempfile::Builder::new().prefix("relais-past-").tempdir().map_err(|e| e.to_string())?;
        write_files(dir.path(), &files).map_err(|e| e.to_string())?;
        Ok(dir)
    }
}

/// Writes files (path under content/, blob id, bytes) into `dir/content/`.
fn write_files(dir: &Path, files: &[(String, String, Vec<u8>)]) -> std::io::Result<()> {
    let content = dir.join(crate::load::CONTENT_DIR);
    for (path, _, bytes) in files {
        let target = content.join(path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(target, bytes)?;
    }
    Ok(())
}

/// Reads the earlier versions of `files` (path under content/ and current
/// text) from the repository holding `root`.
pub fn read(root: &Path, files: &[(&str, &str)]) -> History {
    match read_or_say_why(root, files) {
        Ok(history) => history,
        Err(why) => History { skipped: Some(why), ..History::default() },
    }
}

fn git(dir: &Path) -> Command {
    let mut command = Command::new("git");
    command.arg("-C").arg(dir).args(["-c", "core.quotePath=false"]);
    command.stdin(Stdio::null()).stderr(Stdio::null());
    command
}

/// The repository holding `root`: its top folder, the path of
/// `content/` in it (`""` or ending with `/`), and whether it is a shallow
/// clone.
fn repository(root: &Path) -> Result<(std::path::PathBuf, String, bool), String> {
    let output = git(root)
        .args(["rev-parse", "--show-toplevel", "--is-shallow-repository"])
        .output()
        .map_err(|_| "the `git` program is not installed".to_owned())?;
    if !output.status.success() {
        return Err(format!("{} is not in a git repository", root.display()));
    }
    let answer = String::from_utf8_lossy(&output.stdout);
    let mut lines = answer.lines();
    let top = lines.next().unwrap_or_default().to_owned();
    let shallow = lines.next() == Some("true");
    let top = Path::new(&top).canonicalize().map_err(|err| format!("cannot read the repository: {err}"))?;
    let content = root.join(crate::load::CONTENT_DIR).canonicalize().map_err(|err| err.to_string())?;
    let prefix = content.strip_prefix(&top).map_err(|_| "content/ is outside the repository".to_owned())?;
    let prefix = prefix.to_string_lossy().replace('\\', "/");
    let prefix = if prefix.is_empty() { String::new() } else { format!("{prefix}/") };
    Ok((top, prefix, shallow))
}

fn read_or_say_why(root: &Path, files: &[(&str, &str)]) -> Result<History, String> {
    let (top, prefix, shallow) = repository(root)?;
    if shallow {
        return Err("the repository is a shallow clone (fetch its whole history: `git fetch --unshallow`)".to_owned());
    }
    let wanted: HashMap<String, &str> = files.iter().map(|(path, text)| (format!("{prefix}{path}"), *text)).collect();
    let changes = log(&top, &prefix, &wanted)?;
    // A blob that is the working file itself need not be read: on a site
    // where few documents changed, that is almost every blob.
    let working: HashMap<String, &str> = files.iter().map(|(_, text)| (blob_id(text), *text)).collect();
    let blobs: Vec<&str> = {
        let mut seen = HashSet::new();
        changes
            .values()
            .flatten()
            .map(|c| c.blob.as_str())
            .filter(|b| !working.contains_key(*b) && seen.insert(*b))
            .collect()
    };
    let mut texts = cat_blobs(&top, &blobs)?;
    for change in changes.values().flatten() {
        if let Some(text) = working.get(&change.blob) {
            texts.entry(change.blob.clone()).or_insert_with(|| (*text).to_owned());
        }
    }

    let mut history = History { repository: Some((top.clone(), prefix.clone())), ..History::default() };
    for (repo_path, commits) in &changes {
        let path = repo_path[prefix.len()..].to_owned();
        let current = fields(wanted.get(repo_path).copied().unwrap_or_default());
        let mut found: Vec<Past> = Vec::new();
        // Still in the commits that carry the current version.
        let mut in_current = true;
        // Newest first: the first commit seen with a version is the last that carried it.
        for change in commits {
            let Some(text) = texts.get(&change.blob) else {
                continue;
            };
            let of = fields(text);
            let Some(version) = of.version else {
                continue;
            };
            let past = || Past {
                version: version.clone(),
                status: of.status.clone(),
                commit: change.commit.clone(),
                time: change.time,
                text: text.clone(),
            };
            if Some(&version) == current.version.as_ref() {
                if in_current && matches!(of.status.as_deref(), Some("validated" | "adopted")) {
                    history.validated.insert(path.clone(), past());
                }
                continue;
            }
            in_current = false;
            if !found.iter().any(|p| p.version == version) {
                found.push(past());
            }
        }
        if !found.is_empty() {
            found.reverse();
            history.files.insert(path, found);
        }
    }
    Ok(history)
}

/// The id git gives a file of this text (SHA-1 of `blob <size>\0` and the
/// bytes). A repository in SHA-256 gives other ids: its blobs are then read.
pub fn blob_id(text: &str) -> String {
    use sha1::{Digest, Sha1};
    let mut hasher = Sha1::new();
    hasher.update(format!("blob {}\0", text.len()).as_bytes());
    hasher.update(text.as_bytes());
    hasher.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// A commit that changed a file, with the file's blob after it.
#[derive(Debug)]
struct Change {
    commit: String,
    time: i64,
    blob: String,
}

/// Every change of the wanted files, newest first, from one `git log`.
fn log(top: &Path, prefix: &str, wanted: &HashMap<String, &str>) -> Result<HashMap<String, Vec<Change>>, String> {
    let scope = if prefix.is_empty() { ".".to_owned() } else { prefix.trim_end_matches('/').to_owned() };
    let mut child = git(top)
        .args(["log", "--no-renames", "--raw", "--no-abbrev", "--format=%x1e%H %ct", "--", &scope])
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|err| format!("cannot run git: {err}"))?;
    let stdout = child.stdout.take().ok_or("cannot read git's output")?;
    let mut changes: HashMap<String, Vec<Change>> = HashMap::new();
    let (mut commit, mut time) = (String::new(), 0i64);
    for line in BufReader::new(stdout).lines() {
        let line = line.map_err(|err| format!("cannot read git's output: {err}"))?;
        if let Some(header) = line.strip_prefix('\u{1e}') {
            let (hash, seconds) = header.split_once(' ').unwrap_or((header, "0"));
            commit = hash.to_owned();
            time = seconds.trim().parse().unwrap_or(0);
            continue;
        }
        // `:100644 100644 <old> <new> M\t<path>`
        let Some((meta, path)) = line.strip_prefix(':').and_then(|l| l.split_once('\t')) else {
            continue;
        };
        if !wanted.contains_key(path) {
            continue;
        }
        let fields: Vec<&str> = meta.split(' ').collect();
        let (Some(blob), Some(state)) = (fields.get(3), fields.get(4)) else {
            continue;
        };
        if state.starts_with('D') || blob.bytes().all(|b| b == b'0') {
            continue;
        }
        changes.entry(path.to_owned()).or_default().push(Change {
            commit: commit.clone(),
            time,
            blob: (*blob).to_owned(),
        });
    }
    let status = child.wait().map_err(|err| err.to_string())?;
    if !status.success() {
        return Err("`git log` failed (is the repository without commits yet?)".to_owned());
    }
    Ok(changes)
}

/// The texts of `blobs`, read by one `git cat-file --batch` (blobs that
/// are not UTF-8 are left out).
fn cat_blobs(top: &Path, blobs: &[&str]) -> Result<HashMap<String, String>, String> {
    Ok(cat_blob_bytes(top, blobs)?
        .into_iter()
        .filter_map(|(blob, bytes)| {
            let text = String::from_utf8(bytes).ok()?;
            let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
            let text = if text.contains('\r') { text.replace("\r\n", "\n") } else { text.to_owned() };
            Some((blob, text))
        })
        .collect())
}

/// The bytes of `blobs`, read by one `git cat-file --batch`.
fn cat_blob_bytes(top: &Path, blobs: &[&str]) -> Result<HashMap<String, Vec<u8>>, String> {
    let mut found = HashMap::with_capacity(blobs.len());
    if blobs.is_empty() {
        return Ok(found);
    }
    let mut child = git(top)
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|err| format!("cannot run git: {err}"))?;
    let mut stdin = child.stdin.take().ok_or("cannot write to git")?;
    let request: String = blobs.iter().map(|b| format!("{b}\n")).collect();
    // Written from a thread: git answers while it reads, and both pipes are bounded.
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(request.as_bytes());
    });
    let mut reader = BufReader::new(child.stdout.take().ok_or("cannot read git's output")?);
    for blob in blobs {
        let mut header = String::new();
        reader.read_line(&mut header).map_err(|err| err.to_string())?;
        // `<oid> blob <size>`, or `<oid> missing`.
        let size: Option<usize> = header.split_whitespace().nth(2).and_then(|s| s.parse().ok());
        let Some(size) = size else {
            continue;
        };
        let mut bytes = vec![0; size + 1];
        reader.read_exact(&mut bytes).map_err(|err| err.to_string())?;
        bytes.pop();
        found.insert((*blob).to_owned(), bytes);
    }
    let _ = writer.join();
    let _ = child.wait();
    Ok(found)
}

/// The site's files as they stood at a git ref (a tag, a branch, a
/// commit): read from git's objects, not checked out, so the working
/// tree is never touched.
#[derive(Debug)]
pub struct RefTree {
    pub commit: String,
    /// The commit's date (seconds).
    pub time: i64,
    /// Each file under content/: its path there, its blob id and bytes.
    pub files: Vec<(String, String, Vec<u8>)>,
}

impl RefTree {
    /// The blob id of each file, by its path under content/.
    pub fn blobs(&self) -> HashMap<String, String> {
        self.files.iter().map(|(path, blob, _)| (path.clone(), blob.clone())).collect()
    }
}

/// Reads `content/` at `git_ref` from the repository holding `root`; a
/// shallow clone will do if it holds the ref. The bytes of the blobs in
/// `known` (files the caller has already read) are left empty.
pub fn read_ref(root: &Path, git_ref: &str, known: &HashSet<String>) -> Result<RefTree, String> {
    let (top, prefix, commit, time) = commit_of(root, git_ref)?;
    let files = files_at(&top, &commit, &prefix, "", known)?;
    Ok(RefTree { commit, time, files })
}

/// Whether `git_ref` can be read, without reading its files.
pub fn check_ref(root: &Path, git_ref: &str) -> Result<(), String> {
    commit_of(root, git_ref).map(|_| ())
}

/// The repository holding `root` (top folder, content/'s path in it) and
/// the commit `git_ref` names, with its time.
fn commit_of(root: &Path, git_ref: &str) -> Result<(std::path::PathBuf, String, String, i64), String> {
    let (top, prefix, _) = repository(root)?;
    if git_ref.starts_with('-') {
        return Err(format!("`{git_ref}` is not a git ref"));
    }
    let output = git(&top)
        .args(["show", "-s", "--format=%H %ct", &format!("{git_ref}^{{commit}}"), "--"])
        .output()
        .map_err(|err| format!("cannot run git: {err}"))?;
    let answer = String::from_utf8_lossy(&output.stdout);
    let Some((commit, time)) = answer.trim().split_once(' ').filter(|_| output.status.success()) else {
        return Err(format!("the ref `{git_ref}` is not in this repository"));
    };
    Ok((top, prefix, commit.to_owned(), time.trim().parse().unwrap_or(0)))
}

/// The files under `content/<folder>` at `commit` (`prefix` is content/'s
/// path in the repository): their path under content/, blob id and bytes.
/// The files under `folder` of content/ at `commit`, with their blob ids and
/// bytes; the bytes of the blobs in `known` are not read (left empty).
fn files_at(
    top: &Path,
    commit: &str,
    prefix: &str,
    folder: &str,
    known: &HashSet<String>,
) -> Result<Vec<(String, String, Vec<u8>)>, String> {
    let scope = format!("{prefix}{folder}");
    let scope = if scope.is_empty() { ".".to_owned() } else { scope.trim_end_matches('/').to_owned() };
    let listing = git(top)
        .args(["ls-tree", "-r", "-z", "--full-tree", commit, "--", &scope])
        .output()
        .map_err(|err| format!("cannot run git: {err}"))?;
    if !listing.status.success() {
        return Err(format!("cannot list the files of `{commit}`"));
    }
    // `<mode> blob <oid>\t<path>\0`; links (120000) and submodules are not files of the site.
    let mut wanted: Vec<(String, String)> = Vec::new();
    for entry in listing.stdout.split(|&b| b == 0).filter(|e| !e.is_empty()) {
        let entry = String::from_utf8_lossy(entry);
        let Some((meta, path)) = entry.split_once('\t') else {
            continue;
        };
        let mut meta = meta.split(' ');
        let (Some(mode), Some("blob"), Some(blob)) = (meta.next(), meta.next(), meta.next()) else {
            continue;
        };
        if mode.starts_with("120") {
            continue;
        }
        if let Some(inside) = path.strip_prefix(prefix) {
            wanted.push((inside.to_owned(), blob.to_owned()));
        }
    }
    let blobs: Vec<&str> = wanted.iter().map(|(_, blob)| blob.as_str()).filter(|blob| !known.contains(*blob)).collect();
    let mut bytes = cat_blob_bytes(top, &blobs)?;
    // Two files may have the same bytes, hence one blob: it is copied only
    // for the files before the last that holds it.
    let mut uses: HashMap<String, usize> = HashMap::new();
    for (_, blob) in &wanted {
        *uses.entry(blob.clone()).or_default() += 1;
    }
    Ok(wanted
        .into_iter()
        .filter_map(|(path, blob)| {
            if known.contains(&blob) {
                return Some((path, blob, Vec::new()));
            }
            let left = uses.get_mut(&blob)?;
            *left -= 1;
            let data = if *left == 0 { bytes.remove(&blob)? } else { bytes.get(&blob)?.clone() };
            Some((path, blob, data))
        })
        .collect())
}

/// The `version` and `status` of a front matter, read without a YAML
/// parser: an old text may not parse any more, and only two plain values
/// are needed.
#[derive(Debug, Default, PartialEq, Eq)]
struct Fields {
    version: Option<String>,
    status: Option<String>,
}

fn fields(text: &str) -> Fields {
    let mut found = Fields::default();
    let mut lines = text.lines();
    if lines.next().map(str::trim_end) != Some("---") {
        return found;
    }
    for line in lines {
        if line.trim_end() == "---" {
            break;
        }
        let value = |v: &str| {
            let v = v.split(" #").next().unwrap_or(v).trim();
            let v = v.trim_matches(|c| c == '"' || c == '\'');
            (!v.is_empty()).then(|| v.to_owned())
        };
        if let Some(v) = line.strip_prefix("version:") {
            found.version = value(v);
        } else if let Some(v) = line.strip_prefix("status:") {
            found.status = value(v);
        }
    }
    found
}

/// The rank of a status on the way to adoption; `archived` stands apart.
fn rank(status: Option<&str>) -> Option<u8> {
    match status? {
        "draft" => Some(0),
        "review" => Some(1),
        "validated" => Some(2),
        "adopted" => Some(3),
        _ => None,
    }
}

fn short(commit: &str) -> &str {
    &commit[..commit.len().min(7)]
}

/// Reads the earlier versions of the documents of `sources` and adds them to
/// it, with the checks that compare versions: a status that went backwards,
/// and a validated text changed without a new number.
pub fn attach(sources: &mut crate::load::Sources) -> Vec<crate::diagnostics::Diagnostic> {
    use crate::diagnostics::Diagnostic;
    use crate::load::Role;
    let documents: Vec<(&str, &str)> = sources
        .files
        .iter()
        .filter(|f| f.role != Role::Section)
        .map(|f| (f.content_path.as_str(), f.text.as_str()))
        .collect();
    let history = read(&sources.root, &documents);
    let mut problems = Vec::new();
    if let Some(why) = &history.skipped {
        // Said only where something may be lost: documents with a `version`.
        let claiming = sources.files.iter().filter(|f| fields(&f.text).version.is_some()).count();
        if claiming > 0 {
            problems.push(
                Diagnostic::warning(crate::load::CONTENT_DIR, 0, 0, format!("earlier versions of documents were skipped: {why}"))
                    .with_hint(format!("{claiming} documents carry a `version`: build from a full git clone of the site to publish their earlier versions and redlines")),
            );
        }
        return problems;
    }
    let mut folders: HashMap<(String, String), Option<std::path::PathBuf>> = HashMap::new();
    for file in &sources.files {
        let current = fields(&file.text);
        // The line of a top-level field in the file (its front matter starts on line 2).
        let line = |name: &str| {
            let front = crate::parse::front_matter_text(&file.text).unwrap_or_default();
            crate::yaml::top_level_keys(front).into_iter().find(|(key, _)| key == name).map_or(1, |(_, line)| line + 1)
        };
        if let Some(validated) = history.validated.get(&file.content_path)
            && validated.text != file.text
            && matches!(current.status.as_deref(), Some("validated" | "adopted"))
        {
            let version = current.version.as_deref().unwrap_or_default();
            problems.push(
                Diagnostic::warning(&file.display, line("version"), 1, format!(
                    "this text changed since it was {} as version {version} (commit {}), but its `version` did not",
                    validated.status.as_deref().unwrap_or("validated"),
                    short(&validated.commit)
                ))
                .with_hint("a validated text is changed only by a new version: raise `version` (e.g. 1.0 -> 1.1) and say what changed in `changes`"),
            );
        }
        let pasts = history.files.get(&file.content_path);
        let mut chain: Vec<(&str, Option<&str>)> =
            pasts.map_or_else(Vec::new, |p| p.iter().map(|p| (p.version.as_str(), p.status.as_deref())).collect());
        if let Some(version) = current.version.as_deref() {
            chain.push((version, current.status.as_deref()));
        }
        for pair in chain.windows(2) {
            let ((v1, s1), (v2, s2)) = (pair[0], pair[1]);
            if let (Some(r1), Some(r2)) = (rank(s1), rank(s2))
                && r2 < r1
            {
                problems.push(
                    Diagnostic::warning(&file.display, line("status"), 1, format!(
                        "the status went back from {} (version {v1}) to {} (version {v2})",
                        s1.unwrap_or_default(),
                        s2.unwrap_or_default()
                    ))
                    .with_hint("a later version moves forward (draft, review, validated, adopted); a revision of an adopted text starts as a new draft only if the process says so: accept this warning in site.yaml with the reason"),
                );
            }
        }
        for past in pasts.into_iter().flatten() {
            let copy = crate::load::SourceFile { text: past.text.clone(), ..file.clone() };
            // A bundle's tables as they stood then (an error leaves the
            // version reading today's, as before).
            // Read once for the bundle's files of every language at that commit.
            let files = if file.role == Role::Bundle {
                match folders.entry((past.commit.clone(), file.key.clone())) {
                    std::collections::hash_map::Entry::Occupied(seen) => seen.get().clone(),
                    std::collections::hash_map::Entry::Vacant(slot) => {
                        let dir = history.folder_at(&past.commit, &file.key).ok();
                        let path = dir.as_ref().map(|d| d.path().to_path_buf());
                        sources.past_files.extend(dir);
                        slot.insert(path).clone()
                    }
                }
            } else {
                None
            };
            let superseded = crate::load::Superseded {
                version: past.version.clone(),
                status: past.status.clone(),
                commit: past.commit.clone(),
                time: past.time,
                files,
            };
            sources.past.push((copy, superseded));
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blob_ids_are_git_s() {
        // `printf 'hello\n' | git hash-object --stdin`
        assert_eq!(blob_id("hello\n"), "ce013625030ba8dba906f756967f9e9ca394464a");
    }

    #[test]
    fn version_and_status_are_read_from_the_front_matter_only() {
        let text = "---\ntitle: x\nversion: \"0.2\" # second draft\nstatus: review\n---\nversion: 9\n";
        assert_eq!(fields(text), Fields { version: Some("0.2".into()), status: Some("review".into()) });
        assert_eq!(fields("no front matter\nversion: 1"), Fields::default());
    }
}
