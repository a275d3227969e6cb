//! `oit completions SHELL` prints a completion script that knows the commands.
mod common;

use common::run;

#[test]
fn bash_completions_know_the_commands() {
    let r = run(&["completions", "bash"]);
    r.assert_code(0);
    for s in ["oit", "check", "build", "--by-officer"] {
        assert!(r.stdout.contains(s), "no {s} in\n{}", r.stdout);
    }
}

#[test]
fn every_shell_gets_a_script() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let r = run(&["completions", shell]);
        r.assert_code(0);
        assert!(
            r.stdout.contains("oit") && r.stdout.contains("check"),
            "{shell}:\n{}",
            r.stdout
        );
        let r = run(&["completions", shell, "--lang", "en"]);
        r.assert_code(0);
    }
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    let r = run(&["completions", "tcsh"]);
    assert_eq!(r.code, Some(2), "{r:?}");
}
