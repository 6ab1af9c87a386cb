//! `relais serve`: the site over HTTP on 127.0.0.1, built again when a
//! file changes, with pages that know when to reload.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::*;

pub struct Server {
    child: Child,
    pub port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn start(root: &std::path::Path) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_relais"))
        .args(["serve", "--port", "0", "--root", root.to_str().unwrap()])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let port = loop {
        let line = lines.next().expect("serve printed its address").unwrap();
        if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
            break rest.split('/').next().unwrap().parse().unwrap();
        }
    };
    // Keep reading what it prints, so that it never blocks on a full pipe.
    std::thread::spawn(move || lines.for_each(drop));
    Server { child, port }
}

/// Status and body of a GET.
fn get(port: u16, path: &str) -> (u16, String) {
    let (status, _, body) = request(port, "GET", path);
    (status, body)
}

/// Status, head and body of a request, on a connection of its own.
fn request(port: u16, method: &str, path: &str) -> (u16, String, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    write!(stream, "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let status = response.split_whitespace().nth(1).unwrap().parse().unwrap();
    let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
    (status, head.to_owned(), body.to_owned())
}

fn state(port: u16) -> serde_json::Value {
    serde_json::from_str(&get(port, "/__relais/state").1).unwrap()
}

fn wait_until(what: &str, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while !done() {
        assert!(Instant::now() < deadline, "{what}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn serve_rebuilds_on_change_and_pages_learn_of_it_or_of_the_problem() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    copy_dir(&fixture("site/basic"), &root);
    let server = start(&root);
    let (status, page) = get(server.port, "/fr/guides-pratiques/premier-guide/");
    assert_eq!(status, 200);
    let html = scraper::Html::parse_document(&page);
    assert_eq!(text(one(&html, "h1")), "Premier guide");
    assert!(page.contains("/__relais/events"), "the page has no reload script");
    assert_eq!(state(server.port)["build"], 1);
    assert_eq!(get(server.port, "/missing.html").0, 404);
    assert_eq!(get(server.port, "/../site.yaml").0, 404);
    // The folder meant for USB sticks is left alone.
    assert!(!root.join("build/site").exists());

    let file = root.join("content/guides/first.fr.md");
    let source = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, source.replace("title: Premier guide", "title: Premier guide revu")).unwrap();
    wait_until("no rebuild after a change", || state(server.port)["build"] == 2);
    let page = get(server.port, "/fr/guides-pratiques/premier-guide/index.html").1;
    assert_eq!(text(one(&scraper::Html::parse_document(&page), "h1")), "Premier guide revu");

    // A broken link: the last good site stays, and the pages are told why.
    std::fs::write(&file, format!("{source}\n[broken](nowhere.md)\n")).unwrap();
    wait_until("the problem was not reported", || {
        state(server.port)["errors"].as_array().is_some_and(|e| !e.is_empty())
    });
    let errors = state(server.port)["errors"].to_string();
    assert!(errors.contains("first.fr.md") && errors.contains("broken link"), "{errors}");
    assert_eq!(state(server.port)["build"], 2);
    assert_eq!(get(server.port, "/fr/guides-pratiques/premier-guide/").0, 200);

    // Fixed; then site.yaml saved as editors often do, a new file renamed over it.
    std::fs::write(&file, &source).unwrap();
    wait_until("no rebuild after the fix", || state(server.port)["build"] == 3);
    let settings = root.join("site.yaml");
    let text = std::fs::read_to_string(&settings).unwrap();
    std::fs::write(root.join("site.yaml.new"), text.replace("Test hub", "Renamed hub")).unwrap();
    std::fs::rename(root.join("site.yaml.new"), &settings).unwrap();
    wait_until("no rebuild after site.yaml was replaced", || state(server.port)["build"] == 4);
    assert!(get(server.port, "/en/index.html").1.contains("Renamed hub"));
}

#[test]
fn a_site_that_never_built_is_served_a_page_that_waits_for_the_fix() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    copy_dir(&fixture("site/basic"), &root);
    let file = root.join("content/guides/first.en.md");
    let source = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, format!("{source}\n[broken](nowhere.md)\n")).unwrap();
    let server = start(&root);
    let (status, page) = get(server.port, "/en/guides/first/index.html");
    assert_eq!(status, 404);
    assert!(page.contains("has not built yet") && page.contains("/__relais/events"), "{page}");
    assert_eq!(state(server.port)["build"], 0);
    assert!(state(server.port)["errors"].to_string().contains("broken link"));
    std::fs::write(&file, source).unwrap();
    wait_until("no build after the fix", || state(server.port)["build"] == 1);
    assert_eq!(get(server.port, "/en/guides/first/index.html").0, 200);
}

