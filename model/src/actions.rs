//! The action table: every change pgdeck can make upstream, described once.
//!
//! Keyed by the name of its [`rds::Call`] (the endpoint's name). The server
//! takes each action's risk and default gate from here; the browser takes
//! the confirmation's wording and whether it is shown as dangerous, so the
//! dialog works for any call without a hand-kept list.

use rds::Call;
use serde::{Deserialize, Serialize};

/// How much harm a mistaken call can do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Risk {
    /// Creates or adds; easily undone.
    Low,
    /// Changes settings; may restart the instance.
    Medium,
    /// Interrupts service (restart, stop, failover) or moves data.
    High,
    /// Destroys data or protection.
    Destructive,
}

impl Risk {
    /// The word shown to members.
    pub fn as_str(self) -> &'static str {
        match self {
            Risk::Low => "low",
            Risk::Medium => "medium",
            Risk::High => "high",
            Risk::Destructive => "destructive",
        }
    }
}

/// One mutating endpoint, as pgdeck treats it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Action {
    /// The endpoint's (and the call's) name.
    pub name: &'static str,
    /// The kind of resource it acts on, as the audit log names it.
    pub resource_type: &'static str,
    pub risk: Risk,
    /// Whether it waits for someone else's approval unless a policy says otherwise.
    pub gated_by_default: bool,
    /// The confirm button's verb.
    pub verb: &'static str,
    /// What will happen, in one sentence.
    pub consequence: &'static str,
}

macro_rules! actions {
    ($($name:literal, $res:literal, $risk:ident, $gated:literal, $verb:literal, $what:literal;)+) => {
        /// Every mutating endpoint of the API, in the guide's order.
        pub const ACTIONS: &[Action] = &[$(Action {
            name: $name,
            resource_type: $res,
            risk: Risk::$risk,
            gated_by_default: $gated,
            verb: $verb,
            consequence: $what,
        }),+];
    };
}

