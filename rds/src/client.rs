//! The HTTP client: one `reqwest::Client`, the OAuth token exchange with a
//! cache, retries for reads, and one method per endpoint.

use crate::check::Check;
use crate::endpoints::{fill_path, Method};
pub use crate::error::{decode, RdsError, FORBIDDEN, UNAUTHORIZED};
use crate::ids::*;
use crate::types::*;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::Mutex;

/// One member's NHN Cloud credentials. Secrets never print.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    /// RDS API base URL of the region (`https://kr1-rds-postgres.api.nhncloudservice.com`).
    pub api_base: String,
    pub appkey: String,
    pub access_key_id: String,
    pub secret_access_key: String,
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("api_base", &self.api_base)
            .field("appkey", &"***")
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &"***")
            .finish()
    }
}

/// Client settings.
#[derive(Clone, Debug)]
pub struct ClientConfig {
    /// Base URL of the OAuth endpoint (`https://oauth.api.nhncloudservice.com`).
    pub oauth_base: String,
    pub connect_timeout: Duration,
    pub total_timeout: Duration,
    /// Tries of an idempotent read, first included.
    pub read_attempts: u32,
    /// First backoff between read tries; doubles each time.
    pub backoff: Duration,
    /// Requests a second per credential, and burst ([`crate::budget`]).
    pub rate: f64,
    pub burst: u32,
    /// The longest a page's request waits for the budget, or for the wait
    /// upstream asked (429 `Retry-After`) before a read is tried again;
    /// beyond it the member is told to retry.
    pub max_wait: Duration,
}

impl Default for ClientConfig {
    fn default() -> Self {
        Self {
            oauth_base: "https://oauth.api.nhncloudservice.com".into(),
            connect_timeout: Duration::from_secs(5),
            total_timeout: Duration::from_secs(30),
            read_attempts: 3,
            backoff: Duration::from_millis(100),
            rate: crate::budget::DEFAULT_RATE,
            burst: crate::budget::DEFAULT_BURST,
            max_wait: Duration::from_secs(5),
        }
    }
}

#[derive(Clone)]
struct CachedToken {
    token: String,
    renew_at: Instant,
}

#[derive(Deserialize)]
struct TokenAnswer {
    access_token: String,
    #[serde(default)]
    expires_in: Option<u64>,
}

/// The RDS API client. Cheap to clone (one shared pointer); clones share
/// connections and tokens.
#[derive(Clone)]
pub struct RdsClient(Arc<ClientParts>);

impl std::ops::Deref for RdsClient {
    type Target = ClientParts;
    fn deref(&self) -> &ClientParts {
        &self.0
    }
}

/// What an [`RdsClient`] holds.
pub struct ClientParts {
    http: reqwest::Client,
    config: Arc<ClientConfig>,
    tokens: Arc<Mutex<HashMap<(String, String), CachedToken>>>,
    /// Reads in flight, by credentials and URL: an identical read asked
    /// while one is on its way waits for that one's answer instead of
    /// sending its own.
    reads: Arc<std::sync::Mutex<HashMap<String, Flight>>>,
    /// The job path that answered, per region address (see [`JOB_PATHS`]).
    job_paths: Arc<std::sync::Mutex<HashMap<String, &'static str>>>,
    /// One request budget per credential.
    budget: crate::budget::Budget,
}

/// Where a job is read. The Korean, Japanese and original English guides
/// say `/v1.0/jobs/{jobId}`; a later English edition says `/v3.0/…`. pgdeck
/// asks the first, falls back to the other when the path is not found, and
/// keeps the one that answered for the region (docs/upstream-api.md).
pub const JOB_PATHS: [&str; 2] = ["/v1.0/jobs/", "/v3.0/jobs/"];

/// A read's answer (the raw, checked bytes), shared by every caller that
/// asked for it while it was on its way.
type Flight = futures_util::future::Shared<std::pin::Pin<Box<dyn std::future::Future<Output = Result<Arc<Vec<u8>>, RdsError>> + Send>>>;

impl fmt::Debug for RdsClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RdsClient").field("config", &self.config).finish()
    }
}

enum Body<'a> {
    None,
    Json(&'a (dyn erased::Json + Sync)),
}

