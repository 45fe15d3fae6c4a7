//! The command line: every command and its arguments (clap), their parsers, and the CLI's
//! language for argument errors.

use std::io::Write;

use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};
use vypyska_core::settings::Settings;
use vypyska_core::{Lang, Store};

/// Privat24 bank statements for small businesses. Without a command, opens the app.
#[derive(Parser)]
#[command(name = "vypyska", version)]
pub struct Args {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Start in the tray without showing the window (used by autostart).
    #[arg(long)]
    pub hidden: bool,
    /// Open the app on a payment, invoice, merchant or the review queue (`statements:42`); a
    /// running app is focused on it (what a clicked notification runs).
    #[arg(long, value_parser = |s: &str| s.parse::<vypyska_core::notifications::Target>())]
    pub open: Option<vypyska_core::notifications::Target>,
}

#[derive(Subcommand)]
pub enum Command {
    /// Add, list, change and remove companies (the businesses whose accounts and invoices these
    /// are).
    #[command(subcommand)]
    Company(CompanyCommand),
    /// Add, list, change and remove the employees who are told of things, and what each hears.
    #[command(subcommand)]
    Employee(EmployeeCommand),
    /// Add, list and remove merchants (bank accounts).
    #[command(subcommand)]
    Merchant(MerchantCommand),
    /// Fetch statements and balances from the bank now.
    Sync(SyncArgs),
    /// List stored statements, newest first.
    Statements(StatementsArgs),
    /// The latest balance of each account.
    Balances(BalancesArgs),
    /// Add invoices.
    #[command(subcommand)]
    Invoice(InvoiceCommand),
    /// List invoices with what has been paid.
    Invoices(InvoicesArgs),
    /// Link incoming payments to the invoices their purposes name; with `--statement` and
    /// `--invoice`, link one payment by hand.
    Allocate(AllocateArgs),
    /// Remove a payment's allocation (to one invoice, or all); automatic allocation leaves it
    /// alone afterwards.
    Unallocate(UnallocateArgs),
    /// Give outgoing payments their expense category by the rules (and the default category);
    /// with `--reapply`, recompute every category not set by hand.
    Categorize(CategorizeArgs),
    /// Show a stored notice on the desktop and wait for its click (run detached by `sync`).
    #[command(hide = true)]
    NoticeShow(NoticeShowArgs),
    /// Copy the database now to `<data>/backups` (a copy is also made after the first sync of
    /// each day; the newest 7 are kept).
    Backup,
    /// Replace the database with the newest sound automatic backup (or `--from FILE`); the
    /// current file is kept in `<data>/damaged` first. For a file found damaged.
    Restore(RestoreArgs),
    /// Send a test email with the mail settings (`smtp_*`).
    EmailTest(EmailTestArgs),
    /// Save the mail server's password, read from standard input, in the OS keyring.
    SmtpPassword(SmtpPasswordArgs),
    /// Show the settings, or change one: `settings set KEY VALUE`.
    Settings(SettingsArgs),
    /// The history of sync runs, newest first.
    Runs(RunsArgs),
    /// Team mode: the books on the team's PostgreSQL server, for every desktop of the team.
    #[command(subcommand)]
    Team(TeamCommand),
    /// Write the UI's TypeScript bindings (for developers).
    #[command(hide = true)]
    ExportBindings(ExportBindingsArgs),
}

#[derive(Subcommand)]
pub enum MerchantCommand {
    /// Add a merchant; the token is read from standard input and goes to the OS keyring.
    Add(MerchantAddArgs),
    /// List merchants with their last sync.
    List(MerchantListArgs),
    /// Give a merchant a new name; its statements and token stay.
    Rename(MerchantRenameArgs),
    /// Remove a merchant and its keyring entry.
    Remove(MerchantRemoveArgs),
}

#[derive(Subcommand)]
pub enum TeamCommand {
    /// Move this computer's books onto an empty database of the team's server (copied in one
    /// transaction and compared table by table), then work on it; the file stays as it was.
    Create(TeamCreateArgs),
    /// Work on a team's books that are on the server already, as one of its employees.
    Join(TeamJoinArgs),
    /// Solo or team: the server, who this desktop is, whether it answers, which accounts this
    /// desktop can sync and when each was synced last.
    Status(TeamStatusArgs),
    /// Go back to this computer's own file (the server's books stay on the server).
    Leave,
    /// Give an employee a login of their own to the team's books, in a part the server holds
    /// them to; prints what to send them.
    Invite(TeamInviteArgs),
}

