//! A YAML error said for a webmaster who has never heard of YAML: which line, what is wrong in
//! words, and the line as it should be written. The parser's message alone ("mapping values are
//! not allowed in this context") names a rule of the YAML grammar, often on a line after the
//! mistake; so the kind of error is read together with the text of the lines around it. The
//! parser's own text stays at the end, in parentheses, for whoever has to look further.
use crate::diagnostics::Text;
use serde_saphyr::Error;

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

/// Errors of the YAML grammar, told by the parser's message and the text of the lines.
fn syntax_error(raw: &str, ctx: &Ctx) -> Option<Said> {
    let at = ctx.at;
    let m = raw.to_ascii_lowercase();
    let tab_word = m
        .split(|c: char| !c.is_ascii_alphabetic())
        .any(|w| w == "tab" || w == "tabs");
    if tab_word || ctx.near(at).iter().any(|&i| leading_tab(ctx.line(i))) {
        return Some(tab(ctx));
    }
    if (m.contains("unclosed quote") || (m.contains("quoted scalar") && !m.contains("trailing")))
        && let Some(s) = unclosed_quote(ctx)
    {
        return Some(s);
    }
    if m.contains("trailing content after")
        && let Some((kl, value)) = unquoted_value(ctx.line(at))
    {
        let fixed = format!("{}{}: {}", kl.lead.trim_start(), kl.key, quote(value));
        let fixed = show(&fixed);
        return Some(Said::new(
            at,
            format!(
                "มีข้อความต่อท้ายหลังเครื่องหมายคำพูดปิด ถ้าเครื่องหมายคำพูดเป็นส่วนหนึ่งของข้อความ ให้ครอบทั้งข้อความด้วยเครื่องหมายคำพูดอีกชั้น เป็น `{fixed}`"
            ),
            format!(
                "there is text after the closing quote; if the quotes are part of the text, quote the whole text: `{fixed}`"
            ),
        ));
    }
    if (m.contains("flow")
        || m.contains("bracket")
        || m.contains("illegal placement of ':'")
        || m.contains("expected ',' or"))
        && let Some(s) = unclosed_bracket(ctx)
    {
        return Some(s);
    }
    for i in ctx.near(at) {
        if let Some(fixed) = missing_space(ctx.line(i)) {
            let l = ctx.line(i).trim();
            let l = show(l);
            return Some(Said::new(
                i,
                format!("`{l}` ต้องมีเว้นวรรคหลัง `:` เป็น `{fixed}`"),
                format!("`{l}` needs a space after the `:`: `{fixed}`"),
            ));
        }
    }
    if m.contains("mapping values are not allowed")
        && let Some((kl, value)) = unquoted_value(ctx.line(at))
        && (value.contains(": ") || value.ends_with(':'))
    {
        let fixed = format!("{}{}: {}", kl.lead.trim_start(), kl.key, quote(value));
        let (fixed, value) = (show(&fixed), show(value));
        return Some(
            Said::new(
                at,
                format!(
                    "ข้อความ `{value}` มีเครื่องหมาย `:` ตามด้วยเว้นวรรคอยู่ข้างใน ให้ใส่เครื่องหมายคำพูด \"…\" ครอบข้อความ เป็น `{fixed}`"
                ),
                format!(
                    "the text `{value}` has a ':' followed by a space in it; put quotes \"…\" around the text: `{fixed}`"
                ),
            )
            .hint(
                "ข้อความที่มี `: ` หรือ ` #` อยู่ข้างใน ต้องครอบด้วยเครื่องหมายคำพูด \"…\" เสมอ",
                "a text with `: ` or ` #` inside must always be put in quotes \"…\"",
            ),
        );
    }
    if (m.contains("expected mapping start") || m.contains("did not find expected key"))
        && let Some(s) = list_for_mapping(ctx, at)
    {
        return Some(s);
    }
    if let Some(s) = indentation(ctx, at) {
        return Some(s);
    }
    if m.contains("expected '-' indicator") {
        let l = ctx.line(at).trim();
        let l = show(l);
        let parent = ctx.parent(at);
        let (th_p, en_p) = match parent {
            Some(p) => {
                let pl = ctx.line(p);
                let name = key_line(pl).map_or(pl.trim(), |kl| kl.key);
                let p = ctx.file_line(p);
                match indent_of(pl) {
                    0 => (
                        format!(" ถ้าเป็นหัวข้อใหม่ ให้ชิดซ้ายเท่ากับ `{name}:` ในบรรทัด {p}"),
                        format!(
                            "; if it is a new key, put it flush left like `{name}:` on line {p}"
                        ),
                    ),
                    k => (
                        format!(" ถ้าเป็นหัวข้อใหม่ ให้ย่อหน้า {k} ช่องเท่ากับ `{name}:` ในบรรทัด {p}"),
                        format!(
                            "; if it is a new key, indent it {k} spaces like `{name}:` on line {p}"
                        ),
                    ),
                }
            }
            None => (String::new(), String::new()),
        };
        return Some(Said::new(
            at,
            format!(
                "`{l}` อยู่ระหว่างรายการที่ขึ้นต้นด้วย `- ` ถ้าเป็นรายการเพิ่ม ให้ขึ้นต้นด้วย `- ` เหมือนรายการอื่น{th_p}"
            ),
            format!(
                "`{l}` is among list items starting with `- `; if it is one more item, start it with `- ` too{en_p}"
            ),
        ));
    }
    if m.contains("expected sequence start") {
        let key = ctx.key_for(at)?;
        let value = ctx.value(at).unwrap_or_default();
        let value = show(&value);
        let (th_fix, en_fix) = if value.is_empty() {
            (String::new(), String::new())
        } else {
            (
                format!(" หรือเขียนในวงเล็บเหลี่ยม เป็น `{key}: [{value}]`"),
                format!(", or in square brackets: `{key}: [{value}]`"),
            )
        };
        return Some(Said::new(
            at,
            format!(
                "หัวข้อ `{key}` ต้องเป็นรายการ ให้เขียนแต่ละรายการในบรรทัดใหม่ ย่อหน้าแล้วขึ้นต้นด้วย `- `{th_fix}"
            ),
            format!(
                "`{key}` must be a list: write each item on a new line, indented and starting with `- `{en_fix}"
            ),
        ));
    }
    if m.contains("expected mapping start") {
        let key = ctx.key_for(at);
        return Some(match (key, ctx.value(at)) {
            (Some(key), Some(value)) if !value.is_empty() => Said::new(
                at,
                format!(
                    "หัวข้อ `{key}` ต้องมีหัวข้อย่อยแบบ `ชื่อ: ค่า` ในบรรทัดถัดไป (ย่อหน้าเข้าไป) ไม่ใช่ค่า `{value}` ต่อท้าย"
                ),
                format!(
                    "`{key}` must have keys of its own (`name: value`) on the next lines, indented, not the value `{value}`"
                ),
            ),
            _ => Said::new(
                at,
                "ตรงนี้ต้องเป็นหัวข้อแบบ `ชื่อ: ค่า` (ชื่อหัวข้อ ตามด้วย `:` เว้นวรรค แล้วค่า)",
                "a `name: value` line is expected here (the key, ':', a space, then the value)",
            ),
        });
    }
    if m.contains("expected string scalar") {
        let key = ctx.key_for(at);
        let of_th = key.map(|k| format!("หัวข้อ `{k}` ")).unwrap_or_default();
        let of_en = key.map(|k| format!("`{k}` ")).unwrap_or_default();
        let l = ctx.line(at);
        if let Some(kl) = key_line(l) {
            let value = kl.rest.trim();
            if value.starts_with(['[', '{']) {
                let lead = format!("{}{}: ", kl.lead.trim_start(), kl.key);
                let quoted = show(&format!("{lead}{}", quote(value)));
                let bare = value.trim_matches(['[', ']', '{', '}', ' ']);
                let bare = show(&format!("{lead}{bare}"));
                return Some(Said::new(
                    at,
                    format!(
                        "{of_th}ต้องเป็นข้อความ ไม่ใช่รายการในวงเล็บ ให้ลบวงเล็บออก เป็น `{bare}` หรือถ้าวงเล็บเป็นส่วนหนึ่งของข้อความ ให้ใส่เครื่องหมายคำพูดครอบ เป็น `{quoted}`"
                    ),
                    format!(
                        "{of_en}must be a text, not a list in brackets: remove the brackets, `{bare}`, or if they are part of the text, quote it: `{quoted}`"
                    ),
                ));
            }
        }
        return Some(Said::new(
            at,
            format!("{of_th}ต้องเป็นข้อความ ไม่ใช่รายการหรือหัวข้อย่อย"),
            format!("{of_en}must be a text, not a list or keys"),
        ));
    }
    None
}

