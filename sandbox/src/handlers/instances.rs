//! DB instances and their groups: the list, create, modify, start, stop, restart, replicate, promote, delete.

use super::*;

pub fn db_instance_groups(w: &mut World) -> Answer {
    let groups = groups_in_order(w)
        .iter()
        .map(|g| {
            let d = group_answer(w, g);
            DbInstanceGroup {
                db_instance_group_id: d.db_instance_group_id,
                db_instance_group_status: d.db_instance_group_status,
                replication_type: d.replication_type,
                created_ymdt: d.created_ymdt,
                updated_ymdt: d.updated_ymdt,
            }
        })
        .collect();
    ok(DbInstanceGroups { db_instance_groups: groups })
}

pub fn db_instance_group(w: &mut World, group_id: DbInstanceGroupId) -> Answer {
    let id = group_id.0;
    let g = DbInstanceGroupId::new(id.clone());
    if w.group_members(&id).is_empty() {
        return Err(ApiError::not_found("DB instance group", &id));
    }
    ok(group_answer(w, &g))
}

pub fn db_instances(w: &mut World) -> Answer {
    ok(DbInstances { db_instances: w.instances.iter().map(Instance::summary).collect() })
}

pub fn db_instance(w: &mut World, id: DbInstanceId) -> Answer {
    let id = id.0;
    // The notification groups an instance belongs to are those
    // watching it: one source of truth, as upstream keeps it.
    let mut d = inst(w, &id)?.detail.clone();
    d.notification_group_ids = w
        .notification_groups
        .iter()
        .filter(|g| g.db_instances.iter().any(|i| i.db_instance_id.as_str() == id))
        .map(|g| g.notification_group_id.clone())
        .collect();
    ok(d)
}

pub fn create_db_instance(w: &mut World, body: CreateDbInstance) -> Answer {
    let r: CreateDbInstance = body;
    valid(&r)?;
    check_flavor(w, &r.db_flavor_id)?;
    check_version(w, &r.db_version)?;
    check_parameter_group(w, &r.parameter_group_id, &r.db_version)?;
    check_security_groups(w, &r.db_security_group_ids)?;
    check_user_groups(w, &r.user_group_ids)?;
    let subnet = check_network(w, &r.network)?;
    check_storage_type(w, r.storage.storage_type.as_deref().unwrap_or(""))?;
    unique_name(w, &r.db_instance_name)?;
    let mut i = build_instance(
        w,
        &r.db_instance_name,
        r.description.clone(),
        &r.db_version,
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
        ProgressStatus::Creating,
    );
    i.databases = vec![database(&r.database_name)];
    i.users = vec![db_user(&r.db_user_name, AuthorityType::Ddl)];
    if r.use_high_availability == Some(true) {
        i.ha = HighAvailability {
            use_high_availability: true,
            ha_status: Some(HaStatus::Created),
            ping_interval: Some(r.ping_interval.unwrap_or(3)),
            failover_repl_waiting_time: Some(r.failover_repl_waiting_time.unwrap_or(0)),
        };
    }
    let new_id = i.detail.db_instance_id.0.clone();
    let name = i.detail.db_instance_name.clone();
    w.group_created.insert(i.detail.db_instance_group_id.clone(), ts_now());
    w.instances.push(i);
    w.event("DB_INSTANCE_01_00", &new_id, &name);
    let ha = r.use_high_availability == Some(true);
    let done = become_available(new_id.clone(), "DB_INSTANCE_01_01");
    let target = new_id.clone();
    let job = start_job(
        w,
        vec![(ResourceType::DbInstance, new_id)],
        Box::new(move |w: &mut World| {
            done(w);
            if ha {
                if let Some(i) = w.instance_mut(&target) {
                    i.ha.ha_status = Some(HaStatus::Stable);
                }
                add_candidate(w, &target);
            }
        }),
    );
    job_answer(job)
}

