//! Loading never hides checking: a file that cannot be read (a deleted attachment, a misspelt
//! key, an undeclared officer) is a finding on its item, and every other item is still loaded,
//! checked and reported; `check --format json` always prints one JSON document.
mod common;

use common::*;
use serde_json::Value;
use std::fs;
use std::path::Path;

const AS_OF: &str = "2567-04-30";

/// A copy of the example station in `<tmp>/content`.
fn example() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_tree(&manifest_dir().join("content"), &tmp.path().join("content"));
    tmp
}

fn check_json(content: &Path) -> (Run, Value) {
    let c = content.to_str().unwrap();
    let r = run(&[
        "--lang",
        "en",
        "check",
        "--content",
        c,
        "--as-of",
        AS_OF,
        "--format",
        "json",
    ]);
    let v: Value = serde_json::from_str(&r.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is one JSON document ({e}):\n{}\n{}",
            r.stdout, r.stderr
        )
    });
    (r, v)
}

fn items(v: &Value) -> Vec<Value> {
    v["years"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|y| y["items"].as_array().unwrap().clone())
        .collect()
}

fn item(v: &Value, code: &str) -> Value {
    items(v)
        .into_iter()
        .find(|i| i["code"] == code)
        .unwrap_or_else(|| panic!("no item {code}"))
}

fn finding<'a>(item: &'a Value, rule: &str) -> &'a Value {
    item["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == rule)
        .unwrap_or_else(|| panic!("no {rule} finding in {item:#}"))
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} has no {from:?}", path.display());
    fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// Each item's status in the unbroken example.
fn statuses(v: &Value) -> Vec<(String, String)> {
    items(v)
        .iter()
        .map(|i| {
            (
                i["code"].as_str().unwrap().into(),
                i["status"].as_str().unwrap().into(),
            )
        })
        .collect()
}

#[test]
fn a_deleted_attachment_is_a_finding_on_its_item_and_the_rest_is_checked() {
    let tmp = example();
    let content = tmp.path().join("content");
    let (_, good) = check_json(&content);
    fs::remove_file(content.join("ita/2567/o07/2566-11/report.pdf")).unwrap();
    let (r, v) = check_json(&content);
    r.assert_code(1);
    let o7 = item(&v, "O7");
    assert_eq!(o7["status"], "fail");
    let f = finding(&o7, "missing-file");
    assert_eq!(f["file"], "ita/2567/o07/index.md");
    assert!(f["line"].as_u64().is_some(), "{f:#}");
    assert_eq!(f["month"], "2566-11");
    assert_eq!(f["item"], "O7");
    assert!(!f["officers"].as_array().unwrap().is_empty(), "{f:#}");
    assert!(v["errors"].as_u64().unwrap() >= 1);
    // Every other item is there, with the status it had.
    let before = statuses(&good);
    let after = statuses(&v);
    assert_eq!(after.len(), before.len());
    assert!(before.len() >= 25, "{before:?}");
    for (b, a) in before.iter().zip(&after) {
        if b.0 != "O7" {
            assert_eq!(a, b);
        }
    }
}

#[test]
fn a_misspelt_key_is_reported_with_a_suggestion_and_the_item_still_checked() {
    let tmp = example();
    let content = tmp.path().join("content");
    edit(
        &content.join("ita/2567/o01/index.md"),
        "\nupdated:",
        "\nupdatd:",
    );
    let (r, v) = check_json(&content);
    r.assert_code(1);
    let o1 = item(&v, "O1");
    let f = finding(&o1, "yaml");
    assert_eq!(f["file"], "ita/2567/o01/index.md");
    assert!(f["line"].as_u64().is_some(), "{f:#}");
    let en = f["message"]["en"].as_str().unwrap();
    assert!(
        en.contains("updatd") && en.contains("did you mean \"updated\""),
        "{en}"
    );
    // The rest of the page was read: its title is the item's, not an empty one.
    assert!(!o1["title"].as_str().unwrap().is_empty());
    assert!(items(&v).len() >= 25);
    assert_eq!(item(&v, "O2")["code"], "O2");
}

