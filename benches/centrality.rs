//! Centrality timings on the synthetic data sets of ../shared/bench (see BENCHMARKS.md).
//!
//! `cargo bench --bench centrality [-- S|M|L ...]` runs the chosen sizes (default all three);
//! data is generated into /tmp/whomet-<P>/<P> with gen.py when missing. Set
//! `WHOMET_BENCH_RUSTWORKX=1` to time rustworkx-core on the same graphs (slow: ≈ 25 s each),
//! `WHOMET_BENCH_IGRAPH=1` to time igraph's exact and weighted betweenness on M in the same
//! run (benches/centrality_igraph.py, as many runs as whomet's).
//! Each line: measure, size, min and median seconds over the runs.

mod common;

use std::io::Write;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use whomet::algo::centrality::{self, Weighting};
use whomet::graph::Adjacency;

/// The ids and the "met" graph of a CSV pair, through whomet's own CSV loader.
fn load(dir: &Path) -> (Vec<String>, Adjacency) {
    let graph = whomet::store::load(&whomet::store::DataLocation::Dir(dir.to_path_buf()))
        .expect("the CSV pair loads");
    let ids = graph.data().actors.iter().map(|a| a.id.clone()).collect();
    (ids, graph.adjacency().clone())
}

/// Words on the command line other than S, M and L: only timings whose label holds them all run.
fn selected(label: &str) -> bool {
    std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-') && !matches!(a.as_str(), "S" | "M" | "L"))
        .all(|word| label.contains(word.as_str()))
}

/// Runs `f` `runs` times and prints the min and median, if `label` is selected.
fn time<T>(label: &str, runs: usize, mut f: impl FnMut() -> T) -> Option<T> {
    if !selected(label) {
        return None;
    }
    let mut times: Vec<Duration> = Vec::new();
    let mut last = None;
    let cpu = common::cpu_seconds();
    for _ in 0..runs {
        let start = Instant::now();
        let out = std::hint::black_box(f());
        times.push(start.elapsed());
        last = Some(out);
    }
    times.sort();
    println!(
        "{label:<40} min {:>8.4} s   median {:>8.4} s   cpu/run {:>8.3} s   ({runs} runs)",
        times[0].as_secs_f64(),
        times[runs / 2].as_secs_f64(),
        (common::cpu_seconds() - cpu) / runs as f64
    );
    last
}

fn rustworkx_graph(g: &Adjacency) -> rustworkx_core::petgraph::graph::UnGraph<(), (), u32> {
    let mut graph =
        rustworkx_core::petgraph::graph::UnGraph::with_capacity(g.node_count(), g.edge_count());
    for _ in 0..g.node_count() {
        graph.add_node(());
    }
    for (a, b, _) in g.edges() {
        graph.add_edge(a.into(), b.into(), ());
    }
    graph
}

/// igraph's betweenness on `g` (the variants whose labels are selected), through
/// benches/centrality_igraph.py, printing its lines after `preset`.
fn igraph(preset: &str, g: &Adjacency, runs: usize) {
    let variants: Vec<&str> = ["unweighted", "weighted"]
        .into_iter()
        .filter(|v| {
            let label = if *v == "weighted" {
                "weighted betweenness (1/count)"
            } else {
                "exact betweenness"
            };
            selected(label)
        })
        .collect();
    if variants.is_empty() {
        return;
    }
    let path = std::env::temp_dir().join(format!("whomet-centrality-{preset}.edges"));
    let mut out = std::io::BufWriter::new(std::fs::File::create(&path).expect("edge file"));
    writeln!(out, "{}", g.node_count()).expect("write");
    for (a, b, count) in g.edges() {
        writeln!(out, "{a} {b} {count}").expect("write");
    }
    drop(out);
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/centrality_igraph.py");
    let output = Command::new("python3")
        .arg(script)
        .arg(&path)
        .arg(runs.to_string())
        .args(&variants)
        .output();
    match output {
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
    let wanted = |p: &str| sizes.is_empty() || sizes.iter().any(|a| a == p);
    let peers = std::env::var_os("WHOMET_BENCH_RUSTWORKX").is_some();
    println!("threads: {}", rayon::current_num_threads());

    if wanted("S") {
        let (ids, g) = load(&common::generated_csv("S"));
        if let Some(b) = time("S exact betweenness", 5, || {
            centrality::betweenness(&g, Weighting::Unweighted)
        }) {
            let a14 = ids.iter().position(|id| id == "a000014").expect("a000014");
            println!(
                "S betweenness of a000014 = {:.7} (peers: 0.0834701)",
                b[a14]
            );
        }
    }

    if wanted("M") {
        let (_, g) = load(&common::generated_csv("M"));
        println!(
            "M: {} actors, {} distinct pairs",
            g.node_count(),
            g.edge_count()
        );
        time("M exact betweenness", 3, || {
            centrality::betweenness(&g, Weighting::Unweighted)
        });
        time("M closeness", 3, || {
            centrality::closeness(&g, Weighting::Unweighted)
        });
        time("M weighted betweenness (1/count)", 3, || {
            centrality::betweenness(&g, Weighting::MeetingCount)
        });
        time("M betweenness, 500 sampled sources", 3, || {
            let sources = centrality::sample_sources(g.node_count(), 500, 0);
            centrality::betweenness_from_sources(&g, &sources, Weighting::Unweighted)
        });
        if std::env::var_os("WHOMET_BENCH_IGRAPH").is_some() {
            igraph("M", &g, 3);
        }
        if peers {
            let rg = rustworkx_graph(&g);
            time("M rustworkx-core betweenness", 1, || {
                rustworkx_core::centrality::betweenness_centrality(&rg, false, true, 50)
            });
            time("M rustworkx-core closeness", 1, || {
                rustworkx_core::centrality::closeness_centrality(&rg, true, 50)
            });
        }
    }

    if wanted("L") {
        let start = Instant::now();
        let (_, g) = load(&common::generated_csv("L"));
        println!(
            "L: {} actors, {} distinct pairs (read in {:.1} s)",
            g.node_count(),
            g.edge_count(),
            start.elapsed().as_secs_f64()
        );
        time("L degree", 10, || centrality::degree(&g));
        time("L pagerank", 5, || {
            centrality::pagerank(&g, Weighting::Unweighted)
        });
        time("L eigenvector", 5, || {
            centrality::eigenvector(&g, Weighting::Unweighted)
        });
        if peers {
            let rg = rustworkx_graph(&g);
            time("L rustworkx-core eigenvector", 3, || {
                rustworkx_core::centrality::eigenvector_centrality(
                    &rg,
                    |_| Ok::<f64, std::convert::Infallible>(1.0),
                    None,
                    None,
                )
            });
        }
    }
}
