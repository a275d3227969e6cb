//! `oit new` and `oit new-year`: start a station, or the next fiscal year, from the criteria.
//! Every item page is written with `placeholder: true`, which `check` reports until the
//! webmaster replaces the guidance with real content. Nothing existing is overwritten without
//! `--force`.
use crate::criteria::{self, Criteria, Rule};
use crate::diagnostics::{Finding, Text};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

pub struct Written {
    pub created: Vec<PathBuf>,
    pub skipped: Vec<PathBuf>,
}

fn write_new(path: &Path, text: &str, force: bool, w: &mut Written) -> Result<(), Finding> {
    if path.exists() && !force {
        w.skipped.push(path.to_path_buf());
        return Ok(());
    }
    if let Some(p) = path.parent() {
        std::fs::create_dir_all(p).map_err(|e| io(p, &e))?;
    }
    std::fs::write(path, text).map_err(|e| io(path, &e))?;
    w.created.push(path.to_path_buf());
    Ok(())
}

fn io(path: &Path, e: &std::io::Error) -> Finding {
    Finding::error("scaffold", crate::os_error::cannot_write(e)).file(path)
}

fn yaml_str(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// What to put in the item, in Thai, from its rules: the checklist the webmaster works through.
fn guidance(item: &criteria::CriteriaItem, crit: &Criteria) -> String {
    let mut g = String::new();
    let _ = writeln!(
        g,
        "> **แนวทาง (ลบย่อหน้านี้เมื่อใส่ข้อมูลจริงแล้ว):** {}\n>",
        item.summary_th.trim()
    );
    let _ = writeln!(g, "> สิ่งที่ `oit check` จะตรวจในข้อนี้:\n>");
    for spec in &item.rules {
        if matches!(spec.rule, Rule::Page {} | Rule::Officers { .. }) {
            continue;
        }
        let line = criteria::rule_words(&spec.rule, crit).th;
        let _ = writeln!(g, "> - {line}");
    }
    g
}

fn item_page(
    item: &criteria::CriteriaItem,
    crit: &Criteria,
    officers: Option<(&[String], &[String], &[String])>,
    body: Option<&str>,
) -> String {
    let ids = |v: &[String]| {
        if v.is_empty() {
            "[]".to_string()
        } else {
            format!("[{}]", v.join(", "))
        }
    };
    let (s, p, u) = officers.unwrap_or((&[], &[], &[]));
    let mut t = String::from("---\n");
    let _ = writeln!(t, "title: {}", yaml_str(&item.title_th));
    let _ = writeln!(
        t,
        "placeholder: true              # ลบบรรทัดนี้เมื่อใส่ข้อมูลจริงครบแล้ว"
    );
    let _ = writeln!(
        t,
        "# updated: {}-04-01             # วันที่ปรับปรุงข้อมูลล่าสุด",
        crit.file.fiscal_year
    );
    let _ = writeln!(
        t,
        "supervisor: {}                # ผู้ควบคุม (รหัสจาก officers ใน site.yaml)",
        ids(s)
    );
    let _ = writeln!(t, "prepared_by: {}               # เจ้าหน้าที่จัดทำข้อมูล", ids(p));
    let _ = writeln!(
        t,
        "published_by: {}              # เจ้าหน้าที่เผยแพร่ลงเว็บไซต์",
        ids(u)
    );
    t.push_str("---\n");
    t.push_str(&guidance(item, crit));
    if let Some(b) = body {
        t.push('\n');
        t.push_str(b.trim_start());
    }
    t
}

const SITE_TEMPLATE: &str = r#"# ข้อมูลของสถานี — ดูคำอธิบายทุกหัวข้อใน README ของ oit
station:
  name_th: {NAME}                 # ชื่อเต็ม เช่น สถานีตำรวจภูธรสอง
  name_en: ""                     # ชื่อภาษาอังกฤษ
  short_th: ""                    # ชื่อย่อ เช่น สภ.สอง
  province_th: ""                 # จังหวัด
  bureau_th: ""                   # สังกัด เช่น ตำรวจภูธรภาค 5
{LOGO}
fiscal_year: {YEAR}               # ปีงบประมาณปัจจุบัน (พ.ศ.)
{CRITERIA}
# base_url: https://www.example.go.th/   # ที่อยู่เว็บไซต์จริง (ใช้ทำ sitemap และป้าย QR Code)
contact:
  address: ""                     # ที่อยู่
  phone: ""                       # โทรศัพท์ (ใส่ในเครื่องหมายคำพูด)
  email: ""
  map_url: ""                     # ลิงก์แผนที่ เช่น Google Maps
  hours: เปิดให้บริการตลอด 24 ชั่วโมง
  emergency: "191"
social: []                        # เช่น - { name: Facebook, url: https://www.facebook.com/... }
# eit_survey_url: https://...     # ลิงก์แบบวัดการรับรู้ EIT
officers:                         # เจ้าหน้าที่ผู้รับผิดชอบ ประกาศครั้งเดียวแล้วอ้างด้วยรหัส
  head:
    name: ""                      # ยศ ชื่อ สกุล เช่น พ.ต.อ.สมชาย ใจดี
    position: ผู้กำกับการ
"#;

/// site.yaml's `logo:` line: the station's emblem is its favicon, the crest in the page header
/// and the picture of shared links, so `oit new` offers the key even when no file was given.
fn logo_line(logo: Option<&str>) -> String {
    match logo {
        Some(name) => format!("  logo: {}   # ตราสัญลักษณ์ของสถานี", yaml_str(name)),
        None => "  # logo: ตราสถานี.png          # ตราสัญลักษณ์ของสถานี (PNG หรือ SVG ภาพสี่เหลี่ยมจัตุรัส) ใช้ที่หัวเว็บไซต์ ไอคอน และภาพเมื่อแชร์ลิงก์".to_string(),
    }
}

/// The emblem given to `oit new --logo`: copied into the station folder under its own name.
/// Only pictures a browser shows are taken, judged by their first bytes, not their name.
fn copy_logo(src: &Path, dir: &Path, force: bool, w: &mut Written) -> Result<String, Finding> {
    let bytes = std::fs::read(src)
        .map_err(|e| Finding::error("scaffold", crate::os_error::cannot_read(&e)).file(src))?;
    let is_image = bytes.starts_with(b"\x89PNG\r\n\x1a\n")
        || bytes.starts_with(&[0xff, 0xd8, 0xff])
        || (bytes.starts_with(b"RIFF") && bytes.get(8..12) == Some(b"WEBP"))
        || bytes.starts_with(b"GIF8")
        || String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).contains("<svg");
    if !is_image {
        return Err(Finding::error(
            "scaffold",
            Text::new(
                "ไฟล์ตราสัญลักษณ์ไม่ใช่ภาพที่เว็บเบราว์เซอร์แสดงได้ (ใช้ PNG, JPG, WebP, GIF หรือ SVG)",
                "the emblem is not a picture browsers show (use PNG, JPG, WebP, GIF or SVG)",
            ),
        )
        .file(src));
    }
    let name = src
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "logo.png".into());
    let dest = dir.join(&name);
    if dest.exists() && !force {
        w.skipped.push(dest);
    } else {
        std::fs::create_dir_all(dir).map_err(|e| io(dir, &e))?;
        std::fs::write(&dest, &bytes).map_err(|e| io(&dest, &e))?;
        w.created.push(dest);
    }
    Ok(name)
}

