//! Remembered results of reading uploaded files, for `serve`: a save of one page must not make
//! every PDF and spreadsheet of the station be parsed again. Keyed by path, size and
//! modification time (a changed file is read again); off unless `enable` was called, so a
//! `build --sites` of 1,484 stations does not keep every station's results in memory.
use super::excel::SheetPreview;
use super::{FileFacts, docx, excel};
use crate::content::model::Table as DataTable;
use crate::diagnostics::Text;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::SystemTime;

static ENABLED: AtomicBool = AtomicBool::new(false);

/// A listing of a folder tree: every path under it with its size and modification time.
pub type Tree = std::collections::BTreeMap<PathBuf, (u64, Option<SystemTime>)>;

static TREE: Mutex<Option<Arc<Tree>>> = Mutex::new(None);

/// `serve` lists the content to see whether anything changed; the rebuild that follows uses
/// that listing to tell which folders changed instead of listing them again.
pub fn set_tree(tree: Tree) {
    *TREE.lock().unwrap_or_else(|e| e.into_inner()) = Some(Arc::new(tree));
}

/// Held while a listing is set and the content loaded with it, so two readers (the preview's
/// rebuild and the editor's screens) never load with each other's listing.
static LOADING: Mutex<()> = Mutex::new(());

/// The guard of `LOADING`.
pub fn loading() -> std::sync::MutexGuard<'static, ()> {
    LOADING.lock().unwrap_or_else(|e| e.into_inner())
}

/// Every path under `dir` with its size and modification time, as `set_tree` takes it.
pub fn list(dir: &Path) -> Tree {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter_map(|e| {
            let m = e.metadata().ok()?;
            Some((e.path().to_path_buf(), (m.len(), m.modified().ok())))
        })
        .collect()
}

/// The listing `set_tree` gave, while the memo is on.
pub fn tree() -> Option<Arc<Tree>> {
    if !enabled() {
        return None;
    }
    TREE.lock().unwrap_or_else(|e| e.into_inner()).clone()
}

/// Turns the memo on for the rest of the process.
pub fn enable() {
    ENABLED.store(true, Ordering::Relaxed);
}

/// Whether the memo is on (other stages remember their own work only then, too).
pub fn enabled() -> bool {
    ENABLED.load(Ordering::Relaxed)
}

/// The smallest share of a parallel loop a thread may take (`with_min_len`): the whole loop
/// while the memo is on. A preview's rebuild is mostly lookups, and waking the other threads
/// for them cost more than they saved.
pub fn parallel_min_len() -> usize {
    if enabled() { usize::MAX } else { 1 }
}

type Key = (PathBuf, u64, SystemTime, usize);
type Table<T> = OnceLock<Mutex<HashMap<Key, T>>>;

fn remembered<T: Clone>(
    table: &'static Table<T>,
    path: &Path,
    arg: usize,
    read: impl FnOnce() -> T,
) -> T {
    if !ENABLED.load(Ordering::Relaxed) {
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
    remembered(&T, path, 0, || super::sniff::sniff(path))
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

/// A process-wide map from a text to what was computed from it, emptied when it reaches `max`
/// entries (so a long run over ever-new text cannot grow it without limit).
pub struct TextMemo<T> {
    map: OnceLock<Mutex<HashMap<String, T>>>,
    max: usize,
}

impl<T: Clone> TextMemo<T> {
    pub const fn new(max: usize) -> Self {
        TextMemo {
            map: OnceLock::new(),
            max,
        }
    }

    /// The value remembered for `key`, or `compute()`, remembered.
    pub fn get_or(&self, key: &str, compute: impl FnOnce() -> T) -> T {
        if let Some(hit) = self.get(key) {
            return hit;
        }
        let value = compute();
        self.insert(key.to_string(), value.clone());
        value
    }

    /// `get_or` while the memo is on (`serve`); otherwise only `compute()`, so a build over
    /// many stations does not keep their texts.
    pub fn get_or_when_on(&self, key: &str, compute: impl FnOnce() -> T) -> T {
        if enabled() {
            self.get_or(key, compute)
        } else {
            compute()
        }
    }

    pub fn get(&self, key: &str) -> Option<T> {
        let map = self.map.get_or_init(Default::default);
        map.lock().ok().and_then(|m| m.get(key).cloned())
    }

    pub fn insert(&self, key: String, value: T) {
        let map = self.map.get_or_init(Default::default);
        if let Ok(mut m) = map.lock() {
            if m.len() >= self.max {
                m.clear();
            }
            m.insert(key, value);
        }
    }
}

/// Per name (a page's path, a table's file), the last input and what was made from it, for
/// `serve`: the value is reused when the same name comes again with an equal input. Comparing
/// is far cheaper than the work (rendering a page, zipping a table), and one entry per name
/// keeps it the size of the site. When the memo is off, it only computes.
pub struct Keyed<K, V> {
    map: OnceLock<Mutex<HashMap<String, (K, V)>>>,
}

impl<K: PartialEq, V: Clone> Keyed<K, V> {
    pub const fn new() -> Self {
        Keyed {
            map: OnceLock::new(),
        }
    }

    pub fn get_or(&self, name: &str, input: K, compute: impl FnOnce(&K) -> V) -> V {
        if !enabled() {
            return compute(&input);
        }
        if let Some(hit) = self.lookup(name, |k| *k == input) {
            return hit;
        }
        let value = compute(&input);
        self.store(name, input, value.clone());
        value
    }

    /// `get_or` for an input that is copied only when it is new.
    pub fn get_or_ref<Q>(&self, name: &str, input: &Q, compute: impl FnOnce(&Q) -> V) -> V
    where
        Q: PartialEq + ToOwned<Owned = K> + ?Sized,
        K: std::borrow::Borrow<Q>,
    {
        if !enabled() {
            return compute(input);
        }
        if let Some(hit) = self.lookup(name, |k| k.borrow() == input) {
            return hit;
        }
        let value = compute(input);
        self.store(name, input.to_owned(), value.clone());
        value
    }

    fn entries(&self) -> std::sync::MutexGuard<'_, HashMap<String, (K, V)>> {
        let map = self.map.get_or_init(Default::default);
        map.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The value remembered for `name`, if its input `matches`.
    fn lookup(&self, name: &str, matches: impl FnOnce(&K) -> bool) -> Option<V> {
        match self.entries().get(name) {
            Some((k, v)) if matches(k) => Some(v.clone()),
            _ => None,
        }
    }

    fn store(&self, name: &str, input: K, value: V) {
        self.entries().insert(name.to_string(), (input, value));
    }

    /// Forgets every entry.
    pub fn clear(&self) {
        self.entries().clear();
    }
}

impl<K: PartialEq, V: Clone> Default for Keyed<K, V> {
    fn default() -> Self {
        Self::new()
    }
}

/// The `.xlsx` made from a data table (at `name`): writing (deflating) them was most of a
/// preview rebuild's rendering time.
pub fn table_xlsx(name: &str, table: &DataTable, sheet_name: &str) -> Result<Vec<u8>, Text> {
    static T: Keyed<(String, DataTable), Result<Vec<u8>, Text>> = Keyed::new();
    if !enabled() {
        return super::xlsx::table_to_xlsx(table, sheet_name);
    }
    T.get_or(name, (sheet_name.to_string(), table.clone()), |(s, t)| {
        super::xlsx::table_to_xlsx(t, s)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_changed_file_is_read_again() {
        enable();
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
        assert_eq!(second.kind, super::super::sniff::sniff(&p).kind);
    }
}
