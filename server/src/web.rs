//! The web server: state, router, layers, start-up and shutdown.

use crate::assets;
use crate::config::ServeConfig;
use anyhow::Context as _;
use app::{shell, App};
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Json, Router};
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use std::net::SocketAddr;
use std::sync::Arc;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};
use tower_sessions_sqlx_store::SqliteStore;

/// Opens the store and the vault and builds the domain context.
pub async fn context(cfg: &ServeConfig) -> anyhow::Result<domain::Context> {
    let pool = domain::db::open(&cfg.data_dir).await?;
    domain::db::migrate(&pool).await?;
    let vault = domain::Vault::load(&cfg.master_key_file, true)?;
    domain::vault::check_fingerprint(&pool, &vault).await?;
    domain::upgrade::run(&pool, &vault).await.context("upgrading stored data")?;
    let mut settings = domain::Settings::new(cfg.data_dir.clone());
    settings.sandbox = cfg.sandbox;
    settings.api_base = cfg.api_base.clone();
    settings.oauth_base = cfg.oauth_base.clone();
    settings.session_idle = cfg.session_idle;
    settings.session_lifetime = cfg.session_lifetime;
    settings.allowed_api_bases = cfg.allowed_api_bases.clone();
    settings.allowed_webhook_hosts = cfg.allowed_webhook_hosts.clone();
    settings.max_open_requests = cfg.max_open_requests;
    settings.token_max_days = cfg.token_max_days;
    settings.local_passwords = cfg.local_passwords;
    settings.sso_name = cfg.oidc.as_ref().map(|o| o.name.clone());
    settings.upstream_rate = cfg.upstream_rate;
    settings.unknown_job_state_after = cfg.unknown_job_state_after;
    settings.serving = true;
    Ok(domain::Context::new(pool, settings, vault)?)
}

/// Prepares everything `serve` needs: the sandbox (in sandbox mode), the
/// store, the demo members, the session store and the router.
pub async fn build(mut cfg: ServeConfig) -> anyhow::Result<(Router, domain::Context, ServeConfig)> {
    if cfg.sandbox {
        let (base, _sb) = sandbox::spawn(sandbox::Config {
            job_duration: std::time::Duration::from_secs_f64(cfg.sandbox_job_seconds),
            ..Default::default()
        })
        .await
        .context("starting the built-in sandbox")?;
        tracing::info!(%base, "sandbox mode: upstream is the built-in emulator");
        cfg.api_base = base.clone();
        cfg.oauth_base = base;
    }
    let ctx = context(&cfg).await?;
    if cfg.sandbox {
        if domain::seed::sandbox_users(&ctx).await? {
            tracing::info!("sandbox mode: added the demo members (see the README for their password)");
        }
    } else if domain::accounts::count(&ctx.pool).await? == 0 {
        println!("pgdeck has no members yet. Create the first admin with:");
        println!("  pgdeck user add <name> --role admin --data-dir {}", cfg.data_dir.display());
    }
    let store = SqliteStore::new(ctx.pool.clone());
    store.migrate().await.context("preparing the session store")?;
    ctx.start_background().await?;
    let router = router(ctx.clone(), &cfg, store);
    Ok((router, ctx, cfg))
}

