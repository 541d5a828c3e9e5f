//! Upgrades of what pgdeck stores that SQL alone cannot do.
//!
//! Schema changes are SQL migrations (`migrations/`, applied by
//! [`crate::db::migrate`], never edited once released). Some stored values
//! are formats of pgdeck's own types — an approval request's call, sealed
//! with the vault when it holds a secret — and converting them needs Rust
//! and the master key. Each such step runs once at start-up, after the
//! migrations and after the vault is open, and is recorded in
//! `data_upgrades` (migration 0009) with the rows it converted. A step
//! never loses a row: a value it cannot read is left as it was and named
//! in the log, and the reader reports it when the request is run.
//!
//! docs/upgrading.md lists every stored format and its history.

use crate::vault::Vault;
use anyhow::Context as _;
use rds::Call;
use serde::Deserialize;
use serde_json::{json, Value};
use sqlx::SqlitePool;

/// Steps in the order they run; a name is never reused.
const STEPS: &[&str] = &["calls_from_instance_actions"];

/// Runs every step not yet recorded; answers what each converted.
pub async fn run(pool: &SqlitePool, vault: &Vault) -> anyhow::Result<Vec<(&'static str, u64)>> {
    let mut done = Vec::new();
    for &step in STEPS {
        let ran: Option<String> =
            sqlx::query_scalar("SELECT name FROM data_upgrades WHERE name = ?").bind(step).fetch_optional(pool).await?;
        if ran.is_some() {
            continue;
        }
        let n = match step {
            "calls_from_instance_actions" => calls_from_instance_actions(pool, vault).await?,
            other => anyhow::bail!("unknown upgrade step {other}"),
        };
        sqlx::query("INSERT INTO data_upgrades (name, rows, ran_at) VALUES (?, ?, ?)")
            .bind(step)
            .bind(n as i64)
            .bind(crate::time::now_utc())
            .execute(pool)
            .await?;
        if n > 0 {
            tracing::info!(step, rows = n, "stored data upgraded");
        }
        done.push((step, n));
    }
    Ok(done)
}

/// Approval requests filed by the release of 2026-11-30 stored a
/// `Command` (`{"Instance": {"id", "what"}}` or `{"DeletionProtection": …}`)
/// where later releases store the typed call itself. Each such row is
/// rewritten as the call it stood for — the same endpoint, path ids and
/// body the old release would have sent — in both its shown (redacted) and
/// sealed forms.
async fn calls_from_instance_actions(pool: &SqlitePool, vault: &Vault) -> anyhow::Result<u64> {
    let rows: Vec<(i64, i64, String, Option<Vec<u8>>)> =
        sqlx::query_as("SELECT id, requester_id, command, sealed_secrets FROM approval_requests").fetch_all(pool).await?;
    let mut n = 0;
    for (id, requester, command, sealed) in rows {
        if serde_json::from_str::<Call>(&command).is_ok() {
            continue;
        }
        let context = crate::approvals::sealing_context(requester);
        let full: Value = match &sealed {
            Some(s) => match vault.open(&context, s).and_then(|p| Ok(serde_json::from_slice(&p)?)) {
                Ok(v) => v,
                Err(e) => {
                    tracing::warn!(request = id, "approval request kept as stored: its sealed call cannot be opened: {e:#}");
                    continue;
                }
            },
            None => serde_json::from_str(&command).unwrap_or(Value::Null),
        };
        let call = match from_command(&full) {
            Ok(c) => c,
            Err(e) => {
                tracing::warn!(request = id, "approval request kept as stored: {e:#}");
                continue;
            }
        };
        let call_json = serde_json::to_value(&call)?;
        let shown = crate::audit::redact(call_json.clone(), call.secret_fields());
        let sealed = (shown != call_json).then(|| vault.seal(&context, call_json.to_string().as_bytes()));
        sqlx::query("UPDATE approval_requests SET command = ?, sealed_secrets = ? WHERE id = ?")
            .bind(shown.to_string())
            .bind(sealed)
            .bind(id)
            .execute(pool)
            .await?;
        n += 1;
    }
    Ok(n)
}

/// `model::InstanceAction` as the release of 2026-11-30 wrote it. Frozen:
/// never change it, it reads rows already written.
#[derive(Deserialize)]
enum Legacy {
    Instance { id: String, what: Action },
    DeletionProtection { id: String, on: bool },
}

