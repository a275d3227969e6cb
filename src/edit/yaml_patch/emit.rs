//! Text for new values, in the house style of the example files: `key: value` scalars, flow
//! `[a, b]` lists of scalars, block lists of one-line `{ k: v }` maps, nested block maps. An
//! existing node (the old value, or a sibling of the same kind) is a hint whose style wins: a
//! quoted phone number stays quoted, a row written as a block map gets a block-map neighbour.

use super::PatchError;
use super::Value;
use super::tree::{Kind, Node};
use granit_parser::ScalarStyle;

/// The file's conventions, read once from the tree.
pub(super) struct Style {
    pub nl: &'static str,
    /// Indentation of a nested block map relative to its key.
    pub step: usize,
    /// Indentation of a block list's `-` relative to its key (0 or 2 in practice).
    pub seq_offset: usize,
}

impl Style {
    pub fn detect(src: &str, root: Option<&Node>) -> Style {
        let mut st = Style {
            nl: if src.contains("\r\n") { "\r\n" } else { "\n" },
            step: 0,
            seq_offset: usize::MAX,
        };
        if let Some(root) = root {
            st.scan(src, root);
        }
        if st.step == 0 {
            st.step = 2;
        }
        if st.seq_offset == usize::MAX {
            st.seq_offset = 2;
        }
        st
    }

    fn scan(&mut self, src: &str, node: &Node) {
        match &node.kind {
            Kind::Map {
                flow: false,
                entries,
                ..
            } => {
                for (k, v) in entries {
                    let (kc, vc) = (
                        super::tree::col(src, k.start),
                        super::tree::col(src, v.start),
                    );
                    match &v.kind {
                        Kind::Map { flow: false, .. } if self.step == 0 && vc > kc => {
                            self.step = vc - kc
                        }
                        Kind::Seq { flow: false, .. } if self.seq_offset == usize::MAX => {
                            let dash = v.start;
                            self.seq_offset = super::tree::col(src, dash).saturating_sub(kc);
                        }
                        _ => {}
                    }
                    self.scan(src, v);
                }
            }
            Kind::Map { entries, .. } => entries.iter().for_each(|(_, v)| self.scan(src, v)),
            Kind::Seq { items, .. } => items.iter().for_each(|i| self.scan(src, i)),
            _ => {}
        }
    }
}

/// Where the emitted text goes.
#[derive(Clone, Copy)]
pub(super) enum Ctx {
    /// Inside a flow collection: flow only. The text has no leading space.
    Flow,
    /// After `- ` of a block list, the value starting at column `col`. No leading space.
    Item { col: usize },
    /// After `key:` of a block map whose key is at column `key_col`. The text starts with a
    /// space (inline) or a line break (block).
    Value { key_col: usize },
    /// The whole document, at column 0.
    Root,
}

/// Whether `hint` has the same shape as `v` (so its style can be copied).
pub(super) fn same_kind(hint: &Node, v: &Value) -> bool {
    match (&hint.kind, v) {
        (Kind::Scalar { .. }, Value::Str(_) | Value::Raw(_)) => !hint.is_empty_scalar(),
        (Kind::Seq { items, .. }, Value::List(_)) => !items.is_empty(),
        (Kind::Map { entries, .. }, Value::Map(_)) => !entries.is_empty(),
        _ => false,
    }
}

fn sub_hint<'n>(hint: Option<&'n Node>, key: Option<&str>, v: &Value) -> Option<&'n Node> {
    let h = hint?;
    match (&h.kind, key) {
        (Kind::Map { entries, .. }, Some(k)) => entries
            .iter()
            .find(|(ek, _)| ek.key() == Some(k))
            .map(|e| &e.1)
            .filter(|n| same_kind(n, v)),
        (Kind::Seq { items, .. }, None) => items.iter().rev().find(|n| same_kind(n, v)),
        _ => None,
    }
}

