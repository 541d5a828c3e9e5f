//! The one path to upstream. Every change leaves through [`send`]: role
//! check, the member's own credentials, a write-ahead audit *intent*, the
//! call with no database lock held, the *outcome* row linked to the intent,
//! and the job handed to the tracker. Reads take their credentials from
//! [`reader`].
//!
//! Write-ahead: the intent row is committed before the call leaves, so no
//! call is ever sent that is not on record; the call itself runs outside
//! any transaction, so a slow region never holds SQLite's write lock (and
//! with it every sign-in, vote and other member's change). A stop between
//! the two rows leaves an intent without outcome, which start-up settles as
//! "outcome unknown" ([`settle_intents`]) and never re-sends.

use crate::actions::{self, Action};
use crate::audit::{self, Entry};
use crate::auth::{grant, Granted};
use crate::{credentials, jobs, Actor, Context, DomainError, Permission};
use rds::client::{Credentials, RdsError};
use rds::{Call, Sent};
use std::time::Instant;

pub use crate::actions::Target;

/// The credentials a member reads with; the grant proves their role may read.
pub async fn reader(ctx: &Context, actor: &Granted<'_, grant::Read>) -> Result<Credentials, DomainError> {
    Ok(credentials::acting(ctx, actor.user_id).await?.1)
}

/// Proof that a change passed the approval gate: either no policy of any
/// action whose effect it has asks for approval, or it is an approved
/// request being run. [`send`] takes one, and only [`crate::change::request`]
/// (from the policy it found) and [`crate::approvals::execute`] (from the
/// request it claimed) can make one: a call site that skips the gate does
/// not compile.
#[derive(Debug)]
pub struct Cleared {
    approval: Option<i64>,
}

impl Cleared {
    /// Cleared when no policy over the call's effects asks for approval;
    /// otherwise the strictest policy, to file the request under.
    pub(crate) fn ungated(strictest: Option<crate::approvals::Policy>) -> Result<Self, crate::approvals::Policy> {
        match strictest {
            None => Ok(Self { approval: None }),
            Some(policy) => Err(policy),
        }
    }

    /// For a request claimed for running.
    pub(crate) fn approved(r: &crate::approvals::Request) -> Option<Self> {
        (r.state == model::RequestState::Running).then_some(Self { approval: Some(r.id) })
    }
}

/// What a change came to.
#[derive(Clone, Debug, PartialEq)]
pub struct Done {
    /// The job to follow and the id of what was created, if any.
    pub sent: Sent,
    /// The outcome row.
    pub audit_id: i64,
}

/// The request as the audit log keeps it: the whole call, secrets replaced.
pub fn summary(call: &Call) -> Result<serde_json::Value, DomainError> {
    let v = serde_json::to_value(call).map_err(|e| DomainError::Internal(anyhow::anyhow!("describing {}: {e}", call.name())))?;
    Ok(clip(audit::redact(v, call.secret_fields())))
}

/// Text longer than an audit row keeps: a refused call may carry far more
/// than any field allows, and the row says so instead of copying it.
const KEPT_CHARS: usize = 1000;

fn clip(v: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match v {
        Value::String(s) if s.chars().count() > KEPT_CHARS => {
            let kept: String = s.chars().take(200).collect();
            Value::String(format!("{kept}… ({} characters in all)", s.chars().count()))
        }
        Value::Array(items) => Value::Array(items.into_iter().map(clip).collect()),
        Value::Object(map) => Value::Object(map.into_iter().map(|(k, v)| (k, clip(v))).collect()),
        other => other,
    }
}

/// Sends one change for `actor`, on their own (or, for an approved request,
/// `approval_id`, on the requester's) behalf.
///
/// The role is checked here again (a requester may have lost it since they
/// asked); a refusal, missing credentials and an invalid body are audited
/// and nothing is sent.
///
/// A change, once begun, runs to its end in a task of its own: a member who
/// stops waiting (a closed tab, a dropped connection) does not cut it off
/// between its intent and its outcome, so its outcome is recorded and its
/// job followed as if they had stayed.
pub(crate) async fn send(ctx: &Context, actor: &Actor, call: &Call, target: Target, cleared: Cleared) -> Result<Done, DomainError> {
    let approval_id = cleared.approval;
    let (ctx, actor, call) = (ctx.clone(), actor.clone(), call.clone());
    let name = call.name();
    crate::error::spawn_in_request(async move { send_whole(&ctx, &actor, &call, target, approval_id).await })
        .await
        .map_err(|e| DomainError::Internal(anyhow::anyhow!("sending {name}: {e}")))?
}

