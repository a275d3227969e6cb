//! The station's ordinary pages (`pages/*.md`: contact, privacy policy, accessibility, …):
//! their title and text. Only what changed is rewritten, as everywhere in the editor.
use super::form::Form;
use super::write::{self, io_text};
use super::yaml_patch::{self, Seg, Value};
use super::{Answer, Editor, Snapshot, ui};
use crate::content::Page;
use crate::render::esc;
use std::collections::BTreeMap;
use std::fmt::Write;

pub fn list(editor: &Editor) -> Answer {
    let snap = match editor.snapshot() {
        Ok(s) => s,
        Err(f) => return ui::unreadable(&f),
    };
    let mut b = String::from("<ul class=\"news-list\">");
    for p in &snap.site.pages {
        let _ = write!(
            b,
            "<li><a href=\"/pages/{}\">{}</a></li>",
            ui::url_segment(&p.slug),
            esc(&p.title)
        );
    }
    b.push_str("</ul>");
    Answer::Html(
        200,
        ui::page("หน้าอื่น ๆ", &snap.site.config.station.name_th, &[], &b),
    )
}

fn find<'a>(snap: &'a Snapshot, slug: &str) -> Option<&'a Page> {
    let slug =
        crate::serve::http::percent_decode(slug, false).and_then(|b| String::from_utf8(b).ok())?;
    snap.site.pages.iter().find(|p| p.slug == slug)
}

pub fn show(editor: &Editor, slug: &str, saved: bool) -> Option<Answer> {
    let snap = match editor.snapshot() {
        Ok(s) => s,
        Err(f) => return Some(ui::unreadable(&f)),
    };
    let page = find(&snap, slug)?;
    Some(Answer::Html(
        200,
        render(editor, &snap, page, None, &BTreeMap::new(), saved, None),
    ))
}

fn render(
    editor: &Editor,
    snap: &Snapshot,
    page: &Page,
    prefill: Option<&Form>,
    errors: &BTreeMap<String, String>,
    saved: bool,
    problem: Option<&str>,
) -> String {
    let v = |name: &str, default: String| super::form::shown(prefill, name, &default);
    let mut b = ui::status(saved, "บันทึกแล้ว", problem, errors, prefill);
    let stamp = write::stamp(&editor.content.join(&page.file));
    let _ = write!(
        b,
        "<form method=\"post\"><input type=\"hidden\" name=\"stamp\" value=\"{}\">",
        esc(&v("stamp", stamp))
    );
    b.push_str(&ui::text_field(
        "title",
        "ชื่อหน้า",
        &v("title", page.title.clone()),
        "",
        errors.get("title").map(String::as_str),
    ));
    let _ = write!(
        b,
        "{}<div class=\"actions\"><button type=\"submit\">บันทึก</button> <a href=\"{}\" target=\"_blank\" rel=\"noopener\">ดูหน้านี้บนเว็บไซต์ ↗</a></div></form>",
        ui::markdown_field(
            ui::MARKDOWN_LABEL,
            &v("body", page.body.trim_start_matches('\n').to_string()),
            16
        ), // The home page's text is the site's front page.
        if page.slug == "home" {
            "/preview/".to_string()
        } else {
            format!("/preview/{}/", ui::url_segment(&page.slug))
        }
    );
    ui::page(
        &page.title,
        &snap.site.config.station.name_th,
        &[("หน้าอื่น ๆ", "/pages")],
        &b,
    )
}

pub fn save(editor: &Editor, slug: &str, form: &Form) -> Option<Answer> {
    let snap = match editor.snapshot() {
        Ok(s) => s,
        Err(f) => return Some(ui::unreadable(&f)),
    };
    let page = find(&snap, slug)?;
    let fail = |errors: &BTreeMap<String, String>, problem: Option<&str>, status: u16| {
        Some(Answer::Html(
            status,
            render(editor, &snap, page, Some(form), errors, false, problem),
        ))
    };
    let path = editor.content.join(&page.file);
    if form.text("stamp") != write::stamp(&path) {
        return fail(
            &BTreeMap::new(),
            Some("หน้านี้ถูกแก้ไขจากที่อื่นหลังจากเปิดหน้านี้ จึงยังไม่บันทึก ให้โหลดหน้านี้ใหม่"),
            409,
        );
    }
    let title = form.text("title");
    if title.is_empty() {
        let errors = BTreeMap::from([("title".to_string(), "หน้าต้องมีชื่อ".to_string())]);
        return fail(&errors, None, 422);
    }
    let md = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => return fail(&BTreeMap::new(), Some(&io_text(&e, &path).th), 500),
    };
    let Some((front, body)) = yaml_patch::split_front(&md) else {
        return fail(
            &BTreeMap::new(),
            Some("ไฟล์นี้ไม่มีส่วนหัว (front matter) ที่ขึ้นต้นด้วย --- จึงแก้ด้วยโปรแกรมนี้ไม่ได้"),
            422,
        );
    };
    let y = if title != page.title {
        match yaml_patch::set(
            front,
            &[Seg::Key("title".into())],
            &Value::Str(title),
            false,
        ) {
            Ok(y) => y,
            Err(e) => return fail(&BTreeMap::new(), Some(&ui::patch_failed(&e)), 422),
        }
    } else {
        front.to_string()
    };
    let new_body = super::form::body_to_write(&form.text_raw("body"), &page.body, body);
    let new_md = yaml_patch::join_front(&md, &y, &new_body);
    if new_md != md
        && let Err(e) = write::write_atomic(&path, new_md.as_bytes())
    {
        return fail(&BTreeMap::new(), Some(&io_text(&e, &path).th), 500);
    }
    Some(Answer::Redirect(format!(
        "/pages/{}?saved=1",
        ui::url_segment(&page.slug)
    )))
}
