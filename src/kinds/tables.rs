//! Tables as data: a table field may name a CSV file of the document's
//! bundle instead of holding rows. One CSV serves both languages: the
//! language-neutral columns once, text columns suffixed `_en` / `_fr`. This
//! module reads such a file into the rows of one language, typed by the
//! field table, so that the rest of the checks see inline rows either way.

use std::path::Path;

use serde_json::{Map, Number, Value};

use super::schema::{Field, Ty};
use crate::diagnostics::{Diagnostic, did_you_mean};

/// Where a table's rows came from, to place problems in the CSV file.
#[derive(Debug, Clone)]
pub struct CsvSource {
    pub display: String,
    /// File line of each row.
    pub row_lines: Vec<usize>,
    /// Column names as written, to place a cell's problem at its column.
    pub columns: Vec<String>,
}

impl CsvSource {
    /// Line and column of a row's cell (the column of `name`, or of
    /// `name_<lang>`), 1-based; column counts cells, as spreadsheets do.
    pub fn position(&self, row: usize, name: Option<&str>, lang: &str) -> (usize, usize) {
        let line = self.row_lines.get(row).copied().unwrap_or(1);
        let col = name
            .and_then(|n| {
                let suffixed = format!("{n}_{lang}");
                // Without a language: the first column of that name, in any language.
                let any = |c: &String| {
                    lang.is_empty() && c.strip_prefix(n).is_some_and(|r| r.len() == 3 && r.starts_with('_'))
                };
                self.columns.iter().position(|c| c == n || *c == suffixed || any(c))
            })
            .map_or(1, |i| i + 1);
        (line, col)
    }
}

/// The file `name` of the document's folder, of type `extension` (`csv`,
/// `json`): where it is and how it is shown. `at` is the file, line and
/// column of what names it, and `naming` how that is written
/// (`results: results.csv`).
pub fn locate(
    bundle_dir: Option<&Path>,
    doc_display: &str,
    (name, extension): (&str, &str),
    naming: &str,
    at: (&str, usize, usize),
) -> Result<(std::path::PathBuf, String), Diagnostic> {
    let (file, line, col) = at;
    let Some(dir) = bundle_dir else {
        return Err(Diagnostic::error(file, line, col, format!("`{naming}` names a file, but this document is not a folder"))
            .with_hint("a data file sits beside the document: move `x.en.md` to `x/index.en.md` and put the CSV in `x/`, or write the rows inline"));
    };
    let typed = name.rsplit_once('.').is_some_and(|(_, ext)| ext.eq_ignore_ascii_case(extension));
    if !typed || name.contains('/') || name.contains('\\') {
        let kind = extension.to_uppercase();
        return Err(Diagnostic::error(
            file,
            line,
            col,
            format!("`{name}` is not the name of a {kind} file of this folder"),
        )
        .with_hint(format!("name a `.{extension}` file of the document's folder, beside its index.<lang>.md")));
    }
    let path = dir.join(name);
    if !path.is_file() {
        let known: Vec<String> = std::fs::read_dir(dir)
            .map(|entries| entries.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect())
            .unwrap_or_default();
        let hint = did_you_mean(name, known.iter().map(String::as_str))
            .unwrap_or_else(|| "put the file in the document's folder, beside its index.<lang>.md".to_owned());
        return Err(Diagnostic::error(file, line, col, format!("`{name}` does not exist in the document's folder"))
            .with_hint(hint));
    }
    let display = format!("{}/{name}", doc_display.rsplit_once('/').map_or("", |(d, _)| d));
    Ok((path, display))
}

/// A CSV file as read: its header, and each row with its line. Rows that
/// cannot be read are problems.
struct Raw {
    headers: Vec<String>,
    rows: Vec<(usize, csv::StringRecord)>,
    problems: Vec<Diagnostic>,
}

