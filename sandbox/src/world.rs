//! The sandbox's in-memory estate: everything an NHN Cloud project would hold,
//! seeded with a realistic picture.

use rds::types::*;
use rds::*;
use std::collections::HashMap;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

/// Korea Standard Time, as upstream writes its timestamps.
pub const KST_MINUTES: i32 = 9 * 60;

/// Seconds since the Unix epoch, now.
pub fn unix_now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
}

/// A timestamp `secs_ago` seconds in the past, in KST.
pub fn ts_ago(secs_ago: i64) -> Timestamp {
    Timestamp::from_unix(unix_now() - secs_ago, KST_MINUTES)
}

/// Now, in KST.
pub fn ts_now() -> Timestamp {
    ts_ago(0)
}

/// A fresh random UUID (version 4 layout).
pub fn uuid() -> String {
    let b: [u8; 16] = rand::random();
    let h = |r: std::ops::Range<usize>| b[r].iter().map(|x| format!("{x:02x}")).collect::<String>();
    let mut third = h(6..8);
    third.replace_range(0..1, "4");
    format!("{}-{}-{}-{}-{}", h(0..4), h(4..6), third, h(8..10), h(10..16))
}

/// A DB instance with everything the API can say about it.
#[derive(Clone, Debug)]
pub struct Instance {
    pub detail: DbInstanceDetail,
    pub storage: StorageInfo,
    pub network: NetworkInfo,
    pub backup: BackupInfo,
    pub maintenance: MaintenanceInfo,
    pub ha: HighAvailability,
    pub user_group_ids: Vec<UserGroupId>,
    pub databases: Vec<Database>,
    pub users: Vec<DbUser>,
    pub hba: Vec<HbaRule>,
}

impl Instance {
    /// The row of `GET /v1.0/db-instances`.
    pub fn summary(&self) -> DbInstance {
        let d = &self.detail;
        DbInstance {
            db_instance_id: d.db_instance_id.clone(),
            db_instance_group_id: d.db_instance_group_id.clone(),
            db_instance_name: d.db_instance_name.clone(),
            description: d.description.clone(),
            db_version: d.db_version.clone(),
            db_port: d.db_port,
            db_instance_type: d.db_instance_type.clone(),
            db_instance_status: d.db_instance_status.clone(),
            progress_status: d.progress_status.clone(),
            created_ymdt: d.created_ymdt.clone(),
            updated_ymdt: d.updated_ymdt.clone(),
        }
    }

    /// Whether a job is running on the instance.
    pub fn busy(&self) -> bool {
        self.detail.progress_status.as_ref().is_some_and(ProgressStatus::is_busy)
    }

    /// Sets what the instance is doing.
    pub fn set_progress(&mut self, p: ProgressStatus) {
        self.detail.progress_status = Some(p);
        self.detail.updated_ymdt = Some(ts_now());
    }

    /// Sets its status.
    pub fn set_status(&mut self, s: DbInstanceStatus) {
        self.detail.db_instance_status = Some(s);
        self.detail.updated_ymdt = Some(ts_now());
    }
}

/// A parameter group with its parameters.
#[derive(Clone, Debug)]
pub struct ParamGroup {
    pub detail: ParameterGroupDetail,
}

/// What a job does to the world when it completes.
pub type Effect = Box<dyn FnOnce(&mut World) + Send>;

/// A job in flight or ended.
pub struct JobRecord {
    pub job: Job,
    pub started: Instant,
    pub effect: Option<Effect>,
}

/// The whole emulated project.
#[derive(Default)]
pub struct World {
    pub versions: Vec<DbVersionInfo>,
    pub flavors: Vec<DbFlavor>,
    pub subnets: Vec<Subnet>,
    pub zones: Vec<String>,
    pub storage_types: Vec<String>,
    pub members: Vec<Member>,
    pub instances: Vec<Instance>,
    pub group_created: HashMap<DbInstanceGroupId, Timestamp>,
    pub backups: Vec<Backup>,
    pub security_groups: Vec<DbSecurityGroupDetail>,
    pub parameter_groups: Vec<ParamGroup>,
    pub user_groups: Vec<UserGroupDetail>,
    pub notification_groups: Vec<NotificationGroupDetail>,
    pub watchdogs: HashMap<NotificationGroupId, Vec<Watchdog>>,
    /// Extensions per instance group, made on first use from [`EXTENSIONS`].
    pub extensions: HashMap<DbInstanceGroupId, Vec<Extension>>,
    pub events: Vec<Event>,
    pub jobs: HashMap<JobId, JobRecord>,
    /// How long a job takes (set from the sandbox settings).
    pub job_duration: std::time::Duration,
    /// The guide's behaviour where the service differs (set from the faults):
    /// a security group modified without its name, maintenance settings
    /// saved without a job.
    pub security_group_name_optional: bool,
    pub maintenance_without_job: bool,
}

/// The extensions the sandbox offers every instance group.
pub const EXTENSIONS: &[&str] = &["address_standardizer", "hstore", "pg_stat_statements", "pg_trgm", "pgcrypto", "postgis", "uuid-ossp"];

