//! A spreadsheet's first rows laid out as a table a reader understands. Government workbooks are
//! made for printing: a title row or two merged across the sheet, blank spacer rows, the real
//! header, the data, then a note ("หมายเหตุ: …"). Shown as they are, the title becomes the table's
//! only header cell and the real header reads as data. This finds the header row, moves the
//! titles above the table and the notes below it, drops empty rows and columns, and marks
//! numbers so they line up on the right.

use serde_json::{Value, json};

/// `rows` (all of one length, as read from the sheet) shaped for the page.
pub fn shape(sheet: &str, rows: &[Vec<String>], truncated: bool) -> Option<Value> {
    let filled = |r: &Vec<String>| r.iter().filter(|c| !c.trim().is_empty()).count();
    let rows: Vec<&Vec<String>> = rows.iter().filter(|r| filled(r) > 0).collect();
    let widest = rows.iter().map(|r| filled(r)).max()?;
    // The header is the first row about as full as the fullest one: a title row has one cell.
    let need = 2.max((widest * 3).div_ceil(5));
    let head_at = rows.iter().position(|r| filled(r) >= need).unwrap_or(0);
    // Trailing rows of a single cell are notes under the table, not data.
    let mut end = rows.len();
    while widest > 1 && end > head_at + 1 && filled(rows[end - 1]) == 1 {
        end -= 1;
    }
    let width = rows[head_at].len();
    let used: Vec<usize> = (0..width)
        .filter(|&c| rows[head_at..end].iter().any(|r| !cell(r, c).is_empty()))
        .collect();
    let line = |r: &Vec<String>| {
        r.iter()
            .map(|c| c.trim())
            .filter(|c| !c.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let titles: Vec<String> = rows[..head_at].iter().map(|r| line(r)).collect();
    let notes: Vec<String> = rows[end..].iter().map(|r| line(r)).collect();
    // A column of numbers is right-aligned, its header too, so amounts line up under it.
    let header: Vec<Value> = used
        .iter()
        .map(|&c| {
            let mut values = rows[head_at + 1..end]
                .iter()
                .map(|r| cell(r, c))
                .filter(|t| !t.is_empty())
                .peekable();
            let num = values.peek().is_some() && values.all(is_number);
            json!({"t": cell(rows[head_at], c), "num": num})
        })
        .collect();
    let body: Vec<Value> = rows[head_at + 1..end]
        .iter()
        .map(|r| {
            let cells: Vec<Value> = used
                .iter()
                .map(|&c| {
                    let t = cell(r, c);
                    json!({"t": t, "num": is_number(t)})
                })
                .collect();
            Value::Array(cells)
        })
        .collect();
    Some(json!({
        "sheet": sheet,
        "titles": titles,
        "header": header,
        "rows": body,
        "notes": notes,
        "truncated": truncated,
    }))
}

fn cell(row: &[String], c: usize) -> &str {
    row.get(c).map(|s| s.trim()).unwrap_or("")
}

/// An amount, a count or a percentage as spreadsheets display them: 1,250,000 · -3.5 · (420) ·
/// 12% · ๑๒๐ (Thai digits). A date or a code like "O12" is not a number.
fn is_number(t: &str) -> bool {
    let t = t.trim();
    let t = t.strip_suffix('%').unwrap_or(t);
    let t = t
        .strip_prefix('(')
        .and_then(|t| t.strip_suffix(')'))
        .unwrap_or(t);
    let t = t.strip_prefix(['-', '+', '−']).unwrap_or(t);
    let mut digits = 0;
    let mut dots = 0;
    for ch in t.chars() {
        match ch {
            '0'..='9' | '๐'..='๙' => digits += 1,
            ',' if digits > 0 && dots == 0 => {}
            '.' if digits > 0 => dots += 1,
            _ => return false,
        }
    }
    digits > 0 && dots <= 1 && !t.ends_with([',', '.'])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(r: &[&[&str]]) -> Vec<Vec<String>> {
        let w = r.iter().map(|r| r.len()).max().unwrap_or(0);
        r.iter()
            .map(|r| {
                let mut v: Vec<String> = r.iter().map(|s| s.to_string()).collect();
                v.resize(w, String::new());
                v
            })
            .collect()
    }

    #[test]
    fn title_row_moves_above_and_note_below() {
        let r = rows(&[
            &["แผนการใช้จ่ายงบประมาณ ปี 2567"],
            &[],
            &["แหล่งงบประมาณ", "รายการ", "วงเงิน (บาท)", ""],
            &["งบดำเนินงาน", "ค่าน้ำมัน", "960,000", ""],
            &["รวม", "", "3,020,000", ""],
            &[],
            &["หมายเหตุ: ตามการจัดสรร"],
        ]);
        let v = shape("แผ่น1", &r, false).unwrap();
        assert_eq!(v["titles"], json!(["แผนการใช้จ่ายงบประมาณ ปี 2567"]));
        let header: Vec<_> = v["header"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["t"].clone())
            .collect();
        assert_eq!(header, ["แหล่งงบประมาณ", "รายการ", "วงเงิน (บาท)"]);
        assert_eq!(v["header"][2]["num"], json!(true));
        assert_eq!(v["header"][1]["num"], json!(false));
        assert_eq!(v["notes"], json!(["หมายเหตุ: ตามการจัดสรร"]));
        let body = v["rows"].as_array().unwrap();
        assert_eq!(body.len(), 2, "{v}");
        assert_eq!(body[0][2], json!({"t": "960,000", "num": true}));
        assert_eq!(body[0][1]["num"], json!(false));
    }

    #[test]
    fn a_plain_table_keeps_its_first_row_as_header() {
        let r = rows(&[&["a", "b"], &["1", "2"]]);
        let v = shape("s", &r, true).unwrap();
        assert_eq!(v["header"][0]["t"], json!("a"));
        assert!(v["titles"].as_array().unwrap().is_empty());
        assert_eq!(v["truncated"], json!(true));
        assert!(shape("s", &rows(&[&[""]]), false).is_none());
        // A one-column list is all data, not notes.
        let list = shape("s", &rows(&[&["ชื่อ"], &["ก"], &["ข"]]), false).unwrap();
        assert_eq!(list["rows"].as_array().unwrap().len(), 2);
    }

    #[test]
    fn numbers_as_spreadsheets_show_them() {
        for n in ["1,250,000", "-3.5", "(420)", "12%", "๑๒๐", "0"] {
            assert!(is_number(n), "{n}");
        }
        for t in ["O12", "1.2.3", "", "ต.ค. 66", "1,", "12/10/2566", "-"] {
            assert!(!is_number(t), "{t}");
        }
    }
}
