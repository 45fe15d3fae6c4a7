//! Desktop notifications (notify-rust): after a sync, the new notices the employees at this
//! computer want, each with an "Open" action that takes the app to the notice's payment, invoice
//! or merchant; then the emails to employees with an address. A notice that could not be shown
//! or sent keeps the reason, so the bell shows it.

use std::sync::Arc;

use notify_rust::{Notification, Timeout};
use vypyska_core::notifications::{self, Notice, Target};
use vypyska_core::settings::Settings;
use vypyska_core::{Clock, Lang, Store};

/// What a click on a notification does (the app brings its window to the target; the CLI has
/// nothing to bring).
pub type OnClick = Arc<dyn Fn(&Target) + Send + Sync>;

/// Finds what is new since the last look, records it, and shows on the desktop the kinds this
/// computer's employees want. Returns the new notices (shown or not). Never fails the caller's
/// sync: problems are logged and kept with the notice.
pub fn after_sync(
    store: &mut Store,
    clock: &dyn Clock,
    settings: &Settings,
    on_click: Option<OnClick>,
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
    for notice in fresh.iter().filter(|n| kinds.contains(&n.kind)) {
        let result = show(notice, lang, on_click.clone());
        if let Err(e) = &result {
            tracing::warn!("desktop notification: {e}");
        }
        let _ = notifications::record_delivery(store.conn(), notice.id, result.err().as_deref());
    }
    for failure in vypyska_core::email::deliver(store, settings, &fresh) {
        tracing::warn!("email: {failure}");
    }
    fresh
}

fn show(notice: &Notice, lang: Lang, on_click: Option<OnClick>) -> Result<(), String> {
    let mut n = Notification::new();
    n.appname("Vypyska")
        .summary(&notice.title)
        .body(&notice.body)
        .icon("vypyska")
        .timeout(Timeout::Default);
    if on_click.is_some() {
        let open = lang.pick("Відкрити", "Open");
        n.action("default", &open).action("open", &open);
    }
    let handle = n.show().map_err(|e| {
        lang.pick(
            format!("Не вдалося показати сповіщення: {e}"),
            format!("Could not show the notification: {e}"),
        )
    })?;
    if let Some(on_click) = on_click {
        let target = notice.target.clone();
        // Waiting for the click blocks: a thread per notification, ending when it is closed.
        std::thread::spawn(move || {
            handle.wait_for_action(|action| {
                if action == "default" || action == "open" {
                    on_click(&target);
                }
            })
        });
    }
    Ok(())
}
