//! The companies table: the businesses whose accounts and invoices the app keeps (an owner's
//! ТОВ and ФОП, an accountant's clients). What a company's fields may be is the core's
//! (`vypyska_core::companies`).

use crate::db::Value;
use crate::db::{params, params_from_iter, Connection, Dialect, OptionalExtension};
use serde::Serialize;

use crate::{name_key, Result};

/// How a company stands with VAT.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Vat {
    /// A VAT payer, with its ІПН (12 digits).
    Payer { ipn: String },
    /// Not a VAT payer.
    None,
    /// A ФОП (or an entity of group 3) on the single tax.
    SingleTax { group: u8 },
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Company {
    pub id: i64,
    pub name: String,
    /// ТОВ, ФОП, ПП, …
    pub kind: String,
    /// ЄДРПОУ or РНОКПП; empty until known.
    pub tax_id: String,
    pub vat: Vat,
    pub address: String,
    /// The account invoices are paid to.
    pub invoice_merchant_id: Option<i64>,
    pub signer: String,
}

/// A company's fields as saved, checked by the caller.
#[derive(Debug, Clone, Copy)]
pub struct Row<'a> {
    pub name: &'a str,
    pub kind: &'a str,
    pub tax_id: &'a str,
    pub vat: &'a Vat,
    pub address: &'a str,
    pub invoice_merchant_id: Option<i64>,
    pub signer: &'a str,
}

/// What still belongs to a company.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Holdings {
    pub merchants: i64,
    pub invoices: i64,
}

const COLUMNS: &str =
    "id, name, kind, tax_id, vat, vat_id, single_tax_group, address, invoice_merchant_id, signer";

fn from_row(r: &crate::db::Row<'_>) -> crate::Result<Company> {
    let vat = match r.get::<_, String>(4)?.as_str() {
        "payer" => Vat::Payer { ipn: r.get(5)? },
        "single" => Vat::SingleTax {
            group: r.get::<_, Option<u8>>(6)?.unwrap_or(3),
        },
        _ => Vat::None,
    };
    Ok(Company {
        id: r.get(0)?,
        name: r.get(1)?,
        kind: r.get(2)?,
        tax_id: r.get(3)?,
        vat,
        address: r.get(7)?,
        invoice_merchant_id: r.get(8)?,
        signer: r.get(9)?,
    })
}

/// A row's ten values, in the order both the insert and the update name their columns (the
/// VAT status as its three: kind, ІПН, single-tax group).
fn values(row: Row<'_>) -> Vec<Value> {
    let text = |s: &str| Value::Text(s.to_owned());
    let (vat, vat_id, group) = match row.vat {
        Vat::Payer { ipn } => ("payer", ipn.as_str(), None),
        Vat::None => ("none", "", None),
        Vat::SingleTax { group } => ("single", "", Some(*group)),
    };
    vec![
        text(row.name),
        text(&name_key(row.name)),
        text(row.kind),
        text(row.tax_id),
        text(vat),
        text(vat_id),
        group.map_or(Value::Null, |g| Value::Integer(g.into())),
        text(row.address),
        row.invoice_merchant_id.map_or(Value::Null, Value::Integer),
        text(row.signer),
    ]
}

/// The companies: `….companies()`.
pub struct Companies<'c> {
    pub(crate) conn: &'c Connection,
}

