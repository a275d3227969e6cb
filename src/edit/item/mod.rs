//! The screen of one OIT item: what the assessor looks for, then every part of the item as a
//! form (dates, officers, files, the months, links and facts, data tables, the text), each
//! with the check's findings about it beside it. `save` turns a submitted form into changes
//! of the item's files.
mod files;
mod save;
mod tables;

pub use save::save;

use super::form::Form;
use super::{Answer, Editor, Snapshot, ui};
use crate::check::{ItemResult, MonthRow, MonthState};
use crate::content::{Item, MonthEntry};
use crate::criteria::{Criteria, Rule};
use crate::diagnostics::Finding;
use crate::render::esc;
use crate::thai::YearMonth;
use std::collections::BTreeMap;
use std::fmt::Write;

/// Field name → the message shown at it (a form that was not saved).
pub type Errors = BTreeMap<String, String>;

/// Where the page shows a finding: beside the part of the form it is about.
#[derive(PartialEq, Eq, Clone, Copy)]
enum Zone {
    Top,
    Dates,
    Officers,
    Files,
    Month,
    Links,
    Tables,
    Text,
}

fn zone(f: &Finding) -> Zone {
    if f.month.is_some() {
        return Zone::Month;
    }
    match f.rule.as_str() {
        "date" => Zone::Dates,
        "officers" | "unknown-officer" => Zone::Officers,
        "attachments" | "file" | "format" | "languages" | "orphan" | "lines-of-work" => Zone::Files,
        "monthly" | "month" => Zone::Month,
        "links" | "facts" => Zone::Links,
        "table" => Zone::Tables,
        "placeholder" | "title" | "mentions" | "personal-data" => Zone::Text,
        _ => Zone::Top,
    }
}

/// The item of `year`/`folder` (`2567`/`o07`) with its criteria and check result.
pub(super) struct Found<'a> {
    pub item: &'a Item,
    pub crit: &'a Criteria,
    pub result: Option<&'a ItemResult>,
    pub monthly: Option<&'a MonthRow>,
}

pub(super) fn find<'a>(snap: &'a Snapshot, year: &str, folder: &str) -> Option<Found<'a>> {
    let year: u16 = year.parse().ok()?;
    let number: u32 = folder.strip_prefix(['o', 'O'])?.parse().ok()?;
    let item = snap.site.years.get(&year)?.items.get(&number)?;
    let crit = snap.crits.get(&year)?;
    let yr = snap.report.years.iter().find(|y| y.year == year);
    Some(Found {
        item,
        crit,
        result: yr.and_then(|y| y.items.iter().find(|i| i.code == item.code)),
        monthly: yr.and_then(|y| y.monthly.iter().find(|m| m.code == item.code)),
    })
}

pub fn show(editor: &Editor, year: &str, folder: &str, saved: bool) -> Option<Answer> {
    let snap = match editor.snapshot() {
        Ok(s) => s,
        Err(f) => return Some(ui::unreadable(&f)),
    };
    let found = find(&snap, year, folder)?;
    let html = render(editor, &snap, &found, None, &Errors::new(), saved, None);
    Some(Answer::Html(200, html))
}

