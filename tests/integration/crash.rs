//! The sync process killed with SIGKILL at random moments, again and again, over a bank of 20,000
//! transactions on four accounts, while the bank posts and reverses pending rows and new payments
//! arrive: once a run is let finish, the database holds exactly the bank's rows, each once, the
//! file is sound, allocations add up and every killed run is recorded as interrupted.

use chrono::Duration as Days;
use rust_decimal::Decimal;
use serde_json::Value;
use std::collections::BTreeMap;
use std::time::{Duration, Instant};
use vypyska_core::invoice_numbers::find_invoice_numbers;
use vypyska_core::invoices::{self, NewInvoice};
use vypyska_core::store::Tables;
use vypyska_core::SystemClock;
use vypyska_tests::{bank_today, sim_config, text, Env};

const ACCOUNTS: usize = 4;
const PER_ACCOUNT: usize = 5_000;
const DAYS: u32 = 60;
const KILLS: usize = 50;
const INVOICES: usize = 40;

/// Invoices for incoming payments whose purpose names exactly one number that no other payment
/// names (not even by its digits alone), pending ones included (the bank reverses some of those
/// during the test): number → the payment's key.
fn add_invoices(env: &Env) -> BTreeMap<String, String> {
    let store = env.store();
    let rows = env.sim.bank().transactions();
    let mut named = BTreeMap::<String, usize>::new();
    for t in &rows {
        for n in find_invoice_numbers(&t.purpose) {
            *named.entry(n.digits).or_default() += 1;
        }
    }
    // Each account is a business of its own in the simulator: an invoice is its account's
    // company's.
    let company_of: BTreeMap<String, Option<i64>> = vypyska_core::merchants::list(store.conn())
        .unwrap()
        .into_iter()
        .map(|m| (m.account, m.company_id))
        .collect();
    let mut picked = BTreeMap::new();
    for t in &rows {
        let found = find_invoice_numbers(&t.purpose);
        if !t.incoming || found.len() != 1 || named[&found[0].digits] != 1 {
            continue;
        }
        // Two numbers that differ only in look-alike letters would be one invoice.
        let added = invoices::add(
            store.conn(),
            &SystemClock,
            NewInvoice {
                company_id: company_of[&t.account],
                number: found[0].raw.clone(),
                amount: t.amount,
                currency: t.currency.clone(),
                issued_on: t.day - Days::days(3),
                customer_name: t.counterparty_name.clone(),
                customer_tax_id: String::new(),
                customer_iban: String::new(),
                due_on: None,
                note: String::new(),
            },
        );
        if added.is_ok() {
            picked.insert(found[0].raw.clone(), t.key());
        }
        if picked.len() == INVOICES {
            break;
        }
    }
    assert_eq!(picked.len(), INVOICES);
    picked
}

/// The bank moves on between runs: some pending rows are posted or reversed, a payment arrives.
fn bank_moves_on(env: &Env, rng: &mut fastrand::Rng) {
    let bank = env.sim.bank();
    let rows = bank.transactions();
    for t in rows.iter().filter(|t| t.pr_pr == "p") {
        if rng.u8(0..4) == 0 {
            bank.settle(&t.key(), if rng.bool() { "r" } else { "t" });
        }
    }
    let like = &rows[rng.usize(0..rows.len())];
    let mut new = like.clone();
    new.day = bank.today();
    new.pr_pr = "p".into();
    new.purpose = "Поповнення рахунку".into();
    bank.add_transaction(&new);
}

