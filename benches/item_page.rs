//! Benchmark 1: an item page, from its `index.md` to HTML.
//!
//! The steps `oit build` takes for one item are only partly public. Public, and timed one by one
//! on real item pages of the example station: `oit::yaml::split_front_matter`,
//! `oit::yaml::parse::<ItemFront>` and `oit::render::markdown::render`. The rest of loading an
//! item (dates, officers, attachment sniffing, tables) is the private `Cx::load_item`, so the
//! nearest public function, `oit::content::load` of the whole station, is timed instead. The
//! item page's template context comes from the private `render::view::{base_context,item_view}`,
//! so the rendering of `item.html` is timed through `oit::render::render_site` of the whole
//! station (every page, the search index, posters, table `.xlsx` copies; nothing written).
//! The first `render_site` (before the timed loop) fills the process-wide LSTM cache of
//! `oit::search`, so the timed renders segment with the cache warm.
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use oit::content::ItemFront;
use oit::render::markdown::{self, LinkContext};
use oit::render::{RenderInput, templates};
use oit::yaml;
use std::collections::HashMap;
use std::hint::black_box;
use std::path::Path;

mod common;

/// O7 has the heaviest front matter (12 monthly attachments); O3 the longest Markdown body.
const ITEMS: [(u32, &str); 2] = [(7, "o07"), (3, "o03")];

fn front_matter_and_markdown(c: &mut Criterion) {
    let (site, _crits) = common::load_example();
    let mut g = c.benchmark_group("item_page");
    for (number, folder) in ITEMS {
        let rel = format!("ita/2567/{folder}/index.md");
        let text = std::fs::read_to_string(common::content_dir().join(&rel)).expect("item page");
        let rel = Path::new(&rel);
        let item = &site.years[&2567].items[&number];
        let files: HashMap<String, String> = item
            .files
            .iter()
            .map(|f| (f.rel.clone(), f.out.clone()))
            .collect();
        let cx = LinkContext {
            root: "../../../",
            files: &files,
            allow_html: site.config.allow_html,
        };
        let fm = yaml::split_front_matter(&text, rel).expect("front matter");

        g.bench_with_input(
            BenchmarkId::new("split_front_matter", folder),
            &text,
            |b, text| b.iter(|| yaml::split_front_matter(black_box(text), rel).ok()),
        );
        g.bench_with_input(
            BenchmarkId::new("yaml_item_front", folder),
            &fm.yaml,
            |b, y| b.iter(|| yaml::parse::<ItemFront>(black_box(y), rel, fm.yaml_line).ok()),
        );
        g.bench_with_input(
            BenchmarkId::new("markdown_to_html", folder),
            &fm.body,
            |b, body| b.iter(|| markdown::render(black_box(body), &cx)),
        );
        g.bench_with_input(
            BenchmarkId::new("split_yaml_markdown", folder),
            &text,
            |b, text| {
                b.iter(|| {
                    let fm = yaml::split_front_matter(black_box(text), rel).expect("front matter");
                    let front: ItemFront =
                        yaml::parse(fm.yaml, rel, fm.yaml_line).expect("valid front matter");
                    (front, markdown::render(fm.body, &cx))
                })
            },
        );
    }
    g.finish();
}

fn whole_station(c: &mut Criterion) {
    let dir = common::content_dir();
    let (site, crits) = common::load_example();
    let theme = templates::load_theme(None).unwrap_or_else(|f| panic!("theme: {f:?}"));
    let input = RenderInput {
        site: &site,
        criteria: &crits,
        theme: &theme,
    };
    // Fails loudly here rather than timing an error path.
    let pages = oit::render::render_site(&input).unwrap_or_else(|f| panic!("render: {f:?}"));
    assert!(pages.iter().any(|f| f.path == "ita/2567/o07/index.html"));

    let mut g = c.benchmark_group("item_page_station");
    g.sample_size(10);
    g.bench_function("content_load", |b| {
        b.iter(|| oit::content::load(black_box(&dir)))
    });
    g.bench_function("load_theme", |b| {
        b.iter(|| templates::load_theme(None).ok())
    });
    g.bench_function("render_site", |b| {
        b.iter(|| oit::render::render_site(black_box(&input)))
    });
    g.finish();
}

criterion_group!(benches, front_matter_and_markdown, whole_station);
criterion_main!(benches);
