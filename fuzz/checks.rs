//! The fuzz harnesses, one function per target. Shared by the cargo-fuzz targets
//! (`fuzz/fuzz_targets/*.rs`) and by `tests/fuzz_regressions.rs`, which replays every saved
//! crash input in `fuzz/regressions/<target>/` through the same function on stable Rust.
//!
//! Each function must never panic on any input; the asserts inside are the properties the
//! fuzzer checks besides "no panic, no hang".
#![allow(dead_code)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The names of the targets, each a folder of `fuzz/regressions/`.
pub const TARGETS: &[&str] = &[
    "front_matter_yaml",
    "dates",
    "criteria",
    "markdown",
    "sniff",
    "office",
    "pdpa",
];

/// Runs the harness of `target` on `data`.
pub fn run(target: &str, data: &[u8]) {
    match target {
        "front_matter_yaml" => front_matter_yaml(data),
        "dates" => dates(data),
        "criteria" => criteria(data),
        "markdown" => markdown(data),
        "sniff" => sniff(data),
        "office" => office(data),
        "pdpa" => pdpa(data),
        other => panic!("unknown fuzz target {other}"),
    }
}

/// Lines as YAML (and editors) count them: `\n`, `\r\n` and a lone `\r` each end one.
fn count_lines(text: &str) -> usize {
    let b = text.as_bytes();
    let breaks = (0..b.len())
        .filter(|&i| b[i] == b'\n' || (b[i] == b'\r' && b.get(i + 1) != Some(&b'\n')))
        .count();
    breaks + 1
}

/// A finding's line must point into the file it names (1-based, at most one past the end).
fn assert_line_inside(f: &oit::diagnostics::Finding, text: &str) {
    if let Some(line) = f.line {
        let lines = count_lines(text);
        assert!(
            line >= 1 && line <= lines + 1,
            "finding at line {line} of a {lines}-line file: {f}"
        );
    }
    assert!(f.file.is_some(), "finding names no file: {f}");
}

// front_matter_yaml -----------------------------------------------------------------------------

/// Split + YAML parse into every front-matter type, and the whole text as site.yaml and as a
/// data table. Errors must name the file and a line inside it.
pub fn front_matter_yaml(data: &[u8]) {
    use oit::content::{ItemFront, NewsFront, PageFront, SiteConfig, TableFile};
    use oit::yaml;
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let md = Path::new("ita/2567/o01/index.md");
    match yaml::split_front_matter(text, md) {
        Ok(fm) => {
            assert!(fm.yaml_line >= 1 && fm.body_line > fm.yaml_line);
            let body_lines = fm.body.lines().count();
            assert!(fm.body_line + body_lines <= text.lines().count() + 2);
            if let Err(f) = yaml::parse::<ItemFront>(fm.yaml, md, fm.yaml_line) {
                assert_line_inside(&f, text);
            }
            if let Err(f) = yaml::parse::<NewsFront>(fm.yaml, md, fm.yaml_line) {
                assert_line_inside(&f, text);
            }
            if let Err(f) = yaml::parse::<PageFront>(fm.yaml, md, fm.yaml_line) {
                assert_line_inside(&f, text);
            }
            for key in ["updated", "supervisor", "  2566-10", "months"] {
                if let Some(l) = yaml::key_line(fm.yaml, fm.yaml_line, key) {
                    assert!(l >= fm.yaml_line && l < fm.body_line, "{key} at {l}");
                }
            }
        }
        Err(f) => assert_line_inside(&f, text),
    }
    let site = Path::new("site.yaml");
    if let Err(f) = yaml::parse::<SiteConfig>(text, site, 1) {
        assert_line_inside(&f, text);
    }
    if let Err(f) = yaml::parse::<TableFile>(text, site, 1) {
        assert_line_inside(&f, text);
    }
}

// dates -----------------------------------------------------------------------------------------

/// parse_date / parse_month never panic; what parses formats back to the same value (within
/// the documented range of each form), and Thai digits read like Arabic ones.
pub fn dates(data: &[u8]) {
    use oit::thai;
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(d) = thai::parse_date(text) {
        let y = d.year();
        // format_long writes the BE year; it reads back as BE when it has 4 digits above 2400.
        if (1858..=9456).contains(&y) {
            let long = thai::format_long(d);
            assert_eq!(
                thai::parse_date(&long),
                Ok(d),
                "{text:?} -> {d} -> {long:?}"
            );
        }
        // English month names with a 4-digit year up to 2400 read as CE.
        if (1000..=2400).contains(&y) {
            let en = thai::format_long_en(d);
            assert_eq!(thai::parse_date(&en), Ok(d), "{text:?} -> {d} -> {en:?}");
        }
        // Two-digit BE years mean 25xx.
        if (2500 - 543..=2599 - 543).contains(&y) {
            let short = thai::format_short(d);
            assert_eq!(
                thai::parse_date(&short),
                Ok(d),
                "{text:?} -> {d} -> {short:?}"
            );
        }
        let ym = thai::YearMonth::from(d);
        if (1858..=9456).contains(&y) {
            let m = thai::format_month_long(ym);
            assert_eq!(thai::parse_month(&m), Ok(ym), "{text:?} -> {m:?}");
        }
    }
    if let Ok(m) = thai::parse_month(text) {
        assert!((1..=12).contains(&m.month()));
        if (1858..=9456).contains(&m.year()) {
            let long = thai::format_month_long(m);
            assert_eq!(thai::parse_month(&long), Ok(m), "{text:?} -> {long:?}");
        }
    }
    let thai_digits = thai::to_thai_digits(text);
    assert_eq!(
        thai::parse_date(&thai_digits).ok(),
        thai::parse_date(text).ok(),
        "{text:?} vs {thai_digits:?}"
    );
    assert_eq!(
        thai::parse_month(&thai_digits).ok(),
        thai::parse_month(text).ok(),
        "{text:?} vs {thai_digits:?}"
    );
}