mod erased {
    /// A body serialisable to JSON, object-safe.
    pub trait Json {
        fn to_json(&self) -> Result<Vec<u8>, serde_json::Error>;
    }
    impl<T: serde::Serialize> Json for T {
        fn to_json(&self) -> Result<Vec<u8>, serde_json::Error> {
            serde_json::to_vec(self)
        }
    }
}

impl RdsClient {
    /// Builds the client (rustls, timeouts, `User-Agent: pgdeck/<version>`).
    pub fn new(config: ClientConfig) -> Result<Self, RdsError> {
        let http = reqwest::Client::builder()
            .user_agent(concat!("pgdeck/", env!("CARGO_PKG_VERSION")))
            .connect_timeout(config.connect_timeout)
            .timeout(config.total_timeout)
            .pool_max_idle_per_host(32)
            // An answer that redirects elsewhere is an error, never followed:
            // the next hop would receive the member's appkey and token.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| RdsError::Transport(e.to_string()))?;
        let budget = crate::budget::Budget::new(config.rate, config.burst);
        Ok(Self(Arc::new(ClientParts {
            budget,
            http,
            config: Arc::new(config),
            tokens: Arc::new(Mutex::new(HashMap::new())),
            reads: Arc::new(std::sync::Mutex::new(HashMap::new())),
            job_paths: Arc::new(std::sync::Mutex::new(HashMap::new())),
        })))
    }

