//! Automatic allocation of incoming payments to invoices: a pure planner over payments and
//! invoices, and one transaction that applies the plan and writes the audit log.
//!
//! The seed's rule: an incoming, posted payment whose purpose names an invoice number that exists
//! is linked to that invoice and a payment is recorded. Evidence, strongest first: the exact number
//! (or its digits when only one invoice has them), the same currency, the payer's tax code equal to
//! the customer's, the amount equal to what is outstanding. Only unambiguous matches are applied;
//! the rest become suggestions. A reversed or rejected payment keeps no allocation.

use crate::UserError as _;
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

/// An allocation's reason as stored (English, stable for the audit log) in the user's language.
pub fn explain(reason: &str, lang: crate::Lang) -> String {
    if lang == crate::Lang::En {
        return reason.to_owned();
    }
    const PHRASES: [(&str, &str); 12] = [
        ("purpose names invoice ", "у призначенні названо рахунок № "),
        (" (number)", " (номер)"),
        (" (digits)", " (цифри номера)"),
        (", payer's tax code matches", ", код платника збігається"),
        (", overpaid", ", переплата"),
        (
            "several invoices have this number",
            "цей номер мають кілька рахунків",
        ),
        ("allocated by hand", "рознесено вручну"),
        ("removed by hand", "прибрано вручну"),
        ("suggestion rejected by hand", "пропозицію відхилено вручну"),
        ("the payment was reversed", "платіж сторновано"),
        ("the payment was rejected", "платіж відхилено банком"),
        ("(user)", "(користувач)"),
    ];
    PHRASES
        .iter()
        .fold(reason.to_owned(), |text, (en, uk)| text.replace(en, uk))
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

/// What breaks the allocation invariants, in words (empty when sound): a payment allocated beyond
/// its amount; an allocation on a reversed, rejected or outgoing payment. For the tests that try
/// hard to break them (property tests, the crash test).
pub fn inconsistencies(conn: &Connection) -> Result<Vec<String>, StoreError> {
    let mut found = Vec::new();
    let mut overdrawn = conn.prepare(
        "SELECT s.key, SUM(a.amount_minor), MAX(s.amount_minor) FROM allocations a
         JOIN statements s ON s.id = a.statement_id GROUP BY s.id
         HAVING SUM(a.amount_minor) > MAX(s.amount_minor)",
    )?;
    for row in overdrawn.query_map([], |r| {
        Ok(format!(
            "payment {} gives {} of its {} (minor units)",
            r.get::<_, String>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, i64>(2)?
        ))
    })? {
        found.push(row?);
    }
    let mut dead = conn.prepare(
        "SELECT s.key, s.state, s.direction FROM allocations a
         JOIN statements s ON s.id = a.statement_id
         WHERE s.state IN ('reversed', 'rejected') OR s.direction <> 'in'",
    )?;
    for row in dead.query_map([], |r| {
        Ok(format!(
            "payment {} ({}, {}) keeps an allocation",
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?
        ))
    })? {
        found.push(row?);
    }
    Ok(found)
}

/// What automatic allocation would do now, from the stored payments and invoices: the plan
/// without applying it (a dry run, the preview).
pub fn preview(store: &Store) -> Result<Vec<Step>, StoreError> {
    let (payments, invoices, stale) = load(store.conn())?;
    Ok(plan(&payments, &invoices, &stale))
}

/// Plans, and applies the plan in one transaction with an audit-log line per
/// change. `actor` says who asked ("auto" after a sync, "cli", "user").
pub fn allocate(
    store: &mut Store,
    clock: &dyn Clock,
    actor: &str,
) -> Result<Vec<Step>, StoreError> {
    let steps = preview(store)?;
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
    sync_review_queue(&tx, &steps, &now)?;
    tx.commit()?;
    Ok(steps)
}

/// The review queue becomes the plan's suggestions: new ones join (keeping when an older one was
/// first made), ones the plan no longer makes leave (the payment was allocated or held by a
/// person, reversed; an invoice was cancelled or paid).
fn sync_review_queue(conn: &Connection, steps: &[Step], now: &str) -> Result<(), StoreError> {
    let mut wanted: HashMap<(i64, i64), &str> = HashMap::new();
    for step in steps {
        if let Step::Suggest {
            statement_id,
            invoice_ids,
            reason,
        } = step
        {
            for invoice_id in invoice_ids {
                wanted.insert((*statement_id, *invoice_id), reason);
            }
        }
    }
    let existing: Vec<(i64, i64)> = {
        let mut stmt =
            conn.prepare_cached("SELECT statement_id, invoice_id FROM allocation_suggestions")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for pair in existing.iter().filter(|p| !wanted.contains_key(p)) {
        conn.execute(
            "DELETE FROM allocation_suggestions WHERE statement_id = ?1 AND invoice_id = ?2",
            params![pair.0, pair.1],
        )?;
    }
    let mut add = conn.prepare_cached(
        "INSERT INTO allocation_suggestions (statement_id, invoice_id, reason, created_at)
         VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING",
    )?;
    for ((statement_id, invoice_id), reason) in wanted {
        add.execute(params![statement_id, invoice_id, reason, now])?;
    }
    Ok(())
}

/// A payment waiting in the review queue, with the invoices it may pay.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReviewItem {
    pub statement_id: i64,
    pub key: String,
    pub posted_at: String,
    #[cfg_attr(feature = "specta", specta(type = String))]
    #[serde(with = "rust_decimal::serde::str")]
    pub amount: rust_decimal::Decimal,
    pub currency: String,
    pub payer: String,
    pub payer_tax_id: String,
    pub purpose: String,
    pub reason: String,
    pub since: String,
    pub candidates: Vec<Candidate>,
}

/// An invoice a queued payment may pay, and the evidence for it.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Candidate {
    pub invoice_id: i64,
    pub number: String,
    pub customer_name: String,
    pub issued_on: String,
    #[cfg_attr(feature = "specta", specta(type = String))]
    #[serde(with = "rust_decimal::serde::str")]
    pub outstanding: rust_decimal::Decimal,
    /// The payer's tax code is the customer's.
    pub same_payer: bool,
    /// The payment is exactly what is outstanding.
    pub same_amount: bool,
}

