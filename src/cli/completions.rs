//! `oit completions SHELL`: the shell's completion script on stdout, from the command tree.
use clap::Command;
use clap_complete::Shell;
use std::process::ExitCode;

/// `cmd` is the localized tree, so zsh and fish describe the options in the help's language.
pub(super) fn completions(shell: Shell, cmd: &mut Command) -> ExitCode {
    clap_complete::generate(shell, cmd, "oit", &mut std::io::stdout());
    ExitCode::SUCCESS
}
