//! News: the list, and one news item as a form (title, date, the items it counts for, tags,
//! photos with their descriptions, the text). A new item gets a folder named by its date and
//! title; an existing one has only its changed values rewritten.
use super::form::Form;
use super::write::{self, io_text};
use super::yaml_patch::{self, Seg, Value};
use super::{Answer, Editor, ui};
use crate::content::News;
use crate::render::esc;
use std::collections::BTreeMap;
use std::fmt::Write;

/// The tags the site and the criteria know: (value, what the webmaster reads).
const TAGS: [(&str, &str); 3] = [
    ("ita", "ITA / การประเมินคุณธรรมและความโปร่งใส"),
    ("eit", "EIT / แบบสำรวจความคิดเห็นผู้มีส่วนได้ส่วนเสียภายนอก"),
    ("head", "หัวหน้าสถานี (ผู้บริหาร)"),
];

pub fn list(editor: &Editor) -> Answer {
    let snap = match editor.snapshot() {
        Ok(s) => s,
        Err(f) => return ui::unreadable(&f),
    };
    let mut b = String::from(
        "<p><a class=\"button\" href=\"/news/new\">เขียนข่าวใหม่</a></p><ul class=\"news-list\">",
    );
    for n in &snap.site.news {
        let _ = write!(
            b,
            "<li><a href=\"/news/{}\">{}</a> <small>{} · {}</small></li>",
            ui::url_segment(&folder_name(n)),
            esc(&n.title),
            ui::be_date(n.date),
            esc(&n.items.join(", "))
        );
    }
    b.push_str("</ul>");
    Answer::Html(
        200,
        ui::page("ข่าว", &snap.site.config.station.name_th, &[], &b),
    )
}

fn folder_name(n: &News) -> String {
    n.dir
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn find<'a>(news: &'a [News], slug: &str) -> Option<&'a News> {
    let slug =
        crate::serve::http::percent_decode(slug, false).and_then(|b| String::from_utf8(b).ok())?;
    news.iter().find(|n| folder_name(n) == slug)
}

pub fn show(editor: &Editor, slug: Option<&str>, saved: bool) -> Option<Answer> {
    let snap = match editor.snapshot() {
        Ok(s) => s,
        Err(f) => return Some(ui::unreadable(&f)),
    };
    let news = match slug {
        Some(s) => Some(find(&snap.site.news, s)?),
        None => None,
    };
    Some(Answer::Html(
        200,
        render(editor, &snap, news, None, &BTreeMap::new(), saved, None),
    ))
}

