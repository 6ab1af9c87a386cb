//! What a reader sees, in a real browser: headless Chromium opens the site
//! from file:// and clicks the language switch. Screenshots of both pages
//! are kept in target/screenshots/ to look at.

use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tungstenite::{Message, WebSocket};

use crate::support::*;

/// A headless Chromium driven through the DevTools protocol.
pub struct Browser {
    child: Child,
    socket: WebSocket<TcpStream>,
    session: String,
    next_id: u64,
    /// Events read while waiting for answers (`Network.*` once enabled).
    events: Vec<Value>,
    _profile: tempfile::TempDir,
}

impl Browser {
    pub fn start() -> Browser {
        let binary = ["chromium", "chromium-browser", "google-chrome"]
            .into_iter()
            .find(|b| Command::new(b).arg("--version").output().is_ok_and(|o| o.status.success()))
            .expect("Chromium is needed for browser tests: apt-get install -y chromium (.ci/run does it)");
        let profile = tempfile::tempdir().unwrap();
        let mut child = Command::new(binary)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
                "--remote-debugging-port=0",
                "--window-size=1200,1500",
                "about:blank",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .unwrap();
        let stderr = BufReader::new(child.stderr.take().unwrap());
        let url = stderr
            .lines()
            .map_while(Result::ok)
            .find_map(|line| line.split("DevTools listening on ").nth(1).map(str::to_owned))
            .expect("Chromium prints its DevTools address");
        let address = url.trim_start_matches("ws://").split('/').next().unwrap().to_owned();
        let stream = TcpStream::connect(&address).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
        let (socket, _) = tungstenite::client(url.as_str(), stream).unwrap();
        let mut browser =
            Browser { child, socket, session: String::new(), next_id: 0, events: Vec::new(), _profile: profile };
        let targets = browser.call(None, "Target.getTargets", json!({}));
        let page = targets["targetInfos"].as_array().unwrap().iter().find(|t| t["type"] == "page").unwrap()["targetId"]
            .clone();
        let attached = browser.call(None, "Target.attachToTarget", json!({ "targetId": page, "flatten": true }));
        browser.session = attached["sessionId"].as_str().unwrap().to_owned();
        browser
    }

    pub fn call(&mut self, session: Option<&str>, method: &str, params: Value) -> Value {
        self.try_call(session, method, params).unwrap_or_else(|error| panic!("{method}: {error}"))
    }

    /// Sends one command and waits for its answer: the result, or the error
    /// the browser gave.
    fn try_call(&mut self, session: Option<&str>, method: &str, params: Value) -> Result<Value, Value> {
        self.next_id += 1;
        let mut message = json!({ "id": self.next_id, "method": method, "params": params });
        if let Some(session) = session {
            message["sessionId"] = json!(session);
        }
        self.socket.send(Message::text(message.to_string())).unwrap();
        loop {
            let reply = self.socket.read().unwrap();
            let Message::Text(text) = reply else { continue };
            let value: Value = serde_json::from_str(text.as_str()).unwrap();
            if value["id"] == json!(self.next_id) {
                return match value.get("error") {
                    Some(error) => Err(error.clone()),
                    None => Ok(value["result"].clone()),
                };
            }
            if value.get("method").is_some() {
                self.events.push(value);
            }
        }
    }

    pub fn page(&mut self, method: &str, params: Value) -> Value {
        let session = self.session.clone();
        self.call(Some(&session), method, params)
    }

    pub fn eval(&mut self, expression: &str) -> Value {
        self.page("Runtime.evaluate", json!({ "expression": expression, "returnByValue": true }))["result"]["value"]
            .clone()
    }

    /// Waits until the page at `url_end` has loaded.
    pub fn wait_for(&mut self, url_end: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            // A click that navigates can close the page under the question
            // ("Inspected target navigated or closed"): ask again.
            let session = self.session.clone();
            let asked = self.try_call(
                Some(&session),
                "Runtime.evaluate",
                json!({ "expression": "location.href + ' ' + document.readyState", "returnByValue": true }),
            );
            let state = asked.map(|r| r["result"]["value"].as_str().unwrap_or_default().to_owned()).unwrap_or_default();
            if state.ends_with(" complete") && state.split(' ').next().unwrap().ends_with(url_end) {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("{url_end} did not load");
    }

    pub fn screenshot(&mut self, name: &str) {
        let shot = self.page("Page.captureScreenshot", json!({ "format": "png" }));
        let bytes = decode_base64(shot["data"].as_str().unwrap());
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(format!("{name}.png")), bytes).unwrap();
    }

