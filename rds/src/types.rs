//! Request and answer bodies of every endpoint, following the guide's field
//! tables (camelCase on the wire).
//!
//! Answers are tolerant: every field has a default, so a field upstream drops
//! or renames never fails a page; enums are open and date-times lenient.
//! Requests skip the optional fields they do not set.

use crate::datetime::Timestamp;
use crate::enums::*;
use crate::ids::*;
use crate::validate::{self, known_enum, range, required, Validate, ValidationError};
use serde::{Deserialize, Serialize};

/// The `header` of every answer.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Header {
    /// 0 on success.
    pub result_code: i64,
    /// Upstream's words.
    pub result_message: String,
    /// Whether the call succeeded.
    pub is_successful: bool,
}

impl Header {
    /// A success header.
    pub fn ok() -> Self {
        Self { result_code: 0, result_message: "SUCCESS".into(), is_successful: true }
    }

    /// A failure header.
    pub fn fail(code: i64, message: impl Into<String>) -> Self {
        Self { result_code: code, result_message: message.into(), is_successful: false }
    }
}

/// An answer that carries nothing but its header.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Empty {}

/// The answer of every call that starts an asynchronous job.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct JobAnswer {
    /// The job to follow with `GET /v1.0/jobs/{jobId}`.
    pub job_id: JobId,
}

fn is_false(b: &bool) -> bool {
    !*b
}

// ---------------------------------------------------------------- catalogue

/// One DB engine version.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DbVersionInfo {
    pub db_version: String,
    pub db_version_name: String,
    pub restorable_from_obs: bool,
}

/// `GET /v1.0/db-versions`, `GET /v1.0/db-instances/{id}/available-db-versions`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DbVersions {
    pub db_versions: Vec<DbVersionInfo>,
}

/// One instance specification.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DbFlavor {
    pub db_flavor_id: DbFlavorId,
    pub db_flavor_name: String,
    /// Memory in MB.
    pub ram: u64,
    pub vcpus: u32,
}

/// `GET /v1.0/db-flavors`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DbFlavors {
    pub db_flavors: Vec<DbFlavor>,
}

/// One region.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Region {
    pub region_code: String,
    pub is_enabled: bool,
}

/// `GET /v1.0/project/regions`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Regions {
    pub regions: Vec<Region>,
}

/// One project member.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Member {
    pub member_id: MemberId,
    pub member_name: String,
    pub email_address: Option<String>,
    pub phone_number: Option<String>,
}

/// `GET /v1.0/project/members`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Members {
    pub members: Vec<Member>,
}

/// One subnet.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Subnet {
    pub subnet_id: SubnetId,
    pub subnet_name: String,
    pub subnet_cidr: String,
    pub using_gateway: bool,
    pub available_ip_count: u64,
}

/// `GET /v1.0/network/subnets`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Subnets {
    pub subnets: Vec<Subnet>,
}

/// `GET /v1.0/storage-types`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct StorageTypes {
    pub storage_types: Vec<String>,
}

// ---------------------------------------------------------------- jobs

/// A resource a job touches.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ResourceRelation {
    pub resource_type: Option<ResourceType>,
    pub resource_id: String,
}

/// `GET /v1.0/jobs/{jobId}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Job {
    pub job_id: JobId,
    pub job_status: JobStatus,
    #[serde(default)]
    pub resource_relations: Vec<ResourceRelation>,
    #[serde(default)]
    pub created_ymdt: Option<Timestamp>,
    #[serde(default)]
    pub updated_ymdt: Option<Timestamp>,
}

// ---------------------------------------------------------------- instance groups

/// One instance group in `GET /v1.0/db-instance-groups`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DbInstanceGroup {
    pub db_instance_group_id: DbInstanceGroupId,
    pub db_instance_group_status: Option<CreatedStatus>,
    pub replication_type: Option<ReplicationType>,
    pub created_ymdt: Option<Timestamp>,
    pub updated_ymdt: Option<Timestamp>,
}

/// `GET /v1.0/db-instance-groups`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DbInstanceGroups {
    pub db_instance_groups: Vec<DbInstanceGroup>,
}

/// A member instance of a group.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct GroupInstance {
    pub db_instance_id: DbInstanceId,
    pub db_instance_type: Option<DbInstanceType>,
    pub db_instance_status: Option<DbInstanceStatus>,
}

/// `GET /v1.0/db-instance-groups/{id}`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DbInstanceGroupDetail {
    pub db_instance_group_id: DbInstanceGroupId,
    pub db_instance_group_status: Option<CreatedStatus>,
    pub replication_type: Option<ReplicationType>,
    pub db_instances: Vec<GroupInstance>,
    pub created_ymdt: Option<Timestamp>,
    pub updated_ymdt: Option<Timestamp>,
}

// ---------------------------------------------------------------- instances

/// One instance in `GET /v1.0/db-instances`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DbInstance {
    pub db_instance_id: DbInstanceId,
    pub db_instance_group_id: DbInstanceGroupId,
    pub db_instance_name: String,
    pub description: Option<String>,
    pub db_version: String,
    pub db_port: u32,
    pub db_instance_type: Option<DbInstanceType>,
    pub db_instance_status: Option<DbInstanceStatus>,
    pub progress_status: Option<ProgressStatus>,
    pub created_ymdt: Option<Timestamp>,
    pub updated_ymdt: Option<Timestamp>,
}

/// `GET /v1.0/db-instances`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DbInstances {
    pub db_instances: Vec<DbInstance>,
}

/// `GET /v1.0/db-instances/{id}`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DbInstanceDetail {
    pub db_instance_id: DbInstanceId,
    pub db_instance_group_id: DbInstanceGroupId,
    pub db_instance_name: String,
    pub description: Option<String>,
    pub db_version: String,
    pub db_port: u32,
    pub db_instance_type: Option<DbInstanceType>,
    pub db_instance_status: Option<DbInstanceStatus>,
    pub progress_status: Option<ProgressStatus>,
    pub db_flavor_id: DbFlavorId,
    pub parameter_group_id: ParameterGroupId,
    pub db_security_group_ids: Vec<DbSecurityGroupId>,
    pub notification_group_ids: Vec<NotificationGroupId>,
    pub use_deletion_protection: bool,
    pub need_to_apply_parameter_group: bool,
    pub need_migration: bool,
    pub os_version: Option<String>,
    pub created_ymdt: Option<Timestamp>,
    pub updated_ymdt: Option<Timestamp>,
}

/// Network part of a create, restore or replicate request.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct NetworkSpec {
    /// Required on create and restore; replicas keep their source's subnet.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subnet_id: Option<SubnetId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub use_public_access: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub availability_zone: Option<String>,
}

/// Storage part of a create, restore or replicate request.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct StorageSpec {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub storage_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub storage_size: Option<u32>,
}

