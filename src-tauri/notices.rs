//! The web view's commands for the bell (recent notices) and the employees who hear of things.

use tauri::State;
use vypyska_core::notifications::{self, Employee, EmployeeError, Notice};
use vypyska_core::Lang;

use crate::app::Shared;
use crate::commands::{CommandError, Reply};

fn employee_error(e: EmployeeError, lang: Lang) -> CommandError {
    CommandError::new(e.code(), e.message(lang))
}

/// The latest notices, newest first, for the bell.
#[tauri::command]
#[specta::specta]
pub async fn list_notices(shared: State<'_, Shared>) -> Reply<Vec<Notice>> {
    let session = shared.session().await;
    let (db, lang) = session.db_and_lang().await;
    notifications::recent(db.conn(), 50).map_err(|e| CommandError::database(e, lang))
}

/// Marks one notice read, or all of them.
#[tauri::command]
#[specta::specta]
pub async fn mark_notices_read(shared: State<'_, Shared>, id: Option<i64>) -> Reply<()> {
    let session = shared.session().await;
    let (db, lang) = session.db_and_lang().await;
    let marked =
        notifications::mark_read(db.conn(), id).map_err(|e| CommandError::database(e, lang))?;
    if id.is_some() && marked == 0 {
        return Err(CommandError::new(
            "not_found",
            lang.pick("Такого сповіщення немає.", "There is no such notice.")
                .to_owned(),
        ));
    }
    Ok(())
}

#[tauri::command]
#[specta::specta]
pub async fn list_employees(shared: State<'_, Shared>) -> Reply<Vec<Employee>> {
    let session = shared.session().await;
    let (db, lang) = session.db_and_lang().await;
    notifications::employees(db.conn()).map_err(|e| employee_error(e, lang))
}

/// Adds (`id` 0) or changes an employee; returns the list.
#[tauri::command]
#[specta::specta]
pub async fn save_employee(shared: State<'_, Shared>, employee: Employee) -> Reply<Vec<Employee>> {
    let session = shared.session().await;
    let (db, lang) = session.db_and_lang().await;
    notifications::save_employee(db.conn(), &employee).map_err(|e| employee_error(e, lang))?;
    notifications::employees(db.conn()).map_err(|e| employee_error(e, lang))
}

#[tauri::command]
#[specta::specta]
pub async fn remove_employee(shared: State<'_, Shared>, id: i64) -> Reply<Vec<Employee>> {
    let session = shared.session().await;
    let (db, lang) = session.db_and_lang().await;
    notifications::remove_employee(db.conn(), id).map_err(|e| employee_error(e, lang))?;
    notifications::employees(db.conn()).map_err(|e| employee_error(e, lang))
}

/// Sends a test letter with the saved mail settings.
#[tauri::command]
#[specta::specta]
pub async fn send_test_email(shared: State<'_, Shared>, to: String) -> Reply<()> {
    let session = shared.session().await;
    let settings = session.settings().await;
    let lang = settings.lang();
    tokio::task::spawn_blocking(move || vypyska_core::email::send_test(&settings, &to))
        .await
        .map_err(|e| CommandError::new("smtp_failed", e.to_string()))?
        .map_err(|e| CommandError::new(e.code(), e.message(lang)))
}

/// Saves the mail server's password in the OS keyring (never in the database).
#[tauri::command]
#[specta::specta]
pub async fn set_smtp_password(shared: State<'_, Shared>, password: String) -> Reply<()> {
    let lang = shared.session().await.lang().await;
    vypyska_core::secrets::save_password(vypyska_core::email::PASSWORD_ENTRY, &password)
        .map_err(|e| CommandError::new(e.code(), e.message(lang)))
}
