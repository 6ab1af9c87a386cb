//! The Markdown dialect as a reader sees it: ids, containers, alerts,
//! highlighted code, footnotes, resolved links, copied bundle files.

use crate::support::*;

#[test]
fn headings_get_ids_written_or_made_unique() {
    let built = build_fixture("site/basic", &[]);
    let html = built.page("en/guides/first/index.html");
    let ids: Vec<&str> = select(&html, ".doc-body h2").into_iter().map(|h| attr(h, "id")).collect();
    assert_eq!(ids, ["scope", "scope-1"]);
    assert_eq!(select(&html, "h1").len(), 1);
}

#[test]
fn containers_and_alerts_become_labelled_notes() {
    let built = build_fixture("site/basic", &[]);
    let html = built.page("en/guides/first/index.html");
    let tip = one(&html, ".admonition-tip");
    assert_eq!(attr(tip, "role"), "note");
    let words: Vec<String> = tip.text().map(|t| t.trim().to_owned()).filter(|t| !t.is_empty()).collect();
    assert_eq!(words, ["Before you start", "Bring the", "forms", "."]);
    let warning = one(&html, ".admonition-warning");
    assert_eq!(text(one(&html, ".admonition-warning .admonition-title")), "Warning");
    assert!(text(warning).contains("Never share a survivor\u{2019}s name."));
}

#[test]
fn fenced_code_is_highlighted_with_classes_only() {
    let built = build_fixture("site/basic", &[]);
    let html = built.page("en/guides/first/index.html");
    let code = one(&html, "pre.code code.language-yaml");
    assert!(!select(&html, "pre.code code span[class*=hl-]").is_empty());
    assert_eq!(text(code), "key: value\nlist: [1, 2]\n");
    assert!(select(&html, "[style]").is_empty(), "no inline styles");
    let css = std::fs::read_to_string(built.out.join("static/syntax.css")).unwrap();
    assert!(css.contains(".hl-"), "the generated stylesheet colours the classes");
}

#[test]
fn footnotes_are_numbered_and_gathered_at_the_end() {
    let built = build_fixture("site/basic", &[]);
    let html = built.page("en/guides/first/index.html");
    let reference = one(&html, "sup.fnref a");
    assert_eq!((attr(reference, "href"), text(reference).as_str()), ("#fn-src", "1"));
    let body_children: Vec<&str> =
        one(&html, ".doc-body").children().filter_map(|c| c.value().as_element()).map(|e| e.name()).collect();
    assert_eq!(body_children.last(), Some(&"section"), "{body_children:?}");
    assert_eq!(text(one(&html, ".footnotes li#fn-src p")), "The source of the note.");
}

#[test]
fn links_to_sources_become_relative_page_urls() {
    let built = build_fixture("site/basic", &[]);
    let from = built.out.join("en/guides/first/index.html");
    let html = read_page(&from);
    let hrefs: Vec<&str> = select(&html, ".doc-body a").into_iter().map(|a| attr(a, "href")).collect();
    assert!(hrefs.contains(&"../second/index.html#details"), "{hrefs:?}");
    assert!(hrefs.contains(&"../../../fr/guides-pratiques/deuxieme-guide/index.html"), "{hrefs:?}");
    assert!(hrefs.contains(&"../../sops/intake/index.html#step-2"), "{hrefs:?}");
    assert!(hrefs.contains(&"https://example.org/path"), "bare URLs become links: {hrefs:?}");
    // A link without language falls back to the other language, marked.
    let french = built.page("fr/guides-pratiques/premier-guide/index.html");
    let marker = one(&french, ".lang-fallback");
    assert_eq!(text(marker), " (EN)");
    assert_eq!(attr(marker, "title"), "disponible en anglais seulement");
}

#[test]
fn bundle_files_are_copied_beside_each_language_page() {
    let built = build_fixture("site/basic", &[]);
    for page in ["en/sops/referral/index.html", "fr/procedures/referral/index.html"] {
        let from = built.out.join(page);
        let html = read_page(&from);
        let link = one(&html, ".doc-body a");
        assert_eq!(attr(link, "href"), "services.csv");
        let (file, _) = follow(&from, "services.csv");
        assert_eq!(std::fs::read_to_string(file).unwrap(), "region,service\nCentre,MINAS\n");
    }
    let intake = built.page("fr/procedures/intake/index.html");
    let hrefs: Vec<&str> = select(&intake, ".doc-body a").into_iter().map(|a| attr(a, "href")).collect();
    assert_eq!(hrefs, ["../referral/index.html", "../referral/services.csv"]);
}

#[test]
fn task_lists_and_strikethrough_render() {
    let built = build_fixture("site/basic", &[]);
    let html = built.page("en/guides/second/index.html");
    let boxes: Vec<bool> =
        select(&html, "li input[type=checkbox]").into_iter().map(|i| i.value().attr("checked").is_some()).collect();
    assert_eq!(boxes, [true, false]);
    assert_eq!(text(one(&html, "del")), "old");
}
