//! Errors a person sees: one list of codes ([`Code`]) that the CLI, the app and the UI share
//! (the UI gets it as a union type), and one trait ([`UserError`]) for what every such error
//! says: its code and its words in the user's language. The shells turn any [`UserError`] into
//! their reply with `?`.

use crate::say;
use crate::Lang;

macro_rules! codes {
    ($($(#[$doc:meta])* $variant:ident = $name:literal,)*) => {
        /// Every code an error a person sees can carry. Stable: scripts and the UI branch on
        /// them (`--json` output, the IPC's `{code, message}`).
        #[cfg_attr(feature = "specta", derive(specta::Type))]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        pub enum Code {
            $($(#[$doc])* #[serde(rename = $name)] $variant,)*
        }

        impl Code {
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $name,)*
                }
            }

            /// The code written as text (a stored run's `error_code`), if it is one.
            pub fn parse(text: &str) -> Option<Code> {
                match text {
                    $($name => Some(Code::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

codes! {
    // Input.
    InvalidIban = "invalid_iban",
    InvalidCurrency = "invalid_currency",
    InvalidName = "invalid_name",
    InvalidToken = "invalid_token",
    BadDate = "bad_date",
    UnknownSetting = "unknown_setting",
    InvalidSetting = "invalid_setting",
    InvalidAmount = "invalid_amount",
    InvalidNumber = "invalid_number",
    InvalidText = "invalid_text",
    InvalidTaxId = "invalid_tax_id",
    InvalidPattern = "invalid_pattern",
    InvalidEmail = "invalid_email",
    InvalidFile = "invalid_file",
    SmtpNotSetUp = "smtp_not_set_up",
    SmtpInsecure = "smtp_insecure",
    SmtpFailed = "smtp_failed",
    // Merchants.
    NameTaken = "name_taken",
    AccountTaken = "account_taken",
    MerchantNotFound = "merchant_not_found",
    AccountNotFound = "account_not_found",
    CurrencyMismatch = "currency_mismatch",
    NotFound = "not_found",
    // Companies.
    CompanyNotFound = "company_not_found",
    CompanyRequired = "company_required",
    CompanyInUse = "company_in_use",
    InvalidVat = "invalid_vat",
    CompanyMismatch = "company_mismatch",
    // Invoices, allocations and categories.
    InvoiceExists = "invoice_exists",
    ChangedMeanwhile = "changed_meanwhile",
    InvoiceCancelled = "invoice_cancelled",
    InvoiceNotFound = "invoice_not_found",
    MissingDetails = "missing_details",
    PaymentCode = "payment_code",
    NotIncoming = "not_incoming",
    NotOutgoing = "not_outgoing",
    AmountTooLarge = "amount_too_large",
    NotAllocated = "not_allocated",
    NotQueued = "not_queued",
    CategoryNotFound = "category_not_found",
    RuleNotFound = "rule_not_found",
    // The bank.
    CredentialsRejected = "credentials_rejected",
    AutoclientDisabled = "autoclient_disabled",
    BankMaintenance = "bank_maintenance",
    RateLimited = "rate_limited",
    BankServerError = "bank_server_error",
    BadRequest = "bad_request",
    MalformedReply = "malformed_reply",
    Network = "network",
    BankTimeout = "bank_timeout",
    ReplyTooLarge = "reply_too_large",
    InvalidBankUrl = "invalid_bank_url",
    // The keyring.
    KeyringUnavailable = "keyring_unavailable",
    KeyringLocked = "keyring_locked",
    TokenMissing = "token_missing",
    TokenElsewhere = "token_elsewhere",
    KeyringError = "keyring_error",
    // Syncing and storage.
    SyncBusy = "sync_busy",
    SyncTooLong = "sync_too_long",
    Lock = "lock",
    Database = "database",
    DiskFull = "disk_full",
    ReadOnly = "read_only",
    DatabaseCorrupt = "database_corrupt",
    // Team mode.
    InsecureConnection = "insecure_connection",
    UntrustedCertificate = "untrusted_certificate",
    ServerUnreachable = "server_unreachable",
    NotAllowed = "not_allowed",
    ServerTooOld = "server_too_old",
    DatabaseNotEmpty = "database_not_empty",
    // The app.
    Demo = "demo",
    Unexpected = "unexpected",
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// An error a person sees: what it is, for logic, and what happened and what to do, in words.
pub trait UserError: std::error::Error {
    fn code(&self) -> Code;
    fn message(&self, lang: Lang) -> String;
}

/// Makes a type's own `code()` and `message(lang)` its [`UserError`].
macro_rules! user_error {
    ($($ty:ty),* $(,)?) => {
        $(impl $crate::error::UserError for $ty {
            fn code(&self) -> $crate::error::Code {
                <$ty>::code(self)
            }
            fn message(&self, lang: $crate::Lang) -> String {
                <$ty>::message(self, lang)
            }
        })*
    };
}
pub(crate) use user_error;

impl Code {
    /// The code of a bank error.
    pub fn bank(e: &privat24::Error) -> Code {
        use privat24::Error as E;
        match e {
            E::CredentialsRejected { .. } => Code::CredentialsRejected,
            E::AutoclientDisabled { .. } => Code::AutoclientDisabled,
            E::Maintenance { .. } => Code::BankMaintenance,
            E::RateLimited { .. } => Code::RateLimited,
            E::Server { .. } => Code::BankServerError,
            E::Request { .. } => Code::BadRequest,
            E::Malformed { .. } => Code::MalformedReply,
            E::Network { timeout: true, .. } => Code::BankTimeout,
            E::Network { .. } => Code::Network,
            E::ReplyTooLarge { .. } => Code::ReplyTooLarge,
            E::BadCredentials { .. } => Code::InvalidToken,
            E::InvalidBaseUrl { .. } => Code::InvalidBankUrl,
        }
    }
}

impl UserError for privat24::Error {
    fn code(&self) -> Code {
        Code::bank(self)
    }
    fn message(&self, lang: Lang) -> String {
        crate::i18n::bank_error(self, lang)
    }
}

impl UserError for crate::store::StoreError {
    fn code(&self) -> Code {
        use crate::store::Trouble;
        match self.trouble() {
            Trouble::DiskFull => Code::DiskFull,
            Trouble::ReadOnly => Code::ReadOnly,
            Trouble::Corrupt => Code::DatabaseCorrupt,
            Trouble::Unreachable => Code::ServerUnreachable,
            Trouble::NotAllowed => Code::NotAllowed,
            Trouble::Insecure => Code::InsecureConnection,
            Trouble::Untrusted => Code::UntrustedCertificate,
            Trouble::TooNew | Trouble::Other => Code::Database,
        }
    }

    /// What happened and what to do, in the user's language. Nothing stored before is lost in
    /// any of these: SQLite rolls back the transaction that failed.
    fn message(&self, lang: Lang) -> String {
        use crate::store::Trouble;
        match self.trouble() {
            Trouble::DiskFull => say!(lang, disk_full_new_data, self.place(), self),
            Trouble::ReadOnly => say!(lang, data_folder_read_only, self.place(), self),
            Trouble::Corrupt => say!(lang, database_file_damaged_restore, self.place(), self),
            Trouble::TooNew => say!(lang, database_made_newer_vypyska, self),
            Trouble::Unreachable => say!(lang, server_unreachable, self),
            Trouble::NotAllowed => match self {
                crate::store::StoreError::OwnerUpdates { found, supported } => {
                    say!(lang, team_books_updated_by_owner, found, supported)
                }
                _ => say!(lang, server_not_allowed, self),
            },
            Trouble::Insecure => match self {
                crate::store::StoreError::PlainToRemote(host) => say!(lang, team_needs_tls, host),
                _ => say!(lang, database_error_data_stored, self),
            },
            Trouble::Untrusted => match self {
                crate::store::StoreError::CaFile { path, detail } => {
                    say!(lang, ca_file_unreadable, path.display(), detail)
                }
                _ => say!(lang, server_untrusted, self),
            },
            Trouble::Other => say!(lang, database_error_data_stored, self),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_read_back_and_the_bank_agrees_with_its_own_words() {
        for code in [
            Code::InvalidIban,
            Code::BankTimeout,
            Code::DatabaseCorrupt,
            Code::Unexpected,
        ] {
            assert_eq!(Code::parse(code.as_str()), Some(code));
            assert_eq!(
                serde_json::to_value(code).unwrap(),
                serde_json::Value::String(code.as_str().into())
            );
        }
        let e = privat24::Error::Network {
            reason: "timed out".into(),
            timeout: true,
        };
        // The bank client's own code and the shared list name it the same.
        assert_eq!(Code::bank(&e).as_str(), e.code());
    }
}
