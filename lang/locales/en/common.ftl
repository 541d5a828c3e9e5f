## The shell: top bar, navigation, what every page shares.

nav-sections = Sections
nav-dashboard = Dashboard
nav-instances = Instances
nav-backups = { -backups }
nav-access-control = { -access-control }
nav-jobs = { -jobs }
nav-events = { -events }
nav-alerting = Alerting
nav-approvals = { -approvals }
nav-audit = { -audit }
nav-settings = Settings
sandbox-badge = Sandbox
sandbox-badge-title = Every call goes to pgdeck's built-in emulator, not to { -nhn-cloud }
signed-in-as = Signed in as { $username }
sign-out = Sign out
waiting-votes-title = Requests waiting for your vote
language = Language
language-apply = Change language
language-follow-browser = As the browser asks
page-not-found = Page not found
page-not-found-text = Nothing lives at this address.
back-to-dashboard = Back to the dashboard
role-admin = admin
role-operator = operator
role-viewer = viewer
role-approver = approver
role-auditor = auditor
loading = Loading…
count-items = { $count ->
    [one] { $count } item
   *[other] { $count } items
}
my-language = My language
my-language-hint = The language pgdeck speaks to you on every browser you sign in from. “As the browser asks” follows each browser's own setting.
grid-actions = Actions
grid-edit = Edit
grid-delete = Delete
grid-verb-what = { $verb } { $what }
grid-delete-what = Delete { $what }
grid-name = Name
grid-members = Members
grid-created = Created
grid-user = User
grid-authority = Authority
grid-state = State
grid-database = Database
grid-schemas = Schemas
pager-bound = {" "}(the first { $bound } searched)
protection-on = Deletion protection is on
protection-off = Deletion protection is off
toast-dismiss = Dismiss
toast-completed = { $action } on { $resource } completed
toast-note = { $action } on { $resource }: { $note }
toast-ended = { $action } on { $resource } ended as { $status }

## A daily window (backups, maintenance).
window-for = { $start } for { $length }
auto-maintenance-off = {" "}(automatic maintenance off)

## Instances that share a name, told apart by their role ("orders-db (HA candidate)").
naming-master = master
naming-candidate = HA candidate
naming-replica = read replica
naming-failed-over = failed-over master
naming-pair = { $name } (HA pair)
