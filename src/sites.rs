//! Many stations in one run (`--sites DIR`): a region or the national office builds and checks
//! every station tree below DIR. Shared work (theme, criteria) is done once, stations run in
//! parallel, and one station's bad input is reported without stopping the others; its last good
//! output is kept.
use crate::check::{self, CheckOptions};
use crate::diagnostics::{Finding, Lang, Text};
use crate::output::{self, Staging};
use crate::pipeline;
use crate::render::{self, esc, templates};
use rayon::prelude::*;
use serde::Serialize;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

pub struct SitesOptions {
    pub sites: PathBuf,
    /// `None` for `check --sites` (nothing is written).
    pub out: Option<PathBuf>,
    pub theme: Option<PathBuf>,
    /// Each station is published at `<base_url>/<station folder>/`.
    pub base_url: Option<String>,
    pub as_of: jiff::civil::Date,
    pub lang: Lang,
}

#[derive(Serialize)]
pub struct StationResult {
    /// Folder name under DIR; also the output sub-folder.
    pub id: String,
    pub name: String,
    /// `pass`, `fail` (rules) or `error` (input could not be read or written).
    pub status: &'static str,
    pub pages: usize,
    pub errors: usize,
    pub warnings: usize,
    /// Problems that stopped this station (input errors).
    pub problems: Vec<Finding>,
    /// The station's check report, kept as its JSON text: the combined report.json needs every
    /// station's, and as text it takes a fraction of the memory of the findings themselves
    /// (which made a national run grow by ~0.5 MB per station).
    pub report: Option<Box<serde_json::value::RawValue>>,
}

/// The combined report (`report.json`, `check --sites --format json`), schema version 1.
/// Serialized straight from the results: going through `serde_json::Value` first built a tree
/// several times the size of the text.
#[derive(Serialize)]
pub struct Combined<'a> {
    pub schema_version: u32,
    pub stations: &'a [StationResult],
}

impl<'a> Combined<'a> {
    pub fn new(stations: &'a [StationResult]) -> Self {
        Combined {
            schema_version: 1,
            stations,
        }
    }
}

/// Station folders: sub-folders of DIR with a site.yaml, by name.
pub fn stations(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.join("site.yaml").is_file())
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

struct Progress {
    total: usize,
    done: AtomicUsize,
    pages: AtomicUsize,
    errors: AtomicUsize,
    tty: bool,
}

impl Progress {
    fn tick(&self, pages: usize, failed: bool, lang: Lang) {
        let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        let pages = self.pages.fetch_add(pages, Ordering::Relaxed) + pages;
        let errors = self
            .errors
            .fetch_add(usize::from(failed), Ordering::Relaxed)
            + usize::from(failed);
        if self.tty {
            let width = 30;
            let filled = done * width / self.total.max(1);
            let bar: String = "█".repeat(filled) + &"░".repeat(width - filled);
            match lang {
                Lang::Th => eprint!(
                    "\r{bar} สถานี {done}/{} หน้า {pages} ไม่ผ่าน/ผิดพลาด {errors} ",
                    self.total
                ),
                Lang::En => eprint!(
                    "\r{bar} stations {done}/{} pages {pages} failing {errors} ",
                    self.total
                ),
            }
        }
    }
}

/// Twice as many build threads as cores (unless `RAYON_NUM_THREADS` says otherwise): a station's
/// thread waits while a parser thread reads its PDFs and spreadsheets (they run apart, with a
/// deadline), and with one thread per core that core then sat idle. 400 stations on 2 cores:
/// 6.8–7.0 s with 2 threads, 6.3–6.6 s with 4.
fn oversubscribed() -> Option<rayon::ThreadPool> {
    if std::env::var_os("RAYON_NUM_THREADS").is_some() {
        return None;
    }
    rayon::ThreadPoolBuilder::new()
        .num_threads(2 * rayon::current_num_threads())
        .build()
        .ok()
}

pub fn run(opts: &SitesOptions) -> Result<Vec<StationResult>, Finding> {
    run_strict(opts, false)
}

