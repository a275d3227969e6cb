//! The site `serve` and `edit` preview: built in memory, rebuilt when content or theme change
//! (after a short quiet period, so one save is one build), with a version open pages long-poll
//! to reload. Nothing is written to disk: a rebuild swaps the site held in memory, and
//! attachments are read from the content folder when asked for.
use super::ServeOptions;
use super::http::{Request, content_type};
use crate::diagnostics::{Finding, Lang};
use crate::pipeline::{self, BuildFailure, BuildOptions};
use crate::render::OutContent;
use crate::render::templates::{self, Theme};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

/// The site being served: output path → content.
type Files = HashMap<String, OutContent>;

/// What the server shows: a version that moves on every rebuild, the last good site, and the
/// error page when the last build failed.
#[derive(Default)]
struct State {
    version: u64,
    site: Arc<Files>,
    error_html: Option<String>,
}

struct Shared {
    state: Mutex<State>,
    changed: Condvar,
}

const RELOAD_PATH: &str = "/__oit/reload";

/// Injected before `</body>` of every HTML page served (never written to disk).
fn reload_script(version: u64) -> String {
    format!(
        "<script>(function(){{var v={version};function poll(){{fetch('{RELOAD_PATH}?v='+v,{{cache:'no-store'}})\
         .then(function(r){{return r.text()}}).then(function(t){{if(t!==String(v)){{location.reload()}}else{{poll()}}}})\
         .catch(function(){{setTimeout(poll,1000)}})}}poll()}})();</script>"
    )
}

/// The live preview: the site in memory and the watcher that rebuilds it.
pub(crate) struct Live {
    shared: Shared,
}

impl Live {
    /// Builds the site and starts watching `opts.content` (and the theme) for changes; content
    /// and theme paths must be absolute, as the watcher's event paths are.
    pub(crate) fn start(opts: ServeOptions) -> Result<Arc<Live>, String> {
        crate::memo::enable();
        let live = Arc::new(Live {
            shared: Shared {
                state: Mutex::new(State::default()),
                changed: Condvar::new(),
            },
        });
        // Watch content and theme; rebuild after a short quiet period so one save is one build
        // (an editor's save, a temporary file and a rename, takes a few milliseconds; the quiet
        // period is most of the time from save to reload, so it is kept short).
        let (tx, rx) = std::sync::mpsc::channel();
        let mut watcher =
            notify::recommended_watcher(tx).map_err(|e| super::watch_error(&e, None, opts.lang))?;
        let mut watched = vec![opts.content.clone()];
        watched.extend(opts.theme.clone());
        for dir in &watched {
            notify::Watcher::watch(&mut watcher, dir, notify::RecursiveMode::Recursive)
                .map_err(|e| super::watch_error(&e, Some(dir), opts.lang))?;
        }
        // Listed and built after the watch starts: a change from here on is an event.
        let mut trees = Trees::list(&opts);
        crate::memo::set_tree(trees.content.clone());
        let mut theme = None;
        report(
            &opts,
            rebuild(&opts, &live.shared, &mut theme, Instant::now()),
        );

        let watching = Arc::clone(&live);
        std::thread::spawn(move || {
            let _keep = watcher;
            while let Ok(first) = rx.recv() {
                let mut change = Change::of(first);
                if matches!(change, Change::Nothing) {
                    continue;
                }
                loop {
                    match rx.recv_timeout(QUIET) {
                        Ok(event) => change = change.and(Change::of(event)),
                        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => break,
                        Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => return,
                    }
                }
                // The reported time includes finding what changed, not the quiet period.
                let started = Instant::now();
                let before = trees.clone();
                match change {
                    Change::Paths(paths) => trees.update(&opts, &paths),
                    _ => trees = Trees::list(&opts),
                }
                if trees == before {
                    continue;
                }
                if trees.theme != before.theme {
                    theme = None;
                }
                crate::memo::set_tree(trees.content.clone());
                report(&opts, rebuild(&opts, &watching.shared, &mut theme, started));
            }
        });
        Ok(live)
    }

    /// Answers `request` for `url`, a path of the site; `mount` is where the site sits in the
    /// server's paths (`""` for `serve`, `/preview` for `edit`), for redirects.
    pub(crate) fn answer(&self, request: Request, mount: &str, url: &str) {
        handle(request, &self.shared, mount, url)
    }

    /// Whether `url` is the reload long-poll, wherever the site is mounted.
    pub(crate) fn is_reload(url: &str) -> bool {
        url.starts_with(RELOAD_PATH)
    }
}

/// What one rebuild did: its time and how many pages it had to render.
struct Rebuilt {
    took: Duration,
    /// Pages rendered (the others' context was unchanged, so their HTML was too).
    rendered: usize,
    pages: usize,
    /// The check's one-line summary: a save that breaks a rule shows at once.
    summary: String,
}

