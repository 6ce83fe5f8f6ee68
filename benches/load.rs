//! Load benchmarks: the L data set (100,000 actors, 1,000,000 meetings) from CSV and from
//! whomet's RON store to a queryable graph, and connected components of L.
//!
//! ```sh
//! cargo bench --bench load                     # csv, ron, snapshot, components, hostile
//! cargo bench --bench load -- csv components   # pick; --quick runs each once
//! cargo bench --bench load -- hostile          # the hostile RON files only, no L data
//! ```
//!
//! The data is generated under /tmp on first use with
//! `python3 ../shared/bench/gen.py --preset L --out /tmp/whomet-L`, and its RON copy is
//! written to /tmp/whomet-L-ron with the library's importer ("ron" times the RON parser alone,
//! "snapshot" the same folder loaded through its binary snapshot). Each run reports wall time and
//! the CPU time of the process (user + system, both threads): other work sharing the machine
//! inflates the first, not the second. Peak memory is the process's high-water mark, so run
//! one operation alone to read it (`-- csv`).
//!
//! `WHOMET_BENCH_IGRAPH=1` with "csv" then times igraph loading the same CSV pair as many times
//! (benches/load_igraph.py: Python's csv module, the pairs, the igraph graph), in the same run.
//!
//! "hostile" loads generated RON files that used to be quadratic to locate records in: 200,000
//! actors on one line, and 40,000 ids written with `\u{…}` escapes, each clean and with every
//! id duplicated (so every record is located for an error).

// The same allocator as the `whomet` binary, so the timings are the command's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod common;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use whomet::algo::components::connected_components;
use whomet::store::csv::{read_pair, CsvOptions};
use whomet::store::write::{write_ron_dir, WriteOptions};
use whomet::store::{load, load_dir, load_files, DataFile, DataLocation};
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

    let l_wanted = ["csv", "ron", "snapshot", "components"]
        .iter()
        .any(|name| wants(name));
    // Generating L takes minutes; only the rows that read it pay for it.
    let csv_dir = if l_wanted {
        common::generated_csv("L")
    } else {
        PathBuf::new()
    };
    let mut rows: Vec<(&str, Timing, &str)> = Vec::new();
    let mut graph: Option<MeetingGraph> = None;

    if wants("csv") {
        let location = DataLocation::Dir(csv_dir.clone());
        let (timing, built) = time(runs, || load(&location).expect("L reads cleanly"));
        rows.push(("L: CSV to graph", timing, "13.6 / 14.3 / 8.0 / 17.4"));
        graph = built;
        if std::env::var_os("WHOMET_BENCH_IGRAPH").is_some() {
            // Freed first, so igraph's process has the machine's memory to itself.
            drop(graph.take());
            let script =
                std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/load_igraph.py");
            match std::process::Command::new("python3")
                .arg(script)
                .arg(&csv_dir)
                .arg(runs.to_string())
                .output()
            {
                Ok(o) if o.status.success() => print!("{}", String::from_utf8_lossy(&o.stdout)),
                _ => println!("igraph: not run (python3 -c 'import igraph' fails)"),
            }
        }
    }

    let ron_dir = PathBuf::from("/tmp/whomet-L-ron");
    if (wants("ron") || wants("snapshot")) && !ron_dir.join("actors.ron").is_file() {
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

    if wants("ron") {
        // The RON parser alone: no snapshot read or written.
        drop(graph.take());
        let (timing, built) = time(runs.min(2), || {
            MeetingGraph::new(load_dir(&ron_dir).expect("RON of L loads"))
        });
        rows.push(("L: RON files to graph", timing, "—"));
        graph = built;
    }

    if wants("snapshot") {
        drop(graph.take());
        let location = DataLocation::Dir(ron_dir.clone());
        // The first load writes the snapshot if it is missing or stale; then it is current.
        drop(load(&location).expect("RON of L loads"));
        let (timing, built) = time(runs, || load(&location).expect("snapshot of L loads"));
        rows.push(("L: RON store via its snapshot to graph", timing, "—"));
        graph = built;
    }

    if wants("hostile") {
        for (name, n, escaped, duplicated) in [
            ("hostile/one_line_200k_actors", 200_000, false, false),
            (
                "hostile/one_line_200k_actors, all duplicated",
                200_000,
                false,
                true,
            ),
            ("hostile/escaped_40k_ids", 40_000, true, false),
            (
                "hostile/escaped_40k_ids, all duplicated",
                40_000,
                true,
                true,
            ),
        ] {
            let files = [DataFile {
                name: "actors.ron".to_string(),
                bytes: one_line_actors(n, escaped, duplicated).into_bytes(),
            }];
            let (timing, _) = time(runs, || match load_files(&files) {
                Ok(data) => data.actors.len(),
                Err(e) => e.problems.len(),
            });
            rows.push((name, timing, "—"));
        }
    }

    if wants("components") {
        let graph = graph
            .take()
            .unwrap_or_else(|| load(&DataLocation::Dir(csv_dir.clone())).expect("L reads cleanly"));
        let (timing, components) = time(runs * 4, || connected_components(graph.adjacency()));
        if let Some(components) = components {
            eprintln!(
                "  components: {}, the largest with {} actors",
                components.len(),
                components.size(0)
            );
        }
        rows.push((
            "L: connected components",
            timing,
            "1.5 / 0.56 / 0.09 / 0.56",
        ));
    }

    println!(
        "| operation | wall min (s) | wall median (s) | cpu median (s) | runs | peak RSS (MB) | networkx / rustworkx / igraph / Raphtory (s) |"
    );
    println!("| --- | ---: | ---: | ---: | ---: | ---: | --- |");
    for (name, t, peers) in rows {
        println!(
            "| {name} | {:.3} | {:.3} | {:.2} | {} | {} | {peers} |",
            t.wall[0].as_secs_f64(),
            t.wall[t.wall.len() / 2].as_secs_f64(),
            t.cpu[t.cpu.len() / 2],
            t.wall.len(),
            peak_rss_mb()
        );
    }
}

