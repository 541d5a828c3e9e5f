## The jobs page: what pgdeck follows upstream.

jobs-title = { -jobs }
jobs-tabs = Job states
jobs-all = All
jobs-running = Running
jobs-finished = Finished
jobs-hint = Every job started through pgdeck is followed until it ends, also across restarts.
jobs-loading = Loading jobs…
jobs-empty = No jobs yet. Actions on instances, backups and access control start them.
jobs-col-action = Action
jobs-col-resource = Resource
jobs-col-asked-by = Asked by
jobs-col-status = Status
jobs-col-started = Started
jobs-col-ended = Ended
jobs-col-job = Job
jobs-audit-link = audit