/// The metrics upstream offers, with units.
pub const METRICS: &[(&str, &str)] = &[
    ("CPU_USAGE", "%"),
    ("CPU_LOAD_AVERAGE_1M", ""),
    ("CPU_LOAD_AVERAGE_5M", ""),
    ("CPU_LOAD_AVERAGE_15M", ""),
    ("MEMORY_USAGE", "%"),
    ("MEMORY_USED", "MB"),
    ("MEMORY_FREE", "MB"),
    ("SWAP_USAGE", "%"),
    ("STORAGE_USAGE", "%"),
    ("STORAGE_USED", "MB"),
    ("STORAGE_IO_READ", "KB/s"),
    ("STORAGE_IO_WRITE", "KB/s"),
    ("NETWORK_RECV", "KB/s"),
    ("NETWORK_SENT", "KB/s"),
    ("DATABASE_STATUS", ""),
    ("DATABASE_CONNECTIONS", "count"),
    ("TRANSACTIONS_PER_SECOND", "count/s"),
    ("QUERIES_PER_SECOND", "count/s"),
    ("DEADLOCKS", "count"),
    ("REPLICATION_DELAY", "s"),
];

/// Event codes with their English messages (upstream's event table).
pub const EVENT_CODES: &[(&str, &str, &str)] = &[
    ("BACKUP_01_00", "BACKUP", "Backup of DB instance started"),
    ("BACKUP_01_01", "BACKUP", "Backup of DB instance completed"),
    ("BACKUP_01_04", "BACKUP", "Backup of DB instance failed"),
    ("BACKUP_02_01", "BACKUP", "Backup deleted"),
    ("BACKUP_05_00", "BACKUP", "Backup export started"),
    ("BACKUP_05_01", "BACKUP", "Backup exported"),
    ("DB_INSTANCE_01_00", "DB_INSTANCE", "Creating DB instance started"),
    ("DB_INSTANCE_01_01", "DB_INSTANCE", "Creating DB instance completed"),
    ("DB_INSTANCE_01_04", "DB_INSTANCE", "Creating DB instance failed"),
    ("DB_INSTANCE_02_01", "DB_INSTANCE", "DB instance started"),
    ("DB_INSTANCE_03_00", "DB_INSTANCE", "DB instance force restart"),
    ("DB_INSTANCE_04_00", "DB_INSTANCE", "Stopping DB instance started"),
    ("DB_INSTANCE_04_01", "DB_INSTANCE", "Stopping DB instance completed"),
    ("DB_INSTANCE_05_01", "DB_INSTANCE", "DB instanced ended"),
    ("DB_INSTANCE_06_00", "DB_INSTANCE", "Deleting DB instance started"),
    ("DB_INSTANCE_06_01", "DB_INSTANCE", "Deleting DB instance completed"),
    ("DB_INSTANCE_07_00", "DB_INSTANCE", "Backup of DB instance started"),
    ("DB_INSTANCE_07_01", "DB_INSTANCE", "Backup of DB instance completed"),
    ("DB_INSTANCE_08_00", "DB_INSTANCE", "Restoring DB instance started"),
    ("DB_INSTANCE_08_01", "DB_INSTANCE", "Restoring DB instance completed"),
    ("DB_INSTANCE_09_00", "DB_INSTANCE", "Modifying detailed settings started"),
    ("DB_INSTANCE_09_01", "DB_INSTANCE", "Detailed settings modified"),
    ("DB_INSTANCE_12_00", "DB_INSTANCE", "Changing DB instance type started"),
    ("DB_INSTANCE_12_01", "DB_INSTANCE", "Changing DB instance type completed"),
    ("DB_INSTANCE_13_00", "DB_INSTANCE", "Storage expansion started"),
    ("DB_INSTANCE_13_01", "DB_INSTANCE", "Storage expanded"),
    ("DB_INSTANCE_14_01", "DB_INSTANCE", "Associate Floating IP"),
    ("DB_INSTANCE_15_01", "DB_INSTANCE", "Disconnected to floating IP"),
    ("DB_INSTANCE_17_01", "DB_INSTANCE", "Create a user"),
    ("DB_INSTANCE_18_01", "DB_INSTANCE", "Changing user"),
    ("DB_INSTANCE_19_01", "DB_INSTANCE", "Deleting a user"),
    ("DB_INSTANCE_20_01", "DB_INSTANCE", "Create Database"),
    ("DB_INSTANCE_21_01", "DB_INSTANCE", "Changing database"),
    ("DB_INSTANCE_22_01", "DB_INSTANCE", "Deleting Database"),
    ("DB_INSTANCE_24_00", "DB_INSTANCE", "Applying parameter group changes started"),
    ("DB_INSTANCE_24_01", "DB_INSTANCE", "Applying parameter group changes completed"),
    ("DB_INSTANCE_27_00", "DB_INSTANCE", "Changing access control settings started"),
    ("DB_INSTANCE_27_01", "DB_INSTANCE", "Changing access control settings completed"),
    ("DB_INSTANCE_31_00", "DB_INSTANCE", "Replicating DB instance started"),
    ("DB_INSTANCE_31_01", "DB_INSTANCE", "Replicating DB instance completed"),
    ("DB_INSTANCE_32_00", "DB_INSTANCE", "Promoting DB instance started"),
    ("DB_INSTANCE_32_01", "DB_INSTANCE", "Promoting DB instance completed"),
    ("DB_INSTANCE_35_00", "DB_INSTANCE", "DB instance replication latency"),
    ("DB_INSTANCE_35_01", "DB_INSTANCE", "End DB instance replication latency"),
    ("DB_INSTANCE_38_01", "DB_INSTANCE", "High Availability DB Instance started"),
    ("DB_INSTANCE_39_01", "DB_INSTANCE", "High Availability DB Instance ended"),
    ("DB_INSTANCE_41_01", "DB_INSTANCE", "Instance restart using failover"),
    ("DB_INSTANCE_43_01", "DB_INSTANCE", "High availability suspended"),
    ("DB_INSTANCE_44_01", "DB_INSTANCE", "High availability restarted"),
    ("DB_INSTANCE_45_01", "DB_INSTANCE", "High availability recovery of DB instance with a completed failover completed"),
    ("DB_INSTANCE_47_01", "DB_INSTANCE", "Changing DB instance with a completed failover to normal instance completed"),
    ("DB_INSTANCE_52_00", "DB_INSTANCE", "Exporting backup file after backing up DB instance started"),
    ("DB_INSTANCE_52_01", "DB_INSTANCE", "Exporting backup file after backing up DB instance completed"),
    ("DB_SECURITY_GROUP_01_01", "DB_SECURITY_GROUP", "DB security group created"),
    ("DB_SECURITY_GROUP_02_00", "DB_SECURITY_GROUP", "Changing DB security group started"),
    ("DB_SECURITY_GROUP_02_01", "DB_SECURITY_GROUP", "Changing DB security group completed"),
    ("DB_SECURITY_GROUP_03_01", "DB_SECURITY_GROUP", "DB security group deleted"),
    ("TENANT_01_04", "TENANT", "CPU cores limit"),
    ("JOB_01_04", "JOB", "Job execution failed"),
];

