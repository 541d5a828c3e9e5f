//! What each endpoint does to the emulated world.

use crate::metrics;
use crate::world::*;
use crate::{codes, ApiError, Config};
use rds::types::*;
use rds::validate::{StorageSize, Validate};
use rds::*;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};
use std::time::Instant;

type Answer = Result<Value, ApiError>;

fn ok<T: Serialize>(v: T) -> Answer {
    serde_json::to_value(v).map_err(|e| ApiError::new(codes::INVALID, e.to_string()))
}

fn empty() -> Answer {
    Ok(json!({}))
}

fn body<T: DeserializeOwned + Default>(raw: &[u8]) -> Result<T, ApiError> {
    if raw.iter().all(u8::is_ascii_whitespace) {
        return Ok(T::default());
    }
    serde_json::from_slice(raw).map_err(|e| ApiError::new(codes::INVALID, format!("Invalid request body: {e}")))
}

fn valid<T: Validate>(v: &T) -> Result<(), ApiError> {
    v.validate().map_err(ApiError::invalid)
}

fn query_one<'a>(q: &'a [(String, String)], key: &str) -> Option<&'a str> {
    q.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
}

fn query_all(q: &[(String, String)], key: &str) -> Vec<String> {
    q.iter().filter(|(k, _)| k == key).map(|(_, v)| v.clone()).collect()
}

fn query_u32(q: &[(String, String)], key: &str) -> Result<Option<u32>, ApiError> {
    match query_one(q, key) {
        None => Ok(None),
        Some(v) => v
            .parse()
            .map(Some)
            .map_err(|_| ApiError::new(codes::INVALID, format!("Invalid parameter: {key}: must be a whole number, got {v:?}"))),
    }
}

fn param(p: &[String], i: usize) -> &str {
    p.get(i).map(String::as_str).unwrap_or("")
}

/// Moves every job along its states; a job that ends applies its effect.
pub fn tick(w: &mut World) {
    let dur = w.job_duration;
    let now = Instant::now();
    let mut finished = Vec::new();
    for (id, rec) in &mut w.jobs {
        if rec.job.job_status.is_terminal() {
            continue;
        }
        let elapsed = now.duration_since(rec.started);
        let next = if elapsed >= dur {
            finished.push(id.clone());
            JobStatus::Completed
        } else if elapsed >= dur / 5 {
            JobStatus::Running
        } else {
            JobStatus::Ready
        };
        if next != rec.job.job_status {
            rec.job.job_status = next;
            rec.job.updated_ymdt = Some(ts_now());
        }
    }
    for id in finished {
        if let Some(effect) = w.jobs.get_mut(&id).and_then(|r| r.effect.take()) {
            effect(w);
        }
    }
}

fn start_job(w: &mut World, relations: Vec<(ResourceType, String)>, effect: Effect) -> JobId {
    let id = JobId::new(uuid());
    let now = ts_now();
    w.jobs.insert(
        id.clone(),
        JobRecord {
            job: Job {
                job_id: id.clone(),
                job_status: JobStatus::Ready,
                resource_relations: relations
                    .into_iter()
                    .map(|(t, r)| ResourceRelation { resource_type: Some(t), resource_id: r })
                    .collect(),
                created_ymdt: Some(now.clone()),
                updated_ymdt: Some(now),
            },
            started: Instant::now(),
            effect: Some(effect),
        },
    );
    id
}

/// The extensions of instance group `id`, made from the offered list on
/// first use.
fn group_extensions<'a>(w: &'a mut World, id: &str) -> Result<&'a mut Vec<Extension>, ApiError> {
    if w.group_members(id).is_empty() {
        return Err(ApiError::not_found("DB instance group", id));
    }
    Ok(w.extensions.entry(DbInstanceGroupId::new(id)).or_insert_with(|| {
        EXTENSIONS
            .iter()
            .map(|n| Extension {
                extension_id: ExtensionId::new(uuid()),
                extension_name: (*n).into(),
                extension_status: Some(ExtensionStatus::Available),
                databases: vec![],
            })
            .collect()
    }))
}

fn job_answer(id: JobId) -> Answer {
    ok(JobAnswer { job_id: id })
}

fn inst<'a>(w: &'a World, id: &str) -> Result<&'a Instance, ApiError> {
    w.instance(id).ok_or_else(|| ApiError::not_found("DB instance", id))
}

fn inst_mut<'a>(w: &'a mut World, id: &str) -> Result<&'a mut Instance, ApiError> {
    w.instance_mut(id).ok_or_else(|| ApiError::not_found("DB instance", id))
}

/// The instance must be idle (and, when given, in one of `statuses`).
fn ready<'a>(w: &'a mut World, id: &str, statuses: &[DbInstanceStatus]) -> Result<&'a mut Instance, ApiError> {
    let i = inst_mut(w, id)?;
    if i.busy() {
        let p = i.detail.progress_status.clone().unwrap_or(ProgressStatus::None);
        return Err(ApiError::state(format!("DB instance is busy ({p}); try again when the current task ends")));
    }
    if !statuses.is_empty() {
        let s = i.detail.db_instance_status.clone().unwrap_or(DbInstanceStatus::Unknown("?".into()));
        if !statuses.contains(&s) {
            let allowed: Vec<&str> = statuses.iter().map(|s| s.as_str()).collect();
            return Err(ApiError::state(format!("DB instance is {s}; this needs {}", allowed.join(" or "))));
        }
    }
    Ok(i)
}

const AVAILABLE: &[DbInstanceStatus] = &[DbInstanceStatus::Available];

/// Runs a job on one instance: progress now, `done` and an event at the end.
fn instance_job(
    w: &mut World,
    id: &str,
    progress: ProgressStatus,
    events: (&'static str, &'static str),
    done: impl FnOnce(&mut World) + Send + 'static,
) -> Answer {
    let i = inst_mut(w, id)?;
    i.set_progress(progress);
    let name = i.detail.db_instance_name.clone();
    let owned = id.to_string();
    if !events.0.is_empty() {
        w.event(events.0, id, &name);
    }
    let job = start_job(
        w,
        vec![(ResourceType::DbInstance, id.to_string())],
        Box::new(move |w: &mut World| {
            done(w);
            if let Some(i) = w.instance_mut(&owned) {
                i.set_progress(ProgressStatus::None);
                let name = i.detail.db_instance_name.clone();
                if !events.1.is_empty() {
                    w.event(events.1, &owned, &name);
                }
            }
        }),
    );
    job_answer(job)
}

fn check_flavor(w: &World, id: &DbFlavorId) -> Result<(), ApiError> {
    if w.flavors.iter().any(|f| &f.db_flavor_id == id) {
        Ok(())
    } else {
        Err(ApiError::invalid(ValidationError::new("dbFlavorId", format!("no such DB instance specification: {id}"))))
    }
}

fn check_version(w: &World, v: &str) -> Result<(), ApiError> {
    if w.versions.iter().any(|x| x.db_version == v) {
        Ok(())
    } else {
        Err(ApiError::invalid(ValidationError::new("dbVersion", format!("unsupported DB version: {v}"))))
    }
}

fn check_parameter_group(w: &World, id: &ParameterGroupId, version: &str) -> Result<(), ApiError> {
    match w.parameter_groups.iter().find(|p| &p.detail.parameter_group_id == id) {
        None => Err(ApiError::invalid(ValidationError::new("parameterGroupId", format!("no such parameter group: {id}")))),
        Some(p) if p.detail.db_version != version => Err(ApiError::invalid(ValidationError::new(
            "parameterGroupId",
            format!("the parameter group is for {}, not {version}", p.detail.db_version),
        ))),
        Some(_) => Ok(()),
    }
}

fn check_security_groups(w: &World, ids: &[DbSecurityGroupId]) -> Result<(), ApiError> {
    for id in ids {
        if !w.security_groups.iter().any(|g| &g.db_security_group_id == id) {
            return Err(ApiError::invalid(ValidationError::new("dbSecurityGroupIds", format!("no such DB security group: {id}"))));
        }
    }
    Ok(())
}

fn check_user_groups(w: &World, ids: &[UserGroupId]) -> Result<(), ApiError> {
    for id in ids {
        if !w.user_groups.iter().any(|g| &g.user_group_id == id) {
            return Err(ApiError::invalid(ValidationError::new("userGroupIds", format!("no such user group: {id}"))));
        }
    }
    Ok(())
}

fn check_network(w: &World, n: &NetworkSpec) -> Result<Subnet, ApiError> {
    let id = n.subnet_id.clone().unwrap_or_default();
    let subnet = w
        .subnets
        .iter()
        .find(|s| s.subnet_id == id)
        .cloned()
        .ok_or_else(|| ApiError::invalid(ValidationError::new("network.subnetId", format!("no such subnet: {id}"))))?;
    if let Some(z) = &n.availability_zone {
        if !w.zones.contains(z) {
            return Err(ApiError::invalid(ValidationError::new("network.availabilityZone", format!("no such availability zone: {z}"))));
        }
    }
    Ok(subnet)
}

fn check_storage_type(w: &World, t: &str) -> Result<(), ApiError> {
    if w.storage_types.iter().any(|s| s == t) {
        Ok(())
    } else {
        Err(ApiError::invalid(ValidationError::new("storage.storageType", format!("no such storage type: {t}"))))
    }
}

