//! The National Bank's payment QR code (credit transfer) for an invoice: the text a Ukrainian
//! banking app's scanner reads, in format 003 (NBU Resolution No. 97 of 2025, the default) or
//! 002 (for older apps), and its modules for drawing.
//!
//! The payer's bank sends back the purpose, not the reference, so the purpose carries the
//! invoice number in the words our own number finder reads ("Оплата за рахунком № …"), and the
//! amount and purpose are locked against editing.

use base64::Engine;
use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::validate;

/// Which of the NBU's formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum QrFormat {
    /// 003: 17 fields after `https://qr.bank.gov.ua/`.
    #[default]
    V003,
    /// 002: 13 fields after `https://bank.gov.ua/qr/`, for apps that do not read 003 yet.
    V002,
}

impl QrFormat {
    pub fn parse(s: &str) -> Option<QrFormat> {
        match s.trim() {
            "003" | "3" => Some(QrFormat::V003),
            "002" | "2" => Some(QrFormat::V002),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            QrFormat::V003 => "003",
            QrFormat::V002 => "002",
        }
    }

    fn start(self) -> &'static str {
        match self {
            QrFormat::V003 => "https://qr.bank.gov.ua/",
            QrFormat::V002 => "https://bank.gov.ua/qr/",
        }
    }

    /// The longest recipient name and purpose, in characters.
    fn limits(self) -> (usize, usize) {
        match self {
            QrFormat::V003 => (140, 420),
            QrFormat::V002 => (70, 140),
        }
    }

    /// The most the whole text may take, in bytes: for 003 the rules' 507 (and 475 of data
    /// before Base64); for 002, what version 15 holds at error correction M (412), so the
    /// hryvnia sign in the middle leaves it readable.
    fn max_content(self) -> usize {
        match self {
            QrFormat::V003 => 507,
            QrFormat::V002 => 412,
        }
    }

    /// The QR versions the code may take.
    fn versions(self) -> std::ops::RangeInclusive<i16> {
        match self {
            QrFormat::V003 => 10..=17,
            QrFormat::V002 => 1..=15,
        }
    }
}

/// What the code asks the payer's bank to send.
#[derive(Debug, Clone, PartialEq)]
pub struct PaymentRequest {
    /// The company paid, as registered.
    pub recipient: String,
    pub iban: String,
    /// Its ЄДРПОУ (8 digits) or РНОКПП (10 digits).
    pub tax_id: String,
    /// Hryvnias; the code carries no other currency.
    pub amount: Decimal,
    /// The invoice's number: the reference (003), and kept in the purpose however short it is
    /// cut.
    pub number: String,
    /// What the payment is for, as the payer's bank will send it (`purpose_of` makes the usual
    /// one).
    pub purpose: String,
}

/// Why no code can be made; each names what to fix.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum QrError {
    #[error("the recipient's IBAN: {0}")]
    Iban(validate::Invalid),
    #[error("the recipient's tax code: {0}")]
    TaxId(validate::Invalid),
    #[error("the recipient's name is empty")]
    NoRecipient,
    #[error("the amount {0} is not between 0.01 and 999 999 999.99 in whole kopecks")]
    Amount(Decimal),
    #[error("the invoice has no number")]
    NoNumber,
    #[error("the purpose does not name the invoice number {0}")]
    PurposeWithoutNumber(String),
    #[error("even the shortest purpose naming {0} does not fit in the code")]
    TooLong(String),
}

impl QrError {
    /// What stops the code, and what to do, in the person's language.
    pub fn message(&self, lang: crate::Lang) -> String {
        let (kind, detail): (&str, String) = match self {
            QrError::Iban(e) => ("iban", e.message(lang)),
            QrError::TaxId(e) => ("tax_id", e.message(lang)),
            QrError::NoRecipient => ("recipient", String::new()),
            QrError::Amount(a) => ("amount", crate::format::amount(*a, lang)),
            QrError::NoNumber => ("number", String::new()),
            QrError::PurposeWithoutNumber(n) => ("purpose", n.clone()),
            QrError::TooLong(n) => ("too_long", n.clone()),
        };
        crate::say!(lang, payment_code_problem, kind, detail)
    }
}

/// A code ready to draw: its text and how much of the purpose went in.
#[derive(Debug, Clone, PartialEq)]
pub struct PaymentCode {
    pub format: QrFormat,
    /// The whole text the code holds: the start address and the Base64URL fields.
    pub content: String,
    /// The purpose as it went in (shortened when the whole would not fit).
    pub purpose: String,
    pub shortened: bool,
}

/// The usual purpose of an invoice's payment: "Оплата за рахунком № СФ-2026-0042 від
/// 01.12.2026, сума 1 250,50 грн, у т.ч. ПДВ 208,42 грн" (or "без ПДВ").
pub fn purpose_of(
    number: &str,
    issued_on: NaiveDate,
    total: Decimal,
    vat: Option<Decimal>,
) -> String {
    let money = |a: Decimal| crate::format::amount(a, crate::Lang::Uk).replace('\u{a0}', " ");
    let vat = match vat {
        Some(v) => format!("у т.ч. ПДВ {} грн", money(v)),
        None => "без ПДВ".to_owned(),
    };
    format!(
        "Оплата за рахунком № {number} від {}, сума {} грн, {vat}",
        crate::format::day(issued_on),
        money(total)
    )
}

