//! Criteria for any fiscal year: the carried-forward family, honest labels, `check` that never
//! passes silently, stations scaffolded for 2570 and 2571, and bad criteria files.
mod common;

use common::run;
use oit::criteria;
use std::path::Path;

fn json(out: &str) -> serde_json::Value {
    serde_json::from_str(out).unwrap_or_else(|e| panic!("not JSON ({e}):\n{out}"))
}

/// A fresh station of `year` in a temp folder.
fn station(tmp: &Path, year: u16) -> std::path::PathBuf {
    let dir = tmp.join(format!("st{year}"));
    let d = dir.to_str().unwrap();
    run(&[
        "new",
        d,
        "--station",
        "สถานีตำรวจภูธรทดลอง",
        "--year",
        &year.to_string(),
    ])
    .assert_code(0);
    dir
}

#[test]
fn the_family_applied_to_2567_is_the_verified_set() {
    let base = Path::new(".");
    let verified = criteria::load("police-station-2567", base, 2567).unwrap();
    let family = criteria::load("police-station", base, 2567).unwrap();
    assert!(verified.verified() && !family.verified());
    assert_eq!((verified.from, verified.to), (family.from, family.to));
    assert_eq!(verified.file.fiscal_year, family.file.fiscal_year);
    assert_eq!(verified.file.lines_of_work, family.file.lines_of_work);
    // Every item, summary, rule, date, hint and message: equal once the years are filled in.
    assert_eq!(
        format!("{:?}", verified.file.items),
        format!("{:?}", family.file.items)
    );
}

#[test]
fn the_family_follows_the_year() {
    let c = criteria::load("police-station", Path::new("."), 2570).unwrap();
    assert_eq!(c.file.fiscal_year, 2570);
    let months: Vec<String> = c.months().iter().map(|m| m.key()).collect();
    assert_eq!(
        months,
        [
            "2569-10", "2569-11", "2569-12", "2570-01", "2570-02", "2570-03"
        ]
    );
    assert!(c.file.title_th.contains("2570"), "{}", c.file.title_th);
    let o1 = format!("{:?}", c.item("O1").unwrap());
    assert!(o1.contains("2569-12-31") && !o1.contains("2566"), "{o1}");
    assert!(c.mismatch(2570).is_none());
    assert!(c.mismatch(2567).is_some(), "the family starts at 2568");
    // The old draft id still resolves, to the same rules for 2568.
    let draft = criteria::load("police-station-2568-draft", Path::new("."), 2568).unwrap();
    assert_eq!(draft.file.fiscal_year, 2568);
    assert_eq!(
        criteria::default_id(2567).as_deref(),
        Some("police-station-2567")
    );
    assert_eq!(
        criteria::default_id(2571).as_deref(),
        Some("police-station")
    );
    assert_eq!(criteria::default_id(2566), None);
}

#[test]
fn stations_of_2570_and_2571_are_checked_against_their_own_months() {
    let tmp = tempfile::tempdir().unwrap();
    for (year, first, last, as_of) in [
        (2570, "2569-10", "2570-03", "2570-02-15"),
        (2571, "2570-10", "2571-03", "2571-02-15"),
    ] {
        let dir = station(tmp.path(), year);
        let r = run(&[
            "check",
            "--content",
            dir.to_str().unwrap(),
            "--as-of",
            as_of,
            "--format",
            "json",
        ]);
        r.assert_code(1);
        let v = json(&r.stdout);
        let y = &v["years"][0];
        assert_eq!(y["year"], year);
        assert_eq!(y["criteria_verified"], false);
        assert!(
            y["criteria_notice"]["th"]
                .as_str()
                .unwrap()
                .contains("ยกมาจากเกณฑ์ปี 2567")
        );
        let months = y["months"].as_array().unwrap();
        assert_eq!(
            (months[0].as_str().unwrap(), months[5].as_str().unwrap()),
            (first, last)
        );
        // No finding names a year of another fiscal year.
        let text = r.stdout.clone();
        for stale in ["2566", "2567-", "2568-"] {
            if year == 2570 && stale == "2568-" {
                continue;
            }
            assert!(
                !text.contains(&format!("\"{stale}")),
                "{year}: {stale} in {text}"
            );
        }
        // O7 (monthly): October to January are due on 15 Feb, February and March not yet.
        let o7 = y["monthly"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["code"] == "O7")
            .unwrap();
        assert_eq!(o7["months"][first], "missing");
        assert_eq!(o7["months"][last], "not_due");
        // The hint's example date is inside the year: the check's date itself.
        let be = as_of.to_string();
        assert!(r.stdout.contains(&format!("updated: {be}")), "{year}");
    }
}

