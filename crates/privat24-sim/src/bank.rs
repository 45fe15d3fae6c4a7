//! The simulated bank: its accounts and transactions, the request handling that turns them into
//! the API's exact wire format, and the faults a test injects.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use chrono::{Duration as Days, NaiveDate};
use rust_decimal::Decimal;
use serde_json::{json, Map, Value};

use crate::generate::{generate, reference};
use crate::SimConfig;

/// One of the client's accounts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SimAccount {
    pub iban: String,
    pub currency: String,
    pub name: String,
    pub tax_id: String,
    /// Balance at the start of the history.
    pub opening: Decimal,
}

/// One statement line as the bank holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SimTransaction {
    pub account: String,
    pub reference: String,
    pub line: String,
    pub incoming: bool,
    pub amount: Decimal,
    pub currency: String,
    pub day: NaiveDate,
    pub time: (u32, u32),
    pub purpose: String,
    pub doc_number: String,
    pub own_name: String,
    pub own_tax_id: String,
    pub counterparty_name: String,
    pub counterparty_tax_id: String,
    pub counterparty_iban: String,
    pub counterparty_bank: String,
    pub counterparty_bank_name: String,
    pub counterparty_city: String,
    /// "p", "r", "t" or "n".
    pub pr_pr: String,
    pub id: String,
}

impl SimTransaction {
    /// The identity a client should use: REF and REFN joined by `/`.
    pub fn key(&self) -> String {
        format!("{}/{}", self.reference, self.line)
    }

    /// The wire form: every value a string.
    pub fn to_json(&self) -> Value {
        let date = self.day.format("%d.%m.%Y").to_string();
        let (h, m) = self.time;
        let (my, cntr) = ("AUT_MY", "AUT_CNTR");
        let mut o = Map::new();
        let mut put = |k: &str, v: String| {
            o.insert(k.to_owned(), Value::String(v));
        };
        put(&format!("{my}_CRF"), self.own_tax_id.clone());
        put(&format!("{my}_MFO"), "305299".into());
        put(&format!("{my}_ACC"), self.account.clone());
        put(&format!("{my}_NAM"), self.own_name.clone());
        put(&format!("{my}_MFO_NAME"), "АТ КБ \"ПРИВАТБАНК\"".into());
        put(&format!("{my}_MFO_CITY"), "Київ".into());
        put(&format!("{cntr}_CRF"), self.counterparty_tax_id.clone());
        put(&format!("{cntr}_MFO"), self.counterparty_bank.clone());
        put(&format!("{cntr}_ACC"), self.counterparty_iban.clone());
        put(&format!("{cntr}_NAM"), self.counterparty_name.clone());
        put(
            &format!("{cntr}_MFO_NAME"),
            self.counterparty_bank_name.clone(),
        );
        put(&format!("{cntr}_MFO_CITY"), self.counterparty_city.clone());
        put("CCY", self.currency.clone());
        put("FL_REAL", "r".into());
        put("PR_PR", self.pr_pr.clone());
        put("DOC_TYP", "m".into());
        put("NUM_DOC", self.doc_number.clone());
        put("DAT_KL", date.clone());
        put("DAT_OD", date.clone());
        put("OSND", self.purpose.clone());
        put("SUM", self.amount.to_string());
        put("SUM_E", self.amount.to_string());
        put("REF", self.reference.clone());
        put("REFN", self.line.clone());
        put("TIM_P", format!("{h:02}:{m:02}"));
        put("DATE_TIME_DAT_OD_TIM_P", format!("{date} {h:02}:{m:02}:00"));
        put("ID", self.id.clone());
        put("TRANTYPE", if self.incoming { "C" } else { "D" }.into());
        put("TECHNICAL_TRANSACTION_ID", format!("{}_online", self.id));
        put("UETR", String::new());
        put("ULTMT", "N".into());
        Value::Object(o)
    }
}

