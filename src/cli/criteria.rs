//! `oit criteria`: for provincial ITA coordinators, the built-in sets and the tools to encode a
//! new year's manual (list, show, new, check, diff).
use super::{EXIT_INPUT, EXIT_RULES};
use crate::criteria::{self, DocFormat};
use crate::diagnostics::{Finding, Lang};
use clap::{Subcommand, ValueEnum};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum CriteriaCmd {
    /// Every built-in criteria set, the years it serves, verified or carried forward.
    List,
    /// One set as a readable document: every item, what the assessor looks for, each rule.
    Show {
        /// A built-in id (police-station-2567, police-station) or a criteria file.
        id: String,
        /// Fiscal year (BE) to apply it to (default: the current one, or the file's own year).
        #[arg(long)]
        year: Option<u16>,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: ShowFormat,
    },
    /// Write an editable copy of a set, with a guide to every key, to FILE.
    New {
        /// The file to write, e.g. police-station-2571.yaml.
        file: PathBuf,
        /// The set to copy: a built-in id or a file.
        #[arg(long)]
        from: String,
        /// Make the copy for this fiscal year (BE) alone: year tokens are replaced.
        #[arg(long)]
        year: Option<u16>,
        /// Overwrite FILE if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Check a criteria file: file:line for every problem; exit 0 when usable, 2 when not.
    Check {
        /// The criteria file.
        file: PathBuf,
    },
    /// What changed from set A to set B: items added, removed and changed.
    Diff {
        a: String,
        b: String,
        /// Fiscal year (BE) to apply both to (default: each one's own, or the current one).
        #[arg(long)]
        year: Option<u16>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ShowFormat {
    Text,
    Md,
    Html,
}

fn print_err(f: &Finding, lang: Lang) -> ExitCode {
    eprintln!("{}", f.render(lang));
    ExitCode::from(EXIT_INPUT)
}

/// The year to apply `spec` to: the one asked for, else the file's own year when it is a
/// one-year set, else the current fiscal year.
fn year_for(spec: &str, year: Option<u16>) -> u16 {
    if let Some(y) = year {
        return y;
    }
    let current = crate::thai::FiscalYear::current().be_year();
    match criteria::load(spec, Path::new("."), current) {
        Ok(c) if c.mismatch(current).is_some() && c.file.years.is_none() => c.file.fiscal_year,
        Ok(c) => match c.file.years {
            Some(r) if !r.contains(current) => r.from,
            _ => current,
        },
        Err(_) => current,
    }
}

fn load(spec: &str, year: Option<u16>) -> Result<criteria::Criteria, Finding> {
    let year = year_for(spec, year);
    let c = criteria::load(spec, Path::new("."), year)?;
    if let Some(why) = c.mismatch(year) {
        return Err(Finding::error("criteria", why));
    }
    Ok(c)
}

pub fn run(cmd: CriteriaCmd, lang: Lang) -> ExitCode {
    let th = lang == Lang::Th;
    match cmd {
        CriteriaCmd::List => {
            println!(
                "{}",
                if th {
                    "เกณฑ์ที่มีในโปรแกรม:"
                } else {
                    "built-in criteria:"
                }
            );
            for b in criteria::builtins() {
                let status = match (b.carried_forward_from, th) {
                    (None, true) => "ตรวจสอบกับคู่มือแล้ว".to_string(),
                    (None, false) => "verified".to_string(),
                    (Some(y), true) => format!("ยกมาจากเกณฑ์ปี {y} (ยังไม่ได้ตรวจกับคู่มือของปีนั้น)"),
                    (Some(y), false) => {
                        format!("carried forward from {y} (not checked against that year's manual)")
                    }
                };
                println!("  {:<22} {:<28} {status}", b.id, b.years.label().get(lang));
            }
            let now = crate::thai::FiscalYear::current().be_year();
            match criteria::default_id(now) {
                Some(id) if th => {
                    println!("\nปีงบประมาณปัจจุบัน {now}: เว็บไซต์ที่ไม่ระบุ criteria: ใช้ {id}")
                }
                Some(id) => {
                    println!("\ncurrent fiscal year {now}: a site without criteria: uses {id}")
                }
                None => {}
            }
            // The steps a coordinator follows once the NACC publishes a year's manual: `oit check`
            // only tells the webmaster to wait for the file (Criteria::notice).
            if let Some(b) = criteria::builtins()
                .iter()
                .find(|b| b.carried_forward_from.is_some() && b.years.contains(now))
            {
                let id = &b.id;
                if th {
                    println!(
                        "\nเมื่อได้คู่มือการประเมินปี {now} ฉบับจริงแล้ว (สำหรับผู้ประสานงาน ITA):\n  oit criteria new police-station-{now}.yaml --from {id} --year {now}\n  แก้ไฟล์ให้ตรงกับคู่มือ แล้วตรวจด้วย oit criteria check police-station-{now}.yaml\n  ส่งไฟล์ให้ทุกสถานี ให้ใส่ criteria: police-station-{now}.yaml ใน site.yaml"
                    );
                } else {
                    println!(
                        "\nonce the official {now} manual is out (for ITA coordinators):\n  oit criteria new police-station-{now}.yaml --from {id} --year {now}\n  correct the file against the manual, then oit criteria check police-station-{now}.yaml\n  send it to every station, to set criteria: police-station-{now}.yaml in site.yaml"
                    );
                }
            }
            ExitCode::SUCCESS
        }
        CriteriaCmd::Show { id, year, format } => match load(&id, year) {
            Ok(c) => {
                let f = match format {
                    ShowFormat::Text => DocFormat::Text,
                    ShowFormat::Md => DocFormat::Md,
                    ShowFormat::Html => DocFormat::Html,
                };
                print!("{}", criteria::describe(&c, lang, f));
                ExitCode::SUCCESS
            }
            Err(f) => print_err(&f, lang),
        },
        CriteriaCmd::New {
            file,
            from,
            year,
            force,
        } => {
            if file.exists() && !force {
                eprintln!(
                    "{}",
                    if th {
                        format!(
                            "มีไฟล์ {} อยู่แล้ว ไม่เขียนทับ (ใช้ --force เพื่อเขียนทับ)",
                            file.display()
                        )
                    } else {
                        format!("{} exists; not overwritten (use --force)", file.display())
                    }
                );
                return ExitCode::from(EXIT_INPUT);
            }
            let id = file
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_else(|| "criteria".into());
            let text = match criteria::editable_copy(&from, Path::new("."), &id, year) {
                Ok(t) => t,
                Err(f) => return print_err(&f, lang),
            };
            if let Err(e) = std::fs::write(&file, text) {
                eprintln!(
                    "{}",
                    if th {
                        format!("เขียนไฟล์ {} ไม่ได้ ({e})", file.display())
                    } else {
                        format!("cannot write {} ({e})", file.display())
                    }
                );
                return ExitCode::from(EXIT_INPUT);
            }
            let f = file.display();
            if th {
                eprintln!(
                    "เขียน {f} แล้ว ขั้นต่อไป:\n  1. เปิดไฟล์ แก้ทุกข้อให้ตรงกับคู่มือการประเมินฉบับจริง\n  2. oit criteria check {f}\n  3. oit criteria show {f} --format html > เกณฑ์.html   (อ่านทวนกับคู่มือ)\n  4. ระบุ criteria: {f} ใน site.yaml ของสถานี"
                );
            } else {
                eprintln!(
                    "wrote {f}; next:\n  1. edit every item to match the official manual\n  2. oit criteria check {f}\n  3. oit criteria show {f} --format html > criteria.html   (read it against the manual)\n  4. set criteria: {f} in the station's site.yaml"
                );
            }
            ExitCode::SUCCESS
        }
        CriteriaCmd::Check { file } => {
            let found = criteria::validate_file(&file);
            for f in &found {
                eprintln!("{}", f.render(lang));
            }
            let errors = found.iter().filter(|f| f.is_error()).count();
            if errors == 0 {
                let ok = if th {
                    format!("{}: ใช้ได้ (คำเตือน {} รายการ)", file.display(), found.len())
                } else {
                    format!("{}: usable ({} warning(s))", file.display(), found.len())
                };
                println!("{ok}");
                ExitCode::SUCCESS
            } else {
                eprintln!(
                    "{}",
                    if th {
                        format!("{}: พบปัญหา {errors} รายการ ใช้ไม่ได้จนกว่าจะแก้", file.display())
                    } else {
                        format!(
                            "{}: {errors} problem(s); not usable until fixed",
                            file.display()
                        )
                    }
                );
                ExitCode::from(EXIT_INPUT)
            }
        }
        CriteriaCmd::Diff { a, b, year } => {
            let (ca, cb) = match (load(&a, year), load(&b, year)) {
                (Ok(x), Ok(y)) => (x, y),
                (Err(f), _) | (_, Err(f)) => return print_err(&f, lang),
            };
            let (text, any) = criteria::diff(&ca, &cb, lang);
            print!("{text}");
            if any {
                ExitCode::from(EXIT_RULES)
            } else {
                ExitCode::SUCCESS
            }
        }
    }
}
