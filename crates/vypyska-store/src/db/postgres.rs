//! The PostgreSQL side of a [`Connection`](super::Connection): one session to the team's server,
//! held by a thread of its own. The synchronous client runs its own small runtime, which may not
//! be started from inside the app's; so every call is sent to that thread and its answer waited
//! for, as an SQLite call waits on the file. Values travel as SQLite values (`Value`): a
//! parameter is encoded for the type the server asks for, a column read as the value it
//! stands for (a boolean as 0 or 1, a `numeric` sum as a whole number or its text).

use std::collections::{BTreeSet, HashMap};
use std::error::Error as StdError;
use std::sync::mpsc;
use std::time::Duration;

use postgres::fallible_iterator::FallibleIterator;
use postgres::types::{IsNull, ToSql as PgToSql, Type};
use rusqlite::types::Value;

use crate::{Result, StoreError};

type Job = Box<dyn FnOnce(&mut Worker) + Send>;

/// A session to the server, and the statements it has prepared.
struct Worker {
    client: postgres::Client,
    prepared: HashMap<String, postgres::Statement>,
    reach: Reach,
    /// A call found the session ended: the next one opens it again.
    lost: bool,
}

/// Whether an error means the session is gone (the server ended it, or the connection broke).
fn session_lost(e: &postgres::Error) -> bool {
    use postgres::error::SqlState;
    e.is_closed()
        || e.code().is_some_and(|c| {
            *c == SqlState::ADMIN_SHUTDOWN
                || *c == SqlState::CRASH_SHUTDOWN
                || c.code().starts_with("08")
        })
}

impl Worker {
    fn statement(&mut self, sql: &str) -> Result<postgres::Statement, postgres::Error> {
        if let Some(s) = self.prepared.get(sql) {
            return Ok(s.clone());
        }
        let s = self.client.prepare(sql)?;
        self.prepared.insert(sql.to_owned(), s.clone());
        Ok(s)
    }
}

/// How a session reaches the server at `url`: its settings, and whether it is encrypted.
#[derive(Clone)]
struct Reach {
    config: postgres::Config,
    tls: Option<tokio_postgres_rustls::MakeRustlsConnect>,
}

impl Reach {
    /// To any host but this computer the session is encrypted, whatever the address says short
    /// of refusing it (`sslmode=disable` or `prefer` to another host is refused); to this
    /// computer it is plain unless the address asks for TLS (`sslmode=require`). An encrypted
    /// session checks the server's certificate and its host name, always.
    fn new(url: &str, access: &crate::Access) -> Result<Reach> {
        use postgres::config::{Host, SslMode};
        let mut config: postgres::Config = url.parse().map_err(StoreError::Postgres)?;
        if let Some(p) = &access.password {
            config.password(p);
        }
        // A desktop whose network went away is noticed, and its session (and locks) end.
        config.keepalives(true);
        config.keepalives_idle(Duration::from_secs(30));
        config.connect_timeout(Duration::from_secs(10));
        let remote = config.get_hosts().iter().find_map(|h| match h {
            Host::Tcp(name) if !crate::is_loopback_host(name) => Some(name.clone()),
            _ => None,
        });
        if !url.contains("sslmode=") {
            config.ssl_mode(match remote {
                Some(_) => SslMode::Require,
                None => SslMode::Disable,
            });
        }
        if let Some(host) = remote {
            if config.get_ssl_mode() != SslMode::Require {
                return Err(StoreError::PlainToRemote(host));
            }
        }
        let tls = match config.get_ssl_mode() {
            SslMode::Disable => None,
            _ => Some(tokio_postgres_rustls::MakeRustlsConnect::new(tls_config(
                access.ca_file.as_deref(),
            )?)),
        };
        Ok(Reach { config, tls })
    }

    fn connect(&self) -> Result<postgres::Client, postgres::Error> {
        match &self.tls {
            Some(tls) => self.config.connect(tls.clone()),
            None => self.config.connect(postgres::NoTls),
        }
    }
}

