//! The command line: arguments -> library -> diagnostics -> exit code.
//! Exit status: 0 success, 1 content errors, 2 wrong usage.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use relais::diagnostics::Severity;
use relais::pdf::EngineChoice;
use relais::{BuildOptions, Report};

#[derive(Parser)]
#[command(name = "relais", version, about = "Builds a bilingual documentation site that works offline", long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into <root>/build/site (or --out)
    Build {
        /// The site's folder, holding site.yaml and content/
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site [default: <root>/build/site]
        #[arg(long)]
        out: Option<PathBuf>,
        /// Absolute URL the site is published at (for the sitemap and canonical links)
        #[arg(long)]
        base_url: Option<String>,
        /// Print the time spent in each stage of the build
        #[arg(long)]
        timings: bool,
        /// Also make a PDF of every print edition (needs WeasyPrint or Chromium)
        #[arg(long)]
        pdf: bool,
        /// Which engine makes the PDFs
        #[arg(long, value_enum, default_value_t = PdfEngine::Auto, requires = "pdf")]
        pdf_engine: PdfEngine,
        /// Replace --out even if it holds files that relais did not write (never the sources)
        #[arg(long)]
        force: bool,
    },
    /// Build the site with a PDF of every print edition (same as build --pdf)
    Pdf {
        /// The site's folder, holding site.yaml and content/
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site [default: <root>/build/site]
        #[arg(long)]
        out: Option<PathBuf>,
        /// Which engine makes the PDFs
        #[arg(long, value_enum, default_value_t = PdfEngine::Auto)]
        pdf_engine: PdfEngine,
        /// Replace --out even if it holds files that relais did not write (never the sources)
        #[arg(long)]
        force: bool,
    },
    /// Build the site into build/serve, serve it on 127.0.0.1 and rebuild when a file changes (pages reload)
    Serve {
        /// The site's folder, holding site.yaml and content/
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The port to listen on (0 picks a free one)
        #[arg(long, default_value_t = 8000)]
        port: u16,
    },
    /// Check the content and report every problem, without writing anything
    Check {
        /// The site's folder, holding site.yaml and content/
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// How to print the problems
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Fail (exit 1) on warnings too
        #[arg(long)]
        strict: bool,
        /// Also print the warnings that site.yaml accepts (`checks.accept`), with their reasons
        #[arg(long)]
        show_accepted: bool,
    },
    /// Create a document in every language, with its kind's fields and sections to fill in
    New {
        /// sop, module, brief, strategy, checklist, report or page
        kind: String,
        /// Where, under content/: `sops/intake` makes sops/intake.en.md, sops/intake.fr.md …
        target: String,
        /// The site's folder, holding site.yaml and content/
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Turn a .docx, .odt or .md file into a draft of a kind (Word and OpenDocument through pandoc)
    Import {
        /// The file to import
        file: PathBuf,
        /// sop, module, brief, strategy, checklist, report or page
        #[arg(long)]
        kind: String,
        /// Where, under content/ [default: the kind's section and a slug of the title]
        #[arg(long = "as", value_name = "SECTION/SLUG")]
        target: Option<String>,
        /// The language of the file [default: guessed from its words]
        #[arg(long)]
        lang: Option<String>,
        /// The site's folder, holding site.yaml and content/
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Print the JSON Schema (draft 2020-12) of the front matter of every kind, for editors
    Schema {
        /// Take glossary ids from this site's content/_data/glossary.yaml, so that editors complete them
        #[arg(long)]
        root: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum PdfEngine {
    /// WeasyPrint if installed, else Chromium
    Auto,
    Chromium,
    Weasyprint,
}

impl From<PdfEngine> for EngineChoice {
    fn from(engine: PdfEngine) -> Self {
        match engine {
            PdfEngine::Auto => EngineChoice::Auto,
            PdfEngine::Chromium => EngineChoice::Chromium,
            PdfEngine::Weasyprint => EngineChoice::WeasyPrint,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
}

pub fn run() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            let _ = err.print();
            return if err.use_stderr() { 2 } else { 0 };
        }
    };
    match cli.command {
        Command::Build { root, out, base_url, timings, pdf, pdf_engine, force } => {
            if let Some(url) = &base_url
                && !relais::resolve::urls::is_absolute_http(url)
            {
                eprintln!("error: --base-url must be an absolute http(s) URL, found `{url}`");
                eprintln!(
                    "  hint: for example --base-url https://example.org/hub/; leave it out for a site used offline"
                );
                return 2;
            }
            let options = BuildOptions {
                root,
                out,
                base_url,
                write: true,
                pdf: pdf.then(|| pdf_engine.into()),
                progress: progress(),
                force,
                today: relais::date::today(),
            };
            build(&options, timings)
        }
        Command::Pdf { root, out, pdf_engine, force } => build(
            &BuildOptions {
                root,
                out,
                base_url: None,
                write: true,
                pdf: Some(pdf_engine.into()),
                progress: progress(),
                force,
                today: relais::date::today(),
            },
            false,
        ),
        Command::New { kind, target, root } => match relais::new::create(&root, &kind, &target) {
            Ok(files) => {
                for file in files {
                    eprintln!("wrote {file}");
                }
                eprintln!("fill in what says TODO; `relais check` lists what is left");
                0
            }
            Err(problem) => {
                eprintln!("{problem}");
                1
            }
        },
        Command::Import { file, kind, target, lang, root } => {
            import(relais::import::Options { root, file, kind, target, lang })
        }
        Command::Serve { root, port } => match relais::serve::serve(&relais::serve::ServeOptions { root, port }) {
            Ok(()) => 0,
            Err(message) => {
                eprintln!("{message}");
                1
            }
        },
        Command::Schema { root } => {
            let glossary = root.map(|root| relais::kinds::json_schema::glossary_ids(&root));
            let schema = match &glossary {
                Some(Ok((all, institutions))) => relais::kinds::json_schema::schema(Some((all, institutions))),
                Some(Err(problems)) => {
                    for problem in problems {
                        eprintln!("{problem}");
                    }
                    return 1;
                }
                None => relais::kinds::json_schema::schema(None),
            };
            println!("{}", serde_json::to_string_pretty(&schema).unwrap_or_default());
            0
        }
        Command::Check { root, format, strict, show_accepted } => {
            let options = BuildOptions::check(root);
            let report = relais::build(&options);
            match format {
                Format::Json => println!("{}", report.diagnostics.to_json()),
                Format::Text => {
                    print_diagnostics(&report, show_accepted);
                    eprintln!("{}: {}", page_counts(&report), summary_of_problems(&report));
                }
            }
            let failed = report.diagnostics.has_errors() || (strict && report.diagnostics.count(Severity::Warning) > 0);
            if strict && !report.diagnostics.has_errors() && failed && matches!(format, Format::Text) {
                eprintln!("--strict: warnings count as errors");
            }
            i32::from(failed)
        }
    }
}

fn build(options: &BuildOptions, timings: bool) -> i32 {
    // Said before a long build, and never after deleting anything.
    if let Err(refusal) = relais::write::check_output(&options.out_dir(), &options.root, options.force) {
        eprintln!("{refusal}");
        return 2;
    }
    let report = relais::build(options);
    print_diagnostics(&report, false);
    if timings {
        print_timings(&report);
    }
    let out = options.out_dir();
    if report.diagnostics.has_errors() {
        eprintln!("{}; {} left as it was", summary_of_problems(&report), out.display());
        return 1;
    }
    let pdfs = if report.pdfs.is_empty() {
        String::new()
    } else {
        let pages: usize = report.pdfs.iter().map(|p| p.pages).sum();
        let unchanged = report.pdfs.len().saturating_sub(report.pdfs_printed);
        format!(", {} PDFs ({pages} pages; {} printed, {unchanged} unchanged)", report.pdfs.len(), report.pdfs_printed)
    };
    eprintln!("{}{pdfs} in {:.2} s -> {}", page_counts(&report), report.elapsed.as_secs_f64(), out.display());
    0
}

/// Imports, then says what `check` finds in the imported files.
fn import(options: relais::import::Options) -> i32 {
    let imported = match relais::import::import(&options) {
        Ok(imported) => imported,
        Err(relais::import::Refusal::Usage(problem)) => {
            eprintln!("{problem}");
            return 2;
        }
        Err(relais::import::Refusal::Failed(problem)) => {
            eprintln!("{problem}");
            return 1;
        }
    };
    for file in &imported.files {
        eprintln!("wrote {file}");
    }
    if !imported.dropped_fields.is_empty() {
        eprintln!("left out front matter that relais has no field for: {}", imported.dropped_fields.join(", "));
    }
    let check = BuildOptions::check(options.root);
    let mut report = relais::build(&check);
    report.diagnostics.retain(|d| imported.files.contains(&d.file));
    print_diagnostics(&report, false);
    eprintln!("{} left to fix in the imported document ({})", summary_of_problems(&report), imported.lang);
    0
}

fn print_diagnostics(report: &Report, show_accepted: bool) {
    let colour = std::io::stderr().is_terminal();
    for diagnostic in report.diagnostics.sorted() {
        if diagnostic.accepted.is_some() && !show_accepted {
            continue;
        }
        let text = diagnostic.to_string();
        if colour {
            let (word, code) = match diagnostic.severity {
                Severity::Error => ("error:", "\x1b[1;31merror:\x1b[0m"),
                Severity::Warning => ("warning:", "\x1b[1;33mwarning:\x1b[0m"),
            };
            eprintln!("{}", text.replacen(word, code, 1));
        } else {
            eprintln!("{text}");
        }
    }
}

/// A progress line for long stages, on a terminal only (a log or CI keeps
/// the output it had).
fn progress() -> Option<fn(&str, usize, usize)> {
    fn show(stage: &str, done: usize, total: usize) {
        // Rewritten in place; cleared when the stage ends.
        if done < total {
            eprint!("\r{stage} {done}/{total}");
        } else {
            eprint!("\r{:width$}\r", "", width = stage.len() + 2 * total.to_string().len() + 2);
        }
    }
    std::io::stderr().is_terminal().then_some(show as fn(&str, usize, usize))
}

fn print_timings(report: &Report) {
    let total = report.elapsed.as_secs_f64().max(f64::EPSILON);
    eprintln!("stage      time    share");
    for (stage, time) in &report.timings {
        let seconds = time.as_secs_f64();
        eprintln!("{stage:<9} {:>6.0} ms {:>5.1} %", seconds * 1000.0, 100.0 * seconds / total);
    }
    eprintln!("{:<9} {:>6.0} ms", "total", total * 1000.0);
}

fn page_counts(report: &Report) -> String {
    let total: usize = report.pages.values().sum();
    let per_language: Vec<String> = report.pages.iter().map(|(lang, n)| format!("{lang} {n}")).collect();
    match total {
        0 => "0 documents".to_owned(),
        _ => format!("{total} documents ({})", per_language.join(", ")),
    }
}

fn summary_of_problems(report: &Report) -> String {
    let errors = report.diagnostics.count(Severity::Error);
    let warnings = report.diagnostics.count(Severity::Warning);
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let accepted = match report.diagnostics.count_accepted() {
        0 => String::new(),
        n => format!(" ({} accepted in site.yaml; --show-accepted lists them)", plural(n, "warning")),
    };
    format!("{}, {}{accepted}", plural(errors, "error"), plural(warnings, "warning"))
}
