# The words for the values NHN Cloud's API sends (rds/src/enums.rs): each
# message is named <Enum>-<value>. The English is the enum's label, word for
# word (the build checks it); every value of an enum listed here needs one.


## BackupType
BackupType-AUTO = Automatic
BackupType-MANUAL = Manual

## BackupStatus
BackupStatus-BACKING_UP = Backing up
BackupStatus-COMPLETED = Completed
BackupStatus-DELETING = Deleting
BackupStatus-DELETED = Deleted
BackupStatus-ERROR = Error

## RestoreType
RestoreType-TIMESTAMP = Point in time
RestoreType-BACKUP = From a backup
