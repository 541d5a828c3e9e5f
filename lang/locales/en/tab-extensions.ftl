## An instance's Extensions tab.

ext-hint = Extensions are installed per database across the instance group (the instance, its HA candidate and replicas). Installs and removals wait until extensions are applied.
ext-loading = Loading extensions…
ext-apply = Apply extensions
ext-sync = Synchronize extensions
ext-waiting = Some extension changes wait to be applied.
ext-table = Extensions
ext-extension = Extension
ext-state = State
ext-databases = Databases
ext-remove = Remove
ext-install-more = Install…
ext-everywhere = It is already in every database of this instance.
ext-database = Database
ext-schema = Schema
ext-cascade = Also install the extensions it depends on (cascade)
ext-install = Install extension
ext-cancel = Cancel
ext-remove-label = Remove { $name }
ext-install-label = Install { $name }
