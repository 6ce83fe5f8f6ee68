//! Load benchmarks: the L data set (100,000 actors, 1,000,000 meetings) from CSV and from
//! whomet's RON store to a queryable graph, and connected components of L.
//!
//! Run with `cargo bench --bench load` (add `-- --quick` for one run each, or `-- csv` / `ron`
//! / `components` to pick). The data is generated under /tmp on first use with
//! `python3 ../shared/bench/gen.py --preset L --out /tmp/whomet-L`, and its RON copy is
//! written to /tmp/whomet-L-ron with the library's importer.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use whomet::algo::components::connected_components;
use whomet::store::csv::{read_pair, CsvOptions};
use whomet::store::write::{write_ron_dir, WriteOptions};
use whomet::store::{load, DataLocation};
use whomet::MeetingGraph;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let quick = args.iter().any(|a| a == "--quick");
    let picked: Vec<&str> = args
        .iter()
        .map(String::as_str)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let wants = |name: &str| picked.is_empty() || picked.contains(&name);
    let runs = if quick { 1 } else { 5 };

    let csv_dir = ensure_csv("L");
    let mut rows: Vec<(String, Vec<Duration>, &str)> = Vec::new();
    let mut graph: Option<MeetingGraph> = None;

    if wants("csv") {
        let times = time(runs, || {
            let started = Instant::now();
            let import = read_pair(
                &csv_dir.join("actors.csv"),
                &csv_dir.join("meetings.csv"),
                CsvOptions::default(),
            )
            .expect("L reads cleanly");
            let parsed = started.elapsed();
            let built = MeetingGraph::new(import.dataset);
            eprintln!(
                "  csv: parse {:.3} s, graph {:.3} s",
                parsed.as_secs_f64(),
                started.elapsed().as_secs_f64() - parsed.as_secs_f64()
            );
            graph = Some(built);
        });
        rows.push(("L: CSV to graph".into(), times, "13.6 / 14.3 / 8.0 / 17.4"));
    }

    if wants("ron") {
        let ron_dir = PathBuf::from("/tmp/whomet-L-ron");
        if !ron_dir.join("actors.ron").is_file() {
            eprintln!("writing {} …", ron_dir.display());
            let import = read_pair(
                &csv_dir.join("actors.csv"),
                &csv_dir.join("meetings.csv"),
                CsvOptions::default(),
            )
            .expect("L reads cleanly");
            write_ron_dir(
                &import.dataset,
                &ron_dir,
                WriteOptions { force: true },
                &|_, _| {},
            )
            .expect("RON written");
        }
        let location = DataLocation::Dir(ron_dir);
        let times = time(runs.min(3), || {
            graph = Some(load(&location).expect("RON of L loads"));
        });
        rows.push(("L: RON store to graph".into(), times, "—"));
    }

    if wants("components") {
        let graph = graph
            .take()
            .unwrap_or_else(|| load(&DataLocation::Dir(csv_dir.clone())).expect("L reads cleanly"));
        let mut count = 0;
        let times = time(runs * 4, || {
            let components = connected_components(graph.adjacency());
            count = components.len();
        });
        let components = connected_components(graph.adjacency());
        eprintln!("  components: {count}, largest {}", components.size(0));
        rows.push((
            "L: connected components".into(),
            times,
            "1.5 / 0.56 / 0.09 / 0.56",
        ));
    }

    println!("| operation | whomet min (s) | whomet median (s) | runs | networkx / rustworkx / igraph / Raphtory (s) |");
    println!("| --- | --- | --- | --- | --- |");
    for (name, times, peers) in rows {
        println!(
            "| {name} | {:.3} | {:.3} | {} | {peers} |",
            times[0].as_secs_f64(),
            times[times.len() / 2].as_secs_f64(),
            times.len()
        );
    }
}

/// Runs `f` `runs` times; returns the sorted durations.
fn time(runs: usize, mut f: impl FnMut()) -> Vec<Duration> {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let started = Instant::now();
            f();
            started.elapsed()
        })
        .collect();
    times.sort();
    times
}

/// The generated CSV folder of a preset, generated if missing.
fn ensure_csv(preset: &str) -> PathBuf {
    let out = PathBuf::from(format!("/tmp/whomet-{preset}"));
    let dir = out.join(preset);
    if !dir.join("meetings.csv").is_file() {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/bench/gen.py");
        eprintln!("generating {} …", dir.display());
        let status = Command::new("python3")
            .arg(&script)
            .args(["--preset", preset, "--out"])
            .arg(&out)
            .status()
            .expect("python3 runs gen.py");
        assert!(status.success(), "gen.py failed");
    }
    dir
}
