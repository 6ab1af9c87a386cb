//! One body's blocks -> HTML: the Markdown events transformed (links,
//! containers, alerts, code, citations, footnotes, typography).

use super::*;

/// Renders a body to HTML, cut where the kind shows its blocks.
pub fn render_body(body: &Body, cx: &RenderContext<'_>) -> RenderedBody {
    let mut transform = Transform {
        cx,
        out: Vec::new(),
        footnote: None,
        footnotes: Vec::new(),
        numbers: HashMap::new(),
        text: String::new(),
        link_depth: 0,
        code: None,
        links_seen: 0,
        link_markers: Vec::new(),
        tables: Vec::new(),
        heading_start: None,
        in_heading: false,
        abbreviated: std::collections::HashSet::new(),
        containers: Vec::new(),
        skipping: None,
        heading_id: None,
        references_shown: false,
        cuts: Vec::new(),
        footnote_sections: HashMap::new(),
        has_code: false,
    };
    for block in &body.blocks {
        transform.block(block);
    }
    transform.flush_text();
    if !transform.references_shown && !cx.references.is_empty() {
        // No `{#references}` section to hold them: they close the text.
        transform.write(|html| {
            html.element("h2", &[("id", &cx.scoped("references"))], cx.label("references")).markup("\n");
            references_list(html, cx);
        });
    }
    // A section with a page of its own ends with its own footnotes; the
    // others (and those never referred to) close the text.
    let sections = transform.cuts.iter().filter(|(_, cut)| matches!(cut, Cut::Section(_))).count();
    let mut footnotes: Vec<Vec<(String, Vec<Event<'_>>)>> = vec![Vec::new(); sections + 1];
    for definition in transform.footnotes {
        let section = transform.footnote_sections.get(&definition.0).copied().unwrap_or(sections);
        footnotes[section].push(definition);
    }
    let mut footnotes = footnotes.into_iter();
    // Each part is written on its own: a cut falls after a heading, or
    // before a section at the top of the body, where pulldown-cmark's
    // writer holds no open element.
    let mut parts = Vec::with_capacity(transform.cuts.len() + 1);
    let mut events = transform.out.into_iter();
    let mut written = 0;
    let mut section = None;
    for (at, cut) in transform.cuts {
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, events.by_ref().take(at - written));
        written = at;
        match cut {
            Cut::Block(block) => parts.push(BodyPart { html, block: Some(block), section: section.take() }),
            Cut::Section(id) => {
                html.push_str(&transform_footnotes(cx, footnotes.next().unwrap_or_default(), &transform.numbers));
                parts.push(BodyPart { html, block: None, section: section.take() });
                section = Some(id);
            }
        }
    }
    let mut html = String::with_capacity(body.blocks.len() * 16);
    pulldown_cmark::html::push_html(&mut html, events);
    html.push_str(&transform_footnotes(cx, footnotes.flatten().collect(), &transform.numbers));
    parts.push(BodyPart { html, block: None, section });
    RenderedBody { parts, has_code: transform.has_code }
}

/// Where a body is cut: after a heading whose section takes the kind's
/// block, or before a section that has a page of its own.
enum Cut {
    Block(String),
    Section(String),
}

