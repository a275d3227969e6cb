//! Plain-text files: telling HTML, CSV and other text apart, and decoding the encodings Thai
//! offices actually produce (UTF-8, UTF-16 from Excel's "Unicode Text", and Windows-874 from
//! Excel's plain "CSV" on a Thai Windows).

/// A text encoding found by [`detect_encoding`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Encoding {
    Utf8 {
        bom: bool,
    },
    Utf16Le,
    Utf16Be,
    /// Thai Windows code page (a superset of TIS-620).
    Windows874,
}

/// What kind of text a sample is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TextKind {
    Html,
    /// Delimited values, with the delimiter.
    Csv(char),
    Plain,
}

/// The encoding of `sample` if it is text at all. `complete` says the sample is the whole file
/// (otherwise a multi-byte character may be cut at its end).
pub(crate) fn detect_encoding(sample: &[u8], complete: bool) -> Option<Encoding> {
    if sample.starts_with(&[0xFF, 0xFE]) {
        return Some(Encoding::Utf16Le);
    }
    if sample.starts_with(&[0xFE, 0xFF]) {
        return Some(Encoding::Utf16Be);
    }
    let (bom, body) = match sample.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        Some(rest) => (true, rest),
        None => (false, sample),
    };
    let control =
        |b: u8| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C | 0x1A)) || b == 0x7F;
    if body.iter().any(|&b| control(b)) {
        return None;
    }
    match std::str::from_utf8(body) {
        Ok(_) => return Some(Encoding::Utf8 { bom }),
        // A character cut at the end of a partial sample is still UTF-8.
        Err(e) if !complete && e.error_len().is_none() => return Some(Encoding::Utf8 { bom }),
        Err(_) if bom => return None,
        Err(_) => {}
    }
    // Not UTF-8: Windows-874 if every high byte is a defined Thai code-page character.
    body.iter()
        .all(|&b| b < 0x80 || win874(b) != '\u{FFFD}')
        .then_some(Encoding::Windows874)
}

/// Decodes bytes in `enc` (invalid sequences become U+FFFD); a BOM is dropped.
pub(crate) fn decode(bytes: &[u8], enc: Encoding) -> String {
    match enc {
        Encoding::Utf8 { .. } => {
            String::from_utf8_lossy(bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes))
                .into_owned()
        }
        Encoding::Utf16Le | Encoding::Utf16Be => {
            let body = bytes.get(2..).unwrap_or_default();
            let units = body.chunks_exact(2).map(|c| match enc {
                Encoding::Utf16Le => u16::from_le_bytes([c[0], c[1]]),
                _ => u16::from_be_bytes([c[0], c[1]]),
            });
            char::decode_utf16(units)
                .map(|r| r.unwrap_or('\u{FFFD}'))
                .collect()
        }
        Encoding::Windows874 => bytes
            .iter()
            .map(|&b| if b < 0x80 { b as char } else { win874(b) })
            .collect(),
    }
}

/// One high byte of Windows-874.
fn win874(b: u8) -> char {
    match b {
        0x80 => '€',
        0x85 => '…',
        0x91 => '‘',
        0x92 => '’',
        0x93 => '“',
        0x94 => '”',
        0x95 => '•',
        0x96 => '–',
        0x97 => '—',
        0xA0 => '\u{A0}',
        // Thai letters and marks sit at U+0E00 + (byte - 0xA0).
        0xA1..=0xDA | 0xDF..=0xFB => {
            char::from_u32(0x0E00 + u32::from(b - 0xA0)).unwrap_or('\u{FFFD}')
        }
        _ => '\u{FFFD}',
    }
}

/// Classifies decoded text. `complete` as in [`detect_encoding`].
pub(crate) fn classify(text: &str, complete: bool) -> TextKind {
    let head: String = text
        .trim_start_matches(['\u{FEFF}', ' ', '\t', '\r', '\n'])
        .chars()
        .take(1024)
        .collect();
    let lower = head.to_lowercase();
    const HTML_STARTS: [&str; 7] = [
        "<!doctype html",
        "<html",
        "<head",
        "<body",
        "<meta",
        "<title",
        "<script",
    ];
    if HTML_STARTS.iter().any(|s| lower.starts_with(s))
        || (lower.starts_with('<') && (lower.contains("<html") || lower.contains("<body")))
    {
        return TextKind::Html;
    }
    let mut records = split_records(text);
    if !complete && records.len() > 1 {
        records.pop(); // the last record may be cut
    }
    let records: Vec<&str> = records
        .into_iter()
        .filter(|r| !r.trim().is_empty())
        .take(30)
        .collect();
    if records.len() >= 2 {
        for delim in [',', '\t', ';', '|'] {
            let first = count_outside_quotes(records[0], delim);
            if first >= 1
                && records
                    .iter()
                    .all(|r| count_outside_quotes(r, delim) == first)
            {
                return TextKind::Csv(delim);
            }
        }
    }
    TextKind::Plain
}

