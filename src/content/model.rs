//! The typed content model: what `load` produces and every later stage reads.
use crate::thai::YearMonth;
use jiff::civil::Date;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::PathBuf;

use super::de::{DateText, FileRef, MonthEntryRaw, OneOrMany, Scalar};

impl Site {
    /// For `serve`: names everything of the site besides its item folders that pages and checks
    /// of an item read (station settings and news); `None` when not every news folder came from
    /// `serve`'s memo (then nothing is remembered by it).
    pub fn stamp(&self) -> Option<&str> {
        self.stamp
            .get_or_init(|| {
                if !crate::memo::enabled() {
                    return None;
                }
                let news = self
                    .news
                    .iter()
                    .map(|n| n.stamp.as_deref())
                    .collect::<Option<Vec<&str>>>()?;
                Some(format!(
                    "{:?}\u{0}{}\u{0}{news:?}",
                    self.root, self.config_text
                ))
            })
            .as_deref()
    }
}

/// A loaded station.
#[derive(Debug)]
pub struct Site {
    /// The content folder everything is relative to.
    pub root: PathBuf,
    pub config: SiteConfig,
    pub pages: Vec<Page>,
    /// Newest first.
    pub news: Vec<News>,
    /// Fiscal years (BE), ascending.
    pub years: BTreeMap<u16, Year>,
    /// site.yaml as read. `config` is made from it alone, so the stamp names the settings by
    /// it (a `Debug` print of `config` was ~4 % of a `serve` rebuild).
    pub(crate) config_text: String,
    /// `stamp()`, made once (the checks and the pages both ask).
    pub(crate) stamp: std::sync::OnceLock<Option<String>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    pub station: Station,
    pub fiscal_year: u16,
    #[serde(default)]
    pub criteria: Option<String>,
    #[serde(default)]
    pub base_url: Option<String>,
    #[serde(default)]
    pub allow_html: bool,
    #[serde(default)]
    pub contact: Contact,
    #[serde(default)]
    pub social: Vec<Social>,
    #[serde(default)]
    pub eit_survey_url: Option<String>,
    #[serde(default)]
    pub officers: BTreeMap<String, Officer>,
    /// 13-digit numbers that may be published (a company's tax ID, …): not PDPA findings.
    #[serde(default)]
    pub pdpa_allow: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Station {
    pub name_th: String,
    #[serde(default)]
    pub name_en: String,
    #[serde(default)]
    pub short_th: String,
    #[serde(default)]
    pub province_th: String,
    #[serde(default)]
    pub bureau_th: String,
    #[serde(default)]
    pub logo: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Default, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    #[serde(default)]
    pub address: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub map_url: String,
    #[serde(default)]
    pub hours: String,
    #[serde(default)]
    pub emergency: String,
    #[serde(default)]
    pub fax: String,
}

#[derive(Debug, Deserialize, serde::Serialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct Social {
    pub name: String,
    pub url: String,
}

#[derive(Debug, Deserialize, serde::Serialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct Officer {
    pub name: String,
    #[serde(default)]
    pub position: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub unit: String,
}

/// One fiscal year's items.
#[derive(Debug)]
pub struct Year {
    pub year: u16,
    /// Items by number (O7 → 7).
    pub items: BTreeMap<u32, Item>,
}

/// The front matter of an item page, as written.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct ItemFront {
    #[serde(default)]
    pub item: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub updated: Option<DateText>,
    #[serde(default)]
    pub as_of: Option<DateText>,
    #[serde(default)]
    pub supervisor: OneOrMany,
    #[serde(default)]
    pub prepared_by: OneOrMany,
    #[serde(default)]
    pub published_by: OneOrMany,
    #[serde(default)]
    pub attachments: Vec<FileRef>,
    #[serde(default)]
    pub months: BTreeMap<String, MonthEntryRaw>,
    #[serde(default)]
    pub links: Vec<Link>,
    #[serde(default)]
    pub facts: BTreeMap<String, Scalar>,
    /// Written by `oit new`: the page still holds guidance, not content.
    #[serde(default)]
    pub placeholder: bool,
}

#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct Link {
    pub title: String,
    pub url: String,
    #[serde(default)]
    pub key: Option<String>,
}

/// Who is responsible for an item, by officer id.
#[derive(Debug, Default, Clone)]
pub struct Officers {
    pub supervisor: Vec<String>,
    pub prepared_by: Vec<String>,
    pub published_by: Vec<String>,
}

impl Officers {
    /// Every id once, in role order.
    pub fn all(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for id in self
            .supervisor
            .iter()
            .chain(&self.prepared_by)
            .chain(&self.published_by)
        {
            if !out.contains(id) {
                out.push(id.clone());
            }
        }
        out
    }
}

