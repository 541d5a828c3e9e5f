## Settings: the team's members.

users-settings = Settings
users-title = Members
users-loading = Loading members…
users-col-member = Member
users-col-role = Role
users-col-credentials = Credentials
users-col-state = State
users-col-actions = Actions
users-credentials-none = none
users-disabled = disabled
users-active = active
users-enable = Enable
users-disable = Disable
users-new-password-placeholder = new password
users-set-password = Set password
users-password-changed = Password changed; the member's sessions ended.
users-add-title = Add a member
users-username = Username
users-display-name = Display name
users-password = Password (12 characters or more)
users-add = Add member
users-added = Member added.
users-role-of = Role of { $username }
users-credential-sets =
    { $count ->
        [one] { $count } set
       *[other] { $count } sets
    }
users-new-password-for = New password for { $username }
