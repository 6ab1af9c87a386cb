//! A language's index in shards, updated in place after some pages' words
//! changed (`relais serve`): the pages' numbers hold while the pages and
//! their titles do, so only the postings of the words that came, went or
//! changed their marks are made again, and only their shards written.
//! The result is byte for byte what [`super::language_index`] makes.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use super::{Folded, Made, SINGLE_FILE, base36, manifest, manifest_file, part_file, part_size, shard_name};

/// A language's index as last made in shards.
#[derive(Debug)]
pub struct Sharded {
    /// Each page's number in the index, by its output path.
    pub numbers: HashMap<String, usize>,
    /// Each shard's words and their postings, by shard name (`w-ab`).
    pub shards: BTreeMap<String, BTreeMap<String, String>>,
    /// The bytes of every part (shards and chunks of documents), by name.
    pub sizes: BTreeMap<String, usize>,
}

/// One page in a posting: its number, flags and headings.
type Hit = (usize, u8, Vec<usize>);

/// `index` after the pages of `edits` (output path, words before, words
/// now) changed, for a language of `count` pages; `None` when it must be
/// made whole: other pages than those it numbers, or an index now small
/// enough for one file.
pub fn apply(
    lang: &str,
    mut index: Sharded,
    edits: Vec<(&str, &Arc<Folded>, &Arc<Folded>)>,
    count: usize,
) -> Option<(Made, Sharded)> {
    if index.numbers.len() != count {
        return None;
    }
    let mut touched = BTreeSet::new();
    for (path, before, after) in edits {
        let number = *index.numbers.get(path)?;
        if Arc::ptr_eq(before, after) {
            continue;
        }
        let (old, new) = (hits(before), hits(after));
        for word in old.keys().chain(new.keys()) {
            let (was, is) = (old.get(word), new.get(word));
            if was == is {
                continue;
            }
            let shard = format!("w-{}", shard_name(word));
            let words = index.shards.entry(shard.clone()).or_default();
            let mut list = words.get(*word).map_or_else(Vec::new, |p| decode(p));
            list.retain(|hit| hit.0 != number);
            if let Some((flags, headings)) = is {
                let at = list.partition_point(|hit| hit.0 < number);
                list.insert(at, (number, *flags, headings.to_vec()));
            }
            if list.is_empty() {
                words.remove(*word);
            } else {
                words.insert((*word).to_owned(), encode(&list));
            }
            if words.is_empty() {
                index.shards.remove(&shard);
            }
            touched.insert(shard);
        }
    }
    let mut files = Vec::new();
    for name in &touched {
        match index.shards.get(name) {
            Some(words) => {
                let bytes = serde_json::to_vec(words).unwrap_or_default();
                index.sizes.insert(name.clone(), bytes.len());
                files.push(part_file(lang, name, &bytes));
            }
            None => {
                index.sizes.remove(name);
            }
        }
    }
    let manifest = manifest(lang, count, &index.shards);
    let total = manifest.len() + index.sizes.iter().map(|(name, bytes)| part_size(name, *bytes)).sum::<usize>();
    if total <= SINGLE_FILE {
        return None;
    }
    files.push(manifest_file(lang, &manifest));
    let mut paths = vec![format!("{lang}/search-index.js")];
    paths.extend(index.sizes.keys().map(|name| format!("{lang}/{}/{name}.js", super::PARTS_DIR)));
    Some((Made { files, paths }, index))
}

/// The words of a page with their flags and headings.
fn hits(folded: &Folded) -> HashMap<&str, (u8, &[usize])> {
    let words = folded.words.split(' ').filter(|w| !w.is_empty());
    words.map(|w| (w, folded.marks.get(w).map_or((0, &[][..]), |(f, h)| (*f, h.as_slice())))).collect()
}

/// A posting's pages: base-36 differences from the page before, each maybe
/// followed by `.flags` and `.heading`s.
fn decode(posting: &str) -> Vec<Hit> {
    let number = |s: &str| usize::from_str_radix(s, 36).unwrap_or(0);
    let mut last = 0;
    posting
        .split(',')
        .filter(|item| !item.is_empty())
        .map(|item| {
            let mut fields = item.split('.');
            last += number(fields.next().unwrap_or("0"));
            let flags = fields.next().map_or(0, |f| u8::try_from(number(f)).unwrap_or(0));
            (last, flags, fields.map(number).collect())
        })
        .collect()
}

/// A posting as [`super::language_index`] writes it.
fn encode(list: &[Hit]) -> String {
    let mut text = String::new();
    let mut last = 0;
    for (number, flags, headings) in list {
        if !text.is_empty() {
            text.push(',');
        }
        base36(number - last, &mut text);
        last = *number;
        if *flags != 0 || !headings.is_empty() {
            text.push('.');
            base36(usize::from(*flags), &mut text);
            for heading in headings {
                text.push('.');
                base36(*heading, &mut text);
            }
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_posting_reads_back_as_it_was_written() {
        let list: Vec<Hit> = vec![(0, 0, vec![]), (3, 1, vec![]), (40, 0, vec![2, 5]), (1300, 3, vec![0])];
        let text = encode(&list);
        assert_eq!(text, "0,3.1,11.0.2.5,z0.3.0");
        assert_eq!(decode(&text), list);
    }
}
