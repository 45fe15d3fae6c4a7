//! The total in words ("сума прописом") that every Ukrainian invoice carries: hryvnias in words
//! with their agreement, kopecks as two digits — "Одна тисяча двісті тридцять чотири гривні
//! 56 копійок".

use rust_decimal::Decimal;

/// The largest sum an invoice (and the NBU payment code) takes.
pub fn max_amount() -> Decimal {
    Decimal::new(99_999_999_999, 2)
}

/// A sum the words cannot say: below zero, past 999 999 999,99 ₴, or finer than a kopeck.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0} cannot be written in words (0 to 999 999 999.99, whole kopecks)")]
pub struct Unsayable(pub Decimal);

/// Grammatical gender of what is counted: "один мільйон", "одна тисяча", "одна гривня".
#[derive(Clone, Copy, PartialEq, Eq)]
enum Gender {
    Masculine,
    Feminine,
}

/// The three forms a Ukrainian noun takes after a number: 1 (and 21, 101 …), 2–4 (and 22–24
/// …), and the rest (0, 5–20, 25–30 …, and every number ending in 11–14).
struct Forms {
    one: &'static str,
    few: &'static str,
    many: &'static str,
}

const HRYVNIA: Forms = Forms {
    one: "гривня",
    few: "гривні",
    many: "гривень",
};
const KOPECK: Forms = Forms {
    one: "копійка",
    few: "копійки",
    many: "копійок",
};
const THOUSAND: Forms = Forms {
    one: "тисяча",
    few: "тисячі",
    many: "тисяч",
};
const MILLION: Forms = Forms {
    one: "мільйон",
    few: "мільйони",
    many: "мільйонів",
};

impl Forms {
    fn after(&self, n: u64) -> &'static str {
        match (n % 100, n % 10) {
            (11..=14, _) => self.many,
            (_, 1) => self.one,
            (_, 2..=4) => self.few,
            _ => self.many,
        }
    }
}

const UNITS: [&str; 10] = [
    "",
    "один",
    "два",
    "три",
    "чотири",
    "п'ять",
    "шість",
    "сім",
    "вісім",
    "дев'ять",
];
const TEENS: [&str; 10] = [
    "десять",
    "одинадцять",
    "дванадцять",
    "тринадцять",
    "чотирнадцять",
    "п'ятнадцять",
    "шістнадцять",
    "сімнадцять",
    "вісімнадцять",
    "дев'ятнадцять",
];
const TENS: [&str; 10] = [
    "",
    "",
    "двадцять",
    "тридцять",
    "сорок",
    "п'ятдесят",
    "шістдесят",
    "сімдесят",
    "вісімдесят",
    "дев'яносто",
];
const HUNDREDS: [&str; 10] = [
    "",
    "сто",
    "двісті",
    "триста",
    "чотириста",
    "п'ятсот",
    "шістсот",
    "сімсот",
    "вісімсот",
    "дев'ятсот",
];

/// 1–999 in words, in the gender of what follows; nothing for 0.
fn triple(n: u64, gender: Gender, words: &mut Vec<&'static str>) {
    let (h, t, u) = (
        (n / 100) as usize,
        (n / 10 % 10) as usize,
        (n % 10) as usize,
    );
    if h > 0 {
        words.push(HUNDREDS[h]);
    }
    match t {
        1 => words.push(TEENS[u]),
        _ => {
            if t > 1 {
                words.push(TENS[t]);
            }
            match (u, gender) {
                (0, _) => {}
                (1, Gender::Feminine) => words.push("одна"),
                (2, Gender::Feminine) => words.push("дві"),
                _ => words.push(UNITS[u]),
            }
        }
    }
}

