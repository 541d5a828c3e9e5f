//! One request budget per credential: everything pgdeck sends to the RDS
//! API with a member's keys (pages, the job tracker, prechecks, the
//! dashboard) takes a token from that credential's bucket first.
//!
//! A bucket holds at most `burst` tokens and refills at `rate` a second, so
//! in any span of `t` seconds a credential sends at most `burst + rate·t`
//! requests — in any one second, at most `rate + burst` (docs/operations.md,
//! `PGDECK_UPSTREAM_RATE`). Pages come first: a page's request waits for a
//! token (a bounded time), while background work — the job tracker and its
//! hints, run inside [`in_background`] — takes one only when more than
//! half the burst is left, and otherwise is put off without waiting.
//!
//! When upstream says "slow down" (HTTP 429, or 503 with `Retry-After`), the
//! credential's bucket is closed for the time upstream asked — nothing more
//! is sent with those keys until then — and its rate is halved, growing
//! back by [`RECOVERY_PER_SECOND`] each second up to the budget: pgdeck
//! settles just under a limit upstream does not publish.

use crate::client::{Credentials, RdsError};
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The default budget per credential: requests a second, and burst.
pub const DEFAULT_RATE: f64 = 50.0;
pub const DEFAULT_BURST: u32 = 50;
/// After upstream says "slow down", a credential's rate is halved (at
/// least 1 a second) and grows back by this many requests a second, each
/// second, up to the budget.
pub const RECOVERY_PER_SECOND: f64 = 1.0;

tokio::task_local! {
    static BACKGROUND: ();
}

/// Runs `f` as background work: its requests yield to pages' when the
/// budget is short, and are put off rather than kept waiting.
pub async fn in_background<F: std::future::Future>(f: F) -> F::Output {
    BACKGROUND.scope((), f).await
}

fn is_background() -> bool {
    BACKGROUND.try_with(|_| ()).is_ok()
}

/// The budgets of every credential pgdeck has sent with.
#[derive(Debug)]
pub struct Budget {
    rate: f64,
    burst: f64,
    lanes: Mutex<HashMap<String, Lane>>,
}

#[derive(Debug)]
struct Lane {
    tokens: f64,
    at: Instant,
    /// Upstream asked to wait until then.
    closed_until: Option<Instant>,
    /// The rate after upstream's last "slow down", and when it came.
    slowed: Option<(f64, Instant)>,
}

impl Lane {
    fn new(tokens: f64, now: Instant) -> Lane {
        Lane { tokens, at: now, closed_until: None, slowed: None }
    }
}

impl Budget {
    /// A budget of `rate` requests a second and bursts of `burst`, per credential.
    pub fn new(rate: f64, burst: u32) -> Self {
        Budget { rate: rate.max(0.001), burst: f64::from(burst.max(1)), lanes: Mutex::new(HashMap::new()) }
    }

    /// Requests a second, and burst.
    pub fn limits(&self) -> (f64, u32) {
        (self.rate, self.burst as u32)
    }

    /// One budget per set of keys: the appkey and the access key id.
    fn key(creds: &Credentials) -> String {
        format!("{}\u{1f}{}", creds.appkey, creds.access_key_id)
    }

    /// Takes a token for one request with `creds`. A page's request waits
    /// for one up to `max_wait`; background work does not wait. Answers
    /// [`RdsError::Throttled`] (nothing sent) when no token comes in time.
    pub async fn take(&self, creds: &Credentials, max_wait: Duration) -> Result<(), RdsError> {
        let background = is_background();
        let key = Self::key(creds);
        let started = Instant::now();
        loop {
            let (wait, upstream) = match self.try_take(&key, background, Instant::now()) {
                Ok(()) => return Ok(()),
                Err(w) => w,
            };
            if background || started.elapsed() + wait > max_wait {
                metrics::counter!("pgdeck_upstream_deferred_total", "by" => if upstream { "upstream" } else { "pgdeck" }, "work" => if background { "background" } else { "page" }).increment(1);
                return Err(RdsError::Throttled {
                    retry_after_ms: wait.as_millis().max(1) as u64,
                    message: if upstream { "NHN Cloud asked to wait".into() } else { String::new() },
                    by_pgdeck: !upstream,
                });
            }
            tokio::time::sleep(wait).await;
        }
    }

