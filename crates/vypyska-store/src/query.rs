//! Reading statements and balances back: filters, full-text search, keyset pages, totals.

use std::collections::BTreeMap;
use std::str::FromStr;

use crate::db::{Connection, Dialect, Value};
use chrono::NaiveDate;
use privat24::{Direction, State};
use rust_decimal::Decimal;
use serde::Serialize;

use super::Result;

/// Which statements to list. Empty fields do not filter.
#[derive(Debug, Clone, Default)]
pub struct StatementFilter {
    pub merchant: Option<String>,
    /// Only this company's accounts (by name, any case).
    pub company: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub direction: Option<Direction>,
    pub state: Option<State>,
    /// Words to find in the purpose, the counterparty's name or tax code (prefix match).
    pub search: Option<String>,
    /// Only rows linked to an invoice (`true`) or only rows linked to none (`false`).
    pub allocated: Option<bool>,
    /// Only rows in this expense category (by name, any case).
    pub category: Option<String>,
    /// Only this row.
    pub id: Option<i64>,
    /// Rows per page; `None` lists all.
    pub limit: Option<u32>,
    /// Keyset cursor: list rows older than this `(posted_ts, id)`.
    pub before: Option<(i64, i64)>,
}

/// A statement as the CLI's `--json` and the UI see it.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatementRow {
    pub id: i64,
    /// REF/REFN.
    pub key: String,
    pub merchant: Option<String>,
    /// The company of its account.
    pub company: Option<String>,
    pub account: String,
    pub direction: &'static str,
    pub state: &'static str,
    #[cfg_attr(feature = "specta", specta(type = String))]
    #[serde(with = "rust_decimal::serde::str")]
    pub amount: Decimal,
    pub currency: String,
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    #[serde(with = "rust_decimal::serde::str_option")]
    pub amount_uah: Option<Decimal>,
    /// ISO 8601 with the Kyiv offset.
    pub posted_at: String,
    pub value_date: String,
    pub counterparty_name: String,
    pub counterparty_tax_id: String,
    pub counterparty_iban: String,
    pub purpose: String,
    /// Numbers of the invoices this payment is allocated to.
    pub invoices: Vec<String>,
    /// The expense category of an outgoing payment.
    pub category: Option<String>,
    /// The keyset position of this row, for asking for the rows after it.
    #[serde(skip)]
    pub posted_ts: i64,
}

/// Sums of a filtered set, per currency. Reversed and rejected rows moved no money and are left
/// out unless the filter asks for that state.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Totals {
    pub count: u64,
    pub per_currency: BTreeMap<String, CurrencyTotals>,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CurrencyTotals {
    #[cfg_attr(feature = "specta", specta(type = String))]
    #[serde(with = "rust_decimal::serde::str")]
    pub incoming: Decimal,
    #[cfg_attr(feature = "specta", specta(type = String))]
    #[serde(with = "rust_decimal::serde::str")]
    pub outgoing: Decimal,
    #[cfg_attr(feature = "specta", specta(type = String))]
    #[serde(with = "rust_decimal::serde::str")]
    pub net: Decimal,
    pub count: u64,
}

/// The latest stored balance of an account.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BalanceRow {
    pub merchant: Option<String>,
    /// The company of the account.
    pub company: Option<String>,
    pub account: String,
    pub currency: String,
    pub day: String,
    #[cfg_attr(feature = "specta", specta(type = String))]
    #[serde(with = "rust_decimal::serde::str")]
    pub opening: Decimal,
    #[cfg_attr(feature = "specta", specta(type = String))]
    #[serde(with = "rust_decimal::serde::str")]
    pub closing: Decimal,
    #[cfg_attr(feature = "specta", specta(type = String))]
    #[serde(with = "rust_decimal::serde::str")]
    pub turnover_debit: Decimal,
    #[cfg_attr(feature = "specta", specta(type = String))]
    #[serde(with = "rust_decimal::serde::str")]
    pub turnover_credit: Decimal,
    pub is_final: bool,
}

