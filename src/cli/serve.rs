//! `oit serve`: preview the site on this computer, rebuilt and reloaded when files change.
use super::EXIT_INPUT;
use crate::diagnostics::Lang;
use std::path::PathBuf;
use std::process::ExitCode;

/// Serves until interrupted; `open` also starts the browser on the preview's address.
pub(super) fn serve(
    lang: Lang,
    content: PathBuf,
    theme: Option<PathBuf>,
    port: u16,
    bind: String,
    open: bool,
) -> ExitCode {
    // A long-running server: a browser closing its connection must be an error of one
    // response, never the end of the preview.
    #[cfg(unix)]
    super::common::sigpipe(false);
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