/// Starts pgdeck and serves until Ctrl-C or SIGTERM.
///
/// On a stop signal pgdeck stops accepting connections, ends live streams,
/// lets requests in flight finish (at most `PGDECK_SHUTDOWN_GRACE_SECONDS`),
/// lets the job tracker finish its round, and closes the database cleanly.
/// A change whose upstream call was cut off by the grace period keeps its
/// intent row; the next start records its outcome as unknown.
pub async fn serve(cfg: ServeConfig) -> anyhow::Result<()> {
    let metrics = match cfg.metrics_listen {
        Some(_) => Some(crate::metrics::install().context("starting the metrics recorder")?),
        None => None,
    };
    let (router, ctx, cfg) = build(cfg).await?;
    if !assets::bundle_present() {
        tracing::warn!("this build has no browser bundle: pages render but do not become interactive");
    }
    let listener =
        tokio::net::TcpListener::bind(cfg.listen).await.with_context(|| format!("PGDECK_LISTEN / --listen {}: cannot bind", cfg.listen))?;
    let addr = listener.local_addr()?;
    if let (Some(handle), Some(metrics_addr)) = (metrics, cfg.metrics_listen) {
        let l = tokio::net::TcpListener::bind(metrics_addr)
            .await
            .with_context(|| format!("PGDECK_METRICS_LISTEN / --metrics-listen {metrics_addr}: cannot bind"))?;
        tracing::info!("metrics at http://{}/metrics", l.local_addr()?);
        let (app, stopped) = (crate::metrics::router(ctx.clone(), handle), ctx.clone());
        tokio::spawn(async move {
            let _ = axum::serve(l, app).with_graceful_shutdown(async move { stopped.stopped().await }).await;
        });
    }
    tracing::info!("pgdeck {} listens on http://{addr}", env!("CARGO_PKG_VERSION"));
    println!("pgdeck is running at http://{addr}{}", if cfg.sandbox { " (sandbox mode)" } else { "" });
    let (signalled, stopping) = (ctx.clone(), ctx.clone());
    let server = serve_connections(listener, router, cfg.header_timeout, async move {
        shutdown_signal().await;
        // Live streams and background loops end now; requests in flight go on.
        signalled.stop(std::time::Duration::ZERO).await;
    });
    let grace = cfg.shutdown_grace;
    let gave_up = async move {
        stopping.stopped().await;
        tokio::time::sleep(grace).await;
    };
    tokio::select! {
        () = server => {}
        () = gave_up => tracing::warn!(seconds = grace.as_secs(), "requests still in flight after the grace period; stopping anyway"),
    }
    if !ctx.stop(std::time::Duration::from_secs(5)).await {
        tracing::warn!("background work did not finish within 5 s");
    }
    ctx.pool.close().await;
    tracing::info!("pgdeck stopped");
    Ok(())
}

/// Serves HTTP/1.1 on `listener` until `stop` ends, then lets the
/// connections in flight finish. Each connection knows its peer's address
/// (`ConnectInfo`). A connection must send a request's headers within
/// `header_timeout`, which is also how long an idle kept-alive connection
/// stays open: a visitor who opens connections and sends nothing, or a byte
/// now and then, holds none of them longer.
pub async fn serve_connections(
    listener: tokio::net::TcpListener,
    router: Router,
    header_timeout: std::time::Duration,
    stop: impl std::future::Future<Output = ()>,
) {
    use hyper_util::rt::{TokioIo, TokioTimer};
    use tower::ServiceExt as _;
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new()).header_read_timeout(header_timeout).keep_alive(true);
    let mut stop = std::pin::pin!(stop);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                Err(e) => {
                    // Out of file descriptors and the like: wait rather than spin.
                    tracing::warn!(error = %e, "cannot accept a connection");
                    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut stop => break,
        };
        let service = router.clone().map_request(move |req: axum::http::Request<hyper::body::Incoming>| {
            let mut req = req.map(axum::body::Body::new);
            req.extensions_mut().insert(ConnectInfo(peer));
            req
        });
        let conn = graceful.watch(http.serve_connection(TokioIo::new(stream), hyper_util::service::TowerToHyperService::new(service)));
        tokio::spawn(async move {
            if let Err(e) = conn.await {
                tracing::debug!(error = %e, "a connection ended with an error");
            }
        });
    }
    drop(listener);
    graceful.shutdown().await;
}

/// The pages' router state: the Leptos options, shared.
#[derive(Clone)]
struct PageState(Arc<LeptosOptions>);

impl axum::extract::FromRef<PageState> for LeptosOptions {
    fn from_ref(s: &PageState) -> Self {
        (*s.0).clone()
    }
}

/// The largest request body pgdeck reads: 256 KiB.
pub const MAX_BODY_BYTES: usize = 256 * 1024;

#[derive(Clone)]
struct Layers {
    ctx: domain::Context,
    proxies: crate::proxies::TrustedProxies,
    default_language: lang::Lang,
}

