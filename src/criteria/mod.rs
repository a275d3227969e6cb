//! Criteria: the OIT items of one fiscal year and kind of agency, and the rules `check` applies.
//! The rule kinds are Rust (`Rule`); which rules apply to which item is data (see CRITERIA.md).
mod describe;
mod diff;
mod resolve;
mod validate;
pub mod years;

pub use describe::{DocFormat, describe, rule_words};
pub use diff::diff;
pub use resolve::{Builtin, builtin_ids, builtins, default_id, editable_copy, load, parse};
pub use validate::validate_file;

use crate::diagnostics::{Severity, Text};
use crate::thai::YearMonth;
use serde::Deserialize;

#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct CriteriaFile {
    pub id: String,
    pub title_th: String,
    #[serde(default)]
    pub title_en: String,
    #[serde(default)]
    pub agency: String,
    /// The fiscal year (BE) the file describes; `{FY}` in a file that serves many years.
    pub fiscal_year: u16,
    /// The fiscal years a file written with year tokens may be applied to.
    #[serde(default)]
    pub years: Option<YearRange>,
    /// Set when the items were not taken from this year's official manual but carried forward
    /// from the manual of the year named: `check` then says the set is unverified.
    #[serde(default)]
    pub carried_forward_from: Option<u16>,
    pub period: PeriodRaw,
    #[serde(default)]
    pub grace_days: u32,
    #[serde(default)]
    pub lines_of_work: Vec<String>,
    pub items: Vec<CriteriaItem>,
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct YearRange {
    pub from: u16,
    #[serde(default)]
    pub to: Option<u16>,
}

impl YearRange {
    pub fn contains(self, year: u16) -> bool {
        year >= self.from && self.to.is_none_or(|to| year <= to)
    }
    pub fn label(self) -> Text {
        match self.to {
            Some(to) => Text::new(
                format!("ปีงบประมาณ {}–{to}", self.from),
                format!("fiscal years {}–{to}", self.from),
            ),
            None => Text::new(
                format!("ปีงบประมาณ {} เป็นต้นไป", self.from),
                format!("fiscal years {} on", self.from),
            ),
        }
    }
}

#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct PeriodRaw {
    pub from: String,
    pub to: String,
}

#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct CriteriaItem {
    pub code: String,
    pub title_th: String,
    #[serde(default)]
    pub title_en: String,
    #[serde(default)]
    pub summary_th: String,
    #[serde(default)]
    pub summary_en: String,
    #[serde(default)]
    pub rules: Vec<RuleSpec>,
}

/// A rule instance: the common fields and the kind-specific parameters.
#[derive(Debug, Deserialize, Clone)]
pub struct RuleSpec {
    #[serde(default)]
    pub severity: Severity,
    #[serde(default)]
    pub message_th: Option<String>,
    #[serde(default)]
    pub message_en: Option<String>,
    #[serde(default)]
    pub hint_th: Option<String>,
    #[serde(default)]
    pub hint_en: Option<String>,
    #[serde(flatten)]
    pub rule: Rule,
}

/// A format group: one format or alternatives (`pdf`, `[excel, word]`).
#[derive(Debug, Deserialize, Clone, PartialEq)]
#[serde(untagged)]
pub enum FormatGroup {
    One(Format),
    AnyOf(Vec<Format>),
}

impl FormatGroup {
    pub fn alternatives(&self) -> Vec<Format> {
        match self {
            FormatGroup::One(f) => vec![*f],
            FormatGroup::AnyOf(v) => v.clone(),
        }
    }
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Pdf,
    Word,
    Excel,
    Image,
}

impl Format {
    pub fn label(self) -> &'static str {
        match self {
            Format::Pdf => "PDF",
            Format::Word => "Word",
            Format::Excel => "Excel",
            Format::Image => "รูปภาพ",
        }
    }
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum DateField {
    Updated,
    AsOf,
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Supervisor,
    PreparedBy,
    PublishedBy,
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq, Default)]
#[serde(rename_all = "snake_case")]
pub enum LineSource {
    #[default]
    Attachments,
    Table,
}

fn yes() -> bool {
    true
}
fn one() -> usize {
    1
}

