//! Approval-gated actions: policies, requests, votes, exactly-once execution.
//!
//! A gated action becomes a request (with a reason) instead of a call. Other
//! members with an approver role vote; the requester never can. When enough
//! approvals arrive the action runs once, as the requester, through the
//! gateway. Every state change is a conditional update inside a transaction,
//! so concurrent votes or executions cannot run an action twice; a request
//! caught running when pgdeck stopped is marked `unknown` at start-up, never
//! re-sent.

use crate::actions::{self, Action};
use crate::audit::{self, Entry};
use crate::gateway::{self, Target};
use crate::notify::{self, Event};
use crate::time::{format_millis, now_utc, unix_millis};
use crate::{Actor, Context, DomainError, Permission, Role};
use rds::Call;
use serde::{Deserialize, Serialize};

/// Hours a request stays open by default.
pub const DEFAULT_OPEN_HOURS: i64 = 24;
/// Hours an approved request may wait to run by default.
pub const DEFAULT_RUN_WITHIN_HOURS: i64 = 24;

/// The approval rule of one action.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Policy {
    pub action: String,
    pub required: bool,
    pub approvals_needed: i64,
    pub approver_roles: Vec<Role>,
    pub open_hours: i64,
    pub run_within_hours: i64,
    /// Whether an admin changed it from pgdeck's default.
    pub customised: bool,
}

fn default_policy(action: &Action) -> Policy {
    Policy {
        action: action.name.to_string(),
        required: action.gated_by_default,
        approvals_needed: 1,
        approver_roles: vec![Role::Approver, Role::Admin],
        open_hours: DEFAULT_OPEN_HOURS,
        run_within_hours: DEFAULT_RUN_WITHIN_HOURS,
        customised: false,
    }
}

/// The policy of an action.
pub async fn policy(ctx: &Context, action: &str) -> Result<Policy, DomainError> {
    let a = actions::action(action).ok_or_else(|| DomainError::NotFound(format!("no action named {action}")))?;
    let row = sqlx::query_as::<_, (bool, i64, String, i64, i64)>(
        "SELECT required, approvals_needed, approver_roles, open_hours, run_within_hours FROM approval_policies WHERE action = ?",
    )
    .bind(action)
    .fetch_optional(&ctx.pool)
    .await?;
    Ok(match row {
        None => default_policy(a),
        Some((required, approvals_needed, roles, open_hours, run_within_hours)) => Policy {
            action: action.into(),
            required,
            approvals_needed,
            approver_roles: model::roles::parse_list(&roles),
            open_hours,
            run_within_hours,
            customised: true,
        },
    })
}

/// Every action's policy.
pub async fn policies(ctx: &Context, _by: crate::Granted<'_, crate::grant::Administer>) -> Result<Vec<Policy>, DomainError> {
    let mut out = Vec::new();
    for a in actions::ACTIONS {
        out.push(policy(ctx, a.name).await?);
    }
    Ok(out)
}

fn invalid(field: &str, code: &str, args: &[&(dyn std::fmt::Display + Sync)]) -> DomainError {
    DomainError::Validation(crate::refused(field, code, args))
}

