//! How check results are shown: grouped by item (the default), by officer (each person's to-do
//! list), as one summary line (for `build`), or as JSON for CI.
use super::{Report, Status};
use crate::content::Site;
use crate::diagnostics::{Finding, Lang, Severity};
use crate::thai;
use std::collections::BTreeMap;
use std::fmt::Write as _;

fn officer_label(site: &Site, id: &str) -> String {
    match site.config.officers.get(id) {
        Some(o) if !o.position.is_empty() => format!("{} ({})", o.name, o.position),
        Some(o) => o.name.clone(),
        None => id.to_string(),
    }
}

fn status_label(s: Status, lang: Lang) -> &'static str {
    match (s, lang) {
        (Status::Pass, Lang::Th) => "ผ่าน",
        (Status::Warning, Lang::Th) => "ผ่าน (มีคำเตือน)",
        (Status::Fail, Lang::Th) => "ไม่ผ่าน",
        (Status::Pass, Lang::En) => "pass",
        (Status::Warning, Lang::En) => "pass with warnings",
        (Status::Fail, Lang::En) => "FAIL",
    }
}

fn finding_lines(out: &mut String, f: &Finding, lang: Lang, indent: &str) {
    let mark = if f.severity == Severity::Error {
        "✗"
    } else {
        "!"
    };
    let loc = f.location().map(|l| format!("{l}: ")).unwrap_or_default();
    let _ = writeln!(out, "{indent}{mark} {loc}{}", f.message.get(lang));
    if let Some(h) = &f.hint {
        let label = if lang == Lang::Th {
            "วิธีแก้"
        } else {
            "fix"
        };
        let _ = writeln!(out, "{indent}  {label}: {}", h.get(lang));
    }
}

fn header(report: &Report, lang: Lang) -> String {
    let as_of = report.as_of.parse::<jiff::civil::Date>().ok();
    match lang {
        Lang::Th => format!(
            "ตรวจข้อมูล OIT ของ {} ณ วันที่ {}\n",
            report.station,
            as_of
                .map(thai::format_long)
                .unwrap_or_else(|| report.as_of.clone())
        ),
        Lang::En => format!(
            "OIT check of {} as of {}\n",
            report.station,
            as_of
                .map(thai::format_long_en)
                .unwrap_or_else(|| report.as_of.clone())
        ),
    }
}

pub fn render_summary_line(report: &Report, lang: Lang) -> String {
    let items: Vec<_> = report.years.iter().flat_map(|y| &y.items).collect();
    let pass = items.iter().filter(|i| i.status != Status::Fail).count();
    let fail = items.len() - pass;
    let line = match lang {
        Lang::Th => format!(
            "ผลการตรวจ: ผ่าน {pass} ข้อ ไม่ผ่าน {fail} ข้อ (ข้อผิดพลาด {} รายการ คำเตือน {} รายการ)",
            report.errors, report.warnings
        ),
        Lang::En => format!(
            "check: {pass} item(s) pass, {fail} fail ({} error(s), {} warning(s))",
            report.errors, report.warnings
        ),
    };
    match carried_forward(report) {
        Some(years) => match lang {
            Lang::Th => format!("{line} — เกณฑ์ปี {years} ยกมาจากเกณฑ์ปีก่อน ยังไม่ได้ตรวจกับคู่มือของปีนั้น"),
            Lang::En => format!(
                "{line} — the {years} criteria are carried forward, not checked against that year's manual"
            ),
        },
        None => line,
    }
}

/// The years checked against carried-forward criteria, if any ("2570").
fn carried_forward(report: &Report) -> Option<String> {
    let years: Vec<String> = report
        .years
        .iter()
        .filter(|y| y.criteria_notice.is_some())
        .map(|y| y.year.to_string())
        .collect();
    (!years.is_empty()).then(|| years.join(", "))
}

