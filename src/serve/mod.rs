//! `oit serve`: build the site in memory, serve it on 127.0.0.1, rebuild when content or theme
//! change, and reload open pages by a long-poll (no async runtime: a thread per request is plenty
//! for one webmaster's browser). Nothing is written to disk: a rebuild swaps the site held in
//! memory, and attachments are read from the content folder when asked for.
mod paths;

pub use paths::resolve;

use crate::diagnostics::{Finding, Lang};
use crate::pipeline::{self, BuildFailure, BuildOptions};
use crate::render::OutContent;
use crate::render::templates::{self, Theme};
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::SocketAddr;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

pub struct ServeOptions {
    pub content: PathBuf,
    pub theme: Option<PathBuf>,
    pub bind: String,
    pub port: u16,
    pub lang: Lang,
}

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
/// not change are not read again, nor attachments (`documents::memo`); a page whose template
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

pub fn serve(mut opts: ServeOptions) -> Result<(), String> {
    // Absolute, as the watcher's event paths are (`oit serve` with the default `content`).
    opts.content = std::path::absolute(&opts.content).unwrap_or(opts.content);
    opts.theme = opts.theme.map(|t| std::path::absolute(&t).unwrap_or(t));
    // The port first: when it is taken (another `oit serve` still open, say) the webmaster
    // hears it at once, not after a whole build.
    let listener = listen(&opts)?;
    crate::documents::memo::enable();
    let shared = Arc::new(Shared {
        state: Mutex::new(State::default()),
        changed: Condvar::new(),
    });
    // Watch content and theme; rebuild after a short quiet period so one save is one build (an
    // editor's save, a temporary file and a rename, takes a few milliseconds; the quiet period
    // is most of the time from save to reload, so it is kept short).
    let (tx, rx) = std::sync::mpsc::channel();
    let mut watcher =
        notify::recommended_watcher(tx).map_err(|e| watch_error(&e, None, opts.lang))?;
    let mut watched = vec![opts.content.clone()];
    watched.extend(opts.theme.clone());
    for dir in &watched {
        notify::Watcher::watch(&mut watcher, dir, notify::RecursiveMode::Recursive)
            .map_err(|e| watch_error(&e, Some(dir), opts.lang))?;
    }
    // Listed and built after the watch starts: a change from here on is an event.
    let mut trees = Trees::list(&opts);
    crate::documents::memo::set_tree(trees.content.clone());
    let mut theme = None;
    report(&opts, rebuild(&opts, &shared, &mut theme, Instant::now()));

    let port = listener.local_addr().map(|a| a.port()).unwrap_or(opts.port);
    eprintln!("http://{}:{port}/  (Ctrl+C เพื่อหยุด / to stop)", opts.bind);

    let watcher_shared = Arc::clone(&shared);
    let opts = Arc::new(opts);
    let watcher_opts = Arc::clone(&opts);
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
                Change::Paths(paths) => trees.update(&watcher_opts, &paths),
                _ => trees = Trees::list(&watcher_opts),
            }
            if trees == before {
                continue;
            }
            if trees.theme != before.theme {
                theme = None;
            }
            crate::documents::memo::set_tree(trees.content.clone());
            report(
                &watcher_opts,
                rebuild(&watcher_opts, &watcher_shared, &mut theme, started),
            );
        }
    });

    // One thread per connection and one request per connection: a browser's handful of
    // connections (one held by the reload long-poll) never wait behind each other.
    for stream in listener.incoming().flatten() {
        let shared = Arc::clone(&shared);
        std::thread::spawn(move || {
            if let Some(request) = Request::read(stream) {
                handle(request, &shared);
            }
        });
    }
    Ok(())
}

/// The server's socket, or why it cannot be had, said for a webmaster.
fn listen(opts: &ServeOptions) -> Result<TcpListener, String> {
    let th = opts.lang == Lang::Th;
    let addr: SocketAddr = format!("{}:{}", opts.bind, opts.port)
        .parse()
        .map_err(|e| {
            if th {
                format!(
                    "--bind {}: ที่อยู่ IP ไม่ถูกต้อง ให้ใช้ตัวเลขแบบ 127.0.0.1 หรือไม่ต้องใส่ --bind ({e})",
                    opts.bind
                )
            } else {
                format!(
                    "--bind {}: not an IP address; use a number such as 127.0.0.1 or leave --bind out ({e})",
                    opts.bind
                )
            }
        })?;
    TcpListener::bind(addr).map_err(|e| bind_error(&e, addr, opts.lang))
}

