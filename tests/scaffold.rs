//! `oit new` and `oit new-year`: what they write, that check flags the drafts, and that nothing
//! existing is overwritten without --force.
use std::process::Command;

fn oit(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_oit"))
        .args(args)
        .output()
        .expect("run oit");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn new_station_is_flagged_until_filled_and_never_overwritten() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("st");
    let d = dir.to_str().unwrap();
    let (code, _, err) = oit(&[
        "new",
        d,
        "--station",
        "สถานีตำรวจภูธรทดลอง",
        "--year",
        "2567",
        "--lang",
        "en",
    ]);
    assert_eq!(code, 0, "{err}");
    for n in 1..=25 {
        assert!(
            dir.join(format!("ita/2567/o{n:02}/index.md")).is_file(),
            "o{n:02}"
        );
    }
    let site = std::fs::read_to_string(dir.join("site.yaml")).unwrap();
    assert!(
        site.contains("name_th: \"สถานีตำรวจภูธรทดลอง\"")
            // No criteria: line: the built-in criteria of the site's fiscal year apply.
            && !site.lines().any(|l| l.starts_with("criteria:")),
        "{site}"
    );

    // Every item is reported as a draft.
    let (code, out, _) = oit(&[
        "check",
        "--content",
        d,
        "--as-of",
        "2567-05-01",
        "--format",
        "json",
    ]);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let drafts = v["years"][0]["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| {
            i["findings"]
                .as_array()
                .unwrap()
                .iter()
                .any(|f| f["rule"] == "placeholder")
        })
        .count();
    assert_eq!(drafts, 25);

    // The scaffold builds into a site whose links all resolve.
    let out_dir = tmp.path().join("out");
    let (code, _, err) = oit(&["build", "--content", d, "--out", out_dir.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");

    // A second `new` keeps an edited file; --force replaces it.
    let edited = dir.join("ita/2567/o07/index.md");
    std::fs::write(&edited, "---\ntitle: แก้แล้ว\n---\nเนื้อหาจริง\n").unwrap();
    let (code, _, err) = oit(&["new", d, "--year", "2567", "--lang", "en"]);
    assert_eq!(code, 0);
    assert!(err.contains("not overwritten"), "{err}");
    assert!(
        std::fs::read_to_string(&edited)
            .unwrap()
            .contains("เนื้อหาจริง")
    );
    let (code, _, _) = oit(&["new", d, "--year", "2567", "--force"]);
    assert_eq!(code, 0);
    assert!(
        std::fs::read_to_string(&edited)
            .unwrap()
            .contains("placeholder: true")
    );
}

#[test]
fn new_year_keeps_officers_and_moves_site_yaml() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("c");
    copy_dir(std::path::Path::new("tests/fixtures/basic"), &dir);
    let d = dir.to_str().unwrap();
    let (code, _, err) = oit(&["new-year", "2568", "--content", d, "--lang", "en"]);
    assert_eq!(code, 0, "{err}");
    let o1 = std::fs::read_to_string(dir.join("ita/2568/o01/index.md")).unwrap();
    assert!(
        o1.contains("supervisor: [head]") && o1.contains("prepared_by: [clerk]"),
        "{o1}"
    );
    assert!(o1.contains("placeholder: true"));
    assert!(
        !dir.join("ita/2568/o01/แผนผัง.pdf").exists(),
        "files are not carried over"
    );
    let site = std::fs::read_to_string(dir.join("site.yaml")).unwrap();
    assert!(
        // The 2567 criteria cannot serve 2568: the line becomes a comment and the built-in
        // criteria of 2568 apply.
        site.contains("fiscal_year: 2568") && !site.lines().any(|l| l.starts_with("criteria:")),
        "{site}"
    );
    // The old year stays published beside the new one.
    let out_dir = tmp.path().join("out");
    let (code, _, err) = oit(&["build", "--content", d, "--out", out_dir.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out_dir.join("ita/2567/o01/index.html").is_file()
            && out_dir.join("ita/2568/o01/index.html").is_file()
    );
    let (code, _, err) = oit(&["new-year", "2567", "--content", d, "--lang", "en"]);
    assert_eq!(code, 2, "{err}");
}

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