/// Changes a policy (admins); audited.
pub async fn set_policy(ctx: &Context, by: crate::Granted<'_, crate::grant::Administer>, p: &Policy) -> Result<(), DomainError> {
    let summary = serde_json::to_value(p).map_err(|e| DomainError::Internal(e.into()))?;
    let entry = Entry::by(&by, "policy.set").resource("policy", &p.action, &p.action).summary(summary);
    actions::action(&p.action).ok_or_else(|| invalid("action", "no-such-action", &[]))?;
    if !(1..=5).contains(&p.approvals_needed) {
        return Err(invalid("approvals_needed", "approvals-needed", &[]));
    }
    if p.approver_roles.is_empty() || p.approver_roles.iter().any(|r| !r.allows(Permission::Change)) {
        return Err(invalid("approver_roles", "approver-roles", &[]));
    }
    if !(1..=720).contains(&p.open_hours) || !(1..=720).contains(&p.run_within_hours) {
        return Err(invalid("open_hours", "open-hours", &[]));
    }
    let roles = p.approver_roles.iter().map(|r| r.as_str()).collect::<Vec<_>>().join(",");
    let mut tx = crate::db::begin(&ctx.pool).await?;
    sqlx::query(
        "INSERT INTO approval_policies (action, required, approvals_needed, approver_roles, open_hours, run_within_hours, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?) \
         ON CONFLICT (action) DO UPDATE SET required = excluded.required, approvals_needed = excluded.approvals_needed, approver_roles = excluded.approver_roles, \
         open_hours = excluded.open_hours, run_within_hours = excluded.run_within_hours, updated_at = excluded.updated_at, updated_by = excluded.updated_by",
    )
    .bind(&p.action)
    .bind(p.required)
    .bind(p.approvals_needed)
    .bind(&roles)
    .bind(p.open_hours)
    .bind(p.run_within_hours)
    .bind(now_utc())
    .bind(&by.username)
    .execute(&mut *tx)
    .await?;
    audit::record_in(&mut tx, ctx, &entry.succeeded()).await?;
    tx.commit().await?;
    Ok(())
}

/// What binds a request's sealed parameters to its requester (the same
/// since the first release: the upgrade of stored calls reseals under it).
pub fn sealing_context(user_id: i64) -> String {
    format!("pgdeck approval command of user {user_id}")
}

/// Re-seals every request's secret parameters under `new` (key rotation);
/// returns how many moved.
pub(crate) async fn reseal(
    tx: &mut sqlx::Transaction<'_, sqlx::Sqlite>,
    old: &crate::Vault,
    new: &crate::Vault,
) -> Result<u64, DomainError> {
    let rows = sqlx::query_as::<_, (i64, i64, Vec<u8>)>(
        "SELECT id, requester_id, sealed_secrets FROM approval_requests WHERE sealed_secrets IS NOT NULL",
    )
    .fetch_all(&mut **tx)
    .await?;
    for (id, user_id, sealed) in &rows {
        let context = sealing_context(*user_id);
        let plain = old.open(&context, sealed)?;
        sqlx::query("UPDATE approval_requests SET sealed_secrets = ? WHERE id = ?")
            .bind(new.seal(&context, &plain))
            .bind(id)
            .execute(&mut **tx)
            .await?;
    }
    Ok(rows.len() as u64)
}

pub use model::{Approval as Request, ApprovalVote as Vote, RequestState};

const COLUMNS: &str =
    "id, action, resource_type, resource_id, resource_name, command, reason, requester_id, requester_name, state, approvals_needed, \
                       approver_roles, expires_at, run_by, job_id, result_code, result_message, result_said, created_at, updated_at, detail, basis, gates";

/// The policy a call falls under when it has the effect of several gated
/// actions: `None` when none of them needs approval; otherwise the
/// strictest of those that do — the most approvals, only roles every one of
/// them accepts (the first's when they share none), the shortest times.
pub async fn strictest(ctx: &Context, gates: &[&str]) -> Result<Option<Policy>, DomainError> {
    let mut out: Option<Policy> = None;
    for g in gates {
        let p = policy(ctx, g).await?;
        if !p.required {
            continue;
        }
        out = Some(match out {
            None => p,
            Some(mut acc) => {
                acc.approvals_needed = acc.approvals_needed.max(p.approvals_needed);
                let shared: Vec<Role> = acc.approver_roles.iter().copied().filter(|r| p.approver_roles.contains(r)).collect();
                if !shared.is_empty() {
                    acc.approver_roles = shared;
                }
                acc.open_hours = acc.open_hours.min(p.open_hours);
                acc.run_within_hours = acc.run_within_hours.min(p.run_within_hours);
                acc
            }
        });
    }
    Ok(out)
}

/// What a request is filed with beyond the call: the policy it falls
/// under, every action whose policy that is, and what the approver judges.
pub struct Filing<'a> {
    pub policy: Policy,
    pub gates: &'a [&'a str],
    pub basis: &'a model::Basis,
    /// Shown beside the call (the access-rule diff), JSON or empty.
    pub detail: &'a str,
}

