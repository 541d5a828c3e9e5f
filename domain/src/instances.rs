//! DB instances: reads, and the actions the instance pages offer.

use crate::gateway::{self, Done, Target};
use crate::{Actor, Context, DomainError};
use rds::types::*;
use rds::{DatabaseId, DbFlavorId, DbInstanceId, DbUserId, ParameterGroupId};
use serde::{Deserialize, Serialize};

/// All instances of the project, as upstream lists them.
pub async fn list(ctx: &Context, actor: &Actor) -> Result<Vec<DbInstance>, DomainError> {
    let creds = gateway::reader(ctx, actor).await?;
    Ok(ctx.rds.db_instances(&creds).await?.db_instances)
}

/// Flavor, storage, zone and protection of every instance, for the list.
pub async fn extras(ctx: &Context, actor: &Actor) -> Result<Vec<model::InstanceExtra>, DomainError> {
    let creds = gateway::reader(ctx, actor).await?;
    let c = &ctx.rds;
    let (list, flavors) = tokio::join!(c.db_instances(&creds), c.db_flavors(&creds));
    let flavors = flavors?.db_flavors;
    // The CPU and session columns read the last ten minutes, the same window
    // for every instance.
    let now = crate::time::unix_now();
    let (from, to) = (rds::datetime::format_unix(now - 10 * 60, 0), rds::datetime::format_unix(now, 0));
    let rows = futures_util::future::join_all(list?.db_instances.into_iter().map(|i| {
        let (creds, flavors, from, to) = (&creds, &flavors, &from, &to);
        async move {
            let id = i.db_instance_id;
            // A stopped instance has no CPU or sessions to report: not asked.
            let running = i.db_instance_status == Some(rds::DbInstanceStatus::Available);
            let metrics = async {
                if !running {
                    return Vec::new();
                }
                let recent = MetricQuery {
                    db_instance_id: id.clone(),
                    metric_names: vec!["CPU_USAGE".into(), "DATABASE_CONNECTIONS".into()],
                    from: from.clone(),
                    to: to.clone(),
                    interval: None,
                };
                c.metric_statistics(creds, &recent).await.map(|m| m.metric_statistics).unwrap_or_default()
            };
            let (d, st, net, m) = tokio::join!(c.db_instance(creds, &id), c.storage_info(creds, &id), c.network_info(creds, &id), metrics);
            let mut row = model::InstanceExtra { id: id.0.clone(), ..Default::default() };
            if let Ok(d) = d {
                row.deletion_protection = d.use_deletion_protection;
                row.parameter_changes_waiting = d.need_to_apply_parameter_group;
                if let Some(f) = flavors.iter().find(|f| f.db_flavor_id == d.db_flavor_id) {
                    (row.flavor, row.vcpus, row.ram) = (f.db_flavor_name.clone(), f.vcpus, f.ram);
                }
            }
            if let Ok(st) = st {
                (row.storage_type, row.storage_size) = (st.storage_type, st.storage_size);
            }
            if let Ok(n) = net {
                row.zone = n.availability_zone;
            }
            // The console's CPU and session columns: the latest point of each
            // series. A stopped instance reports none; the cell stays empty.
            for series in m {
                let last = series.values.iter().rev().find_map(|p| p.value());
                match series.metric_name.as_str() {
                    "CPU_USAGE" => row.cpu = last.map(|v| v as f32),
                    "DATABASE_CONNECTIONS" => row.connections = last.map(|v| v.max(0.0).round() as u32),
                    _ => {}
                }
            }
            row
        }
    }))
    .await;
    Ok(rows)
}

/// One instance in detail.
pub async fn detail(ctx: &Context, actor: &Actor, id: &str) -> Result<DbInstanceDetail, DomainError> {
    let creds = gateway::reader(ctx, actor).await?;
    Ok(ctx.rds.db_instance(&creds, &DbInstanceId::new(id)).await?)
}

pub use model::InstanceAction;

/// What asking for an action came to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Outcome {
    /// It ran; the job to follow, if any.
    Ran(Option<String>),
    /// It needs approval: the request filed.
    Requested(i64),
}

