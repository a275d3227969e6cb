//! One station of a `--sites` run: taken over from the last build when nothing it reads changed,
//! else loaded, checked and (when it may be published) rendered into its own folder, which
//! replaces the published one in one step.
use super::{SitesOptions, StationResult, Status};
use crate::check::{self, CheckOptions};
use crate::diagnostics::Finding;
use crate::memo::build_cache::{self, Cache, stamp};
use crate::output::StationFolders;
use crate::pipeline;
use crate::render::{self, templates};
use std::path::Path;

/// What every station of a run shares.
pub(super) struct Run<'a> {
    pub opts: &'a SitesOptions,
    pub theme: &'a templates::Theme,
    /// `None` for `check --sites` (nothing is written).
    pub folders: Option<&'a StationFolders>,
    pub strict: bool,
    pub cache: &'a Cache,
    /// What the program, theme and options add to every station's inputs.
    pub shared: u64,
}

impl Run<'_> {
    /// Station `dir`'s result: taken over from the cache when nothing it reads changed (then
    /// without its check report, which `attach_report` reads when it is needed).
    pub fn station(&self, dir: &Path) -> StationResult {
        self.station_trusting(dir, true)
    }

    /// Station `dir` checked again whatever the cache says of its result (its kept check
    /// report was lost); its published folder is still taken over when it is fresh.
    pub fn redo(&self, dir: &Path) -> StationResult {
        self.station_trusting(dir, false)
    }

    /// The check report kept for a station taken over; `false` when it is gone or damaged.
    pub fn attach_report(&self, result: &mut StationResult) -> bool {
        let Some(digest) = self
            .cache
            .old(&result.id)
            .and_then(|e| e.report.as_ref())
            .and_then(|r| r.attached)
        else {
            return false;
        };
        let text = self.cache.attached(&result.id, digest);
        result.report = text.and_then(|t| serde_json::value::RawValue::from_string(t).ok());
        result.report.is_some()
    }

    fn station_trusting(&self, dir: &Path, trust_result: bool) -> StationResult {
        let id = station_id(dir);
        let walk = self.folders.and_then(|_| self.cache.walk(dir, self.shared));
        let old = walk.as_ref().and_then(|_| self.cache.old(&id));
        let published = self.folders.map(|f| f.path(&id));
        let fresh_output = match (&walk, old, &published) {
            (Some(now), Some(old), Some(folder)) => old.output_fresh(now, dir, folder),
            _ => None,
        };
        // Nothing changed since the last run, and it is the same day: its result stands (with
        // --strict, a station that failed then fails again and keeps its older output).
        if let (true, Some(now), Some(old)) = (trust_result, &walk, old)
            && let Some(report) = old.report_fresh(now, dir, self.opts.as_of, self.strict)
            && let Ok(mut result) = serde_json::from_str::<StationResult>(report.result.get())
            && (fresh_output.is_some() || (self.strict && result.status == Status::Fail))
        {
            self.cache.keep(&id);
            result.reused = true;
            return result;
        }
        let mut made = self.make(dir, &id, fresh_output.map(|o| o.pages));
        let Some(now) = walk else {
            return made.result;
        };
        let output = match made.written.take() {
            Some(written) => published
                .as_deref()
                .and_then(stamp::folder_id)
                .map(|folder| build_cache::Output {
                    inputs: now.inputs(made.external.clone().unwrap_or_default()),
                    folder,
                    pages: made.result.pages,
                    files: written.files,
                    bytes: written.bytes,
                }),
            // Not written this time: the published folder is what it was.
            None => old.and_then(|o| o.output.clone()),
        };
        let report = match (&made.external, made.result.status) {
            (Some(external), Status::Pass | Status::Fail) => {
                // The check report goes in a file of its own: only a run that writes the
                // combined report again reads it.
                let text = made.result.report.as_ref().map(|r| r.get());
                let attached = text.and_then(|t| self.cache.attach(&id, t));
                let summary = StationResult {
                    report: None,
                    problems: Vec::new(),
                    name: made.result.name.clone(),
                    id: id.clone(),
                    ..made.result
                };
                serde_json::value::to_raw_value(&summary)
                    .ok()
                    .filter(|_| text.is_none() || attached.is_some())
                    .map(|raw| build_cache::Report {
                        inputs: now.inputs(external.clone()),
                        as_of: self.opts.as_of.to_string(),
                        strict: self.strict,
                        result: raw,
                        attached,
                    })
            }
            _ => None,
        };
        self.cache
            .record(&id, build_cache::Entry { output, report });
        made.result
    }

    /// Loads, checks and, when it may be published and `kept_pages` says the published folder
    /// is not already what it makes, renders and writes one station.
    fn make(&self, dir: &Path, id: &str, kept_pages: Option<usize>) -> Made {
        let opts = self.opts;
        // Findings name files relative to the station's content root, as in its report (the
        // station is the result's `id`).
        let fail = |name: String, problems: Vec<Finding>| Made {
            result: StationResult {
                id: id.to_string(),
                name,
                status: Status::Error,
                pages: 0,
                errors: problems.iter().filter(|f| f.is_error()).count(),
                warnings: 0,
                problems,
                report: None,
                reused: false,
            },
            written: None,
            external: None,
        };
        let (mut site, crits, loaded) = match pipeline::load_checkable(dir, None) {
            Ok(x) => x,
            Err(f) => return fail(id.to_string(), f.findings),
        };
        let external = pipeline::external_inputs(&crits);
        let name = site.config.station.name_th.clone();
        if let Some(b) = &opts.base_url {
            site.config.base_url = Some(format!("{}{id}/", render::feeds::normalize_base(b)));
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
        // Some of the input could not be read: checked, but not published (its last good
        // output is kept); the findings of loading are its problems, and in its report too.
        if loaded.iter().any(Finding::is_error) {
            return Made {
                result: StationResult {
                    id: id.to_string(),
                    name,
                    status: Status::Error,
                    pages: 0,
                    errors: report.errors,
                    warnings: report.warnings,
                    problems: loaded,
                    report: serde_json::value::to_raw_value(&report).ok(),
                    reused: false,
                },
                written: None,
                external: None,
            };
        }
        let counted = || {
            site.years.values().map(|y| y.items.len()).sum::<usize>()
                + site.news.len()
                + site.pages.len()
        };
        let mut written = None;
        let pages = match (self.folders, kept_pages) {
            (Some(_), _) if self.strict && !report.passed() => counted(),
            (Some(_), Some(kept)) => kept,
            (Some(folders), None) => {
                let mut stages = crate::timings::Stages::new();
                let (files, pages) =
                    match pipeline::render_checked(&site, &crits, self.theme, &mut stages) {
                        Ok(x) => x,
                        Err(problems) => return fail(name, problems),
                    };
                match folders.replace(id, &files) {
                    Ok(stats) => {
                        written = Some(Written {
                            files: stats.files,
                            bytes: stats.bytes,
                        })
                    }
                    Err(f) => return fail(name, vec![f]),
                }
                pages
            }
            (None, _) => counted(),
        };
        Made {
            result: StationResult {
                id: id.to_string(),
                name,
                status: if report.passed() {
                    Status::Pass
                } else {
                    Status::Fail
                },
                pages,
                errors: report.errors,
                warnings: report.warnings,
                problems: Vec::new(),
                report: serde_json::value::to_raw_value(&report).ok(),
                reused: false,
            },
            written,
            external: Some(external),
        }
    }
}

/// A station's result, and what was written.
struct Made {
    result: StationResult,
    /// Set when its folder was written anew.
    written: Option<Written>,
    /// The files outside its folder its check read; `None` when it could not be checked.
    external: Option<Vec<(std::path::PathBuf, u64)>>,
}

struct Written {
    files: usize,
    bytes: u64,
}

/// A station's id: its folder's name, made safe for a path and a URL.
pub(super) fn station_id(dir: &Path) -> String {
    crate::names::safe_component(
        &dir.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
    )
}