/// Files a request for a gated change; returns its id. Nothing runs yet.
/// The call is stored as asked, its secrets sealed apart under the master
/// key (the stored text shows them as `***`).
pub async fn submit(
    ctx: &Context,
    actor: crate::Changer<'_>,
    call: Call,
    target: Target,
    reason: &str,
    filing: Filing<'_>,
) -> Result<i64, DomainError> {
    let action = call.name();
    let a = actions::of(&call);
    let call_json = serde_json::to_value(&call).map_err(|e| DomainError::Internal(anyhow::anyhow!("storing {action}: {e}")))?;
    let stored = audit::redact(call_json.clone(), call.secret_fields());
    let shown_reason: String = reason.chars().take(1000).collect();
    let entry = Entry::by(&actor, "approval.request")
        .resource(a.resource_type, &target.id, &target.name)
        .summary(serde_json::json!({"action": action, "call": stored, "reason": shown_reason, "gates": filing.gates}));
    let reason = reason.trim();
    let refused = if reason.chars().count() < 3 {
        Some(invalid("reason", "reason-needed", &[]))
    } else if reason.chars().count() > 1000 {
        Some(invalid("reason", "under-1000", &[]))
    } else {
        let open: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM approval_requests WHERE requester_id = ? AND state IN ('pending', 'approved')")
                .bind(actor.user_id)
                .fetch_one(&ctx.pool)
                .await?;
        (open >= ctx.settings.max_open_requests)
            .then(|| DomainError::Conflict(crate::Why::coded("too-many-open", &[&open, &ctx.settings.max_open_requests])))
    };
    if let Some(e) = refused {
        audit::record(ctx, &entry.refused(&e.to_string())).await?;
        return Err(e);
    }
    let p = filing.policy;
    let basis = serde_json::to_string(filing.basis).map_err(|e| DomainError::Internal(e.into()))?;
    let gates = filing.gates.join(",");
    let now = unix_millis();
    let expires = format_millis(now + p.open_hours * 3_600_000);
    let run_by = format_millis(now + (p.open_hours + p.run_within_hours) * 3_600_000);
    let roles = p.approver_roles.iter().map(|r| r.as_str()).collect::<Vec<_>>().join(",");
    let sealed =
        if stored != call_json { Some(ctx.vault.seal(&sealing_context(actor.user_id), call_json.to_string().as_bytes())) } else { None };
    let mut tx = crate::db::begin(&ctx.pool).await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO approval_requests (action, resource_type, resource_id, resource_name, command, sealed_secrets, reason, requester_id, requester_name, state, \
         approvals_needed, approver_roles, expires_at, run_by, created_at, updated_at, detail, basis, gates) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(action)
    .bind(a.resource_type)
    .bind(&target.id)
    .bind(&target.name)
    .bind(stored.to_string())
    .bind(sealed)
    .bind(reason)
    .bind(actor.user_id)
    .bind(&actor.username)
    .bind(p.approvals_needed)
    .bind(&roles)
    .bind(&expires)
    .bind(&run_by)
    .bind(now_utc())
    .bind(now_utc())
    .bind(filing.detail)
    .bind(&basis)
    .bind(&gates)
    .fetch_one(&mut *tx)
    .await?;
    audit::record_in(&mut tx, ctx, &entry.awaiting(id)).await?;
    tx.commit().await?;
    if let Ok(r) = get(ctx, id).await {
        notify::send(ctx, Event::Created, &r);
    }
    Ok(id)
}

/// One request with its votes.
pub async fn get(ctx: &Context, id: i64) -> Result<Request, DomainError> {
    let mut r = sqlx::query_as::<_, Request>(&format!("SELECT {COLUMNS} FROM approval_requests WHERE id = ?"))
        .bind(id)
        .fetch_optional(&ctx.pool)
        .await?
        .ok_or_else(|| DomainError::NotFound(format!("no approval request #{id}")))?;
    r.votes = sqlx::query_as::<_, Vote>("SELECT voter_name, vote, comment, at FROM approval_votes WHERE request_id = ? ORDER BY at")
        .bind(id)
        .fetch_all(&ctx.pool)
        .await?;
    Ok(r)
}

