//! Sources -> [`Documents`]: front matter typed and checked, Markdown parsed
//! once into blocks. Nothing here knows URLs or HTML.

pub mod components;
pub mod markdown;

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::Config;
use crate::date::Date;
use crate::diagnostics::{Diagnostic, Diagnostics, did_you_mean};
use crate::hygiene;
use crate::kinds::{self, KindData};
use crate::load::{Asset, DataFile, Role, SourceFile, Sources, Superseded};
use crate::model::{Block, Body, FrontMatter, Glossary, Kind, glossary};

use crate::yaml::{self, Origin};

/// One Markdown file, understood.
#[derive(Debug, Clone)]
pub struct Document {
    /// As shown in diagnostics: `content/sops/x.en.md`.
    pub display: String,
    /// Path under content/: `sops/x.en.md`.
    pub content_path: String,
    pub key: String,
    pub lang: String,
    pub role: Role,
    pub front: FrontMatter,
    /// The front matter's title, or the file name when it is missing (an
    /// error has been reported then).
    pub title: String,
    /// Line of the front matter's first field, for errors about fields.
    pub front_lines: Vec<(String, usize)>,
    pub body: Body,
    /// The kind's own fields, checked, and the values computed from them.
    pub kind: KindData,
    /// Set on an earlier version of a document, read from git.
    pub superseded: Option<Superseded>,
    /// Bytes of its front matter and body: how long it reads.
    pub source_bytes: usize,
}

impl Document {
    /// The version it shows: an earlier version's own, else its `version`.
    pub fn version_label(&self) -> Option<&str> {
        self.superseded.as_ref().map(|s| s.version.as_str()).or(self.front.version.as_deref())
    }

    /// The line of a top-level front matter field, or 1.
    pub fn field_line(&self, name: &str) -> usize {
        self.front_lines.iter().find(|(n, _)| n == name).map_or(1, |(_, line)| *line)
    }
}

#[derive(Debug)]
pub struct Documents {
    pub root: PathBuf,
    pub config: Config,
    /// Shared, so that `relais serve` keeps them between builds uncopied.
    pub docs: Vec<Arc<Document>>,
    pub assets: Vec<Asset>,
    pub data: BTreeMap<String, DataFile>,
    pub glossary: Glossary,
    /// Earlier versions of documents, parsed like the current ones.
    pub past: Vec<Document>,
}

/// Documents already parsed, by their path under content/ and the git
/// blob id of their text: a file that did not change between two
/// versions of the site is parsed once.
#[derive(Debug, Default)]
pub struct Parsed {
    docs: HashMap<(String, String), Arc<Document>>,
}

impl Parsed {
    /// Keeps `docs`, whose texts had the blob ids `blobs` (by path under
    /// content/). A bundle's document is not kept: it reads the files of its
    /// folder, which may have changed when its text did not.
    pub fn keep(docs: &[Arc<Document>], blobs: &HashMap<String, String>) -> Parsed {
        let docs = docs
            .iter()
            .filter(|doc| doc.role != Role::Bundle)
            .filter_map(|doc| Some(((doc.content_path.clone(), blobs.get(&doc.content_path)?.clone()), doc.clone())))
            .collect();
        Parsed { docs }
    }

    fn get(&self, path: &str, blob: Option<&String>) -> Option<Arc<Document>> {
        self.docs.get(&(path.to_owned(), blob?.clone())).cloned()
    }
}

/// What an earlier version of the site may take from [`Parsed`]: the blob
/// id of each of its files.
pub struct Reuse<'a> {
    pub parsed: &'a Parsed,
    pub blobs: &'a HashMap<String, String>,
}

/// What `relais serve` keeps of one parse for the next: each file's
/// document and problems, with the text they came from. They hold while
/// what every file's parse also reads (site.yaml, the data files, today)
/// stays the same; a bundle's document is parsed every time, since it
/// reads the other files of its folder.
#[derive(Debug, Default)]
pub struct Cache {
    shared: String,
    files: HashMap<String, Cached>,
}

#[derive(Debug)]
struct Cached {
    text: String,
    doc: Option<Arc<Document>>,
    problems: Vec<Diagnostic>,
}

impl Cache {
    /// The text of the file at `content_path` when it was last parsed.
    pub fn text(&self, content_path: &str) -> Option<&str> {
        self.files.get(content_path).map(|cached| cached.text.as_str())
    }

    fn get(&self, file: &SourceFile) -> Option<(Option<Arc<Document>>, Vec<Diagnostic>)> {
        let cached = self.files.get(&file.content_path).filter(|_| file.role != Role::Bundle)?;
        (cached.text == file.text).then(|| (cached.doc.clone(), cached.problems.clone()))
    }
}