/// Why the server's port cannot be opened, with what to do about it.
fn bind_error(e: &std::io::Error, addr: SocketAddr, lang: Lang) -> String {
    use std::io::ErrorKind;
    let port = addr.port();
    // A port nearby that is free now, to suggest.
    let free = (port.saturating_add(1)..=port.saturating_add(20))
        .find(|&p| p != port && p >= 1024 && TcpListener::bind((addr.ip(), p)).is_ok())
        .unwrap_or(if port == 1111 { 8080 } else { 1111 });
    let why = crate::os_error::io_text(e);
    let raw = crate::os_error::raw(e);
    let text = match e.kind() {
        ErrorKind::AddrInUse => crate::diagnostics::Text::new(
            format!(
                "พอร์ต {port} ถูกใช้อยู่แล้ว (อาจมี oit serve อีกหน้าต่างเปิดอยู่) ให้ปิดโปรแกรมนั้น หรือใช้ --port อื่น เช่น --port {free} ({raw})"
            ),
            format!(
                "port {port} is already in use (another oit serve may be open in another window): close that program or use another --port, such as --port {free} ({raw})"
            ),
        ),
        ErrorKind::PermissionDenied => crate::diagnostics::Text::new(
            format!(
                "ไม่มีสิทธิ์เปิดพอร์ต {port} (พอร์ตที่ต่ำกว่า 1024 ต้องใช้สิทธิ์ผู้ดูแลระบบ) ให้ใช้ --port อื่น เช่น --port {free} ({raw})"
            ),
            format!(
                "no permission to open port {port} (ports below 1024 need administrator rights): use another --port, such as --port {free} ({raw})"
            ),
        ),
        ErrorKind::AddrNotAvailable => crate::diagnostics::Text::new(
            format!(
                "--bind {}: เครื่องนี้ไม่มีที่อยู่ IP นี้ ให้ใช้ 127.0.0.1 หรือไม่ต้องใส่ --bind ({raw})",
                addr.ip()
            ),
            format!(
                "--bind {}: this computer has no such IP address; use 127.0.0.1 or leave --bind out ({raw})",
                addr.ip()
            ),
        ),
        _ => crate::diagnostics::Text::new(
            format!("เปิดพอร์ต {port} ไม่ได้: {}", why.th),
            format!("cannot open port {port}: {}", why.en),
        ),
    };
    text.get(lang).to_string()
}

