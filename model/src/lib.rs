//! What the browser and the server of pgdeck both speak.
//!
//! Pages build an [`rds::Call`] for every change and describe it with the
//! [`actions`] table; the server function hands the call to the domain
//! unchanged, which runs it through the audited gateway (or files an approval
//! request for it). The views pages show are defined here once, so the two
//! sides cannot drift apart.

pub mod actions;
pub mod alerting;
pub mod fields;
pub mod hba;
pub mod matched;
pub mod naming;
pub mod records;
pub mod redirect;
pub mod restore;
pub mod roles;
pub mod tokens;

use rds::types::*;

/// Everything an instance's overview and settings tabs show.
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
    /// candidate and the read replicas, as the instance group lists them.
    pub group: Vec<DbInstance>,
    /// The project's notification groups, to name the instance's.
    pub notification_groups: Vec<NotificationGroup>,
}

impl Overview {
    /// Whether the instance is in an HA pair. `useHighAvailability` was
    /// seen to answer `false` for HA instances (docs/upstream-api.md), so
    /// the HA state upstream reports and the instance group's members (a
    /// candidate master beside the master) count as well.
    pub fn in_ha_pair(&self) -> bool {
        let candidate =
            self.group.len() > 1 && self.group.iter().any(|i| matches!(i.db_instance_type, Some(rds::DbInstanceType::CandidateMaster)));
        let reported = self.ha.ha_status.as_ref().is_some_and(|s| !matches!(s, rds::HaStatus::Deleted));
        self.ha.use_high_availability || reported || candidate
    }
}

/// What the read-replica form offers beyond the overview.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ReplicaChoices {
    pub user_groups: Vec<UserGroup>,
    pub storage_types: Vec<String>,
    pub zones: Vec<String>,
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
    /// Availability zones of the project's enabled regions.
    pub zones: Vec<String>,
}

/// The availability zones of a region, as NHN Cloud names them (the
/// regions endpoint names regions only).
pub fn availability_zones(region: &str) -> &'static [&'static str] {
    match region.to_ascii_uppercase().as_str() {
        "KR1" => &["kr-pub-a", "kr-pub-b"],
        "KR2" => &["kr2-pub-a", "kr2-pub-b"],
        "JP1" => &["jp-pub-a", "jp-pub-b"],
        _ => &[],
    }
}

/// What the restore page offers: the source instance, its restorable
/// window and backups, and the new instance's choices (parameter groups of
/// the source's version only).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RestoreChoices {
    pub source: DbInstanceDetail,
    pub info: RestorationInfo,
    pub choices: CreateChoices,
    /// The source's backup settings, the new instance's defaults (absent
    /// when the source is gone).
    #[serde(default)]
    pub source_backup: Option<rds::types::BackupInfo>,
}

/// Where an approval request stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "sqlx", derive(sqlx::Type))]
#[cfg_attr(feature = "sqlx", sqlx(rename_all = "snake_case"))]
#[serde(rename_all = "snake_case")]
pub enum RequestState {
    /// Waiting for votes.
    Pending,
    /// Enough approvals: about to run.
    Approved,
    /// Its call is being sent.
    Running,
    /// The call ran (its job, if any, is followed on the jobs page).
    Executed,
    /// The call was refused or failed.
    Failed,
    Rejected,
    Cancelled,
    Expired,
    /// pgdeck stopped while it ran: check the resource; it is never re-sent.
    Unknown,
    /// Approved, but what it acts on changed after filing (a rename, a rule
    /// staged since, another parameter value): not run; it can be filed again.
    Stale,
}

impl RequestState {
    /// The stored word.
    pub fn as_str(self) -> &'static str {
        match self {
            RequestState::Pending => "pending",
            RequestState::Approved => "approved",
            RequestState::Running => "running",
            RequestState::Executed => "executed",
            RequestState::Failed => "failed",
            RequestState::Rejected => "rejected",
            RequestState::Cancelled => "cancelled",
            RequestState::Expired => "expired",
            RequestState::Unknown => "unknown",
            RequestState::Stale => "stale",
        }
    }
}

