//! The tables of an imported body, written out as CSV files beside it.

use super::*;

/// A table of the imported text that became the CSV file of a table field.
#[derive(Debug)]
pub(super) struct CsvTable {
    pub(super) field: &'static str,
    pub(super) file: String,
    pub(super) csv: String,
}

/// Pipe tables of `body` whose header names the columns of a table field
/// of `kind` (every required column, no unknown one) are taken out of the
/// body and returned as that field's CSV file.
pub(super) fn tables_as_csv(body: &mut String, kind: &str) -> Vec<CsvTable> {
    let fields: Vec<(&'static str, &'static [schema::Field])> = schema::kind_fields(kind)
        .iter()
        .filter_map(|f| match &f.ty {
            Ty::Table(columns) => Some((f.name, *columns)),
            _ => None,
        })
        .collect();
    if fields.is_empty() {
        return Vec::new();
    }
    let lines: Vec<&str> = body.lines().collect();
    let mut out = Vec::new();
    let mut removed: Vec<std::ops::Range<usize>> = Vec::new();
    let mut i = 0;
    while i + 1 < lines.len() {
        let is_row = |l: &str| l.trim_start().starts_with('|');
        let separator = lines[i + 1].trim().starts_with('|')
            && lines[i + 1].chars().all(|c| "|-: ".contains(c))
            && lines[i + 1].contains('-');
        if !(is_row(lines[i]) && separator) {
            i += 1;
            continue;
        }
        let end = (i + 2..lines.len()).find(|&j| !is_row(lines[j])).unwrap_or(lines.len());
        let header: Vec<String> = cells(lines[i]).iter().map(|c| column_name(c)).collect();
        let fits = fields.iter().find(|(name, columns)| {
            !out.iter().any(|t: &CsvTable| t.field == *name)
                && columns.iter().filter(|c| c.req == schema::Req::Required).all(|c| header.iter().any(|h| h == c.name))
                && header.iter().all(|h| columns.iter().any(|c| c.name == h))
        });
        if let Some((name, _)) = fits {
            let mut csv = String::new();
            for row in std::iter::once(lines[i]).chain(lines[i + 2..end].iter().copied()) {
                let row: Vec<String> = if row == lines[i] { header.clone() } else { cells(row) };
                csv.push_str(&row.iter().map(|c| csv_cell(c)).collect::<Vec<_>>().join(","));
                csv.push('\n');
            }
            out.push(CsvTable { field: name, file: format!("{}.csv", name.replace('_', "-")), csv });
            removed.push(i..end);
        }
        i = end;
    }
    if !removed.is_empty() {
        *body = lines
            .iter()
            .enumerate()
            .filter(|(n, _)| !removed.iter().any(|r| r.contains(n)))
            .map(|(_, l)| *l)
            .collect::<Vec<_>>()
            .join("\n");
    }
    out
}

pub(super) fn cells(row: &str) -> Vec<String> {
    let row = row.trim().trim_start_matches('|');
    let row = row.strip_suffix('|').unwrap_or(row);
    let mut cells = vec![String::new()];
    let mut escaped = false;
    for c in row.chars() {
        match c {
            '|' if !escaped => cells.push(String::new()),
            '\\' if !escaped => escaped = true,
            c => {
                if let Some(cell) = cells.last_mut() {
                    if escaped && c != '|' {
                        cell.push('\\');
                    }
                    cell.push(c);
                }
                escaped = false;
            }
        }
    }
    cells.into_iter().map(|c| c.trim().to_owned()).collect()
}

/// `Not recorded` -> `not_recorded`: a header cell as a field's column.
pub(super) fn column_name(cell: &str) -> String {
    let folded = fold(cell);
    let words: Vec<&str> = folded.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    words.join("_")
}

pub(super) fn csv_cell(cell: &str) -> String {
    if cell.contains([',', '"', '\n']) { format!("\"{}\"", cell.replace('"', "\"\"")) } else { cell.to_owned() }
}
