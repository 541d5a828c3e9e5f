//! Settings the domain needs, validated by the server at start.

use std::path::PathBuf;

/// Korea (Pangyo), the default region.
pub const DEFAULT_API_BASE: &str = "https://kr1-rds-postgres.api.nhncloudservice.com";
/// NHN Cloud's OAuth endpoint.
pub const DEFAULT_OAUTH_BASE: &str = "https://oauth.api.nhncloudservice.com";

/// Runtime settings.
#[derive(Clone, Debug)]
pub struct Settings {
    /// Whether upstream is the built-in sandbox.
    pub sandbox: bool,
    /// RDS API base URL used when a credential names none.
    pub api_base: String,
    /// OAuth base URL.
    pub oauth_base: String,
    /// Where the database and key files live.
    pub data_dir: PathBuf,
}
