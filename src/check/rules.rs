//! One function per rule kind. Each returns the findings of one rule instance on one item; the
//! engine adds the item code, severity, officers and any wording the criteria override.
use super::RuleCx;
use crate::content::{Attachment, Cell, ColumnType, MonthEntry};
use crate::criteria::{DateField, Format, FormatGroup, LineSource, Role, Rule};
use crate::diagnostics::{Finding, Text};
use crate::thai;

pub(super) fn apply(cx: &RuleCx, rule: &Rule) -> Vec<Finding> {
    match rule {
        Rule::Page {} => Vec::new(), // the engine reports a missing item before any rule runs
        Rule::Officers { roles } => officers(cx, roles),
        Rule::Date {
            field,
            equals,
            on_or_after,
            on_or_before,
            in_fiscal_year,
            not_future,
        } => {
            let bounds = DateBounds {
                equals: equals.as_deref(),
                after: on_or_after.as_deref(),
                before: on_or_before.as_deref(),
            };
            date(cx, *field, bounds, *in_fiscal_year, *not_future)
        }
        Rule::Attachments { min, formats, lang } => attachments(cx, *min, formats, lang.as_deref()),
        Rule::Monthly {
            formats,
            allow_none,
        } => monthly(cx, formats, *allow_none),
        Rule::Table {
            table_kind,
            min_rows,
            required,
            images,
        } => table(cx, table_kind, *min_rows, required, images),
        Rule::LinesOfWork {
            source,
            table_kind,
            column,
        } => lines_of_work(cx, *source, table_kind.as_deref(), column.as_deref()),
        Rule::Links { keys, https } => links(cx, keys, *https),
        Rule::Facts { keys } => facts(cx, keys),
        Rule::Contact { fields } => contact(cx, fields),
        Rule::News {
            min,
            item,
            tag,
            from,
            in_fiscal_year,
            needs_link_or_qr,
        } => news(
            cx,
            *min,
            item.as_deref(),
            tag.as_deref(),
            from.as_deref(),
            *in_fiscal_year,
            *needs_link_or_qr,
        ),
        Rule::Languages { langs } => languages(cx, langs),
        Rule::Mentions { terms } => mentions(cx, terms),
        Rule::Social { min } => social(cx, *min),
    }
}

/// Why a rule cannot be held yet: a date rule whose required date (`equals`, `on_or_after`) is
/// still ahead of the check's date. Such a rule is "not yet due", as a month is.
pub(super) fn not_yet_due(cx: &RuleCx, rule: &Rule) -> Option<Text> {
    let Rule::Date {
        field,
        equals,
        on_or_after,
        ..
    } = rule
    else {
        return None;
    };
    let required = equals
        .as_deref()
        .or(on_or_after.as_deref())
        .and_then(|s| thai::parse_date(s).ok())?;
    if required <= cx.opts.as_of {
        return None;
    }
    let (key, th) = match field {
        DateField::Updated => ("updated", "วันที่ปรับปรุงข้อมูล"),
        DateField::AsOf => ("as_of", "ข้อมูล ณ วันที่"),
    };
    Some(Text::new(
        format!(
            "{th} {} ({key}) ตรวจได้ตั้งแต่วันนั้นเป็นต้นไป",
            thai::format_long(required)
        ),
        format!(
            "{key} {} can be checked from that day on",
            thai::format_long_en(required)
        ),
    ))
}

/// A date to show in a hint: the check's date when it lies in the criteria's fiscal year,
/// else the nearest day of that year, so copying the hint never makes a new error.
pub(super) fn example_date(cx: &RuleCx) -> String {
    let as_of = cx.opts.as_of;
    let Some(fy) = thai::FiscalYear::new(cx.criteria.file.fiscal_year) else {
        return thai::format_iso_be(as_of);
    };
    let d = as_of.clamp(fy.start(), fy.end());
    thai::format_iso_be(d)
}

/// A finding located in the item's index.md, at `key` when it is written there.
fn at(cx: &RuleCx, rule: &str, key: &str, message: Text) -> Finding {
    let line = cx
        .item
        .key_line(key)
        .or(Some(cx.item.front_line.saturating_sub(1).max(1)));
    Finding::error(rule, message)
        .file(&cx.item.file)
        .line_opt(line)
}

