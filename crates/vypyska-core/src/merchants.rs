//! Merchants: the bank accounts the owner adds, each with its credentials in the keyring.

use crate::UserError as _;
use chrono::NaiveDate;
use privat24::{Client, Credentials, Span, Token};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use crate::i18n::bank_error;
use crate::secrets::{SecretError, SecretStore};
use crate::store::{Store, StoreError};
use crate::validate::{self, Invalid};
use crate::{Clock, Lang};

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Merchant {
    pub id: i64,
    pub name: String,
    pub account: String,
    pub currency: String,
    #[serde(skip)]
    pub secret_ref: String,
    pub has_client_id: bool,
    pub sync_from: NaiveDate,
    pub synced_through: Option<NaiveDate>,
    pub created_at: String,
}

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
}

impl From<rusqlite::Error> for MerchantError {
    fn from(e: rusqlite::Error) -> Self {
        MerchantError::Store(e.into())
    }
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
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        match self {
            MerchantError::Invalid(i) => i.message(lang),
            MerchantError::NameTaken(n) => lang.pick(
                format!("Назва «{n}» вже використовується: оберіть іншу."),
                format!("The name \"{n}\" is taken: choose another."),
            ),
            MerchantError::AccountTaken(a, n) => lang.pick(
                format!("Рахунок {a} вже додано як «{n}»."),
                format!("Account {a} is added already as \"{n}\"."),
            ),
            MerchantError::NotFound(n) => lang.pick(
                format!("Немає рахунку з назвою «{n}». Подивіться список: vypyska merchant list"),
                format!("There is no merchant named \"{n}\". See the list: vypyska merchant list"),
            ),
            MerchantError::Bank(e) => bank_error(e, lang),
            MerchantError::AccountNotFound(a) => lang.pick(
                format!("Банк прийняв токен, але рахунку {a} серед його рахунків немає. Перевірте номер рахунку або токен."),
                format!("The bank accepted the token, but account {a} is not among its accounts. Check the account number or the token."),
            ),
            MerchantError::CurrencyMismatch { account, bank, given } => lang.pick(
                format!("Рахунок {account} у банку ведеться у {bank}, а не у {given}."),
                format!("Account {account} is held in {bank} at the bank, not {given}."),
            ),
            MerchantError::Secret(e) => e.message(lang),
            MerchantError::Store(e) => e.message(lang),
        }
    }
}

const COLUMNS: &str =
    "id, name, account, currency, secret_ref, has_client_id, sync_from, synced_through, created_at";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Merchant> {
    let date = |s: String| NaiveDate::parse_from_str(&s, "%Y-%m-%d").unwrap_or_default();
    Ok(Merchant {
        id: r.get(0)?,
        name: r.get(1)?,
        account: r.get(2)?,
        currency: r.get(3)?,
        secret_ref: r.get(4)?,
        has_client_id: r.get(5)?,
        sync_from: date(r.get(6)?),
        synced_through: r.get::<_, Option<String>>(7)?.map(date),
        created_at: r.get(8)?,
    })
}

/// Names are unique ignoring case in any alphabet ("Основний" = "основний").
pub use crate::store::name_key;

pub fn list(conn: &Connection) -> Result<Vec<Merchant>, MerchantError> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM merchants"))?;
    let rows = stmt.query_map([], from_row)?;
    let mut list: Vec<Merchant> = rows.collect::<rusqlite::Result<_>>()?;
    list.sort_by_cached_key(|m| crate::format::sort_key(&m.name));
    Ok(list)
}

pub fn find(conn: &Connection, name: &str) -> Result<Merchant, MerchantError> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM merchants WHERE name_key = ?1"),
        [name_key(name)],
        from_row,
    )
    .optional()?
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
    check_credentials(client, &creds, &account, &currency).await?;

    let secret_ref = format!("merchant-{}", uuid::Uuid::new_v4());
    secrets.save(&secret_ref, &creds)?;
    // The first sync reaches back as far as the settings say (30 days unless changed).
    let sync_from = new.sync_from.unwrap_or_else(|| {
        let days = crate::settings::Settings::load(store.conn())
            .unwrap_or_default()
            .first_sync_days;
        clock.today_kyiv() - chrono::Duration::days(days.into())
    });
    let inserted = insert_and_take_back(
        store,
        &name,
        &account,
        &currency,
        &secret_ref,
        creds.client_id.is_some(),
        sync_from,
        &clock.now().to_rfc3339(),
    );
    if let Err(e) = inserted {
        // Leave no orphan secret behind.
        let _ = secrets.delete(&secret_ref);
        return Err(e.into());
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

/// Saves a new merchant and, in the same transaction, takes back the statements kept from an
/// earlier merchant of the same account (removed with its statements kept), so they are listed,
/// counted and allocated as its own again.
#[allow(clippy::too_many_arguments)]
fn insert_and_take_back(
    store: &mut Store,
    name: &str,
    account: &str,
    currency: &str,
    secret_ref: &str,
    has_client_id: bool,
    sync_from: NaiveDate,
    now: &str,
) -> Result<(), StoreError> {
    let tx = store.write()?;
    let id: i64 = tx.query_row(
        "INSERT INTO merchants (name, name_key, account, currency, secret_ref, has_client_id,
             sync_from, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id",
        params![
            name,
            name_key(name),
            account,
            currency,
            secret_ref,
            has_client_id,
            sync_from.to_string(),
            now,
        ],
        |r| r.get(0),
    )?;
    tx.execute(
        "UPDATE statements SET merchant_id = ?1 WHERE account = ?2 AND merchant_id IS NULL",
        params![id, account],
    )?;
    tx.commit()?;
    Ok(())
}

/// Asks the bank for the account's interim balance: proves the token works, that it sees this
/// account, and in which currency the account is held.
pub async fn check_credentials(
    client: &Client,
    creds: &Credentials,
    account: &str,
    currency: &str,
) -> Result<(), MerchantError> {
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
    Ok(())
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
    store.conn().execute(
        "UPDATE merchants SET has_client_id = ?1 WHERE id = ?2",
        params![creds.client_id.is_some(), merchant.id],
    )?;
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
    store.conn().execute(
        "UPDATE merchants SET name = ?1, name_key = ?2 WHERE id = ?3",
        params![new_name, name_key(&new_name), merchant.id],
    )?;
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
    let tx = store.write()?;
    if delete_statements {
        tx.execute(
            "DELETE FROM statements WHERE merchant_id = ?1",
            [merchant.id],
        )?;
        tx.execute(
            "DELETE FROM balances WHERE account = ?1",
            [&merchant.account],
        )?;
        // Row ids above what is left may be given again: the notices' mark comes down with them,
        // so the next payments are told.
        tx.execute(
            "UPDATE notice_marks SET value = MIN(value, (SELECT COALESCE(MAX(id), 0) FROM statements))
             WHERE name = 'statements'",
            [],
        )?;
    }
    tx.execute("DELETE FROM merchants WHERE id = ?1", [merchant.id])?;
    tx.commit().map_err(StoreError::from)?;
    Ok(merchant)
}

crate::error::user_error!(MerchantError);
