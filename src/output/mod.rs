//! Stage 4: write the rendered site. Everything goes into a fresh folder beside `--out`, which is
//! swapped in only when complete, so a failed or killed build leaves the last good site as it was.
//!
//! A file that is the same as in the last good site is hard-linked from it instead of written
//! again: the old site is oit's own output, never edited in place by oit, so sharing its inodes
//! is safe (unlike linking to the content, see `write_all`), costs no data writes, and keeps the
//! file's modification time, so `rsync` or an FTP mirror uploads only what changed.
pub mod links;

use crate::diagnostics::{Finding, Text};
use crate::render::{OutContent, OutFile};
use std::fs;
use std::path::{Path, PathBuf};

/// Marks a folder as written by oit, so a mistyped `--out` never replaces someone's documents.
pub const MARKER: &str = ".oit-site";

#[derive(Debug, Default)]
pub struct WriteStats {
    pub files: usize,
    pub bytes: u64,
    /// Files taken over unchanged from the last good site (hard links).
    pub unchanged: usize,
    /// What changed since the last good site, when files were written and there was a last
    /// site to compare with.
    pub changes: Option<Changes>,
}

/// How a site differs from the last one, for a webmaster who uploads by hand (FTP, a hosting
/// panel's file manager): what to upload again and what to delete from the host.
#[derive(Debug, Default, Clone)]
pub struct Changes {
    /// Files written anew (new or changed), in path order.
    pub written: Vec<String>,
    /// Files of the last site that the new one does not have, in path order (one-station builds
    /// only). Left on the host they stay readable: a document taken down (say, for a national
    /// ID in it) would still be there.
    pub removed: Vec<String>,
}

fn sibling(out: &Path, suffix: &str) -> PathBuf {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    out.with_file_name(format!("{name}{suffix}"))
}

fn err(msg: Text, path: &Path) -> Finding {
    Finding::error("output", msg).file(path)
}

fn io_err(path: &Path, e: &std::io::Error) -> Finding {
    err(crate::os_error::cannot_write(e), path)
}

/// Refuses an output folder that would overwrite the content or a folder oit did not make.
pub fn check_target(out: &Path, content: &Path) -> Result<(), Finding> {
    let abs = |p: &Path| {
        p.canonicalize()
            .unwrap_or_else(|_| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf()))
    };
    let (o, c) = (abs(out), abs(content));
    // A station folder holds its content and, beside ita/, pages/ and news/, its output
    // (`cd lampang && oit build` writes lampang/public/): the loader never reads that folder.
    let beside_content = o.strip_prefix(&c).ok().is_some_and(|rel| {
        rel.components().next().is_some_and(|first| {
            !matches!(
                first.as_os_str().to_str(),
                Some("ita" | "pages" | "news" | "site.yaml")
            )
        })
    });
    if o == c || c.starts_with(&o) || (o.starts_with(&c) && !beside_content) {
        return Err(err(
            Text::new(
                "โฟลเดอร์ผลลัพธ์ (--out) ต้องไม่ใช่โฟลเดอร์เนื้อหา และไม่อยู่ใน ita/ pages/ หรือ news/ ใช้โฟลเดอร์ เช่น --out public",
                "the output folder (--out) must not be the content folder nor inside its ita/, pages/ or news/; use e.g. --out public",
            ),
            out,
        ));
    }
    if out.exists() && !out.is_dir() {
        return Err(err(
            Text::new(
                "--out ต้องเป็นโฟลเดอร์ แต่ที่อยู่นี้เป็นไฟล์ จึงไม่เขียนทับ",
                "--out must be a folder, but this is a file; not replacing it",
            ),
            out,
        ));
    }
    if let Ok(cwd) = std::env::current_dir().map(|c| abs(&c))
        && cwd.starts_with(&o)
    {
        return Err(err(
            Text::new(
                "--out ต้องไม่ใช่โฟลเดอร์ที่กำลังทำงานอยู่ (หรือโฟลเดอร์แม่ของมัน) เพราะต้องแทนที่ทั้งโฟลเดอร์ ใช้โฟลเดอร์ย่อย เช่น --out public",
                "--out must not be the current folder or one of its parents, since the whole folder is replaced; use a sub-folder such as --out public",
            ),
            out,
        ));
    }
    if out.is_dir()
        && !out.join(MARKER).exists()
        && fs::read_dir(out)
            .map(|mut d| d.next().is_some())
            .unwrap_or(false)
    {
        return Err(err(
            Text::new(
                "โฟลเดอร์ผลลัพธ์มีไฟล์อื่นอยู่และไม่ได้สร้างโดย oit จึงไม่เขียนทับ ใช้โฟลเดอร์ว่างหรือลบโฟลเดอร์นี้ก่อน",
                "the output folder holds files oit did not write; not replacing it (use an empty folder or remove it first)",
            ),
            out,
        ));
    }
    Ok(())
}