/// The full router: health, assets, pages and server functions, behind the
/// session, sign-in, Origin and header layers.
pub fn router(ctx: domain::Context, cfg: &ServeConfig, store: SqliteStore) -> Router {
    let store = crate::sessions::store(store);
    let options = LeptosOptions::builder().output_name("pgdeck").site_pkg_dir(assets::pkg_dir()).site_addr(cfg.listen).build();
    let routes = generate_route_list(App);
    let context_fn = {
        let ctx = ctx.clone();
        move || provide_context(ctx.clone())
    };
    let app_fn = {
        let options = options.clone();
        move || shell(options.clone())
    };
    // The options travel behind one shared pointer: every server function
    // call clones the router's state into its context.
    let state = PageState(Arc::new(options));
    let leptos_router = Router::new()
        .leptos_routes_with_context(&state, routes, context_fn.clone(), app_fn.clone())
        .fallback(leptos_axum::render_app_to_stream_with_context(context_fn, app_fn))
        .with_state(state)
        .layer(middleware::from_fn(pages_run_to_their_end));
    let sessions = SessionManagerLayer::new(store)
        .with_name("pgdeck_session")
        .with_http_only(true)
        .with_same_site(SameSite::Strict)
        .with_secure(cfg.secure_cookies)
        .with_path("/")
        .with_expiry(Expiry::OnInactivity(time::Duration::seconds(cfg.session_idle.as_secs() as i64)));
    let layers = Layers { ctx: ctx.clone(), proxies: cfg.trusted_proxies.clone(), default_language: cfg.default_language };
    let router = Router::new()
        .route("/healthz", get(healthz))
        .route("/pkg/{file}", get(assets::pkg))
        .route("/pkg/{hash}/{file}", get(assets::pkg_versioned))
        .route("/style/main.css", get(assets::css))
        .route("/i18n/{file}", get(messages))
        .route("/events/jobs", get(job_events))
        .route("/audit/export", get(audit_export))
        .with_state(ctx.clone())
        .merge(crate::api_v1::router(ctx.clone()))
        .merge(leptos_router);
    let router = match &cfg.oidc {
        Some(oidc) => router.merge(crate::sso::router(ctx, oidc.clone())),
        None => router,
    };
    // Counted per route (so routing has happened) when metrics are on.
    let metrics = cfg.metrics_listen.is_some();
    let router = if metrics { router.layer(middleware::from_fn(crate::metrics::label)) } else { router };
    let panics = {
        let ctx = layers.ctx.clone();
        move |panic: Box<dyn std::any::Any + Send + 'static>| answer_panic(&ctx, panic)
    };
    let router = router
        // A panic inside a request answers 500 with its reference and is on
        // record; it never drops the connection without an answer.
        .layer(middleware::from_fn_with_state(layers.clone(), page_language))
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(panics))
        .layer(middleware::from_fn_with_state(layers.clone(), require_sign_in))
        .layer(middleware::from_fn_with_state(layers.clone(), refusals_on_record))
        .layer(sessions)
        .layer(middleware::from_fn_with_state(layers, client_info))
        // No request body is larger than this; a bigger one is answered 413
        // before it is read.
        .layer(tower_http::limit::RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        .layer(axum::extract::DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(middleware::map_response(security_headers));
    if metrics {
        router.layer(middleware::from_fn(crate::metrics::track))
    } else {
        router
    }
}

/// The answer to a request that panicked: 500 with the request's reference
/// as JSON, the cause in the log, and an audit row.
fn answer_panic(ctx: &domain::Context, panic: Box<dyn std::any::Any + Send + 'static>) -> Response {
    let reference = domain::error::error_reference();
    let cause = panic.downcast_ref::<String>().cloned().or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string())).unwrap_or_default();
    tracing::error!(reference = %reference, cause = %cause, "a request panicked");
    let ctx = ctx.clone();
    let entry = domain::audit::Entry::system("request.panic")
        .resource("request", &reference, "")
        .failed(None, &format!("an internal error ended the request (reference {reference})"));
    tokio::spawn(async move {
        if let Err(e) = domain::audit::record(&ctx, &entry).await {
            tracing::error!(error = %e, "could not record a panic");
        }
    });
    let body = serde_json::json!({"Internal": {"message": "pgdeck hit an internal error; nothing more was done", "reference": reference}});
    (StatusCode::INTERNAL_SERVER_ERROR, [(header::CONTENT_TYPE, "application/json")], body.to_string()).into_response()
}

