//! The settings table: keys and their values as text. What they mean, and checking them, is
//! the core's (`vypyska_core::settings`).

use rusqlite::{params, Connection};

use crate::{Result, Store};

/// Every stored setting.
pub fn all(conn: &Connection) -> Result<Vec<(String, String)>> {
    let mut stmt = conn.prepare_cached("SELECT key, value FROM settings")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Stores one setting.
pub fn put(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )?
    .execute(params![key, value])?;
    Ok(())
}

/// Stores several settings in one transaction, or none.
pub fn put_all(store: &mut Store, values: &[(String, String)]) -> Result<()> {
    let tx = store.write()?;
    for (key, value) in values {
        put(&tx, key, value)?;
    }
    tx.commit()?;
    Ok(())
}
