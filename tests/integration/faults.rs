//! Faults injected into the simulated bank: every run converges to exactly the bank's rows, with
//! bounded retries and clear statuses.

use std::time::Duration;

use chrono::Duration as Days;
use privat24_sim::{Fault, RandomFaults};
use vypyska_core::sync::SyncEvent;
use vypyska_tests::{bank_today, sim_config, sync_options, Env};

async fn converges_despite(faults: Vec<Fault>) {
    let env = Env::new(sim_config(1, 200, 15)).await;
    let from = bank_today() - Days::days(15);
    let m = env.add_merchant("Основний", 0, from).await;
    let before = env.sim.bank().requests("/api/statements/transactions");
    env.sim.bank().inject(faults.clone());
    let outcomes = env
        .syncer(40)
        .run(&sync_options(), &mut |_: &SyncEvent| {})
        .await
        .unwrap();
    assert!(
        outcomes[0].result.is_ok(),
        "{faults:?}: {:?}",
        outcomes[0].result
    );
    let (got, count) = env.stored_rows(&m.account);
    assert_eq!(got, env.bank_rows(&m.account, from), "{faults:?}");
    assert_eq!(count, got.len(), "{faults:?}: duplicates");
    let requests = env.sim.bank().requests("/api/statements/transactions") - before;
    let pages = got.len().div_ceil(40) as u64;
    assert!(requests >= pages, "{faults:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn server_errors_are_retried() {
    converges_despite(vec![
        Fault::Status(503),
        Fault::Status(500),
        Fault::Status(502),
    ])
    .await;
    converges_despite(vec![Fault::Status(504)]).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rate_limits_are_honoured() {
    converges_despite(vec![Fault::TooManyRequests { retry_after: 1 }]).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn truncated_replies_are_fetched_again() {
    converges_despite(vec![Fault::Truncated, Fault::Truncated]).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unlabelled_cp1251_replies_are_decoded() {
    let env = Env::new(sim_config(1, 60, 5)).await;
    let from = bank_today() - Days::days(5);
    let m = env.add_merchant("Основний", 0, from).await;
    // settings, then every transactions page in cp1251.
    env.sim.bank().inject(vec![Fault::Cp1251; 10]);
    env.sync(500).await;
    let store = env.store();
    let names: Vec<String> = store
        .conn()
        .prepare("SELECT counterparty_name FROM statements WHERE account = ?1")
        .unwrap()
        .query_map([&m.account], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let bank: std::collections::BTreeSet<String> = env
        .sim
        .bank()
        .transactions()
        .into_iter()
        .map(|t| t.counterparty_name)
        .collect();
    assert!(!names.is_empty());
    for n in &names {
        assert!(bank.contains(n), "garbled name {n:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_replies_time_out_and_are_retried() {
    converges_despite(vec![Fault::Slow(Duration::from_millis(2500))]).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_row_repeated_on_the_next_page_is_stored_once() {
    let env = Env::new(sim_config(1, 200, 15)).await;
    let from = bank_today() - Days::days(15);
    let m = env.add_merchant("Основний", 0, from).await;
    env.sim.bank().set_repeat_rows(true);
    let outcomes = env
        .syncer(30)
        .run(&sync_options(), &mut |_: &SyncEvent| {})
        .await
        .unwrap();
    let summary = outcomes[0].result.as_ref().unwrap();
    env.assert_same_as_bank(&m.account, from);
    assert!(
        summary.seen > env.stored_rows(&m.account).1,
        "the repeated rows were seen"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_requests_and_disabled_autoclient_are_not_retried() {
    let env = Env::new(sim_config(1, 50, 5)).await;
    let from = bank_today() - Days::days(5);
    env.add_merchant("Основний", 0, from).await;
    let mut syncer = env.syncer(100);
    for (fault, code) in [(400, "bad_request"), (403, "autoclient_disabled")] {
        let before = env.sim.bank().requests("/api/statements/settings");
        env.sim.bank().inject([Fault::Status(fault)]);
        let outcomes = syncer
            .run(&sync_options(), &mut |_: &SyncEvent| {})
            .await
            .unwrap();
        let err = outcomes[0].result.as_ref().unwrap_err();
        assert_eq!(err.code(), code);
        assert_eq!(
            env.sim.bank().requests("/api/statements/settings") - before,
            1
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_outage_longer_than_the_retries_fails_cleanly_and_loses_nothing() {
    let env = Env::new(sim_config(1, 200, 15)).await;
    let from = bank_today() - Days::days(15);
    let m = env.add_merchant("Основний", 0, from).await;
    let mut syncer = env.syncer(40);
    // A first run stores what there is; then the bank fails every request.
    let outage = RandomFaults {
        rate: 1.0,
        kinds: vec![Fault::Status(503)],
        seed: 1,
    };
    syncer
        .run(&sync_options(), &mut |_: &SyncEvent| {})
        .await
        .unwrap();
    let stored_before = env.stored_rows(&m.account).1;
    env.sim.bank().set_random_faults(Some(outage));
    let outcomes = syncer
        .run(&sync_options(), &mut |_: &SyncEvent| {})
        .await
        .unwrap();
    let err = outcomes[0].result.as_ref().unwrap_err();
    assert_eq!(err.code(), "bank_server_error");
    assert_eq!(env.stored_rows(&m.account).1, stored_before);
    env.sim.bank().set_random_faults(None);
    syncer
        .run(&sync_options(), &mut |_: &SyncEvent| {})
        .await
        .unwrap();
    env.assert_same_as_bank(&m.account, from);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_fault_together_at_a_high_rate_converges() {
    let env = Env::new(sim_config(2, 300, 20)).await;
    let from = bank_today() - Days::days(20);
    let a = env.add_merchant("Гривневий", 0, from).await;
    let b = env.add_merchant("Доларовий", 1, from).await;
    env.sim.bank().set_repeat_rows(true);
    env.sim.bank().set_random_faults(Some(RandomFaults {
        rate: 0.3,
        kinds: vec![
            Fault::Status(500),
            Fault::Status(503),
            Fault::TooManyRequests { retry_after: 0 },
            Fault::Truncated,
            Fault::Cp1251,
            Fault::Slow(Duration::from_millis(2100)),
        ],
        seed: 42,
    }));
    let mut syncer = env.syncer(50);
    // Pending rows settle between runs, as the bank posts or reverses them.
    let mut runs = 0;
    loop {
        runs += 1;
        // The second run meets the bank's maintenance window on top of everything else.
        env.sim.bank().set_maintenance(runs == 2);
        let outcomes = syncer
            .run(&sync_options(), &mut |_: &SyncEvent| {})
            .await
            .unwrap();
        if runs == 2 {
            for o in &outcomes {
                let code = o.result.as_ref().map_err(|e| e.code().as_str()).err();
                assert_eq!(code, Some("bank_maintenance"), "{outcomes:?}");
            }
            continue;
        }
        for t in env.sim.bank().transactions() {
            if t.pr_pr == "p" && runs == 1 {
                env.sim
                    .bank()
                    .settle(&t.key(), if t.incoming { "r" } else { "t" });
            }
        }
        if runs >= 3 && outcomes.iter().all(|o| o.result.is_ok()) {
            break;
        }
        assert!(runs < 9, "did not converge: {outcomes:?}");
    }
    for m in [&a, &b] {
        env.assert_same_as_bank(&m.account, from);
    }
}
