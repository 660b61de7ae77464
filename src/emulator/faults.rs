//! Fault injection: the latency, throttling and server errors a real service shows on a bad day.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};

use super::error::{ApiError, OidcErrorKind, PortalErrorKind};
use super::stats::{Operation, Stats};

#[derive(Debug, Clone, Default)]
pub struct FaultConfig {
    /// Added before every API answer.
    pub latency: Duration,
    /// Portal requests per second above which the answer is 429 TooManyRequestsException.
    pub throttle_rps: Option<f64>,
    /// Seconds sent in `Retry-After` with each 429; no header when `None`.
    pub retry_after: Option<u64>,
    /// The probability of answering an API request with a 500.
    pub fail_rate: f64,
    /// Seeds the generator behind `fail_rate`, so a failing run can be repeated.
    pub seed: Option<u64>,
}

/// A token bucket: it holds up to one second's worth of requests and refills at the configured rate, so short
/// bursts pass and a sustained rate above it is throttled.
#[derive(Debug)]
struct TokenBucket {
    rate: f64,
    tokens: f64,
    refilled_at: Instant,
}

impl TokenBucket {
    fn new(rate: f64) -> Self {
        Self { rate, tokens: rate.max(1.0), refilled_at: Instant::now() }
    }

    fn try_take(&mut self, now: Instant) -> bool {
        let elapsed = now.saturating_duration_since(self.refilled_at).as_secs_f64();
        self.tokens = (self.tokens + elapsed * self.rate).min(self.rate.max(1.0));
        self.refilled_at = now;
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

#[derive(Debug)]
pub struct Faults {
    config: FaultConfig,
    bucket: Option<Mutex<TokenBucket>>,
    rng: Mutex<StdRng>,
}

impl Faults {
    pub fn new(config: FaultConfig) -> Self {
        let bucket = config.throttle_rps.map(|rate| Mutex::new(TokenBucket::new(rate)));
        let rng = match config.seed {
            Some(seed) => StdRng::seed_from_u64(seed),
            None => rand::make_rng(),
        };
        Self { config, bucket, rng: Mutex::new(rng) }
    }

    /// What every API request goes through before its handler: the latency, then perhaps an injected 500,
    /// then (portal only) the throttle.
    pub async fn admit(&self, operation: Operation, stats: &Stats) -> Result<(), ApiError> {
        if !self.config.latency.is_zero() {
            tokio::time::sleep(self.config.latency).await;
        }
        if self.config.fail_rate > 0.0 && self.roll_failure() {
            stats.count_injected_failure();
            return Err(if operation.is_portal() {
                ApiError::portal(PortalErrorKind::InternalFailure, "An internal error occurred (injected)")
            } else {
                ApiError::oidc(OidcErrorKind::InternalServer, "An internal error occurred (injected)")
            });
        }
        if operation.is_portal()
            && let Some(bucket) = &self.bucket
            && !bucket.lock().unwrap_or_else(|p| p.into_inner()).try_take(Instant::now())
        {
            stats.count_throttled();
            return Err(ApiError::Portal {
                kind: PortalErrorKind::TooManyRequests,
                message: "Too many requests".to_owned(),
                retry_after: self.config.retry_after,
            });
        }
        Ok(())
    }

    fn roll_failure(&self) -> bool {
        self.rng.lock().unwrap_or_else(|p| p.into_inner()).random_bool(self.config.fail_rate.clamp(0.0, 1.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bucket_allows_a_burst_then_the_rate() {
        let start = Instant::now();
        let mut bucket = TokenBucket { rate: 10.0, tokens: 10.0, refilled_at: start };
        assert_eq!((0..20).filter(|_| bucket.try_take(start)).count(), 10);
        assert!(bucket.try_take(start + Duration::from_millis(100)));
        assert!(!bucket.try_take(start + Duration::from_millis(100)));
        assert_eq!((0..20).filter(|_| bucket.try_take(start + Duration::from_secs(10))).count(), 10);
    }

    #[test]
    fn a_slow_rate_still_lets_one_request_through() {
        let start = Instant::now();
        let mut bucket = TokenBucket { rate: 0.5, tokens: 1.0, refilled_at: start };
        assert!(bucket.try_take(start));
        assert!(!bucket.try_take(start + Duration::from_secs(1)));
        assert!(bucket.try_take(start + Duration::from_secs(2)));
    }
}