/// A tab in the indentation: YAML indents with spaces only.
fn tab(ctx: &Ctx) -> Said {
    let at = ctx.at;
    let line = ctx
        .near_after(at)
        .into_iter()
        .find(|&i| leading_tab(ctx.line(i)))
        .or_else(|| (1..=ctx.lines.len()).find(|&i| leading_tab(ctx.line(i))));
    let Some(i) = line else {
        let i = ctx
            .near_after(at)
            .into_iter()
            .find(|&i| ctx.line(i).contains('\t'))
            .unwrap_or(at);
        return Said::new(
            i,
            "มีอักขระ Tab ซึ่ง YAML ไม่ยอมรับในตำแหน่งนี้ ให้ลบ Tab แล้วใช้เว้นวรรค (space) แทน",
            "there is a Tab character, which YAML does not accept here; replace it with spaces",
        );
    };
    let want = ctx.content_before(i).map_or(0, |p| {
        let pl = ctx.line(p);
        expected_indent(pl)
    });
    let (th, en) = if want == 0 {
        (
            "ใช้ปุ่ม Tab ย่อหน้า ซึ่ง YAML ไม่ยอมรับ ให้ลบ Tab ออก บรรทัดนี้ต้องชิดซ้าย ไม่ต้องย่อหน้า".to_string(),
            "indented with the Tab key, which YAML does not accept; delete the Tab: this line starts flush left".to_string(),
        )
    } else {
        (
            format!(
                "ใช้ปุ่ม Tab ย่อหน้า ซึ่ง YAML ไม่ยอมรับ ให้ใช้เว้นวรรค (space) แทน โดยลบ Tab ออกแล้วเคาะเว้นวรรค {want} ช่อง"
            ),
            format!(
                "indented with the Tab key, which YAML does not accept; use spaces instead: delete the Tab and type {want} spaces"
            ),
        )
    };
    Said::new(i, th, en)
    .hint(
        "ตั้งโปรแกรมแก้ไขข้อความให้กด Tab แล้วได้เว้นวรรค (เช่น Notepad++: Settings > Preferences > Language > Replace by space)",
        "set the text editor to insert spaces for Tab (Notepad++: Settings > Preferences > Language > Replace by space)",
    )
}

