//! Load: walk the content tree into the typed model. Every problem becomes a `Finding`; loading
//! goes on past a bad file so one run reports everything it can.
//!
//! This file holds what every part shares: the `Cx` context (the content root and the findings so
//! far), reading a text file safely, checking a file reference, and `serve`'s per-folder memo
//! (`unit`). Each thing loaded has its own module, in the order `load` meets them:
//! `site` (site.yaml, which then loads the rest), `pages`, `news`, `years` (ita/<year>/<item>
//! folders and their index.md), `months` (an item's monthly entries), `tables` (an item's data
//! tables) and `attachments` (the files in a folder and the files a page names).
mod attachments;
mod months;
mod news;
mod pages;
mod site;
mod tables;
mod years;

pub use attachments::is_machine_readable_ext;
pub use tables::{cell, is_email, is_phone};
pub use years::parse_item_code;

use super::model::*;
use crate::diagnostics::{Finding, Text};
use std::fmt::Write as _;
use std::fs;
use std::path::{Component, Path, PathBuf};
use walkdir::WalkDir;

/// Markdown and YAML larger than this are refused: real pages are a few KB, and a 200 MB "page"
/// is a mistake (or an attack) that should not take the build down.
const MAX_TEXT_BYTES: u64 = 4 * 1024 * 1024;

/// What loading produced: the site when site.yaml could be read, and every finding.
pub struct Loaded {
    pub site: Option<Site>,
    pub findings: Vec<Finding>,
}

pub fn load(root: &Path) -> Loaded {
    let mut cx = Cx {
        root: root.to_path_buf(),
        findings: Vec::new(),
    };
    let site = cx.load_site();
    crate::diagnostics::sort(&mut cx.findings);
    Loaded {
        site,
        findings: cx.findings,
    }
}

struct Cx {
    root: PathBuf,
    findings: Vec<Finding>,
}

/// What can carry the stamp of the folder it was loaded from.
trait Stamped {
    fn set_stamp(&mut self, stamp: std::sync::Arc<str>);
}

impl Stamped for Item {
    fn set_stamp(&mut self, stamp: std::sync::Arc<str>) {
        self.stamp = Some(stamp);
    }
}

impl Stamped for News {
    fn set_stamp(&mut self, stamp: std::sync::Arc<str>) {
        self.stamp = Some(stamp);
    }
}

/// A folder's loaded value and the findings met loading it.
type UnitMemo<T> = crate::memo::TextMemo<(Option<T>, Vec<Finding>)>;

impl Cx {
    /// `load(self)` for the folder `dir`, or, when `serve` remembers (`memo`), what it
    /// gave last time if no file under `dir` changed: a save re-reads only its own folder.
    /// `outside` names everything else the value depends on.
    fn unit<T: Clone + Stamped>(
        &mut self,
        memo: &UnitMemo<T>,
        dir: &Path,
        outside: String,
        load: impl FnOnce(&mut Self) -> Option<T>,
    ) -> Option<T> {
        if !crate::memo::enabled() {
            return load(self);
        }
        // Every path, size and modification time under the folder: from serve's listing when
        // it has the folder, else listed now.
        let mut key = outside;
        let mut stamp = |path: &Path, len: u64, mtime: Option<std::time::SystemTime>| {
            let nanos = mtime
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .unwrap_or_default()
                .as_nanos();
            let _ = write!(key, "\u{0}{}\u{1}{len}\u{1}{nanos}", path.display());
        };
        let tree = crate::memo::tree();
        match tree.as_deref() {
            Some(tree) if tree.contains_key(dir) => {
                for (path, (len, mtime)) in tree
                    .range(dir.to_path_buf()..)
                    .take_while(|(p, _)| p.starts_with(dir))
                {
                    stamp(path, *len, *mtime);
                }
            }
            _ => {
                for e in WalkDir::new(dir).sort_by_file_name() {
                    let Ok((e, m)) = e.and_then(|e| {
                        let m = e.metadata()?;
                        Ok((e, m))
                    }) else {
                        return load(self);
                    };
                    stamp(e.path(), m.len(), m.modified().ok());
                }
            }
        }
        if let Some((value, findings)) = memo.get(&key) {
            self.findings.extend(findings);
            return value;
        }
        let before = self.findings.len();
        let stamp: std::sync::Arc<str> = key.as_str().into();
        let value = load(self).map(|mut v| {
            v.set_stamp(stamp);
            v
        });
        memo.insert(key, (value.clone(), self.findings[before..].to_vec()));
        value
    }

