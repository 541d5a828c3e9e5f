## The notices pgdeck posts to webhooks (domain/src/notify.rs), in the
## language each webhook is set to. They name the action, the resource and
## the people, never a parameter.

notice = pgdeck approval #{ $id } { $event }: { $action } on { $kind } { $resource } (requested by { $requester }; reason: { $reason })
notice-stale = . Not run, because it changed since it was filed: { $why }
notice-created = created
notice-approved = approved
notice-rejected = rejected
notice-expired = expired
notice-executed = executed
notice-failed = failed
notice-stale-word = stale
