//! Every message in English: the catalog a translator reads and edits.
//!
//! One function per message, in the order of the code that says it; the other language's file
//! has the same functions (a message missing in one is a compile error). Placeholders are the
//! values the message names.

use std::fmt::Display;

// core: bank/merchants.rs

pub fn name_taken_choose_another(n: &dyn Display) -> String {
    format!("The name \"{n}\" is taken: choose another.")
}

pub fn account_added_already_as(a: &dyn Display, n: &dyn Display) -> String {
    format!("Account {a} is added already as \"{n}\".")
}

pub fn there_no_merchant_named(n: &dyn Display) -> String {
    format!("There is no merchant named \"{n}\". See the list: vypyska merchant list")
}

pub fn bank_accepted_token_but(a: &dyn Display) -> String {
    format!("The bank accepted the token, but account {a} is not among its accounts. Check the account number or the token.")
}

pub fn account_held_bank_not(
    account: &dyn Display,
    bank: &dyn Display,
    given: &dyn Display,
) -> String {
    format!("Account {account} is held in {bank} at the bank, not {given}.")
}

// core: bank/secrets.rs

pub fn system_password_store_not() -> String {
    "The system password store is not available (Secret Service / Keychain / Credential Manager). The token was not saved: log in to a desktop session or start gnome-keyring and try again.".to_owned()
}

pub fn system_password_store_locked() -> String {
    "The system password store is locked. Unlock it (log in) and try again.".to_owned()
}

pub fn account_s_token_missing() -> String {
    "This account's token is missing from the password store. Enter the token again.".to_owned()
}

pub fn password_store_error(detail: &dyn Display) -> String {
    format!("Password store error: {detail}")
}

// core: bank/sync.rs

pub fn account_being_synced_another() -> String {
    "This account is being synced by another process; skipped.".to_owned()
}

pub fn synced_by_another_desktop(desktop: &dyn Display, since: &dyn Display) -> String {
    format!("«{desktop}» is syncing this account (since {since}); skipped.")
}

pub fn token_on_another_desktop() -> String {
    "This computer holds no token of this account: a team computer that holds it syncs it; skipped."
        .to_owned()
}

pub fn token_on_another_desktop_last(desktop: &dyn Display, at: &dyn Display) -> String {
    format!("This computer holds no token of this account: a team computer that holds it syncs it (last: «{desktop}», {at}); skipped.")
}

pub fn employee_unknown_kind(word: &dyn Display) -> String {
    format!(
        "Unknown: «{word}»; use payments, invoices, review or trouble (comma separated), or none."
    )
}

pub fn employee_name_taken(name: &dyn Display) -> String {
    format!("There is an employee «{name}» already.")
}

pub fn employee_every_company() -> String {
    "every company".to_owned()
}

pub fn cannot_create_lock_file(path: &dyn Display, source: &dyn Display) -> String {
    format!("Cannot create the lock file {path}: {source}")
}

pub fn sync_did_not_finish(limit: &dyn Display) -> String {
    format!(
        "The sync did not finish within {limit} min: the bank answered too slowly. What \
                     arrived is saved; the next sync goes on from there."
    )
}

pub fn bank_sent_row_could(n: &dyn Display, _noun: &dyn Display, choice: &dyn Display) -> String {
    format!("the bank sent {n} row{choice} that could not be read (kept as sent)")
}

pub fn closed_day_rows_do(n: &dyn Display, _noun: &dyn Display, choice: &dyn Display) -> String {
    format!("on {n} closed day{choice} the rows do not add up to the bank's turnovers")
}

pub fn days_from_will_read(day: &dyn Display) -> String {
    format!("the days from {day} will be read again by the next syncs")
}

pub fn those_days_will_read() -> String {
    "those days will be read again by the next syncs".to_owned()
}

// core: error.rs

pub fn disk_full_new_data(_error: &dyn Display, error2: &dyn Display) -> String {
    format!(
        "The disk is full ({error2}): new data was not saved, what was saved before \
                     is intact. Free some disk space and try again."
    )
}

