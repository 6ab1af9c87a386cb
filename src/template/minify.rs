//! The minifiers of the theme's files: its templates, once when they are
//! compiled, and its stylesheets, once per compiled theme.

/// A stylesheet minified by lightningcss (the CSS minifier minify-html
/// builds on), so that stylesheets count little in each page's weight. A
/// stylesheet it cannot read (a site's own, with a mistake) is kept as
/// written: a browser skips what it does not understand, rule by rule.
pub fn minify_css(source: &str) -> String {
    use lightningcss::stylesheet::{MinifyOptions, ParserOptions, PrinterOptions, StyleSheet};
    let Ok(mut sheet) = StyleSheet::parse(source, ParserOptions::default()) else {
        return source.to_owned();
    };
    if sheet.minify(MinifyOptions::default()).is_err() {
        return source.to_owned();
    }
    match sheet.to_css(PrinterOptions { minify: true, ..PrinterOptions::default() }) {
        Ok(css) => css.code,
        Err(_) => source.to_owned(),
    }
}

/// Whether minifying keeps the template's meaning: a Tera tag between the
/// attributes of an element (`<a href="x"{% if y %} class="z"{% endif %}>`)
/// would be taken for attributes and moved.
pub fn can_minify_template(source: &str) -> bool {
    let mut in_tag = false;
    let mut quote: Option<char> = None;
    let mut previous = ' ';
    for c in source.chars() {
        match (in_tag, quote, c) {
            (false, _, '<') => in_tag = true,
            (true, None, '>') => in_tag = false,
            (true, None, '"' | '\'') => quote = Some(c),
            (true, Some(q), _) if c == q => quote = None,
            (true, None, '%' | '{') if previous == '{' => return false,
            _ => {}
        }
        previous = c;
    }
    true
}

/// Minifies an HTML template once, keeping its `{{ }}`, `{% %}` and `{# #}`
/// untouched, so that every page made from it comes out minified without
/// minifying each page: the inserted bodies are already compact HTML, and
/// minifying 20,000 pages one by one was the largest cost of a build.
pub fn minify_template(source: &str) -> String {
    let mut cfg = minify_html::Cfg::new();
    cfg.preserve_brace_template_syntax = true;
    cfg.keep_html_and_head_opening_tags = true;
    cfg.keep_closing_tags = true;
    // Quotes stay: a value such as `{{ href }}` may render with spaces.
    cfg.allow_noncompliant_unquoted_attribute_values = false;
    String::from_utf8(minify_html::minify(source.as_bytes(), &cfg)).unwrap_or_else(|_| source.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn css_loses_comments_and_spaces_but_not_strings() {
        let css = "/* note */\n.a > .b ,\n.c {\n  content: \" (see) \";\n  margin: 0 auto;\n}\n@media print { .x { top: 0 } }\n";
        assert_eq!(minify_css(css), ".a>.b,.c{content:\" (see) \";margin:0 auto}@media print{.x{top:0}}");
    }

    #[test]
    fn templates_are_minified_unless_tags_stand_between_attributes() {
        assert!(can_minify_template("<a href=\"{{ x }}\" class=\"{% if y %}z{% endif %}\">{{ t }}</a>"));
        assert!(!can_minify_template("<a href=\"{{ x }}\"{% if y %} class=\"z\"{% endif %}>"));
        let minified = minify_template("<ul>\n  <li>\n    <a href=\"{{ x }}\">{{ t }}</a>\n  </li>\n</ul>\n");
        assert_eq!(minified, "<ul><li><a href=\"{{ x }}\">{{ t }}</a></li></ul>");
    }
}
