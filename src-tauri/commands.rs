//! What the web view may ask of the backend: short adapters from IPC to `vypyska-core`.
//! Every failure crosses as `{code, message}` in the user's language; no reply carries a token.

use std::collections::BTreeMap;
use vypyska_core::store::Tables;

use chrono::NaiveDate;
use privat24::{Credentials, Direction, State as RowState, Token};
use serde::{Deserialize, Serialize};
use specta::Type;
use tauri::{AppHandle, State};
use vypyska_core::merchants::{self, Merchant, NewMerchant};
use vypyska_core::settings::Settings;
use vypyska_core::store::query::{PeriodBalance, StatementFilter};
use vypyska_core::store::{BalanceRow, RunRecord, StatementRow, Totals};
use vypyska_core::{validate, Code, SystemClock, UserError};

use crate::app::Shared;

/// A failure as the UI shows it: a stable code for logic and tests (the core's one list,
/// [`Code`]), a message for people in the UI's language. Any error a person sees becomes one
/// with `?`.
#[derive(Debug, Clone, Serialize, Type, thiserror::Error)]
#[error("{code:?}: {message}")]
pub struct CommandError {
    pub code: Code,
    pub message: String,
}

impl CommandError {
    pub(crate) fn new(code: Code, message: String) -> Self {
        CommandError { code, message }
    }
}

impl<E: UserError> From<E> for CommandError {
    fn from(e: E) -> Self {
        CommandError::new(e.code(), e.message(crate::session::ui_lang()))
    }
}

pub(crate) type Reply<T> = Result<T, CommandError>;

#[derive(Debug, Clone, Serialize, Type)]
pub struct AppInfo {
    pub version: String,
    pub demo: bool,
    pub language: String,
    pub merchants: u32,
    /// Where to open (a notification clicked while the app was not running), once.
    pub open: Option<vypyska_core::notifications::Target>,
    /// A damaged database found at start: what to tell the owner and offer.
    pub recovery: Option<RecoveryView>,
}

/// The damaged database set aside at start, and the backup that could replace it.
#[derive(Debug, Clone, Serialize, Type)]
pub struct RecoveryView {
    /// Where the damaged file was kept.
    pub kept: String,
    /// The day of the newest sound automatic backup, when there is one.
    pub backup_day: Option<String>,
}

#[tauri::command]
#[specta::specta]
pub async fn app_info(shared: State<'_, Shared>) -> Reply<AppInfo> {
    // The window asks this first, once its UI is up: the start-up benchmark waits for this line.
    tracing::info!("window ready");
    let session = shared.session().await;
    let db = session.db.lock().await;
    let lang = Settings::load(db.conn()).unwrap_or_default().language;
    let count = merchants::list(db.conn())
        .map(|m| m.len() as u32)
        .unwrap_or(0);
    let recovery = session
        .recovery
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .as_ref()
        .map(|r| RecoveryView {
            kept: r.kept.display().to_string(),
            backup_day: r.backup.as_ref().map(|b| b.0.to_string()),
        });
    Ok(AppInfo {
        version: env!("CARGO_PKG_VERSION").into(),
        demo: session.demo,
        language: lang,
        merchants: count,
        open: shared
            .pending
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take(),
        recovery,
    })
}

/// Replaces the empty database that stood in for a damaged one with the newest sound automatic
/// backup; the sync waits meanwhile.
#[tauri::command]
#[specta::specta]
pub async fn restore_backup(app: AppHandle, shared: State<'_, Shared>) -> Reply<AppInfo> {
    let session = shared.session().await;
    let lang = crate::session::ui_lang();
    let backup = session
        .recovery
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .as_ref()
        .and_then(|r| r.backup.clone());
    let Some((day, path)) = backup else {
        return Err(CommandError::new(
            Code::NotFound,
            lang.pick(
                "Автоматичної резервної копії немає.",
                "There is no automatic backup.",
            )
            .to_owned(),
        ));
    };
    {
        let _sync = session.syncer.lock().await;
        let mut db = session.db.lock().await;
        vypyska_core::store::recovery::restore(&mut db, &path)?;
    }
    tracing::warn!(%day, "database restored from the automatic backup");
    *session.recovery.lock().unwrap_or_else(|e| e.into_inner()) = None;
    let settings = session.settings().await;
    shared.settings_changed(&app, &settings).await;
    drop(session);
    app_info(shared).await
}

