//! Published files: what they really are (`sniff`), the .xlsx the build writes for every data
//! table (`xlsx`), previews of spreadsheets (`excel`) and the text of Word files (`docx`).
//!
//! Everything that parses a file someone uploaded is bounded (file size, decompressed bytes,
//! zip entries) and isolated (panics caught, parsers on their own big-stack thread), so a
//! crafted or broken file is a finding, never a crash or a hang.
use crate::criteria::Format;

/// Name of the threads that run third-party parsers (their panics are caught and reported).
pub const PARSER_THREAD: &str = "oit-document-parser";

pub mod docx;
pub mod excel;
mod isolate;
mod ole;
mod pdf;
pub mod sniff;
mod text;
pub mod xlsx;
mod zipread;

pub use sniff::{FileFacts, Kind, Limits, sniff, sniff_with};

/// The format a file name claims by its extension (without the dot, any case).
pub fn format_of_ext(ext: &str) -> Option<Format> {
    match ext.to_ascii_lowercase().as_str() {
        "pdf" => Some(Format::Pdf),
        "docx" | "doc" | "odt" => Some(Format::Word),
        "xlsx" | "xls" | "ods" | "csv" => Some(Format::Excel),
        "jpg" | "jpeg" | "png" | "webp" | "gif" => Some(Format::Image),
        _ => None,
    }
}

/// The format of a file path (by its extension).
pub fn format_of(path: &str) -> Option<Format> {
    let ext = path.rsplit_once('.').map(|(_, e)| e)?;
    format_of_ext(ext)
}

/// The local part of an XML name (`w:t` → `t`): documents use varying namespace prefixes.
pub(crate) fn xml_local_name(name: &str) -> &str {
    name.rsplit_once(':').map_or(name, |(_, local)| local)
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn formats_by_extension() {
        assert_eq!(format_of("a/b.PDF"), Some(Format::Pdf));
        assert_eq!(format_of("x.docx"), Some(Format::Word));
        assert_eq!(format_of("x.xlsx"), Some(Format::Excel));
        assert_eq!(format_of("x"), None);
        assert_eq!(format_of("x.zip"), None);
    }

    #[test]
    fn local_names() {
        assert_eq!(xml_local_name("w:t"), "t");
        assert_eq!(xml_local_name("sheet"), "sheet");
    }
}