    /// Prints the open page to `pdf` as a reader's "Save as PDF" does: the
    /// page's own `@page` size and margins, its backgrounds, no browser header.
    pub fn print_pdf(&mut self, pdf: &std::path::Path) {
        let printed = self.page("Page.printToPDF", json!({ "preferCSSPageSize": true, "printBackground": true }));
        std::fs::write(pdf, decode_base64(printed["data"].as_str().unwrap())).unwrap();
    }
}

/// The CSV file the page downloaded into `dir`, once it is there.
fn downloaded_csv(dir: &std::path::Path) -> String {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let found = std::fs::read_dir(dir)
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.path())
            .find(|p| p.extension().is_some_and(|e| e == "csv"));
        if let Some(path) = found {
            return std::fs::read_to_string(path).unwrap();
        }
        assert!(Instant::now() < deadline, "no CSV was downloaded");
        std::thread::sleep(Duration::from_millis(100));
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub(crate) fn decode_base64(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        _ => 63,
    };
    let clean: Vec<u8> = text.bytes().filter(|c| *c != b'=' && !c.is_ascii_whitespace()).collect();
    let mut out = Vec::with_capacity(clean.len() * 3 / 4);
    for chunk in clean.chunks(4) {
        let n = chunk.iter().enumerate().fold(0u32, |acc, (i, &c)| acc | (u32::from(value(c)) << (18 - 6 * i)));
        out.extend_from_slice(&n.to_be_bytes()[1..chunk.len()]);
    }
    out
}

#[test]
fn from_file_the_language_switch_opens_the_french_page() {
    if skipped_without(&[CHROMIUM]) {
        return;
    }
    let built = build_fixture("site/basic", &[]);
    let mut browser = Browser::start();
    let start = built.out.join("en/guides/first/index.html");
    browser.page("Page.enable", json!({}));
    browser.page("Page.navigate", json!({ "url": format!("file://{}", start.display()) }));
    browser.wait_for("en/guides/first/index.html");
    assert_eq!(browser.eval("document.documentElement.lang"), "en");
    // The stylesheet loaded from file:// (the header is coloured, not default).
    let header = browser.eval("getComputedStyle(document.querySelector('.site-header')).backgroundColor");
    assert_ne!(header, "rgba(0, 0, 0, 0)", "the theme's stylesheet did not load");
    browser.screenshot("page-en");
    browser.eval("document.querySelector('a[data-lang-switch=fr]').click()");
    browser.wait_for("fr/guides-pratiques/premier-guide/index.html");
    assert_eq!(browser.eval("document.documentElement.lang"), "fr");
    assert_eq!(browser.eval("document.querySelector('h1').textContent"), "Premier guide");
    browser.screenshot("page-fr");
}

#[test]
fn from_file_the_header_search_finds_documents_without_accents_and_opens_them() {
    if skipped_without(&[CHROMIUM]) {
        return;
    }
    let built = build_fixture("site/basic", &[]);
    let mut browser = Browser::start();
    let start = built.out.join("fr/guides-pratiques/premier-guide/index.html");
    browser.page("Page.enable", json!({}));
    browser.page("Page.navigate", json!({ "url": format!("file://{}", start.display()) }));
    browser.wait_for("fr/guides-pratiques/premier-guide/index.html");
    // Typed without its accent, in the header of any page.
    browser.eval("document.querySelector('#site-search-q').value = 'deuxieme guide'");
    browser.eval("document.querySelector('form.site-search').requestSubmit()");
    browser.wait_for("fr/search/index.html?q=deuxieme+guide");
    let results =
        browser.eval("[...document.querySelectorAll('#search-results .search-title')].map(a => a.textContent)");
    // The title that holds the words ranks first; the guide that mentions them follows.
    assert_eq!(results, json!(["Deuxième guide", "Premier guide"]));
    let status = browser.eval("document.querySelector('#search-status').textContent");
    assert_eq!(status, "2 documents contiennent ces mots.");
    browser.screenshot("search-fr");
    // As you type, and nothing for a word no document has.
    browser.eval(
        "const q = document.querySelector('#search-q'); q.value = 'introuvable'; q.dispatchEvent(new Event('input'))",
    );
    assert_eq!(browser.eval("document.querySelectorAll('#search-results li').length"), 0);
    browser
        .eval("const r = document.querySelector('#search-q'); r.value = 'champ'; r.dispatchEvent(new Event('input'))");
    let section = browser.eval("document.querySelector('#search-results .search-sections a').getAttribute('href')");
    assert_eq!(section, "../guides-pratiques/premier-guide/index.html#scope");
    browser.eval("document.querySelector('#search-results .search-title').click()");
    browser.wait_for("fr/guides-pratiques/premier-guide/index.html");
}

