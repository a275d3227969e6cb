//! Request path → a file of the site held in memory, or nothing. Only files the build made can
//! be reached: `..`, encoded slashes and back-slashes, NUL and dot-files are refused before the
//! lookup, and attachments are read from the content paths the loader vetted.
use std::collections::HashMap;

/// The site's path (`ita/2567/o07/index.html`) for a request URL, if the site has one; a folder
/// means its `index.html`.
pub fn resolve<'a, T>(site: &'a HashMap<String, T>, url: &str) -> Option<(&'a str, &'a T)> {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let mut segs = Vec::new();
    for raw in path.split('/') {
        let seg = String::from_utf8(super::http::percent_decode(raw, false)?).ok()?;
        if seg.is_empty() || seg == "." {
            continue;
        }
        // A decoded segment may not smuggle a separator or climb out.
        if seg == ".." || seg.contains(['/', '\\', '\0']) || seg.starts_with('.') {
            return None;
        }
        segs.push(seg);
    }
    let rel = segs.join("/");
    let index = if rel.is_empty() {
        "index.html".to_string()
    } else {
        format!("{rel}/index.html")
    };
    [rel, index]
        .into_iter()
        .find_map(|p| site.get_key_value(&p))
        .map(|(k, v)| (k.as_str(), v))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_only_what_the_site_has() {
        let site: HashMap<String, u8> = [
            ("index.html", 0),
            ("a/index.html", 1),
            ("ไฟล์.pdf", 2),
            (".oit-site", 3),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
        let at = |url| resolve(&site, url).map(|(p, _)| p);
        assert_eq!(at("/"), Some("index.html"));
        assert_eq!(at("/a/"), Some("a/index.html"));
        assert_eq!(at("/a"), Some("a/index.html"));
        assert_eq!(at("/a/index.html?x=1"), Some("a/index.html"));
        assert_eq!(
            at("/%E0%B9%84%E0%B8%9F%E0%B8%A5%E0%B9%8C.pdf"),
            Some("ไฟล์.pdf")
        );
        for bad in [
            "/../index.html",
            "/a/../../index.html",
            "/..%2Findex.html",
            "/a%2F..%2F..%2Findex.html",
            "/%2e%2e/index.html",
            "/a%5C..%5C..%5Cindex.html",
            "/a%00",
            "/.oit-site",
            "/%zz",
            "/b/",
        ] {
            assert_eq!(at(bad), None, "{bad}");
        }
    }
}