fn read_raw(path: &Path, display: &str) -> Result<Raw, Vec<Diagnostic>> {
    let mut found = crate::diagnostics::Diagnostics::default();
    let Some(text) = crate::load::read_text(path, display, &mut found) else {
        return Err(found.sorted());
    };
    if let Some(problem) = shape_problem(&text, display) {
        return Err(vec![problem]);
    }
    let mut reader = csv::ReaderBuilder::new().trim(csv::Trim::All).from_reader(text.as_bytes());
    let headers = match reader.headers() {
        Ok(h) => h.iter().map(str::to_owned).collect::<Vec<_>>(),
        Err(err) => return Err(vec![csv_error(display, &err)]),
    };
    let mut raw = Raw { headers, rows: Vec::new(), problems: Vec::new() };
    for record in reader.records() {
        match record {
            Ok(record) => raw.rows.push((record.position().map_or(1, |p| p.line() as usize), record)),
            Err(err) => raw.problems.push(csv_error(display, &err)),
        }
    }
    Ok(raw)
}

/// What the csv crate would read without a word, but wrongly: a file that
/// is not text (NUL bytes: a spreadsheet's own format, or UTF-16), an empty
/// file, a file separated by `;` or tabs (one cell per row), and quotes that
/// do not close where the cell ends (the rows after them become one cell).
fn shape_problem(text: &str, display: &str) -> Option<Diagnostic> {
    if let Some(offset) = text.find('\0') {
        let (line, column) = crate::diagnostics::line_col(text, offset);
        return Some(
            Diagnostic::error(display, line, column, "this CSV file holds a NUL byte (U+0000): it is not plain text")
                .with_hint("it is most likely a spreadsheet saved in another format, or as UTF-16: export it again as \"CSV UTF-8 (comma delimited)\""),
        );
    }
    let Some(header_index) = text.lines().position(|l| !l.trim().is_empty()) else {
        return Some(
            Diagnostic::error(display, 1, 1, "this CSV file is empty")
                .with_hint("write a header line naming the columns, separated by commas, then one row per line"),
        );
    };
    let header = text.lines().nth(header_index).unwrap_or_default();
    let count = |c: char| outside_quotes(header).filter(|&x| x == c).count();
    let commas = count(',');
    for (delimiter, name) in [(';', "`;`"), ('\t', "tabs")] {
        let n = count(delimiter);
        if n > commas {
            return Some(
                Diagnostic::error(display, header_index + 1, 1, format!("this file is separated by {name}: relais reads commas"))
                    .with_hint("save it as CSV with commas (LibreOffice: Field delimiter `,`; Excel: \"CSV UTF-8 (comma delimited)\")"),
            );
        }
    }
    quote_problem(text, display, commas + 1)
}

/// The characters of a line that are not inside quotes.
fn outside_quotes(line: &str) -> impl Iterator<Item = char> + '_ {
    let mut quoted = false;
    line.chars().filter(move |&c| {
        if c == '"' {
            quoted = !quoted;
        }
        !quoted && c != '"'
    })
}