pub fn modify_db_instance(w: &mut World, id: DbInstanceId, body: ModifyDbInstance) -> Answer {
    let id = id.0;
    let r: ModifyDbInstance = body;
    valid(&r)?;
    if let Some(f) = &r.db_flavor_id {
        check_flavor(w, f)?;
    }
    let version = inst(w, &id)?.detail.db_version.clone();
    if let Some(pg) = &r.parameter_group_id {
        check_parameter_group(w, pg, &version)?;
    }
    if let Some(sgs) = &r.db_security_group_ids {
        check_security_groups(w, sgs)?;
    }
    if let Some(n) = &r.db_instance_name {
        if w.instances.iter().any(|i| &i.detail.db_instance_name == n && i.detail.db_instance_id.as_str() != id) {
            return Err(ApiError::new(codes::INVALID, format!("Invalid parameter: dbInstanceName: an instance named {n} already exists")));
        }
    }
    ready(w, &id, AVAILABLE)?;
    let target = id.clone();
    let backup = (r.execute_backup == Some(true)).then(|| backup_first(w, &id));
    instance_job(w, &id, ProgressStatus::Modifying, ("DB_INSTANCE_09_00", "DB_INSTANCE_09_01"), move |w| {
        if let Some(b) = &backup {
            finish_backup(w, b);
        }
        if let Some(i) = w.instance_mut(&target) {
            let d = &mut i.detail;
            if let Some(v) = r.db_instance_name {
                d.db_instance_name = v;
            }
            if let Some(v) = r.description {
                d.description = Some(v);
            }
            if let Some(v) = r.db_port {
                d.db_port = v;
            }
            if let Some(v) = r.db_flavor_id {
                d.db_flavor_id = v;
            }
            if let Some(v) = r.parameter_group_id {
                d.parameter_group_id = v;
                d.need_to_apply_parameter_group = false;
            }
            if let Some(v) = r.db_security_group_ids {
                d.db_security_group_ids = v;
            }
        }
        if let Some(group) = w.instance(&target).map(|i| i.detail.parameter_group_id.clone()) {
            settle_parameter_group(w, &group);
        }
    })
}

pub fn storage_info(w: &mut World, id: DbInstanceId) -> Answer {
    let id = id.0;
    ok(inst(w, &id)?.storage.clone())
}

pub fn modify_storage_info(w: &mut World, id: DbInstanceId, body: ModifyStorage) -> Answer {
    let id = id.0;
    let r: ModifyStorage = body;
    valid(&r)?;
    let current = inst(w, &id)?.storage.storage_size;
    StorageSize::grow(current, r.storage_size).map_err(ApiError::invalid)?;
    ready(w, &id, AVAILABLE)?;
    let target = id.clone();
    instance_job(w, &id, ProgressStatus::Modifying, ("DB_INSTANCE_13_00", "DB_INSTANCE_13_01"), move |w| {
        if let Some(i) = w.instance_mut(&target) {
            i.storage.storage_size = r.storage_size;
        }
    })
}

pub fn network_info(w: &mut World, id: DbInstanceId) -> Answer {
    let id = id.0;
    ok(inst(w, &id)?.network.clone())
}

pub fn modify_network_info(w: &mut World, id: DbInstanceId, body: ModifyNetwork) -> Answer {
    let id = id.0;
    let r: ModifyNetwork = body;
    ready(w, &id, AVAILABLE)?;
    let target = id.clone();
    let event = if r.use_public_access { "DB_INSTANCE_14_01" } else { "DB_INSTANCE_15_01" };
    instance_job(w, &id, ProgressStatus::Modifying, ("", event), move |w| {
        if let Some(i) = w.instance_mut(&target) {
            i.network.subnet.public_accessible = r.use_public_access;
            let host =
                i.network.end_points.first().and_then(|e| e.ip_address.rsplit('.').next()).and_then(|h| h.parse().ok()).unwrap_or(50);
            i.network.end_points = endpoints_for(&target, host, r.use_public_access);
        }
    })
}