/// The headers every answer carries unless its handler set its own. Pages
/// and answers are per member: revalidated, never kept by a shared cache
/// (the bundle sets its own, immutable, caching). One layer for all five:
/// each layer is a service cloned for every request.
async fn security_headers(mut response: Response) -> Response {
    let h = response.headers_mut();
    for (name, value) in [
        (header::CACHE_CONTROL, "no-cache, private"),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "same-origin"),
        (header::CONTENT_SECURITY_POLICY, "default-src 'none'; frame-ancestors 'none'"),
    ] {
        h.entry(name).or_insert(HeaderValue::from_static(value));
    }
    response
}

/// Renders every page to its end, even when the browser stops listening.
///
/// A page streams while its data loads. When a member navigates on before it
/// is done, the connection closes and the page's reactive state would be
/// dropped while its data is still arriving; the rendering that then runs
/// finds its values gone. So a page renders in a task of its own and hands
/// the bytes on: a browser that left simply stops receiving them, and the
/// page ends as if it had been read. This costs no more than a page read to
/// the end, and upstream reads end at their deadline, so none runs forever.
/// Server functions (`/api/…`) are not streamed and are not wrapped.
async fn pages_run_to_their_end(req: Request, next: Next) -> Response {
    use futures_util::StreamExt as _;
    if req.method() != Method::GET || req.uri().path().starts_with("/api/") {
        return next.run(req).await;
    }
    let (answer, answered) = tokio::sync::oneshot::channel();
    let render = async move {
        let (parts, body) = next.run(req).await.into_parts();
        let (to_browser, for_browser) = tokio::sync::mpsc::channel::<Result<axum::body::Bytes, axum::Error>>(8);
        let streamed = futures_util::stream::unfold(for_browser, |mut rx| async move { rx.recv().await.map(|chunk| (chunk, rx)) });
        let mut browser = answer.send(Response::from_parts(parts, axum::body::Body::from_stream(streamed))).is_ok().then_some(to_browser);
        if browser.is_none() {
            tracing::debug!("the browser left before the page began; rendering it to its end");
        }
        let mut body = body.into_data_stream();
        while let Some(chunk) = body.next().await {
            if let Some(tx) = &browser {
                if tx.send(chunk).await.is_err() {
                    tracing::debug!("the browser left during the page; rendering it to its end");
                    browser = None;
                }
            }
        }
    };
    domain::error::spawn_in_request(render);
    answered.await.unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())
}

/// Gives each request an id (answered as `x-request-id`, on every log line
/// of the request, and the reference members see on errors) and records who
/// is asking (address, browser) for sessions and the audit log.
///
/// It also refuses changes requested from another site's pages (one layer
/// for both: each layer is a service cloned for every request).
async fn client_info(State(l): State<Layers>, mut req: Request, next: Next) -> Response {
    use tracing::Instrument as _;
    let id = domain::error::new_request_id();
    let peer = req.extensions().get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip());
    let addr = match peer {
        Some(peer) => {
            let forwarded: Vec<&str> = req.headers().get_all("x-forwarded-for").iter().filter_map(|v| v.to_str().ok()).collect();
            l.proxies.client(peer, &forwarded).to_string()
        }
        None => String::new(),
    };
    let user_agent = req.headers().get(header::USER_AGENT).and_then(|v| v.to_str().ok()).unwrap_or("").chars().take(300).collect();
    let span = tracing::info_span!("request", id = %id, method = %req.method(), path = %req.uri().path());
    req.extensions_mut().insert(domain::Client { addr, user_agent });
    let ctx = l.ctx.clone();
    let handled = async move {
        match foreign_origin(&req) {
            Some(refusal) => {
                let client = req.extensions().get::<domain::Client>().cloned().unwrap_or_default();
                let entry = domain::audit::Entry::anonymous(&client, "", "request.foreign_origin")
                    .resource("request", req.uri().path(), "")
                    .refused("a change requested without this panel's Origin");
                if let Err(e) = domain::audit::record(&ctx, &entry).await {
                    tracing::error!(error = %e, "could not record a refusal");
                }
                refusal
            }
            None => next.run(req).await,
        }
    };
    let mut response = domain::error::REQUEST_ID.scope(id.clone(), handled.instrument(span)).await;
    if let Ok(v) = HeaderValue::from_str(&id) {
        response.headers_mut().insert("x-request-id", v);
    }
    response
}

