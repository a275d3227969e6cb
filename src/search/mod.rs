//! Thai search that works offline and from disk. Thai has no spaces between words, so words are
//! segmented at build time, and the index is a `.js` file loaded by a `<script>` tag (fetch() is
//! blocked on file://). The browser segments the query with `Intl.Segmenter`, which splits some
//! words differently, so the page matches query words as substrings of indexed words and of the
//! text.
//!
//! Each Thai run is split with ICU4X's dictionary segmenter first, and only where its answer is
//! visibly broken (see `broken_thai_word`: the dictionary turns the common `ผลการ` into
//! `ผลก|า|ร…`) is the text split again with its LSTM model: the broken stretch, or the whole run
//! when that is still broken. Measured on the example station's 1,397 Thai runs against the
//! browser's segmenter (ICU4C): boundary precision / recall 0.992 / 0.985 with the whole run sent
//! to the LSTM, 0.956 / 0.971 for the dictionary alone (65 runs broken), 0.933 / 0.918 for the
//! LSTM alone. The dictionary is ~70× faster than the LSTM, which was ~85 % of a build's CPU
//! time. Of the example's 875 Thai index words, 812 are also words of the browser's segmenter on
//! the same text (882 / 814 when every broken run went to the LSTM whole).
use crate::memo::TextMemo;
use icu_segmenter::options::WordBreakInvariantOptions;
use icu_segmenter::{WordSegmenter, WordSegmenterBorrowed};
use rayon::prelude::*;
use serde::Serialize;
use std::borrow::Cow;
use std::sync::Arc;

/// Words of `text`, lower-cased, in order (punctuation and spaces dropped).
pub fn segment(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    segment_each(text, &mut |w| words.push(w.into_owned()));
    words
}

/// `segment`, handing each word to `emit`: borrowed from `text` where lower-casing leaves it as
/// it is (every Thai word), so indexing a page allocates only its distinct words.
fn segment_each<'t>(text: &'t str, emit: &mut impl FnMut(Cow<'t, str>)) {
    let dict = WordSegmenter::new_dictionary(WordBreakInvariantOptions::default());
    for (thai, run) in script_runs(text) {
        // Most runs between Thai ones are a space or punctuation: no word in them.
        if !thai && !run.chars().any(char::is_alphanumeric) {
            continue;
        }
        let found = words_of(&dict, run);
        if !thai {
            for w in found {
                emit(lowercase(w));
            }
        } else if !found.iter().any(|w| broken_thai_word(w)) {
            // Thai letters have no case.
            found.into_iter().map(Cow::Borrowed).for_each(&mut *emit);
        } else {
            let mended = mend(found);
            // The LSTM reads a short stretch less well than a whole run: when the mended words
            // are still broken, the whole run goes to the LSTM.
            if mended.iter().any(|w| broken_thai_word(w)) {
                lstm_words(run)
                    .into_iter()
                    .map(Cow::Owned)
                    .for_each(&mut *emit);
            } else {
                mended.into_iter().for_each(&mut *emit);
            }
        }
    }
}

/// `w` lower-cased, borrowed when that changes nothing (ASCII without capitals).
fn lowercase(w: &str) -> Cow<'_, str> {
    if w.is_ascii() && !w.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Borrowed(w)
    } else {
        Cow::Owned(crate::thai::lowercase(w))
    }
}

/// The dictionary's words of a Thai run, with each stretch it broke (a broken word and one word
/// either side, where the dictionary lost its way and found it again) split again by the LSTM:
/// the LSTM's cost grows with the text it reads, and most of a run is usually fine.
fn mend(found: Vec<&str>) -> Vec<Cow<'_, str>> {
    let n = found.len();
    let mut redo = vec![false; n];
    for (i, w) in found.iter().enumerate() {
        if broken_thai_word(w) {
            redo[i.saturating_sub(1)..(i + 2).min(n)].fill(true);
        }
    }
    let mut out = Vec::with_capacity(n);
    let mut stretch = String::new();
    for (w, redo) in found.into_iter().zip(redo) {
        if redo {
            stretch.push_str(w);
            continue;
        }
        if !stretch.is_empty() {
            out.extend(
                lstm_words(&std::mem::take(&mut stretch))
                    .into_iter()
                    .map(Cow::Owned),
            );
        }
        out.push(Cow::Borrowed(w));
    }
    if !stretch.is_empty() {
        out.extend(lstm_words(&stretch).into_iter().map(Cow::Owned));
    }
    out
}