/// One automatic-backup window.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BackupSchedule {
    /// Start, `hh:mm:ss`.
    pub backup_wnd_bgn_time: String,
    pub backup_wnd_duration: WindowDuration,
    /// Present in the guide's examples only (docs/upstream-api.md #5): kept when sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backup_retry_expire_time: Option<String>,
}

impl Validate for BackupSchedule {
    fn validate(&self) -> Result<(), ValidationError> {
        validate::time_of_day("backupWndBgnTime", &self.backup_wnd_bgn_time)?;
        validate::window_duration("backupWndDuration", &self.backup_wnd_duration)?;
        if let Some(t) = &self.backup_retry_expire_time {
            validate::time_of_day("backupRetryExpireTime", t)?;
        }
        Ok(())
    }
}

/// Backup part of a create, restore or replicate request.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct BackupSpec {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub backup_period: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub backup_retry_count: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub backup_schedules: Option<Vec<BackupSchedule>>,
}

impl Validate for BackupSpec {
    fn validate(&self) -> Result<(), ValidationError> {
        if let Some(p) = self.backup_period {
            validate::BackupPeriod::new(p).map_err(|e| e.within("backup"))?;
        }
        if let Some(r) = self.backup_retry_count {
            validate::BackupRetryCount::new(r).map_err(|e| e.within("backup"))?;
        }
        for s in self.backup_schedules.iter().flatten() {
            s.validate().map_err(|e| e.within("backup.backupSchedules"))?;
        }
        Ok(())
    }
}

fn check_ha(ping: Option<u32>, wait: Option<i64>) -> Result<(), ValidationError> {
    if let Some(p) = ping {
        validate::PingInterval::new(p)?;
    }
    if let Some(w) = wait {
        validate::FailoverReplWaitingTime::new(w)?;
    }
    Ok(())
}

fn check_storage(s: &StorageSpec, required_fields: bool) -> Result<(), ValidationError> {
    match (&s.storage_type, required_fields) {
        (None, true) => return Err(ValidationError::new("storage.storageType", "is required")),
        (Some(t), _) => required("storage.storageType", t)?,
        _ => {}
    }
    match (s.storage_size, required_fields) {
        (None, true) => return Err(ValidationError::new("storage.storageSize", "is required")),
        (Some(n), _) => {
            validate::StorageSize::new(n).map_err(|e| e.within("storage"))?;
        }
        _ => {}
    }
    Ok(())
}

fn check_subnet(n: &NetworkSpec) -> Result<(), ValidationError> {
    match &n.subnet_id {
        Some(id) if !id.as_str().trim().is_empty() => Ok(()),
        _ => Err(ValidationError::new("network.subnetId", "is required")),
    }
}

/// `POST /v1.0/db-instances`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CreateDbInstance {
    pub db_instance_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub db_flavor_id: DbFlavorId,
    pub db_version: String,
    pub db_port: u32,
    pub database_name: String,
    pub db_user_name: String,
    /// Secret.
    pub db_password: String,
    pub parameter_group_id: ParameterGroupId,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub db_security_group_ids: Vec<DbSecurityGroupId>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub user_group_ids: Vec<UserGroupId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub use_deletion_protection: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub use_default_notification: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub use_high_availability: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ping_interval: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub failover_repl_waiting_time: Option<i64>,
    pub network: NetworkSpec,
    pub storage: StorageSpec,
    pub backup: BackupSpec,
}

impl CreateDbInstance {
    /// Every limit the request breaks, one per field, so a form can show
    /// them all next to their fields at once.
    pub fn problems(&self) -> Vec<ValidationError> {
        let backup_period = match self.backup.backup_period {
            None => Err(ValidationError::new("backup.backupPeriod", "is required")),
            Some(p) => validate::BackupPeriod::new(p).map(|_| ()).map_err(|e| e.within("backup")),
        };
        let retries = match self.backup.backup_retry_count {
            None => Ok(()),
            Some(r) => validate::BackupRetryCount::new(r).map(|_| ()).map_err(|e| e.within("backup")),
        };
        let schedules =
            self.backup.backup_schedules.iter().flatten().try_for_each(|s| s.validate().map_err(|e| e.within("backup.backupSchedules")));
        let checks = [
            required("dbInstanceName", &self.db_instance_name)
                .and_then(|_| validate::resource_name("dbInstanceName", &self.db_instance_name, true)),
            required("dbFlavorId", self.db_flavor_id.as_str()),
            required("dbVersion", &self.db_version),
            validate::Port::new(self.db_port).map(|_| ()),
            required("databaseName", &self.database_name).and_then(|_| validate::length("databaseName", &self.database_name, 1, 63)),
            validate::db_user_text("dbUserName", &self.db_user_name),
            validate::create_db_password("dbPassword", &self.db_password),
            required("parameterGroupId", self.parameter_group_id.as_str()),
            self.ping_interval.map_or(Ok(()), |p| validate::PingInterval::new(p).map(|_| ())),
            self.failover_repl_waiting_time.map_or(Ok(()), |w| validate::FailoverReplWaitingTime::new(w).map(|_| ())),
            check_subnet(&self.network),
            check_storage(&self.storage, true),
            backup_period,
            retries,
            schedules,
            validate::description("description", &self.description),
        ];
        checks.into_iter().filter_map(Result::err).collect()
    }
}

impl Validate for CreateDbInstance {
    fn validate(&self) -> Result<(), ValidationError> {
        match self.problems().into_iter().next() {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }
}

/// `PUT /v1.0/db-instances/{id}`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ModifyDbInstance {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub db_instance_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub db_port: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub db_flavor_id: Option<DbFlavorId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parameter_group_id: Option<ParameterGroupId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub db_security_group_ids: Option<Vec<DbSecurityGroupId>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub execute_backup: Option<bool>,
}

impl Validate for ModifyDbInstance {
    fn validate(&self) -> Result<(), ValidationError> {
        validate::description("description", &self.description)?;
        if let Some(n) = &self.db_instance_name {
            required("dbInstanceName", n)?;
            validate::resource_name("dbInstanceName", n, true)?;
        }
        if let Some(p) = self.db_port {
            validate::Port::new(p)?;
        }
        Ok(())
    }
}

/// `GET /v1.0/db-instances/{id}/high-availability` (docs/upstream-api.md #4).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct HighAvailability {
    pub use_high_availability: bool,
    pub ha_status: Option<HaStatus>,
    pub ping_interval: Option<u32>,
    pub failover_repl_waiting_time: Option<i64>,
}

/// `PUT /v1.0/db-instances/{id}/high-availability`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ModifyHighAvailability {
    pub use_high_availability: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ping_interval: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub failover_repl_waiting_time: Option<i64>,
}

