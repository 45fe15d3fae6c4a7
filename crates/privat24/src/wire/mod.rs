//! The wire format: decoding bodies (UTF-8 or cp1251) and reading the bank's JSON tolerantly.
//!
//! Every value is a string on the wire and any field may be missing, so rows are read field by
//! field from a `serde_json::Value` rather than through a strict struct.

use std::str::FromStr;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

use serde_json::value::RawValue;
use serde_json::{Map, Value};

use crate::model::{
    Balance, BankSettings, Direction, Page, Party, RejectedRow, State, Transaction, MAX_AMOUNT,
};
use crate::{Error, BANK_TZ};

/// Decodes a body: cp1251 when the Content-Type says so, or when the bytes are not UTF-8 (the bank
/// answers in cp1251 when a request lacks `charset=utf8`, and a label may be missing).
pub fn decode_body(bytes: &[u8], content_type: Option<&str>) -> String {
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

/// Reads the wrapper shared by every reply: its fields still as raw JSON, so that rows keep the
/// exact text the bank sent. Returns the bank's error for an error body.
fn wrapper(body: &str) -> Result<Map<String, Value>, Error> {
    let (obj, _) = wrapper_raw(body)?;
    Ok(obj)
}

/// The wrapper's scalar fields parsed, and the raw rows of its `list` field.
fn wrapper_raw(body: &str) -> Result<(Map<String, Value>, Vec<&RawValue>), Error> {
    let malformed = |reason: String| Error::Malformed { reason };
    let top: BTreeMap<String, &RawValue> = serde_json::from_str(body).map_err(|e| {
        malformed(match e.classify() {
            serde_json::error::Category::Data => "the reply is not a JSON object".into(),
            _ => format!("invalid JSON: {e}"),
        })
    })?;
    let mut obj = Map::new();
    let mut rows = Vec::new();
    for (key, raw) in top {
        if key == "transactions" || key == "balances" {
            rows = match serde_json::from_str::<Option<Vec<&RawValue>>>(raw.get()) {
                Ok(list) => list.unwrap_or_default(),
                Err(_) => return Err(malformed(format!("{key} is not a list"))),
            };
        } else {
            let value = serde_json::from_str(raw.get())
                .map_err(|e| malformed(format!("invalid JSON: {e}")))?;
            obj.insert(key, value);
        }
    }
    let status = text(&obj, "status");
    if status.eq_ignore_ascii_case("ERROR") {
        return Err(error_from_body(&obj, None));
    }
    if !status.eq_ignore_ascii_case("SUCCESS") {
        return Err(malformed(format!("unexpected status {status:?}")));
    }
    Ok((obj, rows))
}

/// Reads each raw row with `read`; a row that cannot be read is kept as rejected.
fn read_rows<T>(
    rows: Vec<&RawValue>,
    read: fn(&Map<String, Value>) -> Result<T, String>,
    set_raw: fn(&mut T, String),
) -> (Vec<T>, Vec<RejectedRow>) {
    let mut items = Vec::with_capacity(rows.len());
    let mut rejected = Vec::new();
    for row in rows {
        let raw = row.get().to_owned();
        let parsed = serde_json::from_str::<Value>(&raw);
        let obj = match &parsed {
            Ok(Value::Object(obj)) => Some(obj),
            _ => None,
        };
        match obj.map(read) {
            Some(Ok(mut item)) => {
                set_raw(&mut item, raw);
                items.push(item);
            }
            Some(Err(reason)) => {
                let day = obj.and_then(lenient_day);
                rejected.push(RejectedRow { raw, reason, day });
            }
            None => rejected.push(RejectedRow {
                raw,
                reason: "the row is not an object".to_string(),
                day: None,
            }),
        }
    }
    (items, rejected)
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
    let (obj, rows) = wrapper_raw(body)?;
    let (items, rejected) = read_rows(rows, transaction, |t, raw| t.raw = raw);
    Ok(Page {
        items,
        rejected,
        next: next_page(&obj),
    })
}

/// Parses one page of `/balance*`.
pub fn parse_balances_page(body: &str) -> Result<Page<Balance>, Error> {
    let (obj, rows) = wrapper_raw(body)?;
    let (items, rejected) = read_rows(rows, balance, |b, raw| b.raw = raw);
    Ok(Page {
        items,
        rejected,
        next: next_page(&obj),
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
    let amount = amount_field(row, "SUM")?.ok_or_else(|| "SUM is missing".to_string())?;
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
        amount_uah: amount_field(row, "SUM_E")?,
        currency: text(row, "CCY").to_ascii_uppercase(),
        value_date,
        client_date: date_field(row, "DAT_KL"),
        posted_at: kyiv(posted_local),
        purpose: text(row, "OSND"),
        doc_number: text(row, "NUM_DOC"),
        own: party(row, false),
        counterparty: party(row, true),
        bank_id: text(row, "ID"),
        raw: String::new(),
    })
}

/// Our side (`AUT_MY_*`) or the counterparty (`AUT_CNTR_*`).
fn party(row: &Map<String, Value>, counterparty: bool) -> Party {
    let keys = if counterparty {
        [
            "AUT_CNTR_NAM",
            "AUT_CNTR_CRF",
            "AUT_CNTR_ACC",
            "AUT_CNTR_MFO",
            "AUT_CNTR_MFO_NAME",
            "AUT_CNTR_MFO_CITY",
        ]
    } else {
        [
            "AUT_MY_NAM",
            "AUT_MY_CRF",
            "AUT_MY_ACC",
            "AUT_MY_MFO",
            "AUT_MY_MFO_NAME",
            "AUT_MY_MFO_CITY",
        ]
    };
    Party {
        name: text(row, keys[0]),
        tax_id: text(row, keys[1]),
        iban: text(row, keys[2]),
        bank_code: text(row, keys[3]),
        bank_name: text(row, keys[4]),
        bank_city: text(row, keys[5]),
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

/// A row's amount: unsigned, at most two decimals, at most [`MAX_AMOUNT`]. Anything else is a
/// value the bank should never send, and the row is rejected rather than stored.
fn amount_field(row: &Map<String, Value>, field: &str) -> Result<Option<Decimal>, String> {
    let raw = text(row, field);
    if raw.is_empty() {
        return Ok(None);
    }
    let bad = |why: &str| format!("{field} {raw:?} {why}");
    let value = money(&raw).ok_or_else(|| bad("is not an amount"))?;
    if value.is_sign_negative() && !value.is_zero() {
        return Err(bad("is negative"));
    }
    if value.normalize().scale() > 2 {
        return Err(bad("has more than two decimals"));
    }
    if value > MAX_AMOUNT {
        return Err(bad("is beyond any real payment"));
    }
    Ok(Some(value))
}

/// The day a row belongs to, read as leniently as possible: `DAT_OD`, the posting time, then
/// `DAT_KL`; an impossible day of a real month (31.02.2026) gives that month's first day.
fn lenient_day(row: &Map<String, Value>) -> Option<NaiveDate> {
    let fields = ["DAT_OD", "DATE_TIME_DAT_OD_TIM_P", "DAT_KL"];
    fields
        .iter()
        .find_map(|f| parse_date(&text(row, f)))
        .or_else(|| {
            fields.iter().find_map(|f| {
                let text = text(row, f);
                let day = text.split_whitespace().next()?;
                let mut parts = day.split('.');
                let (_, month, year) = (parts.next()?, parts.next()?, parts.next()?);
                NaiveDate::from_ymd_opt(year.parse().ok()?, month.parse().ok()?, 1)
            })
        })
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
