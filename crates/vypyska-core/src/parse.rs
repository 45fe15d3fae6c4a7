//! Amounts and dates as a Ukrainian accountant types them, read one way everywhere: the CLI's
//! arguments, the app's forms and the invoice files. What they accept is what the app prints
//! (`1 234,56`, `01.12.2026`); what they refuse is said in words.

use crate::say;
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use crate::Lang;

/// Why typed text is not an amount or a date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    #[error("{0:?} is not an amount")]
    NotAnAmount(String),
    #[error("{0:?} has more than two decimals")]
    TooManyDecimals(String),
    #[error("{0:?} is not above zero")]
    NotPositive(String),
    #[error("{0:?} is beyond any real amount")]
    TooLarge(String),
    #[error("{0:?} is not a date")]
    NotADate(String),
    #[error("{0:?}: the year must be written in full")]
    ShortYear(String),
}

impl ParseError {
    pub fn code(&self) -> crate::Code {
        match self {
            ParseError::NotADate(_) | ParseError::ShortYear(_) => crate::Code::BadDate,
            _ => crate::Code::InvalidAmount,
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        match self {
            ParseError::NotAnAmount(t) => say!(lang, not_amount_write_digits, t),
            ParseError::TooManyDecimals(t) => say!(lang, most_two_decimals_cents, t),
            ParseError::NotPositive(t) => say!(lang, typed_amount_not_positive, t),
            ParseError::TooLarge(t) => say!(lang, amount_must_below_trillion, t),
            ParseError::NotADate(t) => say!(lang, not_date_write_dd, t),
            ParseError::ShortYear(t) => say!(lang, write_year_full_four, t),
        }
    }
}

/// The largest amount a person may type: below a trillion, so sums stay exact in minor units.
const LIMIT: i64 = 1_000_000_000_000;

/// An amount above zero: digits, grouped by spaces (plain, non-breaking or narrow) if liked,
/// and up to two decimals after a comma or a point. Signs, exponents, underscores and a second
/// separator (`1,234.50`, ambiguous) are refused. Always two decimals back: `1,5` is `1.50`.
pub fn amount(text: &str) -> Result<Decimal, ParseError> {
    let typed = text.trim();
    let not = || ParseError::NotAnAmount(typed.to_owned());
    let compact: String = typed
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
        .collect();
    let (whole, fraction) = match compact.find([',', '.']) {
        Some(at) => (&compact[..at], Some(&compact[at + 1..])),
        None => (compact.as_str(), None),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || fraction.is_some_and(|f| !digits(f)) {
        return Err(not());
    }
    if fraction.is_some_and(|f| f.len() > 2) {
        return Err(ParseError::TooManyDecimals(typed.to_owned()));
    }
    let mut value: Decimal = format!("{whole}.{}", fraction.unwrap_or("0"))
        .parse()
        .map_err(|_| ParseError::TooLarge(typed.to_owned()))?;
    if value.is_zero() {
        return Err(ParseError::NotPositive(typed.to_owned()));
    }
    if value >= Decimal::from(LIMIT) {
        return Err(ParseError::TooLarge(typed.to_owned()));
    }
    value.rescale(2);
    Ok(value)
}

/// A date as `ДД.ММ.РРРР` (also `Д.М.РРРР`) or `РРРР-ММ-ДД`, with the year in full and between
/// 1990 and 2100; `26-01-01` is not the year 26.
pub fn date(text: &str) -> Result<NaiveDate, ParseError> {
    let typed = text.trim();
    let not = || ParseError::NotADate(typed.to_owned());
    let parts: Vec<&str> = typed.split(['.', '-', '/']).collect();
    let [a, b, c] = parts[..] else {
        return Err(not());
    };
    if ![a, b, c]
        .iter()
        .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(not());
    }
    let (year, month, day) = if a.len() == 4 {
        (a, b, c)
    } else if c.len() == 4 {
        (c, b, a)
    } else if a.len() <= 2 && c.len() <= 2 {
        return Err(ParseError::ShortYear(typed.to_owned()));
    } else {
        return Err(not());
    };
    let (Ok(y), Ok(m), Ok(d)) = (year.parse(), month.parse(), day.parse()) else {
        return Err(not());
    };
    let date = NaiveDate::from_ymd_opt(y, m, d).ok_or_else(not)?;
    if !(1990..=2100).contains(&date.year()) {
        return Err(not());
    }
    Ok(date)
}

crate::error::user_error!(ParseError);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_as_accountants_type_them() {
        for (typed, read) in [
            ("1,5", "1.50"),
            ("1 000,00", "1000.00"),
            ("1\u{a0}234,56", "1234.56"),
            ("1\u{202f}234.5", "1234.50"),
            ("12500", "12500.00"),
            ("0.01", "0.01"),
            (" 999 999 999 999,99 ", "999999999999.99"),
        ] {
            assert_eq!(amount(typed).unwrap().to_string(), read, "{typed:?}");
        }
        for (typed, code) in [
            ("1e3", ParseError::NotAnAmount as fn(String) -> ParseError),
            ("1_000", ParseError::NotAnAmount),
            ("+12", ParseError::NotAnAmount),
            ("-5", ParseError::NotAnAmount),
            ("1,234.50", ParseError::NotAnAmount),
            ("12,50,1", ParseError::NotAnAmount),
            ("сто", ParseError::NotAnAmount),
            ("", ParseError::NotAnAmount),
            (",5", ParseError::NotAnAmount),
            ("5,", ParseError::NotAnAmount),
            ("1.005", ParseError::TooManyDecimals),
            ("0,00", ParseError::NotPositive),
            ("1 000 000 000 000", ParseError::TooLarge),
            ("10000000000000000000000000000000", ParseError::TooLarge),
        ] {
            assert_eq!(
                amount(typed),
                Err(code(typed.trim().to_owned())),
                "{typed:?}"
            );
        }
        let e = amount("1e3").unwrap_err();
        assert_eq!(e.code(), "invalid_amount");
        assert!(e.message(Lang::Uk).contains("1 234,56"));
    }

    #[test]
    fn dates_with_the_year_in_full() {
        for (typed, read) in [
            ("01.12.2026", "2026-12-01"),
            ("1.2.2026", "2026-02-01"),
            ("2026-01-15", "2026-01-15"),
            ("15/01/2026", "2026-01-15"),
            ("15-01-2026", "2026-01-15"),
        ] {
            assert_eq!(date(typed).unwrap().to_string(), read, "{typed:?}");
        }
        for typed in ["26-01-01", "01.12.26", "1.1.26"] {
            assert_eq!(
                date(typed),
                Err(ParseError::ShortYear(typed.into())),
                "{typed}"
            );
        }
        for typed in [
            "31.02.2026",
            "2026-13-01",
            "завтра",
            "",
            "01.12.0026",
            "2026.12.01x",
            "2026-12",
            "1e3.1.2026",
        ] {
            assert!(date(typed).is_err(), "{typed}");
        }
        assert!(date("26-01-01")
            .unwrap_err()
            .message(Lang::Uk)
            .contains("чотирма"));
    }
}
