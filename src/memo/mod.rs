//! What oit remembers between one rebuild and the next, in one place, so every stage remembers
//! the same way. Two kinds:
//! - in memory, for `serve`: a save of one page must not make the whole station be read, parsed
//!   and rendered again. It is off unless `enable` was called, so a `build --sites` of 1,484
//!   stations does not keep every station's results in memory;
//! - on disk, for `build` (`build_cache`): what each station's published folder and last check
//!   were made from, so the next build redoes only the stations whose inputs changed.
//!
//! This file holds the switch, how parallel loops behave while it is on, and the listing of the
//! content that tells a rebuild what changed; `keyed` has the two memo types every stage uses,
//! `documents` the reads of uploaded files.
pub mod build_cache;
mod documents;
mod keyed;

pub use documents::{docx_text, excel_preview, sniff, table_xlsx};
pub use keyed::{Keyed, TextMemo};

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

static ENABLED: AtomicBool = AtomicBool::new(false);

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

/// Held while a listing is set and the content loaded with it, so two readers (the preview's
/// rebuild and the editor's screens) never load with each other's listing.
static LOADING: Mutex<()> = Mutex::new(());

/// The guard of `LOADING`.
pub fn loading() -> std::sync::MutexGuard<'static, ()> {
    LOADING.lock().unwrap_or_else(|e| e.into_inner())
}

/// A listing of a folder tree: every path under it with its size and modification time.
pub type Tree = std::collections::BTreeMap<PathBuf, (u64, Option<SystemTime>)>;

static TREE: Mutex<Option<Arc<Tree>>> = Mutex::new(None);

/// `serve` lists the content to see whether anything changed; the rebuild that follows uses
/// that listing to tell which folders changed instead of listing them again.
pub fn set_tree(tree: Tree) {
    *TREE.lock().unwrap_or_else(|e| e.into_inner()) = Some(Arc::new(tree));
}

/// The listing `set_tree` gave, while the memo is on.
pub fn tree() -> Option<Arc<Tree>> {
    if !enabled() {
        return None;
    }
    TREE.lock().unwrap_or_else(|e| e.into_inner()).clone()
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
