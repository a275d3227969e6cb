#![no_main]
//! cargo-fuzz target `dates`; the harness is `checks::dates` (shared with tests/fuzz_regressions.rs).
#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::dates(data));
