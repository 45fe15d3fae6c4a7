//! Checks on what the user types: account numbers, currencies, names, tokens.

use crate::say;
use crate::Lang;

/// Why a field was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Invalid {
    #[error("IBAN {0:?}: wrong length")]
    IbanLength(String),
    #[error("IBAN {0:?}: wrong format")]
    IbanFormat(String),
    #[error("IBAN {0:?}: checksum does not match")]
    IbanChecksum(String),
    #[error("unknown currency {0:?}")]
    Currency(String),
    #[error("the name is empty")]
    EmptyName,
    #[error("the token is empty")]
    EmptyToken,
    #[error("the {0} is longer than {1} characters")]
    TooLong(Field, usize),
    #[error("the {0} has a control character or a line break")]
    ControlCharacters(Field),
    #[error("tax code {0:?}: 8 digits (ЄДРПОУ) or 10 (РНОКПП)")]
    TaxIdFormat(String),
    #[error("tax code {0:?}: the check digit does not match")]
    TaxIdChecksum(String),
}

/// A text field a person types, for the words of its errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Name,
    InvoiceNumber,
    Customer,
    Note,
}

impl std::fmt::Display for Field {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.words(Lang::En))
    }
}

impl Field {
    fn words(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Field::Name, Lang::Uk) => "Назва",
            (Field::Name, Lang::En) => "name",
            (Field::InvoiceNumber, Lang::Uk) => "Номер рахунку",
            (Field::InvoiceNumber, Lang::En) => "invoice number",
            (Field::Customer, Lang::Uk) => "Назва клієнта",
            (Field::Customer, Lang::En) => "customer",
            (Field::Note, Lang::Uk) => "Примітка",
            (Field::Note, Lang::En) => "note",
        }
    }

    /// The most characters this field takes: far more than any real one, few enough for every
    /// screen and export.
    pub fn max_chars(self) -> usize {
        match self {
            Field::Name => 100,
            Field::InvoiceNumber => 50,
            Field::Customer => 300,
            Field::Note => 1000,
        }
    }
}

