//! `relais serve`: builds the site, serves it on 127.0.0.1, and builds it
//! again whenever a file of the site changes; open pages reload themselves.
//!
//! The site is built into `build/serve/`, not `build/site/`, so that the
//! folder meant for a USB stick never holds a page with the reload script.
//! The script is added to HTML pages as they are sent, never written. It
//! carries the build number the page was sent with and listens to
//! `/__relais/events` (Server-Sent Events), which says the build number and
//! the problems of the last build whenever a build ends: a page reloads when
//! the number changes, and shows the problems in a banner when the last build
//! failed (the previous site stays in place, as with `build`).
//! `/__relais/state` gives the same as JSON, once.
//!
//! The server is hyper on a small tokio runtime: connections are tasks, not
//! threads, so open pages waiting for an event cost no thread, and the
//! number of threads stays fixed whatever the clients do. Each connection
//! has a time limit to send its request's head and a size limit on it.

use std::convert::Infallible;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::{Arc, mpsc};
use std::time::Duration;

use bytes::Bytes;
use http_body_util::combinators::BoxBody;
use http_body_util::{BodyExt, Full, StreamBody};
use hyper::body::{Frame, Incoming};
use hyper::header::{self, HeaderValue};
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use notify::{RecursiveMode, Watcher};
use tokio::sync::{Semaphore, watch};

use crate::diagnostics::Severity;
use crate::pipeline::{BuildOptions, Memo, Report, rebuild as build_again};

/// The build number and the problems of the last build, as JSON.
const STATE_PATH: &str = "/__relais/state";
/// The same, pushed as Server-Sent Events whenever a build ends.
const EVENTS_PATH: &str = "/__relais/events";

/// Connections served at once; more wait to be accepted.
const MAX_CONNECTIONS: usize = 1024;
/// Event streams open at once: the oldest is closed when one more opens
/// (its page reconnects by itself).
const MAX_EVENT_STREAMS: u64 = 64;
/// A request's line and headers; more is refused with 431.
const MAX_HEAD_SIZE: usize = 64 * 1024;
/// Time a client has to send a request's line and headers, also between
/// two requests on one connection: idle or slow connections are closed.
const HEAD_TIMEOUT: Duration = Duration::from_secs(10);
/// An event stream sends a comment this often, so that streams of closed
/// pages are noticed and dropped.
const HEARTBEAT: Duration = Duration::from_secs(15);
/// An editor saves in several steps: a build starts once no file of the
/// site changed for this long.
const SETTLE: Duration = Duration::from_millis(100);
/// Threads that run the connections, and threads that read files for them.
const WORKERS: usize = 2;
const FILE_READERS: usize = 4;

/// Added before `</body>` of every HTML page sent; `BUILD` becomes the build
/// number of the site the page comes from. Pages of hidden tabs close their
/// stream (a browser opens only a few connections to one server) and open
/// it again when shown, reloading if a build ended meanwhile.
const RELOAD_SCRIPT: &str = r#"<script>(function(){var seen=BUILD,es=null;function banner(errors){var b=document.getElementById("relais-problems");if(errors.length){if(!b){b=document.createElement("pre");b.id="relais-problems";b.style.cssText="position:fixed;left:0;right:0;bottom:0;max-height:40vh;overflow:auto;margin:0;padding:1rem;background:#7a1010;color:#fff;font-size:14px;z-index:1000;white-space:pre-wrap";document.body.appendChild(b)}b.textContent=errors.join("\n")}else if(b){b.remove()}}function open(){if(es)return;es=new EventSource("/__relais/events");es.onmessage=function(e){var s=JSON.parse(e.data);if(s.build!==seen){es.close();location.reload();return}banner(s.errors)}}function close(){if(es){es.close();es=null}}document.addEventListener("visibilitychange",function(){if(document.hidden)close();else open()});if(!document.hidden)open()})();</script>"#;

/// Served while the site has never built.
const NOT_BUILT: &str = "<!DOCTYPE html><html lang=\"en\"><meta charset=\"utf-8\"><title>relais serve</title><body><p>The site has not built yet: the problems are listed below and in the terminal. This page reloads when they are fixed.</p></body></html>";

/// What the pages are told when a build ends.
#[derive(Clone, Default, Debug, PartialEq)]
struct State {
    /// Good builds so far.
    build: u64,
    /// The errors that stopped the last build; empty when it was good.
    errors: Vec<String>,
}

