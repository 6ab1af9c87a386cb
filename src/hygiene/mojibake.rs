//! Mis-decoded text (check 1): Thai characters where UTF-8 was read as
//! Windows-874, `Ã©`-style sequences where it was read as Latin-1, U+FFFD
//! (error, everywhere, code included).

use super::{Finding, Line, shown};
use crate::diagnostics::Severity;

/// A mis-decoded passage: where it ends, what to say about it.
struct Mangled {
    end: usize,
    message: String,
    hint: String,
}

/// Thai characters, mojibake from Latin-1 and U+FFFD; one finding per
/// occurrence. Checked everywhere, code included: a mangled character is
/// wrong wherever it is.
pub(super) fn misdecoded(line: &Line, out: &mut Vec<Finding>) {
    let chars = &line.chars;
    let mut i = 0;
    while i < chars.len() {
        let found = if is_thai(chars[i]) {
            Some(thai_mojibake(chars, i))
        } else if chars[i] == '\u{FFFD}' {
            Some(replacement_characters(chars, i))
        } else {
            latin1_mojibake(chars, i)
        };
        match found {
            Some(mangled) => {
                out.push(line.finding(i, Severity::Error, mangled.message, mangled.hint));
                i = mangled.end.max(i + 1);
            }
            None => i += 1,
        }
    }
}

/// For the first pass: a character that is reported wherever it stands
/// (a Thai letter, U+FFFD).
pub(super) fn suspect(c: char) -> bool {
    is_thai(c) || c == '\u{FFFD}'
}

/// For the first pass: whether `lead` followed by `next` may begin
/// Latin-1 mojibake, as [`latin1_mojibake`] reads it (a lead letter and a
/// continuation byte, or a space where a no-break space was lost).
pub(super) fn suspect_pair(lead: char, next: char) -> bool {
    latin1_lead(lead).is_some() && (next == ' ' || cp1252_continuation(next).is_some())
}

fn is_thai(c: char) -> bool {
    ('\u{0E00}'..='\u{0E7F}').contains(&c)
}

/// The byte a Thai character stands for in TIS-620 / Windows-874, where
/// 0xA1..=0xFB are U+0E01..=U+0E5B.
fn tis620_byte(c: char) -> Option<u8> {
    let code = c as u32;
    (0x0E01..=0x0E5B).contains(&code).then(|| (code - 0x0E00 + 0xA0) as u8)
}

/// The length of the UTF-8 sequence a lead byte announces.
fn utf8_len(lead: u8) -> Option<usize> {
    match lead {
        0xC2..=0xDF => Some(2),
        0xE0..=0xEF => Some(3),
        0xF0..=0xF4 => Some(4),
        _ => None,
    }
}

/// A UTF-8 continuation byte (0x80..=0xBF) as a Windows-874 or ISO-8859-11
/// reading shows it: a Thai letter for 0xA1..=0xBF, otherwise the code page's
/// punctuation or a C1 control.
fn thai_continuation(c: char) -> Option<u8> {
    match c {
        '\u{0E01}'..='\u{0E1F}' => tis620_byte(c),
        '\u{0080}'..='\u{00A0}' => Some(c as u8),
        // Of Windows-1252's punctuation, Windows-874 has these bytes only.
        _ => cp1252_continuation(c).filter(|byte| matches!(byte, 0x80 | 0x85 | 0x91..=0x97)),
    }
}

/// A UTF-8 continuation byte as a Windows-1252 (or Latin-1) reading shows it.
fn cp1252_continuation(c: char) -> Option<u8> {
    if ('\u{0080}'..='\u{00BF}').contains(&c) {
        // Latin-1 proper, and the bytes Windows-1252 leaves undefined.
        return Some(c as u8);
    }
    let byte = match c {
        '€' => 0x80,
        '‚' => 0x82,
        'ƒ' => 0x83,
        '„' => 0x84,
        '…' => 0x85,
        '†' => 0x86,
        '‡' => 0x87,
        'ˆ' => 0x88,
        '‰' => 0x89,
        'Š' => 0x8A,
        '‹' => 0x8B,
        'Œ' => 0x8C,
        'Ž' => 0x8E,
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        '˜' => 0x98,
        '™' => 0x99,
        'š' => 0x9A,
        '›' => 0x9B,
        'œ' => 0x9C,
        'ž' => 0x9E,
        'Ÿ' => 0x9F,
        _ => return None,
    };
    Some(byte)
}

/// The character complete UTF-8 `bytes` encode, if it is one an author could
/// have meant (not a control or an invisible format character).
fn rebuild(bytes: &[u8]) -> Option<char> {
    let mut decoded = std::str::from_utf8(bytes).ok()?.chars();
    let c = decoded.next()?;
    let invisible = c.is_control()
        || matches!(c, '\u{AD}' | '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}' | '\u{2060}'..='\u{206F}');
    (decoded.next().is_none() && !invisible).then_some(c)
}

