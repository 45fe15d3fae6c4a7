//! The connection the handles run their SQL on, whichever engine holds the books. Today that is
//! the SQLite file; team mode puts PostgreSQL behind the same calls. The calls keep rusqlite's
//! shape (`execute`, `query_row`, `prepare_cached(…).query_map`, `params!`, `optional()`), and
//! values go in and come out through rusqlite's `ToSql`/`FromSql` (a PostgreSQL value is read
//! as the SQLite value it stands for), so a handle reads the same for both engines. What only
//! SQLite has (pragmas, the backup API, `quick_check`) is reached through
//! [`Connection::sqlite`], and only by the parts that are SQLite's by nature (migrations of the
//! file, backups, recovery).

use std::ops::Deref;

pub use rusqlite::types::{FromSql, Value};
pub use rusqlite::{params, ToSql};

use crate::{Result, StoreError};

mod postgres;
pub use postgres::Doorbell;

/// Which engine a connection talks to, for the few statements each says its own way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Sqlite,
    Postgres,
}

impl Dialect {
    /// The values of `expr` over a group, joined by `separator` (an SQL expression).
    pub fn joined(self, expr: &str, separator: &str) -> String {
        match self {
            Dialect::Sqlite => format!("group_concat({expr}, {separator})"),
            Dialect::Postgres => format!("string_agg({expr}, {separator})"),
        }
    }
}

enum Backend {
    Sqlite(rusqlite::Connection),
    Postgres(postgres::Pg),
}

/// An open connection to the books.
pub struct Connection {
    backend: Backend,
}

/// The values bound to a statement, as SQLite values.
fn owned(params: &dyn Params) -> Result<Vec<Value>> {
    params
        .values()
        .into_iter()
        .map(|v| {
            Ok(match v.to_sql()? {
                rusqlite::types::ToSqlOutput::Borrowed(r) => r.into(),
                rusqlite::types::ToSqlOutput::Owned(v) => v,
                other => {
                    return Err(StoreError::Value(format!("cannot send {other:?}")));
                }
            })
        })
        .collect()
}

impl Connection {
    pub(crate) fn sqlite_from(sqlite: rusqlite::Connection) -> Connection {
        Connection {
            backend: Backend::Sqlite(sqlite),
        }
    }

    /// A session to a PostgreSQL server.
    pub(crate) fn postgres(url: &str, access: &crate::Access) -> Result<Connection> {
        Ok(Connection {
            backend: Backend::Postgres(postgres::Pg::connect(url, access)?),
        })
    }

    pub fn dialect(&self) -> Dialect {
        match self.backend {
            Backend::Sqlite(_) => Dialect::Sqlite,
            Backend::Postgres(_) => Dialect::Postgres,
        }
    }

    /// The SQLite connection underneath, for what only SQLite has (the file's pragmas, its
    /// backups); refused on a server.
    pub fn sqlite(&self) -> Result<&rusqlite::Connection> {
        match &self.backend {
            Backend::Sqlite(c) => Ok(c),
            Backend::Postgres(_) => Err(StoreError::SqliteOnly),
        }
    }

    pub(crate) fn sqlite_mut(&mut self) -> Result<&mut rusqlite::Connection> {
        match &mut self.backend {
            Backend::Sqlite(c) => Ok(c),
            Backend::Postgres(_) => Err(StoreError::SqliteOnly),
        }
    }

    /// Runs one statement; how many rows it changed.
    pub fn execute<P: Params>(&self, sql: &str, params: P) -> Result<usize> {
        match &self.backend {
            Backend::Sqlite(c) => Ok(c.execute(sql, rusqlite::params_from_iter(params.values()))?),
            Backend::Postgres(pg) => pg.execute(sql, owned(&params)?),
        }
    }

    /// Runs statements without parameters, one after another.
    pub fn execute_batch(&self, sql: &str) -> Result<()> {
        match &self.backend {
            Backend::Sqlite(c) => Ok(c.execute_batch(sql)?),
            Backend::Postgres(pg) => pg.batch(sql),
        }
    }

    /// The first row of a query, read by `f`; [`StoreError::NoRows`] when there is none.
    pub fn query_row<T, P, F>(&self, sql: &str, params: P, f: F) -> Result<T>
    where
        P: Params,
        F: FnOnce(&Row<'_>) -> Result<T>,
    {
        self.prepare(sql)?.query_row(params, f)
    }

    pub fn prepare(&self, sql: &str) -> Result<Statement<'_>> {
        Ok(Statement {
            inner: match &self.backend {
                Backend::Sqlite(c) => Prepared::Plain(c.prepare(sql)?),
                Backend::Postgres(pg) => Prepared::Postgres(pg, sql.to_owned()),
            },
        })
    }