/// Splits text into records at line ends outside double quotes.
fn split_records(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut start, mut quoted) = (0, false);
    for (i, c) in text.char_indices() {
        match c {
            '"' => quoted = !quoted,
            '\n' if !quoted => {
                out.push(text[start..i].trim_end_matches('\r'));
                start = i + 1;
            }
            _ => {}
        }
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

fn count_outside_quotes(record: &str, delim: char) -> usize {
    let mut quoted = false;
    record
        .chars()
        .filter(|&c| {
            if c == '"' {
                quoted = !quoted;
            }
            c == delim && !quoted
        })
        .count()
}

/// Parses delimited text into at most `max_rows` rows; `true` when rows were left out.
pub(crate) fn parse_csv(text: &str, delim: char, max_rows: usize) -> (Vec<Vec<String>>, bool) {
    let mut rows: Vec<Vec<String>> = Vec::new();
    for record in split_records(text) {
        if record.trim().is_empty() {
            continue;
        }
        if rows.len() == max_rows {
            return (rows, true);
        }
        let mut fields = Vec::new();
        let mut field = String::new();
        let mut quoted = false;
        let mut chars = record.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '"' if quoted && chars.peek() == Some(&'"') => {
                    field.push('"');
                    chars.next();
                }
                '"' => quoted = !quoted,
                c if c == delim && !quoted => fields.push(std::mem::take(&mut field)),
                '\r' if !quoted => {}
                c => field.push(c),
            }
        }
        fields.push(field);
        rows.push(fields);
    }
    (rows, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings() {
        assert_eq!(
            detect_encoding("ก,ข\n".as_bytes(), true),
            Some(Encoding::Utf8 { bom: false })
        );
        // "ก" cut in the middle at the end of a partial sample.
        assert_eq!(
            detect_encoding(&"กข".as_bytes()[..4], false),
            Some(Encoding::Utf8 { bom: false })
        );
        assert_eq!(
            detect_encoding(&[0xA1, b',', 0xA2, b'\n'], true),
            Some(Encoding::Windows874)
        );
        assert_eq!(decode(&[0xA1, b',', 0xA2], Encoding::Windows874), "ก,ข");
        assert_eq!(
            decode(&[0xE0, 0xB8, 0x81, 0xF1], Encoding::Windows874),
            "เธ\u{FFFD}๑"
        );
        assert_eq!(detect_encoding(&[0, 1, 2, 3], true), None);
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("ก\tข".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(detect_encoding(&utf16, true), Some(Encoding::Utf16Le));
        assert_eq!(decode(&utf16, Encoding::Utf16Le), "ก\tข");
    }

    #[test]
    fn kinds() {
        assert_eq!(classify("<!DOCTYPE html><html>", true), TextKind::Html);
        assert_eq!(classify("\n  <HTML lang=th>", true), TextKind::Html);
        assert_eq!(
            classify("a,b,c\n1,\"2,5\",3\n4,5,6\n", true),
            TextKind::Csv(',')
        );
        assert_eq!(classify("a\tb\n1\t2\n", true), TextKind::Csv('\t'));
        assert_eq!(
            classify("hello, world\nno commas here\n", true),
            TextKind::Plain
        );
        assert_eq!(classify("one line, only", true), TextKind::Plain);
    }

    #[test]
    fn csv_parsing() {
        let (rows, cut) = parse_csv(
            "ชื่อ,\"ยอด, บาท\"\r\nก,\"1,000\"\n\nข,\"say \"\"hi\"\"\"\n",
            ',',
            10,
        );
        assert_eq!(
            rows,
            vec![
                vec!["ชื่อ", "ยอด, บาท"],
                vec!["ก", "1,000"],
                vec!["ข", "say \"hi\""]
            ]
        );
        assert!(!cut);
        let (rows, cut) = parse_csv("a\nb\nc\n", ',', 2);
        assert_eq!(rows.len(), 2);
        assert!(cut);
    }
}
