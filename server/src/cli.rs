//! Command-line administration: members, the vault and the audit log.
//! Every command works while the server runs (SQLite in WAL mode).

use anyhow::{bail, Context as _};
use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;

/// Where the database and the master key are.
#[derive(Debug, Clone, clap::Args)]
pub struct StoreArgs {
    /// Directory holding the database [default: ./data]
    #[arg(long, env = "PGDECK_DATA_DIR", default_value = "./data")]
    pub data_dir: PathBuf,
    /// Master key file [default: <data-dir>/master.key]
    #[arg(long, env = "PGDECK_MASTER_KEY_FILE")]
    pub master_key_file: Option<PathBuf>,
}

impl StoreArgs {
    fn key_file(&self) -> PathBuf {
        self.master_key_file.clone().unwrap_or_else(|| self.data_dir.join("master.key"))
    }

    /// Opens an existing store as it is, without migrating it (for commands
    /// that must not wait for the server's write lock).
    pub async fn open_existing(&self) -> anyhow::Result<domain::Context> {
        if !self.data_dir.join(domain::db::DB_FILE).exists() {
            bail!("PGDECK_DATA_DIR / --data-dir: no pgdeck database in {}", self.data_dir.display());
        }
        let pool = domain::db::open(&self.data_dir).await?;
        let vault = domain::Vault::load(&self.key_file(), false)?;
        let stored: Option<String> = sqlx::query_scalar("SELECT value FROM pgdeck_meta WHERE key = 'master_key_fingerprint'")
            .fetch_optional(&pool)
            .await
            .context("reading the database")?;
        if stored.is_some_and(|s| s != vault.fingerprint()) {
            bail!("PGDECK_MASTER_KEY_FILE: this key is not the one this database was sealed with");
        }
        Ok(domain::Context::new(pool, domain::Settings::new(self.data_dir.clone()), vault)?)
    }

    /// Opens the store for a command: the database must exist.
    pub async fn open(&self) -> anyhow::Result<domain::Context> {
        if !self.data_dir.join(domain::db::DB_FILE).exists() {
            bail!(
                "PGDECK_DATA_DIR / --data-dir: no pgdeck database in {} (start `pgdeck serve` once, or pass the right --data-dir)",
                self.data_dir.display()
            );
        }
        let pool = domain::db::open(&self.data_dir).await?;
        domain::db::migrate(&pool).await?;
        let vault = domain::Vault::load(&self.key_file(), false)?;
        domain::vault::check_fingerprint(&pool, &vault).await?;
        domain::upgrade::run(&pool, &vault).await.context("upgrading stored data")?;
        Ok(domain::Context::new(pool, domain::Settings::new(self.data_dir.clone()), vault)?)
    }
}

