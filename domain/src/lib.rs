//! pgdeck's server-side logic. Nothing here knows about Leptos or HTTP
//! routing: the UI's server functions and the CLI call in, and every upstream
//! call leaves through [`gateway`].

pub mod access;
pub mod accounts;
pub mod actions;
pub mod actor;
pub mod alerting;
pub mod approvals;
pub mod audit;
pub mod auth;
pub mod backups;
pub mod change;
pub mod credentials;
pub mod dashboard;
pub mod db;
pub mod error;
pub mod gateway;
mod group_commit;
pub mod instances;
pub mod jobs;
pub mod judged;
pub mod notify;
pub mod outbound;
#[cfg(test)]
mod refusal_words;
pub mod roles;
pub mod rotate;
pub mod scan;
pub mod seed;
pub mod settings;
pub mod sso;
pub mod time;
pub mod tokens;
pub mod upgrade;
pub mod vault;

pub use actor::{grant, Actor, Authority, Client, Granted};

/// A member whose role may read the estate.
pub type Reader<'a> = Granted<'a, grant::Read>;
/// A member whose role may change the estate (or ask to).
pub type Changer<'a> = Granted<'a, grant::Change>;
pub use error::{error_reference, refused, DomainError, Why};
pub use roles::{Permission, Role};
pub use settings::Settings;
pub use vault::Vault;

use rds::client::RdsClient;
use sqlx::SqlitePool;
use std::sync::Arc;

/// Everything a request needs: one per server, cheap to clone. A clone is
/// one shared pointer: every request clones the context several times (the
/// router's layers, the page's context), and cloning each field apart cost
/// about a fifth of a busy server's time in atomic counter updates.
#[derive(Clone)]
pub struct Context(Arc<ContextParts>);

impl std::ops::Deref for Context {
    type Target = ContextParts;
    fn deref(&self) -> &ContextParts {
        &self.0
    }
}

/// How many live job streams (open pages) one member may hold at once.
pub const STREAMS_PER_MEMBER: usize = 32;

/// One open live stream of a member; dropping it gives the seat back.
pub struct StreamSeat {
    streams: Arc<std::sync::Mutex<std::collections::HashMap<i64, usize>>>,
    user_id: i64,
}

impl Drop for StreamSeat {
    fn drop(&mut self) {
        let mut open = self.streams.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(n) = open.get_mut(&self.user_id) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                open.remove(&self.user_id);
            }
        }
    }
}

/// What a [`Context`] holds.
pub struct ContextParts {
    pub pool: SqlitePool,
    pub rds: RdsClient,
    pub settings: Arc<Settings>,
    pub vault: Arc<Vault>,
    pub throttle: Arc<auth::Throttle>,
    /// Job changes, for pages that show them live.
    pub job_events: tokio::sync::broadcast::Sender<jobs::JobRow>,
    /// Approval notices for the webhook worker.
    pub notices: tokio::sync::mpsc::Sender<notify::Notice>,
    notice_rx: Arc<std::sync::Mutex<Option<tokio::sync::mpsc::Receiver<notify::Notice>>>>,
    /// The gateway's shared write transaction, one per database.
    pub(crate) writes: Arc<group_commit::Writes>,
    /// Each member's acting credential set, opened: read on every upstream
    /// call, so kept in memory; dropped when the member adds, activates or
    /// removes a set.
    acting: Arc<std::sync::Mutex<std::collections::HashMap<i64, (i64, rds::client::Credentials)>>>,
    /// Session rows read recently (see [`auth::Sessions`]).
    pub(crate) sessions: Arc<auth::Sessions>,
    /// Live job streams open per member (see [`Context::open_stream`]).
    streams: Arc<std::sync::Mutex<std::collections::HashMap<i64, usize>>>,
    /// Turns `true` once pgdeck begins to stop.
    stop: Arc<tokio::sync::watch::Sender<bool>>,
    /// The background tasks, awaited when pgdeck stops.
    background: Arc<std::sync::Mutex<Vec<tokio::task::JoinHandle<()>>>>,
}

impl std::fmt::Debug for Context {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Context").field("settings", &self.settings).finish_non_exhaustive()
    }
}

impl Context {
    /// The gateway's audit commits so far and the callers they carried
    /// (group commit; for tests and the benchmark).
    pub fn audit_commits(&self) -> (u64, u64) {
        self.writes.shared()
    }

