//! Markdown → HTML. Links to files beside the page are rewritten to their published (ASCII)
//! names, site-absolute links become relative so the site works under a sub-path and from disk,
//! and raw HTML is escaped unless the site allows it.
use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd, html};
use std::collections::HashMap;

pub struct LinkContext<'a> {
    /// Relative prefix from the page to the site root (`../../`).
    pub root: &'a str,
    /// Files beside the page: source-relative name → published name.
    pub files: &'a HashMap<String, String>,
    pub allow_html: bool,
}

pub fn render(markdown: &str, cx: &LinkContext) -> String {
    let opts = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    let events = Parser::new_ext(markdown, opts).map(|ev| match ev {
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url: rewrite(dest_url, cx),
            title,
            id,
        }),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Image {
            link_type,
            dest_url: rewrite(dest_url, cx),
            title,
            id,
        }),
        // Escaped, so a pasted <script> shows as text instead of running on the station's site.
        Event::Html(h) | Event::InlineHtml(h) if !cx.allow_html => Event::Text(h),
        other => other,
    });
    let events = keep_compounds(join_thai_lines(events.collect()));
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, events.into_iter());
    out
}

/// A line break inside a paragraph becomes a space in HTML, but Thai puts no spaces between
/// words: a break between two Thai letters is dropped instead of shown as a wrong gap.
fn join_thai_lines(mut events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    let last_char = |e: &Event| match e {
        Event::Text(t) => t.chars().last(),
        _ => None,
    };
    let first_char = |e: &Event| match e {
        Event::Text(t) => t.chars().next(),
        _ => None,
    };
    let mut i = 1;
    while i + 1 < events.len() {
        if matches!(events[i], Event::SoftBreak)
            && last_char(&events[i - 1]).is_some_and(crate::thai::is_thai)
            && first_char(&events[i + 1]).is_some_and(crate::thai::is_thai)
        {
            events.remove(i);
        } else {
            i += 1;
        }
    }
    events
}

/// Thai compounds the browser would cut at a line end are kept whole (see
/// `templates::keep_words`). Neighbouring text events are joined first, so a compound split by
/// the parser (or by a line break `join_thai_lines` dropped) is still found. Code and the
/// alternative text of images stay plain text.
fn keep_compounds(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    let mut out: Vec<Event> = Vec::with_capacity(events.len());
    let mut plain = 0usize; // inside code blocks or images
    let mut text = String::new();
    let flush = |text: &mut String, out: &mut Vec<Event>| {
        if text.is_empty() {
            return;
        }
        let html = super::templates::keep_words(text);
        out.push(if html.contains("<span") {
            Event::Html(html.into())
        } else {
            Event::Text(std::mem::take(text).into())
        });
        text.clear();
    };
    for ev in events {
        match ev {
            Event::Text(t) if plain == 0 => text.push_str(&t),
            ev => {
                flush(&mut text, &mut out);
                match &ev {
                    Event::Start(Tag::CodeBlock(_) | Tag::Image { .. }) => plain += 1,
                    Event::End(TagEnd::CodeBlock | TagEnd::Image) => plain -= 1,
                    _ => {}
                }
                out.push(ev);
            }
        }
    }
    flush(&mut text, &mut out);
    out
}

fn rewrite<'a>(dest: CowStr<'a>, cx: &LinkContext) -> CowStr<'a> {
    let d = dest.trim();
    let lower = d.to_ascii_lowercase();
    if lower.starts_with("javascript:")
        || lower.starts_with("vbscript:")
        || lower.starts_with("data:")
    {
        return CowStr::Borrowed("#");
    }
    if d.contains("://")
        || lower.starts_with("mailto:")
        || lower.starts_with("tel:")
        || d.starts_with('#')
    {
        return dest;
    }
    let (path, frag) = match d.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (d, None),
    };
    let decoded = percent_decode(path);
    let key = decoded.strip_prefix("./").unwrap_or(&decoded);
    let mut out = if let Some(published) = cx.files.get(key) {
        published.clone()
    } else if let Some(abs) = path.strip_prefix('/') {
        // Site-absolute links would break under a sub-path: make them relative to the root.
        let mut p = format!("{}{}", cx.root, abs);
        if p.ends_with('/') || abs.is_empty() {
            p.push_str("index.html");
        }
        p
    } else if path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    };
    if let Some(f) = frag {
        out.push('#');
        out.push_str(f);
    }
    CowStr::from(out)
}

/// Decodes `%E0%B8%...` so a Thai file name written URL-encoded still matches.
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = |b: u8| (b as char).to_digit(16);
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

