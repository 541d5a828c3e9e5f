## Settings: approval policies and notification webhooks.

policies-settings = Settings
policies-title = Approval policies
policies-hint = Restores are not gated by default: they create a new instance and change nothing that exists.
policies-loading = Loading policies…
policies-col-action = Action
policies-col-needs = Needs approval
policies-col-approvals = Approvals
policies-col-open = Open (hours)
policies-col-run-within = Run within (hours)
policies-col-roles = Approver roles
webhooks-title = Notification webhooks
webhooks-none = No webhooks: requests, approvals and results are not announced anywhere.
webhooks-table = Webhooks
webhooks-col-name = Name
webhooks-col-kind = Kind
webhooks-col-address = Address
webhooks-col-failed = Failed deliveries
webhooks-none-failed = none
webhooks-remove = Remove
webhooks-name = Webhook name
webhooks-address = Webhook address
webhooks-slack = Slack-compatible
webhooks-dooray = NHN Dooray
webhooks-add = Add webhook
policies-customised = changed from the default
policies-also-covers = Also covers: 
webhooks-failures = { $count } — last: { $error }
policies-needs-label = { $action } needs approval
policies-approvals-label = { $action } approvals needed
policies-open-label = { $action } open hours
policies-run-label = { $action } run within hours

## When another call has the effect of a gated action (model::actions::EFFECTS, in order).
covers-ha-off-pause = with useHighAvailability off: automatic failover stops
covers-ha-off-split = with useHighAvailability off: the candidate is removed
covers-database-hba = with applyHbaRulesImmediately: every waiting access-rule change is applied
covers-user-hba = with applyHbaRulesImmediately: every waiting access-rule change is applied
covers-parameter-group = with a parameterGroupId: the instance takes that group's parameters
covers-user-group-empty = when it leaves the group with no members: notifications to it stop
covers-notification-off = with isEnabled off: the group's alerts stop
covers-rules-all-deleted = when it deletes every rule of a group instances use: they accept no traffic
covers-parameters-default = when afterwards every parameter of the group is at its default
webhooks-col-language = Language
webhooks-language = Notice language
