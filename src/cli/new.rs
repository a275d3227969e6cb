//! `oit new` and `oit new-year`: scaffold a station or its next fiscal year, then say what was written.
use super::EXIT_INPUT;
use crate::diagnostics::{Finding, Lang};
use std::path::Path;
use std::process::ExitCode;

/// `oit new DIR`: site.yaml with comments and a folder per item of the criteria.
pub(super) fn new_site(
    lang: Lang,
    dir: &Path,
    station: &str,
    year: u16,
    criteria: Option<&str>,
    force: bool,
) -> ExitCode {
    scaffold_result(
        crate::scaffold::new_site(dir, station, year, criteria, force),
        lang,
    )
}

/// `oit new-year YEAR`: the next fiscal year from the current one.
pub(super) fn new_year(
    lang: Lang,
    content: &Path,
    year: u16,
    criteria: Option<&str>,
    force: bool,
) -> ExitCode {
    scaffold_result(
        crate::scaffold::new_year(content, year, criteria, force),
        lang,
    )
}

fn scaffold_result(r: Result<crate::scaffold::Written, Finding>, lang: Lang) -> ExitCode {
    match r {
        Ok(w) => {
            for p in &w.skipped {
                match lang {
                    Lang::Th => {
                        eprintln!("มีอยู่แล้ว ไม่เขียนทับ (ใช้ --force เพื่อเขียนทับ): {}", p.display())
                    }
                    Lang::En => eprintln!("exists, not overwritten (use --force): {}", p.display()),
                }
            }
            match lang {
                Lang::Th => eprintln!(
                    "สร้างไฟล์ {} ไฟล์ ข้ามไฟล์ที่มีอยู่แล้ว {} ไฟล์ ขั้นต่อไป: แก้ไข site.yaml แล้วรัน oit check",
                    w.created.len(),
                    w.skipped.len()
                ),
                Lang::En => eprintln!(
                    "created {} file(s), kept {} existing; next: edit site.yaml, then run oit check",
                    w.created.len(),
                    w.skipped.len()
                ),
            }
            ExitCode::SUCCESS
        }
        Err(f) => {
            eprintln!("{}", f.render(lang));
            ExitCode::from(EXIT_INPUT)
        }
    }
}
