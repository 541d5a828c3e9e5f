## An instance's Access rules tab.

acc-hint = Rules are matched top to bottom; the first that matches a connection decides. Changes wait until the access rules are applied, and pgdeck shows what the apply will change first.
acc-loading = Loading access rules…
acc-what-apply = What Apply will change
acc-apply = Apply access rules
acc-add = Add access rule
acc-opening-form = Opening the rule form…
acc-table = Access rules
acc-order = Order
acc-databases = Databases
acc-db-users = DB users
acc-address = Address
acc-authentication = Authentication
acc-state = State
acc-edit = Edit
acc-delete = Delete
acc-export = Export as pg_hba.conf
acc-export-hint = The rules as they will be after the next apply, in matching order.
acc-change-rule = Change access rule
acc-new-rule = New access rule
acc-database = Database
acc-db-user = DB user
acc-all-databases = All databases
acc-all-users = All DB users
acc-save = Save access rule
acc-cancel = Cancel
acc-import = Import pg_hba.conf lines
acc-opening-import = Opening the import…
acc-preview = Import preview
acc-line = Line
acc-text = Text
acc-becomes = Becomes
acc-new-rule-row = a new rule
acc-move-up = Move up: { $rule }
acc-move-down = Move down: { $rule }
acc-edit-label = Edit: { $rule }
acc-delete-label = Delete: { $rule }
acc-cannot-import = cannot import: { $why }
acc-add-n =
    { $count ->
        [one] Add { $count } access rule
       *[other] Add { $count } access rules
    }
acc-created-then = Created { $done } of { $total }; then: { $error }
acc-added = Added { $count } access rules; they wait to be applied.
acc-paste-1 = Paste lines such as 
acc-paste-2 = . Each becomes a rule added after the existing ones, in order; lines the API cannot express are named with the reason and left out.
acc-rule-label = { $users } from { $address }
acc-apply-required = { $change } (apply required)

acc-address-hint = A CIDR, a host name or a domain
acc-trust-warning = TRUST lets anyone connecting from this address in without a password. Prefer SCRAM-SHA-256, or a narrower address.
acc-export-label = pg_hba.conf export
acc-import-lines = pg_hba.conf lines to import
