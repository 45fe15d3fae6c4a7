//! Automatic allocation of incoming payments to invoices: a pure planner over payments and
//! invoices, and one transaction that applies the plan and writes the audit log.
//!
//! The seed's rule: an incoming, posted payment whose purpose names an invoice number that exists
//! is linked to that invoice and a payment is recorded. Evidence, strongest first: the exact number
//! (or its digits when only one invoice has them), the same currency, the payer's tax code equal to
//! the customer's, the amount equal to what is outstanding. Only unambiguous matches are applied;
//! the rest become suggestions. A reversed or rejected payment keeps no allocation.

use crate::say;
use crate::store::Tables;
use crate::UserError as _;
use std::collections::{BTreeSet, HashMap};

use crate::store::Connection;
use serde::Serialize;

use crate::invoice_numbers::find_invoice_numbers;
use crate::store::allocations::{self as table, LogLine};
use crate::store::{Store, StoreError};

pub use crate::store::allocations::{Candidate, Inputs, OpenInvoice, Payment, ReviewItem, Stale};
use crate::Clock;

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

/// The invoices of the payment's own company that a number in its purpose points at, after the
/// evidence is weighed. A payment to one company never pays another's invoice, however alike
/// their numbers (the same number in two companies is common).
fn candidates(
    payment: &Payment,
    invoices: &[OpenInvoice],
    by_key: &HashMap<(i64, &str), usize>,
    by_digits: &HashMap<(i64, &str), Vec<usize>>,
    number: &crate::invoice_numbers::FoundNumber,
) -> (Vec<usize>, &'static str) {
    let Some(company) = payment.company_id else {
        return (vec![], "");
    };
    if let Some(&i) = by_key.get(&(company, number.key.as_str())) {
        return if invoices[i].currency == payment.currency {
            (vec![i], "number")
        } else {
            (vec![], "")
        };
    }
    let mut found: Vec<usize> = by_digits
        .get(&(company, number.digits.as_str()))
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
    let by_key: HashMap<(i64, &str), usize> = invoices
        .iter()
        .enumerate()
        .map(|(i, inv)| ((inv.company_id, inv.key.as_str()), i))
        .collect();
    let mut by_digits: HashMap<(i64, &str), Vec<usize>> = HashMap::new();
    for (i, inv) in invoices.iter().enumerate() {
        by_digits
            .entry((inv.company_id, inv.digits.as_str()))
            .or_default()
            .push(i);
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

/// Which companies a run of allocation looks at: all, or some (`allocate --company`, the
/// companies whose automatic allocation is on). Nothing of another company is touched, its
/// review queue included.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    All,
    Only(BTreeSet<i64>),
}

impl Scope {
    pub fn covers(&self, company: Option<i64>) -> bool {
        match self {
            Scope::All => true,
            Scope::Only(set) => company.is_some_and(|c| set.contains(&c)),
        }
    }
}

/// What automatic allocation would do now in `scope`, from the stored payments and invoices:
/// the plan without applying it (a dry run, the preview).
pub fn preview(store: &Store, scope: &Scope) -> Result<Vec<Step>, StoreError> {
    planned(store.conn(), scope)
}

fn planned(conn: &Connection, scope: &Scope) -> Result<Vec<Step>, StoreError> {
    let (mut payments, mut invoices, mut stale) = conn.allocations().load()?;
    payments.retain(|p| scope.covers(p.company_id));
    invoices.retain(|i| scope.covers(Some(i.company_id)));
    stale.retain(|s| scope.covers(Some(s.company_id)));
    Ok(plan(&payments, &invoices, &stale))
}

/// Plans, and applies the plan in `scope` in one transaction with an audit-log line per
/// change. `actor` says who asked ("auto" after a sync, "cli", "user").
pub fn allocate(
    store: &mut Store,
    clock: &dyn Clock,
    actor: &str,
    scope: &Scope,
) -> Result<Vec<Step>, StoreError> {
    let now = clock.now().to_rfc3339();
    let tx = store.write()?;
    // Planned inside the transaction, in its turn: another desktop's allocation is either all
    // seen or not begun.
    tx.allocations().take_turn()?;
    let steps = planned(&tx, scope)?;
    for step in &steps {
        match step {
            Step::Allocate {
                statement_id,
                invoice_id,
                amount_minor,
                reason,
            } => {
                tx.allocations().insert_auto(
                    *statement_id,
                    *invoice_id,
                    *amount_minor,
                    reason,
                    &now,
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
                tx.allocations().delete(*statement_id, *invoice_id)?;
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
    sync_review_queue(&tx, &steps, scope, &now)?;
    tx.commit()?;
    Ok(steps)
}

/// The review queue becomes the plan's suggestions: new ones join (keeping when an older one was
/// first made), ones the plan no longer makes leave (the payment was allocated or held by a
/// person, reversed; an invoice was cancelled or paid).
fn sync_review_queue(
    conn: &Connection,
    steps: &[Step],
    scope: &Scope,
    now: &str,
) -> Result<(), StoreError> {
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
    for (statement_id, invoice_id, company) in conn.allocations().suggestions()? {
        if scope.covers(Some(company)) && !wanted.contains_key(&(statement_id, invoice_id)) {
            conn.allocations().unsuggest(statement_id, invoice_id)?;
        }
    }
    for ((statement_id, invoice_id), reason) in wanted {
        conn.allocations()
            .suggest(statement_id, invoice_id, reason, now)?;
    }
    Ok(())
}

/// The review queue, oldest payment first.
pub fn review_queue(conn: &Connection) -> Result<Vec<ReviewItem>, StoreError> {
    conn.allocations().review_queue()
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
    if !store.allocations().is_suggested(statement_id, invoice_id)? {
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
    if tx.allocations().unsuggest_payment(statement_id)? == 0 {
        return Err(ManualError::NotQueued);
    }
    tx.allocations().hold(
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
    #[error("the payment is {payment:?}'s, the invoice {invoice:?}'s")]
    OtherCompany { payment: String, invoice: String },
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
            ManualError::OtherCompany { .. } => crate::Code::CompanyMismatch,
            ManualError::Store(e) => e.code(),
        }
    }

    pub fn message(&self, lang: crate::Lang) -> String {
        let money = |m: i64| crate::format::amount(rust_decimal::Decimal::new(m, 2), lang);
        match self {
            ManualError::NoStatement(k) => {
                say!(lang, no_payment, k)
            }
            ManualError::NoInvoice(n) => {
                say!(lang, no_invoice, n)
            }
            ManualError::NotIncoming => say!(lang, only_posted_incoming_payment),
            ManualError::TooMuch { left, asked } => {
                say!(lang, payment_has_left_allocate, money(*left), money(*asked))
            }
            ManualError::Nothing => {
                say!(lang, payment_not_allocated)
            }
            ManualError::Cancelled(n) => say!(lang, invoice_cancelled_no_payment, n),
            ManualError::Currency { invoice, payment } => {
                say!(lang, invoice_payment_they_must, invoice, payment)
            }
            ManualError::NotQueued => say!(lang, payment_no_longer_review),
            ManualError::OtherCompany { payment, invoice } => {
                say!(lang, payment_other_company, payment, invoice)
            }
            ManualError::Store(e) => e.message(lang),
        }
    }
}

fn statement_by_key(conn: &Connection, key: &str) -> Result<i64, ManualError> {
    conn.allocations()
        .statement_by_key(key)?
        .ok_or_else(|| ManualError::NoStatement(key.to_owned()))
}

/// The invoice of this number of the payment's own company.
fn invoice_by_number(
    conn: &Connection,
    statement_id: i64,
    number: &str,
) -> Result<i64, ManualError> {
    let company = conn
        .allocations()
        .payment_facts(statement_id)?
        .and_then(|p| p.company_id);
    company
        .map(|c| {
            conn.invoices()
                .id_by_key(c, &crate::invoice_numbers::number_key(number))
        })
        .transpose()?
        .flatten()
        .ok_or_else(|| ManualError::NoInvoice(number.to_owned()))
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
    let invoice_id = invoice_by_number(store.conn(), statement_id, invoice_number)?;
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
    tx.allocations().take_turn()?;
    let table::PaymentFacts {
        amount_minor: total,
        direction,
        state,
        currency,
        company_id,
        company,
    } = tx
        .allocations()
        .payment_facts(statement_id)?
        .ok_or_else(|| ManualError::NoStatement(statement_id.to_string()))?;
    if direction != "in" || state != "posted" {
        return Err(ManualError::NotIncoming);
    }
    let table::InvoiceFacts {
        number,
        currency: invoice_currency,
        cancelled,
        company_id: invoice_company,
        company: invoice_company_name,
    } = tx
        .allocations()
        .invoice_facts(invoice_id)?
        .ok_or_else(|| ManualError::NoInvoice(invoice_id.to_string()))?;
    if cancelled {
        return Err(ManualError::Cancelled(number));
    }
    if company_id != Some(invoice_company) {
        return Err(ManualError::OtherCompany {
            payment: if company.is_empty() {
                "—".into()
            } else {
                company
            },
            invoice: invoice_company_name,
        });
    }
    if invoice_currency != currency {
        return Err(ManualError::Currency {
            invoice: invoice_currency,
            payment: currency,
        });
    }
    let used = tx.allocations().given_by(statement_id)?;
    let left = total - used;
    let amount = amount_minor.unwrap_or(left);
    if amount <= 0 || amount > left {
        return Err(ManualError::TooMuch {
            left,
            asked: amount,
        });
    }
    let reason = format!("allocated by hand ({actor})");
    tx.allocations()
        .add_manual(statement_id, invoice_id, amount, &reason, &now)?;
    tx.allocations().hold(statement_id, &now, &reason)?;
    tx.allocations().unsuggest_payment(statement_id)?;
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
        Some(n) => Some(invoice_by_number(store.conn(), statement_id, n)?),
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
    tx.allocations().take_turn()?;
    let removed = tx.allocations().of_payment(statement_id, invoice_id)?;
    if removed.is_empty() {
        return Err(ManualError::Nothing);
    }
    let reason = format!("removed by hand ({actor})");
    for (invoice_id, amount) in &removed {
        tx.allocations().delete(statement_id, *invoice_id)?;
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
    tx.allocations().hold(statement_id, &now, &reason)?;
    tx.commit().map_err(StoreError::from)?;
    Ok(removed.len())
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
    conn.allocations().log(LogLine {
        at,
        actor,
        action,
        statement_id,
        invoice_id,
        amount_minor,
        reason,
    })
}

crate::error::user_error!(ManualError);

#[cfg(test)]
mod tests;
