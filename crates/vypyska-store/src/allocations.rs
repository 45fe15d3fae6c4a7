//! Allocations of incoming payments to invoices, their audit log, the holds a person put on a
//! payment and the review queue: the rows. The planner and every decision are the core's
//! (`vypyska_core::allocation`).

use crate::db::{params, Connection, OptionalExtension};
use serde::Serialize;

use crate::Result;

/// An incoming posted payment with no allocation yet.
#[derive(Debug, Clone)]
pub struct Payment {
    pub statement_id: i64,
    /// Its account's company; none for a row whose account was removed (it pays nothing).
    pub company_id: Option<i64>,
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
    pub company_id: i64,
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
    /// The invoice's company.
    pub company_id: i64,
    pub amount_minor: i64,
    pub state: String,
}

/// The planner's inputs: unallocated payments, invoices, allocations to undo.
pub type Inputs = (Vec<Payment>, Vec<OpenInvoice>, Vec<Stale>);

/// Allocations of payments to invoices, their log, holds and suggestions: `….allocations()`.
pub struct Allocations<'c> {
    pub(crate) conn: &'c Connection,
}

impl Allocations<'_> {
    /// Takes this transaction's turn at allocating: one at a time across every connection, so
    /// a plan is made and applied on what no one else is changing (two people allocating one
    /// payment at once: the second sees the first's allocation). A file's write transaction is
    /// that already; on a server, a lock every session sees, given back at the transaction's end.
    pub fn take_turn(&self) -> Result<()> {
        if self.conn.dialect() == crate::db::Dialect::Postgres {
            self.conn.execute_batch(
                "SELECT pg_advisory_xact_lock(hashtextextended('vypyska:allocation', 0))",
            )?;
        }
        Ok(())
    }

    /// Reads the planner's inputs from the database.
    pub fn load(&self) -> Result<Inputs> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT s.id, s.key, s.amount_minor, s.currency, s.counterparty_tax_id, s.purpose,
                 m.company_id
             FROM statements s LEFT JOIN merchants m ON m.id = s.merchant_id
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
                    company_id: r.get(6)?,
                })
            })?
            .collect::<crate::Result<Vec<_>>>()?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT i.id, i.number, i.number_key, i.number_digits, i.currency, i.customer_tax_id,
                 i.amount_minor, COALESCE((SELECT SUM(amount_minor) FROM allocations a WHERE a.invoice_id = i.id), 0),
                 i.company_id
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
                    company_id: r.get(8)?,
                })
            })?
            .collect::<crate::Result<Vec<_>>>()?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.statement_id, a.invoice_id, a.amount_minor, s.state, i.company_id
             FROM allocations a JOIN statements s ON s.id = a.statement_id
                 JOIN invoices i ON i.id = a.invoice_id
             WHERE s.state IN ('reversed', 'rejected')",
        )?;
        let stale = stmt
            .query_map([], |r| {
                Ok(Stale {
                    statement_id: r.get(0)?,
                    invoice_id: r.get(1)?,
                    amount_minor: r.get(2)?,
                    state: r.get(3)?,
                    company_id: r.get(4)?,
                })
            })?
            .collect::<crate::Result<Vec<_>>>()?;
        Ok((payments, invoices, stale))
    }

    /// What breaks the allocation invariants, in words (empty when sound): a payment allocated beyond
    /// its amount; an allocation on a reversed, rejected or outgoing payment. For the tests that try
    /// hard to break them (property tests, the crash test).
    pub fn inconsistencies(&self) -> Result<Vec<String>> {
        let mut found = Vec::new();
        let mut overdrawn = self.conn.prepare(
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
        let mut across = self.conn.prepare(
            "SELECT s.key, i.number FROM allocations a
             JOIN statements s ON s.id = a.statement_id
             JOIN invoices i ON i.id = a.invoice_id
             LEFT JOIN merchants m ON m.id = s.merchant_id
             WHERE m.company_id IS DISTINCT FROM i.company_id",
        )?;
        for row in across.query_map([], |r| {
            Ok(format!(
                "payment {} pays invoice {} of another company",
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?
            ))
        })? {
            found.push(row?);
        }
        let mut dead = self.conn.prepare(
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

    /// The review queue, oldest payment first.
    pub fn review_queue(&self) -> Result<Vec<ReviewItem>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT s.id, s.key, s.posted_at, s.amount_minor, s.currency, s.counterparty_name,
                 s.counterparty_tax_id, s.purpose, q.reason, q.created_at,
                 i.id, i.number, i.customer_name, i.issued_on, i.customer_tax_id,
                 i.amount_minor - COALESCE((SELECT SUM(a.amount_minor) FROM allocations a
                     WHERE a.invoice_id = i.id), 0),
                 (SELECT co.name FROM merchants m JOIN companies co ON co.id = m.company_id
                     WHERE m.id = s.merchant_id)
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
                    company: r.get(16)?,
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

    pub fn log(&self, line: LogLine<'_>) -> Result<()> {
        self.conn.prepare_cached(
            "INSERT INTO allocation_log (at, actor, action, statement_id, invoice_id, amount_minor, reason)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?
        .execute(params![
            line.at,
            line.actor,
            line.action,
            line.statement_id,
            line.invoice_id,
            line.amount_minor,
            line.reason
        ])?;
        Ok(())
    }

    /// An automatic allocation.
    pub fn insert_auto(
        &self,
        statement_id: i64,
        invoice_id: i64,
        amount_minor: i64,
        reason: &str,
        at: &str,
    ) -> Result<()> {
        self.conn.prepare_cached(
            "INSERT INTO allocations (statement_id, invoice_id, amount_minor, source, reason, created_at)
             VALUES (?1, ?2, ?3, 'auto', ?4, ?5)",
        )?
        .execute(params![statement_id, invoice_id, amount_minor, reason, at])?;
        Ok(())
    }

    /// A person's allocation: added to what the payment already gives that invoice.
    pub fn add_manual(
        &self,
        statement_id: i64,
        invoice_id: i64,
        amount_minor: i64,
        reason: &str,
        at: &str,
    ) -> Result<()> {
        self.conn.execute(
            "INSERT INTO allocations (statement_id, invoice_id, amount_minor, source, reason, created_at)
             VALUES (?1, ?2, ?3, 'manual', ?4, ?5)
             ON CONFLICT (statement_id, invoice_id) DO UPDATE SET
                 amount_minor = allocations.amount_minor + excluded.amount_minor, source = 'manual'",
            params![statement_id, invoice_id, amount_minor, reason, at],
        )?;
        Ok(())
    }

    pub fn delete(&self, statement_id: i64, invoice_id: i64) -> Result<()> {
        self.conn
            .prepare_cached("DELETE FROM allocations WHERE statement_id = ?1 AND invoice_id = ?2")?
            .execute(params![statement_id, invoice_id])?;
        Ok(())
    }

    /// A payment's allocations (to one invoice, or all): (invoice, amount in minor units).
    pub fn of_payment(
        &self,
        statement_id: i64,
        invoice_id: Option<i64>,
    ) -> Result<Vec<(i64, i64)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT invoice_id, amount_minor FROM allocations
             WHERE statement_id = ?1 AND (CAST(?2 AS BIGINT) IS NULL OR invoice_id = ?2)",
        )?;
        let rows = stmt.query_map(params![statement_id, invoice_id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
        Ok(rows.collect::<crate::Result<_>>()?)
    }

    /// What a payment has given invoices so far, in minor units.
    pub fn given_by(&self, statement_id: i64) -> Result<i64> {
        Ok(self.conn.query_row(
            "SELECT COALESCE(SUM(amount_minor), 0) FROM allocations WHERE statement_id = ?1",
            [statement_id],
            |r| r.get(0),
        )?)
    }

    /// Takes a payment out of automatic allocation (a person decided about it).
    pub fn hold(&self, statement_id: i64, at: &str, reason: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO allocation_holds (statement_id, at, reason) VALUES (?1, ?2, ?3)
             ON CONFLICT (statement_id) DO UPDATE SET at = excluded.at, reason = excluded.reason",
            params![statement_id, at, reason],
        )?;
        Ok(())
    }

    /// Every (payment, invoice, the invoice's company) in the review queue.
    pub fn suggestions(&self) -> Result<Vec<(i64, i64, i64)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT q.statement_id, q.invoice_id, i.company_id
             FROM allocation_suggestions q JOIN invoices i ON i.id = q.invoice_id",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<crate::Result<_>>()?)
    }

    /// A suggestion joins the queue (keeping when an older one of the same pair was first made).
    pub fn suggest(
        &self,
        statement_id: i64,
        invoice_id: i64,
        reason: &str,
        at: &str,
    ) -> Result<()> {
        self.conn
            .prepare_cached(
                "INSERT INTO allocation_suggestions (statement_id, invoice_id, reason, created_at)
             VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING",
            )?
            .execute(params![statement_id, invoice_id, reason, at])?;
        Ok(())
    }

    pub fn unsuggest(&self, statement_id: i64, invoice_id: i64) -> Result<()> {
        self.conn.execute(
            "DELETE FROM allocation_suggestions WHERE statement_id = ?1 AND invoice_id = ?2",
            params![statement_id, invoice_id],
        )?;
        Ok(())
    }

    /// A payment leaves the review queue; how many suggestions that removed.
    pub fn unsuggest_payment(&self, statement_id: i64) -> Result<usize> {
        Ok(self.conn.execute(
            "DELETE FROM allocation_suggestions WHERE statement_id = ?1",
            [statement_id],
        )?)
    }

    pub fn is_suggested(&self, statement_id: i64, invoice_id: i64) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM allocation_suggestions
                 WHERE statement_id = ?1 AND invoice_id = ?2)",
            params![statement_id, invoice_id],
            |r| r.get(0),
        )?)
    }

    /// A statement's id by its REF/REFN.
    pub fn statement_by_key(&self, key: &str) -> Result<Option<i64>> {
        Ok(self
            .conn
            .query_row("SELECT id FROM statements WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?)
    }

    pub fn payment_facts(&self, statement_id: i64) -> Result<Option<PaymentFacts>> {
        Ok(self
            .conn
            .query_row(
                "SELECT s.amount_minor, s.direction, s.state, s.currency, m.company_id,
                     coalesce(c.name, '')
                 FROM statements s LEFT JOIN merchants m ON m.id = s.merchant_id
                 LEFT JOIN companies c ON c.id = m.company_id
                 WHERE s.id = ?1",
                [statement_id],
                |r| {
                    Ok(PaymentFacts {
                        amount_minor: r.get(0)?,
                        direction: r.get(1)?,
                        state: r.get(2)?,
                        currency: r.get(3)?,
                        company_id: r.get(4)?,
                        company: r.get(5)?,
                    })
                },
            )
            .optional()?)
    }

    /// An invoice's number, currency and whether it is cancelled.
    pub fn invoice_facts(&self, invoice_id: i64) -> Result<Option<InvoiceFacts>> {
        Ok(self
            .conn
            .query_row(
                "SELECT i.number, i.currency, i.cancelled, i.company_id, c.name
                 FROM invoices i JOIN companies c ON c.id = i.company_id WHERE i.id = ?1",
                [invoice_id],
                |r| {
                    Ok(InvoiceFacts {
                        number: r.get(0)?,
                        currency: r.get(1)?,
                        cancelled: r.get(2)?,
                        company_id: r.get(3)?,
                        company: r.get(4)?,
                    })
                },
            )
            .optional()?)
    }
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
    /// The company of the account the payment came to.
    pub company: Option<String>,
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

/// One line of the audit log.
#[derive(Debug, Clone, Copy)]
pub struct LogLine<'a> {
    pub at: &'a str,
    pub actor: &'a str,
    /// `allocate` or `unallocate`.
    pub action: &'a str,
    pub statement_id: i64,
    pub invoice_id: i64,
    pub amount_minor: i64,
    pub reason: &'a str,
}

/// What deciding a payment's allocation needs to know of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentFacts {
    pub amount_minor: i64,
    pub direction: String,
    pub state: String,
    pub currency: String,
    /// Its account's company (none when the account was removed).
    pub company_id: Option<i64>,
    pub company: String,
}

/// What a manual allocation checks of the invoice.
pub struct InvoiceFacts {
    pub number: String,
    pub currency: String,
    pub cancelled: bool,
    pub company_id: i64,
    pub company: String,
}