/// An approval request with its votes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "sqlx", derive(sqlx::FromRow))]
pub struct Approval {
    pub id: i64,
    /// The action (the call's name).
    pub action: String,
    pub resource_type: String,
    pub resource_id: String,
    pub resource_name: String,
    /// The stored call, secrets shown as `***`.
    pub command: String,
    pub reason: String,
    pub requester_id: i64,
    pub requester_name: String,
    pub state: RequestState,
    pub approvals_needed: i64,
    pub approver_roles: String,
    pub expires_at: String,
    pub run_by: String,
    pub job_id: Option<String>,
    pub result_code: Option<i64>,
    pub result_message: String,
    /// The result as codes and values, a line each (JSON; `[]` when the
    /// message is all there is: upstream's words, or a request that ended
    /// before pgdeck kept them).
    pub result_said: String,
    pub created_at: String,
    pub updated_at: String,
    /// What the approver is shown beside the call (JSON): for an apply of
    /// access rules, the [`hba::Diff`] computed when the request was filed.
    pub detail: String,
    /// What the approver judges it by ([`Basis`], JSON; empty for requests
    /// filed before pgdeck kept it).
    pub basis: String,
    /// Every action whose policy it fell under, comma-separated.
    pub gates: String,
    #[cfg_attr(feature = "sqlx", sqlx(skip))]
    pub votes: Vec<ApprovalVote>,
}

/// One vote on a request.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "sqlx", derive(sqlx::FromRow))]
pub struct ApprovalVote {
    pub voter_name: String,
    pub vote: String,
    pub comment: String,
    pub at: String,
}

/// What asking for a change came to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ChangeOutcome {
    /// It ran: the job to follow and the id of what it created, if any.
    Ran {
        job: Option<String>,
        created: Option<String>,
        /// The audit row of its outcome.
        #[serde(default)]
        audit: Option<i64>,
    },
    /// It waits for approval: the request's number.
    Requested { approval: i64 },
}

use serde::{Deserialize, Serialize};

/// What the instance list shows beyond upstream's list call: read from each
/// instance's detail, storage and network calls.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct InstanceExtra {
    pub id: String,
    pub flavor: String,
    pub vcpus: u32,
    /// RAM in MB.
    pub ram: u64,
    pub storage_type: String,
    /// GB.
    pub storage_size: u32,
    pub zone: String,
    pub deletion_protection: bool,
    /// Its parameter group changed since it was last applied.
    pub parameter_changes_waiting: bool,
    /// CPU use in percent, the latest minute upstream reported.
    pub cpu: Option<f32>,
    /// Open database connections, the latest minute upstream reported.
    pub connections: Option<u32>,
}

/// How a version code reads to people: `POSTGRESQL_V1419` → `PostgreSQL
/// V14.19`, as the console writes it. PostgreSQL's major versions have had
/// two digits since 10; a code that does not follow the pattern is shown as
/// it came.
pub fn version_label(code: &str) -> String {
    rds::versions::label(code)
}

#[cfg(test)]
mod ha_tests {
    use super::*;

    fn overview() -> Overview {
        Overview {
            detail: Default::default(),
            storage: Default::default(),
            network: Default::default(),
            backup: Default::default(),
            maintenance: None,
            ha: Default::default(),
            flavors: vec![],
            parameter_groups: vec![],
            security_groups: vec![],
            versions: vec![],
            group: vec![],
            notification_groups: vec![],
        }
    }

    #[test]
    fn an_ha_pair_is_seen_from_every_field_that_carries_it() {
        assert!(!overview().in_ha_pair());
        // `useHighAvailability: false` as seen live, with a stable HA state.
        let mut o = overview();
        o.ha.ha_status = Some(rds::HaStatus::Stable);
        assert!(o.in_ha_pair());
        // No HA fields at all, but a candidate master in the group.
        let mut o = overview();
        let member = |t| DbInstance { db_instance_type: Some(t), ..Default::default() };
        o.group = vec![member(rds::DbInstanceType::Master), member(rds::DbInstanceType::CandidateMaster)];
        assert!(o.in_ha_pair());
        // A master with a read replica only is not a pair.
        o.group = vec![member(rds::DbInstanceType::Master), member(rds::DbInstanceType::ReadOnlySlave)];
        assert!(!o.in_ha_pair());
    }
}

