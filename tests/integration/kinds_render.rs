//! Each kind on its page: the blocks made from the front matter, with the
//! numbers computed by relais (times, totals, subtotals, scores), charts with
//! a title, a description and the same data as a table; and a module's two
//! editions, where nothing meant for the facilitator reaches participants.

use std::path::Path;

use crate::support::*;

const VALID: &str = "kinds/valid";

fn cells(row: scraper::ElementRef<'_>) -> Vec<String> {
    select_in(row, "th, td").into_iter().map(|c| text(c).trim().to_owned()).collect()
}

fn select_in<'a>(element: scraper::ElementRef<'a>, css: &str) -> Vec<scraper::ElementRef<'a>> {
    element.select(&scraper::Selector::parse(css).unwrap()).collect()
}

#[test]
fn a_module_shows_its_agenda_with_computed_times_and_copies_to_print() {
    let built = build_fixture(VALID, &[]);
    let page = built.page("en/modules/referral-orientation/index.html");
    let rows = select(&page, "table.agenda tbody tr");
    assert_eq!(cells(rows[0])[0], "09:00–09:15");
    assert_eq!(cells(rows[1])[0], "09:15–10:00");
    assert_eq!(cells(*rows.last().unwrap())[0], "11:35–11:45");
    assert_eq!(text(one(&page, "table.agenda tfoot td")), "2 h 45");
    let copies: Vec<Vec<String>> = select(&page, "table.materials tbody tr").into_iter().map(cells).collect();
    // 20 participants at most: one handout each, one evaluation per group of five.
    assert!(copies.iter().any(|r| r[0].starts_with("Handout") && r[2].starts_with("20")), "{copies:?}");
    assert!(copies.iter().any(|r| r[0].starts_with("Session evaluation") && r[2].starts_with("4")), "{copies:?}");
    let fr = built.page("fr/modules/orientation-referencement/index.html");
    assert_eq!(text(one(&fr, "table.agenda tfoot td")), "2 h 45");
}

/// Text of every facilitator block of the facilitator edition.
fn facilitator_texts(page: &scraper::Html) -> Vec<String> {
    select(page, "[data-edition=facilitator]").into_iter().map(|e| text(e).trim().to_owned()).collect()
}

#[test]
fn nothing_for_the_facilitator_reaches_the_participant_edition_of_any_module() {
    let mut modules = 0;
    for fixture_name in ["kinds/valid", "print/kinds", "site/basic"] {
        let built = build_fixture(fixture_name, &[]);
        for entry in walkdir::WalkDir::new(&built.out).into_iter().map(|e| e.unwrap()) {
            if entry.file_name() != "facilitator.html" {
                continue;
            }
            modules += 1;
            let dir = entry.path().parent().unwrap();
            let facilitator = read_page(entry.path());
            let notes = facilitator_texts(&facilitator);
            assert!(!notes.is_empty(), "{}: no facilitator block in the facilitator edition", dir.display());
            for file in ["participant.html", "index.html", "print.html"] {
                let page = std::fs::read_to_string(dir.join(file)).unwrap();
                let html = scraper::Html::parse_document(&page);
                assert!(facilitator_texts(&html).is_empty(), "{}/{file} has a facilitator block", dir.display());
                let body = text(one(&html, "body"));
                for note in &notes {
                    let probe: String = note.chars().skip(note.chars().count() / 3).take(40).collect();
                    assert!(!body.contains(&probe), "{}/{file} shows facilitator text: {probe}", dir.display());
                }
            }
            // The facilitator sees what participants read, marked as such.
            let marked = select(&facilitator, "[data-edition=participant] .admonition-title");
            assert!(marked.iter().all(|t| !text(*t).is_empty()));
            // The editions are linked from the page.
            let index = read_page(&dir.join("index.html"));
            let links: Vec<&str> = select(&index, "a.edition-link").into_iter().map(|a| attr(a, "href")).collect();
            assert_eq!(links, ["facilitator.html", "participant.html"]);
        }
    }
    assert!(modules >= 4, "only {modules} module editions checked");
}

#[test]
fn a_checklist_is_a_form_with_every_item_and_an_assessment_shows_its_scores() {
    let built = build_fixture(VALID, &[]);
    let page = built.page("en/checklists/gender-centre/index.html");
    let items = select(&page, "form.checklist-form .checklist-item");
    assert_eq!(items.len(), 6);
    for item in &items {
        assert_eq!(select_in(*item, "input[type=radio]").len(), 4, "one radio per value of the scale");
    }
    assert_eq!(select(&page, "script[src$='static/checklist.js']").len(), 1);
    let assessment = built.page("en/checklists/gender-centre-assessment/index.html");
    // p1 yes, p2 partial, c1 yes, c2 no, t1 yes, t2 n/a: 3.5 / 5 = 70 %.
    assert_eq!(text(one(&assessment, ".score-overall")), "70%");
    let actions: Vec<Vec<String>> = select(&assessment, "table.actions tbody tr").into_iter().map(cells).collect();
    assert_eq!(actions.len(), 2, "{actions:?}");
    let fr = built.page("fr/listes-de-controle/evaluation-centre-a/index.html");
    assert_eq!(text(one(&fr, ".score-overall")), "70\u{a0}%");
}