impl Invalid {
    pub fn code(&self) -> crate::Code {
        match self {
            Invalid::IbanLength(_) | Invalid::IbanFormat(_) | Invalid::IbanChecksum(_) => {
                crate::Code::InvalidIban
            }
            Invalid::Currency(_) => crate::Code::InvalidCurrency,
            Invalid::EmptyName => crate::Code::InvalidName,
            Invalid::EmptyToken => crate::Code::InvalidToken,
            Invalid::TaxIdFormat(_) | Invalid::TaxIdChecksum(_) => crate::Code::InvalidTaxId,
            Invalid::TooLong(f, _) | Invalid::ControlCharacters(f) => match f {
                Field::Name => crate::Code::InvalidName,
                Field::InvoiceNumber => crate::Code::InvalidNumber,
                Field::Customer | Field::Note => crate::Code::InvalidText,
            },
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        match self {
            Invalid::IbanLength(i) => say!(lang, account_number_has_wrong, i),
            Invalid::IbanFormat(i) => say!(lang, account_number_not_iban, i),
            Invalid::IbanChecksum(i) => say!(lang, account_number_has_typo, i),
            Invalid::Currency(c) => say!(lang, unknown_currency_give_iso, format!("{c:?}")),
            Invalid::EmptyName => say!(lang, give_name_for_field),
            Invalid::EmptyToken => say!(lang, token_empty_copy_from),
            Invalid::TaxIdFormat(t) => say!(lang, not_tax_code_has, t),
            Invalid::TaxIdChecksum(t) => say!(lang, tax_code_has_typo, t),
            Invalid::TooLong(f, max) => say!(
                lang,
                takes_most_characters,
                f.words(Lang::Uk),
                max,
                f.words(Lang::En)
            ),
            Invalid::ControlCharacters(f) => say!(
                lang,
                must_one_line_text,
                f.words(Lang::Uk),
                f.words(Lang::En)
            ),
        }
    }
}

/// Normalises (spaces removed, upper case) and checks an IBAN: ISO 13616 mod-97, and for
/// Ukraine exactly 29 characters.
pub fn iban(input: &str) -> Result<String, Invalid> {
    let iban: String = input
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_uppercase();
    let bytes = iban.as_bytes();
    if bytes.len() < 15 || bytes.len() > 34 {
        return Err(Invalid::IbanLength(iban));
    }
    let well_formed = bytes[..2].iter().all(u8::is_ascii_uppercase)
        && bytes[2..4].iter().all(u8::is_ascii_digit)
        && bytes[4..].iter().all(u8::is_ascii_alphanumeric);
    if !well_formed {
        return Err(Invalid::IbanFormat(iban));
    }
    if iban.starts_with("UA") {
        if bytes.len() != 29 {
            return Err(Invalid::IbanLength(iban));
        }
        if !bytes[4..].iter().all(u8::is_ascii_digit) {
            return Err(Invalid::IbanFormat(iban));
        }
    }
    let rearranged = iban[4..].bytes().chain(iban[..4].bytes());
    let mut rem = 0u32;
    for b in rearranged {
        let v = if b.is_ascii_digit() {
            u32::from(b - b'0')
        } else {
            u32::from(b - b'A') + 10
        };
        rem = if v >= 10 {
            (rem * 100 + v) % 97
        } else {
            (rem * 10 + v) % 97
        };
    }
    if rem != 1 {
        return Err(Invalid::IbanChecksum(iban));
    }
    Ok(iban)
}

/// ISO 4217 codes a Ukrainian business account can be held in.
const CURRENCIES: &[&str] = &[
    "UAH", "USD", "EUR", "GBP", "PLN", "CHF", "CZK", "CAD", "JPY", "CNY", "SEK", "NOK", "DKK",
    "HUF", "RON", "BGN", "TRY", "ILS", "AED", "KZT", "MDL", "GEL", "AUD", "SGD", "HKD",
];

/// Normalises and checks a currency code.
pub fn currency(input: &str) -> Result<String, Invalid> {
    let c = input.trim().to_ascii_uppercase();
    if CURRENCIES.contains(&c.as_str()) {
        Ok(c)
    } else {
        Err(Invalid::Currency(input.trim().to_owned()))
    }
}

pub fn name(input: &str) -> Result<String, Invalid> {
    let n = line(input, Field::Name)?;
    if n.is_empty() {
        Err(Invalid::EmptyName)
    } else {
        Ok(n)
    }
}

/// One line of text a person typed, trimmed: refused when it holds a control character, a line
/// break or a bidirectional override (they would garble lists, terminals and exports), or is
/// longer than the field takes. Empty is the caller's to judge.
pub fn line(input: &str, field: Field) -> Result<String, Invalid> {
    let text = input.trim();
    if text.chars().any(|c| {
        c.is_control()
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}')
    }) {
        return Err(Invalid::ControlCharacters(field));
    }
    let max = field.max_chars();
    if text.chars().count() > max {
        return Err(Invalid::TooLong(field, max));
    }
    Ok(text.to_owned())
}

/// A Ukrainian tax code: an 8-digit ЄДРПОУ (a company) or a 10-digit РНОКПП (a person), each with
/// its check digit. Spaces are dropped.
pub fn tax_id(input: &str) -> Result<String, Invalid> {
    let code: String = input.chars().filter(|c| !c.is_whitespace()).collect();
    let digits: Vec<u32> = code.chars().filter_map(|c| c.to_digit(10)).collect();
    if digits.len() != code.chars().count() || !(digits.len() == 8 || digits.len() == 10) {
        return Err(Invalid::TaxIdFormat(input.trim().to_owned()));
    }
    let sound = if digits.len() == 8 {
        edrpou_check(&digits[..7]) == digits[7]
    } else {
        let weights = [-1i64, 5, 7, 9, 4, 6, 10, 5, 7];
        let sum: i64 = digits[..9]
            .iter()
            .zip(weights)
            .map(|(d, w)| i64::from(*d) * w)
            .sum();
        (sum.rem_euclid(11) % 10) as u32 == digits[9]
    };
    if sound {
        Ok(code)
    } else {
        Err(Invalid::TaxIdChecksum(code))
    }
}

