//! The 93 endpoints of the API guide, and the five extension endpoints of
//! the current upstream guide, declared once.
//!
//! [`for_each_endpoint!`] holds the list; this module turns it into the
//! [`ENDPOINTS`] table and the `client` module into one method per endpoint,
//! so the two can never drift apart. A test compares the table with the
//! guide's endpoint list (`testdata/endpoints.tsv`).

/// Calls `$m!` with the full endpoint list:
/// `name(path params) [body: T] [query: T] -> Answer = METHOD "path", "permission", "title";`
#[macro_export]
macro_rules! for_each_endpoint {
    ($m:ident) => {
        $m! {
            db_versions() -> DbVersions = GET "/v1.0/db-versions", "RDSforPostgreSQL:DbVersion.List", "View DB Version List";
            db_flavors() -> DbFlavors = GET "/v1.0/db-flavors", "RDSforPostgreSQL:DbFlavor.List", "List DB Instance Specifications";
            regions() -> Regions = GET "/v1.0/project/regions", "RDSforPostgreSQL:Project.Get", "List Regions";
            members() -> Members = GET "/v1.0/project/members", "RDSforPostgreSQL:Project.Get", "List Project Members";
            subnets() -> Subnets = GET "/v1.0/network/subnets", "RDSforPostgreSQL:Network.List", "List Subnets";
            storage_types() -> StorageTypes = GET "/v1.0/storage-types", "RDSforPostgreSQL:Storage.List", "View the list of storage types";
            job(job_id: JobId) -> Job = GET "/v1.0/jobs/{jobId}", "RDSforPostgreSQL:Job.Get", "List Task Details";
            db_instance_groups() -> DbInstanceGroups = GET "/v1.0/db-instance-groups", "RDSforPostgreSQL:DbInstanceGroup.List", "List DB Instances";
            db_instance_group(group_id: DbInstanceGroupId) -> DbInstanceGroupDetail = GET "/v1.0/db-instance-groups/{dbInstanceGroupId}", "RDSforPostgreSQL:DbInstanceGroup.Get", "List DB Instance Group Details";
            db_instances() -> DbInstances = GET "/v1.0/db-instances", "RDSforPostgreSQL:DbInstance.List", "List DB instances";
            db_instance(id: DbInstanceId) -> DbInstanceDetail = GET "/v1.0/db-instances/{dbInstanceId}", "RDSforPostgreSQL:DbInstance.Get", "List DB Instance Details";
            create_db_instance() [body: CreateDbInstance] -> JobAnswer = POST "/v1.0/db-instances", "RDSforPostgreSQL:DbInstance.Create", "Create DB Instance";
            modify_db_instance(id: DbInstanceId) [body: ModifyDbInstance] -> JobAnswer = PUT "/v1.0/db-instances/{dbInstanceId}", "RDSforPostgreSQL:DbInstance.Modify", "Modify DB Instance";
            high_availability(id: DbInstanceId) -> HighAvailability = GET "/v1.0/db-instances/{dbInstanceId}/high-availability", "RDSforPostgreSQL:HighAvailability.Get", "Get high availability information";
            modify_high_availability(id: DbInstanceId) [body: ModifyHighAvailability] -> JobAnswer = PUT "/v1.0/db-instances/{dbInstanceId}/high-availability", "RDSforPostgreSQL:HighAvailability.Modify", "Modify High Availability";
            resume_high_availability(id: DbInstanceId) -> JobAnswer = POST "/v1.0/db-instances/{dbInstanceId}/high-availability/resume", "RDSforPostgreSQL:HighAvailability.Resume", "Restart High Availability";
            pause_high_availability(id: DbInstanceId) -> JobAnswer = POST "/v1.0/db-instances/{dbInstanceId}/high-availability/pause", "RDSforPostgreSQL:HighAvailability.Pause", "Pause High Availability";
            repair_high_availability(id: DbInstanceId) -> JobAnswer = POST "/v1.0/db-instances/{dbInstanceId}/high-availability/repair", "RDSforPostgreSQL:HighAvailability.Repair", "Recover High Availability";
            split_high_availability(id: DbInstanceId) -> JobAnswer = POST "/v1.0/db-instances/{dbInstanceId}/high-availability/split", "RDSforPostgreSQL:HighAvailability.Split", "Separate High Availability";
            storage_info(id: DbInstanceId) -> StorageInfo = GET "/v1.0/db-instances/{dbInstanceId}/storage-info", "RDSforPostgreSQL:DbInstance.Get", "Get DB instance storage information";
            modify_storage_info(id: DbInstanceId) [body: ModifyStorage] -> JobAnswer = PUT "/v1.0/db-instances/{dbInstanceId}/storage-info", "RDSforPostgreSQL:DbInstance.Modify", "Modifying DB instance storage information";
            network_info(id: DbInstanceId) -> NetworkInfo = GET "/v1.0/db-instances/{dbInstanceId}/network-info", "RDSforPostgreSQL:DbInstance.Get", "Get DB instance network information";
            modify_network_info(id: DbInstanceId) [body: ModifyNetwork] -> JobAnswer = PUT "/v1.0/db-instances/{dbInstanceId}/network-info", "RDSforPostgreSQL:DbInstance.Modify", "Modifying DB instance network information";
            backup_info(id: DbInstanceId) -> BackupInfo = GET "/v1.0/db-instances/{dbInstanceId}/backup-info", "RDSforPostgreSQL:DbInstance.Get", "Get DB instance backup information";
            modify_backup_info(id: DbInstanceId) [body: ModifyBackupInfo] -> JobAnswer = PUT "/v1.0/db-instances/{dbInstanceId}/backup-info", "RDSforPostgreSQL:DbInstance.Modify", "Modifying DB instance backup information";
            restoration_info(id: DbInstanceId) -> RestorationInfo = GET "/v1.0/db-instances/{dbInstanceId}/restoration-info", "RDSforPostgreSQL:DbInstance.Get", "Get DB instance restore information";
            restore_db_instance(id: DbInstanceId) [body: RestoreDbInstance] -> JobAnswer = POST "/v1.0/db-instances/{dbInstanceId}/restore", "RDSforPostgreSQL:DbInstance.Restore", "Restore DB Instance";
            modify_deletion_protection(id: DbInstanceId) [body: DeletionProtection] -> Empty = PUT "/v1.0/db-instances/{dbInstanceId}/deletion-protection", "RDSforPostgreSQL:DbInstance.Modify", "Change DB Instance Deletion Protection Settings";
            maintenance_info(id: DbInstanceId) -> MaintenanceInfo = GET "/v1.0/db-instances/{dbInstanceId}/maintenance-info", "RDSforPostgreSQL:DbInstance.Get", "Get DB instance maintenance information";
            modify_maintenance_info(id: DbInstanceId) [body: MaintenanceInfo] -> JobAnswer = PUT "/v1.0/db-instances/{dbInstanceId}/maintenance-info", "RDSforPostgreSQL:DbInstance.Modify", "Modify DB instance maintenance information";
            available_db_versions(id: DbInstanceId) -> DbVersions = GET "/v1.0/db-instances/{dbInstanceId}/available-db-versions", "RDSforPostgreSQL:DbInstance.Get", "Get selectable DB versions in the current DB instance";
            delete_db_instance(id: DbInstanceId) -> JobAnswer = DELETE "/v1.0/db-instances/{dbInstanceId}", "RDSforPostgreSQL:DbInstance.Delete", "Delete DB instance";
            restart_db_instance(id: DbInstanceId) [body: RestartDbInstance] -> JobAnswer = POST "/v1.0/db-instances/{dbInstanceId}/restart", "RDSforPostgreSQL:DbInstance.Restart", "Restart DB Instance";
            force_restart_db_instance(id: DbInstanceId) -> Empty = POST "/v1.0/db-instances/{dbInstanceId}/force-restart", "RDSforPostgreSQL:DbInstance.ForceRestart", "Force Restart DB instance";
            start_db_instance(id: DbInstanceId) -> JobAnswer = POST "/v1.0/db-instances/{dbInstanceId}/start", "RDSforPostgreSQL:DbInstance.Start", "Start DB Instance";
            stop_db_instance(id: DbInstanceId) -> JobAnswer = POST "/v1.0/db-instances/{dbInstanceId}/stop", "RDSforPostgreSQL:DbInstance.Start", "Stop DB Instance";
            backup_db_instance(id: DbInstanceId) [body: BackupDbInstance] -> JobAnswer = POST "/v1.0/db-instances/{dbInstanceId}/backup", "RDSforPostgreSQL:DbInstance.Backup", "Backup DB Instance";
            backup_to_object_storage(id: DbInstanceId) [body: ObjectStorageTarget] -> JobAnswer = POST "/v1.0/db-instances/{dbInstanceId}/backup-to-object-storage", "RDSforPostgreSQL:DbInstance.BackupToObjectStorage", "Export after Backing up DB Instance";
            apply_recent_parameter_group(id: DbInstanceId) [body: ApplyParameterGroup] -> JobAnswer = POST "/v1.0/db-instances/{dbInstanceId}/apply-recent-parameter-group", "RDSforPostgreSQL:DbInstance.Modify", "Applying DB instance latest parameter groups";
            replicate_db_instance(id: DbInstanceId) [body: ReplicateDbInstance] -> JobAnswer = POST "/v1.0/db-instances/{dbInstanceId}/replicate", "RDSforPostgreSQL:DbInstance.Replicate", "Replicate DB Instance";
            promote_db_instance(id: DbInstanceId) -> JobAnswer = POST "/v1.0/db-instances/{dbInstanceId}/promote", "RDSforPostgreSQL:DbInstance.Promote", "Promote DB Instance";
            databases(id: DbInstanceId) -> Databases = GET "/v1.0/db-instances/{dbInstanceId}/databases", "RDSforPostgreSQL:DbInstanceDatabase.List", "View the list of databases";
            create_database(id: DbInstanceId) [body: CreateDatabase] -> JobAnswer = POST "/v1.0/db-instances/{dbInstanceId}/databases", "RDSforPostgreSQL:DbInstanceDatabase.Create", "Create a database";
            modify_database(id: DbInstanceId, database_id: DatabaseId) [body: ModifyDatabase] -> JobAnswer = PUT "/v1.0/db-instances/{dbInstanceId}/databases/{databaseId}", "RDSforPostgreSQL:DbInstanceDatabase.Modify", "Modifying the database";
            delete_database(id: DbInstanceId, database_id: DatabaseId) -> JobAnswer = DELETE "/v1.0/db-instances/{dbInstanceId}/databases/{databaseId}", "RDSforPostgreSQL:DbInstanceDatabase.Delete", "Deleting a database";
            db_users(id: DbInstanceId) -> DbUsers = GET "/v1.0/db-instances/{dbInstanceId}/db-users", "RDSforPostgreSQL:DbInstanceUser.List", "View the list of users";
            create_db_user(id: DbInstanceId) [body: CreateDbUser] -> JobAnswer = POST "/v1.0/db-instances/{dbInstanceId}/db-users", "RDSforPostgreSQL:DbInstanceUser.Create", "Create a user";
            modify_db_user(id: DbInstanceId, db_user_id: DbUserId) [body: ModifyDbUser] -> JobAnswer = PUT "/v1.0/db-instances/{dbInstanceId}/db-users/{dbUserId}", "RDSforPostgreSQL:DbInstanceUser.Modify", "Edit a user";
            delete_db_user(id: DbInstanceId, db_user_id: DbUserId) -> JobAnswer = DELETE "/v1.0/db-instances/{dbInstanceId}/db-users/{dbUserId}", "RDSforPostgreSQL:DbInstanceUser.Delete", "Deleting a user";
            hba_rules(id: DbInstanceId) -> HbaRules = GET "/v1.0/db-instances/{dbInstanceId}/hba-rules", "RDSforPostgreSQL:DbInstanceHba.List", "View a list of access control rules";
            create_hba_rule(id: DbInstanceId) [body: HbaRuleSpec] -> HbaRuleCreated = POST "/v1.0/db-instances/{dbInstanceId}/hba-rules", "RDSforPostgreSQL:DbInstanceHba.Create", "Add an access control rule";
            modify_hba_rule(id: DbInstanceId, hba_rule_id: HbaRuleId) [body: HbaRuleSpec] -> Empty = PUT "/v1.0/db-instances/{dbInstanceId}/hba-rules/{hbaRuleId}", "RDSforPostgreSQL:DbInstanceHba.Modify", "Modify an access control rule";
            delete_hba_rule(id: DbInstanceId, hba_rule_id: HbaRuleId) -> Empty = DELETE "/v1.0/db-instances/{dbInstanceId}/hba-rules/{hbaRuleId}", "RDSforPostgreSQL:DbInstanceHba.Delete", "Deleting an access control rule";
            reorder_hba_rules(id: DbInstanceId) [body: HbaRuleOrder] -> Empty = PUT "/v1.0/db-instances/{dbInstanceId}/hba-rules/orders", "RDSforPostgreSQL:DbInstanceHba.Modify", "Reorder access control rules";
            apply_hba_rules(id: DbInstanceId) -> JobAnswer = POST "/v1.0/db-instances/{dbInstanceId}/hba-rules/apply", "RDSforPostgreSQL:DbInstance.Modify", "Applying access control rules";
            backups() [query: BackupQuery] -> Backups = GET "/v1.0/backups", "RDSforPostgreSQL:Backup.List", "Retrieve Backup List";
            export_backup(backup_id: BackupId) [body: ObjectStorageTarget] -> JobAnswer = POST "/v1.0/backups/{backupId}/export", "RDSforPostgreSQL:Backup.Export", "Export backup to object storage";
            restore_backup(backup_id: BackupId) [body: RestoreBackup] -> JobAnswer = POST "/v1.0/backups/{backupId}/restore", "RDSforPostgreSQL:Backup.Restore", "Restore Backup";
            delete_backup(backup_id: BackupId) -> JobAnswer = DELETE "/v1.0/backups/{backupId}", "RDSforPostgreSQL:Backup.Delete", "Delete Backup";
            db_security_groups() -> DbSecurityGroups = GET "/v1.0/db-security-groups", "RDSforPostgreSQL:DbSecurityGroup.List", "List DB Security Groups";
            db_security_group(group_id: DbSecurityGroupId) -> DbSecurityGroupAnswer = GET "/v1.0/db-security-groups/{dbSecurityGroupId}", "RDSforPostgreSQL:DbSecurityGroup.Get", "List DB Security Group Details";
            create_db_security_group() [body: CreateDbSecurityGroup] -> DbSecurityGroupCreated = POST "/v1.0/db-security-groups", "RDSforPostgreSQL:DbSecurityGroup.Create", "Create DB Security Group";
            modify_db_security_group(group_id: DbSecurityGroupId) [body: ModifyDbSecurityGroup] -> Empty = PUT "/v1.0/db-security-groups/{dbSecurityGroupId}", "RDSforPostgreSQL:DbSecurityGroup.Modify", "Modify DB Security Group";
            delete_db_security_group(group_id: DbSecurityGroupId) -> Empty = DELETE "/v1.0/db-security-groups/{dbSecurityGroupId}", "RDSforPostgreSQL:DbSecurityGroup.Delete", "Delete DB Security Group";
            create_security_rule(group_id: DbSecurityGroupId) [body: SecurityRuleSpec] -> JobAnswer = POST "/v1.0/db-security-groups/{dbSecurityGroupId}/rules", "RDSforPostgreSQL:DbSecurityGroupRule.Create", "Create DB Security Group Rule";
            modify_security_rule(group_id: DbSecurityGroupId, rule_id: SecurityRuleId) [body: SecurityRuleSpec] -> JobAnswer = PUT "/v1.0/db-security-groups/{dbSecurityGroupId}/rules/{ruleId}", "RDSforPostgreSQL:DbSecurityGroupRule.Modify", "Modify DB Security Group Rule";
            delete_security_rules(group_id: DbSecurityGroupId) [query: RuleIdsQuery] -> JobAnswer = DELETE "/v1.0/db-security-groups/{dbSecurityGroupId}/rules", "RDSforPostgreSQL:DbSecurityGroupRule.Create", "Delete DB Security Group Rule";
            parameter_groups() [query: ParameterGroupQuery] -> ParameterGroups = GET "/v1.0/parameter-groups", "RDSforPostgreSQL:ParameterGroup.List", "List Parameter Groups";
            parameter_group(group_id: ParameterGroupId) -> ParameterGroupDetail = GET "/v1.0/parameter-groups/{parameterGroupId}", "RDSforPostgreSQL:ParameterGroup.Get", "List Parameter Group Details";
            create_parameter_group() [body: CreateParameterGroup] -> ParameterGroupCreated = POST "/v1.0/parameter-groups", "RDSforPostgreSQL:ParameterGroup.Create", "Create Parameter Group";
            copy_parameter_group(group_id: ParameterGroupId) [body: NameAndDescription] -> ParameterGroupCreated = POST "/v1.0/parameter-groups/{parameterGroupId}/copy", "RDSforPostgreSQL:ParameterGroup.Copy", "Copy Parameter Group";
            modify_parameter_group(group_id: ParameterGroupId) [body: NameAndDescription] -> Empty = PUT "/v1.0/parameter-groups/{parameterGroupId}", "RDSforPostgreSQL:ParameterGroup.Modify", "Modify Parameter Group";
            modify_parameters(group_id: ParameterGroupId) [body: ModifyParameters] -> Empty = PUT "/v1.0/parameter-groups/{parameterGroupId}/parameters", "RDSforPostgreSQL:ParameterGroup.Modify", "Modify Parameter";
            reset_parameter_group(group_id: ParameterGroupId) -> Empty = PUT "/v1.0/parameter-groups/{parameterGroupId}/reset", "RDSforPostgreSQL:ParameterGroup.Reset", "Reset Parameter Group";
            delete_parameter_group(group_id: ParameterGroupId) -> Empty = DELETE "/v1.0/parameter-groups/{parameterGroupId}", "RDSforPostgreSQL:ParameterGroup.Delete", "Delete Parameter Group";
            user_groups() -> UserGroups = GET "/v1.0/user-groups", "RDSforPostgreSQL:UserGroup.List", "List User Groups";
            user_group(group_id: UserGroupId) -> UserGroupDetail = GET "/v1.0/user-groups/{userGroupId}", "RDSforPostgreSQL:UserGroup.Get", "List User Group Details";
            create_user_group() [body: UserGroupSpec] -> UserGroupCreated = POST "/v1.0/user-groups", "RDSforPostgreSQL:UserGroup.Create", "Create User Group";
            modify_user_group(group_id: UserGroupId) [body: UserGroupSpec] -> Empty = PUT "/v1.0/user-groups/{userGroupId}", "RDSforPostgreSQL:UserGroup.Modify", "Modify User Group";
            delete_user_group(group_id: UserGroupId) -> Empty = DELETE "/v1.0/user-groups/{userGroupId}", "RDSforPostgreSQL:UserGroup.Delete", "Delete User Group";
            notification_groups() -> NotificationGroups = GET "/v1.0/notification-groups", "RDSforPostgreSQL:NotificationGroup.List", "List Notification Groups";
            notification_group(group_id: NotificationGroupId) -> NotificationGroupDetail = GET "/v1.0/notification-groups/{notificationGroupId}", "RDSforPostgreSQL:NotificationGroup.Get", "Get Notification Group Details";
            create_notification_group() [body: NotificationGroupSpec] -> NotificationGroupCreated = POST "/v1.0/notification-groups", "RDSforPostgreSQL:NotificationGroup.Create", "Create Notification Group";
            modify_notification_group(group_id: NotificationGroupId) [body: NotificationGroupSpec] -> Empty = PUT "/v1.0/notification-groups/{notificationGroupId}", "RDSforPostgreSQL:NotificationGroup.Modify", "Modify Notification Group";
            delete_notification_group(group_id: NotificationGroupId) -> Empty = DELETE "/v1.0/notification-groups/{notificationGroupId}", "RDSforPostgreSQL:NotificationGroup.Delete", "Delete Notification Group";
            watchdogs(group_id: NotificationGroupId) -> Watchdogs = GET "/v1.0/notification-groups/{notificationGroupId}/watchdogs", "RDSforPostgreSQL:NotificationWatchdog.List", "View the list of watch settings";
            create_watchdog(group_id: NotificationGroupId) [body: WatchdogSpec] -> WatchdogCreated = POST "/v1.0/notification-groups/{notificationGroupId}/watchdogs", "RDSforPostgreSQL:NotificationWatchdog.Create", "Create a watch setting";
            modify_watchdog(group_id: NotificationGroupId, watchdog_id: WatchdogId) [body: WatchdogSpec] -> Empty = PUT "/v1.0/notification-groups/{notificationGroupId}/watchdogs/{watchdogId}", "RDSforPostgreSQL:NotificationWatchdog.Modify", "Modify watch settings";
            delete_watchdog(group_id: NotificationGroupId, watchdog_id: WatchdogId) -> Empty = DELETE "/v1.0/notification-groups/{notificationGroupId}/watchdogs/{watchdogId}", "RDSforPostgreSQL:NotificationWatchdog.Delete", "Deleting a watch setting";
            metrics() -> Metrics = GET "/v1.0/metrics", "RDSforPostgreSQL:Metric.List", "View a list of performance metrics";
            metric_statistics() [query: MetricQuery] -> MetricStatistics = GET "/v1.0/metric-statistics", "RDSforPostgreSQL:Metric.List", "View stats";
            events() [query: EventQuery] -> Events = GET "/v1.0/events", "RDSforPostgreSQL:Event.List", "View the list of events";
            event_codes() -> EventCodes = GET "/v1.0/event-codes", "RDSforPostgreSQL:Event.List", "List Subscribable Event Codes";
            // Beyond the 93 of the guide pgdeck was built from: the current
            // upstream guide's extension endpoints ("DB Instance Group >
            // Manage Extensions"). `EXTENSION_ENDPOINTS` counts them.
            extensions(group_id: DbInstanceGroupId) -> Extensions = GET "/v1.0/db-instance-groups/{dbInstanceGroupId}/extensions", "RDSforPostgreSQL:DbInstanceGroupExtension.List", "View Extension List";
            install_extension(group_id: DbInstanceGroupId, extension_id: ExtensionId) [body: InstallExtension] -> Empty = POST "/v1.0/db-instance-groups/{dbInstanceGroupId}/extensions/{extensionId}", "RDSforPostgreSQL:DbInstanceGroupExtension.Install", "Install Extensions";
            delete_extension(group_id: DbInstanceGroupId, group_extension_id: GroupExtensionId) [query: ExtensionDeleteQuery] -> Empty = DELETE "/v1.0/db-instance-groups/{dbInstanceGroupId}/extensions/{dbInstanceGroupExtensionId}", "RDSforPostgreSQL:DbInstanceGroupExtension.Delete", "Delete Extensions (Cancel)";
            apply_extensions(group_id: DbInstanceGroupId) -> JobAnswer = POST "/v1.0/db-instance-groups/{dbInstanceGroupId}/extensions/apply", "RDSforPostgreSQL:DbInstanceGroupExtension.Apply", "Apply Extension Changes";
            sync_extensions(group_id: DbInstanceGroupId) -> JobAnswer = POST "/v1.0/db-instance-groups/{dbInstanceGroupId}/extensions/sync", "RDSforPostgreSQL:DbInstanceGroupExtension.Sync", "Synchronize Extensions";
        }
    };
}

