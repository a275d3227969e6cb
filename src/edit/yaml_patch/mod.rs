//! Lossless YAML patching for `oit edit`: a save changes the few values the webmaster edited and
//! leaves every other byte of the hand-written file as it was (comments, key order, quoting,
//! flow or block style, blank lines), so the diff a station reviews is the edit and nothing else.
//!
//! The text is never re-serialised: the parser's spans (`tree`) say where the changed node is,
//! only that range is rewritten (`ops`) with new text in the file's own style (`emit`). Every
//! result is parsed again and compared with the expected data (the old data with the one change
//! made), so a construct this module gets wrong is an error and never a silently broken file.

mod emit;
mod ops;
#[cfg(test)]
mod proptests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_edits;
mod tree;
mod whole;

use serde_json::Value as Json;
use std::fmt;

/// One step of a path into a YAML document.
#[derive(Debug, Clone, PartialEq)]
pub enum Seg {
    Key(String),
    Index(usize),
}

/// A value to write. `Str` is a string (quoted only if a plain scalar would not read back as the
/// same string); `Raw` is written exactly as given (dates like 2567-04-05, numbers) and must be a
/// valid plain scalar.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Str(String),
    Raw(String),
    List(Vec<Value>),
    Map(Vec<(String, Value)>),
}

#[derive(Debug)]
pub enum PatchError {
    /// The document is not YAML the project reads (the text names the line).
    Unparsable(String),
    /// Valid YAML, but not a change this module makes without touching other text: the path goes
    /// through a scalar or out of a list, an anchor, alias or tag is in the way, a `Raw` value is
    /// not a plain scalar, or the result would not read back as expected.
    Unsupported(String),
}

impl fmt::Display for PatchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PatchError::Unparsable(m) => write!(f, "the YAML cannot be read: {m}"),
            PatchError::Unsupported(m) => write!(f, "the YAML cannot be changed in place: {m}"),
        }
    }
}

impl std::error::Error for PatchError {}

/// Sets the node at `path` to `value`. A missing mapping key is inserted after the last entry of
/// its mapping (before comments and blank lines that belong to what follows), or with
/// `sorted_insert` before the first sibling key that sorts after it (`months:` keys stay in
/// calendar order). `Index(n)` with `n` the list's length appends. A value equal to the current
/// one (as parsed: `"054"` and `Str("054")`) returns `doc` unchanged; a list or map set whole
/// keeps the text of its unchanged elements. A `Str` that reads as a date or number plain is
/// quoted: dates and numbers the file should hold as such are given as `Raw`.
///
/// A missing key or a null on the way is created as a mapping (`Index(0)`: a list). Errors:
/// `Unparsable` for a file the project cannot read (a `set` must not "repair" it), `Unsupported`
/// when the path goes through a scalar or past the end of a list, an anchor, alias or tag is at
/// or above the node, or the result would not read back as the old data with this one change.
pub fn set(
    doc: &str,
    path: &[Seg],
    value: &Value,
    sorted_insert: bool,
) -> Result<String, PatchError> {
    let before = parse_json(doc)?;
    let target = to_json(value)?;
    if lookup(&before, path) == Some(&target) {
        return Ok(doc.to_string());
    }
    let mut expected = before.clone();
    put(&mut expected, path, target)?;
    let out = ops::set_parsed(doc, &before, path, value, sorted_insert)?;
    check(&out, &expected)
}

/// Removes the node at `path` (a mapping entry with its key, or a list element). A missing path
/// leaves `doc` unchanged.
pub fn remove(doc: &str, path: &[Seg]) -> Result<String, PatchError> {
    let mut expected = parse_json(doc)?;
    if path.is_empty() {
        return Err(PatchError::Unsupported(
            "removing the whole document".into(),
        ));
    }
    if !take(&mut expected, path) {
        return Ok(doc.to_string());
    }
    let out = ops::remove(doc, path)?;
    check(&out, &expected)
}

/// Moves list element `from` to position `to` within the list at `path`; each element keeps its
/// own text, comments and blank lines between elements stay where they are.
pub fn move_item(doc: &str, path: &[Seg], from: usize, to: usize) -> Result<String, PatchError> {
    let mut expected = parse_json(doc)?;
    let Some(Json::Array(list)) = lookup_mut(&mut expected, path) else {
        return Err(PatchError::Unsupported(format!("no list at {path:?}")));
    };
    if from >= list.len() || to >= list.len() {
        return Err(PatchError::Unsupported(format!(
            "index out of range in {path:?}"
        )));
    }
    if from == to {
        return Ok(doc.to_string());
    }
    let item = list.remove(from);
    list.insert(to, item);
    let out = ops::move_item(doc, path, from, to)?;
    check(&out, &expected)
}

/// Splits a Markdown file `---\n<yaml>---\n<body>` (also with CRLF and a byte order mark) into
/// its YAML and its body; `None` without front matter. The closing fence is a line that is `---`
/// once trailing spaces are trimmed, as `yaml::split_front_matter` reads it.
pub fn split_front(md: &str) -> Option<(&str, &str)> {
    let (y, e, b) = front_parts(md)?;
    Some((&md[y..e], &md[b..]))
}

