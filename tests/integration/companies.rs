//! Several companies in one app: each account belongs to one, invoice numbers are unique within
//! one, and a payment pays only its own company's invoices.

use serde_json::Value;
use vypyska_core::store::Tables;
use vypyska_tests::{sim_config, text, Env};

async fn company_add(env: &Env, name: &str, tax_id: &str) {
    let out = env
        .cli(&["company", "add", "--name", name, "--tax-id", tax_id], "")
        .await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}

async fn merchant_add(env: &Env, name: &str, index: usize, company: &str) {
    let out = env.cli_add_merchant_to(name, index, 5, Some(company)).await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_same_invoice_number_in_two_companies_is_paid_by_each_ones_own_payment() {
    let env = Env::new(sim_config(2, 10, 5)).await;
    company_add(&env, "ТОВ «Ромашка»", "14360570").await;
    company_add(&env, "ФОП Шевчук", "3012345670").await;
    merchant_add(&env, "Ромашка", 0, "ТОВ «Ромашка»").await;
    merchant_add(&env, "Шевчук", 1, "ФОП Шевчук").await;

    // With two companies an invoice must say whose it is, in words.
    let out = env
        .cli(
            &[
                "invoice",
                "add",
                "--number",
                "СФ-0001",
                "--amount",
                "100",
                "--currency",
                "UAH",
            ],
            "",
        )
        .await;
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("Компаній кілька"),
        "{}",
        text(&out.stderr)
    );
    for (company, amount) in [("ТОВ «Ромашка»", "1250,50"), ("ФОП Шевчук", "300")]
    {
        let out = env
            .cli(
                &[
                    "invoice",
                    "add",
                    "--number",
                    "СФ-0001",
                    "--amount",
                    amount,
                    "--currency",
                    "UAH",
                    "--company",
                    company,
                ],
                "",
            )
            .await;
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    }
    // The same number twice in one company is refused.
    let out = env
        .cli(
            &[
                "invoice",
                "add",
                "--number",
                "сф-0001",
                "--amount",
                "5",
                "--currency",
                "UAH",
                "--company",
                "ФОП Шевчук",
            ],
            "",
        )
        .await;
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));

    // Each account receives a payment naming "СФ-0001", for its own company's amount.
    let accounts = env.sim.bank().accounts();
    for (account, amount) in [(&accounts[0], "1250.50"), (&accounts[1], "300")] {
        env.bank_pays(&account.iban, amount, "Оплата згідно рах. № СФ-0001");
    }
    let out = env.cli(&["sync"], "").await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));

    let out = env.cli_ok(&["invoices", "--json"]).await;
    let invoices: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(invoices.len(), 2);
    for i in &invoices {
        assert_eq!(i["status"], "paid", "{i}");
        assert_eq!(i["paid"], i["amount"], "{i}");
    }
    let by_company: Vec<(String, String)> = invoices
        .iter()
        .map(|i| {
            (
                i["company"].as_str().unwrap().to_owned(),
                i["amount"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert!(
        by_company.contains(&("ТОВ «Ромашка»".into(), "1250.50".into())),
        "{by_company:?}"
    );
    assert!(
        by_company.contains(&("ФОП Шевчук".into(), "300.00".into())),
        "{by_company:?}"
    );
    let store = env.store();
    assert!(store.allocations().inconsistencies().unwrap().is_empty());

    // Each company's statements and invoices, apart; every row names its company.
    let all: Vec<Value> =
        serde_json::from_slice(&env.cli_ok(&["statements", "--json"]).await.stdout).unwrap();
    let mine: Vec<Value> = serde_json::from_slice(
        &env.cli_ok(&["statements", "--json", "--company", "тов «ромашка»"])
            .await
            .stdout,
    )
    .unwrap();
    assert!(!mine.is_empty() && mine.len() < all.len());
    assert!(
        mine.iter().all(|r| r["company"] == "ТОВ «Ромашка»"),
        "{mine:?}"
    );
    assert!(mine
        .iter()
        .all(|r| r["account"] == accounts[0].iban.as_str()));
    let theirs: Vec<Value> = serde_json::from_slice(
        &env.cli_ok(&["invoices", "--json", "--company", "ФОП Шевчук"])
            .await
            .stdout,
    )
    .unwrap();
    assert_eq!(theirs.len(), 1);
    assert_eq!(theirs[0]["amount"], "300.00");
    let balances: Vec<Value> = serde_json::from_slice(
        &env.cli_ok(&["balances", "--json", "--company", "ФОП Шевчук"])
            .await
            .stdout,
    )
    .unwrap();
    assert_eq!(balances.len(), 1, "{balances:?}");
    assert_eq!(balances[0]["account"], accounts[1].iban.as_str());
    assert_eq!(balances[0]["company"], "ФОП Шевчук");

    // A company that still has accounts and invoices is not removed; the counts are said.
    let out = env.cli(&["company", "remove", "ФОП Шевчук"], "").await;
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("рахунків-фактур: 1"),
        "{}",
        text(&out.stderr)
    );
    let out = env.cli_ok(&["company", "list", "--json"]).await;
    let listed: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(listed.len(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_company_that_allocates_by_hand_is_left_alone_until_asked() {
    let env = Env::new(sim_config(2, 10, 5)).await;
    company_add(&env, "ТОВ «Ромашка»", "14360570").await;
    company_add(&env, "ФОП Шевчук", "3012345670").await;
    merchant_add(&env, "Ромашка", 0, "ТОВ «Ромашка»").await;
    merchant_add(&env, "Шевчук", 1, "ФОП Шевчук").await;
    // One file for both companies: a `company` column says whose each invoice is.
    let file = env.data_dir().join("invoices.csv");
    std::fs::write(
        &file,
        "Компанія;Номер;Сума\nТОВ «Ромашка»;СФ-7;100\n3012345670;СФ-7;200\n",
    )
    .unwrap();
    env.cli_ok(&["invoice", "import", file.to_str().unwrap()])
        .await;
    // ФОП Шевчук allocates by hand; the global switch stays on.
    env.cli_ok(&[
        "settings",
        "set",
        "auto_allocate",
        "off",
        "--company",
        "ФОП Шевчук",
    ])
    .await;
    let own: Value = serde_json::from_slice(
        &env.cli_ok(&["settings", "--json", "--company", "ФОП Шевчук"])
            .await
            .stdout,
    )
    .unwrap();
    assert_eq!(own["auto_allocate"], "off");
    let global: Value =
        serde_json::from_slice(&env.cli_ok(&["settings", "--json"]).await.stdout).unwrap();
    assert_eq!(global["auto_allocate"], "on");
    // A setting that is one for all companies is refused for one, in words.
    let out = env
        .cli(
            &[
                "settings",
                "set",
                "language",
                "en",
                "--company",
                "ФОП Шевчук",
            ],
            "",
        )
        .await;
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("одне для всіх"),
        "{}",
        text(&out.stderr)
    );

    let accounts = env.sim.bank().accounts();
    for (account, amount) in [(&accounts[0], "100"), (&accounts[1], "200")] {
        env.bank_pays(&account.iban, amount, "Оплата згідно рах. № СФ-7");
    }
    env.cli_ok(&["sync"]).await;
    let status = |invoices: &[Value], company: &str| {
        invoices
            .iter()
            .find(|i| i["company"] == company)
            .map(|i| i["status"].as_str().unwrap().to_owned())
            .unwrap()
    };
    let invoices: Vec<Value> =
        serde_json::from_slice(&env.cli_ok(&["invoices", "--json"]).await.stdout).unwrap();
    assert_eq!(status(&invoices, "ТОВ «Ромашка»"), "paid");
    assert_eq!(status(&invoices, "ФОП Шевчук"), "open");
    // Asked for, allocation runs for that company alone.
    let plan = env
        .cli_ok(&["allocate", "--dry-run", "--company", "ФОП Шевчук"])
        .await;
    assert_eq!(
        text(&plan.stdout).lines().count(),
        1,
        "{}",
        text(&plan.stdout)
    );
    env.cli_ok(&["allocate", "--company", "ФОП Шевчук"]).await;
    let invoices: Vec<Value> =
        serde_json::from_slice(&env.cli_ok(&["invoices", "--json"]).await.stdout).unwrap();
    assert_eq!(status(&invoices, "ФОП Шевчук"), "paid");
    // Back to the global value.
    env.cli_ok(&[
        "settings",
        "reset",
        "auto_allocate",
        "--company",
        "ФОП Шевчук",
    ])
    .await;
    let own: Value = serde_json::from_slice(
        &env.cli_ok(&["settings", "--json", "--company", "ФОП Шевчук"])
            .await
            .stdout,
    )
    .unwrap();
    assert_eq!(own["auto_allocate"], "on");
}
