//! How the editor changes files: nothing half-written, nothing deleted, nothing overwritten
//! that changed on disk since the form was opened.
use super::form::Upload;
use crate::diagnostics::Text;
use std::hash::{Hash, Hasher};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The largest file one upload may be (a scanned report of a few hundred pages fits).
pub const MAX_UPLOAD: u64 = 64 * 1024 * 1024;

/// Names one version of a file's bytes ("" when it does not exist); a form carries the stamp of
/// what it showed, and a save refuses when the file's stamp moved meanwhile.
pub fn stamp(path: &Path) -> String {
    match std::fs::read(path) {
        Ok(bytes) => {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            bytes.hash(&mut h);
            format!("{}-{:016x}", bytes.len(), h.finish())
        }
        Err(_) => String::new(),
    }
}

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename: a reader
/// (the preview, `oit build`, a crash) sees the old file or the new one, never half of one.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let tmp = temp_name(dir);
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

fn temp_name(dir: &Path) -> PathBuf {
    // Without randomness (never seen) the name is still unique enough for one save at a time.
    let tag = random_hex(6).unwrap_or_else(|_| std::process::id().to_string());
    dir.join(format!(".oit-edit-{tag}.tmp"))
}

/// `n` random bytes from the system, as hex: the editor's token and temporary names.
pub fn random_hex(n: usize) -> Result<String, getrandom::Error> {
    let mut bytes = vec![0u8; n];
    getrandom::fill(&mut bytes)?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// The trash beside the content folder (`content` → `content-ถังขยะ`), one folder per day
/// (Buddhist Era, as the content's month folders are).
pub fn trash_dir(content: &Path) -> PathBuf {
    let name = content
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "content".into());
    let day = crate::thai::format_iso_be(crate::thai::today());
    content
        .parent()
        .unwrap_or(Path::new("."))
        .join(format!("{name}-ถังขยะ"))
        .join(day)
}

/// Moves `rel` (relative to `content`) into the trash, keeping its path there; a file of the
/// same name already in today's trash is kept too (the new one gets a number).
pub fn to_trash(content: &Path, rel: &str) -> std::io::Result<PathBuf> {
    let from = content.join(rel);
    let mut to = trash_dir(content).join(rel);
    let mut n = 2;
    while to.exists() {
        to = trash_dir(content).join(numbered(rel, n));
        n += 1;
    }
    std::fs::create_dir_all(to.parent().unwrap_or(Path::new(".")))?;
    match std::fs::rename(&from, &to) {
        Ok(()) => Ok(to),
        // Another file system (the trash on another disk): copy, then remove.
        Err(_) => {
            std::fs::copy(&from, &to)?;
            std::fs::remove_file(&from)?;
            Ok(to)
        }
    }
}

/// `a/report.pdf`, 2 → `a/report-2.pdf`.
fn numbered(rel: &str, n: u32) -> String {
    match rel.rsplit_once('.') {
        Some((stem, ext)) if !stem.ends_with('/') && !stem.is_empty() => {
            format!("{stem}-{n}.{ext}")
        }
        _ => format!("{rel}-{n}"),
    }
}

/// A file name safe in every file system and URL the site goes through, keeping Thai: letters
/// and digits of any script, `-`, `_` and one `.` before the extension; spaces become `-`;
/// nothing that climbs (`..`) or hides (a leading dot). Empty input gives `file`.
pub fn safe_name(name: &str) -> String {
    let name = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let (stem, ext) = match name.rsplit_once('.') {
        Some((s, e))
            if !s.is_empty() && !e.is_empty() && e.chars().all(|c| c.is_ascii_alphanumeric()) =>
        {
            (s, Some(e.to_ascii_lowercase()))
        }
        _ => (name, None),
    };
    let mut out = String::new();
    for c in stem.chars() {
        if c.is_alphanumeric() || c == '-' || c == '_' || is_thai_mark(c) {
            out.push(c);
        } else if (c.is_whitespace() || c == '.' || c == '(' || c == ')') && !out.ends_with('-') {
            out.push('-');
        }
    }
    let mut out: String = out.trim_matches('-').chars().take(80).collect();
    if out.is_empty() {
        out = "file".into();
    }
    match ext {
        Some(e) => format!("{out}.{e}"),
        None => out,
    }
}

/// Thai vowel and tone marks are not `alphanumeric` but are part of a Thai word.
fn is_thai_mark(c: char) -> bool {
    ('\u{0E30}'..='\u{0E4E}').contains(&c)
}

/// Saves `upload` into `dir` (absolute, inside the content folder) under a safe name, not
/// overwriting a file already there; returns the name. The file is first written aside and
/// checked the way `oit check` checks it: a file that is not what its name says (a PDF named
/// `.xlsx`, an empty file, a locked PDF) is refused with `check`'s reason and never lands.
pub fn store_upload(dir: &Path, upload: &Upload) -> Result<String, Text> {
    if upload.bytes.len() as u64 > MAX_UPLOAD {
        return Err(Text::new(
            format!(
                "ไฟล์ {} ใหญ่เกิน {} MB ให้ลดขนาด (เช่น สแกนเป็นขาวดำ) แล้วเลือกใหม่",
                upload.name,
                MAX_UPLOAD / 1024 / 1024
            ),
            format!(
                "{} is larger than {} MB: make it smaller (scan in black and white, say) and choose it again",
                upload.name,
                MAX_UPLOAD / 1024 / 1024
            ),
        ));
    }
    let name = safe_name(&upload.name);
    std::fs::create_dir_all(dir).map_err(|e| io_text(&e, dir))?;
    let tmp = temp_name(dir);
    // Sniffed under its own extension, as the check sees it.
    let probe = tmp.with_extension(format!(
        "tmp.{}",
        Path::new(&name)
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("bin")
    ));
    std::fs::write(&probe, &upload.bytes).map_err(|e| io_text(&e, &probe))?;
    let facts = crate::documents::sniff(&probe);
    if let Some(problem) = facts.problem {
        let _ = std::fs::remove_file(&probe);
        return Err(Text::new(
            format!("{}: {} ไม่ได้บันทึกไฟล์นี้", upload.name, problem.th),
            format!("{}: {}; the file was not saved", upload.name, problem.en),
        ));
    }
    let mut target = dir.join(&name);
    let mut n = 2;
    while target.exists() {
        target = dir.join(numbered(&name, n));
        n += 1;
    }
    std::fs::rename(&probe, &target).map_err(|e| {
        let _ = std::fs::remove_file(&probe);
        io_text(&e, &target)
    })?;
    Ok(target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or(name))
}

pub fn io_text(e: &std::io::Error, path: &Path) -> Text {
    let why = crate::os_error::reason(e, crate::os_error::Op::Write);
    Text::new(
        format!("{}: บันทึกไม่ได้ — {}", path.display(), why.th),
        format!("{}: cannot save — {}", path.display(), why.en),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_names_keep_thai_and_drop_what_climbs() {
        assert_eq!(safe_name("รายงาน ธ.ค. 2566.PDF"), "รายงาน-ธ-ค-2566.pdf");
        assert_eq!(safe_name("../../etc/passwd"), "passwd");
        assert_eq!(safe_name(".htaccess"), "htaccess");
        assert_eq!(safe_name("a<b>:c|d?.docx"), "abcd.docx");
        assert_eq!(safe_name("..."), "file");
        assert_eq!(numbered("2566-12/report.pdf", 2), "2566-12/report-2.pdf");
    }
}