// criteria --------------------------------------------------------------------------------------

pub fn criteria(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let file = Path::new("criteria.yaml");
    match oit::criteria::parse(text, file, "fuzz".to_string()) {
        Ok(c) => {
            // Whatever parses can be asked for its months and items without panicking.
            let months = c.months();
            assert!(months.len() < 100_000);
            for item in &c.file.items {
                let _ = c.item(&item.code);
            }
        }
        Err(f) => assert_line_inside(&f, text),
    }
}

// markdown --------------------------------------------------------------------------------------

/// Tags pulldown-cmark writes for CommonMark + tables, footnotes and strikethrough.
const ALLOWED_TAGS: &[&str] = &[
    "a",
    "blockquote",
    "br",
    "code",
    "del",
    "div",
    "em",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "img",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
    "section",
    "span",
];

/// Undoes the HTML escapes pulldown-cmark writes inside attribute values.
fn unescape_attr(v: &str) -> String {
    v.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The URL scheme a browser would see: leading C0 controls and spaces dropped, tabs and
/// newlines removed anywhere (WHATWG URL parsing), lower-cased.
fn browser_scheme(url: &str) -> String {
    let trimmed = url.trim_start_matches(|c: char| c <= ' ');
    let cleaned: String = trimmed
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    cleaned.to_ascii_lowercase()
}

/// Every `<tag attr="value">` of `html` (a tiny scanner for pulldown-cmark's own output).
fn tags(html: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut out = Vec::new();
    let bytes = html.as_bytes();
    let mut i = 0;
    while let Some(off) = html[i..].find('<') {
        let start = i + off + 1;
        let mut j = start;
        if bytes.get(j) == Some(&b'/') {
            j += 1;
        }
        let name_start = j;
        while j < bytes.len() && bytes[j].is_ascii_alphanumeric() {
            j += 1;
        }
        let name = html[name_start..j].to_ascii_lowercase();
        let mut attrs = Vec::new();
        // Attributes: name="value" pairs until '>'.
        loop {
            while j < bytes.len() && bytes[j] == b' ' {
                j += 1;
            }
            if j >= bytes.len() || bytes[j] == b'>' || bytes[j] == b'/' {
                break;
            }
            let a0 = j;
            while j < bytes.len() && !matches!(bytes[j], b'=' | b' ' | b'>') {
                j += 1;
            }
            let aname = html[a0..j].to_ascii_lowercase();
            let mut value = String::new();
            if bytes.get(j) == Some(&b'=') && bytes.get(j + 1) == Some(&b'"') {
                let v0 = j + 2;
                let v1 = html[v0..].find('"').map_or(html.len(), |e| v0 + e);
                value = unescape_attr(&html[v0..v1]);
                j = (v1 + 1).min(html.len());
            } else if j < bytes.len() && bytes[j] != b'>' {
                j += 1;
            }
            attrs.push((aname, value));
        }
        out.push((name, attrs));
        i = j.max(start).min(html.len());
        if i >= html.len() {
            break;
        }
    }
    out
}

/// Markdown with raw HTML not allowed: the output holds only the tags Markdown makes, no event
/// handler attributes, and no link or image a browser would run as script.
pub fn markdown(data: &[u8]) {
    use oit::render::markdown::{LinkContext, plain_text, render};
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut files = HashMap::new();
    files.insert("report.pdf".to_string(), "report.pdf".to_string());
    files.insert("คู่มือ.pdf".to_string(), "file-1234abcd.pdf".to_string());
    let cx = LinkContext {
        root: "../../",
        files: &files,
        allow_html: false,
    };
    let html = render(text, &cx);
    let lower = html.to_ascii_lowercase();
    assert!(!lower.contains("<script"), "script tag in {html:?}");
    for (name, attrs) in tags(&html) {
        assert!(
            ALLOWED_TAGS.contains(&name.as_str()),
            "tag <{name}> from {text:?}: {html:?}"
        );
        for (attr, value) in attrs {
            assert!(!attr.starts_with("on"), "{attr} in {html:?}");
            if matches!(attr.as_str(), "href" | "src") {
                let scheme = browser_scheme(&value);
                for bad in ["javascript:", "vbscript:", "data:"] {
                    assert!(
                        !scheme.starts_with(bad),
                        "{attr}={value:?} from {text:?}: {html:?}"
                    );
                }
            }
        }
    }
    let _ = plain_text(text, 200);
}

// sniff / office --------------------------------------------------------------------------------

thread_local! {
    static SCRATCH: std::cell::RefCell<Option<PathBuf>> = const { std::cell::RefCell::new(None) };
}

/// A private scratch folder for the file-based targets, one per thread (the tests replay inputs
/// on several threads at once).
fn scratch() -> PathBuf {
    SCRATCH.with(|s| {
        s.borrow_mut()
            .get_or_insert_with(|| {
                static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
                let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let d = std::env::temp_dir().join(format!("oit-fuzz-{}-{n}", std::process::id()));
                std::fs::create_dir_all(&d).expect("scratch folder");
                d
            })
            .clone()
    })
}

/// Removes this thread's scratch folder (the tests call it; the fuzzer keeps its one folder).
pub fn remove_scratch() {
    SCRATCH.with(|s| {
        if let Some(d) = s.borrow_mut().take() {
            let _ = std::fs::remove_dir_all(d);
        }
    });
}

const SNIFF_EXTS: &[&str] = &[
    "pdf", "docx", "xlsx", "xls", "doc", "ods", "odt", "csv", "png", "jpg", "gif", "webp", "html",
    "txt", "zip", "pptx", "xlsm", "", "PDF",
];

fn write_scratch(name: &str, bytes: &[u8]) -> PathBuf {
    let path = scratch().join(name);
    std::fs::write(&path, bytes).expect("write scratch file");
    path
}

/// First byte picks the extension; the rest is the file.
pub fn sniff(data: &[u8]) {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let ext = SNIFF_EXTS[pick as usize % SNIFF_EXTS.len()];
    let name = if ext.is_empty() {
        "file".to_string()
    } else {
        format!("file.{ext}")
    };
    let path = write_scratch(&name, bytes);
    let facts = oit::documents::sniff(&path);
    assert_eq!(facts.bytes, bytes.len() as u64);
    if facts.problem.is_some() {
        assert_eq!(
            facts.format, None,
            "a file with a problem counts: {facts:?}"
        );
    }
    if bytes.is_empty() {
        assert_eq!(facts.kind, oit::documents::Kind::Empty);
    }
}

/// For the fuzz targets that open documents: a panic inside oit's document-parser threads
/// (`documents::isolate`) is caught there and becomes a finding, but libFuzzer's panic hook
/// aborts on every panic, caught or not. This hook lets those contained panics pass (printing
/// one line) and leaves every other panic to libFuzzer. A contained panic that shows in oit's
/// own output is still a bug: see tests/bad_input.rs `xls_that_crashes_the_reader`.
pub fn tolerate_contained_parser_panics() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if std::thread::current().name() == Some("oit-document-parser") {
            eprintln!("(contained parser panic: {info})");
            return;
        }
        previous(info);
    }));
}

