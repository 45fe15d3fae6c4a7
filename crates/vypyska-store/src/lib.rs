//! Vypyska's storage: the one SQLite file, opening it safely, migrations, and the queries on
//! statements, balances and sync runs; backups and recovery of the file. What a person reads of
//! its errors is the core's (`vypyska_core::UserError for StoreError`): this crate says what
//! happened (`StoreError::trouble`), not in which words.

pub mod allocations;
pub mod backup;
pub mod categories;
pub mod companies;
pub mod copy;
pub mod db;
pub mod invoices;
pub mod merchants;
mod migrations;
pub mod notices;
pub mod query;
pub mod recovery;
pub mod roles;
pub mod runs;
pub mod settings;
pub mod write;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::OpenFlags;

#[cfg(any(test, feature = "testing"))]
pub mod testing;

/// The connection the handles work on (the crates above name it from here, never from the
/// driver; `Store::write`'s transaction derefs to it).
pub use db::{Connection, Transaction};

pub use query::{BalanceRow, PeriodBalance, StatementFilter, StatementRow, Totals};
pub use runs::{RunOutcome, RunRecord};
pub use write::Ingest;
pub use write::{minor_units, UpsertCounts};

/// The books' tables, each before what refers to it (`statement_days` last: it is kept from
/// the statements).
pub(crate) const BOOKS_TABLES: &[&str] = &[
    "companies",
    "merchants",
    "statements",
    "rejected_rows",
    "balances",
    "sync_runs",
    "settings",
    "invoices",
    "allocations",
    "allocation_log",
    "allocation_holds",
    "allocation_suggestions",
    "categories",
    "category_rules",
    "statement_categories",
    "notices",
    "notice_marks",
    "employees",
    "notice_deliveries",
    "notice_seen",
    "employee_companies",
    "company_settings",
    "statement_days",
];

/// The database file's name inside the data folder.
pub const DB_FILE: &str = "vypyska.sqlite3";

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// A query that must find a row found none.
    #[error("no such row")]
    NoRows,
    #[error("database server: {}", server_words(.0))]
    Postgres(#[from] ::postgres::Error),
    /// A value the engine sent that is not what the column is read as.
    #[error("database value: {0}")]
    Value(String),
    /// What only the SQLite file has (its pragmas, its backups), asked of a server.
    #[error("only an SQLite database file can do this")]
    SqliteOnly,
    /// The server's session ended under the store (its thread is gone).
    #[error("the database session ended")]
    Gone,
    /// A server's database that already holds books, where an empty one was needed.
    #[error("the database holds books already")]
    NotEmpty,
    /// After copying the books, a table differs between the file and the server.
    #[error("after the copy, {table} differs: here {here}, on the server {there}")]
    CopyDiffers {
        table: String,
        here: String,
        there: String,
    },
    #[error("cannot prepare the data folder {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// Made by a newer Vypyska: opening it could damage it.
    #[error("the database has schema version {found}, newer than this program's {supported}: update Vypyska")]
    TooNew { found: u32, supported: u32 },
    /// A team's books at an older version than this program's, which this person's login may
    /// not take further (the tables are the owner's).
    #[error("the team's books have schema version {found}, older than this program's {supported}, and only the owner's login may update them")]
    OwnerUpdates { found: u32, supported: u32 },
    /// A plain (unencrypted) session asked of a host other than this computer.
    #[error("a plain connection to {0}: the team's server is reached over TLS")]
    PlainToRemote(String),
    /// The certificate authority's file cannot be read.
    #[error("cannot read the certificate authority's file {path}: {detail}")]
    CaFile { path: PathBuf, detail: String },
    /// Not a database, or one whose pages SQLite's checks found broken.
    #[error("the database file {path} is damaged: {detail}")]
    Corrupt { path: PathBuf, detail: String },
}

