//! The theme: tera templates (embedded default, optionally overridden from `--theme DIR`) and
//! its static files. Templates are parsed once per run.
use crate::diagnostics::{Finding, Text};
use crate::documents::memo::Keyed;
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
    /// For `serve` (`documents::memo` on): each page's last template, context and HTML. A page
    /// whose context is unchanged is not rendered again; it lives with the theme, so a changed
    /// theme starts afresh.
    pages: Keyed<PageInput, Result<Vec<u8>, Finding>>,
    /// The site-wide context the remembered pages were rendered with.
    base: Mutex<Option<tera::Context>>,
    renders: AtomicUsize,
    pages_seen: AtomicUsize,
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
    if !crate::documents::memo::enabled() {
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
