//! Instances and what the pages around them read: the dashboard, lists, an instance's tabs, events, jobs and the audit log.

#[cfg(feature = "ssr")]
use super::server;
use super::{domain_types, Choices, InstanceExtra, Overview};
use crate::AppError;
use leptos::prelude::*;

/// The DB instances of the project.
#[server(endpoint = "list_instances", output = crate::wire::Answer)]
pub async fn list_instances() -> Result<Vec<rds::types::DbInstance>, AppError> {
    let (ctx, actor) = server::actor().await?;
    Ok(domain::instances::list(&ctx, actor.grant()?).await?)
}

/// Flavor, storage, zone and protection of every instance (the list's
/// second load: one detail read per instance).
#[server(endpoint = "instance_extras", output = crate::wire::Answer)]
pub async fn instance_extras() -> Result<Vec<InstanceExtra>, AppError> {
    let (ctx, actor) = server::actor().await?;
    Ok(domain::instances::extras(&ctx, actor.grant()?).await?)
}

/// Jobs pgdeck follows: `state` is `running`, `finished` or empty for all.
#[server(endpoint = "list_jobs", output = crate::wire::Answer)]
pub async fn list_jobs(state: String, resource_id: String) -> Result<Vec<domain_types::JobView>, AppError> {
    let (ctx, actor) = server::actor().await?;
    let rows =
        domain::jobs::list(&ctx, actor.grant()?, &domain::jobs::JobFilter { state, resource_id, limit: 200, ..Default::default() }).await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

/// The audit log, filtered (admins and auditors).
#[server(endpoint = "search_audit", input = server_fn::codec::Json, output = crate::wire::Answer)]
pub async fn search_audit(query: domain_types::AuditQuery) -> Result<Vec<domain_types::AuditView>, AppError> {
    let (ctx, actor) = server::actor().await?;
    let by = server::granted::<domain::grant::ReadAudit>(&ctx, &actor, "audit.search").await?;
    let filter = domain::audit::Filter {
        actor: query.actor,
        action: query.action,
        resource: query.resource,
        outcome: query.outcome,
        from: query.from,
        to: query.to,
        text: query.text,
        before_id: query.before_id,
        limit: 50,
    };
    Ok(domain::audit::search(&ctx.pool, by.into(), &filter).await?.into_iter().map(Into::into).collect())
}

/// One instance from every angle.
#[server(endpoint = "instance_overview", output = crate::wire::Answer)]
pub async fn instance_overview(id: String) -> Result<Overview, AppError> {
    let (ctx, actor) = server::actor().await?;
    Ok(domain::instances::overview(&ctx, actor.grant()?, &id).await?)
}

/// An instance's databases.
#[server(endpoint = "instance_databases", output = crate::wire::Answer)]
pub async fn instance_databases(id: String) -> Result<Vec<rds::types::Database>, AppError> {
    let (ctx, actor) = server::actor().await?;
    Ok(domain::instances::databases(&ctx, actor.grant()?, &id).await?)
}

/// An instance's DB users.
#[server(endpoint = "instance_users", output = crate::wire::Answer)]
pub async fn instance_users(id: String) -> Result<Vec<rds::types::DbUser>, AppError> {
    let (ctx, actor) = server::actor().await?;
    Ok(domain::instances::users(&ctx, actor.grant()?, &id).await?)
}

/// Metric series of an instance over the last `minutes`.
#[server(endpoint = "instance_metrics", output = crate::wire::Answer)]
pub async fn instance_metrics(
    id: String,
    names: Vec<String>,
    minutes: i64,
    end: Option<i64>,
) -> Result<(Vec<rds::types::Metric>, Vec<rds::types::MetricSeries>, Vec<model::alerting::WatchLine>), AppError> {
    let (ctx, actor) = server::actor().await?;
    Ok(domain::instances::metrics(&ctx, actor.grant()?, &id, names, minutes, end).await?)
}

/// Loads the create form's choices from the API.
#[server(endpoint = "create_choices", output = crate::wire::Answer)]
pub async fn create_choices() -> Result<Choices, AppError> {
    let (ctx, actor) = server::actor().await?;
    Ok(domain::instances::create_choices(&ctx, actor.grant()?).await?)
}

/// The project's events, filtered and paged as upstream does; `code` (an
/// event code, or empty) is applied over every page.
#[server(endpoint = "list_events", input = server_fn::codec::Json, output = crate::wire::Answer)]
pub async fn list_events(
    query: rds::types::EventQuery,
    #[server(default)] code: String,
) -> Result<model::matched::Matched<rds::types::Event>, AppError> {
    let (ctx, actor) = server::actor().await?;
    Ok(domain::instances::project_events(&ctx, actor.grant()?, query, &code).await?)
}

/// The extensions of an instance's group, with the instance's databases.
#[server(endpoint = "instance_extensions", output = crate::wire::Answer)]
pub async fn instance_extensions(id: String) -> Result<model::ExtensionsView, AppError> {
    let (ctx, actor) = server::actor().await?;
    Ok(domain::instances::extensions(&ctx, actor.grant()?, &id).await?)
}

/// The dashboard: instances needing attention first, approvals waiting for
/// the member, their own open requests, jobs running and recent events.
#[server(endpoint = "dashboard", output = crate::wire::Answer)]
pub async fn dashboard() -> Result<domain_types::DashboardView, AppError> {
    let (ctx, actor) = server::actor().await?;
    Ok(domain::dashboard::load(&ctx, &actor).await?.into())
}

/// What the read-replica form offers beyond the instance's overview.
#[server(endpoint = "replica_choices", output = crate::wire::Answer)]
pub async fn replica_choices() -> Result<model::ReplicaChoices, AppError> {
    let (ctx, actor) = server::actor().await?;
    Ok(domain::instances::replica_choices(&ctx, actor.grant()?).await?)
}

/// The project's instance groups.
#[server(endpoint = "instance_groups", output = crate::wire::Answer)]
pub async fn instance_groups() -> Result<Vec<rds::types::DbInstanceGroup>, AppError> {
    let (ctx, actor) = server::actor().await?;
    Ok(domain::instances::groups(&ctx, actor.grant()?).await?)
}

/// The event codes a project can subscribe to.
#[server(endpoint = "event_codes", output = crate::wire::Answer)]
pub async fn event_codes() -> Result<Vec<rds::types::EventCode>, AppError> {
    let (ctx, actor) = server::actor().await?;
    Ok(domain::instances::event_codes(&ctx, actor.grant()?).await?)
}
