//! Command line: parses arguments, runs a pipeline, prints findings, picks the exit code.
use crate::diagnostics::{Finding, Lang};
use crate::pipeline::{self, BuildOptions};
use clap::{Parser, Subcommand, ValueEnum};
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
        /// Content folder (default: ./content, or the built-in example station when there is none).
        #[arg(long)]
        content: Option<PathBuf>,
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
    },
    /// Check the content against the OIT criteria of its fiscal year(s).
    Check {
        /// Content folder (default: ./content).
        #[arg(long, default_value = "content")]
        content: PathBuf,
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
        /// Overwrite files that already exist.
        #[arg(long)]
        force: bool,
    },
    /// Start the next fiscal year from the current one (officers and text kept, files not).
    NewYear {
        /// The new fiscal year (BE), e.g. 2568.
        year: u16,
        #[arg(long, default_value = "content")]
        content: PathBuf,
        #[arg(long)]
        criteria: Option<String>,
        /// Overwrite item pages of the new year that already exist.
        #[arg(long)]
        force: bool,
    },
    /// Preview the site on this computer; rebuilds and reloads the browser when files change.
    Serve {
        /// Content folder (default: ./content).
        #[arg(long, default_value = "content")]
        content: PathBuf,
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
}

#[derive(Subcommand)]
enum ExportWhat {
    /// The ITAP submission sheet: code, title, มี/ไม่มี, URL and explanation per item (.xlsx, .csv, .html).
    Itap {
        #[arg(long, default_value = "content")]
        content: PathBuf,
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
    // Third-party parsers run on their own threads and a panic there is caught and reported as
    // a finding about the file; keep Rust's panic message for real bugs only.
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if std::thread::current().name() != Some(crate::documents::PARSER_THREAD) {
            default_hook(info);
        }
    }));
    let cli = Cli::parse();
    let lang = match cli.lang {
        LangArg::Th => Lang::Th,
        LangArg::En => Lang::En,
    };
    match cli.command {
        Command::Build {
            content,
            out,
            base_url,
            theme,
            criteria,
            strict,
            as_of,
            sites,
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
                };
                return run_sites(&opts, FormatArg::Text, strict);
            }
            build(
                lang,
                content,
                BuildArgs {
                    out,
                    base_url,
                    theme,
                    criteria,
                    strict,
                    as_of,
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
            export_itap(lang, &content, base_url, year, &out, as_of)
        }
        Command::New {
            dir,
            station,
            year,
            criteria,
            force,
        } => scaffold_result(
            crate::scaffold::new_site(&dir, &station, year, criteria.as_deref(), force),
            lang,
        ),
        Command::NewYear {
            year,
            content,
            criteria,
            force,
        } => scaffold_result(
            crate::scaffold::new_year(&content, year, criteria.as_deref(), force),
            lang,
        ),
        Command::Serve {
            content,
            theme,
            port,
            bind,
            open,
        } => {
            if open {
                let url = format!("http://{bind}:{port}/");
                let _ = std::process::Command::new("xdg-open").arg(&url).spawn();
            }
            match crate::serve::serve(crate::serve::ServeOptions {
                content,
                theme,
                bind,
                port,
                lang,
            }) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("{e}");
                    ExitCode::from(EXIT_INPUT)
                }
            }
        }
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
                };
                return run_sites(&opts, format, true);
            }
            check(
                lang,
                &content,
                CheckArgs {
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

fn export_itap(
    lang: Lang,
    content: &std::path::Path,
    base_url: Option<String>,
    year: Option<u16>,
    out: &std::path::Path,
    as_of: jiff::civil::Date,
) -> ExitCode {
    let (mut site, crits, _) = match pipeline::load_site(content, None) {
        Ok(x) => x,
        Err(failure) => {
            print_findings(&failure.findings, lang);
            return ExitCode::from(EXIT_INPUT);
        }
    };
    if base_url.is_some() {
        site.config.base_url = base_url;
    }
    let year = year.unwrap_or(site.config.fiscal_year);
    let report = crate::check::check(
        &site,
        &crits,
        &crate::check::CheckOptions {
            as_of,
            year: Some(year),
        },
    );
    match crate::export::write(out, &site, &report, year) {
        Ok(paths) => {
            for p in &paths {
                eprintln!("{}", p.display());
            }
            if site
                .config
                .base_url
                .as_deref()
                .is_none_or(|b| b.trim().is_empty())
            {
                match lang {
                    Lang::Th => eprintln!(
                        "คำเตือน: ยังไม่ได้ระบุ base_url จึงไม่มี URL ในแบบฟอร์ม ระบุ --base-url หรือ base_url ใน site.yaml"
                    ),
                    Lang::En => eprintln!(
                        "warning: no base URL, so the sheet has no URLs; pass --base-url or set base_url in site.yaml"
                    ),
                }
            }
            ExitCode::SUCCESS
        }
        Err(f) => {
            eprintln!("{}", f.render(lang));
            ExitCode::from(EXIT_INPUT)
        }
    }
}

fn scaffold_result(r: Result<crate::scaffold::Written, Finding>, lang: Lang) -> ExitCode {
    match r {
        Ok(w) => {
            for p in &w.skipped {
                match lang {
                    Lang::Th => {
                        eprintln!("มีอยู่แล้ว ไม่เขียนทับ (ใช้ --force เพื่อเขียนทับ): {}", p.display())
                    }
                    Lang::En => eprintln!("exists, not overwritten (use --force): {}", p.display()),
                }
            }
            match lang {
                Lang::Th => eprintln!(
                    "สร้างไฟล์ {} ไฟล์ ข้ามไฟล์ที่มีอยู่แล้ว {} ไฟล์ ขั้นต่อไป: แก้ไข site.yaml แล้วรัน oit check",
                    w.created.len(),
                    w.skipped.len()
                ),
                Lang::En => eprintln!(
                    "created {} file(s), kept {} existing; next: edit site.yaml, then run oit check",
                    w.created.len(),
                    w.skipped.len()
                ),
            }
            ExitCode::SUCCESS
        }
        Err(f) => {
            eprintln!("{}", f.render(lang));
            ExitCode::from(EXIT_INPUT)
        }
    }
}

/// `--sites`: one line per station (or JSON), a summary, and the worst exit code: 2 when any
/// station could not be read, 1 when any breaks a rule (with `strict`), else 0.
fn run_sites(opts: &crate::sites::SitesOptions, format: FormatArg, strict: bool) -> ExitCode {
    let started = std::time::Instant::now();
    let results = match crate::sites::run(opts) {
        Ok(r) => r,
        Err(f) => {
            eprintln!("{}", f.render(opts.lang));
            return ExitCode::from(EXIT_INPUT);
        }
    };
    let (pass, fail, error) = results
        .iter()
        .fold((0, 0, 0), |(p, f, e), r| match r.status {
            "pass" => (p + 1, f, e),
            "fail" => (p, f + 1, e),
            _ => (p, f, e + 1),
        });
    if format == FormatArg::Json {
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        let _ = serde_json::to_writer_pretty(&mut out, &crate::sites::Combined::new(&results));
        let _ = std::io::Write::write_all(&mut out, b"\n");
    } else {
        for r in &results {
            let status = match (r.status, opts.lang) {
                ("pass", Lang::Th) => "ผ่าน",
                ("fail", Lang::Th) => "ไม่ผ่าน",
                (_, Lang::Th) => "อ่านข้อมูลไม่ได้",
                (s, Lang::En) => s,
            };
            println!("{}	{}	{status}	{}	{}", r.id, r.name, r.errors, r.warnings);
            for f in &r.problems {
                println!("  {}", f.render(opts.lang).replace('\n', "\n  "));
            }
        }
    }
    let pages: usize = results.iter().map(|r| r.pages).sum();
    let secs = started.elapsed().as_secs_f64();
    match opts.lang {
        Lang::Th => eprintln!(
            "{} สถานี: ผ่าน {pass} ไม่ผ่าน {fail} อ่านข้อมูลไม่ได้ {error} ({pages} หน้า, {secs:.1} วินาที)",
            results.len()
        ),
        Lang::En => eprintln!(
            "{} stations: {pass} pass, {fail} fail, {error} unreadable ({pages} pages, {secs:.1} s)",
            results.len()
        ),
    }
    if error > 0 {
        ExitCode::from(EXIT_INPUT)
    } else if strict && fail > 0 {
        ExitCode::from(EXIT_RULES)
    } else {
        ExitCode::SUCCESS
    }
}

fn parse_as_of(text: Option<&str>, lang: Lang) -> Result<jiff::civil::Date, ExitCode> {
    match text {
        None => Ok(crate::thai::today()),
        Some(t) => crate::thai::parse_date(t).map_err(|e| {
            eprintln!(
                "--as-of: {}",
                if lang == Lang::Th {
                    e.message_th()
                } else {
                    e.message_en()
                }
            );
            ExitCode::from(EXIT_INPUT)
        }),
    }
}

struct CheckArgs {
    criteria: Option<String>,
    as_of: jiff::civil::Date,
    year: Option<u16>,
    format: FormatArg,
    by_officer: bool,
    report: Option<PathBuf>,
    /// `--external` with its timeout.
    external: Option<std::time::Duration>,
}

fn check(lang: Lang, content: &std::path::Path, args: CheckArgs) -> ExitCode {
    let CheckArgs {
        criteria,
        as_of,
        year,
        format,
        by_officer,
        report: report_file,
        external,
    } = args;
    let (site, crits, warnings) = match pipeline::load_site(content, criteria.as_deref()) {
        Ok(x) => x,
        Err(failure) => {
            print_findings(&failure.findings, lang);
            return ExitCode::from(EXIT_INPUT);
        }
    };
    print_findings(&warnings, lang);
    let mut report =
        crate::check::check(&site, &crits, &crate::check::CheckOptions { as_of, year });
    if let Some(timeout) = external {
        let opts = crate::check::external::ExternalOptions {
            timeout,
            ..Default::default()
        };
        let found = crate::check::external::check(&site, &opts);
        report.warnings += found.len();
        if let Some(y) = report.years.first_mut() {
            y.other.extend(found);
        }
    }
    let text = match (format, by_officer) {
        (FormatArg::Json, _) => crate::check::render_json(&report),
        (FormatArg::Text, true) => crate::check::render_by_officer(&report, &site, lang),
        (FormatArg::Text, false) => crate::check::render_text(&report, &site, lang),
    };
    println!("{text}");
    if let Some(path) = report_file
        && let Err(e) = std::fs::write(&path, crate::check::render_html(&report, &site))
    {
        eprintln!("{}: {e}", path.display());
        return ExitCode::from(EXIT_INPUT);
    }
    if report.passed() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_RULES)
    }
}

