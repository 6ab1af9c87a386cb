//! libFuzzer's bytes become one document of a small bilingual site (or,
//! after a first byte that picks it, its CSV table), which goes through
//! every stage of `relais check`. A panic is a finding; libFuzzer also
//! reports a case slower than `-timeout`.

#![no_main]

use libfuzzer_sys::fuzz_target;

const SITE: &[u8] = b"title: { en: Fuzz, fr: Fuzz }\nlanguages: [en, fr]\n";
const HOME_EN: &[u8] = b"---\ntitle: Home\n---\n\nHello.\n";
const HOME_FR: &[u8] = b"---\ntitle: Accueil\n---\n\nBonjour.\n";
const SOP_EN: &[u8] = include_bytes!("../../tests/fixtures/kinds/valid/content/sops/procedures/index.en.md");
const SOP_FR: &[u8] = include_bytes!("../../tests/fixtures/kinds/valid/content/sops/procedures/index.fr.md");
const SERVICES: &[u8] = include_bytes!("../../tests/fixtures/kinds/valid/content/sops/procedures/services.csv");

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else { return };
    let (en, fr, csv) = match pick % 3 {
        0 => (bytes, SOP_FR, SERVICES),
        1 => (SOP_EN, bytes, SERVICES),
        _ => (SOP_EN, SOP_FR, bytes),
    };
    relais::fuzzing::check_site(&[
        ("site.yaml", SITE),
        ("content/_index.en.md", HOME_EN),
        ("content/_index.fr.md", HOME_FR),
        ("content/sops/procedures/index.en.md", en),
        ("content/sops/procedures/index.fr.md", fr),
        ("content/sops/procedures/services.csv", csv),
    ]);
});
