//! The screen of one OIT item: what the assessor looks for, then every part of the item as a
//! form (dates, officers, files, the months, links and facts, data tables, the text), each
//! with the check's findings about it beside it. `save` turns a submitted form into changes
//! of the item's files.
mod checks;
mod fields;
mod files;
mod links;
mod lists;
mod months;
mod new_table;
mod save;
mod tables;

use months::strip_format_suffix;
pub use save::save;

use super::form::Form;
use super::{Answer, Editor, Snapshot, ui};
use crate::check::{ItemResult, MonthRow};
use crate::content::Item;
use crate::criteria::{Criteria, Rule};
use crate::diagnostics::Finding;
use crate::render::esc;
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
    let Some(found) = find(&snap, year, folder) else {
        return unreadable_item(&snap, year, folder);
    };
    let html = render(editor, &snap, &found, None, &Errors::new(), saved, None);
    Some(Answer::Html(200, html))
}

/// An item the check knows but that could not be read (its index.md is not valid YAML, say):
/// what is wrong, where, for a text editor, since the form cannot show what it cannot read.
fn unreadable_item(snap: &Snapshot, year: &str, folder: &str) -> Option<Answer> {
    let y: u16 = year.parse().ok()?;
    let n: u32 = folder.strip_prefix(['o', 'O'])?.parse().ok()?;
    let code = format!("O{n}");
    let result = snap
        .report
        .years
        .iter()
        .find(|r| r.year == y)?
        .items
        .iter()
        .find(|i| i.code == code)?;
    let mut b = String::from(
        "<p class=\"bad\" role=\"alert\">อ่านไฟล์ของข้อนี้ไม่ได้ จึงยังแก้ในโปรแกรมนี้ไม่ได้ ให้แก้ไฟล์ตามรายการนี้ด้วยโปรแกรมแก้ข้อความ (เช่น Notepad) แล้วโหลดหน้านี้ใหม่</p><ul class=\"findings\">",
    );
    for f in &result.findings {
        let _ = write!(
            b,
            "<li class=\"err\"><pre>{}</pre></li>",
            esc(&f.render(crate::diagnostics::Lang::Th))
        );
    }
    b.push_str("</ul>");
    Some(Answer::Html(
        200,
        ui::page(
            &format!("{} {}", result.code, result.title),
            &snap.site.config.station.name_th,
            &[("รายการที่ต้องเผยแพร่", "/")],
            &b,
        ),
    ))
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
    let v = |name: &str, default: String| super::form::shown(prefill, name, &default);
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
    // What the page shows of index.md: its save and the table buttons are refused if it moved.
    let stamp = super::write::stamp(&editor.content.join(&item.file));

    b.push_str(&ui::status(
        saved,
        "บันทึกแล้ว ผลการตรวจด้านล่างเป็นของข้อมูลที่บันทึกล่าสุด",
        problem,
        errors,
        prefill,
    ));
    if let Some(r) = f.result {
        let (class, word) = super::home::verdict(r);
        let _ = write!(b, "<p>ผลการตรวจตอนนี้: {}</p>", ui::badge(class, word));
    }
    // The months still missing, each a link to its row: the usual reason to open this page.
    if let Some(row) = f.monthly {
        let missing: Vec<String> = row
            .months
            .iter()
            .filter(|(_, st)| **st == crate::check::MonthState::Missing)
            .filter_map(|(k, _)| {
                let ym: crate::thai::YearMonth = k.parse().ok()?;
                Some(format!(
                    "<a href=\"#m-{k}\">{}</a>",
                    esc(&crate::thai::format_month_long(ym))
                ))
            })
            .collect();
        if !missing.is_empty() {
            let _ = write!(
                b,
                "<p class=\"missing\">เดือนที่ยังขาด: {}</p>",
                missing.join(", ")
            );
        }
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
        esc(&v("stamp", stamp.clone()))
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
    // A page `oit new` made still says `placeholder: true` until the webmaster says it is done.
    if item.placeholder {
        let checked = match prefill {
            Some(form) => form.checked("placeholder"),
            None => true,
        };
        let _ = write!(
            b,
            "<fieldset><legend>สถานะของหน้า</legend><label for=\"f-placeholder\"><input type=\"checkbox\" id=\"f-placeholder\" name=\"placeholder\" value=\"1\"{}> \
             หน้านี้ยังเป็นข้อความแนวทางจาก oit new (เอาเครื่องหมายออกเมื่อใส่ข้อมูลจริงครบแล้ว)</label></fieldset>",
            if checked { " checked" } else { "" }
        );
    }
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
    fields::attachments(&mut b, item, prefill, errors, lines);
    b.push_str(&ui::findings(&at(Zone::Files)));
    b.push_str("</fieldset>");

    if let Some(row) = f.monthly {
        months::months(&mut b, item, row, f, prefill, errors, &at(Zone::Month));
    }
    links::fields(&mut b, item, &rules, prefill, errors);
    b.push_str(&ui::findings(&at(Zone::Links)));
    b.push_str("</fieldset>");
    tables::grid(&mut b, &editor.content, item, prefill, errors);
    b.push_str(&ui::findings(&at(Zone::Tables)));

    b.push_str("<fieldset><legend>ข้อความในหน้า</legend>");
    b.push_str(&ui::markdown_field(
        ui::MARKDOWN_LABEL,
        &v("body", item.body.trim_start_matches('\n').to_string()),
        12,
    ));
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
    new_table::forms(&mut b, &new_table::missing(item, ci), &stamp);
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
    if snap
        .site
        .config
        .officers
        .values()
        .all(|o| o.name.trim().is_empty())
    {
        b.push_str(
            "<p class=\"help\">ยังไม่มีชื่อเจ้าหน้าที่ของสถานี ให้ใส่ชื่อที่หน้า <a href=\"/station\">ข้อมูลสถานี</a> ก่อน แล้วกลับมาเลือกที่นี่</p>",
        );
    }
    let roles = [
        ("supervisor", "ผู้ควบคุม", &item.officers.supervisor),
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
                if o.name.trim().is_empty() {
                    format!("({id}: ยังไม่ได้ใส่ชื่อ)")
                } else {
                    esc(&o.name)
                },
                esc(&o.position)
            );
        }
        b.push_str("</div></details>");
    }
}
