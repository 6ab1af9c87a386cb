//! Two versions of a document -> what changed between them, for reviewers:
//! the sections added, removed and changed (with the share of their words
//! that changed), the rows of the document's tables by id with the cells
//! that changed, and the prose word by word with unchanged paragraphs
//! folded. Pure: the texts come in, a [`Redline`] comes out, and
//! [`Redline::html`] writes it with every text escaped.
//!
//! Words are compared the way readers see them: a typographic apostrophe
//! and a straight one, or a no-break space and a space, are the same, so
//! that French typography is never reported as a change.

use pulldown_cmark::{Event, Tag, TagEnd};
use serde_json::Value;
use similar::{Algorithm, DiffOp, capture_diff_slices};

use crate::model::Block;
use crate::parse::Document;

/// A section of a body: its heading's id and text, and its paragraphs as
/// plain text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Section {
    pub id: String,
    pub title: String,
    pub paragraphs: Vec<String>,
}

/// The sections of a document's body, cut at its level-2 headings (what
/// comes before the first is the section `""`).
pub fn sections(doc: &Document) -> Vec<Section> {
    let mut sections = vec![Section::default()];
    let mut text = String::new();
    let mut in_heading = false;
    for block in &doc.body.blocks {
        let Block::Event(event) = block else {
            continue;
        };
        match event {
            Event::Start(Tag::Heading { level: pulldown_cmark::HeadingLevel::H2, id, .. }) => {
                flush(&mut text, &mut sections);
                sections.push(Section { id: id.as_deref().unwrap_or("").to_owned(), ..Section::default() });
                in_heading = true;
            }
            Event::End(TagEnd::Heading(pulldown_cmark::HeadingLevel::H2)) => {
                if let Some(last) = sections.last_mut() {
                    last.title = std::mem::take(&mut text).trim().to_owned();
                }
                in_heading = false;
            }
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(
                TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell | TagEnd::Heading(_) | TagEnd::CodeBlock,
            ) if !in_heading => {
                flush(&mut text, &mut sections);
            }
            _ => {}
        }
    }
    flush(&mut text, &mut sections);
    if sections[0].paragraphs.is_empty() {
        sections.remove(0);
    }
    sections
}

fn flush(text: &mut String, sections: &mut [Section]) {
    let paragraph = std::mem::take(text);
    let paragraph = paragraph.split_whitespace().collect::<Vec<_>>().join(" ");
    if !paragraph.is_empty()
        && let Some(last) = sections.last_mut()
    {
        last.paragraphs.push(paragraph);
    }
}

/// A piece of a diff of words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Same(String),
    Deleted(String),
    Inserted(String),
}

/// What a paragraph became.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Paragraph {
    /// So many unchanged paragraphs, folded.
    Unchanged(usize),
    Changed(Vec<Piece>),
}

impl Paragraph {
    /// Whether it is new: nothing of it was there before.
    pub fn is_new(&self) -> bool {
        matches!(self, Paragraph::Changed(pieces) if pieces.iter().all(|p| matches!(p, Piece::Inserted(_))))
    }

    /// Whether it is gone: nothing of it is left.
    pub fn is_gone(&self) -> bool {
        matches!(self, Paragraph::Changed(pieces) if pieces.iter().all(|p| matches!(p, Piece::Deleted(_))))
    }

