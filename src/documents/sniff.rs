//! What a published file really is, decided from its content rather than its name, and whether
//! it can count for the rules: a ".pdf" that is a saved web page, a password-protected workbook
//! or a half-uploaded file must not count as the document the criteria ask for.
use std::fs::File;
use std::io::Read;
use std::path::Path;
use std::time::Duration;

use quick_xml::events::Event;

use super::isolate::guard;
use super::ole::{self, OleKind};
use super::pdf;
use super::text::{self, Encoding, TextKind};
use super::zipread::{BoundedZip, ZipLimits, ZipProblem};
use super::{format_of_ext, xml_local_name};
use crate::criteria::Format;
use crate::diagnostics::Text;

/// The real type of a file, from its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Pdf,
    Docx,
    Xlsx,
    Pptx,
    /// Word 97-2003 (OLE compound file with a `WordDocument` stream).
    Doc,
    /// Excel 97-2003 (OLE compound file with a `Workbook` stream).
    Xls,
    /// Another OLE compound file (PowerPoint 97-2003, Outlook message, ...).
    LegacyOffice,
    Odt,
    Ods,
    Png,
    Jpeg,
    Gif,
    Webp,
    Html,
    Csv,
    Text,
    /// A zip that is not an Office or OpenDocument file.
    Zip,
    Empty,
    Unknown,
}

impl Kind {
    /// Short Thai name, for messages.
    pub fn label_th(self) -> &'static str {
        match self {
            Kind::Pdf => "PDF",
            Kind::Docx => "Word",
            Kind::Xlsx => "Excel",
            Kind::Pptx => "PowerPoint",
            Kind::Doc => "Word 97-2003 (.doc)",
            Kind::Xls => "Excel 97-2003 (.xls)",
            Kind::LegacyOffice => "ไฟล์ Office รุ่นเก่า",
            Kind::Odt => "เอกสาร OpenDocument (.odt)",
            Kind::Ods => "ตารางคำนวณ OpenDocument (.ods)",
            Kind::Png => "รูปภาพ PNG",
            Kind::Jpeg => "รูปภาพ JPEG",
            Kind::Gif => "รูปภาพ GIF",
            Kind::Webp => "รูปภาพ WebP",
            Kind::Html => "หน้าเว็บ (HTML)",
            Kind::Csv => "CSV",
            Kind::Text => "ข้อความธรรมดา",
            Kind::Zip => "ไฟล์บีบอัด ZIP",
            Kind::Empty => "ไฟล์ว่าง",
            Kind::Unknown => "ไฟล์ที่ไม่รู้จักชนิด",
        }
    }

    /// Short English name, for messages.
    pub fn label_en(self) -> &'static str {
        match self {
            Kind::Pdf => "PDF",
            Kind::Docx => "Word",
            Kind::Xlsx => "Excel",
            Kind::Pptx => "PowerPoint",
            Kind::Doc => "Word 97-2003 (.doc)",
            Kind::Xls => "Excel 97-2003 (.xls)",
            Kind::LegacyOffice => "a legacy Office file",
            Kind::Odt => "OpenDocument text (.odt)",
            Kind::Ods => "OpenDocument spreadsheet (.ods)",
            Kind::Png => "a PNG image",
            Kind::Jpeg => "a JPEG image",
            Kind::Gif => "a GIF image",
            Kind::Webp => "a WebP image",
            Kind::Html => "a web page (HTML)",
            Kind::Csv => "CSV",
            Kind::Text => "plain text",
            Kind::Zip => "a ZIP archive",
            Kind::Empty => "an empty file",
            Kind::Unknown => "an unknown kind of file",
        }
    }

    /// The format group this kind belongs to (CSV only counts under a .csv name, see `sniff`).
    pub fn format(self) -> Option<Format> {
        match self {
            Kind::Pdf => Some(Format::Pdf),
            Kind::Docx | Kind::Doc | Kind::Odt => Some(Format::Word),
            Kind::Xlsx | Kind::Xls | Kind::Ods | Kind::Csv => Some(Format::Excel),
            Kind::Png | Kind::Jpeg | Kind::Gif | Kind::Webp => Some(Format::Image),
            _ => None,
        }
    }

    /// The extensions a file of this kind is normally named with.
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            Kind::Pdf => &["pdf"],
            Kind::Docx => &["docx", "dotx", "docm", "dotm"],
            Kind::Xlsx => &["xlsx", "xltx", "xlsm", "xltm", "xlsb"],
            Kind::Pptx => &["pptx", "ppsx", "potx", "pptm"],
            Kind::Doc => &["doc", "dot"],
            Kind::Xls => &["xls", "xlt"],
            Kind::LegacyOffice => &["ppt", "pps", "msg"],
            Kind::Odt => &["odt"],
            Kind::Ods => &["ods"],
            Kind::Png => &["png"],
            Kind::Jpeg => &["jpg", "jpeg", "jpe", "jfif"],
            Kind::Gif => &["gif"],
            Kind::Webp => &["webp"],
            Kind::Html => &["html", "htm"],
            Kind::Csv => &["csv"],
            Kind::Text => &["txt"],
            Kind::Zip => &["zip"],
            Kind::Empty | Kind::Unknown => &[],
        }
    }
}