pub fn render_text(report: &Report, site: &Site, lang: Lang) -> String {
    let mut out = header(report, lang);
    for f in &report.problems {
        finding_lines(&mut out, f, lang, "");
    }
    if !report.problems.is_empty() {
        out.push('\n');
    }
    for y in &report.years {
        let _ = match (lang, y.criteria.is_empty()) {
            (Lang::Th, false) => writeln!(out, "ปีงบประมาณ พ.ศ. {} — เกณฑ์ {}\n", y.year, y.criteria),
            (Lang::En, false) => {
                writeln!(out, "fiscal year {} — criteria {}\n", y.year, y.criteria)
            }
            (Lang::Th, true) => writeln!(out, "ปีงบประมาณ พ.ศ. {} — ไม่มีเกณฑ์\n", y.year),
            (Lang::En, true) => writeln!(out, "fiscal year {} — no criteria\n", y.year),
        };
        if let Some(notice) = &y.criteria_notice {
            let label = if lang == Lang::Th {
                "โปรดทราบ"
            } else {
                "note"
            };
            let _ = writeln!(out, "! {label}: {}\n", notice.get(lang));
        }
        for item in &y.items {
            if item.findings.is_empty() && item.not_due.is_empty() {
                continue;
            }
            let _ = writeln!(
                out,
                "{} {} — {}",
                item.code,
                if lang == Lang::En {
                    &item.title_en
                } else {
                    &item.title
                },
                status_label(item.status, lang)
            );
            for f in &item.findings {
                finding_lines(&mut out, f, lang, "  ");
            }
            for n in &item.not_due {
                let label = if lang == Lang::Th {
                    "ยังไม่ถึงกำหนด"
                } else {
                    "not yet due"
                };
                let _ = writeln!(out, "  · {label}: {}", n.get(lang));
            }
            if let Some(f) = item.findings.first()
                && !f.officers.is_empty()
            {
                let names: Vec<String> = f
                    .officers
                    .iter()
                    .map(|id| officer_label(site, id))
                    .collect();
                let label = if lang == Lang::Th {
                    "ผู้รับผิดชอบ"
                } else {
                    "responsible"
                };
                let _ = writeln!(out, "  {label}: {}", names.join(", "));
            }
            out.push('\n');
        }
        for f in &y.other {
            finding_lines(&mut out, f, lang, "");
        }
        let passing: Vec<&str> = y
            .items
            .iter()
            .filter(|i| i.findings.is_empty() && i.not_due.is_empty())
            .map(|i| i.code.as_str())
            .collect();
        if !passing.is_empty() {
            let label = if lang == Lang::Th {
                "ผ่านครบถ้วน"
            } else {
                "complete"
            };
            let _ = writeln!(out, "{label}: {}\n", passing.join(" "));
        }
    }
    out.push_str(&render_summary_line(report, lang));
    out.push('\n');
    if let Some(next) = next_step(report, lang) {
        out.push_str(&next);
        out.push('\n');
    }
    out
}

/// Where to start when the list is long: a new station sees 100+ findings at its first check.
fn next_step(report: &Report, lang: Lang) -> Option<String> {
    if report.errors + report.warnings < 10 {
        return None;
    }
    Some(match lang {
        Lang::Th => "ขั้นต่อไป: เปิด oit edit เพื่อแก้ในเบราว์เซอร์ทีละข้อจากบนลงล่าง หรือใช้ oit check --by-officer เพื่อแยกรายการตามเจ้าหน้าที่ผู้รับผิดชอบ แล้วส่งให้แต่ละคน".to_string(),
        Lang::En => "next: open oit edit to fix the items in the browser from the top down, or run oit check --by-officer to split the list by responsible officer and send each their part".to_string(),
    })
}

/// Each officer's findings; findings with nobody assigned are listed under "no one assigned".
pub fn render_by_officer(report: &Report, site: &Site, lang: Lang) -> String {
    let mut out = header(report, lang);
    let mut by: BTreeMap<String, Vec<&Finding>> = BTreeMap::new();
    for f in report.findings() {
        if f.officers.is_empty() {
            by.entry(String::new()).or_default().push(f);
        }
        for id in &f.officers {
            by.entry(id.clone()).or_default().push(f);
        }
    }
    for (id, findings) in &by {
        let who = if id.is_empty() {
            if lang == Lang::Th {
                "ยังไม่ได้มอบหมายผู้รับผิดชอบ".to_string()
            } else {
                "no one assigned".to_string()
            }
        } else {
            officer_label(site, id)
        };
        let _ = match lang {
            Lang::Th => writeln!(out, "{who} — {} รายการ", findings.len()),
            Lang::En => writeln!(out, "{who} — {} finding(s)", findings.len()),
        };
        for f in findings {
            let code = f.item.as_deref().unwrap_or("-");
            let mut line = String::new();
            finding_lines(&mut line, f, lang, "  ");
            let _ = write!(
                out,
                "  [{code}]{}",
                line.trim_start_matches(' ')
                    .split_once(' ')
                    .map(|(_, r)| format!(" {r}"))
                    .unwrap_or(line.clone())
            );
        }
        out.push('\n');
    }
    out.push_str(&render_summary_line(report, lang));
    out.push('\n');
    out
}

pub fn render_json(report: &Report) -> String {
    serde_json::to_string_pretty(report).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

/// The JSON document of a check that could check nothing (no readable site.yaml, criteria that
/// cannot be loaded): the report's shape, without a station or years, and every finding in
/// `problems`. CI parsing the output always gets one document.
pub fn render_json_unchecked(findings: &[Finding], as_of: jiff::civil::Date) -> String {
    let errors = findings.iter().filter(|f| f.is_error()).count();
    let doc = serde_json::json!({
        "schema_version": 1,
        "station": null,
        "as_of": as_of.to_string(),
        "years": [],
        "errors": errors,
        "warnings": findings.len() - errors,
        "problems": findings,
    });
    serde_json::to_string_pretty(&doc).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}
