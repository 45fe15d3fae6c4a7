//! Fixtures shared by the unit tests: the store's (a bank row, a fresh store with one merchant)
//! and a fixed clock.

use chrono::DateTime;

pub use vypyska_store::testing::*;

use crate::FixedClock;

/// 2026-11-27 10:00 in Kyiv.
pub fn clock() -> FixedClock {
    FixedClock(
        DateTime::parse_from_rfc3339("2026-11-27T10:00:00+02:00")
            .unwrap()
            .to_utc(),
    )
}
