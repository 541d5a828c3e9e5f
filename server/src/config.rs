//! Settings: flags, then environment variables, then `pgdeck.toml`, then
//! defaults. Checked once at start; a bad value stops pgdeck with the
//! setting's name and the reason.

use anyhow::{bail, Context as _};
use serde::Deserialize;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

/// `pgdeck serve` options as given on the command line or in the environment.
#[derive(Debug, Default, Clone, clap::Args)]
pub struct ServeArgs {
    /// Address to listen on [default: 127.0.0.1:3000]
    #[arg(long, env = "PGDECK_LISTEN")]
    pub listen: Option<String>,
    /// Directory for the database and key files [default: ./data]
    #[arg(long, env = "PGDECK_DATA_DIR")]
    pub data_dir: Option<PathBuf>,
    /// RDS API base URL of the default region
    /// [default: https://kr1-rds-postgres.api.nhncloudservice.com]
    #[arg(long, env = "PGDECK_API_BASE")]
    pub api_base: Option<String>,
    /// NHN Cloud OAuth base URL [default: https://oauth.api.nhncloudservice.com]
    #[arg(long, env = "PGDECK_OAUTH_BASE")]
    pub oauth_base: Option<String>,
    /// Run against the built-in emulator instead of NHN Cloud
    #[arg(long, env = "PGDECK_SANDBOX")]
    pub sandbox: bool,
    /// In sandbox mode: how long an emulated job takes, in seconds [default: 3]
    #[arg(long, env = "PGDECK_SANDBOX_JOB_SECONDS")]
    pub sandbox_job_seconds: Option<f64>,
    /// Master key file for secrets at rest [default: <data-dir>/master.key, created when absent]
    #[arg(long, env = "PGDECK_MASTER_KEY_FILE")]
    pub master_key_file: Option<PathBuf>,
    /// Minutes of inactivity that end a session [default: 30]
    #[arg(long, env = "PGDECK_SESSION_IDLE_MINUTES")]
    pub session_idle_minutes: Option<u64>,
    /// Hours after sign-in that end a session [default: 12]
    #[arg(long, env = "PGDECK_SESSION_LIFETIME_HOURS")]
    pub session_lifetime_hours: Option<u64>,
    /// Mark cookies Secure (set when a TLS proxy fronts pgdeck) [default: false]
    #[arg(long, env = "PGDECK_SECURE_COOKIES")]
    pub secure_cookies: bool,
    /// Proxies (addresses or CIDRs, comma-separated) whose X-Forwarded-For
    /// is believed: the client is the right-most entry that is not one of
    /// them [default: none, the connection's own address]
    #[arg(long, env = "PGDECK_TRUSTED_PROXIES", value_delimiter = ',')]
    pub trusted_proxies: Vec<String>,
    /// Replaced by PGDECK_TRUSTED_PROXIES; refused when set
    #[arg(long, env = "PGDECK_TRUST_PROXY", hide = true)]
    pub trust_proxy: Option<String>,
    /// Approval requests one member may have open at once [default: 50]
    #[arg(long, env = "PGDECK_MAX_OPEN_REQUESTS")]
    pub max_open_requests: Option<i64>,
    /// Who may sign in with a password: all, admins (break-glass admin
    /// accounts only) or off [default: all]
    #[arg(long, env = "PGDECK_LOCAL_PASSWORDS")]
    pub local_passwords: Option<String>,
    /// The language of pages for members who chose none and whose browser
    /// asks for neither English nor Korean: en or ko [default: en]
    #[arg(long, env = "PGDECK_DEFAULT_LANGUAGE")]
    pub default_language: Option<String>,
    /// The identity provider's issuer URL (OpenID Connect discovery); sets
    /// sign-in through the provider on [default: off]
    #[arg(long, env = "PGDECK_OIDC_ISSUER")]
    pub oidc_issuer: Option<String>,
    /// pgdeck's client id at the provider
    #[arg(long, env = "PGDECK_OIDC_CLIENT_ID")]
    pub oidc_client_id: Option<String>,
    /// The client secret (prefer PGDECK_OIDC_CLIENT_SECRET_FILE)
    #[arg(long, env = "PGDECK_OIDC_CLIENT_SECRET", hide_env_values = true)]
    pub oidc_client_secret: Option<String>,
    /// A file holding the client secret
    #[arg(long, env = "PGDECK_OIDC_CLIENT_SECRET_FILE")]
    pub oidc_client_secret_file: Option<PathBuf>,
    /// Scopes asked for, comma-separated [default: openid,profile,email,groups]
    #[arg(long, env = "PGDECK_OIDC_SCOPES")]
    pub oidc_scopes: Option<String>,
    /// The ID token claim listing the member's groups [default: groups]
    #[arg(long, env = "PGDECK_OIDC_GROUPS_CLAIM")]
    pub oidc_groups_claim: Option<String>,
    /// Groups to roles: "group=role,group=role"; several mapped groups give
    /// the most powerful role (admin, approver, operator, auditor, viewer)
    #[arg(long, env = "PGDECK_OIDC_ROLE_MAP")]
    pub oidc_role_map: Option<String>,
    /// The provider's name on the sign-in page [default: your identity provider]
    #[arg(long, env = "PGDECK_OIDC_NAME")]
    pub oidc_name: Option<String>,
    /// pgdeck's address as browsers reach it (the provider sends members back
    /// to PUBLIC_URL/auth/oidc/callback)
    #[arg(long, env = "PGDECK_PUBLIC_URL")]
    pub public_url: Option<String>,
    /// The longest a personal API token may last, in days [default: 365]
    #[arg(long, env = "PGDECK_TOKEN_MAX_DAYS")]
    pub token_max_days: Option<i64>,
    /// Requests pgdeck sends to the RDS API per credential: RATE a second,
    /// with bursts of BURST ("RATE" or "RATE,BURST") [default: 10,10]
    #[arg(long, env = "PGDECK_UPSTREAM_RATE")]
    pub upstream_rate: Option<String>,
    /// Minutes a job may report a state pgdeck does not know, unchanged,
    /// before it is taken as ended with its outcome unknown [default: 60]
    #[arg(long, env = "PGDECK_UNKNOWN_JOB_STATE_MINUTES")]
    pub unknown_job_state_minutes: Option<u64>,
    /// Region addresses allowed for credentials beyond NHN Cloud's own,
    /// comma-separated (for private endpoints and tests)
    #[arg(long, env = "PGDECK_ALLOWED_API_BASES", value_delimiter = ',')]
    pub allowed_api_bases: Vec<String>,
    /// Internal webhook hosts (`host` or `host:port`) allowed anyway, comma-separated
    #[arg(long, env = "PGDECK_ALLOWED_WEBHOOK_HOSTS", value_delimiter = ',')]
    pub allowed_webhook_hosts: Vec<String>,
    /// Serve Prometheus metrics on this separate address (off when unset)
    #[arg(long, env = "PGDECK_METRICS_LISTEN")]
    pub metrics_listen: Option<String>,
    /// How long shutdown waits for requests in flight, in seconds [default: 10]
    #[arg(long, env = "PGDECK_SHUTDOWN_GRACE_SECONDS")]
    pub shutdown_grace_seconds: Option<u64>,
    /// How long a connection may take to send a request's headers, and an
    /// idle kept-alive connection stays open, in seconds [default: 30]
    #[arg(long, env = "PGDECK_HEADER_TIMEOUT_SECONDS")]
    pub header_timeout_seconds: Option<u64>,
    /// Settings file [default: ./pgdeck.toml when it exists]
    #[arg(long, env = "PGDECK_CONFIG")]
    pub config: Option<PathBuf>,
}

