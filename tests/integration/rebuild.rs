//! `relais serve` builds again after an edit with what it kept of the last
//! build (`pipeline::rebuild`): only the pages of a document whose edit no
//! other page shows are laid out again, and only changed files written.
//! Whatever the edit, the output and the problems are those of a full
//! build of the same files, byte for byte.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use relais::pipeline::{BuildOptions, Memo, Report, build, rebuild};

use crate::support::*;

/// Every file under `dir`, by its path from there.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).into_iter().filter_map(Result::ok) {
        if entry.file_type().is_file() {
            let path = entry.path().strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/");
            files.insert(path, std::fs::read(entry.path()).unwrap());
        }
    }
    files
}

/// A site being served: its copy, the memo of its builds, its output.
struct Served {
    _dir: tempfile::TempDir,
    root: PathBuf,
    memo: Memo,
}

impl Served {
    fn start(fixture_path: &str) -> Served {
        Served::start_with(|root| copy_site(&fixture(fixture_path), root))
    }

    /// A site that `make` writes into the folder it is given.
    fn start_with(make: impl FnOnce(&Path)) -> Served {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap().join("site");
        make(&root);
        let mut served = Served { _dir: dir, root, memo: Memo::default() };
        let report = rebuild(&served.options(), &mut served.memo, None);
        assert!(report.written, "{:?}", report.diagnostics.sorted());
        served
    }

    fn options(&self) -> BuildOptions {
        let mut options = BuildOptions::check(self.root.clone());
        options.write = true;
        options.out = Some(self.root.join("build").join("serve"));
        options
    }

    /// Changes the files, builds again with the memo, and compares with a
    /// full build of the same files into a folder of its own.
    fn edit(&mut self, what: &str, change: impl FnOnce(&Path) -> Vec<&'static str>) -> Report {
        let changed: Vec<PathBuf> = change(&self.root.join("content")).iter().map(|p| self.root.join(p)).collect();
        let report = rebuild(&self.options(), &mut self.memo, Some(&changed));
        let full_out = tempfile::tempdir().unwrap();
        let full = build(&BuildOptions { out: Some(full_out.path().join("site")), ..self.options() });
        let problems = |r: &Report| r.diagnostics.sorted().iter().map(|d| d.to_string()).collect::<Vec<_>>();
        assert_eq!(problems(&report), problems(&full), "{what}: the problems differ from a full build's");
        assert_eq!(report.written, full.written, "{what}: {:?}", report.diagnostics.sorted());
        if full.written {
            let (ours, theirs) = (tree(&self.root.join("build").join("serve")), tree(&full_out.path().join("site")));
            let differ: std::collections::BTreeSet<&String> =
                ours.keys().chain(theirs.keys()).filter(|path| ours.get(*path) != theirs.get(*path)).collect();
            assert!(differ.is_empty(), "{what}: these files differ from a full build's: {differ:?}");
        }
        report
    }
}

