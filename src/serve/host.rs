//! DNS rebinding: which `Host` names the server answers.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::Response;

use super::error;

/// Which `Host` headers the server answers. Bound to a loopback address, only the
/// loopback names (and those allowed by `--allow-host`) are: a web page whose name is
/// rebound to 127.0.0.1 (DNS rebinding) sends its own name, and gets 421 instead of the
/// corpus. Bound to another address the server was exposed on purpose, and any name is
/// accepted.
#[derive(Debug, Clone)]
pub(super) struct HostCheck {
    port: u16,
    /// `None`: any host.
    allowed: Option<Arc<Vec<String>>>,
}

impl HostCheck {
    pub(super) fn new(bound: SocketAddr, extra: &[String]) -> HostCheck {
        let mut names: Vec<String> = ["localhost", "127.0.0.1", "[::1]"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        names.extend(extra.iter().map(|h| h.to_ascii_lowercase()));
        HostCheck {
            port: bound.port(),
            allowed: bound.ip().is_loopback().then(|| Arc::new(names)),
        }
    }

    /// Whether a request with this `Host` header is answered.
    fn accepts(&self, host: Option<&str>) -> bool {
        let Some(allowed) = &self.allowed else {
            return true;
        };
        let Some(host) = host else {
            return false;
        };
        let host = host.to_ascii_lowercase();
        let (name, port) = match host.rsplit_once(':') {
            Some((name, port)) if !name.is_empty() && !port.contains(']') => (name, Some(port)),
            _ => (host.as_str(), None),
        };
        let port_ok = port.is_none_or(|p| p.parse::<u16>() == Ok(self.port));
        port_ok && allowed.iter().any(|a| a == name)
    }
}

pub(super) async fn check_host(
    State(check): State<HostCheck>,
    request: Request,
    next: Next,
) -> Response {
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .map(str::to_string);
    if check.accepts(host.as_deref()) {
        return next.run(request).await;
    }
    error(
        StatusCode::MISDIRECTED_REQUEST,
        "this server answers only requests to localhost (start it with --allow-host NAME to accept another name)",
    )
}
