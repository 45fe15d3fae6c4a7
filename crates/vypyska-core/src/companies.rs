//! Companies: the businesses whose accounts and invoices the app keeps (an owner's ТОВ and
//! ФОП, an accountant's clients). Each bank account belongs to one; invoice numbers are unique
//! within one; a payment pays only its own company's invoices.

use crate::say;
use crate::store::{Connection, Store, StoreError, Tables};
use crate::validate::{self, Field, Invalid};
use crate::{Clock, Lang, UserError as _};

pub use crate::store::companies::{Company, Holdings, Vat};

/// The name a company gets when the app must make one before the owner named it.
pub const DEFAULT_NAME: &str = "Моя компанія";

/// A company's fields as the owner gives them (the company screen sends them as they are).
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
pub struct NewCompany {
    pub name: String,
    /// ТОВ, ФОП, ПП, …; empty: read from the name.
    pub kind: String,
    /// ЄДРПОУ (8 digits) or РНОКПП (10 digits); may be empty until known.
    pub tax_id: String,
    pub vat: Vat,
    pub address: String,
    pub invoice_merchant_id: Option<i64>,
    pub signer: String,
}

impl NewCompany {
    pub fn named(name: &str) -> NewCompany {
        NewCompany {
            name: name.to_owned(),
            kind: String::new(),
            tax_id: String::new(),
            vat: Vat::None,
            address: String::new(),
            invoice_merchant_id: None,
            signer: String::new(),
        }
    }
}