/// A fault the next request meets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// This HTTP status with an error body (500, 502, 503, 504, 400, 401, 403…).
    Status(u16),
    /// 429 with `Retry-After` in seconds.
    TooManyRequests { retry_after: u64 },
    /// The reply comes after this delay.
    Slow(Duration),
    /// The reply's JSON is cut in half.
    Truncated,
    /// The reply is in cp1251 while its Content-Type does not say so.
    Cp1251,
    /// No fault: this request is served as usual (to place the next fault on a later request).
    Pass,
    /// The headers at once, then the body one byte per interval.
    Trickle(Duration),
    /// A 200 reply of this many bytes (a JSON object padded with spaces).
    Huge(usize),
    /// This listing page is served as the last one (`exist_next_page: false`), the rest of the
    /// range untold.
    CutShort,
    /// An empty page, said to be the last one, in place of this one.
    EmptyLast,
}

/// Faults drawn at random for every data request, from a seed.
#[derive(Debug, Clone)]
pub struct RandomFaults {
    /// Chance of a fault per request, 0.0..=1.0.
    pub rate: f64,
    pub kinds: Vec<Fault>,
    pub seed: u64,
}

#[derive(Debug, Default)]
struct Faults {
    next: VecDeque<Fault>,
    random: Option<(RandomFaults, fastrand::Rng)>,
    maintenance: bool,
    /// Every page after the first starts with the previous page's last row again.
    repeat_rows: bool,
    /// Fields of rows (by key) sent as given instead of their true values.
    garbled: BTreeMap<String, Vec<(String, Value)>>,
    /// Rows (by key) that the listings leave out while the turnovers still count them.
    hidden: BTreeSet<String>,
}

#[derive(Debug)]
struct State {
    config: SimConfig,
    accounts: Vec<SimAccount>,
    rows: Vec<SimTransaction>,
    faults: Faults,
    requests: BTreeMap<String, u64>,
    rng: fastrand::Rng,
}

/// A handle on the simulated bank, shared by the server and the test. Cheap to clone.
#[derive(Debug, Clone)]
pub struct Bank {
    state: Arc<Mutex<State>>,
}

/// A request as the bank sees it.
pub(crate) struct Request<'a> {
    pub path: &'a str,
    pub query: BTreeMap<String, String>,
    pub token: Option<&'a str>,
    pub client_id: Option<&'a str>,
    pub utf8: bool,
}

/// A reply before it goes on the wire.
pub(crate) struct Reply {
    pub status: u16,
    pub body: Vec<u8>,
    pub content_type: &'static str,
    pub retry_after: Option<u64>,
    pub delay: Option<Duration>,
    /// Send the body one byte per this interval.
    pub trickle: Option<Duration>,
}