/// Runs recorded after run `since`: (finished well, still marked running, the newest id).
fn run_counts(env: &Env, since: i64) -> (i64, i64, i64) {
    env.store()
        .conn()
        .query_row(
            "SELECT COUNT(*) FILTER (WHERE outcome = 'ok' AND id > ?1),
                    COUNT(*) FILTER (WHERE outcome = 'running' AND id > ?1),
                    COALESCE(MAX(id), 0) FROM sync_runs",
            [since],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killing_the_sync_at_random_moments_loses_and_duplicates_nothing() {
    let env = Env::new(sim_config(ACCOUNTS, PER_ACCOUNT, DAYS)).await;
    let from = bank_today() - Days::days(DAYS as i64);
    let mut accounts = Vec::new();
    for i in 0..ACCOUNTS {
        accounts.push(
            env.add_merchant(&format!("Рахунок {i}"), i, from)
                .await
                .account,
        );
    }
    let invoices = add_invoices(&env);
    let full_from = from.to_string();
    let token = env.sim.bank().token();
    let mut rng = fastrand::Rng::with_seed(20_000);

    // Kill at a random moment within a window as long as the longest whole run seen (so kills
    // land in the pages, the balances, the allocation, the notices and the backup alike),
    // alternating incremental runs with full re-reads of the history.
    let (mut kills, mut finished, mut longest) = (0, 0, Duration::from_millis(1500));
    // Where the kills landed: in a merchant's run, or after every run ended (allocation,
    // categories, notices, backup) or before the first began.
    let (mut in_run, mut after_runs) = (0, 0);
    let started = Instant::now();
    while kills < KILLS {
        assert!(
            kills + finished < 4 * KILLS,
            "runs keep finishing before the kill"
        );
        if (kills + finished) % 7 == 3 {
            bank_moves_on(&env, &mut rng);
        }
        let args: &[&str] = if rng.bool() {
            &["sync"]
        } else {
            &["sync", "--from", &full_from]
        };
        let mut child = env.command(args).spawn().unwrap();
        let window = longest.as_millis() as u64 * 6 / 5;
        let at = Duration::from_millis(rng.u64(0..=window));
        let begun = Instant::now();
        // Only the runs this process starts count (a run an earlier kill left `running` stays
        // so until this process's run of that merchant marks it interrupted).
        let (_, _, newest) = run_counts(&env, i64::MAX);
        loop {
            if let Some(status) = child.try_wait().unwrap() {
                let out = child.wait_with_output().unwrap();
                assert!(status.success(), "{}", text(&out.stderr));
                finished += 1;
                longest = longest.max(begun.elapsed());
                break;
            }
            if begun.elapsed() >= at {
                child.kill().unwrap();
                let out = child.wait_with_output().unwrap();
                let said = format!("{}{}", text(&out.stdout), text(&out.stderr));
                assert!(!said.contains(&token), "the token in a killed run's output");
                kills += 1;
                match run_counts(&env, newest) {
                    (_, running, _) if running > 0 => in_run += 1,
                    (ok, _, _) if ok >= ACCOUNTS as i64 => after_runs += 1,
                    _ => {}
                }
                break;
            }
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
        // Between runs: never a duplicate, never a row the bank does not have.
        for account in &accounts {
            let (got, count) = env.stored_rows(account);
            assert_eq!(count, got.len(), "duplicates after kill {kills}");
            let bank_keys: std::collections::BTreeSet<String> = env
                .bank_rows(account, from)
                .into_iter()
                .map(|(k, _)| k)
                .collect();
            assert!(got.iter().all(|(k, _)| bank_keys.contains(k)));
        }
    }
    eprintln!(
        "{kills} kills ({in_run} within a merchant's run, {after_runs} after all runs ended) \
         and {finished} finished syncs in {:?}; longest sync {longest:?}",
        started.elapsed()
    );
    assert!(in_run >= KILLS / 2, "most kills land within a run");

    // One run let finish.
    bank_moves_on(&env, &mut rng);
    let out = env.cli(&["sync"], "").await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(env.integrity(), "ok");
    let mut total = 0;
    for account in &accounts {
        env.assert_same_as_bank(account, from);
        total += env.stored_rows(account).1;
    }
    assert!(total >= ACCOUNTS * PER_ACCOUNT * 9 / 10, "{total} rows");

    // Every run that was killed is recorded as interrupted; none is left "running".
    let out = env.cli(&["runs", "--json", "--limit", "1000"], "").await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let runs: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    let count = |outcome: &str| runs.iter().filter(|r| r["outcome"] == outcome).count();
    assert_eq!(count("running"), 0);
    assert_eq!(count("failed") + count("skipped"), 0, "{runs:?}");
    assert!(count("interrupted") >= 1, "{runs:?}");
    assert_eq!(count("ok") + count("interrupted"), runs.len());

    assert_allocations_consistent(&env, &invoices);
    // What the kills left behind holds no secret either: the data folder's files, and on a
    // server every row of every table.
    match &env.database {
        None => assert!(vypyska_tests::assert_not_in_folder(env.data_dir(), &token) >= 2),
        Some(_) => {
            let store = env.store();
            for table in [
                "merchants",
                "statements",
                "sync_runs",
                "settings",
                "notices",
            ] {
                let found: i64 = store
                    .conn()
                    .query_row(
                        &format!("SELECT COUNT(*) FROM {table} t WHERE t::text LIKE ?1"),
                        [format!("%{token}%")],
                        |r| r.get(0),
                    )
                    .unwrap();
                assert_eq!(found, 0, "the token in {table}");
            }
        }
    }
}

/// Each invoice's payment, when the bank posted it, pays it once; nothing is allocated to a
/// reversed, rejected or outgoing payment; no payment gives more than its amount; an invoice's
/// paid amount is the sum of its allocations.
fn assert_allocations_consistent(env: &Env, invoices: &BTreeMap<String, String>) {
    let store = env.store();
    let conn = store.conn();
    let broken = conn.allocations().inconsistencies().unwrap();
    assert!(broken.is_empty(), "{broken:?}");
    let list = invoices::list(conn).unwrap();
    assert_eq!(list.len(), invoices.len());
    let bank: BTreeMap<String, String> = env
        .sim
        .bank()
        .transactions()
        .into_iter()
        .map(|t| (t.key(), t.pr_pr))
        .collect();
    let mut paid_by_posted = 0;
    for inv in &list {
        let (allocated, keys): (i64, String) = conn
            .query_row(
                &format!(
                    "SELECT COALESCE(SUM(a.amount_minor), 0), COALESCE({}, '')
                     FROM allocations a JOIN statements s ON s.id = a.statement_id
                     WHERE a.invoice_id = ?1",
                    conn.dialect().joined("s.key", "','")
                ),
                [inv.id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!(
            inv.paid * Decimal::from(100),
            Decimal::from(allocated),
            "{inv:?}"
        );
        let key = &invoices[&inv.number];
        match bank[key].as_str() {
            "t" | "n" => assert!(!keys.split(',').any(|k| k == key), "{inv:?}"),
            "r" => {
                assert_eq!(&keys, key, "{inv:?}");
                paid_by_posted += 1;
            }
            _ => {}
        }
    }
    assert!(
        paid_by_posted > INVOICES / 2,
        "{paid_by_posted} invoices paid"
    );
}
