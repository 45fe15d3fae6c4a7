//! Bounded retries with exponential backoff and full jitter.

use std::future::Future;
use std::time::Duration;

use crate::Error;

/// How often and how patiently a request is retried. Only retryable errors
/// ([`Error::is_retryable`]) are retried; 400/401/403 fail at once.
#[derive(Debug, Clone, PartialEq)]
pub struct RetryPolicy {
    /// Attempts in all, the first included. At least 1.
    pub max_attempts: u32,
    /// The delay before the first retry; doubled for each further one.
    pub base_delay: Duration,
    /// No computed delay exceeds this.
    pub max_delay: Duration,
    /// A `Retry-After` longer than this is cut to it.
    pub max_retry_after: Duration,
    /// No retry starts once this much time has passed since the first attempt (nor when its
    /// wait would pass it): a bank that does not answer is given up in bounded time, however
    /// many attempts are left.
    pub max_elapsed: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 5,
            base_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(20),
            max_retry_after: Duration::from_secs(120),
            max_elapsed: Duration::from_secs(90),
        }
    }
}

impl RetryPolicy {
    /// The wait before retry number `retry` (1-based) after `error`: the bank's `Retry-After` when
    /// it gave one, else `base * 2^(retry-1)` capped, with full jitter in its upper half.
    pub fn delay(&self, retry: u32, error: &Error) -> Duration {
        if let Some(after) = error.retry_after() {
            return after.min(self.max_retry_after);
        }
        let exp = self.base_delay.saturating_mul(
            1u32.checked_shl(retry.saturating_sub(1))
                .unwrap_or(u32::MAX),
        );
        let capped = exp.min(self.max_delay);
        capped.mul_f64(0.5 + fastrand::f64() * 0.5)
    }

    /// Runs `op` until it succeeds, fails with an error that is not retryable, or the attempts
    /// are used up; the last error is returned.
    pub async fn run<T, F, Fut>(&self, mut op: F) -> Result<T, Error>
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = Result<T, Error>>,
    {
        let mut attempt = 1;
        let start = tokio::time::Instant::now();
        loop {
            match op().await {
                Ok(v) => return Ok(v),
                Err(e) if e.is_retryable() && attempt < self.max_attempts.max(1) => {
                    let wait = self.delay(attempt, &e);
                    if start.elapsed() + wait >= self.max_elapsed {
                        tracing::warn!(attempt, error = %e, "giving up a bank request: out of time");
                        return Err(e);
                    }
                    tracing::warn!(attempt, ?wait, error = %e, "retrying a bank request");
                    tokio::time::sleep(wait).await;
                    attempt += 1;
                }
                Err(e) => return Err(e),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use super::*;

    fn server_error() -> Error {
        Error::Server {
            status: 503,
            message: String::new(),
        }
    }

    #[tokio::test(start_paused = true)]
    async fn retries_server_errors_with_growing_delays_then_gives_up() {
        let policy = RetryPolicy::default();
        let calls = Cell::new(0);
        let start = tokio::time::Instant::now();
        let result: Result<(), _> = policy
            .run(|| {
                calls.set(calls.get() + 1);
                async { Err(server_error()) }
            })
            .await;
        assert_eq!(result, Err(server_error()));
        assert_eq!(calls.get(), 5);
        // Four waits of at least half of 0.5, 1, 2 and 4 seconds, at most the whole of them.
        let waited = start.elapsed();
        assert!(waited >= Duration::from_millis(3750), "{waited:?}");
        assert!(waited <= Duration::from_millis(7500), "{waited:?}");
    }

    #[tokio::test(start_paused = true)]
    async fn does_not_retry_rejected_credentials() {
        let calls = Cell::new(0);
        let result: Result<(), _> = RetryPolicy::default()
            .run(|| {
                calls.set(calls.get() + 1);
                async {
                    Err(Error::CredentialsRejected {
                        message: "bad token".into(),
                    })
                }
            })
            .await;
        assert!(matches!(result, Err(Error::CredentialsRejected { .. })));
        assert_eq!(calls.get(), 1);
    }

    #[tokio::test(start_paused = true)]
    async fn honours_retry_after_and_recovers() {
        let calls = Cell::new(0);
        let start = tokio::time::Instant::now();
        let result = RetryPolicy::default()
            .run(|| {
                calls.set(calls.get() + 1);
                let n = calls.get();
                async move {
                    if n < 3 {
                        Err(Error::RateLimited {
                            retry_after: Some(Duration::from_secs(7)),
                        })
                    } else {
                        Ok(n)
                    }
                }
            })
            .await;
        assert_eq!(result, Ok(3));
        assert_eq!(start.elapsed(), Duration::from_secs(14));
    }

    #[tokio::test(start_paused = true)]
    async fn a_bank_that_never_answers_is_given_up_in_bounded_time() {
        let policy = RetryPolicy::default();
        let calls = Cell::new(0);
        let start = tokio::time::Instant::now();
        let result: Result<(), _> = policy
            .run(|| {
                calls.set(calls.get() + 1);
                async {
                    // Each attempt waits out a whole request deadline.
                    tokio::time::sleep(Duration::from_secs(60)).await;
                    Err(Error::Network {
                        reason: "timed out".into(),
                        timeout: true,
                    })
                }
            })
            .await;
        assert!(matches!(result, Err(Error::Network { timeout: true, .. })));
        assert!(calls.get() < policy.max_attempts, "{}", calls.get());
        assert!(start.elapsed() <= policy.max_elapsed + Duration::from_secs(60));
    }

    #[test]
    fn delays_are_capped() {
        let policy = RetryPolicy::default();
        for retry in 1..40 {
            assert!(policy.delay(retry, &server_error()) <= policy.max_delay);
        }
        let long = Error::RateLimited {
            retry_after: Some(Duration::from_secs(3600)),
        };
        assert_eq!(policy.delay(1, &long), policy.max_retry_after);
    }
}
