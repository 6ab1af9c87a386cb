//! One headless Chromium, several tabs, over the DevTools protocol.

use super::*;

/// The tabs printing at once.
fn tab_count() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get()).clamp(2, 4)
}

struct Browser {
    child: Child,
    input: ChildStdin,
    messages: Receiver<Value>,
    next_id: u64,
    /// Chromium's last words, for an error message.
    stderr: Arc<Mutex<String>>,
    profile: PathBuf,
}

impl Browser {
    fn start(program: &Path) -> Result<Browser, String> {
        let profile = std::env::temp_dir().join(format!("relais-pdf-{}", std::process::id()));
        // The shell hands the browser our pipes as fds 3 and 4, where
        // `--remote-debugging-pipe` expects them.
        let mut child = Command::new("sh")
            .arg("-c")
            .arg(r#"exec "$@" 3<&0 4>&1 </dev/null >/dev/null"#)
            .arg("sh")
            .arg(program)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-quic",
                "--no-first-run",
                "--remote-debugging-pipe",
            ])
            .arg(format!("--user-data-dir={}", profile.display()))
            .arg("about:blank")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot start Chromium: {e}"))?;
        let (input, output, errors) = match (child.stdin.take(), child.stdout.take(), child.stderr.take()) {
            (Some(i), Some(o), Some(e)) => (i, o, e),
            _ => return Err("cannot talk to Chromium".to_owned()),
        };
        let (send, messages) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(output);
            let mut message = Vec::new();
            while reader.read_until(0, &mut message).is_ok_and(|n| n > 0) {
                if message.last() == Some(&0) {
                    message.pop();
                }
                if let Ok(value) = serde_json::from_slice::<Value>(&message)
                    && send.send(value).is_err()
                {
                    break;
                }
                message.clear();
            }
        });
        let stderr = Arc::new(Mutex::new(String::new()));
        let last = Arc::clone(&stderr);
        std::thread::spawn(move || {
            for line in BufReader::new(errors).lines().map_while(Result::ok) {
                if !line.trim().is_empty()
                    && let Ok(mut last) = last.lock()
                {
                    *last = line;
                }
            }
        });
        Ok(Browser { child, input, messages, next_id: 0, stderr, profile })
    }

    fn send(&mut self, session: Option<&str>, method: &str, params: Value) -> Result<u64, String> {
        self.next_id += 1;
        let mut message = json!({ "id": self.next_id, "method": method, "params": params });
        if let Some(session) = session {
            message["sessionId"] = json!(session);
        }
        let mut bytes = serde_json::to_vec(&message).map_err(|e| e.to_string())?;
        bytes.push(0);
        self.input.write_all(&bytes).map_err(|_| self.stopped())?;
        Ok(self.next_id)
    }

    fn receive(&mut self) -> Result<Value, String> {
        match self.messages.recv_timeout(TIMEOUT) {
            Ok(message) => Ok(message),
            Err(RecvTimeoutError::Timeout) => Err(format!("Chromium did not answer for {} s", TIMEOUT.as_secs())),
            Err(RecvTimeoutError::Disconnected) => Err(self.stopped()),
        }
    }

    /// Sends a command and waits for its answer (events meanwhile are
    /// dropped: used before any page is opened).
    fn call(&mut self, session: Option<&str>, method: &str, params: Value) -> Result<Value, String> {
        let id = self.send(session, method, params)?;
        loop {
            let message = self.receive()?;
            if message["id"] == id {
                return answer(message, method);
            }
        }
    }

    fn stopped(&self) -> String {
        let last = self.stderr.lock().map(|s| s.clone()).unwrap_or_default();
        if last.is_empty() { "Chromium stopped".to_owned() } else { format!("Chromium stopped: {last}") }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.send(None, "Browser.close", json!({}));
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(5) {
            if let Ok(Some(_)) = self.child.try_wait() {
                break;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

/// The result of an answer, or its error as a sentence.
fn answer(message: Value, method: &str) -> Result<Value, String> {
    match message.get("error") {
        Some(error) => Err(format!("{method}: {}", error["message"].as_str().unwrap_or("failed"))),
        None => Ok(message["result"].clone()),
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Stage {
    Idle,
    /// Waiting for the navigation's answer and the load event.
    Loading {
        answered: bool,
        loaded: bool,
    },
    /// Waiting for the fonts.
    Fonts,
    Printing,
}

struct Tab {
    session: String,
    job: usize,
    stage: Stage,
    waiting_for: u64,
}

pub(super) fn print_all(
    program: &Path,
    dir: &Path,
    jobs: &[(String, String)],
    report: &(dyn Fn() + Sync),
) -> Vec<Result<PdfInfo, String>> {
    if jobs.is_empty() {
        return Vec::new();
    }
    let mut results: Vec<Option<Result<PdfInfo, String>>> = vec![None; jobs.len()];
    if let Err(message) = run(program, dir, jobs, report, &mut results) {
        for result in results.iter_mut().filter(|r| r.is_none()) {
            *result = Some(Err(message.clone()));
        }
    }
    results.into_iter().map(|r| r.unwrap_or_else(|| Err("not printed".to_owned()))).collect()
}

fn run(
    program: &Path,
    dir: &Path,
    jobs: &[(String, String)],
    report: &(dyn Fn() + Sync),
    results: &mut [Option<Result<PdfInfo, String>>],
) -> Result<(), String> {
    let mut browser = Browser::start(program)?;
    let mut tabs = Vec::new();
    for _ in 0..tab_count().min(jobs.len()) {
        let target = browser.call(None, "Target.createTarget", json!({ "url": "about:blank" }))?;
        let attached =
            browser.call(None, "Target.attachToTarget", json!({ "targetId": target["targetId"], "flatten": true }))?;
        let session = attached["sessionId"].as_str().unwrap_or_default().to_owned();
        browser.call(Some(&session), "Page.enable", json!({}))?;
        tabs.push(Tab { session, job: 0, stage: Stage::Idle, waiting_for: 0 });
    }
    let mut queue: VecDeque<usize> = (0..jobs.len()).collect();
    loop {
        for tab in tabs.iter_mut().filter(|t| t.stage == Stage::Idle) {
            let Some(job) = queue.pop_front() else { break };
            let url = match std::fs::canonicalize(dir.join(&jobs[job].0)) {
                Ok(path) => format!("file://{}", path.display()),
                Err(e) => {
                    results[job] = Some(Err(format!("{}: {e}", jobs[job].0)));
                    report();
                    continue;
                }
            };
            tab.job = job;
            tab.stage = Stage::Loading { answered: false, loaded: false };
            tab.waiting_for = browser.send(Some(&tab.session), "Page.navigate", json!({ "url": url }))?;
        }
        if tabs.iter().all(|t| t.stage == Stage::Idle) && queue.is_empty() {
            return Ok(());
        }
        let message = browser.receive()?;
        let session = message["sessionId"].as_str().unwrap_or_default();
        let Some(tab) = tabs.iter_mut().find(|t| t.session == session && t.stage != Stage::Idle) else {
            continue;
        };
        let (html, pdf) = &jobs[tab.job];
        let fail = |tab: &mut Tab, results: &mut [Option<Result<PdfInfo, String>>], message: String| {
            results[tab.job] = Some(Err(format!("Chromium could not print {html}: {message}")));
            tab.stage = Stage::Idle;
            report();
        };
        let answered = message["id"].as_u64() == Some(tab.waiting_for) && message.get("id").is_some();
        let loaded = message["method"] == "Page.loadEventFired";
        if !answered && !loaded {
            continue;
        }
        let method = match tab.stage {
            Stage::Loading { .. } => "Page.navigate",
            Stage::Fonts => "Runtime.evaluate",
            _ => "Page.printToPDF",
        };
        let result = if answered { answer(message, method) } else { Ok(Value::Null) };
        let result = match result {
            Ok(result) => result,
            Err(error) => {
                fail(tab, results, error);
                continue;
            }
        };
        match tab.stage {
            Stage::Loading { answered: was_answered, loaded: was_loaded } => {
                if let Some(error) = result["errorText"].as_str() {
                    fail(tab, results, error.to_owned());
                    continue;
                }
                let (now_answered, now_loaded) = (was_answered || answered, was_loaded || loaded);
                tab.stage = Stage::Loading { answered: now_answered, loaded: now_loaded };
                if now_answered && now_loaded {
                    tab.stage = Stage::Fonts;
                    tab.waiting_for = browser.send(
                        Some(&tab.session),
                        "Runtime.evaluate",
                        json!({ "expression": "document.fonts.ready.then(() => true)", "awaitPromise": true }),
                    )?;
                }
            }
            Stage::Fonts if answered => {
                tab.stage = Stage::Printing;
                tab.waiting_for = browser.send(
                    Some(&tab.session),
                    "Page.printToPDF",
                    json!({
                        "printBackground": true,
                        "preferCSSPageSize": true,
                        "displayHeaderFooter": false,
                        "generateTaggedPDF": true,
                        "generateDocumentOutline": true,
                    }),
                )?;
            }
            Stage::Printing if answered => {
                let written = base64(result["data"].as_str().unwrap_or_default())
                    .ok_or_else(|| "the PDF came back garbled".to_owned())
                    .and_then(|bytes| std::fs::write(dir.join(pdf), bytes).map_err(|e| format!("{pdf}: {e}")));
                results[tab.job] = Some(written.and_then(|()| info(dir, pdf)));
                tab.stage = Stage::Idle;
                report();
            }
            _ => {}
        }
    }
}

/// Decodes standard base64 (the protocol's way of sending bytes).
pub(super) fn base64(text: &str) -> Option<Vec<u8>> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let text = text.trim_end_matches('=').as_bytes();
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut bits, mut count) = (0u32, 0);
    for &c in text {
        bits = (bits << 6) | u32::from(value(c)?);
        count += 6;
        if count >= 8 {
            count -= 8;
            out.push((bits >> count) as u8);
        }
    }
    Some(out)
}
