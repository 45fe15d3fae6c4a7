//! The sync engine: for each merchant, statements and balances from the bank into the store,
//! incrementally and safely.
//!
//! Invariants:
//! - every page is committed in one transaction together with the run's counters; the cursor
//!   (`merchants.synced_through`) moves only after the last page and the balances are committed,
//!   so a crash at any moment loses nothing and the next run re-reads what is missing;
//! - the cursor never passes a day that was not read cleanly to its end: a day with a row the
//!   bank sent unreadable, or a closed day whose posted rows do not add up to the bank's own
//!   turnovers (a listing cut short), is re-read at once and, if still wrong, by the next runs;
//!   such a run ends as a warning, in words;
//! - every request has a deadline and the run a ceiling: a bank that stops answering fails the
//!   run in bounded time, never holds it;
//! - rows are upserted by account + REF/REFN, so re-reading adds nothing and a changed state
//!   (pending → posted, reversed, rejected) updates the row;
//! - one sync per merchant at a time, across processes too (an OS file lock per merchant);
//! - one merchant's failure is recorded and reported; the others go on.

use crate::say;
use crate::store::{Tables, Writes};
use crate::UserError as _;
use std::collections::BTreeSet;
use std::fs::{File, TryLockError};
use std::path::PathBuf;
use std::sync::Arc;

use chrono::{Duration, NaiveDate};
use privat24::{Balance, Client, Credentials, Span};
use serde::Serialize;

use crate::i18n::bank_error;
use crate::merchants::{self, Merchant, MerchantError};
use crate::secrets::{SecretError, SecretStore};
use crate::store::{minor_units, RunOutcome, Store, StoreError, Trouble, UpsertCounts};
use crate::{Clock, Lang};

/// The bank keeps about three years of statements.
const MAX_HISTORY_DAYS: i64 = 1095;

/// A run that has not finished in this long is given up (its pages stay stored; the cursor
/// stays, so the next run reads on from where this one began).
pub const DEFAULT_RUN_CEILING: std::time::Duration = std::time::Duration::from_secs(60 * 60);

/// What a run should do beyond the defaults.
#[derive(Debug, Clone, Default)]
pub struct SyncOptions {
    /// Only this merchant (by name).
    pub merchant: Option<String>,
    /// Start here instead of at the cursor minus the lookback.
    pub from: Option<NaiveDate>,
    /// Days re-read before the cursor.
    pub lookback_days: u32,
    /// The longest a merchant's run may take; [`DEFAULT_RUN_CEILING`] when not given.
    pub ceiling: Option<std::time::Duration>,
}

/// Progress and outcomes, for the CLI, the UI, the tray and notifications.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SyncEvent {
    MerchantStarted {
        merchant: String,
        from: NaiveDate,
        to: NaiveDate,
    },
    PageStored {
        merchant: String,
        page: u32,
        rows: usize,
        new: usize,
        updated: usize,
        rejected: usize,
    },
    BalancesStored {
        merchant: String,
        days: usize,
    },
    MerchantFinished {
        merchant: String,
        summary: RunSummary,
        /// Set when the run stored what it could but some days must be read again.
        warning: Option<String>,
    },
    MerchantSkipped {
        merchant: String,
        code: crate::Code,
        message: String,
    },
    MerchantFailed {
        merchant: String,
        code: crate::Code,
        message: String,
    },
}

/// What a successful run did.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RunSummary {
    pub run_id: i64,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub pages: u32,
    pub seen: usize,
    pub new: usize,
    pub updated: usize,
    pub rejected: usize,
    /// Rejected rows whose day could not be told: the cursor stays where it was.
    pub rejected_undated: usize,
    /// The first day not read cleanly (a rejected row, or sums that disagree with the bank's
    /// turnovers); the cursor stays before it.
    pub first_unread: Option<NaiveDate>,
    /// Closed days whose posted rows still disagree with the bank's turnovers after a re-read.
    pub mismatched_days: usize,
}