/// Puts back a site left aside by a swap that was interrupted between its two renames (where
/// the system cannot exchange the folders in one step).
pub fn recover(out: &Path) {
    let old = sibling(out, ".oit-old");
    if !out.exists() && old.is_dir() {
        let _ = fs::rename(&old, out);
    }
    // Temporary folders of builds that were killed.
    if let (Some(parent), Some(name)) = (out.parent(), out.file_name()) {
        let prefix = format!("{}.oit-tmp-", name.to_string_lossy());
        let parent = if parent.as_os_str().is_empty() {
            Path::new(".")
        } else {
            parent
        };
        if let Ok(rd) = fs::read_dir(parent) {
            for e in rd.flatten() {
                let n = e.file_name().to_string_lossy().into_owned();
                if let Some(pid) = n.strip_prefix(&prefix)
                    && !pid.is_empty()
                    && pid.bytes().all(|b| b.is_ascii_digit())
                    && !Path::new(&format!("/proc/{pid}")).exists()
                    // Without /proc (macOS, Windows) liveness is unknown: leave it alone.
                    && Path::new("/proc/self").exists()
                {
                    let _ = fs::remove_dir_all(e.path());
                }
            }
        }
    }
}

pub fn write_site(out: &Path, files: &[OutFile]) -> Result<WriteStats, Finding> {
    let staging = Staging::new(out)?;
    match staging.write(Path::new(""), files) {
        Ok(mut stats) => {
            // Only a one-station build says what is gone (`--sites` does not list files).
            if let Some(changes) = &mut stats.changes {
                changes.removed = removed_files(out, files);
            }
            staging.commit()?;
            Ok(stats)
        }
        Err(f) => {
            staging.abandon();
            Err(f)
        }
    }
}

/// A fresh folder beside `--out` that receives the whole new site (possibly from several
/// threads, one sub-folder each) and replaces `--out` in one step at the end.
pub struct Staging {
    tmp: PathBuf,
    out: PathBuf,
}

impl Staging {
    pub fn new(out: &Path) -> Result<Self, Finding> {
        recover(out);
        let tmp = sibling(out, &format!(".oit-tmp-{}", std::process::id()));
        if tmp.exists() {
            fs::remove_dir_all(&tmp).map_err(|e| io_err(&tmp, &e))?;
        }
        fs::create_dir_all(&tmp).map_err(|e| io_err(&tmp, &e))?;
        fs::write(
            tmp.join(MARKER),
            b"This folder is written by oit; it is replaced on every build.\n",
        )
        .map_err(|e| io_err(&tmp, &e))?;
        Ok(Staging {
            tmp,
            out: out.to_path_buf(),
        })
    }

    /// Writes `files` under `prefix` inside the staging folder, linking those that are the same
    /// under `prefix` in the last good site.
    pub fn write(&self, prefix: &Path, files: &[OutFile]) -> Result<WriteStats, Finding> {
        let previous = self.out.join(prefix);
        let previous = (self.out.join(MARKER).is_file() && previous.is_dir()).then_some(previous);
        write_all(&self.tmp.join(prefix), files, previous.as_deref())
    }

    /// Swaps the staged site in for the old one.
    pub fn commit(self) -> Result<(), Finding> {
        swap_in(&self.tmp, &self.out)
    }

    /// Drops the staged files; the old site stays as it was.
    pub fn abandon(self) {
        let _ = fs::remove_dir_all(&self.tmp);
    }
}

/// `build --sites`: every station's folder under `--out` is replaced on its own, in one step,
/// when that station was built again; the others are left as they are (so a run where one
/// station changed writes one folder, not all of them). The index and combined report at the
/// top are replaced file by file. A run killed midway leaves every station's folder whole: the
/// last good one or the new one.
pub struct StationFolders {
    tmp: PathBuf,
    out: PathBuf,
}

