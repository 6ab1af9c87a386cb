//! Print editions: print.html beside every document, bundles, and PDFs made
//! by both engines, checked with poppler's pdfinfo and pdftotext.

use std::path::Path;
use std::process::Command;

use crate::support::*;

const SITE: &str = "print/kinds";

#[test]
fn every_document_links_its_print_edition_which_stands_alone() {
    let built = build_fixture(SITE, &[]);
    for (page, title, draft) in [
        ("en/sops/intake/index.html", "Intake of returning women", true),
        ("fr/sops-fr/accueil/index.html", "Accueil des femmes de retour", true),
        ("en/checklists/centre/index.html", "Gender checklist for centres", false),
    ] {
        let from = built.out.join(page);
        let html = read_page(&from);
        let (print, _) = follow(&from, attr(one(&html, "a.print-link"), "href"));
        assert!(print.ends_with("print.html"), "{}", print.display());
        let printed = read_page(&print);
        assert_eq!(attr(one(&printed, "html"), "lang"), &page[..2]);
        assert_eq!(text(one(&printed, ".cover h1")), title);
        assert_eq!(select(&printed, ".watermark").len(), usize::from(draft), "{page}");
        assert!(select(&printed, "header.site-header, nav.site-nav").is_empty(), "no site navigation on paper");
        // The contents point at headings of the same file.
        let ids: Vec<&str> = select(&printed, "[id]").into_iter().map(|e| attr(e, "id")).collect();
        for entry in select(&printed, ".toc a") {
            let href = attr(entry, "href");
            assert!(ids.contains(&href.trim_start_matches('#')), "{page}: {href}");
        }
        let style = text(one(&printed, "head style"));
        let counter = if page.starts_with("fr") { "\" sur \" counter(pages)" } else { "\" of \" counter(pages)" };
        assert!(style.contains(counter), "{style}");
    }
}

#[test]
fn wide_tables_go_on_landscape_pages_and_repeat_their_header() {
    let built = build_fixture(SITE, &[]);
    let printed = built.page("en/strategy/national/print.html");
    let wide = one(&printed, ".doc-body .table-wide table");
    assert_eq!(select(&printed, ".doc-body .table-wide thead").len(), 1, "{:?}", wide.value());
    // The action plan made from the front matter is wide too.
    assert_eq!(select(&printed, ".kind-view .table-wide table.action-plan").len(), 1);
    let css = std::fs::read_to_string(built.out.join("static/print.css")).unwrap();
    assert!(css.contains("@page wide{") && css.contains(".table-wide{page:wide}"), "{css}");
    assert!(css.contains("thead{display:table-header-group}"));
}

#[test]
fn a_bundle_prints_its_documents_with_unique_ids_and_inner_links() {
    let built = build_fixture(SITE, &[]);
    let from = built.out.join("en/print/trainer-pack.html");
    let bundle = read_page(&from);
    assert_eq!(text(one(&bundle, ".cover h1")), "Trainer pack");
    let parts: Vec<&str> = select(&bundle, "article.part").into_iter().map(|p| attr(p, "id")).collect();
    assert_eq!(parts, ["p1", "p2"]);
    let ids: Vec<&str> = select(&bundle, "[id]").into_iter().map(|e| attr(e, "id")).collect();
    let unique: std::collections::HashSet<&&str> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "ids are unique: {ids:?}");
    assert!(crawl(&built.out).is_empty(), "{:?}", crawl(&built.out));
    // The bilingual bundle prints the English edition, then the French one.
    let both = built.page("print/trainer-pack.html");
    let langs: Vec<&str> = select(&both, "article.part").into_iter().map(|p| attr(p, "lang")).collect();
    assert_eq!(langs, ["en", "en", "fr", "fr"]);
}

