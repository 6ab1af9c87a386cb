//! Site-wide machine-readable files: `catalogue.json` (every document, for
//! other tools) and `sitemap.xml` (when the site has a `base_url`).

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
        if let Some(date) = site.page_doc(page).and_then(|d| d.front.updated.or(d.front.date)) {
            xml.push_str(&format!("<lastmod>{date}</lastmod>"));
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    Some(OutputFile { path: "sitemap.xml".to_owned(), bytes: xml.into_bytes() })
}