fn print_findings(findings: &[Finding], lang: Lang) {
    for f in findings {
        eprintln!("{}", f.render(lang));
    }
}

/// `./content` when it exists; else the example station built into the binary, unpacked into a
/// temporary folder.
fn resolve_content(
    content: Option<PathBuf>,
    lang: Lang,
) -> Result<(PathBuf, Option<tempdir::TempDir>), ExitCode> {
    if let Some(c) = content {
        return Ok((c, None));
    }
    let default = PathBuf::from("content");
    if default.join("site.yaml").is_file() {
        return Ok((default, None));
    }
    let tmp = tempdir::TempDir::new().map_err(|e| {
        eprintln!("{e}");
        ExitCode::from(EXIT_INPUT)
    })?;
    if let Err(e) = crate::embedded::extract(crate::embedded::EXAMPLE, tmp.path()) {
        eprintln!("{e}");
        return Err(ExitCode::from(EXIT_INPUT));
    }
    eprintln!(
        "{}",
        match lang {
            Lang::Th => "ไม่พบโฟลเดอร์ content/ จึงใช้สถานีตัวอย่างที่มากับโปรแกรม (สภ.สอง จ.แพร่)",
            Lang::En =>
                "no content/ folder here: building the example station built into oit (สภ.สอง จ.แพร่)",
        }
    );
    Ok((tmp.path().to_path_buf(), Some(tmp)))
}

