//! `oit edit`: the monthly update in a browser, on the webmaster's own computer. Plain HTML
//! forms served on 127.0.0.1 (no async runtime, no framework: one thread per request), each
//! save written straight into the same content tree hand-editors and git work on, with the
//! check's findings shown beside the fields they concern and the live preview of `serve`
//! mounted at `/preview/`.
//!
//! Stages: `guard` (who may ask) → `form` (what was sent) → a screen (`home`, `item`, `news`,
//! `station`) that reads the site as `check` does and, on a save, changes files through
//! `yaml_patch` (only the values that changed; comments and layout kept) and `write`
//! (atomic, trash instead of delete, refuse what changed on disk meanwhile).
mod form;
mod guard;
mod home;
mod item;
mod news;
mod pages;
mod station;
mod ui;
mod write;
pub mod yaml_patch;

use crate::check::{self, Report};
use crate::content::Site;
use crate::criteria::Criteria;
use crate::diagnostics::{Finding, Lang};
use crate::serve::http::{BodyError, Request};
use crate::serve::{Live, ServeOptions};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

pub struct EditOptions {
    pub content: PathBuf,
    pub port: u16,
    pub lang: Lang,
    /// Start the browser on the editor's address.
    pub open: bool,
}

/// What every screen reads: the site as `check` sees it now.
pub(crate) struct Snapshot {
    pub site: Site,
    pub crits: BTreeMap<u16, Criteria>,
    pub report: Report,
}

pub(crate) struct Editor {
    pub content: PathBuf,
    guard: guard::Guard,
    live: Arc<Live>,
    /// One save at a time: two tabs saving at once must not interleave their checks and writes.
    saving: std::sync::Mutex<()>,
}

impl Editor {
    /// Loads and checks the content as it is on disk now; `Err` when nothing can be read (no
    /// site.yaml, criteria that cannot be loaded).
    pub fn snapshot(&self) -> Result<Snapshot, Vec<Finding>> {
        // The disk as it is now: the preview's listing is updated a moment after a save, and
        // a screen shown right after its own save must not read the folder as it was.
        let (site, crits, warnings) = {
            let _one_listing = crate::memo::loading();
            crate::memo::set_tree(crate::memo::list(&self.content));
            crate::pipeline::load_checkable(&self.content, None).map_err(|f| f.findings)?
        };
        let report = check::check_loaded(
            &site,
            &crits,
            &check::CheckOptions {
                as_of: crate::thai::today(),
                year: None,
            },
            &warnings,
        );
        Ok(Snapshot {
            site,
            crits,
            report,
        })
    }
}

/// The largest request body: a month's files and a few photos at once.
const MAX_BODY: u64 = 4 * write::MAX_UPLOAD;

pub fn edit(opts: EditOptions) -> Result<(), String> {
    let content = std::path::absolute(&opts.content).unwrap_or(opts.content.clone());
    if !content.join("site.yaml").is_file() {
        return Err(match opts.lang {
            Lang::Th => format!(
                "{}: ไม่พบ site.yaml ในโฟลเดอร์นี้ ให้ระบุโฟลเดอร์เนื้อหาของสถานีด้วย --content หรือสร้างสถานีใหม่ด้วย oit new",
                content.display()
            ),
            Lang::En => format!(
                "{}: no site.yaml in this folder; give the station's content folder with --content, or make a station with oit new",
                content.display()
            ),
        });
    }
    // Only this computer: the editor writes files, so it never listens on other addresses.
    let serve_opts = ServeOptions {
        content: content.clone(),
        theme: None,
        bind: "127.0.0.1".into(),
        port: opts.port,
        lang: opts.lang,
    };
    let listener = crate::serve::listen(&serve_opts)?;
    let port = listener.local_addr().map(|a| a.port()).unwrap_or(opts.port);
    let guard = guard::Guard::new(port)?;
    let url = format!("http://127.0.0.1:{port}/?token={}", guard.token);
    let live = Live::start(serve_opts)?;
    let editor = Arc::new(Editor {
        content,
        guard,
        live,
        saving: std::sync::Mutex::new(()),
    });
    match opts.lang {
        Lang::Th => eprintln!(
            "เปิดโปรแกรมแก้ไขในเบราว์เซอร์ที่ลิงก์นี้ (ลิงก์ใช้ได้เฉพาะเครื่องนี้และครั้งนี้):\n  {url}\nกด Ctrl+C เพื่อปิดโปรแกรม"
        ),
        Lang::En => eprintln!(
            "open the editor in a browser at (valid on this computer, this run only):\n  {url}\nCtrl+C to stop"
        ),
    }
    if opts.open {
        open_browser(&url);
    }
    for stream in listener.incoming().flatten() {
        let editor = Arc::clone(&editor);
        std::thread::spawn(move || {
            if let Some(request) = Request::read(stream) {
                route(&editor, request);
            }
        });
    }
    Ok(())
}

