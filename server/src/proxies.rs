//! Which proxies' `X-Forwarded-For` pgdeck believes, and the client address
//! it then takes.
//!
//! A proxy that appends (nginx's `$proxy_add_x_forwarded_for`) passes on
//! whatever the client wrote at the left of the header, so the left-most
//! entry is the client's own choice. The client is the right-most entry that
//! is not a trusted proxy: everything to its right was written by proxies
//! pgdeck trusts, and it was written by the first of them.

use std::net::IpAddr;

/// The proxies in front of pgdeck (`PGDECK_TRUSTED_PROXIES`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<(IpAddr, u8)>);

impl TrustedProxies {
    /// Reads addresses and CIDRs (`127.0.0.1`, `10.0.0.0/8`, `::1`).
    pub fn parse(items: &[String]) -> Result<Self, String> {
        let mut out = Vec::new();
        for item in items.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
            let (addr, bits) = match item.split_once('/') {
                Some((a, b)) => (a, Some(b)),
                None => (item, None),
            };
            let addr: IpAddr = addr.parse().map_err(|_| format!("{item:?} is not an address or CIDR such as 10.0.0.0/8"))?;
            let max = if addr.is_ipv4() { 32 } else { 128 };
            let bits = match bits {
                Some(b) => b.parse::<u8>().ok().filter(|b| *b <= max).ok_or_else(|| format!("{item:?}: the prefix must be 0 to {max}"))?,
                None => max,
            };
            out.push((addr, bits));
        }
        Ok(Self(out))
    }

    /// Whether none is set (the connection's address is the client's).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether `ip` is one of the trusted proxies.
    pub fn contains(&self, ip: IpAddr) -> bool {
        let ip = canonical(ip);
        self.0.iter().any(|(net, bits)| match (canonical(*net), ip) {
            (IpAddr::V4(n), IpAddr::V4(a)) => prefix_eq(&n.octets(), &a.octets(), *bits),
            (IpAddr::V6(n), IpAddr::V6(a)) => prefix_eq(&n.octets(), &a.octets(), *bits),
            _ => false,
        })
    }

    /// The client's address: the peer's, unless the peer is a trusted
    /// proxy; then the right-most `X-Forwarded-For` entry that is not one.
    /// An entry that is not an address stops the walk there: the peer (or
    /// the last trusted hop) answers for the request.
    pub fn client(&self, peer: IpAddr, forwarded_for: &[&str]) -> IpAddr {
        if !self.contains(peer) {
            return peer;
        }
        let mut client = peer;
        for entry in forwarded_for.iter().flat_map(|h| h.split(',')).collect::<Vec<_>>().into_iter().rev() {
            let Ok(ip) = entry.trim().parse::<IpAddr>() else { break };
            client = ip;
            if !self.contains(ip) {
                break;
            }
        }
        canonical(client)
    }
}

/// An IPv4 address mapped into IPv6 (`::ffff:10.0.0.1`) as the IPv4 one.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

fn prefix_eq(a: &[u8], b: &[u8], bits: u8) -> bool {
    let whole = usize::from(bits / 8);
    let rest = bits % 8;
    if a[..whole] != b[..whole] {
        return false;
    }
    rest == 0 || (a[whole] >> (8 - rest)) == (b[whole] >> (8 - rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn without_trusted_proxies_the_peer_is_the_client_whatever_the_header_says() {
        let t = TrustedProxies::default();
        assert_eq!(t.client(ip("203.0.113.9"), &["1.2.3.4"]), ip("203.0.113.9"));
    }

    #[test]
    fn behind_an_appending_proxy_the_left_most_entry_is_the_clients_own_choice() {
        let t = TrustedProxies::parse(&["127.0.0.1".into()]).unwrap();
        // The client wrote "6.6.6.6"; nginx appended the address it saw.
        assert_eq!(t.client(ip("127.0.0.1"), &["6.6.6.6, 198.51.100.7"]), ip("198.51.100.7"));
        // Two trusted hops: the first untrusted from the right.
        let t = TrustedProxies::parse(&["127.0.0.1".into(), "10.0.0.0/8".into()]).unwrap();
        assert_eq!(t.client(ip("127.0.0.1"), &["6.6.6.6, 198.51.100.7, 10.1.2.3"]), ip("198.51.100.7"));
        // Several headers are one list, in order.
        assert_eq!(t.client(ip("127.0.0.1"), &["6.6.6.6", "198.51.100.7"]), ip("198.51.100.7"));
    }

    #[test]
    fn a_peer_that_is_not_trusted_cannot_speak_for_anyone() {
        let t = TrustedProxies::parse(&["127.0.0.1".into()]).unwrap();
        assert_eq!(t.client(ip("198.51.100.7"), &["127.0.0.2"]), ip("198.51.100.7"));
    }

    #[test]
    fn garbage_in_the_header_stops_at_the_last_trusted_hop() {
        let t = TrustedProxies::parse(&["127.0.0.1".into()]).unwrap();
        assert_eq!(t.client(ip("127.0.0.1"), &["1.2.3.4, <script>"]), ip("127.0.0.1"));
        assert_eq!(t.client(ip("127.0.0.1"), &[]), ip("127.0.0.1"));
    }

    #[test]
    fn cidrs_and_mapped_addresses_match() {
        let t = TrustedProxies::parse(&["10.0.0.0/8".into(), "fd00::/8".into()]).unwrap();
        assert!(t.contains(ip("10.255.0.1")));
        assert!(t.contains(ip("::ffff:10.0.0.1")));
        assert!(t.contains(ip("fd12::1")));
        assert!(!t.contains(ip("11.0.0.1")));
        assert!(TrustedProxies::parse(&["10.0.0.0/33".into()]).is_err());
        assert!(TrustedProxies::parse(&["nginx".into()]).is_err());
    }
}