struct BuildArgs {
    out: PathBuf,
    base_url: Option<String>,
    theme: Option<PathBuf>,
    criteria: Option<String>,
    strict: bool,
    as_of: jiff::civil::Date,
}

fn build(lang: Lang, content: Option<PathBuf>, args: BuildArgs) -> ExitCode {
    let BuildArgs {
        out,
        base_url,
        theme,
        criteria,
        strict,
        as_of,
    } = args;
    let started = std::time::Instant::now();
    let (content, _guard) = match resolve_content(content, lang) {
        Ok(c) => c,
        Err(code) => return code,
    };
    match pipeline::build(&BuildOptions {
        content,
        criteria,
        strict,
        as_of,
        out: out.clone(),
        base_url,
        theme,
    }) {
        Ok(report) => {
            print_findings(&report.warnings, lang);
            eprintln!("{}", crate::check::render_summary_line(&report.check, lang));
            let secs = started.elapsed().as_secs_f64();
            let out = out.display();
            match lang {
                Lang::Th => eprintln!(
                    "สร้างเว็บไซต์เสร็จ: {} หน้า {} ไฟล์ ({:.1} MB) ใน {out}/ ใช้เวลา {secs:.2} วินาที",
                    report.pages,
                    report.stats.files,
                    report.stats.bytes as f64 / 1_048_576.0
                ),
                Lang::En => eprintln!(
                    "built {} pages, {} files ({:.1} MB) into {out}/ in {secs:.2} s",
                    report.pages,
                    report.stats.files,
                    report.stats.bytes as f64 / 1_048_576.0
                ),
            }
            ExitCode::SUCCESS
        }
        Err(failure) if failure.check.is_some() => {
            let report = failure.check.as_ref().expect("guarded");
            for f in report.findings() {
                eprintln!("{}", f.render(lang));
            }
            eprintln!("{}", crate::check::render_summary_line(report, lang));
            match lang {
                Lang::Th => eprintln!(
                    "--strict: ไม่เผยแพร่เพราะยังไม่ผ่านเกณฑ์ เว็บไซต์เดิมใน {} ยังคงอยู่ไม่เปลี่ยนแปลง",
                    out.display()
                ),
                Lang::En => eprintln!(
                    "--strict: not published because rules fail; the previous site in {} is untouched",
                    out.display()
                ),
            }
            ExitCode::from(EXIT_RULES)
        }
        Err(failure) => {
            print_findings(&failure.findings, lang);
            let n = failure.findings.iter().filter(|f| f.is_error()).count();
            match lang {
                Lang::Th => eprintln!(
                    "สร้างเว็บไซต์ไม่สำเร็จ: พบข้อผิดพลาด {n} รายการ เว็บไซต์เดิมใน {} ยังคงอยู่ไม่เปลี่ยนแปลง",
                    out.display()
                ),
                Lang::En => eprintln!(
                    "build failed with {n} error(s); the previous site in {} is untouched",
                    out.display()
                ),
            }
            ExitCode::from(EXIT_INPUT)
        }
    }
}

/// A temporary folder removed when dropped (std has none; one struct is lighter than a crate).
mod tempdir {
    use std::path::{Path, PathBuf};
    pub struct TempDir(PathBuf);
    impl TempDir {
        pub fn new() -> std::io::Result<Self> {
            let p = std::env::temp_dir().join(format!("oit-example-{}", std::process::id()));
            if p.exists() {
                std::fs::remove_dir_all(&p)?;
            }
            std::fs::create_dir_all(&p)?;
            Ok(TempDir(p))
        }
        pub fn path(&self) -> &Path {
            &self.0
        }
    }
    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}
