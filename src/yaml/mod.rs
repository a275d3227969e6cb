//! The one place YAML is parsed. serde_yaml is archived upstream; serde-saphyr keeps the same
//! serde model, is pure Rust, gives line:column for every error (including unknown and duplicate
//! keys) and has budgets against alias bombs and deep nesting.
mod explain;
#[cfg(test)]
mod tests_explain;

use crate::diagnostics::{Finding, Text};
use serde::de::DeserializeOwned;
use std::path::Path;

/// Parses `text` (which starts at line `first_line` of `file`) into `T`. Errors become a finding
/// naming the file and the line in the file, not in the fragment, said in words a webmaster can
/// act on (`explain`), with the parser's own text last in parentheses.
pub fn parse<T: DeserializeOwned>(
    text: &str,
    file: &Path,
    first_line: usize,
) -> Result<T, Finding> {
    let options = serde_saphyr::options! {
        with_snippet: false,
        strict_booleans: true,
        duplicate_keys: serde_saphyr::DuplicateKeyPolicy::Error,
    };
    serde_saphyr::from_str_with_options(text, options).map_err(|err| {
        let e = explain::explain(&err, text, first_line);
        let mut finding = Finding::error("yaml", e.message)
            .file(file)
            .hint(e.hint.unwrap_or_else(|| {
                Text::new(
                    "ตรวจการย่อหน้า (ใช้เว้นวรรค ไม่ใช้ Tab) เครื่องหมาย : และชื่อหัวข้อ (key) ให้ตรงตามคู่มือใน README",
                    "check the indentation (spaces, not tabs), the ':' after each key and the key names against the README",
                )
            }));
        if let Some(line) = e.line {
            finding = finding.at(line + first_line - 1, e.column);
        }
        finding
    })
}

/// Like `parse`, but a key that is not known (a misspelt `updatd:`) is reported and left out,
/// and the rest is still read: what can be read is checked. Each unknown key is one finding (with
/// its line and a did-you-mean); any other error leaves nothing parsed (`None`) after its finding.
pub fn parse_lenient<T: DeserializeOwned>(
    text: &str,
    file: &Path,
    first_line: usize,
) -> (Option<T>, Vec<Finding>) {
    let mut findings = Vec::new();
    let mut current = text.to_string();
    // Each round removes one key; a front matter has far fewer keys than this.
    for _ in 0..64 {
        match parse::<T>(&current, file, first_line) {
            Ok(v) => return (Some(v), findings),
            Err(f) => {
                let unknown = f.message.en.contains("unknown field `");
                let blanked = f
                    .line
                    .filter(|_| unknown)
                    .and_then(|l| l.checked_sub(first_line))
                    .and_then(|i| blank_key(&current, i));
                findings.push(f);
                match blanked {
                    Some(next) => current = next,
                    None => return (None, findings),
                }
            }
        }
    }
    (None, findings)
}

/// `text` with the key on line `index` (0-based) blanked out, with the lines that belong to its
/// value (more indented); line numbers stay as they were. `None` when nothing could be blanked.
fn blank_key(text: &str, index: usize) -> Option<String> {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let line = *lines.get(index)?;
    let indent = line.len() - line.trim_start().len();
    let rest = &line[indent..];
    // `- key: value` starts a list entry: keep the dash, so the entry's other keys stay in it.
    let (keep, key_col) = match rest.strip_prefix("- ") {
        Some(after) => {
            let dash = indent + (rest.len() - after.len());
            let col = dash + (after.len() - after.trim_start().len());
            (format!("{}-", &line[..indent]), col)
        }
        None => (String::new(), indent),
    };
    if !line[key_col..].contains(':') {
        return None;
    }
    let eol = |l: &str| {
        if l.ends_with("\r\n") {
            "\r\n"
        } else if l.ends_with('\n') {
            "\n"
        } else {
            ""
        }
    };
    let mut out = String::with_capacity(text.len());
    for l in &lines[..index] {
        out.push_str(l);
    }
    out.push_str(&keep);
    out.push_str(eol(line));
    let mut i = index + 1;
    while let Some(l) = lines.get(i) {
        let t = l.trim();
        let ind = l.len() - l.trim_start().len();
        if !t.is_empty() && ind <= key_col {
            break;
        }
        out.push_str(eol(l));
        i += 1;
    }
    for l in &lines[i..] {
        out.push_str(l);
    }
    (out != text).then_some(out)
}

/// A Markdown file split into its YAML front matter and body.
pub struct FrontMatter<'a> {
    pub yaml: &'a str,
    /// Line (1-based) of the file where the YAML starts.
    pub yaml_line: usize,
    pub body: &'a str,
    /// Line (1-based) of the file where the body starts.
    pub body_line: usize,
}

