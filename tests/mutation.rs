//! The example station passes with zero errors; delete one monthly file from a copy of it and
//! `check` reports exactly that: one finding, for O7, December 2566, the missing Word copy.
use std::process::Command;

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    for e in walkdir::WalkDir::new(from) {
        let e = e.unwrap();
        let dest = to.join(e.path().strip_prefix(from).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(e.path(), &dest).unwrap();
        }
    }
}

fn check(content: &std::path::Path) -> (i32, serde_json::Value) {
    let out = Command::new(env!("CARGO_BIN_EXE_oit"))
        .args([
            "check",
            "--as-of",
            "2567-04-25",
            "--format",
            "json",
            "--content",
        ])
        .arg(content)
        .output()
        .unwrap();
    let v = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    (out.status.code().unwrap_or(-1), v)
}

fn findings(v: &serde_json::Value) -> Vec<serde_json::Value> {
    v["years"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|y| {
            y["items"]
                .as_array()
                .unwrap()
                .iter()
                .flat_map(|i| i["findings"].as_array().unwrap().clone())
                .chain(y["other"].as_array().unwrap().clone())
        })
        .collect()
}

#[test]
fn example_passes_and_one_deleted_monthly_file_is_exactly_one_finding() {
    let (code, v) = check(std::path::Path::new("content"));
    assert_eq!(code, 0);
    assert!(findings(&v).is_empty(), "{:#?}", findings(&v));

    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    copy_dir(std::path::Path::new("content"), &content);
    let o7 = content.join("ita/2567/o07/index.md");
    std::fs::remove_file(content.join("ita/2567/o07/2566-12/report.docx")).unwrap();
    let text = std::fs::read_to_string(&o7).unwrap();
    let kept: String = text
        .lines()
        .filter(|l| !l.contains("2566-12/report.docx"))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_eq!(kept.lines().count() + 1, text.lines().count());
    std::fs::write(&o7, kept).unwrap();

    let (code, v) = check(&content);
    assert_eq!(code, 1);
    let f = findings(&v);
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0]["item"], "O7");
    assert_eq!(f[0]["month"], "2566-12");
    assert_eq!(f[0]["rule"], "monthly");
    assert_eq!(f[0]["file"], "ita/2567/o07/index.md");
    assert_eq!(f[0]["line"], 13);
    assert!(
        f[0]["message"]["th"]
            .as_str()
            .unwrap()
            .contains("ธันวาคม 2566")
    );
    assert!(
        f[0]["officers"]
            .as_array()
            .unwrap()
            .iter()
            .any(|o| o == "wittaya")
    );
}
