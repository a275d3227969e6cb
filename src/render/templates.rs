//! The theme: tera templates (embedded default, optionally overridden from `--theme DIR`) and
//! its static files. Templates are parsed once per run.
use crate::diagnostics::{Finding, Text};
use crate::memo::Keyed;
use crate::thai;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use tera::{Kwargs, State, Tera};

use crate::embedded;

/// What a page is rendered from: template, the page's own context, canonical address.
type PageInput = (&'static str, Arc<serde_json::Value>, String);

pub struct Theme {
    pub tera: Tera,
    /// Static files: path under `assets/` → bytes. Ordered so output is deterministic.
    pub assets: BTreeMap<String, Vec<u8>>,
    /// For `serve` (`memo` on): each page's last template, context and HTML. A page
    /// whose context is unchanged is not rendered again; it lives with the theme, so a changed
    /// theme starts afresh.
    pages: Keyed<PageInput, Result<Vec<u8>, Finding>>,
    /// The site-wide context the remembered pages were rendered with.
    base: Mutex<Option<tera::Context>>,
    renders: AtomicUsize,
    pages_seen: AtomicUsize,
    /// Of every template and static file, names and bytes: the build cache redoes every page
    /// when the theme changed.
    digest: u64,
}

/// The built-in theme's templates and static files, then `dir`'s on top of them.
pub fn load_theme(dir: Option<&Path>) -> Result<Theme, Finding> {
    let mut templates: BTreeMap<String, String> = BTreeMap::new();
    let mut assets: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    for (path, bytes) in embedded::THEME {
        if let Some(name) = path.strip_prefix("templates/") {
            templates.insert(
                name.to_string(),
                String::from_utf8_lossy(bytes).into_owned(),
            );
        } else if let Some(name) = path.strip_prefix("static/") {
            assets.insert(name.to_string(), bytes.to_vec());
        }
    }
    if let Some(dir) = dir {
        if !dir.is_dir() {
            return Err(theme_error(
                dir,
                Text::new("ไม่พบโฟลเดอร์ธีม", "theme folder not found"),
            ));
        }
        for (sub, is_template) in [("templates", true), ("static", false)] {
            let base = dir.join(sub);
            for entry in walkdir::WalkDir::new(&base)
                .sort_by_file_name()
                .into_iter()
                .filter_map(Result::ok)
            {
                if !entry.file_type().is_file() {
                    continue;
                }
                let rel = entry
                    .path()
                    .strip_prefix(&base)
                    .unwrap_or(entry.path())
                    .to_string_lossy()
                    .replace('\\', "/");
                let bytes = std::fs::read(entry.path()).map_err(|e| {
                    let why = crate::os_error::reason(&e, crate::os_error::Op::Read);
                    theme_error(
                        entry.path(),
                        Text::new(
                            format!("อ่านไฟล์ธีมไม่ได้: {}", why.th),
                            format!("cannot read theme file: {}", why.en),
                        ),
                    )
                })?;
                if is_template {
                    let text = String::from_utf8(bytes).map_err(|_| {
                        theme_error(
                            entry.path(),
                            Text::new("แม่แบบต้องเป็น UTF-8", "templates must be UTF-8"),
                        )
                    })?;
                    templates.insert(rel, text);
                } else {
                    assets.insert(rel, bytes);
                }
            }
        }
    }
    let digest = {
        use std::hash::Hasher;
        let mut h = crate::memo::build_cache::stamp::hasher();
        for (name, text) in &templates {
            h.write(name.as_bytes());
            h.write_u8(0xff);
            h.write(text.as_bytes());
            h.write_u8(0xff);
        }
        for (name, bytes) in &assets {
            h.write(name.as_bytes());
            h.write_u8(0xfe);
            h.write(bytes);
            h.write_u8(0xfe);
        }
        h.finish()
    };
    let mut tera = Tera::new();
    register_filters(&mut tera);
    tera.add_raw_templates(templates.iter().map(|(n, t)| (n.as_str(), t.as_str())))
        .map_err(|e| {
            Finding::error(
                "template",
                Text::new(
                    format!("แม่แบบ (template) ผิดพลาด: {e}"),
                    format!("template error: {e}"),
                ),
            )
        })?;
    Ok(Theme {
        tera,
        assets,
        pages: Keyed::new(),
        base: Mutex::default(),
        renders: AtomicUsize::new(0),
        pages_seen: AtomicUsize::new(0),
        digest,
    })
}

fn theme_error(path: &Path, msg: Text) -> Finding {
    Finding::error("theme", msg).file(path)
}

fn register_filters(tera: &mut Tera) {
    tera.register_filter("thai_date", |s: &str, _: Kwargs, _: &State| {
        fmt_date(s, thai::format_long)
    });
    tera.register_filter("thai_date_short", |s: &str, _: Kwargs, _: &State| {
        fmt_date(s, thai::format_short)
    });
    tera.register_filter("thai_digits", |s: &str, _: Kwargs, _: &State| {
        thai::to_thai_digits(s)
    });
    // Both return HTML (the text escaped, plus no-wrap spans): use them before `| safe`.
    tera.register_filter("keep_words", |s: &str, _: Kwargs, _: &State| keep_words(s));
    tera.register_filter("person", |s: &str, _: Kwargs, _: &State| person_html(s));
}

/// Thai compounds that Chromium's line breaker (ICU's word dictionary) cuts in two, leaving
/// halves that read as other words at a line end: กำลัง|พล, ร้อง|เรียน, งบ|ประมาณ,
/// ประพฤติ|มิ|ชอบ. Measured in Chromium 156 by laying each word out in a zero-width box.
/// `word-break: keep-all` does not help (Chromium ignores it for Thai), and `<wbr>` only adds
/// break points, so these words are kept whole by a no-wrap span instead; the text itself is
/// unchanged (search and copy-paste see the same characters). Longer entries win over the
/// shorter ones they contain (อัตรากำลังพล over กำลังพล).
const KEEP_WHOLE: &[&str] = &[
    "งบประมาณ",
    "อัตรากำลังพล",
    "กำลังพล",
    "อัตรากำลัง",
    "ร้องเรียน",
    "ประพฤติมิชอบ",
    "จัดซื้อจัดจ้าง",
    "จัดซื้อ",
    "จัดจ้าง",
    "ใบสั่งซื้อ",
    "ใบสั่งจ้าง",
    "ปราบปราม",
    "เปิดเผย",
    "ราคากลาง",
    "หลักเกณฑ์",
    "ขั้นตอน",
    "สัญญาบัตร",
    "ทับซ้อน",
    "บังคับบัญชา",
    "ผู้มีส่วนได้ส่วนเสีย",
    "ส่วนได้ส่วนเสีย",
    "คัดเลือก",
    "ดำเนินงาน",
    "ตรวจสอบ",
    "ความคิดเห็น",
    "เลขที่",
    "ลงวันที่",
    "ผู้บริหาร",
    "ผู้กำกับการ",
    "อำนวยการ",
    "ช่องทาง",
    "วิสัยทัศน์",
    "พันธกิจ",
    "สายตรวจ",
    "หมึกพิมพ์",
    "รับรู้",
    "ประจำปี",
    "พันธะสัญญา",
    "รายชื่อ",
    "ใบเสร็จ",
    "ของขวัญ",
    "ของกำนัล",
    "ร้อยเวร",
    "ผ้าเบรก",
    "กรวยยาง",
    "ผลกระทบ",
];

/// Thai marks and vowels written after (or above, below) the letter they belong to: a word
/// followed by one of these ends mid-syllable, so it is not the listed word.
fn continues_syllable(c: char) -> bool {
    matches!(c, '\u{0E30}'..='\u{0E3A}' | '\u{0E45}'..='\u{0E4E}')
}

/// Vowels written before their consonant (เ แ โ ใ ไ): a word right after one starts
/// mid-syllable.
fn leads_syllable(c: char) -> bool {
    matches!(c, '\u{0E40}'..='\u{0E44}')
}

/// `KEEP_WHOLE` by first letter, longest first.
fn keep_index() -> &'static [Vec<&'static str>; 128] {
    static INDEX: std::sync::OnceLock<[Vec<&'static str>; 128]> = std::sync::OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index: [Vec<&'static str>; 128] = std::array::from_fn(|_| Vec::new());
        for w in KEEP_WHOLE {
            let first = w.chars().next().unwrap_or_default() as usize;
            if let Some(slot) = first.checked_sub(0x0E00).and_then(|i| index.get_mut(i)) {
                slot.push(w);
            }
        }
        for slot in &mut index {
            slot.sort_by_key(|w| std::cmp::Reverse(w.len()));
        }
        index
    })
}

