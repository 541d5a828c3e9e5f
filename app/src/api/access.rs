//! Parameter groups, DB security groups and an instance's access rules.

#[cfg(feature = "ssr")]
use super::server;
use super::{ParameterGroupView, SecurityGroupView};
use crate::AppError;
use leptos::prelude::*;

/// A parameter group with every parameter.
#[server(endpoint = "parameter_group", output = crate::wire::Answer)]
pub async fn parameter_group(id: String) -> Result<ParameterGroupView, AppError> {
    let (ctx, actor) = server::actor().await?;
    Ok(domain::access::parameter_group(&ctx, actor.grant()?, &id).await?)
}

/// A DB security group with its rules.
#[server(endpoint = "security_group", output = crate::wire::Answer)]
pub async fn security_group(id: String) -> Result<SecurityGroupView, AppError> {
    let (ctx, actor) = server::actor().await?;
    Ok(domain::access::security_group(&ctx, actor.grant()?, &id).await?)
}

/// Every parameter group and DB security group.
#[server(endpoint = "access_groups", output = crate::wire::Answer)]
pub async fn access_groups() -> Result<(Vec<model::GroupRow>, Vec<model::GroupRow>), AppError> {
    let (ctx, actor) = server::actor().await?;
    Ok(domain::access::groups(&ctx, actor.grant()?).await?)
}

/// An instance's access control (HBA) rules.
#[server(endpoint = "instance_hba", output = crate::wire::Answer)]
pub async fn instance_hba(id: String) -> Result<model::HbaView, AppError> {
    let (ctx, actor) = server::actor().await?;
    Ok(domain::access::hba_rules(&ctx, actor.grant()?, &id).await?)
}

/// The project's parameter groups, each with the instances using it.
#[server(endpoint = "parameter_groups", output = crate::wire::Answer)]
pub async fn parameter_groups() -> Result<Vec<model::ParameterGroupRow>, AppError> {
    let (ctx, actor) = server::actor().await?;
    Ok(domain::access::parameter_groups(&ctx, actor.grant()?).await?)
}
