//! HTML and SVG written safely: `escape` for a single text, and `Writer`,
//! which writes elements one by one. Tag and attribute names are the
//! code's own; every attribute value and every text goes through the
//! escaping on its way in, so no value from content can open or close an
//! element. What every stage that writes markup shares.

use std::fmt::{self, Display, Write};

/// `text` with `&`, `<`, `>` and `"` written as entities.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_escaped(&mut out, text);
    out
}

fn push_escaped(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
}

/// Writes what it is given escaped: a value is formatted straight into
/// the markup (`format_args!("{x:.1}")`, a number, a text) without a
/// string of its own.
struct Escaping<'a>(&'a mut String);

impl Write for Escaping<'_> {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        push_escaped(self.0, text);
        Ok(())
    }
}

/// An element's attributes: names, and values of any printable type.
pub type Attrs<'a> = &'a [(&'a str, &'a dyn Display)];

/// Markup written element by element.
#[derive(Debug, Default)]
pub struct Writer {
    out: String,
}

impl Writer {
    pub fn new() -> Writer {
        Writer::default()
    }

    pub fn with_capacity(bytes: usize) -> Writer {
        Writer { out: String::with_capacity(bytes) }
    }

    fn tag(&mut self, name: &str, groups: &[Attrs<'_>], close: &str) -> &mut Self {
        self.out.push('<');
        self.out.push_str(name);
        for (attr, value) in groups.iter().copied().flatten() {
            self.out.push(' ');
            self.out.push_str(attr);
            self.out.push_str("=\"");
            let _ = write!(Escaping(&mut self.out), "{value}");
            self.out.push('"');
        }
        self.out.push_str(close);
        self
    }

    /// `<name a="v">`.
    pub fn start(&mut self, name: &str, attrs: Attrs<'_>) -> &mut Self {
        self.tag(name, &[attrs], ">")
    }

    /// `<name a="v" b="w">` from groups of attributes, some of which a
    /// case may leave empty (`aria-required` on a field not required).
    pub fn start_groups(&mut self, name: &str, groups: &[Attrs<'_>]) -> &mut Self {
        self.tag(name, groups, ">")
    }

    /// `<name a="v"/>`, an SVG element without content.
    pub fn empty(&mut self, name: &str, attrs: Attrs<'_>) -> &mut Self {
        self.tag(name, &[attrs], "/>")
    }

    /// `</name>`.
    pub fn end(&mut self, name: &str) -> &mut Self {
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push('>');
        self
    }

    /// Text, escaped.
    pub fn text(&mut self, text: impl Display) -> &mut Self {
        let _ = write!(Escaping(&mut self.out), "{text}");
        self
    }

    /// `<name a="v">text</name>`, the text escaped.
    pub fn element(&mut self, name: &str, attrs: Attrs<'_>, text: impl Display) -> &mut Self {
        self.start(name, attrs).text(text).end(name)
    }

    /// Markup made elsewhere and already safe: another writer's, or the
    /// syntax highlighter's.
    pub fn markup(&mut self, markup: &str) -> &mut Self {
        self.out.push_str(markup);
        self
    }

    pub fn finish(self) -> String {
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_value_and_text_is_escaped_and_only_markup_is_kept_as_written() {
        let mut w = Writer::new();
        let x = 12.345;
        w.start("text", &[("x", &format_args!("{x:.1}")), ("data-note", &"say \"<b>\"")])
            .text("A & <B>")
            .end("text")
            .empty("rect", &[("width", &10)])
            .element("title", &[], "1 < 2")
            .markup("<br>")
            .start_groups("input", &[&[("id", &"a")], &[], &[("aria-required", &true)]]);
        assert_eq!(
            w.finish(),
            "<text x=\"12.3\" data-note=\"say &quot;&lt;b&gt;&quot;\">A &amp; &lt;B&gt;</text><rect width=\"10\"/><title>1 &lt; 2</title><br><input id=\"a\" aria-required=\"true\">"
        );
    }
}
