//! The search index of each language, read by the search page in the
//! browser. It is made of scripts rather than JSON because a page opened
//! from `file://` may load a script but may not fetch a file.
//!
//! The index is inverted: each folded word (lower case, no accents, `œ` as
//! `oe`: `fold::fold`, the way `static/search.js` folds a query) lists
//! the documents that hold it (in their body, title, front matter texts …),
//! and whether it is in the title, the summary or which headings. Words are
//! sharded by their first two letters and documents' titles, URLs,
//! summaries and headings are kept in chunks of [`CHUNK`], so that a query
//! loads the shards of its words and the chunks of the results it shows:
//!
//! - `<lang>/search-index.js` sets `window.relaisSearch` = `{lang, count,
//!   chunk, shards, parts?}`: `shards` names the word shards that exist;
//! - `<lang>/search-index/w-<letters>.js` and `d-<n>.js` each call
//!   `relaisSearch.add(name, data)`.
//!
//! A small index (under [`SINGLE_FILE`] bytes in all) is written whole into
//! `search-index.js`, its parts in `parts`: one file loads faster than a few.
//!
//! A word shard maps each word to its postings: documents by number (in the
//! order of their folded titles), as base-36 differences from the previous
//! one, separated by `,`; a document whose title or summary holds the word
//! is followed by `.` and flags (1 title, 2 summary), and by `.` and the
//! number of each heading that holds it. A document chunk lists `[title,
//! url, kind, summary, [[heading, anchor] …]]`.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::Arc;

use pulldown_cmark::Event;

use rayon::prelude::*;
use serde::Serialize;
use serde_json::Value;

use crate::model::Block;
use crate::parse::Document;
use crate::resolve::{Page, Site};
use crate::write::OutputFile;

mod update;

/// The global variable the index sets.
pub const INDEX_VARIABLE: &str = "relaisSearch";
/// Documents per chunk of titles, URLs and summaries.
pub const CHUNK: usize = 10;
/// Below this size in all, a language's index is one file.
pub const SINGLE_FILE: usize = 256 * 1024;
/// The folder of a sharded index, in each language's folder.
pub const PARTS_DIR: &str = "search-index";

const TITLE: u8 = 1;
const SUMMARY: u8 = 2;

struct Entry<'a> {
    /// The page's output path.
    path: &'a str,
    title: &'a str,
    /// URL from the language's folder (`sops/x/index.html`).
    url: &'a str,
    kind: &'a str,
    summary: &'a str,
    /// Headings (levels 1–3): text and anchor (`file.html#id` when the
    /// heading is on the page of a later section: `resolve::parts`).
    headings: Vec<(&'a str, std::borrow::Cow<'a, str>)>,
    words: Arc<Folded>,
}

/// The words of one document page as the index holds them.
#[derive(Debug)]
struct Folded {
    /// Every word, folded, once, separated by spaces.
    words: String,
    /// Words of the title, summary or headings: flags and heading numbers.
    marks: HashMap<String, (u8, Vec<usize>)>,
    /// For the order of documents: the folded title.
    sort_key: String,
}

/// What `relais serve` keeps of the index from one build to the next: the
/// words of each document page, by its output path. Folding every word of
/// every page is most of what making the index costs.
#[derive(Debug, Default)]
pub struct Cache {
    pages: HashMap<String, Arc<Folded>>,
    /// Each language's index written in shards, by language, to update
    /// in place when only some pages' words changed.
    sharded: HashMap<String, update::Sharded>,
}

/// The index files made, and the paths of every file of the indexes (those
/// left as they were too).
pub struct Made {
    pub files: Vec<OutputFile>,
    pub paths: Vec<String>,
}

/// The index files of every language.
pub fn indexes(site: &Site) -> Vec<OutputFile> {
    indexes_cached(site, &mut Cache::default(), None).files
}

