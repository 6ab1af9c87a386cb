//! Numbers grouped the other language's way (check 4): `1,674` on a French
//! page, `1 674` on an English one (warning, prose only).

use std::ops::Range;

use super::{Finding, Line, overlaps, shown};
use crate::diagnostics::Severity;

/// `1,674` on a French page, `1 674` on an English one (DOCUMENT-KINDS.md
/// 10.2). A grouped number is a first group of 1 to 3 digits followed by
/// groups of exactly 3; code, URLs and the personal data already reported are
/// left alone.
pub(super) fn foreign_numbers(line: &Line, lang: &str, personal: &[Range<usize>], out: &mut Vec<Finding>) {
    let separators: &[char] = match lang {
        "fr" => &[','],
        "en" => &[' ', '\u{A0}', '\u{202F}', '\u{2009}'],
        _ => return,
    };
    let chars = &line.chars;
    let urls = urls(chars);
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() || inside_number(chars, i, separators) {
            i += 1;
            continue;
        }
        let first = chars[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        let mut end = i + first;
        let mut groups = Vec::new();
        while end < chars.len() && separators.contains(&chars[end]) && three_digits_at(chars, end + 1) {
            groups.push(chars[end + 1..end + 4].iter().collect::<String>());
            end += 4;
        }
        let range = i..end;
        // Followed by a separator and a group of another length (`15 2021`,
        // `1,234,5`): not one grouped number.
        let ragged = end + 1 < chars.len() && separators.contains(&chars[end]) && chars[end + 1].is_ascii_digit();
        // `0,250` is a French decimal, not a thousand grouping.
        let decimal = crate::format::is_french(lang) && first == 1 && chars[i] == '0';
        let skipped =
            range.clone().any(|k| line.code[k]) || urls.iter().chain(personal).any(|other| overlaps(other, &range));
        if !groups.is_empty() && first <= 3 && !ragged && !decimal && !skipped {
            let head: String = chars[i..i + first].iter().collect();
            let quoted = shown(&chars[range.clone()]);
            let (message, hint) = if crate::format::is_french(lang) {
                (
                    format!("number `{quoted}` is grouped the English way on a French page"),
                    format!(
                        "write `{}` (groups separated by a narrow no-break space, U+202F); in French the comma is \
                         the decimal mark",
                        std::iter::once(head).chain(groups).collect::<Vec<_>>().join("\u{202F}")
                    ),
                )
            } else {
                (
                    format!("number `{quoted}` is grouped the French way on an English page"),
                    format!(
                        "write `{}`: English groups digits with a comma",
                        std::iter::once(head).chain(groups).collect::<Vec<_>>().join(",")
                    ),
                )
            };
            out.push(line.finding(i, Severity::Warning, message, hint));
        }
        i = end.max(i + first);
    }
}

/// Whether the digit at `i` continues a token: after a letter or digit, or
/// after a separator or decimal mark that follows a digit (`2020 123 456`
/// starts at `2020`, `1.250` is a decimal).
fn inside_number(chars: &[char], i: usize, separators: &[char]) -> bool {
    let Some(&before) = i.checked_sub(1).and_then(|p| chars.get(p)) else { return false };
    before.is_alphanumeric()
        || (i >= 2
            && chars[i - 2].is_ascii_digit()
            && (separators.contains(&before) || matches!(before, '.' | ',' | '/' | '-' | ':')))
}

/// Exactly three digits at `at`, not followed by a fourth.
fn three_digits_at(chars: &[char], at: usize) -> bool {
    at + 3 <= chars.len()
        && chars[at..at + 3].iter().all(char::is_ascii_digit)
        && !chars.get(at + 3).is_some_and(char::is_ascii_digit)
}

/// `http://`, `https://` and `www.` addresses, up to a space or a closing sign.
fn urls(chars: &[char]) -> Vec<Range<usize>> {
    let starts_with = |i: usize, prefix: &str| prefix.chars().enumerate().all(|(k, p)| chars.get(i + k) == Some(&p));
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let at_start = i == 0 || !chars[i - 1].is_alphanumeric();
        if at_start && (starts_with(i, "http://") || starts_with(i, "https://") || starts_with(i, "www.")) {
            let len = chars[i..].iter().take_while(|c| !c.is_whitespace() && !")>]\"'".contains(**c)).count();
            found.push(i..i + len);
            i += len;
        } else {
            i += 1;
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::super::{Source, check};
    use crate::diagnostics::Severity;

    #[test]
    fn english_grouping_on_a_french_page() {
        let found = prose_fr("Il y a 1,674 retours et 12,500,000 FCFA.");
        assert_eq!(at(&found, "grouped the English way"), vec![(1, 8), (1, 25)]);
        assert_eq!(
            found[0].hint.as_deref().unwrap(),
            "write `1\u{202F}674` (groups separated by a narrow no-break space, U+202F); in French the comma is the decimal mark"
        );
        assert!(found[1].hint.as_deref().unwrap().starts_with("write `12\u{202F}500\u{202F}000`"));
        assert!(found.iter().all(|d| d.severity == Severity::Warning));
    }

    #[test]
    fn french_decimals_are_not_groupings() {
        let text = "1,5 %, 0,25, 0,250, 1,2 milliard, 3,14159, 1 674 et 2020–2030, article 1,234,5";
        assert!(prose_fr(text).is_empty(), "{:#?}", prose_fr(text));
    }

    #[test]
    fn french_grouping_on_an_english_page() {
        let found = prose("We met 1 674 people, 12\u{A0}500 women and 3\u{202F}000\u{202F}000 in total.");
        assert_eq!(at(&found, "grouped the French way"), vec![(1, 8), (1, 22), (1, 39)]);
        assert_eq!(found[0].hint.as_deref().unwrap(), "write `1,674`: English groups digits with a comma");
        assert!(found[2].message.contains("`3<U+202F>000<U+202F>000`"));
        assert!(found[2].hint.as_deref().unwrap().starts_with("write `3,000,000`"));
    }

    #[test]
    fn english_years_dates_and_lists_are_not_groupings() {
        let text =
            "In 2020 2021 and 15 2021, on 10 February 2026, 1,674 people, USD 1.2 billion, 2020 123 456, 12 1234.";
        assert!(prose(text).is_empty(), "{:#?}", prose(text));
    }

    #[test]
    fn numbers_are_checked_in_prose_of_known_languages_only() {
        assert!(data("1 674").is_empty());
        assert!(check("1 674 and 1,674", &cx("de", Source::Prose)).is_empty());
        assert!(prose("`1 674` and https://example.org/a?b=1 674x").is_empty());
        // A phone number grouped by three is reported once, as a phone number.
        let found = prose("Call 677 123 456.");
        assert_eq!(found.len(), 1);
        assert!(found[0].message.starts_with("phone number"));
    }
}
