//! The one mutating function for the estate, and approvals, policies and their webhooks.

#[cfg(feature = "ssr")]
use super::server;
use super::{domain_types, Call, ChangeOutcome};
use crate::AppError;
use leptos::prelude::*;

/// Asks for any change: gated ones become an approval request carrying
/// `reason`, others run at once. The one server function every form uses.
#[server(endpoint = "request_change", input = server_fn::codec::Json, output = crate::wire::Answer)]
pub async fn request_change(call: Call, reason: String) -> Result<ChangeOutcome, AppError> {
    let (ctx, actor) = server::actor().await?;
    let changer = server::granted::<domain::grant::Change>(&ctx, &actor, call.name()).await?;
    Ok(domain::change::request(&ctx, changer, call, &reason).await?)
}

/// Whether an instance action needs approval (to ask for a reason up front).
#[server(endpoint = "needs_approval", output = crate::wire::Answer)]
pub async fn needs_approval(action: String) -> Result<bool, AppError> {
    let (ctx, _) = server::actor().await?;
    Ok(domain::approvals::needs_approval(&ctx, &action).await?)
}

/// Approval requests: `view` is `inbox`, `mine` or `all`.
#[server(endpoint = "list_approvals", output = crate::wire::Answer)]
pub async fn list_approvals(view: String, state: String) -> Result<Vec<domain_types::ApprovalView>, AppError> {
    let (ctx, actor) = server::actor().await?;
    let f = domain::approvals::ListFilter { view, state, ..Default::default() };
    Ok(domain::approvals::list(&ctx, &actor, &f).await?.into_iter().map(Into::into).collect())
}

/// How many requests wait for the member's vote.
#[server(endpoint = "approvals_waiting", output = crate::wire::Answer)]
pub async fn approvals_waiting() -> Result<i64, AppError> {
    let (ctx, actor) = server::actor().await?;
    Ok(domain::approvals::waiting_for(&ctx, &actor).await?)
}

/// Approves or rejects a request, with a comment.
#[server(endpoint = "vote_approval", output = crate::wire::Answer)]
pub async fn vote_approval(id: i64, approve: bool, comment: String) -> Result<domain_types::ApprovalView, AppError> {
    let (ctx, actor) = server::actor().await?;
    Ok(domain::approvals::vote(&ctx, &actor, id, approve, &comment).await?.into())
}

/// Withdraws one's own pending request.
#[server(endpoint = "cancel_approval", output = crate::wire::Answer)]
pub async fn cancel_approval(id: i64) -> Result<(), AppError> {
    let (ctx, actor) = server::actor().await?;
    Ok(domain::approvals::cancel(&ctx, &actor, id).await?)
}

/// Every action's approval policy (admins).
#[server(endpoint = "list_policies", output = crate::wire::Answer)]
pub async fn list_policies() -> Result<Vec<domain_types::PolicyView>, AppError> {
    let (ctx, actor) = server::actor().await?;
    let by = server::granted::<domain::grant::Administer>(&ctx, &actor, "policy.list").await?;
    Ok(domain::approvals::policies(&ctx, by).await?.into_iter().map(Into::into).collect())
}

/// Changes an action's approval policy (admins).
#[server(endpoint = "set_policy", input = server_fn::codec::Json, output = crate::wire::Answer)]
pub async fn set_policy(policy: domain_types::PolicyView) -> Result<(), AppError> {
    let (ctx, actor) = server::actor().await?;
    let by = server::granted::<domain::grant::Administer>(&ctx, &actor, "policy.set").await?;
    let roles = policy.approver_roles.iter().filter_map(|r| r.parse().ok()).collect();
    let p = domain::approvals::Policy {
        action: policy.action,
        required: policy.required,
        approvals_needed: policy.approvals_needed,
        approver_roles: roles,
        open_hours: policy.open_hours,
        run_within_hours: policy.run_within_hours,
        customised: true,
    };
    Ok(domain::approvals::set_policy(&ctx, by, &p).await?)
}

/// Webhooks and their delivery failures (admins).
#[server(endpoint = "list_webhooks", output = crate::wire::Answer)]
pub async fn list_webhooks() -> Result<Vec<domain_types::WebhookView>, AppError> {
    let (ctx, actor) = server::actor().await?;
    let by = server::granted::<domain::grant::Administer>(&ctx, &actor, "webhook.list").await?;
    Ok(domain::notify::webhooks(&ctx, by).await?)
}

/// Adds a webhook (admins).
#[server(endpoint = "add_webhook", output = crate::wire::Answer)]
pub async fn add_webhook(name: String, url: String, kind: String) -> Result<(), AppError> {
    let (ctx, actor) = server::actor().await?;
    let by = server::granted::<domain::grant::Administer>(&ctx, &actor, "webhook.add").await?;
    Ok(domain::notify::add_webhook(&ctx, by, &name, &url, &kind).await?)
}

/// Removes a webhook (admins).
#[server(endpoint = "remove_webhook", output = crate::wire::Answer)]
pub async fn remove_webhook(id: i64) -> Result<(), AppError> {
    let (ctx, actor) = server::actor().await?;
    let by = server::granted::<domain::grant::Administer>(&ctx, &actor, "webhook.remove").await?;
    Ok(domain::notify::remove_webhook(&ctx, by, id).await?)
}