impl Validate for ModifyHighAvailability {
    fn validate(&self) -> Result<(), ValidationError> {
        check_ha(self.ping_interval, self.failover_repl_waiting_time)
    }
}

/// `GET /v1.0/db-instances/{id}/storage-info`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct StorageInfo {
    pub storage_type: String,
    pub storage_size: u32,
    pub storage_status: Option<StorageStatus>,
}

/// `PUT /v1.0/db-instances/{id}/storage-info`. The "never below the current
/// size" rule needs the current size: see [`validate::StorageSize::grow`].
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ModifyStorage {
    pub storage_size: u32,
}

impl Validate for ModifyStorage {
    fn validate(&self) -> Result<(), ValidationError> {
        validate::StorageSize::new(self.storage_size).map(|_| ())
    }
}

/// Subnet of an instance.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct InstanceSubnet {
    pub subnet_id: SubnetId,
    pub subnet_name: String,
    pub subnet_cidr: String,
    pub public_accessible: bool,
}

/// One connection endpoint.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct EndPoint {
    pub domain: String,
    pub ip_address: String,
    pub end_point_type: Option<EndPointType>,
}

/// `GET /v1.0/db-instances/{id}/network-info`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct NetworkInfo {
    pub availability_zone: String,
    pub subnet: InstanceSubnet,
    pub end_points: Vec<EndPoint>,
}

/// `PUT /v1.0/db-instances/{id}/network-info`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ModifyNetwork {
    pub use_public_access: bool,
}

/// `GET /v1.0/db-instances/{id}/backup-info`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct BackupInfo {
    pub backup_period: u32,
    pub backup_retry_count: u32,
    pub backup_schedules: Vec<BackupSchedule>,
}

/// `PUT /v1.0/db-instances/{id}/backup-info`: the same fields as [`BackupSpec`].
pub type ModifyBackupInfo = BackupSpec;

/// A backup as listed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Backup {
    pub backup_id: BackupId,
    pub backup_name: String,
    pub backup_status: Option<BackupStatus>,
    pub db_instance_id: DbInstanceId,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub db_instance_name: Option<String>,
    pub db_version: String,
    pub backup_type: Option<BackupType>,
    /// Bytes.
    pub backup_size: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub failover_count: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wal_file_name: Option<String>,
    pub created_ymdt: Option<Timestamp>,
    pub updated_ymdt: Option<Timestamp>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_ymdt: Option<Timestamp>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub completed_ymdt: Option<Timestamp>,
}

/// A backup usable for a restore.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct RestorableBackup {
    pub backup: Backup,
}

/// `GET /v1.0/db-instances/{id}/restoration-info`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct RestorationInfo {
    pub oldest_restorable_ymdt: Option<Timestamp>,
    pub latest_restorable_ymdt: Option<Timestamp>,
    pub restorable_backups: Vec<RestorableBackup>,
}

/// What to restore from.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct RestoreSpec {
    pub restore_type: Option<RestoreType>,
    /// For `TIMESTAMP`: the instant to restore to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub restore_ymdt: Option<String>,
    /// For `BACKUP`: the guide names no field for the backup; `backupId`
    /// is the name every other endpoint uses, so pgdeck sends that.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub backup_id: Option<BackupId>,
}

/// The fields shared by both restore calls (instance point-in-time and backup).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct RestoreTarget {
    pub db_instance_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub db_flavor_id: DbFlavorId,
    pub db_port: u32,
    pub parameter_group_id: ParameterGroupId,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub db_security_group_ids: Vec<DbSecurityGroupId>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub user_group_ids: Vec<UserGroupId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub use_default_notification: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub use_deletion_protection: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub use_high_availability: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ping_interval: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub failover_repl_waiting_time: Option<i64>,
    pub network: NetworkSpec,
    pub storage: StorageSpec,
    pub backup: BackupSpec,
}

impl Validate for RestoreTarget {
    fn validate(&self) -> Result<(), ValidationError> {
        required("dbInstanceName", &self.db_instance_name)?;
        validate::resource_name("dbInstanceName", &self.db_instance_name, true)?;
        required("dbFlavorId", self.db_flavor_id.as_str())?;
        // docs/upstream-api.md #6: the guide's 3306–43306 is a copy from MySQL.
        validate::Port::new(self.db_port)?;
        required("parameterGroupId", self.parameter_group_id.as_str())?;
        check_ha(self.ping_interval, self.failover_repl_waiting_time)?;
        check_subnet(&self.network)?;
        check_storage(&self.storage, true)?;
        if self.backup.backup_period.is_none() {
            return Err(ValidationError::new("backup.backupPeriod", "is required"));
        }
        self.backup.validate()
    }
}

/// `POST /v1.0/db-instances/{id}/restore` (docs/upstream-api.md #1: the guide says GET).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct RestoreDbInstance {
    pub restore: RestoreSpec,
    #[serde(flatten)]
    pub target: RestoreTarget,
}

impl Validate for RestoreDbInstance {
    fn validate(&self) -> Result<(), ValidationError> {
        validate::description("target.description", &self.target.description)?;
        match &self.restore.restore_type {
            None => return Err(ValidationError::new("restore.restoreType", "is required")),
            Some(t) => known_enum!("restore.restoreType", t, RestoreType)?,
        }
        if self.restore.restore_type == Some(RestoreType::Timestamp) {
            let Some(at) = &self.restore.restore_ymdt else {
                return Err(ValidationError::new("restore.restoreYmdt", "is required for a point-in-time restore"));
            };
            if crate::datetime::parse_rfc3339_lenient(at).is_none() {
                return Err(ValidationError::new(
                    "restore.restoreYmdt",
                    format!("must be a date-time such as 2023-07-10T15:44:44+09:00, got {at:?}"),
                ));
            }
        }
        if self.restore.restore_type == Some(RestoreType::Backup) && self.restore.backup_id.is_none() {
            return Err(ValidationError::new("restore.backupId", "is required to restore from a backup"));
        }
        self.target.validate()
    }
}

/// `POST /v1.0/backups/{backupId}/restore`: the same body without `restore`.
pub type RestoreBackup = RestoreTarget;

/// `PUT /v1.0/db-instances/{id}/deletion-protection`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DeletionProtection {
    pub use_deletion_protection: bool,
}

/// `GET`/`PUT /v1.0/db-instances/{id}/maintenance-info` (docs/upstream-api.md #15).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MaintenanceInfo {
    pub allow_auto_maintenance: bool,
    pub use_auto_storage_cleanup: bool,
    pub maint_wnd_bgn_time: String,
    pub maint_wnd_duration: WindowDuration,
    /// Days logs are kept (the current guide; optional when setting).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub log_retention_period: Option<u32>,
}