fn role_name(role: Role) -> (&'static str, &'static str, &'static str) {
    match role {
        Role::Supervisor => ("supervisor", "ผู้ควบคุม", "supervisor"),
        Role::PreparedBy => ("prepared_by", "เจ้าหน้าที่จัดทำข้อมูล", "preparer"),
        Role::PublishedBy => ("published_by", "เจ้าหน้าที่เผยแพร่ข้อมูลลงเว็บไซต์", "publisher"),
    }
}

fn officers(cx: &RuleCx, roles: &[Role]) -> Vec<Finding> {
    roles
        .iter()
        .filter(|r| {
            let o = &cx.item.officers;
            match r {
                Role::Supervisor => o.supervisor.is_empty(),
                Role::PreparedBy => o.prepared_by.is_empty(),
                Role::PublishedBy => o.published_by.is_empty(),
            }
        })
        .map(|r| {
            let (key, th, en) = role_name(*r);
            at(
                cx,
                "officers",
                key,
                Text::new(
                    format!("ยังไม่ได้ระบุ{th} ({key})"),
                    format!("no {en} named ({key})"),
                ),
            )
            .hint(Text::new(
                format!("เพิ่ม {key}: ตามด้วยรหัสเจ้าหน้าที่จาก officers ใน site.yaml"),
                format!("add {key}: with an officer id from officers in site.yaml"),
            ))
        })
        .collect()
}

struct DateBounds<'a> {
    equals: Option<&'a str>,
    after: Option<&'a str>,
    before: Option<&'a str>,
}

fn date(
    cx: &RuleCx,
    field: DateField,
    bounds: DateBounds,
    in_fy: bool,
    not_future: bool,
) -> Vec<Finding> {
    let (key, th, value) = match field {
        DateField::Updated => ("updated", "วันที่ปรับปรุงข้อมูลล่าสุด", cx.item.updated),
        DateField::AsOf => ("as_of", "ข้อมูล ณ วันที่", cx.item.as_of),
    };
    let Some(d) = value else {
        return vec![
            at(
                cx,
                "date",
                key,
                Text::new(
                    format!("ยังไม่ได้ระบุ{th} ({key})"),
                    format!("{key} date is not given"),
                ),
            )
            .hint({
                let example = example_date(cx);
                Text::new(
                    format!("เพิ่มบรรทัด {key}: เช่น {key}: {example}"),
                    format!("add a line such as {key}: {example}"),
                )
            }),
        ];
    };
    let mut out = Vec::new();
    if let Some(limit) = bounds.after.and_then(|s| thai::parse_date(s).ok())
        && d < limit
    {
        out.push(at(
            cx,
            "date",
            key,
            Text::new(
                format!(
                    "{th} ต้องไม่ก่อน {} แต่ระบุไว้ {}",
                    thai::format_long(limit),
                    thai::format_long(d)
                ),
                format!(
                    "{key} must be on or after {} but is {}",
                    thai::format_long_en(limit),
                    thai::format_long_en(d)
                ),
            ),
        ));
    }
    if let Some(limit) = bounds.before.and_then(|s| thai::parse_date(s).ok())
        && d > limit
    {
        out.push(at(
            cx,
            "date",
            key,
            Text::new(
                format!(
                    "{th} ต้องไม่หลัง {} แต่ระบุไว้ {}",
                    thai::format_long(limit),
                    thai::format_long(d)
                ),
                format!(
                    "{key} must be on or before {} but is {}",
                    thai::format_long_en(limit),
                    thai::format_long_en(d)
                ),
            ),
        ));
    }
    if let Some(eq) = bounds.equals
        && let Ok(want) = thai::parse_date(eq)
        && want != d
    {
        out.push(at(
            cx,
            "date",
            key,
            Text::new(
                format!(
                    "{th} ต้องเป็น {} แต่ระบุไว้ {}",
                    thai::format_long(want),
                    thai::format_long(d)
                ),
                format!(
                    "{key} must be {} but is {}",
                    thai::format_long_en(want),
                    thai::format_long_en(d)
                ),
            ),
        ));
    }
    if in_fy
        && let Some(fy) = thai::FiscalYear::new(cx.criteria.file.fiscal_year)
        && !fy.contains(d)
    {
        out.push(at(
            cx,
            "date",
            key,
            Text::new(
                format!(
                    "{th} {} อยู่นอกปีงบประมาณ พ.ศ. {}",
                    thai::format_long(d),
                    fy.be_year()
                ),
                format!(
                    "{key} {} is outside fiscal year {}",
                    thai::format_long_en(d),
                    fy.be_year()
                ),
            ),
        ));
    }
    if not_future && d > cx.opts.as_of {
        out.push(at(
            cx,
            "date",
            key,
            Text::new(
                format!("{th} {} เป็นวันในอนาคต", thai::format_long(d)),
                format!("{key} {} is in the future", thai::format_long_en(d)),
            ),
        ));
    }
    out
}

