//! Moving the books from this computer's file onto a team's server (`team create`): every table
//! copied inside one transaction of the server, then counted and its money summed on both sides;
//! the transaction is committed only when every table agrees, so a failed move leaves the
//! server as it was and the file as it is.

use std::collections::BTreeMap;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::db::{params_from_iter, Connection, Dialect, Value};
use crate::{Result, Store, StoreError};

/// The tables copied: all but `statement_days`, which the server's trigger builds from the
/// statements (and which is compared like the others).
fn copied() -> impl Iterator<Item = &'static str> {
    crate::BOOKS_TABLES
        .iter()
        .copied()
        .filter(|t| *t != "statement_days")
}

/// What is summed besides the rows counted: the money (and the daily sums' counts).
const SUMS: &[(&str, &[&str])] = &[
    ("statements", &["amount", "amount_minor"]),
    (
        "balances",
        &["opening", "closing", "turnover_debit", "turnover_credit"],
    ),
    ("invoices", &["amount", "amount_minor"]),
    ("allocations", &["amount_minor"]),
    ("allocation_log", &["amount_minor"]),
    ("statement_days", &["rows", "amount_minor"]),
];

/// Rows per insert: one statement carries many rows (within the server's 65,535 parameters).
const ROWS_PER_INSERT: usize = 200;

/// One table as both sides hold it after the copy.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TableCheck {
    pub table: String,
    pub rows: i64,
    /// The sums of its money columns, by column, as exact decimals.
    pub sums: Vec<(String, String)>,
}

/// The count and the sums of a table (only rows that moved money count in the daily sums, as
/// a server keeps no empty days).
fn census(conn: &Connection, table: &str) -> Result<TableCheck> {
    let filter = if table == "statement_days" {
        " WHERE rows <> 0"
    } else {
        ""
    };
    let rows: i64 = conn.query_row(&format!("SELECT COUNT(*) FROM {table}{filter}"), [], |r| {
        r.get(0)
    })?;
    let mut sums = Vec::new();
    for (t, columns) in SUMS.iter().filter(|(t, _)| *t == table) {
        for column in columns.iter() {
            let mut total = Decimal::ZERO;
            let mut stmt =
                conn.prepare(&format!("SELECT CAST({column} AS TEXT) FROM {t}{filter}"))?;
            for value in stmt.query_map([], |r| r.get::<_, Option<String>>(0))? {
                if let Some(text) = value? {
                    total += Decimal::from_str(&text)
                        .map_err(|e| StoreError::Value(format!("{t}.{column} {text:?}: {e}")))?;
                }
            }
            sums.push(((*column).to_owned(), total.normalize().to_string()));
        }
    }
    Ok(TableCheck {
        table: table.to_owned(),
        rows,
        sums,
    })
}

/// Whether the server's database holds books already (merchants, statements or invoices).
pub fn holds_books(conn: &Connection) -> Result<bool> {
    conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM merchants) OR EXISTS (SELECT 1 FROM statements)
             OR EXISTS (SELECT 1 FROM invoices)",
        [],
        |r| r.get(0),
    )
}

impl Store {
    /// Copies everything of this (SQLite) store into `target` (a server's, holding no books
    /// yet), in one transaction of the target, and compares every table's rows and money on
    /// both sides before committing. The checks, table by table.
    pub fn copy_into(&self, target: &mut Store) -> Result<Vec<TableCheck>> {
        if self.conn.dialect() != Dialect::Sqlite || target.conn.dialect() != Dialect::Postgres {
            return Err(StoreError::Value(
                "the books are copied from a file onto a server".into(),
            ));
        }
        if holds_books(&target.conn)? {
            return Err(StoreError::NotEmpty);
        }
        // One snapshot of the file for the whole copy, whoever writes to it meanwhile.
        self.conn.execute_batch("BEGIN")?;
        let copied = self.copy_in_snapshot(target);
        let _ = self.conn.execute_batch("COMMIT");
        copied
    }

