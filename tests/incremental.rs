//! The incremental build (issue #18): after any sequence of edits, a build that uses the cache of
//! the last one writes exactly what a fresh full build (`--no-cache`, into an empty folder)
//! writes, byte for byte, and exits the same way; a failed build leaves the last good site as it
//! was. Edits are random: bodies, same-size rewrites right after a build (a file system's clock
//! ticks too coarsely to see them), pages and news added, removed and renamed, tables and
//! site.yaml, a theme template, a criteria file outside the station's folder, the as-of date
//! across a month end, a page that breaks the build and is fixed again. One station
//! (`oit build`) and several (`oit build --sites`).
mod common;

use common::{copy_tree, fixture, manifest_dir, run_in};
use proptest::prelude::*;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone)]
enum Edit {
    /// Appends a paragraph to the n-th Markdown file of a station.
    AppendBody(usize, usize),
    /// Swaps one Thai letter for another of the same size in the n-th text file (Markdown,
    /// table or site.yaml): same size, and usually the same modification time.
    SameSize(usize, usize),
    AddPage(usize, usize),
    RemovePage(usize, usize),
    RenamePage(usize, usize),
    AddNews(usize, usize),
    RemoveNews(usize, usize),
    /// A page without front matter: the build fails. Applied again, it is removed.
    ToggleBroken(usize),
    /// Appends a comment to the theme's base template (every page shows it).
    Theme,
    /// Changes the first item's title in the criteria file (outside every station's folder).
    Criteria,
    /// The as-of date: the last day of a month, the first of the next, or later.
    AsOf(usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    let (s, n) = (0usize..3, 0usize..1000);
    prop_oneof![
        3 => (s.clone(), n.clone()).prop_map(|(s, n)| Edit::AppendBody(s, n)),
        3 => (s.clone(), n.clone()).prop_map(|(s, n)| Edit::SameSize(s, n)),
        1 => (s.clone(), n.clone()).prop_map(|(s, n)| Edit::AddPage(s, n)),
        1 => (s.clone(), n.clone()).prop_map(|(s, n)| Edit::RemovePage(s, n)),
        1 => (s.clone(), n.clone()).prop_map(|(s, n)| Edit::RenamePage(s, n)),
        1 => (s.clone(), n.clone()).prop_map(|(s, n)| Edit::AddNews(s, n)),
        1 => (s.clone(), n.clone()).prop_map(|(s, n)| Edit::RemoveNews(s, n)),
        1 => s.prop_map(Edit::ToggleBroken),
        1 => Just(Edit::Theme),
        1 => Just(Edit::Criteria),
        2 => (0usize..3).prop_map(Edit::AsOf),
    ]
}

const AS_OF: [&str; 3] = ["2567-01-31", "2567-02-01", "2567-06-15"];

/// A scratch folder: stations (one, or three under `sites/`), a theme, a criteria file.
struct Scene {
    _tmp: tempfile::TempDir,
    root: PathBuf,
    stations: Vec<PathBuf>,
    sites: bool,
    as_of: &'static str,
    strict: bool,
    /// The last good site of the incremental builds.
    last_good: Option<BTreeMap<String, Vec<u8>>>,
    fresh_runs: usize,
}

impl Scene {
    fn new(sites: bool, strict: bool) -> Scene {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().to_path_buf();
        let theme = root.join("theme/templates");
        fs::create_dir_all(&theme).unwrap();
        fs::copy(
            manifest_dir().join("themes/default/templates/base.html"),
            theme.join("base.html"),
        )
        .unwrap();
        fs::copy(
            manifest_dir().join("src/criteria/data/police-station-2567.yaml"),
            root.join("crit.yaml"),
        )
        .unwrap();
        let example = manifest_dir().join("content");
        let stations: Vec<PathBuf> = if sites {
            [
                ("a", example.clone()),
                ("b", fixture("basic")),
                ("c", example),
            ]
            .into_iter()
            .map(|(id, from)| {
                let dir = root.join("sites").join(id);
                copy_tree(&from, &dir);
                dir
            })
            .collect()
        } else {
            let dir = root.join("st");
            copy_tree(&example, &dir);
            vec![dir]
        };
        // Criteria from a file beside the station folders, not inside them.
        for st in &stations {
            let site = st.join("site.yaml");
            let text = fs::read_to_string(&site).unwrap();
            let text: String = text
                .lines()
                .filter(|l| !l.starts_with("criteria:"))
                .map(|l| format!("{l}\n"))
                .collect();
            let up = if sites {
                "../../crit.yaml"
            } else {
                "../crit.yaml"
            };
            fs::write(&site, format!("{text}criteria: {up}\n")).unwrap();
        }
        Scene {
            _tmp: tmp,
            root,
            stations,
            sites,
            as_of: AS_OF[0],
            strict,
            last_good: None,
            fresh_runs: 0,
        }
    }