#[derive(Deserialize)]
enum Action {
    Start,
    Stop,
    Restart {
        online_failover: bool,
        backup_first: bool,
    },
    ForceRestart,
    Backup {
        name: String,
    },
    Delete,
    Describe {
        description: String,
    },
    Modify {
        name: Option<String>,
        description: Option<String>,
        port: Option<u32>,
        flavor_id: Option<String>,
        parameter_group_id: Option<String>,
        #[serde(default)]
        security_group_ids: Option<Vec<String>>,
        backup_first: bool,
    },
    GrowStorage {
        size: u32,
    },
    PublicAccess {
        on: bool,
    },
    DeletionProtection {
        on: bool,
    },
    ApplyParameterGroup {
        backup_first: bool,
    },
    CreateDatabase {
        name: String,
    },
    RenameDatabase {
        database_id: String,
        name: String,
        apply_hba: bool,
    },
    DeleteDatabase {
        database_id: String,
    },
    CreateUser {
        name: String,
        #[serde(rename = "dbPassword")]
        password: String,
        authority: String,
        default_hba: bool,
        address: Option<String>,
    },
    DeleteUser {
        db_user_id: String,
    },
    Replicate {
        name: String,
        #[serde(default)]
        description: Option<String>,
        #[serde(default)]
        flavor_id: Option<String>,
        #[serde(default)]
        port: Option<u32>,
        #[serde(default)]
        parameter_group_id: Option<String>,
        #[serde(default)]
        deletion_protection: bool,
    },
    Promote,
    HaPause,
    HaResume,
    HaRepair,
    HaSplit,
    Ha {
        on: bool,
        ping_interval: Option<u32>,
        failover_wait: Option<i64>,
    },
    BackupSettings {
        period: u32,
        retry_count: u32,
        begin_time: String,
        duration: String,
    },
    Maintenance {
        begin_time: String,
        duration: String,
        allow_auto: bool,
        auto_storage_cleanup: bool,
    },
    ModifyUser {
        db_user_id: String,
        #[serde(rename = "dbPassword")]
        password: Option<String>,
        authority: Option<String>,
    },
    ApplyAccessRules,
    BackupToObjectStorage {
        tenant_id: String,
        username: String,
        password: String,
        container: String,
        path: String,
    },
}

/// Drops `null`s, which the old release sent as absent fields.
fn compact(mut v: Value) -> Value {
    if let Value::Object(map) = &mut v {
        map.retain(|_, x| !x.is_null());
        for x in map.values_mut() {
            *x = compact(std::mem::take(x));
        }
    }
    v
}

