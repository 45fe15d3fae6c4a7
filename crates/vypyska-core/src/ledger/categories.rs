//! Expense categories of outgoing payments: a list, ordered rules that pick a category by the
//! counterparty or the purpose, the default category for the rest, and a person's choice that
//! rules never overwrite.
//!
//! Every outgoing row gets at most one category, recorded with where it came from: `manual` (a
//! person), `rule` (the first matching rule, in order) or `default` (the settings' default
//! expense category). `categorize` gives categories to rows that have none; with `reapply` it also
//! recomputes every row not set by hand, so a changed rule reaches past payments on request.

use crate::say;
use crate::store::Connection;
use crate::store::Tables;
use crate::UserError as _;
use regex::Regex;
use serde::{Deserialize, Serialize};

use crate::store::{Store, StoreError};
use crate::{Clock, Lang};

pub use crate::store::categories::Category;
use crate::store::categories::OutRow;

/// What a rule looks at.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// The counterparty's ЄДРПОУ / РНОКПП.
    TaxId,
    /// The counterparty's account number.
    Iban,
    /// The counterparty's name.
    Name,
    /// The payment's purpose.
    Purpose,
}

/// How a rule compares. Text is compared ignoring case and surrounding spaces.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Op {
    Equals,
    Contains,
    Regex,
}

impl Field {
    fn as_str(self) -> &'static str {
        match self {
            Field::TaxId => "tax_id",
            Field::Iban => "iban",
            Field::Name => "name",
            Field::Purpose => "purpose",
        }
    }

    fn parse(s: &str) -> Option<Field> {
        [Field::TaxId, Field::Iban, Field::Name, Field::Purpose]
            .into_iter()
            .find(|f| f.as_str() == s)
    }
}

impl Op {
    fn as_str(self) -> &'static str {
        match self {
            Op::Equals => "equals",
            Op::Contains => "contains",
            Op::Regex => "regex",
        }
    }

    fn parse(s: &str) -> Option<Op> {
        [Op::Equals, Op::Contains, Op::Regex]
            .into_iter()
            .find(|o| o.as_str() == s)
    }
}

/// A rule: when `field` `op` `pattern`, the row goes to `category`. Rules apply in `position`
/// order; the first that matches wins. A rule of a company applies only to its accounts'
/// payments.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rule {
    pub id: i64,
    pub position: i64,
    pub field: Field,
    pub op: Op,
    pub pattern: String,
    pub category: String,
    /// The company it is limited to: (id, name); none for every company's payments.
    pub company: Option<RuleCompany>,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleCompany {
    pub id: i64,
    pub name: String,
}

#[derive(Debug, thiserror::Error)]
pub enum CategoryError {
    #[error("the name is empty")]
    EmptyName,
    #[error("category {0} exists already")]
    Duplicate(String),
    #[error("no category {0}")]
    NotFound(String),
    #[error("no rule {0}")]
    NoRule(i64),
    #[error("the pattern is empty")]
    EmptyPattern,
    #[error("bad regular expression: {0}")]
    BadRegex(String),
    #[error("no statement {0}")]
    NoStatement(i64),
    #[error("only outgoing payments have an expense category")]
    NotOutgoing,
    #[error("no company {0}")]
    NoCompany(i64),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl CategoryError {
    pub fn code(&self) -> crate::Code {
        match self {
            CategoryError::EmptyName => crate::Code::InvalidName,
            CategoryError::Duplicate(_) => crate::Code::NameTaken,
            CategoryError::NotFound(_) => crate::Code::CategoryNotFound,
            CategoryError::NoRule(_) => crate::Code::RuleNotFound,
            CategoryError::EmptyPattern => crate::Code::InvalidPattern,
            CategoryError::BadRegex(_) => crate::Code::InvalidPattern,
            CategoryError::NoStatement(_) => crate::Code::NotFound,
            CategoryError::NotOutgoing => crate::Code::NotOutgoing,
            CategoryError::NoCompany(_) => crate::Code::CompanyNotFound,
            CategoryError::Store(e) => e.code(),
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        match self {
            CategoryError::EmptyName => {
                say!(lang, give_category_name)
            }
            CategoryError::Duplicate(n) => say!(lang, category_exists_already, n),
            CategoryError::NotFound(n) => say!(lang, no_category, n),
            CategoryError::NoRule(id) => {
                say!(lang, no_rule, id)
            }
            CategoryError::EmptyPattern => say!(lang, rule_pattern_empty),
            CategoryError::BadRegex(e) => say!(lang, regular_expression_wrong, e),
            CategoryError::NoStatement(id) => {
                say!(lang, no_payment_id, id)
            }
            CategoryError::NotOutgoing => say!(lang, only_outgoing_payment_has),
            CategoryError::NoCompany(id) => say!(lang, company_not_found, id),
            CategoryError::Store(e) => e.message(lang),
        }
    }
}

fn clean_name(name: &str) -> Result<String, CategoryError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(CategoryError::EmptyName);
    }
    Ok(name.to_owned())
}

