//! Pacing many portal calls: as many at once as allowed, as fast as the service lets them through.
//!
//! Listing roles is one ListAccountRoles call per account, and the portal throttles a client that calls too
//! fast (429 TooManyRequestsException; anchors.md §2 item 6: the peers give up on organisations of a few
//! hundred accounts). The pacer lets up to `max_in_flight` calls run at once with no rate limit until the first
//! 429. Then it limits the rate, additive increase and multiplicative decrease as TCP does: it cuts the rate
//! to a little under what the service was actually letting through (successful calls in the last second), at
//! most once per second so that one burst of 429s counts once, and raises it by a few calls per second every
//! second while calls succeed. A `Retry-After` stops every call until it has passed.

use std::collections::VecDeque;
use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// The cut, as a share of the rate the service was granting when it throttled.
const DECREASE: f64 = 0.85;
/// How much the rate grows each second without a 429 (calls per second).
const INCREASE_PER_SECOND: f64 = 4.0;
/// The slowest the pacer goes, whatever the service says: one call every two seconds.
const MIN_RATE: f64 = 0.5;
/// The window over which the granted rate is measured, and the shortest time between two cuts.
const WINDOW: Duration = Duration::from_secs(1);

#[derive(Debug)]
struct State {
    /// Calls per second allowed; `None` until the service first throttles.
    rate: Option<f64>,
    /// The earliest start of the next call under the rate.
    next_start: Instant,
    /// No call starts before this (a `Retry-After`).
    paused_until: Instant,
    in_flight: usize,
    last_cut: Option<Instant>,
    /// When the calls of the last `WINDOW` succeeded.
    successes: VecDeque<Instant>,
    throttled: u64,
}

/// Shared by every thread that makes paced calls.
#[derive(Debug)]
pub struct Pacer {
    max_in_flight: usize,
    state: Mutex<State>,
    slot_freed: Condvar,
}

/// The right to make one call; the slot is given back when it is dropped.
#[derive(Debug)]
pub struct Permit<'a> {
    pacer: &'a Pacer,
}

impl Drop for Permit<'_> {
    fn drop(&mut self) {
        self.pacer.lock().in_flight -= 1;
        self.pacer.slot_freed.notify_one();
    }
}