/// What `sniff` found about one file.
#[derive(Debug, Clone, PartialEq)]
pub struct FileFacts {
    pub kind: Kind,
    /// What the file counts as for the rules; `None` when it has a `problem` or is not a
    /// document format the rules know (slides, archives, plain text).
    pub format: Option<Format>,
    /// Why the file cannot count (mismatch, password, macros, empty, truncated, zip bomb, too
    /// large, unreadable).
    pub problem: Option<Text>,
    /// Worth fixing but the file still counts (extension of a sibling kind, PDF with
    /// permission-only encryption, CSV not in UTF-8 with BOM, ...).
    pub note: Option<Text>,
    /// PDF page count, when the parser could read it.
    pub pages: Option<u32>,
    /// Sheet names of an .xlsx/.ods/.xls workbook, in order.
    pub sheets: Vec<String>,
    /// File size.
    pub bytes: u64,
}

/// Bounds for `sniff_with`; `Limits::default()` is what `sniff` uses.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Larger files are refused as too large (and not parsed).
    pub max_file_bytes: u64,
    /// Zip containers with more entries are refused.
    pub max_zip_entries: u64,
    /// Zip containers declaring more uncompressed bytes in total are refused.
    pub max_zip_total: u64,
    /// An entry over `zip_ratio_min_size` bytes expanding more than this many times is a bomb.
    pub max_zip_ratio: u64,
    pub zip_ratio_min_size: u64,
    /// Bytes decompressed per file at most, whatever the headers claim.
    pub zip_read_budget: u64,
    /// Time the PDF parser gets.
    pub parse_timeout: Duration,
    /// Open an .xls with the spreadsheet reader to learn that it can be read (its container
    /// alone does not tell). `excel::read_preview` turns this off: it opens the workbook next.
    pub open_xls: bool,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 100 * MB,
            max_zip_entries: 10_000,
            max_zip_total: 1024 * MB,
            max_zip_ratio: 200,
            zip_ratio_min_size: 16 * MB,
            zip_read_budget: 64 * MB,
            parse_timeout: Duration::from_secs(10),
            open_xls: true,
        }
    }
}

const MB: u64 = 1024 * 1024;
/// Bytes read from the start of every file to recognise it.
const HEAD_BYTES: usize = 8192;
/// Cap for small XML parts ([Content_Types].xml, workbook.xml, manifest.xml).
const SMALL_PART: u64 = 4 * MB;

impl Limits {
    pub(crate) fn zip(&self) -> ZipLimits {
        ZipLimits {
            max_entries: self.max_zip_entries,
            max_total: self.max_zip_total,
            max_ratio: self.max_zip_ratio,
            ratio_min_size: self.zip_ratio_min_size,
            read_budget: self.zip_read_budget,
        }
    }
}

