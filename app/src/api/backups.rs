//! Backups and what the restore page offers.

#[cfg(feature = "ssr")]
use super::server;
use crate::AppError;
use leptos::prelude::*;

/// One page of the project's backups (or one instance's), newest first;
/// `filter` (status, words, days) is applied over every page.
#[server(endpoint = "list_backups", input = server_fn::codec::Json, output = crate::wire::Answer)]
pub async fn list_backups(
    query: rds::types::BackupQuery,
    #[server(default)] filter: model::matched::BackupFilter,
) -> Result<model::matched::Matched<rds::types::Backup>, AppError> {
    let (ctx, actor) = server::actor().await?;
    Ok(domain::backups::list(&ctx, actor.grant()?, query, &filter).await?)
}

/// What the restore page of instance `id` offers.
/// `backup` (may be empty) is the backup a restore starts from.
#[server(endpoint = "restore_options", output = crate::wire::Answer)]
pub async fn restore_options(id: String, backup: String) -> Result<model::RestoreChoices, AppError> {
    let (ctx, actor) = server::actor().await?;
    let backup = Some(backup.trim()).filter(|b| !b.is_empty());
    Ok(domain::backups::restore_choices(&ctx, actor.grant()?, &id, backup).await?)
}
