//! Parsing dates and months written the many ways Thai documents write them.
//!
//! Input is first split into tokens: digit runs, words (with the dots and
//! spaces of abbreviations such as "มี. ค." squeezed out) and separators.
//! The token sequence is then matched against a handful of layouts.

use jiff::civil::Date;

use super::digits::to_arabic_digits;
use super::error::DateError;
use super::months::{Lang, lookup};
use super::year_month::YearMonth;

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    /// A run of ASCII digits (Thai digits are converted first).
    Num(String),
    /// Letters with dots and spaces dropped and ASCII lower-cased.
    Word(String),
    /// A `-`, `/`, `,` or stand-alone `.`.
    Sep(char),
}

use Token::{Num, Sep, Word};

/// An explicit era marker, or the default a 2-digit year falls back to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Era {
    Be,
    Ce,
}

/// What the word in the month position said.
struct MonthWord {
    month: i8,
    era: Option<Era>,
    lang: Lang,
}

/// Parses a date; see the module docs of `thai` for how years are read.
///
/// Accepted layouts (Thai digits allowed anywhere, optional leading "วันที่"):
/// `2024-03-31`, `2567-03-31`, `31/03/2567`, `31/3/67`, `31 มี.ค. 2567`,
/// `31 มีนาคม พ.ศ. 2567`, `31 มี.ค.67`, `31 March 2024`, `March 31, 2024`.
pub fn parse_date(input: &str) -> Result<Date, DateError> {
    let unrecognized = || DateError::unrecognized_date(input);
    let tokens = tokenize(input).ok_or_else(unrecognized)?;
    if tokens.is_empty() {
        return Err(DateError::Empty);
    }
    match strip_leading_word(&tokens, "วันที่") {
        [Num(y), Sep(a), Num(m), Sep(b), Num(d)]
            if a == b && is_numeric_sep(*a) && y.len() == 4 =>
        {
            numeric_date(y, m, d, unrecognized)
        }
        [Num(d), Sep(a), Num(m), Sep(b), Num(y)]
            if a == b && is_numeric_sep(*a) && d.len() <= 2 =>
        {
            numeric_date(y, m, d, unrecognized)
        }
        rest => match without_seps(rest).as_slice() {
            [Num(d), Word(w), Num(y)] | [Word(w), Num(d), Num(y)] => {
                let word = month_word(w)?;
                let year = resolve_year(y, word.era, word.lang)?;
                let day = small_number(d).ok_or_else(unrecognized)?;
                year_month(year, word.month)?.day(day)
            }
            _ => Err(unrecognized()),
        },
    }
}

/// Parses a month such as `2566-10`, `2023-10`, `ต.ค. 2566`, `ตุลาคม 2566`,
/// `10/2566` or `๑๐/๒๕๖๖`; years are read as in [`parse_date`].
pub fn parse_month(input: &str) -> Result<YearMonth, DateError> {
    let unrecognized = || DateError::unrecognized_month(input);
    let tokens = tokenize(input).ok_or_else(unrecognized)?;
    if tokens.is_empty() {
        return Err(DateError::Empty);
    }
    match tokens.as_slice() {
        [Num(y), Sep(s), Num(m)] if is_numeric_sep(*s) && y.len() == 4 => {
            numeric_month(y, m, unrecognized)
        }
        [Num(m), Sep(s), Num(y)] if is_numeric_sep(*s) && m.len() <= 2 => {
            numeric_month(y, m, unrecognized)
        }
        rest => match without_seps(rest).as_slice() {
            [Word(w), Num(y)] => {
                let word = month_word(w)?;
                year_month(resolve_year(y, word.era, word.lang)?, word.month)
            }
            _ => Err(unrecognized()),
        },
    }
}

/// Builds a date from numeric year, month and day strings.
fn numeric_date(
    y: &str,
    m: &str,
    d: &str,
    unrecognized: impl Fn() -> DateError,
) -> Result<Date, DateError> {
    let year = resolve_year(y, None, Lang::Thai)?;
    let month = small_number(m).ok_or_else(&unrecognized)?;
    let day = small_number(d).ok_or_else(&unrecognized)?;
    year_month(year, month)?.day(day)
}

/// Builds a month from numeric year and month strings.
fn numeric_month(
    y: &str,
    m: &str,
    unrecognized: impl Fn() -> DateError,
) -> Result<YearMonth, DateError> {
    let year = resolve_year(y, None, Lang::Thai)?;
    let month = small_number(m).ok_or_else(unrecognized)?;
    year_month(year, month)
}

fn year_month(year: i16, month: i8) -> Result<YearMonth, DateError> {
    // `year` is already range-checked, so only the month can be wrong here.
    YearMonth::new(year, month).ok_or(DateError::InvalidMonth(month))
}