/// Goes on with the empty database (the damaged file stays kept).
#[tauri::command]
#[specta::specta]
pub async fn dismiss_recovery(shared: State<'_, Shared>) -> Reply<AppInfo> {
    *shared
        .session()
        .await
        .recovery
        .lock()
        .unwrap_or_else(|e| e.into_inner()) = None;
    app_info(shared).await
}

/// A merchant with how its syncing goes.
#[derive(Debug, Clone, Serialize, Type)]
pub struct MerchantView {
    pub merchant: Merchant,
    pub last_run: Option<RunRecord>,
    pub balance: Option<BalanceRow>,
}

#[tauri::command]
#[specta::specta]
pub async fn list_merchants(shared: State<'_, Shared>) -> Reply<Vec<MerchantView>> {
    let session = shared.session().await;
    let db = session.db.lock().await;
    let list = merchants::list(db.conn())?;
    let balances = db.statements().latest_balances(None)?;
    list.into_iter()
        .map(|m| {
            let last_run = db.runs().last_run(m.id)?;
            let balance = balances.iter().find(|b| b.account == m.account).cloned();
            Ok(MerchantView {
                merchant: m,
                last_run,
                balance,
            })
        })
        .collect()
}

/// The add form. The token only ever travels this way: from the web view to the keyring.
#[derive(Deserialize, Type)]
pub struct MerchantInput {
    pub name: String,
    pub account: String,
    pub currency: String,
    pub client_id: Option<String>,
    pub token: String,
}

impl std::fmt::Debug for MerchantInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MerchantInput")
            .field("name", &self.name)
            .field("account", &self.account)
            .field("currency", &self.currency)
            .finish_non_exhaustive()
    }
}

