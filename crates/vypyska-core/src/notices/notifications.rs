//! What is worth telling people after a sync, each thing once, and who hears it.
//!
//! `collect` looks at what changed since it last ran (new incoming payments, invoices that became
//! paid, payments waiting in the review queue, a merchant's sync in trouble), records a notice
//! for each under a unique key, and returns the new notices. Keys make it idempotent, also across
//! restarts: running it twice tells nothing twice. Marks (the last statement and allocation looked
//! at) keep it from reading history; a database that existed before notices starts its marks at
//! its newest rows, so an upgrade tells nothing old. Many new payments at once (a first sync of a
//! merchant's history) become one summary.
//!
//! Employees say who hears what: an employee who uses this computer gets desktop notifications of
//! the kinds chosen for them. Without any employee, the person at this computer hears of new
//! payments only.

use crate::say;
use crate::store::Tables;
use crate::UserError as _;
use std::collections::{BTreeMap, BTreeSet};

use crate::store::Connection;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::format::money;
use crate::store::notices as table;
use crate::store::{Store, StoreError};
use crate::{Clock, Lang};

/// What a notice is about.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// New incoming payments (one each, or one summary).
    Payment,
    /// An invoice became fully paid.
    InvoicePaid,
    /// A payment is waiting in the review queue.
    Review,
    /// A merchant's sync needs a person: credentials rejected, repeated failures, a long
    /// maintenance.
    Trouble,
}

impl Kind {
    pub const ALL: [Kind; 4] = [
        Kind::Payment,
        Kind::InvoicePaid,
        Kind::Review,
        Kind::Trouble,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Payment => "payment",
            Kind::InvoicePaid => "invoice_paid",
            Kind::Review => "review",
            Kind::Trouble => "trouble",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s.trim())
    }
}

/// The screens a notice can open.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Screen {
    Statements,
    Invoices,
    Review,
    Merchants,
}

impl Screen {
    pub const ALL: [Screen; 4] = [
        Screen::Statements,
        Screen::Invoices,
        Screen::Review,
        Screen::Merchants,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Screen::Statements => "statements",
            Screen::Invoices => "invoices",
            Screen::Review => "review",
            Screen::Merchants => "merchants",
        }
    }

    pub fn parse(s: &str) -> Option<Screen> {
        Screen::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// Where a click on a notice takes the person: a screen, and on it the payment, invoice or
/// account, when one. Written `statements:42` (`--open`, a notification's action) and the same
/// as the UI's route (`/statements?id=42`).
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Target {
    pub screen: Screen,
    /// The statement, invoice or merchant, when one.
    pub id: Option<i64>,
}

impl Target {
    pub fn screen(screen: Screen) -> Target {
        Target { screen, id: None }
    }

    pub fn on(screen: Screen, id: i64) -> Target {
        Target {
            screen,
            id: Some(id),
        }
    }
}

impl std::fmt::Display for Target {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.id {
            Some(id) => write!(f, "{}:{id}", self.screen.as_str()),
            None => f.write_str(self.screen.as_str()),
        }
    }
}

impl std::str::FromStr for Target {
    type Err = &'static str;

    /// `statements:42`, `review`.
    fn from_str(arg: &str) -> Result<Target, Self::Err> {
        const WORDS: &str = "statements:ID, invoices:ID, merchants:ID or review";
        let (screen, id) = match arg.split_once(':') {
            Some((s, id)) => (s, Some(id.parse().map_err(|_| WORDS)?)),
            None => (arg, None),
        };
        let screen = Screen::parse(screen).ok_or(WORDS)?;
        Ok(Target { screen, id })
    }
}

/// A notice as the app keeps and shows it.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Notice {
    pub id: i64,
    pub kind: Kind,
    pub title: String,
    pub body: String,
    pub target: Target,
    pub created_at: String,
    pub read: bool,
    /// Why it could not be shown on the desktop or sent, when it could not.
    pub delivery_error: Option<String>,
    /// An invoice-paid notice whose news a payment's notice of the same run already gave: not
    /// shown again to someone who hears of payments.
    #[serde(skip)]
    pub covered: bool,
}

