//! `oit build` end to end: the binary is run on fixture trees copied into temp folders, and the
//! written site is inspected file by file.
mod common;

use common::*;
use std::fs;
use std::path::{Path, PathBuf};

/// Pages and files the basic fixture must produce.
const BASIC_EXPECTED: &[&str] = &[
    "index.html",
    "ita/2567/index.html",
    "ita/2567/o01/index.html",
    "ita/2567/o07/index.html",
    "ita/2567/o07/2566-10/report.pdf",
    "ita/2567/o07/2566-10/report.docx",
    "news/index.html",
    "news/2566-11-15-meeting/index.html",
    "news/2566-11-15-meeting/photo.png",
    "contact/index.html",
    "sitemap/index.html",
    "404.html",
    "assets/css/site.css",
    ".oit-site",
];

/// A fresh copy of `basic` built into `<tmp>/public`; panics unless the build exits 0.
fn built_basic() -> (Scratch, PathBuf) {
    let s = Scratch::new("basic");
    s.build("public", &[]).assert_code(0);
    let out = s.path("public");
    (s, out)
}

/// A fresh copy of `basic` that is known to build (checked by a build into a folder that is
/// then removed), for tests whose expected outcome is a refusal: without this check they would
/// pass for the wrong reason whenever the fixture itself stopped building.
fn buildable_basic() -> Scratch {
    let s = Scratch::new("basic");
    s.build("probe", &[]).assert_code(0);
    fs::remove_dir_all(s.path("probe")).unwrap();
    s
}

fn read(out: &Path, rel: &str) -> String {
    fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"))
}

/// Only `content` and `public` (if built) may sit in the scratch folder: a build leaves no
/// temporary or old folders beside `--out`.
#[track_caller]
fn assert_no_leftovers(s: &Scratch, expected: &[&str]) {
    assert_eq!(
        dir_names(s.dir.path()),
        expected,
        "unexpected entries beside the output folder"
    );
}

#[test]
fn helpers_work() {
    self_test();
}

// 1 ---------------------------------------------------------------------------------------------

#[test]
fn basic_fixture_builds_every_page() {
    let (s, out) = built_basic();
    for rel in BASIC_EXPECTED {
        assert!(
            out.join(rel).is_file(),
            "missing {rel}; written: {:#?}",
            files(&out)
        );
    }
    assert_no_leftovers(&s, &["content", "public"]);
}

#[test]
fn every_output_path_is_ascii() {
    let (_s, out) = built_basic();
    let all = files(&out);
    let bad: Vec<_> = all
        .iter()
        .filter(|p| !p.is_ascii() || p.contains(' '))
        .collect();
    assert!(bad.is_empty(), "non-ASCII or spaced output paths: {bad:?}");
}

// 2 ---------------------------------------------------------------------------------------------

#[test]
fn every_internal_link_resolves_to_a_file() {
    let (_s, out) = built_basic();
    let problems = link_problems(&out);
    assert!(
        problems.is_empty(),
        "{} broken links:\n{}",
        problems.len(),
        problems.join("\n")
    );
    // The check is not vacuous: pages do carry relative links.
    let home = read(&out, "index.html");
    let relative = links(&home)
        .into_iter()
        .filter(|l| classify(&l.url) == LinkKind::Relative)
        .count();
    assert!(
        relative >= 5,
        "index.html has only {relative} relative links"
    );
    let o1 = read(&out, "ita/2567/o01/index.html");
    assert!(
        links(&o1)
            .iter()
            .any(|l| l.url == "../../../assets/css/site.css"),
        "O1 page does not link the stylesheet relatively: {:?}",
        links(&o1)
    );
}

#[test]
fn site_absolute_markdown_link_becomes_relative() {
    // pages/contact.md links "/news/": on contact/index.html that must be ../news/index.html.
    let (_s, out) = built_basic();
    let html = read(&out, "contact/index.html");
    assert!(
        links(&html).iter().any(|l| l.url == "../news/index.html"),
        "{:?}",
        links(&html)
    );
}

// 3 ---------------------------------------------------------------------------------------------

#[test]
fn dates_are_rendered_in_thai() {
    let (_s, out) = built_basic();
    let o1 = read(&out, "ita/2567/o01/index.html");
    let text = visible_text(&o1);
    assert!(
        text.contains("5 เมษายน 2567"),
        "updated (๕ เม.ย. ๒๕๖๗) not shown as 5 เมษายน 2567:\n{text}"
    );
    assert!(
        text.contains("31 ธันวาคม 2566"),
        "as_of (2566-12-31) not shown as 31 ธันวาคม 2566:\n{text}"
    );
    let o7 = visible_text(&read(&out, "ita/2567/o07/index.html"));
    assert!(
        o7.contains("5 เมษายน 2567"),
        "O7 updated (2024-04-05) not shown in Thai:\n{o7}"
    );
    let news = visible_text(&read(&out, "news/2566-11-15-meeting/index.html"));
    assert!(
        news.contains("15 พฤศจิกายน 2566"),
        "news date not shown in Thai:\n{news}"
    );
}

