//! Previews of published spreadsheets (.xlsx, .xls, .ods, .csv): the first rows of the first
//! sheet as display strings, numbers with thousands separators and dates in Thai. calamine runs
//! on its own thread with panics caught, after `sniff` has vetted the file (size, zip bomb,
//! password, real format), because crafted files can still make it panic.
use std::path::{Path, PathBuf};
use std::time::Duration;

use calamine::{Data, DataRef, ExcelDateTime, Ods, Reader, Xls, Xlsx, open_workbook};
use jiff::civil::Date;

use super::isolate;
use super::sniff::{Kind, Limits, sniff_with};
use super::text;
use crate::diagnostics::Text;

/// The first rows of a workbook's first sheet.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SheetPreview {
    /// Every sheet's name, in workbook order (one, the file name's stem, for CSV).
    pub sheets: Vec<String>,
    /// The sheet shown.
    pub sheet: String,
    /// Rows of display strings, all of the same length, starting at the first used cell.
    pub rows: Vec<Vec<String>>,
    /// Rows (or columns beyond `MAX_COLUMNS`) were left out.
    pub truncated: bool,
}

/// Columns shown at most.
pub const MAX_COLUMNS: usize = 64;
/// Larger files are not previewed (calamine holds a sheet in memory).
const MAX_PREVIEW_BYTES: u64 = 32 * 1024 * 1024;
/// Time calamine gets.
const DEADLINE: Duration = Duration::from_secs(20);

/// Reads the first `max_rows` rows of the first sheet.
pub fn read_preview(path: &Path, max_rows: usize) -> Result<SheetPreview, Text> {
    match read_sheet(path, max_rows)? {
        Sheet::Cells(cells) => Ok(cells.preview(max_rows)),
        Sheet::Laid(preview) => Ok(preview),
    }
}

/// A first sheet as read.
pub(crate) enum Sheet {
    /// A workbook's cells, which can be laid out for this many rows or fewer.
    Cells(SheetCells),
    /// A CSV file, laid out.
    Laid(SheetPreview),
}

/// Reads the first `max_rows` rows of the first sheet, not yet laid out.
pub(crate) fn read_sheet(path: &Path, max_rows: usize) -> Result<Sheet, Text> {
    let limits = Limits {
        max_file_bytes: MAX_PREVIEW_BYTES,
        max_zip_total: 256 * 1024 * 1024,
        open_xls: false,
        ..Limits::default()
    };
    let facts = sniff_with(path, &limits);
    if let Some(problem) = facts.problem {
        return Err(problem);
    }
    let kind = facts.kind;
    if kind == Kind::Csv {
        return csv_preview(path, max_rows).map(Sheet::Laid);
    }
    if !matches!(kind, Kind::Xlsx | Kind::Xls | Kind::Ods) {
        return Err(Text::new(
            format!("ไฟล์นี้เป็น{} ไม่ใช่ตารางคำนวณ", kind.label_th()),
            format!("the file is {}, not a spreadsheet", kind.label_en()),
        ));
    }
    let owned: PathBuf = path.to_path_buf();
    match isolate::run(DEADLINE, move || read_workbook(&owned, kind, max_rows)) {
        Ok(Ok(cells)) => Ok(Sheet::Cells(cells)),
        Ok(Err(why)) => Err(unreadable(&why)),
        Err(isolate::Failure::TimedOut) => Err(unreadable("timed out")),
        Err(_) => Err(unreadable("the reader failed on this file")),
    }
}

/// The sheet names of an .xls, read by calamine (on a parser thread, with the deadline): the
/// sniffer only sees that a Workbook stream exists, and a file only a reader fails on would
/// otherwise count as Excel evidence that the assessor cannot open. Files above the preview size
/// are not read (`Ok` with no names).
pub(super) fn xls_sheets(path: &Path) -> Result<Vec<String>, String> {
    if std::fs::metadata(path).is_ok_and(|m| m.len() > MAX_PREVIEW_BYTES) {
        return Ok(Vec::new());
    }
    let owned: PathBuf = path.to_path_buf();
    match isolate::run(DEADLINE, move || read_workbook(&owned, Kind::Xls, 1)) {
        Ok(Ok(cells)) => Ok(cells.sheets),
        Ok(Err(why)) => Err(why),
        Err(isolate::Failure::TimedOut) => Err("timed out".into()),
        Err(_) => Err("the reader failed on this file".into()),
    }
}

