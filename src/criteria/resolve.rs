//! Finding criteria and applying them to a fiscal year: a built-in id (`police-station-2567`),
//! a built-in family named with a year (`police-station-2570`, or the old
//! `police-station-2568-draft`), or a file; the year tokens are then replaced and the text read.
use super::{Criteria, CriteriaFile, YearRange, years};
use crate::diagnostics::{Finding, Text};
use crate::embedded;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

/// Which fiscal years a criteria text serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Years {
    /// A file of one year (no year tokens).
    One(u16),
    /// A file written with year tokens; `None` when it sets no `years:` (any year).
    Many(Option<YearRange>),
}

impl Years {
    pub fn contains(self, year: u16) -> bool {
        match self {
            Years::One(y) => y == year,
            Years::Many(r) => r.is_none_or(|r| r.contains(year)),
        }
    }
    pub fn label(self) -> Text {
        match self {
            Years::One(y) => Text::new(format!("ปีงบประมาณ {y}"), format!("fiscal year {y}")),
            Years::Many(Some(r)) => r.label(),
            Years::Many(None) => Text::new("ทุกปีงบประมาณ", "any fiscal year"),
        }
    }
}

/// A criteria set built into the binary.
pub struct Builtin {
    pub id: &'static str,
    pub text: &'static str,
    pub years: Years,
    pub carried_forward_from: Option<u16>,
}

/// Ids of the built-in criteria files.
pub fn builtin_ids() -> Vec<&'static str> {
    embedded::CRITERIA
        .iter()
        .filter_map(|(name, _)| name.strip_suffix(".yaml"))
        .collect()
}

/// Every built-in set with the years it serves. Read once per process: `default_id` runs for
/// every station of a `--sites` run and on every `serve` rebuild, and each probe parses a
/// ~100 KB file.
pub fn builtins() -> &'static [Builtin] {
    static BUILTINS: OnceLock<Vec<Builtin>> = OnceLock::new();
    BUILTINS.get_or_init(|| {
        embedded::CRITERIA
            .iter()
            .filter_map(|(name, bytes)| {
                let id = name.strip_suffix(".yaml")?;
                let text = std::str::from_utf8(bytes).ok()?;
                let file = probe(text)?;
                Some(Builtin {
                    id,
                    text,
                    years: years_of(text, &file),
                    carried_forward_from: file.carried_forward_from,
                })
            })
            .collect()
    })
}

/// The file read at some year, only to learn which years it serves.
fn probe(text: &str) -> Option<CriteriaFile> {
    let applied = years::apply(text, crate::thai::FiscalYear::current().be_year()).ok()?;
    crate::yaml::parse(&applied, Path::new("criteria"), 1).ok()
}

fn years_of(text: &str, file: &CriteriaFile) -> Years {
    if years::has_tokens(text) {
        Years::Many(file.years)
    } else {
        Years::One(file.fiscal_year)
    }
}

/// The built-in police-station criteria for a fiscal year: the verified `police-station-<year>`
/// when there is one, else a built-in set written for many years that serves it.
pub fn default_id(year: u16) -> Option<String> {
    let all = builtins();
    let exact = format!("police-station-{year}");
    if let Some(b) = all.iter().find(|b| b.id == exact) {
        return Some(b.id.to_string());
    }
    all.iter()
        .find(|b| {
            b.id.starts_with("police-station")
                && matches!(b.years, Years::Many(_))
                && b.years.contains(year)
        })
        .map(|b| b.id.to_string())
}

/// A criteria text found from a spec, before it is applied to a year.
struct Found {
    text: String,
    /// The path named in messages.
    file: PathBuf,
    /// What `Criteria::source` says.
    source: String,
    /// A year named by the spec itself (`police-station-2570`).
    year: Option<u16>,
    builtin: Option<&'static str>,
}