/// `pgdeck user …`
#[derive(Debug, clap::Subcommand)]
pub enum UserCommand {
    /// Add a member. The password is read from stdin (prompted twice on a terminal), or generated.
    Add {
        username: String,
        /// viewer, operator, approver, auditor or admin
        #[arg(long)]
        role: String,
        /// Name shown in the panel [default: the username]
        #[arg(long, default_value = "")]
        display_name: String,
        /// Generate a random password and print it once
        #[arg(long)]
        generate: bool,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// List members
    List {
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Change a member's role (their sessions end)
    SetRole {
        username: String,
        role: String,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Disable a member (their sessions end)
    Disable {
        username: String,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Enable a disabled member
    Enable {
        username: String,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Set a new password (read like `add`; their sessions end)
    ResetPassword {
        username: String,
        /// Generate a random password and print it once
        #[arg(long)]
        generate: bool,
        #[command(flatten)]
        store: StoreArgs,
    },
}

/// `pgdeck vault …`
#[derive(Debug, clap::Subcommand)]
pub enum VaultCommand {
    /// Re-encrypt every secret under a new master key (created when the file does not exist)
    RotateKey {
        /// The new key file
        #[arg(long)]
        new_key_file: PathBuf,
        #[command(flatten)]
        store: StoreArgs,
    },
}

/// `pgdeck audit …`
#[derive(Debug, clap::Subcommand)]
pub enum AuditCommand {
    /// Walk the hash chain and name the first row edited, removed or inserted (exit 1 on a break)
    Verify {
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Stream the log to stdout as CSV or JSON lines
    Export {
        /// csv or jsonl
        #[arg(long, default_value = "csv")]
        format: String,
        /// From this UTC time or date (2026-11-30 or 2026-11-30T08:00:00Z)
        #[arg(long)]
        since: Option<String>,
        /// Until this UTC time or date
        #[arg(long)]
        until: Option<String>,
        #[command(flatten)]
        store: StoreArgs,
    },
}

fn read_password(generate: bool) -> anyhow::Result<(String, bool)> {
    if generate {
        return Ok((domain::accounts::generate_password(), true));
    }
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        let first = rpassword::prompt_password("Password (12 characters or more): ")?;
        let second = rpassword::prompt_password("Again: ")?;
        if first != second {
            bail!("the two passwords differ");
        }
        Ok((first, false))
    } else {
        let mut line = String::new();
        stdin.lock().read_line(&mut line).context("reading the password from stdin")?;
        Ok((line.trim_end_matches(['\r', '\n']).to_string(), false))
    }
}

fn role(s: &str) -> anyhow::Result<domain::Role> {
    s.parse().map_err(|e: String| anyhow::anyhow!("--role: {e}"))
}

fn user_err(e: domain::DomainError) -> anyhow::Error {
    match e {
        domain::DomainError::Validation(v) => anyhow::anyhow!("{}: {}", v.field, v.reason),
        other => anyhow::anyhow!("{other}"),
    }
}

/// Records a command's refusal that nothing recorded on the way, in the
/// data directory it was pointed at: every refusal of the command line is on
/// record, as the panel's are (a store that cannot be opened has no log).
async fn on_record<T>(store: &StoreArgs, action: &str, run: impl std::future::Future<Output = anyhow::Result<T>>) -> anyhow::Result<T> {
    let request = domain::error::new_request_id();
    let watch = domain::audit::Watch::new(&request);
    let result = domain::error::REQUEST_ID.scope(request, run).await;
    if let Err(e) = &result {
        if watch.written() == 0 && store.data_dir.join(domain::db::DB_FILE).exists() {
            if let Ok(ctx) = store.open().await {
                let _ = domain::audit::record(&ctx, &domain::audit::Entry::cli(action).refused(&format!("{e:#}"))).await;
            }
        }
    }
    result
}

/// Runs a `user` command.
pub async fn user(cmd: UserCommand) -> anyhow::Result<()> {
    let (store, action) = match &cmd {
        UserCommand::Add { store, .. } => (store.clone(), "user.add"),
        UserCommand::List { store } => (store.clone(), "user.list"),
        UserCommand::SetRole { store, .. } => (store.clone(), "user.set_role"),
        UserCommand::Disable { store, .. } => (store.clone(), "user.disable"),
        UserCommand::Enable { store, .. } => (store.clone(), "user.enable"),
        UserCommand::ResetPassword { store, .. } => (store.clone(), "user.reset_password"),
    };
    on_record(&store, action, user_run(cmd)).await
}

async fn user_run(cmd: UserCommand) -> anyhow::Result<()> {
    match cmd {
        UserCommand::Add { username, role: r, display_name, generate, store } => {
            let r = role(&r)?;
            let ctx = store.open().await?;
            let (password, generated) = read_password(generate)?;
            let u = domain::accounts::create(
                &ctx,
                domain::Authority::CommandLine(domain::actor::LocalOperator::of(&ctx).map_err(user_err)?),
                &username,
                &display_name,
                r,
                &password,
            )
            .await
            .map_err(user_err)?;
            println!("added {} ({})", u.username, u.role);
            if generated {
                println!("password (shown once): {password}");
            }
        }
        UserCommand::List { store } => {
            let ctx = store.open().await?;
            let users = domain::accounts::list(
                &ctx.pool,
                domain::Authority::CommandLine(domain::actor::LocalOperator::of(&ctx).map_err(user_err)?),
            )
            .await
            .map_err(user_err)?;
            let mut out = std::io::stdout().lock();
            writeln!(out, "{:<20} {:<10} {:<9} {:<24} display name", "username", "role", "state", "created")?;
            for u in users {
                writeln!(
                    out,
                    "{:<20} {:<10} {:<9} {:<24} {}",
                    u.username,
                    u.role,
                    if u.disabled { "disabled" } else { "active" },
                    u.created_at,
                    u.display_name
                )?;
            }
        }
        UserCommand::SetRole { username, role: r, store } => {
            let r = role(&r)?;
            let ctx = store.open().await?;
            let u = domain::accounts::set_role(
                &ctx,
                domain::Authority::CommandLine(domain::actor::LocalOperator::of(&ctx).map_err(user_err)?),
                &username,
                r,
            )
            .await
            .map_err(user_err)?;
            println!("{} is now {}; their sessions ended", u.username, u.role);
        }
        UserCommand::Disable { username, store } => {
            let ctx = store.open().await?;
            let u = domain::accounts::set_disabled(
                &ctx,
                domain::Authority::CommandLine(domain::actor::LocalOperator::of(&ctx).map_err(user_err)?),
                &username,
                true,
            )
            .await
            .map_err(user_err)?;
            println!("{} is disabled; their sessions ended", u.username);
        }
        UserCommand::Enable { username, store } => {
            let ctx = store.open().await?;
            let u = domain::accounts::set_disabled(
                &ctx,
                domain::Authority::CommandLine(domain::actor::LocalOperator::of(&ctx).map_err(user_err)?),
                &username,
                false,
            )
            .await
            .map_err(user_err)?;
            println!("{} is enabled", u.username);
        }
        UserCommand::ResetPassword { username, generate, store } => {
            let ctx = store.open().await?;
            let (password, generated) = read_password(generate)?;
            let u = domain::accounts::reset_password(
                &ctx,
                domain::Authority::CommandLine(domain::actor::LocalOperator::of(&ctx).map_err(user_err)?),
                &username,
                &password,
            )
            .await
            .map_err(user_err)?;
            println!("password of {} changed; their sessions ended", u.username);
            if generated {
                println!("password (shown once): {password}");
            }
        }
    }
    Ok(())
}

/// Runs a `vault` command.
pub async fn vault(cmd: VaultCommand) -> anyhow::Result<()> {
    match cmd {
        VaultCommand::RotateKey { new_key_file, store } => {
            let ctx = store.open().await?;
            let new = domain::Vault::generate_into(&new_key_file)?;
            let n = domain::rotate::rotate_key(&ctx, &new).await.map_err(user_err)?;
            println!("re-encrypted {n} secrets under the key in {} (fingerprint {})", new_key_file.display(), new.fingerprint());
            println!("point PGDECK_MASTER_KEY_FILE (or --master-key-file) at it before the next start; keep the old key until then");
        }
    }
    Ok(())
}

/// `pgdeck backup`: where the copy goes.
#[derive(Debug, clap::Args)]
pub struct BackupArgs {
    /// File to write the copy to (must not exist)
    #[arg(long)]
    pub to: PathBuf,
    #[command(flatten)]
    pub store: StoreArgs,
}

/// Copies the database while pgdeck runs, then records the copy in the
/// audit log. The copy is a read: it never waits for the server's writes
/// (which may follow each other without pause under load); the audit row is
/// written after, retried until the server leaves a gap.
pub async fn backup(args: BackupArgs) -> anyhow::Result<()> {
    let ctx = args.store.open_existing().await?;
    if args.to.exists() {
        bail!("--to: {} already exists; pgdeck does not overwrite a backup", args.to.display());
    }
    let bytes = domain::db::backup_to(&ctx.pool, &args.to).await?;
    let entry =
        domain::audit::Entry::cli("pgdeck.backup").summary(serde_json::json!({"to": args.to.display().to_string(), "bytes": bytes}));
    let mut recorded = Err(domain::DomainError::Unavailable(String::new()));
    for attempt in 0..12 {
        recorded = domain::audit::record(&ctx, &entry).await.map(|_| ());
        if recorded.is_ok() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(250 * (attempt + 1))).await;
    }
    if let Err(e) = recorded {
        eprintln!("pgdeck: the copy is complete, but recording it in the audit log failed: {e}");
    }
    println!("copied pgdeck's database to {} ({bytes} bytes)", args.to.display());
    println!(
        "secrets in it are sealed with the master key ({}), which is not in the copy: keep the key apart",
        args.store.key_file().display()
    );
    Ok(())
}

/// Runs an `audit` command; returns whether the log is intact.
pub async fn audit(cmd: AuditCommand) -> anyhow::Result<bool> {
    let (store, action) = match &cmd {
        AuditCommand::Verify { store } => (store.clone(), "audit.verify"),
        AuditCommand::Export { store, .. } => (store.clone(), "audit.export"),
    };
    on_record(&store, action, audit_run(cmd)).await
}

async fn audit_run(cmd: AuditCommand) -> anyhow::Result<bool> {
    match cmd {
        AuditCommand::Verify { store } => {
            let ctx = store.open().await?;
            let v = domain::audit::verify(&ctx.pool, &ctx.vault).await.map_err(user_err)?;
            match v.first_break {
                None => {
                    println!("audit log intact: {} rows, chain verified", v.rows);
                    Ok(true)
                }
                Some(why) => {
                    println!("audit log BROKEN after checking {} rows: {why}", v.rows);
                    Ok(false)
                }
            }
        }
        AuditCommand::Export { format, since, until, store } => {
            let format: domain::audit::Format = format.parse().map_err(|e: String| anyhow::anyhow!("--format: {e}"))?;
            let ctx = store.open().await?;
            let filter = domain::audit::Filter { from: since.unwrap_or_default(), to: until.unwrap_or_default(), ..Default::default() };
            let entry = domain::audit::Entry::cli("audit.export").summary(serde_json::to_value(&filter)?);
            if let Err(e) = domain::audit::check(&filter) {
                domain::audit::record(&ctx, &entry.refused(&e.to_string())).await.map_err(user_err)?;
                let e = match e {
                    domain::DomainError::Validation(v) if v.field == "from" => anyhow::anyhow!("--since: {}", v.reason),
                    domain::DomainError::Validation(v) if v.field == "to" => anyhow::anyhow!("--until: {}", v.reason),
                    other => user_err(other),
                };
                return Err(e);
            }
            domain::audit::record(&ctx, &entry).await.map_err(user_err)?;
            let out = std::rc::Rc::new(std::cell::RefCell::new(std::io::BufWriter::new(std::io::stdout().lock())));
            let sink = |chunk: String| {
                let out = out.clone();
                async move { out.borrow_mut().write_all(chunk.as_bytes()).is_ok() }
            };
            let n = domain::audit::export(
                &ctx.pool,
                domain::Authority::CommandLine(domain::actor::LocalOperator::of(&ctx).map_err(user_err)?),
                &filter,
                format,
                sink,
            )
            .await
            .map_err(user_err)?;
            out.borrow_mut().flush()?;
            eprintln!("exported {n} rows");
            Ok(true)
        }
    }
}
