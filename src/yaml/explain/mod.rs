//! A YAML error said for a webmaster who has never heard of YAML: which line, what is wrong in
//! words, and the line as it should be written. The parser's message alone ("mapping values are
//! not allowed in this context") names a rule of the YAML grammar, often on a line after the
//! mistake; so the kind of error is read together with the text of the lines around it. The
//! parser's own text stays at the end, in parentheses, for whoever has to look further.
mod lines;
mod syntax;

use crate::diagnostics::Text;
use lines::*;
use serde_saphyr::Error;
use syntax::{comment_cut, list_for_mapping, syntax_error};

/// An error, explained.
pub(super) struct Explained {
    /// Line in the YAML text (1-based), when known.
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: Text,
    pub hint: Option<Text>,
}

/// What is wrong, on which line of the YAML text; the words come without the line number.
struct Said {
    line: usize,
    th: String,
    en: String,
    hint: Option<Text>,
    /// Whether the parser's text is added at the end (not when the words already say it all,
    /// as for an unknown key with the keys allowed).
    raw: bool,
}

impl Said {
    fn new(line: usize, th: impl Into<String>, en: impl Into<String>) -> Said {
        Said {
            line,
            th: th.into(),
            en: en.into(),
            hint: None,
            raw: true,
        }
    }
    fn hint(mut self, th: impl Into<String>, en: impl Into<String>) -> Said {
        self.hint = Some(Text::new(th, en));
        self
    }
    fn complete(mut self) -> Said {
        self.raw = false;
        self
    }
}

/// `err`, from parsing `text`, which starts at line `first_line` of its file.
pub(super) fn explain(err: &Error, text: &str, first_line: usize) -> Explained {
    let err = innermost(err);
    let raw = raw_message(err);
    let location = err.location().filter(|l| l.line() > 0);
    let lines: Vec<&str> = text.lines().collect();
    let at = location
        .map(|l| l.line() as usize)
        .unwrap_or(1)
        .clamp(1, lines.len().max(1));
    let ctx = Ctx {
        lines,
        at,
        first: first_line,
    };
    let said = serde_error(err, &ctx)
        .or_else(|| syntax_error(&raw, &ctx))
        .unwrap_or_else(|| {
            Said::new(
                at,
                "รูปแบบ YAML ไม่ถูกต้อง ตรวจการย่อหน้า เครื่องหมาย : และเครื่องหมายคำพูดในบรรทัดนี้และบรรทัดก่อนหน้า",
                "invalid YAML; check the indentation, the ':' and the quotes on this line and the line before",
            )
        });
    // Without a location from the parser, a line is named only when the text showed it.
    let line = (location.is_some() || said.line != at).then_some(said.line);
    let tail = if said.raw {
        format!(" ({raw})")
    } else {
        String::new()
    };
    let column = location
        .filter(|l| l.line() as usize == said.line)
        .map(|l| l.column() as usize);
    Explained {
        line,
        column,
        message: match line {
            Some(l) => {
                let n = l + first_line - 1;
                Text::new(
                    format!("บรรทัด {n}: {}{tail}", said.th),
                    format!("line {n}: {}{tail}", said.en),
                )
            }
            None => Text::new(format!("{}{tail}", said.th), format!("{}{tail}", said.en)),
        },
        hint: said.hint,
    }
}

/// The error an alias error wraps: what went wrong, not where the alias was used.
fn innermost(err: &Error) -> &Error {
    match err {
        Error::AliasError { error, .. } => innermost(error),
        Error::WithSnippet { error, .. } => innermost(error),
        _ => err,
    }
}

/// The parser's message, first line, without its location (the finding has it) and without
/// advice meant for programmers.
fn raw_message(err: &Error) -> String {
    let s = err.to_string();
    let first = s.lines().next().unwrap_or(&s).trim();
    let first = match first.find(" at line ") {
        Some(i) => &first[..i],
        None => first,
    };
    let first = first
        .split(", set DuplicateKeyPolicy")
        .next()
        .unwrap_or(first);
    first.trim_end_matches(',').to_string()
}