struct Transform<'a, 'b> {
    cx: &'b RenderContext<'a>,
    out: Vec<Event<'b>>,
    /// The footnote definition being read, if any.
    footnote: Option<(String, Vec<Event<'b>>)>,
    footnotes: Vec<(String, Vec<Event<'b>>)>,
    /// Footnote name -> number, in order of first reference.
    numbers: HashMap<String, usize>,
    /// Adjacent text events, merged so that typography sees whole phrases.
    text: String,
    link_depth: usize,
    code: Option<(String, String)>,
    links_seen: usize,
    link_markers: Vec<Option<String>>,
    /// For each open table, whether it is wide.
    tables: Vec<bool>,
    /// Where the last heading starts in `out`.
    heading_start: Option<usize>,
    in_heading: bool,
    /// Abbreviations already explained on this page.
    abbreviated: std::collections::HashSet<&'a str>,
    /// Names of the open containers.
    containers: Vec<String>,
    /// Where the body is cut for the kind's blocks: the number of events
    /// before the cut, and the id of the section whose block goes there.
    cuts: Vec<(usize, Cut)>,
    /// Footnote name -> how many sections with a page of their own come
    /// before its first reference: the page its note is written on.
    footnote_sections: HashMap<String, usize>,
    /// Whether a code block was highlighted.
    has_code: bool,
    /// Depth of the container being left out of this edition, if any.
    skipping: Option<usize>,
    /// The id of the heading being read.
    heading_id: Option<String>,
    /// Whether the references list has been placed under its heading.
    references_shown: bool,
}

/// From this many columns a table is printed on a landscape page.
const WIDE_TABLE_COLUMNS: usize = 6;

impl<'b> Transform<'_, 'b> {
    fn emit(&mut self, event: Event<'b>) {
        match &mut self.footnote {
            Some((_, events)) => events.push(event),
            None => self.out.push(event),
        }
    }

    fn html(&mut self, html: String) {
        self.emit(Event::Html(CowStr::from(html)));
    }

    /// Markup made with a writer, which escapes what it is given.
    fn write(&mut self, build: impl FnOnce(&mut Writer)) {
        let mut html = Writer::new();
        build(&mut html);
        self.html(html.finish());
    }

    fn flush_text(&mut self) {
        if self.text.is_empty() {
            return;
        }
        let text = std::mem::take(&mut self.text);
        if self.link_depth > 0 {
            let prose = self.cx.prose(&text);
            self.emit(Event::Text(CowStr::from(prose)));
            return;
        }
        for (is_url, part) in split_urls(&text) {
            if is_url {
                self.write(|html| {
                    html.element("a", &[("href", &part)], part);
                });
            } else {
                let prose = self.cx.prose(part);
                self.abbreviate(prose);
            }
        }
    }

    /// The first use of each glossary abbreviation on the page becomes
    /// `<abbr title="full name">`; headings are left alone.
    fn abbreviate(&mut self, prose: String) {
        if self.in_heading || self.cx.abbreviations.is_empty() {
            self.emit(Event::Text(CowStr::from(prose)));
            return;
        }
        let mut rest = 0;
        let mut start = None;
        let mut found = Vec::new();
        for (i, c) in prose.char_indices().chain(std::iter::once((prose.len(), ' '))) {
            let word = c.is_alphanumeric() || c == '-' || c == '&';
            match (word, start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    let token = prose[s..i].trim_end_matches('-');
                    if let Some((abbr, name)) = self.cx.abbreviations.get_key_value(token)
                        && !self.abbreviated.contains(abbr.as_str())
                    {
                        self.abbreviated.insert(abbr.as_str());
                        found.push((s, s + token.len(), name.clone()));
                    }
                    start = None;
                }
                _ => {}
            }
        }
        for (s, e, name) in found {
            if s > rest {
                self.emit(Event::Text(CowStr::from(prose[rest..s].to_owned())));
            }
            self.write(|html| {
                html.element("abbr", &[("title", &name)], &prose[s..e]);
            });
            rest = e;
        }
        if rest < prose.len() {
            self.emit(Event::Text(CowStr::from(prose[rest..].to_owned())));
        }
    }

