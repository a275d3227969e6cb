//! What templates see: the model turned into plain JSON values (see themes/default/THEME.md).
use super::{item_path, news_for_item};
use crate::content::{Attachment, Cell, ColumnType, FileInfo, Item, MonthEntry, News, Site, Table};
use crate::criteria::Criteria;
use crate::names::safe_path;
use crate::thai;
use serde_json::{Value, json};
use std::collections::BTreeMap;

pub fn logo_path(logo: &str) -> String {
    format!("assets/site/{}", safe_path(logo))
}

pub fn base_context(site: &Site) -> tera::Context {
    let c = &site.config;
    let mut menu: Vec<(i32, &str, &str)> = site
        .pages
        .iter()
        .filter_map(|p| p.menu.map(|m| (m, p.slug.as_str(), p.title.as_str())))
        .collect();
    menu.sort();
    let mut cx = tera::Context::new();
    cx.insert(
        "site",
        &json!({
            "name_th": c.station.name_th,
            "name_en": c.station.name_en,
            "short_th": c.station.short_th,
            "province_th": c.station.province_th,
            "bureau_th": c.station.bureau_th,
            "logo": c.station.logo.as_deref().map(logo_path),
            "fiscal_year": c.fiscal_year,
            "contact": c.contact,
            "social": c.social,
            "eit_survey_url": c.eit_survey_url.clone().unwrap_or_default(),
        }),
    );
    cx.insert(
        "menu",
        &menu
            .iter()
            .map(|(_, slug, title)| json!({"title": title, "url": format!("{slug}/index.html")}))
            .collect::<Vec<_>>(),
    );
    let mut years: Vec<u16> = site.years.keys().copied().collect();
    if !years.contains(&c.fiscal_year) {
        years.push(c.fiscal_year);
    }
    years.sort_unstable_by(|a, b| b.cmp(a));
    cx.insert(
        "years",
        &years
            .iter()
            .map(|y| json!({"year": y, "url": format!("ita/{y}/index.html")}))
            .collect::<Vec<_>>(),
    );
    cx.insert("generator", &format!("oit {}", env!("CARGO_PKG_VERSION")));
    cx.insert(
        "pages",
        &site
            .pages
            .iter()
            .map(|p| p.slug.as_str())
            .collect::<Vec<_>>(),
    );
    cx
}

pub fn item_title(item: &Item, criteria: Option<&Criteria>) -> String {
    item.title
        .clone()
        .or_else(|| {
            criteria
                .and_then(|c| c.item(&item.code))
                .map(|i| i.title_th.clone())
        })
        .unwrap_or_else(|| format!("ข้อ {}", item.code))
}

/// O1–On of a year: every item of the criteria (present or not), plus items the content has
/// beyond them.
pub fn item_summaries(site: &Site, criteria: Option<&Criteria>, year: u16) -> Vec<Value> {
    let items = site.years.get(&year).map(|y| &y.items);
    let mut numbers: Vec<u32> = criteria
        .map(|c| {
            c.file
                .items
                .iter()
                .filter_map(|i| crate::content::parse_item_code(&i.code))
                .collect()
        })
        .unwrap_or_default();
    if let Some(items) = items {
        numbers.extend(items.keys().copied());
    }
    numbers.sort_unstable();
    numbers.dedup();
    numbers
        .into_iter()
        .map(|n| {
            let code = format!("O{n}");
            match items.and_then(|i| i.get(&n)) {
                Some(item) => json!({
                    "code": code, "number": n, "title": item_title(item, criteria),
                    "url": item_path(year, n), "updated": iso(item.updated),
                    "files": item.files.len(), "status": "",
                }),
                None => json!({
                    "code": code, "number": n,
                    "title": criteria.and_then(|c| c.item(&code)).map(|i| i.title_th.clone()).unwrap_or_default(),
                    "url": "", "updated": "", "files": 0, "status": "ยังไม่เผยแพร่",
                }),
            }
        })
        .collect()
}

