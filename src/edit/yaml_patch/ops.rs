//! The edits on the text. Each one parses the document, finds the node, and splices new text
//! into one range; a list or map set whole is a series of such edits (re-parsing in between,
//! the files are small) so the unchanged elements keep their text. `mod.rs` checks the result.

use super::emit::{self, Ctx, Style, same_kind};
use super::tree::{self, Kind, Node, at_line_start, col, line_end, line_start, next_line};
use super::whole;
use super::{Json, PatchError, Seg, Value, lookup, parse_json, to_json};
use granit_parser::ScalarStyle;

fn unsupported(m: String) -> PatchError {
    PatchError::Unsupported(m)
}

struct Doc<'s> {
    src: &'s str,
    root: Node,
    st: Style,
}

impl<'s> Doc<'s> {
    fn parse(src: &'s str) -> Result<Doc<'s>, PatchError> {
        if src.replace("\r\n", "").contains('\r') {
            return Err(unsupported("line breaks made of CR alone".into()));
        }
        let root = tree::parse(src)?;
        let st = Style::detect(src, root.as_ref());
        // An empty document is an empty scalar at its end, where new keys go.
        let root = root.unwrap_or(Node {
            start: src.len(),
            end: src.len(),
            lead: Some(src.len()),
            special: false,
            kind: Kind::Scalar {
                style: ScalarStyle::Plain,
                value: "~".into(),
            },
        });
        Ok(Doc { src, root, st })
    }

    fn splice(&self, a: usize, b: usize, text: &str) -> String {
        [&self.src[..a], text, &self.src[b..]].concat()
    }

    /// Replaces `node` (the last of `chain`, reached through child indices `idx`) by `value`.
    fn replace(&self, chain: &[&Node], idx: &[usize], value: &Value) -> Result<String, PatchError> {
        let node = chain[chain.len() - 1];
        let parent = (chain.len() > 1).then(|| (chain[chain.len() - 2], idx[idx.len() - 1]));
        if node.special {
            return Err(unsupported("an anchor, alias or tag at the value".into()));
        }
        let hint = if same_kind(node, value) {
            Some(node)
        } else if matches!(value, Value::List(_) | Value::Map(_)) {
            parent.and_then(|(p, i)| sibling(p, Some(i), i, value))
        } else {
            None
        };
        let src = self.src;
        let ctx = match parent {
            None => Ctx::Root,
            Some((p, _)) if p.is_flow() => Ctx::Flow,
            Some((
                Node {
                    kind: Kind::Map { entries, .. },
                    ..
                },
                i,
            )) => Ctx::Value {
                key_col: col(src, entries[i].0.start),
            },
            Some((p, i)) => Ctx::Item {
                // In place at the old value's column; after `- ` when the item was empty.
                col: if node.is_empty_scalar() {
                    col(src, p.child_head(i)) + 2
                } else {
                    col(src, node.start)
                },
            },
        };
        let text = emit::emit(value, ctx, hint, &self.st)?;
        if !node.is_empty_scalar() && !matches!(ctx, Ctx::Value { .. }) {
            return Ok(self.splice(node.start, node.end, &text));
        }
        let Some(lead) = node.lead else {
            return Err(unsupported("a value without `:` in front".into()));
        };
        if let Ctx::Value { .. } = ctx {
            return Ok(self.replace_value(node, lead, &text));
        }
        Ok(match ctx {
            Ctx::Root => {
                let nl = if src.is_empty() || src.ends_with('\n') {
                    ""
                } else {
                    self.st.nl
                };
                format!("{src}{nl}{text}{}", self.st.nl)
            }
            _ => self.splice(lead, lead, &format!(" {text}")),
        })
    }

    /// Replaces the value of a block-map entry whose `:` ends at `lead` by `text` (which starts
    /// with a space when inline, a line break when a block); a comment on the key's line stays.
    fn replace_value(&self, node: &Node, lead: usize, text: &str) -> String {
        let src = self.src;
        let block = text.starts_with(['\r', '\n']);
        let key_line_end = line_end(src, lead);
        if node.is_empty_scalar() {
            let at = if block { key_line_end } else { lead };
            return self.splice(at, at, text);
        }
        let same_line = line_start(src, node.start) == line_start(src, lead);
        match (same_line, block) {
            (true, false) => self.splice(node.start, node.end, &text[1..]),
            (true, true) => {
                let e = line_end(src, node.end);
                let tail = src[node.end..e].trim_end();
                [&src[..lead], tail, text, &src[e..]].concat()
            }
            (false, false) => {
                let comment = src[lead..key_line_end].trim();
                let sep = if comment.is_empty() { "" } else { " " };
                [&src[..lead], text, sep, comment, &src[node.end..]].concat()
            }
            (false, true) => self.splice(key_line_end, node.end, text),
        }
    }

    /// Inserts an entry or item (`text` at column `c`, its later lines already indented) into the
    /// block collection `node`, before child `before` or after the last child.
    fn insert_block(&self, node: &Node, before: Option<usize>, c: usize, text: &str) -> String {
        let (src, nl) = (self.src, self.st.nl);
        let pad = " ".repeat(c);
        if let Some(t) = before {
            let head = node.child_head(t);
            if !at_line_start(src, head) {
                return self.splice(head, head, &format!("{text}{nl}{pad}"));
            }
            let at = above_comments(src, line_start(src, head), c);
            return self.splice(at, at, &format!("{pad}{text}{nl}"));
        }
        let at = next_line(src, node.child_end(node.len() - 1));
        if at == src.len() && !src.ends_with('\n') {
            self.splice(at, at, &format!("{nl}{pad}{text}"))
        } else {
            self.splice(at, at, &format!("{pad}{text}{nl}"))
        }
    }

    fn insert_entry(
        &self,
        chain: &[&Node],
        idx: &[usize],
        key: &str,
        value: &Value,
        sorted: bool,
    ) -> Result<String, PatchError> {
        let node = chain[chain.len() - 1];
        let Kind::Map { flow, entries, .. } = &node.kind else {
            unreachable!()
        };
        if entries.is_empty() {
            return self.replace(
                chain,
                idx,
                &Value::Map(vec![(key.to_string(), value.clone())]),
            );
        }
        let hint = matches!(value, Value::List(_) | Value::Map(_))
            .then(|| sibling(node, None, entries.len(), value))
            .flatten();
        let before = if sorted {
            entries
                .iter()
                .position(|(k, _)| k.key().is_some_and(|k| k > key))
        } else {
            None
        };
        let k = emit::scalar(&Value::Str(key.to_string()), *flow, None)?;
        if *flow {
            let text = format!("{k}: {}", emit::emit(value, Ctx::Flow, hint, &self.st)?);
            return Ok(match before {
                Some(t) => {
                    self.splice(entries[t].0.start, entries[t].0.start, &format!("{text}, "))
                }
                None => {
                    let e = node.child_end(entries.len() - 1);
                    self.splice(e, e, &format!(", {text}"))
                }
            });
        }
        let c = col(self.src, entries[0].0.start);
        let text = format!(
            "{k}:{}",
            emit::emit(value, Ctx::Value { key_col: c }, hint, &self.st)?
        );
        Ok(self.insert_block(node, before, c, &text))
    }

    fn insert_item(
        &self,
        chain: &[&Node],
        idx: &[usize],
        at: usize,
        value: &Value,
    ) -> Result<String, PatchError> {
        let node = chain[chain.len() - 1];
        let Kind::Seq { flow, items, .. } = &node.kind else {
            unreachable!()
        };
        if items.is_empty() {
            return self.replace(chain, idx, &Value::List(vec![value.clone()]));
        }
        let hint = sibling(node, None, at, value);
        let before = (at < items.len()).then_some(at);
        if *flow {
            let text = emit::emit(value, Ctx::Flow, hint, &self.st)?;
            return Ok(match before {
                Some(t) => self.splice(items[t].start, items[t].start, &format!("{text}, ")),
                None => {
                    let e = items[items.len() - 1].end;
                    self.splice(e, e, &format!(", {text}"))
                }
            });
        }
        let c = col(self.src, node.child_head(0));
        let text = format!(
            "- {}",
            emit::emit(value, Ctx::Item { col: c + 2 }, hint, &self.st)?
        );
        Ok(self.insert_block(node, before, c, &text))
    }
}

/// A child of `parent` (other than `skip`) of the same kind as `v`, the nearest before `near`
/// first: the style to copy for a new value.
fn sibling<'t>(parent: &'t Node, skip: Option<usize>, near: usize, v: &Value) -> Option<&'t Node> {
    let n = parent.len();
    (0..near.min(n))
        .rev()
        .chain(near..n)
        .filter(|i| Some(*i) != skip)
        .filter_map(|i| parent.child(i))
        .find(|c| same_kind(c, v))
}