/// The same settings in `pgdeck.toml` (snake_case keys).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSettings {
    listen: Option<String>,
    data_dir: Option<PathBuf>,
    api_base: Option<String>,
    oauth_base: Option<String>,
    sandbox: Option<bool>,
    sandbox_job_seconds: Option<f64>,
    master_key_file: Option<PathBuf>,
    session_idle_minutes: Option<u64>,
    session_lifetime_hours: Option<u64>,
    secure_cookies: Option<bool>,
    trusted_proxies: Option<Vec<String>>,
    trust_proxy: Option<toml::Value>,
    max_open_requests: Option<i64>,
    token_max_days: Option<i64>,
    local_passwords: Option<String>,
    default_language: Option<String>,
    oidc_issuer: Option<String>,
    oidc_client_id: Option<String>,
    oidc_client_secret_file: Option<PathBuf>,
    oidc_scopes: Option<String>,
    oidc_groups_claim: Option<String>,
    oidc_role_map: Option<String>,
    oidc_name: Option<String>,
    public_url: Option<String>,
    upstream_rate: Option<String>,
    unknown_job_state_minutes: Option<u64>,
    allowed_api_bases: Option<Vec<String>>,
    allowed_webhook_hosts: Option<Vec<String>>,
    metrics_listen: Option<String>,
    shutdown_grace_seconds: Option<u64>,
    header_timeout_seconds: Option<u64>,
}

