//! `privat24-sim`: runs the simulated bank standalone, for the demo and for trying the CLI.

use std::net::SocketAddr;

use clap::Parser;
use privat24_sim::{Bank, SimConfig, SimServer};

/// A Privat24 Autoclient simulator on loopback.
#[derive(Parser)]
#[command(version)]
struct Args {
    /// Port on 127.0.0.1 (0: any free one).
    #[arg(long, default_value_t = 8089)]
    port: u16,
    /// The same seed gives the same data.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Number of accounts.
    #[arg(long, default_value_t = 2)]
    accounts: usize,
    /// Transactions per account.
    #[arg(long, default_value_t = 500)]
    transactions: usize,
    /// Days of history ending today.
    #[arg(long, default_value_t = 60)]
    days: u32,
    /// The token the bank accepts.
    #[arg(long, default_value = "demo-token")]
    token: String,
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> std::io::Result<()> {
    let args = Args::parse();
    let config = SimConfig {
        seed: args.seed,
        accounts: args.accounts,
        transactions_per_account: args.transactions,
        days: args.days,
        token: args.token,
        ..SimConfig::default()
    };
    let addr = SocketAddr::from(([127, 0, 0, 1], args.port));
    let server = SimServer::serve(Bank::new(config), addr).await?;
    println!("Privat24 simulator at {}", server.url());
    for a in server.bank().accounts() {
        println!("  account {} {} {}", a.iban, a.currency, a.name);
    }
    println!("Use it: VYPYSKA_PRIVAT24_URL={} vypyska …", server.url());
    tokio::signal::ctrl_c().await?;
    Ok(())
}