#[test]
fn a_folder_without_its_slash_is_redirected_and_only_get_and_head_are_served() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    copy_dir(&fixture("site/basic"), &root);
    let server = start(&root);
    let (status, head, _) = request(server.port, "GET", "/en/guides/first?from=search");
    assert!(matches!(status, 301 | 308), "{head}");
    let location = head.lines().find_map(|l| l.strip_prefix("location: ").or_else(|| l.strip_prefix("Location: ")));
    assert_eq!(location, Some("/en/guides/first/?from=search"), "{head}");
    assert_eq!(get(server.port, "/en/guides/first/").0, 200);
    // A file is not a folder.
    assert_eq!(get(server.port, "/en/guides/first/index.html").0, 200);
    let (status, head, body) = request(server.port, "HEAD", "/en/guides/first/");
    assert_eq!((status, body.as_str()), (200, ""));
    assert!(head.to_ascii_lowercase().contains("cache-control: no-store"), "{head}");
    assert_eq!(request(server.port, "POST", "/en/guides/first/").0, 405);
}

#[test]
fn a_huge_request_head_is_refused_and_the_server_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    copy_dir(&fixture("site/basic"), &root);
    let server = start(&root);
    let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    let huge = format!("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: {}\r\n\r\n", "a".repeat(1 << 20));
    // The server may close before it has all of it.
    let _ = stream.write_all(huge.as_bytes());
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    let response = String::from_utf8_lossy(&response);
    assert!(response.is_empty() || response.starts_with("HTTP/1.1 431"), "{response}");
    assert_eq!(get(server.port, "/en/index.html").0, 200);
}

#[test]
fn idle_connections_do_not_keep_others_waiting() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    copy_dir(&fixture("site/basic"), &root);
    let server = start(&root);
    let idle: Vec<_> = (0..200).map(|_| TcpStream::connect(("127.0.0.1", server.port)).unwrap()).collect();
    let started = Instant::now();
    assert_eq!(get(server.port, "/en/index.html").0, 200);
    assert!(started.elapsed() < Duration::from_secs(2), "answered in {:?}", started.elapsed());
    drop(idle);
}

#[test]
fn an_event_stream_tells_of_each_build() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    copy_dir(&fixture("site/basic"), &root);
    let server = start(&root);
    let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    write!(stream, "GET /__relais/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").unwrap();
    let mut lines = BufReader::new(stream).lines().map(Result::unwrap);
    let head: Vec<_> = lines.by_ref().take_while(|l| !l.is_empty()).collect();
    assert!(head[0].starts_with("HTTP/1.1 200"), "{head:?}");
    assert!(head.iter().any(|l| l.eq_ignore_ascii_case("content-type: text/event-stream")), "{head:?}");
    let mut event = || -> serde_json::Value {
        let data = lines.by_ref().find_map(|l| l.strip_prefix("data: ").map(str::to_owned)).expect("an event");
        serde_json::from_str(&data).unwrap()
    };
    assert_eq!(event()["build"], 1);
    let file = root.join("content/guides/first.en.md");
    let source = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, source.replace("title: First guide", "title: First guide, revised")).unwrap();
    let pushed = event();
    assert_eq!(pushed["build"], 2, "{pushed}");
    assert_eq!(pushed["errors"].as_array().map(Vec::len), Some(0));
    std::fs::write(&file, format!("{source}\n[broken](nowhere.md)\n")).unwrap();
    let pushed = event();
    assert_eq!(pushed["build"], 2);
    assert!(pushed["errors"].to_string().contains("broken link"), "{pushed}");
}
