//! A submitted form: `application/x-www-form-urlencoded`, or `multipart/form-data` when it
//! carries files. Plain HTML forms, so the editor works without its script too.
use crate::serve::http::form_pairs;

#[derive(Debug, Default)]
pub struct Form {
    pub fields: Vec<(String, String)>,
    pub files: Vec<Upload>,
}

/// A file chosen in a form.
#[derive(Debug)]
pub struct Upload {
    /// The form field it came in.
    pub field: String,
    /// The file's name on the webmaster's computer (only its last part).
    pub name: String,
    pub bytes: Vec<u8>,
}

impl Form {
    pub fn parse(content_type: &str, body: &[u8]) -> Result<Form, String> {
        let ct = content_type.to_ascii_lowercase();
        if ct.starts_with("multipart/form-data") {
            let boundary = content_type
                .split(';')
                .filter_map(|p| p.trim().split_once('='))
                .find(|(k, _)| k.eq_ignore_ascii_case("boundary"))
                .map(|(_, v)| v.trim_matches('"').to_string())
                .ok_or("multipart without a boundary")?;
            multipart(body, &boundary)
        } else {
            let text = std::str::from_utf8(body).map_err(|_| "form is not UTF-8")?;
            Ok(Form {
                fields: form_pairs(text),
                files: Vec::new(),
            })
        }
    }

    /// The first value of `name`, trimmed.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim())
    }

    /// The first value of `name` as sent (a text area keeps its spaces and line breaks).
    pub fn text_raw(&self, name: &str) -> String {
        self.fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }

    /// The first value of `name`, or "".
    pub fn text(&self, name: &str) -> String {
        self.get(name).unwrap_or("").to_string()
    }

    /// Every value of `name` (checkboxes of one group), in order.
    pub fn all(&self, name: &str) -> Vec<String> {
        self.fields
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.trim().to_string())
            .collect()
    }

    pub fn checked(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// The files chosen in `field` (an input with nothing chosen sends none).
    pub fn uploads<'a>(&'a self, field: &'a str) -> impl Iterator<Item = &'a Upload> {
        self.files.iter().filter(move |u| u.field == field)
    }
}

/// The page text a save writes: the file's own text (`in_file`) when the text sent says the
/// same as the one loaded (a browser sends a text area's lines with CRLF, and trims nothing
/// the same way a file does), else the text sent, with one final line break.
pub fn body_to_write(sent: &str, loaded: &str, in_file: &str) -> String {
    let sent = sent.replace("\r\n", "\n");
    if sent.trim() == loaded.replace("\r\n", "\n").trim() {
        in_file.to_string()
    } else {
        format!("{}\n", sent.trim_end())
    }
}

/// What a field shows: the value sent when a refused form is shown again, else `default`.
pub fn shown(prefill: Option<&Form>, name: &str, default: &str) -> String {
    match prefill {
        Some(form) => form.text(name),
        None => default.to_string(),
    }
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    memchr::memmem::find(hay.get(from..)?, needle).map(|i| i + from)
}

/// A parameter of a `Content-Disposition` header: `name="…"` (the quoted value may hold `;`,
/// as a file name can), or unquoted up to the next `;`.
fn param(header: &str, key: &str) -> Option<String> {
    let mut rest = header;
    loop {
        let i = rest.find(key)?;
        let before = rest[..i].trim_end();
        let after = &rest[i + key.len()..];
        rest = after;
        // A whole parameter name: `name` must not match inside `filename`.
        if !(before.is_empty() || before.ends_with(';')) {
            continue;
        }
        let Some(value) = after.trim_start().strip_prefix('=') else {
            continue;
        };
        let value = value.trim_start();
        return Some(match value.strip_prefix('"') {
            Some(q) => q.split('"').next().unwrap_or("").to_string(),
            None => value.split(';').next().unwrap_or("").trim().to_string(),
        });
    }
}

fn multipart(body: &[u8], boundary: &str) -> Result<Form, String> {
    let delim = format!("--{boundary}");
    let mut form = Form::default();
    let mut at = find(body, delim.as_bytes(), 0).ok_or("multipart: no first boundary")?;
    loop {
        at += delim.len();
        if body.get(at..at + 2) == Some(b"--") {
            return Ok(form);
        }
        at += 2; // CRLF after the boundary
        let head_end = find(body, b"\r\n\r\n", at).ok_or("multipart: part without headers")?;
        let head = String::from_utf8_lossy(&body[at..head_end]).into_owned();
        let data_start = head_end + 4;
        let next = find(body, format!("\r\n{delim}").as_bytes(), data_start)
            .ok_or("multipart: part without an end")?;
        let data = &body[data_start..next];
        let (mut name, mut filename) = (None, None);
        for line in head.lines() {
            let Some((k, v)) = line.split_once(':') else {
                continue;
            };
            if !k.trim().eq_ignore_ascii_case("content-disposition") {
                continue;
            }
            name = param(v, "name");
            filename = param(v, "filename");
        }
        let name = name.ok_or("multipart: part without a name")?;
        match filename {
            // A file input with nothing chosen still sends an empty part.
            Some(f) if f.is_empty() && data.is_empty() => {}
            Some(f) => form.files.push(Upload {
                field: name,
                // Browsers send the last part only; older ones the whole path.
                name: f.rsplit(['/', '\\']).next().unwrap_or(&f).to_string(),
                bytes: data.to_vec(),
            }),
            None => form
                .fields
                .push((name, String::from_utf8_lossy(data).into_owned())),
        }
        at = next + 2;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multipart_fields_and_files() {
        let body = b"--XX\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\n\xe0\xb8\x81 x\r\n\
--XX\r\nContent-Disposition: form-data; name=\"f\"; filename=\"C:\\\\a\\\\r.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF\r\n--\r\n\
--XX\r\nContent-Disposition: form-data; name=\"g\"; filename=\"\"\r\n\r\n\r\n--XX--\r\n";
        let f = Form::parse("multipart/form-data; boundary=XX", body).unwrap();
        assert_eq!(f.get("title"), Some("ก x"));
        assert_eq!(f.files.len(), 1);
        assert_eq!(f.files[0].name, "r.pdf");
        assert_eq!(f.files[0].bytes, b"%PDF\r\n--");
    }

    #[test]
    fn a_file_name_may_hold_a_semicolon() {
        let h = " form-data; name=\"f\"; filename=\"รายงาน; ฉบับแก้ไข.pdf\"";
        assert_eq!(param(h, "name").as_deref(), Some("f"));
        assert_eq!(param(h, "filename").as_deref(), Some("รายงาน; ฉบับแก้ไข.pdf"));
        assert_eq!(param(" form-data; name=x", "name").as_deref(), Some("x"));
        assert_eq!(param(" form-data", "name"), None);
    }

    #[test]
    fn broken_multipart_is_an_error_not_a_panic() {
        for body in [
            &b""[..],
            b"--XX",
            b"--XX\r\nno end",
            b"--XX\r\n\r\n\r\n--XX--",
        ] {
            assert!(Form::parse("multipart/form-data; boundary=XX", body).is_err());
        }
    }
}
