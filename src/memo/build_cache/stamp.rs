//! What a build read, summed up cheaply enough to ask before every build whether anything changed:
//! every file's path, size, modification and change times and inode, hashed together. A file
//! modified so recently that a second edit could leave all of that unchanged (file systems keep
//! times in ticks of a few milliseconds, FAT in 2 s) is also remembered by its content.
use serde::{Deserialize, Serialize};
use std::hash::{BuildHasher, Hasher};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// Files whose modification time is this close to the start of a build (or later) are compared
/// by content next time: within it, an edit may not move the time the file system records.
const RACY: Duration = Duration::from_secs(3);

/// A 64-bit hasher with a fixed seed: the same input gives the same digest in every run of the
/// same program (the cache is discarded when the program changes).
pub fn hasher() -> impl Hasher {
    foldhash::quality::FixedState::with_seed(0x6f69_745f_6361_6368).build_hasher()
}

/// The digest of `bytes`.
pub fn digest(bytes: &[u8]) -> u64 {
    let mut h = hasher();
    h.write(bytes);
    h.finish()
}

/// The inputs a station's output or report was made from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Inputs {
    /// Every file's stamp under the station's folder, with what the whole run shares (program,
    /// theme, options).
    pub digest: u64,
    /// Files (relative to the station's folder) modified around the build, by content digest.
    pub racy: Vec<(String, u64)>,
    /// Files outside the station's folder that the build read (a criteria file), by content
    /// digest.
    pub external: Vec<(PathBuf, u64)>,
}

impl Inputs {
    /// Whether these are still the inputs: `now` is the walk of the folder as it is.
    pub fn still(&self, now: &Walk, root: &Path) -> bool {
        self.digest == now.digest
            && self
                .racy
                .iter()
                .all(|(rel, d)| file_digest(&root.join(rel)) == Some(*d))
            && self
                .external
                .iter()
                .all(|(path, d)| file_digest(path) == Some(*d))
    }
}

/// One walk of a station's folder.
#[derive(Debug, Clone)]
pub struct Walk {
    pub digest: u64,
    pub racy: Vec<(String, u64)>,
}

impl Walk {
    /// The inputs of a build that read this walk's files and `external` ones.
    pub fn inputs(&self, external: Vec<(PathBuf, u64)>) -> Inputs {
        Inputs {
            digest: self.digest,
            racy: self.racy.clone(),
            external,
        }
    }
}

pub fn file_digest(path: &Path) -> Option<u64> {
    std::fs::read(path).ok().map(|b| digest(&b))
}

/// Walks `root` (in name order), skipping what `skip` names (the output and its siblings when
/// they lie inside), and mixes in `shared`. One `lstat` per file (the type comes with the folder
/// listing); a link to a file is stamped as the file it names. `None` when anything cannot be
/// read, or for a link to a folder (rare; the loader would read what is under it): the build
/// then does everything, as without a cache.
pub fn walk(root: &Path, shared: u64, skip: &dyn Fn(&Path) -> bool) -> Option<Walk> {
    let started = SystemTime::now();
    let mut h = hasher();
    h.write_u64(shared);
    let mut racy = Vec::new();
    let mut it = walkdir::WalkDir::new(root).sort_by_file_name().into_iter();
    while let Some(entry) = it.next() {
        let entry = entry.ok()?;
        let path = entry.path();
        if entry.depth() > 0 && skip(path) {
            if entry.file_type().is_dir() {
                it.skip_current_dir();
            }
            continue;
        }
        let rel = path.strip_prefix(root).ok()?;
        let rel = rel.to_str()?;
        h.write(rel.as_bytes());
        h.write_u8(0xff);
        if entry.file_type().is_dir() {
            h.write_u8(b'd');
            continue;
        }
        let meta = if entry.path_is_symlink() {
            std::fs::metadata(path).ok().filter(|m| !m.is_dir())?
        } else {
            entry.metadata().ok()?
        };
        h.write_u64(meta.len());
        let mtime = meta.modified().ok()?;
        write_time(&mut h, mtime);
        write_identity(&mut h, &meta);
        if mtime + RACY > started {
            racy.push((rel.to_string(), file_digest(path)?));
        }
    }
    Some(Walk {
        digest: h.finish(),
        racy,
    })
}

