//! Shared set-up for the integration tests and benchmarks: a simulated bank on loopback, a fresh
//! data folder, the real keyring, and ways to compare what the app stored with what the bank has.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::Arc;
use std::time::Duration;

use chrono::NaiveDate;
use privat24::{Client, ClientConfig, RetryPolicy, Token};
use privat24_sim::SimTransaction;
use privat24_sim::{SimConfig, SimServer};
use vypyska_core::merchants::{self, Merchant, NewMerchant};
use vypyska_core::secrets::Keyring;
use vypyska_core::sync::{MerchantOutcome, SyncEvent, SyncOptions, Syncer};
use vypyska_core::{Lang, Store, SystemClock};

/// The simulated bank's "today" in every test: fixed, so runs are repeatable.
pub fn bank_today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()
}

pub fn sim_config(accounts: usize, per_account: usize, days: u32) -> SimConfig {
    SimConfig {
        seed: 7,
        accounts,
        transactions_per_account: per_account,
        days,
        today: bank_today(),
        token: "sim-token-1".into(),
        client_id: None,
    }
}

/// A new, empty database on the PostgreSQL server the team tests need (`VYPYSKA_TEST_SERVER`,
/// which `.ci/test` starts on loopback for every run): its address.
pub fn team_database() -> String {
    let server = std::env::var("VYPYSKA_TEST_SERVER").expect(
        "the team tests need a PostgreSQL server: VYPYSKA_TEST_SERVER=postgres://user@host:port \
         (.ci/test starts one)",
    );
    new_database(&server)
}

/// The PostgreSQL server the benchmarks compare the file with (`VYPYSKA_BENCH_POSTGRES`,
/// `postgres://user@host:port`), when one is named.
pub fn bench_server() -> Option<String> {
    std::env::var("VYPYSKA_BENCH_POSTGRES")
        .ok()
        .map(|s| s.trim().trim_end_matches('/').to_owned())
        .filter(|s| !s.is_empty())
}

/// A new database on the tests' PostgreSQL server (`VYPYSKA_TEST_POSTGRES`), when one is
/// named: its address. None: the tests keep the books in their data folder's file.
pub fn test_database() -> Option<String> {
    let server = std::env::var("VYPYSKA_TEST_POSTGRES").ok()?;
    (!server.trim().is_empty()).then(|| new_database(&server))
}

