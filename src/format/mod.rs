//! Values that come from data (front matter, CSV, computed totals) written
//! the way each language writes them (DOCUMENT-KINDS.md 10.2): numbers,
//! percentages, money, dates and date ranges, in English (IOM / en-GB) and
//! French (fr-CM, which is fr for these formats).
//!
//! Hand-written rather than ICU4X: for two languages and these few formats
//! ICU4X costs about a minute of clean build and 68 crates, its currency and
//! percent formatters are in the unstable `icu_experimental`, and French
//! `1er` needs a special case either way. The outputs below were checked
//! against ICU 78 / CLDR 48.

pub mod typography;

use crate::date::Date;

/// U+202F, the French digit group separator.
const NARROW_NBSP: char = '\u{202f}';
/// U+00A0, before `%` and currency symbols in French.
const NBSP: char = '\u{a0}';

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const MONTHS_FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
const WEEKDAYS_EN: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const WEEKDAYS_FR: [&str; 7] = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"];

pub fn is_french(lang: &str) -> bool {
    lang == "fr" || lang.starts_with("fr-")
}

/// `1234567.891` -> `1,234,567.891` / `1 234 567,891`; up to `decimals`
/// digits after the point, trailing zeros dropped.
pub fn number(value: f64, decimals: usize, lang: &str) -> String {
    grouped(value, decimals, true, lang)
}

fn grouped(value: f64, decimals: usize, trim: bool, lang: &str) -> String {
    let negative = value < 0.0;
    let text = format!("{:.*}", decimals, value.abs());
    let (whole, fraction) = match text.split_once('.') {
        Some((w, f)) if trim => (w.to_owned(), f.trim_end_matches('0').to_owned()),
        Some((w, f)) => (w.to_owned(), f.to_owned()),
        None => (text, String::new()),
    };
    let (group, point) = if is_french(lang) { (NARROW_NBSP, ',') } else { (',', '.') };
    let mut out = String::new();
    if negative && (whole != "0" || !fraction.is_empty()) {
        out.push('-');
    }
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            out.push(group);
        }
        out.push(digit);
    }
    if !fraction.is_empty() {
        out.push(point);
        out.push_str(&fraction);
    }
    out
}

/// French writes clock times `9 h` and `9 h 30`, beside durations `3 h 40`;
/// English keeps `09:00`. Anything that is not `HH:MM` is left as it is.
pub fn clock(time: &str, lang: &str) -> String {
    let Some((h, m)) = time.split_once(':') else { return time.to_owned() };
    let (Ok(hours), Ok(minutes)) = (h.parse::<u8>(), m.parse::<u8>()) else { return time.to_owned() };
    match (lang, minutes) {
        ("fr", 0) => format!("{hours}\u{a0}h"),
        ("fr", _) => format!("{hours}\u{a0}h\u{a0}{minutes:02}"),
        _ => time.to_owned(),
    }
}

/// A whole number, grouped: `1,674` / `1 674`. Years and reference numbers
/// are not numbers in this sense: write them as they are.
pub fn integer(value: i64, lang: &str) -> String {
    number(value as f64, 0, lang)
}

/// A text cut to `max` characters with `…`, for labels and page margins
/// (the full text stands elsewhere: a tooltip, the cover).
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", cut.trim_end())
}

/// `0.2` -> `20%` / `20 %`.
pub fn percent(share: f64, decimals: usize, lang: &str) -> String {
    let n = number(share * 100.0, decimals, lang);
    if is_french(lang) { format!("{n}{NBSP}%") } else { format!("{n}%") }
}

/// `1500000 XAF` -> `FCFA 1,500,000` / `1 500 000 FCFA`. The CFA franc has
/// no decimals; USD and EUR keep two when there are cents.
pub fn money(amount: f64, currency: &str, lang: &str) -> String {
    let (symbol, decimals) = match currency {
        "XAF" => ("FCFA", 0),
        "USD" => ("USD", 2),
        "EUR" => ("EUR", 2),
        other => (other, 2),
    };
    // Cents are written in full (12.50) or not at all.
    let n = if amount.fract() == 0.0 { grouped(amount, 0, true, lang) } else { grouped(amount, decimals, false, lang) };
    if is_french(lang) { format!("{n}{NBSP}{symbol}") } else { format!("{symbol}{NBSP}{n}") }
}

fn day_of_month(day: u8, lang: &str) -> String {
    if is_french(lang) && day == 1 { "1er".to_owned() } else { day.to_string() }
}

fn month_name(month: u8, lang: &str) -> &'static str {
    let names = if is_french(lang) { &MONTHS_FR } else { &MONTHS_EN };
    names[usize::from(month.clamp(1, 12)) - 1]
}

/// A quarter's short name: `Q3` / `T3` (trimestre).
pub fn quarter(q: u8, lang: &str) -> String {
    format!("{}{q}", if is_french(lang) { 'T' } else { 'Q' })
}

