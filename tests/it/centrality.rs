//! `whomet centrality` and the centrality library against networkx's values, stored with the
//! script that computed them in tests/fixtures/centrality/ (make_reference.py).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;
use whomet::algo::centrality::{self, Measure, MeasureOptions, Weighting};
use whomet::graph::Adjacency;

fn fixtures() -> PathBuf {
    crate::support::fixture("centrality")
}

fn reference() -> Value {
    let text = std::fs::read_to_string(fixtures().join("reference.json")).expect("fixture");
    serde_json::from_str(&text).expect("valid JSON")
}

/// Agreement asked for: 1e-9, and the stopping tolerance for the power iterations.
fn tolerance(measure: Measure) -> f64 {
    match measure {
        Measure::Eigenvector | Measure::PageRank | Measure::Katz => 1e-6,
        _ => 1e-9,
    }
}

fn floats(value: &Value) -> Vec<f64> {
    value
        .as_array()
        .expect("array")
        .iter()
        .map(|v| v.as_f64().expect("number"))
        .collect()
}

fn adjacency(graph: &Value) -> Adjacency {
    let n = graph["nodes"].as_array().expect("nodes").len();
    let pairs: Vec<(u32, u32, u32)> = graph["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .map(|e| {
            let e: Vec<u32> = e
                .as_array()
                .expect("edge")
                .iter()
                .map(|x| x.as_u64().expect("int") as u32)
                .collect();
            (e[0], e[1], e[2])
        })
        .collect();
    Adjacency::from_pairs(n, &pairs)
}

fn assert_close(what: &str, got: &[f64], want: &[f64], tol: f64) {
    assert_eq!(got.len(), want.len(), "{what}: lengths");
    for (i, (g, w)) in got.iter().zip(want).enumerate() {
        assert!(
            (g - w).abs() <= tol,
            "{what}: node {i}: got {g}, networkx {w} (tolerance {tol})"
        );
    }
}

#[test]
fn every_measure_agrees_with_networkx() {
    let reference = reference();
    for graph in reference["graphs"].as_array().expect("graphs") {
        let name = graph["name"].as_str().expect("name");
        let g = adjacency(graph);
        for (variant, weighted) in [("unweighted", false), ("weighted", true)] {
            let Some(values) = graph.get(variant) else {
                continue;
            };
            let options = MeasureOptions {
                weighting: weighted.into(),
                katz_alpha: graph["katz_alpha"].as_f64().expect("alpha"),
                ..MeasureOptions::default()
            };
            let scores = centrality::compute(&g, &Measure::ALL, &options).expect("converges");
            for (m, got) in Measure::ALL.iter().zip(&scores) {
                let want = floats(&values[m.as_str()]);
                assert_close(&format!("{name} {variant} {m}"), got, &want, tolerance(*m));
            }
        }
    }
}

