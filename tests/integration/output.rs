//! The built site as a whole: it opens from file://, every link resolves,
//! and the machine-readable files describe it.

use crate::support::*;

#[test]
fn every_relative_link_and_anchor_resolves_and_nothing_comes_from_elsewhere() {
    let built = build_fixture("site/basic", &[]);
    let problems = crawl(&built.out);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // Every page the sources make, and nothing else: each document in each
    // of its languages with its print file, a page per section and
    // language, the home, glossary, search and translation status pages.
    let mut pages: Vec<String> = html_files(&built.out)
        .iter()
        .map(|p| p.strip_prefix(&built.out).unwrap().to_string_lossy().into_owned())
        .collect();
    pages.sort();
    let mut expected = vec!["404.html".to_owned(), "index.html".to_owned()];
    for (lang, guides, sops, documents) in [
        ("en", "guides", "sops", &["guides/english-only", "guides/first", "guides/second"][..]),
        (
            "fr",
            "guides-pratiques",
            "procedures",
            &["guides-pratiques/deuxieme-guide", "guides-pratiques/premier-guide"][..],
        ),
    ] {
        for page in ["index", "glossary/index", "search/index", "translations/index", &format!("{guides}/index")] {
            expected.push(format!("{lang}/{page}.html"));
        }
        expected.push(format!("{lang}/{sops}/index.html"));
        for doc in documents
            .iter()
            .map(|d| d.to_string())
            .chain(["follow-up", "intake", "referral"].map(|d| format!("{sops}/{d}")))
        {
            expected.push(format!("{lang}/{doc}/index.html"));
            expected.push(format!("{lang}/{doc}/print.html"));
        }
    }
    expected.sort();
    assert_eq!(pages, expected);
}

#[test]
fn the_bundled_content_builds_and_crawls_clean() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let root = env!("CARGO_MANIFEST_DIR");
    let run = relais(&["build", "--root", root, "--out", out.to_str().unwrap()]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("error:"), "{}", run.stderr);
    let problems = crawl(&out);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_root_offers_each_language_and_the_404_page_links_home() {
    let built = build_fixture("site/basic", &[]);
    let root = built.page("index.html");
    let cards: Vec<(&str, &str)> =
        select(&root, ".language-cards a").into_iter().map(|a| (attr(a, "hreflang"), attr(a, "href"))).collect();
    assert_eq!(cards, [("en", "en/index.html"), ("fr", "fr/index.html")]);
    let missing = built.page("404.html");
    assert_eq!(select(&missing, ".language-cards a").len(), 2);
}

#[test]
fn the_catalogue_lists_every_document_with_its_languages() {
    let built = build_fixture("site/basic", &[]);
    let catalogue: serde_json::Value =
        serde_json::from_slice(&std::fs::read(built.out.join("catalogue.json")).unwrap()).unwrap();
    let entries = catalogue.as_array().unwrap();
    let intake = entries.iter().find(|e| e["key"] == "sops/intake").unwrap();
    assert_eq!(intake["kind"], "page");
    assert_eq!(intake["status"], "validated");
    assert_eq!(intake["languages"], serde_json::json!(["en", "fr"]));
    assert_eq!(intake["url"]["fr"], "fr/procedures/intake/index.html");
    let only = entries.iter().find(|e| e["key"] == "guides/english-only").unwrap();
    assert_eq!(only["languages"], serde_json::json!(["en"]));
    for entry in entries {
        for url in entry["url"].as_object().unwrap().values() {
            assert!(built.out.join(url.as_str().unwrap()).is_file());
        }
    }
}

/// The index a search page loads (`window.relaisSearch = {…};`), with its
/// parts from their own files when it has them, as documents: `t`, `u`,
/// `h` as the page shows them and `w`, the words that find each.
fn search_index(out: &std::path::Path, lang: &str) -> Vec<serde_json::Value> {
    let text = std::fs::read_to_string(out.join(format!("{lang}/search-index.js"))).unwrap();
    let json = text.trim().strip_prefix("window.relaisSearch = ").and_then(|t| t.strip_suffix(';')).unwrap();
    let index: serde_json::Value = serde_json::from_str(json).unwrap();
    let part = |name: &str| -> serde_json::Value {
        if let Some(part) = index.get("parts").and_then(|p| p.get(name)) {
            return part.clone();
        }
        let text = std::fs::read_to_string(out.join(format!("{lang}/search-index/{name}.js"))).unwrap();
        let json =
            text.trim().strip_prefix(&format!("relaisSearch.add(\"{name}\",")).unwrap().strip_suffix(");").unwrap();
        serde_json::from_str(json).unwrap()
    };
    let count = index["count"].as_u64().unwrap() as usize;
    let chunk = index["chunk"].as_u64().unwrap() as usize;
    let mut docs: Vec<serde_json::Value> = (0..count)
        .map(|id| {
            let d = &part(&format!("d-{}", id / chunk))[id % chunk];
            serde_json::json!({ "t": d[0], "u": d[1], "k": d[2], "s": d[3], "h": d[4], "w": [] })
        })
        .collect();
    for shard in index["shards"].as_array().unwrap() {
        for (word, postings) in part(&format!("w-{}", shard.as_str().unwrap())).as_object().unwrap() {
            let mut id = 0;
            for item in postings.as_str().unwrap().split(',') {
                id += usize::from_str_radix(item.split('.').next().unwrap(), 36).unwrap();
                docs[id]["w"].as_array_mut().unwrap().push(word.clone().into());
            }
        }
    }
    docs
}

