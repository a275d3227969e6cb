//! What a published file is. For now the format is decided conservatively from the extension,
//! behind this one function, so content sniffing (PDF header, OOXML parts) can replace it without
//! touching the rules.
use crate::criteria::Format;

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
}
