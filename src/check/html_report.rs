//! `oit check --report FILE.html`: one self-contained page for the station's supervisors (never
//! part of the public site): every item at a glance, the month × item grid, every finding with
//! who has to fix it.
use super::{MonthState, Report, Status};
use crate::content::Site;
use crate::diagnostics::Severity;
use crate::render::esc;
use crate::thai;
use std::fmt::Write as _;

const CSS: &str = "body{font-family:Sarabun,'TH Sarabun New',Tahoma,sans-serif;margin:2rem auto;max-width:70rem;padding:0 1rem;line-height:1.6;color:#1a1a1a}
h1{font-size:1.6rem;margin-bottom:.2rem}table{border-collapse:collapse;width:100%;margin:1rem 0}
th,td{border:1px solid #b8bcc4;padding:.35rem .5rem;text-align:left;vertical-align:top}th{background:#eef0f4}
.notice{background:#fff6d6;border-left:4px solid #b07d00;padding:.5rem .8rem}.pass{background:#e3f4e6;color:#14532d}.warning{background:#fff6d6;color:#6b4a00}.fail{background:#fde2e1;color:#8a1c12}
.filled{background:#e3f4e6}.none_stated{background:#e6eefc}.missing{background:#fde2e1;font-weight:700}.not_due{color:#555}
.grid td{text-align:center}.f{margin:.3rem 0 .6rem}.loc{font-family:monospace;font-size:.9em;color:#333}
.who{color:#333;font-size:.95em}@media print{body{margin:0;max-width:none}}";

fn status_th(s: Status) -> &'static str {
    match s {
        Status::Pass => "ผ่าน",
        Status::Warning => "ผ่าน (มีคำเตือน)",
        Status::Fail => "ไม่ผ่าน",
    }
}

fn status_class(s: Status) -> &'static str {
    match s {
        Status::Pass => "pass",
        Status::Warning => "warning",
        Status::Fail => "fail",
    }
}

fn month_cell(s: MonthState) -> (&'static str, &'static str) {
    match s {
        MonthState::Filled => ("filled", "✓ มีข้อมูล"),
        MonthState::NoneStated => ("none_stated", "ไม่มีรายการ"),
        MonthState::Missing => ("missing", "✗ ขาด"),
        MonthState::NotDue => ("not_due", "ยังไม่ถึงกำหนด"),
    }
}

pub fn render_html(report: &Report, site: &Site) -> String {
    let mut h = String::new();
    let as_of = report
        .as_of
        .parse::<jiff::civil::Date>()
        .map(thai::format_long)
        .unwrap_or_else(|_| report.as_of.clone());
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"th\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
         <meta name=\"robots\" content=\"noindex\"><title>รายงานผลการตรวจข้อมูล OIT — {station}</title><style>{CSS}</style></head><body>\
         <h1>รายงานผลการตรวจข้อมูล OIT</h1><p>{station} ณ วันที่ {as_of}<br>ข้อผิดพลาด {e} รายการ คำเตือน {w} รายการ — เอกสารภายในสำหรับผู้บังคับบัญชา ไม่ใช่ส่วนหนึ่งของเว็บไซต์</p>",
        station = esc(&report.station),
        e = report.errors,
        w = report.warnings,
    );
    if !report.problems.is_empty() {
        h.push_str("<h2>อ่านข้อมูลไม่ได้</h2><ul>");
        for f in &report.problems {
            let _ = write!(
                h,
                "<li>{}</li>",
                esc(&f.render(crate::diagnostics::Lang::Th))
            );
        }
        h.push_str("</ul>");
    }
    for y in &report.years {
        let _ = write!(
            h,
            "<h2>ปีงบประมาณ พ.ศ. {} <small>({})</small></h2>",
            y.year,
            esc(&y.criteria_title)
        );
        if let Some(n) = &y.criteria_notice {
            let _ = write!(
                h,
                "<p class=\"notice\" role=\"note\"><strong>โปรดทราบ:</strong> {}</p>",
                esc(&n.th)
            );
        }
        for f in &y.other {
            let _ = write!(h, "<p class=\"notice\">{}</p>", esc(&f.message.th));
        }
        h.push_str("<table><thead><tr><th scope=\"col\">ข้อ</th><th scope=\"col\">หัวข้อ</th><th scope=\"col\">ผล</th><th scope=\"col\">ข้อผิดพลาด</th><th scope=\"col\">คำเตือน</th></tr></thead><tbody>");
        for i in &y.items {
            let errors = i
                .findings
                .iter()
                .filter(|f| f.severity == Severity::Error)
                .count();
            let _ = write!(
                h,
                "<tr><td><a href=\"#{code}\">{code}</a></td><td>{title}</td><td class=\"{cls}\">{st}</td><td>{errors}</td><td>{warn}</td></tr>",
                code = esc(&i.code),
                title = esc(&i.title),
                cls = status_class(i.status),
                st = status_th(i.status),
                warn = i.findings.len() - errors,
            );
        }
        h.push_str("</tbody></table>");
        if !y.monthly.is_empty() {
            h.push_str(
                "<h3>ข้อมูลรายเดือน</h3><table class=\"grid\"><thead><tr><th scope=\"col\">ข้อ</th>",
            );
            for m in &y.months {
                let label = thai::parse_month(m)
                    .map(thai::format_month_short)
                    .unwrap_or_else(|_| m.clone());
                let _ = write!(h, "<th scope=\"col\">{}</th>", esc(&label));
            }
            h.push_str("</tr></thead><tbody>");
            for row in &y.monthly {
                let _ = write!(h, "<tr><th scope=\"row\">{}</th>", esc(&row.code));
                for m in &y.months {
                    let (cls, label) =
                        month_cell(row.months.get(m).copied().unwrap_or(MonthState::Missing));
                    let _ = write!(h, "<td class=\"{cls}\">{label}</td>");
                }
                h.push_str("</tr>");
            }
            h.push_str("</tbody></table>");
        }
        h.push_str("<h3>รายละเอียดที่ต้องแก้ไข</h3>");
        for i in y.items.iter().filter(|i| !i.findings.is_empty()) {
            let _ = write!(
                h,
                "<section id=\"{}\"><h4>{} {}</h4>",
                esc(&i.code),
                esc(&i.code),
                esc(&i.title)
            );
            for f in &i.findings {
                let sev = if f.severity == Severity::Error {
                    "ข้อผิดพลาด"
                } else {
                    "คำเตือน"
                };
                let _ = write!(
                    h,
                    "<div class=\"f\"><strong>{sev}:</strong> {}",
                    esc(&f.message.th)
                );
                if let Some(loc) = f.location() {
                    let _ = write!(h, " <span class=\"loc\">{}</span>", esc(&loc));
                }
                if let Some(hint) = &f.hint {
                    let _ = write!(h, "<br>วิธีแก้: {}", esc(&hint.th));
                }
                let who: Vec<String> = f
                    .officers
                    .iter()
                    .filter_map(|id| site.config.officers.get(id))
                    .map(|o| esc(&o.name))
                    .collect();
                if !who.is_empty() {
                    let _ = write!(
                        h,
                        "<br><span class=\"who\">ผู้รับผิดชอบ: {}</span>",
                        who.join(", ")
                    );
                }
                h.push_str("</div>");
            }
            h.push_str("</section>");
        }
    }
    h.push_str("</body></html>\n");
    h
}
