//! The app's settings: typed, validated, stored as text in the `settings` table. The CLI's
//! `settings set KEY VALUE` and the UI go through the same [`Settings::set`].

use crate::store::Connection;
use crate::UserError as _;
use chrono::NaiveTime;
use serde::Serialize;

use crate::schedule::Schedule;
use crate::store::StoreError;
use crate::Lang;

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Settings {
    /// The language of the UI and of messages.
    pub language: String,
    /// Days re-read before the last synced day, to catch pending rows that changed.
    pub lookback_days: u32,
    /// How far back a merchant's first sync reaches.
    pub first_sync_days: u32,
    /// Rows per page asked of the bank (1..=500; the bank recommends 100).
    pub page_limit: u32,
    /// Daily statement update times, Kyiv, e.g. "09:00,13:00,18:00".
    pub sync_times: String,
    /// Also sync every this many minutes within working hours (0: off).
    pub sync_every_minutes: u32,
    /// Working hours for the interval sync, e.g. "08:00-19:00".
    pub work_hours: String,
    /// Start Vypyska (hidden, in the tray) when the user logs in.
    pub autostart: bool,
    /// Link incoming payments to invoices automatically.
    pub auto_allocate: bool,
    /// The category given to outgoing payments no rule matches.
    pub default_expense_category: String,
    /// More new payments than this at once are told as one summary.
    pub notify_summary_above: u32,
    /// The mail server for employees' emails (empty: no email).
    pub smtp_host: String,
    pub smtp_port: u32,
    /// `starttls`, `tls` or `none` (plain, only to this computer).
    pub smtp_tls: String,
    /// The login (its password is in the OS keyring); empty: no login.
    pub smtp_user: String,
    /// The sender address.
    pub smtp_from: String,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            language: "uk".into(),
            lookback_days: 3,
            first_sync_days: 30,
            page_limit: 100,
            sync_times: "09:00,13:00,18:00".into(),
            sync_every_minutes: 0,
            work_hours: "08:00-19:00".into(),
            autostart: true,
            auto_allocate: true,
            default_expense_category: "Інші витрати".into(),
            notify_summary_above: 5,
            smtp_host: String::new(),
            smtp_port: 587,
            smtp_tls: "starttls".into(),
            smtp_user: String::new(),
            smtp_from: String::new(),
        }
    }
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
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl SettingError {
    pub fn code(&self) -> crate::Code {
        match self {
            SettingError::UnknownKey(_) => crate::Code::UnknownSetting,
            SettingError::BadValue { .. } => crate::Code::InvalidSetting,
            SettingError::Store(e) => e.code(),
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        match self {
            SettingError::UnknownKey(k) => lang.pick(
                format!(
                    "Невідоме налаштування «{k}». Відомі: {}",
                    Settings::KEYS.join(", ")
                ),
                format!(
                    "Unknown setting \"{k}\". Known: {}",
                    Settings::KEYS.join(", ")
                ),
            ),
            SettingError::BadValue {
                key,
                value,
                hint_uk,
                hint_en,
            } => lang.pick(
                format!("Значення «{value}» для {key} не підходить: {hint_uk}"),
                format!("The value \"{value}\" is not allowed for {key}: {hint_en}"),
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

fn on_off(b: bool) -> String {
    if b { "on" } else { "off" }.into()
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
        Self::KEYS
            .iter()
            .map(|k| (*k, self.get(k).unwrap_or_default()))
            .collect()
    }

    pub const KEYS: &'static [&'static str] = &[
        "language",
        "sync_times",
        "sync_every_minutes",
        "work_hours",
        "lookback_days",
        "first_sync_days",
        "page_limit",
        "autostart",
        "auto_allocate",
        "default_expense_category",
        "notify_summary_above",
        "smtp_host",
        "smtp_port",
        "smtp_tls",
        "smtp_user",
        "smtp_from",
    ];

    /// Stored values over the defaults. A stored value that no longer validates is ignored.
    pub fn load(conn: &Connection) -> Result<Settings, SettingError> {
        let mut s = Settings::default();
        for (key, value) in crate::store::settings::all(conn)? {
            let _ = s.apply(&key, &value);
        }
        Ok(s)
    }

    pub fn lang(&self) -> Lang {
        self.language.parse().unwrap_or_default()
    }

    /// Validates one value and changes it in memory.
    pub fn apply(&mut self, key: &str, value: &str) -> Result<(), SettingError> {
        match key {
            "language" => {
                let lang: Lang = value.parse().map_err(|_| SettingError::BadValue {
                    key: key.into(),
                    value: value.into(),
                    hint_uk: "uk або en".into(),
                    hint_en: "uk or en".into(),
                })?;
                self.language = lang.code().into();
            }
            "lookback_days" => self.lookback_days = number(key, value, 0..=60)?,
            "first_sync_days" => self.first_sync_days = number(key, value, 1..=1095)?,
            "page_limit" => self.page_limit = number(key, value, 1..=500)?,
            "sync_times" => self.sync_times = times(key, value)?,
            "sync_every_minutes" => self.sync_every_minutes = number(key, value, 0..=720)?,
            "work_hours" => self.work_hours = hours(key, value)?,
            "autostart" => self.autostart = boolean(key, value)?,
            "auto_allocate" => self.auto_allocate = boolean(key, value)?,
            "default_expense_category" => self.default_expense_category = nonempty(key, value, 80)?,
            "notify_summary_above" => self.notify_summary_above = number(key, value, 0..=1000)?,
            "smtp_host" => {
                self.smtp_host = optional(key, value, |v| {
                    !v.contains(char::is_whitespace) && !v.contains('/')
                })?
            }
            "smtp_port" => self.smtp_port = number(key, value, 1..=65535)?,
            "smtp_tls" => {
                self.smtp_tls = match value.trim().to_lowercase().as_str() {
                    t @ ("starttls" | "tls" | "none") => t.to_owned(),
                    _ => {
                        return Err(bad(
                            key,
                            value,
                            "starttls, tls або none",
                            "starttls, tls or none",
                        ))
                    }
                }
            }
            "smtp_user" => {
                self.smtp_user = optional(key, value, |v| !v.contains(char::is_whitespace))?
            }
            "smtp_from" => {
                self.smtp_from = optional(key, value, crate::notifications::plausible_email)?
            }
            _ => return Err(SettingError::UnknownKey(key.into())),
        }
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
        crate::store::settings::put(conn, key, &stored)?;
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
        crate::store::settings::put_all(store, &values)?;
        Ok(s)
    }

    pub fn get(&self, key: &str) -> Option<String> {
        Some(match key {
            "language" => self.language.clone(),
            "lookback_days" => self.lookback_days.to_string(),
            "first_sync_days" => self.first_sync_days.to_string(),
            "page_limit" => self.page_limit.to_string(),
            "sync_times" => self.sync_times.clone(),
            "sync_every_minutes" => self.sync_every_minutes.to_string(),
            "work_hours" => self.work_hours.clone(),
            "autostart" => on_off(self.autostart),
            "auto_allocate" => on_off(self.auto_allocate),
            "default_expense_category" => self.default_expense_category.clone(),
            "notify_summary_above" => self.notify_summary_above.to_string(),
            "smtp_host" => self.smtp_host.clone(),
            "smtp_port" => self.smtp_port.to_string(),
            "smtp_tls" => self.smtp_tls.clone(),
            "smtp_user" => self.smtp_user.clone(),
            "smtp_from" => self.smtp_from.clone(),
            _ => return None,
        })
    }
}

crate::error::user_error!(SettingError);

#[cfg(test)]
mod tests {
    use super::*;

    fn db() -> (tempfile::TempDir, crate::Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = crate::Store::open_in(dir.path()).unwrap();
        (dir, store)
    }

    #[test]
    fn values_are_validated_normalised_and_kept() {
        let (dir, store) = db();
        let s = Settings::set(store.conn(), "sync_times", " 18:00, 9:05,18:00").unwrap();
        assert_eq!(s.sync_times, "09:05,18:00");
        Settings::set(store.conn(), "autostart", "off").unwrap();
        Settings::set(store.conn(), "language", "EN").unwrap();
        Settings::set(store.conn(), "work_hours", "07:30-20:00").unwrap();
        drop(store);
        let store = crate::Store::open_in(dir.path()).unwrap();
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
