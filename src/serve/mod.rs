//! `oit serve`: build the site in memory, serve it on 127.0.0.1, rebuild when content or theme
//! change, and reload open pages by a long-poll (no async runtime: a thread per request is plenty
//! for one webmaster's browser). Nothing is written to disk: a rebuild swaps the site held in
//! memory, and attachments are read from the content folder when asked for (`live`).
pub mod http;
mod live;
mod paths;

pub(crate) use live::Live;
pub use paths::resolve;

use crate::diagnostics::Lang;
use std::net::SocketAddr;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub struct ServeOptions {
    pub content: PathBuf,
    pub theme: Option<PathBuf>,
    pub bind: String,
    pub port: u16,
    pub lang: Lang,
}

pub fn serve(mut opts: ServeOptions) -> Result<(), String> {
    // Absolute, as the watcher's event paths are (`oit serve` with the default `content`).
    opts.content = std::path::absolute(&opts.content).unwrap_or(opts.content);
    opts.theme = opts.theme.map(|t| std::path::absolute(&t).unwrap_or(t));
    // The port first: when it is taken (another `oit serve` still open, say) the webmaster
    // hears it at once, not after a whole build.
    let listener = listen(&opts)?;
    let port = listener.local_addr().map(|a| a.port()).unwrap_or(opts.port);
    let bind = opts.bind.clone();
    let live = Live::start(opts)?;
    eprintln!("http://{bind}:{port}/  (Ctrl+C เพื่อหยุด / to stop)");

    // One thread per connection and one request per connection: a browser's handful of
    // connections (one held by the reload long-poll) never wait behind each other.
    for stream in listener.incoming().flatten() {
        let live = Arc::clone(&live);
        std::thread::spawn(move || {
            if let Some(request) = http::Request::read(stream) {
                if request.method != "GET" && request.method != "HEAD" {
                    return request.send(
                        405,
                        b"method not allowed".to_vec(),
                        "text/plain; charset=utf-8",
                    );
                }
                let url = request.url.clone();
                live.answer(request, "", &url);
            }
        });
    }
    Ok(())
}

/// The server's socket, or why it cannot be had, said for a webmaster.
pub(crate) fn listen(opts: &ServeOptions) -> Result<TcpListener, String> {
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
pub(crate) fn watch_error(e: &notify::Error, dir: Option<&Path>, lang: Lang) -> String {
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
