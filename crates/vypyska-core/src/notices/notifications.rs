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
//! the kinds chosen for them, of the companies chosen for them (none chosen: every company).
//! Without any employee, the person at this computer hears of new payments only. A notice is
//! about one company when it can be (summaries are made per company), so the accountant of two
//! companies hears nothing of a third.

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
    /// The company it is about, when one.
    pub company_id: Option<i64>,
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
    company: Option<i64>,
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
            company_id: d.company,
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
                company_id: d.company,
                covered: d.covered,
            });
        }
    }
    tx.commit()?;
    Ok(fresh)
}

/// More than `above` notices of a kind for one company at once become one summary; the single
/// ones are kept (read, for the bell and so they are not told again) but not delivered.
fn summarise(drafts: &mut Vec<Draft>, kind: Kind, above: usize, lang: Lang) {
    let companies: BTreeSet<Option<i64>> = drafts
        .iter()
        .filter(|d| d.kind == kind)
        .map(|d| d.company)
        .collect();
    for company in companies {
        summarise_company(drafts, kind, company, above, lang);
    }
}

fn summarise_company(
    drafts: &mut Vec<Draft>,
    kind: Kind,
    company: Option<i64>,
    above: usize,
    lang: Lang,
) {
    let ours = |d: &Draft| d.kind == kind && d.company == company && !d.summarised;
    let n = drafts.iter().filter(|d| ours(d)).count();
    if n <= above {
        return;
    }
    let first = drafts
        .iter()
        .find(|d| ours(d))
        .map(|d| d.key.clone())
        .unwrap_or_default();
    for d in drafts.iter_mut().filter(|d| ours(d)) {
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
        company,
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
    let several = conn.companies().all()?.len() > 1;
    // Each company's payments apart: a summary tells one company's money.
    let mut by_company: BTreeMap<Option<i64>, Vec<table::IncomingRow>> = BTreeMap::new();
    for row in rows {
        by_company
            .entry(row.company.as_ref().map(|c| c.0))
            .or_default()
            .push(row);
    }
    for (company, rows) in by_company {
        if rows.len() > summary_above {
            summary(company, &rows, (after, newest), several, lang, out);
        } else {
            each_payment(conn, rows, several, lang, &mut told, out)?;
        }
    }
    Ok(told)
}

fn amount(s: &str) -> Decimal {
    s.parse::<Decimal>().unwrap_or_default()
}

/// Many new payments to one company at once: one notice with their total per currency.
fn summary(
    company: Option<i64>,
    rows: &[table::IncomingRow],
    (after, newest): (i64, i64),
    several: bool,
    lang: Lang,
    out: &mut Vec<Draft>,
) {
    let mut sums: BTreeMap<&str, Decimal> = BTreeMap::new();
    for row in rows {
        *sums.entry(row.currency.as_str()).or_default() += amount(&row.amount);
    }
    let total: Vec<String> = sums.iter().map(|(c, s)| money(*s, c, lang)).collect();
    let title = say!(lang, new_incoming_payments, rows.len());
    let name = rows.first().and_then(|r| r.company.as_ref()).map(|c| &c.1);
    out.push(Draft {
        key: match company {
            None => format!("payments:{after}-{newest}"),
            Some(c) => format!("payments:{after}-{newest}:{c}"),
        },
        kind: Kind::Payment,
        title: match name.filter(|_| several) {
            Some(name) => say!(lang, for_company, name, title),
            None => title,
        },
        body: say!(lang, incoming_total, total.join(", ")),
        target: Target::screen(Screen::Statements),
        company,
        covered: false,
        summarised: false,
    });
}

/// A notice for each new payment, with the invoices it paid; the invoices it paid in full go
/// into `told`.
fn each_payment(
    conn: &Connection,
    rows: Vec<table::IncomingRow>,
    several: bool,
    lang: Lang,
    told: &mut BTreeSet<i64>,
    out: &mut Vec<Draft>,
) -> Result<(), StoreError> {
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
                match company.as_ref().filter(|_| several) {
                    Some((_, name)) => say!(lang, for_company, name, title),
                    None => title,
                }
            },
            body,
            target: Target::on(Screen::Statements, id),
            company: company.map(|c| c.0),
            covered: false,
            summarised: false,
        });
    }
    Ok(())
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
        company_id,
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
            company: Some(company_id),
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
        company_id,
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
            company: company_id,
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
        id: merchant,
        name,
        company_id,
        ..
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
            company: company_id,
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
        company_id: row.company_id,
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
    /// The companies they hear of; none: every company.
    pub companies: Vec<i64>,
}