/// A notice before it is stored.
struct Draft {
    key: String,
    kind: Kind,
    title: String,
    body: String,
    target: Target,
    covered: bool,
    /// Part of a summary: kept for the bell, already read, not delivered on its own.
    summarised: bool,
}

/// Finds what is new, stores a notice for each (once), and returns the new ones, oldest first.
/// More than `summary_above` new payments become one summary. One transaction.
pub fn collect(
    store: &mut Store,
    clock: &dyn Clock,
    lang: Lang,
    summary_above: usize,
) -> Result<Vec<Notice>, StoreError> {
    let now = clock.now().to_rfc3339();
    let tx = store.write()?;
    let mut drafts = Vec::new();
    let paid_told = payments(&tx, lang, summary_above, &mut drafts)?;
    invoices_paid(&tx, lang, &paid_told, &mut drafts)?;
    review(&tx, lang, &mut drafts)?;
    trouble(&tx, lang, &mut drafts)?;
    summarise(&mut drafts, Kind::InvoicePaid, summary_above, lang);
    summarise(&mut drafts, Kind::Review, summary_above, lang);
    let mut fresh = Vec::new();
    for d in drafts {
        let added = tx.notices().insert(table::NewNotice {
            key: &d.key,
            kind: d.kind.as_str(),
            title: &d.title,
            body: &d.body,
            screen: d.target.screen.as_str(),
            target_id: d.target.id,
            created_at: &now,
            read: d.summarised,
        })?;
        if let (Some(id), false) = (added, d.summarised) {
            fresh.push(Notice {
                id,
                kind: d.kind,
                title: d.title,
                body: d.body,
                target: d.target,
                created_at: now.clone(),
                read: false,
                delivery_error: None,
                covered: d.covered,
            });
        }
    }
    tx.commit()?;
    Ok(fresh)
}

/// More than `above` notices of a kind at once become one summary; the single ones are kept
/// (read, for the bell and so they are not told again) but not delivered.
fn summarise(drafts: &mut Vec<Draft>, kind: Kind, above: usize, lang: Lang) {
    let n = drafts.iter().filter(|d| d.kind == kind).count();
    if n <= above {
        return;
    }
    let first = drafts
        .iter()
        .find(|d| d.kind == kind)
        .map(|d| d.key.clone())
        .unwrap_or_default();
    for d in drafts.iter_mut().filter(|d| d.kind == kind) {
        d.summarised = true;
    }
    let (title, screen) = match kind {
        Kind::InvoicePaid => (say!(lang, invoices_paid, n), Screen::Invoices),
        _ => (say!(lang, payments_review, n), Screen::Review),
    };
    drafts.push(Draft {
        key: format!("{}s:{first}:{n}", kind.as_str()),
        kind,
        title,
        body: say!(lang, details_are_app),
        target: Target::screen(screen),
        covered: false,
        summarised: false,
    });
}

