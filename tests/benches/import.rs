//! Invoice import benchmark (`cargo bench -p vypyska-tests --bench import`): a CSV file of
//! 10,000, 40,000 and 100,000 invoices checked (against itself and the saved invoices) and saved
//! in one transaction, to show that time grows linearly with the rows.

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use vypyska_core::{invoice_import, Lang, Store, SystemClock};

fn file(rows: usize) -> Vec<u8> {
    let mut text = String::from("Номер;Дата;Клієнт;ЄДРПОУ;Сума;Валюта\n");
    for i in 0..rows {
        text.push_str(&format!(
            "СФ-{i:07};01.11.2026;ТОВ «Клієнт {}»;14360570;{} {:03},50;UAH\n",
            i % 977,
            i % 90 + 1,
            i % 1000
        ));
    }
    text.into_bytes()
}

/// (preview, import) of a file into a fresh database.
fn once(bytes: &[u8]) -> (Duration, Duration, usize) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_in(dir.path()).unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    let start = Instant::now();
    let company = vypyska_core::companies::resolve(store.conn(), &SystemClock, None)
        .unwrap()
        .id;
    let preview =
        invoice_import::preview(store.conn(), Some(company), bytes, today, Lang::Uk).unwrap();
    let checked = start.elapsed();
    assert!(preview.errors.is_empty(), "{:?}", &preview.errors[..1]);
    let start = Instant::now();
    let n = invoice_import::import(&mut store, &SystemClock, preview).unwrap();
    (checked, start.elapsed(), n)
}

fn main() {
    println!("| rows | check (preview) | save (one transaction) | total | rows/s |");
    println!("|---|---|---|---|---|");
    for rows in [10_000, 40_000, 100_000] {
        let bytes = file(rows);
        let mut runs: Vec<(Duration, Duration, usize)> = (0..3).map(|_| once(&bytes)).collect();
        runs.sort_by_key(|(a, b, _)| *a + *b);
        let (check, save, n) = runs[1];
        assert_eq!(n, rows);
        let total = check + save;
        println!(
            "| {rows} | {:.2} s | {:.2} s | {:.2} s | {:.0} |",
            check.as_secs_f64(),
            save.as_secs_f64(),
            total.as_secs_f64(),
            rows as f64 / total.as_secs_f64()
        );
    }
}
