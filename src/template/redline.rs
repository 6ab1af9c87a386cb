//! A redline as HTML (`changes.html`): the section map, the table changes
//! and the prose word by word, from what `redline::compare` found, written
//! through `html::Writer`; inserted and deleted words carry a text label.

use crate::html::Writer;
use crate::redline::{Paragraph, Piece, Redline, RowChange, SectionChange, SectionState, cell};

/// In a run of new (or removed) paragraphs, how many the redline shows; the
/// others are counted, and linked in the version that holds them.
const RUN_SHOWN: usize = 1;

impl Redline {
    /// The section map, the table changes and the prose, as HTML. Inserted
    /// and deleted words carry a text label for screen readers and for
    /// black-and-white print.
    /// `label` gives the page's words by key (`map`, `added`, `folded` …).
    /// `section_href` links a section of the newer (`true`) or the older
    /// version, where a long run of new or removed paragraphs is read
    /// instead of here.
    pub fn html(
        &self,
        lang: &str,
        label: &dyn Fn(&str) -> String,
        percent: &dyn Fn(f64) -> String,
        number: &dyn Fn(f64) -> String,
        section_href: &dyn Fn(bool, &str) -> Option<String>,
    ) -> String {
        let l = label;
        // The documents' own words, with the typography of the page's language.
        let prose = |text: &str| crate::format::typography::for_language(lang, text);
        let mut h = Writer::new();
        let col: &[(&str, &dyn std::fmt::Display)] = &[("scope", &"col")];
        if !self.comments.is_empty() {
            h.element("h2", &[("id", &"comments")], l("comments"))
                .start(
                    "div",
                    &[
                        ("class", &"table-scroll"),
                        ("tabindex", &0),
                        ("role", &"region"),
                        ("aria-labelledby", &"comments"),
                    ],
                )
                .start("table", &[("class", &"redline-comments")])
                .start("thead", &[])
                .start("tr", &[]);
            for column in ["comment_id", "section", "comment_from", "comment", "decision", "response"] {
                h.element("th", col, l(column));
            }
            h.end("tr").end("thead").start("tbody", &[]);
            for row in &self.comments {
                let get = |k: &str| row.get(k).map(cell).unwrap_or_default();
                let decision = get("decision");
                let section = get("section");
                h.start("tr", &[])
                    .element("td", &[], get("id"))
                    .start("td", &[])
                    .element("a", &[("href", &format_args!("#s-{section}"))], &section)
                    .end("td")
                    .element("td", &[], prose(&get("from")))
                    .element("td", &[], prose(&get("comment")))
                    .element("td", &[("class", &format_args!("is-{decision}"))], l(&format!("decisions.{decision}")))
                    .element("td", &[], prose(&get("response")))
                    .end("tr");
            }
            h.end("tbody").end("table").end("div");
        }
        let name = |s: &SectionChange| if s.title.is_empty() { l("untitled") } else { prose(&s.title) };
        h.element("h2", &[("id", &"map")], l("map"))
            .start("table", &[("class", &"redline-map")])
            .start("thead", &[])
            .start("tr", &[])
            .element("th", &[], l("section"))
            .element("th", &[], l("changed"))
            .end("tr")
            .end("thead")
            .start("tbody", &[]);
        for s in &self.sections {
            let state = match s.state {
                SectionState::Added => l("added"),
                SectionState::Removed => l("removed"),
                SectionState::Unchanged => l("unchanged"),
                SectionState::Changed => l("words_changed").replace("{share}", &percent(s.share)),
            };
            let state = match &s.renamed_from {
                Some(old) => format!("{} · {state}", l("renamed").replace("{old}", old)),
                None => state,
            };
            let class = format!("is-{:?}", s.state).to_lowercase();
            h.start("tr", &[("class", &class)])
                .start("td", &[])
                .element("a", &[("href", &format_args!("#s-{}", s.id))], name(s))
                .end("td")
                .element("td", &[], state)
                .end("tr");
        }
        h.end("tbody").end("table");
        if self.totals.iter().any(|t| t.old != t.new) {
            h.element("h2", &[("id", &"totals")], l("totals"))
                .start("table", &[("class", &"redline-totals")])
                .start("thead", &[])
                .start("tr", &[])
                .element("th", col, l("figure"))
                .element("th", col, l("before"))
                .element("th", col, l("after"))
                .end("tr")
                .end("thead")
                .start("tbody", &[]);
            for total in &self.totals {
                let show = |n: Option<f64>| n.map(number).unwrap_or_else(|| "—".to_owned());
                let class = if total.old == total.new { "is-unchanged" } else { "is-changed" };
                h.start("tr", &[("class", &class)])
                    .element("th", &[("scope", &"row")], l(total.key).replace("{of}", &total.of))
                    .element("td", &[], show(total.old))
                    .element("td", &[], show(total.new))
                    .end("tr");
            }
            h.end("tbody").end("table");
        }
        // "1 unchanged paragraph", "3 unchanged paragraphs".
        let counted = |key: &str, n: usize| {
            let key = if n == 1 { format!("{key}_one") } else { key.to_owned() };
            l(&key).replace("{count}", &n.to_string())
        };
        // A word deleted or inserted, with its label for who cannot see the mark.
        let marked = |h: &mut Writer, tag: &str, key: &str, text: &str| {
            h.start(tag, &[])
                .element("span", &[("class", &"visually-hidden")], format_args!("[{}] ", l(key)))
                .text(text)
                .end(tag);
        };
        let write_paragraph = |h: &mut Writer, p: &Paragraph| match p {
            Paragraph::Unchanged(n) => {
                h.element("p", &[("class", &"redline-folded")], counted("folded", *n));
            }
            Paragraph::Changed(pieces) => {
                h.start("p", &[]);
                for piece in pieces {
                    match piece {
                        Piece::Same(t) => {
                            h.text(prose(t));
                        }
                        Piece::Deleted(t) => marked(h, "del", "deleted", &prose(t)),
                        Piece::Inserted(t) => marked(h, "ins", "inserted", &prose(t)),
                    }
                }
                h.end("p");
            }
        };
        if !self.tables.is_empty() {
            h.element("h2", &[("id", &"tables")], l("tables"));
            for (table, rows) in &self.tables {
                h.start("h3", &[]).element("code", &[], table).end("h3").start("ul", &[("class", &"redline-rows")]);
                for row in rows {
                    let (class, id) = match row {
                        RowChange::Added(id) => ("is-added", id),
                        RowChange::Removed(id) => ("is-removed", id),
                        RowChange::Changed(id, _) => ("is-changed", id),
                    };
                    h.start("li", &[("class", &class)]).element("code", &[], id);
                    match row {
                        RowChange::Added(_) => h.text(format_args!(" {}", l("row_added"))),
                        RowChange::Removed(_) => h.text(format_args!(" {}", l("row_removed"))),
                        RowChange::Changed(_, cells) => {
                            h.start("ul", &[]);
                            for (column, old, new) in cells {
                                h.start("li", &[]).text(format_args!("{column}: "));
                                marked(&mut h, "del", "deleted", old);
                                h.text(" → ");
                                marked(&mut h, "ins", "inserted", new);
                                h.end("li");
                            }
                            h.end("ul")
                        }
                    };
                    h.end("li");
                }
                h.end("ul");
            }
        }
        for s in &self.sections {
            let class = format!("redline-section is-{:?}", s.state).to_lowercase();
            h.start("section", &[("class", &class)]).element("h2", &[("id", &format_args!("s-{}", s.id))], name(s));
            let mut rest = s.paragraphs.as_slice();
            while let Some(p) = rest.first() {
                // A run of new paragraphs reads in the newer version, where it
                // stands, and a run of removed ones in the older: the first is
                // shown, the others counted and linked.
                let (newer, same_kind): (bool, fn(&Paragraph) -> bool) =
                    if p.is_new() { (true, Paragraph::is_new) } else { (false, Paragraph::is_gone) };
                let run = rest.iter().take_while(|p| same_kind(p)).count();
                if run > RUN_SHOWN
                    && let Some(href) = section_href(newer, &s.id)
                {
                    write_paragraph(&mut h, p);
                    let words: usize = rest[1..run].iter().map(Paragraph::words).sum();
                    let (folded, read) =
                        if newer { ("new_folded", "read_in_newer") } else { ("gone_folded", "read_in_older") };
                    let folded = counted(folded, run - 1).replace("{words}", &number(words as f64));
                    h.start("p", &[("class", &"redline-folded")])
                        .text(folded)
                        .text(" ")
                        .element("a", &[("href", &href)], l(read))
                        .end("p");
                    rest = &rest[run..];
                    continue;
                }
                write_paragraph(&mut h, p);
                rest = &rest[1..];
            }
            h.end("section");
        }
        h.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn section(paragraphs: Vec<Paragraph>) -> Redline {
        let section = SectionChange {
            id: "steps".to_owned(),
            title: "Steps".to_owned(),
            state: SectionState::Changed,
            share: 0.5,
            renamed_from: None,
            paragraphs,
        };
        Redline { sections: vec![section], tables: Vec::new(), totals: Vec::new(), comments: Vec::new() }
    }

    fn html(redline: &Redline, linked: bool) -> String {
        let label = |key: &str| match key {
            "new_folded" => "{count} more new, {words} words:".to_owned(),
            "gone_folded_one" => "{count} more removed, {words} words:".to_owned(),
            other => other.to_owned(),
        };
        let href = |newer: bool, id: &str| linked.then(|| format!("{}#{id}", if newer { "new" } else { "old" }));
        redline.html("en", &label, &|share| share.to_string(), &|n| n.to_string(), &href)
    }

    #[test]
    fn a_run_of_new_or_removed_paragraphs_shows_its_first_and_links_the_others() {
        let new = |t: &str| Paragraph::Changed(vec![Piece::Inserted(t.to_owned())]);
        let gone = |t: &str| Paragraph::Changed(vec![Piece::Deleted(t.to_owned())]);
        let edited = Paragraph::Changed(vec![Piece::Same("kept ".to_owned()), Piece::Inserted("added".to_owned())]);
        let redline = section(vec![
            new("one two"),
            new("three four five"),
            new("six"),
            edited,
            gone("old words"),
            gone("more old words"),
            new("alone"),
        ]);
        let page = html(&redline, true);
        assert!(page.contains("one two") && !page.contains("three four five") && !page.contains(">six<"), "{page}");
        assert!(page.contains("2 more new, 4 words: <a href=\"new#steps\">read_in_newer</a>"), "{page}");
        assert!(page.contains("kept ") && page.contains("added"), "{page}");
        assert!(page.contains("old words") && !page.contains("more old words"), "{page}");
        assert!(page.contains("1 more removed, 3 words: <a href=\"old#steps\">read_in_older</a>"), "{page}");
        assert!(page.contains("alone"), "{page}");
        // Without a page to read them in, every paragraph is shown.
        let whole = html(&redline, false);
        assert!(whole.contains("three four five") && whole.contains("more old words"), "{whole}");
    }
}
