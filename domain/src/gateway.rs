//! The one path to upstream. Every call to `rds::client` goes through here:
//! role check, the member's own credentials, the call, the audit row, and
//! the job handed to the tracker — all described once, per action, in
//! [`ACTIONS`].

use crate::audit::{self, Entry};
use crate::{credentials, jobs, Actor, Context, DomainError, Permission};
use rds::client::{Credentials, RdsClient, RdsError};
use rds::endpoints::{Endpoint, ENDPOINTS};
use std::future::Future;
use std::time::Instant;

/// How much harm a mistaken call can do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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

/// One mutating endpoint, described once.
#[derive(Clone, Copy, Debug)]
pub struct Action {
    /// The endpoint (and client method) name.
    pub name: &'static str,
    /// The kind of resource it acts on, as shown in the audit log.
    pub resource_type: &'static str,
    pub risk: Risk,
    /// Request fields whose values never reach a log, an audit row or a page.
    pub secret_fields: &'static [&'static str],
    /// Whether it waits for someone else's approval by default.
    pub gated_by_default: bool,
}

impl Action {
    /// The endpoint behind the action.
    pub fn endpoint(&self) -> &'static Endpoint {
        Endpoint::by_name(self.name).unwrap_or_else(|| unreachable!("every action names an endpoint; a test checks it"))
    }

    /// The upstream permission the call needs.
    pub fn permission(&self) -> &'static str {
        self.endpoint().permission
    }

    /// Whether upstream answers with a job to follow.
    pub fn answers_job(&self) -> bool {
        self.endpoint().answers_job
    }
}

const NO_SECRETS: &[&str] = &[];
const DB_PASSWORD: &[&str] = &["dbPassword"];
const OBS_PASSWORD: &[&str] = &["password"];

macro_rules! actions {
    ($($name:literal, $res:literal, $risk:ident, $secrets:expr, $gated:literal;)+) => {
        /// Every mutating endpoint of the API, described once.
        pub const ACTIONS: &[Action] = &[$(Action { name: $name, resource_type: $res, risk: Risk::$risk, secret_fields: $secrets, gated_by_default: $gated }),+];
    };
}

actions! {
    "create_db_instance", "db_instance", Low, DB_PASSWORD, false;
    "modify_db_instance", "db_instance", Medium, NO_SECRETS, false;
    "modify_high_availability", "db_instance", Medium, NO_SECRETS, false;
    "resume_high_availability", "db_instance", Medium, NO_SECRETS, false;
    "pause_high_availability", "db_instance", High, NO_SECRETS, true;
    "repair_high_availability", "db_instance", Medium, NO_SECRETS, false;
    "split_high_availability", "db_instance", High, NO_SECRETS, true;
    "modify_storage_info", "db_instance", Medium, NO_SECRETS, false;
    "modify_network_info", "db_instance", Medium, NO_SECRETS, false;
    "modify_backup_info", "db_instance", Low, NO_SECRETS, false;
    "restore_db_instance", "db_instance", Medium, NO_SECRETS, false;
    "modify_deletion_protection", "db_instance", Medium, NO_SECRETS, false;
    "modify_maintenance_info", "db_instance", Low, NO_SECRETS, false;
    "delete_db_instance", "db_instance", Destructive, NO_SECRETS, true;
    "restart_db_instance", "db_instance", High, NO_SECRETS, false;
    "force_restart_db_instance", "db_instance", High, NO_SECRETS, true;
    "start_db_instance", "db_instance", Low, NO_SECRETS, false;
    "stop_db_instance", "db_instance", High, NO_SECRETS, true;
    "backup_db_instance", "db_instance", Low, NO_SECRETS, false;
    "backup_to_object_storage", "db_instance", Low, OBS_PASSWORD, false;
    "apply_recent_parameter_group", "db_instance", High, NO_SECRETS, false;
    "replicate_db_instance", "db_instance", Low, NO_SECRETS, false;
    "promote_db_instance", "db_instance", High, NO_SECRETS, true;
    "create_database", "database", Low, NO_SECRETS, false;
    "modify_database", "database", Medium, NO_SECRETS, false;
    "delete_database", "database", Destructive, NO_SECRETS, true;
    "create_db_user", "db_user", Low, DB_PASSWORD, false;
    "modify_db_user", "db_user", Medium, DB_PASSWORD, false;
    "delete_db_user", "db_user", Destructive, NO_SECRETS, true;
    "create_hba_rule", "hba_rule", Low, NO_SECRETS, false;
    "modify_hba_rule", "hba_rule", Medium, NO_SECRETS, false;
    "delete_hba_rule", "hba_rule", Medium, NO_SECRETS, false;
    "reorder_hba_rules", "hba_rule", Medium, NO_SECRETS, false;
    "apply_hba_rules", "db_instance", High, NO_SECRETS, true;
    "export_backup", "backup", Low, OBS_PASSWORD, false;
    "restore_backup", "backup", Medium, NO_SECRETS, false;
    "delete_backup", "backup", Destructive, NO_SECRETS, true;
    "create_db_security_group", "db_security_group", Low, NO_SECRETS, false;
    "modify_db_security_group", "db_security_group", Low, NO_SECRETS, false;
    "delete_db_security_group", "db_security_group", Destructive, NO_SECRETS, true;
    "create_security_rule", "db_security_group", Medium, NO_SECRETS, false;
    "modify_security_rule", "db_security_group", Medium, NO_SECRETS, false;
    "delete_security_rules", "db_security_group", Medium, NO_SECRETS, false;
    "create_parameter_group", "parameter_group", Low, NO_SECRETS, false;
    "copy_parameter_group", "parameter_group", Low, NO_SECRETS, false;
    "modify_parameter_group", "parameter_group", Low, NO_SECRETS, false;
    "modify_parameters", "parameter_group", Medium, NO_SECRETS, false;
    "reset_parameter_group", "parameter_group", High, NO_SECRETS, true;
    "delete_parameter_group", "parameter_group", Destructive, NO_SECRETS, true;
    "create_user_group", "user_group", Low, NO_SECRETS, false;
    "modify_user_group", "user_group", Low, NO_SECRETS, false;
    "delete_user_group", "user_group", Destructive, NO_SECRETS, true;
    "create_notification_group", "notification_group", Low, NO_SECRETS, false;
    "modify_notification_group", "notification_group", Low, NO_SECRETS, false;
    "delete_notification_group", "notification_group", Destructive, NO_SECRETS, true;
    "create_watchdog", "notification_group", Low, NO_SECRETS, false;
    "modify_watchdog", "notification_group", Low, NO_SECRETS, false;
    "delete_watchdog", "notification_group", Medium, NO_SECRETS, false;
}

