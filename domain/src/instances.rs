//! DB instances.

use crate::{gateway, Context, DomainError};
use rds::types::DbInstance;

/// All instances of the project, as upstream lists them.
pub async fn list(ctx: &Context) -> Result<Vec<DbInstance>, DomainError> {
    let creds = gateway::acting_credentials(ctx)?;
    Ok(ctx.rds.db_instances(&creds).await?.db_instances)
}
