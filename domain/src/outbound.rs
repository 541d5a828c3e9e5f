//! Where pgdeck may send requests on a member's behalf.
//!
//! A credential's region address decides where pgdeck sends the member's
//! appkey and a token; a webhook decides where approval notices go. Both are
//! typed by people, so both are held to a list: NHN Cloud's RDS for
//! PostgreSQL regions (plus what an admin allowed with
//! `PGDECK_ALLOWED_API_BASES`), and for webhooks any public address but no
//! loopback, private, link-local or otherwise internal one unless an admin
//! allowed that host with `PGDECK_ALLOWED_WEBHOOK_HOSTS`. Redirects from
//! either are never followed.

use crate::settings::Settings;
use rds::ValidationError;
use std::net::{IpAddr, SocketAddr};

/// NHN Cloud's RDS for PostgreSQL API, region by region.
pub const REGION_API_BASES: &[(&str, &str)] = &[
    ("kr1", "https://kr1-rds-postgres.api.nhncloudservice.com"),
    ("kr2", "https://kr2-rds-postgres.api.nhncloudservice.com"),
    ("jp1", "https://jp1-rds-postgres.api.nhncloudservice.com"),
];

fn normalise(base: &str) -> String {
    base.trim().trim_end_matches('/').to_ascii_lowercase()
}

/// Checks a credential's region address; answers it normalised (no
/// trailing `/`). Allowed: a built-in region, the configured default
/// (`PGDECK_API_BASE`), or an address in `PGDECK_ALLOWED_API_BASES`.
/// Outside sandbox mode only `https://` is accepted, unless an admin listed
/// the `http://` address itself.
pub fn check_api_base(settings: &Settings, base: &str) -> Result<String, ValidationError> {
    let refuse = |code: &str, args: &[&(dyn std::fmt::Display + Sync)]| Err(crate::refused("api_base", code, args));
    let given = normalise(base);
    if given.len() > 200 {
        return refuse("longer-than", &[&200]);
    }
    let url = match url::Url::parse(&given) {
        Ok(u) if matches!(u.scheme(), "http" | "https") && u.host_str().is_some() => u,
        _ => return refuse("not-http", &[&format!("{given:?}")]),
    };
    if !url.username().is_empty() || url.password().is_some() || url.query().is_some() || url.fragment().is_some() {
        return refuse("plain-address", &[]);
    }
    let admin_allowed = settings.allowed_api_bases.iter().any(|a| normalise(a) == given);
    let known = REGION_API_BASES.iter().any(|(_, b)| *b == given) || normalise(&settings.api_base) == given;
    if !(known || admin_allowed) {
        let regions: Vec<&str> = REGION_API_BASES.iter().map(|(r, _)| *r).collect();
        return refuse("not-region", &[&given, &regions.join(", ")]);
    }
    if url.scheme() != "https" && !settings.sandbox && !admin_allowed {
        return refuse("api-base-https", &[&given]);
    }
    Ok(given)
}

/// `host` or `host:port` of a URL, as admins write them in the allowlist.
fn host_keys(url: &url::Url) -> (String, String) {
    let host = url.host_str().unwrap_or("").trim_matches(['[', ']']).to_ascii_lowercase();
    let port = url.port_or_known_default().unwrap_or(0);
    (host.clone(), format!("{host}:{port}"))
}

fn webhook_host_allowed(settings: &Settings, url: &url::Url) -> bool {
    let (host, host_port) = host_keys(url);
    let listed = settings.allowed_webhook_hosts.iter().map(|h| h.trim().to_ascii_lowercase()).any(|h| h == host || h == host_port);
    // In sandbox mode the built-in emulator (which offers a webhook sink) is fine.
    let sandbox_sink = settings.sandbox && url::Url::parse(&settings.api_base).ok().map(|b| host_keys(&b).1 == host_port).unwrap_or(false);
    listed || sandbox_sink
}

/// Checks a webhook address as typed: http(s), a host, and no internal
/// address (literal, or `localhost`) unless an admin allowed the host.
pub fn check_webhook_url(settings: &Settings, raw: &str) -> Result<url::Url, ValidationError> {
    let refuse = |code: &str, args: &[&(dyn std::fmt::Display + Sync)]| Err(crate::refused("url", code, args));
    let raw = raw.trim();
    if raw.len() > 500 {
        return refuse("longer-than", &[&500]);
    }
    let url = match url::Url::parse(raw) {
        Ok(u) if matches!(u.scheme(), "http" | "https") && u.host_str().is_some() => u,
        _ => return refuse("https-only", &[]),
    };
    if !url.username().is_empty() || url.password().is_some() {
        return refuse("url-userinfo", &[]);
    }
    if webhook_host_allowed(settings, &url) {
        return Ok(url);
    }
    if url.scheme() != "https" {
        return refuse("webhook-https", &[]);
    }
    let (host, _) = host_keys(&url);
    let internal_name = host == "localhost" || host.ends_with(".localhost") || host.ends_with(".internal") || host.ends_with(".local");
    let internal_ip = host.parse::<IpAddr>().map(is_internal).unwrap_or(false);
    if internal_name || internal_ip {
        return refuse("webhook-internal", &[&host]);
    }
    Ok(url)
}

