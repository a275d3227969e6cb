//! The files of a page folder (what is published beside the page) and the attachments a page
//! names. Symbolic links leading out of the content tree are refused so nothing outside it is
//! published, and a file that would be overwritten by the generated index.html is refused.
use super::{Cx, is_clutter};
use crate::content::de::FileRef;
use crate::content::model::*;
use crate::diagnostics::{Finding, Text};
use crate::names::safe_path;
use rayon::prelude::*;
use std::fs;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

impl Cx {
    /// Files of a page folder (recursively), skipping index.md, data tables and system clutter.
    pub(super) fn folder_files(&mut self, dir: &Path, skip_tables: bool) -> Vec<FileInfo> {
        let mut out = Vec::new();
        for entry in WalkDir::new(dir)
            .min_depth(1)
            .sort_by_file_name()
            .into_iter()
        {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    let p = e
                        .path()
                        .map(|p| self.rel(p).to_path_buf())
                        .unwrap_or_default();
                    self.findings.push(
                        Finding::error(
                            "io",
                            Text::new(format!("อ่านไม่ได้: {e}"), format!("cannot read: {e}")),
                        )
                        .file(&p),
                    );
                    continue;
                }
            };
            let name = entry.file_name().to_string_lossy();
            if is_clutter(&name) {
                continue;
            }
            let path = entry.path();
            if entry.path_is_symlink() {
                // A link may point anywhere; publishing what it points at must not leak files
                // from outside the content tree.
                let root = self.root.canonicalize();
                let root = root.as_deref().unwrap_or(&self.root);
                let inside = path
                    .canonicalize()
                    .map(|t| t.starts_with(root))
                    .unwrap_or(false);
                if !inside {
                    self.findings.push(
                        Finding::error(
                            "path",
                            Text::new(
                                "ลิงก์สัญลักษณ์ (symlink) ชี้ออกไปนอกโฟลเดอร์เนื้อหา จึงไม่เผยแพร่",
                                "symbolic link points outside the content folder; not published",
                            ),
                        )
                        .file(self.rel(path)),
                    );
                    continue;
                }
            }
            // One stat per file: its type (through a link) and its size.
            let bytes = match fs::metadata(path) {
                Ok(m) if m.is_file() => m.len(),
                Ok(_) => continue,
                Err(e) => {
                    let rel = self.rel(path).to_path_buf();
                    self.findings.push(super::io_finding(&rel, &e));
                    continue;
                }
            };
            let rel = path
                .strip_prefix(dir)
                .unwrap_or(path)
                .to_string_lossy()
                .replace('\\', "/");
            if rel == "index.md" {
                continue;
            }
            let ext = path
                .extension()
                .map(|e| e.to_string_lossy().to_lowercase())
                .unwrap_or_default();
            if skip_tables && !rel.contains('/') && (ext == "yaml" || ext == "yml") {
                continue;
            }
            out.push((path.to_path_buf(), rel, bytes, ext));
        }
        let info = |(path, rel, bytes, ext): (PathBuf, String, u64, String)| FileInfo {
            out: safe_path(&rel),
            rel,
            bytes,
            ext,
            facts: crate::memo::sniff(&path),
        };
        // Reading headers (and counting PDF pages) is I/O and parsing: all files in parallel,
        // except when `serve` remembers them: then it is a lookup, and waking threads for each
        // folder cost more than the lookups (half of a preview's load time).
        if crate::memo::enabled() {
            out.into_iter().map(info).collect()
        } else {
            out.into_par_iter().map(info).collect()
        }
    }

    /// The page of a folder is generated as `index.html`: a file of that name would be lost
    /// (or, worse, replace the page), so it is refused.
    pub(super) fn reserved_names(
        &mut self,
        files: &[FileInfo],
        rel_dir: &Path,
        code: Option<&str>,
    ) {
        for f in files
            .iter()
            .filter(|f| f.out.eq_ignore_ascii_case("index.html"))
        {
            let mut finding = Finding::error(
                "reserved-name",
                Text::new(
                    format!("ไฟล์ชื่อ \"{}\" ซ้ำกับหน้าที่โปรแกรมสร้างเอง ให้เปลี่ยนชื่อไฟล์", f.rel),
                    format!(
                        "a file named \"{}\" would collide with the generated page; rename it",
                        f.rel
                    ),
                ),
            )
            .file(&rel_dir.join(&f.rel));
            if let Some(c) = code {
                finding = finding.item(c);
            }
            self.findings.push(finding);
        }
    }

    /// The attachments `refs` of the page `file` (at `line`) that exist inside `dir`; each one
    /// that does not is a finding.
    pub(super) fn referenced(
        &mut self,
        refs: &[FileRef],
        file: &Path,
        line: Option<usize>,
        dir: &Path,
    ) -> Vec<Attachment> {
        let mut out = Vec::new();
        for f in refs {
            if self.check_ref(file, line, dir, &f.file) {
                out.push(attachment(f, &f.file));
            }
        }
        out
    }
}

fn attachment(f: &FileRef, file: &str) -> Attachment {
    let ext = file
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    Attachment {
        file: file.to_string(),
        title: f
            .title
            .clone()
            .or_else(|| f.alt.clone())
            .unwrap_or_else(|| file.rsplit('/').next().unwrap_or(file).to_string()),
        lang: f.lang.clone().unwrap_or_else(|| "th".to_string()),
        machine_readable: f
            .machine_readable
            .unwrap_or_else(|| is_machine_readable_ext(&ext)),
        line: f.line.clone(),
    }
}

/// Structured formats an assessor counts as machine-readable when nothing else is said.
pub fn is_machine_readable_ext(ext: &str) -> bool {
    matches!(
        ext,
        "xlsx" | "xls" | "ods" | "csv" | "docx" | "doc" | "odt" | "json" | "xml"
    )
}
