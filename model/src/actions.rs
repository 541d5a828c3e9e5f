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

/// A gated action whose effect another call can have. A call falls under
/// the policy of its own action and of every action whose effect it has
/// (the strictest wins): gating by endpoint alone would let a member reach a
/// gated effect through an ungated call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Effect {
    /// The call that can have the effect.
    pub call: &'static str,
    /// The action whose policy it then falls under.
    pub gate: &'static str,
    /// When, in words (shown on the policies page).
    pub when: &'static str,
    /// Whether only upstream's current state tells (the server decides it
    /// before filing or sending; see `domain::change`).
    pub by_state: bool,
}

/// Every call that can have the effect of another action, and when.
pub const EFFECTS: &[Effect] = &[
    Effect {
        call: "modify_high_availability",
        gate: "pause_high_availability",
        when: "with useHighAvailability off: automatic failover stops",
        by_state: false,
    },
    Effect {
        call: "modify_high_availability",
        gate: "split_high_availability",
        when: "with useHighAvailability off: the candidate is removed",
        by_state: false,
    },
    Effect {
        call: "modify_database",
        gate: "apply_hba_rules",
        when: "with applyHbaRulesImmediately: every waiting access-rule change is applied",
        by_state: false,
    },
    Effect {
        call: "modify_db_user",
        gate: "apply_hba_rules",
        when: "with applyHbaRulesImmediately: every waiting access-rule change is applied",
        by_state: false,
    },
    Effect {
        call: "modify_db_instance",
        gate: "apply_recent_parameter_group",
        when: "with a parameterGroupId: the instance takes that group's parameters",
        by_state: false,
    },
    Effect {
        call: "modify_user_group",
        gate: "delete_user_group",
        when: "when it leaves the group with no members: notifications to it stop",
        by_state: false,
    },
    Effect {
        call: "modify_notification_group",
        gate: "delete_notification_group",
        when: "with isEnabled off: the group's alerts stop",
        by_state: false,
    },
    Effect {
        call: "delete_security_rules",
        gate: "delete_db_security_group",
        when: "when it deletes every rule of a group instances use: they accept no traffic",
        by_state: true,
    },
    Effect {
        call: "modify_parameters",
        gate: "reset_parameter_group",
        when: "when afterwards every parameter of the group is at its default",
        by_state: true,
    },
];

