//! Every internal link and anchor of the built site, verified before anything is written: a link
//! that leads nowhere is an error, since an assessor who meets it scores the item as missing.
use crate::diagnostics::{Finding, Text};
use crate::memo::{self, Keyed};
use crate::render::{OutContent, OutFile};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// Values of the `id`, `href` and `src` attributes in `html` (double-quoted, as the theme
/// writes), each list in page order. One pass over the bytes: a search per attribute name was 3 %
/// of a build's CPU time, and checking the whole page as UTF-8 again (tera already did) ~1 %;
/// only the values are checked, and one that is not UTF-8 is skipped.
fn attributes(html: &[u8]) -> [Vec<&str>; 3] {
    const NAMES: [&str; 3] = [" id", " href", " src"];
    let mut out: [Vec<&str>; 3] = Default::default();
    let mut from = 0;
    for at in memchr::memmem::find_iter(html, b"=\"") {
        if at < from {
            continue;
        }
        let Some(which) = NAMES
            .iter()
            .position(|n| html[..at].ends_with(n.as_bytes()))
        else {
            continue;
        };
        let start = at + 2;
        if let Some(len) = memchr::memchr(b'"', &html[start..]) {
            if let Ok(value) = std::str::from_utf8(&html[start..start + len]) {
                out[which].push(value);
            }
            from = start + len;
        }
    }
    out
}

fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    s.replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
}

/// `base` is the page's path; resolves `../x/y.html` against its folder. None when it climbs out.
pub fn resolve(base: &str, link: &str) -> Option<String> {
    let mut parts: Vec<&str> = base.split('/').collect();
    parts.pop();
    for seg in link.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        if b[i] == b'%'
            && i + 2 < b.len()
            && let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2]))
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

/// What link checking needs of a page: its ids, and its internal links (each once).
#[derive(Clone)]
struct PageLinks {
    ids: HashSet<String>,
    links: Vec<String>,
}

fn page_links(html: &[u8]) -> PageLinks {
    let [ids, hrefs, srcs] = attributes(html);
    let ids = ids.into_iter().map(str::to_string).collect();
    let mut seen = HashSet::new();
    let mut links = Vec::new();
    for raw in hrefs.into_iter().chain(srcs) {
        let link = unescape(raw);
        let lower = link.to_ascii_lowercase();
        if link.is_empty()
            || lower.contains("://")
            || lower.starts_with("mailto:")
            || lower.starts_with("tel:")
            || lower.starts_with("data:")
        {
            continue;
        }
        if seen.insert(link.clone()) {
            links.push(link);
        }
    }
    PageLinks { ids, links }
}

/// Broken internal links and anchors of the pages in `files`. 404.html is skipped: hosts serve
/// it at any depth, so its links are written for the root only.
pub fn check(files: &[OutFile]) -> Vec<Finding> {
    // `serve`: a page whose HTML did not change has the same ids and links as last time.
    static SCANNED: Keyed<Vec<u8>, Arc<PageLinks>> = Keyed::new();
    let paths: HashSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    // Scanning every page is the bulk of the work: pages in parallel.
    let pages: HashMap<&str, Arc<PageLinks>> = files
        .par_iter()
        .with_min_len(crate::memo::parallel_min_len())
        .filter(|f| f.path.ends_with(".html"))
        .filter_map(|f| match &f.content {
            OutContent::Bytes(b) => Some((
                f.path.as_str(),
                SCANNED.get_or_ref(&f.path, b.as_slice(), |b| Arc::new(page_links(b))),
            )),
            OutContent::Source(_) => None,
        })
        .collect();
    let mut checked: Vec<(&str, &Arc<PageLinks>)> = pages
        .iter()
        .filter(|(path, _)| **path != "404.html")
        .map(|(p, l)| (*p, l))
        .collect();
    checked.sort_unstable_by_key(|(p, _)| *p);

    // `serve`: with the same files and no page's ids changed, a page whose links are the same
    // has the same findings as last time; only the changed pages are verified again.
    let mut last = memo::enabled()
        .then(|| LAST.lock().unwrap_or_else(|e| e.into_inner()).take())
        .flatten();
    let reusable = last.as_ref().is_some_and(|l| {
        l.paths.len() == files.len()
            && l.paths.iter().zip(files).all(|(a, f)| *a == f.path)
            && pages.iter().all(|(p, now)| {
                l.pages
                    .get(*p)
                    .is_some_and(|(old, _)| Arc::ptr_eq(old, now) || old.ids == now.ids)
            })
    });
    let mut findings = Vec::new();
    let mut verified = HashMap::new();
    for (path, page) in checked {
        let found = match last.as_mut().and_then(|l| l.pages.remove(path)) {
            Some((old, found)) if reusable && Arc::ptr_eq(&old, page) => found,
            _ => verify(path, page, &paths, &pages),
        };
        findings.extend(found.iter().cloned());
        if memo::enabled() {
            verified.insert(path.to_string(), (Arc::clone(page), found));
        }
    }
    if memo::enabled() {
        // Not checked itself, but its ids count like every page's.
        if let Some(page) = pages.get("404.html") {
            verified.insert("404.html".to_string(), (Arc::clone(page), Vec::new()));
        }
        *LAST.lock().unwrap_or_else(|e| e.into_inner()) = Some(Verified {
            paths: files.iter().map(|f| f.path.clone()).collect(),
            pages: verified,
        });
    }
    findings
}