#[test]
fn no_iso_date_is_visible() {
    let (_s, out) = built_basic();
    let mut found = Vec::new();
    for rel in files(&out).into_iter().filter(|f| f.ends_with(".html")) {
        let html = read(&out, &rel);
        if let Some(d) = find_iso_date(&visible_text(&html)) {
            found.push(format!("{rel}: text shows {d}"));
        }
        for v in readable_attr_values(&html) {
            if let Some(d) = find_iso_date(&v) {
                found.push(format!("{rel}: attribute shows {d} in {v:?}"));
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
    // The machine-readable form stays available in datetime="…".
    let o1 = read(&out, "ita/2567/o01/index.html");
    assert!(
        o1.contains("datetime=\"2024-04-05\""),
        "no datetime=\"2024-04-05\" on the O1 page"
    );
}

// 4 ---------------------------------------------------------------------------------------------

#[test]
fn thai_named_attachment_is_published_under_an_ascii_name_with_the_same_bytes() {
    let (_s, out) = built_basic();
    let source = fs::read(fixture("basic").join("ita/2567/o01/แผนผัง.pdf")).unwrap();
    let pdfs: Vec<String> = files(&out)
        .into_iter()
        .filter(|f| f.starts_with("ita/2567/o01/") && f.ends_with(".pdf"))
        .collect();
    assert_eq!(
        pdfs.len(),
        1,
        "expected exactly one PDF for O1, got {pdfs:?}"
    );
    let published = &pdfs[0];
    assert!(published.is_ascii(), "{published} is not ASCII");
    assert_eq!(
        fs::read(out.join(published)).unwrap(),
        source,
        "{published} differs from แผนผัง.pdf"
    );
    // The page links it (the attachment list and the Markdown link in the body).
    let page = "ita/2567/o01/index.html";
    let html = read(&out, page);
    let to_it = links(&html)
        .into_iter()
        .filter(|l| {
            classify(&l.url) == LinkKind::Relative
                && resolve(page, &l.url).as_deref() == Ok(published.as_str())
        })
        .count();
    assert!(
        to_it >= 2,
        "O1 page links {published} {to_it} time(s); expected the attachment row and the body link"
    );
    assert!(
        !html.contains("href=\"แผนผัง.pdf\"") && !html.contains("%E0%B9%81"),
        "the Thai file name is still linked"
    );
}

#[test]
fn monthly_files_are_published_byte_identical() {
    let (_s, out) = built_basic();
    for rel in [
        "ita/2567/o07/2566-10/report.pdf",
        "ita/2567/o07/2566-10/report.docx",
        "news/2566-11-15-meeting/photo.png",
    ] {
        let src = fs::read(fixture("basic").join(rel)).unwrap();
        let got = fs::read(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
        assert_eq!(got, src, "{rel} differs from its source");
    }
    let o7 = read(&out, "ita/2567/o07/index.html");
    let urls: Vec<String> = links(&o7).into_iter().map(|l| l.url).collect();
    assert!(urls.iter().any(|u| u == "2566-10/report.pdf"), "{urls:?}");
    assert!(urls.iter().any(|u| u == "2566-10/report.docx"), "{urls:?}");
}

// 5 ---------------------------------------------------------------------------------------------

#[test]
fn two_builds_are_byte_identical() {
    let s = Scratch::new("basic");
    s.build("one", &[]).assert_code(0);
    s.build("two", &[]).assert_code(0);
    let (a, b) = (snapshot(&s.path("one")), snapshot(&s.path("two")));
    assert!(a.len() > 10, "suspiciously few files: {:?}", a.keys());
    assert_same_tree(&a, &b, "second build");
}

#[test]
fn output_does_not_depend_on_where_the_content_lives() {
    let a = Scratch::new("basic");
    let b = Scratch::new("basic");
    a.build("public", &[]).assert_code(0);
    b.build("public", &[]).assert_code(0);
    assert_same_tree(
        &snapshot(&a.path("public")),
        &snapshot(&b.path("public")),
        "build of a copy elsewhere",
    );
}

#[test]
fn rebuild_replaces_the_previous_site() {
    let (s, out) = built_basic();
    assert!(out.join("news/2566-11-15-meeting/index.html").is_file());
    fs::remove_dir_all(s.file("news/2566-11-15-meeting")).unwrap();
    s.build("public", &[]).assert_code(0);
    assert!(
        !out.join("news/2566-11-15-meeting").exists(),
        "a removed news item is still published"
    );
    assert!(out.join("news/index.html").is_file());
    assert_no_leftovers(&s, &["content", "public"]);
}

/// A rebuild takes over unchanged files from the last site as hard links (no data written, the
/// modification time kept, so a mirror to the web host uploads only what changed) and writes
/// what changed.
#[test]
fn rebuild_links_unchanged_files_and_writes_changed_ones() {
    use std::os::unix::fs::MetadataExt;
    let (s, out) = built_basic();
    let ino = |rel: &str| fs::metadata(out.join(rel)).unwrap().ino();
    let (o1, o7, pdf) = (
        ino("ita/2567/o01/index.html"),
        ino("ita/2567/o07/index.html"),
        ino("ita/2567/o07/2566-10/report.pdf"),
    );
    let src_pdf = s.file("ita/2567/o07/2566-10/report.pdf");
    assert_eq!(
        fs::metadata(&src_pdf).unwrap().modified().unwrap(),
        fs::metadata(out.join("ita/2567/o07/2566-10/report.pdf"))
            .unwrap()
            .modified()
            .unwrap(),
        "a copied attachment keeps its source's modification time"
    );
    s.replace(O7, "\n---\n", "\n---\nย่อหน้าใหม่ที่เพิ่งเพิ่ม\n\n");
    s.build("public", &[]).assert_code(0);
    assert!(read(&out, "ita/2567/o07/index.html").contains("ย่อหน้าใหม่ที่เพิ่งเพิ่ม"));
    assert_ne!(
        ino("ita/2567/o07/index.html"),
        o7,
        "the edited page was not rewritten"
    );
    assert_eq!(
        ino("ita/2567/o01/index.html"),
        o1,
        "an unchanged page was rewritten"
    );
    assert_eq!(
        ino("ita/2567/o07/2566-10/report.pdf"),
        pdf,
        "an unchanged attachment was copied again"
    );
    assert_eq!(
        fs::metadata(out.join("ita/2567/o01/index.html"))
            .unwrap()
            .nlink(),
        1
    );

    // A new version of the attachment (new bytes, new time) is published.
    let mut bytes = fs::read(&src_pdf).unwrap();
    bytes.extend_from_slice(b"\n% revised\n");
    fs::write(&src_pdf, &bytes).unwrap();
    s.build("public", &[]).assert_code(0);
    assert_eq!(
        fs::read(out.join("ita/2567/o07/2566-10/report.pdf")).unwrap(),
        bytes
    );
    assert_no_leftovers(&s, &["content", "public"]);
}

#[test]
fn base_url_gives_a_sitemap_xml_whose_urls_exist() {
    for base in ["https://song.example/oit/", "https://song.example/oit"] {
        let s = Scratch::new("basic");
        s.build("public", &["--base-url", base]).assert_code(0);
        let out = s.path("public");
        let xml = read(&out, "sitemap.xml");
        let locs: Vec<&str> = xml
            .split("<loc>")
            .skip(1)
            .map(|x| x.split("</loc>").next().unwrap())
            .collect();
        assert!(locs.len() >= 8, "{base}: sitemap.xml lists only {locs:?}");
        for loc in &locs {
            let rel = loc
                .strip_prefix("https://song.example/oit/")
                .unwrap_or_else(|| panic!("{base}: {loc} is not under the base URL"));
            let file = if rel.is_empty() || rel.ends_with('/') {
                format!("{rel}index.html")
            } else {
                rel.to_string()
            };
            assert!(
                out.join(&file).is_file(),
                "{base}: sitemap.xml lists {loc} but {file} was not written"
            );
        }
        assert!(
            locs.contains(&"https://song.example/oit/ita/2567/o01/"),
            "{locs:?}"
        );
        // Links inside pages stay relative even with a base URL.
        let problems = link_problems(&out);
        assert!(
            !problems.iter().any(|p| p.contains("starts with '/'")),
            "{problems:#?}"
        );
    }
}

/// 404.html is served for missing addresses at any depth (`/oit/ita/2567/o99/`), where links
/// relative to the root's folder lead nowhere. With a base URL its links are absolute; without
/// one it carries the style sheet inline and the site's top-level names for its script (the
/// browser side is tests/browser/notfound_search.test.mjs). Neither it nor the search page is
/// for search engines.
#[test]
fn not_found_page_works_at_any_depth() {
    let s = Scratch::new("basic");
    s.build("public", &["--base-url", "https://song.example/oit"])
        .assert_code(0);
    let out = s.path("public");
    let html = read(&out, "404.html");
    assert!(html.contains(r#"<meta name="robots" content="noindex">"#));
    for want in [
        r#"href="https://song.example/oit/assets/css/site.css""#,
        r#"href="https://song.example/oit/index.html""#,
        r#"href="https://song.example/oit/ita/2567/index.html""#,
        r#"href="https://song.example/oit/sitemap/index.html""#,
        r#"action="https://song.example/oit/search/index.html""#,
    ] {
        assert!(html.contains(want), "404.html lacks {want}");
    }
    assert!(
        !html.contains("rel=\"canonical\"") && !html.contains("XMLHttpRequest"),
        "{html}"
    );
    let relative: Vec<_> = links(&html)
        .into_iter()
        .filter(|l| classify(&l.url) == LinkKind::Relative && !l.url.starts_with('#'))
        .map(|l| l.url)
        .collect();
    assert!(
        relative.is_empty(),
        "relative links in 404.html: {relative:?}"
    );
    // Every other page keeps its relative links.
    assert!(
        read(&out, "ita/2567/o01/index.html").contains(r#"href="../../../assets/css/site.css""#)
    );

    s.build("plain", &[]).assert_code(0);
    let out = s.path("plain");
    let html = read(&out, "404.html");
    assert!(html.contains(r#"<meta name="robots" content="noindex">"#));
    let css = read(&out, "assets/css/site.css");
    assert!(
        html.contains(&format!("<style>{css}</style>")),
        "site.css not inline"
    );
    assert!(html.contains(r#""ita","news""#), "top-level names");
    // The search form is a page like any other; its result pages are marked by search.js.
    assert!(!read(&out, "search/index.html").contains(r#"<meta name="robots""#));
    assert!(
        !read(&out, "index.html").contains("noindex"),
        "the home page must stay indexable"
    );
}

// 6 ---------------------------------------------------------------------------------------------

fn assert_example_site(out: &Path) {
    for n in 1..=25 {
        let rel = format!("ita/2567/o{n:02}/index.html");
        assert!(out.join(&rel).is_file(), "example station lacks {rel}");
    }
    let problems = link_problems(out);
    assert!(
        problems.is_empty(),
        "{} broken links in the example station:\n{}",
        problems.len(),
        problems.join("\n")
    );
    let bad: Vec<_> = files(out).into_iter().filter(|p| !p.is_ascii()).collect();
    assert!(bad.is_empty(), "non-ASCII output paths: {bad:?}");
}

#[test]
fn example_station_content_builds_all_25_items() {
    let content = manifest_dir().join("content");
    assert!(
        content.join("site.yaml").is_file(),
        "the example station is missing: {} does not exist (README promises `cargo run --release -- build` builds it)",
        content.join("site.yaml").display()
    );
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    build(&content, &out, &[]).assert_code(0);
    assert_example_site(&out);
}

#[test]
fn embedded_example_station_is_built_only_when_asked_for() {
    let tmp = tempfile::tempdir().unwrap();
    // A CI job in the wrong folder: no site.yaml, no content/ → exit 2, nothing written.
    for args in [
        &["build", "--out", "public"][..],
        &["build", "--strict", "--out", "public"][..],
        &["check"][..],
        &["serve", "--port", "0"][..],
    ] {
        let r = run_in(tmp.path(), args);
        r.assert_code(2).assert_stderr_has("ไม่พบเนื้อหาของสถานี");
        assert!(r.stderr.contains("oit build --example"), "{}", r.stderr);
        assert!(dir_names(tmp.path()).is_empty(), "{args:?} wrote something");
    }
    let r = run_in(tmp.path(), &["check", "--format", "json"]);
    r.assert_code(2);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("one JSON document");
    assert_eq!(v["problems"][0]["rule"], "content");

    let r = run_in(tmp.path(), &["build", "--example", "--out", "public"]);
    r.assert_code(0);
    assert_example_site(&tmp.path().join("public"));
    assert_eq!(
        dir_names(tmp.path()),
        ["public"],
        "leftovers beside public/"
    );
}

#[test]
fn a_station_folder_is_its_own_content_folder() {
    // `oit new lampang`, then `cd lampang` and the commands it prints.
    let tmp = tempfile::tempdir().unwrap();
    let station = tmp.path().join("lampang");
    let r = run(&[
        "new",
        station.to_str().unwrap(),
        "--station",
        "สถานีตำรวจภูธรเมืองลำปาง",
    ]);
    r.assert_code(0);
    assert!(
        r.stderr.contains("cd ") && r.stderr.contains("oit check"),
        "{}",
        r.stderr
    );
    let r = run_in(&station, &["check", "--format", "json"]);
    r.assert_code(1);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["station"], "สถานีตำรวจภูธรเมืองลำปาง");
    // build writes public/ inside the station folder, which the next load does not read.
    run_in(&station, &["build"]).assert_code(0);
    assert!(station.join("public/index.html").is_file());
    run_in(&station, &["build"]).assert_code(0);
    run_in(&station, &["check"]).assert_code(1);
    // …but never into the folders that hold the content.
    run_in(&station, &["build", "--out", "ita/x"]).assert_code(2);
}

// 7 ---------------------------------------------------------------------------------------------

const O7: &str = "ita/2567/o07/index.md";
const O1: &str = "ita/2567/o01/index.md";

/// Builds `basic` good into `public`, snapshots it, lets `breakage` damage the content,
/// rebuilds into the same folder and checks the failure left the site exactly as it was.
fn fails_keeping_previous_site(breakage: impl FnOnce(&Scratch), extra: &[&str]) -> Run {
    let (s, out) = built_basic();
    let before = snapshot(&out);
    breakage(&s);
    let r = s.build("public", extra);
    r.assert_code(2);
    assert_same_tree(
        &before,
        &snapshot(&out),
        "previous site after a failed build",
    );
    assert_no_leftovers(&s, &["content", "public"]);
    r
}

#[test]
fn a_broken_yaml_front_matter_names_file_and_line_and_keeps_the_previous_site() {
    let r = fails_keeping_previous_site(
        |s| s.replace(O7, "updated: 2024-04-05", "updated: [2567"),
        &[],
    );
    r.assert_stderr_has(&format!("{O7}:2:"));
    r.assert_stderr_has("ข้อผิดพลาด");
}

#[test]
fn b_unknown_key_is_named() {
    let s = buildable_basic();
    s.replace(O7, "updated:", "titel: รายงาน\nupdated:");
    let r = s.build("public", &[]);
    r.assert_code(2)
        .assert_stderr_has("titel")
        .assert_stderr_has(&format!("{O7}:2:"));
    assert!(
        !s.path("public").exists(),
        "a failed first build created the output folder"
    );
    assert_no_leftovers(&s, &["content"]);
}

#[test]
fn c_unknown_officer_is_named_with_a_suggestion() {
    let s = Scratch::new("basic");
    s.replace(O7, "supervisor: head", "supervisor: haed");
    let r = s.build("public", &["--lang", "en"]);
    r.assert_code(2)
        .assert_stderr_has(&format!("{O7}:3: error [O7]:"))
        .assert_stderr_has("\"haed\"")
        .assert_stderr_has("did you mean \"head\"");
    // Thai by default.
    let r = s.build("public", &[]);
    r.assert_code(2)
        .assert_stderr_has(&format!("{O7}:3: ข้อผิดพลาด [O7]:"))
        .assert_stderr_has("หมายถึง \"head\"");
}

#[test]
fn d_missing_attachment_is_named() {
    let s = Scratch::new("basic");
    fs::remove_file(s.file("ita/2567/o01/แผนผัง.pdf")).unwrap();
    let r = s.build("public", &[]);
    r.assert_code(2)
        .assert_stderr_has(&format!("{O1}:"))
        .assert_stderr_has("แผนผัง.pdf");

    let s = Scratch::new("basic");
    fs::remove_file(s.file("ita/2567/o07/2566-10/report.docx")).unwrap();
    let r = s.build("public", &[]);
    r.assert_code(2)
        .assert_stderr_has(&format!("{O7}:5"))
        .assert_stderr_has("2566-10/report.docx");
    assert!(
        !r.stderr.contains("report.pdf"),
        "the present report.pdf is reported:\n{}",
        r.stderr
    );
}

#[test]
fn e_invalid_date_names_file_and_line() {
    let s = buildable_basic();
    s.replace(O1, "updated: ๕ เม.ย. ๒๕๖๗", "updated: 31/02/2567");
    let r = s.build("public", &["--lang", "en"]);
    r.assert_code(2)
        .assert_stderr_has(&format!("{O1}:2: error"))
        .assert_stderr_has("invalid date");
    assert!(
        !s.path("public").exists(),
        "a failed first build created the output folder"
    );
}

#[test]
fn f_reference_outside_the_folder_is_refused() {
    for bad in [
        "../../../site.yaml",
        "/etc/hostname",
        "../o07/2566-10/report.pdf",
    ] {
        let s = Scratch::new("basic");
        s.replace(O1, "- file: แผนผัง.pdf", &format!("- file: {bad}"));
        let r = s.build("public", &[]);
        r.assert_code(2)
            .assert_stderr_has(&format!("{O1}:"))
            .assert_stderr_has(bad);
        assert!(!s.path("public").exists(), "{bad}: output written");
    }
    // The same through a month entry.
    let s = Scratch::new("basic");
    s.replace(O7, "[2566-10/report.pdf,", "[../../../site.yaml,");
    let r = s.build("public", &[]);
    r.assert_code(2)
        .assert_stderr_has(&format!("{O7}:"))
        .assert_stderr_has("../../../site.yaml");
}

#[test]
fn g_out_folder_not_made_by_oit_is_refused_and_untouched() {
    let s = buildable_basic();
    let out = s.path("documents");
    fs::create_dir_all(out.join("photos")).unwrap();
    fs::write(out.join("notes.txt"), "งานของฉัน").unwrap();
    fs::write(out.join("photos/a.jpg"), [0xff, 0xd8, 0xff]).unwrap();
    let before = snapshot(&out);
    let r = s.build("documents", &[]);
    r.assert_code(2).assert_stderr_has("documents");
    assert_same_tree(&before, &snapshot(&out), "folder not made by oit");
    assert_no_leftovers(&s, &["content", "documents"]);
}

#[test]
fn g_out_that_is_a_regular_file_is_refused_and_untouched() {
    let s = buildable_basic();
    fs::write(s.path("report.docx"), "ไม่ใช่เว็บไซต์").unwrap();
    let r = s.build("report.docx", &[]);
    r.assert_code(2).assert_stderr_has("report.docx");
    assert_eq!(
        fs::read_to_string(s.path("report.docx")).unwrap(),
        "ไม่ใช่เว็บไซต์"
    );
    assert_no_leftovers(&s, &["content", "report.docx"]);
}

#[test]
fn h_out_equal_to_or_inside_or_around_the_content_is_refused() {
    let s = buildable_basic();
    let before = snapshot(&s.content());
    let content = s.content();
    let c = content.to_str().unwrap();
    for out in [
        c.to_string(),
        format!("{c}/"),
        // Beside ita/, pages/ and news/ is allowed (a station folder's public/), inside them not.
        format!("{c}/ita/public"),
        format!("{c}/news"),
        s.dir.path().to_str().unwrap().to_string(),
    ] {
        let r = run(&["build", "--content", c, "--out", &out]);
        r.assert_code(2);
        assert_same_tree(
            &before,
            &snapshot(&content),
            &format!("content after --out {out}"),
        );
    }
    assert_no_leftovers(&s, &["content"]);
}

#[test]
fn i_invalid_utf8_is_named_with_its_line() {
    let s = Scratch::new("basic");
    let mut bytes = s.read(O7).into_bytes();
    // "สำรวจ" in TIS-620, as a webmaster's old editor would save it, on line 9.
    assert!(
        bytes.ends_with(b"\n") && bytes.iter().filter(|b| **b == b'\n').count() == 8,
        "O7 fixture is no longer 8 lines"
    );
    bytes.extend_from_slice(b"\xca\xd3\xc3\xc7\xa8\n");
    s.write(O7, &bytes);
    let r = s.build("public", &["--lang", "en"]);
    r.assert_code(2)
        .assert_stderr_has(&format!("{O7}:9: error"))
        .assert_stderr_has("UTF-8");

    let s = Scratch::new("basic");
    let mut bytes = s.read("ita/2567/o01/executives.yaml").into_bytes();
    bytes.extend_from_slice(b"  - { name: \xca\xd3\xc3\xc7\xa8 }\n");
    s.write("ita/2567/o01/executives.yaml", &bytes);
    let r = s.build("public", &[]);
    r.assert_code(2)
        .assert_stderr_has("ita/2567/o01/executives.yaml:");

    let s = Scratch::new("basic");
    let mut bytes = s.read("site.yaml").into_bytes();
    bytes.extend_from_slice(b"# \xff\xfe\n");
    s.write("site.yaml", &bytes);
    let r = s.build("public", &[]);
    r.assert_code(2).assert_stderr_has("site.yaml:");
}

#[test]
fn j_raw_html_in_markdown_is_escaped() {
    let s = Scratch::new("basic");
    let text = s.read(O7)
        + "\n<script>alert(1)</script>\n\nข้อความ <script>alert(2)</script> <img src=x onerror=alert(3)>\n\n[x](javascript:alert(4))\n";
    s.write(O7, text);
    s.build("public", &[]).assert_code(0);
    let html = read(&s.path("public"), "ita/2567/o07/index.html");
    assert!(!html.contains("<script>alert"), "raw <script> published");
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "the pasted script is not shown as text"
    );
    // The body is the page's content; the head holds the theme's own inline script (the reader
    // settings applied before the first paint), which Markdown cannot reach.
    let body = &html[html.find("<body").unwrap()..];
    for t in tokenize(body) {
        if let Token::Tag { name, attrs } = t {
            for (a, v) in &attrs {
                assert!(!a.starts_with("on"), "<{name} {a}={v:?}> published");
                assert!(
                    !v.to_ascii_lowercase().starts_with("javascript:"),
                    "<{name} {a}={v:?}> published"
                );
            }
            if name == "script" {
                assert!(
                    attrs.iter().any(|(a, _)| a == "src"),
                    "inline <script> published: {attrs:?}"
                );
            }
            if name == "img" {
                assert!(
                    !attrs.iter().any(|(a, v)| a == "src" && v == "x"),
                    "pasted <img> published"
                );
            }
        }
    }
}

#[test]
fn k_every_broken_file_is_reported_in_one_run() {
    let s = Scratch::new("basic");
    s.replace(O1, "updated: ๕ เม.ย. ๒๕๖๗", "updated: 31/02/2567");
    s.replace(O7, "updated:", "titel: x\nupdated:");
    s.replace(
        "news/2566-11-15-meeting/index.md",
        "date: 15 พ.ย. 2566",
        "date: 32 พ.ย. 2566",
    );
    s.replace("pages/contact.md", "menu: 10", "menu: 10\nmenus: 20");
    s.replace(
        "ita/2567/o01/executives.yaml",
        "budget: 1234.5",
        "budjet: 1234.5",
    );
    let r = s.build("public", &["--lang", "en"]);
    r.assert_code(2);
    for loc in [
        format!("{O1}:2:"),
        format!("{O7}:2:"),
        "news/2566-11-15-meeting/index.md:3:".to_string(),
        "pages/contact.md:4:".to_string(),
        "ita/2567/o01/executives.yaml:".to_string(),
    ] {
        r.assert_stderr_has(&loc);
    }
    r.assert_stderr_has("budjet")
        .assert_stderr_has("menus")
        .assert_stderr_has("titel");
    r.assert_stderr_has("build failed with ");
}

#[test]
fn missing_content_folder_exits_2_naming_site_yaml() {
    let tmp = tempfile::tempdir().unwrap();
    let r = build(
        &tmp.path().join("nowhere"),
        &tmp.path().join("public"),
        &["--lang", "en"],
    );
    r.assert_code(2).assert_stderr_has("site.yaml");
    assert!(!tmp.path().join("public").exists());
}

/// Attachments are hard-linked from the content into the output. If the webmaster then
/// overwrites an attachment in place (as most programs saving "report.pdf" do) and the next build
/// fails, the previous site must still serve the old bytes — README: "a failed build leaves the
/// previous site untouched".
#[test]
fn previous_site_survives_an_in_place_edit_of_an_attachment_and_a_failed_build() {
    let (s, out) = built_basic();
    let before = snapshot(&out);
    // Overwrite in place: same inode, new bytes.
    let mut f = fs::OpenOptions::new()
        .write(true)
        .truncate(true)
        .open(s.file("ita/2567/o07/2566-10/report.pdf"))
        .unwrap();
    std::io::Write::write_all(&mut f, b"%PDF-1.7 new version").unwrap();
    drop(f);
    s.replace(O7, "supervisor: head", "supervisor: nobody");
    s.build("public", &[]).assert_code(2);
    assert_same_tree(
        &before,
        &snapshot(&out),
        "previous site after in-place edit + failed build",
    );
}

/// The reverse direction: someone editing a file of the published site must not change the
/// station's content folder.
#[test]
fn editing_the_published_site_does_not_change_the_content() {
    let (s, out) = built_basic();
    let src_before = fs::read(s.file("ita/2567/o07/2566-10/report.pdf")).unwrap();
    let mut f = fs::OpenOptions::new()
        .write(true)
        .truncate(true)
        .open(out.join("ita/2567/o07/2566-10/report.pdf"))
        .unwrap();
    std::io::Write::write_all(&mut f, b"tampered").unwrap();
    drop(f);
    assert_eq!(
        fs::read(s.file("ita/2567/o07/2566-10/report.pdf")).unwrap(),
        src_before,
        "content changed through the output"
    );
}

/// A file named `index.html` dropped into an item folder (a saved web page, say) must not
/// silently replace the generated item page, nor silently vanish: either the build refuses it
/// naming the file, or the item page stays the generated one and the file is published under
/// another name (README: files in the folder are published under "ไฟล์อื่น ๆ").
#[test]
fn a_content_file_named_index_html_does_not_replace_the_item_page() {
    let s = buildable_basic();
    fs::write(s.file("ita/2567/o01/index.html"), "<html>saved page</html>").unwrap();
    let r = s.build("public", &[]);
    match r.code {
        Some(2) => r.assert_stderr_has("ita/2567/o01/index.html"),
        Some(0) => {
            let page = read(&s.path("public"), "ita/2567/o01/index.html");
            assert!(
                !page.contains("saved page"),
                "the content file replaced the generated O1 page"
            );
            assert!(
                page.contains("../../../assets/css/site.css"),
                "O1 page is not the generated page"
            );
            let saved = b"<html>saved page</html>".to_vec();
            let out = s.path("public");
            let published: Vec<String> = files(&out)
                .into_iter()
                .filter(|f| fs::read(out.join(f)).unwrap() == saved)
                .collect();
            assert_eq!(
                published.len(),
                1,
                "the content file ita/2567/o01/index.html is not published (found at {published:?})"
            );
            let target = &published[0];
            let linked = links(&page).iter().any(|l| {
                resolve("ita/2567/o01/index.html", &l.url).as_deref() == Ok(target.as_str())
            });
            assert!(linked, "the O1 page does not link the published {target}");
            &r
        }
        _ => panic!("unexpected result {r:?}"),
    };
}

/// `oit build --out .` from an empty folder (a web root) either builds there or refuses
/// cleanly; it must not leave a temporary folder inside the output.
#[test]
fn out_dot_builds_or_refuses_cleanly() {
    let s = buildable_basic();
    let site = s.path("site");
    fs::create_dir(&site).unwrap();
    let r = run_in(
        &site,
        &[
            "build",
            "--content",
            s.content().to_str().unwrap(),
            "--out",
            ".",
        ],
    );
    match r.code {
        Some(0) => assert!(
            site.join("index.html").is_file() && site.join("ita/2567/o01/index.html").is_file()
        ),
        Some(2) => assert_eq!(
            dir_names(&site),
            Vec::<String>::new(),
            "failed build left files in the output: {}",
            r.stderr
        ),
        _ => panic!("unexpected result {r:?}"),
    }
    assert_no_leftovers(&s, &["content", "site"]);
}

// 8 ---------------------------------------------------------------------------------------------

#[test]
fn help_exits_0() {
    let r = run(&["--help"]);
    r.assert_code(0);
    assert!(r.stdout.contains("build"), "{}", r.stdout);
    let r = run(&["build", "--help"]);
    r.assert_code(0);
    for flag in ["--content", "--out", "--base-url", "--theme"] {
        assert!(
            r.stdout.contains(flag),
            "build --help lacks {flag}:\n{}",
            r.stdout
        );
    }
}

#[test]
fn unknown_subcommand_or_flag_is_a_usage_error() {
    let r = run(&["biuld"]);
    assert_eq!(r.code, Some(2), "{r:?}");
    let r = run(&["build", "--outt", "x"]);
    assert_eq!(r.code, Some(2), "{r:?}");
}

/// A rebuild replaces the published folder in one step: a web server reading it (or an rsync
/// running beside the build) never finds it missing, not even between two renames.
#[test]
fn the_output_folder_never_disappears_during_a_rebuild() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    let s = Scratch::new("basic");
    let out = s.path("public");
    let opts = oit::pipeline::BuildOptions {
        content: s.content(),
        criteria: None,
        strict: false,
        as_of: oit::thai::parse_date("2567-05-01").unwrap(),
        out: out.clone(),
        base_url: None,
        theme: None,
        // Every build makes the site anew and swaps it in (the cache would keep the first).
        cache: oit::memo::build_cache::Use::Renew,
    };
    assert!(oit::pipeline::build(&opts).is_ok());
    let done = Arc::new(AtomicBool::new(false));
    let (missing, looks) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
    let watcher = {
        let (done, missing, looks, index) = (
            Arc::clone(&done),
            Arc::clone(&missing),
            Arc::clone(&looks),
            out.join("index.html"),
        );
        std::thread::spawn(move || {
            while !done.load(Ordering::Relaxed) {
                if !index.is_file() {
                    missing.fetch_add(1, Ordering::Relaxed);
                }
                looks.fetch_add(1, Ordering::Relaxed);
            }
        })
    };
    for _ in 0..40 {
        assert!(oit::pipeline::build(&opts).is_ok());
    }
    done.store(true, Ordering::Relaxed);
    watcher.join().unwrap();
    assert!(
        looks.load(Ordering::Relaxed) > 1000,
        "the watcher hardly ran"
    );
    assert_eq!(
        missing.load(Ordering::Relaxed),
        0,
        "index.html was missing {} times in {} looks",
        missing.load(Ordering::Relaxed),
        looks.load(Ordering::Relaxed)
    );
    assert!(!s.path("public.oit-old").exists());
    let left: Vec<String> = dir_names(s.dir.path());
    assert_eq!(left, ["content", "public"], "leftovers: {left:?}");
}

/// A build into the last site names the files it wrote anew, the ones a webmaster who uploads
/// by FTP has to upload again: exactly the files whose bytes differ from the last site.
#[test]
fn a_rebuild_names_the_files_to_upload_again() {
    let s = Scratch::new("basic");
    let first = s.build("public", &[]);
    first.assert_code(0);
    assert!(!first.stderr.contains("ไฟล์ที่เปลี่ยน"), "{}", first.stderr);
    let before = snapshot(&s.path("public"));
    s.replace("pages/contact.md", "โทร 054-000-000", "โทร 054-111-222");
    let again = s.build("public", &[]);
    again.assert_code(0);
    let after = snapshot(&s.path("public"));
    let differ: Vec<&String> = after
        .iter()
        .filter(|(p, bytes)| !p.ends_with('/') && before.get(*p) != Some(bytes))
        .map(|(p, _)| p)
        .collect();
    assert!(
        differ.iter().any(|p| *p == "contact/index.html"),
        "{differ:?}"
    );
    let line = again
        .stderr
        .lines()
        .find(|l| l.starts_with("ไฟล์ที่เปลี่ยนจากครั้งก่อน"))
        .unwrap_or_else(|| panic!("no line naming the changed files:\n{}", again.stderr));
    assert!(
        line.contains(&format!(" {} ไฟล์ ", differ.len())),
        "{line}\n{differ:?}"
    );
    let named: Vec<&str> = line.rsplit_once("): ").unwrap().1.split(", ").collect();
    assert_eq!(named, differ, "{line}");
    // Built again in full into the same site: every file is as it was.
    s.build("public", &["--no-cache"])
        .assert_code(0)
        .assert_stderr_has("ไม่มีไฟล์ใดเปลี่ยนจากครั้งก่อน ไม่ต้องอัปโหลดใหม่");
    // A page taken down: an upload by FTP would leave it on the host, so the build says to
    // delete it there, and names nothing else.
    s.write("pages/extra.md", "---\ntitle: หน้าชั่วคราว\n---\nข้อความ\n");
    s.build("public", &[]).assert_code(0);
    assert!(s.path("public/extra/index.html").is_file());
    std::fs::remove_file(s.file("pages/extra.md")).unwrap();
    let gone = s.build("public", &[]);
    gone.assert_code(0).assert_stderr_has(
        "ไฟล์ที่ไม่มีในเว็บไซต์แล้ว 1 ไฟล์ ถ้าอัปโหลดเองทาง FTP ให้ลบออกจากโฮสติ้งด้วย มิฉะนั้นยังเปิดดูได้: extra/index.html\n",
    );
}