/// The review queue, oldest payment first.
pub fn review_queue(conn: &Connection) -> Result<Vec<ReviewItem>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.id, s.key, s.posted_at, s.amount_minor, s.currency, s.counterparty_name,
             s.counterparty_tax_id, s.purpose, q.reason, q.created_at,
             i.id, i.number, i.customer_name, i.issued_on, i.customer_tax_id,
             i.amount_minor - COALESCE((SELECT SUM(a.amount_minor) FROM allocations a
                 WHERE a.invoice_id = i.id), 0)
         FROM allocation_suggestions q
         JOIN statements s ON s.id = q.statement_id
         JOIN invoices i ON i.id = q.invoice_id AND i.cancelled = 0
         ORDER BY s.posted_ts, s.id, i.issued_on, i.id",
    )?;
    let mut rows = stmt.query([])?;
    let mut items: Vec<ReviewItem> = Vec::new();
    while let Some(r) = rows.next()? {
        let statement_id: i64 = r.get(0)?;
        let amount_minor: i64 = r.get(3)?;
        let payer_tax_id: String = r.get(6)?;
        let outstanding_minor: i64 = r.get(15)?;
        let customer_tax_id: String = r.get(14)?;
        if items.last().is_none_or(|i| i.statement_id != statement_id) {
            items.push(ReviewItem {
                statement_id,
                key: r.get(1)?,
                posted_at: r.get(2)?,
                amount: rust_decimal::Decimal::new(amount_minor, 2),
                currency: r.get(4)?,
                payer: r.get(5)?,
                payer_tax_id: payer_tax_id.clone(),
                purpose: r.get(7)?,
                reason: r.get(8)?,
                since: r.get(9)?,
                candidates: Vec::new(),
            });
        }
        let item = items.last_mut().expect("pushed above");
        item.candidates.push(Candidate {
            invoice_id: r.get(10)?,
            number: r.get(11)?,
            customer_name: r.get(12)?,
            issued_on: r.get(13)?,
            outstanding: rust_decimal::Decimal::new(outstanding_minor, 2),
            same_payer: !payer_tax_id.is_empty() && payer_tax_id == customer_tax_id,
            same_amount: outstanding_minor == amount_minor,
        });
    }
    Ok(items)
}

