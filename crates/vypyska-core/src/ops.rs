//! The use cases the CLI and the app both run, each in one place: building the bank client and
//! the syncer, what follows every sync, saving and importing invoices (with automatic allocation
//! after both), and re-categorising after a category change. The shells adapt these to their
//! arguments and replies; the one thing they bring is their [`Desktop`].

use crate::say;
use crate::UserError as _;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use privat24::{Client, ClientConfig};

use crate::allocation::{self, Scope, Step};
use crate::categories::{self, Categorized, CategoryError};
use crate::invoice_import::{self, ImportError, Preview};
use crate::invoices::{self, InvoiceError, NewInvoice};
use crate::notifications::{self, Notice};
use crate::secrets::SecretStore;
use crate::settings::{CompanySettings, Settings};
use crate::store::{backup, StoreError, Tables};
use crate::sync::{SyncOptions, Syncer};
use crate::{Clock, Store};

/// Where a notice is shown on this computer: notify-rust in the app (a click opens the
/// payment), a detached process for a headless sync. The core decides what to tell and records
/// whether it could; the shell shows it.
pub trait Desktop {
    /// Shows one notice; what went wrong, in words, when it could not.
    fn show(&self, notice: &Notice) -> Result<(), String>;
}

/// The bank client of the settings, for `base_url` (the bank, or the demo's simulator). Plain
/// http is refused except to loopback, so the loopback simulator also gets no page pause.
pub fn bank_client(base_url: String, settings: &Settings) -> Result<Client, privat24::Error> {
    Client::new(ClientConfig {
        base_url,
        page_limit: settings.page_limit,
        ..ClientConfig::default()
    })
}

/// A syncer over `store` with this computer's keyring (or the demo's secrets); lock files and
/// backups live in `data_dir`; runs and events are worded in `lang`.
pub fn syncer(
    store: Store,
    client: Client,
    secrets: Arc<dyn SecretStore>,
    clock: Arc<dyn Clock>,
    data_dir: PathBuf,
    lang: crate::Lang,
) -> Syncer {
    Syncer {
        store,
        client,
        secrets,
        clock,
        lock_dir: data_dir,
        lang,
    }
}

/// A run's options from the settings: the lookback, and a merchant or a first day if asked.
pub fn sync_options(
    settings: &Settings,
    merchant: Option<String>,
    from: Option<chrono::NaiveDate>,
) -> SyncOptions {
    SyncOptions {
        merchant,
        from,
        lookback_days: settings.lookback_days,
        ..SyncOptions::default()
    }
}

/// What followed a sync.
#[derive(Debug, Default)]
pub struct FollowUp {
    /// Payments linked to invoices by automatic allocation.
    pub linked: usize,
    /// The new notices (the caller emails them: sending may wait on a mail server).
    pub fresh: Vec<Notice>,
    /// Steps that failed, in words; none stopped the others.
    pub problems: Vec<String>,
}

/// After every sync, in the app and the CLI alike: automatic allocation (when on), expense
/// categories, the new notices (shown on `desktop` for the kinds this computer's employees hear,
/// each one's delivery recorded), and the day's backup in `data_dir`. One step's failure never
/// stops the others; each is said in `problems`.
pub fn after_sync(
    store: &mut Store,
    clock: &dyn Clock,
    settings: &Settings,
    data_dir: &Path,
    desktop: &dyn Desktop,
) -> FollowUp {
    let lang = settings.lang();
    let mut done = FollowUp::default();
    // A company made from an account's name learns its tax code from the bank's rows.
    if let Err(e) = store.companies().learn_tax_ids() {
        done.problems.push(e.message(lang));
    }
    match allocate_if_on(store, clock, settings) {
        Ok(linked) => done.linked = linked,
        Err(e) => done.problems.push(e.message(lang)),
    }
    if let Err(e) = categorize(store, clock, settings, false) {
        done.problems.push(e.message(lang));
    }
    match notifications::collect(store, clock, lang, settings.notify_summary_above as usize) {
        Ok(fresh) => {
            let joined = crate::team::current(data_dir)
                .ok()
                .flatten()
                .and_then(|t| t.employee);
            match notifications::here(store, joined.as_deref()) {
                Ok(here) => {
                    let now = clock.now().to_rfc3339();
                    notifications::deliver(store, &fresh, &here, desktop, &now);
                }
                Err(e) => done.problems.push(e.message(lang)),
            }
            done.fresh = fresh;
        }
        Err(e) => done.problems.push(e.message(lang)),
    }
    if let Err(e) = backup::daily(store, data_dir, clock.today_kyiv()) {
        let what = say!(lang, backup_step);
        done.problems.push(format!("{what}: {}", e.message(lang)));
    }
    for p in &done.problems {
        tracing::warn!("after the sync: {p}");
    }
    done
}

