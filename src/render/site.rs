//! The sections of a site, in the order `render_site` makes them. Pages are gathered as jobs and
//! their templates rendered in one parallel pass at the end (tera is `Sync`); everything else
//! (attachments, posters, machine files, theme assets) goes straight into the list of files.
//! The order matters where one section reads what the others made: the search index needs every
//! page's text, 404.html every top-level name, sitemap.xml every rendered page.
use super::{
    Job, OutContent, OutFile, RenderInput, feeds, folder_body_html, items, markdown, notfound,
    posters, render_md, root_of, templates, view,
};
use crate::content::{Item, Site};
use crate::diagnostics::{Finding, Text};
use crate::search;
use rayon::prelude::*;
use serde_json::{Value, json};
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// Top-level names the generator makes itself; a page of the same name would clash.
const RESERVED: [&str; 6] = ["ita", "news", "assets", "sitemap", "search", "404"];

/// A site being rendered: what the sections have made so far.
pub(super) struct SiteRender<'a> {
    input: &'a RenderInput<'a>,
    site: &'a Site,
    /// The site's address, when it has one (never invented: without it links stay relative).
    base_url: Option<&'a str>,
    /// Every fiscal year with items, and the current one even without.
    years: Vec<u16>,
    /// Pages waiting for the template pass.
    jobs: Vec<Job>,
    /// Files ready as they are.
    out: Vec<OutFile>,
    errors: Vec<Finding>,
    /// Each page's text for the search index, in page order.
    docs: Vec<search::Doc>,
    /// A page's date for the sitemap, where it has one.
    lastmod: BTreeMap<String, String>,
}

impl<'a> SiteRender<'a> {
    pub(super) fn new(input: &'a RenderInput<'a>) -> Self {
        let site = input.site;
        let current = site.config.fiscal_year;
        let mut years: Vec<u16> = site.years.keys().copied().collect();
        if !years.contains(&current) {
            years.push(current);
        }
        SiteRender {
            input,
            site,
            base_url: site
                .config
                .base_url
                .as_deref()
                .filter(|b| !b.trim().is_empty()),
            years,
            jobs: Vec::new(),
            out: Vec::new(),
            errors: Vec::new(),
            docs: Vec::new(),
            lastmod: BTreeMap::new(),
        }
    }

    fn page(&mut self, path: &str, template: &'static str, extra: Value) {
        self.jobs
            .push((path.to_string(), template, Arc::new(extra)));
    }

    pub(super) fn home(&mut self) {
        let site = self.site;
        let current = site.config.fiscal_year;
        let intro = site
            .pages
            .iter()
            .find(|p| p.slug == "home")
            .map(|p| render_md(site, &p.body, "", &HashMap::new()));
        self.page(
            "index.html",
            "home.html",
            json!({
                "year": current,
                "items": view::item_summaries(site, self.input.criteria.get(&current), current),
                "news": site.news.iter().take(6).map(|n| view::news_summary(site, n)).collect::<Vec<_>>(),
                "intro_html": intro.unwrap_or_default(),
            }),
        );
    }

    /// Each fiscal year's page, then its items' pages (in parallel, see `items`).
    pub(super) fn years_and_items(&mut self) {
        let site = self.site;
        let site_stamp = items::site_stamp(site, self.input.criteria);
        for year in self.years.clone() {
            let criteria = self.input.criteria.get(&year);
            self.page(
                &format!("ita/{year}/index.html"),
                "year.html",
                json!({
                    "year": year,
                    "items": view::item_summaries(site, criteria, year),
                    "period_label": view::fiscal_period_label(year),
                }),
            );
            let Some(y) = site.years.get(&year) else {
                continue;
            };
            let year_items: Vec<&Item> = y.items.values().collect();
            let pages = items::year_items(site, criteria, year, &year_items, site_stamp.as_ref());
            for p in pages {
                let (path, template, extra) = p.job;
                if let Some(d) = p.updated {
                    self.lastmod.insert(path.clone(), d);
                }
                self.jobs.push((path, template, extra));
                self.docs.push(p.doc);
                self.out.extend(p.files);
                self.errors.extend(p.errors);
            }
        }
    }

