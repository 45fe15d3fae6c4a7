//! The headless CLI: a stable interface for scripts and tests. Exit code 0 on success, 1 with a
//! one-line message on stderr on failure, 2 on a usage error (clap's own).

use std::io::Write;
use std::process::ExitCode;
use std::sync::Arc;

use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};
use privat24::{Client, Direction, Token};
use vypyska_core::merchants::{self, NewMerchant};
use vypyska_core::secrets::Keyring;
use vypyska_core::settings::Settings;
use vypyska_core::store::{query, runs, StatementFilter};
use vypyska_core::sync::SyncEvent;
use vypyska_core::{allocation, invoice_import, invoices, ops};
use vypyska_core::{format, Lang, Store, SystemClock};

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
    #[arg(long, value_parser = |s: &str| crate::notify::parse_target(s).ok_or("statements:ID, invoices:ID, merchants:ID or review"))]
    pub open: Option<vypyska_core::notifications::Target>,
}

#[derive(Subcommand)]
pub enum Command {
    /// Add, list and remove merchants (bank accounts).
    #[command(subcommand)]
    Merchant(MerchantCommand),
    /// Fetch statements and balances from the bank now.
    Sync {
        /// Only this merchant.
        #[arg(long)]
        merchant: Option<String>,
        /// Fetch from this day (YYYY-MM-DD) instead of the last synced day.
        #[arg(long, value_parser = date_arg)]
        from: Option<NaiveDate>,
    },
    /// List stored statements, newest first.
    Statements {
        #[arg(long)]
        json: bool,
        #[arg(long)]
        merchant: Option<String>,
        /// First value date, YYYY-MM-DD.
        #[arg(long, value_parser = date_arg)]
        from: Option<NaiveDate>,
        /// Last value date, YYYY-MM-DD.
        #[arg(long, value_parser = date_arg)]
        to: Option<NaiveDate>,
        #[arg(long, value_enum)]
        direction: Option<DirectionArg>,
        /// Words to find in the purpose or the counterparty (a leading `-` is part of the text).
        #[arg(long, allow_hyphen_values = true)]
        search: Option<String>,
    },
    /// The latest balance of each account.
    Balances {
        #[arg(long)]
        json: bool,
        #[arg(long)]
        merchant: Option<String>,
    },
    /// Add invoices.
    #[command(subcommand)]
    Invoice(InvoiceCommand),
    /// List invoices with what has been paid.
    Invoices {
        #[arg(long)]
        json: bool,
    },
    /// Link incoming payments to the invoices their purposes name; with `--statement` and
    /// `--invoice`, link one payment by hand.
    Allocate {
        /// Print the plan without applying it.
        #[arg(long, conflicts_with = "statement")]
        dry_run: bool,
        /// The payment's key (REF/REFN), to allocate by hand.
        #[arg(long, requires = "invoice")]
        statement: Option<String>,
        /// The invoice number, with `--statement`.
        #[arg(long, requires = "statement")]
        invoice: Option<String>,
        /// How much of the payment (default: all that is not allocated yet).
        #[arg(long, value_parser = amount_arg, requires = "statement")]
        amount: Option<rust_decimal::Decimal>,
    },
    /// Remove a payment's allocation (to one invoice, or all); automatic allocation leaves it
    /// alone afterwards.
    Unallocate {
        #[arg(long)]
        statement: String,
        #[arg(long)]
        invoice: Option<String>,
    },
    /// Give outgoing payments their expense category by the rules (and the default category);
    /// with `--reapply`, recompute every category not set by hand.
    Categorize {
        #[arg(long)]
        reapply: bool,
    },
    /// Show a stored notice on the desktop and wait for its click (run detached by `sync`).
    #[command(hide = true)]
    NoticeShow { id: i64 },
    /// Copy the database now to `<data>/backups` (a copy is also made after the first sync of
    /// each day; the newest 7 are kept).
    Backup,
    /// Replace the database with the newest sound automatic backup (or `--from FILE`); the
    /// current file is kept in `<data>/damaged` first. For a file found damaged.
    Restore {
        #[arg(long)]
        from: Option<std::path::PathBuf>,
        /// Replace the database even when it is sound (what was saved after the copy is lost).
        #[arg(long)]
        yes: bool,
    },
    /// Send a test email with the mail settings (`smtp_*`).
    EmailTest { to: String },
    /// Save the mail server's password, read from standard input, in the OS keyring.
    SmtpPassword {
        #[arg(long, required = true)]
        stdin: bool,
    },
    /// Show the settings, or change one: `settings set KEY VALUE`.
    Settings {
        #[arg(long)]
        json: bool,
        #[command(subcommand)]
        action: Option<SettingsCommand>,
    },
    /// The history of sync runs, newest first.
    Runs {
        #[arg(long)]
        json: bool,
        #[arg(long)]
        merchant: Option<String>,
        #[arg(long, default_value_t = 20)]
        limit: u32,
    },
    /// Write the UI's TypeScript bindings (for developers).
    #[command(hide = true)]
    ExportBindings {
        #[arg(default_value = crate::commands::BINDINGS_PATH)]
        path: std::path::PathBuf,
    },
}

