# The words for the values NHN Cloud's API sends (rds/src/enums.rs): each
# message is named <Enum>-<value>. The English is the enum's label, word for
# word (the build checks it); every value of an enum listed here needs one.


## JobStatus
JobStatus-PREPARING = Preparing
JobStatus-READY = Ready
JobStatus-RUNNING = Running
JobStatus-COMPLETED = Completed
JobStatus-REGISTERED = Registered
JobStatus-WAIT_TO_REGISTER = Waiting to register
JobStatus-INTERRUPTED = Interrupted
JobStatus-CANCELED = Canceled
JobStatus-FAILED = Failed
JobStatus-ERROR = Error
JobStatus-DELETED = Deleted
JobStatus-FAIL_TO_READY = Failed to get ready
JobStatus-CANNOT_PROGRESS = Cannot progress
JobStatus-COMPLETED_WITH_ERROR = Completed with errors
JobStatus-FAIL_TO_REGISTER = Failed to register

## ResourceType
ResourceType-DB_INSTANCE = DB instance
ResourceType-DB_INSTANCE_GROUP = DB instance group
ResourceType-DB_SECURITY_GROUP = DB security group
ResourceType-PARAMETER_GROUP = Parameter group
ResourceType-BACKUP = Backup
ResourceType-TENANT = Tenant
