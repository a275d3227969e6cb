//! The PDPA guard: published text must not carry Thai national ID numbers. Scans Markdown, front
//! matter, data tables, Word and Excel attachments (PDF text is not read: no light extractor
//! handles Thai PDFs reliably). Numbers in `pdpa_allow` of site.yaml (e.g. a company's tax ID
//! in a procurement table) are accepted.
use crate::content::{Item, Site};
use crate::criteria::Format;
use crate::diagnostics::{Finding, Text};
use crate::documents::Kind;
use crate::memo;
use crate::pdpa::{IdHit, find_national_ids};
use std::path::Path;

/// Text read from one Word document at most (bounded: a report is far smaller).
const DOCX_TEXT_BYTES: usize = 8 * 1024 * 1024;
const SHEET_ROWS: usize = 5_000;

fn allowed(site: &Site) -> Vec<String> {
    site.config
        .pdpa_allow
        .iter()
        .map(|s| {
            crate::thai::to_arabic_digits(s)
                .chars()
                .filter(char::is_ascii_digit)
                .collect()
        })
        .collect()
}

fn finding(hit: &IdHit, file: &Path, line: Option<usize>, column: Option<usize>) -> Finding {
    let mut f = Finding::error(
        "pdpa",
        Text::new(
            format!("พบเลขประจำตัวประชาชน {} ในข้อมูลที่เผยแพร่ (ข้อมูลส่วนบุคคลตาม พ.ร.บ.คุ้มครองข้อมูลส่วนบุคคล)", hit.masked),
            format!("Thai national ID number {} in published material (personal data under the PDPA)", hit.masked),
        ),
    )
    .file(file)
    .hint(Text::new(
        "ลบหรือปิดบังเลขประจำตัวประชาชนก่อนเผยแพร่ ถ้าเป็นเลขที่เปิดเผยได้ (เช่น เลขประจำตัวผู้เสียภาษีของบริษัท) ให้เพิ่มใน pdpa_allow ของ site.yaml",
        "remove or mask the number before publishing; if it may be public (e.g. a company tax ID), add it to pdpa_allow in site.yaml",
    ));
    f.line = line;
    f.column = column;
    f
}

/// Hits in `text` that is line `first_line` of `file` onwards.
fn scan_text(
    text: &str,
    file: &Path,
    first_line: Option<usize>,
    allow: &[String],
    out: &mut Vec<Finding>,
) {
    // `serve`: most texts are the same as at the last rebuild.
    static HITS: memo::TextMemo<Vec<IdHit>> = memo::TextMemo::new(10_000);
    let hits = HITS.get_or_when_on(text, || find_national_ids(text));
    for hit in hits.iter().filter(|h| !allow.contains(&h.digits)) {
        let (line, column) = match first_line {
            Some(l) => (Some(l + hit.line - 1), Some(hit.column)),
            None => (None, None),
        };
        out.push(finding(hit, file, line, column));
    }
}

pub fn scan_item(site: &Site, item: &Item) -> Vec<Finding> {
    let allow = allowed(site);
    let mut out = Vec::new();
    scan_text(
        &item.front_yaml,
        &item.file,
        Some(item.front_line),
        &allow,
        &mut out,
    );
    scan_text(
        &item.body,
        &item.file,
        Some(item.body_line),
        &allow,
        &mut out,
    );
    for t in &item.tables {
        let file = item.dir.join(&t.file);
        let text: String = t
            .rows
            .iter()
            .flat_map(|r| r.values().map(|c| c.as_text()))
            .collect::<Vec<_>>()
            .join("\n");
        scan_text(&text, &file, None, &allow, &mut out);
    }
    for f in &item.files {
        let path = site.root.join(&item.dir).join(&f.rel);
        let rel = item.dir.join(&f.rel);
        if f.facts.problem.is_some() {
            continue;
        }
        let text = match (f.facts.kind, f.facts.format) {
            (Kind::Docx, _) => memo::docx_text(&path, DOCX_TEXT_BYTES).ok(),
            (_, Some(Format::Excel)) => memo::excel_preview(&path, SHEET_ROWS).ok().map(|p| {
                p.rows
                    .iter()
                    .map(|r| r.join(" "))
                    .collect::<Vec<_>>()
                    .join("\n")
            }),
            _ => None,
        };
        if let Some(text) = text {
            scan_text(&text, &rel, None, &allow, &mut out);
        }
    }
    out
}

/// News and ordinary pages, which belong to no item.
pub fn scan_pages(site: &Site) -> Vec<Finding> {
    let allow = allowed(site);
    let mut out = Vec::new();
    for n in &site.news {
        scan_text(&n.body, &n.file, Some(n.body_line), &allow, &mut out);
        scan_text(&n.title, &n.file, None, &allow, &mut out);
    }
    for p in &site.pages {
        scan_text(&p.body, &p.file, Some(p.body_line), &allow, &mut out);
    }
    out
}