impl Bank {
    pub fn new(config: SimConfig) -> Self {
        let (accounts, rows) = generate(&config);
        let rng = fastrand::Rng::with_seed(config.seed ^ 0x5EED);
        Bank {
            state: Arc::new(Mutex::new(State {
                config,
                accounts,
                rows,
                faults: Faults::default(),
                requests: BTreeMap::new(),
                rng,
            })),
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn accounts(&self) -> Vec<SimAccount> {
        self.lock().accounts.clone()
    }

    /// Every transaction the bank holds, in the order it lists them.
    pub fn transactions(&self) -> Vec<SimTransaction> {
        self.lock().rows.clone()
    }

    pub fn token(&self) -> String {
        self.lock().config.token.clone()
    }

    pub fn today(&self) -> NaiveDate {
        self.lock().config.today
    }

    /// Moves the bank's today (the history stays).
    pub fn set_today(&self, today: NaiveDate) {
        self.lock().config.today = today;
    }

    /// Queues faults for the next requests, one each, in order.
    pub fn inject(&self, faults: impl IntoIterator<Item = Fault>) {
        self.lock().faults.next.extend(faults);
    }

    /// Drops the queued faults not met yet.
    pub fn clear_faults(&self) {
        self.lock().faults.next.clear();
    }

    pub fn set_random_faults(&self, faults: Option<RandomFaults>) {
        self.lock().faults.random = faults.map(|f| {
            let rng = fastrand::Rng::with_seed(f.seed);
            (f, rng)
        });
    }

    pub fn set_maintenance(&self, on: bool) {
        self.lock().faults.maintenance = on;
    }

    pub fn set_repeat_rows(&self, on: bool) {
        self.lock().faults.repeat_rows = on;
    }

    /// Sends `field` of the row with this key as `value` (a broken date, a negative sum, null)
    /// until [`Bank::mend`].
    pub fn garble(&self, key: &str, field: &str, value: Value) {
        self.lock()
            .faults
            .garbled
            .entry(key.to_owned())
            .or_default()
            .push((field.to_owned(), value));
    }

    /// Every row is sent true again.
    pub fn mend(&self) {
        let mut s = self.lock();
        s.faults.garbled.clear();
        s.faults.hidden.clear();
    }

    /// Leaves the row with this key out of every listing while the turnovers still count it: a
    /// bank whose statement disagrees with its own balances.
    pub fn hide(&self, key: &str) {
        self.lock().faults.hidden.insert(key.to_owned());
    }

    /// Requests served so far per path (faulty ones included).
    pub fn requests(&self, path: &str) -> u64 {
        self.lock().requests.get(path).copied().unwrap_or(0)
    }

    /// Changes the state ("p", "r", "t", "n") of the row with this key; false when there is none.
    pub fn settle(&self, key: &str, pr_pr: &str) -> bool {
        let mut s = self.lock();
        match s.rows.iter_mut().find(|r| r.key() == key) {
            Some(row) => {
                row.pr_pr = pr_pr.into();
                true
            }
            None => false,
        }
    }

    /// Adds a transaction and returns its key. `like` gives every field but the identity, so a
    /// test can add a second, genuine payment identical to an existing one.
    pub fn add_transaction(&self, like: &SimTransaction) -> String {
        let mut s = self.lock();
        let mut row = like.clone();
        row.reference = reference(&mut s.rng);
        row.id = (558_000_000 + s.rows.len()).to_string();
        let key = row.key();
        s.rows.push(row);
        key
    }

    pub(crate) fn handle(&self, req: Request<'_>) -> Reply {
        let mut s = self.lock();
        *s.requests.entry(req.path.to_owned()).or_default() += 1;
        if req.token != Some(s.config.token.as_str())
            || (s.config.client_id.is_some() && req.client_id != s.config.client_id.as_deref())
        {
            return error(401, "Unauthorized: wrong id or token");
        }
        let fault = s.faults.next.pop_front().or_else(|| {
            let (random, rng) = s.faults.random.as_mut()?;
            (rng.f64() < random.rate && !random.kinds.is_empty())
                .then(|| random.kinds[rng.usize(0..random.kinds.len())].clone())
        });
        let mut delay = None;
        let mut trickle = None;
        let mut truncate = false;
        let mut cut = None;
        let mut cp1251 = !req.utf8;
        match fault {
            Some(Fault::Pass) => {}
            Some(Fault::Trickle(every)) => trickle = Some(every),
            Some(Fault::Huge(size)) => {
                let mut body = b"{\"status\":\"SUCCESS\",\"transactions\":[]".to_vec();
                body.resize(size.saturating_sub(1), b' ');
                body.push(b'}');
                return Reply {
                    status: 200,
                    body,
                    content_type: "application/json;charset=utf-8",
                    retry_after: None,
                    delay: None,
                    trickle: None,
                };
            }
            Some(Fault::CutShort) => cut = Some(false),
            Some(Fault::EmptyLast) => cut = Some(true),
            Some(Fault::Status(code)) => return error(code, "Simulated failure"),
            Some(Fault::TooManyRequests { retry_after }) => {
                let mut r = error(429, "Too many requests");
                r.retry_after = Some(retry_after);
                return r;
            }
            Some(Fault::Slow(d)) => delay = Some(d),
            Some(Fault::Truncated) => truncate = true,
            Some(Fault::Cp1251) => cp1251 = true,
            None => {}
        }
        let mut body = match route(&s, &req) {
            Ok(body) => body,
            Err(reply) => return reply,
        };
        if let (Some(empty), Value::Object(obj)) = (cut, &mut body) {
            obj.insert("exist_next_page".into(), Value::Bool(false));
            if empty {
                for list in ["transactions", "balances"] {
                    if let Some(items) = obj.get_mut(list) {
                        *items = Value::Array(Vec::new());
                    }
                }
            }
        }
        let mut bytes = if cp1251 {
            encoding_rs::WINDOWS_1251
                .encode(&body.to_string())
                .0
                .into_owned()
        } else {
            body.to_string().into_bytes()
        };
        if truncate {
            bytes.truncate(bytes.len() / 2);
        }
        Reply {
            status: 200,
            body: bytes,
            // A cp1251 reply is labelled as plain JSON: the client must still read it.
            content_type: if cp1251 && fault.is_none() {
                "application/json;charset=windows-1251"
            } else {
                "application/json;charset=utf-8"
            },
            retry_after: None,
            delay,
            trickle,
        }
    }
}

fn error(status: u16, message: &str) -> Reply {
    let body = json!({"status": "ERROR", "code": status, "message": message, "requestId": "sim"});
    Reply {
        status,
        body: body.to_string().into_bytes(),
        content_type: "application/json;charset=utf-8",
        retry_after: None,
        delay: None,
        trickle: None,
    }
}

fn route(s: &State, req: &Request<'_>) -> Result<Value, Reply> {
    let today = s.config.today;
    let lastday = today - Days::days(1);
    let path = req.path.trim_end_matches('/');
    let Some(path) = path.strip_prefix("/api/statements/") else {
        return Err(error(404, "Not found"));
    };
    if path == "settings" {
        return Ok(
            json!({"status": "SUCCESS", "type": "settings", "settings": {
                "phase": if s.faults.maintenance { "MNT" } else { "WRK" },
                "dates_without_oper_day": [],
                "today": format!("{} 00:00:00", today.format("%d.%m.%Y")),
                "lastday": format!("{} 00:00:00", lastday.format("%d.%m.%Y")),
                "work_balance": if s.faults.maintenance { "Y" } else { "N" },
                "server_date_time": format!("{} 12:00:00", today.format("%d.%m.%Y")),
                "date_final_statement": format!("{} 00:00:00", lastday.format("%d.%m.%Y")),
            }}),
        );
    }
    if s.faults.maintenance {
        return Err(error(503, "Технічні роботи, спробуйте пізніше"));
    }
    let (what, span) = path.split_once('/').unwrap_or((path, ""));
    let (start, end) = match span {
        "" => {
            let Some(start) = req.query.get("startDate").and_then(|d| query_date(d)) else {
                return Err(error(400, "startDate is required (DD-MM-YYYY)"));
            };
            let end = match req.query.get("endDate") {
                Some(d) => query_date(d).ok_or_else(|| error(400, "bad endDate"))?,
                None => today,
            };
            if start < today - Days::days(1095) {
                return Err(error(416, "startDate is out of the available range"));
            }
            (start, end.min(today))
        }
        "interim" => (lastday, today),
        "final" => (lastday, lastday),
        _ => return Err(error(404, "Not found")),
    };
    let limit = req
        .query
        .get("limit")
        .and_then(|l| l.parse::<usize>().ok())
        .unwrap_or(20);
    if !(1..=500).contains(&limit) {
        return Err(error(400, "limit must be 1..500"));
    }
    let offset = match req.query.get("followId") {
        Some(f) => parse_follow(f).ok_or_else(|| error(400, "bad followId"))?,
        None => 0,
    };
    let accounts: Vec<&SimAccount> = s
        .accounts
        .iter()
        .filter(|a| req.query.get("acc").is_none_or(|acc| acc == &a.iban))
        .collect();
    match what {
        "transactions" => {
            let rows: Vec<&SimTransaction> = s
                .rows
                .iter()
                .filter(|r| accounts.iter().any(|a| a.iban == r.account))
                .filter(|r| r.day >= start && r.day <= end)
                .filter(|r| s.faults.hidden.is_empty() || !s.faults.hidden.contains(&r.key()))
                .collect();
            let (page, more) = paginate(&rows, offset, limit, s.faults.repeat_rows);
            let sent = |r: &SimTransaction| {
                let mut row = r.to_json();
                let changes = match s.faults.garbled.is_empty() {
                    true => None,
                    false => s.faults.garbled.get(&r.key()),
                };
                if let (Some(changes), Value::Object(obj)) = (changes, &mut row) {
                    for (field, value) in changes {
                        obj.insert(field.clone(), value.clone());
                    }
                }
                row
            };
            Ok(wrap(
                "transactions",
                page.iter().map(|r| sent(r)).collect(),
                more,
                offset + limit,
                rows.last()
                    .map(|r| format!("{}_online", r.id))
                    .unwrap_or_default(),
            ))
        }
        "balance" => {
            let rows = balances(s, &accounts, start, end);
            let (page, more) = paginate(&rows, offset, limit, false);
            Ok(wrap(
                "balances",
                page.into_iter().cloned().collect(),
                more,
                offset + limit,
                follow_id(rows.len()),
            ))
        }
        _ => Err(error(404, "Not found")),
    }
}

fn paginate<T>(rows: &[T], offset: usize, limit: usize, repeat: bool) -> (Vec<&T>, bool) {
    let from = offset.min(rows.len());
    let to = (offset + limit).min(rows.len());
    let mut page: Vec<&T> = rows[from..to].iter().collect();
    if repeat && offset > 0 && offset <= rows.len() {
        page.insert(0, &rows[offset - 1]);
    }
    (page, to < rows.len())
}

/// The reply wrapper. The bank fills `next_page_id` on the last page too (`last_id`).
fn wrap(kind: &str, items: Vec<Value>, more: bool, next_offset: usize, last_id: String) -> Value {
    let next = if more {
        follow_id(next_offset)
    } else {
        last_id
    };
    json!({"status": "SUCCESS", "type": kind, "exist_next_page": more, "next_page_id": next, kind: items})
}

fn follow_id(offset: usize) -> String {
    format!("{}_online", 620_000_000 + offset)
}

fn parse_follow(f: &str) -> Option<usize> {
    f.strip_suffix("_online")?
        .parse::<usize>()
        .ok()?
        .checked_sub(620_000_000)
}

fn query_date(d: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(d, "%d-%m-%Y").ok()
}

/// One balance row per account and day, computed from the posted transactions.
fn balances(s: &State, accounts: &[&SimAccount], start: NaiveDate, end: NaiveDate) -> Vec<Value> {
    let mut out = Vec::new();
    let final_day = s.config.today - Days::days(1);
    for account in accounts {
        let mut balance = account.opening;
        let mut per_day: BTreeMap<NaiveDate, (Decimal, Decimal)> = BTreeMap::new();
        for r in s
            .rows
            .iter()
            .filter(|r| r.account == account.iban && r.pr_pr == "r")
        {
            let e = per_day.entry(r.day).or_default();
            if r.incoming {
                e.1 += r.amount;
            } else {
                e.0 += r.amount;
            }
        }
        let mut day = per_day.keys().next().copied().unwrap_or(start).min(start);
        while day <= end {
            let (debit, credit) = per_day.get(&day).copied().unwrap_or_default();
            let closing = balance + credit - debit;
            if day >= start {
                let stamp = |d: NaiveDate| format!("{} 00:00:00", d.format("%d.%m.%Y"));
                out.push(json!({
                    "acc": account.iban, "currency": account.currency,
                    "balanceIn": balance.to_string(), "balanceInEq": balance.to_string(),
                    "balanceOut": closing.to_string(), "balanceOutEq": closing.to_string(),
                    "turnoverDebt": debit.to_string(), "turnoverDebtEq": debit.to_string(),
                    "turnoverCred": credit.to_string(), "turnoverCredEq": credit.to_string(),
                    "bgfIBrnm": " ", "brnm": "DNH0", "dpd": stamp(day), "nameACC": account.name,
                    "state": "a", "atp": "D", "flmn": "DN",
                    "date_open_acc_reg": "28.12.2016 00:00:00", "date_open_acc_sys": "28.12.2016 00:00:00",
                    "date_close_acc": "01.01.1900 00:00:00", "is_final_bal": day <= final_day,
                }));
            }
            balance = closing;
            day += Days::days(1);
        }
    }
    out
}