/// A person picks one of a queued payment's invoices: the whole payment goes to it (as a manual
/// allocation) and the payment leaves the queue.
pub fn accept_suggestion(
    store: &mut Store,
    clock: &dyn Clock,
    actor: &str,
    statement_id: i64,
    invoice_id: i64,
) -> Result<i64, ManualError> {
    let queued: bool = store.conn().query_row(
        "SELECT EXISTS (SELECT 1 FROM allocation_suggestions
             WHERE statement_id = ?1 AND invoice_id = ?2)",
        params![statement_id, invoice_id],
        |r| r.get(0),
    )?;
    if !queued {
        return Err(ManualError::NotQueued);
    }
    allocate_by_id(store, clock, actor, statement_id, invoice_id, None)
}

/// A person says none of the suggested invoices is right: the payment leaves the queue and
/// automatic allocation leaves it alone.
pub fn reject_suggestions(
    store: &mut Store,
    clock: &dyn Clock,
    actor: &str,
    statement_id: i64,
) -> Result<(), ManualError> {
    let now = clock.now().to_rfc3339();
    let tx = store.write()?;
    let n = tx.execute(
        "DELETE FROM allocation_suggestions WHERE statement_id = ?1",
        [statement_id],
    )?;
    if n == 0 {
        return Err(ManualError::NotQueued);
    }
    hold(
        &tx,
        statement_id,
        &now,
        &format!("suggestion rejected by hand ({actor})"),
    )?;
    tx.commit().map_err(StoreError::from)?;
    Ok(())
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
    #[error("the payment is not in the review queue")]
    NotQueued,
    #[error("invoice {0} is cancelled")]
    Cancelled(String),
    #[error("the invoice is in {invoice}, the payment in {payment}")]
    Currency { invoice: String, payment: String },
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<rusqlite::Error> for ManualError {
    fn from(e: rusqlite::Error) -> Self {
        ManualError::Store(e.into())
    }
}

impl ManualError {
    pub fn code(&self) -> crate::Code {
        match self {
            ManualError::NoStatement(_) => crate::Code::NotFound,
            ManualError::NoInvoice(_) => crate::Code::InvoiceNotFound,
            ManualError::NotIncoming => crate::Code::NotIncoming,
            ManualError::TooMuch { .. } => crate::Code::AmountTooLarge,
            ManualError::Nothing => crate::Code::NotAllocated,
            ManualError::NotQueued => crate::Code::NotQueued,
            ManualError::Cancelled(_) => crate::Code::InvoiceCancelled,
            ManualError::Currency { .. } => crate::Code::CurrencyMismatch,
            ManualError::Store(e) => e.code(),
        }
    }

    pub fn message(&self, lang: crate::Lang) -> String {
        let money = |m: i64| crate::format::amount(rust_decimal::Decimal::new(m, 2), lang);
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
            ManualError::Cancelled(n) => lang.pick(
                format!("Рахунок № {n} скасовано: на нього не рознести оплату."),
                format!("Invoice {n} is cancelled: no payment can go to it."),
            ),
            ManualError::Currency { invoice, payment } => lang.pick(
                format!("Рахунок у {invoice}, а платіж у {payment}: валюти мають збігатися."),
                format!(
                    "The invoice is in {invoice} and the payment in {payment}: they must match."
                ),
            ),
            ManualError::NotQueued => lang.pick(
                "Цього платежу вже немає в черзі перевірки.",
                "This payment is no longer in the review queue.",
            ),
            ManualError::Store(e) => e.message(lang),
        }
    }
}