#[derive(Subcommand)]
pub enum MerchantCommand {
    /// Add a merchant; the token is read from standard input and goes to the OS keyring.
    Add {
        #[arg(long)]
        name: String,
        /// The account number (IBAN).
        #[arg(long)]
        account: String,
        #[arg(long)]
        currency: String,
        /// The client id of old-format credentials.
        #[arg(long)]
        client_id: Option<String>,
        /// Read the token from standard input (never from an argument: those are visible to
        /// other users).
        #[arg(long, required = true)]
        token_stdin: bool,
        /// First day of the first sync, YYYY-MM-DD (default 30 days back).
        #[arg(long, value_parser = date_arg)]
        sync_from: Option<NaiveDate>,
    },
    /// List merchants with their last sync.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Give a merchant a new name; its statements and token stay.
    Rename { name: String, new_name: String },
    /// Remove a merchant and its keyring entry.
    Remove {
        name: String,
        /// Also delete its statements and balances (kept by default).
        #[arg(long)]
        delete_statements: bool,
    },
}

#[derive(Subcommand)]
pub enum InvoiceCommand {
    /// Add an invoice.
    Add {
        /// As the business writes it: "123", "СФ-000123", "INV-2026/045".
        #[arg(long)]
        number: String,
        /// The amount as written on invoices, e.g. 1 250,50 or 1250.50.
        #[arg(long, value_parser = amount_arg)]
        amount: rust_decimal::Decimal,
        #[arg(long)]
        currency: String,
        /// Issue date, YYYY-MM-DD (default today).
        #[arg(long, value_parser = date_arg)]
        date: Option<NaiveDate>,
        #[arg(long)]
        customer: Option<String>,
        /// The customer's ЄДРПОУ or РНОКПП.
        #[arg(long)]
        customer_tax_id: Option<String>,
        /// Due date, YYYY-MM-DD.
        #[arg(long, value_parser = date_arg)]
        due: Option<NaiveDate>,
    },
    /// Change an invoice: only the fields given (its payments stay; its status follows).
    Edit {
        /// The invoice's current number.
        number: String,
        #[arg(long = "number")]
        new_number: Option<String>,
        #[arg(long, value_parser = amount_arg)]
        amount: Option<rust_decimal::Decimal>,
        #[arg(long)]
        currency: Option<String>,
        #[arg(long, value_parser = date_arg)]
        date: Option<NaiveDate>,
        #[arg(long)]
        customer: Option<String>,
        #[arg(long)]
        customer_tax_id: Option<String>,
        #[arg(long, value_parser = date_arg)]
        due: Option<NaiveDate>,
        #[arg(long)]
        note: Option<String>,
    },
    /// Cancel an invoice (its payments stay recorded).
    Cancel { number: String },
    /// Import invoices from a CSV file (UTF-8 or cp1251, `;` or `,`): all rows or none.
    Import {
        file: std::path::PathBuf,
        /// Check and show the rows without saving them.
        #[arg(long)]
        dry_run: bool,
    },
}

/// The CLI's language, read from the data folder's settings before the arguments are parsed,
/// so argument errors speak it too.
static LANG: std::sync::OnceLock<Lang> = std::sync::OnceLock::new();

fn lang() -> Lang {
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
    let err = match Args::try_parse() {
        Ok(args) => return args,
        Err(err) => err,
    };
    if matches!(
        err.kind(),
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion
    ) || lang() == Lang::En
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
        format::printable(&text)
    );
    // A value that is wrong (an amount, a date) fails like any bad input; a command line that
    // is not one is a usage error.
    let code = if err.kind() == ErrorKind::ValueValidation {
        exit::FAILED
    } else {
        2
    };
    std::process::exit(code.into())
}

impl Command {
    /// Whether the command only reads the database (and so works on a read-only folder).
    fn only_reads(&self) -> bool {
        matches!(
            self,
            Command::Statements { .. }
                | Command::Balances { .. }
                | Command::Invoices { .. }
                | Command::Runs { .. }
                | Command::Settings { action: None, .. }
                | Command::Merchant(MerchantCommand::List { .. })
        )
    }
}

