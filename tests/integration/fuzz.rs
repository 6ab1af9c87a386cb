//! Bad input never panics and never hangs: it gets a diagnostic.
//!
//! Real documents and CSV files of `tests/fixtures/kinds/valid` are mutated
//! (bytes, lines, YAML/Markdown/CSV syntax, odd characters at any place,
//! huge numbers, deep nesting, very long lines) and the small site around
//! them goes through every stage of `relais check`
//! ([`relais::fuzzing::check_site`]). A case fails when a stage panics or
//! when it takes longer than the time bound; the failing site is saved under
//! the target folder to be checked again with `relais check --root`.
//!
//! `cargo test` runs 64 cases. To run longer, in release mode:
//!
//! ```text
//! PROPTEST_CASES=100000 cargo test --release --test integration fuzz -- --nocapture
//! ```
//!
//! `RELAIS_FUZZ_SEED=<n>` picks another random sequence (each run prints its
//! own), `RELAIS_FUZZ_TIMEOUT=<seconds>` the time bound of a case.

use std::cell::Cell;
use std::collections::BTreeMap;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use proptest::prelude::*;
use proptest::sample::Index;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestError, TestRng, TestRunner};

use crate::support::fixture;

/// The sections of the fixture used as seeds, and the files of each that
/// are mutated (besides the home pages and the glossary, shared by all).
const SEEDS: &[(&str, &[&str])] = &[
    ("modules", &["modules/referral-orientation/index.en.md", "modules/referral-orientation/index.fr.md"]),
    ("sops", &["sops/procedures/index.en.md", "sops/procedures/index.fr.md", "sops/procedures/services.csv"]),
    (
        "reports",
        &[
            "reports/validation-workshop/index.en.md",
            "reports/validation-workshop/index.fr.md",
            "reports/validation-workshop/attendance.csv",
            "reports/validation-workshop/room.jpg",
            "reports/desk-review.en.md",
        ],
    ),
    (
        "strategy",
        &[
            "strategy/national-strategy/index.en.md",
            "strategy/national-strategy/index.fr.md",
            "strategy/national-strategy/action-plan.csv",
            "strategy/national-strategy/comments.csv",
            "strategy/national-strategy/diaspora.csv",
            "strategy/annual-workplan.fr.md",
        ],
    ),
    (
        "checklists",
        &[
            "checklists/gender-centre.en.md",
            "checklists/gender-centre-assessment.en.md",
            "checklists/gender-centre-assessment.fr.md",
        ],
    ),
    ("briefs", &["briefs/referral-services.en.md", "briefs/referral-services.fr.md"]),
];

/// Mutated in every seed.
const SHARED: &[&str] = &["_index.en.md", "_data/glossary.yaml"];

/// What YAML, Markdown, CSV, the containers and the text checks give a
/// meaning to, and characters that are more than one byte.
const TOKENS: &[&str] = &[
    ":",
    ": ",
    "---",
    "\n---\n",
    ":::",
    "::: note\n",
    ":::\n",
    "{#",
    "{#x}",
    "\"",
    "'",
    "\t",
    "\r",
    "\r\n",
    "\0",
    "\u{FEFF}",
    "É",
    "é",
    "ẞ",
    "İ",
    "ﬀ",
    "🙂",
    "\u{301}",
    "\u{FFFD}",
    "Ã©",
    "99999999999999999999999999",
    "18446744073709551616",
    "-1",
    "-0",
    "1e309",
    "NaN",
    "0x",
    "2026-02-30",
    "9999-12-31",
    "&a ",
    "*a",
    "&anchor [1, 2]",
    "<<: *anchor",
    "!!binary",
    "? ",
    "- ",
    "[",
    "]",
    "{",
    "}",
    ",",
    "\"\"",
    ",,,,",
    "|",
    "| a | b |\n|---|---|\n",
    "#",
    "# ",
    "[@",
    "[@x]",
    "[^1]",
    "[^1]: ",
    "[x](",
    "[x](../../../x.md)",
    "](#)",
    "<!--",
    "-->",
    "```",
    "~~~",
    "> [!NOTE]",
    "> [!",
    "<div>",
    "%",
    "%2",
    "%E9",
    "..",
    "/",
    "\\",
    "<",
    "&",
    "*",
    "_",
    "`",
    "!",
    "(",
    ")",
    "12:",
    "123 456,78",
    "x@y.z",
    "TODO",
    "lorem ipsum",
];

