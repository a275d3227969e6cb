//! The `months:` part of an item's index.md: for each month, the files published that month or
//! `{ none: … }` saying there was nothing to publish. A key is written as the assessor reads it
//! (`2567-01`, `ม.ค. 2567`, …), so two spellings can name the same month: the second is a
//! finding. A month that cannot be read is a finding and left out; a missing file is a finding
//! and left out of its month, which is still kept.
//!
//! People file monthly work the way they file it on their desk: a folder per month beside
//! index.md (`2566-10/report.pdf`, `ต.ค.66/report.pdf`). The files of such a folder count for
//! that month without a `months:` entry (and are added to a month listed there). A month outside
//! the fiscal year of the item's folder is a warning naming it: it does not count for this year.
use super::Cx;
use super::years::ItemIndex;
use crate::content::de::MonthEntryRaw;
use crate::content::model::*;
use crate::diagnostics::{Finding, Text};
use crate::thai::{self, YearMonth};
use std::collections::BTreeMap;
use std::path::Path;
use walkdir::WalkDir;

impl Cx {
    pub(super) fn load_months(
        &mut self,
        at: &ItemIndex,
        raw: &BTreeMap<String, MonthEntryRaw>,
    ) -> BTreeMap<YearMonth, MonthEntry> {
        let mut months = BTreeMap::new();
        for (key, entry) in raw {
            // The month's own line (its key, quoted or not), else the line of `months:`.
            let line = at
                .key_line(&format!("  {key}"))
                .or_else(|| at.key_line(&format!("  \"{key}\"")))
                .or_else(|| at.key_line("months"));
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
                        .file(at.rel)
                        .line_opt(line)
                        .item(at.code),
                    );
                    continue;
                }
            };
            let parsed = match entry {
                MonthEntryRaw::None(s) => MonthEntry::None(s.clone()),
                MonthEntryRaw::Files(list) => {
                    MonthEntry::Files(self.referenced(list, at.rel, line, at.dir))
                }
            };
            if let Some(fy) = fiscal_year_of(at.rel)
                && !fy.contains(ym.first_day())
            {
                self.findings.push(
                    outside_year(key, ym, fy)
                        .file(at.rel)
                        .line_opt(line)
                        .item(at.code),
                );
            }
            if months.insert(ym, parsed).is_some() {
                self.findings.push(
                    Finding::error(
                        "month",
                        Text::new(
                            format!("เดือน {} ถูกระบุซ้ำ", ym.key()),
                            format!("month {} is listed twice", ym.key()),
                        ),
                    )
                    .file(at.rel)
                    .line_opt(line)
                    .item(at.code),
                );
            }
        }
        self.month_folders(at, &mut months);
        months
    }

    /// Files in month folders (`2566-10/`, `ต.ค.66/`) count for their month: added to the month
    /// listed under `months:` (unless it says `none:`), or making that month when it is not.
    fn month_folders(&mut self, at: &ItemIndex, months: &mut BTreeMap<YearMonth, MonthEntry>) {
        let fy = fiscal_year_of(at.rel);
        for (name, ym) in month_dirs(at.dir) {
            let files = month_dir_files(at.dir, &name);
            if files.is_empty() {
                continue;
            }
            if let Some(fy) = fy
                && !fy.contains(ym.first_day())
            {
                self.findings.push(
                    outside_year(&format!("{name}/"), ym, fy)
                        .file(&at.rel.with_file_name(&name))
                        .item(at.code),
                );
            }
            match months
                .entry(ym)
                .or_insert_with(|| MonthEntry::Files(Vec::new()))
            {
                MonthEntry::Files(list) => {
                    for f in files {
                        if !list.iter().any(|a| a.file == f) {
                            list.push(folder_attachment(f));
                        }
                    }
                }
                // `none:` is what the page says; the folder's files stay unlisted (and reported).
                MonthEntry::None(_) => {}
            }
        }
    }
}

/// The fiscal year of an item's index.md (`ita/2567/o07/index.md` → 2567).
fn fiscal_year_of(rel: &Path) -> Option<thai::FiscalYear> {
    let mut parts = rel.components().map(|c| c.as_os_str().to_string_lossy());
    if parts.next()? != "ita" {
        return None;
    }
    let year: u16 = thai::to_arabic_digits(&parts.next()?).parse().ok()?;
    thai::FiscalYear::new(year)
}

