//! Stage 3: the model (plus criteria) → a list of output files. Nothing is written here; the
//! output stage decides how and where.
pub mod feeds;
pub mod markdown;
mod notfound;
pub mod posters;
mod sheet;
pub mod templates;
mod view;

pub use view::{esc, item_title};

use crate::content::{Item, News, Site};
use crate::criteria::Criteria;
use crate::diagnostics::{Finding, Text};
use crate::memo::Keyed;
use crate::search;
use markdown::LinkContext;
use rayon::prelude::*;
use serde_json::{Value, json};
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::Arc;
use templates::Theme;

/// One file of the output site.
#[derive(Debug, Clone)]
pub enum OutContent {
    Bytes(Vec<u8>),
    /// A file of the content tree, published as it is (copied).
    Source(PathBuf),
}

#[derive(Debug, Clone)]
pub struct OutFile {
    /// Relative to the output root, `/`-separated, ASCII.
    pub path: String,
    pub content: OutContent,
}

pub struct RenderInput<'a> {
    pub site: &'a Site,
    /// Criteria per fiscal year, where known.
    pub criteria: &'a BTreeMap<u16, Criteria>,
    pub theme: &'a Theme,
}

/// `ita/2567/o07/index.html`.
pub fn item_path(year: u16, number: u32) -> String {
    format!("ita/{year}/o{number:02}/index.html")
}