#[derive(clap::Args)]
pub struct TeamInviteArgs {
    /// The employee (added when new).
    pub employee: String,
    /// owner (everything), accountant (the books, not the bank accounts, people or settings) or
    /// manager (reads everything, adds invoices).
    #[arg(long, value_parser = ["owner", "accountant", "manager"])]
    pub role: String,
}

#[derive(clap::Args)]
pub struct TeamCreateArgs {
    /// postgres://user@server:5432/database (no password in it; TLS to every server but this
    /// computer, and to this one with ?sslmode=require).
    pub url: String,
    /// Read the server's password from standard input (kept in the OS keyring).
    #[arg(long)]
    pub password_stdin: bool,
    /// The certificate authority that signed the server's certificate (a PEM file), when it
    /// is the business's own rather than a public one.
    #[arg(long, value_name = "FILE")]
    pub ca_file: Option<std::path::PathBuf>,
}

#[derive(clap::Args)]
pub struct TeamJoinArgs {
    /// postgres://user@server:5432/database (no password in it; TLS to every server but this
    /// computer, and to this one with ?sslmode=require).
    pub url: String,
    /// The employee this desktop is (one of the team's employees).
    #[arg(long = "as", value_name = "EMPLOYEE")]
    pub employee: String,
    /// Read the server's password from standard input (kept in the OS keyring).
    #[arg(long)]
    pub password_stdin: bool,
    /// The certificate authority that signed the server's certificate (a PEM file), when it
    /// is the business's own rather than a public one.
    #[arg(long, value_name = "FILE")]
    pub ca_file: Option<std::path::PathBuf>,
}

#[derive(clap::Args)]
pub struct TeamStatusArgs {
    #[arg(long)]
    pub json: bool,
}

#[derive(Subcommand)]
pub enum CompanyCommand {
    /// Add a company.
    Add(CompanyAddArgs),
    /// List the companies.
    List(CompanyListArgs),
    /// Change a company: only the fields given.
    Edit(CompanyEditArgs),
    /// Remove a company; refused while it has accounts or invoices, unless they are moved to
    /// another company or deleted with it.
    Remove(CompanyRemoveArgs),
}

#[derive(Subcommand)]
pub enum EmployeeCommand {
    /// Add an employee; they hear of new payments unless `--hears` says otherwise.
    Add(EmployeeAddArgs),
    /// List the employees and what each hears.
    List(EmployeeListArgs),
    /// Change an employee: only what is given.
    Edit(EmployeeEditArgs),
    /// Remove an employee.
    Remove(EmployeeRemoveArgs),
}

/// What an employee hears, as `employee add` and `employee edit` take it.
#[derive(clap::Args)]
pub struct EmployeeFields {
    #[arg(long)]
    pub email: Option<String>,
    /// What they are told of: payments, invoices (paid in full), review, trouble; comma
    /// separated (`none` for nothing).
    #[arg(long)]
    pub hears: Option<String>,
    /// The companies they hear of (repeat for several; none: every company).
    #[arg(long = "company")]
    pub companies: Vec<String>,
    /// Hear of every company again.
    #[arg(long, conflicts_with = "companies")]
    pub all_companies: bool,
    /// They use this computer: desktop notifications here (solo; a team's desktop is the
    /// employee it joined as).
    #[arg(long, value_parser = ["on", "off"])]
    pub this_computer: Option<String>,
}

#[derive(clap::Args)]
pub struct EmployeeAddArgs {
    pub name: String,
    #[command(flatten)]
    pub fields: EmployeeFields,
}

#[derive(clap::Args)]
pub struct EmployeeListArgs {
    #[arg(long)]
    pub json: bool,
}

#[derive(clap::Args)]
pub struct EmployeeEditArgs {
    /// The employee's current name.
    pub name: String,
    #[arg(long = "name")]
    pub new_name: Option<String>,
    #[command(flatten)]
    pub fields: EmployeeFields,
}

#[derive(clap::Args)]
pub struct EmployeeRemoveArgs {
    pub name: String,
}

