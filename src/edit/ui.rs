//! The editor's page frame, its form fields and its assets (its own small stylesheet and
//! script, and the site's Sarabun font, all from the binary: it works with no network).
use super::Answer;
use crate::diagnostics::{Finding, Lang};
use crate::render::esc;
use crate::serve::http::Request;
use std::fmt::Write;

const CSS: &str = include_str!("assets/edit.css");
const JS: &str = include_str!("assets/edit.js");

/// A whole editor page. `station` names the station in the header; `crumbs` are (label, href)
/// pairs above the title.
pub fn page(title: &str, station: &str, crumbs: &[(&str, &str)], body: &str) -> String {
    let mut nav = String::new();
    for (label, href) in crumbs {
        let _ = write!(nav, "<a href=\"{}\">{}</a> › ", esc(href), esc(label));
    }
    format!(
        "<!DOCTYPE html><html lang=\"th\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>{t} — แก้ไขเว็บไซต์ OIT</title>\
<link rel=\"stylesheet\" href=\"/_/css/fonts.css\"><link rel=\"stylesheet\" href=\"/_/edit.css\">\
<script src=\"/_/edit.js\" defer></script></head><body>\
<a class=\"skip\" href=\"#main\">ข้ามไปยังเนื้อหา</a>\
<header class=\"top\"><div class=\"wrap\"><span class=\"brand\">แก้ไขเว็บไซต์ OIT <small>{s}</small></span>\
<nav aria-label=\"เมนูโปรแกรมแก้ไข\"><a href=\"/\">รายการที่ต้องเผยแพร่</a><a href=\"/news\">ข่าว</a>\
<a href=\"/station\">ข้อมูลสถานี</a><a href=\"/pages\">หน้าอื่น ๆ</a><a href=\"/preview/\" target=\"_blank\" rel=\"noopener\">ดูเว็บไซต์ ↗</a></nav></div></header>\
<main id=\"main\" class=\"wrap\"><p class=\"crumbs\">{nav}</p><h1>{t}</h1>{body}</main></body></html>",
        t = esc(title),
        s = esc(station),
    )
}

/// The page for a refused or broken request: no station data, nothing to act on but the text.
pub fn refusal_page(text: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"th\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>oit edit</title>\
<style>body{{font-family:Sarabun,Tahoma,sans-serif;margin:2rem;line-height:1.6;max-width:40rem}}</style></head>\
<body><main><h1>oit edit</h1><p>{}</p></main></body></html>",
        esc(text)
    )
}

/// Findings of loading that stop every screen (a site.yaml that cannot be read).
pub fn unreadable(findings: &[Finding]) -> Answer {
    let mut body = String::from(
        "<p class=\"bad\">อ่านข้อมูลสถานีไม่ได้ ให้แก้ไฟล์ตามรายการนี้ก่อน แล้วโหลดหน้านี้ใหม่</p><ul class=\"findings\">",
    );
    for f in findings {
        let _ = write!(body, "<li><pre>{}</pre></li>", esc(&f.render(Lang::Th)));
    }
    body.push_str("</ul>");
    Answer::Html(500, page("อ่านข้อมูลไม่ได้", "", &[], &body))
}

/// Why a change could not be written in place (a hand-written construct the editor does not
/// rewrite, such as an anchor): said for the webmaster, with the technical reason last.
pub fn patch_failed(e: &super::yaml_patch::PatchError) -> String {
    format!(
        "ส่วนนี้ของไฟล์เขียนไว้ในแบบที่โปรแกรมแก้ไขให้ไม่ได้ จึงยังไม่บันทึก ให้แก้ในไฟล์โดยตรง หรือขอให้ผู้ดูแลช่วย ({e})"
    )
}

/// What the top of a form says: saved (with `saved_text`), or why not (a `problem` with the
/// whole save, else the fields to fix; `prefill` is the form sent, whose chosen files are gone).
pub fn status(
    saved: bool,
    saved_text: &str,
    problem: Option<&str>,
    errors: &std::collections::BTreeMap<String, String>,
    prefill: Option<&super::form::Form>,
) -> String {
    if saved {
        return format!("<p class=\"saved\" role=\"status\">{}</p>", esc(saved_text));
    }
    match problem {
        Some(p) => format!("<p class=\"bad\" role=\"alert\">{}</p>", esc(p)),
        None if !errors.is_empty() => {
            not_saved(errors, prefill.is_some_and(|p| !p.files.is_empty()))
        }
        None => String::new(),
    }
}

/// The alert above a form that was not saved: how many fields to fix, each a link to its field.
fn not_saved(errors: &std::collections::BTreeMap<String, String>, files_chosen: bool) -> String {
    let mut out = format!(
        "<div class=\"bad\" role=\"alert\"><p>ยังไม่ได้บันทึก: มี {} ช่องที่ต้องแก้{}</p><ul>",
        errors.len(),
        if files_chosen {
            " และไฟล์ที่เลือกไว้ต้องเลือกใหม่"
        } else {
            ""
        }
    );
    for (field, message) in errors {
        let _ = write!(
            out,
            "<li><a href=\"#{}\">{}</a></li>",
            field_id(field),
            esc(message)
        );
    }
    out.push_str("</ul></div>");
    out
}

/// A list of findings, each with its hint, in Thai; empty when there are none.
pub fn findings(list: &[&Finding]) -> String {
    if list.is_empty() {
        return String::new();
    }
    let mut out = String::from("<ul class=\"findings\" role=\"list\">");
    for f in list {
        let class = if f.is_error() { "err" } else { "warn" };
        let _ = write!(out, "<li class=\"{class}\">{}", esc(&f.message.th));
        if let Some(h) = &f.hint {
            let _ = write!(out, "<br><small>วิธีแก้: {}</small>", esc(&h.th));
        }
        out.push_str("</li>");
    }
    out.push_str("</ul>");
    out
}

