//! Shared by the benchmarks: the example station (สภ.สอง จ.แพร่) in `content/`, loaded with the
//! same public calls `oit build` makes.
#![allow(dead_code)] // each bench target uses a different part of this module

use oit::content::Site;
use oit::criteria::Criteria;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// The example station's content folder.
pub fn content_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("content")
}

/// The day the checks pretend it is (all six months of the example are due).
pub fn as_of() -> jiff::civil::Date {
    oit::thai::parse_date("2567-05-01").expect("a valid date")
}

/// `oit::pipeline::load_site` of the example station; panics when it cannot be loaded.
pub fn load_example() -> (Site, BTreeMap<u16, Criteria>) {
    match oit::pipeline::load_site(&content_dir(), None) {
        Ok((site, crits, _warnings)) => (site, crits),
        Err(f) => panic!("the example station does not load: {:?}", f.findings),
    }
}