/// A new, empty database on `server` (`postgres://user@host:port`): its address.
pub fn new_database(server: &str) -> String {
    use std::sync::atomic::{AtomicU32, Ordering};
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let server = server.trim().trim_end_matches('/');
    let name = format!(
        "vypyska_it_{}_{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    );
    Store::create_database(server, &name).unwrap();
    format!("{server}/{name}")
}

/// A bank and an empty data folder, and the books: the folder's file, or a new database of the
/// tests' server (so the same tests run on both).
pub struct Env {
    pub dir: tempfile::TempDir,
    pub sim: SimServer,
    pub database: Option<String>,
}

impl Env {
    /// A simulator and a fresh data folder. Its one employee does not use this computer, so the
    /// tests' syncs put nothing on the shared desktop; the notification test lets them.
    pub async fn new(config: SimConfig) -> Env {
        Env::with_books(config, test_database()).await
    }

    /// The books in the data folder's file whatever the suite runs on: for what only the file
    /// has (a read-only folder, a full disk, a damaged file, what the file holds).
    pub async fn new_file(config: SimConfig) -> Env {
        Env::with_books(config, None).await
    }

    async fn with_books(config: SimConfig, database: Option<String>) -> Env {
        let env = Env {
            dir: tempfile::tempdir().unwrap(),
            sim: SimServer::start(config).await.unwrap(),
            database,
        };
        env.desktop_notifications_off();
        env
    }

    /// The one employee hears of payments by email only: nothing on the shared desktop.
    pub fn desktop_notifications_off(&self) {
        self.add_employee("Тести");
    }

    /// An employee who hears of new payments, not at this computer.
    pub fn add_employee(&self, name: &str) {
        vypyska_core::notifications::save_employee(
            &mut self.store(),
            &vypyska_core::notifications::Employee {
                id: 0,
                name: name.into(),
                email: String::new(),
                this_computer: false,
                kinds: vec![vypyska_core::notifications::Kind::Payment],
                companies: Vec::new(),
            },
        )
        .unwrap();
    }

    /// Lets this test's syncs show notifications on the desktop (no employee: this computer
    /// hears of new payments).
    pub fn desktop_notifications_on(&self) {
        self.store()
            .conn()
            .execute("DELETE FROM employees", [])
            .unwrap();
    }

    pub fn data_dir(&self) -> &Path {
        self.dir.path()
    }

    pub fn store(&self) -> Store {
        match &self.database {
            Some(url) => Store::connect(url).unwrap(),
            None => Store::open_in(self.data_dir()).unwrap(),
        }
    }

    /// SQLite's own check of the file ("ok" when sound); a server keeps its pages itself.
    pub fn integrity(&self) -> String {
        let store = self.store();
        match store.conn().sqlite() {
            Ok(file) => file
                .query_row("PRAGMA integrity_check", [], |r| r.get(0))
                .unwrap(),
            Err(_) => "ok".to_owned(),
        }
    }

    /// The CLI on this data folder, bank and books, not started yet.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = cli_command(self.data_dir(), &self.sim.url(), args);
        if let Some(url) = &self.database {
            cmd.env("VYPYSKA_DATABASE_URL", url);
        }
        cmd
    }

    /// A client with quick retries and no pause between pages, so tests stay fast.
    pub fn client(&self, page_limit: u32) -> Client {
        Client::new(ClientConfig {
            base_url: self.sim.url(),
            page_limit,
            page_pause: Duration::ZERO,
            retry: RetryPolicy {
                max_attempts: 6,
                base_delay: Duration::from_millis(5),
                max_delay: Duration::from_millis(50),
                max_retry_after: Duration::from_millis(1500),
                max_elapsed: Duration::from_secs(30),
            },
            request_timeout: Duration::from_secs(2),
            ..ClientConfig::default()
        })
        .unwrap()
    }

    /// Adds the simulator's account `index` as a merchant, through the real keyring.
    pub async fn add_merchant(&self, name: &str, index: usize, sync_from: NaiveDate) -> Merchant {
        let account = &self.sim.bank().accounts()[index];
        let mut store = self.store();
        merchants::add(
            &mut store,
            &Keyring,
            &self.client(100),
            &SystemClock,
            NewMerchant {
                name: name.into(),
                account: account.iban.clone(),
                currency: account.currency.clone(),
                client_id: None,
                token: Token::new(self.sim.bank().token()),
                sync_from: Some(sync_from),
                company: None,
            },
        )
        .await
        .unwrap_or_else(|e| panic!("adding {name}: {}", e.message(Lang::En)))
    }

    pub fn syncer(&self, page_limit: u32) -> Syncer {
        Syncer {
            store: self.store(),
            client: self.client(page_limit),
            secrets: Arc::new(Keyring),
            clock: Arc::new(SystemClock),
            lock_dir: self.data_dir().to_owned(),
            lang: Lang::En,
        }
    }

    /// One sync of every merchant, as the timer runs it, its events unheard.
    pub async fn sync(&self, page_limit: u32) -> Vec<MerchantOutcome> {
        self.syncer(page_limit)
            .run(&sync_options(), &mut |_: &SyncEvent| {})
            .await
            .unwrap_or_else(|e| panic!("sync: {}", e.message(Lang::En)))
    }

    /// An incoming payment the bank holds, to copy for a new one.
    pub fn an_incoming_row(&self) -> SimTransaction {
        self.sim
            .bank()
            .transactions()
            .into_iter()
            .find(|t| t.incoming)
            .expect("the bank holds an incoming payment")
    }

    /// The bank receives a posted payment in hryvnias today on `account`.
    pub fn bank_pays(&self, account: &str, amount: &str, purpose: &str) {
        self.sim.bank().add_transaction(&SimTransaction {
            account: account.to_owned(),
            currency: "UAH".into(),
            amount: amount.parse().unwrap(),
            purpose: purpose.to_owned(),
            day: bank_today(),
            pr_pr: "r".into(),
            incoming: true,
            ..self.an_incoming_row()
        });
    }

    /// What the bank holds for `account` from `from` to its today: (key, state).
    pub fn bank_rows(&self, account: &str, from: NaiveDate) -> BTreeSet<(String, String)> {
        self.sim
            .bank()
            .transactions()
            .into_iter()
            .filter(|t| t.account == account && t.day >= from && t.day <= self.sim.bank().today())
            .map(|t| (t.key(), bank_state(&t.pr_pr).to_owned()))
            .collect()
    }

    /// What the app stored for `account`: (key, state), and the number of rows (to catch
    /// duplicates, which a set would hide).
    pub fn stored_rows(&self, account: &str) -> (BTreeSet<(String, String)>, usize) {
        let store = self.store();
        let mut stmt = store
            .conn()
            .prepare("SELECT key, state FROM statements WHERE account = ?1")
            .unwrap();
        let rows: Vec<(String, String)> = stmt
            .query_map([account], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let n = rows.len();
        (rows.into_iter().collect(), n)
    }

    /// `vypyska merchant add` for the simulator's account `index`, first syncing `days_back` days.
    pub async fn cli_add_merchant(&self, name: &str, index: usize, days_back: i64) -> Output {
        self.cli_add_merchant_to(name, index, days_back, None).await
    }

    /// `merchant add` of the bank's account `index`, of `company` when given.
    pub async fn cli_add_merchant_to(
        &self,
        name: &str,
        index: usize,
        days_back: i64,
        company: Option<&str>,
    ) -> Output {
        let account = self.sim.bank().accounts()[index].clone();
        let from = (bank_today() - chrono::Duration::days(days_back)).to_string();
        let token = format!("{}\n", self.sim.bank().token());
        let mut args = vec![
            "merchant",
            "add",
            "--name",
            name,
            "--account",
            &account.iban,
            "--currency",
            &account.currency,
            "--token-stdin",
            "--sync-from",
            &from,
        ];
        if let Some(company) = company {
            args.extend(["--company", company]);
        }
        self.cli(&args, &token).await
    }

    /// Asserts that the app stored exactly the bank's rows of `account` from `from` on, each once.
    pub fn assert_same_as_bank(&self, account: &str, from: NaiveDate) {
        let (got, count) = self.stored_rows(account);
        assert_eq!(
            got,
            self.bank_rows(account, from),
            "stored rows differ from the bank's"
        );
        assert_eq!(count, got.len(), "duplicates stored");
    }

    /// Runs the CLI with this data folder and bank; `stdin` is written to its input. The bank
    /// keeps serving meanwhile (the wait is off the async workers).
    pub async fn cli(&self, args: &[&str], stdin: &str) -> Output {
        let cmd = self.command(args);
        let stdin = stdin.to_owned();
        tokio::task::spawn_blocking(move || run_command(cmd, &stdin))
            .await
            .unwrap()
    }

    /// The CLI with no input, which must succeed (its error output shown when it does not).
    pub async fn cli_ok(&self, args: &[&str]) -> Output {
        let out = self.cli(args, "").await;
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {}",
            text(&out.stderr)
        );
        out
    }
}

