//! Each kind on its page: the blocks made from the front matter, with the
//! numbers computed by relais (times, totals, subtotals, scores), charts with
//! a title, a description and the same data as a table; and a module's two
//! editions, where nothing meant for the facilitator reaches participants.

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
    let rows = select(&page, "table.agenda tbody tr:not(.total)");
    assert_eq!(cells(rows[0])[0], "09:00–09:15");
    assert_eq!(cells(rows[1])[0], "09:15–10:00");
    assert_eq!(cells(*rows.last().unwrap())[0], "11:35–11:45");
    assert_eq!(text(one(&page, "table.agenda tr.total td")), "2 h 45");
    let copies: Vec<Vec<String>> = select(&page, "table.materials tbody tr").into_iter().map(cells).collect();
    // 20 participants at most: one handout each, one evaluation per group of three.
    assert!(copies.iter().any(|r| r[0].starts_with("Handout") && r[2].starts_with("20")), "{copies:?}");
    assert!(
        copies.iter().any(|r| r[0].starts_with("Session evaluation") && r[2].starts_with("7 (one per group of 3)")),
        "{copies:?}"
    );
    let fr = built.page("fr/modules/orientation-referencement/index.html");
    assert_eq!(text(one(&fr, "table.agenda tr.total td")), "2 h 45");
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
                // The web page may show the answers of a quiz whose author
                // allows self-checking, behind "Check your answer", only.
                let mut body = text(one(&html, "body"));
                if file == "index.html" {
                    for details in select(&html, "details.quiz-self-check") {
                        body = body.replace(&text(details), "");
                    }
                } else {
                    assert!(select(&html, "details.quiz-self-check").is_empty(), "{}/{file}", dir.display());
                }
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
    // Photos are published with their file; what records consent is not shown.
    let room = one(&page, "img[src='room.jpg']");
    assert_eq!(room.value().attr("title"), None);
    assert!(built.out.join("en/reports/validation-workshop/group-work.jpg").is_file());
    let total = cells(one(&page, "table.participation tr.total"));
    // attendance.csv: women 20, men 13, not recorded 1.
    assert_eq!(total[1..5], ["20", "13", "1", "34"]);
    // Share of women among those whose sex is recorded: 20 / 33, as the check counts it.
    assert_eq!(total[5], "61%");
    let svg = one(&page, "section.participation svg");
    assert_eq!(attr(svg, "role"), "img");
    assert!(!text(one(&page, "section.participation svg > title")).is_empty());
    assert!(!text(one(&page, "section.participation svg > desc")).is_empty());
    // The bar totals are the table's.
    let table_totals: Vec<String> = select(&page, "table.participation:not(.by-institution) tbody tr:not(.total)")
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
    // Each step says who acts and how fast, just under its heading.
    let metas = select(&page, "h3[id^=step-] + p.step-meta");
    assert_eq!(metas.len(), 3);
    assert_eq!(text(metas[0]), "Who: Case manager · Time limit: 24 h · Forms: Consent form");
    let fr = built.page("fr/procedures/procedures-retour/index.html");
    assert!(text(select(&fr, "p.step-meta")[0]).starts_with("Qui\u{a0}: "));
    assert!(!text(one(&page, "section.referral-diagram svg > title")).is_empty());
    // Four routes from the one step, to every service of every group: one
    // arrow, to a bracket along the whole column (the diagram's unit test
    // has a step that reaches one group whole, and one box of another).
    assert_eq!(select(&page, "section.referral-diagram svg path[marker-end]").len(), 1, "one arrow to every service");
    assert_eq!(select(&page, "section.referral-diagram svg rect[rx]").len(), 5, "one step, four services");
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
fn citations_are_numbered_in_reading_order_and_link_to_their_reference() {
    let built = build_fixture(VALID, &[]);
    for file in ["en/briefs/referral-services/index.html", "en/briefs/referral-services/print.html"] {
        let page = built.page(file);
        let references: Vec<String> =
            select(&page, "ol.references > li").into_iter().map(|li| attr(li, "id").to_owned()).collect();
        // The handbook is cited first, so it is [1], whatever the order of the front matter.
        assert_eq!(references, ["ref-iom-handbook", "ref-iasc-gbv"], "{file}");
        let cited: Vec<(String, String)> = select(&page, "span.cite a")
            .into_iter()
            .map(|a| (text(a), attr(a, "href").trim_start_matches('#').to_owned()))
            .collect();
        let expected = [("1", "ref-iom-handbook"), ("2", "ref-iasc-gbv"), ("1", "ref-iom-handbook")];
        assert_eq!(cited, expected.map(|(n, id)| (n.to_owned(), id.to_owned())), "{file}");
        let heading = one(&page, "h2#references");
        assert_eq!(text(heading), "References");
    }
}