/// Sniffs a file with the default limits.
pub fn sniff(path: &Path) -> FileFacts {
    sniff_with(path, &Limits::default())
}

/// Sniffs a file: reads its head, then looks inside as far as its kind needs. Never panics;
/// an unreadable file is `Kind::Unknown` with a problem.
pub fn sniff_with(path: &Path, limits: &Limits) -> FileFacts {
    // Belt and braces: a bug here must cost one file its verdict, not the whole build.
    guard(|| sniff_inner(path, limits)).unwrap_or_else(|| FileFacts {
        kind: Kind::Unknown,
        format: None,
        problem: Some(Text::new(
            "ตรวจไฟล์นี้ไม่ได้ (ข้อผิดพลาดภายในโปรแกรม)",
            "the file could not be checked (internal error)",
        )),
        note: None,
        pages: None,
        sheets: Vec::new(),
        bytes: 0,
    })
}

fn sniff_inner(path: &Path, limits: &Limits) -> FileFacts {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let mut facts = FileFacts {
        kind: Kind::Unknown,
        format: None,
        problem: None,
        note: None,
        pages: None,
        sheets: Vec::new(),
        bytes: 0,
    };
    let (file, bytes, head) = match read_head(path) {
        Ok(x) => x,
        Err(e) => {
            facts.problem = Some(crate::os_error::cannot_read(&e));
            return facts;
        }
    };
    facts.bytes = bytes;
    if bytes == 0 {
        facts.kind = Kind::Empty;
        facts.problem = Some(Text::new(
            "ไฟล์ว่างเปล่า (ขนาด 0 ไบต์)",
            "the file is empty (0 bytes)",
        ));
        return facts;
    }
    facts.kind = kind_from_head(&head, bytes as usize <= head.len());
    // Deep inspection, unless the file is beyond what we are willing to read.
    let mut deep: Option<Text> = None;
    if bytes > limits.max_file_bytes {
        deep = Some(Text::new(
            format!(
                "ไฟล์ใหญ่เกินไป ({}) เกินขนาดที่ตรวจได้ {}: ย่อขนาดไฟล์หรือแบ่งเป็นหลายไฟล์",
                size_text(bytes),
                size_text(limits.max_file_bytes)
            ),
            format!(
                "the file is too large ({}), over the {} limit: make it smaller or split it",
                size_text(bytes),
                size_text(limits.max_file_bytes)
            ),
        ));
    } else {
        match facts.kind {
            Kind::Pdf => deep = inspect_pdf(file, head, limits, &mut facts),
            Kind::Zip => deep = inspect_zip(file, limits, &mut facts),
            Kind::LegacyOffice => deep = inspect_ole(path, &ext, limits, &mut facts),
            Kind::Csv | Kind::Text | Kind::Html => {
                inspect_text(path, &head, bytes, &ext, &mut facts)
            }
            _ => {}
        }
    }
    decide(&mut facts, &ext, deep);
    facts
}

/// File size and its first bytes.
/// The file, its size and its first bytes; the file stays open for the deep inspection (one
/// open per file: thousands of stations have ~100 files each).
fn read_head(path: &Path) -> std::io::Result<(File, u64, Vec<u8>)> {
    let mut file = File::open(path)?;
    let bytes = file.metadata()?.len();
    let mut head = Vec::with_capacity(HEAD_BYTES);
    (&mut file).take(HEAD_BYTES as u64).read_to_end(&mut head)?;
    Ok((file, bytes, head))
}

