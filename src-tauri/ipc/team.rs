//! Team mode from the settings screen, as `vypyska team` does it: how things stand, moving this
//! computer's books onto a team's server, joining one as an employee, and going back to the
//! file. A password comes in and is kept in the keyring; no reply carries it.

use std::path::PathBuf;

use tauri::{AppHandle, State};
use vypyska_core::secrets::Keyring;
use vypyska_core::team::{self, Status};
use vypyska_core::{say, Code, Store};

use super::{CommandError, Reply};
use crate::state::Shared;

/// Runs blocking work (the server, the keyring) off the async runtime.
async fn off_runtime<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, CommandError> + Send + 'static,
) -> Reply<T> {
    tauri::async_runtime::spawn_blocking(work)
        .await
        .map_err(|e| CommandError::new(Code::Unexpected, e.to_string()))?
}

fn blank(text: Option<String>) -> Option<String> {
    text.filter(|t| !t.trim().is_empty())
}

#[tauri::command]
#[specta::specta]
pub async fn team_status(shared: State<'_, Shared>) -> Reply<Status> {
    let dir = shared.real_dir.clone();
    let lang = crate::session::ui_lang();
    off_runtime(move || Ok(team::status(&dir, &Keyring, lang))).await
}

/// Moves this computer's books onto an empty database of the team's server, then works there.
#[tauri::command]
#[specta::specta]
pub async fn create_team(
    app: AppHandle,
    shared: State<'_, Shared>,
    url: String,
    password: Option<String>,
    ca_file: Option<String>,
) -> Reply<Status> {
    moved(&app, shared, move |dir| {
        if let Some(t) = team::current(dir)? {
            let lang = crate::session::ui_lang();
            return Err(CommandError::new(
                Code::InvalidText,
                say!(lang, team_already, t.server),
            ));
        }
        let local = Store::open_in(dir)?;
        let ca = blank(ca_file).map(PathBuf::from);
        let password = blank(password);
        team::create(dir, &local, &url, password.as_deref(), ca.as_deref())?;
        Ok(())
    })
    .await
}

/// Works on a team's books as one of its employees.
#[tauri::command]
#[specta::specta]
pub async fn join_team(
    app: AppHandle,
    shared: State<'_, Shared>,
    url: String,
    employee: String,
    password: Option<String>,
    ca_file: Option<String>,
) -> Reply<Status> {
    moved(&app, shared, move |dir| {
        let ca = blank(ca_file).map(PathBuf::from);
        let password = blank(password);
        team::join(dir, &url, &employee, password.as_deref(), ca.as_deref())?;
        Ok(())
    })
    .await
}

/// Back to this computer's own file (the team's books stay on the server).
#[tauri::command]
#[specta::specta]
pub async fn leave_team(app: AppHandle, shared: State<'_, Shared>) -> Reply<Status> {
    moved(&app, shared, |dir| Ok(team::leave(dir).map(drop)?)).await
}

/// Changes where this computer's books are (`change`, off the async runtime, on the data
/// folder), then opens the app's session on them and says how things stand.
async fn moved(
    app: &AppHandle,
    shared: State<'_, Shared>,
    change: impl FnOnce(&std::path::Path) -> Result<(), CommandError> + Send + 'static,
) -> Reply<Status> {
    let dir = shared.real_dir.clone();
    off_runtime(move || change(&dir)).await?;
    reopened(app, &shared).await?;
    team_status(shared).await
}

/// The app's session on the books this computer now uses.
async fn reopened(app: &AppHandle, shared: &Shared) -> Reply<()> {
    let lang = crate::session::ui_lang();
    shared
        .reopen_real(app)
        .await
        .map_err(|e| CommandError::new(Code::Database, say!(lang, could_not_switch, e)))
}
