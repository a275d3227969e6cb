//! An item's links and facts: as fields under Thai labels (a date fact as a date), and as a
//! save writes them (only the keys whose value changed).
use super::super::form::Form;
use super::super::ui;
use super::super::yaml_patch::{Seg, Value};
use super::Errors;
use crate::content::Item;
use crate::criteria::Rule;
use crate::render::esc;
use std::fmt::Write;

pub(super) type Setter<'a> =
    dyn FnMut(&mut String, &[Seg], Option<Value>, bool) -> Result<(), String> + 'a;

pub(super) fn links_and_facts(
    item: &Item,
    form: &Form,
    y: &mut String,
    set: &mut Setter,
) -> Result<(), String> {
    for (name, _) in form.fields.iter().filter(|(n, _)| n.starts_with("fact.")) {
        let key = &name["fact.".len()..];
        let value = form.text(name);
        let current = item.facts.get(key).cloned().unwrap_or_default();
        let new = if is_date_key(key) {
            // Checked before anything was written (`check_facts`).
            match crate::thai::parse_date(&value) {
                Ok(d) if crate::thai::parse_date(&current).ok() == Some(d) => continue,
                Ok(d) => Some(Value::Raw(crate::thai::format_iso_be(d))),
                Err(_) => None,
            }
        } else if value == current {
            continue;
        } else {
            (!value.is_empty()).then_some(Value::Str(value))
        };
        if new.is_none() && current.is_empty() {
            continue;
        }
        set(
            y,
            &[Seg::Key("facts".into()), Seg::Key(key.to_string())],
            new,
            false,
        )?;
    }
    let mut links: Vec<(String, String, String)> = Vec::new();
    for i in 0.. {
        let Some(url) = form.get(&format!("link.{i}.url")) else {
            break;
        };
        if url.is_empty() {
            continue;
        }
        links.push((
            form.text(&format!("link.{i}.key")),
            form.text(&format!("link.{i}.title")),
            url.to_string(),
        ));
    }
    let current = link_rows(item);
    if links != current {
        let v = (!links.is_empty()).then(|| {
            Value::List(
                links
                    .iter()
                    .map(|(k, t, u)| {
                        let mut m = vec![
                            ("title".to_string(), Value::Str(t.clone())),
                            ("url".to_string(), Value::Str(u.clone())),
                        ];
                        if !k.is_empty() {
                            m.push(("key".to_string(), Value::Str(k.clone())));
                        }
                        Value::Map(m)
                    })
                    .collect(),
            )
        });
        set(y, &[Seg::Key("links".into())], v, false)?;
    }
    Ok(())
}

/// The links and facts as fields; leaves the fieldset open (its findings follow).
pub(super) fn fields(
    b: &mut String,
    item: &Item,
    rules: &[&Rule],
    prefill: Option<&Form>,
    errors: &Errors,
) {
    let v = |name: &str, default: &str| super::super::form::shown(prefill, name, default);
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
        let error = errors.get(&name).map(String::as_str);
        if is_date_key(k) {
            let shown = crate::thai::parse_date(&current)
                .map(ui::be_date)
                .unwrap_or(current);
            let hint = "วัน/เดือน/ปี พ.ศ. เช่น 31/3/2570";
            b.push_str(&ui::date_field(
                &name,
                &key_label(k),
                &v(&name, &shown),
                hint,
                error,
            ));
        } else {
            b.push_str(&ui::text_field(
                &name,
                &key_label(k),
                &v(&name, &current),
                "",
                error,
            ));
        }
    }
    let mut rows = link_rows(item);
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
            "ลิงก์อื่น".to_string()
        } else {
            key_label(key)
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

/// The item's links as the form has them: (key, title, url).
pub(super) fn link_rows(item: &Item) -> Vec<(String, String, String)> {
    item.links
        .iter()
        .map(|l| {
            (
                l.key.clone().unwrap_or_default(),
                l.title.clone(),
                l.url.clone(),
            )
        })
        .collect()
}

/// A fact that is a date (`complaints_as_of`): typed and checked as one.
pub(super) fn is_date_key(key: &str) -> bool {
    key.ends_with("_as_of") || key.ends_with("_date")
}

/// What a webmaster reads for a key the criteria name (links and facts); the key itself for
/// one they do not.
pub(super) fn key_label(key: &str) -> String {
    match key {
        "qa_channel" => "ช่องทางถาม-ตอบ / รับฟังความคิดเห็น".into(),
        "crime_report" => "แจ้งความออนไลน์".into(),
        "fine_payment" => "ชำระค่าปรับจราจรออนไลน์".into(),
        "case_tracking" => "ติดตามความคืบหน้าคดี".into(),
        "complaint_channel" => "ช่องทางร้องเรียนการทุจริต".into(),
        "complaints_as_of" => "สถิติเรื่องร้องเรียน ข้อมูล ณ วันที่".into(),
        other => other.to_string(),
    }
}
