//! The station's own settings in site.yaml: its names, contact, social links and officers.
//! Only changed values are rewritten; the file's comments and layout stay.
use super::form::Form;
use super::write::{self, io_text};
use super::yaml_patch::{self, Seg, Value};
use super::{Answer, Editor, Snapshot, ui};
use crate::render::esc;
use std::collections::BTreeMap;
use std::fmt::Write;

const STATION: [(&str, &str); 5] = [
    ("name_th", "ชื่อสถานี (ภาษาไทย)"),
    ("name_en", "ชื่อสถานี (ภาษาอังกฤษ)"),
    ("short_th", "ชื่อย่อ เช่น สภ.สอง"),
    ("province_th", "จังหวัด"),
    ("bureau_th", "ตำรวจภูธรภาค"),
];
const CONTACT: [(&str, &str); 7] = [
    ("address", "ที่อยู่"),
    ("phone", "หมายเลขโทรศัพท์"),
    ("email", "อีเมล"),
    ("map_url", "ลิงก์แผนที่ (https://…)"),
    ("hours", "เวลาทำการ"),
    ("emergency", "หมายเลขโทรศัพท์ฉุกเฉิน"),
    ("fax", "หมายเลขโทรสาร"),
];
const OFFICER: [(&str, &str); 4] = [
    ("name", "ยศ ชื่อ สกุล"),
    ("position", "ตำแหน่ง"),
    ("phone", "โทรศัพท์"),
    ("unit", "งาน"),
];

type Errors = BTreeMap<String, String>;

pub fn show(editor: &Editor, saved: bool) -> Answer {
    match editor.snapshot() {
        Ok(snap) => Answer::Html(
            200,
            render(editor, &snap, None, &Errors::new(), saved, None),
        ),
        Err(f) => ui::unreadable(&f),
    }
}

fn current(snap: &Snapshot, section: &str, key: &str) -> String {
    let c = &snap.site.config;
    match section {
        "station" => match key {
            "name_th" => c.station.name_th.clone(),
            "name_en" => c.station.name_en.clone(),
            "short_th" => c.station.short_th.clone(),
            "province_th" => c.station.province_th.clone(),
            "bureau_th" => c.station.bureau_th.clone(),
            _ => String::new(),
        },
        _ => match key {
            "address" => c.contact.address.clone(),
            "phone" => c.contact.phone.clone(),
            "email" => c.contact.email.clone(),
            "map_url" => c.contact.map_url.clone(),
            "hours" => c.contact.hours.clone(),
            "emergency" => c.contact.emergency.clone(),
            "fax" => c.contact.fax.clone(),
            _ => String::new(),
        },
    }
}