#[test]
fn each_language_has_a_search_page_and_an_index_of_every_document() {
    let built = build_fixture("site/basic", &[]);
    let catalogue: Vec<serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(built.out.join("catalogue.json")).unwrap()).unwrap();
    for lang in ["en", "fr"] {
        let search_page = built.out.join(format!("{lang}/search/index.html"));
        let page = read_page(&search_page);
        assert_eq!(attr(one(&page, "input#search-q"), "name"), "q");
        let scripts: Vec<&str> = select(&page, "script[src]").into_iter().map(|s| attr(s, "src")).collect();
        assert_eq!(scripts, ["../search-index.js", "../../static/search.js"]);
        let index = search_index(&built.out, lang);
        let urls: Vec<&str> = index.iter().map(|d| d["u"].as_str().unwrap()).collect();
        let expected: Vec<String> = catalogue
            .iter()
            .filter_map(|d| d["url"][lang].as_str())
            .map(|u| u.strip_prefix(&format!("{lang}/")).unwrap().to_owned())
            .collect();
        assert_eq!(urls.len(), expected.len(), "{lang}: {urls:?}");
        for url in &urls {
            assert!(expected.iter().any(|e| e == url), "{lang}: {url} is not a document");
            // As the search page links it.
            assert!(follow(&search_page, &format!("../{url}")).0.is_file(), "{url}");
        }
        // Every page's header form leads to the search page of its language.
        let doc = built.out.join(format!("{lang}/{}", urls[0]));
        let doc_page = read_page(&doc);
        let form = one(&doc_page, "form.site-search");
        assert_eq!(follow(&doc, attr(form, "action")).0, follow(&search_page, "").0);
    }
    // Words are folded as the browser folds a query: no accents, lower case.
    let fr = search_index(&built.out, "fr");
    let first = fr.iter().find(|d| d["t"] == "Premier guide").unwrap();
    let words: Vec<&str> = first["w"].as_array().unwrap().iter().map(|w| w.as_str().unwrap()).collect();
    assert!(words.contains(&"deuxieme") && !words.contains(&"deuxième"), "{words:?}");
    let headings = first["h"].as_array().unwrap();
    assert!(headings.iter().any(|h| h[0] == "Champ d'application" && h[1] == "scope"), "{headings:?}");
}

#[test]
fn each_language_has_an_atom_feed_of_its_documents_newest_first() {
    let built = build_fixture("site/basic", &[]);
    for lang in ["en", "fr"] {
        let feed_path = built.out.join(format!("{lang}/feed.xml"));
        let text = std::fs::read_to_string(&feed_path).unwrap();
        let xml = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{lang}/feed.xml: {e}"));
        let feed = xml.root_element();
        assert_eq!(feed.tag_name().name(), "feed");
        assert_eq!(feed.tag_name().namespace(), Some("http://www.w3.org/2005/Atom"));
        let entries: Vec<_> = feed.children().filter(|n| n.has_tag_name("entry")).collect();
        assert!(!entries.is_empty(), "{lang}: no entries");
        let child = |node: roxmltree::Node<'_, '_>, name: &str| {
            node.children().find(|n| n.has_tag_name(name)).map(|n| n.text().unwrap_or("").to_owned())
        };
        let mut dates = Vec::new();
        for entry in &entries {
            for required in ["title", "id", "updated"] {
                assert!(child(*entry, required).is_some_and(|t| !t.is_empty()), "{lang}: entry without {required}");
            }
            dates.push(child(*entry, "updated").unwrap());
            // Without a base URL, links are relative to the feed and name a page.
            let link = entry.children().find(|n| n.has_tag_name("link")).unwrap().attribute("href").unwrap();
            assert!(follow(&feed_path, link).0.is_file(), "{lang}: {link}");
        }
        let mut newest_first = dates.clone();
        newest_first.sort_by(|a, b| b.cmp(a));
        assert_eq!(dates, newest_first, "{lang}");
        // Pages announce it.
        let home_path = built.out.join(format!("{lang}/index.html"));
        let home = read_page(&home_path);
        let link = one(&home, "link[rel=alternate][type='application/atom+xml']");
        assert_eq!(follow(&home_path, attr(link, "href")).0, feed_path);
    }
    // With a base URL, every link and id is absolute.
    let with_base = build_fixture("site/basic", &["--base-url", "https://example.org/hub"]);
    let text = std::fs::read_to_string(with_base.out.join("en/feed.xml")).unwrap();
    let xml = roxmltree::Document::parse(&text).unwrap();
    for link in xml.descendants().filter(|n| n.has_tag_name("link")) {
        assert!(link.attribute("href").unwrap().starts_with("https://example.org/hub/en/"), "{text}");
    }
}

