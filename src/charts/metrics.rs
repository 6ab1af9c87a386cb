//! How wide a chart's label is drawn, so that it can be wrapped inside its
//! box instead of cut: the advance widths of DejaVu Sans, among the widest
//! of the sans-serif fonts a reader's system may use for the charts, so a
//! label measured with them fits with the others too.

mod widths;

/// A character outside the table: as wide as a wide letter.
const UNKNOWN: u16 = 700;

/// The width of `text` drawn at `size` pixels, regular or bold.
pub fn width(text: &str, size: f64, bold: bool) -> f64 {
    let thousandths: u32 = text
        .chars()
        .map(|c| match widths::WIDTHS.binary_search_by_key(&c, |(k, _, _)| *k) {
            Ok(i) => u32::from(if bold { widths::WIDTHS[i].2 } else { widths::WIDTHS[i].1 }),
            Err(_) => u32::from(UNKNOWN),
        })
        .sum();
    f64::from(thousandths) * size / 1000.0
}

/// `text` in lines no wider than `max` pixels, broken between words; a
/// word wider than a line on its own is broken where it must be.
pub fn wrap(text: &str, max: f64, size: f64, bold: bool) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() { word.to_owned() } else { format!("{line} {word}") };
        if width(&candidate, size, bold) <= max {
            line = candidate;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        // A word too long for a line of its own is cut between characters.
        for c in word.chars() {
            if !line.is_empty() && width(&format!("{line}{c}"), size, bold) > max {
                lines.push(std::mem::take(&mut line));
            }
            line.push(c);
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_sorted_and_measures_as_the_font_does() {
        assert!(widths::WIDTHS.windows(2).all(|w| w[0].0 < w[1].0));
        // DejaVu Sans: `a` is 613/1000 em, `W` 989; bold is wider.
        assert!((width("aW", 10.0, false) - 16.02).abs() < 1e-9);
        assert!(width("aW", 10.0, true) > width("aW", 10.0, false));
        assert!(width("é", 12.0, false) > 0.0 && width("\u{1F600}", 12.0, false) == 8.4);
    }

    #[test]
    fn labels_wrap_between_words_and_every_line_fits() {
        let label = "Accueil et identification en toute sécurité des femmes et des filles à leur arrivée";
        let lines = wrap(label, 200.0, 12.0, false);
        assert!(lines.len() > 1, "{lines:?}");
        assert!(lines.iter().all(|l| width(l, 12.0, false) <= 200.0), "{lines:?}");
        assert_eq!(lines.join(" "), label);
        let long = wrap("Interinstitutionnalisation", 60.0, 12.0, true);
        assert!(long.len() > 1 && long.iter().all(|l| width(l, 12.0, true) <= 60.0), "{long:?}");
        assert_eq!(wrap("", 60.0, 12.0, false), [""]);
    }
}