/// Turns what a person types into a full-text query, every word a prefix term, all required:
/// FTS5's (`"word"*`) or PostgreSQL's `tsquery` (`'word':* & …`; the words are letters and
/// digits only, so nothing needs quoting).
fn fts_query(text: &str, dialect: Dialect) -> Option<String> {
    let words = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty());
    let terms: Vec<String> = match dialect {
        Dialect::Sqlite => words
            .map(|w| format!("\"{}\"*", w.replace('"', "\"\"")))
            .collect(),
        Dialect::Postgres => words.map(|w| format!("'{}':*", w.to_lowercase())).collect(),
    };
    let joint = match dialect {
        Dialect::Sqlite => " ",
        Dialect::Postgres => " & ",
    };
    (!terms.is_empty()).then(|| terms.join(joint))
}

/// The text to find literally: a search with no word the index holds.
fn literal_search(f: &StatementFilter, indexed: bool) -> Option<String> {
    let text = f.search.as_deref()?.trim();
    (!indexed && !text.is_empty()).then(|| text.to_owned())
}

/// Driven from the allocations (a few per invoice), not from the statements (millions).
const ALLOCATED: &str = "s.id IN (SELECT statement_id FROM allocations)";

/// A WHERE clause being built: numbered parameters, clauses joined by AND.
#[derive(Default)]
struct Where {
    clauses: Vec<String>,
    params: Vec<Value>,
}

impl Where {
    /// Adds a clause with one `?`, numbered after the parameters so far.
    fn bind(&mut self, clause: &str, value: impl Into<Value>) {
        self.params.push(value.into());
        let n = self.params.len();
        self.clauses.push(clause.replace('?', &format!("?{n}")));
    }

    /// The filters rows and their daily sums share: account, dates, direction and state, on the
    /// table aliased `t`; without a state, only rows that moved money when `live_only`.
    /// The filters every query shares. `merchant` is the query's clause for one merchant's
    /// rows; `accounts`, how it names the account column (a company's accounts are chosen
    /// through it).
    fn common(
        &mut self,
        f: &StatementFilter,
        t: &str,
        (merchant, accounts): (&str, &str),
        live_only: bool,
    ) {
        if let Some(m) = &f.merchant {
            self.bind(merchant, crate::name_key(m));
        }
        if let Some(c) = &f.company {
            self.bind(
                &format!(
                    "{accounts} IN (SELECT m.account FROM merchants m JOIN companies c
                         ON c.id = m.company_id WHERE c.name_key = ?)"
                ),
                crate::name_key(c),
            );
        }
        if let Some(d) = f.from {
            self.bind(&format!("{t}.value_date >= ?"), d.to_string());
        }
        if let Some(d) = f.to {
            self.bind(&format!("{t}.value_date <= ?"), d.to_string());
        }
        if let Some(d) = f.direction {
            self.bind(&format!("{t}.direction = ?"), d.as_str().to_owned());
        }
        match f.state {
            Some(st) => self.bind(&format!("{t}.state = ?"), st.as_str().to_owned()),
            None if live_only => self
                .clauses
                .push(format!("{t}.state IN ('posted', 'pending')")),
            None => {}
        }
    }

    fn into_sql(self) -> (String, Vec<Value>) {
        let sql = if self.clauses.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", self.clauses.join(" AND "))
        };
        (sql, self.params)
    }
}

/// The search index's key of a row: its place in the list, newest last (`posted_ts` then `id`,
/// as `ORDER BY posted_ts, id`). Exact while ids stay below 2^30 and times below 2^33 s.
fn search_key(posted_ts: i64, id: i64) -> i64 {
    // Times outside 1970..2242 (a far-off date typed in a filter) are held at the ends, so the
    // shift never overflows.
    (posted_ts.clamp(0, (1 << 33) - 1) << SEARCH_ID_BITS) | id
}

const SEARCH_ID_BITS: u32 = 30;

