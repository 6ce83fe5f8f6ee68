//! `whomet serve`: the explorer, one page and a read-only JSON API over the library's own
//! queries, served by a small threaded HTTP/1.1 server on a local address.
//!
//! The page, its script, its style and the vendored graph-drawing library are embedded in the
//! binary ([`assets`]); every answer carries a Content-Security-Policy that lets only those
//! run. Routing and bounds are in [`http`], the endpoints in [`api`], the drawn network in
//! [`ego`].

pub mod api;
pub mod assets;
mod connection;
pub mod ego;
pub mod http;

use std::net::{SocketAddr, TcpListener, TcpStream, ToSocketAddrs};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use crate::graph::MeetingGraph;
pub use api::{respond, ScoreCache};
pub use http::{Reply, Target};

/// Connections served at once; one more is answered 503 and closed.
const MAX_CONNECTIONS: usize = 256;

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
#[derive(Debug)]
pub struct Server {
    listener: TcpListener,
    address: SocketAddr,
    stopping: AtomicBool,
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
        let bind_error = |e: std::io::Error| ServeError::Bind {
            address,
            reason: e.to_string(),
        };
        let listener = no_delay_listener(address).map_err(bind_error)?;
        let bound = listener.local_addr().map_err(bind_error)?;
        Ok(Server {
            listener,
            address: bound,
            stopping: AtomicBool::new(false),
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

    /// Answers requests until [`Server::stop`]; each connection has a thread of its own. The
    /// indexes the answers need are built meanwhile; a request that needs one first waits
    /// for it.
    pub fn run(&self, graph: &MeetingGraph) {
        let cache = ScoreCache::default();
        let open = AtomicUsize::new(0);
        std::thread::scope(|scope| {
            scope.spawn(|| cache.warm(graph));
            for stream in self.listener.incoming() {
                if self.stopping.load(Ordering::Acquire) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                if open.fetch_add(1, Ordering::AcqRel) >= MAX_CONNECTIONS {
                    open.fetch_sub(1, Ordering::AcqRel);
                    refuse(stream);
                    continue;
                }
                let (cache, open) = (&cache, &open);
                scope.spawn(move || {
                    connection::serve(stream, |method, url| answer(graph, cache, method, url));
                    open.fetch_sub(1, Ordering::AcqRel);
                });
            }
        });
    }

    /// Makes [`Server::run`] return once its open connections close (within 30 s of their
    /// last request, the idle timeout).
    pub fn stop(&self) {
        self.stopping.store(true, Ordering::Release);
        // Wakes the accept loop, which then sees the flag.
        let _ = TcpStream::connect(self.address);
    }
}

/// A listener whose connections send each write at once: with Nagle's algorithm, the end of
/// an answer written in pieces waited for the client's delayed acknowledgement, 40 ms on
/// every kept-alive request. Accepted sockets inherit the option from the listener.
fn no_delay_listener(address: SocketAddr) -> std::io::Result<TcpListener> {
    use socket2::{Domain, Socket, Type};
    let socket = Socket::new(Domain::for_address(address), Type::STREAM, None)?;
    socket.set_reuse_address(true)?;
    socket.set_tcp_nodelay(true)?;
    socket.bind(&address.into())?;
    socket.listen(128)?;
    Ok(socket.into())
}

/// Answers one request; a bug costs that request a 500, not the connection's thread.
fn answer(graph: &MeetingGraph, cache: &ScoreCache, method: &str, url: &str) -> Reply {
    catch_unwind(AssertUnwindSafe(|| respond(graph, cache, method, url)))
        .unwrap_or_else(|_| Reply::error(500, "internal error while answering"))
}

/// Tells a connection over the limit to come back later.
fn refuse(stream: TcpStream) {
    let busy = Reply::error(503, "too many open connections; try again");
    connection::serve_one_reply(stream, &busy);
}
