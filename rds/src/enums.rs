//! Enumerations of the API.
//!
//! Upstream adds values over time (docs/upstream-api.md #17), so every enum here is
//! *open*: a value it does not know is kept as `Unknown(text)`, displays as
//! that text, and is sent back unchanged. Requests built by pgdeck refuse
//! unknown values before they leave (see [`crate::validate`]).

/// Declares an open enum: known variants with their wire text and a label,
/// plus `Unknown(String)`.
#[macro_export]
macro_rules! open_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $wire:literal => $label:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $(#[doc = $label] $variant,)+
            /// A value this version of pgdeck does not know yet.
            Unknown(String),
        }

        impl $name {
            /// Every value pgdeck knows, in the guide's order.
            pub const KNOWN: &'static [$name] = &[$($name::$variant),+];

            /// The text on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => $wire,)+
                    $name::Unknown(s) => s.as_str(),
                }
            }

            /// A short description for people.
            pub fn label(&self) -> &str {
                match self {
                    $($name::$variant => $label,)+
                    $name::Unknown(s) => s.as_str(),
                }
            }

            /// Whether this is one of the documented values.
            pub fn is_known(&self) -> bool {
                !matches!(self, $name::Unknown(_))
            }

            /// Reads a wire value: exact first, then ignoring case
            /// (the guide mixes `half_an_hour` and `HALF_AN_HOUR`).
            pub fn parse(s: &str) -> Self {
                // A search of the known values rather than a match: one
                // small loop per enum in the browser's code.
                let known = Self::KNOWN;
                let at = known
                    .iter()
                    .position(|k| k.as_str() == s)
                    .or_else(|| known.iter().position(|k| k.as_str().eq_ignore_ascii_case(s)));
                let mut i = 0usize;
                $(
                    if at == Some(i) {
                        return $name::$variant;
                    }
                    i += 1;
                )+
                let _ = i;
                $name::Unknown(s.to_string())
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = ::std::convert::Infallible;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Ok(Self::parse(s))
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <::std::borrow::Cow<'de, str>>::deserialize(d)?;
                Ok(Self::parse(&s))
            }
        }
    };
}

open_enum! {
    /// DB engine versions (`dbVersion`).
    DbVersion {
        V146 = "POSTGRESQL_V146" => "PostgreSQL 14.6",
        V1417 = "POSTGRESQL_V1417" => "PostgreSQL 14.17",
        V1419 = "POSTGRESQL_V1419" => "PostgreSQL 14.19",
        V174 = "POSTGRESQL_V174" => "PostgreSQL 17.4",
        V176 = "POSTGRESQL_V176" => "PostgreSQL 17.6",
    }
}

open_enum! {
    /// State of an asynchronous job (`GET /v1.0/jobs/{jobId}`).
    JobStatus {
        Preparing = "PREPARING" => "Preparing",
        Ready = "READY" => "Ready",
        Running = "RUNNING" => "Running",
        Completed = "COMPLETED" => "Completed",
        Registered = "REGISTERED" => "Registered",
        WaitToRegister = "WAIT_TO_REGISTER" => "Waiting to register",
        Interrupted = "INTERRUPTED" => "Interrupted",
        Canceled = "CANCELED" => "Canceled",
        Failed = "FAILED" => "Failed",
        Error = "ERROR" => "Error",
        Deleted = "DELETED" => "Deleted",
        FailToReady = "FAIL_TO_READY" => "Failed to get ready",
        // Later material than the guide (docs/upstream-api.md).
        CannotProgress = "CANNOT_PROGRESS" => "Cannot progress",
        CompletedWithError = "COMPLETED_WITH_ERROR" => "Completed with errors",
        FailToRegister = "FAIL_TO_REGISTER" => "Failed to register",
    }
}

impl JobStatus {
    /// Whether the job has ended and will not change again.
    pub fn is_terminal(&self) -> bool {
        matches!(
            self,
            JobStatus::Completed
                | JobStatus::Interrupted
                | JobStatus::Canceled
                | JobStatus::Failed
                | JobStatus::Error
                | JobStatus::Deleted
                | JobStatus::FailToReady
                | JobStatus::CannotProgress
                | JobStatus::CompletedWithError
                | JobStatus::FailToRegister
        )
    }

