//! What makes a criteria file usable, said with file:line: the period, item codes, and rule
//! parameters that can never pass or never fail. `load` stops at the first error; `oit criteria
//! check` lists every problem.
use super::{CriteriaFile, Rule, years};
use crate::diagnostics::{Finding, Text};
use crate::thai::{FiscalYear, YearMonth};
use std::path::Path;

/// The first line at or after `from` whose text starts (after indentation and `- `) with `key`.
fn line_of(text: &str, from: usize, key: &str) -> Option<usize> {
    text.lines()
        .enumerate()
        .skip(from.saturating_sub(1))
        .find(|(_, l)| {
            let t = l.trim_start().trim_start_matches("- ").trim_start();
            t.starts_with(key)
        })
        .map(|(i, _)| i + 1)
}

fn err(file: &Path, line: Option<usize>, th: String, en: String) -> Finding {
    Finding::error("criteria", Text::new(th, en))
        .file(file)
        .line_opt(line)
}

/// A BE year that looks like CE: "did you mean".
fn be_problem(year: u16) -> Option<(String, String)> {
    if (2400..3000).contains(&year) {
        return None;
    }
    if (1900..2400).contains(&year) {
        let be = year + 543;
        return Some((
            format!("ปี {year} ดูเหมือนเป็นปี ค.ศ. หมายถึงปี พ.ศ. {be} หรือไม่ (เกณฑ์ใช้ปี พ.ศ.)"),
            format!(
                "{year} looks like a Common-Era year; did you mean BE {be}? (criteria use Buddhist-Era years)"
            ),
        ));
    }
    Some((
        format!("ปี {year} ไม่ใช่ปี พ.ศ. ที่เป็นไปได้"),
        format!("{year} is not a plausible Buddhist-Era year"),
    ))
}

/// The assessed period, checked: both months readable and `from` not after `to`.
pub(super) fn period(
    f: &CriteriaFile,
    text: &str,
    file: &Path,
) -> Result<(YearMonth, YearMonth), Finding> {
    let line = line_of(text, 1, "period:");
    let month = |s: &str, key: &str| {
        crate::thai::parse_month(s).map_err(|e| {
            err(
                file,
                line,
                format!("period.{key} \"{s}\": {}", e.message_th()),
                format!("period.{key} \"{s}\": {}", e.message_en()),
            )
        })
    };
    let from = month(&f.period.from, "from")?;
    let to = month(&f.period.to, "to")?;
    if from > to {
        return Err(err(
            file,
            line,
            format!(
                "period: เดือนเริ่ม ({}) อยู่หลังเดือนสุดท้าย ({})",
                from.key(),
                to.key()
            ),
            format!("period: from ({}) is after to ({})", from.key(), to.key()),
        ));
    }
    Ok((from, to))
}

