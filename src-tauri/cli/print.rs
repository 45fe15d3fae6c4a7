//! Output helpers: text from the bank or a person made safe for a terminal, JSON, and reading a
//! secret from standard input.

use vypyska_core::say;
use vypyska_core::Lang;

use super::Failure;

/// Text of the bank's or a person's, for a terminal: control and bidi characters escaped.
pub(super) use vypyska_core::format::printable as shown;

/// What automatic allocation did, on stderr (stdout stays for the command's own output).
pub(super) fn say_linked(linked: usize, lang: Lang) {
    if linked > 0 {
        eprintln!("{}", say!(lang, payments_linked_invoices, linked));
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
        .map_err(|e| Failure::new(say!(lang, cannot_read_standard_input, e)))?;
    let line_end = bytes.iter().position(|b| *b == b'\n');
    if line_end.is_none() && bytes.len() as u64 > LIMIT {
        return Err(Failure::new(say!(lang, input_has_over_kb)));
    }
    bytes.truncate(line_end.unwrap_or(bytes.len()));
    let text =
        String::from_utf8(bytes).map_err(|_| Failure::new(say!(lang, input_not_text_not)))?;
    Ok(text.trim_end_matches('\r').to_owned())
}
