//! Code highlighting: the only module that knows syntect. Code gets CSS
//! classes; colours live in one generated stylesheet.

use syntect::highlighting::ThemeSet;
use syntect::html::{ClassStyle, ClassedHTMLGenerator, css_for_theme_with_class_style};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

use crate::html::Writer;

const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };
const THEME: &str = "InspiredGitHub";

/// Shared by every page. The syntaxes load once per process, when the
/// first code block needs them: `serve` rebuilds and the fuzz harness
/// build many times.
pub struct Highlighter;

impl Default for Highlighter {
    fn default() -> Self {
        Self::new()
    }
}

impl Highlighter {
    pub fn new() -> Self {
        Highlighter
    }

    /// The syntaxes, loaded on the first code block: a site without code
    /// never pays for them (a tenth of a second, seconds in a debug build).
    fn syntaxes(&self) -> &'static SyntaxSet {
        static SYNTAXES: std::sync::OnceLock<SyntaxSet> = std::sync::OnceLock::new();
        SYNTAXES.get_or_init(SyntaxSet::load_defaults_newlines)
    }

    /// `<pre><code>` for a fenced block; unknown languages stay plain text.
    pub fn highlight(&self, lang: &str, code: &str) -> String {
        let lang = lang.split([' ', ',', '{']).next().unwrap_or_default();
        let syntax = (!lang.is_empty()).then(|| self.syntaxes().find_syntax_by_token(lang)).flatten();
        let inner = match syntax {
            Some(syntax) => {
                let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, self.syntaxes(), CLASS_STYLE);
                let highlighted = LinesWithEndings::from(code)
                    .try_for_each(|line| generator.parse_html_for_line_which_includes_newline(line));
                highlighted.ok().map(|()| generator.finalize())
            }
            None => None,
        };
        let mut html = Writer::new();
        let class = format!("language-{lang}");
        let language: &[(&str, &dyn std::fmt::Display)] = if lang.is_empty() { &[] } else { &[("class", &class)] };
        html.start("pre", &[("class", &"code")]).start("code", language);
        match inner {
            // syntect's spans, which escape the code they wrap.
            Some(spans) => html.markup(&spans),
            None => html.text(code),
        };
        html.end("code").end("pre").markup("\n");
        html.finish()
    }

    /// The stylesheet that colours the classes of [`Highlighter::highlight`].
    /// Colours are darkened where needed to keep a contrast of 4.5:1 (WCAG
    /// AA) on the theme's code background; the background is the theme's own.
    pub fn stylesheet() -> String {
        let themes = ThemeSet::load_defaults();
        let css = themes.themes.get(THEME).and_then(|theme| css_for_theme_with_class_style(theme, CLASS_STYLE).ok());
        css.unwrap_or_default()
            .lines()
            .filter(|line| !line.trim_start().starts_with("background-color"))
            .map(|line| match line.trim_start().strip_prefix("color: #").and_then(|rest| rest.strip_suffix(';')) {
                Some(hex) => format!(" color: #{};", readable(hex)),
                None => line.to_owned(),
            })
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// The code background of the default theme (`--wash`).
const BACKGROUND: [f64; 3] = [243.0, 245.0, 248.0];

fn luminance(rgb: [f64; 3]) -> f64 {
    let channel = |c: f64| {
        let c = c / 255.0;
        if c <= 0.03928 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
    };
    0.2126 * channel(rgb[0]) + 0.7152 * channel(rgb[1]) + 0.0722 * channel(rgb[2])
}

/// `hex` darkened just enough to reach 4.5:1 against [`BACKGROUND`].
fn readable(hex: &str) -> String {
    let parse = |i: usize| hex.get(i..i + 2).and_then(|h| u8::from_str_radix(h, 16).ok()).map(f64::from);
    let (Some(r), Some(g), Some(b)) = (parse(0), parse(2), parse(4)) else {
        return hex.to_owned();
    };
    let mut rgb = [r, g, b];
    let background = luminance(BACKGROUND);
    while (background + 0.05) / (luminance(rgb) + 0.05) < 4.5 {
        rgb = rgb.map(|c| c * 0.95);
    }
    rgb.iter().map(|c| format!("{:02x}", c.round() as u8)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pale_colours_are_darkened_to_aa_contrast() {
        assert_eq!(readable("000000"), "000000");
        let fixed = readable("63a35c");
        assert_ne!(fixed, "63a35c");
        let channel = |i: usize| f64::from(u8::from_str_radix(&fixed[i..i + 2], 16).unwrap());
        let ratio = (luminance(BACKGROUND) + 0.05) / (luminance([channel(0), channel(2), channel(4)]) + 0.05);
        assert!(ratio >= 4.5, "{ratio}");
    }
}
