//! The bank side: the accounts (merchants) and their tokens in the keyring, the sync engine and
//! the timetable it runs on.

pub mod merchants;
pub mod schedule;
pub mod secrets;
pub mod sync;
