//! Desktop notifications (notify-rust): after a sync, the new notices the employees at this
//! computer want, each with an "Open" action that takes the app to the notice's payment, invoice
//! or merchant; then the emails to employees with an address. A notice that could not be shown
//! or sent keeps the reason, so the bell shows it.

use std::sync::Arc;
use std::time::Duration;

use notify_rust::{Notification, Timeout};
use vypyska_core::notifications::{self, Notice, Target};
use vypyska_core::settings::Settings;
use vypyska_core::sync::Syncer;
use vypyska_core::{Clock, Lang, Store, SystemClock};

/// What a click on a notification does.
#[derive(Clone)]
pub enum Clicks {
    /// The app: bring its window to the target.
    InApp(Arc<dyn Fn(&Target) + Send + Sync>),
    /// A headless run that ends at once: each notification is shown by a detached
    /// `vypyska notice-show ID`, which stays to hear the click and then starts or focuses the
    /// app on the target (the server reports a click only to the process that showed it).
    Detached,
}

/// What follows every sync, in the app and the CLI alike.
pub struct FollowUp {
    /// Payments linked to invoices by automatic allocation.
    pub linked: usize,
    /// The new notices (the caller emails them: sending may wait on a mail server).
    pub fresh: Vec<Notice>,
    /// Steps that failed, in words; none stops the others.
    pub problems: Vec<String>,
}

/// After a sync: automatic allocation (when on), expense categories, the new notices on the
/// desktop, and the day's backup.
pub fn follow_up(syncer: &mut Syncer, settings: &Settings, clicks: Clicks) -> FollowUp {
    let lang = settings.lang();
    let mut done = FollowUp {
        linked: 0,
        fresh: Vec::new(),
        problems: Vec::new(),
    };
    if settings.auto_allocate {
        match vypyska_core::allocation::allocate(&mut syncer.store, &SystemClock, "auto", false) {
            Ok(steps) => {
                done.linked = steps
                    .iter()
                    .filter(|s| matches!(s, vypyska_core::allocation::Step::Allocate { .. }))
                    .count()
            }
            Err(e) => done.problems.push(e.message(lang)),
        }
    }
    if let Err(e) = vypyska_core::categories::categorize(
        &mut syncer.store,
        &SystemClock,
        &settings.default_expense_category,
        false,
    ) {
        done.problems.push(e.message(lang));
    }
    done.fresh = after_sync(&mut syncer.store, &SystemClock, settings, clicks);
    if let Err(e) = vypyska_core::store::backup::daily(
        &syncer.store,
        &syncer.lock_dir,
        SystemClock.today_kyiv(),
    ) {
        let what = lang.pick("резервна копія", "backup");
        done.problems.push(format!("{what}: {}", e.message(lang)));
    }
    for p in &done.problems {
        tracing::warn!("after the sync: {p}");
    }
    done
}

/// Finds what is new since the last look, records it, and shows on the desktop the kinds this
/// computer's employees want (`email` sends the letters afterwards). Returns the new notices (shown or
/// not). Never fails the caller's sync: problems are logged and kept with the notice.
pub fn after_sync(
    store: &mut Store,
    clock: &dyn Clock,
    settings: &Settings,
    clicks: Clicks,
) -> Vec<Notice> {
    let lang = settings.lang();
    let fresh =
        match notifications::collect(store, clock, lang, settings.notify_summary_above as usize) {
            Ok(fresh) => fresh,
            Err(e) => {
                tracing::warn!("notices: {e}");
                return Vec::new();
            }
        };
    let kinds = notifications::desktop_kinds(store.conn()).unwrap_or_default();
    for notice in fresh.iter().filter(|n| notifications::wants(&kinds, n)) {
        let result = match &clicks {
            Clicks::InApp(open) => show(notice, lang).map(|handle| {
                let (open, target) = (Arc::clone(open), notice.target.clone());
                // Waiting for the click blocks: a thread per notification, ending when it closes.
                std::thread::spawn(move || {
                    handle.wait_for_action(|action| {
                        if is_open(action) {
                            open(&target)
                        }
                    })
                });
            }),
            Clicks::Detached => spawn_shower(notice.id),
        };
        if let Err(e) = &result {
            tracing::warn!("desktop notification: {e}");
        }
        let _ = notifications::record_delivery(store.conn(), notice.id, result.err().as_deref());
    }
    fresh
}