#[derive(Subcommand)]
pub enum InvoiceCommand {
    /// Add an invoice.
    Add(InvoiceAddArgs),
    /// Change an invoice: only the fields given (its payments stay; its status follows).
    Edit(InvoiceEditArgs),
    /// Cancel an invoice (its payments stay recorded).
    Cancel(InvoiceCancelArgs),
    /// Import invoices from a CSV file (UTF-8 or cp1251, `;` or `,`): all rows or none.
    Import(InvoiceImportArgs),
    /// Write an invoice as a PDF (A4, with the NBU payment QR code) to a file.
    Pdf(InvoicePdfArgs),
    /// Print an invoice's NBU payment QR code: the text the code holds (a
    /// `https://qr.bank.gov.ua/…` link).
    Qr(InvoiceQrArgs),
}

/// The CLI's language: from the data folder's settings, read when a command opens the database
/// or, for a mistake on the command line, when it is found; argument errors speak it too.
static LANG: std::sync::OnceLock<Lang> = std::sync::OnceLock::new();

/// The language the settings give, once they are read for the command (so `lang()` need not
/// read them again).
pub(super) fn set_lang(lang: Lang) {
    let _ = LANG.set(lang);
}

pub(super) fn lang() -> Lang {
    *LANG.get_or_init(|| {
        vypyska_core::data_dir()
            .ok()
            .and_then(|dir| Store::open_read_only_in(&dir).ok())
            .and_then(|store| Settings::load(store.conn()).ok())
            .map(|s| s.lang())
            .unwrap_or_default()
    })
}

/// An amount argument, read as everywhere else (`1 234,56`).
fn amount_arg(text: &str) -> Result<rust_decimal::Decimal, String> {
    vypyska_core::parse::amount(text).map_err(|e| e.message(lang()))
}

/// A date argument: `ДД.ММ.РРРР` or `РРРР-ММ-ДД`, the year in full.
fn date_arg(text: &str) -> Result<NaiveDate, String> {
    vypyska_core::parse::date(text).map_err(|e| e.message(lang()))
}

/// Parses the command line; a mistake in it is said in the CLI's language, with the way to the
/// help, and exits 2.
pub fn parse_args() -> Args {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    use clap::{CommandFactory, FromArgMatches};
    let err = match Args::try_parse() {
        Ok(args) => return args,
        Err(err) => err,
    };
    // Only a mistake or a request for help needs the CLI's language: the settings are read
    // now, not on every start, and the command line is read again with the Ukrainian help.
    let lang = lang();
    let err = match lang {
        Lang::Uk => match super::help_uk::localize(Args::command())
            .try_get_matches()
            .and_then(|m| Args::from_arg_matches(&m))
        {
            Ok(args) => return args,
            Err(err) => err,
        },
        Lang::En => err,
    };
    if matches!(
        err.kind(),
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion
    ) || lang == Lang::En
    {
        err.exit();
    }
    let context = |kind: ContextKind| match err.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(list)) => list.join(", "),
        Some(other) => other.to_string(),
        None => String::new(),
    };
    let arg = context(ContextKind::InvalidArg);
    let value = context(ContextKind::InvalidValue);
    let mut text = match err.kind() {
        ErrorKind::ValueValidation => {
            let why = std::error::Error::source(&err)
                .map(|e| e.to_string())
                .unwrap_or_default();
            format!("{arg}: {why}")
        }
        ErrorKind::InvalidValue => format!(
            "значення «{value}» не підходить для {arg}; можливі: {}",
            context(ContextKind::ValidValue)
        ),
        ErrorKind::UnknownArgument => format!("невідомий параметр «{arg}»"),
        ErrorKind::InvalidSubcommand => format!(
            "невідома команда «{}»",
            context(ContextKind::InvalidSubcommand)
        ),
        ErrorKind::MissingRequiredArgument => format!("бракує обов'язкового: {arg}"),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "бракує команди".to_owned()
        }
        ErrorKind::ArgumentConflict => {
            format!("{arg} не можна разом із {}", context(ContextKind::PriorArg))
        }
        ErrorKind::NoEquals
        | ErrorKind::TooManyValues
        | ErrorKind::TooFewValues
        | ErrorKind::WrongNumberOfValues => {
            format!("неправильна кількість значень для {arg}")
        }
        _ => {
            let rendered = err.render().to_string();
            format!(
                "неправильний виклик: {}",
                rendered
                    .lines()
                    .next()
                    .unwrap_or_default()
                    .trim_start_matches("error: ")
            )
        }
    };
    let suggested = context(ContextKind::SuggestedArg) + &context(ContextKind::SuggestedSubcommand);
    if !suggested.is_empty() {
        text.push_str(&format!("; може, «{suggested}»?"));
    }
    let _ = writeln!(
        std::io::stderr(),
        "vypyska: {}\nДовідка: vypyska --help (або vypyska КОМАНДА --help)",
        vypyska_core::format::printable(&text)
    );
    // A value that is wrong (an amount, a date) fails like any bad input; a command line that
    // is not one is a usage error.
    let code = if err.kind() == ErrorKind::ValueValidation {
        super::exit::FAILED
    } else {
        2
    };
    std::process::exit(code.into())
}

