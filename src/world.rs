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

/// Where the outline of every country is written, once for the whole site.
pub const BASE_MAP: &str = "static/world.svg";

/// The colour of a country without data.
pub const NO_DATA: &str = "#e6e6e6";

impl World {
    /// The frame maps show: the globe without Antarctica's bottom band.
    pub fn view_height(&self) -> f64 {
        self.height - 50.0
    }

    /// Every country in grey, as one SVG file that each map draws under
    /// its coloured countries: the outlines weigh 60 KB, which a page
    /// then does not carry, and a reader loads once.
    pub fn base_map(&self) -> String {
        let mut codes: Vec<&String> = self.countries.keys().collect();
        codes.sort();
        let paths: String = codes.into_iter().map(|code| self.countries[code].d.as_str()).collect();
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\"><path d=\"{paths}\" fill=\"{NO_DATA}\" stroke=\"#fff\" stroke-width=\".4\"/></svg>\n",
            self.width,
            self.view_height()
        )
    }
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
