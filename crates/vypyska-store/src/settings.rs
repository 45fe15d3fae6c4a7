//! The settings table: keys and their values as text. What they mean, and checking them, is
//! the core's (`vypyska_core::settings`).

use crate::db::{params, Connection};

use crate::{Result, Store, Tables};

/// The stored settings: `….settings()`.
pub struct SettingsTable<'c> {
    pub(crate) conn: &'c Connection,
}

impl SettingsTable<'_> {
    /// Every stored setting.
    pub fn all(&self) -> Result<Vec<(String, String)>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT key, value FROM settings")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<crate::Result<_>>()?)
    }

    /// Every setting a company set for itself: (company, key, value).
    pub fn of_companies(&self) -> Result<Vec<(i64, String, String)>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT company_id, key, value FROM company_settings")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<crate::Result<_>>()?)
    }

    /// A company's own value of a setting (`Some`), or back to the global one (`None`).
    pub fn put_company(&self, company_id: i64, key: &str, value: Option<&str>) -> Result<()> {
        match value {
            Some(value) => self.conn.execute(
                "INSERT INTO company_settings (company_id, key, value) VALUES (?1, ?2, ?3)
                 ON CONFLICT (company_id, key) DO UPDATE SET value = excluded.value",
                params![company_id, key, value],
            )?,
            None => self.conn.execute(
                "DELETE FROM company_settings WHERE company_id = ?1 AND key = ?2",
                params![company_id, key],
            )?,
        };
        Ok(())
    }

    /// Stores one setting.
    pub fn put(&self, key: &str, value: &str) -> Result<()> {
        self.conn
            .prepare_cached(
                "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            )?
            .execute(params![key, value])?;
        Ok(())
    }
}

/// What changes several rows at once, each in one transaction of its own: `store.settings_mut()`.
pub struct SettingsTableMut<'s> {
    pub(crate) store: &'s mut Store,
}

impl SettingsTableMut<'_> {
    /// Stores several settings in one transaction, or none.
    pub fn put_all(&mut self, values: &[(String, String)]) -> Result<()> {
        let tx = self.store.write()?;
        for (key, value) in values {
            tx.settings().put(key, value)?;
        }
        tx.commit()?;
        Ok(())
    }
}
