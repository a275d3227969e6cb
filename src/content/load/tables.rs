//! An item folder's data tables: every *.yaml / *.yml beside its index.md, with its columns and
//! rows. A bad cell becomes a finding (on the row and column) and an empty cell, so the rest of
//! the table still renders; a table that cannot be parsed is left out after its finding.
use super::{Cx, safe_relative};
use crate::content::de::Scalar;
use crate::content::model::*;
use crate::diagnostics::{Finding, Text};
use crate::{suggest, thai, yaml};
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

impl Cx {
    pub(super) fn load_tables(&mut self, dir: &Path, code: &str) -> Vec<Table> {
        let mut tables = Vec::new();
        for path in self.entries(dir) {
            let ext = path
                .extension()
                .map(|e| e.to_string_lossy().to_lowercase())
                .unwrap_or_default();
            if !(ext == "yaml" || ext == "yml") || !path.is_file() {
                continue;
            }
            let rel = self.rel(&path).to_path_buf();
            let Some(text) = self.read_text(&path) else {
                continue;
            };
            // `serve`: a table is read on every rebuild and rarely changes. Only the parse is
            // remembered (by file, compared by text): the cells' checks ask the folder again.
            static PARSED: crate::memo::Keyed<String, Arc<Result<TableFile, Finding>>> =
                crate::memo::Keyed::new();
            let parsed = PARSED.get_or_ref(&rel.to_string_lossy(), text.as_str(), |text| {
                Arc::new(yaml::parse(text, &rel, 1))
            });
            let raw = match parsed.as_ref() {
                Ok(t) => t,
                Err(f) => {
                    self.findings.push(f.clone().item(code));
                    continue;
                }
            };
            if let Some(t) = self.table(raw, &rel, dir, code, &text) {
                tables.push(t);
            }
        }
        tables
    }

    fn table(
        &mut self,
        raw: &TableFile,
        rel: &Path,
        dir: &Path,
        code: &str,
        text: &str,
    ) -> Option<Table> {
        let keys: Vec<&str> = raw.columns.iter().map(|c| c.key.as_str()).collect();
        let rows_line = yaml::key_line(text, 1, "rows");
        let mut rows = Vec::new();
        for (i, row) in raw.rows.iter().enumerate() {
            let n = i + 1;
            for key in row.keys() {
                if !keys.contains(&key.as_str()) {
                    let hint = suggest::closest(key, keys.iter().copied())
                        .map(|s| {
                            (
                                format!(" หมายถึง \"{s}\" หรือไม่"),
                                format!("; did you mean \"{s}\"?"),
                            )
                        })
                        .unwrap_or_default();
                    self.findings.push(
                        Finding::error(
                            "table",
                            Text::new(
                                format!("แถวที่ {n}: ไม่มีคอลัมน์ \"{key}\" ใน columns{}", hint.0),
                                format!("row {n}: \"{key}\" is not one of the columns{}", hint.1),
                            ),
                        )
                        .file(rel)
                        .line_opt(rows_line)
                        .item(code),
                    );
                }
            }
            let mut cells = BTreeMap::new();
            for col in &raw.columns {
                let value = row.get(&col.key).cloned().unwrap_or(Scalar::Null);
                match cell(col, &value, dir) {
                    Ok(c) => {
                        cells.insert(col.key.clone(), c);
                    }
                    Err(msg) => {
                        self.findings.push(
                            Finding::error(
                                "table",
                                Text::new(
                                    format!("แถวที่ {n} คอลัมน์ \"{}\": {}", col.label, msg.th),
                                    format!("row {n}, column \"{}\": {}", col.key, msg.en),
                                ),
                            )
                            .file(rel)
                            .line_opt(rows_line)
                            .item(code),
                        );
                        cells.insert(col.key.clone(), Cell::Empty);
                    }
                }
            }
            rows.push(cells);
        }
        let file = rel
            .file_name()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        Some(Table {
            file,
            title: raw.title.clone(),
            kind: raw.kind.clone(),
            columns: raw.columns.clone(),
            rows,
            note: raw.note.clone(),
        })
    }
}

