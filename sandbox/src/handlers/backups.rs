//! Backups: settings, manual backups, exports, restores, the backup list.

use super::*;

pub fn backup_info(w: &mut World, id: DbInstanceId) -> Answer {
    let id = id.0;
    ok(inst(w, &id)?.backup.clone())
}

pub fn modify_backup_info(w: &mut World, id: DbInstanceId, body: ModifyBackupInfo) -> Answer {
    let id = id.0;
    let r: ModifyBackupInfo = body;
    valid(&r)?;
    ready(w, &id, &[])?;
    let target = id.clone();
    instance_job(w, &id, ProgressStatus::Modifying, ("", ""), move |w| {
        if let Some(i) = w.instance_mut(&target) {
            if let Some(v) = r.backup_period {
                i.backup.backup_period = v;
            }
            if let Some(v) = r.backup_retry_count {
                i.backup.backup_retry_count = v;
            }
            if let Some(v) = r.backup_schedules {
                i.backup.backup_schedules = v;
            }
        }
    })
}

pub fn restoration_info(w: &mut World, id: DbInstanceId) -> Answer {
    let id = id.0;
    inst(w, &id)?;
    let window = restore_window(w, &id);
    let backups = w
        .backups
        .iter()
        .filter(|b| b.db_instance_id.as_str() == id && b.backup_status == Some(BackupStatus::Completed))
        .map(|b| RestorableBackup { backup: b.clone() })
        .collect();
    ok(RestorationInfo {
        oldest_restorable_ymdt: window.map(|(o, _)| Timestamp::from_unix(o, KST_MINUTES)),
        latest_restorable_ymdt: window.map(|(_, l)| Timestamp::from_unix(l, KST_MINUTES)),
        restorable_backups: backups,
    })
}

pub fn restore_db_instance(w: &mut World, id: DbInstanceId, body: RestoreDbInstance) -> Answer {
    let id = id.0;
    let r: RestoreDbInstance = body;
    valid(&r)?;
    let source = inst(w, &id)?.clone();
    if r.restore.restore_type == Some(RestoreType::Timestamp) {
        let at = r.restore.restore_ymdt.as_deref().and_then(rds::datetime::parse_rfc3339_lenient).unwrap_or(0);
        match restore_window(w, &id) {
            Some((oldest, latest)) if at >= oldest && at <= latest => {}
            Some((oldest, latest)) => {
                return Err(ApiError::invalid(ValidationError::new(
                    "restore.restoreYmdt",
                    format!(
                        "must be within the restorable window {} – {}",
                        rds::datetime::format_unix(oldest, KST_MINUTES),
                        rds::datetime::format_unix(latest, KST_MINUTES)
                    ),
                )))
            }
            None => return Err(ApiError::state("This DB instance has no backup to restore from")),
        }
    } else {
        let b = r.restore.backup_id.clone().unwrap_or_default();
        if !w.backups.iter().any(|x| x.backup_id == b && x.db_instance_id.as_str() == id) {
            return Err(ApiError::not_found("Backup", b.as_str()));
        }
    }
    restore_into(w, &r.target, &source.detail.db_version, Some(&source))
}

pub fn backup_db_instance(w: &mut World, id: DbInstanceId, body: BackupDbInstance) -> Answer {
    let id = id.0;
    let r: BackupDbInstance = body;
    valid(&r)?;
    ready(w, &id, AVAILABLE)?;
    let backup_id = take_backup(w, &id, BackupType::Manual, Some(&r.backup_name));
    let target = id.clone();
    instance_job(w, &id, ProgressStatus::BackingUp, ("DB_INSTANCE_07_00", "DB_INSTANCE_07_01"), move |w| {
        finish_backup(w, &backup_id);
        let _ = target;
    })
}

pub fn backup_to_object_storage(w: &mut World, id: DbInstanceId, body: ObjectStorageTarget) -> Answer {
    let id = id.0;
    let r: ObjectStorageTarget = body;
    valid(&r)?;
    ready(w, &id, AVAILABLE)?;
    let backup_id = take_backup(w, &id, BackupType::Manual, Some("object-storage-export"));
    instance_job(w, &id, ProgressStatus::ExportingBackup, ("DB_INSTANCE_52_00", "DB_INSTANCE_52_01"), move |w| finish_backup(w, &backup_id))
}

pub fn backups(w: &mut World, query: BackupQuery) -> Answer {
    valid(&query)?;
    let mut all: Vec<Backup> = w
        .backups
        .iter()
        .filter(|b| query.backup_type.as_ref().is_none_or(|t| b.backup_type.as_ref() == Some(t)))
        .filter(|b| query.db_instance_id.as_ref().is_none_or(|i| &b.db_instance_id == i))
        .filter(|b| query.db_version.as_ref().is_none_or(|v| rds::versions::same(&b.db_version, v)))
        .cloned()
        .collect();
    all.sort_by_key(|b| std::cmp::Reverse(b.created_ymdt.as_ref().and_then(Timestamp::unix)));
    ok(Backups { total_counts: all.len() as u64, backups: paged(&all, query.page, query.size) })
}

pub fn export_backup(w: &mut World, backup_id: BackupId, body: ObjectStorageTarget) -> Answer {
    let id = backup_id.0;
    let r: ObjectStorageTarget = body;
    valid(&r)?;
    let b = backup(w, &id)?;
    if b.backup_status != Some(BackupStatus::Completed) {
        return Err(ApiError::state("Only a completed backup can be exported"));
    }
    let name = b.backup_name.clone();
    w.event("BACKUP_05_00", &id, &name);
    let target = id.clone();
    let job =
        start_job(w, vec![(ResourceType::Backup, id.clone())], Box::new(move |w: &mut World| w.event("BACKUP_05_01", &target, &name)));
    job_answer(job)
}

