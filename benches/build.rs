//! Benchmark 5: `oit::pipeline::build` of the example station into a temporary folder, end to
//! end: load, criteria, check, render, link check, write and swap-in.
//! - `fresh_out_dir`: every iteration builds into a new, empty temp folder (attachments are
//!   copied); making and deleting the folder is not timed.
//! - `rebuild_same_out_dir`: every iteration builds into the same folder again, as a webmaster's
//!   repeated `oit build` does; since 3450377 a rebuild hard-links unchanged files from the last
//!   good site instead of copying them.
//!
//! The LSTM cache of `oit::search` lives for the process: only the first build in a process runs
//! the LSTM on the runs the dictionary breaks. That first build is timed once (one sample, printed
//! before the benchmarks); criterion's iterations are builds with the cache warm.
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use oit::pipeline::{self, BuildOptions};
use std::hint::black_box;
use std::path::Path;
use std::time::Instant;

mod common;

fn options(out: &Path) -> BuildOptions {
    BuildOptions {
        content: common::content_dir(),
        criteria: None,
        strict: false,
        as_of: common::as_of(),
        out: out.to_path_buf(),
        base_url: None,
        theme: None,
        // The full build each time (the build cache would keep the first one's output).
        cache: oit::memo::build_cache::Use::Renew,
    }
}

fn build(opts: &BuildOptions) -> usize {
    match pipeline::build(opts) {
        Ok(report) => report.pages,
        Err(f) => panic!("build failed: {:?}", f.findings),
    }
}

fn build_station(c: &mut Criterion) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let opts = options(&tmp.path().join("public"));
    let t = Instant::now();
    let pages = build(&opts);
    eprintln!(
        "one-shot: first build in this process (empty out dir, cold LSTM cache): {:.2?}, {pages} pages",
        t.elapsed(),
    );
    assert!(opts.out.join("ita/2567/o07/index.html").is_file());

    let mut g = c.benchmark_group("build");
    g.sample_size(10);
    g.bench_function("fresh_out_dir", |b| {
        b.iter_batched(
            || tempfile::tempdir().expect("temp dir"),
            |dir| {
                build(&options(black_box(&dir.path().join("public"))));
                dir // deleted after the timing
            },
            BatchSize::PerIteration,
        )
    });
    g.bench_function("rebuild_same_out_dir", |b| {
        b.iter(|| build(black_box(&opts)))
    });
    g.finish();
}

criterion_group!(benches, build_station);
criterion_main!(benches);