/// Asks for an instance action: gated actions become an approval request
/// (with the member's reason), others run at once.
pub async fn act(ctx: &Context, actor: &Actor, id: &str, what: InstanceAction, reason: &str) -> Result<Outcome, DomainError> {
    if crate::approvals::needs_approval(ctx, what.action_name()).await? {
        let name = detail(ctx, actor, id).await.map(|d| d.db_instance_name).unwrap_or_default();
        let command = crate::approvals::Command::Instance { id: id.to_string(), what };
        let request = crate::approvals::submit(ctx, actor, command, Target::new(id, name), reason).await?;
        return Ok(Outcome::Requested(request));
    }
    act_now(ctx, actor, id, what, None).await.map(Outcome::Ran)
}

/// Performs an instance action through the gateway; returns the job, if any.
pub async fn act_now(
    ctx: &Context,
    actor: &Actor,
    id: &str,
    what: InstanceAction,
    approval_id: Option<i64>,
) -> Result<Option<String>, DomainError> {
    let iid = DbInstanceId::new(id);
    // The name makes the audit log readable; reading it also proves access.
    let name = match detail(ctx, actor, id).await {
        Ok(d) => d.db_instance_name,
        Err(DomainError::Upstream { .. }) => String::new(),
        Err(e) => return Err(e),
    };
    let target = Target::new(id, name);
    let name = what.action_name();
    macro_rules! go {
        ($req:expr, |$c:ident, $creds:ident| $call:expr) => {{
            let request = serde_json::to_value(&$req).unwrap_or_default();
            let done: Done<_> = gateway::perform(ctx, actor, name, target, request, approval_id, |$c, $creds| async move { $call }).await?;
            Ok(done.job_id)
        }};
    }
    match what {
        InstanceAction::Start => go!(serde_json::json!({}), |c, creds| c.start_db_instance(&creds, &iid).await),
        InstanceAction::Stop => go!(serde_json::json!({}), |c, creds| c.stop_db_instance(&creds, &iid).await),
        InstanceAction::ForceRestart => go!(serde_json::json!({}), |c, creds| c.force_restart_db_instance(&creds, &iid).await),
        InstanceAction::Delete => go!(serde_json::json!({}), |c, creds| c.delete_db_instance(&creds, &iid).await),
        InstanceAction::Restart { online_failover, backup_first } => {
            let req = RestartDbInstance { use_online_failover: online_failover, execute_backup: backup_first };
            let body = req.clone();
            go!(req, |c, creds| c.restart_db_instance(&creds, &iid, &body).await)
        }
        InstanceAction::Backup { name: backup_name } => {
            let req = BackupDbInstance { backup_name };
            let body = req.clone();
            go!(req, |c, creds| c.backup_db_instance(&creds, &iid, &body).await)
        }
        InstanceAction::Describe { description } => {
            let req = ModifyDbInstance { description: Some(description), ..Default::default() };
            let body = req.clone();
            go!(req, |c, creds| c.modify_db_instance(&creds, &iid, &body).await)
        }
        InstanceAction::Modify { name, description, port, flavor_id, parameter_group_id, security_group_ids, backup_first } => {
            let req = ModifyDbInstance {
                db_instance_name: name,
                description,
                db_port: port,
                db_flavor_id: flavor_id.map(DbFlavorId::new),
                parameter_group_id: parameter_group_id.map(ParameterGroupId::new),
                db_security_group_ids: security_group_ids.map(|ids| ids.into_iter().map(rds::DbSecurityGroupId::new).collect()),
                execute_backup: backup_first.then_some(true),
            };
            let body = req.clone();
            go!(req, |c, creds| c.modify_db_instance(&creds, &iid, &body).await)
        }
        InstanceAction::GrowStorage { size } => {
            let current = ctx.rds.storage_info(&gateway::reader(ctx, actor).await?, &iid).await?.storage_size;
            rds::validate::StorageSize::grow(current, size).map_err(DomainError::Validation)?;
            let req = ModifyStorage { storage_size: size };
            let body = req.clone();
            go!(req, |c, creds| c.modify_storage_info(&creds, &iid, &body).await)
        }
        InstanceAction::PublicAccess { on } => {
            let req = ModifyNetwork { use_public_access: on };
            let body = req.clone();
            go!(req, |c, creds| c.modify_network_info(&creds, &iid, &body).await)
        }
        InstanceAction::DeletionProtection { on } => {
            let req = DeletionProtection { use_deletion_protection: on };
            let body = req.clone();
            go!(req, |c, creds| c.modify_deletion_protection(&creds, &iid, &body).await)
        }
        InstanceAction::ApplyParameterGroup { backup_first } => {
            let req = ApplyParameterGroup { execute_backup: backup_first };
            let body = req.clone();
            go!(req, |c, creds| c.apply_recent_parameter_group(&creds, &iid, &body).await)
        }
        InstanceAction::ApplyAccessRules => go!(serde_json::json!({}), |c, creds| c.apply_hba_rules(&creds, &iid).await),
        InstanceAction::CreateDatabase { name } => {
            let req = CreateDatabase { database_name: name };
            let body = req.clone();
            go!(req, |c, creds| c.create_database(&creds, &iid, &body).await)
        }
        InstanceAction::RenameDatabase { database_id, name, apply_hba } => {
            let req = ModifyDatabase { database_name: name, apply_hba_rules_immediately: Some(apply_hba) };
            let body = req.clone();
            let did = DatabaseId::new(database_id);
            go!(req, |c, creds| c.modify_database(&creds, &iid, &did, &body).await)
        }
        InstanceAction::DeleteDatabase { database_id } => {
            let did = DatabaseId::new(database_id.clone());
            go!(serde_json::json!({"databaseId": database_id}), |c, creds| c.delete_database(&creds, &iid, &did).await)
        }
        InstanceAction::CreateUser { name, password, authority, default_hba, address } => {
            let req = CreateDbUser {
                db_user_name: name,
                db_password: password,
                authority_type: Some(rds::AuthorityType::parse(&authority)),
                create_default_hba_rules: Some(default_hba),
                address: address.filter(|a| !a.trim().is_empty()),
            };
            let body = req.clone();
            go!(req, |c, creds| c.create_db_user(&creds, &iid, &body).await)
        }
        InstanceAction::DeleteUser { db_user_id } => {
            let uid = DbUserId::new(db_user_id.clone());
            go!(serde_json::json!({"dbUserId": db_user_id}), |c, creds| c.delete_db_user(&creds, &iid, &uid).await)
        }
        InstanceAction::Replicate { name, description, flavor_id, port, parameter_group_id, deletion_protection } => {
            let req = ReplicateDbInstance {
                db_instance_name: name,
                description: description.filter(|d| !d.is_empty()),
                db_flavor_id: flavor_id.map(DbFlavorId::new),
                db_port: port,
                parameter_group_id: parameter_group_id.map(ParameterGroupId::new),
                use_deletion_protection: deletion_protection.then_some(true),
                ..Default::default()
            };
            let body = req.clone();
            go!(req, |c, creds| c.replicate_db_instance(&creds, &iid, &body).await)
        }
        InstanceAction::Promote => go!(serde_json::json!({}), |c, creds| c.promote_db_instance(&creds, &iid).await),
        InstanceAction::HaPause => go!(serde_json::json!({}), |c, creds| c.pause_high_availability(&creds, &iid).await),
        InstanceAction::HaResume => go!(serde_json::json!({}), |c, creds| c.resume_high_availability(&creds, &iid).await),
        InstanceAction::HaRepair => go!(serde_json::json!({}), |c, creds| c.repair_high_availability(&creds, &iid).await),
        InstanceAction::HaSplit => go!(serde_json::json!({}), |c, creds| c.split_high_availability(&creds, &iid).await),
        InstanceAction::Ha { on, ping_interval, failover_wait } => {
            let req = ModifyHighAvailability {
                use_high_availability: on,
                ping_interval: ping_interval.filter(|_| on),
                failover_repl_waiting_time: failover_wait.filter(|_| on),
            };
            let body = req.clone();
            go!(req, |c, creds| c.modify_high_availability(&creds, &iid, &body).await)
        }
        InstanceAction::BackupSettings { period, retry_count, begin_time, duration } => {
            let req = ModifyBackupInfo {
                backup_period: Some(period),
                backup_retry_count: Some(retry_count),
                backup_schedules: Some(vec![BackupSchedule {
                    backup_wnd_bgn_time: begin_time,
                    backup_wnd_duration: rds::WindowDuration::parse(&duration),
                    backup_retry_expire_time: None,
                }]),
            };
            let body = req.clone();
            go!(req, |c, creds| c.modify_backup_info(&creds, &iid, &body).await)
        }
        InstanceAction::Maintenance { begin_time, duration, allow_auto, auto_storage_cleanup } => {
            let req = MaintenanceInfo {
                allow_auto_maintenance: allow_auto,
                use_auto_storage_cleanup: auto_storage_cleanup,
                maint_wnd_bgn_time: begin_time,
                maint_wnd_duration: rds::WindowDuration::parse(&duration),
            };
            let body = req.clone();
            go!(req, |c, creds| c.modify_maintenance_info(&creds, &iid, &body).await)
        }
        InstanceAction::ModifyUser { db_user_id, password, authority } => {
            let req = ModifyDbUser {
                db_user_name: None,
                db_password: password.filter(|p| !p.is_empty()),
                authority_type: authority.filter(|a| !a.is_empty()).map(|a| rds::AuthorityType::parse(&a)),
                apply_hba_rules_immediately: None,
            };
            let body = req.clone();
            let uid = DbUserId::new(db_user_id);
            go!(req, |c, creds| c.modify_db_user(&creds, &iid, &uid, &body).await)
        }
        InstanceAction::BackupToObjectStorage { tenant_id, username, password, container, path } => {
            let req = ObjectStorageTarget { tenant_id, username, password, target_container: container, object_path: path };
            let body = req.clone();
            go!(req, |c, creds| c.backup_to_object_storage(&creds, &iid, &body).await)
        }
    }
}