/// The kinds of storage trouble a person can act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trouble {
    DiskFull,
    ReadOnly,
    Corrupt,
    TooNew,
    /// The team's database server does not answer (down, unreachable, the session cut).
    Unreachable,
    /// The server refused the person's role what they asked.
    NotAllowed,
    /// A session that would not be encrypted to a host other than this computer.
    Insecure,
    /// The server's certificate is not one to trust (no authority known signed it, or it is
    /// for another host).
    Untrusted,
    Other,
}

pub fn io_trouble(e: &std::io::Error) -> Trouble {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded | ErrorKind::FileTooLarge => {
            Trouble::DiskFull
        }
        ErrorKind::ReadOnlyFilesystem | ErrorKind::PermissionDenied => Trouble::ReadOnly,
        _ => Trouble::Other,
    }
}

fn sqlite_trouble(e: &rusqlite::Error) -> Trouble {
    use rusqlite::ffi;
    use rusqlite::ErrorCode as C;
    // On a full disk SQLite says SQLITE_FULL for the database and its log, but growing the
    // shared-memory index on opening fails as IOERR_SHMSIZE (seen on a full tmpfs). Other I/O
    // errors (a failing or vanished disk) are not called "full".
    match e.sqlite_error_code() {
        Some(C::DiskFull) => Trouble::DiskFull,
        Some(C::SystemIoFailure)
            if e.sqlite_error()
                .is_some_and(|f| f.extended_code == ffi::SQLITE_IOERR_SHMSIZE) =>
        {
            Trouble::DiskFull
        }
        Some(C::ReadOnly) | Some(C::PermissionDenied) => Trouble::ReadOnly,
        Some(C::DatabaseCorrupt) | Some(C::NotADatabase) => Trouble::Corrupt,
        _ => Trouble::Other,
    }
}

impl StoreError {
    pub fn trouble(&self) -> Trouble {
        match self {
            StoreError::Sqlite(e) => sqlite_trouble(e),
            StoreError::Io { source, .. } => io_trouble(source),
            StoreError::TooNew { .. } => Trouble::TooNew,
            StoreError::Corrupt { .. } => Trouble::Corrupt,
            StoreError::Postgres(e) => server_trouble(e),
            StoreError::Gone => Trouble::Unreachable,
            StoreError::OwnerUpdates { .. } => Trouble::NotAllowed,
            StoreError::PlainToRemote(_) => Trouble::Insecure,
            StoreError::CaFile { .. } => Trouble::Untrusted,
            StoreError::NoRows
            | StoreError::Value(_)
            | StoreError::SqliteOnly
            | StoreError::NotEmpty
            | StoreError::CopyDiffers { .. } => Trouble::Other,
        }
    }

    /// A row refused for a value another row already has (a `UNIQUE` key): what a check made
    /// before the insert can miss when another desktop inserts the same value at that moment.
    pub fn is_unique_violation(&self) -> bool {
        match self {
            StoreError::Sqlite(e) => e
                .sqlite_error()
                .is_some_and(|f| f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE),
            StoreError::Postgres(e) => {
                e.code() == Some(&::postgres::error::SqlState::UNIQUE_VIOLATION)
            }
            _ => false,
        }
    }