fn find(spec: &str, base: &Path) -> Result<Found, Finding> {
    let builtin = |id: &'static str, text: &'static str, year: Option<u16>| Found {
        text: text.to_string(),
        file: PathBuf::from(format!("(built-in) {id}.yaml")),
        source: format!("built-in {id}"),
        year,
        builtin: Some(id),
    };
    let all = builtins();
    if let Some(b) = all.iter().find(|b| b.id == spec) {
        return Ok(builtin(b.id, b.text, None));
    }
    // `<family>-<year>` and `<family>-<year>-draft`: a family written with year tokens.
    let bare = spec.strip_suffix("-draft").unwrap_or(spec);
    if let Some((family, year)) = bare.rsplit_once('-')
        && let Ok(year) = year.parse::<u16>()
        && let Some(b) = all
            .iter()
            .find(|b| b.id == family && matches!(b.years, Years::Many(_)))
    {
        return Ok(builtin(b.id, b.text, Some(year)));
    }
    let path = base.join(spec);
    match std::fs::read(&path) {
        Ok(bytes) => Ok(Found {
            text: String::from_utf8_lossy(&bytes).into_owned(),
            source: path.display().to_string(),
            file: path,
            year: None,
            builtin: None,
        }),
        Err(e) => {
            let why = crate::os_error::reason(&e, crate::os_error::Op::Read);
            let ids = builtin_ids();
            let close = crate::suggest::closest(spec, ids.iter().copied())
                .map(|c| (format!(" หมายถึง {c} หรือไม่"), format!("; did you mean {c}?")))
                .unwrap_or_default();
            Err(Finding::error(
                "criteria",
                Text::new(
                    format!(
                        "ไม่พบเกณฑ์ \"{spec}\" ไม่มีในโปรแกรม และเปิดไฟล์ชื่อนี้ไม่ได้: {}{}",
                        why.th, close.0
                    ),
                    format!(
                        "criteria \"{spec}\" not found: not built in, and the file cannot be read: {}{}",
                        why.en, close.1
                    ),
                ),
            )
            .file(&path)
            .hint(Text::new(
                format!(
                    "เกณฑ์ที่มีในโปรแกรม: {} (ดูรายละเอียดด้วย oit criteria list)",
                    ids.join(", ")
                ),
                format!(
                    "built-in criteria: {} (see oit criteria list)",
                    ids.join(", ")
                ),
            )))
        }
    }
}

/// Loads criteria by built-in id or from a file path (relative paths against `base`), applied
/// to fiscal `year` (a spec that names its own year is applied to that year).
pub fn load(spec: &str, base: &Path, year: u16) -> Result<Criteria, Finding> {
    // A built-in set never changes: remembered by name and year, so `serve` does not find,
    // decode and hash its text again on every save.
    static BUILT_IN: Mutex<Vec<(String, u16, Criteria)>> = Mutex::new(Vec::new());
    if let Some((_, _, c)) = BUILT_IN
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .iter()
        .find(|(s, y, _)| s == spec && *y == year)
    {
        return Ok(c.clone());
    }
    let found = find(spec, base)?;
    let applied = years::apply(&found.text, found.year.unwrap_or(year)).map_err(|e| {
        Finding::error("criteria", e.message())
            .file(&found.file)
            .line_opt(Some(e.line))
    })?;
    let parsed = parse(&applied, &found.file, found.source)?;
    if found.builtin.is_some() {
        BUILT_IN.lock().unwrap_or_else(|e| e.into_inner()).push((
            spec.to_string(),
            year,
            parsed.clone(),
        ));
    }
    Ok(parsed)
}

/// Parsed criteria by their text: a run over many stations parses each criteria file once.
fn cache() -> &'static Mutex<HashMap<String, Criteria>> {
    static CACHE: OnceLock<Mutex<HashMap<String, Criteria>>> = OnceLock::new();
    CACHE.get_or_init(Default::default)
}

/// Reads criteria whose year tokens are already replaced.
pub fn parse(text: &str, file: &Path, source: String) -> Result<Criteria, Finding> {
    if let Some(c) = cache().lock().unwrap_or_else(|e| e.into_inner()).get(text) {
        return Ok(c.clone());
    }
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    let mut parsed = parse_uncached(text, file, source)?;
    parsed.generation = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    cache()
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .insert(text.to_string(), parsed.clone());
    Ok(parsed)
}

fn parse_uncached(text: &str, file: &Path, source: String) -> Result<Criteria, Finding> {
    let f: CriteriaFile = crate::yaml::parse(text, file, 1)?;
    let (from, to) = super::validate::period(&f, text, file)?;
    if let Some(first) = super::validate::problems(&f, text, file)
        .into_iter()
        .find(Finding::is_error)
    {
        return Err(first);
    }
    Ok(Criteria {
        file: f,
        from,
        to,
        source,
        generation: 0,
    })
}

/// `oit criteria new`: the text of `spec` to edit, with a guide to every key on top. With a
/// year, the year tokens are replaced and the copy describes that year alone.
pub fn editable_copy(
    spec: &str,
    base: &Path,
    new_id: &str,
    year: Option<u16>,
) -> Result<String, Finding> {
    let found = find(spec, base)?;
    let year = year.or(found.year);
    let mut text = match year {
        Some(y) => years::apply(&found.text, y).map_err(|e| {
            Finding::error("criteria", e.message())
                .file(&found.file)
                .line_opt(Some(e.line))
        })?,
        None => found.text.clone(),
    };
    let mut out = String::new();
    for line in text.lines() {
        if line.starts_with("id:") {
            out.push_str(&format!("id: {new_id}\n"));
        } else if year.is_some() && line.starts_with("years:") {
            // A copy for one year serves that year only.
        } else if line.starts_with("carried_forward_from:") {
            out.push_str(line);
            out.push_str("\n# ↑ ลบบรรทัด carried_forward_from เมื่อตรวจทุกข้อกับคู่มือฉบับจริงแล้ว (แล้ว oit check จะไม่แจ้งว่าเป็นเกณฑ์ยกมา)\n");
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    text = out;
    Ok(format!("{}{text}", super::describe::guide_comment(year)))
}
