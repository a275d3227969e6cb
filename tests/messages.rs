//! Messages that name the thing: monthly work filed in month folders, placeholder values, the
//! row a table finding is about, the news that did not count, the format to save a file as,
//! the YAML to paste for an unlisted file, and Thai typography in every message.
mod common;
mod one_rule;
mod samples;

use one_rule::SITE;

use common::manifest_dir;
use oit::check::{self, CheckOptions};
use oit::diagnostics::{Finding, Severity};
use std::path::Path;

/// Loads and checks a site made of `files` with one rule; the loader's warnings and the
/// report's findings together, in that order.
fn run_site(site_yaml: &str, rule: &str, files: &[(&str, &[u8])]) -> Vec<Finding> {
    let (warnings, findings) = one_rule::load_and_check(site_yaml, rule, files);
    warnings.into_iter().chain(findings).collect()
}

fn run(rule: &str, files: &[(&str, &[u8])]) -> Vec<Finding> {
    run_site(SITE, rule, files)
}

fn page(front: &str) -> Vec<u8> {
    format!("---\nsupervisor: head\nprepared_by: clerk\npublished_by: clerk\n{front}---\nเนื้อหา\n")
        .into_bytes()
}

const IDX: &str = "ita/2567/o01/index.md";
const MONTHLY: &str = "{ kind: monthly, formats: [pdf], allow_none: true }";

fn with_rule<'a>(findings: &'a [Finding], rule: &str) -> Vec<&'a Finding> {
    findings.iter().filter(|f| f.rule == rule).collect()
}

// 1. Monthly work as people do it -----------------------------------------------------------

#[test]
fn files_in_month_folders_count_without_a_months_entry() {
    let idx = page("");
    let f = run(
        MONTHLY,
        &[
            (IDX, &idx),
            ("ita/2567/o01/2566-10/report.pdf", b"%PDF"),
            ("ita/2567/o01/11-2566/report.pdf", b"%PDF"),
            ("ita/2567/o01/ธ.ค.66/report.pdf", b"%PDF"),
        ],
    );
    assert!(f.is_empty(), "{f:#?}");
}

#[test]
fn month_folder_adds_to_a_listed_month() {
    // December is listed with one file; the folder's other file counts too and is not unlisted.
    let idx = page(
        "months:\n  2566-10: { none: ไม่มี }\n  2566-11: { none: ไม่มี }\n  2566-12: [2566-12/a.pdf]\n",
    );
    let f = run(
        MONTHLY,
        &[
            (IDX, &idx),
            ("ita/2567/o01/2566-12/a.pdf", b"%PDF"),
            ("ita/2567/o01/2566-12/b.pdf", b"%PDF"),
        ],
    );
    assert!(f.is_empty(), "{f:#?}");
}

#[test]
fn month_key_outside_the_fiscal_year_is_a_warning_naming_it() {
    let idx = page(
        "months:\n  2566-10: { none: ไม่มี }\n  2566-11: { none: ไม่มี }\n  2566-12: { none: ไม่มี }\n  2568-10: { none: ไม่มี }\n  2569-1: { none: ไม่มี }\n",
    );
    let f = run(MONTHLY, &[(IDX, &idx)]);
    let month = with_rule(&f, "month");
    assert_eq!(month.len(), 2, "{f:#?}");
    let first = month
        .iter()
        .find(|m| m.message.th.contains("2568-10"))
        .unwrap();
    assert_eq!(first.severity, Severity::Warning);
    assert_eq!(first.file.as_deref(), Some(IDX));
    assert_eq!(first.line, Some(9));
    assert!(
        first
            .message
            .th
            .starts_with("เดือน 2568-10 (ตุลาคม 2568) อยู่นอกปีงบประมาณ พ.ศ. 2567"),
        "{}",
        first.message.th
    );
    // Unpadded: read as 2569-01, named as written.
    let second = month
        .iter()
        .find(|m| m.message.th.contains("2569-1 "))
        .unwrap();
    assert!(
        second.message.th.contains("(มกราคม 2569)"),
        "{}",
        second.message.th
    );
    assert_eq!(second.line, Some(10));
}