    /// The file or folder concerned, for a message: ` (path)` or nothing.
    pub fn place(&self) -> String {
        match self {
            StoreError::Io { path, .. } | StoreError::Corrupt { path, .. } => {
                format!(" ({})", path.display())
            }
            _ => String::new(),
        }
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

fn server_trouble(e: &::postgres::Error) -> Trouble {
    use ::postgres::error::SqlState;
    if tls_refusal(e).is_some() {
        return Trouble::Untrusted;
    }
    match e.code() {
        Some(c) if *c == SqlState::INSUFFICIENT_PRIVILEGE => Trouble::NotAllowed,
        Some(c) if *c == SqlState::DISK_FULL => Trouble::DiskFull,
        Some(c) if *c == SqlState::ADMIN_SHUTDOWN || *c == SqlState::CRASH_SHUTDOWN => {
            Trouble::Unreachable
        }
        Some(c) if c.code().starts_with("08") => Trouble::Unreachable,
        Some(_) => Trouble::Other,
        // No answer from the server at all: it could not be reached, or the session ended.
        None if e.is_closed() || is_io(e) => Trouble::Unreachable,
        None => Trouble::Other,
    }
}

fn is_io(e: &::postgres::Error) -> bool {
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        if s.is::<std::io::Error>() {
            return true;
        }
        source = s.source();
    }
    false
}

/// Why TLS refused the server, when it did (its certificate, its host name, its protocol).
fn tls_refusal(e: &::postgres::Error) -> Option<String> {
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        let found = s.downcast_ref::<rustls::Error>().or_else(|| {
            s.downcast_ref::<std::io::Error>()
                .and_then(|io| io.get_ref())
                .and_then(|inner| inner.downcast_ref::<rustls::Error>())
        });
        if let Some(refusal) = found {
            return Some(refusal.to_string());
        }
        source = s.source();
    }
    None
}

/// What the server said, with its code (the client's own words are only "db error").
fn server_words(e: &::postgres::Error) -> String {
    if let Some(refusal) = tls_refusal(e) {
        return format!("TLS: {refusal}");
    }
    match e.as_db_error() {
        Some(db) => format!("{} ({})", db.message(), db.code().code()),
        None => e.to_string(),
    }
}

/// An open database. One per thread; several processes may share the file (WAL).
pub struct Store {
    conn: Connection,
    /// The SQLite file; empty for a server.
    path: PathBuf,
    /// The server's address and how to reach it, to connect again; never shown or logged.
    server: Option<String>,
    access: Access,
}

/// What a session to a team's server needs besides its address: the password the server asks
/// for (from the OS keyring), and the certificate authority that signed the server's
/// certificate when it is not one the public trusts (a business's own). Its `Debug` never
/// shows the password.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Access {
    pub password: Option<String>,
    pub ca_file: Option<PathBuf>,
}

impl std::fmt::Debug for Access {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Access")
            .field("password", &self.password.as_ref().map(|_| "…"))
            .field("ca_file", &self.ca_file)
            .finish()
    }
}

