//! What `relais serve` keeps of one build for the next ([`super::rebuild`]):
//! the parse of every file, and the site it last wrote. An edit that no
//! other page shows (the body of a document, most often) is then laid
//! out only on the pages of its document, and only the files whose bytes
//! changed are written again; any other change builds the whole site.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::parse::{self, Document};
use crate::resolve::Site;
use crate::search;
use crate::write::OutputFile;

/// More files changed than this at once, and the whole site is laid out
/// again (a branch checked out, a search and replace): comparing them one
/// by one would cost more than it saves.
const MANY_FILES: usize = 64;

#[derive(Debug, Default)]
pub struct Memo {
    pub(super) parse: parse::Cache,
    pub(super) search: search::Cache,
    /// The site the last build wrote; none when it did not write.
    pub(super) last: Option<Last>,
}

/// The files that changed since the last build, as the watcher of
/// `serve` saw them, read once for the whole build.
#[derive(Debug)]
pub(super) struct Changes {
    /// Those of content/, by their path under it.
    content: HashSet<String>,
    /// Whether all of them are Markdown files of content/.
    markdown_only: bool,
}

impl Changes {
    /// `None` when the site's folder cannot be read.
    pub(super) fn of(paths: &[PathBuf], root: &Path) -> Option<Changes> {
        let content = root.canonicalize().ok()?.join(crate::load::CONTENT_DIR);
        let inside = || paths.iter().filter(|path| path.starts_with(&content));
        Some(Changes {
            content: inside().map(|path| crate::diagnostics::display_path(&content, path)).collect(),
            markdown_only: inside().count() == paths.len()
                && paths.iter().all(|path| path.extension().is_some_and(|e| e == "md")),
        })
    }
}

impl Memo {
    /// The text of each file of content/ that did not change since the
    /// last build, by its path under content/.
    pub(super) fn unchanged<'a>(&'a self, changes: &'a Changes) -> impl Fn(&str) -> Option<String> + Sync + 'a {
        |path: &str| (!changes.content.contains(path)).then(|| self.parse.text(path).map(str::to_owned)).flatten()
    }
}

/// A site as it was written, and its search index files.
#[derive(Debug)]
pub(super) struct Last {
    pub(super) site: Site,
    pub(super) search_files: Vec<String>,
}

impl Last {
    /// The keys whose pages alone need laying out again in `site`, built
    /// after `changes` and parsing anew the files `fresh` (paths under
    /// content/); `None` when every page must be laid out: a file other
    /// than a page's Markdown changed, a page came or went, or what changed
    /// shows on other pages (a title, a heading, a field, where a page is
    /// in its section).
    pub(super) fn keys(&self, site: &Site, fresh: &[String], changes: &Changes) -> Option<HashSet<String>> {
        if !changes.markdown_only || fresh.len() > MANY_FILES {
            return None;
        }
        let last = &self.site;
        if (site.docs.len(), site.pages.len(), site.bundles.len(), site.redlines.len())
            != (last.docs.len(), last.pages.len(), last.bundles.len(), last.redlines.len())
        {
            return None;
        }
        let current = |site: &'_ Site, path: &str| -> Option<usize> {
            site.docs.iter().position(|d| d.content_path == path && d.superseded.is_none())
        };
        let mut keys = HashSet::new();
        for path in fresh {
            let (now, before) = (current(site, path)?, current(last, path)?);
            if now != before || shown_elsewhere(&site.docs[now]) != shown_elsewhere(&last.docs[before]) {
                return None;
            }
            keys.insert(site.docs[now].key.clone());
        }
        let same =
            site.pages.iter().zip(&last.pages).all(|(now, before)| {
                if keys.contains(&now.key) { now.same_for_others(before) } else { now.same(before) }
            });
        same.then_some(keys)
    }

    /// Writes into `out` each of `files` whose bytes changed, and removes
    /// the search index files no longer made; the other files of `out`
    /// are this site's already. Each file is replaced at once (written
    /// beside, then renamed), so that the server never sends half of one.
    /// Returns how many files were written.
    pub(super) fn write_changed(
        &self,
        out: &Path,
        files: Vec<OutputFile>,
        search_files: &[String],
    ) -> std::io::Result<usize> {
        let mut written = 0;
        for file in files {
            let path = out.join(&file.path);
            if std::fs::read(&path).is_ok_and(|bytes| bytes == file.bytes) {
                continue;
            }
            std::fs::create_dir_all(path.parent().unwrap_or(out))?;
            // A hidden name, which no page links to.
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let beside = path.with_file_name(format!(".{name}.relais-new"));
            std::fs::write(&beside, &file.bytes)?;
            std::fs::rename(&beside, &path)?;
            written += 1;
        }
        let kept: HashSet<&String> = search_files.iter().collect();
        for gone in self.search_files.iter().filter(|f| !kept.contains(f)) {
            match std::fs::remove_file(out.join(gone)) {
                Err(err) if err.kind() != std::io::ErrorKind::NotFound => return Err(err),
                _ => {}
            }
        }
        Ok(written)
    }
}

/// What other pages show of a document, or check against it: all of it
/// but the text of its body and the lines things are on.
fn shown_elsewhere(doc: &Document) -> String {
    let headings: Vec<_> = doc.body.headings.iter().map(|h| (h.level, &h.id, &h.text, h.explicit)).collect();
    format!(
        "{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}",
        doc.key, doc.lang, doc.role, doc.title, doc.front, doc.kind, headings, doc.superseded
    )
}