pub fn restore_backup(w: &mut World, backup_id: BackupId, body: RestoreBackup) -> Answer {
    let id = backup_id.0;
    let r: RestoreBackup = body;
    valid(&r)?;
    let b = backup(w, &id)?.clone();
    if b.backup_status != Some(BackupStatus::Completed) {
        return Err(ApiError::state("Only a completed backup can be restored"));
    }
    let source = w.instance(b.db_instance_id.as_str()).cloned();
    restore_into(w, &r, &b.db_version, source.as_ref())
}

pub fn delete_backup(w: &mut World, backup_id: BackupId) -> Answer {
    let id = backup_id.0;
    let b = backup(w, &id)?;
    if b.backup_status != Some(BackupStatus::Completed) && b.backup_status != Some(BackupStatus::Error) {
        return Err(ApiError::state("The backup is still in progress"));
    }
    let name = b.backup_name.clone();
    if let Some(b) = w.backups.iter_mut().find(|b| b.backup_id.as_str() == id) {
        b.backup_status = Some(BackupStatus::Deleting);
    }
    let target = id.clone();
    let job = start_job(
        w,
        vec![(ResourceType::Backup, id.clone())],
        Box::new(move |w: &mut World| {
            w.backups.retain(|b| b.backup_id.as_str() != target);
            w.event("BACKUP_02_01", &target, &name);
        }),
    );
    job_answer(job)
}

/// Adds a backup in `BACKING_UP` for an instance; returns its id.
pub(super) fn take_backup(w: &mut World, instance: &str, kind: BackupType, name: Option<&str>) -> BackupId {
    let (iname, version) =
        w.instance(instance).map(|i| (i.detail.db_instance_name.clone(), i.detail.db_version.clone())).unwrap_or_default();
    let mut b = backup_record(instance, &iname, &version, kind, name.unwrap_or(&format!("{iname}-{}", unix_now())), 0, 0);
    b.backup_status = Some(BackupStatus::BackingUp);
    b.completed_ymdt = None;
    b.created_ymdt = Some(ts_now());
    b.start_ymdt = Some(ts_now());
    let id = b.backup_id.clone();
    w.backups.push(b);
    id
}

pub(super) fn finish_backup(w: &mut World, id: &BackupId) {
    let storage = w
        .backups
        .iter()
        .find(|b| &b.backup_id == id)
        .and_then(|b| w.instance(b.db_instance_id.as_str()))
        .map(|i| i.storage.storage_size)
        .unwrap_or(20);
    if let Some(b) = w.backups.iter_mut().find(|b| &b.backup_id == id) {
        b.backup_status = Some(BackupStatus::Completed);
        b.backup_size = u64::from(storage) * 2_000_000 + 4_996_786;
        b.completed_ymdt = Some(ts_now());
        b.updated_ymdt = Some(ts_now());
    }
}

/// Restores into a new instance (`BEFORE_CREATE`/`RESTORING` → `AVAILABLE`).
pub(super) fn restore_into(w: &mut World, r: &RestoreTarget, version: &str, source: Option<&Instance>) -> Answer {
    check_flavor(w, &r.db_flavor_id)?;
    check_parameter_group(w, &r.parameter_group_id, version)?;
    check_security_groups(w, &r.db_security_group_ids)?;
    check_user_groups(w, &r.user_group_ids)?;
    let subnet = check_network(w, &r.network)?;
    check_storage_type(w, r.storage.storage_type.as_deref().unwrap_or(""))?;
    unique_name(w, &r.db_instance_name)?;
    let mut i = build_instance(
        w,
        &r.db_instance_name,
        r.description.clone(),
        version,
        r.db_port,
        &r.db_flavor_id,
        &r.parameter_group_id,
        r.db_security_group_ids.clone(),
        r.user_group_ids.clone(),
        &r.network,
        subnet,
        &r.storage,
        &r.backup,
        r.use_deletion_protection.unwrap_or(false),
        ProgressStatus::Restoring,
    );
    if let Some(s) = source {
        i.databases = s.databases.clone();
        i.users = s.users.clone();
    }
    let new_id = i.detail.db_instance_id.0.clone();
    let name = i.detail.db_instance_name.clone();
    w.group_created.insert(i.detail.db_instance_group_id.clone(), ts_now());
    w.instances.push(i);
    w.event("DB_INSTANCE_08_00", &new_id, &name);
    let job = start_job(w, vec![(ResourceType::DbInstance, new_id.clone())], become_available(new_id, "DB_INSTANCE_08_01"));
    job_answer(job)
}

pub(super) fn backup<'a>(w: &'a World, id: &str) -> Result<&'a Backup, ApiError> {
    w.backups.iter().find(|b| b.backup_id.as_str() == id).ok_or_else(|| ApiError::not_found("Backup", id))
}

pub(super) fn restore_window(w: &World, id: &str) -> Option<(i64, i64)> {
    let oldest = w
        .backups
        .iter()
        .filter(|b| b.db_instance_id.as_str() == id && b.backup_status == Some(BackupStatus::Completed))
        .filter_map(|b| b.completed_ymdt.as_ref().and_then(Timestamp::unix))
        .min()?;
    // WAL archiving lags a few minutes; a fresh backup is restorable at once.
    Some((oldest, (unix_now() - 300).max(oldest)))
}