/// Which requests to list.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ListFilter {
    /// `inbox` (waiting for me), `mine`, or `all` (admins).
    pub view: String,
    pub state: String,
    pub action: String,
    pub resource: String,
    pub requester: String,
    /// 1-based; 0 is the first page.
    #[serde(default)]
    pub page: i64,
}

/// Requests a page holds.
pub const PAGE_SIZE: i64 = 50;

/// The `WHERE` clause of a filter and its arguments; refuses `all` to
/// members who are not admins, on the record.
async fn filter_sql(ctx: &Context, actor: &Actor, f: &ListFilter) -> Result<(String, Vec<String>), DomainError> {
    let mut sql = String::from(" WHERE 1 = 1");
    let mut args: Vec<String> = Vec::new();
    match f.view.as_str() {
        "mine" => {
            sql.push_str(" AND requester_id = ?");
            args.push(actor.user_id.to_string());
        }
        "inbox" => {
            sql.push_str(" AND state = 'pending' AND requester_id <> ? AND instr(',' || approver_roles || ',', ?) > 0");
            sql.push_str(" AND NOT EXISTS (SELECT 1 FROM approval_votes v WHERE v.request_id = approval_requests.id AND v.voter_id = ?)");
            args.push(actor.user_id.to_string());
            args.push(format!(",{},", actor.role.as_str()));
            args.push(actor.user_id.to_string());
        }
        "all" | "" => {
            if let Err(e) = actor.require(Permission::Administer) {
                let why = crate::Why::coded("approvals-all-admins", &[]);
                audit::record(ctx, &Entry::by(actor, "approval.list").resource("approval", "all", "all requests").refused(&why.text))
                    .await?;
                return Err(match e {
                    DomainError::Forbidden(_) => DomainError::Forbidden(why),
                    other => other,
                });
            }
        }
        other => {
            let shown: String = other.chars().take(40).collect();
            return Err(invalid("view", "approvals-view", &[&format!("{shown:?}")]));
        }
    }
    for (col, v) in [("state", &f.state), ("action", &f.action), ("requester_name", &f.requester)] {
        if !v.is_empty() {
            sql.push_str(&format!(" AND {col} = ?"));
            args.push(v.clone());
        }
    }
    if !f.resource.is_empty() {
        sql.push_str(" AND (resource_id = ? OR resource_name = ?)");
        args.push(f.resource.clone());
        args.push(f.resource.clone());
    }
    Ok((sql, args))
}

/// One page of requests, newest first.
pub async fn list(ctx: &Context, actor: &Actor, f: &ListFilter) -> Result<Vec<Request>, DomainError> {
    let (filter, args) = filter_sql(ctx, actor, f).await?;
    let offset = (f.page.max(1) - 1).saturating_mul(PAGE_SIZE);
    let sql = format!("SELECT {COLUMNS} FROM approval_requests{filter} ORDER BY id DESC LIMIT {PAGE_SIZE} OFFSET {offset}");
    let mut q = sqlx::query_as::<_, Request>(&sql);
    for a in &args {
        q = q.bind(a);
    }
    let mut rows = q.fetch_all(&ctx.pool).await?;
    for r in &mut rows {
        r.votes = sqlx::query_as::<_, Vote>("SELECT voter_name, vote, comment, at FROM approval_votes WHERE request_id = ? ORDER BY at")
            .bind(r.id)
            .fetch_all(&ctx.pool)
            .await?;
    }
    Ok(rows)
}

/// How many requests the filter matches, over every page.
pub async fn count(ctx: &Context, actor: &Actor, f: &ListFilter) -> Result<i64, DomainError> {
    let (filter, args) = filter_sql(ctx, actor, f).await?;
    let sql = format!("SELECT COUNT(*) FROM approval_requests{filter}");
    let mut q = sqlx::query_scalar::<_, i64>(&sql);
    for a in &args {
        q = q.bind(a);
    }
    Ok(q.fetch_one(&ctx.pool).await?)
}

