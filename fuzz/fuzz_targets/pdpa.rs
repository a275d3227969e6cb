#![no_main]
//! cargo-fuzz target `pdpa`; the harness is `checks::pdpa` (shared with tests/fuzz_regressions.rs).
#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::pdpa(data));
