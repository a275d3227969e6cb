//! `build --sites DIR` and `check --sites DIR`: every station below DIR in one run, one station's
//! bad input reported without stopping the others, an index of all stations and a combined
//! `report.json`.
mod common;

use common::*;
use std::fs;
use std::path::Path;

/// `<tmp>/stations/{a,b}` are copies of the basic fixture; `c` has a broken site.yaml.
fn stations() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    for id in ["a", "b", "c"] {
        copy_tree(&fixture("basic"), &tmp.path().join("stations").join(id));
    }
    tmp
}

fn break_station(root: &Path, id: &str) {
    let site = root.join("stations").join(id).join("site.yaml");
    let text = fs::read_to_string(&site).unwrap();
    fs::write(&site, format!("{text}\nstation: [unclosed\n")).unwrap();
}

fn json(path: &Path) -> serde_json::Value {
    serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn build_sites_writes_every_station_an_index_and_a_report() {
    let tmp = stations();
    let root = tmp.path();
    let out = root.join("public");
    let args = |out: &Path| {
        vec![
            "--lang".to_string(),
            "en".into(),
            "build".into(),
            "--sites".into(),
            root.join("stations").display().to_string(),
            "--out".into(),
            out.display().to_string(),
        ]
    };
    let run_args = args(&out);
    let r = run(&run_args.iter().map(String::as_str).collect::<Vec<_>>());
    r.assert_code(0);
    for id in ["a", "b", "c"] {
        assert!(out.join(id).join("index.html").is_file(), "{id}");
        assert!(
            out.join(id).join("ita/2567/o07/index.html").is_file(),
            "{id}"
        );
    }
    let index = fs::read_to_string(out.join("index.html")).unwrap();
    for id in ["a", "b", "c"] {
        assert!(
            index.contains(&format!("href=\"{id}/index.html\"")),
            "{index}"
        );
    }
    let report = json(&out.join("report.json"));
    assert_eq!(report["schema_version"], 1);
    let st = report["stations"].as_array().unwrap();
    assert_eq!(st.len(), 3);
    assert!(
        st.iter()
            .all(|s| s["report"]["findings"].is_array() || s["report"].is_object())
    );

    // Station c breaks: the others are rebuilt, c keeps its last good output, the run says which
    // file of which station is wrong and exits 2.
    let before = snapshot(&out.join("c"));
    break_station(root, "c");
    let r = run(&run_args.iter().map(String::as_str).collect::<Vec<_>>());
    r.assert_code(2);
    assert!(
        r.stdout.contains("c\tc\terror") && r.stdout.contains("  site.yaml:"),
        "{}",
        r.stdout
    );
    assert_eq!(
        snapshot(&out.join("c")),
        before,
        "the failed station's last output changed"
    );
    assert!(out.join("a/index.html").is_file() && out.join("b/index.html").is_file());
    let report = json(&out.join("report.json"));
    let c = report["stations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "c")
        .cloned()
        .unwrap();
    assert_eq!(c["status"], "error");
    let problem = c["problems"][0].to_string();
    assert!(problem.contains("\"file\":\"site.yaml\""), "{problem}");
    let index = fs::read_to_string(out.join("index.html")).unwrap();
    assert!(index.contains("อ่านข้อมูลไม่ได้"), "{index}");
}

#[test]
fn check_sites_reports_each_station_in_json() {
    let tmp = stations();
    let root = tmp.path();
    break_station(root, "b");
    let dir = root.join("stations").display().to_string();
    let r = run(&["--lang", "en", "check", "--sites", &dir, "--format", "json"]);
    r.assert_code(2);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let st = v["stations"].as_array().unwrap();
    let status: Vec<(&str, &str)> = st
        .iter()
        .map(|s| (s["id"].as_str().unwrap(), s["status"].as_str().unwrap()))
        .collect();
    assert_eq!(status.len(), 3, "{status:?}");
    assert_eq!(status[1], ("b", "error"));
    assert!(
        status[0].1 != "error" && status[2].1 != "error",
        "{status:?}"
    );
    // A readable station's report carries its findings and counts.
    assert!(st[0]["report"]["errors"].is_number(), "{}", st[0]["report"]);
    assert!(!root.join("public").exists(), "check wrote an output");
}
