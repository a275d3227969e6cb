//! Every rule kind, with a passing and a failing site, asserting the exact finding.
use oit::check::{self, CheckOptions};
use oit::diagnostics::{Finding, Severity};
use std::path::Path;

mod one_rule;
mod samples;

use one_rule::{SITE, criteria};

/// Builds a site in a temp dir: site.yaml, criteria with the one rule, and `files`.
fn run(rule: &str, files: &[(&str, &[u8])]) -> Vec<Finding> {
    run_site(SITE, rule, files)
}

fn run_site(site_yaml: &str, rule: &str, files: &[(&str, &[u8])]) -> Vec<Finding> {
    let (_, findings) = one_rule::load_and_check(site_yaml, rule, files);
    findings
        .into_iter()
        .filter(|f| f.rule != "orphan")
        .collect()
}

fn page(front: &str) -> Vec<u8> {
    format!("---\nsupervisor: head\nprepared_by: clerk\npublished_by: clerk\n{front}---\nเนื้อหา\n")
        .into_bytes()
}

const IDX: &str = "ita/2567/o01/index.md";

fn one(findings: &[Finding], rule: &str) -> Finding {
    assert_eq!(
        findings.len(),
        1,
        "expected exactly one finding, got {findings:#?}"
    );
    let f = findings[0].clone();
    assert_eq!(f.rule, rule);
    assert_eq!(f.item.as_deref(), Some("O1"));
    assert_eq!(f.severity, Severity::Error);
    f
}

#[test]
fn page_rule() {
    assert!(run("{ kind: page }", &[(IDX, &page(""))]).is_empty());
    let f = one(&run("{ kind: page }", &[]), "page");
    assert_eq!(f.file.as_deref(), Some(IDX));
}

#[test]
fn officers_rule() {
    let rule = "{ kind: officers, roles: [supervisor, prepared_by, published_by] }";
    assert!(run(rule, &[(IDX, &page(""))]).is_empty());
    let f = one(
        &run(
            rule,
            &[(IDX, b"---\nsupervisor: head\nprepared_by: clerk\n---\nx\n")],
        ),
        "officers",
    );
    assert!(f.message.en.contains("published_by"), "{}", f.message.en);
    assert_eq!(f.officers, vec!["head".to_string(), "clerk".to_string()]);
}

#[test]
fn date_rule() {
    let rule = "{ kind: date, field: as_of, equals: 2566-12-31, in_fiscal_year: true }";
    assert!(run(rule, &[(IDX, &page("as_of: ๓๑ ธ.ค. ๒๕๖๖\n"))]).is_empty());
    let f = one(&run(rule, &[(IDX, &page("as_of: 2567-01-31\n"))]), "date");
    assert_eq!(f.line, Some(5));
    assert!(f.message.th.contains("31 ธันวาคม 2566"), "{}", f.message.th);
    let missing = one(&run(rule, &[(IDX, &page(""))]), "date");
    assert!(missing.message.en.contains("as_of"));
    // In the future relative to --as-of (2567-05-01).
    let future = one(
        &run(
            "{ kind: date, field: updated }",
            &[(IDX, &page("updated: 2567-06-01\n"))],
        ),
        "date",
    );
    assert!(
        future.message.en.contains("future"),
        "{}",
        future.message.en
    );
    let outside = one(
        &run(
            "{ kind: date, field: updated, in_fiscal_year: true }",
            &[(IDX, &page("updated: 2566-09-30\n"))],
        ),
        "date",
    );
    assert!(
        outside.message.en.contains("outside fiscal year 2567"),
        "{}",
        outside.message.en
    );
}

#[test]
fn attachments_rule_formats() {
    let rule = "{ kind: attachments, min: 2, formats: [pdf, [excel, word]] }";
    let ok = page("attachments: [plan.pdf, plan.xlsx]\n");
    assert!(
        run(
            rule,
            &[
                (IDX, &ok),
                ("ita/2567/o01/plan.pdf", b"%PDF"),
                ("ita/2567/o01/plan.xlsx", b"PK")
            ]
        )
        .is_empty()
    );
    let bad = page("attachments: [plan.pdf, plan2.pdf]\n");
    let f = one(
        &run(
            rule,
            &[
                (IDX, &bad),
                ("ita/2567/o01/plan.pdf", b"%PDF"),
                ("ita/2567/o01/plan2.pdf", b"%PDF"),
            ],
        ),
        "format",
    );
    assert!(f.message.en.contains("Excel or Word"), "{}", f.message.en);
    assert_eq!(f.line, Some(5));
}

