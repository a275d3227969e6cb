//! Values people type into a cell or a field to say "nothing here": a dash, ไม่มี, n/a, ….
//! They are not a phone number, an e-mail or a date, so a rule counts them as empty.

/// Whether `s` (trimmed) is only a placeholder such as `-`, `–`, `—`, `ไม่มี`, `n/a`, `none`,
/// `ว่าง` or `.` (or nothing at all).
pub fn is_placeholder(s: &str) -> bool {
    let t = s.trim();
    if t.is_empty() {
        return true;
    }
    // Repeated dashes and dots ("--", "...") say the same.
    if t.chars().all(|c| matches!(c, '-' | '–' | '—' | '.' | '_')) {
        return true;
    }
    let lower = t.to_lowercase();
    matches!(
        lower.as_str(),
        "ไม่มี" | "ว่าง" | "n/a" | "na" | "none" | "nil" | "null" | "-ไม่มี-" | "ไม่ระบุ"
    )
}

#[cfg(test)]
mod tests {
    use super::is_placeholder;

    #[test]
    fn placeholders() {
        for p in [
            "-",
            "–",
            "—",
            "ไม่มี",
            "n/a",
            "N/A",
            "none",
            "ว่าง",
            ".",
            " - ",
            "---",
            "",
        ] {
            assert!(is_placeholder(p), "{p:?}");
        }
        for v in [
            "054-000-000",
            "a@b.go.th",
            "2567-01-01",
            "ไม่มีการจัดซื้อจัดจ้าง",
            "0",
        ] {
            assert!(!is_placeholder(v), "{v:?}");
        }
    }
}
