//! Finding invoice numbers in a payment purpose, the many ways people write them: "рах. № 123",
//! "згідно рахунку-фактури №СФ-0000123 від 01.11.2026", "inv 123/26", "рах. №12, №13" — and not
//! the amounts, dates, VAT rates, tax codes, IBANs or contract numbers around them.
//!
//! The finder is a small state machine over tokens: a number counts only in an invoice context
//! (after "рахунок", "счет", "invoice"…, or a "№" that no other document word claimed), and the
//! context ends at the first word that is not part of a list of numbers.

use serde::Serialize;

/// An invoice number as found in a purpose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FoundNumber {
    /// As written, e.g. "СФ-0000123".
    pub raw: String,
    /// For exact comparison: upper case, Cyrillic look-alike letters as Latin, no spaces.
    pub key: String,
    /// The number's main digits without leading zeros ("СФ-0000123" → "123",
    /// "INV-2026/045" → "45", "123/26" → "123"), for the looser match that is used only when it
    /// is unambiguous.
    pub digits: String,
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Word(String),
    /// A run of letters/digits/`-`/`/`/`.`/`,` that holds at least one digit.
    Number(String),
    Sign(char),
}

fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_alphanumeric() {
            let start = i;
            while i < chars.len() {
                let d = chars[i];
                let joiner = matches!(d, '-' | '/' | '.' | ',' | '_')
                    && i + 1 < chars.len()
                    && chars[i + 1].is_alphanumeric()
                    && i > start;
                if d.is_alphanumeric() || joiner {
                    i += 1;
                } else {
                    break;
                }
            }
            let s: String = chars[start..i].iter().collect();
            // "№123" arrives as one sign and a number; "No123" / "N123" too.
            if s.chars().any(|c| c.is_ascii_digit()) {
                let lower = s.to_lowercase();
                for prefix in ["no.", "nr.", "no", "nr", "n"] {
                    if let Some(rest) = lower.strip_prefix(prefix) {
                        if rest.starts_with(|c: char| c.is_ascii_digit()) {
                            out.push(Token::Sign('№'));
                            out.push(Token::Number(s[prefix.len()..].to_owned()));
                            break;
                        }
                    }
                }
                if !matches!(out.last(), Some(Token::Number(n)) if s.ends_with(n.as_str()) && n.len() < s.len())
                {
                    push_number(&mut out, &s);
                }
            } else {
                // Words split on the joiners: "рахунку-фактури" → "рахунку", "фактури".
                for part in s.split(['-', '/', '.', ',', '_']).filter(|p| !p.is_empty()) {
                    out.push(Token::Word(part.to_lowercase()));
                }
            }
        } else {
            if !c.is_whitespace() {
                out.push(Token::Sign(c));
            }
            i += 1;
        }
    }
    out
}

/// "12,13,14" is a list, "1250,50" an amount.
fn push_number(out: &mut Vec<Token>, s: &str) {
    if s.contains(',') && !looks_like_amount(s) {
        for (i, part) in s.split(',').enumerate() {
            if i > 0 {
                out.push(Token::Sign(','));
            }
            if part.chars().any(|c| c.is_ascii_digit()) {
                out.push(Token::Number(part.to_owned()));
            }
        }
    } else {
        out.push(Token::Number(s.to_owned()));
    }
}

/// Words that open an invoice context.
fn is_invoice_word(w: &str) -> bool {
    w.starts_with("рах")
        || w.starts_with("счет")
        || w.starts_with("счёт")
        || w == "сч"
        || w == "сф"
        || w.starts_with("invoice")
        || w == "inv"
        || w == "рф"
}

/// Words that name another kind of document: its number is not an invoice's.
fn is_other_document(w: &str) -> bool {
    w.starts_with("догов")
        || w == "дог"
        || w.starts_with("накладн")
        || w.starts_with("видатков")
        || w.starts_with("акт")
        || w.starts_with("замовл")
        || w.starts_with("contract")
        || w.starts_with("order")
        || w == "о"
        || w.starts_with("особов")
        || w.starts_with("полі")
        || w.starts_with("ттн")
}

/// Words allowed between the invoice word and its number(s).
fn is_filler(w: &str) -> bool {
    matches!(
        w,
        "фактури"
            | "фактура"
            | "фактурою"
            | "фактуру"
            | "n"
            | "no"
            | "nr"
            | "номер"
            | "номером"
            | "та"
            | "і"
            | "й"
            | "и"
            | "and"
            | "&"
            | "по"
            | "за"
            | "згідно"
            | "зг"
            | "№"
            | "ф"
    )
}

fn is_currency_word(w: &str) -> bool {
    matches!(
        w,
        "грн" | "uah" | "usd" | "eur" | "дол" | "євро" | "коп" | "гривень" | "гривні"
    )
}