/// Everything the overview and settings tabs show about an instance.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Overview {
    pub detail: DbInstanceDetail,
    pub storage: StorageInfo,
    pub network: NetworkInfo,
    pub backup: BackupInfo,
    pub maintenance: Option<MaintenanceInfo>,
    pub ha: HighAvailability,
    pub flavors: Vec<DbFlavor>,
    pub parameter_groups: Vec<ParameterGroup>,
    pub security_groups: Vec<DbSecurityGroup>,
    pub versions: Vec<DbVersionInfo>,
    /// Every instance of its instance group (itself included): the HA
    /// candidate and the read replicas.
    pub group: Vec<DbInstance>,
}

/// Reads an instance from every angle at once.
pub async fn overview(ctx: &Context, actor: &Actor, id: &str) -> Result<Overview, DomainError> {
    let creds = gateway::reader(ctx, actor).await?;
    let iid = DbInstanceId::new(id);
    let c = &ctx.rds;
    let (detail, storage, network, backup, maintenance, ha, flavors, sgs, versions, all) = tokio::join!(
        c.db_instance(&creds, &iid),
        c.storage_info(&creds, &iid),
        c.network_info(&creds, &iid),
        c.backup_info(&creds, &iid),
        c.maintenance_info(&creds, &iid),
        c.high_availability(&creds, &iid),
        c.db_flavors(&creds),
        c.db_security_groups(&creds),
        c.available_db_versions(&creds, &iid),
        c.db_instances(&creds),
    );
    let detail = detail?;
    let group = all
        .map(|a| a.db_instances.into_iter().filter(|i| i.db_instance_group_id == detail.db_instance_group_id).collect())
        .unwrap_or_default();
    let pgs = c.parameter_groups(&creds, &ParameterGroupQuery { db_version: Some(detail.db_version.clone()) }).await?;
    Ok(Overview {
        detail,
        storage: storage?,
        network: network?,
        backup: backup?,
        maintenance: maintenance.ok(),
        ha: ha?,
        flavors: flavors?.db_flavors,
        parameter_groups: pgs.parameter_groups,
        security_groups: sgs?.db_security_groups,
        versions: versions.map(|v| v.db_versions).unwrap_or_default(),
        group,
    })
}

