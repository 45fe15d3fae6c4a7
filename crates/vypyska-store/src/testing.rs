//! Fixtures for the tests of this crate and of the core (feature `testing`): a bank row, a fresh
//! store with one merchant, storing rows as a synced page is.

use crate::Writes;
use chrono::{DateTime, FixedOffset, NaiveDate};
use privat24::{Direction, Party, State, Transaction};

use crate::{Store, UpsertCounts};

/// The one merchant's account in a [`fresh_store`].
pub const ACCOUNT: &str = "UA213223130000026007233566001";

/// The account of merchant 2 (company 2) after [`add_company_two`].
pub const ACCOUNT_TWO: &str = "UA903052992990004149123456789";

/// 10:00 in Kyiv on `day`, as the bank dates a row.
pub fn kyiv_morning(day: NaiveDate) -> DateTime<FixedOffset> {
    day.and_hms_opt(10, 0, 0)
        .unwrap()
        .and_local_timezone(privat24::BANK_TZ)
        .unwrap()
        .fixed_offset()
}

/// A row of [`ACCOUNT`] on 2026-11-02 from "ТОВ «Ромашка»".
pub fn transaction(
    key: &str,
    direction: Direction,
    state: State,
    amount: &str,
    purpose: &str,
) -> Transaction {
    let day = NaiveDate::from_ymd_opt(2026, 11, 2).unwrap();
    Transaction {
        key: key.into(),
        account: ACCOUNT.into(),
        direction,
        state,
        amount: amount.parse().unwrap(),
        amount_uah: None,
        currency: "UAH".into(),
        value_date: day,
        client_date: None,
        posted_at: kyiv_morning(day),
        purpose: purpose.into(),
        doc_number: "1".into(),
        own: Party::default(),
        counterparty: Party {
            name: "ТОВ «Ромашка»".into(),
            tax_id: "14360570".into(),
            ..Party::default()
        },
        bank_id: "1".into(),
        raw: format!("{{\"REF\":\"{key}\",\"PR_PR\":\"{}\"}}", state.as_str()),
    }
}

/// A new, empty database for a test: a new SQLite file in `dir`, or, when
/// `VYPYSKA_TEST_POSTGRES` names a server (`postgres://user@host:port`), a new database of
/// that server — so the same tests run on either engine.
pub fn new_store(dir: &std::path::Path) -> Store {
    server_store().unwrap_or_else(|| Store::open_in(dir).unwrap())
}

/// A new database of the tests' server (`VYPYSKA_TEST_POSTGRES`), when one is named.
pub fn server_store() -> Option<Store> {
    use std::sync::atomic::{AtomicU32, Ordering};
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let server = std::env::var("VYPYSKA_TEST_POSTGRES").ok()?;
    let server = server.trim().trim_end_matches('/');
    if server.is_empty() {
        return None;
    }
    let name = format!(
        "vypyska_test_{}_{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    );
    Store::create_database(server, &name).unwrap();
    Some(Store::connect(&format!("{server}/{name}")).unwrap())
}

/// A new database (see [`new_store`]), with merchant 1 of [`ACCOUNT`].
pub fn fresh_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = new_store(dir.path());
    add_merchant_one(&store);
    (dir, store)
}

/// A new SQLite file with merchant 1, for what only the file has (its pragmas, backups,
/// damage and recovery), whichever engine the other tests run on.
pub fn file_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_in(dir.path()).unwrap();
    add_merchant_one(&store);
    (dir, store)
}

/// Company 1, "ТОВ «Тест»", with merchant 1, "Основний", of [`ACCOUNT`] (its token reference
/// leads nowhere).
pub fn add_merchant_one(store: &Store) {
    store
        .conn()
        .execute_batch(&format!(
            "INSERT INTO companies (name, name_key, kind, created_at)
             SELECT 'ТОВ «Тест»', 'тов «тест»', 'ТОВ', 'now'
             WHERE NOT EXISTS (SELECT 1 FROM companies);
             INSERT INTO merchants (name, name_key, account, currency, secret_ref, sync_from,
                 created_at, company_id)
             VALUES ('Основний', 'основний', '{ACCOUNT}', 'UAH', 'm-1', '2026-11-01', 'now', 1)"
        ))
        .unwrap();
}

/// Company 2, "ФОП Інший", with merchant 2, "Другий", of [`ACCOUNT_TWO`].
pub fn add_company_two(store: &Store) {
    store
        .conn()
        .execute_batch(&format!(
            "INSERT INTO companies (name, name_key, kind, created_at)
             VALUES ('ФОП Інший', 'фоп інший', 'ФОП', 'now');
             INSERT INTO merchants (name, name_key, account, currency, secret_ref, sync_from,
                 created_at, company_id)
             VALUES ('Другий', 'другий', '{ACCOUNT_TWO}', 'UAH', 'm-2', '2026-11-01', 'now', 2)"
        ))
        .unwrap();
}

/// Stores rows of merchant 1 (the merchant of [`ACCOUNT`], whatever its id after being added
/// again) in one transaction, as a synced page is.
pub fn upsert(store: &mut Store, rows: &[Transaction]) -> UpsertCounts {
    let merchant: i64 = store
        .conn()
        .query_row(
            "SELECT id FROM merchants WHERE account = ?1",
            [ACCOUNT],
            |r| r.get(0),
        )
        .unwrap();
    upsert_of(store, merchant, rows)
}

/// Stores rows of a merchant (1, or 2 after [`add_company_two`]) in one transaction.
pub fn upsert_of(store: &mut Store, merchant: i64, rows: &[Transaction]) -> UpsertCounts {
    let account = if merchant == 2 { ACCOUNT_TWO } else { "UA" };
    let t = store.write().unwrap();
    let counts = t
        .ingest()
        .upsert_transactions(merchant, account, rows, "now")
        .unwrap();
    t.commit().unwrap();
    counts
}