/// This computer: `localhost` or a loopback address, the only hosts plain connections may go to.
pub fn is_loopback_host(host: &str) -> bool {
    let host = host.trim().trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
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
        Store::open_existing(path).map_err(|e| cannot_open_why(path, e))
    }

    fn open_existing(path: &Path) -> Result<Store> {
        let conn = rusqlite::Connection::open_with_flags(
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
            conn: Connection::sqlite_from(conn),
            path: path.to_owned(),
            server: None,
            access: Access::default(),
        };
        store.migrate()?;
        Ok(store)
    }

    /// Opens `vypyska.sqlite3` in `dir` for reading only, for a data folder that cannot be
    /// written (a read-only mount, a backup disk): SQLite's immutable mode needs no lock, log or
    /// index file. Any write through it fails as read-only, in words. The file must already be of
    /// this version (a migration would need to write).
    pub fn open_read_only_in(dir: &Path) -> Result<Store> {
        let path = dir.join(DB_FILE);
        if !path.exists() {
            return Err(StoreError::Io {
                path,
                source: std::io::Error::from(std::io::ErrorKind::NotFound),
            });
        }
        let conn = rusqlite::Connection::open_with_flags(
            format!("file:{}?immutable=1", uri_path(&path)),
            OpenFlags::SQLITE_OPEN_READ_ONLY
                | OpenFlags::SQLITE_OPEN_URI
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        let store = Store {
            conn: Connection::sqlite_from(conn),
            path: path.clone(),
            server: None,
            access: Access::default(),
        };
        let found = store.schema_version()?;
        let supported = Store::supported_version();
        if found > supported {
            return Err(StoreError::TooNew { found, supported });
        }
        if found < supported {
            // Reading an older schema would need its upgrade, which is a write.
            return Err(StoreError::Io {
                path,
                source: std::io::Error::from(std::io::ErrorKind::ReadOnlyFilesystem),
            });
        }
        Ok(store)
    }

    /// The books on a PostgreSQL server (`postgres://user@host:port/database`): the schema is
    /// created on first use (by one desktop at a time); a schema newer than this program's is
    /// refused, as a newer file is.
    pub fn connect(url: &str) -> Result<Store> {
        Store::connect_with(url, None)
    }

    /// [`Store::connect`] with the password the server asks for (from the OS keyring).
    pub fn connect_with(url: &str, password: Option<&str>) -> Result<Store> {
        Store::connect_to(
            url,
            &Access {
                password: password.map(str::to_owned),
                ca_file: None,
            },
        )
    }

    /// [`Store::connect`] with what the server needs besides its address. To any host but this
    /// computer the session is encrypted (TLS, the server's certificate checked against the
    /// public authorities and `access.ca_file`); to this computer only when the address asks
    /// (`?sslmode=require`).
    pub fn connect_to(url: &str, access: &Access) -> Result<Store> {
        let conn = Connection::postgres(url, access)?;
        let store = Store {
            conn,
            path: PathBuf::new(),
            server: Some(url.to_owned()),
            access: access.clone(),
        };
        let tx = store.conn.begin_write()?;
        // One desktop creates the schema; another waits here and finds it made.
        tx.execute_batch("SELECT pg_advisory_xact_lock(hashtextextended('vypyska:schema', 0))")?;
        let made: bool = tx.query_row(
            "SELECT to_regclass('vypyska_schema') IS NOT NULL",
            [],
            |r| r.get(0),
        )?;
        if !made {
            tx.execute_batch(migrations::POSTGRES)?;
            tx.execute(
                "INSERT INTO vypyska_schema (version) VALUES (?1)",
                [migrations::POSTGRES_BASE],
            )?;
        }
        let found: u32 =
            tx.query_row("SELECT MAX(version) FROM vypyska_schema", [], |r| r.get(0))?;
        let stepped = made && found < Store::supported_version();
        for (version, step) in migrations::POSTGRES_STEPS {
            if *version > found {
                tx.execute_batch(step).map_err(|e| match e.trouble() {
                    Trouble::NotAllowed => StoreError::OwnerUpdates {
                        found,
                        supported: Store::supported_version(),
                    },
                    _ => e,
                })?;
                tx.execute("UPDATE vypyska_schema SET version = ?1", [*version])?;
            }
        }
        tx.commit()?;
        let (found, supported) = (store.schema_version()?, Store::supported_version());
        if found > supported {
            return Err(StoreError::TooNew { found, supported });
        }
        // A team's people keep their rights on what the steps just made.
        if stepped && store.has_parts()? {
            store.grant_parts()?;
        }
        Ok(store)
    }

    /// Makes an empty database `name` on the server at `server` (`postgres://user@host:port`,
    /// connected to its `postgres` database as an administrator).
    pub fn create_database(server: &str, name: &str) -> Result<()> {
        if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
            return Err(StoreError::Value(format!("not a database name: {name:?}")));
        }
        let server = server.trim().trim_end_matches('/');
        Connection::postgres(&format!("{server}/postgres"), &Access::default())?
            .execute_batch(&format!("CREATE DATABASE {name}"))
    }

    /// Removes the database `name` from the server at `server` (as [`Store::create_database`]).
    pub fn drop_database(server: &str, name: &str) -> Result<()> {
        if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
            return Err(StoreError::Value(format!("not a database name: {name:?}")));
        }
        let server = server.trim().trim_end_matches('/');
        Connection::postgres(&format!("{server}/postgres"), &Access::default())?
            .execute_batch(&format!("DROP DATABASE IF EXISTS {name}"))
    }

    /// A second connection to the same books (a new session of the same server, or the same
    /// file opened again): what a restart or another process sees.
    pub fn reopen(&self) -> Result<Store> {
        match &self.server {
            Some(url) => Store::connect_to(url, &self.access),
            None => Store::open(&self.path),
        }
    }

    /// A session that hears the team's server ring when another desktop commits a change (see
    /// [`db::Doorbell`]); none for a file, which only this computer changes.
    pub fn doorbell(&self) -> Result<Option<db::Doorbell>> {
        match &self.server {
            Some(url) => Ok(Some(db::Doorbell::open(url, &self.access)?)),
            None => Ok(None),
        }
    }

    /// Whether the books are on a team's server.
    pub fn on_server(&self) -> bool {
        self.server.is_some()
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// A write transaction that takes the write lock at once, so two processes never deadlock
    /// upgrading read locks; waits are covered by the busy timeout.
    pub fn write(&mut self) -> Result<Transaction<'_>> {
        self.conn.begin_write()
    }

    /// The schema version this program writes.
    pub fn supported_version() -> u32 {
        migrations::MIGRATIONS.len() as u32
    }

    pub fn schema_version(&self) -> Result<u32> {
        match self.conn.dialect() {
            db::Dialect::Sqlite => {
                Ok(self
                    .conn
                    .sqlite()?
                    .pragma_query_value(None, "user_version", |r| r.get(0))?)
            }
            db::Dialect::Postgres => {
                self.conn
                    .query_row("SELECT MAX(version) FROM vypyska_schema", [], |r| r.get(0))
            }
        }
    }

    /// Applies every pending migration in one transaction, or none. Foreign keys are off while
    /// they run, so that rebuilding a table (SQLite's way to change a constraint) cannot set off
    /// the actions of what refers to it (dropping the old `invoices` would delete its
    /// allocations); they are checked before the commit.
    pub(crate) fn migrate(&mut self) -> Result<()> {
        let supported = Store::supported_version();
        let found = self.schema_version()?;
        if found > supported {
            return Err(StoreError::TooNew { found, supported });
        }
        if found == supported {
            return Ok(());
        }
        self.conn
            .sqlite()?
            .pragma_update(None, "foreign_keys", "OFF")?;
        let applied = self.apply_migrations(supported);
        self.conn
            .sqlite()?
            .pragma_update(None, "foreign_keys", "ON")?;
        applied
    }

    fn apply_migrations(&mut self, supported: u32) -> Result<()> {
        let path = self.path.clone();
        let tx = self.write()?;
        // Read again under the write lock: another process may have upgraded meanwhile.
        let found: u32 = tx
            .sqlite()?
            .pragma_query_value(None, "user_version", |r| r.get(0))?;
        if found > supported {
            return Err(StoreError::TooNew { found, supported });
        }
        for (i, sql) in migrations::MIGRATIONS
            .iter()
            .enumerate()
            .skip(found as usize)
        {
            let version = i as u32 + 1;
            tx.execute_batch(sql)?;
            migrations::after(version, &tx)?;
            tx.sqlite()?.pragma_update(None, "user_version", version)?;
        }
        let broken: i64 =
            tx.query_row("SELECT COUNT(*) FROM pragma_foreign_key_check", [], |r| {
                r.get(0)
            })?;
        if broken > 0 {
            return Err(StoreError::Corrupt {
                path,
                detail: format!("{broken} rows refer to rows that do not exist after the upgrade"),
            });
        }
        tx.commit()?;
        Ok(())
    }
}

