## The confirmation every change passes, and its outcome; errors.

opening-confirmation = Opening the confirmation…
online-failover = Restart with online failover (HA instances: the candidate takes over first)
backup-first = Back up before restarting
backup-name = Backup name
needs-approval-hint = This action needs another member's approval: it will be filed as a request, not run now.
reason-required = Reason (required when approval is needed)
cancel = Cancel
started-job = Started job { $job }; its progress shows here and in Jobs.
done = Done.
filed-for-approval = This action needs approval: request #{ $approval } waits for an approver.
see-request = See the request
error-lead = Could not complete:
throttled-lead = Slowed down:
add-credentials = Add credentials in Settings
