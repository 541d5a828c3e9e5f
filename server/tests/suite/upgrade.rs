//! Upgrades keep everything: databases written by earlier releases
//! (`server/tests/fixtures/upgrade/<release>`, made by
//! `scripts/make-upgrade-fixture.py` with that release's binary) open with
//! this build, lose no row, keep the audit chain, let every member sign in,
//! run every pending request once approved, and read finished jobs back the
//! same. A database from a newer pgdeck is refused untouched.

use crate::common;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

fn fixtures() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/upgrade");
    let mut all: Vec<PathBuf> = std::fs::read_dir(&root).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_dir()).collect();
    all.sort();
    all
}

fn expected(dir: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(dir.join("expected.json")).unwrap()).unwrap()
}

/// A copy of the fixture in a fresh data directory (fixtures are never
/// opened in place: opening migrates). Git keeps no file modes beyond the
/// executable bit, so a fresh clone checks the key out readable by others;
/// the copy is made owner-only, as pgdeck requires of a key it opens.
fn copy_into(fixture: &Path, data: &Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::create_dir_all(data).unwrap();
    for f in ["pgdeck.sqlite3", "master.key"] {
        std::fs::copy(fixture.join(f), data.join(f)).unwrap();
    }
    std::fs::set_permissions(data.join("master.key"), std::fs::Permissions::from_mode(0o600)).unwrap();
}

