//! `/metrics` in Prometheus text format, served on its own address
//! (`PGDECK_METRICS_LISTEN`) so that it is never exposed with the panel.
//!
//! Counted as they happen: HTTP requests by route, method and status with a
//! latency histogram (`pgdeck_http_*`), upstream calls by endpoint and result
//! (`pgdeck_upstream_*`), audit rows appended, jobs finished, sign-in
//! failures and lockouts. Read from the database at each scrape: jobs in
//! flight, approvals pending and the database's size.

use axum::extract::{MatchedPath, Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use std::collections::HashSet;
use std::sync::OnceLock;
use std::time::Instant;

/// Installs the process-wide recorder once; later calls answer the same handle.
pub fn install() -> anyhow::Result<PrometheusHandle> {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    if let Some(h) = HANDLE.get() {
        return Ok(h.clone());
    }
    let handle = PrometheusBuilder::new()
        .set_buckets_for_metric(
            Matcher::Suffix("_seconds".into()),
            &[0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0],
        )?
        .install_recorder()?;
    describe();
    Ok(HANDLE.get_or_init(|| handle).clone())
}

fn describe() {
    use metrics::{describe_counter, describe_gauge, describe_histogram, Unit};
    describe_counter!("pgdeck_http_requests_total", "HTTP requests answered, by route, method and status");
    describe_histogram!("pgdeck_http_request_seconds", Unit::Seconds, "Time to answer an HTTP request, by route");
    describe_counter!("pgdeck_upstream_calls_total", "Calls to the RDS API, by endpoint and result");
    describe_histogram!("pgdeck_upstream_call_seconds", Unit::Seconds, "Time of a call to the RDS API (retries included), by endpoint");
    describe_counter!("pgdeck_audit_rows_appended_total", "Rows appended to the audit log");
    describe_counter!("pgdeck_jobs_finished_total", "Upstream jobs followed to their end, by status");
    describe_counter!("pgdeck_sign_in_failures_total", "Failed sign-ins");
    describe_counter!("pgdeck_sign_in_lockouts_total", "Accounts or addresses locked after failed sign-ins");
    describe_gauge!("pgdeck_jobs_in_flight", "Upstream jobs pgdeck is following now");
    describe_gauge!("pgdeck_approvals_pending", "Approval requests waiting for votes");
    describe_gauge!("pgdeck_database_bytes", Unit::Bytes, "Size of pgdeck's SQLite database and its write-ahead log");
}

/// The router of the metrics address: `GET /metrics`.
pub fn router(ctx: domain::Context, handle: PrometheusHandle) -> Router {
    Router::new().route("/metrics", get(scrape)).with_state((ctx, handle))
}

async fn scrape(State((ctx, handle)): State<(domain::Context, PrometheusHandle)>) -> Response {
    let count = |sql: &'static str| {
        let pool = ctx.pool.clone();
        async move { sqlx::query_scalar::<_, i64>(sql).fetch_one(&pool).await.unwrap_or(0) }
    };
    metrics::gauge!("pgdeck_jobs_in_flight").set(count("SELECT COUNT(*) FROM jobs WHERE finished = 0").await as f64);
    metrics::gauge!("pgdeck_approvals_pending").set(count("SELECT COUNT(*) FROM approval_requests WHERE state = 'pending'").await as f64);
    let pages = count("SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()").await;
    let wal = std::fs::metadata(ctx.settings.data_dir.join("pgdeck.sqlite3-wal")).map(|m| m.len() as i64).unwrap_or(0);
    metrics::gauge!("pgdeck_database_bytes").set((pages + wal) as f64);
    handle.run_upkeep();
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")], handle.render()).into_response()
}

/// The paths of pgdeck's server functions: a request to one of them is
/// labelled by its path, anything else unmatched as `other`, so a visitor
/// cannot create new series by inventing paths.
fn server_fn_paths() -> &'static HashSet<&'static str> {
    static PATHS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    PATHS.get_or_init(|| server_fn::axum::server_fn_paths().map(|(p, _)| p).collect())
}

/// The route a request was matched to, passed out on the response.
#[derive(Clone)]
struct Route(String);

/// Middleware inside the router: notes the matched route on the response,
/// for [`track`] outside every other layer.
pub async fn label(req: Request, next: Next) -> Response {
    let route = req.extensions().get::<MatchedPath>().map(|m| Route(m.as_str().to_string()));
    let mut response = next.run(req).await;
    if let Some(r) = route {
        response.extensions_mut().insert(r);
    }
    response
}

/// Middleware outside every other layer: counts and times every request,
/// those refused before routing (foreign origin, too large) included.
pub async fn track(req: Request, next: Next) -> Response {
    let started = Instant::now();
    let path = req.uri().path().to_string();
    let method = req.method().as_str().to_string();
    let response = next.run(req).await;
    let route = match response.extensions().get::<Route>() {
        Some(Route(r)) => r.clone(),
        None if server_fn_paths().contains(path.as_str()) => path,
        None => "other".to_string(),
    };
    let status = response.status().as_u16().to_string();
    metrics::counter!("pgdeck_http_requests_total", "route" => route.clone(), "method" => method, "status" => status).increment(1);
    metrics::histogram!("pgdeck_http_request_seconds", "route" => route).record(started.elapsed().as_secs_f64());
    response
}
