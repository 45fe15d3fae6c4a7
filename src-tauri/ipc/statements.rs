//! The statements screen: pages, one row, totals and balances, the bank's fields.

use chrono::NaiveDate;
use privat24::{Direction, State as RowState};
use serde::{Deserialize, Serialize};
use specta::Type;
use std::collections::BTreeMap;
use tauri::State;
use vypyska_core::say;
use vypyska_core::store::query::{PeriodBalance, StatementFilter};
use vypyska_core::store::Tables;
use vypyska_core::store::{StatementRow, Totals};
use vypyska_core::Code;

use super::{CommandError, Reply};
use crate::state::Shared;

/// The statements screen's filters. Dates are `YYYY-MM-DD` (value dates, Kyiv).
#[derive(Debug, Clone, Default, Deserialize, Type)]
pub struct StatementQuery {
    pub merchant: Option<String>,
    /// A company's name: only its accounts' rows.
    pub company: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    /// `in` or `out`.
    pub direction: Option<String>,
    /// `pending`, `posted`, `reversed` or `rejected`.
    pub state: Option<String>,
    pub search: Option<String>,
    pub allocated: Option<bool>,
    /// An expense category's name.
    pub category: Option<String>,
}

/// Where the next page starts: the last row's position.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, Type)]
pub struct Cursor {
    pub ts: i64,
    pub id: i64,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct StatementPage {
    pub rows: Vec<StatementRow>,
    /// `None` on the last page.
    pub next: Option<Cursor>,
}

impl StatementQuery {
    fn filter(&self) -> Reply<StatementFilter> {
        let date = |s: &Option<String>| -> Reply<Option<NaiveDate>> {
            match s.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
                None => Ok(None),
                Some(s) => Ok(vypyska_core::parse::date(s).map(Some)?),
            }
        };
        let nonempty = |s: &Option<String>| {
            s.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
        };
        Ok(StatementFilter {
            merchant: nonempty(&self.merchant),
            company: nonempty(&self.company),
            from: date(&self.from)?,
            to: date(&self.to)?,
            direction: nonempty(&self.direction).and_then(|d| Direction::parse(&d)),
            state: nonempty(&self.state).and_then(|s| RowState::parse(&s)),
            search: nonempty(&self.search),
            allocated: self.allocated,
            category: nonempty(&self.category),
            id: None,
            limit: None,
            before: None,
        })
    }
}

/// One page of statements, newest first; pass `after` from the previous page for the next.
#[tauri::command]
#[specta::specta]
pub async fn list_statements(
    shared: State<'_, Shared>,
    query: StatementQuery,
    after: Option<Cursor>,
    limit: u32,
) -> Reply<StatementPage> {
    let session = shared.session().await;
    let db = session.db.lock().await;
    let limit = limit.clamp(1, 1000);
    let filter = StatementFilter {
        limit: Some(limit),
        before: after.map(|c| (c.ts, c.id)),
        ..query.filter()?
    };
    let rows = db.statements().statements(&filter)?;
    let next = (rows.len() == limit as usize)
        .then(|| {
            rows.last().map(|r| Cursor {
                ts: r.posted_ts,
                id: r.id,
            })
        })
        .flatten();
    Ok(StatementPage { rows, next })
}

/// One statement as the list shows it (a notification opens the app on it).
#[tauri::command]
#[specta::specta]
pub async fn get_statement(shared: State<'_, Shared>, id: i64) -> Reply<StatementRow> {
    let session = shared.session().await;
    let (db, lang) = session.db_and_lang().await;
    let filter = StatementFilter {
        id: Some(id),
        ..StatementFilter::default()
    };
    db.statements()
        .statements(&filter)?
        .pop()
        .ok_or_else(|| CommandError::new(Code::NotFound, say!(lang, no_such_statement)))
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct Summary {
    pub totals: Totals,
    pub balances: Vec<PeriodBalance>,
}

/// Totals of the whole filtered set and each account's opening and closing balance for the period.
#[tauri::command]
#[specta::specta]
pub async fn statement_summary(shared: State<'_, Shared>, query: StatementQuery) -> Reply<Summary> {
    let session = shared.session().await;
    let db = session.db.lock().await;
    let filter = query.filter()?;
    let totals = db.statements().totals(&filter)?;
    let balances =
        db.statements()
            .period_balances(filter.merchant.as_deref(), filter.from, filter.to)?;
    Ok(Summary { totals, balances })
}

/// Every field the bank sent for a statement, as a JSON object.
#[tauri::command]
#[specta::specta]
pub async fn statement_fields(
    shared: State<'_, Shared>,
    id: i64,
) -> Reply<BTreeMap<String, String>> {
    let session = shared.session().await;
    let (db, lang) = session.db_and_lang().await;
    let raw = db
        .statements()
        .statement_raw(id)?
        .ok_or_else(|| CommandError::new(Code::NotFound, say!(lang, no_such_statement)))?;
    let value: serde_json::Value = serde_json::from_str(&raw).unwrap_or_default();
    let fields = value
        .as_object()
        .map(|o| {
            o.iter()
                .map(|(k, v)| {
                    let text = match v {
                        serde_json::Value::String(s) => s.clone(),
                        other => other.to_string(),
                    };
                    (k.clone(), text)
                })
                .collect()
        })
        .unwrap_or_default();
    Ok(fields)
}
