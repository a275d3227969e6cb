//! `--sites DIR` of `oit build` and `oit check`: every station below DIR, one line (or JSON) each.
use super::{EXIT_INPUT, EXIT_RULES, FormatArg};
use crate::diagnostics::Lang;
use crate::sites::Status;
use std::process::ExitCode;

/// `--sites`: one line per station (or JSON), a summary, and the worst exit code: 2 when any
/// station could not be read, 1 when any breaks a rule (with `strict`), else 0.
pub(super) fn run_sites(
    opts: &crate::sites::SitesOptions,
    format: FormatArg,
    strict: bool,
) -> ExitCode {
    let started = std::time::Instant::now();
    let run = match crate::sites::run_strict(opts, strict) {
        Ok(r) => r,
        Err(f) => {
            eprintln!("{}", f.render(opts.lang));
            return ExitCode::from(EXIT_INPUT);
        }
    };
    if let Some(notice) = &run.notice {
        eprintln!("{}", notice.get(opts.lang));
    }
    let results = run.results;
    let (pass, fail, error) = results
        .iter()
        .fold((0, 0, 0), |(p, f, e), r| match r.status {
            Status::Pass => (p + 1, f, e),
            Status::Fail => (p, f + 1, e),
            Status::Error => (p, f, e + 1),
        });
    if format == FormatArg::Json {
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        let _ = serde_json::to_writer_pretty(&mut out, &crate::sites::Combined::new(&results));
        let _ = std::io::Write::write_all(&mut out, b"\n");
    } else {
        for r in &results {
            let status = match (r.status, opts.lang) {
                (Status::Pass, Lang::Th) => "ผ่าน",
                (Status::Fail, Lang::Th) => "ไม่ผ่าน",
                (Status::Error, Lang::Th) => "อ่านข้อมูลไม่ได้",
                (Status::Pass, Lang::En) => "pass",
                (Status::Fail, Lang::En) => "fail",
                (Status::Error, Lang::En) => "error",
            };
            println!("{}	{}	{status}	{}	{}", r.id, r.name, r.errors, r.warnings);
            for f in &r.problems {
                println!("  {}", f.render(opts.lang).replace('\n', "\n  "));
            }
        }
    }
    let pages: usize = results.iter().map(|r| r.pages).sum();
    let secs = started.elapsed().as_secs_f64();
    let reused = results.iter().filter(|r| r.reused).count();
    let kept = match (reused, opts.lang) {
        (0, _) => String::new(),
        (n, Lang::Th) => format!(" ไม่เปลี่ยนตั้งแต่ครั้งก่อน {n} สถานี"),
        (n, Lang::En) => format!(", {n} unchanged since the last build"),
    };
    match opts.lang {
        Lang::Th => eprintln!(
            "{} สถานี: ผ่าน {pass} ไม่ผ่าน {fail} อ่านข้อมูลไม่ได้ {error}{kept} ({pages} หน้า, {secs:.1} วินาที)",
            results.len()
        ),
        Lang::En => eprintln!(
            "{} stations: {pass} pass, {fail} fail, {error} unreadable{kept} ({pages} pages, {secs:.1} s)",
            results.len()
        ),
    }
    if error > 0 {
        ExitCode::from(EXIT_INPUT)
    } else if strict && fail > 0 {
        ExitCode::from(EXIT_RULES)
    } else {
        ExitCode::SUCCESS
    }
}
