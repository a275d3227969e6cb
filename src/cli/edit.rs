//! `oit edit`: the browser editor for the monthly update, on this computer only.
use super::EXIT_INPUT;
use crate::diagnostics::Lang;
use std::path::PathBuf;
use std::process::ExitCode;

pub(super) fn edit(lang: Lang, content: PathBuf, port: u16, open: bool) -> ExitCode {
    // A long-running server: a browser closing its connection must be an error of one
    // response, never the end of the editor.
    #[cfg(unix)]
    super::common::sigpipe(false);
    match crate::edit::edit(crate::edit::EditOptions {
        content,
        port,
        lang,
        open,
    }) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(EXIT_INPUT)
        }
    }
}
