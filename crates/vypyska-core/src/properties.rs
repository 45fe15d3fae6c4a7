//! Property tests of the invariants everything else relies on: storing a page twice changes
//! nothing; a payment never gives more than its amount; an invoice's paid amount is the sum of
//! its allocations; a reversed or rejected payment keeps no allocation.

use crate::store::Tables;
use std::collections::BTreeMap;

use privat24::{Direction, State, Transaction};
use proptest::prelude::*;

use crate::allocation;
use crate::invoices::{self, NewInvoice};
use crate::store::Store;
use crate::testing::{clock, fresh_store, transaction, upsert};

fn state() -> impl Strategy<Value = State> {
    prop_oneof![
        Just(State::Pending),
        Just(State::Posted),
        Just(State::Reversed),
        Just(State::Rejected),
    ]
}

/// Rows as the bank sends them over time: a few keys, each with its own direction, amount and
/// purpose, seen again and again in changing states (repeats across and within pages included).
fn bank_rows(len: std::ops::Range<usize>) -> impl Strategy<Value = Vec<Transaction>> {
    let payment = (any::<bool>(), 1..500_000i64, 0..9u8);
    (
        prop::collection::vec(payment, 8),
        prop::collection::vec((0..8usize, state()), len),
    )
        .prop_map(|(payments, seen)| {
            seen.into_iter()
                .map(|(i, state)| {
                    let (incoming, minor, number) = payments[i];
                    let direction = if incoming {
                        Direction::In
                    } else {
                        Direction::Out
                    };
                    let amount = format!("{}.{:02}", minor / 100, minor % 100);
                    let purpose = format!("Оплата згідно рах. № {} від 01.11.2026", 100 + number);
                    let key = format!("REF{i}/1");
                    let mut t = transaction(&key, direction, state, &amount, &purpose);
                    // The row as sent: a changed state is a changed row.
                    t.raw = format!("{{\"REF\":\"{key}\",\"PR_PR\":\"{}\"}}", state.as_str());
                    t
                })
                .collect()
        })
}

/// What the statements table holds: key → (state, amount).
fn stored(store: &Store) -> BTreeMap<String, (String, String)> {
    let mut stmt = store
        .conn()
        .prepare("SELECT key, state, amount FROM statements")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Pages stored in any split, then all of them again: the table holds each key once with
    /// its last state, and the second pass reports nothing new or changed.
    #[test]
    fn storing_pages_again_changes_nothing(
        rows in bank_rows(1..40),
        page in 1..10usize,
    ) {
        let (_dir, mut store) = fresh_store();
        for chunk in rows.chunks(page) {
            upsert(&mut store, chunk);
        }
        let first = stored(&store);
        let expected: BTreeMap<String, (String, String)> = rows
            .iter()
            .map(|t| (t.key.clone(), (t.state.as_str().to_owned(), t.amount.to_string())))
            .collect();
        prop_assert_eq!(&first, &expected);
        // Reading the bank's current rows again (as every run re-reads its last days) reports
        // no change.
        let current: Vec<Transaction> = rows
            .iter()
            .filter(|t| rows.iter().rev().find(|l| l.key == t.key) == Some(*t))
            .cloned()
            .collect();
        let again = upsert(&mut store, &current);
        prop_assert_eq!((again.new, again.updated), (0, 0));
        prop_assert_eq!(stored(&store), first);
    }
}

/// An invoice for one of the numbers the payments may name.
fn invoice() -> impl Strategy<Value = (u8, i64)> {
    (0..6u8, 100..300_000i64)
}

/// Invariants of allocations against the stored payments and invoices.
fn check_allocations(store: &Store) -> Result<(), TestCaseError> {
    let conn = store.conn();
    let broken = conn.allocations().inconsistencies().unwrap();
    prop_assert!(broken.is_empty(), "{broken:?}");
    for inv in invoices::list(conn).unwrap() {
        let sum: i64 = conn
            .query_row(
                "SELECT COALESCE(SUM(amount_minor), 0) FROM allocations WHERE invoice_id = ?1",
                [inv.id],
                |r| r.get(0),
            )
            .unwrap();
        prop_assert_eq!(
            inv.paid * rust_decimal::Decimal::ONE_HUNDRED,
            rust_decimal::Decimal::from(sum)
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Payments naming invoices arrive, some are allocated by hand too, then the bank changes
    /// states: after every step the invariants hold (no allocation ever joins a payment and an
    /// invoice of different companies: a second company has invoices of the same numbers), and
    /// an automatic run right after another changes nothing.
    #[test]
    fn allocations_never_exceed_payments_and_follow_reversals(
        invoice_list in prop::collection::vec((invoice(), any::<bool>()), 1..8),
        history in bank_rows(1..32),
        split in 0..32usize,
        manual in prop::collection::vec((0..8u8, 0..6u8, prop::option::of(1..300_000i64)), 0..4),
    ) {
        let (_dir, mut store) = fresh_store();
        let clock = clock();
        let other = crate::companies::add(
            store.conn(),
            &clock,
            &crate::companies::NewCompany::named("ФОП Інший"),
        )
        .unwrap();
        for ((number, minor), elsewhere) in &invoice_list {
            let _ = invoices::add(store.conn(), &clock, NewInvoice {
                company_id: Some(if *elsewhere { other.id } else { 1 }),
                number: (100 + number).to_string(),
                amount: rust_decimal::Decimal::new(*minor, 2),
                currency: "UAH".into(),
                issued_on: chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
                customer_name: String::new(),
                customer_tax_id: String::new(),
                customer_iban: String::new(),
                due_on: None,
                note: String::new(),
            });
        }
        let (first, later) = history.split_at(split.min(history.len()));
        upsert(&mut store, first);
        allocation::allocate(&mut store, &clock, "auto", &allocation::Scope::All).unwrap();
        check_allocations(&store)?;
        for (key, invoice, minor) in &manual {
            let ids: Option<(i64, i64)> = store.conn().query_row(
                "SELECT s.id, i.id FROM statements s, invoices i
                 WHERE s.key = ?1 AND i.number = ?2",
                rusqlite::params![format!("REF{key}/1"), (100 + invoice).to_string()],
                |r| Ok((r.get(0)?, r.get(1)?)),
            ).ok();
            if let Some((s, i)) = ids {
                // Refused when it would overdraw the payment or the payment is not incoming.
                let _ = allocation::allocate_by_id(&mut store, &clock, "user", s, i, *minor);
            }
            check_allocations(&store)?;
        }
        upsert(&mut store, later);
        allocation::allocate(&mut store, &clock, "auto", &allocation::Scope::All).unwrap();
        check_allocations(&store)?;
        let again = allocation::allocate(&mut store, &clock, "auto", &allocation::Scope::All).unwrap();
        prop_assert!(again.is_empty(), "a second run changed {again:?}");
    }
}