fn open_browser(url: &str) {
    #[cfg(target_os = "windows")]
    let cmd: (&str, Vec<&str>) = ("cmd", vec!["/C", "start", ""]);
    #[cfg(target_os = "macos")]
    let cmd: (&str, Vec<&str>) = ("open", vec![]);
    #[cfg(not(any(target_os = "windows", target_os = "macos")))]
    let cmd: (&str, Vec<&str>) = ("xdg-open", vec![]);
    let _ = std::process::Command::new(cmd.0)
        .args(cmd.1)
        .arg(url)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
}

/// A screen's answer.
pub(crate) enum Answer {
    Html(u16, String),
    /// After a save: see the screen again (post/redirect/get, so a reload does not save twice).
    Redirect(String),
}

fn route(editor: &Editor, mut request: Request) {
    let path = request.path().to_string();
    let changes = request.method != "GET" && request.method != "HEAD";
    if let Err(refusal) = editor.guard.admit(&request, changes) {
        return request.send(
            refusal.status(),
            ui::refusal_page(refusal.message()).into_bytes(),
            "text/html; charset=utf-8",
        );
    }
    // The first visit carries the token in the address: keep it in a cookie and take it out
    // of the address bar (and of the history a screenshot or a shared screen might show).
    if request.query("token").is_some() && !changes {
        let cookie = editor.guard.cookie_header();
        return request.redirect(&path, &cookie);
    }
    if let Some(rest) = path.strip_prefix("/_/") {
        return ui::asset(request, rest);
    }
    if Live::is_reload(&request.url) {
        let url = request.url.clone();
        return editor.live.answer(request, "", &url);
    }
    if path == "/preview" || path.starts_with("/preview/") {
        let url = request.url["/preview".len()..].to_string();
        return editor.live.answer(request, "/preview", &url);
    }
    if changes && let Err(e) = request.read_body(MAX_BODY) {
        let (status, text) = match e {
            BodyError::TooLarge { limit } => (
                413,
                format!(
                    "ส่งไฟล์ครั้งเดียวได้ไม่เกิน {} MB ให้ส่งทีละน้อยลง / at most {} MB at once",
                    limit / 1024 / 1024,
                    limit / 1024 / 1024
                ),
            ),
            BodyError::Broken => (400, "คำขอไม่ครบ ลองอีกครั้ง / incomplete request".into()),
        };
        return request.send(
            status,
            ui::refusal_page(&text).into_bytes(),
            "text/html; charset=utf-8",
        );
    }
    let form = if changes {
        let ct = request.header("content-type").unwrap_or("").to_string();
        match form::Form::parse(&ct, &request.body) {
            Ok(f) => Some(f),
            Err(e) => {
                return request.send(
                    400,
                    ui::refusal_page(&format!("แบบฟอร์มเสียหาย / broken form: {e}")).into_bytes(),
                    "text/html; charset=utf-8",
                );
            }
        }
    } else {
        None
    };
    let _one_at_a_time = changes.then(|| editor.saving.lock().unwrap_or_else(|e| e.into_inner()));
    let answer = dispatch(editor, &path, form.as_ref(), &request);
    match answer {
        Some(Answer::Html(status, html)) => {
            request.send(status, html.into_bytes(), "text/html; charset=utf-8")
        }
        Some(Answer::Redirect(to)) => request.redirect(&to, ""),
        None => request.send(
            404,
            ui::refusal_page("ไม่มีหน้านี้ในโปรแกรมแก้ไข / no such editor page").into_bytes(),
            "text/html; charset=utf-8",
        ),
    }
}

fn dispatch(
    editor: &Editor,
    path: &str,
    form: Option<&form::Form>,
    request: &Request,
) -> Option<Answer> {
    let segs: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let saved = request.query("saved").is_some();
    Some(match (segs.as_slice(), form) {
        ([], None) => home::show(editor),
        (["item", year, code], None) => item::show(editor, year, code, saved)?,
        (["item", year, code], Some(f)) => item::save(editor, year, code, f)?,
        (["news"], None) => news::list(editor),
        (["news", "new"], None) => news::show(editor, None, saved)?,
        (["news", "new"], Some(f)) => news::save(editor, None, f)?,
        (["news", slug], None) => news::show(editor, Some(slug), saved)?,
        (["news", slug], Some(f)) => news::save(editor, Some(slug), f)?,
        (["pages"], None) => pages::list(editor),
        (["pages", slug], None) => pages::show(editor, slug, saved)?,
        (["pages", slug], Some(f)) => pages::save(editor, slug, f)?,
        (["station"], None) => station::show(editor, saved),
        (["station"], Some(f)) => station::save(editor, f),
        (["markdown"], Some(f)) => ui::markdown_preview(&f.text("body")),
        _ => return None,
    })
}