/// A text as the code may carry it: one line (a line feed would shift every later field), only
/// Windows-1251's printable characters (codes 32–255 but 127, 152 and 160; a no-break space
/// becomes a space, anything else a `?`), spaces run together, at most `max` characters.
fn clean(text: &str, max: usize) -> String {
    let mut out = String::new();
    for c in text.chars() {
        let c = match c {
            '\u{a0}' | '\u{202f}' | '\u{2009}' => ' ',
            c if c.is_control() => ' ',
            c => c,
        };
        let c = if c == ' ' || in_cp1251(c) { c } else { '?' };
        if c == ' ' && (out.is_empty() || out.ends_with(' ')) {
            continue;
        }
        out.push(c);
    }
    out.truncate(out.trim_end().len());
    out.chars()
        .take(max)
        .collect::<String>()
        .trim_end()
        .to_owned()
}

/// One printable character of Windows-1251 (not 127, 152 or 160).
fn in_cp1251(c: char) -> bool {
    let mut buf = [0u8; 4];
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1251.encode(c.encode_utf8(&mut buf));
    !unmappable
        && bytes.len() == 1
        && matches!(bytes[0], 32..=126 | 128..=151 | 153..=159 | 161..=255)
}

fn cp1251(text: &str) -> Vec<u8> {
    encoding_rs::WINDOWS_1251.encode(text).0.into_owned()
}

/// The invoice number as the reference field takes it: ASCII only (35 bytes), Cyrillic letters
/// transliterated ("СФ-2026-0042" → "SF-2026-0042").
fn reference(number: &str) -> String {
    let mut out = String::new();
    for c in number.chars() {
        let upper = c.to_uppercase().next().unwrap_or(c);
        let latin = match upper {
            'А' => "A",
            'Б' => "B",
            'В' => "V",
            'Г' => "H",
            'Ґ' => "G",
            'Д' => "D",
            'Е' => "E",
            'Є' => "IE",
            'Ж' => "ZH",
            'З' => "Z",
            'И' => "Y",
            'І' => "I",
            'Ї' => "I",
            'Й' => "I",
            'К' => "K",
            'Л' => "L",
            'М' => "M",
            'Н' => "N",
            'О' => "O",
            'П' => "P",
            'Р' => "R",
            'С' => "S",
            'Т' => "T",
            'У' => "U",
            'Ф' => "F",
            'Х' => "KH",
            'Ц' => "TS",
            'Ч' => "CH",
            'Ш' => "SH",
            'Щ' => "SHCH",
            'Ю' => "IU",
            'Я' => "IA",
            c if c.is_ascii_alphanumeric() || "-/._".contains(c) => {
                out.push(c);
                continue;
            }
            _ => continue,
        };
        out.push_str(latin);
    }
    out.truncate(35);
    out
}

/// The amount field: `UAH1250.50`, always two decimals.
fn amount_field(amount: Decimal) -> Result<String, QrError> {
    let mut a = amount;
    if a <= Decimal::ZERO || a > crate::ledger::amount_words::max_amount() || a.round_dp(2) != a {
        return Err(QrError::Amount(amount));
    }
    a.rescale(2);
    Ok(format!("UAH{a}"))
}

/// The fields of a code, in order, for a purpose as given.
fn fields(
    format: QrFormat,
    r: &PaymentRequest,
    recipient: &str,
    purpose: &str,
) -> Result<Vec<String>, QrError> {
    // Both formats begin alike: the service tag, the version, Windows-1251, a credit transfer,
    // no BIC or recipient id, then who is paid, where, how much and their code.
    let mut fields: Vec<String> = vec![
        "BCD".into(),
        format.as_str().into(),
        "2".into(),
        "UCT".into(),
        String::new(),
        recipient.to_owned(),
        r.iban.clone(),
        amount_field(r.amount)?,
        r.tax_id.clone(),
    ];
    match format {
        QrFormat::V003 => fields.extend([
            // Privat24 refuses an empty category: "other" when nothing better fits.
            "OTHR/OTHR".into(),
            reference(&r.number),
            purpose.to_owned(),
            String::new(),
            // Every field locked: the payer's app takes the amount and the purpose as they are.
            "FFFF".into(),
            String::new(),
            String::new(),
            String::new(),
        ]),
        // No category or reference in 002: the purpose alone names the invoice.
        QrFormat::V002 => fields.extend([
            String::new(),
            String::new(),
            purpose.to_owned(),
            String::new(),
        ]),
    }
    Ok(fields)
}

/// The whole text of a code for these fields, and the bytes before Base64.
fn content(format: QrFormat, fields: &[String]) -> (String, usize) {
    let data = cp1251(&fields.join("\n"));
    let encoded = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&data);
    (format!("{}{encoded}", format.start()), data.len())
}