/// The indentation a line after `prev` should have when it continues at the same level, or the
/// level under `prev` when `prev` opens one (`key:` with nothing after it).
fn expected_indent(prev: &str) -> usize {
    let base = indent_of(prev);
    if opens(prev) {
        base + 2
    } else if let Some(rest) = prev.trim_start().strip_prefix("- ") {
        base + 2 + (rest.len() - rest.trim_start().len())
    } else {
        base
    }
}

/// A quote opened and not closed, on the error line or before it.
fn unclosed_quote(ctx: &Ctx) -> Option<Said> {
    let i = (1..=ctx.at).rev().find(|&i| {
        unquoted_value(ctx.line(i)).is_none()
            && key_line(ctx.line(i)).is_some_and(|kl| open_quote(kl.rest.trim()).is_some())
    })?;
    let l = ctx.line(i).trim();
    let l = show(l);
    let q = open_quote(key_line(ctx.line(i))?.rest.trim())?;
    let fixed = format!("{}{q}", l.trim_end());
    let fixed = show(&fixed);
    Some(Said::new(
        i,
        format!("เปิดเครื่องหมายคำพูด {q} แล้วไม่ได้ปิด ให้เติม {q} ท้ายข้อความ เป็น `{fixed}`"),
        format!(
            "a quote {q} is opened and never closed; add {q} at the end of the text: `{fixed}`"
        ),
    ))
}

/// The quote character a value opens without closing it.
fn open_quote(value: &str) -> Option<char> {
    let q = value.chars().next().filter(|c| matches!(c, '"' | '\''))?;
    let body = &value[1..];
    let closed = match q {
        '"' => {
            let mut escaped = false;
            body.chars().any(|c| {
                let end = c == '"' && !escaped;
                escaped = c == '\\' && !escaped;
                end
            })
        }
        _ => body.contains('\''),
    };
    (!closed).then_some(q)
}

