//! `oit export itap`: 25 rows with absolute URLs, as .xlsx (read back with calamine), .csv and
//! HTML; without a base URL no URL is invented.
use calamine::{Reader, open_workbook_auto};
use std::process::Command;

fn export(args: &[&str], out: &std::path::Path) -> (i32, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_oit"))
        .args([
            "export",
            "itap",
            "--content",
            "content",
            "--as-of",
            "2567-04-25",
            "--out",
        ])
        .arg(out)
        .args(args)
        .output()
        .unwrap();
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

#[test]
fn itap_sheet_lists_25_items_with_absolute_urls() {
    let tmp = tempfile::tempdir().unwrap();
    let (code, err) = export(
        &["--base-url", "https://song.phrae.police.go.th/oit"],
        tmp.path(),
    );
    assert_eq!(code, 0, "{err}");
    let mut wb = open_workbook_auto(tmp.path().join("itap-2567.xlsx")).unwrap();
    let sheet = wb.sheet_names()[0].clone();
    let range = wb.worksheet_range(&sheet).unwrap();
    let rows: Vec<Vec<String>> = range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    assert_eq!(rows.len(), 26, "header + 25 items");
    assert_eq!(rows[0][0], "ข้อ");
    for (i, row) in rows[1..].iter().enumerate() {
        assert_eq!(row[0], format!("O{}", i + 1));
        assert_eq!(row[2], "มี", "{row:?}");
        assert_eq!(
            row[3],
            format!(
                "https://song.phrae.police.go.th/oit/ita/2567/o{:02}/",
                i + 1
            )
        );
        assert!(!row[4].is_empty());
    }
    let o7 = &rows[7][4];
    assert!(o7.contains("ข้อมูลรายเดือน ต.ค. 66 ถึง มี.ค. 67"), "{o7}");
    let csv = std::fs::read_to_string(tmp.path().join("itap-2567.csv")).unwrap();
    assert_eq!(csv.lines().count(), 26);
    assert!(csv.starts_with('\u{feff}'));
    let html = std::fs::read_to_string(tmp.path().join("itap-2567.html")).unwrap();
    assert_eq!(html.matches("<tr><td>O").count(), 25);
}

#[test]
fn without_a_base_url_no_url_is_invented() {
    let tmp = tempfile::tempdir().unwrap();
    let (code, err) = export(&["--lang", "en"], tmp.path());
    assert_eq!(code, 0);
    assert!(err.contains("no base URL"), "{err}");
    let csv = std::fs::read_to_string(tmp.path().join("itap-2567.csv")).unwrap();
    assert!(!csv.contains("http"), "{csv}");
    assert_eq!(csv.matches("ยังไม่ได้ระบุ base_url").count(), 25);
}
