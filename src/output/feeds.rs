//! Machine files beside the pages: robots.txt, sitemap.xml and the Atom feed of news. Absolute
//! URLs only when the site has a base URL; none is ever invented.
use crate::content::Site;
use crate::render::esc;

/// `https://host/sub/` with exactly one trailing slash.
pub fn normalize_base(url: &str) -> String {
    format!("{}/", url.trim().trim_end_matches('/'))
}

/// The public URL of a page path: directory form for `index.html` pages (what ITAP gets).
pub fn absolute(base: &str, path: &str) -> String {
    let path = path.strip_suffix("index.html").unwrap_or(path);
    format!("{}{}", normalize_base(base), path)
}

pub fn robots(base: Option<&str>) -> String {
    let mut s = String::from("User-agent: *\nAllow: /\n");
    if let Some(b) = base {
        s.push_str(&format!("Sitemap: {}sitemap.xml\n", normalize_base(b)));
    }
    s
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
    s.push_str(&format!("  <id>{}</id>\n", esc(&link("news/index.html"))));
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
            .unwrap_or_else(|| crate::render::markdown::plain_text(&n.body, 300));
        s.push_str("  <entry>\n");
        s.push_str(&format!("    <title>{}</title>\n", esc(&n.title)));
        s.push_str(&format!("    <id>{}</id>\n", esc(&link(&path))));
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
    }
}
