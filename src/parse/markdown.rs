//! Markdown text -> a stream of [`Block`]s, parsed once per document.
//!
//! pulldown-cmark does the CommonMark and GFM work. Two things are added
//! here because later stages need them before any HTML exists: `:::`
//! containers become typed start and end blocks, and every heading gets its
//! final id, so that links from other documents can be checked against it.

use std::collections::{HashMap, HashSet};

use pulldown_cmark::{CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};

use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::model::{Block, Body, Heading, LinkRef};

pub const CONTAINERS: &[&str] =
    &["note", "tip", "warning", "example", "activity", "facilitator", "participant", "print-only", "screen-only"];

pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
}

/// A citation reaches the event stream as a link to this scheme: `[@x]` is
/// a shortcut reference with no definition, which pulldown-cmark hands to
/// the broken-link callback.
const CITATION: &str = "relais-cite:";

/// The ids of a citation's label (`@a; @b`), or `None` when it is not one.
fn citation_ids(label: &str) -> Option<Vec<String>> {
    let ids: Vec<String> = label
        .split(';')
        .map(|part| part.trim().strip_prefix('@').map(|id| id.trim().to_owned()))
        .collect::<Option<_>>()?;
    let valid = |id: &String| !id.is_empty() && id.chars().all(|c| c.is_alphanumeric() || "-_.:".contains(c));
    ids.iter().all(valid).then_some(ids)
}

const MARKER_OPEN: &str = "<!--relais-container-open ";
const MARKER_CLOSE: &str = "<!--relais-container-close-->";

