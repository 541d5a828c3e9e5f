//! The one path to upstream. Every call to `rds::client` goes through here.

use crate::{Context, DomainError};
use rds::client::Credentials;

/// The credentials a call acts with.
///
/// Until team accounts exist, sandbox mode acts with the sandbox's demo
/// ADMIN keys; outside sandbox mode there are none yet.
pub fn acting_credentials(ctx: &Context) -> Result<Credentials, DomainError> {
    if ctx.settings.sandbox {
        Ok(Credentials {
            api_base: ctx.settings.api_base.clone(),
            appkey: "sandbox-appkey".into(),
            access_key_id: "sandbox-admin".into(),
            secret_access_key: "sandbox-admin-secret".into(),
        })
    } else {
        Err(DomainError::NoCredentials)
    }
}