async fn send_whole(ctx: &Context, actor: &Actor, call: &Call, target: Target, approval_id: Option<i64>) -> Result<Done, DomainError> {
    let action = actions::of(call);
    let entry = Entry::by(actor, action.name)
        .resource(action.resource_type, &target.id, &target.name)
        .summary(summary(call)?)
        .approval(approval_id);
    if let Err(e) = actor.require(Permission::Change) {
        audit::record(ctx, &entry.refused(&e.to_string())).await?;
        return Err(e);
    }
    if let Err(v) = call.validate() {
        audit::record(ctx, &entry.refused(&v.to_string())).await?;
        return Err(DomainError::Validation(v));
    }
    let (credential_id, creds) = match credentials::acting(ctx, actor.user_id).await {
        Ok(c) => c,
        Err(e) => {
            audit::record(ctx, &entry.refused(&e.to_string())).await?;
            return Err(e);
        }
    };
    // The intent is durable before anything leaves.
    let intent_id = append(ctx, Rows { entry: entry.clone().intent(), job: None }).await?;
    let started = Instant::now();
    let result = call.send(&ctx.rds, &creds).await;
    let ms = started.elapsed().as_millis() as i64;
    let entry = entry.completes(intent_id).duration_ms(ms);
    match result {
        Ok(sent) => {
            let entry = entry.succeeded().job(sent.job_id.clone());
            let job = sent.job_id.clone().map(|j| NewJob { job_id: j, action, target, actor: actor.clone(), credential_id, approval_id });
            let audit_id = append(ctx, Rows { entry, job }).await?;
            if let Some(job) = &sent.job_id {
                jobs::announce(ctx, job).await;
            }
            Ok(Done { sent, audit_id })
        }
        Err(err) => {
            let entry = match &err {
                RdsError::Invalid(v) => entry.refused(&v.to_string()),
                RdsError::Api { code, message } | RdsError::Http { code, message, .. } => entry.failed(Some(*code), message),
                RdsError::Throttled { .. } => entry.failed(None, &format!("not executed: {err}")),
                other => entry.failed(None, &other.to_string()),
            };
            append(ctx, Rows { entry, job: None }).await?;
            Err(err.into())
        }
    }
}

/// A job to follow, written with the outcome row that reports it.
struct NewJob {
    job_id: String,
    action: &'static Action,
    target: Target,
    actor: Actor,
    credential_id: i64,
    approval_id: Option<i64>,
}

/// What one append writes: an audit row, and the job it started.
struct Rows {
    entry: Entry,
    job: Option<NewJob>,
}

/// Appends rows and waits until they are durable. Callers arriving together
/// share one transaction (`group_commit`); each caller's rows are written in
/// a task of its own, so a caller cancelled halfway never leaves half its
/// rows (an audit row without the chain's head moved) in a transaction
/// others commit.
async fn append(ctx: &Context, rows: Rows) -> Result<i64, DomainError> {
    let seat = crate::group_commit::take_seat(ctx).await?;
    let mut guard = seat.tx().await;
    let c = ctx.clone();
    let id = crate::error::spawn_in_request(async move {
        let tx = guard.as_mut().ok_or(sqlx::Error::PoolClosed)?;
        let audit_id = audit::record_in(tx, &c, &rows.entry).await?;
        if let Some(j) = &rows.job {
            jobs::insert(tx, &j.job_id, j.action, &j.target, &j.actor, j.credential_id, audit_id, j.approval_id).await?;
        }
        Ok::<_, DomainError>(audit_id)
    })
    .await
    .map_err(|e| DomainError::Internal(anyhow::anyhow!("writing the audit row: {e}")))??;
    seat.commit().await?;
    Ok(id)
}

/// Message of an intent settled at start-up.
pub const UNKNOWN_OUTCOME: &str = "outcome unknown — check upstream: pgdeck stopped while this call was under way; it was not sent again";

/// At start-up: every intent without an outcome gets one, `unknown`, naming
/// the intent; nothing is re-sent. Returns how many were settled.
pub async fn settle_intents(ctx: &Context) -> Result<u64, DomainError> {
    let open = sqlx::query_as::<_, audit::Row>(
        "SELECT * FROM audit_events a WHERE a.outcome = 'intent' \
         AND NOT EXISTS (SELECT 1 FROM audit_events b WHERE b.intent_id = a.id) ORDER BY a.id",
    )
    .fetch_all(&ctx.pool)
    .await?;
    for r in &open {
        let mut tx = crate::db::begin(&ctx.pool).await?;
        let entry = Entry {
            actor_id: r.actor_id,
            actor_name: r.actor_name.clone(),
            role: r.role.clone(),
            client_addr: r.client_addr.clone(),
            user_agent: r.user_agent.clone(),
            summary: serde_json::from_str(&r.summary).unwrap_or(serde_json::Value::Null),
            approval_id: r.approval_id,
            ..Entry::system(&r.action)
        }
        .resource(&r.resource_type, &r.resource_id, &r.resource_name)
        .completes(r.id)
        .unknown(UNKNOWN_OUTCOME);
        audit::record_in(&mut tx, ctx, &entry).await?;
        tx.commit().await?;
        tracing::warn!(intent = r.id, action = %r.action, resource = %r.resource_id, "a change's outcome is unknown: pgdeck stopped during its call");
    }
    Ok(open.len() as u64)
}
