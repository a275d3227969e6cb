//! Personal data the station must not publish (PDPA, พ.ร.บ.คุ้มครองข้อมูลส่วนบุคคล): for now
//! Thai national ID numbers, recognised by their check digit so that ordinary long numbers
//! (document numbers, phone lists) are not reported.

/// A national ID number found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdHit {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters (Thai marks count as characters).
    pub column: usize,
    /// Safe to show in a report: `1-2345-xxxxx-xx-x`.
    pub masked: String,
    /// The 13 digits, Arabic.
    pub digits: String,
}

/// Whether `digits` is 13 ASCII digits whose last one is the mod-11 check digit of the rest.
pub fn is_valid_id(digits: &str) -> bool {
    let d: Vec<u32> = digits.chars().filter_map(|c| c.to_digit(10)).collect();
    if d.len() != 13 || digits.len() != 13 {
        return false;
    }
    let sum: u32 = d[..12]
        .iter()
        .enumerate()
        .map(|(i, v)| v * (13 - i as u32))
        .sum();
    (11 - sum % 11) % 10 == d[12]
}

/// Group sizes of the usual written form `1-2345-67890-12-3`.
const GROUPS: [usize; 5] = [1, 4, 5, 2, 1];

/// Every valid national ID number in `text`: 13 digits in a row or grouped 1-4-5-2-1 with
/// dashes or spaces, Arabic or Thai digits, and not part of a longer run of digits.
pub fn find_national_ids(text: &str) -> Vec<IdHit> {
    let mut hits = Vec::new();
    // One buffer for all lines: a spreadsheet's text is many short lines of numbers.
    let mut chars: Vec<char> = Vec::new();
    for (line_index, line) in text.lines().enumerate() {
        // Most lines hold fewer than 13 digits, so no ID: skip them without decoding.
        if digit_count(line) < 13 {
            continue;
        }
        chars.clear();
        chars.extend(line.chars());
        let chars = chars.as_slice();
        let mut i = 0;
        while i < chars.len() {
            if digit(chars[i]).is_none() || (i > 0 && continues_number(chars, i)) {
                i += 1;
                continue;
            }
            if let Some((len, digits)) = match_at(chars, i)
                && is_valid_id(&digits)
            {
                hits.push(IdHit {
                    line: line_index + 1,
                    column: i + 1,
                    masked: mask(&digits),
                    digits,
                });
                i += len;
                continue;
            }
            i += 1;
        }
    }
    hits
}

/// How many Arabic and Thai digits `line` holds, counted on its bytes (Thai digits are
/// U+0E50–U+0E59: `E0 B9 90`–`E0 B9 99`, and `B9 9x` occurs in no other Thai character).
fn digit_count(line: &str) -> usize {
    let b = line.as_bytes();
    b.iter().filter(|c| c.is_ascii_digit()).count()
        + b.windows(3)
            .filter(|w| w[0] == 0xE0 && w[1] == 0xB9 && (0x90..=0x99).contains(&w[2]))
            .count()
}

/// Arabic or Thai digit value.
fn digit(c: char) -> Option<char> {
    match c {
        '0'..='9' => Some(c),
        '๐'..='๙' => char::from_digit(c as u32 - '๐' as u32, 10),
        _ => None,
    }
}

fn is_separator(c: char) -> bool {
    matches!(c, '-' | ' ' | '\u{A0}' | '–')
}

/// Whether a number starting at `i` would only be the tail of a longer one: a digit right
/// before it, or a separator with a digit before that (`12-1-2345-...`).
fn continues_number(chars: &[char], i: usize) -> bool {
    let before = chars[i - 1];
    digit(before).is_some()
        || (before != ' ' && is_separator(before) && i >= 2 && digit(chars[i - 2]).is_some())
}

