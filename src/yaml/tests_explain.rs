//! YAML mistakes a webmaster makes, and what `parse` says about them: the right line, the fix,
//! and no English from the parser outside the parentheses at the end.
use super::parse;
use crate::diagnostics::Finding;
use serde::Deserialize;
use std::path::Path;

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Page {
    title: String,
    #[serde(default)]
    n: u32,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    sub: Option<Sub>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Sub {
    a: String,
    #[serde(default)]
    b: String,
}

/// The finding for `yaml`, as front matter starting at line 2 of `a.md`.
fn err(yaml: &str) -> Finding {
    match parse::<Page>(yaml, Path::new("a.md"), 2) {
        Ok(p) => panic!("accepted: {p:?}"),
        Err(f) => f,
    }
}

/// Words allowed in the Thai text outside `code` and the final parentheses.
const LATIN_OK: &[&str] = &[
    "YAML",
    "Tab",
    "space",
    "true",
    "false",
    "comment",
    "alias",
    "key",
    "Notepad",
    "Settings",
    "Preferences",
    "Language",
    "Replace",
    "by",
    "README",
];

/// Asserts `f` is on file line `line`, names it, contains every piece of `fix`, and says
/// nothing in English outside backticks and the parentheses at the end.
fn check(f: &Finding, line: usize, fix: &[&str]) {
    let th = &f.message.th;
    assert_eq!(f.file.as_deref(), Some("a.md"));
    assert_eq!(f.line, Some(line), "{th}");
    assert!(th.starts_with(&format!("บรรทัด {line}: ")), "{th}");
    for piece in fix {
        assert!(th.contains(piece), "{piece:?} missing from: {th}");
    }
    // The parser's words may come only in the last parentheses.
    let body = &th[..final_parentheses(th)];
    let mut outside = String::new();
    // Code and names (in backticks or double quotes) are not English prose.
    for (i, part) in body.split('`').enumerate() {
        if i % 2 == 0 {
            for (j, piece) in part.split('"').enumerate() {
                if j % 2 == 0 {
                    outside.push_str(piece);
                    outside.push(' ');
                }
            }
        }
    }
    for word in outside.split(|c: char| !c.is_ascii_alphabetic()) {
        assert!(
            word.len() < 2 || LATIN_OK.contains(&word),
            "English {word:?} outside the parentheses: {th}"
        );
    }
    assert!(
        f.message.en.contains(&format!("line {line}")),
        "{}",
        f.message.en
    );
}

/// Where the parenthesised group that ends `s` starts (`s.len()` when it ends otherwise).
fn final_parentheses(s: &str) -> usize {
    if !s.ends_with(')') {
        return s.len();
    }
    let mut depth = 0;
    for (i, c) in s.char_indices().rev() {
        match c {
            ')' => depth += 1,
            '(' => {
                depth -= 1;
                if depth == 0 {
                    return i;
                }
            }
            _ => {}
        }
    }
    s.len()
}

#[test]
fn tab_used_for_indentation() {
    let f = err("title: a\nsub:\n\ta: x\n");
    check(
        &f,
        4,
        &["ใช้ปุ่ม Tab ย่อหน้า", "ใช้เว้นวรรค (space) แทน", "เว้นวรรค 2 ช่อง"],
    );
    // The parser names the line before a continuation; the tab is on the next.
    let f = err("title: a\n\tn: 1\n");
    check(&f, 3, &["Tab", "ไม่ต้องย่อหน้า"]);
    let f = err("title: a\nsub:\n  a: x\n\tb: y\n");
    check(&f, 5, &["Tab", "เว้นวรรค 2 ช่อง"]);
}

#[test]
fn missing_space_after_colon() {
    let f = err("title:ข่าว\n");
    check(&f, 2, &["`title:ข่าว` ต้องมีเว้นวรรคหลัง `:` เป็น `title: ข่าว`"]);
    let f = err("title: a\nn:1\n");
    check(&f, 3, &["`n: 1`"]);
}

#[test]
fn wrong_indentation() {
    let f = err("title: a\n  n: 1\n");
    check(&f, 3, &["ย่อหน้าลึกเกินไป", "ชิดซ้าย", "`title:` ในบรรทัด 2"]);
    let f = err("title: a\nsub:\n  a: x\n   b: y\n");
    check(&f, 5, &["ย่อหน้า 2 ช่องเท่ากับ `a:` ในบรรทัด 4"]);
    let f = err("title: a\nsub:\n    a: x\n  b: y\n");
    check(
        &f,
        5,
        &["ย่อหน้า 2 ช่อง ไม่ตรง", "ย่อหน้า 4 ช่องเท่ากับ `a:` ในบรรทัด 4"],
    );
    let f = err("title: a\ntags:\n  - a\n  b: c\n");
    check(&f, 5, &["`b: c`", "`- `", "`tags:` ในบรรทัด 3"]);
}

#[test]
fn colon_in_an_unquoted_text() {
    let f = err("title: ข่าว: ประชาสัมพันธ์\n");
    check(
        &f,
        2,
        &[
            "ให้ใส่เครื่องหมายคำพูด \"…\" ครอบข้อความ",
            "`title: \"ข่าว: ประชาสัมพันธ์\"`",
        ],
    );
}

#[test]
fn hash_cuts_an_unquoted_text() {
    let f = err("title: #1 ข่าว\n");
    check(&f, 2, &["หมายเหตุ (comment)", "`title: \"#1 ข่าว\"`"]);
}

#[test]
fn unclosed_quote() {
    let f = err("title: \"ข่าว\nn: 1\n");
    check(&f, 2, &["ไม่ได้ปิด", "`title: \"ข่าว\"`"]);
    let f = err("n: 1\ntitle: 'ข่าว\n");
    check(&f, 3, &["`title: 'ข่าว'`"]);
    let f = err("title: \"a\" b\n");
    check(&f, 2, &["`title: '\"a\" b'`"]);
}

#[test]
fn unclosed_bracket() {
    let f = err("title: a\ntags: [ก, ข\nn: 1\n");
    check(&f, 3, &["`[`", "`]`", "`tags: [ก, ข]`"]);
    let f = err("title: a\nsub: {a: x\nn: 1\n");
    check(&f, 3, &["`{`", "`sub: {a: x}`"]);
}

#[test]
fn duplicate_key() {
    let f = err("title: a\nn: 1\ntitle: b\n");
    check(&f, 4, &["`title` ซ้ำกับบรรทัด 2"]);
}

#[test]
fn list_item_where_a_mapping_is_expected() {
    let f = err("title: a\nsub:\n  - a: x\n");
    check(&f, 4, &["รายการ", "ให้ลบ `- ` ออก เป็น `a: x`"]);
    let f = err("- title: a\n");
    check(&f, 2, &["`title: a`"]);
    let f = err("title: a\n- b\n");
    check(&f, 3, &["`- b`", "ย่อหน้ารายการเข้าไป"]);
}

#[test]
fn value_of_the_wrong_kind() {
    let f = err("title: a\ntags: ก\n");
    check(&f, 3, &["`tags` ต้องเป็นรายการ", "`tags: [ก]`"]);
    let f = err("title: a\nn: สิบ\n");
    check(&f, 3, &["`n` ต้องเป็นตัวเลขจำนวนเต็ม", "`สิบ`"]);
    let f = err("title: a\nn: -1\n");
    check(&f, 3, &["ไม่ติดลบ"]);
    let f = err("title: [a]\n");
    check(&f, 2, &["`title: a`", "`title: \"[a]\"`"]);
    // A very long line is shown shortened.
    let f = err(&format!("title: {}\n", "[".repeat(10_000)));
    assert!(f.message.th.chars().count() < 400, "{}", f.message.th);
    let f = err("title: a\nsub: x\n");
    check(&f, 3, &["`sub` ต้องมีหัวข้อย่อย"]);
}

#[test]
fn unknown_key_suggests_the_near_one() {
    let f = err("titel: ข่าว\n");
    check(
        &f,
        2,
        &["ไม่รู้จักหัวข้อ `titel` หมายถึง \"title\" หรือไม่", "`title: ข่าว`"],
    );
    assert!(
        f.message.en.contains("did you mean \"title\""),
        "{}",
        f.message.en
    );
    let f = err("title: a\nzzzz: 1\n");
    check(&f, 3, &["`zzzz`", "หัวข้อที่ใช้ได้: title, n, tags, sub"]);
    assert!(!f.message.th.contains("หมายถึง"), "{}", f.message.th);
}

#[test]
fn missing_key() {
    let f = err("n: 1\n");
    assert!(f.message.th.contains("ขาดหัวข้อ `title`"), "{}", f.message.th);
}

#[test]
fn unknown_mistakes_keep_the_parser_words_in_parentheses() {
    let f = err("title: *x\n");
    let th = &f.message.th;
    assert!(th.starts_with("บรรทัด 2: รูปแบบ YAML ไม่ถูกต้อง"), "{th}");
    let raw = &th[final_parentheses(th)..];
    assert!(raw.len() > 2 && raw.is_ascii(), "{th}");
}