#[test]
fn a_required_date_still_ahead_is_not_yet_due() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = station(tmp.path(), 2570);
    let d = dir.to_str().unwrap();
    let o1 = |as_of: &str| {
        let v = json(
            &run(&[
                "check",
                "--content",
                d,
                "--as-of",
                as_of,
                "--format",
                "json",
            ])
            .stdout,
        );
        v["years"][0]["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["code"] == "O1")
            .unwrap()
            .clone()
    };
    // 2 Dec 2569: "manpower as of 31 December 2569" cannot exist yet.
    let before = o1("2569-12-02");
    assert!(
        before["not_due"][0]["th"]
            .as_str()
            .unwrap()
            .contains("31 ธันวาคม 2569"),
        "{before}"
    );
    assert!(
        !before.to_string().contains("as_of: 2569-12-31"),
        "{before}"
    );
    // 5 Jan 2570: it is due, and missing.
    let after = o1("2570-01-05");
    assert!(after.get("not_due").is_none(), "{after}");
    assert!(
        after.to_string().contains("ยังไม่ได้ระบุข้อมูล ณ วันที่ (as_of)"),
        "{after}"
    );
}

#[test]
fn the_example_warns_that_its_year_has_ended_but_not_within_it() {
    let content = common::manifest_dir().join("content");
    let c = content.to_str().unwrap();
    let today = run(&["check", "--content", c, "--as-of", "2569-12-02"]);
    today.assert_code(0);
    assert!(
        today.stdout.contains("oit new-year 2570"),
        "{}",
        today.stdout
    );
    let then = run(&[
        "check",
        "--content",
        c,
        "--as-of",
        "2567-04-30",
        "--format",
        "json",
    ]);
    then.assert_code(0);
    let v = json(&then.stdout);
    assert_eq!(
        (v["errors"].as_u64(), v["warnings"].as_u64()),
        (Some(0), Some(0))
    );
    assert_eq!(v["years"][0]["criteria_verified"], true);
    assert!(v["years"][0].get("criteria_notice").is_none());
}

#[test]
fn check_never_passes_having_checked_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = station(tmp.path(), 2570);
    let d = dir.to_str().unwrap();
    let site = dir.join("site.yaml");
    let text = std::fs::read_to_string(&site).unwrap();

    // A year with no criteria at all.
    std::fs::write(
        &site,
        text.replace("fiscal_year: 2570", "fiscal_year: 2566"),
    )
    .unwrap();
    let r = run(&["check", "--content", d, "--format", "json", "--lang", "en"]);
    r.assert_code(1);
    assert!(
        r.stdout
            .contains("there are no criteria for fiscal year 2566"),
        "{}",
        r.stdout
    );

    // Criteria of another year than the site's.
    std::fs::write(&site, format!("{text}criteria: police-station-2567\n")).unwrap();
    let r = run(&["check", "--content", d, "--lang", "en"]);
    r.assert_code(1);
    assert!(
        r.stdout
            .contains("describe fiscal year 2567 but the site's fiscal year is 2570"),
        "{}",
        r.stdout
    );
    std::fs::write(&site, &text).unwrap();

    // A --year the site does not have, and a CE year typed by mistake.
    let r = run(&["check", "--content", d, "--year", "2599"]);
    r.assert_code(1);
    assert!(r.stdout.contains("ไม่มีปีงบประมาณ 2599"), "{}", r.stdout);
    let r = run(&["check", "--content", d, "--year", "2027"]);
    r.assert_code(1);
    assert!(
        r.stdout.contains("หมายถึงปีงบประมาณ พ.ศ. 2570 หรือไม่"),
        "{}",
        r.stdout
    );
}