impl RunSummary {
    /// Whether some days were not read cleanly and must be read again.
    pub fn incomplete(&self) -> bool {
        self.rejected > 0 || self.first_unread.is_some() || self.mismatched_days > 0
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error("another sync of this merchant is running")]
    Busy,
    #[error(transparent)]
    Bank(#[from] privat24::Error),
    #[error(transparent)]
    Secret(#[from] SecretError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("cannot take the sync lock {path}: {source}")]
    Lock {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the run did not finish within {} minutes", .0.as_secs() / 60)]
    TooLong(std::time::Duration),
    /// Another desktop of the team runs this account's sync now.
    #[error("{desktop} syncs this account since {since}")]
    SyncedElsewhere { desktop: String, since: String },
    /// This desktop holds no token of a team's account: the desktop that holds it syncs it.
    #[error("no token of this account on this computer")]
    TokenElsewhere {
        /// Who synced it last, and when.
        last: Option<(String, String)>,
    },
}

impl SyncError {
    pub fn code(&self) -> crate::Code {
        match self {
            SyncError::Busy => crate::Code::SyncBusy,
            SyncError::Bank(e) => crate::Code::bank(e),
            SyncError::Secret(e) => e.code(),
            SyncError::Store(e) => e.code(),
            SyncError::Lock { .. } => crate::Code::Lock,
            SyncError::TooLong(_) => crate::Code::SyncTooLong,
            SyncError::SyncedElsewhere { .. } => crate::Code::SyncBusy,
            SyncError::TokenElsewhere { .. } => crate::Code::TokenElsewhere,
        }
    }

    /// Not a failure: the run was put off (the bank's maintenance, another run in progress, a
    /// team's account whose token another desktop holds).
    pub fn is_skip(&self) -> bool {
        matches!(
            self,
            SyncError::Busy
                | SyncError::SyncedElsewhere { .. }
                | SyncError::TokenElsewhere { .. }
                | SyncError::Bank(privat24::Error::Maintenance { .. })
        )
    }

    /// Said to no one by a timer: another desktop of the team has it in hand.
    pub fn is_elsewhere(&self) -> bool {
        matches!(
            self,
            SyncError::SyncedElsewhere { .. } | SyncError::TokenElsewhere { .. }
        )
    }

    pub fn message(&self, lang: Lang) -> String {
        match self {
            SyncError::Busy => say!(lang, account_being_synced_another),
            SyncError::Bank(e) => bank_error(e, lang),
            SyncError::Secret(e) => e.message(lang),
            SyncError::Store(e) => e.message(lang),
            SyncError::Lock { path, source } => {
                say!(lang, cannot_create_lock_file, path.display(), source)
            }
            SyncError::TooLong(limit) => say!(lang, sync_did_not_finish, limit.as_secs() / 60),
            SyncError::SyncedElsewhere { desktop, since } => {
                say!(
                    lang,
                    synced_by_another_desktop,
                    desktop,
                    crate::format::kyiv_time(since)
                )
            }
            SyncError::TokenElsewhere { last: None } => say!(lang, token_on_another_desktop),
            SyncError::TokenElsewhere {
                last: Some((desktop, at)),
            } => say!(
                lang,
                token_on_another_desktop_last,
                desktop,
                crate::format::kyiv_time(at)
            ),
        }
    }
}

/// One merchant's result.
#[derive(Debug)]
pub struct MerchantOutcome {
    pub merchant: String,
    pub result: Result<RunSummary, SyncError>,
}

/// Everything a sync needs, injected.
pub struct Syncer {
    pub store: Store,
    pub client: Client,
    pub secrets: Arc<dyn SecretStore>,
    pub clock: Arc<dyn Clock>,
    /// Where the per-merchant lock files live (the data folder).
    pub lock_dir: PathBuf,
    /// The language of the messages stored with runs and sent in events.
    pub lang: Lang,
}

impl Syncer {
    /// Syncs every merchant (or the one named), one after another.
    pub async fn run(
        &mut self,
        options: &SyncOptions,
        on_event: &mut (dyn FnMut(&SyncEvent) + Send),
    ) -> Result<Vec<MerchantOutcome>, MerchantError> {
        let merchants = match &options.merchant {
            Some(name) => vec![merchants::find(self.store.conn(), name)?],
            None => merchants::list(self.store.conn())?,
        };
        let mut outcomes = Vec::new();
        for merchant in merchants {
            let result = self.sync_merchant(&merchant, options, on_event).await;
            let name = merchant.name.clone();
            match &result {
                Ok(summary) => on_event(&SyncEvent::MerchantFinished {
                    merchant: name.clone(),
                    summary: *summary,
                    warning: summary
                        .incomplete()
                        .then(|| incomplete_message(summary, self.lang)),
                }),
                Err(e) if e.is_skip() => on_event(&SyncEvent::MerchantSkipped {
                    merchant: name.clone(),
                    code: e.code(),
                    message: e.message(self.lang),
                }),
                Err(e) => on_event(&SyncEvent::MerchantFailed {
                    merchant: name.clone(),
                    code: e.code(),
                    message: e.message(self.lang),
                }),
            }
            outcomes.push(MerchantOutcome {
                merchant: name,
                result,
            });
        }
        Ok(outcomes)
    }

    fn now(&self) -> String {
        self.clock.now().to_rfc3339()
    }

    async fn sync_merchant(
        &mut self,
        merchant: &Merchant,
        options: &SyncOptions,
        on_event: &mut (dyn FnMut(&SyncEvent) + Send),
    ) -> Result<RunSummary, SyncError> {
        if self.store.on_server() {
            self.token_here(merchant).await?;
        }
        let _lock = self.lock(merchant)?;
        let desktop = crate::team::desktop_name(&self.lock_dir);
        let run_id = {
            let now = self.now();
            let tx = self.store.write()?;
            tx.runs().mark_interrupted(merchant.id, &now)?;
            let id = tx.runs().start_run(merchant.id, &now, &desktop)?;
            tx.commit().map_err(StoreError::from)?;
            id
        };
        let ceiling = options.ceiling.unwrap_or(DEFAULT_RUN_CEILING);
        let result = tokio::time::timeout(ceiling, self.fetch(merchant, run_id, options, on_event))
            .await
            .unwrap_or(Err(SyncError::TooLong(ceiling)));
        let now = self.now();
        let (outcome, code, message) = match &result {
            Ok(summary) if summary.incomplete() => (
                RunOutcome::Warning,
                Some(incomplete_code(summary)),
                Some(incomplete_message(summary, self.lang)),
            ),
            Ok(_) => (RunOutcome::Ok, None, None),
            Err(e) if e.is_skip() => (
                RunOutcome::Skipped,
                Some(e.code().as_str()),
                Some(e.message(self.lang)),
            ),
            Err(e) => (
                RunOutcome::Failed,
                Some(e.code().as_str()),
                Some(e.message(self.lang)),
            ),
        };
        let tx = self.store.write()?;
        if let Ok(summary) = &result {
            // The cursor moves only now, after every page and the balances are committed, and
            // never past a day that was not read cleanly.
            if let Some(cursor) = next_cursor(merchant.synced_through, summary) {
                tx.runs().set_cursor(merchant.id, cursor)?;
            }
        }
        tx.runs()
            .finish_run(run_id, outcome, code.zip(message.as_deref()), &now)?;
        tx.commit().map_err(StoreError::from)?;
        result
    }

    async fn fetch(
        &mut self,
        merchant: &Merchant,
        run_id: i64,
        options: &SyncOptions,
        on_event: &mut (dyn FnMut(&SyncEvent) + Send),
    ) -> Result<RunSummary, SyncError> {
        let secrets = Arc::clone(&self.secrets);
        let secret_ref = merchant.secret_ref.clone();
        let creds = tokio::task::spawn_blocking(move || secrets.load(&secret_ref))
            .await
            .map_err(|e| SecretError::Other(e.to_string()))??;
        tracing::debug!(merchant = %merchant.name, ?creds, "credentials loaded");
        let bank = self.client.check_open(&creds).await?;
        let to = bank.today.unwrap_or_else(|| self.clock.today_kyiv());
        let from = sync_start(merchant, options, to);
        self.store
            .runs()
            .set_range(run_id, &from.to_string(), &to.to_string())?;
        on_event(&SyncEvent::MerchantStarted {
            merchant: merchant.name.clone(),
            from,
            to,
        });

        let span = Span::Range {
            start: from,
            end: Some(to),
        };
        let summary = RunSummary {
            run_id,
            from,
            to,
            pages: 0,
            seen: 0,
            new: 0,
            updated: 0,
            rejected: 0,
            rejected_undated: 0,
            first_unread: None,
            mismatched_days: 0,
        };
        let mut reading = Reading {
            summary,
            rejected_days: BTreeSet::new(),
            rejected_rows: std::collections::HashSet::new(),
        };
        self.fetch_rows(merchant, &creds, span, &mut reading, on_event)
            .await?;

        let balances = self
            .client
            .balances(&creds, Some(&merchant.account), span)
            .collect()
            .await?;
        let days = {
            let now = self.now();
            let tx = self.store.write()?;
            let days = tx.ingest().upsert_balances(&balances, &now)?;
            tx.commit().map_err(StoreError::from)?;
            days
        };
        on_event(&SyncEvent::BalancesStored {
            merchant: merchant.name.clone(),
            days,
        });

        // Closed days whose rows do not add up to the bank's turnovers (a listing cut short, a
        // page lost): their span is read once more, then checked again. Days with rows the bank
        // sent unreadable are known to disagree and wait for the next runs.
        let mut mismatched = self.mismatched_days(&merchant.account, &balances, from, to)?;
        let to_reread: Vec<NaiveDate> = mismatched
            .iter()
            .filter(|d| !reading.rejected_days.contains(*d))
            .copied()
            .collect();
        if let (Some(&start), Some(&end)) = (to_reread.first(), to_reread.last()) {
            tracing::warn!(merchant = %merchant.name, days = to_reread.len(),
                "closed days disagree with the bank's turnovers; reading them again");
            let span = Span::Range {
                start,
                end: Some(end),
            };
            self.fetch_rows(merchant, &creds, span, &mut reading, on_event)
                .await?;
            mismatched = self.mismatched_days(&merchant.account, &balances, from, to)?;
        }
        let mut summary = reading.summary;
        summary.mismatched_days = mismatched.len();
        summary.first_unread = reading
            .rejected_days
            .iter()
            .chain(&mismatched)
            .min()
            .copied();
        Ok(summary)
    }

    /// Reads a listing page by page into the store. The next page is fetched while this one is
    /// stored: bank latency and SQLite work overlap. The channel holds one page, so memory stays
    /// bounded.
    async fn fetch_rows(
        &mut self,
        merchant: &Merchant,
        creds: &Credentials,
        span: Span,
        reading: &mut Reading,
        on_event: &mut (dyn FnMut(&SyncEvent) + Send),
    ) -> Result<(), SyncError> {
        let Reading {
            summary,
            rejected_days,
            rejected_rows,
        } = reading;
        let mut pager = self
            .client
            .transactions(creds, Some(&merchant.account), span);
        let (pages_tx, mut pages) = tokio::sync::mpsc::channel(1);
        let fetcher = tokio::spawn(async move {
            loop {
                let next = pager.next_page().await.transpose();
                let last = !matches!(next, Some(Ok(_)));
                if let Some(next) = next {
                    if pages_tx.send(next).await.is_err() {
                        return;
                    }
                }
                if last {
                    return;
                }
            }
        });
        let _stop_fetcher = AbortOnDrop(fetcher);
        while let Some(page) = pages.recv().await {
            let page = page?;
            let counts = {
                let now = self.now();
                let tx = self.store.write()?;
                let counts = tx.ingest().upsert_transactions(
                    merchant.id,
                    &merchant.account,
                    &page.items,
                    &now,
                )?;
                tx.ingest()
                    .keep_rejected(merchant.id, &page.rejected, &now)?;
                tx.runs()
                    .add_page(summary.run_id, counts, page.rejected.len())?;
                tx.commit().map_err(StoreError::from)?;
                counts
            };
            summary.pages += 1;
            add_counts(summary, counts);
            // A row read again (a repeated page, a day read twice) counts once.
            for row in page
                .rejected
                .iter()
                .filter(|r| rejected_rows.insert(r.raw.clone()))
            {
                summary.rejected += 1;
                match row.day {
                    Some(day) => {
                        rejected_days.insert(day);
                    }
                    None => summary.rejected_undated += 1,
                }
            }
            on_event(&SyncEvent::PageStored {
                merchant: merchant.name.clone(),
                page: summary.pages,
                rows: counts.seen,
                new: counts.new,
                updated: counts.updated,
                rejected: page.rejected.len(),
            });
        }
        Ok(())
    }

    /// The closed days of `account` in `from..=to` whose stored posted rows do not add up to the
    /// bank's turnovers for the day.
    fn mismatched_days(
        &self,
        account: &str,
        balances: &[Balance],
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<BTreeSet<NaiveDate>, SyncError> {
        let sums = self.store.statements().posted_day_sums(account, from, to)?;
        Ok(balances
            .iter()
            .filter(|b| b.account == account && b.is_final && b.day >= from && b.day <= to)
            .filter(|b| {
                let (credit, debit) = sums.get(&b.day).copied().unwrap_or_default();
                credit != minor_units(b.turnover_credit) || debit != minor_units(b.turnover_debit)
            })
            .map(|b| b.day)
            .collect())
    }

    /// A team's account is synced by the desktops that hold its token: one without it is put
    /// off quietly, naming who synced it last.
    async fn token_here(&mut self, merchant: &Merchant) -> Result<(), SyncError> {
        let secrets = Arc::clone(&self.secrets);
        let secret_ref = merchant.secret_ref.clone();
        let found = tokio::task::spawn_blocking(move || secrets.load(&secret_ref))
            .await
            .map_err(|e| SecretError::Other(e.to_string()))?;
        match found {
            Err(SecretError::Missing) => {
                let last = self
                    .store
                    .runs()
                    .last_run(merchant.id)?
                    .filter(|r| !r.desktop.is_empty())
                    .map(|r| (r.desktop, r.started_at));
                Err(SyncError::TokenElsewhere { last })
            }
            _ => Ok(()),
        }
    }

    /// The one run of an account at a time: on a team's server, the server's lock of the
    /// account, which every desktop sees; on this computer's file, an exclusive OS lock on
    /// `sync-<id>.lock`. Either is given back when dropped or when the process (or its session)
    /// ends, however it ends.
    fn lock(&self, merchant: &Merchant) -> Result<RunLock, SyncError> {
        if self.store.conn().dialect() == crate::store::db::Dialect::Postgres {
            return match self
                .store
                .conn()
                .try_server_lock(&format!("sync:{}", merchant.account))?
            {
                Some(lock) => Ok(RunLock::Server(lock)),
                // The run that holds it says who and since when.
                None => match self.store.runs().last_run(merchant.id)? {
                    Some(run) if run.outcome == crate::store::RunOutcome::Running => {
                        Err(SyncError::SyncedElsewhere {
                            desktop: run.desktop,
                            since: run.started_at,
                        })
                    }
                    _ => Err(SyncError::Busy),
                },
            };
        }
        self.lock_file(merchant).map(RunLock::File)
    }

    fn lock_file(&self, merchant: &Merchant) -> Result<File, SyncError> {
        let path = self.lock_dir.join(format!("sync-{}.lock", merchant.id));
        // A read-only or full disk is said as such; anything else names the lock file.
        let lock_err = |source: std::io::Error| match crate::store::io_trouble(&source) {
            Trouble::Other => SyncError::Lock {
                path: path.clone(),
                source,
            },
            _ => SyncError::Store(StoreError::Io {
                path: path.clone(),
                source,
            }),
        };
        std::fs::create_dir_all(&self.lock_dir).map_err(lock_err)?;
        let file = crate::store::lock_file(&path).map_err(lock_err)?;
        match file.try_lock() {
            Ok(()) => Ok(file),
            Err(TryLockError::WouldBlock) => Err(SyncError::Busy),
            Err(TryLockError::Error(e)) => Err(lock_err(e)),
        }
    }
}

/// What keeps other runs of an account out while one runs (held, never read).
#[allow(dead_code)]
enum RunLock {
    File(File),
    Server(crate::store::db::ServerLock),
}

/// What a run has read so far: its counts, and the rows the bank sent unreadable (each counted
/// once, however often it comes back) with their days.
struct Reading {
    summary: RunSummary,
    rejected_days: BTreeSet<NaiveDate>,
    rejected_rows: std::collections::HashSet<String>,
}

/// Stops a spawned task when the run ends early (an error while storing).
struct AbortOnDrop(tokio::task::JoinHandle<()>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// Where the cursor goes after a run: to the run's end, or before its first day not read
/// cleanly; nowhere (`None`: it stays) when a rejected row's day could not be told.
fn next_cursor(old: Option<NaiveDate>, summary: &RunSummary) -> Option<NaiveDate> {
    let mut cursor = summary.to;
    if let Some(day) = summary.first_unread {
        cursor = cursor.min(day - Duration::days(1));
    }
    if summary.rejected_undated > 0 {
        return old.map(|old| old.min(cursor));
    }
    Some(cursor)
}

fn incomplete_code(summary: &RunSummary) -> &'static str {
    if summary.rejected > 0 {
        "rows_rejected"
    } else {
        "day_incomplete"
    }
}

/// The warning of a run that left days to read again, in words.
pub fn incomplete_message(summary: &RunSummary, lang: Lang) -> String {
    let mut parts = Vec::new();
    if summary.rejected > 0 {
        let n = summary.rejected;
        parts.push(say!(
            lang,
            bank_sent_row_could,
            n,
            crate::i18n::plural_uk(n as u64, "рядок", "рядки", "рядків"),
            if n == 1 { "" } else { "s" }
        ));
    }
    if summary.mismatched_days > 0 {
        let n = summary.mismatched_days;
        parts.push(say!(
            lang,
            closed_day_rows_do,
            n,
            crate::i18n::plural_uk(n as u64, "закритий день", "закриті дні", "закритих днів"),
            if n == 1 { "" } else { "s" }
        ));
    }
    let again = match summary.first_unread {
        Some(day) => say!(lang, days_from_will_read, day.format("%d.%m.%Y")),
        None => say!(lang, those_days_will_read),
    };
    let mut text = parts.join("; ");
    text.push_str("; ");
    text.push_str(&again);
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect::<String>() + ".",
        None => text,
    }
}

fn add_counts(summary: &mut RunSummary, counts: UpsertCounts) {
    summary.seen += counts.seen;
    summary.new += counts.new;
    summary.updated += counts.updated;
}

/// The first day to fetch: the `--from` override, else the cursor minus the lookback, else the
/// merchant's first-sync start; never more than the bank's history back, never after `to`.
pub fn sync_start(merchant: &Merchant, options: &SyncOptions, to: NaiveDate) -> NaiveDate {
    let wanted = options
        .from
        .unwrap_or_else(|| match merchant.synced_through {
            Some(cursor) => cursor - Duration::days(i64::from(options.lookback_days)),
            None => merchant.sync_from,
        });
    wanted.max(to - Duration::days(MAX_HISTORY_DAYS)).min(to)
}

crate::error::user_error!(SyncError);

#[cfg(test)]
mod tests {
    use super::*;

    fn merchant(cursor: Option<&str>) -> Merchant {
        Merchant {
            id: 1,
            name: "m".into(),
            account: "UA".into(),
            currency: "UAH".into(),
            secret_ref: "x".into(),
            has_client_id: false,
            sync_from: "2026-10-01".parse().unwrap(),
            synced_through: cursor.map(|c| c.parse().unwrap()),
            created_at: String::new(),
            company_id: Some(1),
        }
    }

    #[test]
    fn the_start_follows_cursor_lookback_and_limits() {
        let to: NaiveDate = "2026-11-27".parse().unwrap();
        let opts = SyncOptions {
            lookback_days: 3,
            ..SyncOptions::default()
        };
        let start = |m: &Merchant, o: &SyncOptions| sync_start(m, o, to).to_string();
        assert_eq!(start(&merchant(None), &opts), "2026-10-01");
        assert_eq!(start(&merchant(Some("2026-11-20")), &opts), "2026-11-17");
        let from = SyncOptions {
            from: Some("2020-01-01".parse().unwrap()),
            ..opts.clone()
        };
        assert_eq!(start(&merchant(Some("2026-11-20")), &from), "2023-11-28");
        let future = SyncOptions {
            from: Some("2027-01-01".parse().unwrap()),
            ..opts
        };
        assert_eq!(start(&merchant(None), &future), "2026-11-27");
    }
}
