//! Bad input: each fixture under tests/fixtures/errors/ holds a broken site
//! and, in expected.txt, the exact diagnostics it must produce. A failed
//! build exits 1, reports every problem, and leaves the previous site alone.
//! Run with RELAIS_BLESS=1 to rewrite expected.txt after a deliberate change.

use std::path::Path;

use crate::support::*;

fn cases() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(fixture("errors"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The diagnostics of a run, without the closing summary line.
fn diagnostics(stderr: &str) -> String {
    let lines: Vec<&str> = stderr.lines().collect();
    lines[..lines.len().saturating_sub(1)].join("\n") + "\n"
}

fn previous_site(out: &Path) {
    std::fs::create_dir_all(out.join("en")).unwrap();
    std::fs::write(out.join("en/index.html"), "previous build").unwrap();
    // As a build marks it: the next build may replace it.
    std::fs::write(out.join(".relais-site"), "previous marker").unwrap();
}

fn assert_untouched(out: &Path) {
    assert_eq!(std::fs::read_to_string(out.join("en/index.html")).unwrap(), "previous build");
    assert_eq!(std::fs::read_to_string(out.join(".relais-site")).unwrap(), "previous marker");
    let entries: Vec<_> = std::fs::read_dir(out).unwrap().collect();
    assert_eq!(entries.len(), 2, "nothing was added to the previous site");
    // Nothing was written anywhere around it either (a bundle id with `..`).
    let around: Vec<_> = walkdir::WalkDir::new(out.parent().unwrap()).into_iter().collect();
    assert_eq!(around.len(), 5, "only the previous site is in its folder: {around:?}");
    let siblings: Vec<_> = std::fs::read_dir(out.parent().unwrap()).unwrap().collect();
    assert_eq!(siblings.len(), 1, "no temporary folder is left beside the site");
}

#[test]
fn each_broken_site_gets_its_exact_diagnostics_and_keeps_the_previous_build() {
    let bless = std::env::var_os("RELAIS_BLESS").is_some();
    let mut mismatches = Vec::new();
    for case in cases() {
        let root = fixture(&format!("errors/{case}"));
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        previous_site(&out);
        let run = relais(&["build", "--root", root.to_str().unwrap(), "--out", out.to_str().unwrap()]);
        assert_eq!(run.status, 1, "{case}: {}", run.stderr);
        assert_untouched(&out);
        let found = diagnostics(&run.stderr);
        let errors = found.lines().filter(|l| l.contains(": error: ")).count();
        assert!(errors > 0, "{case}: no error reported");
        assert!(run.stderr.lines().last().unwrap().starts_with(&format!("{errors} error")), "{case}: {}", run.stderr);
        for line in found.lines().filter(|l| !l.starts_with("  hint: ")) {
            let location = line.split(": ").next().unwrap();
            assert!(
                location.starts_with("content/")
                    || location == "content"
                    || location.starts_with("themes/")
                    || location == "site.yaml"
                    || location.starts_with("site.yaml:"),
                "{case}: {line}"
            );
        }
        let expected_path = root.join("expected.txt");
        if bless {
            std::fs::write(&expected_path, &found).unwrap();
        } else {
            let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
            if expected != found {
                mismatches.push(format!("== {case}\n-- expected\n{expected}-- found\n{found}"));
            }
        }
        // check finds the same problems, and writes nothing.
        let check = relais(&["check", "--root", root.to_str().unwrap()]);
        assert_eq!(check.status, 1, "{case}");
        assert_eq!(diagnostics(&check.stderr), found, "{case}: check and build disagree");
        assert!(!root.join("build").exists(), "{case}: check wrote output");
    }
    assert!(mismatches.is_empty(), "diagnostics changed (RELAIS_BLESS=1 to accept):\n{}", mismatches.join("\n"));
}

#[test]
fn five_different_problems_are_all_reported_with_positions() {
    let root = fixture("errors/many");
    let run = relais(&["check", "--root", root.to_str().unwrap()]);
    assert_eq!(run.status, 1);
    let errors: Vec<&str> = run.stderr.lines().filter(|l| l.contains(": error: ")).collect();
    assert!(errors.len() >= 5, "{}", run.stderr);
    for (needle, position) in [
        ("unknown field `weigth`", "content/sops/intake.en.md:3:1"),
        ("broken link", "content/sops/intake.en.md:5:5"),
        ("broken anchor", "content/sops/intake.fr.md:4:6"),
        ("missing `title`", "content/sops/untitled.en.md:1:1"),
        ("did not find expected", "content/sops/broken.en.md:3:1"),
        ("unknown language suffix `.es`", "content/sops/bad.es.md"),
    ] {
        assert!(
            errors.iter().any(|l| l.starts_with(position) && l.contains(needle)),
            "{needle} at {position}:\n{}",
            run.stderr
        );
    }
}

#[test]
fn check_can_report_as_json() {
    let root = fixture("errors/unknown-field");
    let run = relais(&["check", "--root", root.to_str().unwrap(), "--format", "json"]);
    assert_eq!(run.status, 1);
    let problems: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let first = &problems.as_array().unwrap()[0];
    assert_eq!(first["file"], "content/intake.en.md");
    assert_eq!((first["line"].as_u64(), first["column"].as_u64()), (Some(3), Some(1)));
    assert_eq!(first["severity"], "error");
    assert_eq!(first["hint"], "did you mean `summary`?");
}

#[test]
fn a_successful_build_replaces_the_previous_site_whole() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    previous_site(&out);
    std::fs::write(out.join("stale.html"), "from an older build").unwrap();
    let root = fixture("site/basic");
    let run = relais(&["build", "--root", root.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(!out.join("stale.html").exists());
    assert_ne!(std::fs::read_to_string(out.join("en/index.html")).unwrap(), "previous build");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "no temporary folder left");
}
