#![no_main]
//! cargo-fuzz target `markdown`; the harness is `checks::markdown` (shared with tests/fuzz_regressions.rs).
#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::markdown(data));