pub fn fiscal_period_label(year: u16) -> String {
    match thai::FiscalYear::new(year) {
        Some(fy) => thai::format_range(fy.start(), fy.end()),
        None => String::new(),
    }
}

fn iso(d: Option<jiff::civil::Date>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

pub fn kind_label(ext: &str) -> &'static str {
    match ext {
        "pdf" => "PDF",
        "doc" | "docx" | "odt" | "rtf" => "Word",
        "xls" | "xlsx" | "ods" | "csv" => "Excel",
        "jpg" | "jpeg" | "png" | "gif" | "webp" | "svg" => "รูปภาพ",
        "ppt" | "pptx" | "odp" => "PowerPoint",
        "zip" => "ZIP",
        "mp4" | "webm" => "วิดีโอ",
        _ => "ไฟล์",
    }
}

pub fn human_size(bytes: u64) -> String {
    if bytes < 1024 {
        format!("{bytes} B")
    } else if bytes < 1024 * 1024 {
        format!("{:.1} KB", bytes as f64 / 1024.0)
    } else {
        format!("{:.1} MB", bytes as f64 / 1_048_576.0)
    }
}

/// Rows of an Excel attachment shown on the page (the file itself stays the evidence).
const PREVIEW_ROWS: usize = 30;

fn file_view(info: &FileInfo, a: Option<&Attachment>, dir: &std::path::Path) -> Value {
    let default_title = info.rel.rsplit('/').next().unwrap_or(&info.rel).to_string();
    // The real type, from the content; a file that is not what it claims shows its extension's.
    let kind = if info.facts.problem.is_none() && info.facts.kind != crate::documents::Kind::Unknown
    {
        info.facts.kind.label_th()
    } else {
        kind_label(&info.ext)
    };
    let preview = (info.facts.format == Some(crate::criteria::Format::Excel)
        && info.facts.problem.is_none())
    .then(|| crate::memo::excel_preview(&dir.join(&info.rel), PREVIEW_ROWS).ok())
    .flatten()
    .and_then(|p| super::sheet::shape(&p.sheet, &p.rows, p.truncated));
    json!({
        "title": a.map(|a| a.title.clone()).unwrap_or(default_title),
        "url": info.out,
        "name": info.out.rsplit('/').next().unwrap_or(&info.out),
        // The name the station gave the file (often Thai): the published name is ASCII so the
        // URLs given to ITAP never change, and this is the name a citizen's download keeps.
        "file_name": info.rel.rsplit('/').next().unwrap_or(&info.rel),
        "ext": info.ext,
        "kind": kind,
        "pages": info.facts.pages,
        "sheets": info.facts.sheets,
        "preview": preview,
        "size": human_size(info.bytes),
        "bytes": info.bytes,
        "machine_readable": a.map(|a| a.machine_readable).unwrap_or_else(|| crate::content::is_machine_readable_ext(&info.ext)),
        "lang": a.map(|a| a.lang.clone()).unwrap_or_else(|| "th".into()),
        "line": a.and_then(|a| a.line.clone()).unwrap_or_default(),
    })
}

fn officer_list(site: &Site, ids: &[String]) -> Vec<Value> {
    ids.iter()
        .filter_map(|id| site.config.officers.get(id))
        .map(|o| json!({"name": o.name, "position": o.position, "phone": o.phone}))
        .collect()
}