/// site.yaml's `criteria:` line: the one asked for, or a comment saying that the built-in
/// criteria of the fiscal year apply (so `new-year` needs no change here).
fn criteria_line(spec: Option<&str>, year: u16) -> String {
    match spec {
        Some(s) => format!("criteria: {s}                  # เกณฑ์ที่ใช้ตรวจ"),
        None => format!(
            "# criteria: police-station-{year}.yaml   # ไฟล์เกณฑ์ของปีนี้ (ไม่ระบุ = ใช้เกณฑ์ในโปรแกรมตามปีงบประมาณ ดูด้วย oit criteria list)"
        ),
    }
}

fn no_criteria(year: u16) -> Finding {
    let ids = criteria::builtin_ids().join(", ");
    Finding::error(
        "criteria",
        Text::new(
            format!("ไม่มีเกณฑ์ในตัวโปรแกรมสำหรับปีงบประมาณ {year}"),
            format!("no built-in criteria for fiscal year {year}"),
        ),
    )
    .hint(Text::new(
        format!("ระบุไฟล์เกณฑ์ด้วย --criteria ไฟล์.yaml (เกณฑ์ในโปรแกรม: {ids} ดูด้วย oit criteria list)"),
        format!("pass --criteria FILE.yaml (built-in: {ids}; see oit criteria list)"),
    ))
}

