//! Many stations in one run (`--sites DIR`): a region or the national office builds and checks
//! every station tree below DIR. Shared work (theme, criteria) is done once, stations run in
//! parallel, and one station's bad input is reported without stopping the others; its last good
//! output is kept. With the build cache, a station whose inputs did not change since the last
//! run is taken over as it is (`station`), and each station that changed replaces its own
//! folder under OUT (`output::StationFolders`).
mod index;
mod station;

use crate::diagnostics::{Finding, Lang, Text};
use crate::memo::build_cache::{self, Cache};
use crate::output::{self, StationFolders};
use crate::render::templates;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
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
    /// Whether the build cache beside `out` is read and written.
    pub cache: build_cache::Use,
}

/// A station's outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Pass,
    /// Rules fail.
    Fail,
    /// The input could not be read or the output not written.
    Error,
}

/// Kept in the build cache as JSON (a station that could not be read is not kept: its problems
/// are always found anew).
#[derive(Serialize, Deserialize)]
pub struct StationResult {
    /// Folder name under DIR; also the output sub-folder.
    pub id: String,
    pub name: String,
    pub status: Status,
    pub pages: usize,
    pub errors: usize,
    pub warnings: usize,
    /// Problems that stopped this station (input errors).
    #[serde(skip_deserializing)]
    pub problems: Vec<Finding>,
    /// The station's check report, kept as its JSON text: the combined report.json needs every
    /// station's, and as text it takes a fraction of the memory of the findings themselves
    /// (which made a national run grow by ~0.5 MB per station).
    pub report: Option<Box<serde_json::value::RawValue>>,
    /// Taken over from the last build, nothing changed (not in the report).
    #[serde(skip)]
    pub reused: bool,
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

pub fn run(opts: &SitesOptions) -> Result<SitesRun, Finding> {
    run_strict(opts, false)
}

/// What a run over many stations did.
pub struct SitesRun {
    pub results: Vec<StationResult>,
    /// A build cache that was there but could not be used.
    pub notice: Option<Text>,
}

/// `run`; with `strict` (`build --sites --strict`), a station that breaks a rule is not
/// published either: it keeps its last good output, like one whose input cannot be read.
pub fn run_strict(opts: &SitesOptions, strict: bool) -> Result<SitesRun, Finding> {
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
    let folders = match &opts.out {
        Some(out) => {
            output::check_target(out, &opts.sites)?;
            Some(StationFolders::new(out)?)
        }
        None => None,
    };
    let cache = match &opts.out {
        Some(out) => Cache::open(out, &opts.sites, opts.cache),
        None => Cache::open(&opts.sites, &opts.sites, build_cache::Use::Off),
    };
    let run = station::Run {
        opts,
        theme: &theme,
        folders: folders.as_ref(),
        strict,
        shared: cache.shared(&[
            &format!("{:016x}", theme.digest()),
            opts.base_url.as_deref().unwrap_or("\u{0}"),
        ]),
        cache: &cache,
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
                let r = run.station(dir);
                progress.tick(r.pages, r.status != Status::Pass, opts.lang);
                r
            })
            .collect()
    };
    let mut results = match oversubscribed() {
        Some(pool) => pool.install(build_all),
        None => build_all(),
    };
    if progress.tty {
        eprintln!();
    }
    if let Some(folders) = &folders {
        let ids: std::collections::BTreeSet<&str> = results.iter().map(|r| r.id.as_str()).collect();
        let removed = folders.keep_only(&ids);
        // The index and the combined report change only when a station was checked again.
        if removed || results.iter().any(|r| !r.reused) || !folders.has_top(&index::NAMES) {
            // Stations taken over come without their check report: read the kept ones (a
            // station whose report is lost is checked again).
            for (dir, r) in list.iter().zip(results.iter_mut()) {
                if r.reused && r.report.is_none() && !run.attach_report(r) {
                    *r = run.redo(dir);
                }
            }
            let index = index::OutFilesIndex {
                results: &results,
                base_url: opts.base_url.as_deref(),
            };
            folders.write_top(&index.files())?;
        }
        folders.finish();
        cache.save();
    }
    Ok(SitesRun {
        results,
        notice: cache.notice.clone(),
    })
}