    fn block(&mut self, block: &'b Block) {
        let event = match block {
            Block::ContainerStart { name, title } => {
                self.containers.push(name.clone());
                if self.skipping.is_some() {
                    return;
                }
                if matches!(self.cx.edition, Edition::Participant | Edition::Screen) && name == "facilitator" {
                    self.flush_text();
                    self.skipping = Some(self.containers.len());
                    return;
                }
                self.flush_text();
                let html = container_start(self.cx, name, title.as_deref());
                self.html(html);
                return;
            }
            Block::ContainerEnd => {
                let depth = self.containers.len();
                self.containers.pop();
                match self.skipping {
                    Some(skipped) if depth == skipped => self.skipping = None,
                    Some(_) => {}
                    None => {
                        self.flush_text();
                        self.html("</div>\n".to_owned());
                    }
                }
                return;
            }
            Block::Event(_) | Block::Component { .. } | Block::Citation { .. } if self.skipping.is_some() => return,
            Block::Citation { ids, .. } => {
                self.flush_text();
                let html = citation(self.cx, ids);
                self.html(html);
                return;
            }
            Block::Component { name, line, value, .. } => {
                self.flush_text();
                let html = components::render(name, value, *line, self.cx);
                self.html(html);
                return;
            }
            Block::Event(event) => event,
        };
        if let Some((_, code)) = &mut self.code {
            match event {
                Event::Text(text) => code.push_str(text),
                Event::End(TagEnd::CodeBlock) => {
                    let (lang, code) = self.code.take().unwrap_or_default();
                    let html = self.cx.highlighter.highlight(&lang, &code);
                    self.has_code = true;
                    self.html(html);
                }
                _ => {}
            }
            return;
        }
        if let Event::Text(text) = event {
            self.text.push_str(text);
            return;
        }
        self.flush_text();
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    pulldown_cmark::CodeBlockKind::Fenced(info) => info.to_string(),
                    pulldown_cmark::CodeBlockKind::Indented => String::new(),
                };
                self.code = Some((lang, String::new()));
            }
            Event::End(TagEnd::Heading(_)) => {
                self.in_heading = false;
                self.emit(event.clone());
                // Where the document's kind shows a block made from its fields.
                let id = self.heading_id.take();
                if let Some(id) = &id
                    && self.footnote.is_none()
                    && (self.cx.blocks_after)(id)
                {
                    self.cuts.push((self.out.len(), Cut::Block(id.clone())));
                }
                if let Some(id) = &id
                    && let Some(outdated) = self.cx.outdated
                    && outdated.sections.iter().any(|(changed, _)| changed == id)
                {
                    let mark = section_outdated(self.cx, outdated, id);
                    self.html(mark);
                }
                if id.as_deref() == Some("references") && !self.cx.references.is_empty() && !self.references_shown {
                    self.references_shown = true;
                    let cx = self.cx;
                    self.write(|html| references_list(html, cx));
                }
            }
            Event::Start(Tag::Heading { id, .. }) if self.cx.scope.is_none() => {
                if let Some(id) = id
                    && self.footnote.is_none()
                    && (self.cx.cut_before)(id)
                {
                    self.cuts.push((self.out.len(), Cut::Section(id.to_string())));
                    // Each page explains an acronym at its first use there.
                    self.abbreviated.clear();
                }
                self.heading_id = id.as_ref().map(|i| i.to_string());
                self.in_heading = true;
                self.heading_start = Some(self.out.len());
                self.emit(event.clone());
            }
            Event::Start(Tag::Heading { level, id: Some(id), classes, attrs }) if self.cx.scope.is_some() => {
                self.heading_id = Some(id.to_string());
                self.in_heading = true;
                self.heading_start = Some(self.out.len());
                let id = self.cx.scope.map(|scope| scope.id(id)).map(CowStr::from);
                self.emit(Event::Start(Tag::Heading {
                    level: *level,
                    id,
                    classes: classes.clone(),
                    attrs: attrs.clone(),
                }));
            }
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                let (href, marker) = self.next_link(dest_url);
                self.link_depth += 1;
                self.link_markers.push(marker);
                self.emit(Event::Start(Tag::Link {
                    link_type: *link_type,
                    dest_url: href,
                    title: title.clone(),
                    id: id.clone(),
                }));
            }
            Event::End(TagEnd::Link) => {
                self.link_depth = self.link_depth.saturating_sub(1);
                self.emit(Event::End(TagEnd::Link));
                if let Some(Some(lang)) = self.link_markers.pop() {
                    let note = self.cx.label(&format!("only_in.{lang}"));
                    self.write(|html| {
                        let code = lang.to_uppercase();
                        html.element(
                            "span",
                            &[("class", &"lang-fallback"), ("title", &note)],
                            format_args!(" ({code})"),
                        );
                    });
                }
            }
            Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                let (href, _) = self.next_link(dest_url);
                // "consent: true" is for the check, not a tooltip for readers.
                let title = if crate::kinds::photos::title_records_consent(title) {
                    CowStr::from(crate::kinds::photos::shown_title(title))
                } else {
                    title.clone()
                };
                self.emit(Event::Start(Tag::Image { link_type: *link_type, dest_url: href, title, id: id.clone() }));
            }
            // Wide tables get a wrapper that scrolls on screen and takes a
            // landscape page on paper.
            Event::Start(Tag::Table(alignments)) => {
                let wide = alignments.len() >= WIDE_TABLE_COLUMNS;
                self.tables.push(wide);
                if wide {
                    // A heading just before the table goes onto its page, unless
                    // the kind's block comes between them (the body is cut there).
                    let mut open = Writer::new();
                    open.start("div", &[("class", &"table-wide")]);
                    let open = Event::Html(CowStr::from(open.finish()));
                    let cut_here =
                        self.cuts.last().is_some_and(|(at, cut)| *at == self.out.len() && matches!(cut, Cut::Block(_)));
                    match self.heading_start.filter(|_| {
                        self.footnote.is_none()
                            && !cut_here
                            && matches!(self.out.last(), Some(Event::End(TagEnd::Heading(_))))
                    }) {
                        Some(start) => self.out.insert(start, open),
                        None => self.emit(open),
                    }
                }
                // On a narrow screen a table scrolls inside a box that the
                // keyboard can reach and that says what it holds.
                let label = self.cx.label("table_scroll");
                self.write(|html| {
                    html.start(
                        "div",
                        &[("class", &"table-scroll"), ("role", &"region"), ("tabindex", &0), ("aria-label", &label)],
                    );
                });
                self.emit(Event::Start(Tag::Table(alignments.clone())));
            }
            Event::End(TagEnd::Table) => {
                self.emit(Event::End(TagEnd::Table));
                self.html("</div>".to_owned());
                if self.tables.pop() == Some(true) {
                    self.html("</div>\n".to_owned());
                }
            }
            Event::Start(Tag::BlockQuote(Some(kind))) => {
                let name = alert_name(*kind);
                let title = self.cx.label(&format!("alerts.{name}"));
                self.write(|html| admonition(html, name, &[], &title));
            }
            Event::End(TagEnd::BlockQuote(Some(_))) => self.html("</div>\n".to_owned()),
            Event::FootnoteReference(name) => {
                let next = self.numbers.len() + 1;
                let first = !self.numbers.contains_key(name.as_ref());
                let number = *self.numbers.entry(name.to_string()).or_insert(next);
                if first {
                    let sections = self.cuts.iter().filter(|(_, cut)| matches!(cut, Cut::Section(_))).count();
                    self.footnote_sections.insert(name.to_string(), sections);
                }
                let id = footnote_id(self.cx, name);
                let anchor = format!("fnref-{id}");
                self.write(|html| {
                    let attrs: &[(&str, &dyn std::fmt::Display)] =
                        if first { &[("class", &"fnref"), ("id", &anchor)] } else { &[("class", &"fnref")] };
                    html.start("sup", attrs).element("a", &[("href", &format_args!("#fn-{id}"))], number).end("sup");
                });
            }
            Event::Start(Tag::FootnoteDefinition(name)) => {
                self.footnote = Some((name.to_string(), Vec::new()));
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                if let Some(definition) = self.footnote.take() {
                    self.footnotes.push(definition);
                }
            }
            other => self.emit(other.clone()),
        }
    }

    fn href(&self, link: &ResolvedLink) -> String {
        let Some(scope) = self.cx.scope else {
            return link.href(self.cx.from, self.cx.pages);
        };
        match &link.target {
            LinkTarget::SamePage(fragment) => format!("#{}", scope.id(fragment)),
            LinkTarget::Page { page, fragment } => match (scope.members.get(page), fragment) {
                (Some(prefix), Some(fragment)) => format!("#{prefix}{fragment}"),
                (Some(prefix), None) => format!("#{}", prefix.trim_end_matches('-')),
                _ => link.href(self.cx.from, self.cx.pages),
            },
            _ => link.href(self.cx.from, self.cx.pages),
        }
    }

    /// The resolved URL of the next link or image, in source order.
    fn next_link(&mut self, written: &CowStr<'b>) -> (CowStr<'b>, Option<String>) {
        let resolved = self.cx.links.get(self.links_seen);
        self.links_seen += 1;
        match resolved {
            Some(link) => (CowStr::from(self.href(link)), link.fallback_lang.clone()),
            None => (written.clone(), None),
        }
    }
}