pub fn parse(sources: Sources, today: Date, diagnostics: &mut Diagnostics) -> Documents {
    parse_reusing(sources, today, diagnostics, None)
}

/// [`parse`], taking from `cache` every file whose text did not change
/// since the parse that filled it, and keeping this parse there for the
/// next. Returns also the paths under content/ of the files parsed anew.
pub fn parse_cached(
    sources: Sources,
    today: Date,
    diagnostics: &mut Diagnostics,
    cache: &mut Cache,
) -> (Documents, Vec<String>) {
    let shared = format!("{today:?}\n{:?}\n{:?}", sources.config, sources.data);
    if cache.shared != shared {
        *cache = Cache { shared, files: HashMap::new() };
    }
    let mut fresh = Vec::new();
    let documents = parse_with(sources, today, diagnostics, None, Some((cache, &mut fresh)));
    (documents, fresh)
}

/// [`parse`], taking the documents of `reuse` whose file did not change.
pub fn parse_reusing(sources: Sources, today: Date, diagnostics: &mut Diagnostics, reuse: Option<Reuse>) -> Documents {
    parse_with(sources, today, diagnostics, reuse, None)
}

fn parse_with(
    sources: Sources,
    today: Date,
    diagnostics: &mut Diagnostics,
    reuse: Option<Reuse>,
    cache: Option<(&mut Cache, &mut Vec<String>)>,
) -> Documents {
    // The folders of earlier bundle versions go once their versions are parsed.
    let Sources { root, config, files, assets, data, past, past_files: _past_files } = sources;
    let mut problems = Vec::new();
    let glossary = Glossary::from_data(data.get("glossary"), &mut problems);
    if let Some(file) = data.get("glossary") {
        glossary.check_languages(file, &config.languages, &mut problems);
    }
    let acronyms = glossary.abbreviations();
    for file in data.values() {
        let cx = hygiene::TextCheck {
            file: &file.display,
            lang: "",
            stage: hygiene::Stage::Published,
            lines_before: 0,
            source: hygiene::Source::DataFile,
            institution_domains: &[],
        };
        problems.extend(hygiene::check(&file.text, &cx));
    }
    problems.extend(check_data_assets(&root, &assets));
    let domains = glossary.institution_domains();
    let shared = Shared { glossary: &glossary, acronyms: &acronyms, domains: &domains, today, checks: &config.checks };
    let cached = cache.as_ref().map(|(cache, _)| &**cache);
    let present: std::collections::HashSet<String> = match cached {
        Some(_) => files.iter().map(|f| f.content_path.clone()).collect(),
        None => Default::default(),
    };
    // Each file's document and problems, and for a file parsed anew while
    // a cache is kept, its path and text.
    type Outcome = (Option<Arc<Document>>, Vec<Diagnostic>, Option<(String, String)>);
    let parsed: Vec<Outcome> = files
        .into_par_iter()
        .map(|file| {
            if let Some(reuse) = &reuse
                && let Some(doc) = reuse.parsed.get(&file.content_path, reuse.blobs.get(&file.content_path))
            {
                return (Some(doc), Vec::new(), None);
            }
            if let Some((doc, problems)) = cached.and_then(|cache| cache.get(&file)) {
                return (doc, problems, None);
            }
            let kept = cached.map(|_| (file.content_path.clone(), file.text.clone()));
            let mut problems = Vec::new();
            let doc = parse_file(file, &root, &shared, Some(&mut problems)).map(Arc::new);
            (doc, problems, kept)
        })
        .collect();
    diagnostics.extend(problems);
    let mut docs = Vec::with_capacity(parsed.len());
    let mut kept = HashMap::new();
    for (doc, problems, fresh) in parsed {
        if let Some((path, text)) = fresh {
            kept.insert(path, Cached { text, doc: doc.clone(), problems: problems.clone() });
        }
        diagnostics.extend(problems);
        docs.extend(doc);
    }
    if let Some((cache, fresh)) = cache {
        // Files gone since are forgotten.
        cache.files.retain(|path, _| present.contains(path.as_str()));
        fresh.extend(kept.keys().cloned());
        cache.files.extend(kept);
    }
    // What an earlier version got wrong is history: it is shown as it was,
    // and its problems are not the author's to fix now (not even looked for).
    let past = past
        .into_par_iter()
        .filter_map(|(file, superseded)| {
            let files = superseded.files.as_deref().unwrap_or(&root);
            let doc = parse_file(file, files, &shared, None);
            doc.map(|doc| Document { superseded: Some(superseded), ..doc })
        })
        .collect();
    Documents { root, config, docs, assets, data, glossary, past }
}