fn pdftotext(pdf: &Path, page: usize) -> String {
    let out = Command::new("pdftotext")
        .args(["-layout", "-f", &page.to_string(), "-l", &page.to_string()])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn pdfinfo(pdf: &Path) -> (usize, String) {
    let out = Command::new("pdfinfo").arg(pdf).output().expect("pdfinfo (poppler-utils) is installed");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let field = |name: &str| text.lines().find_map(|l| l.strip_prefix(name)).unwrap_or_default().trim().to_owned();
    (field("Pages:").parse().unwrap(), field("Page size:"))
}

/// Words whose box leaves the page's text area (clipped or overflowing).
fn words_outside_the_text_block(pdf: &Path, draft_mark: &str) -> Vec<String> {
    let out = Command::new("pdftotext").arg("-bbox").arg(pdf).arg("-").output().unwrap();
    let html = scraper::Html::parse_document(&String::from_utf8_lossy(&out.stdout));
    let mut outside = Vec::new();
    for page in select(&html, "page") {
        let width: f64 = attr(page, "width").parse().unwrap();
        for word in page.select(&scraper::Selector::parse("word").unwrap()) {
            let (x_min, x_max): (f64, f64) = (attr(word, "xmin").parse().unwrap(), attr(word, "xmax").parse().unwrap());
            let word_text = text(word);
            // 12 mm of the 16-18 mm margins; the watermark is drawn across the page on purpose.
            if (x_min < 34.0 || x_max > width - 34.0) && !draft_mark.contains(word_text.as_str()) {
                outside.push(format!("{word_text} [{x_min:.0}-{x_max:.0} of {width:.0}]"));
            }
        }
    }
    outside
}

fn check_pdfs(engine: &str) {
    let tool = if engine == "weasyprint" { WEASYPRINT } else { CHROMIUM };
    if skipped_without(&[tool, POPPLER]) {
        return;
    }
    let built = build_fixture(SITE, &["--pdf", "--pdf-engine", engine]);
    for (page, pdf, title, draft, pages) in [
        ("en/sops/intake/index.html", "en/sops/intake/intake.en.pdf", "Intake of returning women", true, 3..=8),
        (
            "fr/sops-fr/accueil/index.html",
            "fr/sops-fr/accueil/accueil.fr.pdf",
            "Accueil des femmes de retour",
            true,
            3..=9,
        ),
        (
            "en/strategy/national/index.html",
            "en/strategy/national/national.en.pdf",
            "National diaspora strategy",
            true,
            3..=9,
        ),
        (
            "en/checklists/centre/index.html",
            "en/checklists/centre/centre.en.pdf",
            "Gender checklist for centres",
            false,
            2..=5,
        ),
        (
            "en/modules/orientation/index.html",
            "en/modules/orientation/orientation.en.pdf",
            "Orientation for centre staff",
            false,
            2..=4,
        ),
    ] {
        let path = built.out.join(pdf);
        let (count, size) = pdfinfo(&path);
        assert!(pages.contains(&count), "{engine} {pdf}: {count} pages");
        assert!(size.contains("(A4)") || size.starts_with("595"), "{engine} {pdf}: {size}");
        let cover = pdftotext(&path, 1);
        let words = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(words(&cover).contains(title), "{engine} {pdf} cover:\n{cover}");
        // A draft's cover and watermark say DRAFT, a text in review's IN REVIEW.
        let mark = if pdf.starts_with("fr") { "PROJET EN RELECTURE" } else { "DRAFT IN REVIEW" };
        let marked = if pdf.starts_with("fr") { ["PROJET", "EN RELECTURE"] } else { ["DRAFT", "IN REVIEW"] };
        assert_eq!(marked.iter().any(|m| cover.contains(m)), draft, "{engine} {pdf} cover:\n{cover}");
        for n in 2..=count {
            let footer =
                if pdf.starts_with("fr") { format!("Page {n} sur {count}") } else { format!("Page {n} of {count}") };
            assert!(pdftotext(&path, n).contains(&footer), "{engine} {pdf} page {n} lacks `{footer}`");
        }
        let outside = words_outside_the_text_block(&path, mark);
        assert!(outside.is_empty(), "{engine} {pdf}: {outside:?}");
        // The page links to the PDF, with its page count.
        let from = built.out.join(page);
        let html = read_page(&from);
        let link = one(&html, "a.pdf-link");
        assert_eq!(follow(&from, attr(link, "href")).0, path);
        assert!(text(link).contains(&format!("{count} pages")), "{}", text(link));
    }
    // A module's editions: the facilitator's answers never reach the participants' PDF.
    let all_text = |pdf: &Path| {
        let out = Command::new("pdftotext").arg(pdf).arg("-").output().unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let dir = built.out.join("en/modules/orientation");
    let facilitator = all_text(&dir.join("orientation.facilitator.en.pdf"));
    let participant = all_text(&dir.join("orientation.participant.en.pdf"));
    assert!(facilitator.contains("FACILITATOR-ONLY"), "{engine}: facilitator PDF:\n{facilitator}");
    assert!(!participant.contains("FACILITATOR-ONLY"), "{engine}: participant PDF:\n{participant}");
    assert!(participant.contains("Participant handout text"), "{engine}: participant PDF:\n{participant}");
    // The trainer pack holds both of its documents, in its language or in both.
    let pack = all_text(&built.out.join("en/print/trainer-pack.en.pdf"));
    for part in ["Trainer pack", "Gender checklist for centres", "Participant handout text"] {
        assert!(pack.contains(part), "{engine}: the English pack lacks `{part}`:\n{pack}");
    }
    assert!(!pack.contains("Liste de contrôle genre"), "{engine}: French in the English pack");
    let bilingual = all_text(&built.out.join("print/trainer-pack.bilingual.pdf"));
    for part in ["Gender checklist for centres", "Liste de contrôle genre"] {
        assert!(bilingual.contains(part), "{engine}: the bilingual pack lacks `{part}`:\n{bilingual}");
    }
}

#[test]
fn pdfs_from_chromium_are_a4_with_cover_footer_and_nothing_clipped() {
    check_pdfs("chromium");
}

#[test]
fn pdfs_from_weasyprint_are_a4_with_cover_footer_and_nothing_clipped() {
    check_pdfs("weasyprint");
}

#[test]
fn without_an_engine_the_error_says_what_to_install() {
    let dir = tempfile::tempdir().unwrap();
    let root = fixture(SITE);
    let out = dir.path().join("site");
    let run = relais_with(
        &["build", "--pdf", "--root", root.to_str().unwrap(), "--out", out.to_str().unwrap()],
        &[("PATH", "/nonexistent")],
    );
    assert_eq!(run.status, 1);
    let stderr = &run.stderr;
    assert!(
        stderr.contains("Chromium") && stderr.contains("WeasyPrint") && stderr.contains("apt-get install"),
        "{stderr}"
    );
    assert!(!out.exists());
}

/// Every print file of the site with one document of each kind, in both
/// languages: A4, the footer with its page number on every page after the
/// cover, nothing outside the text block.
fn check_every_kind(engine: &str) {
    let tool = if engine == "weasyprint" { WEASYPRINT } else { CHROMIUM };
    if skipped_without(&[tool, POPPLER]) {
        return;
    }
    let built = build_fixture("kinds/valid", &["--pdf", "--pdf-engine", engine]);
    let mut checked = 0;
    for entry in walkdir::WalkDir::new(&built.out).into_iter().map(|e| e.unwrap()) {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "pdf") || path.to_string_lossy().contains("/print/") {
            continue;
        }
        let (count, size) = pdfinfo(path);
        assert!(
            size.contains("(A4)") || size.starts_with("595") || size.starts_with("842"),
            "{engine} {path:?}: {size}"
        );
        let french = path.to_string_lossy().contains(".fr.pdf");
        for n in 2..=count {
            let footer = if french { format!("Page {n} sur {count}") } else { format!("Page {n} of {count}") };
            assert!(pdftotext(path, n).contains(&footer), "{engine} {path:?} page {n} lacks `{footer}`");
        }
        // The watermark of a draft or a text in review, drawn across the page.
        let mark = if french { "PROJET EN RELECTURE" } else { "DRAFT IN REVIEW" };
        let outside = words_outside_the_text_block(path, mark);
        assert!(outside.is_empty(), "{engine} {path:?}: {outside:?}");
        checked += 1;
    }
    // 9 documents in 2 languages, and the module's two editions in each.
    assert_eq!(checked, 22, "{engine}: PDFs checked");
}

#[test]
fn every_kind_prints_clean_a4_pages_with_chromium() {
    check_every_kind("chromium");
}

#[test]
fn every_kind_prints_clean_a4_pages_with_weasyprint() {
    check_every_kind("weasyprint");
}

/// The size of one page of a PDF: (width, height) in points.
fn page_size(pdf: &Path, page: usize) -> (f64, f64) {
    let n = page.to_string();
    let out = Command::new("pdfinfo").args(["-f", &n, "-l", &n]).arg(pdf).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let line = text.lines().find(|l| l.starts_with(&format!("Page {n:>4} size:"))).unwrap_or_else(|| panic!("{text}"));
    let numbers: Vec<f64> = line.split_whitespace().filter_map(|w| w.parse().ok()).collect();
    (numbers[1], numbers[2])
}

/// Read back where things land on paper: the signature heading on the
/// page of the first block to sign, the seven-column service directory on
/// a landscape page with its heading, and each module edition named on
/// every page (the participant's without the materials to prepare).
fn check_print_layout(engine: &str) {
    let tool = if engine == "weasyprint" { WEASYPRINT } else { CHROMIUM };
    if skipped_without(&[tool, POPPLER]) {
        return;
    }
    let built = build_fixture("kinds/valid", &["--pdf", "--pdf-engine", engine]);
    let sop = built.out.join("en/sops/procedures/procedures.en.pdf");
    let (count, _) = pdfinfo(&sop);
    let pages: Vec<String> = (1..=count).map(|n| pdftotext(&sop, n)).collect();
    let signatures = pages.iter().position(|p| p.lines().any(|l| l.trim() == "Signatures")).expect("a signature page");
    assert!(pages[signatures].contains("Ministry of Social Affairs"), "{engine}: `Signatures` alone on its page");
    let directory = pages.iter().position(|p| p.contains("Verified on")).expect("the directory prints");
    let (width, height) = page_size(&sop, directory + 1);
    assert!(width > height, "{engine}: the 7-column directory prints portrait ({width}×{height})");
    assert!(pages[directory].contains("Service directory"), "{engine}: its heading was left on the page before");
    // Each PDF link of the module's page names its edition.
    let module = built.page("en/modules/referral-orientation/index.html");
    let links: Vec<String> = select(&module, ".doc-actions a[href$='.pdf']").into_iter().map(text).collect();
    assert_eq!(links.len(), 3, "{engine}: {links:?}");
    for (link, name) in links.iter().zip(["Print edition", "Facilitator edition", "Participant edition"]) {
        assert!(link.starts_with(&format!("{name} (PDF, ")), "{engine}: {links:?}");
    }
    for (edition, name) in [("facilitator", "Facilitator edition"), ("participant", "Participant edition")] {
        let pdf = built.out.join(format!("en/modules/referral-orientation/referral-orientation.{edition}.en.pdf"));
        let (count, _) = pdfinfo(&pdf);
        for n in 1..=count {
            assert!(pdftotext(&pdf, n).contains(name), "{engine} {edition}: page {n} does not say `{name}`");
        }
        let all: String = (1..=count).map(|n| pdftotext(&pdf, n)).collect();
        assert_eq!(all.contains("Materials to prepare"), edition == "facilitator", "{engine} {edition}");
    }
}

#[test]
fn headings_keep_with_what_follows_and_editions_are_named_on_paper_with_chromium() {
    check_print_layout("chromium");
}

#[test]
fn headings_keep_with_what_follows_and_editions_are_named_on_paper_with_weasyprint() {
    check_print_layout("weasyprint");
}

/// `(printed, unchanged)` from the build's last line.
fn printed_and_unchanged(stderr: &str) -> (usize, usize) {
    let line = stderr.lines().rev().find(|l| l.contains(" printed, ")).unwrap_or_else(|| panic!("{stderr}"));
    let number = |before: &str| -> usize {
        let head = &line[..line.find(before).unwrap()];
        head.rsplit([' ', ';', '(']).next().unwrap().parse().unwrap()
    };
    (number(" printed"), number(" unchanged"))
}

#[test]
fn an_unchanged_document_is_not_printed_again_and_an_edited_one_is() {
    if skipped_without(&[CHROMIUM]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    copy_site(&fixture(SITE), &root);
    let build = || relais(&["build", "--pdf", "--pdf-engine", "chromium", "--root", root.to_str().unwrap()]);
    let first = build();
    assert_eq!(first.status, 0, "{}", first.stderr);
    let (printed, unchanged) = printed_and_unchanged(&first.stderr);
    assert!(printed >= 10 && unchanged == 0, "{}", first.stderr);
    // Kept beside the site, not in it.
    let cache = root.join("build/.cache/pdf");
    let cached = std::fs::read_dir(&cache).unwrap().count();
    assert_eq!(cached, printed);
    assert!(walkdir::WalkDir::new(root.join("build/site")).into_iter().all(|e| !e.unwrap().path().ends_with(".cache")));
    let pdf = root.join("build/site/en/checklists/centre/centre.en.pdf");
    let before = std::fs::read(&pdf).unwrap();

    let second = build();
    assert_eq!(second.status, 0, "{}", second.stderr);
    assert_eq!(printed_and_unchanged(&second.stderr), (0, printed), "{}", second.stderr);
    assert_eq!(std::fs::read(&pdf).unwrap(), before, "the PDF came back from the cache as it was");

    let file = root.join("content/checklists/centre.en.md");
    let source = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, format!("{source}\nA sentence added later.\n")).unwrap();
    commit_all(&root);
    let third = build();
    assert_eq!(third.status, 0, "{}", third.stderr);
    let (again, kept) = printed_and_unchanged(&third.stderr);
    assert!(again >= 1 && kept >= printed - 3, "{}", third.stderr);
    let text = Command::new("pdftotext").arg(&pdf).arg("-").output().unwrap();
    assert!(String::from_utf8_lossy(&text.stdout).contains("A sentence added later."));
}

#[test]
fn with_pdfs_a_build_that_fails_on_its_print_files_reports_its_pages_problems_too_and_prints_nothing() {
    if skipped_without(&[CHROMIUM]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    copy_site(&fixture(SITE), &root);
    // Both fail only when laid out: the print files before the PDFs, the pages after them.
    let templates = root.join("themes/default/templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(templates.join("print.html"), "<p>{{ no_such_print_value.x }}</p>\n").unwrap();
    std::fs::write(templates.join("page.html"), "<p>{{ no_such_page_value.x }}</p>\n").unwrap();
    let run = relais(&["build", "--pdf", "--pdf-engine", "chromium", "--root", root.to_str().unwrap()]);
    assert_eq!(run.status, 1, "{}", run.stderr);
    assert!(run.stderr.contains("no_such_print_value"), "{}", run.stderr);
    assert!(run.stderr.contains("no_such_page_value"), "the pages' problem waits for no PDF:\n{}", run.stderr);
    assert!(!run.stderr.contains(" printed, "), "nothing was printed:\n{}", run.stderr);
    assert!(!root.join("build/site").exists(), "nothing was written");
}