fn unique_name(w: &World, name: &str) -> Result<(), ApiError> {
    if w.instances.iter().any(|i| i.detail.db_instance_name == name) {
        return Err(ApiError::new(codes::INVALID, format!("Invalid parameter: dbInstanceName: an instance named {name} already exists")));
    }
    Ok(())
}

/// A new instance in `BEFORE_CREATE`, built from a create/restore request.
#[allow(clippy::too_many_arguments)]
fn build_instance(
    w: &World,
    name: &str,
    description: Option<String>,
    version: &str,
    port: u32,
    flavor: &DbFlavorId,
    pg: &ParameterGroupId,
    sgs: Vec<DbSecurityGroupId>,
    ugs: Vec<UserGroupId>,
    network: &NetworkSpec,
    subnet: Subnet,
    storage: &StorageSpec,
    backup: &BackupSpec,
    deletion_protection: bool,
    progress: ProgressStatus,
) -> Instance {
    let n = (w.instances.len() % 200) as u8;
    let mut i = new_instance(
        w,
        name,
        "",
        version,
        port,
        0,
        pg,
        network.availability_zone.as_deref().unwrap_or("kr-pub-a"),
        storage.storage_size.unwrap_or(20),
        n,
    );
    let id = i.detail.db_instance_id.clone();
    let now = ts_now();
    i.detail.description = description;
    i.detail.db_flavor_id = flavor.clone();
    i.detail.db_security_group_ids = sgs;
    i.detail.notification_group_ids = vec![];
    i.detail.use_deletion_protection = deletion_protection;
    i.detail.db_instance_status = Some(DbInstanceStatus::BeforeCreate);
    i.detail.progress_status = Some(progress);
    i.detail.created_ymdt = Some(now.clone());
    i.detail.updated_ymdt = Some(now);
    i.user_group_ids = ugs;
    i.storage.storage_type = storage.storage_type.clone().unwrap_or_else(|| "General SSD".into());
    let public = network.use_public_access.unwrap_or(false);
    i.network.subnet = InstanceSubnet {
        subnet_id: subnet.subnet_id,
        subnet_name: subnet.subnet_name,
        subnet_cidr: subnet.subnet_cidr,
        public_accessible: public,
    };
    i.network.end_points = endpoints_for(id.as_str(), 30 + n % 200, public);
    i.backup.backup_period = backup.backup_period.unwrap_or(i.backup.backup_period);
    i.backup.backup_retry_count = backup.backup_retry_count.unwrap_or(6);
    if let Some(s) = &backup.backup_schedules {
        i.backup.backup_schedules = s.clone();
    }
    i.databases.clear();
    i.users.clear();
    i.hba.clear();
    i
}

fn become_available(id: String, done_event: &'static str) -> Effect {
    Box::new(move |w: &mut World| {
        if let Some(i) = w.instance_mut(&id) {
            i.set_status(DbInstanceStatus::Available);
            i.set_progress(ProgressStatus::None);
            let name = i.detail.db_instance_name.clone();
            w.event(done_event, &id, &name);
        }
    })
}

/// Adds a new HA candidate for `master` in the other zone.
fn add_candidate(w: &mut World, master: &str) {
    let Some(m) = w.instance(master).cloned() else { return };
    let mut c = m;
    c.detail.db_instance_id = DbInstanceId::new(uuid());
    c.detail.db_instance_type = Some(DbInstanceType::CandidateMaster);
    c.network.availability_zone = if c.network.availability_zone == "kr-pub-a" { "kr-pub-b".into() } else { "kr-pub-a".into() };
    c.network.end_points = endpoints_for(c.detail.db_instance_id.as_str(), 90, false);
    w.instances.push(c);
}

fn remove_candidates(w: &mut World, group: &DbInstanceGroupId) {
    w.instances
        .retain(|i| !(&i.detail.db_instance_group_id == group && i.detail.db_instance_type == Some(DbInstanceType::CandidateMaster)));
}

fn group_answer(w: &World, group: &DbInstanceGroupId) -> DbInstanceGroupDetail {
    let members = w.group_members(group.as_str());
    let ha = members.iter().any(|i| i.ha.use_high_availability);
    let updated = members.iter().filter_map(|i| i.detail.updated_ymdt.clone()).max_by_key(|t| t.unix());
    DbInstanceGroupDetail {
        db_instance_group_id: group.clone(),
        db_instance_group_status: Some(CreatedStatus::Created),
        replication_type: Some(if ha { ReplicationType::HighAvailability } else { ReplicationType::Standalone }),
        db_instances: members
            .iter()
            .map(|i| GroupInstance {
                db_instance_id: i.detail.db_instance_id.clone(),
                db_instance_type: i.detail.db_instance_type.clone(),
                db_instance_status: i.detail.db_instance_status.clone(),
            })
            .collect(),
        created_ymdt: w.group_created.get(group).cloned(),
        updated_ymdt: updated,
    }
}

fn groups_in_order(w: &World) -> Vec<DbInstanceGroupId> {
    let mut out: Vec<DbInstanceGroupId> = Vec::new();
    for i in &w.instances {
        if !out.contains(&i.detail.db_instance_group_id) {
            out.push(i.detail.db_instance_group_id.clone());
        }
    }
    out
}

fn restore_window(w: &World, id: &str) -> Option<(i64, i64)> {
    let oldest = w
        .backups
        .iter()
        .filter(|b| b.db_instance_id.as_str() == id && b.backup_status == Some(BackupStatus::Completed))
        .filter_map(|b| b.completed_ymdt.as_ref().and_then(Timestamp::unix))
        .min()?;
    // WAL archiving lags a few minutes; a fresh backup is restorable at once.
    Some((oldest, (unix_now() - 300).max(oldest)))
}

fn paged<T: Clone>(items: &[T], page: u32, size: u32) -> Vec<T> {
    let start = (page.saturating_sub(1) as usize).saturating_mul(size as usize);
    items.iter().skip(start).take(size as usize).cloned().collect()
}

