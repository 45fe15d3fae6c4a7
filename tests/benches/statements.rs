//! The statements screen's queries on 1,000,000 rows (`cargo bench -p vypyska-tests --bench
//! statements`): the first page, each filter, search, a deep keyset page, and the totals and
//! period balances shown above the list — the same functions the `list_statements` and
//! `statement_summary` commands call.
//!
//! The database is built once from simulator data (five accounts, three years) and kept under
//! `target/bench-data/` for later runs; with `VYPYSKA_BENCH_POSTGRES=postgres://user@host:port`
//! it is the database `vypyska_bench_statements` of that server instead (team mode), made once
//! and kept there.

use chrono::NaiveDate;
use privat24::{Direction, State};
use privat24_sim::{Bank, SimConfig};
use std::path::PathBuf;
use std::time::{Duration, Instant};
use vypyska_core::store::db::params;
use vypyska_core::store::query::StatementFilter;
use vypyska_core::store::Tables;
use vypyska_core::Store;

const ACCOUNTS: usize = 5;
const PER_ACCOUNT: usize = 200_000;
const PAGE: u32 = 200;
const RUNS: usize = 7;

fn data_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/bench-data/statements-1m")
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()
}

fn count(store: &Store) -> i64 {
    store
        .conn()
        .query_row("SELECT COUNT(*) FROM statements", [], |r| r.get(0))
        .unwrap()
}

/// Fills the database with the simulator's rows, as a sync would store them (indices, full-text
/// search), in one transaction per 10,000 rows.
fn build(store: &mut Store) {
    let started = Instant::now();
    let bank = Bank::new(SimConfig {
        seed: 5,
        accounts: ACCOUNTS,
        transactions_per_account: PER_ACCOUNT,
        days: 1095,
        today: today(),
        token: "bench".into(),
        client_id: None,
    });
    let now = "2026-11-20T12:00:00+00:00";
    for (i, account) in bank.accounts().iter().enumerate() {
        store
            .conn()
            .execute(
                "INSERT INTO merchants (name, name_key, account, currency, secret_ref,
                     has_client_id, sync_from, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, 0, '2023-11-20', ?6)",
                params![
                    format!("Рахунок {}", i + 1),
                    format!("рахунок {}", i + 1),
                    account.iban,
                    account.currency,
                    format!("bench-{i}"),
                    now
                ],
            )
            .unwrap();
    }
    let rows = bank.transactions();
    for chunk in rows.chunks(10_000) {
        let tx = store.write().unwrap();
        {
            let mut insert = tx
                .prepare_cached(
                    "INSERT INTO statements (merchant_id, account, key, direction, state, amount,
                         amount_minor, amount_uah, currency, value_date, posted_at, posted_ts,
                         purpose, doc_number, counterparty_name, counterparty_tax_id,
                         counterparty_iban, counterparty_bank, raw, first_seen_at, updated_at)
                     VALUES ((SELECT id FROM merchants WHERE account = ?1), ?1, ?2, ?3, ?4, ?5,
                         ?6, NULL, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?18)",
                )
                .unwrap();
            for t in chunk {
                let posted = t
                    .day
                    .and_hms_opt(t.time.0, t.time.1, 0)
                    .unwrap()
                    .and_utc()
                    .timestamp();
                let state = vypyska_tests::bank_state(&t.pr_pr);
                insert
                    .execute(params![
                        t.account,
                        t.key(),
                        if t.incoming { "in" } else { "out" },
                        state,
                        t.amount.to_string(),
                        vypyska_core::store::minor_units(t.amount),
                        t.currency,
                        t.day.to_string(),
                        format!("{}T{:02}:{:02}:00+02:00", t.day, t.time.0, t.time.1),
                        posted,
                        t.purpose,
                        t.doc_number,
                        t.counterparty_name,
                        t.counterparty_tax_id,
                        t.counterparty_iban,
                        t.counterparty_bank,
                        t.to_json().to_string(),
                        now,
                    ])
                    .unwrap();
            }
        }
        tx.commit().unwrap();
    }
    store
        .conn()
        .execute_batch(match store.on_server() {
            true => "ANALYZE",
            false => "ANALYZE; PRAGMA wal_checkpoint(TRUNCATE);",
        })
        .unwrap();
    println!(
        "built {} rows in {:.0} s",
        count(store),
        started.elapsed().as_secs_f64()
    );
}