#[derive(Subcommand)]
pub enum SettingsCommand {
    /// Change one setting (validated as in the app).
    Set { key: String, value: String },
}

#[derive(Clone, Copy, ValueEnum)]
pub enum DirectionArg {
    In,
    Out,
}

/// A failure already worded for the user.
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

/// Text of the bank's or a person's, for a terminal: control and bidi characters escaped.
fn shown(text: &str) -> std::borrow::Cow<'_, str> {
    format::printable(text)
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

/// `vypyska restore`: works on a damaged file that every other command refuses to open.
fn restore(from: Option<std::path::PathBuf>, yes: bool) -> Result<(), Failure> {
    use vypyska_core::store::recovery;
    let lang = Lang::default();
    let data_dir = vypyska_core::data_dir().map_err(|e| Failure::new(format!("{e:#}")))?;
    match recovery::in_use(&data_dir) {
        Some(recovery::InUse::App) => return Err(Failure::new(
            lang.pick(
                "Застосунок Vypyska відкритий: закрийте його (значок у треї → Вийти) і повторіть. \
                 Або відновіть копію в самому застосунку."
                    .to_owned(),
                "The Vypyska app is running: quit it (the tray icon → Quit) and try again, or \
                 restore in the app."
                    .to_owned(),
            ),
        )),
        Some(recovery::InUse::Sync) => {
            return Err(Failure::new(lang.pick(
                "Зараз триває синхронізація: дочекайтеся її кінця й повторіть.".to_owned(),
                "A sync is running: wait for it to end and try again.".to_owned(),
            )))
        }
        None => {}
    }
    let (mut store, found) = recovery::open_checked(&data_dir)?;
    // The source first: nothing is touched unless it can stand in for the database.
    let source = match from {
        Some(file) => file,
        None => match recovery::latest_sound_backup(&data_dir) {
            Some((_, path)) => path,
            None => {
                return Err(Failure::new(lang.pick(
                    "Автоматичної резервної копії немає; базу даних не змінено.".to_owned(),
                    "There is no automatic backup; the database was not changed.".to_owned(),
                )))
            }
        },
    };
    recovery::check_source(&source).map_err(|e| {
        Failure::new(lang.pick(
            format!(
                "Файл {} не може замінити базу даних: {} Базу даних не змінено.",
                source.display(),
                e.message(lang)
            ),
            format!(
                "{} cannot replace the database: {} The database was not changed.",
                source.display(),
                e.message(lang)
            ),
        ))
    })?;
    // A sound database is replaced only when the person says so: what came after the copy
    // would be lost.
    if found.is_none() && !yes {
        return Err(Failure::new(lang.pick(
            format!(
                "База даних ціла. Відновлення замінить її копією {}: усе, що збережено після \
                 копії, буде втрачено. Якщо ви цього хочете, повторіть з --yes.",
                source.display()
            ),
            format!(
                "The database is sound. Restoring replaces it with the copy {}: everything \
                 saved after the copy is lost. If that is what you want, run again with --yes.",
                source.display()
            ),
        )));
    }
    let (kept, kept_what) = match &found {
        Some(r) => (
            r.kept.clone(),
            lang.pick("Пошкоджений файл", "The damaged file"),
        ),
        None => (
            recovery::keep_copy(&store, &data_dir)?,
            lang.pick("Попередню (цілу) базу", "The previous (sound) database"),
        ),
    };
    recovery::restore(&mut store, &source).map_err(|e| {
        Failure::new(lang.pick(
            format!(
                "{} {kept_what} збережено: {}",
                e.message(lang),
                kept.display()
            ),
            format!(
                "{} {kept_what} is kept: {}",
                e.message(lang),
                kept.display()
            ),
        ))
    })?;
    println!(
        "{}",
        lang.pick(
            format!(
                "Відновлено з {}. {kept_what} збережено: {}",
                source.display(),
                kept.display()
            ),
            format!(
                "Restored from {}. {kept_what} is kept: {}",
                source.display(),
                kept.display()
            ),
        )
    );
    Ok(())
}

/// What automatic allocation did, on stderr (stdout stays for the command's own output).
fn say_linked(linked: usize, lang: Lang) {
    if linked > 0 {
        eprintln!(
            "{}",
            lang.pick(
                format!("Рознесено оплат по рахунках: {linked}"),
                format!("Payments linked to invoices: {linked}")
            )
        );
    }
}

