//! The app's settings: typed, validated, stored as text in the `settings` table. The CLI's
//! `settings set KEY VALUE` and the UI go through the same [`Settings::set`].

use rusqlite::{params, Connection};
use serde::Serialize;

use crate::store::StoreError;
use crate::Lang;

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
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            language: "uk".into(),
            lookback_days: 3,
            first_sync_days: 30,
            page_limit: 100,
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
    pub fn code(&self) -> &'static str {
        match self {
            SettingError::UnknownKey(_) => "unknown_setting",
            SettingError::BadValue { .. } => "invalid_setting",
            SettingError::Store(_) => "database",
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
            SettingError::Store(e) => e.to_string(),
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

impl Settings {
    pub const KEYS: &'static [&'static str] =
        &["language", "lookback_days", "first_sync_days", "page_limit"];

    /// Stored values over the defaults. A stored value that no longer validates is ignored.
    pub fn load(conn: &Connection) -> Result<Settings, SettingError> {
        let mut s = Settings::default();
        let mut stmt = conn
            .prepare("SELECT key, value FROM settings")
            .map_err(StoreError::from)?;
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
            .map_err(StoreError::from)?;
        for row in rows {
            let (key, value) = row.map_err(StoreError::from)?;
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
            _ => return Err(SettingError::UnknownKey(key.into())),
        }
        Ok(())
    }

    /// Validates and stores one setting.
    pub fn set(conn: &Connection, key: &str, value: &str) -> Result<Settings, SettingError> {
        let mut s = Settings::load(conn)?;
        s.apply(key, value)?;
        let stored = s.get(key).unwrap_or_default();
        conn.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![key, stored],
        )
        .map_err(StoreError::from)?;
        Ok(s)
    }

    pub fn get(&self, key: &str) -> Option<String> {
        Some(match key {
            "language" => self.language.clone(),
            "lookback_days" => self.lookback_days.to_string(),
            "first_sync_days" => self.first_sync_days.to_string(),
            "page_limit" => self.page_limit.to_string(),
            _ => return None,
        })
    }
}
