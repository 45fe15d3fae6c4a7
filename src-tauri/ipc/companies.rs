//! The companies: their list (for the switcher and the columns that name them) and their
//! requisites.

use tauri::State;
use vypyska_core::companies::{self, Company, NewCompany};
use vypyska_core::SystemClock;

use super::Reply;
use crate::state::Shared;

/// Every company, by name.
#[tauri::command]
#[specta::specta]
pub async fn list_companies(shared: State<'_, Shared>) -> Reply<Vec<Company>> {
    let session = shared.session().await;
    let db = session.db.lock().await;
    Ok(companies::list(db.conn())?)
}

/// Adds a company (`id` none) or changes one; the list after it.
#[tauri::command]
#[specta::specta]
pub async fn save_company(
    shared: State<'_, Shared>,
    id: Option<i64>,
    input: NewCompany,
) -> Reply<Vec<Company>> {
    let session = shared.session().await;
    let db = session.db.lock().await;
    match id {
        Some(id) => companies::update(db.conn(), id, &input)?,
        None => companies::add(db.conn(), &SystemClock, &input)?,
    };
    Ok(companies::list(db.conn())?)
}
