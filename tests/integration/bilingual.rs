//! Every page says its language, links its translation, and lands readers on
//! the same document in the other language; gaps are visible.

use crate::support::*;

const SITE: &str = "site/basic";

#[test]
fn every_page_says_its_language_and_names_its_translations() {
    let built = build_fixture(SITE, &[]);
    for path in html_files(&built.out) {
        let rel = path.strip_prefix(&built.out).unwrap().to_string_lossy().into_owned();
        let html = read_page(&path);
        let lang = attr(one(&html, "html"), "lang");
        if let Some(first) = rel.split('/').next().filter(|f| *f == "en" || *f == "fr") {
            assert_eq!(lang, first, "{rel}");
        }
        for alternate in select(&html, "link[rel=alternate][hreflang]") {
            let (target, _) = follow(&path, attr(alternate, "href"));
            let other = read_page(&target);
            assert_eq!(attr(one(&other, "html"), "lang"), attr(alternate, "hreflang"), "{rel} -> {}", target.display());
        }
    }
}

#[test]
fn the_language_switch_lands_on_the_translation() {
    let built = build_fixture(SITE, &[]);
    let from = built.out.join("en/guides/first/index.html");
    let html = read_page(&from);
    let switch = one(&html, "a[data-lang-switch=fr]");
    let (target, _) = follow(&from, attr(switch, "href"));
    assert!(target.ends_with("fr/guides-pratiques/premier-guide/index.html"), "{}", target.display());
    let french = read_page(&target);
    assert_eq!(attr(one(&french, "html"), "lang"), "fr");
    assert_eq!(text(one(&french, "h1")), "Premier guide");
    // and back
    let back = one(&french, "a[data-lang-switch=en]");
    let (home, _) = follow(&target, attr(back, "href"));
    assert_eq!(home, from);
}

#[test]
fn a_missing_translation_is_said_in_both_languages() {
    let built = build_fixture(SITE, &[]);
    let from = built.out.join("en/guides/english-only/index.html");
    let html = read_page(&from);
    assert!(select(&html, "link[rel=alternate][hreflang]").is_empty(), "no translation to announce");
    let notices: Vec<(String, String)> = select(&html, ".notice-translation-missing")
        .into_iter()
        .map(|n| (attr(n, "lang").to_owned(), text(n)))
        .collect();
    assert_eq!(
        notices,
        [
            ("en".to_owned(), "This document has no French version yet.".to_owned()),
            ("fr".to_owned(), "Ce document n\u{2019}existe qu\u{2019}en anglais.".to_owned())
        ]
    );
    // The switch goes to the French section, and says why.
    let switch = one(&html, "a[data-lang-switch=fr]");
    assert!(text(switch).contains("non traduit"), "{}", text(switch));
    let (target, _) = follow(&from, attr(switch, "href"));
    assert!(target.ends_with("fr/guides-pratiques/index.html"), "{}", target.display());
    // The French section lists it, marked, pointing at the English page.
    let section = read_page(&target);
    let foreign = one(&section, "li.foreign");
    let link = one_in(foreign, "a");
    assert_eq!(attr(link, "hreflang"), "en");
    assert_eq!(follow(&target, attr(link, "href")).0, from);
    assert!(text(foreign).contains("disponible en anglais seulement"), "{}", text(foreign));
}

fn one_in<'a>(element: scraper::ElementRef<'a>, css: &str) -> scraper::ElementRef<'a> {
    element.select(&scraper::Selector::parse(css).unwrap()).next().unwrap_or_else(|| panic!("no {css}"))
}

#[test]
fn an_out_of_date_translation_says_so_and_links_the_original() {
    let built = build_fixture(SITE, &[]);
    let from = built.out.join("fr/guides-pratiques/premier-guide/index.html");
    let html = read_page(&from);
    let notice = one(&html, ".notice-translation-outdated");
    let words = text(notice);
    assert!(words.contains("version 1.0") && words.contains("version 1.1") && words.contains("anglais"), "{words}");
    let link = one_in(notice, "a");
    assert!(follow(&from, attr(link, "href")).0.ends_with("en/guides/first/index.html"));
    assert!(
        built
            .run
            .stderr
            .contains("content/guides/first.fr.md:5:1: warning: this translation was made from version 1.0")
    );
    // An up-to-date translation carries no such notice.
    assert!(
        select(&built.page("fr/guides-pratiques/deuxieme-guide/index.html"), ".notice-translation-outdated").is_empty()
    );
}

#[test]
fn french_prose_gets_french_spacing_and_code_does_not() {
    let built = build_fixture(SITE, &[]);
    let html = built.page("fr/guides-pratiques/premier-guide/index.html");
    let paragraph = text(select(&html, ".doc-body p")[0]);
    assert_eq!(
        paragraph,
        "Attention\u{a0}: lisez «\u{a0}le deuxième guide\u{a0}»\u{202f}; c\u{2019}est important\u{202f}! Vraiment\u{202f}?"
    );
    assert_eq!(text(one(&html, "p > code")), "a : b");
    let code = text(one(&html, "pre code"));
    assert!(code.contains("\"10:30\"") && code.contains("vraiment ?"), "{code}");
    assert!(!code.contains('\u{a0}') && !code.contains('\u{202f}'));
    // English keeps its own spacing.
    let english = built.page("en/guides/first/index.html");
    assert!(!text(one(&english, ".doc-body")).contains('\u{202f}'));
}

#[test]
fn dates_and_labels_are_in_the_page_language() {
    let built = build_fixture(SITE, &[]);
    let english = built.page("en/guides/first/index.html");
    let french = built.page("fr/guides-pratiques/premier-guide/index.html");
    let dd = |html: &scraper::Html| select(html, ".doc-meta dd").into_iter().map(text).collect::<Vec<_>>();
    assert!(dd(&english).contains(&"14 October 2026".to_owned()), "{:?}", dd(&english));
    assert!(dd(&french).contains(&"1er octobre 2026".to_owned()), "{:?}", dd(&french));
    assert_eq!(text(one(&french, ".skip-link")), "Aller au contenu");
    let draft = built.page("fr/guides-pratiques/deuxieme-guide/index.html");
    assert_eq!(text(one(&draft, "h1 .draft-mark")), "PROJET");
    assert!(dd(&draft).contains(&"Ministère des Affaires Sociales".to_owned()));
}
