//! Versions from git: a repository made by the test, with drafts committed
//! one after the other, builds a page per earlier version, a redline per
//! step, and the checks that compare versions.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::*;

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .args(["-c", "user.name=Author", "-c", "user.email=author@example.org", "-c", "commit.gpgsign=false"])
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_DATE", "2026-10-01T10:00:00Z")
        .env("GIT_COMMITTER_DATE", "2026-10-01T10:00:00Z")
        .output()
        .expect("git runs");
    assert!(status.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&status.stderr));
}

fn write(root: &Path, path: &str, text: &str) {
    let file = root.join(path);
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(file, text).unwrap();
}

fn brief(lang: &str, version: &str, status: &str, body: &str, extra: &str) -> String {
    let extra = if lang == "fr" { format!("source_version: \"0.1\"\n{extra}") } else { extra.to_owned() };
    let title = if lang == "en" { "Return brief" } else { "Note sur le retour" };
    format!("---\ntitle: {title}\nstatus: {status}\nversion: \"{version}\"\n{extra}---\n{body}")
}

const BODY_1: &str = "## Context {#context}\n\nReturnees arrive in Douala and Yaounde.\n\nThe centres receive them.\n\n## Findings {#findings}\n\nThe case manager calls the family.\n";
const BODY_2: &str = "## Context {#context}\n\nReturnees arrive in Douala and Yaounde.\n\nThe centres receive them.\n\n## Findings {#findings}\n\nThe case manager visits the family.\n\n## Next steps {#next}\n\nTrain the staff.\n";

/// A site whose brief went 0.1 (draft) -> 0.2 (review) -> 1.0 (validated),
/// with its French translation left at 0.1.
fn repository() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    write(&root, "site.yaml", "title: { en: \"Hub\", fr: \"Plateforme\" }\nlanguages: [en, fr]\n");
    write(&root, "content/_index.en.md", "---\ntitle: Home\n---\nHome.\n");
    write(&root, "content/_index.fr.md", "---\ntitle: Accueil\n---\nAccueil.\n");
    write(&root, "content/brief.en.md", &brief("en", "0.1", "draft", BODY_1, ""));
    write(
        &root,
        "content/brief.fr.md",
        &brief(
            "fr",
            "0.1",
            "draft",
            "## Contexte {#context}\n\nLes personnes arrivent.\n\n## Constats {#findings}\n\nLa famille est appelée.\n\n## Suite {#next}\n\nFormer.\n",
            "",
        ),
    );
    git(&root, &["init", "-q"]);
    git(&root, &["add", "-A"]);
    git(&root, &["commit", "-qm", "draft 0.1"]);
    write(&root, "content/brief.en.md", &brief("en", "0.2", "review", BODY_2, ""));
    git(&root, &["commit", "-qam", "draft 0.2"]);
    write(&root, "content/brief.en.md", &brief("en", "1.0", "validated", BODY_2, ""));
    git(&root, &["commit", "-qam", "1.0"]);
    (dir, root)
}

