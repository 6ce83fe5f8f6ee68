//! The HTTP edges of the explorer: the request line taken apart within bounds, and replies
//! with the headers every answer carries.

use std::collections::HashMap;

/// Longest request target accepted; a longer one is refused before it is parsed.
pub const MAX_URL: usize = 4096;
/// Most query parameters accepted.
pub const MAX_PARAMS: usize = 16;
/// Longest value of one query parameter, after decoding.
pub const MAX_VALUE: usize = 512;

/// Only what the page needs may load: its own scripts, styles and images, and `data:` and
/// `blob:` images for the PNG export. No inline script can run, whatever the data holds.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; \
style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; base-uri 'none'; \
form-action 'none'; frame-ancestors 'none'";

/// An answer: status, media type and body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    /// HTTP status code.
    pub status: u16,
    /// The `Content-Type` header.
    pub content_type: &'static str,
    /// The body.
    pub body: Vec<u8>,
    /// `Cache-Control`: the embedded assets never change while the binary runs.
    pub cache: &'static str,
}

impl Reply {
    /// A JSON body.
    pub fn json(status: u16, value: &impl serde::Serialize) -> Reply {
        match serde_json::to_vec(value) {
            Ok(body) => Reply {
                status,
                content_type: "application/json; charset=utf-8",
                body,
                cache: "no-store",
            },
            Err(e) => Reply::error(500, &format!("the answer could not be encoded: {e}")),
        }
    }

    /// A JSON error: `{"error": message}`.
    pub fn error(status: u16, message: &str) -> Reply {
        Reply {
            status,
            content_type: "application/json; charset=utf-8",
            body: serde_json::json!({ "error": message })
                .to_string()
                .into_bytes(),
            cache: "no-store",
        }
    }

    /// A plain-text or other non-JSON body.
    pub fn text(content_type: &'static str, body: impl Into<Vec<u8>>) -> Reply {
        Reply {
            status: 200,
            content_type,
            body: body.into(),
            cache: "no-store",
        }
    }
}

/// A request target taken apart: the decoded path segments and query parameters.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Target {
    /// Path segments, percent-decoded, empty ones dropped.
    pub segments: Vec<String>,
    /// Query parameters, percent-decoded; a repeated name keeps its last value.
    pub params: HashMap<String, String>,
}

impl Target {
    /// Parses `url` (path and query), refusing what exceeds the bounds with the reply to send.
    pub fn parse(url: &str) -> Result<Target, Reply> {
        if url.len() > MAX_URL {
            return Err(Reply::error(414, "the request address is too long"));
        }
        let (path, query) = url.split_once('?').unwrap_or((url, ""));
        let path = path.split_once('#').map_or(path, |(p, _)| p);
        let mut segments = Vec::new();
        for raw in path.split('/').filter(|s| !s.is_empty()) {
            segments.push(decode(raw, false).ok_or_else(bad_encoding)?);
        }
        let mut params = HashMap::new();
        for (count, pair) in query.split('&').filter(|p| !p.is_empty()).enumerate() {
            if count >= MAX_PARAMS {
                return Err(Reply::error(400, "too many query parameters"));
            }
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            let name = decode(name, true).ok_or_else(bad_encoding)?;
            let value = decode(value, true).ok_or_else(bad_encoding)?;
            if value.chars().count() > MAX_VALUE {
                return Err(Reply::error(
                    400,
                    &format!("the parameter {name:?} is longer than {MAX_VALUE} characters"),
                ));
            }
            params.insert(name, value);
        }
        Ok(Target { segments, params })
    }

    /// A parameter's value, `None` when missing or empty.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .get(name)
            .map(|v| v.trim())
            .filter(|v| !v.is_empty())
    }
}

fn bad_encoding() -> Reply {
    Reply::error(
        400,
        "the request address is not valid percent-encoded UTF-8",
    )
}

/// Percent-decodes `text` (and `+` as a space in a query); `None` for a broken escape or
/// bytes that are not UTF-8.
pub fn decode(text: &str, plus_is_space: bool) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = bytes.get(i + 1..i + 3)?;
                let hex = std::str::from_utf8(hex).ok()?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 3;
            }
            b'+' if plus_is_space => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_segments_and_params() {
        let t = Target::parse("/api/actor/kim%20jong?from=2016&q=a+b&to=").unwrap();
        assert_eq!(t.segments, ["api", "actor", "kim jong"]);
        assert_eq!(t.param("from"), Some("2016"));
        assert_eq!(t.param("q"), Some("a b"));
        assert_eq!(t.param("to"), None);
    }

    #[test]
    fn refuses_what_is_out_of_bounds() {
        assert_eq!(
            Target::parse(&"a".repeat(MAX_URL + 1)).unwrap_err().status,
            414
        );
        let many: Vec<String> = (0..=MAX_PARAMS).map(|i| format!("p{i}=1")).collect();
        assert_eq!(
            Target::parse(&format!("/?{}", many.join("&")))
                .unwrap_err()
                .status,
            400
        );
        assert_eq!(Target::parse("/%zz").unwrap_err().status, 400);
        assert_eq!(Target::parse("/%ff").unwrap_err().status, 400);
        assert_eq!(Target::parse("/%4").unwrap_err().status, 400);
    }
}
