//! `oit edit` over raw HTTP, without a browser: the requests that must fail (no token, a wrong
//! one, a foreign `Host`, a POST from another origin or with no origin, another method, a body
//! too large, a PDF named .xlsx, a file edited on disk meanwhile, a bad date or phone) fail
//! with a Thai message and leave every file as it was; an upload named to climb out lands
//! inside the item's folder; a removed file goes to the dated trash beside the content.
mod common;

use common::*;
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

struct Editor {
    child: Child,
    port: u16,
    token: String,
    scratch: Scratch,
}

impl Drop for Editor {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An answer: status, headers (lower-case names) and body.
struct Answer {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Answer {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

impl Editor {
    /// `oit edit` on a scratch copy of the example station.
    fn start() -> Editor {
        let scratch = Scratch::new("basic");
        std::fs::remove_dir_all(scratch.content()).unwrap();
        copy_tree(&manifest_dir().join("content"), &scratch.content());
        Editor::on(scratch)
    }

    /// `oit edit` on a station `oit new` made today, and its fiscal year.
    fn new_station() -> (Editor, String) {
        let scratch = Scratch::new("basic");
        std::fs::remove_dir_all(scratch.content()).unwrap();
        let content = scratch.content();
        run(&[
            "new",
            content.to_str().unwrap(),
            "--station",
            "สถานีตำรวจภูธรเมืองลำปาง",
        ])
        .assert_code(0);
        let year = dir_names(&content.join("ita"))[0].clone();
        (Editor::on(scratch), year)
    }

    /// `oit edit` on the station in `scratch`'s content folder.
    fn on(scratch: Scratch) -> Editor {
        let mut child = Command::new(env!("CARGO_BIN_EXE_oit"))
            .args(["edit", "--port", "0", "--no-open", "--content"])
            .arg(scratch.content())
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .unwrap();
        let stderr = child.stderr.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        let url = loop {
            let line = rx
                .recv_timeout(Duration::from_secs(60))
                .expect("oit edit prints its address");
            if let Some(i) = line.find("http://127.0.0.1:") {
                break line[i..].trim().to_string();
            }
        };
        let rest = url.trim_start_matches("http://127.0.0.1:");
        let (port, query) = rest.split_once("/?token=").expect("a token in the address");
        Editor {
            child,
            port: port.parse().unwrap(),
            token: query.to_string(),
            scratch,
        }
    }