/// A bilingual site of `count` generated guides per language, each with a
/// title word of its own and 150 words of a vocabulary of 6,000: its search
/// index is too big for one file.
fn site_of_many_guides(count: usize) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    copy_dir(&fixture("site/basic"), &root);
    let syllables = ["ka", "lo", "mi", "tu", "re", "sa", "ne", "po", "di", "fa", "go", "be", "zu", "vi", "ho"];
    let word = |n: usize| -> String {
        let (a, b, c) = (n % 15, (n / 15) % 15, (n / 225) % 15);
        format!("{}{}{}{}", syllables[a], syllables[b], syllables[c], ["n", "r", "s", "l"][n / 3375 % 4])
    };
    let mut state: u64 = 7;
    let mut next = |below: usize| {
        state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) as usize % below
    };
    for i in 0..count {
        let body: Vec<String> = (0..150).map(|_| word(next(6000))).collect();
        for lang in ["en", "fr"] {
            let text = format!(
                "---\ntitle: Guide {i} titleword{i:04}\nsummary: Generated guide {i}.\nkind: page\ndate: 2026-10-14\n---\n## Part one {{#one}}\n\n{}\n\n## Part {marker} {{#two}}\n\n{}\n",
                body[..75].join(" "),
                body[75..].join(" "),
                marker = if i % 100 == 0 { "hundredth" } else { "two" },
            );
            std::fs::write(root.join(format!("content/guides/generated-{i:04}.{lang}.md")), text).unwrap();
        }
    }
    commit_all(&root);
    (dir, root)
}

