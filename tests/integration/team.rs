//! Team mode from the CLI: moving a computer's books onto the team's PostgreSQL server, joining
//! them from another computer, every command working on them, and going back to the file.

use serde_json::Value;
use vypyska_core::store::Tables;
use vypyska_core::Store;
use vypyska_tests::{bank_today, sim_config, team_database, text, Env};

fn json(out: &std::process::Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", text(&out.stderr)))
}

fn rows(out: &std::process::Output) -> Vec<Value> {
    json(out).as_array().cloned().unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_books_move_to_the_server_every_command_works_there_and_leave_goes_back() {
    let env = Env::new_file(sim_config(2, 60, 20)).await;
    env.cli_add_merchant("Основний", 0, 30).await;
    env.cli_add_merchant("Валютний", 1, 30).await;
    env.cli_ok(&["sync"]).await;
    let companies = rows(&env.cli_ok(&["company", "list", "--json"]).await);
    let first = companies[0]["name"].as_str().unwrap().to_owned();
    env.cli_ok(&[
        "invoice",
        "add",
        "--number",
        "СФ-0001",
        "--amount",
        "100",
        "--currency",
        "UAH",
        "--company",
        &first,
    ])
    .await;
    let local: Vec<Value> = rows(&env.cli_ok(&["statements", "--json"]).await);
    assert!(local.len() > 20);
    let url = team_database();

    // What is refused, in words, before anything moves.
    for (bad, words) in [
        ("mysql://localhost/books", "не адреса"),
        ("postgres://user:secret@127.0.0.1/books", "пароль"),
        ("postgres://user@db.example.com/books", "шифрування"),
    ] {
        let out = env.cli(&["team", "create", bad], "").await;
        assert_eq!(out.status.code(), Some(1), "{bad}");
        assert!(
            text(&out.stderr).contains(words),
            "{bad}: {}",
            text(&out.stderr)
        );
    }

    let out = env.cli_ok(&["team", "create", &url]).await;
    let said = text(&out.stdout);
    assert!(
        said.contains("statements\t") && said.contains("звірено"),
        "{said}"
    );
    // Everything is on the server, compared: the same statements with the same sums.
    let server = Store::connect(&url).unwrap();
    let file = Store::open_in(env.data_dir()).unwrap();
    for table in [
        "statements",
        "merchants",
        "companies",
        "invoices",
        "sync_runs",
        "balances",
    ] {
        let count = |s: &Store| -> i64 {
            s.conn()
                .query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))
                .unwrap()
        };
        assert_eq!(count(&server), count(&file), "{table}");
    }
    // Tokens stay in this computer's keyring: nothing of them on the server.
    let refs: Vec<String> = server
        .merchants()
        .all()
        .unwrap()
        .into_iter()
        .map(|m| m.secret_ref)
        .collect();
    assert_eq!(refs.len(), 2);

    // Every command now works on the server's books.
    let status: Value = json(&env.cli_ok(&["team", "status", "--json"]).await);
    assert_eq!(status["mode"], "team");
    assert_eq!(status["connected"], true);
    assert!(
        status["accounts"]
            .as_array()
            .unwrap()
            .iter()
            .all(|a| a["token_here"] == true && a["last_sync"].is_string()),
        "{status}"
    );
    let there: Vec<Value> = rows(&env.cli_ok(&["statements", "--json"]).await);
    assert_eq!(there, local, "the same statements, read from the server");
    let account = env.sim.bank().accounts()[0].iban.clone();
    env.bank_pays(&account, "100", "Оплата згідно рах. № СФ-0001");
    env.cli_ok(&["sync"]).await;
    let invoices: Vec<Value> = rows(&env.cli_ok(&["invoices", "--json"]).await);
    assert_eq!(
        invoices[0]["status"], "paid",
        "allocated on the server: {invoices:?}"
    );
    assert_eq!(
        rows(&env.cli_ok(&["statements", "--json"]).await).len(),
        local.len() + 1
    );
    // A second move while in a team is refused.
    let out = env.cli(&["team", "create", &url], "").await;
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("team leave"),
        "{}",
        text(&out.stderr)
    );

    // Back to the file: it is as it was before the move.
    env.cli_ok(&["team", "leave"]).await;
    let status: Value = json(&env.cli_ok(&["team", "status", "--json"]).await);
    assert_eq!(status["mode"], "solo");
    assert_eq!(rows(&env.cli_ok(&["statements", "--json"]).await), local);

    // Another computer's books never go over a server that holds some.
    let other = Env::new_file(sim_config(1, 10, 5)).await;
    other.cli_add_merchant("Інший", 0, 5).await;
    let out = other.cli(&["team", "create", &url], "").await;
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("вже є облік"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(
        json(&env.cli_ok(&["team", "status", "--json"]).await)["mode"],
        "solo"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_computer_joins_the_team_as_one_of_its_employees() {
    let owner = Env::new_file(sim_config(1, 30, 10)).await;
    owner.cli_add_merchant("Основний", 0, 10).await;
    owner.cli_ok(&["sync"]).await;
    owner.add_employee("Олена Бухгалтер");
    let url = team_database();
    owner.cli_ok(&["team", "create", &url]).await;
    // The token is the owner's desktop's: this test's one keyring stands for both desktops, so
    // the entry goes, as the accountant's own keyring never had it.
    let merchant = owner.store().merchants().all().unwrap().remove(0);
    use vypyska_core::secrets::SecretStore;
    vypyska_core::secrets::Keyring
        .delete(&merchant.secret_ref)
        .unwrap();

    // The accountant's computer: its own data folder, no token of the account.
    let accountant = Env::new_file(sim_config(1, 30, 10)).await;
    let out = accountant
        .cli(&["team", "join", &url, "--as", "Невідомий"], "")
        .await;
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("Олена Бухгалтер"),
        "the team's employees are named: {}",
        text(&out.stderr)
    );
    let out = accountant
        .cli_ok(&["team", "join", &url, "--as", "олена бухгалтер"])
        .await;
    assert!(
        text(&out.stdout).contains("«Олена Бухгалтер»"),
        "{}",
        text(&out.stdout)
    );
    let status: Value = json(&accountant.cli_ok(&["team", "status", "--json"]).await);
    assert_eq!(status["employee"], "Олена Бухгалтер");
    // It sees the owner's statements, and knows it does not hold the account's token.
    assert_eq!(status["accounts"][0]["token_here"], false, "{status}");
    assert_eq!(
        rows(&accountant.cli_ok(&["statements", "--json"]).await),
        rows(&owner.cli_ok(&["statements", "--json"]).await)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_desktops_syncing_one_account_at_once_store_each_row_once() {
    let mut owner = Env::new_file(sim_config(1, 400, 30)).await;
    owner.cli_add_merchant("Основний", 0, 30).await;
    owner.cli_ok(&["sync"]).await;
    owner.add_employee("Тарас");
    let url = team_database();
    owner.cli_ok(&["team", "create", &url]).await;
    owner.database = Some(url.clone());
    let manager = Env::new_file(sim_config(1, 400, 30)).await;
    manager
        .cli_ok(&["team", "join", &url, "--as", "Тарас"])
        .await;
    // The bank gets more rows; both desktops sync the account at the same moment, again and
    // again: one runs, the other finds it busy (or runs after it), never both at once.
    let account = owner.sim.bank().accounts()[0].iban.clone();
    for round in 0..3 {
        for i in 0..40 {
            let amount = format!("{}.{:02}", 10 + round, i);
            owner.bank_pays(&account, &amount, &format!("Оплата {round}-{i}"));
        }
        // The manager's desktop: its own data folder, the same bank.
        let theirs = vypyska_tests::cli_command(manager.data_dir(), &owner.sim.url(), &["sync"]);
        let (a, b) = tokio::join!(
            owner.cli(&["sync"], ""),
            tokio::task::spawn_blocking(move || vypyska_tests::run_command(theirs, "")),
        );
        let b = b.unwrap();
        for out in [&a, &b] {
            assert!(
                matches!(out.status.code(), Some(0) | Some(3)),
                "{}",
                text(&out.stderr)
            );
        }
    }
    owner.cli_ok(&["sync"]).await;
    owner.assert_same_as_bank(&account, bank_today() - chrono::Days::new(30));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_that_does_not_answer_is_said_in_words_and_nothing_is_written_aside() {
    let mut env = Env::new_file(sim_config(1, 10, 5)).await;
    // Nothing listens on port 1 of this computer.
    env.database = Some("postgres://postgres@127.0.0.1:1/books".into());
    for args in [&["statements"][..], &["sync"], &["team", "status"]] {
        let out = env.cli(args, "").await;
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(
            text(&out.stderr).contains("не відповідає"),
            "{args:?}: {}",
            text(&out.stderr)
        );
    }
    // Nothing was written to this computer's file in the server's stead.
    let file = Store::open_in(env.data_dir()).unwrap();
    let written: i64 = file
        .conn()
        .query_row(
            "SELECT (SELECT COUNT(*) FROM statements) + (SELECT COUNT(*) FROM sync_runs)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(written, 0);
}

/// The address and password an invitation says to send.
fn invitation(out: &std::process::Output) -> (String, String) {
    let said = text(&out.stdout);
    let url = said
        .split_whitespace()
        .skip_while(|w| *w != "join")
        .nth(1)
        .expect("the join command")
        .to_owned();
    let password = said
        .lines()
        .find_map(|l| l.trim().strip_prefix("пароль: "))
        .expect("the password")
        .to_owned();
    (url, password)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_person_joins_with_a_login_of_their_own_held_to_their_role_by_the_server() {
    let owner = Env::new_file(sim_config(2, 40, 10)).await;
    owner.cli_add_merchant("Основний", 0, 10).await;
    owner.cli_ok(&["sync"]).await;
    let url = team_database();
    owner.cli_ok(&["team", "create", &url]).await;
    let (accountant_url, accountant_password) = invitation(
        &owner
            .cli_ok(&["team", "invite", "Оксана", "--role", "accountant"])
            .await,
    );
    let (manager_url, manager_password) = invitation(
        &owner
            .cli_ok(&["team", "invite", "Петро", "--role", "manager"])
            .await,
    );
    assert_ne!(accountant_url, manager_url, "a login each");

    // The accountant's desktop (the same bank): the books, but not the bank accounts.
    let accountant = Env::new_file(sim_config(1, 40, 10)).await;
    let run = |env: &Env, args: &[&str], stdin: &str| {
        let mut cmd = vypyska_tests::cli_command(env.data_dir(), &owner.sim.url(), args);
        cmd.env_remove("VYPYSKA_DATABASE_URL");
        vypyska_tests::run_command(cmd, stdin)
    };
    let out = run(
        &accountant,
        &[
            "team",
            "join",
            &accountant_url,
            "--as",
            "Оксана",
            "--password-stdin",
        ],
        &format!("{accountant_password}\n"),
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let other = owner.sim.bank().accounts()[1].clone();
    let out = run(
        &accountant,
        &[
            "merchant",
            "add",
            "--name",
            "Ще один",
            "--account",
            &other.iban,
            "--currency",
            &other.currency,
            "--token-stdin",
        ],
        "sim-token-1\n",
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("відмовив"),
        "{}",
        text(&out.stderr)
    );
    let out = run(&accountant, &["settings", "set", "language", "en"], "");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("відмовив"),
        "{}",
        text(&out.stderr)
    );
    let out = run(&accountant, &["sync"], "");
    assert_eq!(
        out.status.code(),
        Some(0),
        "the accountant syncs: {}",
        text(&out.stderr)
    );
    let out = run(
        &accountant,
        &[
            "invoice",
            "add",
            "--number",
            "А-1",
            "--amount",
            "5",
            "--currency",
            "UAH",
        ],
        "",
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));

    // The manager's: reads everything and adds invoices, nothing more.
    let manager = Env::new_file(sim_config(1, 40, 10)).await;
    let out = run(
        &manager,
        &[
            "team",
            "join",
            &manager_url,
            "--as",
            "Петро",
            "--password-stdin",
        ],
        &format!("{manager_password}\n"),
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let listed = rows(&run(&manager, &["statements", "--json"], ""));
    assert!(!listed.is_empty());
    let out = run(
        &manager,
        &[
            "invoice",
            "add",
            "--number",
            "М-1",
            "--amount",
            "7",
            "--currency",
            "UAH",
        ],
        "",
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "the manager adds an invoice: {}",
        text(&out.stderr)
    );
    let out = run(&manager, &["merchant", "rename", "Основний", "Новий"], "");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("відмовив"),
        "{}",
        text(&out.stderr)
    );
    let out = run(&manager, &["invoice", "cancel", "А-1"], "");
    assert_eq!(out.status.code(), Some(1));
    let invoices = rows(&run(&owner, &["invoices", "--json"], ""));
    assert_eq!(invoices.len(), 2, "{invoices:?}");
}
