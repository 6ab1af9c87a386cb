//! Personal data (check 3): phone numbers and e-mail addresses (error in
//! data files, warning in prose; code included: an address in a code span
//! is published all the same).

use std::ops::Range;

use super::{Finding, Line, Source, TextCheck, overlaps, shown};
use crate::diagnostics::Severity;

/// Phone numbers and e-mail addresses; returns their ranges so that the number
/// check does not report them a second time. Code is checked too: an address
/// in a code span is published all the same.
pub(super) fn personal_data(line: &Line, cx: &TextCheck<'_>, out: &mut Vec<Finding>) -> Vec<Range<usize>> {
    let (severity, hint) = match cx.source {
        Source::DataFile => (
            Severity::Error,
            "personal data must not be published: remove it (the signed sheets stay in the programme's files; \
             the site publishes counts only)",
        ),
        Source::Prose => (
            Severity::Warning,
            "a person's contact details must not be published: remove them, or give a function and an \
             institutional contact instead",
        ),
    };
    let email_hint = match cx.source {
        Source::DataFile => {
            "a person's address must not be published: remove it (the signed sheets stay in the \
                             programme's files; the site publishes counts only). Role and service addresses \
                             (`info@`, `contact@`, `support@` …) are not reported"
        }
        Source::Prose => {
            "a person's address must not be published: give a role or service address instead \
                          (`info@`, `contact@`, `support@` …, which are not reported, nor are addresses at the \
                          mail domain of an institution of the glossary, listed in its `domains`)"
        }
    };
    let emails = emails(&line.chars);
    let institutional = |range: &Range<usize>| {
        let address = line.text(range.clone()).to_lowercase();
        let (local, domain) = address.split_once('@').unwrap_or_default();
        is_role_address(local)
            || (cx.source == Source::Prose
                && cx.institution_domains.iter().any(|d| {
                    domain.strip_suffix(d.as_str()).is_some_and(|rest| rest.is_empty() || rest.ends_with('.'))
                }))
    };
    let phones: Vec<Range<usize>> = phone_numbers(&line.chars)
        .into_iter()
        .filter(|phone| !emails.iter().any(|email| overlaps(email, phone)))
        .collect();
    let mut spans = Vec::new();
    for range in emails {
        if !institutional(&range) {
            let message =
                format!("a person's e-mail address `{}` in published content", shown(&line.chars[range.clone()]));
            out.push(line.finding(range.start, severity, message, email_hint.to_owned()));
        }
        spans.push(range);
    }
    for range in phones {
        let message = format!("phone number `{}` in published content", shown(&line.chars[range.clone()]));
        out.push(line.finding(range.start, severity, message, hint.to_owned()));
        spans.push(range);
    }
    spans
}

/// The local parts of addresses that belong to a function, not a person:
/// `info@`, `contact@`, `support-fr@`, `secretariat.dg@`.
fn is_role_address(local: &str) -> bool {
    const ROLES: &[&str] = &[
        "info",
        "infos",
        "information",
        "contact",
        "contacts",
        "support",
        "help",
        "helpdesk",
        "hello",
        "admin",
        "office",
        "secretariat",
        "secretariat-general",
        "communication",
        "communications",
        "press",
        "presse",
        "media",
        "webmaster",
        "postmaster",
        "noreply",
        "no-reply",
        "team",
        "feedback",
        "security",
        "privacy",
        "enquiries",
        "inquiries",
        "accueil",
        "courrier",
        "service",
        "services",
        "bureau",
        "direction",
        "documentation",
        "abuse",
        "registry",
        "reception",
        "hotline",
        "protection",
        "complaints",
        "plaintes",
    ];
    let head = local.split(['.', '-', '_', '+']).next().unwrap_or(local);
    ROLES.contains(&local) || ROLES.contains(&head)
}

