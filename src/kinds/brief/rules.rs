//! Policy briefs and notes (DOCUMENT-KINDS.md 5.4).

use serde_json::{Value, json};

use crate::kinds::rules::{Rules, str_of};
use crate::kinds::validate::Path;

const MAX_KEY_MESSAGE_WORDS: usize = 50;
/// Words of running text on an A4 page.
const WORDS_PER_PAGE: usize = 500;

pub(super) fn check(r: &mut Rules<'_, '_>) {
    let messages: Vec<&str> = r
        .fields
        .get("key_messages")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    if r.has("key_messages") && !(3..=5).contains(&messages.len()) {
        r.f.warning(
            Path::key("key_messages"),
            format!("{} key messages; a brief carries three to five", messages.len()),
            "keep the messages a reader must remember if they read nothing else".to_owned(),
        );
    }
    for (i, message) in messages.iter().enumerate() {
        let words = message.split_whitespace().count();
        if words > MAX_KEY_MESSAGE_WORDS {
            r.f.warning(
                Path::key("key_messages").index(i),
                format!("this key message has {words} words; keep it under {MAX_KEY_MESSAGE_WORDS}"),
                "a key message is read alone: one idea, one sentence or two".to_owned(),
            );
        }
    }
    sources_of_tables(r);
    let must_recommend = matches!(r.subtype(), Some("policy-brief" | "strategic-note"));
    r.require("recommendations", must_recommend, "a policy brief ends in recommendations");
    recommendations(r);

    if let Some((min, max)) = expected_pages(r) {
        // The page also prints the key messages and the recommendations table.
        let generated: usize = messages.iter().map(|m| m.split_whitespace().count()).sum::<usize>()
            + r.rows("recommendations")
                .iter()
                .filter_map(|(_, row)| str_of(row, "text"))
                .map(|t| t.split_whitespace().count())
                .sum::<usize>();
        let words = r.cx.body.words().split_whitespace().count() + generated;
        let tables =
            r.cx.body
                .blocks
                .iter()
                .filter(|b| {
                    matches!(
                        b,
                        crate::model::Block::Event(pulldown_cmark::Event::Start(
                            pulldown_cmark::Tag::Table(_) | pulldown_cmark::Tag::Image { .. }
                        ))
                    )
                })
                .count();
        let tables = tables + usize::from(r.has("recommendations"));
        let estimate = words as f64 / WORDS_PER_PAGE as f64 + tables as f64 * 0.5;
        r.computed.insert("estimated_pages".into(), json!((estimate * 10.0).round() / 10.0));
        if estimate < min as f64 || estimate > max as f64 {
            r.f.warning(
                Path::key(if r.has("length") { "length" } else { "subtype" }),
                format!(
                    "about {estimate:.1} pages ({words} words / {WORDS_PER_PAGE} per page, plus half a page per table or figure), expected {min}-{max}"
                ),
                "shorten or complete the text, or set `length: { pages: [min, max] }`".to_owned(),
            );
        }
    }
}

/// Every table and figure is followed by its source line ("Source:" /
/// "Source :"), as briefs are quoted out of context.
fn sources_of_tables(r: &mut Rules<'_, '_>) {
    use crate::model::Block;
    use pulldown_cmark::{Event, Tag, TagEnd};
    let blocks = &r.cx.body.blocks;
    let mut heading_line = 1;
    let mut heading_count = 0;
    let mut i = 0;
    while i < blocks.len() {
        let ends_figure = match &blocks[i] {
            Block::Event(Event::End(TagEnd::Heading(_))) => {
                heading_line = r.cx.body.headings.get(heading_count).map_or(heading_line, |h| h.line);
                heading_count += 1;
                false
            }
            Block::Event(Event::End(TagEnd::Table | TagEnd::Image)) => true,
            _ => false,
        };
        i += 1;
        if !ends_figure {
            continue;
        }
        // The next paragraph's first words.
        let mut next = blocks[i..].iter().skip_while(|b| matches!(b, Block::Event(Event::End(_))));
        let sourced = matches!(next.next(), Some(Block::Event(Event::Start(Tag::Paragraph))))
            && next.find_map(|b| match b {
                Block::Event(Event::Text(t)) => Some(t.trim_start().to_lowercase().starts_with("source")),
                Block::Event(Event::Start(Tag::Emphasis | Tag::Strong)) => None,
                _ => Some(false),
            }) == Some(true);
        if !sourced {
            r.body.push(
                crate::diagnostics::Diagnostic::warning(
                    r.cx.display,
                    heading_line,
                    1,
                    "a table or figure in this section has no source line",
                )
                .with_hint("add a paragraph just after it: `Source: …` (French: `Source : …`)"),
            );
        }
    }
}

/// Ids unique and every recommendation addressed to someone (shared with reports).
pub(crate) fn recommendations(r: &mut Rules<'_, '_>) {
    let rows = r.rows("recommendations");
    r.unique_ids(&rows, "recommendation");
    for (path, row) in &rows {
        let to = row.get("to").and_then(Value::as_array).map_or(0, Vec::len);
        if to == 0 && row.contains_key("to") {
            let what = str_of(row, "id").unwrap_or("?");
            r.f.error(
                path.field("to"),
                format!("the recommendation `{what}` is addressed to no one"),
                "name at least one institution or group in `to`".to_owned(),
            );
        }
    }
}

/// The expected length in pages: `length.pages`, or the subtype's default.
pub(crate) fn expected_pages(r: &Rules<'_, '_>) -> Option<(u64, u64)> {
    if let Some(pages) = r.fields.get("length").and_then(|l| l.get("pages")).and_then(Value::as_array) {
        let min = pages.first().and_then(Value::as_u64)?;
        let max = pages.get(1).and_then(Value::as_u64).unwrap_or(min);
        return Some((min, max));
    }
    match (r.cx.front.kind, r.subtype()) {
        (crate::model::Kind::Brief, Some("policy-brief" | "strategic-note")) => Some((10, 12)),
        (crate::model::Kind::Brief, Some("analytical-note")) => Some((8, 10)),
        (crate::model::Kind::Brief, Some("integration-note")) => Some((6, 8)),
        _ => None,
    }
}
