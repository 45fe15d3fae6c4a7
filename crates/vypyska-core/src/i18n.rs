//! The user's language for messages the core produces. Ukrainian first.

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
        E::CredentialsRejected { .. } => lang.pick(
            "Банк відхилив токен (HTTP 401). Створіть новий токен у Приват24 для бізнесу → Автоклієнт → API і замініть його.",
            "The bank rejected the token (HTTP 401). Create a new token in Privat24 for Business → Autoclient → API and replace it.",
        ),
        E::AutoclientDisabled { .. } => lang.pick(
            "Автоклієнт вимкнено або цю IP-адресу не дозволено (HTTP 403). Увімкніть Автоклієнт у Приват24 для бізнесу.",
            "Autoclient is switched off or this IP address is not allowed (HTTP 403). Switch Autoclient on in Privat24 for Business.",
        ),
        E::Maintenance { .. } => lang.pick(
            "Банк проводить технічні роботи. Синхронізацію буде повторено пізніше.",
            "The bank is running maintenance. The sync will be tried again later.",
        ),
        E::RateLimited { .. } => lang.pick(
            "Банк обмежив частоту запитів (HTTP 429). Спробуйте трохи пізніше.",
            "The bank limited the request rate (HTTP 429). Try again a little later.",
        ),
        E::Server { status, .. } => lang.pick(
            format!("Сервер банку не відповідає як слід (HTTP {status}). Спробуйте пізніше; дані не втрачено."),
            format!("The bank's server is failing (HTTP {status}). Try again later; no data was lost."),
        ),
        E::Request { status, message } => lang.pick(
            format!("Банк відхилив запит (HTTP {status}): {message}"),
            format!("The bank refused the request (HTTP {status}): {message}"),
        ),
        E::Malformed { reason } => lang.pick(
            "Банк надіслав відповідь, яку не вдалося прочитати (обірвану або не в форматі банку). Спробуйте пізніше; дані не втрачено.".to_owned(),
            format!("The bank sent a reply that could not be read ({reason}). Try again later."),
        ),
        E::Network { timeout: true, .. } => lang.pick(
            "Банк не відповідає: запит надіслано, але відповіді вчасно не було. Синхронізацію буде повторено пізніше; дані не втрачено.",
            "The bank is not answering: the request was sent but no reply came in time. The sync will be tried again later; no data was lost.",
        ),
        E::ReplyTooLarge { limit } => lang.pick(
            format!("Банк надіслав відповідь, більшу за {} МБ, — такої сторінки виписки не буває; її не прочитано. Спробуйте пізніше; якщо повториться, зверніться до підтримки банку.", limit >> 20),
            format!("The bank sent a reply larger than {} MB, bigger than any statement page; it was not read. Try again later; if it happens again, contact the bank's support.", limit >> 20),
        ),
        E::BadCredentials { what, .. } => {
            let (uk, en) = match *what {
                "client id" => ("ID клієнта", "client ID"),
                _ => ("Токен", "token"),
            };
            lang.pick(
                format!("{uk} має бути рядком латинських літер, цифр і знаків, без пробілів і довжиною до 4096 символів; цей не такий, тому його не надіслано в банк. Скопіюйте його з Приват24 для бізнесу → Автоклієнт ще раз."),
                format!("The {en} must be Latin letters, digits and signs, without spaces, at most 4096 characters; this one is not, so it was not sent to the bank. Copy it again from Privat24 for Business → Autoclient."),
            )
        }
        E::Network { reason, .. } => lang.pick(
            format!("Немає зв'язку з банком: {}. Перевірте інтернет і спробуйте ще раз.", network_cause_uk(reason)),
            format!("Cannot reach the bank ({reason}). Check the internet connection and try again."),
        ),
        E::InvalidBaseUrl { url, reason } => lang.pick(
            format!(
                "Адресу банку {url} не дозволено: {}.",
                if reason.contains("loopback") {
                    "без шифрування (http) — лише до цього комп'ютера; для банку потрібен https"
                } else if reason.contains("https") {
                    "дозволено лише https"
                } else {
                    "це не адреса сервера (потрібно https://сервер[:порт])"
                }
            ),
            format!("The bank address {url} is not allowed: {reason}."),
        ),
    }
}