/// The instance's databases.
pub async fn databases(ctx: &Context, actor: &Actor, id: &str) -> Result<Vec<Database>, DomainError> {
    let creds = gateway::reader(ctx, actor).await?;
    Ok(ctx.rds.databases(&creds, &DbInstanceId::new(id)).await?.databases)
}

/// The instance's DB users.
pub async fn users(ctx: &Context, actor: &Actor, id: &str) -> Result<Vec<DbUser>, DomainError> {
    let creds = gateway::reader(ctx, actor).await?;
    Ok(ctx.rds.db_users(&creds, &DbInstanceId::new(id)).await?.db_users)
}

/// The instance's events of the last 30 days, newest first.
pub async fn events(ctx: &Context, actor: &Actor, id: &str) -> Result<Vec<Event>, DomainError> {
    let creds = gateway::reader(ctx, actor).await?;
    let now = crate::time::unix_now();
    let q = EventQuery {
        page: 1,
        size: 100,
        from: rds::datetime::format_unix(now - 30 * 86_400, 0),
        to: rds::datetime::format_unix(now, 0),
        event_category_type: rds::EventCategoryType::All,
        source_id: Some(id.to_string()),
        keyword: None,
    };
    Ok(ctx.rds.events(&creds, &q).await?.events)
}

/// The metrics upstream offers, and series of `names` over the `minutes`
/// before `end` (unix seconds; `None`, or a time to come, means now).
pub async fn metrics(
    ctx: &Context,
    actor: &Actor,
    id: &str,
    names: Vec<String>,
    minutes: i64,
    end: Option<i64>,
) -> Result<(Vec<Metric>, Vec<MetricSeries>), DomainError> {
    let creds = gateway::reader(ctx, actor).await?;
    let now = end.map_or(crate::time::unix_now(), |e| e.min(crate::time::unix_now()));
    let minutes = minutes.clamp(10, 31 * 24 * 60);
    let available = ctx.rds.metrics(&creds).await?.metrics;
    if names.is_empty() {
        return Ok((available, Vec::new()));
    }
    let q = MetricQuery {
        db_instance_id: DbInstanceId::new(id),
        metric_names: names,
        from: rds::datetime::format_unix(now - minutes * 60, 0),
        to: rds::datetime::format_unix(now, 0),
        interval: None,
    };
    Ok((available, ctx.rds.metric_statistics(&creds, &q).await?.metric_statistics))
}