/// Rebuilds the site in memory. Only what a change touches costs much: folders whose files did
/// not change are not read again, nor attachments (`memo`); a page whose template
/// context is unchanged is not rendered again; the theme is parsed again only when it changed.
fn rebuild(
    opts: &ServeOptions,
    shared: &Shared,
    theme: &mut Option<Theme>,
    started: Instant,
) -> Result<Rebuilt, Vec<Finding>> {
    let build = BuildOptions {
        content: opts.content.clone(),
        out: PathBuf::new(),
        base_url: None,
        theme: opts.theme.clone(),
        criteria: None,
        strict: false,
        as_of: crate::thai::today(),
        cache: crate::memo::build_cache::Use::Off,
    };
    let result = (|| {
        if theme.is_none() {
            *theme = Some(templates::load_theme(opts.theme.as_deref())?);
        }
        let t = theme.as_ref().expect("theme loaded above");
        let (renders, seen) = (t.renders(), t.pages_seen());
        let r = pipeline::render(&build, t)?;
        let files: Files = r.files.into_iter().map(|f| (f.path, f.content)).collect();
        let summary = crate::check::render_summary_line(&r.check, opts.lang);
        Ok::<_, BuildFailure>((files, t.renders() - renders, t.pages_seen() - seen, summary))
    })();
    let mut st = shared.state.lock().unwrap_or_else(|e| e.into_inner());
    st.version += 1;
    let r = match result {
        Ok((files, rendered, pages, summary)) => {
            st.site = Arc::new(files);
            st.error_html = None;
            Ok(Rebuilt {
                took: started.elapsed(),
                rendered,
                pages,
                summary,
            })
        }
        Err(f) => {
            let findings = if f.findings.is_empty() {
                f.check
                    .map(|c| c.findings().cloned().collect())
                    .unwrap_or_default()
            } else {
                f.findings
            };
            st.error_html = Some(error_page(&findings, opts.lang));
            Err(findings)
        }
    };
    shared.changed.notify_all();
    r
}

fn error_page(findings: &[Finding], lang: Lang) -> String {
    let mut items = String::new();
    for f in findings {
        items.push_str(&format!(
            "<li><pre>{}</pre></li>",
            crate::render::esc(&f.render(lang))
        ));
    }
    format!(
        "<!DOCTYPE html><html lang=\"th\"><head><meta charset=\"utf-8\"><title>สร้างเว็บไซต์ไม่สำเร็จ</title>\
         <style>body{{font-family:Sarabun,Tahoma,sans-serif;margin:2rem;line-height:1.6}}h1{{color:#8a1c12}}pre{{white-space:pre-wrap;font-size:1rem}}</style></head>\
         <body><h1>สร้างเว็บไซต์ไม่สำเร็จ (build failed)</h1><p>แก้ไขไฟล์ตามรายการด้านล่างแล้วบันทึก หน้านี้จะโหลดใหม่เอง</p><ol>{items}</ol></body></html>"
    )
}

/// How long the watcher waits for the events of one save to stop.
const QUIET: Duration = Duration::from_millis(15);

/// What an event says changed.
enum Change {
    /// Nothing: a file opened or read (by a rebuild, for instance; or the watcher would wake
    /// itself for ever).
    Nothing,
    Paths(Vec<PathBuf>),
    /// The watcher lost track: list everything again.
    Unknown,
}

impl Change {
    fn of(event: notify::Result<notify::Event>) -> Change {
        use notify::EventKind;
        use notify::event::{AccessKind, AccessMode};
        match event {
            Err(_) => Change::Unknown,
            Ok(e) if e.need_rescan() => Change::Unknown,
            Ok(e) => match e.kind {
                EventKind::Access(AccessKind::Close(AccessMode::Write)) => Change::Paths(e.paths),
                EventKind::Access(_) => Change::Nothing,
                _ => Change::Paths(e.paths),
            },
        }
    }

    /// This change and `later` together.
    fn and(self, later: Change) -> Change {
        match (self, later) {
            (Change::Unknown, _) | (_, Change::Unknown) => Change::Unknown,
            (Change::Paths(mut a), Change::Paths(b)) => {
                a.extend(b);
                Change::Paths(a)
            }
            (Change::Nothing, c) | (c, Change::Nothing) => c,
        }
    }
}

/// Path, size and modification time of every file of the content and of the theme: what a
/// rebuild depends on. Listed once; then only the paths events name are looked at again.
#[derive(Clone, PartialEq)]
struct Trees {
    content: crate::memo::Tree,
    theme: crate::memo::Tree,
}

impl Trees {
    fn list(opts: &ServeOptions) -> Trees {
        let mut t = Trees {
            content: Default::default(),
            theme: Default::default(),
        };
        list_into(&mut t.content, &opts.content);
        if let Some(dir) = &opts.theme {
            list_into(&mut t.theme, dir);
        }
        t
    }