/// The refusal of a state-changing request sent from another site's pages.
fn foreign_origin(req: &Request) -> Option<Response> {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return None;
    }
    // The JSON API reads no cookies, only a bearer token a page of another
    // site cannot attach: nothing for a forged request to ride on.
    if req.uri().path().starts_with("/api/v1/") {
        return None;
    }
    let host = req.headers().get(header::HOST).and_then(|v| v.to_str().ok()).unwrap_or("");
    let Some(origin) = req.headers().get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        // Browsers send an Origin with every POST; a request without one is
        // accepted only when the browser vouches that it is same-origin.
        let fetch_site = req.headers().get("sec-fetch-site").and_then(|v| v.to_str().ok());
        if fetch_site == Some("same-origin") {
            return None;
        }
        tracing::warn!(%host, path = %req.uri().path(), "refused a change without an Origin");
        return Some(
            (StatusCode::FORBIDDEN, "pgdeck refuses changes that do not say which site asked for them (no Origin)").into_response(),
        );
    };
    let origin_host = origin.split("://").nth(1).unwrap_or("");
    if origin == "null" || origin_host != host {
        tracing::warn!(%origin, %host, path = %req.uri().path(), "refused a request from a foreign origin");
        return Some((StatusCode::FORBIDDEN, "pgdeck refuses changes requested from another site").into_response());
    }
    None
}

/// Records every refusal a server function answers that nothing in pgdeck
/// recorded on the way: whatever the function, a 4xx answer (but "please
/// sign in") leaves exactly one audit row naming the member (or the
/// visitor), the function and the reason. Refusals the domain records
/// itself, with the resource named, are not recorded twice.
async fn refusals_on_record(State(l): State<Layers>, req: Request, next: Next) -> Response {
    let path = req.uri().path().to_string();
    let Some(function) = path.strip_prefix("/api/").map(str::to_string) else {
        return next.run(req).await;
    };
    let watch = domain::audit::Watch::new(&domain::error::error_reference());
    let session = req.extensions().get::<tower_sessions::Session>().cloned();
    let client = req.extensions().get::<domain::Client>().cloned().unwrap_or_default();
    let response = next.run(req).await;
    let status = response.status();
    if !status.is_client_error() || status == StatusCode::UNAUTHORIZED || watch.written() > 0 {
        return response;
    }
    let (parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, 64 * 1024).await.unwrap_or_default();
    let reason = refusal_words(&bytes, status);
    let action = format!("api.{}", function.chars().take(60).collect::<String>());
    let entry = match resolve_session(&l.ctx, session, client.clone()).await {
        Some(actor) => domain::audit::Entry::by(&actor, &action),
        None => domain::audit::Entry::anonymous(&client, "", &action),
    };
    if let Err(e) = domain::audit::record(&l.ctx, &entry.refused(&reason)).await {
        tracing::error!(error = %e, "could not record a refusal");
    }
    Response::from_parts(parts, axum::body::Body::from(bytes))
}

/// A refusal's reason from its answer: the error's own words when it is
/// pgdeck's JSON error, else the text, else the status.
fn refusal_words(body: &[u8], status: StatusCode) -> String {
    let text = String::from_utf8_lossy(body);
    let words = match serde_json::from_str::<serde_json::Value>(&text) {
        Ok(v) => match v.as_object().and_then(|o| o.iter().next()) {
            Some((kind, detail)) => match detail {
                serde_json::Value::String(s) => format!("{kind}: {s}"),
                serde_json::Value::Object(o) if o.contains_key("field") => {
                    format!("{kind}: {}: {}", o["field"].as_str().unwrap_or(""), o.get("reason").and_then(|r| r.as_str()).unwrap_or(""))
                }
                other => format!("{kind}: {other}"),
            },
            None => v.to_string(),
        },
        Err(_) => text.trim().to_string(),
    };
    let words = if words.is_empty() { status.to_string() } else { words };
    format!("{} — {}", status.as_u16(), words.chars().take(500).collect::<String>())
}

