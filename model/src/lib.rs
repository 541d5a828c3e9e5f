//! What the browser and the server of pgdeck both speak.
//!
//! The pages build an [`InstanceAction`]; the server function hands it to
//! the domain unchanged, which runs it through the audited gateway (or files
//! an approval request for it). One definition, so the two sides cannot
//! drift apart.

use serde::{Deserialize, Serialize};

/// An action on an instance, as the pages ask for it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum InstanceAction {
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
        /// The whole new set, when it changes.
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
        /// Named as upstream names it, so that every redaction finds it.
        #[serde(rename = "dbPassword")]
        password: String,
        authority: String,
        default_hba: bool,
        address: Option<String>,
    },
    DeleteUser {
        db_user_id: String,
    },
    /// A read replica; options left empty follow the source instance.
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
    /// High availability on or off, its ping interval (seconds) and how long
    /// a failover waits for replication (seconds; -1 waits for it to finish).
    Ha {
        on: bool,
        ping_interval: Option<u32>,
        failover_wait: Option<i64>,
    },
    /// Retention (days), retries, and the daily window.
    BackupSettings {
        period: u32,
        retry_count: u32,
        begin_time: String,
        duration: String,
    },
    /// The maintenance window and whether upstream may use it.
    Maintenance {
        begin_time: String,
        duration: String,
        allow_auto: bool,
        auto_storage_cleanup: bool,
    },
    /// A new password and/or authority for a DB user.
    ModifyUser {
        db_user_id: String,
        #[serde(rename = "dbPassword")]
        password: Option<String>,
        authority: Option<String>,
    },
    /// Apply the instance's access control (HBA) rules changed since the
    /// last time.
    ApplyAccessRules,
    /// Back up now and export the backup to an object storage container.
    BackupToObjectStorage {
        tenant_id: String,
        username: String,
        /// The object storage (API) password: a secret.
        password: String,
        container: String,
        path: String,
    },
}

