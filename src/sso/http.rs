//! The one HTTP client: rustls with the system's roots plus `AWS_CA_BUNDLE`, proxies from the environment,
//! timeouts on every request, and bounded retries with backoff and jitter on connection errors, 5xx and 429
//! (honouring `Retry-After`).

use std::time::{Duration, Instant};

use rand::RngExt;
use reqwest::blocking::{Client, RequestBuilder, Response};
use reqwest::header::RETRY_AFTER;

use crate::env::Env;

const USER_AGENT: &str = concat!("ssoenv/", env!("CARGO_PKG_VERSION"));
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// Tries per request, as botocore's standard retry mode (`max_attempts = 3`).
const MAX_ATTEMPTS: u32 = 3;
const BACKOFF_BASE: Duration = Duration::from_millis(200);
const BACKOFF_CAP: Duration = Duration::from_secs(5);
/// The longest `Retry-After` honoured; a server asking for more gets its error passed on instead of a hang.
const RETRY_AFTER_CAP: Duration = Duration::from_secs(30);

#[derive(Debug, thiserror::Error)]
pub enum HttpError {
    #[error("cannot read AWS_CA_BUNDLE {path}: {source}")]
    CaBundle { path: String, source: std::io::Error },
    #[error("AWS_CA_BUNDLE {path} holds no usable PEM certificate: {source}")]
    CaBundleFormat { path: String, source: reqwest::Error },
    #[error("cannot set up HTTPS: {0}")]
    Build(reqwest::Error),
    #[error("SSOENV_NETWORK_TIMEOUT must be a number of seconds above 0, not {0:?}")]
    BadBudget(String),
}

/// The variable that bounds the network time of a whole command (requests, retries and waits): the prompt
/// hook sets it, since a shell waits for its hook, and a network that swallows packets would otherwise hold
/// each prompt for the full timeouts and retries (minutes).
pub const NETWORK_BUDGET_VAR: &str = "SSOENV_NETWORK_TIMEOUT";

/// A transport failure after every retry: no answer at all.
#[derive(Debug, thiserror::Error)]
#[error("{operation}: could not reach {host}: {reason}")]
pub struct TransportError {
    pub operation: &'static str,
    pub host: String,
    pub reason: String,
}

/// The shared client. Building it starts reqwest's runtime thread, so commands build it only when they are
/// about to use the network.
pub struct Http {
    client: Client,
    /// Whether a 429 is retried here; a caller that paces itself (`sso::pace`) wants to see each one.
    retry_throttled: bool,
    /// When the network time allowed by `SSOENV_NETWORK_TIMEOUT` runs out.
    deadline: Option<Instant>,
}

impl Http {
    pub fn new(env: &Env) -> Result<Self, HttpError> {
        // ring is the one crypto provider in the build; installing it twice is harmless.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let mut builder = Client::builder()
            .user_agent(USER_AGENT)
            .connect_timeout(CONNECT_TIMEOUT)
            .timeout(REQUEST_TIMEOUT)
            .redirect(reqwest::redirect::Policy::none())
            .tls_backend_rustls();
        if let Some(path) = env.get("AWS_CA_BUNDLE") {
            let pem = std::fs::read(path).map_err(|source| HttpError::CaBundle { path: path.to_owned(), source })?;
            let certs = reqwest::Certificate::from_pem_bundle(&pem)
                .map_err(|source| HttpError::CaBundleFormat { path: path.to_owned(), source })?;
            builder = builder.tls_certs_merge(certs);
        }
        let deadline = match env.get(NETWORK_BUDGET_VAR) {
            None => None,
            Some(value) => match value.trim().parse::<f64>() {
                Ok(seconds) if seconds.is_finite() && seconds > 0.0 => {
                    Some(Instant::now() + Duration::from_secs_f64(seconds.min(86_400.0)))
                }
                _ => return Err(HttpError::BadBudget(value.to_owned())),
            },
        };
        Ok(Self { client: builder.build().map_err(HttpError::Build)?, retry_throttled: true, deadline })
    }

    /// The same client, but every 429 is returned at once for the caller's own pacing to handle.
    pub fn leaving_throttling_to_caller(mut self) -> Self {
        self.retry_throttled = false;
        self
    }

    pub fn client(&self) -> &Client {
        &self.client
    }

    /// What is left of the `SSOENV_NETWORK_TIMEOUT` budget; `None` without one.
    fn time_left(&self) -> Option<Duration> {
        self.deadline.map(|deadline| deadline.saturating_duration_since(Instant::now()))
    }