/// The search index's keys of rows with a value date between `from` and `to`, bounds
/// included, widened by a day each way: the bank's posted time is the value date (DAT_OD) plus a
/// time of day, so the Kyiv offset is all that separates them; the exact dates are checked on the
/// rows too.
fn search_key_range(from: Option<NaiveDate>, to: Option<NaiveDate>) -> (Option<i64>, Option<i64>) {
    let midnight = |d: NaiveDate| d.and_hms_opt(0, 0, 0).map(|t| t.and_utc().timestamp());
    let lo = from
        .and_then(|d| d.pred_opt())
        .and_then(midnight)
        .map(|ts| search_key(ts, 0));
    let hi = to
        .and_then(|d| d.succ_opt()?.succ_opt())
        .and_then(midnight)
        .map(|ts| search_key(ts, 0));
    (lo, hi)
}

/// The rows a filter selects: the FROM clause (the search index first when searching, so the
/// matches come newest first), the WHERE clause with its parameters, and the list's order.
struct Selection {
    from: String,
    filter: String,
    order: &'static str,
    params: Vec<Value>,
}

fn selection(f: &StatementFilter, for_totals: bool, dialect: Dialect) -> Selection {
    let mut w = Where::default();
    let search = f.search.as_deref().and_then(|t| fts_query(t, dialect));
    let (from, order) = match &search {
        // On the server the words are a generated `tsvector` of the row, found through its GIN
        // index; the list keeps its own order (and its keyset cursor, below).
        Some(q) if dialect == Dialect::Postgres => {
            w.bind("s.search @@ to_tsquery('simple', ?)", q.clone());
            (
                "statements s LEFT JOIN merchants m ON m.id = s.merchant_id".to_owned(),
                "s.posted_ts DESC, s.id DESC",
            )
        }
        Some(q) => {
            w.bind("statements_fts MATCH ?", q.clone());
            let (lo, date_hi) = search_key_range(f.from, f.to);
            let cursor = f
                .before
                .filter(|_| !for_totals)
                .map(|(ts, id)| search_key(ts, id));
            if let Some(lo) = lo {
                w.bind("f.rowid >= ?", lo);
            }
            if let Some(hi) = [date_hi, cursor].into_iter().flatten().min() {
                w.bind("f.rowid < ?", hi);
            }
            // Sums need only the narrow index's columns; forced, as the planner would read
            // whole rows.
            let narrow = if for_totals {
                "INDEXED BY statements_narrow"
            } else {
                ""
            };
            (
                format!(
                    "statements_fts f CROSS JOIN statements s {narrow}
                         ON s.id = (f.rowid & {mask})
                     LEFT JOIN merchants m ON m.id = s.merchant_id",
                    mask = (1i64 << SEARCH_ID_BITS) - 1
                ),
                "f.rowid DESC",
            )
        }
        None => (
            "statements s LEFT JOIN merchants m ON m.id = s.merchant_id".to_owned(),
            "s.posted_ts DESC, s.id DESC",
        ),
    };
    // Text the index does not hold (only signs: `№`, `***`, `%`, an emoji) is found as typed, in
    // the fields the index covers; never taken as no search at all.
    if let Some(literal) = literal_search(f, search.is_some()) {
        let find = match dialect {
            Dialect::Sqlite => "instr",
            Dialect::Postgres => "strpos",
        };
        w.bind(
            &format!(
                "({find}(s.purpose, ?) > 0 OR {find}(s.counterparty_name, ?) > 0
                     OR {find}(s.counterparty_tax_id, ?) > 0)"
            ),
            literal,
        );
    }
    w.common(f, "s", ("m.name_key = ?", "s.account"), for_totals);
    match f.allocated {
        Some(true) => w.clauses.push(ALLOCATED.into()),
        Some(false) => w.clauses.push(format!("NOT {ALLOCATED}")),
        None => {}
    }
    if let Some(c) = f.category.as_deref().filter(|c| !c.trim().is_empty()) {
        w.bind(
            "s.id IN (SELECT sc.statement_id FROM statement_categories sc
                 JOIN categories c ON c.id = sc.category_id WHERE c.name_key = ?)",
            c.trim().to_lowercase(),
        );
    }
    if let Some(id) = f.id {
        w.bind("s.id = ?", id);
    }
    let keyset = search.is_none() || dialect == Dialect::Postgres;
    if keyset && !for_totals {
        if let Some((ts, id)) = f.before {
            w.params.push(Value::Integer(ts));
            w.params.push(Value::Integer(id));
            let n = w.params.len();
            w.clauses
                .push(format!("(s.posted_ts, s.id) < (?{}, ?{n})", n - 1));
        }
    }
    let (filter, params) = w.into_sql();
    Selection {
        from,
        filter,
        order,
        params,
    }
}

