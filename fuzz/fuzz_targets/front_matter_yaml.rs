#![no_main]
//! cargo-fuzz target `front_matter_yaml`; the harness is `checks::front_matter_yaml` (shared with tests/fuzz_regressions.rs).
#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::front_matter_yaml(data));
