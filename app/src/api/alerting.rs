//! User groups, notification groups and watchdogs.

#[cfg(feature = "ssr")]
use super::server;
use crate::AppError;
use leptos::prelude::*;

/// User groups, notification groups with their watchdogs, and what their
/// forms choose from.
#[server(endpoint = "alerting", output = crate::wire::Answer)]
pub async fn alerting() -> Result<model::alerting::Alerting, AppError> {
    let (ctx, actor) = server::actor().await?;
    Ok(domain::alerting::overview(&ctx, actor.grant()?, &crate::i18n::naming_words()).await?)
}