#[test]
fn medici_betweenness_is_the_textbook_value() {
    let reference = reference();
    let florentine = &reference["graphs"][0];
    let medici = florentine["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .position(|n| n == "Medici")
        .expect("Medici");
    let b = centrality::betweenness(&adjacency(florentine), Weighting::Unweighted);
    assert!(
        (b[medici] - 0.521978021978022).abs() < 1e-12,
        "{}",
        b[medici]
    );
}

#[test]
fn sampled_betweenness_is_rescaled_as_networkx_does() {
    let reference = reference();
    for graph in reference["graphs"].as_array().expect("graphs") {
        let sampled = &graph["sampled"];
        let sources: Vec<u32> = floats(&sampled["sources"])
            .into_iter()
            .map(|s| s as u32)
            .collect();
        let got = centrality::betweenness_from_sources(
            &adjacency(graph),
            &sources,
            Weighting::Unweighted,
        );
        assert_close(
            &format!("{} sampled", graph["name"]),
            &got,
            &floats(&sampled["betweenness"]),
            1e-9,
        );
    }
}

fn whomet() -> Command {
    let mut cmd = crate::support::whomet();
    cmd.arg("--data").arg(fixtures().join("world"));
    cmd
}

fn run_json(args: &[&str]) -> Value {
    let output = whomet()
        .arg("centrality")
        .args(args)
        .args(["--format", "json"])
        .output()
        .expect("runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("JSON")
}

fn run_text(args: &[&str]) -> String {
    let output = whomet().args(args).output().expect("runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8")
}

/// Scores by actor id, checking the sort order (score descending, ties by id) on the way.
fn scores_by_actor(json: &Value) -> HashMap<String, f64> {
    let rows = json["scores"].as_array().expect("scores");
    let mut out = HashMap::new();
    let mut last: Option<(f64, String)> = None;
    for row in rows {
        let id = row["actor"].as_str().expect("actor").to_string();
        let score = row["score"].as_f64().expect("score");
        assert!(row["name"].is_string());
        if let Some((s, i)) = &last {
            assert!(
                *s > score + 1e-12 || ((s - score).abs() <= 1e-12 && *i < id),
                "order: {i} {s} then {id} {score}"
            );
        }
        last = Some((score, id.clone()));
        out.insert(id, score);
    }
    out
}

fn assert_matches(what: &str, got: &HashMap<String, f64>, want: &Value, tol: f64) {
    let want = want.as_object().expect("object");
    assert_eq!(got.len(), want.len(), "{what}: actors {got:?}");
    for (id, w) in want {
        let w = w.as_f64().expect("number");
        let g = got[id];
        assert!((g - w).abs() <= tol, "{what}: {id}: got {g}, networkx {w}");
    }
}

#[test]
fn cli_json_matches_networkx_for_every_measure() {
    let world = &reference()["world"];
    for m in Measure::ALL {
        for (key, weighted) in [("all", false), ("all_weighted", true)] {
            let mut args = vec!["--measure", m.as_str(), "--top", "0"];
            if weighted {
                args.push("--weighted");
            }
            let json = run_json(&args);
            assert_eq!(json["measure"], m.as_str());
            assert_eq!(json["weighted"], weighted);
            assert_eq!(
                json["window"],
                serde_json::json!({"from": null, "to": null})
            );
            assert_matches(
                &format!("{key} {m}"),
                &scores_by_actor(&json),
                &world[key][m.as_str()],
                tolerance(m),
            );
        }
    }
}

#[test]
fn window_and_subgraph_change_the_graph_and_kind_only_the_rows() {
    let world = &reference()["world"];
    let json = run_json(&[
        "--measure",
        "betweenness",
        "--from",
        "2016",
        "--to",
        "2017",
        "--top",
        "0",
    ]);
    assert_eq!(
        json["window"],
        serde_json::json!({"from": "2016-01-01", "to": "2017-12-31"})
    );
    assert_matches(
        "2016-2017",
        &scores_by_actor(&json),
        &world["2016_2017"]["betweenness"],
        1e-9,
    );

    let json = run_json(&[
        "--measure",
        "closeness",
        "--subgraph-kind",
        "person",
        "--top",
        "0",
    ]);
    assert_matches(
        "persons",
        &scores_by_actor(&json),
        &world["persons"]["closeness"],
        1e-9,
    );

    // --kind person ranks people by their score in the whole graph.
    let json = run_json(&["--measure", "closeness", "--kind", "person", "--top", "0"]);
    let got = scores_by_actor(&json);
    assert_eq!(got.len(), 7);
    for (id, score) in &got {
        let want = world["all"]["closeness"][id].as_f64().expect("number");
        assert!((score - want).abs() < 1e-9, "{id}");
    }
}

#[test]
fn blocs_sum_members_in_the_window() {
    let world = &reference()["world"];
    let degree = |id: &str| world["all"]["degree"][id].as_f64().expect("number");
    let json = run_json(&["--measure", "degree", "--by", "state"]);
    assert_eq!(json["by"], "state");
    let rows = json["scores"].as_array().expect("rows");
    let ids: Vec<&str> = rows.iter().map(|r| r["actor"].as_str().unwrap()).collect();
    assert_eq!(ids, ["aland", "borea"]);
    let aland = degree("aland") + degree("ana") + degree("ben") + degree("eli");
    let borea = degree("borea") + degree("cai") + degree("dee");
    assert!((rows[0]["score"].as_f64().unwrap() - aland).abs() < 1e-12);
    assert_eq!(rows[0]["members"], 4);
    assert!((rows[1]["score"].as_f64().unwrap() - borea).abs() < 1e-12);

    // Eli joins Åland in 2017, so a 2016 window leaves him out.
    let json = run_json(&[
        "--measure",
        "degree",
        "--by",
        "state",
        "--from",
        "2016",
        "--to",
        "2016",
    ]);
    let aland = &json["scores"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["actor"] == "aland")
        .expect("aland")["members"];
    assert_eq!(aland, 3);
}

#[test]
fn tables_and_csv_are_exact() {
    let table = run_text(&["centrality", "--measure", "degree", "--top", "3"]);
    assert_eq!(
        table,
        " rank   actor   name               degree \n\
         ------ ------- ------------------ --------\n \
         1      ana     Ana O'Neil         0.3    \n \
         2      ben     Ben Ito            0.3    \n \
         3      dee     Dee <Dagny> Lund   0.3    \n"
    );
    let csv = run_text(&[
        "centrality",
        "--format",
        "csv",
        "--measure",
        "strength",
        "--kind",
        "person",
        "--top",
        "3",
    ]);
    assert_eq!(
        csv,
        "rank,actor,name,strength\n1,ben,Ben Ito,6\n2,ana,Ana O'Neil,5\n3,cai,\"Cai Ruiz, Jr.\",3\n"
    );
    let overview = run_text(&["centrality", "--format", "csv", "--top", "1"]);
    assert_eq!(
        overview.lines().next(),
        Some("rank,actor,name,degree,strength,betweenness,closeness,harmonic,eigenvector,pagerank")
    );
    assert!(overview
        .lines()
        .nth(1)
        .expect("row")
        .starts_with("1,ana,Ana O'Neil,0.30000000000000004,5,0.26666666666666666,0.4,5.08333"));
}

#[test]
fn over_time_gives_yearly_series_matching_networkx() {
    let world = &reference()["world"];
    let json = run_json(&["--over-time", "--measure", "degree", "--top", "0"]);
    let windows = json["windows"].as_array().expect("windows");
    let starts: Vec<&str> = windows
        .iter()
        .map(|w| w["from"].as_str().unwrap())
        .collect();
    assert_eq!(
        starts,
        ["2015-01-01", "2016-01-01", "2017-01-01", "2018-01-01"]
    );
    assert_eq!(windows[0]["to"], "2015-12-31");
    assert_eq!(
        (json["width"].as_str(), json["step"].as_str()),
        (Some("1y"), Some("1y"))
    );
    let series = json["series"].as_array().expect("series");
    assert_eq!(series.len(), 11);
    for s in series {
        let id = s["actor"].as_str().unwrap();
        for (year, score) in (2015..).zip(floats(&s["scores"])) {
            let want = world["yearly_degree"][year.to_string()][id]
                .as_f64()
                .unwrap();
            assert!(
                (score - want).abs() < 1e-12,
                "{id} {year}: {score} vs {want}"
            );
        }
    }
    // Highest peak first, ties by id: Ana, Ben, Borea, Cai, Dee and Eli all peak at 0.2.
    let order: Vec<&str> = series
        .iter()
        .map(|s| s["actor"].as_str().unwrap())
        .collect();
    assert_eq!(
        order,
        ["ana", "ben", "borea", "cai", "dee", "eli", "aland", "fay", "gus", "blues", "reds"]
    );

    let csv = run_text(&["centrality", "--format", "csv", "--over-time", "--top", "1"]);
    assert_eq!(
        csv,
        "window_from,window_to,actor,name,score\n\
         2015-01-01,2015-12-31,ana,Ana O'Neil,0.1\n\
         2016-01-01,2016-12-31,ana,Ana O'Neil,0\n\
         2017-01-01,2017-12-31,ana,Ana O'Neil,0.2\n\
         2018-01-01,2018-12-31,ana,Ana O'Neil,0.2\n"
    );
}

#[test]
fn chart_is_written_atomically_and_not_overwritten() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("chart.svg");
    let path_text = path.to_str().expect("UTF-8 path");
    let args = ["centrality", "--over-time", "--top", "6", "-o", path_text];
    run_text(&args);
    let svg = std::fs::read_to_string(&path).expect("written");
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(svg.contains(">Eli &amp; Co</text>"));
    assert!(svg.contains(">Dee &lt;Dagny&gt; Lund</text>"));
    assert_eq!(svg.matches("<polyline").count(), 6);
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temp file left"
    );

    whomet().args(args).assert().code(2).stderr(format!(
        "error: {path_text} already exists; pass --force to overwrite it\n"
    ));
    std::fs::write(&path, "old").unwrap();
    whomet().args(args).arg("--force").assert().success();
    assert!(std::fs::read_to_string(&path).unwrap().starts_with("<svg"));
}