/// A `[` or `{` opened and not closed, on the error line or before it.
fn unclosed_bracket(ctx: &Ctx) -> Option<Said> {
    let (i, open) = (1..=ctx.at)
        .rev()
        .find_map(|i| unbalanced(ctx.line(i)).map(|c| (i, c)))?;
    let close = if open == '[' { ']' } else { '}' };
    let l = ctx.line(i).trim();
    let l = show(l);
    let fixed = format!("{}{close}", l.trim_end().trim_end_matches(','));
    let fixed = show(&fixed);
    let (th_what, en_what) = if open == '[' {
        ("วงเล็บเหลี่ยม", "square bracket")
    } else {
        ("วงเล็บปีกกา", "brace")
    };
    Some(Said::new(
        i,
        format!("เปิด{th_what} `{open}` แล้วไม่ได้ปิด ให้เติม `{close}` ท้ายรายการ เป็น `{fixed}`"),
        format!(
            "a {en_what} `{open}` is opened and never closed; add `{close}` at the end: `{fixed}`"
        ),
    ))
}

/// The bracket a line leaves open (outside quotes), if any.
fn unbalanced(line: &str) -> Option<char> {
    let mut stack = Vec::new();
    let mut quote = None;
    for c in strip_comment(line).chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '[' | '{') => stack.push(c),
            (None, ']' | '}') => {
                stack.pop();
            }
            _ => {}
        }
    }
    stack.first().copied()
}

/// A list item (`- …`) where `name: value` lines are expected.
fn list_for_mapping(ctx: &Ctx, at: usize) -> Option<Said> {
    let i = [at, at + 1]
        .into_iter()
        .find(|&i| ctx.line(i).trim_start().starts_with('-'))?;
    let l = ctx.line(i).trim();
    let rest = l.trim_start_matches('-').trim_start();
    let (l, rest) = (show(l), show(rest));
    if key_line(&rest).is_some() {
        Some(Said::new(
            i,
            format!(
                "`{l}` เป็นรายการ (ขึ้นต้นด้วย `-`) แต่ตรงนี้ต้องเป็นหัวข้อแบบ `ชื่อ: ค่า` ให้ลบ `- ` ออก เป็น `{rest}`"
            ),
            format!(
                "`{l}` is a list item (it starts with `-`) but a `name: value` line is expected here; delete the `- `: `{rest}`"
            ),
        ))
    } else {
        Some(Said::new(
            i,
            format!(
                "`{l}` เป็นรายการ (ขึ้นต้นด้วย `-`) แต่ตรงนี้ต้องเป็นหัวข้อแบบ `ชื่อ: ค่า` ถ้าเป็นรายการของหัวข้อด้านบน ให้ลบค่าหลัง `:` ของหัวข้อนั้น แล้วย่อหน้ารายการเข้าไป"
            ),
            format!(
                "`{l}` is a list item (it starts with `-`) but a `name: value` line is expected here; if it belongs to the key above, leave nothing after that key's ':' and indent the items"
            ),
        ))
    }
}

/// `key: # …` or `key: text #…`: what follows ` #` is a comment, so the value was cut.
fn comment_cut(ctx: &Ctx, at: usize) -> Option<Said> {
    let l = ctx.line(at);
    let kl = key_line(l)?;
    let value = kl.rest.trim();
    if !(value.starts_with('#') || value.contains(" #")) || value.starts_with(['"', '\'']) {
        return None;
    }
    let fixed = format!("{}{}: {}", kl.lead.trim_start(), kl.key, quote(value));
    let fixed = show(&fixed);
    Some(Said::new(
        at,
        format!(
            "ข้อความหลังเครื่องหมาย ` #` ถูกอ่านเป็นหมายเหตุ (comment) และถูกตัดทิ้ง ให้ใส่เครื่องหมายคำพูด \"…\" ครอบข้อความ เป็น `{fixed}`"
        ),
        format!(
            "the text after ` #` is read as a comment and dropped; put quotes \"…\" around the text: `{fixed}`"
        ),
    ))
}

