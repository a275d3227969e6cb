//! Thai search that works offline and from disk. Thai has no spaces between words, so words are
//! segmented at build time, and the index is a `.js` file loaded by a `<script>` tag (fetch() is
//! blocked on file://). The browser segments the query with `Intl.Segmenter`, which splits some
//! words differently, so the page matches query words as substrings of indexed words and of the
//! text.
//!
//! ICU4X's dictionary segmenter, not its LSTM model: on the example station's 1,397 Thai runs the
//! dictionary agrees better with the browser's segmenter (ICU4C, also dictionary-based: boundary
//! precision 0.956 / recall 0.971 against the LSTM's 0.933 / 0.918; 742 of the browser's 753
//! distinct words also come out of the dictionary, 598 out of the LSTM) and is ~80× faster
//! (14,160 against 180 characters/ms); the LSTM was ~85 % of a build's CPU time.
use icu_segmenter::WordSegmenter;
use icu_segmenter::options::WordBreakInvariantOptions;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;

/// Words of `text`, lower-cased, in order (punctuation and spaces dropped).
pub fn segment(text: &str) -> Vec<String> {
    let seg = WordSegmenter::new_dictionary(WordBreakInvariantOptions::default());
    let mut words = Vec::new();
    let mut iter = seg.segment_str(text);
    let mut last = 0;
    while let Some(i) = iter.next() {
        if i > last && iter.is_word_like() {
            let w = text[last..i].trim();
            if !w.is_empty() {
                words.push(w.to_lowercase());
            }
        }
        last = i;
    }
    words
}

/// One searchable page.
#[derive(Debug, Clone, Serialize)]
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

#[derive(Serialize)]
struct Index<'a> {
    docs: &'a [Doc],
    /// Word → documents containing it.
    words: BTreeMap<String, Vec<usize>>,
}

const SNIPPET_TEXT_CHARS: usize = 4000;

/// `search-index.js`: `window.OIT_SEARCH = {...};`. Deterministic (sorted words, stable docs).
pub fn build_index(docs: &[Doc]) -> String {
    // Segmenting is still the costliest part of indexing: do it for all pages in parallel.
    let per_doc: Vec<Vec<String>> = docs
        .par_iter()
        .map(|d| {
            let mut all = segment(&d.t);
            all.extend(segment(&d.x));
            all.push(d.c.to_lowercase());
            all.sort();
            all.dedup();
            all.retain(|w| !w.is_empty());
            all
        })
        .collect();
    let mut words: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, ws) in per_doc.into_iter().enumerate() {
        for w in ws {
            words.entry(w).or_default().push(i);
        }
    }
    let cut: Vec<Doc> = docs
        .iter()
        .map(|d| {
            let mut d = d.clone();
            if d.x.chars().count() > SNIPPET_TEXT_CHARS {
                d.x = d.x.chars().take(SNIPPET_TEXT_CHARS).collect();
            }
            d
        })
        .collect();
    let json = serde_json::to_string(&Index { docs: &cut, words }).unwrap_or_else(|_| "{}".into());
    // `</script>` inside a string cannot end a script loaded by src, but keep the file inert anyway.
    format!("window.OIT_SEARCH={};\n", json.replace("</", "<\\/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_thai_words() {
        let w = segment("สรุปผลการจัดซื้อจัดจ้างรายเดือน");
        assert!(w.len() >= 3, "{w:?}");
        assert!(w.iter().any(|x| x.contains("จัด")), "{w:?}");
        assert_eq!(w.concat(), "สรุปผลการจัดซื้อจัดจ้างรายเดือน");
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
    }
}
