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

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use crate::kinds::schema::{Field, Ty, all_fields};

    /// Every field name of `fields`, at any depth (objects, lists, tables).
    fn names<'a>(fields: impl IntoIterator<Item = &'a Field>, into: &mut BTreeSet<&'static str>) {
        fn of_type(ty: &Ty, into: &mut BTreeSet<&'static str>) {
            match ty {
                Ty::Object(fields) | Ty::Table(fields) => names(fields.iter(), into),
                Ty::List(ty) | Ty::Map(ty) => of_type(ty, into),
                Ty::Either(alternatives) => alternatives.iter().for_each(|ty| of_type(ty, into)),
                _ => {}
            }
        }
        for field in fields {
            into.insert(field.name);
            of_type(&field.ty, into);
        }
    }

    /// The names a document of `kind` may hold: its fields, common and
    /// shared ones, and those of the components its body may hold (a
    /// module's rules read its quizzes).
    fn known(kind: &str) -> BTreeSet<&'static str> {
        let mut known = BTreeSet::new();
        names(all_fields(kind), &mut known);
        for component in crate::parse::components::COMPONENTS {
            names(crate::parse::components::fields_of(component), &mut known);
        }
        known
    }

    /// The kinds with fields of their own (not `page`).
    fn kinds() -> impl Iterator<Item = &'static str> {
        crate::model::fields::KINDS.iter().copied().filter(|k| *k != "page")
    }

    /// The code of `src/<path>`, without its tests.
    fn code(path: &str) -> String {
        let text = std::fs::read_to_string(format!("{}/src/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap();
        text.split("#[cfg(test)]").next().unwrap_or_default().to_owned()
    }

    /// The names a kind's rules read by string: `r.rows("x")`,
    /// `str_of(row, "x")`, `row.get("x")` and the like.
    fn read_by_name(code: &str) -> Vec<(usize, String)> {
        const READS: &[&str] =
            &["rows(\"", "text(\"", "has(\"", "require(\"", ".get(\"", "contains_key(\"", "str_of(", "rows_of("];
        let mut found = Vec::new();
        for (n, line) in code.lines().enumerate() {
            for read in READS {
                for (at, _) in line.match_indices(read) {
                    let rest = &line[at + read.len()..];
                    // `str_of(row, "x")`: the name is the first string of the call.
                    let rest = match read.ends_with('"') {
                        true => rest,
                        false => match rest.find('"') {
                            Some(quote) => &rest[quote + 1..],
                            None => continue,
                        },
                    };
                    let name: String = rest.chars().take_while(|c| c.is_ascii_lowercase() || *c == '_').collect();
                    if !name.is_empty() && rest[name.len()..].starts_with('"') {
                        found.push((n + 1, name));
                    }
                }
            }
        }
        found
    }

    /// A field renamed in a kind's table but not in its rules would switch
    /// a rule off without a word: every name the rules read is a field of
    /// the kind (at any depth), a common or shared field, or a component's.
    #[test]
    fn every_field_a_kind_s_rules_read_by_name_is_one_of_its_fields() {
        let mut problems = Vec::new();
        let mut checked = 0;
        for kind in kinds() {
            let known = known(kind);
            for (line, field) in read_by_name(&code(&format!("kinds/{kind}/rules.rs"))) {
                checked += 1;
                if !known.contains(field.as_str()) {
                    problems.push(format!("src/kinds/{kind}/rules.rs:{line}: `{field}`"));
                }
            }
        }
        assert!(checked > 50, "the rules' reads were not found ({checked})");
        assert!(problems.is_empty(), "read by a rule but no field of its kind:\n{}", problems.join("\n"));
    }

    /// The structs of `typed!` blocks in `code`, with their fields.
    fn typed_structs(code: &str) -> Vec<(String, Vec<String>)> {
        let mut found: Vec<(String, Vec<String>)> = Vec::new();
        let mut in_block = false;
        for line in code.lines() {
            if line.starts_with("typed! {") {
                in_block = true;
            } else if line == "}" {
                in_block = false;
            } else if in_block {
                let line = line.trim().trim_start_matches("pub ");
                if let Some(name) = line.strip_prefix("struct ").and_then(|l| l.strip_suffix(" {")) {
                    found.push((name.to_owned(), Vec::new()));
                } else if let Some((field, _)) = line.split_once(": ")
                    && field.chars().all(|c| c.is_ascii_lowercase() || c == '_')
                    && let Some(last) = found.last_mut()
                {
                    last.1.push(field.to_owned());
                }
            }
        }
        found
    }

    /// The same for what the page views show: a field they read under a
    /// name the kind does not have would stay empty on every page. The
    /// structs listed here read the values the rules computed, not fields.
    #[test]
    fn every_field_a_view_reads_is_one_of_its_kind_s_fields() {
        const COMPUTED: &[&str] = &[
            "Computed",
            "Linked",
            "Scores",
            "Attendance",
            "Line",
            "AgendaTotal",
            "Costs",
            "Months",
            "AgendaComputed",
            "Schedule",
            "Clock",
            "DayLength",
        ];
        // What every kind's view shares (`kinds/view.rs`) reads fields of any kind.
        let any_kind: BTreeSet<&str> = kinds().flat_map(known).collect();
        let views = kinds().map(|kind| (format!("kinds/{kind}/view.rs"), known(kind)));
        let mut problems = Vec::new();
        let mut checked = 0;
        for (path, known) in views.chain([("kinds/view.rs".to_owned(), any_kind)]) {
            let structs = typed_structs(&code(&path));
            for (structure, fields) in structs.iter().filter(|(s, _)| !COMPUTED.contains(&s.as_str())) {
                for field in fields {
                    checked += 1;
                    if !known.contains(field.as_str()) {
                        problems.push(format!("src/{path}: `{structure}.{field}`"));
                    }
                }
            }
        }
        assert!(checked > 80, "the views' structs were not found ({checked})");
        assert!(problems.is_empty(), "read by a view but no field of its kind:\n{}", problems.join("\n"));
    }
}
