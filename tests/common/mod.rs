//! Helpers shared by the integration tests: run the `oit` binary, copy fixture trees, snapshot
//! output folders, and a small hand-written HTML scanner for link checking.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The crate root (where Cargo.toml, `content/` and `tests/fixtures/` live).
pub fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixture(name: &str) -> PathBuf {
    manifest_dir().join("tests").join("fixtures").join(name)
}

/// What one run of the binary produced.
#[derive(Debug)]
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Panics with the whole output unless the exit code is `code`.
    #[track_caller]
    pub fn assert_code(&self, code: i32) -> &Self {
        assert_eq!(
            self.code,
            Some(code),
            "expected exit code {code}, got {:?}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            self.code,
            self.stdout,
            self.stderr
        );
        self
    }

    /// Panics unless stderr contains `needle`.
    #[track_caller]
    pub fn assert_stderr_has(&self, needle: &str) -> &Self {
        assert!(
            self.stderr.contains(needle),
            "stderr does not contain {needle:?}\n--- stderr ---\n{}",
            self.stderr
        );
        self
    }
}

/// Runs `oit` with `args` in `cwd` (a directory with no `content/` unless the test wants one).
pub fn run_in(cwd: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_oit"))
        .args(args)
        .current_dir(cwd)
        .env_remove("RUST_LOG")
        .output()
        .expect("the oit binary runs");
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Runs `oit` with `args` from the system temp folder (never the repository, so `./content`
/// is not picked up by accident).
pub fn run(args: &[&str]) -> Run {
    run_in(&std::env::temp_dir(), args)
}

/// `oit build --content CONTENT --out OUT` plus `extra` arguments.
pub fn build(content: &Path, out: &Path, extra: &[&str]) -> Run {
    let c = content.to_str().expect("utf-8 temp path");
    let o = out.to_str().expect("utf-8 temp path");
    let mut args = vec!["build", "--content", c, "--out", o];
    args.extend_from_slice(extra);
    run(&args)
}

/// Copies a tree byte for byte (real copies, never hard links, so breaking a copy can never
/// touch the fixture).
pub fn copy_tree(src: &Path, dst: &Path) {
    fs::create_dir_all(dst).unwrap_or_else(|e| panic!("create {}: {e}", dst.display()));
    for entry in fs::read_dir(src).unwrap_or_else(|e| panic!("read {}: {e}", src.display())) {
        let entry = entry.unwrap();
        let from = entry.path();
        let to = dst.join(entry.file_name());
        let ft = entry.file_type().unwrap();
        if ft.is_dir() {
            copy_tree(&from, &to);
        } else {
            let bytes = fs::read(&from).unwrap_or_else(|e| panic!("read {}: {e}", from.display()));
            fs::write(&to, bytes).unwrap_or_else(|e| panic!("write {}: {e}", to.display()));
        }
    }
}

/// A scratch folder holding a fresh copy of a fixture at `<tmp>/content` and room for outputs
/// beside it.
pub struct Scratch {
    pub dir: tempfile::TempDir,
}

impl Scratch {
    pub fn new(fixture_name: &str) -> Scratch {
        let dir = tempfile::Builder::new()
            .prefix("oit-test-")
            .tempdir()
            .expect("temp dir");
        copy_tree(&fixture(fixture_name), &dir.path().join("content"));
        Scratch { dir }
    }
    pub fn content(&self) -> PathBuf {
        self.dir.path().join("content")
    }
    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }
    /// A content file by its `/`-separated path.
    pub fn file(&self, rel: &str) -> PathBuf {
        self.content().join(rel)
    }
    pub fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.file(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"))
    }
    /// Replaces a content file's text, writing a new file (a new inode: the original is
    /// unlinked first so no hard link elsewhere sees the change).
    pub fn write(&self, rel: &str, text: impl AsRef<[u8]>) {
        let p = self.file(rel);
        let _ = fs::remove_file(&p);
        fs::write(&p, text).unwrap_or_else(|e| panic!("write {rel}: {e}"));
    }
    /// Replaces the first occurrence of `from` by `to` in a content file; panics if absent.
    pub fn replace(&self, rel: &str, from: &str, to: &str) {
        let text = self.read(rel);
        assert!(
            text.contains(from),
            "{rel} does not contain {from:?}:\n{text}"
        );
        self.write(rel, text.replacen(from, to, 1));
    }
    /// Builds the content into `<tmp>/<out>`.
    pub fn build(&self, out: &str, extra: &[&str]) -> Run {
        build(&self.content(), &self.path(out), extra)
    }
}

/// Every file under `root` (relative, `/`-separated, sorted) with its bytes. Directories are
/// listed too, with a trailing `/` and no bytes, so empty folders count.
pub fn snapshot(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        let mut entries: Vec<_> = fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("read {}: {e}", dir.display()))
            .map(|e| e.unwrap())
            .collect();
        entries.sort_by_key(|e| e.file_name());
        for e in entries {
            let p = e.path();
            let rel = p
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            let ft = e.file_type().unwrap();
            if ft.is_dir() {
                out.insert(format!("{rel}/"), Vec::new());
                walk(root, &p, out);
            } else {
                out.insert(
                    rel,
                    fs::read(&p).unwrap_or_else(|e| panic!("read {}: {e}", p.display())),
                );
            }
        }
    }
    walk(root, root, &mut out);
    out
}