/// Turns a written year into CE.
///
/// Four digits: BE when above 2400, else CE, unless `era` says otherwise.
/// Two digits: BE 25xx, except after an English month name (20xx CE),
/// since "31 Mar 24" means 2024 to anyone writing in English.
fn resolve_year(digits: &str, era: Option<Era>, lang: Lang) -> Result<i16, DateError> {
    let invalid = || DateError::invalid_year(digits);
    if !matches!(digits.len(), 2 | 4) {
        return Err(invalid());
    }
    let value: i32 = digits.parse().map_err(|_| invalid())?;
    let two_digit_era = match lang {
        Lang::Thai => Era::Be,
        Lang::English => Era::Ce,
    };
    let ce = match (digits.len(), era) {
        (2, era) => match era.unwrap_or(two_digit_era) {
            Era::Be => 2500 + value - 543,
            Era::Ce => 2000 + value,
        },
        (_, Some(Era::Be)) => value - 543,
        (_, Some(Era::Ce)) => value,
        (_, None) if value > 2400 => value - 543,
        (_, None) => value,
    };
    i16::try_from(ce)
        .ok()
        .filter(|y| (1..=9999).contains(y))
        .ok_or_else(invalid)
}

/// Reads a month word, allowing a "เดือน" prefix and a trailing era marker.
fn month_word(word: &str) -> Result<MonthWord, DateError> {
    let word = word.strip_prefix("เดือน").unwrap_or(word);
    let (name, era) = split_era(word);
    let (month, lang) = lookup(name).ok_or_else(|| DateError::unknown_month(name))?;
    Ok(MonthWord { month, era, lang })
}

/// Splits "พ.ศ."/"ค.ศ." off the end of a squeezed word ("มีคพศ" → "มีค").
fn split_era(word: &str) -> (&str, Option<Era>) {
    if let Some(name) = word.strip_suffix("พศ") {
        (name, Some(Era::Be))
    } else if let Some(name) = word.strip_suffix("คศ") {
        (name, Some(Era::Ce))
    } else {
        (word, None)
    }
}

/// A day or month number of at most two digits (so it fits an `i8`).
fn small_number(digits: &str) -> Option<i8> {
    if digits.len() <= 2 {
        digits.parse().ok()
    } else {
        None
    }
}

fn is_numeric_sep(c: char) -> bool {
    matches!(c, '-' | '/' | '.')
}

fn strip_leading_word<'a>(tokens: &'a [Token], word: &str) -> &'a [Token] {
    match tokens.split_first() {
        Some((Word(w), rest)) if w == word => rest,
        _ => tokens,
    }
}

/// Separators carry no meaning once a month is written as a word.
fn without_seps(tokens: &[Token]) -> Vec<&Token> {
    tokens.iter().filter(|t| !matches!(t, Sep(_))).collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Digit,
    Letter,
    Dot,
    Sep,
    Space,
    /// Zero-width characters Thai text often carries for line breaking.
    Invisible,
    Other,
}

impl Class {
    fn of(c: char) -> Self {
        match c {
            '0'..='9' => Self::Digit,
            '.' => Self::Dot,
            '-' | '/' | ',' => Self::Sep,
            '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => {
                Self::Invisible
            }
            // Thai vowel and tone marks are not `is_alphabetic`, hence the range.
            '\u{0E01}'..='\u{0E4F}' => Self::Letter,
            c if c.is_alphabetic() => Self::Letter,
            c if c.is_whitespace() => Self::Space,
            _ => Self::Other,
        }
    }
}

