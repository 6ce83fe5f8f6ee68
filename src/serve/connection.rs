//! HTTP/1.1 on one connection: request heads read within bounds and parsed with `httparse`,
//! every answer written whole with its length, and the connection kept alive until the client
//! closes it, asks to, goes quiet, or sends something this read-only server does not take.
//!
//! Each connection has a thread of its own. The small server this replaced queued new
//! connections behind kept-alive ones when several arrived at once (a browser opens six), so
//! some waited until another connection closed.

use std::io::{ErrorKind, Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use super::http::{Reply, CONTENT_SECURITY_POLICY, MAX_URL};

/// Longest request head (request line and headers) read.
const MAX_HEAD: usize = MAX_URL + 8192;
/// Most headers in one request.
const MAX_HEADERS: usize = 64;
/// A kept-alive connection with no new request for this long is closed.
pub(super) const IDLE: Duration = Duration::from_secs(30);

/// One request, as much of it as the routes need.
#[derive(Debug)]
struct Head {
    method: String,
    target: String,
    /// False when the client asked to close, or spoke HTTP/1.0 without asking to keep alive.
    keep_alive: bool,
    /// True when a body follows (the server takes none).
    has_body: bool,
}

/// Answers the requests of `stream` one after another with `answer(method, target)`.
pub(super) fn serve(mut stream: TcpStream, answer: impl Fn(&str, &str) -> Reply) {
    let _ = stream.set_read_timeout(Some(IDLE));
    let _ = stream.set_write_timeout(Some(IDLE));
    let mut buffer = Vec::with_capacity(1024);
    loop {
        let head = match read_head(&mut stream, &mut buffer) {
            Ok(Some(head)) => head,
            Ok(None) => return,
            Err(reply) => {
                let _ = write_reply(&mut stream, &reply, false, false);
                return;
            }
        };
        if head.has_body {
            // Read-only: nothing is ever read from a body, so none is accepted at all, and
            // the connection closes rather than skip bytes it will not read.
            let reply = Reply::error(413, "requests to this server carry no body");
            let _ = write_reply(&mut stream, &reply, false, false);
            return;
        }
        let reply = answer(&head.method, &head.target);
        let without_body = head.method == "HEAD";
        if write_reply(&mut stream, &reply, head.keep_alive, without_body).is_err()
            || !head.keep_alive
        {
            return;
        }
    }
}

/// Sends `reply` without reading a request, then closes.
pub(super) fn serve_one_reply(mut stream: TcpStream, reply: &Reply) {
    let _ = stream.set_write_timeout(Some(IDLE));
    let _ = write_reply(&mut stream, reply, false, false);
}

/// Reads up to the end of the next request head; bytes after it (a pipelined request) stay in
/// `buffer`. `Ok(None)` when the client closed or went quiet between requests.
fn read_head(stream: &mut TcpStream, buffer: &mut Vec<u8>) -> Result<Option<Head>, Reply> {
    let mut chunk = [0u8; 4096];
    loop {
        if let Some(end) = find_head_end(buffer) {
            let head = parse_head(&buffer[..end])?;
            buffer.drain(..end);
            return Ok(Some(head));
        }
        if buffer.len() > MAX_HEAD {
            return Err(Reply::error(431, "the request head is too long"));
        }
        match stream.read(&mut chunk) {
            Ok(0) => return Ok(None),
            Ok(n) => buffer.extend_from_slice(&chunk[..n]),
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                return if buffer.is_empty() {
                    Ok(None)
                } else {
                    Err(Reply::error(408, "the request head did not arrive in time"))
                };
            }
            Err(_) => return Ok(None),
        }
    }
}

/// The length of the head (through its blank line), once it has all arrived.
fn find_head_end(buffer: &[u8]) -> Option<usize> {
    buffer
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map(|i| i + 4)
}

fn parse_head(bytes: &[u8]) -> Result<Head, Reply> {
    let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut request = httparse::Request::new(&mut headers);
    match request.parse(bytes) {
        Ok(httparse::Status::Complete(_)) => {}
        Ok(httparse::Status::Partial) => return Err(Reply::error(400, "incomplete request")),
        Err(httparse::Error::TooManyHeaders) => {
            return Err(Reply::error(431, "too many request headers"))
        }
        Err(e) => return Err(Reply::error(400, &format!("malformed request: {e}"))),
    }
    let (Some(method), Some(target), Some(version)) =
        (request.method, request.path, request.version)
    else {
        return Err(Reply::error(400, "incomplete request line"));
    };
    let header = |name: &str| {
        request
            .headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .map(|h| String::from_utf8_lossy(h.value).to_ascii_lowercase())
    };
    let connection = header("connection").unwrap_or_default();
    let keep_alive = if version == 0 {
        connection.contains("keep-alive")
    } else {
        !connection.contains("close")
    };
    let has_body = header("transfer-encoding").is_some()
        || header("content-length").is_some_and(|n| n.trim() != "0");
    Ok(Head {
        method: method.to_string(),
        target: target.to_string(),
        keep_alive,
        has_body,
    })
}

/// Writes the status line, the headers every answer carries and the body, in one write.
fn write_reply(
    stream: &mut TcpStream,
    reply: &Reply,
    keep_alive: bool,
    without_body: bool,
) -> std::io::Result<()> {
    let headers: [(&str, &str); 8] = [
        ("Content-Type", reply.content_type),
        ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "no-referrer"),
        ("X-Frame-Options", "DENY"),
        ("Cache-Control", reply.cache),
        ("Allow", "GET, HEAD"),
        (
            "Connection",
            if keep_alive { "keep-alive" } else { "close" },
        ),
    ];
    let mut out = format!("HTTP/1.1 {} {}\r\n", reply.status, reason(reply.status));
    for (name, value) in headers {
        out.push_str(&format!("{name}: {value}\r\n"));
    }
    out.push_str(&format!("Content-Length: {}\r\n\r\n", reply.body.len()));
    let mut bytes = out.into_bytes();
    if !without_body {
        bytes.extend_from_slice(&reply.body);
    }
    stream.write_all(&bytes)?;
    stream.flush()
}

/// The reason phrase of the statuses this server sends.
fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        413 => "Content Too Large",
        414 => "URI Too Long",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heads_are_parsed_with_their_connection_and_body() {
        let head = parse_head(b"GET /api/meta?x=1 HTTP/1.1\r\nHost: h\r\n\r\n").unwrap();
        assert_eq!(
            (head.method.as_str(), head.target.as_str()),
            ("GET", "/api/meta?x=1")
        );
        assert!(head.keep_alive && !head.has_body);
        let old = parse_head(b"GET / HTTP/1.0\r\n\r\n").unwrap();
        assert!(!old.keep_alive);
        let close = parse_head(b"GET / HTTP/1.1\r\nConnection: Close\r\n\r\n").unwrap();
        assert!(!close.keep_alive);
        let posted = parse_head(b"POST / HTTP/1.1\r\nContent-Length: 3\r\n\r\n").unwrap();
        assert!(posted.has_body);
        let chunked = parse_head(b"GET / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n").unwrap();
        assert!(chunked.has_body);
        assert_eq!(
            parse_head(b"\x01\x02 nonsense\r\n\r\n").unwrap_err().status,
            400
        );
    }

    #[test]
    fn a_head_ends_at_its_blank_line() {
        assert_eq!(find_head_end(b"GET / HTTP/1.1\r\n\r\nGET"), Some(18));
        assert_eq!(find_head_end(b"GET / HTTP/1.1\r\n"), None);
    }
}
