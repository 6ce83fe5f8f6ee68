//! `whomet serve`: the explorer, one page and a read-only JSON API over the library's own
//! queries, served by a small threaded HTTP/1.1 server on a local address.
//!
//! The page, its script, its style and the vendored graph-drawing library are embedded in the
//! binary ([`assets`]); every answer carries a Content-Security-Policy that lets only those
//! run. Routing and bounds are in [`http`], the endpoints in [`api`], the drawn network in
//! [`ego`].

pub mod api;
pub mod assets;
pub mod ego;
pub mod http;

use std::net::{SocketAddr, ToSocketAddrs};
use std::panic::{catch_unwind, AssertUnwindSafe};

use crate::graph::MeetingGraph;
pub use api::{respond, ScoreCache};
pub use http::{Reply, Target};

/// Requests answered at once; the rest wait in the listener's queue.
const WORKERS: usize = 8;

/// Why the server could not start or serve.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The address could not be parsed or resolved.
    #[error("cannot use the address {address}: {reason}")]
    Address {
        /// What was asked for.
        address: String,
        /// Why it failed.
        reason: String,
    },
    /// The port could not be bound (in use, or not allowed).
    #[error("cannot listen on {address}: {reason}")]
    Bind {
        /// The address tried.
        address: SocketAddr,
        /// Why it failed.
        reason: String,
    },
}

/// A bound listener, ready to serve one graph.
pub struct Server {
    listener: tiny_http::Server,
    address: SocketAddr,
}

impl std::fmt::Debug for Server {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Server")
            .field("address", &self.address)
            .finish()
    }
}

impl Server {
    /// Binds `host:port` (port 0 picks a free one).
    ///
    /// # Errors
    /// [`ServeError::Address`] for a host that does not resolve, [`ServeError::Bind`] when the
    /// port cannot be listened on.
    pub fn bind(host: &str, port: u16) -> Result<Server, ServeError> {
        let address = (host, port)
            .to_socket_addrs()
            .map_err(|e| ServeError::Address {
                address: host.to_string(),
                reason: e.to_string(),
            })?
            .next()
            .ok_or_else(|| ServeError::Address {
                address: host.to_string(),
                reason: "it resolves to no address".into(),
            })?;
        let listener = tiny_http::Server::http(address).map_err(|e| ServeError::Bind {
            address,
            reason: e.to_string(),
        })?;
        let bound = listener
            .server_addr()
            .to_ip()
            .ok_or_else(|| ServeError::Bind {
                address,
                reason: "the listener has no IP address".into(),
            })?;
        Ok(Server {
            listener,
            address: bound,
        })
    }

    /// The address actually bound.
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// The page's address, e.g. `http://127.0.0.1:8080/`.
    pub fn url(&self) -> String {
        format!("http://{}/", self.address)
    }

    /// Whether the address is reachable only from this machine.
    pub fn is_loopback(&self) -> bool {
        self.address.ip().is_loopback()
    }

    /// Answers requests until the listener fails or is unblocked; never returns otherwise.
    /// Each worker thread takes the next request from the shared listener. The indexes the
    /// answers need are built meanwhile; a request that needs one first waits for it.
    pub fn run(&self, graph: &MeetingGraph) {
        let cache = ScoreCache::default();
        std::thread::scope(|scope| {
            scope.spawn(|| cache.warm(graph));
            for _ in 0..WORKERS {
                scope.spawn(|| {
                    while let Ok(request) = self.listener.recv() {
                        answer(graph, &cache, request);
                    }
                });
            }
        });
    }

    /// Makes [`Server::run`] return once the workers finish their current request.
    pub fn stop(&self) {
        for _ in 0..WORKERS {
            self.listener.unblock();
        }
    }
}

fn answer(graph: &MeetingGraph, cache: &ScoreCache, request: tiny_http::Request) {
    let method = request.method().as_str().to_string();
    let has_body = request.body_length().is_some_and(|n| n > 0)
        || request
            .headers()
            .iter()
            .any(|h| h.field.equiv("Transfer-Encoding"));
    let reply = if has_body {
        // Read-only: nothing is ever read from a body, so none is accepted at all.
        Reply::error(413, "requests to this server carry no body")
    } else {
        let url = request.url().to_string();
        // A bug must cost one request a 500, not a worker thread.
        catch_unwind(AssertUnwindSafe(|| respond(graph, cache, &method, &url)))
            .unwrap_or_else(|_| Reply::error(500, "internal error while answering"))
    };
    let mut response = tiny_http::Response::from_data(reply.body)
        .with_status_code(tiny_http::StatusCode(reply.status));
    let headers: [(&str, &str); 7] = [
        ("Content-Type", reply.content_type),
        ("Content-Security-Policy", http::CONTENT_SECURITY_POLICY),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "no-referrer"),
        ("X-Frame-Options", "DENY"),
        ("Cache-Control", reply.cache),
        ("Allow", "GET, HEAD"),
    ];
    for (name, value) in headers {
        if let Ok(header) = tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()) {
            response.add_header(header);
        }
    }
    // A client that went away is not the server's problem.
    let _ = request.respond(response);
}