/// Creates an instance through the gateway; returns the job.
pub async fn create(ctx: &Context, actor: &Actor, req: CreateDbInstance) -> Result<Option<String>, DomainError> {
    rds::validate::Validate::validate(&req).map_err(DomainError::Validation)?;
    let request = serde_json::to_value(&req).unwrap_or_default();
    let name = req.db_instance_name.clone();
    let done = gateway::mutate(ctx, actor, "create_db_instance", Target::new("", name), request, |c, creds| async move {
        c.create_db_instance(&creds, &req).await
    })
    .await?;
    Ok(done.job_id)
}

/// What the create form offers, loaded from the API.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CreateChoices {
    pub versions: Vec<DbVersionInfo>,
    pub flavors: Vec<DbFlavor>,
    pub subnets: Vec<Subnet>,
    pub storage_types: Vec<String>,
    pub parameter_groups: Vec<ParameterGroup>,
    pub security_groups: Vec<DbSecurityGroup>,
    pub user_groups: Vec<UserGroup>,
}

/// Loads the create form's choices.
pub async fn create_choices(ctx: &Context, actor: &Actor) -> Result<CreateChoices, DomainError> {
    let creds = gateway::reader(ctx, actor).await?;
    let c = &ctx.rds;
    let all_groups = ParameterGroupQuery::default();
    let (v, f, s, t, p, g, u) = tokio::join!(
        c.db_versions(&creds),
        c.db_flavors(&creds),
        c.subnets(&creds),
        c.storage_types(&creds),
        c.parameter_groups(&creds, &all_groups),
        c.db_security_groups(&creds),
        c.user_groups(&creds)
    );
    Ok(CreateChoices {
        versions: v?.db_versions,
        flavors: f?.db_flavors,
        subnets: s?.subnets,
        storage_types: t?.storage_types,
        parameter_groups: p?.parameter_groups,
        security_groups: g?.db_security_groups,
        user_groups: u?.user_groups,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Approval requests store the action as the page sent it, redacted by
    /// the action's secret fields: every secret must carry a name the
    /// redaction knows, and every action must exist in the gateway's table.
    #[test]
    fn every_secret_an_action_carries_is_redacted_by_its_gateway_action() {
        let secret = "s3cret-value-1234";
        let actions = [
            InstanceAction::CreateUser {
                name: "app".into(),
                password: secret.into(),
                authority: "CRUD".into(),
                default_hba: false,
                address: None,
            },
            InstanceAction::ModifyUser { db_user_id: "u".into(), password: Some(secret.into()), authority: None },
            InstanceAction::BackupToObjectStorage {
                tenant_id: "t".into(),
                username: "u".into(),
                password: secret.into(),
                container: "c".into(),
                path: "p".into(),
            },
        ];
        for what in actions {
            let a = gateway::action(what.action_name()).unwrap_or_else(|| panic!("{} is not a gateway action", what.action_name()));
            let json = serde_json::json!({ "Instance": { "id": "x", "what": what } });
            let redacted = crate::audit::redact(json, a.secret_fields).to_string();
            assert!(!redacted.contains(secret), "{redacted}");
        }
    }
}
