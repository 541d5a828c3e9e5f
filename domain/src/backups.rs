//! Backups: the project's list, an instance's restorable window, and the
//! rules a restore must meet before it is sent.

use crate::{gateway, Context, DomainError, Reader};
use rds::types::*;
use rds::{BackupStatus, DbInstanceId, RestoreType, Timestamp, ValidationError};

use model::matched::Matched;
pub use model::RestoreChoices;

/// One page of the project's backups (or one instance's), newest first.
/// A `filter` upstream does not have is applied over every page.
pub async fn list(
    ctx: &Context,
    actor: Reader<'_>,
    query: BackupQuery,
    filter: &model::matched::BackupFilter,
) -> Result<Matched<Backup>, DomainError> {
    if let Some(id) = &query.db_instance_id {
        rds::validate::path_id("dbInstanceId", id.as_str())?;
    }
    let creds = gateway::reader(ctx, &actor).await?;
    let newest_first = |a: &Backup, b: &Backup| {
        let at = |x: &Backup| x.created_ymdt.as_ref().and_then(Timestamp::unix).unwrap_or(i64::MIN);
        at(b).cmp(&at(a))
    };
    if filter.is_empty() {
        // Upstream pages it as asked.
        let mut page = ctx.rds.backups(&creds, &query).await?;
        page.backups.sort_by(newest_first);
        return Ok(Matched { items: page.backups, total: page.total_counts, bounded: false });
    }
    let fetch = |p: u32| {
        let q = BackupQuery { page: p, size: crate::scan::UPSTREAM_PAGE, ..query.clone() };
        let creds = creds.clone();
        async move {
            let answer = ctx.rds.backups(&creds, &q).await?;
            Ok((answer.backups, answer.total_counts))
        }
    };
    crate::scan::across_pages(fetch, |b| filter.keeps(b), newest_first, query.page, query.size).await
}

/// What the restore page needs: the source instance, its restorable window
/// and backups, and the choices for the new instance (parameter groups of
/// the source's version only). With `backup` (a restore from that backup),
/// the source instance may be gone: the backup says its name and version.
pub async fn restore_choices(ctx: &Context, actor: Reader<'_>, id: &str, backup: Option<&str>) -> Result<RestoreChoices, DomainError> {
    rds::validate::path_id("id", id)?;
    if let Some(b) = backup {
        rds::validate::path_id("backup", b)?;
    }
    let creds = gateway::reader(ctx, &actor).await?;
    let iid = DbInstanceId::new(id);
    let (detail, info, choices, source_backup) = tokio::join!(
        ctx.rds.db_instance(&creds, &iid),
        ctx.rds.restoration_info(&creds, &iid),
        crate::instances::create_choices(ctx, actor),
        ctx.rds.backup_info(&creds, &iid),
    );
    let (detail, info) = match (detail, backup) {
        (Ok(d), _) => (d, info?),
        (Err(rds::client::RdsError::Api { .. }), Some(b)) => {
            let Some(found) = backup_version(ctx, &creds, b).await? else {
                return Err(DomainError::NotFound(format!("backup {b}")));
            };
            let source = DbInstanceDetail {
                db_instance_id: found.db_instance_id.clone(),
                db_instance_name: found.db_instance_name.clone().unwrap_or_else(|| found.db_instance_id.to_string()),
                db_version: found.db_version.clone(),
                db_port: 5432,
                ..Default::default()
            };
            (source, RestorationInfo { restorable_backups: vec![RestorableBackup { backup: found }], ..Default::default() })
        }
        (Err(e), _) => return Err(e.into()),
    };
    let mut choices = choices?;
    choices.parameter_groups.retain(|p| rds::versions::same(&p.db_version, &detail.db_version));
    Ok(RestoreChoices { source: detail, info, choices, source_backup: source_backup.ok() })
}

pub use model::restore::{check_time, window};