#[test]
fn monthly_rule_names_the_missing_month() {
    let rule = "{ kind: monthly, formats: [pdf, word], allow_none: true }";
    let files: Vec<(String, &[u8])> = ["2566-10", "2566-11", "2566-12"]
        .iter()
        .flat_map(|m| {
            [
                (format!("ita/2567/o01/{m}/r.pdf"), &b"%PDF"[..]),
                (format!("ita/2567/o01/{m}/r.docx"), &b"PK"[..]),
            ]
        })
        .collect();
    let months = "months:\n  2566-10: [2566-10/r.pdf, 2566-10/r.docx]\n  2566-11: { none: ไม่มีการจัดซื้อจัดจ้าง }\n  2566-12: [2566-12/r.pdf, 2566-12/r.docx]\n";
    let mut all: Vec<(&str, &[u8])> = files.iter().map(|(p, b)| (p.as_str(), *b)).collect();
    let ok = page(months);
    all.push((IDX, &ok));
    assert!(run(rule, &all).is_empty());

    // Drop December (its entry and its folder, whose files count for it on their own):
    // exactly one finding, for that month.
    let without_dec =
        page("months:\n  2566-10: [2566-10/r.pdf, 2566-10/r.docx]\n  2566-11: { none: ไม่มี }\n");
    let mut no_dec: Vec<(&str, &[u8])> = all
        .iter()
        .copied()
        .filter(|(p, _)| !p.contains("/2566-12/") && *p != IDX)
        .collect();
    no_dec.push((IDX, &without_dec));
    let f = one(&run(rule, &no_dec), "monthly");
    assert_eq!(f.month.as_deref(), Some("2566-12"));
    assert!(f.message.th.contains("ธันวาคม 2566"), "{}", f.message.th);
    assert_eq!(f.file.as_deref(), Some(IDX));

    // A month with only a PDF misses the Word copy.
    let pdf_only = page(
        "months:\n  2566-10: [2566-10/r.pdf]\n  2566-11: { none: ไม่มี }\n  2566-12: [2566-12/r.pdf, 2566-12/r.docx]\n",
    );
    let mut pdf_files: Vec<(&str, &[u8])> = all
        .iter()
        .copied()
        .filter(|(p, _)| *p != "ita/2567/o01/2566-10/r.docx" && *p != IDX)
        .collect();
    pdf_files.push((IDX, &pdf_only));
    let f = one(&run(rule, &pdf_files), "monthly");
    assert_eq!(f.month.as_deref(), Some("2566-10"));
    assert!(f.message.en.contains("Word"), "{}", f.message.en);
    assert_eq!(f.line, Some(6));

    // "none" does not count when the criteria do not allow it.
    all.pop();
    let ok2 = page(months);
    all.push((IDX, &ok2));
    let f = one(&run("{ kind: monthly, formats: [pdf] }", &all), "monthly");
    assert_eq!(f.month.as_deref(), Some("2566-11"));
}

#[test]
fn monthly_rule_respects_as_of() {
    // Checked on 2567-05-01 every month of Oct–Dec 2566 is due; a criteria period in the future is not.
    let dir_rule = "{ kind: monthly, formats: [pdf] }";
    let findings = run(dir_rule, &[(IDX, &page(""))]);
    assert_eq!(findings.len(), 3, "{findings:#?}");
    let months: Vec<_> = findings.iter().map(|f| f.month.clone().unwrap()).collect();
    assert_eq!(months, ["2566-10", "2566-11", "2566-12"]);
}

const TABLE: &str = "title: ผู้บริหาร\nkind: executives\ncolumns:\n  - { key: name, label: ชื่อ }\n  - { key: photo, label: รูป, type: image }\n  - { key: phone, label: โทร, type: phone }\nrows:\n";

#[test]
fn table_rule() {
    let rule = "{ kind: table, table_kind: executives, min_rows: 1, required: [name, photo, phone], images: [photo] }";
    let ok = format!("{TABLE}  - {{ name: ก, photo: a.jpg, phone: \"081\" }}\n");
    assert!(
        run(
            rule,
            &[
                (IDX, &page("")),
                ("ita/2567/o01/t.yaml", ok.as_bytes()),
                ("ita/2567/o01/a.jpg", b"\xff\xd8")
            ]
        )
        .is_empty()
    );
    let no_phone = format!("{TABLE}  - {{ name: ก, photo: a.jpg }}\n");
    let f = one(
        &run(
            rule,
            &[
                (IDX, &page("")),
                ("ita/2567/o01/t.yaml", no_phone.as_bytes()),
                ("ita/2567/o01/a.jpg", b"\xff\xd8"),
            ],
        ),
        "table",
    );
    assert_eq!(f.file.as_deref(), Some("ita/2567/o01/t.yaml"));
    assert!(f.message.th.contains("โทร"), "{}", f.message.th);
    let none = one(&run(rule, &[(IDX, &page(""))]), "table");
    assert!(none.message.en.contains("executives"));
    let pdf_photo = format!("{TABLE}  - {{ name: ก, photo: a.pdf, phone: \"081\" }}\n");
    let f = one(
        &run(
            rule,
            &[
                (IDX, &page("")),
                ("ita/2567/o01/t.yaml", pdf_photo.as_bytes()),
                ("ita/2567/o01/a.pdf", b"%PDF"),
            ],
        ),
        "table",
    );
    assert!(f.message.en.contains("not an image"), "{}", f.message.en);
}

