//! The app's settings: typed, validated, stored as text in the `settings` table. The CLI's
//! `settings set KEY VALUE` and the UI go through the same [`Settings::set`].

use crate::say;
use crate::store::Connection;
use crate::store::Tables;
use crate::UserError as _;
use chrono::NaiveTime;
use serde::Serialize;

use crate::schedule::Schedule;
use crate::store::StoreError;
use crate::Lang;

/// What a setting's value may be: drives its validation here, the CLI's words and the
/// settings screen's control (a switch, a list, a number field, a text field).
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum SettingKind {
    /// A whole number in a range.
    Number { min: u32, max: u32 },
    /// On or off.
    Switch,
    /// One of a few words.
    Choice { options: &'static [&'static str] },
    /// Kyiv times of day, comma-separated ("09:00,18:00").
    Times,
    /// A span of the day ("08:00-19:00").
    Hours,
    /// Text that may not be empty.
    Text { max: u32 },
    /// A mail server's name or address, or nothing.
    Host,
    /// A login, or nothing.
    Login,
    /// An email address, or nothing.
    Email,
}

/// Where the settings screen shows a setting.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SettingGroup {
    App,
    Sync,
    Ledger,
    Notices,
    Mail,
}

/// One setting as the CLI and the settings screen know it.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SettingSpec {
    pub key: &'static str,
    pub group: SettingGroup,
    pub kind: SettingKind,
    /// A company may set its own value, over the global one.
    pub per_company: bool,
}

/// A field's value as stored text, after its [`SettingKind`] has accepted and normalised it.
trait Value {
    fn from_text(text: &str) -> Self;
    fn to_text(&self) -> String;
}

impl Value for u32 {
    fn from_text(text: &str) -> Self {
        text.parse().unwrap_or_default()
    }
    fn to_text(&self) -> String {
        self.to_string()
    }
}

impl Value for bool {
    fn from_text(text: &str) -> Self {
        text == "on"
    }
    fn to_text(&self) -> String {
        if *self { "on" } else { "off" }.into()
    }
}

impl Value for String {
    fn from_text(text: &str) -> Self {
        text.to_owned()
    }
    fn to_text(&self) -> String {
        self.clone()
    }
}

