//! Replays every saved fuzz input (`fuzz/regressions/<target>/*`) through the same harness the
//! cargo-fuzz target runs (`fuzz/checks.rs`), on stable Rust, in every `cargo test`. A file here
//! is a crash or property failure the fuzzer once found; each must now pass.
//!
//! To add one: copy the (minimised) artifact from `fuzz/artifacts/<target>/` to
//! `fuzz/regressions/<target>/` with a name that says what it was.
#[path = "../fuzz/checks.rs"]
mod checks;

use std::fs;
use std::path::Path;

fn regressions(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/regressions")
        .join(target);
    let Ok(rd) = fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut files: Vec<_> = rd
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.is_file()
                && !p
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        })
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| (p.display().to_string(), fs::read(&p).unwrap()))
        .collect()
}

/// Runs each input in its own thread so one failure names its file and the rest still run.
fn replay(target: &str) {
    let mut failed = Vec::new();
    for (name, bytes) in regressions(target) {
        let t = target.to_string();
        let result = std::thread::Builder::new()
            .stack_size(64 * 1024 * 1024)
            .spawn(move || {
                // Removes the thread's scratch files even when the harness panics.
                struct Clean;
                impl Drop for Clean {
                    fn drop(&mut self) {
                        checks::remove_scratch();
                    }
                }
                let _clean = Clean;
                checks::run(&t, &bytes)
            })
            .unwrap()
            .join();
        if result.is_err() {
            failed.push(name);
        }
    }
    assert!(failed.is_empty(), "fuzz regressions fail: {failed:#?}");
}

#[test]
fn every_regression_folder_is_a_target() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions");
    for e in fs::read_dir(dir).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().into_owned();
        assert!(
            checks::TARGETS.contains(&name.as_str())
                || name.starts_with('.')
                || name.ends_with(".md"),
            "fuzz/regressions/{name} is not a fuzz target"
        );
    }
}

/// A few inputs of every kind go through every harness too, so a harness that panics on
/// ordinary input is caught here rather than at the start of a fuzzing run.
#[test]
fn harnesses_accept_ordinary_input() {
    let samples: &[&[u8]] = &[
        b"",
        b"\x00",
        b"---\ntitle: x\n---\nbody\n",
        "31 มี.ค. 2567".as_bytes(),
        b"[a](javascript:alert(1)) <script>x</script>",
        b"PK\x05\x06\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00",
        b"\x00%PDF-1.4\n%%EOF\n",
        "1-1014-00123-45-1".as_bytes(),
    ];
    for target in checks::TARGETS {
        for s in samples {
            checks::run(target, s);
        }
    }
    checks::remove_scratch();
}

#[test]
fn front_matter_yaml() {
    replay("front_matter_yaml");
}

#[test]
fn dates() {
    replay("dates");
}

#[test]
fn criteria() {
    replay("criteria");
}

#[test]
fn markdown() {
    replay("markdown");
}

#[test]
fn sniff() {
    replay("sniff");
}

#[test]
fn office() {
    replay("office");
}

#[test]
fn pdpa() {
    replay("pdpa");
}