/// An OIT item page with everything in its folder.
#[derive(Debug, Clone)]
pub struct Item {
    /// `O7`.
    pub code: String,
    pub number: u32,
    pub year: u16,
    /// Folder relative to the content root, e.g. `ita/2567/o07`.
    pub dir: PathBuf,
    /// `ita/2567/o07/index.md`, relative to the content root.
    pub file: PathBuf,
    pub title: Option<String>,
    pub updated: Option<Date>,
    pub as_of: Option<Date>,
    pub officers: Officers,
    /// Listed attachments, in the order written.
    pub attachments: Vec<Attachment>,
    pub months: BTreeMap<YearMonth, MonthEntry>,
    pub links: Vec<Link>,
    pub facts: BTreeMap<String, String>,
    pub tables: Vec<Table>,
    pub placeholder: bool,
    /// Every file in the folder other than index.md and tables, relative to the item folder.
    pub files: Vec<FileInfo>,
    pub body: String,
    pub body_line: usize,
    /// Front matter text, kept so findings can point at the line of a key.
    pub front_yaml: String,
    pub front_line: usize,
    /// For `serve`: names this version of the folder (every file's path, size and time), so
    /// later stages can tell an unchanged item without comparing it field by field.
    pub stamp: Option<std::sync::Arc<str>>,
}

impl Item {
    /// The file of the item folder at `rel` (relative to the folder).
    pub fn file_info(&self, rel: &str) -> Option<&FileInfo> {
        self.files.iter().find(|f| f.rel == rel)
    }
    /// Files the front matter names (attachments and monthly files), each once, sorted.
    pub fn listed_files(&self) -> Vec<&str> {
        let mut listed: Vec<&str> = self.attachments.iter().map(|a| a.file.as_str()).collect();
        for m in self.months.values() {
            if let MonthEntry::Files(f) = m {
                listed.extend(f.iter().map(|a| a.file.as_str()));
            }
        }
        listed.sort_unstable();
        listed.dedup();
        listed
    }
    /// Files of the folder nothing refers to (front matter, a table cell, or the body): still
    /// published, but an assessor cannot tell what they are.
    pub fn unreferenced_files(&self) -> Vec<&FileInfo> {
        let listed = self.listed_files();
        let cells: Vec<String> = self
            .tables
            .iter()
            .flat_map(|t| t.rows.iter().flat_map(|r| r.values().map(Cell::as_text)))
            .collect();
        self.files
            .iter()
            .filter(|f| {
                !listed.contains(&f.rel.as_str())
                    && !cells.contains(&f.rel)
                    && !self.body.contains(&f.rel)
            })
            .collect()
    }
    /// Line of a front-matter key in index.md.
    pub fn key_line(&self, key: &str) -> Option<usize> {
        crate::yaml::key_line(&self.front_yaml, self.front_line, key)
    }
}

/// A file present in an item or news folder.
#[derive(Debug, Clone)]
pub struct FileInfo {
    /// Relative to the owning folder, `/`-separated (may be Thai).
    pub rel: String,
    /// ASCII-safe output path relative to the owning page's folder.
    pub out: String,
    pub bytes: u64,
    /// Lower-case extension without the dot.
    pub ext: String,
    /// What the file really is, decided from its content.
    pub facts: crate::documents::FileFacts,
}

#[derive(Debug, Clone)]
pub struct Attachment {
    /// Relative to the item folder.
    pub file: String,
    pub title: String,
    pub lang: String,
    pub machine_readable: bool,
    pub line: Option<String>,
}

#[derive(Debug, Clone)]
pub enum MonthEntry {
    Files(Vec<Attachment>),
    /// An explicit statement that there is nothing this month ("ไม่มีการจัดซื้อจัดจ้าง").
    None(String),
}

/// A data table (`*.yaml` beside an item page).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableFile {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub kind: Option<String>,
    pub columns: Vec<Column>,
    #[serde(default)]
    pub rows: Vec<BTreeMap<String, Scalar>>,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Deserialize, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Column {
    pub key: String,
    pub label: String,
    #[serde(default, rename = "type")]
    pub kind: ColumnType,
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ColumnType {
    #[default]
    Text,
    Number,
    Baht,
    Date,
    Month,
    Image,
    Link,
    Phone,
    Email,
}

/// A validated table: cells by column key, typed.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// File name relative to the item folder, e.g. `executives.yaml`.
    pub file: String,
    pub title: String,
    pub kind: Option<String>,
    pub columns: Vec<Column>,
    pub rows: Vec<BTreeMap<String, Cell>>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Date(Date),
    Month(YearMonth),
}

impl Cell {
    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }
    pub fn as_text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.clone(),
            Cell::Number(n) => format!("{n}"),
            Cell::Date(d) => d.to_string(),
            Cell::Month(m) => m.key(),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewsFront {
    pub title: String,
    pub date: DateText,
    #[serde(default)]
    pub items: Vec<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub photos: Vec<FileRef>,
    #[serde(default)]
    pub summary: Option<String>,
}

#[derive(Debug, Clone)]
pub struct News {
    /// Folder name, used as the URL slug (made ASCII-safe).
    pub slug: String,
    pub dir: PathBuf,
    pub file: PathBuf,
    pub title: String,
    pub date: Date,
    /// Item codes, upper-case (`O19`).
    pub items: Vec<String>,
    pub tags: Vec<String>,
    pub photos: Vec<Attachment>,
    pub summary: Option<String>,
    pub files: Vec<FileInfo>,
    pub body: String,
    pub body_line: usize,
    /// For `serve`: names this version of the folder (see `Item::stamp`).
    pub stamp: Option<std::sync::Arc<str>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageFront {
    pub title: String,
    #[serde(default)]
    pub menu: Option<i32>,
    #[serde(default)]
    pub description: Option<String>,
}

#[derive(Debug)]
pub struct Page {
    pub slug: String,
    pub file: PathBuf,
    pub title: String,
    pub menu: Option<i32>,
    pub body: String,
    pub body_line: usize,
}