    /// A job's state, from whichever of [`JOB_PATHS`] the region answers:
    /// the one that answered before first, the other when it is not found.
    pub async fn job_status(&self, creds: &Credentials, job_id: &JobId) -> Result<Job, RdsError> {
        crate::validate::path_id("jobId", job_id.as_str())?;
        let known = self.job_paths.lock().unwrap_or_else(|e| e.into_inner()).get(&creds.api_base).copied();
        let order: Vec<&'static str> = match known {
            Some(p) => std::iter::once(p).chain(JOB_PATHS.iter().copied().filter(|x| *x != p)).collect(),
            None => JOB_PATHS.to_vec(),
        };
        let mut last = None;
        for prefix in order {
            let path = format!("{prefix}{}", job_id.as_str());
            match self.call::<Job>("job", creds, Method::Get, &path, &[], Body::None).await {
                Err(e) if e.is_not_found() || is_no_such_api(&e) => last = Some(e),
                answer => {
                    if answer.is_ok() && known != Some(prefix) {
                        self.job_paths.lock().unwrap_or_else(|e| e.into_inner()).insert(creds.api_base.clone(), prefix);
                        tracing::info!(region = %creds.api_base, path = %prefix, "jobs answer on this path for this region");
                    }
                    return answer;
                }
            }
        }
        Err(last.unwrap_or(RdsError::Transport("no job path answered".into())))
    }

    /// Finds which of [`JOB_PATHS`] the region serves, by asking each for a
    /// job that does not exist: the path whose answer is about the job (not
    /// found, or any answer but "no such API") is the one. Remembered like
    /// a path a real job answered on.
    pub async fn discover_job_path(&self, creds: &Credentials) -> Option<&'static str> {
        let probe = JobId::new("00000000-0000-4000-8000-000000000000");
        for prefix in JOB_PATHS {
            let path = format!("{prefix}{}", probe.as_str());
            let answer = self.call::<Job>("job", creds, Method::Get, &path, &[], Body::None).await;
            let serves = match &answer {
                Ok(_) => true,
                Err(e) if is_no_such_api(e) => false,
                Err(RdsError::Http { status: 404 | 405, message, .. }) => {
                    !message.starts_with("No such API") && !message.is_empty() && !message.starts_with("HTTP")
                }
                Err(RdsError::Api { .. }) => true,
                Err(_) => false,
            };
            if serves {
                self.job_paths.lock().unwrap_or_else(|e| e.into_inner()).insert(creds.api_base.clone(), prefix);
                return Some(prefix);
            }
        }
        None
    }

    /// The request budget every credential's calls draw on.
    pub fn budget(&self) -> &crate::budget::Budget {
        &self.budget
    }

    /// The job path that answered for a region, once one has.
    pub fn job_path(&self, api_base: &str) -> Option<&'static str> {
        self.job_paths.lock().unwrap_or_else(|e| e.into_inner()).get(api_base).copied()
    }

    /// The OAuth base URL in use.
    pub fn oauth_base(&self) -> &str {
        &self.config.oauth_base
    }

    /// Forgets every cached token (after credentials change).
    pub async fn forget_tokens(&self) {
        self.tokens.lock().await.clear();
    }

    /// A valid token for these credentials, from the cache when it is not
    /// about to expire, else from the OAuth endpoint.
    pub async fn token(&self, creds: &Credentials) -> Result<String, RdsError> {
        let key = (creds.access_key_id.clone(), creds.secret_access_key.clone());
        if let Some(t) = self.tokens.lock().await.get(&key) {
            if Instant::now() < t.renew_at {
                return Ok(t.token.clone());
            }
        }
        let fresh = self.exchange(creds).await?;
        let token = fresh.token.clone();
        self.tokens.lock().await.insert(key, fresh);
        Ok(token)
    }

    async fn drop_token(&self, creds: &Credentials) {
        let key = (creds.access_key_id.clone(), creds.secret_access_key.clone());
        self.tokens.lock().await.remove(&key);
    }

    async fn exchange(&self, creds: &Credentials) -> Result<CachedToken, RdsError> {
        let url = format!("{}/oauth2/token/create", self.config.oauth_base.trim_end_matches('/'));
        let started = Instant::now();
        let resp = self
            .http
            .post(url)
            .basic_auth(&creds.access_key_id, Some(&creds.secret_access_key))
            .header(reqwest::header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body("grant_type=client_credentials")
            .send()
            .await
            .map_err(transport)?;
        let status = resp.status();
        let bytes = resp.bytes().await.map_err(transport)?;
        if !status.is_success() {
            let hint = serde_json::from_slice::<serde_json::Value>(&bytes)
                .ok()
                .and_then(|v| {
                    v.pointer("/header/resultMessage")
                        .or_else(|| v.get("error_description"))
                        .or_else(|| v.get("message"))
                        .and_then(|m| m.as_str().map(str::to_string))
                })
                .unwrap_or_else(|| format!("HTTP {status}"));
            return Err(RdsError::Token(hint));
        }
        let answer: TokenAnswer = serde_json::from_slice(&bytes).map_err(|e| RdsError::Token(format!("unreadable answer: {e}")))?;
        // Renew ahead of expiry: a tenth of the lifetime, at most a minute.
        let lifetime = Duration::from_secs(answer.expires_in.unwrap_or(86_400));
        let margin = (lifetime / 10).min(Duration::from_secs(60));
        Ok(CachedToken { token: answer.access_token, renew_at: started + lifetime.saturating_sub(margin) })
    }

    /// One endpoint call, counted and timed by endpoint and result
    /// (`pgdeck_upstream_calls_total`, `pgdeck_upstream_call_seconds`).
    async fn call<T: DeserializeOwned>(
        &self,
        endpoint: &'static str,
        creds: &Credentials,
        method: Method,
        path: &str,
        query: &[(String, String)],
        body: Body<'_>,
    ) -> Result<T, RdsError> {
        let started = Instant::now();
        let out = if method == Method::Get {
            self.shared_read(creds, path, query).await.and_then(|b| serde_json::from_slice(&b).map_err(|e| RdsError::Decode(e.to_string())))
        } else {
            self.call_with_retries(creds, method, path, query, body)
                .await
                .and_then(|b| serde_json::from_slice(&b).map_err(|e| RdsError::Decode(e.to_string())))
        };
        let result = match &out {
            Ok(_) => "ok",
            Err(RdsError::Api { .. }) => "refused",
            Err(RdsError::Timeout) => "timeout",
            Err(RdsError::Token(_)) => "token",
            Err(RdsError::Transport(_)) => "transport",
            Err(RdsError::Http { .. }) => "http_error",
            Err(RdsError::Decode(_)) => "unreadable",
            Err(RdsError::Invalid(_)) => "invalid",
            Err(RdsError::Throttled { by_pgdeck: true, .. }) => "deferred",
            Err(RdsError::Throttled { .. }) => "throttled",
        };
        if let Err(RdsError::Throttled { by_pgdeck: false, .. }) = &out {
            metrics::counter!("pgdeck_upstream_throttled_total", "endpoint" => endpoint).increment(1);
        }
        metrics::counter!("pgdeck_upstream_calls_total", "endpoint" => endpoint, "result" => result).increment(1);
        metrics::histogram!("pgdeck_upstream_call_seconds", "endpoint" => endpoint).record(started.elapsed().as_secs_f64());
        out
    }

    /// A read, coalesced with an identical one already in flight (same
    /// credentials, same URL). Only reads are: every change is sent as asked.
    async fn shared_read(&self, creds: &Credentials, path: &str, query: &[(String, String)]) -> Result<Arc<Vec<u8>>, RdsError> {
        use futures_util::FutureExt;
        let mut key =
            format!("{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{path}", creds.api_base, creds.appkey, creds.access_key_id, creds.secret_access_key);
        for (k, v) in query {
            key.push_str(&format!("\u{1f}{k}={v}"));
        }
        let flight = {
            let mut reads = self.reads.lock().unwrap_or_else(|e| e.into_inner());
            match reads.get(&key) {
                Some(f) => f.clone(),
                None => {
                    let (this, creds, path, query, done) = (self.clone(), creds.clone(), path.to_string(), query.to_vec(), key.clone());
                    let f: Flight = async move {
                        let out = this.call_with_retries(&creds, Method::Get, &path, &query, Body::None).await.map(Arc::new);
                        this.reads.lock().unwrap_or_else(|e| e.into_inner()).remove(&done);
                        out
                    }
                    .boxed()
                    .shared();
                    reads.insert(key, f.clone());
                    f
                }
            }
        };
        flight.await
    }

    /// Sends a call (reads retried on transient trouble, the token renewed
    /// once when refused); answers the body's bytes, its header checked.
    /// Every try, the token and the waits between them share one deadline,
    /// [`ClientConfig::total_timeout`]: a hung upstream is reported once, not
    /// after each try's own timeout.
    async fn call_with_retries(
        &self,
        creds: &Credentials,
        method: Method,
        path: &str,
        query: &[(String, String)],
        body: Body<'_>,
    ) -> Result<Vec<u8>, RdsError> {
        tokio::time::timeout(self.config.total_timeout, self.tries(creds, method, path, query, body))
            .await
            .unwrap_or(Err(RdsError::Timeout))
    }

    async fn tries(
        &self,
        creds: &Credentials,
        method: Method,
        path: &str,
        query: &[(String, String)],
        body: Body<'_>,
    ) -> Result<Vec<u8>, RdsError> {
        let payload = match body {
            Body::None => None,
            Body::Json(b) => Some(b.to_json().map_err(|e| RdsError::Decode(e.to_string()))?),
        };
        let read = method.is_idempotent_read();
        let attempts = if read { self.config.read_attempts.max(1) } else { 1 };
        let mut renewed = false;
        let mut attempt = 0;
        loop {
            attempt += 1;
            let token = self.token(creds).await?;
            self.budget.take(creds, self.config.max_wait).await?;
            let result = self.send_once(creds, &token, method, path, query, payload.as_deref()).await;
            match result {
                Err(RdsError::Throttled { retry_after_ms, message, by_pgdeck }) => {
                    // Nothing more goes out with these keys until upstream said;
                    // a read is asked again after the wait when it is short
                    // (the budget waits for it), a change never is.
                    let wait = Duration::from_millis(retry_after_ms);
                    self.budget.close(creds, wait);
                    tracing::info!(retry_after_s = wait.as_secs_f64(), "upstream asked pgdeck to slow down");
                    if !(read && attempt < attempts && wait <= self.config.max_wait) {
                        return Err(RdsError::Throttled { retry_after_ms, message, by_pgdeck });
                    }
                }
                Err(RdsError::Api { code: UNAUTHORIZED, .. }) if !renewed => {
                    // The token may have been revoked or expired early: renew once.
                    renewed = true;
                    self.drop_token(creds).await;
                    attempt -= 1;
                }
                Err(e) if e.is_transient() && attempt < attempts => {
                    let wait = self.config.backoff * 2u32.saturating_pow(attempt - 1);
                    tokio::time::sleep(wait).await;
                }
                other => return other,
            }
        }
    }

    async fn send_once(
        &self,
        creds: &Credentials,
        token: &str,
        method: Method,
        path: &str,
        query: &[(String, String)],
        payload: Option<&[u8]>,
    ) -> Result<Vec<u8>, RdsError> {
        let url = format!("{}{}", creds.api_base.trim_end_matches('/'), path);
        let m = match method {
            Method::Get => reqwest::Method::GET,
            Method::Post => reqwest::Method::POST,
            Method::Put => reqwest::Method::PUT,
            Method::Delete => reqwest::Method::DELETE,
        };
        let mut req =
            self.http.request(m, url).header("X-TC-APP-KEY", &creds.appkey).header("X-NHN-AUTHORIZATION", format!("Bearer {token}"));
        if !query.is_empty() {
            req = req.query(query);
        }
        if let Some(p) = payload {
            req = req.header(reqwest::header::CONTENT_TYPE, "application/json").body(p.to_vec());
        }
        let resp = req.send().await.map_err(transport)?;
        let status = resp.status();
        let retry_after = resp.headers().get(reqwest::header::RETRY_AFTER).and_then(|v| v.to_str().ok()).map(str::to_string);
        let bytes = resp.bytes().await.map_err(transport)?;
        if let Some(slow_down) = crate::error::throttled(status.as_u16(), retry_after.as_deref(), &bytes) {
            return Err(slow_down);
        }
        if !status.is_success() {
            return Err(crate::error::http_error(status.as_u16(), &bytes));
        }
        crate::error::check_header(&bytes)?;
        Ok(bytes.to_vec())
    }
}

