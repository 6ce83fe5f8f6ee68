//! `whomet communities` against igraph's and networkx's values, stored with the script that
//! computed them in tests/fixtures/communities/ (make_reference.py).

use std::collections::HashMap;
use std::path::Path;

use serde_json::Value;
use whomet::algo::community::{modularity, EdgeWeights};
use whomet::store::{load, DataLocation};

use crate::support::{self, whomet};

fn reference() -> Value {
    let path = support::fixture("communities").join("reference.json");
    serde_json::from_str(&std::fs::read_to_string(path).expect("fixture")).expect("valid JSON")
}

fn run_json(data: &Path, extra: &[&str]) -> Value {
    let out = whomet()
        .arg("--data")
        .arg(data)
        .arg("communities")
        .args(extra)
        .args(["--format", "json"])
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON")
}

/// Modularity reaches 0.99 of igraph's best, and the listing keeps its promises.
fn check_quality(data: &Path, reference: &Value) {
    for (weighting, flags) in [("unweighted", &[][..]), ("weighted", &["--weighted"][..])] {
        let found = run_json(data, flags);
        let q = found["modularity"].as_f64().expect("modularity");
        let best = reference[weighting]["best"].as_f64().expect("best");
        assert!(
            q >= 0.99 * best,
            "{weighting}: {q} < 0.99 × igraph's {best}"
        );
        let communities = found["communities"].as_array().expect("communities");
        let mut seen = std::collections::HashSet::new();
        let mut previous: Option<(u64, String)> = None;
        for (i, c) in communities.iter().enumerate() {
            assert_eq!(c["id"].as_u64(), Some(i as u64 + 1));
            let members: Vec<&str> = c["members"]
                .as_array()
                .expect("members")
                .iter()
                .map(|m| m.as_str().expect("id"))
                .collect();
            assert_eq!(c["size"].as_u64(), Some(members.len() as u64));
            assert!(members.windows(2).all(|w| w[0] < w[1]), "members ascending");
            for m in &members {
                assert!(seen.insert(m.to_string()), "{m} in two communities");
            }
            let key = (members.len() as u64, members[0].to_string());
            if let Some((size, first)) = &previous {
                assert!(*size > key.0 || (*size == key.0 && *first < key.1), "order");
            }
            previous = Some(key);
        }
        assert_eq!(found["actors"].as_u64(), Some(seen.len() as u64));
    }
}

/// whomet's modularity of igraph's stored partition equals igraph's and networkx's.
fn check_partition(data: &Path, reference: &Value) {
    let graph = load(&DataLocation::Dir(data.to_path_buf())).expect("loads");
    let by_id = reference["partition"]["membership"]
        .as_object()
        .expect("membership");
    let membership: Vec<u32> = graph
        .data()
        .actors
        .iter()
        .map(|a| by_id[&a.id].as_u64().expect("community") as u32)
        .collect();
    for value in reference["partition"]["values"].as_array().expect("values") {
        let resolution = value["resolution"].as_f64().expect("resolution");
        let weights = if value["weighted"].as_bool().expect("weighted") {
            EdgeWeights::Meetings
        } else {
            EdgeWeights::Unit
        };
        let q = modularity(graph.adjacency(), &membership, resolution, weights);
        for peer in ["igraph", "networkx"] {
            let want = value[peer].as_f64().expect("value");
            assert!((q - want).abs() < 1e-9, "{peer} {value}: whomet {q}");
        }
    }
}

#[test]
fn bundled_data_matches_igraph() {
    let reference = reference();
    let data = support::root().join("graph");
    check_quality(&data, &reference["bundled"]);
    check_partition(&data, &reference["bundled"]);
}

#[test]
fn generated_s_matches_igraph() {
    let dir = tempfile::tempdir().expect("temp dir");
    if !support::generate(&["--preset", "S"], dir.path()) {
        return;
    }
    let data = dir.path().join("S");
    let reference = reference();
    check_quality(&data, &reference["S"]);
    check_partition(&data, &reference["S"]);
    // The same seed gives the same bytes whatever the thread count.
    let out = |threads: &str| {
        whomet()
            .env("RAYON_NUM_THREADS", threads)
            .arg("--data")
            .arg(&data)
            .args(["communities", "--seed", "5", "--format", "csv"])
            .output()
            .expect("runs")
            .stdout
    };
    assert_eq!(out("1"), out("2"));
}

