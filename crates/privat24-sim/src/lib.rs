//! A faithful Privat24 Autoclient simulator: the statements API on loopback, with realistic
//! Ukrainian data generated from a seed and faults a test can inject.
//!
//! ```no_run
//! # async fn demo() {
//! let sim = privat24_sim::SimServer::start(privat24_sim::SimConfig::default()).await.unwrap();
//! println!("bank at {}", sim.url());
//! # }
//! ```

mod bank;
mod generate;
mod http;

pub use bank::{Bank, Fault, RandomFaults, SimAccount, SimTransaction};
pub use generate::{iban_checksum_ok, make_iban};
pub use http::SimServer;

use chrono::NaiveDate;

/// What the simulated bank holds at start.
#[derive(Debug, Clone)]
pub struct SimConfig {
    /// The same seed gives the same accounts and transactions.
    pub seed: u64,
    /// Accounts of the client; the first is in UAH, then USD and EUR in turn.
    pub accounts: usize,
    /// Transactions per account.
    pub transactions_per_account: usize,
    /// Days of history ending with `today`.
    pub days: u32,
    /// The bank's today (Kyiv). Rows of this day are partly pending.
    pub today: NaiveDate,
    /// The token every account answers to.
    pub token: String,
    /// The old-format client id; when set, the `id` header must match it.
    pub client_id: Option<String>,
}

impl Default for SimConfig {
    fn default() -> Self {
        SimConfig {
            seed: 1,
            accounts: 2,
            transactions_per_account: 200,
            days: 60,
            today: chrono::Utc::now()
                .with_timezone(&chrono_tz::Europe::Kyiv)
                .date_naive(),
            token: "demo-token".into(),
            client_id: None,
        }
    }
}