/// How many endpoints come from the current upstream guide beyond the 93
/// of the guide pgdeck was built from (the extension endpoints, last in the
/// table).
pub const EXTENSION_ENDPOINTS: usize = 5;

/// HTTP method of an endpoint.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Method {
    Get,
    Post,
    Put,
    Delete,
}

impl Method {
    /// The method's name.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
        }
    }

    /// Whether repeating the call is harmless.
    pub fn is_idempotent_read(self) -> bool {
        matches!(self, Method::Get)
    }
}

/// One endpoint of the API.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Endpoint {
    /// The client method's name, also the gateway's name for the call.
    pub name: &'static str,
    pub method: Method,
    /// Path template with `{param}` placeholders, as in the guide.
    pub path: &'static str,
    /// Upstream permission needed.
    pub permission: &'static str,
    /// The guide's title.
    pub title: &'static str,
    /// Whether the answer is a `jobId` to follow.
    pub answers_job: bool,
}

impl Endpoint {
    /// Whether the call changes anything upstream.
    pub fn is_mutation(&self) -> bool {
        self.method != Method::Get
    }

    /// Finds an endpoint by name.
    pub fn by_name(name: &str) -> Option<&'static Endpoint> {
        ENDPOINTS.iter().find(|e| e.name == name)
    }
}