/// The typed call an old `Command` stood for: the body the 2026-11-30
/// release built from it (`domain::instances::act_now` of that release).
pub fn from_command(old: &Value) -> anyhow::Result<Call> {
    let legacy: Legacy = serde_json::from_value(old.clone()).context("the stored call is in no form pgdeck has written")?;
    let (name, args) = match legacy {
        Legacy::DeletionProtection { id, on } => ("modify_deletion_protection", json!({"id": id, "body": {"useDeletionProtection": on}})),
        Legacy::Instance { id, what } => {
            let body = |b: Value| json!({"id": id, "body": compact(b)});
            match what {
                Action::Start => ("start_db_instance", json!({"id": id})),
                Action::Stop => ("stop_db_instance", json!({"id": id})),
                Action::ForceRestart => ("force_restart_db_instance", json!({"id": id})),
                Action::Delete => ("delete_db_instance", json!({"id": id})),
                Action::Promote => ("promote_db_instance", json!({"id": id})),
                Action::HaPause => ("pause_high_availability", json!({"id": id})),
                Action::HaResume => ("resume_high_availability", json!({"id": id})),
                Action::HaRepair => ("repair_high_availability", json!({"id": id})),
                Action::HaSplit => ("split_high_availability", json!({"id": id})),
                Action::ApplyAccessRules => ("apply_hba_rules", json!({"id": id})),
                Action::Restart { online_failover, backup_first } => {
                    ("restart_db_instance", body(json!({"useOnlineFailover": online_failover, "executeBackup": backup_first})))
                }
                Action::Backup { name } => ("backup_db_instance", body(json!({"backupName": name}))),
                Action::Describe { description } => ("modify_db_instance", body(json!({"description": description}))),
                Action::Modify { name, description, port, flavor_id, parameter_group_id, security_group_ids, backup_first } => (
                    "modify_db_instance",
                    body(json!({"dbInstanceName": name, "description": description, "dbPort": port, "dbFlavorId": flavor_id,
                        "parameterGroupId": parameter_group_id, "dbSecurityGroupIds": security_group_ids,
                        "executeBackup": backup_first.then_some(true)})),
                ),
                Action::GrowStorage { size } => ("modify_storage_info", body(json!({"storageSize": size}))),
                Action::PublicAccess { on } => ("modify_network_info", body(json!({"usePublicAccess": on}))),
                Action::DeletionProtection { on } => ("modify_deletion_protection", body(json!({"useDeletionProtection": on}))),
                Action::ApplyParameterGroup { backup_first } => {
                    ("apply_recent_parameter_group", body(json!({"executeBackup": backup_first})))
                }
                Action::CreateDatabase { name } => ("create_database", body(json!({"databaseName": name}))),
                Action::RenameDatabase { database_id, name, apply_hba } => (
                    "modify_database",
                    json!({"id": id, "database_id": database_id, "body": {"databaseName": name, "applyHbaRulesImmediately": apply_hba}}),
                ),
                Action::DeleteDatabase { database_id } => ("delete_database", json!({"id": id, "database_id": database_id})),
                Action::CreateUser { name, password, authority, default_hba, address } => (
                    "create_db_user",
                    body(json!({"dbUserName": name, "dbPassword": password, "authorityType": authority,
                        "createDefaultHbaRules": default_hba, "address": address.filter(|a| !a.trim().is_empty())})),
                ),
                Action::DeleteUser { db_user_id } => ("delete_db_user", json!({"id": id, "db_user_id": db_user_id})),
                Action::ModifyUser { db_user_id, password, authority } => (
                    "modify_db_user",
                    json!({"id": id, "db_user_id": db_user_id, "body": compact(json!({
                        "dbPassword": password.filter(|p| !p.is_empty()),
                        "authorityType": authority.filter(|a| !a.is_empty())}))}),
                ),
                Action::Replicate { name, description, flavor_id, port, parameter_group_id, deletion_protection } => (
                    "replicate_db_instance",
                    body(json!({"dbInstanceName": name, "description": description.filter(|d| !d.is_empty()), "dbFlavorId": flavor_id,
                        "dbPort": port, "parameterGroupId": parameter_group_id,
                        "useDeletionProtection": deletion_protection.then_some(true)})),
                ),
                Action::Ha { on, ping_interval, failover_wait } => (
                    "modify_high_availability",
                    body(json!({"useHighAvailability": on, "pingInterval": ping_interval.filter(|_| on),
                        "failoverReplWaitingTime": failover_wait.filter(|_| on)})),
                ),
                Action::BackupSettings { period, retry_count, begin_time, duration } => (
                    "modify_backup_info",
                    body(json!({"backupPeriod": period, "backupRetryCount": retry_count,
                        "backupSchedules": [{"backupWndBgnTime": begin_time, "backupWndDuration": duration}]})),
                ),
                Action::Maintenance { begin_time, duration, allow_auto, auto_storage_cleanup } => (
                    "modify_maintenance_info",
                    body(json!({"allowAutoMaintenance": allow_auto, "useAutoStorageCleanup": auto_storage_cleanup,
                        "maintWndBgnTime": begin_time, "maintWndDuration": duration})),
                ),
                Action::BackupToObjectStorage { tenant_id, username, password, container, path } => (
                    "backup_to_object_storage",
                    body(json!({"tenantId": tenant_id, "username": username, "password": password,
                        "targetContainer": container, "objectPath": path})),
                ),
            }
        }
    };
    let wanted = json!({ name: args });
    let call: Call = serde_json::from_value(wanted.clone()).with_context(|| format!("{name}: the old call does not fit today's"))?;
    // Nothing the old call said may be dropped on the way.
    let kept = serde_json::to_value(&call)?;
    if let Some(lost) = missing(&wanted, &kept) {
        anyhow::bail!("{name}: the old call's {lost} has no place in today's");
    }
    Ok(call)
}

