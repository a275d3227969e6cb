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

fn key(k: &str) -> Seg {
    Seg::Key(k.into())
}

fn s(v: &str) -> Value {
    Value::Str(v.into())
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)).unwrap()
}

fn front(rel: &str) -> String {
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
fn sorted_insert_puts_a_month_in_calendar_order() {
    let doc = front("content/ita/2567/o15/index.md");
    let path = [key("months"), key("2566-12")];
    let j = parse_json(&doc).unwrap();
    let dec = value_of(lookup(&j, &path).unwrap());
    let without = remove(&doc, &path).unwrap();
    assert!(!without.contains("2566-12"));
    let back = set(&without, &path, &dec, true).unwrap();
    // The sibling months are a block list of one-line maps: the new month is written the same.
    assert_eq!(back, doc);
    let end = set(&without, &path, &dec, false).unwrap();
    assert!(end.find("2566-12:").unwrap() > end.find("2567-03:").unwrap());
}

#[test]
fn a_month_without_work_becomes_a_list_of_files() {
    let doc = front("content/ita/2567/o15/index.md");
    let file = |f: &str, t: &str| Value::Map(vec![("file".into(), s(f)), ("title".into(), s(t))]);
    let v = Value::List(vec![
        file("2566-11/a.pdf", "สขร.1 พฤศจิกายน 2566 (PDF)"),
        file("2566-11/a.xlsx", "สขร.1: Excel"),
    ]);
    let out = set(&doc, &[key("months"), key("2566-11")], &v, false).unwrap();
    let want = "  2566-11:\n    - { file: 2566-11/a.pdf, title: สขร.1 พฤศจิกายน 2566 (PDF) }\n    - { file: 2566-11/a.xlsx, title: \"สขร.1: Excel\" }\n";
    assert_eq!(
        out,
        doc.replace("  2566-11: { none: ไม่มีการจัดซื้อจัดจ้าง }\n", want)
    );
    // And back: a map of scalars where the siblings write it as a one-line flow map.
    let none = Value::Map(vec![("none".into(), s("ไม่มีการจัดซื้อจัดจ้าง"))]);
    assert_eq!(
        set(&out, &[key("months"), key("2566-11")], &none, false).unwrap(),
        doc
    );
}

#[test]
fn a_row_is_appended_in_the_style_of_the_rows() {
    let doc = read("content/ita/2567/o01/executives.yaml");
    let row = Value::Map(vec![
        ("name".into(), s("ร.ต.อ.ทดสอบ ใจดี")),
        ("position".into(), s("สารวัตรสอบสวน")),
        ("photo".into(), s("photos/new.jpg")),
        ("phone".into(), s("054-591-107")),
    ]);
    let out = set(&doc, &[key("rows"), Seg::Index(6)], &row, false).unwrap();
    let added = "  - name: ร.ต.อ.ทดสอบ ใจดี\n    position: สารวัตรสอบสวน\n    photo: photos/new.jpg\n    phone: \"054-591-107\"\n";
    assert_eq!(out, format!("{doc}{added}"));
    assert!(set(&doc, &[key("rows"), Seg::Index(8)], &row, false).is_err());
}

#[test]
fn removing_an_officer_keeps_the_other_officers_comments() {
    let doc = read("content/site.yaml");
    let out = remove(&doc, &[key("officers"), key("wittaya")]).unwrap();
    let gone = "  wittaya:\n    name: จ.ส.ต.วิทยา ปินนะ\n    position: ผบ.หมู่ (ธุรการ) งานอำนวยการ\n";
    assert_eq!(out, doc.replace(gone, ""));
    assert!(out.contains("  # เจ้าหน้าที่ งานอำนวยการ\n  supachai:"));
    assert_eq!(
        remove(&doc, &[key("officers"), key("nobody")]).unwrap(),
        doc
    );
}

#[test]
fn quoting_style_and_raw_values_are_kept() {
    let doc = read("content/site.yaml");
    let out = set(&doc, &[key("contact"), key("phone")], &s("081"), false).unwrap();
    assert_eq!(out, doc.replace("phone: \"054-591-111\"", "phone: \"081\""));
    let o06 = front("content/ita/2567/o07/index.md");
    assert!(o06.contains("updated: 2567-04-05\n"));
    let out = set(
        &o06,
        &[key("updated")],
        &Value::Raw("2569-12-02".into()),
        false,
    )
    .unwrap();
    assert_eq!(
        out,
        o06.replace("updated: 2567-04-05\n", "updated: 2569-12-02\n")
    );
    // Equal as read: nothing to do.
    assert_eq!(
        set(&o06, &[key("updated")], &s("2567-04-05"), false).unwrap(),
        o06
    );
    assert_eq!(
        set(
            &doc,
            &[key("contact"), key("phone")],
            &s("054-591-111"),
            false
        )
        .unwrap(),
        doc
    );
    assert!(set(&o06, &[key("updated")], &Value::Raw("a: b".into()), false).is_err());
}

#[test]
fn strings_that_need_quotes_get_them() {
    let doc = "a: x\nb: [p, q]\n";
    for v in [
        "a: b # not a comment",
        "054",
        "true",
        "yes",
        "null",
        "~",
        "",
        " lead",
        "- x",
        "2567-04-05",
        "1e3",
        "12:30",
        "#",
        "[x]",
        "'",
        "\"",
        "x\ny",
        "tab\t",
        "\u{feff}",
        "@at",
        "`cmd`",
        "%",
        "0x1F",
        ".5",
        "-1",
        "---",
    ] {
        for path in [
            vec![key("a")],
            vec![key("b"), Seg::Index(1)],
            vec![key("b"), Seg::Index(2)],
        ] {
            let out = set(doc, &path, &s(v), false).unwrap_or_else(|e| panic!("{v:?}: {e}"));
            assert_eq!(
                lookup(&parse_json(&out).unwrap(), &path),
                Some(&Json::String(v.into())),
                "{out}"
            );
        }
    }
    let plain = [
        "สถานีตำรวจภูธรสอง",
        "2566-10/report.pdf",
        "https://x.go.th/?q=1",
        "a-b",
        "x:y",
        "1 หมู่ 2",
    ];
    for v in plain {
        assert_eq!(
            set(doc, &[key("a")], &s(v), false).unwrap(),
            format!("a: {v}\nb: [p, q]\n")
        );
    }
    assert_eq!(
        set(doc, &[key("b"), Seg::Index(2)], &s("a, b"), false).unwrap(),
        "a: x\nb: [p, q, \"a, b\"]\n"
    );
}

#[test]
fn crlf_files_stay_crlf() {
    let doc = front("content/ita/2567/o15/index.md").replace('\n', "\r\n");
    let file = Value::Map(vec![("file".into(), s("x.pdf")), ("title".into(), s("ก"))]);
    let mut out = set(
        &doc,
        &[key("months"), key("2566-11")],
        &Value::List(vec![file.clone()]),
        false,
    )
    .unwrap();
    out = set(
        &out,
        &[key("months"), key("2567-04")],
        &Value::List(vec![file.clone()]),
        true,
    )
    .unwrap();
    out = set(
        &out,
        &[key("months"), key("2567-01"), Seg::Index(2)],
        &file,
        false,
    )
    .unwrap();
    out = set(
        &out,
        &[key("published_by")],
        &Value::List(vec![s("a"), s("b")]),
        false,
    )
    .unwrap();
    out = remove(&out, &[key("months"), key("2566-10")]).unwrap();
    out = move_item(&out, &[key("months"), key("2567-03")], 0, 1).unwrap();
    out = set(
        &out,
        &[key("new"), key("deep")],
        &Value::Map(vec![("k".into(), s("v"))]),
        false,
    )
    .unwrap();
    assert_eq!(
        out.matches('\n').count(),
        out.matches("\r\n").count(),
        "{out}"
    );
    assert!(out.contains("new:\r\n  deep:\r\n    k: v\r\n"), "{out}");
}

#[test]
fn lists_set_whole_keep_unchanged_elements() {
    let doc = "l:\n  - { a: 1 }   # first\n  - \"two\"\n  - three # third\n";
    let v = |xs: &[&str]| Value::List(xs.iter().map(|x| s(x)).collect());
    let one = Value::Map(vec![("a".into(), Value::Raw("1".into()))]);
    let out = set(
        doc,
        &[key("l")],
        &Value::List(vec![one.clone(), s("two"), s("three"), s("four")]),
        false,
    )
    .unwrap();
    // A new scalar is written like its nearest sibling (here plain).
    assert_eq!(out, format!("{doc}  - four\n"));
    let out = set(
        doc,
        &[key("l")],
        &Value::List(vec![one.clone(), s("three")]),
        false,
    )
    .unwrap();
    assert_eq!(out, "l:\n  - { a: 1 }   # first\n  - three # third\n");
    let out = set(
        doc,
        &[key("l")],
        &Value::List(vec![one, s("2"), s("three")]),
        false,
    )
    .unwrap();
    assert_eq!(
        out,
        "l:\n  - { a: 1 }   # first\n  - \"2\"\n  - three # third\n"
    );
    let out = set(
        "k: [a, \"b\", c]\n",
        &[key("k")],
        &v(&["a", "b", "x", "c"]),
        false,
    )
    .unwrap();
    assert_eq!(out, "k: [a, \"b\", \"x\", c]\n");
    assert_eq!(
        set("k: [a, b]\n", &[key("k")], &v(&[]), false).unwrap(),
        "k: []\n"
    );
    assert_eq!(
        set("k: []\n", &[key("k")], &v(&["a"]), false).unwrap(),
        "k: [a]\n"
    );
}

#[test]
fn maps_set_whole_keep_unchanged_entries() {
    let doc = read("content/site.yaml");
    let j = parse_json(&doc).unwrap();
    let Value::Map(mut contact) = value_of(&j["contact"]) else {
        panic!()
    };
    contact.retain(|(k, _)| k != "hours");
    contact.push(("fax".into(), s("054-591-112")));
    contact.iter_mut().find(|(k, _)| k == "email").unwrap().1 = s("saraban@police.go.th");
    let out = set(&doc, &[key("contact")], &Value::Map(contact), false).unwrap();
    let hours = doc.lines().find(|l| l.contains("hours:")).unwrap();
    let want = doc
        .replace(&format!("{hours}\n"), "")
        .replace("song@police.go.th", "saraban@police.go.th")
        .replace(
            "  emergency: \"191\"\n",
            "  emergency: \"191\"\n  fax: 054-591-112\n",
        );
    assert_eq!(out, want);
}

#[test]
fn missing_parents_and_empty_documents() {
    assert_eq!(
        set("", &[key("a"), key("b")], &s("c"), false).unwrap(),
        "a:\n  b: c\n"
    );
    assert_eq!(
        set("# only a comment", &[key("a")], &s("c"), false).unwrap(),
        "# only a comment\na: c\n"
    );
    assert_eq!(
        set("a:\nb: 1\n", &[key("a"), Seg::Index(0)], &s("x"), false).unwrap(),
        "a: [x]\nb: 1\n"
    );
    assert_eq!(
        set("a: # note\nb: 1\n", &[key("a"), key("k")], &s("x"), false).unwrap(),
        "a: # note\n  k: x\nb: 1\n"
    );
    assert!(set("a: text\n", &[key("a"), key("k")], &s("x"), false).is_err());
    assert!(set("a: [x]\n", &[key("a"), key("k")], &s("x"), false).is_err());
    let tagged = "a: &anchor\n  k: v\nb: *anchor\nc: !!str 5\n";
    assert!(set(tagged, &[key("a"), key("k")], &s("w"), false).is_err());
    assert!(set(tagged, &[key("b")], &s("w"), false).is_err());
    assert!(set(tagged, &[key("c")], &s("6"), false).is_err());
    assert_eq!(
        set(tagged, &[key("d")], &s("new"), false).unwrap(),
        format!("{tagged}d: new\n")
    );
}

#[test]
fn block_scalars_and_multiline_values() {
    let doc = "a: |\n  one\n  two\n\nb: >-\n  folded\nc: plain\n  continued\n";
    let out = set(doc, &[key("a")], &s("x\ny"), false).unwrap();
    assert_eq!(
        out,
        "a: \"x\\ny\"\n\nb: >-\n  folded\nc: plain\n  continued\n"
    );
    let out = set(doc, &[key("c")], &s("z"), false).unwrap();
    assert_eq!(out, "a: |\n  one\n  two\n\nb: >-\n  folded\nc: z\n");
    assert_eq!(
        remove(doc, &[key("a")]).unwrap(),
        "\nb: >-\n  folded\nc: plain\n  continued\n"
    );
}

#[test]
fn remove_and_move_in_every_style() {
    let doc = "a:\n  - x\n  # about y\n  - y\n  - z # last\nb: [1, 2, 3]\nc: { p: 1, q: 2 }\nd:\n- m\n- n\ne:\n  - k: 1\n    l: 2\n";
    assert_eq!(
        remove(doc, &[key("a"), Seg::Index(0)]).unwrap(),
        doc.replace("  - x\n", "")
    );
    assert_eq!(
        remove(doc, &[key("b"), Seg::Index(2)]).unwrap(),
        doc.replace("[1, 2, 3]", "[1, 2]")
    );
    assert_eq!(
        remove(doc, &[key("b"), Seg::Index(0)]).unwrap(),
        doc.replace("[1, 2, 3]", "[2, 3]")
    );
    assert_eq!(
        remove(doc, &[key("c"), key("p")]).unwrap(),
        doc.replace("{ p: 1, q: 2 }", "{ q: 2 }")
    );
    assert_eq!(
        remove(doc, &[key("e"), Seg::Index(0), key("k")]).unwrap(),
        doc.replace("  - k: 1\n    l: 2", "  - l: 2")
    );
    let out = remove(
        &remove(doc, &[key("d"), Seg::Index(0)]).unwrap(),
        &[key("d"), Seg::Index(0)],
    )
    .unwrap();
    assert_eq!(out, doc.replace("d:\n- m\n- n\n", "d: []\n"));
    let moved = move_item(doc, &[key("a")], 2, 0).unwrap();
    assert_eq!(
        moved,
        doc.replace(
            "  - x\n  # about y\n  - y\n  - z # last\n",
            "  - z # last\n  # about y\n  - x\n  - y\n"
        )
    );
    assert_eq!(
        move_item(doc, &[key("b")], 0, 2).unwrap(),
        doc.replace("[1, 2, 3]", "[2, 3, 1]")
    );
    assert_eq!(
        move_item(doc, &[key("d")], 1, 0).unwrap(),
        doc.replace("- m\n- n\n", "- n\n- m\n")
    );
    assert!(move_item(doc, &[key("a")], 0, 3).is_err());
    assert!(move_item(doc, &[key("c")], 0, 1).is_err());
    // Appending to a list written at its key's column keeps that column.
    let out = set(doc, &[key("d"), Seg::Index(2)], &s("o"), false).unwrap();
    assert_eq!(out, doc.replace("- n\n", "- n\n- o\n"));
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