impl State {
    fn json(&self) -> String {
        serde_json::json!({ "build": self.build, "errors": self.errors }).to_string()
    }
}

/// What every connection shares.
struct Shared {
    out: PathBuf,
    state: watch::Sender<State>,
    /// Event streams opened so far: a stream closes once
    /// `MAX_EVENT_STREAMS` were opened after it.
    streams: watch::Sender<u64>,
}

pub struct ServeOptions {
    pub root: PathBuf,
    /// 0 picks a free port.
    pub port: u16,
}

type Body = BoxBody<Bytes, Infallible>;

/// Serves until the process is stopped. Returns an error message when the
/// server cannot start.
pub fn serve(options: &ServeOptions) -> Result<(), String> {
    let out = options.root.join("build").join("serve");
    let build_options =
        BuildOptions { out: Some(out.clone()), write: true, ..BuildOptions::check(options.root.clone()) };
    // A busy port is said at once, before a long first build.
    let listener = std::net::TcpListener::bind(("127.0.0.1", options.port))
        .map_err(|err| format!("cannot listen on 127.0.0.1:{}: {err}", options.port))?;
    let address = listener.local_addr().map_err(|err| err.to_string())?;
    listener.set_nonblocking(true).map_err(|err| err.to_string())?;
    let shared = Arc::new(Shared {
        out: out.clone(),
        state: watch::Sender::new(State::default()),
        streams: watch::Sender::new(0),
    });
    let mut memo = Memo::default();
    rebuild(&build_options, &mut memo, None, &shared.state);

    // The site's folder itself is watched (not site.yaml as a file: editors
    // that save by renaming a new file over it would leave that watch
    // behind), and only changes to the site's sources count, never build/.
    let root = options.root.canonicalize().map_err(|err| format!("cannot read {}: {err}", options.root.display()))?;
    let content = root.join(crate::load::CONTENT_DIR);
    let sources = [content.clone(), root.join("themes"), root.join(crate::config::FILE_NAME)];
    // The files that changed, or `None` when the watcher lost track.
    let (changed, changes) = mpsc::channel::<Option<Vec<PathBuf>>>();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        let counts = |p: &PathBuf| {
            sources.iter().any(|source| p.starts_with(source))
                // Hidden files of content/ (an editor's swap file) are never read.
                && !p.strip_prefix(&content).is_ok_and(|p| p.iter().any(|c| c.to_string_lossy().starts_with('.')))
        };
        match event {
            Ok(event) if matches!(event.kind, notify::EventKind::Access(_)) => {}
            Ok(event) => {
                let paths: Vec<PathBuf> = event.paths.into_iter().filter(counts).collect();
                if !paths.is_empty() {
                    let _ = changed.send(Some(paths));
                }
            }
            Err(_) => {
                let _ = changed.send(None);
            }
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
    // Said once the files are watched: an edit from now on is seen.
    eprintln!("serving {} on http://{address}/ (Ctrl+C to stop); pages reload when a file changes", out.display());
    {
        let shared = Arc::clone(&shared);
        std::thread::spawn(move || {
            while let Ok(first) = changes.recv() {
                let mut changed = first;
                while let Ok(more) = changes.recv_timeout(SETTLE) {
                    changed = changed.zip(more).map(|(mut all, more)| {
                        all.extend(more);
                        all
                    });
                }
                rebuild(&build_options, &mut memo, changed.as_deref(), &shared.state);
            }
        });
    }

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(WORKERS)
        .max_blocking_threads(FILE_READERS)
        .thread_name("relais-serve")
        .enable_all()
        .build()
        .map_err(|err| format!("cannot start the server: {err}"))?;
    let result = runtime.block_on(accept(listener, shared));
    drop(watcher);
    result
}

/// Accepts connections for ever, at most `MAX_CONNECTIONS` at once.
async fn accept(listener: std::net::TcpListener, shared: Arc<Shared>) -> Result<(), String> {
    let listener =
        tokio::net::TcpListener::from_std(listener).map_err(|err| format!("cannot start the server: {err}"))?;
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(HEAD_TIMEOUT)
        .max_header_size(MAX_HEAD_SIZE)
        .max_buf_size(MAX_HEAD_SIZE.max(8192) * 2);
    let http = Arc::new(http);
    let slots = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    loop {
        let Ok(slot) = Arc::clone(&slots).acquire_owned().await else { return Ok(()) };
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            // Out of file descriptors, most often: let connections end.
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let (http, shared) = (Arc::clone(&http), Arc::clone(&shared));
        tokio::spawn(async move {
            let service = hyper::service::service_fn(move |request| {
                let shared = Arc::clone(&shared);
                async move { Ok::<_, Infallible>(respond(request, &shared).await) }
            });
            let _ = http.serve_connection(TokioIo::new(stream), service).await;
            drop(slot);
        });
    }
}

/// Builds the site again after `changed` (all of it when not known), and
/// tells the pages how it went. Today is read again: a server left running
/// overnight checks against the new day.
fn rebuild(options: &BuildOptions, memo: &mut Memo, changed: Option<&[PathBuf]>, state: &watch::Sender<State>) {
    let options = BuildOptions { today: crate::date::today(), ..options.clone() };
    if !rebuild_with(state, || build_again(&options, memo, changed)) {
        // What a build that stopped half way kept is not trusted.
        *memo = Memo::default();
    }
}

/// A panic inside the build is caught and reported like a failed build, so
/// that the server keeps serving the last good site and building again on
/// later changes.
fn rebuild_with(state: &watch::Sender<State>, run: impl FnOnce() -> Report) -> bool {
    let report = match catch_unwind(AssertUnwindSafe(run)) {
        Ok(report) => report,
        Err(panic) => {
            let message = panic
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown".to_owned());
            let problem = format!("the build stopped on an internal error: {message}, please report it");
            eprintln!("{problem}");
            eprintln!("the pages show the last good build, with this problem in a banner");
            state.send_modify(|state| state.errors = vec![problem]);
            return false;
        }
    };
    let shown: Vec<_> = report.diagnostics.sorted().into_iter().filter(|d| d.accepted.is_none()).collect();
    for problem in &shown {
        eprintln!("{problem}");
    }
    if report.diagnostics.has_errors() {
        eprintln!("build failed: the pages show the last good build, with the problems in a banner");
        let errors = shown.iter().filter(|d| d.severity == Severity::Error).map(ToString::to_string).collect();
        state.send_modify(|state| state.errors = errors);
        return true;
    }
    let mut number = 0;
    state.send_modify(|state| {
        state.errors.clear();
        state.build += 1;
        number = state.build;
    });
    match report.rewritten {
        Some(files) => {
            eprintln!("build {number}: {:.0} ms, {files} files changed", report.elapsed.as_secs_f64() * 1000.0)
        }
        None => eprintln!("build {number}: {:.2} s", report.elapsed.as_secs_f64()),
    }
    true
}

async fn respond(request: Request<Incoming>, shared: &Arc<Shared>) -> Response<Body> {
    let head = request.method() == Method::HEAD;
    if request.method() != Method::GET && !head {
        let mut response = reply(StatusCode::METHOD_NOT_ALLOWED, "text/plain; charset=utf-8", "only GET and HEAD");
        response.headers_mut().insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return response;
    }
    let path = request.uri().path();
    if path == STATE_PATH {
        let body = shared.state.borrow().json();
        return reply(StatusCode::OK, "application/json", body);
    }
    if path == EVENTS_PATH {
        return events(shared);
    }
    // Read before the file: a build that ends in between gives one reload too many, never one too few.
    let number = shared.state.borrow().build;
    match file_for(&shared.out, path) {
        Some(file) if names_folder_without_slash(&file, path) => {
            // Relative links of the folder's page resolve against the folder.
            let location = match request.uri().query() {
                Some(query) => format!("{path}/?{query}"),
                None => format!("{path}/"),
            };
            let mut response = reply(StatusCode::PERMANENT_REDIRECT, "text/plain; charset=utf-8", "");
            if let Ok(location) = HeaderValue::from_str(&location) {
                response.headers_mut().insert(header::LOCATION, location);
            }
            response
        }
        Some(file) => match tokio::fs::read(&file).await {
            Ok(bytes) => {
                let kind = content_type(&file);
                let body = if kind.starts_with("text/html") { with_reload_script(bytes, number) } else { bytes };
                reply(StatusCode::OK, kind, body)
            }
            // Removed by a build in between.
            Err(_) => not_found(&shared.out, number).await,
        },
        None => not_found(&shared.out, number).await,
    }
}

/// Before the first good build there is no 404 page either: a bare page
/// still carries the script, so it shows the problems and reloads once the
/// site builds.
async fn not_found(out: &Path, number: u64) -> Response<Body> {
    let page = tokio::fs::read(out.join("404.html")).await.unwrap_or_else(|_| NOT_BUILT.as_bytes().to_vec());
    reply(StatusCode::NOT_FOUND, "text/html; charset=utf-8", with_reload_script(page, number))
}

/// An event stream: the state at once, then again whenever a build ends.
/// Streams are tasks, not threads; at most `MAX_EVENT_STREAMS` stay open.
fn events(shared: &Arc<Shared>) -> Response<Body> {
    let mut id = 0;
    shared.streams.send_modify(|opened| {
        *opened += 1;
        id = *opened;
    });
    struct Stream {
        state: watch::Receiver<State>,
        streams: watch::Receiver<u64>,
        id: u64,
        first: bool,
    }
    let stream = Stream { state: shared.state.subscribe(), streams: shared.streams.subscribe(), id, first: true };
    let frames = futures_util::stream::unfold(stream, |mut stream| async move {
        let text = if stream.first {
            stream.first = false;
            format!("retry: 1000\ndata: {}\n\n", stream.state.borrow_and_update().json())
        } else {
            tokio::select! {
                changed = stream.state.changed() => match changed {
                    Ok(()) => format!("data: {}\n\n", stream.state.borrow_and_update().json()),
                    Err(_) => return None,
                },
                () = superseded(&mut stream.streams, stream.id) => return None,
                () = tokio::time::sleep(HEARTBEAT) => ": still here\n\n".to_owned(),
            }
        };
        Some((Ok::<_, Infallible>(Frame::data(Bytes::from(text))), stream))
    });
    let mut response = Response::new(StreamBody::new(frames).boxed());
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/event-stream"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// Ends once `MAX_EVENT_STREAMS` streams were opened after stream `id`.
async fn superseded(streams: &mut watch::Receiver<u64>, id: u64) {
    loop {
        if *streams.borrow_and_update() - id >= MAX_EVENT_STREAMS {
            return;
        }
        if streams.changed().await.is_err() {
            std::future::pending::<()>().await;
        }
    }
}

fn reply(status: StatusCode, kind: &'static str, body: impl Into<Bytes>) -> Response<Body> {
    let mut response = Response::new(Full::new(body.into()).boxed());
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
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

/// Whether `file_for` gave the `index.html` of a folder named without its
/// trailing slash (`/en/sops`): its page's relative links would miss.
fn names_folder_without_slash(file: &Path, url_path: &str) -> bool {
    !url_path.ends_with('/')
        && file.file_name().is_some_and(|name| name == "index.html")
        && !crate::resolve::urls::decode(url_path).ends_with("/index.html")
}

fn with_reload_script(bytes: Vec<u8>, build: u64) -> Vec<u8> {
    let html = String::from_utf8_lossy(&bytes);
    let script = RELOAD_SCRIPT.replacen("BUILD", &build.to_string(), 1);
    match html.rfind("</body>") {
        Some(at) => format!("{}{script}{}", &html[..at], &html[at..]).into_bytes(),
        None => format!("{html}{script}").into_bytes(),
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
        let index = dir.join("en/index.html");
        assert_eq!(file_for(&dir, "/en"), Some(index.clone()));
        assert!(names_folder_without_slash(&index, "/en"));
        assert!(!names_folder_without_slash(&index, "/en/") && !names_folder_without_slash(&index, "/en/index.html"));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn the_reload_script_goes_before_the_end_of_the_body() {
        let page = String::from_utf8(with_reload_script(b"<p>x</p></body></html>".to_vec(), 7)).unwrap();
        assert!(page.starts_with("<p>x</p><script>") && page.ends_with("</script></body></html>"));
        assert!(page.contains("var seen=7,") && page.contains("/__relais/events"));
    }

    #[test]
    fn a_panic_in_the_build_is_reported_and_the_next_build_still_runs() {
        let state = watch::Sender::new(State { build: 3, errors: Vec::new() });
        let mut pages = state.subscribe();
        rebuild_with(&state, || panic!("a bug"));
        assert!(pages.has_changed().unwrap());
        let after = pages.borrow_and_update().clone();
        assert_eq!(after.build, 3, "the last good site stays");
        assert_eq!(after.errors, ["the build stopped on an internal error: a bug, please report it"]);
        rebuild_with(&state, Report::default);
        assert_eq!(*pages.borrow_and_update(), State { build: 4, errors: Vec::new() });
    }
}