/// TLS as the bank client has it (rustls with ring): the public authorities, and the
/// business's own when its file is given.
fn tls_config(ca_file: Option<&std::path::Path>) -> Result<rustls::ClientConfig> {
    use rustls::pki_types::pem::PemObject;
    use rustls::pki_types::CertificateDer;
    let mut roots = rustls::RootCertStore {
        roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
    };
    if let Some(path) = ca_file {
        let unreadable = |detail: String| StoreError::CaFile {
            path: path.to_owned(),
            detail,
        };
        let mut added = 0;
        for cert in CertificateDer::pem_file_iter(path).map_err(|e| unreadable(e.to_string()))? {
            let cert = cert.map_err(|e| unreadable(e.to_string()))?;
            roots.add(cert).map_err(|e| unreadable(e.to_string()))?;
            added += 1;
        }
        if added == 0 {
            return Err(unreadable("no certificate in it".into()));
        }
    }
    let provider = std::sync::Arc::new(rustls::crypto::ring::default_provider());
    Ok(rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| StoreError::Value(e.to_string()))?
        .with_root_certificates(roots)
        .with_no_client_auth())
}

/// The channel the books' changes ring on (the schema's `vypyska_ring`), with the table's name.
const CHANNEL: &str = "vypyska";

/// A session of its own that hears the server ring when another desktop commits a change to
/// what the screens show. It blocks: use it from a thread of its own, never inside an async
/// runtime.
pub struct Doorbell {
    client: postgres::Client,
}

impl Doorbell {
    pub(crate) fn open(url: &str, access: &crate::Access) -> Result<Doorbell> {
        let mut client = Reach::new(url, access)?
            .connect()
            .map_err(StoreError::Postgres)?;
        client
            .batch_execute(&format!("LISTEN {CHANNEL}"))
            .map_err(StoreError::Postgres)?;
        Ok(Doorbell { client })
    }

    /// Waits up to `timeout` for a ring; the tables that changed (none when it timed out). An
    /// error means the session is gone: open another, and catch up on what was missed.
    pub fn wait(&mut self, timeout: Duration) -> Result<BTreeSet<String>> {
        let mut tables = BTreeSet::new();
        let mut rings = self.client.notifications();
        let first = rings.timeout_iter(timeout).next();
        if let Some(ring) = first.map_err(StoreError::Postgres)? {
            tables.insert(ring.payload().to_owned());
            // What rang meanwhile, without waiting.
            let mut pending = rings.iter();
            while let Some(ring) = pending.next().map_err(StoreError::Postgres)? {
                tables.insert(ring.payload().to_owned());
            }
        }
        drop(rings);
        if self.client.is_closed() {
            return Err(StoreError::Gone);
        }
        Ok(tables)
    }
}

/// The handle the store's calls go through; the session ends when the last one is dropped
/// (a clone sends to the same session).
#[derive(Clone)]
pub(crate) struct Pg {
    jobs: mpsc::Sender<Job>,
}

impl Pg {
    /// Connects to `url` (`postgres://user@host:port/db`) on a thread of its own.
    pub(crate) fn connect(url: &str, access: &crate::Access) -> Result<Pg> {
        let reach = Reach::new(url, access)?;
        let (ready, connected) = mpsc::sync_channel(1);
        std::thread::Builder::new()
            .name("vypyska-postgres".into())
            .spawn(move || {
                let client = match reach.connect() {
                    Ok(client) => client,
                    Err(e) => {
                        let _ = ready.send(Err(e));
                        return;
                    }
                };
                let (jobs, queue) = mpsc::channel::<Job>();
                if ready.send(Ok(jobs)).is_err() {
                    return;
                }
                let mut worker = Worker {
                    client,
                    prepared: HashMap::new(),
                    reach,
                    lost: false,
                };
                for job in queue {
                    // A session the server ended (a restart, a cut connection) is opened
                    // again for the next call; the call that found it ended failed, and with
                    // it its transaction, which is never replayed.
                    if worker.lost || worker.client.is_closed() {
                        if let Ok(client) = worker.reach.connect() {
                            worker.client = client;
                            worker.prepared.clear();
                            worker.lost = false;
                        }
                    }
                    job(&mut worker);
                }
            })
            .map_err(|source| StoreError::Io {
                path: "postgres".into(),
                source,
            })?;
        let jobs = connected
            .recv()
            .map_err(|_| StoreError::Gone)?
            .map_err(StoreError::Postgres)?;
        Ok(Pg { jobs })
    }