#[test]
fn build_summary_says_the_criteria_are_carried_forward() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = station(tmp.path(), 2570);
    let out = tmp.path().join("public");
    let r = common::build(&dir, &out, &[]);
    r.assert_code(0);
    assert!(r.stderr.contains("ยกมาจากเกณฑ์ปีก่อน"), "{}", r.stderr);
    // Never on the public site.
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(!index.contains("ยกมาจาก"));
}

#[test]
fn bad_criteria_files_are_named_with_their_line() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = station(tmp.path(), 2570);
    let d = dir.to_str().unwrap();
    let site = dir.join("site.yaml");
    let text = std::fs::read_to_string(&site).unwrap();
    std::fs::write(&site, format!("{text}criteria: mine.yaml\n")).unwrap();
    let good =
        criteria::editable_copy("police-station", Path::new("."), "mine", Some(2570)).unwrap();
    for (label, bad, needle) in [
        (
            "token",
            good.replacen("fiscal_year: 2570", "fiscal_year: {FY-x}", 1),
            "{FY-x}",
        ),
        (
            "kind",
            good.replacen("kind: page", "kind: pages", 1),
            "pages",
        ),
        (
            "syntax",
            good.replacen("items:", "items:\n\t- code: O99", 1),
            "mine.yaml",
        ),
        (
            "ce",
            good.replacen("fiscal_year: 2570", "fiscal_year: 2027", 1),
            "2570",
        ),
        (
            "date",
            good.replacen("equals: 2569-12-31", "equals: 2569-02-30", 1),
            "2569-02-30",
        ),
    ] {
        std::fs::write(dir.join("mine.yaml"), &bad).unwrap();
        let r = run(&["check", "--content", d]);
        assert!(matches!(r.code, Some(1 | 2)), "{label}: {r:?}");
        assert!(!r.stderr.contains("panicked"), "{label}");
        let all = format!("{}{}", r.stdout, r.stderr);
        assert!(all.contains(needle), "{label}: {all}");
        assert!(all.contains("mine.yaml:"), "{label}: no file:line in {all}");
    }
}

#[test]
fn criteria_new_then_check_round_trips() {
    let tmp = tempfile::tempdir().unwrap();
    for (from, year) in [
        ("police-station", Some("2571")),
        ("police-station", None),
        ("police-station-2567", None),
    ] {
        let file = tmp
            .path()
            .join(format!("{from}-{}.yaml", year.unwrap_or("any")));
        let f = file.to_str().unwrap();
        let mut args = vec!["criteria", "new", f, "--from", from];
        if let Some(y) = year {
            args.extend(["--year", y]);
        }
        run(&args)
            .assert_code(0)
            .assert_stderr_has("oit criteria check");
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(text.starts_with("# ----"), "a guide on top");
        assert!(text.contains("carried_forward_from") || from.ends_with("2567"));
        if year.is_some() {
            assert!(
                !text.lines().any(|l| l.starts_with("years:")),
                "a one-year copy"
            );
            assert!(text.contains("fiscal_year: 2571") && text.contains("equals: 2570-12-31"));
        }
        let r = run(&["criteria", "check", f]);
        r.assert_code(0);
        assert!(r.stdout.contains("ใช้ได้"), "{r:?}");
        // Written again without --force: refused, the file kept.
        run(&args).assert_code(2);
    }
}