/// `[@a; @b]` -> `[1, 3]`, each number linked to its entry of the
/// references list; an id with no reference stays as written.
fn citation(cx: &RenderContext<'_>, ids: &[String]) -> String {
    let mut html = Writer::new();
    html.start("span", &[("class", &"cite")]).text("[");
    for (n, id) in ids.iter().enumerate() {
        if n > 0 {
            html.text(", ");
        }
        match cx.references.iter().position(|r| r.id == *id) {
            Some(index) => html.element(
                "a",
                &[
                    ("href", &format_args!("#{}", cx.scoped(&format!("ref-{id}")))),
                    ("title", &cx.prose(&cx.references[index].text)),
                ],
                index + 1,
            ),
            None => html.text(format_args!("@{id}")),
        };
    }
    html.text("]").end("span");
    html.finish()
}

/// The numbered list of a document's references.
fn references_list(html: &mut Writer, cx: &RenderContext<'_>) {
    html.start("ol", &[("class", &"references")]).markup("\n");
    for reference in cx.references {
        html.start("li", &[("id", &cx.scoped(&format!("ref-{}", reference.id)))]).text(cx.prose(&reference.text));
        if let Some(url) = &reference.url {
            html.text(" ").element("a", &[("href", url)], url);
        }
        html.end("li").markup("\n");
    }
    html.end("ol").markup("\n");
}