impl World {
    /// Records an event with upstream's code and message.
    pub fn event(&mut self, code: &str, source_id: &str, source_name: &str) {
        self.event_at(code, source_id, source_name, 0);
    }

    fn event_at(&mut self, code: &str, source_id: &str, source_name: &str, secs_ago: i64) {
        let (category, message) =
            EVENT_CODES.iter().find(|(c, _, _)| *c == code).map(|(_, cat, msg)| (*cat, *msg)).unwrap_or(("DB_INSTANCE", code));
        // Upstream words each event in four languages; the sandbox has the
        // event guide's English and Korean (pgdeck's own event table).
        let korean = lang::msg::event_code(code).map(|k| lang::tables::table(lang::Lang::Ko).get(k)).unwrap_or(message);
        let messages = ["EN", "JA", "KO", "ZH"]
            .iter()
            .map(|lang| EventMessage { lang_code: (*lang).to_string(), message: if *lang == "KO" { korean } else { message }.to_string() })
            .collect();
        self.events.push(Event {
            event_category_type: Some(EventCategoryType::parse(category)),
            event_code: code.to_string(),
            source_id: source_id.to_string(),
            source_name: source_name.to_string(),
            messages,
            event_ymdt: Some(ts_ago(secs_ago)),
        });
    }

    /// The instance with this id.
    pub fn instance(&self, id: &str) -> Option<&Instance> {
        self.instances.iter().find(|i| i.detail.db_instance_id.as_str() == id)
    }

    /// The instance with this id, to change.
    pub fn instance_mut(&mut self, id: &str) -> Option<&mut Instance> {
        self.instances.iter_mut().find(|i| i.detail.db_instance_id.as_str() == id)
    }

    /// The instances of a group.
    pub fn group_members(&self, group: &str) -> Vec<&Instance> {
        self.instances.iter().filter(|i| i.detail.db_instance_group_id.as_str() == group).collect()
    }

    /// Builds the seeded estate with its version codes in the earlier
    /// guide's form (`POSTGRESQL_V176`) when `legacy`, else the current one
    /// (`POSTGRESQL_V17_6`).
    pub fn seeded_as(legacy: bool) -> Self {
        let mut w = Self::seeded();
        if legacy {
            let form = rds::versions::legacy_form;
            for v in &mut w.versions {
                v.db_version = form(&v.db_version);
            }
            for g in &mut w.parameter_groups {
                g.detail.parameter_group_name = g.detail.parameter_group_name.replace(
                    &g.detail.db_version.to_lowercase().replace('_', "-"),
                    &form(&g.detail.db_version).to_lowercase().replace('_', "-"),
                );
                g.detail.db_version = form(&g.detail.db_version);
            }
            for i in &mut w.instances {
                i.detail.db_version = form(&i.detail.db_version);
            }
            for b in &mut w.backups {
                b.db_version = form(&b.db_version);
            }
        }
        w
    }

