//! The one SQLite file: opening it safely, migrations, and the queries on statements, balances
//! and sync runs.

pub mod backup;
mod migrations;
pub mod query;
pub mod runs;
pub mod write;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, TransactionBehavior};

pub use query::{BalanceRow, PeriodBalance, StatementFilter, StatementRow, Totals};
pub use runs::{RunOutcome, RunRecord};
pub use write::{minor_units, UpsertCounts};

/// The database file's name inside the data folder.
pub const DB_FILE: &str = "vypyska.sqlite3";

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("cannot prepare the data folder {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// Made by a newer Vypyska: opening it could damage it.
    #[error("the database has schema version {found}, newer than this program's {supported}: update Vypyska")]
    TooNew { found: u32, supported: u32 },
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// An open database. One per thread; several processes may share the file (WAL).
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl Store {
    /// Opens (creating it if needed) `vypyska.sqlite3` in `dir`.
    pub fn open_in(dir: &Path) -> Result<Store> {
        create_private_dir(dir)?;
        Store::open(&dir.join(DB_FILE))
    }

    /// Opens a database file, applying pending migrations.
    pub fn open(path: &Path) -> Result<Store> {
        create_private_file(path)?;
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(Duration::from_secs(30))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        let mut store = Store {
            conn,
            path: path.to_owned(),
        };
        store.migrate()?;
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// A write transaction that takes the write lock at once, so two processes never deadlock
    /// upgrading read locks; waits are covered by the busy timeout.
    pub fn write(&mut self) -> Result<rusqlite::Transaction<'_>> {
        Ok(self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?)
    }

    /// The schema version this program writes.
    pub fn supported_version() -> u32 {
        migrations::MIGRATIONS.len() as u32
    }

    pub fn schema_version(&self) -> Result<u32> {
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?)
    }

    /// Applies every pending migration in one transaction, or none.
    fn migrate(&mut self) -> Result<()> {
        let supported = Store::supported_version();
        let tx = self.write()?;
        let found: u32 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if found > supported {
            return Err(StoreError::TooNew { found, supported });
        }
        for (i, sql) in migrations::MIGRATIONS
            .iter()
            .enumerate()
            .skip(found as usize)
        {
            tx.execute_batch(sql)?;
            tx.pragma_update(None, "user_version", i as u32 + 1)?;
        }
        tx.commit()?;
        Ok(())
    }
}

#[cfg(unix)]
fn create_private_dir(dir: &Path) -> Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .map_err(|source| StoreError::Io {
            path: dir.to_owned(),
            source,
        })
}

#[cfg(not(unix))]
fn create_private_dir(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|source| StoreError::Io {
        path: dir.to_owned(),
        source,
    })
}

/// Creates the file readable by its owner only before SQLite opens it; SQLite gives its WAL and
/// shared-memory files the same mode. An existing file is left alone: opening and closing a
/// descriptor of a database file would drop the POSIX locks that this process's other
/// connections hold on it.
fn create_private_file(path: &Path) -> Result<()> {
    let io = |source| StoreError::Io {
        path: path.to_owned(),
        source,
    };
    if path.exists() {
        return Ok(());
    }
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        create_private_dir(parent)?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.create(true).append(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        options.mode(0o600);
        options.open(path).map_err(io)?;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).map_err(io)?;
    }
    #[cfg(not(unix))]
    options.open(path).map_err(io)?;
    Ok(())
}

#[cfg(test)]
mod tests;
