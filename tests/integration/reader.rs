//! The bundled site as its readers meet it, in headless Chromium from
//! file:// at a laptop's width (1280×800) and a phone's (390×844):
//! accessibility (axe-core, WCAG 2.1 AA) on every page, tables that fit
//! or scroll by keyboard, contents lists on long pages, and the language
//! switch landing on the section being read.

use std::path::Path;

use serde_json::{Value, json};

use crate::browser::Browser;
use crate::support::*;

const AXE: &str = include_str!("../vendor/axe-core/axe.min.js");

impl Browser {
    pub fn viewport(&mut self, width: u32, height: u32) {
        self.page(
            "Emulation.setDeviceMetricsOverride",
            json!({ "width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600 }),
        );
    }

    /// Opens a page of the built site and waits until it has loaded.
    pub fn open(&mut self, out: &Path, page: &str) {
        self.page("Page.enable", json!({}));
        self.page("Page.navigate", json!({ "url": format!("file://{}", out.join(page).display()) }));
        self.wait_for(page);
    }

    pub fn eval_async(&mut self, expression: &str) -> Value {
        self.page("Runtime.evaluate", json!({ "expression": expression, "returnByValue": true, "awaitPromise": true }))
            ["result"]["value"]
            .clone()
    }
}

/// The pages of every kind that the bundled site holds: every page of the
/// current site, and of the earlier versions and redlines those of the
/// strategy (the same templates: every redline, version and older site
/// again would only make the run longer); the older sites under `v/` are
/// the same templates over older content.
fn pages(out: &Path) -> Vec<String> {
    html_files(out)
        .into_iter()
        .map(|p| p.strip_prefix(out).unwrap().to_string_lossy().into_owned())
        .filter(|p| !p.starts_with("v/"))
        .filter(|p| !(p.contains("/v/") || p.contains("changes")) || p.contains("strateg"))
        .collect()
}

/// axe-core's WCAG 2.1 A and AA rules on the open page: "rule: target (why)".
fn axe_violations(browser: &mut Browser) -> Vec<String> {
    let found = browser.eval_async(
        "axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
           .then(r => r.violations.flatMap(v => v.nodes.map(n => v.id + ': ' + n.target.join(' ')
             + ' (' + (n.failureSummary || '').split('\\n').slice(1, 2).join('').trim() + ')')))",
    );
    strings(&found)
}

/// What a reader of the open page cannot see or reach: a table cut off
/// (wider than its box, and the box does not scroll or the keyboard cannot
/// reach it), a page wider than the screen, an SVG label outside its figure.
const LAYOUT: &str = r#"(() => {
  const problems = [];
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth > width + 1)
    problems.push('the page is ' + document.documentElement.scrollWidth + 'px wide');
  for (const table of document.querySelectorAll('table')) {
    if (!table.offsetParent || table.closest('.visually-hidden')) continue;
    const box = table.closest('.table-scroll');
    const name = (table.className || 'table') + ' "' + (table.querySelector('th') || table).textContent.trim().slice(0, 30) + '"';
    if (!box) {
      if (table.getBoundingClientRect().right > width + 1) problems.push(name + ' is cut off by the screen');
      continue;
    }
    const cut = box.scrollWidth > box.clientWidth + 1;
    // A print file keeps the paper's width on screen; its wide tables print landscape.
    if (cut && width >= 1000 && !document.body.classList.contains('print')) problems.push(name + ' is cut: ' + table.scrollWidth + 'px in ' + box.clientWidth + 'px');
    if (cut && !(box.tabIndex >= 0 && getComputedStyle(box).overflowX === 'auto'))
      problems.push(name + ' scrolls in a box the keyboard cannot reach');
  }
  // A long document lists its sections ("On this page"); a redline is a comparison, not a document.
  const article = document.querySelector('article.document:not(.redline)');
  if (article && width >= 1000 && document.documentElement.scrollHeight > 6000 && !document.querySelector('.page-toc'))
    problems.push('a page ' + document.documentElement.scrollHeight + 'px tall has no list of its sections');
  for (const text of document.querySelectorAll('svg text')) {
    const svg = text.closest('svg').getBoundingClientRect();
    const r = text.getBoundingClientRect();
    if (r.width && (r.left < svg.left - 1 || r.right > svg.right + 1))
      problems.push('SVG label "' + text.textContent.slice(0, 30) + '" leaves its figure');
  }
  return problems;
})()"#;