#[cfg(test)]
mod version_tests {
    use super::version_label;

    #[test]
    fn version_codes_read_like_the_console() {
        assert_eq!(version_label("POSTGRESQL_V146"), "PostgreSQL V14.6");
        assert_eq!(version_label("POSTGRESQL_V1419"), "PostgreSQL V14.19");
        assert_eq!(version_label("POSTGRESQL_V176"), "PostgreSQL V17.6");
        assert_eq!(version_label("POSTGRESQL_V18"), "POSTGRESQL_V18");
        assert_eq!(version_label("MYSQL_V8032"), "MYSQL_V8032");
    }
}

/// A parameter group as its page shows it: what the instance overview links
/// to. Timestamps are already in words; enums are already labels.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ParameterGroupView {
    pub id: String,
    pub name: String,
    pub description: String,
    pub version: String,
    /// Upstream's value (`STABLE`); pages word it in the member's language.
    pub status: String,
    pub created: String,
    pub updated: String,
    pub parameters: Vec<ParameterView>,
    /// The group as upstream answered it: the parameters with their types,
    /// units and allowed values, so the page checks values as typed.
    pub detail: ParameterGroupDetail,
    /// The instances that use the group.
    pub used_by: Vec<UsedBy>,
}

/// An instance that uses a parameter group.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct UsedBy {
    pub id: String,
    pub name: String,
    pub status: String,
    /// The group changed since the instance last applied it.
    pub needs_apply: bool,
}

/// A parameter group on the parameter groups page.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ParameterGroupRow {
    pub group: ParameterGroup,
    pub used_by: Vec<UsedBy>,
}

/// One parameter of a parameter group.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ParameterView {
    pub category: String,
    pub name: String,
    pub value: String,
    pub unit: String,
    pub default: String,
    pub allowed: String,
    pub modifiable: bool,
    /// How a change takes effect: upstream's value (`FILE`; pages word it).
    pub apply: String,
    /// Whether applying a change restarts the instance.
    pub restarts: bool,
}

/// A DB security group as its page shows it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SecurityGroupView {
    pub id: String,
    pub name: String,
    pub description: String,
    /// Upstream's value (`STABLE`); pages word it in the member's language.
    pub status: String,
    pub created: String,
    pub updated: String,
    pub rules: Vec<RuleView>,
    /// The instances using the group.
    pub used_by: Vec<UsedBy>,
    /// Work in progress on the group's rules, if any: upstream's value.
    pub busy: String,
}

/// One rule of a DB security group.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RuleView {
    pub id: String,
    pub rule: SecurityRule,
    pub direction: String,
    pub ether_type: String,
    /// "DB port", "5432" or "5000–6000".
    pub ports: String,
    pub cidr: String,
    pub description: String,
}

/// A parameter group or DB security group in a list.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct GroupRow {
    pub id: String,
    pub name: String,
    pub description: String,
    /// The version of a parameter group; empty for a security group.
    pub version: String,
    /// Upstream's value (`STABLE`); pages word it in the member's language.
    pub status: String,
}

/// An instance's access control (HBA) rules, as its tab shows them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct HbaView {
    /// Some rules changed since they were last applied.
    pub need_to_apply: bool,
    pub rules: Vec<HbaRuleView>,
    /// What applying now would change.
    pub diff: hba::Diff,
    /// The instance's databases and DB users (id, name), for the rule form.
    pub databases: Vec<(String, String)>,
    pub users: Vec<(String, String)>,
}

/// One HBA rule, in words, with the rule as upstream lists it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct HbaRuleView {
    pub id: String,
    pub order: i64,
    /// "All" or the database names.
    pub databases: String,
    /// "All" or the DB user names.
    pub users: String,
    pub address: String,
    pub auth: String,
    /// Applied, or the change waiting to be applied.
    pub state: String,
    /// Whether the rule takes part when the rules are applied.
    pub applicable: bool,
    /// Whether the rule waits to be deleted.
    pub deleting: bool,
    pub rule: HbaRule,
}

