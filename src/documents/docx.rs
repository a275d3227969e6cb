//! Plain text of Word (.docx) files, for search and the PDPA scan: the `w:t` runs of the main
//! document part, one line per paragraph, read with bounded decompression.
use std::io::BufReader;
use std::path::Path;

use quick_xml::events::Event;

use super::sniff::{Kind, Limits, ooxml_main, zip_problem};
use super::xml_local_name;
use super::zipread::BoundedZip;
use crate::diagnostics::Text;

/// The text of a .docx: paragraphs as lines, tabs and line breaks kept, at most `max_bytes`
/// bytes (cut at a character boundary). Deleted text and field codes are left out.
pub fn text(path: &Path, max_bytes: usize) -> Result<String, Text> {
    let limits = Limits::default();
    let bytes = std::fs::metadata(path)
        .map(|m| m.len())
        .map_err(|e| crate::os_error::cannot_read(&e))?;
    let mut zip = BoundedZip::open(path, &limits.zip()).map_err(|p| zip_problem(&p, bytes))?;
    let part = match ooxml_main(&mut zip).map_err(|p| zip_problem(&p, bytes))? {
        Some((Kind::Docx, part, _)) => part,
        _ => {
            return Err(Text::new(
                "ไฟล์นี้ไม่ใช่เอกสาร Word (.docx)",
                "the file is not a Word document (.docx)",
            ));
        }
    };
    let out = zip
        .with_entry(&part, limits.zip_read_budget, |r| {
            Ok(extract(BufReader::new(r), max_bytes))
        })
        .map_err(|p| zip_problem(&p, bytes))?;
    out.ok_or_else(|| cannot_read("main part missing"))
}

fn cannot_read(why: &str) -> Text {
    Text::new(
        format!("อ่านข้อความในไฟล์ Word ไม่ได้: {why}"),
        format!("cannot read the Word file's text: {why}"),
    )
}

/// Walks WordprocessingML, collecting text until `max_bytes`.
fn extract<R: std::io::BufRead>(input: R, max_bytes: usize) -> String {
    let mut reader = quick_xml::Reader::from_reader(input);
    let mut buf = Vec::new();
    let mut out = String::new();
    let mut in_text = false; // inside <w:t>
    let mut run_depth = 0usize; // inside <w:r>: tabs and breaks there are content, elsewhere settings
    while out.len() < max_bytes {
        let event = match reader.read_event_into(&mut buf) {
            Ok(Event::Eof) | Err(_) => break,
            Ok(e) => e,
        };
        match event {
            Event::Start(e) => match xml_local_name(e.name().as_ref()) {
                "t" => in_text = true,
                "r" => run_depth += 1,
                _ => {}
            },
            Event::Empty(e) => match xml_local_name(e.name().as_ref()) {
                "tab" if run_depth > 0 => out.push('\t'),
                "br" | "cr" if run_depth > 0 => out.push('\n'),
                "p" => out.push('\n'),
                _ => {}
            },
            Event::End(e) => match xml_local_name(e.name().as_ref()) {
                "t" => in_text = false,
                "r" => run_depth = run_depth.saturating_sub(1),
                "p" => out.push('\n'),
                // Table cells end like a tab so that a row reads as one line-ish record.
                "tc" if out.ends_with('\n') => {
                    out.pop();
                    out.push('\t');
                }
                "tr" => {
                    if out.ends_with('\t') {
                        out.pop();
                    }
                    out.push('\n');
                }
                _ => {}
            },
            Event::Text(t) if in_text => out.push_str(&t.xml10_content()),
            Event::CData(t) if in_text => out.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if in_text => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    out.push(c);
                } else if let Some(s) = quick_xml::escape::resolve_predefined_entity(&r) {
                    out.push_str(s);
                }
            }
            _ => {}
        }
        buf.clear();
    }
    if out.len() > max_bytes {
        let mut cut = max_bytes;
        while !out.is_char_boundary(cut) {
            cut -= 1;
        }
        out.truncate(cut);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_runs_tabs_and_tables() {
        let xml = r#"<?xml version="1.0"?>
<w:document xmlns:w="x"><w:body>
<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>
<w:r><w:t>เลขประจำตัว</w:t></w:r><w:r><w:tab/><w:t xml:space="preserve"> 1 &amp; 2</w:t></w:r></w:p>
<w:p><w:r><w:t>บรรทัด</w:t><w:br/><w:t>ถัดไป</w:t><w:delText>ลบแล้ว</w:delText></w:r></w:p>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>ก</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>ข</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
<w:p/>
</w:body></w:document>"#;
        assert_eq!(
            extract(xml.as_bytes(), 10_000),
            "เลขประจำตัว\t 1 & 2\nบรรทัด\nถัดไป\nก\tข\n\n"
        );
        // Cut on a character boundary.
        assert_eq!(extract(xml.as_bytes(), 4), "เ");
    }
}
