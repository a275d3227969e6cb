//! Year tokens: one criteria file serves every fiscal year.
//!
//! Anywhere in a criteria file (titles, summaries, hints, dates, the period) a token in braces
//! stands for a year counted from the fiscal year the file is applied to:
//!
//! | token        | FY 2570 gives | meaning                                             |
//! |--------------|---------------|-----------------------------------------------------|
//! | `{FY}`       | 2570          | the fiscal year, Buddhist Era                       |
//! | `{FY-1}`     | 2569          | the year before (October–December fall in it)       |
//! | `{FY+1}`     | 2571          | the year after                                      |
//! | `{FY CE}`    | 2027          | the fiscal year in the Common Era (for English text)|
//! | `{FY-1 CE}`  | 2026          | the year before, Common Era                         |
//!
//! So "31 December of the fiscal year's first calendar year" is `{FY-1}-12-31`, the first six
//! months are `period: { from: {FY-1}-10, to: {FY}-03 }`. Tokens are replaced in the text before
//! it is read as YAML, so they need no quotes and line numbers stay those of the file.
use crate::diagnostics::Text;

/// A `{FY…}` token that is not one of the forms above, with its 1-based line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadToken {
    pub line: usize,
    pub token: String,
}

impl BadToken {
    pub fn message(&self) -> Text {
        Text::new(
            format!(
                "บรรทัด {}: \"{}\" ไม่ใช่ตัวแทนปีที่รู้จัก ใช้ได้เฉพาะ {{FY}}, {{FY-1}}, {{FY+1}}, {{FY CE}}, {{FY-1 CE}} (ปีงบประมาณที่นำเกณฑ์ไปใช้ บวกหรือลบจำนวนปี และ CE สำหรับปี ค.ศ.)",
                self.line, self.token
            ),
            format!(
                "line {}: \"{}\" is not a year token; use {{FY}}, {{FY-1}}, {{FY+1}}, {{FY CE}}, {{FY-1 CE}} (the fiscal year the criteria are applied to, plus or minus years, CE for the Common Era)",
                self.line, self.token
            ),
        )
    }
}

/// Whether the text has a year token outside comment lines (such a file serves any year its
/// `years:` allow; a token in a comment changes nothing).
pub fn has_tokens(text: &str) -> bool {
    text.lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .any(|l| tokens(l).next().is_some())
}

/// Every `{FY…}` candidate: byte range of the whole `{…}`.
fn tokens(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let bytes = text.as_bytes();
    let mut from = 0;
    std::iter::from_fn(move || {
        while let Some(off) = memchr::memchr(b'{', &bytes[from..]) {
            let start = from + off;
            from = start + 1;
            let rest = &text[start + 1..];
            let inner = rest.trim_start();
            if inner.len() >= 2 && inner[..2].eq_ignore_ascii_case("FY") {
                let end = rest.find(['}', '\n']).map_or(text.len(), |e| start + 1 + e);
                let close = end < text.len() && bytes[end] == b'}';
                let stop = if close { end + 1 } else { end };
                from = stop;
                return Some((start, stop));
            }
        }
        None
    })
}

/// The year a token stands for, or `None` when it is not one of the known forms.
fn value(token: &str, fiscal_year: u16) -> Option<u16> {
    let inner = token.strip_prefix('{')?.strip_suffix('}')?.trim();
    let (expr, ce) = match inner.len().checked_sub(2).map(|i| inner.split_at(i)) {
        Some((head, tail)) if tail.eq_ignore_ascii_case("CE") && head.ends_with(' ') => {
            (head.trim_end(), true)
        }
        _ => (inner, false),
    };
    let rest = expr.get(2..)?.trim();
    if !expr[..2].eq_ignore_ascii_case("FY") {
        return None;
    }
    let offset: i32 = if rest.is_empty() {
        0
    } else {
        let (sign, digits) = rest.split_at(1);
        let n: i32 = digits.trim().parse().ok().filter(|n| *n <= 100)?;
        match sign {
            "+" => n,
            "-" => -n,
            _ => return None,
        }
    };
    let be = i32::from(fiscal_year) + offset;
    let year = if ce { be - 543 } else { be };
    u16::try_from(year).ok()
}

/// The text with every token outside comment lines replaced by its year for `fiscal_year`.
pub fn apply(text: &str, fiscal_year: u16) -> Result<String, BadToken> {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for (start, stop) in tokens(text) {
        // A comment line keeps its tokens: it may be explaining them.
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        if text[line_start..start].trim_start().starts_with('#') {
            continue;
        }
        let token = &text[start..stop];
        let Some(year) = value(token, fiscal_year) else {
            return Err(BadToken {
                line: text[..start].matches('\n').count() + 1,
                token: token.to_string(),
            });
        };
        out.push_str(&text[last..start]);
        out.push_str(&year.to_string());
        last = stop;
    }
    out.push_str(&text[last..]);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_form() {
        let t = "a {FY} b {FY-1} c {FY+1} d {FY CE} e {FY-1 CE} f { fy - 2 } {x} {}";
        assert_eq!(
            apply(t, 2570).unwrap(),
            "a 2570 b 2569 c 2571 d 2027 e 2026 f 2568 {x} {}"
        );
        assert!(has_tokens(t));
        assert!(!has_tokens("period: { from: 2566-10, to: 2567-03 }"));
    }

    #[test]
    fn comment_lines_keep_their_tokens() {
        let t = "# {FY} is the year, {FY-x} too\na: {FY} # {FY}\n";
        assert_eq!(
            apply(t, 2570).unwrap(),
            "# {FY} is the year, {FY-x} too\na: 2570 # 2570\n"
        );
        assert!(!has_tokens("# {FY}\n"));
    }

    #[test]
    fn flow_mappings_stay_yaml() {
        let t = "period: { from: {FY-1}-10, to: {FY}-03 }";
        assert_eq!(
            apply(t, 2567).unwrap(),
            "period: { from: 2566-10, to: 2567-03 }"
        );
    }

    #[test]
    fn bad_tokens_name_their_line() {
        for bad in ["{FY-x}", "{FY*2}", "{FY CE", "{FYCE}", "{FY-1000}"] {
            let e = apply(&format!("a: 1\nb: {bad}\n"), 2570).unwrap_err();
            assert_eq!(e.line, 2, "{bad}");
            assert!(e.message().th.contains("บรรทัด 2"), "{bad}");
        }
    }
}
