//! Formatting dates and months the way Thai government documents do.
//!
//! All output uses Arabic digits; pass it through [`super::to_thai_digits`]
//! for Thai digits.

use jiff::civil::Date;

use super::be_year;
use super::months::{MONTHS_EN, MONTHS_TH, MONTHS_TH_SHORT, month_index};
use super::year_month::YearMonth;

/// Separator used between the two ends of a range: spaced en dash.
const RANGE_SEP: &str = " – ";

/// `5 เมษายน 2567`
pub fn format_long(date: Date) -> String {
    format!(
        "{} {} {}",
        date.day(),
        MONTHS_TH[month_index(date.month())],
        be_year(date.year())
    )
}

/// `2567-04-05`: the form content files use, Buddhist Era.
pub fn format_iso_be(date: Date) -> String {
    format!(
        "{}-{:02}-{:02}",
        be_year(date.year()),
        date.month(),
        date.day()
    )
}

/// `5 เม.ย. 67`: two-digit BE year, so it parses back only for BE 2500–2599.
pub fn format_short(date: Date) -> String {
    format!("{} {}", date.day(), month_short(YearMonth::from(date)))
}

/// `5 April 2024`
pub fn format_long_en(date: Date) -> String {
    format!(
        "{} {}",
        date.day(),
        format_month_long_en(YearMonth::from(date))
    )
}

/// `ตุลาคม 2566`
pub fn format_month_long(ym: YearMonth) -> String {
    format!("{} {}", MONTHS_TH[month_index(ym.month())], ym.be_year())
}

/// `ต.ค. 66`
pub fn format_month_short(ym: YearMonth) -> String {
    month_short(ym)
}

/// `October 2023`
pub fn format_month_long_en(ym: YearMonth) -> String {
    format!("{} {}", MONTHS_EN[month_index(ym.month())], ym.year())
}

/// `1 ตุลาคม 2566 – 30 กันยายน 2567`
pub fn format_range(first: Date, last: Date) -> String {
    format!("{}{RANGE_SEP}{}", format_long(first), format_long(last))
}

/// `1 October 2023 – 30 September 2024`
pub fn format_range_en(first: Date, last: Date) -> String {
    format!(
        "{}{RANGE_SEP}{}",
        format_long_en(first),
        format_long_en(last)
    )
}

fn month_short(ym: YearMonth) -> String {
    let short_year = i32::from(ym.be_year()).rem_euclid(100);
    format!(
        "{} {short_year:02}",
        MONTHS_TH_SHORT[month_index(ym.month())]
    )
}

#[cfg(test)]
mod tests {
    use super::super::to_thai_digits;
    use super::*;
    use jiff::civil::date;

    fn ym(year: i16, month: i8) -> YearMonth {
        YearMonth::new(year, month).expect("valid test month")
    }

    #[test]
    fn dates() {
        assert_eq!(format_long(date(2024, 4, 5)), "5 เมษายน 2567");
        assert_eq!(format_short(date(2024, 4, 5)), "5 เม.ย. 67");
        assert_eq!(format_long_en(date(2024, 4, 5)), "5 April 2024");
        assert_eq!(format_short(date(1957, 1, 1)), "1 ม.ค. 00");
        assert_eq!(format_short(date(1950, 1, 9)), "9 ม.ค. 93");
    }

    #[test]
    fn months() {
        assert_eq!(format_month_long(ym(2023, 10)), "ตุลาคม 2566");
        assert_eq!(format_month_short(ym(2023, 10)), "ต.ค. 66");
        assert_eq!(format_month_long_en(ym(2023, 10)), "October 2023");
    }

    #[test]
    fn ranges() {
        let (a, b) = (date(2023, 10, 1), date(2024, 9, 30));
        assert_eq!(format_range(a, b), "1 ตุลาคม 2566 – 30 กันยายน 2567");
        assert_eq!(format_range_en(a, b), "1 October 2023 – 30 September 2024");
    }

    #[test]
    fn thai_digit_output() {
        assert_eq!(
            to_thai_digits(&format_long(date(2024, 4, 5))),
            "๕ เมษายน ๒๕๖๗"
        );
        assert_eq!(to_thai_digits(&format_month_short(ym(2023, 10))), "ต.ค. ๖๖");
    }
}
