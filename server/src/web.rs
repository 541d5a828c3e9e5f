//! The web server: state, router, start-up and shutdown.

use crate::assets;
use crate::config::ServeConfig;
use anyhow::Context as _;
use app::{shell, App};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::{Json, Router};
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};

/// Starts pgdeck and serves until Ctrl-C or SIGTERM.
pub async fn serve(mut cfg: ServeConfig) -> anyhow::Result<()> {
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
    let pool = domain::db::open(&cfg.data_dir).await?;
    domain::db::migrate(&pool).await?;
    let ctx = domain::Context::new(
        pool,
        domain::Settings {
            sandbox: cfg.sandbox,
            api_base: cfg.api_base.clone(),
            oauth_base: cfg.oauth_base.clone(),
            data_dir: cfg.data_dir.clone(),
        },
    )?;
    if !assets::bundle_present() {
        tracing::warn!("this build has no browser bundle: pages render but do not become interactive");
    }
    let router = router(ctx, cfg.listen);
    let listener =
        tokio::net::TcpListener::bind(cfg.listen).await.with_context(|| format!("PGDECK_LISTEN / --listen {}: cannot bind", cfg.listen))?;
    let addr = listener.local_addr()?;
    tracing::info!("pgdeck {} listens on http://{addr}", env!("CARGO_PKG_VERSION"));
    println!("pgdeck is running at http://{addr}{}", if cfg.sandbox { " (sandbox mode)" } else { "" });
    axum::serve(listener, router.into_make_service_with_connect_info::<std::net::SocketAddr>())
        .with_graceful_shutdown(shutdown_signal())
        .await
        .context("serving")?;
    Ok(())
}

/// The full router: health, assets, pages and server functions.
pub fn router(ctx: domain::Context, listen: std::net::SocketAddr) -> Router {
    let options = LeptosOptions::builder().output_name("pgdeck").site_pkg_dir("pkg").site_addr(listen).build();
    let routes = generate_route_list(App);
    let leptos_router = Router::new()
        .leptos_routes_with_context(
            &options,
            routes,
            {
                let ctx = ctx.clone();
                move || provide_context(ctx.clone())
            },
            {
                let options = options.clone();
                move || shell(options.clone())
            },
        )
        .fallback(leptos_axum::render_app_to_stream_with_context(
            {
                let ctx = ctx.clone();
                move || provide_context(ctx.clone())
            },
            {
                let options = options.clone();
                move || shell(options.clone())
            },
        ))
        .with_state(options);
    Router::new()
        .route("/healthz", get(healthz))
        .route("/pkg/{file}", get(assets::pkg))
        .route("/style/main.css", get(assets::css))
        .with_state(ctx)
        .merge(leptos_router)
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
