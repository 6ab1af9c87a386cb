//! The search index of each language, `<lang>/search-index.js`, read by the
//! search page in the browser. It is a script rather than JSON because a
//! page opened from `file://` may load a script but may not fetch a file.
//!
//! Each document gives its title, URL, kind, summary and headings (to show
//! and link results) and the set of its words, folded (lower case, no
//! accents, `œ` as `oe`: `hygiene::fold`) the way `static/search.js` folds a query: every
//! word of the body, of the front matter's texts (steps, actions, items …)
//! and of the title, so that a search finds what any part of a document says.

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};

use pulldown_cmark::Event;

use rayon::prelude::*;
use serde::Serialize;
use serde_json::Value;

use crate::parse::{Block, Document};
use crate::resolve::{Page, Site};
use crate::write::OutputFile;

/// The global variable the index sets.
pub const INDEX_VARIABLE: &str = "relaisSearch";

#[derive(Serialize)]
struct Entry<'a> {
    /// Title.
    t: &'a str,
    /// URL from the language's folder (`sops/x/index.html`).
    u: &'a str,
    /// Kind (`sop` …), for its label.
    k: &'a str,
    /// Summary, shown under the title.
    s: &'a str,
    /// Headings: text and anchor.
    h: Vec<(&'a str, &'a str)>,
    /// Every word, folded, once, separated by spaces.
    w: String,
}

/// One `search-index.js` per language.
pub fn indexes(site: &Site) -> Vec<OutputFile> {
    site.config
        .languages
        .par_iter()
        .map(|lang| {
            let pages: Vec<(&Page, &Document)> = site.documents(lang).collect();
            let entries: Vec<Entry<'_>> = pages.par_iter().map(|(page, doc)| entry(lang, page, doc)).collect();
            // Sized once: the words are most of the file.
            let size: usize = entries.iter().map(|e| e.w.len() + e.s.len() + e.t.len() + 64 * (e.h.len() + 1)).sum();
            let mut bytes = Vec::with_capacity(size + 64);
            bytes.extend_from_slice(format!("window.{INDEX_VARIABLE} = ").as_bytes());
            #[derive(Serialize)]
            struct Index<'a> {
                lang: &'a str,
                docs: Vec<Entry<'a>>,
            }
            // Writing to a Vec cannot fail.
            let _ = serde_json::to_writer(&mut bytes, &Index { lang, docs: entries });
            bytes.extend_from_slice(b";\n");
            OutputFile { path: format!("{lang}/search-index.js"), bytes }
        })
        .collect()
}

fn entry<'a>(lang: &str, page: &'a Page, doc: &'a Document) -> Entry<'a> {
    let mut words = Words::default();
    words.add(&page.title);
    words.add(doc.front.summary.as_deref().unwrap_or(""));
    for block in &doc.body.blocks {
        if let Block::Event(Event::Text(text) | Event::Code(text)) = block {
            words.add(text);
        }
    }
    doc.kind.fields.values().for_each(|v| words.add_field(v));
    for list in [&doc.front.tags, &doc.front.audience, &doc.front.authors] {
        list.iter().for_each(|text| words.add(text));
    }
    let prefix = format!("{lang}/");
    Entry {
        t: &page.title,
        u: page.path.strip_prefix(&prefix).unwrap_or(&page.path),
        k: doc.front.kind.as_str(),
        s: doc.front.summary.as_deref().unwrap_or(""),
        h: doc.body.headings.iter().filter(|h| h.level <= 3).map(|h| (h.text.as_str(), h.id.as_str())).collect(),
        w: words.joined(),
    }
}

/// The distinct folded words of a document, in the order they first come.
/// Most words come back many times: each is folded into one reused buffer
/// and remembered by a 64-bit hash (a collision among a document's thousand
/// words has odds of about 1 in 10^13), so only new words are copied.
#[derive(Default)]
struct Words {
    seen: HashSet<u64, BuildHasherDefault<HashIsKey>>,
    joined: String,
    buffer: String,
}

impl Words {
    fn add(&mut self, text: &str) {
        for word in text.split(|c: char| !c.is_alphanumeric()) {
            let mut chars = word.chars();
            if chars.next().is_none() || chars.next().is_none() {
                continue;
            }
            let plain = word.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
            let folded = if plain {
                word
            } else {
                self.buffer.clear();
                crate::hygiene::fold_into(word, &mut self.buffer);
                self.buffer.as_str()
            };
            if self.seen.insert(fnv1a(folded)) {
                if !self.joined.is_empty() {
                    self.joined.push(' ');
                }
                self.joined.push_str(folded);
            }
        }
    }

    /// The texts of the front matter's kind fields (ids and numbers too: a
    /// search for `step-4` or a year finds them).
    fn add_field(&mut self, value: &Value) {
        match value {
            Value::String(text) => self.add(text),
            Value::Array(items) => items.iter().for_each(|v| self.add_field(v)),
            Value::Object(map) => map.values().for_each(|v| self.add_field(v)),
            _ => {}
        }
    }

    fn joined(self) -> String {
        self.joined
    }
}

fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, b| (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// The set's keys are hashes already.
#[derive(Default)]
struct HashIsKey(u64);

impl Hasher for HashIsKey {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        // Only u64 keys are hashed; this keeps the trait whole.
        self.0 = bytes.iter().fold(self.0, |h, b| h.rotate_left(8) ^ u64::from(*b));
    }

    fn write_u64(&mut self, value: u64) {
        self.0 = value;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_folded_as_the_browser_folds_a_query() {
        let mut words = Words::default();
        words.add("Mise en œuvre : l'État, RÉFÉRENCEMENT (étape 4) a-t-il, mise; São Tomé-et-Príncipe, Łódź");
        assert_eq!(words.joined(), "mise en oeuvre etat referencement etape il sao tome et principe łodz");
    }
}
