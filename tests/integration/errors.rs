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

/// The broken site `case` fails to build with its exact diagnostics, leaves
/// the previous site as it was, and `check` finds the same.
fn broken_site(case: &str) {
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
    if std::env::var_os("RELAIS_BLESS").is_some() {
        std::fs::write(&expected_path, &found).unwrap();
    } else {
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        assert!(
            expected == found,
            "diagnostics changed (RELAIS_BLESS=1 to accept):\n-- expected\n{expected}-- found\n{found}"
        );
    }
    // check finds the same problems, and writes nothing.
    let check = relais(&["check", "--root", root.to_str().unwrap()]);
    assert_eq!(check.status, 1, "{case}");
    assert_eq!(diagnostics(&check.stderr), found, "{case}: check and build disagree");
    assert!(!root.join("build").exists(), "{case}: check wrote output");
}

/// One test per fixture of `tests/fixtures/errors/` (its folder name with
/// `_` for `-`), so that they run side by side and fail one by one.
macro_rules! each_broken_site_gets_its_exact_diagnostics_and_keeps_the_previous_build {
    ($($case:ident)*) => {
        const CASE_NAMES: &[&str] = &[$(stringify!($case)),*];
        mod case {
            $(#[test] fn $case() { super::broken_site(&stringify!($case).replace('_', "-")); })*
        }
    };
}

each_broken_site_gets_its_exact_diagnostics_and_keeps_the_previous_build! {
    accept_without_reason bad_date bad_site_yaml bad_value bad_yaml bom_in_front_matter bom_in_the_middle
    broken_anchor broken_link bundle_ids chart_missing_series chart_not_numbers component_bad_yaml containers
    control_character_in_text csv_broken_quote csv_empty csv_header_only csv_nul csv_quote_swallows_rows
    csv_semicolons csv_table_missing_file csv_tabs csv_text_after_quote duplicate_explicit_heading_id
    duplicate_language empty_slug file_without_language form_without_options front_matter_a_list
    front_matter_duplicate_key front_matter_empty_file front_matter_list front_matter_only_dashes
    front_matter_tabs front_matter_unclosed glossary_duplicate_id hygiene infinite_number_in_chart
    kind_field_on_a_page kinds_garbage link_to_folder_outside_content long_placeholder many map_unknown_country
    missing_image missing_title nan_number no_content_folder not_utf8 output_clash placeholders_and_addresses
    quiz_without_answer same_output_path section_ids_across_languages site_yaml_bad_language_code
    site_yaml_empty site_yaml_languages_not_a_list site_yaml_no_languages site_yaml_unknown_key
    slug_without_letters table_missing_columns template_error timeline_backwards title_not_text unknown_field
    unknown_kind unknown_language unknown_status version_read_as_number weight_not_a_number yaml_alias_bomb
    yaml_control_character yaml_deep_nesting yaml_huge_integer yaml_huge_integer_in_data yaml_tab_indentation
}

#[test]
fn every_broken_site_has_its_test() {
    let folders: Vec<String> = cases().into_iter().map(|name| name.replace('-', "_")).collect();
    assert_eq!(folders, CASE_NAMES, "add the new fixture's name to the list above");
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