#[test]
fn from_file_a_big_index_loads_only_the_parts_a_query_needs() {
    if skipped_without(&[CHROMIUM]) {
        return;
    }
    let (_dir, root) = site_of_many_guides(1200);
    let run = relais(&["build", "--root", root.to_str().unwrap()]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let out = root.join("build/site");
    let index = std::fs::read_to_string(out.join("en/search-index.js")).unwrap();
    assert!(!index.contains("\"parts\""), "the index is split");
    let parts_dir = out.join("en/search-index");
    let all_bytes: u64 = std::fs::read_dir(&parts_dir).unwrap().map(|e| e.unwrap().metadata().unwrap().len()).sum();
    assert!(all_bytes > 500_000, "{all_bytes}");

    let mut browser = Browser::start();
    browser.page("Page.enable", json!({}));
    browser.page("Network.enable", json!({}));
    let search = out.join("en/search/index.html");
    // Guides 0, 100, … have `hundredth` in a heading.
    browser.page("Page.navigate", json!({ "url": format!("file://{}?q=hundredth", search.display()) }));
    browser.wait_for("en/search/index.html?q=hundredth");
    let deadline = Instant::now() + Duration::from_secs(20);
    while browser.eval("document.querySelectorAll('#search-results li').length") != json!(12) {
        assert!(Instant::now() < deadline, "no results");
        std::thread::sleep(Duration::from_millis(100));
    }
    let status = browser.eval("document.querySelector('#search-status').textContent");
    assert_eq!(status, "12 documents contain these words.");
    let titles =
        browser.eval("[...document.querySelectorAll('#search-results .search-title')].map(a => a.textContent)");
    // Same score: in the order of their titles.
    let mut expected: Vec<String> = (0..1200).step_by(100).map(|i| format!("Guide {i} titleword{i:04}")).collect();
    expected.sort();
    assert_eq!(titles, json!(expected));
    let section = browser.eval("document.querySelector('#search-results .search-sections a').getAttribute('href')");
    assert_eq!(section, "../guides/generated-0000/index.html#two");

    // What the page loaded of the index, from Chromium's network log.
    let loaded: Vec<String> = browser
        .events
        .iter()
        .filter(|e| e["method"] == "Network.requestWillBeSent")
        .filter_map(|e| e["params"]["request"]["url"].as_str().map(str::to_owned))
        .filter(|url| url.contains("search-index"))
        .collect();
    let names: Vec<&str> = loaded.iter().map(|u| u.rsplit('/').next().unwrap()).collect();
    assert!(names.contains(&"search-index.js") && names.contains(&"w-hu.js"), "{names:?}");
    // The shard of the query's word, and the chunks of the results shown (some share one).
    assert_eq!(names.iter().filter(|n| n.starts_with("w-")).count(), 1, "{names:?}");
    let chunks = names.iter().filter(|n| n.starts_with("d-")).count();
    assert!((2..=12).contains(&chunks), "{names:?}");
    let bytes: u64 = loaded.iter().map(|u| std::fs::metadata(u.trim_start_matches("file://")).unwrap().len()).sum();
    assert!(bytes * 10 < all_bytes, "{bytes} of {all_bytes} bytes loaded");

    // A second query loads its own shard only.
    browser.events.clear();
    browser.eval(
        "const q = document.querySelector('#search-q'); q.value = 'titleword0042'; q.dispatchEvent(new Event('input'))",
    );
    let deadline = Instant::now() + Duration::from_secs(20);
    while browser.eval("document.querySelector('#search-results .search-title')?.textContent")
        != json!("Guide 42 titleword0042")
    {
        assert!(Instant::now() < deadline, "no result for the second query");
        std::thread::sleep(Duration::from_millis(100));
    }
    browser.eval("1");
    let names: Vec<String> = browser
        .events
        .iter()
        .filter(|e| e["method"] == "Network.requestWillBeSent")
        .filter_map(|e| e["params"]["request"]["url"].as_str().map(|u| u.rsplit('/').next().unwrap().to_owned()))
        .collect();
    assert!(names.iter().any(|n| n == "w-ti.js") && !names.iter().any(|n| n == "w-hu.js"), "{names:?}");
    browser.screenshot("search-sharded");
}

#[test]
fn a_served_page_reloads_itself_after_a_change_and_shows_a_broken_build() {
    if skipped_without(&[CHROMIUM]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    copy_dir(&fixture("site/basic"), &root);
    let server = crate::serve::start(&root);
    let mut browser = Browser::start();
    browser.page("Page.enable", json!({}));
    let url = format!("http://127.0.0.1:{}/en/guides/first/index.html", server.port);
    browser.page("Page.navigate", json!({ "url": url }));
    browser.wait_for("en/guides/first/index.html");
    let h1 = |browser: &mut Browser| browser.eval("document.querySelector('h1').textContent");
    assert_eq!(h1(&mut browser), "First guide");
    // Mark this load: a reload forgets it.
    browser.eval("window.loadedBefore = true");
    std::thread::sleep(Duration::from_millis(1200)); // the page has read the first build number
    let file = root.join("content/guides/first.en.md");
    let source = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, source.replace("title: First guide", "title: First guide, revised")).unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    while h1(&mut browser) != "First guide, revised" {
        assert!(Instant::now() < deadline, "the page did not reload");
        std::thread::sleep(Duration::from_millis(200));
    }
    assert_eq!(browser.eval("window.loadedBefore === undefined"), true);
    std::fs::write(&file, format!("{source}\n[broken](nowhere.md)\n")).unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let banner = browser.eval("(document.getElementById('relais-problems') || {}).textContent || ''");
        if banner.as_str().unwrap_or_default().contains("broken link") {
            break;
        }
        assert!(Instant::now() < deadline, "no banner for the broken build");
        std::thread::sleep(Duration::from_millis(200));
    }
    browser.screenshot("serve-problem");
}

