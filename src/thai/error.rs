//! The error returned by date and month parsing, worded in Thai and English.

use std::fmt;

use super::months::{MONTHS_EN, MONTHS_TH, month_index};

/// Why a date or month could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum DateError {
    /// The input was empty or blank.
    Empty,
    /// The input (shortened) matches no supported date layout.
    UnrecognizedDate(String),
    /// The input (shortened) matches no supported month layout.
    UnrecognizedMonth(String),
    /// A word in the month position is not a month name.
    UnknownMonth(String),
    /// A month number outside 1–12.
    InvalidMonth(i8),
    /// A year that is not 2 or 4 digits, or falls outside 1–9999 CE.
    InvalidYear(String),
    /// The day does not exist in that month (e.g. 31 February).
    NoSuchDay {
        /// CE year.
        year: i16,
        /// Month, 1–12.
        month: i8,
        /// The day as written.
        day: i8,
        /// Number of days the month actually has.
        days_in_month: i8,
    },
}

/// Longest piece of user input echoed back in a message.
const ECHO_CHARS: usize = 40;

impl DateError {
    pub(crate) fn unrecognized_date(input: &str) -> Self {
        Self::UnrecognizedDate(shorten(input))
    }

    pub(crate) fn unrecognized_month(input: &str) -> Self {
        Self::UnrecognizedMonth(shorten(input))
    }

    pub(crate) fn invalid_year(input: &str) -> Self {
        Self::InvalidYear(shorten(input))
    }

    pub(crate) fn unknown_month(name: &str) -> Self {
        Self::UnknownMonth(shorten(name))
    }

    /// The message in Thai.
    pub fn message_th(&self) -> String {
        match self {
            Self::Empty => "ไม่ได้ระบุวันที่หรือเดือน".to_string(),
            Self::UnrecognizedDate(s) => format!(
                "อ่านวันที่ \"{s}\" ไม่ได้ (ตัวอย่างรูปแบบที่ใช้ได้: 31 มี.ค. 2567, 31/03/2567, 2567-03-31)"
            ),
            Self::UnrecognizedMonth(s) => {
                format!("อ่านเดือน \"{s}\" ไม่ได้ (ตัวอย่างรูปแบบที่ใช้ได้: ต.ค. 2566, 10/2566, 2566-10)")
            }
            Self::UnknownMonth(s) => format!("ไม่รู้จักชื่อเดือน \"{s}\""),
            Self::InvalidMonth(m) => format!("เดือนต้องอยู่ระหว่าง 1 ถึง 12 แต่ได้ {m}"),
            Self::InvalidYear(s) => {
                format!("ปี \"{s}\" ไม่ถูกต้อง (ใช้ปี 4 หลัก เช่น 2567 หรือ 2024 หรือปี พ.ศ. 2 หลัก เช่น 67)")
            }
            Self::NoSuchDay {
                year,
                month,
                day,
                days_in_month,
            } => format!(
                "เดือน{} {} ไม่มีวันที่ {day} (มีเพียง {days_in_month} วัน)",
                MONTHS_TH[month_index(*month)],
                i32::from(*year) + 543,
            ),
        }
    }

    /// The message in English.
    pub fn message_en(&self) -> String {
        match self {
            Self::Empty => "no date or month given".to_string(),
            Self::UnrecognizedDate(s) => format!(
                "cannot read date \"{s}\" (accepted forms include 31 มี.ค. 2567, 31/03/2567, 2567-03-31)"
            ),
            Self::UnrecognizedMonth(s) => format!(
                "cannot read month \"{s}\" (accepted forms include ต.ค. 2566, 10/2566, 2566-10)"
            ),
            Self::UnknownMonth(s) => format!("unknown month name \"{s}\""),
            Self::InvalidMonth(m) => format!("month must be 1 to 12, got {m}"),
            Self::InvalidYear(s) => format!(
                "invalid year \"{s}\" (use 4 digits such as 2567 or 2024, or 2 BE digits such as 67)"
            ),
            Self::NoSuchDay {
                year,
                month,
                day,
                days_in_month,
            } => format!(
                "{} {year} has no day {day} (it has {days_in_month} days)",
                MONTHS_EN[month_index(*month)],
            ),
        }
    }
}

/// Thai first, since the sites' editors read Thai.
impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} / {}", self.message_th(), self.message_en())
    }
}

impl std::error::Error for DateError {}

/// Keeps echoed input short so a pasted paragraph doesn't flood the log.
fn shorten(input: &str) -> String {
    let trimmed = input.trim();
    let mut out: String = trimmed.chars().take(ECHO_CHARS).collect();
    if trimmed.chars().nth(ECHO_CHARS).is_some() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_such_day_names_the_month_in_both_languages() {
        let e = DateError::NoSuchDay {
            year: 2024,
            month: 2,
            day: 31,
            days_in_month: 29,
        };
        assert_eq!(e.message_th(), "เดือนกุมภาพันธ์ 2567 ไม่มีวันที่ 31 (มีเพียง 29 วัน)");
        assert_eq!(
            e.message_en(),
            "February 2024 has no day 31 (it has 29 days)"
        );
    }

    #[test]
    fn display_has_both_languages() {
        let shown = DateError::Empty.to_string();
        assert!(shown.contains("ไม่ได้ระบุวันที่") && shown.contains("no date"));
    }

    #[test]
    fn long_input_is_shortened() {
        let DateError::UnrecognizedDate(s) = DateError::unrecognized_date(&"ก".repeat(500))
        else {
            unreachable!()
        };
        assert_eq!(s.chars().count(), ECHO_CHARS + 1);
    }
}