/// Moves `at` (a line start) up over comment lines at column `c` directly above it: a comment
/// there is about the line that follows it. Not when they open the file (its header).
fn above_comments(src: &str, start: usize, c: usize) -> usize {
    let mut at = start;
    while src[..at].ends_with('\n') {
        let prev = line_start(src, at - 1);
        let line = &src[prev..at];
        let trimmed = line.trim_start_matches(' ');
        if !trimmed.starts_with('#') || line.len() - trimmed.len() != c {
            break;
        }
        at = prev;
    }
    if at == line_start(src, 0) { start } else { at }
}

/// The nodes from the root along `path` as far as it exists, and the child index taken at each.
pub(super) fn walk<'t>(
    root: &'t Node,
    path: &[Seg],
) -> Result<(Vec<&'t Node>, Vec<usize>), PatchError> {
    let mut chain = vec![root];
    let mut idx = Vec::new();
    for seg in path {
        let node = chain[chain.len() - 1];
        let here = &path[..idx.len()];
        if node.special {
            return Err(unsupported(format!("an anchor, alias or tag at {here:?}")));
        }
        let found = match (&node.kind, seg) {
            (Kind::Map { entries, .. }, Seg::Key(k)) => {
                entries.iter().position(|(e, _)| e.key() == Some(k))
            }
            (Kind::Seq { items, .. }, Seg::Index(i)) => (*i < items.len()).then_some(*i),
            (Kind::Scalar { .. }, _) => None,
            _ => {
                return Err(unsupported(format!(
                    "{seg:?} does not fit the node at {here:?}"
                )));
            }
        };
        let Some(i) = found else { break };
        idx.push(i);
        chain.push(node.child(i).expect("index checked"));
    }
    Ok((chain, idx))
}