/// Finds an action by name.
pub fn action(name: &str) -> Option<&'static Action> {
    ACTIONS.iter().find(|a| a.name == name)
}

/// What a mutation acts on, for the audit log and the job list.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Target {
    pub id: String,
    pub name: String,
}

impl Target {
    pub fn new(id: impl Into<String>, name: impl Into<String>) -> Self {
        Self { id: id.into(), name: name.into() }
    }
}

/// Answers that may carry a job to follow.
pub trait JobCarrier {
    fn job_id(&self) -> Option<String>;
}

impl JobCarrier for rds::types::JobAnswer {
    fn job_id(&self) -> Option<String> {
        Some(self.job_id.0.clone()).filter(|s| !s.is_empty())
    }
}

macro_rules! no_job {
    ($($t:ty),*) => {$(impl JobCarrier for $t { fn job_id(&self) -> Option<String> { None } })*};
}
no_job!(
    rds::types::Empty,
    rds::types::HbaRuleCreated,
    rds::types::DbSecurityGroupCreated,
    rds::types::ParameterGroupCreated,
    rds::types::UserGroupCreated,
    rds::types::NotificationGroupCreated,
    rds::types::WatchdogCreated
);

/// The credentials `actor` acts with, after checking they may read.
pub async fn reader(ctx: &Context, actor: &Actor) -> Result<Credentials, DomainError> {
    actor.require(Permission::Read)?;
    Ok(credentials::acting(ctx, actor.user_id).await?.1)
}

/// What a mutation came to.
#[derive(Clone, Debug, PartialEq)]
pub struct Done<T> {
    pub answer: T,
    pub job_id: Option<String>,
    pub audit_id: i64,
}

/// Performs a mutating action for `actor`: role check, their credentials,
/// the call, one audit row and the job — the row and the job written in one
/// transaction opened before the call, so that a call is never made that
/// could not be recorded.
pub async fn mutate<T, F, Fut>(
    ctx: &Context,
    actor: &Actor,
    name: &str,
    target: Target,
    request: serde_json::Value,
    call: F,
) -> Result<Done<T>, DomainError>
where
    T: JobCarrier,
    F: FnOnce(RdsClient, Credentials) -> Fut,
    Fut: Future<Output = Result<T, RdsError>>,
{
    perform(ctx, actor, name, target, request, None, call).await
}