/// Errors serde-saphyr raises with structure: keys, types, values.
fn serde_error(err: &Error, ctx: &Ctx) -> Option<Said> {
    let at = ctx.at;
    let key = ctx.key_for(at);
    let of_key_th = key.map(|k| format!("หัวข้อ `{k}` ")).unwrap_or_default();
    let of_key_en = key.map(|k| format!("`{k}` ")).unwrap_or_default();
    Some(match err {
        Error::SerdeUnknownField {
            field, expected, ..
        } => {
            let list = expected.join(", ");
            let guess = crate::suggest::closest(field, expected.iter().copied());
            let (mut th, mut en) = match guess {
                Some(g) => (
                    format!("ไม่รู้จักหัวข้อ `{field}` หมายถึง \"{g}\" หรือไม่"),
                    format!("unknown field `{field}`; did you mean \"{g}\"?"),
                ),
                None => (
                    format!("ไม่รู้จักหัวข้อ `{field}`"),
                    format!("unknown field `{field}`"),
                ),
            };
            if let (Some(g), Some(kl)) = (guess, key_line(ctx.line(at))) {
                let fixed = format!("{}{g}:{}", kl.lead.trim_start(), kl.rest);
                let fixed = show(&fixed);
                th.push_str(&format!(" ถ้าใช่ ให้แก้เป็น `{}`", fixed.trim_end()));
                en.push_str(&format!(" If so, write `{}`", fixed.trim_end()));
            }
            if expected.is_empty() {
                th.push_str(" (ตรงนี้ไม่มีหัวข้อย่อย)");
                en.push_str(" (nothing goes here)");
            } else {
                th.push_str(&format!(" (หัวข้อที่ใช้ได้: {list})"));
                en.push_str(&format!(" (keys allowed: {list})"));
            }
            Said::new(at, th, en).complete()
        }
        Error::SerdeMissingField { field, .. } => Said::new(
            at,
            format!("ขาดหัวข้อ `{field}` ที่ต้องมี ให้เพิ่มบรรทัด `{field}: …`"),
            format!("the key `{field}` is required; add a line `{field}: …`"),
        )
        .complete(),
        Error::DuplicateMappingKey { key: dup, .. } => {
            let k = dup.as_deref().or(key).unwrap_or("");
            let indent = indent_of(ctx.line(at));
            let first = (1..at).find(|&i| {
                let l = ctx.line(i);
                indent_of(l) == indent && key_line(l).is_some_and(|kl| kl.key == k)
            });
            let (th_first, en_first) = match first.map(|m| ctx.file_line(m)) {
                Some(m) => (format!("ซ้ำกับบรรทัด {m} "), format!(" (already on line {m})")),
                None => ("ซ้ำ ".to_string(), String::new()),
            };
            Said::new(
                at,
                format!(
                    "หัวข้อ `{k}` {th_first}หัวข้อเดียวกันใส่ได้ครั้งเดียว ให้ลบบรรทัดที่ไม่ต้องการออก หรือรวมข้อมูลไว้ที่เดียว"
                ),
                format!(
                    "duplicate mapping key: {k}{en_first}; a key may appear only once: delete one of them or merge them"
                ),
            )
            .complete()
        }
        Error::InvalidScalar { ty, .. } => {
            let value = ctx.value(at).unwrap_or_default();
            let value = show(&value);
            let (th, en) = match *ty {
                "u8" | "u16" | "u32" | "u64" | "u128" | "usize" if value.starts_with('-') => (
                    "ต้องเป็นตัวเลขจำนวนเต็มที่ไม่ติดลบ",
                    "must be a whole number, not negative",
                ),
                "u8" | "u16" | "u32" | "u64" | "u128" | "usize" | "i8" | "i16" | "i32" | "i64"
                | "i128" | "isize" => (
                    "ต้องเป็นตัวเลขจำนวนเต็ม (เช่น 12) ไม่มีจุดทศนิยม ตัวอักษร หรือเครื่องหมายจุลภาค",
                    "must be a whole number (such as 12), without decimals, letters or commas",
                ),
                "f32" | "f64" => ("ต้องเป็นตัวเลข (เช่น 12.5)", "must be a number (such as 12.5)"),
                "bool" => ("ต้องเป็น true (ใช่) หรือ false (ไม่ใช่)", "must be true or false"),
                _ => ("ค่าไม่ถูกต้อง", "has a value of the wrong kind"),
            };
            let (th_got, en_got) = if value.is_empty() {
                (String::new(), String::new())
            } else {
                (format!(" แต่เขียนว่า `{value}`"), format!(", not `{value}`"))
            };
            Said::new(
                at,
                format!("{of_key_th}{th}{th_got}"),
                format!("{of_key_en}{en}{en_got}"),
            )
        }
        Error::InvalidBooleanStrict { .. } => Said::new(
            at,
            format!("{of_key_th}ต้องเป็น true (ใช่) หรือ false (ไม่ใช่)"),
            format!("{of_key_en}must be true or false"),
        ),
        Error::NullIntoString { .. } => comment_cut(ctx, at).unwrap_or_else(|| {
            Said::new(
                at,
                format!("{of_key_th}ไม่มีค่า ให้ใส่ข้อความหลัง `:` หรือลบบรรทัดนี้ออก"),
                format!("{of_key_en}has no value; write the text after the ':' or delete the line"),
            )
        }),
        Error::SerdeInvalidType {
            unexpected,
            expected,
            ..
        } => {
            if unexpected == "unit value"
                && let Some(s) = comment_cut(ctx, at)
            {
                return Some(s);
            }
            if unexpected.starts_with("sequence")
                && let Some(s) = list_for_mapping(ctx, at)
            {
                return Some(s);
            }
            let (exp_th, exp_en) = kind_words(expected);
            let (got_th, got_en) = kind_words(unexpected);
            Said::new(
                at,
                format!("{of_key_th}ต้องเป็น{exp_th} แต่ที่เขียนไว้เป็น{got_th}"),
                format!("{of_key_en}must be {exp_en}, not {got_en}"),
            )
        }
        Error::SerdeUnknownVariant {
            variant, expected, ..
        } => {
            let list = expected.join(", ");
            let (th_guess, en_guess) =
                match crate::suggest::closest(variant, expected.iter().copied()) {
                    Some(g) => (
                        format!(" หมายถึง \"{g}\" หรือไม่"),
                        format!("; did you mean \"{g}\"?"),
                    ),
                    None => (String::new(), String::new()),
                };
            Said::new(
                at,
                format!("{of_key_th}ใช้ค่า `{variant}` ไม่ได้{th_guess} (ค่าที่ใช้ได้: {list})"),
                format!("{of_key_en}cannot be `{variant}`{en_guess} (allowed: {list})"),
            )
            .complete()
        }
        Error::Message { msg, .. } if msg.starts_with("expected a date") => Said::new(
            at,
            format!("{of_key_th}ต้องเป็นวันที่ เช่น 2567-03-31 หรือ 31 มี.ค. 2567"),
            format!("{of_key_en}must be a date such as 2567-03-31 or 31 มี.ค. 2567"),
        )
        .complete(),
        Error::Budget { .. } => Said::new(
            at,
            "ข้อมูล YAML ใหญ่หรือซ้อนกันลึกเกินไป (หรือมีการอ้างอิง alias ซ้ำไม่สิ้นสุด)",
            "the YAML is too large or too deeply nested (or expands aliases without end)",
        )
        .complete(),
        _ => return None,
    })
}

