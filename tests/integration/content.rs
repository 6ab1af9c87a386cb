//! The bundled content (`content/` of this repository), read as its users
//! would: it checks clean with `--strict` (the warnings it keeps are
//! accepted in site.yaml, each with its reason), every document exists in
//! both languages, the home page reaches every document in two clicks, and
//! documents link to the ones they work with.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::support::*;

fn site_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn relais_on_content(args: &[&str]) -> Run {
    let root = site_root();
    let mut args = args.to_vec();
    args.extend(["--root", root.to_str().unwrap()]);
    relais_with(&args, &[("SOURCE_DATE_EPOCH", TODAY)])
}

/// Every document of the catalogue: its key, kind and page per language.
fn catalogue(out: &Path) -> Vec<(String, String, BTreeMap<String, PathBuf>)> {
    let text = std::fs::read_to_string(out.join("catalogue.json")).unwrap();
    let entries: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap();
    entries
        .iter()
        .map(|e| {
            let urls = e["url"]
                .as_object()
                .unwrap()
                .iter()
                .map(|(lang, url)| (lang.clone(), out.join(url.as_str().unwrap())))
                .collect();
            (e["key"].as_str().unwrap().to_owned(), e["kind"].as_str().unwrap().to_owned(), urls)
        })
        .collect()
}

/// The site's pages that `page` links to (fragments dropped).
/// The pages a document links to, from any of its pages (a long one is cut
/// into sections).
fn links_of(page: &Path, scope: &str) -> BTreeSet<PathBuf> {
    let files = document_files(page);
    let mut links = BTreeSet::new();
    for file in &files {
        let html = read_page(file);
        links.extend(
            select(&html, &format!("{scope} a[href]"))
                .into_iter()
                .map(|a| attr(a, "href"))
                .filter(|href| !href.contains("://") && !href.starts_with("mailto:"))
                .map(|href| follow(file, href).0)
                .filter(|target| target.extension().is_some_and(|e| e == "html") && !files.contains(target)),
        );
    }
    links
}

#[test]
fn the_bundled_content_checks_clean_even_when_strict() {
    let run = relais_on_content(&["check", "--strict"]);
    assert_eq!(run.status, 0, "relais check --strict on content/:\n{}", run.stderr);
    assert!(run.stderr.contains("0 errors, 0 warnings"), "{}", run.stderr);
    // What is accepted is listed with its reason, never silently dropped.
    let shown = relais_on_content(&["check", "--show-accepted"]);
    let accepted = shown.stderr.lines().filter(|l| l.contains(": accepted warning: ")).count();
    let reasons = shown.stderr.lines().filter(|l| l.starts_with("  accepted: ")).count();
    assert!(accepted > 0 && accepted == reasons, "{}", shown.stderr);
}

#[test]
fn every_document_is_in_both_languages_and_two_clicks_from_the_home_page() {
    let out = &bundled_site().out;
    assert_eq!(crawl(out), Vec::<String>::new(), "links of the built content that do not resolve");

    let documents = catalogue(out);
    assert!(documents.len() >= 12, "{} documents", documents.len());
    for (key, _, urls) in &documents {
        assert_eq!(urls.keys().collect::<Vec<_>>(), ["en", "fr"], "{key} is not in both languages");
    }
    for lang in ["en", "fr"] {
        let home = out.join(lang).join("index.html");
        let one_click = links_of(&home, "body");
        let two_clicks: BTreeSet<PathBuf> = one_click
            .iter()
            .filter(|p| p.is_file())
            .flat_map(|p| links_of(p, "body"))
            .chain(one_click.clone())
            .collect();
        for (key, _, urls) in &documents {
            assert!(two_clicks.contains(&urls[lang]), "{lang}: {key} is more than two clicks from the home page");
        }
    }
}

