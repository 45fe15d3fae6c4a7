//! Invoice PDF benchmark (`cargo bench -p vypyska-tests --bench invoice_pdf`): an invoice laid
//! out, its NBU payment code made and drawn, and the PDF written with its font subset — one at
//! a time (the first, with the fonts read, apart), and a hundred in a row.

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use vypyska_core::invoice_sheet::{Line, Party, Sheet, VatRate};
use vypyska_core::payment_qr::QrFormat;

fn sheet(n: usize, lines: usize) -> Sheet {
    Sheet {
        number: format!("СФ-2026-{n:04}"),
        issued_on: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
        due_on: NaiveDate::from_ymd_opt(2026, 12, 15),
        supplier: Party {
            name: "ТОВ «Ромашка»".into(),
            tax_id: "14360570".into(),
            address: "м. Київ, вул. Хрещатик, 1".into(),
            iban: "UA213223130000026007233566001".into(),
        },
        supplier_vat: "платник ПДВ, ІПН 143605726543".into(),
        bank: "АТ КБ «ПриватБанк»".into(),
        buyer: Party {
            name: format!("ТОВ «Клієнт {n}»"),
            tax_id: "3012345670".into(),
            ..Party::default()
        },
        lines: (0..lines)
            .map(|i| Line {
                description: format!("Консультаційні послуги з обліку, етап {}", i + 1),
                unit: "послуга".into(),
                quantity: "1.5".parse().unwrap(),
                price: format!("{}.25", 100 + i).parse().unwrap(),
            })
            .collect(),
        rate: VatRate::Percent(20),
        prices_include_vat: false,
        signer: "Іваненко О. П.".into(),
        note: String::new(),
    }
}

fn render(s: &Sheet) -> (Duration, usize) {
    let start = Instant::now();
    let code = vypyska_core::payment_qr::payment_code(
        &vypyska_core::invoice_pdf::request(s),
        QrFormat::V003,
    )
    .unwrap();
    let pdf = vypyska_core::invoice_pdf::render(s, &code).unwrap();
    (start.elapsed(), pdf.len())
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let (first, _) = render(&sheet(0, 5));
    println!("first invoice (fonts read): {}", ms(first));
    println!("| invoice | median of 30 | slowest | PDF size |");
    println!("|---|---|---|---|");
    for lines in [1, 5, 40] {
        let mut runs: Vec<(Duration, usize)> = (0..30).map(|i| render(&sheet(i, lines))).collect();
        runs.sort();
        println!(
            "| {lines} line(s) | {} | {} | {} KB |",
            ms(runs[15].0),
            ms(runs[29].0),
            runs[15].1 / 1024
        );
    }
    let start = Instant::now();
    for i in 0..100 {
        render(&sheet(i, 5));
    }
    println!(
        "100 invoices of 5 lines in a row: {:.2} s",
        start.elapsed().as_secs_f64()
    );
}
