//! Leiden community detection on the synthetic data sets, side by side with igraph.
//!
//! `cargo bench --bench communities [-- M L ...]` (default M and L): for each size, whomet's
//! Leiden (unweighted, γ = 1, seed 0) timed over a few runs, then, when python3 has igraph,
//! igraph's `community_multilevel` as many times on the same edge list in the same run
//! (benches/communities_igraph.py; `WHOMET_BENCH_IGRAPH_LEIDEN=1` adds igraph's Leiden run to
//! convergence, slow on L). Each line: wall seconds and modularity. `--trace` instead prints,
//! for each iteration cap 1..=12 with no tolerance, the run's wall time and modularity: the
//! curve the default tolerance is chosen on.

mod common;

use std::io::Write;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

use whomet::algo::community::{leiden, LeidenOptions};
use whomet::graph::Adjacency;

fn load(dir: &Path) -> Adjacency {
    let graph = whomet::store::load(&whomet::store::DataLocation::Dir(dir.to_path_buf()))
        .expect("the CSV pair loads");
    graph.adjacency().clone()
}

fn whomet_leiden(preset: &str, g: &Adjacency, runs: usize) {
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..runs {
        let start = Instant::now();
        let p = std::hint::black_box(leiden(g, &LeidenOptions::default()));
        times.push(start.elapsed().as_secs_f64());
        last = Some(p);
    }
    times.sort_by(f64::total_cmp);
    let p = last.expect("at least one run");
    println!(
        "{preset} whomet leiden             min {:>8.3} s  median {:>8.3} s  modularity {:.6}  communities {}  iterations {}  ({runs} runs)",
        times[0],
        times[runs / 2],
        p.modularity,
        p.count,
        p.iterations
    );
}

/// Wall time and modularity of a run capped at 1, 2, … iterations (no tolerance).
fn trace(preset: &str, g: &Adjacency) {
    for cap in 1..=12 {
        let options = LeidenOptions {
            max_iterations: cap,
            tolerance: 0.0,
            ..LeidenOptions::default()
        };
        let start = Instant::now();
        let p = std::hint::black_box(leiden(g, &options));
        println!(
            "{preset} whomet leiden, at most {cap:>2} iterations  {:>8.3} s  modularity {:.6}",
            start.elapsed().as_secs_f64(),
            p.modularity
        );
        if p.iterations < cap {
            break;
        }
    }
}

fn igraph(preset: &str, g: &Adjacency, runs: usize) {
    let path = std::env::temp_dir().join(format!("whomet-communities-{preset}.edges"));
    let mut out = std::io::BufWriter::new(std::fs::File::create(&path).expect("edge file"));
    writeln!(out, "{}", g.node_count()).expect("write");
    for (a, b, _) in g.edges() {
        writeln!(out, "{a} {b}").expect("write");
    }
    drop(out);
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/communities_igraph.py");
    let mut command = Command::new("python3");
    command
        .arg(script)
        .arg(&path)
        .args(["--runs", &runs.to_string()]);
    if std::env::var_os("WHOMET_BENCH_IGRAPH_LEIDEN").is_some() {
        command.arg("--leiden");
    }
    match command.output() {
        Ok(o) if o.status.success() => {
            for line in String::from_utf8_lossy(&o.stdout).lines() {
                println!("{preset} {line}");
            }
        }
        _ => println!("{preset} igraph: not run (python3 -c 'import igraph' fails)"),
    }
    let _ = std::fs::remove_file(path);
}

fn main() {
    let sizes: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| matches!(a.as_str(), "S" | "M" | "L"))
        .collect();
    let sizes = if sizes.is_empty() {
        vec!["M".to_string(), "L".to_string()]
    } else {
        sizes
    };
    let tracing = std::env::args().any(|a| a == "--trace");
    for preset in &sizes {
        let g = load(&common::generated_csv(preset));
        println!(
            "{preset}: {} actors, {} distinct pairs",
            g.node_count(),
            g.edge_count()
        );
        if tracing {
            trace(preset, &g);
            continue;
        }
        let runs = if preset == "L" { 3 } else { 5 };
        whomet_leiden(preset, &g, runs);
        igraph(preset, &g, runs);
    }
}