#[test]
fn documents_link_to_the_documents_they_work_with() {
    let out = &bundled_site().out;
    let documents = catalogue(out);
    let page = |key: &str, lang: &str| {
        documents.iter().find(|(k, _, _)| k == key).unwrap_or_else(|| panic!("no document {key}")).2[lang].clone()
    };
    let of_kind = |kind: &str| -> Vec<String> {
        documents.iter().filter(|(_, k, _)| k == kind).map(|(key, _, _)| key.clone()).collect()
    };
    let sop = "sops/gender-sensitive-return";
    let checklist = "checklists/gender-centre";
    let strategy = "strategy/national-diaspora-strategy";
    let mut expected: Vec<(String, String)> = vec![(sop.into(), checklist.into()), (checklist.into(), sop.into())];
    for module in of_kind("module") {
        expected.push((sop.into(), module.clone()));
        expected.push((module, sop.into()));
    }
    for report in of_kind("report") {
        expected.push((report, strategy.into()));
    }
    expected.push(("strategy/diaspora-engagement-workplan".into(), strategy.into()));
    expected.push(("briefs/diaspora-reintegration".into(), strategy.into()));
    expected.push(("checklists/gender-centre-assessment-example".into(), checklist.into()));
    for lang in ["en", "fr"] {
        for (from, to) in &expected {
            let links = links_of(&page(from, lang), "main");
            assert!(links.contains(&page(to, lang)), "{lang}: {from} does not link to {to}");
        }
        // And none stands alone: each links to another document in its body.
        for (key, _, urls) in &documents {
            let others: Vec<&PathBuf> =
                documents.iter().filter(|(k, _, _)| k != key).map(|(_, _, u)| &u[lang]).collect();
            let links = links_of(&urls[lang], "main");
            assert!(others.iter().any(|o| links.contains(*o)), "{lang}: {key} links to no other document");
        }
    }
}

#[test]
fn the_strategy_shows_its_three_drafts_and_the_redlines_between_them() {
    let out = &bundled_site().out;
    let strategy = out.join("en/strategy/national-diaspora-strategy");
    let current = read_page(&strategy.join("index.html"));
    let listed: Vec<String> = select(&current, ".doc-versions a").into_iter().map(text).collect();
    assert_eq!(listed, ["0.1", "0.2"]);
    // Draft 0.2 is the text circulated for review, not today's.
    let circulated = read_page(&strategy.join("v/0.2/index.html"));
    let body = text(one(&circulated, ".doc-body"));
    assert!(body.contains("This is draft 0.2") && !body.contains("Foreword"), "{body}");
    let redline = read_page(&strategy.join("changes.html"));
    let summary: Vec<String> = select(&redline, ".redline-summary th").into_iter().map(text).collect();
    assert_eq!(summary.first().map(String::as_str), Some("Foreword"));
    let steps: Vec<String> =
        select(&redline, ".redline-steps a, .redline-steps strong").into_iter().map(text).collect();
    assert_eq!(steps, ["0.1 → 0.2", "0.2 → 0.3", "0.1 → 0.3"]);
    // The language switch of a redline lands on the same step in French.
    let french = select(&redline, "link[hreflang=fr]");
    assert_eq!(french.len(), 1);
    let (target, _) = follow(&strategy.join("changes.html"), attr(french[0], "href"));
    assert_eq!(target, out.join("fr/strategie/strategie-nationale-diaspora/changes.html"));
}

/// Needs of the referral pathways whose limit is counted in hours, read
/// from the routes' `when` ("psychological distress (within 24 hours), out
/// of hours; ..."): the need, and the service it goes to.
fn urgent_routes(front_matter: &serde_yaml::Value) -> Vec<(String, String)> {
    let urgent = ["immediately", "same day", "within 24 hours"];
    let mut found = Vec::new();
    for route in front_matter["routes"].as_sequence().expect("routes") {
        let to = route["to"].as_str().unwrap().to_owned();
        for part in route["when"].as_str().unwrap().split("; ") {
            let Some((need, rest)) = part.split_once(" (") else { continue };
            let limit = rest.split(')').next().unwrap_or("");
            if urgent.iter().any(|u| limit.starts_with(u)) && !need.starts_with("then") {
                found.push((need.trim().to_owned(), to.clone()));
            }
        }
    }
    found
}