    /// A statement kept prepared for the next time the same SQL is asked for.
    pub fn prepare_cached(&self, sql: &str) -> Result<Statement<'_>> {
        Ok(Statement {
            inner: match &self.backend {
                Backend::Sqlite(c) => Prepared::Cached(c.prepare_cached(sql)?),
                // The server's session keeps every statement it prepared.
                Backend::Postgres(pg) => Prepared::Postgres(pg, sql.to_owned()),
            },
        })
    }

    /// Takes the server-wide lock `name` for this session, unless another session holds it
    /// (`None`). It is given back when the guard is dropped, or when the session ends however
    /// it ends (a desktop killed, its network gone). Servers only.
    pub fn try_server_lock(&self, name: &str) -> Result<Option<ServerLock>> {
        let Backend::Postgres(pg) = &self.backend else {
            return Err(StoreError::Value("a server lock on a file".into()));
        };
        let taken: bool = self.query_row(
            "SELECT pg_try_advisory_lock(hashtextextended(?1, 0))",
            [name],
            |r| r.get(0),
        )?;
        Ok(taken.then(|| ServerLock {
            pg: pg.clone(),
            name: name.to_owned(),
        }))
    }

    /// Begins a transaction for writing: on SQLite one that takes the write lock at once
    /// (`IMMEDIATE`), so two processes never deadlock upgrading read locks.
    pub(crate) fn begin_write(&self) -> Result<Transaction<'_>> {
        self.execute_batch(match self.dialect() {
            Dialect::Sqlite => "BEGIN IMMEDIATE",
            Dialect::Postgres => "BEGIN",
        })?;
        Ok(Transaction {
            conn: self,
            open: true,
        })
    }
}

enum Prepared<'c> {
    Plain(rusqlite::Statement<'c>),
    Cached(rusqlite::CachedStatement<'c>),
    Postgres(&'c postgres::Pg, String),
}

/// A lock every session of the server sees (`Connection::try_server_lock`).
pub struct ServerLock {
    pg: postgres::Pg,
    name: String,
}

impl Drop for ServerLock {
    fn drop(&mut self) {
        let _ = self.pg.execute(
            "SELECT pg_advisory_unlock(hashtextextended(?1, 0))",
            vec![Value::Text(std::mem::take(&mut self.name))],
        );
    }
}

/// A prepared statement.
pub struct Statement<'c> {
    inner: Prepared<'c>,
}

/// Which engine runs a statement: SQLite's prepared statement, or a server's SQL.
enum Engine<'s, 'c> {
    Sqlite(&'s mut rusqlite::Statement<'c>),
    Server(&'s postgres::Pg, &'s str),
}

impl<'c> Statement<'c> {
    fn engine(&mut self) -> Engine<'_, 'c> {
        match &mut self.inner {
            Prepared::Plain(s) => Engine::Sqlite(s),
            Prepared::Cached(s) => Engine::Sqlite(s),
            Prepared::Postgres(pg, sql) => Engine::Server(pg, sql),
        }
    }

    pub fn execute<P: Params>(&mut self, params: P) -> Result<usize> {
        match self.engine() {
            Engine::Sqlite(s) => Ok(s.execute(rusqlite::params_from_iter(params.values()))?),
            Engine::Server(pg, sql) => pg.execute(sql, owned(&params)?),
        }
    }

    /// Every row, each read by `f`.
    pub fn query_map<'s, T, P, F>(
        &'s mut self,
        params: P,
        mut f: F,
    ) -> Result<Box<dyn Iterator<Item = Result<T>> + 's>>
    where
        P: Params,
        F: FnMut(&Row<'_>) -> Result<T> + 's,
        T: 's,
    {
        match self.engine() {
            Engine::Server(pg, sql) => {
                let rows = pg.query(sql, owned(&params)?)?;
                Ok(Box::new(
                    rows.into_iter().map(move |r| f(&Row(RowOf::Values(&r)))),
                ))
            }
            Engine::Sqlite(s) => {
                let rows = s.query_map(rusqlite::params_from_iter(params.values()), move |r| {
                    Ok(f(&Row(RowOf::Sqlite(r))))
                })?;
                Ok(Box::new(rows.map(|row| {
                    row.map_err(StoreError::from).and_then(|read| read)
                })))
            }
        }
    }

    /// The rows, one at a time (`while let Some(r) = rows.next()?`).
    pub fn query<P: Params>(&mut self, params: P) -> Result<Rows<'_>> {
        Ok(Rows(match self.engine() {
            Engine::Server(pg, sql) => {
                RowsOf::Values(pg.query(sql, owned(&params)?)?.into_iter(), None)
            }
            Engine::Sqlite(s) => {
                RowsOf::Sqlite(s.query(rusqlite::params_from_iter(params.values()))?)
            }
        }))
    }

    /// The first row, read by `f`; [`StoreError::NoRows`] when there is none.
    pub fn query_row<T, P, F>(&mut self, params: P, f: F) -> Result<T>
    where
        P: Params,
        F: FnOnce(&Row<'_>) -> Result<T>,
    {
        let mut rows = self.query(params)?;
        match rows.next()? {
            Some(r) => f(&r),
            None => Err(StoreError::NoRows),
        }
    }
}

enum RowsOf<'s> {
    Sqlite(rusqlite::Rows<'s>),
    Values(std::vec::IntoIter<Vec<Value>>, Option<Vec<Value>>),
}

/// A query's rows, read one at a time.
pub struct Rows<'s>(RowsOf<'s>);