/// [`mutate`], on behalf of an approved request (`approval_id`).
pub async fn perform<T, F, Fut>(
    ctx: &Context,
    actor: &Actor,
    name: &str,
    target: Target,
    request: serde_json::Value,
    approval_id: Option<i64>,
    call: F,
) -> Result<Done<T>, DomainError>
where
    T: JobCarrier,
    F: FnOnce(RdsClient, Credentials) -> Fut,
    Fut: Future<Output = Result<T, RdsError>>,
{
    let action = action(name).ok_or_else(|| DomainError::Internal(anyhow::anyhow!("no action named {name}")))?;
    let summary = audit::redact(request, action.secret_fields);
    let entry =
        Entry::by(actor, action.name).resource(action.resource_type, &target.id, &target.name).summary(summary).approval(approval_id);
    if let Err(e) = actor.require(Permission::Change) {
        audit::record(ctx, &entry.refused(&e.to_string())).await?;
        return Err(e);
    }
    let (credential_id, creds) = match credentials::acting(ctx, actor.user_id).await {
        Ok(c) => c,
        Err(e) => {
            audit::record(ctx, &entry.refused(&e.to_string())).await?;
            return Err(e);
        }
    };
    // Take a seat in a write transaction first: if the row cannot be written,
    // nothing is sent. Callers arriving together share one transaction and
    // make their upstream calls concurrently (see `group_commit`).
    let seat = crate::group_commit::take_seat(ctx).await?;
    let started = Instant::now();
    let result = call(ctx.rds.clone(), creds).await;
    let ms = started.elapsed().as_millis() as i64;
    match result {
        Ok(answer) => {
            let job_id = answer.job_id();
            let entry = entry.succeeded().job(job_id.clone()).duration_ms(ms);
            let rows = Rows { ctx: ctx.clone(), entry, job: job_id.clone().map(|j| (j, target, actor.clone(), credential_id)), action };
            let audit_id = write_rows(&seat, rows).await?;
            seat.commit().await?;
            if let Some(job) = &job_id {
                jobs::announce(ctx, job).await;
            }
            Ok(Done { answer, job_id, audit_id })
        }
        Err(err) => {
            let entry = match &err {
                RdsError::Invalid(v) => entry.refused(&format!("{}: {}", v.field, v.reason)),
                RdsError::Api { code, message } => entry.failed(Some(*code), message),
                other => entry.failed(None, &other.to_string()),
            }
            .duration_ms(ms);
            write_rows(&seat, Rows { ctx: ctx.clone(), entry, job: None, action }).await?;
            seat.commit().await?;
            Err(err.into())
        }
    }
}

/// What one call leaves in the database: its audit row, and its job when
/// upstream answered with one.
struct Rows {
    ctx: Context,
    entry: Entry,
    job: Option<(String, Target, Actor, i64)>,
    action: &'static Action,
}

/// Appends a call's rows to the shared transaction, in a task of its own: a
/// caller cancelled halfway must not leave half its rows (an audit row
/// without the chain's head moved) in a transaction others will commit.
async fn write_rows(seat: &crate::group_commit::Seat, rows: Rows) -> Result<i64, DomainError> {
    let mut guard = seat.tx().await;
    let approval_id = rows.entry.approval_id;
    tokio::spawn(async move {
        let tx = guard.as_mut().ok_or(sqlx::Error::PoolClosed)?;
        let audit_id = audit::record_in(tx, &rows.ctx, &rows.entry).await?;
        if let Some((job, target, actor, credential_id)) = &rows.job {
            jobs::insert(tx, job, rows.action, target, actor, *credential_id, audit_id, approval_id).await?;
        }
        Ok(audit_id)
    })
    .await
    .map_err(|e| DomainError::Internal(anyhow::anyhow!("writing the audit row: {e}")))?
}

/// Every mutating endpoint of the guide, for the test that keeps the table complete.
pub fn mutating_endpoints() -> impl Iterator<Item = &'static Endpoint> {
    ENDPOINTS.iter().filter(|e| e.is_mutation())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_mutating_endpoint_has_exactly_one_action() {
        for e in mutating_endpoints() {
            let n = ACTIONS.iter().filter(|a| a.name == e.name).count();
            assert_eq!(n, 1, "{} {} ({}) has {n} actions", e.method.as_str(), e.path, e.name);
        }
        for a in ACTIONS {
            let e = Endpoint::by_name(a.name).unwrap_or_else(|| panic!("{} names no endpoint", a.name));
            assert!(e.is_mutation(), "{} is a read", a.name);
        }
        assert_eq!(ACTIONS.len(), mutating_endpoints().count());
    }

    #[test]
    fn passwords_in_requests_are_secret() {
        assert!(action("create_db_instance").unwrap().secret_fields.contains(&"dbPassword"));
        assert!(action("backup_to_object_storage").unwrap().secret_fields.contains(&"password"));
        assert!(action("export_backup").unwrap().secret_fields.contains(&"password"));
        assert!(action("modify_db_user").unwrap().secret_fields.contains(&"dbPassword"));
    }

    #[test]
    fn the_destructive_actions_named_by_the_team_are_gated() {
        for name in [
            "delete_db_instance",
            "force_restart_db_instance",
            "stop_db_instance",
            "promote_db_instance",
            "split_high_availability",
            "pause_high_availability",
            "delete_backup",
            "delete_database",
            "delete_db_user",
            "apply_hba_rules",
            "delete_db_security_group",
            "delete_parameter_group",
            "reset_parameter_group",
            "delete_user_group",
            "delete_notification_group",
        ] {
            assert!(action(name).unwrap().gated_by_default, "{name}");
        }
        assert!(action("delete_db_instance").unwrap().answers_job());
    }
}
