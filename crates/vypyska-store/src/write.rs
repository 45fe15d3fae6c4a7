//! Writing what the bank sent: idempotent upserts keyed by account + REF/REFN.

use crate::db::{params, Transaction as Tx};
use privat24::{Balance, RejectedRow, Transaction};
use rust_decimal::Decimal;

use super::Result;

/// What one batch of upserts did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct UpsertCounts {
    pub seen: usize,
    /// Keys not stored before.
    pub new: usize,
    /// Known keys whose state or content changed (pending → posted, reversed…).
    pub updated: usize,
}

impl std::ops::AddAssign for UpsertCounts {
    fn add_assign(&mut self, o: Self) {
        self.seen += o.seen;
        self.new += o.new;
        self.updated += o.updated;
    }
}

/// An amount in minor units (kopiykas, cents) for exact sums in SQL. Amounts with more than two
/// decimals are rounded here only; their exact text is stored beside.
pub fn minor_units(amount: Decimal) -> i64 {
    use rust_decimal::prelude::ToPrimitive;
    amount
        .checked_mul(Decimal::ONE_HUNDRED)
        .and_then(|m| m.round().to_i64())
        .unwrap_or(i64::MAX)
}

/// Storing what the bank sent, inside the caller's write transaction: `tx.ingest()`.
pub struct Ingest<'c> {
    pub(crate) tx: &'c Tx<'c>,
}