fn render(
    editor: &Editor,
    snap: &Snapshot,
    prefill: Option<&Form>,
    errors: &Errors,
    saved: bool,
    problem: Option<&str>,
) -> String {
    let v = |name: &str, default: String| super::form::shown(prefill, name, &default);
    let err = |name: &str| errors.get(name).map(String::as_str);
    let mut b = String::new();
    b.push_str(&ui::status(saved, "บันทึกแล้ว", problem, errors, prefill));
    let findings: Vec<&crate::diagnostics::Finding> = snap
        .report
        .findings()
        .filter(|f| {
            f.file.as_deref() == Some("site.yaml")
                || matches!(f.rule.as_str(), "contact" | "social")
        })
        .collect();
    b.push_str(&ui::findings(&findings));
    let _ = write!(
        b,
        "<form method=\"post\"><input type=\"hidden\" name=\"stamp\" value=\"{}\"><fieldset><legend>สถานี</legend>",
        esc(&v("stamp", write::stamp(&editor.content.join("site.yaml"))))
    );
    for (k, label) in STATION {
        let name = format!("station.{k}");
        b.push_str(&ui::text_field(
            &name,
            label,
            &v(&name, current(snap, "station", k)),
            "",
            err(&name),
        ));
    }
    b.push_str("</fieldset><fieldset><legend>ช่องทางติดต่อ</legend>");
    for (k, label) in CONTACT {
        let name = format!("contact.{k}");
        b.push_str(&ui::text_field(
            &name,
            label,
            &v(&name, current(snap, "contact", k)),
            "",
            err(&name),
        ));
    }
    b.push_str(&ui::text_field(
        "eit_survey_url",
        "ลิงก์แบบสำรวจ EIT (https://…)",
        &v(
            "eit_survey_url",
            snap.site.config.eit_survey_url.clone().unwrap_or_default(),
        ),
        "",
        err("eit_survey_url"),
    ));
    b.push_str("</fieldset><fieldset><legend>สื่อสังคมออนไลน์</legend>");
    let social = &snap.site.config.social;
    for i in 0..=social.len() {
        let s = social.get(i);
        b.push_str("<div class=\"link-row\">");
        for (k, label, cur) in [
            ("name", "ชื่อ เช่น Facebook", s.map(|s| s.name.clone())),
            ("url", "ลิงก์ (https://…)", s.map(|s| s.url.clone())),
        ] {
            let name = format!("social.{i}.{k}");
            b.push_str(&ui::text_field(
                &name,
                label,
                &v(&name, cur.unwrap_or_default()),
                "",
                err(&name),
            ));
        }
        b.push_str("</div>");
    }
    b.push_str("</fieldset><fieldset><legend>เจ้าหน้าที่</legend><p class=\"help\">แถวสุดท้ายใช้เพิ่มเจ้าหน้าที่ใหม่ เลือก \"พ้นหน้าที่\" เพื่อนำชื่อออก (ต้องไม่เป็นผู้รับผิดชอบข้อใดอยู่)</p>");
    let officers: Vec<(&String, &crate::content::Officer)> =
        snap.site.config.officers.iter().collect();
    for i in 0..=officers.len() {
        let o = officers.get(i);
        let _ = write!(
            b,
            "<div class=\"officer\"><input type=\"hidden\" name=\"officer.{i}.id\" value=\"{}\"><h2 class=\"h3\">{}</h2>",
            esc(o.map(|(id, _)| id.as_str()).unwrap_or("")),
            if o.is_some() {
                format!("รหัส {}", esc(o.map(|(id, _)| id.as_str()).unwrap_or("")))
            } else {
                "เพิ่มเจ้าหน้าที่".into()
            }
        );
        for (k, label) in OFFICER {
            let name = format!("officer.{i}.{k}");
            let cur = o
                .map(|(_, o)| match k {
                    "name" => o.name.clone(),
                    "position" => o.position.clone(),
                    "phone" => o.phone.clone(),
                    _ => o.unit.clone(),
                })
                .unwrap_or_default();
            b.push_str(&ui::text_field(
                &name,
                label,
                &v(&name, cur),
                "",
                err(&name),
            ));
        }
        if o.is_some() {
            let rid = ui::field_id(&format!("officer.{i}.retire"));
            let _ = write!(
                b,
                "<label for=\"{rid}\"><input type=\"checkbox\" id=\"{rid}\" name=\"officer.{i}.retire\" value=\"1\"> พ้นหน้าที่ (นำออกจากรายชื่อ)</label>"
            );
            if let Some(e) = err(&format!("officer.{i}.retire")) {
                let _ = write!(b, "<strong class=\"field-error\">{}</strong>", esc(e));
            }
        }
        b.push_str("</div>");
    }
    b.push_str(
        "</fieldset><div class=\"actions\"><button type=\"submit\">บันทึก</button></div></form>",
    );
    ui::page("ข้อมูลสถานี", &snap.site.config.station.name_th, &[], &b)
}

fn key(k: &str) -> Seg {
    Seg::Key(k.to_string())
}

pub fn save(editor: &Editor, form: &Form) -> Answer {
    let snap = match editor.snapshot() {
        Ok(s) => s,
        Err(f) => return ui::unreadable(&f),
    };
    let fail = |errors: &Errors, problem: Option<&str>, status: u16| {
        Answer::Html(
            status,
            render(editor, &snap, Some(form), errors, false, problem),
        )
    };
    let path = editor.content.join("site.yaml");
    if form.text("stamp") != write::stamp(&path) {
        return fail(
            &Errors::new(),
            Some("site.yaml ถูกแก้ไขจากที่อื่นหลังจากเปิดหน้านี้ จึงยังไม่บันทึก ให้โหลดหน้านี้ใหม่"),
            409,
        );
    }
    let mut errors = Errors::new();
    if form.text("station.name_th").is_empty() {
        errors.insert("station.name_th".into(), "ต้องมีชื่อสถานี".into());
    }
    for k in ["phone", "emergency", "fax"] {
        let name = format!("contact.{k}");
        let t = form.text(&name);
        if !t.is_empty() && !crate::content::is_phone(&t) {
            errors.insert(
                name,
                format!(
                    "\"{t}\" ไม่ใช่หมายเลขโทรศัพท์ ให้ใช้ตัวเลข เช่น 054-591-111 หรือ 054-591-111 ต่อ 12"
                ),
            );
        }
    }
    let email = form.text("contact.email");
    if !email.is_empty() && !crate::content::is_email(&email) {
        errors.insert(
            "contact.email".into(),
            format!("\"{email}\" ไม่ใช่อีเมล ให้เขียนแบบ ชื่อ@โดเมน เช่น song@police.go.th"),
        );
    }
    let url_fields: Vec<String> = ["contact.map_url".to_string(), "eit_survey_url".to_string()]
        .into_iter()
        .chain((0..=snap.site.config.social.len()).map(|i| format!("social.{i}.url")))
        .collect();
    for name in url_fields {
        let t = form.text(&name);
        if !(t.is_empty() || t.starts_with("https://") || t.starts_with("http://")) {
            errors.insert(
                name,
                "ลิงก์ต้องขึ้นต้นด้วย https:// (คัดลอกจากแถบที่อยู่ของเบราว์เซอร์)".into(),
            );
        }
    }
    // Officers still named by an item cannot leave the list.
    let mut named: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for y in snap.site.years.values() {
        for it in y.items.values() {
            for id in it.officers.all() {
                let id = snap
                    .site
                    .config
                    .officers
                    .get_key_value(&id)
                    .map(|(k, _)| k.as_str());
                if let Some(id) = id {
                    named.entry(id).or_default().push(&it.code);
                }
            }
        }
    }
    let officers: Vec<&String> = snap.site.config.officers.keys().collect();
    for (i, id) in officers.iter().enumerate() {
        if form.checked(&format!("officer.{i}.retire"))
            && let Some(codes) = named.get(id.as_str())
        {
            errors.insert(
                format!("officer.{i}.retire"),
                format!(
                    "ยังเป็นผู้รับผิดชอบข้อ {} ให้เปลี่ยนผู้รับผิดชอบข้อนั้นก่อน",
                    codes.join(", ")
                ),
            );
        }
    }
    if !errors.is_empty() {
        return fail(&errors, None, 422);
    }
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => return fail(&errors, Some(&io_text(&e, &path).th), 500),
    };
    match patch(&snap, form, &officers, &text) {
        Ok(new) if new == text => Answer::Redirect("/station?saved=1".into()),
        Ok(new) => match write::write_atomic(&path, new.as_bytes()) {
            Ok(()) => Answer::Redirect("/station?saved=1".into()),
            Err(e) => fail(&errors, Some(&io_text(&e, &path).th), 500),
        },
        Err(e) => fail(&errors, Some(&e), 422),
    }
}

