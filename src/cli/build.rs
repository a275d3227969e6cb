//! `oit build`: one station's website from a content folder (or the built-in example station).
use super::common::print_findings;
use super::{EXIT_INPUT, EXIT_RULES};
use crate::diagnostics::Lang;
use crate::memo::build_cache;
use crate::pipeline::{self, BuildOptions, Reused};
use std::path::PathBuf;
use std::process::ExitCode;

/// The content folder, or (`None`: `oit build --example`) the example station built into the
/// binary, unpacked into a temporary folder.
fn resolve_content(
    content: Option<PathBuf>,
    lang: Lang,
) -> Result<(PathBuf, Option<tempdir::TempDir>), ExitCode> {
    if let Some(c) = content {
        return Ok((c, None));
    }
    let unpacked = tempdir::TempDir::new().and_then(|tmp| {
        crate::embedded::extract(crate::embedded::EXAMPLE, tmp.path())?;
        Ok(tmp)
    });
    let tmp = match unpacked {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{}", crate::os_error::cannot_write(&e).get(lang));
            return Err(ExitCode::from(EXIT_INPUT));
        }
    };
    eprintln!(
        "{}",
        match lang {
            Lang::Th =>
                "สร้างสถานีตัวอย่างที่มากับโปรแกรม (สภ.สอง จ.แพร่ ปีงบประมาณ 2567) ตามที่ระบุ --example",
            Lang::En =>
                "building the example station built into oit (สภ.สอง จ.แพร่, FY2567), as --example asks",
        }
    );
    Ok((tmp.path().to_path_buf(), Some(tmp)))
}

pub(super) struct BuildArgs {
    pub(super) out: PathBuf,
    pub(super) base_url: Option<String>,
    pub(super) theme: Option<PathBuf>,
    pub(super) criteria: Option<String>,
    pub(super) strict: bool,
    pub(super) as_of: jiff::civil::Date,
    /// `--no-cache`.
    pub(super) no_cache: bool,
}

pub(super) fn build(lang: Lang, content: Option<PathBuf>, args: BuildArgs) -> ExitCode {
    let BuildArgs {
        out,
        base_url,
        theme,
        criteria,
        strict,
        as_of,
        no_cache,
    } = args;
    let started = std::time::Instant::now();
    let cache = match (&content, no_cache) {
        // The example is unpacked anew each time: nothing to remember.
        (None, _) => build_cache::Use::Off,
        (Some(_), true) => build_cache::Use::Renew,
        (Some(_), false) => build_cache::Use::Read,
    };
    let (content, _guard) = match resolve_content(content, lang) {
        Ok(c) => c,
        Err(code) => return code,
    };
    match pipeline::build(&BuildOptions {
        content,
        criteria,
        strict,
        as_of,
        out: out.clone(),
        base_url,
        theme,
        cache,
    }) {
        Ok(report) => {
            if let Some(notice) = &report.notice {
                eprintln!("{}", notice.get(lang));
            }
            for m in &report.messages {
                eprintln!("{}", m.get(lang));
            }
            let secs = started.elapsed().as_secs_f64();
            let out = out.display();
            let pages = report.pages;
            match (report.reused, lang) {
                (Reused::Everything, Lang::Th) => eprintln!(
                    "ไม่มีอะไรเปลี่ยนตั้งแต่สร้างครั้งก่อน: เว็บไซต์ใน {out}/ ({pages} หน้า) เป็นปัจจุบันแล้ว ใช้เวลา {secs:.2} วินาที"
                ),
                (Reused::Everything, Lang::En) => eprintln!(
                    "nothing changed since the last build: the site in {out}/ ({pages} pages) is up to date, in {secs:.2} s"
                ),
                (Reused::Output, Lang::Th) => eprintln!(
                    "เนื้อหาไม่เปลี่ยนตั้งแต่สร้างครั้งก่อน (ตรวจใหม่ตามวันที่แล้ว): เว็บไซต์ใน {out}/ ({pages} หน้า) เป็นปัจจุบันแล้ว ใช้เวลา {secs:.2} วินาที"
                ),
                (Reused::Output, Lang::En) => eprintln!(
                    "the content is as at the last build (checked again for the date): the site in {out}/ ({pages} pages) is up to date, in {secs:.2} s"
                ),
                (Reused::Nothing, Lang::Th) => eprintln!(
                    "สร้างเว็บไซต์เสร็จ: {pages} หน้า {} ไฟล์ ({:.1} MB) ใน {out}/ ใช้เวลา {secs:.2} วินาที",
                    report.stats.files,
                    report.stats.bytes as f64 / 1_048_576.0
                ),
                (Reused::Nothing, Lang::En) => eprintln!(
                    "built {pages} pages, {} files ({:.1} MB) into {out}/ in {secs:.2} s",
                    report.stats.files,
                    report.stats.bytes as f64 / 1_048_576.0
                ),
            }
            if let Some(changes) = &report.stats.changes {
                eprintln!("{}", changed_files_line(&changes.written, lang));
                if !changes.removed.is_empty() {
                    eprintln!("{}", removed_files_line(&changes.removed, lang));
                }
            }
            ExitCode::SUCCESS
        }
        Err(failure) if failure.check.is_some() => {
            let report = failure.check.as_ref().expect("guarded");
            for f in report.findings() {
                eprintln!("{}", f.render(lang));
            }
            eprintln!("{}", crate::check::render_summary_line(report, lang));
            if failure.load_errors {
                // Some content could not be read: not published (exit 2), every finding shown.
                let n = report.errors;
                match lang {
                    Lang::Th => eprintln!(
                        "สร้างเว็บไซต์ไม่สำเร็จ: พบข้อผิดพลาด {n} รายการ เว็บไซต์เดิมใน {} ยังคงอยู่ไม่เปลี่ยนแปลง",
                        out.display()
                    ),
                    Lang::En => eprintln!(
                        "build failed with {n} error(s); the previous site in {} is untouched",
                        out.display()
                    ),
                }
                return ExitCode::from(EXIT_INPUT);
            }
            match lang {
                Lang::Th => eprintln!(
                    "--strict: ไม่เผยแพร่เพราะยังไม่ผ่านเกณฑ์ เว็บไซต์เดิมใน {} ยังคงอยู่ไม่เปลี่ยนแปลง",
                    out.display()
                ),
                Lang::En => eprintln!(
                    "--strict: not published because rules fail; the previous site in {} is untouched",
                    out.display()
                ),
            }
            ExitCode::from(EXIT_RULES)
        }
        Err(failure) => {
            print_findings(&failure.findings, lang);
            let n = failure.findings.iter().filter(|f| f.is_error()).count();
            match lang {
                Lang::Th => eprintln!(
                    "สร้างเว็บไซต์ไม่สำเร็จ: พบข้อผิดพลาด {n} รายการ เว็บไซต์เดิมใน {} ยังคงอยู่ไม่เปลี่ยนแปลง",
                    out.display()
                ),
                Lang::En => eprintln!(
                    "build failed with {n} error(s); the previous site in {} is untouched",
                    out.display()
                ),
            }
            ExitCode::from(EXIT_INPUT)
        }
    }
}

