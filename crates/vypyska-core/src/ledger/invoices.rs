//! Invoices the business issued, and their status derived from the payments allocated to them.

use crate::say;
use crate::store::Tables;
use crate::UserError as _;

use crate::store::Connection;
use rust_decimal::Decimal;

use crate::invoice_numbers::{main_digits, number_key};
use crate::store::invoices as table;
use crate::store::StoreError;

pub use crate::store::invoices::{Invoice, InvoicePayment, InvoiceStatus, NewInvoice};
use crate::validate::{self, Field, Invalid};
use crate::{Clock, Lang};

#[derive(Debug, thiserror::Error)]
pub enum InvoiceError {
    #[error(transparent)]
    Invalid(#[from] Invalid),
    #[error("the number is empty")]
    EmptyNumber,
    #[error("the amount must be above zero")]
    Amount,
    #[error("the due date is before the issue date")]
    DueBeforeIssue,
    #[error("invoice {0} exists already")]
    Duplicate(String),
    /// Someone else changed the invoice since it was opened for editing.
    #[error("invoice {0} was changed meanwhile")]
    ChangedMeanwhile(String),
    #[error("no invoice {0}")]
    NotFound(String),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Company(#[from] crate::companies::CompanyError),
}

impl InvoiceError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            InvoiceError::Invalid(i) => i.message(lang),
            InvoiceError::EmptyNumber => {
                say!(lang, give_invoice_number)
            }
            InvoiceError::DueBeforeIssue => say!(lang, due_date_before_invoice),
            InvoiceError::Amount => say!(lang, amount_must_above_zero),
            InvoiceError::Duplicate(n) => say!(lang, invoice_exists_already, n),
            InvoiceError::ChangedMeanwhile(n) => say!(lang, invoice_changed_meanwhile, n),
            InvoiceError::NotFound(n) => {
                say!(lang, no_invoice, n)
            }
            InvoiceError::Store(e) => e.message(lang),
            InvoiceError::Company(e) => e.message(lang),
        }
    }

    pub fn code(&self) -> crate::Code {
        match self {
            InvoiceError::Invalid(i) => i.code(),
            InvoiceError::EmptyNumber => crate::Code::InvalidNumber,
            InvoiceError::DueBeforeIssue => crate::Code::BadDate,
            InvoiceError::Amount => crate::Code::InvalidAmount,
            InvoiceError::Duplicate(_) => crate::Code::InvoiceExists,
            InvoiceError::ChangedMeanwhile(_) => crate::Code::ChangedMeanwhile,
            InvoiceError::NotFound(_) => crate::Code::InvoiceNotFound,
            InvoiceError::Store(e) => e.code(),
            InvoiceError::Company(e) => e.code(),
        }
    }
}

/// The checked fields of an invoice: number, match keys, currency, optional IBAN.
struct Checked {
    number: String,
    key: String,
    /// The number's main digits, for the loose match.
    digits: String,
    currency: String,
    customer_iban: String,
}

/// Checks an invoice's own fields, without the database: what an import can say of every row
/// before anything is saved.
pub fn check_fields(new: &NewInvoice) -> Result<(), InvoiceError> {
    fields(new).map(|_| ())
}

fn fields(new: &NewInvoice) -> Result<Checked, InvoiceError> {
    let number = validate::line(&new.number, Field::InvoiceNumber)?;
    if number.is_empty() {
        return Err(InvoiceError::EmptyNumber);
    }
    validate::line(&new.customer_name, Field::Customer)?;
    validate::line(&new.note, Field::Note)?;
    if new.due_on.is_some_and(|due| due < new.issued_on) {
        return Err(InvoiceError::DueBeforeIssue);
    }
    // Above zero, whole kopiykas, and below a trillion (no overflow in minor units).
    if new.amount <= Decimal::ZERO
        || new.amount >= Decimal::from(1_000_000_000_000i64)
        || new.amount.normalize().scale() > 2
    {
        return Err(InvoiceError::Amount);
    }
    let currency = validate::currency(&new.currency)?;
    let customer_iban = match new.customer_iban.trim() {
        "" => String::new(),
        iban => validate::iban(iban)?,
    };
    if !new.customer_tax_id.trim().is_empty() {
        validate::tax_id(&new.customer_tax_id)?;
    }
    let key = number_key(&number);
    Ok(Checked {
        digits: main_digits(&number),
        number,
        key,
        currency,
        customer_iban,
    })
}

/// The fields checked, and the number free within the company (but for the invoice `except`).
fn check(
    conn: &Connection,
    new: &NewInvoice,
    company_id: i64,
    except: Option<i64>,
) -> Result<Checked, InvoiceError> {
    let checked = fields(new)?;
    let clash = conn.invoices().id_by_key(company_id, &checked.key)?;
    if clash.is_some_and(|id| Some(id) != except) {
        return Err(InvoiceError::Duplicate(checked.number));
    }
    Ok(checked)
}