/// Checks the fields and asks the bank whether the token sees the account, saving nothing.
#[tauri::command]
#[specta::specta]
pub async fn check_connection(shared: State<'_, Shared>, input: MerchantInput) -> Reply<()> {
    let session = shared.session().await;
    validate::name(&input.name)?;
    let account = validate::iban(&input.account)?;
    let currency = validate::currency(&input.currency)?;
    if input.token.trim().is_empty() {
        return Err(validate::Invalid::EmptyToken.into());
    }
    let creds = Credentials {
        token: Token::new(input.token.trim()),
        client_id: input.client_id.filter(|c| !c.trim().is_empty()),
    };
    Ok(merchants::check_credentials(&session.client, &creds, &account, &currency).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn add_merchant(shared: State<'_, Shared>, input: MerchantInput) -> Reply<Merchant> {
    let session = shared.session().await;
    let mut db = session.db.lock().await;
    let added = merchants::add(
        &mut db,
        session.secrets.as_ref(),
        &session.client,
        &SystemClock,
        NewMerchant {
            name: input.name,
            account: input.account,
            currency: input.currency,
            client_id: input.client_id,
            token: Token::new(input.token),
            sync_from: None,
        },
    )
    .await?;
    drop(db);
    // A new merchant's statements are wanted now, not at the next scheduled time.
    shared.sync_now.notify_one();
    Ok(added)
}

#[tauri::command]
#[specta::specta]
pub async fn replace_token(
    shared: State<'_, Shared>,
    name: String,
    client_id: Option<String>,
    token: String,
) -> Reply<Merchant> {
    let session = shared.session().await;
    let mut db = session.db.lock().await;
    Ok(merchants::replace_token(
        &mut db,
        session.secrets.as_ref(),
        &session.client,
        &name,
        client_id,
        Token::new(token),
    )
    .await?)
}

#[tauri::command]
#[specta::specta]
pub async fn rename_merchant(
    shared: State<'_, Shared>,
    name: String,
    new_name: String,
) -> Reply<Merchant> {
    let session = shared.session().await;
    let mut db = session.db.lock().await;
    Ok(merchants::rename(&mut db, &name, &new_name)?)
}

#[tauri::command]
#[specta::specta]
pub async fn remove_merchant(
    shared: State<'_, Shared>,
    name: String,
    delete_statements: bool,
) -> Reply<()> {
    let session = shared.session().await;
    // Not while its sync runs: take the sync side first.
    let _sync = session.syncer.lock().await;
    let mut db = session.db.lock().await;
    Ok(
        merchants::remove(&mut db, session.secrets.as_ref(), &name, delete_statements)
            .map(|_| ())?,
    )
}

/// The statements screen's filters. Dates are `YYYY-MM-DD` (value dates, Kyiv).
#[derive(Debug, Clone, Default, Deserialize, Type)]
pub struct StatementQuery {
    pub merchant: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    /// `in` or `out`.
    pub direction: Option<String>,
    /// `pending`, `posted`, `reversed` or `rejected`.
    pub state: Option<String>,
    pub search: Option<String>,
    pub allocated: Option<bool>,
    /// An expense category's name.
    pub category: Option<String>,
}

/// Where the next page starts: the last row's position.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, Type)]
pub struct Cursor {
    pub ts: i64,
    pub id: i64,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct StatementPage {
    pub rows: Vec<StatementRow>,
    /// `None` on the last page.
    pub next: Option<Cursor>,
}

impl StatementQuery {
    fn filter(&self) -> Reply<StatementFilter> {
        let date = |s: &Option<String>| -> Reply<Option<NaiveDate>> {
            match s.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
                None => Ok(None),
                Some(s) => Ok(vypyska_core::parse::date(s).map(Some)?),
            }
        };
        let nonempty = |s: &Option<String>| {
            s.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
        };
        Ok(StatementFilter {
            merchant: nonempty(&self.merchant),
            from: date(&self.from)?,
            to: date(&self.to)?,
            direction: nonempty(&self.direction).and_then(|d| Direction::parse(&d)),
            state: nonempty(&self.state).and_then(|s| RowState::parse(&s)),
            search: nonempty(&self.search),
            allocated: self.allocated,
            category: nonempty(&self.category),
            id: None,
            limit: None,
            before: None,
        })
    }
}

/// One page of statements, newest first; pass `after` from the previous page for the next.
#[tauri::command]
#[specta::specta]
pub async fn list_statements(
    shared: State<'_, Shared>,
    query: StatementQuery,
    after: Option<Cursor>,
    limit: u32,
) -> Reply<StatementPage> {
    let session = shared.session().await;
    let db = session.db.lock().await;
    let limit = limit.clamp(1, 1000);
    let filter = StatementFilter {
        limit: Some(limit),
        before: after.map(|c| (c.ts, c.id)),
        ..query.filter()?
    };
    let rows = db.statements().statements(&filter)?;
    let next = (rows.len() == limit as usize)
        .then(|| {
            rows.last().map(|r| Cursor {
                ts: r.posted_ts,
                id: r.id,
            })
        })
        .flatten();
    Ok(StatementPage { rows, next })
}

/// One statement as the list shows it (a notification opens the app on it).
#[tauri::command]
#[specta::specta]
pub async fn get_statement(shared: State<'_, Shared>, id: i64) -> Reply<StatementRow> {
    let session = shared.session().await;
    let (db, lang) = session.db_and_lang().await;
    let filter = StatementFilter {
        id: Some(id),
        ..StatementFilter::default()
    };
    db.statements().statements(&filter)?.pop().ok_or_else(|| {
        CommandError::new(
            Code::NotFound,
            lang.pick("Запис не знайдено.", "No such statement."),
        )
    })
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct Summary {
    pub totals: Totals,
    pub balances: Vec<PeriodBalance>,
}

/// Totals of the whole filtered set and each account's opening and closing balance for the period.
#[tauri::command]
#[specta::specta]
pub async fn statement_summary(shared: State<'_, Shared>, query: StatementQuery) -> Reply<Summary> {
    let session = shared.session().await;
    let db = session.db.lock().await;
    let filter = query.filter()?;
    let totals = db.statements().totals(&filter)?;
    let balances =
        db.statements()
            .period_balances(filter.merchant.as_deref(), filter.from, filter.to)?;
    Ok(Summary { totals, balances })
}

/// Every field the bank sent for a statement, as a JSON object.
#[tauri::command]
#[specta::specta]
pub async fn statement_fields(
    shared: State<'_, Shared>,
    id: i64,
) -> Reply<BTreeMap<String, String>> {
    let session = shared.session().await;
    let (db, lang) = session.db_and_lang().await;
    let raw = db.statements().statement_raw(id)?.ok_or_else(|| {
        CommandError::new(
            Code::NotFound,
            lang.pick("Запис не знайдено.", "No such statement."),
        )
    })?;
    let value: serde_json::Value = serde_json::from_str(&raw).unwrap_or_default();
    let fields = value
        .as_object()
        .map(|o| {
            o.iter()
                .map(|(k, v)| {
                    let text = match v {
                        serde_json::Value::String(s) => s.clone(),
                        other => other.to_string(),
                    };
                    (k.clone(), text)
                })
                .collect()
        })
        .unwrap_or_default();
    Ok(fields)
}

/// Asks the background timer to sync now; progress arrives as `SyncProgress` events.
#[tauri::command]
#[specta::specta]
pub async fn sync_now(shared: State<'_, Shared>) -> Reply<()> {
    shared.sync_now.notify_one();
    Ok(())
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct SyncState {
    pub running: bool,
    /// The tray's status line: the last run's outcome in words.
    pub status: String,
}

#[tauri::command]
#[specta::specta]
pub async fn sync_state(shared: State<'_, Shared>) -> Reply<SyncState> {
    Ok(shared.sync_state())
}

#[tauri::command]
#[specta::specta]
pub async fn sync_runs(shared: State<'_, Shared>, limit: u32) -> Reply<Vec<RunRecord>> {
    let session = shared.session().await;
    let db = session.db.lock().await;
    Ok(db.runs().recent_runs(None, limit.clamp(1, 1000))?)
}

#[tauri::command]
#[specta::specta]
pub async fn get_settings(shared: State<'_, Shared>) -> Reply<Settings> {
    Ok(shared.session().await.settings().await)
}

/// Saves the changed settings (key → value, as `vypyska settings set` takes them), all or none.
#[tauri::command]
#[specta::specta]
pub async fn save_settings(
    app: AppHandle,
    shared: State<'_, Shared>,
    changes: BTreeMap<String, String>,
) -> Reply<Settings> {
    let session = shared.session().await;
    let mut db = session.db.lock().await;
    let changes: Vec<(String, String)> = changes.into_iter().collect();
    let saved = Settings::set_many(&mut db, &changes)?;
    drop(db);
    shared.settings_changed(&app, &saved).await;
    Ok(saved)
}

/// Switches to the demo (the simulated bank and its own database) or back to the real data.
#[tauri::command]
#[specta::specta]
pub async fn set_demo(app: AppHandle, shared: State<'_, Shared>, on: bool) -> Reply<AppInfo> {
    let lang = crate::session::ui_lang();
    shared.switch(&app, on).await.map_err(|e| {
        CommandError::new(
            Code::Demo,
            lang.pick(
                format!("Не вдалося перемкнутися: {e}"),
                format!("Could not switch: {e}"),
            ),
        )
    })?;
    app_info(shared).await
}

/// The command set and events, for Tauri and for the TypeScript bindings.
pub fn specta_builder() -> tauri_specta::Builder<tauri::Wry> {
    tauri_specta::Builder::<tauri::Wry>::new()
        .commands(tauri_specta::collect_commands![
            app_info,
            restore_backup,
            dismiss_recovery,
            list_merchants,
            check_connection,
            add_merchant,
            replace_token,
            rename_merchant,
            remove_merchant,
            list_statements,
            get_statement,
            statement_summary,
            statement_fields,
            sync_now,
            sync_state,
            sync_runs,
            get_settings,
            save_settings,
            set_demo,
            crate::ledger::list_invoices,
            crate::ledger::save_invoice,
            crate::ledger::import_invoices,
            crate::ledger::cancel_invoice,
            crate::ledger::invoice_payments,
            crate::ledger::allocate_payment,
            crate::ledger::unallocate_payment,
            crate::ledger::run_allocation,
            crate::ledger::review_queue,
            crate::ledger::accept_suggestion,
            crate::ledger::reject_suggestion,
            crate::ledger::list_categories,
            crate::ledger::change_categories,
            crate::ledger::apply_rules,
            crate::ledger::set_category,
            crate::notices::list_notices,
            crate::notices::mark_notices_read,
            crate::notices::list_employees,
            crate::notices::save_employee,
            crate::notices::remove_employee,
            crate::notices::send_test_email,
            crate::notices::set_smtp_password,
        ])
        .events(tauri_specta::collect_events![
            crate::app::SyncProgress,
            crate::app::SyncFinished,
            crate::app::Navigate,
            crate::app::NoticesChanged
        ])
        .typ::<vypyska_core::settings::SettingSpec>()
        .constant("SETTINGS", vypyska_core::settings::SPEC)
        .dangerously_cast_bigints_to_number()
        .disable_serde_phases()
}

/// The bindings the UI imports; a test keeps the committed file equal to what this makes.
pub const BINDINGS_PATH: &str = "ui/src/bindings.ts";

pub fn export_bindings(path: &std::path::Path) -> Result<(), String> {
    specta_builder()
        .export(
            specta_typescript::Typescript::default().header("// @ts-nocheck\n"),
            path,
        )
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    include!("ipc_commands.rs");

    /// The commands the window calls (the bindings), the commands it is allowed to call (the
    /// capability written by `build.rs`) and the list in `ipc_commands.rs` are the same.
    #[test]
    fn the_one_command_list_is_what_the_window_calls_and_may_call() {
        use std::collections::BTreeSet;
        let listed: BTreeSet<String> = COMMANDS.iter().map(|c| c.to_string()).collect();
        let dir = tempfile::tempdir().unwrap();
        let fresh = dir.path().join("bindings.ts");
        super::export_bindings(&fresh).unwrap();
        let bindings = std::fs::read_to_string(&fresh).unwrap();
        let invoked: BTreeSet<String> = bindings
            .split("TAURI_INVOKE(\"")
            .skip(1)
            .filter_map(|rest| rest.split('"').next())
            .map(str::to_owned)
            .collect();
        assert_eq!(
            invoked, listed,
            "collect_commands! and ipc_commands.rs differ"
        );
        let capability = include_str!("capabilities/main.json");
        let granted: BTreeSet<String> = capability
            .split("\"allow-")
            .skip(1)
            .filter_map(|rest| rest.split('"').next())
            .map(|p| p.replace('-', "_"))
            .collect();
        assert_eq!(granted, listed, "the capability is not the list");
    }

    #[test]
    fn committed_bindings_match_the_commands() {
        let dir = tempfile::tempdir().unwrap();
        let fresh = dir.path().join("bindings.ts");
        super::export_bindings(&fresh).unwrap();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let committed =
            std::fs::read_to_string(root.join(super::BINDINGS_PATH)).unwrap_or_default();
        assert!(
            std::fs::read_to_string(&fresh).unwrap() == committed,
            "ui/src/bindings.ts is stale: run `cargo run -- export-bindings`"
        );
    }
}