    fn station(&self, s: usize) -> &Path {
        &self.stations[s % self.stations.len()]
    }

    /// Files of a station with one of `exts`, in a stable order.
    fn files(&self, s: usize, exts: &[&str]) -> Vec<PathBuf> {
        let mut v: Vec<PathBuf> = walkdir::WalkDir::new(self.station(s))
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| e.into_path())
            .filter(|p| p.extension().is_some_and(|x| exts.iter().any(|e| x == *e)))
            .collect();
        v.sort();
        v
    }

    fn apply(&mut self, e: &Edit) {
        match *e {
            Edit::AppendBody(s, n) => {
                let files = self.files(s, &["md"]);
                let f = &files[n % files.len()];
                let mut text = fs::read_to_string(f).unwrap();
                text.push_str(&format!("\nย่อหน้าที่เพิ่ม {n}\n"));
                fs::write(f, text).unwrap();
            }
            Edit::SameSize(s, n) => {
                let files = self.files(s, &["md", "yaml"]);
                swap_letter(&files[n % files.len()]);
            }
            Edit::AddPage(s, n) => {
                let p = self.station(s).join(format!("pages/added-{n}.md"));
                fs::write(p, format!("---\ntitle: หน้าที่เพิ่ม {n}\n---\nเนื้อหาหน้า {n}\n")).unwrap();
            }
            Edit::RemovePage(s, n) => {
                let pages = self.files_in(s, "pages");
                if !pages.is_empty() {
                    fs::remove_file(&pages[n % pages.len()]).unwrap();
                }
            }
            Edit::RenamePage(s, n) => {
                let pages = self.files_in(s, "pages");
                if !pages.is_empty() {
                    let from = &pages[n % pages.len()];
                    let stem = from.file_stem().unwrap().to_string_lossy();
                    fs::rename(from, from.with_file_name(format!("{stem}-r{n}.md"))).unwrap();
                }
            }
            Edit::AddNews(s, n) => {
                let news = self.folders_in(s, "news");
                if let Some(from) = news.get(n % news.len().max(1)) {
                    let name = from.file_name().unwrap().to_string_lossy();
                    copy_tree(from, &from.with_file_name(format!("{name}-copy{n}")));
                }
            }
            Edit::RemoveNews(s, n) => {
                let news = self.folders_in(s, "news");
                if !news.is_empty() {
                    fs::remove_dir_all(&news[n % news.len()]).unwrap();
                }
            }
            Edit::ToggleBroken(s) => {
                let p = self.station(s).join("pages/broken.md");
                if p.exists() {
                    fs::remove_file(p).unwrap();
                } else {
                    fs::write(p, "no front matter\n").unwrap();
                }
            }
            Edit::Theme => {
                let t = self.root.join("theme/templates/base.html");
                let mut text = fs::read_to_string(&t).unwrap();
                text.push_str("<!-- edited -->\n");
                fs::write(t, text).unwrap();
            }
            Edit::Criteria => {
                // The first item's title, which its page and the home page show.
                let c = self.root.join("crit.yaml");
                let text = fs::read_to_string(&c).unwrap();
                let items = text.find("\nitems:").unwrap();
                let title = items + text[items..].find("title_th: ").unwrap();
                let end = title + text[title..].find('\n').unwrap();
                fs::write(&c, format!("{} แก้ไข{}", &text[..end], &text[end..])).unwrap();
            }
            Edit::AsOf(i) => self.as_of = AS_OF[i],
        }
    }

