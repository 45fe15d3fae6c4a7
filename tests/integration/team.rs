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
        (
            "postgres://user@db.example.com/books?sslmode=disable",
            "шифрування",
        ),
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
    // Its joined desktops tell their employees on this session's desktop.
    let _turn = crate::app::ONE_APP.lock().await;
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
    // Its joined desktops tell their employees on this session's desktop.
    let _turn = crate::app::ONE_APP.lock().await;
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

/// Both desktops' timers fire on a team's two accounts, each desktop holding the token of one:
/// each account is synced by the desktop that holds its token (the other puts it off quietly),
/// a desktop started after the other has synced still catches up what it missed, and the books
/// hold exactly the bank's rows of both.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn both_desktops_timers_fire_and_each_account_is_synced_where_its_token_is() {
    let _turn = crate::app::ONE_APP.lock().await;
    let mut owner = Env::new_file(sim_config(2, 60, 15)).await;
    let out = owner.cli_add_merchant("Перший", 0, 15).await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    owner.add_employee("Олена");
    owner.add_employee("Тарас");
    let url = team_database();
    owner.cli_ok(&["team", "create", &url]).await;
    owner.cli_ok(&["team", "join", &url, "--as", "Олена"]).await;
    owner.database = Some(url.clone());
    let books = Store::connect(&url).unwrap();
    let runs_of = |account: &str| -> Vec<(String, String)> {
        let mut stmt = books
            .conn()
            .prepare(
                "SELECT r.desktop, r.outcome FROM sync_runs r
                 JOIN merchants m ON m.id = r.merchant_id WHERE m.account = ?1 ORDER BY r.id",
            )
            .unwrap();
        let rows = stmt
            .query_map([account], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap();
        rows.map(Result::unwrap).collect()
    };
    let synced = |account: &str| runs_of(account).iter().any(|(_, outcome)| outcome == "ok");
    let wait = |what: &'static str, done: &dyn Fn() -> bool| {
        let start = std::time::Instant::now();
        while !done() {
            assert!(
                start.elapsed().as_secs() < 90,
                "timed out waiting for {what}"
            );
            std::thread::sleep(std::time::Duration::from_millis(200));
        }
    };
    let accounts = owner.sim.bank().accounts();
    let (first, second) = (accounts[0].iban.clone(), accounts[1].iban.clone());

    // Olena's desktop starts at login; its timer catches up and syncs the account it holds.
    let home = tempfile::tempdir().unwrap();
    let _hers = crate::app::App(
        crate::app::app_command(&owner, home.path(), &["--hidden"])
            .spawn()
            .unwrap(),
    );
    wait("her desktop's first sync", &|| synced(&first));

    // Taras's desktop adds the second account with its own token in its own keyring, then
    // starts: after her run, yet its timer catches up its own account.
    let his_dir = tempfile::tempdir().unwrap();
    let joined = vypyska_tests::run_cli(
        his_dir.path(),
        &owner.sim.url(),
        &["team", "join", &url, "--as", "Тарас"],
        "",
    );
    assert_eq!(joined.status.code(), Some(0), "{}", text(&joined.stderr));
    let from = (bank_today() - chrono::Days::new(15)).to_string();
    let his_home = tempfile::tempdir().unwrap();
    let _his = OtherDesktop::start_after(
        his_dir.path(),
        his_home.path(),
        &owner.sim.url(),
        &[
            "merchant",
            "add",
            "--name",
            "Другий",
            "--account",
            &second,
            "--currency",
            &accounts[1].currency,
            "--token-stdin",
            "--sync-from",
            &from,
        ],
        &format!("{}\n", owner.sim.bank().token()),
    )
    .await;
    wait("his desktop's first sync", &|| synced(&second));

    // Each account was synced where its token is, by no one else.
    let first_runs = runs_of(&first);
    assert!(
        first_runs.iter().all(|(desktop, _)| desktop == "Олена"),
        "{first_runs:?}"
    );
    let second_runs = runs_of(&second);
    assert!(
        second_runs.iter().all(|(desktop, _)| desktop == "Тарас"),
        "{second_runs:?}"
    );
    let from = bank_today() - chrono::Days::new(15);
    owner.assert_same_as_bank(&first, from);
    owner.assert_same_as_bank(&second, from);
}