    /// Whether the job ended well.
    pub fn is_success(&self) -> bool {
        matches!(self, JobStatus::Completed)
    }
}

open_enum! {
    /// Kind of resource a job touches.
    ResourceType {
        DbInstance = "DB_INSTANCE" => "DB instance",
        DbInstanceGroup = "DB_INSTANCE_GROUP" => "DB instance group",
        DbSecurityGroup = "DB_SECURITY_GROUP" => "DB security group",
        ParameterGroup = "PARAMETER_GROUP" => "Parameter group",
        Backup = "BACKUP" => "Backup",
        Tenant = "TENANT" => "Tenant",
    }
}

open_enum! {
    /// Status shared by groups that are only created or deleted.
    CreatedStatus {
        Created = "CREATED" => "Created",
        Deleted = "DELETED" => "Deleted",
    }
}

open_enum! {
    /// Replication type of an instance group.
    ReplicationType {
        Standalone = "STANDALONE" => "Standalone",
        HighAvailability = "HIGH_AVAILABILITY" => "High availability",
    }
}

open_enum! {
    /// Role of an instance inside its group.
    DbInstanceType {
        Master = "MASTER" => "Master",
        FailedMaster = "FAILED_MASTER" => "Failed-over master",
        CandidateMaster = "CANDIDATE_MASTER" => "Candidate master",
        ReadOnlySlave = "READ_ONLY_SLAVE" => "Read replica",
    }
}

open_enum! {
    /// Current status of a DB instance.
    DbInstanceStatus {
        Available = "AVAILABLE" => "Available",
        BeforeCreate = "BEFORE_CREATE" => "Before creation",
        StorageFull = "STORAGE_FULL" => "Storage full",
        FailToCreate = "FAIL_TO_CREATE" => "Failed to create",
        FailToConnect = "FAIL_TO_CONNECT" => "Failed to connect",
        ReplicationStop = "REPLICATION_STOP" => "Replication stopped",
        ReplicationDelay = "REPLICATION_DELAY" => "Replication delayed",
        Failover = "FAILOVER" => "Failed over",
        Shutdown = "SHUTDOWN" => "Stopped",
        Deleted = "DELETED" => "Deleted",
    }
}

open_enum! {
    /// What an instance is busy with (`NONE` when idle).
    ProgressStatus {
        None = "NONE" => "None",
        ApplyingDbInstanceHbaRule = "APPLYING_DB_INSTANCE_HBA_RULE" => "Applying access control rules",
        ApplyingParameterGroup = "APPLYING_PARAMETER_GROUP" => "Applying parameter group",
        ApplyingExtension = "APPLYING_EXTENSION" => "Applying extensions",
        SyncingExtension = "SYNCING_EXTENSION" => "Synchronizing extensions",
        BackingUp = "BACKING_UP" => "Backing up",
        Canceling = "CANCELING" => "Canceling",
        Creating = "CREATING" => "Creating",
        CreatingDatabase = "CREATING_DATABASE" => "Creating a database",
        CreatingUser = "CREATING_USER" => "Creating a user",
        Deleting = "DELETING" => "Deleting",
        DeletingDatabase = "DELETING_DATABASE" => "Deleting a database",
        DeletingUser = "DELETING_USER" => "Deleting a user",
        ExportingBackup = "EXPORTING_BACKUP" => "Exporting a backup",
        FailingOver = "FAILING_OVER" => "Failing over",
        Migrating = "MIGRATING" => "Migrating",
        Modifying = "MODIFYING" => "Modifying",
        Occupied = "OCCUPIED" => "Occupied",
        Preparing = "PREPARING" => "Preparing",
        Promoting = "PROMOTING" => "Promoting",
        PromotingForcibly = "PROMOTING_FORCIBLY" => "Force promoting",
        Rebuilding = "REBUILDING" => "Rebuilding",
        Repairing = "REPAIRING" => "Repairing",
        Replicating = "REPLICATING" => "Replicating",
        Restarting = "RESTARTING" => "Restarting",
        RestartingForcibly = "RESTARTING_FORCIBLY" => "Force restarting",
        Restoring = "RESTORING" => "Restoring",
        Starting = "STARTING" => "Starting",
        Stopping = "STOPPING" => "Stopping",
        SyncingDatabase = "SYNCING_DATABASE" => "Synchronizing databases",
        SyncingUser = "SYNCING_USER" => "Synchronizing users",
        UpdatingUser = "UPDATING_USER" => "Modifying a user",
        UpdatingDatabase = "UPDATING_DATABASE" => "Modifying a database",
        WaitManualControl = "WAIT_MANUAL_CONTROL" => "Waiting for manual failover",
    }
}