fn statement_by_key(conn: &Connection, key: &str) -> Result<i64, ManualError> {
    conn.query_row("SELECT id FROM statements WHERE key = ?1", [key], |r| {
        r.get(0)
    })
    .map_err(|e| match e {
        rusqlite::Error::QueryReturnedNoRows => ManualError::NoStatement(key.to_owned()),
        e => e.into(),
    })
}

/// A person links a payment (by its REF/REFN) to an invoice (by number): the whole unallocated
/// rest, or `amount_minor`. The payment is then held from automatic allocation.
pub fn allocate_manually(
    store: &mut Store,
    clock: &dyn Clock,
    actor: &str,
    statement_key: &str,
    invoice_number: &str,
    amount_minor: Option<i64>,
) -> Result<i64, ManualError> {
    let statement_id = statement_by_key(store.conn(), statement_key)?;
    let invoice_id: i64 = store
        .conn()
        .query_row(
            "SELECT id FROM invoices WHERE number_key = ?1",
            [crate::invoice_numbers::number_key(invoice_number)],
            |r| r.get(0),
        )
        .map_err(|_| ManualError::NoInvoice(invoice_number.to_owned()))?;
    allocate_by_id(store, clock, actor, statement_id, invoice_id, amount_minor)
}

/// The same by ids, as the desktop app knows them.
pub fn allocate_by_id(
    store: &mut Store,
    clock: &dyn Clock,
    actor: &str,
    statement_id: i64,
    invoice_id: i64,
    amount_minor: Option<i64>,
) -> Result<i64, ManualError> {
    let now = clock.now().to_rfc3339();
    let tx = store.write()?;
    let (total, direction, state, currency): (i64, String, String, String) = tx
        .query_row(
            "SELECT amount_minor, direction, state, currency FROM statements WHERE id = ?1",
            [statement_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .map_err(|_| ManualError::NoStatement(statement_id.to_string()))?;
    if direction != "in" || state != "posted" {
        return Err(ManualError::NotIncoming);
    }
    let (number, invoice_currency, cancelled): (String, String, bool) = tx
        .query_row(
            "SELECT number, currency, cancelled FROM invoices WHERE id = ?1",
            [invoice_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .map_err(|_| ManualError::NoInvoice(invoice_id.to_string()))?;
    if cancelled {
        return Err(ManualError::Cancelled(number));
    }
    if invoice_currency != currency {
        return Err(ManualError::Currency {
            invoice: invoice_currency,
            payment: currency,
        });
    }
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
    tx.execute(
        "DELETE FROM allocation_suggestions WHERE statement_id = ?1",
        [statement_id],
    )?;
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
    let statement_id = statement_by_key(store.conn(), statement_key)?;
    let invoice_id = match invoice_number {
        None => None,
        Some(n) => Some(
            store
                .conn()
                .query_row(
                    "SELECT id FROM invoices WHERE number_key = ?1",
                    [crate::invoice_numbers::number_key(n)],
                    |r| r.get(0),
                )
                .map_err(|_| ManualError::NoInvoice(n.to_owned()))?,
        ),
    };
    unallocate_by_id(store, clock, actor, statement_id, invoice_id)
}

/// The same by ids, as the desktop app knows them.
pub fn unallocate_by_id(
    store: &mut Store,
    clock: &dyn Clock,
    actor: &str,
    statement_id: i64,
    invoice_id: Option<i64>,
) -> Result<usize, ManualError> {
    let now = clock.now().to_rfc3339();
    let tx = store.write()?;
    let removed: Vec<(i64, i64)> = {
        let mut stmt = tx.prepare(
            "SELECT invoice_id, amount_minor FROM allocations
             WHERE statement_id = ?1 AND (?2 IS NULL OR invoice_id = ?2)",
        )?;
        let rows = stmt.query_map(params![statement_id, invoice_id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
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

crate::error::user_error!(ManualError);

#[cfg(test)]
mod tests;