impl Companies<'_> {
    /// Every company, by name.
    pub fn all(&self) -> Result<Vec<Company>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM companies ORDER BY name_key"
        ))?;
        let rows = stmt.query_map([], from_row)?;
        Ok(rows.collect::<crate::Result<_>>()?)
    }

    pub fn get(&self, id: i64) -> Result<Option<Company>> {
        Ok(self
            .conn
            .prepare_cached(&format!("SELECT {COLUMNS} FROM companies WHERE id = ?1"))?
            .query_row([id], from_row)
            .optional()?)
    }

    /// The company of this name, ignoring case.
    pub fn by_name(&self, name: &str) -> Result<Option<Company>> {
        Ok(self
            .conn
            .prepare_cached(&format!(
                "SELECT {COLUMNS} FROM companies WHERE name_key = ?1"
            ))?
            .query_row([name_key(name)], from_row)
            .optional()?)
    }

    /// The company with this tax code, when one has it.
    pub fn by_tax_id(&self, tax_id: &str) -> Result<Option<Company>> {
        Ok(self
            .conn
            .prepare_cached(&format!(
                "SELECT {COLUMNS} FROM companies WHERE tax_id = ?1 AND tax_id <> '' LIMIT 1"
            ))?
            .query_row([tax_id], from_row)
            .optional()?)
    }

    /// Saves a new company; its id.
    pub fn insert(&self, row: Row<'_>, created_at: &str) -> Result<i64> {
        let mut values = values(row);
        values.push(Value::Text(created_at.to_owned()));
        Ok(self
            .conn
            .prepare_cached(
                "INSERT INTO companies (name, name_key, kind, tax_id, vat, vat_id,
                     single_tax_group, address, invoice_merchant_id, signer, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) RETURNING id",
            )?
            .query_row(params_from_iter(values), |r| r.get(0))?)
    }

    /// Changes a company's fields; false when there is none of that id.
    pub fn update(&self, id: i64, row: Row<'_>) -> Result<bool> {
        let mut values = values(row);
        values.push(Value::Integer(id));
        let n = self
            .conn
            .prepare_cached(
                "UPDATE companies SET name = ?1, name_key = ?2, kind = ?3, tax_id = ?4, vat = ?5,
                     vat_id = ?6, single_tax_group = ?7, address = ?8, invoice_merchant_id = ?9,
                     signer = ?10
                 WHERE id = ?11",
            )?
            .execute(params_from_iter(values))?;
        Ok(n > 0)
    }

    /// Fills a company's tax code once the bank has named it (a company made from an account's
    /// name has none until its first rows arrive).
    pub fn learn_tax_id(&self, id: i64, tax_id: &str) -> Result<()> {
        self.conn
            .prepare_cached("UPDATE companies SET tax_id = ?2 WHERE id = ?1 AND tax_id = ''")?
            .execute(params![id, tax_id])?;
        Ok(())
    }

    /// Fills the tax code of each company that has none from what the bank sent for our side
    /// of its accounts' newest payments (`AUT_MY_CRF`), when that is a code. Runs after every
    /// sync, so it reads only the last rows of each company still without a code (a bank that
    /// never sends one costs a few rows a run, not a scan of the history).
    pub fn learn_tax_ids(&self) -> Result<usize> {
        // The field of the row's JSON, and "only digits", as each engine says them.
        let (field, digits) = match self.conn.dialect() {
            Dialect::Sqlite => (
                "json_extract(s.raw, '$.AUT_MY_CRF')",
                "crf NOT GLOB '*[^0-9]*'",
            ),
            Dialect::Postgres => ("(s.raw::jsonb ->> 'AUT_MY_CRF')", "crf ~ '^[0-9]+$'"),
        };
        let code_of_newest = format!(
            "(SELECT crf FROM (
                 SELECT trim({field}) AS crf
                 FROM statements s JOIN merchants m ON m.id = s.merchant_id
                 WHERE m.company_id = companies.id ORDER BY s.id DESC LIMIT 50) AS newest
             WHERE length(crf) IN (8, 10) AND {digits} LIMIT 1)"
        );
        Ok(self.conn.execute(
            &format!(
                "UPDATE companies SET tax_id = {code_of_newest}
                 WHERE tax_id = '' AND {code_of_newest} IS NOT NULL"
            ),
            [],
        )?)
    }

    /// The accounts and invoices that still belong to a company.
    pub fn holdings(&self, id: i64) -> Result<Holdings> {
        Ok(self.conn.query_row(
            "SELECT (SELECT COUNT(*) FROM merchants WHERE company_id = ?1),
                    (SELECT COUNT(*) FROM invoices WHERE company_id = ?1)",
            [id],
            |r| {
                Ok(Holdings {
                    merchants: r.get(0)?,
                    invoices: r.get(1)?,
                })
            },
        )?)
    }

    /// Moves every account, invoice and category rule of one company to another (inside the
    /// caller's transaction); the invoices' numbers must not clash (`clashing_numbers` first).
    pub fn move_holdings(&self, from: i64, to: i64) -> Result<()> {
        self.conn.execute(
            "UPDATE merchants SET company_id = ?2 WHERE company_id = ?1",
            [from, to],
        )?;
        self.conn.execute(
            "UPDATE invoices SET company_id = ?2 WHERE company_id = ?1",
            [from, to],
        )?;
        // Its rules go on with its payments; who heard of it hears of where they went.
        self.conn.execute(
            "UPDATE category_rules SET company_id = ?2 WHERE company_id = ?1",
            [from, to],
        )?;
        self.conn.execute(
            "INSERT INTO employee_companies (employee_id, company_id)
             SELECT employee_id, ?2 FROM employee_companies WHERE company_id = ?1
             ON CONFLICT DO NOTHING",
            [from, to],
        )?;
        Ok(())
    }

    /// Numbers of `from`'s invoices that `to` already has.
    pub fn clashing_numbers(&self, from: i64, to: i64) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare(
            "SELECT a.number FROM invoices a JOIN invoices b ON a.number_key = b.number_key
             WHERE a.company_id = ?1 AND b.company_id = ?2 ORDER BY a.number",
        )?;
        let rows = stmt.query_map([from, to], |r| r.get(0))?;
        Ok(rows.collect::<crate::Result<_>>()?)
    }

    /// Removes a company and, inside the caller's transaction, what still belongs to it:
    /// its invoices (with their allocations) and its accounts (their statements stay, as when
    /// an account is removed without them).
    pub fn remove_with_holdings(&self, id: i64) -> Result<bool> {
        self.conn
            .execute("DELETE FROM invoices WHERE company_id = ?1", [id])?;
        self.conn.execute(
            "UPDATE companies SET invoice_merchant_id = NULL WHERE invoice_merchant_id IN
                 (SELECT id FROM merchants WHERE company_id = ?1)",
            [id],
        )?;
        self.conn
            .execute("DELETE FROM merchants WHERE company_id = ?1", [id])?;
        Ok(self
            .conn
            .execute("DELETE FROM companies WHERE id = ?1", [id])?
            > 0)
    }
}

/// The kind a name begins or ends with ("ТОВ «Ромашка»" → ТОВ, "ФОП Шевченко" → ФОП), else "".
pub fn kind_of(name: &str) -> &'static str {
    const KINDS: [&str; 9] = ["ТОВ", "ФОП", "ПП", "ПрАТ", "ПАТ", "АТ", "ДП", "КП", "ГО"];
    let first = name
        .split(|c: char| c.is_whitespace() || c == '«' || c == '"')
        .next()
        .unwrap_or("");
    KINDS
        .into_iter()
        .find(|k| first.eq_ignore_ascii_case(k) || first == *k)
        .unwrap_or("")
}
