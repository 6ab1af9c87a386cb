//! `relais import FILE --kind <kind> [--as section/slug] [--lang en|fr]`:
//! a Word (`.docx`), OpenDocument (`.odt`) or other generator's Markdown
//! file becomes a relais draft.
//!
//! `.docx` and `.odt` are read by pandoc, run as a process (as `pdf.rs`
//! runs WeasyPrint): it reads every version of both formats, and relais
//! gains no compile time for it. The draft is what `relais new` writes for
//! the kind (its required fields and skeleton of sections), with the
//! imported text placed under the skeleton's headings where the document's
//! own headings match them (by the English and French headings of
//! DOCUMENT-KINDS), its other sections kept in their place, its images in
//! the document's bundle, and a table whose columns are those of a table
//! field of the kind written as that field's CSV file. The other
//! languages get the skeleton, marked as not translated yet. Nothing is
//! cleaned: what copy-paste left (mangled characters, placeholders,
//! addresses) stays for `check` to point out, line by line.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::config::Config;
use crate::new::owner_id;

mod read;
mod tables;

use crate::diagnostics::Diagnostic;
use crate::fold::fold;
use crate::kinds::schema::{self, Ty};
use read::*;
use tables::*;

/// What to import, and where.
#[derive(Debug, Clone)]
pub struct Options {
    /// The site's folder.
    pub root: PathBuf,
    /// The `.docx`, `.odt` or `.md` file.
    pub file: PathBuf,
    pub kind: String,
    /// `section/slug` under `content/`; by default the kind's usual section
    /// and a slug made from the title.
    pub target: Option<String>,
    /// The language of the file; by default guessed from its words.
    pub lang: Option<String>,
}

/// Why nothing was written.
#[derive(Debug)]
pub enum Refusal {
    /// The command was wrong, or a program it needs is missing (exit 2).
    Usage(Diagnostic),
    /// The file could not be read or the draft not written (exit 1).
    Failed(Diagnostic),
}

/// What was written.
#[derive(Debug)]
pub struct Imported {
    /// The document's files and assets, relative to the site's folder.
    pub files: Vec<String>,
    /// The language the text was taken to be in.
    pub lang: String,
    /// Front matter of the other generator that has no relais field.
    pub dropped_fields: Vec<String>,
}

/// The file's metadata and Markdown body, before it is fitted to the kind.
#[derive(Debug, Default)]
struct Source {
    title: Option<String>,
    authors: Vec<String>,
    date: Option<String>,
    summary: Option<String>,
    tags: Vec<String>,
    weight: Option<i64>,
    body: String,
    /// Images and other media: (path in `body`, file on disk).
    media: Vec<(String, PathBuf)>,
    dropped_fields: Vec<String>,
}