fn replace(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} has no {from:?}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn a_rebuild_after_each_kind_of_edit_writes_what_a_full_build_writes() {
    let mut site = Served::start("site/basic");

    // A body's text: only the pages of that document are laid out again.
    let report = site.edit("body text", |content| {
        replace(
            &content.join("guides/first.en.md"),
            "Bring the **forms**.",
            "Bring the **forms** and a zanzibarite pen.",
        );
        vec!["content/guides/first.en.md"]
    });
    let written = report.rewritten.expect("a body edit lays out only its document's pages");
    // Its page, its print edition, and the search files of its new word.
    assert!((2..=8).contains(&written), "{written} files written for one paragraph");

    // Saved again unchanged: nothing to write.
    let report = site.edit("saved unchanged", |_| vec!["content/guides/first.en.md"]);
    assert_eq!(report.rewritten, Some(0));

    // A title shows in menus, lists and the other language's switch.
    let report = site.edit("title", |content| {
        replace(&content.join("guides/second.en.md"), "title: Second guide", "title: The second guide");
        vec!["content/guides/second.en.md"]
    });
    assert_eq!(report.rewritten, None, "a new title lays out every page");

    // A heading that another page links to: the link breaks (the build
    // fails, the output stays), then the link is mended.
    site.edit("heading id", |content| {
        replace(&content.join("sops/intake.en.md"), "### Step 2 {#step-2}", "### Step 2 {#second-step}");
        vec!["content/sops/intake.en.md"]
    });
    site.edit("the link mended", |content| {
        replace(&content.join("guides/first.en.md"), "intake.md#step-2", "intake.md#second-step");
        vec!["content/guides/first.en.md"]
    });

    // A new file, renamed, then deleted.
    site.edit("new file", |content| {
        let text = "---\ntitle: Third guide\nsummary: The third.\nkind: page\n---\nA third page.\n";
        std::fs::write(content.join("guides/third.en.md"), text).unwrap();
        vec!["content/guides/third.en.md"]
    });
    site.edit("renamed file", |content| {
        std::fs::rename(content.join("guides/third.en.md"), content.join("guides/fourth.en.md")).unwrap();
        vec!["content/guides/third.en.md", "content/guides/fourth.en.md"]
    });
    site.edit("deleted file", |content| {
        std::fs::remove_file(content.join("guides/fourth.en.md")).unwrap();
        vec!["content/guides/fourth.en.md"]
    });

    // The glossary, which every page's abbreviations read.
    let report = site.edit("_data", |content| {
        let glossary = content.join("_data/glossary.yaml");
        let text = std::fs::read_to_string(&glossary).unwrap();
        std::fs::write(&glossary, text.replacen("Ministry of Social Affairs", "Ministry for Social Affairs", 1))
            .unwrap();
        vec!["content/_data/glossary.yaml"]
    });
    assert_eq!(report.rewritten, None);

    // The theme: a site's own stylesheet replaces the bundled one.
    let report = site.edit("theme", |content| {
        let css = content.parent().unwrap().join("themes/default/static/extra.css");
        std::fs::create_dir_all(css.parent().unwrap()).unwrap();
        std::fs::write(&css, "body { margin: 0 }\n").unwrap();
        vec!["themes/default/static/extra.css"]
    });
    assert_eq!(report.rewritten, None);

    // A body edit right after a full rebuild is laid out alone again.
    let report = site.edit("body text again", |content| {
        replace(&content.join("guides/second.fr.md"), "Retour au", "Revenir au");
        vec!["content/guides/second.fr.md"]
    });
    assert!(report.rewritten.is_some());
}

#[test]
fn a_module_edited_under_serve_gets_its_editions_and_bundles_again() {
    let mut site = Served::start("print/kinds");
    let module = "content/modules/orientation.en.md";
    let text = std::fs::read_to_string(site.root.join(module)).unwrap();
    // The last paragraph of the module's body, whatever it says.
    let last = text.trim_end().rsplit("\n\n").next().unwrap().to_owned();
    let report = site.edit("module body", |content| {
        replace(&content.join("modules/orientation.en.md"), &last, &format!("{last} Bring spare markers."));
        vec!["content/modules/orientation.en.md"]
    });
    assert!(report.rewritten.is_some_and(|n| n > 0), "{:?}", report.rewritten);
    // The trainer pack bundles the module: it was laid out again, and
    // the edit test above found it the same as a full build's.
    let pack = std::fs::read_to_string(site.root.join("build/serve/en/print/trainer-pack.html")).unwrap();
    assert!(pack.contains("Bring spare markers."));
}

