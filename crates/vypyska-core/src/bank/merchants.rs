//! Merchants: the bank accounts the owner adds, each with its credentials in the keyring.

use crate::say;
use crate::store::Connection;
use crate::store::Tables;
use crate::UserError as _;
use chrono::NaiveDate;
use privat24::{Client, Credentials, Span, Token};

use crate::i18n::bank_error;
use crate::secrets::{SecretError, SecretStore};
use crate::store::merchants as store_merchants;
use crate::store::{Store, StoreError};
use crate::validate::{self, Invalid};
use crate::{Clock, Lang};

pub use crate::store::merchants::Merchant;

/// What the owner enters to add a merchant.
#[derive(Debug, Clone)]
pub struct NewMerchant {
    pub name: String,
    pub account: String,
    pub currency: String,
    pub client_id: Option<String>,
    pub token: Token,
    /// The first sync starts here; by default `first_sync_days` (30) back.
    pub sync_from: Option<NaiveDate>,
    /// The company the account belongs to; none: the one the bank's name for the account
    /// names, else the only one, else a new one made from the bank's data.
    pub company: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum MerchantError {
    #[error(transparent)]
    Invalid(#[from] Invalid),
    #[error("a merchant named {0:?} exists already")]
    NameTaken(String),
    #[error("account {0} is added already, as {1:?}")]
    AccountTaken(String, String),
    #[error("no merchant named {0:?}")]
    NotFound(String),
    #[error("the bank: {0}")]
    Bank(#[from] privat24::Error),
    #[error("the token does not see account {0}")]
    AccountNotFound(String),
    #[error("account {account} is in {bank}, not {given}")]
    CurrencyMismatch {
        account: String,
        bank: String,
        given: String,
    },
    #[error(transparent)]
    Secret(#[from] SecretError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Company(#[from] crate::companies::CompanyError),
}

impl MerchantError {
    pub fn code(&self) -> crate::Code {
        match self {
            MerchantError::Invalid(i) => i.code(),
            MerchantError::NameTaken(_) => crate::Code::NameTaken,
            MerchantError::AccountTaken(..) => crate::Code::AccountTaken,
            MerchantError::NotFound(_) => crate::Code::MerchantNotFound,
            MerchantError::Bank(e) => crate::Code::bank(e),
            MerchantError::AccountNotFound(_) => crate::Code::AccountNotFound,
            MerchantError::CurrencyMismatch { .. } => crate::Code::CurrencyMismatch,
            MerchantError::Secret(e) => e.code(),
            MerchantError::Store(e) => e.code(),
            MerchantError::Company(e) => e.code(),
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        match self {
            MerchantError::Invalid(i) => i.message(lang),
            MerchantError::NameTaken(n) => say!(lang, name_taken_choose_another, n),
            MerchantError::AccountTaken(a, n) => say!(lang, account_added_already_as, a, n),
            MerchantError::NotFound(n) => say!(lang, there_no_merchant_named, n),
            MerchantError::Bank(e) => bank_error(e, lang),
            MerchantError::AccountNotFound(a) => say!(lang, bank_accepted_token_but, a),
            MerchantError::CurrencyMismatch {
                account,
                bank,
                given,
            } => say!(lang, account_held_bank_not, account, bank, given),
            MerchantError::Secret(e) => e.message(lang),
            MerchantError::Store(e) => e.message(lang),
            MerchantError::Company(e) => e.message(lang),
        }
    }
}

/// Names are unique ignoring case in any alphabet ("Основний" = "основний").
pub use crate::store::name_key;

/// Every merchant, in the order people read names.
pub fn list(conn: &Connection) -> Result<Vec<Merchant>, MerchantError> {
    let mut list = conn.merchants().all()?;
    list.sort_by_cached_key(|m| crate::format::sort_key(&m.name));
    Ok(list)
}

pub fn find(conn: &Connection, name: &str) -> Result<Merchant, MerchantError> {
    conn.merchants()
        .by_name(name)?
        .ok_or_else(|| MerchantError::NotFound(name.trim().to_owned()))
}

/// Checks the fields, then the credentials against the bank, then saves the token to the
/// keyring and the merchant to the database. Nothing is saved unless every step passes.
pub async fn add(
    store: &mut Store,
    secrets: &dyn SecretStore,
    client: &Client,
    clock: &dyn Clock,
    new: NewMerchant,
) -> Result<Merchant, MerchantError> {
    let name = validate::name(&new.name)?;
    let account = validate::iban(&new.account)?;
    let currency = validate::currency(&new.currency)?;
    if new.token.is_blank() {
        return Err(Invalid::EmptyToken.into());
    }
    check_sendable(&new.token, new.client_id.as_deref())?;
    if let Ok(existing) = find(store.conn(), &name) {
        return Err(MerchantError::NameTaken(existing.name));
    }
    if let Some(other) = list(store.conn())?
        .into_iter()
        .find(|m| m.account == account)
    {
        return Err(MerchantError::AccountTaken(account, other.name));
    }
    let creds = Credentials {
        token: Token::new(new.token.expose().trim()),
        client_id: new
            .client_id
            .map(|c| c.trim().to_owned())
            .filter(|c| !c.is_empty()),
    };
    let bank_name = check_credentials(client, &creds, &account, &currency).await?;
    // The first sync reaches back as far as the settings say (30 days unless changed).
    let sync_from = new.sync_from.unwrap_or_else(|| {
        let days = crate::settings::Settings::load(store.conn())
            .unwrap_or_default()
            .first_sync_days;
        clock.today_kyiv() - chrono::Duration::days(days.into())
    });
    let secret_ref = format!("merchant-{}", uuid::Uuid::new_v4());
    secrets.save(&secret_ref, &creds)?;
    // The account and a company made for it are saved together, or neither is (a refused
    // account leaves no company behind).
    let saved = (|| -> Result<(), MerchantError> {
        let tx = store.write()?;
        let company = match new.company.as_deref() {
            Some(name) => crate::companies::find(&tx, name)?,
            None => crate::companies::recognise(&tx, clock, &bank_name, "")?,
        };
        tx.merchants().insert_taking_back(store_merchants::NewRow {
            name: &name,
            account: &account,
            currency: &currency,
            secret_ref: &secret_ref,
            has_client_id: creds.client_id.is_some(),
            sync_from,
            created_at: &clock.now().to_rfc3339(),
            company_id: company.id,
        })?;
        tx.commit().map_err(StoreError::from)?;
        Ok(())
    })();
    if let Err(e) = saved {
        // Leave no orphan secret behind.
        let _ = secrets.delete(&secret_ref);
        return Err(e);
    }
    find(store.conn(), &name)
}

/// The token and client id as typed are checked here, before the bank is asked: a pasted
/// megabyte or a binary file is refused in words, not sent.
fn check_sendable(token: &Token, client_id: Option<&str>) -> Result<(), MerchantError> {
    privat24::check_credential("token", token.expose())?;
    if let Some(id) = client_id.filter(|id| !id.trim().is_empty()) {
        privat24::check_credential("client id", id)?;
    }
    Ok(())
}

/// Asks the bank for the account's interim balance: proves the token works, that it sees this
/// account, and in which currency the account is held. The bank's name for the account
/// (`nameACC`, usually the business's name).
pub async fn check_credentials(
    client: &Client,
    creds: &Credentials,
    account: &str,
    currency: &str,
) -> Result<String, MerchantError> {
    let balances = client
        .balances(creds, Some(account), Span::Interim)
        .collect()
        .await?;
    let Some(b) = balances.iter().find(|b| b.account == account) else {
        return Err(MerchantError::AccountNotFound(account.to_owned()));
    };
    if !b.currency.is_empty() && b.currency != currency {
        return Err(MerchantError::CurrencyMismatch {
            account: account.to_owned(),
            bank: b.currency.clone(),
            given: currency.to_owned(),
        });
    }
    Ok(b.account_name.trim().to_owned())
}

/// Replaces a merchant's token (and client id) once the bank accepts the new one for its
/// account; the old one stays in place if it does not.
pub async fn replace_token(
    store: &mut Store,
    secrets: &dyn SecretStore,
    client: &Client,
    name: &str,
    client_id: Option<String>,
    token: Token,
) -> Result<Merchant, MerchantError> {
    let merchant = find(store.conn(), name)?;
    if token.is_blank() {
        return Err(Invalid::EmptyToken.into());
    }
    check_sendable(&token, client_id.as_deref())?;
    let creds = Credentials {
        token: Token::new(token.expose().trim()),
        client_id: client_id
            .map(|c| c.trim().to_owned())
            .filter(|c| !c.is_empty()),
    };
    check_credentials(client, &creds, &merchant.account, &merchant.currency).await?;
    secrets.save(&merchant.secret_ref, &creds)?;
    store
        .merchants()
        .set_has_client_id(merchant.id, creds.client_id.is_some())?;
    find(store.conn(), name)
}

/// Gives a merchant a new name (unique ignoring case, like every name); its statements, runs
/// and token stay as they are.
pub fn rename(store: &mut Store, name: &str, new_name: &str) -> Result<Merchant, MerchantError> {
    let merchant = find(store.conn(), name)?;
    let new_name = validate::name(new_name)?;
    if let Ok(other) = find(store.conn(), &new_name) {
        if other.id != merchant.id {
            return Err(MerchantError::NameTaken(other.name));
        }
    }
    store.merchants().rename(merchant.id, &new_name)?;
    find(store.conn(), &new_name)
}

/// Removes a merchant and its keyring entry. Its statements stay (without a merchant) unless
/// `delete_statements`.
pub fn remove(
    store: &mut Store,
    secrets: &dyn SecretStore,
    name: &str,
    delete_statements: bool,
) -> Result<Merchant, MerchantError> {
    let merchant = find(store.conn(), name)?;
    secrets.delete(&merchant.secret_ref)?;
    store.merchants_mut().remove(&merchant, delete_statements)?;
    Ok(merchant)
}

crate::error::user_error!(MerchantError);