#[test]
fn criteria_check_lists_every_problem_with_its_line() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("bad.yaml");
    let f = file.to_str().unwrap();
    run(&["criteria", "new", f, "--from", "police-station-2567"]).assert_code(0);
    let text = std::fs::read_to_string(&file).unwrap();
    let bad = text.replacen("- code: O2\n", "- code: O1\n", 1).replacen(
        "kind: attachments, severity: error, min: 1",
        "kind: attachments, severity: error, min: 0",
        1,
    );
    std::fs::write(&file, &bad).unwrap();
    let r = run(&["criteria", "check", f, "--lang", "en"]);
    r.assert_code(2);
    let o2_line = bad.lines().position(|l| l.trim() == "- code: O1").unwrap() + 1;
    assert!(
        r.stderr.contains("item code O1 appears twice"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("min: 0 makes the rule always pass"),
        "{}",
        r.stderr
    );
    let dup_line = bad
        .lines()
        .enumerate()
        .filter(|(_, l)| l.trim() == "- code: O1")
        .nth(1)
        .map(|(i, _)| i + 1)
        .unwrap();
    assert!(dup_line > o2_line);
    assert!(
        r.stderr.contains(&format!("bad.yaml:{dup_line}")),
        "{}",
        r.stderr
    );
}

#[test]
fn criteria_show_is_the_document_a_coordinator_reads() {
    let r = run(&["criteria", "show", "police-station-2567", "--format", "md"]);
    r.assert_code(0);
    insta::assert_snapshot!("criteria_show_2567_md", r.stdout);
    // The family shown for 2570 names 2570's months and dates, and says it is carried forward.
    let r = run(&[
        "criteria",
        "show",
        "police-station",
        "--year",
        "2570",
        "--lang",
        "en",
    ]);
    r.assert_code(0);
    assert!(
        r.stdout.contains("October 2569") || r.stdout.contains("October 2026"),
        "{}",
        &r.stdout[..600]
    );
    assert!(r.stdout.contains("31 December 2026"), "O1's manpower date");
    assert!(r.stdout.contains("carried forward from 2567"));
    let html = run(&[
        "criteria",
        "show",
        "police-station-2570",
        "--format",
        "html",
    ]);
    html.assert_code(0);
    assert!(html.stdout.starts_with("<!DOCTYPE html>") && html.stdout.contains("<h2>O25 "));
}

#[test]
fn criteria_diff_names_what_changed() {
    let r = run(&[
        "criteria",
        "diff",
        "police-station-2567",
        "police-station-2570",
    ]);
    r.assert_code(1);
    assert!(
        r.stdout.contains("2566-10 – 2567-03 → 2569-10 – 2570-03"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("31 ธันวาคม 2569"),
        "O1's date rule changed"
    );
    let same = run(&[
        "criteria",
        "diff",
        "police-station-2570",
        "police-station-2570",
    ]);
    same.assert_code(0);
}

/// The webmaster's notice says what to do now and what to wait for; making a criteria file is
/// the coordinator's step, and `oit criteria list` is where it is explained.
#[test]
fn the_notice_is_for_the_webmaster_and_list_is_for_the_coordinator() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = station(tmp.path(), 2570);
    let r = run(&[
        "check",
        "--content",
        dir.to_str().unwrap(),
        "--as-of",
        "2026-12-02",
    ]);
    let notice = r
        .stdout
        .lines()
        .find(|l| l.starts_with("! โปรดทราบ"))
        .unwrap_or_else(|| panic!("no notice in\n{}", r.stdout));
    assert!(notice.contains("ยกมาจากเกณฑ์ปี 2567"), "{notice}");
    assert!(notice.contains("criteria:"), "{notice}");
    assert!(!notice.contains("oit criteria new"), "{notice}");
    assert!(
        notice.chars().count() < 260,
        "{} characters",
        notice.chars().count()
    );
    // A new station has a long list: the last line says where to start.
    assert!(
        r.stdout.trim_end().ends_with("แล้วส่งให้แต่ละคน"),
        "{}",
        r.stdout
    );

    let list = run(&["criteria", "list"]);
    list.assert_code(0);
    let now = oit::thai::FiscalYear::current().be_year();
    assert!(
        list.stdout.contains(&format!(
            "oit criteria new police-station-{now}.yaml --from police-station --year {now}"
        )),
        "{}",
        list.stdout
    );
}