/// `text` HTML-escaped, with the compounds of `KEEP_WHOLE` in `<span class="nw">` (no wrap).
pub fn keep_words(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    keep_words_into(&mut out, text);
    out
}

pub fn keep_words_into(out: &mut String, text: &str) {
    // Thai letters are U+0E00–U+0E7F, three bytes starting with 0xE0 in UTF-8.
    if !text.as_bytes().contains(&0xE0) {
        escape_into(out, text);
        return;
    }
    let index = keep_index();
    let mut plain = 0;
    let mut prev: Option<char> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let found = (c as usize)
            .checked_sub(0x0E00)
            .and_then(|k| index.get(k))
            .filter(|_| !prev.is_some_and(leads_syllable))
            .and_then(|words| {
                words.iter().find(|w| {
                    text[i..].starts_with(**w)
                        && !text[i + w.len()..]
                            .chars()
                            .next()
                            .is_some_and(continues_syllable)
                })
            });
        prev = Some(c);
        let Some(word) = found else { continue };
        escape_into(out, &text[plain..i]);
        out.push_str("<span class=\"nw\">");
        out.push_str(word);
        out.push_str("</span>");
        plain = i + word.len();
        while chars.peek().is_some_and(|&(j, _)| j < plain) {
            prev = chars.next().map(|(_, c)| c);
        }
    }
    escape_into(out, &text[plain..]);
}