/// The whole screen; `prefill` is a submitted form shown again with `errors` (nothing saved).
pub(super) fn render(
    editor: &Editor,
    snap: &Snapshot,
    f: &Found,
    prefill: Option<&Form>,
    errors: &Errors,
    saved: bool,
    problem: Option<&str>,
) -> String {
    let item = f.item;
    let v = |name: &str, default: String| match prefill {
        Some(form) => form.text(name),
        None => default,
    };
    let findings: Vec<&Finding> = f
        .result
        .map(|r| r.findings.iter().collect())
        .unwrap_or_default();
    let at =
        |z: Zone| -> Vec<&Finding> { findings.iter().copied().filter(|x| zone(x) == z).collect() };
    let ci = f.crit.item(&item.code);
    let title = ci
        .map(|c| c.title_th.as_str())
        .unwrap_or(item.code.as_str());
    let mut b = String::new();

    if saved {
        b.push_str(
            "<p class=\"saved\" role=\"status\">บันทึกแล้ว ผลการตรวจด้านล่างเป็นของข้อมูลที่บันทึกล่าสุด</p>",
        );
    }
    if let Some(p) = problem {
        let _ = write!(b, "<p class=\"bad\" role=\"alert\">{}</p>", esc(p));
    } else if !errors.is_empty() {
        b.push_str(&ui::not_saved(
            errors,
            prefill.is_some_and(|p| !p.files.is_empty()),
        ));
    }
    if let Some(r) = f.result {
        let (class, word) = super::home::verdict(r);
        let _ = write!(b, "<p>ผลการตรวจตอนนี้: {}</p>", ui::badge(class, word));
    }
    // What the assessor looks for.
    if let Some(c) = ci {
        let _ = write!(
            b,
            "<details class=\"criteria\"{}><summary>ผู้ประเมินดูอะไรในข้อนี้</summary><p>{}</p><ul>",
            // Open on the first visit; folded after a save, where the form is what matters.
            if saved || prefill.is_some() {
                ""
            } else {
                " open"
            },
            esc(&c.summary_th)
        );
        for r in &c.rules {
            let _ = write!(
                b,
                "<li>{}</li>",
                esc(&crate::criteria::rule_words(&r.rule, f.crit).th)
            );
        }
        b.push_str("</ul></details>");
    }
    b.push_str(&ui::findings(&at(Zone::Top)));

    let _ = write!(
        b,
        "<form method=\"post\" enctype=\"multipart/form-data\" class=\"item-form\">\
         <input type=\"hidden\" name=\"stamp\" value=\"{}\">",
        esc(&v(
            "stamp",
            super::write::stamp(&editor.content.join(&item.file))
        ))
    );

    // Dates.
    let rules: Vec<&Rule> = ci
        .map(|c| c.rules.iter().map(|r| &r.rule).collect())
        .unwrap_or_default();
    let wants_as_of = item.as_of.is_some()
        || rules.iter().any(|r| {
            matches!(
                r,
                Rule::Date {
                    field: crate::criteria::DateField::AsOf,
                    ..
                }
            )
        });
    b.push_str("<fieldset><legend>วันที่</legend>");
    b.push_str(&ui::date_field(
        "updated",
        "วันที่ปรับปรุงข้อมูล",
        &v("updated", item.updated.map(ui::be_date).unwrap_or_default()),
        "วัน/เดือน/ปี พ.ศ. เช่น 5/12/2569 หรือ 5 ธ.ค. 2569",
        errors.get("updated").map(String::as_str),
    ));
    if wants_as_of {
        b.push_str(&ui::date_field(
            "as_of",
            "ข้อมูล ณ วันที่",
            &v("as_of", item.as_of.map(ui::be_date).unwrap_or_default()),
            "วันที่ของข้อมูลในเอกสาร (ถ้าเกณฑ์กำหนด)",
            errors.get("as_of").map(String::as_str),
        ));
    }
    b.push_str(&ui::findings(&at(Zone::Dates)));
    b.push_str("</fieldset>");

    officers(&mut b, snap, item, prefill);
    b.push_str(&ui::findings(&at(Zone::Officers)));
    b.push_str("</fieldset>");

    let lines = rules.iter().any(|r| matches!(r, Rule::LinesOfWork { .. }))
        || item.attachments.iter().any(|a| a.line.is_some());
    attachments(&mut b, item, prefill, errors, lines);
    b.push_str(&ui::findings(&at(Zone::Files)));
    b.push_str("</fieldset>");

    if let Some(row) = f.monthly {
        months(&mut b, item, row, f, prefill, errors, &at(Zone::Month));
    }
    links_and_facts(&mut b, item, &rules, prefill);
    b.push_str(&ui::findings(&at(Zone::Links)));
    b.push_str("</fieldset>");
    tables::grid(&mut b, &editor.content, item, prefill, errors);
    b.push_str(&ui::findings(&at(Zone::Tables)));

    let _ = write!(
        b,
        "<fieldset><legend>ข้อความในหน้า</legend><div class=\"md\"><div class=\"field\"><label for=\"f-body\">ข้อความ (Markdown: บรรทัดว่างขึ้นย่อหน้าใหม่, **ตัวหนา**, - รายการ)</label>\
         <textarea id=\"f-body\" name=\"body\" rows=\"12\" data-preview=\"preview-body\">{}</textarea></div>\
         <section class=\"preview\" aria-label=\"ตัวอย่างข้อความ\"><h2 class=\"h3\">ตัวอย่าง</h2><div id=\"preview-body\" aria-live=\"polite\"></div></section></div>",
        esc(&v("body", item.body.trim_start_matches('\n').to_string()))
    );
    b.push_str(&ui::findings(&at(Zone::Text)));
    b.push_str("</fieldset>");
    let page_url = format!(
        "/preview/{}/",
        item.dir.to_string_lossy().replace('\\', "/")
    );
    let _ = write!(
        b,
        "<div class=\"actions\"><button type=\"submit\">บันทึก</button> <a href=\"{}\" target=\"_blank\" rel=\"noopener\">ดูหน้านี้บนเว็บไซต์ ↗</a></div></form>",
        esc(&page_url)
    );
    let heading = format!("{} {}", item.code, title);
    ui::page(
        &heading,
        &snap.site.config.station.name_th,
        &[("รายการที่ต้องเผยแพร่", "/")],
        &b,
    )
}

