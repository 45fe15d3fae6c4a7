//! Invoices the business issued, and their status derived from the payments allocated to them.

use crate::UserError as _;
use std::str::FromStr;

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use rust_decimal::Decimal;
use serde::Serialize;

use crate::invoice_numbers::{main_digits, number_key};
use crate::store::{minor_units, StoreError};
use crate::validate::{self, Field, Invalid};
use crate::{Clock, Lang};

/// What the user enters.
#[derive(Debug, Clone)]
pub struct NewInvoice {
    pub number: String,
    pub amount: Decimal,
    pub currency: String,
    pub issued_on: NaiveDate,
    pub customer_name: String,
    pub customer_tax_id: String,
    pub customer_iban: String,
    pub due_on: Option<NaiveDate>,
    pub note: String,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum InvoiceStatus {
    Open,
    PartiallyPaid,
    Paid,
    Overpaid,
    Cancelled,
}

impl InvoiceStatus {
    pub fn derive(amount_minor: i64, paid_minor: i64, cancelled: bool) -> Self {
        match () {
            _ if cancelled => InvoiceStatus::Cancelled,
            _ if paid_minor == 0 => InvoiceStatus::Open,
            _ if paid_minor < amount_minor => InvoiceStatus::PartiallyPaid,
            _ if paid_minor == amount_minor => InvoiceStatus::Paid,
            _ => InvoiceStatus::Overpaid,
        }
    }