/// A person's (or a shop's) name as HTML: each space-separated part in a no-wrap span, so a
/// line may break between rank+first name and surname but never inside them (names are not in
/// the dictionary: Chromium cut การะเกตุ into กา|ระ|เกตุ). A part longer than any name is
/// ordinary text (a description typed in a name column) and keeps its break points.
pub fn person_html(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 40);
    for (n, part) in name.split(' ').enumerate() {
        if n > 0 {
            out.push(' ');
        }
        if part.is_empty() {
            continue;
        }
        if part.chars().count() <= NAME_PART_MAX {
            out.push_str("<span class=\"nw\">");
            escape_into(&mut out, part);
            out.push_str("</span>");
        } else {
            keep_words_into(&mut out, part);
        }
    }
    out
}

/// Longest rank+first name or surname kept on one line, in characters (พ.ต.อ.ประเสริฐศักดิ์
/// is 20, ศรีสุวรรณวงศ์ไพบูลย์ 20).
const NAME_PART_MAX: usize = 26;

/// Whether a column holds people's (or shops') names, whose parts must not be cut at a line
/// end: by its header, as stations write it (ยศ ชื่อ สกุล, ชื่อ-สกุล, ผู้ได้รับการคัดเลือก…).
pub fn is_name_column(label: &str) -> bool {
    const NAMES: &[&str] = &[
        "ชื่อ",
        "สกุล",
        "ผู้ได้รับการคัดเลือก",
        "ผู้เสนอราคา",
        "ผู้รับจ้าง",
        "ผู้ขาย",
        "คู่สัญญา",
        "ผู้รับผิดชอบ",
    ];
    // "ชื่อเอกสาร", "ชื่อโครงการ"… name things, not people: their text keeps its break points.
    const THINGS: &[&str] = &["ชื่อเอกสาร", "ชื่อโครงการ", "ชื่อไฟล์", "ชื่องาน", "ชื่อหน่วยงาน"];
    NAMES.iter().any(|n| label.contains(n)) && !THINGS.iter().any(|t| label.contains(t))
}

/// How wide a text column should at least be, from its longest cell: short values stay on one
/// line, long ones get room for a few lines instead of ten (a 10-column procurement table had
/// 180 px rows of one-word lines).
pub fn width_class(t: &crate::content::Table, c: &crate::content::Column) -> &'static str {
    if c.kind != crate::content::ColumnType::Text {
        return "";
    }
    let longest = t
        .rows
        .iter()
        .filter_map(|r| match r.get(&c.key) {
            Some(crate::content::Cell::Text(s)) => Some(s.chars().count()),
            _ => None,
        })
        .max()
        .unwrap_or(0);
    match longest {
        0..=14 => "w-s",
        15..=40 => "w-m",
        41..=90 => "w-l",
        _ => "w-xl",
    }
}

/// Appends `s` to `out`, HTML-escaped (text and attribute values alike).
pub(super) fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
}

/// Dates reach templates as ISO strings; anything else is shown as it is rather than failing
/// the whole page.
fn fmt_date(s: &str, f: fn(jiff::civil::Date) -> String) -> String {
    match s.parse::<jiff::civil::Date>() {
        Ok(d) => f(d),
        Err(_) => s.to_string(),
    }
}

/// Starts rendering a site whose every page shares `base`. When `serve` remembers pages, a
/// different `base` (a new menu, station name…) forgets them all.
pub fn begin_site(theme: &Theme, base: &tera::Context) {
    if !crate::memo::enabled() {
        return;
    }
    let mut last = theme.base.lock().unwrap_or_else(|e| e.into_inner());
    if last.as_ref() != Some(base) {
        theme.pages.clear();
        *last = Some(base.clone());
    }
}

