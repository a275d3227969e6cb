//! Stage 2: the model + criteria → findings. Each rule kind is one function in `rules`; which
//! rules apply to which item is data (the criteria file).
pub mod external;
mod html_report;
mod personal_data;
mod report;
mod rules;
mod years;

pub use html_report::render_html;
pub use report::{
    render_by_officer, render_json, render_json_unchecked, render_summary_line, render_text,
};

use crate::content::{Item, MonthEntry, Site};
use crate::criteria::{Criteria, CriteriaItem, Rule};
use crate::diagnostics::{Finding, Severity, Text};
use crate::memo::Keyed;
use crate::thai::YearMonth;
use jiff::civil::Date;
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::Arc;

#[derive(Debug, Clone)]
pub struct CheckOptions {
    /// The day the check pretends it is: decides which months are due.
    pub as_of: Date,
    /// Only this fiscal year (BE), or every year in the tree.
    pub year: Option<u16>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Pass,
    Warning,
    Fail,
}

#[derive(Debug, Clone, Serialize)]
pub struct ItemResult {
    pub code: String,
    pub title: String,
    /// The criteria's English title (the Thai one when it has none), for `--lang en`.
    pub title_en: String,
    pub status: Status,
    /// Page of the item relative to the site root (`ita/2567/o07/index.html`), empty if missing.
    pub url: String,
    pub findings: Vec<Finding>,
    /// Rules whose required date is still ahead (O1's "as of 31 December" in November): like a
    /// month that is not due, neither a pass nor a failure yet.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub not_due: Vec<Text>,
}

/// State of one month of a monthly item, for the month × item grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MonthState {
    Filled,
    /// "ไม่มีการจัดซื้อจัดจ้าง" and the like.
    NoneStated,
    Missing,
    NotDue,
}

#[derive(Debug, Clone, Serialize)]
pub struct MonthRow {
    pub code: String,
    /// By month key (`2566-10`).
    pub months: BTreeMap<String, MonthState>,
}

#[derive(Debug, Serialize)]
pub struct YearReport {
    pub year: u16,
    pub criteria: String,
    pub criteria_title: String,
    /// False when the criteria were carried forward from another year's manual.
    pub criteria_verified: bool,
    /// What `check` says once about carried-forward criteria (never on the public site).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub criteria_notice: Option<Text>,
    pub months: Vec<String>,
    pub items: Vec<ItemResult>,
    pub monthly: Vec<MonthRow>,
    /// Findings about the year that belong to no criteria item (unknown item folders).
    pub other: Vec<Finding>,
}

#[derive(Debug, Serialize)]
pub struct Report {
    pub schema_version: u32,
    pub station: String,
    pub as_of: String,
    pub years: Vec<YearReport>,
    pub errors: usize,
    pub warnings: usize,
    /// Findings of loading that belong to no checked year (site.yaml, pages, news, folders under
    /// ita/ that are not a fiscal year). A finding of loading on an item is in that item's
    /// `findings`, one on a year's folder in the year's `other`.
    pub problems: Vec<Finding>,
}

impl Report {
    pub fn findings(&self) -> impl Iterator<Item = &Finding> {
        self.problems.iter().chain(self.years.iter().flat_map(|y| {
            y.items
                .iter()
                .flat_map(|i| i.findings.iter())
                .chain(y.other.iter())
        }))
    }
    pub fn passed(&self) -> bool {
        self.errors == 0
    }
}

/// What a rule sees.
pub(crate) struct RuleCx<'a> {
    pub site: &'a Site,
    pub criteria: &'a Criteria,
    pub item: &'a Item,
    pub opts: &'a CheckOptions,
}

impl RuleCx<'_> {
    /// A month is due once it has ended and the grace period has passed.
    pub fn is_due(&self, m: YearMonth) -> bool {
        let grace = jiff::Span::new().days(i64::from(self.criteria.file.grace_days));
        match m.last_day().checked_add(grace) {
            Ok(due) => due < self.opts.as_of,
            Err(_) => false,
        }
    }
}

pub fn check(site: &Site, criteria: &BTreeMap<u16, Criteria>, opts: &CheckOptions) -> Report {
    check_loaded(site, criteria, opts, &[])
}