/// The kind from magic numbers alone (zips and OLE files are refined later).
fn kind_from_head(head: &[u8], complete: bool) -> Kind {
    if head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06") {
        Kind::Zip
    } else if head.starts_with(&ole::MAGIC) {
        Kind::LegacyOffice
    } else if head.starts_with(b"\x89PNG\r\n\x1a\n") {
        Kind::Png
    } else if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Kind::Jpeg
    } else if head.starts_with(b"GIF87a") || head.starts_with(b"GIF89a") {
        Kind::Gif
    } else if head.len() >= 12 && head.starts_with(b"RIFF") && &head[8..12] == b"WEBP" {
        Kind::Webp
    } else if pdf::is_pdf(head) {
        Kind::Pdf
    } else if let Some(enc) = text::detect_encoding(head, complete) {
        match text::classify(&text::decode(head, enc), complete) {
            TextKind::Html => Kind::Html,
            TextKind::Csv(_) => Kind::Csv,
            TextKind::Plain => Kind::Text,
        }
    } else {
        Kind::Unknown
    }
}

/// `head` is what `read_head` read of `file`; the rest follows it.
fn inspect_pdf(
    mut file: File,
    head: Vec<u8>,
    limits: &Limits,
    facts: &mut FileFacts,
) -> Option<Text> {
    let mut data = head;
    data.reserve_exact((facts.bytes as usize).saturating_sub(data.len()));
    file.read_to_end(&mut data).ok()?;
    let p = pdf::inspect(data, limits.parse_timeout);
    facts.pages = p.pages;
    if p.locked {
        return Some(Text::new(
            "ไฟล์ PDF นี้ตั้งรหัสผ่านไว้ (เข้ารหัส) ผู้ประเมินเปิดอ่านไม่ได้: บันทึกใหม่โดยไม่ตั้งรหัสผ่าน",
            "the PDF is password-protected (encrypted): the assessor cannot open it; save it again without a password",
        ));
    }
    if p.truncated {
        return Some(Text::new(
            "ไฟล์ PDF ไม่สมบูรณ์ (ไม่มีส่วนท้ายไฟล์ %%EOF/startxref) อาจอัปโหลดหรือคัดลอกมาไม่ครบ: บันทึกเป็น PDF ใหม่",
            "the PDF is incomplete (no %%EOF/startxref at its end), probably cut during upload or copy: export it again",
        ));
    }
    if p.restricted && !p.unreadable {
        facts.note = Some(Text::new(
            "PDF นี้ตั้งค่าการป้องกันไว้ (เปิดได้โดยไม่ต้องใช้รหัสผ่าน แต่บางโปรแกรมอาจคัดลอกข้อความไม่ได้)",
            "the PDF carries permission-only encryption (opens without a password, but copying text may be blocked)",
        ));
    } else if p.unreadable {
        facts.note = Some(Text::new(
            "อ่านโครงสร้างไฟล์ PDF ไม่ได้ ตรวจดูว่าเปิดไฟล์ได้ตามปกติ",
            "the PDF structure could not be read: check that the file opens",
        ));
    }
    None
}