/// Sends signed-out visitors of a page to the sign-in page, and hands the
/// member of a signed-in one to the page (`app::pages::me`). Server
/// functions check the session themselves (and answer "please sign in").
async fn require_sign_in(State(l): State<Layers>, mut req: Request, next: Next) -> Response {
    let path = req.uri().path();
    let open = path == "/sign-in"
        || path == "/healthz"
        || path.starts_with("/api/")
        || path.starts_with("/auth/oidc/")
        || path.starts_with("/pkg/")
        || path.starts_with("/i18n/")
        || path.starts_with("/style/");
    if open || req.method() != Method::GET {
        return next.run(req).await;
    }
    let session = req.extensions().get::<tower_sessions::Session>().cloned();
    let client = req.extensions().get::<domain::Client>().cloned().unwrap_or_default();
    if let Some(member) = resolve_session(&l.ctx, session.clone(), client).await {
        // The page renders with its member known from the start.
        req.extensions_mut().insert(member);
        return next.run(req).await;
    }
    if let Some(s) = session {
        let _ = s.flush().await;
    }
    let target = req.uri().path_and_query().map(|p| p.as_str()).unwrap_or("/");
    Redirect::to(&format!("/sign-in?next={}", app::urlencode(target))).into_response()
}

/// Decides the language of every page and server-function answer: the
/// member's setting, else the switch's cookie, else what the browser asks
/// for, else the panel's default. Pages and server functions read it from
/// the request (`lang::Lang` in its extensions). A member whose setting
/// differs from this browser's cookie gets the cookie set, so the calls
/// their page makes answer in the same language.
async fn page_language(State(l): State<Layers>, mut req: Request, next: Next) -> Response {
    let member = req.extensions().get::<domain::Actor>().map(|a| a.user_id);
    let chosen = match member {
        Some(id) => domain::accounts::language(&l.ctx.pool, id).await.ok().flatten().and_then(|c| lang::Lang::parse(&c)),
        None => None,
    };
    let cookie = req.headers().get_all(header::COOKIE).iter().filter_map(|v| v.to_str().ok()).find_map(lang::cookie::read);
    // A signed-in member who follows their browser is not held to a copy
    // of a setting they no longer have.
    let stale = member.is_some() && chosen.is_none() && cookie.is_some_and(|c| c.member);
    let from_cookie = cookie.filter(|_| !stale).map(|c| c.lang);
    let asked = req.headers().get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).and_then(lang::Lang::negotiate);
    let language = chosen.or(from_cookie).or(asked).unwrap_or(l.default_language);
    req.extensions_mut().insert(language);
    let mut response = next.run(req).await;
    let set = match chosen {
        Some(c) if cookie != Some(lang::cookie::Said { lang: c, member: true }) => Some(lang::cookie::set_member(c)),
        None if stale => Some(lang::cookie::set(None)),
        _ => None,
    };
    if let Some(v) = set.and_then(|v| HeaderValue::from_str(&v).ok()) {
        response.headers_mut().append(header::SET_COOKIE, v);
    }
    response
}

/// `GET /i18n/<lang>.<namespace>.<version>.json`: one namespace of one
/// language's messages (a page fetches the base namespaces and its own). The
/// address changes whenever a message does, so the answer is kept for good;
/// another version's address is not found.
async fn messages(axum::extract::Path(file): axum::extract::Path<String>, headers: HeaderMap) -> Response {
    let found = file.strip_suffix(".json").and_then(|f| {
        let mut parts = f.split('.');
        let (code, ns, version) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || version != lang::msg::VERSION {
            return None;
        }
        let l = lang::Lang::from_code(code)?;
        let ns = lang::msg::NAMESPACES.iter().position(|(n, _, _)| *n == ns)?;
        Some((l, ns))
    });
    let Some((l, ns)) = found else { return (StatusCode::NOT_FOUND, "no such messages").into_response() };
    let gzip = headers
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|e| e.split(';').next().is_some_and(|e| e.trim().eq_ignore_ascii_case("gzip")));
    let mut h = HeaderMap::new();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json; charset=utf-8"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=31536000, immutable"));
    h.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    let text = lang::tables::part(l, ns).unwrap_or("[]");
    if !gzip {
        return (h, text).into_response();
    }
    h.insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
    (h, gzipped(l, ns)).into_response()
}

