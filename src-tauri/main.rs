//! `vypyska`: with no subcommand, the desktop app; with one, a headless CLI that never touches
//! GTK or a display.

// No console window for the desktop app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod app;
mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = cli::Args::parse();
    match args.command {
        Some(command) => cli::run(command),
        None => {
            app::run(args.hidden);
            ExitCode::SUCCESS
        }
    }
}
