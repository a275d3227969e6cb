//! The Thai government fiscal year (ปีงบประมาณ): FY N (BE) runs from
//! 1 October of BE N−1 to 30 September of BE N.

use std::fmt;
use std::ops::RangeInclusive;

use jiff::civil::{Date, date};

use super::today;
use super::year_month::YearMonth;

/// A Thai fiscal year, identified by its BE year (FY 2567 = 2023-10-01 … 2024-09-30).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FiscalYear(u16);

/// First BE fiscal year whose start (1 Oct 1 CE) is a representable date.
const MIN_BE: u16 = 545;
/// Last BE fiscal year whose end (30 Sep 9999 CE) jiff can represent.
const MAX_BE: u16 = 10_542;

impl FiscalYear {
    /// The fiscal year BE `be`, if its dates fall in 0001–9999 CE.
    pub fn new(be: u16) -> Option<Self> {
        (MIN_BE..=MAX_BE).contains(&be).then_some(Self(be))
    }

    /// The fiscal year `date` falls in (`None` outside 0001-10-01…9999-09-30).
    pub fn of_date(date: Date) -> Option<Self> {
        // October starts the next fiscal year.
        let be = i32::from(date.year()) + 543 + i32::from(date.month() >= 10);
        u16::try_from(be).ok().and_then(Self::new)
    }

    /// The fiscal year of today's date in Thailand.
    pub fn current() -> Self {
        // Only a clock set past 9999-09-30 misses; clamp rather than panic.
        Self::of_date(today()).unwrap_or(Self(MAX_BE))
    }

    /// The BE year that names this fiscal year.
    pub fn be_year(self) -> u16 {
        self.0
    }

    /// 1 October of the previous year.
    pub fn start(self) -> Date {
        // `new` keeps every date built here within jiff's range.
        date(self.ce_end_year() - 1, 10, 1)
    }

    /// 30 September.
    pub fn end(self) -> Date {
        date(self.ce_end_year(), 9, 30)
    }

    /// Whether `date` lies within this fiscal year.
    pub fn contains(self, date: Date) -> bool {
        (self.start()..=self.end()).contains(&date)
    }

    /// The twelve months, October first.
    pub fn months(self) -> [YearMonth; 12] {
        std::array::from_fn(|i| {
            // i < 12: October..December of the start year, then January..
            let (year, month) = if i < 3 {
                (self.ce_end_year() - 1, 10 + i as i8)
            } else {
                (self.ce_end_year(), i as i8 - 2)
            };
            YearMonth::from(date(year, month, 1))
        })
    }

    /// Quarter `q` (1 = Oct–Dec … 4 = Jul–Sep), `None` unless 1 ≤ q ≤ 4.
    pub fn quarter(self, q: u8) -> Option<RangeInclusive<Date>> {
        let first = usize::from(q.checked_sub(1).filter(|i| *i < 4)?) * 3;
        let months = self.months();
        Some(months[first].first_day()..=months[first + 2].last_day())
    }

    /// The first half, 1 October – 31 March (the ITA six-month report period).
    pub fn first_half(self) -> RangeInclusive<Date> {
        self.start()..=date(self.ce_end_year(), 3, 31)
    }

    /// CE year in which the fiscal year ends.
    fn ce_end_year(self) -> i16 {
        // MAX_BE − 543 = 9999, so the narrowing cannot overflow.
        (self.0 - 543) as i16
    }
}

/// Shows the BE year, e.g. `2567`.
impl fmt::Display for FiscalYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fy(be: u16) -> FiscalYear {
        FiscalYear::new(be).expect("valid test fiscal year")
    }

    #[test]
    fn fy2567_bounds() {
        assert_eq!(fy(2567).start(), date(2023, 10, 1));
        assert_eq!(fy(2567).end(), date(2024, 9, 30));
        assert_eq!(fy(2567).to_string(), "2567");
    }

    #[test]
    fn of_date_switches_on_1_october() {
        assert_eq!(FiscalYear::of_date(date(2023, 9, 30)), Some(fy(2566)));
        assert_eq!(FiscalYear::of_date(date(2023, 10, 1)), Some(fy(2567)));
        assert_eq!(FiscalYear::of_date(date(2024, 3, 31)), Some(fy(2567)));
        assert_eq!(FiscalYear::of_date(date(2024, 9, 30)), Some(fy(2567)));
        assert_eq!(FiscalYear::of_date(date(2024, 10, 1)), Some(fy(2568)));
    }

    #[test]
    fn of_date_outside_range() {
        assert_eq!(FiscalYear::of_date(date(9999, 10, 1)), None);
        assert_eq!(FiscalYear::of_date(date(1, 9, 30)), None);
        assert_eq!(FiscalYear::of_date(date(-50, 1, 1)), None);
        assert_eq!(FiscalYear::of_date(date(1, 10, 1)), Some(fy(MIN_BE)));
        assert_eq!(FiscalYear::of_date(date(9999, 9, 30)), Some(fy(MAX_BE)));
    }

    #[test]
    fn new_bounds() {
        assert_eq!(FiscalYear::new(0), None);
        assert_eq!(FiscalYear::new(MIN_BE - 1), None);
        assert_eq!(FiscalYear::new(MAX_BE + 1), None);
        assert_eq!(FiscalYear::new(u16::MAX), None);
        assert_eq!(fy(MIN_BE).start(), date(1, 10, 1));
        assert_eq!(fy(MAX_BE).end(), date(9999, 9, 30));
    }

    #[test]
    fn contains() {
        let year = fy(2567);
        assert!(year.contains(date(2023, 10, 1)));
        assert!(year.contains(date(2024, 9, 30)));
        assert!(!year.contains(date(2023, 9, 30)));
        assert!(!year.contains(date(2024, 10, 1)));
    }

    #[test]
    fn months_run_october_to_september() {
        let keys: Vec<String> = fy(2567).months().iter().map(|m| m.key()).collect();
        assert_eq!(
            keys,
            [
                "2566-10", "2566-11", "2566-12", "2567-01", "2567-02", "2567-03", "2567-04",
                "2567-05", "2567-06", "2567-07", "2567-08", "2567-09",
            ]
        );
        let months = fy(MAX_BE).months();
        assert_eq!(months[11].last_day(), date(9999, 9, 30));
    }

    #[test]
    fn quarters() {
        let year = fy(2567);
        assert_eq!(
            year.quarter(1),
            Some(date(2023, 10, 1)..=date(2023, 12, 31))
        );
        assert_eq!(year.quarter(2), Some(date(2024, 1, 1)..=date(2024, 3, 31)));
        assert_eq!(year.quarter(3), Some(date(2024, 4, 1)..=date(2024, 6, 30)));
        assert_eq!(year.quarter(4), Some(date(2024, 7, 1)..=date(2024, 9, 30)));
        assert_eq!(year.quarter(0), None);
        assert_eq!(year.quarter(5), None);
    }

    #[test]
    fn first_half_is_october_to_march() {
        assert_eq!(fy(2567).first_half(), date(2023, 10, 1)..=date(2024, 3, 31));
        assert!(fy(2567).first_half().contains(&date(2024, 2, 29)));
    }

    #[test]
    fn current_contains_today() {
        assert!(FiscalYear::current().contains(today()));
    }
}