#[doc(hidden)]
#[macro_export]
macro_rules! __method {
    (GET) => {
        $crate::endpoints::Method::Get
    };
    (POST) => {
        $crate::endpoints::Method::Post
    };
    (PUT) => {
        $crate::endpoints::Method::Put
    };
    (DELETE) => {
        $crate::endpoints::Method::Delete
    };
}

macro_rules! endpoint_table {
    ($($name:ident ( $($p:ident : $pt:ty),* ) $([body: $b:ty])? $([query: $q:ty])? -> $ans:ident = $m:ident $path:literal, $perm:literal, $title:literal;)+) => {
        /// Every endpoint of the guide, in its order.
        pub const ENDPOINTS: &[Endpoint] = &[$(Endpoint {
            name: stringify!($name),
            method: $crate::__method!($m),
            path: $path,
            permission: $perm,
            title: $title,
            answers_job: matches!(stringify!($ans).as_bytes(), b"JobAnswer"),
        }),+];
    };
}

for_each_endpoint!(endpoint_table);

/// Fills `{param}` placeholders of a path template in order.
pub fn fill_path(template: &str, params: &[&str]) -> String {
    let mut out = String::with_capacity(template.len() + 40);
    let mut params = params.iter();
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let Some(end) = rest[start..].find('}') else { break };
        if let Some(p) = params.next() {
            out.push_str(&encode_segment(p));
        }
        rest = &rest[start + end + 1..];
    }
    out.push_str(rest);
    out
}