/// `run`; with `strict` (`build --sites --strict`), a station that breaks a rule is not
/// published either: it keeps its last good output, like one whose input cannot be read.
pub fn run_strict(opts: &SitesOptions, strict: bool) -> Result<Vec<StationResult>, Finding> {
    let list = stations(&opts.sites);
    if list.is_empty() {
        return Err(Finding::error(
            "sites",
            Text::new(
                "ไม่พบโฟลเดอร์สถานีที่มี site.yaml",
                "no station folders with a site.yaml",
            ),
        )
        .file(&opts.sites));
    }
    let theme = templates::load_theme(opts.theme.as_deref())?;
    let staging = match &opts.out {
        Some(out) => {
            output::check_target(out, &opts.sites)?;
            Some(Staging::new(out)?)
        }
        None => None,
    };
    let progress = Progress {
        total: list.len(),
        done: AtomicUsize::new(0),
        pages: AtomicUsize::new(0),
        errors: AtomicUsize::new(0),
        tty: std::io::stderr().is_terminal(),
    };
    let build_all = || -> Vec<StationResult> {
        list.par_iter()
            .map(|dir| {
                let r = station(dir, opts, &theme, staging.as_ref(), strict);
                progress.tick(r.pages, r.status != "pass", opts.lang);
                r
            })
            .collect()
    };
    let results = match oversubscribed() {
        Some(pool) => pool.install(build_all),
        None => build_all(),
    };
    if progress.tty {
        eprintln!();
    }
    if let (Some(staging), Some(out)) = (staging, &opts.out) {
        // A station that failed keeps what it had last time (with --strict, one that breaks a
        // rule too).
        for r in results
            .iter()
            .filter(|r| r.status == "error" || (strict && r.status == "fail"))
        {
            let _ = link_tree(&out.join(&r.id), &staging_path(out).join(&r.id));
        }
        let index = OutFilesIndex {
            results: &results,
            base_url: opts.base_url.as_deref(),
        };
        staging.write(Path::new(""), &index.files())?;
        staging.commit()?;
    }
    Ok(results)
}

fn staging_path(out: &Path) -> PathBuf {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    out.with_file_name(format!("{name}.oit-tmp-{}", std::process::id()))
}

/// Copies a folder by hard links (the previous output of a station that failed this time).
fn link_tree(from: &Path, to: &Path) -> std::io::Result<()> {
    if !from.is_dir() {
        return Ok(());
    }
    for e in walkdir::WalkDir::new(from)
        .into_iter()
        .filter_map(Result::ok)
    {
        let rel = e.path().strip_prefix(from).unwrap_or(e.path());
        let dest = to.join(rel);
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest)?;
        } else if std::fs::hard_link(e.path(), &dest).is_err() {
            std::fs::copy(e.path(), &dest)?;
        }
    }
    Ok(())
}

