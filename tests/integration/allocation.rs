//! Invoices and automatic allocation through the CLI, against payments from the simulator.

use chrono::Duration;
use serde_json::Value;
use vypyska_core::invoice_numbers::find_invoice_numbers;
use vypyska_tests::{bank_today, sim_config, text, Env};

fn invoices(out: &std::process::Output) -> Vec<Value> {
    serde_json::from_slice(&out.stdout).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn payments_naming_invoices_are_allocated_once_and_a_reversal_undoes_it() {
    let env = Env::new(sim_config(1, 300, 30)).await;
    let from = (bank_today() - Duration::days(30)).to_string();
    let out = env.cli_add_merchant("Основний", 0, 30).await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));

    // Invoices for three posted incoming payments whose purposes name exactly one number.
    let mut picked = Vec::new();
    for t in env.sim.bank().transactions() {
        let found = find_invoice_numbers(&t.purpose);
        let unique_number = !picked.iter().any(|(_, n): &(_, String)| {
            *n == found.first().map(|f| f.raw.clone()).unwrap_or_default()
        });
        if t.incoming && t.pr_pr == "r" && found.len() == 1 && unique_number {
            picked.push((t.clone(), found[0].raw.clone()));
        }
        if picked.len() == 3 {
            break;
        }
    }
    assert_eq!(picked.len(), 3);
    for (t, number) in &picked {
        let amount = t.amount.to_string();
        let out = env
            .cli(
                &[
                    "invoice",
                    "add",
                    "--number",
                    number,
                    "--amount",
                    &amount,
                    "--currency",
                    "UAH",
                ],
                "",
            )
            .await;
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    }
    let out = env
        .cli(
            &[
                "invoice",
                "add",
                "--number",
                &picked[0].1,
                "--amount",
                "1",
                "--currency",
                "UAH",
            ],
            "",
        )
        .await;
    assert_eq!(out.status.code(), Some(1), "a duplicate number is refused");

    // The sync allocates by itself (auto_allocate is on by default).
    let out = env.cli(&["sync", "--from", &from], "").await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let list = invoices(&env.cli(&["invoices", "--json"], "").await);
    assert_eq!(list.len(), 3);
    for (inv, (t, number)) in list.iter().zip(&picked) {
        assert_eq!(inv["number"], number.as_str());
        assert_eq!(inv["status"], "paid", "{inv}");
        assert_eq!(inv["paid"], t.amount.to_string());
        assert_eq!(inv["statements"], serde_json::json!([t.key()]));
    }

    // Running it again changes nothing.
    let out = env.cli(&["allocate", "--dry-run"], "").await;
    assert!(
        text(&out.stdout).contains("Нічого розносити"),
        "{}",
        text(&out.stdout)
    );

    // The bank reverses the first payment: its allocation goes, the invoice is open again.
    assert!(env.sim.bank().settle(&picked[0].0.key(), "t"));
    let out = env.cli(&["sync", "--from", &from], "").await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let list = invoices(&env.cli(&["invoices", "--json"], "").await);
    assert_eq!(list[0]["status"], "open");
    assert_eq!(list[0]["statements"], serde_json::json!([]));
    assert_eq!(list[1]["status"], "paid");
    let log: i64 = env
        .store()
        .conn()
        .query_row(
            "SELECT COUNT(*) FROM allocation_log WHERE action = 'unallocate'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(log, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invoice_import_is_all_or_nothing() {
    let env = Env::new(sim_config(1, 5, 2)).await;
    let good = env.data_dir().join("good.csv");
    let cp1251 = encoding_rs::WINDOWS_1251
        .encode("Номер;Дата;Клієнт;Сума;Валюта\nСФ-000123;01.11.2026;ТОВ «Ромашка»;1 250,50;UAH\n45;02.11.2026;ФОП Шевчук;300;UAH\n")
        .0
        .into_owned();
    std::fs::write(&good, cp1251).unwrap();
    let bad = env.data_dir().join("bad.csv");
    std::fs::write(&bad, "number,amount\n46,10\n47,ten\n").unwrap();

    let out = env
        .cli(&["invoice", "import", bad.to_str().unwrap()], "")
        .await;
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stdout).contains("рядок 3"),
        "{}",
        text(&out.stdout)
    );
    assert!(text(&out.stderr).contains("нічого не імпортовано"));
    let out = env
        .cli(
            &["invoice", "import", "--dry-run", good.to_str().unwrap()],
            "",
        )
        .await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("ТОВ «Ромашка»"));
    assert!(invoices(&env.cli(&["invoices", "--json"], "").await).is_empty());
    let out = env
        .cli(&["invoice", "import", good.to_str().unwrap()], "")
        .await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let list = invoices(&env.cli(&["invoices", "--json"], "").await);
    assert_eq!(list.len(), 2);
    assert_eq!(list[0]["number"], "СФ-000123");
    assert_eq!(list[0]["amount"], "1250.50");
    assert_eq!(list[0]["status"], "open");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn manual_allocation_and_removal_stick() {
    let env = Env::new(sim_config(1, 200, 20)).await;
    env.cli_add_merchant("Основний", 0, 20).await;
    let t = env
        .sim
        .bank()
        .transactions()
        .into_iter()
        .find(|t| t.incoming && t.pr_pr == "r" && find_invoice_numbers(&t.purpose).len() == 1)
        .unwrap();
    let number = find_invoice_numbers(&t.purpose)[0].raw.clone();
    let amount = t.amount.to_string();
    env.cli(
        &[
            "invoice",
            "add",
            "--number",
            &number,
            "--amount",
            &amount,
            "--currency",
            "UAH",
        ],
        "",
    )
    .await;
    env.cli(
        &[
            "invoice",
            "add",
            "--number",
            "MANUAL-1",
            "--amount",
            &amount,
            "--currency",
            "UAH",
        ],
        "",
    )
    .await;
    env.cli(&["sync"], "").await;
    let list = invoices(&env.cli(&["invoices", "--json"], "").await);
    let auto = list
        .iter()
        .find(|i| i["number"] == number.as_str())
        .unwrap();
    assert_eq!(auto["status"], "paid");

    // Undo the automatic allocation: it stays undone after the next sync.
    let out = env.cli(&["unallocate", "--statement", &t.key()], "").await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    env.cli(&["sync"], "").await;
    let list = invoices(&env.cli(&["invoices", "--json"], "").await);
    assert!(list.iter().all(|i| i["status"] == "open"), "{list:?}");

    // Allocate it by hand to the other invoice; more than the payment is refused.
    let too_much = (t.amount + rust_decimal::Decimal::ONE).to_string();
    let out = env
        .cli(
            &[
                "allocate",
                "--statement",
                &t.key(),
                "--invoice",
                "MANUAL-1",
                "--amount",
                &too_much,
            ],
            "",
        )
        .await;
    assert_eq!(out.status.code(), Some(1));
    let out = env
        .cli(
            &["allocate", "--statement", &t.key(), "--invoice", "MANUAL-1"],
            "",
        )
        .await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let list = invoices(&env.cli(&["invoices", "--json"], "").await);
    let manual = list.iter().find(|i| i["number"] == "MANUAL-1").unwrap();
    assert_eq!(manual["status"], "paid");
    assert_eq!(manual["statements"], serde_json::json!([t.key()]));

    let out = env.cli(&["invoice", "cancel", "MANUAL-1"], "").await;
    assert_eq!(out.status.code(), Some(0));
    let list = invoices(&env.cli(&["invoices", "--json"], "").await);
    assert_eq!(
        list.iter().find(|i| i["number"] == "MANUAL-1").unwrap()["status"],
        "cancelled"
    );
    let log: i64 = env
        .store()
        .conn()
        .query_row("SELECT COUNT(*) FROM allocation_log", [], |r| r.get(0))
        .unwrap();
    assert_eq!(log, 3, "auto allocate, manual removal, manual allocate");
}
