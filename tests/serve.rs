//! `oit serve` end to end, without a browser: a save re-renders only the pages it touches, a
//! broken file shows as an error page naming it, and fixing the file brings the site back.
mod common;

use common::*;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, ChildStderr, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

struct Server {
    child: Child,
    port: u16,
    lines: Receiver<String>,
    /// The check summary of the first build.
    first_check: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    fn start(s: &Scratch) -> Server {
        Server::start_with(s, false)
    }

    /// With `relative`, serve runs in the scratch folder with `--content content`, as a
    /// webmaster types it.
    fn start_with(s: &Scratch, relative: bool) -> Server {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_oit"));
        cmd.args(["--lang", "en", "serve", "--port", "0", "--content"]);
        if relative {
            cmd.arg("content").current_dir(s.dir.path());
        } else {
            cmd.arg(s.content());
        }
        let mut child = cmd
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .unwrap();
        let stderr: ChildStderr = child.stderr.take().unwrap();
        let (tx, lines) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let mut server = Server {
            child,
            port: 0,
            lines,
            first_check: String::new(),
        };
        let first = server.next_line_with("rebuilt in");
        assert!(first.contains("pages rendered"), "{first}");
        server.first_check = server.next_line_with("check:");
        let url = server.next_line_with("http://127.0.0.1:");
        let port = url
            .trim_start_matches("http://127.0.0.1:")
            .split('/')
            .next()
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("no port in {url:?}"));
        server.port = port;
        server
    }

    /// The next line of the server's log that contains `needle` (30 s at most).
    fn next_line_with(&self, needle: &str) -> String {
        let mut seen = Vec::new();
        loop {
            match self.lines.recv_timeout(Duration::from_secs(30)) {
                Ok(l) if l.contains(needle) => return l,
                Ok(l) => seen.push(l),
                Err(e) => panic!("no log line with {needle:?}: {e}; log: {seen:#?}"),
            }
        }
    }

    /// Status and body of `path`, the body as bytes with the injected reload script taken out.
    fn get_body(&self, path: &str) -> (u16, Vec<u8>) {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        write!(s, "GET {path} HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
        let mut bytes = Vec::new();
        s.read_to_end(&mut bytes).unwrap();
        let end = bytes
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("response head");
        let head = String::from_utf8_lossy(&bytes[..end]).into_owned();
        let status = head
            .split_whitespace()
            .nth(1)
            .and_then(|c| c.parse().ok())
            .unwrap_or(0);
        let mut body = bytes[end + 4..].to_vec();
        let (start, stop) = (
            b"<script>(function(){var v=".as_slice(),
            b"</script>".as_slice(),
        );
        if let Some(i) = body.windows(start.len()).position(|w| w == start)
            && let Some(j) = body[i..].windows(stop.len()).position(|w| w == stop)
        {
            body.drain(i..i + j + stop.len());
        }
        (status, body)
    }

    /// Every file a fresh `oit build` of the same content makes is served, byte for byte.
    fn assert_serves_what_build_makes(&self, s: &Scratch, step: &str) {
        let out = tempfile::tempdir().unwrap();
        build(&s.content(), &out.path().join("site"), &[]).assert_code(0);
        let built = files(&out.path().join("site"));
        assert!(built.len() > 10, "{step}: {built:?}");
        for rel in built.iter().filter(|r| !r.starts_with('.')) {
            let want = std::fs::read(out.path().join("site").join(rel)).unwrap();
            let url: String = rel
                .bytes()
                .map(|b| match b {
                    b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'/' | b'.' | b'-' | b'_' => {
                        (b as char).to_string()
                    }
                    _ => format!("%{b:02X}"),
                })
                .collect();
            let (code, got) = self.get_body(&format!("/{url}"));
            assert_eq!(code, 200, "{step}: {rel}");
            assert!(
                got == want,
                "{step}: {rel} differs from a fresh build ({} vs {} bytes)",
                got.len(),
                want.len()
            );
        }
    }

    fn get(&self, path: &str) -> (u16, String) {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        write!(s, "GET {path} HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
        let mut bytes = Vec::new();
        s.read_to_end(&mut bytes).unwrap();
        let resp = String::from_utf8_lossy(&bytes).into_owned();
        let status = resp
            .split_whitespace()
            .nth(1)
            .and_then(|c| c.parse().ok())
            .unwrap_or(0);
        (status, resp)
    }
}

/// "rebuilt in 12.5 ms (2 of 40 pages rendered)" → (2, 40).
fn rendered(line: &str) -> (usize, usize) {
    let inner = line.split('(').nth(1).unwrap_or_default();
    let nums: Vec<usize> = inner
        .split_whitespace()
        .filter_map(|w| w.parse().ok())
        .collect();
    (nums[0], nums[1])
}

const O7: &str = "ita/2567/o07/index.md";

#[test]
fn a_save_renders_only_what_it_touches_and_errors_show_in_the_browser() {
    let s = Scratch::new("basic");
    let server = Server::start(&s);
    let (code, home) = server.get("/");
    assert_eq!(code, 200, "{home}");
    assert!(home.contains("/__oit/reload"), "no reload script");
    let (code, pdf) = server.get("/ita/2567/o07/2566-10/report.pdf");
    assert_eq!(code, 200);
    assert!(pdf.contains("%PDF"), "{pdf}");
    // A folder without its slash is sent to it, so the page's relative links work.
    let (code, moved) = server.get("/ita/2567/o07");
    assert_eq!(code, 301, "{moved}");
    assert!(moved.contains("Location: /ita/2567/o07/\r\n"), "{moved}");

    // One paragraph added to one item's body: only its page is rendered again.
    s.replace(O7, "\n---\n", "\n---\nย่อหน้าที่เพิ่งเพิ่มระหว่างแสดงตัวอย่าง\n\n");
    let line = server.next_line_with("rebuilt in");
    let (n, total) = rendered(&line);
    assert_eq!(n, 1, "{line}");
    assert!(total > 5, "{line}");
    let (code, page) = server.get("/ita/2567/o07/index.html");
    assert_eq!(code, 200);
    assert!(page.contains("ย่อหน้าที่เพิ่งเพิ่มระหว่างแสดงตัวอย่าง"));
    // The search index has the new words although no page around it changed.
    let (_, index) = server.get("/search-index.js");
    assert!(index.contains("ย่อหน้าที่เพิ่งเพิ่มระหว่างแสดงตัวอย่าง"), "{index}");

    // A new title shows on every page that lists the item (home, year, neighbours, sitemap…).
    s.replace(O7, "updated:", "title: ชื่อใหม่ของข้อ ๗\nupdated:");
    let line = server.next_line_with("rebuilt in");
    let (n, _) = rendered(&line);
    assert!(n > 2, "{line}");
    let (_, home) = server.get("/");
    assert!(home.contains("ชื่อใหม่ของข้อ ๗"), "{home}");

    // A broken front matter: the terminal and the browser name the file and line.
    s.replace(O7, "supervisor: head", "supervisor: [head");
    let err = server.next_line_with("ita/2567/o07/index.md");
    assert!(err.contains("index.md:"), "{err}");
    let (code, page) = server.get("/ita/2567/o07/index.html");
    assert_eq!(code, 500, "{page}");
    assert!(page.contains("ita/2567/o07/index.md:"), "{page}");

    // Fixed: the site is back without a restart.
    s.replace(O7, "supervisor: [head", "supervisor: head");
    server.next_line_with("rebuilt in");
    let (code, page) = server.get("/ita/2567/o07/index.html");
    assert_eq!(code, 200, "{page}");

    // A broken link in one page is caught although every other page is remembered, and goes
    // away with the fix.
    s.replace(O7, "\n---\n", "\n---\n[ลิงก์เสีย](../o99/index.html)\n\n");
    let err = server.next_line_with("o99/index.html");
    assert!(err.contains("ita/2567/o07/index.html"), "{err}");
    assert_eq!(server.get("/ita/2567/o07/index.html").0, 500);
    s.replace(O7, "[ลิงก์เสีย](../o99/index.html)", "");
    server.next_line_with("rebuilt in");
    assert_eq!(server.get("/ita/2567/o07/index.html").0, 200);
    // …and so is a link into another page whose anchor an edit of that page removed: O1,
    // itself unchanged, links to O7's row for November.
    let o1 = "ita/2567/o01/index.md";
    let text = s.read(o1);
    s.write(
        o1,
        format!("{text}\n[รายงาน พ.ย.](../o07/index.html#m-2566-11)\n"),
    );
    server.next_line_with("rebuilt in");
    s.replace(O7, "  2566-11: { none: ไม่มีรายงาน }\n", "");
    let err = server.next_line_with("#m-2566-11");
    assert!(err.contains("ita/2567/o01/index.html"), "{err}");
    s.replace(O7, "months:\n", "months:\n  2566-11: { none: ไม่มีรายงาน }\n");
    server.next_line_with("rebuilt in");
    assert_eq!(server.get("/ita/2567/o01/index.html").0, 200);

    // A removed news item disappears from the preview.
    std::fs::remove_dir_all(s.file("news/2566-11-15-meeting")).unwrap();
    server.next_line_with("rebuilt in");
    assert_eq!(server.get("/news/2566-11-15-meeting/index.html").0, 404);
}

/// What serve remembers between rebuilds (folders, pages, tables, search words) never shows a
/// stale page: after each kind of edit, the preview is exactly what a fresh build makes.
#[test]
fn after_each_edit_the_preview_equals_a_fresh_build() {
    let s = Scratch::new("basic");
    let server = Server::start(&s);
    server.assert_serves_what_build_makes(&s, "start");
    const TABLE: &str = "ita/2567/o01/executives.yaml";
    let edits: [(&str, &dyn Fn()); 10] = [
        ("item body", &|| {
            s.replace(O7, "\n---\n", "\n---\nเพิ่มย่อหน้าใหม่ในข้อ ๗\n\n")
        }),
        ("item title", &|| {
            s.replace(
                O7,
                "updated:",
                "title: รายงานผลการจัดซื้อจัดจ้างประจำเดือน\nupdated:",
            )
        }),
        ("news title", &|| {
            s.replace(
                "news/2566-11-15-meeting/index.md",
                "title: ประชุมขับเคลื่อน ITA",
                "title: ประชุมติดตามการเผยแพร่ข้อมูล OIT",
            )
        }),
        ("officer in site.yaml", &|| {
            s.replace("site.yaml", "พ.ต.อ.ทดสอบ ใจดี", "พ.ต.อ.ผู้กำกับ คนใหม่")
        }),
        ("new file in an item folder", &|| {
            s.write("ita/2567/o07/extra-report.pdf", tiny_pdf())
        }),
        ("page", &|| {
            let text = s.read("pages/contact.md");
            s.write("pages/contact.md", format!("{text}\nโทรหาเราได้ตลอดเวลา\n"))
        }),
        ("news removed", &|| {
            std::fs::remove_dir_all(s.file("news/2566-11-15-meeting")).unwrap()
        }),
        // Tables: serve remembers their parse by text.
        ("table cell", &|| {
            s.replace(TABLE, "budget: 1234.5", "budget: 99")
        }),
        ("image for a table", &|| {
            // A PNG's signature and header: a 1×1 image as far as oit looks.
            s.write(
                "ita/2567/o01/chief.png",
                b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89",
            )
        }),
        ("table column naming the image", &|| {
            let text = s
                .read(TABLE)
                .replace(
                    "type: baht }",
                    "type: baht }\n  - { key: photo, label: รูป, type: image }",
                )
                .replace("budget: 99 }", "budget: 99, photo: chief.png }");
            s.write(TABLE, text)
        }),
    ];
    for (step, edit) in edits {
        edit();
        let line = server.next_line_with("rebuilt in");
        server.assert_serves_what_build_makes(&s, &format!("{step} ({line})"));
        // The check summary serve prints is that of a fresh `oit check`.
        let summary = server.next_line_with("check:");
        assert_eq!(summary, fresh_check_summary(&s), "{step}");
    }
    // The image a table names is removed, the table is not touched: the cell is checked
    // again (only the table's parse is remembered), and the preview shows the error.
    std::fs::remove_file(s.file("ita/2567/o01/chief.png")).unwrap();
    let err = server.next_line_with("chief.png");
    assert!(err.contains("executives.yaml"), "{err}");
    assert_eq!(server.get("/ita/2567/o01/index.html").0, 500);
}

/// The summary line of `oit check` run afresh on the scratch content.
fn fresh_check_summary(s: &Scratch) -> String {
    let fresh = run(&[
        "--lang",
        "en",
        "check",
        "--content",
        s.content().to_str().unwrap(),
    ]);
    fresh
        .stdout
        .lines()
        .chain(fresh.stderr.lines())
        .find(|l| l.starts_with("check:"))
        .unwrap_or_else(|| panic!("no summary from oit check: {}", fresh.stdout))
        .to_string()
}

/// A scratch copy of the example station (content/).
fn example_station() -> Scratch {
    let s = Scratch::new("basic");
    std::fs::remove_dir_all(s.content()).unwrap();
    copy_tree(&manifest_dir().join("content"), &s.content());
    s
}

/// The same on the example station, for an edit of the site that changes an item's check: the
/// only news inviting citizens to the EIT survey is removed, so O6 fails.
#[test]
fn a_news_edit_reaches_the_checks_of_the_items_it_counts_for() {
    let s = example_station();
    let server = Server::start(&s);
    let before = server.first_check.clone();
    std::fs::remove_dir_all(s.file("news/2567-01-15-eit-survey")).unwrap();
    server.next_line_with("rebuilt in");
    let after = server.next_line_with("check:");
    assert_ne!(after, before);
    assert_eq!(after, fresh_check_summary(&s));
    server.assert_serves_what_build_makes(&s, "news removed");
}

fn tiny_pdf() -> Vec<u8> {
    std::fs::read(fixture("basic").join("ita/2567/o07/2566-10/report.pdf")).unwrap()
}

/// CPU time (user + system, in clock ticks) the process `pid` has used.
fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    // Fields after the command name (which may hold spaces): state is the 3rd, utime the 14th.
    let after = &stat[stat.rfind(')').unwrap() + 2..];
    let f: Vec<&str> = after.split_whitespace().collect();
    f[11].parse::<u64>().unwrap() + f[12].parse::<u64>().unwrap()
}

