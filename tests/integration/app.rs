//! The desktop app as a process: started hidden (as autostart does), it writes its login entry,
//! syncs in the background with no window, keeps one instance, and follows the autostart setting.
//! Needs a display (`xvfb-run`, as `.ci/test` does).

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;
use vypyska_tests::{bank_today, sim_config, text, vypyska_bin, Env};

pub(crate) struct App(pub(crate) Child);

/// One app per D-Bus session: a second would hand over to the first (single instance), so the
/// tests that start the app take turns; so do the tests whose desktops, joined to a team as an
/// employee who hears of payments, put notifications on this session's shared desktop (a
/// notification of theirs would take the notification test's click).
pub(crate) static ONE_APP: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

impl Drop for App {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub(crate) fn app_command(env: &Env, home: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(vypyska_bin());
    cmd.args(args)
        .env("HOME", home)
        .env("VYPYSKA_DATA_DIR", env.data_dir())
        .env("VYPYSKA_PRIVAT24_URL", env.sim.url())
        .env("WEBKIT_DISABLE_COMPOSITING_MODE", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    if let Some(url) = &env.database {
        cmd.env("VYPYSKA_DATABASE_URL", url);
    }
    cmd
}

async fn wait_for(env: &Env, what: &str, mut check: impl FnMut() -> bool) {
    let start = Instant::now();
    while !check() {
        if start.elapsed() > Duration::from_secs(60) {
            let runs = env.cli(&["runs"], "").await;
            panic!(
                "timed out waiting for {what}; runs:\n{}",
                text(&runs.stdout)
            );
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_app_runs_hidden_in_the_tray_syncs_by_itself_and_keeps_one_instance() {
    if std::env::var_os("DISPLAY").is_none() {
        panic!("this test needs a display: run it under xvfb-run (see .ci/test)");
    }
    let _turn = ONE_APP.lock().await;
    let env = Env::new(sim_config(1, 120, 20)).await;
    let account = env.sim.bank().accounts()[0].clone();
    let out = env.cli_add_merchant("Основний", 0, 20).await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));

    let home = tempfile::tempdir().unwrap();
    let entry = home.path().join(".config/autostart/Vypyska.desktop");
    let app = App(app_command(&env, home.path(), &["--hidden"])
        .spawn()
        .unwrap());

    // Autostart is on by default: the login entry starts the app hidden.
    wait_for(&env, "the autostart entry", || entry.exists()).await;
    let desktop = std::fs::read_to_string(&entry).unwrap();
    assert!(desktop.contains("--hidden"), "{desktop}");

    // No window, yet the timer catches up the missed run and syncs.
    wait_for(&env, "a background sync", || {
        let runs: i64 = env
            .store()
            .conn()
            .query_row(
                "SELECT COUNT(*) FROM sync_runs WHERE outcome = 'ok'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        runs > 0
    })
    .await;
    let (stored, _) = env.stored_rows(&account.iban);
    assert_eq!(
        stored,
        env.bank_rows(&account.iban, bank_today() - chrono::Duration::days(20))
    );

    // A second launch hands over to the running one and exits.
    let second = app_command(&env, home.path(), &[]).output().unwrap();
    assert!(second.status.success());
    let mut first = app;
    assert!(
        first.0.try_wait().unwrap().is_none(),
        "the first instance keeps running"
    );
    drop(first);

    // Autostart off: the next start removes the login entry.
    let out = env.cli(&["settings", "set", "autostart", "off"], "").await;
    assert_eq!(out.status.code(), Some(0));
    let _app = App(app_command(&env, home.path(), &["--hidden"])
        .spawn()
        .unwrap());
    wait_for(&env, "the autostart entry to go", || !entry.exists()).await;
    let out = env.cli(&["settings", "--json"], "").await;
    let s: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(s["autostart"], "off");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_app_and_the_cli_syncing_at_once_neither_duplicate_nor_fail() {
    if std::env::var_os("DISPLAY").is_none() {
        panic!("this test needs a display: run it under xvfb-run (see .ci/test)");
    }
    let _turn = ONE_APP.lock().await;
    // Two accounts whose first sync takes seconds: small pages from a slow bank.
    let env = Env::new(sim_config(2, 400, 30)).await;
    let from = bank_today() - chrono::Duration::days(30);
    let a = env.add_merchant("Перший", 0, from).await.account;
    let b = env.add_merchant("Другий", 1, from).await.account;
    vypyska_core::settings::Settings::set(env.store().conn(), "page_limit", "20").unwrap();
    env.sim
        .bank()
        .set_random_faults(Some(privat24_sim::RandomFaults {
            rate: 1.0,
            kinds: vec![privat24_sim::Fault::Slow(Duration::from_millis(100))],
            seed: 5,
        }));

    let home = tempfile::tempdir().unwrap();
    let _app = App(app_command(&env, home.path(), &["--hidden"])
        .spawn()
        .unwrap());
    let running = || {
        env.store()
            .conn()
            .query_row(
                "SELECT COUNT(*) FROM sync_runs WHERE outcome = 'running'",
                [],
                |r| r.get::<_, i64>(0),
            )
            .unwrap()
            > 0
    };
    wait_for(&env, "the app's sync to begin", running).await;

    // The CLI syncs meanwhile, and reads: the merchant the app holds is skipped in words, the
    // other is synced; nobody sees "database is locked".
    let (synced, listed) = tokio::join!(env.cli(&["sync"], ""), async {
        tokio::time::sleep(Duration::from_millis(300)).await;
        env.cli(&["statements", "--json"], "").await
    });
    // The skip is told in the exit code too (3), for scripts.
    for (out, code) in [(&synced, 3), (&listed, 0)] {
        assert_eq!(out.status.code(), Some(code), "{}", text(&out.stderr));
        assert!(
            !text(&out.stderr).contains("locked"),
            "{}",
            text(&out.stderr)
        );
    }
    assert!(
        text(&synced.stderr).contains("пропущено"),
        "{}",
        text(&synced.stderr)
    );

    // Once both are done, each account holds exactly the bank's rows, once.
    wait_for(&env, "every sync to end", || !running()).await;
    env.sim.bank().set_random_faults(None);
    let out = env.cli(&["sync"], "").await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    for account in [&a, &b] {
        env.assert_same_as_bank(account, from);
    }
}
