//! Stage 1 of the pipeline: the content tree → the typed model.
pub mod de;
mod load;
pub mod model;

pub use load::{Loaded, cell, is_email, is_machine_readable_ext, is_phone, load, parse_item_code};
pub use model::*;