    fn rel<'a>(&self, p: &'a Path) -> &'a Path {
        p.strip_prefix(&self.root).unwrap_or(p)
    }

    /// Reads a text file with a size cap and UTF-8 check; `None` after recording a finding.
    fn read_text(&mut self, path: &Path) -> Option<String> {
        let rel = self.rel(path).to_path_buf();
        // One open, and the size from it: a station has dozens of text files.
        let opened = fs::File::open(path).and_then(|f| Ok((f.metadata()?, f)));
        let (meta, mut file) = match opened {
            Ok(m) => m,
            Err(e) => {
                self.findings.push(io_finding(&rel, &e));
                return None;
            }
        };
        if meta.len() > MAX_TEXT_BYTES {
            self.findings.push(
                Finding::error(
                    "too-large",
                    Text::new(
                        format!(
                            "ไฟล์ใหญ่เกินไป ({} MB) ไฟล์ข้อความต้องไม่เกิน 4 MB",
                            meta.len() / 1_048_576
                        ),
                        format!(
                            "file too large ({} MB); text files are limited to 4 MB",
                            meta.len() / 1_048_576
                        ),
                    ),
                )
                .file(&rel),
            );
            return None;
        }
        let mut bytes = Vec::with_capacity(meta.len() as usize);
        if let Err(e) = std::io::Read::read_to_end(&mut file, &mut bytes) {
            self.findings.push(io_finding(&rel, &e));
            return None;
        }
        match String::from_utf8(bytes) {
            Ok(s) => Some(s),
            Err(e) => {
                let upto = &e.as_bytes()[..e.utf8_error().valid_up_to()];
                let line = upto.iter().filter(|b| **b == b'\n').count() + 1;
                self.findings.push(
                    Finding::error(
                        "encoding",
                        Text::new(
                            "ไฟล์ไม่ได้บันทึกเป็น UTF-8 (อาจบันทึกเป็น TIS-620/ANSI)",
                            "the file is not UTF-8 (perhaps saved as TIS-620/ANSI)",
                        ),
                    )
                    .file(&rel)
                    .at(line, None)
                    .hint(Text::new(
                        "เปิดไฟล์ด้วยโปรแกรมแก้ไขข้อความ แล้วบันทึกใหม่เป็น UTF-8",
                        "open it in a text editor and save it again as UTF-8",
                    )),
                );
                None
            }
        }
    }

    /// A reference to a file must stay inside `dir` and exist.
    fn check_ref(&mut self, file: &Path, line: Option<usize>, dir: &Path, reference: &str) -> bool {
        if let Err(msg) = safe_relative(reference) {
            self.findings
                .push(Finding::error("path", msg).file(file).line_opt(line));
            return false;
        }
        if !dir.join(reference).is_file() {
            self.findings.push(
                Finding::error(
                    "missing-file",
                    Text::new(
                        format!("ไม่พบไฟล์ \"{reference}\" ที่อ้างถึง"),
                        format!("the referenced file \"{reference}\" does not exist"),
                    ),
                )
                .file(file)
                .line_opt(line)
                .hint(Text::new(
                    "ตรวจชื่อไฟล์ (รวมนามสกุลและตัวพิมพ์เล็ก/ใหญ่) หรือวางไฟล์ไว้ในโฟลเดอร์เดียวกับ index.md",
                    "check the file name (extension and letter case) or put the file next to index.md",
                )),
            );
            return false;
        }
        true
    }
}

/// Rejects references that would leave the folder: `..`, absolute paths, drive letters.
fn safe_relative(reference: &str) -> Result<(), Text> {
    let p = Path::new(reference);
    let bad = reference.is_empty()
        || reference.contains('\\')
        || p.components()
            .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir));
    if bad {
        return Err(Text::new(
            format!("อ้างถึงไฟล์ \"{reference}\" นอกโฟลเดอร์ไม่ได้ ใช้ชื่อไฟล์ที่อยู่ในโฟลเดอร์เดียวกันเท่านั้น"),
            format!(
                "\"{reference}\" points outside the folder; only files inside it may be referenced"
            ),
        ));
    }
    Ok(())
}

fn is_clutter(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with("~$")
        || name.eq_ignore_ascii_case("thumbs.db")
        || name.eq_ignore_ascii_case("desktop.ini")
}

impl Cx {
    /// Entries of a directory sorted by name; a missing directory is simply empty, one that
    /// cannot be listed is a finding (and empty).
    fn entries(&mut self, dir: &Path) -> Vec<PathBuf> {
        match fs::read_dir(dir) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound && dir.exists() => {
                let rel = self.rel(dir).to_path_buf();
                self.findings.push(io_finding(&rel, &e));
                Vec::new()
            }
            _ => sorted_entries(dir),
        }
    }
}

/// Entries of a directory sorted by name; a missing directory is simply empty.
fn sorted_entries(dir: &Path) -> Vec<PathBuf> {
    let Ok(rd) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut v: Vec<PathBuf> = rd
        .filter_map(|e| e.ok())
        .filter(|e| !is_clutter(&e.file_name().to_string_lossy()))
        .map(|e| e.path())
        .collect();
    v.sort();
    v
}

fn io_finding(rel: &Path, e: &std::io::Error) -> Finding {
    Finding::error(
        "io",
        Text::new(
            format!("อ่านไฟล์ไม่ได้: {e}"),
            format!("cannot read the file: {e}"),
        ),
    )
    .file(rel)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_cannot_escape() {
        assert!(safe_relative("a/b.pdf").is_ok());
        assert!(safe_relative("../site.yaml").is_err());
        assert!(safe_relative("/etc/passwd").is_err());
        assert!(safe_relative("a/../../x").is_err());
        assert!(safe_relative("a\\..\\x").is_err());
    }
}
