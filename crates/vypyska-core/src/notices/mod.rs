//! Telling people: what is worth a notice after a sync, who hears what, and email.

pub mod email;
pub mod notifications;