impl InstanceAction {
    /// The gateway action it asks for (policies are per action).
    pub fn action_name(&self) -> &'static str {
        use InstanceAction::*;
        match self {
            Start => "start_db_instance",
            Stop => "stop_db_instance",
            Restart { .. } => "restart_db_instance",
            ForceRestart => "force_restart_db_instance",
            Backup { .. } => "backup_db_instance",
            Delete => "delete_db_instance",
            Describe { .. } | Modify { .. } => "modify_db_instance",
            GrowStorage { .. } => "modify_storage_info",
            PublicAccess { .. } => "modify_network_info",
            DeletionProtection { .. } => "modify_deletion_protection",
            ApplyParameterGroup { .. } => "apply_recent_parameter_group",
            CreateDatabase { .. } => "create_database",
            RenameDatabase { .. } => "modify_database",
            DeleteDatabase { .. } => "delete_database",
            CreateUser { .. } => "create_db_user",
            DeleteUser { .. } => "delete_db_user",
            Replicate { .. } => "replicate_db_instance",
            Promote => "promote_db_instance",
            HaPause => "pause_high_availability",
            HaResume => "resume_high_availability",
            HaRepair => "repair_high_availability",
            HaSplit => "split_high_availability",
            Ha { .. } => "modify_high_availability",
            ApplyAccessRules => "apply_hba_rules",
            BackupSettings { .. } => "modify_backup_info",
            Maintenance { .. } => "modify_maintenance_info",
            ModifyUser { .. } => "modify_db_user",
            BackupToObjectStorage { .. } => "backup_to_object_storage",
        }
    }

    /// The verb on the confirm button and what will happen, in words.
    pub fn consequence(&self) -> (&'static str, &'static str) {
        use InstanceAction::*;
        match self {
            Start => ("Start", "The instance starts and accepts connections again."),
            Stop => ("Stop", "The instance shuts down: every connection is cut until it is started again."),
            Restart { .. } => ("Restart", "The instance restarts: connections drop for a short while."),
            ForceRestart => ("Force restart", "The database process is killed and restarted without a clean shutdown."),
            Backup { .. } => ("Back up", "A manual backup is taken now; the instance stays available."),
            Delete => ("Delete", "The instance and its data are deleted. This cannot be undone."),
            Describe { .. } => ("Save", "The description changes; nothing restarts."),
            Modify { port, flavor_id, parameter_group_id, .. } if port.is_some() || flavor_id.is_some() || parameter_group_id.is_some() => {
                ("Apply", "The settings change and the instance RESTARTS (new port, specification or parameter group).")
            }
            Modify { .. } => ("Apply", "The settings change; the instance keeps running."),
            GrowStorage { .. } => ("Grow storage", "The data storage grows; it can never shrink again."),
            PublicAccess { on: true } => ("Enable public access", "The instance gets an external address reachable from outside the VPC."),
            PublicAccess { on: false } => ("Disable public access", "The external address goes away; outside clients lose access."),
            DeletionProtection { on: true } => ("Protect", "The instance cannot be deleted until protection is turned off."),
            DeletionProtection { on: false } => ("Unprotect", "The instance can be deleted again."),
            ApplyParameterGroup { .. } => {
                ("Apply parameters", "The latest parameter group is applied; parameters that need it restart the instance.")
            }
            CreateDatabase { .. } => ("Create database", "A new database is created on the instance."),
            RenameDatabase { .. } => ("Rename database", "The database is renamed; clients using the old name fail."),
            DeleteDatabase { .. } => ("Delete database", "The database and all its data are deleted. This cannot be undone."),
            CreateUser { .. } => ("Create user", "A new DB user is created."),
            DeleteUser { .. } => ("Delete user", "The DB user is deleted; clients signing in as them fail."),
            Replicate { .. } => ("Create replica", "A read replica is built from this instance."),
            Promote => ("Promote", "The replica stops replicating and becomes a standalone master."),
            HaPause => ("Pause HA", "Automatic failover stops until high availability is resumed."),
            HaResume => ("Resume HA", "Automatic failover is active again."),
            HaRepair => ("Repair HA", "The high-availability pair is rebuilt."),
            HaSplit => ("Split HA", "The candidate becomes a separate instance; there is no failover afterwards."),
            Ha { on: false, .. } => ("Turn HA off", "The candidate is removed: no automatic failover afterwards."),
            Ha { .. } => ("Save HA settings", "High availability follows the new ping interval and failover wait."),
            ApplyAccessRules => {
                ("Apply access rules", "Waiting access rule changes take effect; connections they no longer allow are refused.")
            }
            BackupSettings { .. } => ("Save backup settings", "Automatic backups follow the new retention and window."),
            Maintenance { .. } => ("Save maintenance window", "Upstream maintenance happens in the new window."),
            ModifyUser { .. } => ("Change DB user", "The DB user's password or authority changes; sessions signed in keep running."),
            BackupToObjectStorage { .. } => {
                ("Back up to object storage", "A backup is taken now and exported to the container; the instance stays available.")
            }
        }
    }
}

/// What the instance list shows beyond upstream's list call: read from each
/// instance's detail, storage and network calls.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct InstanceExtra {
    pub id: String,
    pub flavor: String,
    pub vcpus: u32,
    /// RAM in MB.
    pub ram: u64,
    pub storage_type: String,
    /// GB.
    pub storage_size: u32,
    pub zone: String,
    pub deletion_protection: bool,
    /// Its parameter group changed since it was last applied.
    pub parameter_changes_waiting: bool,
    /// CPU use in percent, the latest minute upstream reported.
    pub cpu: Option<f32>,
    /// Open database connections, the latest minute upstream reported.
    pub connections: Option<u32>,
}

/// How a version code reads to people: `POSTGRESQL_V1419` → `PostgreSQL
/// V14.19`, as the console writes it. PostgreSQL's major versions have had
/// two digits since 10; a code that does not follow the pattern is shown as
/// it came.
pub fn version_label(code: &str) -> String {
    match code.strip_prefix("POSTGRESQL_V") {
        Some(d) if d.len() >= 3 && d.bytes().all(|b| b.is_ascii_digit()) => format!("PostgreSQL V{}.{}", &d[..2], &d[2..]),
        _ => code.to_string(),
    }
}

