//! `oit export itap`: the sheet a station pastes into ITAP — for each item of the fiscal year its
//! code, title, มี/ไม่มี (from `check`), the absolute URL of its page and where on the page the
//! evidence is. Written as .xlsx, .csv and an HTML page. Without a base URL the URL column says
//! so; no address is invented.
use crate::check::{Report, Status};
use crate::content::{Cell, Column, ColumnType, Item, MonthEntry, Site, Table};
use crate::diagnostics::{Finding, Text};
use crate::render::esc;
use crate::render::feeds;
use crate::thai;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub struct ItapRow {
    pub code: String,
    pub title: String,
    /// `มี` when the item passes the criteria, else `ไม่มี`.
    pub answer: &'static str,
    pub url: Option<String>,
    pub explanation: String,
}

/// Where the evidence is, in Thai, from the content itself.
pub fn explanation(site: &Site, item: &Item) -> String {
    let mut parts = Vec::new();
    if !item.attachments.is_empty() {
        let titles: Vec<&str> = item.attachments.iter().map(|a| a.title.as_str()).collect();
        parts.push(format!(
            "ไฟล์แนบ {} ไฟล์ ในหัวข้อ \"เอกสารเผยแพร่\": {}",
            titles.len(),
            titles.join("; ")
        ));
    }
    if !item.months.is_empty() {
        let filled: Vec<_> = item
            .months
            .iter()
            .filter(|(_, e)| matches!(e, MonthEntry::Files(f) if !f.is_empty()))
            .map(|(m, _)| *m)
            .collect();
        let none: Vec<_> = item
            .months
            .iter()
            .filter(|(_, e)| matches!(e, MonthEntry::None(_)))
            .map(|(m, _)| thai::format_month_short(*m))
            .collect();
        if let (Some(first), Some(last)) = (item.months.keys().next(), item.months.keys().last()) {
            let mut s = format!(
                "ข้อมูลรายเดือน {} ถึง {} ({} เดือนมีไฟล์รายงาน)",
                thai::format_month_short(*first),
                thai::format_month_short(*last),
                filled.len()
            );
            if !none.is_empty() {
                s.push_str(&format!(" เดือนที่ไม่มีรายการ: {}", none.join(", ")));
            }
            parts.push(s);
        }
    }
    if !item.tables.is_empty() {
        let t: Vec<&str> = item
            .tables
            .iter()
            .map(|t| {
                if t.title.is_empty() {
                    t.file.as_str()
                } else {
                    t.title.as_str()
                }
            })
            .collect();
        parts.push(format!(
            "ตารางข้อมูลบนหน้าเว็บ (ดาวน์โหลดเป็น Excel ได้): {}",
            t.join("; ")
        ));
    }
    if !item.links.is_empty() {
        parts.push(format!(
            "ลิงก์: {}",
            item.links
                .iter()
                .map(|l| l.title.as_str())
                .collect::<Vec<_>>()
                .join("; ")
        ));
    }
    let news = crate::render::news_for_item(site, item);
    if !news.is_empty() {
        parts.push(format!(
            "ข่าวที่เกี่ยวข้อง {} ข่าว ในหัวข้อ \"ข่าวที่เกี่ยวข้อง\"",
            news.len()
        ));
    }
    if let Some(d) = item.updated {
        parts.push(format!("ปรับปรุงล่าสุด {}", thai::format_long(d)));
    }
    if parts.is_empty() {
        "ข้อมูลอยู่ในเนื้อหาของหน้า".to_string()
    } else {
        parts.join(" | ")
    }
}

pub fn rows(site: &Site, report: &Report, year: u16) -> Vec<ItapRow> {
    let base = site
        .config
        .base_url
        .as_deref()
        .filter(|b| !b.trim().is_empty());
    let Some(yr) = report.years.iter().find(|y| y.year == year) else {
        return Vec::new();
    };
    yr.items
        .iter()
        .map(|r| {
            let item = crate::content::parse_item_code(&r.code)
                .and_then(|n| site.years.get(&year)?.items.get(&n));
            ItapRow {
                code: r.code.clone(),
                title: r.title.clone(),
                answer: if item.is_some() && r.status != Status::Fail {
                    "มี"
                } else {
                    "ไม่มี"
                },
                url: item.and(base).map(|b| feeds::absolute(b, &r.url)),
                explanation: item
                    .map(|i| explanation(site, i))
                    .unwrap_or_else(|| "ยังไม่มีข้อมูล".into()),
            }
        })
        .collect()
}

const NO_URL: &str = "ยังไม่ได้ระบุ base_url (ที่อยู่เว็บไซต์จริง)";

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

