//! The human output of `oit check`, snapshotted so any change of wording is deliberate.
use std::process::Command;

fn check(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_oit"))
        .args([
            "check",
            "--content",
            "tests/fixtures/basic",
            "--as-of",
            "2567-05-01",
        ])
        .args(args)
        .output()
        .expect("run oit");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).expect("utf-8"),
    )
}

#[test]
fn check_text_thai() {
    let (code, out) = check(&["--lang", "th"]);
    assert_eq!(code, 1);
    insta::assert_snapshot!(out);
}

#[test]
fn check_text_english() {
    let (code, out) = check(&["--lang", "en"]);
    assert_eq!(code, 1);
    insta::assert_snapshot!(out);
}

#[test]
fn check_by_officer() {
    let (code, out) = check(&["--by-officer"]);
    assert_eq!(code, 1);
    insta::assert_snapshot!(out);
}

#[test]
fn check_json_schema() {
    let (code, out) = check(&["--format", "json"]);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    assert_eq!(v["schema_version"], 1);
    assert_eq!(v["as_of"], "2024-05-01");
    let items = v["years"][0]["items"].as_array().unwrap();
    assert_eq!(items.len(), 25);
    let o7 = items.iter().find(|i| i["code"] == "O7").unwrap();
    assert_eq!(o7["status"], "fail");
    let months: Vec<&str> = o7["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["month"].as_str())
        .collect();
    assert!(months.contains(&"2566-12"), "{months:?}");
    let f = &o7["findings"][0];
    for key in [
        "severity", "rule", "item", "file", "line", "message", "hint", "officers",
    ] {
        assert!(f.get(key).is_some(), "finding lacks {key}: {f}");
    }
    assert!(f["message"]["th"].is_string() && f["message"]["en"].is_string());
}