/// What every file of one parse shares.
struct Shared<'a> {
    glossary: &'a Glossary,
    acronyms: &'a std::collections::HashSet<&'a str>,
    /// The glossary's institution domains (`Glossary::institution_domains`).
    domains: &'a [String],
    today: Date,
    checks: &'a crate::config::Checks,
}

/// One file, understood. `report` takes its problems; without it (an
/// earlier version from git) the checks that only report are skipped.
fn parse_file(
    file: SourceFile,
    root: &std::path::Path,
    shared: &Shared,
    report: Option<&mut Vec<Diagnostic>>,
) -> Option<Document> {
    let Shared { glossary, today, checks, .. } = *shared;
    let reporting = report.is_some();
    let mut ignored = Vec::new();
    let problems = report.unwrap_or(&mut ignored);
    let SourceFile { display, content_path, key, lang, role, text } = file;
    let (front_text, body_text, body_lines_before) = match split_front_matter(&text) {
        Ok(parts) => parts,
        Err(problem) => {
            problems.push(problem.relocated(&display));
            return None;
        }
    };
    let origin = Origin { file: &display, lines_before: 1 };
    // The kind decides which fields are known.
    let known = |kind: Option<&str>| {
        let kind = kind.unwrap_or("page");
        let names = kinds::schema::all_fields(kind).iter().map(|f| f.name).collect();
        (names, !kinds::schema::kind_fields(kind).is_empty())
    };
    let (front, front_ok, raw) = match front_text {
        Some(yaml_text) => {
            let read = yaml::read_front::<FrontMatter>(yaml_text, known, origin);
            problems.extend(read.problems);
            match read.typed {
                Some(front) => (front, true, read.fields),
                None => (FrontMatter::default(), false, read.fields),
            }
        }
        None => (FrontMatter::default(), true, None),
    };
    // Lines of the file: the front matter starts on line 2, after `---`.
    let front_lines = front_text
        .map(|text| yaml::top_level_keys(text).into_iter().map(|(key, line)| (key, line + 1)).collect())
        .unwrap_or_default();
    let parsed_ok = front_ok;
    let title = match front.title.as_deref().map(str::trim) {
        Some(title) if !title.is_empty() => title.to_owned(),
        _ => {
            if parsed_ok {
                let hint = if front_text.is_none() {
                    "start the file with front matter: a line `---`, then `title: \"…\"`, then a line `---`"
                } else {
                    "add `title: \"…\"` to the front matter"
                };
                problems.push(
                    Diagnostic::error(&display, 1, 1, "missing `title`: every document needs one").with_hint(hint),
                );
            }
            key.rsplit('/').next().unwrap_or(&key).to_owned()
        }
    };
    let doc = Document {
        display,
        content_path,
        key,
        lang,
        role,
        front,
        title,
        front_lines,
        body: Body::default(),
        kind: KindData::default(),
        superseded: None,
        source_bytes: front_text.map_or(0, str::len) + body_text.len(),
    };
    if reporting {
        report_text_problems(&doc, front_text, body_text, body_lines_before, shared, problems);
    }
    let body = markdown::parse(body_text, &doc.display, body_lines_before, problems);
    // A bundle's own files (CSV tables, annexes) sit in its folder.
    let bundle_dir = (doc.role == Role::Bundle)
        .then(|| root.join("content").join(doc.content_path.rsplit_once('/').map_or("", |(dir, _)| dir)));
    let cx = kinds::Context {
        display: &doc.display,
        lang: &doc.lang,
        bundle_dir: bundle_dir.as_deref(),
        front_text: front_text.unwrap_or(""),
        front: &doc.front,
        body: &body,
        glossary,
        today,
        checks,
    };
    let kind = match &raw {
        Some(raw) if front_ok => kinds::check(&cx, raw, problems),
        // A kind with no fields of its own (a page): only its citations, if any, to point out.
        _ if front_ok && body.citations().next().is_some() => kinds::citations_only(&cx, problems),
        _ => KindData::default(),
    };
    let mut body = body;
    prepare_components(&mut body, &doc, &kind, bundle_dir.as_deref(), glossary, problems);
    Some(Document { body, kind, ..doc })
}