pub(super) fn emit(
    v: &Value,
    ctx: Ctx,
    hint: Option<&Node>,
    st: &Style,
) -> Result<String, PatchError> {
    let hint = hint.filter(|h| same_kind(h, v));
    let flow_hint = hint.map(Node::is_flow);
    let pad = |default: bool| match hint.map(|h| &h.kind) {
        Some(Kind::Seq { pad, .. } | Kind::Map { pad, .. }) if hint.is_some_and(Node::is_flow) => {
            *pad
        }
        _ => default,
    };
    let sp = if matches!(ctx, Ctx::Value { .. }) {
        " "
    } else {
        ""
    };
    match v {
        Value::Str(_) | Value::Raw(_) => {
            let style = match hint.map(|h| &h.kind) {
                Some(Kind::Scalar { style, .. }) => Some(*style),
                _ => None,
            };
            Ok(format!(
                "{sp}{}",
                scalar(v, matches!(ctx, Ctx::Flow), style)?
            ))
        }
        Value::List(items) => {
            // The old list's style counts when it held the same sort of items: a flow list
            // of file names that becomes a list of file maps is written as a block list.
            let nested = items
                .iter()
                .any(|i| matches!(i, Value::List(_) | Value::Map(_)));
            let like = |h: &&Node| match &h.kind {
                Kind::Seq { items, .. } => {
                    items
                        .iter()
                        .any(|i| matches!(i.kind, Kind::Seq { .. } | Kind::Map { .. }))
                        == nested
                }
                _ => false,
            };
            let block = matches!(ctx, Ctx::Value { .. } | Ctx::Root)
                && !items.is_empty()
                && hint.filter(like).map_or(nested, |h| !h.is_flow());
            if !block {
                let parts = items
                    .iter()
                    .map(|i| emit(i, Ctx::Flow, sub_hint(hint, None, i), st))
                    .collect::<Result<Vec<_>, _>>()?;
                let p = if pad(false) && !parts.is_empty() {
                    " "
                } else {
                    ""
                };
                return Ok(format!("{sp}[{p}{}{p}]", parts.join(", ")));
            }
            let dash_col = match ctx {
                Ctx::Value { key_col } => key_col + st.seq_offset,
                _ => 0,
            };
            let mut out = String::new();
            for (n, i) in items.iter().enumerate() {
                let text = emit(
                    i,
                    Ctx::Item { col: dash_col + 2 },
                    sub_hint(hint, None, i),
                    st,
                )?;
                if n > 0 || matches!(ctx, Ctx::Value { .. }) {
                    out.push_str(st.nl);
                }
                out.push_str(&format!("{:dash_col$}- {text}", ""));
            }
            Ok(out)
        }
        Value::Map(entries) => {
            let block = !entries.is_empty()
                && match ctx {
                    Ctx::Flow => false,
                    Ctx::Item { .. } => flow_hint == Some(false),
                    _ => flow_hint != Some(true),
                };
            let ctx_key = |k_col| {
                if block {
                    Ctx::Value { key_col: k_col }
                } else {
                    Ctx::Flow
                }
            };
            let col = match ctx {
                Ctx::Value { key_col } => key_col + st.step,
                Ctx::Item { col } => col,
                _ => 0,
            };
            let mut parts = Vec::new();
            for (k, val) in entries {
                let key = scalar(&Value::Str(k.clone()), !block, None)?;
                let text = emit(val, ctx_key(col), sub_hint(hint, Some(k), val), st)?;
                parts.push(if block {
                    format!("{key}:{text}")
                } else {
                    format!("{key}: {text}")
                });
            }
            if !block {
                let p = if pad(true) && !parts.is_empty() {
                    " "
                } else {
                    ""
                };
                return Ok(format!("{sp}{{{p}{}{p}}}", parts.join(", ")));
            }
            let sep = format!("{}{:col$}", st.nl, "");
            Ok(match ctx {
                Ctx::Value { .. } => format!("{sep}{}", parts.join(&sep)),
                _ => parts.join(&sep),
            })
        }
    }
}

/// A scalar's text: `Raw` as given (checked to be a plain scalar), `Str` in the hinted quoting
/// style, or plain when it reads back as the same string, else double-quoted.
pub(super) fn scalar(
    v: &Value,
    flow: bool,
    style: Option<ScalarStyle>,
) -> Result<String, PatchError> {
    match v {
        Value::Raw(r) => {
            if plain_syntax(r, flow, true) {
                Ok(r.clone())
            } else {
                Err(PatchError::Unsupported(format!(
                    "{r:?} is not a plain YAML scalar"
                )))
            }
        }
        Value::Str(s) => Ok(match style {
            Some(ScalarStyle::DoubleQuoted) => double_quoted(s),
            Some(ScalarStyle::SingleQuoted) => single_quoted(s).unwrap_or_else(|| double_quoted(s)),
            _ if plain_syntax(s, flow, false) && !looks_typed(s) && reads_back(s, flow) => {
                s.clone()
            }
            _ => double_quoted(s),
        }),
        _ => Err(PatchError::Unsupported(
            "a collection where a scalar is needed".into(),
        )),
    }
}

fn is_break_or_control(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{feff}' | '\u{2028}' | '\u{2029}' | '\u{fffe}' | '\u{ffff}'
        )
}

