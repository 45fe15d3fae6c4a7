//! What the web view may ask of the backend: short adapters from IPC to `vypyska-core`.
//! Every failure crosses as `{code, message}` in the user's language; no reply carries a token.

mod app;
mod companies;
mod ledger;
mod merchants;
mod notices;
mod settings;
mod statements;
mod sync;
mod team;

use serde::Serialize;
use specta::Type;
use vypyska_core::{Code, UserError};

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

/// The command set and events, for Tauri and for the TypeScript bindings.
pub fn specta_builder() -> tauri_specta::Builder<tauri::Wry> {
    tauri_specta::Builder::<tauri::Wry>::new()
        .commands(tauri_specta::collect_commands![
            app::app_info,
            app::restore_backup,
            app::dismiss_recovery,
            merchants::list_merchants,
            merchants::check_connection,
            merchants::add_merchant,
            merchants::replace_token,
            merchants::rename_merchant,
            merchants::remove_merchant,
            statements::list_statements,
            statements::get_statement,
            statements::statement_summary,
            statements::statement_fields,
            sync::sync_now,
            sync::sync_state,
            sync::sync_runs,
            settings::get_settings,
            settings::save_settings,
            app::set_demo,
            companies::list_companies,
            companies::save_company,
            companies::company_settings,
            companies::save_company_setting,
            ledger::list_invoices,
            ledger::save_invoice,
            ledger::import_invoices,
            ledger::cancel_invoice,
            ledger::invoice_payments,
            ledger::invoice_payment_code,
            ledger::allocate_payment,
            ledger::unallocate_payment,
            ledger::run_allocation,
            ledger::review_queue,
            ledger::accept_suggestion,
            ledger::reject_suggestion,
            ledger::list_categories,
            ledger::change_categories,
            ledger::apply_rules,
            ledger::set_category,
            notices::list_notices,
            notices::mark_notices_read,
            notices::list_employees,
            notices::save_employee,
            notices::remove_employee,
            notices::send_test_email,
            notices::set_smtp_password,
            team::team_status,
            team::create_team,
            team::join_team,
            team::leave_team,
        ])
        .events(tauri_specta::collect_events![
            crate::state::SyncProgress,
            crate::state::SyncFinished,
            crate::state::Navigate,
            crate::state::NoticesChanged,
            crate::state::BooksChanged,
            crate::state::TeamServer
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
    include!("names.rs");

    /// The commands the window calls (the bindings), the commands it is allowed to call (the
    /// capability written by `build.rs`) and the list in `names.rs` are the same.
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
        assert_eq!(invoked, listed, "collect_commands! and ipc/names.rs differ");
        let capability = include_str!("../capabilities/main.json");
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
