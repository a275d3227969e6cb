//! The edits `oit edit` makes, on the example files, checked against the exact text they must
//! produce; and the corners: quoting, CRLF, block scalars, empty documents, anchors.

use super::tests::{front, key, read, s, value_of};
use super::*;

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
    // A flow list of file names that becomes a list of file maps is written as a block list.
    let doc = "months:\n  2566-10: [a.pdf, b.pdf] # two\n  2566-11: { none: x }\n";
    let v = Value::List(vec![file("a.pdf", "ก"), file("b.pdf", "ข")]);
    let out = set(doc, &[key("months"), key("2566-10")], &v, false).unwrap();
    let want = "months:\n  2566-10: # two\n    - { file: a.pdf, title: ก }\n    - { file: b.pdf, title: ข }\n  2566-11: { none: x }\n";
    assert_eq!(out, want);
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
    // Single quotes stay single; a key that needs quotes gets them.
    let out = set("a: 'x'\n", &[key("a")], &s("it's"), false).unwrap();
    assert_eq!(out, "a: 'it''s'\n");
    let out = set("a: 'x'\n", &[key("a")], &s("two\nlines"), false).unwrap();
    assert_eq!(out, "a: \"two\\nlines\"\n");
    let out = set("a: 1\n", &[key("k: v")], &s("x"), false).unwrap();
    assert_eq!(out, "a: 1\n\"k: v\": x\n");
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
fn odd_documents() {
    // A byte order mark stays first when a key is inserted before the first one.
    // A comment is about the key below it, unless it opens the file.
    let doc = "# header\nb: 1\n# about d\nd: 2\n";
    let out = set(doc, &[key("a")], &s("x"), true).unwrap();
    assert_eq!(out, "# header\na: x\nb: 1\n# about d\nd: 2\n");
    let out = set(doc, &[key("c")], &s("x"), true).unwrap();
    assert_eq!(out, "# header\nb: 1\nc: x\n# about d\nd: 2\n");
    let bom = "\u{feff}b: 1\nc: 2\n";
    assert_eq!(
        set(bom, &[key("a")], &s("0"), true).unwrap(),
        "\u{feff}a: \"0\"\nb: 1\nc: 2\n"
    );
    assert_eq!(remove(bom, &[key("b")]).unwrap(), "\u{feff}c: 2\n");
    // A whole flow document is edited as flow.
    let flow = "{ a: 1, c: [x] }";
    assert_eq!(
        set(flow, &[key("b")], &s("v"), true).unwrap(),
        "{ a: 1, b: v, c: [x] }"
    );
    assert_eq!(
        set(flow, &[key("c"), Seg::Index(1)], &s("z"), false).unwrap(),
        "{ a: 1, c: [x, z] }"
    );
    assert_eq!(remove(flow, &[key("a")]).unwrap(), "{ c: [x] }");
    // No final line break: none is added.
    assert_eq!(
        set("a: 1\nb: 2", &[key("c")], &s("3"), false).unwrap(),
        "a: 1\nb: 2\nc: \"3\""
    );
    assert_eq!(remove("a: 1\nb: 2", &[key("b")]).unwrap(), "a: 1");
    // A Raw value must be a plain scalar: a comment or a quoted text is not one.
    for raw in ["#x", "\"q\"", "", " 1", "a: b", "[1]", "- 1"] {
        assert!(
            set("a:\n", &[key("a")], &Value::Raw(raw.into()), false).is_err(),
            "{raw:?}"
        );
    }
    // An explicit document start, and keys after a list at the key's column.
    let doc = "---\nl:\n- a\nm: 1\n";
    assert_eq!(
        set(doc, &[key("l"), Seg::Index(0)], &s("b"), false).unwrap(),
        "---\nl:\n- b\nm: 1\n"
    );
    assert_eq!(
        set("---\n", &[key("a")], &s("b"), false).unwrap(),
        "---\na: b\n"
    );
    // Items written on the line after their dash, and an empty item.
    let doc = "l:\n  -\n    k: v\n  -\n";
    let out = set(doc, &[key("l"), Seg::Index(0), key("k")], &s("w"), false).unwrap();
    assert_eq!(out, "l:\n  -\n    k: w\n  -\n");
    let out = set(doc, &[key("l"), Seg::Index(1)], &s("x"), false).unwrap();
    assert_eq!(out, "l:\n  -\n    k: v\n  - x\n");
}
