//! Helpers shared by the commands: the `--as-of` date and printing findings to stderr.
use super::EXIT_INPUT;
use crate::diagnostics::{Finding, Lang};
use std::process::ExitCode;

/// `--as-of` as a date (today when absent); a bad date is reported and gives the exit code.
pub(super) fn parse_as_of(text: Option<&str>, lang: Lang) -> Result<jiff::civil::Date, ExitCode> {
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

/// Each finding, rendered in `lang`, on stderr.
pub(super) fn print_findings(findings: &[Finding], lang: Lang) {
    for f in findings {
        eprintln!("{}", f.render(lang));
    }
}