/// Follows the quotes of the file as a CSV reader does (a quote opens a
/// cell only at its start; `""` inside is a quote) and reports a quote that
/// never closes, one that closes in the middle of a cell, and a quoted cell
/// that takes in whole rows of the lines after it.
fn quote_problem(text: &str, display: &str, columns: usize) -> Option<Diagnostic> {
    let bytes = text.as_bytes();
    let at = |offset: usize| crate::diagnostics::line_col(text, offset);
    let mut i = 0;
    let mut cell_start = true;
    while i < bytes.len() {
        match bytes[i] {
            b'"' if cell_start => {
                let open = i;
                i += 1;
                let close = loop {
                    match bytes[i..].iter().position(|&b| b == b'"') {
                        None => {
                            let (line, column) = at(open);
                            return Some(
                                Diagnostic::error(display, line, column, "the quote opened on this row is never closed: every row after it would be read as one cell")
                                    .with_hint("close the cell with `\"`, and write a quote inside a cell as `\"\"`"),
                            );
                        }
                        Some(p) if bytes.get(i + p + 1) == Some(&b'"') => i += p + 2,
                        Some(p) => break i + p,
                    }
                };
                let cell = &text[open + 1..close];
                // A line inside the cell that holds as many cells as a row.
                let swallowed = columns > 2
                    && cell.lines().skip(1).any(|l| outside_quotes(l).filter(|&c| c == ',').count() + 1 >= columns);
                if swallowed {
                    let (line, column) = at(open);
                    let (end, _) = at(close);
                    return Some(
                        Diagnostic::error(display, line, column, format!("the quote opened on this row closes only on line {end}: the rows between are read as one cell"))
                            .with_hint("close the cell with `\"` where it ends, and write a quote inside a cell as `\"\"`"),
                    );
                }
                i = close + 1;
                match bytes.get(i) {
                    None | Some(b',' | b'\n' | b'\r') => {}
                    Some(b' ' | b'\t') if text[i..].trim_start_matches([' ', '\t']).starts_with([',', '\n']) => {}
                    Some(_) => {
                        let (line, column) = at(i);
                        return Some(
                            Diagnostic::error(display, line, column, "a quoted cell goes on after its closing quote")
                                .with_hint("write a quote inside a cell as `\"\"`, and quote the whole cell: `\"12\"\" screen\"`"),
                        );
                    }
                }
                cell_start = false;
            }
            b',' | b'\n' => {
                cell_start = true;
                i += 1;
            }
            _ => {
                cell_start = false;
                i += 1;
            }
        }
    }
    None
}

/// Reads a CSV file of any columns (for components) into rows for `lang`:
/// `x_en` / `x_fr` become `x` in their language, numbers become numbers.
/// Returns the rows and their lines.
pub fn read_untyped(path: &Path, display: &str, lang: &str) -> Result<(Vec<Value>, Vec<usize>), Vec<Diagnostic>> {
    let raw = read_raw(path, display)?;
    if !raw.problems.is_empty() {
        return Err(raw.problems);
    }
    // `x_en`: a column in one language when its suffix is this language or
    // another column has the same name in another (`verified_on` is not
    // a column in language `on`).
    let language_of = |h: &str| match h.rsplit_once('_') {
        Some((base, suffix)) if suffix.len() == 2 && suffix.chars().all(|c| c.is_ascii_lowercase()) => {
            Some((base.to_owned(), suffix.to_owned()))
        }
        _ => None,
    };
    let split: Vec<Option<(String, String)>> = raw.headers.iter().map(|h| language_of(h)).collect();
    let names: Vec<Option<&str>> = raw
        .headers
        .iter()
        .zip(&split)
        .map(|(h, parts)| match parts {
            Some((base, suffix))
                if suffix == lang
                    || split.iter().flatten().any(|(other, other_suffix)| other == base && other_suffix != suffix) =>
            {
                (suffix == lang).then(|| &h[..base.len()])
            }
            _ => Some(h.as_str()),
        })
        .collect();
    let mut rows = Vec::with_capacity(raw.rows.len());
    let mut lines = Vec::with_capacity(raw.rows.len());
    for (line, record) in &raw.rows {
        let row: Map<String, Value> = record
            .iter()
            .zip(&names)
            .filter_map(|(cell, name)| {
                Some(((*name)?.to_owned(), number(cell).unwrap_or_else(|| Value::String(cell.to_owned()))))
            })
            .collect();
        rows.push(Value::Object(row));
        lines.push(*line);
    }
    if rows.is_empty() {
        return Err(vec![
            Diagnostic::error(display, 1, 1, "this CSV file has a header but no rows")
                .with_hint("add one row per line under the header"),
        ]);
    }
    Ok((rows, lines))
}