    /// Every fiscal year, newest first: older years stay at their URLs.
    pub(super) fn archive(&mut self) {
        let site = self.site;
        let current = site.config.fiscal_year;
        let archive: Vec<Value> = self
            .years
            .iter()
            .rev()
            .map(|&y| {
                json!({
                    "year": y, "url": format!("ita/{y}/index.html"), "period": view::fiscal_period_label(y),
                    "current": y == current, "items": site.years.get(&y).map(|x| x.items.len()).unwrap_or(0),
                })
            })
            .collect();
        self.page(
            "ita/index.html",
            "archive.html",
            json!({ "archive": archive }),
        );
    }

    /// The list of news, then each news item's page and files.
    pub(super) fn news(&mut self) {
        let site = self.site;
        self.page(
            "news/index.html",
            "news_list.html",
            json!({ "news": site.news.iter().map(|n| view::news_summary(site, n)).collect::<Vec<_>>() }),
        );
        for n in &site.news {
            let path = format!("news/{}/index.html", n.slug);
            self.lastmod.insert(path.clone(), n.date.to_string());
            let body_html = folder_body_html(site, &n.body, &path, &n.files);
            self.docs.push(search::Doc {
                t: n.title.clone(),
                c: String::new(),
                u: path.clone(),
                x: markdown::plain_text(&n.body, usize::MAX),
            });
            let news = view::news_view(site, n, body_html, self.input.criteria);
            // The lead photo is the picture of the card when the news is shared; without one
            // the key stays unset, so base.html falls back to the station's logo.
            let mut cx = json!({ "news": news, "og_type": "article" });
            if let Some(url) = cx["news"]["photos"][0]["url"].as_str().map(str::to_owned) {
                cx["og_image"] = Value::String(url);
            }
            self.page(&path, "news.html", cx);
            for f in &n.files {
                self.out.push(OutFile {
                    path: format!("news/{}/{}", n.slug, f.out),
                    content: OutContent::Source(site.root.join(&n.dir).join(&f.rel)),
                });
            }
        }
    }

    /// The station's own pages (`pages/`), but for the home page's text.
    pub(super) fn pages(&mut self) {
        let site = self.site;
        for p in &site.pages {
            if p.slug == "home" {
                continue;
            }
            if RESERVED.contains(&p.slug.as_str()) {
                self.errors.push(
                    Finding::error(
                        "page-name",
                        Text::new(
                            format!("ชื่อหน้า \"{}\" ซ้ำกับส่วนที่โปรแกรมสร้างเอง ให้เปลี่ยนชื่อไฟล์", p.slug),
                            format!(
                                "page name \"{}\" is reserved by the generator; rename the file",
                                p.slug
                            ),
                        ),
                    )
                    .file(&p.file),
                );
                continue;
            }
            let path = format!("{}/index.html", p.slug);
            let body_html = render_md(site, &p.body, &root_of(&path), &HashMap::new());
            self.docs.push(search::Doc {
                t: p.title.clone(),
                c: String::new(),
                u: path.clone(),
                x: markdown::plain_text(&p.body, usize::MAX),
            });
            self.page(
                &path,
                "page.html",
                json!({ "page": { "title": p.title, "body_html": body_html, "slug": p.slug } }),
            );
        }
    }

    /// The sitemap for people and the search page (its index is `search_index`).
    pub(super) fn sitemap_and_search_pages(&mut self) {
        let sections = view::sitemap_sections(self.site, &self.years, self.input.criteria);
        self.page(
            "sitemap/index.html",
            "sitemap.html",
            json!({ "sections": sections }),
        );
        self.page("search/index.html", "search.html", json!({}));
    }

    /// After every page's text is known.
    pub(super) fn search_index(&mut self) {
        self.out.push(OutFile {
            path: "search-index.js".into(),
            content: OutContent::Bytes(search::build_index(&self.docs).into_bytes()),
        });
    }

    pub(super) fn posters(&mut self) {
        for (path, bytes) in posters::render(self.site) {
            self.out.push(OutFile {
                path,
                content: OutContent::Bytes(bytes),
            });
        }
    }

