//! This computer's desktop for the core's notices (`ops::Desktop`): notify-rust, each
//! notification with an "Open" action that takes the app to the notice's payment, invoice or
//! merchant; for a headless sync, a detached process that waits for the click. Which notices to
//! show, and recording whether they could be, is the core's (`ops::after_sync`).

use std::sync::Arc;
use std::time::Duration;
use vypyska_core::say;

use notify_rust::{Notification, Timeout};
use vypyska_core::notifications::{self, Notice, Target};
use vypyska_core::ops::Desktop;
use vypyska_core::{Lang, Store};

/// The app's desktop: notify-rust, and a thread per notification that waits for its click and
/// brings the window to the notice's payment, invoice or merchant.
pub struct AppDesktop {
    pub open: Arc<dyn Fn(&Target) + Send + Sync>,
    pub lang: Lang,
}

impl Desktop for AppDesktop {
    fn show(&self, notice: &Notice) -> Result<(), String> {
        let handle = show(notice, self.lang)?;
        let (open, target) = (Arc::clone(&self.open), notice.target.clone());
        // Waiting for the click blocks: a thread per notification, ending when it closes.
        std::thread::spawn(move || {
            handle.wait_for_action(|action| {
                if is_open(action) {
                    open(&target)
                }
            })
        });
        Ok(())
    }
}

/// A headless run's desktop: it ends at once, so each notification is shown by a detached
/// `vypyska notice-show ID`, which stays to hear the click and then starts or focuses the app on
/// the target (the server reports a click only to the process that showed it).
pub struct DetachedDesktop;

impl Desktop for DetachedDesktop {
    fn show(&self, notice: &Notice) -> Result<(), String> {
        spawn_shower(notice.id)
    }
}

fn is_open(action: &str) -> bool {
    action == "default" || action == "open"
}

fn show(notice: &Notice, lang: Lang) -> Result<notify_rust::NotificationHandle, String> {
    let open = say!(lang, notification_open_action);
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
    n.show()
        .map_err(|e| say!(lang, could_not_show_notification, e))
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

/// `vypyska notice-show ID`: shows one stored notice, then (the books closed first: a team's
/// server keeps no session open for a notification waiting an hour) waits for it to be clicked
/// or closed, and on a click starts or focuses the app on its target (`vypyska --open`).
pub fn show_detached(store: Store, id: i64, lang: Lang) -> Result<(), String> {
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
    drop(store);
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
            .arg(notice.target.to_string())
            .stdin(std::process::Stdio::null())
            .spawn()
            .map_err(|e| e.to_string())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_targets_round_trip_and_junk_is_refused() {
        use vypyska_core::notifications::Screen;
        for t in [
            Target::on(Screen::Statements, 42),
            Target::screen(Screen::Review),
        ] {
            assert_eq!(t.to_string().parse(), Ok(t));
        }
        assert_eq!(
            "statements:42".parse(),
            Ok(Target::on(Screen::Statements, 42))
        );
        assert!("settings:1".parse::<Target>().is_err());
        assert!("invoices:x".parse::<Target>().is_err());
    }
}