#[test]
fn a_sitemap_with_alternates_is_written_only_with_a_base_url() {
    let without = build_fixture("site/basic", &[]);
    assert!(!without.out.join("sitemap.xml").exists());
    let with = build_fixture("site/basic", &["--base-url", "https://example.org/hub"]);
    let xml = std::fs::read_to_string(with.out.join("sitemap.xml")).unwrap();
    let sitemap = scraper::Html::parse_fragment(&xml);
    let first = select(&sitemap, "url")
        .into_iter()
        .find(|u| text(*u).contains("https://example.org/hub/en/guides/first/"))
        .unwrap();
    let alternates: Vec<(&str, &str)> = first
        .select(&scraper::Selector::parse("xhtml\\:link").unwrap())
        .map(|l| (attr(l, "hreflang"), attr(l, "href")))
        .collect();
    assert_eq!(
        alternates,
        [
            ("en", "https://example.org/hub/en/guides/first/"),
            ("fr", "https://example.org/hub/fr/guides-pratiques/premier-guide/")
        ]
    );
    let page = with.page("en/guides/first/index.html");
    assert_eq!(attr(one(&page, "link[rel=canonical]"), "href"), "https://example.org/hub/en/guides/first/");
}

#[test]
fn pages_are_minified_and_accessible_in_structure() {
    let built = build_fixture("site/basic", &[]);
    let raw = std::fs::read_to_string(built.out.join("en/guides/first/index.html")).unwrap();
    assert!(!raw.contains("\n  "), "minified");
    let html = built.page("en/guides/first/index.html");
    assert_eq!(attr(one(&html, "a.skip-link"), "href"), "#r-main");
    one(&html, "main#r-main");
    one(&html, "header.site-header");
    one(&html, "footer");
    for nav in select(&html, "nav") {
        assert!(nav.value().attr("aria-label").is_some(), "every nav is labelled");
    }
}

#[test]
fn help_is_given_and_wrong_usage_exits_2() {
    let help = relais(&["build", "--help"]);
    assert_eq!(help.status, 0);
    assert!(help.stdout.contains("--base-url"), "{}", help.stdout);
    let wrong = relais(&["build", "--no-such-flag"]);
    assert_eq!(wrong.status, 2);
    let unknown = relais(&["frobnicate"]);
    assert_eq!(unknown.status, 2);
}

#[test]
fn the_crawler_catches_broken_links_anchors_and_outside_assets() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.html"),
        r#"<html lang="en"><a href="b.html">b</a><a href="a.html#nope">x</a><a href="a.html#here" id="here">ok</a><script src="https://cdn.example/x.js"></script></html>"#,
    )
    .unwrap();
    let problems = crawl(dir.path());
    assert_eq!(problems.len(), 3, "{problems:?}");
}

#[test]
fn a_site_theme_file_replaces_only_that_file() {
    let built = build_fixture("theme/override", &[]);
    let page = built.page("en/a/index.html");
    assert_eq!(text(one(&page, "p.custom-layout")), "Version");
    one(&page, "a.skip-link");
    let home = built.page("en/index.html");
    assert!(select(&home, "p.custom-layout").is_empty());
}

#[test]
fn byte_order_marks_and_windows_line_ends_are_accepted_and_underscore_files_skipped() {
    let built = build_fixture("load/encodings", &[]);
    let page = built.page("en/notes/windows/index.html");
    assert_eq!(text(one(&page, "h1")), "Windows note");
    assert_eq!(text(one(&page, ".doc-summary")), "Saved by a Windows editor");
    assert_eq!(attr(one(&page, ".doc-body a"), "href"), "#second");
    assert_eq!(text(one(&built.page("fr/index.html"), "h1")), "Accueil");
    let all: Vec<String> = html_files(&built.out).iter().map(|p| p.display().to_string()).collect();
    assert!(!all.iter().any(|p| p.contains("draft") || p.contains("private") || p.contains("secret")), "{all:?}");
}

#[test]
fn timings_name_every_stage() {
    let built = build_fixture("site/basic", &["--timings"]);
    let stages: Vec<&str> = built.run.stderr.lines().filter_map(|l| l.split_whitespace().next()).collect();
    for stage in ["load", "parse", "resolve", "render", "template", "write", "total"] {
        assert!(stages.contains(&stage), "{stage} missing:\n{}", built.run.stderr);
    }
}