pub fn modify_deletion_protection(w: &mut World, id: DbInstanceId, body: DeletionProtection) -> Answer {
    let id = id.0;
    let r: DeletionProtection = body;
    let i = inst_mut(w, &id)?;
    i.detail.use_deletion_protection = r.use_deletion_protection;
    i.detail.updated_ymdt = Some(ts_now());
    empty()
}

pub fn maintenance_info(w: &mut World, id: DbInstanceId) -> Answer {
    let id = id.0;
    ok(inst(w, &id)?.maintenance.clone())
}

/// Answers a job, as the current guide says (docs/upstream-api.md): the
/// instance is busy until it ends.
pub fn modify_maintenance_info(w: &mut World, id: DbInstanceId, r: MaintenanceInfo) -> Answer {
    let id = id.0;
    valid(&r)?;
    ready(w, &id, &[])?;
    let kept = inst(w, &id)?.maintenance.log_retention_period;
    if w.maintenance_without_job {
        let i = inst_mut(w, &id)?;
        i.maintenance = MaintenanceInfo { log_retention_period: r.log_retention_period.or(kept), ..r };
        return empty();
    }
    let owned = id.clone();
    instance_job(w, &id, ProgressStatus::Modifying, ("", ""), move |w| {
        if let Some(i) = w.instance_mut(&owned) {
            i.maintenance = MaintenanceInfo { log_retention_period: r.log_retention_period.or(kept), ..r };
        }
    })
}

pub fn available_db_versions(w: &mut World, id: DbInstanceId) -> Answer {
    let id = id.0;
    let current = inst(w, &id)?.detail.db_version.clone();
    let rank = |v: &str| rds::versions::parts(v).map_or(0, |(major, minor)| major * 1000 + minor);
    let versions = w.versions.iter().filter(|v| rank(&v.db_version) >= rank(&current)).cloned().collect();
    ok(DbVersions { db_versions: versions })
}

pub fn delete_db_instance(w: &mut World, id: DbInstanceId) -> Answer {
    let id = id.0;
    let i = inst(w, &id)?;
    if i.detail.use_deletion_protection {
        return Err(ApiError::new(codes::DELETION_PROTECTED, "Deletion protection is enabled on this DB instance; turn it off first"));
    }
    let group = i.detail.db_instance_group_id.clone();
    if i.detail.db_instance_type == Some(DbInstanceType::Master)
        && w.group_members(group.as_str()).iter().any(|m| m.detail.db_instance_type == Some(DbInstanceType::ReadOnlySlave))
    {
        return Err(ApiError::state("Delete the read replicas of this DB instance first"));
    }
    ready(w, &id, &[])?;
    let target = id.clone();
    let i = inst_mut(w, &id)?;
    i.set_progress(ProgressStatus::Deleting);
    let name = i.detail.db_instance_name.clone();
    let ha = i.ha.use_high_availability;
    w.event("DB_INSTANCE_06_00", &id, &name);
    let job = start_job(
        w,
        vec![(ResourceType::DbInstance, id.clone())],
        Box::new(move |w: &mut World| {
            w.instances.retain(|i| i.detail.db_instance_id.as_str() != target);
            if ha {
                remove_candidates(w, &group);
            }
            w.event("DB_INSTANCE_06_01", &target, &name);
        }),
    );
    job_answer(job)
}

pub fn restart_db_instance(w: &mut World, id: DbInstanceId, body: RestartDbInstance) -> Answer {
    let id = id.0;
    let r: RestartDbInstance = body;
    let i = ready(w, &id, AVAILABLE)?;
    if r.use_online_failover && !i.ha.use_high_availability {
        return Err(ApiError::invalid(ValidationError::new(
            "useOnlineFailover",
            "is only available on a DB instance with high availability",
        )));
    }
    let target = id.clone();
    let ev = if r.use_online_failover { "DB_INSTANCE_41_01" } else { "DB_INSTANCE_02_01" };
    let backup = r.execute_backup.then(|| backup_first(w, &id));
    let _ = &target;
    instance_job(w, &id, ProgressStatus::Restarting, ("", ev), move |w| {
        if let Some(b) = &backup {
            finish_backup(w, b);
        }
    })
}