/// Opens the data folder's database; a command that only reads still works when the folder
/// cannot be written (the file opened read-only), and says so once.
fn open(only_reads: bool) -> Result<Session, Failure> {
    let data_dir = vypyska_core::data_dir().map_err(|e| Failure::new(format!("{e:#}")))?;
    let store = match Store::open_in(&data_dir) {
        Ok(store) => store,
        Err(e) if only_reads && e.trouble() == vypyska_core::store::Trouble::ReadOnly => {
            let store = Store::open_read_only_in(&data_dir)
                .map_err(|_| Failure::new(e.message(Lang::default())))?;
            let lang = Settings::load(store.conn()).unwrap_or_default().lang();
            eprintln!(
                "{}",
                lang.pick(
                    "Папка даних доступна лише для читання: показано збережене, змінити нічого не можна.",
                    "The data folder is read-only: showing what is saved; nothing can be changed."
                )
            );
            store
        }
        Err(e) => return Err(Failure::new(e.message(Lang::default()))),
    };
    let settings = Settings::load(store.conn())?;
    Ok(Session {
        lang: settings.lang(),
        store,
        settings,
        data_dir,
    })
}

fn client(settings: &Settings, lang: Lang) -> Result<Client, Failure> {
    ops::bank_client(vypyska_core::bank_url(), settings)
        .map_err(|e| Failure::new(vypyska_core::i18n::bank_error(&e, lang)))
}

fn print_json(value: &impl serde::Serialize) -> Result<(), Failure> {
    let text = serde_json::to_string_pretty(value)
        .map_err(|e| Failure::new(format!("cannot write JSON: {e}")))?;
    println!("{text}");
    Ok(())
}

/// One line of standard input holding a secret (a token, a password): at most 64 KiB, text in
/// UTF-8, or refused in words. The secret itself is never repeated.
fn read_secret_line(lang: Lang) -> Result<String, Failure> {
    use std::io::{BufRead, Read};
    const LIMIT: u64 = 64 << 10;
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .take(LIMIT + 1)
        .read_until(b'\n', &mut bytes)
        .map_err(|e| {
            Failure::new(lang.pick(
                format!("Не вдалося прочитати стандартний ввід: {e}"),
                format!("Cannot read the standard input: {e}"),
            ))
        })?;
    let line_end = bytes.iter().position(|b| *b == b'\n');
    if line_end.is_none() && bytes.len() as u64 > LIMIT {
        return Err(Failure::new(lang.pick(
            "На вході понад 64 КБ без кінця рядка — це не токен і не пароль; нічого не збережено.".to_owned(),
            "The input has over 64 KB without a line end: not a token or a password; nothing was saved.".to_owned(),
        )));
    }
    bytes.truncate(line_end.unwrap_or(bytes.len()));
    let text = String::from_utf8(bytes).map_err(|_| {
        Failure::new(lang.pick(
            "На вході не текст (не UTF-8) — схоже, передано двійковий файл замість токена; нічого не збережено.".to_owned(),
            "The input is not text (not UTF-8): a binary file instead of a token, it seems; nothing was saved.".to_owned(),
        ))
    })?;
    Ok(text.trim_end_matches('\r').to_owned())
}