/// Parses `text`, whose first line is line `lines_before + 1` of `file`.
pub fn parse(text: &str, file: &str, lines_before: usize, problems: &mut Vec<Diagnostic>) -> Body {
    let (prepared, containers) = mark_containers(text, file, lines_before, problems);
    let line_starts: Vec<usize> = std::iter::once(0).chain(prepared.match_indices('\n').map(|(i, _)| i + 1)).collect();
    let position = |offset: usize| {
        let line = line_starts.partition_point(|&start| start <= offset);
        let column = prepared[line_starts[line - 1]..offset].chars().count() + 1;
        (line + lines_before, column)
    };

    let mut body = Body::default();
    let mut used_ids = HeadingIds::default();
    let mut open_heading: Option<(usize, usize, String)> = None; // block index, line, text
    let mut in_html_block = false;
    let mut component: Option<(String, usize, String)> = None;
    let mut in_citation = false;
    let cite = |link: pulldown_cmark::BrokenLink<'_>| {
        citation_ids(&link.reference).map(|_| (CowStr::from(format!("{CITATION}{}", link.reference)), CowStr::from("")))
    };
    for (event, range) in Parser::new_with_broken_link_callback(&prepared, options(), Some(cite)).into_offset_iter() {
        // `<name@example.org>` is an e-mail autolink, whose URL pulldown-cmark
        // gives without its scheme (its HTML writer adds it): written out
        // here, so that no later stage takes it for a file of the site.
        let event = match event {
            Event::Start(Tag::Link { link_type: LinkType::Email, dest_url, title, id }) => {
                let dest_url = CowStr::from(format!("mailto:{dest_url}"));
                Event::Start(Tag::Link { link_type: LinkType::Autolink, dest_url, title, id })
            }
            event => event,
        };
        if in_citation {
            in_citation = !matches!(event, Event::End(TagEnd::Link));
            continue;
        }
        if let Event::Start(Tag::Link { dest_url, .. }) = &event
            && let Some(ids) = dest_url.strip_prefix(CITATION).and_then(citation_ids)
        {
            let (line, column) = position(range.start);
            body.blocks.push(Block::Citation { ids, line, column });
            in_citation = true;
            continue;
        }
        if let Some((_, _, text)) = &mut component {
            match &event {
                Event::Text(t) => text.push_str(t),
                Event::End(TagEnd::CodeBlock) => {
                    let (name, line, text) = component.take().unwrap_or_default();
                    body.blocks.push(Block::Component { name, line, text, value: serde_json::Value::Null });
                }
                _ => {}
            }
            continue;
        }
        if let Event::Start(Tag::CodeBlock(pulldown_cmark::CodeBlockKind::Fenced(info))) = &event
            && let Some(name) = super::components::COMPONENTS.iter().find(|c| **c == info.trim())
        {
            component = Some(((*name).to_owned(), position(range.start).0, String::new()));
            continue;
        }
        match &event {
            Event::Start(Tag::HtmlBlock) => {
                in_html_block = true;
            }
            Event::End(TagEnd::HtmlBlock) => {
                in_html_block = false;
            }
            Event::Html(html) if in_html_block && html.starts_with(MARKER_OPEN) => {
                let index: usize = html[MARKER_OPEN.len()..].trim_end().trim_end_matches("-->").parse().unwrap_or(0);
                let (name, title) = containers.get(index).cloned().unwrap_or_default();
                body.blocks.push(Block::ContainerStart { name, title });
                continue;
            }
            Event::Html(html) if in_html_block && html.starts_with(MARKER_CLOSE) => {
                body.blocks.push(Block::ContainerEnd);
                continue;
            }
            Event::Start(Tag::Heading { .. }) => {
                open_heading = Some((body.blocks.len(), position(range.start).0, String::new()));
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some((_, _, heading_text)) = &mut open_heading {
                    heading_text.push_str(text);
                }
            }
            Event::End(TagEnd::Heading(level)) => {
                if let Some((index, line, text)) = open_heading.take() {
                    let explicit =
                        matches!(&body.blocks[index], Block::Event(Event::Start(Tag::Heading { id: Some(_), .. })));
                    let id = assign_heading_id(&mut body.blocks[index], &text, &mut used_ids, file, line, problems);
                    body.headings.push(Heading { level: *level as u8, id, text, line, explicit });
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                let (line, column) = position(range.start);
                body.links.push(LinkRef { dest: dest_url.to_string(), line, column, image_title: None });
            }
            Event::Start(Tag::Image { dest_url, title, .. }) => {
                let (line, column) = position(range.start);
                let image_title = Some(title.to_string());
                body.links.push(LinkRef { dest: dest_url.to_string(), line, column, image_title });
            }
            _ => {}
        }
        body.blocks.push(Block::Event(event.into_static()));
    }
    // Marker HTML blocks leave empty Start/End(HtmlBlock) pairs: drop them.
    remove_empty_html_blocks(&mut body.blocks);
    body
}

fn remove_empty_html_blocks(blocks: &mut Vec<Block>) {
    let mut out = Vec::with_capacity(blocks.len());
    let mut iter = std::mem::take(blocks).into_iter().peekable();
    while let Some(block) = iter.next() {
        if matches!(block, Block::Event(Event::Start(Tag::HtmlBlock))) {
            let mut inner = Vec::new();
            for next in iter.by_ref() {
                if matches!(next, Block::Event(Event::End(TagEnd::HtmlBlock))) {
                    if inner.iter().any(|b| matches!(b, Block::Event(_))) {
                        out.push(block);
                        out.extend(inner);
                        out.push(next);
                    } else {
                        out.extend(inner);
                    }
                    break;
                }
                inner.push(next);
            }
            continue;
        }
        out.push(block);
    }
    *blocks = out;
}

/// The heading ids of a page so far, and for each id made from a heading's
/// text the next number to try, so that a page of many identical headings
/// is numbered in linear time (`same`, `same-1`, `same-2` ...).
#[derive(Default)]
struct HeadingIds {
    used: HashSet<String>,
    next: HashMap<String, usize>,
}

impl HeadingIds {
    /// Whether `id` is new (then it is recorded).
    fn insert(&mut self, id: String) -> bool {
        self.used.insert(id)
    }

