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
use crate::diagnostics::Diagnostic;
use crate::fold::fold;
use crate::kinds::schema::{self, Ty};

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
    if !crate::parse::fields::KINDS.contains(&options.kind.as_str()) {
        return Err(usage(
            Diagnostic::error(&options.kind, 0, 0, format!("unknown kind `{}`", options.kind))
                .with_hint(format!("one of: {}", crate::parse::fields::KINDS.join(", "))),
        ));
    }
    let config = Config::load(&options.root).map_err(|mut problems| Refusal::Failed(problems.remove(0)))?;
    let extension = options.file.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    let scratch = Scratch::new()?;
    let source = match extension.as_str() {
        "docx" | "odt" => through_pandoc(&options.file, &shown, &scratch.0)?,
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

/// A folder for pandoc's output, removed when the import ends.
struct Scratch(PathBuf);

impl Scratch {
    fn new() -> Result<Scratch, Refusal> {
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
        let dir = std::env::temp_dir().join(format!("relais-import-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&dir).map_err(|e| {
            Refusal::Failed(Diagnostic::error(dir.display().to_string(), 0, 0, format!("cannot create: {e}")))
        })?;
        Ok(Scratch(dir))
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The pandoc writer's Markdown: pipe tables, ATX headings, images as
/// `![alt](file)`, and none of pandoc's own syntax (attributes, divs,
/// spans, raw HTML), which relais would show as text.
const PANDOC_MARKDOWN: &str = "markdown-raw_html-native_divs-native_spans-fenced_divs-bracketed_spans\
     -header_attributes-link_attributes-simple_tables-multiline_tables-grid_tables-smart-raw_attribute\
     -inline_code_attributes-fenced_code_attributes+pipe_tables";

/// The document's core properties, one per line (authors joined by `;`).
const PANDOC_METADATA: &str = "$title$\n$for(author)$$author$$sep$;$endfor$\n$date$\n$description$$subject$\n";

fn through_pandoc(file: &Path, shown: &str, scratch: &Path) -> Result<Source, Refusal> {
    let file = std::fs::canonicalize(file)
        .map_err(|e| Refusal::Failed(Diagnostic::error(shown, 0, 0, format!("cannot read the file: {e}"))))?;
    let run = |args: &[&str]| -> Result<String, Refusal> {
        let output = Command::new("pandoc").args(args).arg(&file).current_dir(scratch).output();
        match output {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(Refusal::Usage(
                Diagnostic::error(shown, 0, 0, "pandoc is not installed: relais reads .docx and .odt files with it")
                    .with_hint(
                        "install the package `pandoc` (`apt-get install pandoc`, `brew install pandoc`, or from \
                         pandoc.org); a .md file imports without it",
                    ),
            )),
            Err(e) => Err(Refusal::Failed(Diagnostic::error(shown, 0, 0, format!("pandoc could not run: {e}")))),
            Ok(out) if !out.status.success() => {
                let said = String::from_utf8_lossy(&out.stderr);
                Err(Refusal::Failed(
                    Diagnostic::error(shown, 0, 0, format!("pandoc could not read the file: {}", said.trim()))
                        .with_hint("open it in Word or LibreOffice and save it again as .docx or .odt"),
                ))
            }
            Ok(out) => Ok(String::from_utf8_lossy(&out.stdout).into_owned()),
        }
    };
    let template = scratch.join("metadata.template");
    std::fs::write(&template, PANDOC_METADATA)
        .map_err(|e| Refusal::Failed(Diagnostic::error(shown, 0, 0, format!("cannot write a temporary file: {e}"))))?;
    let template = template.display().to_string();
    let metadata = run(&["--to", "plain", "--template", &template])?;
    let body = run(&["--to", PANDOC_MARKDOWN, "--wrap=none", "--markdown-headings=atx", "--extract-media=."])?;
    let mut lines = metadata.lines().map(str::trim);
    let mut next = || lines.next().filter(|l| !l.is_empty()).map(str::to_owned);
    let (title, authors, date, summary) = (next(), next(), next(), next());
    let authors = authors.map(|a| a.split(';').map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()).collect());
    let mut media = Vec::new();
    for entry in walkdir::WalkDir::new(scratch).into_iter().filter_map(Result::ok) {
        let relative = entry.path().strip_prefix(scratch).unwrap_or(entry.path()).to_string_lossy().into_owned();
        if entry.file_type().is_file() && relative != "metadata.template" {
            let written = [format!("./{relative}"), relative.clone()]
                .into_iter()
                .filter(|w| body.contains(&format!("]({w})")))
                .min_by_key(|w| body.find(&format!("]({w})")));
            if let Some(written) = written {
                media.push((written, entry.path().to_path_buf()));
            }
        }
    }
    media.sort_by_key(|(written, _)| body.find(&format!("]({written})")));
    Ok(Source {
        title,
        authors: authors.unwrap_or_default(),
        date: date.and_then(|d| iso_date(&d)),
        summary,
        body,
        media,
        ..Source::default()
    })
}

/// A Markdown file of another generator: its front matter (YAML between
/// `---`, or Hugo's TOML between `+++`) mapped to relais' fields.
fn from_markdown(text: &str, shown: &str) -> Result<Source, Refusal> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text).replace("\r\n", "\n");
    let (front, body) = split(&text);
    let mut source = Source { body: body.to_owned(), ..Source::default() };
    let Some((front, toml)) = front else { return Ok(source) };
    let fields: Vec<(String, serde_json::Value)> = if toml {
        toml_fields(front)
    } else {
        let origin = crate::yaml::Origin { file: shown, lines_before: 1 };
        match crate::yaml::parse_value(front, origin) {
            Ok(serde_json::Value::Object(map)) => map.into_iter().collect(),
            Ok(_) => Vec::new(),
            Err(problem) => return Err(Refusal::Failed(problem)),
        }
    };
    let text_of = |v: &serde_json::Value| match v {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    };
    let list_of = |v: &serde_json::Value| match v {
        serde_json::Value::Array(items) => items.iter().filter_map(text_of).collect(),
        other => text_of(other).into_iter().collect::<Vec<_>>(),
    };
    for (name, value) in fields {
        match name.as_str() {
            "title" => source.title = text_of(&value),
            "date" => source.date = text_of(&value).and_then(|d| iso_date(&d)),
            "author" | "authors" => source.authors = list_of(&value),
            "description" | "summary" => source.summary = text_of(&value),
            "tags" | "keywords" => source.tags = list_of(&value),
            "weight" => source.weight = text_of(&value).and_then(|w| w.parse().ok()),
            _ => source.dropped_fields.push(name),
        }
    }
    Ok(source)
}