pub fn import(options: &Options) -> Result<Imported, Refusal> {
    let usage = |d: Diagnostic| Refusal::Usage(d);
    let shown = options.file.display().to_string();
    if !crate::model::fields::KINDS.contains(&options.kind.as_str()) {
        return Err(usage(
            Diagnostic::error(&options.kind, 0, 0, format!("unknown kind `{}`", options.kind))
                .with_hint(format!("one of: {}", crate::model::fields::KINDS.join(", "))),
        ));
    }
    let config = Config::load(&options.root).map_err(|mut problems| Refusal::Failed(problems.remove(0)))?;
    let extension = options.file.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    // pandoc's output, removed when the import ends.
    let scratch = tempfile::Builder::new().prefix("relais-import-").tempdir().map_err(|e| {
        Refusal::Failed(Diagnostic::error(
            std::env::temp_dir().display().to_string(),
            0,
            0,
            format!("cannot create a folder: {e}"),
        ))
    })?;
    let source = match extension.as_str() {
        "docx" | "odt" => through_pandoc(&options.file, &shown, scratch.path())?,
        "md" | "markdown" => {
            let text = std::fs::read_to_string(&options.file)
                .map_err(|e| Refusal::Failed(Diagnostic::error(&shown, 0, 0, format!("cannot read the file: {e}"))))?;
            from_markdown(&text, &shown)?
        }
        _ => {
            return Err(usage(
                Diagnostic::error(&shown, 0, 0, "relais imports .docx, .odt and .md files")
                    .with_hint("save the document from Word or LibreOffice as .docx or .odt, then import that file"),
            ));
        }
    };
    let mut source = source;
    title_from_first_heading(&mut source);
    let lang = match &options.lang {
        Some(lang) => lang.clone(),
        None => guess_language(&source.body, &config.languages),
    };
    if !config.languages.contains(&lang) {
        return Err(usage(
            Diagnostic::error(&shown, 0, 0, format!("`{lang}` is not a language of this site"))
                .with_hint(format!("--lang one of: {}", config.languages.join(", "))),
        ));
    }
    let stem = options.file.file_stem().and_then(|s| s.to_str()).unwrap_or("document");
    let target = match &options.target {
        Some(target) => target.trim_matches('/').trim_end_matches(".md").to_owned(),
        None => format!("{}/{}", section_of(&options.kind), slug(source.title.as_deref().unwrap_or(stem))),
    };
    let valid = target
        .split('/')
        .all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'));
    if !valid {
        return Err(usage(
            Diagnostic::error(&target, 0, 0, format!("`{target}` is not a section/slug path"))
                .with_hint("e.g. `--as reports/douala-consultation`: lower-case letters, digits and hyphens"),
        ));
    }
    let tables = tables_as_csv(&mut source.body, &options.kind);
    let bundle = !source.media.is_empty() || !tables.is_empty();
    let path_of = |lang: &str| {
        if bundle { format!("content/{target}/index.{lang}.md") } else { format!("content/{target}.{lang}.md") }
    };
    let written_before: Vec<String> = config.languages.iter().map(|l| path_of(l)).collect();
    if let Some(existing) = written_before.iter().find(|p| options.root.join(p).exists()) {
        return Err(usage(
            Diagnostic::error(existing, 0, 0, "this file already exists")
                .with_hint("import under another name with --as section/slug, or edit the file"),
        ));
    }
    // Images get names a reader can tell apart: figure-1.png, figure-2.jpg …
    let mut assets: Vec<(String, PathBuf)> = Vec::new();
    for (n, (written, file)) in source.media.iter().enumerate() {
        let ext = file.extension().and_then(|e| e.to_str()).unwrap_or("bin").to_ascii_lowercase();
        let name = format!("figure-{}.{ext}", n + 1);
        source.body = source.body.replace(&format!("]({written})"), &format!("]({name})"));
        assets.push((name, file.clone()));
    }
    let owner = owner_id(&options.root);
    let mut planned: Vec<(String, String)> = Vec::new();
    let source_file = path_of(&lang);
    for other in &config.languages {
        let skeleton = crate::new::document(&options.kind, other, &owner);
        let text = if *other == lang {
            let headings = skeleton_headings(&options.kind, &config.languages, &owner);
            draft(&skeleton, &source, &tables, &headings)
        } else {
            stub(&skeleton, &source, &tables, &source_file)
        };
        planned.push((path_of(other), text));
    }
    let mut files = Vec::new();
    let failed =
        |path: &str, e: std::io::Error| Refusal::Failed(Diagnostic::error(path, 0, 0, format!("cannot write: {e}")));
    for (path, text) in &planned {
        let full = options.root.join(path);
        if let Some(dir) = full.parent() {
            std::fs::create_dir_all(dir).map_err(|e| failed(path, e))?;
        }
        std::fs::write(&full, text).map_err(|e| failed(path, e))?;
        files.push(path.clone());
    }
    let folder = format!("content/{target}");
    for (name, csv) in tables.iter().map(|t| (&t.file, &t.csv)) {
        let path = format!("{folder}/{name}");
        std::fs::write(options.root.join(&path), csv).map_err(|e| failed(&path, e))?;
        files.push(path);
    }
    for (name, file) in &assets {
        let path = format!("{folder}/{name}");
        std::fs::copy(file, options.root.join(&path)).map_err(|e| failed(&path, e))?;
        files.push(path);
    }
    Ok(Imported { files, lang, dropped_fields: source.dropped_fields })
}