/// A one-line text field with its label, hint and error.
pub fn text_field(name: &str, label: &str, value: &str, hint: &str, error: Option<&str>) -> String {
    let id = field_id(name);
    let mut out = format!(
        "<div class=\"field\"><label for=\"{id}\">{}</label>",
        esc(label)
    );
    let described = describe(&mut out, &id, hint, error);
    let _ = write!(
        out,
        "<input id=\"{id}\" name=\"{}\" value=\"{}\"{described}{}></div>",
        esc(name),
        esc(value),
        if error.is_some() {
            " aria-invalid=\"true\""
        } else {
            ""
        }
    );
    out
}

/// A choice among `options` (value, label), with its label.
pub fn select_field(name: &str, label: &str, options: &[(&str, &str)], value: &str) -> String {
    let id = field_id(name);
    let mut out = format!(
        "<div class=\"field\"><label for=\"{id}\">{}</label><select id=\"{id}\" name=\"{}\">",
        esc(label),
        esc(name)
    );
    for (v, l) in options {
        let _ = write!(
            out,
            "<option value=\"{}\"{}>{}</option>",
            esc(v),
            if *v == value { " selected" } else { "" },
            esc(l)
        );
    }
    out.push_str("</select></div>");
    out
}

/// A date field: a Buddhist-Era date typed as the webmaster says it (31/12/2567, 31 ธ.ค. 2567,
/// Thai digits), with the editor's calendar beside it when the script runs.
pub fn date_field(name: &str, label: &str, value: &str, hint: &str, error: Option<&str>) -> String {
    text_field(name, label, value, hint, error).replacen(
        "<input ",
        "<input data-date inputmode=\"numeric\" autocomplete=\"off\" ",
        1,
    )
}

fn describe(out: &mut String, id: &str, hint: &str, error: Option<&str>) -> String {
    let mut ids = Vec::new();
    if !hint.is_empty() {
        let _ = write!(out, "<small id=\"{id}-hint\">{}</small>", esc(hint));
        ids.push(format!("{id}-hint"));
    }
    if let Some(e) = error {
        let _ = write!(
            out,
            "<strong class=\"field-error\" id=\"{id}-err\">{}</strong>",
            esc(e)
        );
        ids.push(format!("{id}-err"));
    }
    if ids.is_empty() {
        String::new()
    } else {
        format!(" aria-describedby=\"{}\"", ids.join(" "))
    }
}

/// An HTML id for a form field name (`month.2566-12.none` → `f-month-2566-12-none`).
pub fn field_id(name: &str) -> String {
    let mut id = String::from("f-");
    for c in name.chars() {
        id.push(if c.is_ascii_alphanumeric() { c } else { '-' });
    }
    id
}

/// A status badge: ผ่าน / ไม่ผ่าน / ยังไม่ถึงกำหนด …
pub fn badge(class: &str, text: &str) -> String {
    format!("<span class=\"badge {class}\">{}</span>", esc(text))
}

/// A Buddhist-Era date as the fields show it: 31/12/2567.
pub fn be_date(d: jiff::civil::Date) -> String {
    format!("{}/{}/{}", d.day(), d.month(), i32::from(d.year()) + 543)
}

/// The page text (`body`) as a text area with the live Markdown preview beside it.
pub fn markdown_field(label: &str, value: &str, rows: u8) -> String {
    format!(
        "<div class=\"md\"><div class=\"field\"><label for=\"f-body\">{}</label>\
         <textarea id=\"f-body\" name=\"body\" rows=\"{rows}\" data-preview=\"preview-body\">{}</textarea></div>\
         <section class=\"preview\" aria-label=\"ตัวอย่างข้อความ\"><h2 class=\"h3\">ตัวอย่าง</h2><div id=\"preview-body\" aria-live=\"polite\"></div></section></div>",
        esc(label),
        esc(value)
    )
}

/// The label of a Markdown text area, saying the three things a webmaster needs.
pub const MARKDOWN_LABEL: &str = "ข้อความ (Markdown: บรรทัดว่างขึ้นย่อหน้าใหม่, **ตัวหนา**, - รายการ)";

/// The Markdown preview beside a text: the same renderer as the site, raw HTML escaped.
pub fn markdown_preview(text: &str) -> Answer {
    let files = Default::default();
    let html = crate::render::markdown::render(
        text,
        &crate::render::markdown::LinkContext {
            root: "/preview/",
            files: &files,
            allow_html: false,
        },
    );
    Answer::Html(200, html)
}

/// The editor's own files and the site's font.
pub fn asset(request: Request, rest: &str) {
    let (bytes, ctype): (Vec<u8>, &str) = match rest {
        "edit.css" => (CSS.as_bytes().to_vec(), "text/css; charset=utf-8"),
        "edit.js" => (JS.as_bytes().to_vec(), "text/javascript; charset=utf-8"),
        _ => {
            let wanted = format!("static/{rest}");
            match crate::embedded::THEME
                .iter()
                .find(|(p, _)| *p == wanted && (p.ends_with(".woff2") || p.ends_with(".css")))
            {
                Some((p, b)) => (
                    b.to_vec(),
                    crate::serve::http::content_type(std::path::Path::new(p)),
                ),
                None => return request.send(404, b"not found".to_vec(), "text/plain"),
            }
        }
    };
    request.send(200, bytes, ctype)
}

/// `name` percent-encoded for a path segment (a news folder may have a Thai name).
pub fn url_segment(name: &str) -> String {
    let mut out = String::new();
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}