/// One namespace of a language's messages, gzip-compressed once.
fn gzipped(l: lang::Lang, ns: usize) -> &'static [u8] {
    use std::io::Write as _;
    static ALL: std::sync::OnceLock<Vec<Vec<u8>>> = std::sync::OnceLock::new();
    let all = ALL.get_or_init(|| {
        let mut out = Vec::new();
        for l in lang::Lang::ALL {
            for ns in 0..lang::msg::NAMESPACES.len() {
                let mut z = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
                let _ = z.write_all(lang::tables::part(l, ns).unwrap_or("[]").as_bytes());
                out.push(z.finish().unwrap_or_default());
            }
        }
        out
    });
    let at = lang::Lang::ALL.iter().position(|x| *x == l).unwrap_or(0) * lang::msg::NAMESPACES.len() + ns;
    all.get(at).map(Vec::as_slice).unwrap_or_default()
}

/// The member behind a session, if it is still good.
async fn resolve_session(ctx: &domain::Context, session: Option<tower_sessions::Session>, client: domain::Client) -> Option<domain::Actor> {
    let sid: String = session?.get("sid").await.ok().flatten()?;
    domain::auth::resolve(ctx, &sid, &client).await.ok()
}

/// How often an open live stream checks that its session still holds.
const SESSION_CHECK: std::time::Duration = std::time::Duration::from_secs(10);

/// `GET /events/jobs`: job changes as server-sent events (`event: job`).
async fn job_events(State(ctx): State<domain::Context>, req: Request) -> Response {
    use axum::response::sse::{Event, KeepAlive, Sse};
    use tokio::sync::broadcast::error::RecvError;
    let (session, client) =
        (req.extensions().get::<tower_sessions::Session>().cloned(), req.extensions().get::<domain::Client>().cloned().unwrap_or_default());
    let Some(member) = resolve_session(&ctx, session, client).await else {
        return (StatusCode::UNAUTHORIZED, "please sign in").into_response();
    };
    let Some(seat) = ctx.open_stream(member.user_id) else {
        tracing::warn!(member = %member.username, "refused a live stream: too many open at once");
        let text = format!("at most {} pages with live updates at once: close some", domain::STREAMS_PER_MEMBER);
        return (StatusCode::TOO_MANY_REQUESTS, text).into_response();
    };
    let rx = ctx.job_events.subscribe();
    let stopping = ctx.stopping();
    // The stream ends when pgdeck begins to stop (the browser reconnects to
    // the next pgdeck), so a stop never waits on open pages; and when the
    // member's session ends (signed out, removed, disabled, timed out): it
    // is checked before every event and every SESSION_CHECK, without
    // counting as activity, so an open tab does not keep a session alive.
    let mut check = tokio::time::interval(SESSION_CHECK);
    check.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let watched = (rx, stopping, check, ctx, member.sid, seat);
    let stream = futures_util::stream::unfold(watched, |(mut rx, mut stopping, mut check, ctx, sid, seat)| async move {
        loop {
            if *stopping.borrow() {
                return None;
            }
            let next = tokio::select! {
                r = rx.recv() => r,
                _ = stopping.changed() => return None,
                _ = check.tick() => {
                    if !domain::auth::holds(&ctx, &sid).await {
                        return None;
                    }
                    continue;
                }
            };
            match next {
                Ok(row) => {
                    if !domain::auth::holds(&ctx, &sid).await {
                        return None;
                    }
                    let event =
                        Event::default().event("job").json_data(&row).unwrap_or_else(|_| Event::default().comment("unserialisable"));
                    return Some((Ok::<_, std::convert::Infallible>(event), (rx, stopping, check, ctx, sid, seat)));
                }
                Err(RecvError::Lagged(_)) => continue,
                Err(RecvError::Closed) => return None,
            }
        }
    });
    Sse::new(stream).keep_alive(KeepAlive::default()).into_response()
}