/// Checked settings for `pgdeck serve`.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    pub listen: SocketAddr,
    pub data_dir: PathBuf,
    pub api_base: String,
    pub oauth_base: String,
    pub sandbox: bool,
    pub sandbox_job_seconds: f64,
    pub master_key_file: PathBuf,
    pub session_idle: std::time::Duration,
    pub session_lifetime: std::time::Duration,
    pub secure_cookies: bool,
    pub trusted_proxies: crate::proxies::TrustedProxies,
    pub max_open_requests: i64,
    pub token_max_days: i64,
    pub local_passwords: domain::settings::LocalPasswords,
    pub default_language: lang::Lang,
    pub oidc: Option<OidcConfig>,
    pub upstream_rate: (f64, u32),
    pub unknown_job_state_after: std::time::Duration,
    pub allowed_api_bases: Vec<String>,
    pub allowed_webhook_hosts: Vec<String>,
    pub metrics_listen: Option<SocketAddr>,
    pub shutdown_grace: std::time::Duration,
    pub header_timeout: std::time::Duration,
}

fn read_file(path: Option<&Path>) -> anyhow::Result<FileSettings> {
    let (path, required) = match path {
        Some(p) => (p.to_path_buf(), true),
        None => (PathBuf::from("pgdeck.toml"), false),
    };
    match std::fs::read_to_string(&path) {
        Ok(text) => toml::from_str(&text).with_context(|| format!("config file {}: invalid", path.display())),
        Err(e) if !required && e.kind() == std::io::ErrorKind::NotFound => Ok(FileSettings::default()),
        Err(e) => Err(e).with_context(|| format!("config file {}: cannot read", path.display())),
    }
}

/// Checks a base URL: http(s), a host, no query.
pub fn check_url(name: &str, value: &str) -> anyhow::Result<String> {
    let url = url::Url::parse(value).map_err(|e| anyhow::anyhow!("{name}: {value:?} is not a URL ({e})"))?;
    if !matches!(url.scheme(), "http" | "https") {
        bail!("{name}: {value:?} must start with https:// (or http:// for a local emulator)");
    }
    if url.host_str().is_none() {
        bail!("{name}: {value:?} has no host");
    }
    if url.query().is_some() || url.fragment().is_some() {
        bail!("{name}: {value:?} must not carry a query or fragment");
    }
    Ok(value.trim_end_matches('/').to_string())
}

