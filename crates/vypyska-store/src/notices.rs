//! Notices (each thing told once, by a unique key), the marks of what was looked at, and the
//! employees who hear of things: the rows. What is worth telling, and in which words, is the
//! core's (`vypyska_core::notifications`).

use crate::db::{params, Connection, OptionalExtension};

use crate::Result;

/// A notice as stored; its kind and where it leads as text (the core reads them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeRow {
    pub id: i64,
    pub kind: String,
    pub title: String,
    pub body: String,
    pub screen: String,
    pub target_id: Option<i64>,
    pub created_at: String,
    pub read: bool,
    pub delivery_error: Option<String>,
    /// The company it is about, when one.
    pub company_id: Option<i64>,
}

/// A notice to store.
#[derive(Debug, Clone, Copy)]
pub struct NewNotice<'a> {
    pub key: &'a str,
    pub kind: &'a str,
    pub title: &'a str,
    pub body: &'a str,
    pub screen: &'a str,
    pub target_id: Option<i64>,
    pub created_at: &'a str,
    pub read: bool,
    pub company_id: Option<i64>,
}

/// An incoming payment a notice may tell of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncomingRow {
    pub id: i64,
    pub amount: String,
    pub currency: String,
    pub payer: String,
    /// The bank's identity (account and REF/REFN): row ids of deleted rows can come back.
    pub identity: String,
    /// The company of the account it came to: id and name.
    pub company: Option<(i64, String)>,
}

/// An invoice newly paid in full.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaidRow {
    pub id: i64,
    pub company_id: i64,
    pub number: String,
    pub customer: String,
    pub amount: String,
    pub currency: String,
}

/// A payment in the review queue not told of yet, with how many invoices it fits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewRow {
    pub id: i64,
    pub company_id: Option<i64>,
    pub amount: String,
    pub currency: String,
    pub payer: String,
    pub candidates: i64,
}

/// An employee as stored: the kinds they hear as a comma list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmployeeRow {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub this_computer: bool,
    pub kinds: String,
    /// The companies they hear of; none: every company.
    pub companies: Vec<i64>,
}

/// Notices, the marks of what was told, and employees: `….notices()`.
pub struct Notices<'c> {
    pub(crate) conn: &'c Connection,
}