    fn copy_in_snapshot(&self, target: &mut Store) -> Result<Vec<TableCheck>> {
        let tx = target.write()?;
        // What the server's schema starts with gives way to what the file holds.
        tx.execute_batch("DELETE FROM notice_marks; DELETE FROM settings")?;
        for table in copied() {
            copy_table(&self.conn, &tx, table)?;
        }
        // A company's invoice account refers to an account copied after it.
        let invoice_accounts = self.conn.prepare(
            "SELECT id, invoice_merchant_id FROM companies WHERE invoice_merchant_id IS NOT NULL",
        );
        for pair in
            invoice_accounts?.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))?
        {
            let (company, merchant) = pair?;
            tx.execute(
                "UPDATE companies SET invoice_merchant_id = ?2 WHERE id = ?1",
                [company, merchant],
            )?;
        }
        // New rows on the server are numbered after the copied ones.
        for table in copied() {
            let has_id: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM information_schema.columns
                     WHERE table_schema = current_schema() AND table_name = ?1
                       AND column_name = 'id' AND is_identity = 'YES')",
                [table],
                |r| r.get(0),
            )?;
            if has_id {
                tx.execute_batch(&format!(
                    "SELECT setval(pg_get_serial_sequence('{table}', 'id'),
                         COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"
                ))?;
            }
        }
        let mut checks = Vec::new();
        for table in crate::BOOKS_TABLES.iter().copied() {
            let (here, there) = (census(&self.conn, table)?, census(&tx, table)?);
            if here != there {
                return Err(StoreError::CopyDiffers {
                    table: table.to_owned(),
                    here: format!("{here:?}"),
                    there: format!("{there:?}"),
                });
            }
            checks.push(there);
        }
        tx.commit()?;
        Ok(checks)
    }
}

/// Copies one table's rows, its columns as the file names them, many rows per insert.
fn copy_table(from: &Connection, to: &Connection, table: &str) -> Result<()> {
    let columns: Vec<String> = {
        let mut stmt = from.prepare("SELECT name FROM pragma_table_info(?1) ORDER BY cid")?;
        let names = stmt.query_map([table], |r| r.get(0))?;
        names.collect::<Result<_>>()?
    };
    // The invoice account is set once the accounts are there.
    let read: Vec<String> = columns
        .iter()
        .map(|c| match (table, c.as_str()) {
            ("companies", "invoice_merchant_id") => "NULL".to_owned(),
            _ => c.clone(),
        })
        .collect();
    let width = columns.len();
    let mut stmt = from.prepare(&format!("SELECT {} FROM {table}", read.join(", ")))?;
    let rows = stmt.query_map([], |r| {
        (0..width)
            .map(|i| r.get::<_, Value>(i))
            .collect::<Result<Vec<Value>>>()
    })?;
    let mut batch: Vec<Value> = Vec::with_capacity(width * ROWS_PER_INSERT);
    let insert = |values: &mut Vec<Value>| -> Result<()> {
        if values.is_empty() {
            return Ok(());
        }
        let n = values.len() / width;
        let tuples: Vec<String> = (0..n)
            .map(|row| {
                let marks: Vec<String> = (1..=width)
                    .map(|c| format!("?{}", row * width + c))
                    .collect();
                format!("({})", marks.join(", "))
            })
            .collect();
        to.execute(
            &format!(
                "INSERT INTO {table} ({}) VALUES {}",
                columns.join(", "),
                tuples.join(", ")
            ),
            params_from_iter(values.drain(..)),
        )?;
        Ok(())
    };
    for row in rows {
        batch.extend(row?);
        if batch.len() >= width * ROWS_PER_INSERT {
            insert(&mut batch)?;
        }
    }
    insert(&mut batch)
}

/// The checks as the CLI prints them: table, rows, and its sums.
pub fn describe(checks: &[TableCheck]) -> BTreeMap<String, String> {
    checks
        .iter()
        .map(|c| {
            let sums: Vec<String> = c.sums.iter().map(|(k, v)| format!("{k} {v}")).collect();
            let text = match sums.is_empty() {
                true => c.rows.to_string(),
                false => format!("{} ({})", c.rows, sums.join(", ")),
            };
            (c.table.clone(), text)
        })
        .collect()
}
