//! Bounded reading of zip containers (OOXML and OpenDocument files are zips). A crafted zip can
//! claim millions of entries or expand a few kilobytes into gigabytes; every limit here turns
//! that into a finding instead of a hang or an out-of-memory crash.
use std::fs::File;
use std::io::{BufReader, Read, Seek, SeekFrom};
use std::path::Path;
use zip::ZipArchive;

use super::isolate::guard;

/// Limits for one zip container.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ZipLimits {
    /// More entries than this is refused (real documents have tens to a few thousand).
    pub max_entries: u64,
    /// Sum of the declared uncompressed sizes above this is refused.
    pub max_total: u64,
    /// An entry that expands more than this many times ...
    pub max_ratio: u64,
    /// ... and to more than this many bytes is a zip bomb (small entries may compress well).
    pub ratio_min_size: u64,
    /// Bytes this reader will decompress in total, whatever the headers claim.
    pub read_budget: u64,
}

/// Why a zip cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ZipProblem {
    /// No valid central directory: truncated or not really a zip.
    Damaged,
    TooManyEntries(u64),
    /// Expands far beyond any real document: (declared uncompressed bytes, compressed bytes).
    Bomb(u64, u64),
    /// An entry is encrypted with a zip password.
    Encrypted,
    /// Reading needed more than the budget of decompressed bytes.
    OverBudget,
}

/// An opened zip whose reads are bounded.
pub(crate) struct BoundedZip {
    archive: ZipArchive<BufReader<File>>,
    budget: u64,
}

impl BoundedZip {
    /// Opens and vets a zip: entry count from the end record before parsing the directory,
    /// then declared sizes and ratios of every entry.
    pub(crate) fn open(path: &Path, limits: &ZipLimits) -> Result<Self, ZipProblem> {
        let file = File::open(path).map_err(|_| ZipProblem::Damaged)?;
        Self::from_file(file, limits)
    }

    /// `open` for a file already open (at any position).
    pub(crate) fn from_file(mut file: File, limits: &ZipLimits) -> Result<Self, ZipProblem> {
        let count = end_record_entries(&mut file).ok_or(ZipProblem::Damaged)?;
        if count > limits.max_entries {
            return Err(ZipProblem::TooManyEntries(count));
        }
        file.seek(SeekFrom::Start(0))
            .map_err(|_| ZipProblem::Damaged)?;
        let archive = guard(|| ZipArchive::new(BufReader::new(file)))
            .and_then(Result::ok)
            .ok_or(ZipProblem::Damaged)?;
        let mut total: u64 = 0;
        let mut total_compressed: u64 = 0;
        for i in 0..archive.len() {
            let Ok(entry) = archive.by_index_data(i) else {
                return Err(ZipProblem::Damaged);
            };
            let (size, packed) = (entry.size(), entry.compressed_size());
            if entry.encrypted() {
                return Err(ZipProblem::Encrypted);
            }
            total = total.saturating_add(size);
            total_compressed = total_compressed.saturating_add(packed);
            if size > limits.ratio_min_size && size / packed.max(1) > limits.max_ratio {
                return Err(ZipProblem::Bomb(size, packed));
            }
        }
        if total > limits.max_total {
            return Err(ZipProblem::Bomb(total, total_compressed));
        }
        Ok(BoundedZip {
            archive,
            budget: limits.read_budget,
        })
    }

    /// Whether an entry of this exact name exists.
    pub(crate) fn has(&self, name: &str) -> bool {
        self.archive.index_for_name(name).is_some()
    }

    /// Every entry name (lossy for names that are not UTF-8).
    pub(crate) fn names(&self) -> Vec<String> {
        self.archive
            .file_names()
            .filter_map(Result::ok)
            .map(|n| n.into_owned())
            .collect()
    }

    /// Reads a whole entry, at most `cap` bytes (and within the budget). `Ok(None)` if absent.
    pub(crate) fn read(&mut self, name: &str, cap: u64) -> Result<Option<Vec<u8>>, ZipProblem> {
        let mut out = Vec::new();
        let found = self.with_entry(name, cap, |r| r.read_to_end(&mut out).map(|_| ()))?;
        Ok(found.map(|_| out))
    }

    /// Runs `f` on a reader of the entry, bounded by `cap` and the remaining budget; an entry
    /// longer than the bound is an error rather than silently cut. `Ok(None)` if absent.
    pub(crate) fn with_entry<T>(
        &mut self,
        name: &str,
        cap: u64,
        f: impl FnOnce(&mut dyn Read) -> std::io::Result<T>,
    ) -> Result<Option<T>, ZipProblem> {
        let Some(index) = self.archive.index_for_name(name) else {
            return Ok(None);
        };
        let bound = cap.min(self.budget);
        let budget = &mut self.budget;
        let archive = &mut self.archive;
        guard(move || {
            let entry = archive.by_index(index).map_err(|_| ZipProblem::Damaged)?;
            let mut counted = Counted {
                inner: entry.take(bound + 1),
                n: 0,
            };
            let result = f(&mut counted);
            *budget = budget.saturating_sub(counted.n);
            if counted.n > bound {
                return Err(ZipProblem::OverBudget);
            }
            result.map(Some).map_err(|_| ZipProblem::Damaged)
        })
        .unwrap_or(Err(ZipProblem::Damaged))
    }
}

/// A reader that counts what passed through it.
struct Counted<R> {
    inner: R,
    n: u64,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.n += n as u64;
        Ok(n)
    }
}

/// The entry count of the end-of-central-directory record (zip64 aware), `None` when there is
/// no such record, i.e. the zip is truncated. Reads at most the last 64 KiB + 22 bytes.
fn end_record_entries(file: &mut File) -> Option<u64> {
    let len = file.seek(SeekFrom::End(0)).ok()?;
    let tail_len = len.min(65_557);
    file.seek(SeekFrom::Start(len - tail_len)).ok()?;
    let mut tail = vec![0u8; tail_len as usize];
    file.read_exact(&mut tail).ok()?;
    let pos = (0..tail.len().saturating_sub(21))
        .rev()
        .find(|&i| tail[i..].starts_with(b"PK\x05\x06"))?;
    let count = u16::from_le_bytes([tail[pos + 10], tail[pos + 11]]);
    if count != 0xFFFF {
        return Some(u64::from(count));
    }
    // Zip64: a locator just before the end record points at the zip64 end record.
    let loc = pos.checked_sub(20)?;
    if !tail[loc..].starts_with(b"PK\x06\x07") {
        return Some(u64::from(count));
    }
    let offset = u64::from_le_bytes(tail[loc + 8..loc + 16].try_into().ok()?);
    file.seek(SeekFrom::Start(offset)).ok()?;
    let mut rec = [0u8; 56];
    file.read_exact(&mut rec).ok()?;
    if !rec.starts_with(b"PK\x06\x06") {
        return None;
    }
    Some(u64::from_le_bytes(rec[32..40].try_into().ok()?))
}