/// Every category with its number of rows, in Ukrainian alphabet order.
pub fn list(conn: &Connection) -> Result<Vec<Category>, CategoryError> {
    let mut list = conn.categories().all()?;
    list.sort_by_cached_key(|c| crate::format::sort_key(&c.name));
    Ok(list)
}

fn find(conn: &Connection, name: &str) -> Result<Option<i64>, CategoryError> {
    Ok(conn.categories().id_by_name(name)?)
}

fn find_or_create(conn: &Connection, name: &str) -> Result<i64, CategoryError> {
    let name = clean_name(name)?;
    if let Some(id) = find(conn, &name)? {
        return Ok(id);
    }
    Ok(conn.categories().insert_or_get(&name)?)
}

pub fn add(conn: &Connection, name: &str) -> Result<i64, CategoryError> {
    let name = clean_name(name)?;
    if find(conn, &name)?.is_some() {
        return Err(CategoryError::Duplicate(name));
    }
    find_or_create(conn, &name)
}

pub fn rename(conn: &Connection, name: &str, new_name: &str) -> Result<(), CategoryError> {
    let id = find(conn, name)?.ok_or_else(|| CategoryError::NotFound(name.trim().into()))?;
    let new_name = clean_name(new_name)?;
    if find(conn, &new_name)?.is_some_and(|other| other != id) {
        return Err(CategoryError::Duplicate(new_name));
    }
    Ok(conn.categories().rename(id, &new_name)?)
}

/// Removes a category with its rules; its rows lose the category (and get one again at the
/// next `categorize`, unless a person set it).
pub fn remove(conn: &Connection, name: &str) -> Result<(), CategoryError> {
    let id = find(conn, name)?.ok_or_else(|| CategoryError::NotFound(name.trim().into()))?;
    Ok(conn.categories().remove(id)?)
}

pub fn rules(conn: &Connection) -> Result<Vec<Rule>, CategoryError> {
    Ok(conn
        .categories()
        .rules()?
        .into_iter()
        .map(|r| Rule {
            id: r.id,
            position: r.position,
            field: Field::parse(&r.field).unwrap_or(Field::Purpose),
            op: Op::parse(&r.op).unwrap_or(Op::Contains),
            pattern: r.pattern,
            category: r.category,
            company: r.company.map(|(id, name)| RuleCompany { id, name }),
        })
        .collect())
}

/// Adds a rule at the end of the list, for the payments of one company or (`None`) of all; its
/// category is created when new.
pub fn add_rule(
    conn: &Connection,
    field: Field,
    op: Op,
    pattern: &str,
    category: &str,
    company_id: Option<i64>,
) -> Result<i64, CategoryError> {
    let pattern = pattern.trim();
    if pattern.is_empty() {
        return Err(CategoryError::EmptyPattern);
    }
    Matcher::new(field, op, pattern)?;
    if let Some(id) = company_id {
        conn.companies()
            .get(id)?
            .ok_or(CategoryError::NoCompany(id))?;
    }
    let category_id = find_or_create(conn, category)?;
    Ok(conn.categories().insert_rule(
        field.as_str(),
        op.as_str(),
        pattern,
        category_id,
        company_id,
    )?)
}

pub fn remove_rule(conn: &Connection, id: i64) -> Result<(), CategoryError> {
    match conn.categories().remove_rule(id)? {
        false => Err(CategoryError::NoRule(id)),
        true => Ok(()),
    }
}

/// Moves a rule one place earlier (`up`) or later in the order.
pub fn move_rule(store: &mut Store, id: i64, up: bool) -> Result<(), CategoryError> {
    let mut order: Vec<i64> = store.categories().rules()?.iter().map(|r| r.id).collect();
    let at = order
        .iter()
        .position(|&r| r == id)
        .ok_or(CategoryError::NoRule(id))?;
    let other = if up { at.checked_sub(1) } else { Some(at + 1) };
    if let Some(other) = other.filter(|&o| o < order.len()) {
        order.swap(at, other);
    }
    Ok(store.categories_mut().reorder_rules(&order)?)
}

/// A rule made ready to test rows.
struct Matcher {
    field: Field,
    test: Test,
    /// Only this company's payments, when set.
    company: Option<i64>,
}

enum Test {
    Equals(String),
    Contains(String),
    Regex(Regex),
}