pub fn data_folder_read_only(_error: &dyn Display, error2: &dyn Display) -> String {
    format!(
        "The data folder is read-only ({error2}): new data was not saved, what was \
                     saved before is intact. Make the data folder writable and try again."
    )
}

pub fn database_file_damaged_restore(_error: &dyn Display, error2: &dyn Display) -> String {
    format!(
        "The database file is damaged ({error2}). Restore the latest automatic \
                     backup: in the app or with `vypyska restore`."
    )
}

pub fn database_made_newer_vypyska(error: &dyn Display) -> String {
    format!("The database was made by a newer Vypyska ({error}). Update the program.")
}

pub fn database_error_data_stored(error: &dyn Display) -> String {
    format!("Database error: {error}. Data stored before is not lost.")
}

// core: i18n.rs

pub fn bank_rejected_token_http() -> String {
    "The bank rejected the token (HTTP 401). Create a new token in Privat24 for Business → Autoclient → API and replace it.".to_owned()
}

pub fn autoclient_switched_off_ip() -> String {
    "Autoclient is switched off or this IP address is not allowed (HTTP 403). Switch Autoclient on in Privat24 for Business.".to_owned()
}

pub fn bank_running_maintenance_sync() -> String {
    "The bank is running maintenance. The sync will be tried again later.".to_owned()
}

pub fn bank_limited_request_rate() -> String {
    "The bank limited the request rate (HTTP 429). Try again a little later.".to_owned()
}

pub fn bank_s_server_failing(status: &dyn Display) -> String {
    format!("The bank's server is failing (HTTP {status}). Try again later; no data was lost.")
}

pub fn bank_refused_request_http(status: &dyn Display, message: &dyn Display) -> String {
    format!("The bank refused the request (HTTP {status}): {message}")
}

pub fn bank_sent_reply_could(reason: &dyn Display) -> String {
    format!("The bank sent a reply that could not be read ({reason}). Try again later.")
}

pub fn bank_not_answering_request() -> String {
    "The bank is not answering: the request was sent but no reply came in time. The sync will be tried again later; no data was lost.".to_owned()
}

pub fn bank_sent_reply_larger(limit: &dyn Display) -> String {
    format!("The bank sent a reply larger than {limit} MB, bigger than any statement page; it was not read. Try again later; if it happens again, contact the bank's support.")
}

pub fn must_latin_letters_digits(_uk: &dyn Display, en: &dyn Display) -> String {
    format!("The {en} must be Latin letters, digits and signs, without spaces, at most 4096 characters; this one is not, so it was not sent to the bank. Copy it again from Privat24 for Business → Autoclient.")
}

pub fn cannot_reach_bank_check(_network_cause_uk: &dyn Display, reason: &dyn Display) -> String {
    format!("Cannot reach the bank ({reason}). Check the internet connection and try again.")
}

pub fn bank_address_not_allowed(
    url: &dyn Display,
    _choice: &dyn Display,
    reason: &dyn Display,
) -> String {
    format!("The bank address {url} is not allowed: {reason}.")
}

// core: ledger/allocation/mod.rs

pub fn no_payment(k: &dyn Display) -> String {
    format!("No payment {k}.")
}

pub fn no_invoice(n: &dyn Display) -> String {
    format!("No invoice {n}.")
}

pub fn only_posted_incoming_payment() -> String {
    "Only a posted incoming payment can pay an invoice.".to_owned()
}

pub fn payment_has_left_allocate(money: &dyn Display, money2: &dyn Display) -> String {
    format!("The payment has {money} left to allocate, not {money2}.")
}

pub fn payment_not_allocated() -> String {
    "This payment is not allocated.".to_owned()
}

pub fn invoice_cancelled_no_payment(n: &dyn Display) -> String {
    format!("Invoice {n} is cancelled: no payment can go to it.")
}

pub fn invoice_payment_they_must(invoice: &dyn Display, payment: &dyn Display) -> String {
    format!("The invoice is in {invoice} and the payment in {payment}: they must match.")
}

pub fn payment_no_longer_review() -> String {
    "This payment is no longer in the review queue.".to_owned()
}

// core: ledger/categories.rs

