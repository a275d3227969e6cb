//! Load: walk the content tree into the typed model. Every problem becomes a `Finding`; loading
//! goes on past a bad file so one run reports everything it can.
use super::de::{DateText, FileRef, MonthEntryRaw, Scalar};
use super::model::*;
use crate::diagnostics::{Finding, Text};
use crate::output::names::safe_path;
use crate::{suggest, thai, yaml};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
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
type UnitMemo<T> = crate::documents::memo::TextMemo<(Option<T>, Vec<Finding>)>;
static ITEMS: UnitMemo<Item> = UnitMemo::new(10_000);
static NEWS: UnitMemo<News> = UnitMemo::new(10_000);

impl Cx {
    /// `load(self)` for the folder `dir`, or, when `serve` remembers (`documents::memo`), what it
    /// gave last time if no file under `dir` changed: a save re-reads only its own folder.
    /// `outside` names everything else the value depends on.
    fn unit<T: Clone + Stamped>(
        &mut self,
        memo: &UnitMemo<T>,
        dir: &Path,
        outside: String,
        load: impl FnOnce(&mut Self) -> Option<T>,
    ) -> Option<T> {
        if !crate::documents::memo::enabled() {
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
        let tree = crate::documents::memo::tree();
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

    fn load_site(&mut self) -> Option<Site> {
        let site_file = self.root.join("site.yaml");
        if !site_file.is_file() {
            self.findings.push(
                Finding::error(
                    "site",
                    Text::new(
                        format!("ไม่พบไฟล์ site.yaml ในโฟลเดอร์ {}", self.root.display()),
                        format!("no site.yaml in {}", self.root.display()),
                    ),
                )
                .file(Path::new("site.yaml"))
                .hint(Text::new(
                    "ระบุโฟลเดอร์เนื้อหาด้วย --content หรือสร้างไฟล์ site.yaml ตามตัวอย่างใน README",
                    "point --content at the content folder, or create site.yaml as shown in the README",
                )),
            );
            return None;
        }
        let text = self.read_text(&site_file);
        let parsed = text.as_deref().map(|t| {
            // `serve`: site.yaml is read on every rebuild and rarely changes.
            static PARSED: crate::documents::memo::TextMemo<Result<SiteConfig, Finding>> =
                crate::documents::memo::TextMemo::new(100);
            PARSED.get_or_when_on(t, || {
                yaml::parse::<SiteConfig>(t, Path::new("site.yaml"), 1)
            })
        });
        let config = match parsed {
            Some(Ok(c)) => c,
            Some(Err(f)) => {
                self.findings.push(f);
                // Everything else is still read, so one run reports all the problems.
                self.load_pages();
                self.load_news(None);
                self.load_years(None);
                return None;
            }
            None => return None,
        };
        let text = text.unwrap_or_default();
        if let Some(logo) = &config.station.logo {
            self.check_ref(
                Path::new("site.yaml"),
                yaml::key_line(&text, 1, "  logo"),
                &self.root.clone(),
                logo,
            );
        }
        let pages = self.load_pages();
        let news = self.load_news(Some(&config));
        let years = self.load_years(Some(&config));
        Some(Site {
            root: self.root.clone(),
            config,
            pages,
            news,
            years,
            config_text: text,
            stamp: Default::default(),
        })
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

    fn load_pages(&mut self) -> Vec<Page> {
        let dir = self.root.join("pages");
        let mut pages = Vec::new();
        for path in sorted_entries(&dir) {
            if path.extension().is_none_or(|e| e != "md") || !path.is_file() {
                continue;
            }
            let rel = self.rel(&path).to_path_buf();
            let Some(text) = self.read_text(&path) else {
                continue;
            };
            let fm = match yaml::split_front_matter(&text, &rel) {
                Ok(fm) => fm,
                Err(f) => {
                    self.findings.push(f);
                    continue;
                }
            };
            let front: PageFront = match yaml::parse(fm.yaml, &rel, fm.yaml_line) {
                Ok(f) => f,
                Err(f) => {
                    self.findings.push(f);
                    continue;
                }
            };
            let stem = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            pages.push(Page {
                slug: safe_path(&stem),
                file: rel,
                title: front.title,
                menu: front.menu,
                body: fm.body.to_string(),
                body_line: fm.body_line,
            });
        }
        pages
    }

    fn load_news(&mut self, config: Option<&SiteConfig>) -> Vec<News> {
        let dir = self.root.join("news");
        let mut news = Vec::new();
        for folder in sorted_entries(&dir) {
            if !folder.is_dir() {
                continue;
            }
            if let Some(n) = self.unit(&NEWS, &folder, String::new(), |cx| {
                cx.load_news_entry(&folder)
            }) {
                news.push(n);
            }
        }
        let _ = config;
        // Newest first; slug breaks ties so order never depends on the file system.
        news.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.slug.cmp(&b.slug)));
        news
    }

    /// One news folder: its index.md and files.
    fn load_news_entry(&mut self, folder: &Path) -> Option<News> {
        let index = folder.join("index.md");
        let rel_dir = self.rel(folder).to_path_buf();
        let rel = rel_dir.join("index.md");
        if !index.is_file() {
            self.findings.push(
                Finding::warning(
                    "news",
                    Text::new(
                        "โฟลเดอร์ข่าวไม่มีไฟล์ index.md จึงไม่ถูกเผยแพร่",
                        "news folder without index.md is not published",
                    ),
                )
                .file(&rel_dir),
            );
            return None;
        }
        let text = self.read_text(&index)?;
        let fm = match yaml::split_front_matter(&text, &rel) {
            Ok(fm) => fm,
            Err(f) => {
                self.findings.push(f);
                return None;
            }
        };
        let front: NewsFront = match yaml::parse(fm.yaml, &rel, fm.yaml_line) {
            Ok(f) => f,
            Err(f) => {
                self.findings.push(f);
                return None;
            }
        };
        let date_line = yaml::key_line(fm.yaml, fm.yaml_line, "date");
        let date = self.date(&front.date, &rel, date_line)?;
        let files = self.folder_files(folder, false);
        self.reserved_names(&files, &rel_dir, None);
        let mut photos = Vec::new();
        for p in &front.photos {
            let line = yaml::key_line(fm.yaml, fm.yaml_line, "photos");
            if self.check_ref(&rel, line, folder, &p.file) {
                photos.push(attachment(p, &p.file));
            }
        }
        let mut items = Vec::new();
        for code in &front.items {
            match parse_item_code(code) {
                Some(n) => items.push(format!("O{n}")),
                None => self.findings.push(
                    Finding::error(
                        "item-code",
                        Text::new(
                            format!("รหัสข้อ \"{code}\" ไม่ถูกต้อง (เช่น O6)"),
                            format!("\"{code}\" is not an item code (e.g. O6)"),
                        ),
                    )
                    .file(&rel)
                    .line_opt(yaml::key_line(fm.yaml, fm.yaml_line, "items")),
                ),
            }
        }
        let name = folder
            .file_name()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        Some(News {
            slug: safe_path(&name),
            dir: rel_dir,
            file: rel,
            title: front.title,
            date,
            items,
            tags: front.tags,
            photos,
            summary: front.summary,
            files,
            body: fm.body.to_string(),
            body_line: fm.body_line,
            stamp: None,
        })
    }

    fn load_years(&mut self, config: Option<&SiteConfig>) -> BTreeMap<u16, Year> {
        let mut years = BTreeMap::new();
        for ydir in sorted_entries(&self.root.join("ita")) {
            if !ydir.is_dir() {
                continue;
            }
            let name = ydir
                .file_name()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let year = match thai::to_arabic_digits(&name).parse::<u16>() {
                Ok(y) if (2500..=2700).contains(&y) => y,
                _ => {
                    self.findings.push(
                        Finding::error(
                            "year-folder",
                            Text::new(
                                format!("โฟลเดอร์ ita/{name} ต้องเป็นปีงบประมาณ พ.ศ. เช่น ita/2567"),
                                format!("folder ita/{name} must be a Buddhist-Era fiscal year such as ita/2567"),
                            ),
                        )
                        .file(self.rel(&ydir)),
                    );
                    continue;
                }
            };
            let mut items: BTreeMap<u32, Item> = BTreeMap::new();
            for idir in sorted_entries(&ydir) {
                if !idir.is_dir() {
                    continue;
                }
                let fname = idir
                    .file_name()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let Some(number) = parse_item_code(&fname) else {
                    self.findings.push(
                        Finding::error(
                            "item-folder",
                            Text::new(
                                format!("ชื่อโฟลเดอร์ \"{fname}\" ไม่ใช่รหัสข้อ OIT (ต้องเป็น o01 ถึง o99)"),
                                format!("folder \"{fname}\" is not an OIT item code (o01 to o99)"),
                            ),
                        )
                        .file(self.rel(&idir)),
                    );
                    continue;
                };
                // What an item depends on outside its folder: its place and the officers' ids.
                let mut outside = format!("{year}/{number}");
                for id in config.iter().flat_map(|c| c.officers.keys()) {
                    outside.push('\u{0}');
                    outside.push_str(id);
                }
                let loaded = self.unit(&ITEMS, &idir, outside, |cx| {
                    cx.load_item(config, year, number, &idir)
                });
                if let Some(item) = loaded {
                    if let Some(prev) = items.get(&number) {
                        self.findings.push(
                            Finding::error(
                                "duplicate-item",
                                Text::new(
                                    format!(
                                        "ข้อ O{number} มีสองโฟลเดอร์: {} และ {}",
                                        prev.dir.display(),
                                        item.dir.display()
                                    ),
                                    format!(
                                        "item O{number} has two folders: {} and {}",
                                        prev.dir.display(),
                                        item.dir.display()
                                    ),
                                ),
                            )
                            .file(&item.file)
                            .item(&item.code),
                        );
                        continue;
                    }
                    items.insert(number, item);
                }
            }
            years.insert(year, Year { year, items });
        }
        years
    }

    fn load_item(
        &mut self,
        config: Option<&SiteConfig>,
        year: u16,
        number: u32,
        dir: &Path,
    ) -> Option<Item> {
        let code = format!("O{number}");
        let rel_dir = self.rel(dir).to_path_buf();
        let rel = rel_dir.join("index.md");
        let index = dir.join("index.md");
        if !index.is_file() {
            self.findings.push(
                Finding::error(
                    "item-index",
                    Text::new(
                        "โฟลเดอร์ของข้อนี้ไม่มีไฟล์ index.md",
                        "the item folder has no index.md",
                    ),
                )
                .file(&rel)
                .item(&code),
            );
            return None;
        }
        let text = self.read_text(&index)?;
        let fm = match yaml::split_front_matter(&text, &rel) {
            Ok(fm) => fm,
            Err(f) => {
                self.findings.push(f.item(&code));
                // The folder's tables are read anyway, so their errors show in the same run.
                self.load_tables(dir, &code);
                return None;
            }
        };
        let front: ItemFront = match yaml::parse(fm.yaml, &rel, fm.yaml_line) {
            Ok(f) => f,
            Err(f) => {
                self.findings.push(f.item(&code));
                // The folder's tables are read anyway, so their errors show in the same run.
                self.load_tables(dir, &code);
                return None;
            }
        };
        let key_line = |k: &str| yaml::key_line(fm.yaml, fm.yaml_line, k);
        if let Some(declared) = &front.item
            && parse_item_code(declared) != Some(number)
        {
            self.findings.push(
                Finding::error(
                    "item-code",
                    Text::new(
                        format!("item: {declared} ไม่ตรงกับโฟลเดอร์ ({code})"),
                        format!("item: {declared} does not match its folder ({code})"),
                    ),
                )
                .file(&rel)
                .line_opt(key_line("item"))
                .item(&code),
            );
        }
        let updated = front
            .updated
            .as_ref()
            .and_then(|d| self.date(d, &rel, key_line("updated")));
        let as_of = front
            .as_of
            .as_ref()
            .and_then(|d| self.date(d, &rel, key_line("as_of")));
        // Date findings are made without the item; this page's belong to it.
        for f in self.findings.iter_mut().filter(|f| {
            f.rule == "date" && f.file.as_deref() == Some(&*crate::diagnostics::display_path(&rel))
        }) {
            f.item = Some(code.clone());
        }

        let mut officers = Officers::default();
        for (role, ids, target) in [
            ("supervisor", &front.supervisor.0, &mut officers.supervisor),
            (
                "prepared_by",
                &front.prepared_by.0,
                &mut officers.prepared_by,
            ),
            (
                "published_by",
                &front.published_by.0,
                &mut officers.published_by,
            ),
        ] {
            for id in ids {
                // Without a readable site.yaml the ids cannot be checked; its error is reported.
                let Some(config) = config.filter(|c| !c.officers.contains_key(id)) else {
                    target.push(id.clone());
                    continue;
                };
                {
                    let suggestion =
                        suggest::closest(id, config.officers.keys().map(String::as_str));
                    let (th, en) = match suggestion {
                        Some(s) => (
                            format!(" หมายถึง \"{s}\" หรือไม่"),
                            format!("; did you mean \"{s}\"?"),
                        ),
                        None => (String::new(), String::new()),
                    };
                    self.findings.push(
                        Finding::error(
                            "unknown-officer",
                            Text::new(
                                format!("ไม่พบเจ้าหน้าที่รหัส \"{id}\" ใน officers ของ site.yaml{th}"),
                                format!("officer id \"{id}\" is not declared under officers in site.yaml{en}"),
                            ),
                        )
                        .file(&rel)
                        .line_opt(key_line(role))
                        .item(&code),
                    );
                }
            }
        }

        let files = self.folder_files(dir, true);
        self.reserved_names(&files, &rel_dir, Some(&code));
        let mut attachments = Vec::new();
        for a in &front.attachments {
            if self.check_ref(&rel, key_line("attachments"), dir, &a.file) {
                attachments.push(attachment(a, &a.file));
            }
        }
        let mut months = BTreeMap::new();
        for (key, entry) in &front.months {
            let line = yaml::key_line(fm.yaml, fm.yaml_line, &format!("  {key}"))
                .or_else(|| yaml::key_line(fm.yaml, fm.yaml_line, &format!("  \"{key}\"")))
                .or_else(|| key_line("months"));
            let ym = match thai::parse_month(key) {
                Ok(m) => m,
                Err(e) => {
                    self.findings.push(
                        Finding::error(
                            "month",
                            Text::new(
                                format!("เดือนไม่ถูกต้อง: {}", e.message_th()),
                                format!("invalid month: {}", e.message_en()),
                            ),
                        )
                        .file(&rel)
                        .line_opt(line)
                        .item(&code),
                    );
                    continue;
                }
            };
            let parsed = match entry {
                MonthEntryRaw::None(s) => MonthEntry::None(s.clone()),
                MonthEntryRaw::Files(list) => {
                    let mut out = Vec::new();
                    for f in list {
                        if self.check_ref(&rel, line, dir, &f.file) {
                            out.push(attachment(f, &f.file));
                        }
                    }
                    MonthEntry::Files(out)
                }
            };
            if months.insert(ym, parsed).is_some() {
                self.findings.push(
                    Finding::error(
                        "month",
                        Text::new(
                            format!("เดือน {} ถูกระบุซ้ำ", ym.key()),
                            format!("month {} is listed twice", ym.key()),
                        ),
                    )
                    .file(&rel)
                    .line_opt(line)
                    .item(&code),
                );
            }
        }
        let facts = front
            .facts
            .iter()
            .map(|(k, v)| (k.clone(), v.text()))
            .collect();
        let tables = self.load_tables(dir, &code);
        Some(Item {
            code,
            number,
            year,
            dir: rel_dir,
            file: rel,
            title: front.title.clone(),
            updated,
            as_of,
            officers,
            attachments,
            months,
            links: front.links.clone(),
            facts,
            tables,
            placeholder: front.placeholder,
            files,
            body: fm.body.to_string(),
            body_line: fm.body_line,
            front_yaml: fm.yaml.to_string(),
            front_line: fm.yaml_line,
            stamp: None,
        })
    }

    fn date(
        &mut self,
        d: &DateText,
        file: &Path,
        line: Option<usize>,
    ) -> Option<jiff::civil::Date> {
        match thai::parse_date(&d.0) {
            Ok(date) => Some(date),
            Err(e) => {
                self.findings.push(
                    Finding::error(
                        "date",
                        Text::new(
                            format!("วันที่ไม่ถูกต้อง: {}", e.message_th()),
                            format!("invalid date: {}", e.message_en()),
                        ),
                    )
                    .file(file)
                    .line_opt(line)
                    .hint(Text::new(
                        "เขียนวันที่เช่น 2567-03-31 หรือ 31 มี.ค. 2567",
                        "write a date such as 2567-03-31 or 31 มี.ค. 2567",
                    )),
                );
                None
            }
        }
    }

    /// Files of a page folder (recursively), skipping index.md, data tables and system clutter.
    fn folder_files(&mut self, dir: &Path, skip_tables: bool) -> Vec<FileInfo> {
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
            let Some(bytes) = fs::metadata(path)
                .ok()
                .filter(|m| m.is_file())
                .map(|m| m.len())
            else {
                continue;
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
            facts: crate::documents::memo::sniff(&path),
        };
        // Reading headers (and counting PDF pages) is I/O and parsing: all files in parallel,
        // except when `serve` remembers them: then it is a lookup, and waking threads for each
        // folder cost more than the lookups (half of a preview's load time).
        if crate::documents::memo::enabled() {
            out.into_iter().map(info).collect()
        } else {
            out.into_par_iter().map(info).collect()
        }
    }

    /// The page of a folder is generated as `index.html`: a file of that name would be lost
    /// (or, worse, replace the page), so it is refused.
    fn reserved_names(&mut self, files: &[FileInfo], rel_dir: &Path, code: Option<&str>) {
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

    fn load_tables(&mut self, dir: &Path, code: &str) -> Vec<Table> {
        let mut tables = Vec::new();
        for path in sorted_entries(dir) {
            let ext = path
                .extension()
                .map(|e| e.to_string_lossy().to_lowercase())
                .unwrap_or_default();
            if !(ext == "yaml" || ext == "yml") || !path.is_file() {
                continue;
            }
            let rel = self.rel(&path).to_path_buf();
            let Some(text) = self.read_text(&path) else {
                continue;
            };
            // `serve`: a table is read on every rebuild and rarely changes. Only the parse is
            // remembered (by file, compared by text): the cells' checks ask the folder again.
            static PARSED: crate::documents::memo::Keyed<String, Arc<Result<TableFile, Finding>>> =
                crate::documents::memo::Keyed::new();
            let parsed = PARSED.get_or_ref(&rel.to_string_lossy(), text.as_str(), |text| {
                Arc::new(yaml::parse(text, &rel, 1))
            });
            let raw = match parsed.as_ref() {
                Ok(t) => t,
                Err(f) => {
                    self.findings.push(f.clone().item(code));
                    continue;
                }
            };
            if let Some(t) = self.table(raw, &rel, dir, code, &text) {
                tables.push(t);
            }
        }
        tables
    }

    fn table(
        &mut self,
        raw: &TableFile,
        rel: &Path,
        dir: &Path,
        code: &str,
        text: &str,
    ) -> Option<Table> {
        let keys: Vec<&str> = raw.columns.iter().map(|c| c.key.as_str()).collect();
        let rows_line = yaml::key_line(text, 1, "rows");
        let mut rows = Vec::new();
        for (i, row) in raw.rows.iter().enumerate() {
            let n = i + 1;
            for key in row.keys() {
                if !keys.contains(&key.as_str()) {
                    let hint = suggest::closest(key, keys.iter().copied())
                        .map(|s| {
                            (
                                format!(" หมายถึง \"{s}\" หรือไม่"),
                                format!("; did you mean \"{s}\"?"),
                            )
                        })
                        .unwrap_or_default();
                    self.findings.push(
                        Finding::error(
                            "table",
                            Text::new(
                                format!("แถวที่ {n}: ไม่มีคอลัมน์ \"{key}\" ใน columns{}", hint.0),
                                format!("row {n}: \"{key}\" is not one of the columns{}", hint.1),
                            ),
                        )
                        .file(rel)
                        .line_opt(rows_line)
                        .item(code),
                    );
                }
            }
            let mut cells = BTreeMap::new();
            for col in &raw.columns {
                let value = row.get(&col.key).cloned().unwrap_or(Scalar::Null);
                match self.cell(col, &value, dir) {
                    Ok(c) => {
                        cells.insert(col.key.clone(), c);
                    }
                    Err(msg) => {
                        self.findings.push(
                            Finding::error(
                                "table",
                                Text::new(
                                    format!("แถวที่ {n} คอลัมน์ \"{}\": {}", col.label, msg.th),
                                    format!("row {n}, column \"{}\": {}", col.key, msg.en),
                                ),
                            )
                            .file(rel)
                            .line_opt(rows_line)
                            .item(code),
                        );
                        cells.insert(col.key.clone(), Cell::Empty);
                    }
                }
            }
            rows.push(cells);
        }
        let file = rel
            .file_name()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        Some(Table {
            file,
            title: raw.title.clone(),
            kind: raw.kind.clone(),
            columns: raw.columns.clone(),
            rows,
            note: raw.note.clone(),
        })
    }

    fn cell(&self, col: &Column, value: &Scalar, dir: &Path) -> Result<Cell, Text> {
        if let Scalar::Null = value {
            return Ok(Cell::Empty);
        }
        let text = value.text();
        if text.trim().is_empty() {
            return Ok(Cell::Empty);
        }
        Ok(match col.kind {
            ColumnType::Number | ColumnType::Baht => match value {
                Scalar::Number(n) => Cell::Number(*n),
                _ => {
                    let cleaned: String = thai::to_arabic_digits(&text)
                        .chars()
                        .filter(|c| *c != ',' && *c != ' ')
                        .collect();
                    match cleaned.parse::<f64>() {
                        Ok(n) if n.is_finite() => Cell::Number(n),
                        _ => {
                            return Err(Text::new(
                                format!("\"{text}\" ไม่ใช่ตัวเลข"),
                                format!("\"{text}\" is not a number"),
                            ));
                        }
                    }
                }
            },
            ColumnType::Date => match thai::parse_date(&text) {
                Ok(d) => Cell::Date(d),
                Err(e) => return Err(Text::new(e.message_th(), e.message_en())),
            },
            ColumnType::Month => match thai::parse_month(&text) {
                Ok(m) => Cell::Month(m),
                Err(e) => return Err(Text::new(e.message_th(), e.message_en())),
            },
            ColumnType::Image => {
                safe_relative(&text)?;
                if !dir.join(&text).is_file() {
                    return Err(Text::new(
                        format!("ไม่พบไฟล์รูป \"{text}\""),
                        format!("image file \"{text}\" not found"),
                    ));
                }
                Cell::Text(text)
            }
            _ => Cell::Text(text),
        })
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

/// `o07`, `O7`, `o7`, `๐๗` → 7.
pub fn parse_item_code(s: &str) -> Option<u32> {
    let s = thai::to_arabic_digits(s.trim());
    let digits = s.strip_prefix(['o', 'O']).unwrap_or(&s);
    if digits.is_empty() || digits.len() > 3 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().filter(|n| (1..=999).contains(n))
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
    fn item_codes() {
        assert_eq!(parse_item_code("o07"), Some(7));
        assert_eq!(parse_item_code("O25"), Some(25));
        assert_eq!(parse_item_code("๐๗"), Some(7));
        assert_eq!(parse_item_code("o"), None);
        assert_eq!(parse_item_code("o0"), None);
        assert_eq!(parse_item_code("news"), None);
    }

    #[test]
    fn references_cannot_escape() {
        assert!(safe_relative("a/b.pdf").is_ok());
        assert!(safe_relative("../site.yaml").is_err());
        assert!(safe_relative("/etc/passwd").is_err());
        assert!(safe_relative("a/../../x").is_err());
        assert!(safe_relative("a\\..\\x").is_err());
    }
}
