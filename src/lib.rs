//! oit: the static site generator and checker for the OIT websites of Thai police stations.
//! Pipeline: `content` (load) → `criteria` → `render` → `output` (write), driven by `pipeline`.

// `Finding` is large (bilingual message, hint, location, officers) and is the error type almost
// everywhere; errors are rare, so boxing each one would add noise and no speed.
#![allow(clippy::result_large_err)]
pub mod check;
pub mod cli;
pub mod content;
pub mod criteria;
pub mod diagnostics;
pub mod documents;
pub mod edit;
pub mod embedded;
pub mod export;
pub mod memo;
pub mod names;
pub mod os_error;
pub mod output;
pub mod pdpa;
pub mod pipeline;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod sites;
pub mod suggest;
pub mod thai;
pub mod timings;
pub mod yaml;