fn build(root: &Path) -> (PathBuf, Run) {
    let out = root.parent().unwrap().join("out");
    let run = relais(&["build", "--root", root.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    (out, run)
}

#[test]
fn every_earlier_version_gets_its_pages_marked_as_superseded() {
    let (_dir, root) = repository();
    let (out, run) = build(&root);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let old = read_page(&out.join("en/brief/v/0.1/index.html"));
    let body = text(one(&old, ".doc-body"));
    assert!(body.contains("calls the family") && !body.contains("Train the staff"), "{body}");
    let notice = text(one(&old, ".notice-superseded"));
    assert!(notice.contains("version 0.1") && notice.contains("1 October 2026"), "{notice}");
    assert!(select(&old, ".notice-draft").is_empty(), "a superseded draft does not say it may change");
    let current = one(&old, ".notice-superseded a");
    assert_eq!(
        follow(&out.join("en/brief/v/0.1/index.html"), attr(current, "href")).0,
        out.join("en/brief/index.html")
    );
    assert!(out.join("en/brief/v/0.1/print.html").is_file());
    assert!(text(one(&read_page(&out.join("en/brief/v/0.2/index.html")), ".doc-body")).contains("visits the family"));
    // The current page lists them, oldest first, and links its redline.
    let page = read_page(&out.join("en/brief/index.html"));
    let listed: Vec<String> = select(&page, ".doc-versions a").into_iter().map(text).collect();
    assert_eq!(listed, ["0.1", "0.2"]);
    assert_eq!(text(one(&page, ".doc-changes a")), "What changed since 0.2");
    // The French translation never changed its version: it has none earlier,
    // and the switch of the English 0.1 lands on the French 0.1.
    assert!(!out.join("fr/brief/v").exists());
    let switch: Vec<_> = select(&old, "link[hreflang=fr]");
    assert!(switch.is_empty() || attr(switch[0], "href").contains("v/0.1"), "the switch lands on the same version");
    assert_eq!(crawl(&out), Vec::<String>::new(), "links that do not resolve");
    // Nothing of an old version is listed or searched as a document.
    let home = std::fs::read_to_string(out.join("en/index.html")).unwrap();
    assert!(!home.contains("v/0.1"));
    let index = std::fs::read_to_string(out.join("en/search-index.js")).unwrap();
    assert!(!index.contains("v/0.1"));
}

#[test]
fn a_redline_shows_the_changed_sections_and_words() {
    let (_dir, root) = repository();
    let (out, run) = build(&root);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let redline = read_page(&out.join("en/brief/v/0.2/changes.html"));
    let map: Vec<String> = select(&redline, ".redline-map tbody td").into_iter().map(text).collect();
    assert_eq!(map, ["Context", "unchanged", "Findings", "33% of its words changed", "Next steps", "added"]);
    let deleted: Vec<String> =
        select(&redline, "#s-findings ~ p del, .redline-section.is-changed del").into_iter().map(text).collect();
    let inserted: Vec<String> = select(&redline, ".redline-section.is-changed ins").into_iter().map(text).collect();
    assert_eq!(deleted, ["[deleted] calls"]);
    assert_eq!(inserted, ["[inserted] visits"]);
    assert_eq!(text(one(&redline, ".redline-section.is-added ins")), "[inserted] Train the staff.");
    assert_eq!(text(one(&redline, ".redline-section.is-unchanged .redline-folded")), "2 unchanged paragraphs");
    let steps: Vec<String> =
        select(&redline, ".redline-steps a, .redline-steps strong").into_iter().map(text).collect();
    assert_eq!(steps, ["0.1 → 0.2", "0.2 → 1.0", "0.1 → 1.0"]);
    // Any two versions compare: 0.1 with today's 1.0, beside 1.0.
    let across = out.join("en/brief/changes-0.1.html");
    let picked = select(&redline, ".redline-steps a").into_iter().find(|a| text(*a) == "0.1 → 1.0").unwrap();
    assert_eq!(follow(&out.join("en/brief/v/0.2/changes.html"), attr(picked, "href")).0, across);
    let across = read_page(&across);
    let map: Vec<String> = select(&across, ".redline-map tbody td").into_iter().map(text).collect();
    assert_eq!(map, ["Context", "unchanged", "Findings", "33% of its words changed", "Next steps", "added"]);
    assert_eq!(text(one(&across, ".redline-steps [aria-current]")), "0.1 → 1.0");
    // The last step sits beside the current document.
    let last = read_page(&out.join("en/brief/changes.html"));
    let states: Vec<String> = select(&last, ".redline-map tbody td:nth-child(2)").into_iter().map(text).collect();
    assert_eq!(states, ["unchanged", "unchanged", "unchanged"]);
}

#[test]
fn a_validated_text_changed_without_a_new_version_and_a_status_going_back_are_warned() {
    let (_dir, root) = repository();
    write(&root, "content/brief.en.md", &brief("en", "1.0", "validated", &BODY_2.replace("Train", "Pay"), ""));
    git(&root, &["commit", "-qam", "quietly changed"]);
    write(&root, "content/brief.en.md", &brief("en", "1.1", "draft", BODY_2, ""));
    let run = relais(&["check", "--root", root.to_str().unwrap()]);
    assert!(
        run.stderr.contains(
            "content/brief.en.md:3:1: warning: the status went back from validated (version 1.0) to draft (version 1.1)"
        ),
        "{}",
        run.stderr
    );
    write(&root, "content/brief.en.md", &brief("en", "1.0", "validated", &BODY_2.replace("Train", "Pay"), ""));
    let run = relais(&["check", "--root", root.to_str().unwrap()]);
    assert!(
        run.stderr.contains(
            "content/brief.en.md:4:1: warning: this text changed since it was validated as version 1.0 (commit "
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn a_folder_without_history_or_a_shallow_clone_builds_the_current_version_with_one_warning() {
    let (dir, root) = repository();
    let shallow = dir.path().join("shallow");
    let url = format!("file://{}", root.display());
    git(dir.path(), &["clone", "-q", "--depth", "1", &url, shallow.to_str().unwrap()]);
    let plain = dir.path().join("plain");
    copy_dir(&root.join("content"), &plain.join("content"));
    std::fs::copy(root.join("site.yaml"), plain.join("site.yaml")).unwrap();
    for (site, why) in [(&shallow, "the repository is a shallow clone"), (&plain, "is not in a git repository")] {
        let out = dir.path().join("out-of").join(site.file_name().unwrap());
        let run = relais(&["build", "--root", site.to_str().unwrap(), "--out", out.to_str().unwrap()]);
        assert_eq!(run.status, 0, "{}", run.stderr);
        let warnings: Vec<&str> =
            run.stderr.lines().filter(|l| l.contains("earlier versions of documents were skipped")).collect();
        assert_eq!(warnings.len(), 1, "{}", run.stderr);
        assert!(warnings[0].starts_with("content: warning: ") && warnings[0].contains(why), "{}", warnings[0]);
        assert!(out.join("en/brief/index.html").is_file() && !out.join("en/brief/v").exists());
    }
}

#[test]
fn a_translation_says_which_sections_of_its_source_changed_since_it_was_made() {
    let (_dir, root) = repository();
    let (out, run) = build(&root);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("content/brief.fr.md:5:1: warning: sections of content/brief.en.md changed since version 0.1 that this translation follows: `findings`, `next`"),
        "{}",
        run.stderr
    );
    let page = read_page(&out.join("fr/brief/index.html"));
    let notices: Vec<String> = select(&page, ".notice-translation-outdated").into_iter().map(text).collect();
    let sections = notices.iter().find(|n| n.contains("Sections dont")).expect("a notice names the sections");
    assert!(
        sections.contains("Constats") && sections.contains("Suite") && !sections.contains("Contexte"),
        "{sections}"
    );
    let link = select(&page, ".notice-translation-outdated a")
        .into_iter()
        .find(|a| text(*a) == "Voir les modifications.")
        .unwrap();
    assert_eq!(follow(&out.join("fr/brief/index.html"), attr(link, "href")).0, out.join("en/brief/changes-0.1.html"));
    // Each changed section is marked where it stands, and leads to that section of the redline.
    let marked: Vec<String> = select(&page, "h2 + .section-outdated")
        .into_iter()
        .map(|p| {
            let heading = p.prev_siblings().find_map(scraper::ElementRef::wrap).unwrap();
            text(heading)
        })
        .collect();
    assert_eq!(marked, ["Constats", "Suite"]);
    let mark = select(&page, ".section-outdated")[0];
    assert!(
        text(mark).starts_with("Cette section a changé dans l’original anglais depuis cette traduction (0.1 → 1.0)"),
        "{}",
        text(mark)
    );
    let (target, fragment) =
        follow(&out.join("fr/brief/index.html"), attr(select(&page, ".section-outdated a")[0], "href"));
    assert_eq!((target, fragment.as_deref()), (out.join("en/brief/changes-0.1.html"), Some("s-findings")));
    assert_eq!(crawl(&out), Vec::<String>::new());
}

/// The repository above, with its first two commits tagged as versions of
/// the whole site, a document that only the working tree has, and a ref
/// that the clone does not hold.
fn site_with_versions() -> (tempfile::TempDir, PathBuf) {
    let (dir, root) = repository();
    git(&root, &["tag", "first", "HEAD~2"]);
    git(&root, &["tag", "second", "HEAD~1"]);
    write(
        &root,
        "site.yaml",
        "title: { en: \"Hub\", fr: \"Plateforme\" }\nlanguages: [en, fr]\nversions:\n  - { name: first, ref: first }\n  - { name: second, ref: second }\n  - { name: gone, ref: no-such-tag }\n",
    );
    write(&root, "content/guide.en.md", "---\ntitle: New guide\n---\nOnly the current site has it.\n");
    git(&root, &["add", "-A"]);
    git(&root, &["commit", "-qm", "versions of the site"]);
    (dir, root)
}

#[test]
fn each_listed_ref_is_built_under_v_with_a_switch_that_lands_on_the_same_page() {
    let (_dir, root) = site_with_versions();
    let (out, run) = build(&root);
    assert_eq!(run.status, 0, "{}", run.stderr);
    // The ref that is not there is skipped with one warning naming it.
    let skipped: Vec<&str> = run.stderr.lines().filter(|l| l.contains("was skipped")).collect();
    assert_eq!(skipped.len(), 1, "{}", run.stderr);
    assert!(skipped[0].starts_with("site.yaml: warning: the site version `gone` was skipped"), "{}", skipped[0]);

    // Each version holds the document as it stood at its ref.
    let first = out.join("v/first/en/brief/index.html");
    let body = text(one(&read_page(&first), ".doc-body"));
    assert!(body.contains("calls the family") && !body.contains("Train the staff"), "{body}");
    let body = text(one(&read_page(&out.join("v/second/en/brief/index.html")), ".doc-body"));
    assert!(body.contains("visits the family") && body.contains("Train the staff"), "{body}");
    assert!(!out.join("v/first/en/guide").exists(), "a document added later is not in an older version");

    // The switch of the current page lands on the same document in each version.
    let current = out.join("en/brief/index.html");
    let page = read_page(&current);
    let links: Vec<(String, PathBuf)> = select(&page, ".version-switch a")
        .into_iter()
        .map(|a| (text(a), follow(&current, attr(a, "href")).0))
        .collect();
    assert_eq!(links.len(), 2, "{links:?}");
    assert!(links[0].0.starts_with("first") && links[0].1 == first, "{links:?}");
    assert_eq!(links[1].1, out.join("v/second/en/brief/index.html"));
    assert_eq!(text(one(&page, ".version-switch [aria-current]")), "current");
    assert!(select(&page, ".older-site").is_empty());

    // An older version says so, and leads back to the same page today.
    let old = read_page(&first);
    let notice = one(&old, ".older-site");
    assert!(text(notice).contains("as it stood at version first (1 October 2026)"), "{}", text(notice));
    assert_eq!(follow(&first, attr(one(&old, ".older-site a"), "href")).0, current);
    let back: Vec<PathBuf> =
        select(&old, ".version-switch a").into_iter().map(|a| follow(&first, attr(a, "href")).0).collect();
    assert_eq!(back, vec![current.clone(), out.join("v/second/en/brief/index.html")]);

    // Where the document is not in a version, its home page is.
    let guide = out.join("en/guide/index.html");
    let page = read_page(&guide);
    let to_first = select(&page, ".version-switch a").into_iter().find(|a| text(*a).starts_with("first")).unwrap();
    assert_eq!(follow(&guide, attr(to_first, "href")).0, out.join("v/first/en/index.html"));

    // The French pages of a version have their switch in French.
    let fr = read_page(&out.join("v/first/fr/brief/index.html"));
    assert!(
        text(one(&fr, ".older-site")).contains("tel qu’il était à la version first"),
        "{}",
        text(one(&fr, ".older-site"))
    );

    // versions.json lists them, the current one first.
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(out.join("versions.json")).unwrap()).unwrap();
    let names: Vec<&str> = json.as_array().unwrap().iter().map(|v| v["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["current", "first", "second"]);
    assert_eq!(json[1]["path"], "v/first/index.html");
    assert_eq!(json[1]["ref"], "first");
    assert_eq!(json[1]["date"], "2026-10-01");
    assert!(out.join("v/first/index.html").is_file() && out.join("v/first/static/style.css").is_file());

    // Every link of every version resolves from file://.
    assert_eq!(crawl(&out), Vec::<String>::new());

    // `check` tells of the missing ref too, without building the versions.
    let run = relais(&["check", "--root", root.to_str().unwrap()]);
    assert!(run.stderr.contains("the site version `gone` was skipped"), "{}", run.stderr);
}

#[test]
fn a_redline_shows_the_comment_matrix_the_changed_cells_and_the_totals_before_and_after() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    copy_site(&fixture("kinds/valid"), &root);
    let doc = root.join("content/strategy/national-strategy/index.en.md");
    let source = std::fs::read_to_string(&doc).unwrap().replace("version: \"1.0\"", "version: \"1.1\"");
    std::fs::write(&doc, source).unwrap();
    let fr = root.join("content/strategy/national-strategy/index.fr.md");
    let source = std::fs::read_to_string(&fr).unwrap().replace("version: \"1.0\"", "version: \"1.1\"");
    std::fs::write(&fr, source).unwrap();
    let plan = root.join("content/strategy/national-strategy/action-plan.csv");
    let csv = std::fs::read_to_string(&plan).unwrap().replace(",high,25000000,", ",high,30000000,");
    std::fs::write(&plan, csv).unwrap();
    git(&root, &["commit", "-qam", "1.1: the register costs more"]);
    let (out, run) = build(&root);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let redline = read_page(&out.join("en/strategy/national-strategy/changes.html"));

    // The comments of the review, with their decisions in words.
    let rows: Vec<Vec<String>> = select(&redline, ".redline-comments tbody tr")
        .into_iter()
        .map(|tr| tr.select(&scraper::Selector::parse("td").unwrap()).map(text).collect())
        .collect();
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!(rows[1][0], "c2");
    assert_eq!(rows[1][4], "Rejected");
    assert!(rows[1][5].starts_with("Outside the mandate"), "{rows:?}");

    // The changed cell, old -> new.
    let cells: Vec<String> = select(&redline, ".redline-rows .is-changed li").into_iter().map(text).collect();
    assert_eq!(cells, ["cost: [deleted] 25000000 → [inserted] 30000000"]);

    // Totals before and after: the plan's cost, and that of the axis that moved.
    let totals: Vec<String> = select(&redline, ".redline-totals tbody tr.is-changed").into_iter().map(text).collect();
    assert_eq!(totals, ["Total cost65,000,00070,000,000", "Cost of axis a125,000,00030,000,000"]);
    assert_eq!(select(&redline, ".redline-totals tbody tr.is-unchanged").len(), 1, "axis a2 did not move");

    // In French, the same in French.
    let fr = read_page(&out.join("fr/strategie/strategie-nationale/changes.html"));
    let decisions: Vec<String> = select(&fr, ".redline-comments tbody td.is-rejected").into_iter().map(text).collect();
    assert_eq!(decisions, ["Rejetée"]);
}

#[test]
fn in_chromium_from_file_the_switch_opens_an_older_version_and_a_redline_prints_with_its_running_header() {
    if skipped_without(&[CHROMIUM, POPPLER]) {
        return;
    }
    use crate::browser::Browser;
    use serde_json::json;
    let (dir, root) = site_with_versions();
    let (out, run) = build(&root);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let mut browser = Browser::start();
    browser.page("Page.enable", json!({}));
    let start = out.join("en/brief/index.html");
    browser.page("Page.navigate", json!({ "url": format!("file://{}", start.display()) }));
    browser.wait_for("en/brief/index.html");
    browser.eval("document.querySelector('.version-switch summary').click()");
    browser.screenshot("version-switch-open");
    browser.eval(
        "[...document.querySelectorAll('.version-switch a')].find(a => a.textContent.startsWith('first')).click()",
    );
    browser.wait_for("v/first/en/brief/index.html");
    let notice = browser.eval("document.querySelector('.older-site').innerText");
    assert!(notice.as_str().unwrap().contains("as it stood at version first"), "{notice}");

    // A redline opens from file:// with its stylesheet: insertions underlined, deletions struck.
    let redline = out.join("en/brief/v/0.2/changes.html");
    browser.page("Page.navigate", json!({ "url": format!("file://{}", redline.display()) }));
    browser.wait_for("en/brief/v/0.2/changes.html");
    let marks = browser.eval(
        "[...document.querySelectorAll('.redline-section ins, .redline-section del')].map(e => e.localName + ':' + getComputedStyle(e).textDecorationLine).join(' ')",
    );
    assert_eq!(marks, "del:line-through ins:underline ins:underline", "{marks}");
    browser.screenshot("redline");

    // Printed: A4, "Redline 0.1 → 0.2" in the running header of every page.
    let pdf = dir.path().join("redline.pdf");
    browser.print_pdf(&pdf);
    let info = Command::new("pdfinfo").arg(&pdf).output().expect("pdfinfo (poppler-utils) runs");
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(info.contains("(A4)"), "{info}");
    let text = Command::new("pdftotext").args(["-layout"]).arg(&pdf).arg("-").output().unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    let first_line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or_default();
    assert!(first_line.contains("Redline 0.1 → 0.2 · Return brief"), "{text}");
    assert!(text.contains("calls") && text.contains("visits"), "both the deleted and the inserted word print: {text}");
}

#[test]
fn a_translation_status_page_per_language_lists_every_document_up_to_date_out_of_date_or_missing() {
    let (_dir, root) = site_with_versions();
    let (out, run) = build(&root);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let path = out.join("fr/translations/index.html");
    let page = read_page(&path);
    let td = scraper::Selector::parse("td").unwrap();
    let rows: Vec<Vec<String>> = select(&page, ".translation-status tbody tr")
        .into_iter()
        .map(|tr| tr.select(&td).map(text).collect())
        .collect();
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!(rows[0][0], "Note sur le retour");
    assert!(rows[0][3].starts_with("À mettre à jour") && rows[0][3].contains("Constats · Suite"), "{rows:?}");
    assert!(!rows[0][3].contains("Contexte"), "{rows:?}");
    assert_eq!((rows[1][0].as_str(), rows[1][3].as_str()), ("New guide", "Manquante"));
    // Each section to translate again opens where it is; the redline is a click away.
    let first = select(&page, ".translation-status .is-out_of_date td a")[1];
    assert_eq!(follow(&path, attr(first, "href")), (out.join("fr/brief/index.html"), Some("findings".to_owned())));
    let missing = select(&page, ".translation-status .is-missing td a")[0];
    assert_eq!(attr(missing, "hreflang"), "en");
    // The English page: both written in English; every page links to its language's list.
    let en = read_page(&out.join("en/translations/index.html"));
    let states: Vec<String> = select(&en, ".translation-status tbody td:last-child").into_iter().map(text).collect();
    assert_eq!(states, ["Written in English", "Written in English"]);
    let home = out.join("fr/index.html");
    let home_page = read_page(&home);
    let link = select(&home_page, ".site-footer a").into_iter().find(|a| text(*a) == "Traductions").unwrap();
    assert_eq!(follow(&home, attr(link, "href")).0, path);
}

#[test]
fn a_section_whose_heading_changed_under_the_same_id_is_shown_as_renamed() {
    let (_dir, root) = repository();
    let renamed = BODY_2.replace("## Next steps {#next}", "## What comes next {#next}");
    write(&root, "content/brief.en.md", &brief("en", "1.1", "validated", &renamed, ""));
    git(&root, &["commit", "-qam", "1.1"]);
    let (out, run) = build(&root);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let redline = read_page(&out.join("en/brief/changes.html"));
    let map: Vec<String> = select(&redline, ".redline-map tbody td").into_iter().map(text).collect();
    assert_eq!(map[4..], ["What comes next", "renamed (was “Next steps”) · unchanged"]);
}
