//! ita/<year>/<item>: the fiscal-year folders and, in each, one folder per OIT item (o01…o99)
//! with its index.md. A year folder must be a Buddhist-Era year and an item folder an item code;
//! anything else is a finding and skipped. Each item folder is one `unit`, so `serve` re-reads
//! only the item that changed; its memo key also names the year, the number and the officer ids
//! of site.yaml, the only things outside the folder an item depends on. `load_item` reads the
//! index.md in steps (text, front matter, declared code, dates, officers, files, months, tables),
//! each adding its findings in the order a reader meets them in the page.
use super::{Cx, UnitMemo};
use crate::content::de::DateText;
use crate::content::model::*;
use crate::diagnostics::{Finding, Text};
use crate::{suggest, thai, yaml};
use std::collections::BTreeMap;
use std::path::Path;

static ITEMS: UnitMemo<Item> = UnitMemo::new(10_000);

/// An item's index.md as the steps of `load_item` need it: what its findings point at (the
/// item, the file and the line of a front-matter key) and the folder its references live in.
pub(super) struct ItemIndex<'a> {
    pub(super) code: &'a str,
    pub(super) dir: &'a Path,
    /// index.md, relative to the content root.
    pub(super) rel: &'a Path,
    yaml: &'a str,
    yaml_line: usize,
}

impl ItemIndex<'_> {
    /// The line of `key` in the front matter (`"  2567-01"` for a key indented two spaces).
    pub(super) fn key_line(&self, key: &str) -> Option<usize> {
        yaml::key_line(self.yaml, self.yaml_line, key)
    }
}