fn inspect_ole(path: &Path, ext: &str, limits: &Limits, facts: &mut FileFacts) -> Option<Text> {
    let data = std::fs::read(path).ok()?;
    let encrypted = match ole::inspect(&data) {
        OleKind::Doc { encrypted } => {
            facts.kind = Kind::Doc;
            encrypted
        }
        OleKind::Xls { encrypted } => {
            facts.kind = Kind::Xls;
            if !encrypted && limits.open_xls {
                match super::excel::xls_sheets(path) {
                    Ok(sheets) => facts.sheets = sheets,
                    Err(why) => {
                        return Some(Text::new(
                            format!(
                                "เปิดอ่านไฟล์ Excel 97-2003 (.xls) นี้ไม่ได้ ({why}) ไฟล์อาจเสีย ผู้ประเมินก็จะเปิดไม่ได้เช่นกัน: เปิดในโปรแกรมต้นฉบับแล้วบันทึกใหม่ (แนะนำเป็น .xlsx)"
                            ),
                            format!(
                                "this Excel 97-2003 (.xls) file cannot be read ({why}); it is probably damaged, and the assessor will not open it either: open it in the original program and save it again (preferably as .xlsx)"
                            ),
                        ));
                    }
                }
            }
            encrypted
        }
        OleKind::EncryptedPackage => {
            // A password-protected .docx/.xlsx: only its name tells which.
            facts.kind = match ext {
                "docx" | "docm" => Kind::Docx,
                "xlsx" | "xlsm" => Kind::Xlsx,
                "pptx" => Kind::Pptx,
                _ => Kind::LegacyOffice,
            };
            true
        }
        OleKind::Other => {
            // Named as Word or Excel but neither stream was found: damaged, or e.g. a .ppt.
            let claimed = format_of_ext(ext).filter(|f| matches!(f, Format::Word | Format::Excel));
            return claimed.map(|f| {
                Text::new(
                    format!(
                        "ไฟล์ Office รุ่นเก่านี้ไม่มีเนื้อหา {} (ไฟล์อาจเสีย หรือเป็นไฟล์ชนิดอื่น เช่น PowerPoint): บันทึกใหม่จากโปรแกรมต้นฉบับ",
                        f.label()
                    ),
                    format!(
                        "this legacy Office file holds no {} content (damaged, or another kind such as PowerPoint): save it again from the original program",
                        f.label()
                    ),
                )
            });
        }
    };
    encrypted.then(|| {
        Text::new(
            format!("ไฟล์ {} นี้ตั้งรหัสผ่านไว้ ผู้ประเมินเปิดอ่านไม่ได้: บันทึกใหม่โดยไม่ตั้งรหัสผ่าน", facts.kind.label_th()),
            format!(
                "the {} file is password-protected: the assessor cannot open it; save it again without a password",
                facts.kind.label_en()
            ),
        )
    })
}

fn inspect_text(path: &Path, head: &[u8], bytes: u64, ext: &str, facts: &mut FileFacts) {
    // A one-column CSV has no delimiter; under a .csv name plain text is a CSV.
    if facts.kind == Kind::Text && ext == "csv" {
        facts.kind = Kind::Csv;
    }
    if facts.kind != Kind::Csv {
        return;
    }
    let complete = bytes as usize <= head.len();
    let enc = text::detect_encoding(head, complete);
    // Excel opens UTF-8 CSV correctly only with a BOM; other encodings depend on the computer.
    let has_non_ascii = || {
        std::fs::read(path)
            .map(|d| d.iter().any(|&b| b >= 0x80))
            .unwrap_or(false)
    };
    let note = match enc {
        Some(Encoding::Utf8 { bom: true }) | None => None,
        Some(Encoding::Utf8 { bom: false }) if !has_non_ascii() => None,
        Some(Encoding::Utf8 { bom: false }) => Some(("UTF-8 ที่ไม่มี BOM", "UTF-8 without a BOM")),
        Some(Encoding::Windows874) => Some((
            "รหัสภาษาไทยแบบเก่า (Windows-874/TIS-620)",
            "the old Thai code page (Windows-874/TIS-620)",
        )),
        Some(Encoding::Utf16Le | Encoding::Utf16Be) => Some(("UTF-16", "UTF-16")),
    };
    if let Some((th, en)) = note {
        facts.note = Some(Text::new(
            format!(
                "ไฟล์ CSV บันทึกเป็น{th} ภาษาไทยอาจแสดงเป็นอักษรแปลก ๆ ใน Excel: บันทึกใหม่เป็นชนิด \"CSV UTF-8\""
            ),
            format!(
                "the CSV file is saved in {en}; Thai may show garbled in Excel: save it as \"CSV UTF-8\""
            ),
        ));
    }
}

fn inspect_zip(file: File, limits: &Limits, facts: &mut FileFacts) -> Option<Text> {
    let mut zip = match BoundedZip::from_file(file, &limits.zip()) {
        Ok(z) => z,
        Err(p) => return Some(zip_problem(&p, facts.bytes)),
    };
    let result = if zip.has("[Content_Types].xml") {
        inspect_ooxml(&mut zip, facts)
    } else if zip.has("mimetype") {
        inspect_odf(&mut zip, facts)
    } else {
        Ok(None)
    };
    result.unwrap_or_else(|p| Some(zip_problem(&p, facts.bytes)))
}