/// What a listed file counts as: decided from its content (a renamed or broken file counts as
/// nothing; `files` reports why).
fn format_of(cx: &RuleCx, a: &Attachment) -> Option<Format> {
    cx.item.file_info(&a.file).and_then(|f| f.facts.format)
}

fn group_label(g: &FormatGroup) -> (String, String) {
    let labels: Vec<&str> = g.alternatives().iter().map(|f| f.label()).collect();
    (labels.join(" หรือ "), labels.join(" or "))
}

/// The format groups none of `files` satisfies.
fn unmet<'a>(have: &[Format], groups: &'a [FormatGroup]) -> Vec<&'a FormatGroup> {
    groups
        .iter()
        .filter(|g| {
            let alts = g.alternatives();
            !have.iter().any(|f| alts.contains(f))
        })
        .collect()
}

fn attachments(
    cx: &RuleCx,
    min: usize,
    formats: &[FormatGroup],
    lang: Option<&str>,
) -> Vec<Finding> {
    let files: Vec<&Attachment> = cx
        .item
        .attachments
        .iter()
        .filter(|a| lang.is_none_or(|l| a.lang == l))
        .collect();
    let mut out = Vec::new();
    let lang_th = match lang {
        Some("en") => "ภาษาอังกฤษ",
        Some("th") => "ภาษาไทย",
        _ => "",
    };
    if files.len() < min {
        out.push(
            at(
                cx,
                "attachments",
                "attachments",
                Text::new(
                    format!("มีไฟล์แนบ{lang_th} {} ไฟล์ ต้องมีอย่างน้อย {min} ไฟล์", files.len()),
                    format!(
                        "{} attachment(s){} listed; at least {min} needed",
                        files.len(),
                        lang.map(|l| format!(" in {l}")).unwrap_or_default()
                    ),
                ),
            )
            .hint(Text::new(
                "วางไฟล์ไว้ในโฟลเดอร์ของข้อนี้ แล้วระบุใน attachments: พร้อมชื่อเอกสาร",
                "put the file in the item folder and list it under attachments: with a title",
            )),
        );
    }
    let mut have: Vec<Format> = files.iter().filter_map(|a| format_of(cx, a)).collect();
    // Data tables are written as .xlsx beside the page: the machine-readable copy.
    if !cx.item.tables.is_empty() && lang.is_none_or(|l| l == "th") {
        have.push(Format::Excel);
    }
    for g in unmet(&have, formats) {
        let (th, en) = group_label(g);
        out.push(
            at(
                cx,
                "format",
                "attachments",
                Text::new(
                    format!("ไม่มีไฟล์แนบรูปแบบ {th}"),
                    format!("no attachment in {en} format"),
                ),
            )
            .hint(Text::new(
                format!("เผยแพร่เอกสารเดียวกันเป็นไฟล์ {th} ด้วย"),
                format!("publish the same document as a {en} file too"),
            )),
        );
    }
    out
}