/// `check`, with the findings met loading the site (`content::load`) in the report: each on its
/// item (whose status they count in), its year's `other`, or the report's `problems`. Every one
/// is in the report exactly once, so what could not be read never hides what could be checked.
pub fn check_loaded(
    site: &Site,
    criteria: &BTreeMap<u16, Criteria>,
    opts: &CheckOptions,
    load: &[Finding],
) -> Report {
    let mut years = Vec::new();
    let current = site.config.fiscal_year;
    let mut wanted: Vec<u16> = site.years.keys().copied().chain([current]).collect();
    wanted.sort_unstable();
    wanted.dedup();
    if let Some(y) = opts.year {
        if !wanted.contains(&y) {
            years.push(years::unknown_year(site, y, &wanted));
        }
        wanted.retain(|w| *w == y);
    }
    for year in wanted {
        let report = match criteria.get(&year) {
            None => years::without_criteria(year, year == current),
            Some(crit) => match crit.mismatch(year) {
                Some(why) => years::mismatched(year, crit, why, year == current),
                None => check_year(site, year, crit, opts),
            },
        };
        years.push(report);
    }
    if let Some(y) = years.iter_mut().find(|y| y.year == current) {
        y.other.extend(years::ended(current, opts.as_of));
    }
    let problems = merge_load(site, &mut years, load);
    let all: Vec<&Finding> = problems
        .iter()
        .chain(years.iter().flat_map(|y: &YearReport| {
            y.items
                .iter()
                .flat_map(|i| i.findings.iter())
                .chain(y.other.iter())
        }))
        .collect();
    let errors = all.iter().filter(|f| f.severity == Severity::Error).count();
    let warnings = all.len() - errors;
    Report {
        schema_version: 1,
        station: site.config.station.name_th.clone(),
        as_of: opts.as_of.to_string(),
        years,
        errors,
        warnings,
        problems,
    }
}

/// The fiscal year a finding of loading is about: the year folder its file is in
/// (`ita/2567/o07/index.md`, also `ita/๒๕๖๗/…`).
fn finding_year(f: &Finding) -> Option<u16> {
    let rest = f.file.as_deref()?.strip_prefix("ita/")?;
    let name = rest.split('/').next()?;
    crate::thai::to_arabic_digits(name).parse().ok()
}

/// Puts each finding of loading where it belongs (see `check_loaded`) and gives back those that
/// belong to no year in the report. An item with findings of loading is given its officers and
/// its status again; one whose index.md could not be read at all is reported with them instead
/// of as missing.
fn merge_load(site: &Site, years: &mut [YearReport], load: &[Finding]) -> Vec<Finding> {
    let mut problems = Vec::new();
    for f in load {
        let year = finding_year(f);
        let Some(y) = years.iter_mut().find(|y| Some(y.year) == year) else {
            problems.push(f.clone());
            continue;
        };
        let result = f
            .item
            .as_deref()
            .and_then(|code| y.items.iter_mut().find(|i| i.code == code));
        let Some(result) = result else {
            y.other.push(f.clone());
            continue;
        };
        let loaded = site.years.get(&y.year).and_then(|sy| {
            sy.items
                .values()
                .find(|i| Some(i.code.as_str()) == f.item.as_deref())
        });
        let mut f = f.clone();
        match loaded {
            Some(item) if f.officers.is_empty() => f.officers = item.officers.all(),
            Some(_) => {}
            // Not loaded: its findings of loading say why, not "missing".
            None => result.findings.retain(|g| g.rule != "page"),
        }
        result.findings.push(f);
        crate::diagnostics::sort(&mut result.findings);
        result.status = status_of(&result.findings);
    }
    problems
}

fn status_of(findings: &[Finding]) -> Status {
    if findings.iter().any(Finding::is_error) {
        Status::Fail
    } else if findings.is_empty() {
        Status::Pass
    } else {
        Status::Warning
    }
}

fn check_year(site: &Site, year: u16, crit: &Criteria, opts: &CheckOptions) -> YearReport {
    let items = site.years.get(&year).map(|y| &y.items);
    let site_stamp: Option<Arc<str>> = site
        .stamp()
        .map(|s| format!("{s}\u{0}{}\u{0}{}", crit.generation, opts.as_of).into());
    let mut results = Vec::new();
    let mut monthly = Vec::new();
    for ci in &crit.file.items {
        let Some(number) = crate::content::parse_item_code(&ci.code) else {
            continue;
        };
        let code = format!("O{number}");
        let Some(item) = items.and_then(|i| i.get(&number)) else {
            let expected = format!("ita/{year}/o{number:02}/index.md");
            let f = Finding::error(
                "page",
                Text::new(
                    format!("ยังไม่มีข้อมูลข้อ {code} ({})", ci.title_th),
                    format!("item {code} ({}) is missing", if ci.title_en.is_empty() { &ci.title_th } else { &ci.title_en }),
                ),
            )
            .item(&code)
            .file(std::path::Path::new(&expected))
            .hint(Text::new(
                format!("สร้างโฟลเดอร์ ita/{year}/o{number:02} พร้อมไฟล์ index.md แล้วใส่ข้อมูลตามเกณฑ์"),
                format!("create the folder ita/{year}/o{number:02} with an index.md and the evidence the criteria ask for"),
            ));
            results.push(ItemResult {
                code,
                title: ci.title_th.clone(),
                title_en: english_title(ci),
                status: Status::Fail,
                url: String::new(),
                findings: vec![f],
                not_due: Vec::new(),
            });
            continue;
        };
        // `serve`: an item whose folder, the site and the criteria are as they were has the same
        // result as last time.
        static ITEMS: Keyed<(Arc<str>, Arc<str>), Checked> = Keyed::new();
        let key = site_stamp.clone().zip(item.stamp.clone());
        let check = || check_item(site, year, crit, opts, item, ci);
        let (result, rows) = match key {
            Some(key) => ITEMS.get_or(&item.dir.to_string_lossy(), key, |_| check()),
            None => check(),
        };
        results.push(result);
        monthly.extend(rows);
    }
    let mut other = Vec::new();
    if let Some(items) = items {
        for item in items.values() {
            if crit.item(&item.code).is_none() {
                other.push(
                    Finding::warning(
                        "unknown-item",
                        Text::new(
                            format!("เกณฑ์ {} ไม่มีข้อ {} จึงไม่ได้ตรวจข้อนี้", crit.file.id, item.code),
                            format!(
                                "criteria {} have no item {}; it is published but not checked",
                                crit.file.id, item.code
                            ),
                        ),
                    )
                    .file(&item.file)
                    .item(&item.code),
                );
            }
        }
    }
    dedup_monthly(&mut monthly);
    // Pages and news belong to no year; report them once, with the current year.
    if year == site.config.fiscal_year {
        other.extend(personal_data::scan_pages(site));
    }
    YearReport {
        year,
        criteria: crit.file.id.clone(),
        criteria_title: crit.file.title_th.clone(),
        criteria_verified: crit.verified(),
        criteria_notice: crit.notice(),
        months: crit.months().iter().map(|m| m.key()).collect(),
        items: results,
        monthly,
        other,
    }
}

