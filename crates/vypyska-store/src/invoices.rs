//! The invoices table, and what was paid to each: the rows the ledger reads and writes. The
//! checks (numbers, amounts, dates, clashes in words) are the core's (`vypyska_core::invoices`).

use std::collections::HashSet;
use std::str::FromStr;

use crate::db::Value;
use crate::db::{params, params_from_iter, Connection, OptionalExtension};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::{minor_units, Result};

/// What the user enters.
#[derive(Debug, Clone)]
pub struct NewInvoice {
    /// The company it is issued by; none: the only company (made when there is none yet).
    pub company_id: Option<i64>,
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
}

/// An invoice with what has been paid.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Invoice {
    pub id: i64,
    pub company_id: i64,
    /// The issuing company's name.
    pub company: String,
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
    /// Moves on with every change: an edit names the revision it was made on.
    pub revision: i64,
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

/// An invoice to write: its fields, with what the core normalised (the number's match keys, the
/// currency, the customer's IBAN).
#[derive(Debug, Clone, Copy)]
pub struct Row<'a> {
    pub company_id: i64,
    pub fields: &'a NewInvoice,
    pub number: &'a str,
    pub key: &'a str,
    pub digits: &'a str,
    pub currency: &'a str,
    pub customer_iban: &'a str,
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

/// Invoices and what paid them: `….invoices()`.
pub struct Invoices<'c> {
    pub(crate) conn: &'c Connection,
}

