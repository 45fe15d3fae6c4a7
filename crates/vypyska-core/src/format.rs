//! Amounts and dates the way Ukrainian users read them: `1 234,56 ₴`.

use rust_decimal::Decimal;

use crate::Lang;

/// The sign the currency is written with, or its code.
pub fn currency_sign(currency: &str) -> &str {
    match currency {
        "UAH" => "₴",
        "USD" => "$",
        "EUR" => "€",
        "GBP" => "£",
        "PLN" => "zł",
        other => other,
    }
}

/// `1 234,56 ₴` in Ukrainian (no-break spaces), `₴1,234.56` in English. Always two decimals
/// unless the amount has more.
pub fn money(amount: Decimal, currency: &str, lang: Lang) -> String {
    let number = self::amount(amount, lang);
    let symbol = currency_sign(currency);
    let sign = if number.starts_with('-') { "-" } else { "" };
    match lang {
        Lang::Uk => format!("{number}\u{a0}{symbol}"),
        Lang::En if symbol == currency => format!("{number} {symbol}"),
        Lang::En => format!("{sign}{symbol}{}", &number[sign.len()..]),
    }
}

/// The number alone, grouped as people read it: `1 234,56` in Ukrainian, `1,234.56` in English.
pub fn amount(amount: Decimal, lang: Lang) -> String {
    let mut a = amount;
    if a.scale() < 2 {
        a.rescale(2);
    }
    let text = a.abs().to_string();
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let (group, point) = match lang {
        Lang::Uk => ('\u{a0}', ','),
        Lang::En => (',', '.'),
    };
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(group);
        }
        grouped.push(c);
    }
    let sign = if a.is_sign_negative() && !a.is_zero() {
        "-"
    } else {
        ""
    };
    format!("{sign}{grouped}{point}{frac}")
}

/// A day as Ukrainians write it, `01.12.2026`.
pub fn day(date: chrono::NaiveDate) -> String {
    date.format("%d.%m.%Y").to_string()
}

/// A stored `YYYY-MM-DD` as `01.12.2026`; anything else as it is.
pub fn day_text(text: &str) -> String {
    match text.parse::<chrono::NaiveDate>() {
        Ok(d) => day(d),
        Err(_) => text.to_owned(),
    }
}

/// A stored moment (RFC 3339, any offset) in Kyiv time to the second: `01.12.2026 09:05:12`.
pub fn kyiv_time(text: &str) -> String {
    match chrono::DateTime::parse_from_rfc3339(text) {
        Ok(t) => t
            .with_timezone(&privat24::BANK_TZ)
            .format("%d.%m.%Y %H:%M:%S")
            .to_string(),
        Err(_) => text.to_owned(),
    }
}

/// A run's outcome in words, as lists show it.
pub fn outcome(outcome: crate::store::RunOutcome, lang: Lang) -> &'static str {
    use crate::store::RunOutcome;
    use crate::Lang::{En, Uk};
    match (outcome, lang) {
        (RunOutcome::Running, Uk) => "триває",
        (RunOutcome::Ok, Uk) => "успішно",
        (RunOutcome::Warning, Uk) => "неповно",
        (RunOutcome::Failed, Uk) => "помилка",
        (RunOutcome::Skipped, Uk) => "пропущено",
        (RunOutcome::Interrupted, Uk) => "перервано",
        (RunOutcome::Running, En) => "running",
        (RunOutcome::Ok, En) => "ok",
        (RunOutcome::Warning, En) => "incomplete",
        (RunOutcome::Failed, En) => "failed",
        (RunOutcome::Skipped, En) => "skipped",
        (RunOutcome::Interrupted, En) => "interrupted",
    }
}

/// An invoice's status in words, as lists show it.
pub fn invoice_status(status: crate::store::invoices::InvoiceStatus, lang: Lang) -> &'static str {
    use crate::store::invoices::InvoiceStatus;
    match (status, lang) {
        (InvoiceStatus::Open, Lang::Uk) => "не оплачено",
        (InvoiceStatus::Open, Lang::En) => "open",
        (InvoiceStatus::PartiallyPaid, Lang::Uk) => "оплачено частково",
        (InvoiceStatus::PartiallyPaid, Lang::En) => "partially paid",
        (InvoiceStatus::Paid, Lang::Uk) => "оплачено",
        (InvoiceStatus::Paid, Lang::En) => "paid",
        (InvoiceStatus::Overpaid, Lang::Uk) => "переплата",
        (InvoiceStatus::Overpaid, Lang::En) => "overpaid",
        (InvoiceStatus::Cancelled, Lang::Uk) => "скасовано",
        (InvoiceStatus::Cancelled, Lang::En) => "cancelled",
    }
}