/// Refuses a parameter group of another version than the backup's.
pub fn check_version(groups: &[ParameterGroup], chosen: &str, version: &str) -> Result<(), ValidationError> {
    match groups.iter().find(|g| g.parameter_group_id.as_str() == chosen) {
        None => Err(crate::refused("parameterGroupId", "no-such-group", &[])),
        Some(g) if !rds::versions::same(&g.db_version, version) => {
            Err(crate::refused("parameterGroupId", "group-version", &[&g.parameter_group_name, &g.db_version, &version]))
        }
        Some(_) => Ok(()),
    }
}

/// A backup named for the audit log and the approval inbox: its name, its
/// instance and its age ("nightly of orders-db, taken 2026-11-28 03:00 UTC,
/// 3 days ago").
pub async fn describe(ctx: &Context, creds: &rds::client::Credentials, id: &str) -> Result<String, DomainError> {
    let Some(b) = backup_version(ctx, creds, id).await? else {
        return Ok(String::new());
    };
    let instance = b.db_instance_name.clone().unwrap_or_else(|| b.db_instance_id.to_string());
    let taken = b.created_ymdt.as_ref().and_then(Timestamp::unix);
    Ok(match taken {
        Some(t) => {
            let days = (crate::time::unix_now() - t).max(0) / 86_400;
            let at = rds::datetime::format_unix(t, 0);
            let at = at.get(..16).unwrap_or(&at).replace('T', " ");
            let age = match days {
                0 => "today".to_string(),
                1 => "1 day ago".to_string(),
                n => format!("{n} days ago"),
            };
            format!("{} of {instance}, taken {at} UTC, {age}", b.backup_name)
        }
        None => format!("{} of {instance}", b.backup_name),
    })
}

/// A backup's name and its instance's ("nightly of orders-db"), with
/// nothing that changes with the clock; empty when upstream has no such
/// backup.
pub async fn name_of(ctx: &Context, creds: &rds::client::Credentials, id: &str) -> Result<String, DomainError> {
    Ok(match backup_version(ctx, creds, id).await? {
        Some(b) => format!("{} of {}", b.backup_name, b.db_instance_name.clone().unwrap_or_else(|| b.db_instance_id.to_string())),
        None => String::new(),
    })
}

/// The version of a backup, found in the project's backup list.
async fn backup_version(ctx: &Context, creds: &rds::client::Credentials, id: &str) -> Result<Option<Backup>, DomainError> {
    let mut page = 1;
    loop {
        let q = BackupQuery { page, size: 100, ..Default::default() };
        let answer = ctx.rds.backups(creds, &q).await?;
        if let Some(b) = answer.backups.iter().find(|b| b.backup_id.as_str() == id) {
            return Ok(Some(b.clone()));
        }
        if answer.backups.len() < 100 || u64::from(page) * 100 >= answer.total_counts || page >= 50 {
            return Ok(None);
        }
        page += 1;
    }
}