fn strings(value: &Value) -> Vec<String> {
    value.as_array().map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect()).unwrap_or_default()
}

/// Every page of the bundled site, each edition and print page, at a
/// laptop's and a phone's width: no axe-core violation, no table cut off.
/// One test per width and language, so that they run side by side.
/// `RELAIS_PAGES=word` limits the run to pages whose path holds the word.
fn accessible_at(width: u32, height: u32, french: bool) {
    if skipped_without(&[CHROMIUM]) {
        return;
    }
    let built = bundled_site();
    let mut browser = Browser::start();
    browser.page("Page.addScriptToEvaluateOnNewDocument", json!({ "source": AXE }));
    let only = std::env::var("RELAIS_PAGES").unwrap_or_default();
    let mut problems = Vec::new();
    browser.viewport(width, height);
    let pages: Vec<String> =
        pages(&built.out).into_iter().filter(|p| p.starts_with("fr/") == french && p.contains(only.as_str())).collect();
    assert!(!only.is_empty() || pages.len() > 50, "only {} pages were found", pages.len());
    for page in pages {
        browser.open(&built.out, &page);
        let layout = strings(&browser.eval(LAYOUT));
        for problem in axe_violations(&mut browser).into_iter().chain(layout) {
            problems.push(format!("{width}px {page}: {problem}"));
        }
    }
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
}

#[test]
fn every_english_page_edition_and_print_page_is_accessible_and_shows_its_tables_on_a_laptop() {
    accessible_at(1280, 800, false);
}

#[test]
fn every_english_page_edition_and_print_page_is_accessible_and_shows_its_tables_on_a_phone() {
    accessible_at(390, 844, false);
}

#[test]
fn every_french_page_edition_and_print_page_is_accessible_and_shows_its_tables_on_a_laptop() {
    accessible_at(1280, 800, true);
}

#[test]
fn every_french_page_edition_and_print_page_is_accessible_and_shows_its_tables_on_a_phone() {
    accessible_at(390, 844, true);
}

/// The words relais writes itself (labels, table cells, tooltips), read on
/// the bundled site: French spacing before `:` on French pages, the
/// typographic apostrophe in both languages, French clock times.
#[test]
fn generated_labels_follow_each_languages_typography() {
    let built = bundled_site();
    let nbsp_colon = |text: &str, label: &str| text.contains(&format!("{label}\u{a0}:"));
    let checklist = built.document("fr/listes-de-controle/genre-centres-de-reintegration/index.html");
    let help = text(select(&checklist, ".item-help")[0]);
    assert!(nbsp_colon(&help, "Conseils") || nbsp_colon(&help, "Éléments de preuve"), "{help}");
    let strategy = built.document("fr/strategie/strategie-nationale-diaspora/index.html");
    let targets = select(&strategy, "table.results td").into_iter().map(text).collect::<Vec<_>>().join(" | ");
    assert!(targets.contains("2029\u{a0}: "), "{targets}");
    let report = built.document("fr/rapports/consultation-diaspora-douala/index.html");
    let tooltips: Vec<String> = select(&report, "svg rect title").into_iter().map(text).collect();
    assert!(!tooltips.is_empty() && tooltips.iter().all(|t| t.contains("\u{a0}: ")), "{tooltips:?}");
    let module = built.document("fr/modules/orientation-personnel-des-centres/index.html");
    let first = text(select(&module, "table.agenda td.time")[0]);
    assert_eq!(first, "9\u{a0}h–9\u{a0}h\u{a0}20");
    let english = built.document("en/modules/orientation-centre-staff/index.html");
    assert_eq!(text(select(&english, "table.agenda td.time")[0]), "09:00–09:20");
    // No straight apostrophe after a letter in what any document page shows.
    let index_pages = pages(&built.out).into_iter().filter(|p| p.ends_with("index.html") && p.contains("/"));
    for page in index_pages.flat_map(|p| document_files(&built.out.join(p))) {
        let html = read_page(&page);
        let shown = text(one(&html, "main"));
        let chars: Vec<char> = shown.chars().collect();
        let straight: Vec<String> = (1..chars.len())
            .filter(|&i| chars[i] == '\'' && chars[i - 1].is_alphabetic())
            .map(|i| chars[i.saturating_sub(12)..(i + 6).min(chars.len())].iter().collect())
            .collect();
        assert!(straight.is_empty(), "{}: straight apostrophes in {straight:?}", page.display());
    }
}

