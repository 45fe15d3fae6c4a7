//! The HTTP client: one `reqwest::Client`, the endpoints, pagination and retries.

use std::time::Duration;

use chrono::NaiveDate;
use reqwest::header::{HeaderMap, HeaderValue, CONTENT_TYPE, RETRY_AFTER};
use reqwest::Url;

use crate::model::{Balance, BankSettings, Credentials, Page, Transaction};
use crate::wire::{self, decode_body};
use crate::{Error, RetryPolicy};

/// The bank's production address.
pub const DEFAULT_BASE_URL: &str = "https://acp.privatbank.ua";

/// How the client talks to the bank.
#[derive(Debug, Clone)]
pub struct ClientConfig {
    /// Scheme and host (and port): `https://…`, or `http://` to a loopback address only.
    pub base_url: String,
    /// Rows per page: the bank allows 1..=500 and recommends at most 100.
    pub page_limit: u32,
    /// The polite pause between two pages of one listing, for the bank's servers; a simulator on
    /// loopback gets none.
    pub page_pause: Duration,
    pub retry: RetryPolicy,
    pub connect_timeout: Duration,
    /// The whole request, body included: a bank that trickles its reply a byte at a time is
    /// given up after this long, not held forever.
    pub request_timeout: Duration,
    /// No byte for this long while a reply is awaited or read: given up sooner.
    pub read_timeout: Duration,
    /// A reply body larger than this is refused without being read further (a 500-row page is
    /// about a megabyte).
    pub max_reply_bytes: usize,
    /// Sent as `User-Agent`, which the bank requires.
    pub user_agent: String,
}

impl Default for ClientConfig {
    fn default() -> Self {
        ClientConfig {
            base_url: DEFAULT_BASE_URL.into(),
            page_limit: 100,
            page_pause: Duration::from_millis(250),
            retry: RetryPolicy::default(),
            connect_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(30),
            read_timeout: Duration::from_secs(20),
            max_reply_bytes: 64 << 20,
            user_agent: concat!("Vypyska/", env!("CARGO_PKG_VERSION")).into(),
        }
    }
}

/// Which days a listing covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Span {
    /// `startDate`..=`endDate` (no end: through today).
    Range {
        start: NaiveDate,
        end: Option<NaiveDate>,
    },
    /// From the bank's `lastday` to `today`.
    Interim,
    /// The last closed day.
    Final,
}

/// A client for one bank address. Cheap to clone.
#[derive(Debug, Clone)]
pub struct Client {
    http: reqwest::Client,
    base: Url,
    config: ClientConfig,
}

impl Client {
    pub fn new(config: ClientConfig) -> Result<Self, Error> {
        let base = check_base_url(&config.base_url)?;
        let http = reqwest::Client::builder()
            .user_agent(config.user_agent.clone())
            .connect_timeout(config.connect_timeout)
            .timeout(config.request_timeout)
            .read_timeout(config.read_timeout.min(config.request_timeout))
            .https_only(base.scheme() == "https")
            .min_tls_version(reqwest::tls::Version::TLS_1_2)
            .build()
            .map_err(|e| Error::Network {
                reason: format!("cannot set up HTTPS: {e}"),
                timeout: false,
            })?;
        let mut config = config;
        if base.scheme() == "http" {
            // Only a loopback simulator is reachable over plain http (see `check_base_url`).
            config.page_pause = Duration::ZERO;
        }
        Ok(Client { http, base, config })
    }

    pub fn config(&self) -> &ClientConfig {
        &self.config
    }

    /// `/settings`: the bank's phase and operational dates.
    pub async fn settings(&self, creds: &Credentials) -> Result<BankSettings, Error> {
        self.get(creds, "settings", &[], wire::parse_settings).await
    }

    /// Fails with [`Error::Maintenance`] when the bank asks clients to wait.
    pub async fn check_open(&self, creds: &Credentials) -> Result<BankSettings, Error> {
        let settings = self.settings(creds).await?;
        if settings.in_maintenance() {
            return Err(Error::Maintenance {
                phase: settings.phase,
                work_balance: settings.work_balance,
            });
        }
        Ok(settings)
    }