fn render(
    editor: &Editor,
    snap: &super::Snapshot,
    news: Option<&News>,
    prefill: Option<&Form>,
    errors: &BTreeMap<String, String>,
    saved: bool,
    problem: Option<&str>,
) -> String {
    let v = |name: &str, default: String| super::form::shown(prefill, name, &default);
    let mut b = String::new();
    b.push_str(&ui::status(saved, "บันทึกแล้ว", problem, errors, prefill));
    if let Some(n) = news {
        let findings: Vec<&crate::diagnostics::Finding> = snap
            .report
            .findings()
            .filter(|f| {
                f.file
                    .as_deref()
                    .is_some_and(|p| p == n.file.to_string_lossy().replace('\\', "/"))
            })
            .collect();
        b.push_str(&ui::findings(&findings));
    }
    let stamp = news
        .map(|n| write::stamp(&editor.content.join(&n.file)))
        .unwrap_or_default();
    let _ = write!(
        b,
        "<form method=\"post\" enctype=\"multipart/form-data\"><input type=\"hidden\" name=\"stamp\" value=\"{}\">",
        esc(&v("stamp", stamp))
    );
    b.push_str(&ui::text_field(
        "title",
        "หัวข้อข่าว",
        &v("title", news.map(|n| n.title.clone()).unwrap_or_default()),
        "",
        errors.get("title").map(String::as_str),
    ));
    b.push_str(&ui::date_field(
        "date",
        "วันที่",
        &v(
            "date",
            ui::be_date(news.map(|n| n.date).unwrap_or_else(crate::thai::today)),
        ),
        "วัน/เดือน/ปี พ.ศ. เช่น 2/12/2569",
        errors.get("date").map(String::as_str),
    ));
    // The items it counts for.
    let fy = snap.site.config.fiscal_year;
    let chosen: Vec<String> = match prefill {
        Some(f) => f.all("items"),
        None => news.map(|n| n.items.clone()).unwrap_or_default(),
    };
    b.push_str("<fieldset><legend>เป็นหลักฐานของข้อ</legend><div class=\"checks cols\">");
    if let Some(c) = snap.crits.get(&fy) {
        for it in &c.file.items {
            let id = ui::field_id(&format!("items.{}", it.code));
            let _ = write!(
                b,
                "<label for=\"{id}\"><input type=\"checkbox\" id=\"{id}\" name=\"items\" value=\"{}\"{}> <b>{}</b> {}</label>",
                esc(&it.code),
                if chosen.contains(&it.code) {
                    " checked"
                } else {
                    ""
                },
                esc(&it.code),
                esc(&it.title_th)
            );
        }
    }
    b.push_str("</div></fieldset><fieldset><legend>ป้ายกำกับ</legend><div class=\"checks\">");
    let tags: Vec<String> = match prefill {
        Some(f) => f.all("tags"),
        None => news.map(|n| n.tags.clone()).unwrap_or_default(),
    };
    for (tag, label) in TAGS {
        let id = ui::field_id(&format!("tags.{tag}"));
        let _ = write!(
            b,
            "<label for=\"{id}\"><input type=\"checkbox\" id=\"{id}\" name=\"tags\" value=\"{tag}\"{}> {}</label>",
            if tags.iter().any(|t| t == tag) {
                " checked"
            } else {
                ""
            },
            esc(label)
        );
    }
    b.push_str("</div></fieldset><fieldset><legend>รูปภาพ</legend>");
    if let Some(n) = news {
        for (i, p) in n.photos.iter().enumerate() {
            let _ = write!(
                b,
                "<div class=\"photo\"><span class=\"file\">{}</span>",
                esc(&p.file)
            );
            b.push_str(&ui::text_field(
                &format!("photo.{i}.alt"),
                "คำบรรยายรูป (สำหรับผู้พิการทางสายตา)",
                &v(&format!("photo.{i}.alt"), p.title.clone()),
                "",
                None,
            ));
            let rid = ui::field_id(&format!("photo.{i}.remove"));
            let _ = write!(
                b,
                "<label for=\"{rid}\"><input type=\"checkbox\" id=\"{rid}\" name=\"photo.{i}.remove\" value=\"1\"> ลบรูปนี้ (ย้ายไปถังขยะ)</label></div>"
            );
        }
    }
    let _ = write!(
        b,
        "<div class=\"upload\"><label for=\"f-photo-new\">เพิ่มรูป (JPG, PNG) ลากไฟล์มาวางได้</label>\
         <input type=\"file\" id=\"f-photo-new\" name=\"photo.new\" accept=\"image/*\" multiple>{}</div>",
        errors
            .get("photo.new")
            .map(|e| format!("<strong class=\"field-error\">{}</strong>", esc(e)))
            .unwrap_or_default()
    );
    b.push_str(&ui::text_field(
        "photo.new.alt",
        "คำบรรยายรูปที่เพิ่ม",
        &v("photo.new.alt", String::new()),
        "บอกว่าในรูปมีอะไร เช่น ผกก. มอบนโยบายในที่ประชุม",
        None,
    ));
    let _ = write!(
        b,
        "</fieldset><fieldset><legend>เนื้อหาข่าว</legend>{}</fieldset>\
         <div class=\"actions\"><button type=\"submit\">บันทึกข่าว</button></div></form>",
        ui::markdown_field(
            "ข้อความ",
            &v(
                "body",
                news.map(|n| n.body.trim_start_matches('\n').to_string())
                    .unwrap_or_default()
            ),
            10
        )
    );
    let title = match news {
        Some(n) => format!("แก้ไขข่าว: {}", n.title),
        None => "เขียนข่าวใหม่".to_string(),
    };
    ui::page(
        &title,
        &snap.site.config.station.name_th,
        &[("ข่าว", "/news")],
        &b,
    )
}