/// Leaves the officers' fieldset open (its findings follow).
fn officers(b: &mut String, snap: &Snapshot, item: &Item, prefill: Option<&Form>) {
    b.push_str("<fieldset><legend>ผู้รับผิดชอบ</legend>");
    let roles = [
        ("supervisor", "ผู้กำกับดูแล", &item.officers.supervisor),
        ("prepared_by", "ผู้จัดทำข้อมูล", &item.officers.prepared_by),
        ("published_by", "ผู้เผยแพร่", &item.officers.published_by),
    ];
    for (key, label, current) in roles {
        let chosen: Vec<String> = match prefill {
            Some(f) => f.all(key),
            None => current.clone(),
        };
        let names: Vec<String> = chosen
            .iter()
            .map(|id| {
                snap.site
                    .config
                    .officers
                    .get(id)
                    .map(|o| o.name.clone())
                    .unwrap_or_else(|| id.clone())
            })
            .collect();
        let _ = write!(
            b,
            "<details class=\"pick\"><summary>{label}: <span>{}</span></summary><div class=\"checks\" role=\"group\" aria-label=\"{label}\">",
            if names.is_empty() {
                "ยังไม่ได้เลือก".to_string()
            } else {
                esc(&names.join(", "))
            }
        );
        for (id, o) in &snap.site.config.officers {
            let fid = ui::field_id(&format!("{key}.{id}"));
            let _ = write!(
                b,
                "<label for=\"{fid}\"><input type=\"checkbox\" id=\"{fid}\" name=\"{key}\" value=\"{}\"{}> {} <small>{}</small></label>",
                esc(id),
                if chosen.contains(id) { " checked" } else { "" },
                esc(&o.name),
                esc(&o.position)
            );
        }
        b.push_str("</div></details>");
    }
}

/// Leaves the files' fieldset open (its findings follow).
fn attachments(b: &mut String, item: &Item, prefill: Option<&Form>, errors: &Errors, lines: bool) {
    let v = |name: &str, default: &str| match prefill {
        Some(form) => form.text(name),
        None => default.to_string(),
    };
    b.push_str("<fieldset id=\"files\"><legend>ไฟล์แนบ</legend>");
    if !item.attachments.is_empty() {
        b.push_str("<ol class=\"files\">");
    }
    for (i, a) in item.attachments.iter().enumerate() {
        let _ = write!(b, "<li><span class=\"file\">{}</span>", esc(&a.file));
        b.push_str(&ui::text_field(
            &format!("att.{i}.title"),
            "ชื่อที่แสดง",
            &v(&format!("att.{i}.title"), &a.title),
            "",
            errors.get(&format!("att.{i}.title")).map(String::as_str),
        ));
        b.push_str("<div class=\"row-meta\">");
        b.push_str(&file_meta(
            &format!("att.{i}"),
            &a.lang,
            a.line.as_deref(),
            lines,
            prefill,
        ));
        let order = format!("att.{i}.order");
        let _ = write!(
            b,
            "<div class=\"field\"><label for=\"{}\">ลำดับ</label><input type=\"number\" min=\"1\" id=\"{}\" name=\"{order}\" value=\"{}\"></div></div>",
            ui::field_id(&order),
            ui::field_id(&order),
            esc(&v(&order, &(i + 1).to_string()))
        );
        file_row_controls(b, &format!("att.{i}"), prefill);
        b.push_str("</li>");
    }
    if !item.attachments.is_empty() {
        b.push_str("</ol>");
    }
    let _ = write!(
        b,
        "<div class=\"upload\"><label for=\"f-att-new\">เพิ่มไฟล์ (PDF, Word, Excel, รูปภาพ) ลากไฟล์มาวางที่ช่องนี้ได้</label>\
         <input type=\"file\" id=\"f-att-new\" name=\"att.new\" multiple>{}</div>",
        error_text(errors.get("att.new"))
    );
    b.push_str(&ui::text_field(
        "att.new.title",
        "ชื่อที่แสดงของไฟล์ที่เพิ่ม",
        &v("att.new.title", ""),
        "ถ้าว่างไว้ จะใช้ชื่อไฟล์",
        None,
    ));
    b.push_str("<div class=\"row-meta\">");
    b.push_str(&file_meta("att.new", "th", None, lines, prefill));
    b.push_str("</div>");
}

