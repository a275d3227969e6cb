//! The .xlsx written for every data table, so the data is also published machine-readable:
//! one header row in Thai (bold, frozen, with filters), then real typed cells (numbers as
//! numbers, dates as Excel dates shown in the Buddhist Era), identical bytes for identical input.
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Url, Workbook, XlsxError};

use crate::content::{Cell, ColumnType, Table};
use crate::diagnostics::Text;

/// Thai long date in the Buddhist Era: `31 มีนาคม 2567`. `[$-107041E]` selects the Thai
/// locale (041E) with the Thai Buddhist calendar (07); Excel and LibreOffice both honour it.
pub const DATE_FORMAT: &str = "[$-107041E]d mmmm yyyy";
/// A month (stored as the date of its 1st): `มีนาคม 2567`.
pub const MONTH_FORMAT: &str = "[$-107041E]mmmm yyyy";
/// Money: two decimals with thousands separators.
pub const BAHT_FORMAT: &str = "#,##0.00";
/// Whole numbers with thousands separators.
pub const INTEGER_FORMAT: &str = "#,##0";

/// Excel's limit on the characters of one cell.
const MAX_CELL_CHARS: usize = 32_767;
/// Excel's row limit (the header takes one).
const MAX_ROWS: usize = 1_048_575;

/// Writes `table` as a one-sheet workbook and returns the file's bytes.
pub fn table_to_xlsx(table: &Table, sheet_name: &str) -> Result<Vec<u8>, Text> {
    write(table, sheet_name).map_err(|e| {
        Text::new(
            format!("สร้างไฟล์ Excel ของตาราง {} ไม่ได้: {e}", table.file),
            format!("cannot write the Excel file of table {}: {e}", table.file),
        )
    })
}

fn write(table: &Table, sheet_name: &str) -> Result<Vec<u8>, XlsxError> {
    if table.rows.len() > MAX_ROWS {
        return Err(XlsxError::RowColumnLimitError);
    }
    let mut workbook = Workbook::new();
    // A fixed creation time: otherwise the current time lands in docProps/core.xml and two
    // builds of the same content differ.
    let properties = DocProperties::new()
        .set_title(table.title.as_str())
        .set_creation_datetime(&ExcelDateTime::from_ymd(2000, 1, 1)?);
    workbook.set_properties(&properties);

    let header = Format::new()
        .set_bold()
        .set_background_color(0xE7E6E6)
        .set_text_wrap();
    let date = Format::new().set_num_format(DATE_FORMAT);
    let month = Format::new().set_num_format(MONTH_FORMAT);
    let baht = Format::new().set_num_format(BAHT_FORMAT);
    let integer = Format::new().set_num_format(INTEGER_FORMAT);
    let general = Format::new();

    let sheet = workbook.add_worksheet();
    sheet.set_name(safe_sheet_name(sheet_name))?;
    for (c, column) in table.columns.iter().enumerate() {
        let col = u16::try_from(c).map_err(|_| XlsxError::RowColumnLimitError)?;
        sheet.write_string_with_format(0, col, clip(&column.label), &header)?;
        let mut width = display_width(&column.label);
        // Whole numbers get separators; other numbers keep all their digits.
        let all_integral = table.rows.iter().all(|r| match r.get(&column.key) {
            Some(Cell::Number(n)) => n.fract() == 0.0 && n.abs() < 1e15,
            _ => true,
        });
        for (r, row) in table.rows.iter().enumerate() {
            let row_index = u32::try_from(r + 1).map_err(|_| XlsxError::RowColumnLimitError)?;
            let cell = row.get(&column.key).unwrap_or(&Cell::Empty);
            let shown: String = match cell {
                Cell::Empty => continue,
                Cell::Number(n) => {
                    let (fmt, text) = match column.kind {
                        ColumnType::Baht => (&baht, format!("{n:.2}")),
                        _ if all_integral => (&integer, format!("{n}")),
                        _ => (&general, format!("{n}")),
                    };
                    sheet.write_number_with_format(row_index, col, *n, fmt)?;
                    // Thousands separators add about a third.
                    let digits = text.len();
                    " ".repeat(digits + digits / 3)
                }
                Cell::Date(d) => {
                    let dt = ExcelDateTime::from_ymd(
                        ymd_u16(d.year())?,
                        d.month() as u8,
                        d.day() as u8,
                    )?;
                    sheet.write_datetime_with_format(row_index, col, &dt, &date)?;
                    crate::thai::format_long(*d)
                }
                Cell::Month(m) => {
                    let dt = ExcelDateTime::from_ymd(ymd_u16(m.year())?, m.month() as u8, 1)?;
                    sheet.write_datetime_with_format(row_index, col, &dt, &month)?;
                    crate::thai::format_month_long(*m)
                }
                Cell::Text(s) => {
                    let value = match column.kind {
                        // The image itself is not embedded: its file name tells which one.
                        ColumnType::Image => s.rsplit(['/', '\\']).next().unwrap_or(s).to_string(),
                        _ => s.clone(),
                    };
                    let is_url = value.starts_with("https://") || value.starts_with("http://");
                    let linked = column.kind == ColumnType::Link
                        && is_url
                        && sheet
                            .write_url_with_text(
                                row_index,
                                col,
                                Url::new(value.as_str()),
                                clip(&value),
                            )
                            .is_ok();
                    if !linked {
                        sheet.write_string(row_index, col, clip(&value))?;
                    }
                    value
                }
            };
            width = width.max(display_width(&shown));
        }
        sheet.set_column_width(col, (width as f64 + 2.0).clamp(8.0, 60.0))?;
    }
    sheet.set_freeze_panes(1, 0)?;
    if !table.columns.is_empty() {
        let last_col =
            u16::try_from(table.columns.len() - 1).map_err(|_| XlsxError::RowColumnLimitError)?;
        sheet.autofilter(0, 0, table.rows.len() as u32, last_col)?;
    }
    workbook.save_to_buffer()
}