/// Reads `path` (shown as `display`) into rows for `lang`, typed by `fields`.
pub fn read(
    path: &Path,
    display: &str,
    fields: &[Field],
    lang: &str,
) -> Result<(Vec<Value>, CsvSource), Vec<Diagnostic>> {
    let Raw { headers, rows: records, mut problems } = read_raw(path, display)?;
    // For each column: the field it fills in this language, or None when it
    // belongs to the other language.
    let mut plan: Vec<Option<&Field>> = Vec::with_capacity(headers.len());
    for (i, header) in headers.iter().enumerate() {
        let (base, suffix) = match header.rsplit_once('_') {
            Some((base, suffix)) if suffix.len() == 2 && fields.iter().any(|f| f.name == base) => (base, Some(suffix)),
            _ => (header.as_str(), None),
        };
        match fields.iter().find(|f| f.name == base) {
            Some(field) => plan.push((suffix.is_none_or(|s| s == lang)).then_some(field)),
            None if is_personal_data(header) => {
                problems.push(
                    Diagnostic::error(display, 1, i + 1, format!("`{header}` is a personal-data column"))
                        .with_hint("published tables hold no names, phone numbers, e-mails or signatures: remove the column (signed sheets stay in the programme's files; only counts are published)"),
                );
                plan.push(None);
            }
            None => {
                let names = fields.iter().map(|f| f.name);
                let hint = did_you_mean(header, names).unwrap_or_else(|| {
                    format!("columns: {}", fields.iter().map(|f| f.name).collect::<Vec<_>>().join(", "))
                });
                problems
                    .push(Diagnostic::error(display, 1, i + 1, format!("unknown column `{header}`")).with_hint(hint));
                plan.push(None);
            }
        }
    }
    // Every required field has its column.
    for field in fields.iter().filter(|f| f.req == crate::kinds::schema::Req::Required) {
        let present = headers
            .iter()
            .any(|h| h == field.name || h.strip_prefix(field.name).is_some_and(|r| r.len() == 3 && r.starts_with('_')));
        if !present {
            problems.push(
                Diagnostic::error(display, 1, 1, format!("no `{}` column", field.name))
                    .with_hint(format!("{}: {}", field.name, field.doc)),
            );
        }
    }
    // A text column given per language needs this language's column.
    for field in fields {
        let mine = format!("{}_{lang}", field.name);
        let translated =
            headers.iter().any(|h| h.strip_prefix(field.name).is_some_and(|r| r.len() == 3 && r.starts_with('_')));
        if translated && !headers.iter().any(|h| *h == mine || h == field.name) {
            problems.push(
                Diagnostic::error(display, 1, 1, format!("no `{mine}` column for the `{lang}` edition"))
                    .with_hint(format!("add a `{mine}` column with the text in this language")),
            );
        }
    }
    let mut rows = Vec::new();
    let mut row_lines = Vec::new();
    for (line, record) in records {
        row_lines.push(line);
        let mut row = Map::new();
        for (cell, field) in record.iter().zip(&plan) {
            if let Some(field) = field
                && !cell.is_empty()
            {
                row.insert(field.name.to_owned(), cell_value(cell, &field.ty));
            }
        }
        rows.push(Value::Object(row));
    }
    if rows.is_empty() && problems.is_empty() {
        problems.push(
            Diagnostic::error(display, 1, 1, "this table has no rows")
                .with_hint("add one row per line under the header, or write the rows in the front matter"),
        );
    }
    if problems.is_empty() {
        Ok((rows, CsvSource { display: display.to_owned(), row_lines, columns: headers }))
    } else {
        Err(problems)
    }
}

/// Column names that hold data about persons.
fn is_personal_data(header: &str) -> bool {
    const WORDS: &[&str] = &[
        "name",
        "names",
        "nom",
        "noms",
        "prenom",
        "prénom",
        "first_name",
        "last_name",
        "full_name",
        "surname",
        "phone",
        "telephone",
        "téléphone",
        "tel",
        "tél",
        "mobile",
        "email",
        "e-mail",
        "mail",
        "courriel",
        "signature",
        "signatures",
        "id_number",
        "cni",
        "passport",
        "passeport",
    ];
    let lower = header.to_lowercase();
    WORDS.contains(&lower.as_str()) || lower.ends_with("_name") || lower.contains("phone") || lower.contains("email")
}