/// Every problem of a parsed file (errors and warnings), with the line of the item or key.
pub(super) fn problems(f: &CriteriaFile, text: &str, file: &Path) -> Vec<Finding> {
    let mut out = Vec::new();
    let top = |key: &str| line_of(text, 1, key);
    if let Some((th, en)) = be_problem(f.fiscal_year) {
        out.push(err(
            file,
            top("fiscal_year:"),
            format!("fiscal_year: {th}"),
            format!("fiscal_year: {en}"),
        ));
    }
    if let Some(r) = f.years {
        for y in [Some(r.from), r.to].into_iter().flatten() {
            if let Some((th, en)) = be_problem(y) {
                out.push(err(
                    file,
                    top("years:"),
                    format!("years: {th}"),
                    format!("years: {en}"),
                ));
            }
        }
        if r.to.is_some_and(|to| to < r.from) {
            out.push(err(
                file,
                top("years:"),
                "years: ปีสุดท้าย (to) อยู่ก่อนปีแรก (from)".into(),
                "years: to is before from".into(),
            ));
        }
    }
    if let Some(y) = f.carried_forward_from
        && (be_problem(y).is_some() || y > f.fiscal_year)
    {
        out.push(err(
            file,
            top("carried_forward_from:"),
            format!(
                "carried_forward_from: {y} ต้องเป็นปี พ.ศ. ที่ไม่หลังปีงบประมาณของเกณฑ์ ({})",
                f.fiscal_year
            ),
            format!(
                "carried_forward_from: {y} must be a BE year not after the criteria's year ({})",
                f.fiscal_year
            ),
        ));
    }
    if let Ok((from, to)) = period(f, text, file) {
        let months = from.through(to).count();
        let fy = FiscalYear::new(f.fiscal_year);
        let inside = |m: YearMonth| fy.is_some_and(|fy| fy.contains(m.first_day()));
        if months > 12 || !inside(from) || !inside(to) {
            out.push(
                err(
                    file,
                    top("period:"),
                    format!(
                        "period: {} ถึง {} ไม่อยู่ในปีงบประมาณ {} (ต.ค. {} – ก.ย. {})",
                        from.key(),
                        to.key(),
                        f.fiscal_year,
                        f.fiscal_year.saturating_sub(1),
                        f.fiscal_year
                    ),
                    format!(
                        "period: {} to {} is not inside fiscal year {}",
                        from.key(),
                        to.key(),
                        f.fiscal_year
                    ),
                )
                .hint(Text::new(
                    "ในไฟล์ที่ใช้ได้หลายปี เขียน period: { from: {FY-1}-10, to: {FY}-03 }",
                    "in a file for many years write period: { from: {FY-1}-10, to: {FY}-03 }",
                )),
            );
        }
    }
    if f.grace_days > 366 {
        out.push(err(
            file,
            top("grace_days:"),
            format!("grace_days: {} วัน มากเกินไป (ไม่เกิน 366)", f.grace_days),
            format!("grace_days: {} is too many (at most 366)", f.grace_days),
        ));
    }
    if f.items.is_empty() {
        out.push(err(
            file,
            top("items:"),
            "ไม่มีข้อใดใน items:".into(),
            "items: is empty".into(),
        ));
    }
    let mut seen: Vec<u32> = Vec::new();
    let mut cursor = 1;
    for item in &f.items {
        let line = line_of(text, cursor, &format!("code: {}", item.code));
        if let Some(l) = line {
            cursor = l + 1;
        }
        match crate::content::parse_item_code(&item.code) {
            None => out.push(err(
                file,
                line,
                format!(
                    "รหัสข้อ \"{}\" ไม่ถูกต้อง (ต้องเป็น O ตามด้วยตัวเลข เช่น O7)",
                    item.code
                ),
                format!(
                    "item code \"{}\" is invalid (O and a number, such as O7)",
                    item.code
                ),
            )),
            Some(n) if seen.contains(&n) => out.push(err(
                file,
                line,
                format!("รหัสข้อ {} ซ้ำกับข้อก่อนหน้า", item.code),
                format!("item code {} appears twice", item.code),
            )),
            Some(n) => seen.push(n),
        }
        if item.title_th.trim().is_empty() {
            out.push(err(
                file,
                line,
                format!("ข้อ {} ไม่มี title_th", item.code),
                format!("item {} has no title_th", item.code),
            ));
        }
        for spec in &item.rules {
            for (th, en) in rule_problems(f, &spec.rule) {
                out.push(err(
                    file,
                    line,
                    format!("ข้อ {}: {th}", item.code),
                    format!("item {}: {en}", item.code),
                ));
            }
        }
    }
    out
}