impl Cx {
    pub(super) fn load_years(&mut self, config: Option<&SiteConfig>) -> BTreeMap<u16, Year> {
        let mut years = BTreeMap::new();
        for ydir in self.entries(&self.root.join("ita")) {
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
            for idir in self.entries(&ydir) {
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

    /// One item folder, `ita/<year>/<dir>`: its index.md (front matter and body), its files and
    /// its data tables. `None` (after the findings) when index.md is missing or cannot be read
    /// or parsed at all. Every finding met here is on the item (`check` reports it there).
    fn load_item(
        &mut self,
        config: Option<&SiteConfig>,
        year: u16,
        number: u32,
        dir: &Path,
    ) -> Option<Item> {
        let before = self.findings.len();
        let item = self.load_item_parts(config, year, number, dir);
        let code = format!("O{number}");
        for f in &mut self.findings[before..] {
            if f.item.is_none() {
                f.item = Some(code.clone());
            }
        }
        item
    }

    fn load_item_parts(
        &mut self,
        config: Option<&SiteConfig>,
        year: u16,
        number: u32,
        dir: &Path,
    ) -> Option<Item> {
        let code = format!("O{number}");
        let rel_dir = self.rel(dir).to_path_buf();
        let rel = rel_dir.join("index.md");
        let text = self.item_text(dir, &rel, &code)?;
        let Some((fm, front)) = self.item_front(&text, &rel, &code) else {
            // The folder's tables are read anyway, so their errors show in the same run.
            self.load_tables(dir, &code);
            return None;
        };
        let at = ItemIndex {
            code: &code,
            dir,
            rel: &rel,
            yaml: fm.yaml,
            yaml_line: fm.yaml_line,
        };
        self.check_declared_code(&at, front.item.as_deref(), number);
        let (updated, as_of) = self.item_dates(&at, &front);
        let officers = self.item_officers(&at, &front, config);
        let files = self.folder_files(dir, true);
        self.reserved_names(&files, &rel_dir, Some(&code));
        let attachments =
            self.referenced(&front.attachments, &rel, at.key_line("attachments"), dir);
        let before_months = self.findings.len();
        let months = self.load_months(&at, &front.months);
        self.tag_months(&at, &front, before_months);
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

    /// The text of the item's index.md; `None` after a finding when it is missing or unreadable.
    fn item_text(&mut self, dir: &Path, rel: &Path, code: &str) -> Option<String> {
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
                .file(rel)
                .item(code),
            );
            return None;
        }
        self.read_text(&index)
    }

    /// index.md split into front matter and body, and the front matter parsed; `None` after a
    /// finding on the item when either fails.
    fn item_front<'t>(
        &mut self,
        text: &'t str,
        rel: &Path,
        code: &str,
    ) -> Option<(yaml::FrontMatter<'t>, ItemFront)> {
        let fm = match yaml::split_front_matter(text, rel) {
            Ok(fm) => fm,
            Err(f) => {
                self.findings.push(f.item(code));
                return None;
            }
        };
        // A misspelt key is reported and left out; the rest of the page is still read.
        let (front, findings) = yaml::parse_lenient(fm.yaml, rel, fm.yaml_line);
        self.findings
            .extend(findings.into_iter().map(|f| f.item(code)));
        Some((fm, front?))
    }

    /// The findings from `before` on that name a line of a month under `months:` (a missing
    /// file of that month) are about that month.
    fn tag_months(&mut self, at: &ItemIndex, front: &ItemFront, before: usize) {
        let lines: Vec<(usize, String)> = front
            .months
            .keys()
            .filter_map(|key| {
                let line = at
                    .key_line(&format!("  {key}"))
                    .or_else(|| at.key_line(&format!("  \"{key}\"")))?;
                Some((line, thai::parse_month(key).ok()?.key()))
            })
            .collect();
        for f in &mut self.findings[before..] {
            if f.month.is_none()
                && let Some((_, month)) = lines.iter().find(|(l, _)| Some(*l) == f.line)
            {
                f.month = Some(month.clone());
            }
        }
    }

    /// `item:` in the front matter, when given, must name the item of the folder.
    fn check_declared_code(&mut self, at: &ItemIndex, declared: Option<&str>, number: u32) {
        let Some(declared) = declared else {
            return;
        };
        if parse_item_code(declared) != Some(number) {
            let code = at.code;
            self.findings.push(
                Finding::error(
                    "item-code",
                    Text::new(
                        format!("item: {declared} ไม่ตรงกับโฟลเดอร์ ({code})"),
                        format!("item: {declared} does not match its folder ({code})"),
                    ),
                )
                .file(at.rel)
                .line_opt(at.key_line("item"))
                .item(code),
            );
        }
    }

    /// `updated:` and `as_of:`; a date that cannot be read is a finding on the item and `None`.
    fn item_dates(
        &mut self,
        at: &ItemIndex,
        front: &ItemFront,
    ) -> (Option<jiff::civil::Date>, Option<jiff::civil::Date>) {
        let updated = front
            .updated
            .as_ref()
            .and_then(|d| self.date(d, at.rel, at.key_line("updated")));
        let as_of = front
            .as_of
            .as_ref()
            .and_then(|d| self.date(d, at.rel, at.key_line("as_of")));
        // `load_item` puts every finding of the page on the item.
        (updated, as_of)
    }

    /// `supervisor`, `prepared_by` and `published_by`: each id must be declared under `officers`
    /// in site.yaml. An unknown id is a finding (with the closest known id) and left out; without
    /// a readable site.yaml the ids cannot be checked and are all kept.
    fn item_officers(
        &mut self,
        at: &ItemIndex,
        front: &ItemFront,
        config: Option<&SiteConfig>,
    ) -> Officers {
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
                let suggestion = suggest::closest(id, config.officers.keys().map(String::as_str));
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
                    .file(at.rel)
                    .line_opt(at.key_line(role))
                    .item(at.code)
                    .hint(declared_officers(config)),
                );
            }
        }
        officers
    }

    pub(super) fn date(
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
}

/// Which officer ids site.yaml declares, for a finding about an id it does not.
fn declared_officers(config: &SiteConfig) -> Text {
    if config.officers.is_empty() {
        return Text::new(
            "site.yaml ยังไม่มีเจ้าหน้าที่ใน officers: เพิ่มรหัสนี้ใน officers ของ site.yaml",
            "site.yaml declares no officers yet: add this id under officers in site.yaml",
        );
    }
    let ids = config
        .officers
        .keys()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(", ");
    Text::new(
        format!("รหัสเจ้าหน้าที่ใน site.yaml: {ids} ใช้รหัสใดรหัสหนึ่ง หรือเพิ่มรหัสนี้ใน officers"),
        format!(
            "officer ids declared in site.yaml: {ids}; use one of them or add this id under officers"
        ),
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
}