fn page(title: &str, menu: Option<u32>, body: &str) -> String {
    let menu = menu.map(|m| format!("menu: {m}\n")).unwrap_or_default();
    format!("---\ntitle: {}\n{menu}---\n{body}\n", yaml_str(title))
}

/// `oit new DIR`: site.yaml with comments, the ordinary pages, and one folder per item.
pub fn new_site(
    dir: &Path,
    station: &str,
    year: u16,
    criteria_spec: Option<&str>,
    logo: Option<&Path>,
    force: bool,
) -> Result<Written, Finding> {
    let spec = match criteria_spec {
        Some(s) => s.to_string(),
        None => criteria::default_id(year).ok_or_else(|| no_criteria(year))?,
    };
    let crit = criteria::load(&spec, dir, year)?;
    if let Some(why) = crit.mismatch(year) {
        return Err(Finding::error("criteria", why));
    }
    let mut w = Written {
        created: Vec::new(),
        skipped: Vec::new(),
    };
    let logo = match logo {
        Some(src) => Some(copy_logo(src, dir, force, &mut w)?),
        None => None,
    };
    let site = SITE_TEMPLATE
        .replace("{NAME}", &yaml_str(station))
        .replace("{LOGO}", &logo_line(logo.as_deref()))
        .replace("{YEAR}", &year.to_string())
        .replace("{CRITERIA}", &criteria_line(criteria_spec, year));
    write_new(&dir.join("site.yaml"), &site, force, &mut w)?;
    for (name, title, menu, body) in [
        (
            "home",
            "หน้าแรก",
            None,
            "ยินดีต้อนรับสู่เว็บไซต์เปิดเผยข้อมูลสาธารณะของสถานี",
        ),
        (
            "contact",
            "ติดต่อเรา",
            Some(10),
            "ที่อยู่ เบอร์โทรศัพท์ อีเมล และแผนที่ของสถานี",
        ),
        (
            "privacy",
            "นโยบายคุ้มครองข้อมูลส่วนบุคคล",
            None,
            "ใส่นโยบายคุ้มครองข้อมูลส่วนบุคคลของสถานี",
        ),
        (
            "website-policy",
            "นโยบายเว็บไซต์",
            None,
            "ใส่นโยบายการใช้งานเว็บไซต์",
        ),
        (
            "accessibility",
            "นโยบายการเข้าถึงเว็บไซต์",
            None,
            "ใส่นโยบายการเข้าถึงเว็บไซต์สำหรับผู้พิการ",
        ),
    ] {
        write_new(
            &dir.join("pages").join(format!("{name}.md")),
            &page(title, menu, body),
            force,
            &mut w,
        )?;
    }
    std::fs::create_dir_all(dir.join("news")).map_err(|e| io(&dir.join("news"), &e))?;
    for item in &crit.file.items {
        let Some(n) = crate::content::parse_item_code(&item.code) else {
            continue;
        };
        let path = dir.join(format!("ita/{year}/o{n:02}/index.md"));
        write_new(&path, &item_page(item, &crit, None, None), force, &mut w)?;
    }
    Ok(w)
}