/// The home page lists every document once (the whole-of-government
/// dialogue, a plain page, too), in the authors' `weight` order, before its
/// long introduction; the sections are in the navigation bar, not listed again.
#[test]
fn the_home_page_lists_every_document_once_in_weight_order_near_the_top() {
    let built = bundled_site();
    for (home, checklist, example, dialogue) in [
        ("en/index.html", "Gender checklist for reintegration centres", "example", "whole-of-government"),
        (
            "fr/index.html",
            "Liste de contrôle genre pour les centres de réintégration",
            "exemple",
            "ensemble des pouvoirs",
        ),
    ] {
        let html = built.page(home);
        let listed: Vec<String> = select(&html, ".by-kind li > a").into_iter().map(text).collect();
        let catalogue = std::fs::read_to_string(built.out.join("catalogue.json")).unwrap();
        let documents: Vec<serde_json::Value> = serde_json::from_str(&catalogue).unwrap();
        assert_eq!(listed.len(), documents.len(), "{home}: every document once: {listed:?}");
        assert!(listed.iter().any(|t| t.contains(dialogue)), "{home}: {listed:?}");
        let at = |needle: &str| listed.iter().position(|t| t.contains(needle)).unwrap();
        assert!(at(checklist) < at(example), "{home}: weight 1 before weight 2: {listed:?}");
        assert!(select(&html, "#r-sections").is_empty(), "{home}: sections listed twice");
        let main = one(&html, "main").html();
        assert!(main.find("by-kind").unwrap() < main.find("doc-body").unwrap(), "{home}: the list comes first");
    }
}

