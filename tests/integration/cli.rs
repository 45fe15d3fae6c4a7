//! The `vypyska` CLI as scripts use it: exit codes, messages, JSON, and syncs that are killed or
//! run twice at once.

use std::time::{Duration, Instant};

use chrono::Duration as Days;
use privat24_sim::{Fault, RandomFaults};
use serde_json::Value;
use vypyska_core::secrets::{Keyring, SecretError, SecretStore};
use vypyska_core::settings::Settings;
use vypyska_tests::{bank_today, sim_config, text, Env};

fn from_arg(days: i64) -> String {
    (bank_today() - Days::days(days)).to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn merchant_add_refuses_bad_input_with_a_clear_message_and_saves_nothing() {
    let env = Env::new(sim_config(2, 20, 5)).await;
    let good = env.sim.bank().accounts()[0].clone();
    let token = format!("{}\n", env.sim.bank().token());
    let cases: [(&[&str], &str, &str); 5] = [
        (
            &[
                "--account",
                "UA213223130000026007233566002",
                "--currency",
                "UAH",
            ],
            &token,
            "контрольна сума",
        ),
        (
            &["--account", "UA2132231300000260", "--currency", "UAH"],
            &token,
            "29 символів",
        ),
        (
            &["--account", &good.iban, "--currency", "XYZ"],
            &token,
            "Невідома валюта",
        ),
        (
            &["--account", &good.iban, "--currency", "UAH"],
            "\n",
            "Токен порожній",
        ),
        (
            &["--account", &good.iban, "--currency", "UAH"],
            "not-the-token\n",
            "HTTP 401",
        ),
    ];
    for (args, stdin, expect) in cases {
        let mut full = vec!["merchant", "add", "--name", "Основний", "--token-stdin"];
        full.extend_from_slice(args);
        let out = env.cli(&full, stdin).await;
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(err.contains(expect), "{args:?}: {err}");
        assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
    }
    // The currency must be the account's own.
    let out = env
        .cli(
            &[
                "merchant",
                "add",
                "--name",
                "X",
                "--account",
                &good.iban,
                "--currency",
                "EUR",
                "--token-stdin",
            ],
            &token,
        )
        .await;
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("UAH"), "{}", text(&out.stderr));
    // Usage errors exit with 2.
    let out = env.cli(&["merchant", "add", "--name", "X"], "").await;
    assert_eq!(out.status.code(), Some(2));
    let out = env
        .cli(&["statements", "--direction", "sideways"], "")
        .await;
    assert_eq!(out.status.code(), Some(2));

    let list = env.cli(&["merchant", "list", "--json"], "").await;
    assert_eq!(list.status.code(), Some(0));
    let list: Value = serde_json::from_slice(&list.stdout).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 0, "nothing was saved");

    assert_eq!(
        env.cli_add_merchant("Основний", 0, 30).await.status.code(),
        Some(0)
    );
    let again = env.cli_add_merchant("основний", 1, 30).await;
    assert_eq!(again.status.code(), Some(1));
    assert!(text(&again.stderr).contains("вже використовується"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sync_then_list_statements_and_balances_as_json() {
    let env = Env::new(sim_config(2, 150, 40)).await;
    for (i, name) in ["Гривневий", "Доларовий"].iter().enumerate() {
        let out = env.cli_add_merchant(name, i, 30).await;
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    }
    let out = env.cli(&["sync"], "").await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("готово"));

    let out = env.cli(&["statements", "--json"], "").await;
    let all: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    let uah = &env.sim.bank().accounts()[0];
    let from = bank_today() - Days::days(30);
    let want = env.bank_rows(&uah.iban, from).len()
        + env
            .bank_rows(&env.sim.bank().accounts()[1].iban, from)
            .len();
    assert_eq!(all.len(), want);
    let row = &all[0];
    for field in [
        "key",
        "merchant",
        "account",
        "direction",
        "amount",
        "currency",
        "amount_uah",
        "posted_at",
        "state",
        "counterparty_name",
        "counterparty_tax_id",
        "counterparty_iban",
        "purpose",
    ] {
        assert!(row.get(field).is_some(), "missing {field}");
    }
    assert!(row["amount"].as_str().unwrap().contains('.'));
    let posted_at =
        chrono::DateTime::parse_from_rfc3339(row["posted_at"].as_str().unwrap()).unwrap();
    assert!([2 * 3600, 3 * 3600].contains(&posted_at.offset().local_minus_utc()));

    // Filters: merchant, direction, dates, search — checked against the bank's own data.
    let out = env
        .cli(
            &[
                "statements",
                "--json",
                "--merchant",
                "Гривневий",
                "--direction",
                "in",
            ],
            "",
        )
        .await;
    let incoming: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    let bank_in = env
        .sim
        .bank()
        .transactions()
        .into_iter()
        .filter(|t| t.account == uah.iban && t.incoming && t.day >= from)
        .count();
    assert_eq!(incoming.len(), bank_in);
    assert!(incoming
        .iter()
        .all(|r| r["direction"] == "in" && r["merchant"] == "Гривневий"));

    let day = from_arg(3);
    let out = env
        .cli(&["statements", "--json", "--from", &day, "--to", &day], "")
        .await;
    let one_day: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert!(one_day
        .iter()
        .all(|r| r["posted_at"].as_str().unwrap().starts_with(&day)));
    let bank_day = env
        .sim
        .bank()
        .transactions()
        .into_iter()
        .filter(|t| t.day.to_string() == day)
        .count();
    assert_eq!(one_day.len(), bank_day);

    let out = env
        .cli(&["statements", "--json", "--search", "оренди"], "")
        .await;
    let found: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert!(!found.is_empty());
    assert!(found.iter().all(|r| r["purpose"]
        .as_str()
        .unwrap()
        .to_lowercase()
        .contains("оренди")));

    let out = env.cli(&["balances", "--json"], "").await;
    let balances: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(balances.len(), 2);
    assert_eq!(balances[0]["day"], bank_today().to_string());

    // Plain text: Ukrainian amounts.
    let out = env
        .cli(&["statements", "--merchant", "Гривневий"], "")
        .await;
    assert!(text(&out.stdout).contains("\u{a0}₴"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn renaming_a_merchant_keeps_its_statements_and_refuses_a_taken_name() {
    let env = Env::new(sim_config(2, 20, 5)).await;
    for (i, name) in ["Основний", "Валютний"].into_iter().enumerate() {
        let out = env.cli_add_merchant(name, i, 30).await;
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    }
    let out = env.cli(&["sync"], "").await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let rows = |name: &'static str| {
        let env = &env;
        async move {
            let out = env
                .cli(&["statements", "--json", "--merchant", name], "")
                .await;
            serde_json::from_slice::<Vec<serde_json::Value>>(&out.stdout).map(|v| v.len())
        }
    };
    let before = rows("Основний").await.unwrap();
    assert!(before > 0);

    // Another merchant's name, in any case, is refused; an empty one too.
    let out = env
        .cli(&["merchant", "rename", "Основний", "ВАЛЮТНИЙ"], "")
        .await;
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("Валютний"),
        "{}",
        text(&out.stderr)
    );
    let out = env.cli(&["merchant", "rename", "Основний", "  "], "").await;
    assert_eq!(out.status.code(), Some(1));

    let out = env
        .cli(&["merchant", "rename", "основний", "Головний рахунок"], "")
        .await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(rows("Головний рахунок").await.unwrap(), before);
    assert_eq!(rows("Основний").await.unwrap_or(0), 0);
    // The token is the same keyring entry: the renamed merchant still syncs.
    let out = env
        .cli(&["sync", "--merchant", "Головний рахунок"], "")
        .await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn removing_a_merchant_removes_its_keyring_entry() {
    let env = Env::new(sim_config(1, 20, 5)).await;
    assert_eq!(
        env.cli_add_merchant("Основний", 0, 30).await.status.code(),
        Some(0)
    );
    let secret_ref: String = env
        .store()
        .conn()
        .query_row("SELECT secret_ref FROM merchants", [], |r| r.get(0))
        .unwrap();
    assert!(Keyring.load(&secret_ref).is_ok());
    let out = env.cli(&["merchant", "remove", "Основний"], "").await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(Keyring.load(&secret_ref).unwrap_err(), SecretError::Missing);
    let out = env.cli(&["merchant", "remove", "Основний"], "").await;
    assert_eq!(out.status.code(), Some(1));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_token_never_reaches_the_database_or_the_output() {
    let env = Env::new_file(sim_config(1, 60, 10)).await;
    let canary = env.sim.bank().token();
    let mut outputs = vec![env.cli_add_merchant("Основний", 0, 30).await];
    outputs.push(env.cli(&["sync"], "").await);
    outputs.push(env.cli(&["merchant", "list", "--json"], "").await);
    outputs.push(env.cli(&["statements", "--json"], "").await);
    env.sim.bank().inject([Fault::Status(401)]);
    outputs.push(env.cli(&["sync"], "").await);
    // Debug logs show the requests, never the token.
    let mut cmd = env.command(&["sync"]);
    cmd.env("VYPYSKA_LOG", "debug");
    let logged = tokio::task::spawn_blocking(move || cmd.output().unwrap())
        .await
        .unwrap();
    assert!(
        text(&logged.stderr).contains("bank request"),
        "{}",
        text(&logged.stderr)
    );
    assert!(text(&logged.stderr).contains("credentials loaded"));
    outputs.push(logged);
    for out in &outputs {
        assert!(!text(&out.stdout).contains(&canary));
        assert!(!text(&out.stderr).contains(&canary));
    }
    // Nor in any file of the data folder, the daily backups included.
    let files = vypyska_tests::assert_not_in_folder(env.data_dir(), &canary);
    assert!(
        env.data_dir().join("backups").read_dir().unwrap().count() == 1 && files > 2,
        "the daily backup was made and read"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_keyring_adding_fails_clearly_and_saves_nothing() {
    let env = Env::new(sim_config(1, 20, 5)).await;
    let account = env.sim.bank().accounts()[0].clone();
    let mut cmd = env.command(&[
        "merchant",
        "add",
        "--name",
        "X",
        "--account",
        &account.iban,
        "--currency",
        "UAH",
        "--token-stdin",
    ]);
    cmd.env("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus");
    let out = tokio::task::spawn_blocking(move || {
        use std::io::Write;
        let mut child = cmd.spawn().unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(b"sim-token-1\n")
            .unwrap();
        child.wait_with_output().unwrap()
    })
    .await
    .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("Сховище паролів"),
        "{}",
        text(&out.stderr)
    );
    let list = env.cli(&["merchant", "list", "--json"], "").await;
    assert_eq!(text(&list.stdout).trim(), "[]");
}

/// A bank that answers every request slowly, and a small page, so a sync takes seconds.
async fn slow_env() -> Env {
    let env = Env::new(sim_config(1, 400, 30)).await;
    assert_eq!(
        env.cli_add_merchant("Основний", 0, 30).await.status.code(),
        Some(0)
    );
    Settings::set(env.store().conn(), "page_limit", "20").unwrap();
    env.sim.bank().set_random_faults(Some(RandomFaults {
        rate: 1.0,
        kinds: vec![Fault::Slow(Duration::from_millis(150))],
        seed: 3,
    }));
    env
}

fn pages_committed(env: &Env) -> i64 {
    env.store()
        .conn()
        .query_row("SELECT COALESCE(MAX(pages), 0) FROM sync_runs", [], |r| {
            r.get(0)
        })
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sync_killed_mid_way_converges_on_the_next_run() {
    let env = slow_env().await;
    let account = env.sim.bank().accounts()[0].iban.clone();
    let from = bank_today() - Days::days(30);
    for round in 0..3 {
        let mut child = env.command(&["sync"]).spawn().unwrap();
        let start = Instant::now();
        let before = pages_committed(&env);
        while pages_committed(&env) <= before + round && start.elapsed() < Duration::from_secs(20) {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        child.kill().unwrap();
        child.wait().unwrap();
        let (got, count) = env.stored_rows(&account);
        assert_eq!(count, got.len(), "no duplicates after a kill");
        assert!(got.is_subset(&env.bank_rows(&account, from)));
    }
    env.sim.bank().set_random_faults(None);
    let out = env.cli(&["sync"], "").await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    env.assert_same_as_bank(&account, from);
    let out = env.cli(&["runs", "--json"], "").await;
    let runs: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(runs[0]["outcome"], "ok");
    let interrupted = runs
        .iter()
        .filter(|r| r["outcome"] == "interrupted")
        .count();
    assert_eq!(interrupted, 3, "{runs:?}");
    assert_eq!(env.integrity(), "ok");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_processes_syncing_at_once_neither_duplicates_nor_fails() {
    let env = slow_env().await;
    let account = env.sim.bank().accounts()[0].iban.clone();
    let (first, second) = tokio::join!(env.cli(&["sync"], ""), async {
        tokio::time::sleep(Duration::from_millis(300)).await;
        env.cli(&["sync"], "").await
    });
    assert_eq!(first.status.code(), Some(0), "{}", text(&first.stderr));
    // Skipped is said, and a script sees it in the exit code.
    assert_eq!(second.status.code(), Some(3), "{}", text(&second.stderr));
    assert!(
        text(&second.stderr).contains("пропущено"),
        "{}",
        text(&second.stderr)
    );
    let (got, count) = env.stored_rows(&account);
    assert_eq!(got, env.bank_rows(&account, bank_today() - Days::days(30)));
    assert_eq!(count, got.len());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn settings_are_validated_and_survive_between_runs() {
    let env = Env::new(sim_config(1, 5, 2)).await;
    let out = env
        .cli(&["settings", "set", "sync_times", "18:00,9:00"], "")
        .await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let out = env
        .cli(&["settings", "set", "lookback_days", "100"], "")
        .await;
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("від 0 до 60"),
        "{}",
        text(&out.stderr)
    );
    let out = env.cli(&["settings", "set", "nonsense", "1"], "").await;
    assert_eq!(out.status.code(), Some(1));
    let out = env.cli(&["settings", "set", "language", "en"], "").await;
    assert_eq!(out.status.code(), Some(0));
    let out = env.cli(&["settings", "--json"], "").await;
    let s: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(s["sync_times"], "09:00,18:00");
    assert_eq!(s["lookback_days"], "3");
    assert_eq!(s["language"], "en");
    // Messages follow the language setting.
    let out = env.cli(&["merchant", "remove", "nobody"], "").await;
    assert!(
        text(&out.stderr).contains("There is no merchant"),
        "{}",
        text(&out.stderr)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn employees_are_kept_from_the_cli_with_what_each_hears() {
    let env = Env::new(sim_config(1, 10, 5)).await;
    env.cli_ok(&[
        "company",
        "add",
        "--name",
        "ТОВ «Перша»",
        "--tax-id",
        "32855961",
    ])
    .await;
    // Someone who joins hears of new payments until they choose otherwise.
    env.cli_ok(&["employee", "add", "Олена"]).await;
    env.cli_ok(&[
        "employee",
        "add",
        "Петро",
        "--email",
        "petro@example.com",
        "--hears",
        "invoices,trouble",
        "--company",
        "ТОВ «Перша»",
    ])
    .await;
    let listed = |out: &std::process::Output| -> serde_json::Value {
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let all = listed(&env.cli_ok(&["employee", "list", "--json"]).await);
    let by_name = |name: &str| {
        all.as_array()
            .unwrap()
            .iter()
            .find(|e| e["name"] == name)
            .cloned()
            .unwrap_or_else(|| panic!("no {name} in {all}"))
    };
    assert_eq!(by_name("Олена")["kinds"], serde_json::json!(["payment"]));
    assert_eq!(
        by_name("Петро")["kinds"],
        serde_json::json!(["invoice_paid", "trouble"])
    );
    assert_eq!(by_name("Петро")["companies"].as_array().unwrap().len(), 1);
    let text_list = text(&env.cli_ok(&["employee", "list"]).await.stdout);
    assert!(
        text_list.contains("Олена\t\tpayments\tусі компанії"),
        "{text_list}"
    );

    // Refusals in words, and nothing changed by them.
    for (args, words) in [
        (vec!["employee", "add", "олена"], "уже є"),
        (
            vec!["employee", "add", "Іван", "--hears", "gossip"],
            "gossip",
        ),
        (vec!["employee", "add", "Іван", "--email", "ivan@"], "ivan@"),
        (vec!["employee", "edit", "Нікого"], "Олена"),
    ] {
        let out = env.cli(&args, "").await;
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(
            text(&out.stderr).contains(words),
            "{args:?}: {}",
            text(&out.stderr)
        );
    }
    // The two, and the tests' own employee.
    let unchanged = listed(&env.cli_ok(&["employee", "list", "--json"]).await);
    assert_eq!(unchanged.as_array().unwrap().len(), 3, "{unchanged}");

    env.cli_ok(&[
        "employee",
        "edit",
        "Петро",
        "--hears",
        "none",
        "--all-companies",
    ])
    .await;
    env.cli_ok(&["employee", "remove", "Олена"]).await;
    let after = listed(&env.cli_ok(&["employee", "list", "--json"]).await);
    let names: Vec<&str> = after
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["name"].as_str())
        .collect();
    assert!(!names.contains(&"Олена"), "{after}");
    let petro = after
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"] == "Петро")
        .unwrap();
    assert_eq!(petro["kinds"], serde_json::json!([]));
    assert_eq!(petro["companies"], serde_json::json!([]));
}
