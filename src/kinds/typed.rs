//! Reading a kind's checked fields into Rust types.
//!
//! A kind declares the fields its page shows as structs with [`typed!`]:
//! every field of them is read on its own, so that a value of the wrong
//! type (only possible in an earlier version of a document, whose problems
//! are not reported) leaves that field empty instead of the whole view, as
//! looking the value up by its name did. [`List`] keeps the items of a list
//! that have the item's type.

use std::ops::Deref;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};
use serde_json::{Map, Value};

/// Declares structs read from checked fields: each field defaults when it
/// is missing or of another type.
macro_rules! typed {
    ($($(#[$m:meta])* $vis:vis struct $name:ident { $($(#[$fm:meta])* $fvis:vis $f:ident : $t:ty),* $(,)? })*) => {$(
        $(#[$m])*
        #[derive(Debug, Clone, Default, serde::Deserialize)]
        $vis struct $name {
            $($(#[$fm])* #[serde(default, deserialize_with = "crate::kinds::typed::lenient")] $fvis $f: $t,)*
        }
    )*};
}
pub(crate) use typed;

/// A value read as `T`, or `T`'s default when it is not one.
pub fn lenient<'de, D: Deserializer<'de>, T: DeserializeOwned + Default>(d: D) -> Result<T, D::Error> {
    let value = Value::deserialize(d)?;
    Ok(T::deserialize(value).unwrap_or_default())
}

/// The fields (or computed values) of a document read as `T`.
pub fn read<T: DeserializeOwned + Default>(map: &Map<String, Value>) -> T {
    T::deserialize(Value::Object(map.clone())).unwrap_or_default()
}

/// A list of which only the items of type `T` are kept.
#[derive(Debug, Clone)]
pub struct List<T>(pub Vec<T>);

impl<T> Default for List<T> {
    fn default() -> Self {
        List(Vec::new())
    }
}

impl<T> Deref for List<T> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        &self.0
    }
}

impl<'de, T: DeserializeOwned> Deserialize<'de> for List<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(List(match Value::deserialize(d)? {
            Value::Array(items) => {
                items.into_iter().filter(|item| !item.is_array()).filter_map(|item| T::deserialize(item).ok()).collect()
            }
            _ => Vec::new(),
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    typed! {
        struct Row {
            id: Option<String>,
            count: Option<u64>,
            names: List<String>,
        }
    }

    #[test]
    fn a_field_of_another_type_is_left_empty() {
        let map = serde_json::json!({"id": 3, "count": 2, "names": ["a", 1, "b"]});
        let row: Row = read(map.as_object().unwrap());
        assert_eq!(row.id, None);
        assert_eq!(row.count, Some(2));
        assert_eq!(row.names.0, ["a", "b"]);
    }

    #[test]
    fn items_of_another_type_are_dropped() {
        let list: List<Row> = serde_json::from_value(serde_json::json!([{"id": "x"}, "y", [1]])).unwrap();
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].id.as_deref(), Some("x"));
    }
}
