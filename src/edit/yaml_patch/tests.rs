//! Round trips over every YAML file and front matter of the example site and the fixtures, and
//! the edits `oit edit` makes, checked against the text they must produce.

use super::*;
use std::path::Path;
use std::sync::OnceLock;

/// Every `.yaml`/`.yml` file and every Markdown front matter under `content/` and
/// `tests/fixtures/`, as (name, YAML text).
pub(super) fn corpus() -> &'static [(String, String)] {
    static DOCS: OnceLock<Vec<(String, String)>> = OnceLock::new();
    DOCS.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut docs = Vec::new();
        for dir in ["content", "tests/fixtures"] {
            for e in walkdir::WalkDir::new(root.join(dir)).sort_by_file_name() {
                let e = e.expect("readable directory");
                let p = e.path();
                let ext = p.extension().and_then(|x| x.to_str()).unwrap_or("");
                let Ok(text) = std::fs::read_to_string(p) else {
                    continue;
                };
                let name = p.strip_prefix(root).unwrap().display().to_string();
                match ext {
                    "yaml" | "yml" => docs.push((name, text)),
                    "md" => {
                        if let Some((yaml, _)) = split_front(&text) {
                            docs.push((name, yaml.to_string()));
                        }
                    }
                    _ => {}
                }
            }
        }
        docs
    })
}

/// Every path to a node of `j` (every key at every depth, every list index), root excluded.
pub(super) fn paths(j: &Json) -> Vec<Vec<Seg>> {
    fn go(j: &Json, here: &mut Vec<Seg>, out: &mut Vec<Vec<Seg>>) {
        let children: Vec<(Seg, &Json)> = match j {
            Json::Object(m) => m.iter().map(|(k, v)| (Seg::Key(k.clone()), v)).collect(),
            Json::Array(a) => a
                .iter()
                .enumerate()
                .map(|(i, v)| (Seg::Index(i), v))
                .collect(),
            _ => Vec::new(),
        };
        for (seg, v) in children {
            here.push(seg);
            out.push(here.clone());
            go(v, here, out);
            here.pop();
        }
    }
    let mut out = Vec::new();
    go(j, &mut Vec::new(), &mut out);
    out
}

/// The `Value` that writes `j` back (numbers, booleans and null as `Raw`).
pub(super) fn value_of(j: &Json) -> Value {
    match j {
        Json::String(s) => Value::Str(s.clone()),
        Json::Array(a) => Value::List(a.iter().map(value_of).collect()),
        Json::Object(m) => Value::Map(m.iter().map(|(k, v)| (k.clone(), value_of(v))).collect()),
        other => Value::Raw(other.to_string()),
    }
}

pub(super) fn key(k: &str) -> Seg {
    Seg::Key(k.into())
}

pub(super) fn s(v: &str) -> Value {
    Value::Str(v.into())
}

pub(super) fn read(rel: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)).unwrap()
}

pub(super) fn front(rel: &str) -> String {
    split_front(&read(rel)).unwrap().0.to_string()
}

#[test]
fn setting_every_node_to_its_own_value_changes_nothing() {
    let (mut files, mut bad, mut n) = (0, 0, 0);
    for (name, doc) in corpus() {
        let Ok(j) = parse_json(doc) else {
            bad += 1;
            assert!(set(doc, &[key("x")], &s("y"), false).is_err(), "{name}");
            continue;
        };
        files += 1;
        for p in paths(&j) {
            let v = value_of(lookup(&j, &p).unwrap());
            assert_eq!(set(doc, &p, &v, false).unwrap(), *doc, "{name} {p:?}");
            n += 1;
        }
    }
    eprintln!("round trip: {files} files ({bad} unreadable), {n} paths");
    assert!(files >= 60 && n >= 1500, "{files} files, {n} paths");
}

/// Every scalar changed to another value and back gives the file back byte for byte: the
/// splice, the quoting style kept from the old node, `Raw` numbers and dates.
#[test]
fn every_scalar_there_and_back() {
    let mut n = 0;
    for (name, doc) in corpus() {
        let Ok(j) = parse_json(doc) else { continue };
        for p in paths(&j) {
            let old = lookup(&j, &p).unwrap();
            if old.is_array() || old.is_object() {
                continue;
            }
            let there =
                set(doc, &p, &s("ค่าใหม่"), false).unwrap_or_else(|e| panic!("{name} {p:?}: {e}"));
            assert_ne!(there, *doc);
            // The old text as written: a number keeps its digits (054 is read as 54.0).
            let text = raw_text(doc, &p);
            let back = match old {
                Json::String(v) if !emit::looks_typed(v) || text.starts_with(['"', '\'']) => s(v),
                _ => Value::Raw(text),
            };
            assert_eq!(set(&there, &p, &back, false).unwrap(), *doc, "{name} {p:?}");
            n += 1;
        }
    }
    eprintln!("there and back: {n} scalars");
    assert!(n >= 1000, "{n}");
}

fn raw_text(doc: &str, p: &[Seg]) -> String {
    let root = tree::parse(doc).unwrap().unwrap();
    let (chain, _) = ops::walk(&root, p).unwrap();
    let node = chain[chain.len() - 1];
    doc[node.start..node.end].to_string()
}

#[test]
fn broken_yaml_is_an_error_not_a_panic() {
    let broken = [
        "a: [1, 2\n",
        "a: {b: 1\n",
        "a: \"unterminated\n",
        "a: 1\n b: 2\n",
        "a:\n  - x\n y: 1\n",
        "a: 1\na: 2\n",
        "a: 'x\n",
        "- a\nb: 1\n",
        "a: *nowhere\n",
        "a: b: c\n",
        "a: 1\n---\nb: 2\n",
        "a:\r  b: 1\r",
    ];
    for doc in broken {
        assert!(set(doc, &[key("a")], &s("z"), false).is_err(), "{doc:?}");
        assert!(set(doc, &[key("q")], &s("z"), true).is_err(), "{doc:?}");
        assert!(remove(doc, &[key("a")]).is_err(), "{doc:?}");
        assert!(move_item(doc, &[key("a")], 0, 1).is_err(), "{doc:?}");
    }
}

#[test]
fn front_matter_splits_and_joins_exactly() {
    for md in [
        "---\ntitle: a\n---\nbody\n",
        "\u{feff}---\r\ntitle: a\r\n---  \r\nbody",
        "---\n---\n",
        "---\ntitle: a\n---",
    ] {
        let (yaml, body) = split_front(md).unwrap();
        assert_eq!(join_front(md, yaml, body), md);
    }
    assert_eq!(
        split_front("\u{feff}---\r\nt: a\r\n---\r\nb"),
        Some(("t: a\r\n", "b"))
    );
    assert_eq!(split_front("title: a\n"), None);
    assert_eq!(split_front("---\ntitle: a\n"), None);
    assert_eq!(
        join_front("---\nt: 1\n---\nb\n", "t: 2", "b\n"),
        "---\nt: 2\n---\nb\n"
    );
    assert_eq!(
        join_front("no front matter", "t: 2\n", "body"),
        "---\nt: 2\n---\nbody"
    );
    for (name, text) in corpus().iter().filter(|(n, _)| n.ends_with(".md")) {
        let md = read(name);
        let (yaml, body) = split_front(&md).unwrap();
        assert_eq!(yaml, text);
        assert_eq!(join_front(&md, yaml, body), md);
    }
}
