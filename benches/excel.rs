//! Benchmark 3: `oit::documents::excel::read_preview` on real `.xlsx` attachments of the example
//! station. It sniffs the file (size, zip structure, real format) and then reads the first sheet
//! with calamine on an isolated thread. 30 rows is what an item page shows (`PREVIEW_ROWS` in
//! src/render/view.rs), 5,000 what the PDPA check reads (`SHEET_ROWS` in
//! src/check/personal_data.rs).
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use oit::documents::excel::read_preview;
use std::hint::black_box;

mod common;

const FILES: [(&str, &str); 2] = [
    ("o11-statistics", "ita/2567/o11/2566-10/statistics.xlsx"),
    (
        "o12-budget-report",
        "ita/2567/o12/budget-report-2567-h1.xlsx",
    ),
];

fn excel_preview(c: &mut Criterion) {
    let mut g = c.benchmark_group("excel");
    for (label, rel) in FILES {
        let path = common::content_dir().join(rel);
        let preview = read_preview(&path, 30).unwrap_or_else(|e| panic!("{rel}: {e:?}"));
        assert!(!preview.rows.is_empty(), "{rel} has no rows");
        for rows in [30, 5_000] {
            g.bench_with_input(
                BenchmarkId::new(format!("read_preview_{rows}_rows"), label),
                &path,
                |b, path| b.iter(|| read_preview(black_box(path), rows)),
            );
        }
    }
    g.finish();
}

criterion_group!(benches, excel_preview);
criterion_main!(benches);
