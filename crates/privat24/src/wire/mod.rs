//! The wire format: decoding bodies (UTF-8 or cp1251) and reading the bank's JSON tolerantly.
//!
//! Every value is a string on the wire and any field may be missing, so rows are read field by
//! field from a `serde_json::Value` rather than through a strict struct.

use std::str::FromStr;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use rust_decimal::Decimal;
use serde_json::{Map, Value};

use crate::model::{
    Balance, BankSettings, Direction, Page, Party, RejectedRow, State, Transaction,
};
use crate::{Error, BANK_TZ};

/// Decodes a body: cp1251 when the Content-Type says so, or when the bytes are not UTF-8 (the bank
/// answers in cp1251 when a request lacks `charset=utf8`, and a label may be missing).
pub(crate) fn decode_body(bytes: &[u8], content_type: Option<&str>) -> String {
    let labelled_1251 = content_type
        .map(|ct| {
            let ct = ct.to_ascii_lowercase();
            ct.contains("1251") || ct.contains("cp1251")
        })
        .unwrap_or(false);
    if !labelled_1251 {
        if let Ok(s) = std::str::from_utf8(bytes) {
            return s.to_owned();
        }
    }
    let (text, _, _) = encoding_rs::WINDOWS_1251.decode(bytes);
    text.into_owned()
}

/// Reads the wrapper shared by every reply and returns its object, or the bank's error.
fn wrapper(body: &str) -> Result<Map<String, Value>, Error> {
    let value: Value = serde_json::from_str(body).map_err(|e| Error::Malformed {
        reason: format!("invalid JSON: {e}"),
    })?;
    let Value::Object(obj) = value else {
        return Err(Error::Malformed {
            reason: "the reply is not a JSON object".into(),
        });
    };
    let status = text(&obj, "status");
    if status.eq_ignore_ascii_case("ERROR") {
        return Err(error_from_body(&obj, None));
    }
    if !status.eq_ignore_ascii_case("SUCCESS") {
        return Err(Error::Malformed {
            reason: format!("unexpected status {status:?}"),
        });
    }
    Ok(obj)
}

/// Maps an error body (`{"status":"ERROR","code":401,"message":...}`) to an error, using the HTTP
/// status when the body's code is missing. `code` may be a number or a string.
pub(crate) fn error_from_body(obj: &Map<String, Value>, http_status: Option<u16>) -> Error {
    let code = obj
        .get("code")
        .and_then(|c| match c {
            Value::Number(n) => n.as_u64().map(|n| n as u16),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        })
        .or(http_status)
        .unwrap_or(0);
    let message = text(obj, "message");
    error_for_status(code, message, None)
}

pub(crate) fn error_for_status(
    status: u16,
    message: String,
    retry_after: Option<std::time::Duration>,
) -> Error {
    match status {
        401 => Error::CredentialsRejected { message },
        403 => Error::AutoclientDisabled { message },
        429 => Error::RateLimited { retry_after },
        500..=599 => Error::Server { status, message },
        _ => Error::Request { status, message },
    }
}

/// Parses one page of `/transactions*`. Rows that cannot be read are returned as rejected rows
/// with their raw JSON; a broken wrapper fails the whole page.
pub fn parse_transactions_page(body: &str) -> Result<Page<Transaction>, Error> {
    let obj = wrapper(body)?;
    let next = next_page(&obj);
    let rows = list(&obj, "transactions")?;
    let mut items = Vec::with_capacity(rows.len());
    let mut rejected = Vec::new();
    for row in rows {
        let raw = row.to_string();
        match row
            .as_object()
            .ok_or("the row is not an object".to_string())
            .and_then(transaction)
        {
            Ok(mut t) => {
                t.raw = raw;
                items.push(t);
            }
            Err(reason) => rejected.push(RejectedRow { raw, reason }),
        }
    }
    Ok(Page {
        items,
        rejected,
        next,
    })
}