/// Percent-encodes one path segment.
pub fn encode_segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const GUIDE: &str = include_str!("../testdata/endpoints.tsv");

    #[test]
    fn the_table_matches_the_guide_endpoint_for_endpoint() {
        let rows: Vec<Vec<&str>> = GUIDE.lines().skip(1).filter(|l| !l.trim().is_empty()).map(|l| l.split('\t').collect()).collect();
        assert_eq!(rows.len(), 93);
        assert_eq!(ENDPOINTS.len(), 93 + EXTENSION_ENDPOINTS);
        assert!(ENDPOINTS[93..].iter().all(|e| e.permission.contains("DbInstanceGroupExtension")), "the extras are last");
        for row in &rows {
            let (method, path, permission) = (row[0], row[1], row[2]);
            // docs/upstream-api.md #1: the guide says GET for the instance restore; pgdeck sends POST.
            let method = if path.ends_with("/restore") && path.starts_with("/v1.0/db-instances") { "POST" } else { method };
            // docs/upstream-api.md: jobs are read on /v1.0 first, /v3.0 as the fallback.
            let path = if path == "/v3.0/jobs/{jobId}" { "/v1.0/jobs/{jobId}" } else { path };
            let found = ENDPOINTS.iter().find(|e| e.path == path && e.method.as_str() == method);
            let e = found.unwrap_or_else(|| panic!("no endpoint for {method} {path}"));
            assert_eq!(e.permission, permission, "{method} {path}");
        }
    }

    #[test]
    fn names_are_unique() {
        let mut names: Vec<_> = ENDPOINTS.iter().map(|e| e.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), ENDPOINTS.len());
    }

    #[test]
    fn job_answers_are_flagged() {
        assert!(Endpoint::by_name("create_db_instance").unwrap().answers_job);
        assert!(!Endpoint::by_name("modify_deletion_protection").unwrap().answers_job);
        assert!(!Endpoint::by_name("db_instances").unwrap().answers_job);
    }

    #[test]
    fn paths_are_filled_and_encoded() {
        assert_eq!(
            fill_path("/v1.0/db-instances/{dbInstanceId}/databases/{databaseId}", &["a", "b c"]),
            "/v1.0/db-instances/a/databases/b%20c"
        );
        assert_eq!(fill_path("/v1.0/db-versions", &[]), "/v1.0/db-versions");
    }
}