/// Matches an ID written plain or grouped at `i`; returns its length in chars and its digits.
fn match_at(chars: &[char], i: usize) -> Option<(usize, String)> {
    let run = |from: usize| {
        chars[from..]
            .iter()
            .take_while(|&&c| digit(c).is_some())
            .count()
    };
    let take = |from: usize, n: usize| {
        chars[from..from + n]
            .iter()
            .filter_map(|&c| digit(c))
            .collect::<String>()
    };
    // Plain: exactly 13 digits.
    if run(i) == 13 {
        return ends_cleanly(chars, i + 13, None).then(|| (13, take(i, 13)));
    }
    // Grouped: the same separator between every group.
    let mut at = i;
    let mut digits = String::new();
    let mut sep = None;
    for (g, &size) in GROUPS.iter().enumerate() {
        if g > 0 {
            let c = *chars.get(at)?;
            if !is_separator(c) || sep.is_some_and(|s| s != c) {
                return None;
            }
            sep = Some(c);
            at += 1;
        }
        if run(at) != size {
            return None;
        }
        digits.push_str(&take(at, size));
        at += size;
    }
    ends_cleanly(chars, at, sep).then(|| (at - i, digits))
}

/// The number ends at `end`: no digit follows, nor the same separator and another digit.
fn ends_cleanly(chars: &[char], end: usize, sep: Option<char>) -> bool {
    match chars.get(end) {
        None => true,
        Some(&c) if digit(c).is_some() => false,
        Some(&c) if (is_separator(c) && c != ' ') || Some(c) == sep => {
            chars.get(end + 1).is_none_or(|&n| digit(n).is_none())
        }
        Some(_) => true,
    }
}

/// `1-2345-xxxxx-xx-x`: the first five digits say little about the person (province and
/// district of registration); the rest is hidden.
fn mask(digits: &str) -> String {
    format!("{}-{}-xxxxx-xx-x", &digits[..1], &digits[1..5])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Appends the check digit to 12 digits.
    fn with_check(first12: &str) -> String {
        let sum: u32 = first12
            .chars()
            .enumerate()
            .map(|(i, c)| c.to_digit(10).unwrap() * (13 - i as u32))
            .sum();
        format!("{first12}{}", (11 - sum % 11) % 10)
    }

    #[test]
    fn check_digit() {
        let id = with_check("110170020345");
        assert!(is_valid_id(&id));
        let wrong = format!("{}{}", &id[..12], (id.as_bytes()[12] - b'0' + 1) % 10);
        assert!(!is_valid_id(&wrong));
        assert!(!is_valid_id("123"));
        assert!(!is_valid_id("๑๑๐๑๗๐๐๒๐๓๔๕๖"));
    }

    #[test]
    fn forms_and_positions() {
        let id = with_check("310050012345");
        let dashed = format!(
            "{}-{}-{}-{}-{}",
            &id[..1],
            &id[1..5],
            &id[5..10],
            &id[10..12],
            &id[12..]
        );
        let spaced = dashed.replace('-', " ");
        let thai = crate::thai::to_thai_digits(&dashed);
        let text = format!("เลขบัตร {id}\nนาย ก ({dashed})\n  {spaced} และ {thai}");
        let hits = find_national_ids(&text);
        let places: Vec<(usize, usize)> = hits.iter().map(|h| (h.line, h.column)).collect();
        assert_eq!(places, vec![(1, 9), (2, 8), (3, 3), (3, 25)]);
        assert!(hits.iter().all(|h| h.digits == id));
        assert_eq!(
            hits[0].masked,
            format!("{}-{}-xxxxx-xx-x", &id[..1], &id[1..5])
        );
        // A line whose only digits are the 13 Thai ones of an ID (counted by their bytes).
        let alone = find_national_ids(&format!("ทดสอบ\nเลขประจำตัว {thai} ครับ"));
        assert_eq!(alone.len(), 1, "{thai}");
        assert_eq!((alone[0].line, alone[0].digits.as_str()), (2, id.as_str()));
        assert_eq!(digit_count("๑2ก๙ เ"), 3);
    }

    #[test]
    fn rejects_longer_runs_and_bad_checks() {
        let id = with_check("310050012345");
        assert!(find_national_ids(&format!("9{id}")).is_empty());
        assert!(find_national_ids(&format!("{id}0")).is_empty());
        assert!(find_national_ids(&format!("99-{}-{}", &id[..1], &id[1..])).is_empty());
        let bad = format!("{}{}", &id[..12], (id.as_bytes()[12] - b'0' + 1) % 10);
        assert!(find_national_ids(&bad).is_empty());
        assert!(find_national_ids("โทร 081-234-5678 เลขที่ 1-2345-67890").is_empty());
    }
}