    /// Builds the seeded estate.
    pub fn seeded() -> Self {
        let mut w = World {
            versions: [
                // The current guide's form (docs/upstream-api.md); the
                // sandbox can list the earlier one (`Config::legacy_version_codes`).
                ("POSTGRESQL_V14_6", "PostgreSQL V14.6", true),
                ("POSTGRESQL_V14_17", "PostgreSQL V14.17", true),
                ("POSTGRESQL_V14_19", "PostgreSQL V14.19", true),
                ("POSTGRESQL_V17_4", "PostgreSQL V17.4", true),
                ("POSTGRESQL_V17_6", "PostgreSQL V17.6", false),
            ]
            .iter()
            .map(|(v, n, obs)| DbVersionInfo { db_version: (*v).into(), db_version_name: (*n).into(), restorable_from_obs: *obs })
            .collect(),
            flavors: [
                ("50be6d9c-02d6-4594-a2d4-12010eb65ec0", "m2.c1m2", 2048, 1),
                ("71f69bf9-3c01-4c1a-b135-bb75e93f6268", "m2.c2m4", 4096, 2),
                ("e9ed4ef6-78d7-46fa-ace9-32481e97f3b7", "m2.c4m8", 8192, 4),
                ("9a3c5b1e-5d0f-4d3e-8a6b-1f2e3d4c5b6a", "r2.c4m16", 16384, 4),
                ("c8d7e6f5-a4b3-4c2d-9e1f-0a9b8c7d6e5f", "c2.c8m16", 16384, 8),
            ]
            .iter()
            .map(|(id, name, ram, cpu)| DbFlavor { db_flavor_id: (*id).into(), db_flavor_name: (*name).into(), ram: *ram, vcpus: *cpu })
            .collect(),
            subnets: vec![
                Subnet {
                    subnet_id: "1b2a9b23-0725-4b92-8c78-35db66b8ad9f".into(),
                    subnet_name: "Default Network".into(),
                    subnet_cidr: "192.168.0.0/24".into(),
                    using_gateway: true,
                    available_ip_count: 240,
                },
                Subnet {
                    subnet_id: "e721a9dd-dad0-4cf0-a53b-dd654ebfc683".into(),
                    subnet_name: "db-private".into(),
                    subnet_cidr: "10.10.1.0/24".into(),
                    using_gateway: false,
                    available_ip_count: 251,
                },
            ],
            zones: vec!["kr-pub-a".into(), "kr-pub-b".into()],
            storage_types: vec!["General SSD".into(), "General HDD".into()],
            members: vec![
                member("1b1d3627-507a-49ea-8cb7-c86dfa9caa58", "Hong Gildong", "gildong.hong@example.com", "+821012345678"),
                member("1321e759-2ef3-4b85-9921-b13e918b24b5", "Kim Minji", "minji.kim@example.com", "+821023456789"),
                member("f9064b09-2b15-442e-a4b0-3a5a2754555e", "Lee Jiho", "jiho.lee@example.com", "+821034567890"),
            ],
            ..World::default()
        };
        for v in w.versions.clone() {
            let id = uuid();
            let major = if rds::versions::parts(&v.db_version).is_some_and(|(m, _)| m >= 17) { "17" } else { "14" };
            w.parameter_groups.push(ParamGroup {
                detail: ParameterGroupDetail {
                    parameter_group_id: id.into(),
                    parameter_group_name: format!("default.{}", v.db_version.to_lowercase().replace('_', "-")),
                    description: Some(format!("Default parameters for {}", v.db_version_name)),
                    db_version: v.db_version.clone(),
                    parameter_group_status: Some(ParameterGroupStatus::Stable),
                    parameters: default_parameters(major),
                    created_ymdt: Some(ts_ago(90 * 86_400)),
                    updated_ymdt: Some(ts_ago(90 * 86_400)),
                },
            });
        }
        w.security_groups = vec![
            DbSecurityGroupDetail {
                db_security_group_id: "fe4f2aee-afbb-4c19-a5e9-eb2eab394708".into(),
                db_security_group_name: "app-servers".into(),
                db_security_group_status: Some(CreatedStatus::Created),
                description: Some("Application servers in the service VPC".into()),
                progress_status: Some(SecurityGroupProgress::None),
                rules: vec![
                    rule("INGRESS", "IPV4", PortType::DbPort, None, None, "10.10.0.0/16", "App tier"),
                    rule("EGRESS", "IPV4", PortType::PortRange, Some(1), Some(65_535), "0.0.0.0/0", "All outbound"),
                ],
                created_ymdt: Some(ts_ago(120 * 86_400)),
                updated_ymdt: Some(ts_ago(30 * 86_400)),
            },
            DbSecurityGroupDetail {
                db_security_group_id: "01908c35-d2c9-4852-baf0-17f06ec42c03".into(),
                db_security_group_name: "office-vpn".into(),
                db_security_group_status: Some(CreatedStatus::Created),
                description: Some("Office VPN for DBAs".into()),
                progress_status: Some(SecurityGroupProgress::None),
                rules: vec![rule("INGRESS", "IPV4", PortType::Port, Some(15_432), Some(15_432), "203.0.113.0/24", "VPN")],
                created_ymdt: Some(ts_ago(100 * 86_400)),
                updated_ymdt: Some(ts_ago(100 * 86_400)),
            },
        ];
        w.user_groups = vec![
            UserGroupDetail {
                user_group_id: "1aac0437-f32d-4923-ad3c-ac61c1cfdfe0".into(),
                user_group_name: "dba-team".into(),
                user_group_type_code: Some(UserGroupTypeCode::IndividualMember),
                user_group_status: Some(CreatedStatus::Created),
                members: vec![
                    UserGroupMember { member_id: "1321e759-2ef3-4b85-9921-b13e918b24b5".into() },
                    UserGroupMember { member_id: "f9064b09-2b15-442e-a4b0-3a5a2754555e".into() },
                ],
                created_ymdt: Some(ts_ago(60 * 86_400)),
                updated_ymdt: Some(ts_ago(10 * 86_400)),
            },
            UserGroupDetail {
                user_group_id: "5d6e7f80-1a2b-4c3d-8e9f-0a1b2c3d4e5f".into(),
                user_group_name: "everyone".into(),
                user_group_type_code: Some(UserGroupTypeCode::Entire),
                user_group_status: Some(CreatedStatus::Created),
                members: vec![],
                created_ymdt: Some(ts_ago(60 * 86_400)),
                updated_ymdt: Some(ts_ago(60 * 86_400)),
            },
        ];

        let pg = |w: &World, version: &str| {
            w.parameter_groups
                .iter()
                .find(|p| rds::versions::same(&p.detail.db_version, version))
                .map(|p| p.detail.parameter_group_id.clone())
                .unwrap_or_default()
        };
        let ha_group = DbInstanceGroupId::new(uuid());
        let mut orders = new_instance(
            &w,
            "orders-db",
            "Order service primary",
            "POSTGRESQL_V1419",
            15_432,
            2,
            &pg(&w, "POSTGRESQL_V1419"),
            "kr-pub-a",
            200,
            0,
        );
        orders.detail.db_instance_group_id = ha_group.clone();
        orders.detail.use_deletion_protection = true;
        orders.detail.db_security_group_ids =
            vec!["fe4f2aee-afbb-4c19-a5e9-eb2eab394708".into(), "01908c35-d2c9-4852-baf0-17f06ec42c03".into()];
        orders.ha = HighAvailability {
            use_high_availability: true,
            ha_status: Some(HaStatus::Stable),
            ping_interval: Some(3),
            failover_repl_waiting_time: Some(60),
        };
        let mut candidate = orders.clone();
        candidate.detail.db_instance_id = DbInstanceId::new(uuid());
        candidate.detail.db_instance_type = Some(DbInstanceType::CandidateMaster);
        candidate.network.availability_zone = "kr-pub-b".into();
        candidate.network.end_points = endpoints_for(candidate.detail.db_instance_id.as_str(), 21, false);
        let mut replica = new_instance(
            &w,
            "orders-db-replica",
            "Reporting reads",
            "POSTGRESQL_V1419",
            15_432,
            2,
            &pg(&w, "POSTGRESQL_V1419"),
            "kr-pub-b",
            200,
            1,
        );
        replica.detail.db_instance_group_id = ha_group.clone();
        replica.detail.db_instance_type = Some(DbInstanceType::ReadOnlySlave);
        replica.databases = orders.databases.clone();
        replica.users = orders.users.clone();
        let analytics = new_instance(
            &w,
            "analytics",
            "Warehouse for BI dashboards",
            "POSTGRESQL_V176",
            5432,
            3,
            &pg(&w, "POSTGRESQL_V176"),
            "kr-pub-b",
            500,
            2,
        );
        let mut staging = new_instance(
            &w,
            "staging-db",
            "Staging for the order service",
            "POSTGRESQL_V174",
            15_432,
            0,
            &pg(&w, "POSTGRESQL_V174"),
            "kr-pub-a",
            20,
            3,
        );
        staging.detail.db_instance_status = Some(DbInstanceStatus::Available);
        let mut legacy = new_instance(
            &w,
            "legacy-reports",
            "Old reporting database, stopped",
            "POSTGRESQL_V146",
            5432,
            0,
            &pg(&w, "POSTGRESQL_V146"),
            "kr-pub-a",
            40,
            4,
        );
        legacy.detail.db_instance_status = Some(DbInstanceStatus::Shutdown);
        legacy.detail.need_to_apply_parameter_group = true;
        for inst in [orders, candidate, replica, analytics, staging, legacy] {
            w.group_created.insert(inst.detail.db_instance_group_id.clone(), inst.detail.created_ymdt.clone().unwrap_or_else(ts_now));
            w.instances.push(inst);
        }

        // Backups: a week of automatic backups and a few manual ones.
        let sources: Vec<(String, String, String)> = w
            .instances
            .iter()
            .filter(|i| i.detail.db_instance_type == Some(DbInstanceType::Master))
            .map(|i| (i.detail.db_instance_id.0.clone(), i.detail.db_instance_name.clone(), i.detail.db_version.clone()))
            .collect();
        for (n, (id, name, version)) in sources.iter().enumerate() {
            for day in 1..=3 {
                w.backups.push(backup_record(
                    id,
                    name,
                    version,
                    BackupType::Auto,
                    &format!("{name}-auto-{day}"),
                    day * 86_400,
                    400_000_000 + (n as u64) * 77_000_000 + day as u64 * 3_000_000,
                ));
            }
            if n < 2 {
                w.backups.push(backup_record(
                    id,
                    name,
                    version,
                    BackupType::Manual,
                    &format!("{name}-before-migration"),
                    5 * 86_400 + 3600,
                    380_000_000,
                ));
            }
        }

        w.notification_groups = vec![NotificationGroupDetail {
            notification_group_id: "b3901f17-9971-4d1e-8a81-8448cf533dc7".into(),
            notification_group_name: "dba-alerts".into(),
            notification_group_status: Some(CreatedStatus::Created),
            notify_email: true,
            notify_sms: false,
            is_enabled: true,
            db_instances: w
                .instances
                .iter()
                .take(2)
                .map(|i| WatchedInstance {
                    db_instance_id: i.detail.db_instance_id.clone(),
                    db_instance_name: i.detail.db_instance_name.clone(),
                })
                .collect(),
            user_groups: vec![NotifiedUserGroup {
                user_group_id: "1aac0437-f32d-4923-ad3c-ac61c1cfdfe0".into(),
                user_group_name: "dba-team".into(),
            }],
            created_ymdt: Some(ts_ago(50 * 86_400)),
            updated_ymdt: Some(ts_ago(50 * 86_400)),
        }];
        w.watchdogs.insert(
            "b3901f17-9971-4d1e-8a81-8448cf533dc7".into(),
            vec![
                watchdog("DATABASE_STATUS", ComparisonOperator::Le, 0, 5),
                watchdog("CPU_USAGE", ComparisonOperator::Ge, 90, 10),
                watchdog("STORAGE_USAGE", ComparisonOperator::Ge, 85, 30),
            ],
        );

        // History of events, oldest first.
        let history: Vec<(String, String)> =
            w.instances.iter().map(|i| (i.detail.db_instance_id.0.clone(), i.detail.db_instance_name.clone())).collect();
        for (n, (id, name)) in history.iter().enumerate() {
            let base = 30 * 86_400 - (n as i64) * 3600;
            w.event_at("DB_INSTANCE_01_00", id, name, base);
            w.event_at("DB_INSTANCE_01_01", id, name, base - 900);
            w.event_at("DB_INSTANCE_07_00", id, name, 86_400 + 600);
            w.event_at("DB_INSTANCE_07_01", id, name, 86_400);
        }
        if let Some((id, name)) = history.get(5) {
            w.event_at("DB_INSTANCE_04_00", id, name, 2 * 86_400 + 120);
            w.event_at("DB_INSTANCE_04_01", id, name, 2 * 86_400);
        }
        if let Some((id, name)) = history.get(2) {
            w.event_at("DB_INSTANCE_35_00", id, name, 7200);
            w.event_at("DB_INSTANCE_35_01", id, name, 6900);
        }
        w.event_at("DB_SECURITY_GROUP_01_01", "fe4f2aee-afbb-4c19-a5e9-eb2eab394708", "app-servers", 120 * 86_400);
        w
    }
}