/// [`indexes`], taking from `cache` the words of every page whose key is
/// not among `changed` (with no `changed`, every page's words are made
/// again), and keeping there the words of this site's pages. When the
/// pages are those the cache last saw, an index in shards is updated in
/// place: only the shards of the words that changed are made again.
pub fn indexes_cached(site: &Site, cache: &mut Cache, changed: Option<&HashSet<String>>) -> Made {
    let known = &cache.pages;
    let words_of = |page: &Page, doc: &Document| match (changed, known.get(&page.path)) {
        (Some(changed), Some(words)) if !changed.contains(&page.key) => Arc::clone(words),
        _ => Arc::new(fold_document(page, doc)),
    };
    let mut sharded = std::mem::take(&mut cache.sharded);
    let languages: Vec<(&String, Option<update::Sharded>)> =
        site.config.languages.iter().map(|lang| (lang, sharded.remove(lang))).collect();
    // Each language's files and all its paths, the words of its pages by
    // their paths, and its index in shards.
    type Language = (Made, Vec<(String, Arc<Folded>)>, Option<update::Sharded>);
    let made: Vec<Language> = languages
        .into_par_iter()
        .map(|(lang, before)| {
            let pages: Vec<(&Page, &Document)> = site.documents(lang).collect();
            let entries: Vec<Entry<'_>> =
                pages.par_iter().map(|(page, doc)| entry(lang, page, doc, words_of(page, doc))).collect();
            let kept = pages.iter().zip(&entries).map(|((page, _), e)| (page.path.clone(), Arc::clone(&e.words)));
            let kept = kept.collect();
            if let (Some(changed), Some(before)) = (changed, before) {
                let edits = pages.iter().zip(&entries).filter(|((page, _), _)| changed.contains(&page.key));
                let edits = edits.filter_map(|(_, e)| Some((e.path, known.get(e.path)?, &e.words)));
                if let Some((made, after)) = update::apply(lang, before, edits.collect(), entries.len()) {
                    return (made, kept, Some(after));
                }
            }
            let (files, sharded) = language_index(lang, entries);
            let paths = files.iter().map(|f| f.path.clone()).collect();
            (Made { files, paths }, kept, sharded)
        })
        .collect();
    let mut all = Made { files: Vec::new(), paths: Vec::new() };
    cache.pages.clear();
    for ((these, kept, index), lang) in made.into_iter().zip(&site.config.languages) {
        all.files.extend(these.files);
        all.paths.extend(these.paths);
        cache.pages.extend(kept);
        if let Some(index) = index {
            cache.sharded.insert(lang.clone(), index);
        }
    }
    all
}

/// A shard's file name for a word: its first two letters when they are
/// ASCII letters or digits, else `x` and the hex of their UTF-8 bytes
/// (as `static/search.js` names it).
pub fn shard_name(word: &str) -> String {
    let head: String = word.chars().take(2).collect();
    if head.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()) {
        head
    } else {
        std::iter::once("x".to_owned()).chain(head.bytes().map(|b| format!("{b:02x}"))).collect()
    }
}