pub fn save(editor: &Editor, slug: Option<&str>, form: &Form) -> Option<Answer> {
    let snap = match editor.snapshot() {
        Ok(s) => s,
        Err(f) => return Some(ui::unreadable(&f)),
    };
    let news = match slug {
        Some(s) => Some(find(&snap.site.news, s)?),
        None => None,
    };
    let fail = |errors: &BTreeMap<String, String>, problem: Option<&str>, status: u16| {
        Some(Answer::Html(
            status,
            render(editor, &snap, news, Some(form), errors, false, problem),
        ))
    };
    let mut errors = BTreeMap::new();
    let title = form.text("title");
    if title.is_empty() {
        errors.insert("title".into(), "ข่าวต้องมีหัวข้อ".into());
    }
    let date = match crate::thai::parse_date(&form.text("date")) {
        Ok(d) => Some(d),
        Err(e) => {
            errors.insert("date".into(), e.message_th());
            None
        }
    };
    if !errors.is_empty() {
        return fail(&errors, None, 422);
    }
    let date = date.expect("checked above");
    let dir = match news {
        Some(n) => editor.content.join(&n.dir),
        None => {
            let mut name = format!(
                "{}-{}",
                crate::thai::format_iso_be(date),
                write::safe_name(&title)
                    .chars()
                    .take(40)
                    .collect::<String>()
            );
            let base = name.clone();
            let mut k = 2;
            while editor.content.join("news").join(&name).exists() {
                name = format!("{base}-{k}");
                k += 1;
            }
            editor.content.join("news").join(name)
        }
    };
    let index = dir.join("index.md");
    if news.is_some() && form.text("stamp") != write::stamp(&index) {
        return fail(
            &errors,
            Some("ข่าวนี้ถูกแก้ไขจากที่อื่นหลังจากเปิดหน้านี้ จึงยังไม่บันทึก ให้โหลดหน้านี้ใหม่"),
            409,
        );
    }
    // Photos first: a refused one stops the save with nothing written (not even the folder of
    // a new item, which would be a news folder without its index.md).
    let made_dir = !dir.exists();
    let mut stored = Vec::new();
    let alt = form.text("photo.new.alt");
    for up in form.uploads("photo.new") {
        match write::store_upload(&dir, up) {
            Ok(name) => stored.push(name),
            Err(t) => {
                errors.insert("photo.new".into(), t.th);
                break;
            }
        }
    }
    if !errors.is_empty() {
        for s in &stored {
            let _ = std::fs::remove_file(dir.join(s));
        }
        if made_dir {
            let _ = std::fs::remove_dir(&dir);
        }
        return fail(&errors, None, 422);
    }
    let mut photos: Vec<(String, String)> = Vec::new();
    let mut trash = Vec::new();
    if let Some(n) = news {
        for (i, p) in n.photos.iter().enumerate() {
            if form.checked(&format!("photo.{i}.remove")) {
                trash.push(p.file.clone());
            } else {
                photos.push((p.file.clone(), form.text(&format!("photo.{i}.alt"))));
            }
        }
    }
    photos.extend(stored.iter().map(|s| (s.clone(), alt.clone())));
    let body = form.text_raw("body").replace("\r\n", "\n");
    let items = form.all("items");
    let tags = form.all("tags");
    let text = match news {
        None => new_front(&title, date, &items, &tags, &photos)
            .map(|y| format!("---\n{y}---\n{}\n", body.trim_end())),
        Some(n) => existing(editor, n, &title, date, &items, &tags, &photos, &body),
    };
    let text = match text {
        Ok(t) => t,
        Err(e) => return fail(&errors, Some(&e), 422),
    };
    if let Err(e) = write::write_atomic(&index, text.as_bytes()) {
        return fail(&errors, Some(&io_text(&e, &index).th), 500);
    }
    let rel_dir = dir
        .strip_prefix(&editor.content)
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .unwrap_or_default();
    for f in trash {
        let _ = write::to_trash(&editor.content, &format!("{rel_dir}/{f}"));
    }
    let folder = dir
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    Some(Answer::Redirect(format!(
        "/news/{}?saved=1",
        ui::url_segment(&folder)
    )))
}