/// `n` actors on one line of RON, their ids `\u{…}`-escaped if asked, each written twice if
/// asked (so that every record is an error to locate).
fn one_line_actors(n: usize, escaped: bool, duplicated: bool) -> String {
    let mut text = String::from("(actors: [");
    for _ in 0..if duplicated { 2 } else { 1 } {
        for i in 0..n {
            let id = if escaped {
                format!("a\\u{{62}}{i}")
            } else {
                format!("ab{i}")
            };
            text.push_str(&format!(
                "Actor(id: \"{id}\", name: \"A {i}\", kind: person), "
            ));
        }
    }
    text.push_str("])");
    text
}

/// Wall and CPU times of the runs, each sorted.
struct Timing {
    wall: Vec<Duration>,
    cpu: Vec<f64>,
}

/// Runs `f` `runs` times; the result of the last run is returned, and each earlier result is
/// dropped outside the timed region.
fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> (Timing, Option<T>) {
    let mut wall = Vec::with_capacity(runs);
    let mut cpu = Vec::with_capacity(runs);
    let mut last = None;
    for _ in 0..runs {
        drop(last.take());
        let (started, cpu_before) = (Instant::now(), common::cpu_seconds());
        let value = f();
        wall.push(started.elapsed());
        cpu.push(common::cpu_seconds() - cpu_before);
        eprintln!(
            "  run: {:.3} s wall, {:.2} s cpu",
            wall.last().map_or(0.0, Duration::as_secs_f64),
            cpu.last().copied().unwrap_or(0.0)
        );
        last = Some(value);
    }
    wall.sort();
    cpu.sort_by(f64::total_cmp);
    (Timing { wall, cpu }, last)
}

/// The process's peak resident memory so far, in MB, from /proc/self/status.
fn peak_rss_mb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map_or(0, |kb| kb * 1024 / 1_000_000)
}
