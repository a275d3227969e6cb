//! The months of a monthly item: one section per month of the period with its state, its
//! files, an upload box with a suggested title, and "เดือนนี้ไม่มี" with its reason.
use super::super::form::Form;
use super::super::ui;
use super::fields::{error_text, file_row_controls};
use super::{Errors, Found};
use crate::check::{MonthRow, MonthState};
use crate::content::{Item, MonthEntry};
use crate::diagnostics::Finding;
use crate::render::esc;
use crate::thai::YearMonth;
use std::fmt::Write;

/// A title for a new month's files, from the last month written: its title with the month
/// and year of the new one ("…ประจำเดือนพฤศจิกายน 2569" → "…ประจำเดือนธันวาคม 2569").
pub(super) fn suggest_title(item: &Item, ym: YearMonth) -> String {
    let last = item.months.iter().rev().find_map(|(m, e)| match e {
        MonthEntry::Files(files) => files.first().map(|a| (*m, a.title.clone())),
        MonthEntry::None(_) => None,
    });
    let Some((m, title)) = last else {
        return String::new();
    };
    let base = strip_format_suffix(&title);
    let from = crate::thai::format_month_long(m);
    let to = crate::thai::format_month_long(ym);
    if base.contains(&from) {
        base.replace(&from, &to)
    } else {
        String::new()
    }
}

/// "… (PDF)" → "…": the editor adds the format of each uploaded file itself.
pub(super) fn strip_format_suffix(title: &str) -> String {
    match title.rfind(" (") {
        Some(i) if title.ends_with(')') => title[..i].to_string(),
        _ => title.to_string(),
    }
}

#[allow(clippy::too_many_arguments)]
pub(super) fn months(
    b: &mut String,
    item: &Item,
    row: &MonthRow,
    f: &Found,
    prefill: Option<&Form>,
    errors: &Errors,
    findings: &[&Finding],
) {
    let v = |name: &str, default: String| super::super::form::shown(prefill, name, &default);
    b.push_str("<fieldset id=\"months\"><legend>รายงานรายเดือน</legend><p class=\"help\">แต่ละเดือนให้แนบไฟล์ของเดือนนั้น หรือถ้าเดือนนั้นไม่มี ให้เลือก \"ไม่มี\" และบอกเหตุผล</p>");
    let none_default = item
        .months
        .values()
        .rev()
        .find_map(|e| match e {
            MonthEntry::None(r) => Some(r.clone()),
            _ => None,
        })
        .unwrap_or_default();
    for ym in f.crit.months() {
        let key = ym.key();
        let state = row.months.get(&key).copied();
        let (class, word) = match state {
            Some(MonthState::Filled) => ("pass", "เผยแพร่แล้ว"),
            Some(MonthState::NoneStated) => ("none", "แจ้งว่าไม่มี"),
            Some(MonthState::Missing) => ("fail", "ขาด"),
            _ => ("due", "ยังไม่ถึงกำหนด"),
        };
        // Months already done are folded; the ones to do (or with findings) are open.
        let open = !matches!(state, Some(MonthState::Filled | MonthState::NoneStated))
            || findings
                .iter()
                .any(|x| x.month.as_deref() == Some(key.as_str()))
            || prefill.is_some();
        let _ = write!(
            b,
            "<details class=\"month\" id=\"m-{key}\"{}><summary><h2 class=\"h3\">{} {}</h2></summary>",
            if open { " open" } else { "" },
            esc(&crate::thai::format_month_long(ym)),
            ui::badge(class, word)
        );
        let entry = item.months.get(&ym);
        if let Some(MonthEntry::Files(files)) = entry {
            b.push_str("<ol class=\"files\">");
            for (j, a) in files.iter().enumerate() {
                let name = format!("month.{key}.{j}.title");
                let _ = write!(b, "<li><span class=\"file\">{}</span>", esc(&a.file));
                b.push_str(&ui::text_field(
                    &name,
                    "ชื่อที่แสดง",
                    &v(&name, a.title.clone()),
                    "",
                    errors.get(&name).map(String::as_str),
                ));
                file_row_controls(b, &format!("month.{key}.{j}"), prefill);
                b.push_str("</li>");
            }
            b.push_str("</ol>");
        }
        let fid = ui::field_id(&format!("month.{key}.files"));
        let _ = write!(
            b,
            "<div class=\"upload\"><label for=\"{fid}\">แนบไฟล์ของเดือนนี้ (เลือกได้หลายไฟล์ เช่น PDF และ Word)</label>\
             <input type=\"file\" id=\"{fid}\" name=\"month.{key}.files\" multiple>{}</div>",
            error_text(errors.get(&format!("month.{key}.files")))
        );
        let suggested = if matches!(entry, Some(MonthEntry::Files(_))) {
            String::new()
        } else {
            suggest_title(item, ym)
        };
        b.push_str(&ui::text_field(
            &format!("month.{key}.title"),
            "ชื่อที่แสดงของไฟล์ที่แนบ",
            &v(&format!("month.{key}.title"), suggested),
            "โปรแกรมจะเติม (PDF) (Word) (Excel) ต่อท้ายให้ตามชนิดไฟล์",
            None,
        ));
        let is_none = match prefill {
            Some(form) => form.checked(&format!("month.{key}.none")),
            None => matches!(entry, Some(MonthEntry::None(_))),
        };
        let reason = match entry {
            Some(MonthEntry::None(r)) => r.clone(),
            _ => none_default.clone(),
        };
        let nid = ui::field_id(&format!("month.{key}.none"));
        let _ = write!(
            b,
            "<div class=\"none\"><label for=\"{nid}\"><input type=\"checkbox\" id=\"{nid}\" name=\"month.{key}.none\" value=\"1\"{}> เดือนนี้ไม่มี</label>",
            if is_none { " checked" } else { "" }
        );
        b.push_str(&ui::text_field(
            &format!("month.{key}.reason"),
            "เหตุผลที่ไม่มี",
            &v(&format!("month.{key}.reason"), reason),
            "เช่น ไม่มีการจัดซื้อจัดจ้าง",
            errors
                .get(&format!("month.{key}.reason"))
                .map(String::as_str),
        ));
        b.push_str("</div>");
        let here: Vec<&Finding> = findings
            .iter()
            .copied()
            .filter(|x| x.month.as_deref() == Some(key.as_str()))
            .collect();
        b.push_str(&ui::findings(&here));
        b.push_str("</details>");
    }
    let rest: Vec<&Finding> = findings
        .iter()
        .copied()
        .filter(|x| x.month.is_none())
        .collect();
    b.push_str(&ui::findings(&rest));
    b.push_str("</fieldset>");
}