/// "เดือน 2568-10 (ตุลาคม 2568) อยู่นอกปีงบประมาณ พ.ศ. 2567 …", naming the key as written.
fn outside_year(written: &str, ym: YearMonth, fy: thai::FiscalYear) -> Finding {
    Finding::warning(
        "month",
        Text::new(
            format!(
                "เดือน {written} ({}) อยู่นอกปีงบประมาณ พ.ศ. {} ({}) จึงไม่นับเป็นข้อมูลของปีนี้",
                thai::format_month_long(ym),
                fy.be_year(),
                thai::format_range(fy.start(), fy.end()),
            ),
            format!(
                "month {written} ({}) is outside fiscal year {} ({}), so it does not count for this year",
                thai::format_month_long_en(ym),
                fy.be_year(),
                thai::format_range_en(fy.start(), fy.end()),
            ),
        ),
    )
    .hint(Text::new(
        format!(
            "ตรวจปีของเดือนนี้ (เดือนตุลาคมถึงธันวาคมเป็นปี พ.ศ. {} ส่วนมกราคมถึงกันยายนเป็นปี พ.ศ. {}) หรือย้ายไปไว้ในโฟลเดอร์ของปีงบประมาณที่ถูกต้อง",
            fy.be_year() - 1,
            fy.be_year()
        ),
        format!(
            "check the month's year (October to December are B.E. {}, January to September B.E. {}), or move it to the right fiscal year's folder",
            fy.be_year() - 1,
            fy.be_year()
        ),
    ))
}

/// Sub-folders of an item folder whose name is a month, by name.
fn month_dirs(dir: &Path) -> Vec<(String, YearMonth)> {
    let mut out: Vec<(String, YearMonth)> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.path().is_dir())
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let ym = thai::parse_month(&name).ok()?;
            Some((name, ym))
        })
        .collect();
    out.sort();
    out
}

/// The files of month folder `name` (recursively), relative to the item folder with `/`, as
/// `folder_files` names them.
fn month_dir_files(dir: &Path, name: &str) -> Vec<String> {
    WalkDir::new(dir.join(name))
        .min_depth(1)
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .filter(|e| !super::is_clutter(&e.file_name().to_string_lossy()))
        .filter(|e| e.path().is_file())
        .filter_map(|e| {
            let rel = e.path().strip_prefix(dir).ok()?;
            // Within the content tree only; a link outside is refused by `folder_files`.
            Some(rel.to_string_lossy().replace('\\', "/"))
        })
        .collect()
}

fn folder_attachment(file: String) -> Attachment {
    let ext = file
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    Attachment {
        title: file.rsplit('/').next().unwrap_or(&file).to_string(),
        lang: "th".to_string(),
        machine_readable: super::attachments::is_machine_readable_ext(&ext),
        line: None,
        file,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn year_of_item_path() {
        let fy = fiscal_year_of(Path::new("ita/2567/o07/index.md")).unwrap();
        assert_eq!(fy.be_year(), 2567);
        assert!(fiscal_year_of(Path::new("news/x/index.md")).is_none());
    }

    #[test]
    fn month_folder_names() {
        let d = tempfile::tempdir().unwrap();
        for n in ["2566-10", "11-2566", "ธ.ค.66", "photos", "ม.ค. 2567"] {
            std::fs::create_dir(d.path().join(n)).unwrap();
        }
        std::fs::write(d.path().join("ธ.ค.66/a.pdf"), b"x").unwrap();
        std::fs::write(d.path().join("ธ.ค.66/.DS_Store"), b"x").unwrap();
        let mut keys: Vec<String> = month_dirs(d.path()).iter().map(|(_, m)| m.key()).collect();
        keys.sort();
        assert_eq!(keys, ["2566-10", "2566-11", "2566-12", "2567-01"]);
        assert_eq!(month_dir_files(d.path(), "ธ.ค.66"), ["ธ.ค.66/a.pdf"]);
    }

    #[test]
    fn outside_year_names_the_key() {
        let fy = thai::FiscalYear::new(2567).unwrap();
        let f = outside_year("2568-10", thai::parse_month("2568-10").unwrap(), fy);
        assert!(
            f.message
                .th
                .starts_with("เดือน 2568-10 (ตุลาคม 2568) อยู่นอกปีงบประมาณ พ.ศ. 2567")
        );
        assert_eq!(f.severity, crate::diagnostics::Severity::Warning);
    }
}
