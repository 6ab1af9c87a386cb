//! `relais import`: a Word file, made here by pandoc from
//! `fixtures/import/consultation/source.md` with the damage the programme's
//! own texts carry, becomes a report draft; the draft and what `check`
//! says of it are pinned in `expected/` (`RELAIS_BLESS=1` rewrites them).

use std::path::Path;
use std::process::Command;

use crate::support::*;

/// 2026-01-01: the day `relais new` writes into the skeleton's dates.
const EPOCH: (&str, &str) = ("SOURCE_DATE_EPOCH", "1767225600");

fn word_file(case: &Path, to: &Path) {
    let made = Command::new("pandoc")
        .arg("source.md")
        .arg("-o")
        .arg(to)
        .current_dir(case)
        .output()
        .expect("pandoc is installed (apt-get install pandoc; .ci/run installs it)");
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
}

fn pinned(expected: &Path, found: &str) {
    if std::env::var_os("RELAIS_BLESS").is_some() {
        std::fs::create_dir_all(expected.parent().unwrap()).unwrap();
        std::fs::write(expected, found).unwrap();
    } else {
        let want = std::fs::read_to_string(expected).unwrap_or_default();
        assert_eq!(want, found, "{} changed (RELAIS_BLESS=1 to accept)", expected.display());
    }
}

#[test]
fn a_word_draft_with_copy_paste_damage_becomes_a_report_and_says_what_is_left() {
    if skipped_without(&[PANDOC]) {
        return;
    }
    let case = fixture("import/consultation");
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    copy_site(&case.join("site"), &root);
    for (file, kind) in [("consultation.docx", "report"), ("consultation.odt", "report")] {
        let source = dir.path().join(file);
        word_file(&case, &source);
        if file.ends_with(".odt") {
            // The same text from LibreOffice lands beside the first, under a name given.
            let run = relais_with(
                &[
                    "import",
                    source.to_str().unwrap(),
                    "--kind",
                    kind,
                    "--as",
                    "reports/from-odt",
                    "--root",
                    root.to_str().unwrap(),
                ],
                &[EPOCH],
            );
            assert_eq!(run.status, 0, "{}", run.stderr);
            let draft = std::fs::read_to_string(root.join("content/reports/from-odt/index.en.md")).unwrap();
            assert!(draft.starts_with("---\ntitle: \"Consultation with returnees in Douala\"\n"), "{draft}");
            assert!(draft.contains("## 3. Findings {#findings}"), "{draft}");
            assert!(root.join("content/reports/from-odt/figure-1.png").exists());
            continue;
        }
        let run = relais_with(
            &["import", source.to_str().unwrap(), "--kind", kind, "--root", root.to_str().unwrap()],
            &[EPOCH],
        );
        assert_eq!(run.status, 0, "{}", run.stderr);
        pinned(&case.join("expected/check.txt"), &run.stderr);
        let folder = root.join("content/reports/consultation-with-returnees-in-douala");
        for name in ["index.en.md", "index.fr.md", "attendance.csv"] {
            let found = std::fs::read_to_string(folder.join(name)).unwrap();
            pinned(&case.join("expected").join(name), &found);
        }
        assert_eq!(std::fs::read(folder.join("figure-1.png")).unwrap(), std::fs::read(case.join("chart.png")).unwrap());
        // Importing again does not overwrite the draft.
        let again = relais_with(
            &["import", source.to_str().unwrap(), "--kind", kind, "--root", root.to_str().unwrap()],
            &[EPOCH],
        );
        assert_eq!(again.status, 2, "{}", again.stderr);
        assert!(again.stderr.contains("already exists"), "{}", again.stderr);
    }
}

#[test]
fn without_pandoc_a_word_file_is_refused_naming_the_package() {
    if skipped_without(&[PANDOC]) {
        return;
    }
    let case = fixture("import/consultation");
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    copy_dir(&case.join("site"), &root);
    let source = dir.path().join("consultation.docx");
    word_file(&case, &source);
    let empty = dir.path().join("bin");
    std::fs::create_dir_all(&empty).unwrap();
    let run = relais_with(
        &["import", source.to_str().unwrap(), "--kind", "report", "--root", root.to_str().unwrap()],
        &[("PATH", empty.to_str().unwrap())],
    );
    assert_eq!(run.status, 2, "{}", run.stderr);
    assert!(run.stderr.contains("pandoc is not installed"), "{}", run.stderr);
    assert!(run.stderr.contains("apt-get install pandoc"), "{}", run.stderr);
    assert!(!root.join("content/reports").exists(), "nothing is written");
}

#[test]
fn a_hugo_page_imports_without_pandoc_with_its_front_matter_mapped() {
    let case = fixture("import/consultation");
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    copy_site(&case.join("site"), &root);
    let page = dir.path().join("send-a-message.fr.md");
    std::fs::write(
        &page,
        "+++\ntitle = \"Envoyer un message\"\ndate = 2024-05-02T10:00:00+01:00\nweight = 3\nmenu = \"main\"\ntags = [\"messagerie\"]\n+++\n\n\
         Pour envoyer un message, ouvrez la boîte de réception et choisissez « Nouveau ».\n\n\
         ## Joindre un fichier {#joindre}\n\nLes pièces jointes sont limitées à 10 Mo.\n",
    )
    .unwrap();
    let empty = dir.path().join("bin");
    std::fs::create_dir_all(&empty).unwrap();
    let run = relais_with(
        &[
            "import",
            page.to_str().unwrap(),
            "--kind",
            "page",
            "--as",
            "guide/envoyer",
            "--root",
            root.to_str().unwrap(),
        ],
        &[EPOCH, ("PATH", empty.to_str().unwrap())],
    );
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(run.stderr.contains("left out front matter that relais has no field for: menu"), "{}", run.stderr);
    let draft = std::fs::read_to_string(root.join("content/guide/envoyer.fr.md")).unwrap();
    assert!(draft.starts_with("---\ntitle: \"Envoyer un message\"\nkind: page\n"), "{draft}");
    assert!(draft.contains("date: 2024-05-02\nweight: 3\ntags: [\"messagerie\"]\n"), "{draft}");
    assert!(draft.contains("## Joindre un fichier {#joindre}"), "{draft}");
    let stub = std::fs::read_to_string(root.join("content/guide/envoyer.en.md")).unwrap();
    assert!(stub.contains("# Not translated yet") && stub.contains("[the original](envoyer.fr.md)"), "{stub}");
}