/// New incoming payments since the mark; returns the invoices their notices already call paid.
fn payments(
    conn: &Connection,
    lang: Lang,
    summary_above: usize,
    out: &mut Vec<Draft>,
) -> Result<BTreeSet<i64>, StoreError> {
    let after = conn.notices().mark("statements")?;
    let newest = conn.notices().newest_statement()?;
    let mut told = BTreeSet::new();
    if newest <= after {
        return Ok(told);
    }
    let rows = conn.notices().incoming_after(after)?;
    conn.notices().set_mark("statements", newest)?;
    let amount = |s: &str| s.parse::<Decimal>().unwrap_or_default();
    if rows.len() > summary_above {
        let mut sums: BTreeMap<&str, Decimal> = BTreeMap::new();
        for row in &rows {
            *sums.entry(row.currency.as_str()).or_default() += amount(&row.amount);
        }
        let total: Vec<String> = sums.iter().map(|(c, s)| money(*s, c, lang)).collect();
        let n = rows.len();
        out.push(Draft {
            key: format!("payments:{after}-{newest}"),
            kind: Kind::Payment,
            title: say!(lang, new_incoming_payments, n),
            body: say!(lang, incoming_total, total.join(", ")),
            target: Target::screen(Screen::Statements),
            covered: false,
            summarised: false,
        });
        return Ok(told);
    }
    let several = conn.companies().all()?.len() > 1;
    for table::IncomingRow {
        id,
        amount: a,
        currency,
        payer,
        identity,
        company,
    } in rows
    {
        let invoices = conn.notices().allocated_invoices(id)?;
        let mut body = say!(lang, payment_from, payer);
        for (invoice_id, number, fully) in &invoices {
            body.push_str(&if *fully {
                say!(lang, payment_pays_invoice_in_full, number)
            } else {
                say!(lang, payment_pays_invoice, number)
            });
            if *fully {
                told.insert(*invoice_id);
            }
        }
        out.push(Draft {
            // The bank's identity, not the row id: ids of deleted rows can come back.
            key: format!("payment:{identity}"),
            kind: Kind::Payment,
            title: {
                let title = say!(lang, payment_received, money(amount(&a), &currency, lang));
                // With several companies, whose money it is comes first.
                match company.filter(|_| several) {
                    Some(company) => say!(lang, for_company, company, title),
                    None => title,
                }
            },
            body,
            target: Target::on(Screen::Statements, id),
            covered: false,
            summarised: false,
        });
    }
    Ok(told)
}

/// Invoices that new allocations (by the audit log, whose ids only grow) made fully paid.
fn invoices_paid(
    conn: &Connection,
    lang: Lang,
    told: &BTreeSet<i64>,
    out: &mut Vec<Draft>,
) -> Result<(), StoreError> {
    let after = conn.notices().mark("allocations")?;
    let newest = conn.notices().newest_allocation_log()?;
    if newest <= after {
        return Ok(());
    }
    let paid = conn.notices().paid_after(after)?;
    conn.notices().set_mark("allocations", newest)?;
    for table::PaidRow {
        id,
        number,
        customer,
        amount,
        currency,
    } in paid
    {
        let amount = money(amount.parse().unwrap_or_default(), &currency, lang);
        out.push(Draft {
            key: format!("invoice_paid:{id}"),
            kind: Kind::InvoicePaid,
            title: say!(lang, invoice_paid, number),
            body: say!(lang, invoice_paid_body, customer, amount),
            target: Target::on(Screen::Invoices, id),
            covered: told.contains(&id),
            summarised: false,
        });
    }
    Ok(())
}

/// Payments that joined the review queue.
fn review(conn: &Connection, lang: Lang, out: &mut Vec<Draft>) -> Result<(), StoreError> {
    for table::ReviewRow {
        id,
        amount,
        currency,
        payer,
        candidates: n,
    } in conn.notices().review_untold()?
    {
        let amount = money(amount.parse().unwrap_or_default(), &currency, lang);
        out.push(Draft {
            key: format!("review:{id}"),
            kind: Kind::Review,
            title: say!(lang, payment_awaits_review),
            body: say!(lang, from_fits_invoices_pick, amount, payer, n),
            target: Target::on(Screen::Review, id),
            covered: false,
            summarised: false,
        });
    }
    Ok(())
}

/// How many of a merchant's latest runs count as "repeated".
const REPEATED: usize = 3;