/// The gated effects `call` has by its fields alone (those that need
/// upstream's state are decided by the server). The match names every
/// variant, so a new call does not compile until it is classified; the
/// bodies with switches are taken apart field by field in the tests.
pub fn effects(call: &Call) -> Vec<&'static Effect> {
    let gates: &[&str] = match call {
        Call::ModifyHighAvailability { body, .. } if !body.use_high_availability => &["pause_high_availability", "split_high_availability"],
        Call::ModifyDatabase { body, .. } if body.apply_hba_rules_immediately == Some(true) => &["apply_hba_rules"],
        Call::ModifyDbUser { body, .. } if body.apply_hba_rules_immediately == Some(true) => &["apply_hba_rules"],
        Call::ModifyDbInstance { body, .. } if body.parameter_group_id.is_some() => &["apply_recent_parameter_group"],
        Call::ModifyUserGroup { body, .. }
            if body.select_all_yn != Some(true) && body.member_ids.as_ref().is_some_and(|m| m.is_empty()) =>
        {
            &["delete_user_group"]
        }
        Call::ModifyNotificationGroup { body, .. } if body.is_enabled == Some(false) => &["delete_notification_group"],
        Call::ModifyHighAvailability { .. }
        | Call::ModifyDatabase { .. }
        | Call::ModifyDbUser { .. }
        | Call::ModifyDbInstance { .. }
        | Call::ModifyUserGroup { .. }
        | Call::ModifyNotificationGroup { .. }
        // Decided on upstream's state (`by_state`).
        | Call::DeleteSecurityRules { .. }
        | Call::ModifyParameters { .. }
        // No effect beyond their own action.
        | Call::CreateDbInstance { .. }
        | Call::ResumeHighAvailability { .. }
        | Call::PauseHighAvailability { .. }
        | Call::RepairHighAvailability { .. }
        | Call::SplitHighAvailability { .. }
        | Call::ModifyStorageInfo { .. }
        | Call::ModifyNetworkInfo { .. }
        | Call::ModifyBackupInfo { .. }
        | Call::RestoreDbInstance { .. }
        | Call::ModifyDeletionProtection { .. }
        | Call::ModifyMaintenanceInfo { .. }
        | Call::DeleteDbInstance { .. }
        | Call::RestartDbInstance { .. }
        | Call::ForceRestartDbInstance { .. }
        | Call::StartDbInstance { .. }
        | Call::StopDbInstance { .. }
        | Call::BackupDbInstance { .. }
        | Call::BackupToObjectStorage { .. }
        | Call::ApplyRecentParameterGroup { .. }
        | Call::ReplicateDbInstance { .. }
        | Call::PromoteDbInstance { .. }
        | Call::CreateDatabase { .. }
        | Call::DeleteDatabase { .. }
        | Call::CreateDbUser { .. }
        | Call::DeleteDbUser { .. }
        | Call::CreateHbaRule { .. }
        | Call::ModifyHbaRule { .. }
        | Call::DeleteHbaRule { .. }
        | Call::ReorderHbaRules { .. }
        | Call::ApplyHbaRules { .. }
        | Call::ExportBackup { .. }
        | Call::RestoreBackup { .. }
        | Call::DeleteBackup { .. }
        | Call::CreateDbSecurityGroup { .. }
        | Call::ModifyDbSecurityGroup { .. }
        | Call::DeleteDbSecurityGroup { .. }
        | Call::CreateSecurityRule { .. }
        | Call::ModifySecurityRule { .. }
        | Call::CreateParameterGroup { .. }
        | Call::CopyParameterGroup { .. }
        | Call::ModifyParameterGroup { .. }
        | Call::ResetParameterGroup { .. }
        | Call::DeleteParameterGroup { .. }
        | Call::CreateUserGroup { .. }
        | Call::DeleteUserGroup { .. }
        | Call::CreateNotificationGroup { .. }
        | Call::DeleteNotificationGroup { .. }
        | Call::CreateWatchdog { .. }
        | Call::ModifyWatchdog { .. }
        | Call::DeleteWatchdog { .. }
        | Call::InstallExtension { .. }
        | Call::DeleteExtension { .. }
        | Call::ApplyExtensions { .. }
        | Call::SyncExtensions { .. } => &[],
    };
    EFFECTS.iter().filter(|e| e.call == call.name() && gates.contains(&e.gate)).collect()
}

/// The actions whose policy `call` falls under by its fields alone: its own
/// first, then those whose effect it has.
pub fn gates(call: &Call) -> Vec<&'static str> {
    std::iter::once(call.name()).chain(effects(call).iter().map(|e| e.gate)).collect()
}

/// The effects of other calls that fall under `action`'s policy.
pub fn covered_by(action: &str) -> impl Iterator<Item = &'static Effect> + '_ {
    EFFECTS.iter().filter(move |e| e.gate == action)
}

/// A stored call (its JSON, secrets already `***`) in words: the verb, then
/// each field it sets as `Label: value`. Path ids are left out: the
/// resources they point at are named apart, by name.
pub fn words(stored: &serde_json::Value) -> String {
    let verb = |name: &str| action(name).map_or(name.to_string(), |a| a.verb.to_string());
    words_in(stored, &Wording { verb: &verb, label: &crate::fields::label, yes: "yes", no: "no", none: "none" })
}

/// The words [`words_in`] says a call with: in English for the audit log,
/// in the member's language on pages.
pub struct Wording<'a> {
    /// An action's verb, by its name.
    pub verb: &'a dyn Fn(&str) -> String,
    /// A field's label, by its wire name.
    pub label: &'a dyn Fn(&str) -> String,
    pub yes: &'a str,
    pub no: &'a str,
    pub none: &'a str,
}

/// [`words`], in the given words.
pub fn words_in(stored: &serde_json::Value, w: &Wording<'_>) -> String {
    let Some((name, inner)) = stored.as_object().and_then(|o| o.iter().next()) else {
        return String::new();
    };
    let verb = (w.verb)(name);
    let mut parts = Vec::new();
    for key in ["body", "query"] {
        if let Some(v) = inner.get(key) {
            flatten(w, "", v, &mut parts);
        }
    }
    if parts.is_empty() {
        verb
    } else {
        format!("{verb} — {}", parts.join("; "))
    }
}