/// The checks of a document that only report: its fields, and what its text
/// holds (copy-paste damage, personal data, invisible characters, repeated
/// paragraphs, acronyms the glossary does not know).
fn report_text_problems(
    doc: &Document,
    front_text: Option<&str>,
    body_text: &str,
    body_lines_before: usize,
    shared: &Shared,
    problems: &mut Vec<Diagnostic>,
) {
    check_fields(doc, shared.glossary, problems);
    if let Some(yaml_text) = front_text {
        problems.extend(versions_read_as_numbers(doc, yaml_text));
    }
    let stage = match doc.front.status {
        None => hygiene::Stage::NoStatus,
        Some(status) if status.is_draft() => hygiene::Stage::Draft,
        Some(_) => hygiene::Stage::Published,
    };
    let prose = |lines_before| hygiene::TextCheck {
        file: &doc.display,
        lang: &doc.lang,
        stage,
        lines_before,
        source: hygiene::Source::Prose,
        institution_domains: shared.domains,
    };
    if let Some(yaml_text) = front_text {
        problems.extend(hygiene::check(yaml_text, &prose(1)));
        problems.extend(hygiene::invisible_characters(yaml_text, &doc.display, 1, false));
    }
    problems.extend(hygiene::check(body_text, &prose(body_lines_before)));
    problems.extend(hygiene::invisible_characters(body_text, &doc.display, body_lines_before, true));
    problems.extend(hygiene::repeated_paragraphs(body_text, &doc.display, body_lines_before));
    if !shared.glossary.is_empty() {
        problems.extend(glossary::unknown_acronyms(body_text, &doc.display, body_lines_before, shared.acronyms));
    }
}

/// Checks each component of the body and gives it its data.
fn prepare_components(
    body: &mut Body,
    doc: &Document,
    kind: &KindData,
    bundle_dir: Option<&std::path::Path>,
    glossary: &Glossary,
    problems: &mut Vec<Diagnostic>,
) {
    let cx = components::ComponentContext {
        display: &doc.display,
        lang: &doc.lang,
        bundle_dir,
        glossary,
        kind_fields: &kind.fields,
        kind_computed: &kind.computed,
        countries: &crate::world::knows,
    };
    let mut quizzes = Vec::new();
    for block in &mut body.blocks {
        if let Block::Component { name, line, text, value } = block {
            *value = components::prepare(name, text, *line, &cx, problems);
            if name == "quiz" {
                quizzes.push((*line, &*value));
            }
        }
    }
    if doc.front.kind == Kind::Module {
        problems.extend(kinds::quiz_coverage(&doc.display, kind, &quizzes));
    }
}

/// Tables published with the documents (CSV files of bundles) must hold no
/// personal data and no mangled text.
fn check_data_assets(root: &std::path::Path, assets: &[Asset]) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for asset in assets.iter().filter(|a| a.content_path.ends_with(".csv")) {
        let display = crate::diagnostics::display_path(root, &asset.path);
        let mut found = Diagnostics::default();
        if let Some(text) = crate::load::read_text(&asset.path, &display, &mut found) {
            let cx = hygiene::TextCheck {
                file: &display,
                lang: "",
                stage: hygiene::Stage::Published,
                lines_before: 0,
                source: hygiene::Source::DataFile,
                institution_domains: &[],
            };
            problems.extend(hygiene::check(&text, &cx));
        }
        problems.extend(found.sorted());
    }
    problems
}

/// Checks that concern one document alone, beyond types.
fn check_fields(doc: &Document, glossary: &Glossary, problems: &mut Vec<Diagnostic>) {
    if let Some(owner) = &doc.front.owner
        && !glossary.is_empty()
        && !glossary.entries.contains_key(owner)
    {
        let hint = did_you_mean(owner, glossary.entries.keys().map(String::as_str))
            .unwrap_or_else(|| "owners are ids of content/_data/glossary.yaml, such as `minproff`".to_owned());
        problems.push(
            Diagnostic::error(&doc.display, doc.field_line("owner"), 1, format!("unknown owner `{owner}`"))
                .with_hint(hint),
        );
    }
    if let Some(slug) = &doc.front.slug {
        let clean = slug::slugify(slug);
        if clean != *slug || slug.is_empty() {
            problems.push(
                Diagnostic::error(
                    &doc.display,
                    doc.field_line("slug"),
                    1,
                    if slug.is_empty() {
                        "the slug is empty: the page would have no URL of its own".to_owned()
                    } else {
                        format!("the slug `{slug}` cannot be used in a URL")
                    },
                )
                .with_hint(if clean.is_empty() {
                    "use lower-case letters, digits and hyphens, such as `referral-pathways`".to_owned()
                } else {
                    format!("use lower-case letters, digits and hyphens, e.g. `{clean}`")
                }),
            );
        }
    }
}