fn english_title(ci: &CriteriaItem) -> String {
    if ci.title_en.is_empty() {
        ci.title_th.clone()
    } else {
        ci.title_en.clone()
    }
}

/// An item's result and its rows of the monthly table.
type Checked = (ItemResult, Vec<MonthRow>);

/// The rules of criteria item `ci` held against `item`, and its rows of the monthly table.
fn check_item(
    site: &Site,
    year: u16,
    crit: &Criteria,
    opts: &CheckOptions,
    item: &Item,
    ci: &CriteriaItem,
) -> Checked {
    let (code, number) = (item.code.clone(), item.number);
    let mut monthly = Vec::new();
    let cx = RuleCx {
        site,
        criteria: crit,
        item,
        opts,
    };
    let mut findings = Vec::new();
    let mut not_due = Vec::new();
    for spec in &ci.rules {
        if let Some(why) = rules::not_yet_due(&cx, &spec.rule) {
            not_due.push(why);
            continue;
        }
        let mut found = rules::apply(&cx, &spec.rule);
        for f in &mut found {
            f.severity = spec.severity;
            if let (Some(th), Some(en)) = (&spec.message_th, &spec.message_en) {
                f.message = Text::new(th.clone(), en.clone());
            } else if let Some(th) = &spec.message_th {
                f.message.th = th.clone();
            }
            if spec.hint_th.is_some() || spec.hint_en.is_some() {
                let old = f.hint.clone().unwrap_or_default();
                f.hint = Some(Text::new(
                    spec.hint_th.clone().unwrap_or(old.th),
                    spec.hint_en.clone().unwrap_or(old.en),
                ));
            }
        }
        findings.extend(found);
        if let Rule::Monthly { allow_none, .. } = spec.rule {
            monthly.push(month_row(&cx, allow_none));
        }
    }
    findings.extend(rules::placeholder(&cx));
    findings.extend(rules::files(&cx));
    findings.extend(personal_data::scan_item(site, item));
    findings.extend(rules::orphans(&cx));
    for f in &mut findings {
        f.item = Some(code.clone());
        if f.officers.is_empty() {
            f.officers = item.officers.all();
        }
    }
    crate::diagnostics::sort(&mut findings);
    let status = status_of(&findings);
    let result = ItemResult {
        code,
        title: crate::render::item_title(item, Some(crit)),
        title_en: english_title(ci),
        status,
        url: crate::render::item_path(year, number),
        findings,
        not_due,
    };
    (result, monthly)
}

fn month_row(cx: &RuleCx, allow_none: bool) -> MonthRow {
    let months = cx
        .criteria
        .months()
        .into_iter()
        .map(|m| {
            let state = match cx.item.months.get(&m) {
                Some(MonthEntry::Files(f)) if !f.is_empty() => MonthState::Filled,
                Some(MonthEntry::None(_)) if allow_none => MonthState::NoneStated,
                _ if !cx.is_due(m) => MonthState::NotDue,
                _ => MonthState::Missing,
            };
            (m.key(), state)
        })
        .collect();
    MonthRow {
        code: cx.item.code.clone(),
        months,
    }
}

fn dedup_monthly(rows: &mut Vec<MonthRow>) {
    rows.dedup_by(|a, b| a.code == b.code);
}
