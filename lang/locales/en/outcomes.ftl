## What became of an approved request, and what changed since it was
## filed, as pgdeck records them (domain::approvals, model::Basis). English
## pages show the record's own words; these word it in other languages.

result-ran = ran
result-stale = not run:
result-stale-again = File the request again if it is still wanted.
result-unknown = pgdeck stopped while this ran; it was not sent again. Check the resource and the jobs page before asking again.
change-gone = the { $kind } '{ $name }' ({ $id }) can no longer be found
change-renamed = the { $kind } was '{ $was }' when filed and is '{ $now }' now ({ $id })
change-elsewhere = the { $kind } '{ $name }' ({ $id }) is no longer what the call touches
change-added = { $label } now also include: { $line }
change-removed = { $label } no longer include: { $line }

## What the state an approver judges is (model::StateOf), and its lines.
basis-access-rule-changes = The access-rule changes it applies
basis-parameters-reset = The parameters it resets
basis-values-replaced = The values it replaces
basis-group-parameters = The parameters of '{ $group }' it applies
basis-extension-changes = The extension changes it runs
basis-group-rules = The group's rules
line-reset = { $name } = { $value } (default { $initial })
line-value = { $name } = { $value }
line-no-such = { $name } = (no such parameter)
line-extension = { $action }: { $extension } in { $database }
line-rule-ports = { $direction } { $cidr } ports { $from }-{ $to } ({ $id })
line-rule-port = { $direction } { $cidr } port { $port } ({ $id })
line-rule-type = { $direction } { $cidr } { $kind } ({ $id })
