//! What each endpoint does to the emulated world.

use crate::metrics;
use crate::world::*;
use crate::{codes, ApiError};
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

/// The request body as the endpoint's type; no body reads as `{}`, so a
/// type with required fields names the first one missing.
fn body<T: DeserializeOwned>(raw: &[u8]) -> Result<T, ApiError> {
    let raw = if raw.iter().all(u8::is_ascii_whitespace) { b"{}".as_slice() } else { raw };
    serde_json::from_slice(raw).map_err(|e| ApiError::new(codes::INVALID, format!("Invalid request body: {e}")))
}

fn valid<T: Validate>(v: &T) -> Result<(), ApiError> {
    v.validate().map_err(ApiError::invalid)
}

/// The query string as the endpoint's query type (repeated keys, as in
/// `ruleIds=a&ruleIds=b`, fill a list), or which parameter is wrong.
pub fn query<T: DeserializeOwned>(raw: &str) -> Result<T, ApiError> {
    serde_html_form::from_str(raw).map_err(|e| ApiError::new(codes::INVALID, format!("Invalid parameter: {e}")))
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
    if w.versions.iter().any(|x| rds::versions::same(&x.db_version, v)) {
        Ok(())
    } else {
        Err(ApiError::invalid(ValidationError::new("dbVersion", format!("unsupported DB version: {v}"))))
    }
}

fn check_parameter_group(w: &World, id: &ParameterGroupId, version: &str) -> Result<(), ApiError> {
    match w.parameter_groups.iter().find(|p| &p.detail.parameter_group_id == id) {
        None => Err(ApiError::invalid(ValidationError::new("parameterGroupId", format!("no such parameter group: {id}")))),
        Some(p) if !rds::versions::same(&p.detail.db_version, version) => Err(ApiError::invalid(ValidationError::new(
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

fn paged<T: Clone>(items: &[T], page: u32, size: u32) -> Vec<T> {
    let start = (page.saturating_sub(1) as usize).saturating_mul(size as usize);
    items.iter().skip(start).take(size as usize).cloned().collect()
}

mod backups;
mod catalogue;
mod databases;
mod extensions;
mod ha;
mod hba;
mod instances;
mod monitoring;
mod notifications;
mod parameters;
mod security_groups;
use backups::*;
use catalogue::*;
use databases::*;
use extensions::*;
use ha::*;
use hba::*;
use instances::*;
use monitoring::*;
use notifications::*;
use parameters::*;
use security_groups::*;

/// Generates [`handle`] from the endpoint table: for every endpoint, its
/// path ids, query and body are decoded into the endpoint's own types and handed
/// to the function of the same name in the area modules. An endpoint added
/// to the table without a handler does not compile.
macro_rules! dispatch {
    (@call $name:ident $w:ident ($($p:ident),*) [] [] $q:ident $raw:ident) => {
        $name($w $(, $p)*)
    };
    (@call $name:ident $w:ident ($($p:ident),*) [$b:ty] [] $q:ident $raw:ident) => {
        $name($w $(, $p)*, body::<$b>($raw)?)
    };
    (@call $name:ident $w:ident ($($p:ident),*) [] [$qt:ty] $q:ident $raw:ident) => {
        $name($w $(, $p)*, query::<$qt>($q)?)
    };
    ($($name:ident ( $($p:ident : $pt:ty),* ) $([body: $b:ty])? $([query: $qt:ty])? -> $ans:ident = $m:ident $path:literal, $perm:literal, $title:literal;)*) => {
        /// Serves one call of endpoint `name`. `p` holds the path parameters
        /// in order, `q` the query string (decoded into the endpoint's query
        /// type) and `raw` the body.
        pub fn handle(w: &mut World, name: &str, p: &[String], q: &str, raw: &[u8]) -> Answer {
            match name {
                $(stringify!($name) => {
                    let mut _ids = p.iter();
                    $( let $p = <$pt>::new(_ids.next().cloned().unwrap_or_default()); )*
                    dispatch!(@call $name w ($($p),*) [$($b)?] [$($qt)?] q raw)
                })*
                other => Err(ApiError::new(codes::NOT_FOUND, format!("No such API: {other}"))),
            }
        }
    };
}

rds::for_each_endpoint!(dispatch);

fn param_group<'a>(w: &'a World, id: &str) -> Result<&'a ParamGroup, ApiError> {
    w.parameter_groups.iter().find(|g| g.detail.parameter_group_id.as_str() == id).ok_or_else(|| ApiError::not_found("Parameter group", id))
}

fn param_group_mut<'a>(w: &'a mut World, id: &str) -> Result<&'a mut ParamGroup, ApiError> {
    w.parameter_groups
        .iter_mut()
        .find(|g| g.detail.parameter_group_id.as_str() == id)
        .ok_or_else(|| ApiError::not_found("Parameter group", id))
}
