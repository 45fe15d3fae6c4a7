//! The merchants table: the bank accounts the owner added (each token's keyring entry by name,
//! never the token), and what removing or adding one again does to its statements.

use crate::db::{params, Connection, OptionalExtension};
use chrono::NaiveDate;
use serde::Serialize;

use crate::{name_key, Result, Store};

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Merchant {
    pub id: i64,
    pub name: String,
    pub account: String,
    pub currency: String,
    #[serde(skip)]
    pub secret_ref: String,
    pub has_client_id: bool,
    pub sync_from: NaiveDate,
    pub synced_through: Option<NaiveDate>,
    pub created_at: String,
    /// The company the account belongs to.
    pub company_id: Option<i64>,
}

/// A merchant to save, checked by the caller.
#[derive(Debug, Clone, Copy)]
pub struct NewRow<'a> {
    pub name: &'a str,
    pub account: &'a str,
    pub currency: &'a str,
    pub secret_ref: &'a str,
    pub has_client_id: bool,
    pub sync_from: NaiveDate,
    pub created_at: &'a str,
    pub company_id: i64,
}

const COLUMNS: &str = "id, name, account, currency, secret_ref, has_client_id, sync_from, \
     synced_through, created_at, company_id";

fn from_row(r: &crate::db::Row<'_>) -> crate::Result<Merchant> {
    let date = |s: String| NaiveDate::parse_from_str(&s, "%Y-%m-%d").unwrap_or_default();
    Ok(Merchant {
        id: r.get(0)?,
        name: r.get(1)?,
        account: r.get(2)?,
        currency: r.get(3)?,
        secret_ref: r.get(4)?,
        has_client_id: r.get(5)?,
        sync_from: date(r.get(6)?),
        synced_through: r.get::<_, Option<String>>(7)?.map(date),
        created_at: r.get(8)?,
        company_id: r.get(9)?,
    })
}

/// The bank accounts (merchants): `….merchants()`.
pub struct Merchants<'c> {
    pub(crate) conn: &'c Connection,
}

impl Merchants<'_> {
    /// Every merchant, in no particular order.
    pub fn all(&self) -> Result<Vec<Merchant>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("SELECT {COLUMNS} FROM merchants"))?;
        let rows = stmt.query_map([], from_row)?;
        Ok(rows.collect::<crate::Result<_>>()?)
    }

    /// The merchant of this name, ignoring case.
    pub fn by_name(&self, name: &str) -> Result<Option<Merchant>> {
        Ok(self
            .conn
            .query_row(
                &format!("SELECT {COLUMNS} FROM merchants WHERE name_key = ?1"),
                [name_key(name)],
                from_row,
            )
            .optional()?)
    }

    /// Whether the merchant's credentials have the old format's client id.
    pub fn set_has_client_id(&self, id: i64, has: bool) -> Result<()> {
        self.conn.execute(
            "UPDATE merchants SET has_client_id = ?1 WHERE id = ?2",
            params![has, id],
        )?;
        Ok(())
    }

    /// Moves an account to another company.
    pub fn set_company(&self, id: i64, company_id: i64) -> Result<()> {
        self.conn.execute(
            "UPDATE merchants SET company_id = ?1 WHERE id = ?2",
            params![company_id, id],
        )?;
        Ok(())
    }

    pub fn rename(&self, id: i64, name: &str) -> Result<()> {
        self.conn.execute(
            "UPDATE merchants SET name = ?1, name_key = ?2 WHERE id = ?3",
            params![name, name_key(name), id],
        )?;
        Ok(())
    }
}

/// What changes several rows at once, each in one transaction of its own: `store.merchants_mut()`.
pub struct MerchantsMut<'s> {
    pub(crate) store: &'s mut Store,
}

impl MerchantsMut<'_> {
    /// Removes a merchant; its statements stay (without a merchant) unless `with_statements`.
    pub fn remove(&mut self, merchant: &Merchant, with_statements: bool) -> Result<()> {
        let tx = self.store.write()?;
        if with_statements {
            tx.execute(
                "DELETE FROM statements WHERE merchant_id = ?1",
                [merchant.id],
            )?;
            tx.execute(
                "DELETE FROM balances WHERE account = ?1",
                [&merchant.account],
            )?;
            // Row ids above what is left may be given again: the notices' mark comes down with them,
            // so the next payments are told.
            tx.execute(
                "UPDATE notice_marks SET value = newest FROM
                     (SELECT COALESCE(MAX(id), 0) AS newest FROM statements) AS left_over
                 WHERE name = 'statements' AND newest < value",
                [],
            )?;
        }
        tx.execute("DELETE FROM merchants WHERE id = ?1", [merchant.id])?;
        tx.commit()?;
        Ok(())
    }
}

impl Merchants<'_> {
    /// Saves a new merchant inside the caller's transaction and takes back the statements kept
    /// from an earlier merchant of the same account (removed with its statements kept), so they
    /// are listed, counted and allocated as its own again. Its id.
    pub fn insert_taking_back(&self, row: NewRow<'_>) -> Result<i64> {
        let tx = self.conn;
        let id: i64 = tx.query_row(
            "INSERT INTO merchants (name, name_key, account, currency, secret_ref, has_client_id,
                 sync_from, created_at, company_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) RETURNING id",
            params![
                row.name,
                name_key(row.name),
                row.account,
                row.currency,
                row.secret_ref,
                row.has_client_id,
                row.sync_from.to_string(),
                row.created_at,
                row.company_id,
            ],
            |r| r.get(0),
        )?;
        tx.execute(
            "UPDATE statements SET merchant_id = ?1 WHERE account = ?2 AND merchant_id IS NULL",
            params![id, row.account],
        )?;
        Ok(id)
    }
}
