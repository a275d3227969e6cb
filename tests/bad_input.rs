//! Bad input (issue 7): every kind of broken content a station's webmaster can produce, each
//! planted into a fresh copy of `tests/fixtures/basic`, run through the real `oit` binary.
//!
//! Each case asserts: the exit code (1 = rules fail, 2 = input unreadable), that the output names
//! the file and the exact line (`file:line:`) with a specific phrase of the message, that nothing
//! panicked, that the run ended in bounded time, and, for a failed build, that the previous site
//! is byte-identical and no temporary folder was left beside it.
//!
//! Bytes are written by the tests themselves (nothing big is kept in git; the 200 MB files are
//! sparse). `tests/fixtures/bad-input/` holds the few small files that read better as files.
mod common;

use common::{copy_tree, fixture, zip_bomb};
use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

// Harness --------------------------------------------------------------------------------------

/// A safety net against hangs, not a timing assertion.
const TIMEOUT: Duration = Duration::from_secs(180);

const AS_OF: &str = "2024-05-01";

/// Every file below `dir` with its bytes, by relative path.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in fs::read_dir(dir).unwrap() {
            let entry = entry.unwrap();
            let path = entry.path();
            if entry.file_type().unwrap().is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                out.insert(rel, fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

#[derive(Debug)]
struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

impl Run {
    fn all(&self) -> String {
        format!("{}\n{}", self.stdout, self.stderr)
    }
}

/// Runs `oit args` with stdout/stderr going to files (no pipe can fill up), polling until it
/// exits; kills it and fails the test after `TIMEOUT`.
fn oit(scratch: &Path, args: &[&str]) -> Run {
    let out_path = scratch.join("oit.stdout");
    let err_path = scratch.join("oit.stderr");
    let mut child = Command::new(env!("CARGO_BIN_EXE_oit"))
        .args(args)
        .current_dir(scratch)
        .stdin(Stdio::null())
        .stdout(fs::File::create(&out_path).unwrap())
        .stderr(fs::File::create(&err_path).unwrap())
        .spawn()
        .expect("the oit binary starts");
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "oit {args:?} did not finish within {TIMEOUT:?}\n--- stderr ---\n{}",
                fs::read_to_string(&err_path).unwrap_or_default()
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let run = Run {
        code: status.code(),
        stdout: String::from_utf8_lossy(&fs::read(&out_path).unwrap()).into_owned(),
        stderr: String::from_utf8_lossy(&fs::read(&err_path).unwrap()).into_owned(),
    };
    let _ = fs::remove_file(out_path);
    let _ = fs::remove_file(err_path);
    assert!(
        !run.stderr.contains("panicked") && !run.stderr.contains("RUST_BACKTRACE"),
        "oit {args:?} panicked:\n{}",
        run.stderr
    );
    run
}

/// What the output must say: a line naming `file` (at `line`, when given, as `file:line:`) and
/// containing `phrase`.
#[derive(Clone, Copy)]
struct Expect {
    file: &'static str,
    line: Option<usize>,
    phrase: &'static str,
}

const fn at(file: &'static str, line: usize, phrase: &'static str) -> Expect {
    Expect {
        file,
        line: Some(line),
        phrase,
    }
}

const fn file(file: &'static str, phrase: &'static str) -> Expect {
    Expect {
        file,
        line: None,
        phrase,
    }
}

#[track_caller]
fn assert_reported(run: &Run, what: &str, e: &Expect) {
    let all = run.all();
    let location = match e.line {
        Some(l) => format!("{}:{l}:", e.file),
        None => format!("{}:", e.file),
    };
    let found = all
        .lines()
        .any(|l| l.contains(&location) && l.contains(e.phrase));
    assert!(
        found,
        "{what}: no line names {location:?} with {:?}\n--- stdout ---\n{}\n--- stderr ---\n{}",
        e.phrase, run.stdout, run.stderr
    );
}

/// One bad input.
struct Case {
    /// Plants the bad input into the content folder.
    plant: fn(&Path),
    /// Exit code `oit check` must give, or `None` to skip it.
    check: Option<i32>,
    /// Exit code `oit build` must give, or `None` to skip it.
    build: Option<i32>,
    /// Extra arguments for both commands (`--criteria FILE`), relative to the content folder.
    criteria: Option<&'static str>,
    lang: &'static str,
    expect: &'static [Expect],
    /// Phrases that must not appear anywhere (internal details leaking into messages).
    absent: &'static [&'static str],
}

const CASE: Case = Case {
    plant: |_| {},
    check: Some(2),
    build: Some(2),
    criteria: None,
    lang: "en",
    expect: &[],
    absent: &[],
};

