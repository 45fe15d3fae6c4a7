//! Integration tests: the sync core and the CLI against the simulated bank, with real SQLite
//! files and the real Secret Service keyring (run them inside `dbus-run-session` with an
//! unlocked gnome-keyring, as `.ci/run` does).

mod allocation;
mod app;
mod cli;
mod companies;
mod crash;
mod email;
mod faults;
mod fuzz_corpus;
mod hostile;
mod invoice_pdf;
mod notify;
mod storage;
mod sync;
mod team;
mod tls;
// The other desktop's window, looked at as the end-to-end tests do.
#[allow(dead_code)]
#[path = "../e2e/x11.rs"]
mod x11;