impl ServeArgs {
    /// Merges flags, environment, file and defaults, and checks every value.
    pub fn resolve(self) -> anyhow::Result<ServeConfig> {
        let file = read_file(self.config.as_deref())?;
        let listen_text = self.listen.or(file.listen).unwrap_or_else(|| "127.0.0.1:3000".into());
        let listen: SocketAddr = listen_text
            .parse()
            .map_err(|_| anyhow::anyhow!("PGDECK_LISTEN / --listen: {listen_text:?} is not an address such as 127.0.0.1:3000"))?;
        let data_dir = self.data_dir.or(file.data_dir).unwrap_or_else(|| PathBuf::from("./data"));
        if data_dir.as_os_str().is_empty() {
            bail!("PGDECK_DATA_DIR / --data-dir: must not be empty");
        }
        let api_base = check_url(
            "PGDECK_API_BASE / --api-base",
            &self.api_base.or(file.api_base).unwrap_or_else(|| domain::settings::DEFAULT_API_BASE.into()),
        )?;
        let oauth_base = check_url(
            "PGDECK_OAUTH_BASE / --oauth-base",
            &self.oauth_base.or(file.oauth_base).unwrap_or_else(|| domain::settings::DEFAULT_OAUTH_BASE.into()),
        )?;
        let sandbox = self.sandbox || file.sandbox.unwrap_or(false);
        let job = self.sandbox_job_seconds.or(file.sandbox_job_seconds).unwrap_or(3.0);
        if !(0.0..=3600.0).contains(&job) || job.is_nan() {
            bail!("PGDECK_SANDBOX_JOB_SECONDS / --sandbox-job-seconds: must be between 0 and 3600, got {job}");
        }
        let master_key_file = self.master_key_file.or(file.master_key_file).unwrap_or_else(|| data_dir.join("master.key"));
        let idle = self.session_idle_minutes.or(file.session_idle_minutes).unwrap_or(30);
        if !(1..=24 * 60).contains(&idle) {
            bail!("PGDECK_SESSION_IDLE_MINUTES / --session-idle-minutes: must be between 1 and 1440, got {idle}");
        }
        let lifetime = self.session_lifetime_hours.or(file.session_lifetime_hours).unwrap_or(12);
        if !(1..=24 * 30).contains(&lifetime) {
            bail!("PGDECK_SESSION_LIFETIME_HOURS / --session-lifetime-hours: must be between 1 and 720, got {lifetime}");
        }
        let allowed_api_bases =
            if self.allowed_api_bases.is_empty() { file.allowed_api_bases.unwrap_or_default() } else { self.allowed_api_bases };
        let allowed_api_bases = allowed_api_bases
            .iter()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .map(|s| check_url("PGDECK_ALLOWED_API_BASES / --allowed-api-bases", s))
            .collect::<anyhow::Result<Vec<_>>>()?;
        let allowed_webhook_hosts =
            if self.allowed_webhook_hosts.is_empty() { file.allowed_webhook_hosts.unwrap_or_default() } else { self.allowed_webhook_hosts };
        let allowed_webhook_hosts: Vec<String> =
            allowed_webhook_hosts.iter().map(|s| s.trim().to_ascii_lowercase()).filter(|s| !s.is_empty()).collect();
        if let Some(bad) = allowed_webhook_hosts.iter().find(|h| h.contains(['/', '@', ' '])) {
            bail!("PGDECK_ALLOWED_WEBHOOK_HOSTS / --allowed-webhook-hosts: {bad:?} must be a host or host:port");
        }
        if self.trust_proxy.is_some() || file.trust_proxy.is_some() {
            bail!(
                "PGDECK_TRUST_PROXY / --trust-proxy: replaced by PGDECK_TRUSTED_PROXIES, the addresses or CIDRs of the proxies in front \
                 of pgdeck (e.g. 127.0.0.1 for nginx on the same host)"
            );
        }
        let proxies = if self.trusted_proxies.is_empty() { file.trusted_proxies.unwrap_or_default() } else { self.trusted_proxies };
        let trusted_proxies = crate::proxies::TrustedProxies::parse(&proxies)
            .map_err(|e| anyhow::anyhow!("PGDECK_TRUSTED_PROXIES / --trusted-proxies: {e}"))?;
        let max_open_requests = self.max_open_requests.or(file.max_open_requests).unwrap_or(domain::settings::DEFAULT_MAX_OPEN_REQUESTS);
        if !(1..=10_000).contains(&max_open_requests) {
            bail!("PGDECK_MAX_OPEN_REQUESTS / --max-open-requests: must be between 1 and 10000, got {max_open_requests}");
        }
        let token_max_days = self.token_max_days.or(file.token_max_days).unwrap_or(365);
        if !(1..=3650).contains(&token_max_days) {
            bail!("PGDECK_TOKEN_MAX_DAYS / --token-max-days: must be between 1 and 3650, got {token_max_days}");
        }
        let local_passwords = match self.local_passwords.or(file.local_passwords) {
            Some(t) => t.parse().map_err(|e| anyhow::anyhow!("PGDECK_LOCAL_PASSWORDS / --local-passwords: {e}"))?,
            None => domain::settings::LocalPasswords::All,
        };
        let default_language = match self.default_language.or(file.default_language) {
            Some(code) => match lang::Lang::from_code(code.trim()) {
                Some(l) => l,
                None => bail!("PGDECK_DEFAULT_LANGUAGE / --default-language: must be en or ko, got {code:?}"),
            },
            None => lang::Lang::En,
        };
        let oidc = match self.oidc_issuer.or(file.oidc_issuer).filter(|s| !s.trim().is_empty()) {
            None => None,
            Some(issuer) => {
                let need = |v: Option<String>, name: &str| {
                    v.filter(|s| !s.trim().is_empty()).ok_or_else(|| anyhow::anyhow!("PGDECK_OIDC_ISSUER is set: {name} is needed too"))
                };
                let client_id = need(self.oidc_client_id.or(file.oidc_client_id), "PGDECK_OIDC_CLIENT_ID")?;
                let client_secret = match (self.oidc_client_secret, self.oidc_client_secret_file.or(file.oidc_client_secret_file)) {
                    (Some(s), _) if !s.is_empty() => s,
                    (_, Some(path)) => std::fs::read_to_string(&path)
                        .map_err(|e| anyhow::anyhow!("PGDECK_OIDC_CLIENT_SECRET_FILE {}: {e}", path.display()))?
                        .trim()
                        .to_string(),
                    _ => bail!("PGDECK_OIDC_ISSUER is set: PGDECK_OIDC_CLIENT_SECRET_FILE (or PGDECK_OIDC_CLIENT_SECRET) is needed too"),
                };
                let role_map = domain::sso::parse_role_map(&need(self.oidc_role_map.or(file.oidc_role_map), "PGDECK_OIDC_ROLE_MAP")?)
                    .map_err(|e| anyhow::anyhow!("PGDECK_OIDC_ROLE_MAP / --oidc-role-map: {e}"))?;
                let public_url = need(self.public_url.or(file.public_url), "PGDECK_PUBLIC_URL")?;
                if !(public_url.starts_with("https://") || public_url.starts_with("http://")) {
                    bail!("PGDECK_PUBLIC_URL / --public-url: {public_url:?} is not an http(s) address");
                }
                let scopes = self.oidc_scopes.or(file.oidc_scopes).unwrap_or_else(|| "openid,profile,email,groups".into());
                Some(OidcConfig {
                    issuer: issuer.trim().to_string(),
                    client_id,
                    client_secret,
                    scopes: scopes.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect(),
                    groups_claim: self.oidc_groups_claim.or(file.oidc_groups_claim).unwrap_or_else(|| "groups".into()),
                    role_map,
                    name: self.oidc_name.or(file.oidc_name).unwrap_or_else(|| "your identity provider".into()),
                    public_url,
                })
            }
        };
        let upstream_rate = match self.upstream_rate.or(file.upstream_rate) {
            Some(text) => parse_rate(&text).map_err(|e| anyhow::anyhow!("PGDECK_UPSTREAM_RATE / --upstream-rate: {e}"))?,
            None => (rds::budget::DEFAULT_RATE, rds::budget::DEFAULT_BURST),
        };
        let unknown_minutes = self.unknown_job_state_minutes.or(file.unknown_job_state_minutes).unwrap_or(60);
        if !(1..=7 * 24 * 60).contains(&unknown_minutes) {
            bail!("PGDECK_UNKNOWN_JOB_STATE_MINUTES / --unknown-job-state-minutes: must be between 1 and 10080, got {unknown_minutes}");
        }
        let metrics_listen = match self.metrics_listen.or(file.metrics_listen).filter(|s| !s.trim().is_empty()) {
            Some(t) => Some(t.parse::<SocketAddr>().map_err(|_| {
                anyhow::anyhow!("PGDECK_METRICS_LISTEN / --metrics-listen: {t:?} is not an address such as 127.0.0.1:9300")
            })?),
            None => None,
        };
        let grace = self.shutdown_grace_seconds.or(file.shutdown_grace_seconds).unwrap_or(10);
        if grace > 600 {
            bail!("PGDECK_SHUTDOWN_GRACE_SECONDS / --shutdown-grace-seconds: must be at most 600, got {grace}");
        }
        let header_timeout = self.header_timeout_seconds.or(file.header_timeout_seconds).unwrap_or(30);
        if !(1..=600).contains(&header_timeout) {
            bail!("PGDECK_HEADER_TIMEOUT_SECONDS / --header-timeout-seconds: must be 1 to 600, got {header_timeout}");
        }
        Ok(ServeConfig {
            listen,
            data_dir,
            api_base,
            oauth_base,
            sandbox,
            sandbox_job_seconds: job,
            master_key_file,
            session_idle: std::time::Duration::from_secs(idle * 60),
            session_lifetime: std::time::Duration::from_secs(lifetime * 3600),
            secure_cookies: self.secure_cookies || file.secure_cookies.unwrap_or(false),
            trusted_proxies,
            max_open_requests,
            token_max_days,
            local_passwords,
            default_language,
            oidc,
            upstream_rate,
            unknown_job_state_after: std::time::Duration::from_secs(unknown_minutes * 60),
            allowed_api_bases,
            allowed_webhook_hosts,
            metrics_listen,
            shutdown_grace: std::time::Duration::from_secs(grace),
            header_timeout: std::time::Duration::from_secs(header_timeout),
        })
    }
}

