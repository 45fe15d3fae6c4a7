//! The companies: their list (for the switcher and the columns that name them) and their
//! requisites.

use tauri::State;
use vypyska_core::companies::{self, Company, NewCompany};
use vypyska_core::settings::{CompanySettings, CompanyValue, Settings};
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

/// The settings a company may set for itself, with its values (its own, or the global ones).
#[tauri::command]
#[specta::specta]
pub async fn company_settings(
    shared: State<'_, Shared>,
    company_id: i64,
) -> Reply<Vec<CompanyValue>> {
    let session = shared.session().await;
    let db = session.db.lock().await;
    companies::get(db.conn(), company_id)?;
    Ok(CompanySettings::load(db.conn())?.values(company_id))
}

/// Gives a company its own value of a setting (`value`), or the global one again (none).
#[tauri::command]
#[specta::specta]
pub async fn save_company_setting(
    shared: State<'_, Shared>,
    company_id: i64,
    key: String,
    value: Option<String>,
) -> Reply<Vec<CompanyValue>> {
    let session = shared.session().await;
    let db = session.db.lock().await;
    companies::get(db.conn(), company_id)?;
    Settings::set_for_company(db.conn(), company_id, &key, value.as_deref())?;
    Ok(CompanySettings::load(db.conn())?.values(company_id))
}