/// Front matter and body; the flag says TOML.
fn split(text: &str) -> (Option<(&str, bool)>, &str) {
    for (fence, toml) in [("---", false), ("+++", true)] {
        let Some(rest) = text.strip_prefix(fence).and_then(|r| r.strip_prefix('\n')) else { continue };
        let mut offset = 0;
        for line in rest.split_inclusive('\n') {
            if line.trim_end() == fence {
                return (Some((&rest[..offset], toml)), &rest[offset + line.len()..]);
            }
            offset += line.len();
        }
    }
    (None, text)
}

/// `key = "value"`, `key = ["a", "b"]`, `key = 2024-01-31`: what Hugo's
/// front matter holds at its top level (tables are left out).
fn toml_fields(text: &str) -> Vec<(String, serde_json::Value)> {
    let mut fields = Vec::new();
    for line in text.lines() {
        if line.trim_start().starts_with('[') {
            break;
        }
        let Some((key, value)) = line.split_once('=') else { continue };
        let (key, value) = (key.trim().trim_matches('"').to_owned(), value.trim());
        let unquote = |s: &str| s.trim().trim_matches('"').trim_matches('\'').to_owned();
        let value = match value.strip_prefix('[').and_then(|v| v.strip_suffix(']')) {
            Some(items) => serde_json::Value::Array(
                items.split(',').map(unquote).filter(|s| !s.is_empty()).map(serde_json::Value::String).collect(),
            ),
            None => serde_json::Value::String(unquote(value)),
        };
        fields.push((key, value));
    }
    fields
}

/// `2026-03-14`, from a date as documents and pandoc write it (`2026-03-14T09:00:00Z`).
fn iso_date(text: &str) -> Option<String> {
    let day = text.trim().get(..10)?;
    crate::date::Date::parse(day).map(|_| day.to_owned())
}

/// Without a title in the file's properties, its first heading is the
/// title (a `Title` paragraph of LibreOffice may come before it); either
/// way a heading that repeats the title is not kept in the body.
fn title_from_first_heading(source: &mut Source) {
    let first = source.body.lines().enumerate().find_map(|(i, l)| heading(l).map(|(_, text)| (i, text.to_owned())));
    let Some((index, text)) = first else { return };
    let same = source.title.as_deref().is_some_and(|t| fold(t).trim() == fold(&text).trim());
    if source.title.is_none() || same {
        source.title = Some(text);
        let lines: Vec<&str> = source.body.lines().collect();
        source.body = [&lines[..index], &lines[index + 1..]].concat().join("\n");
    }
}