/// Serves one call. `p` holds the path parameters in order.
pub fn handle(w: &mut World, cfg: &Config, name: &str, p: &[String], q: &[(String, String)], raw: &[u8]) -> Answer {
    w.job_duration = cfg.job_duration;
    let id = param(p, 0).to_string();
    match name {
        // ------------------------------------------------------------ catalogue
        "db_versions" => ok(DbVersions { db_versions: w.versions.clone() }),
        "db_flavors" => ok(DbFlavors { db_flavors: w.flavors.clone() }),
        "regions" => ok(Regions {
            regions: vec![Region { region_code: "KR1".into(), is_enabled: true }, Region { region_code: "KR2".into(), is_enabled: false }],
        }),
        "members" => ok(Members { members: w.members.clone() }),
        "subnets" => ok(Subnets { subnets: w.subnets.clone() }),
        "storage_types" => ok(StorageTypes { storage_types: w.storage_types.clone() }),
        "job" => w.jobs.get(&JobId::new(id.clone())).map(|r| r.job.clone()).ok_or_else(|| ApiError::not_found("Job", &id)).and_then(ok),

        // ------------------------------------------------------------ groups and instances
        "db_instance_groups" => {
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
        "db_instance_group" => {
            let g = DbInstanceGroupId::new(id.clone());
            if w.group_members(&id).is_empty() {
                return Err(ApiError::not_found("DB instance group", &id));
            }
            ok(group_answer(w, &g))
        }
        "db_instances" => ok(DbInstances { db_instances: w.instances.iter().map(Instance::summary).collect() }),
        "db_instance" => {
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
        "create_db_instance" => {
            let r: CreateDbInstance = body(raw)?;
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
        "modify_db_instance" => {
            let r: ModifyDbInstance = body(raw)?;
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
                    return Err(ApiError::new(
                        codes::INVALID,
                        format!("Invalid parameter: dbInstanceName: an instance named {n} already exists"),
                    ));
                }
            }
            ready(w, &id, AVAILABLE)?;
            let target = id.clone();
            let backup = r.execute_backup == Some(true);
            instance_job(w, &id, ProgressStatus::Modifying, ("DB_INSTANCE_09_00", "DB_INSTANCE_09_01"), move |w| {
                if backup {
                    take_backup(w, &target, BackupType::Auto, None);
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
            })
        }
        "high_availability" => ok(inst(w, &id)?.ha.clone()),
        "modify_high_availability" => {
            let r: ModifyHighAvailability = body(raw)?;
            valid(&r)?;
            let i = ready(w, &id, AVAILABLE)?;
            if i.detail.db_instance_type != Some(DbInstanceType::Master) {
                return Err(ApiError::state("High availability can only be set on a master instance"));
            }
            let target = id.clone();
            instance_job(w, &id, ProgressStatus::Modifying, ("DB_INSTANCE_09_00", "DB_INSTANCE_09_01"), move |w| {
                let Some(i) = w.instance_mut(&target) else { return };
                let was = i.ha.use_high_availability;
                let group = i.detail.db_instance_group_id.clone();
                i.ha.use_high_availability = r.use_high_availability;
                if r.use_high_availability {
                    i.ha.ha_status = Some(HaStatus::Stable);
                    i.ha.ping_interval = r.ping_interval.or(i.ha.ping_interval).or(Some(3));
                    i.ha.failover_repl_waiting_time = r.failover_repl_waiting_time.or(i.ha.failover_repl_waiting_time).or(Some(0));
                } else {
                    i.ha = HighAvailability::default();
                }
                match (was, r.use_high_availability) {
                    (false, true) => add_candidate(w, &target),
                    (true, false) => remove_candidates(w, &group),
                    _ => {}
                }
            })
        }
        "resume_high_availability" | "pause_high_availability" | "repair_high_availability" | "split_high_availability" => {
            let i = ready(w, &id, AVAILABLE)?;
            if !i.ha.use_high_availability {
                return Err(ApiError::state("High availability is not in use on this DB instance"));
            }
            let status = i.ha.ha_status.clone().unwrap_or(HaStatus::Stable);
            let (progress, events, allowed): (ProgressStatus, (&'static str, &'static str), bool) = match name {
                "pause_high_availability" => {
                    (ProgressStatus::Modifying, ("", "DB_INSTANCE_43_01"), !matches!(status, HaStatus::Paused | HaStatus::Pausing))
                }
                "resume_high_availability" => {
                    (ProgressStatus::Modifying, ("", "DB_INSTANCE_44_01"), matches!(status, HaStatus::Paused | HaStatus::PausedDueToTask))
                }
                "repair_high_availability" => (ProgressStatus::Repairing, ("", "DB_INSTANCE_45_01"), true),
                _ => (ProgressStatus::Modifying, ("", "DB_INSTANCE_47_01"), true),
            };
            if !allowed {
                return Err(ApiError::state(format!("High availability is {status}; this action does not apply")));
            }
            if name == "pause_high_availability" {
                i.ha.ha_status = Some(HaStatus::Pausing);
            }
            let target = id.clone();
            let which = name.to_string();
            instance_job(w, &id, progress, events, move |w| {
                let Some(i) = w.instance_mut(&target) else { return };
                let group = i.detail.db_instance_group_id.clone();
                match which.as_str() {
                    "pause_high_availability" => i.ha.ha_status = Some(HaStatus::Paused),
                    "resume_high_availability" | "repair_high_availability" => i.ha.ha_status = Some(HaStatus::Stable),
                    _ => {
                        // Split: the candidate becomes a standalone master of its own group.
                        i.ha = HighAvailability::default();
                        let new_group = DbInstanceGroupId::new(uuid());
                        w.group_created.insert(new_group.clone(), ts_now());
                        for c in w.instances.iter_mut() {
                            if c.detail.db_instance_group_id == group && c.detail.db_instance_type == Some(DbInstanceType::CandidateMaster)
                            {
                                c.detail.db_instance_type = Some(DbInstanceType::Master);
                                c.detail.db_instance_group_id = new_group.clone();
                                c.detail.db_instance_name = format!("{}-split", c.detail.db_instance_name);
                                c.ha = HighAvailability::default();
                            }
                        }
                    }
                }
            })
        }
        "storage_info" => ok(inst(w, &id)?.storage.clone()),
        "modify_storage_info" => {
            let r: ModifyStorage = body(raw)?;
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
        "network_info" => ok(inst(w, &id)?.network.clone()),
        "modify_network_info" => {
            let r: ModifyNetwork = body(raw)?;
            ready(w, &id, AVAILABLE)?;
            let target = id.clone();
            let event = if r.use_public_access { "DB_INSTANCE_14_01" } else { "DB_INSTANCE_15_01" };
            instance_job(w, &id, ProgressStatus::Modifying, ("", event), move |w| {
                if let Some(i) = w.instance_mut(&target) {
                    i.network.subnet.public_accessible = r.use_public_access;
                    let host = i
                        .network
                        .end_points
                        .first()
                        .and_then(|e| e.ip_address.rsplit('.').next())
                        .and_then(|h| h.parse().ok())
                        .unwrap_or(50);
                    i.network.end_points = endpoints_for(&target, host, r.use_public_access);
                }
            })
        }
        "backup_info" => ok(inst(w, &id)?.backup.clone()),
        "modify_backup_info" => {
            let r: ModifyBackupInfo = body(raw)?;
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
        "restoration_info" => {
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
        "restore_db_instance" => {
            let r: RestoreDbInstance = body(raw)?;
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
        "modify_deletion_protection" => {
            let r: DeletionProtection = body(raw)?;
            let i = inst_mut(w, &id)?;
            i.detail.use_deletion_protection = r.use_deletion_protection;
            i.detail.updated_ymdt = Some(ts_now());
            empty()
        }
        "maintenance_info" => ok(inst(w, &id)?.maintenance.clone()),
        "modify_maintenance_info" => {
            let r: MaintenanceInfo =
                serde_json::from_slice(raw).map_err(|e| ApiError::new(codes::INVALID, format!("Invalid request body: {e}")))?;
            valid(&r)?;
            inst_mut(w, &id)?.maintenance = r;
            empty()
        }
        "available_db_versions" => {
            let current = inst(w, &id)?.detail.db_version.clone();
            let rank =
                |v: &str| v.trim_start_matches("POSTGRESQL_V").parse::<u32>().map(|n| if n < 1000 { n * 10 } else { n }).unwrap_or(0);
            let versions = w.versions.iter().filter(|v| rank(&v.db_version) >= rank(&current)).cloned().collect();
            ok(DbVersions { db_versions: versions })
        }
        "delete_db_instance" => {
            let i = inst(w, &id)?;
            if i.detail.use_deletion_protection {
                return Err(ApiError::new(
                    codes::DELETION_PROTECTED,
                    "Deletion protection is enabled on this DB instance; turn it off first",
                ));
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
        "restart_db_instance" => {
            let r: RestartDbInstance = body(raw)?;
            let i = ready(w, &id, AVAILABLE)?;
            if r.use_online_failover && !i.ha.use_high_availability {
                return Err(ApiError::invalid(ValidationError::new(
                    "useOnlineFailover",
                    "is only available on a DB instance with high availability",
                )));
            }
            let target = id.clone();
            let ev = if r.use_online_failover { "DB_INSTANCE_41_01" } else { "DB_INSTANCE_02_01" };
            instance_job(w, &id, ProgressStatus::Restarting, ("", ev), move |w| {
                if r.execute_backup {
                    take_backup(w, &target, BackupType::Auto, None);
                }
            })
        }
        "force_restart_db_instance" => {
            ready(w, &id, &[DbInstanceStatus::Available, DbInstanceStatus::FailToConnect, DbInstanceStatus::StorageFull])?;
            // Answered without a job: the restart still takes time upstream.
            instance_job(w, &id, ProgressStatus::RestartingForcibly, ("DB_INSTANCE_03_00", "DB_INSTANCE_02_01"), |_| {})?;
            empty()
        }
        "start_db_instance" => {
            ready(w, &id, &[DbInstanceStatus::Shutdown])?;
            let target = id.clone();
            instance_job(w, &id, ProgressStatus::Starting, ("", "DB_INSTANCE_02_01"), move |w| {
                if let Some(i) = w.instance_mut(&target) {
                    i.set_status(DbInstanceStatus::Available);
                }
            })
        }
        "stop_db_instance" => {
            ready(w, &id, AVAILABLE)?;
            let target = id.clone();
            instance_job(w, &id, ProgressStatus::Stopping, ("DB_INSTANCE_04_00", "DB_INSTANCE_04_01"), move |w| {
                if let Some(i) = w.instance_mut(&target) {
                    i.set_status(DbInstanceStatus::Shutdown);
                }
            })
        }
        "backup_db_instance" => {
            let r: BackupDbInstance = body(raw)?;
            valid(&r)?;
            ready(w, &id, AVAILABLE)?;
            let backup_id = take_backup(w, &id, BackupType::Manual, Some(&r.backup_name));
            let target = id.clone();
            instance_job(w, &id, ProgressStatus::BackingUp, ("DB_INSTANCE_07_00", "DB_INSTANCE_07_01"), move |w| {
                finish_backup(w, &backup_id);
                let _ = target;
            })
        }
        "backup_to_object_storage" => {
            let r: ObjectStorageTarget = body(raw)?;
            valid(&r)?;
            ready(w, &id, AVAILABLE)?;
            let backup_id = take_backup(w, &id, BackupType::Manual, Some("object-storage-export"));
            instance_job(w, &id, ProgressStatus::BackingUp, ("DB_INSTANCE_52_00", "DB_INSTANCE_52_01"), move |w| {
                finish_backup(w, &backup_id)
            })
        }
        "apply_recent_parameter_group" => {
            let r: ApplyParameterGroup = body(raw)?;
            ready(w, &id, AVAILABLE)?;
            let target = id.clone();
            instance_job(w, &id, ProgressStatus::ApplyingParameterGroup, ("DB_INSTANCE_24_00", "DB_INSTANCE_24_01"), move |w| {
                if r.execute_backup {
                    take_backup(w, &target, BackupType::Auto, None);
                }
                if let Some(i) = w.instance_mut(&target) {
                    i.detail.need_to_apply_parameter_group = false;
                }
            })
        }
        "replicate_db_instance" => {
            let r: ReplicateDbInstance = body(raw)?;
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
        "promote_db_instance" => {
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

        // ------------------------------------------------------------ databases
        "databases" => ok(Databases { databases: inst(w, &id)?.databases.clone() }),
        "create_database" => {
            let r: CreateDatabase = body(raw)?;
            valid(&r)?;
            let i = ready(w, &id, AVAILABLE)?;
            if i.databases.iter().any(|d| d.database_name == r.database_name) {
                return Err(ApiError::invalid(ValidationError::new(
                    "databaseName",
                    format!("a database named {} already exists", r.database_name),
                )));
            }
            let mut d = database(&r.database_name);
            d.database_status = Some(ObjectStatus::Creating);
            d.created_ymdt = Some(ts_now());
            let did = d.database_id.clone();
            i.databases.push(d);
            let target = id.clone();
            instance_job(w, &id, ProgressStatus::CreatingDatabase, ("", "DB_INSTANCE_20_01"), move |w| {
                if let Some(d) = w.instance_mut(&target).and_then(|i| i.databases.iter_mut().find(|d| d.database_id == did)) {
                    d.database_status = Some(ObjectStatus::Stable);
                }
            })
        }
        "modify_database" => {
            let r: ModifyDatabase = body(raw)?;
            valid(&r)?;
            let did = param(p, 1).to_string();
            let i = ready(w, &id, AVAILABLE)?;
            if !i.databases.iter().any(|d| d.database_id.as_str() == did) {
                return Err(ApiError::not_found("Database", &did));
            }
            if i.databases.iter().any(|d| d.database_name == r.database_name && d.database_id.as_str() != did) {
                return Err(ApiError::invalid(ValidationError::new(
                    "databaseName",
                    format!("a database named {} already exists", r.database_name),
                )));
            }
            let target = id.clone();
            instance_job(w, &id, ProgressStatus::UpdatingDatabase, ("", "DB_INSTANCE_21_01"), move |w| {
                let Some(i) = w.instance_mut(&target) else { return };
                if let Some(d) = i.databases.iter_mut().find(|d| d.database_id.as_str() == did) {
                    d.database_name = r.database_name.clone();
                    d.updated_ymdt = Some(ts_now());
                }
                for rule in &mut i.hba {
                    for d in &mut rule.databases {
                        if d.database_id.as_str() == did {
                            d.database_name = r.database_name.clone();
                        }
                    }
                }
            })
        }
        "delete_database" => {
            let did = param(p, 1).to_string();
            let i = ready(w, &id, AVAILABLE)?;
            let Some(d) = i.databases.iter_mut().find(|d| d.database_id.as_str() == did) else {
                return Err(ApiError::not_found("Database", &did));
            };
            d.database_status = Some(ObjectStatus::Deleting);
            let target = id.clone();
            instance_job(w, &id, ProgressStatus::DeletingDatabase, ("", "DB_INSTANCE_22_01"), move |w| {
                if let Some(i) = w.instance_mut(&target) {
                    i.databases.retain(|d| d.database_id.as_str() != did);
                    for rule in &mut i.hba {
                        rule.databases.retain(|d| d.database_id.as_str() != did);
                    }
                }
            })
        }

        // ------------------------------------------------------------ DB users
        "db_users" => ok(DbUsers { db_users: inst(w, &id)?.users.clone() }),
        "create_db_user" => {
            let r: CreateDbUser = body(raw)?;
            valid(&r)?;
            let i = ready(w, &id, AVAILABLE)?;
            if i.users.iter().any(|u| u.db_user_name == r.db_user_name) {
                return Err(ApiError::invalid(ValidationError::new(
                    "dbUserName",
                    format!("a DB user named {} already exists", r.db_user_name),
                )));
            }
            let mut u = db_user(&r.db_user_name, r.authority_type.clone().unwrap_or(AuthorityType::Crud));
            u.db_user_status = Some(ObjectStatus::Creating);
            u.created_ymdt = Some(ts_now());
            let uid = u.db_user_id.clone();
            let uname = u.db_user_name.clone();
            i.users.push(u);
            if r.create_default_hba_rules == Some(true) {
                let order = i.hba.len() as i64;
                i.hba.push(HbaRule {
                    hba_rule_id: uuid().into(),
                    hba_rule_status: Some(HbaRuleStatus::Created),
                    database_apply_type: Some(ApplyType::Entire),
                    db_user_apply_type: Some(ApplyType::UserCustom),
                    databases: vec![],
                    db_users: vec![HbaDbUser { db_user_id: uid.clone(), db_user_name: uname }],
                    address: r.address.clone().unwrap_or_else(|| "0.0.0.0/0".into()),
                    auth_method: Some(AuthMethod::ScramSha256),
                    reserved_action: Some(ReservedAction::Create),
                    order,
                    applicable: true,
                });
            }
            let target = id.clone();
            instance_job(w, &id, ProgressStatus::CreatingUser, ("", "DB_INSTANCE_17_01"), move |w| {
                if let Some(u) = w.instance_mut(&target).and_then(|i| i.users.iter_mut().find(|u| u.db_user_id == uid)) {
                    u.db_user_status = Some(ObjectStatus::Stable);
                }
            })
        }
        "modify_db_user" => {
            let r: ModifyDbUser = body(raw)?;
            valid(&r)?;
            let uid = param(p, 1).to_string();
            let i = ready(w, &id, AVAILABLE)?;
            if !i.users.iter().any(|u| u.db_user_id.as_str() == uid) {
                return Err(ApiError::not_found("DB user", &uid));
            }
            if let Some(n) = &r.db_user_name {
                if i.users.iter().any(|u| &u.db_user_name == n && u.db_user_id.as_str() != uid) {
                    return Err(ApiError::invalid(ValidationError::new("dbUserName", format!("a DB user named {n} already exists"))));
                }
            }
            let target = id.clone();
            instance_job(w, &id, ProgressStatus::UpdatingUser, ("", "DB_INSTANCE_18_01"), move |w| {
                let Some(i) = w.instance_mut(&target) else { return };
                if let Some(u) = i.users.iter_mut().find(|u| u.db_user_id.as_str() == uid) {
                    if let Some(n) = &r.db_user_name {
                        u.db_user_name = n.clone();
                    }
                    if let Some(a) = &r.authority_type {
                        u.authority_type = Some(a.clone());
                    }
                    u.updated_ymdt = Some(ts_now());
                }
                if let Some(n) = &r.db_user_name {
                    for rule in &mut i.hba {
                        for u in &mut rule.db_users {
                            if u.db_user_id.as_str() == uid {
                                u.db_user_name = n.clone();
                            }
                        }
                    }
                }
            })
        }
        "delete_db_user" => {
            let uid = param(p, 1).to_string();
            let i = ready(w, &id, AVAILABLE)?;
            let Some(u) = i.users.iter_mut().find(|u| u.db_user_id.as_str() == uid) else {
                return Err(ApiError::not_found("DB user", &uid));
            };
            u.db_user_status = Some(ObjectStatus::Deleting);
            let target = id.clone();
            instance_job(w, &id, ProgressStatus::DeletingUser, ("", "DB_INSTANCE_19_01"), move |w| {
                if let Some(i) = w.instance_mut(&target) {
                    i.users.retain(|u| u.db_user_id.as_str() != uid);
                    for rule in &mut i.hba {
                        rule.db_users.retain(|u| u.db_user_id.as_str() != uid);
                    }
                }
            })
        }

        // ------------------------------------------------------------ HBA rules
        "hba_rules" => {
            let i = inst(w, &id)?;
            let mut rules = i.hba.clone();
            rules.sort_by_key(|r| r.order);
            let need = rules.iter().any(|r| r.reserved_action.as_ref().is_some_and(|a| *a != ReservedAction::None));
            ok(HbaRules { hba_rules: rules, need_to_apply: need })
        }
        "create_hba_rule" | "modify_hba_rule" => {
            let r: HbaRuleSpec = body(raw)?;
            valid(&r)?;
            let i = inst_mut(w, &id)?;
            let databases = resolve_databases(i, &r)?;
            let db_users = resolve_users(i, &r)?;
            if name == "create_hba_rule" {
                let rid = HbaRuleId::new(uuid());
                let order = i.hba.iter().map(|r| r.order + 1).max().unwrap_or(0);
                i.hba.push(HbaRule {
                    hba_rule_id: rid.clone(),
                    hba_rule_status: Some(HbaRuleStatus::Created),
                    database_apply_type: r.database_apply_type,
                    db_user_apply_type: r.db_user_apply_type,
                    databases,
                    db_users,
                    address: r.address,
                    auth_method: r.auth_method,
                    reserved_action: Some(ReservedAction::Create),
                    order,
                    applicable: true,
                });
                ok(HbaRuleCreated { hba_rule_id: rid })
            } else {
                let rid = param(p, 1).to_string();
                let rule = i
                    .hba
                    .iter_mut()
                    .find(|x| x.hba_rule_id.as_str() == rid)
                    .ok_or_else(|| ApiError::not_found("Access control rule", &rid))?;
                rule.database_apply_type = r.database_apply_type;
                rule.db_user_apply_type = r.db_user_apply_type;
                rule.databases = databases;
                rule.db_users = db_users;
                rule.address = r.address;
                rule.auth_method = r.auth_method;
                if rule.reserved_action != Some(ReservedAction::Create) {
                    rule.reserved_action = Some(ReservedAction::Modify);
                }
                empty()
            }
        }
        "delete_hba_rule" => {
            let rid = param(p, 1).to_string();
            let i = inst_mut(w, &id)?;
            let pos =
                i.hba.iter().position(|x| x.hba_rule_id.as_str() == rid).ok_or_else(|| ApiError::not_found("Access control rule", &rid))?;
            if i.hba[pos].reserved_action == Some(ReservedAction::Create) {
                i.hba.remove(pos);
            } else {
                i.hba[pos].reserved_action = Some(ReservedAction::Delete);
            }
            empty()
        }
        "reorder_hba_rules" => {
            let r: HbaRuleOrder = body(raw)?;
            valid(&r)?;
            let i = inst_mut(w, &id)?;
            for rid in &r.hba_rule_ids {
                if !i.hba.iter().any(|x| &x.hba_rule_id == rid) {
                    return Err(ApiError::not_found("Access control rule", rid.as_str()));
                }
            }
            for (n, rid) in r.hba_rule_ids.iter().enumerate() {
                if let Some(rule) = i.hba.iter_mut().find(|x| &x.hba_rule_id == rid) {
                    rule.order = n as i64;
                    if rule.reserved_action == Some(ReservedAction::None) {
                        rule.reserved_action = Some(ReservedAction::Modify);
                    }
                }
            }
            let rest = i.hba.iter_mut().filter(|x| !r.hba_rule_ids.contains(&x.hba_rule_id));
            for (next, rule) in (r.hba_rule_ids.len() as i64..).zip(rest) {
                rule.order = next;
            }
            empty()
        }
        "apply_hba_rules" => {
            ready(w, &id, AVAILABLE)?;
            let target = id.clone();
            instance_job(w, &id, ProgressStatus::ApplyingDbInstanceHbaRule, ("DB_INSTANCE_27_00", "DB_INSTANCE_27_01"), move |w| {
                if let Some(i) = w.instance_mut(&target) {
                    i.hba.retain(|r| r.reserved_action != Some(ReservedAction::Delete));
                    for r in &mut i.hba {
                        r.reserved_action = Some(ReservedAction::None);
                        r.hba_rule_status = Some(HbaRuleStatus::Applied);
                    }
                }
            })
        }

        // ------------------------------------------------------------ backups
        "backups" => {
            let query = BackupQuery {
                page: query_u32(q, "page")?.ok_or_else(|| ApiError::invalid(ValidationError::new("page", "is required")))?,
                size: query_u32(q, "size")?.ok_or_else(|| ApiError::invalid(ValidationError::new("size", "is required")))?,
                backup_type: query_one(q, "backupType").map(BackupType::parse),
                db_instance_id: query_one(q, "dbInstanceId").map(DbInstanceId::from),
                db_version: query_one(q, "dbVersion").map(str::to_string),
            };
            valid(&query)?;
            let mut all: Vec<Backup> = w
                .backups
                .iter()
                .filter(|b| query.backup_type.as_ref().is_none_or(|t| b.backup_type.as_ref() == Some(t)))
                .filter(|b| query.db_instance_id.as_ref().is_none_or(|i| &b.db_instance_id == i))
                .filter(|b| query.db_version.as_ref().is_none_or(|v| &b.db_version == v))
                .cloned()
                .collect();
            all.sort_by_key(|b| std::cmp::Reverse(b.created_ymdt.as_ref().and_then(Timestamp::unix)));
            ok(Backups { total_counts: all.len() as u64, backups: paged(&all, query.page, query.size) })
        }
        "export_backup" => {
            let r: ObjectStorageTarget = body(raw)?;
            valid(&r)?;
            let b = backup(w, &id)?;
            if b.backup_status != Some(BackupStatus::Completed) {
                return Err(ApiError::state("Only a completed backup can be exported"));
            }
            let name = b.backup_name.clone();
            w.event("BACKUP_05_00", &id, &name);
            let target = id.clone();
            let job = start_job(
                w,
                vec![(ResourceType::Backup, id.clone())],
                Box::new(move |w: &mut World| w.event("BACKUP_05_01", &target, &name)),
            );
            job_answer(job)
        }
        "restore_backup" => {
            let r: RestoreBackup = body(raw)?;
            valid(&r)?;
            let b = backup(w, &id)?.clone();
            if b.backup_status != Some(BackupStatus::Completed) {
                return Err(ApiError::state("Only a completed backup can be restored"));
            }
            let source = w.instance(b.db_instance_id.as_str()).cloned();
            restore_into(w, &r, &b.db_version, source.as_ref())
        }
        "delete_backup" => {
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

        // ------------------------------------------------------------ security groups
        "db_security_groups" => ok(DbSecurityGroups {
            db_security_groups: w
                .security_groups
                .iter()
                .map(|g| DbSecurityGroup {
                    db_security_group_id: g.db_security_group_id.clone(),
                    db_security_group_name: g.db_security_group_name.clone(),
                    db_security_group_status: g.db_security_group_status.clone(),
                    description: g.description.clone(),
                    progress_status: g.progress_status.clone(),
                    created_ymdt: g.created_ymdt.clone(),
                    updated_ymdt: g.updated_ymdt.clone(),
                })
                .collect(),
        }),
        "db_security_group" => {
            let g = security_group(w, &id)?.clone();
            Ok(json!({ "dbSecurityGroup": g }))
        }
        "create_db_security_group" => {
            let r: CreateDbSecurityGroup = body(raw)?;
            valid(&r)?;
            if w.security_groups.iter().any(|g| g.db_security_group_name == r.db_security_group_name) {
                return Err(ApiError::invalid(ValidationError::new(
                    "dbSecurityGroupName",
                    "a DB security group with this name already exists",
                )));
            }
            let gid = DbSecurityGroupId::new(uuid());
            let now = ts_now();
            w.security_groups.push(DbSecurityGroupDetail {
                db_security_group_id: gid.clone(),
                db_security_group_name: r.db_security_group_name.clone(),
                db_security_group_status: Some(CreatedStatus::Created),
                description: r.description,
                progress_status: Some(SecurityGroupProgress::None),
                rules: r.rules.into_iter().map(rule_from_spec).collect(),
                created_ymdt: Some(now.clone()),
                updated_ymdt: Some(now),
            });
            w.event("DB_SECURITY_GROUP_01_01", gid.as_str(), &r.db_security_group_name);
            ok(DbSecurityGroupCreated { db_security_group_id: gid })
        }
        "modify_db_security_group" => {
            let r: ModifyDbSecurityGroup = body(raw)?;
            valid(&r)?;
            let g = security_group_mut(w, &id)?;
            if let Some(n) = r.db_security_group_name {
                g.db_security_group_name = n;
            }
            if let Some(d) = r.description {
                g.description = Some(d);
            }
            g.updated_ymdt = Some(ts_now());
            empty()
        }
        "delete_db_security_group" => {
            let name = security_group(w, &id)?.db_security_group_name.clone();
            if let Some(i) = w.instances.iter().find(|i| i.detail.db_security_group_ids.iter().any(|g| g.as_str() == id)) {
                return Err(ApiError::new(
                    codes::IN_USE,
                    format!("The DB security group is in use by DB instance {}", i.detail.db_instance_name),
                ));
            }
            w.security_groups.retain(|g| g.db_security_group_id.as_str() != id);
            w.event("DB_SECURITY_GROUP_03_01", &id, &name);
            empty()
        }
        "create_security_rule" | "modify_security_rule" => {
            let r: SecurityRuleSpec = body(raw)?;
            valid(&r)?;
            let rule_id = param(p, 1).to_string();
            let g = security_group_mut(w, &id)?;
            if g.progress_status.as_ref().is_some_and(|s| *s != SecurityGroupProgress::None) {
                return Err(ApiError::state("The DB security group is busy; try again when the current task ends"));
            }
            let modifying = name == "modify_security_rule";
            if modifying && !g.rules.iter().any(|x| x.rule_id.as_str() == rule_id) {
                return Err(ApiError::not_found("DB security group rule", &rule_id));
            }
            g.progress_status = Some(if modifying { SecurityGroupProgress::UpdatingRule } else { SecurityGroupProgress::CreatingRule });
            let gname = g.db_security_group_name.clone();
            w.event("DB_SECURITY_GROUP_02_00", &id, &gname);
            let target = id.clone();
            let job = start_job(
                w,
                vec![(ResourceType::DbSecurityGroup, id.clone())],
                Box::new(move |w: &mut World| {
                    if let Some(g) = w.security_groups.iter_mut().find(|g| g.db_security_group_id.as_str() == target) {
                        let mut new_rule = rule_from_spec(r);
                        if modifying {
                            if let Some(old) = g.rules.iter_mut().find(|x| x.rule_id.as_str() == rule_id) {
                                new_rule.rule_id = old.rule_id.clone();
                                new_rule.created_ymdt = old.created_ymdt.clone();
                                *old = new_rule;
                            }
                        } else {
                            g.rules.push(new_rule);
                        }
                        g.progress_status = Some(SecurityGroupProgress::None);
                        g.updated_ymdt = Some(ts_now());
                    }
                    w.event("DB_SECURITY_GROUP_02_01", &target, &gname);
                }),
            );
            job_answer(job)
        }
        "delete_security_rules" => {
            let r = RuleIdsQuery { rule_ids: query_all(q, "ruleIds").into_iter().map(SecurityRuleId::from).collect() };
            valid(&r)?;
            let g = security_group_mut(w, &id)?;
            for rid in &r.rule_ids {
                if !g.rules.iter().any(|x| &x.rule_id == rid) {
                    return Err(ApiError::not_found("DB security group rule", rid.as_str()));
                }
            }
            g.progress_status = Some(SecurityGroupProgress::DeletingRule);
            let target = id.clone();
            let job = start_job(
                w,
                vec![(ResourceType::DbSecurityGroup, id.clone())],
                Box::new(move |w: &mut World| {
                    if let Some(g) = w.security_groups.iter_mut().find(|g| g.db_security_group_id.as_str() == target) {
                        g.rules.retain(|x| !r.rule_ids.contains(&x.rule_id));
                        g.progress_status = Some(SecurityGroupProgress::None);
                        g.updated_ymdt = Some(ts_now());
                    }
                }),
            );
            job_answer(job)
        }

        // ------------------------------------------------------------ parameter groups
        "parameter_groups" => {
            let version = query_one(q, "dbVersion");
            let groups = w
                .parameter_groups
                .iter()
                .filter(|g| version.is_none_or(|v| g.detail.db_version == v))
                .map(|g| ParameterGroup {
                    parameter_group_id: g.detail.parameter_group_id.clone(),
                    parameter_group_name: g.detail.parameter_group_name.clone(),
                    parameter_group_status: g.detail.parameter_group_status.clone(),
                    description: g.detail.description.clone(),
                    db_version: g.detail.db_version.clone(),
                    created_ymdt: g.detail.created_ymdt.clone(),
                    updated_ymdt: g.detail.updated_ymdt.clone(),
                })
                .collect();
            ok(ParameterGroups { parameter_groups: groups })
        }
        "parameter_group" => ok(param_group(w, &id)?.detail.clone()),
        "create_parameter_group" | "copy_parameter_group" => {
            let (group_name, description, version, parameters) = if name == "create_parameter_group" {
                let r: CreateParameterGroup = body(raw)?;
                valid(&r)?;
                check_version(w, &r.db_version)?;
                let major = if r.db_version.starts_with("POSTGRESQL_V17") { "17" } else { "14" };
                (r.parameter_group_name, r.description, r.db_version, default_parameters(major))
            } else {
                let r: NameAndDescription = body(raw)?;
                valid(&r)?;
                let Some(n) = r.parameter_group_name.clone() else {
                    return Err(ApiError::invalid(ValidationError::new("parameterGroupName", "is required")));
                };
                let src = param_group(w, &id)?.detail.clone();
                (n, r.description, src.db_version, src.parameters)
            };
            if w.parameter_groups.iter().any(|g| g.detail.parameter_group_name == group_name) {
                return Err(ApiError::invalid(ValidationError::new(
                    "parameterGroupName",
                    "a parameter group with this name already exists",
                )));
            }
            let gid = ParameterGroupId::new(uuid());
            let now = ts_now();
            w.parameter_groups.push(ParamGroup {
                detail: ParameterGroupDetail {
                    parameter_group_id: gid.clone(),
                    parameter_group_name: group_name,
                    description,
                    db_version: version,
                    parameter_group_status: Some(ParameterGroupStatus::Stable),
                    parameters,
                    created_ymdt: Some(now.clone()),
                    updated_ymdt: Some(now),
                },
            });
            ok(ParameterGroupCreated { parameter_group_id: gid })
        }
        "modify_parameter_group" => {
            let r: NameAndDescription = body(raw)?;
            valid(&r)?;
            let g = param_group_mut(w, &id)?;
            if let Some(n) = r.parameter_group_name {
                g.detail.parameter_group_name = n;
            }
            if let Some(d) = r.description {
                g.detail.description = Some(d);
            }
            g.detail.updated_ymdt = Some(ts_now());
            empty()
        }
        "modify_parameters" | "reset_parameter_group" => {
            let changes = if name == "modify_parameters" {
                let r: ModifyParameters = body(raw)?;
                valid(&r)?;
                Some(r.modified_parameters)
            } else {
                None
            };
            let g = param_group_mut(w, &id)?;
            match changes {
                Some(changes) => {
                    for c in &changes {
                        let Some(pm) = g.detail.parameters.iter().find(|x| x.parameter_name == c.parameter_name) else {
                            return Err(ApiError::invalid(ValidationError::new(
                                "modifiedParameters.parameterName",
                                format!("no such parameter: {}", c.parameter_name),
                            )));
                        };
                        if pm.update_type == Some(UpdateType::Constant) {
                            return Err(ApiError::invalid(ValidationError::new(
                                "modifiedParameters.value",
                                format!("{} cannot be changed", c.parameter_name),
                            )));
                        }
                        check_parameter_value(pm, &c.value)?;
                    }
                    for c in changes {
                        if let Some(pm) = g.detail.parameters.iter_mut().find(|x| x.parameter_name == c.parameter_name) {
                            pm.value = c.value;
                        }
                    }
                }
                None => {
                    for pm in &mut g.detail.parameters {
                        pm.value = pm.default_value.clone();
                    }
                }
            }
            g.detail.parameter_group_status = Some(ParameterGroupStatus::NeedToApply);
            g.detail.updated_ymdt = Some(ts_now());
            for i in w.instances.iter_mut().filter(|i| i.detail.parameter_group_id.as_str() == id) {
                i.detail.need_to_apply_parameter_group = true;
            }
            empty()
        }
        "delete_parameter_group" => {
            param_group(w, &id)?;
            if let Some(i) = w.instances.iter().find(|i| i.detail.parameter_group_id.as_str() == id) {
                return Err(ApiError::new(
                    codes::IN_USE,
                    format!("The parameter group is in use by DB instance {}", i.detail.db_instance_name),
                ));
            }
            w.parameter_groups.retain(|g| g.detail.parameter_group_id.as_str() != id);
            empty()
        }

        // ------------------------------------------------------------ user groups
        "user_groups" => ok(UserGroups {
            user_groups: w
                .user_groups
                .iter()
                .map(|g| UserGroup {
                    user_group_id: g.user_group_id.clone(),
                    user_group_name: g.user_group_name.clone(),
                    user_group_status: g.user_group_status.clone(),
                    created_ymdt: g.created_ymdt.clone(),
                    updated_ymdt: g.updated_ymdt.clone(),
                })
                .collect(),
        }),
        "user_group" => w
            .user_groups
            .iter()
            .find(|g| g.user_group_id.as_str() == id)
            .cloned()
            .ok_or_else(|| ApiError::not_found("User group", &id))
            .and_then(ok),
        "create_user_group" | "modify_user_group" => {
            let r: UserGroupSpec = body(raw)?;
            if name == "create_user_group" {
                r.validate_create().map_err(ApiError::invalid)?;
            } else {
                valid(&r)?;
            }
            for m in r.member_ids.iter().flatten() {
                if !w.members.iter().any(|x| &x.member_id == m) {
                    return Err(ApiError::invalid(ValidationError::new("memberIds", format!("no such project member: {m}"))));
                }
            }
            let all = r.select_all_yn == Some(true);
            let members =
                |ids: &Option<Vec<MemberId>>| ids.iter().flatten().map(|m| UserGroupMember { member_id: m.clone() }).collect::<Vec<_>>();
            if name == "create_user_group" {
                let gid = UserGroupId::new(uuid());
                let now = ts_now();
                w.user_groups.push(UserGroupDetail {
                    user_group_id: gid.clone(),
                    user_group_name: r.user_group_name.clone().unwrap_or_default(),
                    user_group_type_code: Some(if all { UserGroupTypeCode::Entire } else { UserGroupTypeCode::IndividualMember }),
                    user_group_status: Some(CreatedStatus::Created),
                    members: if all { vec![] } else { members(&r.member_ids) },
                    created_ymdt: Some(now.clone()),
                    updated_ymdt: Some(now),
                });
                ok(UserGroupCreated { user_group_id: gid })
            } else {
                let g = w
                    .user_groups
                    .iter_mut()
                    .find(|g| g.user_group_id.as_str() == id)
                    .ok_or_else(|| ApiError::not_found("User group", &id))?;
                if let Some(n) = &r.user_group_name {
                    g.user_group_name = n.clone();
                }
                if all {
                    g.user_group_type_code = Some(UserGroupTypeCode::Entire);
                    g.members.clear();
                } else if r.member_ids.is_some() {
                    g.user_group_type_code = Some(UserGroupTypeCode::IndividualMember);
                    g.members = members(&r.member_ids);
                }
                g.updated_ymdt = Some(ts_now());
                let new_name = g.user_group_name.clone();
                for n in &mut w.notification_groups {
                    for u in &mut n.user_groups {
                        if u.user_group_id.as_str() == id {
                            u.user_group_name = new_name.clone();
                        }
                    }
                }
                empty()
            }
        }
        "delete_user_group" => {
            if !w.user_groups.iter().any(|g| g.user_group_id.as_str() == id) {
                return Err(ApiError::not_found("User group", &id));
            }
            w.user_groups.retain(|g| g.user_group_id.as_str() != id);
            for n in &mut w.notification_groups {
                n.user_groups.retain(|u| u.user_group_id.as_str() != id);
            }
            empty()
        }

        // ------------------------------------------------------------ notification groups
        "notification_groups" => ok(NotificationGroups {
            notification_groups: w
                .notification_groups
                .iter()
                .map(|g| NotificationGroup {
                    notification_group_id: g.notification_group_id.clone(),
                    notification_group_name: g.notification_group_name.clone(),
                    notification_group_status: g.notification_group_status.clone(),
                    notify_email: g.notify_email,
                    notify_sms: g.notify_sms,
                    is_enabled: g.is_enabled,
                    created_ymdt: g.created_ymdt.clone(),
                    updated_ymdt: g.updated_ymdt.clone(),
                })
                .collect(),
        }),
        "notification_group" => notification_group(w, &id).cloned().and_then(ok),
        "create_notification_group" | "modify_notification_group" => {
            let r: NotificationGroupSpec = body(raw)?;
            if name == "create_notification_group" {
                r.validate_create().map_err(ApiError::invalid)?;
            } else {
                valid(&r)?;
                notification_group(w, &id)?;
            }
            let instances = match &r.db_instance_ids {
                None => None,
                Some(ids) => Some(
                    ids.iter()
                        .map(|i| {
                            w.instance(i.as_str())
                                .map(|x| WatchedInstance { db_instance_id: i.clone(), db_instance_name: x.detail.db_instance_name.clone() })
                                .ok_or_else(|| {
                                    ApiError::invalid(ValidationError::new("dbInstanceIds", format!("no such DB instance: {i}")))
                                })
                        })
                        .collect::<Result<Vec<_>, _>>()?,
                ),
            };
            let user_groups = match &r.user_group_ids {
                None => None,
                Some(ids) => Some(
                    ids.iter()
                        .map(|g| {
                            w.user_groups
                                .iter()
                                .find(|x| &x.user_group_id == g)
                                .map(|x| NotifiedUserGroup { user_group_id: g.clone(), user_group_name: x.user_group_name.clone() })
                                .ok_or_else(|| ApiError::invalid(ValidationError::new("userGroupIds", format!("no such user group: {g}"))))
                        })
                        .collect::<Result<Vec<_>, _>>()?,
                ),
            };
            if name == "create_notification_group" {
                let gid = NotificationGroupId::new(uuid());
                let now = ts_now();
                w.notification_groups.push(NotificationGroupDetail {
                    notification_group_id: gid.clone(),
                    notification_group_name: r.notification_group_name.clone().unwrap_or_default(),
                    notification_group_status: Some(CreatedStatus::Created),
                    notify_email: r.notify_email.unwrap_or(true),
                    notify_sms: r.notify_sms.unwrap_or(true),
                    is_enabled: r.is_enabled.unwrap_or(true),
                    db_instances: instances.unwrap_or_default(),
                    user_groups: user_groups.unwrap_or_default(),
                    created_ymdt: Some(now.clone()),
                    updated_ymdt: Some(now),
                });
                w.watchdogs.insert(gid.clone(), vec![]);
                ok(NotificationGroupCreated { notification_group_id: gid })
            } else {
                let g = notification_group_mut(w, &id)?;
                if let Some(v) = r.notification_group_name {
                    g.notification_group_name = v;
                }
                if let Some(v) = r.notify_email {
                    g.notify_email = v;
                }
                if let Some(v) = r.notify_sms {
                    g.notify_sms = v;
                }
                if let Some(v) = r.is_enabled {
                    g.is_enabled = v;
                }
                if let Some(v) = instances {
                    g.db_instances = v;
                }
                if let Some(v) = user_groups {
                    g.user_groups = v;
                }
                g.updated_ymdt = Some(ts_now());
                empty()
            }
        }
        "delete_notification_group" => {
            notification_group(w, &id)?;
            w.notification_groups.retain(|g| g.notification_group_id.as_str() != id);
            w.watchdogs.remove(&NotificationGroupId::new(id.clone()));
            empty()
        }
        "watchdogs" => {
            notification_group(w, &id)?;
            ok(Watchdogs { watchdogs: w.watchdogs.get(&NotificationGroupId::new(id.clone())).cloned().unwrap_or_default() })
        }
        "create_watchdog" | "modify_watchdog" => {
            let r: WatchdogSpec = body(raw)?;
            valid(&r)?;
            if !METRICS.iter().any(|(m, _)| *m == r.metric_name) {
                return Err(ApiError::invalid(ValidationError::new("metricName", format!("no such metric: {}", r.metric_name))));
            }
            notification_group(w, &id)?;
            let list = w.watchdogs.entry(NotificationGroupId::new(id.clone())).or_default();
            if name == "create_watchdog" {
                let wid = WatchdogId::new(uuid());
                let now = ts_now();
                list.push(Watchdog {
                    watchdog_id: wid.clone(),
                    metric_name: r.metric_name,
                    comparison_operator: r.comparison_operator,
                    threshold: r.threshold,
                    duration: r.duration,
                    created_ymdt: Some(now.clone()),
                    updated_ymdt: Some(now),
                });
                ok(WatchdogCreated { watchdog_id: wid })
            } else {
                let wid = param(p, 1).to_string();
                let wd =
                    list.iter_mut().find(|x| x.watchdog_id.as_str() == wid).ok_or_else(|| ApiError::not_found("Watch setting", &wid))?;
                wd.metric_name = r.metric_name;
                wd.comparison_operator = r.comparison_operator;
                wd.threshold = r.threshold;
                wd.duration = r.duration;
                wd.updated_ymdt = Some(ts_now());
                empty()
            }
        }
        "delete_watchdog" => {
            notification_group(w, &id)?;
            let wid = param(p, 1).to_string();
            let list = w.watchdogs.entry(NotificationGroupId::new(id.clone())).or_default();
            if !list.iter().any(|x| x.watchdog_id.as_str() == wid) {
                return Err(ApiError::not_found("Watch setting", &wid));
            }
            list.retain(|x| x.watchdog_id.as_str() != wid);
            empty()
        }

        // ------------------------------------------------------------ monitoring and events
        "metrics" => ok(Metrics { metrics: METRICS.iter().map(|(n, u)| Metric { metric_name: (*n).into(), unit: (*u).into() }).collect() }),
        "metric_statistics" => {
            let query = MetricQuery {
                db_instance_id: query_one(q, "dbInstanceId").unwrap_or("").into(),
                metric_names: query_all(q, "metricNames"),
                from: query_one(q, "from").unwrap_or("").into(),
                to: query_one(q, "to").unwrap_or("").into(),
                interval: query_u32(q, "interval")?,
            };
            valid(&query)?;
            let i = inst(w, query.db_instance_id.as_str())?;
            let from = rds::datetime::parse_rfc3339_lenient(&query.from).unwrap_or(0);
            let to = rds::datetime::parse_rfc3339_lenient(&query.to).unwrap_or(0);
            if to - from > 31 * 86_400 {
                return Err(ApiError::invalid(ValidationError::new("to", "the range may cover at most 31 days")));
            }
            let interval = query.interval.unwrap_or_else(|| metrics::auto_interval(from, to));
            let running = i.detail.db_instance_status == Some(DbInstanceStatus::Available);
            let mut out = Vec::new();
            for m in &query.metric_names {
                let unit = METRICS
                    .iter()
                    .find(|(n, _)| n == m)
                    .map(|(_, u)| *u)
                    .ok_or_else(|| ApiError::invalid(ValidationError::new("metricNames", format!("no such metric: {m}"))))?;
                out.push(metrics::series(
                    i.detail.db_instance_id.as_str(),
                    m,
                    unit,
                    from,
                    to.min(unix_now()),
                    interval,
                    i.storage.storage_size,
                    running,
                ));
            }
            ok(MetricStatistics { metric_statistics: out })
        }
        "events" => {
            let query = EventQuery {
                page: query_u32(q, "page")?.ok_or_else(|| ApiError::invalid(ValidationError::new("page", "is required")))?,
                size: query_u32(q, "size")?.ok_or_else(|| ApiError::invalid(ValidationError::new("size", "is required")))?,
                from: query_one(q, "from").unwrap_or("").into(),
                to: query_one(q, "to").unwrap_or("").into(),
                event_category_type: EventCategoryType::parse(query_one(q, "eventCategoryType").unwrap_or("")),
                source_id: query_one(q, "sourceId").map(str::to_string),
                keyword: query_one(q, "keyword").map(str::to_string),
            };
            valid(&query)?;
            let from = rds::datetime::parse_rfc3339_lenient(&query.from).unwrap_or(0);
            let to = rds::datetime::parse_rfc3339_lenient(&query.to).unwrap_or(i64::MAX);
            let keyword = query.keyword.as_deref().map(str::to_lowercase);
            let mut all: Vec<Event> = w
                .events
                .iter()
                .filter(|e| {
                    query.event_category_type == EventCategoryType::All
                        || e.event_category_type.as_ref() == Some(&query.event_category_type)
                })
                .filter(|e| query.source_id.as_ref().is_none_or(|s| &e.source_id == s))
                .filter(|e| e.event_ymdt.as_ref().and_then(Timestamp::unix).is_some_and(|t| t >= from && t <= to))
                .filter(|e| {
                    keyword.as_ref().is_none_or(|k| {
                        e.messages.iter().any(|m| m.message.to_lowercase().contains(k)) || e.source_name.to_lowercase().contains(k)
                    })
                })
                .cloned()
                .collect();
            // Newest first, as the console lists them.
            all.reverse();
            all.sort_by_key(|e| std::cmp::Reverse(e.event_ymdt.as_ref().and_then(Timestamp::unix)));
            ok(Events { total_counts: all.len() as u64, events: paged(&all, query.page, query.size) })
        }
        "event_codes" => ok(EventCodes {
            event_codes: EVENT_CODES
                .iter()
                .map(|(c, cat, _)| EventCode { event_code: (*c).into(), event_category_type: Some(EventCategoryType::parse(cat)) })
                .collect(),
        }),

        // ------------------------------------------------------------ extensions
        "extensions" => {
            group_extensions(w, &id)?;
            ok(Extensions { extensions: w.extensions[&DbInstanceGroupId::new(id.clone())].clone() })
        }
        "install_extension" => {
            let r: InstallExtension = body(raw)?;
            valid(&r)?;
            let ext_id = param(p, 1).to_string();
            let database_name = w
                .group_members(&id)
                .iter()
                .flat_map(|i| i.databases.iter())
                .find(|d| d.database_id == r.database_id)
                .map(|d| d.database_name.clone())
                .ok_or_else(|| ApiError::not_found("Database", r.database_id.as_str()))?;
            let list = group_extensions(w, &id)?;
            let ext =
                list.iter_mut().find(|e| e.extension_id.as_str() == ext_id).ok_or_else(|| ApiError::not_found("Extension", &ext_id))?;
            if ext.extension_status == Some(ExtensionStatus::Applying) {
                return Err(ApiError::state("Extensions are being applied; try again when that ends"));
            }
            if ext.databases.iter().any(|d| d.database_id == r.database_id) {
                return Err(ApiError::new(
                    codes::WRONG_STATE,
                    format!("{} is already installed (or waiting) in {database_name}", ext.extension_name),
                ));
            }
            ext.databases.push(ExtensionDatabase {
                db_instance_group_extension_id: GroupExtensionId::new(uuid()),
                db_instance_group_extension_status: Some(GroupExtensionStatus::Created),
                database_id: r.database_id,
                database_name,
                reserved_action: Some(if r.with_cascade == Some(true) {
                    ExtensionReservedAction::InstallWithCascade
                } else {
                    ExtensionReservedAction::Install
                }),
                error_reason: None,
            });
            ext.extension_status = Some(ExtensionStatus::NeedToApply);
            empty()
        }
        "delete_extension" => {
            let gx = param(p, 1).to_string();
            let cascade = query_one(q, "withCascade") == Some("true");
            let list = group_extensions(w, &id)?;
            let ext = list
                .iter_mut()
                .find(|e| e.databases.iter().any(|d| d.db_instance_group_extension_id.as_str() == gx))
                .ok_or_else(|| ApiError::not_found("Extension in the group", &gx))?;
            let pos = ext.databases.iter().position(|d| d.db_instance_group_extension_id.as_str() == gx).unwrap_or_default();
            let pending_install = matches!(
                ext.databases[pos].reserved_action,
                Some(ExtensionReservedAction::Install | ExtensionReservedAction::InstallWithCascade)
            );
            if pending_install {
                // Cancels an install not applied yet.
                ext.databases.remove(pos);
            } else {
                ext.databases[pos].reserved_action =
                    Some(if cascade { ExtensionReservedAction::DeleteWithCascade } else { ExtensionReservedAction::Delete });
            }
            let waiting = ext.databases.iter().any(|d| d.reserved_action.as_ref().is_some_and(|a| *a != ExtensionReservedAction::None));
            ext.extension_status = Some(if waiting { ExtensionStatus::NeedToApply } else { ExtensionStatus::Available });
            empty()
        }
        "apply_extensions" | "sync_extensions" => {
            let applying = name == "apply_extensions";
            let group = DbInstanceGroupId::new(id.clone());
            group_extensions(w, &id)?;
            if applying && !w.extensions[&group].iter().any(|e| e.extension_status == Some(ExtensionStatus::NeedToApply)) {
                return Err(ApiError::state("No extension changes wait to be applied"));
            }
            let members = w.group_members(&id);
            let master = members
                .iter()
                .find(|i| i.detail.db_instance_type == Some(DbInstanceType::Master))
                .or(members.first())
                .map(|i| i.detail.db_instance_id.0.clone())
                .unwrap_or_default();
            ready(w, &master, AVAILABLE)?;
            if applying {
                for e in w.extensions.get_mut(&group).into_iter().flatten() {
                    if e.extension_status == Some(ExtensionStatus::NeedToApply) {
                        e.extension_status = Some(ExtensionStatus::Applying);
                    }
                }
            }
            let progress = if applying { ProgressStatus::ApplyingExtension } else { ProgressStatus::SyncingExtension };
            instance_job(w, &master, progress, ("", ""), move |w| {
                for e in w.extensions.get_mut(&group).into_iter().flatten() {
                    if !applying {
                        continue;
                    }
                    e.databases.retain(|d| {
                        !matches!(d.reserved_action, Some(ExtensionReservedAction::Delete | ExtensionReservedAction::DeleteWithCascade))
                    });
                    for d in &mut e.databases {
                        d.reserved_action = Some(ExtensionReservedAction::None);
                        d.db_instance_group_extension_status = Some(GroupExtensionStatus::Installed);
                    }
                    e.extension_status = Some(ExtensionStatus::Available);
                }
            })
        }
        other => Err(ApiError::new(codes::NOT_FOUND, format!("No such API: {other}"))),
    }
}

fn check_parameter_value(pm: &Parameter, value: &str) -> Result<(), ApiError> {
    // The same rule pgdeck checks before sending: range with its unit,
    // enum membership, booleans (rds::params).
    rds::params::check(pm, value).map_err(ApiError::invalid)
}

fn resolve_databases(i: &Instance, r: &HbaRuleSpec) -> Result<Vec<HbaDatabase>, ApiError> {
    if r.database_apply_type != Some(ApplyType::UserCustom) {
        return Ok(vec![]);
    }
    r.database_ids
        .iter()
        .map(|d| {
            i.databases
                .iter()
                .find(|x| &x.database_id == d)
                .map(|x| HbaDatabase { database_id: x.database_id.clone(), database_name: x.database_name.clone() })
                .ok_or_else(|| ApiError::invalid(ValidationError::new("databaseIds", format!("no such database: {d}"))))
        })
        .collect()
}

fn resolve_users(i: &Instance, r: &HbaRuleSpec) -> Result<Vec<HbaDbUser>, ApiError> {
    if r.db_user_apply_type != Some(ApplyType::UserCustom) {
        return Ok(vec![]);
    }
    r.db_user_ids
        .iter()
        .map(|u| {
            i.users
                .iter()
                .find(|x| &x.db_user_id == u)
                .map(|x| HbaDbUser { db_user_id: x.db_user_id.clone(), db_user_name: x.db_user_name.clone() })
                .ok_or_else(|| ApiError::invalid(ValidationError::new("dbUserIds", format!("no such DB user: {u}"))))
        })
        .collect()
}

fn rule_from_spec(r: SecurityRuleSpec) -> SecurityRule {
    let now = ts_now();
    SecurityRule {
        rule_id: uuid().into(),
        description: r.description,
        direction: r.direction,
        ether_type: r.ether_type,
        port: r.port,
        cidr: r.cidr,
        created_ymdt: Some(now.clone()),
        updated_ymdt: Some(now),
    }
}

fn backup<'a>(w: &'a World, id: &str) -> Result<&'a Backup, ApiError> {
    w.backups.iter().find(|b| b.backup_id.as_str() == id).ok_or_else(|| ApiError::not_found("Backup", id))
}

fn security_group<'a>(w: &'a World, id: &str) -> Result<&'a DbSecurityGroupDetail, ApiError> {
    w.security_groups.iter().find(|g| g.db_security_group_id.as_str() == id).ok_or_else(|| ApiError::not_found("DB security group", id))
}

fn security_group_mut<'a>(w: &'a mut World, id: &str) -> Result<&'a mut DbSecurityGroupDetail, ApiError> {
    w.security_groups.iter_mut().find(|g| g.db_security_group_id.as_str() == id).ok_or_else(|| ApiError::not_found("DB security group", id))
}

fn param_group<'a>(w: &'a World, id: &str) -> Result<&'a ParamGroup, ApiError> {
    w.parameter_groups.iter().find(|g| g.detail.parameter_group_id.as_str() == id).ok_or_else(|| ApiError::not_found("Parameter group", id))
}

fn param_group_mut<'a>(w: &'a mut World, id: &str) -> Result<&'a mut ParamGroup, ApiError> {
    w.parameter_groups
        .iter_mut()
        .find(|g| g.detail.parameter_group_id.as_str() == id)
        .ok_or_else(|| ApiError::not_found("Parameter group", id))
}

fn notification_group<'a>(w: &'a World, id: &str) -> Result<&'a NotificationGroupDetail, ApiError> {
    w.notification_groups
        .iter()
        .find(|g| g.notification_group_id.as_str() == id)
        .ok_or_else(|| ApiError::not_found("Notification group", id))
}

fn notification_group_mut<'a>(w: &'a mut World, id: &str) -> Result<&'a mut NotificationGroupDetail, ApiError> {
    w.notification_groups
        .iter_mut()
        .find(|g| g.notification_group_id.as_str() == id)
        .ok_or_else(|| ApiError::not_found("Notification group", id))
}

/// Adds a backup in `BACKING_UP` for an instance; returns its id.
fn take_backup(w: &mut World, instance: &str, kind: BackupType, name: Option<&str>) -> BackupId {
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

fn finish_backup(w: &mut World, id: &BackupId) {
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
fn restore_into(w: &mut World, r: &RestoreTarget, version: &str, source: Option<&Instance>) -> Answer {
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
