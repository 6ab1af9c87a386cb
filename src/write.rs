//! Output files -> the output folder. Minifies HTML, writes everything into
//! a temporary folder beside the output, and swaps it in only when all of it
//! was written: a failed build leaves the previous site as it was. Knows
//! nothing about documents or languages.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

/// A file to write, by its path from the output's root.
#[derive(Debug, Clone)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Removes comments and the spaces CSS does not need (outside strings), so
/// that stylesheets count little in each page's weight.
pub fn minify_css(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    let mut chars = source.chars().peekable();
    let mut quote: Option<char> = None;
    let mut pending_space = false;
    while let Some(c) = chars.next() {
        if let Some(q) = quote {
            out.push(c);
            if c == '\\' {
                out.extend(chars.next());
            } else if c == q {
                quote = None;
            }
            continue;
        }
        match c {
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut last = ' ';
                for inner in chars.by_ref() {
                    if last == '*' && inner == '/' {
                        break;
                    }
                    last = inner;
                }
                pending_space = true;
            }
            c if c.is_whitespace() => pending_space = true,
            _ => {
                // No space needed after these, nor before them but `:`
                // (`a :hover` differs from `a:hover`).
                let tight_after = |x: char| "{};:,>".contains(x);
                let tight_before = |x: char| "{};,>".contains(x);
                if pending_space && !out.is_empty() && !tight_before(c) && !out.ends_with(tight_after) {
                    out.push(' ');
                }
                pending_space = false;
                if c == '}' && out.ends_with(';') {
                    out.pop();
                }
                if c == '"' || c == '\'' {
                    quote = Some(c);
                }
                out.push(c);
            }
        }
    }
    out
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

/// Writes `files` and copies `copies` (source, output path) into `out`,
/// replacing what was there only if everything succeeded.
pub fn write_site(out: &Path, files: &[OutputFile], copies: &[(PathBuf, String)]) -> std::io::Result<()> {
    stage(out, files, copies)?.commit()
}

/// A new site written beside the output, not yet in its place. Dropped
/// without [`Staging::commit`], it is removed and the output stays as it was.
pub struct Staging {
    pub dir: PathBuf,
    out: PathBuf,
    committed: bool,
}

/// Writes the site into a temporary folder next to `out`.
pub fn stage(out: &Path, files: &[OutputFile], copies: &[(PathBuf, String)]) -> std::io::Result<Staging> {
    let parent = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent)?;
    let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "site".to_owned());
    let dir = parent.join(format!(".{name}.new-{}", std::process::id()));
    if dir.exists() {
        std::fs::remove_dir_all(&dir)?;
    }
    let staging = Staging { dir, out: out.to_path_buf(), committed: false };
    write_all(&staging.dir, files, copies)?;
    Ok(staging)
}

impl Staging {
    /// Writes more files (or new versions of files) into the staged site.
    pub fn write(&self, files: &[OutputFile]) -> std::io::Result<()> {
        write_all(&self.dir, files, &[])
    }

    /// Swaps the staged site in place of the output.
    pub fn commit(mut self) -> std::io::Result<()> {
        let name = self.out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let previous = self.dir.with_file_name(format!(".{name}.old-{}", std::process::id()));
        if self.out.exists() {
            std::fs::rename(&self.out, &previous)?;
        }
        if let Err(err) = std::fs::rename(&self.dir, &self.out) {
            // Put the previous site back.
            if previous.exists() {
                let _ = std::fs::rename(&previous, &self.out);
            }
            return Err(err);
        }
        self.committed = true;
        if previous.exists() {
            std::fs::remove_dir_all(&previous)?;
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

fn write_all(staging: &Path, files: &[OutputFile], copies: &[(PathBuf, String)]) -> std::io::Result<()> {
    let mut dirs: Vec<PathBuf> = files
        .iter()
        .map(|f| f.path.as_str())
        .chain(copies.iter().map(|(_, p)| p.as_str()))
        .filter_map(|p| staging.join(p).parent().map(Path::to_path_buf))
        .collect();
    dirs.sort();
    dirs.dedup();
    for dir in &dirs {
        std::fs::create_dir_all(dir)?;
    }
    files.par_iter().try_for_each(|file| std::fs::write(staging.join(&file.path), &file.bytes))?;
    copies.par_iter().try_for_each(|(from, to)| std::fs::copy(from, staging.join(to)).map(|_| ()))?;
    Ok(())
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