/// Marks, on requests still open, every resource whose name now differs
/// from its name at filing (read with `actor`'s credentials; nothing is
/// marked when they cannot read).
pub async fn mark_renamed(ctx: &Context, actor: &Actor, views: &mut [model::records::ApprovalView]) {
    let open = |v: &model::records::ApprovalView| matches!(v.state, model::RequestState::Pending | model::RequestState::Approved);
    if !views.iter().any(|v| open(v) && v.basis.as_ref().is_some_and(|b| b.name_of("instance").is_some())) {
        return;
    }
    let Ok((_, creds)) = crate::credentials::acting(ctx, actor.user_id).await else {
        return;
    };
    let Ok(list) = ctx.rds.db_instances(&creds).await else {
        return;
    };
    for v in views.iter_mut().filter(|v| open(v)) {
        let Some(b) = &v.basis else { continue };
        for n in b.names.iter().filter(|n| n.kind == "instance") {
            let now = list.db_instances.iter().find(|i| i.db_instance_id.as_str() == n.id).map(|i| i.db_instance_name.clone());
            let now = now.unwrap_or_default();
            if now != n.name {
                v.renamed.push(model::Named { kind: n.kind.clone(), id: n.id.clone(), name: now });
            }
        }
    }
}

/// How many requests wait for this member's vote (the navigation badge).
pub async fn waiting_for(ctx: &Context, actor: &Actor) -> Result<i64, DomainError> {
    if !actor.role.allows(Permission::Approve) {
        return Ok(0);
    }
    count(ctx, actor, &ListFilter { view: "inbox".into(), ..Default::default() }).await
}

/// Approves or rejects a request. The requester can never vote on their own
/// request; only the policy's roles may vote. Reaching the approvals needed
/// runs the action, once.
pub async fn vote(ctx: &Context, actor: &Actor, id: i64, approve: bool, comment: &str) -> Result<Request, DomainError> {
    let r = get(ctx, id).await?;
    let verb = if approve { "approval.approve" } else { "approval.reject" };
    let entry = Entry::by(actor, verb)
        .resource(&r.resource_type, &r.resource_id, &r.resource_name)
        .approval(Some(id))
        .summary(serde_json::json!({"comment": comment}));
    let refuse = |why: crate::Why| async {
        audit::record(ctx, &entry.clone().refused(&why.text)).await?;
        Err::<Request, DomainError>(DomainError::Forbidden(why))
    };
    if !actor.role.allows(Permission::Approve) {
        return refuse(crate::Why::coded("vote-role", &[&actor.role])).await;
    }
    if r.requester_id == actor.user_id {
        return refuse(crate::Why::coded("vote-own", &[])).await;
    }
    if !model::roles::parse_list(&r.approver_roles).contains(&actor.role) {
        return refuse(crate::Why::coded("vote-needs", &[&r.approver_roles])).await;
    }
    if comment.trim().is_empty() || comment.chars().count() > 1000 {
        let e = if comment.trim().is_empty() { invalid("comment", "comment-needed", &[]) } else { invalid("comment", "under-1000", &[]) };
        audit::record(ctx, &entry.clone().summary(serde_json::json!({"comment_chars": comment.chars().count()})).refused(&e.to_string()))
            .await?;
        return Err(e);
    }
    let now = now_utc();
    let mut tx = crate::db::begin(&ctx.pool).await?;
    let state: String = sqlx::query_scalar("SELECT state FROM approval_requests WHERE id = ?").bind(id).fetch_one(&mut *tx).await?;
    if state != "pending" {
        drop(tx);
        return conflict(ctx, &entry, crate::Why::coded("votes-closed", &[&state])).await;
    }
    if r.expires_at < now {
        drop(tx);
        expire_due(ctx).await?;
        return conflict(ctx, &entry, crate::Why::coded("vote-expired", &[])).await;
    }
    let inserted = sqlx::query(
        "INSERT INTO approval_votes (request_id, voter_id, voter_name, vote, comment, at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
    )
    .bind(id)
    .bind(actor.user_id)
    .bind(&actor.username)
    .bind(if approve { "approve" } else { "reject" })
    .bind(comment.trim())
    .bind(&now)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if inserted == 0 {
        drop(tx);
        return conflict(ctx, &entry, "you already voted on this request".into()).await;
    }
    let mut event = None;
    if !approve {
        sqlx::query("UPDATE approval_requests SET state = 'rejected', updated_at = ? WHERE id = ? AND state = 'pending'")
            .bind(&now)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        event = Some(Event::Rejected);
    } else {
        let approvals: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM approval_votes WHERE request_id = ? AND vote = 'approve'")
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
        if approvals >= r.approvals_needed {
            sqlx::query("UPDATE approval_requests SET state = 'approved', updated_at = ? WHERE id = ? AND state = 'pending'")
                .bind(&now)
                .bind(id)
                .execute(&mut *tx)
                .await?;
            event = Some(Event::Approved);
        }
    }
    audit::record_in(&mut tx, ctx, &entry.succeeded()).await?;
    tx.commit().await?;
    if let Some(ev) = event {
        if let Ok(r) = get(ctx, id).await {
            notify::send(ctx, ev, &r);
        }
        if ev == Event::Approved {
            execute(ctx, id).await?;
        }
    }
    get(ctx, id).await
}

