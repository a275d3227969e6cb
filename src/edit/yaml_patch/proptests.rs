//! Property tests on the example files: any value set at any path (or at a new key, or at the
//! end of a list) reads back as the old data with that one change, and the text outside the
//! changed node stays as it was; damaged files give errors, never panics or broken output.

use super::tests::{corpus, paths};
use super::tree::{self, line_end, line_start};
use super::*;
use proptest::prelude::*;
use proptest::sample::Index;
use std::sync::OnceLock;

type Target = (Vec<Seg>, bool);

/// The readable documents with every path in them (`true`) and places for new nodes (`false`):
/// a new key in every mapping, the end of every list.
fn targets() -> &'static [(String, Vec<Target>)] {
    static T: OnceLock<Vec<(String, Vec<Target>)>> = OnceLock::new();
    T.get_or_init(|| {
        let mut out = Vec::new();
        for (_, doc) in corpus() {
            let Ok(j) = parse_json(doc) else { continue };
            let mut t: Vec<Target> = Vec::new();
            for p in std::iter::once(Vec::new()).chain(paths(&j)) {
                match lookup(&j, &p) {
                    Some(Json::Object(_)) => {
                        for k in ["zz_new", "ใหม่"] {
                            let mut q = p.clone();
                            q.push(Seg::Key(k.into()));
                            t.push((q, false));
                        }
                    }
                    Some(Json::Array(a)) => {
                        let mut q = p.clone();
                        q.push(Seg::Index(a.len()));
                        t.push((q, false));
                    }
                    _ => {}
                }
                if !p.is_empty() {
                    t.push((p, true));
                }
            }
            out.push((doc.clone(), t));
        }
        out
    })
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "สถานีตำรวจภูธรสอง",
            "054",
            "true",
            "no",
            "null",
            "~",
            "",
            " lead",
            "trail ",
            "a: b",
            "x #y",
            "- item",
            "? q",
            "line1\nline2",
            "2567-04-05",
            "2566-12/report.pdf",
            "[x]",
            "a, b",
            "{",
            "'q'",
            "\"dq\"",
            "back\\slash",
            "#",
            "tab\there",
            "https://x.go.th/?q=1,2",
            "1e3",
            "--- x",
            "รายงาน: สขร.1 # ธันวาคม",
        ])
        .prop_map(String::from),
        "\\PC{0,16}",
        "[ก-ฮa-z0-9 :#,\\-\\[\\]{}\"'\n]{0,12}",
    ]
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "file",
            "title",
            "none",
            "name",
            "ชื่อ",
            "2566-12",
            "a b",
            "k: v",
            "#k",
            "true",
            "1"
        ])
        .prop_map(String::from),
        "[a-zก-ฮ0-9_ :#\\-]{1,8}",
    ]
}

fn value() -> impl Strategy<Value = Value> {
    let raw = prop::sample::select(vec![
        "2569-12-02",
        "42",
        "-7",
        "3.5",
        "true",
        "null",
        "054-1",
    ]);
    let leaf =
        prop_oneof![4 => text().prop_map(Value::Str), 1 => raw.prop_map(|r| Value::Raw(r.into()))];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::List),
            prop::collection::btree_map(key(), inner, 0..4)
                .prop_map(|m| Value::Map(m.into_iter().collect())),
        ]
    })
}

/// Lines `a..b` of `old` (by line index) may change; the others must all be in `new`, in order.
fn keeps_lines(old: &str, new: &str, skip: std::ops::Range<usize>) -> bool {
    let mut rest = new.lines();
    old.lines()
        .enumerate()
        .filter(|(i, _)| !skip.contains(i))
        .all(|(_, l)| rest.any(|n| n == l))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 160, ..ProptestConfig::default() })]

    #[test]
    fn set_changes_the_node_and_nothing_else(d in any::<Index>(), p in any::<Index>(), v in value(), sorted in any::<bool>()) {
        let (doc, ts) = &targets()[d.index(targets().len())];
        let (path, exists) = &ts[p.index(ts.len())];
        let out = set(doc, path, &v, sorted).map_err(|e| TestCaseError::fail(format!("{path:?}: {e}")))?;
        let mut expected = parse_json(doc).unwrap();
        put(&mut expected, path, to_json(&v).unwrap()).unwrap();
        prop_assert_eq!(parse_json(&out).unwrap(), expected, "{}", out);
        // The changed node, or for a new node its parent when that is written in one piece (a
        // flow collection, or empty): the lines it spans may change, no other.
        let root = tree::parse(doc).unwrap().unwrap();
        let (chain, _) = ops::walk(&root, if *exists { path } else { &path[..path.len() - 1] }).unwrap();
        let node = chain[chain.len() - 1];
        let line_of = |pos: usize| doc[..pos].matches('\n').count();
        let from = line_start(doc, node.lead.unwrap_or(node.start).min(node.start));
        let to = line_end(doc, node.end);
        if *exists || node.is_flow() || node.len() == 0 {
            prop_assert!(out.starts_with(&doc[..from]), "{}", out);
            prop_assert!(out.ends_with(&doc[to..]), "{}", out);
            prop_assert!(keeps_lines(doc, &out, line_of(from)..line_of(to) + 1), "{}", out);
        } else {
            prop_assert!(keeps_lines(doc, &out, 0..0), "{}", out);
        }
    }

    #[test]
    fn remove_and_move_keep_the_rest(d in any::<Index>(), p in any::<Index>(), to in any::<Index>()) {
        let (doc, ts) = &targets()[d.index(targets().len())];
        let (path, _) = &ts[p.index(ts.len())];
        let out = remove(doc, path).map_err(|e| TestCaseError::fail(format!("{path:?}: {e}")))?;
        let mut expected = parse_json(doc).unwrap();
        take(&mut expected, path);
        prop_assert_eq!(parse_json(&out).unwrap(), expected);
        let j = parse_json(doc).unwrap();
        if let Some((Seg::Index(i), list)) = path.split_last()
            && let Some(Json::Array(a)) = lookup(&j, list)
            && *i < a.len()
        {
            let to = to.index(a.len());
            let moved = move_item(doc, list, *i, to).map_err(|e| TestCaseError::fail(format!("{path:?}: {e}")))?;
            prop_assert_eq!(move_item(&moved, list, to, *i).unwrap(), doc.clone());
        }
    }

    #[test]
    fn damaged_files_give_errors_or_valid_yaml(d in any::<Index>(), p in any::<Index>(), at in any::<Index>(), ins in "[\\-:#\\[\\]{}'\"|>&*! \n\t\ra-zก]{0,3}", cut in 0usize..3, v in value()) {
        let (doc, ts) = &targets()[d.index(targets().len())];
        let (path, _) = &ts[p.index(ts.len())];
        let mut pos = at.index(doc.len() + 1);
        while !doc.is_char_boundary(pos) {
            pos -= 1;
        }
        let mut end = (pos + cut).min(doc.len());
        while !doc.is_char_boundary(end) {
            end += 1;
        }
        let damaged = format!("{}{ins}{}", &doc[..pos], &doc[end..]);
        let results = [
            set(&damaged, path, &v, false),
            set(&damaged, path, &v, true),
            remove(&damaged, path),
            move_item(&damaged, &path[..path.len().saturating_sub(1)], 0, 1),
        ];
        for out in results.into_iter().flatten() {
            prop_assert!(parse_json(&out).is_ok(), "{}", out);
        }
    }
}