/// The LSTM's words for a stretch of Thai, remembered for the whole process: the stretches the
/// dictionary breaks are common phrases (ผลการดำเนินงาน, จัดซื้อจัดจ้าง) that recur on page after page and
/// station after station, and the LSTM costs ~70× the dictionary.
fn lstm_words(run: &str) -> Vec<String> {
    static CACHE: TextMemo<Vec<String>> = TextMemo::new(100_000);
    CACHE.get_or(run, || {
        let lstm = WordSegmenter::new_lstm(WordBreakInvariantOptions::default());
        // Thai only: nothing to lower-case.
        words_of(&lstm, run)
            .into_iter()
            .map(str::to_owned)
            .collect()
    })
}

/// The word-like pieces `seg` cuts `text` into, as they stand in it.
fn words_of<'t>(seg: &WordSegmenterBorrowed<'static>, text: &'t str) -> Vec<&'t str> {
    let mut words = Vec::new();
    let mut iter = seg.segment_str(text);
    let mut last = 0;
    while let Some(i) = iter.next() {
        if i > last && iter.is_word_like() {
            let w = text[last..i].trim();
            if !w.is_empty() {
                words.push(w);
            }
        }
        last = i;
    }
    words
}

/// `text` cut into maximal runs of Thai and of everything else, each tagged `true` when Thai.
fn script_runs(text: &str) -> Vec<(bool, &str)> {
    let mut runs = Vec::new();
    let mut start = 0;
    let mut current = None;
    for (i, c) in text.char_indices() {
        let thai = crate::thai::is_thai(c);
        match current {
            Some(t) if t != thai => {
                runs.push((t, &text[start..i]));
                start = i;
                current = Some(thai);
            }
            None => current = Some(thai),
            _ => {}
        }
    }
    if let Some(t) = current {
        runs.push((t, &text[start..]));
    }
    runs
}

/// Whether the segmenter visibly cut through a syllable: no Thai word begins with a following
/// vowel, `ั`, an above/below vowel or a tone mark, nor ends with a leading vowel (เ แ โ ใ ไ),
/// with `ั`, or with `ึ`/`ื` (with or without a tone mark), which always want a consonant after
/// them; a lone consonant is suspect too (it is how the dictionary leaves a stray consonant).
fn broken_thai_word(w: &str) -> bool {
    let mut chars = w.chars().map(u32::from);
    let Some(first) = chars.next() else {
        return false;
    };
    if matches!(first, 0x0E30..=0x0E3A | 0x0E45 | 0x0E47..=0x0E4E) {
        return true;
    }
    let mut back = chars.rev();
    let Some(last) = back.next() else {
        // A lone consonant (not a Thai digit or sign).
        return (0x0E01..=0x0E2E).contains(&first);
    };
    // The character before a final tone mark (never the first one: that was looked at above).
    let before_tone = if (0x0E48..=0x0E4B).contains(&last) {
        back.next()
    } else {
        Some(last)
    };
    matches!(last, 0x0E40..=0x0E44 | 0x0E31) || matches!(before_tone, Some(0x0E36 | 0x0E37))
}

/// `segment`, remembered by text while the document memo is on (`serve`): a save changes one
/// page's text, and the others need not be segmented again.
fn remembered_segment(text: &str) -> Vec<String> {
    // A preview's pages, and their earlier versions.
    static CACHE: TextMemo<Vec<String>> = TextMemo::new(10_000);
    // Their phrases: no word, Thai run or LSTM input crosses white space, so a changed page is
    // segmented phrase by phrase and only its new phrases cost anything.
    static PHRASES: TextMemo<Vec<String>> = TextMemo::new(200_000);
    if !crate::memo::enabled() {
        return segment(text);
    }
    CACHE.get_or(text, || {
        text.split_whitespace()
            .flat_map(|phrase| PHRASES.get_or(phrase, || segment(phrase)))
            .collect()
    })
}