/// `GET /audit/export?format=csv|jsonl&actor=…`: the filtered log, streamed.
async fn audit_export(State(ctx): State<domain::Context>, req: Request) -> Response {
    let (session, client) =
        (req.extensions().get::<tower_sessions::Session>().cloned(), req.extensions().get::<domain::Client>().cloned().unwrap_or_default());
    let query_text = req.uri().query().unwrap_or("").to_string();
    drop(req);
    let Some(actor) = resolve_session(&ctx, session, client).await else {
        return (StatusCode::UNAUTHORIZED, "please sign in").into_response();
    };
    let entry = domain::audit::Entry::by(&actor, "audit.export");
    if let Err(e) = actor.grant::<domain::grant::ReadAudit>() {
        let _ = domain::audit::record(&ctx, &entry.refused(&e.to_string())).await;
        return (StatusCode::FORBIDDEN, e.to_string()).into_response();
    }
    let query: std::collections::HashMap<String, String> = url::form_urlencoded::parse(query_text.as_bytes()).into_owned().collect();
    let get = |k: &str| query.get(k).cloned().unwrap_or_default();
    let format: domain::audit::Format = match get("format").as_str() {
        "" => domain::audit::Format::Csv,
        f => match f.parse() {
            Ok(f) => f,
            Err(e) => return (StatusCode::BAD_REQUEST, e).into_response(),
        },
    };
    let filter = domain::audit::Filter {
        actor: get("actor"),
        action: get("action"),
        resource: get("resource"),
        outcome: get("outcome"),
        from: get("from"),
        to: get("to"),
        text: get("text"),
        ..Default::default()
    };
    let entry = entry.summary(serde_json::to_value(&filter).unwrap_or_default());
    if let Err(e) = domain::audit::check(&filter) {
        let _ = domain::audit::record(&ctx, &entry.refused(&e.to_string())).await;
        let body = serde_json::to_string(&app::AppError::from(e)).unwrap_or_default();
        return (StatusCode::UNPROCESSABLE_ENTITY, [(header::CONTENT_TYPE, "application/json")], body).into_response();
    }
    if let Err(e) = domain::audit::record(&ctx, &entry).await {
        tracing::error!(error = %e, "could not audit an export; refusing it");
        return (StatusCode::SERVICE_UNAVAILABLE, "the audit log cannot be written; export refused").into_response();
    }
    stream_export(ctx, actor, filter, format)
}

/// Streams the audit rows `filter` matches as a download, read as `actor`
/// (whose right to read the audit log the caller checked and recorded).
pub(crate) fn stream_export(
    ctx: domain::Context,
    actor: domain::Actor,
    filter: domain::audit::Filter,
    format: domain::audit::Format,
) -> Response {
    let (tx, rx) = tokio::sync::mpsc::channel::<String>(4);
    tokio::spawn(async move {
        let sink = |chunk: String| {
            let tx = tx.clone();
            async move { tx.send(chunk).await.is_ok() }
        };
        // Checked above; the proof is taken again inside the task that owns the actor.
        let Ok(by) = actor.grant::<domain::grant::ReadAudit>() else { return };
        if let Err(e) = domain::audit::export(&ctx.pool, by.into(), &filter, format, sink).await {
            tracing::error!(error = %e, "audit export stopped");
        }
    });
    let stream =
        futures_util::stream::unfold(rx, |mut rx| async move { rx.recv().await.map(|c| (Ok::<_, std::convert::Infallible>(c), rx)) });
    let (ctype, ext) = match format {
        domain::audit::Format::Csv => ("text/csv; charset=utf-8", "csv"),
        domain::audit::Format::Jsonl => ("application/x-ndjson", "jsonl"),
    };
    (
        [(header::CONTENT_TYPE, ctype.to_string()), (header::CONTENT_DISPOSITION, format!("attachment; filename=\"pgdeck-audit.{ext}\""))],
        axum::body::Body::from_stream(stream),
    )
        .into_response()
}

async fn healthz(State(ctx): State<domain::Context>) -> impl IntoResponse {
    let version = env!("CARGO_PKG_VERSION");
    match domain::db::healthy(&ctx.pool).await {
        Ok(()) => (StatusCode::OK, Json(serde_json::json!({"status": "ok", "version": version, "db": "ok"}))),
        Err(reason) => {
            (StatusCode::SERVICE_UNAVAILABLE, Json(serde_json::json!({"status": "unavailable", "version": version, "db": reason})))
        }
    }
}

/// Resolves on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    tracing::info!("shutting down");
}
