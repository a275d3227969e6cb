//! Stage 3: the model (plus criteria) → a list of output files: pages, the search index,
//! posters, machine files (robots.txt, the feed, sitemap.xml) and theme assets alike. Nothing is
//! written here; the output stage decides how and where.
pub mod feeds;
mod items;
pub mod markdown;
mod notfound;
pub mod posters;
mod sheet;
mod site;
pub mod templates;
mod view;

pub use view::{esc, item_title};

use crate::content::{Item, News, Site};
use crate::criteria::Criteria;
use crate::diagnostics::Finding;
use markdown::LinkContext;
use serde_json::Value;
use site::SiteRender;
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

/// A page waiting for the template pass: its path, template and own context (shared, so a page
/// `serve` remembers is compared by pointer).
type Job = (String, &'static str, Arc<Value>);

/// Every file of the site, or every error that stops it. The sections run in this order because
/// later ones read what earlier ones made (see `site`); the timings name the slow parts.
pub fn render_site(input: &RenderInput) -> Result<Vec<OutFile>, Vec<Finding>> {
    let mut stages = crate::timings::Stages::new();
    let mut site = SiteRender::new(input);
    site.home();
    site.years_and_items();
    site.archive();
    site.news();
    site.pages();
    site.sitemap_and_search_pages();
    stages.mark("pages");
    site.search_index();
    stages.mark("search index");
    site.posters();
    stages.mark("posters");
    site.machine_files();
    site.theme_assets_and_logo();
    site.not_found();
    site.templates();
    stages.mark("templates");
    site.sitemap_xml();
    stages.mark("rest");
    stages.print();
    site.finish()
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
