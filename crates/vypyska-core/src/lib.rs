//! The core of Vypyska: the sync engine, the ledger (invoices, allocation, categories), notices, secrets in the OS keyring, settings
//! and validation. It knows nothing of Tauri or of a display: the CLI, the desktop shell and the
//! tests all drive it directly.

// By area: the bank side, the books, telling people; the use cases both shells run; settings;
// and the small utilities every area uses.
pub mod bank;
pub mod companies;
pub mod ledger;
pub mod notices;
pub mod ops;
pub mod settings;
pub mod team;

pub mod clock;
pub mod error;
pub mod format;
pub mod i18n;
pub mod parse;
pub mod validate;

/// The storage (the SQLite file, its queries, backups and recovery): its own crate.
pub use vypyska_store as store;

#[cfg(test)]
mod properties;
#[cfg(test)]
mod testing;

// Each area's modules are reached from the top as well (`vypyska_core::invoices`), as the shells
// and the tests name them.
pub use bank::{merchants, schedule, secrets, sync};
pub use ledger::{
    allocation, amount_words, categories, invoice_import, invoice_numbers, invoice_pdf,
    invoice_print, invoice_sheet, invoices, payment_qr,
};
pub use notices::{email, notifications};

use std::path::PathBuf;

pub use clock::{Clock, FixedClock, SystemClock};
pub use error::{Code, UserError};
pub use i18n::Lang;
pub use store::Store;

pub use bank::merchants::{Merchant, NewMerchant};
pub use bank::sync::{SyncEvent, Syncer};
pub use settings::Settings;

/// The app's identifier; also its data folder's name and its keyring service.
pub const APP_ID: &str = "ua.vypyska.app";

/// Where the database and locks live: `VYPYSKA_DATA_DIR` when set, else the OS app-data folder
/// (`~/.local/share/ua.vypyska.app` on Linux, the same folder Tauri uses).
pub fn data_dir() -> anyhow::Result<PathBuf> {
    if let Some(dir) = std::env::var_os("VYPYSKA_DATA_DIR").filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    let base = dirs::data_dir()
        .ok_or_else(|| anyhow::anyhow!("the OS has no app-data folder for this user"))?;
    Ok(base.join(APP_ID))
}

/// The team's database server, when the books are there: `VYPYSKA_DATABASE_URL`
/// (`postgres://user@host:port/database`). None: this computer's own file (solo mode).
pub fn database_url() -> Option<String> {
    std::env::var("VYPYSKA_DATABASE_URL")
        .ok()
        .filter(|u| !u.trim().is_empty())
}

/// The books as a command opens them: the team's database when this computer is in a team
/// (or `VYPYSKA_DATABASE_URL` names one), else the data folder's file (not checked whole: that
/// is the app's, at start).
pub fn books(data_dir: &std::path::Path) -> Result<Store, team::TeamError> {
    match team::books_server(data_dir)? {
        Some((url, access)) => Ok(Store::connect_to(&url, &access)?),
        None => Ok(Store::open_in(data_dir)?),
    }
}

/// The books: the team's database when this computer is in a team (or
/// `VYPYSKA_DATABASE_URL` names one), else the data folder's file, checked (a damaged file is
/// set aside and said in the [`store::recovery::Recovery`]).
pub fn open_books(
    data_dir: &std::path::Path,
) -> Result<(Store, Option<store::recovery::Recovery>), team::TeamError> {
    match team::books_server(data_dir)? {
        Some((url, access)) => Ok((Store::connect_to(&url, &access)?, None)),
        None => Ok(store::recovery::open_checked(data_dir)?),
    }
}

/// The bank's address: `VYPYSKA_PRIVAT24_URL` when set (the simulator), else the real bank.
pub fn bank_url() -> String {
    std::env::var("VYPYSKA_PRIVAT24_URL")
        .ok()
        .filter(|u| !u.trim().is_empty())
        .unwrap_or_else(|| privat24::DEFAULT_BASE_URL.to_owned())
}
