//! Errors of the YAML grammar (the parser's "did not find expected key", "mapping values are
//! not allowed"), told from the text of the lines around them: a tab, a quote or bracket left
//! open, a list where a mapping was expected, a comment that cut a value, an indentation.
use super::Said;
use super::lines::*;
/// Errors of the YAML grammar, told by the parser's message and the text of the lines.
pub(super) fn syntax_error(raw: &str, ctx: &Ctx) -> Option<Said> {
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
pub(super) fn tab(ctx: &Ctx) -> Said {
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
pub(super) fn expected_indent(prev: &str) -> usize {
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
pub(super) fn unclosed_quote(ctx: &Ctx) -> Option<Said> {
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
pub(super) fn open_quote(value: &str) -> Option<char> {
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
pub(super) fn unclosed_bracket(ctx: &Ctx) -> Option<Said> {
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
pub(super) fn unbalanced(line: &str) -> Option<char> {
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
pub(super) fn list_for_mapping(ctx: &Ctx, at: usize) -> Option<Said> {
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
pub(super) fn comment_cut(ctx: &Ctx, at: usize) -> Option<Said> {
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
pub(super) fn indentation(ctx: &Ctx, at: usize) -> Option<Said> {
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
