//! A long document is read on screen one section per page: its page holds
//! the header, the contents and the first section, each later section has
//! a page beside it; links, the language switch, search and print follow.

use std::path::Path;

use crate::support::*;

/// A document of five sections of about 4 KB each, in one language; the
/// ids are written, as kinds share them across languages.
pub(crate) fn long_document(lang: &str) -> String {
    let mut text = format!("---\ntitle: \"Long guide {lang}\"\nkind: page\n---\nOpening words.\n\n");
    for (n, id) in ["first", "second", "third", "fourth", "fifth"].iter().enumerate() {
        text.push_str(&format!("## Section {n} {lang} {{#{id}}}\n\n"));
        if *id == "second" {
            text.push_str("See [the fourth section](#fourth) and [its part](#fourth-detail), a note[^n].\n\n");
            text.push_str("[^n]: The note, at the end of the text.\n\n");
        }
        text.push_str(&format!("### Detail {n} {{#{id}-detail}}\n\n"));
        for _ in 0..40 {
            text.push_str("Words that fill the section, one sentence after another, as a procedure does. ");
        }
        text.push_str("\n\n");
    }
    text
}

fn site_with_a_long_document(dir: &Path) -> std::path::PathBuf {
    let root = dir.join("site");
    copy_site(&fixture("site/basic"), &root);
    let guides = root.join("content/guides");
    std::fs::write(guides.join("long.en.md"), long_document("en")).unwrap();
    std::fs::write(guides.join("long.fr.md"), long_document("fr")).unwrap();
    // Its French translation of another document is short: read on one page.
    std::fs::write(guides.join("brief.en.md"), long_document("en").replace("Long guide", "Brief guide")).unwrap();
    let short: String = long_document("fr").lines().filter(|l| !l.starts_with("Words")).collect::<Vec<_>>().join("\n");
    std::fs::write(guides.join("brief.fr.md"), short.replace("Long guide", "Brief guide")).unwrap();
    // And the other way: read on one page in English, cut in French.
    let sentence = "Words that fill the section, one sentence after another, as a procedure does. ";
    let shorter = long_document("en").replace(&sentence.repeat(40), &sentence.repeat(12));
    std::fs::write(guides.join("note.en.md"), shorter.replace("Long guide", "Note")).unwrap();
    std::fs::write(guides.join("note.fr.md"), long_document("fr").replace("Long guide", "Note")).unwrap();
    let intake = root.join("content/sops/follow-up.en.md");
    let text = std::fs::read_to_string(&intake).unwrap();
    std::fs::write(&intake, format!("{text}\nSee [the fourth section](../guides/long.md#fourth-detail).\n")).unwrap();
    root
}

