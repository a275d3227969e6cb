//! The example station's pages as people meet them, asserted in the built HTML: what a shared
//! link shows, the icon, dates that are given (and none that are not), the spreadsheet preview,
//! the names files download under, the machine files, the reader tools. What can only be seen in
//! a browser (layout, line breaks, contrast) is in tests/browser/.
mod common;

use common::*;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

const BASE: &str = "https://song.phrae.police.go.th/oit/";

/// The example station built twice, once per process: without and with a base URL.
fn example(with_base: bool) -> &'static Path {
    static PLAIN: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    static BASED: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let cell = if with_base { &BASED } else { &PLAIN };
    &cell
        .get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            let out = dir.path().join("public");
            let extra: &[&str] = if with_base {
                &["--base-url", BASE]
            } else {
                &[]
            };
            build(&manifest_dir().join("content"), &out, extra).assert_code(0);
            (dir, out)
        })
        .1
}

fn read(out: &Path, rel: &str) -> String {
    fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"))
}

/// The `content` of `<meta property=…>` (or name=…) in `html`.
fn meta(html: &str, key: &str) -> Option<String> {
    let needle = format!("=\"{key}\" content=\"");
    let at = html.find(&needle)? + needle.len();
    Some(decode_entities(&html[at..at + html[at..].find('"')?]))
}

#[test]
fn every_page_has_an_icon_and_a_share_card() {
    let out = example(false);
    for page in ["index.html", "ita/2567/o15/index.html", "news/index.html"] {
        let html = read(out, page);
        let icon = html
            .split("<link rel=\"icon\" href=\"")
            .nth(1)
            .and_then(|r| r.split('"').next())
            .unwrap_or_else(|| panic!("{page}: no icon link"));
        let target = resolve(page, icon).unwrap();
        assert!(out.join(&target).is_file(), "{page}: icon {target} missing");
        assert_eq!(
            meta(&html, "og:site_name").as_deref(),
            Some("สถานีตำรวจภูธรสอง")
        );
        assert_eq!(meta(&html, "og:locale").as_deref(), Some("th_TH"));
        // Without a base URL an image or a URL could only be relative, which share cards ignore.
        assert!(meta(&html, "og:image").is_none(), "{page}");
        assert!(meta(&html, "og:url").is_none(), "{page}");
    }
    let o15 = read(out, "ita/2567/o15/index.html");
    assert!(
        meta(&o15, "og:title").unwrap().starts_with("O15 "),
        "{:?}",
        meta(&o15, "og:title")
    );
}