    /// Transactions of `account` (all the token's accounts when `None`), page by page.
    pub fn transactions(
        &self,
        creds: &Credentials,
        account: Option<&str>,
        span: Span,
    ) -> Pager<Transaction> {
        Pager::new(
            self,
            creds,
            "transactions",
            account,
            span,
            wire::parse_transactions_page,
        )
    }

    /// Daily balances, page by page.
    pub fn balances(
        &self,
        creds: &Credentials,
        account: Option<&str>,
        span: Span,
    ) -> Pager<Balance> {
        Pager::new(
            self,
            creds,
            "balance",
            account,
            span,
            wire::parse_balances_page,
        )
    }

    /// One GET with retries, read by `parse`: a reply that cannot be read (cut off mid-body) is
    /// retried like a failed request.
    async fn get<T>(
        &self,
        creds: &Credentials,
        path: &str,
        query: &[(&str, String)],
        parse: impl Fn(&str) -> Result<T, Error>,
    ) -> Result<T, Error> {
        let mut url = self.base.clone();
        url.set_path(&format!("/api/statements/{path}"));
        if !query.is_empty() {
            url.query_pairs_mut()
                .extend_pairs(query.iter().map(|(k, v)| (*k, v.as_str())));
        }
        let headers = headers(creds)?;
        self.config
            .retry
            .run(|| async {
                let body = self.get_once(url.clone(), headers.clone()).await?;
                parse(&body)
            })
            .await
    }

    async fn get_once(&self, url: Url, headers: HeaderMap) -> Result<String, Error> {
        tracing::debug!(%url, ?headers, "bank request");
        let resp = self
            .http
            .get(url)
            .headers(headers)
            .send()
            .await
            .map_err(network)?;
        let status = resp.status().as_u16();
        let content_type = resp
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let retry_after = resp
            .headers()
            .get(RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok())
            .map(Duration::from_secs);
        let bytes = self.read_capped(resp).await?;
        let body = decode_body(&bytes, content_type.as_deref());
        if status == 200 {
            return Ok(body);
        }
        let message = match serde_json::from_str::<serde_json::Value>(&body) {
            Ok(serde_json::Value::Object(obj)) => obj
                .get("message")
                .and_then(|m| m.as_str())
                .unwrap_or_default()
                .to_owned(),
            _ => String::new(),
        };
        Err(wire::error_for_status(status, message, retry_after))
    }
}

impl Client {
    /// The body, refused as soon as it is known to pass `max_reply_bytes`: from its declared
    /// length, or while it arrives.
    async fn read_capped(&self, mut resp: reqwest::Response) -> Result<Vec<u8>, Error> {
        let limit = self.config.max_reply_bytes;
        let too_large = || Error::ReplyTooLarge { limit };
        if resp.content_length().is_some_and(|n| n > limit as u64) {
            return Err(too_large());
        }
        let mut body = Vec::new();
        while let Some(chunk) = resp.chunk().await.map_err(network)? {
            if body.len() + chunk.len() > limit {
                return Err(too_large());
            }
            body.extend_from_slice(&chunk);
        }
        Ok(body)
    }
}

/// Autoclient tokens are a few hundred characters; a much longer one is a paste gone wrong.
const MAX_CREDENTIAL_LEN: usize = 4096;

/// Checks a token or client id before anything is sent: printable ASCII (what an HTTP header
/// carries), not empty, not absurdly long. The reason never quotes the secret.
pub fn check_credential(what: &'static str, value: &str) -> Result<(), Error> {
    let bad = |reason: &str| Error::BadCredentials {
        what,
        reason: reason.to_owned(),
    };
    let value = value.trim();
    if value.is_empty() {
        return Err(bad("it is empty"));
    }
    if value.len() > MAX_CREDENTIAL_LEN {
        return Err(bad(&format!(
            "it is {} characters long, more than {MAX_CREDENTIAL_LEN}",
            value.chars().count()
        )));
    }
    if let Some(c) = value.chars().find(|c| !c.is_ascii_graphic()) {
        let what = if c.is_control() {
            format!("a control character (U+{:04X})", c as u32)
        } else if c.is_whitespace() {
            "a space inside it".to_owned()
        } else {
            format!(
                "a character that is not Latin, digits or punctuation (U+{:04X})",
                c as u32
            )
        };
        return Err(bad(&format!("it contains {what}")));
    }
    Ok(())
}