fn run_case(case: Case) {
    let tmp = tempfile::tempdir().unwrap();
    let scratch = tmp.path();
    let content = scratch.join("content");
    let out = scratch.join("public");
    copy_tree(&fixture("basic"), &content);
    let c = content.to_str().unwrap().to_string();
    let o = out.to_str().unwrap().to_string();
    let criteria = case
        .criteria
        .map(|f| content.join(f).to_str().unwrap().to_string());

    // The last good site, to compare with after a failed build.
    let before = case.build.map(|_| {
        let good = oit(
            scratch,
            &["--lang", "en", "build", "--content", &c, "--out", &o],
        );
        assert_eq!(good.code, Some(0), "the fixture builds: {good:?}");
        snapshot(&out)
    });

    (case.plant)(&content);

    let mut runs = Vec::new();
    if let Some(code) = case.check {
        let mut args = vec![
            "--lang",
            case.lang,
            "check",
            "--content",
            &c,
            "--as-of",
            AS_OF,
        ];
        if let Some(cr) = &criteria {
            args.extend(["--criteria", cr]);
        }
        runs.push(("check", code, oit(scratch, &args)));
    }
    if let Some(code) = case.build {
        let mut args = vec![
            "--lang",
            case.lang,
            "build",
            "--content",
            &c,
            "--out",
            &o,
            "--as-of",
            AS_OF,
        ];
        if let Some(cr) = &criteria {
            args.extend(["--criteria", cr]);
        }
        runs.push(("build", code, oit(scratch, &args)));
    }
    for (what, code, run) in &runs {
        assert_eq!(
            run.code,
            Some(*code),
            "{what}: exit code\n--- stdout ---\n{}\n--- stderr ---\n{}",
            run.stdout,
            run.stderr
        );
        for e in case.expect {
            assert_reported(run, what, e);
        }
        for phrase in case.absent {
            assert!(
                !run.all().contains(phrase),
                "{what}: output contains {phrase:?}\n{}",
                run.all()
            );
        }
    }
    if let (Some(code), Some(before)) = (case.build, before) {
        if code != 0 {
            assert!(
                snapshot(&out) == before,
                "a failed build changed the previous site"
            );
        }
        let mut beside: Vec<String> = fs::read_dir(scratch)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        beside.sort();
        // The good build left its cache beside the output; nothing else may be there (a
        // temporary folder of the failed build's swap), nor half-written files in the cache.
        assert_eq!(
            beside,
            ["content", "public", "public.oit-cache"],
            "leftovers beside --out"
        );
        let cache = scratch.join("public.oit-cache");
        let half_written: Vec<_> = walkdir::WalkDir::new(&cache)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().contains(".tmp-"))
            .map(|e| e.path().display().to_string())
            .collect();
        assert!(
            half_written.is_empty(),
            "left in the cache: {half_written:?}"
        );
    }
}

