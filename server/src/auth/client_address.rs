//! `ClientAddress`: the address a request comes from, for per-address limits
//! and the metrics guard. The peer's address, unless the peer is a configured
//! trusted proxy: then the nearest address in `X-Forwarded-For` that is not
//! itself a trusted proxy. A client cannot choose its address by sending the
//! header, because an untrusted peer's header is ignored.

use std::future::{ready, Ready};
use std::net::{IpAddr, Ipv4Addr};

use actix_web::dev::Payload;
use actix_web::web::Data;
use actix_web::{FromRequest, HttpRequest};
use ipnet::IpNet;

use crate::error::ApiError;

/// The reverse proxies whose `X-Forwarded-For` is believed.
#[derive(Debug, Clone, Default)]
pub struct TrustedProxies(pub Vec<IpNet>);

impl TrustedProxies {
    fn trusts(&self, address: IpAddr) -> bool {
        self.0.iter().any(|net| net.contains(&address))
    }

    /// The client behind `peer`, given the request's `X-Forwarded-For` values in order.
    pub fn client(&self, peer: IpAddr, forwarded_for: &[&str]) -> IpAddr {
        if !self.trusts(peer) {
            return peer;
        }
        let mut client = peer;
        // Each proxy appends the address it saw; read from the nearest hop outwards.
        for hop in forwarded_for.iter().flat_map(|v| v.split(',')).rev() {
            let Ok(address) = hop.trim().parse::<IpAddr>() else { break };
            client = address;
            if !self.trusts(address) {
                break;
            }
        }
        client
    }
}

/// The calling client's address (unspecified when the peer is unknown).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientAddress(pub IpAddr);

impl ClientAddress {
    pub fn of(req: &HttpRequest) -> Self {
        let peer = req.peer_addr().map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |a| a.ip());
        let Some(proxies) = req.app_data::<Data<TrustedProxies>>() else { return Self(peer) };
        let values: Vec<&str> = req.headers().get_all("x-forwarded-for").filter_map(|v| v.to_str().ok()).collect();
        Self(proxies.client(peer, &values))
    }
}

impl FromRequest for ClientAddress {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(Ok(Self::of(req)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn proxies(nets: &[&str]) -> TrustedProxies {
        TrustedProxies(nets.iter().map(|n| n.parse().expect("cidr")).collect())
    }

    fn ip(s: &str) -> IpAddr {
        s.parse().expect("ip")
    }

    #[test]
    fn an_untrusted_peer_cannot_name_another_client() {
        assert_eq!(proxies(&["10.0.0.0/8"]).client(ip("203.0.113.9"), &["198.51.100.1"]), ip("203.0.113.9"));
        assert_eq!(proxies(&[]).client(ip("127.0.0.1"), &["198.51.100.1"]), ip("127.0.0.1"));
    }

    #[test]
    fn a_trusted_proxy_names_the_nearest_untrusted_hop() {
        let p = proxies(&["10.0.0.0/8"]);
        assert_eq!(p.client(ip("10.0.0.2"), &["198.51.100.1"]), ip("198.51.100.1"));
        // A client-supplied first entry is not believed past an untrusted hop.
        assert_eq!(p.client(ip("10.0.0.2"), &["1.2.3.4, 198.51.100.1, 10.0.0.3"]), ip("198.51.100.1"));
        assert_eq!(p.client(ip("10.0.0.2"), &["1.2.3.4", "198.51.100.1"]), ip("198.51.100.1"));
        assert_eq!(p.client(ip("10.0.0.2"), &[]), ip("10.0.0.2"));
        assert_eq!(p.client(ip("10.0.0.2"), &["garbage"]), ip("10.0.0.2"));
    }
}
