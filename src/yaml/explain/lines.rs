//! Reading the lines of the YAML text: the line the parser named and its neighbours, keys and
//! values, indentation, comments.
use super::syntax::{expected_indent, open_quote};
/// The lines of the YAML text and the line the parser named.
pub(super) struct Ctx<'a> {
    pub(super) lines: Vec<&'a str>,
    pub(super) at: usize,
    /// Line of the file the text starts at.
    pub(super) first: usize,
}

impl<'a> Ctx<'a> {
    /// Line `n` of the text as a line of the file, for messages.
    pub(super) fn file_line(&self, n: usize) -> usize {
        n + self.first - 1
    }

    /// Line `n` (1-based); empty past the end.
    pub(super) fn line(&self, n: usize) -> &'a str {
        n.checked_sub(1)
            .and_then(|i| self.lines.get(i))
            .copied()
            .unwrap_or("")
    }

    /// `n` and the content line before it: where a mistake the parser noticed late may be.
    pub(super) fn near(&self, n: usize) -> Vec<usize> {
        std::iter::once(n).chain(self.content_before(n)).collect()
    }

    /// The content line before `n`, `n` and the line after: where a tab may be (the parser
    /// names the line before an indented plain scalar's continuation).
    pub(super) fn near_after(&self, n: usize) -> Vec<usize> {
        let mut v = vec![n];
        v.extend(self.content_before(n));
        if n < self.lines.len() {
            v.push(n + 1);
        }
        v
    }

    /// The nearest line before `n` that is not blank or a comment.
    pub(super) fn content_before(&self, n: usize) -> Option<usize> {
        (1..n).rev().find(|&i| is_content(self.line(i)))
    }

    /// The nearest content line before `n` indented less: the key `n` is under.
    pub(super) fn parent(&self, n: usize) -> Option<usize> {
        let j = indent_of(self.line(n));
        (1..n)
            .rev()
            .find(|&i| is_content(self.line(i)) && indent_of(self.line(i)) < j)
    }

    /// The key line `n` sets, or the key it is under.
    pub(super) fn key_for(&self, n: usize) -> Option<&'a str> {
        let l = self.line(n);
        let t = l.trim_start();
        let t = t.strip_prefix("- ").unwrap_or(t);
        if let Some(kl) = key_line(t) {
            return Some(kl.key);
        }
        key_line(self.line(self.parent(n)?)).map(|kl| kl.key)
    }

    /// The value written after `key:` on line `n`.
    pub(super) fn value(&self, n: usize) -> Option<String> {
        key_line(self.line(n)).map(|kl| strip_comment(kl.rest).trim().to_string())
    }

    /// The indentation levels open before line `n`, each with the last line at that level.
    pub(super) fn levels(&self, n: usize) -> Vec<(usize, usize)> {
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
pub(super) struct KeyLine<'a> {
    pub(super) lead: &'a str,
    pub(super) key: &'a str,
    pub(super) rest: &'a str,
}

pub(super) fn key_line(line: &str) -> Option<KeyLine<'_>> {
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
pub(super) fn missing_space(line: &str) -> Option<String> {
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
pub(super) fn unquoted_value(line: &str) -> Option<(KeyLine<'_>, &str)> {
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
pub(super) fn show(code: &str) -> String {
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
pub(super) fn quote(value: &str) -> String {
    if !value.contains(['"', '\\']) {
        format!("\"{value}\"")
    } else {
        format!("'{}'", value.replace('\'', "''"))
    }
}

pub(super) fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

pub(super) fn leading_tab(line: &str) -> bool {
    let ws = &line[..line.len() - line.trim_start_matches([' ', '\t']).len()];
    ws.contains('\t') && !line.trim().is_empty()
}

pub(super) fn is_content(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty() && !t.starts_with('#')
}

/// `key:` with nothing after it (or `-` alone): the lines under it are its value.
pub(super) fn opens(line: &str) -> bool {
    let t = strip_comment(line).trim_end();
    t.ends_with(':') || t.trim_start() == "-"
}

/// The line without a ` # comment` (a `#` after a space, outside quotes).
pub(super) fn strip_comment(line: &str) -> &str {
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