async fn execute(command: Command) -> Result<(), Failure> {
    if let Command::Restore { from, yes } = command {
        return restore(from, yes);
    }
    let mut cx = open(command.only_reads())?;
    let lang = cx.lang;
    match command {
        Command::Merchant(MerchantCommand::Add {
            name,
            account,
            currency,
            client_id,
            token_stdin: _,
            sync_from,
        }) => {
            let line = read_secret_line(lang)?;
            let client = client(&cx.settings, lang)?;
            let new = NewMerchant {
                name,
                account,
                currency,
                client_id,
                token: Token::new(line.trim()),
                sync_from,
            };
            let m = merchants::add(&mut cx.store, &Keyring, &client, &SystemClock, new).await?;
            println!(
                "{}",
                lang.pick(
                    format!(
                        "Додано «{}»: {} ({}). Токен збережено у сховищі паролів системи.",
                        m.name, m.account, m.currency
                    ),
                    format!(
                        "Added \"{}\": {} ({}). The token is in the system password store.",
                        m.name, m.account, m.currency
                    ),
                )
            );
        }
        Command::Merchant(MerchantCommand::List { json }) => {
            let list = merchants::list(cx.store.conn())?;
            let mut out = Vec::new();
            for m in &list {
                let last = runs::last_run(cx.store.conn(), m.id)?;
                out.push((m, last));
            }
            if json {
                let items: Vec<_> = out
                    .iter()
                    .map(|(m, last)| {
                        serde_json::json!({
                            "name": m.name, "account": m.account, "currency": m.currency,
                            "has_client_id": m.has_client_id, "sync_from": m.sync_from,
                            "synced_through": m.synced_through, "last_run": last,
                        })
                    })
                    .collect();
                return print_json(&items);
            }
            if out.is_empty() {
                println!(
                    "{}",
                    lang.pick(
                        "Рахунків ще немає. Додайте: vypyska merchant add …",
                        "No merchants yet. Add one: vypyska merchant add …"
                    )
                );
            }
            for (m, last) in out {
                let status = match last {
                    Some(r) => format!(
                        "{} {}",
                        r.outcome.words(lang),
                        format::kyiv_time(&r.finished_at.unwrap_or(r.started_at))
                    ),
                    None => lang.pick("ще не синхронізовано", "never synced"),
                };
                println!(
                    "{}\t{}\t{}\t{}",
                    shown(&m.name),
                    m.account,
                    m.currency,
                    status
                );
            }
        }
        Command::Merchant(MerchantCommand::Rename { name, new_name }) => {
            let m = merchants::rename(&mut cx.store, &name, &new_name)?;
            println!(
                "{}",
                lang.pick(
                    format!("Перейменовано на «{}».", m.name),
                    format!("Renamed to \"{}\".", m.name)
                )
            );
        }
        Command::Merchant(MerchantCommand::Remove {
            name,
            delete_statements,
        }) => {
            let m = merchants::remove(&mut cx.store, &Keyring, &name, delete_statements)?;
            println!(
                "{}",
                lang.pick(
                    format!("Видалено «{}».", m.name),
                    format!("Removed \"{}\".", m.name)
                )
            );
        }
        Command::Sync { merchant, from } => return sync(cx, merchant, from).await,
        Command::Statements {
            json,
            merchant,
            from,
            to,
            direction,
            search,
        } => {
            if let (Some(from), Some(to)) = (from, to) {
                if from > to {
                    return Err(Failure::new(lang.pick(
                        format!(
                            "--from {} пізніше за --to {}: такий період порожній; поміняйте дати місцями",
                            from.format("%d.%m.%Y"),
                            to.format("%d.%m.%Y")
                        ),
                        format!(
                            "--from {from} is after --to {to}: the period is empty; swap the dates"
                        ),
                    )));
                }
            }
            if let Some(name) = &merchant {
                merchants::find(cx.store.conn(), name)?;
            }
            let filter = StatementFilter {
                merchant,
                from,
                to,
                direction: direction.map(|d| match d {
                    DirectionArg::In => Direction::In,
                    DirectionArg::Out => Direction::Out,
                }),
                search,
                ..StatementFilter::default()
            };
            let rows = query::statements(cx.store.conn(), &filter)?;
            if json {
                return print_json(&rows);
            }
            let stdout = std::io::stdout();
            let mut out = stdout.lock();
            for r in &rows {
                let sign = if r.direction == "in" { "+" } else { "-" };
                let _ = writeln!(
                    out,
                    "{}  {}{:>16}  {:<10}  {:<32}  {}",
                    format::day_text(&r.value_date),
                    sign,
                    format::money(r.amount, &r.currency, lang),
                    format::state(&r.state, lang),
                    shown(&r.counterparty_name.chars().take(32).collect::<String>()),
                    shown(&r.purpose)
                );
            }
            let totals = query::totals(cx.store.conn(), &filter)?;
            for (currency, t) in &totals.per_currency {
                let _ = writeln!(
                    out,
                    "{}: {} {}, {} {}, {} {}",
                    currency,
                    lang.pick("надходження", "in"),
                    format::money(t.incoming, currency, lang),
                    lang.pick("витрати", "out"),
                    format::money(t.outgoing, currency, lang),
                    lang.pick("сальдо", "net"),
                    format::money(t.net, currency, lang),
                );
            }
        }
        Command::Balances { json, merchant } => {
            if let Some(name) = &merchant {
                merchants::find(cx.store.conn(), name)?;
            }
            let rows = query::latest_balances(cx.store.conn(), merchant.as_deref())?;
            if json {
                return print_json(&rows);
            }
            for b in rows {
                println!(
                    "{}\t{}\t{}\t{}",
                    shown(&b.merchant.unwrap_or_default()),
                    b.account,
                    format::day_text(&b.day),
                    format::money(b.closing, &b.currency, lang)
                );
            }
        }
        Command::Invoice(InvoiceCommand::Add {
            number,
            amount,
            currency,
            date,
            customer,
            customer_tax_id,
            due,
        }) => {
            use vypyska_core::Clock;
            let new = invoices::NewInvoice {
                number,
                amount,
                currency,
                issued_on: date.unwrap_or_else(|| SystemClock.today_kyiv()),
                customer_name: customer.unwrap_or_default(),
                customer_tax_id: customer_tax_id.unwrap_or_default(),
                customer_iban: String::new(),
                due_on: due,
                note: String::new(),
            };
            let saved = ops::save_invoice(&mut cx.store, &SystemClock, None, new)?;
            say_linked(saved.linked, lang);
        }
        Command::Invoice(InvoiceCommand::Import { file, dry_run }) => {
            use vypyska_core::Clock;
            let bytes = std::fs::read(&file)
                .map_err(|e| Failure::new(format!("{}: {e}", file.display())))?;
            let preview =
                invoice_import::preview(cx.store.conn(), &bytes, SystemClock.today_kyiv(), lang)?;
            for i in &preview.invoices {
                println!(
                    "{}\t{}\t{}\t{}",
                    shown(&i.number),
                    i.issued_on,
                    format::money(i.amount, &i.currency, lang),
                    shown(&i.customer_name)
                );
            }
            for e in &preview.errors {
                println!(
                    "{} {}: {}",
                    lang.pick("рядок", "line"),
                    e.line,
                    shown(&e.message)
                );
            }
            if !preview.errors.is_empty() {
                return Err(Failure::new(lang.pick(
                    format!(
                        "у файлі помилки в рядках: {}; нічого не імпортовано",
                        preview.errors.len()
                    ),
                    format!(
                        "the file has {} bad rows; nothing was imported",
                        preview.errors.len()
                    ),
                )));
            }
            if !dry_run {
                let nothing = lang.pick("нічого не імпортовано", "nothing was imported");
                let (n, linked) = ops::import_invoices(&mut cx.store, &SystemClock, preview)
                    .map_err(|e| match e {
                        invoice_import::ImportError::Invoice { line, source } => {
                            Failure::new(format!(
                                "{} {line}: {}; {nothing}",
                                lang.pick("рядок", "line"),
                                source.message(lang),
                            ))
                        }
                        invoice_import::ImportError::Store(e) => Failure::new(e.message(lang)),
                        invoice_import::ImportError::Rows(rows) => Failure::new(lang.pick(
                            format!("у файлі помилки в рядках: {}; {nothing}", rows.len()),
                            format!("the file has {} bad rows; {nothing}", rows.len()),
                        )),
                    })?;
                println!(
                    "{}",
                    lang.pick(
                        format!("Імпортовано рахунків: {n}"),
                        format!("Invoices imported: {n}")
                    )
                );
                say_linked(linked, lang);
            }
        }
        Command::Invoices { json } => {
            let list = invoices::list(cx.store.conn())?;
            if json {
                return print_json(&list);
            }
            for i in list {
                println!(
                    "{}\t{}\t{}\t{}\t{}\t{}",
                    shown(&i.number),
                    format::day_text(&i.issued_on),
                    format::money(i.amount, &i.currency, lang),
                    format::money(i.paid, &i.currency, lang),
                    i.status.words(lang),
                    shown(&i.customer_name)
                );
            }
        }
        Command::Invoice(InvoiceCommand::Edit {
            number,
            new_number,
            amount,
            currency,
            date,
            customer,
            customer_tax_id,
            due,
            note,
        }) => {
            let (id, old) = invoices::find(cx.store.conn(), &number)?;
            let new = invoices::NewInvoice {
                number: new_number.unwrap_or(old.number),
                amount: amount.unwrap_or(old.amount),
                currency: currency.unwrap_or(old.currency),
                issued_on: date.unwrap_or(old.issued_on),
                customer_name: customer.unwrap_or(old.customer_name),
                customer_tax_id: customer_tax_id.unwrap_or(old.customer_tax_id),
                customer_iban: old.customer_iban,
                due_on: due.or(old.due_on),
                note: note.unwrap_or(old.note),
            };
            let saved = ops::save_invoice(&mut cx.store, &SystemClock, Some(id), new)?;
            say_linked(saved.linked, lang);
        }
        Command::Invoice(InvoiceCommand::Cancel { number }) => {
            let done = invoices::cancel(cx.store.conn(), &SystemClock, &number)?;
            if !done {
                return Err(Failure::new(lang.pick(
                    format!("Немає відкритого рахунку № {number}."),
                    format!("No open invoice {number}."),
                )));
            }
        }
        Command::Allocate {
            statement: Some(statement),
            invoice: Some(invoice),
            amount,
            ..
        } => {
            let amount_minor = amount.map(vypyska_core::store::minor_units);
            let done = allocation::allocate_manually(
                &mut cx.store,
                &SystemClock,
                "cli",
                &statement,
                &invoice,
                amount_minor,
            )?;
            println!(
                "{}",
                lang.pick(
                    format!(
                        "Рознесено {} на рахунок № {}.",
                        format::amount(rust_decimal::Decimal::new(done, 2), lang),
                        shown(&invoice)
                    ),
                    format!(
                        "Allocated {} to invoice {}.",
                        format::amount(rust_decimal::Decimal::new(done, 2), lang),
                        shown(&invoice)
                    ),
                )
            );
        }
        Command::Unallocate { statement, invoice } => {
            allocation::unallocate_manually(
                &mut cx.store,
                &SystemClock,
                "cli",
                &statement,
                invoice.as_deref(),
            )?;
        }
        Command::Allocate { dry_run, .. } => {
            let steps = allocation::allocate(&mut cx.store, &SystemClock, "cli", dry_run)?;
            for step in &steps {
                println!("{}", serde_json::to_string(step).unwrap_or_default());
            }
            if steps.is_empty() {
                println!("{}", lang.pick("Нічого розносити.", "Nothing to allocate."));
            }
        }
        Command::NoticeShow { id } => {
            crate::notify::show_detached(&cx.store, id, lang).map_err(Failure::new)?;
        }
        Command::Backup => {
            use vypyska_core::Clock;
            let path = vypyska_core::store::backup::backup(
                &cx.store,
                &cx.data_dir,
                SystemClock.today_kyiv(),
                vypyska_core::store::backup::KEEP,
            )?;
            println!("{}", path.display());
        }
        Command::Restore { .. } => unreachable!("handled before the database is opened"),
        Command::EmailTest { to } => {
            vypyska_core::email::send_test(&cx.settings, &to)?;
            println!(
                "{}",
                lang.pick(format!("Лист надіслано на {to}."), format!("Sent to {to}."))
            );
        }
        Command::SmtpPassword { .. } => {
            let password = read_secret_line(lang)?;
            vypyska_core::secrets::save_password(
                vypyska_core::email::PASSWORD_ENTRY,
                password.trim_end_matches(['\r', '\n']),
            )?;
        }
        Command::Categorize { reapply } => {
            let done = ops::categorize(&mut cx.store, &SystemClock, &cx.settings, reapply)?;
            println!(
                "{}",
                lang.pick(
                    format!(
                        "Призначено категорій: {}, змінено: {}.",
                        done.assigned, done.changed
                    ),
                    format!(
                        "Categories given: {}, changed: {}.",
                        done.assigned, done.changed
                    ),
                )
            );
        }
        Command::Settings { json, action } => {
            let settings = match action {
                Some(SettingsCommand::Set { key, value }) => {
                    Settings::set(cx.store.conn(), &key, &value)?
                }
                None => cx.settings,
            };
            if json {
                let map: serde_json::Map<String, serde_json::Value> = settings
                    .entries()
                    .into_iter()
                    .map(|(k, v)| (k.to_owned(), serde_json::Value::String(v)))
                    .collect();
                return print_json(&map);
            }
            for (key, value) in settings.entries() {
                println!("{key} = {value}");
            }
        }
        Command::ExportBindings { path } => {
            crate::commands::export_bindings(&path).map_err(Failure::new)?;
        }
        Command::Runs {
            json,
            merchant,
            limit,
        } => {
            let id = match merchant {
                Some(name) => Some(merchants::find(cx.store.conn(), &name)?.id),
                None => None,
            };
            let list = runs::recent_runs(cx.store.conn(), id, limit)?;
            if json {
                return print_json(&list);
            }
            for r in list {
                let counts = lang.pick(
                    format!(
                        "сторінок {}, рядків {}, нових {}, змінених {}",
                        r.pages, r.rows_seen, r.rows_new, r.rows_updated
                    ),
                    format!(
                        "{} pages, {} rows, {} new, {} updated",
                        r.pages, r.rows_seen, r.rows_new, r.rows_updated
                    ),
                );
                println!(
                    "{}\t{}\t{}\t{counts}\t{}",
                    format::kyiv_time(&r.started_at),
                    shown(&r.merchant.unwrap_or_default()),
                    r.outcome.words(lang),
                    shown(&r.error_message.unwrap_or_default())
                );
            }
        }
    }
    Ok(())
}

