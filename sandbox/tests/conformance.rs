//! The client against the sandbox over real HTTP: every endpoint, job
//! lifecycles, 80401/80403, limits on both sides, and injected faults.

use rds::client::{ClientConfig, Credentials, RdsClient, RdsError};
use rds::endpoints::ENDPOINTS;
use rds::types::*;
use rds::*;
use std::time::{Duration, Instant};

struct Env {
    client: RdsClient,
    admin: Credentials,
    viewer: Credentials,
    sandbox: sandbox::Sandbox,
    base: String,
}

async fn env_with(job: Duration, token_ttl: Duration, client: ClientConfig) -> Env {
    let (base, sandbox) =
        sandbox::spawn(sandbox::Config { job_duration: job, token_ttl, ..Default::default() }).await.expect("sandbox starts");
    let client = RdsClient::new(ClientConfig { oauth_base: base.clone(), ..client }).expect("client builds");
    let creds = |id: &str, secret: &str| Credentials {
        api_base: base.clone(),
        appkey: sandbox::DEMO_APPKEY.into(),
        access_key_id: id.into(),
        secret_access_key: secret.into(),
    };
    Env {
        admin: creds("sandbox-admin", "sandbox-admin-secret"),
        viewer: creds("sandbox-viewer", "sandbox-viewer-secret"),
        client,
        sandbox,
        base,
    }
}

async fn env() -> Env {
    env_with(Duration::from_millis(150), Duration::from_secs(3600), ClientConfig::default()).await
}

