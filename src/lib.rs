//! `relais` turns a folder of bilingual Markdown documents into a static
//! site that works offline, from `file://`.
//!
//! The build is a pipeline ([`pipeline::build`]): [`load`] walks `content/`,
//! [`parse`] types the front matter and parses the Markdown once, [`resolve`]
//! decides every page's URL and where every link goes, [`render`] turns
//! bodies into HTML, [`template`] lays pages out with the theme, and
//! [`write`] minifies and swaps the new site in. Every stage reports problems
//! as [`diagnostics::Diagnostic`]s, collected for the whole run.

pub mod charts;
pub mod config;
pub mod date;
pub mod diagnostics;
pub mod feeds;
pub mod fold;
pub mod format;
pub mod fuzzing;
pub mod history;
pub mod html;
pub mod hygiene;
pub mod i18n;
pub mod import;
pub mod kinds;
pub mod load;
pub mod model;
pub mod new;
pub mod parse;
pub mod pdf;
pub mod pipeline;
pub mod redline;
pub mod render;
pub mod resolve;
pub mod search;
pub mod serve;
pub mod template;
pub mod world;
pub mod write;
mod yaml;

pub use pipeline::{BuildOptions, Report, build};
