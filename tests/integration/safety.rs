//! The files around a build: `build` replaces only a folder it wrote,
//! never the sources or a folder of someone else's; the new site takes the
//! old one's place in one step; nothing is read from outside the site's
//! folder, and nothing is written outside the output.

use std::path::{Path, PathBuf};

use crate::support::*;

/// A copy of the basic fixture site in a temporary folder, with a sentinel
/// file in every place a wrong `--out` could destroy.
struct Project {
    dir: tempfile::TempDir,
}

impl Project {
    fn new() -> Project {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&fixture("site/basic"), &dir.path().join("site"));
        let project = Project { dir };
        for folder in ["site", "site/content", "site/themes", "documents"] {
            std::fs::create_dir_all(project.path(folder)).unwrap();
            std::fs::write(project.path(folder).join("sentinel.txt"), "keep me").unwrap();
        }
        std::fs::write(project.path("site/afile.txt"), "a file, not a folder").unwrap();
        project
    }

    fn path(&self, relative: &str) -> PathBuf {
        self.dir.path().join(relative)
    }

    fn root(&self) -> PathBuf {
        self.path("site")
    }

    fn build(&self, out: &Path, extra: &[&str]) -> Run {
        let root = self.root();
        let mut args = vec!["build", "--root", root.to_str().unwrap(), "--out", out.to_str().unwrap()];
        args.extend_from_slice(extra);
        relais(&args)
    }

    fn assert_sentinels(&self) {
        for folder in ["site", "site/content", "site/themes", "documents"] {
            let sentinel = self.path(folder).join("sentinel.txt");
            assert_eq!(std::fs::read_to_string(&sentinel).unwrap(), "keep me", "{} survives", sentinel.display());
        }
        assert_eq!(std::fs::read_to_string(self.path("site/afile.txt")).unwrap(), "a file, not a folder");
        assert!(self.path("site/content/sops/intake.en.md").is_file(), "the sources survive");
    }
}