impl Validate for MaintenanceInfo {
    fn validate(&self) -> Result<(), ValidationError> {
        validate::time_of_day("maintWndBgnTime", &self.maint_wnd_bgn_time)?;
        validate::window_duration("maintWndDuration", &self.maint_wnd_duration)?;
        if let Some(days) = self.log_retention_period {
            // The guide gives no range; pgdeck keeps to 1–365 days (docs/upstream-api.md).
            validate::range("logRetentionPeriod", days, 1, 365)?;
        }
        Ok(())
    }
}

/// `POST /v1.0/db-instances/{id}/restart`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct RestartDbInstance {
    #[serde(skip_serializing_if = "is_false")]
    pub use_online_failover: bool,
    #[serde(skip_serializing_if = "is_false")]
    pub execute_backup: bool,
}

/// `POST /v1.0/db-instances/{id}/backup`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct BackupDbInstance {
    pub backup_name: String,
}

impl Validate for BackupDbInstance {
    fn validate(&self) -> Result<(), ValidationError> {
        required("backupName", &self.backup_name)?;
        validate::resource_name("backupName", &self.backup_name, false)
    }
}

/// Object-storage destination of an export (`backup-to-object-storage`,
/// `backups/{id}/export`). `password` is a secret.
#[derive(Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ObjectStorageTarget {
    pub tenant_id: String,
    pub username: String,
    pub password: String,
    pub target_container: String,
    pub object_path: String,
}

impl std::fmt::Debug for ObjectStorageTarget {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ObjectStorageTarget")
            .field("tenant_id", &self.tenant_id)
            .field("username", &self.username)
            .field("password", &"***")
            .field("target_container", &self.target_container)
            .field("object_path", &self.object_path)
            .finish()
    }
}

impl Validate for ObjectStorageTarget {
    fn validate(&self) -> Result<(), ValidationError> {
        required("tenantId", &self.tenant_id)?;
        required("username", &self.username)?;
        required("password", &self.password)?;
        required("targetContainer", &self.target_container)?;
        required("objectPath", &self.object_path)?;
        validate::object_path("objectPath", &self.object_path)
    }
}

/// `POST /v1.0/db-instances/{id}/apply-recent-parameter-group`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ApplyParameterGroup {
    #[serde(skip_serializing_if = "is_false")]
    pub execute_backup: bool,
}

/// `POST /v1.0/db-instances/{id}/replicate`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ReplicateDbInstance {
    pub db_instance_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub db_flavor_id: Option<DbFlavorId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub db_port: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parameter_group_id: Option<ParameterGroupId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub db_security_group_ids: Option<Vec<DbSecurityGroupId>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub user_group_ids: Vec<UserGroupId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub use_default_notification: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub use_deletion_protection: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub network: Option<NetworkSpec>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub storage: Option<StorageSpec>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub backup: Option<BackupSpec>,
}

impl Validate for ReplicateDbInstance {
    fn validate(&self) -> Result<(), ValidationError> {
        validate::description("description", &self.description)?;
        required("dbInstanceName", &self.db_instance_name)?;
        validate::resource_name("dbInstanceName", &self.db_instance_name, true)?;
        if let Some(p) = self.db_port {
            validate::Port::new(p)?;
        }
        if let Some(s) = &self.storage {
            check_storage(s, false)?;
        }
        if let Some(b) = &self.backup {
            b.validate()?;
        }
        Ok(())
    }
}

// ---------------------------------------------------------------- databases

/// A schema inside a database.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Schema {
    pub schema_name: String,
}

/// A database inside an instance.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Database {
    pub database_id: DatabaseId,
    pub database_name: String,
    pub database_status: Option<ObjectStatus>,
    pub created_ymdt: Option<Timestamp>,
    pub updated_ymdt: Option<Timestamp>,
    pub schemas: Vec<Schema>,
}

/// `GET /v1.0/db-instances/{id}/databases`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Databases {
    pub databases: Vec<Database>,
}

/// `POST /v1.0/db-instances/{id}/databases`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CreateDatabase {
    pub database_name: String,
}

fn database_name(field: &str, s: &str) -> Result<(), ValidationError> {
    required(field, s)?;
    // PostgreSQL identifiers are at most 63 bytes.
    validate::length(field, s, 1, 63)
}

impl Validate for CreateDatabase {
    fn validate(&self) -> Result<(), ValidationError> {
        database_name("databaseName", &self.database_name)
    }
}

/// `PUT /v1.0/db-instances/{id}/databases/{databaseId}`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ModifyDatabase {
    pub database_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub apply_hba_rules_immediately: Option<bool>,
}

impl Validate for ModifyDatabase {
    fn validate(&self) -> Result<(), ValidationError> {
        database_name("databaseName", &self.database_name)
    }
}

// ---------------------------------------------------------------- DB users

/// A DB user inside an instance (docs/upstream-api.md #3: the list is `dbUsers`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DbUser {
    pub db_user_id: DbUserId,
    pub db_user_name: String,
    pub authority_type: Option<AuthorityType>,
    pub db_user_status: Option<ObjectStatus>,
    pub created_ymdt: Option<Timestamp>,
    pub updated_ymdt: Option<Timestamp>,
}

/// `GET /v1.0/db-instances/{id}/db-users`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DbUsers {
    pub db_users: Vec<DbUser>,
}

/// `POST /v1.0/db-instances/{id}/db-users`. `dbPassword` is a secret.
#[derive(Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CreateDbUser {
    pub db_user_name: String,
    pub db_password: String,
    pub authority_type: Option<AuthorityType>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub create_default_hba_rules: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
}

impl std::fmt::Debug for CreateDbUser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CreateDbUser")
            .field("db_user_name", &self.db_user_name)
            .field("db_password", &"***")
            .field("authority_type", &self.authority_type)
            .finish()
    }
}

impl Validate for CreateDbUser {
    fn validate(&self) -> Result<(), ValidationError> {
        validate::db_user_text("dbUserName", &self.db_user_name)?;
        validate::db_user_text("dbPassword", &self.db_password)?;
        match &self.authority_type {
            None => return Err(ValidationError::new("authorityType", "is required")),
            Some(a) => known_enum!("authorityType", a, AuthorityType)?,
        }
        if let Some(a) = &self.address {
            validate::hba_address("address", a)?;
        }
        Ok(())
    }
}

/// `PUT /v1.0/db-instances/{id}/db-users/{dbUserId}`. `dbPassword` is a secret.
#[derive(Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ModifyDbUser {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub db_user_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub db_password: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub authority_type: Option<AuthorityType>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub apply_hba_rules_immediately: Option<bool>,
}

impl std::fmt::Debug for ModifyDbUser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ModifyDbUser")
            .field("db_user_name", &self.db_user_name)
            .field("db_password", &self.db_password.as_ref().map(|_| "***"))
            .field("authority_type", &self.authority_type)
            .finish()
    }
}