/// English or French, by the most common short words.
fn guess_language(body: &str, languages: &[String]) -> String {
    const EN: &[&str] = &["the", "and", "of", "to", "is", "for", "with", "in", "on", "are"];
    const FR: &[&str] = &["le", "la", "les", "des", "et", "est", "pour", "une", "du", "dans", "au", "sur"];
    let folded = fold(body);
    let words: Vec<&str> = folded.split(|c: char| !c.is_alphanumeric()).collect();
    let count = |list: &[&str]| words.iter().filter(|w| list.contains(w)).count();
    let guess = if count(FR) > count(EN) { "fr" } else { "en" };
    if languages.iter().any(|l| l == guess) { guess.to_owned() } else { languages[0].clone() }
}

/// The section the bundled content keeps documents of a kind in.
fn section_of(kind: &str) -> &'static str {
    match kind {
        "sop" => "sops",
        "brief" => "briefs",
        "module" => "modules",
        "strategy" => "strategy",
        "checklist" => "checklists",
        "report" => "reports",
        _ => "pages",
    }
}

fn slug(title: &str) -> String {
    let folded = fold(title);
    let words: Vec<&str> = folded.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).collect();
    let mut slug = String::new();
    for word in words {
        if slug.len() + word.len() > 60 {
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(word);
    }
    if slug.is_empty() { "document".to_owned() } else { slug }
}

/// The skeleton's sections: id and every language's heading, in order.
fn skeleton_headings(kind: &str, languages: &[String], owner: &str) -> Vec<(String, Vec<String>)> {
    let mut sections: Vec<(String, Vec<String>)> = Vec::new();
    for lang in languages.iter().map(String::as_str).chain(["en", "fr"]) {
        let text = crate::new::document(kind, lang, owner);
        for line in text.lines() {
            if let Some((2, _)) = heading(line)
                && let Some((words, id)) = line[3..].rsplit_once(" {#")
            {
                let id = id.trim_end_matches('}').to_owned();
                match sections.iter_mut().find(|(known, _)| *known == id) {
                    Some((_, names)) => names.push(words.to_owned()),
                    None => sections.push((id, vec![words.to_owned()])),
                }
            }
        }
    }
    sections
}

/// A heading reduced to what is compared: folded, without its numbering
/// (`1.`, `2.3`, `IV.`, `A)`) or a closing colon.
fn heading_key(text: &str) -> String {
    let folded = fold(text);
    let mut rest = folded.trim();
    if let Some((first, after)) = rest.split_once(' ') {
        let numbering = first.trim_end_matches(['.', ')', ':', '-']);
        let roman = !numbering.is_empty() && numbering.chars().all(|c| "ivxlc".contains(c));
        let letter = numbering.len() == 1 && first.len() == 2 && numbering.chars().all(|c| c.is_ascii_lowercase());
        if numbering.chars().all(|c| c.is_ascii_digit() || c == '.') && !numbering.is_empty() || roman || letter {
            rest = after.trim();
        }
    }
    rest.trim_end_matches([':', '.']).trim().to_owned()
}

/// One section of the imported body: its heading line (none before the
/// first heading), and its lines up to the next heading of its level.
struct Part {
    heading: Option<String>,
    text: String,
    matched: Option<String>,
}

/// The imported body cut at its top-level headings, with every heading
/// moved so that the top level is `##` (the title is the page's `#`).
fn parts(body: &str) -> Vec<Part> {
    let mut fence: Option<String> = None;
    let mut headings = Vec::new();
    for (i, line) in body.lines().enumerate() {
        let trimmed = line.trim_start();
        if let Some(open) = &fence {
            if trimmed.starts_with(open.as_str()) {
                fence = None;
            }
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fence = Some(trimmed[..3].to_owned());
            continue;
        }
        if let Some((level, _)) = heading(line) {
            headings.push((i, level));
        }
    }
    let top = headings.iter().map(|(_, level)| *level).min().unwrap_or(2);
    let mut parts = vec![Part { heading: None, text: String::new(), matched: None }];
    for (i, line) in body.lines().enumerate() {
        let level = headings.iter().find(|(at, _)| *at == i).map(|(_, level)| *level);
        match level {
            Some(level) => {
                let shifted = (level + 2).saturating_sub(top).clamp(2, 6);
                let line = format!("{} {}", "#".repeat(shifted), line[level..].trim());
                if level == top {
                    parts.push(Part { heading: Some(line), text: String::new(), matched: None });
                } else if let Some(part) = parts.last_mut() {
                    part.text.push_str(&line);
                    part.text.push('\n');
                }
            }
            None => {
                if let Some(part) = parts.last_mut() {
                    part.text.push_str(line);
                    part.text.push('\n');
                }
            }
        }
    }
    parts
}