/// What opens one more level, repeated for deep nesting.
const NESTING: &[&str] =
    &["> ", "  ", "- ", "1. ", "[", "{a: ", "::: note\n", "*", "_", "(", "<div>", "[x](", "- a:\n  ", "#"];

#[derive(Debug, Clone)]
enum Mutation {
    DeleteLine(Index),
    DuplicateLine(Index),
    SwapLines(Index, Index),
    /// A token on a line of its own.
    InsertLine(Index, &'static str),
    /// A token at a character of the text.
    Insert(Index, &'static str),
    /// A token in place of a character.
    Replace(Index, &'static str),
    /// Any byte at any place: the text need not stay UTF-8.
    InsertByte(Index, u8),
    ReplaceByte(Index, u8),
    DeleteBytes(Index, usize),
    Truncate(Index),
    /// A very long line, or a very long value.
    Repeat(Index, &'static str, usize),
    /// The opening of a level, many times over.
    Nest(Index, &'static str, usize),
}

#[derive(Debug, Clone)]
struct Case {
    seed: usize,
    file: Index,
    mutations: Vec<Mutation>,
}

fn token() -> impl Strategy<Value = &'static str> {
    proptest::sample::select(TOKENS)
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let count = prop_oneof![4 => 1usize..20, 2 => 20usize..2_000, 1 => 2_000usize..60_000];
    let depth = prop_oneof![3 => 1usize..50, 1 => 50usize..2_000];
    prop_oneof![
        3 => any::<Index>().prop_map(Mutation::DeleteLine),
        2 => any::<Index>().prop_map(Mutation::DuplicateLine),
        2 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        4 => (any::<Index>(), token()).prop_map(|(at, t)| Mutation::InsertLine(at, t)),
        6 => (any::<Index>(), token()).prop_map(|(at, t)| Mutation::Insert(at, t)),
        3 => (any::<Index>(), token()).prop_map(|(at, t)| Mutation::Replace(at, t)),
        1 => (any::<Index>(), any::<u8>()).prop_map(|(at, b)| Mutation::InsertByte(at, b)),
        1 => (any::<Index>(), any::<u8>()).prop_map(|(at, b)| Mutation::ReplaceByte(at, b)),
        2 => (any::<Index>(), 1usize..200).prop_map(|(at, n)| Mutation::DeleteBytes(at, n)),
        1 => any::<Index>().prop_map(Mutation::Truncate),
        1 => (any::<Index>(), token(), count).prop_map(|(at, t, n)| Mutation::Repeat(at, t, n)),
        1 => (any::<Index>(), proptest::sample::select(NESTING), depth).prop_map(|(at, t, n)| Mutation::Nest(at, t, n)),
    ]
}

fn case() -> impl Strategy<Value = Case> {
    (0..SEEDS.len(), any::<Index>(), proptest::collection::vec(mutation(), 1..8))
        .prop_map(|(seed, file, mutations)| Case { seed, file, mutations })
}

/// Byte offsets where lines start (and the end).
fn line_starts(bytes: &[u8]) -> Vec<usize> {
    let mut starts = vec![0];
    starts.extend(bytes.iter().enumerate().filter(|(_, b)| **b == b'\n').map(|(i, _)| i + 1));
    if *starts.last().unwrap() != bytes.len() {
        starts.push(bytes.len());
    }
    starts
}

/// The start of the character at or before `at`, when the bytes are UTF-8
/// there (a token goes between characters; a raw byte may go anywhere).
fn char_start(bytes: &[u8], mut at: usize) -> usize {
    while at > 0 && at < bytes.len() && (bytes[at] & 0xC0) == 0x80 {
        at -= 1;
    }
    at
}

fn apply(bytes: &mut Vec<u8>, mutation: &Mutation) {
    let len = bytes.len();
    let point = |at: &Index| char_start(bytes, at.index(len + 1));
    let lines = line_starts(bytes);
    // The byte range of a line, with its `\n`.
    let line = |at: &Index| {
        let i = at.index(lines.len().max(2) - 1);
        (lines[i], lines.get(i + 1).copied().unwrap_or(len))
    };
    match mutation {
        Mutation::DeleteLine(at) => {
            let (s, e) = line(at);
            bytes.drain(s..e);
        }
        Mutation::DuplicateLine(at) => {
            let (s, e) = line(at);
            let copy = bytes[s..e].to_vec();
            bytes.splice(s..s, copy);
        }
        Mutation::SwapLines(a, b) => {
            let (a, b) = (line(a), line(b));
            let (first, second) = if a.0 <= b.0 { (a, b) } else { (b, a) };
            if first.1 <= second.0 {
                let one = bytes[first.0..first.1].to_vec();
                let two = bytes[second.0..second.1].to_vec();
                bytes.splice(second.0..second.1, one);
                bytes.splice(first.0..first.1, two);
            }
        }
        Mutation::InsertLine(at, token) => {
            let (s, _) = line(at);
            bytes.splice(s..s, format!("{token}\n").into_bytes());
        }
        Mutation::Insert(at, token) => {
            let p = point(at);
            bytes.splice(p..p, token.bytes());
        }
        Mutation::Replace(at, token) => {
            let p = point(at);
            let end = (p + 1..=len).find(|&e| e == len || (bytes[e] & 0xC0) != 0x80).unwrap_or(len);
            bytes.splice(p..end, token.bytes());
        }
        Mutation::InsertByte(at, b) => {
            let p = at.index(len + 1);
            bytes.insert(p, *b);
        }
        Mutation::ReplaceByte(at, b) => {
            if len > 0 {
                let p = at.index(len);
                bytes[p] = *b;
            }
        }
        Mutation::DeleteBytes(at, n) => {
            let p = at.index(len + 1);
            bytes.drain(p..(p + n).min(len));
        }
        Mutation::Truncate(at) => bytes.truncate(point(at)),
        Mutation::Repeat(at, token, n) => {
            let p = point(at);
            bytes.splice(p..p, token.repeat(*n).into_bytes());
        }
        Mutation::Nest(at, token, n) => {
            let (s, _) = line(at);
            bytes.splice(s..s, format!("{}x\n", token.repeat(*n)).into_bytes());
        }
    }
}

/// Every file of the fixture, by path inside the site.
fn fixture_files() -> &'static BTreeMap<String, Vec<u8>> {
    static FILES: OnceLock<BTreeMap<String, Vec<u8>>> = OnceLock::new();
    FILES.get_or_init(|| {
        let root = fixture("kinds/valid");
        let mut files = BTreeMap::new();
        collect(&root, &root, &mut files);
        files
    })
}

fn collect(root: &Path, dir: &Path, files: &mut BTreeMap<String, Vec<u8>>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect(root, &path, files);
        } else {
            let name = path.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
            files.insert(name, std::fs::read(&path).unwrap());
        }
    }
}

/// The site of a case: the seed's section, the home pages, the glossary and
/// site.yaml; one file mutated. Returns the files and the mutated one.
fn site_of(case: &Case) -> (Vec<(String, Vec<u8>)>, String) {
    let (section, mutable) = SEEDS[case.seed];
    let targets: Vec<&str> = mutable.iter().chain(SHARED).copied().collect();
    let target = format!("content/{}", case.file.get(&targets));
    let prefix = format!("content/{section}/");
    let mut files: Vec<(String, Vec<u8>)> = fixture_files()
        .iter()
        .filter(|(path, _)| {
            path.starts_with(&prefix)
                || !path.starts_with("content/")
                || !path[8..].contains('/')
                || path.starts_with("content/_data/")
        })
        .map(|(path, bytes)| (path.clone(), bytes.clone()))
        .collect();
    let file = files.iter_mut().find(|(path, _)| *path == target).expect("a mutated file is in the fixture");
    for mutation in &case.mutations {
        apply(&mut file.1, mutation);
    }
    (files, target)
}

fn timeout() -> Duration {
    let default = if cfg!(debug_assertions) { 30 } else { 5 };
    Duration::from_secs(std::env::var("RELAIS_FUZZ_TIMEOUT").ok().and_then(|v| v.parse().ok()).unwrap_or(default))
}

/// Saves a failing site where `relais check --root` can be run on it.
fn save(files: &[(String, Vec<u8>)]) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("fuzz-failure-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    for (path, bytes) in files {
        let target = dir.join(path);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(target, bytes).unwrap();
    }
    dir
}

