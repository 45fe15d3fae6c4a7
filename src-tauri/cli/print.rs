//! Output helpers: text from the bank or a person made safe for a terminal, JSON, and reading a
//! secret from standard input.

use vypyska_core::Lang;

use super::Failure;

/// Text of the bank's or a person's, for a terminal: control and bidi characters escaped.
pub(super) use vypyska_core::format::printable as shown;

/// What automatic allocation did, on stderr (stdout stays for the command's own output).
pub(super) fn say_linked(linked: usize, lang: Lang) {
    if linked > 0 {
        eprintln!(
            "{}",
            lang.pick(
                format!("Рознесено оплат по рахунках: {linked}"),
                format!("Payments linked to invoices: {linked}")
            )
        );
    }
}

pub(super) fn print_json(value: &impl serde::Serialize) -> Result<(), Failure> {
    let text = serde_json::to_string_pretty(value)
        .map_err(|e| Failure::new(format!("cannot write JSON: {e}")))?;
    println!("{text}");
    Ok(())
}

/// One line of standard input holding a secret (a token, a password): at most 64 KiB, text in
/// UTF-8, or refused in words. The secret itself is never repeated.
pub(super) fn read_secret_line(lang: Lang) -> Result<String, Failure> {
    use std::io::{BufRead, Read};
    const LIMIT: u64 = 64 << 10;
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .take(LIMIT + 1)
        .read_until(b'\n', &mut bytes)
        .map_err(|e| {
            Failure::new(lang.pick(
                format!("Не вдалося прочитати стандартний ввід: {e}"),
                format!("Cannot read the standard input: {e}"),
            ))
        })?;
    let line_end = bytes.iter().position(|b| *b == b'\n');
    if line_end.is_none() && bytes.len() as u64 > LIMIT {
        return Err(Failure::new(lang.pick(
            "На вході понад 64 КБ без кінця рядка — це не токен і не пароль; нічого не збережено.".to_owned(),
            "The input has over 64 KB without a line end: not a token or a password; nothing was saved.".to_owned(),
        )));
    }
    bytes.truncate(line_end.unwrap_or(bytes.len()));
    let text = String::from_utf8(bytes).map_err(|_| {
        Failure::new(lang.pick(
            "На вході не текст (не UTF-8) — схоже, передано двійковий файл замість токена; нічого не збережено.".to_owned(),
            "The input is not text (not UTF-8): a binary file instead of a token, it seems; nothing was saved.".to_owned(),
        ))
    })?;
    Ok(text.trim_end_matches('\r').to_owned())
}
