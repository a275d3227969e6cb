//! A calendar month, the unit OIT reports are filed by.

use std::fmt;
use std::str::FromStr;

use jiff::civil::{Date, date};

use super::error::DateError;
use super::parse::parse_month;

/// A calendar month stored as a CE year and month 1–12; ordered by time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    // Field order matters: the derived `Ord` compares year first.
    year: i16,
    month: i8,
}

impl YearMonth {
    /// The month `month` (1–12) of CE `year`, if jiff can represent it.
    pub fn new(year: i16, month: i8) -> Option<Self> {
        Date::new(year, month, 1)
            .is_ok()
            .then_some(Self { year, month })
    }

    /// The CE year.
    pub fn year(self) -> i16 {
        self.year
    }

    /// The BE year (CE + 543).
    pub fn be_year(self) -> i16 {
        super::be_year(self.year)
    }

    /// The month number, 1–12.
    pub fn month(self) -> i8 {
        self.month
    }

    /// The first day of the month.
    pub fn first_day(self) -> Date {
        // `new` guarantees this date exists, so `date` cannot panic.
        date(self.year, self.month, 1)
    }

    /// The last day of the month (28–31).
    pub fn last_day(self) -> Date {
        self.first_day().last_of_month()
    }

    /// Whether `date` falls in this month.
    pub fn contains(self, date: Date) -> bool {
        Self::from(date) == self
    }

    /// The following month, `None` past jiff's last year (9999).
    pub fn next(self) -> Option<Self> {
        if self.month == 12 {
            Self::new(self.year.checked_add(1)?, 1)
        } else {
            Some(Self {
                month: self.month + 1,
                ..self
            })
        }
    }

    /// Every month from `self` up to and including `last`.
    pub fn through(self, last: Self) -> impl Iterator<Item = Self> + Clone {
        std::iter::successors(Some(self), |m| m.next()).take_while(move |m| *m <= last)
    }

    /// Stable BE key such as `2566-10`, used in file names and URLs.
    pub fn key(self) -> String {
        format!("{:04}-{:02}", self.be_year(), self.month)
    }

    /// Day `day` of this month, or an error naming the month's length.
    pub(crate) fn day(self, day: i8) -> Result<Date, DateError> {
        let days_in_month = self.last_day().day();
        if (1..=days_in_month).contains(&day) {
            Ok(date(self.year, self.month, day))
        } else {
            Err(DateError::NoSuchDay {
                year: self.year,
                month: self.month,
                day,
                days_in_month,
            })
        }
    }
}

impl From<Date> for YearMonth {
    fn from(date: Date) -> Self {
        Self {
            year: date.year(),
            month: date.month(),
        }
    }
}

/// Shows the BE key, e.g. `2566-10`.
impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.key())
    }
}

/// Same as [`parse_month`].
impl FromStr for YearMonth {
    type Err = DateError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse_month(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ym(year: i16, month: i8) -> YearMonth {
        YearMonth::new(year, month).expect("valid test month")
    }

    #[test]
    fn new_rejects_bad_months() {
        assert_eq!(YearMonth::new(2024, 0), None);
        assert_eq!(YearMonth::new(2024, 13), None);
        assert_eq!(YearMonth::new(10_000, 1), None);
    }

    #[test]
    fn key_and_display_are_be() {
        assert_eq!(ym(2023, 10).key(), "2566-10");
        assert_eq!(ym(2024, 3).to_string(), "2567-03");
        assert_eq!(ym(2024, 3).be_year(), 2567);
    }

    #[test]
    fn ordering_is_chronological() {
        assert!(ym(2023, 12) < ym(2024, 1));
        assert!(ym(2024, 1) < ym(2024, 2));
        let mut months = vec![ym(2024, 2), ym(2023, 11), ym(2024, 1)];
        months.sort();
        assert_eq!(months, [ym(2023, 11), ym(2024, 1), ym(2024, 2)]);
    }

    #[test]
    fn next_rolls_over_the_year() {
        assert_eq!(ym(2023, 12).next(), Some(ym(2024, 1)));
        assert_eq!(ym(2024, 5).next(), Some(ym(2024, 6)));
        assert_eq!(ym(9999, 12).next(), None);
    }

    #[test]
    fn through_is_inclusive() {
        let keys: Vec<String> = ym(2023, 11)
            .through(ym(2024, 2))
            .map(YearMonth::key)
            .collect();
        assert_eq!(keys, ["2566-11", "2566-12", "2567-01", "2567-02"]);
        assert_eq!(ym(2024, 2).through(ym(2024, 2)).count(), 1);
        assert_eq!(ym(2024, 3).through(ym(2024, 2)).count(), 0);
        assert_eq!(ym(9999, 11).through(ym(9999, 12)).count(), 2);
    }

    #[test]
    fn last_day_knows_leap_years() {
        assert_eq!(ym(2024, 2).last_day(), date(2024, 2, 29));
        assert_eq!(ym(2023, 2).last_day(), date(2023, 2, 28));
        assert_eq!(ym(1900, 2).last_day(), date(1900, 2, 28));
        assert_eq!(ym(2000, 2).last_day(), date(2000, 2, 29));
        assert_eq!(ym(2024, 4).last_day(), date(2024, 4, 30));
        assert_eq!(ym(2024, 12).last_day(), date(2024, 12, 31));
    }

    #[test]
    fn contains_checks_year_and_month() {
        let m = ym(2024, 3);
        assert!(m.contains(date(2024, 3, 1)));
        assert!(m.contains(date(2024, 3, 31)));
        assert!(!m.contains(date(2024, 4, 1)));
        assert!(!m.contains(date(2023, 3, 15)));
    }

    #[test]
    fn from_str_parses() {
        assert_eq!("ต.ค. 2566".parse::<YearMonth>(), Ok(ym(2023, 10)));
    }
}