fn member(id: &str, name: &str, email: &str, phone: &str) -> Member {
    Member { member_id: id.into(), member_name: name.into(), email_address: Some(email.into()), phone_number: Some(phone.into()) }
}

fn watchdog(metric: &str, op: ComparisonOperator, threshold: i64, duration: i64) -> Watchdog {
    Watchdog {
        watchdog_id: uuid().into(),
        metric_name: metric.into(),
        comparison_operator: Some(op),
        threshold,
        duration,
        created_ymdt: Some(ts_ago(40 * 86_400)),
        updated_ymdt: Some(ts_ago(40 * 86_400)),
    }
}

fn rule(dir: &str, ether: &str, port_type: PortType, min: Option<u32>, max: Option<u32>, cidr: &str, desc: &str) -> SecurityRule {
    SecurityRule {
        rule_id: uuid().into(),
        description: Some(desc.into()),
        direction: Some(Direction::parse(dir)),
        ether_type: Some(EtherType::parse(ether)),
        port: RulePort { port_type: Some(port_type), min_port: min, max_port: max },
        cidr: cidr.into(),
        created_ymdt: Some(ts_ago(100 * 86_400)),
        updated_ymdt: Some(ts_ago(100 * 86_400)),
    }
}

/// A completed backup record.
pub fn backup_record(instance: &str, name: &str, version: &str, kind: BackupType, backup_name: &str, secs_ago: i64, size: u64) -> Backup {
    Backup {
        backup_id: uuid().into(),
        backup_name: backup_name.into(),
        backup_status: Some(BackupStatus::Completed),
        db_instance_id: instance.into(),
        db_instance_name: Some(name.into()),
        db_version: version.into(),
        backup_type: Some(kind),
        backup_size: size,
        failover_count: Some(0),
        wal_file_name: Some(format!("0000000100000000000000{:02X}", (secs_ago / 3600) % 256)),
        created_ymdt: Some(ts_ago(secs_ago + 40)),
        updated_ymdt: Some(ts_ago(secs_ago)),
        start_ymdt: Some(ts_ago(secs_ago + 40)),
        completed_ymdt: Some(ts_ago(secs_ago)),
    }
}

