//! `relais serve`: builds the site, serves it on 127.0.0.1, and builds it
//! again whenever a file of the site changes; open pages reload themselves.
//!
//! The site is built into `build/serve/`, not `build/site/`, so that the
//! folder meant for a USB stick never holds a page with the reload script.
//! The script is added to HTML pages as they are sent, never written. It
//! asks `/__relais/state` every second for the build number and the
//! problems of the last build: a page reloads when the number changes, and
//! shows the problems in a banner when the last build failed (the previous
//! site stays in place, as with `build`).

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::time::Duration;

use notify::{RecursiveMode, Watcher};

use crate::diagnostics::Severity;
use crate::pipeline::{BuildOptions, build};

/// What the pages poll: the build number, and the problems that stopped the last build.
const STATE_PATH: &str = "/__relais/state";

/// Added before `</body>` of every HTML page sent.
const RELOAD_SCRIPT: &str = r#"<script>(function(){var seen=null;function tick(){fetch("/__relais/state",{cache:"no-store"}).then(function(r){return r.json()}).then(function(s){if(seen!==null&&s.build!==seen){location.reload();return}seen=s.build;var b=document.getElementById("relais-problems");if(s.errors.length){if(!b){b=document.createElement("pre");b.id="relais-problems";b.style.cssText="position:fixed;left:0;right:0;bottom:0;max-height:40vh;overflow:auto;margin:0;padding:1rem;background:#7a1010;color:#fff;font-size:14px;z-index:1000;white-space:pre-wrap";document.body.appendChild(b)}b.textContent=s.errors.join("\n")}else if(b){b.remove()}}).catch(function(){}).then(function(){setTimeout(tick,1000)})}tick()})();</script>"#;

/// Served while the site has never built.
const NOT_BUILT: &str = "<!DOCTYPE html><html lang=\"en\"><meta charset=\"utf-8\"><title>relais serve</title><body><p>The site has not built yet: the problems are listed below and in the terminal. This page reloads when they are fixed.</p></body></html>";

/// The state the pages poll.
#[derive(Default)]
struct State {
    build: AtomicU64,
    errors: Mutex<Vec<String>>,
}

pub struct ServeOptions {
    pub root: PathBuf,
    /// 0 picks a free port.
    pub port: u16,
}

/// Serves until the process is stopped. Returns an error message when the
/// server cannot start.
pub fn serve(options: &ServeOptions) -> Result<(), String> {
    let out = options.root.join("build").join("serve");
    let build_options = BuildOptions {
        root: options.root.clone(),
        out: Some(out.clone()),
        base_url: None,
        write: true,
        pdf: None,
        progress: None,
        force: false,
    };
    // A busy port is said at once, before a long first build.
    let listener = TcpListener::bind(("127.0.0.1", options.port))
        .map_err(|err| format!("cannot listen on 127.0.0.1:{}: {err}", options.port))?;
    let address = listener.local_addr().map_err(|err| err.to_string())?;
    let state = Arc::new(State::default());
    rebuild(&build_options, &state);
    eprintln!("serving {} on http://{address}/ (Ctrl+C to stop); pages reload when a file changes", out.display());

    // The site's folder itself is watched (not site.yaml as a file: editors
    // that save by renaming a new file over it would leave that watch
    // behind), and only changes to the site's sources count, never build/.
    let root = options.root.canonicalize().map_err(|err| format!("cannot read {}: {err}", options.root.display()))?;
    let sources = [root.join(crate::load::CONTENT_DIR), root.join("themes"), root.join(crate::config::FILE_NAME)];
    let (changed, changes) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        let counts = |e: &notify::Event| {
            !matches!(e.kind, notify::EventKind::Access(_))
                && e.paths.iter().any(|p| sources.iter().any(|source| p.starts_with(source)))
        };
        if event.is_ok_and(|e| counts(&e)) {
            let _ = changed.send(());
        }
    })
    .map_err(|err| format!("cannot watch the site's files: {err}"))?;
    watcher
        .watch(&root, RecursiveMode::NonRecursive)
        .map_err(|err| format!("cannot watch {}: {err}", root.display()))?;
    for folder in [crate::load::CONTENT_DIR, "themes"] {
        let path = root.join(folder);
        if path.is_dir() {
            watcher
                .watch(&path, RecursiveMode::Recursive)
                .map_err(|err| format!("cannot watch {}: {err}", path.display()))?;
        }
    }
    {
        let state = Arc::clone(&state);
        std::thread::spawn(move || {
            while changes.recv().is_ok() {
                // An editor saves in several steps: wait until they settle.
                while changes.recv_timeout(Duration::from_millis(200)).is_ok() {}
                rebuild(&build_options, &state);
            }
        });
    }

    for stream in listener.incoming().flatten() {
        let out = out.clone();
        let state = Arc::clone(&state);
        std::thread::spawn(move || {
            let _ = respond(stream, &out, &state);
        });
    }
    drop(watcher);
    Ok(())
}