/// Relative paths of the files (not folders) under `root`, sorted.
pub fn files(root: &Path) -> Vec<String> {
    snapshot(root)
        .into_keys()
        .filter(|k| !k.ends_with('/'))
        .collect()
}

/// Names in `dir`, sorted, without build caches (`public.oit-cache` stays beside `--out` on
/// purpose: it is what the next build reads; tests/incremental.rs tests it).
pub fn dir_names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.ends_with(".oit-cache"))
        .collect();
    v.sort();
    v
}

/// Panics naming the first difference between two snapshots.
#[track_caller]
pub fn assert_same_tree(
    before: &BTreeMap<String, Vec<u8>>,
    after: &BTreeMap<String, Vec<u8>>,
    what: &str,
) {
    let a: Vec<&String> = before.keys().collect();
    let b: Vec<&String> = after.keys().collect();
    if a != b {
        let gone: Vec<_> = a.iter().filter(|k| !after.contains_key(**k)).collect();
        let new: Vec<_> = b.iter().filter(|k| !before.contains_key(**k)).collect();
        panic!("{what}: file lists differ\n  missing now: {gone:?}\n  new now: {new:?}");
    }
    for (k, v) in before {
        if after[k] != *v {
            panic!(
                "{what}: {k} differs ({} bytes before, {} bytes after)\n--- before (start) ---\n{}\n--- after (start) ---\n{}",
                v.len(),
                after[k].len(),
                String::from_utf8_lossy(&v[..v.len().min(400)]),
                String::from_utf8_lossy(&after[k][..after[k].len().min(400)])
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// A small HTML scanner: enough to find tags, their attributes and the text between them.

#[derive(Debug, Clone, PartialEq)]
pub enum Token {
    /// A start tag (lower-case name) with its attributes (lower-case names, decoded values).
    Tag {
        name: String,
        attrs: Vec<(String, String)>,
    },
    /// Text between tags (entities decoded), outside `<script>` and `<style>`.
    Text(String),
}

fn find_from(hay: &str, from: usize, needle: &str) -> Option<usize> {
    hay.get(from..)?.find(needle).map(|i| i + from)
}

fn find_ci_from(hay: &str, from: usize, needle: &str) -> Option<usize> {
    let lower = hay.get(from..)?.to_ascii_lowercase();
    lower.find(&needle.to_ascii_lowercase()).map(|i| i + from)
}

/// Tokenizes HTML. Comments, doctypes and end tags are skipped; the content of `<script>` and
/// `<style>` is skipped (it is neither text nor markup).
pub fn tokenize(html: &str) -> Vec<Token> {
    let b = html.as_bytes();
    let n = b.len();
    let mut out = Vec::new();
    let mut i = 0;
    let mut text_start = 0;
    let flush = |out: &mut Vec<Token>, from: usize, to: usize| {
        if to > from {
            out.push(Token::Text(decode_entities(&html[from..to])));
        }
    };
    while i < n {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        let rest = &html[i..];
        if rest.starts_with("<!--") {
            flush(&mut out, text_start, i);
            i = find_from(html, i + 4, "-->").map(|j| j + 3).unwrap_or(n);
            text_start = i;
            continue;
        }
        let next = b.get(i + 1).copied().unwrap_or(b' ');
        if next == b'!' || next == b'?' || next == b'/' {
            flush(&mut out, text_start, i);
            i = find_from(html, i, ">").map(|j| j + 1).unwrap_or(n);
            text_start = i;
            continue;
        }
        if !next.is_ascii_alphabetic() {
            // A bare '<' in text.
            i += 1;
            continue;
        }
        flush(&mut out, text_start, i);
        let mut j = i + 1;
        while j < n && (b[j].is_ascii_alphanumeric() || b[j] == b'-') {
            j += 1;
        }
        let name = html[i + 1..j].to_ascii_lowercase();
        let mut attrs = Vec::new();
        loop {
            while j < n && b[j].is_ascii_whitespace() {
                j += 1;
            }
            if j >= n {
                break;
            }
            if b[j] == b'>' {
                j += 1;
                break;
            }
            if b[j] == b'/' {
                j += 1;
                continue;
            }
            let ns = j;
            while j < n && !b[j].is_ascii_whitespace() && !matches!(b[j], b'=' | b'>' | b'/') {
                j += 1;
            }
            if j == ns {
                j += 1;
                continue;
            }
            let aname = html[ns..j].to_ascii_lowercase();
            let mut k = j;
            while k < n && b[k].is_ascii_whitespace() {
                k += 1;
            }
            if k < n && b[k] == b'=' {
                k += 1;
                while k < n && b[k].is_ascii_whitespace() {
                    k += 1;
                }
                let value;
                if k < n && (b[k] == b'"' || b[k] == b'\'') {
                    let q = b[k] as char;
                    let end = html[k + 1..].find(q).map(|e| e + k + 1).unwrap_or(n);
                    value = &html[k + 1..end];
                    j = (end + 1).min(n);
                } else {
                    let vs = k;
                    while k < n && !b[k].is_ascii_whitespace() && b[k] != b'>' {
                        k += 1;
                    }
                    value = &html[vs..k];
                    j = k;
                }
                attrs.push((aname, decode_entities(value)));
            } else {
                attrs.push((aname, String::new()));
            }
        }
        i = j;
        text_start = i;
        let raw = name == "script" || name == "style";
        out.push(Token::Tag {
            name: name.clone(),
            attrs,
        });
        if raw {
            i = find_ci_from(html, i, &format!("</{name}")).unwrap_or(n);
            text_start = i;
        }
    }
    flush(&mut out, text_start, n);
    out
}

/// Decodes the entities an HTML generator writes (`&amp;` `&lt;` `&gt;` `&quot;` `&#39;`
/// `&#x27;` `&#NN;` `&nbsp;`); anything else is kept as written.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let after = &rest[i..];
        let end = after.find(';').filter(|e| *e <= 10);
        let decoded = end.and_then(|e| {
            let ent = &after[1..e];
            let c = match ent {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                _ if ent.starts_with("#x") || ent.starts_with("#X") => {
                    u32::from_str_radix(&ent[2..], 16)
                        .ok()
                        .and_then(char::from_u32)
                }
                _ if ent.starts_with('#') => ent[1..].parse().ok().and_then(char::from_u32),
                _ => None,
            };
            c.map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &after[e + 1..];
            }
            None => {
                out.push('&');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// One URL found in a page.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    pub tag: String,
    pub attr: String,
    pub url: String,
}

/// Every `href="…"` and `src="…"` value of the page.
pub fn links(html: &str) -> Vec<Link> {
    tokenize(html)
        .into_iter()
        .filter_map(|t| match t {
            Token::Tag { name, attrs } => Some((name, attrs)),
            Token::Text(_) => None,
        })
        .flat_map(|(name, attrs)| {
            attrs
                .into_iter()
                .filter(|(a, _)| a == "href" || a == "src")
                .map(move |(attr, url)| Link {
                    tag: name.clone(),
                    attr,
                    url,
                })
        })
        .collect()
}

/// The text a reader sees: text nodes only, joined with spaces.
pub fn visible_text(html: &str) -> String {
    tokenize(html)
        .into_iter()
        .filter_map(|t| match t {
            Token::Text(s) => Some(s),
            Token::Tag { .. } => None,
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Values of attributes a reader may see or hear (`title`, `alt`, `aria-label`, `placeholder`,
/// `content` of meta tags).
pub fn readable_attr_values(html: &str) -> Vec<String> {
    tokenize(html)
        .into_iter()
        .filter_map(|t| match t {
            Token::Tag { attrs, .. } => Some(attrs),
            Token::Text(_) => None,
        })
        .flatten()
        .filter(|(a, _)| {
            matches!(
                a.as_str(),
                "title" | "alt" | "aria-label" | "placeholder" | "content"
            )
        })
        .map(|(_, v)| v)
        .collect()
}

/// The first ISO-style date `dddd-dd-dd` (not part of a longer number) in `s`.
pub fn find_iso_date(s: &str) -> Option<String> {
    let c: Vec<char> = s.chars().collect();
    let d = |i: usize| c.get(i).is_some_and(|x| x.is_ascii_digit());
    for i in 0..c.len() {
        if i > 0 && d(i - 1) {
            continue;
        }
        let shape = (0..4).all(|k| d(i + k))
            && c.get(i + 4) == Some(&'-')
            && d(i + 5)
            && d(i + 6)
            && c.get(i + 7) == Some(&'-')
            && d(i + 8)
            && d(i + 9)
            && !d(i + 10);
        if shape {
            return Some(c[i..i + 10].iter().collect());
        }
    }
    None
}

// ---------------------------------------------------------------------------------------------
// URLs

/// How a link is to be treated by the link checker.
#[derive(Debug, PartialEq)]
pub enum LinkKind {
    /// `http:`, `https:`, `mailto:`, `tel:` or a `#fragment` of the same page.
    External,
    /// A relative reference, to be resolved against the page.
    Relative,
    /// Anything a static site must not contain: `/…`, `//host…`, other schemes, empty.
    Bad(&'static str),
}

pub fn classify(url: &str) -> LinkKind {
    let lower = url.trim().to_ascii_lowercase();
    if lower.is_empty() {
        return LinkKind::Bad("empty URL");
    }
    if lower.starts_with("http://")
        || lower.starts_with("https://")
        || lower.starts_with("mailto:")
        || lower.starts_with("tel:")
    {
        return LinkKind::External;
    }
    if lower.starts_with('#') {
        return LinkKind::External;
    }
    if lower.starts_with('/') {
        return LinkKind::Bad("starts with '/' (breaks under a sub-path and from file://)");
    }
    let scheme_end = lower.find(':');
    let first_sep = lower.find(['/', '?', '#']).unwrap_or(lower.len());
    if let Some(i) = scheme_end
        && i < first_sep
        && lower[..i]
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    {
        return LinkKind::Bad("unexpected URL scheme");
    }
    LinkKind::Relative
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && i + 2 < b.len()
            && let (Some(h), Some(l)) = (
                (b[i + 1] as char).to_digit(16),
                (b[i + 2] as char).to_digit(16),
            )
        {
            out.push((h * 16 + l) as u8);
            i += 3;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Resolves a relative `url` found in the page at `page` (both relative to the site root,
/// `/`-separated). Drops `#fragment` and `?query`, decodes `%XX`. A result ending in `/`
/// names a folder. Errors when the URL climbs above the site root.
pub fn resolve(page: &str, url: &str) -> Result<String, String> {
    let no_frag = url.split('#').next().unwrap_or("");
    let path = no_frag.split('?').next().unwrap_or("");
    let path = percent_decode(path);
    if path.is_empty() {
        return Ok(page.to_string());
    }
    let mut segs: Vec<&str> = page.split('/').collect();
    segs.pop(); // the page's own file name
    let parts: Vec<&str> = path.split('/').collect();
    let last = parts.len() - 1;
    let mut trailing_dir = false;
    for (i, part) in parts.iter().enumerate() {
        match *part {
            "." => trailing_dir = i == last,
            ".." => {
                if segs.pop().is_none() {
                    return Err(format!("{url:?} in {page} climbs above the site root"));
                }
                trailing_dir = i == last;
            }
            "" => trailing_dir = i == last,
            p => {
                segs.push(p);
                trailing_dir = false;
            }
        }
    }
    let mut joined = segs.join("/");
    if trailing_dir {
        joined.push('/');
    }
    Ok(joined)
}

/// Every `url(…)` in a stylesheet.
pub fn css_urls(css: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = css;
    while let Some(i) = rest.find("url(") {
        let after = &rest[i + 4..];
        let end = after.find(')').unwrap_or(after.len());
        let raw = after[..end].trim().trim_matches(|c| c == '"' || c == '\'');
        out.push(raw.to_string());
        rest = &after[end.min(after.len())..];
    }
    out
}

/// Checks every `href`/`src` of every HTML page under `out` (except `404.html`) and every
/// `url()` of every stylesheet: relative, resolving to an existing file inside `out`.
/// Returns the problems found, one line each; identical problems on one page are counted once
/// with `(×N)`.
pub fn link_problems(out: &Path) -> Vec<String> {
    let mut all = Vec::new();
    collect_link_problems(out, &mut all);
    let mut counted: Vec<(String, usize)> = Vec::new();
    for p in all {
        match counted.iter_mut().find(|(q, _)| *q == p) {
            Some((_, n)) => *n += 1,
            None => counted.push((p, 1)),
        }
    }
    counted
        .into_iter()
        .map(|(p, n)| if n > 1 { format!("{p} (×{n})") } else { p })
        .collect()
}

fn collect_link_problems(out: &Path, problems: &mut Vec<String>) {
    for rel in files(out) {
        if rel.ends_with(".html") && rel != "404.html" {
            let html = fs::read_to_string(out.join(&rel))
                .unwrap_or_else(|e| panic!("{rel} is not UTF-8: {e}"));
            for l in links(&html) {
                check_one(
                    out,
                    &rel,
                    &format!("<{} {}>", l.tag, l.attr),
                    &l.url,
                    problems,
                );
            }
        } else if rel.ends_with(".css") {
            let css = fs::read_to_string(out.join(&rel))
                .unwrap_or_else(|e| panic!("{rel} is not UTF-8: {e}"));
            for u in css_urls(&css) {
                if u.starts_with("data:") {
                    continue;
                }
                check_one(out, &rel, "url()", &u, problems);
            }
        }
    }
}

fn check_one(out: &Path, page: &str, what: &str, url: &str, problems: &mut Vec<String>) {
    match classify(url) {
        LinkKind::External => {}
        LinkKind::Bad(why) => problems.push(format!("{page}: {what} {url:?}: {why}")),
        LinkKind::Relative => match resolve(page, url) {
            Err(e) => problems.push(format!("{page}: {what} {e}")),
            Ok(target) if target.ends_with('/') => problems.push(format!(
                "{page}: {what} {url:?} names a folder ({target}), not a file: breaks from file://"
            )),
            Ok(target) => {
                if !out.join(&target).is_file() {
                    problems.push(format!("{page}: {what} {url:?} → {target} does not exist"));
                }
            }
        },
    }
}

// ---------------------------------------------------------------------------------------------
// Self-test of the helpers (they guard the guards); called from tests/build.rs.

pub fn self_test() {
    let html = r#"<!DOCTYPE html><html><head><link rel="stylesheet" href="../assets/css/site.css">
<script src='a.js'>var x = "<a href='nope'>";</script><style>a{}</style></head>
<body><!-- <a href="commented"> --><a class=x href=plain.html>t &amp; u</a> <img alt="a>b" src="p.png"/>
<time datetime="2024-04-05">5 เมษายน 2567</time><a
  HREF = "x.pdf#p=2">y</a></body></html>"#;
    let urls: Vec<String> = links(html).into_iter().map(|l| l.url).collect();
    assert_eq!(
        urls,
        [
            "../assets/css/site.css",
            "a.js",
            "plain.html",
            "p.png",
            "x.pdf#p=2"
        ]
    );
    let text = visible_text(html);
    assert!(
        text.contains("t & u") && text.contains("5 เมษายน 2567"),
        "{text}"
    );
    assert!(
        !text.contains("var x") && !text.contains("commented"),
        "{text}"
    );
    assert_eq!(find_iso_date(&text), None);
    assert_eq!(
        find_iso_date("x 2024-04-05 y").as_deref(),
        Some("2024-04-05")
    );
    assert_eq!(find_iso_date("12024-04-05"), None);
    assert_eq!(
        find_iso_date("2566-10 2566-11-15-meeting").as_deref(),
        Some("2566-11-15")
    );

    assert_eq!(
        resolve("ita/2567/o01/index.html", "../../../index.html").unwrap(),
        "index.html"
    );
    assert_eq!(
        resolve("ita/2567/o01/index.html", "file-1.pdf#page=2").unwrap(),
        "ita/2567/o01/file-1.pdf"
    );
    assert_eq!(
        resolve("ita/2567/o01/index.html", "./2566-10/r.pdf?x=1").unwrap(),
        "ita/2567/o01/2566-10/r.pdf"
    );
    assert_eq!(resolve("index.html", "news/").unwrap(), "news/");
    assert_eq!(resolve("news/index.html", "..").unwrap(), "/");
    assert_eq!(resolve("news/index.html", "").unwrap(), "news/index.html");
    assert!(resolve("index.html", "../x.html").is_err());
    assert_eq!(resolve("a/index.html", "%E0%B8%81.pdf").unwrap(), "a/ก.pdf");

    assert_eq!(classify("https://x"), LinkKind::External);
    assert_eq!(classify("tel:191"), LinkKind::External);
    assert_eq!(classify("#main"), LinkKind::External);
    assert_eq!(classify("a/b.html"), LinkKind::Relative);
    assert_eq!(classify("2566-10/report.pdf"), LinkKind::Relative);
    assert!(matches!(classify("/news/"), LinkKind::Bad(_)));
    assert!(matches!(classify("//cdn.example/x.js"), LinkKind::Bad(_)));
    assert!(matches!(classify("javascript:alert(1)"), LinkKind::Bad(_)));
    assert!(matches!(classify("file:///etc/passwd"), LinkKind::Bad(_)));

    assert_eq!(
        css_urls(
            "@font-face{src:url(\"../fonts/a.woff2\") format('woff2')} b{background:url(x.png)}"
        ),
        ["../fonts/a.woff2", "x.png"]
    );
    assert_eq!(
        decode_entities("&lt;script&gt;&#39;&#x27;&amp;amp; &unknown;"),
        "<script>''&amp; &unknown;"
    );
}

/// A real zip bomb: one entry inflating to `mib` MiB of zeros with correct sizes and CRC. The
/// deflate stream is one sync-flushed MiB of zeros repeated (its back-references only ever see
/// zeros), so making it takes milliseconds.
pub fn zip_bomb(entry: &str, mib: u32) -> Vec<u8> {
    use flate2::{Compress, Compression, FlushCompress};
    let chunk = vec![0u8; 1 << 20];
    let mut deflate = Compress::new(Compression::best(), false);
    let mut block = Vec::with_capacity(1 << 16);
    deflate
        .compress_vec(&chunk, &mut block, FlushCompress::Sync)
        .unwrap();
    let mut data = block.repeat(mib as usize);
    data.extend_from_slice(&[0x03, 0x00]); // final empty fixed-Huffman block
    let mut one = crc32fast::Hasher::new();
    one.update(&chunk);
    let mut total = one.clone();
    for _ in 1..mib {
        total.combine(&one);
    }
    let crc = total.finalize();
    let (size, packed, n) = (mib << 20, data.len() as u32, entry.len() as u16);
    let head = |z: &mut Vec<u8>| {
        for v in [20u16, 0, 8, 0, 0x21] {
            z.extend_from_slice(&v.to_le_bytes());
        }
        for v in [crc, packed, size] {
            z.extend_from_slice(&v.to_le_bytes());
        }
        z.extend_from_slice(&n.to_le_bytes());
        z.extend_from_slice(&0u16.to_le_bytes());
    };
    let mut z = Vec::new();
    z.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
    head(&mut z);
    z.extend_from_slice(entry.as_bytes());
    z.extend_from_slice(&data);
    let cd = z.len() as u32;
    z.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
    z.extend_from_slice(&20u16.to_le_bytes());
    head(&mut z);
    z.extend_from_slice(&[0; 14]);
    z.extend_from_slice(entry.as_bytes());
    let cd_size = z.len() as u32 - cd;
    z.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    z.extend_from_slice(&[0, 0, 0, 0, 1, 0, 1, 0]);
    z.extend_from_slice(&cd_size.to_le_bytes());
    z.extend_from_slice(&cd.to_le_bytes());
    z.extend_from_slice(&[0, 0]);
    z
}