macro_rules! cases {
    ($( $(#[$attr:meta])* $name:ident => $case:expr; )*) => {
        $( #[test] $(#[$attr])* fn $name() { const CASE_OF_TEST: Case = $case; run_case(CASE_OF_TEST) } )*
    };
}

// Planting helpers -----------------------------------------------------------------------------

fn put(content: &Path, rel: &str, bytes: impl AsRef<[u8]>) {
    let path = content.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    // Remove first: a published file may be a hard link of the content file, and this models a
    // webmaster saving a new file, not rewriting the published one through the link.
    let _ = fs::remove_file(&path);
    fs::write(path, bytes).unwrap();
}

fn read(content: &Path, rel: &str) -> String {
    fs::read_to_string(content.join(rel)).unwrap()
}

/// A sparse file of `bytes` bytes (no disk space used, never kept in git).
fn sparse(content: &Path, rel: &str, bytes: u64) {
    sparse_with_head(content, rel, b"", bytes);
}

/// A sparse file of `bytes` bytes starting with `head` (a big PDF is `%PDF-` and then pages).
fn sparse_with_head(content: &Path, rel: &str, head: &[u8], bytes: u64) {
    let path = content.join(rel);
    let _ = fs::remove_file(&path);
    let mut f = fs::File::create(path).unwrap();
    f.write_all(head).unwrap();
    f.set_len(bytes).unwrap();
}

const O7: &str = "ita/2567/o07/index.md";
const O1: &str = "ita/2567/o01/index.md";
const CONTACT: &str = "pages/contact.md";
const NEWS: &str = "news/2566-11-15-meeting/index.md";
const SITE: &str = "site.yaml";
const TABLE: &str = "ita/2567/o01/executives.yaml";

/// The O7 page with `lines` as its front matter (line 2 is the first of them).
fn o7_front(content: &Path, lines: &str) {
    put(content, O7, format!("---\n{lines}---\nรายงานประจำเดือน\n"));
}

/// A criteria file: a valid head, then `rules` under item O1 (rules start at line 10).
fn criteria_with(content: &Path, rules: &str) {
    put(
        content,
        "bad-criteria.yaml",
        format!(
            "id: bad\ntitle_th: x\nfiscal_year: 2567\nperiod: {{ from: 2566-10, to: 2567-03 }}\n\
             items:\n  - code: O1\n    title_th: x\n    rules:\n      - kind: page\n{rules}"
        ),
    );
}

/// `o07` lists `name` for October 2566 so the file is one the rules look at.
fn o7_with_attachment(content: &Path, name: &str, bytes: &[u8]) {
    put(content, &format!("ita/2567/o07/2566-10/{name}"), bytes);
    o7_front(
        content,
        &format!("updated: 2024-04-05\nsupervisor: head\nmonths:\n  2566-10: [2566-10/{name}]\n"),
    );
}

// The cases ------------------------------------------------------------------------------------

cases! {
    // YAML syntax ------------------------------------------------------------------------------
    yaml_bad_indentation => Case {
        check: Some(1),
        plant: |c| o7_front(c, "updated: 2024-04-05\nsupervisor: head\n  prepared_by: clerk\n"),
        expect: &[at(O7, 4, "indented too deep (2 spaces): line 3 `supervisor: head` already has a value")],
        ..CASE
    };
    yaml_unclosed_quote => Case {
        check: Some(1),
        plant: |c| o7_front(c, "updated: 2024-04-05\ntitle: \"unterminated\nsupervisor: head\n"),
        expect: &[at(O7, 3, "unclosed quote")],
        ..CASE
    };
    yaml_syntax_error_in_site_yaml => Case {
        plant: |c| {
            let s = read(c, SITE).replace("fiscal_year: 2567", "fiscal_year: [2567");
            put(c, SITE, s);
        },
        expect: &[at(SITE, 6, "must be a text, not a list in brackets: remove the brackets, `fiscal_year: 2567`")],
        ..CASE
    };
    yaml_syntax_error_in_table => Case {
        check: Some(1),
        plant: |c| {
            let s = read(c, TABLE).replace("kind: executives", "kind: executives: boss");
            put(c, TABLE, s);
        },
        expect: &[at(TABLE, 2, "put quotes \"…\" around the text: `kind: \"executives: boss\"`")],
        ..CASE
    };

    // Wrong types: the message says what was expected --------------------------------------------
    wrong_type_text_for_number => Case {
        check: Some(1),
        plant: |c| put(c, CONTACT, "---\ntitle: ติดต่อเรา\nmenu: ten\n---\nbody\n"),
        expect: &[at(CONTACT, 3, "number")],
        ..CASE
    };
    wrong_type_text_for_fiscal_year => Case {
        plant: |c| {
            let s = read(c, SITE).replace("fiscal_year: 2567", "fiscal_year: สองห้าหกเจ็ด");
            put(c, SITE, s);
        },
        expect: &[at(SITE, 6, "number")],
        ..CASE
    };
    wrong_type_map_for_officer => Case {
        check: Some(1),
        plant: |c| o7_front(c, "updated: 2024-04-05\nsupervisor: { id: head }\n"),
        expect: &[at(O7, 3, "expected an officer id or a list of officer ids")],
        ..CASE
    };
    wrong_type_list_for_date => Case {
        check: Some(1),
        plant: |c| o7_front(c, "updated: [2024-04-05]\nsupervisor: head\n"),
        expect: &[at(O7, 2, "invalid type: sequence")],
        ..CASE
    };
    wrong_type_text_for_attachments => Case {
        check: Some(1),
        plant: |c| o7_front(c, "updated: 2024-04-05\nsupervisor: head\nattachments: report.pdf\n"),
        expect: &[at(O7, 4, "`attachments` must be a list"), at(O7, 4, "`attachments: [report.pdf]`")],
        ..CASE
    };

    // Unknown keys: named, with a "did you mean" ------------------------------------------------
    unknown_front_matter_key_suggests => Case {
        check: Some(1),
        plant: |c| o7_front(c, "updated: 2024-04-05\nsupervisor: head\ntitel: รายงาน\n"),
        expect: &[
            at(O7, 4, "unknown field `titel`"),
            at(O7, 4, "did you mean \"title\""),
        ],
        ..CASE
    };
    unknown_site_key_suggests => Case {
        plant: |c| {
            let s = read(c, SITE).replace("fiscal_year:", "fiscal_yaer:");
            put(c, SITE, s);
        },
        expect: &[at(SITE, 6, "did you mean \"fiscal_year\"")],
        ..CASE
    };
    unknown_nested_key_suggests => Case {
        check: Some(1),
        plant: |c| {
            let s = read(c, SITE).replace("  email:", "  emial:");
            put(c, SITE, s);
        },
        expect: &[at(SITE, 10, "did you mean \"email\"")],
        ..CASE
    };
    unknown_table_column_suggests => Case {
        check: Some(1),
        plant: |c| {
            let s = read(c, TABLE).replace("budget: 1234.5", "budgte: 1234.5");
            put(c, TABLE, s);
        },
        expect: &[at(TABLE, 6, "did you mean \"budget\"")],
        ..CASE
    };
    unknown_officer_suggests => Case {
        check: Some(1),
        plant: |c| o7_front(c, "updated: 2024-04-05\nsupervisor: haed\n"),
        expect: &[at(O7, 3, "officer id \"haed\" is not declared under officers in site.yaml; did you mean \"head\"?")],
        ..CASE
    };
    unknown_officer_in_thai => Case {
        check: Some(1),
        plant: |c| o7_front(c, "updated: 2024-04-05\nsupervisor: head\nprepared_by: [clerk, clerc]\n"),
        lang: "th",
        expect: &[at(O7, 4, "ไม่พบเจ้าหน้าที่รหัส \"clerc\" ใน officers ของ site.yaml หมายถึง \"clerk\" หรือไม่")],
        ..CASE
    };

    // Duplicate keys ----------------------------------------------------------------------------
    duplicate_key_in_site_yaml => Case {
        plant: |c| {
            let mut s = read(c, SITE);
            s.push_str("fiscal_year: 2568\n");
            put(c, SITE, s);
        },
        expect: &[at(SITE, 19, "duplicate mapping key: fiscal_year")],
        // serde-saphyr's advice to the programmer is not for the webmaster.
        absent: &["DuplicateKeyPolicy", "Options"],
        ..CASE
    };
    duplicate_key_in_front_matter => Case {
        check: Some(1),
        plant: |c| o7_front(c, "updated: 2024-04-05\nsupervisor: head\nupdated: 2024-04-06\n"),
        expect: &[at(O7, 4, "duplicate mapping key: updated")],
        absent: &["DuplicateKeyPolicy"],
        ..CASE
    };
    duplicate_month_key => Case {
        check: Some(1),
        plant: |c| o7_front(c, "updated: 2024-04-05\nsupervisor: head\nmonths:\n  2566-10: { none: x }\n  2566-10: { none: y }\n"),
        expect: &[at(O7, 6, "duplicate mapping key")],
        ..CASE
    };
    same_month_written_two_ways => Case {
        check: Some(1),
        plant: |c| o7_front(c, "updated: 2024-04-05\nsupervisor: head\nmonths:\n  2566-10: { none: x }\n  ต.ค. 2566: { none: y }\n"),
        expect: &[file(O7, "is listed twice")],
        ..CASE
    };

    // Front matter ------------------------------------------------------------------------------
    missing_front_matter => Case {
        check: Some(1),
        plant: |c| put(c, CONTACT, "title: ติดต่อเรา\n\nโทร 054-000-000\n"),
        expect: &[at(CONTACT, 1, "no front matter")],
        ..CASE
    };
    unclosed_front_matter => Case {
        check: Some(1),
        plant: |c| put(c, CONTACT, "---\ntitle: ติดต่อเรา\n\nโทร 054-000-000\n"),
        expect: &[at(CONTACT, 1, "not closed by a line '---'")],
        ..CASE
    };

    // BOM, CRLF, tabs ---------------------------------------------------------------------------
    bom_is_accepted => Case {
        plant: |c| {
            for rel in [SITE, CONTACT, O7, TABLE] {
                let s = read(c, rel);
                put(c, rel, format!("\u{feff}{s}"));
            }
        },
        // The fixture fails the criteria (exit 1) but reads fine; the build succeeds.
        check: Some(1),
        build: Some(0),
        ..CASE
    };
    bom_keeps_line_numbers => Case {
        check: Some(1),
        plant: |c| {
            put(c, CONTACT, "\u{feff}---\ntitle: ติดต่อเรา\nmenu: x\n---\n");
            put(c, O7, "\u{feff}---\nupdated: 2024-04-05\nsupervisor: head\nbogus: 1\n---\n");
        },
        expect: &[at(CONTACT, 3, "`menu` must be a whole number"), at(O7, 4, "unknown field `bogus`")],
        ..CASE
    };
    bom_site_yaml_keeps_line_numbers => Case {
        check: Some(1),
        plant: |c| {
            let s = read(c, SITE);
            put(c, SITE, format!("\u{feff}{s}bogus: 1\n"));
        },
        expect: &[at(SITE, 19, "unknown field `bogus`")],
        ..CASE
    };
    crlf_is_accepted => Case {
        plant: |c| {
            for rel in [SITE, CONTACT, O7, O1, TABLE, NEWS] {
                let s = read(c, rel).replace('\n', "\r\n");
                put(c, rel, s);
            }
        },
        check: Some(1),
        build: Some(0),
        ..CASE
    };
    crlf_keeps_line_numbers => Case {
        check: Some(1),
        plant: |c| put(c, O7, "---\r\nupdated: 2024-04-05\r\nsupervisor: head\r\nbogus: 1\r\n---\r\nbody\r\n"),
        expect: &[at(O7, 4, "unknown field `bogus`")],
        ..CASE
    };
    crlf_date_error_line => Case {
        check: Some(1),
        plant: |c| put(c, O7, "---\r\nsupervisor: head\r\n\r\nupdated: 2567-13-01\r\n---\r\n"),
        expect: &[at(O7, 4, "month must be 1 to 12, got 13")],
        ..CASE
    };
    tab_indentation => Case {
        check: Some(1),
        plant: |c| o7_front(c, "updated: 2024-04-05\nsupervisor: head\nmonths:\n\t2566-10: { none: x }\n"),
        expect: &[at(O7, 5, "tabs disallowed")],
        ..CASE
    };

    // Encodings ---------------------------------------------------------------------------------
    invalid_utf8_tis620 => Case {
        check: Some(1),
        // "ติดต่อ" in TIS-620 on line 5.
        plant: |c| put(c, CONTACT, b"---\ntitle: x\nmenu: 1\n---\n\xb5\xd4\xb4\xb5\xe8\xcd\n".as_slice()),
        expect: &[at(CONTACT, 5, "not UTF-8")],
        ..CASE
    };
    invalid_utf8_in_thai => Case {
        check: Some(1),
        plant: |c| put(c, CONTACT, b"---\ntitle: x\nmenu: 1\n---\n\xb5\xd4\xb4\xb5\xe8\xcd\n".as_slice()),
        lang: "th",
        expect: &[at(CONTACT, 5, "ไฟล์ไม่ได้บันทึกเป็น UTF-8")],
        ..CASE
    };
    utf16_site_yaml => Case {
        plant: |c| {
            let s = read(c, SITE);
            let mut b = vec![0xFF, 0xFE];
            for u in s.encode_utf16() {
                b.extend_from_slice(&u.to_le_bytes());
            }
            put(c, SITE, b);
        },
        expect: &[at(SITE, 1, "not UTF-8")],
        ..CASE
    };
    invalid_utf8_in_table => Case {
        check: Some(1),
        plant: |c| put(c, TABLE, b"title: x\ncolumns:\n  - { key: name, label: \xa4\xd2 }\n".as_slice()),
        expect: &[at(TABLE, 3, "not UTF-8")],
        ..CASE
    };

    // Empty files -------------------------------------------------------------------------------
    empty_page => Case {
        check: Some(1),
        plant: |c| put(c, CONTACT, ""),
        expect: &[at(CONTACT, 1, "no front matter")],
        ..CASE
    };
    empty_item_page => Case {
        check: Some(1),
        plant: |c| put(c, O7, ""),
        expect: &[at(O7, 1, "no front matter")],
        ..CASE
    };
    empty_site_yaml => Case {
        plant: |c| put(c, SITE, ""),
        expect: &[at(SITE, 1, "invalid YAML")],
        ..CASE
    };
    empty_table => Case {
        check: Some(1),
        plant: |c| put(c, TABLE, ""),
        expect: &[at(TABLE, 1, "invalid YAML")],
        ..CASE
    };
    no_site_yaml => Case {
        plant: |c| fs::remove_file(c.join(SITE)).unwrap(),
        expect: &[file(SITE, "no site.yaml")],
        ..CASE
    };
    empty_attachment => Case {
        plant: |c| o7_with_attachment(c, "empty.pdf", b""),
        check: Some(1),
        build: None,
        expect: &[file("ita/2567/o07/2566-10/empty.pdf", "empty (0 bytes)")],
        ..CASE
    };

    // Huge files --------------------------------------------------------------------------------
    huge_news_page => Case {
        check: Some(1),
        plant: |c| sparse(c, NEWS, 200 * 1024 * 1024),
        expect: &[file(NEWS, "file too large (200 MB)")],
        ..CASE
    };
    huge_site_yaml => Case {
        plant: |c| sparse(c, SITE, 200 * 1024 * 1024),
        expect: &[file(SITE, "file too large (200 MB)")],
        ..CASE
    };
    huge_attachment_does_not_hang => Case {
        // Published as it is (a hard link or a copy of a sparse file), never read whole.
        plant: |c| {
            sparse_with_head(c, "ita/2567/o07/2566-10/big.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", 200 * 1024 * 1024);
            o7_front(c, "updated: 2024-04-05\nsupervisor: head\nmonths:\n  2566-10: [2566-10/big.pdf]\n");
        },
        check: Some(1),
        build: Some(0),
        ..CASE
    };
    huge_attachment_is_reported => Case {
        plant: |c| {
            sparse_with_head(c, "ita/2567/o07/2566-10/big.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", 200 * 1024 * 1024);
            o7_front(c, "updated: 2024-04-05\nsupervisor: head\nmonths:\n  2566-10: [2566-10/big.pdf]\n");
        },
        check: Some(1),
        build: None,
        expect: &[file("ita/2567/o07/2566-10/big.pdf", "too large")],
        ..CASE
    };

    // Deep nesting and alias bombs ----------------------------------------------------------------
    deeply_nested_front_matter => Case {
        check: Some(1),
        plant: |c| o7_front(c, &format!("updated: 2024-04-05\nsupervisor: head\ntitle: {}\n", "[".repeat(100_000))),
        expect: &[at(O7, 4, "`title` must be a text")],
        ..CASE
    };
    deeply_nested_criteria_flow => Case {
        plant: |c| criteria_with(c, &format!("        extra: {}\n", "[".repeat(200_000))),
        criteria: Some("bad-criteria.yaml"),
        expect: &[at("bad-criteria.yaml", 10, "invalid YAML")],
        ..CASE
    };
    deeply_nested_criteria_block => Case {
        plant: |c| {
            let mut s = String::from("        extra:\n");
            for depth in 0..20_000 {
                s.push_str(&" ".repeat(10 + depth));
                s.push_str("- \n");
            }
            criteria_with(c, &s);
        },
        criteria: Some("bad-criteria.yaml"),
        expect: &[file("bad-criteria.yaml", "too large or too deeply nested")],
        ..CASE
    };
    alias_bomb_in_criteria => Case {
        // Billion laughs: 10^9 nodes if expanded. `flatten` in the rule type buffers them.
        plant: |c| {
            let mut s = String::from("        extra: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
            for i in 1..10 {
                let refs = vec![format!("*a{}", i - 1); 10].join(", ");
                s.push_str(&format!("        e{i}: &a{i} [{refs}]\n"));
            }
            criteria_with(c, &s);
        },
        criteria: Some("bad-criteria.yaml"),
        expect: &[file("bad-criteria.yaml", "too large or too deeply nested")],
        // The budget that stopped it is named in words, not as a Rust debug dump.
        absent: &["Nodes {", "budget breached", "(used"],
        ..CASE
    };
    alias_bomb_in_front_matter => Case {
        check: Some(1),
        // Billion laughs at the top of a page: refused at the first unknown key, never expanded.
        plant: |c| {
            let mut s = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
            for i in 1..10 {
                let refs = vec![format!("*a{}", i - 1); 10].join(", ");
                s.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
            }
            o7_front(c, &s);
        },
        expect: &[at(O7, 2, "unknown field `a0`")],
        ..CASE
    };
    alias_bomb_in_facts => Case {
        check: Some(1),
        plant: |c| {
            let mut s = String::from("supervisor: head\nfacts:\n  a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
            for i in 1..10 {
                let refs = vec![format!("*a{}", i - 1); 10].join(", ");
                s.push_str(&format!("  a{i}: &a{i} [{refs}]\n"));
            }
            o7_front(c, &s);
        },
        expect: &[at(O7, 4, "must be a text, a number or nothing, not a list")],
        ..CASE
    };

    // Dates ---------------------------------------------------------------------------------------
    date_31_february => Case {
        check: Some(1),
        plant: |c| o7_front(c, "supervisor: head\nupdated: 31/02/2567\n"),
        expect: &[at(O7, 3, "February 2024 has no day 31")],
        ..CASE
    };
    date_month_13 => Case {
        check: Some(1),
        plant: |c| o7_front(c, "supervisor: head\nupdated: 2567-13-01\n"),
        expect: &[at(O7, 3, "month must be 1 to 12, got 13")],
        ..CASE
    };
    date_in_thai => Case {
        check: Some(1),
        plant: |c| o7_front(c, "supervisor: head\nas_of: 30 ก.พ. 2567\n"),
        lang: "th",
        expect: &[at(O7, 3, "วันที่ไม่ถูกต้อง")],
        ..CASE
    };
    news_date_invalid => Case {
        check: Some(1),
        plant: |c| {
            let s = read(c, NEWS).replace("date: 15 พ.ย. 2566", "date: 2567-13-01");
            put(c, NEWS, s);
        },
        expect: &[at(NEWS, 3, "month must be 1 to 12, got 13")],
        ..CASE
    };
    month_key_invalid => Case {
        check: Some(1),
        plant: |c| o7_front(c, "updated: 2024-04-05\nsupervisor: head\nmonths:\n  2566-13: { none: x }\n"),
        expect: &[at(O7, 5, "invalid month")],
        ..CASE
    };
    table_date_cell_invalid => Case {
        check: Some(1),
        plant: |c| put(c, TABLE, "title: x\ncolumns:\n  - { key: day, label: วันที่, type: date }\nrows:\n  - { day: 31/02/2567 }\n"),
        expect: &[at(TABLE, 4, "has no day 31")],
        ..CASE
    };

    // Items ---------------------------------------------------------------------------------------
    duplicate_item_code => Case {
        check: Some(1),
        plant: |c| copy_tree(&c.join("ita/2567/o07"), &c.join("ita/2567/o7")),
        expect: &[file("ita/2567/o7/index.md", "item O7 has two folders: ita/2567/o07 and ita/2567/o7")],
        ..CASE
    };
    item_folder_not_an_item_code => Case {
        check: Some(1),
        plant: |c| put(c, "ita/2567/x07/index.md", "---\ntitle: x\n---\n"),
        expect: &[file("ita/2567/x07", "is not an OIT item code")],
        ..CASE
    };
    item_unknown_to_the_criteria => Case {
        plant: |c| put(c, "ita/2567/o99/index.md", "---\ntitle: ข้อพิเศษ\n---\n"),
        // A warning: the item is published but not checked (the fixture fails other rules).
        check: Some(1),
        build: Some(0),
        expect: &[],
        ..CASE
    };
    item_unknown_to_the_criteria_is_named => Case {
        plant: |c| put(c, "ita/2567/o99/index.md", "---\ntitle: ข้อพิเศษ\n---\n"),
        check: Some(1),
        build: None,
        expect: &[file("ita/2567/o99/index.md", "have no item O99")],
        ..CASE
    };
    item_code_in_front_matter_mismatch => Case {
        check: Some(1),
        plant: |c| o7_front(c, "item: O8\nupdated: 2024-04-05\nsupervisor: head\n"),
        expect: &[at(O7, 2, "item: O8 does not match its folder (O7)")],
        ..CASE
    };
    news_item_code_invalid => Case {
        check: Some(1),
        plant: |c| {
            let s = read(c, NEWS).replace("items: [O1]", "items: [O1, X9]");
            put(c, NEWS, s);
        },
        expect: &[at(NEWS, 4, "\"X9\" is not an item code")],
        ..CASE
    };
    missing_referenced_file => Case {
        check: Some(1),
        plant: |c| o7_front(c, "updated: 2024-04-05\nsupervisor: head\nattachments:\n  - file: nowhere.pdf\n"),
        expect: &[at(O7, 4, "the referenced file \"nowhere.pdf\" does not exist")],
        ..CASE
    };
    reference_outside_the_folder => Case {
        check: Some(1),
        plant: |c| o7_front(c, "updated: 2024-04-05\nsupervisor: head\nattachments:\n  - file: ../../../site.yaml\n"),
        expect: &[at(O7, 4, "points outside the folder")],
        ..CASE
    };

    // Attachments that are not what they claim (check findings) --------------------------------
    zip_bomb_as_xlsx => Case {
        plant: |c| o7_with_attachment(c, "bomb.xlsx", &zip_bomb("xl/worksheets/sheet1.xml", 1024)),
        check: Some(1),
        build: None,
        expect: &[file("ita/2567/o07/2566-10/bomb.xlsx", "zip bomb")],
        ..CASE
    };
    zip_bomb_as_docx => Case {
        plant: |c| o7_with_attachment(c, "bomb.docx", &zip_bomb("word/document.xml", 1024)),
        check: Some(1),
        build: None,
        expect: &[file("ita/2567/o07/2566-10/bomb.docx", "zip bomb")],
        ..CASE
    };
    truncated_pdf => Case {
        plant: |c| {
            let pdf = fs::read(fixture("files/memo-libreoffice.pdf")).unwrap();
            o7_with_attachment(c, "cut.pdf", &pdf[..pdf.len() / 2]);
        },
        check: Some(1),
        build: None,
        expect: &[file("ita/2567/o07/2566-10/cut.pdf", "the PDF is incomplete")],
        ..CASE
    };
    pdf_that_is_html => Case {
        plant: |c| o7_with_attachment(c, "saved.pdf", &fs::read(fixture("bad-input/saved-page.pdf")).unwrap()),
        check: Some(1),
        build: None,
        expect: &[file("ita/2567/o07/2566-10/saved.pdf", "web page (HTML)")],
        ..CASE
    };
    xls_that_crashes_the_reader => Case {
        // Found by the `office` fuzz target: calamine 0.38 panics on this .xls (index out of
        // bounds in xls.rs parse_lbl). oit catches the panic on its parser thread, but the
        // default panic hook still printed "thread 'oit-document-parser' panicked at ..." to the
        // webmaster's terminal, from both check and build. The harness fails on "panicked".
        plant: |c| o7_with_attachment(c, "bad.xls", &fs::read(fixture("bad-input/crash-calamine.xls")).unwrap()),
        check: Some(1),
        build: Some(0),
        ..CASE
    };
    xls_the_reader_cannot_open_is_named => Case {
        // The sniffer sees a Workbook stream; only a reader finds the file broken. It must be
        // named, not counted as the month's Excel report.
        plant: |c| o7_with_attachment(c, "bad.xls", &fs::read(fixture("bad-input/crash-calamine.xls")).unwrap()),
        check: Some(1),
        build: None,
        expect: &[file("ita/2567/o07/2566-10/bad.xls", "cannot be read")],
        ..CASE
    };
    zip_bomb_and_broken_files_do_not_hang_build => Case {
        // Whatever check makes of them, the build publishes them as they are, quickly.
        plant: |c| {
            put(c, "ita/2567/o01/manpower.xlsx", zip_bomb("xl/worksheets/sheet1.xml", 1024));
            put(c, "ita/2567/o01/memo.docx", zip_bomb("word/document.xml", 1024));
            put(c, "ita/2567/o01/saved.pdf", fs::read(fixture("bad-input/saved-page.pdf")).unwrap());
        },
        check: Some(1),
        build: Some(0),
        ..CASE
    };

    // Paths ---------------------------------------------------------------------------------------
    symlink_out_of_the_content => Case {
        check: Some(1),
        plant: |c| std::os::unix::fs::symlink("/etc/passwd", c.join("ita/2567/o01/passwd.pdf")).unwrap(),
        expect: &[file("ita/2567/o01/passwd.pdf", "symbolic link points outside the content folder")],
        ..CASE
    };

    // Several bad files: every one reported in one run -------------------------------------------
    several_bad_files_in_one_run => Case {
        check: Some(1),
        plant: |c| {
            put(c, CONTACT, b"---\ntitle: x\nmenu: 1\n---\n\xb5\xd4\xb4\n".as_slice());
            let s = read(c, NEWS).replace("date: 15 พ.ย. 2566", "date: 31/02/2567");
            put(c, NEWS, s);
            o7_front(c, "updated: 2024-04-05\nsupervisor: haed\nbogus: 1\n");
            let s = read(c, TABLE).replace("kind: executives", "kind: executives\ntitle: again");
            put(c, TABLE, s);
            put(c, "pages/about.md", "no front matter here\n");
            put(c, "ita/2567/x01/index.md", "---\n---\n");
        },
        expect: &[
            at(CONTACT, 5, "not UTF-8"),
            at(NEWS, 3, "has no day 31"),
            at(O7, 4, "unknown field `bogus`"),
            at(TABLE, 3, "duplicate mapping key: title"),
            at("pages/about.md", 1, "no front matter"),
            file("ita/2567/x01", "is not an OIT item code"),
        ],
        ..CASE
    };
    several_errors_in_one_file => Case {
        check: Some(1),
        plant: |c| o7_front(c, "supervisor: haed\nprepared_by: clerc\nupdated: 31/02/2567\nas_of: 2567-13-01\n"),
        expect: &[
            at(O7, 2, "did you mean \"head\""),
            at(O7, 3, "did you mean \"clerk\""),
            at(O7, 4, "has no day 31"),
            at(O7, 5, "got 13"),
        ],
        ..CASE
    };
    broken_item_page_does_not_hide_its_tables => Case {
        check: Some(1),
        // The tables beside a broken index.md can still be read and their errors reported.
        plant: |c| {
            put(c, O1, "no front matter\n");
            let s = read(c, TABLE).replace("kind: executives", "kind: executives\ntitle: again");
            put(c, TABLE, s);
        },
        expect: &[at(O1, 1, "no front matter"), at(TABLE, 3, "duplicate mapping key: title")],
        ..CASE
    };
    site_yaml_error_does_not_hide_other_files => Case {
        // Pages, news and items do not need site.yaml to be read: their errors belong in the
        // same run.
        plant: |c| {
            let s = read(c, SITE).replace("fiscal_year:", "fiscal_yaer:");
            put(c, SITE, s);
            put(c, CONTACT, "no front matter\n");
            o7_front(c, "updated: 2567-13-01\nsupervisor: head\n");
        },
        expect: &[
            at(SITE, 6, "unknown field `fiscal_yaer`"),
            at(CONTACT, 1, "no front matter"),
            at(O7, 2, "got 13"),
        ],
        ..CASE
    };
}

/// The summary a failed build ends with counts every error and says the old site stayed.
#[test]
fn failed_build_says_the_previous_site_is_untouched() {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    copy_tree(&fixture("basic"), &content);
    put(&content, CONTACT, "");
    put(&content, O1, "");
    let c = content.to_str().unwrap();
    let o = tmp.path().join("public");
    let run = oit(
        tmp.path(),
        &[
            "--lang",
            "en",
            "build",
            "--content",
            c,
            "--out",
            o.to_str().unwrap(),
        ],
    );
    assert_eq!(run.code, Some(2), "{run:?}");
    assert!(
        run.stderr.contains("build failed with ") && run.stderr.contains("error(s)"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("untouched"), "{}", run.stderr);
    assert!(!o.exists(), "nothing is written when the first build fails");
    let run = oit(
        tmp.path(),
        &["build", "--content", c, "--out", o.to_str().unwrap()],
    );
    assert!(run.stderr.contains("สร้างเว็บไซต์ไม่สำเร็จ"), "{}", run.stderr);
}

/// A content folder that does not exist, or is a file, is an input error naming it.
#[test]
fn content_folder_missing_or_a_file() {
    let tmp = tempfile::tempdir().unwrap();
    let missing = tmp.path().join("nowhere");
    let run = oit(
        tmp.path(),
        &[
            "--lang",
            "en",
            "check",
            "--content",
            missing.to_str().unwrap(),
        ],
    );
    assert_eq!(run.code, Some(2), "{run:?}");
    assert!(run.stderr.contains("no site.yaml"), "{}", run.stderr);
    let file = tmp.path().join("file.md");
    fs::File::create(&file).unwrap().write_all(b"x").unwrap();
    let run = oit(
        tmp.path(),
        &["--lang", "en", "check", "--content", file.to_str().unwrap()],
    );
    assert_eq!(run.code, Some(2), "{run:?}");
}