/// Refuses a vote that came too late or twice, on the record.
async fn conflict(ctx: &Context, entry: &Entry, why: crate::Why) -> Result<Request, DomainError> {
    audit::record(ctx, &entry.clone().refused(&why.text)).await?;
    Err(DomainError::Conflict(why))
}

/// Runs an approved request, once: only the caller that moves it from
/// `approved` to `running` performs the action.
pub async fn execute(ctx: &Context, id: i64) -> Result<(), DomainError> {
    let now = now_utc();
    let mut tx = crate::db::begin(&ctx.pool).await?;
    let claimed =
        sqlx::query("UPDATE approval_requests SET state = 'running', updated_at = ? WHERE id = ? AND state = 'approved' AND run_by >= ?")
            .bind(&now)
            .bind(id)
            .bind(&now)
            .execute(&mut *tx)
            .await?
            .rows_affected();
    tx.commit().await?;
    if claimed == 0 {
        return Ok(());
    }
    let r = get(ctx, id).await?;
    let sealed = sqlx::query_scalar::<_, Option<Vec<u8>>>("SELECT sealed_secrets FROM approval_requests WHERE id = ?")
        .bind(id)
        .fetch_one(&ctx.pool)
        .await?;
    let call: Result<Call, DomainError> = match sealed {
        Some(sealed) => ctx
            .vault
            .open(&sealing_context(r.requester_id), &sealed)
            .map_err(DomainError::from)
            .and_then(|plain| serde_json::from_slice(&plain).map_err(|e| DomainError::Internal(e.into()))),
        None => serde_json::from_str(&r.command).map_err(|e| DomainError::Internal(e.into())),
    };
    let requester = crate::accounts::get(&ctx.pool, r.requester_id).await?;
    let mut stale = None;
    let outcome = match (requester, call) {
        (_, Err(e)) => Err(DomainError::Internal(anyhow::anyhow!("the stored call cannot be read: {e}"))),
        (Some(u), Ok(call)) if !u.disabled => {
            let role = u.role;
            {
                let actor = Actor::new(
                    u.id,
                    u.username.clone(),
                    u.display_name.clone(),
                    role,
                    String::new(),
                    "approval".into(),
                    format!("pgdeck approval #{id}"),
                );
                match judge_again(ctx, &actor, &call, &r).await {
                    Err(e) => Err(e),
                    Ok(changed) if !changed.is_empty() => {
                        stale = Some(changed);
                        Err(DomainError::Conflict(crate::Why::coded("changed-since-filed", &[])))
                    }
                    Ok(_) => match gateway::Cleared::approved(&r) {
                        Some(cleared) => {
                            let target = Target::new(&r.resource_id, &r.resource_name);
                            gateway::send(ctx, &actor, &call, target, cleared).await.map(|d| d.sent.job_id)
                        }
                        None => Err(DomainError::Conflict(crate::Why::coded("not-running", &[&r.state.as_str()]))),
                    },
                }
            }
        }
        _ => Err(DomainError::Forbidden(crate::Why::coded("requester-gone", &[]))),
    };
    // The result in English (the record's words) and as codes and values
    // (a page's words in the member's language).
    let (state, job, code, message, said) = match (&outcome, stale) {
        (_, Some(changes)) => {
            let english: Vec<String> = changes.iter().map(|c| model::change_english(c)).collect();
            let message = format!("not run: {}. File the request again if it is still wanted.", english.join("; "));
            ("stale", None, None, message, std::iter::once(crate::judged::said(&["result-stale"])).chain(changes).collect())
        }
        (Ok(job), None) => ("executed", job.clone(), None, "ran".to_string(), vec![crate::judged::said(&["result-ran"])]),
        (Err(DomainError::Upstream { code, message }), None) => ("failed", None, Some(*code), message.clone(), Vec::new()),
        (Err(e), None) => ("failed", None, None, e.to_string(), e.said().map(|c| vec![c]).unwrap_or_default()),
    };
    let said = serde_json::to_string(&said).map_err(|e| DomainError::Internal(e.into()))?;
    let mut tx = crate::db::begin(&ctx.pool).await?;
    sqlx::query(
        "UPDATE approval_requests SET state = ?, job_id = ?, result_code = ?, result_message = ?, result_said = ?, updated_at = ? \
         WHERE id = ? AND state = 'running'",
    )
    .bind(state)
    .bind(&job)
    .bind(code)
    .bind(&message)
    .bind(&said)
    .bind(now_utc())
    .bind(id)
    .execute(&mut *tx)
    .await?;
    let entry = Entry::system(match state {
        "executed" => "approval.executed",
        "stale" => "approval.stale",
        _ => "approval.failed",
    })
    .resource(&r.resource_type, &r.resource_id, &r.resource_name)
    .approval(Some(id))
    .job(job);
    let entry = if state == "executed" { entry.succeeded() } else { entry.failed(code, &message) };
    audit::record_in(&mut tx, ctx, &entry).await?;
    tx.commit().await?;
    if let Ok(r) = get(ctx, id).await {
        let event = match state {
            "executed" => Event::Executed,
            "stale" => Event::Stale,
            _ => Event::Failed,
        };
        notify::send(ctx, event, &r);
    }
    Ok(())
}