/// Endpoints of an instance: always internal, external when public.
pub fn endpoints_for(id: &str, host: u8, public: bool) -> Vec<EndPoint> {
    let mut v = vec![EndPoint {
        domain: format!("{id}.internal.kr1.postgres.rds.nhncloudservice.com"),
        ip_address: format!("192.168.0.{host}"),
        end_point_type: Some(EndPointType::Internal),
    }];
    if public {
        v.push(EndPoint {
            domain: format!("{id}.external.kr1.postgres.rds.nhncloudservice.com"),
            ip_address: format!("133.186.{}.{}", 200 + host % 50, 10 + host),
            end_point_type: Some(EndPointType::External),
        });
    }
    v
}

/// A fresh standalone instance as the sandbox creates it.
#[allow(clippy::too_many_arguments)]
pub fn new_instance(
    w: &World,
    name: &str,
    description: &str,
    version: &str,
    port: u32,
    flavor: usize,
    pg: &ParameterGroupId,
    zone: &str,
    storage: u32,
    n: u8,
) -> Instance {
    let id = uuid();
    let created = ts_ago(30 * 86_400 - i64::from(n) * 3600);
    let subnet = w.subnets.first().cloned().unwrap_or_default();
    let public = n.is_multiple_of(2);
    Instance {
        detail: DbInstanceDetail {
            db_instance_id: id.clone().into(),
            db_instance_group_id: uuid().into(),
            db_instance_name: name.into(),
            description: Some(description.into()),
            // As the sandbox lists the version, whichever form was asked.
            db_version: w
                .versions
                .iter()
                .find(|v| rds::versions::same(&v.db_version, version))
                .map_or_else(|| version.into(), |v| v.db_version.clone()),
            db_port: port,
            db_instance_type: Some(DbInstanceType::Master),
            db_instance_status: Some(DbInstanceStatus::Available),
            progress_status: Some(ProgressStatus::None),
            db_flavor_id: w.flavors.get(flavor).map(|f| f.db_flavor_id.clone()).unwrap_or_default(),
            parameter_group_id: pg.clone(),
            db_security_group_ids: vec!["fe4f2aee-afbb-4c19-a5e9-eb2eab394708".into()],
            notification_group_ids: vec!["b3901f17-9971-4d1e-8a81-8448cf533dc7".into()],
            use_deletion_protection: false,
            need_to_apply_parameter_group: false,
            need_migration: false,
            os_version: Some("Rocky Linux 8.10".into()),
            created_ymdt: Some(created.clone()),
            updated_ymdt: Some(created),
        },
        storage: StorageInfo { storage_type: "General SSD".into(), storage_size: storage, storage_status: Some(StorageStatus::Attached) },
        network: NetworkInfo {
            availability_zone: zone.into(),
            subnet: InstanceSubnet {
                subnet_id: subnet.subnet_id,
                subnet_name: subnet.subnet_name,
                subnet_cidr: subnet.subnet_cidr,
                public_accessible: public,
            },
            end_points: endpoints_for(&id, 10 + n, public),
        },
        backup: BackupInfo {
            backup_period: 7,
            backup_retry_count: 6,
            backup_schedules: vec![BackupSchedule {
                backup_wnd_bgn_time: "03:00:00".into(),
                backup_wnd_duration: WindowDuration::OneHour,
                backup_retry_expire_time: Some("04:00:00".into()),
            }],
        },
        maintenance: MaintenanceInfo {
            allow_auto_maintenance: true,
            use_auto_storage_cleanup: true,
            maint_wnd_bgn_time: "04:00:00".into(),
            maint_wnd_duration: WindowDuration::HalfAnHour,
            log_retention_period: Some(7),
        },
        ha: HighAvailability::default(),
        user_group_ids: vec![],
        databases: vec![database("app"), database("audit")],
        users: vec![db_user("app_rw", AuthorityType::Crud), db_user("migrator", AuthorityType::Ddl)],
        hba: vec![],
    }
    .with_default_hba()
}

