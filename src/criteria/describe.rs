//! Criteria in words: `oit criteria show` (the document a coordinator holds against the NACC's
//! manual), the guidance `oit new` writes into each item, and the guide on top of
//! `oit criteria new`'s copy. One wording of each rule serves all three.
use super::{Criteria, DateField, Format, FormatGroup, LineSource, Role, Rule};
use crate::diagnostics::{Lang, Text};
use crate::thai;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocFormat {
    Text,
    Md,
    Html,
}

fn formats_words(groups: &[FormatGroup], lang: Lang) -> String {
    let or = if lang == Lang::Th {
        " หรือ "
    } else {
        " or "
    };
    let and = if lang == Lang::Th {
        " และ "
    } else {
        " and "
    };
    groups
        .iter()
        .map(|g| {
            g.alternatives()
                .iter()
                .map(|f| match (f, lang) {
                    (Format::Image, Lang::En) => "image",
                    (f, _) => f.label(),
                })
                .collect::<Vec<_>>()
                .join(or)
        })
        .collect::<Vec<_>>()
        .join(and)
}

fn date_words(s: &str, lang: Lang) -> String {
    match thai::parse_date(s) {
        Ok(d) if lang == Lang::Th => thai::format_long(d),
        Ok(d) => thai::format_long_en(d),
        Err(_) => s.to_string(),
    }
}

