//! Team mode's doorbell (`VYPYSKA_BENCH_POSTGRES=postgres://user@host:port cargo bench -p
//! vypyska-tests --bench team`): how long after the syncing desktop commits a new payment's
//! notice another desktop of the team shows it — the server's ring (LISTEN/NOTIFY), the other
//! desktop's catch-up and its claim of the notice, up to the hand-over to its `Desktop` (the
//! native notification server's own time is not in it). Two sessions on a new database of the
//! server, as two desktops have; 30 payments, one at a time.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use vypyska_core::notifications::{self, Employee, Kind, Notice};
use vypyska_core::ops::Desktop;
use vypyska_core::store::db::params;
use vypyska_core::{Lang, Store, SystemClock};

const PAYMENTS: usize = 30;

/// The other desktop: when each notice reached it.
#[derive(Default)]
struct Shown(Mutex<Vec<(i64, Instant)>>);

impl Desktop for Shown {
    fn show(&self, notice: &Notice) -> Result<(), String> {
        self.0.lock().unwrap().push((notice.id, Instant::now()));
        Ok(())
    }
}

/// A posted incoming payment, as a sync stores it.
fn payment(store: &Store, i: usize) {
    store
        .conn()
        .execute(
            "INSERT INTO statements (merchant_id, account, key, direction, state, amount,
                 amount_minor, currency, value_date, posted_at, posted_ts, purpose, doc_number,
                 counterparty_name, counterparty_tax_id, counterparty_iban, counterparty_bank,
                 raw, first_seen_at, updated_at)
             VALUES (1, 'UA213223130000026007233566001', ?1, 'in', 'posted', '100.00', 10000,
                 'UAH', '2026-12-01', '2026-12-01T10:00:00+02:00', 1764576000, 'Оплата',
                 '', 'ТОВ «Швидка»', '', '', '', '{}', ?2, ?2)",
            params![format!("bench/{i}"), "2026-12-01T08:00:00Z"],
        )
        .unwrap();
}

fn main() {
    let Some(server) = vypyska_tests::bench_server() else {
        eprintln!("set VYPYSKA_BENCH_POSTGRES=postgres://user@host:port (a server to use)");
        std::process::exit(2);
    };
    let url = vypyska_tests::new_database(&server);
    let mut syncing = Store::connect(&url).unwrap();
    syncing
        .conn()
        .execute(
            "INSERT INTO merchants (name, name_key, account, currency, secret_ref, sync_from,
                 created_at)
             VALUES ('Основний', 'основний', 'UA213223130000026007233566001', 'UAH', 'bench',
                 '2026-11-01', '2026-12-01T08:00:00Z')",
            [],
        )
        .unwrap();
    let mut olena = Employee {
        id: 0,
        name: "Олена".into(),
        email: String::new(),
        this_computer: false,
        kinds: vec![Kind::Payment],
        companies: Vec::new(),
    };
    olena.id = notifications::save_employee(&mut syncing, &olena).unwrap();

    // The other desktop: its own sessions, its doorbell on a thread of its own.
    let shown = Arc::new(Shown::default());
    let stop = Arc::new(AtomicBool::new(false));
    let listening = {
        let (shown, stop) = (Arc::clone(&shown), Arc::clone(&stop));
        let books = syncing.reopen().unwrap();
        let here = vec![olena.clone()];
        std::thread::spawn(move || {
            let mut bell = books.doorbell().unwrap().unwrap();
            notifications::catch_up(&books, &here, shown.as_ref(), &SystemClock).unwrap();
            while !stop.load(Ordering::SeqCst) {
                if !bell.wait(Duration::from_millis(500)).unwrap().is_empty() {
                    notifications::catch_up(&books, &here, shown.as_ref(), &SystemClock).unwrap();
                }
            }
        })
    };
    std::thread::sleep(Duration::from_millis(500));

    let mut latencies = Vec::new();
    for i in 0..PAYMENTS {
        payment(&syncing, i);
        let fresh = notifications::collect(&mut syncing, &SystemClock, Lang::Uk, 5).unwrap();
        let committed = Instant::now();
        let id = fresh[0].id;
        let reached = loop {
            if let Some(&(_, at)) = shown.0.lock().unwrap().iter().find(|(n, _)| *n == id) {
                break at;
            }
            assert!(
                committed.elapsed() < Duration::from_secs(10),
                "notice {id} never came"
            );
            std::thread::sleep(Duration::from_millis(1));
        };
        latencies.push(reached.saturating_duration_since(committed));
    }
    stop.store(true, Ordering::SeqCst);
    listening.join().unwrap();
    latencies.sort();
    let ms = |d: Duration| format!("{:.1} ms", d.as_secs_f64() * 1000.0);
    println!("{PAYMENTS} payments, each told on the other desktop after the syncing one's commit:");
    println!(
        "median {}, 90th percentile {}, slowest {}",
        ms(latencies[PAYMENTS / 2]),
        ms(latencies[PAYMENTS * 9 / 10]),
        ms(latencies[PAYMENTS - 1])
    );
}
