# The words for the values NHN Cloud's API sends (rds/src/enums.rs): each
# message is named <Enum>-<value>. The English is the enum's label, word for
# word (the build checks it); every value of an enum listed here needs one.


## CreatedStatus
CreatedStatus-CREATED = Created
CreatedStatus-DELETED = Deleted

## ReplicationType
ReplicationType-STANDALONE = Standalone
ReplicationType-HIGH_AVAILABILITY = High availability

## DbInstanceType
DbInstanceType-MASTER = Master
DbInstanceType-FAILED_MASTER = Failed-over master
DbInstanceType-CANDIDATE_MASTER = Candidate master
DbInstanceType-READ_ONLY_SLAVE = Read replica

## DbInstanceStatus
DbInstanceStatus-AVAILABLE = Available
DbInstanceStatus-BEFORE_CREATE = Before creation
DbInstanceStatus-STORAGE_FULL = Storage full
DbInstanceStatus-FAIL_TO_CREATE = Failed to create
DbInstanceStatus-FAIL_TO_CONNECT = Failed to connect
DbInstanceStatus-REPLICATION_STOP = Replication stopped
DbInstanceStatus-REPLICATION_DELAY = Replication delayed
DbInstanceStatus-FAILOVER = Failed over
DbInstanceStatus-SHUTDOWN = Stopped
DbInstanceStatus-DELETED = Deleted

## ProgressStatus
ProgressStatus-NONE = None
ProgressStatus-APPLYING_DB_INSTANCE_HBA_RULE = Applying access control rules
ProgressStatus-APPLYING_PARAMETER_GROUP = Applying parameter group
ProgressStatus-APPLYING_EXTENSION = Applying extensions
ProgressStatus-SYNCING_EXTENSION = Synchronizing extensions
ProgressStatus-BACKING_UP = Backing up
ProgressStatus-CANCELING = Canceling
ProgressStatus-CREATING = Creating
ProgressStatus-CREATING_DATABASE = Creating a database
ProgressStatus-CREATING_USER = Creating a user
ProgressStatus-DELETING = Deleting
ProgressStatus-DELETING_DATABASE = Deleting a database
ProgressStatus-DELETING_USER = Deleting a user
ProgressStatus-EXPORTING_BACKUP = Exporting a backup
ProgressStatus-FAILING_OVER = Failing over
ProgressStatus-MIGRATING = Migrating
ProgressStatus-MODIFYING = Modifying
ProgressStatus-OCCUPIED = Occupied
ProgressStatus-PREPARING = Preparing
ProgressStatus-PROMOTING = Promoting
ProgressStatus-PROMOTING_FORCIBLY = Force promoting
ProgressStatus-REBUILDING = Rebuilding
ProgressStatus-REPAIRING = Repairing
ProgressStatus-REPLICATING = Replicating
ProgressStatus-RESTARTING = Restarting
ProgressStatus-RESTARTING_FORCIBLY = Force restarting
ProgressStatus-RESTORING = Restoring
ProgressStatus-STARTING = Starting
ProgressStatus-STOPPING = Stopping
ProgressStatus-SYNCING_DATABASE = Synchronizing databases
ProgressStatus-SYNCING_USER = Synchronizing users
ProgressStatus-UPDATING_USER = Modifying a user
ProgressStatus-UPDATING_DATABASE = Modifying a database
ProgressStatus-WAIT_MANUAL_CONTROL = Waiting for manual failover

## HaStatus
HaStatus-CREATED = Created
HaStatus-STABLE = Stable
HaStatus-DISABLE_REPLICATION_DELAY = Failover stopped by replication delay
HaStatus-PAUSING = Pausing
HaStatus-PAUSED = Paused
HaStatus-PAUSED_DUE_TO_TASK = Paused by a task
HaStatus-FAILOVER_STARTED = Failover started
HaStatus-FAILOVER_FAILED = Failover failed
HaStatus-FAILOVER_COMPLETED = Failover completed
HaStatus-DELETED = Deleted

## StorageStatus
StorageStatus-DETACHED = Detached
StorageStatus-ATTACHED = Attached
StorageStatus-DELETED = Deleted

## EndPointType
EndPointType-EXTERNAL = External
EndPointType-INTERNAL = Internal
EndPointType-PUBLIC = External (deprecated name)
EndPointType-PRIVATE = Internal (deprecated name)



## ObjectStatus
ObjectStatus-STABLE = Created
ObjectStatus-CREATING = Creating
ObjectStatus-MODIFYING = Modifying
ObjectStatus-SYNCING = Synchronizing
ObjectStatus-DELETING = Deleting
ObjectStatus-DELETED = Deleted

## AuthorityType
AuthorityType-CRUD = DML (CRUD)
AuthorityType-DDL = DDL

## HbaRuleStatus
HbaRuleStatus-CREATED = Created
HbaRuleStatus-APPLIED = Applied
HbaRuleStatus-CREATING = Creating
HbaRuleStatus-MODIFYING = Modifying
HbaRuleStatus-DELETING = Deleting
HbaRuleStatus-DELETED = Deleted

## ApplyType
ApplyType-ENTIRE = All
ApplyType-USER_CUSTOM = Selected

## AuthMethod
AuthMethod-TRUST = Trust (no password)
AuthMethod-REJECT = Reject
AuthMethod-SCRAM_SHA_256 = Password (SCRAM-SHA-256)

## ReservedAction
ReservedAction-NONE = None
ReservedAction-CREATE = Creation pending
ReservedAction-MODIFY = Modification pending
ReservedAction-DELETE = Deletion pending

## RegionCode
RegionCode-KR1 = Korea (Pangyo)
RegionCode-KR2 = Korea (Pyeongchon)
RegionCode-JP1 = Japan (Tokyo)

## ExtensionStatus
ExtensionStatus-AVAILABLE = Available
ExtensionStatus-NEED_TO_APPLY = Changes to apply
ExtensionStatus-APPLYING = Applying

## GroupExtensionStatus
GroupExtensionStatus-CREATED = Created
GroupExtensionStatus-INSTALLED = Installed
GroupExtensionStatus-INSTALLING = Installing
GroupExtensionStatus-INSTALL_ERROR = Installation failed
GroupExtensionStatus-DELETED = Deleted
GroupExtensionStatus-DELETING = Deleting
GroupExtensionStatus-DELETE_ERROR = Deletion failed

## ExtensionReservedAction
ExtensionReservedAction-NONE = None
ExtensionReservedAction-INSTALL = Install pending
ExtensionReservedAction-INSTALL_WITH_CASCADE = Install with dependencies pending
ExtensionReservedAction-DELETE = Removal pending
ExtensionReservedAction-DELETE_WITH_CASCADE = Removal with dependants pending