    /// robots.txt and the news feed (sitemap.xml comes last, see `sitemap_xml`).
    pub(super) fn machine_files(&mut self) {
        self.out.push(OutFile {
            path: "robots.txt".into(),
            content: OutContent::Bytes(feeds::robots(self.base_url).into_bytes()),
        });
        self.out.push(OutFile {
            path: "feed.xml".into(),
            content: OutContent::Bytes(feeds::atom(self.site, self.base_url).into_bytes()),
        });
    }

    /// The theme's static files (not its notes to theme authors) and the station's crest.
    pub(super) fn theme_assets_and_logo(&mut self) {
        for (rel, bytes) in &self.input.theme.assets {
            if rel.ends_with(".md") {
                continue;
            }
            self.out.push(OutFile {
                path: format!("assets/{rel}"),
                content: OutContent::Bytes(bytes.clone()),
            });
        }
        if let Some(logo) = &self.site.config.station.logo {
            self.out.push(OutFile {
                path: view::logo_path(logo),
                content: OutContent::Source(self.site.root.join(logo)),
            });
        }
    }

    /// Last of the jobs: it lists the site's top-level names, which are known once every file is.
    pub(super) fn not_found(&mut self) {
        let cx = notfound::context(self.input.theme, self.base_url, &self.jobs, &self.out);
        self.page("404.html", "404.html", cx);
    }

    /// Every page's template, in parallel; a page that fails is a finding, the others go on.
    pub(super) fn templates(&mut self) {
        let theme = self.input.theme;
        let base_url = self.base_url;
        let base = view::base_context(self.site);
        // The site's absolute address with a trailing slash ("" without base_url), for what must
        // be absolute: the Open Graph image of shared links.
        let abs_root = base_url
            .map(|b| feeds::absolute(b, "index.html"))
            .unwrap_or_default();
        templates::begin_site(theme, &base);
        let rendered: Vec<Result<OutFile, Finding>> = std::mem::take(&mut self.jobs)
            .into_par_iter()
            .with_min_len(crate::memo::parallel_min_len())
            .map(|(path, template, extra)| {
                // 404.html is served in place of any missing page, at any depth: no address of
                // its own, and (with a base URL) links from the site's root rather than from its
                // own folder.
                let not_found = path == "404.html";
                let canonical = base_url
                    .filter(|_| !not_found)
                    .map(|b| feeds::absolute(b, &path))
                    .unwrap_or_default();
                let root = match base_url {
                    Some(b) if not_found => feeds::normalize_base(b),
                    _ => root_of(&path),
                };
                templates::render_page(
                    theme,
                    &path,
                    template,
                    extra,
                    canonical,
                    |extra, canonical| {
                        let mut cx = base.clone();
                        cx.insert("root", &root);
                        cx.insert("page_path", &path);
                        cx.insert("canonical", canonical);
                        cx.insert("abs_root", &abs_root);
                        if let Value::Object(map) = extra {
                            for (k, v) in map {
                                cx.insert(k.clone(), v);
                            }
                        }
                        cx
                    },
                )
                .map(|html| OutFile {
                    path,
                    content: OutContent::Bytes(html),
                })
            })
            .collect();
        for r in rendered {
            match r {
                Ok(f) => self.out.push(f),
                Err(f) => self.errors.push(f),
            }
        }
    }

    /// sitemap.xml lists the rendered pages, so it comes after the template pass; only with a
    /// base URL (a sitemap's addresses must be absolute).
    pub(super) fn sitemap_xml(&mut self) {
        let Some(b) = self.base_url else {
            return;
        };
        let mut pages: Vec<(String, Option<String>)> = self
            .out
            .iter()
            .filter(|f| f.path.ends_with("index.html") && !f.path.starts_with("posters/"))
            .map(|f| (f.path.clone(), self.lastmod.get(&f.path).cloned()))
            .collect();
        pages.sort();
        self.out.push(OutFile {
            path: "sitemap.xml".into(),
            content: OutContent::Bytes(feeds::sitemap(b, &pages).into_bytes()),
        });
    }

    /// The files in path order, or every error found.
    pub(super) fn finish(mut self) -> Result<Vec<OutFile>, Vec<Finding>> {
        if self.errors.is_empty() {
            self.out.sort_by(|a, b| a.path.cmp(&b.path));
            Ok(self.out)
        } else {
            Err(self.errors)
        }
    }
}
