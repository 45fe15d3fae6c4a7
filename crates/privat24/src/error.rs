//! What can go wrong talking to the bank, as values the caller can branch on.

use std::time::Duration;

/// An error from the bank or the way to it. Expected outcomes (rejected credentials, maintenance)
/// are variants, not strings to match.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// HTTP 401: the token (or the id/token pair) is wrong or revoked.
    #[error("the bank rejected the credentials (HTTP 401): {message}")]
    CredentialsRejected { message: String },
    /// HTTP 403: Autoclient is switched off in Privat24 for this client, or the IP is not allowed.
    #[error("Autoclient is disabled or this address is not allowed (HTTP 403): {message}")]
    AutoclientDisabled { message: String },
    /// The bank runs maintenance (`work_balance` = "Y" or phase not "WRK"): try later.
    #[error("the bank is under maintenance (phase {phase}, work_balance {work_balance})")]
    Maintenance { phase: String, work_balance: String },
    /// HTTP 429 after all retries.
    #[error("the bank limits the request rate (HTTP 429)")]
    RateLimited { retry_after: Option<Duration> },
    /// HTTP 5xx after all retries.
    #[error("the bank's server failed (HTTP {status}): {message}")]
    Server { status: u16, message: String },
    /// Another 4xx (400 malformed request, 416 date out of range): not retried.
    #[error("the bank refused the request (HTTP {status}): {message}")]
    Request { status: u16, message: String },
    /// The reply is not what the API promises (truncated or invalid JSON, a missing wrapper).
    #[error("the bank's reply could not be read: {reason}")]
    Malformed { reason: String },
    /// No reply: connection refused or reset, DNS, TLS; or a bank that took the request and
    /// did not answer in time (`timeout`).
    #[error("could not reach the bank: {reason}")]
    Network { reason: String, timeout: bool },
    /// The reply is larger than any real page: refused, not buffered whole.
    #[error("the bank's reply is larger than {limit} bytes")]
    ReplyTooLarge { limit: usize },
    /// The credentials cannot be sent as they are (too long, not printable): checked before the
    /// bank is asked.
    #[error("the {what} cannot be sent to the bank: {reason}")]
    BadCredentials { what: &'static str, reason: String },
    /// The configured base URL is not allowed (plain HTTP to a non-loopback host, a bad URL).
    #[error("bank URL {url:?} is not allowed: {reason}")]
    InvalidBaseUrl { url: String, reason: String },
}

impl Error {
    /// A stable machine-readable code, for the UI and for tests.
    pub fn code(&self) -> &'static str {
        match self {
            Error::CredentialsRejected { .. } => "credentials_rejected",
            Error::AutoclientDisabled { .. } => "autoclient_disabled",
            Error::Maintenance { .. } => "bank_maintenance",
            Error::RateLimited { .. } => "rate_limited",
            Error::Server { .. } => "bank_server_error",
            Error::Request { .. } => "bad_request",
            Error::Malformed { .. } => "malformed_reply",
            Error::Network { timeout: true, .. } => "bank_timeout",
            Error::Network { .. } => "network",
            Error::ReplyTooLarge { .. } => "reply_too_large",
            Error::BadCredentials { .. } => "invalid_token",
            Error::InvalidBaseUrl { .. } => "invalid_bank_url",
        }
    }

    /// Whether trying the same request again may help. A truncated body counts: it is what a
    /// connection cut mid-reply looks like.
    pub fn is_retryable(&self) -> bool {
        matches!(
            self,
            Error::RateLimited { .. }
                | Error::Server { .. }
                | Error::Network { .. }
                | Error::Malformed { .. }
        )
    }

    /// Whether the credentials themselves are the problem: stop this merchant, tell the user.
    pub fn is_credentials(&self) -> bool {
        matches!(
            self,
            Error::CredentialsRejected { .. } | Error::AutoclientDisabled { .. }
        )
    }

    pub(crate) fn retry_after(&self) -> Option<Duration> {
        match self {
            Error::RateLimited { retry_after } => *retry_after,
            _ => None,
        }
    }
}