impl Validate for ModifyDbUser {
    fn validate(&self) -> Result<(), ValidationError> {
        if let Some(n) = &self.db_user_name {
            validate::db_user_text("dbUserName", n)?;
        }
        if let Some(p) = &self.db_password {
            validate::db_user_text("dbPassword", p)?;
        }
        if let Some(a) = &self.authority_type {
            known_enum!("authorityType", a, AuthorityType)?;
        }
        Ok(())
    }
}

// ---------------------------------------------------------------- HBA rules

/// A database named by an HBA rule.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct HbaDatabase {
    pub database_id: DatabaseId,
    pub database_name: String,
}

/// A DB user named by an HBA rule.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct HbaDbUser {
    pub db_user_id: DbUserId,
    pub db_user_name: String,
}

/// An access control rule.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct HbaRule {
    pub hba_rule_id: HbaRuleId,
    pub hba_rule_status: Option<HbaRuleStatus>,
    pub database_apply_type: Option<ApplyType>,
    pub db_user_apply_type: Option<ApplyType>,
    pub databases: Vec<HbaDatabase>,
    pub db_users: Vec<HbaDbUser>,
    pub address: String,
    pub auth_method: Option<AuthMethod>,
    pub reserved_action: Option<ReservedAction>,
    pub order: i64,
    pub applicable: bool,
}

/// `GET /v1.0/db-instances/{id}/hba-rules`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct HbaRules {
    pub hba_rules: Vec<HbaRule>,
    pub need_to_apply: bool,
}

/// `POST` and `PUT` of an HBA rule.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct HbaRuleSpec {
    pub database_apply_type: Option<ApplyType>,
    pub db_user_apply_type: Option<ApplyType>,
    pub database_ids: Vec<DatabaseId>,
    pub db_user_ids: Vec<DbUserId>,
    pub address: String,
    pub auth_method: Option<AuthMethod>,
}

impl Validate for HbaRuleSpec {
    fn validate(&self) -> Result<(), ValidationError> {
        match &self.database_apply_type {
            None => return Err(ValidationError::new("databaseApplyType", "is required")),
            Some(t) => known_enum!("databaseApplyType", t, ApplyType)?,
        }
        match &self.db_user_apply_type {
            None => return Err(ValidationError::new("dbUserApplyType", "is required")),
            Some(t) => known_enum!("dbUserApplyType", t, ApplyType)?,
        }
        if self.database_apply_type == Some(ApplyType::UserCustom) && self.database_ids.is_empty() {
            return Err(ValidationError::new("databaseIds", "needs at least one database when databases are selected"));
        }
        if self.db_user_apply_type == Some(ApplyType::UserCustom) && self.db_user_ids.is_empty() {
            return Err(ValidationError::new("dbUserIds", "needs at least one DB user when users are selected"));
        }
        validate::hba_address("address", &self.address)?;
        match &self.auth_method {
            None => Err(ValidationError::new("authMethod", "is required")),
            Some(m) => known_enum!("authMethod", m, AuthMethod),
        }
    }
}

/// The answer of `POST .../hba-rules`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct HbaRuleCreated {
    pub hba_rule_id: HbaRuleId,
}

/// `PUT .../hba-rules/orders`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct HbaRuleOrder {
    pub hba_rule_ids: Vec<HbaRuleId>,
}

impl Validate for HbaRuleOrder {
    fn validate(&self) -> Result<(), ValidationError> {
        if self.hba_rule_ids.is_empty() {
            return Err(ValidationError::new("hbaRuleIds", "needs at least one rule"));
        }
        Ok(())
    }
}

// ---------------------------------------------------------------- backups

/// Query of `GET /v1.0/backups`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BackupQuery {
    pub page: u32,
    pub size: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backup_type: Option<BackupType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub db_instance_id: Option<DbInstanceId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub db_version: Option<String>,
}

impl Default for BackupQuery {
    fn default() -> Self {
        Self { page: 1, size: 20, backup_type: None, db_instance_id: None, db_version: None }
    }
}

impl Validate for BackupQuery {
    fn validate(&self) -> Result<(), ValidationError> {
        validate::Page::new(self.page)?;
        validate::PageSize::new(self.size)?;
        if let Some(t) = &self.backup_type {
            known_enum!("backupType", t, BackupType)?;
        }
        Ok(())
    }
}

/// `GET /v1.0/backups` (docs/upstream-api.md #2: no job in this answer).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Backups {
    pub total_counts: u64,
    pub backups: Vec<Backup>,
}

// ---------------------------------------------------------------- security groups

/// Ports of a security rule (docs/upstream-api.md #7).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct RulePort {
    pub port_type: Option<PortType>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_port: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_port: Option<u32>,
}

/// A rule of a DB security group.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct SecurityRule {
    pub rule_id: SecurityRuleId,
    pub description: Option<String>,
    pub direction: Option<Direction>,
    pub ether_type: Option<EtherType>,
    pub port: RulePort,
    pub cidr: String,
    pub created_ymdt: Option<Timestamp>,
    pub updated_ymdt: Option<Timestamp>,
}

/// A rule to create or modify.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct SecurityRuleSpec {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub direction: Option<Direction>,
    pub ether_type: Option<EtherType>,
    pub port: RulePort,
    pub cidr: String,
}

impl Validate for SecurityRuleSpec {
    fn validate(&self) -> Result<(), ValidationError> {
        validate::description("description", &self.description)?;
        match &self.direction {
            None => return Err(ValidationError::new("direction", "is required")),
            Some(d) => known_enum!("direction", d, Direction)?,
        }
        let ether = match &self.ether_type {
            None => return Err(ValidationError::new("etherType", "is required")),
            Some(e) => {
                known_enum!("etherType", e, EtherType)?;
                e.clone()
            }
        };
        match &self.port.port_type {
            None => return Err(ValidationError::new("port.portType", "is required")),
            Some(t) => validate::port_rule(t, self.port.min_port, self.port.max_port)?,
        }
        validate::cidr("cidr", &self.cidr, &ether)
    }
}

/// A DB security group as listed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DbSecurityGroup {
    pub db_security_group_id: DbSecurityGroupId,
    pub db_security_group_name: String,
    pub db_security_group_status: Option<CreatedStatus>,
    pub description: Option<String>,
    pub progress_status: Option<SecurityGroupProgress>,
    pub created_ymdt: Option<Timestamp>,
    pub updated_ymdt: Option<Timestamp>,
}

/// `GET /v1.0/db-security-groups`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DbSecurityGroups {
    pub db_security_groups: Vec<DbSecurityGroup>,
}

