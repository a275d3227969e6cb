//! Month names in Thai and English, and tolerant month-name parsing.

/// Full Thai month names, January first.
pub const MONTHS_TH: [&str; 12] = [
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
];

/// Standard abbreviated Thai month names (with dots), January first.
pub const MONTHS_TH_SHORT: [&str; 12] = [
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
];

/// Full English month names, January first.
pub const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Spoken short forms ("ตุลา 66") seen in informal notices.
const MONTHS_TH_COLLOQUIAL: [&str; 12] = [
    "มกรา",
    "กุมภา",
    "มีนา",
    "เมษา",
    "พฤษภา",
    "มิถุนา",
    "กรกฎา",
    "สิงหา",
    "กันยา",
    "ตุลา",
    "พฤศจิกา",
    "ธันวา",
];

/// Which script a month name was written in; decides how 2-digit years read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lang {
    Thai,
    English,
}

/// Month number (1–12) of a Thai or English month name, ignoring dots,
/// spaces and ASCII case: "มี.ค.", "มีค", "มี.ค", "มีนาคม", "Mar", "march".
pub fn parse_month_name(name: &str) -> Option<i8> {
    lookup(&squeeze(name)).map(|(month, _)| month)
}

/// Lower-cases ASCII and drops the dots and spaces people add or forget.
pub(crate) fn squeeze(s: &str) -> String {
    s.chars()
        .filter(|c| *c != '.' && !c.is_whitespace())
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Looks up an already squeezed name.
pub(crate) fn lookup(name: &str) -> Option<(i8, Lang)> {
    let thai = (0..12).find(|&i| {
        name == MONTHS_TH[i]
            || name == MONTHS_TH_COLLOQUIAL[i]
            || name == MONTHS_TH_SHORT[i].replace('.', "")
    });
    if let Some(i) = thai {
        return Some((month_number(i), Lang::Thai));
    }
    let english = (0..12).find(|&i| {
        let full = MONTHS_EN[i].to_ascii_lowercase();
        name == full || name == &full[..3] || (i == 8 && name == "sept")
    });
    english.map(|i| (month_number(i), Lang::English))
}

/// Index 0–11 of a valid month number, for the name tables.
pub(crate) fn month_index(month: i8) -> usize {
    // Callers only pass months from jiff dates or validated `YearMonth`s.
    usize::from(month.clamp(1, 12).unsigned_abs()) - 1
}

fn month_number(index: usize) -> i8 {
    // index < 12, so the cast cannot truncate.
    index as i8 + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_thai_form_parses() {
        for m in 0..12 {
            let want = Some(month_number(m));
            assert_eq!(parse_month_name(MONTHS_TH[m]), want);
            assert_eq!(parse_month_name(MONTHS_TH_SHORT[m]), want);
            assert_eq!(parse_month_name(&MONTHS_TH_SHORT[m].replace('.', "")), want);
            assert_eq!(parse_month_name(MONTHS_TH_COLLOQUIAL[m]), want);
        }
    }

    #[test]
    fn missing_dots_and_spaces() {
        assert_eq!(parse_month_name("มีค"), Some(3));
        assert_eq!(parse_month_name("มี.ค"), Some(3));
        assert_eq!(parse_month_name("มี. ค."), Some(3));
        assert_eq!(parse_month_name("ต.ค."), Some(10));
        assert_eq!(parse_month_name(" ธ.ค. "), Some(12));
    }

    #[test]
    fn english_names() {
        assert_eq!(parse_month_name("Jan"), Some(1));
        assert_eq!(parse_month_name("January"), Some(1));
        assert_eq!(parse_month_name("SEPT"), Some(9));
        assert_eq!(parse_month_name("sep."), Some(9));
        assert_eq!(parse_month_name("december"), Some(12));
    }

    #[test]
    fn non_months() {
        for s in ["", ".", "มี", "Ja", "Janu", "พ.ศ.", "13"] {
            assert_eq!(parse_month_name(s), None, "{s:?}");
        }
    }
}
