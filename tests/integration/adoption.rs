//! Documentation written elsewhere builds on the first try: section ids in
//! each language on plain pages, `[…]` in quotations, e-mail autolinks.
//! The exact diagnostics are pinned in `fixtures/errors/section-ids-across-languages`
//! and `fixtures/errors/placeholders-and-addresses`.

use std::path::Path;

use crate::support::*;

/// The section-ids fixture without its brief: two plain pages whose ids differ.
fn pages_only(dir: &Path, checks: &str) -> std::path::PathBuf {
    let root = dir.join("site");
    copy_dir(&fixture("errors/section-ids-across-languages"), &root);
    std::fs::remove_dir_all(root.join("content/briefs")).unwrap();
    let site = format!("title: {{ en: \"Ids\", fr: \"Ids\" }}\nlanguages: [en, fr]\n{checks}");
    std::fs::write(root.join("site.yaml"), site).unwrap();
    commit_all(&root);
    root
}

#[test]
fn plain_pages_with_ids_in_their_own_language_get_one_warning_a_site_may_raise_or_silence() {
    let dir = tempfile::tempdir().unwrap();
    let differ = |run: &Run| run.stderr.lines().filter(|l| l.contains("section ids differ")).count();

    let root = pages_only(dir.path(), "");
    let run = relais(&["check", "--root", root.to_str().unwrap()]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(differ(&run), 1, "{}", run.stderr);
    assert!(run.stderr.contains("warning: section ids differ"), "{}", run.stderr);

    let root = pages_only(&dir.path().join("error"), "checks: { page_section_ids: error }\n");
    let run = relais(&["check", "--root", root.to_str().unwrap()]);
    assert_eq!(run.status, 1, "{}", run.stderr);
    assert!(run.stderr.contains("error: section ids differ"), "{}", run.stderr);

    let root = pages_only(&dir.path().join("off"), "checks: { page_section_ids: off }\n");
    let run = relais(&["check", "--root", root.to_str().unwrap(), "--strict"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(differ(&run), 0, "{}", run.stderr);

    let root = pages_only(&dir.path().join("bad"), "checks: { page_section_ids: loud }\n");
    let run = relais(&["check", "--root", root.to_str().unwrap()]);
    assert_ne!(run.status, 0, "an unknown level is refused: {}", run.stderr);
}

#[test]
fn an_email_autolink_is_a_mailto_link_and_an_omission_in_a_quotation_passes() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    copy_dir(&fixture("errors/placeholders-and-addresses"), &root);
    // Without the two placeholders that stand for missing text, the page builds.
    let page = root.join("content/guide/contacts.en.md");
    let source = std::fs::read_to_string(&page).unwrap();
    let source = source
        .replace("| Yaoundé | […] |", "| Yaoundé | 85 |")
        .replace("The budget is xxx Add in details xxx.", "![Logo](https://example.org/logo.png)");
    std::fs::write(&page, source).unwrap();
    commit_all(&root);
    let out = dir.path().join("out");
    let run = relais(&["build", "--root", root.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("broken link"), "{}", run.stderr);
    let html = read_page(&out.join("en/guide/contacts/index.html"));
    let mails: Vec<&str> = select(&html, ".doc-body a[href^='mailto:']").into_iter().map(|a| attr(a, "href")).collect();
    assert_eq!(mails, ["mailto:info@example-programme.cm", "mailto:jdupont@iom.int", "mailto:jean.dupont@gmail.com"]);
    assert!(text(one(&html, ".doc-body")).contains("returnees [...] need support"));
    // An image from another site is missing offline: said, not refused.
    let remote: Vec<&str> = run.stderr.lines().filter(|l| l.contains("loaded from another site")).collect();
    assert_eq!(remote.len(), 1, "{}", run.stderr);
    assert!(
        remote[0].starts_with("content/guide/contacts.en.md:17:1: warning: the image `https://example.org/logo.png`")
    );
    // Only the person's address is reported, not the role's nor the institution's.
    let persons: Vec<&str> = run.stderr.lines().filter(|l| l.contains("e-mail address")).collect();
    assert_eq!(persons.len(), 2, "{}", run.stderr);
    assert!(persons[0].contains("jean.dupont@gmail.com") && persons[1].contains("marie.ngo@yahoo.fr"));
}

/// Converts a documentation set with `scripts/adopt.py` into `dir/site`.
fn adopt(set: &str, dir: &std::path::Path) -> std::path::PathBuf {
    let root = dir.join("site");
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/adopt.py");
    let converted =
        std::process::Command::new("python3").arg(&script).arg(fixture(set)).arg(&root).output().expect("python3 runs");
    assert!(converted.status.success(), "{}", String::from_utf8_lossy(&converted.stderr));
    root
}

#[test]
fn a_hugo_set_converted_by_the_script_builds_with_its_notices_images_and_links() {
    let dir = tempfile::tempdir().unwrap();
    let root = adopt("adopt/hugo", dir.path());
    commit_all(&root);
    let out = dir.path().join("out");
    let run = relais(&["build", "--root", root.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    // Its only remark: the two languages give the step different anchors.
    let remarks: Vec<&str> = run.stderr.lines().filter(|l| l.contains("warning:")).collect();
    assert_eq!(remarks.len(), 1, "{}", run.stderr);
    assert!(remarks[0].contains("section ids differ"), "{}", run.stderr);
    let page = out.join("en/guide/send/index.html");
    let html = read_page(&page);
    assert!(text(one(&html, ".admonition-tip")).contains("Messages are kept for a year."));
    let (image, _) = follow(&page, attr(one(&html, ".doc-body img"), "src"));
    assert!(image.is_file(), "{}", image.display());
    let french = select(&html, ".doc-body a").into_iter().map(|a| attr(a, "href")).find(|h| h.contains("#joindre"));
    let (target, fragment) = follow(&page, french.expect("a link to the French step"));
    let target_html = read_page(&target);
    assert_eq!(attr(one(&target_html, "html"), "lang"), "fr");
    assert!(!select(&target_html, &format!("[id='{}']", fragment.unwrap())).is_empty());
}

#[test]
fn a_mkdocs_set_in_language_folders_keeps_its_shared_images_and_leaves_other_languages_out() {
    let dir = tempfile::tempdir().unwrap();
    let root = adopt("adopt/mkdocs", dir.path());
    // docs/es/ is a third language, not a folder of shared files.
    let copied: Vec<String> = walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(&root).unwrap().to_string_lossy().replace('\\', "/"))
        .collect();
    let mut copied = copied;
    copied.sort();
    assert_eq!(
        copied,
        [
            "content/_index.en.md",
            "content/_index.fr.md",
            "content/assets/logo.png",
            "content/checklist.en.md",
            "content/checklist.fr.md"
        ]
    );
    commit_all(&root);
    let out = dir.path().join("out");
    let run = relais(&["build", "--root", root.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("warning:") && !run.stderr.contains("error:"), "{}", run.stderr);
    // The logo in docs/assets/, linked as ../assets/logo.png from docs/fr/, is found.
    let page = out.join("fr/index.html");
    let (image, _) = follow(&page, attr(one(&read_page(&page), ".doc-body img"), "src"));
    assert!(image.is_file(), "{}", image.display());
}