/// A DB security group with its rules.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DbSecurityGroupDetail {
    pub db_security_group_id: DbSecurityGroupId,
    pub db_security_group_name: String,
    pub db_security_group_status: Option<CreatedStatus>,
    pub description: Option<String>,
    pub progress_status: Option<SecurityGroupProgress>,
    pub rules: Vec<SecurityRule>,
    pub created_ymdt: Option<Timestamp>,
    pub updated_ymdt: Option<Timestamp>,
}

/// `GET /v1.0/db-security-groups/{id}`: the field table lists the fields at
/// the top level, the example nests them in `dbSecurityGroup`. pgdeck reads
/// both ([`DbSecurityGroupAnswer::into_detail`]) and the sandbox sends the
/// nested form, as the example does.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DbSecurityGroupAnswer {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub db_security_group: Option<DbSecurityGroupDetail>,
    #[serde(flatten)]
    pub top_level: DbSecurityGroupDetail,
}

impl DbSecurityGroupAnswer {
    /// The group, wherever upstream put it.
    pub fn into_detail(self) -> DbSecurityGroupDetail {
        self.db_security_group.unwrap_or(self.top_level)
    }
}

/// `POST /v1.0/db-security-groups`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CreateDbSecurityGroup {
    pub db_security_group_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub rules: Vec<SecurityRuleSpec>,
}

impl Validate for CreateDbSecurityGroup {
    fn validate(&self) -> Result<(), ValidationError> {
        validate::description("description", &self.description)?;
        required("dbSecurityGroupName", &self.db_security_group_name)?;
        validate::resource_name("dbSecurityGroupName", &self.db_security_group_name, true)?;
        if self.rules.is_empty() {
            // docs/upstream-api.md: the service refuses a group without rules.
            return Err(ValidationError::new("rules", "add at least one rule: NHN Cloud refuses a DB security group without rules"));
        }
        for (i, r) in self.rules.iter().enumerate() {
            r.validate().map_err(|e| e.within(&format!("rules[{i}]")))?;
        }
        Ok(())
    }
}

/// The answer of `POST /v1.0/db-security-groups`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DbSecurityGroupCreated {
    pub db_security_group_id: DbSecurityGroupId,
}

/// `PUT /v1.0/db-security-groups/{id}`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ModifyDbSecurityGroup {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub db_security_group_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

impl Validate for ModifyDbSecurityGroup {
    fn validate(&self) -> Result<(), ValidationError> {
        validate::description("description", &self.description)?;
        if let Some(n) = &self.db_security_group_name {
            required("dbSecurityGroupName", n)?;
            validate::resource_name("dbSecurityGroupName", n, true)?;
        }
        Ok(())
    }
}

// ---------------------------------------------------------------- parameter groups

/// A parameter group as listed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ParameterGroup {
    pub parameter_group_id: ParameterGroupId,
    pub parameter_group_name: String,
    pub parameter_group_status: Option<ParameterGroupStatus>,
    pub description: Option<String>,
    pub db_version: String,
    pub created_ymdt: Option<Timestamp>,
    pub updated_ymdt: Option<Timestamp>,
}

/// `GET /v1.0/parameter-groups`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ParameterGroups {
    pub parameter_groups: Vec<ParameterGroup>,
}

/// One PostgreSQL parameter.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Parameter {
    pub parameter_category: String,
    pub parameter_name: String,
    pub value: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value_unit: Option<ValueUnit>,
    pub default_value: String,
    pub allowed_value: String,
    pub value_type: Option<ValueType>,
    pub update_type: Option<UpdateType>,
    pub apply_type: Option<ParameterApplyType>,
    pub expression_available: bool,
}

/// `GET /v1.0/parameter-groups/{id}`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ParameterGroupDetail {
    pub parameter_group_id: ParameterGroupId,
    pub parameter_group_name: String,
    pub description: Option<String>,
    pub db_version: String,
    pub parameter_group_status: Option<ParameterGroupStatus>,
    pub parameters: Vec<Parameter>,
    pub created_ymdt: Option<Timestamp>,
    pub updated_ymdt: Option<Timestamp>,
}

/// `POST /v1.0/parameter-groups`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CreateParameterGroup {
    pub parameter_group_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub db_version: String,
}

impl Validate for CreateParameterGroup {
    fn validate(&self) -> Result<(), ValidationError> {
        validate::description("description", &self.description)?;
        required("parameterGroupName", &self.parameter_group_name)?;
        validate::resource_name("parameterGroupName", &self.parameter_group_name, true)?;
        required("dbVersion", &self.db_version)
    }
}

/// `POST /v1.0/parameter-groups/{id}/copy`, and `PUT /v1.0/parameter-groups/{id}`
/// (where both fields are optional).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct NameAndDescription {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parameter_group_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

impl Validate for NameAndDescription {
    fn validate(&self) -> Result<(), ValidationError> {
        validate::description("description", &self.description)?;
        if let Some(n) = &self.parameter_group_name {
            required("parameterGroupName", n)?;
            validate::resource_name("parameterGroupName", n, true)?;
        }
        Ok(())
    }
}

/// The answer of creating or copying a parameter group.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ParameterGroupCreated {
    pub parameter_group_id: ParameterGroupId,
}

/// One parameter change.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ParameterChange {
    pub parameter_name: String,
    pub value: String,
}

/// `PUT /v1.0/parameter-groups/{id}/parameters`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ModifyParameters {
    pub modified_parameters: Vec<ParameterChange>,
}

impl Validate for ModifyParameters {
    fn validate(&self) -> Result<(), ValidationError> {
        if self.modified_parameters.is_empty() {
            return Err(ValidationError::new("modifiedParameters", "needs at least one parameter"));
        }
        for (i, p) in self.modified_parameters.iter().enumerate() {
            required(&format!("modifiedParameters[{i}].parameterName"), &p.parameter_name)?;
        }
        Ok(())
    }
}

// ---------------------------------------------------------------- user groups

/// A user group as listed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct UserGroup {
    pub user_group_id: UserGroupId,
    pub user_group_name: String,
    pub user_group_status: Option<CreatedStatus>,
    pub created_ymdt: Option<Timestamp>,
    pub updated_ymdt: Option<Timestamp>,
}

/// `GET /v1.0/user-groups`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct UserGroups {
    pub user_groups: Vec<UserGroup>,
}

/// A member of a user group.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct UserGroupMember {
    pub member_id: MemberId,
}

/// `GET /v1.0/user-groups/{id}`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct UserGroupDetail {
    pub user_group_id: UserGroupId,
    pub user_group_name: String,
    pub user_group_type_code: Option<UserGroupTypeCode>,
    pub user_group_status: Option<CreatedStatus>,
    pub members: Vec<UserGroupMember>,
    pub created_ymdt: Option<Timestamp>,
    pub updated_ymdt: Option<Timestamp>,
}