#[test]
fn the_checklist_keeps_answers_across_a_reload_scores_them_and_downloads_csv() {
    if skipped_without(&[CHROMIUM]) {
        return;
    }
    let built = build_fixture("kinds/valid", &[]);
    let page = built.out.join("en/checklists/gender-centre/index.html");
    let downloads = tempfile::tempdir().unwrap();
    let mut browser = Browser::start();
    browser.page("Page.enable", json!({}));
    browser.call(
        None,
        "Browser.setDownloadBehavior",
        json!({ "behavior": "allow", "downloadPath": downloads.path().to_str().unwrap(), "eventsEnabled": true }),
    );
    let url = format!("file://{}", page.display());
    browser.page("Page.navigate", json!({ "url": url }));
    browser.wait_for("en/checklists/gender-centre/index.html");
    // Three answers: p1 yes (1), p2 partial (0.5), c1 no (0, critical).
    for (item, value) in [("p1", "yes"), ("p2", "partial"), ("c1", "no")] {
        browser.eval(&format!("document.querySelector('input[name={item}][value={value}]').click()"));
    }
    browser.page("Page.reload", json!({}));
    std::thread::sleep(Duration::from_millis(300));
    browser.wait_for("en/checklists/gender-centre/index.html");
    let kept = browser
        .eval("[...document.querySelectorAll('input[type=radio]:checked')].map(i => i.name + '=' + i.value).join(',')");
    assert_eq!(kept, "p1=yes,p2=partial,c1=no", "answers were not kept across the reload");
    let overall = browser.eval("document.querySelector('output[data-scope=overall]').textContent");
    assert_eq!(overall, "50%");
    let premises = browser.eval("document.querySelector('output[data-scope=area][data-id=premises]').textContent");
    assert_eq!(premises, "75%");
    let gaps = browser.eval("[...document.querySelectorAll('.checklist-gaps li')].map(li => li.textContent).join('|')");
    assert!(gaps.as_str().unwrap().contains("Consent is recorded"), "{gaps}");
    browser.screenshot("checklist-en");
    browser.eval("document.querySelector('.checklist-download').click()");
    let csv = downloaded_csv(downloads.path());
    assert!(csv.starts_with('\u{feff}'), "Excel needs the BOM to read UTF-8");
    let rows: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(rows[0], "Centre,Date,Assessors,Item,Area,Group,Critical,Text,Answer,Note");
    assert!(rows.iter().any(|r| r.starts_with(",,,P2,") && r.ends_with(",Partial,")), "{csv}");
    assert_eq!(rows.len(), 1 + 6, "{csv}");
}

/// What an assessment needs to be filed (centre, date, assessors, a note per
/// item) goes into the CSV, written as French Excel opens it from the French
/// page; before any answer the summary claims no "no critical gap"; on a
/// phone it is one line.
#[test]
fn the_french_checklist_files_an_assessment_as_french_excel_reads_it() {
    if skipped_without(&[CHROMIUM]) {
        return;
    }
    let built = build_fixture("kinds/valid", &[]);
    let page = built.out.join("fr/listes-de-controle/liste-genre-centres/index.html");
    let downloads = tempfile::tempdir().unwrap();
    let mut browser = Browser::start();
    browser.page("Page.enable", json!({}));
    browser.page(
        "Emulation.setDeviceMetricsOverride",
        json!({ "width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": true }),
    );
    browser.call(
        None,
        "Browser.setDownloadBehavior",
        json!({ "behavior": "allow", "downloadPath": downloads.path().to_str().unwrap(), "eventsEnabled": true }),
    );
    browser.page("Page.navigate", json!({ "url": format!("file://{}", page.display()) }));
    browser.wait_for("fr/listes-de-controle/liste-genre-centres/index.html");
    let gaps = browser.eval("document.querySelector('.checklist-gaps').textContent");
    assert_eq!(gaps, "Aucune réponse pour l\u{2019}instant.");
    let height = browser.eval("document.querySelector('.checklist-summary').getBoundingClientRect().height");
    assert!(height.as_f64().unwrap() < 100.0, "the summary covers the phone's screen: {height}px");
    browser.eval(
        "const f = (n, v) => { const i = document.querySelector(`input[name=\"${n}\"]`); i.value = v; i.dispatchEvent(new Event('input', { bubbles: true })); };
         f('filing-centre', 'Centre de Douala'); f('filing-date', '2026-11-20'); f('filing-assessors', 'A. Mballa; B. Ngo');
         f('note-c1', 'Registre absent');
         document.querySelector('input[name=c1][value=partial]').click();",
    );
    let gaps = browser.eval("document.querySelector('.checklist-gaps').textContent");
    assert!(gaps.as_str().unwrap().contains("C1"), "a critical item partly met is a gap: {gaps}");
    browser.eval("document.querySelector('.checklist-summary').open = true");
    browser.eval("document.querySelector('.checklist-download').click()");
    let csv = downloaded_csv(downloads.path());
    assert!(csv.starts_with('\u{feff}'), "Excel needs the BOM to read UTF-8");
    let rows: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(rows[0], "Centre;Date;Évaluateurs;Élément;Domaine;Groupe;Critique;Texte;Réponse;Remarque");
    let c1 = rows.iter().find(|r| r.contains(";C1;")).unwrap_or_else(|| panic!("{csv}"));
    assert!(c1.starts_with("Centre de Douala;2026-11-20;\"A. Mballa; B. Ngo\";C1;"), "{c1}");
    assert!(c1.contains(";oui;") && c1.ends_with(";Partiellement;Registre absent"), "{c1}");
}