#[test]
fn a_shared_news_link_shows_its_photo_with_a_base_url() {
    let out = example(true);
    let news = fs::read_dir(out.join("news"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("index.html").is_file())
        .map(|p| read(&p, "index.html"))
        .find(|h| h.contains("news-lead-photo"))
        .expect("a news page with a photo");
    assert_eq!(meta(&news, "og:type").as_deref(), Some("article"));
    let image = meta(&news, "og:image").expect("og:image");
    assert!(image.starts_with(&format!("{BASE}news/")), "{image}");
    let rel = image.strip_prefix(BASE).unwrap();
    assert!(out.join(rel).is_file(), "{rel} is not in the output");
    assert!(meta(&news, "og:url").unwrap().starts_with(BASE));
    assert_eq!(
        meta(&news, "twitter:card").as_deref(),
        Some("summary_large_image")
    );
    let h1 = &news[news.find("<h1").unwrap()..news.find("</h1>").unwrap()];
    assert_eq!(
        meta(&news, "og:title").unwrap(),
        visible_text(&format!("{h1}</h1>")).trim()
    );
}

#[test]
fn a_date_nobody_gave_is_not_shown_as_unknown() {
    let out = example(false);
    let mut with_dates = 0;
    for n in 1..=25 {
        let html = read(out, &format!("ita/2567/o{n:02}/index.html"));
        let head = &html[..html.find("item-layout").unwrap()];
        assert!(
            !visible_text(head).contains("ไม่ระบุ"),
            "O{n}: the page head says a date is not given"
        );
        if head.contains("ข้อมูล ณ วันที่") {
            with_dates += 1;
            assert!(head.contains("<time datetime="), "O{n}");
        }
    }
    assert!(with_dates > 0, "no item shows its as_of date any more");
}

#[test]
fn the_budget_sheet_preview_has_its_real_header() {
    let html = read(example(false), "ita/2567/o12/index.html");
    let at = html.find("sheet-table").expect("an Excel preview on O12");
    let table = &html[at..at + html[at..].find("</table>").unwrap()];
    let head = &table[table.find("<thead>").unwrap()..table.find("</thead>").unwrap()];
    let headers: Vec<String> = head
        .split("<th ")
        .skip(1)
        .map(|h| visible_text(&format!("<th {h}")))
        .collect();
    assert_eq!(headers.first().map(String::as_str), Some("แหล่งงบประมาณ"));
    assert!(headers.iter().all(|h| !h.trim().is_empty()), "{headers:?}");
    // The sheet's own title is in the caption, not a header cell; amounts are right-aligned.
    let caption = &table[..table.find("</caption>").unwrap()];
    assert!(caption.contains("sheet-title"), "{caption}");
    assert!(head.contains("class=\"num\""), "{head}");
    assert!(
        table.contains("<td class=\"num\">1,250,000</td>"),
        "{table}"
    );
    assert!(
        !table.contains("<tr><td></td><td></td>"),
        "an empty row is shown"
    );
}

#[test]
fn thai_named_files_download_under_their_thai_name() {
    let out = example(false);
    let mut seen = 0;
    for n in 1..=25 {
        let page = format!("ita/2567/o{n:02}/index.html");
        let html = read(out, &page);
        for part in html.split("class=\"file-download\" href=\"").skip(1) {
            let href = &part[..part.find('"').unwrap()];
            let name = part
                .split("download=\"")
                .nth(1)
                .and_then(|r| r.split('"').next())
                .expect("a download name");
            let target = resolve(&page, href).unwrap();
            assert!(out.join(&target).is_file(), "{page}: {href}");
            assert!(href.is_ascii(), "{href}");
            // The extension of the saved file is the published one's.
            let ext = |s: &str| s.rsplit('.').next().unwrap().to_ascii_lowercase();
            assert_eq!(ext(name), ext(href), "{page}: {name} vs {href}");
            if !name.is_ascii() {
                seen += 1;
            }
        }
    }
    assert!(seen > 0, "no Thai download name on any item page");
}

#[test]
fn feed_ids_are_absolute_and_do_not_depend_on_the_base_url() {
    let ids = |out: &Path| -> Vec<String> {
        read(out, "feed.xml")
            .split("<id>")
            .skip(1)
            .map(|r| r[..r.find("</id>").unwrap()].to_string())
            .collect()
    };
    let (plain, based) = (ids(example(false)), ids(example(true)));
    assert!(plain.len() > 1);
    for id in &plain {
        assert!(id.starts_with("tag:"), "{id}");
        // RFC 4151: tag:authority,date:specific
        let (authority, rest) = id[4..].split_once(',').unwrap();
        assert!(authority.contains('.'), "{id}");
        assert!(rest.split_once(':').is_some(), "{id}");
    }
    assert_eq!(
        plain.len(),
        plain
            .iter()
            .collect::<std::collections::BTreeSet<_>>()
            .len(),
        "ids repeat"
    );
    // With a base URL the host names the ids; each entry keeps its own specific part.
    assert!(
        based
            .iter()
            .all(|i| i.starts_with("tag:song.phrae.police.go.th,"))
    );
    let tail = |i: &String| i.rsplit(':').next().unwrap().to_string();
    assert_eq!(
        plain.iter().map(tail).collect::<Vec<_>>(),
        based.iter().map(tail).collect::<Vec<_>>()
    );
}

#[test]
fn machine_files_under_a_sub_path() {
    let out = example(true);
    let robots = read(out, "robots.txt");
    assert!(
        robots.contains("#   Sitemap: https://song.phrae.police.go.th/oit/sitemap.xml"),
        "{robots}"
    );
    let sitemap = read(out, "sitemap.xml");
    let news_entries: Vec<&str> = sitemap
        .split("<url>")
        .filter(|u| u.contains("/oit/news/2"))
        .collect();
    assert!(!news_entries.is_empty());
    for u in news_entries {
        assert!(u.contains("<lastmod>"), "news without lastmod: {u}");
    }
    let plain = read(example(false), "robots.txt");
    assert!(!plain.contains('#'), "{plain}");
}

#[test]
fn scripts_do_not_block_and_reader_tools_are_there() {
    let html = read(example(false), "ita/2567/o01/index.html");
    let head = &html[..html.find("</head>").unwrap()];
    assert!(
        head.contains("assets/js/site.js\" defer></script>"),
        "site.js must be deferred in <head>"
    );
    let body = &html[html.find("<body").unwrap()..];
    assert!(
        !body.contains("<script"),
        "a script in <body> blocks parsing"
    );
    assert!(body.contains("class=\"reader-tools\""));
    for (attr, label) in [
        ("data-text=\"lg\"", "ตัวอักษรขนาดใหญ่"),
        ("data-contrast", "ความคมชัดสูง"),
    ] {
        assert!(body.contains(attr), "{attr}");
        assert!(body.contains(label), "{label}");
    }
    // Arrows and ticks are drawn, not glyphs outside the Sarabun subsets.
    for page in ["ita/2567/o01/index.html", "ita/2567/o12/index.html"] {
        let text = visible_text(&read(example(false), page));
        assert!(!text.contains(['→', '←', '✓']), "{page}");
    }
}

#[test]
fn oit_new_takes_the_emblem() {
    let dir = tempfile::tempdir().unwrap();
    let logo = dir.path().join("ตราสถานี.png");
    fs::write(&logo, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    let r = run_in(
        dir.path(),
        &[
            "new",
            "st",
            "--station",
            "สถานีตำรวจภูธรทดสอบ",
            "--logo",
            logo.to_str().unwrap(),
        ],
    );
    r.assert_code(0);
    let site = fs::read_to_string(dir.path().join("st/site.yaml")).unwrap();
    assert!(site.contains("  logo: \"ตราสถานี.png\""), "{site}");
    assert!(dir.path().join("st/ตราสถานี.png").is_file());
    let out = dir.path().join("st/public");
    build(&dir.path().join("st"), &out, &[]).assert_code(0);
    let home = read(&out, "index.html");
    assert!(
        home.contains("<link rel=\"icon\" href=\"assets/site/"),
        "{home}"
    );

    // Not a picture: refused, nothing written.
    let text = dir.path().join("logo.png");
    fs::write(&text, "not an image").unwrap();
    let r = run_in(
        dir.path(),
        &["new", "st2", "--logo", text.to_str().unwrap()],
    );
    r.assert_code(2).assert_stderr_has("ไม่ใช่ภาพ");
    assert!(!dir.path().join("st2").exists());

    // Without --logo the key is offered as a comment.
    run_in(dir.path(), &["new", "st3"]).assert_code(0);
    let site = fs::read_to_string(dir.path().join("st3/site.yaml")).unwrap();
    assert!(site.contains("# logo: ตราสถานี.png"), "{site}");
}
