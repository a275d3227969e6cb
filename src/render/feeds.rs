//! Machine files beside the pages: robots.txt, sitemap.xml and the Atom feed of news. Absolute
//! URLs only when the site has a base URL; none is ever invented.
use super::esc;
use crate::content::Site;

/// `https://host/sub/` with exactly one trailing slash.
pub fn normalize_base(url: &str) -> String {
    format!("{}/", url.trim().trim_end_matches('/'))
}

/// The public URL of a page path: directory form for `index.html` pages (what ITAP gets).
pub fn absolute(base: &str, path: &str) -> String {
    let path = path.strip_suffix("index.html").unwrap_or(path);
    format!("{}{}", normalize_base(base), path)
}

/// robots.txt. Crawlers read it only at the root of a host (`https://host/robots.txt`): under a
/// sub-path (`https://host/oit/`) the file says so and gives the line the host's own robots.txt
/// needs, instead of pretending to work.
pub fn robots(base: Option<&str>) -> String {
    let mut s = String::new();
    let sub_path = base.and_then(sub_path_of);
    if let (Some(b), Some(path)) = (base, &sub_path) {
        s.push_str(&format!(
            "# เว็บไซต์นี้อยู่ใต้ {path} ของโฮสต์ โปรแกรมค้นหาจะอ่าน robots.txt ที่รากของโฮสต์เท่านั้น ไม่อ่านไฟล์นี้\n\
             # ให้ผู้ดูแลโฮสต์เพิ่มบรรทัดนี้ใน robots.txt ที่รากของโฮสต์:\n\
             # This site lives under {path}; crawlers read robots.txt only at the root of the host.\n\
             # Add this line to the host's root robots.txt:\n\
             #   Sitemap: {}sitemap.xml\n",
            normalize_base(b)
        ));
    }
    s.push_str("User-agent: *\nAllow: /\n");
    if let Some(b) = base {
        s.push_str(&format!("Sitemap: {}sitemap.xml\n", normalize_base(b)));
    }
    s
}

/// The path of a base URL below its host ("/oit/"), if it is not the root.
fn sub_path_of(base: &str) -> Option<String> {
    let b = normalize_base(base);
    let after_scheme = b.split_once("://").map(|(_, r)| r).unwrap_or(&b);
    let path = after_scheme.find('/').map(|i| &after_scheme[i..])?;
    (path != "/").then(|| path.to_string())
}

/// The host of a base URL, for tag: URIs ("a.go.th").
fn host_of(base: &str) -> Option<String> {
    let b = normalize_base(base);
    let rest = b.split_once("://")?.1;
    let host = rest.split(['/', ':']).next()?.to_ascii_lowercase();
    (!host.is_empty()).then_some(host)
}

/// The authority of the feed's tag: URIs (RFC 4151): the site's host, else the station's email,
/// else police.go.th (the Royal Thai Police's domain, which every station is part of) with the
/// station's name hashed into the specific part so two stations never share an id.
fn tag_base(site: &Site, base: Option<&str>) -> String {
    if let Some(host) = base.and_then(host_of) {
        return format!("tag:{host},2024:oit/");
    }
    let email = site.config.contact.email.trim();
    if email.contains('@') && email.is_ascii() && !email.contains(' ') {
        return format!("tag:{},2024:oit/", email.to_ascii_lowercase());
    }
    let station = crate::names::fnv1a(site.config.station.name_th.as_bytes()) as u32;
    format!("tag:police.go.th,2024:oit/{station:08x}/")
}

/// Pages in path order; `lastmod` where the page has an update date.
pub fn sitemap(base: &str, pages: &[(String, Option<String>)]) -> String {
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (path, lastmod) in pages {
        s.push_str(&format!("  <url><loc>{}</loc>", esc(&absolute(base, path))));
        if let Some(d) = lastmod {
            s.push_str(&format!("<lastmod>{d}</lastmod>"));
        }
        s.push_str("</url>\n");
    }
    s.push_str("</urlset>\n");
    s
}

/// Atom feed of the latest news. Links are absolute with a base URL, else relative to the feed
/// (RFC 4287 allows relative references); `updated` is the newest news date, never the clock, so
/// builds stay byte-identical.
pub fn atom(site: &Site, base: Option<&str>) -> String {
    let link = |path: &str| match base {
        Some(b) => absolute(b, path),
        None => path.to_string(),
    };
    let updated = site
        .news
        .first()
        .map(|n| n.date.to_string())
        .unwrap_or_else(|| "2000-01-01".into());
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"th\">\n",
    );
    s.push_str(&format!(
        "  <title>ข่าวประชาสัมพันธ์ {}</title>\n",
        esc(&site.config.station.name_th)
    ));
    // Ids are tag: URIs: absolute (RFC 4287 requires it) even when the site does not know its
    // address. Each entry's specific part is its folder name, whatever the authority.
    let tag = tag_base(site, base);
    s.push_str(&format!("  <id>{}news</id>\n", esc(&tag)));
    s.push_str(&format!(
        "  <link href=\"{}\"/>\n",
        esc(&link("news/index.html"))
    ));
    if base.is_some() {
        s.push_str(&format!(
            "  <link rel=\"self\" href=\"{}\"/>\n",
            esc(&link("feed.xml"))
        ));
    }
    s.push_str(&format!("  <updated>{updated}T00:00:00+07:00</updated>\n"));
    s.push_str(&format!(
        "  <author><name>{}</name></author>\n",
        esc(&site.config.station.name_th)
    ));
    for n in site.news.iter().take(30) {
        let path = format!("news/{}/index.html", n.slug);
        let summary = n
            .summary
            .clone()
            .unwrap_or_else(|| super::markdown::plain_text(&n.body, 300));
        s.push_str("  <entry>\n");
        s.push_str(&format!("    <title>{}</title>\n", esc(&n.title)));
        s.push_str(&format!(
            "    <id>{}news/{}</id>\n",
            esc(&tag),
            esc(&n.slug)
        ));
        s.push_str(&format!("    <link href=\"{}\"/>\n", esc(&link(&path))));
        s.push_str(&format!(
            "    <updated>{}T00:00:00+07:00</updated>\n",
            n.date
        ));
        s.push_str(&format!("    <summary>{}</summary>\n", esc(&summary)));
        s.push_str("  </entry>\n");
    }
    s.push_str("</feed>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn absolute_urls_use_directory_form() {
        assert_eq!(
            absolute("https://a.go.th/oit", "ita/2567/o01/index.html"),
            "https://a.go.th/oit/ita/2567/o01/"
        );
        assert_eq!(
            absolute("https://a.go.th/", "index.html"),
            "https://a.go.th/"
        );
        assert_eq!(
            absolute("https://a.go.th", "news/x/photo.jpg"),
            "https://a.go.th/news/x/photo.jpg"
        );
        assert!(robots(None).lines().all(|l| !l.starts_with("Sitemap")));
        assert!(robots(Some("https://a.go.th")).contains("Sitemap: https://a.go.th/sitemap.xml"));
        assert!(!robots(Some("https://a.go.th/")).contains('#'));
        let sub = robots(Some("https://a.go.th/oit"));
        assert!(sub.contains("# เว็บไซต์นี้อยู่ใต้ /oit/"), "{sub}");
        assert!(
            sub.contains("#   Sitemap: https://a.go.th/oit/sitemap.xml"),
            "{sub}"
        );
        assert_eq!(
            host_of("https://WWW.A.go.th:8080/oit"),
            Some("www.a.go.th".into())
        );
        assert_eq!(sub_path_of("https://a.go.th"), None);
    }
}
