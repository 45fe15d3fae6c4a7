/// The app's own commands, declared so the capability files can grant them one by one.
const COMMANDS: &[&str] = &[
    "app_info",
    "restore_backup",
    "dismiss_recovery",
    "list_merchants",
    "check_connection",
    "add_merchant",
    "replace_token",
    "rename_merchant",
    "remove_merchant",
    "list_statements",
    "get_statement",
    "statement_summary",
    "statement_fields",
    "sync_now",
    "sync_state",
    "sync_runs",
    "get_settings",
    "save_settings",
    "set_demo",
    "list_invoices",
    "save_invoice",
    "import_invoices",
    "cancel_invoice",
    "invoice_payments",
    "allocate_payment",
    "unallocate_payment",
    "run_allocation",
    "review_queue",
    "accept_suggestion",
    "reject_suggestion",
    "list_categories",
    "change_categories",
    "apply_rules",
    "set_category",
    "list_notices",
    "mark_notices_read",
    "list_employees",
    "save_employee",
    "remove_employee",
    "send_test_email",
    "set_smtp_password",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .capabilities_path_pattern("src-tauri/capabilities/*.json")
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build step");
}
