//! `oit check`: the content against the OIT criteria, as text, by officer or JSON (+ HTML report).
use super::common::print_findings;
use super::{EXIT_INPUT, EXIT_RULES, FormatArg};
use crate::diagnostics::Lang;
use crate::pipeline;
use std::path::PathBuf;
use std::process::ExitCode;

pub(super) struct CheckArgs {
    pub(super) criteria: Option<String>,
    pub(super) as_of: jiff::civil::Date,
    pub(super) year: Option<u16>,
    pub(super) format: FormatArg,
    pub(super) by_officer: bool,
    pub(super) report: Option<PathBuf>,
    /// `--external` with its timeout.
    pub(super) external: Option<std::time::Duration>,
}

pub(super) fn check(lang: Lang, content: &std::path::Path, args: CheckArgs) -> ExitCode {
    let CheckArgs {
        criteria,
        as_of,
        year,
        format,
        by_officer,
        report: report_file,
        external,
    } = args;
    // What can be read is checked; only when nothing can (no readable site.yaml) is it exit 2.
    let (site, crits, loaded) = match pipeline::load_checkable(content, criteria.as_deref()) {
        Ok(x) => x,
        Err(failure) => {
            print_findings(&failure.findings, lang);
            if format == FormatArg::Json {
                // CI parsing the output always gets one JSON document.
                println!(
                    "{}",
                    crate::check::render_json_unchecked(&failure.findings, as_of)
                );
            }
            return ExitCode::from(EXIT_INPUT);
        }
    };
    // The findings of loading are in the report, each on its item where it has one.
    let mut report = crate::check::check_loaded(
        &site,
        &crits,
        &crate::check::CheckOptions { as_of, year },
        &loaded,
    );
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
