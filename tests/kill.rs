//! Nothing lost (issue 7): a build that fails, or is killed mid-way, leaves the previous site
//! byte-identical; a successful build replaces it in one step; leftovers of a killed build never
//! break the next one.
//!
//! The killed builds run on a synthetic station with a few hundred news pages and a couple of
//! thousand attachments, so that there is a real write phase to interrupt. Kill points are
//! fractions of a measured full build (so the test adapts to debug and release binaries) plus
//! moments picked by watching the staging folder appear.
mod common;

use common::{copy_tree, fixture};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A safety net against hangs, not a timing assertion.
const TIMEOUT: Duration = Duration::from_secs(300);

/// Every file below `dir` with its bytes, by relative path (empty folders too, as `dir/`).
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in fs::read_dir(dir).unwrap() {
            let entry = entry.unwrap();
            let path = entry.path();
            let rel = path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            if entry.file_type().unwrap().is_dir() {
                out.insert(format!("{rel}/"), Vec::new());
                walk(root, &path, out);
            } else {
                out.insert(rel, fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    if dir.exists() {
        walk(dir, dir, &mut out);
    }
    out
}

#[track_caller]
fn assert_same(now: &BTreeMap<String, Vec<u8>>, before: &BTreeMap<String, Vec<u8>>, when: &str) {
    if now == before {
        return;
    }
    let added: Vec<_> = now
        .keys()
        .filter(|k| !before.contains_key(*k))
        .take(5)
        .collect();
    let gone: Vec<_> = before
        .keys()
        .filter(|k| !now.contains_key(*k))
        .take(5)
        .collect();
    let changed: Vec<_> = now
        .iter()
        .filter(|(k, v)| before.get(*k).is_some_and(|b| b != *v))
        .map(|(k, _)| k)
        .take(5)
        .collect();
    panic!(
        "{when}: the previous site is not byte-identical ({} files now, {} before)\n\
         added {added:?}\ngone {gone:?}\nchanged {changed:?}",
        now.len(),
        before.len()
    );
}

fn spawn(cwd: &Path, args: &[&str]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_oit"))
        .args(args)
        .current_dir(cwd)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(fs::File::create(cwd.join("oit.stderr")).unwrap())
        .spawn()
        .expect("the oit binary starts")
}

/// Waits for `child` with a deadline; returns the exit code and stderr.
fn finish(cwd: &Path, mut child: Child) -> (Option<i32>, String) {
    let started = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if started.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("oit did not finish within {TIMEOUT:?}");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let stderr = fs::read_to_string(cwd.join("oit.stderr")).unwrap_or_default();
    assert!(!stderr.contains("panicked"), "oit panicked:\n{stderr}");
    (status.code(), stderr)
}

fn build(cwd: &Path, content: &Path, out: &Path) -> (Option<i32>, String) {
    let child = spawn(
        cwd,
        &[
            "--lang",
            "en",
            "build",
            "--content",
            content.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
    );
    finish(cwd, child)
}

#[track_caller]
fn build_ok(cwd: &Path, content: &Path, out: &Path) {
    let (code, stderr) = build(cwd, content, out);
    assert_eq!(code, Some(0), "the build succeeds:\n{stderr}");
}

/// Names in `dir`, sorted, without the stderr capture file.
fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "oit.stderr" && !n.ends_with(".oit-cache"))
        .collect();
    v.sort();
    v
}

/// The basic fixture plus `news` news pages with `files` attachments each (English text: Thai
/// word breaking makes debug builds very slow, and the point here is the number of files).
fn big_content(dir: &Path, news: usize, files: usize) {
    copy_tree(&fixture("basic"), dir);
    for i in 0..news {
        let d = dir.join(format!("news/2567-01-{i:04}-synthetic"));
        fs::create_dir_all(&d).unwrap();
        let body: String = (0..20)
            .map(|p| {
                format!("Paragraph {p} of news {i}: the station met about the ITA assessment, **all units**. [News](/news/)\n\n")
            })
            .collect();
        fs::write(
            d.join("index.md"),
            format!(
                "---\ntitle: Synthetic news {i}\ndate: 2567-01-{:02}\nitems: [O1]\ntags: [ita]\n---\n{body}",
                1 + i % 28
            ),
        )
        .unwrap();
        for f in 0..files {
            fs::write(
                d.join(format!("annex-{f}.txt")),
                format!("annex {f} of {i}\n").repeat(50),
            )
            .unwrap();
        }
    }
}

/// The staging folder of the build with process id `pid`.
fn staging(out: &Path, pid: u32) -> PathBuf {
    let name = out.file_name().unwrap().to_string_lossy();
    out.with_file_name(format!("{name}.oit-tmp-{pid}"))
}

#[test]
fn killed_builds_leave_the_previous_site_byte_identical() {
    let tmp = tempfile::tempdir().unwrap();
    let cwd = tmp.path();
    let good = cwd.join("good");
    let big = cwd.join("big");
    let out = cwd.join("public");
    copy_tree(&fixture("basic"), &good);
    // A page only the old site has: a successful build must remove it (replaced, not merged).
    fs::write(
        good.join("pages/old-only.md"),
        "---\ntitle: Old page\n---\nonly in the old site\n",
    )
    .unwrap();
    big_content(&big, 400, 5);

    build_ok(cwd, &good, &out);
    let before = snapshot(&out);
    assert!(
        before.contains_key("old-only/index.html"),
        "{:?}",
        before.keys()
    );

    // How long a full build of the big station takes here (debug or release, loaded or not).
    let measure = cwd.join("measure");
    let started = Instant::now();
    build_ok(cwd, &big, &measure);
    let full = started.elapsed();
    let after_full = snapshot(&measure);
    fs::remove_dir_all(&measure).unwrap();
    assert!(
        after_full.len() > 2000,
        "the synthetic station writes many files ({})",
        after_full.len()
    );

    let args_of = |content: &Path| {
        vec![
            "--lang".to_string(),
            "en".into(),
            "build".into(),
            "--content".into(),
            content.to_str().unwrap().into(),
            "--out".into(),
            out.to_str().unwrap().into(),
        ]
    };
    let args = args_of(&big);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();

    // After a kill --out must hold either the old site or, when the build got through its
    // swap before the kill landed, the whole new one: never a mix, never nothing.
    let settle = |when: &str| {
        let now = snapshot(&out);
        if now == before {
            return;
        }
        assert_same(
            &now,
            &after_full,
            &format!("{when} (not the old site, so the new one)"),
        );
        // The build won the race: put the old site back for the next round.
        fs::remove_dir_all(&out).unwrap();
        build_ok(cwd, &good, &out);
        assert_same(&snapshot(&out), &before, "the old site rebuilt");
    };

    // 1. At fractions of the full build time.
    let mut in_write_phase = 0;
    for fraction in [0.02, 0.2, 0.4, 0.6, 0.8, 0.9, 0.97] {
        let mut child = spawn(cwd, &args);
        let stage = staging(&out, child.id());
        std::thread::sleep(full.mul_f64(fraction));
        let writing = stage.exists();
        child.kill().unwrap(); // SIGKILL (or nothing, if it already exited)
        child.wait().unwrap();
        in_write_phase += usize::from(writing);
        settle(&format!("killed at {fraction} of {full:?}"));
    }

    // 2. While the staging folder is being filled: watched, then killed at once or a moment
    //    later.
    for delay_ms in [0u64, 1, 3, 10, 30] {
        let mut child = spawn(cwd, &args);
        let stage = staging(&out, child.id());
        let started = Instant::now();
        let mut seen = false;
        while started.elapsed() < TIMEOUT {
            if stage.exists() {
                seen = true;
                break;
            }
            if child.try_wait().unwrap().is_some() {
                break;
            }
            std::thread::sleep(Duration::from_micros(200));
        }
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill();
        child.wait().unwrap();
        in_write_phase += usize::from(seen);
        settle(&format!("killed {delay_ms} ms into writing"));
    }
    assert!(
        in_write_phase >= 3,
        "only {in_write_phase} kills landed while the new site was being written"
    );

    // Leftovers of the killed builds may sit beside --out; they must not break the next build,
    // which swaps the whole new site in and cleans them up.
    build_ok(cwd, &big, &out);
    assert_same(
        &snapshot(&out),
        &after_full,
        "the full build after the kills",
    );
    assert!(!out.join("old-only/index.html").exists());
    assert_eq!(
        names(cwd),
        ["big", "good", "public"],
        "temporary folders left beside --out"
    );
}

/// What a build killed between its two renames leaves (no --out, the old site under
/// `.oit-old`), and a killed build's staging folder: the next build recovers and cleans both.
#[test]
fn leftovers_of_a_killed_build_do_not_break_the_next_one() {
    let tmp = tempfile::tempdir().unwrap();
    let cwd = tmp.path();
    let content = cwd.join("content");
    let out = cwd.join("public");
    copy_tree(&fixture("basic"), &content);
    build_ok(cwd, &content, &out);
    let before = snapshot(&out);

    // A killed build's staging folder (a pid that cannot be running) full of junk, and a
    // half-written one of a folder name that only looks similar.
    let stale = cwd.join("public.oit-tmp-4294967");
    fs::create_dir_all(stale.join("news")).unwrap();
    fs::write(stale.join("index.html"), "half").unwrap();
    fs::write(stale.join(".oit-site"), "").unwrap();
    let unrelated = cwd.join("public-archive");
    fs::create_dir_all(&unrelated).unwrap();

    // Killed between the renames: --out is gone, the old site is aside.
    fs::rename(&out, cwd.join("public.oit-old")).unwrap();

    fs::write(
        content.join("pages/new.md"),
        "---\ntitle: New\n---\nnew page\n",
    )
    .unwrap();
    build_ok(cwd, &content, &out);
    let after = snapshot(&out);
    assert!(after.contains_key("new/index.html"));
    assert_eq!(after.len(), before.len() + 2, "the new page and its folder");
    assert_eq!(names(cwd), ["content", "public", "public-archive"]);
}

/// A build killed between its two renames, then a build that fails: the failed build must put
/// the previous site back (it is the last good one), not leave --out missing.
#[test]
fn failed_build_after_an_interrupted_swap_restores_the_previous_site() {
    let tmp = tempfile::tempdir().unwrap();
    let cwd = tmp.path();
    let content = cwd.join("content");
    let out = cwd.join("public");
    copy_tree(&fixture("basic"), &content);
    build_ok(cwd, &content, &out);
    let before = snapshot(&out);
    fs::rename(&out, cwd.join("public.oit-old")).unwrap();
    fs::write(content.join("pages/contact.md"), "no front matter\n").unwrap();
    let (code, stderr) = build(cwd, &content, &out);
    assert_eq!(code, Some(2), "{stderr}");
    assert_same(&snapshot(&out), &before, "after the failed build");
}

/// The published site must not change when the webmaster edits content in place (as `cp`,
/// many editors and network shares do: same file, new bytes) and the next build then fails:
/// published files must not share their bytes with the content folder (hard links do).
#[test]
fn editing_content_in_place_does_not_change_the_published_site() {
    let tmp = tempfile::tempdir().unwrap();
    let cwd = tmp.path();
    let content = cwd.join("content");
    let out = cwd.join("public");
    copy_tree(&fixture("basic"), &content);
    build_ok(cwd, &content, &out);
    let before = snapshot(&out);

    // `cp cut.pdf report.pdf`: truncates and rewrites the same inode.
    let report = content.join("ita/2567/o07/2566-10/report.pdf");
    let original = fs::read(&report).unwrap();
    fs::OpenOptions::new()
        .write(true)
        .truncate(true)
        .open(&report)
        .and_then(|mut f| std::io::Write::write_all(&mut f, &original[..original.len() / 2]))
        .unwrap();
    // ... and a mistake elsewhere makes the build fail.
    fs::write(content.join("pages/contact.md"), "no front matter\n").unwrap();
    let (code, stderr) = build(cwd, &content, &out);
    assert_eq!(code, Some(2), "{stderr}");
    assert_same(
        &snapshot(&out),
        &before,
        "after editing the content in place",
    );
}

/// The build cache after a kill (issue #18): a build killed at any moment, with some stations
/// edited, leaves a cache that the next build either trusts correctly or does not use: its
/// output is then byte-identical to a fresh build's. One station, and `--sites` (where each
/// station's folder is replaced on its own, so a kill can land between two stations).
#[test]
fn a_killed_incremental_build_leaves_a_cache_the_next_build_can_trust() {
    let tmp = tempfile::tempdir().unwrap();
    let cwd = tmp.path();
    let sites = cwd.join("sites");
    let ids = ["s1", "s2", "s3", "s4"];
    for id in ids {
        big_content(&sites.join(id), 60, 4);
    }
    let single = sites.join("s1");
    for (mode, target) in [("--sites", &sites), ("--content", &single)] {
        let out = cwd.join(format!("out{mode}"));
        let args = |out: &Path, extra: &[&str]| -> Vec<String> {
            let mut v: Vec<String> = ["--lang", "en", "build", mode, target.to_str().unwrap()]
                .map(String::from)
                .to_vec();
            v.extend(["--out".into(), out.to_str().unwrap().into()]);
            v.extend(extra.iter().map(|s| s.to_string()));
            v
        };
        let run = |a: &[String]| {
            let a: Vec<&str> = a.iter().map(String::as_str).collect();
            finish(cwd, spawn(cwd, &a))
        };
        let started = Instant::now();
        let (code, stderr) = run(&args(&out, &[]));
        assert_eq!(code, Some(0), "{stderr}");
        let full = started.elapsed();
        for (round, fraction) in [0.05, 0.2, 0.35, 0.5, 0.65, 0.8, 0.95, 1.1]
            .into_iter()
            .enumerate()
        {
            // Edit two stations (one of them the single station's), then kill a build.
            for id in [ids[round % ids.len()], ids[(round + 1) % ids.len()]] {
                let page = sites.join(id).join("pages/contact.md");
                let mut text = fs::read_to_string(&page).unwrap();
                text.push_str(&format!("\nround {round}\n"));
                fs::write(&page, text).unwrap();
            }
            let a = args(&out, &[]);
            let a: Vec<&str> = a.iter().map(String::as_str).collect();
            let mut child = spawn(cwd, &a);
            std::thread::sleep(full.mul_f64(fraction));
            let _ = child.kill();
            child.wait().unwrap();
            // The next build, with whatever cache the killed one left, against a fresh one.
            let (code, stderr) = run(&args(&out, &[]));
            assert_eq!(code, Some(0), "{mode} round {round}: {stderr}");
            let fresh = cwd.join(format!("fresh{mode}"));
            let (code, stderr) = run(&args(&fresh, &["--no-cache"]));
            assert_eq!(code, Some(0), "{mode} fresh: {stderr}");
            assert_same(
                &snapshot(&out),
                &snapshot(&fresh),
                &format!("{mode}: the build after a kill at {fraction} of {full:?}"),
            );
            fs::remove_dir_all(&fresh).unwrap();
        }
    }
}
