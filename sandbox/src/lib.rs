//! An in-memory emulator of the NHN Cloud RDS for PostgreSQL API.
//!
//! It serves every endpoint of the guide, the OAuth token endpoint at the same
//! address, jobs that move through their states over `job_seconds`, the
//! guide's limits, upstream's 80401/80403 answers, and faults that tests and
//! benchmarks switch on (latency, HTTP 5xx, malformed bodies, hung requests).
//!
//! Extra routes under `/_sandbox/` (not part of the API): `GET/PUT faults`,
//! `GET hits` (calls per endpoint, once served), `GET arrivals` (calls per
//! endpoint as they arrive, before any injected fault), and a webhook sink
//! (`POST`/`GET /_sandbox/webhooks/{channel}`).

mod handlers;
pub use handlers::query as decode_query;
mod metrics;
pub mod world;

use axum::body::Bytes;
use axum::extract::{Path, Request, State};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use rds::endpoints::{Endpoint, ENDPOINTS};
use rds::types::Header;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};
use world::World;

/// The demo appkey.
pub const DEMO_APPKEY: &str = "sandbox-appkey";
/// Demo user access keys: (id, secret, project role).
pub const DEMO_KEYS: &[(&str, &str, Role)] =
    &[("sandbox-admin", "sandbox-admin-secret", Role::Admin), ("sandbox-viewer", "sandbox-viewer-secret", Role::Viewer)];

/// Project role of a key, as upstream knows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Admin,
    Viewer,
}

/// Failure codes the sandbox uses beyond upstream's documented 80401/80403.
pub mod codes {
    /// A value outside the guide's limits, or a malformed body.
    pub const INVALID: i64 = 40_000;
    /// No such resource.
    pub const NOT_FOUND: i64 = 40_400;
    /// The resource is not in a state that allows the call.
    pub const WRONG_STATE: i64 = 40_900;
    /// Deletion protection is on.
    pub const DELETION_PROTECTED: i64 = 40_901;
    /// A resource still in use by another.
    pub const IN_USE: i64 = 40_902;
    /// Not authenticated.
    pub const UNAUTHORIZED: i64 = 80_401;
    /// Not permitted.
    pub const FORBIDDEN: i64 = 80_403;
    /// Over the throttle's rate (with HTTP 429).
    pub const TOO_MANY_REQUESTS: i64 = 42_900;
}

/// Faults to inject, for tests and benchmarks.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Faults {
    /// Added to every API answer.
    pub latency_ms: u64,
    /// Share (0–1) of API calls answered with HTTP 503.
    pub error_rate: f64,
    /// Share (0–1) of API calls answered with a body that is not JSON.
    pub malformed_rate: f64,
    /// Share (0–1) of API calls that never answer.
    pub hang_rate: f64,
    /// Where jobs answer: `v1.0` (the Korean, Japanese and original English
    /// guides; the default) or `v3.0` (a later English edition). The other
    /// path answers 404.
    pub jobs_path: String,
    /// Refusals answered with an HTTP error status and the JSON header (401
    /// for a token, 403, 404, 400), as the service does; off, every answer
    /// is HTTP 200 as the guide says.
    pub http_status: bool,
    /// When set, every job reports this state instead of its own (states
    /// later material names, or one nobody knows yet).
    pub job_state: String,
    /// Modify DB security group without `dbSecurityGroupName` accepted, as the
    /// guide's field table says (the service refuses it; the default).
    pub security_group_name_optional: bool,
    /// `PUT …/maintenance-info` answers no job and applies at once, as the
    /// edition pgdeck was built from says (the current guide answers a
    /// `jobId`; the default).
    pub maintenance_without_job: bool,
    /// Version codes answered in the earlier guide's form (`POSTGRESQL_V176`)
    /// rather than the current one (`POSTGRESQL_V17_6`): every `dbVersion`
    /// upstream writes is rewritten on the way out.
    pub legacy_version_codes: bool,
    /// Requests a second each credential (access key) may send; above it,
    /// calls are answered HTTP 429 with `Retry-After`, as a throttling
    /// gateway does. 0: no limit.
    pub throttle_rate: f64,
    /// The `Retry-After` a throttled call is answered with, in seconds
    /// (0: the time until the window has room, at least 1 s).
    pub retry_after_seconds: u64,
}

