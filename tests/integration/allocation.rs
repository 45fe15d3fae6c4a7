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
        add_invoice(&env, number, &t.amount.to_string(), "").await;
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
    add_invoice(&env, &number, &amount, "").await;
    add_invoice(&env, "MANUAL-1", &amount, "").await;
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

    // A cancelled invoice takes no payment.
    add_invoice(&env, "CANCELLED-1", &amount, "").await;
    env.cli(&["invoice", "cancel", "CANCELLED-1"], "").await;
    let out = env
        .cli(
            &[
                "allocate",
                "--statement",
                &t.key(),
                "--invoice",
                "CANCELLED-1",
            ],
            "",
        )
        .await;
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("скасовано"),
        "{}",
        text(&out.stderr)
    );

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

/// Adds an invoice through the CLI; panics with its message when refused.
async fn add_invoice(env: &Env, number: &str, amount: &str, tax_id: &str) {
    let out = env
        .cli(
            &[
                "invoice",
                "add",
                "--number",
                number,
                "--amount",
                amount,
                "--currency",
                "UAH",
                "--customer-tax-id",
                tax_id,
            ],
            "",
        )
        .await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_ambiguous_payment_waits_for_a_person_who_accepts_or_rejects() {
    use vypyska_core::allocation::{self, review_queue};
    use vypyska_core::SystemClock;

    let env = Env::new(sim_config(1, 300, 30)).await;
    env.cli_add_merchant("Основний", 0, 30).await;
    // Two posted payments, each naming one number; for each, two invoices whose numbers share
    // those digits (a loose match), for other customers and other amounts: ambiguous.
    let mut payments = Vec::new();
    for t in env.sim.bank().transactions() {
        let found = find_invoice_numbers(&t.purpose);
        if t.incoming && t.pr_pr == "r" && found.len() == 1 && !t.counterparty_tax_id.is_empty() {
            let digits = found[0].digits.clone();
            if !payments.iter().any(|(_, d): &(_, String)| *d == digits) {
                payments.push((t.clone(), digits));
            }
        }
        if payments.len() == 2 {
            break;
        }
    }
    assert_eq!(payments.len(), 2);
    for (t, digits) in &payments {
        let other = (t.amount + rust_decimal::Decimal::TEN).to_string();
        add_invoice(&env, &format!("A-{digits}"), &other, "").await;
        add_invoice(&env, &format!("B-{digits}"), &other, "").await;
    }
    let out = env.cli(&["sync"], "").await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));

    let mut store = env.store();
    let queue = review_queue(store.conn()).unwrap();
    assert_eq!(queue.len(), 2, "{queue:?}");
    for item in &queue {
        assert_eq!(item.candidates.len(), 2);
        assert!(item
            .candidates
            .iter()
            .all(|c| !c.same_payer && !c.same_amount));
    }
    // Another run keeps the same queue, adds nothing and allocates nothing.
    env.cli(&["sync"], "").await;
    assert_eq!(review_queue(store.conn()).unwrap(), queue);
    let list = invoices(&env.cli(&["invoices", "--json"], "").await);
    assert!(list.iter().all(|i| i["status"] == "open"), "{list:?}");

    // Accept: the whole payment goes to the chosen invoice, by hand, and leaves the queue.
    let first = &queue[0];
    let chosen = &first.candidates[1];
    allocation::accept_suggestion(
        &mut store,
        &SystemClock,
        "user",
        first.statement_id,
        chosen.invoice_id,
    )
    .unwrap();
    // Reject the other: it leaves the queue and is not suggested again.
    allocation::reject_suggestions(&mut store, &SystemClock, "user", queue[1].statement_id)
        .unwrap();
    assert!(review_queue(store.conn()).unwrap().is_empty());
    assert!(allocation::reject_suggestions(
        &mut store,
        &SystemClock,
        "user",
        queue[1].statement_id
    )
    .is_err());
    env.cli(&["sync"], "").await;
    assert!(review_queue(store.conn()).unwrap().is_empty());
    let list = invoices(&env.cli(&["invoices", "--json"], "").await);
    let paid: Vec<_> = list.iter().filter(|i| i["status"] != "open").collect();
    assert_eq!(paid.len(), 1, "{list:?}");
    assert_eq!(paid[0]["number"], chosen.number.as_str());
    assert_eq!(paid[0]["statements"], serde_json::json!([first.key]));
    let source: String = store
        .conn()
        .query_row(
            "SELECT source FROM allocations WHERE statement_id = ?1",
            [first.statement_id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(source, "manual");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_invoice_is_edited_in_place_and_a_bad_edit_changes_nothing() {
    let env = Env::new(sim_config(1, 5, 2)).await;
    add_invoice(&env, "СФ-000123", "1000", "").await;
    add_invoice(&env, "45", "300", "").await;
    let out = env
        .cli(
            &[
                "invoice",
                "edit",
                "сф-000123",
                "--amount",
                "1250.50",
                "--customer",
                "ТОВ «Ромашка»",
            ],
            "",
        )
        .await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let list = invoices(&env.cli(&["invoices", "--json"], "").await);
    assert_eq!(list[0]["number"], "СФ-000123");
    assert_eq!(list[0]["amount"], "1250.50");
    assert_eq!(list[0]["customer_name"], "ТОВ «Ромашка»");
    // Another invoice's number, a bad amount and a missing invoice are refused; nothing changes.
    for args in [
        &["invoice", "edit", "45", "--number", "СФ-000123"][..],
        &["invoice", "edit", "45", "--amount", "0"],
        &["invoice", "edit", "46", "--amount", "10"],
    ] {
        let out = env.cli(args, "").await;
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(!text(&out.stderr).trim().is_empty());
    }
    let after = invoices(&env.cli(&["invoices", "--json"], "").await);
    assert_eq!(after[1]["number"], "45");
    assert_eq!(after[1]["amount"], "300.00");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sync_gives_outgoing_payments_their_category() {
    let env = Env::new(sim_config(1, 200, 20)).await;
    env.cli_add_merchant("Основний", 0, 20).await;
    let out = env.cli(&["sync"], "").await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let rows: Vec<Value> =
        serde_json::from_slice(&env.cli(&["statements", "--json"], "").await.stdout).unwrap();
    assert!(rows.iter().any(|r| r["direction"] == "out"));
    for r in &rows {
        let expected = if r["direction"] == "out" {
            Value::from("Інші витрати")
        } else {
            Value::Null
        };
        assert_eq!(r["category"], expected, "{r}");
    }
    // Rules reach past payments on request.
    let out_row = rows.iter().find(|r| r["direction"] == "out").unwrap();
    let tax_id = out_row["counterparty_tax_id"].as_str().unwrap();
    {
        let store = env.store();
        vypyska_core::categories::add_rule(
            store.conn(),
            vypyska_core::categories::Field::TaxId,
            vypyska_core::categories::Op::Equals,
            tax_id,
            "Постачальники",
            None,
        )
        .unwrap();
    }
    let out = env.cli(&["categorize", "--reapply"], "").await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let rows: Vec<Value> =
        serde_json::from_slice(&env.cli(&["statements", "--json"], "").await.stdout).unwrap();
    for r in rows.iter().filter(|r| r["direction"] == "out") {
        let expected = if r["counterparty_tax_id"] == tax_id {
            "Постачальники"
        } else {
            "Інші витрати"
        };
        assert_eq!(r["category"], expected, "{r}");
    }
}