/// Splits `---\n yaml \n---\n body`. A file without front matter is an error: every page needs
/// at least a title, and a missing fence usually means a typo that would publish YAML as text.
pub fn split_front_matter<'a>(text: &'a str, file: &Path) -> Result<FrontMatter<'a>, Finding> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let missing = || {
        Finding::error(
            "front-matter",
            Text::new(
                "ไม่พบส่วนหัว (front matter) ที่เริ่มและจบด้วยบรรทัด ---",
                "no front matter: the file must start with a line '---', the YAML, and another '---'",
            ),
        )
        .file(file)
        .at(1, None)
    };
    if text.contains('\r') && !text.contains('\n') {
        // Old Mac line endings: the whole file is one line, so "no front matter" would mislead.
        return Err(Finding::error(
            "line-endings",
            Text::new(
                "ไฟล์นี้ขึ้นบรรทัดด้วยอักขระ CR อย่างเดียว (แบบเครื่อง Mac รุ่นเก่า) โปรแกรมจึงอ่านทั้งไฟล์เป็นบรรทัดเดียว",
                "this file ends its lines with CR alone (old Mac style), so it reads as one single line",
            ),
        )
        .hint(Text::new(
            "เปิดไฟล์ในโปรแกรมแก้ไขข้อความแล้วบันทึกใหม่โดยเลือกการขึ้นบรรทัดแบบ LF (Unix) หรือ CRLF (Windows)",
            "open the file in a text editor and save it with LF (Unix) or CRLF (Windows) line endings",
        ))
        .file(file)
        .at(1, None));
    }
    let Some(rest) = text.strip_prefix("---") else {
        return Err(missing());
    };
    let Some(rest) = rest
        .strip_prefix("\r\n")
        .or_else(|| rest.strip_prefix('\n'))
    else {
        return Err(missing());
    };
    let mut offset = 0;
    for (line, chunk) in (2..).zip(rest.split_inclusive('\n')) {
        if chunk.trim_end() == "---" {
            let yaml = &rest[..offset];
            let body = &rest[offset + chunk.len()..];
            return Ok(FrontMatter {
                yaml,
                yaml_line: 2,
                body,
                body_line: line + 1,
            });
        }
        offset += chunk.len();
    }
    Err(Finding::error(
        "front-matter",
        Text::new(
            "ส่วนหัว (front matter) ไม่มีบรรทัด --- ปิดท้าย",
            "the front matter is not closed by a line '---'",
        ),
    )
    .file(file)
    .at(1, None))
}

/// Line (1-based, in the file) of the first `key:` at the start of a line of the front matter;
/// lets findings about a front-matter key point at it.
pub fn key_line(fm_yaml: &str, yaml_line: usize, key: &str) -> Option<usize> {
    fm_yaml
        .lines()
        .position(|l| {
            l.strip_prefix(key)
                .is_some_and(|r| r.trim_start().starts_with(':'))
        })
        .map(|i| i + yaml_line)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct T {
        title: String,
        #[serde(default)]
        n: u32,
    }

    #[test]
    fn unknown_key_names_key_and_line() {
        let f = parse::<T>("title: a\ntitel: b\n", Path::new("x/index.md"), 2).unwrap_err();
        assert_eq!(f.file.as_deref(), Some("x/index.md"));
        assert_eq!(f.line, Some(3));
        assert!(f.message.en.contains("titel"), "{}", f.message.en);
        assert!(f.message.th.contains("titel"), "{}", f.message.th);
    }

    #[test]
    fn lenient_parse_reports_unknown_keys_and_reads_the_rest() {
        let (t, f) = parse_lenient::<T>(
            "titel:\n  more: x\ntitle: a\nm: 3\nn: 4\n",
            Path::new("a.md"),
            2,
        );
        let t = t.expect("the rest is read");
        assert_eq!((t.title.as_str(), t.n), ("a", 4));
        assert_eq!(f.len(), 2, "{f:?}");
        assert_eq!((f[0].line, f[1].line), (Some(2), Some(5)));
        assert!(
            f[0].message.en.contains("did you mean \"title\""),
            "{}",
            f[0].message.en
        );
        let (t, f) = parse_lenient::<T>("title: [\n", Path::new("a.md"), 1);
        assert!(t.is_none() && f.len() == 1);
    }

    #[test]
    fn duplicate_key_is_an_error() {
        let f = parse::<T>("title: a\ntitle: b\n", Path::new("a.yaml"), 1).unwrap_err();
        assert_eq!(f.line, Some(2), "{f:?}");
    }

    #[test]
    fn front_matter_split_counts_lines() {
        let fm = split_front_matter("---\ntitle: a\n---\nbody\n", Path::new("a.md")).unwrap();
        assert_eq!(fm.yaml, "title: a\n");
        assert_eq!(fm.body, "body\n");
        assert_eq!(fm.body_line, 4);
        let crlf = split_front_matter("\u{feff}---\r\ntitle: a\r\n---\r\nbody", Path::new("a.md"))
            .unwrap();
        assert_eq!(crlf.body, "body");
        assert!(split_front_matter("title: a\n", Path::new("a.md")).is_err());
        assert!(split_front_matter("---\ntitle: a\n", Path::new("a.md")).is_err());
    }

    #[test]
    fn old_mac_line_endings_are_named() {
        let Err(f) = split_front_matter("---\rtitle: a\r---\rbody\r", Path::new("a.md")) else {
            panic!("CR-only text was accepted");
        };
        assert_eq!(f.rule, "line-endings");
        assert!(f.message.en.contains("CR"), "{}", f.message.en);
        assert_eq!(f.line, Some(1));
    }
}
