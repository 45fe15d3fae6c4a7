//! The web view's commands for invoices, allocations, the review queue and expense categories:
//! short adapters to `vypyska-core`, errors as `{code, message}` like every command.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use specta::Type;
use tauri::State;
use vypyska_core::allocation::{self, ReviewItem, Step};
use vypyska_core::categories::{self, Categorized, Category, Field, Op, Rule};
use vypyska_core::invoice_import::{self, ImportError, RowError};
use vypyska_core::invoices::{self, Invoice, InvoicePayment, NewInvoice};
use vypyska_core::settings::Settings;
use vypyska_core::{ops, parse, Lang, Store, SystemClock};

use super::{CommandError, Reply};
use crate::state::Shared;

/// Who a decision made in the window is logged as.
const ACTOR: &str = "user";

#[tauri::command]
#[specta::specta]
pub async fn list_invoices(shared: State<'_, Shared>) -> Reply<Vec<Invoice>> {
    let session = shared.session().await;
    let db = session.db.lock().await;
    Ok(invoices::list(db.conn())?)
}

/// The invoice form. Amounts are decimal strings (`1234.56` or `1 234,56`), dates `YYYY-MM-DD`.
#[derive(Debug, Clone, Deserialize, Type)]
pub struct InvoiceInput {
    pub number: String,
    pub amount: String,
    pub currency: String,
    pub issued_on: String,
    pub customer_name: String,
    pub customer_tax_id: String,
    pub customer_iban: String,
    pub due_on: Option<String>,
    pub note: String,
    /// The issuing company; none: the only one (needed when there are several).
    pub company_id: Option<i64>,
}

impl InvoiceInput {
    fn into_new(self, lang: Lang) -> Reply<NewInvoice> {
        let parsed = |e: parse::ParseError| CommandError::new(e.code(), e.message(lang));
        let amount = parse::amount(&self.amount).map_err(parsed)?;
        let date = |s: &str| -> Reply<NaiveDate> { parse::date(s).map_err(parsed) };
        let due_on = match self.due_on.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(d) => Some(date(d)?),
        };
        Ok(NewInvoice {
            company_id: self.company_id,
            number: self.number,
            amount,
            currency: self.currency,
            issued_on: date(&self.issued_on)?,
            customer_name: self.customer_name,
            customer_tax_id: self.customer_tax_id,
            customer_iban: self.customer_iban,
            due_on,
            note: self.note,
        })
    }
}

/// Adds an invoice (`id` none) or changes one, then allocates waiting payments when automatic
/// allocation is on (a new invoice may be what a payment named).
#[tauri::command]
#[specta::specta]
pub async fn save_invoice(
    shared: State<'_, Shared>,
    id: Option<i64>,
    input: InvoiceInput,
    revision: Option<i64>,
) -> Reply<i64> {
    let session = shared.session().await;
    let (mut db, lang) = session.db_and_lang().await;
    let new = input.into_new(lang)?;
    // An edit names the revision it was made on: another person's change since is refused.
    let saved = ops::save_invoice(&mut db, &SystemClock, id, new, revision)?;
    Ok(saved.id)
}

