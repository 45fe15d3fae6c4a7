//! The core of Vypyska: the sync engine, the ledger (invoices, allocation, categories), notices, secrets in the OS keyring, settings
//! and validation. It knows nothing of Tauri or of a display: the CLI, the desktop shell and the
//! tests all drive it directly.

pub mod allocation;
pub mod categories;
pub mod clock;
pub mod email;
pub mod error;
pub mod format;
pub mod i18n;
pub mod invoice_import;
pub mod invoice_numbers;
pub mod invoices;
pub mod merchants;
pub mod notifications;
pub mod ops;
pub mod parse;
#[cfg(test)]
mod properties;
pub mod schedule;
pub mod secrets;
pub mod settings;
/// The storage (the SQLite file, its queries, backups and recovery): its own crate.
pub use vypyska_store as store;
pub mod sync;
#[cfg(test)]
mod testing;
pub mod validate;

use std::path::PathBuf;

pub use clock::{Clock, FixedClock, SystemClock};
pub use error::{Code, UserError};
pub use i18n::Lang;
pub use store::Store;

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

/// The bank's address: `VYPYSKA_PRIVAT24_URL` when set (the simulator), else the real bank.
pub fn bank_url() -> String {
    std::env::var("VYPYSKA_PRIVAT24_URL")
        .ok()
        .filter(|u| !u.trim().is_empty())
        .unwrap_or_else(|| privat24::DEFAULT_BASE_URL.to_owned())
}
