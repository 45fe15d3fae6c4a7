//! The desktop app as a process: started hidden (as autostart does), it writes its login entry,
//! syncs in the background with no window, keeps one instance, and follows the autostart setting.
//! Needs a display (`xvfb-run`, as `.ci/test` does).

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;
use vypyska_tests::{bank_today, sim_config, text, vypyska_bin, Env};

struct App(Child);

impl Drop for App {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn app_command(env: &Env, home: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(vypyska_bin());
    cmd.args(args)
        .env("HOME", home)
        .env("VYPYSKA_DATA_DIR", env.data_dir())
        .env("VYPYSKA_PRIVAT24_URL", env.sim.url())
        .env("WEBKIT_DISABLE_COMPOSITING_MODE", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
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