#[test]
fn lines_of_work_rule() {
    let rule = "{ kind: lines_of_work, source: attachments }";
    let ok = page(
        "attachments:\n  - { file: a.pdf, line: อำนวยการ }\n  - { file: b.pdf, line: งานจราจร }\n",
    );
    assert!(
        run(
            rule,
            &[
                (IDX, &ok),
                ("ita/2567/o01/a.pdf", b"%PDF"),
                ("ita/2567/o01/b.pdf", b"%PDF")
            ]
        )
        .is_empty()
    );
    let bad = page("attachments:\n  - { file: a.pdf, line: อำนวยการ }\n");
    let f = one(
        &run(rule, &[(IDX, &bad), ("ita/2567/o01/a.pdf", b"%PDF")]),
        "lines-of-work",
    );
    assert!(f.message.th.contains("จราจร"), "{}", f.message.th);
    let table_rule = "{ kind: lines_of_work, source: table, table_kind: risk, column: line }";
    let t = "kind: risk\ncolumns: [{ key: line, label: สายงาน }]\nrows:\n  - { line: อำนวยการ }\n";
    let f = one(
        &run(
            table_rule,
            &[(IDX, &page("")), ("ita/2567/o01/r.yaml", t.as_bytes())],
        ),
        "lines-of-work",
    );
    assert!(f.message.en.contains("จราจร"));
}

#[test]
fn links_rule() {
    let rule = "{ kind: links, keys: [crime_report, fine_payment], https: true }";
    let ok = page(
        "links:\n  - { title: แจ้งความ, url: \"https://thaipoliceonline.go.th\", key: crime_report }\n  - { title: ค่าปรับ, url: \"https://ptm.police.go.th/eTicket\", key: fine_payment }\n",
    );
    assert!(run(rule, &[(IDX, &ok)]).is_empty());
    let http = page(
        "links:\n  - { title: แจ้งความ, url: \"http://thaipoliceonline.go.th\", key: crime_report }\n  - { title: ค่าปรับ, url: \"https://ptm.police.go.th\", key: fine_payment }\n",
    );
    let f = one(&run(rule, &[(IDX, &http)]), "links");
    assert!(f.message.en.contains("crime_report"));
    let missing = page(
        "links:\n  - { title: แจ้งความ, url: \"https://thaipoliceonline.go.th\", key: crime_report }\n",
    );
    let f = one(&run(rule, &[(IDX, &missing)]), "links");
    assert!(f.message.en.contains("fine_payment"));
}

#[test]
fn facts_rule() {
    let rule = "{ kind: facts, keys: [complaints_as_of] }";
    assert!(
        run(
            rule,
            &[(IDX, &page("facts: { complaints_as_of: 2567-03-31 }\n"))]
        )
        .is_empty()
    );
    one(&run(rule, &[(IDX, &page(""))]), "facts");
}

#[test]
fn contact_and_social_rules() {
    assert!(
        run(
            "{ kind: contact, fields: [address, phone, email, map_url] }",
            &[(IDX, &page(""))]
        )
        .is_empty()
    );
    let no_email = SITE.replace("email: a@b.go.th, ", "");
    let f = one(
        &run_site(
            &no_email,
            "{ kind: contact, fields: [address, phone, email, map_url] }",
            &[(IDX, &page(""))],
        ),
        "contact",
    );
    assert_eq!(f.file.as_deref(), Some("site.yaml"));
    assert!(f.message.th.contains("อีเมล"));
    assert!(run("{ kind: social, min: 1 }", &[(IDX, &page(""))]).is_empty());
    one(
        &run("{ kind: social, min: 2 }", &[(IDX, &page(""))]),
        "social",
    );
}