/// The message for a zip that cannot be used.
pub(crate) fn zip_problem(p: &ZipProblem, bytes: u64) -> Text {
    match p {
        ZipProblem::Damaged => Text::new(
            "ไฟล์เสียหรือไม่ครบ (อ่านสารบัญภายในไฟล์ไม่ได้) อาจอัปโหลดมาไม่ครบ: บันทึกไฟล์ใหม่จากโปรแกรมต้นฉบับ",
            "the file is damaged or truncated (its zip directory cannot be read): save it again from the original program",
        ),
        ZipProblem::TooManyEntries(n) => Text::new(
            format!("ไฟล์มีส่วนย่อยภายในมากผิดปกติ ({n} ส่วน) ไม่ใช่เอกสารปกติ"),
            format!(
                "the file holds an abnormal number of parts ({n}); it is not a normal document"
            ),
        ),
        ZipProblem::Bomb(size, packed) => Text::new(
            format!(
                "ไฟล์ขยายตัวผิดปกติ (zip bomb): ข้อมูล {} ขยายเป็น {} ไม่ใช่เอกสารปกติ",
                size_text(*packed),
                size_text(*size)
            ),
            format!(
                "the file expands abnormally (zip bomb): {} of data expand to {}; it is not a normal document",
                size_text(*packed),
                size_text(*size)
            ),
        ),
        ZipProblem::Encrypted => Text::new(
            "ไฟล์บีบอัดนี้ตั้งรหัสผ่านไว้ ผู้ประเมินเปิดอ่านไม่ได้",
            "the archive is password-protected: the assessor cannot open it",
        ),
        ZipProblem::OverBudget => Text::new(
            format!("ไฟล์ ({}) มีเนื้อหาภายในใหญ่เกินกว่าที่ตรวจได้", size_text(bytes)),
            format!(
                "the file ({}) holds more content than can be checked",
                size_text(bytes)
            ),
        ),
    }
}

/// The main part of an Office Open XML package, from `[Content_Types].xml`: its kind, part
/// name inside the zip (no leading `/`) and content type. `None` for other packages.
pub(crate) fn ooxml_main(
    zip: &mut BoundedZip,
) -> Result<Option<(Kind, String, String)>, ZipProblem> {
    let types = zip
        .read("[Content_Types].xml", SMALL_PART)?
        .unwrap_or_default();
    let mut reader = quick_xml::Reader::from_reader(types.as_slice());
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e))
                if xml_local_name(e.name().as_ref()) == "Override" =>
            {
                let (mut part, mut ctype) = (String::new(), String::new());
                for a in e.attributes().flatten() {
                    let v = a
                        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .map(|v| v.into_owned())
                        .unwrap_or_default();
                    match a.key.as_ref() {
                        "PartName" => part = v,
                        "ContentType" => ctype = v,
                        _ => {}
                    }
                }
                if let Some(kind) = main_kind(&ctype) {
                    return Ok(Some((
                        kind,
                        part.trim_start_matches('/').to_string(),
                        ctype,
                    )));
                }
            }
            Ok(Event::Eof) | Err(_) => return Ok(None),
            _ => {}
        }
        buf.clear();
    }
}