fn ymd_u16(year: i16) -> Result<u16, XlsxError> {
    u16::try_from(year).map_err(|_| XlsxError::DateTimeRangeError("year before 1900".into()))
}

/// Excel refuses longer cells; keep the first 32,767 characters.
fn clip(s: &str) -> &str {
    match s.char_indices().nth(MAX_CELL_CHARS) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// A name Excel accepts: at most 31 characters, none of `[]:*?/\`, not starting or ending
/// with an apostrophe, not blank and not the reserved "History".
pub fn safe_sheet_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\') || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .take(31)
        .collect();
    let cleaned = cleaned.trim_matches('\'').trim().to_string();
    if cleaned.is_empty() || cleaned.eq_ignore_ascii_case("history") {
        "Sheet1".to_string()
    } else {
        cleaned
    }
}

/// Columns a text needs: characters that take horizontal space, i.e. without Thai vowel and
/// tone marks written above or below the line (they combine with the preceding letter).
pub fn display_width(s: &str) -> usize {
    s.lines()
        .map(|line| {
            line.chars()
                .filter(|&c| !is_thai_combining(c) && !c.is_control())
                .count()
        })
        .max()
        .unwrap_or(0)
}

fn is_thai_combining(c: char) -> bool {
    matches!(c, '\u{0E31}' | '\u{0E34}'..='\u{0E3A}' | '\u{0E47}'..='\u{0E4E}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_ignore_marks() {
        assert_eq!(display_width("ผู้กำกับการ"), 8); // ู ้ and ั sit above or below: 11 chars, 8 columns
        assert_eq!(display_width("abc\nabcdef"), 6);
    }

    #[test]
    fn sheet_names() {
        assert_eq!(
            safe_sheet_name("ทำเนียบ/ผู้บริหาร [2567]"),
            "ทำเนียบ_ผู้บริหาร _2567_"
        );
        assert_eq!(safe_sheet_name("'"), "Sheet1");
        assert_eq!(safe_sheet_name(&"ก".repeat(40)).chars().count(), 31);
    }
}