impl Instance {
    fn with_default_hba(mut self) -> Self {
        let app = self.databases[0].clone();
        let rw = self.users[0].clone();
        self.hba = vec![
            HbaRule {
                hba_rule_id: uuid().into(),
                hba_rule_status: Some(HbaRuleStatus::Applied),
                database_apply_type: Some(ApplyType::UserCustom),
                db_user_apply_type: Some(ApplyType::UserCustom),
                databases: vec![HbaDatabase { database_id: app.database_id, database_name: app.database_name }],
                db_users: vec![HbaDbUser { db_user_id: rw.db_user_id, db_user_name: rw.db_user_name }],
                address: "10.10.0.0/16".into(),
                auth_method: Some(AuthMethod::ScramSha256),
                reserved_action: Some(ReservedAction::None),
                order: 0,
                applicable: true,
            },
            HbaRule {
                hba_rule_id: uuid().into(),
                hba_rule_status: Some(HbaRuleStatus::Created),
                database_apply_type: Some(ApplyType::Entire),
                db_user_apply_type: Some(ApplyType::Entire),
                databases: vec![],
                db_users: vec![],
                address: "203.0.113.0/24".into(),
                auth_method: Some(AuthMethod::ScramSha256),
                reserved_action: Some(ReservedAction::Create),
                order: 1,
                applicable: true,
            },
        ];
        self
    }
}