fn unreadable(why: &str) -> Text {
    Text::new(
        format!("อ่านข้อมูลในไฟล์ตารางคำนวณไม่ได้ ({why})"),
        format!("cannot read the spreadsheet ({why})"),
    )
}

/// Cells gathered as (row, column, text), then laid out as a grid.
type Cells = Vec<(u32, u32, String)>;

/// The cells of a first sheet, read for `rows_read` rows from its first used row.
#[derive(Debug, Clone)]
pub(crate) struct SheetCells {
    sheets: Vec<String>,
    /// Non-empty cells as shown: (row, column, text).
    cells: Cells,
    /// The first row the reading counted from.
    first_row: u32,
    /// Rows known to exist from `first_row` on: more than `rows_read` when reading stopped.
    extent: u64,
    pub(crate) rows_read: usize,
}

impl SheetCells {
    /// Non-empty cells read.
    pub(crate) fn cell_count(&self) -> usize {
        self.cells.len()
    }

    /// The first `max_rows` rows laid out (`max_rows` at most `rows_read`), exactly as a read of
    /// that many rows would give them.
    pub(crate) fn preview(&self, max_rows: usize) -> SheetPreview {
        let cells = self
            .cells
            .iter()
            .filter(|c| ((c.0 - self.first_row) as usize) < max_rows)
            .cloned()
            .collect();
        let (rows, cut_columns) = grid(cells);
        SheetPreview {
            sheets: self.sheets.clone(),
            sheet: self.sheets.first().cloned().unwrap_or_default(),
            rows,
            truncated: self.extent > max_rows as u64 || cut_columns,
        }
    }
}

fn read_workbook(path: &Path, kind: Kind, max_rows: usize) -> Result<SheetCells, String> {
    let (sheets, cells, first_row, extent) = match kind {
        Kind::Xlsx => {
            let mut wb: Xlsx<_> =
                open_workbook(path).map_err(|e: calamine::XlsxError| e.to_string())?;
            let sheets = wb.sheet_names();
            let first = sheets.first().cloned().ok_or("no sheet")?;
            // Streamed: only the rows shown are decoded, however big the sheet.
            let mut reader = wb
                .worksheet_cells_reader(&first)
                .map_err(|e| e.to_string())?;
            let mut cells: Cells = Vec::new();
            let mut first_row = None;
            // Rows seen, empty cells included (they make a sheet longer than its text).
            let mut extent = 0;
            while let Some(cell) = reader.next_cell().map_err(|e| e.to_string())? {
                let (r, c) = cell.get_position();
                let r0 = *first_row.get_or_insert(r);
                if (r - r0) as usize >= max_rows {
                    extent = u64::MAX;
                    break;
                }
                extent = extent.max(u64::from(r - r0) + 1);
                let shown = show_ref(cell.get_value());
                if !shown.is_empty() {
                    cells.push((r, c, shown));
                }
            }
            (sheets, cells, first_row.unwrap_or(0), extent)
        }
        Kind::Xls => {
            let mut wb: Xls<_> =
                open_workbook(path).map_err(|e: calamine::XlsError| e.to_string())?;
            range_cells(&mut wb, max_rows)?
        }
        _ => {
            let mut wb: Ods<_> =
                open_workbook(path).map_err(|e: calamine::OdsError| e.to_string())?;
            range_cells(&mut wb, max_rows)?
        }
    };
    Ok(SheetCells {
        sheets,
        cells,
        first_row,
        extent,
        rows_read: max_rows,
    })
}

/// First sheet of a reader that loads whole ranges (.xls, .ods): names, cells of the first
/// `max_rows` rows, first row, height.
fn range_cells<R, W>(wb: &mut W, max_rows: usize) -> Result<(Vec<String>, Cells, u32, u64), String>
where
    R: std::io::Read + std::io::Seek,
    W: Reader<R>,
    W::Error: std::fmt::Display,
{
    let sheets = wb.sheet_names();
    let first = sheets.first().cloned().ok_or("no sheet")?;
    let range = wb.worksheet_range(&first).map_err(|e| e.to_string())?;
    let (r0, c0) = range.start().unwrap_or((0, 0));
    let mut cells = Vec::new();
    for (i, row) in range.rows().take(max_rows).enumerate() {
        for (j, value) in row.iter().enumerate() {
            let shown = show(value);
            if !shown.is_empty() {
                cells.push((r0 + i as u32, c0 + j as u32, shown));
            }
        }
    }
    Ok((sheets, cells, r0, range.height() as u64))
}

