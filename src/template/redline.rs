//! A redline as HTML (`changes.html`): the section map, the table changes
//! and the prose word by word, from what `redline::compare` found. Every
//! text is escaped; inserted and deleted words carry a text label.

use crate::redline::{Paragraph, Piece, Redline, RowChange, SectionChange, SectionState, cell};

/// HTML text, escaped: the one escaping of the renderer.
fn esc(text: &str) -> String {
    crate::html::escape(text)
}

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
        let prose = |text: &str| esc(&crate::format::typography::for_language(lang, text));
        let mut h = String::new();
        if !self.comments.is_empty() {
            h.push_str(&format!(
                "<h2 id=\"comments\">{}</h2><div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-labelledby=\"comments\"><table class=\"redline-comments\"><thead><tr>",
                esc(&l("comments"))
            ));
            for column in ["comment_id", "section", "comment_from", "comment", "decision", "response"] {
                h.push_str(&format!("<th scope=\"col\">{}</th>", esc(&l(column))));
            }
            h.push_str("</tr></thead><tbody>");
            for row in &self.comments {
                let get = |k: &str| row.get(k).map(cell).unwrap_or_default();
                let decision = get("decision");
                let decided = l(&format!("decisions.{decision}"));
                h.push_str(&format!(
                    "<tr><td>{}</td><td><a href=\"#s-{}\">{}</a></td><td>{}</td><td>{}</td><td class=\"is-{}\">{}</td><td>{}</td></tr>",
                    esc(&get("id")),
                    esc(&get("section")),
                    esc(&get("section")),
                    prose(&get("from")),
                    prose(&get("comment")),
                    esc(&decision),
                    esc(&decided),
                    prose(&get("response"))
                ));
            }
            h.push_str("</tbody></table></div>");
        }
        let name = |s: &SectionChange| {
            if s.title.is_empty() { l("untitled") } else { crate::format::typography::for_language(lang, &s.title) }
        };
        h.push_str(&format!(
            "<h2 id=\"map\">{}</h2><table class=\"redline-map\"><thead><tr><th>{}</th><th>{}</th></tr></thead><tbody>",
            esc(&l("map")),
            esc(&l("section")),
            esc(&l("changed"))
        ));
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
            let class = format!("{:?}", s.state).to_lowercase();
            h.push_str(&format!(
                "<tr class=\"is-{class}\"><td><a href=\"#s-{}\">{}</a></td><td>{}</td></tr>",
                esc(&s.id),
                esc(&name(s)),
                esc(&state)
            ));
        }
        h.push_str("</tbody></table>");
        if self.totals.iter().any(|t| t.old != t.new) {
            h.push_str(&format!(
                "<h2 id=\"totals\">{}</h2><table class=\"redline-totals\"><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
                esc(&l("totals")),
                esc(&l("figure")),
                esc(&l("before")),
                esc(&l("after"))
            ));
            for total in &self.totals {
                let show = |n: Option<f64>| n.map(number).unwrap_or_else(|| "—".to_owned());
                let class = if total.old == total.new { "is-unchanged" } else { "is-changed" };
                h.push_str(&format!(
                    "<tr class=\"{class}\"><th scope=\"row\">{}</th><td>{}</td><td>{}</td></tr>",
                    esc(&l(total.key).replace("{of}", &total.of)),
                    esc(&show(total.old)),
                    esc(&show(total.new))
                ));
            }
            h.push_str("</tbody></table>");
        }
        if !self.tables.is_empty() {
            h.push_str(&format!("<h2 id=\"tables\">{}</h2>", esc(&l("tables"))));
            for (table, rows) in &self.tables {
                h.push_str(&format!("<h3><code>{}</code></h3><ul class=\"redline-rows\">", esc(table)));
                for row in rows {
                    match row {
                        RowChange::Added(id) => h.push_str(&format!(
                            "<li class=\"is-added\"><code>{}</code> {}</li>",
                            esc(id),
                            esc(&l("row_added"))
                        )),
                        RowChange::Removed(id) => h.push_str(&format!(
                            "<li class=\"is-removed\"><code>{}</code> {}</li>",
                            esc(id),
                            esc(&l("row_removed"))
                        )),
                        RowChange::Changed(id, cells) => {
                            h.push_str(&format!("<li class=\"is-changed\"><code>{}</code><ul>", esc(id)));
                            for (column, old, new) in cells {
                                h.push_str(&format!(
                                    "<li>{}: <del><span class=\"visually-hidden\">[{}] </span>{}</del> → <ins><span class=\"visually-hidden\">[{}] </span>{}</ins></li>",
                                    esc(column), esc(&l("deleted")), esc(old), esc(&l("inserted")), esc(new)
                                ));
                            }
                            h.push_str("</ul></li>");
                        }
                    }
                }
                h.push_str("</ul>");
            }
        }
        for s in &self.sections {
            h.push_str(&format!(
                "<section class=\"redline-section is-{}\"><h2 id=\"s-{}\">{}</h2>",
                format!("{:?}", s.state).to_lowercase(),
                esc(&s.id),
                esc(&name(s))
            ));
            for p in &s.paragraphs {
                match p {
                    Paragraph::Unchanged(n) => {
                        h.push_str(&format!(
                            "<p class=\"redline-folded\">{}</p>",
                            esc(&l("folded").replace("{count}", &n.to_string()))
                        ));
                    }
                    Paragraph::Changed(pieces) => {
                        h.push_str("<p>");
                        for piece in pieces {
                            match piece {
                                Piece::Same(t) => h.push_str(&prose(t)),
                                Piece::Deleted(t) => h.push_str(&format!(
                                    "<del><span class=\"visually-hidden\">[{}] </span>{}</del>",
                                    esc(&l("deleted")),
                                    prose(t)
                                )),
                                Piece::Inserted(t) => h.push_str(&format!(
                                    "<ins><span class=\"visually-hidden\">[{}] </span>{}</ins>",
                                    esc(&l("inserted")),
                                    prose(t)
                                )),
                            }
                        }
                        h.push_str("</p>");
                    }
                }
            }
            h.push_str("</section>");
        }
        h
    }
}
