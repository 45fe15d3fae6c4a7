//! The web view's commands for the bell (recent notices) and the employees who hear of things.

use tauri::State;
use vypyska_core::notifications::{self, Employee, Notice};
use vypyska_core::say;
use vypyska_core::Code;

use super::{CommandError, Reply};
use crate::state::Shared;

/// The latest notices, newest first, for the bell.
#[tauri::command]
#[specta::specta]
pub async fn list_notices(shared: State<'_, Shared>) -> Reply<Vec<Notice>> {
    let session = shared.session().await;
    let db = session.db.lock().await;
    Ok(notifications::recent(db.conn(), 50)?)
}

/// Marks one notice read, or all of them.
#[tauri::command]
#[specta::specta]
pub async fn mark_notices_read(shared: State<'_, Shared>, id: Option<i64>) -> Reply<()> {
    let session = shared.session().await;
    let (db, lang) = session.db_and_lang().await;
    let marked = notifications::mark_read(db.conn(), id)?;
    if id.is_some() && marked == 0 {
        return Err(CommandError::new(
            Code::NotFound,
            say!(lang, there_no_such_notice).to_owned(),
        ));
    }
    Ok(())
}

#[tauri::command]
#[specta::specta]
pub async fn list_employees(shared: State<'_, Shared>) -> Reply<Vec<Employee>> {
    let session = shared.session().await;
    let db = session.db.lock().await;
    Ok(notifications::employees(db.conn())?)
}

/// Adds (`id` 0) or changes an employee; returns the list.
#[tauri::command]
#[specta::specta]
pub async fn save_employee(shared: State<'_, Shared>, employee: Employee) -> Reply<Vec<Employee>> {
    let session = shared.session().await;
    let mut db = session.db.lock().await;
    notifications::save_employee(&mut db, &employee)?;
    Ok(notifications::employees(db.conn())?)
}

#[tauri::command]
#[specta::specta]
pub async fn remove_employee(shared: State<'_, Shared>, id: i64) -> Reply<Vec<Employee>> {
    let session = shared.session().await;
    let db = session.db.lock().await;
    notifications::remove_employee(db.conn(), id)?;
    Ok(notifications::employees(db.conn())?)
}

/// Sends a test letter with the saved mail settings.
#[tauri::command]
#[specta::specta]
pub async fn send_test_email(shared: State<'_, Shared>, to: String) -> Reply<()> {
    let session = shared.session().await;
    let settings = session.settings().await;
    Ok(
        tokio::task::spawn_blocking(move || vypyska_core::email::send_test(&settings, &to))
            .await
            .map_err(|e| CommandError::new(Code::SmtpFailed, e.to_string()))??,
    )
}

/// Saves the mail server's password in the OS keyring (never in the database).
#[tauri::command]
#[specta::specta]
pub async fn set_smtp_password(password: String) -> Reply<()> {
    Ok(vypyska_core::secrets::save_password(
        vypyska_core::email::PASSWORD_ENTRY,
        &password,
    )?)
}