/// The one list of settings: each entry is the field, its default, its group and its kind, and
/// `per company` when a company may set its own value. The
/// struct, its defaults, [`SPEC`] (which the CLI and the UI's settings screen read), parsing and
/// printing all come from it; adding a setting is one entry here and its label in the UI's
/// locales.
macro_rules! settings {
    (@company) => { false };
    (@company per company) => { true };
    ($($(#[doc = $doc:literal])* $field:ident: $ty:ty = $default:expr, $group:ident, $kind:expr
        $(, $per:ident $company:ident)?;)*) => {
        #[cfg_attr(feature = "specta", derive(specta::Type))]
        #[derive(Debug, Clone, PartialEq, Eq, Serialize)]
        pub struct Settings {
            $($(#[doc = $doc])* pub $field: $ty,)*
        }

        impl Default for Settings {
            fn default() -> Self {
                Settings { $($field: ($default).into(),)* }
            }
        }

        /// Every setting in display order.
        pub const SPEC: &[SettingSpec] = &[
            $(SettingSpec {
                key: stringify!($field),
                group: SettingGroup::$group,
                kind: $kind,
                per_company: settings!(@company $($per $company)?),
            },)*
        ];

        impl Settings {
            /// Sets a field from text its kind has accepted; false for an unknown key.
            fn put_text(&mut self, key: &str, text: &str) -> bool {
                match key {
                    $(stringify!($field) => self.$field = Value::from_text(text),)*
                    _ => return false,
                }
                true
            }

            /// A setting's value as `settings set` takes it.
            pub fn get(&self, key: &str) -> Option<String> {
                Some(match key {
                    $(stringify!($field) => Value::to_text(&self.$field),)*
                    _ => return None,
                })
            }
        }
    };
}

settings! {
    /// The language of the UI and of messages.
    language: String = "uk", App, SettingKind::Choice { options: &["uk", "en"] };
    /// Daily statement update times, Kyiv, e.g. "09:00,13:00,18:00".
    sync_times: String = "09:00,13:00,18:00", Sync, SettingKind::Times;
    /// Also sync every this many minutes within working hours (0: off).
    sync_every_minutes: u32 = 0u32, Sync, SettingKind::Number { min: 0, max: 720 };
    /// Working hours for the interval sync, e.g. "08:00-19:00".
    work_hours: String = "08:00-19:00", Sync, SettingKind::Hours;
    /// Days re-read before the last synced day, to catch pending rows that changed.
    lookback_days: u32 = 3u32, Sync, SettingKind::Number { min: 0, max: 60 };
    /// How far back a merchant's first sync reaches.
    first_sync_days: u32 = 30u32, Sync, SettingKind::Number { min: 1, max: 1095 };
    /// Rows per page asked of the bank (1..=500; the bank recommends 100).
    page_limit: u32 = 100u32, Sync, SettingKind::Number { min: 1, max: 500 };
    /// Start Vypyska (hidden, in the tray) when the user logs in.
    autostart: bool = true, App, SettingKind::Switch;
    /// Link incoming payments to invoices automatically.
    auto_allocate: bool = true, Ledger, SettingKind::Switch, per company;
    /// The category given to outgoing payments no rule matches.
    default_expense_category: String = "Інші витрати", Ledger, SettingKind::Text { max: 80 },
        per company;
    /// More new payments than this at once are told as one summary.
    notify_summary_above: u32 = 5u32, Notices, SettingKind::Number { min: 0, max: 1000 };
    /// The mail server for employees' emails (empty: no email).
    smtp_host: String = "", Mail, SettingKind::Host;
    smtp_port: u32 = 587u32, Mail, SettingKind::Number { min: 1, max: 65535 };
    /// `starttls`, `tls` or `none` (plain, only to this computer).
    smtp_tls: String = "starttls", Mail, SettingKind::Choice { options: &["starttls", "tls", "none"] };
    /// The login (its password is in the OS keyring); empty: no login.
    smtp_user: String = "", Mail, SettingKind::Login;
    /// The sender address.
    smtp_from: String = "", Mail, SettingKind::Email;
}

#[derive(Debug, thiserror::Error)]
pub enum SettingError {
    #[error("unknown setting {0:?}")]
    UnknownKey(String),
    #[error("{key}: {value:?} is not allowed")]
    BadValue {
        key: String,
        value: String,
        hint_uk: String,
        hint_en: String,
    },
    #[error("{0:?} is one for every company")]
    NotPerCompany(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl SettingError {
    pub fn code(&self) -> crate::Code {
        match self {
            SettingError::UnknownKey(_) => crate::Code::UnknownSetting,
            SettingError::BadValue { .. } | SettingError::NotPerCompany(_) => {
                crate::Code::InvalidSetting
            }
            SettingError::Store(e) => e.code(),
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        match self {
            SettingError::UnknownKey(k) => say!(
                lang,
                unknown_setting_known,
                k,
                Settings::keys().collect::<Vec<_>>().join(", ")
            ),
            SettingError::BadValue {
                key,
                value,
                hint_uk,
                hint_en,
            } => say!(lang, value_not_allowed, value, key, hint_uk, hint_en),
            SettingError::NotPerCompany(k) => say!(
                lang,
                setting_not_per_company,
                k,
                Settings::per_company_keys().collect::<Vec<_>>().join(", ")
            ),
            SettingError::Store(e) => e.message(lang),
        }
    }
}

fn number(
    key: &str,
    value: &str,
    range: std::ops::RangeInclusive<u32>,
) -> Result<u32, SettingError> {
    value
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|n| range.contains(n))
        .ok_or_else(|| SettingError::BadValue {
            key: key.into(),
            value: value.into(),
            hint_uk: format!("ціле число від {} до {}", range.start(), range.end()),
            hint_en: format!("a whole number from {} to {}", range.start(), range.end()),
        })
}

fn bad(key: &str, value: &str, uk: &str, en: &str) -> SettingError {
    SettingError::BadValue {
        key: key.into(),
        value: value.into(),
        hint_uk: uk.into(),
        hint_en: en.into(),
    }
}

fn list(value: &str) -> Vec<String> {
    value
        .split(',')
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
        .collect()
}

fn time(value: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(value.trim(), "%H:%M").ok()
}

/// More update times than this a day are a paste gone wrong; an interval does it better.
const MAX_SYNC_TIMES: usize = 24;

/// "9:00, 18:00" → "09:00,18:00": sorted, no repeats, at least one, at most [`MAX_SYNC_TIMES`].
fn times(key: &str, value: &str) -> Result<String, SettingError> {
    let mut parsed = Vec::new();
    for t in list(value) {
        parsed.push(time(&t).ok_or_else(|| {
            bad(
                key,
                value,
                "час у форматі ГГ:ХХ через кому, наприклад 09:00,18:00",
                "times as HH:MM, comma-separated, e.g. 09:00,18:00",
            )
        })?);
    }
    if parsed.is_empty() {
        return Err(bad(
            key,
            value,
            "потрібен хоча б один час",
            "at least one time is needed",
        ));
    }
    parsed.sort();
    parsed.dedup();
    if parsed.len() > MAX_SYNC_TIMES {
        return Err(bad(
            key,
            &format!("{} …", value.chars().take(40).collect::<String>()),
            &format!(
                "не більше {MAX_SYNC_TIMES} часів на день; для частіших оновлень є sync_every_minutes"
            ),
            &format!("at most {MAX_SYNC_TIMES} times a day; sync_every_minutes is for more often"),
        ));
    }
    Ok(parsed
        .iter()
        .map(|t| t.format("%H:%M").to_string())
        .collect::<Vec<_>>()
        .join(","))
}

fn hours(key: &str, value: &str) -> Result<String, SettingError> {
    let err = || {
        bad(
            key,
            value,
            "проміжок ГГ:ХХ-ГГ:ХХ, наприклад 08:00-19:00",
            "a range HH:MM-HH:MM, e.g. 08:00-19:00",
        )
    };
    let (a, b) = value.split_once('-').ok_or_else(err)?;
    let (a, b) = (time(a).ok_or_else(err)?, time(b).ok_or_else(err)?);
    if a >= b {
        return Err(err());
    }
    Ok(format!("{}-{}", a.format("%H:%M"), b.format("%H:%M")))
}

fn boolean(key: &str, value: &str) -> Result<bool, SettingError> {
    match value.trim().to_lowercase().as_str() {
        "on" | "true" | "yes" | "1" | "так" | "увімк" => Ok(true),
        "off" | "false" | "no" | "0" | "ні" | "вимк" => Ok(false),
        _ => Err(bad(key, value, "on або off", "on or off")),
    }
}

fn nonempty(key: &str, value: &str, max: usize) -> Result<String, SettingError> {
    let v = value.trim();
    if v.is_empty() || v.chars().count() > max {
        return Err(bad(
            key,
            value,
            &format!("непорожній текст до {max} символів"),
            &format!("non-empty text up to {max} characters"),
        ));
    }
    Ok(v.to_owned())
}

/// Text that may be empty; when not, `ok` must accept it.
fn optional(key: &str, value: &str, ok: impl Fn(&str) -> bool) -> Result<String, SettingError> {
    let v = value.trim();
    if v.is_empty() || (v.chars().count() <= 200 && ok(v)) {
        return Ok(v.to_owned());
    }
    Err(bad(key, value, "неправильне значення", "not a valid value"))
}

/// "uk або en", "starttls, tls або none".
fn one_of(options: &[&str], or: &str) -> String {
    match options.split_last() {
        Some((last, [])) => (*last).to_owned(),
        Some((last, rest)) => format!("{} {or} {last}", rest.join(", ")),
        None => String::new(),
    }
}

impl SettingKind {
    /// Checks a value typed for `key` and gives it as stored ("9:00, 18:00" → "09:00,18:00",
    /// "так" → "on").
    fn normalise(self, key: &str, value: &str) -> Result<String, SettingError> {
        match self {
            SettingKind::Number { min, max } => {
                number(key, value, min..=max).map(|n| n.to_string())
            }
            SettingKind::Switch => boolean(key, value).map(|b| b.to_text()),
            SettingKind::Choice { options } => {
                let v = value.trim().to_lowercase();
                if options.contains(&v.as_str()) {
                    Ok(v)
                } else {
                    Err(bad(
                        key,
                        value,
                        &one_of(options, "або"),
                        &one_of(options, "or"),
                    ))
                }
            }
            SettingKind::Times => times(key, value),
            SettingKind::Hours => hours(key, value),
            SettingKind::Text { max } => nonempty(key, value, max as usize),
            SettingKind::Host => optional(key, value, |v| {
                !v.contains(char::is_whitespace) && !v.contains('/')
            }),
            SettingKind::Login => optional(key, value, |v| !v.contains(char::is_whitespace)),
            SettingKind::Email => optional(key, value, crate::notifications::plausible_email),
        }
    }
}

impl Settings {
    /// The background sync's timetable.
    pub fn schedule(&self) -> Schedule {
        let (start, end) = self
            .work_hours
            .split_once('-')
            .and_then(|(a, b)| Some((time(a)?, time(b)?)))
            .unwrap_or_else(|| {
                let d = Schedule::default();
                (d.work_start, d.work_end)
            });
        Schedule {
            times: list(&self.sync_times)
                .iter()
                .filter_map(|t| time(t))
                .collect(),
            every_minutes: self.sync_every_minutes,
            work_start: start,
            work_end: end,
        }
    }

    /// Every setting as (key, value) in display order.
    pub fn entries(&self) -> Vec<(&'static str, String)> {
        Settings::keys()
            .map(|k| (k, self.get(k).unwrap_or_default()))
            .collect()
    }

    /// Every setting's key in display order.
    pub fn keys() -> impl Iterator<Item = &'static str> {
        SPEC.iter().map(|s| s.key)
    }

    /// Stored values over the defaults. A stored value that no longer validates is ignored.
    pub fn load(conn: &Connection) -> Result<Settings, SettingError> {
        let mut s = Settings::default();
        for (key, value) in conn.settings().all()? {
            let _ = s.apply(&key, &value);
        }
        Ok(s)
    }

    pub fn lang(&self) -> Lang {
        self.language.parse().unwrap_or_default()
    }

    /// Validates one value and changes it in memory.
    pub fn apply(&mut self, key: &str, value: &str) -> Result<(), SettingError> {
        let spec = SPEC
            .iter()
            .find(|s| s.key == key)
            .ok_or_else(|| SettingError::UnknownKey(key.into()))?;
        let text = spec.kind.normalise(key, value)?;
        self.put_text(key, &text);
        Ok(())
    }

    /// What no single value shows: mail without encryption goes only to this computer (a relay
    /// on loopback), never across a network.
    fn check_together(&self) -> Result<(), SettingError> {
        let host = self.smtp_host.trim();
        if self.smtp_tls == "none" && !host.is_empty() && !crate::validate::is_loopback_host(host) {
            return Err(bad(
                "smtp_tls",
                "none",
                &format!(
                    "без шифрування пошта йде лише до цього комп'ютера (localhost), а не до {host}; \
                     виберіть starttls або tls"
                ),
                &format!(
                    "unencrypted mail goes only to this computer (localhost), not to {host}; \
                     choose starttls or tls"
                ),
            ));
        }
        Ok(())
    }

    /// Validates and stores one setting.
    pub fn set(conn: &Connection, key: &str, value: &str) -> Result<Settings, SettingError> {
        let mut s = Settings::load(conn)?;
        s.apply(key, value)?;
        s.check_together()?;
        let stored = s.get(key).unwrap_or_default();
        conn.settings().put(key, &stored)?;
        Ok(s)
    }

    /// Validates every change first and stores them all in one transaction, or none of them.
    pub fn set_many(
        store: &mut crate::Store,
        changes: &[(String, String)],
    ) -> Result<Settings, SettingError> {
        let mut s = Settings::load(store.conn())?;
        for (key, value) in changes {
            s.apply(key, value)?;
        }
        s.check_together()?;
        let values: Vec<(String, String)> = changes
            .iter()
            .map(|(key, _)| (key.clone(), s.get(key).unwrap_or_default()))
            .collect();
        store.settings_mut().put_all(&values)?;
        Ok(s)
    }

    /// The settings a company may set for itself.
    pub fn per_company_keys() -> impl Iterator<Item = &'static str> {
        SPEC.iter().filter(|s| s.per_company).map(|s| s.key)
    }

    /// Gives a company its own value of a setting (`Some`, validated as the global one is), or
    /// hands it back to the global value (`None`). Only settings marked per company.
    pub fn set_for_company(
        conn: &Connection,
        company_id: i64,
        key: &str,
        value: Option<&str>,
    ) -> Result<(), SettingError> {
        let spec = SPEC
            .iter()
            .find(|s| s.key == key)
            .ok_or_else(|| SettingError::UnknownKey(key.into()))?;
        if !spec.per_company {
            return Err(SettingError::NotPerCompany(key.into()));
        }
        let text = value.map(|v| spec.kind.normalise(key, v)).transpose()?;
        Ok(conn
            .settings()
            .put_company(company_id, key, text.as_deref())?)
    }
}

/// The settings as each company sees them: the global values, and over them what a company set
/// for itself (only settings marked per company).
#[derive(Debug, Clone, Default)]
pub struct CompanySettings {
    pub global: Settings,
    by_company: std::collections::HashMap<i64, Settings>,
    /// The keys each company set for itself (its value may equal the global one).
    own_keys: std::collections::HashMap<i64, Vec<&'static str>>,
}

impl CompanySettings {
    /// `global` (as loaded) with every company's own values over it.
    pub fn over(global: &Settings, conn: &Connection) -> Result<CompanySettings, StoreError> {
        let mut by_company = std::collections::HashMap::new();
        let mut own_keys = std::collections::HashMap::<i64, Vec<&'static str>>::new();
        for (company, key, value) in conn.settings().of_companies()? {
            let Some(spec) = SPEC.iter().find(|s| s.key == key && s.per_company) else {
                continue;
            };
            let own: &mut Settings = by_company.entry(company).or_insert_with(|| global.clone());
            // A stored value that no longer validates falls back to the global one.
            if own.apply(&key, &value).is_ok() {
                own_keys.entry(company).or_default().push(spec.key);
            }
        }
        Ok(CompanySettings {
            global: global.clone(),
            by_company,
            own_keys,
        })
    }

    /// The same settings for every company (what nothing stored for a company gives).
    pub fn same_for_all(global: Settings) -> CompanySettings {
        CompanySettings {
            global,
            ..CompanySettings::default()
        }
    }

    pub fn load(conn: &Connection) -> Result<CompanySettings, SettingError> {
        Ok(CompanySettings::over(&Settings::load(conn)?, conn)?)
    }

    /// A company's settings; the global ones for none, or for a company that set nothing.
    pub fn of(&self, company: Option<i64>) -> &Settings {
        company
            .and_then(|c| self.by_company.get(&c))
            .unwrap_or(&self.global)
    }

    /// Each setting a company may set for itself, with its value for the company and whether
    /// that is the company's own, in display order.
    pub fn values(&self, company: i64) -> Vec<CompanyValue> {
        let keys = self
            .own_keys
            .get(&company)
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        let theirs = self.of(Some(company));
        Settings::per_company_keys()
            .map(|key| CompanyValue {
                key: key.to_owned(),
                value: theirs.get(key).unwrap_or_default(),
                own: keys.contains(&key),
                global: self.global.get(key).unwrap_or_default(),
            })
            .collect()
    }
}

/// A setting as one company sees it.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CompanyValue {
    pub key: String,
    pub value: String,
    /// The company's own value; else the global one.
    pub own: bool,
    /// The global value (what the company has without its own).
    pub global: String,
}

crate::error::user_error!(SettingError);

#[cfg(test)]
mod tests {
    use super::*;

    fn db() -> (tempfile::TempDir, crate::Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = crate::testing::new_store(dir.path());
        (dir, store)
    }

    #[test]
    fn values_are_validated_normalised_and_kept() {
        let (_dir, store) = db();
        let s = Settings::set(store.conn(), "sync_times", " 18:00, 9:05,18:00").unwrap();
        assert_eq!(s.sync_times, "09:05,18:00");
        Settings::set(store.conn(), "autostart", "off").unwrap();
        Settings::set(store.conn(), "language", "EN").unwrap();
        Settings::set(store.conn(), "work_hours", "07:30-20:00").unwrap();
        let store = store.reopen().unwrap();
        let s = Settings::load(store.conn()).unwrap();
        assert_eq!(s.get("sync_times").unwrap(), "09:05,18:00");
        assert!(!s.autostart);
        assert_eq!(s.lang(), Lang::En);
        let plan = s.schedule();
        assert_eq!(plan.times.len(), 2);
        assert_eq!(plan.work_start.format("%H:%M").to_string(), "07:30");
    }

    #[test]
    fn limits_and_combinations_that_no_single_value_shows() {
        let (_dir, mut store) = db();
        let every_minute: Vec<String> = (0..1440)
            .map(|m| format!("{:02}:{:02}", m / 60, m % 60))
            .collect();
        let err = Settings::set(store.conn(), "sync_times", &every_minute.join(",")).unwrap_err();
        assert!(
            err.message(Lang::Uk).contains("не більше 24"),
            "{}",
            err.message(Lang::Uk)
        );
        // Unencrypted mail only to this computer, whichever is set first.
        Settings::set(store.conn(), "smtp_host", "smtp.example.com").unwrap();
        let err = Settings::set(store.conn(), "smtp_tls", "none").unwrap_err();
        assert!(
            err.message(Lang::En).contains("starttls"),
            "{}",
            err.message(Lang::En)
        );
        let changes = [
            ("smtp_tls".to_owned(), "none".to_owned()),
            ("smtp_host".to_owned(), "localhost".to_owned()),
        ];
        let s = Settings::set_many(&mut store, &changes).unwrap();
        assert_eq!(
            (s.smtp_tls.as_str(), s.smtp_host.as_str()),
            ("none", "localhost")
        );
        assert!(Settings::set(store.conn(), "smtp_host", "mail.example.com").is_err());
        assert_eq!(Settings::load(store.conn()).unwrap().smtp_host, "localhost");
    }

    /// Each default is a value its own kind accepts as it is, and each setting's text goes
    /// back and forth through `settings set` unchanged: what `settings` prints can be typed.
    #[test]
    fn every_setting_takes_what_it_prints() {
        let defaults = Settings::default();
        assert_eq!(Settings::keys().count(), SPEC.len());
        for spec in SPEC {
            let text = defaults.get(spec.key).unwrap();
            assert_eq!(
                spec.kind.normalise(spec.key, &text).unwrap(),
                text,
                "{}",
                spec.key
            );
            let mut s = Settings::default();
            s.apply(spec.key, &text).unwrap();
            assert_eq!(s, defaults, "{}", spec.key);
        }
        let mut s = Settings::default();
        s.apply("smtp_tls", " TLS ").unwrap();
        s.apply("autostart", "ні").unwrap();
        assert_eq!((s.smtp_tls.as_str(), s.autostart), ("tls", false));
        let err = s.apply("smtp_tls", "ssl").unwrap_err();
        assert!(err.message(Lang::Uk).contains("starttls, tls або none"));
    }

    #[test]
    fn bad_values_are_refused_and_change_nothing() {
        let (_dir, store) = db();
        for (key, value) in [
            ("sync_times", "25:00"),
            ("sync_times", ""),
            ("work_hours", "19:00-08:00"),
            ("lookback_days", "-1"),
            ("page_limit", "501"),
            ("autostart", "maybe"),
            ("language", "de"),
            ("default_expense_category", "  "),
        ] {
            let err = Settings::set(store.conn(), key, value).unwrap_err();
            assert_eq!(err.code(), "invalid_setting", "{key}={value}");
            assert!(!err.message(Lang::Uk).is_empty());
        }
        assert_eq!(
            Settings::set(store.conn(), "colour", "red")
                .unwrap_err()
                .code(),
            "unknown_setting"
        );
        assert_eq!(Settings::load(store.conn()).unwrap(), Settings::default());
    }
}