/// How a hint names an intended character.
fn describe(c: char) -> String {
    match c {
        '\u{A0}' => "a no-break space (U+00A0)".to_owned(),
        '\u{202F}' => "a narrow no-break space (U+202F)".to_owned(),
        c if c.is_whitespace() => format!("a space (U+{:04X})", c as u32),
        c => format!("`{c}`"),
    }
}

/// UTF-8 read as Thai (Windows-874): each byte became a Thai letter, and the
/// bytes 0x80..=0xA0 were often dropped on the way. `é` (C3 A9) arrives as
/// `รฉ`, `…` (E2 80 A6) as `โฆ`, `—` and `’` (E2 80 94/99) as a bare `โ`, a
/// no-break space (C2 A0) as a bare `ย`. The bytes are rebuilt from the
/// letters to name the intended character.
fn thai_mojibake(chars: &[char], start: usize) -> Mangled {
    let lead = tis620_byte(chars[start]).and_then(|b| utf8_len(b).map(|len| (b, len)));
    let Some((lead, len)) = lead else {
        // Not a lead byte: take the run of such letters as one occurrence.
        let is_lead = |c: char| tis620_byte(c).and_then(utf8_len).is_some();
        let run = chars[start + 1..].iter().take_while(|&&c| is_thai(c) && !is_lead(c)).count();
        let end = start + 1 + run;
        return Mangled { end, message: thai_message(&chars[start..end]), hint: unknown_thai_hint() };
    };
    let mut bytes = vec![lead];
    let mut end = start + 1;
    while bytes.len() < len
        && let Some(byte) = chars.get(end).copied().and_then(thai_continuation)
    {
        bytes.push(byte);
        end += 1;
    }
    let seen = &chars[start..end];
    let message = thai_message(seen);
    let replace = |what: String, note: &str| {
        format!("replace `{}` with {what}: UTF-8 text read as Thai (Windows-874) by a copy-paste{note}", shown(seen))
    };
    let hint = match (lead, bytes.len()) {
        (_, n) if n == len => rebuild(&bytes).map(|c| replace(describe(c), "")),
        // The middle byte 0x80 of General Punctuation (`…`, `•`, `‰`) is
        // undefined in Windows-874 and gets dropped.
        (0xE2, 2) => rebuild(&[0xE2, 0x80, bytes[1]]).map(|c| replace(describe(c), "")),
        (0xC2, 1) => Some(replace(
            "a space, or a no-break space (U+00A0) where the line must not break".to_owned(),
            "; `ย` is what is left of a no-break space",
        )),
        (0xE2, 1) => Some(bare_e2_hint(chars, start)),
        _ => None,
    };
    Mangled { end, message, hint: hint.unwrap_or_else(unknown_thai_hint) }
}

fn thai_message(seen: &[char]) -> String {
    format!("mis-decoded text `{}`: Thai characters cannot occur in English or French text", shown(seen))
}

fn unknown_thai_hint() -> String {
    "UTF-8 text was read as Thai (Windows-874) by a copy-paste; retype this passage from the original document"
        .to_owned()
}

/// A bare `โ` is what is left of `—`, `–`, `’`, `“` or `”` (E2 80 xx) once the
/// last two bytes were dropped; the neighbours tell which is likely:
/// `10โ12` is a range, `Cameroonโs` and `dโun` are apostrophes.
fn bare_e2_hint(chars: &[char], at: usize) -> String {
    let before = at.checked_sub(1).map(|i| chars[i]);
    let after = chars.get(at + 1).copied();
    let word_after: String =
        chars[at + 1..].iter().take_while(|c| c.is_alphabetic()).flat_map(|c| c.to_lowercase()).collect();
    let word_before: String = {
        let letters: Vec<char> = chars[..at].iter().rev().take_while(|c| c.is_alphabetic()).copied().collect();
        letters.iter().rev().flat_map(|c| c.to_lowercase()).collect()
    };
    let letter_before = before.is_some_and(char::is_alphabetic);
    let guess = if before.is_some_and(|c| c.is_ascii_digit()) && after.is_some_and(|c| c.is_ascii_digit()) {
        "`–` (en dash, as in a range)"
    } else if letter_before
        && (["s", "t", "d", "m", "ll", "re", "ve"].contains(&word_after.as_str())
            || (word_before.ends_with('s') && after.is_none_or(char::is_whitespace))
            || (["l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quelqu"]
                .contains(&word_before.as_str())
                && after.is_some_and(char::is_alphabetic)))
    {
        "`’` (apostrophe)"
    } else {
        "`—` (em dash)"
    };
    format!(
        "`โ` is what a copy-paste reading UTF-8 as Thai leaves of an em dash `—` (or of `–`, `’`, `“`, `”`); \
         here most likely {guess}: replace it"
    )
}

