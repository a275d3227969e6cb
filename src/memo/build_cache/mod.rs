//! The build cache: what each station's last output and last report were made from, so that the
//! next `oit build` redoes only the stations whose inputs changed (issue #18).
//!
//! It is a folder beside the output (`public.oit-cache/` for `--out public`), never inside the
//! published folder: `index` says, for every station (`""` for a one-station build),
//! - the inputs its published folder was rendered from, and that folder's inode: the folder is
//!   always replaced as a whole, so a folder with another inode (a newer build that was killed
//!   before it could save the cache, a copy put back by hand) is not the one described;
//! - the inputs, date and `--strict` of its last check, and what that check said (the
//!   station's result, or the lines a one-station build prints). A station's check report,
//!   large and needed only when the combined report is written again, is a file of its own
//!   under `reports/`, named in the index by its digest.
//!
//! Inputs are the stamps of every file of the station (`stamp`), with what the whole run shares:
//! this program, the theme, the options. Every file is written whole, under another name, and
//! renamed over the old one (the index last), so a build killed at any moment leaves the old cache or the new one;
//! the old one still describes the stations it did not touch, and a station the killed build had
//! already replaced has a new inode, so it is redone. A file that is damaged (its checksum does
//! not match) or was written for other folders or another oit is not used, with one line saying
//! so.
pub mod stamp;

use crate::diagnostics::Text;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use stamp::{Inputs, Walk};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Bumped when the file's layout or the meaning of a digest changes.
const FORMAT: u32 = 1;
const MAGIC: &str = "oit-cache";
const INDEX: &str = "index";
const REPORTS: &str = "reports";

/// What a station's published folder was made from.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Output {
    pub inputs: Inputs,
    /// Inode and device of the published folder.
    pub folder: (u64, u64),
    /// What the build that wrote it said of it (a one-station build prints them again).
    pub pages: usize,
    pub files: usize,
    pub bytes: u64,
}

/// What a station's last check was made from, and what it said.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Report {
    pub inputs: Inputs,
    pub as_of: String,
    pub strict: bool,
    pub result: Box<RawValue>,
    /// The digest of the file under `reports/` that goes with the result, if any.
    #[serde(default)]
    pub attached: Option<u64>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Entry {
    pub output: Option<Output>,
    pub report: Option<Report>,
}

impl Entry {
    /// The published folder at `folder`, when it is still what these inputs make.
    pub fn output_fresh(&self, now: &Walk, root: &Path, folder: &Path) -> Option<&Output> {
        self.output
            .as_ref()
            .filter(|o| stamp::folder_id(folder) == Some(o.folder) && o.inputs.still(now, root))
    }

    /// The last check's result, when it was made from these inputs on this date.
    pub fn report_fresh(
        &self,
        now: &Walk,
        root: &Path,
        as_of: jiff::civil::Date,
        strict: bool,
    ) -> Option<&Report> {
        self.report.as_ref().filter(|r| {
            r.strict == strict && r.as_of == as_of.to_string() && r.inputs.still(now, root)
        })
    }
}

/// How a build uses the cache.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Use {
    /// Trust what it says where the inputs are unchanged, and keep it up to date.
    Read,
    /// `--no-cache`: build everything, then write a new cache for the next build.
    Renew,
    /// Neither read nor written (`--example`, whose content is unpacked anew each time).
    Off,
}

#[derive(Serialize, Deserialize)]
struct CacheFile {
    format: u32,
    program: String,
    content: PathBuf,
    out: PathBuf,
    stations: BTreeMap<String, Entry>,
}

/// The cache of one build: the entries read at the start, and those the build leaves.
pub struct Cache {
    path: PathBuf,
    program: Option<String>,
    content: PathBuf,
    out: PathBuf,
    old: BTreeMap<String, Entry>,
    new: Mutex<BTreeMap<String, Entry>>,
    /// Whether any entry was recorded anew (else, with the same stations, there is nothing to
    /// write).
    changed: std::sync::atomic::AtomicBool,
    /// Set when a cache was there but could not be used.
    pub notice: Option<Text>,
}

