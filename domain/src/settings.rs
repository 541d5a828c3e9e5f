//! Settings the domain needs, validated by the server at start.

use std::path::PathBuf;
use std::time::Duration;

/// Korea (Pangyo), the default region.
pub const DEFAULT_API_BASE: &str = "https://kr1-rds-postgres.api.nhncloudservice.com";
/// NHN Cloud's OAuth endpoint.
pub const DEFAULT_OAUTH_BASE: &str = "https://oauth.api.nhncloudservice.com";

/// Approval requests one member may have open at once, unless set.
pub const DEFAULT_MAX_OPEN_REQUESTS: i64 = 50;

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
    /// A session unused this long ends.
    pub session_idle: Duration,
    /// A session ends this long after sign-in, used or not.
    pub session_lifetime: Duration,
    /// Region addresses an admin allowed beyond NHN Cloud's own
    /// (`PGDECK_ALLOWED_API_BASES`), see [`crate::outbound`].
    pub allowed_api_bases: Vec<String>,
    /// Webhook hosts (`host` or `host:port`) an admin allowed even though
    /// they are internal (`PGDECK_ALLOWED_WEBHOOK_HOSTS`).
    pub allowed_webhook_hosts: Vec<String>,
    /// Approval requests one member may have open at once
    /// (`PGDECK_MAX_OPEN_REQUESTS`).
    pub max_open_requests: i64,
    /// A job whose state pgdeck does not know and that has not changed for
    /// this long is taken as ended, outcome unknown
    /// (`PGDECK_UNKNOWN_JOB_STATE_MINUTES`).
    pub unknown_job_state_after: Duration,
    /// Requests a second, and burst, pgdeck sends per credential
    /// (`PGDECK_UPSTREAM_RATE`, see `rds::budget`).
    pub upstream_rate: (f64, u32),
    /// Who may sign in with a password (`PGDECK_LOCAL_PASSWORDS`).
    pub local_passwords: LocalPasswords,
    /// The identity provider's name on the sign-in page, when members sign
    /// in through one (`PGDECK_OIDC_*`).
    pub sso_name: Option<String>,
    /// The longest a personal API token may last, in days
    /// (`PGDECK_TOKEN_MAX_DAYS`, a year unless set).
    pub token_max_days: i64,
    /// Whether this context serves the panel (the command line's authority
    /// is then refused, see `actor::LocalOperator`).
    pub serving: bool,
}

impl Settings {
    /// Settings for tests and tools: sandbox off, defaults elsewhere.
    pub fn new(data_dir: PathBuf) -> Self {
        Self {
            sandbox: false,
            api_base: DEFAULT_API_BASE.into(),
            oauth_base: DEFAULT_OAUTH_BASE.into(),
            data_dir,
            session_idle: Duration::from_secs(30 * 60),
            session_lifetime: Duration::from_secs(12 * 3600),
            allowed_api_bases: Vec::new(),
            allowed_webhook_hosts: Vec::new(),
            max_open_requests: DEFAULT_MAX_OPEN_REQUESTS,
            unknown_job_state_after: Duration::from_secs(60 * 60),
            upstream_rate: (rds::budget::DEFAULT_RATE, rds::budget::DEFAULT_BURST),
            token_max_days: 365,
            local_passwords: LocalPasswords::All,
            sso_name: None,
            serving: false,
        }
    }
}

/// Who may sign in with a password.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LocalPasswords {
    /// Every member with a password.
    All,
    /// Admins only: break-glass accounts while the identity provider is down.
    Admins,
    /// Nobody: members sign in through the identity provider.
    Off,
}

impl LocalPasswords {
    pub fn as_str(self) -> &'static str {
        match self {
            LocalPasswords::All => "all",
            LocalPasswords::Admins => "admins",
            LocalPasswords::Off => "off",
        }
    }
}

impl std::str::FromStr for LocalPasswords {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim() {
            "all" => Ok(LocalPasswords::All),
            "admins" => Ok(LocalPasswords::Admins),
            "off" => Ok(LocalPasswords::Off),
            other => Err(format!("{other:?}: use all, admins or off")),
        }
    }
}