/// `<div class="admonition admonition-{name}" role="note" …><p
/// class="admonition-title">{title}</p>`, the box of an alert or a
/// container (closed by the caller).
fn admonition(html: &mut Writer, name: &str, more: crate::html::Attrs<'_>, title: &str) {
    let class = format!("admonition admonition-{name}");
    html.start_groups("div", &[&[("class", &class), ("role", &"note")], more])
        .element("p", &[("class", &"admonition-title")], title)
        .markup("\n");
}

fn alert_name(kind: BlockQuoteKind) -> &'static str {
    match kind {
        BlockQuoteKind::Note => "note",
        BlockQuoteKind::Tip => "tip",
        BlockQuoteKind::Important => "important",
        BlockQuoteKind::Warning => "warning",
        BlockQuoteKind::Caution => "caution",
    }
}

fn container_start(cx: &RenderContext<'_>, name: &str, title: Option<&str>) -> String {
    let mut html = Writer::new();
    match name {
        "print-only" | "screen-only" => {
            html.start("div", &[("class", &name)]).markup("\n");
        }
        _ => {
            let title = match title {
                Some(title) => cx.prose(title),
                None => cx.label(&format!("containers.{name}")),
            };
            // The facilitator sees what participants read, marked as such.
            let title = if cx.edition == Edition::Facilitator && name == "participant" {
                format!("{} {title}", cx.label("k.participant_block"))
            } else {
                title
            };
            // A facilitator's or participants' box says whose it is, for the editions.
            let edition: &[(&str, &dyn std::fmt::Display)] = match name {
                "facilitator" | "participant" => &[("data-edition", &name)],
                _ => &[],
            };
            admonition(&mut html, name, edition, &title);
        }
    }
    html.finish()
}

fn footnote_id(cx: &RenderContext<'_>, name: &str) -> String {
    let id = match slug::slugify(name) {
        id if id.is_empty() => "note".to_owned(),
        id => id,
    };
    match cx.scope {
        Some(scope) => scope.id(&id),
        None => id,
    }
}

