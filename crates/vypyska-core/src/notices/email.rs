//! Notices by email: to employees with an address, when a mail server is set up in settings
//! (`smtp_*`; the login's password in the OS keyring). Plain text plus simple HTML, in the
//! user's language. A failure is returned in words and kept with the notices; it never stops a
//! sync.

use crate::say;
use std::time::Duration;

use lettre::message::{header::ContentType, Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{Message, SmtpTransport, Transport};

use crate::notifications::{self, Notice};
use crate::secrets::{self, SecretError};
use crate::settings::Settings;
use crate::store::Store;
use crate::Lang;

/// The keyring entry of the mail server's password.
pub const PASSWORD_ENTRY: &str = "smtp-password";

#[derive(Debug, thiserror::Error)]
pub enum EmailError {
    #[error("no mail server is set up")]
    NotSetUp,
    #[error("plain SMTP only to this computer")]
    PlainToRemote,
    #[error("bad address {0}")]
    Address(String),
    #[error(transparent)]
    Secret(#[from] SecretError),
    #[error("{0}")]
    Send(String),
}

impl EmailError {
    pub fn code(&self) -> crate::Code {
        match self {
            EmailError::NotSetUp => crate::Code::SmtpNotSetUp,
            EmailError::PlainToRemote => crate::Code::SmtpInsecure,
            EmailError::Address(_) => crate::Code::InvalidEmail,
            EmailError::Secret(e) => e.code(),
            EmailError::Send(_) => crate::Code::SmtpFailed,
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        match self {
            EmailError::NotSetUp => say!(lang, no_mail_server_set),
            EmailError::PlainToRemote => say!(lang, without_encryption_none_only),
            EmailError::Address(a) => say!(lang, address_wrong, a),
            EmailError::Secret(e) => e.message(lang),
            EmailError::Send(e) => say!(lang, email_not_sent_check, e),
        }
    }
}

use crate::validate::is_loopback_host as is_loopback;

fn transport(settings: &Settings) -> Result<SmtpTransport, EmailError> {
    let host = settings.smtp_host.trim();
    if host.is_empty() || settings.smtp_from.trim().is_empty() {
        return Err(EmailError::NotSetUp);
    }
    let send = |e: lettre::transport::smtp::Error| EmailError::Send(e.to_string());
    let tls = || TlsParameters::new(host.to_owned()).map_err(send);
    let tls = match settings.smtp_tls.as_str() {
        "none" if !is_loopback(host) => return Err(EmailError::PlainToRemote),
        "none" => Tls::None,
        "tls" => Tls::Wrapper(tls()?),
        _ => Tls::Required(tls()?),
    };
    let mut builder = SmtpTransport::builder_dangerous(host)
        .port(settings.smtp_port as u16)
        .tls(tls)
        .timeout(Some(Duration::from_secs(15)));
    if !settings.smtp_user.trim().is_empty() {
        let password = secrets::load_password(PASSWORD_ENTRY)?.unwrap_or_default();
        builder = builder.credentials(Credentials::new(
            settings.smtp_user.trim().to_owned(),
            password,
        ));
    }
    Ok(builder.build())
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// One letter to one person: the subject, then each notice as a title and a line.
fn letter(
    settings: &Settings,
    to: &str,
    name: &str,
    subject: &str,
    items: &[(String, String)],
) -> Result<Message, EmailError> {
    let mailbox = |addr: &str, name: Option<&str>| -> Result<Mailbox, EmailError> {
        let address = addr
            .trim()
            .parse()
            .map_err(|_| EmailError::Address(addr.to_owned()))?;
        Ok(Mailbox::new(name.map(str::to_owned), address))
    };
    let text: String = items.iter().map(|(t, b)| format!("{t}\n{b}\n\n")).collect();
    let html: String = format!(
        "<!doctype html><html><body style=\"font-family:sans-serif\">{}<p style=\"color:#6b7280\">Vypyska</p></body></html>",
        items
            .iter()
            .map(|(t, b)| format!("<p><b>{}</b><br>{}</p>", escape(t), escape(b)))
            .collect::<String>()
    );
    Message::builder()
        .from(mailbox(&settings.smtp_from, Some("Vypyska"))?)
        .to(mailbox(to, Some(name))?)
        .subject(subject)
        .multipart(
            MultiPart::alternative()
                .singlepart(
                    SinglePart::builder()
                        .header(ContentType::TEXT_PLAIN)
                        .body(text),
                )
                .singlepart(
                    SinglePart::builder()
                        .header(ContentType::TEXT_HTML)
                        .body(html),
                ),
        )
        .map_err(|e| EmailError::Send(e.to_string()))
}

/// Sends a test letter, so a person sees the settings work.
pub fn send_test(settings: &Settings, to: &str) -> Result<(), EmailError> {
    let lang = settings.lang();
    let mailer = transport(settings)?;
    let subject = say!(lang, vypyska_mail_test);
    let line = say!(lang, mail_set_up_notices);
    let message = letter(settings, to, to, &subject, &[(subject.clone(), line)])?;
    mailer
        .send(&message)
        .map(drop)
        .map_err(|e| EmailError::Send(e.to_string()))
}

/// Emails the new notices to each employee with an address, the kinds chosen for them, one
/// letter each. Without a mail server nothing is sent (and nothing is an error). A failure is
/// kept with the notices concerned (`delivery_error`) and returned in words.
pub fn deliver(store: &Store, settings: &Settings, notices: &[Notice]) -> Vec<String> {
    if settings.smtp_host.trim().is_empty() || notices.is_empty() {
        return Vec::new();
    }
    let lang = settings.lang();
    let Ok(employees) = notifications::employees(store.conn()) else {
        return Vec::new();
    };
    let mut failures = Vec::new();
    let mailer = match transport(settings) {
        Ok(m) => Some(m),
        Err(e) => {
            failures.push(e.message(lang));
            None
        }
    };
    for person in employees.iter().filter(|e| !e.email.is_empty()) {
        let theirs: Vec<&Notice> = notices.iter().filter(|n| person.hears(n)).collect();
        if theirs.is_empty() {
            continue;
        }
        let subject = match theirs.as_slice() {
            [one] => one.title.clone(),
            many => say!(lang, vypyska_new_notices, many.len()),
        };
        let items: Vec<(String, String)> = theirs
            .iter()
            .map(|n| (n.title.clone(), n.body.clone()))
            .collect();
        let result = match &mailer {
            None => Err(failures.first().cloned().unwrap_or_default()),
            Some(m) => letter(settings, &person.email, &person.name, &subject, &items)
                .and_then(|msg| {
                    m.send(&msg)
                        .map(drop)
                        .map_err(|e| EmailError::Send(e.to_string()))
                })
                .map_err(|e| e.message(lang)),
        };
        if let Err(why) = result {
            let line = format!("{} ({}): {why}", person.name, person.email);
            for n in &theirs {
                let _ = notifications::add_delivery_error(store.conn(), n.id, &line);
            }
            failures.push(line);
        }
    }
    failures.dedup();
    failures
}

crate::error::user_error!(EmailError);