fn base36(mut n: usize, out: &mut String) {
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut buffer = [0u8; 16];
    let mut at = buffer.len();
    loop {
        at -= 1;
        buffer[at] = DIGITS[n % 36];
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.extend(buffer[at..].iter().map(|&b| char::from(b)));
}

/// A language's index files, and the index kept to update in place when
/// it is in shards.
fn language_index(lang: &str, mut entries: Vec<Entry<'_>>) -> (Vec<OutputFile>, Option<update::Sharded>) {
    entries.par_sort_by(|a, b| (&a.words.sort_key, a.title, a.url).cmp(&(&b.words.sort_key, b.title, b.url)));
    // Postings, word by word.
    struct Posting {
        last: usize,
        text: String,
    }
    let mut postings: HashMap<String, HashMap<String, Posting>> = HashMap::new();
    let ranges: Vec<std::ops::Range<usize>> =
        (0..entries.len()).step_by(500).map(|start| start..(start + 500).min(entries.len())).collect();
    // Each range of documents makes its postings, merged in order after.
    /// A document that holds a word: number, flags, headings.
    type Hit<'e> = (usize, u8, &'e [usize]);
    let partials: Vec<HashMap<&str, Vec<Hit<'_>>>> = ranges
        .par_iter()
        .map(|range| {
            let mut words: HashMap<&str, Vec<Hit<'_>>> = HashMap::new();
            for id in range.clone() {
                let entry = &entries[id];
                for word in entry.words.words.split(' ').filter(|w| !w.is_empty()) {
                    let (flags, headings) =
                        entry.words.marks.get(word).map_or((0, &[][..]), |(f, h)| (*f, h.as_slice()));
                    words.entry(word).or_default().push((id, flags, headings));
                }
            }
            words
        })
        .collect();
    for partial in partials {
        for (word, list) in partial {
            {
                let shard = postings.entry(shard_name(word)).or_default();
                let posting = match shard.get_mut(word) {
                    Some(p) => p,
                    None => shard.entry(word.to_owned()).or_insert(Posting { last: 0, text: String::new() }),
                };
                for (id, flags, headings) in list {
                    if !posting.text.is_empty() {
                        posting.text.push(',');
                    }
                    base36(id - posting.last, &mut posting.text);
                    posting.last = id;
                    if flags != 0 || !headings.is_empty() {
                        posting.text.push('.');
                        base36(usize::from(flags), &mut posting.text);
                        for h in headings {
                            posting.text.push('.');
                            base36(*h, &mut posting.text);
                        }
                    }
                }
            }
        }
    }
    let shards: BTreeMap<String, BTreeMap<String, String>> = postings
        .into_iter()
        .map(|(name, words)| (format!("w-{name}"), words.into_iter().map(|(w, p)| (w, p.text)).collect()))
        .collect();
    let mut parts: Vec<(String, Vec<u8>)> =
        shards.iter().map(|(name, words)| (name.clone(), serde_json::to_vec(words).unwrap_or_default())).collect();
    #[derive(Serialize)]
    struct Shown<'a>(&'a str, &'a str, &'a str, &'a str, &'a [(&'a str, std::borrow::Cow<'a, str>)]);
    for (n, chunk) in entries.chunks(CHUNK).enumerate() {
        let shown: Vec<Shown<'_>> =
            chunk.iter().map(|e| Shown(e.title, e.url, e.kind, e.summary, &e.headings)).collect();
        parts.push((format!("d-{n}"), serde_json::to_vec(&shown).unwrap_or_default()));
    }
    let manifest = manifest(lang, entries.len(), &shards);
    let total: usize = manifest.len() + parts.iter().map(|(name, bytes)| part_size(name, bytes.len())).sum::<usize>();
    let mut index = format!("window.{INDEX_VARIABLE} = ").into_bytes();
    if total <= SINGLE_FILE {
        index.extend_from_slice(&manifest.as_bytes()[..manifest.len() - 1]);
        index.extend_from_slice(b",\"parts\":{");
        for (i, (name, bytes)) in parts.iter().enumerate() {
            if i > 0 {
                index.push(b',');
            }
            index.extend_from_slice(format!("\"{name}\":").as_bytes());
            index.extend_from_slice(bytes);
        }
        index.extend_from_slice(b"}};\n");
        return (vec![OutputFile { path: format!("{lang}/search-index.js"), bytes: index }], None);
    }
    let sharded = update::Sharded {
        numbers: entries.iter().enumerate().map(|(n, e)| (e.path.to_owned(), n)).collect(),
        sizes: parts.iter().map(|(name, bytes)| (name.clone(), bytes.len())).collect(),
        shards,
    };
    let mut files = vec![manifest_file(lang, &manifest)];
    files.extend(parts.into_iter().map(|(name, bytes)| part_file(lang, &name, &bytes)));
    (files, Some(sharded))
}

/// What `search-index.js` says of a language's index in shards.
fn manifest(lang: &str, count: usize, shards: &BTreeMap<String, BTreeMap<String, String>>) -> String {
    let names: Vec<&str> = shards.keys().map(|k| &k[2..]).collect();
    serde_json::json!({ "lang": lang, "count": count, "chunk": CHUNK, "shards": names }).to_string()
}

/// What a part adds to the index's size, for the choice of one file.
fn part_size(name: &str, bytes: usize) -> usize {
    name.len() + bytes + 4
}

