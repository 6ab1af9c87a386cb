//! `relais new <kind> <section/slug>`: one file per language of the site,
//! with the kind's required front matter filled in as a draft and the
//! section skeleton of DOCUMENT-KINDS.md in each language. What the author
//! must still write says `TODO`, which `check` reports (a warning in a
//! draft, an error once the document goes to review).

use std::path::Path;

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::kinds::skeleton_for;

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
    if !crate::parse::fields::KINDS.contains(&kind) {
        return Err(Diagnostic::error(kind, 0, 0, format!("unknown kind `{kind}`"))
            .with_hint(format!("one of: {}", crate::parse::fields::KINDS.join(", "))));
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
fn owner_id(root: &Path) -> String {
    match crate::kinds::json_schema::glossary_ids(root) {
        Ok((_, institutions)) if institutions.iter().any(|i| i == "iom") => "iom".to_owned(),
        Ok((_, institutions)) if !institutions.is_empty() => institutions[0].clone(),
        _ => "iom".to_owned(),
    }
}

fn french(lang: &str) -> bool {
    lang == "fr"
}

/// The front matter and body of a new document of `kind` in `lang`.
pub fn document(kind: &str, lang: &str, owner: &str) -> String {
    let fr = french(lang);
    let t = |en: &'static str, fr_text: &'static str| if fr { fr_text } else { en };
    let todo = "TODO";
    let title = match kind {
        "sop" => t("New standard operating procedures", "Nouvelles procédures opérationnelles standard"),
        "module" => t("New training module", "Nouveau module de formation"),
        "brief" => t("New policy brief", "Nouvelle note d'orientation"),
        "strategy" => t("New strategy", "Nouvelle stratégie"),
        "checklist" => t("New checklist", "Nouvelle liste de contrôle"),
        "report" => t("New report", "Nouveau rapport"),
        _ => t("New page", "Nouvelle page"),
    };
    let today = crate::date::today();
    let mut front = format!(
        "title: \"{title}\"\nkind: {kind}\nsummary: \"{todo}\"\nstatus: draft\nversion: \"0.1\"\ndate: {today}\nowner: {owner}\n"
    );
    let fields = match kind {
        "sop" => format!(
            "subtype: other\ndoc_id: \"{todo}\"\nrevision_history:\n  - {{ version: \"0.1\", date: {today}, status: draft, summary: \"{}\" }}\nroles:\n  - {{ id: role-1, actor: {owner}, title: \"{todo}\" }}\nprocedure:\n  - {{ id: step-1, title: \"{todo}\", actor: role-1 }}\n",
            t("First draft", "Premier projet")
        ),
        "module" => format!(
            "subtype: orientation\naudience: [{todo}]\ndelivery: in-person\nstart_time: \"09:00\"\nobjectives:\n  - {{ id: o1, text: \"{todo}\" }}\nkeypoints: [\"{todo}\"]\nagenda:\n  - {{ id: s1, title: \"{todo}\", minutes: 30, method: presentation, objectives: [o1] }}\n"
        ),
        "brief" => format!(
            "subtype: policy-brief\nkey_messages: [\"{todo}\", \"{todo}\", \"{todo}\"]\nrecommendations:\n  - {{ id: r1, text: \"{todo}\", to: [{owner}], horizon: short, priority: high }}\n"
        ),
        "strategy" => {
            let year = i64::from(today.year) + 1;
            format!(
                "subtype: strategy\nperiod: {{ start: {year}, end: {} }}\naxes:\n  - {{ id: a1, title: \"{todo}\", objectives: [{{ id: a1.1, title: \"{todo}\" }}] }}\naction_plan:\n  - {{ id: \"1.1.1\", axis: a1, objective: a1.1, action: \"{todo}\", lead: {owner}, start: \"{year}-Q1\", end: \"{year}-Q4\", priority: high }}\nresults:\n  - id: i1\n    level: impact\n    statement: \"{todo}\"\n    indicators:\n      - {{ id: ind-1, text: \"{todo}\", unit: number, baseline: null, baseline_note: \"{todo}\", targets: [{{ year: {}, value: 1 }}], source: \"{todo}\", frequency: annual, responsible: {owner} }}\n",
                year + 4,
                year + 4
            )
        }
        "checklist" => format!(
            "subtype: template\nareas:\n  - {{ id: area-1, group: operations, title: \"{todo}\" }}\ngroups:\n  - {{ id: operations, title: \"{}\" }}\nitems:\n  - {{ id: item-1, area: area-1, text: \"{todo}\" }}\nthreshold: 0.7\n",
            t("Operations", "Fonctionnement")
        ),
        "report" => format!(
            "subtype: consultation\nevent: {{ start: {today}, end: {today}, city: \"{todo}\", mode: in-person, organisers: [{owner}] }}\nparticipant_groups: [other]\nattendance:\n  - {{ institution: {owner}, category: other, women: 0, men: 0, not_recorded: 0 }}\n"
        ),
        _ => String::new(),
    };
    front.push_str(&fields);
    let mut body = String::new();
    match skeleton_for(
        kind,
        if kind == "report" {
            Some("consultation")
        } else if kind == "strategy" {
            Some("strategy")
        } else {
            None
        },
    ) {
        Some(sections) => {
            // Key messages are printed from the front matter: no heading for them.
            for section in sections.iter().filter(|s| s.id != "key-messages") {
                let heading = if fr { section.fr } else { section.en };
                body.push_str(&format!("## {heading} {{#{}}}\n\n{todo}\n\n", section.id));
                if section.id == "procedure" && kind == "sop" {
                    body.push_str(&format!("### {todo} {{#step-1}}\n\n{todo}\n\n"));
                }
            }
        }
        None => body.push_str(&format!("{todo}\n")),
    }
    format!("---\n{front}---\n\n{body}")
}
