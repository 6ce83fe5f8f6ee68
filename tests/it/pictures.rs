//! Pictures a journalist would put in an article: people boxed by the state they serve through
//! their party, the legend naming who could not be placed, one short label per pair, `--top`
//! without zero scorers, the over-time chart as a real PNG.

use std::collections::{BTreeMap, BTreeSet};

use crate::support::whomet;

/// Runs `whomet ARGS` (on the bundled data unless ARGS say otherwise) and returns stdout and
/// stderr.
fn run(args: &[&str]) -> (String, String) {
    let out = whomet().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// What graphviz-pure reads back from DOT: clusters by id with their members, node labels,
/// and each actor edge's (smaller end, larger end, label or external label).
struct Read {
    clusters: BTreeMap<String, BTreeSet<String>>,
    labels: BTreeMap<String, String>,
    edges: Vec<(String, String, Option<String>)>,
}

fn read(text: &str) -> Read {
    let json = graphviz_pure::render_dot(text, "dot", "json")
        .unwrap()
        .into_output();
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    let objects = doc["objects"].as_array().cloned().unwrap_or_default();
    let name = |i: &serde_json::Value| {
        objects[i.as_u64().unwrap() as usize]["name"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let mut clusters = BTreeMap::new();
    let mut labels = BTreeMap::new();
    for object in &objects {
        let text = |k: &str| object[k].as_str().unwrap_or_default().to_string();
        match object.get("nodes") {
            Some(members) => {
                let members = members.as_array().unwrap().iter().map(name).collect();
                clusters.insert(text("id"), members);
            }
            None => {
                labels.insert(text("name"), text("label"));
            }
        }
    }
    let edges = doc["edges"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|e| {
            let (t, h) = (name(&e["tail"]), name(&e["head"]));
            let label = e["label"].as_str().or(e["xlabel"].as_str());
            let (a, b) = if t <= h { (t, h) } else { (h, t) };
            (a, b, label.map(str::to_string))
        })
        .filter(|(a, _, _)| !a.starts_with("legend "))
        .collect();
    Read {
        clusters,
        labels,
        edges,
    }
}

#[test]
fn a_party_official_sits_in_the_box_of_the_state_his_party_serves() {
    let (dot, _) = run(&["dot", "--cluster", "state"]);
    let d = read(&dot);
    let dprk = &d.clusters["cluster_state_dprk"];
    // Choe Ryong-hae holds only a Workers' Party title; the party is the DPRK's ruling party.
    assert!(dprk.contains("choe-ryong-hae"), "{dprk:?}");
    assert!(dprk.contains("ri-chang-geun") && dprk.contains("kim-jong-un"));
    assert!(d.clusters["cluster_state_china"].contains("liu-yunshan"));
    assert!(d.clusters["cluster_state_cuba"].contains("ulises-guilarte"));
    for (id, members) in &d.clusters {
        if id != "cluster_state_dprk" {
            assert!(!members.contains("choe-ryong-hae"), "{id}");
        }
    }
}

#[test]
fn the_legend_names_who_could_not_be_placed() {
    let (dot, _) = run(&["dot", "--cluster", "state"]);
    let d = read(&dot);
    let key = &d.labels["legend key"];
    assert!(key.contains("Not in any state box"), "{key}");
    // Ri Sol-ju has no affiliation in the data; Kim Jong Un has one and is not listed.
    assert!(key.contains("Ri Sol-ju"), "{key}");
    assert!(!key.contains("Kim Jong Un"), "{key}");
    let (dot, _) = run(&["dot", "--cluster", "party"]);
    let key = &read(&dot).labels["legend key"];
    assert!(key.contains("Not in any party box"), "{key}");
    let (dot, _) = run(&["dot"]);
    assert!(!read(&dot).labels["legend key"].contains("Not in any"));
}

#[test]
fn every_pair_has_one_label_at_most_aggregated_when_it_met_often() {
    let world = crate::support::fixture("dot");
    let world = world.to_str().unwrap();
    let (dot, _) = run(&["--data", world, "dot", "--status", "all"]);
    let d = read(&dot);
    let mut per_pair: BTreeMap<(&str, &str), Vec<&str>> = BTreeMap::new();
    for (a, b, label) in &d.edges {
        if let Some(label) = label {
            per_pair.entry((a, b)).or_default().push(label);
        }
    }
    assert!(per_pair.values().all(|l| l.len() == 1), "{per_pair:?}");
    // Three held talks and one scheduled summit: one edge of each, one label.
    assert_eq!(
        d.edges
            .iter()
            .filter(|e| (e.0.as_str(), e.1.as_str()) == ("diaz", "kim"))
            .count(),
        2
    );
    assert_eq!(per_pair[&("diaz", "kim")], ["3 meetings, 2016–2018"]);

    let (dot, _) = run(&["dot"]);
    let labels: Vec<String> = read(&dot).edges.into_iter().filter_map(|e| e.2).collect();
    assert!(labels.iter().any(|l| l == "2 meetings, 2016"), "{labels:?}");
    assert!(
        labels.iter().any(|l| l == "5 meetings, 2015–2018"),
        "{labels:?}"
    );
    // A stay of several days is named by its months, not by two full dates.
    assert!(labels.iter().all(|l| !l.contains("..")), "{labels:?}");
    assert!(labels.iter().any(|l| l == "Jun–Jul 2016"), "{labels:?}");
}

#[test]
fn force_layouts_place_labels_only_where_they_fit() {
    let (dot, _) = run(&["dot"]);
    assert!(dot.contains("forcelabels=false"));
    assert!(dot.contains("xlabel="));
    assert!(!dot.contains(" label=\"20"));
}

#[test]
fn top_keeps_only_actors_that_score_and_says_how_many() {
    let world = crate::support::fixture("dot");
    let world = world.to_str().unwrap();
    let (dot, note) = run(&["--data", world, "dot", "--top", "10", "--by", "betweenness"]);
    let scorers: usize = note
        .split("only ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no count in the note: {note}"));
    assert!(note.contains("scored above zero by betweenness"), "{note}");
    assert!(scorers > 0 && scorers < 10, "{note}");
    let actors: Vec<String> = read(&dot)
        .labels
        .into_keys()
        .filter(|n| !n.starts_with("legend "))
        .collect();
    assert_eq!(actors.len(), scorers, "{actors:?}");
    // Enough scorers: no note.
    let (_, note) = run(&["--data", world, "dot", "--top", "1", "--by", "degree"]);
    assert!(!note.contains("scored above zero"), "{note}");
}

#[test]
fn the_over_time_chart_is_a_real_png_when_asked_for_one() {
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("chart.png");
    let svg = dir.path().join("chart.svg");
    for path in [&png, &svg] {
        whomet()
            .args(["centrality", "--measure", "degree", "--over-time", "-o"])
            .arg(path)
            .assert()
            .success();
    }
    let bytes = std::fs::read(&png).unwrap();
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.starts_with("<svg"));
    // At most eight lines, and the decades before the first meeting left out.
    assert!(text.matches("<polyline").count() <= 8);
    assert!(!text.contains(">1959</text>") && text.contains(">2016</text>"));
}

#[test]
fn twopi_asks_for_the_busiest_actor_as_its_root_and_circo_is_gone() {
    let (dot, _) = run(&["dot", "--engine", "twopi"]);
    assert!(dot.contains("root=\"kim-jong-un\""), "{dot}");
    whomet().args(["dot", "--engine", "circo"]).assert().code(2);
}

#[test]
fn the_rendered_legend_sits_beside_the_picture() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("n.svg");
    whomet()
        .args(["render", "-o"])
        .arg(&path)
        .assert()
        .success();
    let svg = std::fs::read_to_string(&path).unwrap();
    // The picture and the legend are two nested drawings, the legend's to the right.
    assert_eq!(svg.matches("<svg x=").count(), 2, "{}", &svg[..400]);
    assert!(svg.contains("met; thicker: more meetings"));
}

#[test]
fn force_replaces_the_file_but_does_not_lift_the_size_limit() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("big");
    std::fs::create_dir(&dir).unwrap();
    let mut actors = String::from("id,name,kind,aliases\n");
    let mut meetings = String::from("id,date,participants,place,source\n");
    for i in 0..2_100 {
        actors.push_str(&format!("a{i},A {i},person,\n"));
        meetings.push_str(&format!(
            "m{i},2016,a{i}|a{},,https://x.example/{i}\n",
            (i + 1) % 2_100
        ));
    }
    std::fs::write(dir.join("actors.csv"), actors).unwrap();
    std::fs::write(dir.join("meetings.csv"), meetings).unwrap();
    let out = temp.path().join("big.svg");
    std::fs::write(&out, "old").unwrap();
    crate::support::whomet()
        .arg("--data")
        .arg(&dir)
        .args(["render", "--force", "-o"])
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "pass --any-size to draw it anyway",
        ));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "old");
}