/// The HTML of the page at `path`: `template` rendered with the context `context(extra)`
/// makes (`extra` is what the page shows beyond the site-wide context `begin_site` gave, and
/// `canonical` its absolute address); or, when `serve` remembers, the HTML of the last rendering
/// of that path if template and data are the same (comparing the data is far cheaper than making
/// the context and rendering; `extra` is shared, so a page remembered upstream compares by
/// pointer).
pub fn render_page(
    theme: &Theme,
    path: &str,
    template: &'static str,
    extra: Arc<serde_json::Value>,
    canonical: String,
    context: impl FnOnce(&serde_json::Value, &str) -> tera::Context,
) -> Result<Vec<u8>, Finding> {
    theme.pages_seen.fetch_add(1, Ordering::Relaxed);
    theme.pages.get_or(
        path,
        (template, extra, canonical),
        |(template, extra, canonical)| {
            theme.renders.fetch_add(1, Ordering::Relaxed);
            render(theme, template, &context(extra, canonical))
        },
    )
}

impl Theme {
    /// The theme's content, as one number (`load_theme`).
    pub fn digest(&self) -> u64 {
        self.digest
    }

    /// How many pages this theme has rendered so far (not counting remembered ones): `serve`
    /// reports how many a rebuild had to render.
    pub fn renders(&self) -> usize {
        self.renders.load(Ordering::Relaxed)
    }

    /// How many pages were asked of this theme, rendered or remembered.
    pub fn pages_seen(&self) -> usize {
        self.pages_seen.load(Ordering::Relaxed)
    }
}

/// Renders `name` with `context` into HTML bytes; errors name the template. Written into a
/// buffer the size of a typical page (most fit without growing it), and not checked as UTF-8
/// again: every template and value is a `str`, and the links check reads bytes.
pub fn render(theme: &Theme, name: &str, context: &tera::Context) -> Result<Vec<u8>, Finding> {
    let mut html = Vec::with_capacity(24 * 1024);
    match theme.tera.render_to(name, context, &mut html) {
        Ok(()) => Ok(html),
        Err(e) => Err(template_error(name, &e)),
    }
}

fn template_error(name: &str, e: &tera::Error) -> Finding {
    let mut msg = e.to_string();
    let mut src = std::error::Error::source(e);
    while let Some(s) = src {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        src = s.source();
    }
    Finding::error(
        "template",
        Text::new(
            format!("สร้างหน้า {name} ไม่สำเร็จ: {msg}"),
            format!("rendering {name} failed: {msg}"),
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compounds_are_kept_whole_and_text_is_unchanged() {
        let html = keep_words("เรื่องร้องเรียนการทุจริตและประพฤติมิชอบ <b>");
        assert_eq!(
            html,
            "เรื่อง<span class=\"nw\">ร้องเรียน</span>การทุจริตและ<span class=\"nw\">ประพฤติมิชอบ</span> &lt;b&gt;"
        );
        // The longest entry wins.
        assert_eq!(
            keep_words("อัตรากำลังพล"),
            "<span class=\"nw\">อัตรากำลังพล</span>"
        );
        assert_eq!(keep_words("a & b"), "a &amp; b");
        assert_eq!(keep_words(""), "");
    }

    #[test]
    fn a_match_inside_a_syllable_is_not_a_word() {
        // ขั้นตอนา: the vowel after ขั้นตอน belongs to its last letter.
        assert_eq!(keep_words("ขั้นตอนา"), "ขั้นตอนา");
        // เ before รับรู้ belongs to ร.
        assert_eq!(keep_words("เรับรู้"), "เรับรู้");
    }

    #[test]
    fn name_columns_are_told_by_their_header() {
        for l in [
            "ยศ ชื่อ สกุล",
            "ชื่อ-สกุล",
            "ผู้ได้รับการคัดเลือกและราคาที่ตกลง",
            "ผู้เสนอราคา",
        ] {
            assert!(is_name_column(l), "{l}");
        }
        for l in ["ชื่อเอกสาร", "ชื่อโครงการ", "ตำแหน่ง", "เหตุผลที่คัดเลือก"]
        {
            assert!(!is_name_column(l), "{l}");
        }
    }

    #[test]
    fn names_break_between_parts_only() {
        assert_eq!(
            person_html("พ.ต.อ.พงษ์พีระ การะเกตุ"),
            "<span class=\"nw\">พ.ต.อ.พงษ์พีระ</span> <span class=\"nw\">การะเกตุ</span>"
        );
        assert_eq!(
            person_html("ร้าน <ก>"),
            "<span class=\"nw\">ร้าน</span> <span class=\"nw\">&lt;ก&gt;</span>"
        );
        let long = "ซื้อวัสดุสำนักงานกระดาษหมึกพิมพ์แฟ้มเอกสารจำนวนมาก";
        assert!(!person_html(long).starts_with("<span class=\"nw\">ซื้อ"));
    }
}