/// Puts `yaml` and `body` back between the fences of `md`, the file they were split from (its
/// byte order mark and fence lines are kept as they were): `join_front(md, yaml, body) == md`
/// for `(yaml, body) = split_front(md)`. Without front matter in `md`, plain `---` fences are
/// written. A line break is added to a `yaml` that does not end with one.
pub fn join_front(md: &str, yaml: &str, body: &str) -> String {
    let nl = if yaml.contains("\r\n") || md.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let fence = format!("---{nl}");
    let (open, close) = match front_parts(md) {
        Some((y, e, b)) => (&md[..y], &md[e..b]),
        None => (fence.as_str(), fence.as_str()),
    };
    let end = if !yaml.is_empty() && !yaml.ends_with('\n') {
        nl
    } else {
        ""
    };
    [open, yaml, end, close, body].concat()
}

/// Byte offsets of the YAML's start and end and of the body's start.
fn front_parts(md: &str) -> Option<(usize, usize, usize)> {
    let bom = if md.starts_with('\u{feff}') { 3 } else { 0 };
    let rest = md[bom..].strip_prefix("---")?;
    let open = bom
        + 3
        + if rest.starts_with("\r\n") {
            2
        } else if rest.starts_with('\n') {
            1
        } else {
            return None;
        };
    let mut offset = open;
    for chunk in md[open..].split_inclusive('\n') {
        if chunk.trim_end() == "---" {
            return Some((open, offset, offset + chunk.len()));
        }
        offset += chunk.len();
    }
    None
}

/// Parses `text` as the project does (`yaml::parse`): strict booleans, duplicate keys refused.
fn parse_json(text: &str) -> Result<Json, PatchError> {
    let options = serde_saphyr::options! {
        with_snippet: false,
        strict_booleans: true,
        duplicate_keys: serde_saphyr::DuplicateKeyPolicy::Error,
    };
    serde_saphyr::from_str_with_options(text, options)
        .map_err(|e| PatchError::Unparsable(e.to_string()))
}

/// The data `v` stands for, as `parse_json` would read it once written.
fn to_json(v: &Value) -> Result<Json, PatchError> {
    Ok(match v {
        Value::Str(s) => Json::String(s.clone()),
        Value::Raw(r) => match parse_json(r) {
            Ok(j) if !j.is_array() && !j.is_object() && emit::plain_syntax(r, false, true) => j,
            _ => {
                return Err(PatchError::Unsupported(format!(
                    "{r:?} is not a plain YAML scalar"
                )));
            }
        },
        Value::List(items) => Json::Array(items.iter().map(to_json).collect::<Result<_, _>>()?),
        Value::Map(entries) => {
            let mut map = serde_json::Map::new();
            for (k, v) in entries {
                if map.insert(k.clone(), to_json(v)?).is_some() {
                    return Err(PatchError::Unsupported(format!("key {k:?} given twice")));
                }
            }
            Json::Object(map)
        }
    })
}

fn lookup<'j>(mut j: &'j Json, path: &[Seg]) -> Option<&'j Json> {
    for seg in path {
        j = match (seg, j) {
            (Seg::Key(k), Json::Object(m)) => m.get(k)?,
            (Seg::Index(i), Json::Array(a)) => a.get(*i)?,
            _ => return None,
        };
    }
    Some(j)
}

fn lookup_mut<'j>(mut j: &'j mut Json, path: &[Seg]) -> Option<&'j mut Json> {
    for seg in path {
        j = match (seg, j) {
            (Seg::Key(k), Json::Object(m)) => m.get_mut(k)?,
            (Seg::Index(i), Json::Array(a)) => a.get_mut(*i)?,
            _ => return None,
        };
    }
    Some(j)
}

/// Sets `path` in `j` the way `ops::set` does in the text: missing keys and a null on the way
/// become mappings (lists for `Index(0)`), `Index(len)` appends.
fn put(j: &mut Json, path: &[Seg], v: Json) -> Result<(), PatchError> {
    let Some((seg, rest)) = path.split_first() else {
        *j = v;
        return Ok(());
    };
    if j.is_null() {
        *j = match seg {
            Seg::Key(_) => Json::Object(serde_json::Map::new()),
            Seg::Index(_) => Json::Array(Vec::new()),
        };
    }
    let child = match (seg, j) {
        (Seg::Key(k), Json::Object(m)) => m.entry(k.clone()).or_insert(Json::Null),
        (Seg::Index(i), Json::Array(a)) if *i <= a.len() => {
            if *i == a.len() {
                a.push(Json::Null);
            }
            &mut a[*i]
        }
        _ => return Err(PatchError::Unsupported(format!("no place for {path:?}"))),
    };
    put(child, rest, v)
}

/// Removes `path` from `j`; false when it is not there.
fn take(j: &mut Json, path: &[Seg]) -> bool {
    let Some((last, parent)) = path.split_last() else {
        return false;
    };
    match (last, lookup_mut(j, parent)) {
        (Seg::Key(k), Some(Json::Object(m))) => m.remove(k).is_some(),
        (Seg::Index(i), Some(Json::Array(a))) if *i < a.len() => {
            a.remove(*i);
            true
        }
        _ => false,
    }
}

/// `out` if it reads back as `expected`: the guard that no patch leaves a broken or changed file.
fn check(out: &str, expected: &Json) -> Result<String, PatchError> {
    match parse_json(out) {
        Ok(j) if &j == expected => Ok(out.to_string()),
        Ok(_) => Err(PatchError::Unsupported(
            "the edited text would not read back as intended".into(),
        )),
        Err(e) => Err(PatchError::Unsupported(format!(
            "the edited text would not parse: {e}"
        ))),
    }
}