/// Parses one page of `/balance*`.
pub fn parse_balances_page(body: &str) -> Result<Page<Balance>, Error> {
    let obj = wrapper(body)?;
    let next = next_page(&obj);
    let rows = list(&obj, "balances")?;
    let mut items = Vec::with_capacity(rows.len());
    let mut rejected = Vec::new();
    for row in rows {
        let raw = row.to_string();
        match row
            .as_object()
            .ok_or("the row is not an object".to_string())
            .and_then(balance)
        {
            Ok(mut b) => {
                b.raw = raw;
                items.push(b);
            }
            Err(reason) => rejected.push(RejectedRow { raw, reason }),
        }
    }
    Ok(Page {
        items,
        rejected,
        next,
    })
}

/// Parses `/settings`.
pub fn parse_settings(body: &str) -> Result<BankSettings, Error> {
    let obj = wrapper(body)?;
    let Some(Value::Object(s)) = obj.get("settings") else {
        return Err(Error::Malformed {
            reason: "the reply has no settings object".into(),
        });
    };
    Ok(BankSettings {
        phase: text(s, "phase"),
        work_balance: text(s, "work_balance"),
        today: date_field(s, "today"),
        last_day: date_field(s, "lastday"),
        final_statement_day: date_field(s, "date_final_statement"),
        server_time: parse_date_time(&text(s, "server_date_time")),
    })
}

fn next_page(obj: &Map<String, Value>) -> Option<String> {
    // Stop on `exist_next_page` alone: `next_page_id` is set on the last page too.
    if !obj.get("exist_next_page").map(boolean).unwrap_or(false) {
        return None;
    }
    let id = text(obj, "next_page_id");
    (!id.is_empty()).then_some(id)
}

fn list<'a>(obj: &'a Map<String, Value>, field: &str) -> Result<&'a [Value], Error> {
    match obj.get(field) {
        Some(Value::Array(rows)) => Ok(rows),
        None | Some(Value::Null) => Ok(&[]),
        Some(_) => Err(Error::Malformed {
            reason: format!("{field} is not a list"),
        }),
    }
}

fn transaction(row: &Map<String, Value>) -> Result<Transaction, String> {
    let reference = text(row, "REF");
    if reference.is_empty() {
        return Err("REF is missing".into());
    }
    let line = text(row, "REFN");
    let direction = match text(row, "TRANTYPE").to_ascii_uppercase().as_str() {
        "C" => Direction::In,
        "D" => Direction::Out,
        other => return Err(format!("unknown TRANTYPE {other:?}")),
    };
    let amount =
        money(&text(row, "SUM")).ok_or_else(|| format!("bad SUM {:?}", text(row, "SUM")))?;
    let value_date = date_field(row, "DAT_OD")
        .or_else(|| parse_date_time(&text(row, "DATE_TIME_DAT_OD_TIM_P")).map(|d| d.date()))
        .ok_or_else(|| format!("bad DAT_OD {:?}", text(row, "DAT_OD")))?;
    let posted_local = parse_date_time(&text(row, "DATE_TIME_DAT_OD_TIM_P")).unwrap_or_else(|| {
        let time = NaiveTime::parse_from_str(&text(row, "TIM_P"), "%H:%M").unwrap_or_default();
        value_date.and_time(time)
    });
    Ok(Transaction {
        key: format!("{reference}/{line}"),
        account: text(row, "AUT_MY_ACC"),
        direction,
        state: State::from_bank(&text(row, "PR_PR"), &text(row, "FL_REAL")),
        amount,
        amount_uah: money(&text(row, "SUM_E")),
        currency: text(row, "CCY").to_ascii_uppercase(),
        value_date,
        client_date: date_field(row, "DAT_KL"),
        posted_at: kyiv(posted_local),
        purpose: text(row, "OSND"),
        doc_number: text(row, "NUM_DOC"),
        own: party(row, "AUT_MY"),
        counterparty: party(row, "AUT_CNTR"),
        bank_id: text(row, "ID"),
        raw: String::new(),
    })
}

