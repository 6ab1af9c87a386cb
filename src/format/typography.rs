//! French typography: the no-break spaces that French puts before `; : ! ?`
//! and inside « », applied to prose only (callers never pass code).

const NARROW_NBSP: char = '\u{202F}';
const NBSP: char = '\u{00A0}';

/// The typography of a page's language on a run of text: the typographic
/// apostrophe in every language, and French spacing on French pages
/// (DOCUMENT-KINDS 10.1). Generated labels go through it as prose does.
pub fn for_language(lang: &str, text: &str) -> String {
    let text = apostrophes(text);
    if crate::format::is_french(lang) { french(&text) } else { text }
}

/// A straight apostrophe after a letter becomes ’ (l’État, don’t, the
/// ministries’); one that opens a quotation stays as written.
pub fn apostrophes(text: &str) -> String {
    if !text.contains('\'') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len() + 4);
    let mut prev: Option<char> = None;
    for c in text.chars() {
        out.push(if c == '\'' && prev.is_some_and(char::is_alphabetic) { '\u{2019}' } else { c });
        prev = Some(c);
    }
    out
}

/// Applies French spacing rules to a run of prose.
pub fn french(text: &str) -> String {
    // Most runs of text have none of these signs: nothing to do.
    if !text.contains([';', ':', '!', '?', '«', '»']) {
        return text.to_owned();
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(i + 1).copied();
        let ends_word = |n: Option<char>| n.is_none_or(|n| n.is_whitespace() || ",.;:!?»)]\"'".contains(n));
        match c {
            ';' | '!' | '?' | ':' => {
                let space = if c == ':' { NBSP } else { NARROW_NBSP };
                let after_punct = prev.is_some_and(|p| "!?".contains(p));
                match prev {
                    Some(' ') if !after_punct => {
                        out.pop();
                        out.push(space);
                    }
                    Some(p)
                        if (p.is_alphanumeric() || p == '»' || p == ')')
                            && ends_word(next)
                            && !(c == ':' && p.is_ascii_digit()) =>
                    {
                        out.push(space);
                    }
                    _ => {}
                }
                out.push(c);
            }
            '«' => {
                out.push(c);
                if next.is_some_and(|n| !n.is_whitespace()) {
                    out.push(NBSP);
                }
            }
            ' ' if prev == Some('«') => out.push(NBSP),
            '»' => {
                match prev {
                    Some(' ') => {
                        out.pop();
                        out.push(NBSP);
                    }
                    Some(p) if !p.is_whitespace() => out.push(NBSP),
                    _ => {}
                }
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apostrophes_after_a_letter_are_typographic_in_both_languages() {
        assert_eq!(for_language("fr", "Notes d'orientation"), "Notes d\u{2019}orientation");
        assert_eq!(for_language("en", "the ministries' plan, don't"), "the ministries\u{2019} plan, don\u{2019}t");
        assert_eq!(for_language("en", "a 'quoted' word"), "a 'quoted\u{2019} word");
        assert_eq!(for_language("fr", "Conseils: l'accueil"), "Conseils\u{a0}: l\u{2019}accueil");
    }

    #[test]
    fn spaces_before_high_punctuation_become_no_break() {
        assert_eq!(
            french("Attention : délai ; urgent ! Vraiment ?"),
            "Attention\u{a0}: délai\u{202f}; urgent\u{202f}! Vraiment\u{202f}?"
        );
    }

    #[test]
    fn missing_spaces_are_added_but_not_in_times_or_doubled() {
        assert_eq!(french("Note: voir"), "Note\u{a0}: voir");
        assert_eq!(french("à 10:30"), "à 10:30");
        assert_eq!(french("Quoi ?!"), "Quoi\u{202f}?!");
    }

    #[test]
    fn guillemets_hold_their_words() {
        assert_eq!(french("« retour »"), "«\u{a0}retour\u{a0}»");
        assert_eq!(french("«retour»"), "«\u{a0}retour\u{a0}»");
    }
}
