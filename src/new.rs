//! `relais new <kind> <section/slug>`: one file per language of the site,
//! with the kind's required front matter filled in as a draft and the
//! section skeleton of DOCUMENT-KINDS.md in each language. What the author
//! must still write says `TODO`, which `check` reports (a warning in a
//! draft, an error once the document goes to review).

use std::path::Path;

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::kinds::spec::{Draft, TODO, spec};
use crate::model::Kind;

/// Writes the files; returns their paths, relative to the site's root.
pub fn create(root: &Path, kind: &str, target: &str) -> Result<Vec<String>, Diagnostic> {
    let config = Config::load(root).map_err(|mut problems| problems.remove(0))?;
    let target = target.trim_matches('/').trim_end_matches(".md");
    let valid = !target.is_empty()
        && target.split('/').all(|part| {
            !part.is_empty() && part.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        });
    if !valid {
        return Err(Diagnostic::error(target, 0, 0, format!("`{target}` is not a section/slug path"))
            .with_hint("e.g. `relais new sop sops/intake`: lower-case letters, digits and hyphens"));
    }
    if !crate::model::fields::KINDS.contains(&kind) {
        return Err(Diagnostic::error(kind, 0, 0, format!("unknown kind `{kind}`"))
            .with_hint(format!("one of: {}", crate::model::fields::KINDS.join(", "))));
    }
    let owner = owner_id(root);
    let mut written = Vec::new();
    let mut planned = Vec::new();
    for lang in &config.languages {
        let relative = format!("content/{target}.{lang}.md");
        let path = root.join(&relative);
        if path.exists() {
            return Err(Diagnostic::error(&relative, 0, 0, "this file already exists")
                .with_hint("choose another slug, or edit the file"));
        }
        planned.push((path, relative, document(kind, lang, &owner)));
    }
    for (path, relative, text) in planned {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|e| Diagnostic::error(&relative, 0, 0, format!("cannot create the folder: {e}")))?;
        }
        std::fs::write(&path, text)
            .map_err(|e| Diagnostic::error(&relative, 0, 0, format!("cannot write the file: {e}")))?;
        written.push(relative);
    }
    Ok(written)
}

/// An institution of the glossary to name as owner (the programme's own
/// when there is one), so that the references of the new file resolve.
pub(crate) fn owner_id(root: &Path) -> String {
    match crate::kinds::json_schema::glossary_ids(root) {
        Ok((_, institutions)) if institutions.iter().any(|i| i == "iom") => "iom".to_owned(),
        Ok((_, institutions)) if !institutions.is_empty() => institutions[0].clone(),
        _ => "iom".to_owned(),
    }
}

/// The front matter and body of a new document of `kind` in `lang`.
pub fn document(kind: &str, lang: &str, owner: &str) -> String {
    let spec = spec(Kind::parse(kind).unwrap_or_default());
    let today = crate::date::today();
    let draft = spec.draft(&Draft { lang, owner, today });
    let (title, todo) = (draft.title, TODO);
    let mut front = format!(
        "title: \"{title}\"\nkind: {kind}\nsummary: \"{todo}\"\nstatus: draft\nversion: \"0.1\"\ndate: {today}\nowner: {owner}\n"
    );
    front.push_str(&draft.fields);
    let mut body = String::new();
    match spec.skeleton(draft.subtype) {
        Some(sections) => {
            // Key messages are printed from the front matter: no heading for them.
            for section in sections.iter().filter(|s| s.id != "key-messages") {
                let heading = if crate::format::is_french(lang) { section.fr } else { section.en };
                body.push_str(&format!("## {heading} {{#{}}}\n\n{todo}\n\n", section.id));
                body.extend(spec.draft_below(section.id));
            }
        }
        None => body.push_str(&format!("{todo}\n")),
    }
    format!("---\n{front}---\n\n{body}")
}
