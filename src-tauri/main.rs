//! `vypyska`: with no subcommand, the desktop app; with one, a headless CLI that never touches
//! GTK or a display.

// No console window for the desktop app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod app;
mod cli;
mod doorbell;
mod ipc;
mod notify;
mod session;
mod state;

use std::process::ExitCode;

fn main() -> ExitCode {
    init_logging();
    let args = cli::parse_args();
    match args.command {
        Some(command) => cli::run(command),
        None => {
            app::run(args.hidden, args.open);
            ExitCode::SUCCESS
        }
    }
}

/// Logs go to stderr when `VYPYSKA_LOG` is set (`info`, `debug`, `vypyska_core=debug`, …), and
/// nowhere otherwise. No log line carries a token: the core never has one in a printable form.
fn init_logging() {
    if let Ok(filter) = std::env::var("VYPYSKA_LOG") {
        let _ = tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::new(filter))
            .with_writer(std::io::stderr)
            .with_ansi(false)
            .try_init();
    }
}