    /// Takes a token now, or says how long until one (and whether upstream
    /// is the reason).
    fn try_take(&self, key: &str, background: bool, now: Instant) -> Result<(), (Duration, bool)> {
        let mut lanes = self.lanes.lock().unwrap_or_else(|e| e.into_inner());
        let lane = lanes.entry(key.to_string()).or_insert_with(|| Lane::new(self.burst, now));
        if let Some(until) = lane.closed_until {
            if until > now {
                return Err((until - now, true));
            }
            lane.closed_until = None;
        }
        let rate = match lane.slowed {
            Some((slow, since)) => (slow + now.saturating_duration_since(since).as_secs_f64() * RECOVERY_PER_SECOND).min(self.rate),
            None => self.rate,
        };
        if rate >= self.rate {
            lane.slowed = None;
        }
        let burst = (self.burst * rate / self.rate).max(1.0);
        lane.tokens = (lane.tokens + now.saturating_duration_since(lane.at).as_secs_f64() * rate).min(burst);
        lane.at = now;
        // Background work leaves half the burst to pages.
        let needed = if background { 1.0 + (burst / 2.0).floor() } else { 1.0 };
        if lane.tokens >= needed {
            lane.tokens -= 1.0;
            return Ok(());
        }
        Err((Duration::from_secs_f64((needed - lane.tokens) / rate), false))
    }

    /// Upstream asked to wait `for_` before sending more with `creds`.
    pub fn close(&self, creds: &Credentials, for_: Duration) {
        let until = Instant::now() + for_;
        let mut lanes = self.lanes.lock().unwrap_or_else(|e| e.into_inner());
        let now = Instant::now();
        let lane = lanes.entry(Self::key(creds)).or_insert_with(|| Lane::new(0.0, now));
        lane.closed_until = Some(lane.closed_until.map_or(until, |u| u.max(until)));
        lane.tokens = 0.0;
        let current = lane.slowed.map_or(self.rate, |(slow, since)| {
            (slow + now.saturating_duration_since(since).as_secs_f64() * RECOVERY_PER_SECOND).min(self.rate)
        });
        lane.slowed = Some(((current / 2.0).max(1.0), until));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_credential_sends_its_burst_then_the_rate() {
        let b = Budget::new(10.0, 10);
        let t0 = Instant::now();
        let mut sent = 0;
        // Asking every 10 ms for three seconds.
        for step in 0..300 {
            if b.try_take("k", false, t0 + Duration::from_millis(10 * step)).is_ok() {
                sent += 1;
            }
        }
        // 10 at once, then 10 a second: about 40 in three seconds.
        assert!((38..=41).contains(&sent), "{sent}");
        // Another credential has its own.
        assert!(b.try_take("other", false, t0).is_ok());
    }

    #[test]
    fn background_work_leaves_half_the_burst_to_pages() {
        let b = Budget::new(10.0, 10);
        let t0 = Instant::now();
        let mut background = 0;
        while b.try_take("k", true, t0).is_ok() {
            background += 1;
        }
        assert_eq!(background, 5);
        let mut pages = 0;
        while b.try_take("k", false, t0).is_ok() {
            pages += 1;
        }
        assert_eq!(pages, 5);
    }

    #[test]
    fn a_slow_down_halves_the_rate_which_grows_back() {
        let b = Budget::new(10.0, 10);
        let creds = Credentials { api_base: "x".into(), appkey: "a".into(), access_key_id: "k".into(), secret_access_key: "s".into() };
        let key = Budget::key(&creds);
        b.close(&creds, Duration::from_millis(1));
        let t0 = Instant::now() + Duration::from_millis(5);
        let sent = |from: Instant, secs: u64| {
            (0..secs * 100).filter(|i| b.try_take(&key, false, from + Duration::from_millis(10 * i)).is_ok()).count()
        };
        // The first two seconds: about 5 a second, growing by 1 each second.
        let slow = sent(t0, 2);
        assert!((9..=14).contains(&slow), "{slow}");
        // Ten seconds on: back to 10 a second.
        let later = sent(t0 + Duration::from_secs(12), 2);
        assert!((19..=31).contains(&later), "{later}");
    }

    #[test]
    fn a_closed_lane_sends_nothing_until_upstream_said() {
        let b = Budget::new(10.0, 10);
        let creds = Credentials { api_base: "x".into(), appkey: "a".into(), access_key_id: "k".into(), secret_access_key: "s".into() };
        b.close(&creds, Duration::from_secs(3));
        let key = Budget::key(&creds);
        let (wait, upstream) = b.try_take(&key, false, Instant::now()).unwrap_err();
        assert!(upstream && wait > Duration::from_secs(2), "{wait:?}");
        assert!(b.try_take(&key, false, Instant::now() + Duration::from_secs(4)).is_ok());
    }
}