/// The mutated file as text, cut to what a message can show.
fn shown(bytes: &[u8]) -> String {
    let text = format!("{:?}", String::from_utf8_lossy(bytes));
    if text.chars().count() > 3_000 { format!("{}…", text.chars().take(3_000).collect::<String>()) } else { text }
}

/// One case: no panic, and done within the time bound.
fn check(case: &Case, slowest: &Cell<Duration>) -> Result<(), TestCaseError> {
    let (files, target) = site_of(case);
    let (send, receive) = mpsc::channel();
    let owned = files.clone();
    let started = Instant::now();
    std::thread::spawn(move || {
        let borrowed: Vec<(&str, &[u8])> = owned.iter().map(|(p, b)| (p.as_str(), b.as_slice())).collect();
        let outcome = std::panic::catch_unwind(AssertUnwindSafe(|| relais::fuzzing::check_site(&borrowed)));
        let _ = send.send(outcome.map(|found| found.len()).map_err(|payload| {
            payload
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_default()
        }));
    });
    let bound = timeout();
    let mutated = &files.iter().find(|(p, _)| *p == target).unwrap().1;
    match receive.recv_timeout(bound) {
        Ok(Ok(_)) => {
            slowest.set(slowest.get().max(started.elapsed()));
            Ok(())
        }
        Ok(Err(message)) => Err(TestCaseError::fail(format!(
            "panicked: {message}\nmutated file: {target}\nsite saved in {}\n{}",
            save(&files).display(),
            shown(mutated)
        ))),
        // The thread is left running: the test fails anyway.
        Err(_) => Err(TestCaseError::fail(format!(
            "took more than {bound:?}\nmutated file: {target}\nsite saved in {}\n{}",
            save(&files).display(),
            shown(mutated)
        ))),
    }
}