/// `10 February 2026` / `10 février 2026` (`1er février 2026`).
pub fn date_long(date: Date, lang: &str) -> String {
    format!("{} {} {}", day_of_month(date.day, lang), month_name(date.month, lang), date.year)
}

/// `Tuesday, 10 February 2026` / `mardi 10 février 2026`.
pub fn date_full(date: Date, lang: &str) -> String {
    let weekday = weekday(date);
    if is_french(lang) {
        format!("{} {}", WEEKDAYS_FR[weekday], date_long(date, lang))
    } else {
        format!("{}, {}", WEEKDAYS_EN[weekday], date_long(date, lang))
    }
}

/// `10/02/2026` in both languages (never the US `2/10/26`).
pub fn date_short(date: Date) -> String {
    format!("{:02}/{:02}/{}", date.day, date.month, date.year)
}

/// `10–12 February 2026`, `28 February – 2 March 2026`, `30 December 2026 – 2 January 2027`.
pub fn date_range(start: Date, end: Date, lang: &str) -> String {
    if start == end {
        return date_long(start, lang);
    }
    if (start.year, start.month) == (end.year, end.month) {
        return format!("{}–{}", day_of_month(start.day, lang), date_long(end, lang));
    }
    if start.year == end.year {
        return format!(
            "{} {} – {}",
            day_of_month(start.day, lang),
            month_name(start.month, lang),
            date_long(end, lang)
        );
    }
    format!("{} – {}", date_long(start, lang), date_long(end, lang))
}

/// `February 2026` / `février 2026`.
pub fn month_year(year: i64, month: u8, lang: &str) -> String {
    format!("{} {year}", month_name(month, lang))
}

/// Short month labels for timelines: `Feb` / `févr.`
pub fn month_abbr(month: u8, lang: &str) -> &'static str {
    const EN: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    const FR: [&str; 12] =
        ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."];
    let names = if is_french(lang) { &FR } else { &EN };
    names[usize::from(month.clamp(1, 12)) - 1]
}

/// 0 = Monday.
fn weekday(date: Date) -> usize {
    // 1970-01-01 was a Thursday (3).
    let days = date.days_since_epoch();
    (days + 3).rem_euclid(7) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    /// The table of DOCUMENT-KINDS.md 10.2.
    #[test]
    fn the_table_of_section_10_2() {
        assert_eq!(number(1234567.891, 3, "fr"), "1\u{202f}234\u{202f}567,891");
        assert_eq!(number(1234567.891, 3, "en"), "1,234,567.891");
        assert_eq!(percent(0.2, 0, "fr"), "20\u{a0}%");
        assert_eq!(percent(0.2, 0, "en"), "20%");
        assert_eq!(money(1_500_000.0, "XAF", "fr"), "1\u{202f}500\u{202f}000\u{a0}FCFA");
        assert_eq!(money(1_500_000.0, "XAF", "en"), "FCFA\u{a0}1,500,000");
        assert_eq!(date_long(d("2026-02-10"), "fr"), "10 février 2026");
        assert_eq!(date_long(d("2026-02-10"), "en"), "10 February 2026");
        assert_eq!(date_full(d("2026-02-10"), "fr"), "mardi 10 février 2026");
        assert_eq!(date_full(d("2026-02-10"), "en"), "Tuesday, 10 February 2026");
        assert_eq!(date_short(d("2026-02-10")), "10/02/2026");
        assert_eq!(date_range(d("2026-02-10"), d("2026-02-12"), "fr"), "10–12 février 2026");
        assert_eq!(date_range(d("2026-02-10"), d("2026-02-12"), "en"), "10–12 February 2026");
    }

    #[test]
    fn long_labels_are_shortened_with_an_ellipsis() {
        assert_eq!(shorten("Ministère des Relations Extérieures", 12), "Ministère d…");
        assert_eq!(shorten("MINREX", 12), "MINREX");
        assert_eq!(number(1674.0, 2, "fr"), "1\u{202f}674");
    }

    #[test]
    fn french_writes_the_first_of_the_month_1er() {
        assert_eq!(date_long(d("2026-02-01"), "fr"), "1er février 2026");
        assert_eq!(date_long(d("2026-02-01"), "en"), "1 February 2026");
        assert_eq!(date_range(d("2026-02-01"), d("2026-02-03"), "fr"), "1er–3 février 2026");
    }

    #[test]
    fn small_and_negative_numbers_and_ranges_across_months() {
        assert_eq!(integer(999, "fr"), "999");
        assert_eq!(integer(1674, "fr"), "1\u{202f}674");
        assert_eq!(integer(-1674, "en"), "-1,674");
        assert_eq!(number(0.5, 2, "fr"), "0,5");
        assert_eq!(percent(0.375, 1, "en"), "37.5%");
        assert_eq!(money(1250.5, "USD", "en"), "USD\u{a0}1,250.50");
        assert_eq!(date_range(d("2026-02-28"), d("2026-03-02"), "en"), "28 February – 2 March 2026");
        assert_eq!(date_range(d("2026-12-30"), d("2027-01-02"), "fr"), "30 décembre 2026 – 2 janvier 2027");
    }
}