pub fn give_category_name() -> String {
    "Give the category a name.".to_owned()
}

pub fn category_exists_already(n: &dyn Display) -> String {
    format!("Category \"{n}\" exists already.")
}

pub fn no_category(n: &dyn Display) -> String {
    format!("No category \"{n}\".")
}

pub fn no_rule(id: &dyn Display) -> String {
    format!("No rule {id}.")
}

pub fn rule_pattern_empty() -> String {
    "Say what to look for (a code, an account, a name or words of the purpose).".to_owned()
}

pub fn regular_expression_wrong(e: &dyn Display) -> String {
    format!("The regular expression is wrong: {e}")
}

pub fn no_payment_id(id: &dyn Display) -> String {
    format!("No payment {id}.")
}

pub fn only_outgoing_payment_has() -> String {
    "Only an outgoing payment has an expense category.".to_owned()
}

// core: ledger/invoice_import.rs

pub fn header_has_no_number() -> String {
    "The header has no \"number\" or \"amount\" column.".to_owned()
}

pub fn import_no_number() -> String {
    "no number".to_owned()
}

pub fn number_repeats_file() -> String {
    "the number repeats in the file".to_owned()
}

pub fn invoice_saved_already(number: &dyn Display) -> String {
    format!("invoice {number} is saved already")
}

pub fn unknown_currency(currency: &dyn Display) -> String {
    format!("unknown currency \"{currency}\"")
}

pub fn import_due_date_problem(e: &dyn Display) -> String {
    format!("due date: {e}")
}

pub fn nothing_imported() -> String {
    "nothing was imported".to_owned()
}

pub fn file_has_bad_rows(rows: &dyn Display, nothing: &dyn Display) -> String {
    format!("the file has {rows} bad rows; {nothing}")
}

pub fn import_row_word() -> String {
    "line".to_owned()
}

// core: ledger/invoices.rs

pub fn give_invoice_number() -> String {
    "Give the invoice number.".to_owned()
}

pub fn due_date_before_invoice() -> String {
    "The due date is before the invoice date: check the dates.".to_owned()
}

pub fn amount_must_above_zero() -> String {
    "The amount must be above zero, below a trillion, in whole cents.".to_owned()
}

pub fn invoice_exists_already(n: &dyn Display) -> String {
    format!("Invoice {n} exists already.")
}

// core: notices/email.rs

pub fn no_mail_server_set() -> String {
    "No mail server is set up: give the SMTP server and the sender address.".to_owned()
}

pub fn without_encryption_none_only() -> String {
    "Without encryption (none) only to this computer: choose starttls or tls.".to_owned()
}

pub fn address_wrong(a: &dyn Display) -> String {
    format!("The address \"{a}\" is wrong.")
}

pub fn email_not_sent_check(e: &dyn Display) -> String {
    format!("The email was not sent: {e}. Check the mail settings.")
}

pub fn vypyska_mail_test() -> String {
    "Vypyska: mail test".to_owned()
}

pub fn mail_set_up_notices() -> String {
    "Mail is set up: notices about payments will arrive here.".to_owned()
}

pub fn vypyska_new_notices(many: &dyn Display) -> String {
    format!("Vypyska: {many} new notices")
}

// core: notices/notifications.rs

pub fn invoices_paid(n: &dyn Display) -> String {
    format!("Invoices paid: {n}")
}

pub fn payments_review(n: &dyn Display) -> String {
    format!("Payments to review: {n}")
}

pub fn details_are_app() -> String {
    "The details are in the app.".to_owned()
}

pub fn new_incoming_payments(n: &dyn Display) -> String {
    format!("New incoming payments: {n}")
}

pub fn incoming_total(total: &dyn Display) -> String {
    format!("{total} in total.")
}

pub fn payment_from(payer: &dyn Display) -> String {
    format!("from {payer}")
}

pub fn payment_received(money: &dyn Display) -> String {
    format!("Payment received: {money}")
}

pub fn invoice_paid(number: &dyn Display) -> String {
    format!("Invoice {number} is paid")
}

pub fn invoice_paid_body(customer: &dyn Display, amount: &dyn Display) -> String {
    format!("{customer}: {amount} in full.")
}

