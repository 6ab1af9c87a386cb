//! Scraping residue (check 5): a line of a web page's interface
//! ("Recommended for you"), a file name standing alone (warning, prose
//! only, outside code).

use super::{Finding, Line};
use crate::diagnostics::Severity;

/// Lines of a web page's interface copied along with the document.
pub(super) const RESIDUE_LINES: [&str; 2] = ["recommended for you", "recommandé pour vous"];

/// Extensions of the office documents whose names turn up as residue.
const DOCUMENT_EXTENSIONS: [&str; 8] = [".pdf", ".docx", ".doc", ".xlsx", ".xls", ".pptx", ".ppt", ".odt"];

/// Whole lines that are residue of a scraped page (prose only; code is not residue).
pub(super) fn scraping_residue(line: &Line, out: &mut Vec<Finding>) {
    if line.code.iter().any(|&c| c) {
        return;
    }
    let text: String = line.chars.iter().collect();
    let trimmed = text.trim();
    let column = line.chars.iter().take_while(|c| c.is_whitespace()).count();
    let (message, hint) = if RESIDUE_LINES.contains(&trimmed.to_lowercase().as_str()) {
        (
            format!("scraping residue `{trimmed}`: a line of a web page's interface, not of the document"),
            "delete the line",
        )
    } else if looks_like_file_name(trimmed) {
        (
            format!("a file name standing alone, `{trimmed}`: residue of a copied citation"),
            "delete it, or write the reference in full (title, author, year) or as a link to the document",
        )
    } else {
        return;
    };
    out.push(line.finding(column, Severity::Warning, message, hint.to_owned()));
}

/// For the first pass: what [`looks_like_file_name`] needs at the least,
/// one word with an extension or an underscore.
pub(super) fn may_be_file_name(trimmed: &str) -> bool {
    !trimmed.is_empty() && !trimmed.contains(' ') && (trimmed.contains('_') || trimmed.contains('.'))
}

/// No spaces, only letters, digits and `_-.…`, and either a document
/// extension (`Report_2023.pdf`) or words joined by underscores
/// (`Diaspora_Remittances_IDF_Camero…`). Underscores must join letters or
/// digits, so that Markdown emphasis (`__Note__`) is not a file name.
fn looks_like_file_name(text: &str) -> bool {
    if text.is_empty() || !text.chars().all(|c| c.is_alphanumeric() || "_-.…".contains(c)) {
        return false;
    }
    let lower = text.to_lowercase();
    if DOCUMENT_EXTENSIONS.iter().any(|ext| lower.len() > ext.len() && lower.ends_with(ext)) {
        return true;
    }
    let chars: Vec<char> = text.chars().collect();
    let joins = chars.windows(3).filter(|w| w[1] == '_' && w[0].is_alphanumeric() && w[2].is_alphanumeric()).count();
    joins >= 2 || (joins >= 1 && (text.ends_with('…') || text.ends_with("...")))
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use crate::diagnostics::Severity;

    #[test]
    fn interface_lines_are_residue() {
        let found = prose("Text.\nRecommended for you\n  Recommandé pour vous  \nRecommended for you and your family.");
        assert_eq!(at(&found, "scraping residue"), vec![(2, 1), (3, 3)]);
        assert!(found.iter().all(|d| d.severity == Severity::Warning && d.hint.as_deref() == Some("delete the line")));
    }

    #[test]
    fn file_names_standing_alone_are_residue() {
        let found =
            prose("Annual_Report_2023.pdf\nnote.DOCX\nDiaspora_Remittances…\nDiaspora_Remittances_IDF_Camero...");
        assert_eq!(at(&found, "file name standing alone"), vec![(1, 1), (2, 1), (3, 1), (4, 1)]);
        let not_files = "See report.pdf here.\nhttps://iom.int/a_b_c.pdf\n__Important__\n_Note_\nsnake_case\n[Report](files/a_b_c.pdf)\n.pdf\n| a_b_c.pdf |";
        assert!(prose(not_files).is_empty(), "{:#?}", prose(not_files));
    }

    #[test]
    fn residue_is_a_prose_check() {
        assert!(data("Recommended for you\nAnnual_Report_2023.pdf").is_empty());
        assert!(prose("```\nAnnual_Report_2023.pdf\n```").is_empty());
    }
}
