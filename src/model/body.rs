//! A document's body once parsed: its blocks in reading order (Markdown
//! events, `:::` containers, citations, components), its headings with
//! their final ids and the links it writes.

use pulldown_cmark::{Event, Tag};

/// A section at the top of a body ([`Body::top_sections`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TopSection<'a> {
    /// Its heading's id.
    pub id: &'a str,
    /// The bytes of text it holds.
    pub bytes: usize,
}

/// One item of a parsed body.
#[derive(Debug, Clone)]
pub enum Block {
    Event(Event<'static>),
    ContainerStart {
        name: String,
        title: Option<String>,
    },
    ContainerEnd,
    /// A citation, `[@id]` or `[@a; @b]` (as in Pandoc): the ids of the
    /// document's `references` it cites, and where it is written.
    Citation {
        ids: Vec<String>,
        line: usize,
        column: usize,
    },
    /// A fenced block naming a component (`chart`, `quiz` …): its YAML as
    /// written, the fence's line, and its value once checked (`parse::components`).
    Component {
        name: String,
        line: usize,
        text: String,
        value: serde_json::Value,
    },
}

#[derive(Debug, Clone)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
    pub line: usize,
    /// Written as `{#id}` (stable across languages), not made from the text.
    pub explicit: bool,
}

/// A link or image destination as written, with its position for errors.
#[derive(Debug, Clone)]
pub struct LinkRef {
    pub dest: String,
    pub line: usize,
    pub column: usize,
    /// For an image, its title as written (`![alt](x.jpg "title")`), maybe empty.
    pub image_title: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Body {
    pub blocks: Vec<Block>,
    pub headings: Vec<Heading>,
    /// In the order their `Start(Link)` / `Start(Image)` events appear.
    pub links: Vec<LinkRef>,
}

impl Body {
    pub fn has_id(&self, id: &str) -> bool {
        self.headings.iter().any(|h| h.id == id)
    }

    /// The citations of the body, in reading order: ids, line, column.
    pub fn citations(&self) -> impl Iterator<Item = (&[String], usize, usize)> {
        self.blocks.iter().filter_map(|block| match block {
            Block::Citation { ids, line, column } => Some((ids.as_slice(), *line, *column)),
            _ => None,
        })
    }

    /// The second-level headings that stand at the top of the body (not
    /// in a list, a quote or a `:::` container), in order, with the bytes
    /// of text of each one's section (the first's counts what comes before
    /// it too): where a long document can be cut into pages without
    /// cutting an element, and how long each piece reads.
    pub fn top_sections(&self) -> Vec<TopSection<'_>> {
        let mut depth = 0usize;
        let mut sections: Vec<TopSection<'_>> = Vec::new();
        let mut before = 0;
        for block in &self.blocks {
            let bytes = match block {
                Block::ContainerStart { .. } => {
                    depth += 1;
                    0
                }
                Block::ContainerEnd => {
                    depth = depth.saturating_sub(1);
                    0
                }
                Block::Event(Event::Start(tag)) => {
                    if depth == 0
                        && let Tag::Heading { level: pulldown_cmark::HeadingLevel::H2, id: Some(id), .. } = tag
                    {
                        sections.push(TopSection { id: id.as_ref(), bytes: 0 });
                    }
                    depth += 1;
                    0
                }
                Block::Event(Event::End(_)) => {
                    depth = depth.saturating_sub(1);
                    0
                }
                Block::Event(Event::Html(t)) => {
                    // An author's `<details>` or `<div>` may open in one HTML
                    // block and close in another: no cut between them.
                    depth = (depth + html_opened(t)).saturating_sub(html_closed(t));
                    t.len()
                }
                Block::Event(Event::Text(t) | Event::Code(t) | Event::InlineHtml(t)) => t.len(),
                Block::Component { text, .. } => text.len(),
                _ => 0,
            };
            match sections.last_mut() {
                Some(section) => section.bytes += bytes,
                None => before += bytes,
            }
        }
        if let Some(first) = sections.first_mut() {
            first.bytes += before;
        }
        sections
    }

    /// The words of the body (prose and code), for searches such as which
    /// acronyms a document uses.
    pub fn words(&self) -> String {
        let mut text = String::new();
        for block in &self.blocks {
            if let Block::Event(Event::Text(t) | Event::Code(t)) = block {
                text.push_str(t);
                text.push(' ');
            }
        }
        text
    }
}

/// Elements that hold no content and are never closed.
const VOID: &[&str] =
    &["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"];

/// How many elements a piece of raw HTML opens (`<details>`, not `<br>`
/// nor `<img/>` nor a comment).
fn html_opened(html: &str) -> usize {
    html.split('<')
        .skip(1)
        .filter(|tag| {
            let name: String = tag.chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
            !name.is_empty()
                && !VOID.contains(&name.to_ascii_lowercase().as_str())
                && !tag.split('>').next().is_some_and(|inside| inside.ends_with('/'))
        })
        .count()
}

/// How many elements a piece of raw HTML closes (`</details>`).
fn html_closed(html: &str) -> usize {
    html.matches("</").count()
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_heading_inside_an_authors_html_element_does_not_start_a_section() {
        let text = "## One {#one}\n\nText.\n\n<details><summary>More</summary>\n\n## Two {#two}\n\nHidden.\n\n</details>\n\n<img src=x.png>\n\n## Three {#three}\n\nEnd.\n";
        let mut problems = Vec::new();
        let body = crate::parse::markdown::parse(text, "x.md", 0, &mut problems);
        let ids: Vec<&str> = body.top_sections().iter().map(|s| s.id).collect();
        assert_eq!(ids, ["one", "three"]);
    }
}
