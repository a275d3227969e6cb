//! The files at the top of a `--sites` output: `index.html` (every station with its status) and
//! `report.json` (every station's findings).
use super::{Combined, StationResult, Status};
use crate::render::{self, esc};

/// The files `OutFilesIndex` makes.
pub(super) const NAMES: [&str; 2] = ["index.html", "report.json"];

pub(super) struct OutFilesIndex<'a> {
    pub results: &'a [StationResult],
    pub base_url: Option<&'a str>,
}

impl OutFilesIndex<'_> {
    /// `index.html` (every station with its status) and `report.json` (all findings).
    pub fn files(&self) -> Vec<render::OutFile> {
        let pass = self
            .results
            .iter()
            .filter(|r| r.status == Status::Pass)
            .count();
        let mut rows = String::new();
        for r in self.results {
            let (label, class) = match r.status {
                Status::Pass => ("ผ่าน", "pass"),
                Status::Fail => ("ไม่ผ่าน", "fail"),
                Status::Error => ("อ่านข้อมูลไม่ได้", "error"),
            };
            let link = if r.status == Status::Error {
                esc(&r.name)
            } else {
                format!(
                    "<a href=\"{0}/index.html\">{1}</a>",
                    esc(&r.id),
                    esc(&r.name)
                )
            };
            rows.push_str(&format!(
                "<tr><td>{link}</td><td class=\"{class}\">{label}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                r.errors, r.warnings, r.pages
            ));
        }
        let html = format!(
            "<!DOCTYPE html>\n<html lang=\"th\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
             <title>สถานะข้อมูล OIT ของสถานีตำรวจ</title><style>body{{font-family:Sarabun,Tahoma,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem}}\
             table{{border-collapse:collapse;width:100%}}th,td{{border:1px solid #b8bcc4;padding:.3rem .5rem;text-align:left}}th{{background:#eef0f4}}\
             .pass{{background:#e3f4e6;color:#14532d}}.fail{{background:#fde2e1;color:#8a1c12}}.error{{background:#fff6d6;color:#6b4a00}}</style></head><body>\
             <h1>สถานะข้อมูล OIT ของสถานีตำรวจ</h1><p>ผ่าน {pass} จาก {} สถานี{}</p>\
             <table><thead><tr><th scope=\"col\">สถานี</th><th scope=\"col\">ผล</th><th scope=\"col\">ข้อผิดพลาด</th><th scope=\"col\">คำเตือน</th><th scope=\"col\">หน้า</th></tr></thead><tbody>\n{rows}</tbody></table></body></html>\n",
            self.results.len(),
            self.base_url
                .map(|b| format!(" — {}", esc(b)))
                .unwrap_or_default(),
        );
        let json = serde_json::to_vec_pretty(&Combined::new(self.results)).unwrap_or_default();
        vec![
            render::OutFile {
                path: NAMES[0].into(),
                content: render::OutContent::Bytes(html.into_bytes()),
            },
            render::OutFile {
                path: NAMES[1].into(),
                content: render::OutContent::Bytes(json),
            },
        ]
    }
}
