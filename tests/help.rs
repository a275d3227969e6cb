//! `--help` is Thai by default and English with `--lang en`, with examples, in every command.
mod common;

use common::run;

fn has_thai(s: &str) -> bool {
    s.chars().any(|c| ('\u{0E00}'..='\u{0E7F}').contains(&c))
}

#[test]
fn help_is_thai_by_default() {
    for args in [
        &["--help"][..],
        &["check", "--help"],
        &["help", "build"],
        &["export", "itap", "--help"],
    ] {
        let r = run(args);
        r.assert_code(0);
        for s in ["ตัวอย่าง:", "การใช้งาน:", "ตัวเลือก:", "แสดงคำอธิบายนี้"]
        {
            assert!(r.stdout.contains(s), "oit {args:?}: no {s}\n{}", r.stdout);
        }
        assert!(
            !r.stdout.contains("Usage:") && !r.stdout.contains("Options:"),
            "{}",
            r.stdout
        );
    }
    let r = run(&["check", "--help"]);
    assert!(
        r.stdout.contains("ตรวจเนื้อหาตามเกณฑ์ OIT ของปีงบประมาณ"),
        "{}",
        r.stdout
    );
}

#[test]
fn help_is_english_with_lang_en() {
    for args in [
        &["--lang", "en", "--help"][..],
        &["check", "--help", "--lang", "en"],
        &["--lang=en", "build", "--help"],
        &["new-year", "--lang", "en", "-h"],
    ] {
        let r = run(args);
        r.assert_code(0);
        for s in ["Usage:", "Options:", "Examples:", "Print help"] {
            assert!(r.stdout.contains(s), "oit {args:?}: no {s}\n{}", r.stdout);
        }
        // Only the examples' station name may be Thai.
        let thai_lines: Vec<&str> = r
            .stdout
            .lines()
            .filter(|l| has_thai(l) && !l.contains("สถานีตำรวจภูธรสอง"))
            .collect();
        assert!(thai_lines.is_empty(), "oit {args:?}: {thai_lines:?}");
    }
}

#[test]
fn every_command_has_examples_in_both_languages() {
    for cmd in [
        "build",
        "check",
        "export",
        "new",
        "new-year",
        "serve",
        "completions",
    ] {
        let r = run(&[cmd, "--help"]);
        r.assert_code(0);
        assert!(r.stdout.contains("ตัวอย่าง:\n  oit "), "{cmd}:\n{}", r.stdout);
        let r = run(&[cmd, "--help", "--lang", "en"]);
        r.assert_code(0);
        assert!(
            r.stdout.contains("Examples:\n  oit "),
            "{cmd}:\n{}",
            r.stdout
        );
    }
}