#[test]
fn a_strategy_totals_its_costs_by_axis_and_draws_its_timeline() {
    let built = build_fixture(VALID, &[]);
    let page = built.page("en/strategy/national-strategy/index.html");
    let subtotals: Vec<Vec<String>> = select(&page, "table.action-plan tr.subtotal").into_iter().map(cells).collect();
    assert_eq!(subtotals.len(), 2);
    assert_eq!(subtotals[0][1], "FCFA\u{a0}25,000,000");
    assert_eq!(subtotals[1][1], "FCFA\u{a0}40,000,000");
    assert_eq!(cells(one(&page, "table.action-plan tr.total"))[1], "FCFA\u{a0}65,000,000");
    let svg = one(&page, "section.timeline svg");
    assert!(!text(one(&page, "section.timeline svg > title")).is_empty());
    assert!(!text(one(&page, "section.timeline svg > desc")).is_empty());
    // Five years: by quarter; a workplan's twelve months: by month, in the page's language.
    assert!(text(svg).contains("2027") && text(svg).contains("Q1"));
    let workplan = built.page("en/strategy/annual-workplan/index.html");
    assert!(text(one(&workplan, "section.timeline svg")).contains("Jan"));
    let plan_fr = built.page("fr/strategie/plan-de-travail-2027/index.html");
    assert!(text(one(&plan_fr, "section.timeline svg")).contains("janv."));
    let fr = built.page("fr/strategie/strategie-nationale/index.html");
    assert_eq!(cells(one(&fr, "table.action-plan tr.total"))[1], "65\u{202f}000\u{202f}000\u{a0}FCFA");
    assert!(text(one(&fr, "section.timeline svg")).contains("T1"));
    assert!(select(&page, "table.results tbody tr").len() >= 8);
}

#[test]
fn a_report_shows_participation_as_a_table_and_a_chart_with_the_same_totals() {
    let built = build_fixture(VALID, &[]);
    let page = built.page("en/reports/validation-workshop/index.html");
    let total = cells(one(&page, "table.participation tfoot tr"));
    // attendance.csv: women 20, men 13, not recorded 1.
    assert_eq!(total[1..5], ["20", "13", "1", "34"]);
    assert_eq!(total[5], "59%");
    let svg = one(&page, "section.participation svg");
    assert_eq!(attr(svg, "role"), "img");
    assert!(!text(one(&page, "section.participation svg > title")).is_empty());
    assert!(!text(one(&page, "section.participation svg > desc")).is_empty());
    // The bar totals are the table's.
    let table_totals: Vec<String> = select(&page, "table.participation:not(.by-institution) tbody tr")
        .into_iter()
        .map(|r| cells(r)[4].clone())
        .collect();
    let bar_totals: Vec<String> =
        select(&page, "section.participation svg text[font-weight=bold]").into_iter().map(text).collect();
    assert_eq!(table_totals, bar_totals);
}

#[test]
fn an_sop_shows_its_control_block_steps_diagram_and_directory() {
    let built = build_fixture(VALID, &[]);
    let page = built.page("en/sops/procedures/index.html");
    assert_eq!(select(&page, "table.revisions tbody tr").len(), 3);
    let steps: Vec<Vec<String>> = select(&page, "table.steps tbody tr").into_iter().map(cells).collect();
    assert_eq!(steps[0][2], "Case manager");
    assert_eq!(steps[0][3], "24 h");
    let hrefs: Vec<&str> = select(&page, "table.steps a").into_iter().map(|a| attr(a, "href")).collect();
    assert_eq!(hrefs, ["#step-1", "#step-2", "#step-3"]);
    assert!(!text(one(&page, "section.referral-diagram svg > title")).is_empty());
    assert_eq!(select(&page, "section.referral-diagram svg path").len(), 4, "one line per route");
    assert_eq!(select(&page, "table.directory tbody tr").len(), 4);
}

#[test]
fn a_brief_opens_with_its_key_messages_and_ends_with_numbered_recommendations() {
    let built = build_fixture(VALID, &[]);
    let page = built.page("en/briefs/referral-services/index.html");
    assert_eq!(select(&page, "section.key-messages li").len(), 3);
    let recommendations: Vec<Vec<String>> =
        select(&page, "table.recommendations tbody tr").into_iter().map(cells).collect();
    assert_eq!(recommendations.len(), 2);
    assert_eq!(recommendations[0][0], "1");
    assert_eq!(recommendations[0][2], "MINAS, MINPROFF");
    assert_eq!(recommendations[0][3], "Short term");
}

#[test]
fn the_kind_blocks_print_too_and_every_link_of_the_site_resolves() {
    let built = build_fixture(VALID, &[]);
    crawl(&built.out);
    let print = built.page("en/strategy/national-strategy/print.html");
    assert_eq!(select(&print, ".table-wide table.action-plan").len(), 1);
    let ids: Vec<&str> = select(&print, "[id]").into_iter().map(|e| attr(e, "id")).collect();
    let unique: std::collections::HashSet<&&str> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "duplicate ids in the print file");
    assert!(Path::new(&built.out.join("en/modules/referral-orientation/facilitator.html")).is_file());
}
