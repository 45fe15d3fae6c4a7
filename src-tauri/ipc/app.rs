//! The app itself: what it is, the damaged-file recovery, and the demo.

use serde::Serialize;
use specta::Type;
use tauri::{AppHandle, State};
use vypyska_core::merchants::{self};
use vypyska_core::say;
use vypyska_core::settings::Settings;
use vypyska_core::Code;

use super::{CommandError, Reply};
use crate::state::Shared;

#[derive(Debug, Clone, Serialize, Type)]
pub struct AppInfo {
    pub version: String,
    pub demo: bool,
    pub language: String,
    pub merchants: u32,
    /// Where to open (a notification clicked while the app was not running), once.
    pub open: Option<vypyska_core::notifications::Target>,
    /// A damaged database found at start: what to tell the owner and offer.
    pub recovery: Option<RecoveryView>,
}

/// The damaged database set aside at start, and the backup that could replace it.
#[derive(Debug, Clone, Serialize, Type)]
pub struct RecoveryView {
    /// Where the damaged file was kept.
    pub kept: String,
    /// The day of the newest sound automatic backup, when there is one.
    pub backup_day: Option<String>,
}

#[tauri::command]
#[specta::specta]
pub async fn app_info(shared: State<'_, Shared>) -> Reply<AppInfo> {
    // The window asks this first, once its UI is up: the start-up benchmark waits for this line.
    tracing::info!("window ready");
    let session = shared.session().await;
    let db = session.db.lock().await;
    let lang = Settings::load(db.conn()).unwrap_or_default().language;
    let count = merchants::list(db.conn())
        .map(|m| m.len() as u32)
        .unwrap_or(0);
    let recovery = session
        .recovery
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .as_ref()
        .map(|r| RecoveryView {
            kept: r.kept.display().to_string(),
            backup_day: r.backup.as_ref().map(|b| b.0.to_string()),
        });
    Ok(AppInfo {
        version: env!("CARGO_PKG_VERSION").into(),
        demo: session.demo,
        language: lang,
        merchants: count,
        open: shared
            .pending
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take(),
        recovery,
    })
}

/// Replaces the empty database that stood in for a damaged one with the newest sound automatic
/// backup; the sync waits meanwhile.
#[tauri::command]
#[specta::specta]
pub async fn restore_backup(app: AppHandle, shared: State<'_, Shared>) -> Reply<AppInfo> {
    let session = shared.session().await;
    let lang = crate::session::ui_lang();
    let backup = session
        .recovery
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .as_ref()
        .and_then(|r| r.backup.clone());
    let Some((day, path)) = backup else {
        return Err(CommandError::new(
            Code::NotFound,
            say!(lang, no_automatic_backup_short).to_owned(),
        ));
    };
    {
        let _sync = session.syncer.lock().await;
        let mut db = session.db.lock().await;
        vypyska_core::store::recovery::restore(&mut db, &path)?;
    }
    tracing::warn!(%day, "database restored from the automatic backup");
    *session.recovery.lock().unwrap_or_else(|e| e.into_inner()) = None;
    let settings = session.settings().await;
    shared.settings_changed(&app, &settings).await;
    drop(session);
    app_info(shared).await
}

/// Goes on with the empty database (the damaged file stays kept).
#[tauri::command]
#[specta::specta]
pub async fn dismiss_recovery(shared: State<'_, Shared>) -> Reply<AppInfo> {
    *shared
        .session()
        .await
        .recovery
        .lock()
        .unwrap_or_else(|e| e.into_inner()) = None;
    app_info(shared).await
}

/// Switches to the demo (the simulated bank and its own database) or back to the real data.
#[tauri::command]
#[specta::specta]
pub async fn set_demo(app: AppHandle, shared: State<'_, Shared>, on: bool) -> Reply<AppInfo> {
    let lang = crate::session::ui_lang();
    shared
        .switch(&app, on)
        .await
        .map_err(|e| CommandError::new(Code::Demo, say!(lang, could_not_switch, e)))?;
    app_info(shared).await
}
