//! DB instances.

use crate::{gateway, Actor, Context, DomainError};
use rds::types::DbInstance;

/// All instances of the project, as upstream lists them.
pub async fn list(ctx: &Context, actor: &Actor) -> Result<Vec<DbInstance>, DomainError> {
    let creds = gateway::reader(ctx, actor).await?;
    Ok(ctx.rds.db_instances(&creds).await?.db_instances)
}
