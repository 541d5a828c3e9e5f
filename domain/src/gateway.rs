//! The one path to upstream. Every call to `rds::client` goes through here.

use crate::{credentials, Actor, Context, DomainError, Permission};
use rds::client::Credentials;

/// The credentials `actor` acts with, after checking they may read.
pub async fn reader(ctx: &Context, actor: &Actor) -> Result<Credentials, DomainError> {
    actor.require(Permission::Read)?;
    Ok(credentials::acting(ctx, actor.user_id).await?.1)
}
