//! The build pipeline, one stage after another: load → criteria → render → write.
use crate::check;
use crate::content::{self, Site};
use crate::criteria::{self, Criteria};
use crate::diagnostics::{Finding, Lang, Text};
use crate::memo::build_cache::{self, Cache, stamp};
use crate::output::{self, WriteStats};
use crate::render::{self, OutFile, RenderInput, templates};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub struct BuildOptions {
    pub content: PathBuf,
    /// `--criteria`: a built-in id or a file, for the current fiscal year.
    pub criteria: Option<String>,
    /// Refuse to publish when any rule fails.
    pub strict: bool,
    pub as_of: jiff::civil::Date,
    pub out: PathBuf,
    pub base_url: Option<String>,
    pub theme: Option<PathBuf>,
    /// Whether the build cache beside `out` is read and written (`--no-cache`: renewed).
    pub cache: build_cache::Use,
}

/// How much of the last build a build could keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reused {
    /// Everything was made anew (files that came out the same are still linked, not written).
    Nothing,
    /// Nothing changed but the date: checked again, the published site kept as it was.
    Output,
    /// Nothing changed since the last build: neither checked nor built again.
    Everything,
}

pub struct BuildReport {
    pub pages: usize,
    /// What the build says of the content, in both languages: the findings of loading (it
    /// succeeded, so warnings), then the check's summary line.
    pub messages: Vec<Text>,
    pub stats: WriteStats,
    pub reused: Reused,
    /// A cache that was there but could not be used.
    pub notice: Option<Text>,
}

/// What a one-station build says, kept in the cache so that a build with nothing to do says
/// it again.
#[derive(serde::Serialize, serde::Deserialize)]
struct Said {
    messages: Vec<Text>,
}

/// A finding as both languages print it.
fn both(f: &Finding) -> Text {
    Text::new(f.render(Lang::Th), f.render(Lang::En))
}

/// Why a build stopped; the previous output is untouched in every case.
pub struct BuildFailure {
    pub findings: Vec<Finding>,
    /// The check of what could be read: set when `--strict` refused the content (rules failed,
    /// exit 1) or when some of it could not be read (`load_errors`, exit 2). It holds the
    /// findings of loading too.
    pub check: Option<check::Report>,
    /// Some of the content could not be read (a missing referenced file, a bad key, …): the site
    /// is not published, since it would lack what the pages name.
    pub load_errors: bool,
}

impl From<Finding> for BuildFailure {
    fn from(f: Finding) -> Self {
        BuildFailure {
            findings: vec![f],
            check: None,
            load_errors: false,
        }
    }
}

/// A loaded site, its criteria per fiscal year, and the findings met on the way.
pub type LoadedSite = (Site, BTreeMap<u16, Criteria>, Vec<Finding>);

/// Loads the site and its criteria; errors when any of the content cannot be read (the third
/// part then holds only warnings). For what must have all of it (`export`).
pub fn load_site(
    content_dir: &Path,
    criteria_override: Option<&str>,
) -> Result<LoadedSite, BuildFailure> {
    let (site, crits, findings) = load_checkable(content_dir, criteria_override)?;
    if findings.iter().any(Finding::is_error) {
        let (errors, warnings): (Vec<_>, Vec<_>) =
            findings.into_iter().partition(Finding::is_error);
        return Err(BuildFailure {
            findings: errors.into_iter().chain(warnings).collect(),
            check: None,
            load_errors: true,
        });
    }
    Ok((site, crits, findings))
}