const OFFICE_EXTS: &[&str] = &["xlsx", "xls", "ods", "csv", "docx"];

/// First byte picks the extension; the file goes through the spreadsheet preview and the Word
/// text reader (both vet it with sniff first).
pub fn office(data: &[u8]) {
    use oit::documents::excel::{MAX_COLUMNS, read_preview};
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let ext = OFFICE_EXTS[pick as usize % OFFICE_EXTS.len()];
    let path = write_scratch(&format!("office.{ext}"), bytes);
    let max_rows = 1 + (pick as usize / OFFICE_EXTS.len()) % 8;
    if let Ok(p) = read_preview(&path, max_rows) {
        assert!(
            p.rows.len() <= max_rows,
            "{} rows > {max_rows}",
            p.rows.len()
        );
        if let Some(first) = p.rows.first() {
            assert!(first.len() <= MAX_COLUMNS);
            assert!(
                p.rows.iter().all(|r| r.len() == first.len()),
                "ragged {p:?}"
            );
        }
    }
    let max_bytes = 64 + pick as usize * 16;
    if let Ok(t) = oit::documents::docx::text(&path, max_bytes) {
        assert!(t.len() <= max_bytes, "{} bytes > {max_bytes}", t.len());
    }
}

// pdpa ------------------------------------------------------------------------------------------

/// Every hit is a valid ID at the line and column it names.
pub fn pdpa(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for hit in oit::pdpa::find_national_ids(text) {
        assert!(oit::pdpa::is_valid_id(&hit.digits), "{hit:?}");
        assert_eq!(hit.digits.len(), 13);
        let line = text.lines().nth(hit.line - 1).expect("line exists");
        let c = line.chars().nth(hit.column - 1).expect("column exists");
        assert!(
            c.is_ascii_digit() || ('๐'..='๙').contains(&c),
            "{hit:?} points at {c:?}"
        );
        assert!(!hit.masked.contains(&hit.digits[5..]), "{hit:?} not masked");
    }
}