/// `version: 1.10` is the number 1.1 to YAML: the version published would
/// not be the one written (and `0.10` would come before `0.9`).
fn versions_read_as_numbers(doc: &Document, yaml_text: &str) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for (name, value) in [("version", &doc.front.version), ("source_version", &doc.front.source_version)] {
        let Some(value) = value else { continue };
        let written = yaml_text.lines().find_map(|line| {
            let rest = line.strip_prefix(name)?.trim_start().strip_prefix(':')?;
            Some(rest.split(" #").next().unwrap_or_default().trim())
        });
        if let Some(written) = written
            && !written.starts_with(['"', '\''])
            && written != value
        {
            problems.push(
                Diagnostic::error(
                    &doc.display,
                    doc.field_line(name),
                    1,
                    format!("`{name}: {written}` reads as the number {value}"),
                )
                .with_hint(format!("quote it to keep it as written: `{name}: \"{written}\"`")),
            );
        }
    }
    problems
}

struct SplitProblem {
    line: usize,
    message: &'static str,
    hint: &'static str,
}

impl SplitProblem {
    fn relocated(self, file: &str) -> Diagnostic {
        Diagnostic::error(file, self.line, 1, self.message).with_hint(self.hint)
    }
}

/// The YAML of a file's `---` front matter, which starts on the file's
/// second line; `None` when it has none or it is never closed.
pub fn front_matter_text(text: &str) -> Option<&str> {
    split_front_matter(text).ok().and_then(|(front, _, _)| front)
}

/// Splits `---` front matter from the body. Returns the YAML (if any), the
/// body, and how many lines of the file come before the body.
fn split_front_matter(text: &str) -> Result<(Option<&str>, &str, usize), SplitProblem> {
    let Some(rest) = text.strip_prefix("---\n").or_else(|| (text.trim_end() == "---").then_some("")) else {
        return Ok((None, text, 0));
    };
    let mut offset = 0;
    for (index, line) in rest.split_inclusive('\n').enumerate() {
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            let yaml_text = &rest[..offset];
            let body = &rest[offset + line.len()..];
            return Ok((Some(yaml_text), body, index + 2));
        }
        offset += line.len();
    }
    Err(SplitProblem {
        line: 1,
        message: "the front matter is never closed",
        hint: "end the front matter with a line holding only `---`",
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_is_split_with_its_line_count() {
        let (yaml, body, before) = split_front_matter("---\ntitle: A\n---\n# Body\n").ok().unwrap();
        assert_eq!((yaml, body, before), (Some("title: A\n"), "# Body\n", 3));
        let (yaml, body, before) = split_front_matter("# No front matter\n").ok().unwrap();
        assert_eq!((yaml, body, before), (None, "# No front matter\n", 0));
        assert!(split_front_matter("---\ntitle: A\n").is_err());
    }

    #[test]
    fn a_file_whose_blob_was_parsed_is_not_parsed_again() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("site.yaml"), "title: { en: Hub }\nlanguages: [en]\n").unwrap();
        let config = Config::load(dir.path()).unwrap();
        let sources = |text: &str| Sources {
            root: dir.path().to_path_buf(),
            config: config.clone(),
            files: vec![SourceFile {
                display: "content/a.en.md".into(),
                content_path: "a.en.md".into(),
                key: "a".into(),
                lang: "en".into(),
                role: Role::Document,
                text: text.into(),
            }],
            assets: Vec::new(),
            data: BTreeMap::new(),
            past: Vec::new(),
            past_files: Vec::new(),
        };
        let first = parse(sources("---\ntitle: First\n---\nA\n"), crate::date::today(), &mut Diagnostics::default());
        let blobs = HashMap::from([("a.en.md".to_owned(), "b1".to_owned())]);
        let parsed = Parsed::keep(&first.docs, &blobs);
        // The same blob: the document as it was parsed (the text given here is not read).
        let reuse = Some(Reuse { parsed: &parsed, blobs: &blobs });
        let again = parse_reusing(
            sources("---\ntitle: Second\n---\n"),
            crate::date::today(),
            &mut Diagnostics::default(),
            reuse,
        );
        assert_eq!(again.docs[0].title, "First");
        let other = HashMap::from([("a.en.md".to_owned(), "b2".to_owned())]);
        let reuse = Some(Reuse { parsed: &parsed, blobs: &other });
        let changed = parse_reusing(
            sources("---\ntitle: Second\n---\n"),
            crate::date::today(),
            &mut Diagnostics::default(),
            reuse,
        );
        assert_eq!(changed.docs[0].title, "Second");
    }
}