impl Notices<'_> {
    /// A mark of what was looked at (the last statement, the last allocation-log line); 0 at first.
    pub fn mark(&self, name: &str) -> Result<i64> {
        Ok(self
            .conn
            .query_row(
                "SELECT value FROM notice_marks WHERE name = ?1",
                [name],
                |r| r.get(0),
            )
            .optional()?
            .unwrap_or(0))
    }

    pub fn set_mark(&self, name: &str, value: i64) -> Result<()> {
        self.conn.execute(
            "INSERT INTO notice_marks (name, value) VALUES (?1, ?2)
             ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            params![name, value],
        )?;
        Ok(())
    }

    /// The newest statement's id (0 with none).
    pub fn newest_statement(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT COALESCE(MAX(id), 0) FROM statements", [], |r| {
                r.get(0)
            })?)
    }

    /// The newest allocation-log line's id (0 with none).
    pub fn newest_allocation_log(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT COALESCE(MAX(id), 0) FROM allocation_log", [], |r| {
                r.get(0)
            })?)
    }

    /// Incoming payments that moved money, stored after the statement `after`.
    pub fn incoming_after(&self, after: i64) -> Result<Vec<IncomingRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT s.id, s.amount, s.currency, s.counterparty_name, s.account || '/' || s.key,
                 co.id, co.name
             FROM statements s LEFT JOIN merchants m ON m.id = s.merchant_id
                 LEFT JOIN companies co ON co.id = m.company_id
             WHERE s.id > ?1 AND s.direction = 'in' AND s.state IN ('posted', 'pending')
             ORDER BY s.id",
        )?;
        let rows = stmt.query_map([after], |r| {
            Ok(IncomingRow {
                id: r.get(0)?,
                amount: r.get(1)?,
                currency: r.get(2)?,
                payer: r.get(3)?,
                identity: r.get(4)?,
                company: match r.get::<_, Option<i64>>(5)? {
                    Some(id) => Some((id, r.get(6)?)),
                    None => None,
                },
            })
        })?;
        Ok(rows.collect::<crate::Result<_>>()?)
    }

    /// The invoices a payment is allocated to: id, number, and whether it is now fully paid.
    pub fn allocated_invoices(&self, statement_id: i64) -> Result<Vec<(i64, String, bool)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT i.id, i.number,
                 (SELECT SUM(a2.amount_minor) FROM allocations a2 WHERE a2.invoice_id = i.id) >= i.amount_minor
             FROM allocations a JOIN invoices i ON i.id = a.invoice_id
             WHERE a.statement_id = ?1 ORDER BY i.issued_on, i.id",
        )?;
        let rows = stmt.query_map([statement_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<crate::Result<_>>()?)
    }

    /// Invoices that allocations logged after the line `after` made fully paid (not cancelled).
    pub fn paid_after(&self, after: i64) -> Result<Vec<PaidRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT i.id, i.number, i.customer_name, i.amount, i.currency, i.company_id FROM invoices i
             WHERE i.cancelled = 0
               AND i.id IN (SELECT invoice_id FROM allocation_log
                            WHERE id > ?1 AND action = 'allocate')
               AND (SELECT SUM(amount_minor) FROM allocations a WHERE a.invoice_id = i.id)
                   >= i.amount_minor
             ORDER BY i.issued_on, i.id",
        )?;
        let rows = stmt.query_map([after], |r| {
            Ok(PaidRow {
                id: r.get(0)?,
                number: r.get(1)?,
                customer: r.get(2)?,
                amount: r.get(3)?,
                currency: r.get(4)?,
                company_id: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<crate::Result<_>>()?)
    }

    /// Payments in the review queue that no notice (`review:<id>`) told of yet.
    pub fn review_untold(&self) -> Result<Vec<ReviewRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT s.id, s.amount, s.currency, s.counterparty_name, COUNT(*),
                 (SELECT m.company_id FROM merchants m WHERE m.id = s.merchant_id)
             FROM allocation_suggestions q JOIN statements s ON s.id = q.statement_id
             WHERE NOT EXISTS (SELECT 1 FROM notices n WHERE n.key = 'review:' || s.id)
             GROUP BY s.id ORDER BY s.id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(ReviewRow {
                id: r.get(0)?,
                amount: r.get(1)?,
                currency: r.get(2)?,
                payer: r.get(3)?,
                candidates: r.get(4)?,
                company_id: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<crate::Result<_>>()?)
    }

    /// A merchant's latest finished runs, newest first: (outcome, error code, error message).
    pub fn latest_outcomes(
        &self,
        merchant_id: i64,
        limit: usize,
    ) -> Result<Vec<(String, Option<String>, Option<String>)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT outcome, error_code, error_message FROM sync_runs
             WHERE merchant_id = ?1 AND outcome <> 'running' ORDER BY id DESC LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![merchant_id, limit as i64], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?;
        Ok(rows.collect::<crate::Result<_>>()?)
    }

    /// Keeps the notices whose keys start with `prefix` but frees the keys for the next time.
    pub fn free_keys(&self, prefix: &str) -> Result<()> {
        self.conn.execute(
            "UPDATE notices SET key = key || ':fixed:' || id WHERE key LIKE ?1 || '%'
                 AND key NOT LIKE '%:fixed:%'",
            [prefix],
        )?;
        Ok(())
    }

    /// Stores a notice unless one of its key exists; its id when stored.
    pub fn insert(&self, n: NewNotice<'_>) -> Result<Option<i64>> {
        Ok(self
            .conn
            .prepare_cached(
                "INSERT INTO notices (key, kind, title, body, screen, target_id, created_at, read,
                     company_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                 ON CONFLICT (key) DO NOTHING RETURNING id",
            )?
            .query_row(
                params![
                    n.key,
                    n.kind,
                    n.title,
                    n.body,
                    n.screen,
                    n.target_id,
                    n.created_at,
                    n.read,
                    n.company_id
                ],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// The latest notices, newest first.
    pub fn recent(&self, limit: u32) -> Result<Vec<NoticeRow>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM notices ORDER BY id DESC LIMIT ?1"
        ))?;
        let rows = stmt.query_map([limit], from_row)?;
        Ok(rows.collect::<crate::Result<_>>()?)
    }

    pub fn get(&self, id: i64) -> Result<Option<NoticeRow>> {
        Ok(self
            .conn
            .query_row(
                &format!("SELECT {COLUMNS} FROM notices WHERE id = ?1"),
                [id],
                from_row,
            )
            .optional()?)
    }

    /// The newest notice's id (0 with none).
    pub fn newest(&self) -> Result<i64> {
        self.conn
            .query_row("SELECT COALESCE(MAX(id), 0) FROM notices", [], |r| r.get(0))
    }

    /// The unread notices after `after`, oldest first, at most `limit`.
    pub fn unread_after(&self, after: i64, limit: u32) -> Result<Vec<NoticeRow>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM notices WHERE id > ?1 AND read = 0 ORDER BY id LIMIT ?2"
        ))?;
        let rows = stmt.query_map(params![after, limit], from_row)?;
        Ok(rows.collect::<crate::Result<_>>()?)
    }

    /// Takes telling `employee` of `notice` on this desktop: true when no desktop had, false
    /// when one did (or does at this moment), so each person is told each thing once.
    pub fn claim(&self, notice: i64, employee: i64, at: &str) -> Result<bool> {
        Ok(self.conn.execute(
            "INSERT INTO notice_deliveries (notice_id, employee_id, delivered_at)
             VALUES (?1, ?2, ?3) ON CONFLICT (notice_id, employee_id) DO NOTHING",
            params![notice, employee, at],
        )? == 1)
    }

    /// Why telling `employee` of `notice` failed.
    pub fn claim_failed(&self, notice: i64, employee: i64, error: &str) -> Result<()> {
        self.conn.execute(
            "UPDATE notice_deliveries SET error = ?3 WHERE notice_id = ?1 AND employee_id = ?2",
            params![notice, employee, error],
        )?;
        Ok(())
    }

    /// The employees told of `notice`, by id.
    pub fn told(&self, notice: i64) -> Result<Vec<i64>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT employee_id FROM notice_deliveries WHERE notice_id = ?1 ORDER BY employee_id",
        )?;
        let rows = stmt.query_map([notice], |r| r.get(0))?;
        Ok(rows.collect::<crate::Result<_>>()?)
    }

    /// The last notice `employee`'s desktops looked at; none before their first look.
    pub fn seen(&self, employee: i64) -> Result<Option<i64>> {
        Ok(self
            .conn
            .query_row(
                "SELECT last_id FROM notice_seen WHERE employee_id = ?1",
                [employee],
                |r| r.get(0),
            )
            .optional()?)
    }

    pub fn set_seen(&self, employee: i64, last: i64) -> Result<()> {
        self.conn.execute(
            "INSERT INTO notice_seen (employee_id, last_id) VALUES (?1, ?2)
             ON CONFLICT (employee_id) DO UPDATE SET last_id = excluded.last_id
             WHERE excluded.last_id > notice_seen.last_id",
            params![employee, last],
        )?;
        Ok(())
    }

    /// Marks one notice (or all) read; how many notices that named.
    pub fn mark_read(&self, id: Option<i64>) -> Result<usize> {
        Ok(self.conn.execute(
            "UPDATE notices SET read = 1 WHERE CAST(?1 AS BIGINT) IS NULL OR id = ?1",
            [id],
        )?)
    }

    /// How showing a notice went: `None` shown, `Some(why)` not.
    pub fn set_delivery(&self, id: i64, error: Option<&str>) -> Result<()> {
        self.conn.execute(
            "UPDATE notices SET delivery_error = ?2 WHERE id = ?1",
            params![id, error],
        )?;
        Ok(())
    }

    /// Adds a failure to a notice's delivery record (keeping earlier ones).
    pub fn add_delivery_error(&self, id: i64, error: &str) -> Result<()> {
        self.conn.execute(
            "UPDATE notices SET delivery_error = CASE WHEN delivery_error IS NULL THEN ?2
                 ELSE delivery_error || '; ' || ?2 END WHERE id = ?1",
            params![id, error],
        )?;
        Ok(())
    }

    pub fn employees(&self) -> Result<Vec<EmployeeRow>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, name, email, this_computer, kinds FROM employees")?;
        let mut list = stmt
            .query_map([], |r| {
                Ok(EmployeeRow {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    email: r.get(2)?,
                    this_computer: r.get(3)?,
                    kinds: r.get(4)?,
                    companies: Vec::new(),
                })
            })?
            .collect::<crate::Result<Vec<_>>>()?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT employee_id, company_id FROM employee_companies ORDER BY company_id",
        )?;
        for pair in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))? {
            let (employee, company) = pair?;
            if let Some(e) = list.iter_mut().find(|e| e.id == employee) {
                e.companies.push(company);
            }
        }
        Ok(list)
    }

    /// Adds an employee (`row.id` is ignored); its id.
    pub fn insert_employee(&self, row: &EmployeeRow) -> Result<i64> {
        let id = self.conn.query_row(
            "INSERT INTO employees (name, email, this_computer, kinds) VALUES (?1, ?2, ?3, ?4)
             RETURNING id",
            params![row.name, row.email, row.this_computer, row.kinds],
            |r| r.get(0),
        )?;
        self.set_employee_companies(id, &row.companies)?;
        Ok(id)
    }

    /// Changes an employee; false when there is none of that id.
    pub fn update_employee(&self, row: &EmployeeRow) -> Result<bool> {
        let found = self.conn.execute(
            "UPDATE employees SET name = ?2, email = ?3, this_computer = ?4, kinds = ?5 WHERE id = ?1",
            params![row.id, row.name, row.email, row.this_computer, row.kinds],
        )? > 0;
        if found {
            self.set_employee_companies(row.id, &row.companies)?;
        }
        Ok(found)
    }

    fn set_employee_companies(&self, employee: i64, companies: &[i64]) -> Result<()> {
        self.conn.execute(
            "DELETE FROM employee_companies WHERE employee_id = ?1",
            [employee],
        )?;
        let mut insert = self.conn.prepare_cached(
            "INSERT INTO employee_companies (employee_id, company_id) VALUES (?1, ?2)
             ON CONFLICT DO NOTHING",
        )?;
        for company in companies {
            insert.execute(params![employee, company])?;
        }
        Ok(())
    }

    /// False when there is none of that id.
    pub fn remove_employee(&self, id: i64) -> Result<bool> {
        Ok(self
            .conn
            .execute("DELETE FROM employees WHERE id = ?1", [id])?
            > 0)
    }
}

const COLUMNS: &str =
    "id, kind, title, body, screen, target_id, created_at, read, delivery_error, company_id";

fn from_row(r: &crate::db::Row<'_>) -> crate::Result<NoticeRow> {
    Ok(NoticeRow {
        id: r.get(0)?,
        kind: r.get(1)?,
        title: r.get(2)?,
        body: r.get(3)?,
        screen: r.get(4)?,
        target_id: r.get(5)?,
        created_at: r.get(6)?,
        read: r.get(7)?,
        delivery_error: r.get(8)?,
        company_id: r.get(9)?,
    })
}