#[test]
fn an_output_that_holds_or_is_the_sources_or_a_file_is_refused_before_anything_is_written() {
    let project = Project::new();
    let cases = [
        ("site/content", "inside the site's content/ folder"),
        ("site/content/sops", "inside the site's content/ folder"),
        ("site/themes/out", "inside the site's themes/ folder"),
        ("site", "is the site's folder"),
        ("", "holds the site's folder"),
        ("site/afile.txt", "is a file, not a folder"),
        ("documents", "already holds files that relais did not write"),
    ];
    for (out, said) in cases {
        let run = project.build(&project.path(out), &[]);
        assert_eq!(run.status, 2, "--out {out}: {}", run.stderr);
        assert!(run.stderr.contains(said), "--out {out}: {}", run.stderr);
        assert!(run.stderr.contains("hint: "), "--out {out} says what to do: {}", run.stderr);
        project.assert_sentinels();
    }
    // `..` and links are seen through.
    let roundabout = project.path("documents/../site/./content");
    assert_eq!(project.build(&roundabout, &[]).status, 2);
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(project.path("site/content"), project.path("link-to-content")).unwrap();
        let run = project.build(&project.path("link-to-content/out"), &[]);
        assert_eq!(run.status, 2, "{}", run.stderr);
        let run = project.build(&project.path("link-to-content"), &[]);
        assert_eq!(run.status, 2, "{}", run.stderr);
    }
    // --force replaces a folder of someone else's, never the sources.
    for out in ["site/content", "site"] {
        assert_eq!(project.build(&project.path(out), &["--force"]).status, 2, "--force --out {out}");
    }
    project.assert_sentinels();
    let run = project.build(&project.path("documents"), &["--force"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(project.path("documents/en/index.html").is_file());
}

#[test]
fn a_folder_relais_wrote_or_an_empty_one_is_replaced_without_asking() {
    let project = Project::new();
    let out = project.path("site/build/site");
    for _ in 0..2 {
        let run = project.build(&out, &[]);
        assert_eq!(run.status, 0, "{}", run.stderr);
        assert!(out.join(".relais-site").is_file(), "every build marks its output");
    }
    std::fs::create_dir_all(project.path("empty")).unwrap();
    assert_eq!(project.build(&project.path("empty"), &[]).status, 0);
    // The default output, twice.
    let root = project.root();
    for _ in 0..2 {
        let run = relais(&["build", "--root", root.to_str().unwrap()]);
        assert_eq!(run.status, 0, "{}", run.stderr);
    }
    project.assert_sentinels();
}

#[test]
fn a_base_url_that_is_not_a_url_is_refused() {
    let project = Project::new();
    let run = project.build(&project.path("out"), &["--base-url", "not a url"]);
    assert_eq!(run.status, 2, "{}", run.stderr);
    assert!(run.stderr.contains("--base-url must be an absolute http(s) URL"), "{}", run.stderr);
    assert!(!project.path("out").exists());
}

/// A process id that no process has any more.
fn dead_pid() -> u32 {
    let mut child = std::process::Command::new("true").spawn().unwrap();
    let pid = child.id();
    child.wait().unwrap();
    pid
}

#[test]
fn staging_folders_left_by_a_killed_build_are_removed_by_the_next() {
    let project = Project::new();
    let out = project.path("out/site");
    assert_eq!(project.build(&out, &[]).status, 0);
    let pid = dead_pid();
    for stale in [format!(".site.new-{pid}"), format!(".site.old-{pid}")] {
        std::fs::create_dir_all(project.path("out").join(&stale).join("en")).unwrap();
    }
    // A folder of a build still running (this test's own process) stays.
    let alive = project.path("out").join(format!(".site.new-{}", std::process::id()));
    std::fs::create_dir_all(&alive).unwrap();
    assert_eq!(project.build(&out, &[]).status, 0);
    let mut left: Vec<String> = std::fs::read_dir(project.path("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, vec![format!(".site.new-{}", std::process::id()), "site".to_owned()]);
}

#[test]
fn the_output_always_holds_a_whole_site_while_builds_replace_it() {
    let project = Project::new();
    let out = project.path("out/site");
    assert_eq!(project.build(&out, &[]).status, 0);
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let reader = {
        let (stop, page) = (std::sync::Arc::clone(&stop), out.join("en/index.html"));
        std::thread::spawn(move || {
            let (mut reads, mut misses) = (0u64, 0u64);
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                reads += 1;
                if std::fs::read(&page).is_err() {
                    misses += 1;
                }
            }
            (reads, misses)
        })
    };
    for _ in 0..8 {
        assert_eq!(project.build(&out, &[]).status, 0);
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let (reads, misses) = reader.join().unwrap();
    assert!(reads > 100, "the reader ran ({reads} reads)");
    assert_eq!(misses, 0, "{misses} of {reads} reads found no page");
}

#[cfg(unix)]
#[test]
fn links_to_files_outside_the_site_are_errors_and_never_published() {
    let project = Project::new();
    let root = project.root();
    std::fs::write(project.path("secret.yaml"), "- id: secret\n  en: SECRET-ROW\n  fr: SECRET-ROW\n").unwrap();
    std::fs::write(project.path("secret.csv"), "service,contact\nSECRET-ROW,x\n").unwrap();
    std::fs::write(project.path("secret.en.md"), "---\ntitle: SECRET-PAGE\n---\nSECRET-ROW\n").unwrap();
    let glossary = root.join("content/_data/glossary.yaml");
    std::fs::remove_file(&glossary).unwrap();
    std::os::unix::fs::symlink(project.path("secret.yaml"), &glossary).unwrap();
    std::os::unix::fs::symlink(project.path("secret.csv"), root.join("content/sops/referral/extra.csv")).unwrap();
    std::os::unix::fs::symlink(project.path("secret.en.md"), root.join("content/guides/leak.en.md")).unwrap();
    let out = project.path("out");
    let run = project.build(&out, &[]);
    assert_eq!(run.status, 1, "{}", run.stderr);
    for link in ["content/_data/glossary.yaml", "content/sops/referral/extra.csv", "content/guides/leak.en.md"] {
        let said = format!("{link}: error: this is a link to ");
        assert!(run.stderr.contains(&said), "{link} is named: {}", run.stderr);
    }
    assert!(run.stderr.contains("outside the site's folder"), "{}", run.stderr);
    assert!(!out.exists(), "nothing is written");
    let check = relais(&["check", "--root", root.to_str().unwrap()]);
    assert_eq!(check.status, 1);
}

#[cfg(unix)]
#[test]
fn links_inside_the_site_are_followed() {
    let project = Project::new();
    let root = project.root();
    std::fs::create_dir_all(root.join("shared")).unwrap();
    std::fs::write(root.join("shared/linked.en.md"), "---\ntitle: Linked page\n---\nShared text.\n").unwrap();
    std::fs::write(root.join("shared/linked.fr.md"), "---\ntitle: Page liée\n---\nTexte partagé.\n").unwrap();
    for lang in ["en", "fr"] {
        std::os::unix::fs::symlink(
            root.join(format!("shared/linked.{lang}.md")),
            root.join(format!("content/guides/linked.{lang}.md")),
        )
        .unwrap();
    }
    let out = project.path("out");
    let run = project.build(&out, &[]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let page = read_page(&out.join("en/guides/linked/index.html"));
    assert_eq!(text(one(&page, "h1")), "Linked page");
}

#[cfg(target_os = "linux")]
#[test]
fn a_file_name_that_is_not_utf8_is_an_error() {
    use std::os::unix::ffi::OsStrExt;
    let project = Project::new();
    let root = project.root();
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9.en.md");
    std::fs::write(root.join("content/guides").join(name), "---\ntitle: Caf\n---\n").unwrap();
    let out = project.path("out");
    let run = project.build(&out, &[]);
    assert_eq!(run.status, 1, "{}", run.stderr);
    assert!(run.stderr.contains("the file name is not valid UTF-8"), "{}", run.stderr);
    assert!(!out.exists());
}
