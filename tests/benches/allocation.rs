//! Allocation planner benchmark (`cargo bench -p vypyska-tests --bench allocation`): incoming
//! payments against open invoices, at three sizes to show that time grows linearly (the planner
//! looks invoices up by key, never scans them per payment).

use std::time::{Duration, Instant};

use vypyska_core::allocation::{allocate, plan, OpenInvoice, Payment, Step};
use vypyska_core::invoice_numbers::{main_digits, number_key};
use vypyska_core::{Store, SystemClock};

const PURPOSES: &[&str] = &[
    "Оплата згідно рах. № {n} від 05.01.2026, у т.ч. ПДВ 20% - 208.42 грн.",
    "Оплата за товар згідно рахунку-фактури №СФ-{n} від 01.11.2026",
    "inv {n}/26",
    "Оплата по рахунку {n} без ПДВ",
    "Поповнення власного рахунку",
];

fn inputs(payments: usize, invoices: usize) -> (Vec<Payment>, Vec<OpenInvoice>) {
    let invoices: Vec<OpenInvoice> = (0..invoices)
        .map(|i| {
            let number = format!("СФ-{:07}", i + 1);
            OpenInvoice {
                id: i as i64 + 1,
                company_id: 1,
                key: number_key(&number),
                digits: main_digits(&number),
                number,
                currency: "UAH".into(),
                customer_tax_id: String::new(),
                amount_minor: 100_000,
                paid_minor: 0,
            }
        })
        .collect();
    let payments = (0..payments)
        .map(|i| Payment {
            statement_id: i as i64 + 1,
            company_id: Some(1),
            key: format!("R{i}/1"),
            amount_minor: 50_000,
            currency: "UAH".into(),
            payer_tax_id: "14360570".into(),
            purpose: PURPOSES[i % PURPOSES.len()]
                .replace("{n}", &(i % (invoices.len() * 2) + 1).to_string()),
        })
        .collect();
    (payments, invoices)
}

/// The whole `allocate`: load from SQLite, plan, apply in one transaction with the audit log.
fn end_to_end(payments: &[Payment], invoices: &[OpenInvoice]) -> (Duration, usize) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_in(dir.path()).unwrap();
    {
        let tx = store.write().unwrap();
        tx.execute_batch(
            "INSERT INTO companies (id, name, name_key, created_at) VALUES (1, 'b', 'b', 'now');
             INSERT INTO merchants (id, name, name_key, account, currency, secret_ref, sync_from,
                 created_at, company_id)
             VALUES (1, 'b', 'b', 'UA', 'UAH', 'x', '2026-01-01', 'now', 1)",
        )
        .unwrap();
        {
            let mut inv = tx
                .prepare(
                    "INSERT INTO invoices (id, number, number_key, number_digits, issued_on, amount,
                         amount_minor, currency, created_at, company_id)
                     VALUES (?1, ?2, ?3, ?4, '2026-11-01', '1000.00', ?5, 'UAH', 'now', 1)",
                )
                .unwrap();
            for i in invoices {
                inv.execute(rusqlite::params![
                    i.id,
                    i.number,
                    i.key,
                    i.digits,
                    i.amount_minor
                ])
                .unwrap();
            }
            let mut st = tx
                .prepare(
                    "INSERT INTO statements (id, merchant_id, account, key, direction, state, amount,
                         amount_minor, currency, value_date, posted_at, posted_ts, purpose, doc_number,
                         counterparty_name, counterparty_tax_id, counterparty_iban, counterparty_bank,
                         raw, first_seen_at, updated_at)
                     VALUES (?1, 1, 'UA', ?2, 'in', 'posted', '500.00', ?3, 'UAH', '2026-11-02',
                         '2026-11-02T10:00:00+02:00', ?1, ?4, '', 'ТОВ', ?5, '', '', '{}', 'now', 'now')",
                )
                .unwrap();
            for p in payments {
                st.execute(rusqlite::params![
                    p.statement_id,
                    p.key,
                    p.amount_minor,
                    p.purpose,
                    p.payer_tax_id
                ])
                .unwrap();
            }
        }
        tx.commit().unwrap();
    }
    let start = Instant::now();
    let steps = allocate(
        &mut store,
        &SystemClock,
        "bench",
        &vypyska_core::allocation::Scope::All,
    )
    .unwrap();
    let elapsed = start.elapsed();
    let n = steps
        .iter()
        .filter(|s| matches!(s, Step::Allocate { .. }))
        .count();
    // Applied: a second run finds nothing to do.
    assert!(
        vypyska_core::allocation::preview(&store, &vypyska_core::allocation::Scope::All)
            .unwrap()
            .is_empty()
    );
    (elapsed, n)
}

fn main() {
    for (payments, invoices) in [(25_000, 12_500), (50_000, 25_000), (100_000, 50_000)] {
        let (p, i) = inputs(payments, invoices);
        let mut times = Vec::new();
        let mut allocated = 0;
        for _ in 0..3 {
            let start = Instant::now();
            let steps = plan(&p, &i, &[]);
            times.push(start.elapsed());
            allocated = steps
                .iter()
                .filter(|s| matches!(s, Step::Allocate { .. }))
                .count();
        }
        times.sort();
        let median: Duration = times[1];
        println!(
            "plan only  {payments:>7} payments × {invoices:>6} invoices: {:.3} s ({:.2} µs a payment), {allocated} allocations",
            median.as_secs_f64(),
            median.as_secs_f64() * 1e6 / payments as f64
        );
        let (whole, n) = end_to_end(&p, &i);
        assert_eq!(n, allocated);
        println!(
            "allocate   {payments:>7} payments × {invoices:>6} invoices: {:.3} s (load + plan + apply)",
            whole.as_secs_f64()
        );
    }
}