/// Reads again, as the requester, what the approver judged the request by,
/// and answers how it differs from what was read at filing (empty: the
/// same). A request filed before pgdeck kept a basis has nothing to compare.
async fn judge_again(ctx: &Context, requester: &Actor, call: &Call, r: &Request) -> Result<Vec<Vec<String>>, DomainError> {
    let Ok(filed) = serde_json::from_str::<model::Basis>(&r.basis) else {
        return Ok(Vec::new());
    };
    let gates: Vec<&str> = r.gates.split(',').filter(|g| !g.is_empty()).collect();
    let now = crate::judged::basis_for(ctx, requester, call, &gates).await?;
    Ok(filed.changes(&now))
}

/// Withdraws a pending request (its requester only).
pub async fn cancel(ctx: &Context, actor: &Actor, id: i64) -> Result<(), DomainError> {
    let r = get(ctx, id).await?;
    if r.requester_id != actor.user_id && !actor.role.allows(Permission::Administer) {
        let why = crate::Why::coded("cancel-not-yours", &[]);
        let entry = Entry::by(actor, "approval.cancel").resource(&r.resource_type, &r.resource_id, &r.resource_name).approval(Some(id));
        audit::record(ctx, &entry.refused(&why.text)).await?;
        return Err(DomainError::Forbidden(why));
    }
    let mut tx = crate::db::begin(&ctx.pool).await?;
    let n = sqlx::query("UPDATE approval_requests SET state = 'cancelled', updated_at = ? WHERE id = ? AND state = 'pending'")
        .bind(now_utc())
        .bind(id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    if n == 0 {
        drop(tx);
        let why = crate::Why::coded("cancel-closed", &[&r.state.as_str()]);
        let entry = Entry::by(actor, "approval.cancel").resource(&r.resource_type, &r.resource_id, &r.resource_name).approval(Some(id));
        audit::record(ctx, &entry.refused(&why.text)).await?;
        return Err(DomainError::Conflict(why));
    }
    audit::record_in(
        &mut tx,
        ctx,
        &Entry::by(actor, "approval.cancel").resource(&r.resource_type, &r.resource_id, &r.resource_name).approval(Some(id)),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Expires open requests past their time and approved ones not run in time.
pub async fn expire_due(ctx: &Context) -> Result<u64, DomainError> {
    let now = now_utc();
    let due: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM approval_requests WHERE (state = 'pending' AND expires_at < ?) OR (state = 'approved' AND run_by < ?)",
    )
    .bind(&now)
    .bind(&now)
    .fetch_all(&ctx.pool)
    .await?;
    let mut n = 0;
    for id in due {
        let mut tx = crate::db::begin(&ctx.pool).await?;
        let changed =
            sqlx::query("UPDATE approval_requests SET state = 'expired', updated_at = ? WHERE id = ? AND state IN ('pending', 'approved')")
                .bind(&now)
                .bind(id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
        if changed == 1 {
            let r = sqlx::query_as::<_, (String, String, String)>(
                "SELECT resource_type, resource_id, resource_name FROM approval_requests WHERE id = ?",
            )
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
            audit::record_in(&mut tx, ctx, &Entry::system("approval.expired").resource(&r.0, &r.1, &r.2).approval(Some(id))).await?;
            n += 1;
        }
        tx.commit().await?;
        if changed == 1 {
            if let Ok(r) = get(ctx, id).await {
                notify::send(ctx, Event::Expired, &r);
            }
        }
    }
    Ok(n)
}

/// At start-up: a request left `running` by a stop is marked `unknown` and
/// never re-sent; someone must look at the resource. Runs approved ones left
/// waiting.
pub async fn recover(ctx: &Context) -> Result<u64, DomainError> {
    let stuck: Vec<i64> = sqlx::query_scalar("SELECT id FROM approval_requests WHERE state = 'running'").fetch_all(&ctx.pool).await?;
    for id in &stuck {
        let mut tx = crate::db::begin(&ctx.pool).await?;
        sqlx::query(
            "UPDATE approval_requests SET state = 'unknown', result_message = ?, result_said = '[[\"result-unknown\"]]', updated_at = ? \
             WHERE id = ? AND state = 'running'",
        )
        .bind("pgdeck stopped while this ran; it was not sent again. Check the resource and the jobs page before asking again.")
        .bind(now_utc())
        .bind(id)
        .execute(&mut *tx)
        .await?;
        let r = sqlx::query_as::<_, (String, String, String)>(
            "SELECT resource_type, resource_id, resource_name FROM approval_requests WHERE id = ?",
        )
        .bind(id)
        .fetch_one(&mut *tx)
        .await?;
        audit::record_in(
            &mut tx,
            ctx,
            &Entry::system("approval.interrupted")
                .resource(&r.0, &r.1, &r.2)
                .approval(Some(*id))
                .failed(None, "interrupted by a stop; not re-sent"),
        )
        .await?;
        tx.commit().await?;
    }
    let approved: Vec<i64> = sqlx::query_scalar("SELECT id FROM approval_requests WHERE state = 'approved'").fetch_all(&ctx.pool).await?;
    for id in approved {
        execute(ctx, id).await?;
    }
    Ok(stuck.len() as u64)
}

/// Expires requests every half minute until pgdeck stops.
pub fn spawn_sweeper(ctx: Context) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut stopping = ctx.stopping();
        while !*stopping.borrow() {
            if let Err(e) = expire_due(&ctx).await {
                tracing::warn!(error = %e, "expiring approval requests failed");
            }
            tokio::select! {
                () = tokio::time::sleep(std::time::Duration::from_secs(30)) => {}
                _ = stopping.changed() => {}
            }
        }
    })
}

impl From<Policy> for model::records::PolicyView {
    fn from(p: Policy) -> Self {
        Self {
            action: p.action,
            required: p.required,
            approvals_needed: p.approvals_needed,
            approver_roles: p.approver_roles.clone(),
            open_hours: p.open_hours,
            run_within_hours: p.run_within_hours,
            customised: p.customised,
        }
    }
}
