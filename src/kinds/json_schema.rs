//! `relais schema`: the front matter of every kind as a JSON Schema (draft
//! 2020-12), made from the same field tables as the checks, so that an
//! editor with a YAML language server completes and checks fields as
//! authors type. Rules that depend on status or subtype are not expressed
//! here; `relais check` has them.

use serde_json::{Map, Value, json};

use super::schema::{self, Field, RefTo, Req, Ty};
use crate::model::fields::KINDS;

const ID_PATTERN: &str = "^[a-z0-9][a-z0-9._-]*$";
const DATE_PATTERN: &str = "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$";
const MONTH_PATTERN: &str = "^[0-9]{4}-(0[1-9]|1[0-2])$";
const QUARTER_PATTERN: &str = "^[0-9]{4}-Q[1-4]$";

/// The schema of every kind's front matter. `glossary_ids`, when given,
/// become the allowed values of references (an editor then completes them).
pub fn schema(glossary: Option<(&[String], &[String])>) -> Value {
    let mut defs = Map::new();
    let mut branches = Vec::new();
    for kind in KINDS {
        let fields = schema::all_fields(kind);
        defs.insert((*kind).to_owned(), object(&fields, glossary));
        let condition = if *kind == "page" {
            json!({ "properties": { "kind": { "const": "page" } } })
        } else {
            json!({ "properties": { "kind": { "const": kind } }, "required": ["kind"] })
        };
        branches.push(json!({ "if": condition, "then": { "$ref": format!("#/$defs/{kind}") } }));
    }
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://relais.invalid/schema/front-matter.json",
        "title": "relais front matter",
        "description": "The fields of a document's front matter, by kind (DOCUMENT-KINDS.md).",
        "type": "object",
        "properties": { "kind": { "enum": KINDS } },
        "allOf": branches,
        "$defs": defs,
    })
}

fn object(fields: &[&Field], glossary: Option<(&[String], &[String])>) -> Value {
    let mut properties = Map::new();
    let mut required = Vec::new();
    for field in fields {
        let mut property = ty(&field.ty, glossary);
        if let Value::Object(map) = &mut property {
            map.insert("description".into(), json!(field.doc));
        }
        properties.insert(field.name.to_owned(), property);
        if field.req == Req::Required {
            required.push(field.name);
        }
    }
    json!({ "type": "object", "properties": properties, "required": required, "additionalProperties": false })
}

fn ty(ty_: &Ty, glossary: Option<(&[String], &[String])>) -> Value {
    let string_pattern = |pattern: &str| json!({ "type": "string", "pattern": pattern });
    match ty_ {
        Ty::Text | Ty::Plain => json!({ "type": "string", "minLength": 1 }),
        Ty::Id => string_pattern(ID_PATTERN),
        Ty::Ref(to) => match glossary {
            Some((all, institutions)) => json!({ "enum": if *to == RefTo::Institution { institutions } else { all } }),
            None => string_pattern(ID_PATTERN),
        },
        Ty::RefOrText => json!({ "type": "string", "minLength": 1 }),
        Ty::Date => string_pattern(DATE_PATTERN),
        Ty::YearOrMonth => {
            json!({ "anyOf": [ { "type": "integer", "minimum": 1900, "maximum": 2999 }, string_pattern(MONTH_PATTERN) ] })
        }
        Ty::When => {
            json!({ "anyOf": [ string_pattern(MONTH_PATTERN), string_pattern(QUARTER_PATTERN), string_pattern(DATE_PATTERN) ] })
        }
        Ty::Clock => string_pattern("^([01][0-9]|2[0-3]):[0-5][0-9]$"),
        Ty::Minutes => json!({ "type": "integer", "minimum": 1 }),
        Ty::Integer { min } if *min == i64::MIN => json!({ "type": "integer" }),
        Ty::Integer { min } => json!({ "type": "integer", "minimum": min }),
        Ty::Number { min, max } => {
            let mut map = Map::new();
            map.insert("type".into(), json!("number"));
            if let Some(min) = min {
                map.insert("minimum".into(), json!(min));
            }
            if let Some(max) = max {
                map.insert("maximum".into(), json!(max));
            }
            Value::Object(map)
        }
        Ty::Bool => json!({ "type": "boolean" }),
        Ty::Version => json!({ "type": ["string", "number"] }),
        Ty::Link | Ty::File => json!({ "type": "string", "minLength": 1 }),
        Ty::Choice(words) => json!({ "enum": words }),
        Ty::List(item) => json!({ "type": "array", "items": ty(item, glossary) }),
        Ty::Object(fields) => object(&fields.iter().collect::<Vec<_>>(), glossary),
        Ty::Map(item) => json!({
            "type": "object",
            "propertyNames": { "pattern": ID_PATTERN },
            "additionalProperties": ty(item, glossary),
        }),
        Ty::Table(columns) => json!({
            "anyOf": [
                { "type": "array", "items": object(&columns.iter().collect::<Vec<_>>(), glossary) },
                { "type": "string", "pattern": "^[^/\\\\]+\\.csv$" },
            ]
        }),
        Ty::Either(alternatives) => {
            json!({ "anyOf": alternatives.iter().map(|a| ty(a, glossary)).collect::<Vec<_>>() })
        }
        Ty::Null => json!({ "type": "null" }),
    }
}

/// All glossary ids of the site at `root`, and those of institutions.
pub fn glossary_ids(root: &std::path::Path) -> Result<(Vec<String>, Vec<String>), Vec<crate::diagnostics::Diagnostic>> {
    let display = "content/_data/glossary.yaml".to_owned();
    let path = root.join(&display);
    let mut found = crate::diagnostics::Diagnostics::default();
    let Some(text) = crate::load::read_text(&path, &display, &mut found) else {
        return Err(found.sorted());
    };
    let file = crate::load::DataFile { display, text, value: Value::Null };
    let mut problems = Vec::new();
    let glossary = crate::model::Glossary::from_data(Some(&file), &mut problems);
    if !problems.is_empty() {
        return Err(problems);
    }
    let all = glossary.entries.keys().cloned().collect();
    let institutions = glossary
        .entries
        .values()
        .filter(|e| e.kind == crate::model::glossary::EntryKind::Institution)
        .map(|e| e.id.clone())
        .collect();
    Ok((all, institutions))
}