/// The ЄДРПОУ check digit of its first seven: weights 1…7 (7, 1…6 for codes from 30 000 000 to
/// 60 000 000), and when that gives 10, the weights plus two; 10 again means 0.
fn edrpou_check(body: &[u32]) -> u32 {
    let value = body.iter().fold(0u32, |a, d| a * 10 + d);
    let weights: [u32; 7] = if (3_000_000..6_000_000).contains(&value) {
        [7, 1, 2, 3, 4, 5, 6]
    } else {
        [1, 2, 3, 4, 5, 6, 7]
    };
    let sum = |extra: u32| -> u32 { body.iter().zip(weights).map(|(d, w)| d * (w + extra)).sum() };
    match sum(0) % 11 {
        10 => match sum(2) % 11 {
            10 => 0,
            check => check,
        },
        check => check,
    }
}

pub use crate::store::is_loopback_host;

crate::error::user_error!(Invalid);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_valid_ibans_in_any_spacing_and_case() {
        for ok in [
            "UA213223130000026007233566001",
            "ua21 3223 1300 0002 6007 2335 6600 1",
            "UA903052992990004149123456789",
            "DE89370400440532013000",
            "GB82WEST12345698765432",
        ] {
            assert!(iban(ok).is_ok(), "{ok}");
        }
        assert_eq!(
            iban("ua21 3223 1300 0002 6007 2335 6600 1").unwrap(),
            "UA213223130000026007233566001"
        );
    }

    #[test]
    fn refuses_bad_ibans_with_the_reason() {
        let check = |input: &str, code: fn(String) -> Invalid| {
            let got = iban(input).unwrap_err();
            let normal: String = input.split_whitespace().collect::<String>().to_uppercase();
            assert_eq!(got, code(normal), "{input}");
        };
        check("UA213223130000026007233566002", Invalid::IbanChecksum);
        check("UA21322313000002600723356600", Invalid::IbanLength);
        check("UA2132231300000260072335660011", Invalid::IbanLength);
        check("UA21322313000002600723356600X", Invalid::IbanFormat);
        check("1234567890123456", Invalid::IbanFormat);
        check("UA21", Invalid::IbanLength);
        check("DE89370400440532013001", Invalid::IbanChecksum);
    }

    #[test]
    fn currencies() {
        assert_eq!(currency(" uah ").unwrap(), "UAH");
        assert_eq!(currency("EUR").unwrap(), "EUR");
        assert!(currency("UAHH").is_err());
        assert!(currency("").is_err());
        assert!(currency("RUB").is_err());
    }

    #[test]
    fn typed_text_is_one_line_of_reasonable_length() {
        assert_eq!(name("  Основний рахунок ").unwrap(), "Основний рахунок");
        assert_eq!(name("  "), Err(Invalid::EmptyName));
        let long = "я".repeat(10_000);
        assert_eq!(name(&long), Err(Invalid::TooLong(Field::Name, 100)));
        for bad in [
            "Два\nрядки",
            "таб\tтут",
            "\u{1b}[31mчервоний",
            "ab\u{202e}cd",
            "\u{7}",
        ] {
            assert_eq!(
                name(bad),
                Err(Invalid::ControlCharacters(Field::Name)),
                "{bad:?}"
            );
        }
        assert_eq!(
            line(&"1".repeat(51), Field::InvoiceNumber)
                .unwrap_err()
                .code(),
            "invalid_number"
        );
        let e = line("a\nb", Field::Customer).unwrap_err();
        assert!(
            e.message(Lang::Uk).contains("Назва клієнта"),
            "{}",
            e.message(Lang::Uk)
        );
    }

    #[test]
    fn tax_codes_have_their_check_digits() {
        // ПриватБанк, Ощадбанк; a РНОКПП computed by hand.
        for ok in ["14360570", "00032129", " 1436 0570 ", "3141592650"] {
            assert!(tax_id(ok).is_ok(), "{ok}");
        }
        assert_eq!(
            tax_id("14360571"),
            Err(Invalid::TaxIdChecksum("14360571".into()))
        );
        assert_eq!(tax_id("3141592653").unwrap_err().code(), "invalid_tax_id");
        for bad in ["1436057", "143605700", "ABCDEFGH", "", "12345678901"] {
            assert!(matches!(tax_id(bad), Err(Invalid::TaxIdFormat(_))), "{bad}");
        }
    }

    #[test]
    fn messages_speak_both_languages() {
        let e = iban("UA213223130000026007233566002").unwrap_err();
        assert!(e.message(Lang::Uk).contains("контрольна сума"));
        assert!(e.message(Lang::En).contains("checksum"));
    }
}
