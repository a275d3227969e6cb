//! Property tests: formatting round-trips, parser robustness, lower-casing.

use jiff::civil::{Date, date};
use proptest::prelude::*;

use super::*;

/// Any valid date between `from` and `to` CE (inclusive years).
fn date_in(from: i16, to: i16) -> impl Strategy<Value = Date> {
    (from..=to, 1..=12i8, 1..=31i8).prop_map(|(y, m, d)| {
        // Clamp the day rather than filter, so no cases are rejected.
        let month = date(y, m, 1);
        date(y, m, d.min(month.days_in_month()))
    })
}

fn any_date() -> impl Strategy<Value = Date> {
    date_in(1900, 2200)
}

fn any_year_month() -> impl Strategy<Value = YearMonth> {
    any_date().prop_map(YearMonth::from)
}

/// Strings built from the characters dates are made of, to reach deep paths.
fn date_like() -> impl Strategy<Value = String> {
    proptest::string::string_regex(
        "(วันที่)?[0-9๐-๙]{0,25}[ ./,\\-]{0,3}(มี.ค.|ตุลาคม|Oct|พ.ศ.|ค.ศ.|เดือน|[ก-ฮ.])?[0-9๐-๙ ./\\-]{0,25}",
    )
    .expect("valid regex")
}

proptest! {
    #[test]
    fn lowercase_is_str_to_lowercase(s in "[a-zA-Z0-9ก-๛ ΣΑÄİẞ.\\-]{0,40}") {
        prop_assert_eq!(lowercase(&s), s.to_lowercase());
    }

    #[test]
    fn long_form_round_trips(d in any_date()) {
        prop_assert_eq!(parse_date(&format_long(d)), Ok(d));
    }

    #[test]
    fn english_long_form_round_trips(d in any_date()) {
        prop_assert_eq!(parse_date(&format_long_en(d)), Ok(d));
    }

    // Two-digit years are read as BE 25xx, i.e. 1957–2056 CE.
    #[test]
    fn short_form_round_trips_in_be_2500s(d in date_in(2500 - 543, 2599 - 543)) {
        prop_assert_eq!(parse_date(&format_short(d)), Ok(d));
    }

    #[test]
    fn be_iso_round_trips(d in any_date()) {
        let be_iso = format!("{:04}-{:02}-{:02}", i32::from(d.year()) + 543, d.month(), d.day());
        prop_assert_eq!(parse_date(&be_iso), Ok(d));
        prop_assert_eq!(parse_date(&to_thai_digits(&be_iso)), Ok(d));
    }

    #[test]
    fn ce_iso_round_trips(d in any_date()) {
        prop_assert_eq!(parse_date(&d.to_string()), Ok(d));
    }

    #[test]
    fn thai_digit_forms_round_trip(d in any_date()) {
        prop_assert_eq!(parse_date(&to_thai_digits(&format_long(d))), Ok(d));
        let slashed = format!("{}/{}/{}", d.day(), d.month(), i32::from(d.year()) + 543);
        prop_assert_eq!(parse_date(&to_thai_digits(&slashed)), Ok(d));
    }

    #[test]
    fn month_key_round_trips(ym in any_year_month()) {
        prop_assert_eq!(parse_month(&ym.key()), Ok(ym));
        prop_assert_eq!(parse_month(&format_month_long(ym)), Ok(ym));
        prop_assert_eq!(parse_month(&to_thai_digits(&ym.key())), Ok(ym));
    }

    #[test]
    fn month_contains_its_days(d in any_date()) {
        let ym = YearMonth::from(d);
        prop_assert!(ym.contains(d));
        prop_assert!(ym.first_day() <= d && d <= ym.last_day());
    }

    #[test]
    fn every_day_of_a_fiscal_year_maps_back(be in 2443u16..=2743) {
        let fy = FiscalYear::new(be).expect("in range");
        let mut day = fy.start();
        let mut count = 0;
        while day <= fy.end() {
            prop_assert_eq!(FiscalYear::of_date(day), Some(fy));
            prop_assert!(fy.contains(day));
            count += 1;
            day = day.tomorrow().expect("far from jiff's limits");
        }
        prop_assert!(count == 365 || count == 366);
        prop_assert_eq!(fy.months().iter().map(|m| i32::from(m.last_day().day())).sum::<i32>(), count);
    }

    #[test]
    fn parsers_never_panic(s in any::<String>()) {
        let _ = parse_date(&s);
        let _ = parse_month(&s);
    }

    #[test]
    fn parsers_never_panic_on_date_like_text(s in date_like()) {
        let _ = parse_date(&s);
        let _ = parse_month(&s);
    }

    #[test]
    fn errors_always_have_both_messages(s in date_like()) {
        if let Err(e) = parse_date(&s) {
            prop_assert!(!e.message_th().is_empty() && !e.message_en().is_empty());
        }
    }
}