/// The tables, reached through a handle per table family from whatever can run a statement: a
/// [`Store`], a [`Connection`] or a transaction (which derefs to one): `store.invoices().all()`,
/// `tx.notices().insert(…)`. Each handle's methods are the only SQL of its tables.
pub trait Tables {
    fn connection(&self) -> &Connection;

    fn allocations(&self) -> allocations::Allocations<'_> {
        allocations::Allocations {
            conn: self.connection(),
        }
    }

    fn companies(&self) -> companies::Companies<'_> {
        companies::Companies {
            conn: self.connection(),
        }
    }

    fn categories(&self) -> categories::Categories<'_> {
        categories::Categories {
            conn: self.connection(),
        }
    }

    fn invoices(&self) -> invoices::Invoices<'_> {
        invoices::Invoices {
            conn: self.connection(),
        }
    }

    fn merchants(&self) -> merchants::Merchants<'_> {
        merchants::Merchants {
            conn: self.connection(),
        }
    }

    fn notices(&self) -> notices::Notices<'_> {
        notices::Notices {
            conn: self.connection(),
        }
    }

    fn runs(&self) -> runs::Runs<'_> {
        runs::Runs {
            conn: self.connection(),
        }
    }

    fn settings(&self) -> settings::SettingsTable<'_> {
        settings::SettingsTable {
            conn: self.connection(),
        }
    }

    fn statements(&self) -> query::Statements<'_> {
        query::Statements {
            conn: self.connection(),
        }
    }
}

