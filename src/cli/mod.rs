//! Command line: the clap definitions of `oit`'s commands and the dispatch to one module per
//! command, which runs a pipeline, prints findings and picks the exit code.
mod build;
mod check;
mod common;
mod completions;
mod criteria;
mod edit;
mod export;
mod help;
mod new;
mod serve;
mod sites;

use crate::diagnostics::Lang;
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use common::parse_as_of;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "oit",
    version,
    about = "เว็บไซต์เปิดเผยข้อมูลสาธารณะ (OIT) ของสถานีตำรวจ — static site generator and checker for ITA/OIT"
)]
struct Cli {
    /// Language of messages: th (default) or en.
    #[arg(long, global = true, value_enum, default_value = "th")]
    lang: LangArg,
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    Th,
    En,
}

#[derive(Subcommand)]
enum Command {
    /// Build the static website from a content folder.
    Build {
        /// Content folder (default: this folder when it has site.yaml, else ./content).
        #[arg(long)]
        content: Option<PathBuf>,
        /// Build the example station built into oit (สภ.สอง จ.แพร่) instead of a content folder.
        #[arg(long, conflicts_with_all = ["content", "sites"])]
        example: bool,
        /// Output folder, replaced only when the build succeeds.
        #[arg(long, default_value = "public")]
        out: PathBuf,
        /// Public address of the site, e.g. https://song.phrae.police.go.th/ (for absolute URLs only).
        #[arg(long)]
        base_url: Option<String>,
        /// A theme folder whose templates/ and static/ override the built-in theme.
        #[arg(long)]
        theme: Option<PathBuf>,
        /// Criteria for the current fiscal year: a built-in id or a file.
        #[arg(long)]
        criteria: Option<String>,
        /// Refuse to publish when any rule of the criteria fails (for CI).
        #[arg(long)]
        strict: bool,
        /// Check as if today were this date.
        #[arg(long)]
        as_of: Option<String>,
        /// Build every station folder (with a site.yaml) below DIR into OUT/<station>/, plus an
        /// index of all stations and a combined report.json.
        #[arg(long, conflicts_with = "content")]
        sites: Option<PathBuf>,
        /// Build everything again, as if there were no cache of the last build (public.oit-cache
        /// beside the output); a new cache is written for the next build.
        #[arg(long)]
        no_cache: bool,
    },
    /// Check the content against the OIT criteria of its fiscal year(s).
    Check {
        /// Content folder (default: this folder when it has site.yaml, else ./content).
        #[arg(long)]
        content: Option<PathBuf>,
        /// Criteria for the current fiscal year: a built-in id (e.g. police-station-2567) or a file.
        #[arg(long)]
        criteria: Option<String>,
        /// Check as if today were this date (decides which months are due); default today.
        #[arg(long)]
        as_of: Option<String>,
        /// Only this fiscal year (BE), e.g. 2567.
        #[arg(long)]
        year: Option<u16>,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: FormatArg,
        /// Group findings by responsible officer.
        #[arg(long)]
        by_officer: bool,
        /// Also write a self-contained HTML report for supervisors to this file.
        #[arg(long)]
        report: Option<PathBuf>,
        /// Check every station folder below DIR (one line per station; JSON with --format json).
        #[arg(long)]
        sites: Option<PathBuf>,
        /// Also try every external link (e-services, social pages, survey) over the network.
        #[arg(long)]
        external: bool,
        /// Seconds to wait for one external link.
        #[arg(long, default_value_t = 10)]
        timeout: u64,
    },
    /// Write machine files for other systems.
    Export {
        #[command(subcommand)]
        what: ExportWhat,
    },
    /// Start a new station: site.yaml with comments and a folder per item of the criteria.
    New {
        /// Folder to create.
        dir: PathBuf,
        /// Station name in Thai, e.g. สถานีตำรวจภูธรสอง.
        #[arg(long, default_value = "สถานีตำรวจ")]
        station: String,
        /// Fiscal year (BE).
        #[arg(long, default_value_t = crate::thai::FiscalYear::current().be_year())]
        year: u16,
        /// Criteria: a built-in id or a file (default: the built-in one of the year).
        #[arg(long)]
        criteria: Option<String>,
        /// The station's emblem (PNG, JPG or SVG), copied into the folder.
        #[arg(long, value_name = "FILE")]
        logo: Option<PathBuf>,
        /// Overwrite files that already exist.
        #[arg(long)]
        force: bool,
    },
    /// Start the next fiscal year from the current one (officers and text kept, files not).
    NewYear {
        /// The new fiscal year (BE), e.g. 2568.
        year: u16,
        #[arg(long)]
        content: Option<PathBuf>,
        #[arg(long)]
        criteria: Option<String>,
        /// Overwrite item pages of the new year that already exist.
        #[arg(long)]
        force: bool,
    },
    /// Preview the site on this computer; rebuilds and reloads the browser when files change.
    Serve {
        /// Content folder (default: this folder when it has site.yaml, else ./content).
        #[arg(long)]
        content: Option<PathBuf>,
        /// A theme folder overriding the built-in theme.
        #[arg(long)]
        theme: Option<PathBuf>,
        /// Port (0 picks a free one).
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Address to listen on. Only change it if other computers must see the preview.
        #[arg(long, default_value = "127.0.0.1")]
        bind: String,
        /// Open the browser.
        #[arg(long)]
        open: bool,
    },
    /// Edit the station in the browser (the monthly update without touching YAML).
    Edit {
        /// Content folder (default: this folder when it has site.yaml, else ./content).
        #[arg(long)]
        content: Option<PathBuf>,
        /// Port (0 picks a free one).
        #[arg(long, default_value_t = 1112)]
        port: u16,
        /// Do not start the browser (the address is printed either way).
        #[arg(long)]
        no_open: bool,
    },
    /// Criteria sets, for ITA coordinators: list, show, new, check, diff.
    Criteria {
        #[command(subcommand)]
        what: criteria::CriteriaCmd,
    },
    /// Print the shell's completion script.
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

#[derive(Subcommand)]
enum ExportWhat {
    /// The ITAP submission sheet: code, title, มี/ไม่มี, URL and explanation per item (.xlsx, .csv, .html).
    Itap {
        #[arg(long)]
        content: Option<PathBuf>,
        /// Public address of the site (else site.yaml's base_url); without one no URL is written.
        #[arg(long)]
        base_url: Option<String>,
        /// Fiscal year (default: site.yaml's).
        #[arg(long)]
        year: Option<u16>,
        /// Folder for the three files.
        #[arg(long, default_value = ".")]
        out: PathBuf,
        #[arg(long)]
        as_of: Option<String>,
    },
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum FormatArg {
    Text,
    Json,
}

pub const EXIT_RULES: u8 = 1;
pub const EXIT_INPUT: u8 = 2;

pub fn run() -> ExitCode {
    #[cfg(unix)]
    common::sigpipe(true);
    // Third-party parsers run on their own threads and a panic there is caught and reported as
    // a finding about the file; keep Rust's panic message for real bugs only.
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if std::thread::current().name() != Some(crate::documents::PARSER_THREAD) {
            default_hook(info);
        }
    }));
    // Help in Thai unless `--lang en`: clap's texts are set before it parses (see help.rs).
    let mut cmd = help::localize(Cli::command(), help::lang_of(std::env::args_os()));
    let cli = match Cli::from_arg_matches(&cmd.get_matches_mut()) {
        Ok(cli) => cli,
        Err(e) => e.format(&mut cmd).exit(),
    };
    let lang = match cli.lang {
        LangArg::Th => Lang::Th,
        LangArg::En => Lang::En,
    };
    match cli.command {
        Command::Build {
            content,
            example,
            out,
            base_url,
            theme,
            criteria,
            strict,
            as_of,
            sites,
            no_cache,
        } => {
            let as_of = match parse_as_of(as_of.as_deref(), lang) {
                Ok(d) => d,
                Err(code) => return code,
            };
            if let Some(sites) = sites {
                let opts = crate::sites::SitesOptions {
                    sites,
                    out: Some(out),
                    theme,
                    base_url,
                    as_of,
                    lang,
                    cache: if no_cache {
                        crate::memo::build_cache::Use::Renew
                    } else {
                        crate::memo::build_cache::Use::Read
                    },
                };
                return sites::run_sites(&opts, FormatArg::Text, strict);
            }
            let content = if example {
                None
            } else {
                match common::content_dir(content, lang) {
                    Ok(c) => Some(c),
                    Err(code) => return code,
                }
            };
            build::build(
                lang,
                content,
                build::BuildArgs {
                    out,
                    base_url,
                    theme,
                    criteria,
                    strict,
                    as_of,
                    no_cache,
                },
            )
        }
        Command::Export {
            what:
                ExportWhat::Itap {
                    content,
                    base_url,
                    year,
                    out,
                    as_of,
                },
        } => {
            let as_of = match parse_as_of(as_of.as_deref(), lang) {
                Ok(d) => d,
                Err(code) => return code,
            };
            let content = match common::content_dir(content, lang) {
                Ok(c) => c,
                Err(code) => return code,
            };
            export::export_itap(lang, &content, base_url, year, &out, as_of)
        }
        Command::New {
            dir,
            station,
            year,
            criteria,
            logo,
            force,
        } => new::new_site(
            lang,
            &dir,
            &station,
            year,
            criteria.as_deref(),
            logo.as_deref(),
            force,
        ),
        Command::NewYear {
            year,
            content,
            criteria,
            force,
        } => match common::content_dir(content, lang) {
            Ok(content) => new::new_year(lang, &content, year, criteria.as_deref(), force),
            Err(code) => code,
        },
        Command::Serve {
            content,
            theme,
            port,
            bind,
            open,
        } => match common::content_dir(content, lang) {
            Ok(content) => serve::serve(lang, content, theme, port, bind, open),
            Err(code) => code,
        },
        Command::Edit {
            content,
            port,
            no_open,
        } => match common::content_dir(content, lang) {
            Ok(content) => edit::edit(lang, content, port, !no_open),
            Err(code) => code,
        },
        Command::Criteria { what } => criteria::run(what, lang),
        Command::Completions { shell } => completions::completions(shell, &mut cmd),
        Command::Check {
            content,
            criteria,
            as_of,
            year,
            format,
            by_officer,
            report,
            sites,
            external,
            timeout,
        } => {
            let as_of = match parse_as_of(as_of.as_deref(), lang) {
                Ok(d) => d,
                Err(code) => return code,
            };
            if let Some(sites) = sites {
                let opts = crate::sites::SitesOptions {
                    sites,
                    out: None,
                    theme: None,
                    base_url: None,
                    as_of,
                    lang,
                    cache: crate::memo::build_cache::Use::Off,
                };
                return sites::run_sites(&opts, format, true);
            }
            let content = match common::find_content(content) {
                Ok(c) => c,
                Err(f) => return common::no_content(&f, lang, format == FormatArg::Json),
            };
            check::check(
                lang,
                &content,
                check::CheckArgs {
                    criteria,
                    as_of,
                    year,
                    format,
                    by_officer,
                    report,
                    external: external.then(|| std::time::Duration::from_secs(timeout.max(1))),
                },
            )
        }
    }
}