fn monthly(cx: &RuleCx, formats: &[FormatGroup], allow_none: bool) -> Vec<Finding> {
    let mut out = Vec::new();
    for m in cx.criteria.months() {
        if !cx.is_due(m) {
            continue;
        }
        let label_th = thai::format_month_long(m);
        let label_en = thai::format_month_long_en(m);
        let key = m.key();
        let finding = |msg: Text, hint: Text| {
            let mut f = at(cx, "monthly", &format!("  {key}"), msg).hint(hint);
            if cx.item.key_line(&format!("  {key}")).is_none() {
                f.line = cx.item.key_line("months").or(f.line);
            }
            f.month = Some(key.clone());
            f
        };
        match cx.item.months.get(&m) {
            None => out.push(finding(
                Text::new(format!("ไม่มีข้อมูลเดือน{label_th}"), format!("nothing published for {label_en}")),
                Text::new(
                    if allow_none {
                        format!("เพิ่ม {key}: พร้อมไฟล์ของเดือนนี้ใต้ months: หรือถ้าไม่มีรายการ ให้เขียน {key}: {{ none: ไม่มีการจัดซื้อจัดจ้าง }}")
                    } else {
                        format!("เพิ่ม {key}: พร้อมไฟล์ของเดือนนี้ใต้ months:")
                    },
                    if allow_none {
                        format!("add {key}: with this month's files under months:, or {key}: {{ none: … }} when there was nothing")
                    } else {
                        format!("add {key}: with this month's files under months:")
                    },
                ),
            )),
            Some(MonthEntry::None(_)) if !allow_none => out.push(finding(
                Text::new(
                    format!("เดือน{label_th} ระบุว่าไม่มีข้อมูล แต่ข้อนี้ต้องมีรายงานทุกเดือน"),
                    format!("{label_en} says there is nothing, but this item needs a report every month"),
                ),
                Text::new("แนบรายงานของเดือนนี้แทนข้อความ none:", "attach this month's report instead of none:"),
            )),
            Some(MonthEntry::None(_)) => {}
            Some(MonthEntry::Files(files)) => {
                let refs: Vec<&Attachment> = files.iter().collect();
                let have: Vec<Format> = refs.iter().filter_map(|a| format_of(cx, a)).collect();
                for g in unmet(&have, formats) {
                    let (th, en) = group_label(g);
                    out.push(finding(
                        Text::new(format!("เดือน{label_th} ไม่มีไฟล์รูปแบบ {th}"), format!("{label_en} has no {en} file")),
                        Text::new(format!("เพิ่มไฟล์ {th} ของเดือนนี้"), format!("add this month's {en} file")),
                    ));
                }
            }
        }
    }
    out
}

fn table(
    cx: &RuleCx,
    kind: &str,
    min_rows: usize,
    required: &[String],
    images: &[String],
) -> Vec<Finding> {
    let Some(t) = cx
        .item
        .tables
        .iter()
        .find(|t| t.kind.as_deref() == Some(kind))
    else {
        return vec![
            at(
                cx,
                "table",
                "title",
                Text::new(
                    format!("ไม่มีตารางข้อมูลชนิด {kind}"),
                    format!("no data table of kind {kind}"),
                ),
            )
            .hint(Text::new(
                format!("สร้างไฟล์ .yaml ในโฟลเดอร์ของข้อนี้ที่มี kind: {kind} (ดูตัวอย่างใน README)"),
                format!("add a .yaml table with kind: {kind} to the item folder (see the README)"),
            )),
        ];
    };
    let file = cx.item.dir.join(&t.file);
    let mut out = Vec::new();
    if t.rows.len() < min_rows {
        out.push(
            Finding::error(
                "table",
                Text::new(
                    format!(
                        "ตาราง {} มี {} แถว ต้องมีอย่างน้อย {min_rows} แถว",
                        t.title,
                        t.rows.len()
                    ),
                    format!(
                        "table has {} row(s); at least {min_rows} needed",
                        t.rows.len()
                    ),
                ),
            )
            .file(&file),
        );
    }
    for key in required {
        let Some(col) = t.columns.iter().find(|c| &c.key == key) else {
            out.push(
                Finding::error(
                    "table",
                    Text::new(
                        format!("ตาราง {} ไม่มีคอลัมน์ {key}", t.title),
                        format!("table has no column {key}"),
                    ),
                )
                .file(&file),
            );
            continue;
        };
        for (i, row) in t.rows.iter().enumerate() {
            if row.get(key).is_none_or(Cell::is_empty) {
                out.push(
                    Finding::error(
                        "table",
                        Text::new(
                            format!("แถวที่ {} ไม่มีข้อมูล \"{}\"", i + 1, col.label),
                            format!("row {} has no {key}", i + 1),
                        ),
                    )
                    .file(&file),
                );
            }
        }
    }
    for key in images {
        let is_image_col = t
            .columns
            .iter()
            .any(|c| &c.key == key && c.kind == ColumnType::Image);
        for (i, row) in t.rows.iter().enumerate() {
            if let Some(Cell::Text(path)) = row.get(key)
                && (!is_image_col
                    || cx.item.file_info(path).and_then(|f| f.facts.format) != Some(Format::Image))
            {
                out.push(
                    Finding::error(
                        "table",
                        Text::new(
                            format!("แถวที่ {}: \"{path}\" ไม่ใช่ไฟล์รูปภาพ (JPG/PNG/WebP)", i + 1),
                            format!("row {}: \"{path}\" is not an image (JPG/PNG/WebP)", i + 1),
                        ),
                    )
                    .file(&file),
                );
            }
        }
    }
    out
}