/// Office Open XML: the content types name the main part, which must exist.
fn inspect_ooxml(zip: &mut BoundedZip, facts: &mut FileFacts) -> Result<Option<Text>, ZipProblem> {
    let main = ooxml_main(zip)?;
    let Some((kind, part, ctype)) = main else {
        return Ok(None); // some other OPC package (.vsdx, .3mf ...): a plain zip for us
    };
    facts.kind = kind;
    if !zip.has(&part) {
        return Ok(Some(Text::new(
            format!("ไฟล์ {} นี้เสีย: ไม่มีส่วนเนื้อหาหลัก ({part})", kind.label_th()),
            format!(
                "the {} file is damaged: its main part ({part}) is missing",
                kind.label_en()
            ),
        )));
    }
    let has_vba = zip
        .names()
        .iter()
        .any(|n| n.to_ascii_lowercase().ends_with("vbaproject.bin"));
    if ctype.contains("macroEnabled.main+xml") || ctype.contains("macroEnabledTemplate") || has_vba
    {
        let good = if kind == Kind::Docx {
            ".docx"
        } else if kind == Kind::Xlsx {
            ".xlsx"
        } else {
            ".pptx"
        };
        return Ok(Some(Text::new(
            format!(
                "ไฟล์ {} นี้มีมาโคร ซึ่งอาจไม่ปลอดภัยและไม่นับเป็นไฟล์ที่เผยแพร่ได้: บันทึกใหม่เป็น {good} แบบไม่มีมาโคร",
                kind.label_th()
            ),
            format!(
                "the {} file contains macros, which are unsafe and do not count: save it as a macro-free {good}",
                kind.label_en()
            ),
        )));
    }
    if kind == Kind::Xlsx && part.ends_with(".xml") {
        facts.sheets = zip
            .with_entry(&part, SMALL_PART, |r| {
                Ok(sheet_names(std::io::BufReader::new(r), "sheet", "name"))
            })?
            .unwrap_or_default();
    }
    Ok(None)
}

/// The kind of a main-part content type.
fn main_kind(ctype: &str) -> Option<Kind> {
    let word = [
        "wordprocessingml.document.main",
        "wordprocessingml.template.main",
        "ms-word.document.macroEnabled",
        "ms-word.template.macroEnabled",
    ];
    let excel = [
        "spreadsheetml.sheet.main",
        "spreadsheetml.template.main",
        "ms-excel.sheet.macroEnabled",
        "ms-excel.template.macroEnabled",
        "ms-excel.sheet.binary.macroEnabled.main",
    ];
    let slides = [
        "presentationml.presentation.main",
        "presentationml.slideshow.main",
        "presentationml.template.main",
        "ms-powerpoint.presentation.macroEnabled",
        "ms-powerpoint.slideshow.macroEnabled",
    ];
    if word.iter().any(|w| ctype.contains(w)) {
        Some(Kind::Docx)
    } else if excel.iter().any(|w| ctype.contains(w)) {
        Some(Kind::Xlsx)
    } else if slides.iter().any(|w| ctype.contains(w)) {
        Some(Kind::Pptx)
    } else {
        None
    }
}

/// OpenDocument: the `mimetype` entry names the kind; `manifest.xml` tells about encryption.
fn inspect_odf(zip: &mut BoundedZip, facts: &mut FileFacts) -> Result<Option<Text>, ZipProblem> {
    let mime = zip.read("mimetype", 256)?.unwrap_or_default();
    let mime = String::from_utf8_lossy(&mime);
    facts.kind = match mime.trim() {
        "application/vnd.oasis.opendocument.text" => Kind::Odt,
        "application/vnd.oasis.opendocument.spreadsheet" => Kind::Ods,
        _ => return Ok(None),
    };
    let manifest = zip
        .read("META-INF/manifest.xml", SMALL_PART)?
        .unwrap_or_default();
    if pdf::find(&manifest, b"encryption-data").is_some() {
        return Ok(Some(Text::new(
            format!(
                "ไฟล์ {} นี้ตั้งรหัสผ่านไว้ ผู้ประเมินเปิดอ่านไม่ได้",
                facts.kind.label_th()
            ),
            format!(
                "the {} file is password-protected: the assessor cannot open it",
                facts.kind.label_en()
            ),
        )));
    }
    if facts.kind == Kind::Ods {
        let budget = 64 * MB;
        facts.sheets = zip
            .with_entry("content.xml", budget, |r| {
                Ok(sheet_names(std::io::BufReader::new(r), "table", "name"))
            })
            .unwrap_or(None)
            .unwrap_or_default();
    }
    Ok(None)
}