fn looks_like_date(n: &str) -> bool {
    let parts: Vec<&str> = n.split(['.', '/', '-']).collect();
    let digits = parts
        .iter()
        .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()));
    let day_first = parts.len() == 3
        && parts[0].len() <= 2
        && parts[1].len() <= 2
        && (parts[2].len() == 2 || parts[2].len() == 4);
    let year_first =
        parts.len() == 3 && parts[0].len() == 4 && parts[1].len() <= 2 && parts[2].len() <= 2;
    digits && (day_first || year_first)
}

fn looks_like_amount(n: &str) -> bool {
    let bytes = n.as_bytes();
    let len = bytes.len();
    len >= 4
        && matches!(bytes[len - 3], b'.' | b',')
        && n[..len - 3].chars().all(|c| c.is_ascii_digit())
        && n[len - 2..].chars().all(|c| c.is_ascii_digit())
}

fn looks_like_iban_or_code(n: &str) -> bool {
    let digits = n.chars().filter(char::is_ascii_digit).count();
    (n.len() >= 15 && n.chars().take(2).all(|c| c.is_ascii_alphabetic()) && digits >= 13)
        || digits >= 10
}

/// Latin for Cyrillic letters that look the same, so "СФ" typed in either alphabet compares equal.
fn fold_lookalikes(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'А' => 'A',
            'В' => 'B',
            'Е' => 'E',
            'К' => 'K',
            'М' => 'M',
            'Н' => 'H',
            'О' => 'O',
            'Р' => 'P',
            'С' => 'C',
            'Т' => 'T',
            'Х' => 'X',
            'І' => 'I',
            other => other,
        })
        .collect()
}

/// The comparison key of an invoice number as the business writes it.
pub fn number_key(number: &str) -> String {
    fold_lookalikes(
        &number
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_uppercase(),
    )
}

/// The main digits of a number, without leading zeros (see [`FoundNumber::digits`]).
pub fn main_digits(number: &str) -> String {
    let groups: Vec<&str> = number
        .split(|c: char| !c.is_ascii_digit())
        .filter(|g| !g.is_empty())
        .collect();
    let pick = match groups.as_slice() {
        [] => "",
        [one] => one,
        // "2026/045": a leading year is not the number.
        [year, rest @ ..] if year.len() == 4 && year.starts_with("20") => rest[0],
        [first, ..] => first,
    };
    let trimmed = pick.trim_start_matches('0');
    if trimmed.is_empty() && !pick.is_empty() {
        "0".into()
    } else {
        trimmed.into()
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Context {
    None,
    /// After an invoice word; `listed` once a number was taken (so a list can continue).
    Invoice {
        listed: bool,
    },
    /// After "№" with no document word before it.
    Bare,
    Other,
}

/// Every invoice number the purpose names, in order, without repeats.
pub fn find_invoice_numbers(purpose: &str) -> Vec<FoundNumber> {
    let tokens = tokenize(purpose);
    let mut found: Vec<FoundNumber> = Vec::new();
    let mut context = Context::None;
    for (i, token) in tokens.iter().enumerate() {
        match token {
            Token::Word(w) if is_invoice_word(w) => context = Context::Invoice { listed: false },
            Token::Word(w) if is_other_document(w) => context = Context::Other,
            Token::Word(w) if is_filler(w) => {}
            Token::Word(_) => context = Context::None,
            Token::Sign('№' | '#') => {
                if context == Context::None {
                    context = Context::Bare;
                }
            }
            Token::Sign(',' | ';' | ':' | '(' | ')' | '"' | '«' | '»' | '\'') => {}
            Token::Sign('.') => {
                // "рах." keeps its context; a sentence end after a number closes the list.
                if let Context::Invoice { listed: true } = context {
                    context = Context::None;
                }
            }
            Token::Sign(_) => context = Context::None,
            Token::Number(n) => {
                let taken = matches!(context, Context::Invoice { .. } | Context::Bare);
                let next_word = tokens[i + 1..].iter().find_map(|t| match t {
                    Token::Word(w) => Some(w.as_str()),
                    Token::Sign('%') => Some("%"),
                    Token::Number(_) => Some(""),
                    Token::Sign(_) => None,
                });
                let money_follows = next_word.is_some_and(|w| w == "%" || is_currency_word(w));
                let rejected = looks_like_date(n)
                    || looks_like_amount(n)
                    || looks_like_iban_or_code(n)
                    || money_follows
                    || !n.chars().any(|c| c.is_ascii_digit());
                if taken && !rejected {
                    let item = FoundNumber {
                        raw: n.clone(),
                        key: number_key(n),
                        digits: main_digits(n),
                    };
                    if !found.iter().any(|f| f.key == item.key) {
                        found.push(item);
                    }
                    context = Context::Invoice { listed: true };
                } else if taken && looks_like_date(n) {
                    // "№ 45 від 01.11.2026": the date ends the list.
                    context = Context::None;
                }
            }
        }
    }
    found
}

#[cfg(test)]
mod tests;
