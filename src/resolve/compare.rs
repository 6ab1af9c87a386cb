//! Whether a page is the same as in an earlier build, for `relais serve`
//! (`pipeline::Memo`), which lays out again only the pages that changed.

use super::Page;

impl Page {
    /// Whether `other` is this page as other pages see it: everything but
    /// where the links of its own body and fields go, which only this
    /// page shows.
    pub fn same_for_others(&self, other: &Page) -> bool {
        let Page {
            kind,
            lang,
            key,
            path,
            title,
            doc,
            parent,
            translations,
            children,
            subsections,
            foreign_children,
            prev,
            next,
            links: _,
            field_links: _,
            outdated,
            versions,
            current,
            changes,
            compare,
            parts,
            order,
        } = self;
        (kind, lang, key, path, title, doc, parent, translations)
            == (
                &other.kind,
                &other.lang,
                &other.key,
                &other.path,
                &other.title,
                &other.doc,
                &other.parent,
                &other.translations,
            )
            && (children, subsections, foreign_children, prev, next, outdated)
                == (
                    &other.children,
                    &other.subsections,
                    &other.foreign_children,
                    &other.prev,
                    &other.next,
                    &other.outdated,
                )
            && (versions, current, changes, compare, order)
                == (&other.versions, &other.current, &other.changes, &other.compare, &other.order)
            // Other pages link into its sections' files.
            && parts == &other.parts
    }

    /// Whether `other` is this page in every way, the links too.
    pub fn same(&self, other: &Page) -> bool {
        self.same_for_others(other) && self.links == other.links && self.field_links == other.field_links
    }
}
