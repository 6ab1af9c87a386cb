//! Placeholders left in (check 2): `xxx`, `TBD`, `[…]`, "Lorem ipsum" ...
//! (error, or warning while the document is a draft or has no status;
//! outside code).

use std::ops::Range;

use super::{Finding, Line, Stage, TextCheck};
use crate::diagnostics::Severity;
use crate::fold::fold_char_into;

/// Placeholder phrases, folded (lowercase, accents removed), and whether they
/// count only when standing alone.
const PHRASES: &[(&[&str], bool)] = &[
    (&["lorem", "ipsum"], false),
    (&["add", "in", "details"], false),
    // Instructions that are also ordinary sentences ("the form is to be
    // completed by the caseworker", "le formulaire à compléter par ...") are
    // placeholders only when nothing but punctuation surrounds them:
    // "Date : à compléter", "(to be completed)", "- insert here".
    (&["to", "be", "completed"], true),
    (&["a", "completer"], true),
    (&["insert", "here"], true),
    (&["a", "inserer"], true),
];

/// Words that are placeholders in any case (`TBD`, `tbd`).
const WORDS: [&str; 3] = ["TBD", "TBC", "FIXME"];

/// `todo` is a Spanish and Portuguese word: only the capitals mark a placeholder.
const CAPITALS_ONLY: &str = "TODO";

/// A run of at least so many x in any case (`xxx`, `XXXX`), but not `xxxl` or `xxiii`.
const XS: usize = 3;

/// Marks of an omission, placeholders where they stand for missing text.
const OMISSIONS: [&str; 2] = ["[…]", "[...]"];

/// What the first pass (`super::worth_checking`) looks for, one string for
/// each placeholder of the lists above: a line holding none of them, once
/// folded, holds no placeholder.
pub(super) fn markers() -> impl Iterator<Item = String> {
    let phrases = PHRASES.iter().map(|(words, _)| words.join(" "));
    let words = WORDS.iter().chain([&CAPITALS_ONLY]).map(|word| word.to_string());
    phrases.chain(words).chain(["x".repeat(XS)]).chain(OMISSIONS.map(str::to_owned))
}

/// Placeholders outside code; errors, or warnings in a draft.
pub(super) fn placeholders(line: &Line, cx: &TextCheck<'_>, out: &mut Vec<Finding>) {
    let chars = &line.chars;
    let mut found: Vec<Range<usize>> = Vec::new();
    let words = words(chars);
    for (k, word) in words.iter().enumerate() {
        let text = &chars[word.clone()];
        // `XXX` also stands for a number in a quoted interface label
        // ("Select the XXX results"): there it is the label's own text.
        let quoted_label = text.iter().all(|&c| c == 'x' || c == 'X')
            && inside_quotes(chars, word)
            && !stands_for_missing_text(chars, &words, word);
        if is_placeholder_word(text) && !quoted_label {
            found.push(word.clone());
        }
        for (phrase, alone) in PHRASES {
            if let Some(range) = phrase_at(chars, &words, k, phrase)
                && (!alone || stands_alone(chars, &range))
            {
                found.push(range);
            }
        }
    }
    for pattern in OMISSIONS {
        let pattern: Vec<char> = pattern.chars().collect();
        // `[…]` marks an omission inside a quotation in English and French
        // alike; it is a placeholder only where it stands for missing text.
        found.extend(
            chars
                .windows(pattern.len())
                .enumerate()
                .filter(|(_, w)| *w == pattern)
                .map(|(i, _)| i..i + pattern.len())
                .filter(|range| stands_for_missing_text(chars, &words, range)),
        );
    }
    found.sort_by_key(|r| r.start);
    let severity = if cx.stage == Stage::Published { Severity::Error } else { Severity::Warning };
    let hint = match cx.stage {
        Stage::Draft => {
            "replace it with the final text; it becomes an error once the status is no longer draft or review"
        }
        Stage::NoStatus => {
            "replace it with the final text; it becomes an error once the document has a `status` \
                            other than draft or review"
        }
        Stage::Published => {
            "replace it with the final text before publishing (placeholders are only warnings while \
                             the status is draft or review)"
        }
    };
    for range in found.into_iter().filter(|r| !line.code[r.start]) {
        let message = format!("placeholder `{}` left in the text", line.text(range.clone()));
        out.push(line.finding(range.start, severity, message, hint.to_owned()));
    }
}