/// `POST` (name required) and `PUT /v1.0/user-groups`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct UserGroupSpec {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_group_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub member_ids: Option<Vec<MemberId>>,
    #[serde(rename = "selectAllYN", skip_serializing_if = "Option::is_none")]
    pub select_all_yn: Option<bool>,
}

impl UserGroupSpec {
    /// Checks a create request: a name, and members unless all are selected.
    pub fn validate_create(&self) -> Result<(), ValidationError> {
        required("userGroupName", self.user_group_name.as_deref().unwrap_or(""))?;
        if self.select_all_yn != Some(true) && self.member_ids.is_none() {
            return Err(ValidationError::new("memberIds", "is required unless selectAllYN is true"));
        }
        self.validate()
    }
}

impl Validate for UserGroupSpec {
    fn validate(&self) -> Result<(), ValidationError> {
        if let Some(n) = &self.user_group_name {
            required("userGroupName", n)?;
            validate::length("userGroupName", n, 1, 100)?;
        }
        Ok(())
    }
}

/// The answer of creating a user group (docs/upstream-api.md #11).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct UserGroupCreated {
    pub user_group_id: UserGroupId,
}

// ---------------------------------------------------------------- notification groups

/// A notification group as listed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct NotificationGroup {
    pub notification_group_id: NotificationGroupId,
    pub notification_group_name: String,
    pub notification_group_status: Option<CreatedStatus>,
    pub notify_email: bool,
    pub notify_sms: bool,
    pub is_enabled: bool,
    pub created_ymdt: Option<Timestamp>,
    pub updated_ymdt: Option<Timestamp>,
}

/// `GET /v1.0/notification-groups`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct NotificationGroups {
    pub notification_groups: Vec<NotificationGroup>,
}

/// An instance watched by a notification group.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct WatchedInstance {
    pub db_instance_id: DbInstanceId,
    pub db_instance_name: String,
}

/// A user group notified by a notification group.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct NotifiedUserGroup {
    pub user_group_id: UserGroupId,
    pub user_group_name: String,
}

/// `GET /v1.0/notification-groups/{id}`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct NotificationGroupDetail {
    pub notification_group_id: NotificationGroupId,
    pub notification_group_name: String,
    pub notification_group_status: Option<CreatedStatus>,
    pub notify_email: bool,
    pub notify_sms: bool,
    pub is_enabled: bool,
    pub db_instances: Vec<WatchedInstance>,
    pub user_groups: Vec<NotifiedUserGroup>,
    pub created_ymdt: Option<Timestamp>,
    pub updated_ymdt: Option<Timestamp>,
}

/// `POST` (name required) and `PUT /v1.0/notification-groups` (docs/upstream-api.md #10:
/// the field is `isEnabled`; `isEnable` from the guide's example is read too).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct NotificationGroupSpec {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notification_group_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notify_email: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notify_sms: Option<bool>,
    #[serde(alias = "isEnable", skip_serializing_if = "Option::is_none")]
    pub is_enabled: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub db_instance_ids: Option<Vec<DbInstanceId>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_group_ids: Option<Vec<UserGroupId>>,
}

impl NotificationGroupSpec {
    /// Checks a create request: the name is required.
    pub fn validate_create(&self) -> Result<(), ValidationError> {
        required("notificationGroupName", self.notification_group_name.as_deref().unwrap_or(""))?;
        self.validate()
    }
}

impl Validate for NotificationGroupSpec {
    fn validate(&self) -> Result<(), ValidationError> {
        if let Some(n) = &self.notification_group_name {
            required("notificationGroupName", n)?;
            validate::length("notificationGroupName", n, 1, 100)?;
        }
        Ok(())
    }
}

/// The answer of creating a notification group (docs/upstream-api.md #11).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct NotificationGroupCreated {
    pub notification_group_id: NotificationGroupId,
}

/// A watchdog (alarm rule) of a notification group.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Watchdog {
    pub watchdog_id: WatchdogId,
    /// `measureName` in later material (docs/upstream-api.md): read as either.
    #[serde(alias = "measureName")]
    pub metric_name: String,
    pub comparison_operator: Option<ComparisonOperator>,
    pub threshold: i64,
    /// Minutes.
    pub duration: i64,
    pub created_ymdt: Option<Timestamp>,
    pub updated_ymdt: Option<Timestamp>,
}

/// `GET /v1.0/notification-groups/{id}/watchdogs`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Watchdogs {
    pub watchdogs: Vec<Watchdog>,
}

/// `POST` and `PUT` of a watchdog.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct WatchdogSpec {
    /// `measureName` in later material (docs/upstream-api.md): read as either.
    #[serde(alias = "measureName")]
    pub metric_name: String,
    pub comparison_operator: Option<ComparisonOperator>,
    pub threshold: i64,
    pub duration: i64,
}

impl Validate for WatchdogSpec {
    fn validate(&self) -> Result<(), ValidationError> {
        required("metricName", &self.metric_name)?;
        match &self.comparison_operator {
            None => return Err(ValidationError::new("comparisonOperator", "is required")),
            Some(c) => known_enum!("comparisonOperator", c, ComparisonOperator)?,
        }
        range("duration", self.duration, 1, 1440).map(|_| ())
    }
}

/// The answer of creating a watchdog (docs/upstream-api.md #11).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct WatchdogCreated {
    pub watchdog_id: WatchdogId,
}

// ---------------------------------------------------------------- monitoring

/// One metric and its unit.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Metric {
    /// `measureName` in later material (docs/upstream-api.md): read as either.
    #[serde(alias = "measureName")]
    pub metric_name: String,
    pub unit: String,
}

/// `GET /v1.0/metrics`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Metrics {
    pub metrics: Vec<Metric>,
}

/// Query of `GET /v1.0/metric-statistics`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct MetricQuery {
    pub db_instance_id: DbInstanceId,
    pub metric_names: Vec<String>,
    pub from: String,
    pub to: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub interval: Option<u32>,
}

impl Validate for MetricQuery {
    fn validate(&self) -> Result<(), ValidationError> {
        required("dbInstanceId", self.db_instance_id.as_str())?;
        if self.metric_names.is_empty() {
            return Err(ValidationError::new("metricNames", "needs at least one metric"));
        }
        let from = crate::datetime::parse_rfc3339_lenient(&self.from)
            .ok_or_else(|| ValidationError::new("from", format!("must be a date-time, got {:?}", self.from)))?;
        let to = crate::datetime::parse_rfc3339_lenient(&self.to)
            .ok_or_else(|| ValidationError::new("to", format!("must be a date-time, got {:?}", self.to)))?;
        if to < from {
            return Err(ValidationError::new("to", "must not be before from"));
        }
        if let Some(i) = self.interval {
            range("interval", i, 1, 1440)?;
        }
        Ok(())
    }
}