pub fn force_restart_db_instance(w: &mut World, id: DbInstanceId) -> Answer {
    let id = id.0;
    ready(w, &id, &[DbInstanceStatus::Available, DbInstanceStatus::FailToConnect, DbInstanceStatus::StorageFull])?;
    // Answered without a job: the restart still takes time upstream.
    instance_job(w, &id, ProgressStatus::RestartingForcibly, ("DB_INSTANCE_03_00", "DB_INSTANCE_02_01"), |_| {})?;
    empty()
}

pub fn start_db_instance(w: &mut World, id: DbInstanceId) -> Answer {
    let id = id.0;
    ready(w, &id, &[DbInstanceStatus::Shutdown])?;
    let target = id.clone();
    instance_job(w, &id, ProgressStatus::Starting, ("", "DB_INSTANCE_02_01"), move |w| {
        if let Some(i) = w.instance_mut(&target) {
            i.set_status(DbInstanceStatus::Available);
        }
    })
}

pub fn stop_db_instance(w: &mut World, id: DbInstanceId) -> Answer {
    let id = id.0;
    ready(w, &id, AVAILABLE)?;
    let target = id.clone();
    instance_job(w, &id, ProgressStatus::Stopping, ("DB_INSTANCE_04_00", "DB_INSTANCE_04_01"), move |w| {
        if let Some(i) = w.instance_mut(&target) {
            i.set_status(DbInstanceStatus::Shutdown);
        }
    })
}

/// The backup a member asked for before a change ("back up first"): taken
/// as the job starts, as a manual backup named after the instance, and
/// completed when the job ends.
fn backup_first(w: &mut World, instance: &str) -> BackupId {
    take_backup(w, instance, BackupType::Manual, None)
}

/// A parameter group is `STABLE` again once no instance using it waits to
/// apply it.
pub(super) fn settle_parameter_group(w: &mut World, group: &ParameterGroupId) {
    let waiting = w.instances.iter().any(|i| &i.detail.parameter_group_id == group && i.detail.need_to_apply_parameter_group);
    if let Some(g) = w.parameter_groups.iter_mut().find(|g| &g.detail.parameter_group_id == group) {
        if !waiting && g.detail.parameter_group_status == Some(ParameterGroupStatus::NeedToApply) {
            g.detail.parameter_group_status = Some(ParameterGroupStatus::Stable);
        }
    }
}

pub fn apply_recent_parameter_group(w: &mut World, id: DbInstanceId, body: ApplyParameterGroup) -> Answer {
    let id = id.0;
    let r: ApplyParameterGroup = body;
    ready(w, &id, AVAILABLE)?;
    let target = id.clone();
    let backup = r.execute_backup.then(|| backup_first(w, &id));
    instance_job(w, &id, ProgressStatus::ApplyingParameterGroup, ("DB_INSTANCE_24_00", "DB_INSTANCE_24_01"), move |w| {
        if let Some(b) = &backup {
            finish_backup(w, b);
        }
        let group = w.instance_mut(&target).map(|i| {
            i.detail.need_to_apply_parameter_group = false;
            i.detail.parameter_group_id.clone()
        });
        if let Some(group) = group {
            settle_parameter_group(w, &group);
        }
    })
}