pub fn to_csv(rows: &[ItapRow]) -> String {
    // A BOM so Excel opens the Thai text as UTF-8.
    let mut s = String::from("\u{feff}ข้อ,ชื่อข้อ,มี/ไม่มี,URL,คำอธิบาย\r\n");
    for r in rows {
        let url = r.url.as_deref().unwrap_or(NO_URL);
        s.push_str(
            &[r.code.as_str(), &r.title, r.answer, url, &r.explanation]
                .map(csv_field)
                .join(","),
        );
        s.push_str("\r\n");
    }
    s
}

pub fn to_xlsx(rows: &[ItapRow], year: u16) -> Result<Vec<u8>, Text> {
    let col = |key: &str, label: &str, kind| Column {
        key: key.into(),
        label: label.into(),
        kind,
    };
    let table = Table {
        file: format!("itap-{year}"),
        title: format!("ITAP {year}"),
        kind: None,
        columns: vec![
            col("code", "ข้อ", ColumnType::Text),
            col("title", "ชื่อข้อ", ColumnType::Text),
            col("answer", "มี/ไม่มี", ColumnType::Text),
            col("url", "URL", ColumnType::Link),
            col("explanation", "คำอธิบาย", ColumnType::Text),
        ],
        rows: rows
            .iter()
            .map(|r| {
                BTreeMap::from([
                    ("code".to_string(), Cell::Text(r.code.clone())),
                    ("title".to_string(), Cell::Text(r.title.clone())),
                    ("answer".to_string(), Cell::Text(r.answer.to_string())),
                    (
                        "url".to_string(),
                        Cell::Text(r.url.clone().unwrap_or_else(|| NO_URL.into())),
                    ),
                    ("explanation".to_string(), Cell::Text(r.explanation.clone())),
                ])
            })
            .collect(),
        note: None,
    };
    crate::documents::xlsx::table_to_xlsx(&table, &format!("ITAP {year}"))
}

pub fn to_html(rows: &[ItapRow], station: &str, year: u16) -> String {
    let mut body = String::new();
    for r in rows {
        let url = match &r.url {
            Some(u) => format!("<a href=\"{0}\">{0}</a>", esc(u)),
            None => format!("<em>{NO_URL}</em>"),
        };
        body.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{url}</td><td>{}</td></tr>\n",
            esc(&r.code),
            esc(&r.title),
            r.answer,
            esc(&r.explanation)
        ));
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"th\"><head><meta charset=\"utf-8\"><title>ข้อมูลสำหรับกรอกในระบบ ITAP ปีงบประมาณ {year} — {st}</title>\
         <style>body{{font-family:Sarabun,Tahoma,sans-serif;margin:2rem}}table{{border-collapse:collapse}}th,td{{border:1px solid #999;padding:.3rem .5rem;vertical-align:top;text-align:left}}th{{background:#eee}}</style></head>\
         <body><h1>ข้อมูลสำหรับกรอกในระบบ ITAP ปีงบประมาณ พ.ศ. {year}</h1><p>{st}</p><table><thead><tr><th scope=\"col\">ข้อ</th><th scope=\"col\">ชื่อข้อ</th>\
         <th scope=\"col\">มี/ไม่มี</th><th scope=\"col\">URL</th><th scope=\"col\">คำอธิบาย</th></tr></thead><tbody>\n{body}</tbody></table></body></html>\n",
        st = esc(station)
    )
}

/// Writes `itap-<year>.xlsx`, `.csv` and `.html` into `dir`; returns their paths.
pub fn write(dir: &Path, site: &Site, report: &Report, year: u16) -> Result<Vec<PathBuf>, Finding> {
    let rows = rows(site, report, year);
    let io = |p: &Path, e: std::io::Error| {
        Finding::error("export", crate::os_error::cannot_write(&e)).file(p)
    };
    std::fs::create_dir_all(dir).map_err(|e| io(dir, e))?;
    let xlsx = to_xlsx(&rows, year).map_err(|t| Finding::error("export", t))?;
    let files = [
        (dir.join(format!("itap-{year}.xlsx")), xlsx),
        (
            dir.join(format!("itap-{year}.csv")),
            to_csv(&rows).into_bytes(),
        ),
        (
            dir.join(format!("itap-{year}.html")),
            to_html(&rows, &site.config.station.name_th, year).into_bytes(),
        ),
    ];
    let mut written = Vec::new();
    for (path, bytes) in files {
        std::fs::write(&path, bytes).map_err(|e| io(&path, e))?;
        written.push(path);
    }
    Ok(written)
}