impl Tables for Connection {
    fn connection(&self) -> &Connection {
        self
    }
}

impl Tables for Store {
    fn connection(&self) -> &Connection {
        &self.conn
    }
}

/// What only a write transaction offers: storing what the bank sent, all of a page or none.
pub trait Writes {
    fn ingest(&self) -> Ingest<'_>;
}

impl<'c> Writes for Transaction<'c> {
    fn ingest(&self) -> Ingest<'_> {
        Ingest { tx: self }
    }
}

/// The handles that change several rows in a transaction of their own.
impl Store {
    pub fn categories_mut(&mut self) -> categories::CategoriesMut<'_> {
        categories::CategoriesMut { store: self }
    }

    pub fn merchants_mut(&mut self) -> merchants::MerchantsMut<'_> {
        merchants::MerchantsMut { store: self }
    }

    pub fn settings_mut(&mut self) -> settings::SettingsTableMut<'_> {
        settings::SettingsTableMut { store: self }
    }
}

/// A path for an SQLite `file:` URI: the characters a URI gives meaning to, percent-encoded.
fn uri_path(path: &Path) -> String {
    let mut out = String::new();
    for c in path.to_string_lossy().chars() {
        match c {
            '%' | '?' | '#' | ' ' => out.push_str(&format!("%{:02X}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// Opens (creating it if needed) a lock file beside the database, for an OS lock that goes with
/// the process: the app's (`recovery::APP_LOCK`) and each sync's (`sync-<id>.lock`).
/// Readable by its owner only, like every other file of ours.
pub fn lock_file(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::File::options();
    options.create(true).truncate(false).write(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        options.mode(0o600);
        let file = options.open(path)?;
        // A lock file made by an older version (0644) is made private too.
        file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
        Ok(file)
    }
    #[cfg(not(unix))]
    options.open(path)
}

/// SQLite's "unable to open database file" does not say why; when the folder cannot be
/// written (read-only, no room), that is the answer, said as such.
fn cannot_open_why(path: &Path, e: StoreError) -> StoreError {
    let cannot_open = matches!(&e, StoreError::Sqlite(s)
        if s.sqlite_error_code() == Some(rusqlite::ErrorCode::CannotOpen));
    let Some(dir) = path.parent().filter(|_| cannot_open) else {
        return e;
    };
    let probe = dir.join(".vypyska-write-check");
    match std::fs::write(&probe, b"") {
        Ok(()) => {
            let _ = std::fs::remove_file(&probe);
            e
        }
        Err(source) => StoreError::Io {
            path: dir.to_owned(),
            source,
        },
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

/// A name as stored for comparing: names are unique ignoring case (Unicode, not only ASCII).
pub fn name_key(name: &str) -> String {
    name.trim().to_lowercase()
}

#[cfg(test)]
mod tests;
