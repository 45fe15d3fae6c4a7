//! Fixtures shared by the unit tests: the store's (a bank row, a fresh store with one merchant)
//! and a fixed clock.

use chrono::{DateTime, NaiveDate};

pub use vypyska_store::testing::*;

use crate::invoices::NewInvoice;
use crate::FixedClock;

/// 2026-11-27 10:00 in Kyiv.
pub fn clock() -> FixedClock {
    FixedClock(
        DateTime::parse_from_rfc3339("2026-11-27T10:00:00+02:00")
            .unwrap()
            .to_utc(),
    )
}

/// An invoice of "ТОВ «Ромашка»" issued on 2026-11-01, in hryvnias.
pub fn new_invoice(number: &str, amount: &str) -> NewInvoice {
    NewInvoice {
        company_id: None,
        number: number.into(),
        amount: amount.parse().unwrap(),
        currency: "UAH".into(),
        issued_on: NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
        customer_name: "ТОВ «Ромашка»".into(),
        customer_tax_id: String::new(),
        customer_iban: String::new(),
        due_on: None,
        note: String::new(),
    }
}

/// A keyring with nothing in it, for removing a merchant.
pub struct NoSecrets;

impl crate::secrets::SecretStore for NoSecrets {
    fn save(&self, _: &str, _: &privat24::Credentials) -> Result<(), crate::secrets::SecretError> {
        Ok(())
    }
    fn load(&self, _: &str) -> Result<privat24::Credentials, crate::secrets::SecretError> {
        Err(crate::secrets::SecretError::Missing)
    }
    fn delete(&self, _: &str) -> Result<(), crate::secrets::SecretError> {
        Ok(())
    }
}