fn news(date: &str, items: &str, tags: &str, body: &str) -> Vec<u8> {
    format!("---\ntitle: ข่าว\ndate: {date}\nitems: [{items}]\ntags: [{tags}]\n---\n{body}\n")
        .into_bytes()
}

#[test]
fn news_rule_counts_inside_the_fiscal_year() {
    let rule = "{ kind: news, min: 3, item: O1, in_fiscal_year: true }";
    let a = news("2566-10-05", "O1", "head", "ก");
    let b = news("2566-12-05", "O1", "head", "ข");
    let c = news("2567-01-05", "O1", "head", "ค");
    let old = news("2566-09-30", "O1", "head", "เก่า");
    let base = [
        (IDX, page("")),
        ("news/a/index.md", a),
        ("news/b/index.md", b),
    ];
    let mut files: Vec<(&str, &[u8])> = base.iter().map(|(p, b)| (*p, b.as_slice())).collect();
    let f = one(&run(rule, &files), "news");
    assert!(f.message.th.contains("2 รายการ"), "{}", f.message.th);
    files.push(("news/old/index.md", &old));
    one(&run(rule, &files), "news");
    files.push(("news/c/index.md", &c));
    assert!(run(rule, &files).is_empty());
}

#[test]
fn news_rule_needs_link_or_qr() {
    let rule = "{ kind: news, min: 1, tag: eit, needs_link_or_qr: true }";
    let plain = news("2567-01-05", "O6", "eit", "เชิญชวนตอบแบบสำรวจ");
    let f = one(
        &run(rule, &[(IDX, &page("")), ("news/a/index.md", &plain)]),
        "news",
    );
    assert!(f.message.th.contains("EIT"), "{}", f.message.th);
    let linked = news("2567-01-05", "O6", "eit", "ตอบที่ https://itas.nacc.go.th/x");
    assert!(run(rule, &[(IDX, &page("")), ("news/a/index.md", &linked)]).is_empty());
}

#[test]
fn languages_rule() {
    let rule = "{ kind: languages, langs: [th, en] }";
    let ok = page("attachments:\n  - a.pdf\n  - { file: b.pdf, lang: en }\n");
    assert!(
        run(
            rule,
            &[
                (IDX, &ok),
                ("ita/2567/o01/a.pdf", b"%PDF"),
                ("ita/2567/o01/b.pdf", b"%PDF")
            ]
        )
        .is_empty()
    );
    let th_only = page("attachments: [a.pdf]\n");
    let f = one(
        &run(rule, &[(IDX, &th_only), ("ita/2567/o01/a.pdf", b"%PDF")]),
        "languages",
    );
    assert!(f.message.th.contains("ภาษาอังกฤษ"));
}

#[test]
fn mentions_rule() {
    let rule = "{ kind: mentions, terms: [[การจับ, จับกุม], [สิทธิผู้เสียหาย, ผู้เสียหาย]] }";
    let ok = "---\nsupervisor: head\nprepared_by: clerk\npublished_by: clerk\n---\nแนวทางการจับกุม และสิทธิของผู้เสียหาย\n".as_bytes();
    assert!(run(rule, &[(IDX, ok)]).is_empty());
    let bad =
        "---\nsupervisor: head\nprepared_by: clerk\npublished_by: clerk\n---\nแนวทางการจับกุม\n"
            .as_bytes();
    let f = one(&run(rule, &[(IDX, bad)]), "mentions");
    assert!(f.message.th.contains("สิทธิผู้เสียหาย"));
}

#[test]
fn orphans_are_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join("site.yaml"), SITE).unwrap();
    std::fs::write(root.join("criteria.yaml"), criteria("{ kind: page }")).unwrap();
    std::fs::create_dir_all(root.join("ita/2567/o01")).unwrap();
    std::fs::write(root.join(IDX), page("")).unwrap();
    std::fs::write(root.join("ita/2567/o01/lost.pdf"), b"%PDF").unwrap();
    let (site, crits, _) = oit::pipeline::load_site(root, None).ok().unwrap();
    let report = check::check(
        &site,
        &crits,
        &CheckOptions {
            as_of: oit::thai::parse_date("2567-05-01").unwrap(),
            year: None,
        },
    );
    let f: Vec<_> = report.findings().collect();
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].rule, "orphan");
    assert_eq!(f[0].severity, Severity::Warning);
    assert_eq!(f[0].file.as_deref(), Some("ita/2567/o01/lost.pdf"));
    assert!(report.passed(), "warnings do not fail the check");
}

