//! Thai digits ๐–๙ (U+0E50–U+0E59) ↔ Arabic digits 0–9.

use std::borrow::Cow;

const THAI_DIGITS: [char; 10] = ['๐', '๑', '๒', '๓', '๔', '๕', '๖', '๗', '๘', '๙'];

/// Replaces Thai digits with ASCII digits, borrowing when there are none.
pub fn to_arabic_digits(s: &str) -> Cow<'_, str> {
    if s.chars().any(|c| thai_digit_value(c).is_some()) {
        Cow::Owned(s.chars().map(arabic).collect())
    } else {
        Cow::Borrowed(s)
    }
}

/// Replaces ASCII digits with Thai digits.
pub fn to_thai_digits(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_digit() {
                THAI_DIGITS[usize::from(c as u8 - b'0')]
            } else {
                c
            }
        })
        .collect()
}

/// Value of a Thai digit, `None` for any other char.
fn thai_digit_value(c: char) -> Option<u8> {
    // The range check makes the subtraction and narrowing lossless.
    ('๐'..='๙')
        .contains(&c)
        .then(|| (u32::from(c) - u32::from('๐')) as u8)
}

fn arabic(c: char) -> char {
    thai_digit_value(c).map_or(c, |d| char::from(b'0' + d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thai_to_arabic() {
        assert_eq!(to_arabic_digits("๐๑๒๓๔๕๖๗๘๙"), "0123456789");
        assert_eq!(to_arabic_digits("๓1 มี.ค.6๗"), "31 มี.ค.67");
    }

    #[test]
    fn arabic_input_is_borrowed() {
        assert!(matches!(to_arabic_digits("2567-03-31"), Cow::Borrowed(_)));
    }

    #[test]
    fn arabic_to_thai() {
        assert_eq!(to_thai_digits("0123456789"), "๐๑๒๓๔๕๖๗๘๙");
        assert_eq!(to_thai_digits("5 เมษายน 2567"), "๕ เมษายน ๒๕๖๗");
    }

    #[test]
    fn other_digits_untouched() {
        // Arabic-Indic and full-width digits are not Thai or ASCII.
        assert_eq!(to_thai_digits("٣３"), "٣３");
        assert_eq!(to_arabic_digits("٣３"), "٣３");
    }
}
