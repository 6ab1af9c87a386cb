//! The shape of the code, as ARCHITECTURE.md draws it: the modules of the
//! crate depend on each other one way only (no import cycle between them),
//! and no file grows past what one reader holds in mind.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const MAX_LINES: usize = 700;

fn source_files() -> Vec<PathBuf> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    walkdir::WalkDir::new(&src)
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .collect()
}

/// The top-level module a file of `src/` belongs to (`src/kinds/cross.rs` -> `kinds`).
fn module_of(path: &Path) -> Option<String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let first = path.strip_prefix(&src).ok()?.components().next()?;
    let name = first.as_os_str().to_str()?.trim_end_matches(".rs").to_owned();
    (!matches!(name.as_str(), "lib" | "main" | "cli")).then_some(name)
}

/// The modules that `text` names through `crate::<module>`, outside its tests.
fn uses(text: &str) -> BTreeSet<String> {
    let code = text.split("#[cfg(test)]").next().unwrap_or_default();
    let mut found = BTreeSet::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // `use crate::{a::X, b};`
            let inner = &group[..group.find('}').unwrap_or(group.len())];
            found.extend(inner.split(',').filter_map(|part| first_name(part.trim())));
        } else if let Some(name) = first_name(rest) {
            found.insert(name);
        }
    }
    found
}

fn first_name(path: &str) -> Option<String> {
    let name: String = path.chars().take_while(|c| c.is_ascii_lowercase() || *c == '_' || c.is_ascii_digit()).collect();
    (!name.is_empty()).then_some(name)
}

/// The import graph between the crate's top-level modules.
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for path in source_files() {
        let Some(module) = module_of(&path) else { continue };
        let text = std::fs::read_to_string(&path).unwrap();
        let targets = graph.entry(module.clone()).or_default();
        targets.extend(uses(&text).into_iter().filter(|m| *m != module));
    }
    graph
}

/// Every cycle, each once, as the path of modules that closes it.
fn cycles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
        found: &mut Vec<Vec<String>>,
    ) {
        if let Some(at) = path.iter().position(|n| n == node) {
            found.push(path[at..].iter().cloned().chain([node.to_owned()]).collect());
            return;
        }
        if done.contains(node) {
            return;
        }
        path.push(node.to_owned());
        for next in graph.get(node).into_iter().flatten() {
            visit(next, graph, path, done, found);
        }
        path.pop();
        done.insert(node.to_owned());
    }
    let mut found = Vec::new();
    let mut done = BTreeSet::new();
    for node in graph.keys() {
        visit(node, graph, &mut Vec::new(), &mut done, &mut found);
    }
    found
}

#[test]
fn the_modules_depend_on_each_other_one_way_only() {
    let graph = graph();
    assert!(graph.contains_key("pipeline") && graph["pipeline"].contains("parse"), "the graph was not read: {graph:?}");
    let found = cycles(&graph);
    let shown: Vec<String> = found.iter().map(|c| c.join(" -> ")).collect();
    assert!(shown.is_empty(), "import cycles between modules:\n{}", shown.join("\n"));
}

#[test]
fn the_cycle_finder_finds_a_cycle() {
    let graph: BTreeMap<String, BTreeSet<String>> = [("a", "b"), ("b", "c"), ("c", "a"), ("d", "a")]
        .into_iter()
        .map(|(from, to)| (from.to_owned(), BTreeSet::from([to.to_owned()])))
        .collect();
    assert_eq!(cycles(&graph), [["a", "b", "c", "a"]]);
    let named = uses("use crate::{date::Date, load};\nfn f() { crate::parse::x(); }\n#[cfg(test)]\nuse crate::kinds;");
    assert_eq!(named, BTreeSet::from(["date", "load", "parse"].map(String::from)));
}

#[test]
fn no_file_of_the_crate_is_over_700_lines() {
    let long: Vec<String> = source_files()
        .into_iter()
        .filter_map(|path| {
            let lines = std::fs::read_to_string(&path).unwrap().lines().count();
            (lines > MAX_LINES).then(|| format!("{} ({lines} lines)", path.display()))
        })
        .collect();
    assert!(long.is_empty(), "files over {MAX_LINES} lines, to split by what they do:\n{}", long.join("\n"));
}

#[test]
fn french_is_told_by_one_function() {
    let spelt: Vec<String> = source_files()
        .into_iter()
        .filter(|path| !path.ends_with("format/mod.rs"))
        .flat_map(|path| {
            let text = std::fs::read_to_string(&path).unwrap();
            let code = text.split("#[cfg(test)]").next().unwrap_or_default().to_owned();
            code.lines()
                .filter(|l| l.contains("== \"fr\"") || l.contains("\"fr\" =="))
                .map(|l| format!("{}: {}", path.display(), l.trim()))
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(spelt.is_empty(), "ask format::is_french instead:\n{}", spelt.join("\n"));
}

/// The kinds' page views read the fields as typed structs (`typed!`):
/// a field renamed is then a compile error, not a blank page. No view
/// looks a value up by a name written as a string.
#[test]
fn no_view_looks_up_a_value_by_field_name() {
    let views: Vec<PathBuf> = source_files()
        .into_iter()
        .filter(|p| p.ends_with("view.rs") && p.to_string_lossy().contains("kinds"))
        .collect();
    assert!(views.len() >= 7, "the views were not found: {views:?}");
    let mut found = Vec::new();
    for path in views {
        let text = std::fs::read_to_string(&path).unwrap();
        let code = text.split("#[cfg(test)]").next().unwrap_or_default();
        for (n, line) in code.lines().enumerate() {
            let by_index = line.match_indices("[\"").any(|(at, _)| {
                let rest = &line[at + 2..];
                let name: String = rest.chars().take_while(|c| c.is_ascii_lowercase() || *c == '_').collect();
                !name.is_empty() && rest[name.len()..].starts_with("\"]")
            });
            let by_get = line.contains(".get(\"") && !line.contains("strings.get(\"");
            if by_index || by_get {
                found.push(format!("{}:{}: {}", path.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(found.is_empty(), "read these fields through a typed struct:\n{}", found.join("\n"));
}
