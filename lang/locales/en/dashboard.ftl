## The dashboard.

dashboard-title = Dashboard
all-instances = All instances
loading-estate = Loading the estate…
estate-title = Instances
no-credentials = The estate is read with your own { -nhn-cloud } credentials, and you have none yet.
add-credentials-link = Add credentials in Settings
no-credentials-end = to see instances and events.
estate-summary = { $total } instances, { $attention } needing attention
instances-by-state = Instances by state
col-instance = Instance
col-status = Status
col-needs-attention = Needs attention
waiting-title = Waiting for my approval
nothing-waits = Nothing waits for you.
requested-by = by
mine-title = My open requests
no-open-requests = You have no open requests.
not-run = NOT RUN: { $reason }
approvals-count = ({ $given } of { $needed } approvals)
running-title = Running now
no-jobs-running = No jobs running.
job-on = { $action } on { $resource }
events-title = Recent { -event }s
no-recent-events = No events in the last 30 days.
recent-events = Recent events
all-events = All { -event }s

## Why an instance needs attention.
attention-status = status { $status }
attention-unknown = unknown
attention-parameters = parameter group changes to apply
attention-storage = storage { $used } % used
attention-ha = high availability: { $status }