/// Another desktop of the team: the app started hidden, as at login, in a D-Bus session of its
/// own (its own keyring and notification server), with its own home and data folder. Dropped,
/// it ends with all it started.
struct OtherDesktop {
    session: std::process::Child,
    bus: String,
}

impl OtherDesktop {
    async fn start(data_dir: &std::path::Path, home: &std::path::Path, bank: &str) -> Self {
        Self::start_after(data_dir, home, bank, &[], "").await
    }

    /// As `start`, with a command of the CLI run first in that session (`setup`, given `input`
    /// on its standard input), as the person would before starting the app.
    async fn start_after(
        data_dir: &std::path::Path,
        home: &std::path::Path,
        bank: &str,
        setup: &[&str],
        input: &str,
    ) -> Self {
        use std::os::unix::process::CommandExt;
        let bus_file = home.join("bus");
        let (setup_in, setup_out) = (home.join("setup.in"), home.join("setup.out"));
        std::fs::write(&setup_in, input).unwrap();
        let script = r#"
            echo -n other-desktop | gnome-keyring-daemon --unlock --components=secrets --daemonize >/dev/null
            dunst -config tests/dunstrc >/dev/null 2>&1 &
            for _ in $(seq 50); do dunstctl count >/dev/null 2>&1 && break; sleep 0.1; done
            if [ "$#" -gt 0 ]; then
                "$APP" "$@" < "$SETUP_IN" > "$SETUP_OUT" 2>&1 || { echo failed > "$BUS_FILE"; exit 1; }
            fi
            echo "$DBUS_SESSION_BUS_ADDRESS" > "$BUS_FILE"
            exec "$APP" --hidden
        "#;
        let session = std::process::Command::new("dbus-run-session")
            .args(["--", "bash", "-c", script, "_"])
            .args(setup)
            .env("SETUP_IN", &setup_in)
            .env("SETUP_OUT", &setup_out)
            .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
            .env("APP", vypyska_tests::vypyska_bin())
            .env("BUS_FILE", &bus_file)
            .env("HOME", home)
            .env("XDG_DATA_HOME", home.join(".local/share"))
            .env("XDG_RUNTIME_DIR", home)
            .env("VYPYSKA_DATA_DIR", data_dir)
            .env("VYPYSKA_PRIVAT24_URL", bank)
            .env("WEBKIT_DISABLE_COMPOSITING_MODE", "1")
            .env_remove("DBUS_SESSION_BUS_ADDRESS")
            .env_remove("VYPYSKA_DATABASE_URL")
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .process_group(0)
            .spawn()
            .expect("dbus-run-session: install dbus (see .ci/setup)");
        let start = std::time::Instant::now();
        let bus = loop {
            if let Ok(bus) = std::fs::read_to_string(&bus_file) {
                assert_ne!(
                    bus.trim(),
                    "failed",
                    "the other desktop's {setup:?}: {}",
                    std::fs::read_to_string(&setup_out).unwrap_or_default()
                );
                if !bus.trim().is_empty() {
                    break bus.trim().to_owned();
                }
            }
            assert!(
                start.elapsed().as_secs() < 30,
                "the other desktop's session did not start"
            );
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        };
        OtherDesktop { session, bus }
    }

    fn dunstctl(&self, args: &[&str]) -> std::process::Output {
        std::process::Command::new("dunstctl")
            .args(args)
            .env("DBUS_SESSION_BUS_ADDRESS", &self.bus)
            .output()
            .unwrap()
    }

    /// What its notification server shows now, as "summary | body".
    fn shown(&self) -> Vec<String> {
        let mut all = crate::notify::history(&self.dunstctl(&["history"]).stdout);
        let displayed = text(&self.dunstctl(&["count", "displayed"]).stdout);
        if displayed.trim() != "0" {
            all.push(format!("({} displayed)", displayed.trim()));
        }
        all
    }
}