impl Command {
    /// Whether the command only reads the database (and so works on a read-only folder).
    pub(super) fn only_reads(&self) -> bool {
        matches!(
            self,
            Command::Statements(_)
                | Command::Balances(_)
                | Command::Invoices(_)
                | Command::Runs(_)
                | Command::Settings(SettingsArgs { action: None, .. })
                | Command::Merchant(MerchantCommand::List(_))
        )
    }
}

#[derive(Subcommand)]
pub enum SettingsCommand {
    /// Change one setting (validated as in the app); with `--company`, that company's own value.
    Set(SettingsSetArgs),
    /// Give a company the global value of a setting again (`--company` required).
    Reset(SettingsResetArgs),
}

#[derive(Clone, Copy, ValueEnum)]
pub enum DirectionArg {
    In,
    Out,
}

#[derive(clap::Args)]
pub struct SyncArgs {
    /// Only this merchant.
    #[arg(long)]
    pub merchant: Option<String>,
    /// Fetch from this day (YYYY-MM-DD) instead of the last synced day.
    #[arg(long, value_parser = date_arg)]
    pub from: Option<NaiveDate>,
}

#[derive(clap::Args)]
pub struct StatementsArgs {
    #[arg(long)]
    pub json: bool,
    #[arg(long)]
    pub merchant: Option<String>,
    /// First value date, YYYY-MM-DD.
    #[arg(long, value_parser = date_arg)]
    pub from: Option<NaiveDate>,
    /// Last value date, YYYY-MM-DD.
    #[arg(long, value_parser = date_arg)]
    pub to: Option<NaiveDate>,
    #[arg(long, value_enum)]
    pub direction: Option<DirectionArg>,
    /// Words to find in the purpose or the counterparty (a leading `-` is part of the text).
    #[arg(long, allow_hyphen_values = true)]
    pub search: Option<String>,
    /// Only this company's accounts.
    #[arg(long)]
    pub company: Option<String>,
}

#[derive(clap::Args)]
pub struct BalancesArgs {
    #[arg(long)]
    pub json: bool,
    #[arg(long)]
    pub merchant: Option<String>,
    /// Only this company's accounts.
    #[arg(long)]
    pub company: Option<String>,
}

#[derive(clap::Args)]
pub struct InvoicesArgs {
    #[arg(long)]
    pub json: bool,
    /// Only this company's invoices.
    #[arg(long)]
    pub company: Option<String>,
}

#[derive(clap::Args)]
pub struct AllocateArgs {
    /// Print the plan without applying it.
    #[arg(long, conflicts_with = "statement")]
    pub dry_run: bool,
    /// The payment's key (REF/REFN), to allocate by hand.
    #[arg(long, requires = "invoice")]
    pub statement: Option<String>,
    /// The invoice number, with `--statement`.
    #[arg(long, requires = "statement")]
    pub invoice: Option<String>,
    /// How much of the payment (default: all that is not allocated yet).
    #[arg(long, value_parser = amount_arg, requires = "statement")]
    pub amount: Option<rust_decimal::Decimal>,
    /// Only this company's payments and invoices (nothing of the others is touched).
    #[arg(long, conflicts_with = "statement")]
    pub company: Option<String>,
}

#[derive(clap::Args)]
pub struct UnallocateArgs {
    #[arg(long)]
    pub statement: String,
    #[arg(long)]
    pub invoice: Option<String>,
}

#[derive(clap::Args)]
pub struct CategorizeArgs {
    #[arg(long)]
    pub reapply: bool,
}