/// A statement row's state in words.
pub fn state(state: &str, lang: Lang) -> &str {
    match (state, lang) {
        ("posted", Lang::Uk) => "проведено",
        ("pending", Lang::Uk) => "в обробці",
        ("reversed", Lang::Uk) => "сторновано",
        ("rejected", Lang::Uk) => "відхилено",
        (other, _) => other,
    }
}

/// Text from the bank or a person, safe for a terminal: control characters (escape sequences,
/// BEL, tabs, line feeds), bidirectional overrides and invisible format characters are shown as
/// `\u{…}` instead of acting on the terminal. Plain text comes back unchanged, without a copy.
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    fn hidden(c: char) -> bool {
        c.is_control()
            || matches!(c,
                '\u{61c}' | '\u{180e}' | '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}'
                | '\u{2060}'..='\u{2069}' | '\u{feff}' | '\u{fff9}'..='\u{fffb}')
    }
    if !text.chars().any(hidden) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if hidden(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_and_moments_as_read_in_kyiv() {
        assert_eq!(day_text("2026-12-01"), "01.12.2026");
        assert_eq!(
            kyiv_time("2026-12-01T07:05:12.123456789+00:00"),
            "01.12.2026 09:05:12"
        );
        assert_eq!(kyiv_time("2026-07-01T21:30:00Z"), "02.07.2026 00:30:00");
        assert_eq!(kyiv_time("not a time"), "not a time");
        assert_eq!(state("posted", Lang::Uk), "проведено");
        assert_eq!(state("posted", Lang::En), "posted");
    }

    #[test]
    fn terminal_controls_in_bank_text_are_shown_not_obeyed() {
        let cases = [
            ("Оплата за рах. № 12", "Оплата за рах. № 12"),
            (
                "\u{1b}[2J\u{1b}]0;title\u{7}ТОВ",
                "\\u{1b}[2J\\u{1b}]0;title\\u{7}ТОВ",
            ),
            ("a\tb\nc\rd", "a\\u{9}b\\u{a}c\\u{d}d"),
            ("\u{202e}gnp.exe", "\\u{202e}gnp.exe"),
            (
                "x\u{2066}y\u{2069}\u{200f}",
                "x\\u{2066}y\\u{2069}\\u{200f}",
            ),
            ("\u{9b}31m", "\\u{9b}31m"),
            ("\u{7f}", "\\u{7f}"),
        ];
        for (text, shown) in cases {
            assert_eq!(printable(text), shown, "{text:?}");
        }
        assert!(matches!(printable("plain"), std::borrow::Cow::Borrowed(_)));
    }

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn ukrainian_amounts() {
        assert_eq!(money(d("1234.56"), "UAH", Lang::Uk), "1\u{a0}234,56\u{a0}₴");
        assert_eq!(
            money(d("1234567"), "UAH", Lang::Uk),
            "1\u{a0}234\u{a0}567,00\u{a0}₴"
        );
        assert_eq!(money(d("0.5"), "USD", Lang::Uk), "0,50\u{a0}$");
        assert_eq!(money(d("-12.30"), "EUR", Lang::Uk), "-12,30\u{a0}€");
        assert_eq!(money(d("100"), "CHF", Lang::Uk), "100,00\u{a0}CHF");
    }

    #[test]
    fn english_amounts() {
        assert_eq!(money(d("1234.56"), "UAH", Lang::En), "₴1,234.56");
        assert_eq!(money(d("-5"), "USD", Lang::En), "-$5.00");
        assert_eq!(money(d("999"), "CHF", Lang::En), "999.00 CHF");
    }
}

/// A key that sorts names as a Ukrainian reader expects: the Ukrainian alphabet in its order
/// (і after и, ґ after г, є after е), ignoring case; Latin letters and digits keep their order.
/// SQLite's byte order would put "Інші" after "Оренда".
pub fn sort_key(name: &str) -> Vec<u32> {
    const ALPHABET: &str = "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя";
    name.trim()
        .to_lowercase()
        .chars()
        .map(|c| match ALPHABET.chars().position(|a| a == c) {
            Some(i) => 0x400 + i as u32,
            None => c as u32,
        })
        .collect()
}

#[cfg(test)]
mod sort_tests {
    #[test]
    fn ukrainian_names_sort_in_alphabet_order() {
        let mut names = [
            "Оренда",
            "інші витрати",
            "Ґанок",
            "Зв'язок",
            "Єдиний податок",
            "Banking",
            "Гас",
        ];
        names.sort_by_key(|n| super::sort_key(n));
        assert_eq!(
            names,
            [
                "Banking",
                "Гас",
                "Ґанок",
                "Єдиний податок",
                "Зв'язок",
                "інші витрати",
                "Оренда"
            ]
        );
    }
}