impl ProgressStatus {
    /// Whether the instance is busy.
    pub fn is_busy(&self) -> bool {
        !matches!(self, ProgressStatus::None)
    }
}

open_enum! {
    /// High-availability state (docs/upstream-api.md #4: an enum, not a Boolean).
    HaStatus {
        Created = "CREATED" => "Created",
        Stable = "STABLE" => "Stable",
        DisableReplicationDelay = "DISABLE_REPLICATION_DELAY" => "Failover stopped by replication delay",
        Pausing = "PAUSING" => "Pausing",
        Paused = "PAUSED" => "Paused",
        PausedDueToTask = "PAUSED_DUE_TO_TASK" => "Paused by a task",
        FailoverStarted = "FAILOVER_STARTED" => "Failover started",
        FailoverFailed = "FAILOVER_FAILED" => "Failover failed",
        FailoverCompleted = "FAILOVER_COMPLETED" => "Failover completed",
        Deleted = "DELETED" => "Deleted",
    }
}

open_enum! {
    /// Data storage attachment state.
    StorageStatus {
        Detached = "DETACHED" => "Detached",
        Attached = "ATTACHED" => "Attached",
        Deleted = "DELETED" => "Deleted",
    }
}

open_enum! {
    /// Kind of connection endpoint.
    EndPointType {
        External = "EXTERNAL" => "External",
        Internal = "INTERNAL" => "Internal",
        Public = "PUBLIC" => "External (deprecated name)",
        Private = "PRIVATE" => "Internal (deprecated name)",
    }
}

open_enum! {
    /// Length of a backup or maintenance window (docs/upstream-api.md #15: sent uppercase,
    /// read in either case).
    WindowDuration {
        HalfAnHour = "HALF_AN_HOUR" => "30 minutes",
        OneHour = "ONE_HOUR" => "1 hour",
        OneHourAndHalf = "ONE_HOUR_AND_HALF" => "1.5 hours",
        TwoHours = "TWO_HOURS" => "2 hours",
        TwoHoursAndHalf = "TWO_HOURS_AND_HALF" => "2.5 hours",
        ThreeHours = "THREE_HOURS" => "3 hours",
    }
}

impl WindowDuration {
    /// Length in minutes, for known values.
    pub fn minutes(&self) -> Option<u32> {
        Some(match self {
            WindowDuration::HalfAnHour => 30,
            WindowDuration::OneHour => 60,
            WindowDuration::OneHourAndHalf => 90,
            WindowDuration::TwoHours => 120,
            WindowDuration::TwoHoursAndHalf => 150,
            WindowDuration::ThreeHours => 180,
            WindowDuration::Unknown(_) => return None,
        })
    }
}

open_enum! {
    /// How a backup was taken.
    BackupType {
        Auto = "AUTO" => "Automatic",
        Manual = "MANUAL" => "Manual",
    }
}

open_enum! {
    /// Current state of a backup.
    BackupStatus {
        BackingUp = "BACKING_UP" => "Backing up",
        Completed = "COMPLETED" => "Completed",
        Deleting = "DELETING" => "Deleting",
        Deleted = "DELETED" => "Deleted",
        Error = "ERROR" => "Error",
    }
}

open_enum! {
    /// How an instance is restored.
    RestoreType {
        Timestamp = "TIMESTAMP" => "Point in time",
        Backup = "BACKUP" => "From a backup",
    }
}

open_enum! {
    /// State of a database or DB user inside an instance.
    ObjectStatus {
        Stable = "STABLE" => "Created",
        Creating = "CREATING" => "Creating",
        Modifying = "MODIFYING" => "Modifying",
        Syncing = "SYNCING" => "Synchronizing",
        Deleting = "DELETING" => "Deleting",
        Deleted = "DELETED" => "Deleted",
    }
}