fn headers(creds: &Credentials) -> Result<HeaderMap, Error> {
    let mut h = HeaderMap::new();
    check_credential("token", creds.token.expose())?;
    let unsendable = |what: &'static str| Error::BadCredentials {
        what,
        reason: "it has characters that cannot be sent".into(),
    };
    let mut token =
        HeaderValue::from_str(creds.token.expose().trim()).map_err(|_| unsendable("token"))?;
    token.set_sensitive(true);
    h.insert("token", token);
    if let Some(id) = creds
        .client_id
        .as_deref()
        .filter(|id| !id.trim().is_empty())
    {
        check_credential("client id", id)?;
        let mut id = HeaderValue::from_str(id.trim()).map_err(|_| unsendable("client id"))?;
        id.set_sensitive(true);
        h.insert("id", id);
    }
    h.insert(
        CONTENT_TYPE,
        HeaderValue::from_static("application/json;charset=utf8"),
    );
    Ok(h)
}

fn network(e: reqwest::Error) -> Error {
    if (e.is_body() || e.is_decode()) && !e.is_timeout() {
        // The connection broke mid-body: as good as a truncated reply.
        return Error::Malformed {
            reason: format!("the reply was cut off: {}", e.without_url()),
        };
    }
    let timeout = e.is_timeout();
    // The causes say what failed ("invalid peer certificate: UnknownIssuer", "connection
    // refused"); the request's URL is left out, the token is never in an error.
    let e = e.without_url();
    let mut reason = e.to_string();
    let mut source = std::error::Error::source(&e);
    while let Some(cause) = source {
        let text = cause.to_string();
        if !reason.contains(&text) {
            reason = format!("{reason}: {text}");
        }
        source = cause.source();
    }
    Error::Network { timeout, reason }
}

/// Accepts `https://host[:port]`, and `http://` only for loopback (the bank simulator).
fn check_base_url(raw: &str) -> Result<Url, Error> {
    let invalid = |reason: &str| Error::InvalidBaseUrl {
        url: raw.to_owned(),
        reason: reason.to_owned(),
    };
    let url = Url::parse(raw.trim()).map_err(|e| invalid(&e.to_string()))?;
    match url.scheme() {
        "https" => {}
        "http" => {
            let loopback = match url.host() {
                Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
                Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
                Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
                None => false,
            };
            if !loopback {
                return Err(invalid("plain http is allowed only to a loopback address"));
            }
        }
        _ => return Err(invalid("only https is allowed")),
    }
    if url.host().is_none() {
        return Err(invalid("no host"));
    }
    Ok(url)
}

type Parser<T> = fn(&str) -> Result<Page<T>, Error>;

/// Walks a paginated listing with `followId` until `exist_next_page` is false. Owns what it
/// needs, so it can run on a task of its own while the caller stores pages.
pub struct Pager<T> {
    client: Client,
    creds: Credentials,
    path: String,
    base_query: Vec<(&'static str, String)>,
    parse: Parser<T>,
    follow: Option<String>,
    pages: u32,
    done: bool,
}

impl<T> Pager<T> {
    fn new(
        client: &Client,
        creds: &Credentials,
        what: &str,
        account: Option<&str>,
        span: Span,
        parse: Parser<T>,
    ) -> Self {
        let mut base_query = Vec::new();
        if let Some(acc) = account {
            base_query.push(("acc", acc.to_owned()));
        }
        let path = match span {
            Span::Range { start, end } => {
                base_query.push(("startDate", query_date(start)));
                if let Some(end) = end {
                    base_query.push(("endDate", query_date(end)));
                }
                what.to_owned()
            }
            Span::Interim => format!("{what}/interim"),
            Span::Final => format!("{what}/final"),
        };
        let limit = client.config.page_limit.clamp(1, 500);
        base_query.push(("limit", limit.to_string()));
        Pager {
            client: client.clone(),
            creds: creds.clone(),
            path,
            base_query,
            parse,
            follow: None,
            pages: 0,
            done: false,
        }
    }

