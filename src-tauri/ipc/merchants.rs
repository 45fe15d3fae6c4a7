//! The bank accounts: list, check, add, replace a token, rename, remove.

use privat24::{Credentials, Token};
use serde::{Deserialize, Serialize};
use specta::Type;
use tauri::State;
use vypyska_core::merchants::{self, Merchant, NewMerchant};
use vypyska_core::store::Tables;
use vypyska_core::store::{BalanceRow, RunRecord};
use vypyska_core::{validate, SystemClock};

use super::Reply;
use crate::state::Shared;

/// A merchant with how its syncing goes.
#[derive(Debug, Clone, Serialize, Type)]
pub struct MerchantView {
    pub merchant: Merchant,
    pub last_run: Option<RunRecord>,
    pub balance: Option<BalanceRow>,
}

#[tauri::command]
#[specta::specta]
pub async fn list_merchants(shared: State<'_, Shared>) -> Reply<Vec<MerchantView>> {
    let session = shared.session().await;
    let db = session.db.lock().await;
    let list = merchants::list(db.conn())?;
    let balances = db.statements().latest_balances(None)?;
    list.into_iter()
        .map(|m| {
            let last_run = db.runs().last_run(m.id)?;
            let balance = balances.iter().find(|b| b.account == m.account).cloned();
            Ok(MerchantView {
                merchant: m,
                last_run,
                balance,
            })
        })
        .collect()
}

/// The add form. The token only ever travels this way: from the web view to the keyring.
#[derive(Deserialize, Type)]
pub struct MerchantInput {
    pub name: String,
    pub account: String,
    pub currency: String,
    pub client_id: Option<String>,
    pub token: String,
    /// The company it belongs to; none: recognised from the bank's name for the account.
    pub company: Option<String>,
}

impl std::fmt::Debug for MerchantInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MerchantInput")
            .field("name", &self.name)
            .field("account", &self.account)
            .field("currency", &self.currency)
            .finish_non_exhaustive()
    }
}

/// Checks the fields and asks the bank whether the token sees the account, saving nothing.
#[tauri::command]
#[specta::specta]
pub async fn check_connection(shared: State<'_, Shared>, input: MerchantInput) -> Reply<()> {
    let session = shared.session().await;
    validate::name(&input.name)?;
    let account = validate::iban(&input.account)?;
    let currency = validate::currency(&input.currency)?;
    if input.token.trim().is_empty() {
        return Err(validate::Invalid::EmptyToken.into());
    }
    let creds = Credentials {
        token: Token::new(input.token.trim()),
        client_id: input.client_id.filter(|c| !c.trim().is_empty()),
    };
    merchants::check_credentials(&session.client, &creds, &account, &currency).await?;
    Ok(())
}

#[tauri::command]
#[specta::specta]
pub async fn add_merchant(shared: State<'_, Shared>, input: MerchantInput) -> Reply<Merchant> {
    let session = shared.session().await;
    let mut db = session.db.lock().await;
    let added = merchants::add(
        &mut db,
        session.secrets.as_ref(),
        &session.client,
        &SystemClock,
        NewMerchant {
            name: input.name,
            account: input.account,
            currency: input.currency,
            client_id: input.client_id,
            token: Token::new(input.token),
            sync_from: None,
            company: input.company,
        },
    )
    .await?;
    drop(db);
    // A new merchant's statements are wanted now, not at the next scheduled time.
    shared.sync_now.notify_one();
    Ok(added)
}

#[tauri::command]
#[specta::specta]
pub async fn replace_token(
    shared: State<'_, Shared>,
    name: String,
    client_id: Option<String>,
    token: String,
) -> Reply<Merchant> {
    let session = shared.session().await;
    let mut db = session.db.lock().await;
    Ok(merchants::replace_token(
        &mut db,
        session.secrets.as_ref(),
        &session.client,
        &name,
        client_id,
        Token::new(token),
    )
    .await?)
}

#[tauri::command]
#[specta::specta]
pub async fn rename_merchant(
    shared: State<'_, Shared>,
    name: String,
    new_name: String,
) -> Reply<Merchant> {
    let session = shared.session().await;
    let mut db = session.db.lock().await;
    Ok(merchants::rename(&mut db, &name, &new_name)?)
}

#[tauri::command]
#[specta::specta]
pub async fn remove_merchant(
    shared: State<'_, Shared>,
    name: String,
    delete_statements: bool,
) -> Reply<()> {
    let session = shared.session().await;
    // Not while its sync runs: take the sync side first.
    let _sync = session.syncer.lock().await;
    let mut db = session.db.lock().await;
    Ok(
        merchants::remove(&mut db, session.secrets.as_ref(), &name, delete_statements)
            .map(|_| ())?,
    )
}
