//! A data table the criteria ask for but the item does not have yet (a station `oit new` made
//! has none): one button makes the file, with the columns of the example station's table of
//! the same kind (the verified FY2567 example) and no rows, so the grid can take the first row.
use super::super::ui;
use super::super::write;
use super::super::yaml_patch::{self, Seg, Value};
use crate::content::Item;
use crate::criteria::{CriteriaItem, Rule};
use crate::diagnostics::Text;
use crate::render::esc;
use std::fmt::Write;
use std::path::Path;

/// The table kinds the criteria want in this item that none of its tables has.
pub(super) fn missing(item: &Item, ci: Option<&CriteriaItem>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for r in ci.map(|c| c.rules.as_slice()).unwrap_or_default() {
        if let Rule::Table { table_kind, .. } = &r.rule
            && !item
                .tables
                .iter()
                .any(|t| t.kind.as_deref() == Some(table_kind))
            && !out.contains(table_kind)
        {
            out.push(table_kind.clone());
        }
    }
    out
}

/// One small form per missing table, after the item's form (a button inside that form would be
/// the one Enter presses). Its stamp is the item's, so a page changed meanwhile is refused.
pub(super) fn forms(b: &mut String, kinds: &[String], stamp: &str) {
    for kind in kinds {
        let _ = write!(
            b,
            "<form method=\"post\" class=\"new-table\"><input type=\"hidden\" name=\"stamp\" value=\"{}\">\
             <input type=\"hidden\" name=\"create_only\" value=\"1\"><fieldset class=\"table\"><legend>ตารางที่เกณฑ์กำหนด: ยังไม่มี</legend>\
             <p class=\"help\">ข้อนี้ต้องมีตารางข้อมูลชนิด {k} กดปุ่มเพื่อสร้างตารางเปล่าที่มีหัวคอลัมน์ตามตัวอย่าง แล้วกรอกแถวแรกในตาราง \
             (บันทึกสิ่งที่แก้ไว้ในหน้านี้ก่อนกด)</p><button type=\"submit\" name=\"create_table\" value=\"{k}\">สร้างตาราง {k}</button></fieldset></form>",
            esc(stamp),
            k = esc(kind)
        );
    }
}

/// Writes `<kind>.yaml` in the item's folder: the example's columns (or, for a kind the example
/// lacks, the columns the rule requires), the criteria's title of the item, and no rows.
pub(super) fn create(
    item_dir: &Path,
    item: &Item,
    ci: Option<&CriteriaItem>,
    kind: &str,
) -> Result<(), Text> {
    if !missing(item, ci).iter().any(|k| k == kind) {
        return Ok(());
    }
    let path = item_dir.join(format!("{}.yaml", kind.replace('_', "-")));
    if path.exists() {
        return Err(Text::new(
            format!("มีไฟล์ {} อยู่แล้ว ให้ตรวจว่าในไฟล์มี kind: {kind}", path.display()),
            format!(
                "{} exists already: check that it says kind: {kind}",
                path.display()
            ),
        ));
    }
    let example = crate::embedded::EXAMPLE.iter().find_map(|(p, bytes)| {
        let text = std::str::from_utf8(bytes).ok()?;
        (p.ends_with(".yaml") && text.lines().any(|l| l.trim() == format!("kind: {kind}")))
            .then_some(text)
    });
    let skeleton = match example {
        Some(text) => {
            // The example's opening comments speak of its own months and figures.
            let start: usize = text
                .split_inclusive('\n')
                .take_while(|l| l.starts_with('#'))
                .map(str::len)
                .sum();
            let cut = text.find("\nrows:").map(|i| i + 1).unwrap_or(text.len());
            format!("{}rows: []\n", &text[start..cut.max(start)])
        }
        None => {
            let required = ci
                .into_iter()
                .flat_map(|c| &c.rules)
                .find_map(|r| match &r.rule {
                    Rule::Table {
                        table_kind,
                        required,
                        ..
                    } if table_kind == kind => Some(required.clone()),
                    _ => None,
                })
                .unwrap_or_default();
            let mut t = format!("title: x\nkind: {kind}\ncolumns:\n");
            for k in required {
                let _ = writeln!(t, "  - {{ key: {k}, label: {k} }}");
            }
            t.push_str("rows: []\n");
            t
        }
    };
    let title = ci
        .map(|c| c.title_th.clone())
        .unwrap_or_else(|| kind.to_string());
    let text = yaml_patch::set(
        &skeleton,
        &[Seg::Key("title".into())],
        &Value::Str(title),
        false,
    )
    .map_err(|e| Text::new(ui::patch_failed(&e), e.to_string()))?;
    write::write_atomic(&path, text.as_bytes()).map_err(|e| write::io_text(&e, &path))
}