/// "RATE" or "RATE,BURST": requests a second (0.1–1000) and burst (1–1000;
/// the rate rounded up when left out).
fn parse_rate(text: &str) -> Result<(f64, u32), String> {
    let (rate, burst) = match text.split_once(',') {
        Some((r, b)) => (r.trim(), Some(b.trim())),
        None => (text.trim(), None),
    };
    let rate: f64 = rate.parse().map_err(|_| format!("{rate:?} is not a number of requests a second (e.g. 10 or 10,20)"))?;
    if !(0.1..=1000.0).contains(&rate) {
        return Err(format!("the rate must be between 0.1 and 1000 requests a second, got {rate}"));
    }
    let burst = match burst {
        Some(b) => b.parse::<u32>().map_err(|_| format!("{b:?} is not a whole number of requests"))?,
        None => rate.ceil() as u32,
    };
    if !(1..=1000).contains(&burst) {
        return Err(format!("the burst must be between 1 and 1000 requests, got {burst}"));
    }
    Ok((rate, burst))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_local_and_point_at_pangyo() {
        let c = ServeArgs { config: Some(PathBuf::from("/nonexistent-ok")), ..Default::default() };
        // An explicit missing file is an error; no file at all uses defaults.
        assert!(c.resolve().is_err());
        let c = ServeArgs::default().resolve().unwrap();
        assert_eq!(c.listen.to_string(), "127.0.0.1:3000");
        assert_eq!(c.api_base, "https://kr1-rds-postgres.api.nhncloudservice.com");
    }

    #[test]
    fn a_bad_listen_address_names_the_setting() {
        let e = ServeArgs { listen: Some("nowhere".into()), ..Default::default() }.resolve().unwrap_err();
        assert!(e.to_string().contains("PGDECK_LISTEN"), "{e}");
    }

    #[test]
    fn the_old_proxy_switch_is_refused_and_proxies_are_checked() {
        let e = ServeArgs { trust_proxy: Some("true".into()), ..Default::default() }.resolve().unwrap_err();
        assert!(e.to_string().contains("PGDECK_TRUSTED_PROXIES"), "{e}");
        let e = ServeArgs { trusted_proxies: vec!["nginx".into()], ..Default::default() }.resolve().unwrap_err();
        assert!(e.to_string().contains("PGDECK_TRUSTED_PROXIES"), "{e}");
        let c = ServeArgs { trusted_proxies: vec!["127.0.0.1".into(), "10.0.0.0/8".into()], ..Default::default() }.resolve().unwrap();
        assert!(c.trusted_proxies.contains("10.1.2.3".parse().unwrap()));
    }

    #[test]
    fn a_bad_url_names_the_setting() {
        let e = ServeArgs { api_base: Some("ftp://x".into()), ..Default::default() }.resolve().unwrap_err();
        assert!(e.to_string().contains("PGDECK_API_BASE"), "{e}");
    }

    #[test]
    fn the_upstream_budget_is_read_and_checked() {
        let c = ServeArgs::default().resolve().unwrap();
        assert_eq!(c.upstream_rate, (rds::budget::DEFAULT_RATE, rds::budget::DEFAULT_BURST));
        let c = ServeArgs { upstream_rate: Some("12.5, 30".into()), ..Default::default() }.resolve().unwrap();
        assert_eq!(c.upstream_rate, (12.5, 30));
        let c = ServeArgs { upstream_rate: Some("8".into()), ..Default::default() }.resolve().unwrap();
        assert_eq!(c.upstream_rate, (8.0, 8));
        for bad in ["fast", "0", "10,0", "10,x", "5000"] {
            let e = ServeArgs { upstream_rate: Some(bad.into()), ..Default::default() }.resolve().unwrap_err();
            assert!(e.to_string().contains("PGDECK_UPSTREAM_RATE"), "{bad}: {e}");
        }
    }
}

/// Sign-in through the company's identity provider (OpenID Connect).
#[derive(Clone)]
pub struct OidcConfig {
    pub issuer: String,
    pub client_id: String,
    pub client_secret: String,
    pub scopes: Vec<String>,
    pub groups_claim: String,
    pub role_map: Vec<(String, domain::Role)>,
    pub name: String,
    pub public_url: String,
}

impl std::fmt::Debug for OidcConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OidcConfig")
            .field("issuer", &self.issuer)
            .field("client_id", &self.client_id)
            .field("client_secret", &"***")
            .field("scopes", &self.scopes)
            .field("groups_claim", &self.groups_claim)
            .field("role_map", &self.role_map)
            .field("name", &self.name)
            .field("public_url", &self.public_url)
            .finish()
    }
}