    fn files_in(&self, s: usize, sub: &str) -> Vec<PathBuf> {
        let mut v: Vec<PathBuf> = fs::read_dir(self.station(s).join(sub))
            .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect())
            .unwrap_or_default();
        v.retain(|p| p.is_file());
        v.sort();
        v
    }

    fn folders_in(&self, s: usize, sub: &str) -> Vec<PathBuf> {
        let mut v: Vec<PathBuf> = fs::read_dir(self.station(s).join(sub))
            .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect())
            .unwrap_or_default();
        v.retain(|p| p.is_dir());
        v.sort();
        v
    }

    fn build(&self, out: &str, extra: &[&str]) -> common::Run {
        let mut args: Vec<String> = vec!["--lang".into(), "en".into(), "build".into()];
        if self.sites {
            args.extend(["--sites".into(), "sites".into()]);
        } else {
            args.extend(["--content".into(), "st".into()]);
        }
        args.extend(
            [
                "--out",
                out,
                "--as-of",
                self.as_of,
                "--theme",
                "theme",
                "--base-url",
                "https://example.org/oit/",
            ]
            .map(String::from),
        );
        if self.strict {
            args.push("--strict".into());
        }
        args.extend(extra.iter().map(|s| s.to_string()));
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        run_in(&self.root, &args)
    }

    /// Builds with the cache, then afresh, and compares.
    fn check(&mut self, step: &str) {
        let inc = self.build("out", &[]);
        self.fresh_runs += 1;
        let fresh_name = format!("fresh{}", self.fresh_runs);
        let fresh = self.build(&fresh_name, &["--no-cache"]);
        let out = self.root.join("out");
        assert_eq!(
            inc.code, fresh.code,
            "{step}: the incremental build exited {:?}, a fresh one {:?}\n--- incremental ---\n{}\n--- fresh ---\n{}",
            inc.code, fresh.code, inc.stderr, fresh.stderr
        );
        assert!(!inc.stderr.contains("panicked"), "{}", inc.stderr);
        let now = snapshot(&out);
        let fresh_dir = self.root.join(&fresh_name);
        if self.sites && fresh_dir.join(".oit-site").exists() {
            // A station that failed keeps its last good folder; a fresh run has none for it.
            let want = snapshot(&fresh_dir);
            let station_of = |k: &str| k.split('/').next().unwrap_or("").to_string();
            let in_fresh: std::collections::BTreeSet<String> =
                want.keys().map(|k| station_of(k)).collect();
            let kept = |m: &BTreeMap<String, Vec<u8>>| -> BTreeMap<String, Vec<u8>> {
                m.iter()
                    .filter(|(k, _)| !in_fresh.contains(&station_of(k)))
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect()
            };
            let published: BTreeMap<String, Vec<u8>> = now
                .iter()
                .filter(|(k, _)| in_fresh.contains(&station_of(k)))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            assert_same(&published, &want, step, &inc.stderr);
            if let Some(good) = &self.last_good {
                assert_same(
                    &kept(&now),
                    &kept(good),
                    &format!("{step} (stations kept from the last good run)"),
                    &inc.stderr,
                );
            }
            self.last_good = Some(now.clone());
        } else if fresh_dir.join(".oit-site").exists() && inc.code == Some(0) {
            let want = snapshot(&fresh_dir);
            assert_same(&now, &want, step, &inc.stderr);
            self.last_good = Some(now.clone());
        } else if let Some(good) = &self.last_good {
            // The build failed: the last good site is as it was.
            assert_same(&now, good, &format!("{step} (failed build)"), &inc.stderr);
        }
        let _ = fs::remove_dir_all(&fresh_dir);
        let _ = fs::remove_dir_all(self.root.join(format!("{fresh_name}.oit-cache")));
        // The cache is beside the output, never in it.
        assert!(
            !now.keys().any(|k| k.contains("oit-cache")),
            "{step}: a cache file inside the published folder"
        );
    }
}

/// Every file under `dir` by relative path (nothing when there is no such folder yet).
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    if dir.exists() {
        common::snapshot(dir)
    } else {
        BTreeMap::new()
    }
}

/// Swaps the last `ก` for `ข` (or back): the same number of bytes.
fn swap_letter(f: &Path) {
    let text = fs::read_to_string(f).unwrap();
    let (from, to) = if text.contains('ก') {
        ('ก', 'ข')
    } else {
        ('ข', 'ก')
    };
    if let Some(i) = text.rfind(from) {
        let mut s = text.clone();
        s.replace_range(i..i + from.len_utf8(), to.encode_utf8(&mut [0; 4]));
        assert_eq!(s.len(), text.len());
        fs::write(f, s).unwrap();
    }
}

#[track_caller]
fn assert_same(
    now: &BTreeMap<String, Vec<u8>>,
    want: &BTreeMap<String, Vec<u8>>,
    step: &str,
    stderr: &str,
) {
    if now == want {
        return;
    }
    let only_now: Vec<_> = now.keys().filter(|k| !want.contains_key(*k)).collect();
    let only_want: Vec<_> = want.keys().filter(|k| !now.contains_key(*k)).collect();
    let differ: Vec<_> = now
        .iter()
        .filter(|(k, v)| want.get(*k).is_some_and(|w| w != *v))
        .map(|(k, _)| k)
        .collect();
    panic!(
        "{step}: the incremental build differs from a fresh one\nonly incremental: {only_now:?}\nonly fresh: {only_want:?}\ndiffer: {differ:?}\n--- stderr ---\n{stderr}"
    );
}

