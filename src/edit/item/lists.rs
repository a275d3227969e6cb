//! What a save does to a list of files: a month's wanted state, a replaced file swapped in
//! under the old one's name, the title of an uploaded file.
use super::files::{self, Listed};
use crate::content::MonthEntry;

/// A listed file replaced by an upload: stored first under a free name, moved over the old
/// one's name once everything else is known to be right.
pub(super) struct Swap {
    /// The upload as stored, relative to the item folder.
    pub stored: String,
    /// The file it replaces.
    pub old: String,
    /// Where it ends: the old name with the new file's extension.
    pub target: String,
}

/// Plans replacing `old` by the upload stored at `stored`; returns the name the entry will have.
pub(super) fn swap_in(
    item_dir: &std::path::Path,
    old: &str,
    stored: String,
    swaps: &mut Vec<Swap>,
) -> String {
    let ext = stored.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    let stem = old.rsplit_once('.').map(|(s, _)| s).unwrap_or(old);
    let wanted = if ext.is_empty() {
        stem.to_string()
    } else {
        format!("{stem}.{ext}")
    };
    // Another file already has that name (old.doc replaced by a .docx beside an old.docx):
    // the upload keeps the free name it was stored under.
    let target = if wanted == old || !item_dir.join(&wanted).exists() {
        wanted
    } else {
        stored.clone()
    };
    swaps.push(Swap {
        stored,
        old: old.to_string(),
        target: target.clone(),
    });
    target
}

/// What the form wants in one month.
#[derive(Debug)]
pub(super) enum MonthSet {
    None(String),
    Files(Vec<Listed>),
}

impl MonthSet {
    /// Whether `wanted` differs from what the month says now.
    pub(super) fn changed(entry: Option<&MonthEntry>, wanted: Option<&MonthSet>) -> bool {
        match (entry, wanted) {
            (None, None) => false,
            (Some(MonthEntry::None(a)), Some(MonthSet::None(b))) => a != b,
            (Some(MonthEntry::Files(a)), Some(MonthSet::Files(b))) => !files::same_list(b, a),
            _ => true,
        }
    }
}

/// The title of an uploaded file: the one typed (with the file's format added when several
/// files share it, "… (PDF)"), else the file's own name.
pub(super) fn titled(base: &str, file: &str, with_format: bool) -> String {
    let base = base.trim();
    if base.is_empty() {
        let name = file.rsplit('/').next().unwrap_or(file);
        return name
            .rsplit_once('.')
            .map(|(s, _)| s)
            .unwrap_or(name)
            .to_string();
    }
    let ext = file.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    let format = match ext {
        "pdf" => "PDF",
        "doc" | "docx" | "odt" => "Word",
        "xls" | "xlsx" | "ods" => "Excel",
        "csv" => "CSV",
        _ => "",
    };
    if with_format && !format.is_empty() {
        format!("{base} ({format})")
    } else {
        base.to_string()
    }
}
