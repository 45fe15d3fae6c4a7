//! Expense categories, their ordered rules and each outgoing row's category with where it came
//! from: the rows. Matching rules to payments, and the words of every refusal, are the core's
//! (`vypyska_core::categories`).

use crate::db::{params, Connection, OptionalExtension};
use serde::Serialize;

use crate::{name_key, Result, Store};

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Category {
    pub id: i64,
    pub name: String,
    /// Outgoing rows in it.
    pub rows: u64,
}

/// A rule as stored: its field and comparison as text (the core reads them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleRow {
    pub id: i64,
    pub position: i64,
    pub field: String,
    pub op: String,
    pub pattern: String,
    pub category_id: i64,
    pub category: String,
    /// The company whose payments it applies to; none: every company's.
    pub company: Option<(i64, String)>,
}

/// An outgoing row as categorising reads it, with its category now (and where it came from).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutRow {
    pub id: i64,
    pub tax_id: String,
    pub iban: String,
    pub name: String,
    pub purpose: String,
    /// Its account's company, when the account is still there.
    pub company_id: Option<i64>,
    pub current: Option<(i64, String)>,
}

/// Categories, their rules and each outgoing payment's category: `….categories()`.
pub struct Categories<'c> {
    pub(crate) conn: &'c Connection,
}