/// The rule kinds. Parameters are documented in CRITERIA.md.
#[derive(Debug, Deserialize, Clone)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Rule {
    Page {},
    Officers {
        roles: Vec<Role>,
    },
    Date {
        field: DateField,
        #[serde(default)]
        equals: Option<String>,
        #[serde(default)]
        on_or_after: Option<String>,
        #[serde(default)]
        on_or_before: Option<String>,
        #[serde(default)]
        in_fiscal_year: bool,
        #[serde(default = "yes")]
        not_future: bool,
    },
    Attachments {
        #[serde(default = "one")]
        min: usize,
        #[serde(default)]
        formats: Vec<FormatGroup>,
        #[serde(default)]
        lang: Option<String>,
    },
    Monthly {
        #[serde(default)]
        formats: Vec<FormatGroup>,
        #[serde(default)]
        allow_none: bool,
    },
    Table {
        table_kind: String,
        #[serde(default = "one")]
        min_rows: usize,
        #[serde(default)]
        required: Vec<String>,
        #[serde(default)]
        images: Vec<String>,
    },
    LinesOfWork {
        #[serde(default)]
        source: LineSource,
        #[serde(default)]
        table_kind: Option<String>,
        #[serde(default)]
        column: Option<String>,
    },
    Links {
        keys: Vec<String>,
        #[serde(default = "yes")]
        https: bool,
    },
    Facts {
        keys: Vec<String>,
    },
    Contact {
        fields: Vec<String>,
    },
    News {
        #[serde(default = "one")]
        min: usize,
        #[serde(default)]
        item: Option<String>,
        #[serde(default)]
        tag: Option<String>,
        #[serde(default)]
        from: Option<String>,
        #[serde(default)]
        in_fiscal_year: bool,
        #[serde(default)]
        needs_link_or_qr: bool,
    },
    Languages {
        langs: Vec<String>,
    },
    Mentions {
        terms: Vec<Vec<String>>,
    },
    Social {
        #[serde(default = "one")]
        min: usize,
    },
}

/// Criteria ready to use: the file applied to one fiscal year, plus its parsed period.
#[derive(Debug, Clone)]
pub struct Criteria {
    pub file: CriteriaFile,
    pub from: YearMonth,
    pub to: YearMonth,
    /// Where it came from, for messages: `built-in police-station-2567` or a path.
    pub source: String,
    /// The same for criteria parsed from the same text, different otherwise: later stages can
    /// tell unchanged criteria apart cheaply.
    pub generation: u64,
}

impl Criteria {
    pub fn item(&self, code: &str) -> Option<&CriteriaItem> {
        self.file
            .items
            .iter()
            .find(|i| i.code.eq_ignore_ascii_case(code))
    }
    /// Months of the assessed period, in order.
    pub fn months(&self) -> Vec<YearMonth> {
        self.from.through(self.to).take(120).collect()
    }
    /// Whether the items were taken from the year's official manual.
    pub fn verified(&self) -> bool {
        self.file.carried_forward_from.is_none()
    }
    /// The title in a language, English falling back to Thai.
    pub fn title(&self) -> Text {
        Text::new(
            self.file.title_th.clone(),
            if self.file.title_en.is_empty() {
                self.file.title_th.clone()
            } else {
                self.file.title_en.clone()
            },
        )
    }
    /// What a carried-forward set must say wherever it is used (never on the public site).
    pub fn notice(&self) -> Option<Text> {
        let from = self.file.carried_forward_from?;
        let year = self.file.fiscal_year;
        // Short and addressed to the webmaster, who reads it on every check: what to do now and
        // what to wait for. Making a real criteria file is the coordinator's job, explained by
        // `oit criteria list` and CRITERIA.md, not here.
        Some(Text::new(
            format!(
                "เกณฑ์ปี {year} ยกมาจากเกณฑ์ปี {from} ซึ่งเป็นฉบับล่าสุดที่ตรวจสอบได้ ระหว่างนี้ให้แก้ไขตามผลการตรวจด้านล่างไปก่อน เมื่อผู้ประสานงาน ITA จังหวัดส่งไฟล์เกณฑ์ฉบับจริงมา ให้วางไฟล์ไว้ในโฟลเดอร์สถานี แล้วใส่ criteria: ตามด้วยชื่อไฟล์ ใน site.yaml"
            ),
            format!(
                "the {year} criteria are carried forward from {from}, the last verified set: check against them for now. When your provincial ITA coordinator sends the official criteria file, put it in the station folder and set criteria: <file name> in site.yaml"
            ),
        ))
    }
    /// Why these criteria cannot be used for a site's fiscal `year`, if they cannot.
    pub fn mismatch(&self, year: u16) -> Option<Text> {
        let f = &self.file;
        if let Some(range) = f.years
            && !range.contains(year)
        {
            let allowed = range.label();
            return Some(Text::new(
                format!(
                    "เกณฑ์ {} ใช้ได้กับ{} แต่เว็บไซต์เป็นปีงบประมาณ {year}",
                    f.id, allowed.th
                ),
                format!(
                    "criteria {} apply to {} but the site's fiscal year is {year}",
                    f.id, allowed.en
                ),
            ));
        }
        (f.fiscal_year != year).then(|| {
            Text::new(
                format!(
                    "เกณฑ์ {} เป็นเกณฑ์ของปีงบประมาณ {} แต่เว็บไซต์เป็นปีงบประมาณ {year} จึงตรวจไม่ได้",
                    f.id, f.fiscal_year
                ),
                format!(
                    "criteria {} describe fiscal year {} but the site's fiscal year is {year}, so nothing was checked",
                    f.id, f.fiscal_year
                ),
            )
        })
    }
}
