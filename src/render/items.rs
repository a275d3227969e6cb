//! The pages of a fiscal year's items, made in parallel: each item's page, search entry, table
//! `.xlsx` copies and attachments depend only on the item, its two neighbours and the site, so
//! they are independent of each other, and for `serve` an unchanged item is a lookup.
use super::view;
use super::{Job, OutContent, OutFile, folder_body_html, item_path};
use crate::content::{Item, Site};
use crate::criteria::Criteria;
use crate::diagnostics::Finding;
use crate::memo::Keyed;
use crate::search;
use rayon::prelude::*;
use serde_json::json;
use std::collections::BTreeMap;
use std::sync::Arc;

/// What an item contributes to the site: its page, search entry and files.
#[derive(Clone)]
pub(super) struct ItemPage {
    pub(super) job: Job,
    /// The item's update date, for the sitemap's `lastmod`.
    pub(super) updated: Option<String>,
    pub(super) doc: search::Doc,
    pub(super) files: Vec<OutFile>,
    pub(super) errors: Vec<Finding>,
}

/// The pages of `items` (one fiscal year's, in order), in the same order.
pub(super) fn year_items(
    site: &Site,
    criteria: Option<&Criteria>,
    year: u16,
    items: &[&Item],
    site_stamp: Option<&Arc<str>>,
) -> Vec<ItemPage> {
    (0..items.len())
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
                .cloned()
                .zip(items[i].stamp.clone())
                .map(|(s, it)| (s, it, title(i.checked_sub(1)), title(Some(i + 1))));
            let make = || item_page(site, criteria, year, items, i);
            match key {
                Some(key) => ITEMS.get_or(&item_path(year, items[i].number), key, |_| make()),
                None => make(),
            }
        })
        .collect()
}

/// For `serve`: names everything an item's page depends on besides its own folder and its
/// neighbours (the site's stamp and the criteria).
pub(super) fn site_stamp(site: &Site, criteria: &BTreeMap<u16, Criteria>) -> Option<Arc<str>> {
    let criteria: Vec<(u16, u64)> = criteria.iter().map(|(y, c)| (*y, c.generation)).collect();
    site.stamp().map(|s| format!("{s}\u{0}{criteria:?}").into())
}

/// Site and item stamps, previous and next item titles.
type ItemKey = (Arc<str>, Arc<str>, Option<String>, Option<String>);

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