/// `serve`'s last link check: the site's files, and each page's scan and findings.
struct Verified {
    paths: Vec<String>,
    pages: HashMap<String, (Arc<PageLinks>, Vec<Finding>)>,
}

static LAST: std::sync::Mutex<Option<Verified>> = std::sync::Mutex::new(None);

/// The broken links of the page at `path`.
fn verify(
    path: &str,
    page: &PageLinks,
    paths: &HashSet<&str>,
    pages: &HashMap<&str, Arc<PageLinks>>,
) -> Vec<Finding> {
    let mut findings = Vec::new();
    for link in &page.links {
        let (target, anchor) = match link.split_once('#') {
            Some((t, a)) => (t, Some(a)),
            None => (link.as_str(), None),
        };
        let target = target.split('?').next().unwrap_or("");
        let resolved = if target.is_empty() {
            Some(path.to_string())
        } else {
            resolve(path, &percent_decode(target))
        };
        let ok = match &resolved {
            Some(r) if paths.contains(r.as_str()) => match anchor {
                Some(a) if !a.is_empty() && r.ends_with(".html") => pages
                    .get(r.as_str())
                    .is_some_and(|p| p.ids.contains(&percent_decode(a))),
                _ => true,
            },
            _ => false,
        };
        if !ok {
            findings.push(
                Finding::error(
                    "broken-link",
                    Text::new(format!("หน้า {path} มีลิงก์ที่ไปไม่ถึง: {link}"), format!("page {path} links to a missing target: {link}")),
                )
                .hint(Text::new(
                    "ตรวจลิงก์ในเนื้อหา (Markdown) ของหน้านี้ ชื่อไฟล์หรือที่อยู่หน้าอาจพิมพ์ผิด หากลิงก์มาจากธีม (--theme) ให้แก้ในแม่แบบ",
                    "check the links in this page's Markdown (a file name or page address may be misspelt); if the link comes from a theme (--theme), fix the template",
                )),
            );
        }
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(path: &str, html: &str) -> OutFile {
        OutFile {
            path: path.into(),
            content: OutContent::Bytes(html.as_bytes().to_vec()),
        }
    }

    #[test]
    fn finds_broken_links_and_anchors() {
        let files = vec![
            page(
                "index.html",
                "<a href=\"ita/2567/o01/index.html#files\">x</a> <a href=\"https://x.go.th\">y</a>",
            ),
            page(
                "ita/2567/o01/index.html",
                "<h2 id=\"files\">f</h2><a href=\"../../../index.html\">home</a><img src=\"a.pdf\"><a href=\"#nope\">n</a><a href=\"../../../../x.html\">out</a>",
            ),
            page("404.html", "<a href=\"whatever.html\">ignored</a>"),
        ];
        let f = check(&files);
        let msgs: Vec<&str> = f.iter().map(|f| f.message.en.as_str()).collect();
        assert_eq!(f.len(), 3, "{msgs:?}");
        assert!(msgs.iter().any(|m| m.ends_with("a.pdf")));
        assert!(msgs.iter().any(|m| m.ends_with("#nope")));
        assert!(msgs.iter().any(|m| m.ends_with("../../../../x.html")));
    }

    #[test]
    fn resolves_relative_paths() {
        assert_eq!(
            resolve("ita/2567/o01/index.html", "../o02/index.html").as_deref(),
            Some("ita/2567/o02/index.html")
        );
        assert_eq!(resolve("index.html", "../x").as_deref(), None);
    }
}