/// UTF-8 read as Latin-1 or Windows-1252: `é` (C3 A9) arrives as `Ã©`, `’`
/// (E2 80 99) as `â€™`, a no-break space (C2 A0) as `Â` and a no-break space.
///
/// Only the lead letters `Â`, `Ã`, `Å`, `â` and `ð` are considered. The other
/// Latin-1 letters that are also lead bytes (`à`, `é`, `ô` ...) are ordinary
/// French and would rebuild valid sequences from correct text: `voilà »` with
/// its no-break space is E0 A0 BB.
fn latin1_mojibake(chars: &[char], start: usize) -> Option<Mangled> {
    let (lead, len) = latin1_lead(chars[start])?;
    let mut bytes = vec![lead];
    let mut end = start + 1;
    while bytes.len() < len
        && let Some(byte) = chars.get(end).copied().and_then(cp1252_continuation)
    {
        bytes.push(byte);
        end += 1;
    }
    // `â` is a French letter too: only the punctuation block (E2 80..9F:
    // quotes, dashes, `…`, `€`, arrows) counts, never `â` before `»` or `°`.
    if lead == 0xE2 && bytes.get(1).is_some_and(|&b| b > 0x9F) {
        return None;
    }
    let after = chars.get(end).copied();
    let (quoted, intended) = match (chars[start], bytes.len()) {
        (_, n) if n == len => (shown(&chars[start..end]), rebuild(&bytes).map(describe)),
        // The second byte of `à` (C3 A0) is a no-break space, which copy-paste
        // often turns into a plain one: `Ã ` is `à`, `Â ` a no-break space.
        ('Ã', 1) if after == Some(' ') => ("Ã ".to_owned(), Some("`à` (keep the space after it)".to_owned())),
        ('Â', 1) if after == Some(' ') => {
            ("Â ".to_owned(), Some("nothing: it is what is left of a no-break space (U+00A0)".to_owned()))
        }
        // The last byte of `”` (E2 80 9D) is undefined in Windows-1252 and is
        // lost: a bare `â€` is most often a closing quote.
        ('â', 2) if bytes[1] == 0x80 => {
            (shown(&chars[start..end]), Some("`”` (most likely: the last byte of the character was lost)".to_owned()))
        }
        _ => return None,
    };
    let message = format!("mis-decoded text `{quoted}`: UTF-8 text read as Latin-1 (Windows-1252)");
    let hint = match intended {
        Some(intended) => format!("replace `{}` with {intended}", shown(&chars[start..end])),
        None => "retype this character from the original document".to_owned(),
    };
    Some(Mangled { end, message, hint })
}

/// The UTF-8 lead byte that a Latin-1 lead letter stands for, and the
/// length of the sequence it announces (see [`latin1_mojibake`] for why
/// only these letters).
fn latin1_lead(c: char) -> Option<(u8, usize)> {
    match c {
        'Â' => Some((0xC2, 2)),
        'Ã' => Some((0xC3, 2)),
        'Å' => Some((0xC5, 2)),
        'â' => Some((0xE2, 3)),
        'ð' => Some((0xF0, 4)),
        _ => None,
    }
}