#[test]
fn the_kind_blocks_print_too_and_every_link_of_the_site_resolves() {
    let built = build_fixture(VALID, &[]);
    assert_eq!(crawl(&built.out), Vec::<String>::new(), "links that do not resolve");
    let print = built.page("en/strategy/national-strategy/print.html");
    assert_eq!(select(&print, ".table-wide table.action-plan").len(), 1);
    let ids: Vec<&str> = select(&print, "[id]").into_iter().map(|e| attr(e, "id")).collect();
    let unique: std::collections::HashSet<&&str> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "duplicate ids in the print file");
    // The facilitator's edition is a page with the module's blocks and its own notes.
    let facilitator = built.page("en/modules/referral-orientation/facilitator.html");
    assert_eq!(select(&facilitator, "table.agenda").len(), 1, "the agenda block");
    assert!(!facilitator_texts(&facilitator).is_empty(), "no facilitator note");
}

#[test]
fn a_quiz_shows_answers_to_the_facilitator_only_and_a_self_check_on_the_web_page() {
    let built = build_fixture(VALID, &[]);
    let dir = "en/modules/referral-orientation";
    let facilitator = built.page(&format!("{dir}/facilitator.html"));
    let answers: Vec<String> = select(&facilitator, ".quiz-answer").into_iter().map(text).collect();
    assert_eq!(answers.len(), 3);
    assert!(answers[0].contains("Reception and consent") && answers[1].contains("False"), "{answers:?}");
    let participant = built.page(&format!("{dir}/participant.html"));
    assert_eq!(select(&participant, ".quiz-question").len(), 3);
    assert!(select(&participant, ".quiz-answer, details").is_empty());
    let page = built.page(&format!("{dir}/index.html"));
    assert!(select(&page, ".quiz-answer").is_empty());
    assert_eq!(select(&page, "details.quiz-self-check").len(), 3);
    // The questions say which objective they assess.
    let objectives: Vec<&str> =
        select(&page, ".quiz-question").into_iter().map(|q| attr(q, "data-objective")).collect();
    assert_eq!(objectives, ["o1", "o2", "o2"]);
}