/// `v` placed at `path` below a new node: keys become mappings, `Index(0)` a list.
fn nest(path: &[Seg], v: &Value) -> Result<Value, PatchError> {
    path.iter().rev().try_fold(v.clone(), |acc, seg| match seg {
        Seg::Key(k) => Ok(Value::Map(vec![(k.clone(), acc)])),
        Seg::Index(0) => Ok(Value::List(vec![acc])),
        Seg::Index(i) => Err(unsupported(format!(
            "index {i} in a list that does not exist"
        ))),
    })
}

pub(super) fn sub(path: &[Seg], seg: Seg) -> Vec<Seg> {
    let mut p = path.to_vec();
    p.push(seg);
    p
}

pub(super) fn set(
    doc: &str,
    path: &[Seg],
    value: &Value,
    sorted: bool,
) -> Result<String, PatchError> {
    set_parsed(doc, &parse_json(doc)?, path, value, sorted)
}

/// `set` with `json`, the document as already parsed by the caller.
pub(super) fn set_parsed(
    doc: &str,
    json: &Json,
    path: &[Seg],
    value: &Value,
    sorted: bool,
) -> Result<String, PatchError> {
    let current = lookup(json, path);
    if current == Some(&to_json(value)?) {
        return Ok(doc.to_string());
    }
    let d = Doc::parse(doc)?;
    let (chain, idx) = walk(&d.root, path)?;
    let depth = idx.len();
    let node = chain[depth];
    if depth < path.len() {
        let rest = nest(&path[depth + 1..], value)?;
        return match (&node.kind, &path[depth]) {
            (Kind::Map { .. }, Seg::Key(k)) => d.insert_entry(&chain, &idx, k, &rest, sorted),
            (Kind::Seq { items, .. }, Seg::Index(i)) if *i == items.len() => {
                d.insert_item(&chain, &idx, *i, &rest)
            }
            (Kind::Scalar { .. }, _) if lookup(json, &path[..depth]) == Some(&Json::Null) => {
                d.replace(&chain, &idx, &nest(&path[depth..], value)?)
            }
            _ => Err(unsupported(format!(
                "nothing to put {:?} in",
                &path[..=depth]
            ))),
        };
    }
    match (&node.kind, value, current) {
        (Kind::Map { entries, .. }, Value::Map(new), _)
            if !entries.is_empty() && !new.is_empty() && !node.special =>
        {
            whole::set_map(doc, path, new, sorted)
        }
        (Kind::Seq { .. }, Value::List(new), Some(Json::Array(old)))
            if whole::by_element(node, old, new) =>
        {
            whole::set_list(doc, path, old, new)
        }
        _ => d.replace(&chain, &idx, value),
    }
}