/// One cell of a table as its column's type reads it, or why it cannot be read (the same words
/// for `check` and for the editor's grid). Image paths are relative to the item folder `dir`.
pub fn cell(col: &Column, value: &Scalar, dir: &Path) -> Result<Cell, Text> {
    if let Scalar::Null = value {
        return Ok(Cell::Empty);
    }
    let text = value.text();
    if text.trim().is_empty() {
        return Ok(Cell::Empty);
    }
    Ok(match col.kind {
        ColumnType::Number | ColumnType::Baht => match value {
            Scalar::Number(n) => Cell::Number(*n),
            _ => {
                let cleaned: String = thai::to_arabic_digits(&text)
                    .chars()
                    .filter(|c| *c != ',' && *c != ' ')
                    .collect();
                match cleaned.parse::<f64>() {
                    Ok(n) if n.is_finite() => Cell::Number(n),
                    _ => {
                        return Err(Text::new(
                            format!("\"{text}\" ไม่ใช่ตัวเลข"),
                            format!("\"{text}\" is not a number"),
                        ));
                    }
                }
            }
        },
        ColumnType::Date => match thai::parse_date(&text) {
            Ok(d) => Cell::Date(d),
            Err(e) => return Err(Text::new(e.message_th(), e.message_en())),
        },
        ColumnType::Month => match thai::parse_month(&text) {
            Ok(m) => Cell::Month(m),
            Err(e) => return Err(Text::new(e.message_th(), e.message_en())),
        },
        ColumnType::Image => {
            safe_relative(&text)?;
            if !dir.join(&text).is_file() {
                return Err(Text::new(
                    format!("ไม่พบไฟล์รูป \"{text}\""),
                    format!("image file \"{text}\" not found"),
                ));
            }
            Cell::Text(text)
        }
        // A placeholder ("-", "ไม่มี") is left to the table rule, which names it as empty.
        ColumnType::Phone if !is_phone(&text) && !thai::is_placeholder(&text) => {
            return Err(Text::new(
                format!(
                    "\"{text}\" ไม่ใช่หมายเลขโทรศัพท์ ให้ใช้ตัวเลข เช่น 054-591-111 หรือ 054-591-111 ต่อ 12"
                ),
                format!(
                    "\"{text}\" is not a phone number; use digits, such as 054-591-111 or 054-591-111 ext. 12"
                ),
            ));
        }
        ColumnType::Email if !is_email(&text) && !thai::is_placeholder(&text) => {
            return Err(Text::new(
                format!("\"{text}\" ไม่ใช่อีเมล ให้เขียนแบบ ชื่อ@โดเมน เช่น song@police.go.th"),
                format!(
                    "\"{text}\" is not an e-mail address; write it as name@domain, such as song@police.go.th"
                ),
            ));
        }
        _ => Cell::Text(text),
    })
}

/// A phone number as people write them: digits (Thai or Arabic) with `-`, spaces, `+`,
/// parentheses, `,` or `/` between numbers, and an extension (ต่อ, ext).
pub fn is_phone(text: &str) -> bool {
    let t = thai::to_arabic_digits(text);
    let t = t
        .replace("ต่อ", " ")
        .replace("ext.", " ")
        .replace("ext", " ");
    let digits = t.chars().filter(char::is_ascii_digit).count();
    digits >= 3
        && t.chars()
            .all(|c| c.is_ascii_digit() || " -+(),/.".contains(c))
}

/// `name@domain.tld`, no spaces: enough to catch a phone typed in the e-mail column.
pub fn is_email(text: &str) -> bool {
    let t = text.trim();
    match t.split_once('@') {
        Some((user, domain)) => {
            !user.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !t.contains(char::is_whitespace)
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_and_emails_as_people_write_them() {
        for ok in [
            "054-591-111",
            "๐๕๔-๕๙๑-๑๑๑",
            "054 591 111 ต่อ 12",
            "+66 54 591 111",
            "191",
            "(054) 591111, 081-234-5678",
        ] {
            assert!(is_phone(ok), "{ok}");
        }
        for bad in [
            "โทรหาเรา",
            "ไม่มี",
            "12",
            "054-591-111 คุณสมชาย",
            "song@police.go.th",
        ] {
            assert!(!is_phone(bad), "{bad}");
        }
        assert!(is_email("song@police.go.th"));
        for bad in ["song@police", "054-591-111", "a b@x.th", "@x.th"] {
            assert!(!is_email(bad), "{bad}");
        }
        let col = Column {
            key: "phone".into(),
            label: "โทรศัพท์".into(),
            kind: ColumnType::Phone,
        };
        let e = cell(&col, &Scalar::Text("โทรหาเรา".into()), Path::new(".")).unwrap_err();
        assert!(e.th.contains("ไม่ใช่หมายเลขโทรศัพท์"), "{}", e.th);
    }
}