    /// The status in words, as lists show it.
    pub fn words(self, lang: Lang) -> &'static str {
        match (self, lang) {
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
}

/// An invoice with what has been paid.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Invoice {
    pub id: i64,
    pub number: String,
    pub issued_on: String,
    pub customer_name: String,
    pub customer_tax_id: String,
    pub customer_iban: String,
    #[cfg_attr(feature = "specta", specta(type = String))]
    #[serde(with = "rust_decimal::serde::str")]
    pub amount: Decimal,
    pub currency: String,
    #[cfg_attr(feature = "specta", specta(type = String))]
    #[serde(with = "rust_decimal::serde::str")]
    pub paid: Decimal,
    pub status: InvoiceStatus,
    pub due_on: Option<String>,
    pub note: String,
    /// Keys (REF/REFN) of the statements allocated to it.
    pub statements: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum InvoiceError {
    #[error(transparent)]
    Invalid(#[from] Invalid),
    #[error("the number is empty")]
    EmptyNumber,
    #[error("the amount must be above zero")]
    Amount,
    #[error("the due date is before the issue date")]
    DueBeforeIssue,
    #[error("invoice {0} exists already")]
    Duplicate(String),
    #[error("no invoice {0}")]
    NotFound(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<rusqlite::Error> for InvoiceError {
    fn from(e: rusqlite::Error) -> Self {
        InvoiceError::Store(e.into())
    }
}

impl InvoiceError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            InvoiceError::Invalid(i) => i.message(lang),
            InvoiceError::EmptyNumber => {
                lang.pick("Вкажіть номер рахунку.", "Give the invoice number.")
            }
            InvoiceError::DueBeforeIssue => lang.pick(
                "Строк оплати раніше за дату рахунку: перевірте дати.",
                "The due date is before the invoice date: check the dates.",
            ),
            InvoiceError::Amount => lang.pick(
                "Сума має бути більшою за нуль, менше трильйона, з копійками не дрібніше 0,01.",
                "The amount must be above zero, below a trillion, in whole cents.",
            ),
            InvoiceError::Duplicate(n) => lang.pick(
                format!("Рахунок № {n} вже є."),
                format!("Invoice {n} exists already."),
            ),
            InvoiceError::NotFound(n) => {
                lang.pick(format!("Немає рахунку № {n}."), format!("No invoice {n}."))
            }
            InvoiceError::Store(e) => e.message(lang),
        }
    }

    pub fn code(&self) -> crate::Code {
        match self {
            InvoiceError::Invalid(i) => i.code(),
            InvoiceError::EmptyNumber => crate::Code::InvalidNumber,
            InvoiceError::DueBeforeIssue => crate::Code::BadDate,
            InvoiceError::Amount => crate::Code::InvalidAmount,
            InvoiceError::Duplicate(_) => crate::Code::InvoiceExists,
            InvoiceError::NotFound(_) => crate::Code::InvoiceNotFound,
            InvoiceError::Store(e) => e.code(),
        }
    }
}

/// The checked fields of an invoice: number, match keys, currency, optional IBAN.
struct Checked {
    number: String,
    key: String,
    currency: String,
    customer_iban: String,
}

/// Checks an invoice's own fields, without the database: what an import can say of every row
/// before anything is saved.
pub fn check_fields(new: &NewInvoice) -> Result<(), InvoiceError> {
    fields(new).map(|_| ())
}

fn fields(new: &NewInvoice) -> Result<Checked, InvoiceError> {
    let number = validate::line(&new.number, Field::InvoiceNumber)?;
    if number.is_empty() {
        return Err(InvoiceError::EmptyNumber);
    }
    validate::line(&new.customer_name, Field::Customer)?;
    validate::line(&new.note, Field::Note)?;
    if new.due_on.is_some_and(|due| due < new.issued_on) {
        return Err(InvoiceError::DueBeforeIssue);
    }
    // Above zero, whole kopiykas, and below a trillion (no overflow in minor units).
    if new.amount <= Decimal::ZERO
        || new.amount >= Decimal::from(1_000_000_000_000i64)
        || new.amount.normalize().scale() > 2
    {
        return Err(InvoiceError::Amount);
    }
    let currency = validate::currency(&new.currency)?;
    let customer_iban = match new.customer_iban.trim() {
        "" => String::new(),
        iban => validate::iban(iban)?,
    };
    if !new.customer_tax_id.trim().is_empty() {
        validate::tax_id(&new.customer_tax_id)?;
    }
    let key = number_key(&number);
    Ok(Checked {
        number,
        key,
        currency,
        customer_iban,
    })
}

/// The match keys of every saved invoice's number, for checking a whole file at once.
pub fn saved_number_keys(
    conn: &Connection,
) -> Result<std::collections::HashSet<String>, StoreError> {
    let mut stmt = conn.prepare("SELECT number_key FROM invoices")?;
    let keys = stmt.query_map([], |r| r.get(0))?;
    Ok(keys.collect::<rusqlite::Result<_>>()?)
}

fn check(
    conn: &Connection,
    new: &NewInvoice,
    except: Option<i64>,
) -> Result<Checked, InvoiceError> {
    let checked = fields(new)?;
    let clash: Option<i64> = conn
        .prepare_cached("SELECT id FROM invoices WHERE number_key = ?1")?
        .query_row([&checked.key], |r| r.get(0))
        .optional()?;
    if clash.is_some_and(|id| Some(id) != except) {
        return Err(InvoiceError::Duplicate(checked.number));
    }
    Ok(checked)
}

/// A stored amount with its kopecks always shown (`10` saved by an older version reads `10.00`),
/// so every amount of an invoice has one scale.
fn two_places(text: &str) -> Decimal {
    let mut value = Decimal::from_str(text).unwrap_or_default();
    if value.scale() < 2 {
        value.rescale(2);
    }
    value
}

pub fn add(conn: &Connection, clock: &dyn Clock, new: NewInvoice) -> Result<i64, InvoiceError> {
    let c = check(conn, &new, None)?;
    conn.prepare_cached(
        "INSERT INTO invoices (number, number_key, number_digits, issued_on, customer_name,
             customer_tax_id, customer_iban, amount, amount_minor, currency, due_on, note, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?
    .execute(params![
            c.number,
            c.key,
            main_digits(&c.number),
            new.issued_on.to_string(),
            new.customer_name.trim(),
            new.customer_tax_id.trim(),
            c.customer_iban,
            new.amount.to_string(),
            minor_units(new.amount),
            c.currency,
            new.due_on.map(|d| d.to_string()),
            new.note.trim(),
            clock.now().to_rfc3339(),
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Changes an invoice's fields (its payments stay; its status follows the new amount).
pub fn update(conn: &Connection, id: i64, new: NewInvoice) -> Result<(), InvoiceError> {
    let c = check(conn, &new, Some(id))?;
    let n = conn.execute(
        "UPDATE invoices SET number = ?2, number_key = ?3, number_digits = ?4, issued_on = ?5,
             customer_name = ?6, customer_tax_id = ?7, customer_iban = ?8, amount = ?9,
             amount_minor = ?10, currency = ?11, due_on = ?12, note = ?13
         WHERE id = ?1",
        params![
            id,
            c.number,
            c.key,
            main_digits(&c.number),
            new.issued_on.to_string(),
            new.customer_name.trim(),
            new.customer_tax_id.trim(),
            c.customer_iban,
            new.amount.to_string(),
            minor_units(new.amount),
            c.currency,
            new.due_on.map(|d| d.to_string()),
            new.note.trim(),
        ],
    )?;
    match n {
        0 => Err(InvoiceError::NotFound(id.to_string())),
        _ => Ok(()),
    }
}

/// An invoice's id and editable fields, by number (any case, look-alike letters folded).
pub fn find(conn: &Connection, number: &str) -> Result<(i64, NewInvoice), InvoiceError> {
    conn.query_row(
        "SELECT id, number, amount, currency, issued_on, customer_name, customer_tax_id,
             customer_iban, due_on, note
         FROM invoices WHERE number_key = ?1",
        [number_key(number)],
        |r| {
            let day = |s: String| NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok();
            Ok((
                r.get(0)?,
                NewInvoice {
                    number: r.get(1)?,
                    amount: two_places(&r.get::<_, String>(2)?),
                    currency: r.get(3)?,
                    issued_on: day(r.get(4)?).unwrap_or_default(),
                    customer_name: r.get(5)?,
                    customer_tax_id: r.get(6)?,
                    customer_iban: r.get(7)?,
                    due_on: r.get::<_, Option<String>>(8)?.and_then(day),
                    note: r.get(9)?,
                },
            ))
        },
    )
    .optional()?
    .ok_or_else(|| InvoiceError::NotFound(number.trim().to_owned()))
}

/// Refuses an id that names no invoice.
fn existing(conn: &Connection, id: i64) -> Result<(), InvoiceError> {
    let found: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM invoices WHERE id = ?1)",
        [id],
        |r| r.get(0),
    )?;
    if found {
        Ok(())
    } else {
        Err(InvoiceError::NotFound(id.to_string()))
    }
}

/// Cancels an invoice by id; false when it was cancelled already.
pub fn cancel_by_id(conn: &Connection, clock: &dyn Clock, id: i64) -> Result<bool, InvoiceError> {
    existing(conn, id)?;
    let n = conn.execute(
        "UPDATE invoices SET cancelled = 1, cancelled_at = ?2 WHERE id = ?1 AND cancelled = 0",
        params![id, clock.now().to_rfc3339()],
    )?;
    Ok(n == 1)
}

/// A payment allocated to an invoice.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InvoicePayment {
    pub statement_id: i64,
    pub key: String,
    pub posted_at: String,
    pub payer: String,
    #[cfg_attr(feature = "specta", specta(type = String))]
    #[serde(with = "rust_decimal::serde::str")]
    pub amount: Decimal,
    /// `auto` or `manual`.
    pub source: String,
    pub reason: String,
}

/// The payments allocated to an invoice, oldest first.
pub fn payments(conn: &Connection, invoice_id: i64) -> Result<Vec<InvoicePayment>, InvoiceError> {
    existing(conn, invoice_id)?;
    let mut stmt = conn.prepare_cached(
        "SELECT s.id, s.key, s.posted_at, s.counterparty_name, a.amount_minor, a.source, a.reason
         FROM allocations a JOIN statements s ON s.id = a.statement_id
         WHERE a.invoice_id = ?1 ORDER BY s.posted_ts, s.id",
    )?;
    let rows = stmt.query_map([invoice_id], |r| {
        Ok(InvoicePayment {
            statement_id: r.get(0)?,
            key: r.get(1)?,
            posted_at: r.get(2)?,
            payer: r.get(3)?,
            amount: Decimal::new(r.get(4)?, 2),
            source: r.get(5)?,
            reason: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Cancels an invoice by number; its payments stay recorded. False when there is no such one.
pub fn cancel(conn: &Connection, clock: &dyn Clock, number: &str) -> Result<bool, InvoiceError> {
    match find(conn, number) {
        Ok((id, _)) => cancel_by_id(conn, clock, id),
        Err(InvoiceError::NotFound(_)) => Ok(false),
        Err(e) => Err(e),
    }
}

/// Every invoice, in issue order, with its payments.
pub fn list(conn: &Connection) -> Result<Vec<Invoice>, InvoiceError> {
    let mut stmt = conn.prepare(
        "SELECT i.id, i.number, i.issued_on, i.customer_name, i.customer_tax_id, i.amount,
             i.amount_minor, i.currency, i.cancelled, i.due_on,
             COALESCE(SUM(a.amount_minor), 0), GROUP_CONCAT(s.key, ' '), i.customer_iban, i.note
         FROM invoices i
         LEFT JOIN allocations a ON a.invoice_id = i.id
         LEFT JOIN statements s ON s.id = a.statement_id
         GROUP BY i.id ORDER BY i.issued_on, i.id",
    )?;
    let rows = stmt.query_map([], |r| {
        let amount_minor: i64 = r.get(6)?;
        let paid_minor: i64 = r.get(10)?;
        let keys: Option<String> = r.get(11)?;
        Ok(Invoice {
            id: r.get(0)?,
            number: r.get(1)?,
            issued_on: r.get(2)?,
            customer_name: r.get(3)?,
            customer_tax_id: r.get(4)?,
            amount: two_places(&r.get::<_, String>(5)?),
            currency: r.get(7)?,
            paid: Decimal::new(paid_minor, 2),
            status: InvoiceStatus::derive(amount_minor, paid_minor, r.get(8)?),
            due_on: r.get(9)?,
            customer_iban: r.get(12)?,
            note: r.get(13)?,
            statements: keys
                .map(|k| k.split(' ').map(str::to_owned).collect())
                .unwrap_or_default(),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

crate::error::user_error!(InvoiceError);