/// U+FFFD, where a character could not be decoded at all; a run is one occurrence.
fn replacement_characters(chars: &[char], start: usize) -> Mangled {
    let end = start + chars[start..].iter().take_while(|&&c| c == '\u{FFFD}').count();
    Mangled {
        end,
        message: format!("replacement character `{}`: a character was lost in a conversion", shown(&chars[start..end])),
        hint: "retype the intended character from the original document (often an accented letter, a dash or a quote)"
            .to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use crate::diagnostics::{Diagnostic, Severity};

    #[test]
    fn seed_001_thai_mojibake_is_found_with_the_intended_characters() {
        // Copied from seed 001 (line 6 and line 4).
        let text = "At policy level, the Government of Cameroonโthrough MINREX and the Comitรฉ Nationalโhas committed to building aย National Diaspora Engagement Strategy\nDiaspora_Remittances_IDF_Cameroโฆ";
        let found = prose(text);
        let errors: Vec<&Diagnostic> = found.iter().filter(|d| d.severity == Severity::Error).collect();
        assert_eq!(errors.len(), 5, "{found:#?}");
        assert!(errors.iter().all(|d| d.message.starts_with("mis-decoded text")));
        assert_eq!(at(&found, "`โ`"), vec![(1, 44), (1, 84)]);
        assert_eq!(at(&found, "`รฉ`"), vec![(1, 73)]);
        assert!(errors[0].hint.as_deref().unwrap().contains("`—`"));
        assert!(errors[1].hint.as_deref().unwrap().contains("with `é`"));
        assert!(errors[3].hint.as_deref().unwrap().contains("no-break space"));
        assert_eq!(at(&found, "`โฆ`"), vec![(2, 32)]);
        assert!(errors[4].hint.as_deref().unwrap().contains("with `…`"));
        // The citation line is also residue.
        assert_eq!(at(&found, "file name standing alone"), vec![(2, 1)]);
    }

    #[test]
    fn seed_002_apostrophes_ranges_and_no_break_spaces() {
        // Copied from seed 002 (lines 8 and 34, shortened).
        let text =
            "Thisย internship will contribute to IOMโs efforts to:\nA policy brief (10โ12 pages) on women’s roles.";
        let found = prose(text);
        assert_eq!(found.len(), 3, "{found:#?}");
        assert_eq!((found[0].line, found[0].column), (1, 5));
        assert!(found[0].hint.as_deref().unwrap().contains("no-break space"));
        assert_eq!((found[1].line, found[1].column), (1, 40));
        assert!(found[1].hint.as_deref().unwrap().contains("most likely `’`"));
        assert_eq!((found[2].line, found[2].column), (2, 19));
        assert!(found[2].hint.as_deref().unwrap().contains("most likely `–`"));
    }

    #[test]
    fn bare_e2_guesses_follow_the_neighbours() {
        let hint = |text: &str| hints(&prose(text)).remove(0);
        assert!(hint("the Reintegration Assistant โ Diaspora").contains("most likely `—`"));
        assert!(hint("annuallyโresources").contains("most likely `—`"));
        assert!(hint("four yearsโ experience").contains("most likely `’`"));
        assert!(hint("le programme dโun centre").contains("most likely `’`"));
        assert!(hint("itโs").contains("most likely `’`"));
    }

    #[test]
    fn windows_874_with_punctuation_kept_rebuilds_the_whole_character() {
        // E2 80 94 read as Windows-874: 0x80 is `€`, 0x94 is `”`.
        let found = prose("nexus\u{E42}€”peace");
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(found[0].hint.as_deref().unwrap().contains("with `—`"));
    }

    #[test]
    fn thai_letters_that_rebuild_nothing_are_one_occurrence() {
        let found = prose("text ฉฉฉ here");
        assert_eq!(at(&found, "mis-decoded"), vec![(1, 6)]);
        assert!(found[0].hint.as_deref().unwrap().contains("retype"));
    }

    #[test]
    fn latin1_mojibake_names_the_intended_character() {
        let cases = [
            ("Ã©", "`é`"),
            ("Ã¨", "`è`"),
            ("Ã§", "`ç`"),
            ("Ã‰", "`É`"),
            ("â€™", "`’`"),
            ("â€œ", "`“`"),
            ("â€“", "`–`"),
            ("â€”", "`—`"),
            ("Å“", "`œ`"),
            ("Â\u{A0}", "no-break space"),
            ("Â«", "`«`"),
            ("ðŸ˜€", "`😀`"),
        ];
        for (mangled, intended) in cases {
            let found = prose(&format!("Le mot {mangled}x"));
            assert_eq!(found.len(), 1, "{mangled}: {found:#?}");
            assert_eq!((found[0].line, found[0].column), (1, 8), "{mangled}");
            assert!(found[0].message.contains("Latin-1"), "{mangled}");
            assert!(found[0].hint.as_deref().unwrap().contains(intended), "{mangled}: {:?}", found[0].hint);
        }
    }

    #[test]
    fn latin1_mojibake_with_lost_bytes() {
        let found = prose("Ã  complÃ©ter, â€ quoted, Â space");
        assert_eq!(found.len(), 4, "{found:#?}");
        let hints = hints(&found);
        assert!(found[0].message.contains("`Ã `") && hints[0].contains("`à`"));
        assert!(hints[1].contains("`é`"));
        assert!(hints[2].contains("`”`"));
        assert!(found[3].message.contains("`Â `") && hints[3].contains("no-break space"));
    }

    #[test]
    fn correct_french_and_english_are_not_mojibake() {
        let text = "Château, âge, déjà ; « voilà\u{A0}» ÂGE, CHÂTEAU, naïve, cœur, l’âme — 10–12 … São Paulo";
        assert!(prose_fr(text).is_empty(), "{:#?}", prose_fr(text));
        assert!(prose("Ã\nÂ").is_empty());
    }

    #[test]
    fn replacement_characters_are_one_occurrence_per_run() {
        let found = data("Comit\u{FFFD}\u{FFFD} and r\u{FFFD}gion");
        assert_eq!(at(&found, "replacement character"), vec![(1, 6), (1, 14)]);
        assert!(found.iter().all(|d| d.severity == Severity::Error));
    }

    #[test]
    fn mojibake_is_found_inside_code_too() {
        assert_eq!(prose("`Ã©`\n```\nIOMโs\n```").len(), 2);
    }
}