/// A CSV file's invoices as the import would save them, and its rows' problems.
#[derive(Debug, Clone, Serialize, Type)]
pub struct ImportPreview {
    pub invoices: Vec<ImportRow>,
    pub errors: Vec<RowError>,
    /// How many were saved (0 for a preview).
    pub imported: u32,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct ImportRow {
    pub number: String,
    pub issued_on: String,
    pub customer_name: String,
    pub customer_tax_id: String,
    #[specta(type = String)]
    #[serde(with = "rust_decimal::serde::str")]
    pub amount: Decimal,
    pub currency: String,
}

/// Reads a CSV file of invoices (the bytes the person picked: UTF-8 or cp1251, `;` or `,`):
/// a preview, or with `save` all its invoices in one transaction, or none when any row is bad.
#[tauri::command]
#[specta::specta]
pub async fn import_invoices(
    shared: State<'_, Shared>,
    file: Vec<u8>,
    save: bool,
    company_id: Option<i64>,
) -> Reply<ImportPreview> {
    use vypyska_core::Clock;
    let session = shared.session().await;
    let (mut db, lang) = session.db_and_lang().await;
    // With several companies and none chosen, each row says whose it is (a `company` column).
    let company = match vypyska_core::companies::resolve_id(db.conn(), &SystemClock, company_id) {
        Ok(id) => Some(id),
        Err(vypyska_core::companies::CompanyError::Required(_)) => None,
        Err(e) => return Err(e.into()),
    };
    let preview =
        invoice_import::preview(db.conn(), company, &file, SystemClock.today_kyiv(), lang)?;
    let mut shown = ImportPreview {
        invoices: preview
            .invoices
            .iter()
            .map(|i| ImportRow {
                number: i.number.clone(),
                issued_on: i.issued_on.to_string(),
                customer_name: i.customer_name.clone(),
                customer_tax_id: i.customer_tax_id.clone(),
                amount: i.amount,
                currency: i.currency.clone(),
            })
            .collect(),
        errors: preview.errors.clone(),
        imported: 0,
    };
    if save && shown.errors.is_empty() {
        match ops::import_invoices(&mut db, &SystemClock, preview) {
            Ok((n, _linked)) => shown.imported = n as u32,
            Err(ImportError::Invoice { line, source }) => {
                shown.errors.push(RowError {
                    line,
                    message: source.message(lang),
                });
            }
            Err(ImportError::Rows(rows)) => shown.errors = rows,
            Err(ImportError::Store(e)) => return Err(CommandError::from(e)),
        }
    }
    Ok(shown)
}

#[tauri::command]
#[specta::specta]
pub async fn cancel_invoice(shared: State<'_, Shared>, id: i64) -> Reply<bool> {
    let session = shared.session().await;
    let db = session.db.lock().await;
    Ok(invoices::cancel_by_id(db.conn(), &SystemClock, id)?)
}

#[tauri::command]
#[specta::specta]
pub async fn invoice_payments(shared: State<'_, Shared>, id: i64) -> Reply<Vec<InvoicePayment>> {
    let session = shared.session().await;
    let (db, lang) = session.db_and_lang().await;
    let mut payments = invoices::payments(db.conn(), id)?;
    for p in &mut payments {
        p.reason = allocation::explain(&p.reason, lang);
    }
    Ok(payments)
}

/// An invoice's NBU payment QR code, as the window shows it.
#[derive(serde::Serialize, specta::Type)]
pub struct PaymentCodeView {
    /// "003" or "002".
    pub format: String,
    /// The text the code holds (`https://qr.bank.gov.ua/…`).
    pub content: String,
    /// The purpose the payment will carry.
    pub purpose: String,
    /// The code as an SVG picture, the hryvnia sign in its middle.
    pub svg: String,
}

#[tauri::command]
#[specta::specta]
pub async fn invoice_payment_code(
    shared: State<'_, Shared>,
    id: i64,
    format: String,
) -> Reply<PaymentCodeView> {
    use vypyska_core::{invoice_print, payment_qr};
    let session = shared.session().await;
    let db = session.db.lock().await;
    let format = payment_qr::QrFormat::parse(&format).unwrap_or_default();
    let sheet = invoice_print::sheet_by_id(db.conn(), id)?;
    let code = invoice_print::code(&sheet, format)?;
    let modules = payment_qr::modules(&code).map_err(|e| {
        invoice_print::PrintError::Pdf(vypyska_core::invoice_pdf::PdfError::Code(e.to_string()))
    })?;
    Ok(PaymentCodeView {
        format: code.format.as_str().to_owned(),
        content: code.content,
        purpose: code.purpose,
        svg: modules.svg(),
    })
}

/// Links a payment to an invoice by hand: the whole unallocated rest, or `amount`.
#[tauri::command]
#[specta::specta]
pub async fn allocate_payment(
    shared: State<'_, Shared>,
    statement_id: i64,
    invoice_id: i64,
    amount: Option<String>,
) -> Reply<()> {
    let session = shared.session().await;
    let mut db = session.db.lock().await;
    let minor = match amount.as_deref().map(str::trim).filter(|a| !a.is_empty()) {
        None => None,
        Some(a) => Some(parse::amount(a).map(vypyska_core::store::minor_units)?),
    };
    Ok(allocation::allocate_by_id(
        &mut db,
        &SystemClock,
        ACTOR,
        statement_id,
        invoice_id,
        minor,
    )
    .map(|_| ())?)
}

/// Removes a payment's allocation to one invoice, or all of them; automatic allocation then
/// leaves the payment alone.
#[tauri::command]
#[specta::specta]
pub async fn unallocate_payment(
    shared: State<'_, Shared>,
    statement_id: i64,
    invoice_id: Option<i64>,
) -> Reply<()> {
    let session = shared.session().await;
    let mut db = session.db.lock().await;
    Ok(
        allocation::unallocate_by_id(&mut db, &SystemClock, ACTOR, statement_id, invoice_id)
            .map(|_| ())?,
    )
}

/// What an allocation run did.
#[derive(Debug, Clone, Copy, Default, Serialize, Type)]
pub struct AllocationSummary {
    pub allocated: u32,
    pub unallocated: u32,
    pub suggested: u32,
}

/// Runs automatic allocation now (also when the setting is off: the person asked).
#[tauri::command]
#[specta::specta]
pub async fn run_allocation(shared: State<'_, Shared>) -> Reply<AllocationSummary> {
    let session = shared.session().await;
    let mut db = session.db.lock().await;
    let steps = allocation::allocate(&mut db, &SystemClock, ACTOR, &allocation::Scope::All)?;
    let mut summary = AllocationSummary::default();
    for step in &steps {
        match step {
            Step::Allocate { .. } => summary.allocated += 1,
            Step::Unallocate { .. } => summary.unallocated += 1,
            Step::Suggest { .. } => summary.suggested += 1,
        }
    }
    Ok(summary)
}

#[tauri::command]
#[specta::specta]
pub async fn review_queue(shared: State<'_, Shared>) -> Reply<Vec<ReviewItem>> {
    let session = shared.session().await;
    let (db, lang) = session.db_and_lang().await;
    let mut queue = allocation::review_queue(db.conn())?;
    for item in &mut queue {
        item.reason = allocation::explain(&item.reason, lang);
    }
    Ok(queue)
}

#[tauri::command]
#[specta::specta]
pub async fn accept_suggestion(
    shared: State<'_, Shared>,
    statement_id: i64,
    invoice_id: i64,
) -> Reply<()> {
    let session = shared.session().await;
    let mut db = session.db.lock().await;
    Ok(
        allocation::accept_suggestion(&mut db, &SystemClock, ACTOR, statement_id, invoice_id)
            .map(|_| ())?,
    )
}

#[tauri::command]
#[specta::specta]
pub async fn reject_suggestion(shared: State<'_, Shared>, statement_id: i64) -> Reply<()> {
    let session = shared.session().await;
    let mut db = session.db.lock().await;
    Ok(allocation::reject_suggestions(
        &mut db,
        &SystemClock,
        ACTOR,
        statement_id,
    )?)
}

/// The categories screen: the list with row counts and the rules in order.
#[derive(Debug, Clone, Serialize, Type)]
pub struct CategoriesView {
    pub categories: Vec<Category>,
    pub rules: Vec<Rule>,
}

#[tauri::command]
#[specta::specta]
pub async fn list_categories(shared: State<'_, Shared>) -> Reply<CategoriesView> {
    let session = shared.session().await;
    let db = session.db.lock().await;
    let categories = categories::list(db.conn())?;
    let rules = categories::rules(db.conn())?;
    Ok(CategoriesView { categories, rules })
}

/// A change to the category list or its rules.
#[derive(Debug, Clone, Deserialize, Type)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum CategoryChange {
    Add {
        name: String,
    },
    Rename {
        name: String,
        new_name: String,
    },
    Remove {
        name: String,
    },
    AddRule {
        field: Field,
        op: Op,
        pattern: String,
        category: String,
        /// Only this company's payments; none for every company's.
        company_id: Option<i64>,
    },
    RemoveRule {
        id: i64,
    },
    MoveRule {
        id: i64,
        up: bool,
    },
}