    /// Runs `f` on the session's thread and waits for its answer.
    fn call<R: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Worker) -> Result<R, postgres::Error> + Send + 'static,
    ) -> Result<R> {
        let (answer, answered) = mpsc::sync_channel(1);
        self.jobs
            .send(Box::new(move |w| {
                let result = f(w);
                if let Err(e) = &result {
                    w.lost |= session_lost(e);
                }
                let _ = answer.send(result);
            }))
            .map_err(|_| StoreError::Gone)?;
        answered
            .recv()
            .map_err(|_| StoreError::Gone)?
            .map_err(StoreError::Postgres)
    }

    pub(crate) fn batch(&self, sql: &str) -> Result<()> {
        let sql = sql.to_owned();
        self.call(move |w| w.client.batch_execute(&sql))
    }

    pub(crate) fn execute(&self, sql: &str, params: Vec<Value>) -> Result<usize> {
        self.run(sql, params, |client, statement, params| {
            client.execute(statement, params)
        })
        .map(|n| n as usize)
    }

    /// Every row of a query, each as its values.
    pub(crate) fn query(&self, sql: &str, params: Vec<Value>) -> Result<Vec<Vec<Value>>> {
        let rows = self.run(sql, params, |client, statement, params| {
            client.query(statement, params)
        })?;
        rows.iter().map(values).collect()
    }

    /// Prepares `sql` (once per session) and runs it with `params` through `f`.
    fn run<R: Send + 'static>(
        &self,
        sql: &str,
        params: Vec<Value>,
        f: impl FnOnce(
                &mut postgres::Client,
                &postgres::Statement,
                &[&(dyn PgToSql + Sync)],
            ) -> Result<R, postgres::Error>
            + Send
            + 'static,
    ) -> Result<R> {
        let sql = placeholders(sql);
        self.call(move |w| {
            let statement = w.statement(&sql)?;
            let params: Vec<Param> = params.into_iter().map(Param).collect();
            let refs: Vec<&(dyn PgToSql + Sync)> =
                params.iter().map(|p| p as &(dyn PgToSql + Sync)).collect();
            f(&mut w.client, &statement, &refs)
        })
    }
}

