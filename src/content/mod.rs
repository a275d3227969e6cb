//! Stage 1 of the pipeline: the content tree → the typed model.
pub mod de;
mod load;
pub mod model;

pub use load::{Loaded, is_machine_readable_ext, load, parse_item_code};
pub use model::*;