/// Sandbox settings.
#[derive(Clone, Debug)]
pub struct Config {
    /// How long a job takes from start to end.
    pub job_duration: Duration,
    /// Lifetime of an access token.
    pub token_ttl: Duration,
    pub faults: Faults,
    /// List version codes in the earlier guide's form (`POSTGRESQL_V176`)
    /// rather than the current one (`POSTGRESQL_V17_6`).
    pub legacy_version_codes: bool,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            job_duration: Duration::from_secs(3),
            token_ttl: Duration::from_secs(3600),
            faults: Faults::default(),
            legacy_version_codes: false,
        }
    }
}

/// An API failure: the `header` upstream would send.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    pub code: i64,
    pub message: String,
}

impl ApiError {
    pub fn new(code: i64, message: impl Into<String>) -> Self {
        Self { code, message: message.into() }
    }
    pub fn invalid(e: rds::ValidationError) -> Self {
        Self::new(codes::INVALID, format!("Invalid parameter: {}: {}", e.field, e.reason))
    }
    pub fn not_found(what: &str, id: &str) -> Self {
        Self::new(codes::NOT_FOUND, format!("{what} not found: {id}"))
    }
    pub fn state(message: impl Into<String>) -> Self {
        Self::new(codes::WRONG_STATE, message)
    }
}

struct Shared {
    config: Config,
    world: Mutex<World>,
    faults: RwLock<Faults>,
    tokens: Mutex<HashMap<String, (Role, Instant, &'static str)>>,
    /// What each credential (access key) sent, and the throttle's window.
    senders: Mutex<HashMap<&'static str, Sender>>,
    hits: Mutex<HashMap<&'static str, u64>>,
    /// Calls per endpoint as they arrive, before any injected fault: what
    /// reached upstream, even when the caller hung up during the latency.
    arrivals: Mutex<HashMap<&'static str, u64>>,
    webhooks: Mutex<HashMap<String, Vec<serde_json::Value>>>,
    routes: Vec<(&'static Endpoint, Vec<&'static str>)>,
}

/// A running emulator's state; clones share it.
#[derive(Clone)]
pub struct Sandbox(Arc<Shared>);

impl Sandbox {
    /// A sandbox with the seeded estate.
    pub fn new(config: Config) -> Self {
        let faults = config.faults.clone();
        let legacy = config.legacy_version_codes;
        let routes = ENDPOINTS.iter().map(|e| (e, e.path.trim_start_matches('/').split('/').collect())).collect();
        Sandbox(Arc::new(Shared {
            config,
            world: Mutex::new(World::seeded_as(legacy)),
            faults: RwLock::new(faults),
            tokens: Mutex::new(HashMap::new()),
            senders: Mutex::new(HashMap::new()),
            hits: Mutex::new(HashMap::new()),
            arrivals: Mutex::new(HashMap::new()),
            webhooks: Mutex::new(HashMap::new()),
            routes,
        }))
    }

    /// The axum router serving the API, the OAuth endpoint and `/_sandbox/`.
    pub fn router(&self) -> Router {
        Router::new()
            .route("/oauth2/token/create", post(token))
            .route("/_sandbox/faults", get(get_faults).put(put_faults))
            .route("/_sandbox/hits", get(get_hits))
            .route("/_sandbox/arrivals", get(get_arrivals))
            .route("/_sandbox/tokens", axum::routing::delete(delete_tokens))
            .route("/_sandbox/senders", get(get_senders))
            .route("/_sandbox/webhooks/{channel}", get(get_webhooks).post(post_webhook))
            .fallback(api)
            .with_state(self.clone())
    }

    /// Replaces the injected faults.
    pub fn set_faults(&self, f: Faults) {
        if let Ok(mut g) = self.0.faults.write() {
            *g = f;
        }
    }

