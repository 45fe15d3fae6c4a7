//! Domain types: what the rest of the program knows of the bank's data.

use std::fmt;

use chrono::{DateTime, FixedOffset, NaiveDate};
use rust_decimal::Decimal;

/// An Autoclient token. Its `Debug` and `Display` print `***`, it has no `Serialize`, so it cannot
/// slip into logs, panics, JSON or the database by accident; [`Token::expose`] is the one way out.
#[derive(Clone, PartialEq, Eq)]
pub struct Token(String);

impl Token {
    pub fn new(token: impl Into<String>) -> Self {
        Token(token.into())
    }

    /// The secret itself, for the `token` header and the keyring only.
    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn is_blank(&self) -> bool {
        self.0.trim().is_empty()
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Token(***)")
    }
}

impl fmt::Display for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

/// What a request is signed with: the token, and the client id for credentials issued in the old
/// two-part format (sent as the `id` header only when present). `Debug` hides both.
#[derive(Clone)]
pub struct Credentials {
    pub token: Token,
    pub client_id: Option<String>,
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("token", &self.token)
            .field("client_id", &self.client_id.as_ref().map(|_| "***"))
            .finish()
    }
}

/// Money in or out of our account, from `TRANTYPE`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Direction {
    /// "C": credit, money in.
    In,
    /// "D": debit, money out.
    Out,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::In => "in",
            Direction::Out => "out",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "in" => Some(Direction::In),
            "out" => Some(Direction::Out),
            _ => None,
        }
    }
}

/// Where a transaction stands, from `PR_PR` and `FL_REAL`. Only `Posted` is final.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum State {
    /// "p", or "r" without `FL_REAL` = "r": still being processed, may change.
    Pending,
    /// "r" with `FL_REAL` = "r": posted, final.
    Posted,
    /// "t": reversed (storno).
    Reversed,
    /// "n": rejected.
    Rejected,
}

impl State {
    pub fn as_str(self) -> &'static str {
        match self {
            State::Pending => "pending",
            State::Posted => "posted",
            State::Reversed => "reversed",
            State::Rejected => "rejected",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "pending" => Some(State::Pending),
            "posted" => Some(State::Posted),
            "reversed" => Some(State::Reversed),
            "rejected" => Some(State::Rejected),
            _ => None,
        }
    }

    /// The bank's reading: `PR_PR` and `FL_REAL` together. An unknown code is not final.
    pub fn from_bank(pr_pr: &str, fl_real: &str) -> Self {
        match pr_pr.trim() {
            "r" if fl_real.trim() == "r" => State::Posted,
            "t" => State::Reversed,
            "n" => State::Rejected,
            _ => State::Pending,
        }
    }
}

/// One side of a payment: a name, a tax code (ЄДРПОУ or РНОКПП), an account and its bank.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Party {
    pub name: String,
    pub tax_id: String,
    pub iban: String,
    /// Bank code (МФО).
    pub bank_code: String,
    pub bank_name: String,
    pub bank_city: String,
}

/// One statement row as the bank sent it, normalised.
#[derive(Debug, Clone, PartialEq)]
pub struct Transaction {
    /// `REF` and `REFN` joined by `/`: the bank's identity of a payment line. Stable across the
    /// pending → posted change, unlike `ID`.
    pub key: String,
    /// Our account (`AUT_MY_ACC`).
    pub account: String,
    pub direction: Direction,
    pub state: State,
    /// Unsigned, exactly as the bank wrote it.
    pub amount: Decimal,
    /// The UAH equivalent (`SUM_E`), when given.
    pub amount_uah: Option<Decimal>,
    pub currency: String,
    /// Value date (`DAT_OD`).
    pub value_date: NaiveDate,
    /// Client date (`DAT_KL`).
    pub client_date: Option<NaiveDate>,
    /// Posting moment in Kyiv time with its offset.
    pub posted_at: DateTime<FixedOffset>,
    /// Payment purpose (`OSND`), where invoice numbers appear.
    pub purpose: String,
    pub doc_number: String,
    pub own: Party,
    pub counterparty: Party,
    /// The bank's `ID`; not stable, kept for support only.
    pub bank_id: String,
    /// The row exactly as received, as a JSON object.
    pub raw: String,
}

/// A row the bank sent that cannot be read as a transaction. Kept, not dropped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RejectedRow {
    pub raw: String,
    pub reason: String,
    /// The bank day the row most likely belongs to, read leniently (an impossible date such as
    /// 31.02 gives the first of its month), so that day can be read again; `None` when the row
    /// names no day at all.
    pub day: Option<NaiveDate>,
}

/// The largest amount a statement row may carry: far above any payment a business makes, and
/// low enough that sums of rows in minor units never leave `i64`.
/// 999 999 999 999.99: 99 999 999 999 999 minor units, a 64-bit number's 92 233 times.
pub const MAX_AMOUNT: Decimal = Decimal::from_parts(276_447_231, 23_283, 0, false, 2);

/// One page of a paginated reply.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub rejected: Vec<RejectedRow>,
    /// The `followId` of the next page, when `exist_next_page` says there is one.
    pub next: Option<String>,
}

/// A day's balance of one account.
#[derive(Debug, Clone, PartialEq)]
pub struct Balance {
    pub account: String,
    pub currency: String,
    /// The day this row describes (`dpd`).
    pub day: NaiveDate,
    pub opening: Decimal,
    pub closing: Decimal,
    pub opening_uah: Option<Decimal>,
    pub closing_uah: Option<Decimal>,
    /// Money out (`turnoverDebt`).
    pub turnover_debit: Decimal,
    /// Money in (`turnoverCred`).
    pub turnover_credit: Decimal,
    pub account_name: String,
    /// `is_final_bal`: the day is closed.
    pub is_final: bool,
    pub raw: String,
}

/// The bank's operational state (`/settings`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BankSettings {
    pub phase: String,
    pub work_balance: String,
    pub today: Option<NaiveDate>,
    pub last_day: Option<NaiveDate>,
    pub final_statement_day: Option<NaiveDate>,
    pub server_time: Option<chrono::NaiveDateTime>,
}

impl BankSettings {
    /// The bank asks clients not to send requests now.
    pub fn in_maintenance(&self) -> bool {
        self.work_balance.trim().eq_ignore_ascii_case("Y") || !self.phase.trim().eq("WRK")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_largest_amount_is_just_under_a_trillion() {
        assert_eq!(MAX_AMOUNT.to_string(), "999999999999.99");
    }

    /// Whatever prints credentials (a log line, an error, a panic) prints no secret.
    #[test]
    fn credentials_print_no_secret_not_even_in_a_panic() {
        let creds = Credentials {
            token: Token::new("canary-token-7f3e"),
            client_id: Some("canary-id-91c2".into()),
        };
        let shown = format!("{creds:?} {} {:?}", creds.token, creds.token);
        assert!(!shown.contains("canary"), "{shown}");
        let panic = std::panic::catch_unwind(|| panic!("sync failed with {creds:?}")).unwrap_err();
        let message = panic.downcast_ref::<String>().unwrap();
        assert!(
            message.contains("Token(***)") && !message.contains("canary"),
            "{message}"
        );
    }
}