fn party(row: &Map<String, Value>, prefix: &str) -> Party {
    let f = |suffix: &str| text(row, &format!("{prefix}_{suffix}"));
    Party {
        name: f("NAM"),
        tax_id: f("CRF"),
        iban: f("ACC"),
        bank_code: f("MFO"),
        bank_name: f("MFO_NAME"),
        bank_city: f("MFO_CITY"),
    }
}

fn balance(row: &Map<String, Value>) -> Result<Balance, String> {
    let account = text(row, "acc");
    if account.is_empty() {
        return Err("acc is missing".into());
    }
    let need = |field: &str| money(&text(row, field)).ok_or_else(|| format!("bad {field}"));
    Ok(Balance {
        account,
        currency: text(row, "currency").to_ascii_uppercase(),
        day: date_field(row, "dpd").ok_or("bad dpd")?,
        opening: need("balanceIn")?,
        closing: need("balanceOut")?,
        opening_uah: money(&text(row, "balanceInEq")),
        closing_uah: money(&text(row, "balanceOutEq")),
        turnover_debit: money(&text(row, "turnoverDebt")).unwrap_or_default(),
        turnover_credit: money(&text(row, "turnoverCred")).unwrap_or_default(),
        account_name: text(row, "nameACC"),
        is_final: row.get("is_final_bal").map(boolean).unwrap_or(false),
        raw: String::new(),
    })
}

/// A field as text: strings as they are (trimmed), numbers and booleans written out, else "".
fn text(obj: &Map<String, Value>, field: &str) -> String {
    match obj.get(field) {
        Some(Value::String(s)) => s.trim().to_owned(),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Bool(b)) => b.to_string(),
        _ => String::new(),
    }
}

/// Booleans arrive as `true`, `"true"`, `"Y"` or `1`.
fn boolean(v: &Value) -> bool {
    match v {
        Value::Bool(b) => *b,
        Value::String(s) => matches!(
            s.trim().to_ascii_lowercase().as_str(),
            "true" | "y" | "yes" | "1"
        ),
        Value::Number(n) => n.as_i64() == Some(1),
        _ => false,
    }
}

/// An amount string: "1250.50", also "1250,50" and "1 250.50". Never through a float.
pub(crate) fn money(s: &str) -> Option<Decimal> {
    if s.is_empty() {
        return None;
    }
    let cleaned: String = s
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
        .map(|c| if c == ',' { '.' } else { c })
        .collect();
    Decimal::from_str(&cleaned).ok()
}

fn date_field(obj: &Map<String, Value>, field: &str) -> Option<NaiveDate> {
    parse_date(&text(obj, field))
}

/// `DD.MM.YYYY`, also with a time after it.
pub(crate) fn parse_date(s: &str) -> Option<NaiveDate> {
    let day = s.split_whitespace().next()?;
    NaiveDate::parse_from_str(day, "%d.%m.%Y").ok()
}

/// `DD.MM.YYYY HH:MM:SS` (or `HH:MM`).
pub(crate) fn parse_date_time(s: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(s, "%d.%m.%Y %H:%M:%S")
        .or_else(|_| NaiveDateTime::parse_from_str(s, "%d.%m.%Y %H:%M"))
        .ok()
}

/// Kyiv local time with its offset. In the autumn hour that happens twice, the earlier; in the
/// spring hour that never happens, the moment an hour later.
pub(crate) fn kyiv(local: NaiveDateTime) -> DateTime<FixedOffset> {
    match BANK_TZ.from_local_datetime(&local) {
        chrono::LocalResult::Single(t) => t.fixed_offset(),
        chrono::LocalResult::Ambiguous(early, _) => early.fixed_offset(),
        chrono::LocalResult::None => kyiv(local + chrono::Duration::hours(1)),
    }
}

#[cfg(test)]
mod tests;
