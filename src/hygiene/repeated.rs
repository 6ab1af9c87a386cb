//! Paragraphs repeated in a body (warning): unlike the line checks, this
//! compares the paragraphs of a whole body.

use crate::diagnostics::Diagnostic;

/// Paragraphs and lists that appear twice in a body: copy-paste between
/// drafts leaves them (seed 002 repeats its lists of values and skills).
/// Short ones (headings' neighbours, "See above.") are not compared.
pub fn repeated_paragraphs(body: &str, file: &str, lines_before: usize) -> Vec<Diagnostic> {
    const MIN_CHARS: usize = 80;
    // Paragraphs are compared by a hash of their words, lower-cased: no
    // copy of the text is made, which matters on every page of a large site.
    let mut seen: std::collections::HashMap<u64, usize> = std::collections::HashMap::new();
    let mut problems = Vec::new();
    let mut block: Option<(usize, usize, usize)> = None; // first line, byte start, byte end
    let mut in_fence = false;
    let mut flush = |block: &mut Option<(usize, usize, usize)>, problems: &mut Vec<Diagnostic>| {
        let Some((line, start, end)) = block.take() else { return };
        let text = &body[start..end];
        if text.len() < MIN_CHARS || text.trim_start().starts_with('|') {
            return;
        }
        let Some(hash) = words_hash(text, MIN_CHARS) else { return };
        match seen.get(&hash) {
            Some(first) => problems.push(
                Diagnostic::warning(file, line, 1, format!("this paragraph repeats the one at line {first}"))
                    .with_hint("copy-paste between drafts often leaves a paragraph or list twice: keep one"),
            ),
            None => {
                seen.insert(hash, line);
            }
        }
    };
    for (index, line) in body.lines().enumerate() {
        let number = lines_before + index + 1;
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_fence = !in_fence;
            continue;
        }
        if in_fence || trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with(":::") {
            flush(&mut block, &mut problems);
            continue;
        }
        let start = line.as_ptr() as usize - body.as_ptr() as usize;
        let end = start + line.len();
        match &mut block {
            Some((_, _, block_end)) => *block_end = end,
            None => block = Some((number, start, end)),
        }
    }
    flush(&mut block, &mut problems);
    problems
}

/// A hash of `text`'s words lower-cased and one space apart, if they hold
/// at least `min_bytes` bytes.
fn words_hash(text: &str, min_bytes: usize) -> Option<u64> {
    // A multiply-rotate hash eight bytes at a time (as rustc's FxHasher):
    // a collision would only mean one warning too many in one document.
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mix = |hash: u64, word: u64| (hash.rotate_left(5) ^ word).wrapping_mul(K);
    let mut hash = 0u64;
    let mut bytes = 0;
    for word in text.split_whitespace() {
        // Only a word with a capital outside ASCII needs a lower-cased copy.
        let lowered;
        let word = if word.is_ascii() || !word.chars().any(char::is_uppercase) {
            word
        } else {
            lowered = word.to_lowercase();
            lowered.as_str()
        };
        let lower = |bytes: &[u8]| {
            let mut out = [0u8; 8];
            out.iter_mut().zip(bytes).for_each(|(o, b)| *o = b.to_ascii_lowercase());
            u64::from_le_bytes(out)
        };
        let mut chunks = word.as_bytes().chunks_exact(8);
        for chunk in &mut chunks {
            hash = mix(hash, lower(chunk));
        }
        let tail = lower(chunks.remainder());
        // The tail's length keeps "ab c" and "a bc" apart.
        hash = mix(mix(hash, tail), chunks.remainder().len() as u64 + 0x100);
        bytes += word.len() + 1;
    }
    (bytes > min_bytes).then_some(hash)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_repeated_paragraph_or_list_is_reported_once_at_its_second_place() {
        let list = "- Integrity, respect and accountability in every action\n- Inclusion of women and young people in decisions\n";
        let shouted = list.replace("Integrity", "INTEGRITY");
        let body = format!("Intro.\n\n{list}\n## Later\n\n{shouted}\n```\n{list}```\n");
        let found = repeated_paragraphs(&body, "a.md", 10);
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].line, found[0].message.as_str()), (18, "this paragraph repeats the one at line 13"));
    }
}
