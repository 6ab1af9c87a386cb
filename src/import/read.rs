//! What an imported file holds: a Word or OpenDocument file read through
//! pandoc, or Markdown with its own front matter (YAML or TOML).

use super::*;

/// The pandoc writer's Markdown: pipe tables, ATX headings, images as
/// `![alt](file)`, and none of pandoc's own syntax (attributes, divs,
/// spans, raw HTML), which relais would show as text.
pub(super) const PANDOC_MARKDOWN: &str = "markdown-raw_html-native_divs-native_spans-fenced_divs-bracketed_spans\
     -header_attributes-link_attributes-simple_tables-multiline_tables-grid_tables-smart-raw_attribute\
     -inline_code_attributes-fenced_code_attributes+pipe_tables";

/// The document's core properties, one per line (authors joined by `;`).
pub(super) const PANDOC_METADATA: &str =
    "$title$\n$for(author)$$author$$sep$;$endfor$\n$date$\n$description$$subject$\n";

pub(super) fn through_pandoc(file: &Path, shown: &str, scratch: &Path) -> Result<Source, Refusal> {
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
pub(super) fn from_markdown(text: &str, shown: &str) -> Result<Source, Refusal> {
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
pub(super) fn split(text: &str) -> (Option<(&str, bool)>, &str) {
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
pub(super) fn toml_fields(text: &str) -> Vec<(String, serde_json::Value)> {
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
pub(super) fn iso_date(text: &str) -> Option<String> {
    let day = text.trim().get(..10)?;
    crate::date::Date::parse(day).map(|_| day.to_owned())
}

/// Without a title in the file's properties, its first heading is the
/// title (a `Title` paragraph of LibreOffice may come before it); either
/// way a heading that repeats the title is not kept in the body.
pub(super) fn title_from_first_heading(source: &mut Source) {
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
pub(super) fn heading(line: &str) -> Option<(usize, &str)> {
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
