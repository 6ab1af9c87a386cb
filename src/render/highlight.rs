//! Code highlighting: the only module that knows syntect. Code gets CSS
//! classes; colours live in one generated stylesheet.

use syntect::highlighting::ThemeSet;
use syntect::html::{ClassStyle, ClassedHTMLGenerator, css_for_theme_with_class_style};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };
const THEME: &str = "InspiredGitHub";

/// Loaded once per build and shared by every page.
pub struct Highlighter {
    syntaxes: SyntaxSet,
}

impl Default for Highlighter {
    fn default() -> Self {
        Self::new()
    }
}

impl Highlighter {
    pub fn new() -> Self {
        Highlighter { syntaxes: SyntaxSet::load_defaults_newlines() }
    }

    /// `<pre><code>` for a fenced block; unknown languages stay plain text.
    pub fn highlight(&self, lang: &str, code: &str) -> String {
        let lang = lang.split([' ', ',', '{']).next().unwrap_or_default();
        let class =
            if lang.is_empty() { String::new() } else { format!(" class=\"language-{}\"", super::escape(lang)) };
        let syntax = (!lang.is_empty()).then(|| self.syntaxes.find_syntax_by_token(lang)).flatten();
        let inner = match syntax {
            Some(syntax) => {
                let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, &self.syntaxes, CLASS_STYLE);
                let highlighted = LinesWithEndings::from(code)
                    .try_for_each(|line| generator.parse_html_for_line_which_includes_newline(line));
                match highlighted {
                    Ok(()) => generator.finalize(),
                    Err(_) => super::escape(code),
                }
            }
            None => super::escape(code),
        };
        format!("<pre class=\"code\"><code{class}>{inner}</code></pre>\n")
    }

    /// The stylesheet that colours the classes of [`Highlighter::highlight`].
    pub fn stylesheet() -> String {
        let themes = ThemeSet::load_defaults();
        themes
            .themes
            .get(THEME)
            .and_then(|theme| css_for_theme_with_class_style(theme, CLASS_STYLE).ok())
            .unwrap_or_default()
    }
}