/// Emails the new notices to the employees with an address. What failed is logged and kept with
/// the notices (the bell shows it), never fails the caller.
pub fn email(store: &Store, settings: &Settings, fresh: &[Notice]) {
    for failure in crate::email::deliver(store, settings, fresh) {
        tracing::warn!("email: {failure}");
    }
}

/// Automatic allocation now in `scope`; how many payments it linked.
pub fn allocate(store: &mut Store, clock: &dyn Clock, scope: &Scope) -> Result<usize, StoreError> {
    let steps = allocation::allocate(store, clock, "auto", scope)?;
    Ok(steps
        .iter()
        .filter(|s| matches!(s, Step::Allocate { .. }))
        .count())
}

/// The companies whose automatic allocation is on (their own setting, else the global one):
/// every company when none set its own and it is on globally, none when it is off for all.
pub fn auto_allocation(store: &Store, settings: &Settings) -> Result<Option<Scope>, StoreError> {
    let each = CompanySettings::over(settings, store.conn())?;
    let companies = store.companies().all()?;
    let on: BTreeSet<i64> = companies
        .iter()
        .filter(|c| each.of(Some(c.id)).auto_allocate)
        .map(|c| c.id)
        .collect();
    Ok(if on.len() == companies.len() && settings.auto_allocate {
        Some(Scope::All)
    } else if on.is_empty() {
        None
    } else {
        Some(Scope::Only(on))
    })
}

/// Saved, and what automatic allocation then linked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Saved {
    pub id: i64,
    pub linked: usize,
}

/// Saves a new invoice (or, with `id`, changes one), then allocates when automatic allocation is
/// on: a payment that named it before it existed is linked at once.
pub fn save_invoice(
    store: &mut Store,
    clock: &dyn Clock,
    id: Option<i64>,
    new: NewInvoice,
    seen: Option<i64>,
) -> Result<Saved, InvoiceError> {
    let id = match id {
        None => invoices::add(store.conn(), clock, new)?,
        Some(id) => invoices::update(store.conn(), id, new, seen).map(|()| id)?,
    };
    let linked = allocate_if_on(
        store,
        clock,
        &Settings::load(store.conn()).unwrap_or_default(),
    )?;
    Ok(Saved { id, linked })
}

/// Saves every invoice of a clean preview in one transaction (or none), then allocates when
/// automatic allocation is on. Returns (saved, linked).
pub fn import_invoices(
    store: &mut Store,
    clock: &dyn Clock,
    preview: Preview,
) -> Result<(usize, usize), ImportError> {
    let saved = invoice_import::import(store, clock, preview)?;
    let linked = allocate_if_on(
        store,
        clock,
        &Settings::load(store.conn()).unwrap_or_default(),
    )?;
    Ok((saved, linked))
}

/// Allocates in the companies whose automatic allocation is on.
fn allocate_if_on(
    store: &mut Store,
    clock: &dyn Clock,
    settings: &Settings,
) -> Result<usize, StoreError> {
    let linked = match auto_allocation(store, settings)? {
        Some(scope) => allocate(store, clock, &scope),
        None => Ok(0),
    };
    match linked {
        // A part that may add invoices but not allocate (a team's manager): the invoice is
        // saved, and a desktop that may allocate links it at its next sync.
        Err(e) if e.trouble() == crate::store::Trouble::NotAllowed => Ok(0),
        other => other,
    }
}

/// Gives outgoing payments their category by the rules and the default category of the
/// settings; with `reapply`, every category not set by hand is computed again (after a rule
/// changed).
pub fn categorize(
    store: &mut Store,
    clock: &dyn Clock,
    settings: &Settings,
    reapply: bool,
) -> Result<Categorized, CategoryError> {
    let each = CompanySettings::over(settings, store.conn())?;
    categories::categorize(store, clock, &each, reapply)
}

#[cfg(test)]
mod tests;