/// A line indented unlike any level above it, or under a line that cannot have anything under
/// it.
fn indentation(ctx: &Ctx, at: usize) -> Option<Said> {
    let l = ctx.line(at);
    if !is_content(l) {
        return None;
    }
    let j = indent_of(l);
    let prev = ctx.content_before(at)?;
    let pl = ctx.line(prev);
    let levels = ctx.levels(at);
    let name = |line: usize| {
        let t = ctx.line(line).trim_start();
        let t = t.strip_prefix("- ").unwrap_or(t);
        key_line(t).map_or_else(|| t.trim().to_string(), |kl| format!("{}:", kl.key))
    };
    let target = levels.last().copied();
    if j > indent_of(pl) && !opens(pl) {
        let (t, m) = target.unwrap_or((indent_of(pl), prev));
        if t >= j {
            return None;
        }
        let (key, m, prev) = (name(m), ctx.file_line(m), ctx.file_line(prev));
        let (th_do, en_do) = if t == 0 {
            (
                format!("ให้ลบเว้นวรรคหน้าบรรทัดออกให้ชิดซ้ายเท่ากับ `{key}` ในบรรทัด {m}"),
                format!("remove the spaces before it, flush left like `{key}` on line {m}"),
            )
        } else {
            (
                format!("ให้ย่อหน้า {t} ช่องเท่ากับ `{key}` ในบรรทัด {m}"),
                format!("indent it {t} spaces like `{key}` on line {m}"),
            )
        };
        return Some(Said::new(
            at,
            format!(
                "ย่อหน้าลึกเกินไป ({j} ช่อง) บรรทัด {prev} `{}` มีค่าอยู่แล้ว จึงมีหัวข้อย่อยใต้บรรทัดนั้นไม่ได้ {th_do}",
                show(pl.trim())
            ),
            format!(
                "indented too deep ({j} spaces): line {prev} `{}` already has a value, so nothing can go under it; {en_do}",
                show(pl.trim())
            ),
        ));
    }
    if levels.iter().any(|&(k, _)| k == j) || (opens(pl) && j > indent_of(pl)) {
        return None;
    }
    let &(t, m) = levels
        .iter()
        .min_by_key(|&&(k, _)| (k.abs_diff(j), std::cmp::Reverse(k)))?;
    let (key, m) = (name(m), ctx.file_line(m));
    Some(Said::new(
        at,
        format!("ย่อหน้า {j} ช่อง ไม่ตรงกับหัวข้ออื่นในระดับเดียวกัน ให้ย่อหน้า {t} ช่องเท่ากับ `{key}` ในบรรทัด {m}"),
        format!(
            "indented {j} spaces, unlike the other keys at its level; indent it {t} spaces like `{key}` on line {m}"
        ),
    ))
}

/// The lines of the YAML text and the line the parser named.
struct Ctx<'a> {
    lines: Vec<&'a str>,
    at: usize,
    /// Line of the file the text starts at.
    first: usize,
}

impl<'a> Ctx<'a> {
    /// Line `n` of the text as a line of the file, for messages.
    fn file_line(&self, n: usize) -> usize {
        n + self.first - 1
    }

    /// Line `n` (1-based); empty past the end.
    fn line(&self, n: usize) -> &'a str {
        n.checked_sub(1)
            .and_then(|i| self.lines.get(i))
            .copied()
            .unwrap_or("")
    }

    /// `n` and the content line before it: where a mistake the parser noticed late may be.
    fn near(&self, n: usize) -> Vec<usize> {
        std::iter::once(n).chain(self.content_before(n)).collect()
    }

    /// The content line before `n`, `n` and the line after: where a tab may be (the parser
    /// names the line before an indented plain scalar's continuation).
    fn near_after(&self, n: usize) -> Vec<usize> {
        let mut v = vec![n];
        v.extend(self.content_before(n));
        if n < self.lines.len() {
            v.push(n + 1);
        }
        v
    }

    /// The nearest line before `n` that is not blank or a comment.
    fn content_before(&self, n: usize) -> Option<usize> {
        (1..n).rev().find(|&i| is_content(self.line(i)))
    }

    /// The nearest content line before `n` indented less: the key `n` is under.
    fn parent(&self, n: usize) -> Option<usize> {
        let j = indent_of(self.line(n));
        (1..n)
            .rev()
            .find(|&i| is_content(self.line(i)) && indent_of(self.line(i)) < j)
    }

    /// The key line `n` sets, or the key it is under.
    fn key_for(&self, n: usize) -> Option<&'a str> {
        let l = self.line(n);
        let t = l.trim_start();
        let t = t.strip_prefix("- ").unwrap_or(t);
        if let Some(kl) = key_line(t) {
            return Some(kl.key);
        }
        key_line(self.line(self.parent(n)?)).map(|kl| kl.key)
    }

    /// The value written after `key:` on line `n`.
    fn value(&self, n: usize) -> Option<String> {
        key_line(self.line(n)).map(|kl| strip_comment(kl.rest).trim().to_string())
    }

    /// The indentation levels open before line `n`, each with the last line at that level.
    fn levels(&self, n: usize) -> Vec<(usize, usize)> {
        let mut levels: Vec<(usize, usize)> = Vec::new();
        let mut block_scalar: Option<usize> = None;
        for i in 1..n {
            let l = self.line(i);
            if !is_content(l) {
                continue;
            }
            let j = indent_of(l);
            if let Some(b) = block_scalar {
                if j > b {
                    continue;
                }
                block_scalar = None;
            }
            while levels.last().is_some_and(|&(k, _)| k > j) {
                levels.pop();
            }
            match levels.last_mut() {
                Some(last) if last.0 == j => last.1 = i,
                _ => levels.push((j, i)),
            }
            if let Some(rest) = l.trim_start().strip_prefix("- ")
                && key_line(rest.trim_start()).is_some()
            {
                levels.push((expected_indent(l), i));
            }
            let t = strip_comment(l).trim_end();
            if t.ends_with(['|', '>']) || t.ends_with("|-") || t.ends_with(">-") {
                block_scalar = Some(j);
            }
        }
        levels
    }
}

