## The bulk edit of a parameter group: its words load when it opens.

par-paste = Paste name = value lines
par-preview = Preview
par-bulk-preview = Bulk edit preview
par-line = Line
par-now = Now
par-new-value = New
par-restart = Restart
par-check = Check
par-stage-n = Stage { $count } valid changes
par-not-in-group = { $name } is not a parameter of this group
par-constant = { $name } cannot be changed
par-yes = yes
par-no = no
par-ok = ok
par-conf-no-value = { $name }: no value
par-conf-not-a-name = "{ $name }" is not a parameter name
par-conf-open-quote = { $name }: the quote is not closed
par-conf-unquoted = { $name }: a value with spaces must be quoted ('...')