/// A serde "expected …" or "invalid type: …" phrase as a kind of value, in both languages.
fn kind_words(phrase: &str) -> (String, String) {
    let p = phrase.trim();
    let s = |th: &str, en: &str| (th.to_string(), en.to_string());
    if p.starts_with("a text, a number") {
        s("ข้อความ ตัวเลข หรือค่าว่าง", "a text, a number or nothing")
    } else if p.starts_with("string") || p == "a string" || p.starts_with("a text") {
        s("ข้อความ", "a text")
    } else if p.starts_with("sequence") || p.starts_with("a sequence") || p.starts_with("a list") {
        s(
            "รายการ (บรรทัดที่ขึ้นต้นด้วย `- `)",
            "a list (lines starting with `- `)",
        )
    } else if p.starts_with("map") || p.starts_with("struct") || p.starts_with("a map") {
        s(
            "หัวข้อย่อยแบบ `ชื่อ: ค่า`",
            "keys of their own (`name: value` lines)",
        )
    } else if p.starts_with("integer") || (p.starts_with('u') && p.len() <= 5) {
        s("ตัวเลขจำนวนเต็ม", "a whole number")
    } else if p.starts_with("floating point") || p.starts_with("f64") || p.starts_with("f32") {
        s("ตัวเลข", "a number")
    } else if p.starts_with("boolean") || p.starts_with("a boolean") {
        s("true หรือ false", "true or false")
    } else if p == "unit value" || p.starts_with("null") {
        s("ค่าว่าง", "nothing")
    } else if p.starts_with("an officer id") {
        s(
            "รหัสเจ้าหน้าที่ หรือรายการรหัสเจ้าหน้าที่",
            "an officer id or a list of them",
        )
    } else if p.starts_with("a file name") {
        s(
            "ชื่อไฟล์ หรือ `file: …` กับ `title: …`",
            "a file name or `file: …` with `title: …`",
        )
    } else if p.starts_with("a list of files") {
        s("รายการชื่อไฟล์", "a list of files")
    } else {
        s("ค่าชนิดอื่น", p)
    }
}
