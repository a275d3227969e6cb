//! Criteria: the OIT items of one fiscal year and kind of agency, and the rules `check` applies.
//! The rule kinds are Rust (`Rule`); which rules apply to which item is data (see CRITERIA.md).
use crate::diagnostics::{Finding, Severity, Text};
use crate::thai::YearMonth;
use serde::Deserialize;
use std::collections::HashMap;
use std::path::Path;
use std::sync::{Mutex, OnceLock};

use crate::embedded;

#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct CriteriaFile {
    pub id: String,
    pub title_th: String,
    #[serde(default)]
    pub title_en: String,
    #[serde(default)]
    pub agency: String,
    pub fiscal_year: u16,
    pub period: PeriodRaw,
    #[serde(default)]
    pub grace_days: u32,
    #[serde(default)]
    pub lines_of_work: Vec<String>,
    pub items: Vec<CriteriaItem>,
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

/// Criteria ready to use: the file plus its parsed period.
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
}

/// Ids of the built-in criteria files.
pub fn builtin_ids() -> Vec<&'static str> {
    embedded::CRITERIA
        .iter()
        .filter_map(|(name, _)| name.strip_suffix(".yaml"))
        .collect()
}

/// The built-in police-station criteria for a fiscal year: `police-station-<year>`, else a
/// draft such as `police-station-<year>-draft`.
pub fn default_id(year: u16) -> Option<String> {
    let exact = format!("police-station-{year}");
    let ids = builtin_ids();
    if ids.contains(&exact.as_str()) {
        return Some(exact);
    }
    let prefix = format!("{exact}-");
    ids.into_iter()
        .find(|id| id.starts_with(&prefix))
        .map(str::to_string)
}

/// Loads criteria by built-in id or from a file path (relative paths against `base`).
pub fn load(spec: &str, base: &Path) -> Result<Criteria, Finding> {
    if let Some((name, bytes)) = embedded::CRITERIA
        .iter()
        .find(|(n, _)| n.strip_suffix(".yaml") == Some(spec))
    {
        // A built-in file never changes: remembered by name, so `serve` does not decode and
        // hash its text again on every save.
        static BUILT_IN: Mutex<Vec<(&str, Criteria)>> = Mutex::new(Vec::new());
        let mut known = BUILT_IN.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, c)) = known.iter().find(|(n, _)| n == name) {
            return Ok(c.clone());
        }
        let text = String::from_utf8_lossy(bytes);
        let parsed = parse(
            &text,
            Path::new(&format!("(built-in) {name}")),
            format!("built-in {spec}"),
        )?;
        known.push((name, parsed.clone()));
        return Ok(parsed);
    }
    let path = base.join(spec);
    match std::fs::read_to_string(&path) {
        Ok(text) => parse(&text, &path, path.display().to_string()),
        Err(e) => {
            let why = crate::os_error::reason(&e, crate::os_error::Op::Read);
            Err(Finding::error(
                "criteria",
                Text::new(
                    format!(
                        "ไม่มีเกณฑ์ \"{spec}\" ในโปรแกรม (เกณฑ์ที่มีในโปรแกรม: {}) และอ่านเป็นไฟล์ไม่ได้: {}",
                        builtin_ids().join(", "),
                        why.th
                    ),
                    format!(
                        "no built-in criteria \"{spec}\" (built-in: {}), and it cannot be read as a file: {}",
                        builtin_ids().join(", "),
                        why.en
                    ),
                ),
            )
            .file(&path))
        }
    }
}

/// Parsed criteria by their text: a run over many stations parses each criteria file once.
fn cache() -> &'static Mutex<HashMap<String, Criteria>> {
    static CACHE: OnceLock<Mutex<HashMap<String, Criteria>>> = OnceLock::new();
    CACHE.get_or_init(Default::default)
}

pub fn parse(text: &str, file: &Path, source: String) -> Result<Criteria, Finding> {
    if let Some(c) = cache().lock().unwrap_or_else(|e| e.into_inner()).get(text) {
        return Ok(c.clone());
    }
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    let mut parsed = parse_uncached(text, file, source)?;
    parsed.generation = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    cache()
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .insert(text.to_string(), parsed.clone());
    Ok(parsed)
}

fn parse_uncached(text: &str, file: &Path, source: String) -> Result<Criteria, Finding> {
    let f: CriteriaFile = crate::yaml::parse(text, file, 1)?;
    let month = |s: &str, key: &str| {
        crate::thai::parse_month(s).map_err(|e| {
            Finding::error(
                "criteria",
                Text::new(
                    format!("period.{key} \"{s}\": {}", e.message_th()),
                    format!("period.{key} \"{s}\": {}", e.message_en()),
                ),
            )
            .file(file)
            .line_opt(crate::yaml::key_line(text, 1, &format!("  {key}")))
        })
    };
    let from = month(&f.period.from, "from")?;
    let to = month(&f.period.to, "to")?;
    for item in &f.items {
        if crate::content::parse_item_code(&item.code).is_none() {
            return Err(Finding::error(
                "criteria",
                Text::new(
                    format!("รหัสข้อ \"{}\" ไม่ถูกต้อง", item.code),
                    format!("item code \"{}\" is invalid", item.code),
                ),
            )
            .file(file));
        }
    }
    Ok(Criteria {
        file: f,
        from,
        to,
        source,
        generation: 0,
    })
}
