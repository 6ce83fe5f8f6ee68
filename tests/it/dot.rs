//! `whomet dot` and `whomet render` on a small world with hostile names
//! (tests/fixtures/dot/world.ron): every option's effect on the drawing's structure, read back
//! by graphviz-pure's own parser; escaping; SVG and PNG output; the node limit; determinism.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::support::whomet;

type Attrs = BTreeMap<String, String>;

fn world() -> PathBuf {
    crate::support::fixture("dot")
}

/// Runs `whomet --data world dot ARGS` and returns stdout.
fn dot(args: &[&str]) -> String {
    let out = whomet()
        .arg("--data")
        .arg(world())
        .arg("dot")
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "dot {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// A drawing as graphviz-pure reads it back: attribute values as its DOT parser stores them.
#[derive(Debug)]
struct Drawing {
    graph: Attrs,
    nodes: BTreeMap<String, Attrs>,
    /// (tail, head, attributes) in file order.
    edges: Vec<(String, String, Attrs)>,
    /// By `id` attribute: attributes and member node names.
    clusters: BTreeMap<String, (Attrs, BTreeSet<String>)>,
}

impl Drawing {
    fn actors(&self) -> BTreeSet<&str> {
        self.nodes
            .keys()
            .map(String::as_str)
            .filter(|n| !n.starts_with("legend "))
            .collect()
    }

    fn actor_edges(&self) -> Vec<(&str, &str, &Attrs)> {
        let mut out: Vec<(&str, &str, &Attrs)> = self
            .edges
            .iter()
            .filter(|(t, _, _)| !t.starts_with("legend "))
            .map(|(t, h, a)| {
                let (x, y) = if t <= h { (t, h) } else { (h, t) };
                (x.as_str(), y.as_str(), a)
            })
            .collect();
        out.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
        out
    }

    fn edge(&self, a: &str, b: &str) -> Vec<&Attrs> {
        self.actor_edges()
            .into_iter()
            .filter(|(x, y, _)| (*x, *y) == (a.min(b), a.max(b)))
            .map(|(_, _, attrs)| attrs)
            .collect()
    }
}

fn strings(value: &serde_json::Value, skip: &[&str]) -> Attrs {
    value
        .as_object()
        .unwrap()
        .iter()
        .filter(|(k, _)| !k.starts_with('_') && !skip.contains(&k.as_str()))
        .filter_map(|(k, v)| v.as_str().map(|s| (k.clone(), s.to_string())))
        .collect()
}

/// Parses DOT with graphviz-pure (laying it out with `dot`, which every drawing accepts) and
/// reads the structure from its JSON output.
fn parse(text: &str) -> Drawing {
    let json = graphviz_pure::render_dot(text, "dot", "json")
        .unwrap_or_else(|e| panic!("graphviz-pure rejects the DOT: {e}\n{text}"))
        .into_output();
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    let objects = doc["objects"].as_array().cloned().unwrap_or_default();
    let name = |i: &serde_json::Value| {
        objects[i.as_u64().unwrap() as usize]["name"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let mut nodes = BTreeMap::new();
    let mut clusters = BTreeMap::new();
    for object in &objects {
        let attrs = strings(object, &[]);
        match object.get("nodes") {
            Some(members) => {
                let members = members.as_array().unwrap().iter().map(name).collect();
                let id = attrs.get("id").cloned().unwrap_or_default();
                clusters.insert(id, (attrs, members));
            }
            None => {
                nodes.insert(attrs["name"].clone(), attrs);
            }
        }
    }
    let edges = doc["edges"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|e| (name(&e["tail"]), name(&e["head"]), strings(e, &[])))
        .collect();
    Drawing {
        graph: strings(&doc, &["objects", "edges"]),
        nodes,
        edges,
        clusters,
    }
}

fn set(names: &[&'static str]) -> BTreeSet<&'static str> {
    names.iter().copied().collect()
}

// Node names as graphviz-pure stores them: a backslash in an id is written doubled.
const BACK: &str = r"back\\slash";
const QUOTE: &str = "quote\"id";
const PATH_COLOUR: &str = "#d62728";

#[test]
fn by_default_every_actor_with_a_held_meeting_is_drawn() {
    let d = parse(&dot(&[]));
    assert_eq!(
        d.actors(),
        set(&["choe", "diaz", "embassy", "kim", "multi", "xi", BACK, QUOTE])
    );
    let pairs: Vec<(&str, &str)> = d.actor_edges().iter().map(|e| (e.0, e.1)).collect();
    assert_eq!(
        pairs,
        vec![
            (BACK, "multi"),
            (BACK, QUOTE),
            ("choe", "embassy"),
            ("choe", "kim"),
            ("diaz", "embassy"),
            ("diaz", "kim"),
            ("diaz", "xi"),
            ("kim", QUOTE),
        ]
    );
    // A small network without clusters is laid out by neato, with overlap removal.
    assert_eq!(d.graph["layout"], "neato");
    assert_eq!(d.graph["overlap"], "prism");
    assert_eq!(d.graph["splines"], "true");
    // Shape and colour by kind.
    assert_eq!(d.nodes["kim"]["shape"], "ellipse");
    assert_eq!(d.nodes["kim"]["fillcolor"], "#dbe9f6");
    assert_eq!(d.nodes["embassy"]["shape"], "note");
    assert_eq!(d.nodes["embassy"]["fillcolor"], "#e8dff2");
    // Three meetings: a count with the years, and a thicker pen.
    let diaz_kim = d.edge("diaz", "kim");
    assert_eq!(diaz_kim.len(), 1);
    assert_eq!(diaz_kim[0]["xlabel"], "3 meetings, 2016–2018");
    assert_eq!(diaz_kim[0]["penwidth"], "3.0");
    assert_eq!(d.edge("diaz", "xi")[0]["xlabel"], "2016-06-27");
    assert_eq!(d.edge("diaz", "xi")[0]["penwidth"], "1.0");
    assert!(!diaz_kim[0].contains_key("style"));
}

#[test]
fn states_and_parties_show_with_their_own_shapes_when_isolated_actors_are_asked_for() {
    let d = parse(&dot(&["--min-meetings", "0"]));
    assert_eq!(d.actors().len(), 12);
    assert!(d.actors().contains("loner"));
    assert_eq!(d.nodes["dprk"]["shape"], "doubleoctagon");
    assert_eq!(d.nodes["wpk"]["shape"], "box");
    assert_eq!(d.nodes["wpk"]["fillcolor"], "#fde0c5");
}

#[test]
fn min_meetings_keeps_only_busy_actors() {
    let d = parse(&dot(&["--min-meetings", "3"]));
    assert_eq!(d.actors(), set(&["diaz", "kim"]));
    assert_eq!(d.actor_edges().len(), 1);
}

#[test]
fn the_window_limits_meetings_and_labels() {
    let d = parse(&dot(&["--from", "2016", "--to", "2016"]));
    assert!(
        d.edge("kim", QUOTE).is_empty(),
        "the 2014 meeting is outside"
    );
    assert_eq!(d.actor_edges().len(), 7);
    let diaz_kim = d.edge("diaz", "kim");
    assert_eq!(diaz_kim[0]["xlabel"], "2016-06-28");
    assert_eq!(diaz_kim[0]["penwidth"], "1.0");
    let d = parse(&dot(&["--from", "2018"]));
    assert_eq!(d.actors(), set(&["diaz", "kim"]));
    assert_eq!(d.edge("diaz", "kim")[0]["xlabel"], "2018-11-05");
}

#[test]
fn other_statuses_are_dashed_edges_of_their_own() {
    let d = parse(&dot(&["--status", "all"]));
    let diaz_kim = d.edge("diaz", "kim");
    assert_eq!(diaz_kim.len(), 2);
    assert_eq!(diaz_kim[0]["xlabel"], "3 meetings, 2016–2018");
    assert!(!diaz_kim[0].contains_key("style"));
    // One label per pair: the held edge's.
    assert!(!diaz_kim[1].contains_key("xlabel"));
    assert_eq!(diaz_kim[1]["style"], "dashed");
    let declined = d.edge("choe", "xi");
    assert_eq!(declined.len(), 1);
    assert_eq!(declined[0]["xlabel"], "2017 (declined)");
    assert_eq!(declined[0]["style"], "dashed");
    assert!(d.nodes["legend key"]["label"].contains("scheduled, cancelled or declined"));

    let d = parse(&dot(&["--status", "scheduled"]));
    assert_eq!(d.actors(), set(&["diaz", "kim"]));
    assert_eq!(d.edge("diaz", "kim")[0]["style"], "dashed");
}

#[test]
fn kind_keeps_only_those_kinds() {
    let d = parse(&dot(&["--kind", "person"]));
    assert_eq!(d.actors(), set(&["choe", "diaz", "kim", "xi", BACK, QUOTE]));
    assert_eq!(d.actor_edges().len(), 5);
    let d = parse(&dot(&["--kind", "person,organization"]));
    assert_eq!(d.actors().len(), 8);
}

#[test]
fn around_draws_the_ego_network() {
    let d = parse(&dot(&["--around", "xi"]));
    assert_eq!(d.actors(), set(&["diaz", "xi"]));
    assert_eq!(d.nodes["xi"]["penwidth"], "3");
    let d = parse(&dot(&["--around", "Xi Jinping", "--depth", "2"]));
    assert_eq!(d.actors(), set(&["diaz", "embassy", "kim", "xi"]));
    let pairs: Vec<(&str, &str)> = d.actor_edges().iter().map(|e| (e.0, e.1)).collect();
    assert_eq!(
        pairs,
        vec![("diaz", "embassy"), ("diaz", "kim"), ("diaz", "xi")]
    );
}

#[test]
fn path_is_highlighted_hop_by_hop() {
    let d = parse(&dot(&["--path", "xi", "choe"]));
    assert_eq!(d.graph["layout"], "dot");
    assert_eq!(d.graph["rankdir"], "LR");
    // Every actor stays; the three hops are red, thick and numbered with their dates.
    assert_eq!(d.actors().len(), 8);
    let hops: Vec<&(String, String, Attrs)> = d
        .edges
        .iter()
        .filter(|(_, _, a)| a.get("color").map(String::as_str) == Some(PATH_COLOUR))
        .collect();
    assert_eq!(hops.len(), 3);
    let mut labels: Vec<&str> = hops.iter().map(|h| h.2["label"].as_str()).collect();
    labels.sort();
    assert_eq!(labels[0], "1. 2016-06-27");
    assert!(labels[1].starts_with("2. 2016-06-2"), "{labels:?}");
    assert_eq!(labels[2], "3. 2016-06-28");
    for hop in &hops {
        assert_eq!(hop.2["penwidth"], "4.0");
        assert_eq!(hop.2["weight"], "10");
    }
    // The first hop is written from the path's start, so `dot` lays it out left to right.
    let first = hops
        .iter()
        .find(|h| h.2["label"].starts_with("1."))
        .unwrap();
    assert_eq!((first.0.as_str(), first.1.as_str()), ("xi", "diaz"));
    assert_eq!(d.nodes["xi"]["color"], PATH_COLOUR);
    assert!(d.nodes["legend key"]["label"].contains("path hop"));

    let d = parse(&dot(&["--path", "xi", "choe", "--path-only"]));
    assert_eq!(d.actors().len(), 4);
    assert!(d.actors().is_superset(&set(&["choe", "diaz", "xi"])));
    assert_eq!(d.actor_edges().len(), 3);
}

#[test]
fn a_path_that_does_not_exist_is_a_usage_error() {
    whomet()
        .arg("--data")
        .arg(world())
        .args(["dot", "--path", "xi", "loner"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("no chain of held meetings"));
}

#[test]
fn top_keeps_the_most_central() {
    let d = parse(&dot(&["--top", "2", "--by", "degree"]));
    assert_eq!(d.actors(), set(&["diaz", "kim"]));
    let d = parse(&dot(&["--top", "3", "--by", "betweenness"]));
    assert_eq!(d.actors().len(), 3);
    assert!(d.actors().contains("diaz") && d.actors().contains("kim"));
    whomet()
        .arg("--data")
        .arg(world())
        .args(["dot", "--top", "2"])
        .assert()
        .code(2);
}

#[test]
fn size_by_scales_the_font_and_tells_the_score() {
    let d = parse(&dot(&["--size-by", "degree"]));
    assert_eq!(d.nodes["kim"]["fontsize"], "26.0");
    assert_eq!(d.nodes["diaz"]["fontsize"], "26.0");
    assert_eq!(d.nodes["xi"]["fontsize"], "15.3");
    assert!(d.nodes["kim"]["tooltip"].contains("degree: 0.2727"));
}

#[test]
fn cluster_groups_people_by_state_or_party() {
    let d = parse(&dot(&["--cluster", "state"]));
    assert_eq!(d.graph["layout"], "dot");
    let ids: Vec<&str> = d.clusters.keys().map(String::as_str).collect();
    assert_eq!(
        ids,
        vec!["cluster_legend", "cluster_state_cuba", "cluster_state_dprk"]
    );
    let (cuba, members) = &d.clusters["cluster_state_cuba"];
    assert_eq!(cuba["label"], "Cuba");
    assert_eq!(members, &["diaz", "embassy"].map(String::from).into());
    // Choe has no state of his own: he sits with the party's state.
    let (_, members) = &d.clusters["cluster_state_dprk"];
    assert_eq!(members, &["choe", "kim"].map(String::from).into());
    let (_, legend) = &d.clusters["cluster_legend"];
    assert_eq!(
        legend,
        &["legend key", "legend organization", "legend person"]
            .map(String::from)
            .into()
    );

    let d = parse(&dot(&["--cluster", "party"]));
    let (wpk, members) = &d.clusters["cluster_party_wpk"];
    assert_eq!(wpk["label"], "Workers' Party of Korea");
    assert_eq!(members, &["choe", "kim"].map(String::from).into());
}

#[test]
fn engines_without_clusters_drop_them_with_a_note() {
    let out = whomet()
        .arg("--data")
        .arg(world())
        .args(["dot", "--cluster", "state", "--engine", "neato"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("neato does not draw clusters"));
    let d = parse(&String::from_utf8(out.stdout).unwrap());
    assert!(d.clusters.is_empty());
    assert_eq!(d.graph["layout"], "neato");
    // The legend is then one node of its own.
    assert!(d.nodes["legend key"]["label"].contains(">person<"));
}

#[test]
fn edge_labels_say_dates_counts_or_nothing() {
    let d = parse(&dot(&["--edge-labels", "count"]));
    assert_eq!(d.edge("diaz", "kim")[0]["xlabel"], "3");
    assert_eq!(d.edge("diaz", "xi")[0]["xlabel"], "1");
    let d = parse(&dot(&["--edge-labels", "none"]));
    assert!(d
        .actor_edges()
        .iter()
        .all(|e| !e.2.contains_key("label") && !e.2.contains_key("xlabel")));
}

#[test]
fn legend_and_title() {
    let d = parse(&dot(&["--no-legend", "--title", "Who met \"whom\""]));
    assert!(d.nodes.keys().all(|n| !n.starts_with("legend")));
    assert_eq!(d.graph["label"], r#"Who met "whom""#);
    assert_eq!(d.graph["labelloc"], "t");
}

#[test]
fn tooltips_cite_each_meeting() {
    let d = parse(&dot(&[]));
    let tooltip = &d.edge("diaz", "xi")[0]["tooltip"];
    assert!(
        tooltip.starts_with("Miguel Díaz-Canel – 习近平"),
        "{tooltip}"
    );
    assert!(tooltip.contains(r"\n2016-06-27 talks, Beijing [m-xi-diaz]"));
    assert!(tooltip.contains(
        r#"source: The "Daily" <Paper> & Co, 2019-01-02: Says "they met" in Beijing <today> & more."#
    ));
    assert!(d.nodes["diaz"]["tooltip"].ends_with(r"\n5 meetings"));
}

/// Names as written, and the node names graphviz-pure gives them.
const HOSTILE: [(&str, &str); 5] = [
    (BACK, r"C:\N\n \\ end\"),
    (QUOTE, "Say \"Hi\" <b>bold</b> & co"),
    ("multi", "First line\nSecond line &amp; <more>"),
    ("kim", "김정은"),
    ("xi", "习近平"),
];

#[test]
fn hostile_names_stay_valid_dot_and_read_back_as_written() {
    let d = parse(&dot(&[]));
    for (node, name) in HOSTILE {
        let label = &d.nodes[node]["label"];
        // Undo the label escapes Graphviz applies: \\ → \, \n → line break, &amp; → &.
        let mut shown = String::new();
        let mut chars = label.chars();
        while let Some(c) = chars.next() {
            match (c, c == '\\') {
                (_, true) => match chars.next() {
                    Some('n') => shown.push('\n'),
                    Some(other) => shown.push(other),
                    None => shown.push('\\'),
                },
                (c, false) => shown.push(c),
            }
        }
        let shown = shown.replace("&amp;amp;", "&amp;");
        assert_eq!(shown, name, "label {label:?}");
    }
}

fn render(args: &[&str], file: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(file);
    whomet()
        .arg("--data")
        .arg(world())
        .arg("render")
        .arg("-o")
        .arg(&path)
        .args(args)
        .assert()
        .success();
    (dir, path)
}

#[test]
fn svg_shows_names_and_tooltips_as_written() {
    let (_dir, path) = render(&["--cluster", "state"], "world.svg");
    let svg = std::fs::read_to_string(&path).unwrap();
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..roxmltree::ParsingOptions::default()
    };
    let doc =
        roxmltree::Document::parse_with_options(&svg, options).expect("the SVG is well-formed XML");
    assert_eq!(doc.root_element().tag_name().name(), "svg");
    let xlink = "http://www.w3.org/1999/xlink";
    for (node, name) in HOSTILE {
        let group = doc
            .descendants()
            .filter(|n| n.attribute("class") == Some("node"))
            .find(|g| {
                g.children()
                    .find(|c| c.has_tag_name("title"))
                    .and_then(|t| t.text())
                    == Some(node)
            })
            .unwrap_or_else(|| panic!("no node {node}"));
        let lines: Vec<&str> = group
            .descendants()
            .filter(|n| n.has_tag_name("text"))
            .filter_map(|t| t.text())
            .collect();
        assert_eq!(lines.join("\n"), name, "node {node}");
        let tooltip = group
            .descendants()
            .find_map(|n| n.attribute((xlink, "title")))
            .unwrap();
        assert!(
            tooltip.starts_with(&format!("{name} (")),
            "tooltip {tooltip:?} of {node}"
        );
    }
    // Clusters keep their ids and labels in the SVG.
    let cluster = doc
        .descendants()
        .find(|n| n.attribute("id") == Some("cluster_state_cuba"))
        .unwrap();
    assert_eq!(cluster.attribute("class"), Some("cluster"));
    let edge_tip = doc
        .descendants()
        .filter_map(|n| n.attribute((xlink, "title")))
        .find(|t| t.starts_with("Miguel Díaz-Canel – 习近平"))
        .unwrap();
    assert!(edge_tip.contains("Says \"they met\" in Beijing <today> & more."));
}

#[test]
fn png_is_a_png_of_a_sensible_size() {
    let (_dir, path) = render(&["--engine", "dot"], "world.png");
    let png = std::fs::read(&path).unwrap();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    assert_eq!(&png[12..16], b"IHDR");
    let width = u32::from_be_bytes(png[16..20].try_into().unwrap());
    let height = u32::from_be_bytes(png[20..24].try_into().unwrap());
    assert!(
        (200..5000).contains(&width) && (100..5000).contains(&height),
        "{width}x{height}"
    );
}

#[test]
fn render_says_what_it_drew() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("world.svg");
    let out = whomet()
        .arg("--data")
        .arg(world())
        .args(["render", "--format", "json", "--cluster", "state", "-o"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(out.status.success());
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["engine"], "dot");
    assert_eq!(report["actors"], 8);
    assert_eq!(report["edges"], 8);
    assert_eq!(report["clusters"], 2);
    assert_eq!(
        report["bytes"].as_u64().unwrap(),
        std::fs::metadata(&path).unwrap().len()
    );
    assert_eq!(report["output"], path.display().to_string());
}

#[test]
fn render_refuses_to_replace_a_file_or_guess_a_format() {
    let (_dir, path) = render(&[], "world.svg");
    let before = std::fs::read(&path).unwrap();
    whomet()
        .arg("--data")
        .arg(world())
        .args(["render", "--edge-labels", "none", "-o"])
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("already exists; pass --force"));
    assert_eq!(std::fs::read(&path).unwrap(), before);
    whomet()
        .arg("--data")
        .arg(world())
        .args(["render", "--edge-labels", "none", "--force", "-o"])
        .arg(&path)
        .assert()
        .success();
    assert_ne!(std::fs::read(&path).unwrap(), before);
    whomet()
        .arg("--data")
        .arg(world())
        .args(["render", "-o"])
        .arg(path.with_extension("gif"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("FILE.svg or FILE.png"));
}

#[test]
fn dot_output_file_is_written_atomically_and_not_clobbered() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("world.dot");
    let run = |extra: &[&str]| {
        let mut cmd = whomet();
        cmd.arg("--data")
            .arg(world())
            .args(["dot", "-o"])
            .arg(&path)
            .args(extra);
        cmd.assert()
    };
    run(&[]).success().stdout("");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), dot(&[]));
    run(&[]).code(2);
    run(&["--force", "--status", "all"]).success();
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        dot(&["--status", "all"])
    );
    // Nothing but the file is left in the folder.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn the_same_command_gives_the_same_bytes() {
    let args = [
        "--cluster",
        "state",
        "--status",
        "all",
        "--size-by",
        "pagerank",
    ];
    assert_eq!(dot(&args), dot(&args));
    let (_a, first) = render(&["--path", "xi", "choe"], "a.svg");
    let (_b, second) = render(&["--path", "xi", "choe"], "a.svg");
    assert_eq!(
        std::fs::read(first).unwrap(),
        std::fs::read(second).unwrap()
    );
}

/// A RON data set of `n` people in a chain of meetings.
fn chain(dir: &Path, n: usize) {
    let mut text =
        String::from("(\n  sources: [Source(id: \"s\", publication: \"P\")],\n  actors: [\n");
    for i in 0..n {
        text.push_str(&format!(
            "    Actor(id: \"a{i:05}\", name: \"Person {i}\", kind: person),\n"
        ));
    }
    text.push_str("  ],\n  meetings: [\n");
    for i in 1..n {
        text.push_str(&format!(
            "    Meeting(id: \"m{i:05}\", date: \"2016-01-01\", participants: [P(actor: \"a{:05}\"), P(actor: \"a{i:05}\")], sources: [Cite(source: \"s\")]),\n",
            i - 1
        ));
    }
    text.push_str("  ],\n)\n");
    std::fs::write(dir.join("chain.ron"), text).unwrap();
}

#[test]
fn render_refuses_more_than_two_thousand_actors_with_advice() {
    let dir = tempfile::tempdir().unwrap();
    chain(dir.path(), 2_001);
    let out = dir.path().join("big.svg");
    whomet()
        .arg("--data")
        .arg(dir.path())
        .args(["render", "-o"])
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("2001 actors, more than 2000"))
        .stderr(predicates::str::contains("--around ACTOR --depth N"))
        .stderr(predicates::str::contains("--top N --by MEASURE"))
        .stderr(predicates::str::contains("--from/--to"));
    assert!(!out.exists());
    // DOT has no limit, and narrowing the picture brings it under.
    let text = whomet()
        .arg("--data")
        .arg(dir.path())
        .args(["dot", "--no-legend", "--edge-labels", "none"])
        .output()
        .unwrap()
        .stdout;
    let text = String::from_utf8(text).unwrap();
    assert_eq!(text.matches(" [label=\"Person ").count(), 2_001);
    // Curved edge routing would take minutes at this size: edges are straight.
    assert!(text.contains("\n  layout=sfdp;\n"));
    assert!(text.contains("\n  splines=false;\n"));
    whomet()
        .arg("--data")
        .arg(dir.path())
        .args(["render", "--around", "a01000", "--depth", "3", "-o"])
        .arg(&out)
        .assert()
        .success();
    assert!(std::fs::read_to_string(&out)
        .unwrap()
        .contains("Person 1003"));
}
