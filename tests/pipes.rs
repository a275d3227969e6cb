//! Output that survives pipes: `oit check … | head -1` must end quietly when the reader closes
//! its end early, not panic with "failed printing to stdout: Broken pipe" (exit 101).
#![cfg(unix)]
mod common;

use std::io::{BufRead, BufReader, Read};
use std::process::{Command, Stdio};

/// Runs `oit args` with stdout read by a reader that takes `take` and then closes the pipe;
/// returns the exit code (None when ended by a signal) and stderr.
fn run_closed_early(
    args: &[&str],
    take: fn(&mut BufReader<std::process::ChildStdout>),
) -> (Option<i32>, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_oit"))
        .args(args)
        .current_dir(std::env::temp_dir())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the oit binary runs");
    let mut stdout = BufReader::with_capacity(16, child.stdout.take().expect("piped"));
    take(&mut stdout);
    drop(stdout);
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .expect("piped")
        .read_to_string(&mut stderr)
        .expect("stderr is read");
    let status = child.wait().expect("oit ends");
    (status.code(), stderr)
}

fn assert_quiet(args: &[&str], take: fn(&mut BufReader<std::process::ChildStdout>)) {
    for _ in 0..20 {
        let (code, stderr) = run_closed_early(args, take);
        assert_ne!(code, Some(101), "oit {args:?} panicked:\n{stderr}");
        assert!(
            !stderr.contains("panicked") && !stderr.contains("Broken pipe"),
            "oit {args:?}, exit {code:?}:\n{stderr}"
        );
    }
}

fn example() -> String {
    common::manifest_dir()
        .join("content")
        .to_str()
        .expect("utf-8 path")
        .to_string()
}

/// `| head -1`
fn one_line(r: &mut BufReader<std::process::ChildStdout>) {
    let _ = r.read_line(&mut String::new());
}

/// `| head -c 10`
fn ten_bytes(r: &mut BufReader<std::process::ChildStdout>) {
    let _ = r.read_exact(&mut [0; 10]);
}

#[test]
fn check_by_officer_into_head() {
    let content = example();
    assert_quiet(&["check", "--content", &content, "--by-officer"], one_line);
}

#[test]
fn check_json_into_head() {
    let content = example();
    assert_quiet(
        &["check", "--content", &content, "--format", "json"],
        ten_bytes,
    );
}

/// The same through a shell, as a user types it.
#[cfg(unix)]
#[test]
fn check_through_sh_and_head() {
    let content = example();
    for _ in 0..20 {
        let out = Command::new("sh")
            .arg("-c")
            .arg(r#""$0" check --content "$1" --by-officer | head -1 >/dev/null; "$0" check --content "$1" --format json | head -c 10 >/dev/null"#)
            .arg(env!("CARGO_BIN_EXE_oit"))
            .arg(&content)
            .output()
            .expect("sh runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            !stderr.contains("panicked") && !stderr.contains("Broken pipe"),
            "{stderr}"
        );
    }
}