impl Ingest<'_> {
    /// Inserts new rows and updates changed ones; an unchanged row is left alone, so re-running a
    /// page adds and changes nothing. `account` stands in for rows that do not name our account.
    pub fn upsert_transactions(
        &self,
        merchant_id: i64,
        account: &str,
        rows: &[Transaction],
        now: &str,
    ) -> Result<UpsertCounts> {
        let mut insert = self.tx.prepare_cached(
            "INSERT INTO statements (merchant_id, account, key, direction, state, amount, amount_minor,
                 amount_uah, currency, value_date, posted_at, posted_ts, purpose, doc_number,
                 counterparty_name, counterparty_tax_id, counterparty_iban, counterparty_bank, raw,
                 first_seen_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,
                 ?19, ?20, ?20)
             ON CONFLICT (account, key) DO NOTHING",
        )?;
        let mut update = self.tx.prepare_cached(
            "UPDATE statements SET merchant_id = ?1, direction = ?4, state = ?5, amount = ?6,
                 amount_minor = ?7, amount_uah = ?8, currency = ?9, value_date = ?10, posted_at = ?11,
                 posted_ts = ?12, purpose = ?13, doc_number = ?14, counterparty_name = ?15,
                 counterparty_tax_id = ?16, counterparty_iban = ?17, counterparty_bank = ?18,
                 raw = ?19, updated_at = ?20
             WHERE account = ?2 AND key = ?3 AND (state <> ?5 OR raw <> ?19)",
        )?;
        let mut counts = UpsertCounts::default();
        // A server answers each statement over the network: there a page's new rows go in one
        // statement, and only the rows already stored are compared one by one.
        let stored_anew = match self.tx.dialect() {
            crate::db::Dialect::Postgres => {
                Some(self.insert_page(merchant_id, account, rows, now)?)
            }
            crate::db::Dialect::Sqlite => None,
        };
        let mut stored_anew = stored_anew.map(|keys| {
            let mut left = std::collections::HashMap::<(String, String), usize>::new();
            for k in keys {
                *left.entry(k).or_default() += 1;
            }
            left
        });
        for t in rows {
            let acc = if t.account.is_empty() {
                account
            } else {
                &t.account
            };
            let values = Self::values(merchant_id, acc, t, now);
            counts.seen += 1;
            let made = match &mut stored_anew {
                // Each row the insert made counts once (the same key twice in a page: the
                // second is compared as a known row).
                Some(left) => left
                    .get_mut(&(acc.to_owned(), t.key.clone()))
                    .filter(|n| **n > 0)
                    .map(|n| *n -= 1)
                    .is_some(),
                None => insert.execute(crate::db::params_from_iter(values.iter()))? == 1,
            };
            if made {
                counts.new += 1;
            } else if update.execute(crate::db::params_from_iter(values))? == 1 {
                counts.updated += 1;
            }
        }
        Ok(counts)
    }

    /// A statement's columns as the upserts bind them.
    fn values(
        merchant_id: i64,
        account: &str,
        t: &Transaction,
        now: &str,
    ) -> Vec<crate::db::Value> {
        use crate::db::Value;
        let text = |s: &str| Value::Text(s.to_owned());
        vec![
            Value::Integer(merchant_id),
            text(account),
            text(&t.key),
            text(t.direction.as_str()),
            text(t.state.as_str()),
            text(&t.amount.to_string()),
            Value::Integer(minor_units(t.amount)),
            t.amount_uah
                .map_or(Value::Null, |a| Value::Text(a.to_string())),
            text(&t.currency),
            text(&t.value_date.to_string()),
            text(&t.posted_at.to_rfc3339()),
            Value::Integer(t.posted_at.timestamp()),
            text(&t.purpose),
            text(&t.doc_number),
            text(&t.counterparty.name),
            text(&t.counterparty.tax_id),
            text(&t.counterparty.iban),
            text(&t.counterparty.bank_name),
            text(&t.raw),
            text(now),
        ]
    }

    /// A server's way: the page's rows in multi-row inserts that skip the known keys; the
    /// (account, key) of each row made.
    fn insert_page(
        &self,
        merchant_id: i64,
        account: &str,
        rows: &[Transaction],
        now: &str,
    ) -> Result<Vec<(String, String)>> {
        /// Rows per statement: 20 values each, well under the protocol's 65,535.
        const PER_STATEMENT: usize = 250;
        let mut made = Vec::new();
        for chunk in rows.chunks(PER_STATEMENT) {
            let mut values = Vec::with_capacity(chunk.len() * 20);
            let mut tuples = Vec::with_capacity(chunk.len());
            for (i, t) in chunk.iter().enumerate() {
                let acc = if t.account.is_empty() {
                    account
                } else {
                    &t.account
                };
                values.extend(Self::values(merchant_id, acc, t, now));
                let n: Vec<String> = (1..=20).map(|k| format!("?{}", i * 20 + k)).collect();
                tuples.push(format!("({}, {})", n.join(", "), n[19]));
            }
            let sql = format!(
                "INSERT INTO statements (merchant_id, account, key, direction, state, amount,
                     amount_minor, amount_uah, currency, value_date, posted_at, posted_ts,
                     purpose, doc_number, counterparty_name, counterparty_tax_id,
                     counterparty_iban, counterparty_bank, raw, first_seen_at, updated_at)
                 VALUES {}
                 ON CONFLICT (account, key) DO NOTHING RETURNING account, key",
                tuples.join(", ")
            );
            let mut stmt = self.tx.prepare_cached(&sql)?;
            let keys = stmt.query_map(crate::db::params_from_iter(values), |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
            })?;
            for k in keys {
                made.push(k?);
            }
        }
        Ok(made)
    }

    /// Keeps rows that could not be read, once each.
    pub fn keep_rejected(
        &self,
        merchant_id: i64,
        rows: &[RejectedRow],
        now: &str,
    ) -> Result<usize> {
        let mut stmt = self.tx.prepare_cached(
            "INSERT INTO rejected_rows (merchant_id, raw, reason, first_seen_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (merchant_id, raw) DO NOTHING",
        )?;
        let mut n = 0;
        for r in rows {
            n += stmt.execute(params![merchant_id, r.raw, r.reason, now])?;
        }
        Ok(n)
    }

    /// Stores daily balances; a day seen again is replaced by the bank's newer word.
    pub fn upsert_balances(&self, rows: &[Balance], now: &str) -> Result<usize> {
        let mut stmt = self.tx.prepare_cached(
            "INSERT INTO balances (account, day, currency, opening, closing, turnover_debit,
                 turnover_credit, is_final, raw, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
             ON CONFLICT (account, day) DO UPDATE SET currency = excluded.currency,
                 opening = excluded.opening, closing = excluded.closing,
                 turnover_debit = excluded.turnover_debit, turnover_credit = excluded.turnover_credit,
                 is_final = excluded.is_final, raw = excluded.raw, updated_at = excluded.updated_at",
        )?;
        for b in rows {
            stmt.execute(params![
                b.account,
                b.day.to_string(),
                b.currency,
                b.opening.to_string(),
                b.closing.to_string(),
                b.turnover_debit.to_string(),
                b.turnover_credit.to_string(),
                b.is_final,
                b.raw,
                now,
            ])?;
        }
        Ok(rows.len())
    }
}