/// An instance group's extensions, as the instance's Extensions tab shows
/// them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ExtensionsView {
    pub group_id: String,
    pub extensions: Vec<Extension>,
    /// The instance's databases (id, name), to install into.
    pub databases: Vec<(String, String)>,
}

/// Why an instance needs attention (pages word it in the member's language).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Attention {
    /// Not running: its status as upstream sends it (empty when unknown).
    Status(String),
    /// A job is in progress: upstream's progress status.
    Busy(String),
    /// Its parameter group has changes it has not applied.
    ParametersToApply,
    /// Storage use, in whole percent.
    Storage(u32),
    /// High availability is on but not stable: upstream's HA status.
    HighAvailability(String),
}

/// One instance on the dashboard, with what needs attention.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct EstateRow {
    pub id: String,
    pub name: String,
    pub status: String,
    /// Why it needs attention; empty when all is well.
    pub reasons: Vec<Attention>,
    /// Storage use in percent, when known.
    pub storage: Option<f32>,
}

/// One of a member's sessions, as shown to them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "sqlx", derive(sqlx::FromRow))]
pub struct SessionInfo {
    /// A handle to end it by; not the session secret.
    pub handle: String,
    pub created_at: String,
    pub last_seen_at: String,
    pub client_addr: String,
    pub user_agent: String,
    #[cfg_attr(feature = "sqlx", sqlx(default))]
    pub current: bool,
}

/// A credential set as shown: secrets reduced to their last four characters.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "sqlx", derive(sqlx::FromRow))]
pub struct CredentialView {
    pub id: i64,
    pub label: String,
    pub api_base: String,
    pub appkey_last4: String,
    pub access_key_id_last4: String,
    pub secret_last4: String,
    pub active: bool,
    pub created_at: String,
    pub last_tested_at: Option<String>,
    pub last_test_ok: Option<bool>,
    /// What the last test found, in the member's language (the server
    /// words it from `last_test_said`; the record keeps the English).
    pub last_test_message: Option<String>,
    /// The same as codes and values (JSON): the server's, not sent on.
    #[serde(skip)]
    pub last_test_said: String,
}

/// A notification webhook as admins see it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "sqlx", derive(sqlx::FromRow))]
pub struct Webhook {
    pub id: i64,
    pub name: String,
    pub url: String,
    pub kind: String,
    /// The language its notices are written in (`en`, `ko`).
    pub language: String,
    pub enabled: bool,
    pub failures: i64,
    pub last_error: String,
}

/// What an approver judges a request by: every resource the call touches,
/// by name, and the state its effect depends on. pgdeck computes it when a
/// request is filed and again just before an approved request runs; when
/// the two differ the request is not run (it ends `stale`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Basis {
    /// Every resource the call touches.
    pub names: Vec<Named>,
    /// What the state is called (`access-rule changes it applies`), empty
    /// when the effect depends on nothing but the call.
    #[serde(default)]
    pub state_label: String,
    /// The state, a line each (a rule change, a parameter's value, an
    /// extension's waiting action).
    #[serde(default)]
    pub state: Vec<String>,
    /// Each line of `state` as a code and its values (`["line-reset",
    /// "work_mem", "8MB", "4MB"]`), for words in the member's language;
    /// empty for lines that are data alone, and in a basis kept before
    /// pgdeck wrote them. Not compared: `state` is what is judged.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub said: Vec<Vec<String>>,
}

/// What a basis's state is, by the call's effect. [`Basis::state_label`]
/// keeps its English; pages word it from this.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StateOf {
    AccessRuleChanges,
    ParametersReset,
    ValuesReplaced,
    /// The parameters of the named group that an apply applies.
    GroupParameters(String),
    ExtensionChanges,
    GroupRules,
}