impl Categories<'_> {
    /// Every category with its number of rows, in no particular order.
    pub fn all(&self) -> Result<Vec<Category>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.id, c.name, (SELECT COUNT(*) FROM statement_categories sc WHERE sc.category_id = c.id)
             FROM categories c",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(Category {
                id: r.get(0)?,
                name: r.get(1)?,
                rows: r.get::<_, i64>(2)? as u64,
            })
        })?;
        Ok(rows.collect::<crate::Result<_>>()?)
    }

    /// The category of this name, ignoring case.
    pub fn id_by_name(&self, name: &str) -> Result<Option<i64>> {
        Ok(self
            .conn
            .query_row(
                "SELECT id FROM categories WHERE name_key = ?1",
                [name_key(name)],
                |r| r.get(0),
            )
            .optional()?)
    }

    pub fn insert(&self, name: &str) -> Result<i64> {
        Ok(self.conn.query_row(
            "INSERT INTO categories (name, name_key) VALUES (?1, ?2) RETURNING id",
            params![name, name_key(name)],
            |r| r.get(0),
        )?)
    }

    /// The category of that name, made when missing: another desktop making the same one at
    /// that moment is no error (its row is the one found).
    pub fn insert_or_get(&self, name: &str) -> Result<i64> {
        use crate::db::OptionalExtension;
        let made: Option<i64> = self
            .conn
            .query_row(
                "INSERT INTO categories (name, name_key) VALUES (?1, ?2)
                 ON CONFLICT (name_key) DO NOTHING RETURNING id",
                params![name, name_key(name)],
                |r| r.get(0),
            )
            .optional()?;
        match made {
            Some(id) => Ok(id),
            None => Ok(self.conn.query_row(
                "SELECT id FROM categories WHERE name_key = ?1",
                params![name_key(name)],
                |r| r.get(0),
            )?),
        }
    }

    pub fn rename(&self, id: i64, name: &str) -> Result<()> {
        self.conn.execute(
            "UPDATE categories SET name = ?1, name_key = ?2 WHERE id = ?3",
            params![name, name_key(name), id],
        )?;
        Ok(())
    }

    /// Removes a category with its rules; its rows lose the category.
    pub fn remove(&self, id: i64) -> Result<()> {
        self.conn
            .execute("DELETE FROM categories WHERE id = ?1", [id])?;
        Ok(())
    }

    /// The rules in their order.
    pub fn rules(&self) -> Result<Vec<RuleRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT r.id, r.position, r.field, r.op, r.pattern, r.category_id, c.name,
                 co.id, co.name
             FROM category_rules r JOIN categories c ON c.id = r.category_id
                 LEFT JOIN companies co ON co.id = r.company_id
             ORDER BY r.position, r.id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(RuleRow {
                id: r.get(0)?,
                position: r.get(1)?,
                field: r.get(2)?,
                op: r.get(3)?,
                pattern: r.get(4)?,
                category_id: r.get(5)?,
                category: r.get(6)?,
                company: match r.get::<_, Option<i64>>(7)? {
                    Some(id) => Some((id, r.get(8)?)),
                    None => None,
                },
            })
        })?;
        Ok(rows.collect::<crate::Result<_>>()?)
    }

    /// Adds a rule at the end of the order; its id.
    pub fn insert_rule(
        &self,
        field: &str,
        op: &str,
        pattern: &str,
        category_id: i64,
        company_id: Option<i64>,
    ) -> Result<i64> {
        Ok(self.conn.query_row(
            "INSERT INTO category_rules (position, field, op, pattern, category_id, company_id)
             VALUES ((SELECT COALESCE(MAX(position), 0) + 1 FROM category_rules), ?1, ?2, ?3, ?4, ?5)
             RETURNING id",
            params![field, op, pattern, category_id, company_id],
            |r| r.get(0),
        )?)
    }

    /// False when there is no such rule.
    pub fn remove_rule(&self, id: i64) -> Result<bool> {
        Ok(self
            .conn
            .execute("DELETE FROM category_rules WHERE id = ?1", [id])?
            > 0)
    }

    /// The outgoing rows without a category, and with `reapply` those categorised automatically
    /// too (a person's choice never).
    pub fn outgoing_to_categorize(&self, reapply: bool) -> Result<Vec<OutRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT s.id, s.counterparty_tax_id, s.counterparty_iban, s.counterparty_name, s.purpose,
                 sc.category_id, sc.source,
                 (SELECT m.company_id FROM merchants m WHERE m.id = s.merchant_id)
             FROM statements s LEFT JOIN statement_categories sc ON sc.statement_id = s.id
             WHERE s.direction = 'out'
               AND (sc.statement_id IS NULL OR (?1 AND sc.source <> 'manual'))",
        )?;
        let rows = stmt.query_map([reapply], |r| {
            let current = match r.get::<_, Option<i64>>(5)? {
                Some(c) => Some((c, r.get::<_, String>(6)?)),
                None => None,
            };
            Ok(OutRow {
                id: r.get(0)?,
                tax_id: r.get(1)?,
                iban: r.get(2)?,
                name: r.get(3)?,
                purpose: r.get(4)?,
                company_id: r.get(7)?,
                current,
            })
        })?;
        Ok(rows.collect::<crate::Result<_>>()?)
    }

    /// A row's category, from `source` (`manual`, `rule` or `default`).
    pub fn set_row(
        &self,
        statement_id: i64,
        category_id: i64,
        source: &str,
        rule_id: Option<i64>,
        at: &str,
    ) -> Result<()> {
        self.conn
            .prepare_cached(
                "INSERT INTO statement_categories (statement_id, category_id, source, rule_id, at)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (statement_id) DO UPDATE SET category_id = excluded.category_id,
                 source = excluded.source, rule_id = excluded.rule_id, at = excluded.at",
            )?
            .execute(params![statement_id, category_id, source, rule_id, at])?;
        Ok(())
    }

    /// A row without a category.
    pub fn clear_row(&self, statement_id: i64) -> Result<()> {
        self.conn
            .prepare_cached("DELETE FROM statement_categories WHERE statement_id = ?1")?
            .execute([statement_id])?;
        Ok(())
    }

    /// A statement's direction (`in`/`out`), when there is such a statement.
    pub fn direction(&self, statement_id: i64) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row(
                "SELECT direction FROM statements WHERE id = ?1",
                [statement_id],
                |r| r.get(0),
            )
            .optional()?)
    }
}

/// What changes several rows at once, each in one transaction of its own: `store.categories_mut()`.
pub struct CategoriesMut<'s> {
    pub(crate) store: &'s mut Store,
}

impl CategoriesMut<'_> {
    /// Puts the rules in this order (ids), in one transaction.
    pub fn reorder_rules(&mut self, order: &[i64]) -> Result<()> {
        let tx = self.store.write()?;
        for (position, rule) in order.iter().enumerate() {
            tx.execute(
                "UPDATE category_rules SET position = ?1 WHERE id = ?2",
                params![position as i64 + 1, rule],
            )?;
        }
        tx.commit()?;
        Ok(())
    }
}
