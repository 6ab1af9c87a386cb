//! A redline as HTML (`changes.html`): the section map, the table changes
//! and the prose word by word, from what `redline::compare` found, written
//! through `html::Writer`; inserted and deleted words carry a text label.

use crate::html::Writer;
use crate::redline::{Paragraph, Piece, Redline, RowChange, SectionChange, SectionState, cell};

impl Redline {
    /// The section map, the table changes and the prose, as HTML. Inserted
    /// and deleted words carry a text label for screen readers and for
    /// black-and-white print.
    /// `label` gives the page's words by key (`map`, `added`, `folded` …).
    pub fn html(
        &self,
        lang: &str,
        label: &dyn Fn(&str) -> String,
        percent: &dyn Fn(f64) -> String,
        number: &dyn Fn(f64) -> String,
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
        // A word deleted or inserted, with its label for who cannot see the mark.
        let marked = |h: &mut Writer, tag: &str, key: &str, text: &str| {
            h.start(tag, &[])
                .element("span", &[("class", &"visually-hidden")], format_args!("[{}] ", l(key)))
                .text(text)
                .end(tag);
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
            for p in &s.paragraphs {
                match p {
                    Paragraph::Unchanged(n) => {
                        h.element("p", &[("class", &"redline-folded")], l("folded").replace("{count}", &n.to_string()));
                    }
                    Paragraph::Changed(pieces) => {
                        h.start("p", &[]);
                        for piece in pieces {
                            match piece {
                                Piece::Same(t) => {
                                    h.text(prose(t));
                                }
                                Piece::Deleted(t) => marked(&mut h, "del", "deleted", &prose(t)),
                                Piece::Inserted(t) => marked(&mut h, "ins", "inserted", &prose(t)),
                            }
                        }
                        h.end("p");
                    }
                }
            }
            h.end("section");
        }
        h.finish()
    }
}