/// The draft in the file's language: the skeleton's front matter with the
/// file's properties, and its sections filled with the imported text.
fn draft(skeleton: &str, source: &Source, tables: &[CsvTable], headings: &[(String, Vec<String>)]) -> String {
    let (front, skeleton_body) = skeleton.trim_start_matches("---\n").split_once("\n---\n").unwrap_or(("", ""));
    let front = fitted_front(front, source, tables);
    let mut parts = parts(&source.body);
    for part in parts.iter_mut() {
        let Some(line) = &part.heading else { continue };
        let key = heading_key(heading(line).map_or("", |(_, t)| t));
        // "Findings" is the skeleton's "Key findings", "Recommendations to
        // the ministry" its "Recommendations": one holds the other's words.
        let holds = |long: &str, short: &str| short.len() >= 4 && format!(" {long} ").contains(&format!(" {short} "));
        let found = headings.iter().find(|(_, names)| {
            names.iter().map(|n| heading_key(n)).any(|name| holds(&key, &name) || holds(&name, &key))
        });
        part.matched = found.map(|(id, _)| id.clone());
    }
    // A section of the skeleton takes the first part that matches it.
    let mut used = std::collections::BTreeSet::new();
    for part in parts.iter_mut() {
        if let Some(id) = &part.matched
            && !used.insert(id.clone())
        {
            part.matched = None;
        }
    }
    let mut body = String::new();
    let (preamble, rest): (Vec<&Part>, Vec<&Part>) = {
        let first = parts.iter().position(|p| p.matched.is_some()).unwrap_or(parts.len());
        (parts[..first].iter().collect(), parts[first..].iter().collect())
    };
    for part in preamble {
        push_part(&mut body, part, None);
    }
    // The skeleton's sections in its order; each followed by the
    // imported sections that came after it and match nothing.
    let sections = skeleton_sections(skeleton_body);
    for (id, heading_line, text) in &sections {
        match rest.iter().position(|p| p.matched.as_deref() == Some(id.as_str())) {
            Some(at) => {
                push_part(&mut body, rest[at], Some(id));
                for follower in rest[at + 1..].iter().take_while(|p| p.matched.is_none()) {
                    push_part(&mut body, follower, None);
                }
            }
            None => {
                body.push_str(heading_line);
                body.push_str("\n\n");
                body.push_str(text.trim());
                body.push_str("\n\n");
            }
        }
    }
    if sections.is_empty() {
        for part in rest {
            push_part(&mut body, part, None);
        }
    }
    format!("---\n{front}---\n\n{}\n", body.trim())
}

fn push_part(body: &mut String, part: &Part, id: Option<&str>) {
    if let Some(line) = &part.heading {
        body.push_str(line);
        if let Some(id) = id {
            body.push_str(&format!(" {{#{id}}}"));
        }
        body.push_str("\n\n");
    }
    let text = part.text.trim();
    if !text.is_empty() {
        body.push_str(text);
        body.push_str("\n\n");
    }
}

/// The skeleton's `## Heading {#id}` sections with what they hold.
fn skeleton_sections(body: &str) -> Vec<(String, String, String)> {
    let mut sections: Vec<(String, String, String)> = Vec::new();
    for line in body.lines() {
        if let Some((2, _)) = heading(line)
            && let Some((_, id)) = line.rsplit_once(" {#")
        {
            sections.push((id.trim_end_matches('}').to_owned(), line.to_owned(), String::new()));
        } else if let Some(last) = sections.last_mut() {
            last.2.push_str(line);
            last.2.push('\n');
        }
    }
    sections
}