#[test]
fn charts_timelines_maps_and_tables_render_with_their_data() {
    let built = build_fixture(VALID, &[]);
    // A chart from the attendance CSV, with its figures as a table.
    let report = built.page("en/reports/validation-workshop/index.html");
    let figure = select(&report, ".doc-body figure.chart-figure")
        .into_iter()
        .find(|f| !select_in(*f, "table.chart-data").is_empty())
        .expect("the chart component");
    assert!(!text(select_in(figure, "svg > title")[0]).is_empty());
    assert!(!text(select_in(figure, "svg > desc")[0]).is_empty());
    let rows: Vec<Vec<String>> = select_in(figure, "table.chart-data tbody tr").into_iter().map(cells).collect();
    assert_eq!(rows, [["Line ministries", "16", "10", "1"], ["UN system", "4", "3", "0"]]);
    let sources: Vec<String> = select(&report, ".doc-body figure.chart-figure .source").into_iter().map(text).collect();
    // The component's own source, and the attendance chart's.
    assert!(sources.iter().any(|s| s.contains("attendance sheets")), "{sources:?}");
    assert!(sources.iter().any(|s| s.contains("attendance recorded in this report")), "{sources:?}");
    // A map: every country of the data coloured, a legend, the source and
    // year, the disclaimer, and small counts hidden.
    let strategy = built.page("fr/strategie/strategie-nationale/index.html");
    let map = one(&strategy, "figure.map-figure");
    assert!(!text(select_in(map, "svg > title")[0]).is_empty());
    assert_eq!(select_in(map, ".map-legend li").len(), 6);
    assert!(text(select_in(map, ".source")[0]).ends_with(", 2026"));
    assert!(text(select_in(map, ".disclaimer")[0]).contains("Organisation internationale pour les migrations"));
    let data: Vec<Vec<String>> = select_in(map, "table.map-data tbody tr").into_iter().map(cells).collect();
    assert!(data.contains(&vec!["Italie".to_owned(), "< 5".to_owned(), "< 5".to_owned(), "5".to_owned()]), "{data:?}");
    assert!(
        data.contains(&vec!["France".to_owned(), "420".to_owned(), "380".to_owned(), "800".to_owned()]),
        "{data:?}"
    );
    let coloured = select_in(map, "svg path").into_iter().filter(|p| attr(*p, "fill") != "#e6e6e6").count();
    assert_eq!(coloured, 10);
    // Only the coloured countries are in the page; the grey ones are the
    // site's one base map, drawn under them.
    assert_eq!(select_in(map, "svg path").len(), 10);
    let base = attr(select_in(map, "svg > image")[0], "href");
    let (base, _) = follow(&built.out.join("fr/strategie/strategie-nationale/index.html"), base);
    assert!(std::fs::read_to_string(base).unwrap().starts_with("<svg"));
    // A timeline from the document's action plan, months in the page's language.
    let plan = built.page("fr/strategie/plan-de-travail-2027/index.html");
    let timeline = one(&plan, ".doc-body figure.chart-figure svg");
    assert!(text(timeline).contains("janv."));
    // A table from a CSV file: this language's text columns.
    let sop = built.page("fr/procedures/procedures-retour/index.html");
    let table: Vec<Vec<String>> = select(&sop, ".data-table tbody tr").into_iter().map(cells).collect();
    assert_eq!(table.len(), 4);
    assert_eq!(table[0][3], "Hôpital régional de Yaoundé");
}

#[test]
fn the_home_page_lists_every_document_by_kind_with_its_status() {
    let built = build_fixture(VALID, &[]);
    let home = built.page("fr/index.html");
    let kinds: Vec<String> = select(&home, ".by-kind h3").into_iter().map(text).collect();
    assert_eq!(
        kinds,
        [
            "Procédures opérationnelles standard",
            "Listes de contrôle",
            "Modules de formation",
            "Notes d\u{2019}orientation",
            "Stratégies et plans de travail",
            "Rapports"
        ]
    );
    let entries = select(&home, ".by-kind li");
    assert_eq!(entries.len(), 9, "every French document once");
    assert!(select(&home, ".by-kind .doc-list-meta").iter().all(|m| text(*m).contains(" · ")));
}

#[test]
fn print_editions_carry_the_state_header_signatures_and_a_blank_attendance_sheet() {
    let built = build_fixture(VALID, &[]);
    // state_header: true on a strategy owned by MINREX.
    let strategy = built.page("en/strategy/national-strategy/print.html");
    let header = text(one(&strategy, ".cover .state-header"));
    assert!(header.contains("RÉPUBLIQUE DU CAMEROUN") && header.contains("Peace – Work – Fatherland"), "{header}");
    assert!(
        header.contains("MINISTÈRE DES RELATIONS EXTÉRIEURES")
            || header.contains("MINISTERE DES RELATIONS EXTERIEURES")
            || header.contains("MINISTRY OF EXTERNAL RELATIONS"),
        "{header}"
    );
    assert!(select(&built.page("en/sops/procedures/print.html"), ".state-header").is_empty());
    // One signature row per signatory institution of the SOP.
    let sop = built.page("en/sops/procedures/print.html");
    assert_eq!(select(&sop, ".signatures .signature-block").len(), 4);
    // Both module editions end with a blank sheet: one row per participant at most.
    for edition in ["facilitator", "participant"] {
        let page = built.page(&format!("en/modules/referral-orientation/{edition}.html"));
        assert_eq!(select(&page, ".attendance-sheet tbody tr").len(), 20, "{edition}");
        let headers: Vec<String> = select(&page, ".attendance-sheet thead th").into_iter().map(text).collect();
        assert!(headers.contains(&"Sex".to_owned()) && headers.contains(&"Signature".to_owned()), "{headers:?}");
    }
    assert!(select(&built.page("en/modules/referral-orientation/print.html"), ".attendance-sheet").is_empty());
}

