//! Document kinds. `tests/fixtures/kinds/valid/` uses every field of every
//! kind in both languages and must check with no diagnostic at all, even
//! with `--strict`. Each case under `tests/fixtures/kinds/cases/` edits that
//! site to break exactly one rule; its diagnostics are pinned in
//! `<case>.expected` (RELAIS_BLESS=1 rewrites them after a deliberate change).
//! The JSON Schema printed by `relais schema` accepts every valid front
//! matter and rejects the cases marked `schema: fails`.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::support::*;

const VALID: &str = "kinds/valid";
/// 2027-01-01: the date checks (stale services, overdue reviews) see the same day every run.
const TODAY: &str = "1798761600";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    /// The one rule the case breaks.
    #[allow(dead_code)]
    why: String,
    edits: Vec<Edit>,
    /// Whether the JSON Schema must reject the edited front matter too.
    #[serde(default)]
    schema: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Edit {
    file: String,
    replace: String,
    with: String,
}

fn check(root: &Path, extra: &[&str]) -> Run {
    let mut args = vec!["check", "--root", root.to_str().unwrap()];
    args.extend_from_slice(extra);
    relais_with(&args, &[("SOURCE_DATE_EPOCH", TODAY)])
}

/// The valid site with a case's edits applied, in a temporary folder.
fn edited(case: &Case, name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    copy_dir(&fixture(VALID), &root);
    for edit in &case.edits {
        let path = root.join(&edit.file);
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{name}: {}: {e}", edit.file));
        let found = text.matches(&edit.replace).count();
        assert_eq!(found, 1, "{name}: `{}` occurs {found} times in {}, not once", edit.replace, edit.file);
        std::fs::write(&path, text.replacen(&edit.replace, &edit.with, 1)).unwrap();
    }
    // Committed as its authors would: the case's edit is the text of its
    // version, not an uncommitted change to a validated text.
    commit_all(&root);
    (dir, root)
}