impl StateOf {
    /// The English a basis keeps.
    pub fn label(&self) -> String {
        match self {
            StateOf::AccessRuleChanges => "the access-rule changes it applies".into(),
            StateOf::ParametersReset => "the parameters it resets".into(),
            StateOf::ValuesReplaced => "the values it replaces".into(),
            StateOf::GroupParameters(g) => format!("the parameters of '{g}' it applies"),
            StateOf::ExtensionChanges => "the extension changes it runs".into(),
            StateOf::GroupRules => "the group's rules".into(),
        }
    }

    /// A kept label read back; `None` for words pgdeck does not write.
    pub fn of_label(label: &str) -> Option<StateOf> {
        use StateOf::*;
        [AccessRuleChanges, ParametersReset, ValuesReplaced, ExtensionChanges, GroupRules].into_iter().find(|s| s.label() == label).or_else(
            || {
                let group = label.strip_prefix("the parameters of '")?.strip_suffix("' it applies")?;
                Some(GroupParameters(group.to_string()))
            },
        )
    }
}

/// One resource a request touches.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Named {
    /// In words: `instance`, `database`, `DB user`, `extension`…
    pub kind: String,
    pub id: String,
    /// As upstream named it when read (empty: it could not be found).
    pub name: String,
}

/// A difference of [`Basis::changes`] in English, as the result of a
/// request that was not run records it.
pub fn change_english(c: &[String]) -> String {
    let a = |i: usize| c.get(i).map(String::as_str).unwrap_or("");
    match a(0) {
        "change-gone" => format!("the {} '{}' ({}) can no longer be found", a(1), a(2), a(3)),
        "change-renamed" => format!("the {} was '{}' when filed and is '{}' now ({})", a(1), a(2), a(3), a(4)),
        "change-elsewhere" => format!("the {} '{}' ({}) is no longer what the call touches", a(1), a(2), a(3)),
        "change-added" => format!("{} now also include: {}", a(1), a(2)),
        "change-removed" => format!("{} no longer include: {}", a(1), a(2)),
        _ => c.join(" "),
    }
}

impl Basis {
    /// How `now` differs from this basis, in sentences (empty: the same).
    pub fn differences(&self, now: &Basis) -> Vec<String> {
        self.changes(now).iter().map(|c| change_english(c)).collect()
    }

    /// How `now` differs from this basis, each difference as a code and its
    /// values (`["change-renamed", kind, was, now, id]`), for words in the
    /// member's language; [`Basis::differences`] says them in English. A
    /// line added or gone carries the label, the line, then the line's own
    /// code and values when the basis has them.
    pub fn changes(&self, now: &Basis) -> Vec<Vec<String>> {
        let list = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        let mut out = Vec::new();
        for was in &self.names {
            match now.names.iter().find(|n| n.kind == was.kind && n.id == was.id) {
                Some(n) if n.name == was.name => {}
                Some(n) if n.name.is_empty() => out.push(list(&["change-gone", &was.kind, &was.name, &was.id])),
                Some(n) => out.push(list(&["change-renamed", &was.kind, &was.name, &n.name, &was.id])),
                None => out.push(list(&["change-elsewhere", &was.kind, &was.name, &was.id])),
            }
        }
        let label = if self.state_label.is_empty() { "the state" } else { self.state_label.as_str() };
        let line = |code: &str, b: &Basis, i: usize| {
            let mut c = list(&[code, label, &b.state[i]]);
            if b.said.len() == b.state.len() {
                c.extend(b.said[i].iter().cloned());
            }
            c
        };
        for (i, _) in now.state.iter().enumerate().filter(|(_, l)| !self.state.contains(l)) {
            out.push(line("change-added", now, i));
        }
        for (i, _) in self.state.iter().enumerate().filter(|(_, l)| !now.state.contains(l)) {
            out.push(line("change-removed", self, i));
        }
        out
    }

    /// The first resource of `kind`'s name.
    pub fn name_of(&self, kind: &str) -> Option<&str> {
        self.names.iter().find(|n| n.kind == kind).map(|n| n.name.as_str())
    }
}