/// One rule said in words; `None` for rules every item has (page, officers) when `skip_common`.
pub fn rule_words(rule: &Rule, crit: &Criteria) -> Text {
    let both = |f: &dyn Fn(Lang) -> String| Text::new(f(Lang::Th), f(Lang::En));
    let fy = crit.file.fiscal_year;
    match rule {
        Rule::Page {} => Text::new(
            "มีหน้าของข้อนี้ (โฟลเดอร์และไฟล์ index.md)",
            "the item has its page (folder and index.md)",
        ),
        Rule::Officers { roles } => {
            let names: Vec<(&str, &str)> = roles
                .iter()
                .map(|r| match r {
                    Role::Supervisor => ("ผู้ควบคุม (supervisor)", "a supervisor"),
                    Role::PreparedBy => ("ผู้จัดทำข้อมูล (prepared_by)", "a preparer (prepared_by)"),
                    Role::PublishedBy => ("ผู้เผยแพร่ (published_by)", "a publisher (published_by)"),
                })
                .collect();
            Text::new(
                format!(
                    "ระบุ{}",
                    names.iter().map(|n| n.0).collect::<Vec<_>>().join(" ")
                ),
                format!(
                    "names {}",
                    names.iter().map(|n| n.1).collect::<Vec<_>>().join(", ")
                ),
            )
        }
        Rule::Date {
            field,
            equals,
            on_or_after,
            on_or_before,
            in_fiscal_year,
            not_future,
        } => both(&|lang| {
            let th = lang == Lang::Th;
            let (key, name) = match (field, th) {
                (DateField::Updated, true) => ("updated", "วันที่ปรับปรุงข้อมูลล่าสุด"),
                (DateField::Updated, false) => ("updated", "the date of the last update"),
                (DateField::AsOf, true) => ("as_of", "ข้อมูล ณ วันที่"),
                (DateField::AsOf, false) => ("as_of", "the date the data are as of"),
            };
            let mut parts = Vec::new();
            if let Some(d) = equals {
                parts.push(if th {
                    format!("ตรงกับ {}", date_words(d, lang))
                } else {
                    format!("is {}", date_words(d, lang))
                });
            }
            if let Some(d) = on_or_after {
                parts.push(if th {
                    format!("ไม่ก่อน {}", date_words(d, lang))
                } else {
                    format!("is not before {}", date_words(d, lang))
                });
            }
            if let Some(d) = on_or_before {
                parts.push(if th {
                    format!("ไม่หลัง {}", date_words(d, lang))
                } else {
                    format!("is not after {}", date_words(d, lang))
                });
            }
            if *in_fiscal_year {
                parts.push(if th {
                    format!("อยู่ในปีงบประมาณ {fy}")
                } else {
                    format!("lies in fiscal year {fy}")
                });
            }
            if *not_future {
                parts.push(if th {
                    "ไม่ใช่วันในอนาคต".into()
                } else {
                    "is not in the future".into()
                });
            }
            if th {
                format!("ระบุ{name} (`{key}:`) {}", parts.join(" "))
            } else {
                format!("states {name} (`{key}:`), which {}", parts.join(", "))
            }
        }),
        Rule::Attachments {
            min,
            formats,
            lang: doc_lang,
        } => both(&|lang| {
            let th = lang == Lang::Th;
            let f = formats_words(formats, lang);
            let l = match (doc_lang.as_deref(), th) {
                (Some("en"), true) => " ฉบับภาษาอังกฤษ",
                (Some("en"), false) => " in English",
                _ => "",
            };
            match (th, f.is_empty()) {
                (true, true) => format!("มีไฟล์แนบอย่างน้อย {min} ไฟล์{l}"),
                (true, false) => format!("มีไฟล์แนบอย่างน้อย {min} ไฟล์{l} เป็น {f}"),
                (false, true) => format!("at least {min} attached file(s){l}"),
                (false, false) => format!("at least {min} attached file(s){l}, as {f}"),
            }
        }),
        Rule::Monthly {
            formats,
            allow_none,
        } => both(&|lang| {
            let (first, last) = match lang {
                Lang::Th => (
                    thai::format_month_long(crit.from),
                    thai::format_month_long(crit.to),
                ),
                Lang::En => (
                    thai::format_month_long_en(crit.from),
                    thai::format_month_long_en(crit.to),
                ),
            };
            let f = formats_words(formats, lang);
            match (lang, *allow_none) {
                (Lang::Th, none) => format!(
                    "รายงานแยกรายเดือน ทุกเดือนตั้งแต่ {first} ถึง {last} เป็นไฟล์ {f}{}",
                    if none {
                        " (เดือนที่ไม่มีรายการ ให้ระบุว่าไม่มี พร้อมเหตุผล)"
                    } else {
                        ""
                    }
                ),
                (Lang::En, none) => format!(
                    "a report for every month from {first} to {last}, as {f}{}",
                    if none {
                        " (a month with nothing to report says so)"
                    } else {
                        ""
                    }
                ),
            }
        }),
        Rule::Table {
            table_kind,
            min_rows,
            required,
            images,
        } => Text::new(
            format!(
                "ตารางข้อมูลชนิด {table_kind} อย่างน้อย {min_rows} แถว ทุกแถวต้องมี {}{}",
                required.join(", "),
                if images.is_empty() {
                    String::new()
                } else {
                    format!(" และรูปในคอลัมน์ {}", images.join(", "))
                }
            ),
            format!(
                "a {table_kind} data table of at least {min_rows} row(s), every row with {}{}",
                required.join(", "),
                if images.is_empty() {
                    String::new()
                } else {
                    format!(", and images in {}", images.join(", "))
                }
            ),
        ),
        Rule::LinesOfWork { source, .. } => {
            let lines = crit.file.lines_of_work.join(", ");
            match source {
                LineSource::Attachments => Text::new(
                    format!("ครบทุกสายงาน ({lines}) โดยไฟล์แนบแต่ละไฟล์ระบุสายงาน (line:)"),
                    format!("every line of work ({lines}), each attachment marked with its line:"),
                ),
                LineSource::Table => Text::new(
                    format!("ครบทุกสายงาน ({lines}) ในตารางข้อมูล"),
                    format!("every line of work ({lines}) in the data table"),
                ),
            }
        }
        Rule::Links { keys, https } => Text::new(
            format!(
                "มีลิงก์ {}{}",
                keys.join(", "),
                if *https { " (https)" } else { "" }
            ),
            format!(
                "links {}{}",
                keys.join(", "),
                if *https { " (https)" } else { "" }
            ),
        ),
        Rule::Facts { keys } => Text::new(
            format!("ระบุข้อมูล {} ใต้ facts:", keys.join(", ")),
            format!("facts {} stated under facts:", keys.join(", ")),
        ),
        Rule::Contact { fields } => Text::new(
            format!("site.yaml มีข้อมูลติดต่อ {}", fields.join(", ")),
            format!("site.yaml's contact has {}", fields.join(", ")),
        ),
        Rule::News {
            min,
            item,
            tag,
            from,
            in_fiscal_year,
            needs_link_or_qr,
        } => both(&|lang| {
            let th = lang == Lang::Th;
            let mut parts = Vec::new();
            if let Some(i) = item {
                parts.push(if th {
                    format!("ระบุข้อ {i}")
                } else {
                    format!("listing item {i}")
                });
            }
            if let Some(t) = tag {
                parts.push(if th {
                    format!("มีแท็ก {t}")
                } else {
                    format!("tagged {t}")
                });
            }
            if let Some(f) = from {
                parts.push(if th {
                    format!("ลงวันที่ตั้งแต่ {}", date_words(f, lang))
                } else {
                    format!("dated from {}", date_words(f, lang))
                });
            }
            if *in_fiscal_year {
                parts.push(if th {
                    format!("ในปีงบประมาณ {fy}")
                } else {
                    format!("in fiscal year {fy}")
                });
            }
            if *needs_link_or_qr {
                parts.push(if th {
                    "มีลิงก์หรือ QR Code".into()
                } else {
                    "with a link or QR code".into()
                });
            }
            if th {
                format!("ข่าวอย่างน้อย {min} ข่าว {}", parts.join(" "))
            } else {
                format!("at least {min} news item(s) {}", parts.join(", "))
            }
        }),
        Rule::Languages { langs } => Text::new(
            format!("เอกสารครบทุกภาษา: {}", langs.join(", ")),
            format!("documents in every language: {}", langs.join(", ")),
        ),
        Rule::Mentions { terms } => {
            let groups: Vec<String> = terms.iter().map(|t| t.join(" / ")).collect();
            Text::new(
                format!("กล่าวถึงทุกเรื่อง: {}", groups.join("; ")),
                format!("mentions each of: {}", groups.join("; ")),
            )
        }
        Rule::Social { min } => Text::new(
            format!("มีช่องทางสื่อสังคมออนไลน์อย่างน้อย {min} ช่องทางใน site.yaml"),
            format!("at least {min} social media link(s) in site.yaml"),
        ),
    }
}

