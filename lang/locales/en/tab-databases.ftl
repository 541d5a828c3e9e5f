## An instance's Databases tab.

dbs-loading = Loading databases…
dbs-table = Databases
dbs-none = No databases yet.
dbs-rename = Rename
dbs-database-name = Database name
dbs-rename-database = Rename database
dbs-cancel = Cancel
dbs-new-database-name = New database name
dbs-what = database { $name }
dbs-rename-label = Rename database { $name }
dbs-new-name-for = New name for { $name }
dbs-apply-hba = Apply access rules (HBA) at once (counts as applying them, which may need approval)
dbs-create = Create database