/// Loads what can be read of the site, its criteria, and every finding of loading (errors
/// too: `check::check_loaded` puts them in the report). Errors only when nothing can be
/// checked: no readable site.yaml, or criteria that cannot be loaded.
pub fn load_checkable(
    content_dir: &Path,
    criteria_override: Option<&str>,
) -> Result<LoadedSite, BuildFailure> {
    let mut stages = crate::timings::Stages::new();
    let loaded = content::load(content_dir);
    stages.mark("content");
    let Some(site) = loaded.site else {
        let (errors, warnings): (Vec<_>, Vec<_>) =
            loaded.findings.into_iter().partition(Finding::is_error);
        return Err(BuildFailure {
            findings: errors.into_iter().chain(warnings).collect(),
            check: None,
            load_errors: true,
        });
    };
    let warnings = loaded.findings;
    let mut crits = BTreeMap::new();
    let mut years: Vec<u16> = site.years.keys().copied().collect();
    years.push(site.config.fiscal_year);
    years.sort_unstable();
    years.dedup();
    for year in years {
        let configured = criteria_override
            .map(str::to_string)
            .or_else(|| site.config.criteria.clone());
        let spec = match (configured, year == site.config.fiscal_year) {
            (Some(spec), true) => spec,
            // No criteria for the year: `check` reports it (an error for the current year).
            _ => match criteria::default_id(year) {
                Some(id) => id,
                None => continue,
            },
        };
        let c = criteria::load(&spec, content_dir, year).map_err(BuildFailure::from)?;
        crits.insert(year, c);
    }
    stages.mark("criteria");
    stages.print();
    Ok((site, crits, warnings))
}

/// A site rendered in memory, checked and with every internal link verified: what `build`
/// writes and `serve` syncs into its folder.
pub struct Rendered {
    pub files: Vec<OutFile>,
    pub pages: usize,
    pub check: check::Report,
    pub warnings: Vec<Finding>,
}

pub fn build(opts: &BuildOptions) -> Result<BuildReport, BuildFailure> {
    // A build killed between its two renames left the last good site aside: put it back first,
    // so it is there even if this build fails.
    output::recover(&opts.out);
    output::check_target(&opts.out, &opts.content)?;
    let theme = templates::load_theme(opts.theme.as_deref())?;
    let cache = Cache::open(&opts.out, &opts.content, opts.cache);
    let notice = cache.notice.clone();
    let shared = cache.shared(&[
        &format!("{:016x}", theme.digest()),
        opts.base_url.as_deref().unwrap_or("\u{0}"),
        opts.criteria.as_deref().unwrap_or("\u{0}"),
    ]);
    let root = &opts.content;
    let walk = cache.walk(root, shared);
    let old = walk.as_ref().and_then(|_| cache.old(""));
    let fresh_output = walk
        .as_ref()
        .zip(old)
        .and_then(|(now, old)| old.output_fresh(now, root, &opts.out));
    // Nothing changed since the last build, and it is the same day: what it said stands.
    if let (Some(now), Some(old), Some(output)) = (&walk, old, fresh_output)
        && let Some(report) = old.report_fresh(now, root, opts.as_of, opts.strict)
        && let Ok(said) = serde_json::from_str::<Said>(report.result.get())
    {
        cache.keep("");
        cache.save();
        return Ok(BuildReport {
            pages: output.pages,
            messages: said.messages,
            stats: WriteStats {
                files: output.files,
                bytes: output.bytes,
                unchanged: output.files,
                changes: None,
            },
            reused: Reused::Everything,
            notice,
        });
    }
    let checked = load_and_check(opts)?;
    let mut messages: Vec<Text> = checked.warnings.iter().map(both).collect();
    messages.push(Text::new(
        check::render_summary_line(&checked.report, Lang::Th),
        check::render_summary_line(&checked.report, Lang::En),
    ));
    let (output, reused, written) = match fresh_output {
        // Only the date changed: the pages do not depend on it.
        Some(o) => (o.clone(), Reused::Output, None),
        None => {
            let mut stages = crate::timings::Stages::new();
            let (files, pages) =
                render_checked(&checked.site, &checked.criteria, &theme, &mut stages).map_err(
                    |findings| BuildFailure {
                        findings,
                        check: None,
                        load_errors: false,
                    },
                )?;
            let stats = output::write_site(&opts.out, &files)?;
            stages.mark("write");
            stages.print();
            let made = build_cache::Output {
                inputs: stamp::Inputs::default(),
                folder: (0, 0),
                pages,
                files: stats.files,
                bytes: stats.bytes,
            };
            (made, Reused::Nothing, Some(stats))
        }
    };
    if let Some(now) = &walk {
        let inputs = now.inputs(external_inputs(&checked.criteria));
        let said = serde_json::value::to_raw_value(&Said {
            messages: messages.clone(),
        });
        let output = match reused {
            Reused::Nothing => stamp::folder_id(&opts.out).map(|folder| build_cache::Output {
                inputs: inputs.clone(),
                folder,
                ..output.clone()
            }),
            _ => Some(output.clone()),
        };
        cache.record(
            "",
            build_cache::Entry {
                output,
                report: said.ok().map(|result| build_cache::Report {
                    inputs,
                    as_of: opts.as_of.to_string(),
                    strict: opts.strict,
                    result,
                    attached: None,
                }),
            },
        );
        cache.save();
    }
    Ok(BuildReport {
        pages: output.pages,
        messages,
        // Taken over whole: nothing was written.
        stats: written.unwrap_or(WriteStats {
            files: output.files,
            bytes: output.bytes,
            unchanged: output.files,
            changes: None,
        }),
        reused,
        notice,
    })
}