/// One searchable page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Doc {
    /// Title shown in results.
    pub t: String,
    /// Item code (`O14`) or empty.
    pub c: String,
    /// URL relative to the site root.
    pub u: String,
    /// Plain text for snippets (cut to keep the index small).
    pub x: String,
}

/// Words in order, written as a JSON object.
struct Words<'a>(Vec<(&'a str, &'a [usize])>);

impl Serialize for Words<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().map(|(w, d)| (w, d)))
    }
}

const SNIPPET_TEXT_CHARS: usize = 4000;

/// `search-index.js`: `window.OIT_SEARCH = {...};`. Deterministic (sorted words, stable docs).
pub fn build_index(docs: &[Doc]) -> String {
    // `serve`: most saves leave every page's text as it was.
    static LAST: crate::memo::Keyed<Vec<Doc>, String> = crate::memo::Keyed::new();
    if !crate::memo::enabled() {
        return index_of(docs);
    }
    LAST.get_or_ref("", docs, index_of)
}

/// The distinct words of a page (title, text and item code), sorted; remembered per page for
/// `serve`, where every page but the edited one is a lookup.
fn doc_words(d: &Doc) -> Arc<Vec<String>> {
    static PAGES: crate::memo::Keyed<Doc, Arc<Vec<String>>> = crate::memo::Keyed::new();
    PAGES.get_or_ref(&d.u, d, |_| {
        let mut all = remembered_segment(&d.t);
        all.extend(remembered_segment(&d.x));
        all.push(d.c.to_lowercase());
        all.sort_unstable();
        all.dedup();
        all.retain(|w| !w.is_empty());
        Arc::new(all)
    })
}

/// The words of a page (title, text and item code) as they come, repeats and all: a build
/// gathers them straight into the word map (sorting each page's words first cost more), and
/// borrows every word that lower-casing leaves as it is.
fn page_words(d: &Doc) -> Vec<Cow<'_, str>> {
    let mut all = Vec::new();
    segment_each(&d.t, &mut |w| all.push(w));
    segment_each(&d.x, &mut |w| all.push(w));
    all.push(lowercase(&d.c));
    all
}

/// Word → the documents (by position) that contain it.
type WordMap = std::collections::BTreeMap<String, Vec<usize>>;

/// `serve`'s last index: each document's words, and the word map made of them.
static LAST_WORDS: std::sync::Mutex<Option<Merged>> = std::sync::Mutex::new(None);

/// Each document's words, and the word map made of them.
type Merged = (Vec<Arc<Vec<String>>>, WordMap);

/// The word map of `per_doc`, brought up to date from the last one: only the documents whose
/// words changed (a new `Arc` from `doc_words`) move in it. Same documents count, or all anew.
fn merged_incrementally(per_doc: &[Arc<Vec<String>>]) -> LastWords {
    let mut last = LAST_WORDS.lock().unwrap_or_else(|e| e.into_inner());
    let mut map = match last.take() {
        Some((before, mut map)) if before.len() == per_doc.len() => {
            for (i, (old, new)) in before.iter().zip(per_doc).enumerate() {
                if Arc::ptr_eq(old, new) {
                    continue;
                }
                for w in old.iter() {
                    if let Some(list) = map.get_mut(w) {
                        list.retain(|&d| d != i);
                        if list.is_empty() {
                            map.remove(w);
                        }
                    }
                }
                for w in new.iter() {
                    let list = map.entry(w.clone()).or_default();
                    if let Err(at) = list.binary_search(&i) {
                        list.insert(at, i);
                    }
                }
            }
            map
        }
        _ => {
            let mut map = WordMap::new();
            for (i, ws) in per_doc.iter().enumerate() {
                for w in ws.iter() {
                    map.entry(w.clone()).or_default().push(i);
                }
            }
            map
        }
    };
    *last = Some((per_doc.to_vec(), std::mem::take(&mut map)));
    last
}