    fn host(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    fn origin(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Sends `head` (request line and headers, without the blank line) and `body`.
    fn raw(&self, head: &str, body: &[u8]) -> Answer {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
        let mut req = format!("{head}\r\nConnection: close\r\n\r\n").into_bytes();
        req.extend_from_slice(body);
        let _ = s.write_all(&req);
        let mut out = Vec::new();
        let _ = s.read_to_end(&mut out);
        let text = String::from_utf8_lossy(&out).into_owned();
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        let mut lines = head.lines();
        let status = lines
            .next()
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|c| c.parse().ok())
            .unwrap_or(0);
        let headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
            .collect();
        Answer {
            status,
            headers,
            body: body.to_string(),
        }
    }

    fn get(&self, path: &str) -> Answer {
        self.raw(
            &format!(
                "GET {path} HTTP/1.1\r\nHost: {}\r\nCookie: oit_edit={}",
                self.host(),
                self.token
            ),
            b"",
        )
    }

    /// POSTs `fields` and `files` (field, file name, bytes) as the editor's forms do.
    fn post(
        &self,
        path: &str,
        fields: &[(String, String)],
        files: &[(&str, &str, &[u8])],
    ) -> Answer {
        let (ct, body) = multipart(fields, files);
        self.raw(
            &format!(
                "POST {path} HTTP/1.1\r\nHost: {}\r\nCookie: oit_edit={}\r\nOrigin: {}\r\nContent-Type: {ct}\r\nContent-Length: {}",
                self.host(),
                self.token,
                self.origin(),
                body.len()
            ),
            &body,
        )
    }

    /// The fields the form at `path` would send untouched (text inputs, checked boxes, text
    /// areas), in order.
    fn form(&self, path: &str) -> Vec<(String, String)> {
        let page = self.get(path);
        assert_eq!(page.status, 200, "{path}: {}", page.body);
        let mut out = Vec::new();
        let tokens = tokenize(&page.body);
        for (i, t) in tokens.iter().enumerate() {
            let Token::Tag { name, attrs } = t else {
                continue;
            };
            let attr = |k: &str| attrs.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
            let Some(field) = attr("name") else { continue };
            match name.as_str() {
                "input" => match attr("type").as_deref() {
                    Some("file") => {}
                    Some("checkbox") if attr("checked").is_none() => {}
                    _ => out.push((field, attr("value").unwrap_or_default())),
                },
                "select" => {
                    let chosen = tokens[i + 1..]
                        .iter()
                        .take_while(|t| !matches!(t, Token::Tag { name, .. } if name == "select" || name == "input"))
                        .find_map(|t| match t {
                            Token::Tag { name, attrs } if name == "option" && attrs.iter().any(|(k, _)| k == "selected") => {
                                attrs.iter().find(|(k, _)| k == "value").map(|(_, v)| v.clone())
                            }
                            _ => None,
                        });
                    out.push((field, chosen.unwrap_or_default()));
                }
                "textarea" => {
                    let text = match tokens.get(i + 1) {
                        Some(Token::Text(t)) => t.clone(),
                        _ => String::new(),
                    };
                    out.push((field, text));
                }
                _ => {}
            }
        }
        out
    }
}

fn multipart(fields: &[(String, String)], files: &[(&str, &str, &[u8])]) -> (String, Vec<u8>) {
    let boundary = "----oitTestBoundary7MA4YWxkTrZu0gW";
    let mut body = Vec::new();
    for (k, v) in fields {
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n")
                .as_bytes(),
        );
    }
    for (field, name, bytes) in files {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

fn set(fields: &mut Vec<(String, String)>, name: &str, value: &str) {
    match fields.iter_mut().find(|(k, _)| k == name) {
        Some(f) => f.1 = value.to_string(),
        None => fields.push((name.to_string(), value.to_string())),
    }
}

fn tree(e: &Editor) -> BTreeMap<String, Vec<u8>> {
    snapshot(&e.scratch.content())
}

fn pdf() -> Vec<u8> {
    std::fs::read(manifest_dir().join("content/ita/2567/o07/2566-10/report.pdf")).unwrap()
}

#[test]
fn requests_without_the_token_or_from_elsewhere_are_refused_and_change_nothing() {
    let e = Editor::start();
    let before = tree(&e);
    let host = e.host();
    // No token, then a wrong one.
    let a = e.raw(&format!("GET / HTTP/1.1\r\nHost: {host}"), b"");
    assert_eq!(a.status, 403);
    assert!(a.body.contains("ลิงก์นี้หมดอายุหรือไม่ถูกต้อง"), "{}", a.body);
    let a = e.raw(&format!("GET /?token=0123 HTTP/1.1\r\nHost: {host}"), b"");
    assert_eq!(a.status, 403);
    // The token in the address becomes a strict cookie, and the address loses it.
    let a = e.raw(
        &format!("GET /?token={} HTTP/1.1\r\nHost: {host}", e.token),
        b"",
    );
    assert_eq!(a.status, 303);
    assert_eq!(a.header("location"), Some("/"));
    let cookie = a.header("set-cookie").unwrap();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    assert_eq!(e.get("/").status, 200);
    // DNS rebinding: the right cookie, another host name.
    let a = e.raw(
        &format!(
            "GET / HTTP/1.1\r\nHost: evil.example:{}\r\nCookie: oit_edit={}",
            e.port, e.token
        ),
        b"",
    );
    assert_eq!(a.status, 403);
    assert!(a.body.contains("oit edit"), "{}", a.body);

    // A save from another origin, or with none, or by another method.
    let mut fields = e.form("/item/2567/o07");
    set(&mut fields, "updated", "1/12/2569");
    let (ct, body) = multipart(&fields, &[]);
    for origin in ["Origin: http://evil.example\r\n", "Origin: null\r\n", ""] {
        let a = e.raw(
            &format!(
                "POST /item/2567/o07 HTTP/1.1\r\nHost: {host}\r\nCookie: oit_edit={}\r\n{origin}Content-Type: {ct}\r\nContent-Length: {}",
                e.token,
                body.len()
            ),
            &body,
        );
        assert_eq!(a.status, 403, "origin {origin:?}");
        assert!(a.body.contains("ไม่ได้มาจากหน้าโปรแกรมแก้ไข"), "{}", a.body);
    }
    let a = e.raw(
        &format!(
            "PUT /item/2567/o07 HTTP/1.1\r\nHost: {host}\r\nCookie: oit_edit={}\r\nOrigin: {}\r\nContent-Length: 0",
            e.token,
            e.origin()
        ),
        b"",
    );
    assert_eq!(a.status, 405);
    // A body far too large is refused before it is read.
    let a = e.raw(
        &format!(
            "POST /item/2567/o07 HTTP/1.1\r\nHost: {host}\r\nCookie: oit_edit={}\r\nOrigin: {}\r\nContent-Type: {ct}\r\nContent-Length: 10000000000",
            e.token,
            e.origin()
        ),
        b"",
    );
    assert_eq!(a.status, 413);
    assert!(a.body.contains("MB"), "{}", a.body);
    assert_eq!(tree(&e), before, "nothing may change");
}

#[test]
fn a_pdf_named_xlsx_is_refused_with_the_check_reason_and_not_stored() {
    let e = Editor::start();
    let before = tree(&e);
    let fields = e.form("/item/2567/o15");
    let a = e.post(
        "/item/2567/o15",
        &fields,
        &[("month.2566-10.files", "สขร1.xlsx", &pdf())],
    );
    assert_eq!(a.status, 422, "{}", a.body);
    assert!(a.body.contains("สขร1.xlsx"), "{}", a.body);
    assert!(
        a.body.contains("PDF"),
        "names what the file really is: {}",
        a.body
    );
    assert!(a.body.contains("ไม่ได้บันทึกไฟล์นี้"), "{}", a.body);
    assert_eq!(tree(&e), before);
}

#[test]
fn an_upload_named_to_climb_out_lands_inside_the_item_folder() {
    let e = Editor::start();
    let mut fields = e.form("/item/2567/o03");
    set(&mut fields, "att.new.title", "เอกสารเพิ่มเติม");
    let a = e.post(
        "/item/2567/o03",
        &fields,
        &[("att.new", "../../../../evil.pdf", &pdf())],
    );
    assert_eq!(a.status, 303, "{}", a.body);
    assert_eq!(
        std::fs::read(e.scratch.file("ita/2567/o03/evil.pdf")).unwrap(),
        pdf()
    );
    assert!(!e.scratch.path("evil.pdf").exists());
    assert!(!e.scratch.content().join("evil.pdf").exists());
    assert!(
        e.scratch
            .read("ita/2567/o03/index.md")
            .contains("file: evil.pdf")
    );
}

#[test]
fn a_file_changed_on_disk_meanwhile_is_never_overwritten() {
    let e = Editor::start();
    let mut fields = e.form("/item/2567/o07");
    // Someone edits index.md by hand while the form is open.
    e.scratch.replace(
        "ita/2567/o07/index.md",
        "updated: 2567-04-05",
        "updated: 2567-04-06",
    );
    let hand = e.scratch.read("ita/2567/o07/index.md");
    set(&mut fields, "updated", "1/4/2567");
    let a = e.post("/item/2567/o07", &fields, &[]);
    assert_eq!(a.status, 409, "{}", a.body);
    assert!(a.body.contains("ถูกแก้ไขจากที่อื่น"), "{}", a.body);
    assert_eq!(e.scratch.read("ita/2567/o07/index.md"), hand);
}

#[test]
fn bad_input_gets_the_check_message_at_its_field_and_nothing_is_written() {
    let e = Editor::start();
    let before = tree(&e);
    let mut fields = e.form("/item/2567/o07");
    set(&mut fields, "updated", "31/02/2567");
    let a = e.post("/item/2567/o07", &fields, &[]);
    assert_eq!(a.status, 422);
    // The words `oit check` uses for the same date.
    let check_words = oit::thai::parse_date("31/02/2567")
        .unwrap_err()
        .message_th();
    assert!(
        a.body.contains(&oit::render::esc(&check_words)),
        "{check_words}\n{}",
        a.body
    );
    assert!(
        a.body.contains("id=\"f-updated-err\""),
        "the message sits at its field"
    );

    let mut fields = e.form("/station");
    set(&mut fields, "contact.phone", "โทรหาเรา");
    let a = e.post("/station", &fields, &[]);
    assert_eq!(a.status, 422);
    assert!(a.body.contains("ไม่ใช่หมายเลขโทรศัพท์"), "{}", a.body);

    let mut fields = e.form("/item/2567/o01");
    set(&mut fields, "t.0.0.phone", "โทรหาเรา");
    let a = e.post("/item/2567/o01", &fields, &[]);
    assert_eq!(a.status, 422);
    assert!(a.body.contains("ไม่ใช่หมายเลขโทรศัพท์"), "{}", a.body);

    let mut fields = e.form("/item/2567/o15");
    set(&mut fields, "month.2567-03.none", "1");
    set(&mut fields, "month.2567-03.reason", "");
    let a = e.post("/item/2567/o15", &fields, &[]);
    assert_eq!(a.status, 422);
    assert!(a.body.contains("ต้องบอกเหตุผล"), "{}", a.body);
    assert_eq!(tree(&e), before);
}

#[test]
fn a_removed_file_goes_to_the_dated_trash_beside_the_content() {
    let e = Editor::start();
    let mut fields = e.form("/item/2567/o07");
    set(&mut fields, "month.2567-03.1.remove", "1");
    let a = e.post("/item/2567/o07", &fields, &[]);
    assert_eq!(a.status, 303, "{}", a.body);
    assert!(!e.scratch.file("ita/2567/o07/2567-03/report.docx").exists());
    let trash = e.scratch.path("content-ถังขยะ");
    let days = dir_names(&trash);
    assert_eq!(days.len(), 1, "{days:?}");
    let kept = trash
        .join(&days[0])
        .join("ita/2567/o07/2567-03/report.docx");
    assert_eq!(
        std::fs::read(kept).unwrap(),
        std::fs::read(manifest_dir().join("content/ita/2567/o07/2567-03/report.docx")).unwrap()
    );
    let text = e.scratch.read("ita/2567/o07/index.md");
    assert!(!text.contains("2567-03/report.docx"), "{text}");
    assert!(text.contains("2567-03/report.pdf"), "{text}");
}

#[test]
fn a_title_changed_rewrites_that_entry_only_and_keeps_what_the_form_does_not_show() {
    let e = Editor::start();
    let before = e.scratch.read("ita/2567/o08/index.md");
    let mut fields = e.form("/item/2567/o08");
    set(&mut fields, "att.1.title", "คู่มือการปฏิบัติงาน งานป้องกันปราบปราม");
    let a = e.post("/item/2567/o08", &fields, &[]);
    assert_eq!(a.status, 303, "{}", a.body);
    let after = e.scratch.read("ita/2567/o08/index.md");
    let changed: Vec<(&str, &str)> = before
        .lines()
        .zip(after.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(
        changed,
        vec![(
            "    title: คู่มือการปฏิบัติงาน งานป้องกันปราบปราม (สายตรวจและจุดตรวจ)",
            "    title: คู่มือการปฏิบัติงาน งานป้องกันปราบปราม"
        )],
        "{after}"
    );
    assert_eq!(before.lines().count(), after.lines().count());
}

#[test]
fn table_rows_are_reordered_and_removed_keeping_each_row_as_written() {
    let e = Editor::start();
    let names = |text: &str| -> Vec<String> {
        text.lines()
            .filter_map(|l| l.trim_start().strip_prefix("- name: "))
            .map(str::to_string)
            .collect()
    };
    let before = e.scratch.read("ita/2567/o01/executives.yaml");
    let old = names(&before);
    let mut fields = e.form("/item/2567/o01");
    // The third row first, the second removed.
    set(&mut fields, "t.0.2.order", "0");
    set(&mut fields, "t.0.1.remove", "1");
    let a = e.post("/item/2567/o01", &fields, &[]);
    assert_eq!(a.status, 303, "{}", a.body);
    let after = e.scratch.read("ita/2567/o01/executives.yaml");
    let mut want = old.clone();
    let third = want.remove(2);
    want.insert(0, third);
    want.retain(|n| *n != old[1]);
    assert_eq!(names(&after), want, "{after}");
    // Each row kept is the same text as before.
    let row_of = |text: &str, name: &str| -> String {
        let start = text.find(&format!("- name: {name}")).unwrap();
        let rest = &text[start + 2..];
        let end = rest.find("\n  - ").map(|i| i + 1).unwrap_or(rest.len());
        rest[..end].to_string()
    };
    for n in &want {
        assert_eq!(row_of(&after, n), row_of(&before, n), "row {n}");
    }
    // The removed row's photo went to the trash with it.
    assert!(!e.scratch.file("ita/2567/o01/photos/admin.jpg").exists());
    let trash = e.scratch.path("content-ถังขยะ");
    let day = &dir_names(&trash)[0];
    assert!(
        trash
            .join(day)
            .join("ita/2567/o01/photos/admin.jpg")
            .is_file()
    );
}

/// A station `oit new` made today: the webmaster adds an officer, then fills in O7 (the date,
/// who is responsible, the first month's report) and says the page is no longer guidance.
#[test]
fn a_new_station_of_this_year_is_filled_in_from_the_browser() {
    let (e, year) = Editor::new_station();
    let o07 = format!("/item/{year}/o07");
    let page = e.get(&o07);
    assert!(page.body.contains("ยังไม่มีชื่อเจ้าหน้าที่"), "{}", page.body);

    let mut fields = e.form("/station");
    set(&mut fields, "officer.0.name", "ส.ต.ต.ใจดี มีสุข");
    set(&mut fields, "officer.0.position", "ผบ.หมู่ ผู้ดูแลเว็บไซต์");
    let a = e.post("/station", &fields, &[]);
    assert_eq!(a.status, 303, "{}", a.body);
    let site = e.scratch.read("site.yaml");
    assert!(
        site.contains("name: \"ส.ต.ต.ใจดี มีสุข\"  "),
        "the comment after the name stays: {site}"
    );

    let mut fields = e.form(&o07);
    fields.retain(|(k, _)| k != "placeholder");
    let be: i32 = year.parse().unwrap();
    let first_month = format!("{}-10", be - 1);
    set(&mut fields, "updated", &format!("2/11/{}", be - 1));
    for role in ["supervisor", "prepared_by", "published_by"] {
        fields.push((role.to_string(), "head".to_string()));
    }
    set(
        &mut fields,
        &format!("month.{first_month}.title"),
        "รายงานการปฏิบัติราชการประจำเดือนตุลาคม",
    );
    let pdf = pdf();
    let a = e.post(
        &o07,
        &fields,
        &[(
            &format!("month.{first_month}.files"),
            "รายงาน ต.ค.pdf",
            &pdf,
        )],
    );
    assert_eq!(a.status, 303, "{}", a.body);
    let text = e.scratch.read(&format!("ita/{year}/o07/index.md"));
    assert!(!text.contains("placeholder"), "{text}");
    assert!(
        text.contains(&format!("updated: {}-11-02", be - 1)),
        "{text}"
    );
    assert!(text.contains("supervisor: head"), "{text}");
    assert!(
        text.contains(&format!(
            "file: {first_month}/รายงาน-ต-ค.pdf, title: รายงานการปฏิบัติราชการประจำเดือนตุลาคม (PDF)"
        )),
        "{text}"
    );
    // The comments `oit new` wrote beside the keys are still there.
    assert!(text.contains("# ผู้ควบคุม"), "{text}");
    let check = run(&[
        "check",
        "--content",
        e.scratch.content().to_str().unwrap(),
        "--format",
        "json",
    ]);
    let report: serde_json::Value = serde_json::from_str(&check.stdout).unwrap();
    let o7 = report["years"][0]["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["code"] == "O7")
        .unwrap()
        .clone();
    let rules: Vec<&str> = o7["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert!(!rules.contains(&"placeholder"), "{rules:?}");
    assert!(!rules.contains(&"officers"), "{rules:?}");
    assert!(!rules.contains(&"date"), "{rules:?}");
}

/// The lines of `before` that `after` no longer has (`-`), then the lines of `after` that
/// `before` did not have (`+`), in order: enough to see what a save touched.
fn changed_lines(before: &str, after: &str) -> Vec<String> {
    let (a, b): (Vec<&str>, Vec<&str>) = (before.lines().collect(), after.lines().collect());
    let mut out: Vec<String> = a
        .iter()
        .filter(|l| !b.contains(l))
        .map(|l| format!("-{l}"))
        .collect();
    out.extend(b.iter().filter(|l| !a.contains(l)).map(|l| format!("+{l}")));
    out
}

#[test]
fn news_links_and_station_edits_change_only_their_own_lines() {
    let e = Editor::start();
    // A news item: its title, and one photo removed (to the trash).
    let rel = "news/2567-01-15-eit-survey/index.md";
    let before = e.scratch.read(rel);
    let mut fields = e.form("/news/2567-01-15-eit-survey");
    set(&mut fields, "title", "เชิญตอบแบบวัด EIT ของ สภ.สอง");
    set(&mut fields, "photo.1.remove", "1");
    let a = e.post("/news/2567-01-15-eit-survey", &fields, &[]);
    assert_eq!(a.status, 303, "{}", a.body);
    let after = e.scratch.read(rel);
    // Every line but the title and the removed photo is as it was.
    let kept: Vec<&str> = before
        .lines()
        .filter(|l| !l.starts_with("title:") && !l.contains("qr-eit.png"))
        .collect();
    let now: Vec<&str> = after.lines().filter(|l| !l.starts_with("title:")).collect();
    assert_eq!(now, kept, "{after}");
    assert!(
        after.contains("title: เชิญตอบแบบวัด EIT ของ สภ.สอง\n"),
        "{after}"
    );
    assert!(!after.contains("qr-eit.png"), "{after}");
    assert!(after.contains("eit-poster.jpg, alt: ป้ายเชิญชวนตอบแบบวัด EIT ที่ห้อง One Stop Service }"));
    assert_eq!(before.lines().count(), after.lines().count() + 1, "{after}");
    assert!(
        !e.scratch
            .file("news/2567-01-15-eit-survey/qr-eit.png")
            .exists()
    );

    // A link of O10: its title only.
    let rel = "ita/2567/o10/index.md";
    let before = e.scratch.read(rel);
    let mut fields = e.form("/item/2567/o10");
    set(&mut fields, "link.0.title", "แจ้งความออนไลน์");
    let a = e.post("/item/2567/o10", &fields, &[]);
    assert_eq!(a.status, 303, "{}", a.body);
    assert_eq!(
        changed_lines(&before, &e.scratch.read(rel)),
        vec![
            "-  - title: แจ้งความออนไลน์ (คดีอาชญากรรมทางเทคโนโลยี)".to_string(),
            "+  - title: แจ้งความออนไลน์".to_string()
        ]
    );

    // The station: opening hours, and a social link added after the others.
    let before = e.scratch.read("site.yaml");
    let mut fields = e.form("/station");
    set(&mut fields, "contact.hours", "ตลอด 24 ชั่วโมง");
    set(&mut fields, "social.2.name", "YouTube");
    set(
        &mut fields,
        "social.2.url",
        "https://www.youtube.com/@songpolice",
    );
    let a = e.post("/station", &fields, &[]);
    assert_eq!(a.status, 303, "{}", a.body);
    let changed = changed_lines(&before, &e.scratch.read("site.yaml"));
    assert!(
        changed.iter().any(|l| l == "+  hours: ตลอด 24 ชั่วโมง"),
        "{changed:#?}"
    );
    assert!(
        changed
            .iter()
            .any(|l| l == "+  - { name: YouTube, url: https://www.youtube.com/@songpolice }"),
        "{changed:#?}"
    );
    assert_eq!(
        changed.iter().filter(|l| l.starts_with('-')).count(),
        1,
        "{changed:#?}"
    );
}

#[test]
fn an_item_that_cannot_be_read_says_where_instead_of_showing_a_form() {
    let e = Editor::start();
    e.scratch
        .replace("ita/2567/o03/index.md", "updated: ", "updated: [");
    let page = e.get("/item/2567/o03");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("อ่านไฟล์ของข้อนี้ไม่ได้"), "{}", page.body);
    assert!(page.body.contains("ita/2567/o03/index.md"), "{}", page.body);
    assert!(!page.body.contains("<form"), "{}", page.body);
}

#[test]
fn a_replaced_file_keeps_its_name_and_the_old_one_goes_to_the_trash() {
    let e = Editor::start();
    let before = e.scratch.read("ita/2567/o07/index.md");
    let new = std::fs::read(manifest_dir().join("content/ita/2567/o15/2567-03/sor-kor-ror-1.pdf"))
        .unwrap();
    let fields = e.form("/item/2567/o07");
    let a = e.post(
        "/item/2567/o07",
        &fields,
        &[("month.2567-03.0.replace", "ฉบับแก้ไข.pdf", &new)],
    );
    assert_eq!(a.status, 303, "{}", a.body);
    // The address given to ITAP does not move: same name, new bytes, index.md untouched.
    assert_eq!(
        std::fs::read(e.scratch.file("ita/2567/o07/2567-03/report.pdf")).unwrap(),
        new
    );
    assert_eq!(e.scratch.read("ita/2567/o07/index.md"), before);
    let trash = e.scratch.path("content-ถังขยะ");
    let day = &dir_names(&trash)[0];
    assert_eq!(
        std::fs::read(trash.join(day).join("ita/2567/o07/2567-03/report.pdf")).unwrap(),
        std::fs::read(manifest_dir().join("content/ita/2567/o07/2567-03/report.pdf")).unwrap()
    );
    assert_eq!(
        dir_names(&e.scratch.file("ita/2567/o07/2567-03")),
        vec!["report.docx".to_string(), "report.pdf".to_string()]
    );
}

/// A new station's O15 has no procurement table: the editor makes one with the example's
/// columns, and its first row is typed into the grid.
#[test]
fn a_table_the_criteria_ask_for_is_made_and_filled_in() {
    let (e, year) = Editor::new_station();
    let o15 = format!("/item/{year}/o15");
    let page = e.get(&o15);
    assert!(
        page.body.contains("สร้างตาราง procurement_summary"),
        "{}",
        page.body
    );
    let stamp = e
        .form(&o15)
        .into_iter()
        .find(|(k, _)| k == "stamp")
        .unwrap()
        .1;
    let a = e.post(
        &o15,
        &[
            ("stamp".into(), stamp),
            ("create_only".into(), "1".into()),
            ("create_table".into(), "procurement_summary".into()),
        ],
        &[],
    );
    assert_eq!(a.status, 303, "{}", a.body);
    let rel = format!("ita/{year}/o15/procurement-summary.yaml");
    let made = e.scratch.read(&rel);
    assert!(made.contains("kind: procurement_summary"), "{made}");
    assert!(made.ends_with("rows: []\n"), "{made}");
    assert!(
        !made.contains("สถานีตำรวจภูธรสอง"),
        "nothing of the example station: {made}"
    );

    let mut fields = e.form(&o15);
    for (k, v) in [
        ("month", "ตุลาคม 2569"),
        ("item", "ซื้อวัสดุสำนักงาน"),
        ("budget", "12,500"),
        ("reference_price", "12450"),
        ("method", "เฉพาะเจาะจง"),
        ("bidders", "ร้านลำปางศึกษาภัณฑ์ / 12,450.00 บาท"),
        ("winner", "ร้านลำปางศึกษาภัณฑ์ / 12,450.00 บาท"),
        ("agreed_price", "12450"),
        ("reason", "ราคาเหมาะสม"),
        ("contract", "ใบสั่งซื้อ 1/2570"),
    ] {
        set(&mut fields, &format!("t.0.0.{k}"), v);
    }
    let a = e.post(&o15, &fields, &[]);
    assert_eq!(a.status, 303, "{}", a.body);
    let text = e.scratch.read(&rel);
    assert!(text.contains("budget: 12500"), "{text}");
    assert!(text.contains("item: ซื้อวัสดุสำนักงาน"), "{text}");
    let check = run(&[
        "check",
        "--content",
        e.scratch.content().to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert!(
        !check.stdout.contains("procurement-summary.yaml"),
        "no finding on the new table: {}",
        check.stdout
    );
}

#[test]
fn a_date_fact_is_typed_the_thai_way_and_checked() {
    let e = Editor::start();
    let rel = "ita/2567/o17/index.md";
    let before = e.scratch.read(rel);
    let mut fields = e.form("/item/2567/o17");
    assert!(
        fields.contains(&("fact.complaints_as_of".into(), "31/3/2567".into())),
        "shown in the Buddhist Era: {fields:?}"
    );
    set(&mut fields, "fact.complaints_as_of", "31/4/2567");
    let a = e.post("/item/2567/o17", &fields, &[]);
    assert_eq!(a.status, 422);
    assert!(a.body.contains("f-fact-complaints-as-of-err"), "{}", a.body);
    assert_eq!(e.scratch.read(rel), before);
    set(&mut fields, "fact.complaints_as_of", "๓๐ เม.ย. ๒๕๖๗");
    let a = e.post("/item/2567/o17", &fields, &[]);
    assert_eq!(a.status, 303, "{}", a.body);
    assert_eq!(
        changed_lines(&before, &e.scratch.read(rel)),
        vec![
            "-  complaints_as_of: 2567-03-31".to_string(),
            "+  complaints_as_of: 2567-04-30".to_string()
        ]
    );
}

#[test]
fn a_refused_table_creation_shows_the_item_as_it_is_on_disk() {
    let (e, year) = Editor::new_station();
    let o15 = format!("/item/{year}/o15");
    // A stale stamp: the page is shown again, with the values on disk in its fields.
    let a = e.post(
        &o15,
        &[
            ("stamp".into(), "stale".into()),
            ("create_only".into(), "1".into()),
            ("create_table".into(), "procurement_summary".into()),
        ],
        &[],
    );
    assert_eq!(a.status, 409);
    assert!(
        a.body.contains("name=\"placeholder\" value=\"1\" checked"),
        "{}",
        a.body
    );
}

#[test]
fn an_ordinary_page_is_edited_title_and_text() {
    let e = Editor::start();
    let rel = "pages/contact.md";
    let before = e.scratch.read(rel);
    assert!(e.get("/pages").body.contains("/pages/contact"));
    let mut fields = e.form("/pages/contact");
    let body = fields.iter().find(|(k, _)| k == "body").unwrap().1.clone();
    set(&mut fields, "title", "ติดต่อสถานี");
    set(
        &mut fields,
        "body",
        &body.replace("(ตลอด 24 ชั่วโมง)", "(ทุกวัน ตลอด 24 ชั่วโมง)"),
    );
    let a = e.post("/pages/contact", &fields, &[]);
    assert_eq!(a.status, 303, "{}", a.body);
    assert_eq!(
        changed_lines(&before, &e.scratch.read(rel)),
        vec![
            "-title: ติดต่อเรา".to_string(),
            "-- **โทรศัพท์:** 054-591-111 (ตลอด 24 ชั่วโมง)".to_string(),
            "+title: ติดต่อสถานี".to_string(),
            "+- **โทรศัพท์:** 054-591-111 (ทุกวัน ตลอด 24 ชั่วโมง)".to_string(),
        ]
    );
    // An empty title is refused at its field.
    let mut fields = e.form("/pages/contact");
    set(&mut fields, "title", "");
    let a = e.post("/pages/contact", &fields, &[]);
    assert_eq!(a.status, 422);
    assert!(a.body.contains("หน้าต้องมีชื่อ"), "{}", a.body);
}

#[test]
fn a_new_news_item_with_a_refused_photo_leaves_no_folder_behind() {
    let e = Editor::start();
    let before = dir_names(&e.scratch.file("news"));
    let mut fields = e.form("/news/new");
    set(&mut fields, "title", "ข่าวทดสอบ");
    let a = e.post("/news/new", &fields, &[("photo.new", "รูป.jpg", &pdf())]);
    assert_eq!(a.status, 422, "{}", a.body);
    assert_eq!(dir_names(&e.scratch.file("news")), before);
}