pub fn payment_awaits_review() -> String {
    "A payment awaits review".to_owned()
}

pub fn from_fits_invoices_pick(
    amount: &dyn Display,
    payer: &dyn Display,
    n: &dyn Display,
) -> String {
    format!("{amount} from {payer} fits {n} invoices: pick the right one.")
}

pub fn statement_arrived_incomplete(name: &dyn Display) -> String {
    format!("\"{name}\": the statement arrived incomplete")
}

pub fn bank_refuses_credentials(name: &dyn Display) -> String {
    format!("\"{name}\": the bank refuses the credentials")
}

pub fn sync_failed_times_row(name: &dyn Display, repeated: &dyn Display) -> String {
    format!("\"{name}\": sync failed {repeated} times in a row")
}

pub fn bank_maintenance_long(name: &dyn Display) -> String {
    format!("\"{name}\": the bank is in maintenance for long")
}

pub fn give_name() -> String {
    "Give a name.".to_owned()
}

pub fn does_not_look_like(e: &dyn Display) -> String {
    format!("\"{e}\" does not look like an email address.")
}

pub fn no_employee(id: &dyn Display) -> String {
    format!("No employee {id}.")
}

// core: ops.rs

pub fn backup_step() -> String {
    "backup".to_owned()
}

// core: parse.rs

pub fn not_amount_write_digits(t: &dyn Display) -> String {
    format!("\"{t}\" is not an amount: write digits, cents after a point or comma, e.g. 1234.56.")
}

pub fn most_two_decimals_cents(t: &dyn Display) -> String {
    format!("\"{t}\": at most two decimals (cents).")
}

pub fn typed_amount_not_positive(t: &dyn Display) -> String {
    format!("\"{t}\": the amount must be above zero.")
}

pub fn amount_must_below_trillion(t: &dyn Display) -> String {
    format!("\"{t}\": the amount must be below a trillion.")
}

pub fn not_date_write_dd(t: &dyn Display) -> String {
    format!("\"{t}\" is not a date: write DD.MM.YYYY (01.12.2026) or YYYY-MM-DD.")
}

pub fn write_year_full_four(t: &dyn Display) -> String {
    format!("\"{t}\": write the year in full, with four digits (2026).")
}

// core: settings.rs

pub fn unknown_setting_known(k: &dyn Display, value: &dyn Display) -> String {
    format!("Unknown setting \"{k}\". Known: {value}")
}

pub fn setting_not_per_company(k: &dyn Display, keys: &dyn Display) -> String {
    format!("The setting \"{k}\" is one for every company. A company may set its own: {keys}")
}

pub fn reset_needs_company() -> String {
    "Only a company's own value goes back to the global one: add --company NAME".to_owned()
}

pub fn own_value_of_company() -> String {
    "the company's own value".to_owned()
}

pub fn value_not_allowed(
    value: &dyn Display,
    key: &dyn Display,
    _hint_uk: &dyn Display,
    hint_en: &dyn Display,
) -> String {
    format!("The value \"{value}\" is not allowed for {key}: {hint_en}")
}

// core: validate.rs

pub fn account_number_has_wrong(i: &dyn Display) -> String {
    format!("Account number {i} has the wrong length: a Ukrainian IBAN has 29 characters (UA and 27 digits).")
}

pub fn account_number_not_iban(i: &dyn Display) -> String {
    format!(
        "Account number {i} is not an IBAN: two country letters, two check digits, then digits."
    )
}

pub fn account_number_has_typo(i: &dyn Display) -> String {
    format!("Account number {i} has a typo: its checksum does not match. Check the digits.")
}

pub fn unknown_currency_give_iso(c: &dyn Display) -> String {
    format!("Unknown currency {c}: give an ISO code such as UAH, USD or EUR.")
}

pub fn give_name_for_field() -> String {
    "Give a name.".to_owned()
}

pub fn token_empty_copy_from() -> String {
    "The token is empty: copy it from Privat24 for Business → Autoclient → API.".to_owned()
}