/// On a long document the language switch lands on the section being read
/// (section ids are shared across languages).
#[test]
fn the_language_switch_lands_on_the_section_being_read() {
    if skipped_without(&[CHROMIUM]) {
        return;
    }
    let built = bundled_site();
    let mut browser = Browser::start();
    browser.viewport(1280, 800);
    browser.open(&built.out, "en/sops/gender-sensitive-return/index.html");
    // The SOP is long: one page per section, listed on each.
    let toc = browser.eval("[...document.querySelectorAll('.page-toc a')].map(a => a.getAttribute('href'))");
    let toc = strings(&toc);
    assert!(toc.len() >= 5 && toc.iter().all(|h| h.contains(".html")), "{toc:?}");
    // Its sections' pages (short sections share one).
    let mut toc: Vec<String> = toc.iter().map(|h| h.split('#').next().unwrap().to_owned()).collect();
    toc.dedup();
    // The section with the most subsections: the reader scrolls to one.
    let folder = built.out.join("en/sops/gender-sensitive-return");
    let subsections = |part: &String| select(&read_page(&folder.join(part)), ".doc-body h3[id]").len();
    let part = toc.iter().max_by_key(|part| subsections(part)).unwrap().clone();
    assert!(subsections(&part) >= 2, "{toc:?}");
    browser.eval(&format!("document.querySelector('.page-toc a[href=\"{part}\"]').click()"));
    browser.wait_for(&format!("en/sops/gender-sensitive-return/{part}"));
    let current = browser.eval("document.querySelector('.page-toc [aria-current=page]').textContent");
    let heading = browser.eval("document.querySelector('.doc-body h2').textContent");
    assert_eq!(current, heading, "the contents do not mark the section shown");
    // The version switch lands on the same section in the site's other versions.
    let versions =
        browser.eval("[...document.querySelectorAll('a[data-version-switch]')].map(a => a.getAttribute('href'))");
    let versions = strings(&versions);
    assert!(!versions.is_empty() && versions.iter().all(|h| h.ends_with(&format!("/{part}"))), "{versions:?}");
    // Read down to a subsection, then switch: the French page of the same
    // section opens at the same subsection (kinds share section ids).
    let sub = browser.eval("document.querySelectorAll('.doc-body h3[id]')[1].id");
    let sub = sub.as_str().unwrap().to_owned();
    browser.eval(&format!("document.getElementById('{sub}').scrollIntoView()"));
    browser.eval("document.querySelector('a[data-lang-switch=fr]').click()");
    browser.wait_for(&format!("fr/procedures/retour-sensible-au-genre/{part}#{sub}"));
    let top = browser.eval(&format!("document.getElementById('{sub}').getBoundingClientRect().top"));
    assert!(top.as_f64().unwrap().abs() < 50.0, "the French page opened away from #{sub}: {top}");
    let list = browser.eval("document.querySelector('.page-toc h2').textContent");
    assert_eq!(list, "Sommaire");
    // A document read on one page lists its sections on it.
    browser.open(&built.out, "en/strategy/diaspora-engagement-workplan/index.html");
    let toc = strings(&browser.eval("[...document.querySelectorAll('.page-toc a')].map(a => a.getAttribute('href'))"));
    assert!(!toc.is_empty() && toc.iter().all(|h| h.starts_with('#')), "{toc:?}");
}

/// One badge per status, in the words of the status line beside it, and no
/// draft wording on a text that is no longer a draft; no column empty in
/// every row, and no raw id (`w1.1.1`, `o2`) where readers look for the
/// numbers of a list.
#[test]
fn statuses_speak_with_one_voice_and_tables_show_what_readers_can_match() {
    let built = bundled_site();
    let raw_id = |cell: &str| {
        cell.split([',', ' ']).filter(|w| !w.is_empty()).any(|w| {
            let mut chars = w.chars();
            chars.next().is_some_and(|c| c.is_ascii_lowercase())
                && w.len() > 1
                && chars.all(|c| c.is_ascii_digit() || c == '.')
        })
    };
    let mut checked = 0;
    for page in pages(&built.out).iter().filter(|p| p.ends_with("/index.html") && !p.contains("/v/")) {
        let html = read_page(&built.out.join(page));
        let marks: Vec<String> = select(&html, "h1 .status-mark").into_iter().map(text).collect();
        if let Some(status) = select(&html, ".doc-meta dd.status").first().map(|d| text(*d)) {
            checked += 1;
            let adopted = status == "Adopted" || status == "Adopté";
            let expected: Vec<String> = if adopted { vec![] } else { vec![status.to_uppercase()] };
            assert_eq!(marks, expected, "{page}: the badge and the status disagree");
            if !status.contains("Draft") && status != "Projet" {
                let changes = select(&html, "#k-changes").into_iter().map(text).collect::<String>();
                assert!(!changes.contains("draft") && !changes.contains("projet"), "{page}: {changes}");
            }
        }
        // A blank form's grid is empty on purpose: it is filled in by hand.
        for table in select(&html, "table:not(.form-grid)") {
            let rows: Vec<Vec<String>> = table
                .select(&scraper::Selector::parse("tbody tr").unwrap())
                .map(|tr| tr.select(&scraper::Selector::parse("td").unwrap()).map(text).collect())
                .filter(|cells: &Vec<String>| cells.len() > 1)
                .collect();
            let width = rows.iter().map(Vec::len).max().unwrap_or(0);
            let full: Vec<&Vec<String>> = rows.iter().filter(|r| r.len() == width).collect();
            for column in 0..width {
                let empty = full.iter().all(|r| r[column].trim().is_empty());
                assert!(full.len() < 2 || !empty, "{page}: column {} of a table is empty in every row", column + 1);
            }
            for cell in rows.iter().flatten() {
                assert!(!raw_id(cell), "{page}: a raw id shows in `{cell}`");
            }
        }
    }
    assert!(checked >= 20, "{checked} document pages");
}

