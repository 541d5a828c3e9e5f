## An instance's DB users tab.

dbu-loading = Loading DB users…
dbu-none = No DB users yet.
dbu-change = Change
dbu-keep = Keep
dbu-apply-rules = Apply the instance's access rules at once (a renamed user keeps matching them)
dbu-password = Password
dbu-give-something = Give a new name, a new password, a new authority, or several.
dbu-change-user = Change DB user
dbu-cancel = Cancel
dbu-add = Add a DB user
dbu-new-password = DB user password (1–32 characters)
dbu-authority = Authority
dbu-address-label = Default access rule address (optional)
dbu-address = Address
dbu-address-hint = With an address, access rules letting this user in from it are added too; without, add rules yourself before the user can connect.
dbu-create = Create DB user
dbu-what = DB user { $name }
dbu-change-label = Change DB user { $name }
dbu-new-name-for = New name for { $name } (empty keeps it)
dbu-new-password-for = New password for { $name } (empty keeps it)
dbu-new-authority-for = New authority for { $name }
dbu-new-name = DB user name (1–32 characters)
dbu-name = DB user name
dbu-table = DB users
