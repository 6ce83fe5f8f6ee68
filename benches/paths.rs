//! Path benchmarks on the synthetic L data set (100k actors, 1M meetings):
//! 1,000 random point-to-point shortest paths, and earliest-arrival reachability from one
//! actor over all meetings, and 60 random time-ordered chains (the explorer's point query).
//!
//! Run: `cargo bench --bench paths` (generates /tmp/whomet-L/L with ../shared/bench/gen.py if
//! missing; WHOMET_BENCH_DIR names another folder holding the CSV pair, and
//! WHOMET_BENCH_PRESET=S|M|L another size).

// The same allocator as the `whomet` binary, so the timings are the command's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod common;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use whomet::algo::bidirectional::PathFinder;
use whomet::model::ActorIndex;
use whomet::query::temporal::{earliest_arrivals, time_ordered_path, TemporalOptions};
use whomet::store::{load, DataLocation};

fn data_dir() -> PathBuf {
    let preset = std::env::var("WHOMET_BENCH_PRESET").unwrap_or_else(|_| "L".into());
    std::env::var_os("WHOMET_BENCH_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| common::generated_csv(&preset))
}

/// A small deterministic generator, so every run asks the same pairs.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

fn summarize(name: &str, runs: &mut [Duration]) {
    runs.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "{name:<48} min {:>9.3} ms   median {:>9.3} ms   ({} runs)",
        ms(runs[0]),
        ms(runs[runs.len() / 2]),
        runs.len()
    );
}

fn main() {
    let dir = data_dir();
    let started = Instant::now();
    let graph = load(&DataLocation::Dir(dir.clone())).expect("bench data loads");
    println!(
        "loaded {} actors, {} meetings, {} pairs from {} in {:.2} s",
        graph.actor_count(),
        graph.data().meetings.len(),
        graph.adjacency().edge_count(),
        dir.display(),
        started.elapsed().as_secs_f64()
    );
    let n = graph.actor_count() as u64;
    let mut finder = PathFinder::new(graph.adjacency());

    let mut runs = Vec::new();
    let mut found = 0usize;
    let mut total_hops = 0usize;
    for _ in 0..7 {
        let mut rng = SplitMix(7);
        let pairs: Vec<(u32, u32)> = (0..1000)
            .map(|_| ((rng.next() % n) as u32, (rng.next() % n) as u32))
            .collect();
        let t = Instant::now();
        found = 0;
        total_hops = 0;
        for &(a, b) in &pairs {
            if let Some(p) = finder.shortest(a, b) {
                found += 1;
                total_hops += p.len() - 1;
            }
        }
        runs.push(t.elapsed());
    }
    summarize("1,000 point-to-point shortest paths", &mut runs);
    println!(
        "  ({found} found, mean length {:.2} hops)",
        total_hops as f64 / found.max(1) as f64
    );

    // The explorer's time-ordered chain: a point query, bounded by the target's day.
    let mut runs = Vec::new();
    let mut found = 0usize;
    let mut rng = SplitMix(12);
    let pairs: Vec<(u32, u32)> = (0..60)
        .map(|_| ((rng.next() % n) as u32, (rng.next() % n) as u32))
        .collect();
    // Built once per graph on first use (the explorer builds them at start).
    let _ = graph.meeting_times();
    let _ = graph.dated_meetings();
    for &(a, b) in &pairs {
        let t = Instant::now();
        let journey = time_ordered_path(
            &graph,
            ActorIndex(a),
            ActorIndex(b),
            &TemporalOptions::default(),
        );
        runs.push(t.elapsed());
        found += usize::from(journey.is_some());
    }
    let mut sorted = runs.clone();
    sorted.sort();
    summarize("60 time-ordered chains (earliest arrival)", &mut runs);
    println!(
        "  ({found} found; p90 {:.1} ms, max {:.1} ms)",
        sorted[sorted.len() * 9 / 10].as_secs_f64() * 1e3,
        sorted[sorted.len() - 1].as_secs_f64() * 1e3
    );

    // The reach from the best-connected actor is the hardest case: it touches every meeting.
    let hub = (0..graph.actor_count() as u32)
        .max_by_key(|&v| (graph.adjacency().degree(v), std::cmp::Reverse(v)))
        .expect("non-empty");
    let _ = graph.day_bounds();
    let mut runs = Vec::new();
    let mut reached = 0;
    for _ in 0..5 {
        let t = Instant::now();
        let arrivals =
            earliest_arrivals(&graph, ActorIndex(hub), None, &TemporalOptions::default());
        runs.push(t.elapsed());
        reached = arrivals.reached(&graph).len();
    }
    summarize("earliest-arrival reach from the top hub", &mut runs);
    println!(
        "  ({reached} actors reached from {})",
        graph.actor(ActorIndex(hub)).id
    );
    let first = graph.actor_by_id("a000000").unwrap_or(ActorIndex(0));
    let mut runs = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        let arrivals = earliest_arrivals(&graph, first, None, &TemporalOptions::default());
        runs.push(t.elapsed());
        reached = arrivals.reached(&graph).len();
    }
    summarize("earliest-arrival reach from a000000", &mut runs);
    println!("  ({reached} actors reached)");
}
