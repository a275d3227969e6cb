//! Just enough HTTP/1.1 for a local preview and a local editor: one request per connection,
//! the request line, headers and (bounded) body read, a response written and the connection
//! closed. No async runtime: a thread per connection is plenty for one person's browser.
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::Duration;

/// Headers larger than this are refused: no browser sends that much to a local tool.
const MAX_HEAD: u64 = 16 * 1024;

pub struct Request {
    stream: TcpStream,
    pub method: String,
    /// The request target as sent (`/ita/2567/o07/?x=1`).
    pub url: String,
    /// Header names lower-cased, values trimmed, in the order sent.
    pub headers: Vec<(String, String)>,
    /// The body, read only when asked for (`read_body`), up to a limit.
    pub body: Vec<u8>,
}

/// Why a body was not read.
#[derive(Debug, PartialEq, Eq)]
pub enum BodyError {
    TooLarge { limit: u64 },
    Broken,
}

impl Request {
    /// Reads the request line and headers (bounded in size and time); `None` when the client sent
    /// no request.
    pub fn read(stream: TcpStream) -> Option<Request> {
        let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
        let mut reader = BufReader::new(stream.try_clone().ok()?.take(MAX_HEAD));
        let mut line = String::new();
        reader.read_line(&mut line).ok()?;
        let mut parts = line.split_whitespace();
        let method = parts.next()?.to_string();
        let url = parts.next()?.to_string();
        let mut headers = Vec::new();
        loop {
            let mut h = String::new();
            if reader.read_line(&mut h).ok()? == 0 || h == "\r\n" || h == "\n" {
                break;
            }
            if let Some((name, value)) = h.split_once(':') {
                headers.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
            }
        }
        // What the reader took beyond the headers is the start of the body.
        let body = reader.buffer().to_vec();
        Some(Request {
            stream,
            method,
            url,
            headers,
            body,
        })
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The path of the target, without query or fragment.
    pub fn path(&self) -> &str {
        self.url.split(['?', '#']).next().unwrap_or("")
    }

    /// The value of query parameter `name`, percent-decoded.
    pub fn query(&self, name: &str) -> Option<String> {
        let q = self.url.split_once('?')?.1.split('#').next()?;
        form_value(q, name)
    }

    /// Reads the body announced by `Content-Length`, refusing one over `limit` bytes before
    /// reading it.
    pub fn read_body(&mut self, limit: u64) -> Result<(), BodyError> {
        let len: u64 = match self.header("content-length") {
            Some(v) => v.parse().map_err(|_| BodyError::Broken)?,
            None => 0,
        };
        if len > limit {
            return Err(BodyError::TooLarge { limit });
        }
        let have = self.body.len() as u64;
        if have > len {
            self.body.truncate(len as usize);
            return Ok(());
        }
        let _ = self.stream.set_read_timeout(Some(Duration::from_secs(60)));
        let mut rest = Vec::with_capacity((len - have) as usize);
        (&self.stream)
            .take(len - have)
            .read_to_end(&mut rest)
            .map_err(|_| BodyError::Broken)?;
        if rest.len() as u64 != len - have {
            return Err(BodyError::Broken);
        }
        self.body.extend(rest);
        Ok(())
    }

    pub fn redirect(mut self, to: &str, extra_headers: &str) {
        let head = format!(
            "HTTP/1.1 303 See Other\r\nLocation: {to}\r\n{extra_headers}Content-Length: 0\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n"
        );
        let _ = self.stream.write_all(head.as_bytes());
        let _ = self.stream.flush();
    }

    /// A permanent redirect (a folder asked for without its slash).
    pub fn moved(mut self, to: &str) {
        let head = format!(
            "HTTP/1.1 301 Moved Permanently\r\nLocation: {to}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        );
        let _ = self.stream.write_all(head.as_bytes());
        let _ = self.stream.flush();
    }

    pub fn send(self, status: u16, body: Vec<u8>, ctype: &str) {
        self.send_with(status, body, ctype, "");
    }

    /// Sends a response with `extra_headers` (each ending in CRLF) besides the usual ones.
    pub fn send_with(mut self, status: u16, body: Vec<u8>, ctype: &str, extra_headers: &str) {
        let reason = match status {
            200 => "OK",
            400 => "Bad Request",
            403 => "Forbidden",
            404 => "Not Found",
            405 => "Method Not Allowed",
            409 => "Conflict",
            413 => "Payload Too Large",
            422 => "Unprocessable Content",
            _ => "Internal Server Error",
        };
        let head = format!(
            "HTTP/1.1 {status} {reason}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\nCache-Control: no-store\r\n\
             X-Content-Type-Options: nosniff\r\n{extra_headers}Connection: close\r\n\r\n",
            body.len()
        );
        let _ = self.stream.write_all(head.as_bytes());
        if self.method != "HEAD" {
            let _ = self.stream.write_all(&body);
        }
        let _ = self.stream.flush();
    }
}

/// Percent-decodes `s`, reading `+` as a space when `plus` (form encoding).
pub fn percent_decode(s: &str, plus: bool) -> Option<Vec<u8>> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' => {
                let hex = |c: u8| (c as char).to_digit(16);
                let (h, l) = (hex(*b.get(i + 1)?)?, hex(*b.get(i + 2)?)?);
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            b'+' if plus => {
                out.push(b' ');
                i += 1;
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    Some(out)
}

/// Every `name=value` pair of an `application/x-www-form-urlencoded` text, decoded.
pub fn form_pairs(text: &str) -> Vec<(String, String)> {
    text.split('&')
        .filter(|p| !p.is_empty())
        .filter_map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            let k = String::from_utf8(percent_decode(k, true)?).ok()?;
            let v = String::from_utf8(percent_decode(v, true)?).ok()?;
            Some((k, v))
        })
        .collect()
}

fn form_value(text: &str, name: &str) -> Option<String> {
    form_pairs(text)
        .into_iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v)
}

pub fn content_type(path: &std::path::Path) -> &'static str {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_text_is_decoded_with_plus_as_space() {
        let pairs = form_pairs("a=1+2&b=%E0%B9%84%E0%B8%A1%E0%B9%88&c&d=%ZZ");
        assert_eq!(
            pairs,
            vec![
                ("a".into(), "1 2".into()),
                ("b".into(), "ไม่".into()),
                ("c".into(), String::new())
            ]
        );
    }
}