/// Runs of letters and digits: what counts as a word for whole-word matches.
fn words(chars: &[char]) -> Vec<Range<usize>> {
    let mut words = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let len = chars[i..].iter().take_while(|c| c.is_alphanumeric()).count();
        if len > 0 {
            words.push(i..i + len);
            i += len;
        } else {
            i += 1;
        }
    }
    words
}

fn is_placeholder_word(word: &[char]) -> bool {
    // The named placeholders have 3 to 5 letters; only runs of x are longer.
    if word.len() < 3 || (word.len() > 5 && !word.iter().all(|&c| c == 'x' || c == 'X')) {
        return false;
    }
    let text: String = word.iter().collect();
    (word.len() >= XS && word.iter().all(|&c| c == 'x' || c == 'X'))
        || WORDS.iter().any(|p| text.eq_ignore_ascii_case(p))
        || text == CAPITALS_ONLY
}

/// Lowercase without accents, so that `A COMPLETER` matches `à compléter`.
fn folded(chars: &[char]) -> String {
    let mut out = String::with_capacity(chars.len());
    chars.iter().for_each(|c| fold_char_into(*c, &mut out));
    out
}

/// The range of `phrase` when it starts at word `k`, its words separated by
/// whitespace only.
fn phrase_at(chars: &[char], words: &[Range<usize>], k: usize, phrase: &[&str]) -> Option<Range<usize>> {
    let candidate = words.get(k..k + phrase.len())?;
    for (n, (word, want)) in candidate.iter().zip(phrase).enumerate() {
        if folded(&chars[word.clone()]) != *want {
            return None;
        }
        if n > 0 {
            let gap = &chars[candidate[n - 1].end..word.start];
            if !gap.iter().all(|c| c.is_whitespace()) {
                return None;
            }
        }
    }
    Some(candidate[0].start..candidate[phrase.len() - 1].end)
}

/// Nothing but opening punctuation before `range` on its line (or a list
/// item's number, `3.`), nothing but closing punctuation after it: alone in
/// a paragraph, a list item, a table cell or a heading.
fn stands_alone(chars: &[char], range: &Range<usize>) -> bool {
    let before = chars[..range.start].iter().rev().find(|c| !c.is_whitespace());
    let after = chars[range.end..].iter().find(|c| !c.is_whitespace());
    let lead: String = chars[..range.start].iter().collect();
    let lead = lead.trim();
    let numbered =
        lead.len() > 1 && lead.ends_with(['.', ')']) && lead[..lead.len() - 1].chars().all(|c| c.is_ascii_digit());
    (numbered || before.is_none_or(|c| "([{<|:;-–—*_>•#+\"“«".contains(*c)))
        && after.is_none_or(|c| ")]}>|.…!;:*_\"”»".contains(*c))
}

/// Words that ask for text to be written, folded: a placeholder beside one
/// of them stands for missing text ("xxx Add in details xxx", "[…] à compléter").
const INSTRUCTIONS: &[&str] =
    &["add", "insert", "fill", "complete", "completed", "details", "ajouter", "inserer", "completer", "remplir"];

/// Where a marker that may also be ordinary text (`[…]`, `XXX`) stands
/// for missing text: alone, or within three words of an instruction.
fn stands_for_missing_text(chars: &[char], words: &[Range<usize>], range: &Range<usize>) -> bool {
    if stands_alone(chars, range) {
        return true;
    }
    let first_after = words.partition_point(|w| w.start < range.end);
    let last_before = words.partition_point(|w| w.end <= range.start);
    let near = words[last_before.saturating_sub(3)..last_before].iter().chain(words[first_after..].iter().take(3));
    near.into_iter().any(|w| INSTRUCTIONS.contains(&folded(&chars[w.clone()]).as_str()))
}