/// The language of a file and, where the criteria ask for it, its line of work.
fn file_meta(
    prefix: &str,
    lang: &str,
    line: Option<&str>,
    lines: bool,
    prefill: Option<&Form>,
) -> String {
    let v = |name: &str, default: &str| match prefill {
        Some(form) => form.text(name),
        None => default.to_string(),
    };
    let mut out = ui::select_field(
        &format!("{prefix}.lang"),
        "ภาษา",
        &[("th", "ภาษาไทย"), ("en", "ภาษาอังกฤษ")],
        &v(&format!("{prefix}.lang"), lang),
    );
    if lines {
        out.push_str(&ui::text_field(
            &format!("{prefix}.line"),
            "งาน",
            &v(&format!("{prefix}.line"), line.unwrap_or("")),
            "เช่น อำนวยการ ป้องกันปราบปราม จราจร สืบสวน สอบสวน",
            None,
        ));
    }
    out
}

/// Replace and remove controls of one listed file.
fn file_row_controls(b: &mut String, prefix: &str, prefill: Option<&Form>) {
    let rid = ui::field_id(&format!("{prefix}.remove"));
    let pid = ui::field_id(&format!("{prefix}.replace"));
    let checked = prefill.is_some_and(|f| f.checked(&format!("{prefix}.remove")));
    let _ = write!(
        b,
        "<div class=\"row-tools\"><label for=\"{pid}\">แทนที่ด้วยไฟล์ใหม่</label><input type=\"file\" id=\"{pid}\" name=\"{prefix}.replace\">\
         <label class=\"remove\" for=\"{rid}\"><input type=\"checkbox\" id=\"{rid}\" name=\"{prefix}.remove\" value=\"1\"{}> ลบไฟล์นี้ (ย้ายไปถังขยะ)</label></div>",
        if checked { " checked" } else { "" }
    );
}

fn error_text(e: Option<&String>) -> String {
    e.map(|e| format!("<strong class=\"field-error\">{}</strong>", esc(e)))
        .unwrap_or_default()
}

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
fn months(
    b: &mut String,
    item: &Item,
    row: &MonthRow,
    f: &Found,
    prefill: Option<&Form>,
    errors: &Errors,
    findings: &[&Finding],
) {
    let v = |name: &str, default: String| match prefill {
        Some(form) => form.text(name),
        None => default,
    };
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

/// Leaves the links' fieldset open (its findings follow).
fn links_and_facts(b: &mut String, item: &Item, rules: &[&Rule], prefill: Option<&Form>) {
    let v = |name: &str, default: &str| match prefill {
        Some(form) => form.text(name),
        None => default.to_string(),
    };
    let mut fact_keys: Vec<String> = item.facts.keys().cloned().collect();
    let mut link_keys: Vec<String> = Vec::new();
    for r in rules {
        match r {
            Rule::Facts { keys } => fact_keys.extend(keys.iter().cloned()),
            Rule::Links { keys, .. } => link_keys.extend(keys.iter().cloned()),
            _ => {}
        }
    }
    fact_keys.sort();
    fact_keys.dedup();
    if fact_keys.is_empty() && link_keys.is_empty() && item.links.is_empty() {
        b.push_str("<fieldset hidden>");
        return;
    }
    b.push_str("<fieldset id=\"links\"><legend>ลิงก์และข้อมูล</legend>");
    for k in &fact_keys {
        let name = format!("fact.{k}");
        let current = item.facts.get(k).cloned().unwrap_or_default();
        b.push_str(&ui::text_field(&name, k, &v(&name, &current), "", None));
    }
    let mut rows: Vec<(String, String, String)> = item
        .links
        .iter()
        .map(|l| {
            (
                l.key.clone().unwrap_or_default(),
                l.title.clone(),
                l.url.clone(),
            )
        })
        .collect();
    for k in &link_keys {
        if !rows.iter().any(|(key, _, _)| key == k) {
            rows.push((k.clone(), String::new(), String::new()));
        }
    }
    rows.push(Default::default());
    for (i, (key, title, url)) in rows.iter().enumerate() {
        let _ = write!(
            b,
            "<div class=\"link-row\"><input type=\"hidden\" name=\"link.{i}.key\" value=\"{}\">",
            esc(&v(&format!("link.{i}.key"), key))
        );
        let label = if key.is_empty() {
            "ลิงก์".to_string()
        } else {
            format!("ลิงก์ ({key})")
        };
        b.push_str(&ui::text_field(
            &format!("link.{i}.title"),
            &format!("{label}: ชื่อ"),
            &v(&format!("link.{i}.title"), title),
            "",
            None,
        ));
        b.push_str(&ui::text_field(
            &format!("link.{i}.url"),
            &format!("{label}: ที่อยู่ (https://…)"),
            &v(&format!("link.{i}.url"), url),
            "",
            None,
        ));
        b.push_str("</div>");
    }
}
