//! Lower-casing for text that is mostly Thai: Thai letters have no case, so text of Thai and
//! ASCII only is lower-cased byte by byte, without `str::to_lowercase`'s per-character table
//! lookups (which were most of a rule's keyword search).

/// Whether `c` is in the Thai block (letters, vowels, tone marks, digits, signs).
pub fn is_thai(c: char) -> bool {
    ('\u{0E00}'..='\u{0E7F}').contains(&c)
}

/// `s.to_lowercase()`, the same result, faster for Thai and ASCII text.
pub fn lowercase(s: &str) -> String {
    let simple = s.chars().all(|c| c.is_ascii() || is_thai(c));
    if simple {
        s.to_ascii_lowercase()
    } else {
        s.to_lowercase()
    }
}