impl Invoices<'_> {
    /// The match keys of every number a company's invoices have, for checking a whole file at
    /// once.
    pub fn number_keys(&self, company_id: i64) -> Result<HashSet<String>> {
        let mut stmt = self
            .conn
            .prepare("SELECT number_key FROM invoices WHERE company_id = ?1")?;
        let keys = stmt.query_map([company_id], |r| r.get(0))?;
        Ok(keys.collect::<crate::Result<_>>()?)
    }

    /// The company's invoice whose number has this match key.
    pub fn id_by_key(&self, company_id: i64, key: &str) -> Result<Option<i64>> {
        Ok(self
            .conn
            .prepare_cached("SELECT id FROM invoices WHERE company_id = ?1 AND number_key = ?2")?
            .query_row(params![company_id, key], |r| r.get(0))
            .optional()?)
    }

    /// Saves a new invoice; its id.
    pub fn insert(&self, row: Row<'_>, created_at: &str) -> Result<i64> {
        let mut values = values(row);
        values.push(Value::Text(created_at.to_owned()));
        Ok(self
            .conn
            .prepare_cached(
                "INSERT INTO invoices (number, number_key, number_digits, issued_on, customer_name,
                     customer_tax_id, customer_iban, amount, amount_minor, currency, due_on, note,
                     company_id, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14) RETURNING id",
            )?
            .query_row(params_from_iter(values), |r| r.get(0))?)
    }

    /// Changes an invoice's fields, when it is still at revision `seen` (what the person
    /// edited; none: whatever it is now), and moves it to the next revision. False when there
    /// is none of that id at that revision.
    pub fn update(&self, id: i64, row: Row<'_>, seen: Option<i64>) -> Result<bool> {
        let mut values = values(row);
        values.push(Value::Integer(id));
        values.push(seen.map_or(Value::Null, Value::Integer));
        let n = self.conn
            .prepare_cached(
                "UPDATE invoices SET number = ?1, number_key = ?2, number_digits = ?3, issued_on = ?4,
                     customer_name = ?5, customer_tax_id = ?6, customer_iban = ?7, amount = ?8,
                     amount_minor = ?9, currency = ?10, due_on = ?11, note = ?12, company_id = ?13,
                     revision = revision + 1
                 WHERE id = ?14 AND (CAST(?15 AS BIGINT) IS NULL OR revision = ?15)",
            )?
            .execute(params_from_iter(values))?;
        Ok(n > 0)
    }

    /// A company's invoice's id and editable fields, by its number's match key.
    pub fn by_key(&self, company_id: i64, key: &str) -> Result<Option<(i64, NewInvoice)>> {
        Ok(self
            .conn
            .query_row(
                "SELECT id, number, amount, currency, issued_on, customer_name, customer_tax_id,
                     customer_iban, due_on, note, company_id
                 FROM invoices WHERE company_id = ?1 AND number_key = ?2",
                params![company_id, key],
                |r| {
                    let day = |s: String| NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok();
                    Ok((
                        r.get(0)?,
                        NewInvoice {
                            company_id: Some(r.get(10)?),
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
            .optional()?)
    }

    /// The company an invoice belongs to.
    /// The company and the number of the invoice with this id.
    pub fn number_of(&self, id: i64) -> Result<Option<(i64, String)>> {
        Ok(self
            .conn
            .query_row(
                "SELECT company_id, number FROM invoices WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?)
    }

    pub fn company_of(&self, id: i64) -> Result<Option<i64>> {
        Ok(self
            .conn
            .query_row("SELECT company_id FROM invoices WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?)
    }

    pub fn exists(&self, id: i64) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM invoices WHERE id = ?1)",
            [id],
            |r| r.get(0),
        )?)
    }

    /// Cancels an invoice; false when it was cancelled already.
    pub fn cancel(&self, id: i64, at: &str) -> Result<bool> {
        let n = self.conn.execute(
            "UPDATE invoices SET cancelled = 1, cancelled_at = ?2 WHERE id = ?1 AND cancelled = 0",
            params![id, at],
        )?;
        Ok(n == 1)
    }

    /// The payments allocated to an invoice, oldest first.
    pub fn payments(&self, invoice_id: i64) -> Result<Vec<InvoicePayment>> {
        let mut stmt = self.conn.prepare_cached(
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
        Ok(rows.collect::<crate::Result<_>>()?)
    }

    /// Every invoice, in issue order, with what was paid and by which statements.
    pub fn all(&self) -> Result<Vec<Invoice>> {
        let keys = self.conn.dialect().joined("s.key", "' '");
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT i.id, i.number, i.issued_on, i.customer_name, i.customer_tax_id, i.amount,
                 i.amount_minor, i.currency, i.cancelled, i.due_on,
                 COALESCE(SUM(a.amount_minor), 0), {keys}, i.customer_iban, i.note,
                 i.company_id, c.name, i.revision
             FROM invoices i
             JOIN companies c ON c.id = i.company_id
             LEFT JOIN allocations a ON a.invoice_id = i.id
             LEFT JOIN statements s ON s.id = a.statement_id
             GROUP BY i.id, c.id ORDER BY i.issued_on, i.id"
        ))?;
        let rows = stmt.query_map([], |r| {
            let amount_minor: i64 = r.get(6)?;
            let paid_minor: i64 = r.get(10)?;
            let keys: Option<String> = r.get(11)?;
            Ok(Invoice {
                id: r.get(0)?,
                company_id: r.get(14)?,
                company: r.get(15)?,
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
                revision: r.get(16)?,
                statements: keys
                    .map(|k| k.split(' ').map(str::to_owned).collect())
                    .unwrap_or_default(),
            })
        })?;
        Ok(rows.collect::<crate::Result<_>>()?)
    }
}

/// A row's thirteen values, in the order both the insert and the update name its columns.
fn values(row: Row<'_>) -> Vec<Value> {
    let f = row.fields;
    let text = |s: &str| Value::Text(s.to_owned());
    vec![
        text(row.number),
        text(row.key),
        text(row.digits),
        Value::Text(f.issued_on.to_string()),
        text(f.customer_name.trim()),
        text(f.customer_tax_id.trim()),
        text(row.customer_iban),
        Value::Text(f.amount.to_string()),
        Value::Integer(minor_units(f.amount)),
        text(row.currency),
        f.due_on.map_or(Value::Null, |d| Value::Text(d.to_string())),
        text(f.note.trim()),
        Value::Integer(row.company_id),
    ]
}
