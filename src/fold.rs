//! The one folding of the project: lower case, no accents, `œ` and `æ`
//! written out. The search index holds folded words, documents and glossary
//! entries are sorted by their folded titles, the placeholder check
//! compares folded words (`A COMPLETER` is `à compléter`) and `relais
//! import` folded headings.
//!
//! It is the folding `themes/default/static/search.js` applies to a query,
//! step for step, so that a query finds the words of the index:
//!
//! ```js
//! text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "")
//!   .replace(/œ/g, "oe").replace(/æ/g, "ae")
//! ```
//!
//! the whole text in lower case (a `Σ` ending a word is `ς`, as in
//! JavaScript), its canonical decomposition (NFD, by
//! `unicode-normalization`), the combining marks of U+0300–U+036F dropped,
//! then `œ` -> `oe` and `æ` -> `ae`. Letters that do not decompose (`ø`,
//! `ł`, `đ`) stay as they are, there as here. Only that block of marks goes,
//! in the browser as here: the marks of other scripts (Devanagari vowel
//! signs, Hebrew points) are part of their words.

use std::ops::RangeInclusive;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::decompose_canonical;

/// The combining diacritical marks that folding drops (`[\u0300-\u036f]` in search.js).
const MARKS: RangeInclusive<char> = '\u{0300}'..='\u{036F}';

/// `text` folded.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

/// `text` folded, added to `out` (which a caller folding many words reuses).
pub fn fold_into(text: &str, out: &mut String) {
    if text.is_ascii() {
        out.extend(text.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        return;
    }
    text.to_lowercase().nfd().for_each(|c| push(c, out));
}

/// One character folded on its own, for the passes that fold a line a
/// character at a time. It is [`fold`] except where a character's
/// neighbours matter: a `Σ` ending a word, and the order of several
/// combining marks outside U+0300–U+036F. Neither ever gives an ASCII
/// letter, the only letters the hygiene checks compare.
pub fn fold_char_into(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    for lower in c.to_lowercase() {
        decompose_canonical(lower, |d| push(d, out));
    }
}

fn push(c: char, out: &mut String) {
    match c {
        c if MARKS.contains(&c) => {}
        'œ' => out.push_str("oe"),
        'æ' => out.push_str("ae"),
        c => out.push(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// search.js's folding, one step for each of its calls, each written
    /// the plainest way (no fast path, no reused buffer).
    fn as_search_js(text: &str) -> String {
        let lower = text.to_lowercase(); // toLowerCase()
        let decomposed: String = lower.nfd().collect(); // normalize("NFD")
        let unmarked: String = decomposed.chars().filter(|c| !('\u{300}'..='\u{36f}').contains(c)).collect(); // replace(/[\u0300-\u036f]/g, "")
        unmarked.replace('œ', "oe").replace('æ', "ae") // replace(/œ/g, "oe").replace(/æ/g, "ae")
    }

    #[test]
    fn search_js_folds_as_its_copy_here() {
        let search_js = include_str!("../themes/default/static/search.js");
        for step in [
            r#"text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "")"#,
            r#".replace(/œ/g, "oe").replace(/æ/g, "ae");"#,
        ] {
            assert!(
                search_js.contains(step),
                "search.js no longer folds with {step}: change as_search_js and fold too"
            );
        }
    }

    #[test]
    fn the_build_folds_every_latin_letter_as_the_browser() {
        let latin = ('\u{C0}'..='\u{24F}').chain('\u{1E00}'..='\u{1EFF}');
        for c in latin {
            let alone = c.to_string();
            let mut one = String::new();
            fold_char_into(c, &mut one);
            assert_eq!(fold(&alone), as_search_js(&alone), "U+{:04X} {c}", c as u32);
            assert_eq!(one, as_search_js(&alone), "U+{:04X} {c}, on its own", c as u32);
            // Inside a word, beside its capital or small form.
            let word: String = format!("Ab{c}{}Σ", c.to_uppercase());
            assert_eq!(fold(&word), as_search_js(&word), "U+{:04X} {c} in {word}", c as u32);
        }
    }

    #[test]
    fn french_and_ascii_fold_as_before() {
        assert_eq!(
            fold("Mise en Œuvre : l'ÉTAT, RÉFÉRENCEMENT (étape 4)"),
            "mise en oeuvre : l'etat, referencement (etape 4)"
        );
        assert_eq!(
            fold("Ça, NAÏVE, ÎLE, Où, DÛ, cæcum, São Tomé-et-Príncipe"),
            "ca, naive, ile, ou, du, caecum, sao tome-et-principe"
        );
        // Letters that do not decompose stay; the marks of other scripts too.
        assert_eq!(fold("Łódź, Ærø, Đà Nẵng"), "łodz, aerø, đa nang");
        assert_eq!(fold("हिंदी"), "हिंदी");
        // The whole text is lower-cased at once, as JavaScript does.
        assert_eq!(fold("ΟΔΟΣ ΆΣΤΥ"), "οδος αστυ");
        // Every letter the earlier hand-written table folded folds the same.
        let before = [
            ('a', "àáâãäåāăąǎǟǡǻȁȃȧ"),
            ('c', "çćĉċč"),
            ('d', "ď"),
            ('e', "èéêëēĕėęěȅȇȩ"),
            ('g', "ĝğġģǧǵ"),
            ('h', "ĥȟ"),
            ('i', "ìíîïĩīĭįǐȉȋ"),
            ('j', "ĵǰ"),
            ('k', "ķǩ"),
            ('l', "ĺļľ"),
            ('n', "ñńņňǹ"),
            ('o', "òóôõöōŏőơǒǫǭȍȏȫȭȯȱ"),
            ('r', "ŕŗřȑȓ"),
            ('s', "śŝşšș"),
            ('t', "ţťț"),
            ('u', "ùúûüũūŭůűųưǔǖǘǚǜȕȗ"),
            ('w', "ŵ"),
            ('y', "ýÿŷȳ"),
            ('z', "źżž"),
        ];
        for (base, letters) in before {
            for c in letters.chars() {
                assert_eq!(fold(&c.to_string()), base.to_string(), "{c}");
                assert_eq!(fold(&c.to_uppercase().to_string()), base.to_string(), "{c} in capitals");
            }
        }
    }
}