impl Matcher {
    fn new(field: Field, op: Op, pattern: &str) -> Result<Matcher, CategoryError> {
        let fold = |s: &str| s.trim().to_lowercase();
        let test = match op {
            Op::Equals => Test::Equals(fold(pattern)),
            Op::Contains => Test::Contains(fold(pattern)),
            Op::Regex => Test::Regex(
                regex::RegexBuilder::new(pattern)
                    .case_insensitive(true)
                    .size_limit(1 << 20)
                    .build()
                    .map_err(|e| CategoryError::BadRegex(e.to_string()))?,
            ),
        };
        Ok(Matcher {
            field,
            test,
            company: None,
        })
    }

    fn matches(&self, row: &OutRow) -> bool {
        if self.company.is_some() && self.company != row.company_id {
            return false;
        }
        let value = match self.field {
            Field::TaxId => &row.tax_id,
            Field::Iban => &row.iban,
            Field::Name => &row.name,
            Field::Purpose => &row.purpose,
        };
        match &self.test {
            Test::Equals(p) => value.trim().to_lowercase() == *p,
            Test::Contains(p) => value.to_lowercase().contains(p.as_str()),
            Test::Regex(r) => r.is_match(value),
        }
    }
}

/// What `categorize` did.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Categorized {
    /// Rows that had no category and got one.
    pub assigned: u32,
    /// Rows whose category changed (only with `reapply`).
    pub changed: u32,
}

/// Gives every outgoing row without a category the first matching rule's category, or the
/// default one of its company's settings (created when missing; empty: none). With `reapply`,
/// rows categorised automatically before are recomputed too; a person's choice is never
/// touched. One transaction.
pub fn categorize(
    store: &mut Store,
    clock: &dyn Clock,
    settings: &crate::settings::CompanySettings,
    reapply: bool,
) -> Result<Categorized, CategoryError> {
    let now = clock.now().to_rfc3339();
    let tx = store.write()?;
    let mut defaults: std::collections::HashMap<Option<i64>, Option<i64>> = Default::default();
    // A rule stored by an older version that no longer compiles is skipped, not fatal.
    let compiled: Vec<(i64, i64, Matcher)> = tx
        .categories()
        .rules()?
        .into_iter()
        .filter_map(|r| {
            let (field, op) = (Field::parse(&r.field)?, Op::parse(&r.op)?);
            let mut m = Matcher::new(field, op, &r.pattern).ok()?;
            m.company = r.company.map(|(id, _)| id);
            Some((r.id, r.category_id, m))
        })
        .collect();
    let rows = tx.categories().outgoing_to_categorize(reapply)?;
    let mut done = Categorized::default();
    for row in &rows {
        let default_id = match defaults.get(&row.company_id) {
            Some(id) => *id,
            None => {
                let name = &settings.of(row.company_id).default_expense_category;
                let id = match name.trim() {
                    "" => None,
                    name => Some(find_or_create(&tx, name)?),
                };
                *defaults.entry(row.company_id).or_insert(id)
            }
        };
        let picked = compiled
            .iter()
            .find(|(_, _, m)| m.matches(row))
            .map(|(rule, category, _)| (*category, "rule", Some(*rule)))
            .or(default_id.map(|c| (c, "default", None)));
        match (picked, &row.current) {
            (Some((category, source, _)), Some((was, was_source)))
                if category == *was && source == was_source => {}
            (Some((category, source, rule)), current) => {
                tx.categories()
                    .set_row(row.id, category, source, rule, &now)?;
                if current.is_some() {
                    done.changed += 1;
                } else {
                    done.assigned += 1;
                }
            }
            (None, Some(_)) => {
                tx.categories().clear_row(row.id)?;
                done.changed += 1;
            }
            (None, None) => {}
        }
    }
    tx.commit().map_err(StoreError::from)?;
    Ok(done)
}

/// A person sets an outgoing payment's category (`Some`), which rules never overwrite, or hands
/// it back to the rules (`None`).
pub fn set_manually(
    store: &mut Store,
    clock: &dyn Clock,
    statement_id: i64,
    category: Option<&str>,
) -> Result<(), CategoryError> {
    let tx = store.write()?;
    let direction = tx
        .categories()
        .direction(statement_id)?
        .ok_or(CategoryError::NoStatement(statement_id))?;
    if direction != "out" {
        return Err(CategoryError::NotOutgoing);
    }
    match category {
        Some(name) => {
            let id = find(&tx, name)?.ok_or_else(|| CategoryError::NotFound(name.trim().into()))?;
            tx.categories()
                .set_row(statement_id, id, "manual", None, &clock.now().to_rfc3339())?;
        }
        None => tx.categories().clear_row(statement_id)?,
    }
    tx.commit().map_err(StoreError::from)?;
    Ok(())
}

crate::error::user_error!(CategoryError);

#[cfg(test)]
mod tests;
