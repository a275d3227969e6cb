//! Benchmark 4: the Thai search index.
//!
//! `oit::search::segment` splits each Thai run with ICU4X's dictionary segmenter and falls back to
//! the LSTM model only where the dictionary visibly breaks a run (see src/search/mod.rs). Two real
//! texts of the example station, the plain text of an item body as the index sees it
//! (`oit::render::markdown::plain_text`):
//! - O18: 52 Thai runs, none broken by the dictionary: dictionary only;
//! - O21: 29 Thai runs, 5 broken by the dictionary (ผลการ…): their broken stretches go to the LSTM.
//!
//! The LSTM's answers are cached for the whole process (private `search::lstm_words`), so only
//! the first `segment` of O21 in a process pays the LSTM; criterion's timed loop sees the cached
//! path. That first call is timed once (one sample, not a criterion estimate) and printed before
//! the benchmarks. To show what a cache miss costs, the ICU4X segmenters themselves (a normal
//! dependency of oit) are also timed on the whole O21 text, dictionary against LSTM.
//!
//! `oit::search::build_index` is timed on the documents the build indexes for the example
//! station, taken from the `search-index.js` that `oit::render::render_site` produces (the list
//! is made by private code in `render_site`). The LSTM cache is warm by then.
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use icu_segmenter::WordSegmenter;
use icu_segmenter::options::WordBreakInvariantOptions;
use oit::render::markdown::plain_text;
use oit::render::{RenderInput, templates};
use oit::search::{self, Doc};
use std::hint::black_box;
use std::time::Instant;

mod common;

/// Plain text of an item body of the example station, as the search index reads it.
fn item_text(site: &oit::content::Site, number: u32) -> String {
    plain_text(&site.years[&2567].items[&number].body, usize::MAX)
}

fn segment(c: &mut Criterion) {
    let (site, _) = common::load_example();
    let clean = item_text(&site, 18);
    let fallback = item_text(&site, 21);

    // One cold call each, before anything in this process has filled the LSTM cache.
    for (label, text) in [
        ("O18 (dictionary only)", &clean),
        ("O21 (LSTM fallback)", &fallback),
    ] {
        let t = Instant::now();
        let words = search::segment(text);
        let cold = t.elapsed();
        let t = Instant::now();
        let again = search::segment(text);
        let warm = t.elapsed();
        assert_eq!(words, again);
        eprintln!(
            "one-shot: segment {label}: {} chars, {} words; first call {cold:.2?}, second call {warm:.2?}",
            text.chars().count(),
            words.len()
        );
    }

    let mut g = c.benchmark_group("search_segment");
    g.bench_with_input(
        BenchmarkId::new("segment", "o18-dictionary"),
        &clean,
        |b, t| b.iter(|| search::segment(black_box(t))),
    );
    g.bench_with_input(
        BenchmarkId::new("segment", "o21-fallback-cached"),
        &fallback,
        |b, t| b.iter(|| search::segment(black_box(t))),
    );
    // What segment pays on a cache miss, per run: the ICU4X segmenters on the whole O21 text.
    let count = |seg: &icu_segmenter::WordSegmenterBorrowed<'static>, text: &str| {
        seg.segment_str(text).count()
    };
    type Make = fn(WordBreakInvariantOptions) -> icu_segmenter::WordSegmenterBorrowed<'static>;
    let segmenters: [(&str, Make); 2] = [
        ("icu_dictionary_whole_text", WordSegmenter::new_dictionary),
        ("icu_lstm_whole_text", WordSegmenter::new_lstm),
    ];
    for (name, make) in segmenters {
        g.bench_with_input(BenchmarkId::new(name, "o21"), &fallback, |b, t| {
            b.iter(|| count(&make(WordBreakInvariantOptions::default()), black_box(t)))
        });
    }
    g.finish();
}

/// The documents the build indexes, read back from the `search-index.js` it renders.
fn station_docs() -> Vec<Doc> {
    let (site, crits) = common::load_example();
    let theme = templates::load_theme(None).unwrap_or_else(|f| panic!("theme: {f:?}"));
    let files = oit::render::render_site(&RenderInput {
        site: &site,
        criteria: &crits,
        theme: &theme,
    })
    .unwrap_or_else(|f| panic!("render: {f:?}"));
    let js = files
        .iter()
        .find(|f| f.path == "search-index.js")
        .and_then(|f| match &f.content {
            oit::render::OutContent::Bytes(b) => std::str::from_utf8(b).ok(),
            oit::render::OutContent::Source(_) => None,
        })
        .expect("search-index.js");
    let json = js
        .trim_end()
        .strip_prefix("window.OIT_SEARCH=")
        .and_then(|j| j.strip_suffix(';'))
        .expect("window.OIT_SEARCH={...};")
        .replace("<\\/", "</");
    let index: serde_json::Value = serde_json::from_str(&json).expect("index JSON");
    let field = |d: &serde_json::Value, k: &str| d[k].as_str().unwrap_or_default().to_string();
    let docs: Vec<Doc> = index["docs"]
        .as_array()
        .expect("docs")
        .iter()
        .map(|d| Doc {
            t: field(d, "t"),
            c: field(d, "c"),
            u: field(d, "u"),
            x: field(d, "x"),
        })
        .collect();
    // The index keeps 4,000 characters of each text; a longer one would come back cut.
    assert!(
        docs.iter().all(|d| d.x.chars().count() < 4000),
        "a text was cut"
    );
    docs
}

fn build_index(c: &mut Criterion) {
    let docs = station_docs();
    let chars: usize = docs
        .iter()
        .map(|d| d.t.chars().count() + d.x.chars().count())
        .sum();
    eprintln!("build_index input: {} docs, {chars} chars", docs.len());
    let mut g = c.benchmark_group("search_index");
    g.sample_size(20);
    g.bench_function("build_index/example_station", |b| {
        b.iter(|| search::build_index(black_box(&docs)))
    });
    g.finish();
}

criterion_group!(benches, segment, build_index);
criterion_main!(benches);
