//! `pgdeck`: the self-hosted control panel for NHN Cloud RDS for PostgreSQL.

use server::{cli, config, web};

use clap::{Parser, Subcommand};
use std::net::SocketAddr;
use std::process::ExitCode;

/// mimalloc gives the large, short-lived buffers of password hashing back
/// to the system after a burst of sign-ins, where the system allocator keeps
/// them in per-thread arenas (BENCHMARKS.md, "Memory under sign-in bursts").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// pgdeck: run a team's NHN Cloud RDS for PostgreSQL estate from one audited panel.
#[derive(Parser)]
#[command(name = "pgdeck", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the web panel
    Serve(Box<config::ServeArgs>),
    /// Run the RDS API emulator alone (for rehearsals, tests and benchmarks)
    Sandbox(SandboxArgs),
    /// Manage team members
    #[command(subcommand)]
    User(cli::UserCommand),
    /// Manage the master key that encrypts secrets at rest
    #[command(subcommand)]
    Vault(cli::VaultCommand),
    /// Check and export the audit log
    #[command(subcommand)]
    Audit(cli::AuditCommand),
    /// Copy pgdeck's own database consistently, while it runs
    Backup(cli::BackupArgs),
}

#[derive(clap::Args)]
struct SandboxArgs {
    /// Address to listen on, such as 127.0.0.1:9000
    #[arg(long, env = "PGDECK_SANDBOX_LISTEN", default_value = "127.0.0.1:9000")]
    listen: SocketAddr,
    /// How long an emulated job takes, in seconds
    #[arg(long, default_value_t = 3.0)]
    job_seconds: f64,
    /// Lifetime of an access token, in seconds
    #[arg(long, default_value_t = 3600)]
    token_seconds: u64,
    /// Milliseconds added to every API answer
    #[arg(long, default_value_t = 0)]
    latency_ms: u64,
    /// Share (0-1) of API calls answered with HTTP 503
    #[arg(long, default_value_t = 0.0)]
    error_rate: f64,
    /// Share (0-1) of API calls answered with a malformed body
    #[arg(long, default_value_t = 0.0)]
    malformed_rate: f64,
    /// Share (0-1) of API calls that never answer
    #[arg(long, default_value_t = 0.0)]
    hang_rate: f64,
    /// Where jobs answer: v1.0 (the Korean, Japanese and original English
    /// guides) or v3.0 (a later English edition)
    #[arg(long, default_value = "v1.0", value_parser = ["v1.0", "v3.0"])]
    jobs_path: String,
    /// Answer refusals with HTTP error statuses (401, 403, 404, 400) as the
    /// service does, instead of HTTP 200 as the guide says
    #[arg(long)]
    http_status: bool,
    /// Requests a second each credential may send before calls are
    /// answered HTTP 429 with Retry-After (0: no limit)
    #[arg(long, default_value_t = 0.0)]
    throttle_rate: f64,
}

/// Logs to standard error: text by default, one JSON object per line with
/// `PGDECK_LOG_FORMAT=json` (the request's id is in `span.id` of every line
/// written while serving it).
fn init_logging() -> Result<(), String> {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_env("PGDECK_LOG").unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_http=warn"));
    use std::io::IsTerminal as _;
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false)
        .with_ansi(std::io::stderr().is_terminal())
        .with_writer(std::io::stderr);
    match std::env::var("PGDECK_LOG_FORMAT").unwrap_or_default().as_str() {
        "" | "text" => builder.init(),
        "json" => builder.json().with_current_span(true).with_span_list(false).init(),
        other => return Err(format!("PGDECK_LOG_FORMAT: {other:?} is not text or json")),
    }
    Ok(())
}

/// A panic is written through the log like everything else (one JSON object
/// in JSON mode), with where it happened; the backtrace too when
/// `RUST_BACKTRACE` asks for it.
fn log_panics() {
    std::panic::set_hook(Box::new(|info| {
        let message = info.payload_as_str().unwrap_or("(no message)");
        let location = info.location().map(ToString::to_string).unwrap_or_default();
        let thread = std::thread::current().name().unwrap_or("unnamed").to_string();
        let backtrace = std::backtrace::Backtrace::capture();
        if backtrace.status() == std::backtrace::BacktraceStatus::Captured {
            tracing::error!(%message, %location, %thread, %backtrace, "a task failed");
        } else {
            tracing::error!(%message, %location, %thread, "a task failed");
        }
    }));
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Err(e) = init_logging() {
        eprintln!("pgdeck: {e}");
        return ExitCode::FAILURE;
    }
    log_panics();
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("pgdeck: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let result = runtime.block_on(async move {
        match cli.command {
            Command::Serve(args) => web::serve(args.resolve()?).await.map(|()| true),
            Command::Sandbox(a) => run_sandbox(a).await.map(|()| true),
            Command::User(c) => cli::user(c).await.map(|()| true),
            Command::Vault(c) => cli::vault(c).await.map(|()| true),
            Command::Audit(c) => cli::audit(c).await,
            Command::Backup(a) => cli::backup(a).await.map(|()| true),
        }
    });
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("pgdeck: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn sandbox_config(job_seconds: f64, token_seconds: u64, faults: sandbox::Faults) -> anyhow::Result<sandbox::Config> {
    if !(0.0..=3600.0).contains(&job_seconds) || job_seconds.is_nan() {
        anyhow::bail!("--job-seconds: must be between 0 and 3600, got {job_seconds}");
    }
    for (name, v) in [("--error-rate", faults.error_rate), ("--malformed-rate", faults.malformed_rate), ("--hang-rate", faults.hang_rate)] {
        if !(0.0..=1.0).contains(&v) || v.is_nan() {
            anyhow::bail!("{name}: must be between 0 and 1, got {v}");
        }
    }
    if token_seconds == 0 {
        anyhow::bail!("--token-seconds: must be at least 1");
    }
    Ok(sandbox::Config {
        job_duration: std::time::Duration::from_secs_f64(job_seconds),
        token_ttl: std::time::Duration::from_secs(token_seconds),
        faults,
        legacy_version_codes: false,
    })
}

async fn run_sandbox(a: SandboxArgs) -> anyhow::Result<()> {
    let faults = sandbox::Faults {
        latency_ms: a.latency_ms,
        error_rate: a.error_rate,
        malformed_rate: a.malformed_rate,
        hang_rate: a.hang_rate,
        jobs_path: a.jobs_path,
        http_status: a.http_status,
        throttle_rate: a.throttle_rate,
        job_state: String::new(),
        ..sandbox::Faults::default()
    };
    let config = sandbox_config(a.job_seconds, a.token_seconds, faults)?;
    let listener =
        tokio::net::TcpListener::bind(a.listen).await.map_err(|e| anyhow::anyhow!("--listen {}: cannot bind ({e})", a.listen))?;
    let addr = listener.local_addr()?;
    println!("pgdeck sandbox: the RDS API emulator listens on http://{addr}");
    println!("  appkey sandbox-appkey; access keys sandbox-admin / sandbox-admin-secret (ADMIN), sandbox-viewer / sandbox-viewer-secret (VIEWER)");
    let sb = sandbox::Sandbox::new(config);
    axum::serve(listener, sb.router()).with_graceful_shutdown(web::shutdown_signal()).await?;
    Ok(())
}
