//! The build pipeline, one stage after another: load → criteria → render → write.
use crate::check;
use crate::content::{self, Site};
use crate::criteria::{self, Criteria};
use crate::diagnostics::Finding;
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
}

pub struct BuildReport {
    pub pages: usize,
    pub check: check::Report,
    pub stats: WriteStats,
    /// Warnings met on the way (the build succeeded).
    pub warnings: Vec<Finding>,
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
    let r = render(opts, &theme)?;
    let stats = output::write_site(&opts.out, &r.files)?;
    Ok(BuildReport {
        pages: r.pages,
        check: r.check,
        stats,
        warnings: r.warnings,
    })
}

/// Load → check → render → verify links, all in memory; nothing is written.
pub fn render(opts: &BuildOptions, theme: &templates::Theme) -> Result<Rendered, BuildFailure> {
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
    let (files, pages) =
        render_checked(&site, &crits, theme, &mut stages).map_err(|findings| BuildFailure {
            findings,
            check: None,
            load_errors: false,
        })?;
    stages.print();
    Ok(Rendered {
        files,
        pages,
        check: report,
        warnings,
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
