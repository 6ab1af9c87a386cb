//! Text made safe to write into HTML, between tags or inside an
//! attribute's double quotes: what every stage that writes markup shares.

/// `text` with `&`, `<`, `>` and `"` written as entities.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}