#[test]
fn errors_and_notes_are_plain() {
    whomet()
        .args(["centrality", "--measure", "katz", "--katz-alpha", "0.9"])
        .assert()
        .code(2)
        .stderr(
            "error: katz centrality did not converge in 1000 iterations: alpha 0.9 must be below \
             1/λ_max of the adjacency matrix; any alpha below 1/3 (the largest degree) converges; \
             set it with --katz-alpha\n",
        );
    whomet()
        .args(["centrality", "-o", "x.svg"])
        .assert()
        .code(2);
    let output = whomet()
        .args([
            "centrality",
            "--format",
            "json",
            "--measure",
            "betweenness",
            "--samples",
            "4",
            "--seed",
            "9",
        ])
        .output()
        .expect("runs");
    assert!(output.status.success());
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "note: betweenness estimated from 4 of 11 sources (seed 9), not exact\n"
    );
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        json["sampled"],
        serde_json::json!({"sources": 4, "nodes": 11, "seed": 9})
    );
}

/// The ids and the "met" graph of a CSV pair, through whomet's own CSV loader.
fn csv_adjacency(dir: &Path) -> (Vec<String>, Adjacency) {
    let graph = whomet::store::load(&whomet::store::DataLocation::Dir(dir.to_path_buf()))
        .expect("the CSV pair loads");
    let ids = graph.data().actors.iter().map(|a| a.id.clone()).collect();
    (ids, graph.adjacency().clone())
}

#[test]
fn synthetic_s_matches_the_peers_published_value() {
    let dir = tempfile::tempdir().expect("temp dir");
    let args = ["--actors", "1000", "--meetings", "5000", "--seed", "7"];
    if !crate::support::generate(&args, dir.path()) {
        return;
    }
    let (ids, g) = csv_adjacency(dir.path());
    assert_eq!(g.edge_count(), 11_858);
    let b = centrality::betweenness(&g, Weighting::Unweighted);
    let a14 = ids.iter().position(|id| id == "a000014").expect("a000014");
    assert!((b[a14] - 0.0834701).abs() < 5e-8, "{}", b[a14]);
}
