//! Benchmark 2: `oit::check::check` of the whole example station. The site and its criteria are
//! loaded once (`oit::pipeline::load_site`), outside the timed loop; the check itself, which also
//! reads the Word and Excel attachments for personal data (PDPA), is timed.
use criterion::{Criterion, criterion_group, criterion_main};
use oit::check::{self, CheckOptions};
use std::hint::black_box;

mod common;

fn check_station(c: &mut Criterion) {
    let (site, crits) = common::load_example();
    let opts = CheckOptions {
        as_of: common::as_of(),
        year: None,
    };
    let report = check::check(&site, &crits, &opts);
    assert_eq!(report.years.len(), 1, "the example has one fiscal year");

    let mut g = c.benchmark_group("check");
    g.sample_size(20);
    g.bench_function("example_station", |b| {
        b.iter(|| check::check(black_box(&site), black_box(&crits), &opts))
    });
    g.finish();
}

criterion_group!(benches, check_station);
criterion_main!(benches);