/// Why the content or theme folder cannot be watched for changes.
fn watch_error(e: &notify::Error, dir: Option<&Path>, lang: Lang) -> String {
    let what = dir
        .map(|d| format!("{}: ", d.display()))
        .unwrap_or_default();
    let text = match &e.kind {
        notify::ErrorKind::Io(io) => {
            let why = crate::os_error::reason(io, crate::os_error::Op::Read);
            crate::diagnostics::Text::new(
                format!("{what}เฝ้าดูการแก้ไขไฟล์ไม่ได้: {}", why.th),
                format!("{what}cannot watch for changes: {}", why.en),
            )
        }
        notify::ErrorKind::PathNotFound => crate::diagnostics::Text::new(
            format!("{what}ไม่พบโฟลเดอร์นี้ ตรวจชื่อและตำแหน่งให้ถูกต้อง ({e})"),
            format!("{what}no such folder; check the name and where it is ({e})"),
        ),
        notify::ErrorKind::MaxFilesWatch => crate::diagnostics::Text::new(
            format!(
                "{what}ระบบจำกัดจำนวนไฟล์ที่เฝ้าดูได้ ให้ผู้ดูแลระบบเพิ่มค่า fs.inotify.max_user_watches ({e})"
            ),
            format!(
                "{what}the system's limit on watched files is reached; ask the administrator to raise fs.inotify.max_user_watches ({e})"
            ),
        ),
        _ => crate::diagnostics::Text::new(
            format!("{what}เฝ้าดูการแก้ไขไฟล์ไม่ได้ ({e})"),
            format!("{what}cannot watch for changes ({e})"),
        ),
    };
    text.get(lang).to_string()
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
    content: crate::documents::memo::Tree,
    theme: crate::documents::memo::Tree,
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
fn list_into(tree: &mut crate::documents::memo::Tree, dir: &Path) {
    for e in walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
    {
        if let Ok(m) = e.metadata() {
            tree.insert(e.path().to_path_buf(), (m.len(), m.modified().ok()));
        }
    }
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

/// A request as far as a static preview needs it: method and target.
struct Request {
    stream: TcpStream,
    head_only: bool,
    url: String,
}

impl Request {
    /// Reads the request line and headers (bounded in size and time); `None` answers nothing.
    fn read(stream: TcpStream) -> Option<Request> {
        let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
        let mut reader = BufReader::new(stream.try_clone().ok()?.take(16 * 1024));
        let mut line = String::new();
        reader.read_line(&mut line).ok()?;
        let mut parts = line.split_whitespace();
        let method = parts.next()?.to_string();
        let url = parts.next()?.to_string();
        // Headers are not needed; read them so the client sees its request consumed.
        loop {
            let mut h = String::new();
            if reader.read_line(&mut h).ok()? == 0 || h == "\r\n" || h == "\n" {
                break;
            }
        }
        let mut req = Request {
            stream,
            head_only: method == "HEAD",
            url,
        };
        if method != "GET" && method != "HEAD" {
            req.send(
                405,
                b"method not allowed".to_vec(),
                "text/plain; charset=utf-8",
            );
            return None;
        }
        Some(req)
    }

    fn url(&self) -> &str {
        &self.url
    }

    fn redirect(mut self, to: &str) {
        let head = format!(
            "HTTP/1.1 301 Moved Permanently\r\nLocation: {to}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        );
        let _ = self.stream.write_all(head.as_bytes());
        let _ = self.stream.flush();
    }

    fn send(&mut self, status: u16, body: Vec<u8>, ctype: &str) {
        let reason = match status {
            200 => "OK",
            404 => "Not Found",
            405 => "Method Not Allowed",
            _ => "Internal Server Error",
        };
        let head = format!(
            "HTTP/1.1 {status} {reason}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\nCache-Control: no-store\r\n\
             X-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n",
            body.len()
        );
        let _ = self.stream.write_all(head.as_bytes());
        if !self.head_only {
            let _ = self.stream.write_all(&body);
        }
        let _ = self.stream.flush();
    }
}

fn content_type(path: &Path) -> &'static str {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("xml") => "application/xml; charset=utf-8",
        Some("txt") => "text/plain; charset=utf-8",
        Some("json") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("webp") => "image/webp",
        Some("gif") => "image/gif",
        Some("woff2") => "font/woff2",
        Some("pdf") => "application/pdf",
        Some("docx") => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        Some("xlsx") => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _ => "application/octet-stream",
    }
}

fn respond(mut request: Request, status: u16, body: Vec<u8>, ctype: &str) {
    request.send(status, body, ctype);
}

fn handle(request: Request, shared: &Shared) {
    let url = request.url().to_string();
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
        return respond(
            request,
            200,
            v.to_string().into_bytes(),
            "text/plain; charset=utf-8",
        );
    }
    let (version, site, error) = {
        let st = shared.state.lock().unwrap_or_else(|e| e.into_inner());
        (st.version, Arc::clone(&st.site), st.error_html.clone())
    };
    let is_html = |p: &str| p.ends_with(".html");
    match resolve(&site, &url) {
        // A folder asked for without its slash: relative links need it.
        Some((path, _))
            if path.ends_with("index.html")
                && !url_path(&url).ends_with('/')
                && !url_path(&url).ends_with("index.html") =>
        {
            let to = format!("{}/", url_path(&url));
            request.redirect(&to);
        }
        Some((path, content)) if error.is_none() || !is_html(path) => {
            let bytes = match content {
                OutContent::Bytes(b) => Some(b.clone()),
                OutContent::Source(src) => std::fs::read(src).ok(),
            };
            match bytes {
                Some(b) if is_html(path) => respond(
                    request,
                    200,
                    inject(&String::from_utf8_lossy(&b), version).into_bytes(),
                    "text/html; charset=utf-8",
                ),
                Some(b) => respond(request, 200, b, content_type(Path::new(path))),
                None => not_found(request, &site, version),
            }
        }
        _ if error.is_some() => respond(
            request,
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
    respond(
        request,
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
