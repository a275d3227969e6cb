//! ASCII-safe, stable output names for files whose names may be Thai. The same input path always
//! gives the same name, so URLs given to ITAP stay valid from one build to the next.

/// FNV-1a: tiny, stable across platforms and releases (std's hasher is not).
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

fn is_safe(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')
}

/// One path component made URL-safe. Safe names stay as they are; others keep their ASCII
/// letters and get a short hash of the original so two Thai names never collide.
pub fn safe_component(name: &str) -> String {
    if !name.is_empty() && name.chars().all(is_safe) && !name.starts_with('.') {
        return name.to_string();
    }
    let (stem, ext) = match name.rsplit_once('.') {
        Some((s, e))
            if !s.is_empty() && !e.is_empty() && e.chars().all(|c| c.is_ascii_alphanumeric()) =>
        {
            (s, Some(e.to_ascii_lowercase()))
        }
        _ => (name, None),
    };
    let mut ascii = String::new();
    for c in stem.chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            ascii.push(c.to_ascii_lowercase());
        } else if !ascii.ends_with('-') {
            ascii.push('-');
        }
    }
    let ascii = ascii.trim_matches('-');
    let hash = format!("{:08x}", fnv1a(name.as_bytes()) as u32);
    let stem = if ascii.is_empty() {
        format!("file-{hash}")
    } else {
        format!("{ascii}-{hash}")
    };
    match ext {
        Some(e) => format!("{stem}.{e}"),
        None => stem,
    }
}

/// A `/`-separated relative path made safe component by component.
pub fn safe_path(rel: &str) -> String {
    rel.split('/')
        .filter(|c| !c.is_empty())
        .map(safe_component)
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_names_are_kept() {
        assert_eq!(safe_path("2566-10/report.pdf"), "2566-10/report.pdf");
    }

    #[test]
    fn thai_names_become_stable_ascii() {
        let a = safe_component("คู่มือ-จราจร.pdf");
        assert!(a.starts_with("file-") && a.ends_with(".pdf"), "{a}");
        assert!(a.is_ascii());
        assert_eq!(a, safe_component("คู่มือ-จราจร.pdf"));
        assert_ne!(a, safe_component("คู่มือ-สอบสวน.pdf"));
        let b = safe_component("รายงาน O7 ต.ค.PDF");
        assert!(b.starts_with("o7-") && b.ends_with(".pdf"), "{b}");
        assert!(safe_component(".hidden").starts_with("hidden-"));
    }
}