#[cfg(test)]
mod version_tests {
    use super::version_label;

    #[test]
    fn version_codes_read_like_the_console() {
        assert_eq!(version_label("POSTGRESQL_V146"), "PostgreSQL V14.6");
        assert_eq!(version_label("POSTGRESQL_V1419"), "PostgreSQL V14.19");
        assert_eq!(version_label("POSTGRESQL_V176"), "PostgreSQL V17.6");
        assert_eq!(version_label("POSTGRESQL_V18"), "POSTGRESQL_V18");
        assert_eq!(version_label("MYSQL_V8032"), "MYSQL_V8032");
    }
}

/// A parameter group as its page shows it: what the instance overview links
/// to. Timestamps are already in words; enums are already labels.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ParameterGroupView {
    pub id: String,
    pub name: String,
    pub description: String,
    pub version: String,
    pub status: String,
    pub created: String,
    pub updated: String,
    pub parameters: Vec<ParameterView>,
}

/// One parameter of a parameter group.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ParameterView {
    pub category: String,
    pub name: String,
    pub value: String,
    pub unit: String,
    pub default: String,
    pub allowed: String,
    pub modifiable: bool,
    /// How a change takes effect, in words.
    pub apply: String,
    /// Whether applying a change restarts the instance.
    pub restarts: bool,
}

/// A DB security group as its page shows it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SecurityGroupView {
    pub id: String,
    pub name: String,
    pub description: String,
    pub status: String,
    pub created: String,
    pub updated: String,
    pub rules: Vec<RuleView>,
}

/// One rule of a DB security group.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RuleView {
    pub direction: String,
    pub ether_type: String,
    /// "DB port", "5432" or "5000–6000".
    pub ports: String,
    pub cidr: String,
    pub description: String,
}

/// A parameter group or DB security group in a list.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct GroupRow {
    pub id: String,
    pub name: String,
    pub description: String,
    /// The version of a parameter group; empty for a security group.
    pub version: String,
    pub status: String,
}

/// An instance's access control (HBA) rules, as its tab shows them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct HbaView {
    /// Some rules changed since they were last applied.
    pub need_to_apply: bool,
    pub rules: Vec<HbaRuleView>,
}

/// One HBA rule, in words.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct HbaRuleView {
    pub order: i64,
    /// "All" or the database names.
    pub databases: String,
    /// "All" or the DB user names.
    pub users: String,
    pub address: String,
    pub auth: String,
    /// Applied, or the change waiting to be applied.
    pub state: String,
    /// Whether the rule takes part when the rules are applied.
    pub applicable: bool,
}

/// One of a member's sessions, as shown to them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "sqlx", derive(sqlx::FromRow))]
pub struct SessionInfo {
    /// A handle to end it by; not the session secret.
    pub handle: String,
    pub created_at: String,
    pub last_seen_at: String,
    pub client_addr: String,
    pub user_agent: String,
    #[cfg_attr(feature = "sqlx", sqlx(default))]
    pub current: bool,
}

/// A credential set as shown: secrets reduced to their last four characters.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "sqlx", derive(sqlx::FromRow))]
pub struct CredentialView {
    pub id: i64,
    pub label: String,
    pub api_base: String,
    pub appkey_last4: String,
    pub access_key_id_last4: String,
    pub secret_last4: String,
    pub active: bool,
    pub created_at: String,
    pub last_tested_at: Option<String>,
    pub last_test_ok: Option<bool>,
    pub last_test_message: Option<String>,
}

/// A notification webhook as admins see it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "sqlx", derive(sqlx::FromRow))]
pub struct Webhook {
    pub id: i64,
    pub name: String,
    pub url: String,
    pub kind: String,
    pub enabled: bool,
    pub failures: i64,
    pub last_error: String,
}