impl Rows<'_> {
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> Result<Option<Row<'_>>> {
        match &mut self.0 {
            RowsOf::Sqlite(rows) => Ok(rows.next()?.map(|r| Row(RowOf::Sqlite(r)))),
            RowsOf::Values(rest, current) => {
                *current = rest.next();
                Ok(current.as_deref().map(|r| Row(RowOf::Values(r))))
            }
        }
    }
}

enum RowOf<'r> {
    Sqlite(&'r rusqlite::Row<'r>),
    Values(&'r [Value]),
}

/// One row of a query's result.
pub struct Row<'r>(RowOf<'r>);

impl Row<'_> {
    /// The value of column `idx` (from 0) as `T`.
    pub fn get<I: ColumnIndex, T: FromSql>(&self, idx: I) -> Result<T> {
        let i = idx.index();
        match &self.0 {
            RowOf::Sqlite(r) => Ok(r.get(i)?),
            RowOf::Values(values) => {
                let value = values.get(i).ok_or_else(|| {
                    StoreError::Value(format!("no column {i} of {}", values.len()))
                })?;
                T::column_result(value.into())
                    .map_err(|e| StoreError::Value(format!("column {i}: {e}")))
            }
        }
    }
}

/// Which column of a row: its place, from 0.
pub trait ColumnIndex {
    fn index(self) -> usize;
}

impl ColumnIndex for usize {
    fn index(self) -> usize {
        self
    }
}

/// A transaction on a [`Connection`], which it derefs to: committed by [`Transaction::commit`],
/// rolled back when dropped without it.
pub struct Transaction<'c> {
    conn: &'c Connection,
    open: bool,
}

impl Transaction<'_> {
    pub fn commit(mut self) -> Result<()> {
        self.open = false;
        if let Err(e) = self.conn.execute_batch("COMMIT") {
            // A commit that failed (the disk filled) leaves nothing half done.
            let _ = self.conn.execute_batch("ROLLBACK");
            return Err(e);
        }
        Ok(())
    }
}

impl Deref for Transaction<'_> {
    type Target = Connection;

    fn deref(&self) -> &Connection {
        self.conn
    }
}

impl Drop for Transaction<'_> {
    fn drop(&mut self) {
        if self.open {
            let _ = self.conn.execute_batch("ROLLBACK");
        }
    }
}

/// What a statement's `?1, ?2, …` are bound to: an array of values of one type, a list of
/// values of any types (`params![…]`), or [`params_from_iter`].
pub trait Params {
    fn values(&self) -> Vec<&dyn ToSql>;
}

impl Params for [&dyn ToSql; 0] {
    fn values(&self) -> Vec<&dyn ToSql> {
        Vec::new()
    }
}

macro_rules! array_params {
    ($($n:literal)*) => {$(
        impl<T: ToSql> Params for [T; $n] {
            fn values(&self) -> Vec<&dyn ToSql> {
                self.iter().map(|v| v as &dyn ToSql).collect()
            }
        }
    )*};
}
array_params!(1 2 3 4 5 6 7 8 9 10 11 12);

impl Params for &[&dyn ToSql] {
    fn values(&self) -> Vec<&dyn ToSql> {
        self.to_vec()
    }
}

impl<const N: usize> Params for &[&dyn ToSql; N] {
    fn values(&self) -> Vec<&dyn ToSql> {
        self.to_vec()
    }
}

/// Values from a list built at run time.
pub struct ParamsFromIter<T>(Vec<T>);

pub fn params_from_iter<T: ToSql>(values: impl IntoIterator<Item = T>) -> ParamsFromIter<T> {
    ParamsFromIter(values.into_iter().collect())
}

impl<T: ToSql> Params for ParamsFromIter<T> {
    fn values(&self) -> Vec<&dyn ToSql> {
        self.0.iter().map(|v| v as &dyn ToSql).collect()
    }
}

/// `query_row(…).optional()`: no row is `None`, not an error.
pub trait OptionalExtension<T> {
    fn optional(self) -> Result<Option<T>>;
}

impl<T> OptionalExtension<T> for Result<T> {
    fn optional(self) -> Result<Option<T>> {
        match self {
            Ok(v) => Ok(Some(v)),
            Err(StoreError::NoRows) => Ok(None),
            Err(e) => Err(e),
        }
    }
}