fn transform_footnotes(
    cx: &RenderContext<'_>,
    mut definitions: Vec<(String, Vec<Event<'_>>)>,
    numbers: &HashMap<String, usize>,
) -> String {
    if definitions.is_empty() {
        return String::new();
    }
    definitions.sort_by_key(|(name, _)| numbers.get(name).copied().unwrap_or(usize::MAX));
    let back = cx.label("back_to_text");
    let mut html = Writer::new();
    html.start("section", &[("class", &"footnotes"), ("aria-label", &cx.label("footnotes"))])
        .start("ol", &[])
        .markup("\n");
    for (name, events) in definitions {
        let id = footnote_id(cx, &name);
        html.start("li", &[("id", &format_args!("fn-{id}"))]);
        // The definition's Markdown, written by pulldown-cmark.
        let mut text = String::new();
        pulldown_cmark::html::push_html(&mut text, events.into_iter());
        html.markup(&text);
        if numbers.contains_key(&name) {
            html.element(
                "a",
                &[("href", &format_args!("#fnref-{id}")), ("class", &"fnback"), ("aria-label", &back)],
                "↩",
            );
        }
        html.end("li").markup("\n");
    }
    html.end("ol").end("section").markup("\n");
    html.finish()
}

/// Splits prose into plain parts and bare `http(s)://` URLs (GFM autolinks).
fn split_urls(text: &str) -> Vec<(bool, &str)> {
    if !text.contains("http") {
        return vec![(false, text)];
    }
    let mut parts = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("https://").or_else(|| rest.find("http://")) {
        let start = match (rest.find("http://"), rest.find("https://")) {
            (Some(a), Some(b)) => a.min(b),
            _ => start,
        };
        let after = &rest[start..];
        let mut end = after.find(|c: char| c.is_whitespace() || c == '<' || c == '"').unwrap_or(after.len());
        while end > 0 && after[..end].ends_with(['.', ',', ';', ':', '!', '?', ')', '\'']) {
            end -= 1;
        }
        if end <= "https://".len() {
            parts.push((false, &rest[..start + end.max(1)]));
            rest = &rest[start + end.max(1)..];
            continue;
        }
        if start > 0 {
            parts.push((false, &rest[..start]));
        }
        parts.push((true, &after[..end]));
        rest = &after[end..];
    }
    if !rest.is_empty() {
        parts.push((false, rest));
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_urls_are_found_without_trailing_punctuation() {
        assert_eq!(
            split_urls("See https://example.org/a. Then"),
            vec![(false, "See "), (true, "https://example.org/a"), (false, ". Then")]
        );
        assert_eq!(split_urls("no url"), vec![(false, "no url")]);
    }

    /// `text` rendered in English, the kind showing a block after the
    /// section `block_after`.
    fn rendered(text: &str, block_after: &str) -> RenderedBody {
        let mut problems = Vec::new();
        let body = crate::parse::markdown::parse(text, "a.md", 0, &mut problems);
        assert!(problems.is_empty(), "{problems:?}");
        let (labels, abbreviations, highlighter) = (Labels::new(), Abbreviations::new(), Highlighter::new());
        let cx = RenderContext {
            lang: "en",
            links: &[],
            from: "en/a.html",
            pages: &[],
            scope: None,
            highlighter: &highlighter,
            labels: &labels,
            abbreviations: &abbreviations,
            edition: Edition::Full,
            blocks_after: &|id| id == block_after,
            cut_before: &|_| false,
            references: &[],
            outdated: None,
        };
        render_body(&body, &cx)
    }

    #[test]
    fn a_body_is_cut_after_the_headings_that_take_a_kind_block_and_nowhere_else() {
        let text =
            "## Roles {#roles}\n\nText.\n\n## Steps {#steps}\n\n```yaml\na: 1\n```\n\nMore[^1].\n\n[^1]: A note.\n";
        let rendered = rendered(text, "roles");
        let blocks: Vec<Option<&str>> = rendered.parts.iter().map(|p| p.block.as_deref()).collect();
        assert_eq!(blocks, [Some("roles"), None]);
        assert!(rendered.parts[0].html.trim_end().ends_with("</h2>"), "{:?}", rendered.parts[0].html);
        assert!(rendered.parts[1].html.starts_with("<p>Text.</p>"), "{:?}", rendered.parts[1].html);
        assert!(rendered.parts[1].html.contains("class=\"footnotes\""), "the footnotes close the last part");
        assert!(rendered.parts.iter().all(|p| !p.html.contains("<!--")), "no mark is left for the template to find");
        assert!(rendered.has_code);
    }

    #[test]
    fn a_wide_table_under_a_heading_that_takes_a_block_leaves_the_heading_and_the_block_outside_its_box() {
        let header = "|a|b|c|d|e|f|\n|-|-|-|-|-|-|\n|1|2|3|4|5|6|\n";
        let text = format!("## Annexes {{#annexes}}\n\n{header}\n## Other {{#other}}\n\n{header}");
        let rendered = rendered(&text, "annexes");
        assert_eq!(rendered.parts.len(), 2);
        let (first, rest) = (&rendered.parts[0].html, &rendered.parts[1].html);
        assert_eq!(first.trim(), "<h2 id=\"annexes\">Annexes</h2>", "the block follows the whole heading");
        assert!(rest.starts_with("<div class=\"table-wide\">"), "{rest}");
        // Without a block between them, a heading goes into the table's box, onto its page.
        assert!(rest.replace('\n', "").contains("<div class=\"table-wide\"><h2 id=\"other\">"), "{rest}");
    }
}