pub fn item_view(
    site: &Site,
    item: &Item,
    criteria: Option<&Criteria>,
    body_html: String,
    prev: Option<Value>,
    next: Option<Value>,
) -> Value {
    let crit = criteria.and_then(|c| c.item(&item.code));
    let dir = site.root.join(&item.dir);
    let find = |rel: &str| item.file_info(rel);
    let attachments: Vec<Value> = item
        .attachments
        .iter()
        .filter_map(|a| find(&a.file).map(|f| file_view(f, Some(a), &dir)))
        .collect();
    let months: Vec<Value> = item
        .months
        .iter()
        .map(|(ym, entry)| match entry {
            MonthEntry::Files(files) => {
                json!({
                    "key": ym.key(), "label": thai::format_month_long(*ym),
                    "files": files.iter().filter_map(|a| find(&a.file).map(|f| file_view(f, Some(a), &dir))).collect::<Vec<_>>(),
                    "none": "",
                })
            }
            MonthEntry::None(text) => json!({"key": ym.key(), "label": thai::format_month_long(*ym), "files": [], "none": text}),
        })
        .collect();
    let other_files: Vec<Value> = item
        .unreferenced_files()
        .into_iter()
        .map(|f| file_view(f, None, &dir))
        .collect();
    let files_map: BTreeMap<&str, &str> = item
        .files
        .iter()
        .map(|f| (f.rel.as_str(), f.out.as_str()))
        .collect();
    json!({
        "code": item.code,
        "title": item_title(item, criteria),
        "title_en": crit.map(|c| c.title_en.clone()).unwrap_or_default(),
        "year": item.year,
        "summary": crit.map(|c| c.summary_th.clone()).unwrap_or_default(),
        "body_html": body_html,
        "updated": iso(item.updated),
        "as_of": iso(item.as_of),
        "attachments": attachments,
        "other_files": other_files,
        "months": months,
        "tables": item.tables.iter().map(|t| table_view(t, &files_map, &table_xlsx_name(item, t))).collect::<Vec<_>>(),
        "links": item.links.iter().map(|l| json!({"title": l.title, "url": l.url})).collect::<Vec<_>>(),
        "officers": {
            "supervisor": officer_list(site, &item.officers.supervisor),
            "prepared_by": officer_list(site, &item.officers.prepared_by),
            "published_by": officer_list(site, &item.officers.published_by),
        },
        "news": news_for_item(site, item).into_iter().map(|n| news_summary(site, n)).collect::<Vec<_>>(),
        "prev": prev,
        "next": next,
    })
}

/// HTML-escapes text placed inside cells built here (templates escape everything else).
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    super::templates::escape_into(&mut out, s);
    out
}

/// What search finds an item by: its text, its files' titles and its tables.
pub fn item_search_text(item: &Item) -> String {
    let mut x = super::markdown::plain_text(&item.body, usize::MAX);
    for a in &item.attachments {
        x.push(' ');
        x.push_str(&a.title);
    }
    for l in &item.links {
        x.push(' ');
        x.push_str(&l.title);
    }
    for m in item.months.values() {
        if let MonthEntry::None(t) = m {
            x.push(' ');
            x.push_str(t);
        }
    }
    for t in &item.tables {
        x.push(' ');
        x.push_str(&t.title);
        for r in &t.rows {
            for c in r.values() {
                let v = c.as_text();
                if !v.is_empty() && !v.contains('/') {
                    x.push(' ');
                    x.push_str(&v);
                }
            }
        }
    }
    x
}