impl StationFolders {
    pub fn new(out: &Path) -> Result<Self, Finding> {
        recover(out);
        if !out.join(MARKER).is_file() {
            fs::create_dir_all(out).map_err(|e| io_err(out, &e))?;
            fs::write(
                out.join(MARKER),
                b"This folder is written by oit; its stations are replaced by every build.\n",
            )
            .map_err(|e| io_err(out, &e))?;
        }
        let tmp = sibling(out, &format!(".oit-tmp-{}", std::process::id()));
        if tmp.exists() {
            fs::remove_dir_all(&tmp).map_err(|e| io_err(&tmp, &e))?;
        }
        fs::create_dir_all(&tmp).map_err(|e| io_err(&tmp, &e))?;
        Ok(StationFolders {
            tmp,
            out: out.to_path_buf(),
        })
    }

    /// The published folder of station `id`.
    pub fn path(&self, id: &str) -> PathBuf {
        self.out.join(id)
    }

    /// Writes station `id`'s files beside `--out` (linking those that are the same in its
    /// published folder) and swaps them in for the published folder.
    pub fn replace(&self, id: &str, files: &[OutFile]) -> Result<WriteStats, Finding> {
        let published = self.path(id);
        // Where folders cannot be exchanged in one step, a killed swap left the old one aside.
        let aside = sibling(&published, ".oit-old");
        if !published.exists() && aside.is_dir() {
            let _ = fs::rename(&aside, &published);
        }
        let staged = self.tmp.join(id);
        let previous = published.is_dir().then_some(published.as_path());
        match write_all(&staged, files, previous) {
            Ok(stats) => {
                swap_in(&staged, &published)?;
                Ok(stats)
            }
            Err(f) => {
                let _ = fs::remove_dir_all(&staged);
                Err(f)
            }
        }
    }

    /// Removes the folders of stations that are gone; true when there were any.
    pub fn keep_only(&self, ids: &std::collections::BTreeSet<&str>) -> bool {
        let mut removed = false;
        for e in fs::read_dir(&self.out).into_iter().flatten().flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if e.file_type().is_ok_and(|t| t.is_dir()) && !ids.contains(name.as_str()) {
                removed |= fs::remove_dir_all(e.path()).is_ok();
            }
        }
        removed
    }

    /// Whether every one of `names` is at the top of `--out`.
    pub fn has_top(&self, names: &[&str]) -> bool {
        names.iter().all(|n| self.out.join(n).is_file())
    }

    /// Replaces files at the top of `--out`, each in one step.
    pub fn write_top(&self, files: &[OutFile]) -> Result<(), Finding> {
        for f in files {
            let OutContent::Bytes(bytes) = &f.content else {
                continue;
            };
            let staged = self.tmp.join(&f.path);
            let dest = self.out.join(&f.path);
            fs::write(&staged, bytes).map_err(|e| io_err(&staged, &e))?;
            fs::rename(&staged, &dest).map_err(|e| io_err(&dest, &e))?;
        }
        Ok(())
    }

    /// Removes the folder the stations were written in.
    pub fn finish(&self) {
        let _ = fs::remove_dir_all(&self.tmp);
    }
}

fn write_all(
    dir: &Path,
    files: &[OutFile],
    previous: Option<&Path>,
) -> Result<WriteStats, Finding> {
    fs::create_dir_all(dir).map_err(|e| io_err(dir, &e))?;
    let mut stats = WriteStats {
        changes: previous.map(|_| Changes::default()),
        ..WriteStats::default()
    };
    // Folders made so far: most files share their folder with others.
    let mut made: std::collections::HashSet<PathBuf> = std::collections::HashSet::new();
    for f in files {
        let dest = dir.join(&f.path);
        if let Some(parent) = dest.parent()
            && !made.contains(parent)
        {
            fs::create_dir_all(parent).map_err(|e| io_err(parent, &e))?;
            made.insert(parent.to_path_buf());
        }
        stats.files += 1;
        if let Some(old) = previous.map(|p| p.join(&f.path))
            && let Some(size) = unchanged_size(&old, &f.content)
            && fs::hard_link(&old, &dest).is_ok()
        {
            stats.unchanged += 1;
            stats.bytes += size;
            continue;
        }
        if let Some(changes) = &mut stats.changes {
            changes.written.push(f.path.clone());
        }
        stats.bytes += match &f.content {
            OutContent::Bytes(b) => {
                fs::write(&dest, b).map_err(|e| io_err(&dest, &e))?;
                b.len() as u64
            }
            // Copied, not hard-linked: a linked file is the same file in both trees, so an
            // in-place edit of the content would change the published site before any build
            // ran (and an edit of the site would change the content).
            OutContent::Source(src) => copy_keeping_mtime(src, &dest)?,
        };
    }
    Ok(stats)
}

