//! What makes a kind: one [`KindSpec`] per kind, in its own folder
//! (`kinds/<kind>/`), and the registry [`spec`] that every stage asks.
//!
//! Adding a kind is adding its folder, its variant of
//! [`Kind`](crate::model::Kind) and its line in [`spec`].

use serde_json::Value;

use super::print::{self, PrintExtras};
use super::rules::Rules;
use super::rules::skeleton::Section;
use super::schema::Field;
use super::view::ViewContext;
use crate::date::Date;
use crate::model::Kind;

/// One kind of document (DOCUMENT-KINDS.md): its fields, rules, sections,
/// page and draft.
pub trait KindSpec: Sync {
    /// The kind's own fields, in the order of DOCUMENT-KINDS.md (the common
    /// and shared ones are `schema::COMMON` and those of every kind).
    fn fields(&self) -> &'static [Field];

    /// The sections expected of a document of this kind and subtype (heading ids).
    fn skeleton(&self, _subtype: Option<&str>) -> Option<&'static [Section]> {
        None
    }

    /// The rules beyond types, and the values computed for the page.
    fn check(&self, _rules: &mut Rules<'_, '_>) {}

    /// Whether the page shows a block made from the fields after the
    /// heading `heading_id` (the agenda under "Proceedings" …).
    fn shows_block_after(&self, _heading_id: &str) -> bool {
        false
    }

    /// What the page shows from the fields, for `templates/kinds.html`.
    fn view(&self, _cx: &ViewContext<'_>) -> Option<Value> {
        None
    }

    /// What a print file of a document of this kind shows beside its view
    /// (`templates/print.html`); `edition` is the module edition printed.
    fn print_extras(&self, cx: &ViewContext<'_>, _edition: Option<&str>) -> PrintExtras {
        print::extras(cx)
    }

    /// What `relais new` writes for this kind.
    fn draft(&self, d: &Draft<'_>) -> DraftText;

    /// What a section's heading of the draft is followed by, besides `TODO`.
    fn draft_below(&self, _section_id: &str) -> Option<String> {
        None
    }
}

/// What a draft is written for.
pub struct Draft<'a> {
    pub lang: &'a str,
    /// The institution named as owner.
    pub owner: &'a str,
    pub today: Date,
}

impl Draft<'_> {
    /// The text in the draft's language.
    pub fn t(&self, en: &'static str, fr: &'static str) -> &'static str {
        if crate::format::is_french(self.lang) { fr } else { en }
    }
}

/// A kind's part of a new document.
pub struct DraftText {
    pub title: &'static str,
    /// Front matter lines after the common ones.
    pub fields: String,
    /// The subtype whose sections the body gets.
    pub subtype: Option<&'static str>,
}

/// What `TODO` is in a draft: the place where the author writes.
pub const TODO: &str = "TODO";

/// The kind `kind`.
pub fn spec(kind: Kind) -> &'static dyn KindSpec {
    match kind {
        Kind::Sop => &super::sop::Sop,
        Kind::Brief => &super::brief::Brief,
        Kind::Module => &super::module::Module,
        Kind::Strategy => &super::strategy::Strategy,
        Kind::Checklist => &super::checklist::Checklist,
        Kind::Report => &super::report::Report,
        Kind::Page => &Page,
    }
}

/// A plain page: no fields of its own.
struct Page;

impl KindSpec for Page {
    fn fields(&self) -> &'static [Field] {
        &[]
    }

    fn draft(&self, d: &Draft<'_>) -> DraftText {
        DraftText { title: d.t("New page", "Nouvelle page"), fields: String::new(), subtype: None }
    }
}