pub fn replicate_db_instance(w: &mut World, id: DbInstanceId, body: ReplicateDbInstance) -> Answer {
    let id = id.0;
    let r: ReplicateDbInstance = body;
    valid(&r)?;
    if let Some(f) = &r.db_flavor_id {
        check_flavor(w, f)?;
    }
    if let Some(s) = &r.db_security_group_ids {
        check_security_groups(w, s)?;
    }
    check_user_groups(w, &r.user_group_ids)?;
    unique_name(w, &r.db_instance_name)?;
    let source = ready(w, &id, AVAILABLE)?.clone();
    if source.detail.db_instance_type != Some(DbInstanceType::Master) {
        return Err(ApiError::state("Read replicas can only be made from a master instance"));
    }
    if let Some(pg) = &r.parameter_group_id {
        check_parameter_group(w, pg, &source.detail.db_version)?;
    }
    let mut rep = source.clone();
    let rid = DbInstanceId::new(uuid());
    rep.detail.db_instance_id = rid.clone();
    rep.detail.db_instance_name = r.db_instance_name.clone();
    rep.detail.description = r.description.clone();
    rep.detail.db_instance_type = Some(DbInstanceType::ReadOnlySlave);
    rep.detail.db_instance_status = Some(DbInstanceStatus::BeforeCreate);
    rep.detail.progress_status = Some(ProgressStatus::Creating);
    rep.detail.use_deletion_protection = r.use_deletion_protection.unwrap_or(false);
    rep.detail.created_ymdt = Some(ts_now());
    rep.ha = HighAvailability::default();
    if let Some(v) = r.db_flavor_id.clone() {
        rep.detail.db_flavor_id = v;
    }
    if let Some(v) = r.db_port {
        rep.detail.db_port = v;
    }
    if let Some(v) = r.parameter_group_id.clone() {
        rep.detail.parameter_group_id = v;
    }
    if let Some(v) = r.db_security_group_ids.clone() {
        rep.detail.db_security_group_ids = v;
    }
    if let Some(n) = &r.network {
        if let Some(z) = &n.availability_zone {
            rep.network.availability_zone = z.clone();
        }
        let public = n.use_public_access.unwrap_or(false);
        rep.network.subnet.public_accessible = public;
        rep.network.end_points = endpoints_for(rid.as_str(), 70, public);
    }
    if let Some(s) = &r.storage {
        if let Some(t) = &s.storage_type {
            check_storage_type(w, t)?;
            rep.storage.storage_type = t.clone();
        }
        if let Some(size) = s.storage_size {
            rep.storage.storage_size = size;
        }
    }
    let name = rep.detail.db_instance_name.clone();
    w.instances.push(rep);
    w.event("DB_INSTANCE_31_00", rid.as_str(), &name);
    if let Some(s) = w.instance_mut(&id) {
        s.set_progress(ProgressStatus::Replicating);
    }
    let done = become_available(rid.0.clone(), "DB_INSTANCE_31_01");
    let src = id.clone();
    let job = start_job(
        w,
        vec![(ResourceType::DbInstance, rid.0.clone()), (ResourceType::DbInstance, id.clone())],
        Box::new(move |w: &mut World| {
            done(w);
            if let Some(s) = w.instance_mut(&src) {
                s.set_progress(ProgressStatus::None);
            }
        }),
    );
    job_answer(job)
}

pub fn promote_db_instance(w: &mut World, id: DbInstanceId) -> Answer {
    let id = id.0;
    let i = ready(w, &id, AVAILABLE)?;
    if i.detail.db_instance_type != Some(DbInstanceType::ReadOnlySlave) {
        return Err(ApiError::state("Only a read replica can be promoted"));
    }
    let target = id.clone();
    instance_job(w, &id, ProgressStatus::Promoting, ("DB_INSTANCE_32_00", "DB_INSTANCE_32_01"), move |w| {
        let group = DbInstanceGroupId::new(uuid());
        w.group_created.insert(group.clone(), ts_now());
        if let Some(i) = w.instance_mut(&target) {
            i.detail.db_instance_type = Some(DbInstanceType::Master);
            i.detail.db_instance_group_id = group;
        }
    })
}