#[derive(clap::Args)]
pub struct NoticeShowArgs {
    pub id: i64,
}

#[derive(clap::Args)]
pub struct RestoreArgs {
    #[arg(long)]
    pub from: Option<std::path::PathBuf>,
    /// Replace the database even when it is sound (what was saved after the copy is lost).
    #[arg(long)]
    pub yes: bool,
}

#[derive(clap::Args)]
pub struct EmailTestArgs {
    pub to: String,
}

#[derive(clap::Args)]
pub struct SmtpPasswordArgs {
    #[arg(long, required = true)]
    pub stdin: bool,
}

#[derive(clap::Args)]
pub struct SettingsArgs {
    #[arg(long)]
    pub json: bool,
    /// The settings as this company sees them; with `set`, its own value (only the settings
    /// a company may set for itself: auto_allocate, default_expense_category).
    #[arg(long, global = true)]
    pub company: Option<String>,
    #[command(subcommand)]
    pub action: Option<SettingsCommand>,
}

#[derive(clap::Args)]
pub struct RunsArgs {
    #[arg(long)]
    pub json: bool,
    #[arg(long)]
    pub merchant: Option<String>,
    #[arg(long, default_value_t = 20)]
    pub limit: u32,
}

#[derive(clap::Args)]
pub struct ExportBindingsArgs {
    #[arg(default_value = crate::ipc::BINDINGS_PATH)]
    pub path: std::path::PathBuf,
}

#[derive(clap::Args)]
pub struct MerchantAddArgs {
    #[arg(long)]
    pub name: String,
    /// The account number (IBAN).
    #[arg(long)]
    pub account: String,
    #[arg(long)]
    pub currency: String,
    /// The client id of old-format credentials.
    #[arg(long)]
    pub client_id: Option<String>,
    /// Read the token from standard input (never from an argument: those are visible to
    /// other users).
    #[arg(long, required = true)]
    pub token_stdin: bool,
    /// First day of the first sync, YYYY-MM-DD (default 30 days back).
    #[arg(long, value_parser = date_arg)]
    pub sync_from: Option<NaiveDate>,
    /// The company the account belongs to (default: the one the bank's name for the account
    /// names, else the only one, else a new one).
    #[arg(long)]
    pub company: Option<String>,
}

/// A company's requisites, as `company add` and `company edit` take them.
#[derive(clap::Args)]
pub struct CompanyFields {
    /// ТОВ, ФОП, ПП, … (by default read from the name).
    #[arg(long)]
    pub kind: Option<String>,
    /// A VAT payer, with its ІПН (12 digits).
    #[arg(long, conflicts_with_all = ["no_vat", "single_tax"])]
    pub vat_payer: Option<String>,
    /// Not a VAT payer.
    #[arg(long, conflicts_with = "single_tax")]
    pub no_vat: bool,
    /// On the single tax, of this group (1, 2 or 3).
    #[arg(long)]
    pub single_tax: Option<u8>,
    #[arg(long)]
    pub address: Option<String>,
    /// Who signs invoices.
    #[arg(long)]
    pub signer: Option<String>,
    /// The account (merchant name) invoices are paid to.
    #[arg(long)]
    pub invoice_account: Option<String>,
}

#[derive(clap::Args)]
pub struct CompanyAddArgs {
    #[arg(long)]
    pub name: String,
    /// ЄДРПОУ (8 digits) or РНОКПП (10 digits).
    #[arg(long)]
    pub tax_id: String,
    #[command(flatten)]
    pub fields: CompanyFields,
}

#[derive(clap::Args)]
pub struct CompanyListArgs {
    #[arg(long)]
    pub json: bool,
}

#[derive(clap::Args)]
pub struct CompanyEditArgs {
    /// The company's current name.
    pub name: String,
    #[arg(long = "name")]
    pub new_name: Option<String>,
    #[arg(long)]
    pub tax_id: Option<String>,
    #[command(flatten)]
    pub fields: CompanyFields,
}

#[derive(clap::Args)]
pub struct CompanyRemoveArgs {
    pub name: String,
    /// Move its accounts and invoices to this company first.
    #[arg(long, conflicts_with = "delete_all")]
    pub move_to: Option<String>,
    /// Delete its accounts and invoices with it (the accounts' statements are kept).
    #[arg(long)]
    pub delete_all: bool,
}

