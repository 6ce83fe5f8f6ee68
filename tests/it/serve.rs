//! `whomet serve`: the JSON API and its bounds against a real server on an ephemeral port,
//! Ctrl-C, and the page in headless Chromium (tests/browser/explorer.py).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::support::{available, python_has, root, whomet};

/// A running `whomet serve --port 0`, killed when dropped.
struct Served {
    child: Child,
    address: String,
    stderr: Option<std::process::ChildStderr>,
}

impl Served {
    fn start(extra: &[&str]) -> Served {
        let binary = assert_cmd::cargo::cargo_bin("whomet");
        let mut child = Command::new(binary)
            .args(extra)
            .args(["serve", "--port", "0"])
            .env_remove("WHOMET_DATA")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("whomet serve starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut line)
            .expect("the server prints its address");
        let url = line
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .unwrap_or_else(|| panic!("no address in {line:?}"));
        eprintln!("serving at {url}");
        let address = url
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .to_string();
        let stderr = child.stderr.take();
        Served {
            child,
            address,
            stderr,
        }
    }

    /// Sends raw request text; returns the status, the headers (lower-cased names) and body.
    fn raw(&self, request: &str) -> (u16, Vec<(String, String)>, String) {
        let mut stream = TcpStream::connect(&self.address).expect("connects");
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .unwrap();
        stream.write_all(request.as_bytes()).unwrap();
        let mut bytes = Vec::new();
        stream.read_to_end(&mut bytes).unwrap();
        let text = String::from_utf8_lossy(&bytes).to_string();
        let (head, body) = text.split_once("\r\n\r\n").expect("a complete answer");
        let mut lines = head.lines();
        let status = lines.next().unwrap().split(' ').nth(1).unwrap();
        let headers = lines
            .filter_map(|l| l.split_once(": "))
            .map(|(k, v)| (k.to_ascii_lowercase(), v.to_string()))
            .collect();
        (status.parse().unwrap(), headers, body.to_string())
    }

    fn get(&self, path: &str) -> (u16, Vec<(String, String)>, String) {
        self.raw(&format!(
            "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
        ))
    }

    fn json(&self, path: &str) -> Value {
        let (status, _, body) = self.get(path);
        assert_eq!(status, 200, "{path}: {body}");
        serde_json::from_str(&body).unwrap_or_else(|e| panic!("{path}: {e}: {body}"))
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

#[test]
fn serve_api_answers_with_the_library_queries() {
    let server = Served::start(&[]);
    let search = server.json("/api/search?q=diaz+kanel");
    assert_eq!(search["resolved"]["id"], "miguel-diaz-canel");
    assert_eq!(search["resolved"]["how"], "fuzzy");
    let ambiguous = server.json("/api/search?q=kim");
    assert!(ambiguous["resolved"].is_null());
    assert!(ambiguous["candidates"].as_array().unwrap().len() > 2);

    let profile = server.json("/api/actor/miguel-diaz-canel");
    assert_eq!(profile["kind"], "person");
    let years: Vec<i64> = profile["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|y| y["year"].as_i64())
        .collect();
    assert!(years.contains(&2015) && years.contains(&2018), "{years:?}");
    assert!(!profile["sources"].as_array().unwrap().is_empty());
    let from_2018 = server.json("/api/actor/miguel-diaz-canel?from=2018");
    assert!(from_2018["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .all(|y| y["year"].as_i64() >= Some(2018)));

    let ego = server.json("/api/ego/kim-jong-un?measure=betweenness");
    assert_eq!(ego["centre"], "kim-jong-un");
    assert_eq!(ego["nodes"][0]["id"], "kim-jong-un");
    assert_eq!(ego["measure"], "betweenness");
    assert!(ego["edges"].as_array().unwrap().len() > 3);
    let capped = server.json("/api/ego/kim-jong-un?limit=2");
    assert_eq!(capped["nodes"].as_array().unwrap().len(), 2);
    assert!(capped["omitted"]["actors"].as_u64().unwrap() > 0);
    assert!(!capped["notes"].as_array().unwrap().is_empty());

    // Communities only when asked, and then the ones `whomet communities` gives.
    assert!(ego["nodes"][0]["community"].is_null());
    let coloured = server.json("/api/ego/salvador-valdes-mesa?communities=1");
    let cli = whomet()
        .args(["communities", "--format", "json"])
        .output()
        .unwrap();
    let partition: Value = serde_json::from_slice(&cli.stdout).unwrap();
    for node in coloured["nodes"].as_array().unwrap() {
        let id = node["id"].as_str().unwrap();
        let expected = partition["communities"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["members"].as_array().unwrap().iter().any(|m| m == id))
            .map(|c| c["id"].clone());
        assert_eq!(Some(node["community"].clone()), expected, "{id}");
    }
    assert_eq!(server.get("/api/ego/kim-jong-un?communities=yes").0, 400);

    let pair = server.json("/api/between/kim-jong-un/miguel-diaz-canel?status=all");
    assert!(pair["meetings"].as_array().unwrap().len() >= 4);
    assert!(pair["meetings"][0]["sources"][0]["publication"].is_string());

    let timed = server.json("/api/path?a=xi-jinping&b=kim-jong-un&order=time");
    assert_eq!(timed["in_time_order"], true);
    assert_eq!(timed["paths"][0]["actors"][1], "salvador-valdes-mesa");
    assert_eq!(
        timed["names"]["salvador-valdes-mesa"],
        "Salvador Valdes Mesa"
    );
    let shortest = server.json("/api/path?a=Xi+Jinping&b=Kim+Jong+Un");
    assert_eq!(shortest["found"], true);
    assert_eq!(shortest["paths"][0]["hops"].as_array().unwrap().len(), 2);

    let (status, headers, dot) = server.get("/api/dot?around=miguel-diaz-canel");
    assert_eq!(status, 200);
    assert!(header(&headers, "content-type")
        .unwrap()
        .starts_with("text/vnd.graphviz"));
    let cli = whomet()
        .args(["dot", "--around", "miguel-diaz-canel"])
        .output()
        .unwrap();
    assert_eq!(dot, String::from_utf8(cli.stdout).unwrap());
}

#[test]
fn serve_bounds_requests_and_sends_a_content_security_policy() {
    let server = Served::start(&[]);
    let (status, headers, body) = server.get("/");
    assert_eq!(status, 200);
    assert!(body.contains("<script src=\"/app.js\""));
    assert!(!body.contains("<script>"), "no inline script");
    let csp = header(&headers, "content-security-policy").unwrap();
    assert!(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"));
    assert_eq!(header(&headers, "x-content-type-options"), Some("nosniff"));
    for asset in [
        "/app.js",
        "/view.js",
        "/app.css",
        "/vendor/cytoscape.min.js",
    ] {
        assert_eq!(server.get(asset).0, 200, "{asset}");
    }
    assert_eq!(server.get("/nope").0, 404);
    assert_eq!(server.get("/api/nope").0, 404);
    let (status, _, body) = server.get("/api/actor/kim-jong-nam");
    assert_eq!(status, 404);
    let error: Value = serde_json::from_str(&body).unwrap();
    assert!(error["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["id"] == "kim-yong-nam"));
    assert_eq!(server.get("/api/actor/kim-jong-un?from=20x6").0, 400);
    assert_eq!(server.get("/api/ego/kim-jong-un?depth=99").0, 400);
    assert_eq!(server.get("/api/search?q=%ff").0, 400);
    let many: Vec<String> = (0..40).map(|i| format!("p{i}=1")).collect();
    assert_eq!(server.get(&format!("/api/meta?{}", many.join("&"))).0, 400);
    assert_eq!(
        server.get(&format!("/api/search?q={}", "a".repeat(600))).0,
        400
    );
    assert_eq!(server.get(&format!("/{}", "a".repeat(5000))).0, 414);
    let (status, _, _) = server.raw(
        "POST /api/meta HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 2\r\n\r\n{}",
    );
    assert!(status == 405 || status == 413, "{status}");
    assert_eq!(
        server
            .raw("DELETE /api/meta HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            .0,
        405
    );
    // The server still answers after all that.
    assert_eq!(server.json("/api/meta")["cytoscape"], "3.35.0");
}

/// Reads one answer of known length from a kept-alive connection: the status and the body.
fn read_answer(reader: &mut BufReader<TcpStream>) -> (u16, String) {
    let mut status_line = String::new();
    reader.read_line(&mut status_line).unwrap();
    let status = status_line.split(' ').nth(1).unwrap().parse().unwrap();
    let mut length = 0;
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        if line == "\r\n" {
            break;
        }
        if let Some(value) = line.to_ascii_lowercase().strip_prefix("content-length: ") {
            length = value.trim().parse().unwrap();
        }
    }
    let mut body = vec![0u8; length];
    reader.read_exact(&mut body).unwrap();
    (status, String::from_utf8(body).unwrap())
}

#[test]
fn serve_answers_many_kept_alive_connections_at_once() {
    // As a browser does, and more: connections opened together and kept open. Every request
    // on every one is answered (a server that queued connections behind kept-alive ones
    // left some waiting until the others closed).
    let server = Served::start(&[]);
    let mut connections: Vec<BufReader<TcpStream>> = (0..24)
        .map(|_| {
            let stream = TcpStream::connect(&server.address).unwrap();
            stream
                .set_read_timeout(Some(Duration::from_secs(20)))
                .unwrap();
            BufReader::new(stream)
        })
        .collect();
    for round in 0..3 {
        for connection in &mut connections {
            connection
                .get_mut()
                .write_all(b"GET /api/search?q=kim HTTP/1.1\r\nHost: x\r\n\r\n")
                .unwrap();
        }
        for connection in &mut connections {
            let (status, body) = read_answer(connection);
            assert_eq!(status, 200, "round {round}: {body}");
            assert!(body.contains("\"candidates\""), "{body}");
        }
    }
    // Two requests in one write come back as two answers, in order; HEAD has no body.
    let connection = &mut connections[0];
    connection
        .get_mut()
        .write_all(
            b"GET /api/meta HTTP/1.1\r\nHost: x\r\n\r\nHEAD /api/meta HTTP/1.1\r\nHost: x\r\n\r\n",
        )
        .unwrap();
    let (status, body) = read_answer(connection);
    assert_eq!(status, 200);
    assert!(body.contains("\"cytoscape\""));
    let mut status_line = String::new();
    connection.read_line(&mut status_line).unwrap();
    assert!(status_line.starts_with("HTTP/1.1 200"), "{status_line}");
}

#[test]
fn serve_warns_on_a_public_host_and_exits_on_ctrl_c() {
    let mut server = Served::start(&[]);
    let pid = server.child.id().to_string();
    assert!(Command::new("kill")
        .args(["-INT", &pid])
        .status()
        .unwrap()
        .success());
    let start = Instant::now();
    let code = loop {
        if let Some(status) = server.child.try_wait().unwrap() {
            break status.code();
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "still running after SIGINT"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(code, Some(130));

    let mut public = Command::new(assert_cmd::cargo::cargo_bin("whomet"))
        .args(["serve", "--host", "0.0.0.0", "--port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(public.stderr.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let _ = public.kill();
    let _ = public.wait();
    assert!(
        line.contains("warning") && line.contains("other machines"),
        "{line}"
    );
    drop(server.stderr.take());
}

#[test]
fn serve_page_works_in_headless_chromium() {
    let chromium = std::path::Path::new("/usr/bin/chromium").exists();
    let driver = std::path::Path::new("/usr/bin/chromedriver").exists();
    if !available("python3 with selenium", python_has("selenium"))
        || !available("chromium", chromium)
        || !available("chromedriver", driver)
    {
        return;
    }
    let output = Command::new("python3")
        .arg(root().join("tests/browser/explorer.py"))
        .arg(assert_cmd::cargo::cargo_bin("whomet"))
        .output()
        .expect("python3 runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    eprintln!("{stdout}{}", String::from_utf8_lossy(&output.stderr));
    assert!(output.status.success(), "browser tests failed:\n{stdout}");
    assert!(stdout.contains(" passed, 0 failed"));
}
