## Parameter groups: the list, a group's parameters, compare and apply.

par-crumb = { -access-control }
par-title = { -parameter-groups }
par-new = New parameter group
par-group-name = Group name
par-group-description = Group description
par-pg-version = PostgreSQL version
par-choose-version = Choose a version
par-create = Create parameter group
par-loading = Loading parameter groups…
par-name = Name
par-version = Version
par-state = State
par-description = Description
par-used-by = Used by
par-created = Created
par-updated = Updated
par-copy = Copy
par-delete = Delete
par-new-name = New group name
par-new-description = New group description
par-copy-group = Copy parameter group
par-cancel = Cancel
par-details = Parameter group details
par-unused = No instance uses this group.
par-apply = Apply
par-backup-first = Back up before applying
par-no-restart = No parameter that needs a restart differs from its default: applying should not restart the instances.
par-rename = Rename or describe
par-save-name = Save name and description
par-reset = Reset to defaults
par-all-default = Every parameter already has its default value.
par-reset-changes = Resetting changes these parameters:
par-reset-more = Reset to defaults…
par-parameters = Parameters
par-filter = Filter parameters
par-search = Search parameters
par-parameter = Parameter
par-value = Value
par-default = Default
par-allowed = Allowed
par-takes-effect = Takes effect
par-fixed = Fixed
par-reason = Reason (required when changing parameters needs approval)
par-discard = Discard changes
par-bulk = Bulk edit (postgresql.conf lines)
par-paste = Paste name = value lines
par-preview = Preview
par-bulk-preview = Bulk edit preview
par-line = Line
par-now = Now
par-new-value = New
par-restart = Restart
par-check = Check
par-compare = Compare
par-compare-with = Compare with
par-defaults = The defaults of this version
par-filter-diff = Filter differences
par-loading-other = Loading…
par-no-diff = No differences.
par-differences = Differences
par-this-group = This group
par-use-value = Use this value
par-copy-label = Copy { $name }
par-delete-label = Delete { $name }
par-apply-to = Apply to { $name }
par-restarts = Applying restarts the instance: { $params } take effect only after a restart.
par-value-of = Value of { $name }
par-save-n =
    { $count ->
        [one] Save { $count } change
       *[other] Save { $count } changes
    }
par-stage-n = Stage { $count } valid changes
par-use-for = Use { $value } for { $name }