    /// Calls served so far, per endpoint name.
    pub fn hits(&self) -> HashMap<&'static str, u64> {
        self.0.hits.lock().map(|h| h.clone()).unwrap_or_default()
    }

    /// Forgets every token issued, as if upstream had revoked them.
    pub fn revoke_tokens(&self) {
        if let Ok(mut t) = self.0.tokens.lock() {
            t.clear();
        }
    }

    /// Webhook bodies received on a channel.
    pub fn webhooks(&self, channel: &str) -> Vec<serde_json::Value> {
        self.0.webhooks.lock().ok().and_then(|w| w.get(channel).cloned()).unwrap_or_default()
    }

    fn lock_world(&self) -> std::sync::MutexGuard<'_, World> {
        // A panic while holding the lock leaves the world as it was mid-call;
        // the sandbox keeps serving rather than failing every later call.
        self.0.world.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// Binds `addr` and serves a sandbox until the process ends.
pub async fn serve(addr: SocketAddr, config: Config) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    let sandbox = Sandbox::new(config);
    axum::serve(listener, sandbox.router()).await
}

/// Starts a sandbox on a free loopback port in the background; returns its base URL.
pub async fn spawn(config: Config) -> std::io::Result<(String, Sandbox)> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    let sandbox = Sandbox::new(config);
    let router = sandbox.router();
    tokio::spawn(async move {
        if let Err(e) = axum::serve(listener, router).await {
            tracing::error!(error = %e, "sandbox stopped");
        }
    });
    Ok((format!("http://{addr}"), sandbox))
}

#[derive(Deserialize)]
struct TokenForm {
    grant_type: Option<String>,
}

async fn token(State(sb): State<Sandbox>, headers: HeaderMap, body: Bytes) -> Response {
    let form: TokenForm = match serde_urlencoded_lite(&body) {
        Some(f) => f,
        None => return oauth_error(StatusCode::BAD_REQUEST, "invalid_request", "the body must be grant_type=client_credentials"),
    };
    if form.grant_type.as_deref() != Some("client_credentials") {
        return oauth_error(StatusCode::BAD_REQUEST, "unsupported_grant_type", "grant_type must be client_credentials");
    }
    let Some((id, secret)) = basic_auth(&headers) else {
        return oauth_error(StatusCode::UNAUTHORIZED, "invalid_client", "HTTP Basic authentication with the user access key is required");
    };
    let Some((key, _, role)) = DEMO_KEYS.iter().find(|(i, s, _)| *i == id && *s == secret) else {
        return oauth_error(StatusCode::UNAUTHORIZED, "invalid_client", "unknown user access key or wrong secret");
    };
    if let Ok(mut h) = sb.0.hits.lock() {
        *h.entry("oauth_token").or_default() += 1;
    }
    let token = format!("sbx.{}", world::uuid().replace('-', ""));
    let ttl = sb.0.config.token_ttl;
    if let Ok(mut t) = sb.0.tokens.lock() {
        let now = Instant::now();
        t.retain(|_, (_, exp, _)| *exp > now);
        t.insert(token.clone(), (*role, now + ttl, key));
    }
    Json(serde_json::json!({
        "access_token": token,
        "token_type": "Bearer",
        "expires_in": ttl.as_secs(),
    }))
    .into_response()
}

fn oauth_error(status: StatusCode, error: &str, description: &str) -> Response {
    (status, Json(serde_json::json!({"error": error, "error_description": description}))).into_response()
}

fn serde_urlencoded_lite(body: &[u8]) -> Option<TokenForm> {
    let s = std::str::from_utf8(body).ok()?;
    let mut grant_type = None;
    for pair in s.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=')?;
        if k == "grant_type" {
            grant_type = Some(v.to_string());
        }
    }
    Some(TokenForm { grant_type })
}