/// Plain text of Markdown, for summaries.
pub fn plain_text(markdown: &str, max_chars: usize) -> String {
    // `serve`: every page's text is taken for the search index and summaries on each rebuild.
    static TEXTS: crate::memo::TextMemo<String> = crate::memo::TextMemo::new(10_000);
    if !crate::memo::enabled() {
        return plain_text_of(markdown, max_chars);
    }
    TEXTS.get_or(&format!("{max_chars}\u{0}{markdown}"), || {
        plain_text_of(markdown, max_chars)
    })
}

fn plain_text_of(markdown: &str, max_chars: usize) -> String {
    // The whole text (the search index's case) needs no counting.
    let limited = max_chars != usize::MAX;
    let mut out = String::new();
    let mut chars = 0;
    // The same syntax as the pages (tables above all): else a table's `| a | b |` and
    // `|---|` lines reach search snippets and summaries as text.
    let opts = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    for ev in Parser::new_ext(markdown, opts) {
        match ev {
            Event::Text(t) | Event::Code(t) => {
                out.push_str(&t);
                if limited {
                    chars += t.chars().count();
                }
            }
            Event::SoftBreak | Event::HardBreak | Event::End(_) if !out.ends_with(' ') => {
                out.push(' ');
                chars += 1;
            }
            _ => {}
        }
        if limited && chars > max_chars {
            break;
        }
    }
    // White space squeezed to single spaces, in one pass.
    let mut trimmed = String::with_capacity(out.len());
    for word in out.split_whitespace() {
        if !trimmed.is_empty() {
            trimmed.push(' ');
        }
        trimmed.push_str(word);
    }
    if limited && trimmed.chars().count() > max_chars {
        let cut: String = trimmed.chars().take(max_chars).collect();
        format!("{}…", cut.trim_end())
    } else {
        trimmed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cx(files: &HashMap<String, String>) -> LinkContext<'_> {
        LinkContext {
            root: "../../",
            files,
            allow_html: false,
        }
    }

    #[test]
    fn rewrites_links_to_published_names() {
        let mut files = HashMap::new();
        files.insert("คู่มือ.pdf".to_string(), "file-1234abcd.pdf".to_string());
        let html = render(
            "[a](คู่มือ.pdf) [b](%E0%B8%84%E0%B8%B9%E0%B9%88%E0%B8%A1%E0%B8%B7%E0%B8%AD.pdf) [c](/news/)",
            &cx(&files),
        );
        assert_eq!(html.matches("file-1234abcd.pdf").count(), 2, "{html}");
        assert!(html.contains("href=\"../../news/index.html\""), "{html}");
    }

    #[test]
    fn raw_html_and_script_urls_are_neutralised() {
        let files = HashMap::new();
        let html = render(
            "<script>alert(1)</script>\n\n[x](javascript:alert(1)) <img src=x onerror=alert(1)>",
            &cx(&files),
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
    }

    #[test]
    fn thai_line_breaks_do_not_become_spaces() {
        let files = HashMap::new();
        let html = render("การจัดซื้อ\nจัดจ้าง\nand English\nwords", &cx(&files));
        assert!(
            html.contains("การ<span class=\"nw\">จัดซื้อจัดจ้าง</span>"),
            "{html}"
        );
        assert!(html.contains("and English\nwords"), "{html}");
    }

    #[test]
    fn compounds_are_kept_whole_outside_code_and_alt_text() {
        let files = HashMap::new();
        let html = render(
            "งบประมาณ *ร้องเรียน* `งบประมาณ`\n\n![งบประมาณ](a.png)\n\n    งบประมาณ <x>\n",
            &cx(&files),
        );
        assert!(
            html.starts_with("<p><span class=\"nw\">งบประมาณ</span> <em><span class=\"nw\">ร้องเรียน</span></em> <code>งบประมาณ</code></p>"),
            "{html}"
        );
        assert!(html.contains("alt=\"งบประมาณ\""), "{html}");
        assert!(html.contains("<pre><code>งบประมาณ &lt;x&gt;"), "{html}");
    }

    #[test]
    fn tables_and_footnotes() {
        let files = HashMap::new();
        let html = render(
            "| a | b |\n|---|---|\n| 1 | 2 |\n\nx[^1]\n\n[^1]: note",
            &cx(&files),
        );
        assert!(
            html.contains("<table>") && html.contains("footnote"),
            "{html}"
        );
    }

    #[test]
    fn plain_text_has_no_markdown_syntax() {
        let md = "## หัวข้อ\n\nมี **ตัวหนา** _เอียง_ ~~ขีดฆ่า~~ และ [ลิงก์](https://a.go.th)\n\n\
                  | บริการ | ใช้เมื่อ |\n|---|---|\n| แจ้งความออนไลน์ | ถูกหลอก |\n";
        let text = plain_text(md, usize::MAX);
        assert_eq!(
            text,
            "หัวข้อ มี ตัวหนา เอียง ขีดฆ่า และ ลิงก์ บริการ ใช้เมื่อ แจ้งความออนไลน์ ถูกหลอก"
        );
    }
}