impl Pacer {
    pub fn new(max_in_flight: usize) -> Self {
        let now = Instant::now();
        Self {
            max_in_flight: max_in_flight.max(1),
            state: Mutex::new(State {
                rate: None,
                next_start: now,
                paused_until: now,
                in_flight: 0,
                last_cut: None,
                successes: VecDeque::new(),
                throttled: 0,
            }),
            slot_freed: Condvar::new(),
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Waits for a free slot and for the rate (and any `Retry-After`) to allow a call.
    pub fn acquire(&self) -> Permit<'_> {
        let mut state = self.lock();
        loop {
            if state.in_flight >= self.max_in_flight {
                state = self.slot_freed.wait(state).unwrap_or_else(|poisoned| poisoned.into_inner());
                continue;
            }
            let now = Instant::now();
            let start = now.max(state.paused_until).max(state.next_start);
            if start > now {
                drop(state);
                std::thread::sleep(start - now);
                state = self.lock();
                continue;
            }
            state.in_flight += 1;
            if let Some(rate) = state.rate {
                state.next_start = now.max(state.next_start) + Duration::from_secs_f64(1.0 / rate);
            }
            return Permit { pacer: self };
        }
    }

    pub fn succeeded(&self) {
        self.succeeded_at(Instant::now());
    }

    fn succeeded_at(&self, now: Instant) {
        let mut state = self.lock();
        state.successes.push_back(now);
        while state.successes.front().is_some_and(|at| now.duration_since(*at) > WINDOW) {
            state.successes.pop_front();
        }
        if let Some(rate) = state.rate {
            // One success per 1/rate seconds: INCREASE_PER_SECOND more calls per second each second.
            state.rate = Some(rate + INCREASE_PER_SECOND / rate);
        }
    }

    /// The service said 429; `retry_after` is its `Retry-After`, if any.
    pub fn throttled(&self, retry_after: Option<Duration>) {
        self.throttled_at(Instant::now(), retry_after);
    }

    fn throttled_at(&self, now: Instant, retry_after: Option<Duration>) {
        let mut state = self.lock();
        state.throttled += 1;
        if let Some(wait) = retry_after {
            state.paused_until = state.paused_until.max(now + wait);
        }
        if state.last_cut.is_some_and(|at| now.duration_since(at) < WINDOW) {
            return;
        }
        let granted = state.successes.iter().filter(|at| now.duration_since(**at) <= WINDOW).count() as f64;
        let base = match state.rate {
            Some(rate) => rate.min(granted.max(MIN_RATE)),
            None => granted,
        };
        state.rate = Some((base * DECREASE).max(MIN_RATE));
        state.last_cut = Some(now);
    }

    /// How many 429s the service has answered so far.
    pub fn throttled_count(&self) -> u64 {
        self.lock().throttled
    }

    /// The current rate limit, if the service has throttled at all.
    pub fn rate(&self) -> Option<f64> {
        self.lock().rate
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_limit_until_the_first_429() {
        let pacer = Pacer::new(4);
        let start = Instant::now();
        for _ in 0..100 {
            drop(pacer.acquire());
            pacer.succeeded();
        }
        assert_eq!(pacer.rate(), None);
        assert!(start.elapsed() < Duration::from_millis(100));
    }

    #[test]
    fn a_429_cuts_to_under_the_granted_rate_once_per_window() {
        let pacer = Pacer::new(4);
        let now = Instant::now();
        for i in 0..40 {
            pacer.succeeded_at(now + Duration::from_millis(i * 20));
        }
        let at = now + Duration::from_millis(800);
        pacer.throttled_at(at, None);
        let cut = pacer.rate().unwrap();
        assert!((cut - 40.0 * DECREASE).abs() < 1e-9, "{cut}");
        // The rest of the burst of 429s does not cut again.
        pacer.throttled_at(at + Duration::from_millis(10), None);
        assert_eq!(pacer.rate(), Some(cut));
        assert_eq!(pacer.throttled_count(), 2);
        // A second later it does, from the lower of the limit and what was granted.
        pacer.throttled_at(at + Duration::from_millis(1500), None);
        assert!(pacer.rate().unwrap() <= cut * DECREASE + 1e-9);
    }

    #[test]
    fn the_rate_recovers_while_calls_succeed() {
        let pacer = Pacer::new(4);
        let now = Instant::now();
        pacer.throttled_at(now, None);
        assert_eq!(pacer.rate(), Some(MIN_RATE));
        for i in 0..100 {
            pacer.succeeded_at(now + Duration::from_millis(i));
        }
        assert!(pacer.rate().unwrap() > 10.0, "{:?}", pacer.rate());
    }

    #[test]
    fn a_limited_rate_spaces_the_calls() {
        let pacer = Pacer::new(8);
        {
            let mut state = pacer.lock();
            state.rate = Some(100.0);
        }
        let start = Instant::now();
        for _ in 0..11 {
            drop(pacer.acquire());
        }
        // Ten gaps of 10 ms.
        assert!(start.elapsed() >= Duration::from_millis(95), "{:?}", start.elapsed());
    }

    #[test]
    fn retry_after_holds_every_call() {
        let pacer = Pacer::new(2);
        pacer.throttled(Some(Duration::from_millis(150)));
        let start = Instant::now();
        drop(pacer.acquire());
        assert!(start.elapsed() >= Duration::from_millis(140));
    }

    #[test]
    fn no_more_than_max_in_flight() {
        let pacer = Pacer::new(3);
        let running = std::sync::atomic::AtomicUsize::new(0);
        let most = std::sync::atomic::AtomicUsize::new(0);
        std::thread::scope(|scope| {
            for _ in 0..12 {
                scope.spawn(|| {
                    let _permit = pacer.acquire();
                    let now = running.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 1;
                    most.fetch_max(now, std::sync::atomic::Ordering::SeqCst);
                    std::thread::sleep(Duration::from_millis(5));
                    running.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
                });
            }
        });
        assert_eq!(most.load(std::sync::atomic::Ordering::SeqCst), 3);
    }
}
