//! Real-browser tests: builds the example station with this `oit` binary, then runs the Node
//! tests of `tests/browser/` (headless Chromium through playwright-core, axe-core) against it —
//! from disk, from `oit serve` with live reload, accessibility of every template, and
//! screenshots saved in `$OIT_ARTIFACTS` (default `target/browser-artifacts/`).
//!
//! Needs Node ≥ 20 with npm, and Chromium (`/usr/bin/chromium`, or `$OIT_CHROMIUM`). Without
//! them the test prints "skipped: …" and passes, except under CI (`$CI` set), where it fails.
//! `npm ci` runs first when `tests/browser/node_modules` is missing or older than the lock file.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn under_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "0" && v != "false")
}

/// Under CI a missing tool is a failure; elsewhere the test is skipped with a message (the
/// caller returns).
fn skip_or_fail(what: &str) {
    if under_ci() {
        panic!(
            "browser tests cannot run under CI: {what}\n\
             (install Node 20+ with npm and Debian's `chromium`, or set OIT_CHROMIUM; see .ci/run)"
        );
    }
    note(&format!("skipped: browser tests need {what}"));
}

/// Straight to stderr, past the test harness's capture: shown by a plain `cargo test` too.
fn note(msg: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "{msg}");
}

/// The first executable named `name` on PATH.
fn on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("OIT_CHROMIUM") {
        return Some(PathBuf::from(p)).filter(|p| p.is_file());
    }
    let fixed = Path::new("/usr/bin/chromium");
    if fixed.is_file() {
        return Some(fixed.to_path_buf());
    }
    ["chromium", "chromium-browser"]
        .iter()
        .find_map(|n| on_path(n))
}

/// Node's major version, when `node` runs at all.
fn node_major(node: &Path) -> Option<u32> {
    let out = Command::new(node).arg("--version").output().ok()?;
    let v = String::from_utf8_lossy(&out.stdout);
    v.trim()
        .trim_start_matches('v')
        .split('.')
        .next()?
        .parse()
        .ok()
}

/// `node_modules` is there and was installed from the current lock file.
fn node_modules_ready(dir: &Path) -> bool {
    let installed = dir.join("node_modules").join(".package-lock.json");
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    ["playwright-core", "axe-core"].iter().all(|m| {
        dir.join("node_modules")
            .join(m)
            .join("package.json")
            .is_file()
    }) && match (
        modified(&installed),
        modified(&dir.join("package-lock.json")),
    ) {
        (Some(i), Some(l)) => i >= l,
        _ => false,
    }
}

#[test]
fn browser_tests() {
    let root = manifest_dir();
    let dir = root.join("tests").join("browser");

    let Some(chromium) = chromium() else {
        return skip_or_fail(
            "Chromium (/usr/bin/chromium or $OIT_CHROMIUM): apt-get install chromium",
        );
    };
    let Some(node) = on_path("node") else {
        return skip_or_fail("Node.js 20 or later (`node` on PATH)");
    };
    match node_major(&node) {
        Some(v) if v >= 20 => {}
        other => {
            return skip_or_fail(&format!(
                "Node.js 20 or later (found major version {other:?})"
            ));
        }
    }

    if !node_modules_ready(&dir) {
        let Some(npm) = on_path("npm") else {
            return skip_or_fail("npm, to install tests/browser/node_modules");
        };
        let started = Instant::now();
        let status = Command::new(npm)
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(&dir)
            .stdin(Stdio::null())
            .status()
            .expect("npm runs");
        if !status.success() {
            return skip_or_fail(&format!(
                "the npm packages of tests/browser (`npm ci` failed: {status})"
            ));
        }
        note(&format!("npm ci: {:.1} s", started.elapsed().as_secs_f64()));
    }

    // The example station, built by the binary under test.
    let tmp = tempfile::tempdir().expect("temp dir");
    let site = tmp.path().join("site");
    let content = root.join("content");
    let started = Instant::now();
    let build = Command::new(env!("CARGO_BIN_EXE_oit"))
        .arg("build")
        .arg("--content")
        .arg(&content)
        .arg("--out")
        .arg(&site)
        .current_dir(tmp.path())
        .output()
        .expect("the oit binary runs");
    assert!(
        build.status.success() && site.join("index.html").is_file(),
        "oit build of the example failed ({}):\n{}\n{}",
        build.status,
        String::from_utf8_lossy(&build.stdout),
        String::from_utf8_lossy(&build.stderr)
    );
    note(&format!(
        "built the example in {:.1} s",
        started.elapsed().as_secs_f64()
    ));

    let artifacts = std::env::var_os("OIT_ARTIFACTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target").join("browser-artifacts"));
    std::fs::create_dir_all(&artifacts).expect("artifacts dir");

    // The Node test runner: every *.test.mjs of tests/browser, output passed straight through.
    let started = Instant::now();
    let status = Command::new(&node)
        .args(["--test", "--test-reporter=spec", "--test-timeout=900000"])
        .current_dir(&dir)
        .env("OIT_BIN", env!("CARGO_BIN_EXE_oit"))
        .env("OIT_SITE", &site)
        .env("OIT_CONTENT", &content)
        .env("OIT_ARTIFACTS", &artifacts)
        .env("OIT_CHROMIUM", &chromium)
        .stdin(Stdio::null())
        .status()
        .expect("node runs");
    note(&format!(
        "browser tests: {:.1} s; screenshots in {}",
        started.elapsed().as_secs_f64(),
        artifacts.display()
    ));
    assert!(
        status.success(),
        "the browser tests failed ({status}); see the output above"
    );
}
