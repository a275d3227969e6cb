//! The README's CI workflow, run as CI runs it: each `run:` block of the check and build steps
//! under `bash -e`, against a station that passes and one that fails.
mod common;

use std::path::Path;
use std::process::Command;

/// The `run: |` blocks of the README's workflow whose commands call `oit` (not install or upload).
fn readme_steps() -> Vec<String> {
    let readme = std::fs::read_to_string(common::manifest_dir().join("README.md")).unwrap();
    let workflow = readme
        .split("```yaml")
        .skip(1)
        .filter_map(|w| w.split("```").next())
        .find(|w| w.contains("jobs:"))
        .expect("the README has a yaml workflow");
    let mut steps = Vec::new();
    let mut current: Option<(usize, String)> = None;
    for line in workflow.lines() {
        let indent = line.len() - line.trim_start().len();
        if let Some((block_indent, text)) = &mut current {
            if indent > *block_indent && !line.trim().is_empty() {
                text.push_str(line.trim_start());
                text.push('\n');
                continue;
            }
            steps.push(current.take().unwrap().1);
        }
        if line.trim_start().starts_with("run: |") {
            current = Some((indent, String::new()));
        }
    }
    steps.extend(current.map(|c| c.1));
    steps.retain(|s| s.trim_start().starts_with("oit "));
    steps
}

/// Runs the steps in `dir` as CI would (`bash -e`, stopping at the first failing step), with
/// the built `oit` first on PATH. Returns the exit code and the log.
fn run_steps(dir: &Path, steps: &[String]) -> (i32, String) {
    let bin = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_oit"), bin.path().join("oit")).unwrap();
    let path = format!(
        "{}:{}",
        bin.path().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut log = String::new();
    for step in steps {
        let out = Command::new("bash")
            .args(["-e", "-c", step])
            .current_dir(dir)
            .env("PATH", &path)
            .output()
            .unwrap();
        log.push_str(&String::from_utf8_lossy(&out.stdout));
        log.push_str(&String::from_utf8_lossy(&out.stderr));
        let code = out.status.code().unwrap_or(-1);
        if code != 0 {
            return (code, log);
        }
    }
    (0, log)
}

#[test]
fn the_readme_workflow_stops_a_failing_station_and_shows_why() {
    let steps = readme_steps();
    assert_eq!(steps.len(), 2, "the check and build steps: {steps:?}");
    let tmp = tempfile::tempdir().unwrap();

    // A station that passes: the example (its year has ended, which is only a warning).
    let good = tmp.path().join("good");
    common::copy_tree(&common::manifest_dir().join("content"), &good);
    let (code, log) = run_steps(&good, &steps);
    assert_eq!(code, 0, "{log}");
    assert!(good.join("public/index.html").is_file());
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(good.join("check.json")).unwrap()).unwrap();
    assert_eq!(json["errors"], 0);

    // A new station with its drafts: the check step fails, the log names the findings, the
    // JSON is written, and nothing is published.
    let bad = tmp.path().join("bad");
    common::run(&[
        "new",
        bad.to_str().unwrap(),
        "--station",
        "สถานีตำรวจภูธรทดลอง",
    ])
    .assert_code(0);
    let (code, log) = run_steps(&bad, &steps);
    assert_eq!(code, 1, "{log}");
    assert!(
        log.contains("placeholder: true"),
        "the findings are in the log:\n{log}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(bad.join("check.json")).unwrap()).unwrap();
    assert!(json["errors"].as_u64().unwrap() > 0);
    assert!(!bad.join("public").exists(), "nothing published");
}