pub fn csv_error(display: &str, err: &csv::Error) -> Diagnostic {
    let line = err.position().map_or(1, |p| p.line() as usize);
    let message = match err.kind() {
        csv::ErrorKind::UnequalLengths { expected_len, len, .. } => {
            format!("this row has {len} cells, the header {expected_len}")
        }
        csv::ErrorKind::Utf8 { .. } => "this row is not UTF-8 text".to_owned(),
        _ => format!("cannot read this CSV row: {err}"),
    };
    Diagnostic::error(display, line, 1, message)
        .with_hint("each row needs one cell per column; quote cells that contain commas: \"a, b\"")
}

/// A cell as the value the field's type expects, when it reads as one; as
/// text otherwise, so that the type check reports it.
fn cell_value(cell: &str, ty: &Ty) -> Value {
    let text = || Value::String(cell.to_owned());
    match ty {
        Ty::Minutes | Ty::Integer { .. } => cell.parse::<i64>().map(Value::from).unwrap_or_else(|_| text()),
        Ty::Number { .. } => number(cell).unwrap_or_else(text),
        Ty::Bool => match cell {
            "true" | "yes" => Value::Bool(true),
            "false" | "no" => Value::Bool(false),
            _ => text(),
        },
        Ty::YearOrMonth => cell.parse::<u64>().map(Value::from).unwrap_or_else(|_| text()),
        Ty::List(item) => Value::Array(
            cell.split(';').map(str::trim).filter(|s| !s.is_empty()).map(|s| cell_value(s, item)).collect(),
        ),
        Ty::Either(alternatives) if alternatives.iter().any(|a| matches!(a, Ty::Number { .. })) => {
            number(cell).unwrap_or_else(text)
        }
        _ => text(),
    }
}