/// Whether `s` can be written as a plain scalar without being read as something else or
/// breaking the line: no indicator first, no `: ` or ` #`, no flow indicators inside flow. A
/// `Raw` value may start with `-` followed by a digit (a negative number).
pub(super) fn plain_syntax(s: &str, flow: bool, raw: bool) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    let negative =
        raw && first == '-' && s[1..].starts_with(|c: char| c.is_ascii_digit() || c == '.');
    s.trim_matches([' ', '\t']) == s
        && !s.chars().any(is_break_or_control)
        && (negative || !"-?:,[]{}#&*!|>'\"%@`".contains(first))
        && !s.starts_with("---")
        && !s.starts_with("...")
        && !s.contains(": ")
        && !s.ends_with(':')
        && !s.contains(" #")
        && !(flow && s.contains([',', '[', ']', '{', '}']))
}

/// Whether a plain `s` would be read as null, a boolean (YAML 1.1 words too), a number or a
/// date by some YAML reader.
pub(super) fn looks_typed(s: &str) -> bool {
    const WORDS: &[&str] = &[
        "~", "null", "true", "false", "yes", "no", "on", "off", "y", "n", "=", "<<",
    ];
    let lower = s.to_lowercase();
    if WORDS.contains(&lower.as_str()) {
        return true;
    }
    let t = s.strip_prefix(['+', '-']).unwrap_or(s);
    let tl = t.to_lowercase();
    if matches!(tl.as_str(), ".inf" | ".nan") {
        return true;
    }
    for (prefix, ok) in [("0x", 16), ("0o", 8), ("0b", 2)] {
        if let Some(d) = tl.strip_prefix(prefix) {
            return !d.is_empty() && d.chars().all(|c| c == '_' || c.is_digit(ok));
        }
    }
    is_decimal(t.as_bytes()) || is_date(s.as_bytes())
}

/// `1`, `1_000`, `1.5`, `.5`, `1e3`, `1:30` (YAML 1.1 base 60).
fn is_decimal(b: &[u8]) -> bool {
    let digits = |i: usize| {
        b[i..]
            .iter()
            .take_while(|c| c.is_ascii_digit() || **c == b'_')
            .count()
    };
    let has_digit = |from: usize, to: usize| b[from..to].iter().any(u8::is_ascii_digit);
    let mut i = digits(0);
    let mut any = has_digit(0, i);
    if any && b.get(i) == Some(&b':') {
        while b.get(i) == Some(&b':') {
            let n = digits(i + 1);
            if n == 0 {
                return false;
            }
            i += 1 + n;
        }
    }
    if b.get(i) == Some(&b'.') {
        let n = digits(i + 1);
        any |= has_digit(i + 1, i + 1 + n);
        i += 1 + n;
    }
    if !any {
        return false;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let n = digits(i);
        if n == 0 {
            return false;
        }
        i += n;
    }
    i == b.len()
}

/// `2567-04-05`, optionally followed by a time (YAML 1.1 timestamp).
fn is_date(b: &[u8]) -> bool {
    let run = |i: usize| {
        b.get(i..)
            .map_or(0, |r| r.iter().take_while(|c| c.is_ascii_digit()).count())
    };
    if run(0) != 4 || b.get(4) != Some(&b'-') {
        return false;
    }
    let m = run(5);
    if !(1..=2).contains(&m) || b.get(5 + m) != Some(&b'-') {
        return false;
    }
    let d = run(6 + m);
    let end = 6 + m + d;
    (1..=2).contains(&d) && (end == b.len() || matches!(b[end], b'T' | b't' | b' ' | b'\t'))
}

/// Whether the project's parser reads `s`, written plain, back as the string `s`.
fn reads_back(s: &str, flow: bool) -> bool {
    let text = if flow {
        format!("[{s}]")
    } else {
        format!("k: {s}")
    };
    match super::parse_json(&text) {
        Ok(serde_json::Value::Array(a)) => {
            a.len() == 1 && a[0] == serde_json::Value::String(s.into())
        }
        Ok(serde_json::Value::Object(o)) => {
            o.len() == 1 && o.get("k") == Some(&serde_json::Value::String(s.into()))
        }
        _ => false,
    }
}

pub(super) fn double_quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if is_break_or_control(c) && (c as u32) <= 0xFFFF => {
                out.push_str(&format!("\\u{:04X}", c as u32));
            }
            c if is_break_or_control(c) => out.push_str(&format!("\\U{:08X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn single_quoted(s: &str) -> Option<String> {
    (!s.chars().any(is_break_or_control)).then(|| format!("'{}'", s.replace('\'', "''")))
}
