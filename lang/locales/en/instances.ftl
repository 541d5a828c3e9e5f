## The instance list.

waiting-banner = { $count ->
    [one] { $count } approval request(s) wait for your vote.
   *[other] { $count } approval request(s) wait for your vote.
}
review-them = Review them
instances-title = Instances
refresh = Refresh
create-db-instance = Create { -db-instance }
filter-instances = Filter instances
search-instances = Search instances
search-placeholder = name, version, status…
filter-status = Status
filter-all = all
status-available = available
status-stopped = stopped
status-being-created = being created
filter-zone = Zone
filter-flavor = Flavor
filter-version = Version
group-by-group = Group by instance group
loading-instances = Loading instances…
col-select = Select
col-deletion-protection = Deletion protection
col-name = Name
col-role = Role
col-specification = Specification
col-version = Version
col-cpu = CPU
col-sessions = Sessions
col-storage = Storage
col-zone = Zone
instance-col-status = Status
col-actions = Actions
table-label = DB instances
selected-instances = Selected instances
selected-count = { $count } selected
start-selected = Start selected
restart-selected = Restart selected
backup-selected = Back up selected
stop-selected = Stop selected
clear-selection = Clear selection
bulk-title = { $verb } { $count } instances?
bulk-run = { $verb } all
bulk-results = Bulk action results
working-through = Working through the selection…
select-instance = Select { $name }
parameter-waiting = Parameter changes waiting
parameter-waiting-title = Its parameter group changed: apply the changes from the settings tab
parameter-pill = Parameter
cpu-of = CPU of { $name }
start = Start
restart = Restart
back-up = Back up
stop = Stop
delete = Delete
shown-of = { $shown } of { $total } instances
since = , since { $when }
instance-group = Instance group { $id }
instance-group-head = Instance group { $id }{ $about } — { $roles }

## What a bulk action did to each instance.
bulk-started = started (job { $job })
bulk-done = done
bulk-filed = approval request #{ $id } filed
bulk-failed = failed: { $why }

inst-jobs-link = jobs
inst-audit-link = audit history
inst-port = port { $port }
inst-sessions = { $count } sessions