fn number(cell: &str) -> Option<Value> {
    if let Ok(n) = cell.parse::<i64>() {
        return Some(Value::from(n));
    }
    cell.parse::<f64>().ok().and_then(Number::from_f64).map(Value::Number)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kinds::report::ATTENDANCE_ROW;

    fn write(text: &str) -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.csv");
        std::fs::write(&path, text).unwrap();
        (dir, path)
    }

    #[test]
    fn rows_are_typed_and_text_columns_picked_by_language() {
        let fields = crate::kinds::sop::SERVICE_ROW;
        let (_dir, path) = write(
            "id,type,provider,region,location_en,location_fr,languages\npsy,psychosocial,minas,Centre,Town hall,Mairie,fr;en\n",
        );
        let (rows, source) = read(&path, "t.csv", fields, "fr").unwrap();
        assert_eq!(rows[0]["location"], "Mairie");
        assert_eq!(rows[0]["languages"], serde_json::json!(["fr", "en"]));
        assert_eq!(source.position(0, Some("location"), "fr"), (2, 6));
    }

    #[test]
    fn numbers_become_numbers_and_bad_columns_are_reported() {
        let (_dir, path) = write("institution,category,women,men,not_recorded,name\nminrex,line-ministries,3,5,0,x\n");
        let problems = read(&path, "t.csv", ATTENDANCE_ROW, "en").unwrap_err();
        assert_eq!(problems[0].message, "`name` is a personal-data column");
        let (_dir, path) = write("institution,category,women,men,not_recorded\nminrex,line-ministries,3,five,0\n");
        let (rows, _) = read(&path, "t.csv", ATTENDANCE_ROW, "en").unwrap();
        assert_eq!(rows[0]["women"], 3);
        assert_eq!(rows[0]["men"], "five");
    }

    #[test]
    fn a_missing_translation_column_is_reported() {
        let fields = crate::kinds::sop::SERVICE_ROW;
        let (_dir, path) = write("id,type,provider,region,location_en\npsy,psychosocial,minas,Centre,Town hall\n");
        let problems = read(&path, "t.csv", fields, "fr").unwrap_err();
        assert_eq!(problems[0].message, "no `location_fr` column for the `fr` edition");
    }

    #[test]
    fn required_columns_and_rows_are_needed() {
        let (_dir, path) = write("institution,category,women,men\nminrex,line-ministries,3,5\n");
        let problems = read(&path, "t.csv", ATTENDANCE_ROW, "en").unwrap_err();
        assert_eq!(problems[0].message, "no `not_recorded` column");
        let (_dir, path) = write("institution,category,women,men,not_recorded\n");
        let problems = read(&path, "t.csv", ATTENDANCE_ROW, "en").unwrap_err();
        assert_eq!(problems[0].message, "this table has no rows");
    }

    fn problem(text: &str) -> (usize, usize, String) {
        let (_dir, path) = write(text);
        let problems = read_untyped(&path, "t.csv", "en").unwrap_err();
        assert_eq!(problems.len(), 1, "{problems:?}");
        (problems[0].line, problems[0].column, problems[0].message.clone())
    }

    #[test]
    fn only_columns_given_per_language_are_picked_by_language() {
        let (_dir, path) = write("id,location_en,location_fr,verified_on,note_en\nx,Town hall,Mairie,2026-12-01,n\n");
        let (rows, _) = read_untyped(&path, "t.csv", "fr").unwrap();
        assert_eq!(
            rows[0],
            serde_json::json!({"id": "x", "location": "Mairie", "verified_on": "2026-12-01", "note_en": "n"})
        );
        let (rows, _) = read_untyped(&path, "t.csv", "en").unwrap();
        assert_eq!(rows[0]["note"], "n");
        assert_eq!(rows[0]["verified_on"], "2026-12-01");
    }

    #[test]
    fn files_a_reader_would_misread_are_reported() {
        let (line, _, message) = problem("institution;category;women\nminrex;line;3\n");
        assert_eq!((line, message.as_str()), (1, "this file is separated by `;`: relais reads commas"));
        let (_, _, message) = problem("institution\tcategory\nminrex\tline\n");
        assert_eq!(message, "this file is separated by tabs: relais reads commas");
        assert_eq!(problem("").2, "this CSV file is empty");
        assert_eq!(problem("\n  \n").2, "this CSV file is empty");
        let (line, column, message) = problem("a,b\nx,y\0z\n");
        assert_eq!((line, column), (2, 4));
        assert!(message.contains("NUL"), "{message}");
    }

    #[test]
    fn quotes_that_do_not_close_where_the_cell_ends_are_reported() {
        let (line, column, message) = problem("a,b,c\n1,\"open,3\n4,5,6\n7,8,9\n");
        assert_eq!((line, column), (2, 3));
        assert!(message.contains("never closed"), "{message}");
        let (line, _, message) = problem("a,b,c\n1,\"Town hall,3\n4,5,6\n7,Mairie\",9\n");
        assert_eq!(line, 2);
        assert!(message.contains("closes only on line 4"), "{message}");
        let (line, column, message) = problem("a,b\n1,\"12\" screen\"\n");
        assert_eq!((line, column), (2, 7));
        assert!(message.contains("after its closing quote"), "{message}");
        // Quotes as a CSV writer leaves them are fine, a cell over two lines too.
        let (_dir, path) = write("a,b,c\n1,\"x, \"\"y\"\"\",3\n2,\"two\nlines\",4\n5, 6\" wide,7\n");
        let (rows, lines) = read_untyped(&path, "t.csv", "en").unwrap();
        assert_eq!(rows[0]["b"], "x, \"y\"");
        assert_eq!(rows[2]["b"], "6\" wide");
        assert_eq!(lines, [2, 3, 5]);
    }
}