/// Splits input into tokens; `None` if it holds a character no date uses.
fn tokenize(input: &str) -> Option<Vec<Token>> {
    let mut tokens = Vec::new();
    let mut after_space = false;
    for c in to_arabic_digits(input).chars() {
        let class = Class::of(c);
        match (class, tokens.last_mut()) {
            // A space ends a number ("31 03") but not a word ("มี. ค.").
            (Class::Digit, Some(Num(n))) if !after_space => n.push(c),
            (Class::Digit, _) => tokens.push(Num(c.to_string())),
            (Class::Letter, Some(Word(w))) => w.push(c.to_ascii_lowercase()),
            (Class::Letter, _) => tokens.push(Word(c.to_ascii_lowercase().to_string())),
            // Dots inside or after a word belong to an abbreviation.
            (Class::Dot, Some(Word(_))) => {}
            (Class::Dot | Class::Sep, _) => tokens.push(Sep(c)),
            (Class::Space | Class::Invisible, _) => {}
            (Class::Other, _) => return None,
        }
        if class != Class::Invisible {
            after_space = class == Class::Space;
        }
    }
    Some(tokens)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn ym(year: i16, month: i8) -> YearMonth {
        YearMonth::new(year, month).expect("valid test month")
    }

    #[track_caller]
    fn assert_date(input: &str, want: Date) {
        assert_eq!(parse_date(input), Ok(want), "input {input:?}");
    }

    #[track_caller]
    fn assert_month(input: &str, want: YearMonth) {
        assert_eq!(parse_month(input), Ok(want), "input {input:?}");
    }

    #[test]
    fn iso_ce_and_be() {
        assert_date("2024-03-31", date(2024, 3, 31));
        assert_date("2567-03-31", date(2024, 3, 31));
        assert_date(" 2024-3-1 ", date(2024, 3, 1));
        assert_date("2567/03/31", date(2024, 3, 31));
    }

    #[test]
    fn thai_digits_anywhere() {
        assert_date("๒๕๖๗-๐๓-๓๑", date(2024, 3, 31));
        assert_date("๓๑ มีนาคม ๒๕๖๗", date(2024, 3, 31));
        assert_date("๓1 มี.ค.6๗", date(2024, 3, 31));
        assert_date("๓๑/๐๓/๒๕๖๗", date(2024, 3, 31));
    }

    #[test]
    fn thai_month_names() {
        assert_date("31 มี.ค. 2567", date(2024, 3, 31));
        assert_date("31 มีนาคม 2567", date(2024, 3, 31));
        assert_date("31 มีค 2567", date(2024, 3, 31));
        assert_date("31 มี.ค 2567", date(2024, 3, 31));
        assert_date("31มี.ค.2567", date(2024, 3, 31));
        assert_date("31 มี. ค. 2567", date(2024, 3, 31));
        assert_date("1 ต.ค. 2566", date(2023, 10, 1));
        assert_date("5 เมษา 67", date(2024, 4, 5));
    }

    #[test]
    fn two_digit_years_are_be_25xx() {
        assert_date("31 มี.ค.67", date(2024, 3, 31));
        assert_date("31 มี.ค. 67", date(2024, 3, 31));
        assert_date("31/3/67", date(2024, 3, 31));
        assert_date("1 ม.ค. 00", date(1957, 1, 1));
        assert_date("31 ธ.ค. 99", date(2056, 12, 31));
    }

    #[test]
    fn slashes_are_day_month_year() {
        assert_date("31/3/2567", date(2024, 3, 31));
        assert_date("31/03/2024", date(2024, 3, 31));
        assert_date("1/2/2024", date(2024, 2, 1));
        assert_date("31-03-2567", date(2024, 3, 31));
        assert_date("31.03.2567", date(2024, 3, 31));
    }

    #[test]
    fn optional_prefix_and_era_markers() {
        assert_date("วันที่ 31 มีนาคม 2567", date(2024, 3, 31));
        assert_date("วันที่ 31 มีนาคม พ.ศ. 2567", date(2024, 3, 31));
        assert_date("วันที่๓๑ มี.ค. พ.ศ.๒๕๖๗", date(2024, 3, 31));
        assert_date("วันที่ 31/03/2567", date(2024, 3, 31));
        assert_date("31 มีนาคม ค.ศ. 2024", date(2024, 3, 31));
        assert_date("31 มีนาคม พศ 67", date(2024, 3, 31));
        assert_date("31 มีนาคม ค.ศ. 24", date(2024, 3, 31));
        // An explicit marker beats the "> 2400 means BE" rule.
        assert_date("1 มกราคม พ.ศ. 2400", date(1857, 1, 1));
    }

    #[test]
    fn english_month_names() {
        assert_date("5 April 2024", date(2024, 4, 5));
        assert_date("5 Apr 2024", date(2024, 4, 5));
        assert_date("31-Mar-2024", date(2024, 3, 31));
        assert_date("March 31, 2024", date(2024, 3, 31));
        assert_date("5 april 2567", date(2024, 4, 5));
        // Two-digit years after an English month name are 20xx CE.
        assert_date("31 Mar 24", date(2024, 3, 31));
    }

    #[test]
    fn zero_width_spaces_are_ignored() {
        assert_date("31\u{200B}มีนา\u{200B}คม 2567", date(2024, 3, 31));
        assert_date("\u{FEFF}2567-03-31", date(2024, 3, 31));
    }

    #[test]
    fn impossible_dates_are_rejected() {
        let feb = DateError::NoSuchDay {
            year: 2024,
            month: 2,
            day: 31,
            days_in_month: 29,
        };
        assert_eq!(parse_date("31/02/2567"), Err(feb));
        assert_eq!(parse_date("2567-13-01"), Err(DateError::InvalidMonth(13)));
        assert_eq!(parse_date("2567-00-01"), Err(DateError::InvalidMonth(0)));
        assert!(matches!(
            parse_date("0/1/2567"),
            Err(DateError::NoSuchDay { day: 0, .. })
        ));
        assert!(matches!(
            parse_date("29 ก.พ. 2566"),
            Err(DateError::NoSuchDay { .. })
        ));
        assert_eq!(parse_date("29 ก.พ. 2567"), Ok(date(2024, 2, 29)));
    }

    #[test]
    fn empty_and_garbage() {
        assert_eq!(parse_date(""), Err(DateError::Empty));
        assert_eq!(parse_date("   \u{200B} "), Err(DateError::Empty));
        for input in [
            "garbage",
            "วันที่",
            "31 มี.ค.",
            "2567",
            "20240331",
            "31 03 2567",
            "31/03-2567",
            "2024-03-31T10:00",
            "31 มี.ค. 2567 🙂",
            "1/1/1/1",
        ] {
            assert!(
                matches!(parse_date(input), Err(DateError::UnrecognizedDate(_))),
                "{input:?} gave {:?}",
                parse_date(input)
            );
        }
    }

    #[test]
    fn bad_words_and_years() {
        assert_eq!(
            parse_date("31 มีน 2567"),
            Err(DateError::UnknownMonth("มีน".into()))
        );
        assert!(matches!(
            parse_date("31 พ.ศ. 2567"),
            Err(DateError::UnknownMonth(_))
        ));
        for input in [
            "31/03/256",
            "31/3/7",
            "0000-01-01",
            "99999999999999999999999-01-01",
            "1/1/99999999999999999999999",
            "31 มี.ค. ค.ศ. 0000",
        ] {
            assert!(
                matches!(parse_date(input), Err(DateError::InvalidYear(_)))
                    || matches!(parse_date(input), Err(DateError::UnrecognizedDate(_))),
                "{input:?} gave {:?}",
                parse_date(input)
            );
        }
        assert!(matches!(
            parse_date("31/3/7"),
            Err(DateError::InvalidYear(_))
        ));
        assert!(matches!(
            parse_date("0000-01-01"),
            Err(DateError::InvalidYear(_))
        ));
    }

    #[test]
    fn errors_speak_both_languages() {
        let err = parse_date("31/02/2567").expect_err("no 31 February");
        assert!(
            err.message_th().contains("กุมภาพันธ์ 2567"),
            "{}",
            err.message_th()
        );
        assert!(
            err.message_en().contains("February 2024"),
            "{}",
            err.message_en()
        );
        let err = parse_date("garbage").expect_err("not a date");
        assert!(err.message_th().contains("garbage") && err.message_en().contains("garbage"));
    }

    #[test]
    fn months() {
        assert_month("2566-10", ym(2023, 10));
        assert_month("2023-10", ym(2023, 10));
        assert_month("ต.ค. 2566", ym(2023, 10));
        assert_month("ตค 2566", ym(2023, 10));
        assert_month("ตุลาคม 2566", ym(2023, 10));
        assert_month("เดือนตุลาคม พ.ศ. 2566", ym(2023, 10));
        assert_month("10/2566", ym(2023, 10));
        assert_month("10/66", ym(2023, 10));
        assert_month("ต.ค. 66", ym(2023, 10));
        assert_month("ต.ค.66", ym(2023, 10));
        assert_month("๒๕๖๖-๑๐", ym(2023, 10));
        assert_month("ตุลาคม ๒๕๖๖", ym(2023, 10));
        assert_month("๑๐/๒๕๖๖", ym(2023, 10));
        assert_month("October 2023", ym(2023, 10));
        assert_month("Oct 23", ym(2023, 10));
    }

    #[test]
    fn bad_months() {
        assert_eq!(parse_month(""), Err(DateError::Empty));
        assert_eq!(parse_month("2566-13"), Err(DateError::InvalidMonth(13)));
        assert_eq!(parse_month("0/2566"), Err(DateError::InvalidMonth(0)));
        assert!(matches!(
            parse_month("2566"),
            Err(DateError::UnrecognizedMonth(_))
        ));
        assert!(matches!(
            parse_month("2566-10-01"),
            Err(DateError::UnrecognizedMonth(_))
        ));
        assert!(matches!(
            parse_month("ตุลาคม"),
            Err(DateError::UnrecognizedMonth(_))
        ));
        assert!(matches!(
            parse_month("ตุลาๆ 2566"),
            Err(DateError::UnknownMonth(_))
        ));
        assert!(matches!(
            parse_month("10/7"),
            Err(DateError::InvalidYear(_))
        ));
    }
}