#[test]
fn an_undeclared_officer_is_a_finding_naming_the_declared_ids() {
    let tmp = example();
    let content = tmp.path().join("content");
    edit(
        &content.join("ita/2567/o07/index.md"),
        "published_by: [wittaya, sirasit]",
        "published_by: [wittaya, nobody]",
    );
    let (r, v) = check_json(&content);
    r.assert_code(1);
    let o7 = item(&v, "O7");
    let f = finding(&o7, "unknown-officer");
    assert_eq!(f["item"], "O7");
    assert!(f["line"].as_u64().is_some());
    let hint = f["hint"]["en"].as_str().unwrap();
    assert!(
        hint.contains("wittaya") && hint.contains("sirasit"),
        "{hint}"
    );
    assert!(items(&v).len() >= 25);
}

#[test]
fn a_broken_site_yaml_still_gives_one_json_document() {
    let tmp = example();
    let content = tmp.path().join("content");
    let site = content.join("site.yaml");
    let text = fs::read_to_string(&site).unwrap();
    fs::write(&site, format!("{text}\nstation: [unclosed\n")).unwrap();
    let (r, v) = check_json(&content);
    r.assert_code(2);
    assert_eq!(v["schema_version"], 1);
    assert!(v["station"].is_null());
    assert!(v["errors"].as_u64().unwrap() >= 1);
    let problems = v["problems"].as_array().unwrap();
    assert!(problems.iter().any(|f| f["file"] == "site.yaml"), "{v:#}");
    // No site.yaml at all: the same.
    fs::remove_file(&site).unwrap();
    let (r, v) = check_json(&content);
    r.assert_code(2);
    assert!(!v["problems"].as_array().unwrap().is_empty());
}

#[test]
fn build_with_a_deleted_attachment_reports_everything_and_keeps_the_last_site() {
    let tmp = example();
    let content = tmp.path().join("content");
    let out = tmp.path().join("public");
    build(&content, &out, &["--lang", "en", "--as-of", AS_OF]).assert_code(0);
    let before = snapshot(&out);
    fs::remove_file(content.join("ita/2567/o07/2566-11/report.pdf")).unwrap();
    // A rule finding on another item: O3 is missing.
    fs::remove_dir_all(content.join("ita/2567/o03")).unwrap();
    let r = build(&content, &out, &["--lang", "en", "--as-of", AS_OF]);
    r.assert_code(2);
    r.assert_stderr_has("ita/2567/o07/index.md:")
        .assert_stderr_has("[O7]")
        .assert_stderr_has("2566-11/report.pdf")
        .assert_stderr_has("[O3]")
        .assert_stderr_has("check: ")
        .assert_stderr_has("the previous site");
    assert!(
        snapshot(&out) == before,
        "a failed build changed the previous site"
    );
}

#[test]
fn check_sites_json_puts_a_broken_station_s_findings_in_its_problems() {
    let tmp = tempfile::tempdir().unwrap();
    let stations = tmp.path().join("stations");
    for id in ["a", "b"] {
        copy_tree(&manifest_dir().join("content"), &stations.join(id));
    }
    fs::remove_file(stations.join("b/ita/2567/o07/2566-11/report.pdf")).unwrap();
    let r = run(&[
        "--lang",
        "en",
        "check",
        "--sites",
        stations.to_str().unwrap(),
        "--as-of",
        AS_OF,
        "--format",
        "json",
    ]);
    let v: Value = serde_json::from_str(&r.stdout).expect("one JSON document");
    let b = v["stations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "b")
        .unwrap()
        .clone();
    assert_eq!(b["status"], "error");
    let f = b["problems"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "missing-file")
        .unwrap_or_else(|| panic!("{b:#}"));
    assert_eq!(f["file"], "ita/2567/o07/index.md");
    assert_eq!(f["item"], "O7");
    // Its report is there too, with every item checked.
    assert!(items(&b["report"]).len() >= 25);
    let a = v["stations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "a")
        .unwrap();
    assert!(a["problems"].as_array().unwrap().is_empty());
}