/// Polls a job until it ends; returns every status seen.
async fn wait(e: &Env, job: &JobId) -> Vec<JobStatus> {
    let deadline = Instant::now() + Duration::from_secs(15);
    let mut seen: Vec<JobStatus> = Vec::new();
    loop {
        let j = e.client.job(&e.admin, job).await.expect("job readable");
        if seen.last() != Some(&j.job_status) {
            seen.push(j.job_status.clone());
        }
        if j.job_status.is_terminal() {
            assert_eq!(j.job_status, JobStatus::Completed, "job {job} ended as {:?}", seen);
            return seen;
        }
        assert!(Instant::now() < deadline, "job {job} did not end: {seen:?}");
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

async fn instance_named(e: &Env, name: &str) -> Option<DbInstance> {
    e.client.db_instances(&e.admin).await.unwrap().db_instances.into_iter().find(|i| i.db_instance_name == name)
}

fn create_request(name: &str, version: &str, pg: &ParameterGroupId, flavor: &DbFlavorId, subnet: &SubnetId) -> CreateDbInstance {
    CreateDbInstance {
        db_instance_name: name.into(),
        description: Some("made by the conformance test".into()),
        db_flavor_id: flavor.clone(),
        db_version: version.into(),
        db_port: 15_432,
        database_name: "app".into(),
        db_user_name: "owner".into(),
        db_password: "s3cret-pass".into(),
        parameter_group_id: pg.clone(),
        network: NetworkSpec {
            subnet_id: Some(subnet.clone()),
            use_public_access: Some(false),
            availability_zone: Some("kr-pub-a".into()),
        },
        storage: StorageSpec { storage_type: Some("General SSD".into()), storage_size: Some(20) },
        backup: BackupSpec {
            backup_period: Some(1),
            backup_retry_count: Some(2),
            backup_schedules: Some(vec![BackupSchedule {
                backup_wnd_bgn_time: "01:00:00".into(),
                backup_wnd_duration: WindowDuration::OneHour,
                backup_retry_expire_time: None,
            }]),
        },
        ..Default::default()
    }
}

fn restore_target(name: &str, pg: &ParameterGroupId, flavor: &DbFlavorId, subnet: &SubnetId) -> RestoreTarget {
    RestoreTarget {
        db_instance_name: name.into(),
        db_flavor_id: flavor.clone(),
        db_port: 15_432,
        parameter_group_id: pg.clone(),
        network: NetworkSpec { subnet_id: Some(subnet.clone()), ..Default::default() },
        storage: StorageSpec { storage_type: Some("General SSD".into()), storage_size: Some(20) },
        backup: BackupSpec { backup_period: Some(1), ..Default::default() },
        ..Default::default()
    }
}

#[tokio::test]
async fn every_endpoint_of_the_guide_works_through_the_client_against_the_sandbox() {
    let e = env().await;
    let (c, a) = (&e.client, &e.admin);

    // Catalogue and reads.
    let versions = c.db_versions(a).await.unwrap().db_versions;
    assert!(versions.len() >= 4);
    let flavors = c.db_flavors(a).await.unwrap().db_flavors;
    assert!(flavors.iter().all(|f| f.ram > 0 && f.vcpus > 0));
    assert!(c.regions(a).await.unwrap().regions.iter().any(|r| r.region_code == "KR1" && r.is_enabled));
    let members = c.members(a).await.unwrap().members;
    let subnets = c.subnets(a).await.unwrap().subnets;
    assert!(c.storage_types(a).await.unwrap().storage_types.contains(&"General SSD".to_string()));
    let groups = c.db_instance_groups(a).await.unwrap().db_instance_groups;
    assert!(groups.iter().any(|g| g.replication_type == Some(ReplicationType::HighAvailability)));
    let ha_group = groups.iter().find(|g| g.replication_type == Some(ReplicationType::HighAvailability)).unwrap();
    let detail = c.db_instance_group(a, &ha_group.db_instance_group_id).await.unwrap();
    let types: Vec<_> = detail.db_instances.iter().filter_map(|i| i.db_instance_type.clone()).collect();
    assert!(
        types.contains(&DbInstanceType::Master)
            && types.contains(&DbInstanceType::CandidateMaster)
            && types.contains(&DbInstanceType::ReadOnlySlave)
    );
    let orders = instance_named(&e, "orders-db").await.unwrap();
    let orders_detail = c.db_instance(a, &orders.db_instance_id).await.unwrap();
    assert!(orders_detail.use_deletion_protection);
    let metrics = c.metrics(a).await.unwrap().metrics;
    assert!(metrics.iter().any(|m| m.metric_name == "CPU_USAGE" && m.unit == "%"));
    assert!(!c.event_codes(a).await.unwrap().event_codes.is_empty());
    let now = rds::datetime::format_unix(world_now(), 540);
    let day_ago = rds::datetime::format_unix(world_now() - 86_400, 540);
    let stats = c
        .metric_statistics(
            a,
            &MetricQuery {
                db_instance_id: orders.db_instance_id.clone(),
                metric_names: vec!["CPU_USAGE".into(), "DATABASE_STATUS".into()],
                from: day_ago.clone(),
                to: now.clone(),
                interval: None,
            },
        )
        .await
        .unwrap();
    assert_eq!(stats.metric_statistics.len(), 2);
    assert!(stats.metric_statistics[0].values.len() > 100, "a day of points");
    assert!(stats.metric_statistics[0].values.iter().all(|p| p.value().is_some()));
    let month_ago = rds::datetime::format_unix(world_now() - 40 * 86_400, 540);
    let events = c
        .events(
            a,
            &EventQuery {
                page: 1,
                size: 100,
                from: month_ago.clone(),
                to: now.clone(),
                event_category_type: EventCategoryType::All,
                source_id: Some(orders.db_instance_id.0.clone()),
                keyword: None,
            },
        )
        .await
        .unwrap();
    assert!(events.total_counts > 0 && events.events.iter().all(|ev| ev.source_id == orders.db_instance_id.0));
    assert!(events.events.iter().all(|ev| ev.event_code.starts_with("DB_INSTANCE_")));
    let pgs = c.parameter_groups(a, &ParameterGroupQuery { db_version: Some("POSTGRESQL_V1419".into()) }).await.unwrap().parameter_groups;
    assert!(!pgs.is_empty() && pgs.iter().all(|p| rds::versions::same(&p.db_version, "POSTGRESQL_V1419")));
    let pg = pgs[0].parameter_group_id.clone();
    let pg_detail = c.parameter_group(a, &pg).await.unwrap();
    assert!(pg_detail.parameters.iter().any(|p| p.parameter_name == "max_connections"));
    let sgs = c.db_security_groups(a).await.unwrap().db_security_groups;
    let sg = c.db_security_group(a, &sgs[0].db_security_group_id).await.unwrap().into_detail();
    assert!(!sg.rules.is_empty());
    let ugs = c.user_groups(a).await.unwrap().user_groups;
    c.user_group(a, &ugs[0].user_group_id).await.unwrap();
    let ngs = c.notification_groups(a).await.unwrap().notification_groups;
    let ng = c.notification_group(a, &ngs[0].notification_group_id).await.unwrap();
    assert!(!ng.db_instances.is_empty());
    assert!(!c.watchdogs(a, &ng.notification_group_id).await.unwrap().watchdogs.is_empty());
    let backups = c.backups(a, &BackupQuery { page: 1, size: 2, ..Default::default() }).await.unwrap();
    assert_eq!(backups.backups.len(), 2);
    assert!(backups.total_counts > 2);

    // Create an instance and follow its job to the end.
    let flavor = flavors[0].db_flavor_id.clone();
    let subnet = subnets[0].subnet_id.clone();
    let job = c.create_db_instance(a, &create_request("conf-db", "POSTGRESQL_V1419", &pg, &flavor, &subnet)).await.unwrap().job_id;
    let during = instance_named(&e, "conf-db").await.unwrap();
    assert_eq!(during.db_instance_status, Some(DbInstanceStatus::BeforeCreate));
    assert_eq!(during.progress_status, Some(ProgressStatus::Creating));
    wait(&e, &job).await;
    let conf = instance_named(&e, "conf-db").await.unwrap();
    assert_eq!(conf.db_instance_status, Some(DbInstanceStatus::Available));
    assert_eq!(conf.progress_status, Some(ProgressStatus::None));
    let id = conf.db_instance_id.clone();

    let job =
        c.modify_db_instance(a, &id, &ModifyDbInstance { description: Some("changed".into()), ..Default::default() }).await.unwrap().job_id;
    wait(&e, &job).await;
    assert_eq!(c.db_instance(a, &id).await.unwrap().description.as_deref(), Some("changed"));

    // High availability: on, pause, resume, repair, split.
    assert!(!c.high_availability(a, &id).await.unwrap().use_high_availability);
    let job = c
        .modify_high_availability(
            a,
            &id,
            &ModifyHighAvailability { use_high_availability: true, ping_interval: Some(5), failover_repl_waiting_time: Some(-1) },
        )
        .await
        .unwrap()
        .job_id;
    wait(&e, &job).await;
    let ha = c.high_availability(a, &id).await.unwrap();
    assert!(ha.use_high_availability);
    assert_eq!(ha.ping_interval, Some(5));
    let job = c.pause_high_availability(a, &id).await.unwrap().job_id;
    wait(&e, &job).await;
    assert_eq!(c.high_availability(a, &id).await.unwrap().ha_status, Some(HaStatus::Paused));
    let job = c.resume_high_availability(a, &id).await.unwrap().job_id;
    wait(&e, &job).await;
    assert_eq!(c.high_availability(a, &id).await.unwrap().ha_status, Some(HaStatus::Stable));
    let job = c.repair_high_availability(a, &id).await.unwrap().job_id;
    wait(&e, &job).await;
    let job = c.split_high_availability(a, &id).await.unwrap().job_id;
    wait(&e, &job).await;
    assert!(!c.high_availability(a, &id).await.unwrap().use_high_availability);
    assert!(instance_named(&e, "conf-db-split").await.is_some(), "the candidate stands alone after a split");

    // Storage, network, backup settings, maintenance, deletion protection, versions.
    assert_eq!(c.storage_info(a, &id).await.unwrap().storage_size, 20);
    let job = c.modify_storage_info(a, &id, &ModifyStorage { storage_size: 30 }).await.unwrap().job_id;
    wait(&e, &job).await;
    assert_eq!(c.storage_info(a, &id).await.unwrap().storage_size, 30);
    assert!(!c.network_info(a, &id).await.unwrap().subnet.public_accessible);
    let job = c.modify_network_info(a, &id, &ModifyNetwork { use_public_access: true }).await.unwrap().job_id;
    wait(&e, &job).await;
    let net = c.network_info(a, &id).await.unwrap();
    assert!(net.subnet.public_accessible);
    assert!(net.end_points.iter().any(|p| p.end_point_type == Some(EndPointType::External)));
    assert_eq!(c.backup_info(a, &id).await.unwrap().backup_period, 1);
    let job = c.modify_backup_info(a, &id, &BackupSpec { backup_period: Some(7), ..Default::default() }).await.unwrap().job_id;
    wait(&e, &job).await;
    assert_eq!(c.backup_info(a, &id).await.unwrap().backup_period, 7);
    let mut maint = c.maintenance_info(a, &id).await.unwrap();
    maint.maint_wnd_duration = WindowDuration::TwoHours;
    maint.log_retention_period = Some(14);
    // The current guide: the change is a job (docs/upstream-api.md).
    let job = c.modify_maintenance_info(a, &id, &maint).await.unwrap().job_id;
    wait(&e, &job).await;
    let now = c.maintenance_info(a, &id).await.unwrap();
    assert_eq!((now.maint_wnd_duration, now.log_retention_period), (WindowDuration::TwoHours, Some(14)));
    c.modify_deletion_protection(a, &id, &DeletionProtection { use_deletion_protection: true }).await.unwrap();
    assert!(c.db_instance(a, &id).await.unwrap().use_deletion_protection);
    c.modify_deletion_protection(a, &id, &DeletionProtection { use_deletion_protection: false }).await.unwrap();
    assert!(!c.available_db_versions(a, &id).await.unwrap().db_versions.is_empty());

    // Restart, force restart, stop and start.
    let job = c.restart_db_instance(a, &id, &RestartDbInstance::default()).await.unwrap().job_id;
    wait(&e, &job).await;
    c.force_restart_db_instance(a, &id).await.unwrap();
    assert_eq!(c.db_instance(a, &id).await.unwrap().progress_status, Some(ProgressStatus::RestartingForcibly));
    wait_idle(&e, &id).await;
    let job = c.stop_db_instance(a, &id).await.unwrap().job_id;
    wait(&e, &job).await;
    assert_eq!(c.db_instance(a, &id).await.unwrap().db_instance_status, Some(DbInstanceStatus::Shutdown));
    let job = c.start_db_instance(a, &id).await.unwrap().job_id;
    wait(&e, &job).await;
    assert_eq!(c.db_instance(a, &id).await.unwrap().db_instance_status, Some(DbInstanceStatus::Available));

    // Backups taken, exported, parameter group applied.
    let job = c.backup_db_instance(a, &id, &BackupDbInstance { backup_name: "conf-manual".into() }).await.unwrap().job_id;
    wait(&e, &job).await;
    let mine =
        c.backups(a, &BackupQuery { page: 1, size: 100, db_instance_id: Some(id.clone()), ..Default::default() }).await.unwrap().backups;
    let manual = mine.iter().find(|b| b.backup_name == "conf-manual").expect("the manual backup is listed");
    assert_eq!(manual.backup_status, Some(BackupStatus::Completed));
    assert_eq!(manual.backup_type, Some(BackupType::Manual));
    let obs = ObjectStorageTarget {
        tenant_id: "t".into(),
        username: "u@example.com".into(),
        password: "pw".into(),
        target_container: "/c".into(),
        object_path: "/p".into(),
    };
    let job = c.backup_to_object_storage(a, &id, &obs).await.unwrap().job_id;
    wait(&e, &job).await;
    let job = c.apply_recent_parameter_group(a, &id, &ApplyParameterGroup { execute_backup: false }).await.unwrap().job_id;
    wait(&e, &job).await;

    // Point-in-time restore into a new instance.
    let info = c.restoration_info(a, &id).await.unwrap();
    let latest = info.latest_restorable_ymdt.clone().expect("a restorable window");
    assert!(!info.restorable_backups.is_empty());
    let restore = RestoreDbInstance {
        restore: RestoreSpec { restore_type: Some(RestoreType::Timestamp), restore_ymdt: Some(latest.raw().to_string()), backup_id: None },
        target: restore_target("conf-db-pitr", &pg, &flavor, &subnet),
    };
    let job = c.restore_db_instance(a, &id, &restore).await.unwrap().job_id;
    wait(&e, &job).await;
    assert_eq!(instance_named(&e, "conf-db-pitr").await.unwrap().db_instance_status, Some(DbInstanceStatus::Available));

    // Read replica, then promotion.
    let job = c
        .replicate_db_instance(a, &id, &ReplicateDbInstance { db_instance_name: "conf-db-ro".into(), ..Default::default() })
        .await
        .unwrap()
        .job_id;
    wait(&e, &job).await;
    let ro = instance_named(&e, "conf-db-ro").await.unwrap();
    assert_eq!(ro.db_instance_type, Some(DbInstanceType::ReadOnlySlave));
    assert_eq!(ro.db_instance_group_id, conf.db_instance_group_id);
    let job = c.promote_db_instance(a, &ro.db_instance_id).await.unwrap().job_id;
    wait(&e, &job).await;
    let promoted = c.db_instance(a, &ro.db_instance_id).await.unwrap();
    assert_eq!(promoted.db_instance_type, Some(DbInstanceType::Master));
    assert_ne!(promoted.db_instance_group_id, conf.db_instance_group_id);

    // Databases: create, rename, delete.
    assert_eq!(c.databases(a, &id).await.unwrap().databases.len(), 1);
    let job = c.create_database(a, &id, &CreateDatabase { database_name: "reports".into() }).await.unwrap().job_id;
    wait(&e, &job).await;
    let db = c.databases(a, &id).await.unwrap().databases.into_iter().find(|d| d.database_name == "reports").unwrap();
    assert_eq!(db.database_status, Some(ObjectStatus::Stable));
    let job = c
        .modify_database(
            a,
            &id,
            &db.database_id,
            &ModifyDatabase { database_name: "reporting".into(), apply_hba_rules_immediately: Some(true) },
        )
        .await
        .unwrap()
        .job_id;
    wait(&e, &job).await;
    assert!(c.databases(a, &id).await.unwrap().databases.iter().any(|d| d.database_name == "reporting"));

    // DB users: create with default HBA rule, modify, delete later.
    let job = c
        .create_db_user(
            a,
            &id,
            &CreateDbUser {
                db_user_name: "analyst".into(),
                db_password: "pw-analyst".into(),
                authority_type: Some(AuthorityType::Crud),
                create_default_hba_rules: Some(true),
                address: Some("10.0.0.0/8".into()),
            },
        )
        .await
        .unwrap()
        .job_id;
    wait(&e, &job).await;
    let user = c.db_users(a, &id).await.unwrap().db_users.into_iter().find(|u| u.db_user_name == "analyst").unwrap();
    let job = c
        .modify_db_user(a, &id, &user.db_user_id, &ModifyDbUser { authority_type: Some(AuthorityType::Ddl), ..Default::default() })
        .await
        .unwrap()
        .job_id;
    wait(&e, &job).await;
    assert!(c
        .db_users(a, &id)
        .await
        .unwrap()
        .db_users
        .iter()
        .any(|u| u.db_user_name == "analyst" && u.authority_type == Some(AuthorityType::Ddl)));

    // HBA rules: add, modify, reorder, delete, apply.
    let rules = c.hba_rules(a, &id).await.unwrap();
    assert!(rules.need_to_apply, "the default rule waits to be applied");
    let rule = c
        .create_hba_rule(
            a,
            &id,
            &HbaRuleSpec {
                database_apply_type: Some(ApplyType::UserCustom),
                db_user_apply_type: Some(ApplyType::Entire),
                database_ids: vec![db.database_id.clone()],
                db_user_ids: vec![],
                address: "192.168.0.0/16".into(),
                auth_method: Some(AuthMethod::ScramSha256),
            },
        )
        .await
        .unwrap()
        .hba_rule_id;
    c.modify_hba_rule(
        a,
        &id,
        &rule,
        &HbaRuleSpec {
            database_apply_type: Some(ApplyType::Entire),
            db_user_apply_type: Some(ApplyType::Entire),
            address: "192.168.1.0/24".into(),
            auth_method: Some(AuthMethod::Reject),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let mut order: Vec<HbaRuleId> = c.hba_rules(a, &id).await.unwrap().hba_rules.into_iter().map(|r| r.hba_rule_id).collect();
    order.reverse();
    c.reorder_hba_rules(a, &id, &HbaRuleOrder { hba_rule_ids: order.clone() }).await.unwrap();
    assert_eq!(c.hba_rules(a, &id).await.unwrap().hba_rules[0].hba_rule_id, order[0]);
    let extra = c
        .create_hba_rule(
            a,
            &id,
            &HbaRuleSpec {
                database_apply_type: Some(ApplyType::Entire),
                db_user_apply_type: Some(ApplyType::Entire),
                address: "172.16.0.0/12".into(),
                auth_method: Some(AuthMethod::Trust),
                ..Default::default()
            },
        )
        .await
        .unwrap()
        .hba_rule_id;
    c.delete_hba_rule(a, &id, &extra).await.unwrap();
    let job = c.apply_hba_rules(a, &id).await.unwrap().job_id;
    wait(&e, &job).await;
    let applied = c.hba_rules(a, &id).await.unwrap();
    assert!(!applied.need_to_apply);
    assert!(applied
        .hba_rules
        .iter()
        .all(|r| r.hba_rule_status == Some(HbaRuleStatus::Applied) && r.reserved_action == Some(ReservedAction::None)));

    let job = c.delete_db_user(a, &id, &user.db_user_id).await.unwrap().job_id;
    wait(&e, &job).await;
    assert!(!c.db_users(a, &id).await.unwrap().db_users.iter().any(|u| u.db_user_name == "analyst"));
    let job = c.delete_database(a, &id, &db.database_id).await.unwrap().job_id;
    wait(&e, &job).await;
    assert!(!c.databases(a, &id).await.unwrap().databases.iter().any(|d| d.database_name == "reporting"));

    // Backups: export, restore, delete.
    let job = c.export_backup(a, &manual.backup_id, &obs).await.unwrap().job_id;
    wait(&e, &job).await;
    let job = c.restore_backup(a, &manual.backup_id, &restore_target("conf-db-from-backup", &pg, &flavor, &subnet)).await.unwrap().job_id;
    wait(&e, &job).await;
    assert!(instance_named(&e, "conf-db-from-backup").await.is_some());
    let job = c.delete_backup(a, &manual.backup_id).await.unwrap().job_id;
    wait(&e, &job).await;
    let left =
        c.backups(a, &BackupQuery { page: 1, size: 100, db_instance_id: Some(id.clone()), ..Default::default() }).await.unwrap().backups;
    assert!(!left.iter().any(|b| b.backup_id == manual.backup_id));

    // Security groups and their rules.
    let sg = c
        .create_db_security_group(
            a,
            &CreateDbSecurityGroup {
                db_security_group_name: "conf-sg".into(),
                description: None,
                rules: vec![rule_spec(PortType::DbPort, None, None)],
            },
        )
        .await
        .unwrap()
        .db_security_group_id;
    // As the service answers (docs/upstream-api.md): a modification needs the name.
    let without_name =
        c.modify_db_security_group(a, &sg, &ModifyDbSecurityGroup { description: Some("x".into()), ..Default::default() }).await;
    assert!(matches!(&without_name, Err(RdsError::Api { message, .. }) if message.contains("dbSecurityGroupName")), "{without_name:?}");
    c.modify_db_security_group(
        a,
        &sg,
        &ModifyDbSecurityGroup { db_security_group_name: Some("conf-sg".into()), description: Some("for the test".into()) },
    )
    .await
    .unwrap();
    let job = c.create_security_rule(a, &sg, &rule_spec(PortType::PortRange, Some(10_000), Some(10_005))).await.unwrap().job_id;
    wait(&e, &job).await;
    let rules = c.db_security_group(a, &sg).await.unwrap().into_detail().rules;
    assert_eq!(rules.len(), 2);
    let job = c.modify_security_rule(a, &sg, &rules[1].rule_id, &rule_spec(PortType::Port, Some(6432), Some(6432))).await.unwrap().job_id;
    wait(&e, &job).await;
    let job = c
        .delete_security_rules(a, &sg, &RuleIdsQuery { rule_ids: rules.iter().map(|r| r.rule_id.clone()).collect() })
        .await
        .unwrap()
        .job_id;
    wait(&e, &job).await;
    assert!(c.db_security_group(a, &sg).await.unwrap().into_detail().rules.is_empty());
    c.delete_db_security_group(a, &sg).await.unwrap();

    // Parameter groups.
    let made = c
        .create_parameter_group(
            a,
            &CreateParameterGroup { parameter_group_name: "conf-pg".into(), description: None, db_version: "POSTGRESQL_V1419".into() },
        )
        .await
        .unwrap()
        .parameter_group_id;
    let copy = c
        .copy_parameter_group(a, &made, &NameAndDescription { parameter_group_name: Some("conf-pg-copy".into()), description: None })
        .await
        .unwrap()
        .parameter_group_id;
    c.modify_parameter_group(a, &copy, &NameAndDescription { description: Some("copied".into()), ..Default::default() }).await.unwrap();
    c.modify_parameters(
        a,
        &copy,
        &ModifyParameters { modified_parameters: vec![ParameterChange { parameter_name: "max_connections".into(), value: "300".into() }] },
    )
    .await
    .unwrap();
    let changed = c.parameter_group(a, &copy).await.unwrap();
    assert_eq!(changed.parameter_group_status, Some(ParameterGroupStatus::NeedToApply));
    assert!(changed.parameters.iter().any(|p| p.parameter_name == "max_connections" && p.value == "300"));
    c.reset_parameter_group(a, &copy).await.unwrap();
    assert!(c
        .parameter_group(a, &copy)
        .await
        .unwrap()
        .parameters
        .iter()
        .any(|p| p.parameter_name == "max_connections" && p.value == "200"));
    c.delete_parameter_group(a, &copy).await.unwrap();
    c.delete_parameter_group(a, &made).await.unwrap();

    // User groups, notification groups and watchdogs.
    let ug = c
        .create_user_group(
            a,
            &UserGroupSpec {
                user_group_name: Some("conf-ug".into()),
                member_ids: Some(vec![members[0].member_id.clone()]),
                select_all_yn: None,
            },
        )
        .await
        .unwrap()
        .user_group_id;
    c.modify_user_group(a, &ug, &UserGroupSpec { select_all_yn: Some(true), ..Default::default() }).await.unwrap();
    assert_eq!(c.user_group(a, &ug).await.unwrap().user_group_type_code, Some(UserGroupTypeCode::Entire));
    let ngid = c
        .create_notification_group(
            a,
            &NotificationGroupSpec {
                notification_group_name: Some("conf-ng".into()),
                db_instance_ids: Some(vec![id.clone()]),
                user_group_ids: Some(vec![ug.clone()]),
                ..Default::default()
            },
        )
        .await
        .unwrap()
        .notification_group_id;
    c.modify_notification_group(a, &ngid, &NotificationGroupSpec { notify_sms: Some(false), ..Default::default() }).await.unwrap();
    assert!(!c.notification_group(a, &ngid).await.unwrap().notify_sms);
    let wd = c
        .create_watchdog(
            a,
            &ngid,
            &WatchdogSpec {
                metric_name: "CPU_USAGE".into(),
                comparison_operator: Some(ComparisonOperator::Ge),
                threshold: 80,
                duration: 5,
            },
        )
        .await
        .unwrap()
        .watchdog_id;
    c.modify_watchdog(
        a,
        &ngid,
        &wd,
        &WatchdogSpec { metric_name: "CPU_USAGE".into(), comparison_operator: Some(ComparisonOperator::Gt), threshold: 90, duration: 10 },
    )
    .await
    .unwrap();
    assert_eq!(c.watchdogs(a, &ngid).await.unwrap().watchdogs[0].threshold, 90);
    c.delete_watchdog(a, &ngid, &wd).await.unwrap();
    c.delete_notification_group(a, &ngid).await.unwrap();
    c.delete_user_group(a, &ug).await.unwrap();

    // Extensions (the current upstream guide's five endpoints): install,
    // apply, remove with cascade, sync, apply again.
    let group = c.db_instance(a, &id).await.unwrap().db_instance_group_id;
    let offered = c.extensions(a, &group).await.unwrap().extensions;
    let trgm = offered.iter().find(|x| x.extension_name == "pg_trgm").expect("pg_trgm offered").extension_id.clone();
    let db = c.databases(a, &id).await.unwrap().databases[0].database_id.clone();
    let install = InstallExtension { database_id: db.clone(), schema_name: "public".into(), with_cascade: None };
    c.install_extension(a, &group, &trgm, &install).await.unwrap();
    assert!(matches!(c.install_extension(a, &group, &trgm, &install).await, Err(RdsError::Api { code: sandbox::codes::WRONG_STATE, .. })));
    let bad = InstallExtension { schema_name: "1 bad".into(), ..install.clone() };
    assert!(matches!(c.install_extension(a, &group, &trgm, &bad).await, Err(RdsError::Invalid(_))), "checked before it leaves");
    let job = c.apply_extensions(a, &group).await.unwrap().job_id;
    wait(&e, &job).await;
    let find = |list: Vec<Extension>| list.into_iter().find(|x| x.extension_id == trgm).unwrap();
    let installed = find(c.extensions(a, &group).await.unwrap().extensions);
    assert_eq!(installed.extension_status, Some(ExtensionStatus::Available));
    assert_eq!(installed.databases[0].db_instance_group_extension_status, Some(GroupExtensionStatus::Installed));
    let gx = installed.databases[0].db_instance_group_extension_id.clone();
    c.delete_extension(a, &group, &gx, &ExtensionDeleteQuery { with_cascade: true }).await.unwrap();
    let removing = find(c.extensions(a, &group).await.unwrap().extensions);
    assert_eq!(removing.databases[0].reserved_action, Some(ExtensionReservedAction::DeleteWithCascade));
    let job = c.sync_extensions(a, &group).await.unwrap().job_id;
    wait(&e, &job).await;
    let job = c.apply_extensions(a, &group).await.unwrap().job_id;
    wait(&e, &job).await;
    assert!(find(c.extensions(a, &group).await.unwrap().extensions).databases.is_empty());
    assert!(matches!(c.apply_extensions(a, &group).await, Err(RdsError::Api { code: sandbox::codes::WRONG_STATE, .. })), "nothing waits");

    // And finally the instance goes.
    let job = c.delete_db_instance(a, &id).await.unwrap().job_id;
    assert_eq!(c.db_instance(a, &id).await.unwrap().progress_status, Some(ProgressStatus::Deleting));
    wait(&e, &job).await;
    assert!(matches!(c.db_instance(a, &id).await, Err(RdsError::Api { code: sandbox::codes::NOT_FOUND, .. })));

    let hits = e.sandbox.hits();
    let missing: Vec<_> = ENDPOINTS.iter().filter(|ep| !hits.contains_key(ep.name)).map(|ep| ep.name).collect();
    assert!(missing.is_empty(), "endpoints never exercised: {missing:?}");
}

fn rule_spec(port_type: PortType, min: Option<u32>, max: Option<u32>) -> SecurityRuleSpec {
    SecurityRuleSpec {
        description: None,
        direction: Some(Direction::Ingress),
        ether_type: Some(EtherType::Ipv4),
        port: RulePort { port_type: Some(port_type), min_port: min, max_port: max },
        cidr: "10.0.0.0/8".into(),
    }
}

fn world_now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64
}

async fn wait_idle(e: &Env, id: &DbInstanceId) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while e.client.db_instance(&e.admin, id).await.unwrap().progress_status != Some(ProgressStatus::None) {
        assert!(Instant::now() < deadline, "instance stayed busy");
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

#[tokio::test]
async fn a_job_passes_through_ready_and_running_to_completed() {
    let e = env_with(Duration::from_millis(600), Duration::from_secs(3600), ClientConfig::default()).await;
    let staging = instance_named(&e, "staging-db").await.unwrap();
    let job = e.client.stop_db_instance(&e.admin, &staging.db_instance_id).await.unwrap().job_id;
    let first = e.client.job(&e.admin, &job).await.unwrap();
    assert_eq!(first.resource_relations[0].resource_type, Some(ResourceType::DbInstance));
    assert_eq!(first.resource_relations[0].resource_id, staging.db_instance_id.0);
    assert_eq!(e.client.db_instance(&e.admin, &staging.db_instance_id).await.unwrap().progress_status, Some(ProgressStatus::Stopping));
    let seen = wait(&e, &job).await;
    assert_eq!(seen.first(), Some(&JobStatus::Ready));
    assert!(seen.contains(&JobStatus::Running), "{seen:?}");
    assert_eq!(seen.last(), Some(&JobStatus::Completed));
    let after = e.client.db_instance(&e.admin, &staging.db_instance_id).await.unwrap();
    assert_eq!(after.db_instance_status, Some(DbInstanceStatus::Shutdown));
    assert_eq!(after.progress_status, Some(ProgressStatus::None));
}

#[tokio::test]
async fn a_viewer_reads_but_may_not_change_instances() {
    let e = env().await;
    let list = e.client.db_instances(&e.viewer).await.unwrap().db_instances;
    let staging = list.iter().find(|i| i.db_instance_name == "staging-db").unwrap();
    let r = e.client.stop_db_instance(&e.viewer, &staging.db_instance_id).await;
    assert_eq!(r.unwrap_err().result_code(), Some(80_403));
    let r = e
        .client
        .create_db_security_group(
            &e.viewer,
            &CreateDbSecurityGroup {
                db_security_group_name: "x".into(),
                rules: vec![SecurityRuleSpec {
                    direction: Some(Direction::Ingress),
                    ether_type: Some(EtherType::Ipv4),
                    port: RulePort { port_type: Some(PortType::DbPort), ..Default::default() },
                    cidr: "10.0.0.0/8".into(),
                    ..Default::default()
                }],
                ..Default::default()
            },
        )
        .await;
    assert_eq!(r.unwrap_err().result_code(), Some(80_403));
}

#[tokio::test]
async fn a_viewer_may_manage_user_and_notification_groups() {
    let e = env().await;
    let ug = e
        .client
        .create_user_group(
            &e.viewer,
            &UserGroupSpec { user_group_name: Some("viewers".into()), select_all_yn: Some(true), member_ids: None },
        )
        .await
        .unwrap();
    e.client.delete_user_group(&e.viewer, &ug.user_group_id).await.unwrap();
    let ng = e
        .client
        .create_notification_group(
            &e.viewer,
            &NotificationGroupSpec { notification_group_name: Some("viewer-ng".into()), ..Default::default() },
        )
        .await
        .unwrap();
    e.client.delete_notification_group(&e.viewer, &ng.notification_group_id).await.unwrap();
}

#[tokio::test]
async fn a_wrong_appkey_is_refused_with_80401() {
    let e = env().await;
    let wrong = Credentials { appkey: "not-the-appkey".into(), ..e.admin.clone() };
    assert_eq!(e.client.db_instances(&wrong).await.unwrap_err().result_code(), Some(80_401));
}

#[tokio::test]
async fn an_unknown_access_key_fails_the_token_exchange() {
    let e = env().await;
    let wrong = Credentials { secret_access_key: "wrong".into(), ..e.admin.clone() };
    assert!(matches!(e.client.db_instances(&wrong).await, Err(RdsError::Token(_))));
}

#[tokio::test]
async fn a_revoked_token_is_renewed_once_and_the_call_succeeds() {
    let e = env().await;
    e.client.db_instances(&e.admin).await.unwrap();
    let tokens_before = e.sandbox.hits().get("oauth_token").copied().unwrap_or(0);
    e.sandbox.revoke_tokens();
    e.client.db_instances(&e.admin).await.expect("renewed after 80401");
    assert_eq!(e.sandbox.hits().get("oauth_token").copied().unwrap_or(0), tokens_before + 1);
}

#[tokio::test]
async fn tokens_are_renewed_before_they_expire() {
    let e = env_with(Duration::from_millis(150), Duration::from_secs(1), ClientConfig::default()).await;
    e.client.db_versions(&e.admin).await.unwrap();
    e.client.db_versions(&e.admin).await.unwrap();
    assert_eq!(e.sandbox.hits().get("oauth_token").copied(), Some(1), "the cached token is reused");
    tokio::time::sleep(Duration::from_millis(1100)).await;
    e.client.db_versions(&e.admin).await.expect("a fresh token after expiry");
    assert_eq!(e.sandbox.hits().get("oauth_token").copied(), Some(2));
}

#[tokio::test]
async fn the_client_refuses_out_of_range_values_before_calling() {
    let e = env().await;
    let mut req = create_request("bad", "POSTGRESQL_V1419", &"pg".into(), &"f".into(), &"s".into());
    req.storage.storage_size = Some(10);
    match e.client.create_db_instance(&e.admin, &req).await {
        Err(RdsError::Invalid(v)) => assert_eq!(v.field, "storage.storageSize"),
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert!(!e.sandbox.hits().contains_key("create_db_instance"), "nothing was sent");
    let r = e.client.backups(&e.admin, &BackupQuery { page: 1, size: 101, ..Default::default() }).await;
    assert!(matches!(r, Err(RdsError::Invalid(v)) if v.field == "size"));
}

/// Sends a raw JSON body past the client's checks.
async fn raw_call(e: &Env, method: reqwest::Method, path: &str, body: serde_json::Value) -> serde_json::Value {
    let token = e.client.token(&e.admin).await.unwrap();
    reqwest::Client::new()
        .request(method, format!("{}{path}", e.base))
        .header("X-TC-APP-KEY", sandbox::DEMO_APPKEY)
        .header("X-NHN-AUTHORIZATION", format!("Bearer {token}"))
        .json(&body)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

#[tokio::test]
async fn the_sandbox_refuses_out_of_range_values_on_its_own() {
    let e = env().await;
    let staging = instance_named(&e, "staging-db").await.unwrap();
    let path = format!("/v1.0/db-instances/{}/storage-info", staging.db_instance_id);
    for (size, field) in [(2049, "storageSize"), (10, "storageSize")] {
        let v = raw_call(&e, reqwest::Method::PUT, &path, serde_json::json!({ "storageSize": size })).await;
        assert_eq!(v["header"]["isSuccessful"], false);
        assert_eq!(v["header"]["resultCode"], sandbox::codes::INVALID);
        assert!(v["header"]["resultMessage"].as_str().unwrap().contains(field), "{v}");
    }
    let path = format!("/v1.0/db-instances/{}/high-availability", staging.db_instance_id);
    let v = raw_call(&e, reqwest::Method::PUT, &path, serde_json::json!({ "useHighAvailability": true, "pingInterval": 601 })).await;
    assert!(v["header"]["resultMessage"].as_str().unwrap().contains("pingInterval"), "{v}");
    let v = raw_call(&e, reqwest::Method::POST, "/v1.0/db-security-groups", serde_json::json!({ "dbSecurityGroupName": "x", "rules": [{"direction": "INGRESS", "etherType": "IPV4", "cidr": "0.0.0.0/0", "port": {"portType": "PORT", "minPort": 1, "maxPort": 2}}] })).await;
    assert!(v["header"]["resultMessage"].as_str().unwrap().contains("maxPort"), "{v}");
    let v = raw_call(
        &e,
        reqwest::Method::POST,
        &format!("/v1.0/db-instances/{}/db-users", staging.db_instance_id),
        serde_json::json!({ "dbUserName": "a".repeat(33), "dbPassword": "x", "authorityType": "CRUD" }),
    )
    .await;
    assert!(v["header"]["resultMessage"].as_str().unwrap().contains("dbUserName"), "{v}");
}

#[tokio::test]
async fn shrinking_storage_is_refused() {
    let e = env().await;
    let orders = instance_named(&e, "orders-db").await.unwrap();
    let r = e.client.modify_storage_info(&e.admin, &orders.db_instance_id, &ModifyStorage { storage_size: 100 }).await;
    assert_eq!(r.unwrap_err().result_code(), Some(sandbox::codes::INVALID));
}

#[tokio::test]
async fn deleting_a_protected_instance_is_refused() {
    let e = env().await;
    let orders = instance_named(&e, "orders-db").await.unwrap();
    let r = e.client.delete_db_instance(&e.admin, &orders.db_instance_id).await;
    assert_eq!(r.unwrap_err().result_code(), Some(sandbox::codes::DELETION_PROTECTED));
}

#[tokio::test]
async fn starting_a_running_instance_is_a_wrong_state() {
    let e = env().await;
    let orders = instance_named(&e, "analytics").await.unwrap();
    let r = e.client.start_db_instance(&e.admin, &orders.db_instance_id).await;
    assert_eq!(r.unwrap_err().result_code(), Some(sandbox::codes::WRONG_STATE));
}

#[tokio::test]
async fn the_instance_restore_is_accepted_as_get_too() {
    let e = env().await;
    let orders = instance_named(&e, "analytics").await.unwrap();
    let token = e.client.token(&e.admin).await.unwrap();
    let v: serde_json::Value = reqwest::Client::new()
        .get(format!("{}/v1.0/db-instances/{}/restore", e.base, orders.db_instance_id))
        .header("X-TC-APP-KEY", sandbox::DEMO_APPKEY)
        .header("X-NHN-AUTHORIZATION", format!("Bearer {token}"))
        .json(&serde_json::json!({}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    // Routed to the restore (which then asks for its fields), not a 404.
    assert_eq!(v["header"]["resultCode"], sandbox::codes::INVALID, "{v}");
    assert!(v["header"]["resultMessage"].as_str().unwrap().contains("restore.restoreType"), "{v}");
}

#[tokio::test]
async fn injected_http_errors_reach_the_client_as_transport_failures_after_retries() {
    let e = env_with(
        Duration::from_millis(150),
        Duration::from_secs(3600),
        ClientConfig { backoff: Duration::from_millis(5), ..Default::default() },
    )
    .await;
    e.client.token(&e.admin).await.unwrap();
    e.sandbox.set_faults(sandbox::Faults { error_rate: 1.0, ..Default::default() });
    assert!(matches!(e.client.db_instances(&e.admin).await, Err(RdsError::Transport(m)) if m.contains("503")));
    e.sandbox.set_faults(sandbox::Faults::default());
    e.client.db_instances(&e.admin).await.expect("recovers when the fault ends");
}

#[tokio::test]
async fn injected_malformed_bodies_reach_the_client_as_decode_failures() {
    let e = env_with(
        Duration::from_millis(150),
        Duration::from_secs(3600),
        ClientConfig { backoff: Duration::from_millis(5), ..Default::default() },
    )
    .await;
    e.client.token(&e.admin).await.unwrap();
    e.sandbox.set_faults(sandbox::Faults { malformed_rate: 1.0, ..Default::default() });
    assert!(matches!(e.client.db_instances(&e.admin).await, Err(RdsError::Decode(_))));
}

#[tokio::test]
async fn injected_hangs_reach_the_client_as_timeouts() {
    let e = env_with(
        Duration::from_millis(150),
        Duration::from_secs(3600),
        ClientConfig { total_timeout: Duration::from_millis(300), read_attempts: 1, ..Default::default() },
    )
    .await;
    e.client.token(&e.admin).await.unwrap();
    e.sandbox.set_faults(sandbox::Faults { hang_rate: 1.0, ..Default::default() });
    assert!(matches!(e.client.db_instances(&e.admin).await, Err(RdsError::Timeout)));
}

#[tokio::test]
async fn a_hung_read_ends_at_one_deadline_for_all_its_tries() {
    let e = env_with(
        Duration::from_millis(150),
        Duration::from_secs(3600),
        ClientConfig { total_timeout: Duration::from_millis(400), read_attempts: 3, ..Default::default() },
    )
    .await;
    e.client.token(&e.admin).await.unwrap();
    e.sandbox.set_faults(sandbox::Faults { hang_rate: 1.0, ..Default::default() });
    let started = std::time::Instant::now();
    assert!(matches!(e.client.db_instances(&e.admin).await, Err(RdsError::Timeout)));
    // Three tries of 400 ms each would take 1.2 s at least.
    let took = started.elapsed();
    assert!(took < Duration::from_millis(1100), "a hung read took {took:?}");
}

#[tokio::test]
async fn mutations_are_never_retried() {
    let e = env_with(
        Duration::from_millis(150),
        Duration::from_secs(3600),
        ClientConfig { backoff: Duration::from_millis(5), ..Default::default() },
    )
    .await;
    let staging = instance_named(&e, "staging-db").await.unwrap();
    e.sandbox.set_faults(sandbox::Faults { malformed_rate: 1.0, ..Default::default() });
    assert!(e.client.stop_db_instance(&e.admin, &staging.db_instance_id).await.is_err());
    e.sandbox.set_faults(sandbox::Faults::default());
    // The fault hit before routing, so the only way to know is the state: still running.
    assert_eq!(
        e.client.db_instance(&e.admin, &staging.db_instance_id).await.unwrap().db_instance_status,
        Some(DbInstanceStatus::Available)
    );
}

#[tokio::test]
async fn identical_reads_in_flight_share_one_call_per_credentials_and_changes_never_do() {
    let e = env().await;
    // Warm the tokens so every read below is the list call alone.
    e.client.db_instances(&e.admin).await.unwrap();
    e.client.db_instances(&e.viewer).await.unwrap();
    let before = e.sandbox.hits().get("db_instances").copied().unwrap_or(0);
    e.sandbox.set_faults(sandbox::Faults { latency_ms: 300, ..Default::default() });
    let admin = (0..20).map(|_| e.client.db_instances(&e.admin));
    let viewer = (0..20).map(|_| e.client.db_instances(&e.viewer));
    let (a, v) = tokio::join!(futures_util::future::join_all(admin), futures_util::future::join_all(viewer));
    let first = a[0].as_ref().unwrap().db_instances.len();
    assert!(a.iter().chain(v.iter()).all(|r| r.as_ref().unwrap().db_instances.len() == first), "every caller has the answer");
    let sent = e.sandbox.hits().get("db_instances").copied().unwrap_or(0) - before;
    assert_eq!(sent, 2, "one call per set of credentials, not one per caller");
    // A later read is a new call: answers are shared only while in flight.
    e.client.db_instances(&e.admin).await.unwrap();
    assert_eq!(e.sandbox.hits().get("db_instances").copied().unwrap_or(0) - before, 3);
    // Changes are never shared: two identical stops are two calls.
    e.sandbox.set_faults(sandbox::Faults::default());
    let list = e.client.db_instances(&e.admin).await.unwrap().db_instances;
    let target = list.iter().find(|i| i.db_instance_name == "analytics").unwrap().db_instance_id.clone();
    let stops = e.sandbox.hits().get("modify_deletion_protection").copied().unwrap_or(0);
    let body = DeletionProtection { use_deletion_protection: true };
    let (x, y) = tokio::join!(
        e.client.modify_deletion_protection(&e.admin, &target, &body),
        e.client.modify_deletion_protection(&e.admin, &target, &body)
    );
    assert!(x.is_ok() && y.is_ok());
    assert_eq!(e.sandbox.hits().get("modify_deletion_protection").copied().unwrap_or(0) - stops, 2);
}

/// Where the guide and the service differ (docs/upstream-api.md): the job
/// path, and refusals answered with HTTP error statuses.
#[tokio::test]
async fn jobs_are_followed_on_whichever_path_the_region_answers_and_the_path_is_remembered() {
    for (jobs_path, expected) in [("v1.0", "/v1.0/jobs/"), ("v3.0", "/v3.0/jobs/")] {
        let e = env().await;
        e.sandbox.set_faults(sandbox::Faults { jobs_path: jobs_path.into(), ..Default::default() });
        let id = first_instance(&e).await;
        let sent = e.client.backup_db_instance(&e.admin, &id, &rds::types::BackupDbInstance { backup_name: "path-check".into() }).await;
        let job = sent.expect("backup started").job_id;
        let j = e.client.job_status(&e.admin, &job).await.unwrap_or_else(|err| panic!("{jobs_path}: {err}"));
        assert_eq!(j.job_id, job);
        assert_eq!(e.client.job_path(&e.base), Some(expected), "{jobs_path}");
        // The other path is not found, with upstream's words.
        let other = if jobs_path == "v1.0" { "v3.0" } else { "v1.0" };
        let r = reqwest::get(format!("{}/{other}/jobs/{}", e.base, job.as_str())).await.unwrap();
        assert_eq!(r.status().as_u16(), 404, "{other}");
        // Remembered: the next read asks the right path first.
        let before = e.sandbox.hits().get("job").copied().unwrap_or(0);
        e.client.job_status(&e.admin, &job).await.unwrap();
        assert_eq!(e.sandbox.hits().get("job").copied().unwrap_or(0), before + 1);
    }
}

#[tokio::test]
async fn refusals_answered_with_http_statuses_keep_upstreams_words_and_a_401_renews_the_token() {
    let e = env().await;
    e.sandbox.set_faults(sandbox::Faults { http_status: true, ..Default::default() });
    // An expired (revoked) token answered with HTTP 401: renewed, then read.
    e.client.db_instances(&e.admin).await.expect("first read");
    e.sandbox.revoke_tokens();
    e.client.db_instances(&e.admin).await.expect("the token is renewed on HTTP 401 and the read succeeds");
    // A refusal keeps its status, code and message.
    let missing = rds::DbInstanceId::new("no-such-instance");
    match e.client.db_instance(&e.admin, &missing).await {
        Err(RdsError::Http { status: 404, code, message }) => {
            assert_eq!(code, sandbox::codes::NOT_FOUND);
            assert!(!message.is_empty() && !message.starts_with("HTTP"), "upstream's own words: {message}");
        }
        other => panic!("expected an HTTP 404 with upstream's words, got {other:?}"),
    }
    // A viewer's change: HTTP 403 with upstream's words, not retried.
    let id = first_instance(&e).await;
    let r = e.client.start_db_instance(&e.viewer, &id).await;
    assert!(matches!(&r, Err(RdsError::Http { status: 403, code: 80_403, .. })), "{r:?}");
}

/// An available instance of the seeded estate (analytics answers at once).
async fn first_instance(e: &Env) -> DbInstanceId {
    let list = e.client.db_instances(&e.admin).await.unwrap().db_instances;
    list.into_iter().find(|i| i.db_instance_name == "analytics").expect("analytics is seeded").db_instance_id
}

/// Version codes: the sandbox lists the current guide's form, or the
/// earlier one when asked; either form is accepted in a request and kept
/// as listed (docs/upstream-api.md).
#[tokio::test]
async fn version_codes_in_either_form_are_accepted_and_kept_as_listed() {
    for legacy in [false, true] {
        let (base, _sb) = sandbox::spawn(sandbox::Config {
            job_duration: Duration::from_millis(100),
            legacy_version_codes: legacy,
            ..Default::default()
        })
        .await
        .unwrap();
        let client = RdsClient::new(ClientConfig { oauth_base: base.clone(), ..Default::default() }).unwrap();
        let a = Credentials {
            api_base: base.clone(),
            appkey: sandbox::DEMO_APPKEY.into(),
            access_key_id: "sandbox-admin".into(),
            secret_access_key: "sandbox-admin-secret".into(),
        };
        let listed: Vec<String> = client.db_versions(&a).await.unwrap().db_versions.into_iter().map(|v| v.db_version).collect();
        let v176 = listed.iter().find(|v| rds::versions::same(v, "POSTGRESQL_V176")).expect("17.6 listed").clone();
        assert_eq!(v176, if legacy { "POSTGRESQL_V176" } else { "POSTGRESQL_V17_6" });
        // Asked in the other form, a parameter group is made for the listed version.
        let other = if legacy { rds::versions::current_form(&v176) } else { rds::versions::legacy_form(&v176) };
        let made = client
            .create_parameter_group(
                &a,
                &CreateParameterGroup { parameter_group_name: "either-form".into(), description: None, db_version: other },
            )
            .await
            .unwrap()
            .parameter_group_id;
        assert_eq!(client.parameter_group(&a, &made).await.unwrap().db_version, v176);
        assert_eq!(rds::versions::label(&v176), "PostgreSQL V17.6");
    }
}

/// Told to slow down (HTTP 429 with `Retry-After`): a read is asked again
/// after the wait and answers; a change is not sent again and says it was
/// throttled; meanwhile nothing else goes out with those keys.
#[tokio::test]
async fn a_read_told_to_slow_down_is_asked_again_and_a_change_is_not() {
    let e = env().await;
    let id = first_instance(&e).await;
    e.sandbox.set_faults(sandbox::Faults { throttle_rate: 1.0, ..Default::default() });
    let started = std::time::Instant::now();
    // Three reads in a row at one a second: the second and third wait.
    for _ in 0..3 {
        e.client.db_instance(&e.admin, &id).await.expect("answers after the wait");
    }
    assert!(started.elapsed() >= Duration::from_millis(1500), "waited as told: {:?}", started.elapsed());
    let before = e.sandbox.hits().get("backup_db_instance").copied().unwrap_or(0);
    let err = e
        .client
        .backup_db_instance(&e.admin, &id, &rds::types::BackupDbInstance { backup_name: "told-to-wait".into() })
        .await
        .expect_err("throttled");
    assert!(matches!(&err, RdsError::Throttled { by_pgdeck: false, .. }), "{err:?}");
    assert!(err.to_string().contains("NHN Cloud is throttling requests, retry in"), "{err}");
    assert_eq!(e.sandbox.hits().get("backup_db_instance").copied().unwrap_or(0) - before, 1, "sent once, never again");
    e.sandbox.set_faults(sandbox::Faults::default());
    let backups = e.client.backups(&e.admin, &Default::default()).await.unwrap();
    assert!(!backups.backups.iter().any(|b| b.backup_name == "told-to-wait"), "nothing was executed");
}

/// The backups of `instance` whose name starts with `prefix`.
async fn backups_of(e: &Env, instance: &DbInstanceId, prefix: &str) -> Vec<Backup> {
    let q = BackupQuery { page: 1, size: 100, db_instance_id: Some(instance.clone()), ..Default::default() };
    e.client.backups(&e.admin, &q).await.unwrap().backups.into_iter().filter(|b| b.backup_name.starts_with(prefix)).collect()
}

/// The backups of `instance` taken since `before` was listed.
async fn new_backups(e: &Env, instance: &DbInstanceId, before: &[Backup]) -> Vec<Backup> {
    backups_of(e, instance, "").await.into_iter().filter(|b| !before.iter().any(|o| o.backup_id == b.backup_id)).collect()
}

/// Parameter groups: a change makes the group `NEED_TO_APPLY` and its
/// instance wait; applying it with a backup first ends with the group
/// `STABLE`, nothing waiting, and the backup `COMPLETED` (manual, with a
/// size) — nothing left hanging.
#[tokio::test]
async fn a_parameter_group_applied_with_a_backup_first_ends_stable_and_backed_up() {
    let e = env().await;
    let id = first_instance(&e).await;
    let group = e.client.db_instance(&e.admin, &id).await.unwrap().parameter_group_id;
    let change =
        ModifyParameters { modified_parameters: vec![ParameterChange { parameter_name: "deadlock_timeout".into(), value: "2s".into() }] };
    e.client.modify_parameters(&e.admin, &group, &change).await.unwrap();
    assert_eq!(e.client.parameter_group(&e.admin, &group).await.unwrap().parameter_group_status, Some(ParameterGroupStatus::NeedToApply));
    assert!(e.client.db_instance(&e.admin, &id).await.unwrap().need_to_apply_parameter_group);
    let name = e.client.db_instance(&e.admin, &id).await.unwrap().db_instance_name;
    let before = backups_of(&e, &id, "").await;
    let job = e.client.apply_recent_parameter_group(&e.admin, &id, &ApplyParameterGroup { execute_backup: true }).await.unwrap().job_id;
    let taken = new_backups(&e, &id, &before).await;
    assert!(taken[0].backup_name.starts_with(&format!("{name}-")), "{}", taken[0].backup_name);
    assert_eq!(taken.len(), 1, "the backup is there as the job starts");
    assert_eq!(taken[0].backup_status, Some(BackupStatus::BackingUp));
    wait(&e, &job).await;
    wait_idle(&e, &id).await;
    assert_eq!(e.client.parameter_group(&e.admin, &group).await.unwrap().parameter_group_status, Some(ParameterGroupStatus::Stable));
    assert!(!e.client.db_instance(&e.admin, &id).await.unwrap().need_to_apply_parameter_group);
    let done = new_backups(&e, &id, &before).await;
    assert_eq!(done[0].backup_status, Some(BackupStatus::Completed));
    assert_eq!(done[0].backup_type, Some(BackupType::Manual), "asked for by the member");
    assert!(done[0].backup_size > 0);
}

/// "Back up first" on a restart and a modification ends the same way.
#[tokio::test]
async fn every_backup_first_completes_with_its_job() {
    let e = env().await;
    let id = first_instance(&e).await;
    let before = backups_of(&e, &id, "").await;
    let job = e
        .client
        .restart_db_instance(&e.admin, &id, &RestartDbInstance { use_online_failover: false, execute_backup: true })
        .await
        .unwrap()
        .job_id;
    wait(&e, &job).await;
    wait_idle(&e, &id).await;
    let body = ModifyDbInstance { description: Some("backed up first".into()), execute_backup: Some(true), ..Default::default() };
    let job = e.client.modify_db_instance(&e.admin, &id, &body).await.unwrap().job_id;
    wait(&e, &job).await;
    wait_idle(&e, &id).await;
    let taken = new_backups(&e, &id, &before).await;
    assert_eq!(taken.len(), 2);
    assert!(taken.iter().all(|b| b.backup_status == Some(BackupStatus::Completed) && b.backup_size > 0), "{taken:?}");
}

/// Backups: `BACKING_UP` while the job runs, then `COMPLETED`; a deletion
/// ends with the backup gone. The instance's task is `NONE` after each.
#[tokio::test]
async fn a_backup_is_taken_completed_and_deleted() {
    let e = env().await;
    let id = first_instance(&e).await;
    let job = e.client.backup_db_instance(&e.admin, &id, &BackupDbInstance { backup_name: "machine-1".into() }).await.unwrap().job_id;
    assert_eq!(e.client.db_instance(&e.admin, &id).await.unwrap().progress_status, Some(ProgressStatus::BackingUp));
    assert_eq!(backups_of(&e, &id, "machine-1").await[0].backup_status, Some(BackupStatus::BackingUp));
    wait(&e, &job).await;
    wait_idle(&e, &id).await;
    let b = backups_of(&e, &id, "machine-1").await.remove(0);
    assert_eq!(b.backup_status, Some(BackupStatus::Completed));
    let job = e.client.delete_backup(&e.admin, &b.backup_id).await.unwrap().job_id;
    wait(&e, &job).await;
    assert!(backups_of(&e, &id, "machine-1").await.is_empty(), "deleted backups are gone");
}

/// Access rules: a new rule is marked for creation and the set waits;
/// applying clears every mark.
#[tokio::test]
async fn access_rules_marked_then_applied_end_with_nothing_waiting() {
    let e = env().await;
    let id = first_instance(&e).await;
    let spec = HbaRuleSpec {
        database_apply_type: Some(ApplyType::Entire),
        db_user_apply_type: Some(ApplyType::Entire),
        database_ids: vec![],
        db_user_ids: vec![],
        address: "10.9.8.0/24".into(),
        auth_method: Some(AuthMethod::ScramSha256),
    };
    e.client.create_hba_rule(&e.admin, &id, &spec).await.unwrap();
    let rules = e.client.hba_rules(&e.admin, &id).await.unwrap();
    assert!(rules.need_to_apply);
    assert!(rules.hba_rules.iter().any(|r| r.address == "10.9.8.0/24" && r.reserved_action == Some(ReservedAction::Create)));
    let job = e.client.apply_hba_rules(&e.admin, &id).await.unwrap().job_id;
    wait(&e, &job).await;
    wait_idle(&e, &id).await;
    let rules = e.client.hba_rules(&e.admin, &id).await.unwrap();
    assert!(!rules.need_to_apply);
    assert!(rules.hba_rules.iter().all(|r| r.reserved_action.as_ref().is_none_or(|a| *a == ReservedAction::None)), "{:?}", rules.hba_rules);
}

/// Extensions: an install waits to be applied; applying installs it and
/// leaves nothing to apply.
#[tokio::test]
async fn an_extension_installed_then_applied_ends_installed() {
    let e = env().await;
    let id = first_instance(&e).await;
    let group = e.client.db_instance(&e.admin, &id).await.unwrap().db_instance_group_id;
    let database = e.client.databases(&e.admin, &id).await.unwrap().databases.remove(0).database_id;
    let ext = e.client.extensions(&e.admin, &group).await.unwrap().extensions.into_iter().find(|x| x.extension_name == "pg_trgm").unwrap();
    let body = InstallExtension { database_id: database.clone(), schema_name: "public".into(), with_cascade: None };
    e.client.install_extension(&e.admin, &group, &ext.extension_id, &body).await.unwrap();
    let listed = e.client.extensions(&e.admin, &group).await.unwrap();
    assert!(listed.is_need_to_apply);
    let job = e.client.apply_extensions(&e.admin, &group).await.unwrap().job_id;
    wait(&e, &job).await;
    let listed = e.client.extensions(&e.admin, &group).await.unwrap();
    assert!(!listed.is_need_to_apply);
    let ext = listed.extensions.into_iter().find(|x| x.extension_name == "pg_trgm").unwrap();
    let db = ext.databases.iter().find(|d| d.database_id == database).expect("installed in the database");
    assert_eq!(db.db_instance_group_extension_status, Some(GroupExtensionStatus::Installed));
    assert_ne!(ext.extension_status, Some(ExtensionStatus::NeedToApply));
}