fn lines_of_work(
    cx: &RuleCx,
    source: LineSource,
    kind: Option<&str>,
    column: Option<&str>,
) -> Vec<Finding> {
    let covered: Vec<String> = match source {
        LineSource::Attachments => cx
            .item
            .attachments
            .iter()
            .filter_map(|a| a.line.clone())
            .collect(),
        LineSource::Table => {
            let col = column.unwrap_or("line_of_work");
            cx.item
                .tables
                .iter()
                .filter(|t| kind.is_none_or(|k| t.kind.as_deref() == Some(k)))
                .flat_map(|t| t.rows.iter().filter_map(|r| r.get(col).map(Cell::as_text)))
                .collect()
        }
    };
    let norm = |s: &str| s.replace("งาน", "").replace(' ', "");
    cx.criteria
        .file
        .lines_of_work
        .iter()
        .filter(|line| !covered.iter().any(|c| norm(c).contains(&norm(line))))
        .map(|line| {
            let (key, hint_th) = match source {
                LineSource::Attachments => (
                    "attachments",
                    format!("แนบเอกสารของงาน{line} และระบุ line: {line}"),
                ),
                LineSource::Table => ("title", format!("เพิ่มแถวของงาน{line} ในตารางข้อมูล")),
            };
            at(
                cx,
                "lines-of-work",
                key,
                Text::new(
                    format!("ยังไม่มีข้อมูลของสายงาน{line}"),
                    format!("nothing for the line of work {line}"),
                ),
            )
            .hint(Text::new(
                hint_th,
                format!("add the document or row for {line}"),
            ))
        })
        .collect()
}