fn cases() -> Vec<(String, Case)> {
    let mut cases: Vec<(String, Case)> = std::fs::read_dir(fixture("kinds/cases"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .map(|p| {
            let name = p.file_stem().unwrap().to_string_lossy().into_owned();
            (name, read_case(&p))
        })
        .collect();
    cases.sort_by(|a, b| a.0.cmp(&b.0));
    cases
}

fn read_case(path: &Path) -> Case {
    serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The diagnostics of a run, without the closing summary line.
fn diagnostics(stderr: &str) -> String {
    stderr
        .lines()
        .filter(|l| !l.contains(" documents (") && !l.starts_with("--strict"))
        .map(|l| format!("{l}\n"))
        .collect()
}

#[test]
fn the_valid_site_uses_every_kind_and_has_no_diagnostic_even_when_strict() {
    // A copy with a history of its own: the fixture's texts changed along
    // with relais, which is not a history of versions.
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    copy_site(&fixture(VALID), &root);
    let run = check(&root, &["--strict"]);
    assert_eq!(diagnostics(&run.stderr), "", "the valid fixture has diagnostics");
    assert_eq!(run.status, 0);
    let out = dir.path().join("out");
    let build = relais(&["build", "--root", root.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_eq!(build.status, 0, "{}", build.stderr);
    assert_eq!(crawl(&out), Vec::<String>::new(), "links that do not resolve");
}

/// The valid site with one stale service, and `accept` entries appended to
/// its site.yaml.
fn stale_service_site(accept: &str) -> (tempfile::TempDir, PathBuf) {
    let (_, case) = cases().into_iter().find(|(name, _)| name == "sop-service-not-verified").unwrap();
    let (dir, root) = edited(&case, "accept");
    let settings = root.join("site.yaml");
    let text = std::fs::read_to_string(&settings).unwrap();
    std::fs::write(&settings, format!("{text}checks:\n  accept:\n{accept}")).unwrap();
    (dir, root)
}

#[test]
fn an_accepted_warning_keeps_its_reason_and_lets_strict_pass_until_it_ends() {
    let reason = "The Yaoundé shelter is checked at the January round";
    let entry = format!(
        "    - warning: \"was last verified on\"\n      path: content/sops/\n      reason: \"{reason}\"\n      until: 2027-01-31\n"
    );
    let (_dir, root) = stale_service_site(&entry);
    let run = check(&root, &["--strict"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(diagnostics(&run.stderr), "", "an accepted warning is not printed");
    assert!(run.stderr.contains("0 warnings (1 warning accepted in site.yaml"), "{}", run.stderr);
    let shown = check(&root, &["--show-accepted"]);
    let listed = diagnostics(&shown.stderr);
    assert!(listed.contains("services.csv:5:14: accepted warning: the service `shelter-yde`"), "{listed}");
    assert!(listed.contains(&format!("  accepted: {reason}")), "{listed}");
    let json: serde_json::Value = serde_json::from_str(&check(&root, &["--format", "json"]).stdout).unwrap();
    assert_eq!(json[0]["accepted"], reason);

    // Accepted or not, readers see which entry is due for a check.
    let out = root.parent().unwrap().join("out");
    let run = relais_with(
        &["build", "--root", root.to_str().unwrap(), "--out", out.to_str().unwrap()],
        &[("SOURCE_DATE_EPOCH", TODAY)],
    );
    assert_eq!(run.status, 0, "{}", run.stderr);
    for page in ["en/sops/procedures/index.html", "en/sops/procedures/print.html"] {
        let html = read_page(&out.join(page));
        let stale: Vec<String> = select(&html, "table.directory tr")
            .into_iter()
            .filter(|row| row.select(&scraper::Selector::parse(".stale").unwrap()).next().is_some())
            .map(|row| attr(row, "id").to_owned())
            .collect();
        assert_eq!(stale.len(), 1, "{page}: {stale:?}");
        assert!(stale[0].ends_with("service-shelter-yde"), "{page}: {stale:?}");
    }

    // Past its last day the acceptance stops: the warning is back, and so is
    // a word about the acceptance itself.
    let ended = entry.replace("2027-01-31", "2026-12-31");
    let (_dir, root) = stale_service_site(&ended);
    let run = check(&root, &["--strict"]);
    assert_eq!(run.status, 1);
    let found = diagnostics(&run.stderr);
    assert!(found.contains("warning: the service `shelter-yde` was last verified"), "{found}");
    assert!(
        found.contains("site.yaml:5:1: warning: the acceptance of `was last verified on` ended on 2026-12-31"),
        "{found}"
    );

    // Only in the path it names.
    let (_dir, root) = stale_service_site(&entry.replace("content/sops/", "content/reports/"));
    let found = diagnostics(&check(&root, &[]).stderr);
    assert!(found.contains("warning: the service `shelter-yde` was last verified"), "{found}");
    assert!(found.contains("site.yaml:5:1: warning: the accepted warning `was last verified on` is no longer found"));
}

#[test]
fn an_acceptance_must_say_why_and_what() {
    let (_dir, root) = stale_service_site("    - warning: \"\"\n      until: soon\n");
    let run = check(&root, &[]);
    assert_eq!(run.status, 1);
    let found = diagnostics(&run.stderr);
    assert!(found.contains("site.yaml:5:1: error: an accepted warning needs the `warning` text it matches"), "{found}");
    assert!(found.contains("site.yaml:5:1: error: the accepted warning `` gives no `reason`"), "{found}");
    assert!(found.contains("site.yaml:5:1: error: `until: soon` is not a date"), "{found}");
}

/// The valid site with the case's edits checked: its diagnostics are
/// the pinned ones, and the exit status says whether they hold an error.
fn pinned_case(name: &str) {
    let case = read_case(&fixture(&format!("kinds/cases/{name}.yaml")));
    let (_dir, root) = edited(&case, name);
    let run = check(&root, &[]);
    let found = diagnostics(&run.stderr);
    assert!(!found.is_empty(), "{name}: no diagnostic");
    let errors = found.lines().any(|l| l.contains(": error: "));
    assert_eq!(run.status, i32::from(errors), "{name}: exit status\n{found}");
    if !errors {
        assert_eq!(check(&root, &["--strict"]).status, 1, "{name}: --strict must fail on warnings");
    }
    let path = fixture(&format!("kinds/cases/{name}.expected"));
    if std::env::var_os("RELAIS_BLESS").is_some() {
        std::fs::write(&path, &found).unwrap();
    } else {
        let expected = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            expected == found,
            "diagnostics changed (RELAIS_BLESS=1 to accept):\n-- expected\n{expected}-- found\n{found}"
        );
    }
}

/// One test per case of `tests/fixtures/kinds/cases/` (its file name with
/// `_` for `-`), so that they run side by side and fail one by one.
macro_rules! each_case_breaks_one_rule_and_gets_its_pinned_diagnostics {
    ($($case:ident)*) => {
        const CASE_NAMES: &[&str] = &[$(stringify!($case)),*];
        mod case {
            $(#[test] fn $case() { super::pinned_case(&stringify!($case).replace('_', "-")); })*
        }
    };
}

each_case_breaks_one_rule_and_gets_its_pinned_diagnostics! {
    agenda_id_without_letters assessment_critical_gap assessment_gap_without_action assessment_response_missing
    brief_citation_to_no_reference brief_recommendation_to_no_one brief_reference_never_cited
    brief_section_missing brief_table_without_source brief_two_key_messages checklist_item_unknown_area
    comments_rejected_without_response comments_undecided component_chart_missing_file
    component_map_unknown_country component_map_without_source component_quiz_answer_out_of_range
    component_quiz_unknown_objective field_bad_choice field_bad_date field_bad_id field_minutes_not_a_number
    field_misspelt_required_by_status field_ref_not_an_institution field_ref_unknown field_required_missing
    field_unknown glossary_entry_without_french_name glossary_unknown_acronym hygiene_repeated_paragraph
    link_in_field_broken module_duration_typed_wrong module_material_unknown module_no_break
    module_objective_not_covered module_translation_minutes_differ module_vague_objective
    page_citation_without_references report_ends_before_it_starts report_few_women report_invited_group_absent
    report_personal_data_column report_photo_without_consent report_total_typed_wrong report_unknown_category
    report_validation_without_decision reports_not_pointing_back section_ids_differ_between_languages
    sop_annex_file_missing sop_form_not_an_annex sop_last_revision_not_this_version sop_principles_not_named
    sop_revisions_out_of_order sop_route_to_unknown_service sop_service_not_verified sop_step_actor_unknown
    sop_step_without_heading sop_validated_without_approval status_version_mismatch
    strategy_action_outside_period strategy_action_unknown_axis strategy_csv_translation_column_missing
    strategy_deliverables_not_100 strategy_outcome_without_parent strategy_people_not_by_sex
    strategy_target_outside_period strategy_translation_target_differs strategy_validation_report_not_a_workshop
    workplan_not_twelve_months workplan_two_currencies
}

#[test]
fn every_case_file_has_its_test() {
    let files: Vec<String> = cases().into_iter().map(|(name, _)| name.replace('-', "_")).collect();
    assert_eq!(files, CASE_NAMES, "add the new case's name to the list above");
}

#[test]
fn a_site_with_one_problem_of_each_family_reports_them_all_at_once() {
    let all: Vec<(String, Case)> = cases();
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    copy_site(&fixture(VALID), &root);
    let mut expected_lines = 0;
    let mut files_with_errors = std::collections::BTreeSet::new();
    let mut applied = 0;
    for (name, case) in &all {
        // Cases that edit the same text cannot all apply at once.
        let ok = case
            .edits
            .iter()
            .all(|e| std::fs::read_to_string(root.join(&e.file)).is_ok_and(|t| t.matches(&e.replace).count() == 1));
        if !ok {
            continue;
        }
        for edit in &case.edits {
            let path = root.join(&edit.file);
            let text = std::fs::read_to_string(&path).unwrap();
            std::fs::write(&path, text.replacen(&edit.replace, &edit.with, 1)).unwrap();
        }
        let pinned = std::fs::read_to_string(fixture(&format!("kinds/cases/{name}.expected"))).unwrap_or_default();
        expected_lines += pinned.lines().filter(|l| l.contains(": error: ")).count().min(1);
        files_with_errors.extend(
            pinned.lines().filter(|l| l.contains(": error: ")).map(|l| l.split(':').next().unwrap().to_owned()),
        );
        applied += 1;
    }
    assert!(applied >= 10, "only {applied} cases could be combined");
    let run = check(&root, &["--format", "json"]);
    assert_eq!(run.status, 1);
    let found: Vec<serde_json::Value> = serde_json::from_str(&run.stdout).unwrap();
    let errors = found.iter().filter(|d| d["severity"] == "error").count();
    assert!(errors >= expected_lines, "{errors} errors for {expected_lines} broken rules");
    // Every file that one of the cases breaks has an error of its own in
    // the combined run: no problem stops the checks of another file.
    let silent: Vec<&String> = files_with_errors
        .iter()
        .filter(|file| !found.iter().any(|d| d["severity"] == "error" && d["file"] == file.as_str()))
        .collect();
    assert!(silent.is_empty(), "files broken by a case but with no error: {silent:?}\n{}", run.stdout);
    for diagnostic in &found {
        assert!(diagnostic["line"].as_u64().unwrap() > 0, "{diagnostic}");
        assert!(diagnostic["column"].as_u64().unwrap() > 0, "{diagnostic}");
        assert!(diagnostic["file"].as_str().unwrap().starts_with("content/"), "{diagnostic}");
    }
}

/// Front matter of a Markdown file as JSON, as a YAML language server sees it.
fn front_matter(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).unwrap();
    let yaml = text.strip_prefix("---\n").and_then(|t| t.split_once("\n---\n")).map(|(y, _)| y).unwrap_or("");
    serde_yaml::from_str(yaml).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn schema_of(root: &Path) -> jsonschema::Validator {
    let run = relais(&["schema", "--root", root.to_str().unwrap()]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let schema: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
    jsonschema::draft202012::new(&schema).expect("a valid draft 2020-12 schema")
}

fn markdown_files(root: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect()
}

#[test]
fn the_json_schema_accepts_every_valid_front_matter() {
    let root = fixture(VALID);
    let validator = schema_of(&root);
    let files = markdown_files(&root);
    assert!(files.len() >= 12);
    for path in files {
        let front = front_matter(&path);
        let errors: Vec<String> =
            validator.iter_errors(&front).map(|e| format!("{} at {}", e, e.instance_path())).collect();
        assert!(errors.is_empty(), "{}: {errors:?}", path.display());
    }
    // Without a site, references are checked by shape only.
    let run = relais(&["schema"]);
    assert_eq!(run.status, 0);
    assert!(run.stdout.contains("\"sop\""));
}

#[test]
fn the_json_schema_rejects_the_cases_of_bad_fields() {
    let mut checked = 0;
    for (name, case) in cases().into_iter().filter(|(_, c)| c.schema.as_deref() == Some("fails")) {
        let (_dir, root) = edited(&case, &name);
        let validator = schema_of(&root);
        let file = root.join(&case.edits[0].file);
        let front = front_matter(&file);
        assert!(!validator.is_valid(&front), "{name}: the schema accepts {}", case.edits[0].file);
        checked += 1;
    }
    assert!(checked >= 5, "only {checked} cases are marked `schema: fails`");
}

#[test]
fn each_language_has_a_glossary_page_and_abbreviations_are_explained_once_per_page() {
    let built = build_fixture(VALID, &[]);
    let glossary: Vec<serde_json::Value> =
        serde_yaml::from_str(&std::fs::read_to_string(fixture(VALID).join("content/_data/glossary.yaml")).unwrap())
            .unwrap();
    for (lang, title) in [("en", "Glossary"), ("fr", "Glossaire")] {
        let page = built.page(&format!("{lang}/glossary/index.html"));
        assert_eq!(text(one(&page, "h1")), title);
        let rows = select(&page, "table.glossary tbody tr");
        assert_eq!(rows.len(), glossary.len());
        // The footer of the home page links to it.
        let home = built.page(&format!("{lang}/index.html"));
        let footer_links: Vec<&str> = select(&home, "footer a").into_iter().map(|a| attr(a, "href")).collect();
        assert!(footer_links.contains(&"glossary/index.html"), "{footer_links:?}");
    }
    let mut abbreviations = 0;
    for entry in walkdir::WalkDir::new(&built.out).into_iter().map(|e| e.unwrap()) {
        let path = entry.path();
        if path.file_name().is_none_or(|n| n != "index.html") || path.to_string_lossy().contains("glossary") {
            continue;
        }
        let page = read_page(path);
        let mut seen = std::collections::HashSet::new();
        // In prose; the tables made from data name each institution with its title, row by row.
        let in_block = |e: &scraper::ElementRef<'_>| {
            e.ancestors()
                .filter_map(scraper::ElementRef::wrap)
                .any(|a| a.value().classes().any(|c| c == "kind-block") || a.value().name() == "table")
        };
        for abbr in select(&page, "main .doc-body abbr").into_iter().filter(|a| !in_block(a)) {
            abbreviations += 1;
            assert!(!attr(abbr, "title").is_empty());
            assert!(seen.insert(text(abbr)), "{}: `{}` explained twice", path.display(), text(abbr));
        }
    }
    assert!(abbreviations > 0, "no abbreviation was explained");
}

#[test]
fn relais_new_writes_every_language_with_fields_and_sections_that_check() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    copy_site(&fixture(VALID), &root);
    for kind in ["sop", "module", "brief", "strategy", "checklist", "report", "page"] {
        let run = relais(&["new", kind, &format!("drafts/new-{kind}"), "--root", root.to_str().unwrap()]);
        assert_eq!(run.status, 0, "{kind}: {}", run.stderr);
        for lang in ["en", "fr"] {
            let text = std::fs::read_to_string(root.join(format!("content/drafts/new-{kind}.{lang}.md"))).unwrap();
            assert!(text.contains(&format!("kind: {kind}")) && text.contains("status: draft"), "{text}");
        }
    }
    let en = std::fs::read_to_string(root.join("content/drafts/new-sop.en.md")).unwrap();
    let fr = std::fs::read_to_string(root.join("content/drafts/new-sop.fr.md")).unwrap();
    assert!(en.contains("## Scope {#scope}") && fr.contains("## Champ d'application {#scope}"));
    // Drafts to fill in: warnings to guide the author, no error.
    let run = check(&root, &[]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(run.stderr.contains("TODO"), "the placeholders are pointed out");
    // Never over an existing file.
    let again = relais(&["new", "sop", "drafts/new-sop", "--root", root.to_str().unwrap()]);
    assert_eq!(again.status, 1);
    assert!(again.stderr.contains("already exists"));
}