#[test]
fn igraph_agrees_on_whomets_partition_live() {
    if !support::available("python3 with igraph", support::python_has("igraph")) {
        return;
    }
    let data = support::root().join("graph");
    let found = run_json(&data, &[]);
    let mut edges = Vec::new();
    let graph = load(&DataLocation::Dir(data.clone())).expect("loads");
    for (a, b, _) in graph.adjacency().edges() {
        edges.push(format!("({a},{b})"));
    }
    let mut community_of: HashMap<String, u64> = HashMap::new();
    for c in found["communities"].as_array().expect("communities") {
        for m in c["members"].as_array().expect("members") {
            community_of.insert(
                m.as_str().expect("id").to_string(),
                c["id"].as_u64().expect("id"),
            );
        }
    }
    // Actors who met no one are their own communities (numbered past the listed ones).
    let membership: Vec<String> = graph
        .data()
        .actors
        .iter()
        .enumerate()
        .map(|(i, a)| {
            community_of
                .get(&a.id)
                .copied()
                .unwrap_or(1000 + i as u64)
                .to_string()
        })
        .collect();
    let code = format!(
        "import igraph as ig\ng = ig.Graph(n={}, edges=[{}])\nprint(repr(g.modularity([{}])))",
        graph.actor_count(),
        edges.join(","),
        membership.join(",")
    );
    let out = std::process::Command::new("python3")
        .args(["-c", &code])
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let igraph: f64 = String::from_utf8_lossy(&out.stdout)
        .trim()
        .parse()
        .expect("a number");
    let q = found["modularity"].as_f64().expect("modularity");
    assert!((q - igraph).abs() < 1e-12, "whomet {q}, igraph {igraph}");
}

#[test]
fn over_time_keeps_ids_and_reports_merges() {
    let data = support::root().join("graph");
    let found = run_json(&data, &["--over-time", "--window", "2y", "--step", "1y"]);
    let windows = found["windows"].as_array().expect("windows");
    assert!(windows
        .iter()
        .all(|w| w["from"].is_string() && w["modularity"].is_number()));
    // Kim Jong Un's 2012–13 circle keeps its id into 2013–14 (the same pair met again).
    let id_of = |from: &str, actor: &str| {
        windows
            .iter()
            .find(|w| w["from"] == from)
            .and_then(|w| {
                w["communities"].as_array()?.iter().find(|c| {
                    c["members"]
                        .as_array()
                        .is_some_and(|m| m.iter().any(|x| x == actor))
                })
            })
            .map(|c| c["id"].clone())
    };
    assert_eq!(
        id_of("2012-01-01", "kim-jong-un"),
        id_of("2013-01-01", "kim-jong-un")
    );
    let events = found["events"].as_array().expect("events");
    assert!(events.iter().any(|e| e["kind"] == "merge"), "{events:?}");
    for e in events {
        assert!(e["from"].is_array() && e["into"].is_array() && e["window_from"].is_string());
    }
}

#[test]
fn bad_resolution_is_a_usage_error() {
    whomet()
        .args(["communities", "--resolution", "-1"])
        .assert()
        .code(2);
    whomet()
        .args(["communities", "--resolution", "NaN"])
        .assert()
        .code(2);
}

#[test]
fn communities_reach_dot_and_graphml() {
    let listed = run_json(&support::root().join("graph"), &[]);
    let first = listed["communities"][0]["members"][0]
        .as_str()
        .expect("a member")
        .to_string();
    let dot = whomet()
        .args(["--data", "graph", "dot", "--color-by", "community"])
        .current_dir(support::root())
        .output()
        .expect("runs");
    assert!(dot.status.success());
    assert!(String::from_utf8_lossy(&dot.stdout).contains("community 1"));
    let graphml = whomet()
        .args([
            "--data",
            "graph",
            "export",
            "--as",
            "graphml",
            "--communities",
        ])
        .current_dir(support::root())
        .output()
        .expect("runs");
    assert!(graphml.status.success());
    let text = String::from_utf8_lossy(&graphml.stdout).to_string();
    let doc = roxmltree::Document::parse(&text).expect("XML");
    let node = doc
        .descendants()
        .find(|n| n.has_tag_name("node") && n.attribute("id") == Some(first.as_str()))
        .expect("the node");
    let community = node
        .children()
        .find(|d| d.attribute("key") == Some("community"))
        .and_then(|d| d.text());
    assert_eq!(community, Some("1"));
    whomet()
        .args(["export", "--as", "json", "--communities"])
        .assert()
        .code(2);
}