/// A well-formed absolute URL: scheme, a host with a dot, no spaces.
pub(crate) fn url_ok(url: &str, https_only: bool) -> bool {
    let rest = match url.strip_prefix("https://") {
        Some(r) => r,
        None if !https_only => match url.strip_prefix("http://") {
            Some(r) => r,
            None => return false,
        },
        None => return false,
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    !host.is_empty()
        && host.contains('.')
        && !url.chars().any(char::is_whitespace)
        && !host.starts_with('.')
        && !host.ends_with('.')
}

fn links(cx: &RuleCx, keys: &[String], https: bool) -> Vec<Finding> {
    let mut out = Vec::new();
    for key in keys {
        match cx
            .item
            .links
            .iter()
            .find(|l| l.key.as_deref() == Some(key.as_str()))
        {
            None => out.push(
                at(
                    cx,
                    "links",
                    "links",
                    Text::new(format!("ไม่มีลิงก์ {key}"), format!("no link with key {key}")),
                )
                .hint(Text::new(
                    format!("เพิ่มใต้ links: เช่น {{ title: ..., url: https://..., key: {key} }}"),
                    format!("add under links: {{ title: …, url: https://…, key: {key} }}"),
                )),
            ),
            Some(l) if !url_ok(&l.url, https) => out.push(at(
                cx,
                "links",
                "links",
                Text::new(
                    format!(
                        "ลิงก์ {key} \"{}\" ไม่ใช่ที่อยู่เว็บที่ถูกต้อง{}",
                        l.url,
                        if https {
                            " (ต้องขึ้นต้นด้วย https://)"
                        } else {
                            ""
                        }
                    ),
                    format!(
                        "link {key} \"{}\" is not a well-formed {}URL",
                        l.url,
                        if https { "https " } else { "" }
                    ),
                ),
            )),
            Some(_) => {}
        }
    }
    out
}

fn facts(cx: &RuleCx, keys: &[String]) -> Vec<Finding> {
    keys.iter()
        .filter(|k| cx.item.facts.get(*k).is_none_or(|v| v.trim().is_empty()))
        .map(|k| {
            at(
                cx,
                "facts",
                "facts",
                Text::new(
                    format!("ยังไม่ได้ระบุ {k} ใต้ facts:"),
                    format!("fact {k} is not given under facts:"),
                ),
            )
        })
        .collect()
}

fn contact(cx: &RuleCx, fields: &[String]) -> Vec<Finding> {
    let c = &cx.site.config.contact;
    fields
        .iter()
        .filter(|f| {
            let v = match f.as_str() {
                "address" => &c.address,
                "phone" => &c.phone,
                "email" => &c.email,
                "map_url" | "map" => &c.map_url,
                "hours" => &c.hours,
                "emergency" => &c.emergency,
                "fax" => &c.fax,
                _ => return true,
            };
            v.trim().is_empty()
        })
        .map(|f| {
            let th = match f.as_str() {
                "address" => "ที่อยู่",
                "phone" => "หมายเลขโทรศัพท์",
                "email" => "อีเมล",
                "map_url" | "map" => "แผนที่ตั้ง",
                "hours" => "เวลาทำการ",
                _ => f.as_str(),
            };
            Finding::error(
                "contact",
                Text::new(
                    format!("site.yaml ยังไม่มี{th} (contact.{f})"),
                    format!("site.yaml has no contact.{f}"),
                ),
            )
            .file(std::path::Path::new("site.yaml"))
        })
        .collect()
}

fn news(
    cx: &RuleCx,
    min: usize,
    item: Option<&str>,
    tag: Option<&str>,
    from: Option<&str>,
    in_fy: bool,
    link_or_qr: bool,
) -> Vec<Finding> {
    let from = from.and_then(|f| thai::parse_date(f).ok());
    let fy = thai::FiscalYear::new(cx.criteria.file.fiscal_year);
    let item_code = item.and_then(crate::content::parse_item_code);
    let matching: Vec<_> = cx
        .site
        .news
        .iter()
        .filter(|n| item_code.is_none_or(|c| n.items.contains(&format!("O{c}"))))
        .filter(|n| tag.is_none_or(|t| n.tags.iter().any(|x| x == t)))
        .filter(|n| from.is_none_or(|f| n.date >= f))
        .filter(|n| !in_fy || fy.is_some_and(|fy| fy.contains(n.date)))
        .filter(|n| n.date <= cx.opts.as_of)
        .filter(|n| {
            !link_or_qr
                || n.body.contains("http://")
                || n.body.contains("https://")
                || n.photos.iter().any(|p| {
                    p.file.to_lowercase().contains("qr") || p.title.to_lowercase().contains("qr")
                })
        })
        .collect();
    if matching.len() >= min {
        return Vec::new();
    }
    let what_th = match (tag, item) {
        (Some("ita"), _) => "ข่าวเกี่ยวกับการประเมิน ITA".to_string(),
        (Some("eit"), _) => "ข่าวเชิญชวนตอบแบบสำรวจ EIT (พร้อมลิงก์หรือ QR Code)".to_string(),
        (Some("head"), _) => "ข่าวกิจกรรมของหัวหน้าสถานีตำรวจ".to_string(),
        (Some(t), _) => format!("ข่าวที่มีแท็ก {t}"),
        (None, Some(i)) => format!("ข่าวที่ระบุข้อ {i}"),
        (None, None) => "ข่าว".to_string(),
    };
    let window_th = if in_fy {
        format!(" ในปีงบประมาณ พ.ศ. {}", cx.criteria.file.fiscal_year)
    } else {
        String::new()
    };
    let mut hint_bits = Vec::new();
    if let Some(i) = item {
        hint_bits.push(format!("items: [{i}]"));
    }
    if let Some(t) = tag {
        hint_bits.push(format!("tags: [{t}]"));
    }
    vec![
        Finding::error(
            "news",
            Text::new(
                format!(
                    "มี{what_th}{window_th} {} รายการ ต้องมีอย่างน้อย {min} รายการ",
                    matching.len()
                ),
                format!(
                    "{} matching news item(s){}; at least {min} needed",
                    matching.len(),
                    if in_fy { " in the fiscal year" } else { "" }
                ),
            ),
        )
        .file(std::path::Path::new("news"))
        .hint(Text::new(
            format!(
                "เพิ่มข่าวในโฟลเดอร์ news/ โดยระบุ {} ใน front matter",
                hint_bits.join(" และ ")
            ),
            format!(
                "add news under news/ with {} in its front matter",
                hint_bits.join(" and ")
            ),
        )),
    ]
}

fn languages(cx: &RuleCx, langs: &[String]) -> Vec<Finding> {
    langs
        .iter()
        .filter(|l| !cx.item.attachments.iter().any(|a| &a.lang == *l))
        .map(|l| {
            let th = match l.as_str() {
                "en" => "ภาษาอังกฤษ",
                "th" => "ภาษาไทย",
                other => other,
            };
            at(
                cx,
                "languages",
                "attachments",
                Text::new(
                    format!("ไม่มีเอกสารฉบับ{th}"),
                    format!("no document in language {l}"),
                ),
            )
            .hint(Text::new(
                format!("แนบเอกสารฉบับ{th} และระบุ lang: {l}"),
                format!("attach the {l} version and mark it lang: {l}"),
            ))
        })
        .collect()
}

fn mentions(cx: &RuleCx, terms: &[Vec<String>]) -> Vec<Finding> {
    let mut haystack = cx.item.body.clone();
    for l in &cx.item.links {
        haystack.push('\n');
        haystack.push_str(&l.title);
    }
    for a in &cx.item.attachments {
        haystack.push('\n');
        haystack.push_str(&a.title);
    }
    for t in &cx.item.tables {
        haystack.push('\n');
        haystack.push_str(&t.title);
        for r in &t.rows {
            for c in r.values() {
                haystack.push(' ');
                haystack.push_str(&c.as_text());
            }
        }
    }
    // Thai and Arabic digits are the same number to a reader.
    let norm = |s: &str| thai::lowercase(&thai::to_arabic_digits(s));
    let hay = norm(&haystack);
    terms
        .iter()
        .filter(|group| !group.iter().any(|t| hay.contains(&norm(t))))
        .filter_map(|group| group.first())
        .map(|first| {
            at(
                cx,
                "mentions",
                "title",
                Text::new(
                    format!("ยังไม่พบหัวข้อ \"{first}\""),
                    format!("topic \"{first}\" not found"),
                ),
            )
            .hint(Text::new(
                format!("เพิ่มหัวข้อหรือเอกสารเรื่อง \"{first}\" ในเนื้อหาหรือชื่อไฟล์แนบ"),
                format!("add a section or an attachment titled \"{first}\""),
            ))
        })
        .collect()
}

fn social(cx: &RuleCx, min: usize) -> Vec<Finding> {
    let n = cx
        .site
        .config
        .social
        .iter()
        .filter(|s| url_ok(&s.url, false))
        .count();
    if n >= min {
        return Vec::new();
    }
    vec![
        Finding::error(
            "social",
            Text::new(
                format!("site.yaml มีช่องทางสื่อสังคมออนไลน์ {n} ช่องทาง ต้องมีอย่างน้อย {min}"),
                format!("site.yaml lists {n} social link(s); at least {min} needed"),
            ),
        )
        .file(std::path::Path::new("site.yaml"))
        .hint(Text::new(
            "เพิ่มลิงก์ Facebook หรือ LINE ของสถานีใต้ social:",
            "add the station's Facebook or LINE link under social:",
        )),
    ]
}

/// Listed files that cannot count as evidence (an HTML page named .pdf, a password, a zip
/// bomb, …) are errors; files that count but should be fixed are warnings.
pub(super) fn files(cx: &RuleCx) -> Vec<Finding> {
    let item = cx.item;
    let listed = item.listed_files();
    let mut out = Vec::new();
    for rel in listed {
        let Some(info) = item.file_info(rel) else {
            continue;
        };
        let path = item.dir.join(rel);
        if let Some(problem) = &info.facts.problem {
            out.push(
                Finding::error(
                    "file",
                    Text::new(format!("ไฟล์ \"{rel}\" ใช้เป็นหลักฐานไม่ได้: {}", problem.th), format!("\"{rel}\" cannot count as evidence: {}", problem.en)),
                )
                .file(&path)
                .hint(Text::new(
                    "เปิดไฟล์ต้นฉบับแล้วบันทึกใหม่ในรูปแบบที่ถูกต้อง (เช่น Save as PDF) โดยไม่ใส่รหัสผ่าน",
                    "open the original and save it again in the right format (e.g. Save as PDF), without a password",
                )),
            );
        } else if let Some(note) = &info.facts.note {
            out.push(
                Finding::warning(
                    "file",
                    Text::new(
                        format!("ไฟล์ \"{rel}\": {}", note.th),
                        format!("\"{rel}\": {}", note.en),
                    ),
                )
                .file(&path),
            );
        }
    }
    out
}

/// A page `oit new` wrote and nobody has filled in yet.
pub(super) fn placeholder(cx: &RuleCx) -> Vec<Finding> {
    if !cx.item.placeholder {
        return Vec::new();
    }
    vec![
        at(
            cx,
            "placeholder",
            "placeholder",
            Text::new(
                "ข้อนี้ยังเป็นแบบร่างจาก oit new (placeholder: true)",
                "this item is still the draft written by oit new (placeholder: true)",
            ),
        )
        .hint(Text::new(
            "ใส่ข้อมูลจริงแทนย่อหน้าแนวทาง แล้วลบบรรทัด placeholder: true",
            "replace the guidance with real content, then remove the line placeholder: true",
        )),
    ]
}

/// Files in the item folder that nothing refers to: published, but an assessor will not know what
/// they are.
pub(super) fn orphans(cx: &RuleCx) -> Vec<Finding> {
    let item = cx.item;
    item.unreferenced_files()
        .into_iter()
        .map(|f| {
            Finding::warning(
                "orphan",
                Text::new(
                    format!(
                        "ไฟล์ \"{}\" อยู่ในโฟลเดอร์แต่ไม่ได้ระบุใน attachments หรือ months",
                        f.rel
                    ),
                    format!(
                        "\"{}\" is in the folder but not listed under attachments or months",
                        f.rel
                    ),
                ),
            )
            .file(&item.dir.join(&f.rel))
            .hint(Text::new(
                "ระบุไฟล์ใน attachments: พร้อมชื่อเอกสาร หรือลบไฟล์ที่ไม่ใช้",
                "list it under attachments: with a title, or remove it",
            ))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn url_shapes() {
        assert!(super::url_ok("https://thaipoliceonline.go.th", true));
        assert!(super::url_ok("https://a.b/x?y#z", true));
        assert!(!super::url_ok("http://a.b", true));
        assert!(super::url_ok("http://a.b", false));
        assert!(!super::url_ok("https://localhost", true));
        assert!(!super::url_ok("https://a b.c", true));
        assert!(!super::url_ok("thaipoliceonline.go.th", false));
    }
}
