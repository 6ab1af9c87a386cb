//! Site-wide machine-readable files: `catalogue.json` (every document, for
//! other tools), `sitemap.xml` (when the site has a `base_url`) and an Atom
//! feed of each language's documents, newest first (`<lang>/feed.xml`).

use std::collections::BTreeMap;

use serde::Serialize;

use crate::resolve::{PageKind, Site, urls};
use crate::write::OutputFile;

#[derive(Serialize)]
struct CatalogueEntry<'a> {
    key: &'a str,
    kind: &'a str,
    status: Option<&'a str>,
    version: Option<&'a str>,
    languages: Vec<&'a str>,
    url: BTreeMap<&'a str, &'a str>,
    title: BTreeMap<&'a str, &'a str>,
}

pub fn catalogue(site: &Site) -> OutputFile {
    let mut entries: BTreeMap<&str, CatalogueEntry> = BTreeMap::new();
    for page in site.pages.iter().filter(|p| p.kind == PageKind::Document) {
        let Some(doc) = site.page_doc(page) else { continue };
        let entry = entries.entry(&page.key).or_insert_with(|| CatalogueEntry {
            key: &page.key,
            kind: doc.front.kind.as_str(),
            status: doc.front.status.map(|s| s.as_str()),
            version: doc.front.version.as_deref(),
            languages: Vec::new(),
            url: BTreeMap::new(),
            title: BTreeMap::new(),
        });
        // The default language's file speaks for the document.
        if page.lang == site.config.default_language() {
            entry.kind = doc.front.kind.as_str();
            entry.status = doc.front.status.map(|s| s.as_str());
            entry.version = doc.front.version.as_deref();
        }
        entry.languages.push(&page.lang);
        entry.url.insert(&page.lang, &page.path);
        entry.title.insert(&page.lang, &page.title);
    }
    let list: Vec<&CatalogueEntry> = entries.values().collect();
    OutputFile { path: "catalogue.json".to_owned(), bytes: serde_json::to_vec_pretty(&list).unwrap_or_default() }
}

fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

pub fn sitemap(site: &Site) -> Option<OutputFile> {
    let base = site.config.base_url.as_deref()?;
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for page in &site.pages {
        xml.push_str(&format!("<url><loc>{}</loc>", xml_escape(&urls::absolute(base, &page.path))));
        if !page.translations.is_empty() {
            let mut alternates: Vec<(&str, &str)> = vec![(&page.lang, &page.path)];
            alternates.extend(page.translations.iter().map(|(lang, &p)| (lang.as_str(), site.pages[p].path.as_str())));
            alternates.sort();
            for (lang, path) in alternates {
                xml.push_str(&format!(
                    "<xhtml:link rel=\"alternate\" hreflang=\"{lang}\" href=\"{}\"/>",
                    xml_escape(&urls::absolute(base, path))
                ));
            }
        }
        let lastmod = site
            .page_doc(page)
            .and_then(|d| d.front.updated.or(d.front.date))
            .map(|date| format!("<lastmod>{date}</lastmod>"))
            .unwrap_or_default();
        xml.push_str(&lastmod);
        xml.push_str("</url>\n");
        // The pages of a long document's later sections.
        for part in page.parts.iter().skip(1) {
            let loc = xml_escape(&urls::absolute(base, &part.path));
            xml.push_str(&format!("<url><loc>{loc}</loc>{lastmod}</url>\n"));
        }
    }
    xml.push_str("</urlset>\n");
    Some(OutputFile { path: "sitemap.xml".to_owned(), bytes: xml.into_bytes() })
}

/// How many documents a feed lists, the most recently updated first.
const FEED_ENTRIES: usize = 50;

/// `<lang>/feed.xml`: partners who follow the site in a feed reader learn
/// of each new draft. Links are relative to the feed when the site has no
/// `base_url` (Atom resolves them against the feed's own address).
pub fn atom(site: &Site) -> Vec<OutputFile> {
    let base = site.config.base_url.as_deref();
    // Without a base URL, ids are made unique by the site's name.
    let site_id = slug::slugify(site.config.title.get(site.config.default_language()));
    site.config
        .languages
        .iter()
        .map(|lang| {
            let feed_path = format!("{lang}/feed.xml");
            let href = |path: &str| match base {
                Some(base) => urls::absolute(base, path),
                None => urls::relative(&feed_path, path),
            };
            let id = |path: &str| match base {
                Some(base) => urls::absolute(base, path),
                None => format!("urn:relais:{site_id}:{}", path.trim_end_matches("index.html").trim_end_matches('/')),
            };
            let mut docs: Vec<_> = site.documents(lang).collect();
            let when = |d: &crate::parse::Document| d.front.updated.or(d.front.date);
            docs.sort_by(|a, b| when(b.1).cmp(&when(a.1)).then_with(|| a.0.path.cmp(&b.0.path)));
            docs.truncate(FEED_ENTRIES);
            // Newest first: the first dated one.
            let newest = docs.iter().find_map(|(_, d)| when(d));
            let site_title = xml_escape(site.config.title.get(lang));
            let mut xml = format!(
                "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{lang}\">\n<title>{site_title}</title>\n<id>{}</id>\n<updated>{}</updated>\n<author><name>{site_title}</name></author>\n<link rel=\"self\" href=\"{}\"/>\n<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
                xml_escape(&id(&format!("{lang}/index.html"))),
                atom_date(newest),
                xml_escape(&href(&feed_path)),
                xml_escape(&href(&format!("{lang}/index.html"))),
            );
            for (page, doc) in docs {
                xml.push_str(&format!(
                    "<entry>\n<title>{}</title>\n<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n<id>{}</id>\n<updated>{}</updated>\n<category term=\"{}\"/>\n",
                    xml_escape(&page.title),
                    xml_escape(&href(&page.path)),
                    xml_escape(&id(&page.path)),
                    atom_date(when(doc)),
                    doc.front.kind.as_str(),
                ));
                if let Some(owner) = doc.front.owner.as_deref().and_then(|o| site.glossary.name(o, lang)) {
                    xml.push_str(&format!("<author><name>{}</name></author>\n", xml_escape(owner)));
                }
                if let Some(summary) = &doc.front.summary {
                    xml.push_str(&format!("<summary>{}</summary>\n", xml_escape(summary)));
                }
                xml.push_str("</entry>\n");
            }
            xml.push_str("</feed>\n");
            OutputFile { path: feed_path, bytes: xml.into_bytes() }
        })
        .collect()
}

/// Atom wants a date and time; documents have dates.
fn atom_date(date: Option<crate::date::Date>) -> String {
    date.map_or_else(|| "1970-01-01T00:00:00Z".to_owned(), |d| format!("{d}T00:00:00Z"))
}