impl Drop for OtherDesktop {
    fn drop(&mut self) {
        let group = format!("-{}", self.session.id());
        let _ = std::process::Command::new("kill")
            .args(["-TERM", "--", &group])
            .status();
        let _ = self.session.wait();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_payment_synced_on_one_desktop_is_told_on_the_other_to_whoever_asked_and_opens_there() {
    // The other desktop's app shares the display: the tests that start the app take turns.
    let _turn = crate::app::ONE_APP.lock().await;
    let owner = Env::new_file(sim_config(1, 30, 10)).await;
    owner.cli_add_merchant("Основний", 0, 10).await;
    owner.cli_ok(&["sync"]).await;
    owner.add_employee("Олена Бухгалтер");
    vypyska_core::notifications::save_employee(
        &mut owner.store(),
        &vypyska_core::notifications::Employee {
            id: 0,
            name: "Петро Менеджер".into(),
            email: String::new(),
            this_computer: false,
            kinds: vec![vypyska_core::notifications::Kind::Trouble],
            companies: Vec::new(),
        },
    )
    .unwrap();
    let url = team_database();
    owner.cli_ok(&["team", "create", &url]).await;
    let books = Store::connect(&url).unwrap();
    let id_of = |name: &str| -> i64 {
        books
            .conn()
            .query_row("SELECT id FROM employees WHERE name = ?1", [name], |r| {
                r.get(0)
            })
            .unwrap()
    };
    let (olena, petro) = (id_of("Олена Бухгалтер"), id_of("Петро Менеджер"));

    // Olena's computer joins as her and runs the app; it holds no token of the account.
    let hers = Env::new_file(sim_config(1, 30, 10)).await;
    hers.cli_ok(&["team", "join", &url, "--as", "Олена Бухгалтер"])
        .await;
    let home = tempfile::tempdir().unwrap();
    let desktop = OtherDesktop::start(hers.data_dir(), home.path(), &owner.sim.url()).await;
    // Its first look at the team's notices marks where it starts: nothing old is told.
    let start = std::time::Instant::now();
    while books.notices().seen(olena).unwrap().is_none() {
        assert!(
            start.elapsed().as_secs() < 60,
            "the other desktop never looked at the team's notices"
        );
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    assert!(desktop.shown().is_empty(), "{:?}", desktop.shown());

    // A payment comes in; the owner's desktop syncs it.
    let account = owner.sim.bank().accounts()[0].iban.clone();
    owner.bank_pays(&account, "4321.00", "Оплата за консультацію");
    owner.cli_ok(&["sync"]).await;
    let synced_at = std::time::Instant::now();
    let payment: i64 = books
        .conn()
        .query_row(
            "SELECT id FROM statements WHERE amount = '4321.00'",
            [],
            |r| r.get(0),
        )
        .unwrap();

    // Olena's desktop tells her within seconds of the commit; Petro, who hears of trouble
    // only, is told nowhere.
    let wanted = "Надійшла оплата 4 321,00 ₴";
    loop {
        if desktop.shown().iter().any(|n| n.contains("displayed")) {
            break;
        }
        assert!(
            synced_at.elapsed().as_secs() < 20,
            "nothing shown on her desktop: {:?}",
            desktop.shown()
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let notice: i64 = books
        .conn()
        .query_row(
            "SELECT id FROM notices WHERE target_id = ?1 AND kind = 'payment'",
            [payment],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(books.notices().told(notice).unwrap(), vec![olena]);
    assert!(!books.notices().told(notice).unwrap().contains(&petro));

    // Her click opens the app's window on that payment.
    assert!(
        !crate::x11::is_shown("Виписка"),
        "the window was already open"
    );
    assert!(desktop.dunstctl(&["action", "0"]).status.success());
    let start = std::time::Instant::now();
    while !crate::x11::is_shown("Виписка") {
        assert!(start.elapsed().as_secs() < 20, "the click opened no window");
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    desktop.dunstctl(&["close-all"]);
    let shown = desktop.shown();
    assert_eq!(
        shown.iter().filter(|n| n.starts_with(wanted)).count(),
        1,
        "{shown:?}"
    );
    // Another sync tells her nothing again.
    owner.cli_ok(&["sync"]).await;
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    desktop.dunstctl(&["close-all"]);
    let again = desktop.shown();
    assert_eq!(
        again.iter().filter(|n| n.starts_with(wanted)).count(),
        1,
        "{again:?}"
    );
}

/// The authority that signed the tests' server's certificate (`.ci/postgres`).
fn server_ca() -> String {
    std::env::var("VYPYSKA_TEST_PG_CA").expect(
        "the TLS tests need the tests' server's certificate authority: VYPYSKA_TEST_PG_CA \
         (.ci/test sets it)",
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_team_server_is_reached_over_tls_with_its_certificate_checked() {
    let owner = Env::new_file(sim_config(1, 20, 5)).await;
    owner.cli_add_merchant("Основний", 0, 5).await;
    owner.cli_ok(&["sync"]).await;
    let plain = team_database();
    let url = format!("{plain}?sslmode=require");
    let ca = server_ca();

    // Without the business's own authority the server's certificate is not trusted, and the
    // same certificate named for another host neither: refused in words, nothing moved.
    let out = owner.cli(&["team", "create", &url], "").await;
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("--ca-file"),
        "{}",
        text(&out.stderr)
    );
    let other_name = url.replace("127.0.0.1", "localhost");
    let out = owner
        .cli(&["team", "create", &other_name, "--ca-file", &ca], "")
        .await;
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("сертифікат"),
        "{}",
        text(&out.stderr)
    );
    let out = owner
        .cli(
            &["team", "create", &url, "--ca-file", "/nonexistent/ca.crt"],
            "",
        )
        .await;
    assert_eq!(out.status.code(), Some(1));
    let not_one = owner.data_dir().join("not-a-certificate.pem");
    std::fs::write(&not_one, "hello").unwrap();
    let out = owner
        .cli(
            &[
                "team",
                "create",
                &url,
                "--ca-file",
                not_one.to_str().unwrap(),
            ],
            "",
        )
        .await;
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("PEM"), "{}", text(&out.stderr));
    assert!(!owner.data_dir().join("team.json").exists());

    // With it, the books move, and every later command goes over TLS.
    owner
        .cli_ok(&["team", "create", &url, "--ca-file", &ca])
        .await;
    let status: Value = json(&owner.cli_ok(&["team", "status", "--json"]).await);
    assert_eq!(status["connected"], true, "{status}");
    let books = Store::connect_to(
        &url,
        &vypyska_core::store::Access {
            password: None,
            ca_file: Some(ca.clone().into()),
        },
    )
    .unwrap();
    let encrypted: bool = books
        .conn()
        .query_row(
            "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(encrypted, "the session is not encrypted");
    let stored: i64 = books
        .conn()
        .query_row("SELECT COUNT(*) FROM statements", [], |r| r.get(0))
        .unwrap();
    assert!(stored > 0);
    assert!(!rows(&owner.cli_ok(&["statements", "--json"]).await).is_empty());

    // Another desktop joins the same way.
    owner.cli_ok(&["employee", "add", "Олена"]).await;
    let hers = Env::new_file(sim_config(1, 20, 5)).await;
    let out = hers.cli(&["team", "join", &url, "--as", "Олена"], "").await;
    assert_eq!(out.status.code(), Some(1), "joined without the authority");
    hers.cli_ok(&["team", "join", &url, "--as", "Олена", "--ca-file", &ca])
        .await;
    let status: Value = json(&hers.cli_ok(&["team", "status", "--json"]).await);
    assert_eq!(status["connected"], true, "{status}");
}

/// A PostgreSQL server of one test's own (`.ci/postgres` on a free port), for the faults that
/// would disturb the other tests' server: a restart. Stopped when dropped.
struct OwnServer {
    dir: tempfile::TempDir,
    address: String,
}

impl OwnServer {
    fn script(action: &str, dir: &std::path::Path, port: u16) -> std::process::Output {
        std::process::Command::new("bash")
            .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/../.ci/postgres"))
            .args([action, dir.to_str().unwrap()])
            .env("VYPYSKA_TEST_PG_PORT", port.to_string())
            .output()
            .unwrap()
    }

    fn start() -> OwnServer {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let dir = tempfile::tempdir().unwrap();
        let out = OwnServer::script("start", dir.path(), port);
        assert!(out.status.success(), "{}", text(&out.stderr));
        OwnServer {
            address: text(&out.stdout).trim().to_owned(),
            dir,
        }
    }

    fn restart(&self) {
        let out = OwnServer::script("restart", self.dir.path(), 0);
        assert!(out.status.success(), "{}", text(&out.stderr));
    }
}

impl Drop for OwnServer {
    fn drop(&mut self) {
        let _ = OwnServer::script("stop", self.dir.path(), 0);
    }
}

/// Starts `vypyska sync --from FROM` and runs `fault` once it has stored rows of this run, while
/// it still runs (trying again with a new run when one ends first); then waits for it.
async fn mid_sync(
    env: &Env,
    from: &str,
    fault: &mut dyn FnMut(&mut std::process::Child),
) -> std::process::Output {
    for _ in 0..20 {
        let before: i64 = env
            .store()
            .conn()
            .query_row("SELECT COALESCE(MAX(id), 0) FROM sync_runs", [], |r| {
                r.get(0)
            })
            .unwrap();
        let mut child = env.command(&["sync", "--from", from]).spawn().unwrap();
        let started = std::time::Instant::now();
        loop {
            if child.try_wait().unwrap().is_some() {
                break;
            }
            // Its run has stored a page.
            let storing = Store::connect(env.database.as_deref().unwrap())
                .ok()
                .and_then(|s| {
                    s.conn()
                        .query_row(
                            "SELECT COUNT(*) FROM sync_runs WHERE id > ?1 AND pages > 0
                                 AND outcome = 'running'",
                            [before],
                            |r| r.get::<_, i64>(0),
                        )
                        .ok()
                })
                .unwrap_or(0);
            if storing > 0 {
                fault(&mut child);
                return child.wait_with_output().unwrap();
            }
            assert!(
                started.elapsed().as_secs() < 60,
                "the sync never stored a page"
            );
            tokio::time::sleep(std::time::Duration::from_millis(5)).await;
        }
    }
    panic!("every sync ended before the fault");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_restarted_a_session_cut_or_a_desktop_killed_mid_sync_lose_nothing() {
    let server = OwnServer::start();
    let mut env = Env::new_file(sim_config(2, 4000, 30)).await;
    env.database = Some(vypyska_tests::new_database(&server.address));
    env.cli_add_merchant("Основний", 0, 30).await;
    env.cli_add_merchant("Валютний", 1, 30).await;
    let from = (bank_today() - chrono::Duration::days(30)).to_string();
    let accounts: Vec<String> = env
        .sim
        .bank()
        .accounts()
        .iter()
        .map(|a| a.iban.clone())
        .collect();
    let exact = |env: &Env, when: &str| {
        for account in &accounts {
            let (got, count) = env.stored_rows(account);
            assert_eq!(count, got.len(), "{when}: duplicates");
            assert_eq!(
                got,
                env.bank_rows(account, bank_today() - chrono::Duration::days(30)),
                "{when}: not the bank's rows"
            );
        }
    };

    // The server restarts under a run: what it had stored stays, the run fails in words.
    let out = mid_sync(&env, &from, &mut |_| server.restart()).await;
    if !out.status.success() {
        assert!(
            text(&out.stderr).contains("не відповідає"),
            "{}",
            text(&out.stderr)
        );
    }
    env.cli_ok(&["sync"]).await;
    exact(&env, "after a restart");

    // The server cuts the desktop's session (as a network gone would).
    let url = env.database.clone().unwrap();
    let out = mid_sync(&env, &from, &mut |_| {
        Store::connect(&url)
            .unwrap()
            .conn()
            .execute_batch(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                 WHERE datname = current_database() AND pid <> pg_backend_pid()",
            )
            .unwrap();
    })
    .await;
    assert!(
        matches!(out.status.code(), Some(0) | Some(1)),
        "{}",
        text(&out.stderr)
    );
    env.cli_ok(&["sync"]).await;
    exact(&env, "after a cut session");

    // A desktop killed holding an account's lock: the next run finds it free at once.
    let out = mid_sync(&env, &from, &mut |child| child.kill().unwrap()).await;
    assert!(!out.status.success());
    let out = env.cli(&["sync", "--from", &from], "").await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    exact(&env, "after a killed desktop");
    let runs = rows(&env.cli_ok(&["runs", "--json", "--limit", "50"]).await);
    assert!(
        runs.iter().any(|r| r["outcome"] == "interrupted"),
        "the killed run is recorded as interrupted: {runs:?}"
    );
}