/// The first field of `wanted` that `kept` does not hold with the same value
/// (a `false` or empty field may be left out).
fn missing(wanted: &Value, kept: &Value) -> Option<String> {
    match (wanted, kept) {
        (Value::Object(w), Value::Object(k)) => w.iter().find_map(|(name, v)| match k.get(name) {
            // Today's types leave out what says nothing (false, empty).
            None if matches!(v, Value::Bool(false) | Value::Null) || v.as_array().is_some_and(Vec::is_empty) => None,
            None => Some(name.clone()),
            Some(kv) => missing(v, kv).map(|inner| format!("{name}.{inner}")),
        }),
        (Value::Array(w), Value::Array(k)) if w.len() == k.len() => w.iter().zip(k).find_map(|(a, b)| missing(a, b)),
        (w, k) if w == k => None,
        _ => Some("value".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One old command per action of the 2026-11-30 release, as it stored them.
    fn every_old_command() -> Vec<Value> {
        let id = "7a54b2c2-4260-4f2a-f3e7-90f99bcbf57b";
        let what = [
            json!("Start"),
            json!("Stop"),
            json!({"Restart": {"online_failover": true, "backup_first": false}}),
            json!("ForceRestart"),
            json!({"Backup": {"name": "nightly"}}),
            json!("Delete"),
            json!({"Describe": {"description": "orders"}}),
            json!({"Modify": {"name": "orders-2", "description": null, "port": 15432, "flavor_id": "f-1", "parameter_group_id": null,
                "security_group_ids": ["sg-1", "sg-2"], "backup_first": true}}),
            json!({"GrowStorage": {"size": 200}}),
            json!({"PublicAccess": {"on": true}}),
            json!({"DeletionProtection": {"on": false}}),
            json!({"ApplyParameterGroup": {"backup_first": true}}),
            json!({"CreateDatabase": {"name": "reports"}}),
            json!({"RenameDatabase": {"database_id": "d-1", "name": "reports2", "apply_hba": true}}),
            json!({"DeleteDatabase": {"database_id": "d-1"}}),
            json!({"CreateUser": {"name": "reader", "dbPassword": "S3cret-pass", "authority": "CRUD", "default_hba": true, "address": "10.0.0.0/8"}}),
            json!({"DeleteUser": {"db_user_id": "u-1"}}),
            json!({"Replicate": {"name": "orders-replica", "description": "", "flavor_id": null, "port": null, "parameter_group_id": "pg-1",
                "deletion_protection": true}}),
            json!("Promote"),
            json!("HaPause"),
            json!("HaResume"),
            json!("HaRepair"),
            json!("HaSplit"),
            json!({"Ha": {"on": true, "ping_interval": 6, "failover_wait": -1}}),
            json!({"BackupSettings": {"period": 7, "retry_count": 2, "begin_time": "03:00:00", "duration": "ONE_HOUR"}}),
            json!({"Maintenance": {"begin_time": "04:00:00", "duration": "HALF_AN_HOUR", "allow_auto": true, "auto_storage_cleanup": false}}),
            json!({"ModifyUser": {"db_user_id": "u-1", "dbPassword": "N3w-pass", "authority": ""}}),
            json!("ApplyAccessRules"),
            json!({"BackupToObjectStorage": {"tenant_id": "t", "username": "u", "password": "os-secret", "container": "c", "path": "/p"}}),
        ];
        let mut all: Vec<Value> = what.into_iter().map(|w| json!({"Instance": {"id": id, "what": w}})).collect();
        all.push(json!({"DeletionProtection": {"id": id, "on": true}}));
        all
    }

    #[test]
    fn every_old_command_becomes_the_call_it_stood_for_with_nothing_dropped() {
        let all = every_old_command();
        let mut names: Vec<&str> = Vec::new();
        for old in &all {
            let call = from_command(old).unwrap_or_else(|e| panic!("{old}: {e:#}"));
            assert_eq!(call.target_id(), "7a54b2c2-4260-4f2a-f3e7-90f99bcbf57b", "{old}");
            names.push(call.name());
        }
        assert_eq!(names.len(), 30);
        let distinct: std::collections::BTreeSet<_> = names.iter().collect();
        assert_eq!(distinct.len(), 28, "each action its own endpoint (Describe and Modify share one, as do the two deletion protections)");
    }

    #[test]
    fn the_bodies_are_those_the_old_release_sent() {
        let id = "i-1";
        let call = |w: Value| serde_json::to_value(from_command(&json!({"Instance": {"id": id, "what": w}})).unwrap()).unwrap();
        assert_eq!(call(json!("Stop")), json!({"stop_db_instance": {"id": id}}));
        assert_eq!(
            call(
                json!({"CreateUser": {"name": "reader", "dbPassword": "pw-1", "authority": "CRUD", "default_hba": false, "address": null}})
            ),
            json!({"create_db_user": {"id": id, "body": {"dbUserName": "reader", "dbPassword": "pw-1", "authorityType": "CRUD", "createDefaultHbaRules": false}}})
        );
        assert_eq!(call(json!({"DeleteDatabase": {"database_id": "d-9"}})), json!({"delete_database": {"id": id, "database_id": "d-9"}}));
        assert_eq!(
            call(json!({"Restart": {"online_failover": false, "backup_first": true}})),
            json!({"restart_db_instance": {"id": id, "body": {"executeBackup": true}}})
        );
    }

    #[test]
    fn a_form_pgdeck_never_wrote_is_refused_not_guessed() {
        assert!(from_command(&json!({"Instance": {"id": "i", "what": "Explode"}})).is_err());
        assert!(from_command(&json!({"Something": {}})).is_err());
        assert!(from_command(&json!({"Instance": {"id": "i", "what": {"Backup": {}}}})).is_err());
    }
}