pub fn not_tax_code_has(t: &dyn Display) -> String {
    format!("\"{t}\" is not a tax code: an ЄДРПОУ has 8 digits, a РНОКПП 10.")
}

pub fn tax_code_has_typo(t: &dyn Display) -> String {
    format!("Tax code {t} has a typo: its check digit does not match. Check the digits.")
}

pub fn takes_most_characters(_f: &dyn Display, max: &dyn Display, f2: &dyn Display) -> String {
    format!("The {f2} takes at most {max} characters.")
}

pub fn must_one_line_text(_f: &dyn Display, f2: &dyn Display) -> String {
    format!("The {f2} must be one line of text: no line breaks, tabs or control characters.")
}

// shell: app.rs

pub fn not_synced_yet() -> String {
    "Not synced yet".to_owned()
}

// shell: cli/invoices.rs

pub fn invoices_imported(n: &dyn Display) -> String {
    format!("Invoices imported: {n}")
}

pub fn no_open_invoice(number: &dyn Display) -> String {
    format!("No open invoice {number}.")
}

// shell: cli/ledger.rs

pub fn allocated_invoice(day: &dyn Display, shown: &dyn Display) -> String {
    format!("Allocated {day} to invoice {shown}.")
}

pub fn nothing_allocate() -> String {
    "Nothing to allocate.".to_owned()
}

pub fn categories_given_changed(done: &dyn Display, done2: &dyn Display) -> String {
    format!("Categories given: {done}, changed: {done2}.")
}

// shell: cli/merchant.rs

pub fn added_token_system_password(m: &dyn Display, m2: &dyn Display, m3: &dyn Display) -> String {
    format!("Added \"{m}\": {m2} ({m3}). The token is in the system password store.")
}

pub fn no_merchants_yet_add() -> String {
    "No merchants yet. Add one: vypyska merchant add …".to_owned()
}

pub fn never_synced() -> String {
    "never synced".to_owned()
}

pub fn merchant_renamed(m: &dyn Display) -> String {
    format!("Renamed to \"{m}\".")
}

pub fn merchant_removed(m: &dyn Display) -> String {
    format!("Removed \"{m}\".")
}

// shell: cli/mod.rs

pub fn data_folder_read_only_view() -> String {
    "The data folder is read-only: showing what is saved; nothing can be changed.".to_owned()
}

// shell: cli/print.rs

pub fn payments_linked_invoices(linked: &dyn Display) -> String {
    format!("Payments linked to invoices: {linked}")
}

pub fn cannot_read_standard_input(e: &dyn Display) -> String {
    format!("Cannot read the standard input: {e}")
}

pub fn input_has_over_kb() -> String {
    "The input has over 64 KB without a line end: not a token or a password; nothing was saved."
        .to_owned()
}

pub fn input_not_text_not() -> String {
    "The input is not text (not UTF-8): a binary file instead of a token, it seems; nothing was saved.".to_owned()
}

// shell: cli/restore.rs

pub fn there_no_automatic_backup() -> String {
    "There is no automatic backup; the database was not changed.".to_owned()
}

pub fn cannot_replace_database_database(source: &dyn Display, e: &dyn Display) -> String {
    format!("{source} cannot replace the database: {e} The database was not changed.")
}

pub fn database_sound_restoring_replaces(source: &dyn Display) -> String {
    format!(
        "The database is sound. Restoring replaces it with the copy {source}: everything \
                 saved after the copy is lost. If that is what you want, run again with --yes."
    )
}

pub fn damaged_file_word() -> String {
    "The damaged file".to_owned()
}

pub fn previous_sound_database() -> String {
    "The previous (sound) database".to_owned()
}

pub fn restore_failed_kept(e: &dyn Display, kept_what: &dyn Display, kept: &dyn Display) -> String {
    format!("{e} {kept_what} is kept: {kept}")
}

pub fn restored_from_kept(
    source: &dyn Display,
    kept_what: &dyn Display,
    kept: &dyn Display,
) -> String {
    format!("Restored from {source}. {kept_what} is kept: {kept}")
}

pub fn app_is_running_quit_first() -> String {
    "The Vypyska app is running: quit it (the tray icon → Quit) and try again, or \
         restore in the app."
        .to_owned()
}

