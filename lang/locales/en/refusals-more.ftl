## What pgdeck's server refuses beyond a field's value (rights, states),
## by code: domain::Why. The English is what the audit log keeps, word for
## word; a page words the code in the member's language. Error notes load
## these when they show one (components/mod.rs).

refusal-role-cannot = the { $role } role cannot do this
refusal-approvals-all-admins = every member's requests are for admins: pick Waiting for me or My requests
refusal-vote-role = the { $role } role cannot vote on requests
refusal-vote-own = you cannot approve or reject your own request
refusal-vote-needs = this request needs a vote from: { $roles }
refusal-votes-closed = the request is { $state }; votes are closed
refusal-vote-expired = the request expired before this vote
refusal-cancel-not-yours = only the requester can cancel a request
refusal-cancel-closed = the request is { $state }; it can no longer be cancelled
refusal-too-many-open = you have { $open } requests open, the most one member may have ({ $most }): wait for votes or cancel some first
refusal-changed-since-filed = changed since it was filed
refusal-not-running = the request is { $state }, not running
refusal-requester-gone = the requester is disabled or gone; nothing was run
refusal-security-group-in-use = the DB security group is in use by { $names }: remove it from their settings first
refusal-parameter-group-in-use = the parameter group is in use by { $names }: move them to another group first
refusal-backup-deleting = backup { $name } is already being deleted
refusal-backup-not-done = backup { $name } is { $state }: wait until it has completed
refusal-sso-no-role = none of your groups gives a role in pgdeck: ask an admin
refusal-sso-disabled = your pgdeck account is disabled: ask an admin
refusal-sign-in-locked = too many failed sign-ins: try again in { $minutes } minutes
refusal-sign-in-sso-only = password sign-in is not open to your account here: sign in with the identity provider

## What went wrong, as an error note says it (app::AppError).
err-sign-in = please sign in
err-not-allowed = not allowed: { $why }
err-not-found = not found: { $what }
err-upstream = NHN Cloud refused the call ({ $code }): { $message }
err-unavailable = NHN Cloud could not be reached: { $why }
err-no-credentials = add your NHN Cloud credentials first
err-internal = something went wrong on the server (reference { $reference })