impl Employee {
    /// Whether they are told `notice`: of a kind they chose, about a company they chose (or
    /// about none in particular); an invoice-paid notice a payment's notice already gave is not
    /// told again to someone who hears of payments.
    pub fn hears(&self, notice: &Notice) -> bool {
        let kinds = &self.kinds;
        let company = match (notice.company_id, self.companies.as_slice()) {
            (_, []) | (None, _) => true,
            (Some(c), chosen) => chosen.contains(&c),
        };
        company
            && kinds.contains(&notice.kind)
            && !(notice.covered && kinds.contains(&Kind::Payment))
    }
}

#[derive(Debug, thiserror::Error)]
pub enum EmployeeError {
    #[error("the name is empty")]
    EmptyName,
    #[error("bad email {0}")]
    BadEmail(String),
    #[error("no employee {0}")]
    NotFound(i64),
    #[error("no company {0}")]
    NoCompany(i64),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl EmployeeError {
    pub fn code(&self) -> crate::Code {
        match self {
            EmployeeError::EmptyName => crate::Code::InvalidName,
            EmployeeError::BadEmail(_) => crate::Code::InvalidEmail,
            EmployeeError::NotFound(_) => crate::Code::NotFound,
            EmployeeError::NoCompany(_) => crate::Code::CompanyNotFound,
            EmployeeError::Store(e) => e.code(),
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        match self {
            EmployeeError::EmptyName => say!(lang, give_name),
            EmployeeError::BadEmail(e) => say!(lang, does_not_look_like, e),
            EmployeeError::NotFound(id) => say!(lang, no_employee, id),
            EmployeeError::NoCompany(id) => say!(lang, company_not_found, id),
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
            companies: r.companies,
        })
        .collect();
    list.sort_by_cached_key(|e| crate::format::sort_key(&e.name));
    Ok(list)
}

/// Adds (`id` 0) or changes an employee, with the companies they hear of, in one transaction.
pub fn save_employee(store: &mut Store, e: &Employee) -> Result<i64, EmployeeError> {
    let name = e.name.trim();
    if name.is_empty() {
        return Err(EmployeeError::EmptyName);
    }
    let email = e.email.trim();
    if !email.is_empty() && !plausible_email(email) {
        return Err(EmployeeError::BadEmail(email.to_owned()));
    }
    let tx = store.write()?;
    let known: BTreeSet<i64> = tx.companies().all()?.iter().map(|c| c.id).collect();
    if let Some(&unknown) = e.companies.iter().find(|c| !known.contains(c)) {
        return Err(EmployeeError::NoCompany(unknown));
    }
    let mut companies = e.companies.clone();
    companies.sort_unstable();
    companies.dedup();
    let row = table::EmployeeRow {
        id: e.id,
        name: name.to_owned(),
        email: email.to_owned(),
        this_computer: e.this_computer,
        kinds: kinds_text(&e.kinds),
        companies,
    };
    let id = if e.id == 0 {
        tx.notices().insert_employee(&row)?
    } else if tx.notices().update_employee(&row)? {
        e.id
    } else {
        return Err(EmployeeError::NotFound(e.id));
    };
    tx.commit().map_err(StoreError::from)?;
    Ok(id)
}

pub fn remove_employee(conn: &Connection, id: i64) -> Result<(), EmployeeError> {
    match conn.notices().remove_employee(id)? {
        false => Err(EmployeeError::NotFound(id)),
        true => Ok(()),
    }
}

/// Who is at this computer's desktop: the employees who use it; with no employee at all, the
/// person at it, who hears of every company's new payments.
pub fn at_desktop(conn: &Connection) -> Result<Vec<Employee>, EmployeeError> {
    let all = employees(conn)?;
    if all.is_empty() {
        return Ok(vec![the_person_here()]);
    }
    Ok(all.into_iter().filter(|e| e.this_computer).collect())
}

/// The person at a desktop no one in particular uses: hears of every company's new payments.
fn the_person_here() -> Employee {
    Employee {
        id: 0,
        name: String::new(),
        email: String::new(),
        this_computer: true,
        kinds: vec![Kind::Payment],
        companies: Vec::new(),
    }
}

/// Who is at this desktop. In a team (the books on a server every desktop shares) it is the
/// employee the desktop joined as, `joined`; a desktop that joined as no one hears as a file
/// with no "this computer" employee would: the person at it when the team has no employee at
/// all, else no one. Solo, the employees who use this computer.
pub fn here(store: &Store, joined: Option<&str>) -> Result<Vec<Employee>, EmployeeError> {
    if !store.on_server() {
        return at_desktop(store.conn());
    }
    let Some(name) = joined else {
        // As on a file: with no employee at all, the person at it hears of new payments; a
        // team with employees is told on the desktops that joined as them.
        let anyone = !employees(store.conn())?.is_empty();
        return Ok(if anyone {
            Vec::new()
        } else {
            vec![the_person_here()]
        });
    };
    let key = crate::store::name_key(name);
    Ok(employees(store.conn())?
        .into_iter()
        .filter(|e| crate::store::name_key(&e.name) == key)
        .collect())
}

/// Shows on `desktop` each of `notices` that someone `here` hears and no desktop told them of
/// yet (each person is told each thing once, whichever of their desktops asks first); records
/// how it went. Returns the notices shown. A failure to show stays with the notice (the bell
/// shows it) and never fails the caller.
pub fn deliver(
    store: &Store,
    notices: &[Notice],
    here: &[Employee],
    desktop: &dyn crate::ops::Desktop,
    now: &str,
) -> Vec<i64> {
    let mut shown = Vec::new();
    for notice in notices {
        let hearing: Vec<&Employee> = here.iter().filter(|e| e.hears(notice)).collect();
        // The person at a desktop no one uses has no record of their own.
        let claimed: Vec<i64> = hearing
            .iter()
            .filter(|e| e.id == 0 || store.notices().claim(notice.id, e.id, now).unwrap_or(false))
            .map(|e| e.id)
            .collect();
        if claimed.is_empty() {
            continue;
        }
        let result = desktop.show(notice);
        if let Err(e) = &result {
            tracing::warn!("desktop notification: {e}");
            for &id in claimed.iter().filter(|&&id| id != 0) {
                let _ = store.notices().claim_failed(notice.id, id, e);
            }
        }
        let _ = record_delivery(store.conn(), notice.id, result.err().as_deref());
        shown.push(notice.id);
    }
    shown
}

/// How many notices a desktop catching up looks at once.
const CATCH_UP: u32 = 200;
/// How many of them it shows: a desktop back after long shows the newest few, the bell has
/// the rest (as a summary stands for many payments at once).
const CATCH_UP_SHOWN: usize = 5;

/// What another desktop recorded since this desktop's people last looked: shown as
/// [`deliver`] does. A person's first look starts at the newest notice, so joining tells
/// nothing old. Run when the server rings, after a reconnect, a sleep or a restart.
pub fn catch_up(
    store: &Store,
    here: &[Employee],
    desktop: &dyn crate::ops::Desktop,
    clock: &dyn Clock,
) -> Result<Vec<i64>, StoreError> {
    let now = clock.now().to_rfc3339();
    let newest = store.notices().newest()?;
    let mut shown = Vec::new();
    for person in here.iter().filter(|e| e.id != 0) {
        let Some(after) = store.notices().seen(person.id)? else {
            store.notices().set_seen(person.id, newest)?;
            continue;
        };
        let rows = store.notices().unread_after(after, CATCH_UP)?;
        let Some(last) = rows.last().map(|r| r.id) else {
            continue;
        };
        let heard: Vec<Notice> = rows
            .into_iter()
            .map(notice)
            .filter(|n| person.hears(n))
            .collect();
        let newest = &heard[heard.len().saturating_sub(CATCH_UP_SHOWN)..];
        shown.extend(deliver(
            store,
            newest,
            std::slice::from_ref(person),
            desktop,
            &now,
        ));
        store.notices().set_seen(person.id, last)?;
    }
    Ok(shown)
}

crate::error::user_error!(EmployeeError);

#[cfg(test)]
mod tests;