/// An answer saying the API itself does not exist (a 200 with a header,
/// as the guide has every answer): the path is wrong, not the job.
fn is_no_such_api(e: &RdsError) -> bool {
    matches!(e, RdsError::Api { message, .. } if message.starts_with("No such API"))
}

fn transport(e: reqwest::Error) -> RdsError {
    if e.is_timeout() {
        RdsError::Timeout
    } else {
        // Never include the URL's query: it may name resources, never secrets,
        // but the message should stay short.
        RdsError::Transport(e.without_url().to_string())
    }
}

macro_rules! client_methods {
    ($($name:ident ( $($p:ident : $pt:ty),* ) $([body: $b:ty])? $([query: $q:ty])? -> $ans:ident = $m:ident $path:literal, $perm:literal, $title:literal;)+) => {
        impl RdsClient {
            $(
                #[doc = concat!($title, ": `", stringify!($m), " ", $path, "`.")]
                pub async fn $name(&self, creds: &Credentials $(, $p: &$pt)* $(, body: &$b)? $(, query: &$q)?) -> Result<$ans, RdsError> {
                    $( crate::validate::path_id(stringify!($p), $p.as_str())?; )*
                    $( Check::check(body as &$b)?; )?
                    $( Check::check(query as &$q)?; )?
                    let path = fill_path($path, &[$($p.as_str()),*]);
                    #[allow(unused_mut, unused_assignments)]
                    let mut pairs: Vec<(String, String)> = Vec::new();
                    $( pairs = query_pairs(query as &$q); )?
                    #[allow(unused_mut, unused_assignments)]
                    let mut payload = Body::None;
                    $( payload = Body::Json(body as &$b); )?
                    self.call(stringify!($name), creds, $crate::__method!($m), &path, &pairs, payload).await
                }
            )+
        }
    };
}

crate::for_each_endpoint!(client_methods);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_never_print_their_secrets() {
        let c = Credentials {
            api_base: "http://x".into(),
            appkey: "APPKEY-123".into(),
            access_key_id: "id".into(),
            secret_access_key: "SECRET-456".into(),
        };
        let s = format!("{c:?}");
        assert!(!s.contains("APPKEY-123") && !s.contains("SECRET-456"), "{s}");
    }

    #[test]
    fn a_failure_header_becomes_an_api_error_with_its_code() {
        let r: Result<Empty, _> = decode(br#"{"header":{"resultCode":80403,"resultMessage":"Forbidden","isSuccessful":false}}"#);
        assert_eq!(r, Err(RdsError::Api { code: 80403, message: "Forbidden".into() }));
    }

    #[test]
    fn malformed_bodies_are_decode_errors() {
        let r: Result<Empty, _> = decode(b"{not json");
        assert!(matches!(r, Err(RdsError::Decode(_))));
    }
}
