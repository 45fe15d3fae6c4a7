//! Automatic allocation of incoming payments to invoices: a pure planner over payments and
//! invoices, and one transaction that applies the plan and writes the audit log.
//!
//! The seed's rule: an incoming, posted payment whose purpose names an invoice number that exists
//! is linked to that invoice and a payment is recorded. Evidence, strongest first: the exact number
//! (or its digits when only one invoice has them), the same currency, the payer's tax code equal to
//! the customer's, the amount equal to what is outstanding. Only unambiguous matches are applied;
//! the rest become suggestions. A reversed or rejected payment keeps no allocation.

use std::collections::HashMap;

use rusqlite::{params, Connection};
use serde::Serialize;

use crate::invoice_numbers::find_invoice_numbers;
use crate::store::{Store, StoreError};
use crate::Clock;

/// An incoming posted payment with no allocation yet.
#[derive(Debug, Clone)]
pub struct Payment {
    pub statement_id: i64,
    pub key: String,
    pub amount_minor: i64,
    pub currency: String,
    pub payer_tax_id: String,
    pub purpose: String,
}

/// An invoice that can still receive payments.
#[derive(Debug, Clone)]
pub struct OpenInvoice {
    pub id: i64,
    pub number: String,
    pub key: String,
    pub digits: String,
    pub currency: String,
    pub customer_tax_id: String,
    pub amount_minor: i64,
    pub paid_minor: i64,
}

