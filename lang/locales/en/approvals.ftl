## The approvals page.

approvals-title = { -approvals }
approval-views = Approval views
view-inbox = Waiting for me
view-mine = My requests
view-all = All
approvals-hint = Destructive actions wait here until someone other than the requester approves them; then they run once, as the requester.
loading-requests = Loading requests…
no-requests = No requests here.
pages = Pages
previous = Previous
next = Next
page-of = Page { $page } of { $pages } · { $count } requests
request-label = Request { $id }
requested-by-label = Requested by
requested-at = at
reason = Reason
approvals-label = Approvals
approvals-of = { $given } of { $needed } (by { $roles })
open-until = Open until
not-found-when-filed = { $id } (not found when filed)
renamed-since = ⚠ now named '{ $name }' — it was renamed after this request was filed
what-runs = What runs
as-sent = As sent
gated-as = Gated as
gated-as-note = (the call has the effect of each)
what-it-changes = What it changes
result = Result
result-code = (code { $code })
job-label = Job
record = Record
audit-history = audit history of this resource
comment-on = Comment on request #{ $id } (required)
comment-hint = A comment is required to approve or reject: it goes into the audit log.
approve = Approve
reject = Reject
cancel-request = Cancel request
roles-or = or

## A request's state (its pill).
state-pending = Pending
state-approved = Approved
state-running = Running
state-executed = Executed
state-failed = Failed
state-rejected = Rejected
state-cancelled = Cancelled
state-expired = Expired
state-unknown = Unknown
state-stale = Stale

## A call in words, and the votes.
words-yes = yes
words-no = no
words-none = none
voted-approve = { $who } approved at { $at }:{" "}
voted-reject = { $who } rejected at { $at }:{" "}