fn manifest_file(lang: &str, manifest: &str) -> OutputFile {
    let bytes = format!("window.{INDEX_VARIABLE} = {manifest};\n").into_bytes();
    OutputFile { path: format!("{lang}/search-index.js"), bytes }
}

fn part_file(lang: &str, name: &str, bytes: &[u8]) -> OutputFile {
    let mut script = format!("{INDEX_VARIABLE}.add(\"{name}\",").into_bytes();
    script.extend_from_slice(bytes);
    script.extend_from_slice(b");\n");
    OutputFile { path: format!("{lang}/{PARTS_DIR}/{name}.js"), bytes: script }
}

fn entry<'a>(lang: &str, page: &'a Page, doc: &'a Document, words: Arc<Folded>) -> Entry<'a> {
    let prefix = format!("{lang}/");
    Entry {
        path: &page.path,
        title: &page.title,
        url: page.path.strip_prefix(&prefix).unwrap_or(&page.path),
        kind: doc.front.kind.as_str(),
        summary: doc.front.summary.as_deref().unwrap_or(""),
        headings: headings(doc)
            .into_iter()
            .map(|(text, id)| {
                let file = page.file_holding(id);
                let anchor = match file.rsplit('/').next() {
                    Some(name) if file != page.path => format!("{name}#{id}").into(),
                    _ => id.into(),
                };
                (text, anchor)
            })
            .collect(),
        words,
    }
}

/// A document's headings of levels 1 to 3: text and anchor.
fn headings(doc: &Document) -> Vec<(&str, &str)> {
    doc.body.headings.iter().filter(|h| h.level <= 3).map(|h| (h.text.as_str(), h.id.as_str())).collect()
}

fn fold_document(page: &Page, doc: &Document) -> Folded {
    let mut words = Words::default();
    words.add(&page.title);
    let summary = doc.front.summary.as_deref().unwrap_or("");
    words.add(summary);
    for block in &doc.body.blocks {
        if let Block::Event(Event::Text(text) | Event::Code(text)) = block {
            words.add(text);
        }
    }
    doc.kind.fields.values().for_each(|v| words.add_field(v));
    for list in [&doc.front.tags, &doc.front.audience, &doc.front.authors] {
        list.iter().for_each(|text| words.add(text));
    }
    let headings = headings(doc);
    // The words that rank a document higher.
    let mut marks: HashMap<String, (u8, Vec<usize>)> = HashMap::new();
    let mut mark = |text: &str, flag: u8, heading: Option<usize>| {
        let mut these = Words::default();
        these.add(text);
        for word in these.joined.split(' ').filter(|w| !w.is_empty()) {
            let (flags, numbers) = marks.entry(word.to_owned()).or_default();
            *flags |= flag;
            if let Some(n) = heading
                && numbers.last() != Some(&n)
            {
                numbers.push(n);
            }
        }
    };
    mark(&page.title, TITLE, None);
    mark(summary, SUMMARY, None);
    for (n, (text, _)) in headings.iter().enumerate() {
        mark(text, 0, Some(n));
    }
    // Every marked word is a word of the document.
    for word in marks.keys() {
        words.add(word);
    }
    Folded { words: words.joined(), marks, sort_key: crate::fold::fold(&page.title) }
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
                crate::fold::fold_into(word, &mut self.buffer);
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
    fn shards_are_named_by_two_letters_or_their_bytes() {
        assert_eq!(shard_name("referral"), "re");
        assert_eq!(shard_name("2026"), "20");
        // As static/search.js names it: "x" and the UTF-8 bytes in hex.
        assert_eq!(shard_name("łodz"), "xc5826f");
        let mut text = String::new();
        base36(0, &mut text);
        base36(71, &mut text);
        assert_eq!(text, "01z");
    }

    #[test]
    fn words_are_folded_as_the_browser_folds_a_query() {
        let mut words = Words::default();
        words.add("Mise en œuvre : l'État, RÉFÉRENCEMENT (étape 4) a-t-il, mise; São Tomé-et-Príncipe, Łódź");
        assert_eq!(words.joined(), "mise en oeuvre etat referencement etape il sao tome et principe łodz");
    }
}
