//! An item's data tables (`executives.yaml`, `procurement.yaml`, …) as grids: one input per
//! cell, typed by its column (numbers, baht, dates, phones, images by upload), a row removed
//! with its check box, a row added in the blank last line. A save rewrites only the rows that
//! changed, read back through the same cell rules as `check`.
use super::super::form::{Form, Upload};
use super::super::ui;
use super::super::write;
use super::super::yaml_patch::{self, Seg, Value};
use super::Errors;
use crate::content::de::Scalar;
use crate::content::{Cell, ColumnType, Item, Table};
use crate::render::esc;
use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::PathBuf;

pub(super) fn grid(
    b: &mut String,
    content: &std::path::Path,
    item: &Item,
    prefill: Option<&Form>,
    errors: &Errors,
) {
    for (ti, t) in item.tables.iter().enumerate() {
        let _ = write!(
            b,
            "<fieldset class=\"table\" id=\"t{ti}\"><legend>ตาราง: {}</legend>\
             <input type=\"hidden\" name=\"t.{ti}.stamp\" value=\"{}\">",
            esc(if t.title.is_empty() {
                &t.file
            } else {
                &t.title
            }),
            esc(&match prefill {
                Some(f) => f.text(&format!("t.{ti}.stamp")),
                None => write::stamp(&content.join(&item.dir).join(&t.file)),
            })
        );
        let _ = write!(
            b,
            "<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"ตาราง {}\"><table class=\"edit-grid\"><thead><tr><th scope=\"col\">แถว</th>",
            esc(&t.title)
        );
        for c in &t.columns {
            let _ = write!(b, "<th scope=\"col\">{}</th>", esc(&c.label));
        }
        b.push_str("<th scope=\"col\">ลำดับ</th><th scope=\"col\">ลบ</th></tr></thead><tbody>");
        for r in 0..=t.rows.len() {
            let new = r == t.rows.len();
            let _ = write!(
                b,
                "<tr{}><th scope=\"row\">{}</th>",
                if new { " class=\"new-row\"" } else { "" },
                if new {
                    "แถวใหม่".to_string()
                } else {
                    (r + 1).to_string()
                }
            );
            for c in &t.columns {
                let name = format!("t.{ti}.{r}.{}", c.key);
                let shown = t
                    .rows
                    .get(r)
                    .and_then(|row| row.get(&c.key))
                    .map(shown_text)
                    .unwrap_or_default();
                let value = prefill.map(|f| f.text(&name)).unwrap_or(shown);
                let id = ui::field_id(&name);
                let row_label = if new {
                    "แถวใหม่".to_string()
                } else {
                    format!("แถวที่ {}", r + 1)
                };
                let err = errors.get(&name);
                let _ = write!(
                    b,
                    "<td><input id=\"{id}\" name=\"{}\" value=\"{}\" aria-label=\"{} {row_label}\"{}{}>",
                    esc(&name),
                    esc(&value),
                    esc(&c.label),
                    input_mode(c.kind),
                    if err.is_some() {
                        " aria-invalid=\"true\""
                    } else {
                        ""
                    },
                );
                if c.kind == ColumnType::Image {
                    let _ = write!(
                        b,
                        "<input type=\"file\" name=\"{}.file\" accept=\"image/*\" aria-label=\"อัปโหลด{} {row_label}\">",
                        esc(&name),
                        esc(&c.label)
                    );
                }
                if let Some(e) = err {
                    let _ = write!(b, "<strong class=\"field-error\">{}</strong>", esc(e));
                }
                b.push_str("</td>");
            }
            let order = format!("t.{ti}.{r}.order");
            let row_label = if new {
                "แถวใหม่".to_string()
            } else {
                format!("แถวที่ {}", r + 1)
            };
            let _ = write!(
                b,
                "<td><input type=\"number\" min=\"1\" class=\"order\" name=\"{order}\" value=\"{}\" aria-label=\"ลำดับของ{row_label}\"></td>",
                esc(&prefill
                    .map(|f| f.text(&order))
                    .unwrap_or_else(|| (r + 1).to_string()))
            );
            if new {
                b.push_str("<td></td>");
            } else {
                let name = format!("t.{ti}.{r}.remove");
                let _ = write!(
                    b,
                    "<td><input type=\"checkbox\" name=\"{name}\" value=\"1\" aria-label=\"ลบแถวที่ {}\"{}></td>",
                    r + 1,
                    if prefill.is_some_and(|f| f.checked(&name)) {
                        " checked"
                    } else {
                        ""
                    }
                );
            }
            b.push_str("</tr>");
        }
        b.push_str("</tbody></table></div></fieldset>");
    }
}

