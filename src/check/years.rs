//! Findings about a fiscal year as a whole, so `check` never passes having checked nothing: a
//! year without criteria, criteria of another year, a `--year` the site does not have, and a
//! current year that has already ended.
use super::YearReport;
use crate::content::Site;
use crate::criteria::Criteria;
use crate::diagnostics::{Finding, Text};
use crate::thai::{self, FiscalYear};
use jiff::civil::Date;

fn report(year: u16, criteria: &str, title: &str, finding: Finding) -> YearReport {
    YearReport {
        year,
        criteria: criteria.to_string(),
        criteria_title: title.to_string(),
        criteria_verified: false,
        criteria_notice: None,
        months: Vec::new(),
        items: Vec::new(),
        monthly: Vec::new(),
        other: vec![finding],
    }
}

/// A year of the site for which no criteria exist: an error for the current year (nothing was
/// checked), a warning for a past year (it stays published as it is).
pub(super) fn without_criteria(year: u16, current: bool) -> YearReport {
    let ids = crate::criteria::builtin_ids().join(", ");
    let message = Text::new(
        format!("ไม่มีเกณฑ์สำหรับปีงบประมาณ {year} จึงไม่ได้ตรวจข้อมูลของปีนี้เลย"),
        format!(
            "there are no criteria for fiscal year {year}, so nothing of that year was checked"
        ),
    );
    let hint = Text::new(
        format!(
            "ระบุไฟล์เกณฑ์ของปีนี้ใน site.yaml (criteria: ชื่อไฟล์.yaml) หรือใช้เกณฑ์ในโปรแกรม ({ids}) ดูรายการด้วย oit criteria list"
        ),
        format!(
            "name this year's criteria file in site.yaml (criteria: FILE.yaml) or a built-in set ({ids}); see oit criteria list"
        ),
    );
    let f = if current {
        Finding::error("criteria", message)
    } else {
        Finding::warning("criteria", message)
    };
    report(
        year,
        "",
        "",
        f.file(std::path::Path::new("site.yaml")).hint(hint),
    )
}

/// Criteria that describe another year than the site's: nothing is checked against them.
pub(super) fn mismatched(year: u16, crit: &Criteria, why: Text, current: bool) -> YearReport {
    let default = crate::criteria::default_id(year);
    let hint = match &default {
        Some(id) => Text::new(
            format!(
                "ลบบรรทัด criteria: ใน site.yaml เพื่อใช้เกณฑ์ของปี {year} ({id}) หรือระบุไฟล์เกณฑ์ของปี {year}"
            ),
            format!(
                "remove the criteria: line from site.yaml to use the {year} set ({id}), or name a criteria file for {year}"
            ),
        ),
        None => Text::new(
            format!("ระบุไฟล์เกณฑ์ของปี {year} ใน criteria: ของ site.yaml"),
            format!("name a criteria file for {year} in site.yaml's criteria:"),
        ),
    };
    let f = if current {
        Finding::error("criteria", why)
    } else {
        Finding::warning("criteria", why)
    };
    let mut r = report(
        year,
        &crit.file.id,
        &crit.file.title_th,
        f.file(std::path::Path::new("site.yaml")).hint(hint),
    );
    r.criteria_verified = crit.verified();
    r
}

/// `--year Y` that the site does not have; a Common-Era year gets "did you mean".
pub(super) fn unknown_year(site: &Site, year: u16, have: &[u16]) -> YearReport {
    let list = have
        .iter()
        .map(u16::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    let (th, en) = if (1900..2400).contains(&year) {
        let be = year + 543;
        (
            format!(
                "--year {year} ดูเหมือนเป็นปี ค.ศ. หมายถึงปีงบประมาณ พ.ศ. {be} หรือไม่ (เว็บไซต์นี้มีปี {list})"
            ),
            format!(
                "--year {year} looks like a Common-Era year; did you mean fiscal year {be} (BE)? (this site has {list})"
            ),
        )
    } else {
        (
            format!("เว็บไซต์นี้ไม่มีปีงบประมาณ {year} (มีปี {list})"),
            format!("this site has no fiscal year {year} (it has {list})"),
        )
    };
    let _ = site;
    report(
        year,
        "",
        "",
        Finding::error("year", Text::new(th, en)).hint(Text::new(
            format!("ใช้ --year ปีใดปีหนึ่งจาก {list} หรือไม่ต้องระบุ --year เพื่อตรวจทุกปี"),
            format!("use --year with one of {list}, or leave --year out to check every year"),
        )),
    )
}

/// The site's current fiscal year is over: the webmaster must start the next.
pub(super) fn ended(current: u16, as_of: Date) -> Option<Finding> {
    let fy = FiscalYear::new(current)?;
    if as_of <= fy.end() {
        return None;
    }
    let now = FiscalYear::of_date(as_of)?.be_year();
    Some(
        Finding::warning(
            "year-ended",
            Text::new(
                format!(
                    "ปีงบประมาณ {current} ของเว็บไซต์สิ้นสุดแล้วเมื่อ {} ขณะนี้เป็นปีงบประมาณ {now} ผู้ประเมินจะตรวจข้อมูลของปี {now}",
                    thai::format_long(fy.end())
                ),
                format!(
                    "the site's fiscal year {current} ended on {}; it is now fiscal year {now}, which the assessor will look at",
                    thai::format_long_en(fy.end())
                ),
            ),
        )
        .file(std::path::Path::new("site.yaml"))
        .hint(Text::new(
            format!("เริ่มปีงบประมาณใหม่ด้วยคำสั่ง oit new-year {now} (ข้อมูลปี {current} ยังเผยแพร่อยู่ที่เดิม)"),
            format!("start the new year with oit new-year {now} (the {current} pages stay published where they are)"),
        )),
    )
}