/// One point: `[unix seconds, "value"]` (docs/upstream-api.md #8).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MetricPoint(pub i64, pub serde_json::Value);

impl MetricPoint {
    /// The value as a number, whether sent as a string or a number.
    pub fn value(&self) -> Option<f64> {
        match &self.1 {
            serde_json::Value::String(s) => s.trim().parse().ok(),
            serde_json::Value::Number(n) => n.as_f64(),
            _ => None,
        }
    }
}

/// The series of one metric.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct MetricSeries {
    /// `measureName` in later material (docs/upstream-api.md): read as either.
    #[serde(alias = "measureName")]
    pub metric_name: String,
    pub unit: String,
    pub values: Vec<MetricPoint>,
}

/// `GET /v1.0/metric-statistics`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct MetricStatistics {
    pub metric_statistics: Vec<MetricSeries>,
}

// ---------------------------------------------------------------- events

/// Query of `GET /v1.0/events`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EventQuery {
    pub page: u32,
    pub size: u32,
    pub from: String,
    pub to: String,
    pub event_category_type: EventCategoryType,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keyword: Option<String>,
}

impl Validate for EventQuery {
    fn validate(&self) -> Result<(), ValidationError> {
        validate::Page::new(self.page)?;
        validate::PageSize::new(self.size)?;
        if crate::datetime::parse_rfc3339_lenient(&self.from).is_none() {
            return Err(ValidationError::new("from", format!("must be a date-time, got {:?}", self.from)));
        }
        if crate::datetime::parse_rfc3339_lenient(&self.to).is_none() {
            return Err(ValidationError::new("to", format!("must be a date-time, got {:?}", self.to)));
        }
        known_enum!("eventCategoryType", &self.event_category_type, EventCategoryType)
    }
}

/// An event message in one language.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct EventMessage {
    pub lang_code: String,
    pub message: String,
}

/// One event.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Event {
    /// docs/upstream-api.md #9: the example sends `INSTANCE`; unknown values are kept.
    pub event_category_type: Option<EventCategoryType>,
    pub event_code: String,
    pub source_id: String,
    pub source_name: String,
    pub messages: Vec<EventMessage>,
    pub event_ymdt: Option<Timestamp>,
}

impl Event {
    /// The English message, or the first one.
    pub fn english(&self) -> &str {
        self.messages
            .iter()
            .find(|m| m.lang_code.eq_ignore_ascii_case("EN"))
            .or_else(|| self.messages.first())
            .map(|m| m.message.as_str())
            .unwrap_or("")
    }
}

/// `GET /v1.0/events`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Events {
    pub total_counts: u64,
    pub events: Vec<Event>,
}

/// A subscribable event code.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct EventCode {
    pub event_code: String,
    pub event_category_type: Option<EventCategoryType>,
}

/// `GET /v1.0/event-codes`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct EventCodes {
    pub event_codes: Vec<EventCode>,
}

// ---------------------------------------------------------------- extensions

/// An extension in one database of an instance group.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ExtensionDatabase {
    pub db_instance_group_extension_id: GroupExtensionId,
    pub db_instance_group_extension_status: Option<GroupExtensionStatus>,
    pub database_id: DatabaseId,
    pub database_name: String,
    pub reserved_action: Option<ExtensionReservedAction>,
    pub error_reason: Option<String>,
}

/// An extension upstream offers, with the databases it is in.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Extension {
    pub extension_id: ExtensionId,
    pub extension_name: String,
    pub extension_status: Option<ExtensionStatus>,
    pub databases: Vec<ExtensionDatabase>,
}

/// `GET /v1.0/db-instance-groups/{id}/extensions`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Extensions {
    pub extensions: Vec<Extension>,
    /// Whether changes wait to be applied (the current guide).
    pub is_need_to_apply: bool,
}

/// `POST /v1.0/db-instance-groups/{id}/extensions/{extensionId}`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct InstallExtension {
    pub database_id: DatabaseId,
    pub schema_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub with_cascade: Option<bool>,
}

impl Validate for InstallExtension {
    fn validate(&self) -> Result<(), ValidationError> {
        validate::path_id("databaseId", self.database_id.as_str())?;
        required("schemaName", &self.schema_name)?;
        validate::length("schemaName", &self.schema_name, 1, 63)?;
        if !self.schema_name.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            || !self.schema_name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        {
            return Err(ValidationError::new("schemaName", "must start with a letter or _ and hold only letters, digits and _"));
        }
        Ok(())
    }
}

/// Query of `DELETE /v1.0/db-instance-groups/{id}/extensions/{groupExtensionId}`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ExtensionDeleteQuery {
    pub with_cascade: bool,
}

/// Query of `DELETE /v1.0/db-security-groups/{id}/rules` (docs/upstream-api.md #16:
/// sent as `?ruleIds=a&ruleIds=b`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct RuleIdsQuery {
    pub rule_ids: Vec<SecurityRuleId>,
}

impl Validate for RuleIdsQuery {
    fn validate(&self) -> Result<(), ValidationError> {
        if self.rule_ids.is_empty() {
            return Err(ValidationError::new("ruleIds", "needs at least one rule"));
        }
        Ok(())
    }
}

/// Query of `GET /v1.0/parameter-groups`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ParameterGroupQuery {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub db_version: Option<String>,
}

/// Turns a flat query struct into `key=value` pairs; arrays repeat their key.
pub fn query_pairs<T: Serialize>(q: &T) -> Vec<(String, String)> {
    let mut out = Vec::new();
    if let Ok(serde_json::Value::Object(map)) = serde_json::to_value(q) {
        for (k, v) in map {
            match v {
                serde_json::Value::Null => {}
                serde_json::Value::Array(items) => {
                    for item in items {
                        out.push((k.clone(), scalar(&item)));
                    }
                }
                other => out.push((k, scalar(&other))),
            }
        }
    }
    out
}

fn scalar(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod alias_tests {
    use super::*;

    #[test]
    fn a_metric_is_read_by_either_name() {
        let a: Metric = serde_json::from_str(r#"{"metricName": "cpu.usage", "unit": "%"}"#).unwrap();
        let b: Metric = serde_json::from_str(r#"{"measureName": "cpu.usage", "unit": "%"}"#).unwrap();
        assert_eq!(a.metric_name, "cpu.usage");
        assert_eq!(a, b);
        let w: Watchdog = serde_json::from_str(r#"{"watchdogId": "w", "measureName": "storage.usage"}"#).unwrap();
        assert_eq!(w.metric_name, "storage.usage");
        // Sent as the guide names it.
        let spec = WatchdogSpec { metric_name: "cpu.usage".into(), ..Default::default() };
        assert!(serde_json::to_string(&spec).unwrap().contains("\"metricName\""));
    }
}