#[test]
fn month_in_the_year_but_outside_the_assessed_period_is_a_warning() {
    let idx = page(
        "months:\n  2566-10: { none: ไม่มี }\n  2566-11: { none: ไม่มี }\n  2566-12: { none: ไม่มี }\n  2567-02: { none: ไม่มี }\n",
    );
    let f = run(MONTHLY, &[(IDX, &idx)]);
    let month = with_rule(&f, "month");
    assert_eq!(month.len(), 1, "{f:#?}");
    assert_eq!(month[0].severity, Severity::Warning);
    assert_eq!(month[0].line, Some(9));
    assert!(
        month[0]
            .message
            .th
            .contains("เดือน 2567-02 (กุมภาพันธ์ 2567) อยู่นอกช่วงที่ประเมิน"),
        "{}",
        month[0].message.th
    );
}

#[test]
fn month_folder_outside_the_year_is_a_warning() {
    let idx = page(
        "months:\n  2566-10: { none: ไม่มี }\n  2566-11: { none: ไม่มี }\n  2566-12: { none: ไม่มี }\n",
    );
    let f = run(
        MONTHLY,
        &[(IDX, &idx), ("ita/2567/o01/2567-10/r.pdf", b"%PDF")],
    );
    let month = with_rule(&f, "month");
    assert_eq!(month.len(), 1, "{f:#?}");
    assert!(
        month[0].message.th.contains("2567-10/"),
        "{}",
        month[0].message.th
    );
    assert_eq!(month[0].file.as_deref(), Some("ita/2567/o01/2567-10"));
}

#[test]
fn unlisted_file_hint_is_the_yaml_to_paste() {
    let idx = page("");
    let f = run(
        "{ kind: page }",
        &[(IDX, &idx), ("ita/2567/o01/แผนงาน 2567.pdf", b"%PDF")],
    );
    let orphan = with_rule(&f, "orphan");
    assert_eq!(orphan.len(), 1, "{f:#?}");
    let hint = orphan[0].hint.as_ref().unwrap();
    assert!(
        hint.th
            .contains("attachments:\n  - { file: แผนงาน 2567.pdf, title: แผนงาน 2567 }"),
        "{}",
        hint.th
    );
    // Under `months:` for a month folder whose month says none.
    let idx = page("months:\n  2566-10: { none: ไม่มี }\n");
    let f = run(
        "{ kind: page }",
        &[(IDX, &idx), ("ita/2567/o01/2566-10/report.pdf", b"%PDF")],
    );
    let orphan = with_rule(&f, "orphan");
    assert_eq!(orphan.len(), 1, "{f:#?}");
    let hint = orphan[0].hint.as_ref().unwrap();
    assert!(
        hint.th.contains("months:\n  2566-10: [2566-10/report.pdf]"),
        "{}",
        hint.th
    );
}

// Placeholders ---------------------------------------------------------------------------------

const TABLE_RULE: &str = "{ kind: table, table_kind: executives, required: [name, phone] }";
const TABLE: &str = "title: ทำเนียบผู้บริหาร\nkind: executives\ncolumns:\n  - { key: name, label: ยศ ชื่อ สกุล }\n  - { key: phone, label: โทรศัพท์, type: phone }\nrows:\n  - name: พ.ต.อ.หนึ่ง ใจดี\n    phone: \"054-000-001\"\n  - name: พ.ต.ท.สอง ขยัน\n    phone: \"-\"\n  - { name: ร.ต.อ.สาม มานะ, phone: ไม่มี }\n";