fn median(f: &mut dyn FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[RUNS / 2]
}

/// The books measured: the kept file, or the server's kept database.
fn books() -> Store {
    let Some(server) = vypyska_tests::bench_server() else {
        let dir = data_dir();
        let store = Store::open_in(&dir).unwrap();
        if count(&store) >= (ACCOUNTS * PER_ACCOUNT) as i64 {
            return store;
        }
        drop(store);
        let _ = std::fs::remove_dir_all(&dir);
        let mut store = Store::open_in(&dir).unwrap();
        build(&mut store);
        return store;
    };
    const NAME: &str = "vypyska_bench_statements";
    let url = format!("{server}/{NAME}");
    if let Ok(store) = Store::connect(&url) {
        if count(&store) >= (ACCOUNTS * PER_ACCOUNT) as i64 {
            return store;
        }
        drop(store);
        Store::drop_database(&server, NAME).unwrap();
    }
    Store::create_database(&server, NAME).unwrap();
    let mut store = Store::connect(&url).unwrap();
    build(&mut store);
    store
}

fn main() {
    let store = books();
    println!(
        "engine: {}",
        match store.on_server() {
            true => "PostgreSQL (team mode)",
            false => "SQLite file",
        }
    );
    let conn = store.conn();
    let month = StatementFilter {
        from: Some(NaiveDate::from_ymd_opt(2026, 10, 1).unwrap()),
        to: Some(NaiveDate::from_ymd_opt(2026, 10, 31).unwrap()),
        ..StatementFilter::default()
    };
    let cases: Vec<(&str, StatementFilter)> = vec![
        ("no filter", StatementFilter::default()),
        (
            "one merchant",
            StatementFilter {
                merchant: Some("Рахунок 3".into()),
                ..StatementFilter::default()
            },
        ),
        ("one month", month.clone()),
        (
            "outgoing",
            StatementFilter {
                direction: Some(Direction::Out),
                ..StatementFilter::default()
            },
        ),
        (
            "reversed",
            StatementFilter {
                state: Some(State::Reversed),
                ..StatementFilter::default()
            },
        ),
        (
            "not allocated",
            StatementFilter {
                allocated: Some(false),
                ..StatementFilter::default()
            },
        ),
        (
            "search, common word (\"рахунку\")",
            StatementFilter {
                search: Some("рахунку".into()),
                ..StatementFilter::default()
            },
        ),
        (
            "search, a counterparty (\"Ромашка\")",
            StatementFilter {
                search: Some("Ромашка".into()),
                ..StatementFilter::default()
            },
        ),
        (
            "search + month + merchant",
            StatementFilter {
                search: Some("оплата".into()),
                merchant: Some("Рахунок 1".into()),
                ..month.clone()
            },
        ),
    ];
    println!("{} statements; median of {RUNS} runs", count(&store));
    println!("| filter | first page ({PAGE} rows) | page 50 (keyset) | totals + balances | rows matched |");
    println!("|---|---|---|---|---|");
    for (name, filter) in cases {
        let paged = StatementFilter {
            limit: Some(PAGE),
            ..filter.clone()
        };
        let first = median(&mut || {
            conn.statements().statements(&paged).unwrap();
        });
        // Walk to page 50 once, then time reading it from its cursor.
        let mut cursor = None;
        for _ in 0..49 {
            let rows = conn
                .statements()
                .statements(&StatementFilter {
                    before: cursor,
                    ..paged.clone()
                })
                .unwrap();
            cursor = rows.last().map(|r| (r.posted_ts, r.id));
        }
        let deep = median(&mut || {
            conn.statements()
                .statements(&StatementFilter {
                    before: cursor,
                    ..paged.clone()
                })
                .unwrap();
        });
        let mut matched = 0;
        let totals = median(&mut || {
            matched = conn.statements().totals(&filter).unwrap().count;
            conn.statements()
                .period_balances(filter.merchant.as_deref(), filter.from, filter.to)
                .unwrap();
        });
        let ms = |d: Duration| format!("{:.1} ms", d.as_secs_f64() * 1000.0);
        println!(
            "| {name} | {} | {} | {} | {matched} |",
            ms(first),
            ms(deep),
            ms(totals)
        );
    }
}