/// Photos as YAML: `{ file, alt }` each (no `alt` when none was given).
fn photo_list(photos: &[(String, String)]) -> Value {
    Value::List(
        photos
            .iter()
            .map(|(f, a)| {
                let mut m = vec![("file".to_string(), Value::Str(f.clone()))];
                if !a.is_empty() {
                    m.push(("alt".to_string(), Value::Str(a.clone())));
                }
                Value::Map(m)
            })
            .collect(),
    )
}

/// The front matter of a new news item, in the house style of the example (one line per key,
/// one line per photo): made by setting each value into a skeleton of that shape, so the text
/// is quoted exactly as a later edit would quote it.
fn new_front(
    title: &str,
    date: jiff::civil::Date,
    items: &[String],
    tags: &[String],
    photos: &[(String, String)],
) -> Result<String, String> {
    let mut y =
        String::from("title: x\ndate: x\nitems: [x]\ntags: [x]\nphotos:\n  - { file: x }\n");
    let list = |v: &[String]| Value::List(v.iter().cloned().map(Value::Str).collect());
    let photo_list = photo_list(photos);
    for (k, v) in [
        ("title", Value::Str(title.to_string())),
        ("date", Value::Raw(crate::thai::format_iso_be(date))),
        ("items", list(items)),
        ("tags", list(tags)),
        ("photos", photo_list),
    ] {
        y = if k == "photos" && photos.is_empty() {
            yaml_patch::remove(&y, &[Seg::Key(k.into())])
        } else {
            yaml_patch::set(&y, &[Seg::Key(k.into())], &v, false)
        }
        .map_err(|e| e.to_string())?;
    }
    Ok(y)
}

#[allow(clippy::too_many_arguments)]
fn existing(
    editor: &Editor,
    n: &News,
    title: &str,
    date: jiff::civil::Date,
    items: &[String],
    tags: &[String],
    photos: &[(String, String)],
    body: &str,
) -> Result<String, String> {
    let md = std::fs::read_to_string(editor.content.join(&n.file))
        .map_err(|e| io_text(&e, &n.file).th)?;
    let (front, old_body) =
        yaml_patch::split_front(&md).ok_or("index.md ไม่มีส่วนหัว (front matter)")?;
    let mut y = front.to_string();
    let e = |e: yaml_patch::PatchError| ui::patch_failed(&e);
    let key = |k: &str| [Seg::Key(k.to_string())];
    if title != n.title {
        y = yaml_patch::set(&y, &key("title"), &Value::Str(title.into()), false).map_err(e)?;
    }
    if date != n.date {
        y = yaml_patch::set(
            &y,
            &key("date"),
            &Value::Raw(crate::thai::format_iso_be(date)),
            false,
        )
        .map_err(e)?;
    }
    if items != n.items {
        let v = Value::List(items.iter().cloned().map(Value::Str).collect());
        y = yaml_patch::set(&y, &key("items"), &v, false).map_err(e)?;
    }
    if tags != n.tags {
        let v = Value::List(tags.iter().cloned().map(Value::Str).collect());
        y = yaml_patch::set(&y, &key("tags"), &v, false).map_err(e)?;
    }
    let current: Vec<(String, String)> = n
        .photos
        .iter()
        .map(|p| (p.file.clone(), p.title.clone()))
        .collect();
    if photos != current.as_slice() {
        y = if photos.is_empty() {
            yaml_patch::remove(&y, &key("photos"))
        } else {
            yaml_patch::set(&y, &key("photos"), &photo_list(photos), false)
        }
        .map_err(e)?;
    }
    let new_body = super::form::body_to_write(body, &n.body, old_body);
    Ok(yaml_patch::join_front(&md, &y, &new_body))
}

#[cfg(test)]
mod tests {
    #[test]
    fn new_front_matter_has_the_house_style() {
        let y = super::new_front(
            "ข่าว: ทดสอบ",
            jiff::civil::date(2024, 3, 28),
            &["O19".into()],
            &["ita".into()],
            &[
                ("a.jpg".into(), "รูป".into()),
                ("b.jpg".into(), String::new()),
            ],
        )
        .unwrap();
        assert_eq!(
            y,
            "title: \"ข่าว: ทดสอบ\"\ndate: 2567-03-28\nitems: [O19]\ntags: [ita]\nphotos:\n  - { file: a.jpg, alt: รูป }\n  - { file: b.jpg }\n"
        );
    }
}