/// `local@domain.tld`, found from each `@` outwards. Addresses at the
/// documentation domains (example.org ...) are examples, not personal data.
fn emails(chars: &[char]) -> Vec<Range<usize>> {
    let is_local = |c: &char| c.is_alphanumeric() || "._%+-".contains(*c);
    let is_domain = |c: &char| c.is_alphanumeric() || *c == '.' || *c == '-';
    let mut found: Vec<Range<usize>> = Vec::new();
    for at in (0..chars.len()).filter(|&i| chars[i] == '@') {
        let mut start = at - chars[..at].iter().rev().take_while(|c| is_local(c)).count();
        while start < at && chars[start] == '.' {
            start += 1;
        }
        let mut end = at + 1 + chars[at + 1..].iter().take_while(|c| is_domain(c)).count();
        while end > at + 1 && matches!(chars[end - 1], '.' | '-') {
            end -= 1;
        }
        let domain: String = chars[at + 1..end].iter().collect::<String>().to_lowercase();
        let Some((host, tld)) = domain.rsplit_once('.') else { continue };
        let valid = start < at
            && !host.is_empty()
            && tld.len() >= 2
            && tld.chars().all(|c| c.is_ascii_alphabetic())
            && found.last().is_none_or(|last| last.end <= start);
        let example = ["example.org", "example.com", "example.net"]
            .iter()
            .any(|e| domain == *e || domain.ends_with(&format!(".{e}")));
        if valid && !example {
            found.push(start..end);
        }
    }
    found
}

/// Separators inside a written phone number: `677 12 34 56`, `6.77.12.34.56`,
/// `677-12-34-56`, and the no-break spaces.
const PHONE_SEPARATORS: [char; 6] = [' ', '\u{A0}', '\u{202F}', '\u{2009}', '.', '-'];

/// A run of digit groups joined by single separators, maybe after a `+`.
struct DigitRun {
    range: Range<usize>,
    digits: String,
    groups: Vec<usize>,
    plus: bool,
}

fn phone_numbers(chars: &[char]) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let plus = chars[i] == '+' && chars.get(i + 1).is_some_and(char::is_ascii_digit);
        if !(plus || chars[i].is_ascii_digit()) || continues_number(chars, i) {
            i += 1;
            continue;
        }
        let run = digit_run(chars, i, plus);
        if is_phone(&run, chars) {
            found.push(run.range.clone());
        }
        i = run.range.end.max(i + 1);
    }
    found
}

/// Whether position `i` is inside a longer token: after a letter or digit, or
/// after `2013/` or `1.` (reference numbers, decimals, versions).
fn continues_number(chars: &[char], i: usize) -> bool {
    let Some(&before) = i.checked_sub(1).and_then(|p| chars.get(p)) else { return false };
    before.is_alphanumeric()
        || before == '+'
        || (matches!(before, '.' | ',' | '/' | '-' | ':') && i >= 2 && chars[i - 2].is_ascii_digit())
}

fn digit_run(chars: &[char], start: usize, plus: bool) -> DigitRun {
    let mut j = start + usize::from(plus);
    let mut digits = String::new();
    let mut groups = Vec::new();
    loop {
        let len = chars[j..].iter().take_while(|c| c.is_ascii_digit()).count();
        digits.extend(&chars[j..j + len]);
        groups.push(len);
        j += len;
        // One separator followed by a digit continues the number.
        if j + 1 < chars.len() && PHONE_SEPARATORS.contains(&chars[j]) && chars[j + 1].is_ascii_digit() {
            j += 1;
        } else {
            break;
        }
    }
    DigitRun { range: start..j, digits, groups, plus }
}

/// International numbers (`+` and 8 to 15 digits, or 00 / 237 without the
/// `+`), and Cameroonian mobiles: 9 digits starting with 6. Years, dates,
/// `2013/112` and amounts such as `1 200 000` never have that shape; the one
/// collision, an amount of hundreds of millions grouped by three
/// (`650 000 000 FCFA`), is told apart by its currency or its round last group.
fn is_phone(run: &DigitRun, chars: &[char]) -> bool {
    let n = run.digits.len();
    if run.plus {
        return (8..=15).contains(&n);
    }
    if (run.digits.starts_with("00") && (11..=15).contains(&n)) || (run.digits.starts_with("2376") && n == 12) {
        return true;
    }
    n == 9 && run.digits.starts_with('6') && !looks_like_amount(run, chars)
}

