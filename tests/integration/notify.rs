//! Desktop notifications from a headless `vypyska sync`, read back from a real notification
//! server (dunst, started by `.ci/test` in the tests' D-Bus session). The sync hands each one to
//! a detached `vypyska notice-show`, so they are waited for.

use std::process::Command;

use serde_json::Value;
use vypyska_tests::{bank_today, sim_config, text, Env};

/// Every notification dunst has shown, as "summary | body": the displayed ones are closed first
/// so they join its history.
fn desktop_notifications() -> Vec<String> {
    let ctl = |args: &[&str]| {
        Command::new("dunstctl")
            .args(args)
            .output()
            .expect("dunstctl: install dunst (see .ci/setup)")
    };
    assert!(
        ctl(&["count"]).status.success(),
        "no notification server: start dunst in the D-Bus session (see .ci/test)"
    );
    ctl(&["close-all"]);
    history(&ctl(&["history"]).stdout)
}

/// `dunstctl history` as "summary | body" lines (no-break spaces as plain ones).
pub(crate) fn history(json: &[u8]) -> Vec<String> {
    let history: Value = serde_json::from_slice(json).unwrap_or_default();
    history["data"][0]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|n| {
            format!(
                "{} | {}",
                n["summary"]["data"].as_str().unwrap_or_default(),
                n["body"]["data"].as_str().unwrap_or_default()
            )
            .replace('\u{a0}', " ")
        })
        .collect()
}

/// How many notifications dunst shows (`displayed`) or holds back (`waiting`).
fn count(which: &str) -> u32 {
    let out = Command::new("dunstctl")
        .args(["count", which])
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout)
        .trim()
        .parse()
        .unwrap_or(0)
}

/// Closes every notification, those queued behind the shown ones too.
async fn clear_desktop() {
    for _ in 0..100 {
        if count("displayed") == 0 && count("waiting") == 0 {
            return;
        }
        let _ = Command::new("dunstctl").arg("close-all").status();
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the desktop's notifications would not close");
}

/// Ends every app (not a CLI command) of ours still running: `vypyska`, `vypyska --hidden`,
/// `vypyska --open …`. This test holds the turn of the tests that start the app, so any found
/// is a leftover.
fn end_stray_apps() {
    let out = Command::new("pgrep")
        .args(["-a", "vypyska"])
        .output()
        .unwrap();
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let mut words = line.split_whitespace();
        let (Some(pid), Some(program)) = (words.next(), words.next()) else {
            continue;
        };
        let first = words.next();
        let is_app = program.ends_with("/vypyska")
            && matches!(first, None | Some("--hidden") | Some("--open"));
        if is_app {
            eprintln!("a stray app of an earlier test ended: {line}");
            let _ = Command::new("kill").args(["-KILL", pid]).status();
        }
    }
}

/// Waits until every one of `wanted` has been shown; returns all shown so far.
async fn shown_eventually(wanted: &[String]) -> Vec<String> {
    let start = std::time::Instant::now();
    loop {
        let shown = desktop_notifications();
        if wanted.iter().all(|w| shown.contains(w)) || start.elapsed().as_secs() > 20 {
            return shown;
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sync_tells_the_desktop_of_new_payments_once() {
    // A click starts the app: no other test's app may be running then (it would take the
    // click over, as one instance does, and this test would never see its own start).
    let _turn = crate::app::ONE_APP.lock().await;
    let env = Env::new(sim_config(1, 200, 20)).await;
    env.desktop_notifications_on();
    let out = env.cli_add_merchant("Основний", 0, 20).await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));

    // The first sync brings the history: one summary, not a flood.
    let out = env.cli(&["sync"], "").await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stored: Vec<(String, Option<String>)> = {
        let store = env.store();
        let mut stmt = store
            .conn()
            .prepare("SELECT title || ' | ' || body, delivery_error FROM notices ORDER BY id")
            .unwrap();
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<Vec<_>, _>>()
            .unwrap();
        rows
    };
    assert_eq!(stored.len(), 1, "{stored:?}");
    assert!(stored[0].0.starts_with("Нові надходження: "), "{stored:?}");
    assert_eq!(stored[0].1, None, "shown without an error");
    let summary = stored[0].0.replace('\u{a0}', " ");
    assert!(shown_eventually(std::slice::from_ref(&summary))
        .await
        .contains(&summary));

    // Two new payments at the bank: one notification each, with the amount and the payer.
    let template = env.an_incoming_row();
    let mut expected = Vec::new();
    for (payer, amount, shown) in [
        ("ТОВ «Дзвіночок»", "12500.00", "12 500,00 ₴"),
        ("ФОП Сповіщенко", "77.05", "77,05 ₴"),
    ] {
        let mut like = template.clone();
        like.counterparty_name = payer.into();
        like.amount = amount.parse().unwrap();
        like.day = bank_today();
        like.pr_pr = "r".into();
        like.purpose = "Оплата за послуги".into();
        env.sim.bank().add_transaction(&like);
        expected.push(format!("Надійшла оплата {shown} | від {payer}"));
    }
    // Other tests' notifications, shown or still queued behind the shown ones, are closed
    // first: the click below is on one of this sync's. And an app some earlier test left
    // running in this session would take the click over (one instance per session), so none
    // is left.
    clear_desktop().await;
    end_stray_apps();
    let out = env.cli(&["sync"], "").await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));

    // The sync has ended, yet a click on one still opens the app on that payment: its detached
    // `notice-show` starts `vypyska --open statements:ID`.
    let ids: Vec<i64> = {
        let store = env.store();
        let mut stmt = store
            .conn()
            .prepare("SELECT id FROM statements WHERE counterparty_name IN ('ТОВ «Дзвіночок»', 'ФОП Сповіщенко')")
            .unwrap();
        let ids = stmt
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        ids
    };
    let start = std::time::Instant::now();
    while count("displayed") < 2 && start.elapsed().as_secs() < 20 {
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    assert!(Command::new("dunstctl")
        .args(["action", "0"])
        .status()
        .unwrap()
        .success());
    let opened = async {
        loop {
            let out = Command::new("pgrep")
                .args(["-af", "vypyska --open statements:"])
                .output()
                .unwrap();
            let line = String::from_utf8_lossy(&out.stdout).into_owned();
            if let Some(found) = line.lines().find(|l| !l.contains("pgrep")) {
                return found.to_owned();
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
    };
    let line = tokio::time::timeout(std::time::Duration::from_secs(45), opened)
        .await
        .expect("a click starts the app on the payment");
    let pid = line.split_whitespace().next().unwrap().to_owned();
    let id: i64 = line.rsplit(':').next().unwrap().trim().parse().unwrap();
    assert!(ids.contains(&id), "{line} opens one of {ids:?}");
    let _ = Command::new("kill").args(["-KILL", &pid]).status();

    let shown = shown_eventually(&expected).await;
    for e in &expected {
        assert_eq!(
            shown.iter().filter(|n| *n == e).count(),
            1,
            "{e} in {shown:?}"
        );
    }

    // Nothing is told twice: another sync adds no notification of ours.
    let out = env.cli(&["sync"], "").await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    tokio::time::sleep(std::time::Duration::from_secs(1)).await;
    let again = shown_eventually(&[]).await;
    for e in &expected {
        assert_eq!(again.iter().filter(|n| *n == e).count(), 1, "{e} twice");
    }
}