/// An idle preview sleeps: reading files (its own rebuilds included) is not a change, so the
/// watcher does not wake itself up again and again. It once listed the whole content about 30
/// times a second, for ever.
#[test]
fn an_idle_preview_uses_no_cpu() {
    // The example station: big enough for listing it to cost something.
    let s = example_station();
    let server = Server::start(&s);
    assert_eq!(server.get("/").0, 200);
    s.replace("ita/2567/o01/index.md", "\n---\n", "\n---\nแก้ไขหนึ่งครั้ง\n\n");
    server.next_line_with("rebuilt in");
    std::thread::sleep(Duration::from_millis(300));
    let before = cpu_ticks(server.child.id());
    std::thread::sleep(Duration::from_secs(2));
    let used = cpu_ticks(server.child.id()) - before;
    // A tick is 10 ms; the old loop used about 15 in these two seconds.
    assert!(used <= 3, "{used} ticks of CPU in 2 s of idling");
}

/// `oit serve` in the station's folder with a relative `--content` (the default is `content`):
/// the watcher reports absolute paths, and an edit must still be seen.
#[test]
fn a_relative_content_folder_is_watched_too() {
    let s = Scratch::new("basic");
    let server = Server::start_with(&s, true);
    s.replace(O7, "\n---\n", "\n---\nแก้ไขจากโฟลเดอร์สัมพัทธ์\n\n");
    let line = server.next_line_with("rebuilt in");
    assert_eq!(rendered(&line).0, 1, "{line}");
    let (_, page) = server.get("/ita/2567/o07/index.html");
    assert!(page.contains("แก้ไขจากโฟลเดอร์สัมพัทธ์"), "{page}");
}

/// A port already taken (another `oit serve` left open, say) is named at once, in Thai, with
/// another port to use: before any build, not after it.
#[test]
fn a_taken_port_fails_at_once_in_thai() {
    let s = Scratch::new("basic");
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let mut child = Command::new(env!("CARGO_BIN_EXE_oit"))
        .args(["serve", "--port", &port, "--content"])
        .arg(s.content())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > Duration::from_secs(10) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("oit serve on a taken port still runs after 10 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert_eq!(status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains(&format!("พอร์ต {port} ถูกใช้อยู่แล้ว")),
        "{stderr}"
    );
    assert!(stderr.contains("ใช้ --port อื่น เช่น --port "), "{stderr}");
    // Nothing was built first.
    assert!(!stderr.contains("สร้างเว็บไซต์ใหม่แล้ว"), "{stderr}");
    drop(taken);
}
