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
    notifications::mark_read(db.conn(), id).map_err(|e| CommandError::database(e, lang))
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