#[test]
fn placeholder_cell_is_empty_and_the_finding_names_the_row() {
    let idx = page("");
    let f = run(
        TABLE_RULE,
        &[
            (IDX, &idx),
            ("ita/2567/o01/executives.yaml", TABLE.as_bytes()),
        ],
    );
    let rows = with_rule(&f, "table");
    assert_eq!(rows.len(), 2, "{f:#?}");
    assert_eq!(
        rows[0].file.as_deref(),
        Some("ita/2567/o01/executives.yaml")
    );
    assert_eq!(rows[0].line, Some(9));
    assert_eq!(
        rows[0].message.th,
        "แถวที่ 2 (พ.ต.ท.สอง ขยัน) ช่อง \"โทรศัพท์\" เขียนไว้เพียง \"-\" ซึ่งนับเป็นช่องว่าง"
    );
    assert_eq!(rows[1].line, Some(11));
    assert!(
        rows[1].message.th.contains("(ร.ต.อ.สาม มานะ)"),
        "{}",
        rows[1].message.th
    );
}

#[test]
fn placeholder_contact_is_empty() {
    let site = SITE.replace("phone: \"054-000-000\"", "phone: \"-\"");
    let f = run_site(
        &site,
        "{ kind: contact, fields: [phone] }",
        &[(IDX, &page(""))],
    );
    let c = with_rule(&f, "contact");
    assert_eq!(c.len(), 1, "{f:#?}");
    assert!(c[0].message.en.contains("contact.phone"));
}

// 2. Messages that name the thing ---------------------------------------------------------------

#[test]
fn lines_of_work_from_a_table_point_at_the_table_file() {
    let table = "title: สายงาน\nkind: work\ncolumns:\n  - { key: line_of_work, label: สายงาน }\nrows:\n  - line_of_work: อำนวยการ\n";
    let f = run(
        "{ kind: lines_of_work, source: table, table_kind: work }",
        &[
            (IDX, &page("")),
            ("ita/2567/o01/work.yaml", table.as_bytes()),
        ],
    );
    let l = with_rule(&f, "lines-of-work");
    assert_eq!(l.len(), 1, "{f:#?}");
    assert_eq!(l[0].file.as_deref(), Some("ita/2567/o01/work.yaml"));
    assert_eq!(l[0].line, Some(5));
    assert!(l[0].message.th.contains("จราจร"));
}

fn news(date: &str, items: &str, tags: &str, body: &str) -> Vec<u8> {
    format!("---\ntitle: ข่าว\ndate: {date}\nitems: [{items}]\ntags: [{tags}]\n---\n{body}\n")
        .into_bytes()
}

#[test]
fn news_finding_lists_what_did_not_count_and_why() {
    let rule = "{ kind: news, min: 3, item: O1, tag: ita, in_fiscal_year: true }";
    let ok = news("2566-10-05", "O1", "ita", "ก");
    let old = news("2566-09-30", "O1", "ita", "เก่า");
    let no_tag = news("2566-12-05", "O1", "head", "ข");
    let no_item = news("2567-01-05", "O2", "ita", "ค");
    let f = run(
        rule,
        &[
            (IDX, &page("")),
            ("news/2566-10-05-ok/index.md", &ok),
            ("news/2566-09-30-old/index.md", &old),
            ("news/2566-12-05-head/index.md", &no_tag),
            ("news/2567-01-05-o2/index.md", &no_item),
        ],
    );
    let n = with_rule(&f, "news");
    assert_eq!(n.len(), 1, "{f:#?}");
    let th = &n[0].message.th;
    assert!(
        th.starts_with(
            "มีข่าวเกี่ยวกับการประเมิน ITA 1 รายการในปีงบประมาณ พ.ศ. 2567 ต้องมีอย่างน้อย 3 รายการ"
        ),
        "{th}"
    );
    assert!(
        th.contains("news/2566-09-30-old (ลงวันที่ 30 กันยายน 2566 อยู่นอกปีงบประมาณ พ.ศ. 2567)"),
        "{th}"
    );
    assert!(
        th.contains("news/2566-12-05-head (ไม่มีแท็ก tags: [ita])"),
        "{th}"
    );
    assert!(
        th.contains("news/2567-01-05-o2 (ไม่ได้ระบุ items: [O1])"),
        "{th}"
    );
    assert!(!th.contains("2566-10-05-ok"), "{th}");
    let en = &n[0].message.en;
    assert!(
        en.contains("in fiscal year 2567 (1 October 2023 – 30 September 2024)"),
        "{en}"
    );
    assert!(
        en.contains("dated 30 September 2023, outside fiscal year 2567"),
        "{en}"
    );
}