/// `public` → `public.oit-cache`, the folder beside it.
pub fn path_for(out: &Path) -> PathBuf {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    out.with_file_name(format!("{name}.oit-cache"))
}

fn absolute(p: &Path) -> PathBuf {
    p.canonicalize()
        .unwrap_or_else(|_| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf()))
}

impl Cache {
    /// The cache of a build of `content` into `out`.
    pub fn open(out: &Path, content: &Path, how: Use) -> Cache {
        let path = path_for(out);
        let program = match how {
            Use::Off => None,
            _ => stamp::program(),
        };
        let mut cache = Cache {
            program,
            content: absolute(content),
            out: absolute(out),
            old: BTreeMap::new(),
            new: Mutex::new(BTreeMap::new()),
            changed: Default::default(),
            notice: None,
            path,
        };
        if how != Use::Read || cache.program.is_none() {
            return cache;
        }
        let Ok(bytes) = std::fs::read(cache.path.join(INDEX)) else {
            return cache;
        };
        match cache.parse(&bytes) {
            Ok(stations) => cache.old = stations,
            Err(why) => cache.notice = Some(why),
        }
        cache
    }

    fn parse(&self, bytes: &[u8]) -> Result<BTreeMap<String, Entry>, Text> {
        let name = self.path.display();
        let damaged = || {
            Text::new(
                format!("แคชของการสร้างเว็บไซต์ ({name}) เสียหาย จึงไม่ใช้ และสร้างใหม่ทั้งหมด"),
                format!("the build cache ({name}) is damaged; not used, building everything"),
            )
        };
        let newline = bytes.iter().position(|&b| b == b'\n').ok_or_else(damaged)?;
        let (head, body) = (&bytes[..newline], &bytes[newline + 1..]);
        let head = std::str::from_utf8(head).map_err(|_| damaged())?;
        let expected = format!("{MAGIC} {FORMAT} {:016x}", stamp::digest(body));
        if head != expected {
            return Err(damaged());
        }
        let file: CacheFile = serde_json::from_slice(body).map_err(|_| damaged())?;
        if Some(&file.program) != self.program.as_ref() {
            return Err(Text::new(
                format!("แคชของการสร้างเว็บไซต์ ({name}) ทำโดย oit รุ่นอื่น จึงไม่ใช้ และสร้างใหม่ทั้งหมด"),
                format!(
                    "the build cache ({name}) was written by another build of oit; not used, building everything"
                ),
            ));
        }
        if file.content != self.content || file.out != self.out {
            let (from, to) = (file.content.display(), file.out.display());
            return Err(Text::new(
                format!(
                    "แคชของการสร้างเว็บไซต์ ({name}) เป็นของการสร้างจาก {from} ไปที่ {to} จึงไม่ใช้ และสร้างใหม่ทั้งหมด"
                ),
                format!(
                    "the build cache ({name}) belongs to a build of {from} into {to}; not used, building everything"
                ),
            ));
        }
        Ok(file.stations)
    }

    /// Whether this build uses a cache at all.
    pub fn on(&self) -> bool {
        self.program.is_some()
    }

    /// What the program and the run's options add to every station's digest.
    pub fn shared(&self, parts: &[&str]) -> u64 {
        let mut text = format!("{FORMAT}\u{0}{}", self.program.as_deref().unwrap_or(""));
        for p in parts {
            text.push('\u{0}');
            text.push_str(p);
        }
        stamp::digest(text.as_bytes())
    }

    /// The walk of a station's folder `root`, or `None` when the cache is off or the folder
    /// cannot be read in full. What lies under the output (when it is inside) is left out.
    pub fn walk(&self, root: &Path, shared: u64) -> Option<Walk> {
        if !self.on() {
            return None;
        }
        let out = &self.out;
        let out_name = out
            .file_name()
            .map(|n| format!("{}.oit-", n.to_string_lossy()))
            .unwrap_or_default();
        let root = absolute(root);
        stamp::walk(&root, shared, &|p: &Path| {
            p == out
                || p.file_name().is_some_and(|n| n == ".git")
                || (p.parent() == out.parent()
                    && p.file_name()
                        .is_some_and(|n| n.to_string_lossy().starts_with(&out_name)))
        })
    }

