//! The SQLite store: opened with WAL, a busy timeout and foreign keys, and
//! migrated at start-up with the migrations embedded in the binary.

use anyhow::Context as _;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::SqlitePool;
use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

/// The file name of the database inside the data directory.
pub const DB_FILE: &str = "pgdeck.sqlite3";

/// Opens (creating if needed) the database in `data_dir`.
pub async fn open(data_dir: &Path) -> anyhow::Result<SqlitePool> {
    std::fs::create_dir_all(data_dir).with_context(|| format!("creating the data directory {}", data_dir.display()))?;
    let path = data_dir.join(DB_FILE);
    let options = SqliteConnectOptions::from_str(&format!("sqlite://{}", path.display()))
        .with_context(|| format!("reading the database path {}", path.display()))?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .busy_timeout(Duration::from_secs(10))
        .foreign_keys(true);
    let pool = SqlitePoolOptions::new()
        .max_connections(8)
        .connect_with(options)
        .await
        .with_context(|| format!("opening the database {}", path.display()))?;
    Ok(pool)
}

/// Applies the embedded migrations; a failure stops start-up.
pub async fn migrate(pool: &SqlitePool) -> anyhow::Result<()> {
    sqlx::migrate!("../migrations")
        .run(pool)
        .await
        .context("applying database migrations (the database may be from a newer pgdeck, or damaged)")
}

/// Writes a consistent copy of the database to `to` with `VACUUM INTO`,
/// while pgdeck keeps serving: the copy is one transaction's view, holds
/// no write-ahead log of its own, and is compacted. `to` must not exist.
/// Secrets in it stay sealed: the master key is not in the copy.
pub async fn backup_to(pool: &SqlitePool, to: &Path) -> anyhow::Result<u64> {
    if to.exists() {
        anyhow::bail!("{} already exists; pgdeck does not overwrite a backup", to.display());
    }
    let target = to.to_str().with_context(|| format!("{} is not a UTF-8 path", to.display()))?;
    sqlx::query("VACUUM INTO ?").bind(target).execute(pool).await.with_context(|| format!("writing the copy to {}", to.display()))?;
    Ok(std::fs::metadata(to).map(|m| m.len()).unwrap_or(0))
}

/// Whether the database answers.
pub async fn healthy(pool: &SqlitePool) -> Result<(), String> {
    sqlx::query_scalar::<_, i64>("SELECT 1").fetch_one(pool).await.map(|_| ()).map_err(|e| e.to_string())
}

/// Starts a write transaction that takes the write lock at once, so that
/// read-then-write sequences (the audit chain) never deadlock or interleave.
pub async fn begin(pool: &SqlitePool) -> Result<sqlx::Transaction<'static, sqlx::Sqlite>, sqlx::Error> {
    pool.begin_with("BEGIN IMMEDIATE").await
}