#[test]
fn a_rebuild_updates_a_sharded_search_index_as_a_full_build_writes_it() {
    // Sixty notes of eight hundred made-up words each: an index too large
    // for one file, so it is split into shards by the words' first letters.
    let mut seed: u64 = 7;
    let mut word = move || {
        (0..8)
            .map(|_| {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                char::from(b'a' + ((seed >> 33) % 20) as u8)
            })
            .collect::<String>()
    };
    let mut site = Served::start_with(|root| {
        std::fs::create_dir_all(root.join("content/notes")).unwrap();
        std::fs::write(root.join("site.yaml"), "title: { en: Notes }\nlanguages: [en]\n").unwrap();
        std::fs::write(root.join("content/_index.en.md"), "---\ntitle: Notes\n---\nThe notes.\n").unwrap();
        std::fs::write(root.join("content/notes/_index.en.md"), "---\ntitle: All notes\n---\n").unwrap();
        for n in 0..60 {
            let words: Vec<String> = (0..800).map(|_| word()).collect();
            // Note 0 alone holds a word of its shard.
            let own = if n == 0 { "vvonly" } else { "" };
            // A word every note holds, in the heading of some.
            let heading = if n % 3 == 0 { "## Shared words\n\n" } else { "" };
            let text =
                format!("---\ntitle: Note {n}\nsummary: Note {n}.\n---\n{heading}{own} shared {}\n", words.join(" "));
            std::fs::write(root.join(format!("content/notes/n{n:02}.en.md")), text).unwrap();
        }
    });
    let shards =
        |site: &Served| std::fs::read_dir(site.root.join("build/serve/en/search-index")).map_or(0, |dir| dir.count());
    assert!(shards(&site) > 10, "the index is split into shards");
    assert!(site.root.join("build/serve/en/search-index/w-vv.js").is_file());

    // A word of a new shard comes, the only word of another goes.
    let report = site.edit("words of new and emptied shards", |content| {
        replace(&content.join("notes/n00.en.md"), "vvonly ", "wwfresh ");
        vec!["content/notes/n00.en.md"]
    });
    assert!(report.rewritten.is_some());
    assert!(!site.root.join("build/serve/en/search-index/w-vv.js").exists());
    assert!(site.root.join("build/serve/en/search-index/w-ww.js").is_file());

    // A word of many pages (in the heading of some) leaves one page and
    // comes back to another.
    let report = site.edit("a word of many pages", |content| {
        replace(&content.join("notes/n01.en.md"), " shared ", " ");
        vec!["content/notes/n01.en.md"]
    });
    assert!(report.rewritten.is_some());
    let report = site.edit("the word back", |content| {
        replace(&content.join("notes/n01.en.md"), "---\n ", "---\n shared ");
        vec!["content/notes/n01.en.md"]
    });
    assert!(report.rewritten.is_some());
}

/// A long document, read one section per page: an edit of one section's
/// text, a section added, and the document cut short enough to read on one
/// page again (its sections' pages then go).
#[test]
fn a_long_document_edited_under_serve_keeps_its_section_pages_as_a_full_build_writes_them() {
    let mut site = Served::start_with(|root| {
        copy_site(&fixture("site/basic"), root);
        for lang in ["en", "fr"] {
            let text = crate::sections::long_document(lang);
            std::fs::write(root.join(format!("content/guides/long.{lang}.md")), text).unwrap();
        }
    });
    assert!(site.root.join("build/serve/en/guides/long/third.html").exists());
    let report = site.edit("a section's text", |content| {
        replace(
            &content.join("guides/long.en.md"),
            "### Detail 2 {#third-detail}\n\n",
            "### Detail 2 {#third-detail}\n\nA zanzibarite word.\n\n",
        );
        vec!["content/guides/long.en.md"]
    });
    assert!(report.rewritten.is_some(), "a body edit lays out only its document's pages");
    let third = std::fs::read_to_string(site.root.join("build/serve/en/guides/long/third.html")).unwrap();
    assert!(third.contains("zanzibarite"));
    site.edit("a section added", |content| {
        let path = content.join("guides/long.en.md");
        let text = std::fs::read_to_string(&path).unwrap();
        let words = "Words that fill a section of its own. ".repeat(200);
        std::fs::write(&path, format!("{text}## Sixth {{#sixth}}\n\n{words}\n")).unwrap();
        vec!["content/guides/long.en.md"]
    });
    assert!(site.root.join("build/serve/en/guides/long/sixth.html").exists());
    site.edit("cut short", |content| {
        std::fs::write(
            content.join("guides/long.en.md"),
            "---\ntitle: Long guide en\nkind: page\n---\n## First {#first}\n\nShort now.\n",
        )
        .unwrap();
        vec!["content/guides/long.en.md"]
    });
    assert!(!site.root.join("build/serve/en/guides/long/third.html").exists());
}