pub fn sync_running_wait_end() -> String {
    "A sync is running: wait for it to end and try again.".to_owned()
}

// shell: cli/settings.rs

pub fn test_email_sent(to: &dyn Display) -> String {
    format!("Sent to {to}.")
}

// shell: cli/statements.rs

pub fn from_after_period_empty(
    _from: &dyn Display,
    _to: &dyn Display,
    from2: &dyn Display,
    to2: &dyn Display,
) -> String {
    format!("--from {from2} is after --to {to2}: the period is empty; swap the dates")
}

pub fn direction_in() -> String {
    "in".to_owned()
}

pub fn direction_out() -> String {
    "out".to_owned()
}

pub fn net_word() -> String {
    "net".to_owned()
}

pub fn pages_rows_new_updated(
    r: &dyn Display,
    r2: &dyn Display,
    r3: &dyn Display,
    r4: &dyn Display,
) -> String {
    format!("{r} pages, {r2} rows, {r3} new, {r4} updated")
}

// shell: cli/sync.rs

pub fn sync_failed(failed: &dyn Display) -> String {
    format!("sync failed for: {failed}")
}

pub fn skipped_sync_again_later(skipped: &dyn Display) -> String {
    format!("skipped, sync again later: {skipped}")
}

pub fn statement_incomplete_days_will(incomplete: &dyn Display) -> String {
    format!("statement incomplete, days will be read again: {incomplete}")
}

pub fn sync_span(
    merchant: &dyn Display,
    _day: &dyn Display,
    _day2: &dyn Display,
    from: &dyn Display,
    to: &dyn Display,
) -> String {
    format!("\"{merchant}\": {from} … {to}")
}

pub fn page_rows_new_updated(
    merchant: &dyn Display,
    page: &dyn Display,
    rows: &dyn Display,
    new: &dyn Display,
    updated: &dyn Display,
) -> String {
    format!("\"{merchant}\": page {page}: {rows} rows, {new} new, {updated} updated")
}

pub fn done_new_updated(
    merchant: &dyn Display,
    summary: &dyn Display,
    summary2: &dyn Display,
) -> String {
    format!("\"{merchant}\": done, {summary} new, {summary2} updated")
}

pub fn sync_done_with_warning(done: &dyn Display, w: &dyn Display) -> String {
    format!("{done}; warning: {w}")
}

pub fn merchant_sync_skipped(merchant: &dyn Display, message: &dyn Display) -> String {
    format!("\"{merchant}\": skipped: {message}")
}

pub fn merchant_sync_failed(merchant: &dyn Display, message: &dyn Display) -> String {
    format!("\"{merchant}\": failed: {message}")
}

// shell: ipc/app.rs

pub fn no_automatic_backup_short() -> String {
    "There is no automatic backup.".to_owned()
}

pub fn could_not_switch(e: &dyn Display) -> String {
    format!("Could not switch: {e}")
}

// shell: ipc/notices.rs

pub fn there_no_such_notice() -> String {
    "There is no such notice.".to_owned()
}

// shell: ipc/statements.rs

pub fn no_such_statement() -> String {
    "No such statement.".to_owned()
}

// shell: notify.rs

pub fn notification_open_action() -> String {
    "Open".to_owned()
}

pub fn could_not_show_notification(e: &dyn Display) -> String {
    format!("Could not show the notification: {e}")
}

// shell: session.rs

pub fn demo_account(i: &dyn Display) -> String {
    format!("Demo: account {i}")
}

// shell: the tray's menu

pub fn tray_sync_now() -> String {
    "Sync now".to_owned()
}

pub fn tray_open() -> String {
    "Open".to_owned()
}

pub fn tray_quit() -> String {
    "Quit".to_owned()
}

// core: companies.rs

pub fn company_ipn_wrong(ipn: &dyn Display) -> String {
    format!("The ІПН \"{ipn}\" must be 12 digits.")
}

pub fn company_group_wrong(group: &dyn Display) -> String {
    format!("There is no single-tax group {group}: there are 1, 2 and 3.")
}