fn rebuild(options: &BuildOptions, state: &State) {
    let report = build(options);
    let shown: Vec<_> = report.diagnostics.sorted().into_iter().filter(|d| d.accepted.is_none()).collect();
    for problem in &shown {
        eprintln!("{problem}");
    }
    if report.diagnostics.has_errors() {
        eprintln!("build failed: the pages show the last good build, with the problems in a banner");
        if let Ok(mut errors) = state.errors.lock() {
            *errors = shown.iter().filter(|d| d.severity == Severity::Error).map(ToString::to_string).collect();
        }
        return;
    }
    if let Ok(mut errors) = state.errors.lock() {
        errors.clear();
    }
    let number = state.build.fetch_add(1, Ordering::SeqCst) + 1;
    eprintln!("build {number}: {:.2} s", report.elapsed.as_secs_f64());
}

fn respond(stream: TcpStream, out: &Path, state: &State) -> std::io::Result<()> {
    // A browser may open a connection it never uses: do not hold a thread for it.
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    // The headers are not needed; read them so the client is not cut off.
    let mut header = String::new();
    while reader.read_line(&mut header)? > 2 {
        header.clear();
    }
    let mut parts = request_line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
    let mut stream = stream;
    if method != "GET" && method != "HEAD" {
        return send(&mut stream, 405, "text/plain; charset=utf-8", b"only GET and HEAD", method == "HEAD");
    }
    let path = target.split(['?', '#']).next().unwrap_or("/");
    if path == STATE_PATH {
        let errors = state.errors.lock().map(|e| e.clone()).unwrap_or_default();
        let body = serde_json::json!({ "build": state.build.load(Ordering::SeqCst), "errors": errors }).to_string();
        return send(&mut stream, 200, "application/json", body.as_bytes(), method == "HEAD");
    }
    match file_for(out, path) {
        Some(file) => {
            let bytes = std::fs::read(&file)?;
            let kind = content_type(&file);
            let body = if kind.starts_with("text/html") { with_reload_script(bytes) } else { bytes };
            send(&mut stream, 200, kind, &body, method == "HEAD")
        }
        None => {
            // Before the first good build there is no 404 page either: a
            // bare page still carries the script, so it shows the problems
            // and reloads once the site builds.
            let page = std::fs::read(out.join("404.html")).unwrap_or_else(|_| NOT_BUILT.as_bytes().to_vec());
            send(&mut stream, 404, "text/html; charset=utf-8", &with_reload_script(page), method == "HEAD")
        }
    }
}

/// The file a URL path names inside `out`: `/` and folders give their
/// `index.html`; nothing outside `out` is ever served.
fn file_for(out: &Path, url_path: &str) -> Option<PathBuf> {
    let decoded = crate::resolve::urls::decode(url_path);
    let mut file = out.to_path_buf();
    for part in decoded.split('/').filter(|p| !p.is_empty()) {
        // `..`, and on Windows a drive (`C:`) or a `\`, would leave `out`.
        if part == ".." || part == "." || part.contains(['\\', ':']) {
            return None;
        }
        file.push(part);
    }
    if file.is_dir() {
        file.push("index.html");
    }
    file.is_file().then_some(file)
}

fn with_reload_script(bytes: Vec<u8>) -> Vec<u8> {
    let html = String::from_utf8_lossy(&bytes);
    match html.rfind("</body>") {
        Some(at) => format!("{}{RELOAD_SCRIPT}{}", &html[..at], &html[at..]).into_bytes(),
        None => format!("{html}{RELOAD_SCRIPT}").into_bytes(),
    }
}

fn content_type(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "gif" => "image/gif",
        "pdf" => "application/pdf",
        "csv" => "text/csv; charset=utf-8",
        "txt" | "md" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

fn send(stream: &mut TcpStream, status: u16, kind: &str, body: &[u8], head: bool) -> std::io::Result<()> {
    let reason = match status {
        200 => "OK",
        404 => "Not Found",
        _ => "Method Not Allowed",
    };
    write!(
        stream,
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    if !head {
        stream.write_all(body)?;
    }
    stream.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_files_inside_the_site_are_served() {
        let dir = std::env::temp_dir().join(format!("relais-serve-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("en")).unwrap();
        std::fs::write(dir.join("en/index.html"), "<body></body>").unwrap();
        assert_eq!(file_for(&dir, "/en/"), Some(dir.join("en/index.html")));
        assert_eq!(file_for(&dir, "/en/index.html?q=x".split('?').next().unwrap()), Some(dir.join("en/index.html")));
        assert_eq!(file_for(&dir, "/../etc/passwd"), None);
        assert_eq!(file_for(&dir, "/en/%2e%2e/%2e%2e/x"), None);
        assert_eq!(file_for(&dir, "/missing.html"), None);
        assert_eq!(file_for(&dir, "/C:/Windows/win.ini"), None);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn the_reload_script_goes_before_the_end_of_the_body() {
        let page = String::from_utf8(with_reload_script(b"<p>x</p></body></html>".to_vec())).unwrap();
        assert!(page.starts_with("<p>x</p><script>") && page.ends_with("</script></body></html>"));
    }
}
