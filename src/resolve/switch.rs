//! The versions of the whole site (`versions:` of site.yaml, each a git ref
//! built into `v/<name>/`) and where each page is in each of them, so that
//! a page's version switch lands on the same document in the other
//! version, or on that version's home page when the document is not there.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use super::{Page, PageKind, Site, urls};

/// Where a heading is read: its page's output path, and the heading's id
/// when it does not open the page.
type Landing = (String, Option<String>);

/// One built version of the site.
#[derive(Debug, Clone)]
pub struct SiteVersion {
    /// `None` for the current site (the working tree).
    pub name: Option<String>,
    /// The git ref it was read from, its commit and the commit's date.
    pub git_ref: Option<String>,
    pub commit: Option<String>,
    pub time: Option<i64>,
    /// Its folder from the output's root: `""` or `v/<name>/`.
    pub prefix: String,
    /// Output path of each page that a switch may land on, by language and key.
    pages: HashMap<(String, String), String>,
    /// On a document read a section at a time: the file of each heading, at
    /// the heading when it does not open its page.
    sections: HashMap<(String, String), HashMap<String, Landing>>,
    /// Home page of each language.
    homes: BTreeMap<String, String>,
}

impl SiteVersion {
    pub fn of(site: &Site, name: Option<String>, prefix: String) -> SiteVersion {
        let pages = site
            .pages
            .iter()
            .filter(|p| !matches!(p.kind, PageKind::Version | PageKind::Changes))
            .map(|p| ((p.lang.clone(), p.key.clone()), p.path.clone()))
            .collect();
        let sections = site
            .pages
            .iter()
            .filter(|p| p.kind == PageKind::Document && !p.parts.is_empty())
            .map(|p| {
                let files = p.parts.iter().flat_map(|part| part.ids.iter()).map(|id| {
                    let (file, at) = p.place_of(id);
                    (id.clone(), (file.to_owned(), at.map(str::to_owned)))
                });
                ((p.lang.clone(), p.key.clone()), files.collect())
            })
            .collect();
        let homes = site.homes.iter().map(|(lang, &i)| (lang.clone(), site.pages[i].path.clone())).collect();
        SiteVersion { name, git_ref: None, commit: None, time: None, prefix, pages, sections, homes }
    }

    /// Where `page` (of another version) lands in this one, from the
    /// output's root: the page of the section with the heading `section`
    /// when it is there.
    fn landing(&self, page: &Page, section: Option<&str>) -> (String, Option<&str>) {
        let key = (page.lang.clone(), page.key.clone());
        if let Some((path, at)) = section.and_then(|id| self.sections.get(&key)?.get(id)) {
            return (format!("{}{path}", self.prefix), at.as_deref());
        }
        let path = self
            .pages
            .get(&key)
            .or_else(|| self.homes.get(&page.lang))
            .or_else(|| self.homes.values().next())
            .map_or("index.html", String::as_str);
        (format!("{}{path}", self.prefix), None)
    }
}

/// Every version of the site, and which one a site is.
#[derive(Debug, Clone)]
pub struct Switch {
    pub versions: Arc<Vec<SiteVersion>>,
    pub this: usize,
}

/// One entry of a page's version switch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionLink {
    /// `None` for the current version.
    pub name: Option<String>,
    pub href: String,
    pub current: bool,
    /// The day of its commit.
    pub date: Option<crate::date::Date>,
}

impl Switch {
    pub fn this(&self) -> &SiteVersion {
        &self.versions[self.this]
    }

    /// The switch shown on `page` of this version: each version, with the
    /// relative URL of the same page there.
    pub fn links(&self, page: &Page) -> Vec<VersionLink> {
        self.links_from(page, &page.path, None)
    }

    /// The switch shown on the file `file` of `page` (one of its sections'
    /// pages, which starts with the heading `section`): each version, with
    /// the relative URL of the same section there.
    pub fn links_from(&self, page: &Page, file: &str, section: Option<&str>) -> Vec<VersionLink> {
        let from = format!("{}{file}", self.this().prefix);
        self.versions
            .iter()
            .enumerate()
            .map(|(i, version)| VersionLink {
                name: version.name.clone(),
                href: if i == self.this {
                    "#".to_owned()
                } else {
                    let (path, at) = version.landing(page, section);
                    urls::relative_at(&from, &path, at)
                },
                current: i == self.this,
                date: version.time.map(crate::date::of_seconds),
            })
            .collect()
    }
}

/// `YYYY-MM-DD` of a commit's time.
fn date_of(seconds: i64) -> String {
    crate::date::of_seconds(seconds).to_string()
}

/// `versions.json`: every version of the site, the current one first, for
/// tools that list them (pages carry their switch in their own HTML, since
/// a page opened from `file://` cannot read another file).
pub fn catalogue(versions: &[SiteVersion]) -> String {
    let entries: Vec<serde_json::Value> = versions
        .iter()
        .map(|v| {
            serde_json::json!({
                "name": v.name.as_deref().unwrap_or("current"),
                "current": v.name.is_none(),
                "ref": v.git_ref,
                "commit": v.commit,
                "date": v.time.map(date_of),
                "path": format!("{}index.html", v.prefix),
            })
        })
        .collect();
    serde_json::to_string_pretty(&entries).unwrap_or_default()
}
