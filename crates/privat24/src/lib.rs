//! Client for the Privat24 for Business "Autoclient" statements API.
//!
//! The wire format (strings everywhere, dotted dates, cp1251 bodies, tolerant booleans) stays in
//! [`wire`]; the rest of the program sees the domain types of [`model`]: money as `Decimal`, dates
//! in Europe/Kyiv, direction and state as enums, with the bank's raw JSON of every row kept.

mod client;
mod error;
pub mod model;
mod retry;
mod wire;

pub use client::{check_credential, Client, ClientConfig, Pager, Span, DEFAULT_BASE_URL};
pub use error::Error;
pub use model::{
    Balance, BankSettings, Credentials, Direction, Page, Party, RejectedRow, State, Token,
    Transaction, MAX_AMOUNT,
};
pub use retry::RetryPolicy;
pub use wire::{decode_body, parse_balances_page, parse_settings, parse_transactions_page};

/// The bank's time zone: every date and time the bank sends is local time in Kyiv.
pub const BANK_TZ: chrono_tz::Tz = chrono_tz::Europe::Kyiv;