/// A database as the sandbox creates it.
pub fn database(name: &str) -> Database {
    Database {
        database_id: uuid().into(),
        database_name: name.into(),
        database_status: Some(ObjectStatus::Stable),
        created_ymdt: Some(ts_ago(20 * 86_400)),
        updated_ymdt: Some(ts_ago(20 * 86_400)),
        schemas: vec![Schema { schema_name: "public".into() }],
    }
}

/// A DB user as the sandbox creates it.
pub fn db_user(name: &str, authority: AuthorityType) -> DbUser {
    DbUser {
        db_user_id: uuid().into(),
        db_user_name: name.into(),
        authority_type: Some(authority),
        db_user_status: Some(ObjectStatus::Stable),
        created_ymdt: Some(ts_ago(20 * 86_400)),
        updated_ymdt: Some(ts_ago(20 * 86_400)),
    }
}

/// Real PostgreSQL parameters with their categories, units and ranges.
pub fn default_parameters(major: &str) -> Vec<Parameter> {
    let p = |cat: &str,
             name: &str,
             value: &str,
             unit: Option<ValueUnit>,
             allowed: &str,
             vt: ValueType,
             ut: UpdateType,
             at: ParameterApplyType| Parameter {
        parameter_category: cat.into(),
        parameter_name: name.into(),
        value: value.into(),
        value_unit: unit,
        default_value: value.into(),
        allowed_value: allowed.into(),
        value_type: Some(vt),
        update_type: Some(ut),
        apply_type: Some(at),
        expression_available: vt_kind(name),
    };
    use ParameterApplyType::*;
    use UpdateType::*;
    use ValueType::*;
    let mut v = vec![
        p("Connections and Authentication / Connection Settings", "max_connections", "200", None, "10~5000", Numeric, Variable, File),
        p(
            "Connections and Authentication / Authentication",
            "password_encryption",
            "scram-sha-256",
            None,
            "md5,scram-sha-256",
            Enumerated,
            Variable,
            Both,
        ),
        p(
            "Resource Usage / Memory",
            "shared_buffers",
            "{DBInstanceClassMemory*1/4}",
            Some(ValueUnit::KB),
            "128~1073741823kB",
            NumericWithByteUnit,
            Variable,
            File,
        ),
        p("Resource Usage / Memory", "work_mem", "4MB", Some(ValueUnit::KB), "64~2147483647kB", NumericWithByteUnit, Variable, Both),
        p(
            "Resource Usage / Memory",
            "maintenance_work_mem",
            "64MB",
            Some(ValueUnit::KB),
            "1024~2147483647kB",
            NumericWithByteUnit,
            Variable,
            Both,
        ),
        p(
            "Resource Usage / Memory",
            "effective_cache_size",
            "{DBInstanceClassMemory*3/4}",
            Some(ValueUnit::KB),
            "1~2147483647kB",
            NumericWithByteUnit,
            Variable,
            Both,
        ),
        p("Write-Ahead Log / Settings", "wal_level", "replica", None, "replica,logical", Enumerated, Constant, File),
        p(
            "Write-Ahead Log / Checkpoints",
            "checkpoint_timeout",
            "300s",
            Some(ValueUnit::S),
            "30~86400s",
            NumericWithTimeUnit,
            Variable,
            Both,
        ),
        p(
            "Write-Ahead Log / Checkpoints",
            "max_wal_size",
            "2GB",
            Some(ValueUnit::MB),
            "2~2147483647MB",
            NumericWithByteUnit,
            Variable,
            Both,
        ),
        p("Query Tuning / Planner Cost Constants", "random_page_cost", "1.1", None, "0~1.79769e+308", Numeric, Variable, Both),
        p(
            "Reporting and Logging / What to Log",
            "log_min_duration_statement",
            "-1",
            Some(ValueUnit::Ms),
            "-1~2147483647ms",
            NumericWithTimeUnit,
            Variable,
            Both,
        ),
        p("Reporting and Logging / What to Log", "log_connections", "off", None, "on,off", Boolean, Variable, Both),
        p("Autovacuum", "autovacuum", "on", None, "on,off", Boolean, Variable, Both),
        p("Autovacuum", "autovacuum_naptime", "60s", Some(ValueUnit::S), "1~2147483s", NumericWithTimeUnit, Variable, Both),
        p("Client Connection Defaults / Locale and Formatting", "timezone", "Asia/Seoul", None, "", Timezone, Variable, Both),
        p(
            "Client Connection Defaults / Shared Library Preloading",
            "shared_preload_libraries",
            "pg_stat_statements",
            None,
            "pg_stat_statements,auto_explain,pgaudit",
            MultiEnumerated,
            Variable,
            File,
        ),
        p("Lock Management", "deadlock_timeout", "1s", Some(ValueUnit::Ms), "1~2147483647ms", NumericWithTimeUnit, Variable, Both),
    ];
    if major == "17" {
        v.push(p(
            "Resource Usage / Asynchronous Behavior",
            "io_combine_limit",
            "128kB",
            Some(ValueUnit::KB),
            "8~256kB",
            NumericWithByteUnit,
            Variable,
            Both,
        ));
    }
    v
}

fn vt_kind(name: &str) -> bool {
    matches!(name, "shared_buffers" | "effective_cache_size" | "max_connections")
}