/// The sync options the tests run with: the app's defaults, three days looked back.
pub fn sync_options() -> SyncOptions {
    SyncOptions {
        lookback_days: 3,
        ..SyncOptions::default()
    }
}

pub fn bank_state(pr_pr: &str) -> &'static str {
    match pr_pr {
        "r" => "posted",
        "t" => "reversed",
        "n" => "rejected",
        _ => "pending",
    }
}

/// The `vypyska` binary built beside this test (`cargo build --bin vypyska` first).
pub fn vypyska_bin() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let dir = exe.parent().unwrap().parent().unwrap();
    let bin = dir.join(format!("vypyska{}", std::env::consts::EXE_SUFFIX));
    assert!(
        bin.exists(),
        "{} is missing: run `cargo build --bin vypyska` before the tests",
        bin.display()
    );
    bin
}

pub fn cli_command(data_dir: &Path, bank_url: &str, args: &[&str]) -> Command {
    let mut cmd = Command::new(vypyska_bin());
    cmd.args(args)
        .env("VYPYSKA_DATA_DIR", data_dir)
        .env("VYPYSKA_PRIVAT24_URL", bank_url)
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd
}

pub fn run_cli(data_dir: &Path, bank_url: &str, args: &[&str], stdin: &str) -> Output {
    run_command(cli_command(data_dir, bank_url, args), stdin)
}

/// Runs a command with `stdin` written to its input; what it printed.
pub fn run_command(mut cmd: Command, stdin: &str) -> Output {
    use std::io::Write;
    let mut child = cmd.spawn().unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

/// Reads every file under `dir` (database, its log, backups, kept copies) and fails on one that
/// holds `secret`; returns how many files were read.
pub fn assert_not_in_folder(dir: &Path, secret: &str) -> usize {
    let mut folders = vec![dir.to_owned()];
    let mut files = 0;
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
                continue;
            }
            files += 1;
            let bytes = std::fs::read(&path).unwrap();
            assert!(
                !bytes.windows(secret.len()).any(|w| w == secret.as_bytes()),
                "the secret is in {path:?}"
            );
        }
    }
    files
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}