fn run_sequence(sites: bool, strict: bool, edits: &[Edit]) {
    let mut scene = Scene::new(sites, strict);
    scene.check("first build");
    for (i, e) in edits.iter().enumerate() {
        scene.apply(e);
        scene.check(&format!("after edit {i} {e:?} (edits {:?})", &edits[..=i]));
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 6,
        // Each case builds a few dozen sites; shrinking would rebuild them for minutes.
        max_shrink_iters: 8,
        .. ProptestConfig::default()
    })]

    #[test]
    fn one_station_incremental_equals_fresh(
        edits in prop::collection::vec(edit(), 1..7),
        strict in any::<bool>(),
    ) {
        run_sequence(false, strict, &edits);
    }

    #[test]
    fn many_stations_incremental_equals_fresh(
        edits in prop::collection::vec(edit(), 1..7),
        strict in any::<bool>(),
    ) {
        run_sequence(true, strict, &edits);
    }
}

/// Every kind of edit at least once, in a fixed order (the random cases may miss one).
#[test]
fn every_kind_of_edit_in_turn() {
    let all = [
        Edit::SameSize(0, 3),
        Edit::AppendBody(1, 5),
        Edit::AsOf(1),
        Edit::Theme,
        Edit::Criteria,
        Edit::AddPage(2, 1),
        Edit::RenamePage(2, 0),
        Edit::RemovePage(0, 0),
        Edit::AddNews(1, 0),
        Edit::RemoveNews(0, 1),
        Edit::ToggleBroken(1),
        Edit::SameSize(0, 7),
        Edit::ToggleBroken(1),
        Edit::AsOf(2),
        Edit::SameSize(2, 0),
    ];
    run_sequence(true, false, &all);
    run_sequence(false, true, &all);
}

/// A build with nothing changed says so and touches nothing; `--no-cache` builds again.
#[test]
fn nothing_changed_is_said_and_no_cache_builds_again() {
    let scene = Scene::new(false, false);
    scene.build("out", &[]).assert_code(0);
    let before = snapshot(&scene.root.join("out"));
    let again = scene.build("out", &[]);
    again
        .assert_code(0)
        .assert_stderr_has("nothing changed since the last build")
        .assert_stderr_has("check: ");
    assert_eq!(snapshot(&scene.root.join("out")), before);
    scene
        .build("out", &["--no-cache"])
        .assert_code(0)
        .assert_stderr_has("built ");
    assert!(scene.root.join("out.oit-cache/index").is_file());
}

/// A damaged cache (cut short, a byte changed, garbage) or one written for another output is
/// not trusted: one line says so and the site is built in full, as a fresh build makes it.
#[test]
fn a_damaged_or_foreign_cache_is_discarded_with_one_line() {
    let scene = Scene::new(false, false);
    scene.build("out", &[]).assert_code(0);
    let cache = scene.root.join("out.oit-cache/index");
    let good = fs::read(&cache).unwrap();
    let fresh = {
        scene.build("fresh", &["--no-cache"]).assert_code(0);
        snapshot(&scene.root.join("fresh"))
    };
    let mut flipped = good.clone();
    let mid = flipped.len() / 2;
    flipped[mid] ^= 0x20;
    for (what, bytes) in [
        ("cut short", good[..good.len() / 2].to_vec()),
        ("a byte changed", flipped),
        ("garbage", b"not a cache\n{}".to_vec()),
    ] {
        fs::write(&cache, &bytes).unwrap();
        let run = scene.build("out", &[]);
        run.assert_code(0);
        let notices: Vec<&str> = run
            .stderr
            .lines()
            .filter(|l| l.contains("build cache"))
            .collect();
        assert_eq!(notices.len(), 1, "{what}: {}", run.stderr);
        assert!(notices[0].contains("damaged"), "{what}: {}", run.stderr);
        assert!(run.stderr.contains("built "), "{what}: {}", run.stderr);
        assert_eq!(snapshot(&scene.root.join("out")), fresh, "{what}");
    }
    // Another output's cache, copied beside this one.
    scene.build("other", &[]).assert_code(0);
    fs::copy(scene.root.join("other.oit-cache/index"), &cache).unwrap();
    let run = scene.build("out", &[]);
    run.assert_code(0)
        .assert_stderr_has("belongs to a build of");
    assert!(run.stderr.contains("built "), "{}", run.stderr);
    // The next build trusts the cache it wrote.
    scene
        .build("out", &[])
        .assert_code(0)
        .assert_stderr_has("nothing changed");
}

/// A published folder that is not the one the cache describes (put back from a copy) is built
/// again, not trusted.
#[test]
fn a_replaced_output_folder_is_built_again() {
    let scene = Scene::new(false, false);
    scene.build("out", &[]).assert_code(0);
    let out = scene.root.join("out");
    let copy = scene.root.join("copy");
    copy_tree(&out, &copy);
    fs::remove_dir_all(&out).unwrap();
    fs::rename(&copy, &out).unwrap();
    scene
        .build("out", &[])
        .assert_code(0)
        .assert_stderr_has("built ");
}
