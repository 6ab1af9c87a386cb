//! Country outlines for maps, embedded in the binary so that maps draw at
//! build time and the site works offline. The data file is made by
//! `scripts/world-map.py` from Natural Earth (public domain): one SVG path
//! per ISO 3166-1 alpha-3 code, projected with Equal Earth.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;

const DATA: &str = include_str!("../themes/default/data/world-110m.json");

#[derive(Debug, Deserialize)]
pub struct Country {
    pub name: String,
    pub name_fr: String,
    pub d: String,
}

#[derive(Debug, Deserialize)]
pub struct World {
    pub width: f64,
    pub height: f64,
    pub countries: HashMap<String, Country>,
}

/// The world, read once.
pub fn world() -> &'static World {
    static WORLD: OnceLock<World> = OnceLock::new();
    WORLD.get_or_init(|| serde_json::from_str(DATA).expect("the embedded map data is valid JSON"))
}

pub fn knows(code: &str) -> bool {
    world().countries.contains_key(code)
}

impl Country {
    pub fn name_in(&self, lang: &str) -> &str {
        if crate::format::is_french(lang) { &self.name_fr } else { &self.name }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_map_knows_the_diaspora_countries() {
        for code in ["CMR", "FRA", "DEU", "USA", "ARE", "NGA", "GAB", "CAN", "BEL", "GBR"] {
            assert!(knows(code), "{code}");
        }
        assert_eq!(world().countries["CMR"].name_in("fr"), "Cameroun");
        assert!(!knows("XXX"));
    }
}
