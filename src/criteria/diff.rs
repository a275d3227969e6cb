//! `oit criteria diff A B`: what changed between two criteria sets, item by item (added,
//! removed, titles, each rule in words, formats, the period), for a coordinator comparing a
//! new manual with last year's.
use super::{Criteria, CriteriaItem, describe::rule_words};
use crate::diagnostics::Lang;

fn rules_words(item: &CriteriaItem, crit: &Criteria, lang: Lang) -> Vec<String> {
    item.rules
        .iter()
        .map(|spec| {
            let sev = match spec.severity {
                crate::diagnostics::Severity::Error => "error",
                crate::diagnostics::Severity::Warning => "warning",
            };
            format!("[{sev}] {}", rule_words(&spec.rule, crit).get(lang))
        })
        .collect()
}

/// The differences as lines, and whether there are any.
pub fn diff(a: &Criteria, b: &Criteria, lang: Lang) -> (String, bool) {
    let th = lang == Lang::Th;
    let mut out = Vec::new();
    let head = |s: &mut Vec<String>, what: &str, x: &str, y: &str| {
        if x != y {
            s.push(format!("~ {what}: {x} → {y}"));
        }
    };
    head(
        &mut out,
        if th {
            "ปีงบประมาณ"
        } else {
            "fiscal year"
        },
        &a.file.fiscal_year.to_string(),
        &b.file.fiscal_year.to_string(),
    );
    head(
        &mut out,
        if th {
            "เดือนที่ประเมิน"
        } else {
            "period"
        },
        &format!("{} – {}", a.from.key(), a.to.key()),
        &format!("{} – {}", b.from.key(), b.to.key()),
    );
    head(
        &mut out,
        "grace_days",
        &a.file.grace_days.to_string(),
        &b.file.grace_days.to_string(),
    );
    head(
        &mut out,
        if th {
            "สายงาน"
        } else {
            "lines of work"
        },
        &a.file.lines_of_work.join(", "),
        &b.file.lines_of_work.join(", "),
    );
    for item in &a.file.items {
        if b.item(&item.code).is_none() {
            out.push(format!(
                "- {} {}{}",
                item.code,
                item.title_th,
                if th {
                    " (ถูกนำออก)"
                } else {
                    " (removed)"
                }
            ));
        }
    }
    for item in &b.file.items {
        let Some(old) = a.item(&item.code) else {
            out.push(format!(
                "+ {} {}{}",
                item.code,
                item.title_th,
                if th {
                    " (ข้อใหม่)"
                } else {
                    " (added)"
                }
            ));
            for r in rules_words(item, b, lang) {
                out.push(format!("    + {r}"));
            }
            continue;
        };
        let mut lines = Vec::new();
        if old.title_th != item.title_th {
            lines.push(format!(
                "    ~ title_th: {} → {}",
                old.title_th, item.title_th
            ));
        }
        if old.title_en != item.title_en {
            lines.push(format!(
                "    ~ title_en: {} → {}",
                old.title_en, item.title_en
            ));
        }
        if old.summary_th.trim() != item.summary_th.trim() {
            lines.push(format!(
                "    ~ summary_th{}",
                if th {
                    " เปลี่ยน"
                } else {
                    " changed"
                }
            ));
        }
        let (ra, rb) = (rules_words(old, a, lang), rules_words(item, b, lang));
        for r in ra.iter().filter(|r| !rb.contains(r)) {
            lines.push(format!("    - {r}"));
        }
        for r in rb.iter().filter(|r| !ra.contains(r)) {
            lines.push(format!("    + {r}"));
        }
        if !lines.is_empty() {
            out.push(format!("~ {} {}", item.code, item.title_th));
            out.extend(lines);
        }
    }
    let any = !out.is_empty();
    if !any {
        out.push(if th {
            "ไม่มีความแตกต่าง".into()
        } else {
            "no differences".into()
        });
    }
    let title = format!(
        "{} ({}) → {} ({})",
        a.file.id, a.file.fiscal_year, b.file.id, b.file.fiscal_year
    );
    (format!("{title}\n{}\n", out.join("\n")), any)
}