/// An ATX heading: its level and text (without a trailing `{#id}` or `#`s).
fn heading(line: &str) -> Option<(usize, &str)> {
    let level = line.chars().take_while(|&c| c == '#').count();
    if !(1..=6).contains(&level) || !line[level..].starts_with(' ') {
        return None;
    }
    let text = line[level..].trim();
    let text = match text.rfind("{#") {
        Some(at) if text.ends_with('}') => text[..at].trim_end(),
        _ => text,
    };
    Some((level, text.trim_end_matches('#').trim_end()))
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

fn owner_id(root: &Path) -> String {
    match crate::kinds::json_schema::glossary_ids(root) {
        Ok((_, institutions)) if institutions.iter().any(|i| i == "iom") => "iom".to_owned(),
        Ok((_, institutions)) if !institutions.is_empty() => institutions[0].clone(),
        _ => "iom".to_owned(),
    }
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

/// A table of the imported text that became the CSV file of a table field.
#[derive(Debug)]
struct CsvTable {
    field: &'static str,
    file: String,
    csv: String,
}

/// Pipe tables of `body` whose header names the columns of a table field
/// of `kind` (every required column, no unknown one) are taken out of the
/// body and returned as that field's CSV file.
fn tables_as_csv(body: &mut String, kind: &str) -> Vec<CsvTable> {
    let fields: Vec<(&'static str, &'static [schema::Field])> = schema::kind_fields(kind)
        .iter()
        .filter_map(|f| match &f.ty {
            Ty::Table(columns) => Some((f.name, *columns)),
            _ => None,
        })
        .collect();
    if fields.is_empty() {
        return Vec::new();
    }
    let lines: Vec<&str> = body.lines().collect();
    let mut out = Vec::new();
    let mut removed: Vec<std::ops::Range<usize>> = Vec::new();
    let mut i = 0;
    while i + 1 < lines.len() {
        let is_row = |l: &str| l.trim_start().starts_with('|');
        let separator = lines[i + 1].trim().starts_with('|')
            && lines[i + 1].chars().all(|c| "|-: ".contains(c))
            && lines[i + 1].contains('-');
        if !(is_row(lines[i]) && separator) {
            i += 1;
            continue;
        }
        let end = (i + 2..lines.len()).find(|&j| !is_row(lines[j])).unwrap_or(lines.len());
        let header: Vec<String> = cells(lines[i]).iter().map(|c| column_name(c)).collect();
        let fits = fields.iter().find(|(name, columns)| {
            !out.iter().any(|t: &CsvTable| t.field == *name)
                && columns.iter().filter(|c| c.req == schema::Req::Required).all(|c| header.iter().any(|h| h == c.name))
                && header.iter().all(|h| columns.iter().any(|c| c.name == h))
        });
        if let Some((name, _)) = fits {
            let mut csv = String::new();
            for row in std::iter::once(lines[i]).chain(lines[i + 2..end].iter().copied()) {
                let row: Vec<String> = if row == lines[i] { header.clone() } else { cells(row) };
                csv.push_str(&row.iter().map(|c| csv_cell(c)).collect::<Vec<_>>().join(","));
                csv.push('\n');
            }
            out.push(CsvTable { field: name, file: format!("{}.csv", name.replace('_', "-")), csv });
            removed.push(i..end);
        }
        i = end;
    }
    if !removed.is_empty() {
        *body = lines
            .iter()
            .enumerate()
            .filter(|(n, _)| !removed.iter().any(|r| r.contains(n)))
            .map(|(_, l)| *l)
            .collect::<Vec<_>>()
            .join("\n");
    }
    out
}

fn cells(row: &str) -> Vec<String> {
    let row = row.trim().trim_start_matches('|');
    let row = row.strip_suffix('|').unwrap_or(row);
    let mut cells = vec![String::new()];
    let mut escaped = false;
    for c in row.chars() {
        match c {
            '|' if !escaped => cells.push(String::new()),
            '\\' if !escaped => escaped = true,
            c => {
                if let Some(cell) = cells.last_mut() {
                    if escaped && c != '|' {
                        cell.push('\\');
                    }
                    cell.push(c);
                }
                escaped = false;
            }
        }
    }
    cells.into_iter().map(|c| c.trim().to_owned()).collect()
}

/// `Not recorded` -> `not_recorded`: a header cell as a field's column.
fn column_name(cell: &str) -> String {
    let folded = fold(cell);
    let words: Vec<&str> = folded.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    words.join("_")
}

fn csv_cell(cell: &str) -> String {
    if cell.contains([',', '"', '\n']) { format!("\"{}\"", cell.replace('"', "\"\"")) } else { cell.to_owned() }
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