/// Relative prefix from a page at `path` to the root.
fn root_of(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

const RESERVED: [&str; 6] = ["ita", "news", "assets", "sitemap", "search", "404"];

pub fn render_site(input: &RenderInput) -> Result<Vec<OutFile>, Vec<Finding>> {
    let site = input.site;
    let mut stages = crate::timings::Stages::new();
    let mut out = Vec::new();
    let mut errors = Vec::new();
    let base = view::base_context(site);
    let base_url = site
        .config
        .base_url
        .as_deref()
        .filter(|b| !b.trim().is_empty());
    // Pages are collected as jobs and rendered in parallel at the end (tera is Sync).
    type Job = (String, &'static str, Arc<Value>);
    let page = |path: &str, template: &'static str, extra: Value, jobs: &mut Vec<Job>| {
        jobs.push((path.to_string(), template, Arc::new(extra)));
    };
    let mut jobs: Vec<Job> = Vec::new();

    let current = site.config.fiscal_year;
    let site_stamp = site_stamp(site, input.criteria);
    let mut lastmod: BTreeMap<String, String> = BTreeMap::new();
    let mut docs: Vec<search::Doc> = Vec::new();
    // Home.
    let intro = site
        .pages
        .iter()
        .find(|p| p.slug == "home")
        .map(|p| render_md(site, &p.body, "", &HashMap::new()));
    page(
        "index.html",
        "home.html",
        json!({
            "year": current,
            "items": view::item_summaries(site, input.criteria.get(&current), current),
            "news": site.news.iter().take(6).map(|n| view::news_summary(site, n)).collect::<Vec<_>>(),
            "intro_html": intro.unwrap_or_default(),
        }),
        &mut jobs,
    );

    // Fiscal years and items.
    let mut years: Vec<u16> = site.years.keys().copied().collect();
    if !years.contains(&current) {
        years.push(current);
    }
    for &year in &years {
        let criteria = input.criteria.get(&year);
        page(
            &format!("ita/{year}/index.html"),
            "year.html",
            json!({
                "year": year,
                "items": view::item_summaries(site, criteria, year),
                "period_label": view::fiscal_period_label(year),
            }),
            &mut jobs,
        );
        let Some(y) = site.years.get(&year) else {
            continue;
        };
        let items: Vec<&Item> = y.items.values().collect();
        // Items are independent of each other: their views, tables and texts in parallel.
        let pages: Vec<ItemPage> = (0..items.len())
            .into_par_iter()
            .with_min_len(crate::memo::parallel_min_len())
            .map(|i| {
                // `serve`: an item whose folder, neighbours and site are as they were makes
                // the same page, table files and search text as last time.
                static ITEMS: Keyed<ItemKey, ItemPage> = Keyed::new();
                // Of the neighbours, the page shows their titles.
                let title = |j: Option<usize>| {
                    j.and_then(|j| items.get(j))
                        .map(|it| view::item_title(it, criteria))
                };
                let key = site_stamp
                    .clone()
                    .zip(items[i].stamp.clone())
                    .map(|(s, it)| (s, it, title(i.checked_sub(1)), title(Some(i + 1))));
                let make = || item_page(site, criteria, year, &items, i);
                match key {
                    Some(key) => ITEMS.get_or(&item_path(year, items[i].number), key, |_| make()),
                    None => make(),
                }
            })
            .collect();
        for p in pages {
            let (path, template, extra) = p.job;
            if let Some(d) = p.updated {
                lastmod.insert(path.clone(), d);
            }
            jobs.push((path, template, extra));
            docs.push(p.doc);
            out.extend(p.files);
            errors.extend(p.errors);
        }
    }

    // Every fiscal year, newest first: older years stay at their URLs.
    let archive: Vec<Value> = years
        .iter()
        .rev()
        .map(|&y| {
            json!({
                "year": y, "url": format!("ita/{y}/index.html"), "period": view::fiscal_period_label(y),
                "current": y == current, "items": site.years.get(&y).map(|x| x.items.len()).unwrap_or(0),
            })
        })
        .collect();
    page(
        "ita/index.html",
        "archive.html",
        json!({ "archive": archive }),
        &mut jobs,
    );

    // News.
    page(
        "news/index.html",
        "news_list.html",
        json!({ "news": site.news.iter().map(|n| view::news_summary(site, n)).collect::<Vec<_>>() }),
        &mut jobs,
    );
    for n in &site.news {
        let path = format!("news/{}/index.html", n.slug);
        lastmod.insert(path.clone(), n.date.to_string());
        let body_html = folder_body_html(site, &n.body, &path, &n.files);
        docs.push(search::Doc {
            t: n.title.clone(),
            c: String::new(),
            u: path.clone(),
            x: markdown::plain_text(&n.body, usize::MAX),
        });
        page(
            &path,
            "news.html",
            {
                let news = view::news_view(site, n, body_html, input.criteria);
                // The lead photo is the picture of the card when the news is shared; without one
                // the key stays unset, so base.html falls back to the station's logo.
                let mut cx = json!({ "news": news, "og_type": "article" });
                if let Some(url) = cx["news"]["photos"][0]["url"].as_str().map(str::to_owned) {
                    cx["og_image"] = Value::String(url);
                }
                cx
            },
            &mut jobs,
        );
        for f in &n.files {
            out.push(OutFile {
                path: format!("news/{}/{}", n.slug, f.out),
                content: OutContent::Source(site.root.join(&n.dir).join(&f.rel)),
            });
        }
    }

    // Ordinary pages.
    for p in &site.pages {
        if p.slug == "home" {
            continue;
        }
        if RESERVED.contains(&p.slug.as_str()) {
            errors.push(
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
        docs.push(search::Doc {
            t: p.title.clone(),
            c: String::new(),
            u: path.clone(),
            x: markdown::plain_text(&p.body, usize::MAX),
        });
        page(
            &path,
            "page.html",
            json!({ "page": { "title": p.title, "body_html": body_html, "slug": p.slug } }),
            &mut jobs,
        );
    }

    page(
        "sitemap/index.html",
        "sitemap.html",
        json!({ "sections": view::sitemap_sections(site, &years, input.criteria) }),
        &mut jobs,
    );

    page("search/index.html", "search.html", json!({}), &mut jobs);
    stages.mark("pages");
    out.push(OutFile {
        path: "search-index.js".into(),
        content: OutContent::Bytes(search::build_index(&docs).into_bytes()),
    });
    stages.mark("search index");

    for (path, bytes) in posters::render(site) {
        out.push(OutFile {
            path,
            content: OutContent::Bytes(bytes),
        });
    }

    stages.mark("posters");
    // Machine files.
    out.push(OutFile {
        path: "robots.txt".into(),
        content: OutContent::Bytes(feeds::robots(base_url).into_bytes()),
    });
    out.push(OutFile {
        path: "feed.xml".into(),
        content: OutContent::Bytes(feeds::atom(site, base_url).into_bytes()),
    });
    // Theme assets and the station's crest.
    for (rel, bytes) in &input.theme.assets {
        if rel.ends_with(".md") {
            continue;
        }
        out.push(OutFile {
            path: format!("assets/{rel}"),
            content: OutContent::Bytes(bytes.clone()),
        });
    }
    if let Some(logo) = &site.config.station.logo {
        out.push(OutFile {
            path: view::logo_path(logo),
            content: OutContent::Source(site.root.join(logo)),
        });
    }

    // Last: it lists the site's top-level names, which are known once every file is.
    page(
        "404.html",
        "404.html",
        notfound::context(input.theme, base_url, &jobs, &out),
        &mut jobs,
    );

    // The site's absolute address with a trailing slash ("" without base_url), for what must be
    // absolute: the Open Graph image of shared links.
    let abs_root = base_url
        .map(|b| feeds::absolute(b, "index.html"))
        .unwrap_or_default();
    templates::begin_site(input.theme, &base);
    let rendered: Vec<Result<OutFile, Finding>> = jobs
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
                input.theme,
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
    stages.mark("templates");
    for r in rendered {
        match r {
            Ok(f) => out.push(f),
            Err(f) => errors.push(f),
        }
    }
    // The sitemap lists the rendered pages, so it comes last.
    if let Some(b) = base_url {
        let mut pages: Vec<(String, Option<String>)> = out
            .iter()
            .filter(|f| f.path.ends_with("index.html") && !f.path.starts_with("posters/"))
            .map(|f| (f.path.clone(), lastmod.get(&f.path).cloned()))
            .collect();
        pages.sort();
        out.push(OutFile {
            path: "sitemap.xml".into(),
            content: OutContent::Bytes(feeds::sitemap(b, &pages).into_bytes()),
        });
    }

    stages.mark("rest");
    stages.print();
    if errors.is_empty() {
        out.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(out)
    } else {
        Err(errors)
    }
}

/// For `serve`: names everything an item's page depends on besides its own folder and its
/// neighbours (the site's stamp and the criteria).
fn site_stamp(site: &Site, criteria: &BTreeMap<u16, Criteria>) -> Option<Arc<str>> {
    let criteria: Vec<(u16, u64)> = criteria.iter().map(|(y, c)| (*y, c.generation)).collect();
    site.stamp().map(|s| format!("{s}\u{0}{criteria:?}").into())
}

/// Site and item stamps, previous and next item titles.
type ItemKey = (Arc<str>, Arc<str>, Option<String>, Option<String>);

/// What an item contributes to the site: its page, search entry and files.
#[derive(Clone)]
struct ItemPage {
    job: (String, &'static str, Arc<Value>),
    updated: Option<String>,
    doc: search::Doc,
    files: Vec<OutFile>,
    errors: Vec<Finding>,
}

fn item_page(
    site: &Site,
    criteria: Option<&Criteria>,
    year: u16,
    items: &[&Item],
    i: usize,
) -> ItemPage {
    let item = items[i];
    let path = item_path(year, item.number);
    let body_html = folder_body_html(site, &item.body, &path, &item.files);
    let neighbour = |it: Option<&&Item>| {
        it.map(|it| json!({"code": it.code, "title": view::item_title(it, criteria), "url": item_path(year, it.number)}))
    };
    let doc = search::Doc {
        t: view::item_title(item, criteria),
        c: item.code.clone(),
        u: path.clone(),
        x: view::item_search_text(item),
    };
    let view = view::item_view(
        site,
        item,
        criteria,
        body_html,
        neighbour(i.checked_sub(1).and_then(|j| items.get(j))),
        neighbour(items.get(i + 1)),
    );
    let dir = format!("ita/{year}/o{:02}", item.number);
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for t in &item.tables {
        let sheet = if t.title.is_empty() {
            t.file.clone()
        } else {
            t.title.clone()
        };
        let path = format!("{dir}/{}", view::table_xlsx_name(item, t));
        match crate::memo::table_xlsx(&path, t, &sheet) {
            Ok(bytes) => out.push(OutFile {
                path,
                content: OutContent::Bytes(bytes),
            }),
            Err(e) => errors.push(
                Finding::error("xlsx", e)
                    .file(&item.dir.join(&t.file))
                    .item(&item.code),
            ),
        }
    }
    for f in &item.files {
        out.push(OutFile {
            path: format!("{dir}/{}", f.out),
            content: OutContent::Source(site.root.join(&item.dir).join(&f.rel)),
        });
    }
    ItemPage {
        updated: item.updated.map(|d| d.to_string()),
        job: (path, "item.html", Arc::new(json!({ "item": view }))),
        doc,
        files: out,
        errors,
    }
}

/// The HTML of the body of the page at `path` whose folder holds `files` (links to them are
/// rewritten to their published names).
fn folder_body_html(
    site: &Site,
    body: &str,
    path: &str,
    files: &[crate::content::FileInfo],
) -> String {
    let files: HashMap<String, String> = files
        .iter()
        .map(|f| (f.rel.clone(), f.out.clone()))
        .collect();
    render_md(site, body, &root_of(path), &files)
}

fn render_md(site: &Site, body: &str, root: &str, files: &HashMap<String, String>) -> String {
    let html = |body: &str| {
        markdown::render(
            body,
            &LinkContext {
                root,
                files,
                allow_html: site.config.allow_html,
            },
        )
    };
    if !crate::memo::enabled() {
        return html(body);
    }
    // `serve`: by everything the HTML depends on.
    static BODIES: crate::memo::TextMemo<String> = crate::memo::TextMemo::new(10_000);
    let mut names: Vec<_> = files.iter().collect();
    names.sort_unstable();
    let key = format!(
        "{root}\u{0}{}\u{0}{names:?}\u{0}{body}",
        site.config.allow_html
    );
    BODIES.get_or(&key, || html(body))
}

/// News that name `item` and fall in its fiscal year, newest first.
pub fn news_for_item<'a>(site: &'a Site, item: &Item) -> Vec<&'a News> {
    site.news
        .iter()
        .filter(|n| n.items.iter().any(|c| c == &item.code))
        .filter(|n| {
            crate::thai::FiscalYear::of_date(n.date).map(|f| f.be_year()) == Some(item.year)
        })
        .collect()
}