    /// The first free id among `base`, `base-1`, `base-2` ... Every number
    /// below the one recorded for `base` is taken (ids are never released),
    /// so the search resumes there: the ids are those of trying every number
    /// from the start, without the quadratic time.
    fn unique(&mut self, base: String) -> String {
        let mut n = self.next.get(&base).copied().unwrap_or(0);
        loop {
            let candidate = if n == 0 { base.clone() } else { format!("{base}-{n}") };
            n += 1;
            if self.used.insert(candidate.clone()) {
                self.next.insert(base, n);
                return candidate;
            }
        }
    }
}

/// Gives the heading its id: the one written (`{#id}`) or one made from its
/// text, unique within the page.
fn assign_heading_id(
    start: &mut Block,
    text: &str,
    used: &mut HeadingIds,
    file: &str,
    line: usize,
    problems: &mut Vec<Diagnostic>,
) -> String {
    let Block::Event(Event::Start(Tag::Heading { id, .. })) = start else {
        return String::new();
    };
    let final_id = match id {
        Some(written) => {
            let written = written.to_string();
            if !used.insert(written.clone()) {
                problems.push(
                    Diagnostic::error(
                        file,
                        line,
                        1,
                        format!("the heading id `{written}` is used twice in this document"),
                    )
                    .with_hint("each `{#id}` must be unique within a document"),
                );
            }
            written
        }
        None => {
            let base = match slug::slugify(text) {
                s if s.is_empty() => "section".to_owned(),
                s => s,
            };
            used.unique(base)
        }
    };
    *id = Some(CowStr::from(final_id.clone()));
    final_id
}