/// Every chart, diagram and map has a caption and a source line, and no
/// label of a chart is cut short ("…"): labels wrap inside their boxes.
#[test]
fn every_figure_has_a_caption_and_a_source_and_no_chart_label_is_cut() {
    let built = bundled_site();
    let mut figures = 0;
    for page in pages(&built.out).iter().filter(|p| p.ends_with(".html")) {
        let html = read_page(&built.out.join(page));
        for figure in select(&html, "figure") {
            let svg = scraper::Selector::parse("svg").unwrap();
            let Some(chart) = figure.select(&svg).next() else { continue };
            figures += 1;
            let caption = scraper::Selector::parse("figcaption").unwrap();
            assert!(
                figure.select(&caption).next().is_some_and(|c| !text(c).is_empty()),
                "{page}: a figure without caption"
            );
            let source = scraper::Selector::parse(".source").unwrap();
            assert!(
                figure.select(&source).next().is_some_and(|s| text(s).len() > "Source : ".len()),
                "{page}: a figure without its source"
            );
            let label = scraper::Selector::parse("text").unwrap();
            for label in chart.select(&label) {
                assert!(!text(label).contains('…'), "{page}: cut label {:?}", text(label));
            }
        }
    }
    // The referral diagrams, timelines, attendance charts and the map, in both languages.
    assert!(figures >= 10, "{figures} figures");
}

/// A web page printed from the browser, as a ministry partner prints it:
/// a figure's caption is never cut between two pages, nor left at the foot
/// of one with its figure on the next (here the map, whose caption takes
/// two lines and came just before the end of a page).
#[test]
fn a_printed_page_keeps_a_figure_caption_whole_and_with_its_figure() {
    if skipped_without(&[CHROMIUM, POPPLER]) {
        return;
    }
    let built = bundled_site();
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("map.pdf");
    let mut browser = crate::browser::Browser::start();
    browser.open(&built.out, "fr/recherche/cartographie-diaspora/index.html");
    browser.print_pdf(&pdf);
    let words = crate::forms::words(&pdf);
    // The page of the first time a word is printed.
    let page_of = |word: &str| words.iter().find(|(_, _, w)| w == word).map(|(p, _, _)| *p).unwrap();
    // The caption runs from "Membres" to "fictifs)"; the legend follows the map.
    let (start, end, legend) = (page_of("Membres"), page_of("fictifs)"), page_of("1–190"));
    assert_eq!(start, end, "the caption is cut between pages");
    assert_eq!(start, legend, "the caption is on one page and its map on the next");
}

/// No page read on screen weighs more than 40 KB of HTML, in any version
/// of the site: a long document is read one section per page, a redline
/// counts long runs of new text instead of repeating them. Print files
/// (a document's, a module's editions, the packs) are one file per printed
/// document on purpose.
#[test]
fn no_page_read_on_screen_is_over_40_kb() {
    let built = bundled_site();
    let is_print = |p: &str| {
        p.starts_with("print/")
            || p.contains("/print/")
            || ["print.html", "facilitator.html", "participant.html"].iter().any(|f| p.ends_with(f))
    };
    let mut heavy = Vec::new();
    let mut read = 0;
    for file in html_files(&built.out) {
        let page = file.strip_prefix(&built.out).unwrap().to_string_lossy().into_owned();
        if is_print(&page) {
            continue;
        }
        read += 1;
        let bytes = std::fs::metadata(&file).unwrap().len();
        if bytes > 40_000 {
            heavy.push(format!("{page}: {bytes} bytes"));
        }
    }
    assert!(read > 300, "only {read} pages");
    assert!(heavy.is_empty(), "pages over 40 KB:\n{}", heavy.join("\n"));
}
