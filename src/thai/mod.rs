//! Thai calendar and text helpers: Thai digits, month names, Buddhist Era (BE) dates,
//! calendar months and the Thai government fiscal year.
//!
//! Conventions used throughout:
//! - Dates are stored as [`jiff::civil::Date`] in the Common Era (CE);
//!   BE = CE + 543.
//! - When parsing, a four-digit year above 2400 is BE, otherwise CE, unless
//!   the text carries an explicit "พ.ศ." (BE) or "ค.ศ." (CE) marker.
//! - A two-digit year means BE 25xx (`67` → 2567 → 2024 CE), as is usual in
//!   Thai writing. The one exception is a date written with an English month
//!   name, where `24` means 2024, because reading "31 Mar 24" as 1981 would be
//!   wrong. `format_short` output therefore only round-trips for BE 2500–2599.
//! - Thai digits (๐–๙) are accepted anywhere. Formatters emit Arabic digits;
//!   wrap any of them in [`to_thai_digits`] for Thai digits.

mod case;
mod digits;
mod error;
mod fiscal;
mod format;
mod months;
mod parse;
mod placeholder;
mod year_month;

#[cfg(test)]
mod proptests;

pub use case::{is_thai, lowercase};
pub use digits::{to_arabic_digits, to_thai_digits};
pub use error::DateError;
pub use fiscal::FiscalYear;
pub use format::{
    format_iso_be, format_long, format_long_en, format_month_long, format_month_long_en,
    format_month_short, format_range, format_range_en, format_short,
};
pub use months::{MONTHS_EN, MONTHS_TH, MONTHS_TH_SHORT, parse_month_name};
pub use parse::{parse_date, parse_month};
pub use placeholder::is_placeholder;
pub use year_month::YearMonth;

use jiff::{Timestamp, civil::Date, tz};

/// Today's date in Thailand (UTC+7 all year, no daylight saving).
pub fn today() -> Date {
    // A fixed offset avoids depending on a tz database being installed.
    Timestamp::now()
        .to_zoned_datetime(tz::TimeZone::fixed(tz::offset(7)))
        .date()
}

/// Converts a CE year to BE.
pub(crate) fn be_year(ce: i16) -> i16 {
    ce + 543
}
