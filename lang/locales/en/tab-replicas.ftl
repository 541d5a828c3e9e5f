## An instance's Read replicas tab.

rep-is-replica = This instance is a read replica.
rep-promote = Promote to master
rep-loading = Loading the replica form…
rep-create-title = Create a read replica
rep-name = Replica name
rep-description = Replica description
rep-specification = Replica specification
rep-port = Replica port
rep-port-name = Port
rep-parameter-group = Replica parameter group
rep-storage-type = Replica storage type
rep-storage-name = Storage size (GB)
rep-backup = Replica backup retention (days)
rep-backup-name = Backup retention (days)
rep-zone = Replica availability zone
rep-public = Public access for the replica
rep-default-notification = Use the default notification
rep-protect = Protect the replica from deletion
rep-security-groups = Replica security groups
rep-sg-name = Security groups
rep-user-groups = Replica user groups notified
rep-create = Create read replica
rep-storage-size = Replica storage size (GB, at least { $min })

rep-pick-one = pick at least one
rep-same-zone = same as the source
