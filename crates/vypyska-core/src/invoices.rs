//! Invoices the business issued, and their status derived from the payments allocated to them.

use std::str::FromStr;

use chrono::NaiveDate;
use rusqlite::{params, Connection};
use rust_decimal::Decimal;
use serde::Serialize;

use crate::invoice_numbers::{main_digits, number_key};
use crate::store::{minor_units, StoreError};
use crate::validate::{self, Invalid};
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
    pub due_on: Option<NaiveDate>,
}

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
}

/// An invoice with what has been paid.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Invoice {
    pub id: i64,
    pub number: String,
    pub issued_on: String,
    pub customer_name: String,
    pub customer_tax_id: String,
    #[serde(with = "rust_decimal::serde::str")]
    pub amount: Decimal,
    pub currency: String,
    #[serde(with = "rust_decimal::serde::str")]
    pub paid: Decimal,
    pub status: InvoiceStatus,
    pub due_on: Option<String>,
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
    #[error("invoice {0} exists already")]
    Duplicate(String),
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
            InvoiceError::Amount => lang.pick(
                "Сума має бути більшою за нуль.",
                "The amount must be above zero.",
            ),
            InvoiceError::Duplicate(n) => lang.pick(
                format!("Рахунок № {n} вже є."),
                format!("Invoice {n} exists already."),
            ),
            InvoiceError::Store(e) => e.to_string(),
        }
    }
}

pub fn add(conn: &Connection, clock: &dyn Clock, new: NewInvoice) -> Result<i64, InvoiceError> {
    let number = new.number.trim().to_owned();
    if number.is_empty() {
        return Err(InvoiceError::EmptyNumber);
    }
    if new.amount <= Decimal::ZERO {
        return Err(InvoiceError::Amount);
    }
    let currency = validate::currency(&new.currency)?;
    let key = number_key(&number);
    let exists: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM invoices WHERE number_key = ?1)",
        [&key],
        |r| r.get(0),
    )?;
    if exists {
        return Err(InvoiceError::Duplicate(number));
    }
    conn.execute(
        "INSERT INTO invoices (number, number_key, number_digits, issued_on, customer_name,
             customer_tax_id, amount, amount_minor, currency, due_on, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            number,
            key,
            main_digits(&number),
            new.issued_on.to_string(),
            new.customer_name.trim(),
            new.customer_tax_id.trim(),
            new.amount.to_string(),
            minor_units(new.amount),
            currency,
            new.due_on.map(|d| d.to_string()),
            clock.now().to_rfc3339(),
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Cancels an invoice by number; its payments stay recorded. False when there is no such one.
pub fn cancel(conn: &Connection, clock: &dyn Clock, number: &str) -> Result<bool, InvoiceError> {
    let n = conn.execute(
        "UPDATE invoices SET cancelled = 1, cancelled_at = ?2 WHERE number_key = ?1 AND cancelled = 0",
        params![number_key(number), clock.now().to_rfc3339()],
    )?;
    Ok(n == 1)
}

/// Every invoice, in issue order, with its payments.
pub fn list(conn: &Connection) -> Result<Vec<Invoice>, InvoiceError> {
    let mut stmt = conn.prepare(
        "SELECT i.id, i.number, i.issued_on, i.customer_name, i.customer_tax_id, i.amount,
             i.amount_minor, i.currency, i.cancelled, i.due_on,
             COALESCE(SUM(a.amount_minor), 0), GROUP_CONCAT(s.key, ' ')
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
            amount: Decimal::from_str(&r.get::<_, String>(5)?).unwrap_or_default(),
            currency: r.get(7)?,
            paid: Decimal::new(paid_minor, 2),
            status: InvoiceStatus::derive(amount_minor, paid_minor, r.get(8)?),
            due_on: r.get(9)?,
            statements: keys
                .map(|k| k.split(' ').map(str::to_owned).collect())
                .unwrap_or_default(),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
