//! Merchants' credentials in the OS keyring (Secret Service, Keychain, Credential Manager).
//!
//! The database holds only an entry's name (`secret_ref`), never the secret. There is no fallback
//! to a file: a missing or locked keyring is an error the user sees.

use crate::say;
use privat24::{Credentials, Token};
use serde_json::json;

use crate::{Lang, APP_ID};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SecretError {
    /// No Secret Service / keychain could be reached at all.
    #[error("no OS keyring is available: {0}")]
    Unavailable(String),
    /// The keyring exists but is locked, or access was refused.
    #[error("the OS keyring is locked or refused access: {0}")]
    Locked(String),
    /// The merchant's entry is gone (deleted by hand, another user profile).
    #[error("the token is missing from the OS keyring")]
    Missing,
    #[error("keyring error: {0}")]
    Other(String),
}

impl SecretError {
    pub fn code(&self) -> crate::Code {
        match self {
            SecretError::Unavailable(_) => crate::Code::KeyringUnavailable,
            SecretError::Locked(_) => crate::Code::KeyringLocked,
            SecretError::Missing => crate::Code::TokenMissing,
            SecretError::Other(_) => crate::Code::KeyringError,
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        match self {
            SecretError::Unavailable(_) => say!(lang, system_password_store_not),
            SecretError::Locked(_) => say!(lang, system_password_store_locked),
            SecretError::Missing => say!(lang, account_s_token_missing),
            SecretError::Other(detail) => say!(lang, password_store_error, detail),
        }
    }
}

impl From<keyring::Error> for SecretError {
    fn from(e: keyring::Error) -> Self {
        match e {
            keyring::Error::NoEntry => SecretError::Missing,
            keyring::Error::NoStorageAccess(inner) => SecretError::Locked(inner.to_string()),
            keyring::Error::PlatformFailure(inner) => SecretError::Unavailable(inner.to_string()),
            // Never echo what was being stored: some variants carry the bytes.
            keyring::Error::BadEncoding(_) => SecretError::Other("unreadable entry".into()),
            keyring::Error::TooLong(attr, _) => SecretError::Other(format!("{attr} too long")),
            keyring::Error::Invalid(attr, reason) => {
                SecretError::Other(format!("invalid {attr}: {reason}"))
            }
            keyring::Error::Ambiguous(_) => SecretError::Other("several entries match".into()),
            other => SecretError::Other(other.to_string()),
        }
    }
}

/// Where credentials are kept. The keyring in the app; the trait lets the demo keep its
/// simulator's token in memory, away from the user's real keyring.
pub trait SecretStore: Send + Sync {
    fn save(&self, secret_ref: &str, creds: &Credentials) -> Result<(), SecretError>;
    fn load(&self, secret_ref: &str) -> Result<Credentials, SecretError>;
    /// Removes the entry; a missing one is fine.
    fn delete(&self, secret_ref: &str) -> Result<(), SecretError>;
}

/// The OS keyring, service `ua.vypyska.app`, one entry per merchant holding the token and the
/// optional client id.
#[derive(Debug, Clone, Copy, Default)]
pub struct Keyring;

impl Keyring {
    fn entry(secret_ref: &str) -> Result<keyring::Entry, SecretError> {
        Ok(keyring::Entry::new(APP_ID, secret_ref)?)
    }
}

impl SecretStore for Keyring {
    fn save(&self, secret_ref: &str, creds: &Credentials) -> Result<(), SecretError> {
        let value = json!({"token": creds.token.expose(), "id": creds.client_id}).to_string();
        Self::entry(secret_ref)?.set_password(&value)?;
        Ok(())
    }

    fn load(&self, secret_ref: &str) -> Result<Credentials, SecretError> {
        let value = Self::entry(secret_ref)?.get_password()?;
        let parsed: serde_json::Value = serde_json::from_str(&value)
            .map_err(|_| SecretError::Other("unreadable entry".into()))?;
        let token = parsed["token"]
            .as_str()
            .ok_or_else(|| SecretError::Other("unreadable entry".into()))?;
        Ok(Credentials {
            token: Token::new(token),
            client_id: parsed["id"].as_str().map(str::to_owned),
        })
    }

    fn delete(&self, secret_ref: &str) -> Result<(), SecretError> {
        match Self::entry(secret_ref)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(e.into()),
        }
    }
}

/// A password of the app's own (the mail server's), in the same keyring service under `name`.
pub fn save_password(name: &str, password: &str) -> Result<(), SecretError> {
    Keyring::entry(name)?.set_password(password)?;
    Ok(())
}

/// The password saved under `name`, or none.
pub fn load_password(name: &str) -> Result<Option<String>, SecretError> {
    match Keyring::entry(name)?.get_password() {
        Ok(p) => Ok(Some(p)),
        Err(keyring::Error::NoEntry) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

crate::error::user_error!(SecretError);
