//! The `form` component: a form filled in on screen and printed, or printed
//! blank and filled by hand. Nothing typed may be stored or sent.

use std::path::Path;
use std::process::Command;

use crate::support::*;

const SITE: &str = "forms/site";

#[test]
fn a_form_shows_each_field_as_the_input_its_type_asks_for() {
    let built = build_fixture(SITE, &[]);
    let page = built.page("en/forms/referral/index.html");
    let form = one(&page, "section.form");
    let id = attr(form, "id");
    let field = |name: &str| format!("#{id}-{name}");
    assert_eq!(attr(one(&page, &field("date")), "placeholder"), "dd/mm/yyyy", "day first, whatever the browser");
    assert_eq!(attr(one(&page, &field("date")), "aria-required"), "true");
    assert_eq!(attr(one(&page, &field("to")), "type"), "text");
    assert_eq!(attr(one(&page, &field("shared")), "rows"), "6");
    let labels: Vec<String> = select(&page, ".form-field > label").into_iter().map(text).collect();
    assert_eq!(labels, ["Date of referral*", "Receiving service*", "Information she agreed to share"]);
    let radios = |name: &str| select(&page, &format!("input[name=\"{id}-{name}\"]"));
    assert_eq!(radios("after").len(), 2, "yes and no");
    assert_eq!(text(one(&page, ".form-yes-no")), "Accompanied by a staff member Yes No");
    assert!(radios("urgency").iter().all(|r| attr(*r, "type") == "radio"));
    assert_eq!(radios("needs").len(), 3);
    assert!(radios("needs").iter().all(|r| attr(*r, "type") == "checkbox"), "`multiple` ticks several");
    assert_eq!(select(&page, ".form-signature .form-sign-box").len(), 1);
    assert_eq!(select(&page, ".form-grid tbody tr").len(), 3);
    let legends: Vec<String> = select(&page, ".form-section > legend").into_iter().map(text).collect();
    assert_eq!(legends, ["Referral", "Contacts"]);
    assert!(text(one(&page, ".form-privacy")).contains("Send it only with her consent"));
    assert_eq!(text(one(&page, ".form-footer")), "Form RRR-TEST-A version 0.3");
    // In French, the words of the form are French.
    let french = built.page("fr/forms/referral/index.html");
    assert_eq!(text(one(&french, ".form-yes-no")), "Accompagnée par un membre du personnel Oui Non");
    assert!(text(one(&french, ".form-private")).starts_with("Rien de ce que vous saisissez"));
    assert_eq!(
        attr(one(&french, &format!("#{}-date", attr(one(&french, "section.form"), "id"))), "placeholder"),
        "jj/mm/aaaa"
    );
}

#[test]
fn nothing_typed_into_a_form_can_be_sent_or_stored() {
    let built = build_fixture(SITE, &[]);
    let path = built.out.join("en/forms/referral/index.html");
    let page = read_page(&path);
    // No <form> to submit (the site's search box is one, elsewhere), and no
    // field that a submission would carry.
    assert!(select(&page, "form .form, .form form").is_empty());
    for input in select(&page, ".form input, .form textarea") {
        let kind = input.value().attr("type").unwrap_or("textarea");
        assert!(input.value().attr("name").is_none() || matches!(kind, "radio" | "checkbox"), "{:?}", input.value());
    }
    // Its script (inline, in handlers, or loaded) uses no storage or network API.
    let mut scripts: Vec<String> = select(&page, "script").into_iter().map(text).collect();
    for element in select(&page, ".form *") {
        scripts.extend(element.value().attrs().filter(|(n, _)| n.starts_with("on")).map(|(_, v)| v.to_owned()));
    }
    for script in select(&page, "script[src]") {
        let (file, _) = follow(&path, attr(script, "src"));
        scripts.push(std::fs::read_to_string(file).unwrap());
    }
    assert!(scripts.iter().any(|s| s.contains("window.print()")), "the print button: {scripts:?}");
    let forbidden = [
        "localStorage",
        "sessionStorage",
        "indexedDB",
        "cookie",
        "fetch(",
        "XMLHttpRequest",
        "sendBeacon",
        "WebSocket",
    ];
    for script in &scripts {
        for api in forbidden {
            assert!(!script.contains(api), "a form page's script uses {api}: {script}");
        }
    }
    assert!(text(one(&page, ".form-private")).contains("Nothing you type in this form is stored or sent"));
}

/// Each word of a PDF with its page and top edge, in points.
pub fn words(pdf: &Path) -> Vec<(usize, f64, String)> {
    let out = Command::new("pdftotext").arg("-bbox").arg(pdf).arg("-").output().expect("pdftotext (poppler-utils)");
    let html = scraper::Html::parse_document(&String::from_utf8_lossy(&out.stdout));
    let word = scraper::Selector::parse("word").unwrap();
    let mut found = Vec::new();
    for (n, page) in select(&html, "page").into_iter().enumerate() {
        for w in page.select(&word) {
            found.push((n + 1, attr(w, "ymin").parse().unwrap(), text(w)));
        }
    }
    found
}