/// Lays cells out from the first used row and column; `true` if columns were cut.
fn grid(cells: Cells) -> (Vec<Vec<String>>, bool) {
    let Some(r0) = cells.iter().map(|c| c.0).min() else {
        return (Vec::new(), false);
    };
    let c0 = cells.iter().map(|c| c.1).min().unwrap_or(0);
    let last_row = cells.iter().map(|c| c.0).max().unwrap_or(r0);
    let width = cells
        .iter()
        .map(|c| (c.1 - c0) as usize + 1)
        .max()
        .unwrap_or(0);
    let cut = width > MAX_COLUMNS;
    let width = width.min(MAX_COLUMNS);
    let mut rows = vec![vec![String::new(); width]; (last_row - r0) as usize + 1];
    for (r, c, s) in cells {
        if let Some(slot) = rows[(r - r0) as usize].get_mut((c - c0) as usize) {
            *slot = s;
        }
    }
    (rows, cut)
}

fn csv_preview(path: &Path, max_rows: usize) -> Result<SheetPreview, Text> {
    let bytes = std::fs::read(path).map_err(|e| crate::os_error::cannot_read(&e))?;
    let enc = text::detect_encoding(&bytes, true).ok_or_else(|| unreadable("not text"))?;
    let decoded = text::decode(&bytes, enc);
    let delim = match text::classify(&decoded, true) {
        text::TextKind::Csv(d) => d,
        _ => ',',
    };
    let (mut rows, truncated) = text::parse_csv(&decoded, delim, max_rows);
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    let cut = width > MAX_COLUMNS;
    for row in &mut rows {
        row.resize(width.min(MAX_COLUMNS), String::new());
    }
    let name = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(SheetPreview {
        sheets: vec![name.clone()],
        sheet: name,
        rows,
        truncated: truncated || cut,
    })
}

/// A cell as Thai readers expect to see it.
pub fn show(value: &Data) -> String {
    match value {
        Data::Int(i) => group_thousands(&i.to_string()),
        Data::Float(f) => show_number(*f),
        Data::String(s) => s.clone(),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(dt) => show_datetime(dt),
        Data::DateTimeIso(s) => show_iso(s),
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => e.to_string(),
        Data::Empty => String::new(),
    }
}

fn show_ref(value: &DataRef<'_>) -> String {
    match value {
        DataRef::SharedString(s) => (*s).to_string(),
        DataRef::Int(i) => show(&Data::Int(*i)),
        DataRef::Float(f) => show_number(*f),
        DataRef::String(s) => s.clone(),
        DataRef::Bool(b) => show(&Data::Bool(*b)),
        DataRef::DateTime(dt) => show_datetime(dt),
        DataRef::DateTimeIso(s) => show_iso(s),
        DataRef::DurationIso(s) => s.clone(),
        DataRef::Error(e) => e.to_string(),
        DataRef::Empty => String::new(),
    }
}

/// `1,234,567`, `1,234.5`, `-0.25`: at most 10 decimals, no trailing zeros.
pub fn show_number(f: f64) -> String {
    if !f.is_finite() {
        return f.to_string();
    }
    if f.abs() >= 1e15 || (f != 0.0 && f.abs() < 1e-6) {
        return format!("{f:e}");
    }
    if f.fract() == 0.0 {
        // Most cells are whole numbers: exact decimal formatting costs ~10× an integer's.
        return group_thousands(&(f as i64).to_string());
    }
    let fixed = format!("{f:.10}");
    let fixed = fixed.trim_end_matches('0').trim_end_matches('.');
    let fixed = if fixed == "-0" { "0" } else { fixed };
    match fixed.split_once('.') {
        Some((int, frac)) => format!("{}.{frac}", group_thousands(int)),
        None => group_thousands(fixed),
    }
}

