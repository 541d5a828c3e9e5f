//! Server functions. Each reads the request context and calls `domain`.

use crate::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// What every page needs to know about the server.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ServerInfo {
    pub version: String,
    /// Whether pgdeck runs against its built-in emulator.
    pub sandbox: bool,
}

#[cfg(feature = "ssr")]
pub(crate) fn ctx() -> Result<domain::Context, AppError> {
    use_context::<domain::Context>().ok_or_else(|| AppError::Internal("no-context".into()))
}

/// Version and mode of this pgdeck.
#[server]
pub async fn app_info() -> Result<ServerInfo, AppError> {
    let ctx = ctx()?;
    Ok(ServerInfo { version: env!("CARGO_PKG_VERSION").to_string(), sandbox: ctx.settings.sandbox })
}

/// The DB instances of the project.
#[server]
pub async fn list_instances() -> Result<Vec<rds::types::DbInstance>, AppError> {
    let ctx = ctx()?;
    Ok(domain::instances::list(&ctx).await?)
}
