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
    logo: Option<&Path>,
    force: bool,
) -> ExitCode {
    let code = scaffold_result(
        crate::scaffold::new_site(dir, station, year, criteria, logo, force),
        lang,
    );
    if code == ExitCode::SUCCESS {
        let cd = shell_word(&dir.display().to_string());
        match lang {
            Lang::Th => eprintln!(
                "ขั้นต่อไป:\n  cd {cd}\n  oit edit      เปิดโปรแกรมแก้ไขในเบราว์เซอร์: ใส่ชื่อสถานี ที่อยู่ เบอร์โทร เจ้าหน้าที่ และข้อมูลแต่ละข้อ โดยไม่ต้องแก้ไฟล์เอง\n  oit check     ตรวจว่ายังขาดอะไร และใครต้องแก้ไข\n  oit serve     ดูตัวอย่างเว็บไซต์ที่ http://127.0.0.1:1111/\n  oit build     สร้างเว็บไซต์ลงโฟลเดอร์ public/ แล้วอัปโหลดทุกไฟล์ในนั้น"
            ),
            Lang::En => eprintln!(
                "next:\n  cd {cd}\n  oit edit      open the editor in the browser: the station's name, address, phone, officers and each item, without editing files\n  oit check     what is missing, and who must fix it\n  oit serve     preview the site at http://127.0.0.1:1111/\n  oit build     write the site into public/, then upload everything in it"
            ),
        }
    }
    code
}

/// A path as one shell word: quoted when it holds spaces or shell characters.
fn shell_word(s: &str) -> String {
    if s.chars().all(|c| c.is_alphanumeric() || "/._-".contains(c)) {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

/// `oit new-year YEAR`: the next fiscal year from the current one.
pub(super) fn new_year(
    lang: Lang,
    content: &Path,
    year: u16,
    criteria: Option<&str>,
    force: bool,
) -> ExitCode {
    let code = scaffold_result(
        crate::scaffold::new_year(content, year, criteria, force),
        lang,
    );
    if code == ExitCode::SUCCESS {
        match lang {
            Lang::Th => {
                eprintln!("ขั้นต่อไป: oit check ตรวจข้อของปีงบประมาณ {year} (ข้อมูลปีก่อนยังเผยแพร่อยู่ที่เดิม)")
            }
            Lang::En => eprintln!(
                "next: oit check lists what fiscal year {year} still needs (the old year stays published)"
            ),
        }
    }
    code
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
                    "สร้างไฟล์ {} ไฟล์ (ข้ามไฟล์ที่มีอยู่แล้ว {} ไฟล์)",
                    w.created.len(),
                    w.skipped.len()
                ),
                Lang::En => eprintln!(
                    "created {} file(s), kept {} existing",
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