impl Checked {
    fn row<'a>(&'a self, company_id: i64, fields: &'a NewInvoice) -> table::Row<'a> {
        table::Row {
            company_id,
            fields,
            number: &self.number,
            key: &self.key,
            digits: &self.digits,
            currency: &self.currency,
            customer_iban: &self.customer_iban,
        }
    }
}

/// Saves a new invoice of its company (the only one when it names none).
pub fn add(conn: &Connection, clock: &dyn Clock, new: NewInvoice) -> Result<i64, InvoiceError> {
    let company_id = crate::companies::resolve_id(conn, clock, new.company_id)?;
    let c = check(conn, &new, company_id, None)?;
    conn.invoices()
        .insert(c.row(company_id, &new), &clock.now().to_rfc3339())
        .map_err(|e| taken(e, &c.number))
}

/// Someone else saved the number between the check and the save: said as the check says it.
fn taken(e: StoreError, number: &str) -> InvoiceError {
    if e.is_unique_violation() {
        InvoiceError::Duplicate(number.to_owned())
    } else {
        e.into()
    }
}

/// Changes an invoice's fields (its payments stay; its status follows the new amount). With no
/// company named it stays with its own.
/// `seen`: the revision the person edited (none: whatever it is now); another person's change
/// since is refused in words (`InvoiceError::ChangedMeanwhile`), never overwritten.
pub fn update(
    conn: &Connection,
    id: i64,
    new: NewInvoice,
    seen: Option<i64>,
) -> Result<(), InvoiceError> {
    let company_id = match new.company_id {
        Some(c) => c,
        None => conn
            .invoices()
            .company_of(id)?
            .ok_or_else(|| InvoiceError::NotFound(id.to_string()))?,
    };
    let c = check(conn, &new, company_id, Some(id))?;
    match conn
        .invoices()
        .update(id, c.row(company_id, &new), seen)
        .map_err(|e| taken(e, &c.number))?
    {
        true => Ok(()),
        false if conn.invoices().exists(id)? => Err(InvoiceError::ChangedMeanwhile(c.number)),
        false => Err(InvoiceError::NotFound(id.to_string())),
    }
}

/// An invoice's id and editable fields, by number (any case, look-alike letters folded): of the
/// company named, else of whichever company has it (several: the company must be named).
pub fn find(
    conn: &Connection,
    company_id: Option<i64>,
    number: &str,
) -> Result<(i64, NewInvoice), InvoiceError> {
    let key = number_key(number);
    let not_found = || InvoiceError::NotFound(number.trim().to_owned());
    if let Some(company) = company_id {
        return conn.invoices().by_key(company, &key)?.ok_or_else(not_found);
    }
    let mut found = Vec::new();
    for company in crate::companies::list(conn)? {
        if let Some(hit) = conn.invoices().by_key(company.id, &key)? {
            found.push((company.name, hit));
        }
    }
    match found.len() {
        0 => Err(not_found()),
        1 => Ok(found.remove(0).1),
        _ => Err(crate::companies::CompanyError::Required(
            found.into_iter().map(|(name, _)| name).collect(),
        )
        .into()),
    }
}

/// Refuses an id that names no invoice.
fn existing(conn: &Connection, id: i64) -> Result<(), InvoiceError> {
    if conn.invoices().exists(id)? {
        Ok(())
    } else {
        Err(InvoiceError::NotFound(id.to_string()))
    }
}

/// Cancels an invoice by id; false when it was cancelled already.
pub fn cancel_by_id(conn: &Connection, clock: &dyn Clock, id: i64) -> Result<bool, InvoiceError> {
    existing(conn, id)?;
    Ok(conn.invoices().cancel(id, &clock.now().to_rfc3339())?)
}

/// The payments allocated to an invoice, oldest first.
pub fn payments(conn: &Connection, invoice_id: i64) -> Result<Vec<InvoicePayment>, InvoiceError> {
    existing(conn, invoice_id)?;
    Ok(conn.invoices().payments(invoice_id)?)
}

/// Cancels an invoice by number; its payments stay recorded. False when there is no such one.
pub fn cancel(conn: &Connection, clock: &dyn Clock, number: &str) -> Result<bool, InvoiceError> {
    match find(conn, None, number) {
        Ok((id, _)) => cancel_by_id(conn, clock, id),
        Err(InvoiceError::NotFound(_)) => Ok(false),
        Err(e) => Err(e),
    }
}

/// Every invoice, in issue order, with its payments.
pub fn list(conn: &Connection) -> Result<Vec<Invoice>, InvoiceError> {
    Ok(conn.invoices().all()?)
}

crate::error::user_error!(InvoiceError);