/// Emails the new notices (after the desktop, never holding up a sync: the app calls it on its
/// own thread with its own connection).
pub fn email(store: &Store, settings: &Settings, fresh: &[Notice]) {
    for failure in vypyska_core::email::deliver(store, settings, fresh) {
        tracing::warn!("email: {failure}");
    }
}

fn is_open(action: &str) -> bool {
    action == "default" || action == "open"
}

fn show(notice: &Notice, lang: Lang) -> Result<notify_rust::NotificationHandle, String> {
    let open = lang.pick("Відкрити", "Open");
    let mut n = Notification::new();
    n.appname("Vypyska")
        .summary(&notice.title)
        .body(&notice.body)
        .icon("vypyska")
        .action("default", &open)
        .action("open", &open)
        .timeout(Timeout::Default);
    // Windows attributes toasts (and their clicks) to the app's identifier.
    #[cfg(target_os = "windows")]
    n.app_id(vypyska_core::APP_ID);
    n.show().map_err(|e| {
        lang.pick(
            format!("Не вдалося показати сповіщення: {e}"),
            format!("Could not show the notification: {e}"),
        )
    })
}

/// Starts `vypyska notice-show ID` on its own, so the headless run can end.
fn spawn_shower(id: i64) -> Result<(), String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let mut command = std::process::Command::new(exe);
    command
        .arg("notice-show")
        .arg(id.to_string())
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        // Its own process group: a terminal's Ctrl-C or cron's clean-up of the run leaves it.
        command.process_group(0);
    }
    command.spawn().map(drop).map_err(|e| e.to_string())
}

/// How long a detached notification waits for a click.
const WAIT_FOR_CLICK: Duration = Duration::from_secs(3600);

/// `vypyska notice-show ID`: shows one stored notice, waits for it to be clicked or closed (an
/// hour at most), and on a click starts or focuses the app on its target (`vypyska --open`).
pub fn show_detached(store: &Store, id: i64, lang: Lang) -> Result<(), String> {
    let notice = notifications::get(store.conn(), id)
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("no notice {id}"))?;
    let handle = match show(&notice, lang) {
        Ok(h) => h,
        Err(e) => {
            let _ = notifications::record_delivery(store.conn(), id, Some(&e));
            return Err(e);
        }
    };
    let (tx, rx) = std::sync::mpsc::channel::<bool>();
    std::thread::spawn(move || {
        handle.wait_for_action(|action| {
            let _ = tx.send(is_open(action));
        })
    });
    if let Ok(true) = rx.recv_timeout(WAIT_FOR_CLICK) {
        let exe = std::env::current_exe().map_err(|e| e.to_string())?;
        std::process::Command::new(exe)
            .arg("--open")
            .arg(target_arg(&notice.target))
            .stdin(std::process::Stdio::null())
            .spawn()
            .map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// `statements:42`, as `--open` takes it.
pub fn target_arg(target: &Target) -> String {
    match target.id {
        Some(id) => format!("{}:{id}", target.screen),
        None => target.screen.clone(),
    }
}

/// Reads `--open`'s value back.
pub fn parse_target(arg: &str) -> Option<Target> {
    let (screen, id) = match arg.split_once(':') {
        Some((s, id)) => (s, Some(id.parse().ok()?)),
        None => (arg, None),
    };
    ["statements", "invoices", "review", "merchants"]
        .contains(&screen)
        .then(|| Target {
            screen: screen.to_owned(),
            id,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_targets_round_trip_and_junk_is_refused() {
        for t in [
            Target {
                screen: "statements".into(),
                id: Some(42),
            },
            Target {
                screen: "review".into(),
                id: None,
            },
        ] {
            assert_eq!(parse_target(&target_arg(&t)), Some(t));
        }
        assert_eq!(parse_target("settings:1"), None);
        assert_eq!(parse_target("invoices:x"), None);
    }
}