async fn sync(
    cx: Session,
    merchant: Option<String>,
    from: Option<NaiveDate>,
) -> Result<(), Failure> {
    let lang = cx.lang;
    let settings = cx.settings.clone();
    let options = ops::sync_options(&settings, merchant, from);
    let mut syncer = ops::syncer(
        cx.store,
        client(&settings, lang)?,
        Arc::new(Keyring),
        Arc::new(SystemClock),
        cx.data_dir,
    )?;
    let mut report = |e: &SyncEvent| {
        let line = match e {
            SyncEvent::MerchantStarted { merchant, from, to } => lang.pick(
                format!(
                    "«{merchant}»: {} … {}",
                    format::day(*from),
                    format::day(*to)
                ),
                format!("\"{merchant}\": {from} … {to}"),
            ),
            SyncEvent::PageStored {
                merchant,
                page,
                rows,
                new,
                updated,
                ..
            } => lang.pick(
                format!(
                    "«{merchant}»: сторінка {page}: рядків {rows}, нових {new}, змінених {updated}"
                ),
                format!("\"{merchant}\": page {page}: {rows} rows, {new} new, {updated} updated"),
            ),
            SyncEvent::BalancesStored { .. } => return,
            SyncEvent::MerchantFinished {
                merchant,
                summary,
                warning,
            } => {
                let done = lang.pick(
                    format!(
                        "«{merchant}»: готово; нових {}, змінених {}",
                        summary.new, summary.updated
                    ),
                    format!(
                        "\"{merchant}\": done, {} new, {} updated",
                        summary.new, summary.updated
                    ),
                );
                match warning {
                    Some(w) => lang.pick(
                        format!("{done}; увага: {w}"),
                        format!("{done}; warning: {w}"),
                    ),
                    None => done,
                }
            }
            SyncEvent::MerchantSkipped {
                merchant, message, ..
            } => lang.pick(
                format!("«{merchant}»: пропущено: {message}"),
                format!("\"{merchant}\": skipped: {message}"),
            ),
            SyncEvent::MerchantFailed {
                merchant, message, ..
            } => lang.pick(
                format!("«{merchant}»: помилка: {message}"),
                format!("\"{merchant}\": failed: {message}"),
            ),
        };
        eprintln!("{}", shown(&line));
    };
    let outcomes = syncer.run(&options, &mut report).await?;
    // The same follow-up as the app's; notices on this desktop when a notification server runs.
    let data_dir = syncer.lock_dir.clone();
    let done = ops::after_sync(
        &mut syncer.store,
        &SystemClock,
        &settings,
        &data_dir,
        &crate::notify::DetachedDesktop,
    );
    say_linked(done.linked, lang);
    ops::email(&syncer.store, &settings, &done.fresh);
    if !done.problems.is_empty() {
        return Err(Failure::new(done.problems.join("; ")));
    }
    let failed: Vec<String> = outcomes
        .iter()
        .filter_map(|o| match &o.result {
            Err(e) if !e.is_skip() => Some(format!("«{}»", o.merchant)),
            _ => None,
        })
        .collect();
    if !failed.is_empty() {
        return Err(Failure::new(lang.pick(
            format!("не вдалося синхронізувати: {}", failed.join(", ")),
            format!("sync failed for: {}", failed.join(", ")),
        )));
    }
    let names = |pick: fn(&vypyska_core::sync::MerchantOutcome) -> bool| {
        let names: Vec<String> = outcomes
            .iter()
            .filter(|o| pick(o))
            .map(|o| format!("«{}»", o.merchant))
            .collect();
        names.join(", ")
    };
    let skipped = names(|o| o.result.as_ref().is_err_and(|e| e.is_skip()));
    if !skipped.is_empty() {
        return Err(Failure {
            message: lang.pick(
                format!("пропущено, синхронізуйте пізніше: {skipped}"),
                format!("skipped, sync again later: {skipped}"),
            ),
            exit: exit::SKIPPED,
        });
    }
    let incomplete = names(|o| o.result.as_ref().is_ok_and(|s| s.incomplete()));
    if !incomplete.is_empty() {
        return Err(Failure {
            message: lang.pick(
                format!("виписка неповна, дні буде перечитано: {incomplete}"),
                format!("statement incomplete, days will be read again: {incomplete}"),
            ),
            exit: exit::INCOMPLETE,
        });
    }
    Ok(())
}
