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
///
/// A database a newer pgdeck has migrated (a migration this binary does
/// not know) is refused before anything is written, naming both versions
/// (docs/upgrading.md). After migrating, the database records which pgdeck
/// opened it last.
pub async fn migrate(pool: &SqlitePool) -> anyhow::Result<()> {
    let migrator = migrator();
    let known = schema_version();
    if let Some(applied) = newest_applied(pool).await.filter(|v| *v > known) {
        let by: Option<String> =
            sqlx::query_scalar("SELECT value FROM pgdeck_meta WHERE key = 'opened_by'").fetch_optional(pool).await.ok().flatten();
        anyhow::bail!(
            "this database was last opened by {} (schema {applied}); this is pgdeck {} (schema {known}), which cannot read it. \
             Nothing was changed. Run that pgdeck or a newer one, or restore the copy taken before the upgrade (`pgdeck backup --to`).",
            by.as_deref().map_or_else(|| "a newer pgdeck".to_string(), |b| format!("pgdeck {b}")),
            env!("CARGO_PKG_VERSION"),
        );
    }
    migrator.run(pool).await.context("applying database migrations (the database may be damaged, or a released migration was edited)")?;
    sqlx::query("INSERT INTO pgdeck_meta (key, value) VALUES ('opened_by', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
        .bind(env!("CARGO_PKG_VERSION"))
        .execute(pool)
        .await
        .context("recording the pgdeck version")?;
    Ok(())
}

/// The newest migration applied to the database, if it has any.
async fn newest_applied(pool: &SqlitePool) -> Option<i64> {
    sqlx::query_scalar::<_, Option<i64>>("SELECT MAX(version) FROM _sqlx_migrations WHERE success = 1").fetch_one(pool).await.ok().flatten()
}

/// The migrations embedded in the binary (embedded once, used everywhere).
fn migrator() -> sqlx::migrate::Migrator {
    sqlx::migrate!("../migrations")
}

/// The schema this pgdeck writes: the newest migration it carries.
pub fn schema_version() -> i64 {
    migrator().iter().map(|m| m.version).max().unwrap_or(0)
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

#[cfg(test)]
mod released {
    /// The checksum sqlx keeps of every migration that has been on main.
    /// sqlx refuses to start on a database whose applied migration differs
    /// from the binary's, so a released migration is never edited: a change
    /// of schema is a new migration (docs/upgrading.md).
    const RELEASED: &[(i64, &str)] = &[
        (1, "f81dd9056c6147bcb5c4f7cf7761bdf368ba6afc020da4607b4ced97311156a802ea1a031ba80f4a165186be0a971d53"),
        (2, "69eb083c59aab7806a6a53470548dab65a70a3e7a7c8c00cb678e14f9a2e2f046b318842847b015fd28ad2341c7ce062"),
        (3, "de4c7514d1bc961b50b93e7cf607f867ee4ca86196885e3fbe71cb08469907f0f964b5e93a2b1fc670cfdc9b53c297b4"),
        (4, "c4f81c7d1b0665bbc727c8c5568f2440f4ac536efb1a59f077874c9bb283cfb7344ab99881cc2ce2df68f66bca523a31"),
        (5, "56fb05b0512acd9afc9adf070101aad1ccec3eabf567cd22d038e42330f334f4594a2b437e91e93cd524a3b5b6ec7cae"),
        (6, "2cbad2163dc30ebc71c18fd3d0d4b23cde2298e3546b49a7e2ce0b7484c002de370e58ab2079b97ad7df3c4b182d06a2"),
        (7, "1c536cb08676d40a5df3719cf95d528a37ea117776cf8366586ba5c7672e93589b56813bcd45c7e4ce1bf995b9571641"),
        (8, "3a937e200d01c4d91d8b08b95217a812a2bc889586ae6f44439e73dcd91acf7d44a6ada69a11b228636156070deda8f3"),
        (9, "41343274284f8ec167f17915a4757da7517d627ed69cacd31259c82fc52200cd18f593b19384fb1bdc9049f1c583ea79"),
        (10, "0a0808ac0d02e37a7afe9032dfc5eba3b4f90af633ea15506ebec972b79ae9458bec5b270f5004282aee77b93105ada6"),
        (11, "a97b944cf434085090e5b22eee36a325ad0b8a0a8ec3f5eedf82e3a83eef817a428e76eb297e8e3c19f5625abbfaebe7"),
        (12, "f53696e19be83e10d4535b9126d807c1ac6b93d00900595061deea0590bb9b161351c8c6453fb418be921622fa016615"),
        (13, "b7a99999c5a1fc870066e8734f06be79dab2db87806c48e844514b1b86c18820648663051dc7fb783fff5c476ffb9848"),
    ];

    fn hex(b: &[u8]) -> String {
        b.iter().map(|x| format!("{x:02x}")).collect()
    }

    #[test]
    fn released_migrations_never_change() {
        let now: Vec<(i64, String)> = super::migrator().iter().map(|m| (m.version, hex(&m.checksum))).collect();
        for (version, sum) in RELEASED {
            let found = now.iter().find(|(v, _)| v == version).unwrap_or_else(|| panic!("migration {version} was removed"));
            assert_eq!(&found.1, sum, "migration {version} was edited after its release: add a new migration instead");
        }
        let last = RELEASED.last().map_or(0, |r| r.0);
        if let Some((v, sum)) = now.iter().find(|(v, _)| *v > last) {
            panic!("migration {v} is not pinned yet: add ({v}, \"{sum}\") to RELEASED in domain/src/db.rs with the release that ships it");
        }
    }
}
