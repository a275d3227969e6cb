//! QR posters for the One Stop Service room: printable A4 pages (HTML with print CSS) and SVG
//! files, each with a QR code and a Thai caption. A QR code must hold an absolute URL a phone can
//! open, so posters for the site's own pages need a base URL; without one they are listed as
//! not made, never pointed at an invented address.
use super::esc;
use super::feeds;
use super::templates::keep_words;
use crate::content::Site;
use fast_qr::{ECL, QRBuilder};

/// The module matrix of a QR code for `text` (true = dark), `size × size`.
pub fn qr_matrix(text: &str) -> Option<(usize, Vec<bool>)> {
    let code = QRBuilder::new(text).ecl(ECL::M).build().ok()?;
    let n = code.size;
    Some((n, code.data[..n * n].iter().map(|m| m.value()).collect()))
}

/// An SVG of the QR code with a 4-module quiet zone; one path, crisp at any print size.
pub fn qr_svg(text: &str, caption: &str) -> Option<String> {
    // `serve`: the same four codes on every save.
    static MADE: crate::memo::TextMemo<Option<String>> = crate::memo::TextMemo::new(64);
    MADE.get_or_when_on(&format!("{text}\u{0}{caption}"), || {
        qr_svg_of(text, caption)
    })
}

fn qr_svg_of(text: &str, caption: &str) -> Option<String> {
    let (n, cells) = qr_matrix(text)?;
    let q = 4;
    let total = n + 2 * q;
    let mut d = String::new();
    for y in 0..n {
        for x in 0..n {
            if cells[y * n + x] {
                d.push_str(&format!("M{} {}h1v1h-1z", x + q, y + q));
            }
        }
    }
    Some(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {total} {total}\" shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"{}\">\
         <rect width=\"{total}\" height=\"{total}\" fill=\"#fff\"/><path d=\"{d}\" fill=\"#000\"/></svg>",
        esc(caption)
    ))
}

pub struct Poster {
    /// File stem: `eit`, `manuals`, `complaints`, `oit`.
    pub name: &'static str,
    pub title: String,
    pub caption: String,
    pub url: Option<String>,
}

/// The four posters the plan names; `url` is `None` where no absolute URL is known.
pub fn posters(site: &Site) -> Vec<Poster> {
    let year = site.config.fiscal_year;
    let base = site
        .config
        .base_url
        .as_deref()
        .filter(|b| !b.trim().is_empty());
    let page = |p: &str| base.map(|b| feeds::absolute(b, p));
    let o17_link = site
        .years
        .get(&year)
        .and_then(|y| y.items.get(&17))
        .and_then(|i| {
            i.links
                .iter()
                .find(|l| l.key.as_deref() == Some("complaint_channel"))
        })
        .map(|l| l.url.clone());
    vec![
        Poster {
            name: "eit",
            title: "ร่วมตอบแบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก (EIT)".into(),
            caption: format!(
                "สแกนเพื่อประเมินการให้บริการของ{} ความคิดเห็นของท่านช่วยพัฒนาความโปร่งใสของหน่วยงาน",
                site.config.station.name_th
            ),
            url: site
                .config
                .eit_survey_url
                .clone()
                .filter(|u| u.starts_with("http")),
        },
        Poster {
            name: "manuals",
            title: "ดาวน์โหลดคู่มือการให้บริการประชาชน".into(),
            caption: "สแกนเพื่อดูและดาวน์โหลดคู่มือการให้บริการประชาชนทุกสายงาน (ข้อ O9)".into(),
            url: page(&super::item_path(year, 9)),
        },
        Poster {
            name: "complaints",
            title: "แจ้งเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ".into(),
            caption: "สแกนเพื่อแจ้งเรื่องร้องเรียนการทุจริตของเจ้าหน้าที่ ข้อมูลของผู้แจ้งจะถูกเก็บเป็นความลับ".into(),
            url: o17_link.or_else(|| page(&super::item_path(year, 17))),
        },
        Poster {
            name: "oit",
            title: format!("ข้อมูลเปิดเผยสาธารณะ (OIT) ปีงบประมาณ พ.ศ. {year}"),
            caption: format!(
                "สแกนเพื่อดูข้อมูลการดำเนินงานของ{}ตามเกณฑ์ ITA",
                site.config.station.name_th
            ),
            url: page(&format!("ita/{year}/index.html")),
        },
    ]
}

/// A4 posters, also looked at on a phone before printing: there the QR code shrinks to the
/// screen (120 mm is wider than a 390 px phone) and the A4 type sizes come down.
const CSS: &str = "@page{size:A4;margin:15mm}body{font-family:Sarabun,'TH Sarabun New',sans-serif;margin:0;color:#000}
.poster{box-sizing:border-box;min-height:260mm;padding:10mm;text-align:center;page-break-after:always;break-after:page;border:3mm solid #0f2347}
.poster h1{font-size:28pt;line-height:1.35;margin:6mm 0}.poster .station{font-size:18pt;margin:0}
.poster svg{width:min(120mm,100%);height:auto;aspect-ratio:1;margin:6mm auto;display:block}.poster .cap{font-size:18pt;line-height:1.6;margin:4mm 10mm}
.poster .url{font-size:12pt;word-break:break-all;color:#333}.missing{border:2px dashed #8a1c12;padding:1rem;margin:1rem}
.nw{white-space:nowrap}
@media screen{body{background:#eee}.poster{background:#fff;max-width:210mm;margin:1rem auto}}
@media screen and (max-width:640px){.poster{min-height:0;margin:.5rem;padding:5mm;border-width:2mm}.poster h1{font-size:1.6rem}
.poster .station,.poster .cap{font-size:1.15rem}.poster .cap{margin:4mm 0}}";

/// `posters/index.html` (every poster inside one `<main>`, as on the site's other pages) and one
/// SVG per poster that has a URL.
pub fn render(site: &Site) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    let mut html = format!(
        "<!DOCTYPE html>\n<html lang=\"th\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
         <title>ป้าย QR Code สำหรับห้อง One Stop Service – {}</title><link rel=\"stylesheet\" href=\"../assets/css/fonts.css\"><style>{CSS}</style></head><body><main>",
        esc(&site.config.station.name_th)
    );
    for p in posters(site) {
        match p.url.as_deref().and_then(|u| qr_svg(u, &p.title).map(|svg| (u, svg))) {
            Some((url, svg)) => {
                html.push_str(&format!(
                    "<section class=\"poster\"><p class=\"station\">{}</p><h1>{}</h1>{svg}<p class=\"cap\">{}</p><p class=\"url\">{}</p></section>",
                    esc(&site.config.station.name_th),
                    keep_words(&p.title),
                    keep_words(&p.caption),
                    esc(url)
                ));
                files.push((format!("posters/{}.svg", p.name), svg.into_bytes()));
            }
            None => html.push_str(&format!(
                "<div class=\"missing\"><strong>{}</strong>: ยังสร้างป้ายไม่ได้ เพราะไม่ทราบที่อยู่เว็บแบบเต็ม ({})</div>",
                esc(&p.title),
                if p.name == "eit" { "ระบุ eit_survey_url ใน site.yaml" } else { "ระบุ base_url ใน site.yaml หรือใช้ --base-url" }
            )),
        }
    }
    html.push_str("</main></body></html>\n");
    files.push(("posters/index.html".into(), html.into_bytes()));
    files
}