/// Inserts thousands separators into an optionally signed run of digits.
fn group_thousands(int: &str) -> String {
    let (sign, digits) = match int.strip_prefix('-') {
        Some(d) => ("-", d),
        None => ("", int),
    };
    let mut out = String::with_capacity(int.len() + int.len() / 3);
    out.push_str(sign);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Dates as `31 มีนาคม 2567`, with `14:30 น.` when there is a time of day.
fn show_datetime(dt: &ExcelDateTime) -> String {
    let serial = dt.as_f64();
    if dt.is_duration() {
        let minutes = (serial * 24.0 * 60.0).round() as i64;
        return format!("{}:{:02}", minutes / 60, (minutes % 60).abs());
    }
    let (y, m, d, hh, mm, ..) = dt.to_ymd_hms_milli();
    let time = format!("{hh:02}:{mm:02} น.");
    if serial < 1.0 {
        return time; // a time of day alone
    }
    let Ok(date) = Date::new(y as i16, m as i8, d as i8) else {
        return show_number(serial); // e.g. Excel's fictional 1900-02-29
    };
    let day = crate::thai::format_long(date);
    if hh == 0 && mm == 0 {
        day
    } else {
        format!("{day} {time}")
    }
}

/// ISO dates from OpenDocument files: `2024-03-31` or `2024-03-31T14:30:00`.
fn show_iso(s: &str) -> String {
    let Some(Ok(date)) = s.get(..10).map(|d| d.parse::<Date>()) else {
        return s.to_string();
    };
    let day = crate::thai::format_long(date);
    match s.get(11..16) {
        Some(hm) if hm != "00:00" => format!("{day} {hm} น."),
        _ => day,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::ExcelDateTimeType;

    #[test]
    fn numbers() {
        assert_eq!(show_number(1234567.0), "1,234,567");
        assert_eq!(show_number(-1234.5), "-1,234.5");
        assert_eq!(show_number(0.1 + 0.2), "0.3");
        assert_eq!(show_number(999.0), "999");
        assert_eq!(show(&Data::Int(-1000)), "-1,000");
        // Whole numbers take the integer path; the rest keep exact decimals.
        assert_eq!(show_number(-0.0), "0");
        assert_eq!(show_number(-45.0), "-45");
        assert_eq!(show_number(999_999_999_999_999.0), "999,999,999,999,999");
        assert_eq!(show_number(1e15), "1e15");
        assert_eq!(show_number(2.5e-3), "0.0025");
    }

    #[test]
    fn a_long_read_lays_out_fewer_rows_exactly_as_a_short_read() {
        // Rows of different widths and starts, a formatted empty cell below the text, a
        // blank row: what each shorter read sees (width, first column, "more rows") differs.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.xlsx");
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        ws.write_string(2, 3, "หัวข้อ").unwrap();
        ws.write_number(3, 1, 1250.0).unwrap();
        ws.write_number(3, 6, 0.25).unwrap();
        ws.write_string(5, 2, "ท้าย").unwrap();
        let bold = rust_xlsxwriter::Format::new().set_bold();
        ws.write_blank(8, 0, &bold).unwrap();
        wb.save(&path).unwrap();
        let long = read_sheet(&path, 5_000).unwrap();
        let Sheet::Cells(long) = long else {
            panic!("an .xlsx is read as cells")
        };
        for n in 1..=10 {
            assert_eq!(long.preview(n), read_preview(&path, n).unwrap(), "{n} rows");
        }
        assert!(long.preview(4).truncated);
        assert!(!long.preview(10).truncated);
    }

    #[test]
    fn dates() {
        let dt = ExcelDateTime::new(45382.0, ExcelDateTimeType::DateTime, false);
        assert_eq!(show(&Data::DateTime(dt)), "31 มีนาคม 2567");
        let dt = ExcelDateTime::new(45382.5, ExcelDateTimeType::DateTime, false);
        assert_eq!(show(&Data::DateTime(dt)), "31 มีนาคม 2567 12:00 น.");
        assert_eq!(show_iso("2024-03-31"), "31 มีนาคม 2567");
        assert_eq!(show_iso("not a date"), "not a date");
    }

    #[test]
    fn grid_layout() {
        let (rows, cut) = grid(vec![(2, 1, "a".into()), (3, 3, "b".into())]);
        assert_eq!(rows, vec![vec!["a", "", ""], vec!["", "", "b"]]);
        assert!(!cut);
    }
}
