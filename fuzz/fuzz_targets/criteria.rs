#![no_main]
//! cargo-fuzz target `criteria`; the harness is `checks::criteria` (shared with tests/fuzz_regressions.rs).
#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::criteria(data));
