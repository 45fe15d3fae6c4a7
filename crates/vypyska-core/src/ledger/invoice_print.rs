//! A stored invoice made ready to print and pay: its sheet (the supplier from its company, the
//! account it is paid to, the buyer, the lines), its NBU payment code and its PDF. What the
//! supplier lacks is named in words before anything prints.

use crate::companies;
use crate::invoice_sheet::{Line, Party, Sheet, VatRate};
use crate::payment_qr::{self, PaymentCode, QrError, QrFormat};
use crate::say;
use crate::store::companies::Vat;
use crate::store::{Connection, Tables};
use crate::{Lang, UserError as _};

/// Every account the app syncs is at PrivatBank.
pub const BANK: &str = "АТ КБ «ПриватБанк»";

#[derive(Debug, thiserror::Error)]
pub enum PrintError {
    #[error("company {0} has no ЄДРПОУ or РНОКПП")]
    NoTaxId(String),
    #[error("company {0} has no hryvnia account to be paid to")]
    NoAccount(String),
    #[error("invoice {0} is in {1}: the payment code is for hryvnias")]
    NotHryvnias(String, String),
    #[error(transparent)]
    Code(#[from] QrError),
    #[error(transparent)]
    Pdf(#[from] crate::invoice_pdf::PdfError),
    #[error(transparent)]
    Invoice(#[from] crate::invoices::InvoiceError),
    #[error(transparent)]
    Company(#[from] companies::CompanyError),
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
}

impl PrintError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            PrintError::NoTaxId(c) => say!(lang, company_needs_tax_id_to_print, c),
            PrintError::NoAccount(c) => say!(lang, company_needs_account_to_print, c),
            PrintError::NotHryvnias(n, c) => say!(lang, payment_code_hryvnias_only, n, c),
            PrintError::Code(e) => e.message(lang),
            PrintError::Pdf(e) => say!(lang, payment_code_impossible, e),
            PrintError::Invoice(e) => e.message(lang),
            PrintError::Company(e) => e.message(lang),
            PrintError::Store(e) => e.message(lang),
        }
    }

    pub fn code(&self) -> crate::Code {
        match self {
            PrintError::NoTaxId(_) | PrintError::NoAccount(_) => crate::Code::MissingDetails,
            PrintError::NotHryvnias(..) | PrintError::Code(_) | PrintError::Pdf(_) => {
                crate::Code::PaymentCode
            }
            PrintError::Invoice(e) => e.code(),
            PrintError::Company(e) => e.code(),
            PrintError::Store(e) => e.code(),
        }
    }
}

/// How the company's VAT status reads on an invoice, and the rate its invoices carry.
fn vat_of(vat: &Vat) -> (String, VatRate) {
    match vat {
        Vat::Payer { ipn } => (format!("платник ПДВ, ІПН {ipn}"), VatRate::Percent(20)),
        Vat::None => ("не є платником ПДВ".into(), VatRate::Without),
        Vat::SingleTax { group } => (
            format!("платник єдиного податку {group} групи, не є платником ПДВ"),
            VatRate::Without,
        ),
    }
}

/// The sheet of invoice `number` (of `company` when several have it).
pub fn sheet(conn: &Connection, company: Option<i64>, number: &str) -> Result<Sheet, PrintError> {
    let (_, invoice) = crate::invoices::find(conn, company, number)?;
    let company = companies::get(
        conn,
        invoice
            .company_id
            .ok_or_else(|| crate::invoices::InvoiceError::NotFound(number.to_owned()))?,
    )?;
    if invoice.currency != "UAH" {
        return Err(PrintError::NotHryvnias(invoice.number, invoice.currency));
    }
    if company.tax_id.trim().is_empty() {
        return Err(PrintError::NoTaxId(company.name));
    }
    // The account the company chose for its invoices, else its only hryvnia account.
    let accounts: Vec<_> = conn
        .merchants()
        .all()?
        .into_iter()
        .filter(|m| m.company_id == Some(company.id) && m.currency == "UAH")
        .collect();
    let account = match company.invoice_merchant_id {
        Some(id) => accounts.iter().find(|m| m.id == id),
        None if accounts.len() == 1 => accounts.first(),
        None => None,
    }
    .ok_or_else(|| PrintError::NoAccount(company.name.clone()))?;
    let (supplier_vat, rate) = vat_of(&company.vat);
    // An invoice saved without lines is one line of its whole sum (VAT within it).
    let line = Line {
        description: if invoice.note.trim().is_empty() {
            format!("Оплата згідно з рахунком № {}", invoice.number)
        } else {
            invoice.note.trim().to_owned()
        },
        unit: "послуга".into(),
        quantity: rust_decimal::Decimal::ONE,
        price: invoice.amount,
    };
    Ok(Sheet {
        number: invoice.number,
        issued_on: invoice.issued_on,
        due_on: invoice.due_on,
        supplier: Party {
            name: company.name,
            tax_id: company.tax_id,
            address: company.address,
            iban: account.account.clone(),
        },
        supplier_vat,
        bank: BANK.into(),
        buyer: Party {
            name: invoice.customer_name,
            tax_id: invoice.customer_tax_id,
            address: String::new(),
            iban: invoice.customer_iban,
        },
        lines: vec![line],
        rate,
        prices_include_vat: true,
        signer: company.signer,
        note: String::new(),
    })
}

/// The sheet of the invoice with this id.
pub fn sheet_by_id(conn: &Connection, id: i64) -> Result<Sheet, PrintError> {
    let (company, number) = conn
        .invoices()
        .number_of(id)?
        .ok_or_else(|| crate::invoices::InvoiceError::NotFound(id.to_string()))?;
    sheet(conn, Some(company), &number)
}

/// The invoice's payment code.
pub fn code(sheet: &Sheet, format: QrFormat) -> Result<PaymentCode, PrintError> {
    Ok(payment_qr::payment_code(
        &crate::invoice_pdf::request(sheet),
        format,
    )?)
}

/// The invoice's PDF.
pub fn pdf(sheet: &Sheet, format: QrFormat) -> Result<Vec<u8>, PrintError> {
    // The code first: its checks' words reach the person.
    let code = code(sheet, format)?;
    Ok(crate::invoice_pdf::render(sheet, &code)?)
}

crate::error::user_error!(PrintError);