/// Changes the categories or rules, then gives categories to outgoing rows that have none
/// (a changed rule reaches rows categorised before only through `apply_rules` with `reapply`).
#[tauri::command]
#[specta::specta]
pub async fn change_categories(
    shared: State<'_, Shared>,
    change: CategoryChange,
) -> Reply<CategoriesView> {
    {
        let session = shared.session().await;
        let mut db = session.db.lock().await;
        let conn = db.conn();
        match change {
            CategoryChange::Add { name } => categories::add(conn, &name).map(drop),
            CategoryChange::Rename { name, new_name } => categories::rename(conn, &name, &new_name),
            CategoryChange::Remove { name } => categories::remove(conn, &name),
            CategoryChange::AddRule {
                field,
                op,
                pattern,
                category,
                company_id,
            } => categories::add_rule(conn, field, op, &pattern, &category, company_id).map(drop),
            CategoryChange::RemoveRule { id } => categories::remove_rule(conn, id),
            CategoryChange::MoveRule { id, up } => categories::move_rule(&mut db, id, up),
        }?;
        categorize(&mut db, false)?;
    }
    list_categories(shared).await
}

/// Applies the rules to outgoing rows without a category, or with `reapply` to every row not
/// set by hand.
#[tauri::command]
#[specta::specta]
pub async fn apply_rules(shared: State<'_, Shared>, reapply: bool) -> Reply<Categorized> {
    let session = shared.session().await;
    let mut db = session.db.lock().await;
    categorize(&mut db, reapply)
}

/// Categorises with the saved default expense category.
fn categorize(db: &mut Store, reapply: bool) -> Reply<Categorized> {
    let settings = Settings::load(db.conn()).unwrap_or_default();
    Ok(ops::categorize(db, &SystemClock, &settings, reapply)?)
}

/// A person sets an outgoing payment's category (kept over any rule), or with none hands it
/// back to the rules.
#[tauri::command]
#[specta::specta]
pub async fn set_category(
    shared: State<'_, Shared>,
    statement_id: i64,
    category: Option<String>,
) -> Reply<()> {
    let session = shared.session().await;
    let mut db = session.db.lock().await;
    categories::set_manually(&mut db, &SystemClock, statement_id, category.as_deref())?;
    if category.is_none() {
        categorize(&mut db, false)?;
    }
    Ok(())
}
