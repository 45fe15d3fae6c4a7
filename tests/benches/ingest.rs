//! Ingest and sync benchmarks (`cargo bench -p vypyska-tests --bench ingest`).
//!
//! 1. parse + store: 100,000 simulator rows as 500-row pages, parsed and upserted page by page
//!    into a fresh database (indices and full-text search included);
//! 2. the raw rusqlite insert rate of the same rows into a bare table, for the ratio;
//! 3. a full sync of 100,000 transactions from the local simulator (limit 500, no pause); with
//!    `VYPYSKA_BENCH_POSTGRES=postgres://user@host:port`, also into a new database of that
//!    server (team mode), and the ratio of the two.
//!
//! Secrets are kept in memory here: the keyring is not what is measured.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use vypyska_core::store::Writes;

use chrono::NaiveDate;
use privat24::{Client, ClientConfig, Credentials, RetryPolicy, Token};
use privat24_sim::{SimConfig, SimServer};
use vypyska_core::merchants::{self, NewMerchant};
use vypyska_core::secrets::{SecretError, SecretStore};
use vypyska_core::store::db::params;
use vypyska_core::sync::{SyncEvent, SyncOptions, Syncer};
use vypyska_core::{Lang, Store, SystemClock};

const ROWS: usize = 100_000;
const PAGE: usize = 500;
const RUNS: usize = 3;

#[derive(Default)]
struct MemorySecrets(Mutex<HashMap<String, Credentials>>);

impl SecretStore for MemorySecrets {
    fn save(&self, r: &str, c: &Credentials) -> Result<(), SecretError> {
        self.0.lock().unwrap().insert(r.into(), c.clone());
        Ok(())
    }
    fn load(&self, r: &str) -> Result<Credentials, SecretError> {
        self.0
            .lock()
            .unwrap()
            .get(r)
            .cloned()
            .ok_or(SecretError::Missing)
    }
    fn delete(&self, r: &str) -> Result<(), SecretError> {
        self.0.lock().unwrap().remove(r);
        Ok(())
    }
}