fn input_mode(kind: ColumnType) -> &'static str {
    match kind {
        ColumnType::Number | ColumnType::Baht => " inputmode=\"decimal\"",
        ColumnType::Phone => " inputmode=\"tel\"",
        ColumnType::Email => " inputmode=\"email\"",
        ColumnType::Date => " data-date",
        _ => "",
    }
}

/// A cell as the grid shows it: dates in the Buddhist Era.
fn shown_text(c: &Cell) -> String {
    match c {
        Cell::Date(d) => ui::be_date(*d),
        Cell::Month(m) => crate::thai::format_month_long(*m),
        Cell::Number(n) => format!("{n}"),
        _ => c.as_text(),
    }
}

/// What the form does to one table.
pub(super) struct TablePlan {
    table: usize,
    /// Rows whose cells changed (the new row's index is the table's length): cells by column.
    changed: Vec<(usize, BTreeMap<String, Cell>)>,
    removed: Vec<usize>,
    /// The rows kept, by their index before the save (the new row's is the table's length), in
    /// the order asked for; `None` when it is the order they have.
    order: Option<Vec<usize>>,
}

/// Reads every table of the form through the cell rules of `check`; a bad cell is an error at
/// its input.
pub(super) fn plan(item: &Item, form: &Form, errors: &mut Errors) -> Vec<TablePlan> {
    let dir = PathBuf::new();
    let mut plans = Vec::new();
    for (ti, t) in item.tables.iter().enumerate() {
        let mut p = TablePlan {
            table: ti,
            changed: Vec::new(),
            removed: Vec::new(),
            order: None,
        };
        let mut kept: Vec<(usize, usize)> = Vec::new();
        for r in 0..=t.rows.len() {
            if r < t.rows.len() && form.checked(&format!("t.{ti}.{r}.remove")) {
                p.removed.push(r);
                continue;
            }
            let mut cells = BTreeMap::new();
            let mut changed = false;
            for c in &t.columns {
                let name = format!("t.{ti}.{r}.{}", c.key);
                let text = form.text(&name);
                let upload = form.uploads(&format!("{name}.file")).next().is_some();
                let cell = if c.kind == ColumnType::Image {
                    // Checked once stored (an upload) or as it is in the folder.
                    if text.is_empty() {
                        Cell::Empty
                    } else {
                        Cell::Text(text)
                    }
                } else {
                    match crate::content::cell(c, &Scalar::Text(text), &dir) {
                        Ok(cell) => cell,
                        Err(e) => {
                            errors.insert(name, e.th);
                            continue;
                        }
                    }
                };
                let old = t
                    .rows
                    .get(r)
                    .and_then(|row| row.get(&c.key))
                    .cloned()
                    .unwrap_or(Cell::Empty);
                if cell != old || upload {
                    changed = true;
                }
                cells.insert(c.key.clone(), cell);
            }
            let blank_new = r == t.rows.len()
                && cells.values().all(Cell::is_empty)
                && !changed_upload(form, ti, r, t);
            if changed && !blank_new {
                p.changed.push((r, cells));
            }
            if r < t.rows.len() || (changed && !blank_new) {
                let asked = form
                    .get(&format!("t.{ti}.{r}.order"))
                    .and_then(|o| crate::thai::to_arabic_digits(o).parse().ok())
                    .unwrap_or(r + 1);
                kept.push((asked, r));
            }
        }
        // Stable: rows given the same number keep their order.
        kept.sort_by_key(|(asked, _)| *asked);
        let order: Vec<usize> = kept.into_iter().map(|(_, r)| r).collect();
        if order.windows(2).any(|w| w[0] > w[1]) {
            p.order = Some(order);
        }
        if !p.changed.is_empty() || !p.removed.is_empty() || p.order.is_some() {
            plans.push(p);
        }
    }
    plans
}

fn changed_upload(form: &Form, ti: usize, r: usize, t: &Table) -> bool {
    t.columns.iter().any(|c| {
        form.uploads(&format!("t.{ti}.{r}.{}.file", c.key))
            .next()
            .is_some()
    })
}

type Store<'a> = dyn FnMut(&Upload, &str, &str, &mut Errors) -> Option<String> + 'a;