fn flatten(w: &Wording<'_>, prefix: &str, v: &serde_json::Value, out: &mut Vec<String>) {
    use serde_json::Value;
    let scalar = |v: &Value| match v {
        Value::String(s) => s.clone(),
        Value::Bool(true) => w.yes.to_string(),
        Value::Bool(false) => w.no.to_string(),
        Value::Null => w.none.to_string(),
        other => other.to_string(),
    };
    match v {
        Value::Object(o) => {
            for (k, v) in o {
                let label = (w.label)(k);
                let p = if prefix.is_empty() { label } else { format!("{prefix} › {label}") };
                flatten(w, &p, v, out);
            }
        }
        Value::Array(items) if items.iter().all(|i| !i.is_object() && !i.is_array()) => {
            let list: Vec<String> = items.iter().map(scalar).collect();
            out.push(format!("{prefix}: {}", if list.is_empty() { w.none.to_string() } else { list.join(", ") }));
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                flatten(w, &format!("{prefix} {}", i + 1), item, out);
            }
        }
        other => out.push(format!("{prefix}: {}", scalar(other))),
    }
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

    fn call(json: serde_json::Value) -> Call {
        serde_json::from_value(json.clone()).unwrap_or_else(|e| panic!("{json}: {e}"))
    }

    fn gates(c: &Call) -> Vec<&'static str> {
        effects(c).iter().map(|e| e.gate).collect()
    }

    #[test]
    fn every_effect_names_real_actions_and_every_stateless_one_is_reached() {
        for e in EFFECTS {
            assert!(action(e.call).is_some() && action(e.gate).is_some(), "{e:?}");
            assert_ne!(e.call, e.gate);
        }
        let reached = [
            call(serde_json::json!({"modify_high_availability": {"id": "i", "body": {"useHighAvailability": false}}})),
            call(
                serde_json::json!({"modify_database": {"id": "i", "database_id": "d", "body": {"databaseName": "x", "applyHbaRulesImmediately": true}}}),
            ),
            call(serde_json::json!({"modify_db_user": {"id": "i", "db_user_id": "u", "body": {"applyHbaRulesImmediately": true}}})),
            call(serde_json::json!({"modify_db_instance": {"id": "i", "body": {"parameterGroupId": "p"}}})),
            call(serde_json::json!({"modify_user_group": {"group_id": "g", "body": {"memberIds": []}}})),
            call(serde_json::json!({"modify_notification_group": {"group_id": "g", "body": {"isEnabled": false}}})),
        ];
        let got: Vec<(&str, &str)> = reached.iter().flat_map(|c| effects(c).into_iter().map(|e| (e.call, e.gate))).collect();
        for e in EFFECTS.iter().filter(|e| !e.by_state) {
            assert!(got.contains(&(e.call, e.gate)), "no call reaches {e:?}");
        }
    }

    #[test]
    fn a_switch_left_alone_has_no_gated_effect() {
        for c in [
            call(serde_json::json!({"modify_high_availability": {"id": "i", "body": {"useHighAvailability": true, "pingInterval": 5}}})),
            call(serde_json::json!({"modify_database": {"id": "i", "database_id": "d", "body": {"databaseName": "x"}}})),
            call(serde_json::json!({"modify_db_user": {"id": "i", "db_user_id": "u", "body": {"applyHbaRulesImmediately": false}}})),
            call(serde_json::json!({"modify_db_instance": {"id": "i", "body": {"description": "x"}}})),
            call(serde_json::json!({"modify_user_group": {"group_id": "g", "body": {"memberIds": [], "selectAllYN": true}}})),
            call(serde_json::json!({"modify_notification_group": {"group_id": "g", "body": {"isEnabled": true}}})),
        ] {
            assert!(gates(&c).is_empty(), "{c:?}");
        }
        let off = call(serde_json::json!({"modify_high_availability": {"id": "i", "body": {"useHighAvailability": false}}}));
        assert_eq!(gates(&off), ["pause_high_availability", "split_high_availability"]);
        assert_eq!(covered_by("apply_hba_rules").map(|e| e.call).collect::<Vec<_>>(), ["modify_database", "modify_db_user"]);
    }

    /// Every switch (boolean field) a request body carries, taken apart
    /// field by field: a field added to one of these bodies stops this
    /// compiling until someone decides whether it reaches a gated effect
    /// (and adds it to `EFFECTS` if so).
    #[allow(dead_code, clippy::too_many_lines)]
    fn every_switch_is_classified(c: &Call) {
        use rds::types::*;
        match c {
            Call::CreateDbInstance { body } => {
                let CreateDbInstance {
                    db_instance_name: _,
                    description: _,
                    db_flavor_id: _,
                    db_version: _,
                    db_port: _,
                    database_name: _,
                    db_user_name: _,
                    db_password: _,
                    parameter_group_id: _,
                    db_security_group_ids: _,
                    user_group_ids: _,
                    use_deletion_protection: _, // a new instance: nothing to lose
                    use_default_notification: _,
                    use_high_availability: _,
                    ping_interval: _,
                    failover_repl_waiting_time: _,
                    network: _,
                    storage: _,
                    backup: _,
                } = body;
            }
            Call::ModifyDbInstance { body, .. } => {
                let ModifyDbInstance {
                    db_instance_name: _,
                    description: _,
                    db_port: _,
                    db_flavor_id: _,
                    parameter_group_id: _, // EFFECTS: apply_recent_parameter_group
                    db_security_group_ids: _,
                    execute_backup: _,
                } = body;
            }
            Call::ModifyHighAvailability { body, .. } => {
                let ModifyHighAvailability { use_high_availability: _, ping_interval: _, failover_repl_waiting_time: _ } = body;
            }
            Call::ModifyNetworkInfo { body, .. } => {
                let ModifyNetwork { use_public_access: _ } = body; // its own action, not gated by default
            }
            Call::RestoreDbInstance { body, .. } => {
                let RestoreDbInstance { restore: _, target } = body;
                let RestoreTarget {
                    db_instance_name: _,
                    description: _,
                    db_flavor_id: _,
                    db_port: _,
                    parameter_group_id: _,
                    db_security_group_ids: _,
                    user_group_ids: _,
                    use_default_notification: _,
                    use_deletion_protection: _,
                    use_high_availability: _,
                    ping_interval: _,
                    failover_repl_waiting_time: _,
                    network: _,
                    storage: _,
                    backup: _,
                } = target; // a new instance
            }
            Call::ModifyDeletionProtection { body, .. } => {
                let DeletionProtection { use_deletion_protection: _ } = body; // deleting stays gated
            }
            Call::ModifyMaintenanceInfo { body, .. } => {
                let MaintenanceInfo {
                    allow_auto_maintenance: _,
                    use_auto_storage_cleanup: _,
                    maint_wnd_bgn_time: _,
                    maint_wnd_duration: _,
                    log_retention_period: _, // how long logs are kept: no gated effect
                } = body;
            }
            Call::RestartDbInstance { body, .. } => {
                // A failover restart is a restart, not a forced one.
                let RestartDbInstance { use_online_failover: _, execute_backup: _ } = body;
            }
            Call::ApplyRecentParameterGroup { body, .. } => {
                let ApplyParameterGroup { execute_backup: _ } = body;
            }
            Call::ReplicateDbInstance { body, .. } => {
                let ReplicateDbInstance {
                    db_instance_name: _,
                    description: _,
                    db_flavor_id: _,
                    db_port: _,
                    parameter_group_id: _,
                    db_security_group_ids: _,
                    user_group_ids: _,
                    use_default_notification: _,
                    use_deletion_protection: _,
                    network: _,
                    storage: _,
                    backup: _,
                } = body;
            }
            Call::ModifyDatabase { body, .. } => {
                let ModifyDatabase { database_name: _, apply_hba_rules_immediately: _ } = body;
                // EFFECTS: apply_hba_rules
            }
            Call::CreateDbUser { body, .. } => {
                // Default rules are created waiting to be applied.
                let CreateDbUser { db_user_name: _, db_password: _, authority_type: _, create_default_hba_rules: _, address: _ } = body;
            }
            Call::ModifyDbUser { body, .. } => {
                let ModifyDbUser { db_user_name: _, db_password: _, authority_type: _, apply_hba_rules_immediately: _ } = body;
                // EFFECTS
            }
            Call::CreateUserGroup { body } | Call::ModifyUserGroup { body, .. } => {
                let UserGroupSpec { user_group_name: _, member_ids: _, select_all_yn: _ } = body;
                // EFFECTS: delete_user_group
            }
            Call::CreateNotificationGroup { body } | Call::ModifyNotificationGroup { body, .. } => {
                let NotificationGroupSpec {
                    notification_group_name: _,
                    notify_email: _,
                    notify_sms: _,
                    is_enabled: _, // EFFECTS: delete_notification_group
                    db_instance_ids: _,
                    user_group_ids: _,
                } = body;
            }
            Call::InstallExtension { body, .. } => {
                let InstallExtension { database_id: _, schema_name: _, with_cascade: _ } = body;
                // gated itself
            }
            Call::DeleteExtension { query, .. } => {
                let ExtensionDeleteQuery { with_cascade: _ } = query; // gated itself
            }
            _ => {}
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