fn write_time(h: &mut impl Hasher, t: SystemTime) {
    match t.duration_since(SystemTime::UNIX_EPOCH) {
        Ok(d) => {
            h.write_u64(d.as_secs());
            h.write_u32(d.subsec_nanos());
        }
        Err(e) => {
            h.write_u8(b'-');
            h.write_u128(e.duration().as_nanos());
        }
    }
}

/// The inode, device and change time: a file replaced by another of the same size and time
/// (`cp -p`, a restore) is a different file, and `touch -m` back to an old time still moves
/// the change time.
#[cfg(unix)]
fn write_identity(h: &mut impl Hasher, meta: &std::fs::Metadata) {
    use std::os::unix::fs::MetadataExt;
    h.write_u64(meta.ino());
    h.write_u64(meta.dev());
    h.write_i64(meta.ctime());
    h.write_i64(meta.ctime_nsec());
}

#[cfg(not(unix))]
fn write_identity(_: &mut impl Hasher, _: &std::fs::Metadata) {}

/// The identity of a folder (inode and device): a station's published folder is replaced as a
/// whole, so a folder with the inode the cache recorded is the one the cache describes.
#[cfg(unix)]
pub fn folder_id(path: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    let m = std::fs::symlink_metadata(path)
        .ok()
        .filter(|m| m.is_dir())?;
    Some((m.ino(), m.dev()))
}

/// Without inodes a folder cannot be told from a copy: the cache is not trusted.
#[cfg(not(unix))]
pub fn folder_id(_: &Path) -> Option<(u64, u64)> {
    None
}

/// This program: its version and the size, time and inode of its executable, so that a cache
/// written by another build of oit (which may render differently) is never trusted.
pub fn program() -> Option<String> {
    let exe = std::env::current_exe().ok()?;
    let meta = std::fs::metadata(exe).ok()?;
    let mut h = hasher();
    h.write_u64(meta.len());
    write_time(&mut h, meta.modified().ok()?);
    write_identity(&mut h, &meta);
    Some(format!("{} {:016x}", env!("CARGO_PKG_VERSION"), h.finish()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(_: &Path) -> bool {
        false
    }

    /// A file written around the walk is also kept by content: when its stamp cannot tell a
    /// second edit (same size, same clock tick), its content does.
    #[test]
    fn a_recent_file_is_compared_by_content() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("a.md");
        std::fs::write(&f, "ก").unwrap();
        let now = walk(dir.path(), 0, &all).unwrap();
        assert_eq!(now.racy.len(), 1);
        let inputs = now.inputs(Vec::new());
        assert!(inputs.still(&now, dir.path()));
        std::fs::write(&f, "ข").unwrap();
        // The same walk (as if the stamp had not moved): the content still tells.
        assert!(!inputs.still(&now, dir.path()));
    }

    /// An old file is known by its stamp alone; any change of it (size, time, a new file in
    /// its place) changes the digest.
    #[test]
    fn an_old_file_is_known_by_its_stamp() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("a.md");
        std::fs::write(&f, "ก").unwrap();
        let hour_ago = SystemTime::now() - Duration::from_secs(3600);
        let set = |t: SystemTime| {
            std::fs::File::options()
                .write(true)
                .open(&f)
                .unwrap()
                .set_modified(t)
                .unwrap()
        };
        set(hour_ago);
        let first = walk(dir.path(), 0, &all).unwrap();
        assert!(first.racy.is_empty());
        assert_eq!(walk(dir.path(), 0, &all).unwrap().digest, first.digest);
        assert_ne!(walk(dir.path(), 1, &all).unwrap().digest, first.digest);
        std::fs::write(&f, "ข").unwrap();
        set(hour_ago);
        assert_ne!(walk(dir.path(), 0, &all).unwrap().digest, first.digest);
        std::fs::remove_file(&f).unwrap();
        assert_ne!(walk(dir.path(), 0, &all).unwrap().digest, first.digest);
    }
}