    /// The next page, or `None` after the last one.
    pub async fn next_page(&mut self) -> Result<Option<Page<T>>, Error> {
        if self.done {
            return Ok(None);
        }
        if self.pages > 0 && !self.client.config.page_pause.is_zero() {
            tokio::time::sleep(self.client.config.page_pause).await;
        }
        let mut query = self.base_query.clone();
        if let Some(follow) = &self.follow {
            query.push(("followId", follow.clone()));
        }
        let page = self
            .client
            .get(&self.creds, &self.path, &query, self.parse)
            .await?;
        self.pages += 1;
        match &page.next {
            Some(next) if Some(next) != self.follow.as_ref() => self.follow = Some(next.clone()),
            Some(_) => {
                return Err(Error::Malformed {
                    reason: "the bank returned the same next page id twice".into(),
                })
            }
            None => self.done = true,
        }
        Ok(Some(page))
    }

    /// Every remaining page's items, concatenated.
    pub async fn collect(mut self) -> Result<Vec<T>, Error> {
        let mut all = Vec::new();
        while let Some(page) = self.next_page().await? {
            all.extend(page.items);
        }
        Ok(all)
    }
}

/// `DD-MM-YYYY`, as the query parameters want.
fn query_date(d: NaiveDate) -> String {
    d.format("%d-%m-%Y").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_allows_https_and_loopback_http_only() {
        assert!(check_base_url("https://acp.privatbank.ua").is_ok());
        assert!(check_base_url("http://127.0.0.1:8080").is_ok());
        assert!(check_base_url("http://127.3.4.5:1").is_ok());
        assert!(check_base_url("http://[::1]:8080").is_ok());
        assert!(check_base_url("http://localhost:9").is_ok());
        for bad in [
            "http://acp.privatbank.ua",
            "http://192.168.1.10:8080",
            "ftp://127.0.0.1",
            "not a url",
        ] {
            let err = check_base_url(bad).unwrap_err();
            assert_eq!(err.code(), "invalid_bank_url", "{bad}");
        }
    }

    #[test]
    fn credentials_are_checked_before_anything_is_sent() {
        let code = |token: &str| {
            let creds = Credentials {
                token: crate::Token::new(token),
                client_id: None,
            };
            headers(&creds).err().map(|e| (e.code(), e.to_string()))
        };
        assert_eq!(code("abc-123_XYZ=").map(|c| c.0), None);
        for bad in [
            "x".repeat(1 << 20),
            "tok\0en".to_owned(),
            "tok\u{1b}[2Jen".to_owned(),
            "токен".to_owned(),
            "two words".to_owned(),
            "   ".to_owned(),
        ] {
            let (code, text) = code(&bad).expect("refused");
            assert_eq!(code, "invalid_token");
            // The reason never repeats the secret.
            assert!(
                !text.contains(bad.trim()) || bad.trim().is_empty(),
                "{text}"
            );
        }
    }

    #[test]
    fn query_dates_use_dashes() {
        let d = NaiveDate::from_ymd_opt(2026, 1, 7).unwrap();
        assert_eq!(query_date(d), "07-01-2026");
    }

    #[test]
    fn client_id_header_only_when_given() {
        let mut creds = Credentials {
            token: crate::Token::new("t0ken"),
            client_id: None,
        };
        let h = headers(&creds).unwrap();
        assert!(h.get("id").is_none());
        assert_eq!(h.get("token").unwrap(), "t0ken");
        assert_eq!(
            h.get(CONTENT_TYPE).unwrap(),
            "application/json;charset=utf8"
        );
        creds.client_id = Some("ab12".into());
        let h = headers(&creds).unwrap();
        assert_eq!(h.get("id").unwrap(), "ab12");
        // Neither the credentials nor the headers print their secrets.
        for printed in [format!("{creds:?}"), format!("{h:?}")] {
            assert!(
                !printed.contains("t0ken") && !printed.contains("ab12"),
                "{printed}"
            );
        }
    }
}