fn basic_auth(headers: &HeaderMap) -> Option<(String, String)> {
    use base64::Engine;
    let v = headers.get("authorization")?.to_str().ok()?;
    let encoded = v.strip_prefix("Basic ").or_else(|| v.strip_prefix("basic "))?;
    let decoded = base64::engine::general_purpose::STANDARD.decode(encoded.trim()).ok()?;
    let s = String::from_utf8(decoded).ok()?;
    let (id, secret) = s.split_once(':')?;
    Some((id.to_string(), secret.to_string()))
}

async fn get_faults(State(sb): State<Sandbox>) -> Json<Faults> {
    Json(sb.0.faults.read().map(|f| f.clone()).unwrap_or_default())
}

async fn put_faults(State(sb): State<Sandbox>, Json(f): Json<Faults>) -> Json<Faults> {
    sb.set_faults(f.clone());
    Json(f)
}

async fn get_hits(State(sb): State<Sandbox>) -> Json<HashMap<&'static str, u64>> {
    Json(sb.hits())
}

/// Revokes every token issued (as an expiry upstream would): the next call
/// with one is refused as unauthorized.
async fn delete_tokens(State(sb): State<Sandbox>) -> StatusCode {
    sb.revoke_tokens();
    StatusCode::NO_CONTENT
}

async fn get_arrivals(State(sb): State<Sandbox>) -> Json<HashMap<&'static str, u64>> {
    Json(sb.0.arrivals.lock().map(|h| h.clone()).unwrap_or_default())
}

async fn get_webhooks(State(sb): State<Sandbox>, Path(channel): Path<String>) -> Json<Vec<serde_json::Value>> {
    Json(sb.webhooks(&channel))
}

async fn post_webhook(State(sb): State<Sandbox>, Path(channel): Path<String>, body: Bytes) -> StatusCode {
    let value = serde_json::from_slice(&body).unwrap_or_else(|_| serde_json::Value::String(String::from_utf8_lossy(&body).into_owned()));
    if let Ok(mut w) = sb.0.webhooks.lock() {
        let list = w.entry(channel).or_default();
        list.push(value);
        // Bounded: a sink for tests, not a store.
        if list.len() > 1000 {
            list.remove(0);
        }
    }
    StatusCode::OK
}

/// An answer, its refusal with an HTTP error status when `http_status`.
fn answer_as(result: Result<serde_json::Value, ApiError>, http_status: bool) -> Response {
    let status = match (&result, http_status) {
        (Err(e), true) => match e.code {
            codes::UNAUTHORIZED => StatusCode::UNAUTHORIZED,
            codes::FORBIDDEN => StatusCode::FORBIDDEN,
            codes::NOT_FOUND => StatusCode::NOT_FOUND,
            _ => StatusCode::BAD_REQUEST,
        },
        _ => StatusCode::OK,
    };
    let (header, body) = match result {
        Ok(v) => (Header::ok(), v),
        Err(e) => (Header::fail(e.code, e.message), serde_json::json!({})),
    };
    let mut obj = match body {
        serde_json::Value::Object(m) => m,
        _ => serde_json::Map::new(),
    };
    obj.insert("header".into(), serde_json::to_value(header).unwrap_or_default());
    (status, Json(serde_json::Value::Object(obj))).into_response()
}

/// Matches a request to an endpoint: literal segments beat placeholders
/// (`hba-rules/orders` is not a rule id).
fn route(sb: &Sandbox, method: &Method, path: &str) -> Option<(&'static Endpoint, Vec<String>)> {
    let segs: Vec<&str> = path.trim_start_matches('/').trim_end_matches('/').split('/').collect();
    let mut best: Option<(usize, &'static Endpoint, Vec<String>)> = None;
    for (e, tpl) in &sb.0.routes {
        // docs/upstream-api.md #1: the restore is documented as GET and sent as POST.
        let restore_get = e.name == "restore_db_instance" && method == Method::GET;
        if e.method.as_str() != method.as_str() && !restore_get {
            continue;
        }
        if tpl.len() != segs.len() {
            continue;
        }
        let mut params = Vec::new();
        let mut literals = 0;
        let ok = tpl.iter().zip(&segs).all(|(t, s)| {
            if t.starts_with('{') {
                params.push(percent_decode(s));
                true
            } else if t == s {
                literals += 1;
                true
            } else {
                false
            }
        });
        if ok && best.as_ref().is_none_or(|(l, _, _)| literals > *l) {
            best = Some((literals, e, params));
        }
    }
    best.map(|(_, e, p)| (e, p))
}

/// A path segment, percent-decoded (invalid UTF-8 replaced, never a panic).
fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s).decode_utf8_lossy().into_owned()
}