    /// Builds the context: the RDS client with the configured OAuth endpoint.
    pub fn new(pool: SqlitePool, settings: Settings, vault: Vault) -> Result<Self, DomainError> {
        let rds = RdsClient::new(rds::client::ClientConfig {
            oauth_base: settings.oauth_base.clone(),
            rate: settings.upstream_rate.0,
            burst: settings.upstream_rate.1,
            ..Default::default()
        })
        .map_err(|e| DomainError::Internal(anyhow::anyhow!("building the RDS client: {e}")))?;
        let (job_events, _) = tokio::sync::broadcast::channel(256);
        let (notices, rx) = tokio::sync::mpsc::channel(notify::QUEUE);
        Ok(Self(Arc::new(ContextParts {
            pool,
            rds,
            settings: Arc::new(settings),
            vault: Arc::new(vault),
            throttle: Arc::new(auth::Throttle::default()),
            job_events,
            notices,
            notice_rx: Arc::new(std::sync::Mutex::new(Some(rx))),
            writes: Arc::default(),
            acting: Arc::default(),
            sessions: Arc::default(),
            streams: Arc::default(),
            stop: Arc::new(tokio::sync::watch::channel(false).0),
            background: Arc::default(),
        })))
    }

    /// A seat for one more live job stream of `user_id`, or `None` when they
    /// already hold [`STREAMS_PER_MEMBER`]. The seat is given back when it
    /// is dropped, with its stream.
    pub fn open_stream(&self, user_id: i64) -> Option<StreamSeat> {
        let mut open = self.streams.lock().unwrap_or_else(|p| p.into_inner());
        let n = open.entry(user_id).or_insert(0);
        if *n >= STREAMS_PER_MEMBER {
            return None;
        }
        *n += 1;
        Some(StreamSeat { streams: self.streams.clone(), user_id })
    }

    /// The member's acting set, if opened before.
    pub(crate) fn cached_acting(&self, user_id: i64) -> Option<(i64, rds::client::Credentials)> {
        self.acting.lock().unwrap_or_else(|p| p.into_inner()).get(&user_id).cloned()
    }

    pub(crate) fn cache_acting(&self, user_id: i64, set: (i64, rds::client::Credentials)) {
        let mut map = self.acting.lock().unwrap_or_else(|p| p.into_inner());
        // One entry per member; a bound in case of very many.
        if map.len() >= 10_000 {
            map.clear();
        }
        map.insert(user_id, set);
    }

    /// Forgets a member's opened set (after any change to their sets).
    pub(crate) fn forget_acting(&self, user_id: i64) {
        self.acting.lock().unwrap_or_else(|p| p.into_inner()).remove(&user_id);
    }

    /// Watches for the start of a stop: background loops and live streams
    /// end when it turns `true`.
    pub fn stopping(&self) -> tokio::sync::watch::Receiver<bool> {
        self.stop.subscribe()
    }

    /// Resolves once pgdeck begins to stop.
    pub async fn stopped(&self) {
        let mut rx = self.stopping();
        let _ = rx.wait_for(|s| *s).await;
    }

    /// Begins a stop and waits (at most `wait`) for the background tasks to
    /// finish their round: a job poll or an expiry sweep in progress lands
    /// whole. Answers whether they all finished in time.
    pub async fn stop(&self, wait: std::time::Duration) -> bool {
        self.stop.send_replace(true);
        let handles: Vec<_> = std::mem::take(&mut *self.background.lock().unwrap_or_else(|p| p.into_inner()));
        tokio::time::timeout(wait, futures_util::future::join_all(handles)).await.is_ok()
    }

    /// Starts the background work: job tracker, request expiry, webhook
    /// delivery; first settles requests a stop interrupted.
    pub async fn start_background(&self) -> Result<(), DomainError> {
        let unknown = gateway::settle_intents(self).await?;
        if unknown > 0 {
            tracing::warn!(count = unknown, "changes interrupted by the last stop are marked 'outcome unknown' in the audit log");
        }
        approvals::recover(self).await?;
        let mut tasks = vec![jobs::spawn_tracker(self.clone()), approvals::spawn_sweeper(self.clone())];
        if let Some(rx) = self.notice_rx.lock().unwrap_or_else(|p| p.into_inner()).take() {
            tasks.push(notify::spawn_worker(self.clone(), rx));
        }
        self.background.lock().unwrap_or_else(|p| p.into_inner()).extend(tasks);
        Ok(())
    }
}
