//! pgdeck's server-side logic. Nothing here knows about Leptos or HTTP
//! routing: the UI's server functions and the CLI call in, and every upstream
//! call leaves through [`gateway`].

pub mod db;
pub mod error;
pub mod gateway;
pub mod instances;
pub mod settings;

pub use error::{error_reference, DomainError};
pub use settings::Settings;

use rds::client::RdsClient;
use sqlx::SqlitePool;
use std::sync::Arc;

/// Everything a request needs: one per server, cheap to clone.
#[derive(Clone)]
pub struct Context {
    pub pool: SqlitePool,
    pub rds: RdsClient,
    pub settings: Arc<Settings>,
}

impl std::fmt::Debug for Context {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Context").field("settings", &self.settings).finish()
    }
}

impl Context {
    /// Builds the context: the RDS client with the configured OAuth endpoint.
    pub fn new(pool: SqlitePool, settings: Settings) -> Result<Self, DomainError> {
        let rds = RdsClient::new(rds::client::ClientConfig { oauth_base: settings.oauth_base.clone(), ..Default::default() })
            .map_err(|e| DomainError::Internal(anyhow::anyhow!("building the RDS client: {e}")))?;
        Ok(Self { pool, rds, settings: Arc::new(settings) })
    }
}
