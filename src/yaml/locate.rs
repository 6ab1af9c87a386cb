//! Where a value of a YAML text is: parsed values forget where they came
//! from, so the path is followed again in the text.

/// One step of a path into a YAML text.
#[derive(Debug, Clone, Copy)]
pub enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

/// The keys of the top-level mapping of `text`, each with its line
/// (1-based), in the order written.
pub fn top_level_keys(text: &str) -> Vec<(String, usize)> {
    text.lines()
        .map(LineView::new)
        .enumerate()
        .filter(|(_, view)| view.indent == 0 && view.dash.is_none() && !view.blank())
        .filter_map(|(i, view)| view.key().map(|key| (key.to_owned(), i + 1)))
        .collect()
}

/// Line and column (1-based, in `text`) of the value at `path`, found in the
/// text because parsed values forget where they came from. Block and flow
/// styles are both followed; where the path cannot be followed further, the
/// deepest position found is returned.
pub fn locate(text: &str, path: &[Step<'_>]) -> (usize, usize) {
    let lines: Vec<LineView<'_>> = text.lines().map(LineView::new).collect();
    let mut range = 0..lines.len();
    let mut found = (1, 1);
    // Inside a flow collection (`{ a: 1 }`, `[x, y]`): its line and the
    // column where the current value starts.
    let mut flow: Option<(usize, usize)> = None;
    for step in path {
        if let Some((line, col)) = flow {
            let raw = text.lines().nth(line).unwrap_or("");
            match flow_step(raw, col, *step) {
                Some(col) => {
                    flow = Some((line, col));
                    found = (line + 1, raw[..col].chars().count() + 1);
                    continue;
                }
                None => return found,
            }
        }
        match *step {
            Step::Key(key) => {
                let Some(line) =
                    range.clone().filter(|&i| lines[i].key() == Some(key)).min_by_key(|&i| lines[i].indent)
                else {
                    return found;
                };
                let view = &lines[line];
                let col = view.start + view.content.find(':').map_or(0, |c| c + 1);
                let rest = view.content.split_once(':').map_or("", |(_, r)| r);
                let value_col = col + (rest.len() - rest.trim_start().len());
                found = (line + 1, text.lines().nth(line).map_or(1, |raw| raw[..view.start].chars().count() + 1));
                if rest.trim_start().starts_with(['{', '[']) {
                    flow = Some((line, value_col));
                    continue;
                }
                let end = (line + 1..range.end)
                    .find(|&i| !lines[i].blank() && lines[i].ends_block_of(view.indent))
                    .unwrap_or(range.end);
                range = line + 1..end;
            }
            Step::Index(index) => {
                let dashes: Vec<usize> = range.clone().filter(|&i| lines[i].dash.is_some()).collect();
                let Some(depth) = dashes.iter().filter_map(|&i| lines[i].dash).min() else {
                    return found;
                };
                let items: Vec<usize> = dashes.into_iter().filter(|&i| lines[i].dash == Some(depth)).collect();
                let Some(&line) = items.get(index) else {
                    return found;
                };
                let view = &lines[line];
                found = (line + 1, depth + 1);
                if view.content.starts_with(['{', '[']) {
                    flow = Some((line, view.start));
                    continue;
                }
                let end = items.get(index + 1).copied().unwrap_or(range.end);
                range = line..end;
            }
        }
    }
    found
}

/// A line of block YAML: where its content starts once `- ` markers are
/// taken as indentation, and where its first `- ` is.
struct LineView<'a> {
    indent: usize,
    /// Byte offset of the content in the line.
    start: usize,
    dash: Option<usize>,
    content: &'a str,
}

impl<'a> LineView<'a> {
    fn new(line: &'a str) -> Self {
        let mut start = line.len() - line.trim_start_matches(' ').len();
        let mut dash = None;
        loop {
            let rest = &line[start..];
            if rest.starts_with("- ") || rest == "-" {
                dash.get_or_insert(start);
                start += 1;
                start += line[start..].len() - line[start..].trim_start_matches(' ').len();
            } else {
                break;
            }
        }
        LineView { indent: start, start, dash, content: &line[start..] }
    }

    fn blank(&self) -> bool {
        self.content.trim().is_empty() || self.content.starts_with('#')
    }

    /// The key this line starts with, unquoted. A key may hold spaces (an
    /// author's `Date of review:` is found to be reported); a line whose
    /// "key" opens a flow collection is not one.
    fn key(&self) -> Option<&'a str> {
        // A quoted key may hold a colon: `"Review: notes": x`.
        if let Some(quote) = self.content.chars().next().filter(|c| matches!(c, '"' | '\''))
            && let Some(end) = self.content[1..].find(quote)
            && self.content[1 + end + 1..].trim_start().starts_with(':')
        {
            return Some(&self.content[1..1 + end]).filter(|key| !key.is_empty());
        }
        let (key, _) = self.content.split_once(':')?;
        let key = key.trim().trim_matches(['"', '\'']);
        (!key.is_empty() && !key.contains(['{', '['])).then_some(key)
    }

    /// Whether this line is past the block of a key at `indent`: a sibling
    /// or an outer key, or an item of an outer list.
    fn ends_block_of(&self, indent: usize) -> bool {
        match self.dash {
            Some(dash) => dash < indent,
            None => self.indent <= indent,
        }
    }
}

/// In a flow collection starting at byte `col` of `line`: the byte column of
/// the value at `step`.
fn flow_step(line: &str, col: usize, step: Step<'_>) -> Option<usize> {
    let open = line[col..].find(['{', '['])? + col;
    let mut depth = 0;
    let mut quote: Option<char> = None;
    let mut element = 0;
    let mut element_start = open + 1;
    for (i, c) in line[open..].char_indices() {
        let i = i + open;
        if let Some(q) = quote {
            if c == q {
                quote = None;
            }
            continue;
        }
        match c {
            '"' | '\'' => quote = Some(c),
            '{' | '[' => depth += 1,
            '}' | ']' => {
                depth -= 1;
                if depth == 0 {
                    return None;
                }
            }
            ',' if depth == 1 => {
                element += 1;
                element_start = i + 1;
            }
            _ => {}
        }
        if depth == 1 && i == element_start {
            let item = &line[i..];
            let lead = item.len() - item.trim_start().len();
            match step {
                Step::Index(n) if n == element => return Some(i + lead),
                Step::Key(key) => {
                    let entry = item.trim_start();
                    if let Some(rest) = entry.strip_prefix(key)
                        && rest.trim_start().starts_with(':')
                    {
                        let after = rest.trim_start()[1..].len();
                        let value = line.len() - after;
                        let value = value + (line[value..].len() - line[value..].trim_start().len());
                        return Some(value);
                    }
                }
                _ => {}
            }
        }
    }
    None
}