    /// Looks again at `paths` (and what is under them, and their folders). A path outside both
    /// folders as serve names them (the watcher may resolve links the folders' names go
    /// through) makes it list everything again instead: a change is never missed.
    fn update(&mut self, opts: &ServeOptions, paths: &[PathBuf]) {
        let inside = |p: &PathBuf| {
            p.starts_with(&opts.content) || opts.theme.as_ref().is_some_and(|t| p.starts_with(t))
        };
        if !paths.iter().all(inside) {
            *self = Trees::list(opts);
            return;
        }
        let roots = std::iter::once((&opts.content, &mut self.content))
            .chain(opts.theme.as_ref().map(|d| (d, &mut self.theme)));
        for (root, tree) in roots {
            for p in paths.iter().filter(|p| p.starts_with(root)) {
                let gone: Vec<PathBuf> = tree
                    .range(p.clone()..)
                    .take_while(|(q, _)| q.starts_with(p))
                    .map(|(q, _)| q.clone())
                    .collect();
                for q in gone {
                    tree.remove(&q);
                }
                list_into(tree, p);
                if let Some(parent) = p.parent().filter(|d| d.starts_with(root))
                    && let Ok(m) = std::fs::metadata(parent)
                {
                    tree.insert(parent.to_path_buf(), (m.len(), m.modified().ok()));
                }
            }
        }
    }
}

/// `dir` (a folder or a file) and everything under it, into `tree`.
fn list_into(tree: &mut crate::memo::Tree, dir: &Path) {
    tree.extend(crate::memo::list(dir));
}

fn report(opts: &ServeOptions, result: Result<Rebuilt, Vec<Finding>>) {
    match result {
        Ok(r) => eprintln!(
            "{}",
            if opts.lang == Lang::Th {
                format!(
                    "สร้างเว็บไซต์ใหม่แล้ว ใน {:.1} มิลลิวินาที (สร้างหน้าใหม่ {} จาก {} หน้า)\n{}",
                    r.took.as_secs_f64() * 1000.0,
                    r.rendered,
                    r.pages,
                    r.summary,
                )
            } else {
                format!(
                    "rebuilt in {:.1} ms ({} of {} pages rendered)\n{}",
                    r.took.as_secs_f64() * 1000.0,
                    r.rendered,
                    r.pages,
                    r.summary,
                )
            }
        ),
        Err(findings) => {
            for f in &findings {
                eprintln!("{}", f.render(opts.lang));
            }
        }
    }
}

fn handle(request: Request, shared: &Shared, mount: &str, url: &str) {
    if let Some(query) = url.strip_prefix(RELOAD_PATH) {
        // Long-poll: answer when the version moves past the client's, or after 25 s.
        let client: u64 = query
            .strip_prefix("?v=")
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        let st = shared.state.lock().unwrap_or_else(|e| e.into_inner());
        let (st, _) = shared
            .changed
            .wait_timeout_while(st, Duration::from_secs(25), |s| s.version == client)
            .unwrap_or_else(|e| e.into_inner());
        let v = st.version;
        drop(st);
        return request.send(200, v.to_string().into_bytes(), "text/plain; charset=utf-8");
    }
    let (version, site, error) = {
        let st = shared.state.lock().unwrap_or_else(|e| e.into_inner());
        (st.version, Arc::clone(&st.site), st.error_html.clone())
    };
    let is_html = |p: &str| p.ends_with(".html");
    match super::resolve(&site, url) {
        // A folder asked for without its slash: relative links need it.
        Some((path, _))
            if path.ends_with("index.html")
                && !url_path(url).ends_with('/')
                && !url_path(url).ends_with("index.html") =>
        {
            request.moved(&format!("{mount}{}/", url_path(url)));
        }
        Some((path, content)) if error.is_none() || !is_html(path) => {
            let bytes = match content {
                OutContent::Bytes(b) => Some(b.clone()),
                OutContent::Source(src) => std::fs::read(src).ok(),
            };
            match bytes {
                Some(b) if is_html(path) => request.send(
                    200,
                    inject(&String::from_utf8_lossy(&b), version).into_bytes(),
                    "text/html; charset=utf-8",
                ),
                Some(b) => request.send(200, b, content_type(Path::new(path))),
                None => not_found(request, &site, version),
            }
        }
        _ if error.is_some() => request.send(
            500,
            inject(&error.unwrap_or_default(), version).into_bytes(),
            "text/html; charset=utf-8",
        ),
        _ => not_found(request, &site, version),
    }
}

fn url_path(url: &str) -> &str {
    url.split(['?', '#']).next().unwrap_or("")
}

fn not_found(request: Request, site: &Files, version: u64) {
    let body = match site.get("404.html") {
        Some(OutContent::Bytes(b)) => String::from_utf8_lossy(b).into_owned(),
        _ => "<h1>404</h1>".into(),
    };
    request.send(
        404,
        inject(&body, version).into_bytes(),
        "text/html; charset=utf-8",
    );
}

fn inject(html: &str, version: u64) -> String {
    let script = reload_script(version);
    match html.rfind("</body>") {
        Some(i) => format!("{}{script}{}", &html[..i], &html[i..]),
        None => format!("{html}{script}"),
    }
}