#[test]
fn criteria_can_override_wording_and_severity() {
    let rule =
        "{ kind: facts, keys: [x], severity: warning, message_th: ข้อความเฉพาะ, hint_th: ทำแบบนี้ }";
    let f = run(rule, &[(IDX, &page(""))]);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].severity, Severity::Warning);
    assert_eq!(f[0].message.th, "ข้อความเฉพาะ");
    assert_eq!(f[0].hint.as_ref().unwrap().th, "ทำแบบนี้");
}

#[test]
fn criteria_errors_name_file_and_line() {
    let bad = "id: x\ntitle_th: ก\nfiscal_year: 2567\nperiod: { from: 2566-10, to: 2567-03 }\nitems:\n  - code: O1\n    title_th: ก\n    rules:\n      - { kind: montly }\n";
    let err = oit::criteria::parse(bad, Path::new("c.yaml"), "c.yaml".into()).unwrap_err();
    assert_eq!(err.file.as_deref(), Some("c.yaml"));
    assert_eq!(err.line, Some(9), "{err:?}");
    assert!(err.message.en.contains("montly"), "{}", err.message.en);
}

#[test]
fn formats_are_decided_by_content_not_name() {
    let rule = "{ kind: attachments, min: 1, formats: [pdf] }";
    let html = b"<!DOCTYPE html><html><body>not a pdf</body></html>";
    let findings = run(
        rule,
        &[
            (IDX, &page("attachments: [report.pdf]\n")),
            ("ita/2567/o01/report.pdf", html),
        ],
    );
    let rules: Vec<&str> = findings.iter().map(|f| f.rule.as_str()).collect();
    assert_eq!(rules, ["format", "file"], "{findings:#?}");
    let file = &findings[1];
    assert_eq!(file.file.as_deref(), Some("ita/2567/o01/report.pdf"));
    assert!(
        file.message.en.contains("report.pdf"),
        "{}",
        file.message.en
    );
    // A real PDF with the same name passes.
    assert!(
        run(
            rule,
            &[
                (IDX, &page("attachments: [report.pdf]\n")),
                ("ita/2567/o01/report.pdf", b"%PDF")
            ]
        )
        .is_empty()
    );
}

#[test]
fn data_tables_count_as_the_excel_copy() {
    let rule = "{ kind: attachments, min: 1, formats: [pdf, excel] }";
    let t = "kind: budget\ncolumns: [{ key: a, label: ก }]\nrows: [{ a: x }]\n";
    let files: [(&str, &[u8]); 3] = [
        (IDX, &page("attachments: [plan.pdf]\n")),
        ("ita/2567/o01/plan.pdf", b"%PDF"),
        ("ita/2567/o01/budget.yaml", t.as_bytes()),
    ];
    assert!(run(rule, &files).is_empty());
    let f = one(&run(rule, &files[..2]), "format");
    assert!(f.message.en.contains("Excel"));
}

#[test]
fn pdpa_national_ids_are_found_where_they_are() {
    let rule = "{ kind: page }";
    // A valid ID (check digit 1) on body line 2 (file line 7), an invalid one, a longer number.
    let body = "---\nsupervisor: head\nprepared_by: clerk\npublished_by: clerk\n---\nผู้ร้องเรียน\nนาย ก. เลขประจำตัว ๑-๑๐๓๗-๐๒๐๗๑-๘๑-๑ แจ้งว่า\nเลข 1-1037-02071-81-2 และ 11037020718111\n";
    let f = run(rule, &[(IDX, body.as_bytes())]);
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].rule, "pdpa");
    assert_eq!(f[0].file.as_deref(), Some(IDX));
    assert_eq!(f[0].line, Some(7));
    assert!(
        f[0].message.th.contains("1-1037-xxxxx-xx-x") || f[0].message.th.contains("xxxx"),
        "{}",
        f[0].message.th
    );
    assert!(
        !f[0].message.en.contains("1103702071811"),
        "the full number is never echoed"
    );

    // In a table, and allowed by site.yaml.
    let t = "kind: procurement\ncolumns: [{ key: winner, label: ผู้ชนะ }, { key: tax, label: เลขผู้เสียภาษี }]\nrows:\n  - { winner: บริษัท ก จำกัด, tax: \"3101500000128\" }\n";
    let f = run(
        rule,
        &[(IDX, &page("")), ("ita/2567/o01/p.yaml", t.as_bytes())],
    );
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].file.as_deref(), Some("ita/2567/o01/p.yaml"));
    let allowing = format!("{SITE}pdpa_allow: [\"3-1015-00000-12-8\"]\n");
    assert!(
        run_site(
            &allowing,
            rule,
            &[(IDX, &page("")), ("ita/2567/o01/p.yaml", t.as_bytes())]
        )
        .is_empty()
    );
}
