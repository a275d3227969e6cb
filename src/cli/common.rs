//! Helpers shared by the commands: the `--as-of` date, printing findings to stderr, SIGPIPE.
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

/// `default`: a write to a closed pipe (`oit check | head -1`) ends the program quietly, as
/// for other Unix tools, instead of the panic of `println!` ("failed printing to stdout: Broken
/// pipe", exit 101). Else ignored, as Rust sets it, so that writes fail with an error instead.
#[cfg(unix)]
pub(super) fn sigpipe(default: bool) {
    let action = if default {
        libc::SIG_DFL
    } else {
        libc::SIG_IGN
    };
    // SAFETY: only the disposition of SIGPIPE changes; no handler of ours runs.
    unsafe {
        libc::signal(libc::SIGPIPE, action);
    }
}