#[test]
fn every_need_with_a_limit_in_hours_has_a_service_open_at_any_hour_in_every_region() {
    let folder = site_root().join("content/sops/referral-pathways");
    let page = std::fs::read_to_string(folder.join("index.en.md")).unwrap();
    let yaml = page.split("---\n").nth(1).expect("front matter");
    let front_matter: serde_yaml::Value = serde_yaml::from_str(yaml).unwrap();
    let mut services = BTreeMap::new();
    let mut reader = csv::Reader::from_path(folder.join("services.csv")).unwrap();
    for row in reader.deserialize::<BTreeMap<String, String>>() {
        let row = row.unwrap();
        let any_hour = row["access_en"].starts_with("At any hour");
        services.insert(row["id"].clone(), (row["region"].clone(), any_hour));
    }
    let regions: BTreeSet<&String> = services.values().map(|(region, _)| region).collect();
    let routes = urgent_routes(&front_matter);
    let needs: BTreeSet<&String> = routes.iter().map(|(need, _)| need).collect();
    // The five needs of the SOP with a limit of hours, each in its words.
    assert!(needs.len() >= 5, "needs with a limit in hours: {needs:?}");
    let mut gaps = Vec::new();
    for need in &needs {
        for region in &regions {
            let open = routes
                .iter()
                .any(|(n, to)| n == *need && services.get(to).is_some_and(|(r, any_hour)| r == *region && *any_hour));
            if !open {
                gaps.push(format!("{need} in {region}"));
            }
        }
    }
    assert!(gaps.is_empty(), "needs with a limit in hours and no service open at any hour: {gaps:?}");
}

/// The strategy's 2031 targets need actions that run until 2031, and what
/// concerns remittances needs the finance ministry and the central bank.
#[test]
fn every_axis_of_the_strategy_has_an_action_running_to_the_end_of_its_period() {
    for lang in ["en", "fr"] {
        let page =
            std::fs::read_to_string(site_root().join(format!("content/strategy/national-diaspora-strategy.{lang}.md")))
                .unwrap();
        let yaml = page.split("---\n").nth(1).expect("front matter");
        let front: serde_yaml::Value = serde_yaml::from_str(yaml).unwrap();
        let end = front["period"]["end"].as_i64().unwrap();
        let actions = front["action_plan"].as_sequence().unwrap();
        for axis in front["axes"].as_sequence().unwrap() {
            let id = axis["id"].as_str().unwrap();
            let last =
                actions.iter().filter(|a| a["axis"].as_str() == Some(id)).filter_map(|a| a["end"].as_str()).max();
            assert!(
                last.is_some_and(|e| e.starts_with(&format!("{end}-Q4"))),
                "{lang}: the actions of axis {id} end in {last:?}, before the strategy ends in {end}"
            );
        }
        for action in actions.iter().filter(|a| a["objective"].as_str() == Some("a3.1")) {
            let mut institutions = vec![action["lead"].as_str().unwrap()];
            institutions.extend(action["partners"].as_sequence().unwrap().iter().filter_map(|p| p.as_str()));
            assert!(
                institutions.contains(&"minfi") && institutions.contains(&"beac"),
                "{lang}: remittance action {:?} without MINFI and BEAC: {institutions:?}",
                action["id"]
            );
        }
    }
}

/// A trainer prints one file: the facilitator edition of the module, what it
/// teaches and the forms of the session; the module and SOP pages link it.
#[test]
fn each_module_and_the_procedures_link_a_print_pack_that_holds_what_they_need() {
    let out = &bundled_site().out;
    let documents = catalogue(out);
    let page = |key: &str, lang: &str| documents.iter().find(|(k, _, _)| k == key).unwrap().2[lang].clone();
    for lang in ["en", "fr"] {
        for (from, pack) in [
            ("modules/orientation-caseworkers", "trainer-pack-caseworkers"),
            ("sops/gender-sensitive-return", "ministry-partner-pack"),
        ] {
            let target = out.join(lang).join("print").join(format!("{pack}.html"));
            assert!(links_of(&page(from, lang), "main").contains(&target), "{lang}: {from} does not link {pack}");
        }
        let pack = read_page(&out.join(lang).join("print/trainer-pack-caseworkers.html"));
        // The facilitator edition: the case cards and the talks are there.
        assert!(
            !select(&pack, "[data-edition=facilitator], .admonition-facilitator").is_empty(),
            "{lang}: no facilitator notes"
        );
        let references: Vec<String> = select(&pack, ".form-reference").into_iter().map(text).collect();
        for form in ["RRR-SOP-01-A", "RRR-SOP-01-B", "RRR-OBS", "RRR-ATT", "RRR-EVAL"] {
            assert!(
                references.iter().any(|r| r.contains(form)),
                "{lang}: the trainer's pack lacks form {form}: {references:?}"
            );
        }
    }
}
