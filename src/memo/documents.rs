//! Remembered reads of uploaded files (what a file is, a spreadsheet's preview, a Word file's
//! text) and the `.xlsx` made from each data table: the slowest work of a rebuild, so a save of
//! one page must not redo it for every PDF and spreadsheet of the station. Keyed by path, size
//! and modification time, so a changed file is read again.
use super::{Keyed, enabled};
use crate::content::model::Table as DataTable;
use crate::diagnostics::Text;
use crate::documents::excel::{self, SheetPreview};
use crate::documents::{FileFacts, docx, xlsx};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::SystemTime;

type Key = (PathBuf, u64, SystemTime, usize);
type Table<T> = OnceLock<Mutex<HashMap<Key, T>>>;

fn remembered<T: Clone>(
    table: &'static Table<T>,
    path: &Path,
    arg: usize,
    read: impl FnOnce() -> T,
) -> T {
    if !enabled() {
        return read();
    }
    let Some((len, mtime)) = stamp(path) else {
        return read();
    };
    let key = (path.to_path_buf(), len, mtime, arg);
    let map = table.get_or_init(Default::default);
    if let Some(hit) = map.lock().ok().and_then(|m| m.get(&key).cloned()) {
        return hit;
    }
    let value = read();
    if let Ok(mut m) = map.lock() {
        // Old versions of a file are never asked for again.
        m.retain(|k, _| k.0 != key.0 || k.3 != key.3);
        m.insert(key, value.clone());
    }
    value
}

/// The size and modification time of the file at `path`, which stand for its content.
fn stamp(path: &Path) -> Option<(u64, SystemTime)> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.len(), meta.modified().ok()?))
}

pub fn sniff(path: &Path) -> FileFacts {
    static T: Table<FileFacts> = OnceLock::new();
    remembered(&T, path, 0, || crate::documents::sniff(path))
}

pub fn excel_preview(path: &Path, max_rows: usize) -> Result<SheetPreview, Text> {
    static T: Table<Result<SheetPreview, Text>> = OnceLock::new();
    remembered(&T, path, max_rows, || recent_sheet(path, max_rows))
}

/// Workbooks read lately, as cells. The check reads each spreadsheet for 5,000 rows (personal
/// data) and the item page then shows its first 30: the page's preview is laid out from the
/// check's read instead of opening the workbook again. This works in a build too, so it is
/// small: a few workbooks per build thread, of modest size.
static RECENT: Mutex<Vec<RecentSheet>> = Mutex::new(Vec::new());

/// A workbook's path, size and modification time, and its cells.
type RecentSheet = (PathBuf, u64, SystemTime, Arc<excel::SheetCells>);
/// Workbooks kept in `RECENT`; the oldest goes first.
const RECENT_SHEETS: usize = 64;
/// Larger reads are not kept (cells).
const RECENT_MAX_CELLS: usize = 20_000;

fn recent_sheet(path: &Path, max_rows: usize) -> Result<SheetPreview, Text> {
    let Some((len, mtime)) = stamp(path) else {
        return excel::read_preview(path, max_rows);
    };
    let hit = {
        let recent = RECENT.lock().unwrap_or_else(|e| e.into_inner());
        recent
            .iter()
            .rev()
            .find(|(p, l, m, cells)| {
                p == path && *l == len && *m == mtime && cells.rows_read >= max_rows
            })
            .map(|entry| Arc::clone(&entry.3))
    };
    if let Some(cells) = hit {
        return Ok(cells.preview(max_rows));
    }
    match excel::read_sheet(path, max_rows)? {
        excel::Sheet::Laid(preview) => Ok(preview),
        excel::Sheet::Cells(cells) => {
            let preview = cells.preview(max_rows);
            if cells.cell_count() <= RECENT_MAX_CELLS {
                let mut recent = RECENT.lock().unwrap_or_else(|e| e.into_inner());
                if recent.len() >= RECENT_SHEETS {
                    recent.remove(0);
                }
                recent.push((path.to_path_buf(), len, mtime, Arc::new(cells)));
            }
            Ok(preview)
        }
    }
}

pub fn docx_text(path: &Path, max_bytes: usize) -> Result<String, Text> {
    static T: Table<Result<String, Text>> = OnceLock::new();
    remembered(&T, path, max_bytes, || docx::text(path, max_bytes))
}

/// The `.xlsx` made from a data table (at `name`): writing (deflating) them was most of a
/// preview rebuild's rendering time.
pub fn table_xlsx(name: &str, table: &DataTable, sheet_name: &str) -> Result<Vec<u8>, Text> {
    static T: Keyed<(String, DataTable), Result<Vec<u8>, Text>> = Keyed::new();
    if !enabled() {
        return xlsx::table_to_xlsx(table, sheet_name);
    }
    T.get_or(name, (sheet_name.to_string(), table.clone()), |(s, t)| {
        xlsx::table_to_xlsx(t, s)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_changed_file_is_read_again() {
        crate::memo::enable();
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.pdf");
        std::fs::write(&p, b"not a pdf").unwrap();
        let first = sniff(&p);
        assert_eq!(sniff(&p).kind, first.kind);
        std::fs::write(
            &p,
            b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<<>>\n%%EOF\n",
        )
        .unwrap();
        let second = sniff(&p);
        assert_ne!(second.kind, first.kind, "stale result: {second:?}");
        assert_eq!(second.kind, crate::documents::sniff(&p).kind);
    }
}