type LastWords = std::sync::MutexGuard<'static, Option<Merged>>;

fn index_of(docs: &[Doc]) -> String {
    let words = if crate::memo::enabled() {
        // `serve`: each page's words remembered, and the map brought up to date from the last
        // one (waking threads for the lookups would cost more than they do).
        let per_doc: Vec<Arc<Vec<String>>> = docs.iter().map(doc_words).collect();
        let kept = merged_incrementally(&per_doc);
        words_json(
            kept.iter()
                .flat_map(|(_, map)| map.iter())
                .map(|(w, d)| (w.as_str(), d.as_slice()))
                .collect(),
        )
    } else {
        // Segmenting is the costliest part of indexing: all pages in parallel. Then hashed
        // while collecting, sorted once at the end (a tree costs more per insert).
        let per_page: Vec<Vec<Cow<str>>> = docs.par_iter().map(page_words).collect();
        let mut by_word: foldhash::HashMap<&str, Vec<usize>> = Default::default();
        for (i, ws) in per_page.iter().enumerate() {
            for w in ws.iter().filter(|w| !w.is_empty()) {
                let pages = by_word.entry(w).or_default();
                if pages.last() != Some(&i) {
                    pages.push(i);
                }
            }
        }
        words_json(by_word.iter().map(|(w, d)| (*w, d.as_slice())).collect())
    };
    let docs: Vec<Arc<str>> = docs.iter().map(doc_json).collect();
    // Written piece by piece: the same bytes as serializing `{docs, words}` whole.
    let mut out =
        String::with_capacity(words.len() + docs.iter().map(|d| d.len() + 1).sum::<usize>() + 40);
    out.push_str("window.OIT_SEARCH={\"docs\":[");
    for (i, d) in docs.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(d);
    }
    out.push_str("],\"words\":");
    out.push_str(&inert(&words));
    out.push_str("};\n");
    out
}

/// The word map as a JSON object, words in order.
fn words_json(mut words: Vec<(&str, &[usize])>) -> String {
    words.sort_unstable_by(|a, b| a.0.cmp(b.0));
    serde_json::to_string(&Words(words)).unwrap_or_else(|_| "{}".into())
}

/// `</script>` inside a string cannot end a script loaded by src, but keep the file inert anyway.
fn inert(json: &str) -> String {
    json.replace("</", "<\\/")
}

