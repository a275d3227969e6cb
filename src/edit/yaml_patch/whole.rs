//! Setting a whole map or list element by element, so that what did not change keeps its text:
//! an editor form saves a whole table even when one cell was edited.

use super::ops::{insert_at, remove, set, sub};
use super::tree::Node;
use super::{Json, PatchError, Seg, Value, lookup, parse_json, to_json};

/// Sets each entry of `new` (inserting the missing ones), then removes the keys `new` lacks.
pub(super) fn set_map(
    doc: &str,
    path: &[Seg],
    new: &[(String, Value)],
    sorted: bool,
) -> Result<String, PatchError> {
    let mut out = doc.to_string();
    for (k, v) in new {
        out = set(&out, &sub(path, Seg::Key(k.clone())), v, sorted)?;
    }
    let old: Vec<String> = match lookup(&parse_json(&out)?, path) {
        Some(Json::Object(m)) => m
            .keys()
            .filter(|k| !new.iter().any(|(n, _)| n == *k))
            .cloned()
            .collect(),
        _ => Vec::new(),
    };
    for k in old {
        out = remove(&out, &sub(path, Seg::Key(k)))?;
    }
    Ok(out)
}

/// Whether the list `node` (holding `old`) is set to `new` element by element: not when either
/// is empty, nor when a flow list of scalars becomes one of collections (a block list then).
pub(super) fn by_element(node: &Node, old: &[Json], new: &[Value]) -> bool {
    let to_block = node.is_flow()
        && !old.iter().any(|j| j.is_array() || j.is_object())
        && new
            .iter()
            .any(|v| matches!(v, Value::List(_) | Value::Map(_)));
    node.len() > 0 && !new.is_empty() && !node.special && !to_block
}

enum Op {
    Keep,
    Replace(usize),
    Delete,
    Insert(usize),
}

/// Sets a whole list element by element along a longest common subsequence of the old and new
/// values: equal elements keep their text, a changed one is set in place (a row keeps the
/// fields that did not change), the rest are inserted or removed.
pub(super) fn set_list(
    doc: &str,
    path: &[Seg],
    old: &[Json],
    new: &[Value],
) -> Result<String, PatchError> {
    let newj = new.iter().map(to_json).collect::<Result<Vec<_>, _>>()?;
    let (n, m) = (old.len(), newj.len());
    let mut lcs = vec![vec![0usize; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if old[i] == newj[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut ops, mut dels, mut ins) = (Vec::new(), 0, Vec::new());
    let flush = |ops: &mut Vec<Op>, dels: &mut usize, ins: &mut Vec<usize>| {
        let r = (*dels).min(ins.len());
        ops.extend(ins[..r].iter().map(|j| Op::Replace(*j)));
        ops.extend((r..*dels).map(|_| Op::Delete));
        ops.extend(ins[r..].iter().map(|j| Op::Insert(*j)));
        (*dels, *ins) = (0, Vec::new());
    };
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && old[i] == newj[j] {
            flush(&mut ops, &mut dels, &mut ins);
            ops.push(Op::Keep);
            (i, j) = (i + 1, j + 1);
        } else if j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j]) {
            ins.push(j);
            j += 1;
        } else {
            dels += 1;
            i += 1;
        }
    }
    flush(&mut ops, &mut dels, &mut ins);
    let (mut out, mut k) = (doc.to_string(), 0);
    for op in ops {
        match op {
            Op::Keep => k += 1,
            Op::Replace(j) => {
                out = set(&out, &sub(path, Seg::Index(k)), &new[j], false)?;
                k += 1;
            }
            Op::Delete => out = remove(&out, &sub(path, Seg::Index(k)))?,
            Op::Insert(j) => {
                out = insert_at(&out, path, k, &new[j])?;
                k += 1;
            }
        }
    }
    Ok(out)
}
