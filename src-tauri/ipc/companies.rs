//! The companies: their list (for the switcher and the columns that name them) and their
//! requisites.

use tauri::State;
use vypyska_core::companies::{self, Company, NewCompany, Vat};
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

/// A company's requisites as the company screen edits them.
#[derive(Debug, Clone, serde::Deserialize, specta::Type)]
pub struct CompanyInput {
    pub name: String,
    pub kind: String,
    pub tax_id: String,
    pub vat: Vat,
    pub address: String,
    pub invoice_merchant_id: Option<i64>,
    pub signer: String,
}

/// Adds a company (`id` none) or changes one; the list after it.
#[tauri::command]
#[specta::specta]
pub async fn save_company(
    shared: State<'_, Shared>,
    id: Option<i64>,
    input: CompanyInput,
) -> Reply<Vec<Company>> {
    let session = shared.session().await;
    let db = session.db.lock().await;
    let new = NewCompany {
        name: input.name,
        kind: input.kind,
        tax_id: input.tax_id,
        vat: input.vat,
        address: input.address,
        invoice_merchant_id: input.invoice_merchant_id,
        signer: input.signer,
    };
    match id {
        Some(id) => companies::update(db.conn(), id, &new)?,
        None => companies::add(db.conn(), &SystemClock, &new)?,
    };
    Ok(companies::list(db.conn())?)
}