/// Stores the grid's photos and makes each changed table's new text: (file, text) to write.
pub(super) fn store_images(
    item: &Item,
    form: &Form,
    plans: &[TablePlan],
    store: &mut Store,
    errors: &mut Errors,
    content: &std::path::Path,
    trash: &mut Vec<String>,
) -> Vec<(PathBuf, String)> {
    let mut writes = Vec::new();
    for p in plans {
        let t = &item.tables[p.table];
        // The photos of removed rows go to the trash, unless something else still shows them.
        for r in &p.removed {
            for c in t.columns.iter().filter(|c| c.kind == ColumnType::Image) {
                let Some(Cell::Text(f)) = t.rows[*r].get(&c.key) else {
                    continue;
                };
                let still_used = t.rows.iter().enumerate().any(|(i, row)| {
                    i != *r && !p.removed.contains(&i) && row.values().any(|v| v.as_text() == *f)
                }) || item.listed_files().contains(&f.as_str())
                    || item.body.contains(f.as_str());
                if !still_used && !trash.contains(f) {
                    trash.push(f.clone());
                }
            }
        }
        let ti = p.table;
        let path = content.join(&item.dir).join(&t.file);
        if form.text(&format!("t.{ti}.stamp")) != write::stamp(&path) {
            errors.insert(
                format!("t.{ti}.stamp"),
                "ตารางนี้ถูกแก้ไขจากที่อื่นหลังจากเปิดหน้านี้ จึงยังไม่บันทึก ให้โหลดหน้านี้ใหม่".into(),
            );
            continue;
        }
        let Ok(mut text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let mut ok = true;
        for (r, cells) in &p.changed {
            let mut row = Vec::new();
            for c in &t.columns {
                let name = format!("t.{ti}.{r}.{}", c.key);
                let mut cell = cells.get(&c.key).cloned().unwrap_or(Cell::Empty);
                if let Some(up) = form.uploads(&format!("{name}.file")).next() {
                    let sub = image_folder(t, &c.key);
                    match store(up, &sub, &name, errors) {
                        Some(file) => cell = Cell::Text(file),
                        None => {
                            ok = false;
                            continue;
                        }
                    }
                }
                if let Some(v) = value_of(&cell, c.kind) {
                    row.push((c.key.clone(), v));
                }
            }
            let at = [Seg::Key("rows".into()), Seg::Index(*r)];
            match yaml_patch::set(&text, &at, &Value::Map(row), false) {
                Ok(t) => text = t,
                Err(e) => {
                    errors.insert(format!("t.{ti}.stamp"), ui::patch_failed(&e));
                    ok = false;
                }
            }
        }
        // Reorder: the kept rows in the order asked for, the removed ones after them; then the
        // removed ones go from the end.
        let rows = [Seg::Key("rows".into())];
        let total = t.rows.len() + usize::from(p.changed.iter().any(|(r, _)| *r == t.rows.len()));
        let mut target: Vec<usize> = match &p.order {
            Some(o) => o.clone(),
            None => (0..total).filter(|r| !p.removed.contains(r)).collect(),
        };
        let kept = target.len();
        target.extend(p.removed.iter().copied());
        let mut current: Vec<usize> = (0..total).collect();
        for (to, id) in target.iter().enumerate() {
            let Some(from) = current.iter().position(|c| c == id) else {
                continue;
            };
            if from == to {
                continue;
            }
            match yaml_patch::move_item(&text, &rows, from, to) {
                Ok(t) => {
                    text = t;
                    let x = current.remove(from);
                    current.insert(to, x);
                }
                Err(e) => {
                    errors.insert(format!("t.{ti}.stamp"), ui::patch_failed(&e));
                    ok = false;
                    break;
                }
            }
        }
        for r in (kept..total).rev() {
            match yaml_patch::remove(&text, &[Seg::Key("rows".into()), Seg::Index(r)]) {
                Ok(t) => text = t,
                Err(e) => {
                    errors.insert(format!("t.{ti}.stamp"), ui::patch_failed(&e));
                    ok = false;
                }
            }
        }
        if ok {
            writes.push((path, text));
        }
    }
    writes
}

/// Where a new photo of `column` goes: beside the column's other photos (`photos/`), else in
/// the item folder.
fn image_folder(t: &Table, column: &str) -> String {
    t.rows
        .iter()
        .filter_map(|r| match r.get(column) {
            Some(Cell::Text(f)) => f.rsplit_once('/').map(|(d, _)| d.to_string()),
            _ => None,
        })
        .next()
        .unwrap_or_default()
}

/// A cell as YAML: numbers and dates plain, the rest as text; `None` for an empty cell.
fn value_of(cell: &Cell, kind: ColumnType) -> Option<Value> {
    match cell {
        Cell::Empty => None,
        Cell::Number(n) if matches!(kind, ColumnType::Number | ColumnType::Baht) => {
            Some(Value::Raw(format!("{n}")))
        }
        Cell::Number(n) => Some(Value::Str(format!("{n}"))),
        Cell::Date(d) => Some(Value::Raw(crate::thai::format_iso_be(*d))),
        Cell::Month(m) => Some(Value::Str(m.key())),
        Cell::Text(t) if t.trim().is_empty() => None,
        Cell::Text(t) => Some(Value::Str(t.clone())),
    }
}