actions! {
    "create_db_instance", "db_instance", Low, false, "Create instance", "A new DB instance is built; it is billed from the moment it exists.";
    "modify_db_instance", "db_instance", Medium, false, "Apply", "The settings change; the instance keeps running.";
    "modify_high_availability", "db_instance", Medium, false, "Save HA settings", "High availability follows the new setting, ping interval and failover wait.";
    "resume_high_availability", "db_instance", Medium, false, "Resume HA", "Automatic failover is active again.";
    "pause_high_availability", "db_instance", High, true, "Pause HA", "Automatic failover stops until high availability is resumed.";
    "repair_high_availability", "db_instance", Medium, false, "Repair HA", "The high-availability pair is rebuilt.";
    "split_high_availability", "db_instance", High, true, "Split HA", "The candidate becomes a separate instance; there is no failover afterwards.";
    "modify_storage_info", "db_instance", Medium, false, "Grow storage", "The data storage grows; it can never shrink again.";
    "modify_network_info", "db_instance", Medium, false, "Change public access", "The instance's external address is added or removed.";
    "modify_backup_info", "db_instance", Low, false, "Save backup settings", "Automatic backups follow the new retention and window.";
    "restore_db_instance", "db_instance", Medium, false, "Restore", "A new instance is built from this instance's backups; the source keeps running.";
    "modify_deletion_protection", "db_instance", Medium, false, "Change deletion protection", "Whether the instance can be deleted changes.";
    "modify_maintenance_info", "db_instance", Low, false, "Save maintenance window", "Upstream maintenance happens in the new window.";
    "delete_db_instance", "db_instance", Destructive, true, "Delete", "The instance and its data are deleted. This cannot be undone.";
    "restart_db_instance", "db_instance", High, false, "Restart", "The instance restarts: connections drop for a short while.";
    "force_restart_db_instance", "db_instance", High, true, "Force restart", "The database process is killed and restarted without a clean shutdown.";
    "start_db_instance", "db_instance", Low, false, "Start", "The instance starts and accepts connections again.";
    "stop_db_instance", "db_instance", High, true, "Stop", "The instance shuts down: every connection is cut until it is started again.";
    "backup_db_instance", "db_instance", Low, false, "Back up", "A manual backup is taken now; the instance stays available.";
    "backup_to_object_storage", "db_instance", Low, false, "Back up to object storage", "A backup is taken now and exported to the container; the instance stays available.";
    "apply_recent_parameter_group", "db_instance", High, false, "Apply parameters", "The latest parameter group is applied; parameters that need it restart the instance.";
    "replicate_db_instance", "db_instance", Low, false, "Create replica", "A read replica is built from this instance.";
    "promote_db_instance", "db_instance", High, true, "Promote", "The replica stops replicating and becomes a standalone master.";
    "create_database", "database", Low, false, "Create database", "A new database is created on the instance.";
    "modify_database", "database", Medium, false, "Rename database", "The database is renamed; clients using the old name fail.";
    "delete_database", "database", Destructive, true, "Delete database", "The database and all its data are deleted. This cannot be undone.";
    "create_db_user", "db_user", Low, false, "Create user", "A new DB user is created.";
    "modify_db_user", "db_user", Medium, false, "Change DB user", "The DB user's name, password or authority changes; sessions signed in keep running.";
    "delete_db_user", "db_user", Destructive, true, "Delete user", "The DB user is deleted; clients signing in as them fail.";
    "create_hba_rule", "hba_rule", Low, false, "Add access rule", "The rule waits to be applied; nothing changes until access rules are applied.";
    "modify_hba_rule", "hba_rule", Medium, false, "Change access rule", "The change waits to be applied; nothing changes until access rules are applied.";
    "delete_hba_rule", "hba_rule", Medium, false, "Delete access rule", "The removal waits to be applied; nothing changes until access rules are applied.";
    "reorder_hba_rules", "hba_rule", Medium, false, "Reorder access rules", "The new matching order waits to be applied.";
    "apply_hba_rules", "db_instance", High, true, "Apply access rules", "Waiting access rule changes take effect; connections they no longer allow are refused.";
    "export_backup", "backup", Low, false, "Export backup", "The backup is copied to the object storage container.";
    "restore_backup", "backup", Medium, false, "Restore", "A new instance is built from the backup.";
    "delete_backup", "backup", Destructive, true, "Delete backup", "The backup is deleted; it can no longer be restored. This cannot be undone.";
    "create_db_security_group", "db_security_group", Low, false, "Create security group", "A new DB security group is created.";
    "modify_db_security_group", "db_security_group", Low, false, "Save security group", "The group's name and description change.";
    "delete_db_security_group", "db_security_group", Destructive, true, "Delete security group", "The DB security group and its rules are deleted.";
    "create_security_rule", "db_security_group", Medium, false, "Add rule", "Instances in the group accept the traffic the rule allows.";
    "modify_security_rule", "db_security_group", Medium, false, "Change rule", "Instances in the group follow the changed rule.";
    "delete_security_rules", "db_security_group", Medium, false, "Delete rules", "Traffic the rules allowed is no longer accepted.";
    "create_parameter_group", "parameter_group", Low, false, "Create parameter group", "A new parameter group with its version's defaults is created.";
    "copy_parameter_group", "parameter_group", Low, false, "Copy parameter group", "A new parameter group with the same values is created.";
    "modify_parameter_group", "parameter_group", Low, false, "Save parameter group", "The group's name and description change.";
    "modify_parameters", "parameter_group", Medium, false, "Save parameters", "The values change in the group; instances take them when the group is applied.";
    "reset_parameter_group", "parameter_group", High, true, "Reset parameter group", "Every parameter goes back to its default; instances take them when the group is applied.";
    "delete_parameter_group", "parameter_group", Destructive, true, "Delete parameter group", "The parameter group is deleted. This cannot be undone.";
    "create_user_group", "user_group", Low, false, "Create user group", "A new user group is created.";
    "modify_user_group", "user_group", Low, false, "Save user group", "The group's name or members change.";
    "delete_user_group", "user_group", Destructive, true, "Delete user group", "The user group is deleted; notifications to it stop.";
    "create_notification_group", "notification_group", Low, false, "Create notification group", "A new notification group is created.";
    "modify_notification_group", "notification_group", Low, false, "Save notification group", "Who is notified, how and about which instances changes.";
    "delete_notification_group", "notification_group", Destructive, true, "Delete notification group", "The notification group and its watchdogs are deleted; its alerts stop.";
    "create_watchdog", "notification_group", Low, false, "Add watchdog", "Members are alerted when the metric crosses the threshold.";
    "modify_watchdog", "notification_group", Low, false, "Save watchdog", "The alert follows the new condition.";
    "delete_watchdog", "notification_group", Medium, false, "Delete watchdog", "Alerts from this watchdog stop.";
    "install_extension", "db_instance_group", Medium, true, "Install extension", "The extension is installed into the database when extensions are applied.";
    "delete_extension", "db_instance_group", High, true, "Remove extension", "The extension (and, with cascade, what depends on it) is removed when extensions are applied.";
    "apply_extensions", "db_instance_group", Medium, false, "Apply extensions", "Waiting extension installs and removals run on every instance of the group.";
    "sync_extensions", "db_instance_group", Low, false, "Synchronize extensions", "pgdeck's list of installed extensions is refreshed from the databases.";
}