pub fn company_group_needs_fop() -> String {
    "Single-tax groups 1 and 2 are for a ФОП only (a 10-digit РНОКПП).".to_owned()
}

pub fn company_name_taken(name: &dyn Display) -> String {
    format!("A company named \"{name}\" exists already: choose another name.")
}

pub fn company_not_found(name: &dyn Display) -> String {
    format!("No company \"{name}\". See the list: vypyska company list")
}

pub fn company_required(names: &dyn Display) -> String {
    format!("There are several companies: say which one (--company): {names}.")
}

pub fn company_in_use(
    name: &dyn Display,
    merchants: &dyn Display,
    invoices: &dyn Display,
) -> String {
    format!("Company \"{name}\" still has {merchants} bank accounts and {invoices} invoices. Move them to another company (--move-to) or delete them with it (--delete-all).")
}

pub fn company_numbers_clash(numbers: &dyn Display) -> String {
    format!("These invoice numbers exist in both companies: {numbers}. Change them before moving.")
}

pub fn payment_other_company(payment: &dyn Display, invoice: &dyn Display) -> String {
    format!("The payment came to an account of \"{payment}\", the invoice is \"{invoice}\"'s: one company's payment does not pay another's invoices.")
}

// core: notices/notifications.rs (companies)

pub fn payment_pays_invoice_in_full(number: &dyn Display) -> String {
    format!(" — invoice {number} paid in full")
}

pub fn payment_pays_invoice(number: &dyn Display) -> String {
    format!(" — invoice {number}")
}

pub fn for_company(company: &dyn Display, text: &dyn Display) -> String {
    format!("{company}: {text}")
}

pub fn team_bad_address(a: &dyn Display) -> String {
    format!(
        "\"{a}\" is not a PostgreSQL database address. It looks like \
         postgres://user@server:5432/database (the password apart, with --password-stdin)"
    )
}

pub fn team_password_in_url() -> String {
    "Do not write the password in the address (it would end up in a file): --password-stdin \
     reads it, and the OS keyring keeps it."
        .to_owned()
}

pub fn team_needs_tls(host: &dyn Display) -> String {
    format!(
        "An unencrypted connection may only go to this computer, not to \"{host}\": remove \
         sslmode=disable from the address (Vypyska reaches other servers over TLS only)."
    )
}

pub fn server_untrusted(detail: &dyn Display) -> String {
    format!(
        "The database server's certificate cannot be trusted ({detail}): no known certificate \
         authority signed it, or it was issued to another server. If the server's certificate \
         comes from your own authority, give its file: --ca-file PATH. Nothing was changed."
    )
}

pub fn ca_file_unreadable(path: &dyn Display, detail: &dyn Display) -> String {
    format!("Cannot read the certificate authority's file {path} ({detail}): a PEM file with the certificate of the authority that signed the server's is needed. Nothing was changed.")
}

pub fn invoice_changed_meanwhile(number: &dyn Display) -> String {
    format!("Invoice {number} was changed by someone else meanwhile: your changes were not saved. The list shows it as it is now; open it and make your changes again.")
}

pub fn team_server_too_old(version: &dyn Display) -> String {
    format!("The PostgreSQL server is too old (version {version}); 12 or newer is needed.")
}

pub fn team_database_not_empty() -> String {
    "This database on the server holds books already (accounts, statements or invoices): \
     nothing was copied. To work on them, join the team (vypyska team join), or name an empty \
     database."
        .to_owned()
}

pub fn team_file_problem(path: &dyn Display, source: &dyn Display) -> String {
    format!("Cannot read or write {path}: {source}")
}

pub fn team_no_employee(who: &dyn Display, known: &dyn Display) -> String {
    format!("The team has no employee \"{who}\". The team's employees: {known}")
}

pub fn team_already(server: &dyn Display) -> String {
    format!(
        "This computer works on the team's books on {server} already. \
         To move its own file to another server, first: vypyska team leave"
    )
}

pub fn team_created(server: &dyn Display) -> String {
    format!(
        "The books are on {server}: every table copied and compared (rows and sums). \
         This computer works on them now; its own file stays as it was."
    )
}