open_enum! {
    /// What a DB user may do.
    AuthorityType {
        Crud = "CRUD" => "DML (CRUD)",
        Ddl = "DDL" => "DDL",
    }
}

open_enum! {
    /// State of an access control (HBA) rule.
    HbaRuleStatus {
        Created = "CREATED" => "Created",
        Applied = "APPLIED" => "Applied",
        Creating = "CREATING" => "Creating",
        Modifying = "MODIFYING" => "Modifying",
        Deleting = "DELETING" => "Deleting",
        Deleted = "DELETED" => "Deleted",
    }
}

open_enum! {
    /// Whether an HBA rule covers all databases/users or a chosen list.
    ApplyType {
        Entire = "ENTIRE" => "All",
        UserCustom = "USER_CUSTOM" => "Selected",
    }
}

open_enum! {
    /// How clients matching an HBA rule authenticate.
    AuthMethod {
        Trust = "TRUST" => "Trust (no password)",
        Reject = "REJECT" => "Reject",
        ScramSha256 = "SCRAM_SHA_256" => "Password (SCRAM-SHA-256)",
    }
}

open_enum! {
    /// Change waiting on an HBA rule until the rules are applied.
    ReservedAction {
        None = "NONE" => "None",
        Create = "CREATE" => "Creation pending",
        Modify = "MODIFY" => "Modification pending",
        Delete = "DELETE" => "Deletion pending",
    }
}

open_enum! {
    /// Work in progress on a DB security group.
    SecurityGroupProgress {
        None = "NONE" => "None",
        CreatingRule = "CREATING_RULE" => "Creating a rule",
        UpdatingRule = "UPDATING_RULE" => "Updating a rule",
        DeletingRule = "DELETING_RULE" => "Deleting a rule",
        ApplyingDefaultRule = "APPLYING_DEFAULT_RULE" => "Applying the default rule",
    }
}

open_enum! {
    /// Traffic direction of a security rule.
    Direction {
        Ingress = "INGRESS" => "Inbound",
        Egress = "EGRESS" => "Outbound",
    }
}

open_enum! {
    /// IP version of a security rule.
    EtherType {
        Ipv4 = "IPV4" => "IPv4",
        Ipv6 = "IPV6" => "IPv6",
    }
}

open_enum! {
    /// How a security rule names its ports (docs/upstream-api.md #7).
    PortType {
        DbPort = "DB_PORT" => "DB port",
        Port = "PORT" => "Port",
        PortRange = "PORT_RANGE" => "Port range",
    }
}

open_enum! {
    /// State of a parameter group.
    ParameterGroupStatus {
        Stable = "STABLE" => "Applied",
        NeedToApply = "NEED_TO_APPLY" => "Needs to be applied",
        Deleted = "DELETED" => "Deleted",
    }
}

open_enum! {
    /// Unit of a parameter value.
    ValueUnit {
        B = "B" => "bytes",
        KB = "kB" => "kilobytes",
        MB = "MB" => "megabytes",
        GB = "GB" => "gigabytes",
        TB = "TB" => "terabytes",
        Us = "us" => "microseconds",
        Ms = "ms" => "milliseconds",
        S = "s" => "seconds",
        Min = "min" => "minutes",
        H = "h" => "hours",
        D = "d" => "days",
    }
}

open_enum! {
    /// Type of a parameter value.
    ValueType {
        Boolean = "BOOLEAN" => "Boolean",
        String = "STRING" => "String",
        Numeric = "NUMERIC" => "Number",
        NumericWithByteUnit = "NUMERIC_WITH_BYTE_UNIT" => "Size",
        NumericWithTimeUnit = "NUMERIC_WITH_TIME_UNIT" => "Duration",
        Enumerated = "ENUMERATED" => "One of the allowed values",
        MultiEnumerated = "MULTI_ENUMERATED" => "Several of the allowed values",
        Timezone = "TIMEZONE" => "Time zone",
    }
}

open_enum! {
    /// Whether a parameter may be changed.
    UpdateType {
        Variable = "VARIABLE" => "Modifiable",
        Constant = "CONSTANT" => "Fixed",
    }
}