/// Inserts `value` as item `at` of the list at `path`.
pub(super) fn insert_at(
    doc: &str,
    path: &[Seg],
    at: usize,
    value: &Value,
) -> Result<String, PatchError> {
    let d = Doc::parse(doc)?;
    let (chain, idx) = walk(&d.root, path)?;
    if idx.len() < path.len() || !matches!(chain[idx.len()].kind, Kind::Seq { .. }) {
        return Err(unsupported(format!("no list at {path:?}")));
    }
    d.insert_item(&chain, &idx, at, value)
}

pub(super) fn remove(doc: &str, path: &[Seg]) -> Result<String, PatchError> {
    let d = Doc::parse(doc)?;
    let (chain, idx) = walk(&d.root, path)?;
    if idx.len() < path.len() || path.is_empty() {
        return Ok(doc.to_string());
    }
    let (parent, i) = (chain[chain.len() - 2], idx[idx.len() - 1]);
    let n = parent.len();
    if n == 1 {
        let empty = if matches!(parent.kind, Kind::Map { .. }) {
            Value::Map(Vec::new())
        } else {
            Value::List(Vec::new())
        };
        return d.replace(&chain[..chain.len() - 1], &idx[..idx.len() - 1], &empty);
    }
    let src = d.src;
    let head = parent.child_head(i);
    if parent.is_flow() {
        return Ok(if i + 1 < n {
            d.splice(head, parent.child_head(i + 1), "")
        } else {
            d.splice(parent.child_end(i - 1), parent.child_end(i), "")
        });
    }
    if !at_line_start(src, head) {
        return match i + 1 < n {
            true => Ok(d.splice(head, parent.child_head(i + 1), "")),
            false => Err(unsupported(format!("{path:?} shares its line"))),
        };
    }
    let (mut a, b) = (line_start(src, head), next_line(src, parent.child_end(i)));
    if b == src.len() && !src.ends_with('\n') && src[..a].ends_with('\n') {
        // The file ends without a line break: keep it so by removing the one before.
        a -= if src[..a].ends_with("\r\n") { 2 } else { 1 };
    }
    Ok(d.splice(a, b, ""))
}

pub(super) fn move_item(
    doc: &str,
    path: &[Seg],
    from: usize,
    to: usize,
) -> Result<String, PatchError> {
    let d = Doc::parse(doc)?;
    let (chain, idx) = walk(&d.root, path)?;
    let node = chain[chain.len() - 1];
    let Kind::Seq { flow, items, .. } = &node.kind else {
        return Err(unsupported(format!("no list at {path:?}")));
    };
    if idx.len() < path.len() || node.special {
        return Err(unsupported(format!("no list to reorder at {path:?}")));
    }
    let src = d.src;
    let mut slots = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let head = node.child_head(i);
        if *flow {
            slots.push((item.start, item.end));
        } else if at_line_start(src, head) {
            slots.push((line_start(src, head), line_end(src, item.end)));
        } else {
            return Err(unsupported(format!("an item of {path:?} shares its line")));
        }
    }
    if from >= slots.len() || to >= slots.len() {
        return Err(unsupported(format!("index out of range in {path:?}")));
    }
    let mut texts: Vec<&str> = slots.iter().map(|(a, b)| &src[*a..*b]).collect();
    let t = texts.remove(from);
    texts.insert(to, t);
    let mut out = String::with_capacity(src.len());
    let mut pos = 0;
    for ((a, b), t) in slots.iter().zip(texts) {
        out.push_str(&src[pos..*a]);
        out.push_str(t);
        pos = *b;
    }
    out.push_str(&src[pos..]);
    Ok(out)
}
