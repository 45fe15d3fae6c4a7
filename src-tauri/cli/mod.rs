//! The headless CLI: a stable interface for scripts and tests (exit codes in `exit`, listed in
//! the README). `args` holds the command line, `execute` hands each command to its group's
//! module, which calls the core (`vypyska_core::ops` for what the app does too) and prints.

mod args;
mod company;
mod employee;
mod help_uk;
mod invoices;
mod ledger;
mod merchant;
mod print;
mod restore;
mod settings;
mod statements;
mod sync;
mod team;

use std::io::Write;
use std::process::ExitCode;
use vypyska_core::say;
use vypyska_core::UserError as _;

use privat24::Client;
use vypyska_core::settings::Settings;
use vypyska_core::{ops, Lang, Store};

use args::{
    lang, AllocateArgs, CompanyCommand, EmployeeCommand, InvoiceCommand, MerchantCommand,
    RestoreArgs,
};
pub use args::{parse_args, Command};
use print::shown;

/// Why a command did not end well: words for a person, and the exit code for a script.
struct Failure {
    message: String,
    exit: u8,
}

impl Failure {
    fn new(message: impl Into<String>) -> Failure {
        Failure {
            message: message.into(),
            exit: exit::FAILED,
        }
    }
}

/// Any error a person sees fails the command in the CLI's language.
impl<E: vypyska_core::UserError> From<E> for Failure {
    fn from(e: E) -> Failure {
        Failure::new(e.message(lang()))
    }
}

/// The exit codes, for scripts and cron (the README lists them).
mod exit {
    /// Something failed: nothing of what was asked happened, or only part of it.
    pub const FAILED: u8 = 1;
    // 2 is clap's: the command line itself was wrong.
    /// A sync skipped an account: another process is syncing it, or the bank is in maintenance.
    pub const SKIPPED: u8 = 3;
    /// A sync stored what it could, but some days arrived incomplete and will be read again.
    pub const INCOMPLETE: u8 = 4;
}

pub fn run(command: Command) -> ExitCode {
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => return fail(&format!("cannot start: {e}"), exit::FAILED),
    };
    match runtime.block_on(execute(command)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => fail(&failure.message, failure.exit),
    }
}

fn fail(message: &str, code: u8) -> ExitCode {
    let line = message.replace('\n', " ");
    let _ = writeln!(std::io::stderr(), "vypyska: {}", shown(&line));
    ExitCode::from(code)
}

struct Session {
    store: Store,
    lang: Lang,
    settings: Settings,
    data_dir: std::path::PathBuf,
}

/// Opens the data folder's database; a command that only reads still works when the folder
/// cannot be written (the file opened read-only), and says so once.
fn open(only_reads: bool) -> Result<Session, Failure> {
    let data_dir = vypyska_core::data_dir().map_err(|e| Failure::new(format!("{e:#}")))?;
    use vypyska_core::team::TeamError;
    let (store, read_only) = match vypyska_core::books(&data_dir) {
        Ok(store) => (store, false),
        Err(TeamError::Store(e))
            if only_reads && e.trouble() == vypyska_core::store::Trouble::ReadOnly =>
        {
            let store = Store::open_read_only_in(&data_dir)
                .map_err(|_| Failure::new(e.message(Lang::default())))?;
            (store, true)
        }
        Err(e) => return Err(Failure::new(e.message(Lang::default()))),
    };
    let settings = Settings::load(store.conn())?;
    let lang = settings.lang();
    args::set_lang(lang);
    if read_only {
        eprintln!("{}", say!(lang, data_folder_read_only_view));
    }
    Ok(Session {
        lang,
        store,
        settings,
        data_dir,
    })
}

fn client(settings: &Settings, lang: Lang) -> Result<Client, Failure> {
    ops::bank_client(vypyska_core::bank_url(), settings)
        .map_err(|e| Failure::new(vypyska_core::i18n::bank_error(&e, lang)))
}

async fn execute(command: Command) -> Result<(), Failure> {
    if let Command::Restore(RestoreArgs { from, yes }) = command {
        return restore::restore(from, yes);
    }
    if let Command::Team(action) = command {
        return team::run(action);
    }
    let mut cx = open(command.only_reads())?;
    if let Command::NoticeShow(args) = command {
        return settings::notice_show(cx, args);
    }
    if let Command::Sync(args) = command {
        return sync::run(cx, args).await;
    }
    let cx = &mut cx;
    match command {
        Command::Company(CompanyCommand::Add(args)) => company::add(cx, args),
        Command::Company(CompanyCommand::List(args)) => company::list(cx, args),
        Command::Company(CompanyCommand::Edit(args)) => company::edit(cx, args),
        Command::Company(CompanyCommand::Remove(args)) => company::remove(cx, args),
        Command::Employee(EmployeeCommand::Add(args)) => employee::add(cx, args),
        Command::Employee(EmployeeCommand::List(args)) => employee::list(cx, args),
        Command::Employee(EmployeeCommand::Edit(args)) => employee::edit(cx, args),
        Command::Employee(EmployeeCommand::Remove(args)) => employee::remove(cx, args),
        Command::Merchant(MerchantCommand::Add(args)) => merchant::add(cx, args).await,
        Command::Merchant(MerchantCommand::List(args)) => merchant::list(cx, args),
        Command::Merchant(MerchantCommand::Rename(args)) => merchant::rename(cx, args),
        Command::Merchant(MerchantCommand::Remove(args)) => merchant::remove(cx, args),
        Command::Sync(_) => unreachable!("handled above: it takes the session"),
        Command::Team(_) => unreachable!("handled before the books are opened"),
        Command::Statements(args) => statements::list(cx, args),
        Command::Balances(args) => statements::balances(cx, args),
        Command::Runs(args) => statements::runs(cx, args),
        Command::Invoice(InvoiceCommand::Add(args)) => invoices::add(cx, args),
        Command::Invoice(InvoiceCommand::Edit(args)) => invoices::edit(cx, args),
        Command::Invoice(InvoiceCommand::Cancel(args)) => invoices::cancel(cx, args),
        Command::Invoice(InvoiceCommand::Import(args)) => invoices::import(cx, args),
        Command::Invoice(InvoiceCommand::Pdf(args)) => invoices::pdf(cx, args),
        Command::Invoice(InvoiceCommand::Qr(args)) => invoices::qr(cx, args),
        Command::Invoices(args) => invoices::list(cx, args),
        Command::Allocate(AllocateArgs {
            statement: Some(statement),
            invoice: Some(invoice),
            amount,
            ..
        }) => ledger::allocate_by_hand(cx, statement, invoice, amount),
        Command::Allocate(AllocateArgs {
            dry_run, company, ..
        }) => ledger::allocate_all(cx, dry_run, company),
        Command::Unallocate(args) => ledger::unallocate(cx, args),
        Command::Categorize(args) => ledger::categorize(cx, args),
        Command::Backup => restore::backup(cx),
        Command::Restore(_) => unreachable!("handled before the database is opened"),
        Command::Settings(args) => settings::show(cx, args),
        Command::EmailTest(args) => settings::email_test(cx, args),
        Command::SmtpPassword(_) => settings::smtp_password(cx),
        Command::NoticeShow(_) => unreachable!("notice-show closes the books itself"),
        Command::ExportBindings(args) => settings::export_bindings(cx, args),
    }
}