/// A page's entry in the index (its text cut for snippets), as JSON; remembered per page while
/// the memo is on (`serve`: a save changes one page's entry, and the entries are most of the file).
fn doc_json(d: &Doc) -> Arc<str> {
    let json = |d: &Doc| -> Arc<str> {
        let cut = Doc {
            t: d.t.clone(),
            c: d.c.clone(),
            u: d.u.clone(),
            x: match d.x.char_indices().nth(SNIPPET_TEXT_CHARS) {
                Some((end, _)) => d.x[..end].to_string(),
                None => d.x.clone(),
            },
        };
        inert(&serde_json::to_string(&cut).unwrap_or_else(|_| "{}".into())).into()
    };
    static ENTRIES: crate::memo::Keyed<Doc, Arc<str>> = crate::memo::Keyed::new();
    ENTRIES.get_or_ref(&d.u, d, json)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segmenting_phrase_by_phrase_gives_the_same_words() {
        crate::memo::enable();
        let text = "สรุปผลการจัดซื้อจัดจ้างรายเดือน ประจำปีงบประมาณ พ.ศ. ๒๕๖๗ (O14, ITA-2567)\n\
                    รายงานผลการดำเนินงานของสถานีตำรวจ 1,250.50 บาท  e-mail: saraban@police.go.th";
        assert_eq!(remembered_segment(text), segment(text));
        // Again, from the remembered phrases.
        assert_eq!(remembered_segment(&format!("{text} ")), segment(text));
    }

    #[test]
    fn segments_thai_words() {
        let w = segment("สรุปผลการจัดซื้อจัดจ้างรายเดือน");
        assert!(w.len() >= 3, "{w:?}");
        assert!(w.iter().any(|x| x.contains("จัด")), "{w:?}");
        assert_eq!(w.concat(), "สรุปผลการจัดซื้อจัดจ้างรายเดือน");
        assert!(w.contains(&"การ".to_string()), "{w:?}");
    }

    #[test]
    fn no_word_cuts_through_a_syllable() {
        // Phrases the dictionary alone breaks (ผลก|า|รดำ|เนิน…) and mixed Thai/Latin/digits.
        for text in [
            "รายงานผลการดำเนินงานของสถานีตำรวจ",
            "รายงานผลการใช้จ่ายงบประมาณ",
            "ตามพระราชบัญญัติการจัดซื้อจัดจ้างและการบริหารพัสดุภาครัฐ",
            "O14 ประกาศ ITA 2567 ครั้งที่ ๒",
            "สรุปผลการจัดซื้อจัดจ้างรายเดือน",
        ] {
            let w = segment(text);
            assert!(!w.iter().any(|x| broken_thai_word(x)), "{text}: {w:?}");
            let squeezed: String = text.split_whitespace().collect::<String>().to_lowercase();
            assert_eq!(w.concat(), squeezed, "{text}: {w:?}");
        }
        assert!(segment("ITA 2567").contains(&"ita".to_string()));
        // What `segment_each` skips without asking ICU: runs with no letter or digit.
        let dict = WordSegmenter::new_dictionary(WordBreakInvariantOptions::default());
        for run in [
            " ",
            " - ",
            "), (",
            "“…”",
            " | ",
            "/",
            "\n\n",
            ": ",
            "• ",
            "—",
            "%",
            "@#&*",
        ] {
            assert!(words_of(&dict, run).is_empty(), "{run:?}");
        }
        for (word, broken) in [
            ("การ", false),
            ("ที่", false),
            ("ดี", false),
            ("า", true),
            ("ยเ", true),
            ("รจั", true),
            ("ดซื้", true),
            ("น", true),
        ] {
            assert_eq!(broken_thai_word(word), broken, "{word}");
        }
        assert_eq!(
            script_runs("ab กข c"),
            vec![(false, "ab "), (true, "กข"), (false, " c")]
        );
    }

    #[test]
    fn index_lists_words_and_is_deterministic() {
        let docs = vec![
            Doc {
                t: "ประกาศจัดซื้อจัดจ้าง".into(),
                c: "O14".into(),
                u: "ita/2567/o14/index.html".into(),
                x: "ไม่มีการจัดซื้อจัดจ้าง".into(),
            },
            Doc {
                t: "ข่าว".into(),
                c: String::new(),
                u: "news/a/index.html".into(),
                x: "Police ITA".into(),
            },
        ];
        let a = build_index(&docs);
        assert_eq!(a, build_index(&docs));
        assert!(a.starts_with("window.OIT_SEARCH={"));
        assert!(a.contains("\"o14\":[0]"), "{a}");
        assert!(a.contains("\"police\":[1]"), "{a}");
        // Written piece by piece, it is still one JSON object, and no `</` is left in it.
        let mut docs = docs;
        docs[1].x = "ดู </script> และ a</b".into();
        let b = build_index(&docs);
        assert!(!b.contains("</"), "{b}");
        let json = b
            .strip_prefix("window.OIT_SEARCH=")
            .and_then(|j| j.strip_suffix(";\n"))
            .unwrap();
        let v: serde_json::Value = serde_json::from_str(json).unwrap();
        assert_eq!(v["docs"][1]["x"], "ดู </script> และ a</b");
        assert_eq!(v["docs"].as_array().map(Vec::len), Some(2));
        assert_eq!(v["words"]["o14"], serde_json::json!([0]));
    }
}