/// A `key: rest` line: `lead` is the indentation and any `- ` before the key.
struct KeyLine<'a> {
    lead: &'a str,
    key: &'a str,
    rest: &'a str,
}

fn key_line(line: &str) -> Option<KeyLine<'_>> {
    let body = line.trim_start_matches([' ', '\t']);
    let body = match body.strip_prefix("- ") {
        Some(b) => b.trim_start(),
        None => body,
    };
    let lead = &line[..line.len() - body.len()];
    let colon = body.find(':')?;
    let key = &body[..colon];
    let ok = !key.is_empty()
        && !key.contains(char::is_whitespace)
        && !key.starts_with(['"', '\'', '[', '{', '#', '-', '&', '*', '!', '|', '>']);
    ok.then(|| KeyLine {
        lead,
        key,
        rest: &body[colon + 1..],
    })
}

/// `key:value` (no space after the colon) and the line as it should be.
fn missing_space(line: &str) -> Option<String> {
    let kl = key_line(line)?;
    let plain = kl.key.starts_with(|c: char| c.is_ascii_alphabetic())
        && kl
            .key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    let rest = kl.rest.trim_end();
    if !plain || rest.is_empty() || rest.starts_with([' ', '\t']) || rest.starts_with("//") {
        return None;
    }
    Some(format!("{}{}: {rest}", kl.lead.trim_start(), kl.key))
}

/// A `key: value` line whose value is written without quotes, with the value.
fn unquoted_value(line: &str) -> Option<(KeyLine<'_>, &str)> {
    let kl = key_line(line)?;
    if !kl.rest.starts_with([' ', '\t']) {
        return None;
    }
    let value = kl.rest.trim();
    if value.is_empty() || value.starts_with(['\'', '[', '{', '|', '>', '&', '*', '!', '#']) {
        return None;
    }
    if value.starts_with('"') && open_quote(value).is_some() {
        return None;
    }
    Some((kl, value))
}

/// Code shown in a message, shortened: a line may be very long.
fn show(code: &str) -> String {
    const MAX: usize = 60;
    if code.chars().count() <= MAX {
        code.to_string()
    } else {
        let mut s: String = code.chars().take(MAX - 1).collect();
        s.push('…');
        s
    }
}

/// `value` in quotes: double quotes unless it holds a `"` or a `\`, then single quotes.
fn quote(value: &str) -> String {
    if !value.contains(['"', '\\']) {
        format!("\"{value}\"")
    } else {
        format!("'{}'", value.replace('\'', "''"))
    }
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

fn leading_tab(line: &str) -> bool {
    let ws = &line[..line.len() - line.trim_start_matches([' ', '\t']).len()];
    ws.contains('\t') && !line.trim().is_empty()
}

fn is_content(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty() && !t.starts_with('#')
}

/// `key:` with nothing after it (or `-` alone): the lines under it are its value.
fn opens(line: &str) -> bool {
    let t = strip_comment(line).trim_end();
    t.ends_with(':') || t.trim_start() == "-"
}

/// The line without a ` # comment` (a `#` after a space, outside quotes).
fn strip_comment(line: &str) -> &str {
    let mut quote = None;
    let mut prev = ' ';
    for (i, c) in line.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') if prev == ' ' || prev == '[' || prev == ',' => quote = Some(c),
            (None, '#') if prev == ' ' || prev == '\t' => return &line[..i],
            _ => {}
        }
        prev = c;
    }
    line
}