/// The checks that need upstream's current state, for both restore calls
/// and for deleting a backup.
pub async fn precheck(ctx: &Context, creds: &rds::client::Credentials, call: &rds::Call) -> Result<(), DomainError> {
    use rds::Call;
    match call {
        Call::RestoreDbInstance { id, body } => {
            let all = ParameterGroupQuery::default();
            let (detail, info, groups) =
                tokio::join!(ctx.rds.db_instance(creds, id), ctx.rds.restoration_info(creds, id), ctx.rds.parameter_groups(creds, &all));
            let (detail, info, groups) = (detail?, info?, groups?);
            match body.restore.restore_type {
                Some(RestoreType::Timestamp) => check_time(&info, body.restore.restore_ymdt.as_deref().unwrap_or(""))?,
                Some(RestoreType::Backup) => {
                    let wanted = body.restore.backup_id.as_ref().map(|b| b.as_str()).unwrap_or("");
                    if !info.restorable_backups.iter().any(|r| r.backup.backup_id.as_str() == wanted) {
                        return Err(crate::refused("restore.backupId", "not-restorable", &[]).into());
                    }
                }
                _ => {}
            }
            check_version(&groups.parameter_groups, body.target.parameter_group_id.as_str(), &detail.db_version)?;
        }
        Call::RestoreBackup { backup_id, body } => {
            let Some(b) = backup_version(ctx, creds, backup_id.as_str()).await? else {
                return Err(DomainError::NotFound(format!("backup {backup_id}")));
            };
            if b.backup_status != Some(BackupStatus::Completed) {
                let state = b.backup_status.map(|s| s.as_str().to_string()).unwrap_or_default();
                return Err(crate::refused("backupId", "backup-not-completed", &[&state]).into());
            }
            let groups = ctx.rds.parameter_groups(creds, &ParameterGroupQuery::default()).await?;
            check_version(&groups.parameter_groups, body.parameter_group_id.as_str(), &b.db_version)?;
        }
        Call::DeleteBackup { backup_id } | Call::ExportBackup { backup_id, .. } => {
            let Some(b) = backup_version(ctx, creds, backup_id.as_str()).await? else {
                return Err(DomainError::NotFound(format!("backup {backup_id}")));
            };
            match b.backup_status {
                Some(BackupStatus::Deleting) | Some(BackupStatus::Deleted) => {
                    return Err(DomainError::Conflict(crate::Why::coded("backup-deleting", &[&b.backup_name])));
                }
                Some(BackupStatus::Completed) => {}
                Some(BackupStatus::Error) if matches!(call, Call::DeleteBackup { .. }) => {}
                other => {
                    let state = other.map(|s| s.as_str().to_string()).unwrap_or_else(|| "unknown".into());
                    return Err(DomainError::Conflict(crate::Why::coded("backup-not-done", &[&b.backup_name, &state])));
                }
            }
        }
        _ => {}
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info(oldest: &str, latest: &str) -> RestorationInfo {
        RestorationInfo {
            oldest_restorable_ymdt: Some(Timestamp::new(oldest)),
            latest_restorable_ymdt: Some(Timestamp::new(latest)),
            restorable_backups: Vec::new(),
        }
    }

    #[test]
    fn restore_times_outside_the_window_are_refused_with_the_window() {
        let w = info("2026-11-30T09:00:00+09:00", "2026-12-01T14:32:00+09:00");
        assert!(check_time(&w, "2026-12-01T14:00:00+09:00").is_ok());
        assert!(check_time(&w, "2026-12-01T05:32:00Z").is_ok(), "the latest instant itself, in UTC");
        let e = check_time(&w, "2026-12-01T14:33:00+09:00").unwrap_err();
        assert_eq!(e.field, "restore.restoreYmdt");
        assert!(e.reason.contains("2026-11-30T00:00:00") && e.reason.contains("2026-12-01T05:32:00"), "{}", e.reason);
        assert!(check_time(&w, "2026-11-30T08:59:59+09:00").is_err());
        assert!(check_time(&w, "yesterday").unwrap_err().reason.contains("date and time"));
        assert!(check_time(&RestorationInfo::default(), "2026-12-01T14:00:00+09:00").unwrap_err().reason.contains("no restorable window"));
    }

    #[test]
    fn a_parameter_group_of_another_version_is_refused() {
        let g = |id: &str, v: &str| ParameterGroup {
            parameter_group_id: rds::ParameterGroupId::new(id),
            parameter_group_name: format!("pg-{id}"),
            db_version: v.into(),
            ..Default::default()
        };
        let groups = [g("a", "POSTGRESQL_V176"), g("b", "POSTGRESQL_V156")];
        assert!(check_version(&groups, "a", "POSTGRESQL_V176").is_ok());
        let e = check_version(&groups, "b", "POSTGRESQL_V176").unwrap_err();
        assert_eq!(e.field, "parameterGroupId");
        assert!(e.reason.contains("POSTGRESQL_V156") && e.reason.contains("POSTGRESQL_V176"), "{}", e.reason);
        assert!(check_version(&groups, "zzz", "POSTGRESQL_V176").is_err());
    }
}
