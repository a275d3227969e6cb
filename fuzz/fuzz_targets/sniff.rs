#![no_main]
//! cargo-fuzz target `sniff`; the harness is `checks::sniff` (shared with tests/fuzz_regressions.rs).
#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(
    init: checks::tolerate_contained_parser_panics(),
    |data: &[u8]| checks::sniff(data)
);