    /// The entry the last build left for station `id`.
    pub fn old(&self, id: &str) -> Option<&Entry> {
        self.old.get(id)
    }

    /// Keeps what the last build knew of station `id` (nothing of it changed).
    pub fn keep(&self, id: &str) {
        if let Some(old) = self.old.get(id) {
            self.new
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert(id.to_string(), old.clone());
        }
    }

    /// What the next build is to know of station `id`.
    pub fn record(&self, id: &str, entry: Entry) {
        self.changed
            .store(true, std::sync::atomic::Ordering::Relaxed);
        self.new
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(id.to_string(), entry);
    }

    /// Writes the cache (best effort: without it the next build does everything). Entries that
    /// were neither recorded nor `keep`-ed are gone.
    pub fn save(&self) {
        let Some(program) = &self.program else {
            return;
        };
        let stations = std::mem::take(&mut *self.new.lock().unwrap_or_else(|e| e.into_inner()));
        let same_stations = stations.len() == self.old.len()
            && stations.keys().zip(self.old.keys()).all(|(a, b)| a == b);
        if same_stations && !self.changed.load(std::sync::atomic::Ordering::Relaxed) {
            return;
        }
        let file = CacheFile {
            format: FORMAT,
            program: program.clone(),
            content: self.content.clone(),
            out: self.out.clone(),
            stations,
        };
        let Ok(body) = serde_json::to_vec(&file) else {
            return;
        };
        let mut bytes = format!("{MAGIC} {FORMAT} {:016x}\n", stamp::digest(&body)).into_bytes();
        bytes.extend_from_slice(&body);
        if std::fs::create_dir_all(&self.path).is_ok() {
            let _ = write_whole(&self.path.join(INDEX), &bytes);
        }
        remove_stale(&self.path);
        remove_stale(&self.path.join(REPORTS));
    }

    /// Keeps `text` beside station `id`'s entry (its check report); the digest to record.
    pub fn attach(&self, id: &str, text: &str) -> Option<u64> {
        self.program.as_ref()?;
        let dir = self.path.join(REPORTS);
        std::fs::create_dir_all(&dir).ok()?;
        write_whole(&dir.join(attached_name(id)), text.as_bytes()).ok()?;
        Some(stamp::digest(text.as_bytes()))
    }

    /// The text kept beside station `id`'s entry, if it is still the one with `digest`.
    pub fn attached(&self, id: &str, digest: u64) -> Option<String> {
        let text = std::fs::read_to_string(self.path.join(REPORTS).join(attached_name(id))).ok()?;
        (stamp::digest(text.as_bytes()) == digest).then_some(text)
    }
}

/// A station's id is a safe file name already (`names::safe_component`); "" is the
/// one station of `oit build`.
fn attached_name(id: &str) -> String {
    format!("{}.json", if id.is_empty() { "_" } else { id })
}

/// Removes what killed builds were writing in `dir` (`….tmp-<pid>` of a process that is gone;
/// without /proc, where that cannot be told, nothing).
fn remove_stale(dir: &Path) {
    if !Path::new("/proc/self").exists() {
        return;
    }
    let own = std::process::id().to_string();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if let Some((_, pid)) = name.rsplit_once(".tmp-")
            && !pid.is_empty()
            && pid.bytes().all(|b| b.is_ascii_digit())
            && pid != own
            && !Path::new("/proc").join(pid).exists()
        {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// Writes `path` whole: under a temporary name, then renamed over it.
fn write_whole(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(format!(".tmp-{}", std::process::id()));
    let tmp = PathBuf::from(tmp);
    let written = std::fs::write(&tmp, bytes).and_then(|()| std::fs::rename(&tmp, path));
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written
}