fn config() -> SimConfig {
    SimConfig {
        seed: 11,
        accounts: 1,
        transactions_per_account: ROWS,
        days: 365,
        today: NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
        token: "bench".into(),
        client_id: None,
    }
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn rate(rows: usize, d: Duration) -> String {
    format!(
        "{:>9.0} rows/s ({:.3} s)",
        rows as f64 / d.as_secs_f64(),
        d.as_secs_f64()
    )
}

fn bench_parse_only(bodies: &[String]) -> Duration {
    let start = Instant::now();
    let n: usize = bodies
        .iter()
        .map(|b| privat24::parse_transactions_page(b).unwrap().items.len())
        .sum();
    assert_eq!(n, ROWS);
    start.elapsed()
}

fn bench_parse_and_store(bodies: &[String]) -> Duration {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_in(dir.path()).unwrap();
    store
        .conn()
        .execute(
            "INSERT INTO merchants (id, name, name_key, account, currency, secret_ref, sync_from, created_at)
             VALUES (1, 'b', 'b', 'UA', 'UAH', 'x', '2026-01-01', 'now')",
            [],
        )
        .unwrap();
    if let Ok(sql) = std::env::var("EXPERIMENT") {
        store.conn().execute_batch(&sql).unwrap();
    }
    let start = Instant::now();
    let mut n = 0;
    for body in bodies {
        let page = privat24::parse_transactions_page(body).unwrap();
        let tx = store.write().unwrap();
        n += tx
            .ingest()
            .upsert_transactions(1, "UA", &page.items, "now")
            .unwrap()
            .new;
        tx.commit().unwrap();
    }
    let elapsed = start.elapsed();
    assert_eq!(n, ROWS);
    elapsed
}

fn bench_raw_insert(bodies: &[String]) -> Duration {
    let rows: Vec<_> = bodies
        .iter()
        .flat_map(|b| privat24::parse_transactions_page(b).unwrap().items)
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let mut conn = rusqlite::Connection::open(dir.path().join("raw.sqlite3")).unwrap();
    conn.pragma_update(None, "journal_mode", "WAL").unwrap();
    conn.pragma_update(None, "synchronous", "NORMAL").unwrap();
    conn.execute_batch(
        "CREATE TABLE t (account TEXT, key TEXT, direction TEXT, state TEXT, amount TEXT,
             currency TEXT, value_date TEXT, posted_at TEXT, purpose TEXT, counterparty TEXT,
             raw TEXT)",
    )
    .unwrap();
    let start = Instant::now();
    for chunk in rows.chunks(PAGE) {
        let tx = conn.transaction().unwrap();
        {
            let mut stmt = tx
                .prepare_cached(
                    "INSERT INTO t VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                )
                .unwrap();
            for t in chunk {
                stmt.execute(params![
                    t.account,
                    t.key,
                    t.direction.as_str(),
                    t.state.as_str(),
                    t.amount.to_string(),
                    t.currency,
                    t.value_date.to_string(),
                    t.posted_at.to_rfc3339(),
                    t.purpose,
                    t.counterparty.name,
                    t.raw
                ])
                .unwrap();
            }
        }
        tx.commit().unwrap();
    }
    start.elapsed()
}

async fn bench_full_sync(sim: &SimServer, server: Option<&str>) -> Duration {
    let dir = tempfile::tempdir().unwrap();
    let secrets = Arc::new(MemorySecrets::default());
    let client = Client::new(ClientConfig {
        base_url: sim.url(),
        page_limit: 500,
        page_pause: Duration::ZERO,
        retry: RetryPolicy::default(),
        ..ClientConfig::default()
    })
    .unwrap();
    let mut store = match server {
        Some(server) => Store::connect(&vypyska_tests::new_database(server)).unwrap(),
        None => Store::open_in(dir.path()).unwrap(),
    };
    let account = sim.bank().accounts()[0].clone();
    merchants::add(
        &mut store,
        secrets.as_ref(),
        &client,
        &SystemClock,
        NewMerchant {
            name: "bench".into(),
            account: account.iban,
            currency: account.currency,
            client_id: None,
            token: Token::new("bench"),
            sync_from: Some(NaiveDate::from_ymd_opt(2025, 11, 1).unwrap()),
            company: None,
        },
    )
    .await
    .unwrap();
    let mut syncer = Syncer {
        store,
        client,
        secrets,
        clock: Arc::new(SystemClock),
        lock_dir: dir.path().to_owned(),
        lang: Lang::En,
    };
    let start = Instant::now();
    let outcomes = syncer
        .run(&SyncOptions::default(), &mut |_: &SyncEvent| {})
        .await
        .unwrap();
    let elapsed = start.elapsed();
    assert_eq!(outcomes[0].result.as_ref().unwrap().new, ROWS);
    elapsed
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let sim = runtime.block_on(SimServer::start(config())).unwrap();
    let rows: Vec<serde_json::Value> = sim
        .bank()
        .transactions()
        .iter()
        .map(|t| t.to_json())
        .collect();
    let bodies: Vec<String> = rows
        .chunks(PAGE)
        .map(|c| {
            serde_json::json!({"status": "SUCCESS", "type": "transactions",
                "exist_next_page": true, "next_page_id": "1_online", "transactions": c})
            .to_string()
        })
        .collect();
    let bytes: usize = bodies.iter().map(String::len).sum();
    println!(
        "{ROWS} rows, {} pages of {PAGE}, {:.1} MB of JSON; median of {RUNS} runs",
        bodies.len(),
        bytes as f64 / 1e6
    );

    let parse = median((0..RUNS).map(|_| bench_parse_only(&bodies)).collect());
    println!("parse only:                          {}", rate(ROWS, parse));
    let parse_store = median((0..RUNS).map(|_| bench_parse_and_store(&bodies)).collect());
    println!(
        "parse + store (upsert, indices, FTS): {}",
        rate(ROWS, parse_store)
    );
    let raw = median((0..RUNS).map(|_| bench_raw_insert(&bodies)).collect());
    println!("raw rusqlite insert, bare table:     {}", rate(ROWS, raw));
    println!(
        "ratio parse+store / raw insert:      {:.1}x",
        parse_store.as_secs_f64() / raw.as_secs_f64()
    );
    let sync = median(
        (0..RUNS)
            .map(|_| runtime.block_on(bench_full_sync(&sim, None)))
            .collect(),
    );
    println!("full sync from the simulator:        {}", rate(ROWS, sync));
    if let Some(server) = vypyska_tests::bench_server() {
        let on_server = median(
            (0..RUNS)
                .map(|_| runtime.block_on(bench_full_sync(&sim, Some(&server))))
                .collect(),
        );
        println!(
            "full sync into PostgreSQL:           {}",
            rate(ROWS, on_server)
        );
        println!(
            "ratio PostgreSQL / SQLite file:      {:.2}x",
            on_server.as_secs_f64() / sync.as_secs_f64()
        );
    }
}