enum Block {
    Title(String),
    Heading(String),
    Para(String),
    List(Vec<String>),
}

fn blocks(crit: &Criteria, lang: Lang) -> Vec<Block> {
    let f = &crit.file;
    let th = lang == Lang::Th;
    let mut b = vec![Block::Title(crit.title().get(lang).to_string())];
    let months: Vec<String> = crit
        .months()
        .into_iter()
        .map(|m| {
            if th {
                thai::format_month_short(m)
            } else {
                thai::format_month_long_en(m)
            }
        })
        .collect();
    let mut facts = vec![
        if th {
            format!("รหัสเกณฑ์: {}", f.id)
        } else {
            format!("criteria id: {}", f.id)
        },
        if th {
            format!("ปีงบประมาณ: {}", f.fiscal_year)
        } else {
            format!("fiscal year: {} (BE)", f.fiscal_year)
        },
        if th {
            format!("เดือนที่ประเมิน ({} เดือน): {}", months.len(), months.join(", "))
        } else {
            format!("months assessed ({}): {}", months.len(), months.join(", "))
        },
        if th {
            format!("เดือนถึงกำหนดเมื่อสิ้นเดือนแล้ว {} วัน", f.grace_days)
        } else {
            format!("a month is due {} day(s) after it ends", f.grace_days)
        },
    ];
    if !f.lines_of_work.is_empty() {
        facts.push(if th {
            format!("สายงาน: {}", f.lines_of_work.join(", "))
        } else {
            format!("lines of work: {}", f.lines_of_work.join(", "))
        });
    }
    facts.push(match (crit.verified(), th) {
        (true, true) => "สถานะ: ตรวจสอบกับคู่มือของปีนี้แล้ว".into(),
        (true, false) => "status: verified against this year's manual".into(),
        (false, _) => crit
            .notice()
            .map(|n| n.get(lang).to_string())
            .unwrap_or_default(),
    });
    b.push(Block::List(facts));
    for item in &f.items {
        let title = if th || item.title_en.is_empty() {
            &item.title_th
        } else {
            &item.title_en
        };
        b.push(Block::Heading(format!("{} {title}", item.code)));
        let summary = if th || item.summary_en.is_empty() {
            &item.summary_th
        } else {
            &item.summary_en
        };
        if !summary.trim().is_empty() {
            b.push(Block::Para(summary.trim().to_string()));
        }
        let rules: Vec<String> = item
            .rules
            .iter()
            .map(|spec| {
                let sev = match (spec.severity, th) {
                    (crate::diagnostics::Severity::Error, true) => "ต้องมี",
                    (crate::diagnostics::Severity::Error, false) => "required",
                    (crate::diagnostics::Severity::Warning, true) => "คำแนะนำ",
                    (crate::diagnostics::Severity::Warning, false) => "advice",
                };
                format!("[{sev}] {}", rule_words(&spec.rule, crit).get(lang))
            })
            .collect();
        b.push(Block::List(rules));
    }
    b
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// `oit criteria show`: every item of the year, what the assessor looks for and each rule.
pub fn describe(crit: &Criteria, lang: Lang, format: DocFormat) -> String {
    let mut out = String::new();
    let blocks = blocks(crit, lang);
    if format == DocFormat::Html {
        out.push_str(&format!(
            "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{}</title>\n<style>body{{font-family:Sarabun,Tahoma,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem;line-height:1.7;color:#1a1a1a}}h2{{border-top:1px solid #ccc;padding-top:1rem}}li{{margin:.2rem 0}}</style></head><body>\n",
            if lang == Lang::Th { "th" } else { "en" },
            esc(crit.title().get(lang))
        ));
    }
    for block in blocks {
        match (block, format) {
            (Block::Title(t), DocFormat::Text) => out.push_str(&format!(
                "{t}\n{}\n\n",
                "=".repeat(t.chars().count().min(80))
            )),
            (Block::Title(t), DocFormat::Md) => out.push_str(&format!("# {t}\n\n")),
            (Block::Title(t), DocFormat::Html) => out.push_str(&format!("<h1>{}</h1>\n", esc(&t))),
            (Block::Heading(t), DocFormat::Text) => {
                out.push_str(&format!("{t}\n{}\n", "-".repeat(t.chars().count().min(80))))
            }
            (Block::Heading(t), DocFormat::Md) => out.push_str(&format!("## {t}\n\n")),
            (Block::Heading(t), DocFormat::Html) => {
                out.push_str(&format!("<h2>{}</h2>\n", esc(&t)))
            }
            (Block::Para(p), DocFormat::Html) => out.push_str(&format!("<p>{}</p>\n", esc(&p))),
            (Block::Para(p), _) => out.push_str(&format!("{p}\n\n")),
            (Block::List(items), DocFormat::Html) => {
                out.push_str("<ul>\n");
                for i in items {
                    out.push_str(&format!("<li>{}</li>\n", esc(&i)));
                }
                out.push_str("</ul>\n");
            }
            (Block::List(items), _) => {
                for i in items {
                    out.push_str(&format!("- {i}\n"));
                }
                out.push('\n');
            }
        }
    }
    if format == DocFormat::Html {
        out.push_str("</body></html>\n");
    }
    out
}

/// The comment block on top of `oit criteria new`'s copy: what each key means, in Thai first.
pub fn guide_comment(year: Option<u16>) -> String {
    let y = year.map_or_else(|| "{FY}".to_string(), |y| y.to_string());
    let lines = [
        "คู่มือการแก้ไขไฟล์เกณฑ์ (บรรทัดที่ขึ้นต้นด้วย # เป็นคำอธิบาย โปรแกรมไม่อ่าน)".to_string(),
        format!("ไฟล์นี้เป็นสำเนาที่แก้ไขได้ ใช้ตรวจปีงบประมาณ {y} ให้เทียบทุกข้อกับคู่มือการประเมิน ITA ของสำนักงาน ป.ป.ช. ฉบับจริง"),
        "แล้วตรวจไฟล์ด้วย: oit criteria check ชื่อไฟล์.yaml  และดูผลเป็นเอกสารด้วย: oit criteria show ชื่อไฟล์.yaml".to_string(),
        "".into(),
        "หัวข้อระดับบนสุด:".into(),
        "  id:                    รหัสของเกณฑ์ (ใช้ชื่อไฟล์ไม่มี .yaml)".into(),
        "  title_th / title_en:   ชื่อเกณฑ์ภาษาไทย / อังกฤษ".into(),
        "  agency:                ประเภทหน่วยงาน (police-station)".into(),
        "  fiscal_year:           ปีงบประมาณ พ.ศ. ที่เกณฑ์นี้ใช้ (เขียน {FY} ถ้าไฟล์ใช้ได้หลายปี)".into(),
        "  years:                 (เฉพาะไฟล์หลายปี) ปีที่ใช้ได้ เช่น { from: 2571, to: 2575 }".into(),
        "  carried_forward_from:  มีเมื่อเกณฑ์ยกมาจากปีอื่นและยังไม่ได้ตรวจกับคู่มือ ลบทิ้งเมื่อตรวจครบแล้ว".into(),
        "  period:                เดือนที่ผู้ประเมินตรวจ เช่น { from: 2569-10, to: 2570-03 } (6 เดือนแรก)".into(),
        "  grace_days:            เดือนถึงกำหนดส่งเมื่อสิ้นเดือนแล้วกี่วัน".into(),
        "  lines_of_work:         รายชื่อสายงานของสถานี".into(),
        "  items:                 ข้อ O1, O2, … แต่ละข้อมี code, title_th, title_en, summary_th, summary_en, rules".into(),
        "".into(),
        "ตัวแทนปี (ใช้ได้ทุกที่ในไฟล์): {FY} = ปีงบประมาณ, {FY-1} = ปีก่อนหน้า, {FY+1} = ปีถัดไป, {FY CE} = ปีงบประมาณเป็น ค.ศ.".into(),
        "  เช่น ข้อมูล ณ 31 ธันวาคมของปีแรกของปีงบประมาณ: equals: {FY-1}-12-31".into(),
        "".into(),
        "กฎ (rules:) แต่ละข้อมี kind, severity (error = ไม่ผ่าน, warning = คำแนะนำ) และ message_th / hint_th ที่ใช้แทนข้อความเดิมได้".into(),
        "  page            มีหน้าของข้อนี้".into(),
        "  officers        ระบุผู้รับผิดชอบ roles: [supervisor, prepared_by, published_by]".into(),
        "  date            field: updated | as_of พร้อม equals / on_or_after / on_or_before / in_fiscal_year / not_future".into(),
        "  attachments     min: จำนวนไฟล์, formats: [pdf, [excel, word]] (รายการในวงเล็บซ้อน = อย่างใดอย่างหนึ่ง), lang: th | en".into(),
        "  monthly         รายงานทุกเดือนของ period, formats:, allow_none: true ถ้าเดือนที่ไม่มีรายการระบุว่าไม่มีได้".into(),
        "  table           table_kind:, min_rows:, required: [คอลัมน์ที่ต้องกรอก], images: [คอลัมน์รูป]".into(),
        "  lines_of_work   ครบทุกสายงาน source: attachments | table".into(),
        "  links           keys: [ชื่อลิงก์], https: true".into(),
        "  facts           keys: [ชื่อข้อมูล]".into(),
        "  contact         fields: [address, phone, email, map_url]".into(),
        "  news            min:, item: O6, tag: ita, from: วันที่, in_fiscal_year: true, needs_link_or_qr: true".into(),
        "  languages       langs: [th, en]".into(),
        "  mentions        terms: [[คำ, คำที่ใช้แทนได้], …]".into(),
        "  social          min: จำนวนช่องทางสื่อสังคมออนไลน์".into(),
        "รายละเอียดทั้งหมด: src/criteria/CRITERIA.md".into(),
    ];
    let mut out = String::from(
        "# ---------------------------------------------------------------------------------------------\n",
    );
    for l in lines {
        if l.is_empty() {
            out.push_str("#\n");
        } else {
            out.push_str(&format!("# {l}\n"));
        }
    }
    out.push_str("# ---------------------------------------------------------------------------------------------\n");
    out
}