/// Whether `range` is inside quotation marks (`"…"`, `“…”`, `«…»`) or bold
/// (`**…**`, how documentation writes an interface label) on its line.
fn inside_quotes(chars: &[char], range: &Range<usize>) -> bool {
    let (before, after) = (&chars[..range.start], &chars[range.end..]);
    let open = |o: char, c: char| {
        let last_open = before.iter().rposition(|&x| x == o);
        let last_close = before.iter().rposition(|&x| x == c);
        last_open.is_some_and(|i| last_close.is_none_or(|j| j < i)) && after.contains(&c)
    };
    let pairs = |s: &[char]| s.windows(2).filter(|w| w == &['*', '*']).count();
    let straight = before.iter().filter(|&&c| c == '"').count() % 2 == 1 && after.contains(&'"');
    straight || open('“', '”') || open('«', '»') || (pairs(before) % 2 == 1 && pairs(after) > 0)
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::super::{Source, Stage, TextCheck, check};
    use crate::diagnostics::Severity;

    #[test]
    fn seed_002_placeholder_triple() {
        // From seed 002 line 34.
        let found = prose("ย Languages xxx Add in details xxx IOMโs official languages");
        let placeholders = at(&found, "placeholder");
        assert_eq!(placeholders, vec![(1, 13), (1, 17), (1, 32)]);
        assert!(found.iter().filter(|d| d.message.contains("placeholder")).all(|d| d.severity == Severity::Error));
        assert!(found.iter().any(|d| d.message == "placeholder `Add in details` left in the text"));
    }

    #[test]
    fn placeholder_words_are_whole_words() {
        let found = prose("XXX, xxxx, TBD. TBC? FIXME: TODO tbd");
        assert_eq!(at(&found, "placeholder").len(), 7, "{found:#?}");
        let none = prose("Sizes xxxl and XXL, chapter xxiii, TODOS, todo el mundo, TBDs, Lorem, ipsum, boxxx");
        assert!(none.is_empty(), "{none:#?}");
    }

    #[test]
    fn bracketed_ellipsis_and_lorem_ipsum() {
        let found = prose("[...]\n- […]\n| a | […] |\n## […]\n3. […]\n[…] (add the figure)\nthen LOREM ipsum dolor");
        let expected = vec![(1, 1), (2, 3), (3, 7), (4, 4), (5, 4), (6, 1), (7, 6)];
        assert_eq!(at(&found, "placeholder"), expected, "{found:#?}");
        assert!(found[6].message.contains("`LOREM ipsum`"));
        assert!(prose("[..] or [ … ] or ... or …").is_empty());
    }

    #[test]
    fn an_omission_inside_a_quotation_is_no_placeholder() {
        let quotes = "The report says \"returnees [...] need support\" and « les migrants […] ont besoin ».\n\
                      > We met […] partners in Douala.";
        assert!(prose(quotes).is_empty(), "{:#?}", prose(quotes));
        assert_eq!(at(&prose("Insert […] here"), "placeholder"), vec![(1, 8)]);
    }

    #[test]
    fn xxx_in_a_quoted_interface_label_is_the_label() {
        let labels = "Click \"Select the XXX results\", then **Export XXX rows** or « Voir les XXX résultats ».";
        assert!(prose(labels).is_empty(), "{:#?}", prose(labels));
        let found = prose("The budget is xxx FCFA.\n\"xxx\"\n\"Add xxx here\"");
        assert_eq!(at(&found, "placeholder"), vec![(1, 15), (2, 2), (3, 6)], "{found:#?}");
    }

    #[test]
    fn instruction_phrases_only_when_standing_alone() {
        let found =
            prose_fr("Date : à compléter\n- A COMPLETER\n(to be completed)\n[insert here]\n| Nom | à insérer |");
        assert_eq!(at(&found, "placeholder"), vec![(1, 8), (2, 3), (3, 2), (4, 2), (5, 9)]);
        let sentences = "The form is to be completed by the caseworker.\nLe formulaire à compléter par le bénéficiaire.\nInsert here the name of the centre, a completer-finisher.";
        assert!(prose(sentences).is_empty(), "{:#?}", prose(sentences));
    }

    #[test]
    fn placeholders_are_warnings_in_drafts() {
        let draft = TextCheck { stage: Stage::Draft, ..cx("en", Source::Prose) };
        let found = check("Budget: TBD", &draft);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Warning);
        assert!(found[0].hint.as_deref().unwrap().contains("becomes an error"));
        assert_eq!(prose("Budget: TBD")[0].severity, Severity::Error);
        // A page without a status (ordinary documentation) has no drafts: a warning too.
        let page = TextCheck { stage: Stage::NoStatus, ..cx("en", Source::Prose) };
        let found = check("Lorem ipsum dolor sit amet", &page);
        assert_eq!(found[0].severity, Severity::Warning);
        assert!(found[0].hint.as_deref().unwrap().contains("once the document has a `status`"));
    }
}