fn decimal(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap_or_default()
}

/// Reading statements: pages, search, totals, balances and daily sums: `….statements()`.
pub struct Statements<'c> {
    pub(crate) conn: &'c Connection,
}

impl Statements<'_> {
    /// Statements matching the filter, newest first.
    pub fn statements(&self, f: &StatementFilter) -> Result<Vec<StatementRow>> {
        let Selection {
            from,
            filter,
            order,
            mut params,
        } = selection(f, false, self.conn.dialect());
        let limit = match f.limit {
            Some(n) => {
                params.push(Value::Integer(i64::from(n)));
                format!("LIMIT ?{}", params.len())
            }
            None => String::new(),
        };
        // The numbers apart by a unit separator, which no number holds.
        let joined = self.conn.dialect().joined("i.number", "'\u{1f}'");
        let sql = format!(
            "SELECT s.id, s.key, m.name, s.account, s.direction, s.state, s.amount, s.currency,
                 s.amount_uah, s.posted_at, s.value_date, s.counterparty_name, s.counterparty_tax_id,
                 s.counterparty_iban, s.purpose, s.posted_ts,
                 (SELECT {joined} FROM allocations a
                    JOIN invoices i ON i.id = a.invoice_id WHERE a.statement_id = s.id),
                 (SELECT c.name FROM statement_categories sc JOIN categories c ON c.id = sc.category_id
                    WHERE sc.statement_id = s.id),
                 (SELECT co.name FROM companies co WHERE co.id = m.company_id)
             FROM {from} {filter} ORDER BY {order} {limit}"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(crate::db::params_from_iter(params), |r| {
            let direction: String = r.get(4)?;
            let state: String = r.get(5)?;
            Ok(StatementRow {
                id: r.get(0)?,
                key: r.get(1)?,
                merchant: r.get(2)?,
                account: r.get(3)?,
                direction: Direction::parse(&direction)
                    .unwrap_or(Direction::In)
                    .as_str(),
                state: State::parse(&state).unwrap_or(State::Pending).as_str(),
                amount: decimal(&r.get::<_, String>(6)?),
                currency: r.get(7)?,
                amount_uah: r.get::<_, Option<String>>(8)?.map(|s| decimal(&s)),
                posted_at: r.get(9)?,
                value_date: r.get(10)?,
                counterparty_name: r.get(11)?,
                counterparty_tax_id: r.get(12)?,
                counterparty_iban: r.get(13)?,
                purpose: r.get(14)?,
                posted_ts: r.get(15)?,
                invoices: r
                    .get::<_, Option<String>>(16)?
                    .map(|s| s.split('\u{1f}').map(str::to_owned).collect())
                    .unwrap_or_default(),
                category: r.get(17)?,
                company: r.get(18)?,
            })
        })?;
        Ok(rows.collect::<crate::Result<_>>()?)
    }

    /// In, out and net per currency over the whole filtered set (paging ignored), summed exactly in
    /// minor units.
    pub fn totals(&self, f: &StatementFilter) -> Result<Totals> {
        if f.search.is_none() && f.category.is_none() && f.allocated == Some(false) {
            // Not allocated = everything − allocated: two quick sums instead of a check of every row.
            let all = self.totals(&StatementFilter {
                allocated: None,
                ..f.clone()
            })?;
            let allocated = self.totals(&StatementFilter {
                allocated: Some(true),
                ..f.clone()
            })?;
            return Ok(all.minus(&allocated));
        }
        let (sql, params) = if f.search.is_none() && f.allocated.is_none() && f.category.is_none() {
            daily_totals_sql(f)
        } else {
            scan_totals_sql(f, self.conn.dialect())
        };
        read_totals(self.conn, &sql, params)
    }

    /// The same totals summed from the rows themselves, whatever the filter: the reference the
    /// quicker paths are tested against.
    #[cfg(test)]
    pub(crate) fn totals_by_scan(&self, f: &StatementFilter) -> Result<Totals> {
        let (sql, params) = scan_totals_sql(f, self.conn.dialect());
        read_totals(self.conn, &sql, params)
    }

    /// The newest balance of every account (of one merchant when named).
    pub fn latest_balances(&self, merchant: Option<&str>) -> Result<Vec<BalanceRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT m.name, b.account, b.currency, b.day, b.opening, b.closing, b.turnover_debit,
                 b.turnover_credit, b.is_final,
                 (SELECT co.name FROM companies co WHERE co.id = m.company_id)
             FROM balances b LEFT JOIN merchants m ON m.account = b.account
             WHERE b.day = (SELECT MAX(day) FROM balances WHERE account = b.account)
               AND (CAST(?1 AS TEXT) IS NULL OR m.name_key = ?1)
             ORDER BY m.name, b.account",
        )?;
        let key = merchant.map(crate::name_key);
        let rows = stmt.query_map([key], |r| {
            Ok(BalanceRow {
                merchant: r.get(0)?,
                account: r.get(1)?,
                currency: r.get(2)?,
                day: r.get(3)?,
                opening: decimal(&r.get::<_, String>(4)?),
                closing: decimal(&r.get::<_, String>(5)?),
                turnover_debit: decimal(&r.get::<_, String>(6)?),
                turnover_credit: decimal(&r.get::<_, String>(7)?),
                is_final: r.get(8)?,
                company: r.get(9)?,
            })
        })?;
        Ok(rows.collect::<crate::Result<_>>()?)
    }

    /// Everything the bank sent for one statement, as it sent it.
    pub fn statement_raw(&self, id: i64) -> Result<Option<String>> {
        use crate::db::OptionalExtension;
        Ok(self
            .conn
            .query_row("SELECT raw FROM statements WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?)
    }

    /// Opening and closing balances of each account (of one merchant when named) between two days;
    /// open ends take the earliest and latest stored days.
    pub fn period_balances(
        &self,
        merchant: Option<&str>,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<Vec<PeriodBalance>> {
        let mut stmt = self.conn.prepare_cached(
            "WITH span AS (
                 SELECT account, MIN(day) AS first_day, MAX(day) AS last_day FROM balances
                 WHERE (CAST(?2 AS TEXT) IS NULL OR day >= ?2)
                   AND (CAST(?3 AS TEXT) IS NULL OR day <= ?3)
                 GROUP BY account)
             SELECT m.name, s.account, f.currency, s.first_day, s.last_day, f.opening, l.closing
             FROM span s
             JOIN balances f ON f.account = s.account AND f.day = s.first_day
             JOIN balances l ON l.account = s.account AND l.day = s.last_day
             LEFT JOIN merchants m ON m.account = s.account
             WHERE CAST(?1 AS TEXT) IS NULL OR m.name_key = ?1
             ORDER BY m.name, s.account",
        )?;
        let key = merchant.map(crate::name_key);
        let rows = stmt.query_map(
            crate::db::params![key, from.map(|d| d.to_string()), to.map(|d| d.to_string())],
            |r| {
                Ok(PeriodBalance {
                    merchant: r.get(0)?,
                    account: r.get(1)?,
                    currency: r.get(2)?,
                    first_day: r.get(3)?,
                    last_day: r.get(4)?,
                    opening: decimal(&r.get::<_, String>(5)?),
                    closing: decimal(&r.get::<_, String>(6)?),
                })
            },
        )?;
        Ok(rows.collect::<crate::Result<_>>()?)
    }

    /// Per day of `account` in `from..=to`: the stored posted rows' sums in minor units, (credit,
    /// debit), from the daily sums the triggers keep.
    pub fn posted_day_sums(
        &self,
        account: &str,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<BTreeMap<NaiveDate, (i64, i64)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT value_date, direction, SUM(amount_minor) FROM statement_days
             WHERE account = ?1 AND value_date BETWEEN ?2 AND ?3 AND state = 'posted'
             GROUP BY value_date, direction",
        )?;
        let rows = stmt.query_map(
            crate::db::params![account, from.to_string(), to.to_string()],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, i64>(2)?,
                ))
            },
        )?;
        let mut sums: BTreeMap<NaiveDate, (i64, i64)> = BTreeMap::new();
        for row in rows {
            let (day, direction, minor) = row?;
            let Ok(day) = NaiveDate::from_str(&day) else {
                continue;
            };
            let entry = sums.entry(day).or_default();
            match direction.as_str() {
                "in" => entry.0 += minor,
                _ => entry.1 += minor,
            }
        }
        Ok(sums)
    }
}