impl From<&Company> for NewCompany {
    fn from(c: &Company) -> NewCompany {
        NewCompany {
            name: c.name.clone(),
            kind: c.kind.clone(),
            tax_id: c.tax_id.clone(),
            vat: c.vat.clone(),
            address: c.address.clone(),
            invoice_merchant_id: c.invoice_merchant_id,
            signer: c.signer.clone(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum CompanyError {
    #[error(transparent)]
    Invalid(#[from] Invalid),
    #[error("the ІПН {0:?} is not 12 digits")]
    Ipn(String),
    #[error("single-tax group {0} does not exist")]
    Group(u8),
    #[error("single-tax groups 1 and 2 are for a ФОП")]
    GroupNeedsFop,
    #[error("a company named {0:?} exists already")]
    NameTaken(String),
    #[error("no company {0:?}")]
    NotFound(String),
    #[error("several companies: name one of {0:?}")]
    Required(Vec<String>),
    #[error("company {name:?} still has {merchants} accounts and {invoices} invoices")]
    InUse {
        name: String,
        merchants: i64,
        invoices: i64,
    },
    #[error("invoice numbers {0:?} exist in both companies")]
    Clash(Vec<String>),
    #[error(transparent)]
    Secret(#[from] crate::secrets::SecretError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl CompanyError {
    pub fn code(&self) -> crate::Code {
        use crate::Code;
        match self {
            CompanyError::Invalid(i) => i.code(),
            CompanyError::Ipn(_) | CompanyError::Group(_) | CompanyError::GroupNeedsFop => {
                Code::InvalidVat
            }
            CompanyError::NameTaken(_) => Code::NameTaken,
            CompanyError::NotFound(_) => Code::CompanyNotFound,
            CompanyError::Required(_) => Code::CompanyRequired,
            CompanyError::InUse { .. } | CompanyError::Clash(_) => Code::CompanyInUse,
            CompanyError::Store(e) => e.code(),
            CompanyError::Secret(e) => e.code(),
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        match self {
            CompanyError::Invalid(i) => i.message(lang),
            CompanyError::Ipn(i) => say!(lang, company_ipn_wrong, i),
            CompanyError::Group(g) => say!(lang, company_group_wrong, g),
            CompanyError::GroupNeedsFop => say!(lang, company_group_needs_fop),
            CompanyError::NameTaken(n) => say!(lang, company_name_taken, n),
            CompanyError::NotFound(n) => say!(lang, company_not_found, n),
            CompanyError::Required(names) => say!(lang, company_required, names.join(", ")),
            CompanyError::InUse {
                name,
                merchants,
                invoices,
            } => say!(lang, company_in_use, name, merchants, invoices),
            CompanyError::Clash(numbers) => say!(lang, company_numbers_clash, numbers.join(", ")),
            CompanyError::Store(e) => e.message(lang),
            CompanyError::Secret(e) => e.message(lang),
        }
    }
}

crate::error::user_error!(CompanyError);

/// The fields checked and normalised: a tax code with its check digit, an ІПН of 12 digits, a
/// single-tax group that exists (1 and 2 only for a ФОП), one-line texts within their limits.
fn checked(new: &NewCompany) -> Result<NewCompany, CompanyError> {
    let name = validate::line(&new.name, Field::Name)?;
    if name.is_empty() {
        return Err(Invalid::EmptyName.into());
    }
    let tax_id = match new.tax_id.trim() {
        "" => String::new(),
        code => validate::tax_id(code)?,
    };
    let vat = match &new.vat {
        Vat::Payer { ipn } => {
            let ipn: String = ipn.chars().filter(|c| !c.is_whitespace()).collect();
            if ipn.len() != 12 || !ipn.bytes().all(|b| b.is_ascii_digit()) {
                return Err(CompanyError::Ipn(ipn));
            }
            Vat::Payer { ipn }
        }
        Vat::SingleTax { group } => {
            if !(1..=3).contains(group) {
                return Err(CompanyError::Group(*group));
            }
            if *group < 3 && tax_id.len() == 8 {
                return Err(CompanyError::GroupNeedsFop);
            }
            Vat::SingleTax { group: *group }
        }
        Vat::None => Vat::None,
    };
    let kind = match validate::line(&new.kind, Field::Name)? {
        k if k.is_empty() => crate::store::companies::kind_of(&name).to_owned(),
        k => k.chars().take(20).collect(),
    };
    Ok(NewCompany {
        kind,
        tax_id,
        vat,
        address: validate::line(&new.address, Field::Customer)?,
        signer: validate::line(&new.signer, Field::Name)?,
        invoice_merchant_id: new.invoice_merchant_id,
        name,
    })
}

fn row(c: &NewCompany) -> crate::store::companies::Row<'_> {
    crate::store::companies::Row {
        name: &c.name,
        kind: &c.kind,
        tax_id: &c.tax_id,
        vat: &c.vat,
        address: &c.address,
        invoice_merchant_id: c.invoice_merchant_id,
        signer: &c.signer,
    }
}

pub fn add(
    conn: &Connection,
    clock: &dyn Clock,
    new: &NewCompany,
) -> Result<Company, CompanyError> {
    let c = checked(new)?;
    if conn.companies().by_name(&c.name)?.is_some() {
        return Err(CompanyError::NameTaken(c.name));
    }
    let id = conn
        .companies()
        .insert(row(&c), &clock.now().to_rfc3339())?;
    get(conn, id)
}

/// Changes a company's fields.
pub fn update(conn: &Connection, id: i64, new: &NewCompany) -> Result<Company, CompanyError> {
    let c = checked(new)?;
    if conn
        .companies()
        .by_name(&c.name)?
        .is_some_and(|other| other.id != id)
    {
        return Err(CompanyError::NameTaken(c.name));
    }
    if !conn.companies().update(id, row(&c))? {
        return Err(CompanyError::NotFound(id.to_string()));
    }
    get(conn, id)
}

/// The company of this id.
pub fn get(conn: &Connection, id: i64) -> Result<Company, CompanyError> {
    conn.companies()
        .get(id)?
        .ok_or_else(|| CompanyError::NotFound(id.to_string()))
}

pub fn list(conn: &Connection) -> Result<Vec<Company>, CompanyError> {
    Ok(conn.companies().all()?)
}

/// The company of this name (any case).
pub fn find(conn: &Connection, name: &str) -> Result<Company, CompanyError> {
    conn.companies()
        .by_name(name)?
        .ok_or_else(|| CompanyError::NotFound(name.trim().to_owned()))
}

/// The company a command means: the one named; else the only one (made, as "Моя компанія",
/// when there is none yet); with several and none named, a refusal that lists them.
pub fn resolve(
    conn: &Connection,
    clock: &dyn Clock,
    name: Option<&str>,
) -> Result<Company, CompanyError> {
    if let Some(name) = name {
        return find(conn, name);
    }
    let mut all = list(conn)?;
    match all.len() {
        0 => add(conn, clock, &NewCompany::named(DEFAULT_NAME)),
        1 => Ok(all.remove(0)),
        _ => Err(CompanyError::Required(
            all.into_iter().map(|c| c.name).collect(),
        )),
    }
}

/// The id a stored invoice or account gets: the one given, else `resolve`'s.
pub fn resolve_id(
    conn: &Connection,
    clock: &dyn Clock,
    id: Option<i64>,
) -> Result<i64, CompanyError> {
    match id {
        Some(id) => get(conn, id).map(|c| c.id),
        None => resolve(conn, clock, None).map(|c| c.id),
    }
}

/// The company an account the bank names belongs to: the one with the bank's tax code for it,
/// else the one of the bank's name for it, else the only one; else a new one made from the
/// bank's data. `bank_name` is what the bank calls the account (`nameACC`).
pub fn recognise(
    conn: &Connection,
    clock: &dyn Clock,
    bank_name: &str,
    bank_tax_id: &str,
) -> Result<Company, CompanyError> {
    if !bank_tax_id.trim().is_empty() {
        if let Some(c) = conn.companies().by_tax_id(bank_tax_id.trim())? {
            return Ok(c);
        }
    }
    let name = validate::line(bank_name, Field::Name).unwrap_or_default();
    if !name.is_empty() {
        if let Some(c) = conn.companies().by_name(&name)? {
            return Ok(c);
        }
    }
    let mut all = list(conn)?;
    if all.len() == 1 && (name.is_empty() || all[0].name == DEFAULT_NAME) {
        return Ok(all.remove(0));
    }
    let mut new = NewCompany::named(if name.is_empty() { DEFAULT_NAME } else { &name });
    new.tax_id = validate::tax_id(bank_tax_id).unwrap_or_default();
    add(conn, clock, &new)
}

/// What to do with a company's accounts and invoices when it is removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Removal {
    /// Refuse while it has any (the counts said).
    Refuse,
    /// Move them to this company first (refused when invoice numbers would clash).
    MoveTo(String),
    /// Delete them with it (the accounts' statements stay, as when an account is removed).
    Delete,
}

/// Removes a company; what still belongs to it is never removed silently. Its accounts' tokens
/// leave `secrets` when the accounts are deleted with it.
pub fn remove(
    store: &mut Store,
    secrets: &dyn crate::secrets::SecretStore,
    name: &str,
    removal: Removal,
) -> Result<(), CompanyError> {
    let company = find(store.conn(), name)?;
    let tx = store.write()?;
    let held = tx.companies().holdings(company.id)?;
    match removal {
        Removal::Refuse if held != Holdings::default() => {
            return Err(CompanyError::InUse {
                name: company.name,
                merchants: held.merchants,
                invoices: held.invoices,
            })
        }
        Removal::Refuse => {}
        Removal::MoveTo(other) => {
            let to = find(&tx, &other)?;
            let clash = tx.companies().clashing_numbers(company.id, to.id)?;
            if !clash.is_empty() {
                return Err(CompanyError::Clash(clash));
            }
            tx.companies().move_holdings(company.id, to.id)?;
        }
        Removal::Delete => {
            for m in tx.merchants().all()? {
                if m.company_id == Some(company.id) {
                    secrets.delete(&m.secret_ref)?;
                }
            }
        }
    }
    tx.companies().remove_with_holdings(company.id)?;
    tx.commit().map_err(StoreError::from)?;
    Ok(())
}

#[cfg(test)]
mod tests;
