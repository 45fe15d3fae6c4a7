//! The sync engine against the simulator: first sync, re-sync, state changes, genuine twins,
//! one merchant failing alone.

use chrono::Duration;
use privat24::Credentials;
use vypyska_core::secrets::{Keyring, SecretStore};
use vypyska_core::store::runs;
use vypyska_core::store::Tables;
use vypyska_core::sync::{SyncError, SyncEvent};
use vypyska_tests::{bank_today, sim_config, sync_options, Env};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn first_sync_of_several_accounts_stores_exactly_the_banks_rows_and_resync_adds_nothing() {
    let env = Env::new(sim_config(3, 400, 60)).await;
    let from = bank_today() - Duration::days(45);
    let mut merchants = Vec::new();
    for (i, name) in ["Гривневий", "Доларовий", "Євровий"].iter().enumerate()
    {
        merchants.push(env.add_merchant(name, i, from).await);
    }
    let mut events = Vec::new();
    let mut syncer = env.syncer(25);
    let outcomes = syncer
        .run(&sync_options(), &mut |e: &SyncEvent| events.push(e.clone()))
        .await
        .unwrap();
    assert_eq!(outcomes.len(), 3);
    for m in &merchants {
        let o = outcomes.iter().find(|o| o.merchant == m.name).unwrap();
        let summary = o.result.as_ref().unwrap();
        let want = env.bank_rows(&m.account, from);
        let (got, count) = env.stored_rows(&m.account);
        assert!(want.len() > 200, "the test needs many pages");
        assert_eq!(got, want, "{}", m.name);
        assert_eq!(count, want.len(), "no duplicates");
        assert_eq!(summary.new, want.len());
        assert!(summary.pages as usize >= want.len() / 25);
    }
    let pages = events
        .iter()
        .filter(|e| matches!(e, SyncEvent::PageStored { .. }))
        .count();
    assert!(pages > 20);
    assert_eq!(
        events
            .iter()
            .filter(|e| matches!(e, SyncEvent::MerchantFinished { .. }))
            .count(),
        3
    );

    // The cursor moved to the bank's today; the next run re-reads only the lookback.
    let store = env.store();
    let m = vypyska_core::merchants::find(store.conn(), "Гривневий").unwrap();
    assert_eq!(m.synced_through, Some(bank_today()));
    let again = syncer
        .run(&sync_options(), &mut |_: &SyncEvent| {})
        .await
        .unwrap();
    for o in &again {
        let s = o.result.as_ref().unwrap();
        assert_eq!((s.new, s.updated), (0, 0), "{}", o.merchant);
        assert_eq!(s.from, bank_today() - Duration::days(3));
    }
    for m in &merchants {
        let (_, count) = env.stored_rows(&m.account);
        assert_eq!(count, env.bank_rows(&m.account, from).len());
    }
    let history = store.runs().recent_runs(None, 10).unwrap();
    assert_eq!(history.len(), 6);
    assert!(history.iter().all(|r| r.outcome == runs::RunOutcome::Ok));

    // Balances: one row per day of the range, the last one closing where the bank says.
    let balances = store.statements().latest_balances(None).unwrap();
    assert_eq!(balances.len(), 3);
    assert!(balances.iter().all(|b| b.day == bank_today().to_string()));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pending_rows_become_posted_or_reversed_in_place() {
    let env = Env::new(sim_config(1, 300, 20)).await;
    let from = bank_today() - Duration::days(20);
    let m = env.add_merchant("Основний", 0, from).await;
    let mut syncer = env.syncer(50);
    syncer
        .run(&sync_options(), &mut |_: &SyncEvent| {})
        .await
        .unwrap();
    let pending: Vec<String> = env
        .sim
        .bank()
        .transactions()
        .into_iter()
        .filter(|t| t.pr_pr == "p")
        .map(|t| t.key())
        .collect();
    assert!(
        pending.len() >= 2,
        "the simulator makes some of today's rows pending"
    );
    let (stored, _) = env.stored_rows(&m.account);
    assert!(stored.contains(&(pending[0].clone(), "pending".into())));

    assert!(env.sim.bank().settle(&pending[0], "r"));
    assert!(env.sim.bank().settle(&pending[1], "t"));
    let outcome = syncer
        .run(&sync_options(), &mut |_: &SyncEvent| {})
        .await
        .unwrap();
    let summary = outcome[0].result.as_ref().unwrap();
    assert_eq!(summary.new, 0);
    assert_eq!(summary.updated, 2);
    let (stored, count) = env.stored_rows(&m.account);
    assert!(stored.contains(&(pending[0].clone(), "posted".into())));
    assert!(stored.contains(&(pending[1].clone(), "reversed".into())));
    assert_eq!(stored, env.bank_rows(&m.account, from));
    assert_eq!(count, stored.len());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_genuine_identical_payments_are_both_kept() {
    let env = Env::new(sim_config(1, 50, 10)).await;
    let from = bank_today() - Duration::days(10);
    let m = env.add_merchant("Основний", 0, from).await;
    let original = env.an_incoming_row();
    let twin = env.sim.bank().add_transaction(&original);
    assert_ne!(twin, original.key());
    env.sync(100).await;
    let store = env.store();
    let same: i64 = store
        .conn()
        .query_row(
            "SELECT COUNT(*) FROM statements WHERE account = ?1 AND amount = ?2 AND purpose = ?3
               AND value_date = ?4",
            rusqlite::params![
                m.account,
                original.amount.to_string(),
                original.purpose,
                original.day.to_string()
            ],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(same, 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rejected_token_fails_only_its_merchant() {
    let env = Env::new(sim_config(2, 80, 10)).await;
    let from = bank_today() - Duration::days(10);
    let good = env.add_merchant("Добрий", 0, from).await;
    let revoked = env.add_merchant("Відкликаний", 1, from).await;
    // The token was revoked at the bank after the merchant was added.
    Keyring
        .save(
            &revoked.secret_ref,
            &Credentials {
                token: privat24::Token::new("revoked-token"),
                client_id: None,
            },
        )
        .unwrap();
    let mut events = Vec::new();
    let outcomes = env
        .syncer(100)
        .run(&sync_options(), &mut |e: &SyncEvent| events.push(e.clone()))
        .await
        .unwrap();
    let by_name = |n: &str| outcomes.iter().find(|o| o.merchant == n).unwrap();
    assert!(by_name("Добрий").result.is_ok());
    match &by_name("Відкликаний").result {
        Err(SyncError::Bank(privat24::Error::CredentialsRejected { .. })) => {}
        other => panic!("expected rejected credentials, got {other:?}"),
    }
    assert!(events.iter().any(|e| matches!(e,
        SyncEvent::MerchantFailed { merchant, code: vypyska_core::Code::CredentialsRejected, message }
            if merchant == "Відкликаний" && message.contains("401"))));
    env.assert_same_as_bank(&good.account, from);
    assert_eq!(env.stored_rows(&revoked.account).1, 0);
    let store = env.store();
    let last = store.runs().last_run(revoked.id).unwrap().unwrap();
    assert_eq!(last.outcome, runs::RunOutcome::Failed);
    assert_eq!(last.error_code.as_deref(), Some("credentials_rejected"));
    // Only one request: a 401 is never retried.
    assert!(env.sim.bank().requests("/api/statements/settings") <= 4);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn maintenance_skips_with_a_clear_status_and_the_next_run_catches_up() {
    let env = Env::new(sim_config(1, 100, 10)).await;
    let from = bank_today() - Duration::days(10);
    let m = env.add_merchant("Основний", 0, from).await;
    env.sim.bank().set_maintenance(true);
    let mut syncer = env.syncer(100);
    let outcomes = syncer
        .run(&sync_options(), &mut |_: &SyncEvent| {})
        .await
        .unwrap();
    let err = outcomes[0].result.as_ref().unwrap_err();
    assert!(err.is_skip());
    assert_eq!(err.code(), "bank_maintenance");
    assert_eq!(env.sim.bank().requests("/api/statements/transactions"), 0);
    let store = env.store();
    let last = store.runs().last_run(m.id).unwrap().unwrap();
    assert_eq!(last.outcome, runs::RunOutcome::Skipped);
    assert!(last.error_message.unwrap().contains("maintenance"));

    env.sim.bank().set_maintenance(false);
    syncer
        .run(&sync_options(), &mut |_: &SyncEvent| {})
        .await
        .unwrap();
    env.assert_same_as_bank(&m.account, from);
}