fn scan_totals_sql(f: &StatementFilter, dialect: Dialect) -> (String, Vec<Value>) {
    let Selection {
        from,
        filter,
        params,
        ..
    } = selection(f, true, dialect);
    let sql = format!(
        "SELECT s.currency, s.direction, SUM(s.amount_minor), COUNT(*)
         FROM {from} {filter} GROUP BY s.currency, s.direction"
    );
    (sql, params)
}

fn read_totals(conn: &Connection, sql: &str, params: Vec<Value>) -> Result<Totals> {
    let mut stmt = conn.prepare_cached(sql)?;
    let mut rows = stmt.query(crate::db::params_from_iter(params))?;
    let mut totals = Totals::default();
    while let Some(r) = rows.next()? {
        let currency: String = r.get(0)?;
        let direction: String = r.get(1)?;
        let count: u64 = r.get::<_, i64>(3)? as u64;
        if count == 0 {
            continue;
        }
        let sum = Decimal::new(r.get::<_, i64>(2)?, 2);
        let t = totals.per_currency.entry(currency).or_default();
        if direction == "in" {
            t.incoming += sum;
        } else {
            t.outgoing += sum;
        }
        t.net = t.incoming - t.outgoing;
        t.count += count;
        totals.count += count;
    }
    Ok(totals)
}