#[test]
fn a_long_document_is_read_one_section_per_page() {
    let dir = tempfile::tempdir().unwrap();
    let root = site_with_a_long_document(dir.path());
    let out = dir.path().join("out");
    let run = relais(&["build", "--root", root.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let folder = out.join("en/guides/long");
    let files = document_files(&folder.join("index.html"));
    let names: Vec<String> = files.iter().map(|f| f.file_name().unwrap().to_string_lossy().into_owned()).collect();
    assert_eq!(names, ["index.html", "second.html", "third.html", "fourth.html", "fifth.html"]);
    // Each page: the title, the contents with its own section marked, its
    // section and no other.
    for (n, file) in files.iter().enumerate() {
        let html = read_page(file);
        assert_eq!(text(one(&html, "h1")).trim(), "Long guide en");
        assert_eq!(text(one(&html, ".part-toc [aria-current=page]")), format!("Section {n} en"));
        let sections: Vec<String> = select(&html, ".doc-body h2").into_iter().map(text).collect();
        assert_eq!(sections, [format!("Section {n} en")], "{}", file.display());
    }
    // The skip link stays on its page.
    assert_eq!(attr(one(&read_page(&files[2]), "a.skip-link"), "href"), "#r-main");
    let first = read_page(&files[0]);
    assert!(text(one(&first, ".doc-body")).contains("Opening words."));
    // Same-page links and footnotes lead to the page that holds their target.
    let second = read_page(&folder.join("second.html"));
    let hrefs: Vec<&str> = select(&second, ".doc-body a[href]").into_iter().map(|a| attr(a, "href")).collect();
    assert!(hrefs.contains(&"fourth.html#fourth") && hrefs.contains(&"fourth.html#fourth-detail"), "{hrefs:?}");
    assert!(select(&second, ".doc-body a[href^='#fn-'], .doc-body [id^='fn-']").len() >= 2, "{hrefs:?}");
    // Another document's link to a heading names its section's page.
    let follow_up = read_page(&out.join("en/sops/follow-up/index.html"));
    let link = select(&follow_up, ".doc-body a[href*='long']").into_iter().map(|a| attr(a, "href")).collect::<Vec<_>>();
    assert_eq!(link, ["../../guides/long/fourth.html#fourth-detail"]);
    // Previous and next lead through the sections.
    let third = read_page(&folder.join("third.html"));
    assert_eq!(attr(one(&third, ".pager-prev"), "href"), "second.html");
    assert_eq!(attr(one(&third, ".pager-next"), "href"), "fourth.html");
    // The language switch lands on the same section in French.
    let switch = attr(one(&third, "a[data-lang-switch=fr]"), "href");
    assert_eq!(switch, "../../../fr/guides-pratiques/long/third.html");
    // To a translation read on one page, it lands on the section there.
    let brief = read_page(&out.join("en/guides/brief/third.html"));
    let switch = attr(one(&brief, "a[data-lang-switch=fr]"), "href");
    assert_eq!(switch, "../../../fr/guides-pratiques/brief/index.html#third");
    assert!(!out.join("fr/guides-pratiques/brief/third.html").exists());
    // Search results lead to the page of the heading found.
    let index = std::fs::read_to_string(out.join("en/search-index.js")).unwrap();
    assert!(index.contains("\"fourth.html#fourth-detail\""), "search anchors: {index}");
    // Paper: the print file holds every section.
    let print = read_page(&folder.join("print.html"));
    let ids: Vec<&str> = select(&print, "h2[id]").into_iter().map(|h| attr(h, "id")).collect();
    assert!(["first", "second", "third", "fourth", "fifth"].iter().all(|id| ids.contains(id)), "{ids:?}");
    // Its footnotes at the end, not after the section that refers to them.
    let order: Vec<String> = select(&print, "h2[id=fifth], section.footnotes")
        .into_iter()
        .map(|e| e.value().attr("id").unwrap_or("footnotes").to_owned())
        .collect();
    assert_eq!(order, ["fifth", "footnotes"]);
    // A short document stays whole.
    assert!(!out.join("en/sops/intake/step-1.html").exists());
    let problems = crawl(&out);
    assert!(problems.is_empty(), "{problems:#?}");
}

/// In a browser: the language switch of a section's page, before the reader
/// scrolls, opens the same section of a translation read on one page.
#[test]
fn the_language_switch_of_a_section_page_opens_the_same_section() {
    if skipped_without(&[CHROMIUM]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let root = site_with_a_long_document(dir.path());
    let out = dir.path().join("out");
    let run = relais(&["build", "--root", root.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let mut browser = crate::browser::Browser::start();
    browser.viewport(1280, 800);
    browser.open(&out, "en/guides/brief/third.html");
    browser.eval("document.querySelector('a[data-lang-switch=fr]').click()");
    browser.wait_for("fr/guides-pratiques/brief/index.html#third");
    // The short page cannot scroll the heading to the top: it is in view.
    let in_view = |browser: &mut crate::browser::Browser| {
        let top = browser.eval("document.getElementById('third').getBoundingClientRect().top").as_f64().unwrap();
        (top, browser.eval("window.scrollY").as_f64().unwrap())
    };
    let (top, scrolled) = in_view(&mut browser);
    assert!((0.0..400.0).contains(&top) && scrolled > 0.0, "the French page opened away from #third: {top}");
    // Read on one page in English, scrolled to a subsection: the French
    // page that holds it opens there.
    browser.open(&out, "en/guides/note/index.html");
    browser.eval("document.getElementById('fourth-detail').scrollIntoView()");
    browser.eval("document.querySelector('a[data-lang-switch=fr]').click()");
    browser.wait_for("fr/guides-pratiques/note/fourth.html#fourth-detail");
    // A search result's heading leads to the page of its section.
    browser.open(&out, "en/search/index.html?q=detail");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    let selector =
        "[...document.querySelectorAll('#search-results .search-sections a')].map(a => a.getAttribute('href'))";
    let mut links = Vec::new();
    while links.is_empty() {
        assert!(std::time::Instant::now() < deadline, "no results");
        std::thread::sleep(std::time::Duration::from_millis(100));
        links = browser.eval(selector).as_array().cloned().unwrap_or_default();
    }
    assert!(links.iter().any(|l| l == "../guides/long/third.html#third-detail"), "{links:?}");
}

/// site.yaml's `split_over` moves the line, or keeps every document on one
/// page; a wrong value is named at its line with what is expected.
#[test]
fn site_yaml_says_from_what_length_a_document_is_cut() {
    let dir = tempfile::tempdir().unwrap();
    let root = site_with_a_long_document(dir.path());
    let settings = std::fs::read_to_string(root.join("site.yaml")).unwrap();
    let settings = format!("{settings}base_url: \"https://example.org/hub/\"\n");
    let build = |split_over: &str, out: &str| {
        std::fs::write(root.join("site.yaml"), format!("{settings}split_over: {split_over}\n")).unwrap();
        let out = dir.path().join(out);
        (relais(&["build", "--root", root.to_str().unwrap(), "--out", out.to_str().unwrap()]), out)
    };
    let (run, out) = build("false", "whole");
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(!out.join("en/guides/long/second.html").exists());
    let page = read_page(&out.join("en/guides/long/index.html"));
    assert_eq!(select(&page, ".doc-body h2").len(), 5);
    let (run, out) = build("100000", "high");
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(!out.join("en/guides/long/second.html").exists());
    let (run, out) = build("1000", "low");
    assert_eq!(run.status, 0, "{}", run.stderr);
    // Each section's page is its own canonical page.
    let second = read_page(&out.join("en/guides/long/second.html"));
    assert_eq!(attr(one(&second, "link[rel=canonical]"), "href"), "https://example.org/hub/en/guides/long/second.html");
    let (run, _) = build("lots", "wrong");
    assert_ne!(run.status, 0);
    let line = settings.lines().count() + 1;
    assert!(run.stderr.contains(&format!("site.yaml:{line}:13: error: split_over: invalid type")), "{}", run.stderr);
    assert!(run.stderr.contains("a number of bytes, such as 16000, or `false`"), "{}", run.stderr);
}