/// The files under the last site `old` that are not among `files` (oit's marker aside).
fn removed_files(old: &Path, files: &[OutFile]) -> Vec<String> {
    let kept: std::collections::HashSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let mut removed: Vec<String> = walkdir::WalkDir::new(old)
        .min_depth(1)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| !e.file_type().is_dir())
        .filter_map(|e| {
            let rel = e
                .path()
                .strip_prefix(old)
                .ok()?
                .to_str()?
                .replace('\\', "/");
            (rel != MARKER && !kept.contains(rel.as_str())).then_some(rel)
        })
        .collect();
    removed.sort();
    removed
}

/// The size of the file at `old` (in the last output) when it already holds `content`: the
/// same bytes, or, for an attachment, the same size and modification time as its source (as
/// `rsync` decides; the copy was given the source's time when it was made).
fn unchanged_size(old: &Path, content: &OutContent) -> Option<u64> {
    let meta = fs::symlink_metadata(old).ok().filter(|m| m.is_file())?;
    let same = match content {
        OutContent::Bytes(b) => {
            meta.len() == b.len() as u64 && fs::read(old).is_ok_and(|on_disk| on_disk == *b)
        }
        OutContent::Source(src) => fs::metadata(src).is_ok_and(|s| {
            s.len() == meta.len()
                && s.modified().ok().is_some()
                && s.modified().ok() == meta.modified().ok()
        }),
    };
    same.then_some(meta.len())
}

/// Copies an attachment and gives the copy its source's modification time; returns its size.
/// One open of each file: `io::copy` between files uses copy_file_range (which clones on file
/// systems that can) or sendfile. The copy gets the default permissions of a new file, like
/// every page, not the source's (a private `0600` source would be unreadable to the web server).
fn copy_keeping_mtime(src: &Path, dest: &Path) -> Result<u64, Finding> {
    let mut from = fs::File::open(src).map_err(|e| io_err(src, &e))?;
    let mtime = from.metadata().and_then(|m| m.modified());
    let mut to = fs::File::create(dest).map_err(|e| io_err(dest, &e))?;
    let size = std::io::copy(&mut from, &mut to).map_err(|e| io_err(src, &e))?;
    if let Ok(mtime) = mtime {
        // Best effort: without it the next build only copies the file again.
        let _ = to.set_modified(mtime);
    }
    Ok(size)
}

fn swap_in(tmp: &Path, out: &Path) -> Result<(), Finding> {
    // Where the system can, the two folders trade places in one step: a web server reading the
    // output never finds it missing, even for a moment. The old site, now at `tmp`, goes after.
    if out.is_dir() && exchange(tmp, out) {
        let _ = fs::remove_dir_all(tmp);
        return Ok(());
    }
    let old = sibling(out, ".oit-old");
    if old.exists() {
        fs::remove_dir_all(&old).map_err(|e| io_err(&old, &e))?;
    }
    if out.exists() {
        fs::rename(out, &old).map_err(|e| io_err(out, &e))?;
    }
    if let Err(e) = fs::rename(tmp, out) {
        let _ = fs::rename(&old, out);
        let _ = fs::remove_dir_all(tmp);
        return Err(io_err(out, &e));
    }
    let _ = fs::remove_dir_all(&old);
    Ok(())
}

/// Swaps two paths atomically (Linux `renameat2` with `RENAME_EXCHANGE`); false where that is
/// not available (another system, an old kernel, a file system without it).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> bool {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let (Ok(a), Ok(b)) = (
        CString::new(a.as_os_str().as_bytes()),
        CString::new(b.as_os_str().as_bytes()),
    ) else {
        return false;
    };
    // SAFETY: both are valid NUL-terminated paths that outlive the call.
    let r = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    r == 0
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> bool {
    false
}