#[test]
fn mutated_documents_and_tables_never_panic_nor_hang() {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(64);
    let seed: u64 = std::env::var("RELAIS_FUZZ_SEED").ok().and_then(|v| v.parse().ok()).unwrap_or_else(|| {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos() as u64)
    });
    let config = Config { cases, failure_persistence: None, max_shrink_iters: 2_000, ..Config::default() };
    let mut bytes = [0u8; 32];
    bytes[..8].copy_from_slice(&seed.to_le_bytes());
    let mut runner = TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &bytes));
    let started = Instant::now();
    let slowest = Cell::new(Duration::ZERO);
    let result = runner.run(&case(), |case| check(&case, &slowest));
    eprintln!(
        "fuzz: {cases} cases in {:.1} s (RELAIS_FUZZ_SEED={seed}), slowest {} ms",
        started.elapsed().as_secs_f64(),
        slowest.get().as_millis()
    );
    match result {
        Ok(()) => {}
        Err(TestError::Fail(reason, case)) => {
            panic!("RELAIS_FUZZ_SEED={seed}: {reason}\nsmallest case found: {case:#?}")
        }
        Err(TestError::Abort(reason)) => panic!("RELAIS_FUZZ_SEED={seed}: {reason}"),
    }
}

#[test]
fn the_mutations_stay_inside_the_text() {
    let mut runner = TestRunner::deterministic();
    for _ in 0..2_000 {
        let mutation = mutation().new_tree(&mut runner).unwrap().current();
        for text in ["", "a", "É\n", "---\ntitle: É\n---\n\nx\n"] {
            let mut bytes = text.as_bytes().to_vec();
            apply(&mut bytes, &mutation);
        }
    }
}

/// The site of a seed with one file replaced, checked as a case is.
fn check_replaced(seed: usize, path: &str, bytes: &[u8]) -> Vec<relais::diagnostics::Diagnostic> {
    let file = any::<Index>().new_tree(&mut TestRunner::deterministic()).unwrap().current();
    let case = Case { seed, file, mutations: Vec::new() };
    let (mut files, _) = site_of(&case);
    let file = files.iter_mut().find(|(p, _)| p == path).expect("the file is in the seed");
    file.1 = bytes.to_vec();
    let borrowed: Vec<(&str, &[u8])> = files.iter().map(|(p, b)| (p.as_str(), b.as_slice())).collect();
    relais::fuzzing::check_site(&borrowed)
}

#[test]
fn attendance_counts_too_large_to_add_are_checked_without_panic() {
    // Found by the harness: a count of 1e27 reached the chart as the largest
    // u64, and two counts of 1e19 overflowed the report's totals.
    let csv = "institution,category,women,men,not_recorded,total,day,online\n\
               minrex,line-ministries,999999999999999999999999993,4,0,7,1,false\n\
               minas,line-ministries,10000000000000000000,1,0,3,1,false\n\
               minas,line-ministries,10000000000000000000,1,0,3,2,false\n";
    let found = check_replaced(2, "content/reports/validation-workshop/attendance.csv", csv.as_bytes());
    assert!(found.iter().any(|d| d.file.ends_with("attendance.csv")), "{found:#?}");
}