/// A temporary folder removed when dropped (std has none; one struct is lighter than a crate).
mod tempdir {
    use std::path::{Path, PathBuf};
    pub struct TempDir(PathBuf);
    impl TempDir {
        pub fn new() -> std::io::Result<Self> {
            let p = std::env::temp_dir().join(format!("oit-example-{}", std::process::id()));
            if p.exists() {
                std::fs::remove_dir_all(&p)?;
            }
            std::fs::create_dir_all(&p)?;
            Ok(TempDir(p))
        }
        pub fn path(&self) -> &Path {
            &self.0
        }
    }
    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

/// After a build into the last site: which files are new or changed, the ones a webmaster who
/// uploads by hand (FTP, a hosting panel's file manager) has to upload again. The first few are
/// named; the others are counted.
fn changed_files_line(changed: &[String], lang: Lang) -> String {
    let names = some_names(changed, lang);
    match (changed.len(), lang) {
        (0, Lang::Th) => "ไม่มีไฟล์ใดเปลี่ยนจากครั้งก่อน ไม่ต้องอัปโหลดใหม่".to_string(),
        (0, Lang::En) => "no file changed since the last build: nothing to upload again".into(),
        (n, Lang::Th) => format!(
            "ไฟล์ที่เปลี่ยนจากครั้งก่อน {n} ไฟล์ (ถ้าอัปโหลดเองทาง FTP หรือตัวจัดการไฟล์ของโฮสติ้ง อัปโหลดเฉพาะไฟล์เหล่านี้ก็พอ): {names}"
        ),
        (n, Lang::En) => format!(
            "{n} file(s) changed since the last build (uploading by hand, upload only these): {names}"
        ),
    }
}

/// Files the last site had and this one does not: to be deleted from the host by hand (an
/// upload by FTP adds and replaces files but never deletes one).
fn removed_files_line(removed: &[String], lang: Lang) -> String {
    let (n, names) = (removed.len(), some_names(removed, lang));
    match lang {
        Lang::Th => format!(
            "ไฟล์ที่ไม่มีในเว็บไซต์แล้ว {n} ไฟล์ ถ้าอัปโหลดเองทาง FTP ให้ลบออกจากโฮสติ้งด้วย มิฉะนั้นยังเปิดดูได้: {names}"
        ),
        Lang::En => format!(
            "{n} file(s) of the last build are gone from the site; uploading by hand, delete them from the host too, or they stay readable: {names}"
        ),
    }
}

/// The first eight of `paths`, then how many more.
fn some_names(paths: &[String], lang: Lang) -> String {
    const NAMED: usize = 8;
    let names = paths[..paths.len().min(NAMED)].join(", ");
    match (paths.len().saturating_sub(NAMED), lang) {
        (0, _) => names,
        (m, Lang::Th) => format!("{names} และอีก {m} ไฟล์"),
        (m, Lang::En) => format!("{names} and {m} more"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_changed_files_line_names_eight_and_counts_the_rest() {
        let files: Vec<String> = (1..=11).map(|i| format!("f{i}.html")).collect();
        let th = changed_files_line(&files, Lang::Th);
        assert!(th.starts_with("ไฟล์ที่เปลี่ยนจากครั้งก่อน 11 ไฟล์ "), "{th}");
        assert!(th.ends_with(": f1.html, f2.html, f3.html, f4.html, f5.html, f6.html, f7.html, f8.html และอีก 3 ไฟล์"), "{th}");
        let en = changed_files_line(&files[..2], Lang::En);
        assert!(en.ends_with(": f1.html, f2.html"), "{en}");
        let gone = removed_files_line(&files, Lang::En);
        assert!(
            gone.starts_with("11 file(s) of the last build are gone"),
            "{gone}"
        );
        assert!(gone.ends_with("f8.html and 3 more"), "{gone}");
    }
}
