//! Syncing: now, its state, the runs.

use tauri::State;
use vypyska_core::store::RunRecord;
use vypyska_core::store::Tables;

use super::Reply;
use crate::state::{Shared, SyncState};

/// Asks the background timer to sync now; progress arrives as `SyncProgress` events.
#[tauri::command]
#[specta::specta]
pub async fn sync_now(shared: State<'_, Shared>) -> Reply<()> {
    shared.sync_now.notify_one();
    Ok(())
}

#[tauri::command]
#[specta::specta]
pub async fn sync_state(shared: State<'_, Shared>) -> Reply<SyncState> {
    Ok(shared.sync_state())
}

#[tauri::command]
#[specta::specta]
pub async fn sync_runs(shared: State<'_, Shared>, limit: u32) -> Reply<Vec<RunRecord>> {
    let session = shared.session().await;
    let db = session.db.lock().await;
    Ok(db.runs().recent_runs(None, limit.clamp(1, 1000))?)
}