open_enum! {
    /// How a parameter change takes effect.
    ParameterApplyType {
        Session = "SESSION" => "Per session",
        File = "FILE" => "Configuration file (restart)",
        Both = "BOTH" => "Session and file",
    }
}

impl ParameterApplyType {
    /// Whether applying a change to such a parameter restarts the instance.
    pub fn needs_restart(&self) -> bool {
        matches!(self, ParameterApplyType::File)
    }
}

open_enum! {
    /// Members of a user group.
    UserGroupTypeCode {
        Entire = "ENTIRE" => "All project members",
        IndividualMember = "INDIVIDUAL_MEMBER" => "Selected members",
    }
}

open_enum! {
    /// Comparison of a watchdog.
    ComparisonOperator {
        Le = "LE" => "<=",
        Lt = "LT" => "<",
        Ge = "GE" => ">=",
        Gt = "GT" => ">",
    }
}

open_enum! {
    /// Category of an event.
    EventCategoryType {
        All = "ALL" => "All",
        Backup = "BACKUP" => "Backup",
        DbInstance = "DB_INSTANCE" => "DB instance",
        DbSecurityGroup = "DB_SECURITY_GROUP" => "DB security group",
        Job = "JOB" => "Job",
        Tenant = "TENANT" => "Tenant",
        Monitoring = "MONITORING" => "Monitoring",
    }
}

open_enum! {
    /// Region of NHN Cloud.
    RegionCode {
        Kr1 = "KR1" => "Korea (Pangyo)",
        Kr2 = "KR2" => "Korea (Pyeongchon)",
        Jp1 = "JP1" => "Japan (Tokyo)",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_values_survive_a_round_trip() {
        let v: DbInstanceStatus = serde_json::from_str("\"MELTING\"").unwrap();
        assert_eq!(v, DbInstanceStatus::Unknown("MELTING".into()));
        assert_eq!(serde_json::to_string(&v).unwrap(), "\"MELTING\"");
        assert!(!v.is_known());
    }

    #[test]
    fn lowercase_window_durations_are_read() {
        let v: WindowDuration = serde_json::from_str("\"half_an_hour\"").unwrap();
        assert_eq!(v, WindowDuration::HalfAnHour);
        assert_eq!(serde_json::to_string(&v).unwrap(), "\"HALF_AN_HOUR\"");
    }

    #[test]
    fn unit_case_matters_when_it_is_exact() {
        assert_eq!(ValueUnit::parse("kB"), ValueUnit::KB);
        assert_eq!(ValueUnit::parse("ms"), ValueUnit::Ms);
        assert_eq!(ValueUnit::parse("min"), ValueUnit::Min);
    }

    #[test]
    fn terminal_job_states_are_recognised() {
        assert!(JobStatus::Completed.is_terminal());
        assert!(JobStatus::Failed.is_terminal());
        assert!(!JobStatus::Running.is_terminal());
        assert!(!JobStatus::Unknown("X".into()).is_terminal());
    }
}

open_enum! {
    /// An extension's state in an instance group.
    ExtensionStatus {
        Available = "AVAILABLE" => "Available",
        NeedToApply = "NEED_TO_APPLY" => "Changes to apply",
        Applying = "APPLYING" => "Applying",
    }
}

open_enum! {
    /// An extension's state in one database.
    GroupExtensionStatus {
        Created = "CREATED" => "Created",
        Installed = "INSTALLED" => "Installed",
        Installing = "INSTALLING" => "Installing",
        InstallError = "INSTALL_ERROR" => "Installation failed",
        Deleted = "DELETED" => "Deleted",
        Deleting = "DELETING" => "Deleting",
        DeleteError = "DELETE_ERROR" => "Deletion failed",
    }
}

open_enum! {
    /// A change to an extension waiting until extensions are applied.
    ExtensionReservedAction {
        None = "NONE" => "None",
        Install = "INSTALL" => "Install pending",
        InstallWithCascade = "INSTALL_WITH_CASCADE" => "Install with dependencies pending",
        Delete = "DELETE" => "Removal pending",
        DeleteWithCascade = "DELETE_WITH_CASCADE" => "Removal with dependants pending",
    }
}