impl Totals {
    fn minus(mut self, other: &Totals) -> Totals {
        for (currency, o) in &other.per_currency {
            let t = self.per_currency.entry(currency.clone()).or_default();
            t.incoming -= o.incoming;
            t.outgoing -= o.outgoing;
            t.net = t.incoming - t.outgoing;
            t.count -= o.count;
            self.count -= o.count;
        }
        self.per_currency.retain(|_, t| t.count > 0);
        self
    }
}

/// Totals from the daily sums (`statement_days`), for filters on account, dates, direction and
/// state only: the same result as summing the rows, from a few thousand rows at most.
fn daily_totals_sql(f: &StatementFilter) -> (String, Vec<Value>) {
    let mut w = Where::default();
    w.common(
        f,
        "d",
        (
            "d.account IN (SELECT account FROM merchants WHERE name_key = ?)",
            "d.account",
        ),
        true,
    );
    let (filter, params) = w.into_sql();
    let sql = format!(
        "SELECT d.currency, d.direction, SUM(d.amount_minor), SUM(d.rows)
         FROM statement_days d {filter} GROUP BY d.currency, d.direction"
    );
    (sql, params)
}

/// An account's balance over a period: the opening balance of its first stored day in the
/// period and the closing balance of its last.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PeriodBalance {
    pub merchant: Option<String>,
    pub account: String,
    pub currency: String,
    pub first_day: String,
    pub last_day: String,
    #[cfg_attr(feature = "specta", specta(type = String))]
    #[serde(with = "rust_decimal::serde::str")]
    pub opening: Decimal,
    #[cfg_attr(feature = "specta", specta(type = String))]
    #[serde(with = "rust_decimal::serde::str")]
    pub closing: Decimal,
}