#[test]
fn references_may_come_from_a_csl_json_file_of_the_bundle() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    copy_site(&fixture(VALID), &root);
    let briefs = root.join("content/briefs");
    std::fs::create_dir_all(briefs.join("referral-services")).unwrap();
    for lang in ["en", "fr"] {
        let from = briefs.join(format!("referral-services.{lang}.md"));
        let text = std::fs::read_to_string(&from).unwrap();
        let (start, end) = (text.find("references:\n").unwrap(), text.find("informed_by:").unwrap());
        let text = format!("{}references: refs.json\n{}", &text[..start], &text[end..]).replace("../", "../../");
        std::fs::write(briefs.join(format!("referral-services/index.{lang}.md")), text).unwrap();
        std::fs::remove_file(from).unwrap();
    }
    // As a reference manager exports them.
    let csl = r#"[
      {"id": "iasc-gbv", "type": "report", "title": "Guidelines for Integrating Gender-Based Violence Interventions in Humanitarian Action", "author": [{"literal": "IASC"}], "issued": {"date-parts": [[2015]]}},
      {"id": "iom-handbook", "type": "book", "title": "Reintegration Handbook", "author": [{"literal": "IOM"}], "publisher": "IOM", "issued": {"date-parts": [[2019]]}, "URL": "https://publications.iom.int/books/reintegration-handbook"}
    ]"#;
    std::fs::write(briefs.join("referral-services/refs.json"), csl).unwrap();
    let out = dir.path().join("out");
    let run = relais(&["build", "--root", root.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("refs.json"), "{}", run.stderr);
    let page = read_page(&out.join("en/briefs/referral-services/index.html"));
    let items: Vec<String> = select(&page, "ol.references > li").into_iter().map(text).collect();
    assert_eq!(
        items,
        [
            "IOM, Reintegration Handbook, IOM, 2019. https://publications.iom.int/books/reintegration-handbook",
            "IASC, Guidelines for Integrating Gender-Based Violence Interventions in Humanitarian Action, 2015.",
        ]
    );
}

#[test]
fn in_a_print_bundle_the_kind_blocks_link_to_their_part_and_ids_stay_unique() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    copy_site(&fixture(VALID), &root);
    let settings = root.join("site.yaml");
    let text = std::fs::read_to_string(&settings).unwrap();
    let documents = "[sops/procedures, strategy/national-strategy, reports/validation-workshop, reports/desk-review, \
        briefs/referral-services, modules/referral-orientation, checklists/gender-centre]";
    let bundle = format!(
        "bundles:\n  - {{ id: all-kinds, title: {{ en: \"All kinds\", fr: \"Tous les types\" }}, documents: {documents} }}\n"
    );
    std::fs::write(&settings, format!("{text}{bundle}")).unwrap();
    let out = dir.path().join("out");
    let run = relais(&["build", "--root", root.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    // Links from the "what changed" table and the steps table reach the part's own headings.
    assert_eq!(crawl(&out), Vec::<String>::new());
    for file in ["en/print/all-kinds.html", "print/all-kinds.html"] {
        let page = read_page(&out.join(file));
        let ids: Vec<&str> = select(&page, "[id]").into_iter().map(|e| attr(e, "id")).collect();
        let mut seen = std::collections::HashSet::new();
        let repeated: Vec<&&str> = ids.iter().filter(|id| !seen.insert(**id)).collect();
        assert!(repeated.is_empty(), "{file}: ids used twice: {repeated:?}");
    }
}