/// SQLite's numbered placeholders (`?1`) as PostgreSQL's (`$1`); a bare `?` takes the number
/// after the largest so far, as in SQLite. Text in quotes is left alone.
pub(crate) fn placeholders(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 8);
    let mut chars = sql.chars().peekable();
    let (mut quoted, mut next) = (false, 1);
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                quoted = !quoted;
                out.push(c);
            }
            '?' if !quoted => {
                out.push('$');
                if chars.peek().is_some_and(char::is_ascii_digit) {
                    let mut n = String::new();
                    while let Some(d) = chars.next_if(char::is_ascii_digit) {
                        n.push(d);
                    }
                    next = next.max(n.parse::<usize>().unwrap_or(0) + 1);
                    out.push_str(&n);
                } else {
                    out.push_str(&next.to_string());
                    next += 1;
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// A parameter, encoded for the type the server gives its place.
#[derive(Debug)]
struct Param(Value);

type Encoded = std::result::Result<IsNull, Box<dyn StdError + Sync + Send>>;

impl PgToSql for Param {
    fn to_sql(&self, ty: &Type, out: &mut bytes::BytesMut) -> Encoded {
        let wrong = || -> Encoded { Err(format!("{:?} for a {ty} parameter", self.0).into()) };
        match &self.0 {
            Value::Null => Ok(IsNull::Yes),
            Value::Integer(i) => match *ty {
                Type::INT8 => i.to_sql(ty, out),
                Type::INT4 => i32::try_from(*i)?.to_sql(ty, out),
                Type::INT2 => i16::try_from(*i)?.to_sql(ty, out),
                Type::BOOL => (*i != 0).to_sql(ty, out),
                Type::FLOAT8 => (*i as f64).to_sql(ty, out),
                Type::NUMERIC => rust_decimal::Decimal::from(*i).to_sql(ty, out),
                Type::TEXT | Type::VARCHAR => i.to_string().to_sql(ty, out),
                _ => wrong(),
            },
            Value::Real(f) => match *ty {
                Type::FLOAT8 => f.to_sql(ty, out),
                Type::FLOAT4 => (*f as f32).to_sql(ty, out),
                _ => wrong(),
            },
            Value::Text(s) => match *ty {
                Type::TEXT | Type::VARCHAR | Type::BPCHAR | Type::NAME | Type::UNKNOWN => {
                    s.as_str().to_sql(ty, out)
                }
                _ => wrong(),
            },
            Value::Blob(b) => match *ty {
                Type::BYTEA => b.as_slice().to_sql(ty, out),
                _ => wrong(),
            },
        }
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    postgres::types::to_sql_checked!();
}

/// A row's columns as the values they stand for.
fn values(row: &postgres::Row) -> Result<Vec<Value>> {
    (0..row.len())
        .map(|i| {
            let ty = row.columns()[i].type_().clone();
            let got = |e: postgres::Error| StoreError::Postgres(e);
            Ok(match ty {
                Type::INT8 => row
                    .try_get::<_, Option<i64>>(i)
                    .map_err(got)?
                    .map(Value::Integer),
                Type::INT4 => row
                    .try_get::<_, Option<i32>>(i)
                    .map_err(got)?
                    .map(|v| Value::Integer(v.into())),
                Type::INT2 => row
                    .try_get::<_, Option<i16>>(i)
                    .map_err(got)?
                    .map(|v| Value::Integer(v.into())),
                Type::BOOL => row
                    .try_get::<_, Option<bool>>(i)
                    .map_err(got)?
                    .map(|v| Value::Integer(v.into())),
                Type::FLOAT8 => row
                    .try_get::<_, Option<f64>>(i)
                    .map_err(got)?
                    .map(Value::Real),
                Type::FLOAT4 => row
                    .try_get::<_, Option<f32>>(i)
                    .map_err(got)?
                    .map(|v| Value::Real(v.into())),
                // Sums of whole numbers come back as `numeric`.
                Type::NUMERIC => row
                    .try_get::<_, Option<rust_decimal::Decimal>>(i)
                    .map_err(got)?
                    .map(|d| match i64::try_from(d) {
                        Ok(n) if d.fract().is_zero() => Value::Integer(n),
                        _ => Value::Text(d.to_string()),
                    }),
                Type::BYTEA => row
                    .try_get::<_, Option<Vec<u8>>>(i)
                    .map_err(got)?
                    .map(Value::Blob),
                _ => row
                    .try_get::<_, Option<String>>(i)
                    .map_err(got)?
                    .map(Value::Text),
            }
            .unwrap_or(Value::Null))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::placeholders;

    #[test]
    fn placeholders_are_numbered_as_postgresql_numbers_them() {
        assert_eq!(
            placeholders("SELECT ?1, ?2 WHERE a = ?1 AND b = '?' AND c = ?"),
            "SELECT $1, $2 WHERE a = $1 AND b = '?' AND c = $3"
        );
        assert_eq!(placeholders("VALUES (?, ?)"), "VALUES ($1, $2)");
    }
}
