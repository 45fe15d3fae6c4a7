//! The settings.

use std::collections::BTreeMap;

use tauri::{AppHandle, State};
use vypyska_core::settings::Settings;

use super::Reply;
use crate::state::Shared;

#[tauri::command]
#[specta::specta]
pub async fn get_settings(shared: State<'_, Shared>) -> Reply<Settings> {
    Ok(shared.session().await.settings().await)
}

/// Saves the changed settings (key → value, as `vypyska settings set` takes them), all or none.
#[tauri::command]
#[specta::specta]
pub async fn save_settings(
    app: AppHandle,
    shared: State<'_, Shared>,
    changes: BTreeMap<String, String>,
) -> Reply<Settings> {
    let session = shared.session().await;
    let mut db = session.db.lock().await;
    let changes: Vec<(String, String)> = changes.into_iter().collect();
    let saved = Settings::set_many(&mut db, &changes)?;
    drop(db);
    shared.settings_changed(&app, &saved).await;
    Ok(saved)
}