#[test]
fn csv_named_xlsx_is_told_to_be_saved_as_excel() {
    let idx = page("attachments: [budget.xlsx]\n");
    let f = run(
        "{ kind: page }",
        &[
            (IDX, &idx),
            (
                "ita/2567/o01/budget.xlsx",
                b"a,b,c\n1,2,3\n4,5,6\n".as_slice(),
            ),
        ],
    );
    let file = with_rule(&f, "file");
    assert_eq!(file.len(), 1, "{f:#?}");
    let hint = file[0].hint.as_ref().unwrap();
    assert!(
        hint.th.starts_with("บันทึกใหม่เป็น Excel (.xlsx)"),
        "{}",
        hint.th
    );
    assert!(!hint.th.contains("PDF"), "{}", hint.th);
}

// Thai typography ------------------------------------------------------------------------------

fn is_thai_letter(c: char) -> bool {
    ('\u{0E01}'..='\u{0E5B}').contains(&c) && !('\u{0E50}'..='\u{0E59}').contains(&c)
}

/// Thai text run into Latin letters or digits ("เป็นCSV", "ข้อO7"), or two numbers side by
/// side ("พ.ศ. 2567 2 รายการ"), in one message.
fn typography_problems(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    for w in chars.windows(2) {
        let (a, b) = (w[0], w[1]);
        if (is_thai_letter(a) && b.is_ascii_alphanumeric())
            || (a.is_ascii_alphanumeric() && is_thai_letter(b))
        {
            out.push(format!("{a}{b}"));
        }
    }
    // "2567 2": a number, one space, another number (not a date's "31 2566": months between).
    for w in text.split(' ').collect::<Vec<_>>().windows(2) {
        let num = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
        if num(w[0]) && num(w[1]) {
            out.push(format!("{} {}", w[0], w[1]));
        }
    }
    out
}

#[test]
fn typography_checker_finds_what_it_should() {
    assert_eq!(typography_problems("เป็นCSV"), ["นC"]);
    assert_eq!(typography_problems("พ.ศ. 2567 2 รายการ"), ["2567 2"]);
    assert!(typography_problems("เป็น CSV 2 รายการในปี พ.ศ. 2567").is_empty());
}

/// Every Thai message and hint `oit check` gives on the example content and the test fixtures
/// (at a few dates, so more rules speak) keeps Thai and Latin apart and numbers apart.
#[test]
fn thai_messages_keep_words_and_numbers_apart() {
    let mut roots = vec![
        manifest_dir().join("content"),
        manifest_dir().join("examples/minimal"),
    ];
    roots.extend(
        std::fs::read_dir(manifest_dir().join("tests/fixtures"))
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.join("site.yaml").is_file()),
    );
    let mut bad = Vec::new();
    let mut seen = 0;
    for root in roots.iter().filter(|r| r.join("site.yaml").is_file()) {
        let Ok((site, crits, warnings)) = oit::pipeline::load_site(root, None) else {
            continue;
        };
        for as_of in ["2566-11-15", "2567-05-01", "2567-10-15"] {
            let as_of = oit::thai::parse_date(as_of).unwrap();
            let report = check::check(&site, &crits, &CheckOptions { as_of, year: None });
            for f in warnings.iter().chain(report.findings()) {
                let mut texts = vec![f.message.th.as_str()];
                if let Some(h) = &f.hint {
                    texts.push(&h.th);
                }
                for t in texts {
                    seen += 1;
                    for p in typography_problems(t) {
                        bad.push(format!("{} [{}] {p:?}: {t}", root_name(root), f.rule));
                    }
                }
            }
        }
    }
    assert!(seen > 20, "too few messages scanned: {seen}");
    bad.sort();
    bad.dedup();
    assert!(bad.is_empty(), "Thai typography:\n{}", bad.join("\n"));
}

fn root_name(p: &Path) -> String {
    p.strip_prefix(manifest_dir())
        .unwrap_or(p)
        .display()
        .to_string()
}
