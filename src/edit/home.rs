//! The first screen: this fiscal year's items as a checklist with the check's verdict, the
//! month × item grid of the monthly items, and what each officer has to do.
use super::{Answer, Editor, ui};
use crate::check::{ItemResult, MonthState, Status};
use crate::render::esc;
use std::collections::BTreeMap;
use std::fmt::Write;

/// The verdict of one item, in the words of the assessor's scoring.
pub fn verdict(r: &ItemResult) -> (&'static str, &'static str) {
    match r.status {
        Status::Fail => ("fail", "ไม่ผ่าน"),
        Status::Warning => ("warn", "ผ่าน มีข้อควรแก้"),
        Status::Pass if !r.not_due.is_empty() => ("due", "ยังไม่ถึงกำหนด"),
        Status::Pass => ("pass", "ผ่าน"),
    }
}

pub fn show(editor: &Editor) -> Answer {
    let snap = match editor.snapshot() {
        Ok(s) => s,
        Err(f) => return ui::unreadable(&f),
    };
    let site = &snap.site;
    let fy = site.config.fiscal_year;
    let station = site.config.station.name_th.clone();
    let Some(year) = snap.report.years.iter().find(|y| y.year == fy) else {
        let body = format!(
            "<p class=\"bad\">ยังไม่มีเกณฑ์ของปีงบประมาณ {fy} ให้ตรวจด้วย <code>oit check</code> แล้วทำตามที่แจ้ง</p>"
        );
        return Answer::Html(200, ui::page("รายการที่ต้องเผยแพร่", &station, &[], &body));
    };
    let mut body = String::new();
    let failing = year
        .items
        .iter()
        .filter(|i| i.status == Status::Fail)
        .count();
    let _ = write!(
        body,
        "<p class=\"lead\">ปีงบประมาณ พ.ศ. {fy} · ตรวจ ณ วันที่ {} · {} · ไม่ผ่าน {failing} จาก {} ข้อ</p>",
        ui::be_date(crate::thai::today()),
        esc(&year.criteria_title),
        year.items.len()
    );
    if let Some(n) = &year.criteria_notice {
        let _ = write!(body, "<p class=\"notice\">{}</p>", esc(&n.th));
    }
    // What belongs to no item: the fiscal year that has ended, site.yaml, pages.
    let general: Vec<&crate::diagnostics::Finding> =
        snap.report.problems.iter().chain(&year.other).collect();
    body.push_str(&ui::findings(&general));

    // What fails first: on a phone the checklist is long.
    if failing > 0 {
        body.push_str(
            "<section aria-labelledby=\"h-fail\" class=\"fail-first\"><h2 id=\"h-fail\">ต้องแก้ก่อน</h2><ul>",
        );
        for r in year.items.iter().filter(|i| i.status == Status::Fail) {
            let msg = r
                .findings
                .iter()
                .find(|f| f.is_error())
                .map(|f| esc(&f.message.th))
                .unwrap_or_default();
            let _ = write!(
                body,
                "<li><a href=\"/item/{fy}/{}\"><b>{}</b> {}</a><br><small>{msg}</small></li>",
                folder_of(&r.code),
                esc(&r.code),
                esc(&r.title)
            );
        }
        body.push_str("</ul></section>");
    }

    // The checklist.
    body.push_str(
        "<section aria-labelledby=\"h-items\"><h2 id=\"h-items\">รายการ O1–O25</h2><ol class=\"items\">",
    );
    for r in &year.items {
        let (class, word) = verdict(r);
        let code = r.code.to_ascii_lowercase();
        let folder = format!(
            "o{:02}",
            code.trim_start_matches('o').parse::<u32>().unwrap_or(0)
        );
        let first = r
            .findings
            .first()
            .map(|f| format!("<small>{}</small>", esc(&f.message.th)))
            .unwrap_or_default();
        let _ = write!(
            body,
            "<li><a href=\"/item/{fy}/{folder}\"><b>{}</b> {}</a> {} {first}</li>",
            esc(&r.code),
            esc(&r.title),
            ui::badge(class, word),
        );
    }
    body.push_str("</ol></section>");

    // The month × item grid.
    if !year.monthly.is_empty() {
        body.push_str(
            "<section aria-labelledby=\"h-grid\"><h2 id=\"h-grid\">รายงานรายเดือน</h2>\
             <div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"ตารางรายงานรายเดือน\"><table class=\"grid\"><caption>สถานะแต่ละเดือน: ✓ เผยแพร่แล้ว, ไม่มี = แจ้งว่าไม่มี, ✗ ขาด, · ยังไม่ถึงกำหนด</caption><thead><tr><th scope=\"col\">ข้อ</th>",
        );
        for m in &year.months {
            let label = m
                .parse::<crate::thai::YearMonth>()
                .map(crate::thai::format_month_short)
                .unwrap_or_else(|_| m.clone());
            let _ = write!(body, "<th scope=\"col\">{}</th>", esc(&label));
        }
        body.push_str("</tr></thead><tbody>");
        for row in &year.monthly {
            let folder = folder_of(&row.code);
            let _ = write!(
                body,
                "<tr><th scope=\"row\"><a href=\"/item/{fy}/{folder}#months\">{}</a></th>",
                esc(&row.code)
            );
            for m in &year.months {
                let (class, text) = match row.months.get(m) {
                    Some(MonthState::Filled) => ("pass", "✓"),
                    Some(MonthState::NoneStated) => ("none", "ไม่มี"),
                    Some(MonthState::Missing) => ("fail", "✗ ขาด"),
                    _ => ("due", "·"),
                };
                let _ = write!(body, "<td class=\"{class}\">{text}</td>");
            }
            body.push_str("</tr>");
        }
        body.push_str("</tbody></table></div></section>");
    }

    // What each officer has to do.
    let mut by: BTreeMap<String, Vec<(&str, &str)>> = BTreeMap::new();
    for r in &year.items {
        for f in &r.findings {
            let who = if f.officers.is_empty() {
                vec![String::new()]
            } else {
                f.officers.clone()
            };
            for id in who {
                by.entry(id).or_default().push((&r.code, &f.message.th));
            }
        }
    }
    body.push_str("<section aria-labelledby=\"h-todo\"><h2 id=\"h-todo\">สิ่งที่ต้องทำเดือนนี้</h2>");
    if by.is_empty() {
        body.push_str("<p class=\"good\">ไม่มีรายการที่ต้องแก้ไข</p>");
    }
    for (id, todo) in &by {
        let who = if id.is_empty() {
            "ยังไม่ได้มอบหมายผู้รับผิดชอบ".to_string()
        } else {
            site.config
                .officers
                .get(id)
                .map(|o| format!("{} {}", o.name, o.position))
                .unwrap_or_else(|| id.clone())
        };
        let _ = write!(
            body,
            "<details class=\"todo\"><summary>{} <span class=\"count\">{} รายการ</span></summary><ul>",
            esc(who.trim()),
            todo.len()
        );
        for (code, msg) in todo {
            let _ = write!(body, "<li><b>{}</b> {}</li>", esc(code), esc(msg));
        }
        body.push_str("</ul></details>");
    }
    body.push_str("</section>");
    Answer::Html(200, ui::page("รายการที่ต้องเผยแพร่", &station, &[], &body))
}

/// The folder of an item code: `O7` → `o07`.
fn folder_of(code: &str) -> String {
    format!(
        "o{:02}",
        code.trim_start_matches(['O', 'o'])
            .parse::<u32>()
            .unwrap_or(0)
    )
}