    /// Sends the request made by `build`, retrying what is worth retrying. Returns the last answer, whatever
    /// its status, for the caller to read; or the transport error when no answer ever came.
    pub fn send(
        &self,
        operation: &'static str,
        build: impl Fn(&Client) -> RequestBuilder,
    ) -> Result<Response, TransportError> {
        let mut attempt = 1;
        loop {
            let mut request = build(&self.client);
            let (host, path) = request
                .try_clone()
                .and_then(|r| r.build().ok())
                .map(|r| (r.url().host_str().unwrap_or_default().to_owned(), r.url().path().to_owned()))
                .unwrap_or_default();
            if let Some(left) = self.time_left() {
                if left.is_zero() {
                    let reason = format!("the {NETWORK_BUDGET_VAR} budget ran out");
                    return Err(TransportError { operation, host, reason });
                }
                request = request.timeout(left.min(REQUEST_TIMEOUT));
            }
            log::debug!("{operation}: {path} on {host} (attempt {attempt} of {MAX_ATTEMPTS})");
            match request.send() {
                Ok(response) => {
                    let status = response.status();
                    let retryable = status.is_server_error() || (status.as_u16() == 429 && self.retry_throttled);
                    if !retryable || attempt >= MAX_ATTEMPTS {
                        log::debug!("{operation}: HTTP {}", status.as_u16());
                        return Ok(response);
                    }
                    let wait = retry_after(&response).unwrap_or_else(|| backoff(attempt));
                    if wait > RETRY_AFTER_CAP || self.time_left().is_some_and(|left| wait >= left) {
                        return Ok(response);
                    }
                    log::debug!("{operation}: HTTP {}, retrying in {wait:?}", status.as_u16());
                    std::thread::sleep(wait);
                }
                Err(error) => {
                    let reason = describe(&error);
                    let wait = backoff(attempt);
                    if attempt >= MAX_ATTEMPTS
                        || !(error.is_connect() || error.is_timeout() || error.is_request())
                        || self.time_left().is_some_and(|left| wait >= left)
                    {
                        return Err(TransportError { operation, host, reason });
                    }
                    log::debug!("{operation}: {reason}; retrying in {wait:?}");
                    std::thread::sleep(wait);
                }
            }
            attempt += 1;
        }
    }
}

/// `Retry-After` in seconds (the HTTP-date form is not used by AWS).
pub(crate) fn retry_after(response: &Response) -> Option<Duration> {
    let seconds: f64 = response.headers().get(RETRY_AFTER)?.to_str().ok()?.trim().parse().ok()?;
    (seconds.is_finite() && seconds >= 0.0).then(|| Duration::from_secs_f64(seconds))
}

/// Exponential backoff with full jitter: a random wait up to `base * 2^(attempt-1)`, capped.
fn backoff(attempt: u32) -> Duration {
    let ceiling = BACKOFF_BASE.saturating_mul(1 << (attempt - 1).min(10)).min(BACKOFF_CAP);
    ceiling.mul_f64(rand::rng().random_range(0.0..=1.0))
}

/// The innermost cause of a reqwest error, which says what actually went wrong (refused, reset, timed out).
pub(crate) fn describe(error: &reqwest::Error) -> String {
    let mut source: &dyn std::error::Error = error;
    while let Some(inner) = source.source() {
        source = inner;
    }
    if error.is_timeout() {
        return "timed out".to_owned();
    }
    source.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_network_budget_must_be_seconds() {
        for bad in ["abc", "0", "-1", "inf", "NaN"] {
            let env = Env::from_pairs([(NETWORK_BUDGET_VAR, bad)]);
            assert!(matches!(Http::new(&env), Err(HttpError::BadBudget(_))), "{bad}");
        }
        let env = Env::from_pairs([(NETWORK_BUDGET_VAR, "2.5")]);
        let left = Http::new(&env).unwrap().time_left().unwrap();
        assert!(left > Duration::from_secs(2) && left <= Duration::from_millis(2500));
        assert!(Http::new(&Env::from_pairs([])).unwrap().time_left().is_none());
    }

    #[test]
    fn backoff_stays_within_its_ceiling() {
        for attempt in 1..20 {
            let ceiling = BACKOFF_BASE.saturating_mul(1 << (attempt - 1).min(10)).min(BACKOFF_CAP);
            assert!(backoff(attempt) <= ceiling);
        }
    }
}