fn patch(snap: &Snapshot, form: &Form, officers: &[&String], text: &str) -> Result<String, String> {
    let mut y = text.to_string();
    let e = |e: yaml_patch::PatchError| ui::patch_failed(&e);
    for (section, fields) in [("station", &STATION[..]), ("contact", &CONTACT[..])] {
        for (k, _) in fields {
            let new = form.text(&format!("{section}.{k}"));
            if new != current(snap, section, k) {
                let path = [key(section), key(k)];
                y = if new.is_empty() {
                    yaml_patch::remove(&y, &path)
                } else {
                    yaml_patch::set(&y, &path, &Value::Str(new), false)
                }
                .map_err(e)?;
            }
        }
    }
    let eit = form.text("eit_survey_url");
    if eit != snap.site.config.eit_survey_url.clone().unwrap_or_default() {
        y = if eit.is_empty() {
            yaml_patch::remove(&y, &[key("eit_survey_url")])
        } else {
            yaml_patch::set(&y, &[key("eit_survey_url")], &Value::Str(eit), false)
        }
        .map_err(e)?;
    }
    let mut social = Vec::new();
    for i in 0..=snap.site.config.social.len() {
        let (n, u) = (
            form.text(&format!("social.{i}.name")),
            form.text(&format!("social.{i}.url")),
        );
        if !u.is_empty() {
            social.push((n, u));
        }
    }
    let cur: Vec<(String, String)> = snap
        .site
        .config
        .social
        .iter()
        .map(|s| (s.name.clone(), s.url.clone()))
        .collect();
    if social != cur {
        let v = Value::List(
            social
                .into_iter()
                .map(|(n, u)| {
                    Value::Map(vec![
                        ("name".into(), Value::Str(n)),
                        ("url".into(), Value::Str(u)),
                    ])
                })
                .collect(),
        );
        y = yaml_patch::set(&y, &[key("social")], &v, false).map_err(e)?;
    }
    for i in 0..=officers.len() {
        let retire = form.checked(&format!("officer.{i}.retire"));
        let id = match officers.get(i) {
            Some(id) => id.to_string(),
            None if form.text(&format!("officer.{i}.name")).is_empty() => continue,
            None => new_id(snap),
        };
        if retire {
            y = yaml_patch::remove(&y, &[key("officers"), key(&id)]).map_err(e)?;
            continue;
        }
        let cur = snap.site.config.officers.get(&id);
        let mut fields = Vec::new();
        let mut changed = cur.is_none();
        for (k, _) in OFFICER {
            let new = form.text(&format!("officer.{i}.{k}"));
            let old = cur
                .map(|o| match k {
                    "name" => o.name.clone(),
                    "position" => o.position.clone(),
                    "phone" => o.phone.clone(),
                    _ => o.unit.clone(),
                })
                .unwrap_or_default();
            changed |= new != old;
            if !new.is_empty() {
                fields.push((k.to_string(), Value::Str(new)));
            }
        }
        if changed {
            y = yaml_patch::set(&y, &[key("officers"), key(&id)], &Value::Map(fields), false)
                .map_err(e)?;
        }
    }
    Ok(y)
}

/// An id for a new officer: `officer1`, `officer2`, … (the first not taken).
fn new_id(snap: &Snapshot) -> String {
    (1..)
        .map(|n| format!("officer{n}"))
        .find(|id| !snap.site.config.officers.contains_key(id))
        .expect("some number is free")
}
