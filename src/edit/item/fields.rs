//! The files of an item: each listed file with its title, language, line of work, order,
//! replace and remove; and the upload box for new ones.
use super::super::form::Form;
use super::super::ui;
use super::Errors;
use crate::content::Item;
use crate::render::esc;
use std::fmt::Write;

/// Leaves the files' fieldset open (its findings follow).
pub(super) fn attachments(
    b: &mut String,
    item: &Item,
    prefill: Option<&Form>,
    errors: &Errors,
    lines: bool,
) {
    let v = |name: &str, default: &str| super::super::form::shown(prefill, name, default);
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
    let v = |name: &str, default: &str| super::super::form::shown(prefill, name, default);
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
pub(super) fn file_row_controls(b: &mut String, prefix: &str, prefill: Option<&Form>) {
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

pub(super) fn error_text(e: Option<&String>) -> String {
    e.map(|e| format!("<strong class=\"field-error\">{}</strong>", esc(e)))
        .unwrap_or_default()
}