async fn api(State(sb): State<Sandbox>, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    let faults = sb.0.faults.read().map(|f| f.clone()).unwrap_or_default();
    // Jobs answer on one of the guide's two paths (`jobsPath`); the other is
    // not found.
    let asked = parts.uri.path().to_string();
    let path = match (asked.strip_prefix("/v3.0/jobs/"), asked.starts_with("/v1.0/jobs/"), faults.jobs_path == "v3.0") {
        (Some(rest), _, true) => format!("/v1.0/jobs/{rest}"),
        (Some(_), _, false) | (None, true, true) => String::new(),
        _ => asked.clone(),
    };
    if let Some((endpoint, _)) = route(&sb, &parts.method, &path) {
        if let Ok(mut a) = sb.0.arrivals.lock() {
            *a.entry(endpoint.name).or_default() += 1;
        }
    }
    if faults.latency_ms > 0 {
        tokio::time::sleep(Duration::from_millis(faults.latency_ms)).await;
    }
    if faults.hang_rate > 0.0 && rand::random::<f64>() < faults.hang_rate {
        tokio::time::sleep(Duration::from_secs(3600)).await;
    }
    if faults.error_rate > 0.0 && rand::random::<f64>() < faults.error_rate {
        return (StatusCode::SERVICE_UNAVAILABLE, "upstream unavailable (injected fault)").into_response();
    }
    if faults.malformed_rate > 0.0 && rand::random::<f64>() < faults.malformed_rate {
        return (StatusCode::OK, [("content-type", "application/json")], "{\"header\": {\"resultCode\": 0, \"result").into_response();
    }
    let http_status = faults.http_status;
    let answer = move |r: Result<serde_json::Value, ApiError>| answer_as(r, http_status);
    let Some((endpoint, params)) = route(&sb, &parts.method, &path) else {
        return (StatusCode::NOT_FOUND, Json(serde_json::json!({"header": Header::fail(codes::NOT_FOUND, format!("No such API: {} {}", parts.method, parts.uri.path()))}))).into_response();
    };
    if let Ok(mut h) = sb.0.hits.lock() {
        *h.entry(endpoint.name).or_default() += 1;
    }
    // Authentication: appkey and a live bearer token.
    let appkey_ok = parts.headers.get("x-tc-app-key").and_then(|v| v.to_str().ok()) == Some(DEMO_APPKEY);
    let bearer =
        parts.headers.get("x-nhn-authorization").and_then(|v| v.to_str().ok()).and_then(|v| v.strip_prefix("Bearer ")).map(str::to_string);
    let caller = bearer.and_then(|t| {
        let tokens = sb.0.tokens.lock().ok()?;
        let (role, exp, key) = tokens.get(&t)?;
        (*exp > Instant::now()).then_some((*role, *key))
    });
    let Some((role, key)) = caller.filter(|_| appkey_ok) else {
        return answer(Err(ApiError::new(codes::UNAUTHORIZED, "Unauthorized")));
    };
    // What the credential sent, and the throttle above its rate.
    let wait = sb.0.senders.lock().ok().and_then(|mut s| s.entry(key).or_default().arrive(Instant::now(), faults.throttle_rate));
    if let Some(wait) = wait {
        let secs = if faults.retry_after_seconds > 0 { faults.retry_after_seconds } else { wait.as_secs_f64().ceil().max(1.0) as u64 };
        let body = serde_json::json!({"header": Header::fail(codes::TOO_MANY_REQUESTS, "Too Many Requests")});
        return (StatusCode::TOO_MANY_REQUESTS, [("retry-after", secs.to_string())], Json(body)).into_response();
    }
    if role == Role::Viewer && !viewer_may(endpoint) {
        return answer(Err(ApiError::new(codes::FORBIDDEN, "Forbidden")));
    }
    let body = match axum::body::to_bytes(body, 4 * 1024 * 1024).await {
        Ok(b) => b,
        Err(_) => return answer(Err(ApiError::new(codes::INVALID, "Request body too large"))),
    };
    let query = parts.uri.query().unwrap_or("");
    let result = {
        let mut w = sb.lock_world();
        handlers::tick(&mut w);
        w.job_duration = sb.0.config.job_duration;
        w.security_group_name_optional = faults.security_group_name_optional;
        w.maintenance_without_job = faults.maintenance_without_job;
        handlers::handle(&mut w, endpoint.name, &params, query, &body)
    };
    let result = match result {
        Ok(mut v) if endpoint.name == "job" && !faults.job_state.is_empty() => {
            v["jobStatus"] = serde_json::Value::String(faults.job_state.clone());
            Ok(v)
        }
        other => other,
    };
    let result = match result {
        Ok(mut v) if faults.legacy_version_codes => {
            legacy_codes(&mut v);
            Ok(v)
        }
        other => other,
    };
    answer(result)
}