/// A merchant's sync in trouble, told once until it is fixed (a run that succeeds frees the key
/// for the next time).
fn trouble(conn: &Connection, lang: Lang, out: &mut Vec<Draft>) -> Result<(), StoreError> {
    let mut merchants = conn.merchants().all()?;
    merchants.sort_by_key(|m| m.id);
    for crate::store::merchants::Merchant {
        id: merchant, name, ..
    } in merchants
    {
        let runs = conn.notices().latest_outcomes(merchant, REPEATED)?;
        let Some((outcome, code, message)) = runs.first().cloned() else {
            continue;
        };
        let prefix = format!("trouble:{merchant}:");
        if outcome == "ok" {
            // Fixed: keep the notices, free their keys for the next time.
            conn.notices().free_keys(&prefix)?;
            continue;
        }
        let code = code.unwrap_or_default();
        let message = message.unwrap_or_default();
        let all_same = |outcome_wanted: &str, code_wanted: Option<&str>| {
            runs.len() == REPEATED
                && runs.iter().all(|(o, c, _)| {
                    o == outcome_wanted && code_wanted.is_none_or(|w| c.as_deref() == Some(w))
                })
        };
        let (what, title) = if outcome == "warning" {
            // Told once until a clean run: the days are read again meanwhile.
            (code.clone(), say!(lang, statement_arrived_incomplete, name))
        } else if matches!(
            code.as_str(),
            "credentials_rejected" | "autoclient_disabled" | "token_missing"
        ) {
            (code.clone(), say!(lang, bank_refuses_credentials, name))
        } else if all_same("failed", None) {
            (
                "failing".to_owned(),
                say!(lang, sync_failed_times_row, name, REPEATED),
            )
        } else if all_same("skipped", Some("bank_maintenance")) {
            (
                "maintenance".to_owned(),
                say!(lang, bank_maintenance_long, name),
            )
        } else {
            continue;
        };
        out.push(Draft {
            key: format!("{prefix}{what}"),
            kind: Kind::Trouble,
            title,
            body: message,
            target: Target::on(Screen::Merchants, merchant),
            covered: false,
            summarised: false,
        });
    }
    Ok(())
}

fn notice(row: table::NoticeRow) -> Notice {
    Notice {
        id: row.id,
        kind: Kind::parse(&row.kind).unwrap_or(Kind::Payment),
        title: row.title,
        body: row.body,
        target: Target {
            screen: Screen::parse(&row.screen).unwrap_or(Screen::Statements),
            id: row.target_id,
        },
        created_at: row.created_at,
        read: row.read,
        delivery_error: row.delivery_error,
        covered: false,
    }
}

/// The latest notices, newest first.
pub fn recent(conn: &Connection, limit: u32) -> Result<Vec<Notice>, StoreError> {
    Ok(conn
        .notices()
        .recent(limit)?
        .into_iter()
        .map(notice)
        .collect())
}

/// One notice.
pub fn get(conn: &Connection, id: i64) -> Result<Option<Notice>, StoreError> {
    Ok(conn.notices().get(id)?.map(notice))
}

/// Marks one notice (or all) read; returns how many notices that named.
pub fn mark_read(conn: &Connection, id: Option<i64>) -> Result<usize, StoreError> {
    conn.notices().mark_read(id)
}

/// Records how showing a notice went: `None` shown, `Some(why)` not.
pub fn record_delivery(conn: &Connection, id: i64, error: Option<&str>) -> Result<(), StoreError> {
    conn.notices().set_delivery(id, error)
}

/// Adds a failure to a notice's delivery record (keeping earlier ones).
pub fn add_delivery_error(conn: &Connection, id: i64, error: &str) -> Result<(), StoreError> {
    conn.notices().add_delivery_error(id, error)
}

/// Someone who hears of things: on this computer's desktop, and by email when it is set up.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Employee {
    pub id: i64,
    pub name: String,
    pub email: String,
    /// Uses this computer: gets desktop notifications.
    pub this_computer: bool,
    pub kinds: Vec<Kind>,
}