#[test]
fn a_form_printed_blank_has_room_to_write_its_reference_and_no_draft_mark() {
    if skipped_without(&[CHROMIUM, POPPLER]) {
        return;
    }
    let built = build_fixture(SITE, &[]);
    let pdf = built.out.join("form.pdf");
    let mut browser = crate::browser::Browser::start();
    browser.open(&built.out, "en/forms/referral/index.html");
    browser.print_pdf(&pdf);
    let words = words(&pdf);
    let all: Vec<&str> = words.iter().map(|(_, _, w)| w.as_str()).collect();
    let line = all.join(" ");
    assert!(line.contains("Form RRR-TEST-A version 0.3"), "{line}");
    assert!(!line.contains("DRAFT"), "{line}");
    // The page prints the form alone, not the text around it.
    assert!(!line.contains("Annex A of the procedures"), "{line}");
    assert!(!line.contains("Print or save as PDF") && !line.contains("Nothing you type"), "screen-only words: {line}");
    let top = |word: &str| words.iter().find(|(_, _, w)| w == word).map(|(p, y, _)| (*p, *y)).unwrap();
    let mm = |points: f64| points * 25.4 / 72.0;
    // Six lines of 8 mm to write on between a long answer's label and the next field.
    let (page_a, label) = top("Information");
    let (page_b, next) = top("Accompanied");
    assert_eq!(page_a, page_b, "a long answer does not split from its label");
    assert!(mm(next - label) >= 6.0 * 8.0, "{:.1} mm for six lines", mm(next - label));
    // A signature box of 20 mm.
    let (page_a, signature) = top("signature");
    let (page_b, contacts) = words.iter().filter(|(_, _, w)| w == "Contacts").map(|(p, y, _)| (*p, *y)).next().unwrap();
    if page_a == page_b {
        assert!(mm(contacts - signature) >= 20.0, "{:.1} mm to sign", mm(contacts - signature));
    }
}

#[test]
fn a_link_to_a_print_bundle_lands_on_its_file_in_the_page_language() {
    let built = build_fixture(SITE, &[]);
    for (section, lang) in [("en/forms/index.html", "en"), ("fr/forms/index.html", "fr")] {
        let from = built.out.join(section);
        let page = read_page(&from);
        let link = select(&page, "main a[href]").into_iter().find(|a| attr(*a, "href").contains("print/")).unwrap();
        let (target, _) = follow(&from, attr(link, "href"));
        assert_eq!(target, built.out.join(format!("{lang}/print/form-pack.html")));
        assert!(target.is_file());
        // The bundle's form keeps its reference, and its white ground hides any watermark.
        assert!(text(one(&read_page(&target), ".form-footer")).contains("RRR-TEST-A"));
    }
    let css = std::fs::read_to_string(built.out.join("static/print.css")).unwrap();
    assert!(css.contains(".form{") && css.contains("background:#fff"), "{css}");
}

#[test]
fn in_a_bundle_only_the_draft_parts_carry_the_draft_mark_never_the_forms() {
    let built = build_fixture(SITE, &[]);
    let path = built.out.join("en/print/form-pack.html");
    let bundle = read_page(&path);
    // No mark drawn across the whole file: each draft part draws its own.
    assert!(select(&bundle, ".watermark").is_empty());
    let parts = select(&bundle, "article.part");
    assert_eq!(parts.len(), 2);
    let (guide, form) = (parts[0], parts[1]);
    assert!(attr(guide, "class").contains("part-draft"));
    assert!(attr(guide, "style").contains("data:image/svg+xml") && attr(guide, "style").contains("DRAFT"));
    assert!(!attr(form, "class").contains("part-draft") && form.value().attr("style").is_none());
    assert!(text(form).contains("RRR-TEST-A"));
    if skipped_without(&[CHROMIUM, POPPLER]) {
        return;
    }
    // On paper: the mark is drawn on the guide's page, and on none of the form's.
    let pdf = built.out.join("pack.pdf");
    let mut browser = crate::browser::Browser::start();
    browser.open(&built.out, "en/print/form-pack.html");
    browser.print_pdf(&pdf);
    let words = words(&pdf);
    let on_page =
        |page: usize| words.iter().filter(|(p, _, _)| *p == page).map(|(_, _, w)| w.as_str()).collect::<Vec<_>>();
    let guide_page = words.iter().find(|(_, _, w)| w == "still").map(|(p, _, _)| *p).unwrap();
    let form_pages: Vec<usize> =
        (1..=words.iter().map(|(p, _, _)| *p).max().unwrap()).filter(|&p| on_page(p).contains(&"RRR-TEST-A")).collect();
    assert!(!form_pages.is_empty() && !form_pages.contains(&guide_page));
    // The mark is an image (faint red on white), not words: its pixels are counted.
    assert!(mark_pixels(&pdf, guide_page) > 300, "{} pixels of the mark", mark_pixels(&pdf, guide_page));
    for page in form_pages {
        assert_eq!(mark_pixels(&pdf, page), 0, "page {page}");
    }
}

/// The pixels of a page, drawn at 30 dpi, in the faint red of the draft mark.
fn mark_pixels(pdf: &Path, page: usize) -> usize {
    let prefix = pdf.with_extension(format!("p{page}"));
    let n = page.to_string();
    let status = Command::new("pdftoppm")
        .args(["-r", "30", "-singlefile", "-f", &n, "-l", &n])
        .arg(pdf)
        .arg(&prefix)
        .status()
        .expect("pdftoppm (poppler-utils)");
    assert!(status.success());
    let ppm = std::fs::read(prefix.with_extension(format!("p{page}.ppm"))).unwrap();
    // P6: a header of four fields (magic, width, height, depth), then RGB bytes.
    let mut fields = 0;
    let mut start = 0;
    for (i, window) in ppm.windows(2).enumerate() {
        if window[0].is_ascii_alphanumeric() && window[1].is_ascii_whitespace() {
            fields += 1;
            if fields == 4 {
                start = i + 2;
                break;
            }
        }
    }
    ppm[start..]
        .chunks_exact(3)
        .filter(|rgb| {
            let (r, g, b) = (i32::from(rgb[0]), i32::from(rgb[1]), i32::from(rgb[2]));
            r >= 225 && r - g >= 8 && (g - b).abs() <= 10
        })
        .count()
}