/// Rewrites every `dbVersion` in an answer to the earlier guide's form.
fn legacy_codes(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Object(map) => {
            for (k, item) in map.iter_mut() {
                match item {
                    serde_json::Value::String(code) if k == "dbVersion" => *code = rds::versions::legacy_form(code),
                    other => legacy_codes(other),
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(legacy_codes),
        _ => {}
    }
}

/// What one credential sent: every request with a valid token, by second,
/// and the throttle's sliding window.
#[derive(Default)]
struct Sender {
    sent: u64,
    throttled: u64,
    /// Requests per second since the Unix epoch (the last ten minutes).
    per_second: std::collections::BTreeMap<u64, u64>,
    /// Requests let through in the last second.
    window: std::collections::VecDeque<Instant>,
}

impl Sender {
    /// Counts a request; answers how long to wait when it is over `rate`
    /// a second (a sliding one-second window).
    fn arrive(&mut self, now: Instant, rate: f64) -> Option<Duration> {
        self.sent += 1;
        let second = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
        *self.per_second.entry(second).or_default() += 1;
        while self.per_second.len() > 600 {
            self.per_second.pop_first();
        }
        while self.window.front().is_some_and(|t| now.duration_since(*t) >= Duration::from_secs(1)) {
            self.window.pop_front();
        }
        if rate > 0.0 && self.window.len() as f64 >= rate.floor().max(1.0) {
            self.throttled += 1;
            let oldest = *self.window.front().expect("a full window");
            return Some(Duration::from_secs(1).saturating_sub(now.duration_since(oldest)));
        }
        self.window.push_back(now);
        None
    }
}

/// `GET /_sandbox/senders`: per credential (access key id), the requests
/// sent, those throttled, the busiest second and the count of each of the
/// last seconds.
async fn get_senders(State(sb): State<Sandbox>) -> Json<serde_json::Value> {
    let senders = sb.0.senders.lock().map(|s| {
        s.iter()
            .map(|(key, v)| {
                let busiest = v.per_second.values().copied().max().unwrap_or(0);
                let per_second: serde_json::Map<String, serde_json::Value> =
                    v.per_second.iter().map(|(k, n)| (k.to_string(), (*n).into())).collect();
                (
                    key.to_string(),
                    serde_json::json!({"sent": v.sent, "throttled": v.throttled, "busiestSecond": busiest, "perSecond": per_second}),
                )
            })
            .collect::<serde_json::Map<_, _>>()
    });
    Json(serde_json::Value::Object(senders.unwrap_or_default()))
}

/// VIEWER may read, and manage notification and user groups.
fn viewer_may(e: &Endpoint) -> bool {
    !e.is_mutation() || e.path.starts_with("/v1.0/notification-groups") || e.path.starts_with("/v1.0/user-groups")
}