/// An allocation whose payment was reversed or rejected.
#[derive(Debug, Clone)]
pub struct Stale {
    pub statement_id: i64,
    pub invoice_id: i64,
    pub amount_minor: i64,
    pub state: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum Step {
    Allocate {
        statement_id: i64,
        invoice_id: i64,
        amount_minor: i64,
        reason: String,
    },
    Unallocate {
        statement_id: i64,
        invoice_id: i64,
        amount_minor: i64,
        reason: String,
    },
    /// More than one invoice fits: a person decides.
    Suggest {
        statement_id: i64,
        invoice_ids: Vec<i64>,
        reason: String,
    },
}

/// The invoices a number in the purpose points at, after the evidence is weighed.
fn candidates(
    payment: &Payment,
    invoices: &[OpenInvoice],
    by_key: &HashMap<&str, usize>,
    by_digits: &HashMap<&str, Vec<usize>>,
    number: &crate::invoice_numbers::FoundNumber,
) -> (Vec<usize>, &'static str) {
    if let Some(&i) = by_key.get(number.key.as_str()) {
        return if invoices[i].currency == payment.currency {
            (vec![i], "number")
        } else {
            (vec![], "")
        };
    }
    let mut found: Vec<usize> = by_digits
        .get(number.digits.as_str())
        .cloned()
        .unwrap_or_default();
    found.retain(|&i| invoices[i].currency == payment.currency);
    if found.len() > 1 && !payment.payer_tax_id.is_empty() {
        let same_payer: Vec<usize> = found
            .iter()
            .copied()
            .filter(|&i| invoices[i].customer_tax_id == payment.payer_tax_id)
            .collect();
        if !same_payer.is_empty() {
            found = same_payer;
        }
    }
    if found.len() > 1 {
        let same_amount: Vec<usize> = found
            .iter()
            .copied()
            .filter(|&i| invoices[i].amount_minor - invoices[i].paid_minor == payment.amount_minor)
            .collect();
        if same_amount.len() == 1 {
            found = same_amount;
        }
    }
    (found, "digits")
}

/// Plans allocations; a pure function of its inputs. Payments are taken in the order given, each
/// claims what it pays, so the next one sees the invoice's new outstanding amount.
pub fn plan(payments: &[Payment], invoices: &[OpenInvoice], stale: &[Stale]) -> Vec<Step> {
    let mut steps: Vec<Step> = stale
        .iter()
        .map(|s| Step::Unallocate {
            statement_id: s.statement_id,
            invoice_id: s.invoice_id,
            amount_minor: s.amount_minor,
            reason: format!("the payment was {}", s.state),
        })
        .collect();
    let mut paid: Vec<i64> = invoices.iter().map(|i| i.paid_minor).collect();
    let by_key: HashMap<&str, usize> = invoices
        .iter()
        .enumerate()
        .map(|(i, inv)| (inv.key.as_str(), i))
        .collect();
    let mut by_digits: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, inv) in invoices.iter().enumerate() {
        by_digits.entry(inv.digits.as_str()).or_default().push(i);
    }
    for p in payments {
        let mut chosen: Vec<(usize, &'static str)> = Vec::new();
        let mut ambiguous: Vec<usize> = Vec::new();
        for number in find_invoice_numbers(&p.purpose) {
            let (found, how) = candidates(p, invoices, &by_key, &by_digits, &number);
            match found.as_slice() {
                [] => {}
                [one] => {
                    if !chosen.iter().any(|(c, _)| c == one) {
                        chosen.push((*one, how));
                    }
                }
                many => ambiguous.extend_from_slice(many),
            }
        }
        if !ambiguous.is_empty() {
            ambiguous.extend(chosen.iter().map(|(c, _)| *c));
            ambiguous.sort_unstable();
            ambiguous.dedup();
            steps.push(Step::Suggest {
                statement_id: p.statement_id,
                invoice_ids: ambiguous.iter().map(|&i| invoices[i].id).collect(),
                reason: "several invoices have this number".into(),
            });
            continue;
        }
        // Several invoices in one payment: fill each one's outstanding amount in invoice order;
        // what is left over goes to the last one, as an overpayment.
        let mut remaining = p.amount_minor;
        let last = chosen.len().saturating_sub(1);
        for (n, (i, how)) in chosen.iter().enumerate() {
            let outstanding = (invoices[*i].amount_minor - paid[*i]).max(0);
            let take = if n == last {
                remaining
            } else {
                remaining.min(outstanding)
            };
            if take <= 0 {
                continue;
            }
            remaining -= take;
            paid[*i] += take;
            let inv = &invoices[*i];
            let mut reason = format!("purpose names invoice {} ({how})", inv.number);
            if !p.payer_tax_id.is_empty() && p.payer_tax_id == inv.customer_tax_id {
                reason.push_str(", payer's tax code matches");
            }
            if take > outstanding {
                reason.push_str(", overpaid");
            }
            steps.push(Step::Allocate {
                statement_id: p.statement_id,
                invoice_id: inv.id,
                amount_minor: take,
                reason,
            });
        }
    }
    steps
}

/// The planner's inputs: unallocated payments, invoices, allocations to undo.
pub type Inputs = (Vec<Payment>, Vec<OpenInvoice>, Vec<Stale>);

/// Reads the planner's inputs from the database.
pub fn load(conn: &Connection) -> Result<Inputs, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.id, s.key, s.amount_minor, s.currency, s.counterparty_tax_id, s.purpose
         FROM statements s
         WHERE s.direction = 'in' AND s.state = 'posted'
           AND NOT EXISTS (SELECT 1 FROM allocations a WHERE a.statement_id = s.id)
           AND NOT EXISTS (SELECT 1 FROM allocation_holds h WHERE h.statement_id = s.id)
         ORDER BY s.posted_ts, s.id",
    )?;
    let payments = stmt
        .query_map([], |r| {
            Ok(Payment {
                statement_id: r.get(0)?,
                key: r.get(1)?,
                amount_minor: r.get(2)?,
                currency: r.get(3)?,
                payer_tax_id: r.get(4)?,
                purpose: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut stmt = conn.prepare_cached(
        "SELECT i.id, i.number, i.number_key, i.number_digits, i.currency, i.customer_tax_id,
             i.amount_minor, COALESCE((SELECT SUM(amount_minor) FROM allocations a WHERE a.invoice_id = i.id), 0)
         FROM invoices i WHERE i.cancelled = 0 ORDER BY i.issued_on, i.id",
    )?;
    let invoices = stmt
        .query_map([], |r| {
            Ok(OpenInvoice {
                id: r.get(0)?,
                number: r.get(1)?,
                key: r.get(2)?,
                digits: r.get(3)?,
                currency: r.get(4)?,
                customer_tax_id: r.get(5)?,
                amount_minor: r.get(6)?,
                paid_minor: r.get(7)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut stmt = conn.prepare_cached(
        "SELECT a.statement_id, a.invoice_id, a.amount_minor, s.state
         FROM allocations a JOIN statements s ON s.id = a.statement_id
         WHERE s.state IN ('reversed', 'rejected')",
    )?;
    let stale = stmt
        .query_map([], |r| {
            Ok(Stale {
                statement_id: r.get(0)?,
                invoice_id: r.get(1)?,
                amount_minor: r.get(2)?,
                state: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok((payments, invoices, stale))
}

/// Plans, and unless `dry_run` applies the plan in one transaction with an audit-log line per
/// change. `actor` says who asked ("auto" after a sync, "cli", "user").
pub fn allocate(
    store: &mut Store,
    clock: &dyn Clock,
    actor: &str,
    dry_run: bool,
) -> Result<Vec<Step>, StoreError> {
    let (payments, invoices, stale) = load(store.conn())?;
    let steps = plan(&payments, &invoices, &stale);
    if dry_run || steps.is_empty() {
        return Ok(steps);
    }
    let now = clock.now().to_rfc3339();
    let tx = store.write()?;
    for step in &steps {
        match step {
            Step::Allocate {
                statement_id,
                invoice_id,
                amount_minor,
                reason,
            } => {
                tx.execute(
                    "INSERT INTO allocations (statement_id, invoice_id, amount_minor, source, reason, created_at)
                     VALUES (?1, ?2, ?3, 'auto', ?4, ?5)",
                    params![statement_id, invoice_id, amount_minor, reason, now],
                )?;
                log(
                    &tx,
                    &now,
                    actor,
                    "allocate",
                    *statement_id,
                    *invoice_id,
                    *amount_minor,
                    reason,
                )?;
            }
            Step::Unallocate {
                statement_id,
                invoice_id,
                amount_minor,
                reason,
            } => {
                tx.execute(
                    "DELETE FROM allocations WHERE statement_id = ?1 AND invoice_id = ?2",
                    params![statement_id, invoice_id],
                )?;
                log(
                    &tx,
                    &now,
                    actor,
                    "unallocate",
                    *statement_id,
                    *invoice_id,
                    *amount_minor,
                    reason,
                )?;
            }
            Step::Suggest { .. } => {}
        }
    }
    tx.commit()?;
    Ok(steps)
}

#[derive(Debug, thiserror::Error)]
pub enum ManualError {
    #[error("no statement {0}")]
    NoStatement(String),
    #[error("no invoice {0}")]
    NoInvoice(String),
    #[error("only posted incoming payments can pay invoices")]
    NotIncoming,
    #[error("the payment has {left} left to allocate, less than {asked}")]
    TooMuch { left: i64, asked: i64 },
    #[error("nothing to remove")]
    Nothing,
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<rusqlite::Error> for ManualError {
    fn from(e: rusqlite::Error) -> Self {
        ManualError::Store(e.into())
    }
}

impl ManualError {
    pub fn message(&self, lang: crate::Lang) -> String {
        let money = |m: i64| rust_decimal::Decimal::new(m, 2).to_string();
        match self {
            ManualError::NoStatement(k) => {
                lang.pick(format!("Немає платежу {k}."), format!("No payment {k}."))
            }
            ManualError::NoInvoice(n) => {
                lang.pick(format!("Немає рахунку № {n}."), format!("No invoice {n}."))
            }
            ManualError::NotIncoming => lang.pick(
                "Оплатити рахунок може лише проведене надходження.",
                "Only a posted incoming payment can pay an invoice.",
            ),
            ManualError::TooMuch { left, asked } => lang.pick(
                format!(
                    "З платежу лишилося розподілити {}, а не {}.",
                    money(*left),
                    money(*asked)
                ),
                format!(
                    "The payment has {} left to allocate, not {}.",
                    money(*left),
                    money(*asked)
                ),
            ),
            ManualError::Nothing => {
                lang.pick("Цей платіж не рознесено.", "This payment is not allocated.")
            }
            ManualError::Store(e) => e.to_string(),
        }
    }
}

fn statement_by_key(
    conn: &Connection,
    key: &str,
) -> Result<(i64, i64, String, String), ManualError> {
    conn.query_row(
        "SELECT id, amount_minor, direction, state FROM statements WHERE key = ?1",
        [key],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )
    .map_err(|e| match e {
        rusqlite::Error::QueryReturnedNoRows => ManualError::NoStatement(key.to_owned()),
        e => e.into(),
    })
}

/// A person links a payment to an invoice: the whole unallocated rest, or `amount_minor`. The
/// payment is then held from automatic allocation.
pub fn allocate_manually(
    store: &mut Store,
    clock: &dyn Clock,
    actor: &str,
    statement_key: &str,
    invoice_number: &str,
    amount_minor: Option<i64>,
) -> Result<i64, ManualError> {
    let now = clock.now().to_rfc3339();
    let tx = store.write()?;
    let (statement_id, total, direction, state) = statement_by_key(&tx, statement_key)?;
    if direction != "in" || state != "posted" {
        return Err(ManualError::NotIncoming);
    }
    let invoice_id: i64 = tx
        .query_row(
            "SELECT id FROM invoices WHERE number_key = ?1",
            [crate::invoice_numbers::number_key(invoice_number)],
            |r| r.get(0),
        )
        .map_err(|_| ManualError::NoInvoice(invoice_number.to_owned()))?;
    let used: i64 = tx.query_row(
        "SELECT COALESCE(SUM(amount_minor), 0) FROM allocations WHERE statement_id = ?1",
        [statement_id],
        |r| r.get(0),
    )?;
    let left = total - used;
    let amount = amount_minor.unwrap_or(left);
    if amount <= 0 || amount > left {
        return Err(ManualError::TooMuch {
            left,
            asked: amount,
        });
    }
    let reason = format!("allocated by hand ({actor})");
    tx.execute(
        "INSERT INTO allocations (statement_id, invoice_id, amount_minor, source, reason, created_at)
         VALUES (?1, ?2, ?3, 'manual', ?4, ?5)
         ON CONFLICT (statement_id, invoice_id) DO UPDATE SET
             amount_minor = amount_minor + excluded.amount_minor, source = 'manual'",
        params![statement_id, invoice_id, amount, reason, now],
    )?;
    hold(&tx, statement_id, &now, &reason)?;
    log(
        &tx,
        &now,
        actor,
        "allocate",
        statement_id,
        invoice_id,
        amount,
        &reason,
    )?;
    tx.commit().map_err(StoreError::from)?;
    Ok(amount)
}

/// A person removes a payment's allocations (to one invoice, or all). The payment is held from
/// automatic allocation, so the removal sticks.
pub fn unallocate_manually(
    store: &mut Store,
    clock: &dyn Clock,
    actor: &str,
    statement_key: &str,
    invoice_number: Option<&str>,
) -> Result<usize, ManualError> {
    let now = clock.now().to_rfc3339();
    let tx = store.write()?;
    let (statement_id, ..) = statement_by_key(&tx, statement_key)?;
    let key = invoice_number.map(crate::invoice_numbers::number_key);
    let removed: Vec<(i64, i64)> = {
        let mut stmt = tx.prepare(
            "SELECT a.invoice_id, a.amount_minor FROM allocations a JOIN invoices i ON i.id = a.invoice_id
             WHERE a.statement_id = ?1 AND (?2 IS NULL OR i.number_key = ?2)",
        )?;
        let rows = stmt.query_map(params![statement_id, key], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    if removed.is_empty() {
        return Err(ManualError::Nothing);
    }
    let reason = format!("removed by hand ({actor})");
    for (invoice_id, amount) in &removed {
        tx.execute(
            "DELETE FROM allocations WHERE statement_id = ?1 AND invoice_id = ?2",
            params![statement_id, invoice_id],
        )?;
        log(
            &tx,
            &now,
            actor,
            "unallocate",
            statement_id,
            *invoice_id,
            *amount,
            &reason,
        )?;
    }
    hold(&tx, statement_id, &now, &reason)?;
    tx.commit().map_err(StoreError::from)?;
    Ok(removed.len())
}

fn hold(conn: &Connection, statement_id: i64, at: &str, reason: &str) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO allocation_holds (statement_id, at, reason) VALUES (?1, ?2, ?3)
         ON CONFLICT (statement_id) DO UPDATE SET at = excluded.at, reason = excluded.reason",
        params![statement_id, at, reason],
    )?;
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn log(
    conn: &Connection,
    at: &str,
    actor: &str,
    action: &str,
    statement_id: i64,
    invoice_id: i64,
    amount_minor: i64,
    reason: &str,
) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO allocation_log (at, actor, action, statement_id, invoice_id, amount_minor, reason)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![at, actor, action, statement_id, invoice_id, amount_minor, reason],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests;