#[derive(Debug, thiserror::Error)]
pub enum EmployeeError {
    #[error("the name is empty")]
    EmptyName,
    #[error("bad email {0}")]
    BadEmail(String),
    #[error("no employee {0}")]
    NotFound(i64),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl EmployeeError {
    pub fn code(&self) -> crate::Code {
        match self {
            EmployeeError::EmptyName => crate::Code::InvalidName,
            EmployeeError::BadEmail(_) => crate::Code::InvalidEmail,
            EmployeeError::NotFound(_) => crate::Code::NotFound,
            EmployeeError::Store(e) => e.code(),
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        match self {
            EmployeeError::EmptyName => say!(lang, give_name),
            EmployeeError::BadEmail(e) => say!(lang, does_not_look_like, e),
            EmployeeError::NotFound(id) => say!(lang, no_employee, id),
            EmployeeError::Store(e) => e.message(lang),
        }
    }
}

/// `user@host.tld`, no spaces: enough to catch a typo; the mail server has the last word.
pub fn plausible_email(s: &str) -> bool {
    let mut parts = s.split('@');
    matches!((parts.next(), parts.next(), parts.next()),
        (Some(user), Some(host), None) if !user.is_empty() && host.contains('.')
            && !host.starts_with('.') && !host.ends_with('.') && !s.contains(char::is_whitespace))
}

fn kinds_text(kinds: &[Kind]) -> String {
    let set: BTreeSet<Kind> = kinds.iter().copied().collect();
    set.iter().map(|k| k.as_str()).collect::<Vec<_>>().join(",")
}

pub fn employees(conn: &Connection) -> Result<Vec<Employee>, EmployeeError> {
    let mut list: Vec<Employee> = conn
        .notices()
        .employees()?
        .into_iter()
        .map(|r| Employee {
            id: r.id,
            name: r.name,
            email: r.email,
            this_computer: r.this_computer,
            kinds: r.kinds.split(',').filter_map(Kind::parse).collect(),
        })
        .collect();
    list.sort_by_cached_key(|e| crate::format::sort_key(&e.name));
    Ok(list)
}

/// Adds (`id` 0) or changes an employee.
pub fn save_employee(conn: &Connection, e: &Employee) -> Result<i64, EmployeeError> {
    let name = e.name.trim();
    if name.is_empty() {
        return Err(EmployeeError::EmptyName);
    }
    let email = e.email.trim();
    if !email.is_empty() && !plausible_email(email) {
        return Err(EmployeeError::BadEmail(email.to_owned()));
    }
    let row = table::EmployeeRow {
        id: e.id,
        name: name.to_owned(),
        email: email.to_owned(),
        this_computer: e.this_computer,
        kinds: kinds_text(&e.kinds),
    };
    if e.id == 0 {
        return Ok(conn.notices().insert_employee(&row)?);
    }
    match conn.notices().update_employee(&row)? {
        false => Err(EmployeeError::NotFound(e.id)),
        true => Ok(e.id),
    }
}

pub fn remove_employee(conn: &Connection, id: i64) -> Result<(), EmployeeError> {
    match conn.notices().remove_employee(id)? {
        false => Err(EmployeeError::NotFound(id)),
        true => Ok(()),
    }
}

/// Whether someone who hears of `kinds` is told `notice`: an invoice-paid notice a payment's
/// notice already gave is not told again to someone who hears of payments.
pub fn wants(kinds: &BTreeSet<Kind>, notice: &Notice) -> bool {
    kinds.contains(&notice.kind) && !(notice.covered && kinds.contains(&Kind::Payment))
}

/// The kinds shown on this computer's desktop: those of the employees who use it; with no
/// employee at all, new payments.
pub fn desktop_kinds(conn: &Connection) -> Result<BTreeSet<Kind>, EmployeeError> {
    let all = employees(conn)?;
    if all.is_empty() {
        return Ok([Kind::Payment].into());
    }
    Ok(all
        .iter()
        .filter(|e| e.this_computer)
        .flat_map(|e| e.kinds.iter().copied())
        .collect())
}

crate::error::user_error!(EmployeeError);

#[cfg(test)]
mod tests;
