//! `oit export itap`: the ITAP submission sheet (.xlsx, .csv, .html) from a content folder.
use super::EXIT_INPUT;
use super::common::print_findings;
use crate::diagnostics::Lang;
use crate::pipeline;
use std::process::ExitCode;

pub(super) fn export_itap(
    lang: Lang,
    content: &std::path::Path,
    base_url: Option<String>,
    year: Option<u16>,
    out: &std::path::Path,
    as_of: jiff::civil::Date,
) -> ExitCode {
    let (mut site, crits, _) = match pipeline::load_site(content, None) {
        Ok(x) => x,
        Err(failure) => {
            print_findings(&failure.findings, lang);
            return ExitCode::from(EXIT_INPUT);
        }
    };
    if base_url.is_some() {
        site.config.base_url = base_url;
    }
    let year = year.unwrap_or(site.config.fiscal_year);
    let report = crate::check::check(
        &site,
        &crits,
        &crate::check::CheckOptions {
            as_of,
            year: Some(year),
        },
    );
    match crate::export::write(out, &site, &report, year) {
        Ok(paths) => {
            for p in &paths {
                eprintln!("{}", p.display());
            }
            if site
                .config
                .base_url
                .as_deref()
                .is_none_or(|b| b.trim().is_empty())
            {
                match lang {
                    Lang::Th => eprintln!(
                        "คำเตือน: ยังไม่ได้ระบุ base_url จึงไม่มี URL ในแบบฟอร์ม ระบุ --base-url หรือ base_url ใน site.yaml"
                    ),
                    Lang::En => eprintln!(
                        "warning: no base URL, so the sheet has no URLs; pass --base-url or set base_url in site.yaml"
                    ),
                }
            }
            ExitCode::SUCCESS
        }
        Err(f) => {
            eprintln!("{}", f.render(lang));
            ExitCode::from(EXIT_INPUT)
        }
    }
}