async fn counts(pool: &sqlx::SqlitePool, tables: &[String]) -> BTreeMap<String, i64> {
    let mut out = BTreeMap::new();
    for t in tables {
        out.insert(t.clone(), sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {t}")).fetch_one(pool).await.unwrap());
    }
    out
}

#[tokio::test]
async fn there_is_a_fixture_for_the_first_release_and_for_this_one() {
    let names: Vec<String> = fixtures().iter().map(|p| p.file_name().unwrap().to_string_lossy().into_owned()).collect();
    assert!(names.contains(&"2026-11-30".to_string()), "{names:?}");
    let newest = fixtures().last().map(|d| expected(d)["schema"].as_i64().unwrap());
    assert_eq!(newest, Some(domain::db::schema_version()), "a release that adds a migration adds its fixture: {names:?}");
}

#[tokio::test]
async fn every_earlier_database_opens_with_everything_kept_and_pending_requests_run() {
    for fixture in fixtures() {
        upgrade_from(&fixture).await;
    }
}

async fn upgrade_from(fixture: &Path) {
    let exp = expected(fixture);
    let release = exp["release"].as_str().unwrap().to_string();
    let tables: Vec<String> = exp["rows"].as_object().unwrap().keys().cloned().collect();
    let app = common::spawn_app_with(|a| copy_into(fixture, a.data_dir.as_ref().unwrap())).await;
    let pool = &app.ctx.pool;

    // No row lost (sessions that expired may be swept; nothing else).
    let after = counts(pool, &tables).await;
    for (table, before) in exp["rows"].as_object().unwrap() {
        let before = before.as_i64().unwrap();
        if table == "tower_sessions" {
            continue;
        }
        assert!(after[table] >= before, "{release}: {table} had {before} rows, has {}", after[table]);
    }
    assert_eq!(
        sqlx::query_scalar::<_, String>("SELECT value FROM pgdeck_meta WHERE key = 'opened_by'").fetch_one(pool).await.unwrap(),
        env!("CARGO_PKG_VERSION")
    );

    // Every stored call reads as today's, and nothing was left unread.
    let stored: Vec<(i64, String, Option<Vec<u8>>, i64)> =
        sqlx::query_as("SELECT id, command, sealed_secrets, requester_id FROM approval_requests").fetch_all(pool).await.unwrap();
    for (id, command, sealed, requester) in &stored {
        let call: rds::Call = serde_json::from_str(command).unwrap_or_else(|e| panic!("{release}: request {id}: {e}: {command}"));
        if let Some(sealed) = sealed {
            let plain = app.ctx.vault.open(&domain::approvals::sealing_context(*requester), sealed).unwrap();
            let full: rds::Call = serde_json::from_slice(&plain).unwrap();
            assert_eq!(full.name(), call.name());
            assert!(String::from_utf8_lossy(&plain).contains("Upgrade-Secret-1"), "{release}: the sealed password survives");
            assert!(!command.contains("Upgrade-Secret-1"), "{release}: the shown call holds no secret");
        }
    }

    // The chain holds across the upgrade.
    let v = domain::audit::verify(pool, &app.ctx.vault).await.unwrap();
    assert_eq!(v.first_break, None, "{release}");
    assert!(v.rows >= exp["rows"]["audit_events"].as_u64().unwrap());

    // Every member signs in.
    for m in exp["members"].as_array().unwrap() {
        app.signed_in(m.as_str().unwrap()).await;
    }

    // Members' languages are kept (from the release that has them).
    if let Some(langs) = exp.get("languages").and_then(Value::as_object) {
        for (member, code) in langs {
            let id: i64 = sqlx::query_scalar("SELECT id FROM users WHERE username = ?").bind(member).fetch_one(pool).await.unwrap();
            let kept = domain::accounts::language(pool, id).await.unwrap();
            assert_eq!(kept.as_deref(), code.as_str(), "{release}: {member}'s language");
        }
    }

    // Finished jobs read back the same.
    for j in exp["jobs"].as_array().unwrap() {
        let got = domain::jobs::get(&app.ctx, j["job_id"].as_str().unwrap()).await.unwrap().expect("the job is kept");
        assert_eq!((got.status.as_str(), got.finished), (j["status"].as_str().unwrap(), j["finished"].as_i64() == Some(1)), "{release}");
    }

    // The estate upstream is the same one: the sandbox gives its instances
    // new ids, so the pending requests are pointed at the instance of the
    // same name (and kept open, as on the day of the upgrade).
    let alice = app.signed_in("alice").await;
    let (_, list) = app.call(&alice, "list_instances", &[]).await;
    let list: Vec<Value> = serde_json::from_str(&list).unwrap();
    let id_of = |name: &str| list.iter().find(|i| i["dbInstanceName"] == name).unwrap()["dbInstanceId"].as_str().unwrap().to_string();
    for p in exp["pending"].as_array().unwrap() {
        let id = p["id"].as_i64().unwrap();
        let (old, command, sealed, requester, basis): (String, String, Option<Vec<u8>>, i64, String) =
            sqlx::query_as("SELECT resource_id, command, sealed_secrets, requester_id, basis FROM approval_requests WHERE id = ?")
                .bind(id)
                .fetch_one(pool)
                .await
                .unwrap();
        let new = id_of(p["resource_name"].as_str().unwrap());
        let context = domain::approvals::sealing_context(requester);
        let sealed = sealed.map(|s| {
            let plain = String::from_utf8(app.ctx.vault.open(&context, &s).unwrap()).unwrap();
            app.ctx.vault.seal(&context, plain.replace(&old, &new).as_bytes())
        });
        sqlx::query(
            "UPDATE approval_requests SET resource_id = ?, command = ?, sealed_secrets = ?, basis = ?, \
             expires_at = '2999-01-01T00:00:00.000Z', run_by = '2999-01-02T00:00:00.000Z' WHERE id = ?",
        )
        .bind(&new)
        .bind(command.replace(&old, &new))
        .bind(sealed)
        .bind(basis.replace(&old, &new))
        .bind(id)
        .execute(pool)
        .await
        .unwrap();
    }

    // Every pending request, approved after the upgrade, runs (the stop
    // last: the others need the instance up).
    let bob = app.signed_in("bob").await;
    let mut pending = exp["pending"].as_array().unwrap().clone();
    pending.sort_by_key(|p| p["action"] == "stop_db_instance");
    for p in &pending {
        let id = p["id"].as_i64().unwrap().to_string();
        let (status, body) =
            app.call(&bob, "vote_approval", &[("id", &id), ("approve", "true"), ("comment", "fine after the upgrade")]).await;
        assert_eq!(status, 200, "{release}: {body}");
        let mut state = String::new();
        for _ in 0..100 {
            state = sqlx::query_scalar("SELECT state FROM approval_requests WHERE id = ?").bind(&id).fetch_one(pool).await.unwrap();
            if !matches!(state.as_str(), "approved" | "running") {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let message: String =
            sqlx::query_scalar("SELECT result_message FROM approval_requests WHERE id = ?").bind(&id).fetch_one(pool).await.unwrap();
        assert_eq!(state, "executed", "{release}: request {id} ({}): {message}", p["action"]);
        // The instance is busy until the job ends.
        let job: Option<String> =
            sqlx::query_scalar("SELECT job_id FROM approval_requests WHERE id = ?").bind(&id).fetch_one(pool).await.unwrap();
        if let Some(job) = job {
            for _ in 0..100 {
                if domain::jobs::get(&app.ctx, &job).await.unwrap().is_some_and(|j| j.finished) {
                    break;
                }
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }
    }
    // And did what it said: the user exists upstream.
    let analytics = id_of("analytics");
    for _ in 0..100 {
        let (_, users) = app.call(&alice, "instance_users", &[("id", &analytics)]).await;
        if users.contains("report_reader") {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{release}: the approved DB user was not created");
}

/// A database a newer pgdeck has migrated is refused before anything is
/// written, naming both versions; the file is byte for byte the same.
#[tokio::test]
async fn a_database_from_a_newer_pgdeck_is_refused_untouched() {
    let fixture = fixtures().pop().unwrap();
    let dir = tempfile::tempdir().unwrap();
    copy_into(&fixture, dir.path());
    let pool = domain::db::open(dir.path()).await.unwrap();
    domain::db::migrate(&pool).await.unwrap();
    let newer = domain::db::schema_version() + 1;
    sqlx::query("INSERT INTO _sqlx_migrations (version, description, installed_on, success, checksum, execution_time) VALUES (?, 'from the future', datetime('now'), 1, x'00', 1)")
        .bind(newer)
        .execute(&pool)
        .await
        .unwrap();
    sqlx::query("UPDATE pgdeck_meta SET value = '9.9.9' WHERE key = 'opened_by'").execute(&pool).await.unwrap();
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(&pool).await.unwrap();
    pool.close().await;
    let file = dir.path().join(domain::db::DB_FILE);
    let digest = |f: &Path| {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        std::fs::read(f).unwrap().hash(&mut h);
        h.finish()
    };
    let before = digest(&file);

    let pool = domain::db::open(dir.path()).await.unwrap();
    let err = domain::db::migrate(&pool).await.expect_err("refused").to_string();
    pool.close().await;
    assert!(err.contains("pgdeck 9.9.9") && err.contains(&format!("schema {newer}")), "{err}");
    assert!(err.contains(&format!("pgdeck {}", env!("CARGO_PKG_VERSION"))) && err.contains("Nothing was changed"), "{err}");
    assert_eq!(digest(&file), before, "the database is untouched");
    // The command line says the same and exits non-zero.
    let out =
        std::process::Command::new(env!("CARGO_BIN_EXE_pgdeck")).args(["audit", "verify", "--data-dir"]).arg(dir.path()).output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("pgdeck 9.9.9"), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(digest(&file), before, "the database is untouched");
}