/// Parameters that can never pass, or make the rule pass always.
fn rule_problems(f: &CriteriaFile, rule: &Rule) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut date = |key: &str, v: &Option<String>| {
        if let Some(v) = v
            && crate::thai::parse_date(v).is_err()
        {
            out.push((
                format!("{key}: \"{v}\" ไม่ใช่วันที่ (เขียนเช่น 2569-12-31 หรือ {{FY-1}}-12-31)"),
                format!("{key}: \"{v}\" is not a date (write e.g. 2569-12-31 or {{FY-1}}-12-31)"),
            ));
        }
    };
    match rule {
        Rule::Date {
            equals,
            on_or_after,
            on_or_before,
            ..
        } => {
            date("equals", equals);
            date("on_or_after", on_or_after);
            date("on_or_before", on_or_before);
        }
        Rule::News { from, item, .. } => {
            date("from", from);
            if let Some(code) = item
                && !f.items.iter().any(|i| i.code.eq_ignore_ascii_case(code))
            {
                out.push((
                    format!("ข่าวอ้างถึงข้อ {code} ซึ่งไม่มีในเกณฑ์นี้"),
                    format!("news names item {code}, which these criteria do not have"),
                ));
            }
        }
        _ => {}
    }
    let zero = |what: &str| {
        (
            format!("{what}: 0 ทำให้กฎนี้ผ่านเสมอ (ใช้อย่างน้อย 1 หรือลบกฎนี้)"),
            format!("{what}: 0 makes the rule always pass (use 1 or more, or remove the rule)"),
        )
    };
    match rule {
        Rule::Attachments { min: 0, .. } | Rule::News { min: 0, .. } | Rule::Social { min: 0 } => {
            out.push(zero("min"))
        }
        Rule::Table { min_rows: 0, .. } => out.push(zero("min_rows")),
        Rule::Table { table_kind, .. } if table_kind.trim().is_empty() => {
            out.push(("table_kind ว่างอยู่".into(), "table_kind is empty".into()))
        }
        Rule::LinesOfWork { .. } if f.lines_of_work.is_empty() => out.push((
            "กฎ lines_of_work ต้องมีรายการ lines_of_work: ที่ต้นไฟล์".into(),
            "a lines_of_work rule needs lines_of_work: at the top of the file".into(),
        )),
        Rule::Links { keys, .. } | Rule::Facts { keys } if keys.is_empty() => out.push((
            "keys: ว่างอยู่ กฎนี้จึงไม่ตรวจอะไร".into(),
            "keys: is empty, so the rule checks nothing".into(),
        )),
        Rule::Mentions { terms } if terms.iter().any(Vec::is_empty) || terms.is_empty() => out
            .push((
                "terms: มีกลุ่มคำที่ว่าง".into(),
                "terms: has an empty group".into(),
            )),
        _ => {}
    }
    let bad_lang = |l: &str| !matches!(l, "th" | "en");
    match rule {
        Rule::Languages { langs } if langs.iter().any(|l| bad_lang(l)) => out.push((
            format!("langs: {} ใช้ได้เฉพาะ th และ en", langs.join(", ")),
            format!("langs: {} may only be th and en", langs.join(", ")),
        )),
        Rule::Attachments { lang: Some(l), .. } if bad_lang(l) => out.push((
            format!("lang: {l} ใช้ได้เฉพาะ th หรือ en"),
            format!("lang: {l} may only be th or en"),
        )),
        _ => {}
    }
    out
}

/// `oit criteria check FILE`: every problem of the file. A file written with year tokens is
/// read at each end of its `years:` (or at the current fiscal year).
pub fn validate_file(path: &Path) -> Vec<Finding> {
    let text = match std::fs::read(path) {
        Ok(b) => match String::from_utf8(b) {
            Ok(t) => t,
            Err(_) => {
                return vec![err(
                    path,
                    None,
                    "ไฟล์ไม่ใช่ข้อความ UTF-8 ให้บันทึกใหม่เป็น UTF-8".into(),
                    "the file is not UTF-8 text; save it again as UTF-8".into(),
                )];
            }
        },
        Err(e) => {
            return vec![err(
                path,
                None,
                crate::os_error::cannot_read(&e).th,
                crate::os_error::cannot_read(&e).en,
            )];
        }
    };
    let current = FiscalYear::current().be_year();
    let mut at_years = vec![current];
    if years::has_tokens(&text) {
        // Learn `years:` from the file read at the current year, then read it at each end.
        if let Ok(applied) = years::apply(&text, current)
            && let Ok(f) = crate::yaml::parse::<CriteriaFile>(&applied, path, 1)
            && let Some(r) = f.years
        {
            at_years = vec![r.from];
            at_years.extend(r.to);
        }
    }
    let mut out: Vec<Finding> = Vec::new();
    for year in at_years {
        let applied = match years::apply(&text, year) {
            Ok(t) => t,
            Err(e) => return vec![err(path, Some(e.line), e.message().th, e.message().en)],
        };
        let f: CriteriaFile = match crate::yaml::parse(&applied, path, 1) {
            Ok(f) => f,
            Err(e) => return vec![e],
        };
        if let Err(e) = period(&f, &applied, path) {
            out.push(e);
        }
        for p in problems(&f, &applied, path) {
            if !out
                .iter()
                .any(|o| o.message.en == p.message.en && o.line == p.line)
            {
                out.push(p);
            }
        }
    }
    out
}