/// Criteria read from files (not built in), by content: they may lie outside the station's
/// folder, where the cache's walk does not look.
pub fn external_inputs(crits: &BTreeMap<u16, Criteria>) -> Vec<(PathBuf, u64)> {
    let mut v: Vec<(PathBuf, u64)> = crits
        .values()
        .filter(|c| !c.source.starts_with("built-in "))
        .map(|c| {
            let path = PathBuf::from(&c.source);
            let digest = stamp::file_digest(&path).unwrap_or(0);
            (path, digest)
        })
        .collect();
    v.sort();
    v.dedup();
    v
}

/// A site loaded and checked, and allowed to be published.
pub struct Checked {
    pub site: Site,
    pub criteria: BTreeMap<u16, Criteria>,
    pub report: check::Report,
    pub warnings: Vec<Finding>,
}

/// Load → check; fails when some of the content cannot be read or (`--strict`) a rule fails.
pub fn load_and_check(opts: &BuildOptions) -> Result<Checked, BuildFailure> {
    let mut stages = crate::timings::Stages::new();
    let (mut site, crits, warnings) = load_checkable(&opts.content, opts.criteria.as_deref())?;
    stages.mark("load");
    // Before anything reads the site (its stamp is made once, from the settings).
    if let Some(url) = &opts.base_url {
        site.config.base_url = Some(url.clone());
    }
    let report = check::check_loaded(
        &site,
        &crits,
        &check::CheckOptions {
            as_of: opts.as_of,
            year: None,
        },
        &warnings,
    );
    stages.mark("check");
    stages.print();
    // What could not be read is not published (a page would name a file that is not there);
    // the check of the rest is reported with it.
    let load_errors = warnings.iter().any(Finding::is_error);
    if load_errors || (opts.strict && !report.passed()) {
        return Err(BuildFailure {
            findings: Vec::new(),
            check: Some(report),
            load_errors,
        });
    }
    Ok(Checked {
        site,
        criteria: crits,
        report,
        warnings,
    })
}

/// Load → check → render → verify links, all in memory; nothing is written.
pub fn render(opts: &BuildOptions, theme: &templates::Theme) -> Result<Rendered, BuildFailure> {
    let checked = load_and_check(opts)?;
    let mut stages = crate::timings::Stages::new();
    let (files, pages) = render_checked(&checked.site, &checked.criteria, theme, &mut stages)
        .map_err(|findings| BuildFailure {
            findings,
            check: None,
            load_errors: false,
        })?;
    stages.print();
    Ok(Rendered {
        files,
        pages,
        check: checked.report,
        warnings: checked.warnings,
    })
}

/// A loaded site's files, rendered and with every internal link verified, and how many pages
/// they hold; or what was wrong (a template error, broken links).
pub fn render_checked(
    site: &Site,
    crits: &BTreeMap<u16, Criteria>,
    theme: &templates::Theme,
    stages: &mut crate::timings::Stages,
) -> Result<(Vec<OutFile>, usize), Vec<Finding>> {
    let files = render::render_site(&RenderInput {
        site,
        criteria: crits,
        theme,
    })?;
    stages.mark("render");
    let broken = output::links::check(&files);
    stages.mark("links");
    if !broken.is_empty() {
        return Err(broken);
    }
    let pages = files.iter().filter(|f| f.path.ends_with(".html")).count();
    Ok((files, pages))
}