/// The hryvnias of `n` in words with "гривня" agreed: "двадцять одна тисяча гривень".
fn hryvnias(n: u64) -> String {
    let mut words = Vec::new();
    if n == 0 {
        words.push("нуль");
    }
    let (millions, thousands, rest) = (n / 1_000_000, n / 1000 % 1000, n % 1000);
    if millions > 0 {
        triple(millions, Gender::Masculine, &mut words);
        words.push(MILLION.after(millions));
    }
    if thousands > 0 {
        triple(thousands, Gender::Feminine, &mut words);
        words.push(THOUSAND.after(thousands));
    }
    triple(rest, Gender::Feminine, &mut words);
    words.push(HRYVNIA.after(n));
    words.join(" ")
}

/// The sum in words as an invoice prints it, from a capital letter: "Одна тисяча двісті
/// тридцять чотири гривні 56 копійок"; kopecks as two digits.
pub fn in_words(amount: Decimal) -> Result<String, Unsayable> {
    let cents = amount * Decimal::ONE_HUNDRED;
    if amount.is_sign_negative() || amount > max_amount() || cents.fract() != Decimal::ZERO {
        return Err(Unsayable(amount));
    }
    let cents: u64 = cents.trunc().try_into().map_err(|_| Unsayable(amount))?;
    let (whole, kopecks) = (cents / 100, cents % 100);
    let text = format!("{} {kopecks:02} {}", hryvnias(whole), KOPECK.after(kopecks));
    let mut chars = text.chars();
    Ok(match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => text,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_read_as_an_accountant_writes_them() {
        let table = [
            ("0.01", "Нуль гривень 01 копійка"),
            ("0.00", "Нуль гривень 00 копійок"),
            ("1", "Одна гривня 00 копійок"),
            ("2.01", "Дві гривні 01 копійка"),
            ("2.02", "Дві гривні 02 копійки"),
            ("5", "П'ять гривень 00 копійок"),
            ("11", "Одинадцять гривень 00 копійок"),
            ("12.11", "Дванадцять гривень 11 копійок"),
            ("14.22", "Чотирнадцять гривень 22 копійки"),
            ("21", "Двадцять одна гривня 00 копійок"),
            ("22.5", "Двадцять дві гривні 50 копійок"),
            ("40", "Сорок гривень 00 копійок"),
            ("101", "Сто одна гривня 00 копійок"),
            ("111", "Сто одинадцять гривень 00 копійок"),
            ("212", "Двісті дванадцять гривень 00 копійок"),
            ("1000", "Одна тисяча гривень 00 копійок"),
            (
                "1234.56",
                "Одна тисяча двісті тридцять чотири гривні 56 копійок",
            ),
            ("2000", "Дві тисячі гривень 00 копійок"),
            ("5000", "П'ять тисяч гривень 00 копійок"),
            ("11000", "Одинадцять тисяч гривень 00 копійок"),
            ("21000", "Двадцять одна тисяча гривень 00 копійок"),
            ("22001", "Двадцять дві тисячі одна гривня 00 копійок"),
            ("1000000", "Один мільйон гривень 00 копійок"),
            ("2000000", "Два мільйони гривень 00 копійок"),
            (
                "5001002",
                "П'ять мільйонів одна тисяча дві гривні 00 копійок",
            ),
            ("11000000", "Одинадцять мільйонів гривень 00 копійок"),
            (
                "999999999.99",
                "Дев'ятсот дев'яносто дев'ять мільйонів дев'ятсот дев'яносто дев'ять тисяч \
                 дев'ятсот дев'яносто дев'ять гривень 99 копійок",
            ),
        ];
        for (amount, words) in table {
            assert_eq!(
                in_words(amount.parse().unwrap()).unwrap(),
                words,
                "{amount}"
            );
        }
    }

    #[test]
    fn what_cannot_be_said_is_refused() {
        for amount in ["-1", "1000000000", "0.001", "1.999"] {
            let a: Decimal = amount.parse().unwrap();
            assert_eq!(in_words(a), Err(Unsayable(a)), "{amount}");
        }
    }
}