/// `oit new-year YEAR`: the next fiscal year's folders from the current year's, keeping who is
/// responsible and the text, dropping dates, files and months; site.yaml moves to the new year.
pub fn new_year(
    content: &Path,
    year: u16,
    criteria_spec: Option<&str>,
    force: bool,
) -> Result<Written, Finding> {
    let (site, _, _) = crate::pipeline::load_site(content, None).map_err(|f| {
        f.findings.into_iter().next().unwrap_or_else(|| {
            Finding::error("load", Text::new("อ่านเนื้อหาไม่ได้", "cannot read the content"))
        })
    })?;
    let current = site.config.fiscal_year;
    if year <= current {
        return Err(Finding::error(
            "new-year",
            Text::new(
                format!("ปีใหม่ต้องมากกว่าปีปัจจุบัน ({current})"),
                format!("the new year must be after the current one ({current})"),
            ),
        ));
    }
    // The site's criteria go on when they serve the new year too (a set written for many
    // years); otherwise the built-in criteria of the new year apply.
    let kept = site
        .config
        .criteria
        .clone()
        .filter(|c| criteria::load(c, content, year).is_ok_and(|c| c.mismatch(year).is_none()));
    let spec = match criteria_spec.map(str::to_string).or(kept.clone()) {
        Some(s) => s,
        None => criteria::default_id(year).ok_or_else(|| no_criteria(year))?,
    };
    let crit = criteria::load(&spec, content, year)?;
    if let Some(why) = crit.mismatch(year) {
        return Err(Finding::error("criteria", why));
    }
    let criteria_text = match (criteria_spec, &kept) {
        (Some(s), _) => criteria_line(Some(s), year),
        (None, Some(k)) => criteria_line(Some(k), year),
        (None, None) => criteria_line(None, year),
    };
    let mut w = Written {
        created: Vec::new(),
        skipped: Vec::new(),
    };
    let old = site.years.get(&current);
    for item in &crit.file.items {
        let Some(n) = crate::content::parse_item_code(&item.code) else {
            continue;
        };
        let prev = old.and_then(|y| y.items.get(&n));
        let officers = prev.map(|p| {
            (
                p.officers.supervisor.as_slice(),
                p.officers.prepared_by.as_slice(),
                p.officers.published_by.as_slice(),
            )
        });
        // The old text names files that stay with the old year; point at it instead of copying.
        let note = prev.map(|p| {
            format!(
                "เนื้อหาของปีงบประมาณ {current} อยู่ที่ `{}` ใช้เป็นต้นแบบได้\n",
                p.file.display()
            )
        });
        let text = item_page(item, &crit, officers, note.as_deref());
        write_new(
            &content.join(format!("ita/{year}/o{n:02}/index.md")),
            &text,
            force,
            &mut w,
        )?;
    }
    // Move site.yaml to the new year, keeping its comments: only these two lines change.
    let site_yaml = content.join("site.yaml");
    let text = std::fs::read_to_string(&site_yaml).map_err(|e| {
        Finding::error("scaffold", crate::os_error::cannot_read(&e)).file(&site_yaml)
    })?;
    let mut out = String::new();
    for line in text.lines() {
        if line.starts_with("fiscal_year:") {
            let _ = writeln!(out, "fiscal_year: {year}");
        } else if line.starts_with("criteria:") {
            let _ = writeln!(out, "{criteria_text}");
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    if criteria_spec.is_some() && !text.lines().any(|l| l.starts_with("criteria:")) {
        let _ = writeln!(out, "{criteria_text}");
    }
    std::fs::write(&site_yaml, out).map_err(|e| io(&site_yaml, &e))?;
    Ok(w)
}