/// Replaces `:::` fence lines with HTML comment markers, one line for one
/// line, so that positions stay right and the Markdown inside is parsed as
/// usual. Returns the prepared text and each container's name and title.
fn mark_containers(
    text: &str,
    file: &str,
    lines_before: usize,
    problems: &mut Vec<Diagnostic>,
) -> (String, Vec<(String, Option<String>)>) {
    let mut out = String::with_capacity(text.len() + 64);
    let mut containers = Vec::new();
    let mut open: Vec<usize> = Vec::new(); // line numbers of open containers
    let mut fence: Option<(char, usize)> = None;
    for (index, line) in text.split_inclusive('\n').enumerate() {
        let number = index + 1 + lines_before;
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if let Some((ch, len)) = fence {
            let run = trimmed.chars().take_while(|&c| c == ch).count();
            if run >= len && trimmed[run..].trim().is_empty() {
                fence = None;
            }
            out.push_str(line);
            continue;
        }
        if indent <= 3 {
            let first = trimmed.chars().next().unwrap_or(' ');
            if first == '`' || first == '~' {
                let run = trimmed.chars().take_while(|&c| c == first).count();
                if run >= 3 {
                    fence = Some((first, run));
                    out.push_str(line);
                    continue;
                }
            }
        }
        let colons = trimmed.chars().take_while(|&c| c == ':').count();
        if indent <= 3 && colons >= 3 {
            let rest = trimmed[colons..].trim();
            let newline = if line.ends_with('\n') { "\n" } else { "" };
            if rest.is_empty() {
                if open.pop().is_some() {
                    out.push_str(&" ".repeat(indent));
                    out.push_str(MARKER_CLOSE);
                    out.push_str(newline);
                } else {
                    problems.push(
                        Diagnostic::error(file, number, indent + 1, "`:::` closes a container that was never opened")
                            .with_hint(
                                "remove this line, or open the container above with `::: note` (or another name)",
                            ),
                    );
                    out.push_str(newline);
                }
                continue;
            }
            let (name, title) = match rest.split_once(char::is_whitespace) {
                Some((name, title)) => (name, Some(title.trim().to_owned()).filter(|t| !t.is_empty())),
                None => (rest, None),
            };
            if !CONTAINERS.contains(&name) {
                problems.push(
                    Diagnostic::error(file, number, indent + colons + 2, format!("unknown container `{name}`"))
                        .with_hint(
                            did_you_mean(name, CONTAINERS.iter().copied())
                                .unwrap_or_else(|| format!("containers are: {}", CONTAINERS.join(", "))),
                        ),
                );
            }
            open.push(number);
            out.push_str(&" ".repeat(indent));
            out.push_str(&format!("{MARKER_OPEN}{}-->", containers.len()));
            out.push_str(newline);
            containers.push((name.to_owned(), title));
            continue;
        }
        out.push_str(line);
    }
    for line in open {
        problems.push(
            Diagnostic::error(file, line, 1, "this container is never closed")
                .with_hint("end it with a line holding only `:::`"),
        );
    }
    (out, containers)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_ok(text: &str) -> Body {
        let mut problems = Vec::new();
        let body = parse(text, "t.md", 0, &mut problems);
        assert!(problems.is_empty(), "{problems:?}");
        body
    }

    #[test]
    fn citations_are_read_and_other_brackets_left_alone() {
        let body = parse_ok("As shown [@eval], and again [@kmh; @eval]. Not [a citation] nor [@] nor [x@y].\n");
        let found: Vec<(Vec<String>, usize, usize)> =
            body.citations().map(|(ids, line, column)| (ids.to_vec(), line, column)).collect();
        assert_eq!(found, vec![(vec!["eval".to_owned()], 1, 10), (vec!["kmh".to_owned(), "eval".to_owned()], 1, 29)]);
        let words = body.words();
        assert!(words.contains("a citation") && words.contains("x@y") && !words.contains("eval"), "{words}");
    }

    #[test]
    fn headings_get_unique_ids() {
        let body = parse_ok("# Étape 1\n\n## Scope {#scope}\n\n## Étape 1\n");
        let ids: Vec<&str> = body.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["etape-1", "scope", "etape-1-1"]);
        assert_eq!(body.headings[1].line, 3);
    }

    #[test]
    fn many_identical_headings_are_numbered_in_order() {
        let text = "## Same\n\n".repeat(30_000);
        let body = parse_ok(&text);
        assert_eq!(body.headings.len(), 30_000);
        assert_eq!(body.headings[0].id, "same");
        assert_eq!(body.headings[1].id, "same-1");
        assert_eq!(body.headings[29_999].id, "same-29999");
        let distinct: HashSet<&str> = body.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(distinct.len(), 30_000);
    }

    #[test]
    fn made_ids_step_over_written_ones() {
        let body = parse_ok("## Same {#same-1}\n\n## Same\n\n## Same\n\n## Same 2\n\n## Same\n\n## Same\n");
        let ids: Vec<&str> = body.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["same-1", "same", "same-2", "same-2-1", "same-3", "same-4"]);
    }

    #[test]
    fn containers_become_blocks_and_keep_positions() {
        let body = parse_ok("Intro\n::: tip Before you start\nInside [a](b.md)\n:::\n");
        assert!(body.blocks.iter().any(|b| matches!(b, Block::ContainerStart { name, title } if name == "tip" && title.as_deref() == Some("Before you start"))));
        assert!(body.blocks.iter().any(|b| matches!(b, Block::ContainerEnd)));
        assert_eq!((body.links[0].line, body.links[0].column), (3, 8));
    }

    #[test]
    fn fences_inside_code_are_left_alone() {
        let body = parse_ok("```\n::: note\n```\n");
        assert!(!body.blocks.iter().any(|b| matches!(b, Block::ContainerStart { .. })));
    }

    #[test]
    fn unclosed_and_unknown_containers_are_errors() {
        let mut problems = Vec::new();
        parse("::: nte\ntext\n", "t.md", 2, &mut problems);
        let messages: Vec<String> = problems.iter().map(|p| format!("{}:{}", p.line, p.message)).collect();
        assert_eq!(messages, ["3:unknown container `nte`", "3:this container is never closed"]);
    }
}