/// Values of attribute `attr` (local name) on elements `elem` (local name), streaming.
fn sheet_names<R: std::io::BufRead>(input: R, elem: &str, attr: &str) -> Vec<String> {
    let mut reader = quick_xml::Reader::from_reader(input);
    let mut buf = Vec::new();
    let mut out = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) if xml_local_name(e.name().as_ref()) == elem => {
                for a in e.attributes().flatten() {
                    if xml_local_name(a.key.as_ref()) == attr {
                        out.push(
                            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                                .map(|v| v.into_owned())
                                .unwrap_or_default(),
                        );
                    }
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
        buf.clear();
        if out.len() >= 1000 {
            break;
        }
    }
    out
}

/// Sets `format`, `problem` and `note` from the kind, the extension and what inspection found.
fn decide(facts: &mut FileFacts, ext: &str, deep: Option<Text>) {
    let kind = facts.kind;
    let claimed = format_of_ext(ext);
    let actual = kind.format();
    let natural = kind.extensions().contains(&ext);
    // CSV counts as Excel only under its own name: an ".xlsx" that is CSV is a mismatch.
    // A container that could not be opened (damaged zip, zip bomb) has no known kind yet:
    // its own problem says more than "named .xlsx but is a ZIP".
    let unresolved = deep.is_some() && matches!(kind, Kind::Zip | Kind::LegacyOffice);
    let mismatch = !unresolved
        && match (claimed, actual) {
            (Some(_), _) if kind == Kind::Csv => ext != "csv",
            (Some(c), Some(a)) => c != a,
            (Some(_), None) => true,
            (None, _) => false,
        };
    if mismatch {
        let shown = if ext.is_empty() {
            String::new()
        } else {
            format!(".{ext}")
        };
        facts.problem = Some(Text::new(
            format!(
                "ไฟล์นี้ชื่อลงท้าย {shown} แต่เนื้อไฟล์เป็น{} ไม่ใช่ {}: เปิดไฟล์ต้นฉบับแล้วบันทึกเป็นชนิดที่ถูกต้องใหม่",
                kind.label_th(),
                claimed.map(Format::label).unwrap_or("")
            ),
            format!(
                "the file is named {shown} but its content is {}, not {}: save the original again in the right format",
                kind.label_en(),
                claimed.map(format_en).unwrap_or("")
            ),
        ));
    } else if deep.is_some() {
        facts.problem = deep;
    } else if let Some(a) = actual {
        if kind == Kind::Csv && ext != "csv" {
            return; // delimited text under another name (.txt): not a spreadsheet for the rules
        }
        facts.format = Some(a);
        if !natural && facts.note.is_none() {
            let good = kind.extensions().first().copied().unwrap_or("");
            facts.note = Some(if ext.is_empty() {
                Text::new(
                    format!(
                        "เนื้อไฟล์เป็น {} แต่ชื่อไฟล์ไม่มีนามสกุล: ตั้งชื่อให้ลงท้าย .{good}",
                        kind.label_th()
                    ),
                    format!(
                        "the content is {} but the name has no extension: name it .{good}",
                        kind.label_en()
                    ),
                )
            } else {
                Text::new(
                    format!(
                        "นามสกุล .{ext} ไม่ตรงกับเนื้อไฟล์ ({}) บางโปรแกรมจะเตือนหรือเปิดไม่ได้: เปลี่ยนชื่อให้ลงท้าย .{good}",
                        kind.label_th()
                    ),
                    format!(
                        "the .{ext} extension does not match the content ({}); some programs warn or refuse: rename it .{good}",
                        kind.label_en()
                    ),
                )
            });
        }
    }
}

fn format_en(f: Format) -> &'static str {
    match f {
        Format::Image => "an image",
        other => other.label(),
    }
}

/// `1.5 MB`, `820 KB`, `12 B` (binary units; the same text in both languages).
fn size_text(bytes: u64) -> String {
    if bytes >= MB {
        format!("{:.1} MB", bytes as f64 / MB as f64)
    } else if bytes >= 1024 {
        format!("{} KB", bytes / 1024)
    } else {
        format!("{bytes} B")
    }
}