fn looks_like_amount(run: &DigitRun, chars: &[char]) -> bool {
    const CURRENCIES: [&str; 11] = ["fcfa", "xaf", "cfa", "f", "francs", "usd", "eur", "dollars", "euros", "$", "€"];
    if run.groups != [3, 3, 3] {
        return false;
    }
    let next: String = {
        let rest = &chars[run.range.end..];
        let skip = rest.iter().take_while(|c| c.is_whitespace()).count();
        let word = rest[skip..].iter().take_while(|c| c.is_alphanumeric()).count().max(1);
        rest[skip..].iter().take(word).flat_map(|c| c.to_lowercase()).collect()
    };
    let previous: String = {
        let before = &chars[..run.range.start];
        let skip = before.iter().rev().take_while(|c| c.is_whitespace()).count();
        let before = &before[..before.len() - skip];
        let word = before.iter().rev().take_while(|c| c.is_alphanumeric()).count().max(1);
        before[before.len().saturating_sub(word)..].iter().flat_map(|c| c.to_lowercase()).collect()
    };
    run.digits.ends_with("000") || CURRENCIES.contains(&next.as_str()) || CURRENCIES.contains(&previous.as_str())
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::super::{Source, TextCheck, check};
    use crate::diagnostics::Severity;

    #[test]
    fn phone_numbers_in_their_usual_shapes() {
        let text = "Call +237 677 12 34 56 or 677 12 34 56, 677123456, 6.77.12.34.56, 699-12-34-56, \
                    +33 1 23 45 67 89, 00237677123456, 237 677 12 34 56, 677 123 456.";
        let found = prose(text);
        let phones = at(&found, "phone number");
        assert_eq!(phones.len(), 9, "{found:#?}");
        assert_eq!(phones[0], (1, 6));
        assert!(found[0].message.contains("`+237 677 12 34 56`"));
        assert!(found.iter().all(|d| d.severity == Severity::Warning));
    }

    #[test]
    fn years_dates_references_amounts_and_versions_are_not_phones() {
        let text = "Decree No 2013/112 of 2020-2030, on 2024-05-06, 10/02/2026, 1 200 000 FCFA, 650 000 000 FCFA, \
                    600 000 000, USD 612 345 678, version 6.2.1, SND30 2020-2030, 12,500,000, ISBN 978-2-07-036822-8, \
                    6 500 000 000, 1+2, C++";
        let found = prose_fr(text);
        assert!(at(&found, "phone").is_empty(), "{found:#?}");
    }

    #[test]
    fn email_addresses() {
        let found = prose("Write to jean.dupont@mail.cm, or <mailto:a_b+c@iom.int>. Follow @IOM, not me@localhost.");
        assert_eq!(at(&found, "e-mail address"), vec![(1, 10), (1, 42)]);
        assert!(found[0].message.contains("`jean.dupont@mail.cm`"));
        assert!(prose("See name@example.org and x@docs.example.com").is_empty());
    }

    #[test]
    fn role_and_institution_addresses_are_not_a_persons() {
        let domains = ["iom.int".to_owned()];
        let prose = TextCheck { institution_domains: &domains, ..cx("en", Source::Prose) };
        let text = "Write to info@mail.cm, contact@minas.cm, support-fr@x.org, jdupont@iom.int or jean.dupont@mail.cm.";
        let found = check(text, &prose);
        assert_eq!(at(&found, "e-mail address"), vec![(1, 79)], "{found:#?}");
        assert!(found[0].hint.as_deref().unwrap().contains("`info@`, `contact@`, `support@`"));
        // In an attendance list, a person's address at an institution is still a person's.
        let data = TextCheck { institution_domains: &domains, ..cx("", Source::DataFile) };
        assert_eq!(at(&check("name,email\nJ,jdupont@iom.int\nK,info@iom.int", &data), "e-mail"), vec![(2, 3)]);
    }

    #[test]
    fn personal_data_is_an_error_in_data_files() {
        let found = data("institution,phone\nminrex,+237 699 00 11 22\nminas,chef@minas.cm");
        assert_eq!(at(&found, "phone number"), vec![(2, 8)]);
        assert_eq!(at(&found, "e-mail address"), vec![(3, 7)]);
        assert!(found.iter().all(|d| d.severity == Severity::Error));
    }

    #[test]
    fn digits_of_an_address_are_not_a_phone_as_well() {
        let found = data("677123456@mail.cm");
        assert_eq!(found.len(), 1);
        assert!(found[0].message.starts_with("a person's e-mail address"));
    }
}