    /// How many words it holds, old and new (asked of a new or a gone one).
    pub fn words(&self) -> usize {
        match self {
            Paragraph::Unchanged(_) => 0,
            Paragraph::Changed(pieces) => pieces
                .iter()
                .map(|(Piece::Same(t) | Piece::Inserted(t) | Piece::Deleted(t))| t.split_whitespace().count())
                .sum(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectionState {
    Added,
    Removed,
    Changed,
    Unchanged,
}

/// One section of the change map.
#[derive(Debug, Clone, PartialEq)]
pub struct SectionChange {
    pub id: String,
    pub title: String,
    pub state: SectionState,
    /// Share of the section's words that changed (0 to 1).
    pub share: f64,
    /// Its heading in the older version, when the heading changed (the id
    /// stayed: the section was renamed).
    pub renamed_from: Option<String>,
    pub paragraphs: Vec<Paragraph>,
}

/// A row of a table field, by its id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowChange {
    Added(String),
    Removed(String),
    /// Row id, and each changed cell: column, old, new.
    Changed(String, Vec<(String, String, String)>),
}

/// The changes between two versions of one document.
#[derive(Debug, Clone, PartialEq)]
pub struct Redline {
    pub sections: Vec<SectionChange>,
    /// Table fields (lists of rows with an `id`) whose rows changed.
    pub tables: Vec<(String, Vec<RowChange>)>,
    /// The figures computed from the tables, before and after.
    pub totals: Vec<Total>,
    /// The newer version's comment-resolution matrix (`comments.csv`).
    pub comments: Vec<serde_json::Map<String, Value>>,
}

/// A figure computed from a document's tables (a total cost, an agenda's
/// minutes, participants by sex), in the two versions.
#[derive(Debug, Clone, PartialEq)]
pub struct Total {
    /// The label's key (`total_cost`), and what it is of (an axis id), if anything.
    pub key: &'static str,
    pub of: String,
    pub old: Option<f64>,
    pub new: Option<f64>,
}

/// The figures a reviewer checks between two versions, from the values
/// the kinds compute: a strategy's costs (total and by axis), a module's
/// agenda minutes, a report's participants by sex.
fn figures(computed: &serde_json::Map<String, Value>) -> Vec<(&'static str, String, f64)> {
    let mut found = Vec::new();
    let costs = computed.get("costs");
    if let Some(total) = costs.and_then(|c| c.get("total")).and_then(Value::as_f64) {
        found.push(("total_cost", String::new(), total));
    }
    if let Some(axes) = costs.and_then(|c| c.get("by_axis")).and_then(Value::as_object) {
        found.extend(axes.iter().filter_map(|(axis, v)| Some(("axis_cost", axis.clone(), v.as_f64()?))));
    }
    if let Some(minutes) = computed.get("duration").and_then(Value::as_f64) {
        found.push(("agenda_minutes", String::new(), minutes));
    }
    if let Some(total) = computed.get("attendance").and_then(|a| a.get("total")) {
        for (key, name) in [("participants_women", "women"), ("participants_men", "men"), ("participants", "total")] {
            if let Some(n) = total.get(name).and_then(Value::as_f64) {
                found.push((key, String::new(), n));
            }
        }
    }
    found
}

fn totals(old: &serde_json::Map<String, Value>, new: &serde_json::Map<String, Value>) -> Vec<Total> {
    let (before, after) = (figures(old), figures(new));
    let mut out: Vec<Total> = after
        .iter()
        .map(|(key, of, n)| Total {
            key,
            of: of.clone(),
            old: before.iter().find(|(k, o, _)| k == key && o == of).map(|f| f.2),
            new: Some(*n),
        })
        .collect();
    out.extend(
        before
            .iter()
            .filter(|(k, o, _)| !after.iter().any(|(k2, o2, _)| k2 == k && o2 == o))
            .map(|(key, of, n)| Total { key, of: of.clone(), old: Some(*n), new: None }),
    );
    out
}

/// The same word for a reader: apostrophes and spaces of typography aside.
fn fold(word: &str) -> String {
    word.replace(['\u{2019}', '\u{2018}'], "'").replace(['\u{a0}', '\u{202f}'], " ")
}

/// Words and the spaces between them, so that the text comes back whole.
fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut in_space = None;
    for (i, c) in text.char_indices() {
        // A no-break space inside French punctuation (`mot :`) is a space.
        let space = c.is_whitespace();
        if in_space.is_some_and(|s| s != space) {
            out.push(&text[start..i]);
            start = i;
        }
        in_space = Some(space);
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

/// The words of `old` and `new`, compared as readers see them.
pub fn diff_words(old: &str, new: &str) -> Vec<Piece> {
    let (a, b) = (tokens(old), tokens(new));
    let (fa, fb): (Vec<String>, Vec<String>) =
        (a.iter().map(|t| fold(t)).collect(), b.iter().map(|t| fold(t)).collect());
    let mut pieces: Vec<Piece> = Vec::new();
    let mut push = |piece: Piece| match (pieces.last_mut(), &piece) {
        (Some(Piece::Same(x)), Piece::Same(y))
        | (Some(Piece::Deleted(x)), Piece::Deleted(y))
        | (Some(Piece::Inserted(x)), Piece::Inserted(y)) => x.push_str(y),
        _ => pieces.push(piece),
    };
    for op in capture_diff_slices(Algorithm::Myers, &fa, &fb) {
        match op {
            DiffOp::Equal { new_index, len, .. } => push(Piece::Same(b[new_index..new_index + len].concat())),
            DiffOp::Delete { old_index, old_len, .. } => {
                push(Piece::Deleted(a[old_index..old_index + old_len].concat()))
            }
            DiffOp::Insert { new_index, new_len, .. } => {
                push(Piece::Inserted(b[new_index..new_index + new_len].concat()))
            }
            DiffOp::Replace { old_index, old_len, new_index, new_len } => {
                push(Piece::Deleted(a[old_index..old_index + old_len].concat()));
                push(Piece::Inserted(b[new_index..new_index + new_len].concat()));
            }
        }
    }
    join_changes(pieces)
}

/// Changed words separated only by spaces read as one change: `full list
/// of services` -> `detailed list, by service` is one deletion and one
/// insertion, not five of each interleaved.
fn join_changes(pieces: Vec<Piece>) -> Vec<Piece> {
    let mut out = Vec::with_capacity(pieces.len());
    let (mut deleted, mut inserted) = (String::new(), String::new());
    // Spaces seen since each side last grew; they join it if it grows again.
    let (mut space_deleted, mut space_inserted, mut space) = (String::new(), String::new(), String::new());
    for piece in pieces {
        let changing = !deleted.is_empty() || !inserted.is_empty();
        match piece {
            Piece::Deleted(t) => {
                if !deleted.is_empty() {
                    deleted.push_str(&space_deleted);
                }
                space_deleted.clear();
                space.clear();
                deleted.push_str(&t);
            }
            Piece::Inserted(t) => {
                if !inserted.is_empty() {
                    inserted.push_str(&space_inserted);
                }
                space_inserted.clear();
                space.clear();
                inserted.push_str(&t);
            }
            Piece::Same(t) if changing && t.trim().is_empty() => {
                space_deleted.push_str(&t);
                space_inserted.push_str(&t);
                space.push_str(&t);
            }
            Piece::Same(t) => {
                if !deleted.is_empty() {
                    out.push(Piece::Deleted(std::mem::take(&mut deleted)));
                }
                if !inserted.is_empty() {
                    out.push(Piece::Inserted(std::mem::take(&mut inserted)));
                }
                space_deleted.clear();
                space_inserted.clear();
                out.push(Piece::Same(std::mem::take(&mut space) + &t));
            }
        }
    }
    if !deleted.is_empty() {
        out.push(Piece::Deleted(deleted));
    }
    if !inserted.is_empty() {
        out.push(Piece::Inserted(inserted));
    }
    if !space.is_empty() {
        out.push(Piece::Same(space));
    }
    out
}

fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

/// Paragraph by paragraph: unchanged runs folded, changed ones word by word.
fn diff_paragraphs(old: &[String], new: &[String]) -> (Vec<Paragraph>, usize) {
    let (fa, fb): (Vec<String>, Vec<String>) =
        (old.iter().map(|p| fold(p)).collect(), new.iter().map(|p| fold(p)).collect());
    let mut out = Vec::new();
    let mut changed_words = 0;
    for op in capture_diff_slices(Algorithm::Myers, &fa, &fb) {
        match op {
            DiffOp::Equal { len, .. } => out.push(Paragraph::Unchanged(len)),
            DiffOp::Delete { old_index, old_len, .. } => {
                for p in &old[old_index..old_index + old_len] {
                    changed_words += word_count(p);
                    out.push(Paragraph::Changed(vec![Piece::Deleted(p.clone())]));
                }
            }
            DiffOp::Insert { new_index, new_len, .. } => {
                for p in &new[new_index..new_index + new_len] {
                    changed_words += word_count(p);
                    out.push(Paragraph::Changed(vec![Piece::Inserted(p.clone())]));
                }
            }
            DiffOp::Replace { old_index, old_len, new_index, new_len } => {
                let (olds, news) = (&old[old_index..old_index + old_len], &new[new_index..new_index + new_len]);
                for i in 0..old_len.max(new_len) {
                    let pieces = match (olds.get(i), news.get(i)) {
                        (Some(o), Some(n)) => diff_words(o, n),
                        (Some(o), None) => vec![Piece::Deleted(o.clone())],
                        (None, Some(n)) => vec![Piece::Inserted(n.clone())],
                        (None, None) => continue,
                    };
                    changed_words += pieces
                        .iter()
                        .map(|p| match p {
                            Piece::Same(_) => 0,
                            Piece::Deleted(t) | Piece::Inserted(t) => word_count(t),
                        })
                        .sum::<usize>();
                    out.push(Paragraph::Changed(pieces));
                }
            }
        }
    }
    (out, changed_words)
}

/// The changes from `old` to `new`.
pub fn compare(old: &Document, new: &Document) -> Redline {
    let (before, after) = (sections(old), sections(new));
    let mut changes = Vec::new();
    for section in &after {
        let previous = before.iter().find(|s| s.id == section.id);
        let empty = Vec::new();
        let (paragraphs, changed) = diff_paragraphs(previous.map_or(&empty, |s| &s.paragraphs), &section.paragraphs);
        let words = |s: &Section| s.paragraphs.iter().map(|p| word_count(p)).sum::<usize>();
        let total = words(section).max(previous.map_or(0, words)).max(1);
        let state = match previous {
            None => SectionState::Added,
            Some(_) if changed == 0 => SectionState::Unchanged,
            Some(_) => SectionState::Changed,
        };
        let renamed_from = previous
            .filter(|p| fold(&p.title) != fold(&section.title) && !section.id.is_empty())
            .map(|p| p.title.clone());
        changes.push(SectionChange {
            id: section.id.clone(),
            title: section.title.clone(),
            state,
            share: (changed as f64 / total as f64).min(1.0),
            paragraphs,
            renamed_from,
        });
    }
    for section in before.iter().filter(|s| !after.iter().any(|a| a.id == s.id)) {
        let (paragraphs, _) = diff_paragraphs(&section.paragraphs, &[]);
        changes.push(SectionChange {
            id: section.id.clone(),
            title: section.title.clone(),
            state: SectionState::Removed,
            share: 1.0,
            paragraphs,
            renamed_from: None,
        });
    }
    let comments = new
        .kind
        .computed
        .get("comments")
        .and_then(Value::as_array)
        .map(|rows| rows.iter().filter_map(|r| r.as_object().cloned()).collect())
        .unwrap_or_default();
    Redline {
        sections: changes,
        tables: tables(&old.kind.fields, &new.kind.fields),
        totals: totals(&old.kind.computed, &new.kind.computed),
        comments,
    }
}

/// The rows of every table field (a list of rows with an `id`), by id.
fn tables(old: &serde_json::Map<String, Value>, new: &serde_json::Map<String, Value>) -> Vec<(String, Vec<RowChange>)> {
    let rows = |fields: &serde_json::Map<String, Value>, name: &str| -> Vec<(String, serde_json::Map<String, Value>)> {
        fields
            .get(name)
            .and_then(Value::as_array)
            .map(|rows| {
                rows.iter()
                    .filter_map(|r| {
                        let row = r.as_object()?;
                        Some((cell(row.get("id")?), row.clone()))
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    let mut names: Vec<&String> = old.keys().chain(new.keys()).collect();
    names.sort();
    names.dedup();
    let mut out = Vec::new();
    for name in names {
        let (a, b) = (rows(old, name), rows(new, name));
        if a.is_empty() && b.is_empty() {
            continue;
        }
        let mut changes = Vec::new();
        for (id, row) in &b {
            match a.iter().find(|(i, _)| i == id) {
                None => changes.push(RowChange::Added(id.clone())),
                Some((_, before)) => {
                    let mut columns: Vec<&String> = before.keys().chain(row.keys()).collect();
                    columns.sort();
                    columns.dedup();
                    let cells: Vec<(String, String, String)> = columns
                        .into_iter()
                        .filter_map(|c| {
                            let (x, y) =
                                (before.get(c).map(cell).unwrap_or_default(), row.get(c).map(cell).unwrap_or_default());
                            (fold(&x) != fold(&y)).then(|| (c.clone(), x, y))
                        })
                        .collect();
                    if !cells.is_empty() {
                        changes.push(RowChange::Changed(id.clone(), cells));
                    }
                }
            }
        }
        changes.extend(
            a.iter().filter(|(i, _)| !b.iter().any(|(j, _)| j == i)).map(|(i, _)| RowChange::Removed(i.clone())),
        );
        if !changes.is_empty() {
            out.push((name.clone(), changes));
        }
    }
    out
}

/// A cell as a reader would read it.
pub fn cell(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        Value::Array(items) => items.iter().map(cell).collect::<Vec<_>>().join(", "),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_compared_as_readers_see_them() {
        let pieces = diff_words("the case manager calls the centre", "the case manager visits the centre");
        assert_eq!(
            pieces,
            vec![
                Piece::Same("the case manager ".into()),
                Piece::Deleted("calls".into()),
                Piece::Inserted("visits".into()),
                Piece::Same(" the centre".into()),
            ]
        );
        // Changes separated by spaces read as one.
        assert_eq!(
            diff_words("the full list of services is kept", "the detailed list, by service is kept"),
            vec![
                Piece::Same("the ".into()),
                Piece::Deleted("full list of services".into()),
                Piece::Inserted("detailed list, by service".into()),
                Piece::Same(" is kept".into()),
            ]
        );
        // French typography is not a change.
        assert_eq!(diff_words("l'accueil : 24 h", "l\u{2019}accueil\u{a0}: 24\u{a0}h").len(), 1);
    }

    #[test]
    fn unchanged_paragraphs_fold() {
        let old: Vec<String> = ["a b", "c d", "e f"].map(String::from).to_vec();
        let new: Vec<String> = ["a b", "c x", "e f", "g"].map(String::from).to_vec();
        let (paragraphs, changed) = diff_paragraphs(&old, &new);
        assert_eq!(paragraphs[0], Paragraph::Unchanged(1));
        assert!(matches!(&paragraphs[1], Paragraph::Changed(p) if p.contains(&Piece::Inserted("x".into()))));
        assert_eq!(paragraphs[2], Paragraph::Unchanged(1));
        assert_eq!(changed, 3);
    }
}
