//! The document model: what a file of `content/` says once read (its
//! front matter, its body as blocks and headings) and the site's glossary.
//! Every stage from `parse` on reads these types; they depend on no stage,
//! so the kinds can check and show documents without importing `parse`.

pub mod body;
pub mod fields;
pub mod glossary;

pub use body::{Block, Body, Heading, LinkRef, TopSection};
pub use fields::{FrontMatter, Kind, Status};
pub use glossary::Glossary;
