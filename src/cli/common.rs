//! Helpers shared by the commands: the `--as-of` date, printing findings to stderr, SIGPIPE.
use super::EXIT_INPUT;
use crate::diagnostics::{Finding, Lang, Text};
use std::path::PathBuf;
use std::process::ExitCode;

/// The content folder a command reads: `--content`; else this folder when it holds site.yaml
/// (a station made by `oit new`); else `./content/`. Never the built-in example: a CI job in
/// the wrong folder must fail, not publish another station.
pub(super) fn find_content(content: Option<PathBuf>) -> Result<PathBuf, Finding> {
    if let Some(c) = content {
        return Ok(c);
    }
    if std::path::Path::new("site.yaml").is_file() {
        return Ok(PathBuf::from("."));
    }
    let default = PathBuf::from("content");
    if default.join("site.yaml").is_file() {
        return Ok(default);
    }
    let here = std::env::current_dir()
        .map(|d| d.display().to_string())
        .unwrap_or_else(|_| ".".into());
    Err(Finding::error(
        "content",
        Text::new(
            format!("ไม่พบเนื้อหาของสถานี: โฟลเดอร์ {here} ไม่มีไฟล์ site.yaml และไม่มีโฟลเดอร์ content/"),
            format!("no station content here: {here} has no site.yaml and no content/ folder"),
        ),
    )
    .hint(Text::new(
        "เข้าไปในโฟลเดอร์ของสถานีก่อน (cd ชื่อโฟลเดอร์) หรือระบุ --content ชื่อโฟลเดอร์ เริ่มสถานีใหม่ด้วย oit new ชื่อโฟลเดอร์ หรือดูสถานีตัวอย่างด้วย oit build --example",
        "cd into the station's folder first or pass --content DIR; start a station with oit new DIR, or see the example with oit build --example",
    )))
}

/// `find_content`, its failure printed (exit 2).
pub(super) fn content_dir(content: Option<PathBuf>, lang: Lang) -> Result<PathBuf, ExitCode> {
    find_content(content).map_err(|f| no_content(&f, lang, false))
}

/// Reports that there is nothing to read; in JSON mode as the one JSON document on stdout.
pub(super) fn no_content(f: &Finding, lang: Lang, json: bool) -> ExitCode {
    if json {
        let doc = serde_json::json!({
            "schema_version": 1,
            "station": null,
            "errors": 1,
            "warnings": 0,
            "years": [],
            "problems": [f],
        });
        println!("{}", serde_json::to_string_pretty(&doc).unwrap_or_default());
    }
    eprintln!("{}", f.render(lang));
    ExitCode::from(EXIT_INPUT)
}

/// `--as-of` as a date (today when absent); a bad date is reported and gives the exit code.
pub(super) fn parse_as_of(text: Option<&str>, lang: Lang) -> Result<jiff::civil::Date, ExitCode> {
    match text {
        None => Ok(crate::thai::today()),
        Some(t) => crate::thai::parse_date(t).map_err(|e| {
            eprintln!(
                "--as-of: {}",
                if lang == Lang::Th {
                    e.message_th()
                } else {
                    e.message_en()
                }
            );
            ExitCode::from(EXIT_INPUT)
        }),
    }
}

/// Each finding, rendered in `lang`, on stderr.
pub(super) fn print_findings(findings: &[Finding], lang: Lang) {
    for f in findings {
        eprintln!("{}", f.render(lang));
    }
}

/// `default`: a write to a closed pipe (`oit check | head -1`) ends the program quietly, as
/// for other Unix tools, instead of the panic of `println!` ("failed printing to stdout: Broken
/// pipe", exit 101). Else ignored, as Rust sets it, so that writes fail with an error instead.
#[cfg(unix)]
pub(super) fn sigpipe(default: bool) {
    let action = if default {
        libc::SIG_DFL
    } else {
        libc::SIG_IGN
    };
    // SAFETY: only the disposition of SIGPIPE changes; no handler of ours runs.
    unsafe {
        libc::signal(libc::SIGPIPE, action);
    }
}