fn station(
    dir: &Path,
    opts: &SitesOptions,
    theme: &templates::Theme,
    staging: Option<&Staging>,
    strict: bool,
) -> StationResult {
    let id = crate::names::safe_component(
        &dir.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
    );
    // Findings name files relative to the station's content root, as in its report (the
    // station is the result's `id`).
    let fail = |name: String, problems: Vec<Finding>| StationResult {
        id: id.clone(),
        name,
        status: "error",
        pages: 0,
        errors: problems.iter().filter(|f| f.is_error()).count(),
        warnings: 0,
        problems,
        report: None,
    };
    let (mut site, crits, loaded) = match pipeline::load_checkable(dir, None) {
        Ok(x) => x,
        Err(f) => return fail(id.clone(), f.findings),
    };
    let name = site.config.station.name_th.clone();
    if let Some(b) = &opts.base_url {
        site.config.base_url = Some(format!("{}{}/", render::feeds::normalize_base(b), id));
    }
    let report = check::check_loaded(
        &site,
        &crits,
        &CheckOptions {
            as_of: opts.as_of,
            year: None,
        },
        &loaded,
    );
    // Some of the input could not be read: checked, but not published (its last good output
    // is kept); the findings of loading are its problems, and in its report too.
    if loaded.iter().any(Finding::is_error) {
        return StationResult {
            id: id.clone(),
            name,
            status: "error",
            pages: 0,
            errors: report.errors,
            warnings: report.warnings,
            problems: loaded,
            report: serde_json::value::to_raw_value(&report).ok(),
        };
    }
    let pages;
    if let Some(staging) = staging.filter(|_| !strict || report.passed()) {
        let mut stages = crate::timings::Stages::new();
        let files;
        (files, pages) = match pipeline::render_checked(&site, &crits, theme, &mut stages) {
            Ok(x) => x,
            Err(problems) => return fail(name, problems),
        };
        if let Err(f) = staging.write(Path::new(&id), &files) {
            return fail(name, vec![f]);
        }
    } else {
        pages = site.years.values().map(|y| y.items.len()).sum::<usize>()
            + site.news.len()
            + site.pages.len();
    }
    StationResult {
        id: id.clone(),
        name,
        status: if report.passed() { "pass" } else { "fail" },
        pages,
        errors: report.errors,
        warnings: report.warnings,
        problems: Vec::new(),
        report: serde_json::value::to_raw_value(&report).ok(),
    }
}

struct OutFilesIndex<'a> {
    results: &'a [StationResult],
    base_url: Option<&'a str>,
}

impl OutFilesIndex<'_> {
    /// `index.html` (every station with its status) and `report.json` (all findings).
    fn files(&self) -> Vec<render::OutFile> {
        let pass = self.results.iter().filter(|r| r.status == "pass").count();
        let mut rows = String::new();
        for r in self.results {
            let (label, class) = match r.status {
                "pass" => ("ผ่าน", "pass"),
                "fail" => ("ไม่ผ่าน", "fail"),
                _ => ("อ่านข้อมูลไม่ได้", "error"),
            };
            let link = if r.status == "error" {
                esc(&r.name)
            } else {
                format!(
                    "<a href=\"{0}/index.html\">{1}</a>",
                    esc(&r.id),
                    esc(&r.name)
                )
            };
            rows.push_str(&format!(
                "<tr><td>{link}</td><td class=\"{class}\">{label}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                r.errors, r.warnings, r.pages
            ));
        }
        let html = format!(
            "<!DOCTYPE html>\n<html lang=\"th\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
             <title>สถานะข้อมูล OIT ของสถานีตำรวจ</title><style>body{{font-family:Sarabun,Tahoma,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem}}\
             table{{border-collapse:collapse;width:100%}}th,td{{border:1px solid #b8bcc4;padding:.3rem .5rem;text-align:left}}th{{background:#eef0f4}}\
             .pass{{background:#e3f4e6;color:#14532d}}.fail{{background:#fde2e1;color:#8a1c12}}.error{{background:#fff6d6;color:#6b4a00}}</style></head><body>\
             <h1>สถานะข้อมูล OIT ของสถานีตำรวจ</h1><p>ผ่าน {pass} จาก {} สถานี{}</p>\
             <table><thead><tr><th scope=\"col\">สถานี</th><th scope=\"col\">ผล</th><th scope=\"col\">ข้อผิดพลาด</th><th scope=\"col\">คำเตือน</th><th scope=\"col\">หน้า</th></tr></thead><tbody>\n{rows}</tbody></table></body></html>\n",
            self.results.len(),
            self.base_url
                .map(|b| format!(" — {}", esc(b)))
                .unwrap_or_default(),
        );
        let json = serde_json::to_vec_pretty(&Combined::new(self.results)).unwrap_or_default();
        vec![
            render::OutFile {
                path: "index.html".into(),
                content: render::OutContent::Bytes(html.into_bytes()),
            },
            render::OutFile {
                path: "report.json".into(),
                content: render::OutContent::Bytes(json),
            },
        ]
    }
}