pub fn team_joined(server: &dyn Display, employee: &dyn Display) -> String {
    format!("This computer works on the team's books on {server} as \"{employee}\".")
}

pub fn team_status_solo() -> String {
    "Solo: the books are in this computer's file.".to_owned()
}

pub fn team_status_team(server: &dyn Display, employee: &dyn Display) -> String {
    format!("Team: the books are on {server}; this desktop is {employee}.")
}

pub fn team_token_here() -> String {
    "token here".to_owned()
}

pub fn team_token_elsewhere() -> String {
    "token on another computer".to_owned()
}

pub fn team_left() -> String {
    "This computer works on its own file again; the team's books stay on the server.".to_owned()
}

pub fn server_unreachable(detail: &dyn Display) -> String {
    format!(
        "The team's database server does not answer ({detail}). The books on it are unchanged; \
         try again when the connection is back (the scheduled sync tries by itself)."
    )
}

pub fn team_books_updated_by_owner(found: &dyn Display, supported: &dyn Display) -> String {
    format!(
        "The team's books on the server are still at version {found}, and this program works with \
         version {supported}. Only the owner may update them: once they open the books with the new \
         Vypyska on their computer, everything works here. Nothing was changed."
    )
}

pub fn company_needs_tax_id_to_print(company: &dyn Display) -> String {
    format!("Company \"{company}\" has no ЄДРПОУ or РНОКПП, and an invoice without the recipient's code can be neither printed nor paid by QR code. Add the code to the company's details: vypyska company edit \"{company}\" --tax-id CODE.")
}

pub fn company_needs_account_to_print(company: &dyn Display) -> String {
    format!("Company \"{company}\" has no hryvnia account to be paid to (or several, none chosen for invoices). Add an account or choose one in the company's details.")
}

pub fn payment_code_hryvnias_only(number: &dyn Display, currency: &dyn Display) -> String {
    format!(
        "Invoice {number} is in {currency}, and the National Bank's payment QR code is for hryvnias only."
    )
}

/// What stops a payment QR code, by its kind (`iban`, `tax_id`, `recipient`, `amount`,
/// `number`, `purpose`, `too_long`).
pub fn payment_code_problem(kind: &str, detail: &dyn Display) -> String {
    match kind {
        "iban" => format!("The recipient's IBAN is wrong ({detail}). Correct the company's account."),
        "tax_id" => format!("The recipient's code is wrong ({detail}). Correct the company's ЄДРПОУ or РНОКПП."),
        "recipient" => format!("The company has no name. Enter it in the company's details."),
        "amount" => format!(
            "The amount {detail} does not suit a QR code: 0.01 to 999 999 999.99 UAH, in whole kopecks."
        ),
        "number" => format!("The invoice has no number. Give it one."),
        "purpose" => format!("The payment purpose does not name invoice number {detail}."),
        _ => format!(
            "Even the shortest purpose with number {detail} does not fit in the QR code. Shorten the company's name or the number."
        ),
    }
}

pub fn payment_code_impossible(detail: &dyn Display) -> String {
    format!("The payment QR code could not be made: {detail}. Correct the details and try again.")
}

pub fn invoice_pdf_written(number: &dyn Display, path: &dyn Display) -> String {
    format!("Invoice {number} written: {path}")
}

pub fn cannot_write_file(path: &dyn Display, detail: &dyn Display) -> String {
    format!("Could not write the file {path}: {detail}. Check that the folder exists and can be written to.")
}

pub fn server_not_allowed(detail: &dyn Display) -> String {
    format!(
        "The database server refused: your role in the team may not do this ({detail}). \
         Ask the owner if you need it."
    )
}

pub fn team_invited(
    employee: &dyn Display,
    part: &dyn Display,
    url: &dyn Display,
    password: &dyn Display,
) -> String {
    format!(
        "\"{employee}\" is invited into the team ({part}). Send them, apart and safely:\n\
         \n  vypyska team join {url} --as \"{employee}\" --password-stdin\n\
         \n  password: {password}\n\
         \nThe password is shown only now; the server itself holds them to their role."
    )
}
