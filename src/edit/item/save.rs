//! Saving an item's form: check every field first (nothing is written while one is wrong),
//! then store the uploaded files (each checked as `oit check` would; a refused one undoes the
//! others), then change only the values of index.md and the tables that the form changed, and
//! last move removed files to the trash.
use super::super::form::{Form, Upload};
use super::super::write::{self, io_text};
use super::super::yaml_patch::{self, Seg, Value};
use super::super::{Answer, Editor};
use super::checks::{check_facts, check_months, read_dates};
use super::files::{self, Listed};
use super::links::links_and_facts;
use super::lists::{MonthSet, Swap, swap_in, titled};
use super::{Errors, find, render, strip_format_suffix, tables};
use crate::content::MonthEntry;
use std::path::PathBuf;

pub fn save(editor: &Editor, year: &str, folder: &str, form: &Form) -> Option<Answer> {
    let snap = match editor.snapshot() {
        Ok(s) => s,
        Err(f) => return Some(super::super::ui::unreadable(&f)),
    };
    let found = find(&snap, year, folder)?;
    let item = found.item;
    // The small form that makes a table sends none of the item's fields: shown again, it must
    // show the item as it is on disk, or a second save would empty them.
    let prefill = (!form.checked("create_only")).then_some(form);
    let fail = |errors: &Errors, problem: Option<&str>, status: u16| {
        Some(Answer::Html(
            status,
            render(editor, &snap, &found, prefill, errors, false, problem),
        ))
    };
    let index = editor.content.join(&item.file);
    if form.text("stamp") != write::stamp(&index) {
        return fail(
            &Errors::new(),
            Some(
                "ไฟล์ของข้อนี้ถูกแก้ไขจากที่อื่น (เช่น โปรแกรมอื่นหรือหน้าต่างอื่น) หลังจากเปิดหน้านี้ จึงยังไม่บันทึกเพื่อไม่ให้ทับงานนั้น \
                 ให้คัดลอกสิ่งที่พิมพ์ไว้ แล้วโหลดหน้านี้ใหม่ / the item's file changed on disk since this page was opened: nothing was saved",
            ),
            409,
        );
    }
    let md = match std::fs::read_to_string(&index) {
        Ok(t) => t,
        Err(e) => return fail(&Errors::new(), Some(&io_text(&e, &index).th), 500),
    };
    // The front matter as written, for what the form does not show of each file entry.
    let raw: serde_json::Value = yaml_patch::split_front(&md)
        .and_then(|(front, _)| serde_saphyr::from_str(front).ok())
        .unwrap_or_default();
    if form.checked("create_only") {
        let kind = form.text("create_table");
        let dir = editor.content.join(&item.dir);
        return match super::new_table::create(&dir, item, found.crit.item(&item.code), &kind) {
            Ok(()) => Some(Answer::Redirect(format!("/item/{year}/{folder}?saved=1"))),
            Err(t) => fail(&Errors::new(), Some(&t.th), 500),
        };
    }
    let mut errors = Errors::new();
    let dates = read_dates(form, &mut errors);
    let table_plans = tables::plan(item, form, &mut errors);
    check_months(found.crit, form, &mut errors);
    check_facts(form, &mut errors);
    if !errors.is_empty() {
        return fail(&errors, None, 422);
    }

    // Store the uploads; any refusal undoes them all.
    let item_dir = editor.content.join(&item.dir);
    let mut stored: Vec<PathBuf> = Vec::new();
    let mut store = |up: &Upload, sub: &str, field: &str, errors: &mut Errors| -> Option<String> {
        let dir = if sub.is_empty() {
            item_dir.clone()
        } else {
            item_dir.join(sub)
        };
        match write::store_upload(&dir, up) {
            Ok(name) => {
                stored.push(dir.join(&name));
                Some(if sub.is_empty() {
                    name
                } else {
                    format!("{sub}/{name}")
                })
            }
            Err(t) => {
                errors.insert(field.to_string(), t.th);
                None
            }
        }
    };
    let mut trash: Vec<String> = Vec::new();
    let mut swaps: Vec<Swap> = Vec::new();

    // Attachments, in the order asked for.
    let mut atts: Vec<(usize, Listed)> = Vec::new();
    for (i, a) in item.attachments.iter().enumerate() {
        let p = format!("att.{i}");
        if form.checked(&format!("{p}.remove")) {
            trash.push(a.file.clone());
            continue;
        }
        let mut l = Listed::of(a, raw["attachments"].get(i));
        if let Some(up) = form.uploads(&format!("{p}.replace")).next()
            && let Some(new) = store(up, parent_of(&a.file), &format!("{p}.replace"), &mut errors)
        {
            l.file = swap_in(&item_dir, &a.file, new, &mut swaps);
        }
        l.title = form.text(&format!("{p}.title"));
        if let Some(lang) = form.get(&format!("{p}.lang")) {
            l.lang = lang.to_string();
        }
        if form.get(&format!("{p}.line")).is_some() {
            l.line = Some(form.text(&format!("{p}.line"))).filter(|x| !x.is_empty());
        }
        let order = form
            .get(&format!("{p}.order"))
            .and_then(|o| crate::thai::to_arabic_digits(o).parse().ok())
            .unwrap_or(i + 1);
        atts.push((order, l));
    }
    // Stable: equal numbers keep the order written.
    atts.sort_by_key(|(order, _)| *order);
    let mut atts: Vec<Listed> = atts.into_iter().map(|(_, l)| l).collect();
    let new_title = form.text("att.new.title");
    let new_lang = form.get("att.new.lang").unwrap_or("th").to_string();
    let new_line = Some(form.text("att.new.line")).filter(|x| !x.is_empty());
    let new_uploads: Vec<&Upload> = form.uploads("att.new").collect();
    for up in &new_uploads {
        if let Some(file) = store(up, "", "att.new", &mut errors) {
            let title = titled(&new_title, &file, new_uploads.len() > 1);
            atts.push(Listed::new(&file, &title, &new_lang, new_line.clone()));
        }
    }

    // Months.
    let mut month_sets: Vec<(String, Option<MonthSet>)> = Vec::new();
    if found.monthly.is_some() {
        for ym in found.crit.months() {
            let key = ym.key();
            let entry = item.months.get(&ym);
            let mut files: Vec<Listed> = Vec::new();
            if let Some(MonthEntry::Files(list)) = entry {
                for (j, a) in list.iter().enumerate() {
                    let mut l = Listed::of(a, raw["months"][key.as_str()].get(j));
                    let p = format!("month.{key}.{j}");
                    if form.checked(&format!("{p}.remove")) {
                        trash.push(a.file.clone());
                        continue;
                    }
                    if let Some(up) = form.uploads(&format!("{p}.replace")).next()
                        && let Some(new) =
                            store(up, parent_of(&a.file), &format!("{p}.replace"), &mut errors)
                    {
                        l.file = swap_in(&item_dir, &a.file, new, &mut swaps);
                    }
                    l.title = form.text(&format!("{p}.title"));
                    files.push(l);
                }
            }
            let field = format!("month.{key}.files");
            let ups: Vec<&Upload> = form.uploads(&field).collect();
            let base = strip_format_suffix(&form.text(&format!("month.{key}.title")));
            for up in &ups {
                if let Some(file) = store(up, &key, &field, &mut errors) {
                    let title = titled(&base, &file, true);
                    files.push(Listed::new(&file, &title, "th", None));
                }
            }
            let wanted = if form.checked(&format!("month.{key}.none")) {
                Some(MonthSet::None(form.text(&format!("month.{key}.reason"))))
            } else if files.is_empty() {
                None
            } else {
                Some(MonthSet::Files(files))
            };
            if MonthSet::changed(entry, wanted.as_ref()) {
                month_sets.push((key, wanted));
            }
        }
    }
    let table_writes = tables::store_images(
        item,
        form,
        &table_plans,
        &mut store,
        &mut errors,
        &editor.content,
        &mut trash,
    );
    if !errors.is_empty() {
        for p in &stored {
            let _ = std::fs::remove_file(p);
        }
        return fail(&errors, None, 422);
    }

    // index.md: only what changed.
    let result = (|| -> Result<String, String> {
        let (front, body) = yaml_patch::split_front(&md).ok_or_else(|| {
            "index.md ไม่มีส่วนหัว (front matter) ที่ขึ้นต้นด้วย --- จึงแก้ด้วยโปรแกรมนี้ไม่ได้".to_string()
        })?;
        let mut y = front.to_string();
        let patch_err = |e: yaml_patch::PatchError| super::super::ui::patch_failed(&e);
        let mut set = |y: &mut String, path: &[Seg], v: Option<Value>, sorted: bool| {
            *y = match v {
                Some(v) => yaml_patch::set(y, path, &v, sorted),
                None => yaml_patch::remove(y, path),
            }
            .map_err(patch_err)?;
            Ok::<(), String>(())
        };
        for (key, date, current) in [
            ("updated", dates.0, item.updated),
            ("as_of", dates.1, item.as_of),
        ] {
            if date != current && (date.is_some() || form.get(key).is_some()) {
                let v = date.map(|d| Value::Raw(crate::thai::format_iso_be(d)));
                set(&mut y, &[key_seg(key)], v, false)?;
            }
        }
        for (key, current) in [
            ("supervisor", &item.officers.supervisor),
            ("prepared_by", &item.officers.prepared_by),
            ("published_by", &item.officers.published_by),
        ] {
            // Check boxes come back in the list's order: keep the order written, add the new
            // ones after it.
            let picked = form.all(key);
            let mut chosen: Vec<String> = current
                .iter()
                .filter(|id| picked.contains(id))
                .cloned()
                .collect();
            chosen.extend(picked.into_iter().filter(|id| !current.contains(id)));
            if &chosen != current {
                let v = match chosen.len() {
                    0 => None,
                    1 => Some(Value::Str(chosen[0].clone())),
                    _ => Some(Value::List(chosen.into_iter().map(Value::Str).collect())),
                };
                set(&mut y, &[key_seg(key)], v, false)?;
            }
        }
        if !files::same_list(&atts, &item.attachments) {
            let v = (!atts.is_empty())
                .then(|| Value::List(atts.iter().map(Listed::to_value).collect()));
            set(&mut y, &[key_seg("attachments")], v, false)?;
        }
        for (key, wanted) in &month_sets {
            let path = [key_seg("months"), key_seg(key)];
            let v = wanted.as_ref().map(|w| match w {
                MonthSet::None(reason) => {
                    Value::Map(vec![("none".into(), Value::Str(reason.clone()))])
                }
                MonthSet::Files(files) => Value::List(files.iter().map(Listed::to_value).collect()),
            });
            set(&mut y, &path, v, true)?;
        }
        if item.placeholder && !form.checked("placeholder") {
            set(&mut y, &[key_seg("placeholder")], None, false)?;
        }
        links_and_facts(item, form, &mut y, &mut set)?;
        let new_body = super::super::form::body_to_write(&form.text_raw("body"), &item.body, body);
        Ok(yaml_patch::join_front(&md, &y, &new_body))
    })();
    let new_md = match result {
        Ok(t) => t,
        Err(e) => {
            for p in &stored {
                let _ = std::fs::remove_file(p);
            }
            return fail(&Errors::new(), Some(&e), 422);
        }
    };
    // Replaced files: the old one to the trash, the new one under its name (so its address,
    // which may already be given to ITAP, stays the same).
    for sw in &swaps {
        let old = format!(
            "{}/{}",
            item.dir.to_string_lossy().replace('\\', "/"),
            sw.old
        );
        let moved = write::to_trash(&editor.content, &old)
            .and_then(|_| std::fs::rename(item_dir.join(&sw.stored), item_dir.join(&sw.target)));
        if let Err(e) = moved {
            return fail(
                &Errors::new(),
                Some(&io_text(&e, &editor.content.join(&old)).th),
                500,
            );
        }
    }
    if new_md != md
        && let Err(e) = write::write_atomic(&index, new_md.as_bytes())
    {
        return fail(&Errors::new(), Some(&io_text(&e, &index).th), 500);
    }
    for (path, text) in table_writes {
        if let Err(e) = write::write_atomic(&path, text.as_bytes()) {
            return fail(&Errors::new(), Some(&io_text(&e, &path).th), 500);
        }
    }
    for rel in trash {
        let rel = format!("{}/{rel}", item.dir.to_string_lossy().replace('\\', "/"));
        if let Err(e) = write::to_trash(&editor.content, &rel) {
            return fail(
                &Errors::new(),
                Some(&io_text(&e, &editor.content.join(&rel)).th),
                500,
            );
        }
    }
    Some(Answer::Redirect(format!("/item/{year}/{folder}?saved=1")))
}

fn key_seg(k: &str) -> Seg {
    Seg::Key(k.to_string())
}

fn parent_of(file: &str) -> &str {
    file.rsplit_once('/').map(|(d, _)| d).unwrap_or("")
}