/// The skeleton's front matter with the file's title, date, authors and
/// summary, and each table field read from its CSV file.
fn fitted_front(front: &str, source: &Source, tables: &[CsvTable]) -> String {
    let quoted = |s: &str| serde_json::Value::String(s.to_owned()).to_string();
    let mut out = String::new();
    let mut skipping = false;
    for line in front.lines() {
        if skipping && (line.starts_with(' ') || line.starts_with('-')) {
            continue;
        }
        skipping = false;
        let name = line.split(':').next().unwrap_or("");
        if let Some(table) = tables.iter().find(|t| t.field == name) {
            out.push_str(&format!("{}: {}\n", table.field, table.file));
            skipping = true;
            continue;
        }
        match name {
            "title" if source.title.is_some() => {
                out.push_str(&format!("title: {}\n", quoted(source.title.as_deref().unwrap_or(""))))
            }
            "summary" if source.summary.is_some() => {
                out.push_str(&format!("summary: {}\n", quoted(source.summary.as_deref().unwrap_or(""))))
            }
            "date" => {
                match &source.date {
                    Some(date) => out.push_str(&format!("date: {date}\n")),
                    None => out.push_str(&format!("{line}\n")),
                }
                let list = |items: &[String]| items.iter().map(|s| quoted(s)).collect::<Vec<_>>().join(", ");
                if !source.authors.is_empty() {
                    out.push_str(&format!("authors: [{}]\n", list(&source.authors)));
                }
                if let Some(weight) = source.weight {
                    out.push_str(&format!("weight: {weight}\n"));
                }
                if !source.tags.is_empty() {
                    out.push_str(&format!("tags: [{}]\n", list(&source.tags)));
                }
            }
            _ => {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    out
}

/// The other language's file: the skeleton, the same tables, and a note
/// that says it is not translated yet (a `TODO`, which `check` reports).
fn stub(skeleton: &str, source: &Source, tables: &[CsvTable], from: &str) -> String {
    let (front, body) = skeleton.trim_start_matches("---\n").split_once("\n---\n").unwrap_or(("", ""));
    // What is the same in every language: the date and the authors.
    let only_tables = Source {
        title: source.title.clone(),
        date: source.date.clone(),
        authors: source.authors.clone(),
        ..Source::default()
    };
    let front = fitted_front(front, &only_tables, tables);
    let from = from.rsplit('/').next().unwrap_or(from);
    format!(
        "---\n# Not translated yet: translate {from} (beside this file), then delete this line and the first TODO.\n{front}---\n\n\
         TODO: translate [the original]({from}).\n{body}"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_match_without_numbering_case_or_accents() {
        assert_eq!(heading_key("2. Constats et ANALYSE :"), "constats et analyse");
        assert_eq!(heading_key("IV) Recommendations"), "recommendations");
        assert_eq!(heading_key("A. Background"), "background");
        assert_eq!(heading_key("2026 in review"), "in review");
    }

    #[test]
    fn another_generators_front_matter_is_mapped() {
        let hugo = "+++\ntitle = \"Send a message\"\ndate = 2024-05-02T10:00:00Z\ntags = [\"a\", \"b\"]\nmenu = \"main\"\n+++\nText";
        let source = from_markdown(hugo, "x.md").unwrap();
        assert_eq!(source.title.as_deref(), Some("Send a message"));
        assert_eq!(source.date.as_deref(), Some("2024-05-02"));
        assert_eq!(source.tags, ["a", "b"]);
        assert_eq!(source.dropped_fields, ["menu"]);
        assert_eq!(source.body, "Text");
        let empty = from_markdown("---\n---\nFirst line\nSecond", "x.md").unwrap();
        assert_eq!(empty.body, "First line\nSecond");
        let mkdocs = "---\ntitle: Guide\nauthor: A. Author\ndescription: Short\n---\n# Guide\n";
        let source = from_markdown(mkdocs, "x.md").unwrap();
        assert_eq!((source.authors, source.summary.as_deref()), (vec!["A. Author".to_owned()], Some("Short")));
    }

    #[test]
    fn a_table_with_a_fields_columns_becomes_its_csv() {
        let mut body = "Before\n\n| Institution | Category | Women | Men | Not recorded |\n|---|---|---|---|---|\n| minas | government | 3 | 4 | 0 |\n\n| A | B |\n|---|---|\n| 1 | 2 |\n".to_owned();
        let tables = tables_as_csv(&mut body, "report");
        assert_eq!(tables.len(), 1);
        assert_eq!(tables[0].field, "attendance");
        assert_eq!(tables[0].csv, "institution,category,women,men,not_recorded\nminas,government,3,4,0\n");
        assert!(!body.contains("Institution") && body.contains("| A | B |"));
    }
}
