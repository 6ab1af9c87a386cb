//! One integration test binary: fixture sites built by the real binary into
//! temporary folders, checked as a reader would see them.

mod support;

mod adoption;
mod architecture;
mod bilingual;
mod browser;
mod content;
mod errors;
mod forms;
mod fuzz;
mod import;
mod kinds;
mod kinds_render;
mod markdown;
mod output;
mod print;
mod reader;
mod rebuild;
mod safety;
mod sections;
mod serve;
mod versions;