/// Thai readers expect thousands separators; baht always with two decimals.
pub fn format_number(n: f64, decimals: usize) -> String {
    let s = format!("{:.*}", decimals, n.abs());
    let (int, frac) = s
        .split_once('.')
        .map(|(i, f)| (i.to_string(), Some(f.to_string())))
        .unwrap_or((s.clone(), None));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let sign = if n < 0.0 && n.abs() >= 0.5 * 10f64.powi(-(decimals as i32)) {
        "-"
    } else {
        ""
    };
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

fn cell_html(
    cell: &Cell,
    kind: ColumnType,
    files: &BTreeMap<&str, &str>,
    alt: &str,
    name: bool,
) -> String {
    match (cell, kind) {
        (Cell::Empty, _) => String::new(),
        (Cell::Number(n), ColumnType::Baht) => format_number(*n, 2),
        (Cell::Number(n), _) => format_number(*n, if n.fract() == 0.0 { 0 } else { 2 }),
        (Cell::Date(d), _) => esc(&thai::format_long(*d)),
        (Cell::Month(m), _) => esc(&thai::format_month_long(*m)),
        (Cell::Text(s), ColumnType::Image) => {
            let src = files.get(s.as_str()).copied().unwrap_or(s);
            format!(
                "<img src=\"{}\" alt=\"{}\" loading=\"lazy\">",
                esc(src),
                esc(alt)
            )
        }
        (Cell::Text(s), ColumnType::Link)
            if s.starts_with("https://") || s.starts_with("http://") =>
        {
            format!("<a href=\"{0}\">{0}</a>", esc(s))
        }
        (Cell::Text(s), ColumnType::Phone) => {
            let tel: String = thai::to_arabic_digits(s)
                .chars()
                .filter(|c| c.is_ascii_digit() || *c == '+')
                .collect();
            format!("<a href=\"tel:{}\">{}</a>", esc(&tel), esc(s))
        }
        (Cell::Text(s), ColumnType::Email) => format!("<a href=\"mailto:{0}\">{0}</a>", esc(s)),
        (Cell::Text(s), _) if name => super::templates::person_html(s),
        (Cell::Text(s), _) => super::templates::keep_words(s),
    }
}

/// Published name of the .xlsx written from a data table: its stem, unless a file of the
/// folder already has that name.
pub fn table_xlsx_name(item: &Item, t: &Table) -> String {
    let stem = t.file.rsplit_once('.').map(|(s, _)| s).unwrap_or(&t.file);
    let name = format!("{}.xlsx", crate::names::safe_component(stem));
    if item.files.iter().any(|f| f.out == name) {
        format!("{}-data.xlsx", crate::names::safe_component(stem))
    } else {
        name
    }
}

fn table_view(t: &Table, files: &BTreeMap<&str, &str>, xlsx: &str) -> Value {
    let names: Vec<bool> = t
        .columns
        .iter()
        .map(|c| super::templates::is_name_column(&c.label))
        .collect();
    // Photos get the row's first text cell (usually the person's name) as alternative text.
    let rows: Vec<Vec<String>> = t
        .rows
        .iter()
        .map(|row| {
            let alt = t
                .columns
                .iter()
                .find_map(|c| match (c.kind, row.get(&c.key)) {
                    (ColumnType::Text, Some(Cell::Text(s))) => Some(s.clone()),
                    _ => None,
                });
            t.columns
                .iter()
                .zip(&names)
                .map(|(c, &name)| {
                    cell_html(
                        row.get(&c.key).unwrap_or(&Cell::Empty),
                        c.kind,
                        files,
                        alt.as_deref().unwrap_or(&c.label),
                        name,
                    )
                })
                .collect()
        })
        .collect();
    json!({
        "title": t.title,
        "name": t.file,
        "note": t.note.clone().unwrap_or_default(),
        "columns": t.columns.iter().map(|c| json!({"label": c.label, "type": c.kind, "width": super::templates::width_class(t, c), "name": super::templates::is_name_column(&c.label)})).collect::<Vec<_>>(),
        "rows": rows,
        "xlsx": xlsx,
    })
}

pub fn news_summary(site: &Site, n: &News) -> Value {
    let _ = site;
    let photo = n
        .photos
        .first()
        .and_then(|p| n.files.iter().find(|f| f.rel == p.file))
        .map(|f| format!("news/{}/{}", n.slug, f.out));
    json!({
        "title": n.title,
        "date": n.date.to_string(),
        "url": format!("news/{}/index.html", n.slug),
        "summary": n.summary.clone().unwrap_or_else(|| super::markdown::plain_text(&n.body, 160)),
        "photo": photo.unwrap_or_default(),
        "tags": n.tags,
    })
}

pub fn news_view(
    site: &Site,
    n: &News,
    body_html: String,
    criteria: &BTreeMap<u16, Criteria>,
) -> Value {
    let year = thai::FiscalYear::of_date(n.date)
        .map(|f| f.be_year())
        .unwrap_or(0);
    let items: Vec<Value> = n
        .items
        .iter()
        .filter_map(|code| {
            let number = crate::content::parse_item_code(code)?;
            let item = site.years.get(&year)?.items.get(&number)?;
            Some(json!({"code": code, "title": item_title(item, criteria.get(&year)), "url": item_path(year, number)}))
        })
        .collect();
    json!({
        "title": n.title,
        "summary": n.summary.clone().unwrap_or_else(|| super::markdown::plain_text(&n.body, 160)),
        "date": n.date.to_string(),
        "body_html": body_html,
        "photos": n.photos.iter().filter_map(|p| n.files.iter().find(|f| f.rel == p.file).map(|f| {
            // The picture's own size, so the browser reserves its box before it arrives (no
            // layout shift) and never stretches a small photo beyond its pixels.
            let size = imagesize::size(site.root.join(&n.dir).join(&f.rel)).ok();
            json!({
                "url": format!("news/{}/{}", n.slug, f.out), "alt": p.title,
                "width": size.as_ref().map(|s| s.width), "height": size.as_ref().map(|s| s.height),
            })
        })).collect::<Vec<_>>(),
        "items": items,
        "tags": n.tags,
    })
}

pub fn sitemap_sections(
    site: &Site,
    years: &[u16],
    criteria: &BTreeMap<u16, Criteria>,
) -> Vec<Value> {
    let mut sections = Vec::new();
    let mut main = vec![json!({"title": "หน้าแรก", "url": "index.html"})];
    let mut pages: Vec<_> = site.pages.iter().filter(|p| p.slug != "home").collect();
    pages.sort_by(|a, b| {
        (a.menu.unwrap_or(i32::MAX), &a.slug).cmp(&(b.menu.unwrap_or(i32::MAX), &b.slug))
    });
    main.extend(
        pages
            .iter()
            .map(|p| json!({"title": p.title, "url": format!("{}/index.html", p.slug)})),
    );
    sections.push(json!({"title": "หน้าหลัก", "links": main}));
    sections.push(json!({"title": "ข้อมูลเปิดเผยสาธารณะ (OIT)", "links": [{"title": "ข้อมูล OIT ทุกปีงบประมาณ", "url": "ita/index.html"}]}));
    for &year in years.iter().rev() {
        let mut links = vec![
            json!({"title": format!("ข้อมูลการเปิดเผยต่อสาธารณะ (OIT) ปีงบประมาณ พ.ศ. {year}"), "url": format!("ita/{year}/index.html")}),
        ];
        if let Some(y) = site.years.get(&year) {
            links.extend(y.items.values().map(|it| json!({"title": format!("{} {}", it.code, item_title(it, criteria.get(&year))), "url": item_path(year, it.number)})));
        }
        sections.push(json!({"title": format!("ITA ปีงบประมาณ พ.ศ. {year}"), "links": links}));
    }
    let mut news = vec![json!({"title": "ข่าวประชาสัมพันธ์ทั้งหมด", "url": "news/index.html"})];
    news.extend(
        site.news
            .iter()
            .map(|n| json!({"title": n.title, "url": format!("news/{}/index.html", n.slug)})),
    );
    sections.push(json!({"title": "ข่าวประชาสัมพันธ์", "links": news}));
    sections
}

#[cfg(test)]
mod tests {
    #[test]
    fn numbers_get_separators() {
        assert_eq!(super::format_number(1234567.5, 2), "1,234,567.50");
        assert_eq!(super::format_number(999.0, 0), "999");
        assert_eq!(super::format_number(-1000.0, 0), "-1,000");
        assert_eq!(super::format_number(0.0, 2), "0.00");
    }
}