/// The code for a payment: checked, cleaned, and within the format's limits (a purpose that
/// would not fit is cut at a word, never before the invoice number, and ends in "…").
pub fn payment_code(r: &PaymentRequest, format: QrFormat) -> Result<PaymentCode, QrError> {
    let iban = validate::iban(&r.iban).map_err(QrError::Iban)?;
    let tax_id = validate::tax_id(&r.tax_id).map_err(QrError::TaxId)?;
    let (max_recipient, max_purpose) = format.limits();
    let recipient = clean(&r.recipient, max_recipient);
    if recipient.is_empty() {
        return Err(QrError::NoRecipient);
    }
    let number = clean(&r.number, 35);
    if number.is_empty() {
        return Err(QrError::NoNumber);
    }
    let purpose = clean(&r.purpose, usize::MAX);
    let Some(at) = purpose.find(&number) else {
        return Err(QrError::PurposeWithoutNumber(number));
    };
    let r = PaymentRequest {
        iban,
        tax_id,
        number: number.clone(),
        ..r.clone()
    };
    // The least the purpose may be cut to: through the number.
    let keep = purpose[..at + number.len()].chars().count();
    let chars: Vec<char> = purpose.chars().collect();
    let fits = |text: &str| -> Result<Option<String>, QrError> {
        let (content, data) = content(format, &fields(format, &r, &recipient, text)?);
        let within = content.len() <= format.max_content() && data <= 475;
        Ok(within.then_some(content))
    };
    let mut take = chars.len().min(max_purpose);
    loop {
        let shortened = take < chars.len();
        let text: String = if shortened {
            // Cut at a word when one ends close enough, and say it was cut.
            let head: String = chars[..take.saturating_sub(1)].iter().collect();
            let head = match head.rfind([' ', ',']) {
                Some(i)
                    if head[..i].chars().count() >= keep
                        && take - head[..i].chars().count() < 20 =>
                {
                    head[..i].to_owned()
                }
                _ => head,
            };
            format!("{}…", head.trim_end_matches([' ', ',']))
        } else {
            chars.iter().collect()
        };
        if let Some(content) = fits(&text)? {
            return Ok(PaymentCode {
                format,
                content,
                purpose: text,
                shortened,
            });
        }
        if take <= keep + 1 {
            return Err(QrError::TooLong(number));
        }
        take -= 1;
    }
}

/// The code's modules, dark or not, row by row, for drawing: error correction M, the smallest
/// version the format allows that holds the text.
pub fn modules(code: &PaymentCode) -> Result<Modules, qrcode::types::QrError> {
    let mut last = qrcode::types::QrError::DataTooLong;
    for v in code.format.versions() {
        match qrcode::QrCode::with_version(
            code.content.as_bytes(),
            qrcode::Version::Normal(v),
            qrcode::EcLevel::M,
        ) {
            Ok(qr) => {
                let width = qr.width();
                let dark = qr
                    .to_colors()
                    .into_iter()
                    .map(|c| c == qrcode::Color::Dark)
                    .collect();
                return Ok(Modules {
                    width,
                    dark,
                    version: v,
                });
            }
            Err(e) => last = e,
        }
    }
    Err(last)
}

/// A drawn code's grid.
#[derive(Debug, Clone, PartialEq)]
pub struct Modules {
    /// Modules a side (without the quiet zone of 4 that drawing adds around).
    pub width: usize,
    /// Row by row, `width` a row.
    pub dark: Vec<bool>,
    pub version: i16,
}

impl Modules {
    pub fn is_dark(&self, x: usize, y: usize) -> bool {
        self.dark[y * self.width + x]
    }

    /// The code as an SVG picture (the app's invoice screen shows it): the quiet zone of 4
    /// modules, and the hryvnia sign in a white circle in the middle, as the rules ask.
    pub fn svg(&self) -> String {
        let side = self.width + 8;
        let mut path = String::new();
        for y in 0..self.width {
            for x in 0..self.width {
                if self.is_dark(x, y) {
                    path.push_str(&format!("M{} {}h1v1h-1z", x + 4, y + 4));
                }
            }
        }
        let (c, r) = (side as f64 / 2.0, self.sign_radius());
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {side} {side}\" \
             shape-rendering=\"crispEdges\"><rect width=\"{side}\" height=\"{side}\" fill=\"#fff\"/>\
             <path d=\"{path}\" fill=\"#000\"/><circle cx=\"{c}\" cy=\"{c}\" r=\"{r}\" fill=\"#fff\"/>\
             <text x=\"{c}\" y=\"{c}\" font-size=\"{fs}\" font-family=\"sans-serif\" \
             font-weight=\"bold\" text-anchor=\"middle\" dominant-baseline=\"central\">₴</text></svg>",
            fs = r * 1.5
        )
    }

    /// The white circle's radius in modules: about a twelfth of the code's side, well within
    /// what error correction M restores.
    pub fn sign_radius(&self) -> f64 {
        (self.width as f64 / 12.0).max(2.5)
    }
}

#[cfg(test)]
mod tests;
