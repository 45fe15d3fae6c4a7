//! The user's language, and every message of the app in one catalog per language
//! ([`uk`], [`en`]): `say!(lang, name, args…)` gives message `name` in `lang`. A message lives
//! once in each catalog, so a translator reads and edits one file; one missing from either is a
//! compile error. Ukrainian first.

pub mod en;
pub mod uk;

/// Message `name` of the catalogs in `lang`, with its values: `say!(lang, name_taken, name)`.
#[macro_export]
macro_rules! say {
    ($lang:expr, $name:ident $(, $arg:expr)* $(,)?) => {
        match $lang {
            $crate::Lang::Uk => $crate::i18n::uk::$name($(&$arg),*),
            $crate::Lang::En => $crate::i18n::en::$name($(&$arg),*),
        }
    };
}

use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Uk,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Uk => "uk",
            Lang::En => "en",
        }
    }

    /// Picks the Ukrainian or the English text.
    pub fn pick(self, uk: impl Into<String>, en: impl Into<String>) -> String {
        match self {
            Lang::Uk => uk.into(),
            Lang::En => en.into(),
        }
    }
}

impl FromStr for Lang {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        match s.trim().to_ascii_lowercase().as_str() {
            "uk" | "ua" | "uk-ua" => Ok(Lang::Uk),
            "en" | "en-us" | "en-gb" => Ok(Lang::En),
            _ => Err(()),
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The Ukrainian form of a noun after the number `n`: 1 рядок, 2–4 рядки, 5–20 рядків, 21 рядок…
pub fn plural_uk<'a>(n: u64, one: &'a str, few: &'a str, many: &'a str) -> &'a str {
    match (n % 10, n % 100) {
        (1, r) if r != 11 => one,
        (2..=4, r) if !(12..=14).contains(&r) => few,
        _ => many,
    }
}

/// The cause of a failed connection in Ukrainian words (the technical text, in English, stays in
/// the English message and the log).
fn network_cause_uk(reason: &str) -> &'static str {
    let r = reason.to_ascii_lowercase();
    if r.contains("certificate") {
        "сертифікат сервера не підтверджено (з'єднання могли підмінити)"
    } else if r.contains("refused") {
        "сервер відхилив з'єднання"
    } else if r.contains("dns") || r.contains("resolve") || r.contains("lookup") {
        "не вдалося знайти адресу банку (DNS)"
    } else if r.contains("tls") || r.contains("handshake") || r.contains("protocol") {
        "не вдалося встановити захищене з'єднання"
    } else if r.contains("reset") || r.contains("closed") || r.contains("broken pipe") {
        "з'єднання обірвалося"
    } else {
        "з'єднання не вдалося"
    }
}

/// What a bank error means to the user and what to do about it.
pub fn bank_error(e: &privat24::Error, lang: Lang) -> String {
    use privat24::Error as E;
    match e {
        E::CredentialsRejected { .. } => say!(lang, bank_rejected_token_http),
        E::AutoclientDisabled { .. } => say!(lang, autoclient_switched_off_ip),
        E::Maintenance { .. } => say!(lang, bank_running_maintenance_sync),
        E::RateLimited { .. } => say!(lang, bank_limited_request_rate),
        E::Server { status, .. } => say!(lang, bank_s_server_failing, status),
        E::Request { status, message } => say!(lang, bank_refused_request_http, status, message),
        E::Malformed { reason } => say!(lang, bank_sent_reply_could, reason),
        E::Network { timeout: true, .. } => say!(lang, bank_not_answering_request),
        E::ReplyTooLarge { limit } => say!(lang, bank_sent_reply_larger, limit >> 20),
        E::BadCredentials { what, .. } => {
            let (uk, en) = match *what {
                "client id" => ("ID клієнта", "client ID"),
                _ => ("Токен", "token"),
            };
            say!(lang, must_latin_letters_digits, uk, en)
        }
        E::Network { reason, .. } => say!(
            lang,
            cannot_reach_bank_check,
            network_cause_uk(reason),
            reason
        ),
        E::InvalidBaseUrl { url, reason } => say!(
            lang,
            bank_address_not_allowed,
            url,
            if reason.contains("loopback") {
                "без шифрування (http) — лише до цього комп'ютера; для банку потрібен https"
            } else if reason.contains("https") {
                "дозволено лише https"
            } else {
                "це не адреса сервера (потрібно https://сервер[:порт])"
            },
            reason
        ),
    }
}