#[derive(clap::Args)]
pub struct MerchantListArgs {
    #[arg(long)]
    pub json: bool,
}

#[derive(clap::Args)]
pub struct MerchantRenameArgs {
    pub name: String,
    pub new_name: String,
}

#[derive(clap::Args)]
pub struct MerchantRemoveArgs {
    pub name: String,
    /// Also delete its statements and balances (kept by default).
    #[arg(long)]
    pub delete_statements: bool,
}

#[derive(clap::Args)]
pub struct InvoiceAddArgs {
    /// As the business writes it: "123", "СФ-000123", "INV-2026/045".
    #[arg(long)]
    pub number: String,
    /// The amount as written on invoices, e.g. 1 250,50 or 1250.50.
    #[arg(long, value_parser = amount_arg)]
    pub amount: rust_decimal::Decimal,
    #[arg(long)]
    pub currency: String,
    /// Issue date, YYYY-MM-DD (default today).
    #[arg(long, value_parser = date_arg)]
    pub date: Option<NaiveDate>,
    #[arg(long)]
    pub customer: Option<String>,
    /// The customer's ЄДРПОУ or РНОКПП.
    #[arg(long)]
    pub customer_tax_id: Option<String>,
    /// Due date, YYYY-MM-DD.
    #[arg(long, value_parser = date_arg)]
    pub due: Option<NaiveDate>,
    /// The company issuing it (needed when there are several).
    #[arg(long)]
    pub company: Option<String>,
}

#[derive(clap::Args)]
pub struct InvoiceEditArgs {
    /// The invoice's current number.
    pub number: String,
    #[arg(long = "number")]
    pub new_number: Option<String>,
    #[arg(long, value_parser = amount_arg)]
    pub amount: Option<rust_decimal::Decimal>,
    #[arg(long)]
    pub currency: Option<String>,
    #[arg(long, value_parser = date_arg)]
    pub date: Option<NaiveDate>,
    #[arg(long)]
    pub customer: Option<String>,
    #[arg(long)]
    pub customer_tax_id: Option<String>,
    #[arg(long, value_parser = date_arg)]
    pub due: Option<NaiveDate>,
    #[arg(long)]
    pub note: Option<String>,
    /// The company whose invoice it is (needed when several have that number).
    #[arg(long)]
    pub company: Option<String>,
}

#[derive(clap::Args)]
pub struct InvoiceCancelArgs {
    pub number: String,
}

/// Which invoice, and in which of the NBU's formats its payment code.
#[derive(clap::Args)]
pub struct InvoiceCodeArgs {
    pub number: String,
    /// The company that issued it (needed when several have that number).
    #[arg(long)]
    pub company: Option<String>,
    /// The payment code's format: 003 (the default) or 002 (for older banking apps).
    #[arg(long, default_value = "003", value_parser = qr_format_arg)]
    pub format: vypyska_core::payment_qr::QrFormat,
}

#[derive(clap::Args)]
pub struct InvoicePdfArgs {
    #[command(flatten)]
    pub invoice: InvoiceCodeArgs,
    /// Where to write the PDF.
    #[arg(long)]
    pub out: std::path::PathBuf,
}

#[derive(clap::Args)]
pub struct InvoiceQrArgs {
    #[command(flatten)]
    pub invoice: InvoiceCodeArgs,
    /// The code's text, its format and the purpose it carries, as JSON.
    #[arg(long)]
    pub json: bool,
}

fn qr_format_arg(s: &str) -> Result<vypyska_core::payment_qr::QrFormat, String> {
    vypyska_core::payment_qr::QrFormat::parse(s).ok_or_else(|| match lang() {
        Lang::Uk => format!("формат коду — 003 або 002, а не «{s}»"),
        Lang::En => format!("the code's format is 003 or 002, not \"{s}\""),
    })
}

#[derive(clap::Args)]
pub struct InvoiceImportArgs {
    pub file: std::path::PathBuf,
    /// Check and show the rows without saving them.
    #[arg(long)]
    pub dry_run: bool,
    /// The company issuing them (needed when there are several).
    #[arg(long)]
    pub company: Option<String>,
}

#[derive(clap::Args)]
pub struct SettingsSetArgs {
    pub key: String,
    pub value: String,
}

#[derive(clap::Args)]
pub struct SettingsResetArgs {
    pub key: String,
}