/// Resolves a webhook's host for one delivery and refuses it when any
/// address it resolves to is internal (so a public name pointing inside is
/// caught too). Answers the host and the addresses to connect to.
pub async fn resolve_webhook(settings: &Settings, raw: &str) -> Result<(String, Vec<SocketAddr>), String> {
    let url = check_webhook_url(settings, raw).map_err(|e| e.reason)?;
    let host = url.host_str().unwrap_or("").trim_matches(['[', ']']).to_string();
    let port = url.port_or_known_default().unwrap_or(443);
    let addrs: Vec<SocketAddr> =
        tokio::net::lookup_host((host.as_str(), port)).await.map_err(|e| format!("cannot resolve {host}: {e}"))?.collect();
    if addrs.is_empty() {
        return Err(format!("{host} resolves to no address"));
    }
    if !webhook_host_allowed(settings, &url) {
        if let Some(a) = addrs.iter().find(|a| is_internal(a.ip())) {
            return Err(format!(
                "{host} resolves to the internal address {}; an admin can allow it with PGDECK_ALLOWED_WEBHOOK_HOSTS",
                a.ip()
            ));
        }
    }
    Ok((host, addrs))
}

/// Loopback, private, link-local, shared (CGNAT), unspecified, multicast,
/// broadcast, documentation and IPv4-mapped forms of them.
pub fn is_internal(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let o = v4.octets();
            v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_multicast()
                || v4.is_broadcast()
                || v4.is_documentation()
                || o[0] == 0
                || (o[0] == 100 && (64..128).contains(&o[1]))
                || (o[0] == 192 && o[1] == 0 && o[2] == 0)
                || (o[0] == 198 && (18..20).contains(&o[1]))
                || o[0] >= 240
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_internal(IpAddr::V4(v4));
            }
            let s = v6.segments();
            v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (s[0] & 0xfe00) == 0xfc00
                || (s[0] & 0xffc0) == 0xfe80
                || (s[0] == 0x2001 && s[1] == 0x0db8)
                || (s[0] == 0x64 && s[1] == 0xff9b)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> Settings {
        Settings::new(std::path::PathBuf::from("/nonexistent"))
    }

    #[test]
    fn only_region_addresses_or_admin_allowed_ones_take_credentials() {
        let s = settings();
        for ok in REGION_API_BASES.iter().map(|(_, b)| *b) {
            assert_eq!(check_api_base(&s, &format!("{ok}/")).unwrap(), ok);
        }
        for bad in [
            "http://169.254.169.254/latest/meta-data",
            "http://127.0.0.1:8080",
            "https://kr1-rds-postgres.api.nhncloudservice.com.evil.example",
            "https://evil.example",
            "http://kr1-rds-postgres.api.nhncloudservice.com",
            "https://user:pw@kr1-rds-postgres.api.nhncloudservice.com",
            "file:///etc/passwd",
            "gopher://x",
        ] {
            let e = check_api_base(&s, bad).unwrap_err();
            assert_eq!(e.field, "api_base");
            assert!(
                e.reason.contains("PGDECK_ALLOWED_API_BASES") || e.reason.contains("plain address") || e.reason.contains("not an http"),
                "{bad}: {}",
                e.reason
            );
        }
        let mut s = settings();
        s.allowed_api_bases = vec!["http://rds.internal.example:8080/".into()];
        assert_eq!(check_api_base(&s, "http://rds.internal.example:8080").unwrap(), "http://rds.internal.example:8080");
        assert!(check_api_base(&s, "http://rds.internal.example:8081").is_err());
    }

    #[test]
    fn webhooks_refuse_internal_targets_unless_allowed() {
        let s = settings();
        assert!(check_webhook_url(&s, "https://hooks.slack.com/services/T/B/X").is_ok());
        for bad in [
            "http://hooks.slack.com/services/x",
            "https://127.0.0.1/x",
            "https://[::1]/x",
            "https://169.254.169.254/latest",
            "https://10.0.0.5/x",
            "https://192.168.1.1/x",
            "https://100.64.0.1/x",
            "https://[fd00::1]/x",
            "https://[::ffff:127.0.0.1]/x",
            "https://localhost/x",
            "https://metadata.google.internal/x",
            "https://0.0.0.0/x",
            "ftp://example.com/x",
        ] {
            assert!(check_webhook_url(&s, bad).is_err(), "{bad} must be refused");
        }
        let mut s = settings();
        s.allowed_webhook_hosts = vec!["127.0.0.1:9100".into()];
        assert!(check_webhook_url(&s, "http://127.0.0.1:9100/hook").is_ok());
        assert!(check_webhook_url(&s, "http://127.0.0.1:9101/hook").is_err());
    }

    #[tokio::test]
    async fn a_name_that_resolves_inside_is_refused_at_delivery() {
        let e = resolve_webhook(&settings(), "https://127.0.0.1.nip.invalid/x").await.unwrap_err();
        assert!(e.contains("cannot resolve") || e.contains("internal"), "{e}");
        let mut s = settings();
        s.allowed_webhook_hosts = vec!["localhost:9".into()];
        assert!(resolve_webhook(&s, "http://localhost:9/x").await.is_ok(), "an allowed host resolves");
    }
}