/// Finds an action by name.
pub fn action(name: &str) -> Option<&'static Action> {
    ACTIONS.iter().find(|a| a.name == name)
}

/// The action a call performs.
pub fn of(call: &Call) -> &'static Action {
    action(call.name()).unwrap_or_else(|| unreachable!("every call has an action; a test checks it"))
}

/// The verb and the consequence for this very call: a few calls say more
/// than their action's default (a modification that restarts, turning a
/// switch on or off).
pub fn describe(call: &Call) -> (&'static str, &'static str) {
    let a = of(call);
    match call {
        Call::ModifyDbInstance { body, .. }
            if body.db_port.is_some() || body.db_flavor_id.is_some() || body.parameter_group_id.is_some() =>
        {
            ("Apply", "The settings change and the instance RESTARTS (new port, specification or parameter group).")
        }
        Call::ModifyNetworkInfo { body, .. } if body.use_public_access => {
            ("Enable public access", "The instance gets an external address reachable from outside the VPC.")
        }
        Call::ModifyNetworkInfo { .. } => ("Disable public access", "The external address goes away; outside clients lose access."),
        Call::ModifyDeletionProtection { body, .. } if body.use_deletion_protection => {
            ("Protect", "The instance cannot be deleted until protection is turned off.")
        }
        Call::ModifyDeletionProtection { .. } => ("Unprotect", "The instance can be deleted again."),
        Call::ModifyHighAvailability { body, .. } if !body.use_high_availability => {
            ("Turn HA off", "The candidate is removed: no automatic failover afterwards.")
        }
        _ => (a.verb, a.consequence),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_call_has_exactly_one_action_and_every_action_a_call() {
        for name in rds::calls::CALL_NAMES {
            assert_eq!(ACTIONS.iter().filter(|a| a.name == *name).count(), 1, "{name}");
        }
        assert_eq!(ACTIONS.len(), rds::calls::CALL_NAMES.len());
    }

    #[test]
    fn the_destructive_actions_named_by_the_team_are_gated() {
        for a in ACTIONS.iter().filter(|a| a.risk == Risk::Destructive) {
            assert!(a.gated_by_default, "{}", a.name);
        }
        for name in
            ["force_restart_db_instance", "stop_db_instance", "promote_db_instance", "split_high_availability", "pause_high_availability"]
        {
            assert!(action(name).unwrap().gated_by_default, "{name}");
        }
    }

    #[test]
    fn the_wording_follows_the_call() {
        let on = Call::ModifyDeletionProtection { id: "i".into(), body: rds::types::DeletionProtection { use_deletion_protection: true } };
        let off =
            Call::ModifyDeletionProtection { id: "i".into(), body: rds::types::DeletionProtection { use_deletion_protection: false } };
        assert_eq!(describe(&on).0, "Protect");
        assert_eq!(describe(&off).0, "Unprotect");
        assert_eq!(describe(&Call::DeleteDbInstance { id: "i".into() }).0, "Delete");
    }
}
